/* SPDX-License-Identifier: MIT */
/*
 * The live recorder: turns the engine's records into the golden-trace model (lib/model/trace.h)
 * and hands it to a trace sink. It numbers events, keeps the threads and processes, and
 * has every event stamped with a Lamport clock and its causal edges written by
 * lib/model/causal.h: fork -> the child's first event, execve -> the next event, a
 * child's exit -> the wait that reaps it, a write to a pipe or Unix socket -> the read of
 * those bytes, kill -> the delivery.
 */
#ifndef RENACER_RECORDER_H
#define RENACER_RECORDER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "format.h"
#include "symbol.h"
#include "trace.h"
#include "tracectx.h" /* rn_traceparent__parse, for the fronts that check a TRACEPARENT */

struct rn_recorder;

struct rn_recorder_opts {
	struct rn_fmt_opts fmt;	       /* how arguments are decoded into text */
	const char *traceparent;       /* W3C traceparent to join, or NULL */
	char *const *argv;	       /* the traced command, or NULL (-p) */
	const char *const *record_env; /* NAME=VALUE pairs for the root process, or NULL */
	uint64_t mono_start_ns;	       /* CLOCK_MONOTONIC at trace start */
	uint64_t real_start_ns;	       /* CLOCK_REALTIME at the same moment */
	uint32_t snaplen;	       /* bytes captured per buffer */
	const char *tool;	       /* "renacer 0.1.0" */
	struct rn_symbolizer *sym;     /* events keep their stacks as frames; NULL: none */
};

/* The sink is owned by the caller (closed after rn_recorder__free). err names a bad
 * traceparent. */
int rn_recorder__new(struct rn_recorder **out, const struct rn_recorder_opts *o,
		     const struct rn_tr_sink *sink, char *err, size_t errlen);
void rn_recorder__free(struct rn_recorder *r);

/* The span id the next root process will get: known before the process exists, so it
 * can be put in the child's TRACEPARENT. */
const char *rn_recorder__next_root_span(struct rn_recorder *r);
/* The W3C traceparent value for that span ("00-<trace>-<span>-01"). */
void rn_recorder__child_traceparent(struct rn_recorder *r, char out[56]);
/* Declares a root process (the spawned command, or a -p target). */
int rn_recorder__add_root(struct rn_recorder *r, pid_t pid);

void rn_recorder__syscall(struct rn_recorder *r, const struct rn_event *ev);
void rn_recorder__proc(struct rn_recorder *r, const struct rn_proc_rec *p);
void rn_recorder__signal(struct rn_recorder *r, const struct rn_sig_rec *s);

/* Writes the processes still running, the statistics, and finishes the sink. */
int rn_recorder__finish(struct rn_recorder *r, const uint64_t *counters, uint64_t wall_ns);

#endif
