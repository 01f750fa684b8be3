/* SPDX-License-Identifier: MIT */
/* Private to lib/analysis/assert*.c: the parsed rules' extras and the anti-pattern detectors. */
#ifndef RENACER_ASSERT_INT_H
#define RENACER_ASSERT_INT_H

#include <regex.h>

#include "assertions.h"
#include "filter.h"

/* The compiled pattern of rule i, or NULL when it has none. */
const regex_t *rn_rules__regex(const struct rn_rules *r, size_t i);
/* The syscall set of a syscall_budget rule i, or NULL for other types. */
const struct rn_filter *rn_rules__filter(const struct rn_rules *r, size_t i);

/* What a detector found: its confidence (0..1) and the evidence behind it. */
struct rn_ap_finding {
	double confidence;
	char evidence[400];
	uint64_t ids[RN_ASSERT_MAX_IDS];
	unsigned nids;
};

/* A process as GodProcess weighs it. */
struct rn_ap_proc {
	uint32_t pid, ppid;
	const char *name;
	uint64_t cpu_ns;
	uint64_t cp_ns; /* wall time of the critical path spent in its events */
	bool exchanged; /* sent or received data through a pipe or socket (a stage) */
};

struct rn_apdet; /* TightLoop and ExcessiveSmallIO: fed every event */

struct rn_apdet *rn_apdet__new(void);
void rn_apdet__free(struct rn_apdet *d);
int rn_apdet__event(struct rn_apdet *d, const struct rn_tr_event *e);
void rn_apdet__tight_loop(struct rn_apdet *d, struct rn_ap_finding *f);
void rn_apdet__small_io(struct rn_apdet *d, struct rn_ap_finding *f);
/* GodProcess from the processes of the trace (n of them) and their critical-path share. */
void rn_ap__god_process(const struct rn_ap_proc *procs, size_t n, struct rn_ap_finding *f);

/* memory_usage "allocations": brk and anonymous mmap net of unmaps (assert_alloc.c). */
struct rn_allocs;

struct rn_alloc_peak {
	uint64_t bytes;
	uint64_t id; /* the event that reached it */
	uint32_t pid;
};

struct rn_allocs *rn_allocs__new(void);
void rn_allocs__free(struct rn_allocs *a);
int rn_allocs__event(struct rn_allocs *a, const struct rn_tr_event *e);
/* The peak of the sum over the processes alive. */
void rn_allocs__tree_peak(const struct rn_allocs *a, struct rn_alloc_peak *out);
/* The process whose own peak was highest. */
void rn_allocs__top_process(const struct rn_allocs *a, struct rn_alloc_peak *out);

#endif
