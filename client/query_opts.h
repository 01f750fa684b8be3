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

/* rn_cli__getopt's answer after it printed a filter option's error (exit with status 2). */
#define RN_QOPT_FAILED (-2)

/*
 * getopt_long over argv (optind restarted at the first call of a command) that applies the
 * filter options ('e' and RN_QUERY_LONGOPTS) to q itself: the next option that is not a
 * filter, with optarg set, -1 at the end, or RN_QOPT_FAILED. The one option loop of show,
 * summary, convert and flamegraph.
 */
int rn_cli__getopt(struct rn_query *q, const char *cmd, int argc, char **argv,
		   const char *shortopts, const struct option *longopts);
/* rn_tracefile__read, skipping the blocks of an indexed .rnt that q rules out (q may be NULL). */
int rn_cli__read_query(const char *path, const struct rn_tr_sink *sink, struct rn_query *q,
		       struct rn_error *err);

#endif
