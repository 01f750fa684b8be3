/* SPDX-License-Identifier: MIT */
/*
 * One predicate over the events of a trace, shared by show, summary, convert and flamegraph:
 * -e trace= / status= / signal= (strace's qualifiers, filter.h), --pid, --since/--until,
 * --path GLOB and --min-duration. rn_query__sink wraps a sink so that it sees only the
 * events that match; the .rnt reader asks rn_query__may_match_block to skip whole blocks
 * (trace_bin_index.h), which never changes what the wrapped sink receives.
 *
 * What passes: a syscall passes trace=, status=, --pid, the time window, --path (one of its
 * path arguments matches the glob) and --min-duration; a signal passes signal=, --pid and
 * the window, and fails --path; an exit passes --pid and the window, and fails --path.
 * Edges pass when both their events passed; processes, gaps and statistics always pass.
 */
#ifndef RENACER_QUERY_H
#define RENACER_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "filter.h"
#include "renacer_abi.h"
#include "trace.h"

struct rn_query;

struct rn_query *rn_query__new(void); /* NULL when out of memory */
void rn_query__free(struct rn_query *q);

/*
 * The options, each as the user wrote it. 0, or -EINVAL with the message in err ("--pid:
 * '4x2' is not a pid list (give PID[,PID...])"), -ENOMEM.
 *   -e EXPR         trace=, status=, signal= as in `renacerctl trace`
 *   --pid LIST      comma-separated pids (a thread's tid counts too); repeatable
 *   --since/--until T  seconds since the trace start ("1.2", "1.2s", "300ms", "15us", "7ns"),
 *                   or wall-clock time: "@EPOCH_SECONDS[.frac]" or "YYYY-MM-DDTHH:MM:SS[.frac]"
 *                   (UTC, an optional trailing Z)
 *   --path GLOB     a path argument matches GLOB (fnmatch, '*' crosses '/'); repeatable: any
 *   --min-duration D  "1ms", "250us", "2s", a bare number is seconds
 */
int rn_query__add_expr(struct rn_query *q, const char *expr, char *err, size_t errlen);
int rn_query__add_pids(struct rn_query *q, const char *list, char *err, size_t errlen);
int rn_query__set_since(struct rn_query *q, const char *t, char *err, size_t errlen);
int rn_query__set_until(struct rn_query *q, const char *t, char *err, size_t errlen);
int rn_query__add_path(struct rn_query *q, const char *glob, char *err, size_t errlen);
int rn_query__set_min_duration(struct rn_query *q, const char *d, char *err, size_t errlen);

/* true when nothing was set: every event matches (the reader then reads every block) */
bool rn_query__is_all(const struct rn_query *q);
/* The -e part (borrowed), for views that filter on their own as well. */
const struct rn_filter *rn_query__filter(const struct rn_query *q);

/* Wall-clock bounds become relative to the trace's start; call with each trace's header. */
void rn_query__begin(struct rn_query *q, const struct rn_tr_header *h);
bool rn_query__match(const struct rn_query *q, const struct rn_tr_event *e);

/* What one block of a trace holds, as its index says (trace_bin_index.h). */
struct rn_query_block {
	uint64_t nrs[RN_MAX_SYSCALLS / 64]; /* syscall numbers present */
	bool signals, exits, failed;	    /* a signal, an exit, a failed syscall present */
	bool odd_nr;			    /* a syscall numbered outside 0..RN_MAX_SYSCALLS-1 */
	uint32_t pid_min, pid_max;	    /* over pids and tids */
	uint64_t pid_bloom;    /* bit (id * 0x9E3779B97F4A7C15) >> 58 per pid and tid */
	uint64_t t_min, t_max; /* earliest enter, latest end (ns since start) */
	uint64_t max_duration;
};

/* The bloom bit of a pid or tid. */
static inline uint64_t rn_query__pid_bit(uint32_t pid)
{
	return 1ull << (((uint64_t)pid * 0x9E3779B97F4A7C15ull) >> 58);
}

/* false only when no event of such a block can match (after rn_query__begin). */
bool rn_query__may_match_block(const struct rn_query *q, const struct rn_query_block *b);

/*
 * A sink that hands inner (borrowed, closed by its own close) only what matches; q is
 * borrowed and must outlive the sink. Its close frees only the wrapper.
 */
int rn_query__sink(struct rn_tr_sink *out, struct rn_query *q, const struct rn_tr_sink *inner);

#endif
