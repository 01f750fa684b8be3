// SPDX-License-Identifier: MIT
/*
 * OTLP export end to end, against a receiver renacer did not write: tests/otlp/receiver.js
 * (grpc-js on the official OTLP protos) records every request it accepts as a JSON line.
 * A real multi-process pipeline is traced to a file, exported, and what arrived is
 * checked against the file: one trace id, the TRACEPARENT's span as the root's parent,
 * every process under its parent's span, call spans with the file's names, times and
 * threads. A failing receiver is retried until it accepts; a receiver that is not there
 * costs a bounded flush and every span is counted as dropped.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integ.h"

#define TRACE_ID  "0af7651916cd43dd8448eb211c80319c"
#define PARENT_ID "b7ad6b7169203331"

static pid_t receiver;

static void teardown(void)
{
	integ_otlp_stop(&receiver);
	integ_teardown();
}

TestSuite(integ_otlp, .init = integ_setup, .fini = teardown, .timeout = 180);

/* Starts the receiver on port (0: any) writing to <dir>/out, failing its first `fail` calls;
 * its port. */
static int receiver_start_on(int port, const char *outname, int fail)
{
	struct integ_otlp_opts o = {.port = port, .out = outname, .fail_unavailable = fail};

	return integ_otlp_start(&o, &receiver);
}

static int receiver_start(int fail)
{
	return receiver_start_on(0, "got.jsonl", fail);
}

/* A port nothing listens on: bound, then closed. */
static int dead_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	cr_assert_geq(fd, 0);
	cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &al), 0);
	close(fd);
	return ntohs(a.sin_port);
}

/* Traces a pipeline whose root exits 3 into <dir>/t.json under a known TRACEPARENT. */
static void record_pipeline(void)
{
	char out[PATH_MAX];
	const char *const args[] = {"trace",
				    "-f",
				    "--trace-parent",
				    "00-" TRACE_ID "-" PARENT_ID "-01",
				    "-o",
				    out,
				    "--",
				    "sh",
				    "-c",
				    "/usr/bin/printf abc | cat >/dev/null; sleep 0.02; exit 3",
				    NULL};
	struct integ_run r;

	integ_path(out, sizeof(out), "t.json");
	cr_assert_eq(integ_ctl(args, integ_dir, 60, &r), 3, "trace: %s", r.err);
	integ_run__free(&r);
}

static int export_to(int port, const char *spans, const char *flush, struct integ_run *r)
{
	char in[PATH_MAX], url[64], sp[64], fl[64];
	const char *const args[] = {"export", in, "--otlp", url, sp, fl, "--otlp-batch=64", NULL};

	integ_path(in, sizeof(in), "t.json");
	snprintf(url, sizeof(url), "http://127.0.0.1:%d", port);
	snprintf(sp, sizeof(sp), "--otlp-spans=%s", spans);
	snprintf(fl, sizeof(fl), "--otlp-flush-timeout=%s", flush);
	return integ_ctl(args, integ_dir, 120, r);
}

static json_t *load(const char *name)
{
	char p[PATH_MAX];
	json_error_t e;
	json_t *j;

	integ_path(p, sizeof(p), name);
	j = json_load_file(p, 0, &e);
	cr_assert_not_null(j, "%s: %s", name, e.text);
	return j;
}

/* Every span the receiver recorded, in one array (the JSON lines' requests flattened). */
static json_t *received_spans_in(const char *name, size_t *nreq)
{
	char p[PATH_MAX];
	char *text, *line, *save = NULL;
	json_t *all = json_array();

	integ_path(p, sizeof(p), name);
	text = integ_read_file(p);
	cr_assert_not_null(text, "the receiver got nothing");
	*nreq = 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		json_t *rec = json_loads(line, 0, NULL), *rs, *ss, *s;
		size_t i, j, k;

		cr_assert_not_null(rec, "a line that is not JSON: %.200s", line);
		(*nreq)++;
		json_array_foreach(
		    json_object_get(json_object_get(rec, "request"), "resource_spans"), i, rs)
		    json_array_foreach(json_object_get(rs, "scope_spans"), j, ss)
			json_array_foreach(json_object_get(ss, "spans"), k, s)
			    json_array_append(all, s);
		json_decref(rec);
	}
	free(text);
	return all;
}

static json_t *received_spans(size_t *nreq)
{
	return received_spans_in("got.jsonl", nreq);
}

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* grpc-js gives 64-bit numbers as strings. */
static long long jnum(json_t *v)
{
	if (json_is_string(v))
		return atoll(json_string_value(v));
	return json_integer_value(v);
}

static json_t *attr(json_t *span, const char *key)
{
	json_t *kv;
	size_t i;

	json_array_foreach(json_object_get(span, "attributes"), i,
			   kv) if (!strcmp(jstr(kv, "key"), key)) return json_object_get(kv,
											 "value");
	return NULL;
}

static long long attr_int(json_t *span, const char *key)
{
	json_t *v = attr(span, key);

	cr_assert_not_null(v, "span %s has no %s", jstr(span, "name"), key);
	return jnum(json_object_get(v, "int_value"));
}

static json_t *span_by_id(json_t *spans, const char *id)
{
	json_t *s;
	size_t i;

	json_array_foreach(spans, i, s) if (!strcmp(jstr(s, "span_id"), id)) return s;
	return NULL;
}

static json_t *event_by_id(json_t *trace, long long id)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(trace, "syscalls"), i,
			   e) if (json_integer_value(json_object_get(e, "id")) == id) return e;
	return NULL;
}

Test(integ_otlp, a_traced_pipeline_arrives_as_one_trace_with_its_process_tree)
{
	json_t *trace, *spans, *s, *root = NULL;
	long long t0;
	size_t i, nreq, nproc = 0, ncalls = 0, nedges = 0, nlinks = 0;
	struct integ_run r;
	int port;

	record_pipeline();
	port = receiver_start(0);
	cr_assert_eq(export_to(port, "all", "30s", &r), 0, "export: %s", r.err);
	integ_run__free(&r);
	trace = load("t.json");
	t0 = json_integer_value(json_object_get(trace, "start_time_nanos"));
	spans = received_spans(&nreq);
	cr_assert_gt(nreq, 1, "a pipeline's calls fill more than one batch of 64");
	json_array_foreach(spans, i, s)
	{
		json_t *parent;

		cr_assert_str_eq(jstr(s, "trace_id"), TRACE_ID, "every span in the one trace");
		cr_assert_geq(jnum(json_object_get(s, "end_time_unix_nano")),
			      jnum(json_object_get(s, "start_time_unix_nano")));
		if (attr(s, "process.pid")) {
			nproc++;
			if (!strcmp(jstr(s, "parent_span_id"), PARENT_ID)) {
				cr_assert_null(root, "one root");
				root = s;
				continue;
			}
			parent = span_by_id(spans, jstr(s, "parent_span_id"));
			cr_assert_not_null(parent, "process %s's parent span did not arrive",
					   jstr(s, "name"));
			cr_assert_eq(attr_int(s, "process.parent_pid"),
				     attr_int(parent, "process.pid"),
				     "%s sits under its parent process's span", jstr(s, "name"));
		} else {
			json_t *ev = event_by_id(trace, attr_int(s, "renacer.event.id"));

			ncalls++;
			parent = span_by_id(spans, jstr(s, "parent_span_id"));
			cr_assert_not_null(ev, "a call span names no event of the file");
			cr_assert_not_null(parent, "call %s has no process span", jstr(s, "name"));
			cr_assert_str_eq(jstr(s, "name"), jstr(ev, "name"));
			cr_assert_eq(attr_int(parent, "process.pid"),
				     json_integer_value(json_object_get(ev, "pid")));
			cr_assert_eq(attr_int(s, "thread.id"),
				     json_integer_value(json_object_get(ev, "tid")));
			cr_assert_eq(jnum(json_object_get(s, "start_time_unix_nano")),
				     t0 + json_integer_value(json_object_get(ev, "enter_nanos")));
			cr_assert_eq(jnum(json_object_get(s, "end_time_unix_nano")) -
					 jnum(json_object_get(s, "start_time_unix_nano")),
				     json_integer_value(json_object_get(ev, "duration_nanos")),
				     "the call's real duration");
		}
	}
	cr_assert_not_null(root, "the root process sits under the TRACEPARENT's span");
	cr_assert_str_eq(jstr(root, "name"), "sh");
	cr_assert_eq(attr_int(root, "process.exit.code"), 3);
	cr_assert_str_eq(jstr(json_object_get(root, "status"), "code"), "STATUS_CODE_ERROR",
			 "a non-zero exit is an error");
	cr_assert_eq(nproc, json_array_size(json_object_get(trace, "processes")));
	cr_assert_eq(ncalls, json_array_size(json_object_get(trace, "syscalls")),
		     "--otlp-spans all: a span per call");
	json_array_foreach(json_object_get(trace, "edges"), i, s)
	{
		const char *k = jstr(s, "kind");

		if (!strcmp(k, "pipe") || !strcmp(k, "wait") || !strcmp(k, "signal"))
			nedges++;
	}
	json_array_foreach(spans, i, s) nlinks += json_array_size(json_object_get(s, "links"));
	cr_assert_gt(nedges, 0);
	cr_assert_eq(nlinks, nedges, "every pipe, wait and kill edge is a link (%zu of %zu)",
		     nlinks, nedges);
	json_decref(spans);
	json_decref(trace);
}

Test(integ_otlp, processes_carry_names_commands_and_links)
{
	json_t *spans, *s, *cat = NULL, *printf_ = NULL;
	size_t i, nreq;
	struct integ_run r;
	int port;

	record_pipeline();
	port = receiver_start(0);
	cr_assert_eq(export_to(port, "none", "30s", &r), 0, "export: %s", r.err);
	integ_run__free(&r);
	spans = received_spans(&nreq);
	json_array_foreach(spans, i, s)
	{
		cr_assert(attr(s, "process.pid"), "--otlp-spans none: process spans only");
		if (!strcmp(jstr(s, "name"), "cat"))
			cat = s;
		if (!strcmp(jstr(s, "name"), "printf"))
			printf_ = s;
	}
	cr_assert_not_null(cat);
	cr_assert_not_null(printf_);
	cr_assert_str_eq(json_string_value(
			     json_object_get(attr(cat, "process.executable.path"), "string_value")),
			 "/usr/bin/cat");
	cr_assert_eq(attr_int(cat, "process.exit.code"), 0);
	cr_assert_null(json_object_get(cat, "status"), "exit 0 is no error");
	cr_assert_gt(json_array_size(json_object_get(cat, "links")), 0,
		     "cat read what printf wrote: a pipe link");
	cr_assert_str_eq(jstr(json_array_get(json_object_get(cat, "links"), 0), "span_id"),
			 jstr(printf_, "span_id"), "the link names the writer's span");
	cr_assert_str_eq(jstr(json_array_get(json_object_get(printf_, "events"), 0), "name"),
			 "exec");
	json_decref(spans);
}

Test(integ_otlp, unavailable_is_retried_until_the_receiver_accepts)
{
	char errp[PATH_MAX];
	const char *retries;
	json_t *spans;
	size_t nreq;
	struct integ_run r;
	int port;

	record_pipeline();
	port = receiver_start(3);
	cr_assert_eq(export_to(port, "none", "60s", &r), 0, "export: %s", r.err);
	retries = strstr(r.err, " retries)");
	while (retries && retries > r.err && retries[-1] >= '0' && retries[-1] <= '9')
		retries--;
	/* a loaded machine may add a failed connection or a late answer, never fewer */
	cr_assert(retries && atoi(retries) >= 3, "three UNAVAILABLE, three retries: %s", r.err);
	integ_run__free(&r);
	integ_path(errp, sizeof(errp), "receiver.err");
	cr_assert(integ_wait_for_text(errp, "call 3: UNAVAILABLE", 10),
		  "the receiver failed 3 calls");
	spans = received_spans(&nreq);
	cr_assert_geq(nreq, 1, "the request arrived");
	cr_assert_gt(json_array_size(spans), 0);
	json_decref(spans);
}

Test(integ_otlp, a_receiver_that_is_not_there_costs_the_flush_and_counts_the_drops)
{
	struct integ_run r;
	char want[64];

	record_pipeline();
	cr_assert_eq(export_to(dead_port(), "none", "1s", &r), 1, "export: %s", r.err);
	cr_assert(strstr(r.err, "spans not delivered to http://127.0.0.1:"), "%s", r.err);
	cr_assert(strstr(r.err, "UNAVAILABLE"), "the cause is named: %s", r.err);
	snprintf(want, sizeof(want), "0 spans in 0 requests sent");
	cr_assert(strstr(r.err, want), "%s", r.err);
	integ_run__free(&r);
}

Test(integ_otlp, a_malformed_endpoint_is_refused_before_anything_is_sent)
{
	struct integ_run r;
	char in[PATH_MAX];
	const char *const args[] = {"export", in, "--otlp", "localhost:4317", NULL};

	integ_path(in, sizeof(in), "none.json");
	cr_assert_eq(integ_ctl(args, integ_dir, 30, &r), 2);
	cr_assert(strstr(r.err, "bad OTLP endpoint 'localhost:4317'") &&
		      strstr(r.err, "http://HOST:4317"),
		  "%s", r.err);
	integ_run__free(&r);
}

/* renacerctl trace --otlp URL [opts] -- sh -c script, in the test's dir. */
static int trace_otlp(const char *url, const char *spans, const char *script, struct integ_run *r)
{
	char out[PATH_MAX], sp[64];
	const char *const args[] = {"trace",
				    "-f",
				    "-o",
				    out,
				    "--trace-parent",
				    "00-" TRACE_ID "-" PARENT_ID "-01",
				    "--otlp",
				    url,
				    sp,
				    "--otlp-flush-timeout=20s",
				    "--",
				    "sh",
				    "-c",
				    script,
				    NULL};

	integ_path(out, sizeof(out), "trace.txt");
	snprintf(sp, sizeof(sp), "--otlp-spans=%s", spans);
	return integ_ctl(args, integ_dir, 120, r);
}

Test(integ_otlp, trace_otlp_sends_the_run_and_keeps_its_exit_status)
{
	json_t *spans, *s, *root = NULL;
	size_t i, nreq, nproc = 0;
	struct integ_run r;
	char url[64], path[PATH_MAX], *text;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", receiver_start(0));
	cr_assert_eq(trace_otlp(url, "none", "/usr/bin/printf abc | cat >/dev/null; exit 3", &r), 3,
		     "the traced command's status: %s", r.err);
	integ_run__free(&r);
	integ_path(path, sizeof(path), "trace.txt");
	text = integ_read_file(path);
	cr_assert(text && strstr(text, "+++ exited with 3 +++"), "the text output as ever: %s",
		  text);
	free(text);
	spans = received_spans(&nreq);
	json_array_foreach(spans, i, s)
	{
		cr_assert_str_eq(jstr(s, "trace_id"), TRACE_ID);
		nproc++;
		if (!strcmp(jstr(s, "parent_span_id"), PARENT_ID))
			root = s;
		else
			cr_assert_not_null(span_by_id(spans, jstr(s, "parent_span_id")),
					   "%s under a process span", jstr(s, "name"));
	}
	cr_assert_geq(nproc, 3, "sh, printf and cat at least");
	cr_assert_not_null(root, "the root joins the TRACEPARENT");
	cr_assert_eq(attr_int(root, "process.exit.code"), 3);
	json_decref(spans);
}

Test(integ_otlp, trace_with_the_receiver_down_is_unaffected_and_counts_the_drops)
{
	struct integ_run r;
	char url[64], path[PATH_MAX], *text;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", dead_port());
	cr_assert_eq(trace_otlp(url, "all", "cat /etc/hostname >/dev/null; exit 7", &r), 7, "%s",
		     r.err);
	cr_assert(strstr(r.err, "spans not delivered to http://127.0.0.1:"), "%s", r.err);
	cr_assert(strstr(r.err, "UNAVAILABLE"), "%s", r.err);
	integ_run__free(&r);
	integ_path(path, sizeof(path), "trace.txt");
	text = integ_read_file(path);
	cr_assert(text && strstr(text, "+++ exited with 7 +++"), "%s", text);
	free(text);
}

Test(integ_otlp, a_receiver_stopped_then_started_gets_the_later_batches)
{
	char url[64], errp[PATH_MAX], first[PATH_MAX];
	json_t *spans, *s;
	size_t i, nreq;
	bool root = false;
	pid_t tracer;
	int port = receiver_start(0);

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", port);
	integ_path(errp, sizeof(errp), "trace.err");
	integ_path(first, sizeof(first), "got.jsonl");
	{
		const char *const args[] = {"trace",
					    "-f",
					    "-o",
					    "/dev/null",
					    "--otlp",
					    url,
					    "--otlp-spans=all",
					    "--otlp-flush-timeout=30s",
					    "--trace-parent",
					    "00-" TRACE_ID "-" PARENT_ID "-01",
					    "--",
					    "sh",
					    "-c",
					    "for i in $(seq 1 60); do /bin/true; sleep 0.1; done",
					    NULL};
		char **argv = integ_ctl_argv(args);

		tracer = integ_spawn(argv, errp);
		free(argv);
	}
	cr_assert_gt(tracer, 0);
	cr_assert(integ_wait_for_text(first, "\n", 60), "no batch while the trace ran");
	kill(receiver, SIGKILL);
	integ_wait(receiver, 10);
	receiver = 0;
	integ_sleep_ms(1500); /* batches fail meanwhile and wait in the queue */
	receiver_start_on(port, "got2.jsonl", 0);
	cr_assert_eq(integ_wait(tracer, 120), 0, "the traced loop's status");
	spans = received_spans_in("got2.jsonl", &nreq);
	cr_assert_gt(nreq, 0, "the restarted receiver got batches");
	json_array_foreach(spans, i, s) if (!strcmp(jstr(s, "parent_span_id"), PARENT_ID)) root =
	    true;
	cr_assert(root, "the root process's span, sent at the end, reached the second receiver");
	json_decref(spans);
}

Test(integ_otlp, export_waits_for_room_and_drops_nothing)
{
	char in[PATH_MAX], url[64];
	const char *const args[] = {
	    "export",	      in,  "--otlp", url, "--otlp-spans=all", "--otlp-batch=4",
	    "--otlp-queue=1", NULL};
	json_t *trace, *spans;
	struct integ_run r;
	size_t nreq;

	record_pipeline();
	snprintf(url, sizeof(url), "http://127.0.0.1:%d", receiver_start(0));
	integ_path(in, sizeof(in), "t.json");
	cr_assert_eq(integ_ctl(args, integ_dir, 120, &r), 0, "export: %s", r.err);
	cr_assert_null(strstr(r.err, "not delivered"), "%s", r.err);
	integ_run__free(&r);
	trace = load("t.json");
	spans = received_spans(&nreq);
	cr_assert_eq(json_array_size(spans),
		     json_array_size(json_object_get(trace, "syscalls")) +
			 json_array_size(json_object_get(trace, "processes")),
		     "a span for every call and process, through a queue of one");
	json_decref(spans);
	json_decref(trace);
}

/*
 * Live, a call's edges follow it: a link goes on the call's span, or waits for finish when
 * the sender's span is not known yet (a fast write, no span, of a process that runs on:
 * a pipeline's blocked reads are slow, its writes fast).
 */
Test(integ_otlp, trace_otlp_keeps_every_edge_as_a_link)
{
	char out[PATH_MAX], url[64];
	const char *const args[] = {"trace",
				    "-f",
				    "-o",
				    out,
				    "--otlp",
				    url,
				    "--otlp-spans=slow=1ms",
				    "--",
				    "sh",
				    "-c",
				    "seq 1 20000 | sort -r | head -1 >/dev/null",
				    NULL};
	json_t *trace, *spans, *s;
	size_t i, nreq, nedges = 0, nlinks = 0;
	struct integ_run r;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", receiver_start(0));
	integ_path(out, sizeof(out), "t.json");
	cr_assert_eq(integ_ctl(args, integ_dir, 120, &r), 0, "trace: %s", r.err);
	integ_run__free(&r);
	trace = load("t.json");
	spans = received_spans(&nreq);
	json_array_foreach(json_object_get(trace, "edges"), i, s)
	{
		const char *k = jstr(s, "kind");

		if (!strcmp(k, "pipe") || !strcmp(k, "wait") || !strcmp(k, "signal"))
			nedges++;
	}
	json_array_foreach(spans, i, s) nlinks += json_array_size(json_object_get(s, "links"));
	cr_assert_gt(nedges, 0);
	cr_assert_eq(nlinks, nedges, "every pipe, wait and kill edge is a link (%zu of %zu)",
		     nlinks, nedges);
	json_decref(spans);
	json_decref(trace);
}
