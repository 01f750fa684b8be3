/* SPDX-License-Identifier: MIT */
/*
 * The -c summary: per-syscall calls, errors and time, printed in the exact layout of
 * `strace -c` 6.1. Time is the latency from syscall enter to exit (strace -w), not
 * strace's default system time.
 */
#ifndef RENACER_SUMMARY_H
#define RENACER_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct rn_summary;

/* NULL if out of memory. Sorted by time until rn_summary__set_sort says otherwise. */
struct rn_summary *rn_summary__new(void);
void rn_summary__free(struct rn_summary *s);

/* Hot path, O(1). Numbers outside 0..RN_MAX_SYSCALLS-1 are ignored, as strace does. */
void rn_summary__add(struct rn_summary *s, int nr, uint64_t duration_ns, bool failed);

/*
 * strace -S: time (default), min-time, max-time, avg-time, calls, errors, name, nothing,
 * and strace's aliases (time_total, shortest, longest, count, syscall, none, ...).
 * Returns 0, or -EINVAL for a name strace rejects.
 */
int rn_summary__set_sort(struct rn_summary *s, const char *sortby);

/*
 * strace -U: the columns, in order, from a comma-separated list of the names -S takes
 * (time-percent, total-time, min-time, max-time, avg-time, calls, errors, name and their
 * aliases); name is added last when not given. 0, or -EINVAL with strace's message in err.
 */
int rn_summary__set_columns(struct rn_summary *s, const char *spec, char *err, size_t errlen);

/*
 * Events lost while the trace was recorded: printed as one more row under the total
 * (calls column), with the gaps and threads they fell in; nothing when lost is 0.
 */
void rn_summary__set_lost(struct rn_summary *s, uint64_t lost, uint64_t gaps, uint64_t threads);

/* Prints the table; prints nothing when no call was added, like strace (except a loss). */
void rn_summary__print(const struct rn_summary *s, FILE *out);

#endif
