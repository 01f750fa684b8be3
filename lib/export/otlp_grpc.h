/* SPDX-License-Identifier: MIT */
/*
 * OTLP over gRPC: a delivery thread that sends packed ExportTraceServiceRequests to
 * TraceService/Export with gRPC C core, off the tracing path. push never blocks: a full
 * queue drops the request and counts its spans. Retryable codes (UNAVAILABLE,
 * RESOURCE_EXHAUSTED, ...) are retried with exponential backoff and jitter; each call has
 * the configured deadline; close flushes what is queued until the flush deadline, then
 * drops the rest, counted.
 */
#ifndef RENACER_OTLP_GRPC_H
#define RENACER_OTLP_GRPC_H

#include <stddef.h>
#include <stdint.h>

#include "otlp_conf.h"

struct rn_otlp_stats {
	uint64_t sent_spans, sent_requests;
	uint64_t dropped_spans, dropped_requests; /* queue full, refused, or flush deadline */
	uint64_t rejected_spans;		  /* partial_success from the receiver */
	uint64_t retries;
	char last_error[256]; /* the last failed call, "" when none */
};

struct rn_otlp_client;

/* Checks the TLS roots and starts the thread; the channel connects on the first call. */
int rn_otlp_client__new(struct rn_otlp_client **out, const struct rn_otlp_conf *c, char *err,
			size_t errlen);
/* Takes buf (malloc'd, freed here). A full queue drops it (-ENOSPC), or with
 * conf.wait_for_room waits until the delivery thread makes room. */
int rn_otlp_client__push(struct rn_otlp_client *c, uint8_t *buf, size_t len, uint32_t nspans);
/* The same for a packed ExportMetricsServiceRequest, sent to MetricsService/Export. */
int rn_otlp_client__push_metrics(struct rn_otlp_client *c, uint8_t *buf, size_t len);
/* The shape of rn_otlp_map_opts.emit, for a client as ctx; a drop is no error. */
int rn_otlp_client__emit(void *ctx, uint8_t *buf, size_t len, uint32_t nspans);
void rn_otlp_client__stats(struct rn_otlp_client *c, struct rn_otlp_stats *st);
/* Flushes until the flush deadline, stops the thread, frees; st (may be NULL) gets the
 * final counts. NULL-safe. */
void rn_otlp_client__close(struct rn_otlp_client *c, struct rn_otlp_stats *st);

#endif
