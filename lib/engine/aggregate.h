/* SPDX-License-Identifier: MIT */
/*
 * The aggregating BPF object of renacerd --system-wide (bpf/aggregate.bpf.c): loads it,
 * attaches it, reads its per-CPU maps summed, and hands on its ring's records (process
 * lifecycle, slow calls). Separate from the tracing engine: either runs without the other.
 */
#ifndef RENACER_AGGREGATE_H
#define RENACER_AGGREGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>

#include "aggregate_abi.h"

struct rn_agg;

struct rn_agg_opts {
	uint32_t self_tgid; /* a process left out (renacerd's own); 0: none */
	/* the (process, syscall) entries the kernel map holds before LRU eviction (the errno
	 * map a quarter of it, the threads' slots a RN_AGG_KEYS_PER_SLOT-th); 0: RN_AGG_MAX_KEYS */
	uint32_t max_keys;
	/* fills the per-syscall knobs (thresholds, byte counting), RN_AGG_SYSCALLS rows */
	void (*fill_sysinfo)(struct rn_agg_sysinfo *tab, void *ctx);
	void *fill_ctx;
};

/* Loads (not attached); on failure returns -errno with why and the fix in err. */
int rn_agg__new(struct rn_agg **out, const struct rn_agg_opts *o, char *err, size_t errlen);
void rn_agg__free(struct rn_agg *a);
/* Attaches every program (no-op when attached); 0 or -errno, nothing attached on failure. */
int rn_agg__attach(struct rn_agg *a);
void rn_agg__detach(struct rn_agg *a);
bool rn_agg__attached(const struct rn_agg *a);
/* Rewrites the per-syscall knobs (a reload). */
int rn_agg__set_sysinfo(struct rn_agg *a, const struct rn_agg_sysinfo *tab);

/*
 * One aggregate per (process, syscall): its threads' slots (those ended and those live) and
 * the LRU map's entry summed (the LRU map's over the CPUs): counts since the process began,
 * unless the LRU evicted its entry (then lower than the last read's, when that entry was all
 * of it; else what the evicted entry had counted is kept). Then each count per
 * (process, syscall, errno), alike. A callback returns 0 to go on, 1 to forget the process
 * (it ended: read for the last time), -errno to stop with it. A process whose exit record
 * went through rn_agg__consume before the read is forgotten after it whatever the callbacks
 * say, once none of its threads holds a live slot.
 */
typedef int (*rn_agg_entry_fn)(void *ctx, const struct rn_agg_key *k, const struct rn_agg_val *v);
typedef int (*rn_agg_err_fn)(void *ctx, const struct rn_agg_errkey *k, uint64_t count);
int rn_agg__read(struct rn_agg *a, rn_agg_entry_fn fn, rn_agg_err_fn efn, void *ctx);
/* Adds v to s (the histogram bucket by bucket, the maximum as a maximum). */
void rn_agg_val__add(struct rn_agg_val *s, const struct rn_agg_val *v);
/* Forgets the aggregates of tgid (a process that ended and was read); returns how many. */
int rn_agg__forget(struct rn_agg *a, uint32_t tgid);

/*
 * The ring's records (struct rn_agg_proc / rn_agg_slow, by their first __u32) read now; the
 * processes whose exit record found the ring full count as exited as well (no record for fn).
 */
typedef int (*rn_agg_rec_fn)(void *ctx, const void *data, size_t size);
int rn_agg__consume(struct rn_agg *a, rn_agg_rec_fn fn, void *ctx);

/* Counters summed: out[RN_AGG_CNT__MAX]; and the entries user space deleted so far. */
int rn_agg__counters(struct rn_agg *a, uint64_t *out);
/* The (process, syscall) entries made so far, in one lookup. */
uint64_t rn_agg__keys_made(struct rn_agg *a);
/*
 * A read is due at once (cheap enough to ask every turn): since the last read, a quarter of
 * the LRU map was made (under churn the ended processes' entries would soon evict live ones'),
 * or a quarter of the threads' slots was taken (ended threads' slots are freed by a read).
 */
bool rn_agg__pressed(struct rn_agg *a);
/*
 * Entries the kernel's LRU evicted, as of the last walks: made - deleted - live per map, with
 * made read before each walk (so it is never high; it may lag until the next walk).
 */
uint64_t rn_agg__evicted(const struct rn_agg *a);
/* The threads' slots: how many, how many were taken so far (a slot freed by a read is taken
 * again), and the threads of tgid that hold one now (ended ones until a read frees them). */
uint32_t rn_agg__nslots(const struct rn_agg *a);
uint64_t rn_agg__slots_taken(const struct rn_agg *a);
uint32_t rn_agg__threads_in_slots(const struct rn_agg *a, uint32_t tgid);
/* Bytes the maps may take in the kernel at most (values are per CPU). */
uint64_t rn_agg__map_bytes(const struct rn_agg *a);

#endif
