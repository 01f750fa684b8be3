// SPDX-License-Identifier: MIT
/*
 * The pictures of a recorded multi-process run (docs/views.md): the Perfetto export checked
 * against the Trace Event Format's rules by a parser (python3's json), the flame graph SVG
 * parsed as XML with the frames it must have, and the folded stacks line by line.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "integ.h"

enum { CTL_TIMEOUT_S = 60 };

static void setup(void)
{
	if (integ_use_strace())
		cr_skip_test("renacerctl's own commands");
	integ_setup();
}

TestSuite(integ_views, .init = setup, .fini = integ_teardown, .timeout = 120);

/* pipeline_rw: a parent forks a child that writes 5 lines into a pipe the parent reads */
static void record(const char *name)
{
	char *fx = integ_fixture("pipeline_rw");
	char out[PATH_MAX];
	const char *args[] = {"trace", "--embedded", "-f", "-o", out, "--", fx, "5", NULL};
	struct integ_run r;

	integ_path(out, sizeof(out), name);
	cr_assert_eq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 0, "recording %s failed:\n%s",
		     name, r.err);
	integ_run__free(&r);
	free(fx);
}

static void ctl_ok(const char *const *args, struct integ_run *r)
{
	cr_assert_eq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, r), 0,
		     "renacerctl %s %s failed:\n%s", args[0], args[1], r->err);
}

/*
 * The Trace Event Format's rules, as a viewer relies on them; prints "ok" and what it
 * counted, or the first broken rule.
 */
static const char *const TEF_CHECK =
    "import json, sys\n"
    "d = json.load(open(sys.argv[1]))\n"
    "ev = d['traceEvents']\n"
    "assert isinstance(ev, list) and ev, 'no traceEvents'\n"
    "num = (int, float)\n"
    "procs, threads, flows = {}, set(), {}\n"
    "sl_pids, sl_threads, names, cats, inst, fnames = set(), set(), set(), set(), set(), set()\n"
    "for e in ev:\n"
    "    ph = e.get('ph'); assert ph, 'an event without ph: %r' % e\n"
    "    assert isinstance(e.get('pid'), int) and isinstance(e.get('tid'), int), 'no pid/tid: %r' "
    "% e\n"
    "    if ph == 'X':\n"
    "        for k in ('ts', 'dur'): assert isinstance(e.get(k), num) and e[k] >= 0, 'X without "
    "%s: %r' % (k, e)\n"
    "        assert isinstance(e.get('name'), str) and e['name'], 'X without name: %r' % e\n"
    "        cats.add(e.get('cat'))\n"
    "        if e.get('cat') == 'syscall':\n"
    "            assert 'call' in e['args'] and 'result' in e['args'], 'slice without call/result: "
    "%r' % e\n"
    "            sl_pids.add(e['pid']); sl_threads.add((e['pid'], e['tid'])); "
    "names.add(e['name'])\n"
    "    elif ph == 'M':\n"
    "        assert e['name'] in ('process_name', 'thread_name', 'process_sort_index'), e\n"
    "        if e['name'] == 'process_name': procs[e['pid']] = e['args']['name']\n"
    "        if e['name'] == 'thread_name': threads.add((e['pid'], e['tid']))\n"
    "    elif ph == 'i':\n"
    "        assert isinstance(e.get('ts'), num) and e.get('s') in ('t', 'p', 'g'), e\n"
    "        inst.add(e['name'])\n"
    "    elif ph in ('s', 'f'):\n"
    "        assert isinstance(e.get('ts'), num) and 'id' in e, 'flow without ts/id: %r' % e\n"
    "        assert e['id'] not in flows or ph not in flows[e['id']], 'flow %s twice' % e['id']\n"
    "        flows.setdefault(e['id'], {})[ph] = e; fnames.add(e['name'])\n"
    "    else:\n"
    "        raise AssertionError('unexpected phase %r' % ph)\n"
    "for i, f in flows.items():\n"
    "    assert 's' in f and 'f' in f, 'flow %s does not both start and finish' % i\n"
    "    assert f['s']['ts'] <= f['f']['ts'], 'flow %s goes back in time' % i\n"
    "for p in sl_pids: assert p in procs, 'pid %d has no process_name' % p\n"
    "for t in sl_threads: assert t in threads, 'thread %r has no thread_name' % (t,)\n"
    "assert procs.get(0) == 'critical path', 'no critical path track'\n"
    "assert 'critical_path' in cats, 'no critical path slice'\n"
    "print('ok pids=%d names=%s flows=%s instants=%s' % (len(sl_pids), ','.join(sorted(names)),\n"
    "      ','.join(sorted(fnames)), ','.join(sorted(inst))))\n";

static char *run_python(const char *script, const char *arg)
{
	const char *argv[] = {"python3", "-c", script, arg, NULL};
	struct integ_run r;
	char *out;

	if (integ_run((char *const *)argv, integ_dir, 60, &r) == -1 && !r.out)
		integ_unavailable("python3 did not run");
	cr_assert_eq(r.status, 0, "python3 check of %s failed:\n%s%s", arg, r.out, r.err);
	out = strdup(r.out);
	integ_run__free(&r);
	return out;
}

Test(integ_views, perfetto_export_of_a_multi_process_run_follows_the_trace_event_rules)
{
	const char *conv[] = {"convert", "t.rnt", "--format", "perfetto", "-o", "run.json", NULL};
	struct integ_run r;
	char path[PATH_MAX];
	char *res;

	record("t.rnt");
	ctl_ok(conv, &r);
	integ_run__free(&r);
	integ_path(path, sizeof(path), "run.json");
	res = run_python(TEF_CHECK, path);
	cr_expect(!strncmp(res, "ok pids=2 ", 10), "two processes with slices: %s", res);
	cr_expect(strstr(res, "flows=") && strstr(res, "fork") && strstr(res, "pipe") &&
		      strstr(res, "wait"),
		  "fork, pipe and wait arrows: %s", res);
	cr_expect(strstr(res, "instants=") && strstr(res, "exit") && strstr(res, ",fork") &&
		      strstr(res, "exec"),
		  "fork, exec and exit instants: %s", res);
	cr_expect(strstr(res, "names=") && strstr(res, "write") && strstr(res, "read"),
		  "write and read slices: %s", res);
	free(res);
}

Test(integ_views, perfetto_export_is_thinned_by_trace_filters_and_min_duration)
{
	const char *conv[] = {"convert",   "t.rnt", "--format",	   "perfetto", "-o",
			      "thin.json", "-e",    "trace=write", NULL};
	const char *conv2[] = {"convert",   "t.rnt",	      "--format", "perfetto", "-o",
			       "none.json", "--min-duration", "100s",	  NULL};
	struct integ_run r;
	char path[PATH_MAX];
	char *res;

	record("t.rnt");
	ctl_ok(conv, &r);
	integ_run__free(&r);
	integ_path(path, sizeof(path), "thin.json");
	res = run_python(TEF_CHECK, path);
	cr_expect(strstr(res, " names=write flows="), "only write slices: %s", res);
	free(res);
	ctl_ok(conv2, &r);
	integ_run__free(&r);
	integ_path(path, sizeof(path), "none.json");
	res = run_python(TEF_CHECK, path);
	cr_expect(strstr(res, "ok pids=0 names= flows="), "no syscall slices: %s", res);
	free(res);
}

/* The folded stacks of the recorded run, checked against its own summary, line by line. */
Test(integ_views, flamegraph_folded_counts_every_call_of_the_run_once_per_process_and_syscall)
{
	const char *fold[] = {"flamegraph", "t.rnt", "--folded", "--metric", "calls", NULL};
	const char *sum[] = {"summary", "t.rnt", NULL};
	struct integ_run r, s;
	unsigned long long total = 0, calls = 0;
	char *line, *save = NULL;
	bool write5 = false, clone1 = false;

	record("t.rnt");
	ctl_ok(fold, &r);
	for (line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char comm[64], name[64];
		unsigned long long v;
		int n = 0;

		cr_assert_eq(sscanf(line, "%63[^; ];%63[a-z0-9_] %llu%n", comm, name, &v, &n), 3,
			     "not frame;syscall value: '%s'", line);
		cr_expect_eq(line[n], '\0', "trailing text: '%s'", line);
		cr_expect_str_eq(comm, "pipeline_rw");
		/* strace's -c leaves out the calls that never returned (exit_group) */
		if (strcmp(name, "exit_group"))
			total += v;
		write5 |= !strcmp(name, "write") && v == 5;
		clone1 |= !strcmp(name, "clone") && v == 1;
	}
	cr_expect(write5, "the child's 5 writes: %s", r.out);
	cr_expect(clone1, "one clone: %s", r.out);
	ctl_ok(sum, &s);
	/* strace's -c table ends with "100.00 ... CALLS [ERRORS] total" */
	cr_assert(strstr(s.out, "total"), "%s", s.out);
	{
		const char *t = strstr(s.out, "100.00");

		cr_assert(t && sscanf(t, "100.00 %*f %*u %llu", &calls) == 1, "%s", s.out);
	}
	cr_expect_eq(total, calls, "folded calls %llu, summary %llu", total, calls);
	integ_run__free(&r);
	integ_run__free(&s);
}

static const char *const SVG_FRAMES =
    "import sys, xml.etree.ElementTree as ET\n"
    "ns = '{http://www.w3.org/2000/svg}'\n"
    "root = ET.parse(sys.argv[1]).getroot()\n"
    "assert root.tag == ns + 'svg' and root.find(ns + 'script') is not None\n"
    "print(' '.join(sorted(set(g.get('data-n') for g in root.iter(ns + 'g') if g.get('class') == "
    "'f'))))\n";

Test(integ_views, flamegraph_svg_parses_as_xml_with_the_process_and_its_syscalls_as_frames)
{
	const char *fg[] = {"flamegraph", "t.rnt", "-o", "out.svg", NULL};
	struct integ_run r;
	char path[PATH_MAX];
	char *res;

	record("t.rnt");
	ctl_ok(fg, &r);
	integ_run__free(&r);
	integ_path(path, sizeof(path), "out.svg");
	res = run_python(SVG_FRAMES, path);
	cr_expect(strstr(res, "all ") && strstr(res, " pipeline_rw ") && strstr(res, " write") &&
		      strstr(res, " read ") && strstr(res, " wait4 ") && strstr(res, " clone "),
		  "frames: %s", res);
	free(res);
}

/* tests/flame/check.js, absolute: node runs in the test's folder. */
static void flame_check_script(char *buf)
{
	char rel[PATH_MAX];

	if (!integ_source_path("tests/flame/node_modules/jsdom", rel, sizeof(rel)) ||
	    !integ_source_path("tests/flame/check.js", rel, sizeof(rel)) || !realpath(rel, buf))
		integ_unavailable("jsdom is not installed in tests/flame (run "
				  "scripts/install-deps.sh, which installs node, npm and it)");
}

/*
 * The SVG's script run by jsdom as a viewer runs it: hovering "write" shows its calls and
 * share, a click on "read" zooms (it fills the width, its process and the root stay, the
 * rest hides), Reset Zoom restores every frame, Search highlights /read|write/ and shows the
 * matched share, and the page asks the network for nothing (tests/flame/check.js).
 */
Test(integ_views, flamegraph_svg_script_hovers_zooms_resets_and_searches_without_network)
{
	const char *fg[] = {"flamegraph", "t.rnt", "--metric", "calls", "-o", "out.svg", NULL};
	char script[PATH_MAX], svg[PATH_MAX];
	char *const argv[] = {"node",	script, svg,	    "--hover",	  "write",
			      "--zoom", "read", "--search", "read|write", NULL};
	struct integ_run r;

	flame_check_script(script);
	record("t.rnt");
	ctl_ok(fg, &r);
	integ_run__free(&r);
	integ_path(svg, sizeof(svg), "out.svg");
	if (integ_run(argv, integ_dir, 60, &r) == -1 && !r.out)
		integ_unavailable("node did not run");
	cr_expect_eq(r.status, 0, "the flame graph's script failed in jsdom:\n%s%s", r.out, r.err);
	cr_expect(strstr(r.out, "hover: write (5 calls, "), "%s", r.out);
	cr_expect(strstr(r.out, "zoom: read 1180 wide, 2 ancestors kept"), "%s", r.out);
	cr_expect(strstr(r.out, "search: /read|write/ "), "%s", r.out);
	cr_expect(strstr(r.out, "network: none\nok\n"), "%s", r.out);
	integ_run__free(&r);
}

static bool ends_with_index(const char *name)
{
	char p[PATH_MAX], tail[8];
	FILE *f;
	bool ok;

	integ_path(p, sizeof(p), name);
	f = fopen(p, "r");
	cr_assert(f, "%s", p);
	ok = !fseek(f, -8, SEEK_END) && fread(tail, 1, 8, f) == 8 && !memcmp(tail, "RNTIDX1", 8);
	fclose(f);
	return ok;
}

/*
 * 60,000 calls make a trace of several blocks: trace -o and convert write the index, and a
 * filtered show through it prints what the same filter prints from the JSON (no index).
 */
Test(integ_views, trace_and_convert_write_the_block_index_and_filtered_reads_use_it_alike)
{
	char *fx = integ_fixture("storm");
	char out[PATH_MAX];
	const char *rec[] = {"trace", "--embedded", "-o", out, "--", fx, "30000", NULL};
	const char *conv[] = {"convert", "s.rnt", "-o", "c.rnt", NULL};
	const char *json[] = {"convert", "s.rnt", "-o", "s.json", NULL};
	const char *sel_json[] = {"show", "-e", "trace=openat,exit_group", "s.json", NULL};
	const char *sel[] = {"show", "-e", "trace=openat,exit_group", "c.rnt", NULL};
	struct integ_run r, j, s;

	integ_path(out, sizeof(out), "s.rnt");
	ctl_ok(rec, &r);
	integ_run__free(&r);
	free(fx);
	cr_expect(ends_with_index("s.rnt"), "trace -o wrote no block index");
	ctl_ok(conv, &r);
	integ_run__free(&r);
	cr_expect(ends_with_index("c.rnt"), "convert wrote no block index");
	ctl_ok(json, &r);
	integ_run__free(&r);
	ctl_ok(sel_json, &j);
	ctl_ok(sel, &s);
	cr_expect(strstr(s.out, "openat(AT_FDCWD, \"/dev/null\", O_WRONLY) = 3\n"), "%s", s.out);
	cr_expect(strstr(s.out, "+++ exited with 0 +++"), "%s", s.out);
	cr_expect_str_eq(s.out, j.out);
	integ_run__free(&j);
	integ_run__free(&s);
}

/* Peak RSS (KiB) of renacerctl ARGS run in the test's folder, which must exit 0. */
static long ctl_peak_rss_kb(const char *const *args)
{
	char **argv = integ_ctl_argv(args);
	struct rusage ru;
	int st;
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (!pid) {
		const char *ao = getenv("ASAN_OPTIONS");
		char opts[512];

		/* under ASan, freed memory held in quarantine would count as kept */
		snprintf(opts, sizeof(opts), "%s%squarantine_size_mb=0", ao ? ao : "",
			 ao ? ":" : "");
		setenv("ASAN_OPTIONS", opts, 1);
		if (chdir(integ_dir) || !freopen("/dev/null", "w", stdout))
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	cr_assert_eq(wait4(pid, &st, 0, &ru), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "renacerctl %s %s: status %d", args[0],
		  args[1], st);
	free(argv);
	return ru.ru_maxrss;
}

/*
 * The Perfetto export streams: beside what a plain JSON conversion of the same trace holds
 * at its peak, it keeps at most 128 bytes an event (the critical path's graph, 64 bytes a
 * node, and its sort), where it kept ~250 (a place per event, the graph's id index and its
 * 96-byte nodes, a step per event of the path).
 */
Test(integ_views, perfetto_export_keeps_less_than_128_bytes_an_event_beyond_a_plain_conversion)
{
	enum { CALLS = 120000 };
	char *fx = integ_fixture("storm");
	char out[PATH_MAX];
	const char *rec[] = {"trace", "--embedded", "-o", out, "--", fx, "60000", NULL};
	const char *json[] = {"convert", "s.rnt", "--format", "json", "-o", "s.json", NULL};
	const char *pf[] = {"convert", "s.rnt", "--format", "perfetto", "-o", "pf.json", NULL};
	struct integ_run r;
	long base, peak;

	integ_path(out, sizeof(out), "s.rnt");
	ctl_ok(rec, &r);
	integ_run__free(&r);
	free(fx);
	base = ctl_peak_rss_kb(json);
	peak = ctl_peak_rss_kb(pf);
	cr_expect_lt((peak - base) * 1024 / CALLS, 128,
		     "perfetto export peak %ld KiB, a JSON conversion %ld KiB: %ld bytes an event",
		     peak, base, (peak - base) * 1024 / CALLS);
}
