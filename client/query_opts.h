/* SPDX-License-Identifier: MIT */
/* The filter options that show, summary, convert and flamegraph share (lib/model/query.h). */
#ifndef RENACER_CLIENT_QUERY_OPTS_H
#define RENACER_CLIENT_QUERY_OPTS_H

#include <getopt.h>

#include "query.h"
#include "trace.h"

/* getopt values of the long options; 'e' is -e. Kept clear of the commands' own. */
enum {
	RN_QOPT_PID = 400,
	RN_QOPT_SINCE,
	RN_QOPT_UNTIL,
	RN_QOPT_PATH,
	RN_QOPT_MIN_DURATION,
};

#define RN_QUERY_LONGOPTS                                                                          \
	{"pid", required_argument, NULL, RN_QOPT_PID},                                             \
	    {"since", required_argument, NULL, RN_QOPT_SINCE},                                     \
	    {"until", required_argument, NULL, RN_QOPT_UNTIL},                                     \
	    {"path", required_argument, NULL, RN_QOPT_PATH},                                       \
	{                                                                                          \
		"min-duration", required_argument, NULL, RN_QOPT_MIN_DURATION                      \
	}

#define RN_QUERY_USAGE                                                                             \
	"Filters: -e trace=SET, -e status=SET, -e signal=SET (as in `trace`), --pid PID[,PID],\n"  \
	"--since T, --until T (seconds since the start: 1.2, 300ms; or @EPOCH or\n"                \
	"2026-01-31T12:00:00Z), --path GLOB (a path argument), --min-duration D (1ms).\n"

/*
 * Applies option c ('e' or an RN_QOPT_*) to q: 0, 1 when c is not a filter option, or 2
 * after printing the error (the usage exit status).
 */
int rn_cli__query_opt(struct rn_query *q, const char *cmd, int c, const char *arg);
/* rn_tracefile__read, skipping the blocks of an indexed .rnt that q rules out (q may be NULL). */
int rn_cli__read_query(const char *path, const struct rn_tr_sink *sink, struct rn_query *q,
		       struct rn_error *err);

#endif
