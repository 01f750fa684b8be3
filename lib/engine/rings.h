/* SPDX-License-Identifier: MIT */
/*
 * The per-CPU BPF ring buffers and their consumer: records are read in place (no copy,
 * no callback per ring) and handed on merged in time order, so that every thread's
 * records come in the order it made them although a thread that moves to another CPU
 * writes to another ring.
 */
#ifndef RENACER_RINGS_H
#define RENACER_RINGS_H

#include <stddef.h>
#include <stdint.h>

struct rn_rings;

/* Gets each record (header and payload) in merged order; a nonzero return is ignored. */
typedef int (*rn_rings_fn)(void *ctx, const void *data, size_t size);

/*
 * Creates n ring buffers of `each` bytes (a power of two, >= a page), puts ring i at
 * key i of the BPF array of maps outer_fd (none when outer_fd < 0: rn_rings__insert
 * does it later) and maps them. Returns 0 or -errno.
 */
int rn_rings__new(struct rn_rings **out, int outer_fd, int n, size_t each);
/*
 * Maps n rings made by an earlier run (pinned; lib/engine/pin.c), taking over their fds
 * (closed on failure too), and skips what they hold: records of a run that died. Returns 0
 * or -errno.
 */
int rn_rings__adopt(struct rn_rings **out, const int *fds, int n, size_t each);
/* Ring i's map fd, or -1. */
int rn_rings__fd(const struct rn_rings *r, int i);
/* Puts ring i of the BPF array of maps outer_fd. Returns 0 or -errno. */
int rn_rings__insert(struct rn_rings *r, int outer_fd);
/*
 * The consumer over rings laid out in memory as the kernel maps them, for the unit tests:
 * per ring the consumer position, the producer position and 2 * each bytes of data (the
 * kernel maps the data twice so that a record that wraps reads as one piece). Returns 0
 * or -errno; rn_rings__free leaves the memory to the caller.
 */
struct rn_ring_mem {
	uint64_t *cons;
	const uint64_t *prod;
	const uint8_t *data;
};

int rn_rings__new_mem(struct rn_rings **out, const struct rn_ring_mem *mem, int n, size_t each);
void rn_rings__free(struct rn_rings *r);
/* Adds every ring to epfd, edge-triggered (the BPF side decides when to wake us). */
int rn_rings__watch(struct rn_rings *r, int epfd);
/* Hands on every record that can go now, in order; returns how many. */
int rn_rings__drain(struct rn_rings *r, rn_rings_fn fn, void *ctx);
/* 1 when every ring is empty: all that was reserved was committed and handed on. */
int rn_rings__empty(struct rn_rings *r);
/* 1 when a ring holds at least mark bytes (its producer woke us, or will not again). */
int rn_rings__backlog(struct rn_rings *r, uint64_t mark);
/* Bytes waiting in all rings, and their total size. */
void rn_rings__fill(struct rn_rings *r, uint64_t *used, uint64_t *size);

#endif
