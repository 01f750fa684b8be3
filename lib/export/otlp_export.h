/* SPDX-License-Identifier: MIT */
/*
 * A front's whole OTLP export in one object: the configuration checked at start
 * (otlp_conf), the span mapping (otlp_map) and the delivery thread (otlp_grpc). Its sink
 * can pass everything on to another sink too, so a recorder writes a trace file and
 * exports it in one pass.
 */
#ifndef RENACER_OTLP_EXPORT_H
#define RENACER_OTLP_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "otlp_conf.h"
#include "otlp_grpc.h"
#include "trace.h"

/* What a command line gives; NULL or 0 fields take the defaults. */
struct rn_otlp_export_opts {
	const char *url;	    /* --otlp; else OTEL_EXPORTER_OTLP_{TRACES_,}ENDPOINT */
	const char *spans;	    /* --otlp-spans: all, none, slow, slow=DURATION */
	const char *const *headers; /* --otlp-header key=value */
	size_t nheaders;
	const char *flush;  /* --otlp-flush-timeout, a duration */
	uint32_t batch;	    /* spans per request */
	uint32_t queue;	    /* requests waiting for the network */
	bool wait_for_room; /* off the tracing path (a file): wait for the queue, never drop */
};

struct rn_otlp_export;

/* Checks everything and starts the delivery thread; -errno with err saying what to fix. */
int rn_otlp_export__new(struct rn_otlp_export **out, const struct rn_otlp_export_opts *o, char *err,
			size_t errlen);
/* The sink feeding the export and, first, inner (NULL: none; not closed by this one). */
void rn_otlp_export__sink(struct rn_otlp_export *x, const struct rn_tr_sink *inner,
			  struct rn_tr_sink *out);
const char *rn_otlp_export__url(const struct rn_otlp_export *x);
/* Sends what is left, flushes until the flush deadline and frees; st (may be NULL) gets
 * the delivery's counts. NULL-safe. */
void rn_otlp_export__close(struct rn_otlp_export *x, struct rn_otlp_stats *st);

#endif
