/* SPDX-License-Identifier: MIT */
/*
 * Where the syscall time of a trace went, as a flame graph: stacks of frames with the
 * syscall as the leaf: process;frames;syscall, the frames those of the call's recorded stack
 * (trace -k/--source), outermost first, or none (process;syscall), the process named by its
 * argv[0]; summed by a metric. Written as the folded-stack text that flamegraph.pl, inferno
 * and speedscope read ("frame;frame;leaf value" a line), or as a self-contained interactive
 * SVG (hover for details, click to zoom, a search box; inline script and style, nothing
 * fetched).
 */
#ifndef RENACER_FLAME_H
#define RENACER_FLAME_H

#include <stdio.h>

#include "trace.h"

enum rn_flame_metric {
	RN_FLAME_TIME = 0, /* ns spent in the calls */
	RN_FLAME_CALLS,	   /* number of calls */
	RN_FLAME_BYTES,	   /* bytes moved: the positive results of calls with a data buffer */
};

/* "time", "calls", "bytes"; -1 when unknown */
int rn_flame_metric__parse(const char *s);

struct rn_flame;

struct rn_flame *rn_flame__new(enum rn_flame_metric m); /* NULL when out of memory */
void rn_flame__free(struct rn_flame *fl);
/* A sink that feeds fl (which must outlive it); its close frees only the sink's part. */
int rn_flame__sink(struct rn_flame *fl, struct rn_tr_sink *out);
/* Folded stacks, sorted, one per line, zero values left out. 0 or -EIO. */
int rn_flame__write_folded(struct rn_flame *fl, FILE *f);
/* The SVG; title names the trace. 0, -ENOMEM or -EIO. */
int rn_flame__write_svg(struct rn_flame *fl, FILE *f, const char *title);

#endif
