/* SPDX-License-Identifier: MIT */
/*
 * Length-prefixed protobuf frames on a stream socket (the control API): a 4-byte
 * big-endian length, then the message. Non-blocking: reads gather until a frame is
 * whole, writes queue until the socket takes them.
 */
#ifndef RENACER_FRAME_H
#define RENACER_FRAME_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define RN_FRAME_MAX_REQUEST (64u << 10)
#define RN_FRAME_MAX_REPLY   (16u << 20)

struct rn_conn {
	int fd;
	size_t max_in;	     /* largest frame accepted */
	struct rn_strbuf in; /* bytes read, not yet consumed */
	size_t in_used;	     /* bytes of `in` taken by the frame last returned */
	struct rn_strbuf out;
	size_t out_off; /* bytes of `out` already written */
};

void rn_conn__init(struct rn_conn *c, int fd, size_t max_in);
void rn_conn__release(struct rn_conn *c); /* frees buffers; does not close fd */

/*
 * How much of buf is one frame: 0 while incomplete; the frame's total size (header
 * included) when whole; -EMSGSIZE when its length exceeds max.
 */
long rn_frame__split(const void *buf, size_t len, size_t max);

/*
 * Reads what the socket has and returns the next whole frame's payload: 1 with
 * payload and len set (valid until the next call), 0 when more bytes are needed,
 * -EPIPE at end of stream, -EMSGSIZE for an oversized frame, -errno on errors.
 */
int rn_conn__next(struct rn_conn *c, const uint8_t **payload, size_t *len);
/* Queues a message, framed. */
int rn_conn__queue(struct rn_conn *c, const ProtobufCMessage *m);
/* Writes what it can: 0 when nothing is left, 1 when bytes remain, -errno on error. */
int rn_conn__flush(struct rn_conn *c);
/* Bytes waiting to be written. */
size_t rn_conn__pending(const struct rn_conn *c);
/*
 * Bytes read and not yet handed out as a frame. After rn_conn__next returned 0 these are
 * the start of a frame that is not whole yet.
 */
size_t rn_conn__buffered(const struct rn_conn *c);

#endif
