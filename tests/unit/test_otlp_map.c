/* SPDX-License-Identifier: MIT */
/* lib/export/otlp_map.c: the model as OTLP spans, checked by decoding what it packed. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"
#include "otlp_map.h"
#include "trace_sample.h"

typedef Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest req_t;
typedef Opentelemetry__Proto__Trace__V1__Span span_t;
typedef Opentelemetry__Proto__Common__V1__KeyValue kv_t;

#define REAL0 1700000000123456789ull

struct got {
	req_t *req[64];
	size_t nreq;
	uint32_t nspans_said;
	span_t *span[256];
	size_t nspan;
};

static int collect(void *ctx, uint8_t *buf, size_t len, uint32_t nspans)
{
	struct got *g = ctx;
	req_t *r = opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack(
	    NULL, len, buf);
	size_t i, j, k;

	free(buf);
	cr_assert_not_null(r, "the packed request does not decode");
	cr_assert_lt(g->nreq, 64);
	g->req[g->nreq++] = r;
	g->nspans_said += nspans;
	for (i = 0; i < r->n_resource_spans; i++)
		for (j = 0; j < r->resource_spans[i]->n_scope_spans; j++)
			for (k = 0; k < r->resource_spans[i]->scope_spans[j]->n_spans; k++) {
				cr_assert_lt(g->nspan, 256);
				g->span[g->nspan++] =
				    r->resource_spans[i]->scope_spans[j]->spans[k];
			}
	return 0;
}

static void run_sample_t(struct got *g, const char *policy, uint32_t batch, uint64_t batch_ns)
{
	static const struct rn_otlp_kv res[] = {{"deployment.environment", "ci"},
						{"service.name", "ignored"}};
	struct rn_otlp_map_opts o = {.resource = res,
				     .nresource = 2,
				     .batch_spans = batch,
				     .batch_ns = batch_ns,
				     .emit = collect,
				     .emit_ctx = g};
	struct rn_otlp_map *m;
	struct rn_tr_sink s;
	char err[128];

	memset(g, 0, sizeof(*g));
	cr_assert_eq(rn_otlp_spans__parse(policy, &o.spans, &o.slow_ns, err, sizeof(err)), 0, "%s",
		     err);
	cr_assert_eq(rn_otlp_map__new(&m, &o), 0);
	rn_otlp_map__sink(m, &s);
	cr_assert_eq(rn_trace_sample__play(&s), 0);
	s.close(s.ctx);
}

static void run_sample(struct got *g, const char *policy, uint32_t batch)
{
	run_sample_t(g, policy, batch, 0);
}

static void got_free(struct got *g)
{
	size_t i;

	for (i = 0; i < g->nreq; i++)
		opentelemetry__proto__collector__trace__v1__export_trace_service_request__free_unpacked(
		    g->req[i], NULL);
}

static char *hex(ProtobufCBinaryData d)
{
	static char buf[4][40];
	static int n;
	char *p = buf[n++ % 4];
	size_t i;

	p[0] = '\0';
	for (i = 0; i < d.len && i < 16; i++)
		sprintf(p + 2 * i, "%02x", d.data[i]);
	return p;
}

static const kv_t *attr(kv_t **v, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i]->key, key))
			return v[i];
	return NULL;
}

static int64_t attr_int(const span_t *s, const char *key)
{
	const kv_t *kv = attr(s->attributes, s->n_attributes, key);

	cr_assert_not_null(kv, "span %s has no %s", s->name, key);
	cr_assert_eq(kv->value->value_case,
		     OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_INT_VALUE);
	return kv->value->int_value;
}

static const char *attr_str(const span_t *s, const char *key)
{
	const kv_t *kv = attr(s->attributes, s->n_attributes, key);

	cr_assert_not_null(kv, "span %s has no %s", s->name, key);
	cr_assert_eq(kv->value->value_case,
		     OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE);
	return kv->value->string_value;
}

static const span_t *by_name(const struct got *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nspan; i++)
		if (!strcmp(g->span[i]->name, name))
			return g->span[i];
	cr_assert_fail("no span named %s", name);
	return NULL;
}

static const span_t *by_pid(const struct got *g, int64_t pid)
{
	size_t i;

	for (i = 0; i < g->nspan; i++) {
		const kv_t *kv =
		    attr(g->span[i]->attributes, g->span[i]->n_attributes, "process.pid");

		if (kv && kv->value->int_value == pid)
			return g->span[i];
	}
	cr_assert_fail("no span of process %ld", (long)pid);
	return NULL;
}

TestSuite(unit_otlp_map);

Test(unit_otlp_map, one_span_per_process_parented_by_the_model_span_ids)
{
	struct got g;
	const span_t *p100, *p101, *p103;
	size_t i;

	run_sample(&g, "none", 0);
	cr_assert_eq(g.nspan, 3, "none: process spans only, got %zu", g.nspan);
	cr_assert_eq(g.nspans_said, 3);
	for (i = 0; i < g.nspan; i++)
		cr_assert_str_eq(hex(g.span[i]->trace_id), "4bf92f3577b34da6a3ce929d0e0e4736");
	p100 = by_pid(&g, 100);
	p101 = by_pid(&g, 101);
	p103 = by_pid(&g, 103);
	cr_assert_str_eq(hex(p100->span_id), "a1b2c3d4e5f60718");
	cr_assert_str_eq(hex(p100->parent_span_id), "00f067aa0ba902b7", "the TRACEPARENT's span");
	cr_assert_str_eq(hex(p101->span_id), "1122334455667788");
	cr_assert_str_eq(hex(p101->parent_span_id), "a1b2c3d4e5f60718");
	cr_assert_str_eq(hex(p103->parent_span_id), "a1b2c3d4e5f60718");
	cr_assert_str_eq(p100->name, "sh");
	cr_assert_str_eq(p101->name, "c\xc3\xa0t");
	cr_assert_str_eq(p103->name, "pid 103");
	cr_assert_eq(p100->start_time_unix_nano, REAL0);
	cr_assert_eq(p100->end_time_unix_nano, REAL0 + 1200000);
	cr_assert_eq(attr_int(p101, "process.parent_pid"), 100);
	cr_assert_str_eq(attr_str(p101, "process.executable.path"), "/usr/bin/c\xc3\xa0t");
	cr_assert_eq(attr_int(p100, "process.exit.code"), 0);
	cr_assert_null(p100->status, "exit 0 is no error");
	cr_assert_not_null(p101->status);
	cr_assert_eq(p101->status->code,
		     OPENTELEMETRY__PROTO__TRACE__V1__STATUS__STATUS_CODE__STATUS_CODE_ERROR);
	cr_assert_str_eq(p101->status->message, "killed by SIGSEGV (core dumped)");
	cr_assert_str_eq(attr_str(p101, "renacer.process.signal"), "SIGSEGV");
	got_free(&g);
}

Test(unit_otlp_map, resource_names_service_host_and_os)
{
	struct got g;
	const Opentelemetry__Proto__Resource__V1__Resource *r;
	const kv_t *kv;

	run_sample(&g, "none", 0);
	cr_assert_eq(g.nreq, 1);
	r = g.req[0]->resource_spans[0]->resource;
	kv = attr(r->attributes, r->n_attributes, "service.name");
	cr_assert_str_eq(kv->value->string_value, "sh", "the command's name by default");
	cr_assert_str_eq(attr(r->attributes, r->n_attributes, "host.name")->value->string_value,
			 "build-01");
	cr_assert_str_eq(attr(r->attributes, r->n_attributes, "os.type")->value->string_value,
			 "linux");
	cr_assert_str_eq(
	    attr(r->attributes, r->n_attributes, "deployment.environment")->value->string_value,
	    "ci");
	cr_assert_str_eq(g.req[0]->resource_spans[0]->scope_spans[0]->scope->name, "renacer");
	got_free(&g);
}

Test(unit_otlp_map, command_args_are_an_array)
{
	struct got g;
	const kv_t *kv;

	run_sample(&g, "none", 0);
	kv = attr(by_pid(&g, 100)->attributes, by_pid(&g, 100)->n_attributes,
		  "process.command_args");
	cr_assert_not_null(kv);
	cr_assert_eq(kv->value->value_case,
		     OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_ARRAY_VALUE);
	cr_assert_eq(kv->value->array_value->n_values, 3);
	cr_assert_str_eq(kv->value->array_value->values[2]->string_value,
			 "echo h\xc3\xa9llo | cat \"$x\"");
	got_free(&g);
}

Test(unit_otlp_map, all_gives_every_call_a_span_under_its_process)
{
	struct got g;
	const span_t *open, *read, *exitg;

	run_sample(&g, "all", 0);
	cr_assert_eq(g.nspan, 3 + 11, "3 processes and 11 calls, got %zu", g.nspan);
	open = by_name(&g, "openat");
	cr_assert_str_eq(hex(open->parent_span_id), "a1b2c3d4e5f60718");
	cr_assert_eq(open->start_time_unix_nano, REAL0 + 902000);
	cr_assert_eq(open->end_time_unix_nano, REAL0 + 906000);
	cr_assert_eq(open->status->code,
		     OPENTELEMETRY__PROTO__TRACE__V1__STATUS__STATUS_CODE__STATUS_CODE_ERROR);
	cr_assert_str_eq(open->status->message, "-1 ENOENT (No such file or directory)");
	cr_assert_str_eq(attr_str(open, "renacer.syscall.errno"), "ENOENT");
	cr_assert_eq(attr_int(open, "renacer.syscall.nr"), 257);
	cr_assert_eq(attr_int(open, "renacer.syscall.result"), -2);
	cr_assert_eq(attr_int(open, "renacer.lamport"), 2);
	cr_assert_eq(attr_int(open, "thread.id"), 100);
	read = by_name(&g, "read");
	cr_assert_str_eq(hex(read->parent_span_id), "1122334455667788");
	cr_assert_null(read->status);
	cr_assert_eq(attr_int(by_name(&g, "futex"), "thread.id"), 102);
	exitg = by_name(&g, "exit_group");
	cr_assert_eq(exitg->start_time_unix_nano, exitg->end_time_unix_nano);
	cr_assert_null(attr(exitg->attributes, exitg->n_attributes, "renacer.syscall.result"),
		       "a call that never returned has no result");
	got_free(&g);
}

Test(unit_otlp_map, call_span_ids_are_unique_and_stable)
{
	struct got a, b;
	size_t i, j;

	run_sample(&a, "all", 0);
	run_sample(&b, "all", 3);
	cr_assert_eq(a.nspan, b.nspan);
	for (i = 0; i < a.nspan; i++) {
		cr_assert_eq(a.span[i]->span_id.len, 8);
		for (j = 0; j < i; j++)
			cr_assert_str_neq(hex(a.span[i]->span_id), hex(a.span[j]->span_id));
		cr_assert_str_eq(hex(a.span[i]->span_id), hex(b.span[i]->span_id),
				 "a second export of the same trace gives the same ids");
	}
	got_free(&a);
	got_free(&b);
}

Test(unit_otlp_map, slow_keeps_calls_at_or_over_the_threshold)
{
	struct got g;

	run_sample(&g, "slow=50us", 0);
	cr_assert_eq(g.nspan, 3 + 3, "execve, clone and wait4 take 50us or more; got %zu", g.nspan);
	by_name(&g, "execve");
	by_name(&g, "clone");
	by_name(&g, "wait4");
	got_free(&g);
	run_sample(&g, "slow", 0);
	cr_assert_eq(g.nspan, 3, "nothing in the sample takes the default 10 ms");
	got_free(&g);
}

Test(unit_otlp_map, requests_hold_at_most_a_batch)
{
	struct got g;
	size_t i;

	run_sample(&g, "all", 4);
	cr_assert_eq(g.nreq, 4, "14 spans in batches of 4, got %zu requests", g.nreq);
	for (i = 0; i < g.nreq; i++)
		cr_assert_leq(g.req[i]->resource_spans[0]->scope_spans[0]->n_spans, 4);
	cr_assert_eq(g.nspan, 14);
	cr_assert_eq(g.nspans_said, 14);
	got_free(&g);
}

Test(unit_otlp_map, exec_and_signals_are_events_of_the_process_span)
{
	struct got g;
	const span_t *p100, *p101;

	run_sample(&g, "none", 0);
	p100 = by_pid(&g, 100);
	p101 = by_pid(&g, 101);
	cr_assert_eq(p100->n_events, 2, "exec and SIGCHLD, got %zu", p100->n_events);
	cr_assert_str_eq(p100->events[0]->name, "exec");
	cr_assert_eq(p100->events[0]->time_unix_nano, REAL0 + 901000, "when execve returned");
	cr_assert_str_eq(p100->events[0]->attributes[0]->value->string_value, "/bin/sh");
	cr_assert_str_eq(p100->events[1]->name, "signal");
	cr_assert_str_eq(p100->events[1]->attributes[0]->value->string_value, "SIGCHLD");
	cr_assert_eq(p101->n_events, 1);
	cr_assert_str_eq(p101->events[0]->attributes[0]->value->string_value, "SIGTERM");
	got_free(&g);
}

Test(unit_otlp_map, pipe_wait_and_kill_edges_are_links_to_the_sending_span)
{
	struct got g, all;
	const span_t *p100, *p101;

	run_sample(&g, "none", 0);
	p100 = by_pid(&g, 100);
	p101 = by_pid(&g, 101);
	/* pipe 7 -> 8 and wait 12 -> 14 end in 100; signal 9 -> 10 in 101 */
	cr_assert_eq(p100->n_links, 2, "got %zu", p100->n_links);
	cr_assert_str_eq(hex(p100->links[0]->span_id), "1122334455667788",
			 "without call spans a link names the sending process");
	cr_assert_str_eq(p100->links[0]->attributes[0]->value->string_value, "pipe");
	cr_assert_str_eq(p100->links[1]->attributes[0]->value->string_value, "wait");
	cr_assert_eq(p101->n_links, 1);
	cr_assert_str_eq(p101->links[0]->attributes[0]->value->string_value, "signal");
	cr_assert_str_eq(hex(p101->links[0]->span_id), "a1b2c3d4e5f60718");
	cr_assert_str_eq(hex(p101->links[0]->trace_id), "4bf92f3577b34da6a3ce929d0e0e4736");
	run_sample(&all, "all", 0);
	cr_assert_str_eq(hex(by_pid(&all, 101)->links[0]->span_id),
			 hex(by_name(&all, "kill")->span_id),
			 "with call spans a link names the sending call");
	cr_assert_eq(by_name(&all, "wait4")->n_links, 1, "the wait's edge is on the wait4 span");
	cr_assert_str_eq(hex(by_name(&all, "wait4")->links[0]->span_id), "1122334455667788",
			 "from the exit of 101 (no call span: its process's)");
	cr_assert_eq(by_pid(&all, 100)->n_links, 1,
		     "the pipe edge came after its read had gone out: on the process span");
	got_free(&g);
	got_free(&all);
}

Test(unit_otlp_map, bad_policies_are_refused_with_the_choices)
{
	enum rn_otlp_spans sp;
	uint64_t ns;
	char err[160];

	cr_assert_eq(rn_otlp_spans__parse("slow=2ms", &sp, &ns, err, sizeof(err)), 0);
	cr_assert_eq(sp, RN_OTLP_SPANS_SLOW);
	cr_assert_eq(ns, 2000000);
	cr_assert_eq(rn_otlp_spans__parse("slow=1.5s", &sp, &ns, err, sizeof(err)), 0);
	cr_assert_eq(ns, 1500000000ull);
	cr_assert_eq(rn_otlp_spans__parse("slow", &sp, &ns, err, sizeof(err)), 0);
	cr_assert_eq(ns, RN_OTLP_SLOW_DEFAULT_NS);
	cr_assert_eq(rn_otlp_spans__parse("fast", &sp, &ns, err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "'fast'") && strstr(err, "slow=DURATION"), "%s", err);
	cr_assert_eq(rn_otlp_spans__parse("slow=5parsecs", &sp, &ns, err, sizeof(err)), -EINVAL);
}

Test(unit_otlp_map, a_batch_goes_out_once_the_traces_clock_passed_its_age)
{
	struct got g;

	run_sample_t(&g, "all", 0, 0);
	cr_assert_eq(g.nreq, 1, "the sample's 1.2 ms fit the default second: one request");
	got_free(&g);
	run_sample_t(&g, "all", 0, 50000);
	cr_assert_gt(g.nreq, 1, "batches of 50 us of trace time: more than one request");
	cr_assert_eq(g.nspan, 14, "and no span lost or repeated");
	got_free(&g);
}
