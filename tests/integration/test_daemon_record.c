// SPDX-License-Identifier: MIT
/*
 * renacerd recording the sessions it traces itself (daemon/record.c): the assertions of its
 * configured renacer.toml checked on each session, a JUnit report and the golden trace in
 * its spool, the verdict told to the client; the spool rotated by size and age; every
 * session exported over OTLP to the receiver renacer did not write (tests/otlp/receiver.js).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "test_daemon.h"

static pid_t receiver;

static void teardown(void)
{
	integ_otlp_stop(&receiver);
	td_teardown();
}

TestSuite(integ_daemon_record, .init = td_setup, .fini = teardown, .timeout = 180);

/* One passing and one failing assertion: `exitcode 0` makes more than 1 call. */
static const char *const rules = "[[assertion]]\n"
				 "name = \"at most one call\"\n"
				 "type = \"span_count\"\n"
				 "max_spans = 1\n"
				 "\n"
				 "[[assertion]]\n"
				 "name = \"ten minutes\"\n"
				 "type = \"duration\"\n"
				 "max_wall_ms = 600000\n";

/* renacerd with those rules and its spool in <dir>/spool, plus extra configuration. */
static void start_checking(const char *extra_conf)
{
	char cfg[PATH_MAX], conf[3 * PATH_MAX];

	integ_path(cfg, sizeof(cfg), "rules.toml");
	cr_assert_eq(integ_write_file(cfg, rules), 0);
	snprintf(conf, sizeof(conf), "assertions = \"%s\"\nspool_dir = \"%s/spool\"\n%s", cfg,
		 integ_dir, extra_conf);
	td_start_config(conf, NULL);
}

/* Traces `exitcode 0` through the daemon; its status, stderr in r. */
static int trace_exitcode(struct integ_run *r)
{
	char *fx = integ_fixture("exitcode");
	const char *args[] = {"trace",	   "--daemon", "--socket", td_sock, "-o",
			      "/dev/null", "--",       fx,	   "0",	    NULL};
	int st = integ_ctl(args, integ_dir, 60, r);

	free(fx);
	return st;
}

/* The spool's files (sorted by name, dot files left out) as one "\n"-joined string. */
static char *spool_list(void)
{
	char dir[PATH_MAX], *out = NULL;
	struct dirent **names;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	int n, i;

	integ_path(dir, sizeof(dir), "spool");
	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.')
			fprintf(f, "%s\n", names[i]->d_name);
		free(names[i]);
	}
	if (n > 0)
		free(names);
	fclose(f);
	return out;
}

static size_t count_lines_with(const char *text, const char *needle)
{
	size_t n = 0;
	const char *p;

	for (p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The JUnit file CI systems read, checked by python3's XML parser. */
static const char *const junit_check =
    "import sys, xml.etree.ElementTree as ET\n"
    "s = ET.parse(sys.argv[1]).getroot().findall('testsuite')\n"
    "assert len(s) == 1, s\n"
    "s = s[0]\n"
    "assert s.get('tests') == '2' and s.get('failures') == '1', s.attrib\n"
    "by = {c.get('name'): c for c in s.findall('testcase')}\n"
    "f = by['at most one call'].findall('failure')\n"
    "assert len(f) == 1 and 'spans' in f[0].get('message'), f\n"
    "assert by['ten minutes'].find('failure') is None\n"
    "print('junit ok')\n";

Test(integ_daemon_record,
     a_failing_assertion_leaves_a_junit_failure_and_the_trace_in_the_spool_and_the_client_is_told)
{
	char xml[PATH_MAX], rnt[PATH_MAX], *list, *p, *nl;
	char *py[] = {"python3", "-c", (char *)junit_check, xml, NULL};
	const char *show[] = {"show", rnt, NULL};
	struct integ_run r, s;

	start_checking("");
	/* the traced command's status is its own: the daemon's verdict is reported, not imposed */
	cr_assert_eq(trace_exitcode(&r), 0, "%s", r.err);
	cr_expect(strstr(r.err, "renacerd checked the trace against its assertions: FAILED (1 "
				"passed, 1 failed"),
		  "the client was not told the verdict:\n%s", r.err);
	cr_expect(strstr(r.err, "FAIL    at most one call"), "no report line:\n%s", r.err);
	list = spool_list();
	cr_assert_eq(count_lines_with(list, ".junit.xml\n"), 1, "spool:\n%s", list);
	cr_assert_eq(count_lines_with(list, ".rnt\n"), 1, "spool:\n%s", list);
	cr_expect(strstr(list, "-s1-exitcode.rnt\n"), "named by session and command:\n%s", list);
	p = strstr(list, ".junit.xml\n");
	for (nl = p; nl > list && nl[-1] != '\n'; nl--)
		;
	snprintf(xml, sizeof(xml), "%s/spool/%.*s.junit.xml", integ_dir, (int)(p - nl), nl);
	snprintf(rnt, sizeof(rnt), "%s/spool/%.*s.rnt", integ_dir, (int)(p - nl), nl);
	cr_expect(strstr(r.err, xml), "the client was not told where the JUnit file is:\n%s",
		  r.err);
	integ_run(py, integ_dir, 60, &s);
	cr_expect_eq(s.status, 0, "python3 rejects the JUnit file:\n%s\n%s", s.err,
		     integ_read_file(xml));
	integ_run__free(&s);
	cr_assert_eq(integ_ctl(show, integ_dir, 60, &s), 0, "%s", s.err);
	cr_expect(strstr(s.out, "+++ exited with 0 +++"), "the spool's trace is not whole:\n%s",
		  s.out);
	integ_run__free(&s);
	integ_run__free(&r);
	free(list);
}

Test(integ_daemon_record, spool_rotation_by_size_keeps_the_newest_session)
{
	struct integ_run r;
	char *list;
	int i;

	/* a byte: every older file goes, the session just written always stays */
	start_checking("spool_max_bytes = 1\n");
	for (i = 0; i < 3; i++) {
		cr_assert_eq(trace_exitcode(&r), 0, "%s", r.err);
		integ_run__free(&r);
	}
	list = spool_list();
	cr_expect_eq(count_lines_with(list, "\n"), 2, "spool:\n%s", list);
	cr_expect(strstr(list, "-s3-exitcode.rnt\n") && strstr(list, "-s3-exitcode.junit.xml\n"),
		  "the newest session's files are gone:\n%s", list);
	cr_expect(!strstr(list, "-s1-") && !strstr(list, "-s2-"), "older sessions stay:\n%s", list);
	free(list);
}

Test(integ_daemon_record, spool_rotation_by_age_removes_only_older_files)
{
	char old[PATH_MAX], recent[PATH_MAX];
	struct timeval tv[2];
	struct integ_run r;
	char *list;

	start_checking("spool_max_age = \"1h\"\n");
	integ_path(old, sizeof(old), "spool/20200101T000000Z-s9-old.rnt");
	integ_path(recent, sizeof(recent), "spool/20200101T000001Z-s10-recent.rnt");
	cr_assert_eq(integ_write_file(old, "x"), 0);
	cr_assert_eq(integ_write_file(recent, "x"), 0);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 2 * 3600;
	tv[1] = tv[0];
	cr_assert_eq(utimes(old, tv), 0);
	cr_assert_eq(trace_exitcode(&r), 0, "%s", r.err);
	integ_run__free(&r);
	list = spool_list();
	cr_expect(!strstr(list, "-old.rnt"), "a file older than spool_max_age stays:\n%s", list);
	cr_expect(strstr(list, "-recent.rnt"), "a recent file was removed:\n%s", list);
	cr_expect(strstr(list, "-s1-exitcode.rnt"), "the session's trace is missing:\n%s", list);
	free(list);
}

Test(integ_daemon_record, a_bad_assertions_file_stops_renacerd_at_start_naming_it)
{
	char conf[PATH_MAX], rulesp[PATH_MAX], bin[PATH_MAX], text[2 * PATH_MAX];
	char *argv[] = {bin, "--socket", td_sock, "--config", conf, NULL};
	struct integ_run r;

	integ_path(conf, sizeof(conf), "bad.toml");
	integ_path(rulesp, sizeof(rulesp), "rules.toml");
	snprintf(bin, sizeof(bin), "%s/renacerd", integ_build());
	cr_assert_eq(integ_write_file(rulesp, "[[assertion]]\nname = \"x\"\ntype = \"nope\"\n"), 0);
	snprintf(text, sizeof(text), "assertions = \"%s\"\nspool_dir = \"%s/spool\"\n", rulesp,
		 integ_dir);
	cr_assert_eq(integ_write_file(conf, text), 0);
	integ_run(argv, integ_dir, 30, &r);
	cr_expect_eq(r.status, 2, "%s", r.err);
	cr_expect(strstr(r.err, "rules.toml:3:"), "the error does not name file:line:\n%s", r.err);
	integ_run__free(&r);

	snprintf(text, sizeof(text), "spool_max_age = \"a week\"\n");
	cr_assert_eq(integ_write_file(conf, text), 0);
	integ_run(argv, integ_dir, 30, &r);
	cr_expect_eq(r.status, 2, "%s", r.err);
	cr_expect(strstr(r.err, "bad.toml:1:") && strstr(r.err, "spool_max_age"), "%s", r.err);
	integ_run__free(&r);

	snprintf(text, sizeof(text), "[[watch]]\ncgroup = \"a\"\nunit = \"b.service\"\n");
	cr_assert_eq(integ_write_file(conf, text), 0);
	integ_run(argv, integ_dir, 30, &r);
	cr_expect_eq(r.status, 2, "%s", r.err);
	cr_expect(strstr(r.err, "bad.toml:1:") && strstr(r.err, "not both"), "%s", r.err);
	integ_run__free(&r);
}

/* The receiver on a free port, recording to <dir>/got.jsonl; its port. */
static int receiver_start(void)
{
	struct integ_otlp_opts o = {0};

	return integ_otlp_start(&o, &receiver);
}

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* grpc-js gives 64-bit numbers as strings. */
static long long attr_int(json_t *span, const char *key)
{
	json_t *kv, *v;
	size_t i;

	json_array_foreach(json_object_get(span, "attributes"), i, kv)
	{
		if (strcmp(jstr(kv, "key"), key))
			continue;
		v = json_object_get(json_object_get(kv, "value"), "int_value");
		return json_is_string(v) ? atoll(json_string_value(v)) : json_integer_value(v);
	}
	return -1;
}

/* The process spans received so far (those with process.pid). */
static json_t *process_spans(void)
{
	char p[PATH_MAX], *text, *line, *save = NULL;
	json_t *all = json_array();

	integ_path(p, sizeof(p), "got.jsonl");
	text = integ_read_file(p);
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_t *rec = json_loads(line, 0, NULL), *rs, *ss, *s;
		size_t i, j, k;

		json_array_foreach(
		    json_object_get(json_object_get(rec, "request"), "resource_spans"), i, rs)
		    json_array_foreach(json_object_get(rs, "scope_spans"), j, ss)
			json_array_foreach(json_object_get(ss, "spans"), k,
					   s) if (attr_int(s, "process.pid") > 0)
			    json_array_append(all, s);
		json_decref(rec);
	}
	free(text);
	return all;
}

Test(integ_daemon_record,
     the_daemons_export_of_a_session_reaches_the_receiver_and_sigterm_still_stops_it_cleanly)
{
	char url[64], needle[160];
	const char *extra[] = {"--otlp", url, NULL};
	const char *args[] = {"trace",
			      "-f",
			      "--daemon",
			      "--socket",
			      td_sock,
			      "-o",
			      "/dev/null",
			      "--",
			      "sh",
			      "-c",
			      "/bin/true; /bin/true; exit 3",
			      NULL};
	const char *status[] = {"status", "--socket", td_sock, NULL};
	json_t *spans = NULL, *s, *sh = NULL;
	size_t i, ntrue = 0;
	struct integ_run r;
	double until;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", receiver_start());
	/* the file names the span policy; the flag the endpoint, and wins over the file */
	td_start_config("otlp_endpoint = \"http://127.0.0.1:1\"\notlp_spans = \"none\"\n", extra);
	cr_assert_eq(integ_ctl(args, integ_dir, 60, &r), 3, "the command's status changed: %s",
		     r.err);
	integ_run__free(&r);
	/* the spans leave at the session's end, on the daemon's delivery thread */
	for (until = integ_now_s() + 60; integ_now_s() < until; integ_sleep_ms(50)) {
		json_decref(spans);
		spans = process_spans();
		if (json_array_size(spans) >= 3)
			break;
	}
	cr_assert_eq(json_array_size(spans), 3, "expected sh and its two children, got %zu spans",
		     json_array_size(spans));
	json_array_foreach(spans, i, s) if (!strcmp(jstr(s, "name"), "sh")) sh = s;
	cr_assert_not_null(sh, "no span for sh");
	cr_expect_eq(attr_int(sh, "process.exit.code"), 3);
	json_array_foreach(spans, i, s)
	{
		cr_expect_str_eq(jstr(s, "trace_id"), jstr(sh, "trace_id"), "not one trace");
		if (s == sh)
			continue;
		ntrue += !strcmp(jstr(s, "name"), "true");
		cr_expect_str_eq(jstr(s, "parent_span_id"), jstr(sh, "span_id"),
				 "%s is not under sh's span", jstr(s, "name"));
		cr_expect_eq(attr_int(s, "process.parent_pid"), attr_int(sh, "process.pid"));
	}
	cr_expect_eq(ntrue, 2);
	json_decref(spans);

	/* the receiver wrote them before it answered: the delivery thread counts them next */
	snprintf(needle, sizeof(needle), "OTLP export to %s: 3 spans sent, 0 dropped", url);
	for (until = integ_now_s() + 30;; integ_sleep_ms(50)) {
		cr_assert_eq(integ_ctl(status, integ_dir, 30, &r), 0, "%s", r.err);
		if (strstr(r.out, needle) || integ_now_s() > until)
			break;
		integ_run__free(&r);
	}
	cr_expect(strstr(r.out, needle), "renacerctl status does not show the export:\n%s", r.out);
	integ_run__free(&r);

	/* the delivery thread must not take the SIGTERM meant for the loop (it would die of it) */
	kill(td_pid, SIGTERM);
	cr_expect_eq(integ_wait(td_pid, 30), 0, "renacerd with an export did not stop cleanly:\n%s",
		     td_log());
	td_pid = 0;
}
