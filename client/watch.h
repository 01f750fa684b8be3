/* SPDX-License-Identifier: MIT */
/*
 * A trace sink that sits between a reader and the sink it feeds (show, summary, convert):
 * it notes how the trace ended, where events were lost, and what passed, so the commands
 * can say a trace is incomplete or has holes, and finish an output cut short with
 * statistics of what it holds (marked incomplete).
 */
#ifndef RENACER_CLIENT_WATCH_H
#define RENACER_CLIENT_WATCH_H

#include <linux/types.h> /* renacer_abi.h's types */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hmap.h"
#include "tally.h"
#include "trace.h"

#define RN_WATCH_AFTER 3 /* gap positions kept (and named) per thread */

struct rn_watch_thread {
	uint32_t tid;
	uint64_t lost, gaps;
	uint64_t after[RN_WATCH_AFTER]; /* the first gaps' after_id */
};

/*
 * Sits between a reader and the sink it feeds: notes how the trace ended, where events
 * were lost, and counts what passed, so a trace cut short still gets statistics.
 */
struct rn_watch {
	const struct rn_tr_sink *inner;
	bool header, finished, no_stats, incomplete;
	uint64_t events, last_id;
	int sink_err; /* the first error of the inner sink (an output that failed) */
	uint64_t stats_lost, gap_lost, ngaps;
	struct rn_watch_thread *thr;
	size_t nthr, cap;
	struct rn_hmap by_tid;
	struct rn_tally tally;
	uint64_t end_ns;
};

/* How a trace ended short: reader error, no closing record, no statistics, marked so. */
enum rn_watch_ending { RN_WATCH_CUT, RN_WATCH_NO_END, RN_WATCH_NO_STATS, RN_WATCH_MARKED };

/* *ws is the sink to hand to the reader; it forwards to inner. */
void rn_watch__init(struct rn_watch *w, const struct rn_tr_sink *inner, struct rn_tr_sink *ws);
void rn_watch__release(struct rn_watch *w);
/* Events lost: the statistics' count, or the gaps' when they say more. */
uint64_t rn_watch__lost(const struct rn_watch *w);
/* Finishes inner with statistics of what passed, marked incomplete. */
int rn_watch__finish_cut(struct rn_watch *w);
/* "renacerctl CMD: warning: PATH is incomplete: how it ended; what is missing" on stderr. */
void rn_watch__say_incomplete(const char *cmd, const char *path, const struct rn_watch *w,
			      enum rn_watch_ending how);
/* A note on stderr: how many events were lost, on which threads, after which event ids. */
void rn_watch__say_losses(const char *cmd, const char *path, const struct rn_watch *w);

#endif
