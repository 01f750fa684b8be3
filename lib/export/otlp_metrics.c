// SPDX-License-Identifier: MIT
#include "otlp_metrics.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb-c.h"
#include "otlp_pb.h"

typedef Opentelemetry__Proto__Metrics__V1__Metric pb_metric;
typedef Opentelemetry__Proto__Metrics__V1__NumberDataPoint pb_point;
typedef Opentelemetry__Proto__Metrics__V1__HistogramDataPoint pb_hpoint;
typedef Opentelemetry__Proto__Metrics__V1__ResourceMetrics pb_rm;
typedef Opentelemetry__Proto__Metrics__V1__ScopeMetrics pb_sm;
typedef Opentelemetry__Proto__Resource__V1__Resource pb_resource;
typedef Opentelemetry__Proto__Common__V1__InstrumentationScope pb_scope;

#define SCOPE	 "renacer"
#define NBOUNDS	 (RN_AGG_HIST - 1)
#define NMETRICS 4

static const char *call_name(const struct rn_otlp_sys_opts *o, int nr, char *buf, size_t len)
{
	const char *n = o->name_of ? o->name_of(nr) : NULL;

	if (n)
		return n;
	snprintf(buf, len, "syscall_%d", nr);
	return buf;
}

/* The resource of a process: who it is and where it runs (semantic conventions). */
static pb_resource *resource(struct rn_bump *b, const struct rn_ss_proc *p,
			     const struct rn_otlp_sys_opts *o)
{
	pb_resource *r = rn_bump__alloc(b, sizeof(*r));
	struct rn_pb_attrs a = {0};

	if (!r)
		return NULL;
	opentelemetry__proto__resource__v1__resource__init(r);
	rn_pb_attrs__str(b, &a, "service.name", "renacerd");
	if (o->host)
		rn_pb_attrs__str(b, &a, "host.name", o->host);
	rn_pb_attrs__int(b, &a, "process.pid", p->pid);
	if (p->ppid)
		rn_pb_attrs__int(b, &a, "process.parent_pid", p->ppid);
	if (p->comm[0])
		rn_pb_attrs__str(b, &a, "process.executable.name", p->comm);
	if (p->exe[0])
		rn_pb_attrs__str(b, &a, "process.executable.path", p->exe);
	if (p->cgroup[0])
		rn_pb_attrs__str(b, &a, "renacer.cgroup", p->cgroup);
	if (p->ctr.id[0])
		rn_pb_attrs__str(b, &a, "container.id", p->ctr.id);
	if (p->ctr.runtime[0])
		rn_pb_attrs__str(b, &a, "container.runtime", p->ctr.runtime);
	if (p->ctr.pod_uid[0])
		rn_pb_attrs__str(b, &a, "k8s.pod.uid", p->ctr.pod_uid);
	if (p->ctr.unit[0])
		rn_pb_attrs__str(b, &a, "systemd.unit", p->ctr.unit);
	r->attributes = a.v;
	r->n_attributes = a.n;
	return r;
}

static pb_metric *metric(struct rn_bump *b, const char *name, const char *unit, const char *desc,
			 size_t npoints, bool histogram)
{
	pb_metric *m = rn_bump__alloc(b, sizeof(*m));

	if (!m)
		return NULL;
	opentelemetry__proto__metrics__v1__metric__init(m);
	m->name = (char *)name;
	m->unit = (char *)unit;
	m->description = (char *)desc;
	if (histogram) {
		m->data_case = OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_HISTOGRAM;
		m->histogram = rn_bump__alloc(b, sizeof(*m->histogram));
		if (!m->histogram)
			return NULL;
		opentelemetry__proto__metrics__v1__histogram__init(m->histogram);
		m->histogram->aggregation_temporality =
		    OPENTELEMETRY__PROTO__METRICS__V1__AGGREGATION_TEMPORALITY__AGGREGATION_TEMPORALITY_CUMULATIVE;
		m->histogram->data_points =
		    rn_bump__alloc(b, (npoints + 1) * sizeof(*m->histogram->data_points));
	} else {
		m->data_case = OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_SUM;
		m->sum = rn_bump__alloc(b, sizeof(*m->sum));
		if (!m->sum)
			return NULL;
		opentelemetry__proto__metrics__v1__sum__init(m->sum);
		m->sum->aggregation_temporality =
		    OPENTELEMETRY__PROTO__METRICS__V1__AGGREGATION_TEMPORALITY__AGGREGATION_TEMPORALITY_CUMULATIVE;
		m->sum->is_monotonic = 1;
		m->sum->data_points =
		    rn_bump__alloc(b, (npoints + 1) * sizeof(*m->sum->data_points));
	}
	return m;
}

static void add_point(struct rn_bump *b, pb_metric *m, rn_pb_kv **attrs, size_t nattrs,
		      uint64_t start, uint64_t now, uint64_t v)
{
	pb_point *p = rn_bump__alloc(b, sizeof(*p));

	if (!p || !m->sum->data_points)
		return;
	opentelemetry__proto__metrics__v1__number_data_point__init(p);
	p->attributes = attrs;
	p->n_attributes = nattrs;
	p->start_time_unix_nano = start;
	p->time_unix_nano = now;
	p->value_case = OPENTELEMETRY__PROTO__METRICS__V1__NUMBER_DATA_POINT__VALUE_AS_INT;
	p->as_int = (int64_t)v;
	m->sum->data_points[m->sum->n_data_points++] = p;
}

/* Bucket b of the kernel's histogram is [2^b, 2^(b+1)) ns: bound b is 2^(b+1). */
static double bounds[NBOUNDS];

static void add_hist(struct rn_bump *b, pb_metric *m, rn_pb_kv **attrs, size_t nattrs,
		     uint64_t start, uint64_t now, const struct rn_agg_val *v)
{
	pb_hpoint *p = rn_bump__alloc(b, sizeof(*p));
	uint64_t *counts = rn_bump__alloc(b, RN_AGG_HIST * sizeof(uint64_t));
	int i;

	if (!p || !counts || !m->histogram->data_points)
		return;
	if (!bounds[0])
		for (i = 0; i < NBOUNDS; i++)
			bounds[i] = (double)(1ULL << (i + 1));
	opentelemetry__proto__metrics__v1__histogram_data_point__init(p);
	p->attributes = attrs;
	p->n_attributes = nattrs;
	p->start_time_unix_nano = start;
	p->time_unix_nano = now;
	p->count = v->calls;
	p->sum = (double)v->sum_ns;
	p->max = (double)v->max_ns;
	for (i = 0; i < RN_AGG_HIST; i++)
		counts[i] = v->hist[i];
	p->bucket_counts = counts;
	p->n_bucket_counts = RN_AGG_HIST;
	p->explicit_bounds = bounds;
	p->n_explicit_bounds = NBOUNDS;
	m->histogram->data_points[m->histogram->n_data_points++] = p;
}

static pb_rm *process_metrics(struct rn_bump *b, const struct rn_ss_proc *p,
			      const struct rn_otlp_sys_opts *o)
{
	pb_rm *rm = rn_bump__alloc(b, sizeof(*rm));
	pb_sm *sm = rn_bump__alloc(b, sizeof(*sm));
	pb_scope *scope = rn_bump__alloc(b, sizeof(*scope));
	pb_metric **ms = rn_bump__alloc(b, NMETRICS * sizeof(*ms));
	uint64_t start = (uint64_t)((int64_t)p->start_ns + o->mono_to_real_ns);
	uint64_t now =
	    (uint64_t)((int64_t)(p->ended ? p->end_ns : o->now_mono_ns) + o->mono_to_real_ns);
	char buf[32];
	uint32_t i;

	if (!rm || !sm || !scope || !ms)
		return NULL;
	opentelemetry__proto__metrics__v1__resource_metrics__init(rm);
	opentelemetry__proto__metrics__v1__scope_metrics__init(sm);
	opentelemetry__proto__common__v1__instrumentation_scope__init(scope);
	scope->name = SCOPE;
	ms[0] = metric(b, "syscall.calls", "{call}", "system calls made", p->ncalls, false);
	ms[1] = metric(b, "syscall.errors", "{call}", "system calls that failed", p->ncalls, false);
	ms[2] = metric(b, "syscall.bytes", "By", "bytes moved by the read/write families",
		       p->ncalls, false);
	ms[3] = metric(b, "syscall.duration", "ns", "system call latency", p->ncalls, true);
	if (!ms[0] || !ms[1] || !ms[2] || !ms[3])
		return NULL;
	for (i = 0; i < p->ncalls; i++) {
		const struct rn_ss_call *c = &p->calls[i];
		struct rn_pb_attrs a = {0};
		struct rn_agg_val all;

		if (!c->v.calls)
			continue;
		rn_pb_attrs__str(b, &a, "syscall.name", call_name(o, c->nr, buf, sizeof(buf)));
		add_point(b, ms[0], a.v, a.n, start, now, c->v.calls);
		add_point(b, ms[1], a.v, a.n, start, now, c->v.errors);
		if (c->v.bytes)
			add_point(b, ms[2], a.v, a.n, start, now, c->v.bytes);
		rn_ss_call__full(c, &all);
		add_hist(b, ms[3], a.v, a.n, start, now, &all);
	}
	sm->scope = scope;
	sm->metrics = ms;
	sm->n_metrics = NMETRICS;
	rm->resource = resource(b, p, o);
	rm->scope_metrics = rn_bump__alloc(b, sizeof(*rm->scope_metrics));
	if (!rm->scope_metrics)
		return NULL;
	rm->scope_metrics[0] = sm;
	rm->n_scope_metrics = 1;
	return rm;
}

int rn_otlp_metrics__pack(struct rn_sysstats *s, const struct rn_otlp_sys_opts *o, uint8_t **buf,
			  size_t *len)
{
	Opentelemetry__Proto__Collector__Metrics__V1__ExportMetricsServiceRequest rq =
	    OPENTELEMETRY__PROTO__COLLECTOR__METRICS__V1__EXPORT_METRICS_SERVICE_REQUEST__INIT;
	size_t i, n = rn_sysstats__nprocs(s);
	struct rn_bump b = {0};
	int ret = 0;

	*buf = NULL;
	*len = 0;
	rq.resource_metrics = rn_bump__alloc(&b, (n + 1) * sizeof(*rq.resource_metrics));
	for (i = 0; rq.resource_metrics && i < n; i++) {
		const struct rn_ss_proc *p = rn_sysstats__at(s, i);
		pb_rm *rm;

		if (!p->ncalls)
			continue;
		rm = process_metrics(&b, p, o);
		if (rm)
			rq.resource_metrics[rq.n_resource_metrics++] = rm;
	}
	if (b.failed || !rq.resource_metrics) {
		ret = -ENOMEM;
		goto out;
	}
	*len =
	    opentelemetry__proto__collector__metrics__v1__export_metrics_service_request__get_packed_size(
		&rq);
	*buf = malloc(*len ? *len : 1);
	if (!*buf) {
		ret = -ENOMEM;
		goto out;
	}
	opentelemetry__proto__collector__metrics__v1__export_metrics_service_request__pack(&rq,
											   *buf);
out:
	rn_bump__reset(&b);
	return ret;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* A process's trace: 16 bytes from its pid and start. */
static ProtobufCBinaryData trace_id(struct rn_bump *b, uint32_t pid, uint64_t start,
				    uint64_t secret)
{
	char hex[33];
	uint64_t hi = mix(secret ^ ((uint64_t)pid << 32) ^ 0x7472616365ULL);
	uint64_t lo = mix(hi ^ start);

	snprintf(hex, sizeof(hex), "%016llx%016llx", (unsigned long long)hi,
		 (unsigned long long)lo);
	return rn_pb_id_hex(b, hex, 16);
}

static uint64_t proc_span_id(uint32_t pid, uint64_t start, uint64_t secret)
{
	return mix(secret ^ mix(((uint64_t)pid << 32) ^ start) ^ 0x70726f63ULL) | 1;
}

static rn_pb_span *new_span(struct rn_bump *b)
{
	rn_pb_span *sp = rn_bump__alloc(b, sizeof(*sp));

	if (sp)
		opentelemetry__proto__trace__v1__span__init(sp);
	return sp;
}

/* The spans of one process: its own (when it ended after since) and its slow calls'. */
static Opentelemetry__Proto__Trace__V1__ResourceSpans *
process_spans(struct rn_bump *b, const struct rn_ss_proc *p, uint64_t start,
	      const struct rn_otlp_slow *slow, size_t nslow, uint64_t since,
	      const struct rn_otlp_sys_opts *o, uint32_t *nspans)
{
	Opentelemetry__Proto__Trace__V1__ResourceSpans *rs = rn_bump__alloc(b, sizeof(*rs));
	Opentelemetry__Proto__Trace__V1__ScopeSpans *ss = rn_bump__alloc(b, sizeof(*ss));
	pb_scope *scope = rn_bump__alloc(b, sizeof(*scope));
	rn_pb_span **spans = rn_bump__alloc(b, (nslow + 1) * sizeof(*spans));
	uint64_t psid = proc_span_id(p->pid, start, o->trace_secret);
	char buf[32];
	size_t i, n = 0;

	if (!rs || !ss || !scope || !spans)
		return NULL;
	opentelemetry__proto__trace__v1__resource_spans__init(rs);
	opentelemetry__proto__trace__v1__scope_spans__init(ss);
	opentelemetry__proto__common__v1__instrumentation_scope__init(scope);
	scope->name = SCOPE;
	if (p->ended && p->end_ns > since) {
		rn_pb_span *sp = new_span(b);
		struct rn_pb_attrs a = {0};

		if (!sp)
			return NULL;
		sp->trace_id = trace_id(b, p->pid, start, o->trace_secret);
		sp->span_id = rn_pb_id_u64(b, psid);
		sp->name = rn_bump__strdup(b, p->comm[0] ? p->comm : "process");
		sp->kind = OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_INTERNAL;
		sp->start_time_unix_nano = (uint64_t)((int64_t)start + o->mono_to_real_ns);
		sp->end_time_unix_nano = (uint64_t)((int64_t)p->end_ns + o->mono_to_real_ns);
		if ((p->exit_status & 0x7f) == 0)
			rn_pb_attrs__int(b, &a, "process.exit.code", (p->exit_status >> 8) & 0xff);
		else
			rn_pb_attrs__int(b, &a, "process.exit.signal", p->exit_status & 0x7f);
		rn_pb_attrs__int(b, &a, "process.cpu.time_ns", (int64_t)p->cpu_ns);
		rn_pb_attrs__int(b, &a, "process.memory.peak_rss_bytes", (int64_t)p->rss_bytes);
		sp->attributes = a.v;
		sp->n_attributes = a.n;
		spans[n++] = sp;
	}
	for (i = 0; i < nslow; i++) {
		const struct rn_ss_slow *c = &slow[i].call;
		rn_pb_span *sp;
		struct rn_pb_attrs a = {0};

		if (c->pid != p->pid || slow[i].proc_start_ns != start)
			continue;
		sp = new_span(b);
		if (!sp)
			return NULL;
		sp->trace_id = trace_id(b, p->pid, start, o->trace_secret);
		sp->span_id = rn_pb_id_u64(b, mix(psid ^ c->enter_ns ^ c->tid) | 1);
		sp->parent_span_id = rn_pb_id_u64(b, psid);
		sp->name = rn_bump__strdup(b, call_name(o, c->nr, buf, sizeof(buf)));
		sp->kind = OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_INTERNAL;
		sp->start_time_unix_nano = (uint64_t)((int64_t)c->enter_ns + o->mono_to_real_ns);
		sp->end_time_unix_nano = sp->start_time_unix_nano + c->duration_ns;
		rn_pb_attrs__int(b, &a, "thread.id", c->tid);
		rn_pb_attrs__strv(b, &a, "renacer.syscall.args", (const char *const *)c->args,
				  c->nargs);
		rn_pb_attrs__str(b, &a, "renacer.syscall.result", c->result ? c->result : "?");
		rn_pb_attrs__bool(b, &a, "renacer.slow", 1);
		sp->attributes = a.v;
		sp->n_attributes = a.n;
		spans[n++] = sp;
	}
	if (!n)
		return NULL;
	ss->scope = scope;
	ss->spans = spans;
	ss->n_spans = n;
	rs->resource = resource(b, p, o);
	rs->scope_spans = rn_bump__alloc(b, sizeof(*rs->scope_spans));
	if (!rs->scope_spans)
		return NULL;
	rs->scope_spans[0] = ss;
	rs->n_scope_spans = 1;
	*nspans += (uint32_t)n;
	return rs;
}

int rn_otlp_sysspans__pack(struct rn_sysstats *s, const struct rn_otlp_slow *slow, size_t nslow,
			   uint64_t since_ns, const struct rn_otlp_sys_opts *o, uint8_t **buf,
			   size_t *len, uint32_t *nspans)
{
	Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest rq =
	    OPENTELEMETRY__PROTO__COLLECTOR__TRACE__V1__EXPORT_TRACE_SERVICE_REQUEST__INIT;
	size_t i, n = rn_sysstats__nprocs(s);
	struct rn_bump b = {0};
	int ret = 0;

	*buf = NULL;
	*len = 0;
	*nspans = 0;
	rq.resource_spans = rn_bump__alloc(&b, (n + 1) * sizeof(*rq.resource_spans));
	for (i = 0; rq.resource_spans && i < n; i++) {
		const struct rn_ss_proc *p = rn_sysstats__at(s, i);
		Opentelemetry__Proto__Trace__V1__ResourceSpans *rs =
		    process_spans(&b, p, p->start_ns, slow, nslow, since_ns, o, nspans);

		if (rs)
			rq.resource_spans[rq.n_resource_spans++] = rs;
	}
	if (b.failed || !rq.resource_spans) {
		ret = -ENOMEM;
		goto out;
	}
	if (!*nspans)
		goto out;
	*len =
	    opentelemetry__proto__collector__trace__v1__export_trace_service_request__get_packed_size(
		&rq);
	*buf = malloc(*len ? *len : 1);
	if (!*buf) {
		ret = -ENOMEM;
		goto out;
	}
	opentelemetry__proto__collector__trace__v1__export_trace_service_request__pack(&rq, *buf);
out:
	rn_bump__reset(&b);
	return ret;
}
