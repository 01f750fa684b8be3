/* SPDX-License-Identifier: MIT */
/*
 * Turns raw BPF records (from the ring, or from renacerd over the socket) into sink
 * calls: checks each record's size, and joins an enter record (execve's argv, a
 * signal mask) to the exit record of the same call.
 */
#ifndef RENACER_DEMUX_H
#define RENACER_DEMUX_H

#include <stddef.h>

#include "event.h"

/* Sinks get records in ring order; pointers are valid during the call only. */
struct rn_sink {
	void *ctx;
	void (*syscall)(void *ctx, const struct rn_event *ev);
	void (*proc)(void *ctx, const struct rn_proc_rec *r);
	void (*signal)(void *ctx, const struct rn_sig_rec *r);
};

struct rn_demux;

struct rn_demux *rn_demux__new(const struct rn_sink *sink);
void rn_demux__free(struct rn_demux *d);
/* One record; -EINVAL when it is malformed (too short, bad size, unknown kind). */
int rn_demux__record(struct rn_demux *d, const void *data, size_t size);
/* Concatenated records, each rn_rec.size bytes; stops at the first malformed one. */
int rn_demux__buffer(struct rn_demux *d, const void *data, size_t size);

#endif
