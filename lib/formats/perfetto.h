/* SPDX-License-Identifier: MIT */
/*
 * The Chrome Trace Event Format (JSON object form) that ui.perfetto.dev and chrome://tracing
 * open: a process track per process named by its argv, a thread track per thread, a slice
 * ("ph":"X") per syscall with the decoded call and result in args, instant events for
 * fork, exec, exit and signals, flow arrows ("s"/"f") for the causal edges, a "critical
 * path" track (pid 0) and a slice per lost-event gap. docs/views.md.
 */
#ifndef RENACER_PERFETTO_H
#define RENACER_PERFETTO_H

#include <stdio.h>

#include "query.h"
#include "trace.h"

/*
 * A sink writing to f (kept open). Events that do not match q (borrowed, may be NULL) get
 * no slice and no arrow, but still count for the critical path and the gaps' places.
 */
int rn_perfetto__new(struct rn_tr_sink *out, FILE *f, struct rn_query *q);

#endif
