/* SPDX-License-Identifier: MIT */
/*
 * The golden-trace model as OTLP spans: a trace sink (lib/model/trace.h) that builds
 * ExportTraceServiceRequest messages and hands them on packed, a batch at a time. Pure
 * code: no network, no clock, no environment (lib/export/otlp_conf.h reads those).
 *
 * One span per process, its parent the span of its parent process (the model's span ids,
 * so the root's parent is the TRACEPARENT the trace joined); syscall spans under their
 * process span as the policy says, with their real enter and exit times; status ERROR
 * for a failed call and for a process that exits non-zero or dies by a signal; exec and
 * signals as events of the process span; pipe, wait and kill edges as links on the span
 * of the receiving call (its process span when the call is not exported).
 *
 * A process's span id is known only from its process record (at its end), so its calls
 * wait in memory, compactly, until then; finish sends what is left.
 */
#ifndef RENACER_OTLP_MAP_H
#define RENACER_OTLP_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

enum rn_otlp_spans {
	RN_OTLP_SPANS_NONE = 0, /* process spans only */
	RN_OTLP_SPANS_SLOW,	/* and calls that took at least slow_ns */
	RN_OTLP_SPANS_ALL,	/* and every call */
};

#define RN_OTLP_SLOW_DEFAULT_NS	 (10ull * 1000 * 1000) /* 10 ms: a call a person notices */
#define RN_OTLP_BATCH_DEFAULT	 512		       /* spans per request */
#define RN_OTLP_BATCH_NS_DEFAULT (1000ull * 1000000)   /* 1 s of trace time */
#define RN_OTLP_SCOPE_NAME	 "renacer"

struct rn_otlp_kv {
	const char *key, *value;
};

struct rn_otlp_map_opts {
	enum rn_otlp_spans spans;
	uint64_t slow_ns;	  /* RN_OTLP_SPANS_SLOW's threshold */
	const char *service_name; /* NULL: the traced command's name, else "renacer" */
	/* OTEL_RESOURCE_ATTRIBUTES, put on the resource after renacer's own */
	const struct rn_otlp_kv *resource;
	size_t nresource;
	uint32_t batch_spans; /* 0: RN_OTLP_BATCH_DEFAULT */
	/* A batch is sent once the trace's clock passed this since its first span, so a
	 * live trace's spans go out while it runs (0: RN_OTLP_BATCH_NS_DEFAULT). */
	uint64_t batch_ns;
	/* Takes a packed request (malloc'd; the callee frees it); 0 or -errno. */
	int (*emit)(void *ctx, uint8_t *buf, size_t len, uint32_t nspans);
	void *emit_ctx;
};

struct rn_otlp_map_stats {
	uint64_t spans;		/* handed to emit */
	uint64_t requests;	/* emit calls */
	uint64_t links_dropped; /* edges whose ends were not both known in time */
};

struct rn_otlp_map;

int rn_otlp_map__new(struct rn_otlp_map **out, const struct rn_otlp_map_opts *o);
/* The sink; its finish sends everything left, its close frees the map. */
void rn_otlp_map__sink(struct rn_otlp_map *m, struct rn_tr_sink *out);
/* Sends the spans built so far (a batch by time rather than size). */
int rn_otlp_map__flush(struct rn_otlp_map *m);
void rn_otlp_map__stats(const struct rn_otlp_map *m, struct rn_otlp_map_stats *st);
void rn_otlp_map__free(struct rn_otlp_map *m);

/* "all", "none", "slow" or "slow=DURATION" (10ms, 500us, 1s, 250ns; bare numbers are ms);
 * 0, or -EINVAL with what is wrong in err. */
int rn_otlp_spans__parse(const char *s, enum rn_otlp_spans *spans, uint64_t *slow_ns, char *err,
			 size_t errlen);
/* "1.5s", "200ms", "30us", "100ns", or a bare number of unit_ns; 0 or -EINVAL. */
int rn_otlp_duration__parse(const char *s, uint64_t unit_ns, uint64_t *ns);

#endif
