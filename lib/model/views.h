/* SPDX-License-Identifier: MIT */
/*
 * Sinks that turn a trace (read from a file) into what a person reads: the strace
 * text view, the -c table, and the critical path.
 */
#ifndef RENACER_VIEWS_H
#define RENACER_VIEWS_H

#include <stdbool.h>
#include <stdio.h>

#include "filter.h"
#include "summary.h"
#include "textout.h"
#include "trace.h"

struct rn_textview_opts {
	struct rn_textout_opts out;
	bool follow;			/* all processes, else the first one only (like strace) */
	const struct rn_filter *filter; /* borrowed; NULL: everything */
	unsigned stacks;		/* show --source, -k: the frames kept (enum rn_sym_show) */
};

/* strace's text of every event; out stays open. */
int rn_textview__new(struct rn_tr_sink *sink, FILE *out, const struct rn_textview_opts *o);

/* Feeds each syscall's duration into sum (borrowed), filtered by filter (may be NULL). */
int rn_summaryview__new(struct rn_tr_sink *sink, struct rn_summary *sum,
			const struct rn_filter *filter);

/*
 * Collects events and edges; at finish prints the critical path to out: the heaviest
 * path through the happens-before graph (program order within each thread plus the
 * causal edges), weighted by call durations and the time between events.
 */
int rn_critpath__new(struct rn_tr_sink *sink, FILE *out);

#endif
