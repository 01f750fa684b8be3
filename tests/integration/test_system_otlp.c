// SPDX-License-Identifier: MIT
/*
 * renacerd --system-wide over OTLP, against tests/otlp/receiver.js: a fixture's aggregates
 * arrive as metrics (syscall.calls of getppid = the calls it made, on a resource naming its
 * pid), its slow nanosleep as a span under its process's span, which carries its exit code.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_daemon.h"

static pid_t receiver;

static void fini(void)
{
	integ_otlp_stop(&receiver);
	td_teardown();
}

TestSuite(integ_system_otlp, .init = td_setup, .fini = fini, .timeout = 180);

/* tests/otlp/receiver.js on a free port, recording to <dir>/got.jsonl; its port. */
static int receiver_start(void)
{
	struct integ_otlp_opts o = {0};

	return integ_otlp_start(&o, &receiver);
}

/* The value of attribute key in a JSON attribute list, as text ("" when absent). */
static const char *attr(json_t *attrs, const char *key, char *buf, size_t len)
{
	size_t i;
	json_t *kv;

	buf[0] = 0;
	json_array_foreach(attrs, i, kv)
	{
		json_t *v = json_object_get(kv, "value");

		if (strcmp(json_string_value(json_object_get(kv, "key")), key))
			continue;
		if (json_object_get(v, "int_value"))
			snprintf(buf, len, "%s",
				 json_string_value(json_object_get(v, "int_value")));
		else if (json_object_get(v, "string_value"))
			snprintf(buf, len, "%s",
				 json_string_value(json_object_get(v, "string_value")));
	}
	return buf;
}

static bool is_pid(json_t *resource, pid_t pid)
{
	char buf[64], want[16];

	snprintf(want, sizeof(want), "%d", pid);
	return !strcmp(
	    attr(json_object_get(resource, "attributes"), "process.pid", buf, sizeof(buf)), want);
}

struct got {
	long long getppid_calls;
	bool hist;
	char proc_span[17], slow_parent[17], slow_name[32], exit_code[8];
};

static void scan_metrics(json_t *rq, pid_t pid, struct got *g)
{
	size_t i, k, m, p;
	json_t *rm, *sm, *mt, *dp;
	char buf[64];

	json_array_foreach(json_object_get(rq, "resource_metrics"), i, rm)
	{
		if (!is_pid(json_object_get(rm, "resource"), pid))
			continue;
		json_array_foreach(json_object_get(rm, "scope_metrics"), k, sm)
		    json_array_foreach(json_object_get(sm, "metrics"), m, mt)
		{
			const char *name = json_string_value(json_object_get(mt, "name"));

			if (!strcmp(name, "syscall.duration"))
				g->hist = json_array_size(json_object_get(
					      json_object_get(mt, "histogram"), "data_points")) > 0;
			if (strcmp(name, "syscall.calls"))
				continue;
			json_array_foreach(
			    json_object_get(json_object_get(mt, "sum"), "data_points"), p,
			    dp) if (!strcmp(attr(json_object_get(dp, "attributes"), "syscall.name",
						 buf, sizeof(buf)),
					    "getppid")) g->getppid_calls =
			    atoll(json_string_value(json_object_get(dp, "as_int")));
		}
	}
}

static void scan_spans(json_t *rq, pid_t pid, struct got *g)
{
	size_t i, k, s;
	json_t *rs, *ss, *sp;
	char buf[16];

	json_array_foreach(json_object_get(rq, "resource_spans"), i, rs)
	{
		if (!is_pid(json_object_get(rs, "resource"), pid))
			continue;
		json_array_foreach(json_object_get(rs, "scope_spans"), k, ss)
		    json_array_foreach(json_object_get(ss, "spans"), s, sp)
		{
			const char *name = json_string_value(json_object_get(sp, "name"));
			const char *id = json_string_value(json_object_get(sp, "span_id"));
			const char *parent =
			    json_string_value(json_object_get(sp, "parent_span_id"));

			if (!strcmp(name, "sys_ncalls")) {
				snprintf(g->proc_span, sizeof(g->proc_span), "%s", id ? id : "");
				snprintf(g->exit_code, sizeof(g->exit_code), "%s",
					 attr(json_object_get(sp, "attributes"),
					      "process.exit.code", buf, sizeof(buf)));
			} else if (parent && *parent) {
				snprintf(g->slow_parent, sizeof(g->slow_parent), "%s", parent);
				snprintf(g->slow_name, sizeof(g->slow_name), "%s", name);
			}
		}
	}
}

static void scan(const char *path, pid_t pid, struct got *g)
{
	char *text = integ_read_file(path), *line, *save = NULL;

	memset(g, 0, sizeof(*g));
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_t *j = json_loads(line, 0, NULL);

		if (json_object_get(j, "metrics"))
			scan_metrics(json_object_get(j, "metrics"), pid, g);
		else if (json_object_get(j, "request"))
			scan_spans(json_object_get(j, "request"), pid, g);
		json_decref(j);
	}
	free(text);
}

Test(integ_system_otlp, metrics_and_the_slow_calls_span_reach_the_receiver)
{
	const char *extra[] = {"--system-wide", NULL};
	char conf[256], out[PATH_MAX], *fx = integ_fixture("sys_ncalls");
	char *const argv[] = {fx, "50", "300", NULL};
	int port = receiver_start();
	struct got g;
	double until;
	pid_t pid;

	snprintf(conf, sizeof(conf),
		 "otlp_endpoint = \"http://127.0.0.1:%d\"\n[system]\ninterval_s = 1\n"
		 "slow_ms_wait = 100\n",
		 port);
	td_start_config(conf, extra);
	pid = integ_spawn(argv, "/dev/null");
	cr_assert_eq(integ_wait(pid, 60), 3);
	integ_path(out, sizeof(out), "got.jsonl");
	for (until = integ_now_s() + 60; integ_now_s() < until; integ_sleep_ms(200)) {
		scan(out, pid, &g);
		if (g.getppid_calls == 50 && g.hist && g.proc_span[0] && g.slow_parent[0])
			break;
	}
	cr_assert_eq(g.getppid_calls, 50, "syscall.calls of getppid for pid %d: %lld", pid,
		     g.getppid_calls);
	cr_assert(g.hist, "no syscall.duration histogram for pid %d", pid);
	cr_assert(g.proc_span[0], "no process span for pid %d", pid);
	cr_assert_str_eq(g.exit_code, "3", "the process span carries its exit code");
	cr_assert_str_eq(g.slow_name, "nanosleep");
	cr_assert_str_eq(g.slow_parent, g.proc_span, "the slow call is under its process's span");
	free(fx);
}

/* One endpoint setting: --otlp on the command line wins over a dead otlp_endpoint in the file. */
Test(integ_system_otlp, the_otlp_flag_feeds_the_system_wide_export_over_the_file)
{
	char url[64], out[PATH_MAX], *fx = integ_fixture("sys_ncalls");
	const char *extra[] = {"--system-wide", "--otlp", url, NULL};
	char *const argv[] = {fx, "50", "0", NULL};
	int port = receiver_start();
	struct got g;
	double until;
	pid_t pid;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", port);
	td_start_config("otlp_endpoint = \"http://127.0.0.1:1\"\n[system]\ninterval_s = 1\n",
			extra);
	pid = integ_spawn(argv, "/dev/null");
	cr_assert_eq(integ_wait(pid, 60), 3);
	integ_path(out, sizeof(out), "got.jsonl");
	for (until = integ_now_s() + 60; integ_now_s() < until; integ_sleep_ms(200)) {
		scan(out, pid, &g);
		if (g.getppid_calls == 50 && g.proc_span[0])
			break;
	}
	cr_assert_eq(g.getppid_calls, 50,
		     "syscall.calls of getppid for pid %d at the --otlp receiver: %lld\n%s", pid,
		     g.getppid_calls, td_log());
	cr_assert_str_eq(g.exit_code, "3", "the process span reached the --otlp receiver");
	free(fx);
}
