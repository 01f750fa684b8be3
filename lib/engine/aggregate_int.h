/* SPDX-License-Identifier: MIT */
/*
 * What lib/engine/aggregate.c (loading, attaching, the ring, the counters) shares with
 * aggregate_read.c (the reads: threads' slots and LRU maps summed per process).
 */
#ifndef RENACER_AGGREGATE_INT_H
#define RENACER_AGGREGATE_INT_H

#include "aggregate.h"
#include "hmap.h"

/* One (process, syscall) or (process, syscall, errno) of a read: its sources summed. */
struct agg_sum {
	uint64_t key;		 /* agg_key() */
	struct rn_agg_val v;	 /* all: ended threads, live threads' slots, the LRU map's entry
				  * (an errno's count in v.calls) */
	struct rn_agg_val ended; /* the ended threads' part (and evicted entries'), kept */
	uint32_t kept_at;	 /* its entry in kept + 1 (from the last read); 0: none */
	uint32_t lru_at;	 /* its LRU entry in lrus + 1, when it has other parts; 0: none */
	bool in_lru, in_slot, has_ended;
};

/*
 * What a read keeps of a sum for the next: the ended threads' part, and the LRU entry of a sum
 * with other parts (its eviction would not show as a smaller sum: the next read adds it back).
 */
struct agg_kept {
	uint64_t key;
	struct rn_agg_val ended, lru;
	bool has_ended, has_lru;
};

struct rn_agg {
	struct aggregate *skel;
	struct ring_buffer *ring;
	rn_agg_rec_fn rec_fn;
	void *rec_ctx;
	int ncpus;
	int agg_fd, errs_fd, free_fd, cnt_fd, lost_fd; /* the maps user space reads and writes */
	uint32_t max_keys, max_errs;		       /* the LRU maps' bounds */
	bool attached;
	/* per LRU map (`agg`, `agg_errs`): entries deleted by user space, live at the last
	 * walk, and the evictions that implies (the highest made - deleted - live seen) */
	uint64_t deleted[2], live[2], evicted[2];
	/* batch buffers: keys and per-CPU values */
	struct rn_agg_key *keys;
	struct rn_agg_val *vals;
	struct rn_agg_errkey *ekeys;
	uint64_t *evals;
	uint64_t *cnt; /* one counter's per-CPU values */
	/* the threads' slots (mapped) and how many were taken (the object's .bss, mapped) */
	struct rn_agg_slot *slots;
	size_t slots_len;
	uint32_t nslots;
	const volatile uint64_t *slots_taken;
	/* the sums of a read; what of them is kept between reads; the LRU entries of sums with
	 * other parts (this read's) */
	struct agg_sum *sums;
	struct agg_kept *kept;
	struct rn_agg_val *lrus;
	size_t nsums, capsums, nkept, nlrus, caplrus;
	struct rn_hmap at, live_tgids, gone;
	/* processes whose exit record went by since the last read: read once more, forgotten */
	uint32_t *exited;
	size_t nexited, capexited;
	uint64_t made_at_read, taken_at_read;
};

#endif
