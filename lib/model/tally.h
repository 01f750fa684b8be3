/* SPDX-License-Identifier: MIT */
/*
 * Per-syscall call counts, errors and time, and the statistics of a trace made from them:
 * one tally for every producer of a trace's statistics (the live recorder, and the
 * commands that finish an output whose input was cut short).
 */
#ifndef RENACER_TALLY_H
#define RENACER_TALLY_H

#include <linux/types.h> /* renacer_abi.h's types */
#include <stdbool.h>
#include <stdint.h>

#include "renacer_abi.h"
#include "trace.h"

struct rn_tally {
	uint64_t calls[RN_MAX_SYSCALLS], errors[RN_MAX_SYSCALLS], dur[RN_MAX_SYSCALLS];
	uint64_t total_calls, total_dur;
};

/* The rows rn_tally__stats points st at; they live as long as st is used. */
struct rn_tally_rows {
	const char *names[RN_MAX_SYSCALLS];
	uint64_t calls[RN_MAX_SYSCALLS], errors[RN_MAX_SYSCALLS], dur[RN_MAX_SYSCALLS];
};

/* One call that returned; numbers out of range are not counted. */
static inline void rn_tally__add(struct rn_tally *t, int64_t nr, bool failed, uint64_t dur)
{
	if (nr < 0 || nr >= RN_MAX_SYSCALLS)
		return;
	t->calls[nr]++;
	t->dur[nr] += dur;
	t->errors[nr] += failed;
	t->total_calls++;
	t->total_dur += dur;
}

/* Totals and a row per named syscall that was called, in number order; other fields of st
 * are left as they are. */
void rn_tally__stats(const struct rn_tally *t, struct rn_tally_rows *rows, struct rn_tr_stats *st);

#endif
