// SPDX-License-Identifier: MIT
/*
 * renacerctl check on real traces (docs/assertions.md): each anti-pattern fires on the
 * fixture made to show it and not on its sound twin; every assertion type passes with a
 * budget just above the value it measured and fails just below it; warnings, skips, exit
 * statuses and file errors; the JUnit file read by a real XML parser (python3's
 * xml.etree) for the structure CI systems read.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"
#include "test_daemon.h"

TestSuite(integ_check, .init = integ_setup, .fini = integ_teardown, .timeout = 180);

/* ap_poll busy's verdict: FAIL with a confidence of 0.99 or more (n / (n + scale) of its
 * thousands of empty reads: how many depends on the machine's speed, 0.99 or 1.00). */
static bool busy_loop_failed(const char *report)
{
	const char *head = "FAIL    no busy polling (anti_pattern): confidence ";
	const char *at = strstr(report, head);

	return at && strtod(at + strlen(head), NULL) >= 0.99;
}

#define MIB (1024.0 * 1024.0)

/* Traces fixture with mode into <integ_dir>/<name>.json; returns the path (static slot). */
static const char *record(const char *fixture, const char *mode, const char *name)
{
	static char paths[4][512];
	static int slot;
	char *fx = integ_fixture(fixture), file[64];
	char *out = paths[slot++ % 4];
	/* a roomy ring: a loaded machine (or an ASan-built tracer) must not lose the spins */
	const char *args[] = {"trace", "-f", "--buffer-size=64M", "-o", out, "--", fx, mode, NULL};
	struct integ_run res;

	snprintf(file, sizeof(file), "%s.json", name);
	integ_path(out, sizeof(paths[0]), file);
	cr_assert_eq(integ_ctl(args, integ_dir, 120, &res), 0, "trace %s %s failed:\n%s", fixture,
		     mode, res.err);
	/* verdicts on a trace with holes would test the holes */
	cr_assert_null(strstr(res.err, "events (ring buffer full"), "trace %s %s lost events:\n%s",
		       fixture, mode, res.err);
	integ_run__free(&res);
	free(fx);
	return out;
}

/* Runs check with config text on trace; asserts the status; returns the JSON report. */
static json_t *check(const char *config, const char *trace, int want)
{
	char cfg[512];
	const char *args[] = {"check", "--format", "json", cfg, trace, NULL};
	struct integ_run res;
	json_error_t jerr;
	json_t *doc;

	integ_path(cfg, sizeof(cfg), "renacer.toml");
	cr_assert_eq(integ_write_file(cfg, config), 0);
	integ_ctl(args, integ_dir, 60, &res);
	cr_assert_eq(res.status, want, "check exited %d, not %d\nstdout:\n%s\nstderr:\n%s",
		     res.status, want, res.out, res.err);
	doc = json_loads(res.out, 0, &jerr);
	cr_assert(doc, "not JSON (%s):\n%s", jerr.text, res.out);
	integ_run__free(&res);
	return doc;
}

static json_t *result(json_t *doc, const char *name)
{
	size_t i;
	json_t *a;

	json_array_foreach(json_object_get(doc, "assertions"), i, a)
	{
		if (!strcmp(json_string_value(json_object_get(a, "name")), name))
			return a;
	}
	cr_assert_fail("no result named %s", name);
	return NULL;
}

static const char *verdict(json_t *doc, const char *name)
{
	return json_string_value(json_object_get(result(doc, name), "verdict"));
}

/* Measure k of assertion name. */
static double measured(json_t *doc, const char *name, size_t k)
{
	json_t *m = json_array_get(json_object_get(result(doc, name), "measures"), k);

	cr_assert(m, "%s has no measure %zu", name, k);
	return json_real_value(json_object_get(m, "value"));
}

static const char *evidence(json_t *doc, const char *name)
{
	return json_string_value(json_object_get(result(doc, name), "evidence"));
}

static const char *const pattern_names[] = {"TightLoop", "ExcessiveSmallIO", "GodProcess"};

/*
 * The detectors on one trace: want[k] is "PASS", "FAIL" or NULL (not asked: a process that
 * spins while its partner waits is also a GodProcess, a little).
 */
static void expect_patterns(const char *trace, const char *loop, const char *small, const char *god)
{
	const char *want[] = {loop, small, god};
	char cfg[1024] = "";
	size_t off = 0;
	bool fails = false;
	json_t *doc;

	for (int k = 0; k < 3; k++) {
		if (!want[k])
			continue;
		off += (size_t)snprintf(cfg + off, sizeof(cfg) - off,
					"[[assertion]]\nname = \"%s\"\ntype = \"anti_pattern\"\n"
					"pattern = \"%s\"\n",
					pattern_names[k], pattern_names[k]);
		fails |= !strcmp(want[k], "FAIL");
	}
	doc = check(cfg, trace, fails ? 1 : 0);
	for (int k = 0; k < 3; k++)
		if (want[k])
			cr_expect_str_eq(verdict(doc, pattern_names[k]), want[k], "%s %s: %s",
					 trace, pattern_names[k], evidence(doc, pattern_names[k]));
	json_decref(doc);
}

Test(integ_check, tight_loop_fires_on_busy_polling_and_not_on_a_blocking_read_or_poll)
{
	expect_patterns(record("ap_poll", "busy", "busy"), "FAIL", "PASS", NULL);
	expect_patterns(record("ap_poll", "busysock", "busysock"), "FAIL", "PASS", NULL);
	/* GodProcess is left out here: in a two-process run where one process waits, the other
	 * does hold the CPU, and how much CPU a few ms of start-up cost depends on the machine's
	 * load (a loaded CI run scored it over the threshold); ap_pipeline tests it */
	expect_patterns(record("ap_poll", "block", "block"), "PASS", "PASS", NULL);
	expect_patterns(record("ap_poll", "poll", "poll"), "PASS", "PASS", NULL);
}

Test(integ_check, small_io_fires_on_a_byte_at_a_time_writer_and_not_on_a_buffered_one)
{
	expect_patterns(record("ap_smallio", "bytes", "bytes"), "PASS", "FAIL", "PASS");
	expect_patterns(record("ap_smallio", "buffered", "buffered"), "PASS", "PASS", "PASS");
}

Test(integ_check, god_process_fires_when_one_stage_does_the_work_and_not_when_balanced)
{
	expect_patterns(record("ap_pipeline", "god", "god"), "PASS", "PASS", "FAIL");
	expect_patterns(record("ap_pipeline", "balanced", "balanced"), "PASS", "PASS", "PASS");
}

static const char *const memory =
    "[[assertion]]\nname = \"rss\"\ntype = \"memory_usage\"\nmax_bytes = 0\n"
    "[[assertion]]\nname = \"alloc\"\ntype = \"memory_usage\"\nmax_bytes = 0\n"
    "tracking_mode = \"allocations\"\n";

Test(integ_check, allocations_and_rss_see_a_64_mib_malloc)
{
	json_t *doc = check(memory, record("ap_memhog", "big", "big"), 1);

	cr_expect(measured(doc, "alloc", 0) >= 64 * MIB && measured(doc, "alloc", 0) < 72 * MIB,
		  "allocations %.0f bytes: %s", measured(doc, "alloc", 0), evidence(doc, "alloc"));
	cr_expect(measured(doc, "rss", 0) >= 64 * MIB, "peak RSS %.0f bytes: %s",
		  measured(doc, "rss", 0), evidence(doc, "rss"));
	json_decref(doc);
	doc = check(memory, record("ap_memhog", "small", "small"), 1);
	cr_expect(measured(doc, "alloc", 0) < 8 * MIB, "allocations %.0f bytes: %s",
		  measured(doc, "alloc", 0), evidence(doc, "alloc"));
	cr_expect(measured(doc, "rss", 0) < 32 * MIB, "peak RSS %.0f", measured(doc, "rss", 0));
	json_decref(doc);
}

/* A threshold is a confidence: at most 1 (and a confidence of 1 passes it). */
static double below_one(double v)
{
	return v > 1 ? 1 : v;
}

/* The config with every budget at its value + sign * delta. */
static char *budgets(json_t *m, int sign)
{
	static const char *const fmt =
	    "[[assertion]]\nname = \"cp\"\ntype = \"critical_path\"\nmax_duration_ms = %.6f\n"
	    "[[assertion]]\nname = \"cp-stage\"\ntype = \"critical_path\"\n"
	    "max_duration_ms = %.6f\nprocess_name_pattern = \"^ap_pipe\"\n"
	    "[[assertion]]\nname = \"spans\"\ntype = \"span_count\"\nmax_spans = %.0f\n"
	    "[[assertion]]\nname = \"reads\"\ntype = \"span_count\"\nmax_spans = %.0f\n"
	    "span_name_pattern = \"^read$\"\n"
	    "[[assertion]]\nname = \"rss\"\ntype = \"memory_usage\"\nmax_bytes = %.0f\n"
	    "[[assertion]]\nname = \"alloc\"\ntype = \"memory_usage\"\nmax_bytes = %.0f\n"
	    "tracking_mode = \"allocations\"\n"
	    "[[assertion]]\nname = \"god\"\ntype = \"anti_pattern\"\npattern = \"GodProcess\"\n"
	    "threshold = %.4f\n"
	    "[[assertion]]\nname = \"files\"\ntype = \"syscall_budget\"\nsyscall = \"%%file\"\n"
	    "max_calls = %.0f\nmax_errors = %.0f\n"
	    "[[assertion]]\nname = \"wall\"\ntype = \"duration\"\nmax_wall_ms = %.6f\n"
	    "[[assertion]]\nname = \"cpu\"\ntype = \"duration\"\nmax_cpu_ms = %.6f\n";
	char *out = NULL;

	cr_assert(asprintf(&out, fmt, measured(m, "cp", 0) + sign * 0.001,
			   measured(m, "cp-stage", 0) + sign * 0.001,
			   measured(m, "spans", 0) + sign, measured(m, "reads", 0) + sign,
			   measured(m, "rss", 0) + sign, measured(m, "alloc", 0) + sign * 4096.0,
			   below_one(measured(m, "god", 0) + sign * 0.01),
			   measured(m, "files", 0) + sign, measured(m, "files", 1) + sign,
			   measured(m, "wall", 0) + sign * 0.001,
			   measured(m, "cpu", 0) + sign * 0.001) > 0);
	return out;
}

Test(integ_check, every_type_passes_just_above_its_measured_value_and_fails_just_below)
{
	const char *trace = record("ap_pipeline", "god", "god");
	static const char *const names[] = {"cp",    "cp-stage", "spans", "reads", "rss",
					    "alloc", "god",	 "files", "wall",  "cpu"};
	json_t *zero, *hi, *lo;
	char *cfg;
	size_t i;

	/* budgets of 0 everywhere: every figure is measured, and each is above 0 */
	cfg = strdup("[[assertion]]\nname = \"cp\"\ntype = \"critical_path\"\nmax_duration_ms = 0\n"
		     "[[assertion]]\nname = \"cp-stage\"\ntype = \"critical_path\"\n"
		     "max_duration_ms = 0\nprocess_name_pattern = \"^ap_pipe\"\n"
		     "[[assertion]]\nname = \"spans\"\ntype = \"span_count\"\nmax_spans = 0\n"
		     "[[assertion]]\nname = \"reads\"\ntype = \"span_count\"\nmax_spans = 0\n"
		     "span_name_pattern = \"^read$\"\n"
		     "[[assertion]]\nname = \"rss\"\ntype = \"memory_usage\"\nmax_bytes = 0\n"
		     "[[assertion]]\nname = \"alloc\"\ntype = \"memory_usage\"\nmax_bytes = 0\n"
		     "tracking_mode = \"allocations\"\n"
		     "[[assertion]]\nname = \"god\"\ntype = \"anti_pattern\"\n"
		     "pattern = \"GodProcess\"\nthreshold = 0\n"
		     "[[assertion]]\nname = \"files\"\ntype = \"syscall_budget\"\n"
		     "syscall = \"%file\"\nmax_calls = 0\nmax_errors = 0\n"
		     "[[assertion]]\nname = \"wall\"\ntype = \"duration\"\nmax_wall_ms = 0\n"
		     "[[assertion]]\nname = \"cpu\"\ntype = \"duration\"\nmax_cpu_ms = 0\n");
	zero = check(cfg, trace, 1);
	free(cfg);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cr_assert(measured(zero, names[i], 0) > 0, "%s measured 0: %s", names[i],
			  evidence(zero, names[i]));
		cr_assert_str_eq(verdict(zero, names[i]), "FAIL");
	}
	/* the stages read 32 blocks, the loader a few headers: a pattern narrows the count */
	cr_expect(measured(zero, "reads", 0) >= 32 && measured(zero, "reads", 0) < 40, "reads: %s",
		  evidence(zero, "reads"));
	cr_expect(measured(zero, "reads", 0) < measured(zero, "spans", 0));
	cr_expect(measured(zero, "cp-stage", 0) <= measured(zero, "cp", 0));
	cr_expect(measured(zero, "files", 1) > 0, "the loader's failed access(): %s",
		  evidence(zero, "files"));
	cfg = budgets(zero, 1);
	hi = check(cfg, trace, 0);
	free(cfg);
	cfg = budgets(zero, -1);
	lo = check(cfg, trace, 1);
	free(cfg);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cr_expect_str_eq(verdict(hi, names[i]), "PASS", "%s above its value", names[i]);
		cr_expect_str_eq(verdict(lo, names[i]), "FAIL", "%s below its value", names[i]);
	}
	json_decref(zero);
	json_decref(hi);
	json_decref(lo);
}

static const char *const mixed =
    "[[assertion]]\nname = \"few writes\"\ntype = \"syscall_budget\"\nsyscall = \"write\"\n"
    "max_calls = 100\n"
    "[[assertion]]\nname = \"small io <warn>\"\ntype = \"anti_pattern\"\n"
    "pattern = \"ExcessiveSmallIO\"\nfail_on_violation = false\n"
    "[[assertion]]\nname = \"opens\"\ntype = \"syscall_budget\"\nsyscall = \"openat\"\n"
    "max_calls = 50\n"
    "[[assertion]]\nname = \"later\"\ntype = \"duration\"\nmax_wall_ms = 1\nenabled = false\n";

Test(integ_check, text_report_has_a_line_per_assertion_with_its_verdict)
{
	const char *trace = record("ap_smallio", "bytes", "bytes");
	const char *args[] = {"check", "renacer.toml", trace, NULL};
	struct integ_run res;
	char cfg[512];

	integ_path(cfg, sizeof(cfg), "renacer.toml");
	integ_write_file(cfg, mixed);
	integ_ctl(args, integ_dir, 60, &res);
	cr_assert_eq(res.status, 1, "%s%s", res.out, res.err);
	cr_expect(strstr(res.out, "FAIL    few writes (syscall_budget): calls 8192 > 100; "
				  "evidence: write 8192; pid "),
		  "%s", res.out);
	cr_expect(strstr(res.out, " (ap_smallio) made 8192 of them (event ids "), "%s", res.out);
	cr_expect(strstr(res.out, "WARN    small io <warn> (anti_pattern): confidence 0.99 > "
				  "0.80; evidence: pid "),
		  "%s", res.out);
	cr_expect(strstr(res.out, "PASS    opens (syscall_budget): calls "), "%s", res.out);
	cr_expect(strstr(res.out, "SKIPPED later (duration): disabled\n"), "%s", res.out);
	cr_expect(strstr(res.out, "4 assertions: 1 passed, 1 failed, 1 warned, 1 skipped\n"), "%s",
		  res.out);
	integ_run__free(&res);
}

Test(integ_check, a_warning_alone_exits_0)
{
	json_t *doc = check("[[assertion]]\nname = \"w\"\ntype = \"span_count\"\nmax_spans = 1\n"
			    "fail_on_violation = false\n",
			    record("ap_smallio", "buffered", "buffered"), 0);

	cr_expect_str_eq(verdict(doc, "w"), "WARN");
	cr_expect_eq(json_integer_value(json_object_get(doc, "status")), 0);
	json_decref(doc);
}

/* The JUnit structure CI systems read, checked by python3's XML parser. */
static const char *const junit_check =
    "import sys, xml.etree.ElementTree as ET\n"
    "root = ET.parse(sys.argv[1]).getroot()\n"
    "assert root.tag == 'testsuites', root.tag\n"
    "suites = root.findall('testsuite')\n"
    "assert len(suites) == 1, len(suites)\n"
    "s = suites[0]\n"
    "cases = s.findall('testcase')\n"
    "assert s.get('tests') == str(len(cases)) == '4', s.get('tests')\n"
    "assert s.get('failures') == '1' and s.get('skipped') == '1', s.attrib\n"
    "assert s.get('errors') == '0', s.attrib\n"
    "by = {c.get('name'): c for c in cases}\n"
    "assert set(by) == {'few writes', 'small io <warn>', 'opens', 'later'}, by\n"
    "for c in cases:\n"
    "    assert c.get('classname', '').startswith('renacer.'), c.attrib\n"
    "    float(c.get('time'))\n"
    "f = by['few writes'].findall('failure')\n"
    "assert len(f) == 1 and 'calls 8192 > 100' in f[0].get('message'), f\n"
    "assert 'write 8192' in f[0].text and 'event ids' in f[0].text, f[0].text\n"
    "assert by['later'].find('skipped') is not None\n"
    "for n in ('small io <warn>', 'opens'):\n"
    "    assert by[n].find('failure') is None and by[n].find('skipped') is None, n\n"
    "assert 'WARN' in by['small io <warn>'].find('system-out').text\n"
    "print('junit ok')\n";

Test(integ_check, junit_file_has_one_testsuite_a_testcase_per_assertion_failure_and_skipped)
{
	const char *trace = record("ap_smallio", "bytes", "bytes");
	char cfg[512], xml[512];
	const char *args[] = {"check", "--junit", xml, cfg, trace, NULL};
	char *py[] = {"python3", "-c", (char *)junit_check, xml, NULL};
	struct integ_run res;

	integ_path(cfg, sizeof(cfg), "renacer.toml");
	integ_path(xml, sizeof(xml), "junit.xml");
	integ_write_file(cfg, mixed);
	integ_ctl(args, integ_dir, 60, &res);
	cr_assert_eq(res.status, 1, "%s%s", res.out, res.err);
	integ_run__free(&res);
	integ_run(py, integ_dir, 60, &res);
	cr_assert_eq(res.status, 0, "python3 rejects the JUnit file:\n%s\n%s", res.err,
		     integ_read_file(xml));
	cr_expect(strstr(res.out, "junit ok"), "%s", res.out);
	integ_run__free(&res);
}

Test(integ_check, exit_status_2_for_a_bad_config_or_trace_with_the_position)
{
	const char *trace = record("ap_smallio", "buffered", "buffered");
	char cfg[512], bad[512];
	const char *args[] = {"check", cfg, trace, NULL};
	const char *args2[] = {"check", cfg, bad, NULL};
	struct integ_run res;

	integ_path(cfg, sizeof(cfg), "renacer.toml");
	integ_path(bad, sizeof(bad), "garbage.json");
	integ_write_file(cfg, "[[assertion]]\nname = \"a\"\ntype = \"span_count\"\nmax_span = 3\n");
	integ_ctl(args, integ_dir, 60, &res);
	cr_expect_eq(res.status, 2);
	cr_expect(strstr(res.err, "renacer.toml:4:12: unknown key 'max_span' for a span_count "
				  "assertion"),
		  "%s", res.err);
	integ_run__free(&res);
	integ_write_file(cfg, "# empty\n");
	integ_ctl(args, integ_dir, 60, &res);
	cr_expect_eq(res.status, 2);
	cr_expect(strstr(res.err, "has no [[assertion]] table"), "%s", res.err);
	integ_run__free(&res);
	integ_write_file(cfg, mixed);
	integ_write_file(bad, "{\"format\": \"nonsense\"");
	integ_ctl(args2, integ_dir, 60, &res);
	cr_expect_eq(res.status, 2, "%s", res.err);
	cr_expect(strstr(res.err, "renacerctl check: "), "%s", res.err);
	integ_run__free(&res);
	args2[2] = "/nonexistent/trace.json";
	integ_ctl(args2, integ_dir, 60, &res);
	cr_expect_eq(res.status, 2, "%s", res.err);
	integ_run__free(&res);
}

Test(integ_check, junit_file_says_why_a_check_could_not_run)
{
	char cfg[512], xml[512];
	const char *args[] = {"check", "--junit", xml, cfg, "/nonexistent/trace.json", NULL};
	static const char *const py = "import sys, xml.etree.ElementTree as ET\n"
				      "s = ET.parse(sys.argv[1]).getroot().findall('testsuite')\n"
				      "assert len(s) == 1 and s[0].get('errors') == '1', s\n"
				      "e = s[0].find('testcase').find('error')\n"
				      "assert 'trace.json' in e.get('message'), e.attrib\n"
				      "print('junit error ok')\n";
	char *pyargv[] = {"python3", "-c", (char *)py, xml, NULL};
	struct integ_run res;

	integ_path(cfg, sizeof(cfg), "renacer.toml");
	integ_path(xml, sizeof(xml), "junit.xml");
	integ_write_file(cfg, mixed);
	integ_ctl(args, integ_dir, 60, &res);
	cr_expect_eq(res.status, 2, "%s", res.err);
	integ_run__free(&res);
	integ_run(pyargv, integ_dir, 60, &res);
	cr_expect_eq(res.status, 0, "%s%s", res.err, integ_read_file(xml));
	cr_expect(strstr(res.out, "junit error ok"), "%s", res.out);
	integ_run__free(&res);
}

Test(integ_check, trace_assert_evaluates_the_live_run_and_fails_it_on_an_enforced_violation)
{
	char cfg[512], out[512];
	char *fx = integ_fixture("ap_poll");
	const char *busy[] = {"trace",	  "-f", "--embedded", "--buffer-size=64M",
			      "--assert", cfg,	"-o",	      out,
			      "--",	  fx,	"busy",	      NULL};
	const char *block[] = {"trace", "-f", "--embedded", "--assert", cfg,
			       "--",	fx,   "block",	    NULL};
	const char *sh[] = {"trace", "--embedded", "--assert", cfg, "--",
			    "sh",    "-c",	   "exit 3",   NULL};
	struct integ_run res;

	integ_path(cfg, sizeof(cfg), "renacer.toml");
	integ_path(out, sizeof(out), "live.json");
	integ_write_file(cfg, "[[assertion]]\nname = \"no busy polling\"\ntype = \"anti_pattern\"\n"
			      "pattern = \"TightLoop\"\n"
			      "[[assertion]]\nname = \"reads\"\ntype = \"syscall_budget\"\n"
			      "syscall = \"read\"\nmax_calls = 100\nfail_on_violation = false\n");
	integ_ctl(busy, integ_dir, 120, &res);
	cr_expect_eq(res.status, 1, "%s", res.err);
	cr_expect(busy_loop_failed(res.err), "%s", res.err);
	cr_expect(strstr(res.err, " > 0.80; evidence: tid "), "%s", res.err);
	cr_expect(strstr(res.err, "WARN    reads (syscall_budget): calls "), "%s", res.err);
	integ_run__free(&res);
	/* the file written beside it holds the same run: check agrees */
	json_t *doc = check("[[assertion]]\nname = \"l\"\ntype = \"anti_pattern\"\n"
			    "pattern = \"TightLoop\"\n",
			    out, 1);
	json_decref(doc);
	integ_write_file(cfg, "[[assertion]]\nname = \"no busy polling\"\ntype = \"anti_pattern\"\n"
			      "pattern = \"TightLoop\"\n");
	integ_ctl(block, integ_dir, 120, &res);
	cr_expect_eq(res.status, 0, "%s", res.err);
	cr_expect(strstr(res.err, "1 assertion: 1 passed, 0 failed"), "%s", res.err);
	/* without -o the strace text still goes to stderr, before the report */
	cr_expect(strstr(res.err, "read(3, \"x\", 1) "), "%s", res.err);
	integ_run__free(&res);
	integ_ctl(sh, integ_dir, 120, &res);
	cr_expect_eq(res.status, 3, "the command's own status when all pass: %s", res.err);
	integ_run__free(&res);
	integ_write_file(cfg, "[[assertion]]\nname = \"x\"\ntype = \"nope\"\n");
	integ_ctl(sh, integ_dir, 120, &res);
	cr_expect_eq(res.status, 2, "%s", res.err);
	cr_expect(strstr(res.err, "renacer.toml:3:8: unknown type \"nope\""), "%s", res.err);
	integ_run__free(&res);
	free(fx);
}

TestSuite(integ_check_daemon, .init = td_setup, .fini = td_teardown, .timeout = 180);

Test(integ_check_daemon, trace_assert_through_renacerd_gives_the_same_verdicts)
{
	char cfg[512];
	char *fx = integ_fixture("ap_poll");
	const char *busy[] = {"trace", "-f", "--daemon", "--socket", td_sock, "--assert",
			      cfg,     "--", fx,	 "busy",     NULL};
	const char *block[] = {"trace", "-f", "--daemon", "--socket", td_sock, "--assert",
			       cfg,	"--", fx,	  "block",    NULL};
	struct integ_run res;

	td_start(NULL);
	integ_path(cfg, sizeof(cfg), "renacer.toml");
	integ_write_file(cfg, "[[assertion]]\nname = \"no busy polling\"\ntype = \"anti_pattern\"\n"
			      "pattern = \"TightLoop\"\n");
	integ_ctl(busy, integ_dir, 120, &res);
	cr_expect_eq(res.status, 1, "%s", res.err);
	cr_expect(busy_loop_failed(res.err), "%s", res.err);
	integ_run__free(&res);
	integ_ctl(block, integ_dir, 120, &res);
	cr_expect_eq(res.status, 0, "%s", res.err);
	cr_expect(strstr(res.err, "PASS    no busy polling (anti_pattern): confidence 0.00"), "%s",
		  res.err);
	integ_run__free(&res);
	free(fx);
}

Test(integ_check, with_format_json_every_error_is_a_json_object_naming_check)
{
	const char *args[] = {"check", "--bogus", "--format", "json", "a.toml", "b.json", NULL};
	const char *args2[] = {"check", "--format=json", "/nonexistent/a.toml", "b.json", NULL};
	const char *const *runs[] = {args, args2};
	struct integ_run res;

	for (int k = 0; k < 2; k++) {
		json_error_t jerr;
		json_t *doc, *e;

		integ_ctl(runs[k], integ_dir, 60, &res);
		cr_expect_eq(res.status, 2, "%s", res.err);
		doc = json_loads(res.err, JSON_DISABLE_EOF_CHECK, &jerr);
		cr_assert(doc, "not one JSON object a line (%s):\n%s", jerr.text, res.err);
		e = json_object_get(doc, "error");
		cr_expect_str_eq(json_string_value(json_object_get(e, "command")), "check");
		cr_expect(strchr(res.err, '\n') == res.err + strlen(res.err) - 1, "one line: %s",
			  res.err);
		json_decref(doc);
		integ_run__free(&res);
	}
}
