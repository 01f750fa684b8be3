/* SPDX-License-Identifier: MIT */
/*
 * renacerd --system-wide in OTLP terms: the aggregates of lib/model/sysstats.h as one
 * ExportMetricsServiceRequest (per process a resource with its pid, executable, container and
 * pod; counters syscall.calls / syscall.errors / syscall.bytes and the histogram
 * syscall.duration, cumulative since the process was first seen, one point per syscall), and
 * slow calls as spans under their process's span (sent by the caller through the delivery
 * thread of otlp_grpc.c).
 */
#ifndef RENACER_OTLP_METRICS_H
#define RENACER_OTLP_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "sysstats.h"

struct rn_otlp_sys_opts {
	int64_t mono_to_real_ns; /* CLOCK_REALTIME - CLOCK_MONOTONIC */
	uint64_t now_mono_ns;
	const char *(*name_of)(int nr); /* a syscall's name (NULL: "syscall_N") */
	const char *host;		/* host.name */
	uint64_t evicted, dropped;	/* renacer.evicted / renacer.dropped on the host resource */
	uint64_t trace_secret;		/* mixed into trace and span ids (per daemon run) */
};

/* The processes of s as a packed ExportMetricsServiceRequest (*buf malloc'd); 0 or -errno. */
int rn_otlp_metrics__pack(struct rn_sysstats *s, const struct rn_otlp_sys_opts *o, uint8_t **buf,
			  size_t *len);

/* A slow call as the span renacer gives it, kept until the next export. */
struct rn_otlp_slow {
	struct rn_ss_slow call; /* its strings are owned here */
	uint64_t proc_start_ns; /* its process's start: the trace and parent span ids */
};

/*
 * Spans of slow calls (each under its process's span) and of processes that ended after
 * since_ns (the process spans, with exit status, CPU and peak RSS), as a packed
 * ExportTraceServiceRequest; *nspans 0 (and *buf NULL) when there is none.
 */
int rn_otlp_sysspans__pack(struct rn_sysstats *s, const struct rn_otlp_slow *slow, size_t nslow,
			   uint64_t since_ns, const struct rn_otlp_sys_opts *o, uint8_t **buf,
			   size_t *len, uint32_t *nspans);

#endif
