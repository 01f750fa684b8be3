// SPDX-License-Identifier: MIT
/*
 * renacerctl compare and verify on real runs (docs/compare.md): every pair of
 * tests/fixtures/equivalence/pairs.txt traced for real (Python against C, sh) gets its
 * verdict, a failing pair names the category; one program under scheduling jitter is
 * equivalent to itself; a trace with lost events is INCONCLUSIVE (status 2); verify
 * --golden records with --update, passes on the same behaviour and fails on another.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integ.h"

TestSuite(integ_compare, .init = integ_setup, .fini = integ_teardown, .timeout = 600);

/* The source tree: RENACER_SRC, else the nearest parent of the build holding the fixtures. */
static const char *src_dir(void)
{
	static char dir[PATH_MAX];
	char probe[PATH_MAX + 64];

	if (dir[0])
		return dir;
	if (getenv("RENACER_SRC")) {
		snprintf(dir, sizeof(dir), "%s", getenv("RENACER_SRC"));
		return dir;
	}
	if (!realpath(integ_build(), dir))
		snprintf(dir, sizeof(dir), ".");
	for (;;) {
		char *slash;

		snprintf(probe, sizeof(probe), "%s/tests/fixtures/equivalence/pairs.txt", dir);
		if (!access(probe, R_OK) || !(slash = strrchr(dir, '/')) || slash == dir)
			break;
		*slash = '\0';
	}
	if (access(probe, R_OK))
		snprintf(dir, sizeof(dir), ".");
	return dir;
}

/* The interpreter itself, not a version manager's shim (its helpers would be traced too). */
static const char *python(void)
{
	return access("/usr/bin/python3", X_OK) ? "python3" : "/usr/bin/python3";
}

/* Traces program (a .py, a .sh or a C fixture name) with DIR and the input into out. */
static void record(const char *program, const char *dir, const char *out, const char *opt,
		   const char *optval)
{
	char script[PATH_MAX], input[PATH_MAX];
	char *fixture = NULL;
	const char *args[16];
	struct integ_run res;
	int n = 0;
	size_t len = strlen(program);

	snprintf(script, sizeof(script), "%s/tests/fixtures/equivalence/%s", src_dir(), program);
	snprintf(input, sizeof(input), "%s/tests/fixtures/equivalence/input.txt", src_dir());
	mkdir(dir, 0755);
	args[n++] = "trace";
	args[n++] = "-f";
	args[n++] = "--capture-data";
	if (opt) {
		args[n++] = opt;
		args[n++] = optval;
	}
	args[n++] = "-o";
	args[n++] = out;
	args[n++] = "--";
	if (len > 3 && !strcmp(program + len - 3, ".py")) {
		args[n++] = python();
		args[n++] = script;
	} else if (len > 3 && !strcmp(program + len - 3, ".sh")) {
		args[n++] = "sh";
		args[n++] = script;
	} else {
		char name[PATH_MAX];

		snprintf(name, sizeof(name), "equivalence/%s", program);
		fixture = integ_fixture(name);
		args[n++] = fixture;
	}
	args[n++] = dir;
	args[n++] = input;
	args[n] = NULL;
	integ_ctl(args, dir, 120, &res);
	cr_assert(access(out, R_OK) == 0, "tracing %s left no trace (status %d):\n%s", program,
		  res.status, res.err);
	integ_run__free(&res);
	free(fixture);
}

struct verdict {
	int status;
	char overall[32];
	char failed[256];	/* categories that FAILed, comma-separated */
	char inconclusive[256]; /* those INCONCLUSIVE */
	char *report;		/* the text report */
};

/* compare --format json and the text report for the same two traces. */
static void compare(const char *a, const char *b, const char *map, struct verdict *v)
{
	const char *jargs[] = {"compare", "--format", "json", "--map", map, a, b, NULL};
	const char *targs[] = {"compare", "--map", map, a, b, NULL};
	struct integ_run res;
	json_error_t jerr;
	json_t *doc, *cat;
	size_t i;

	memset(v, 0, sizeof(*v));
	v->status = integ_ctl(jargs, integ_dir, 120, &res);
	doc = json_loads(res.out, 0, &jerr);
	cr_assert(doc, "compare's JSON does not parse (%s):\n%s\n%s", jerr.text, res.out, res.err);
	snprintf(v->overall, sizeof(v->overall), "%s",
		 json_string_value(json_object_get(doc, "verdict")));
	json_array_foreach(json_object_get(doc, "categories"), i, cat)
	{
		const char *verdict = json_string_value(json_object_get(cat, "verdict"));
		const char *name = json_string_value(json_object_get(cat, "category"));
		char *list = !strcmp(verdict, "FAIL")		? v->failed
			     : !strcmp(verdict, "INCONCLUSIVE") ? v->inconclusive
								: NULL;

		if (list)
			snprintf(list + strlen(list), sizeof(v->failed) - strlen(list), "%s%s",
				 list[0] ? "," : "", name);
	}
	json_decref(doc);
	integ_run__free(&res);
	integ_ctl(targs, integ_dir, 120, &res);
	v->report = res.out;
	res.out = NULL;
	integ_run__free(&res);
}

/* Runs every pair of pairs.txt whose verdict is want; the mismatches, listed, fail the test. */
static void run_pairs(const char *want)
{
	char path[PATH_MAX], line[512], bad[8192] = "";
	const char *only = getenv("RENACER_PAIRS"); /* a word of the lines to run, while working */
	FILE *f;
	int n = 0, k = 0;

	snprintf(path, sizeof(path), "%s/tests/fixtures/equivalence/pairs.txt", src_dir());
	f = fopen(path, "r");
	cr_assert(f, "cannot read %s (set RENACER_SRC to the source tree)", path);
	while (fgets(line, sizeof(line), f)) {
		char verdict[16], cat[32], first[128], second[128];
		char da[PATH_MAX], db[PATH_MAX], ta[PATH_MAX], tb[PATH_MAX], map[2 * PATH_MAX + 2];
		struct verdict v;

		if (line[0] == '#' ||
		    sscanf(line, "%15s %31s %127s %127s", verdict, cat, first, second) != 4 ||
		    strcmp(verdict, want) || (only && !strstr(line, only)))
			continue;
		k++;
		snprintf(da, sizeof(da), "%s/p%d-a", integ_dir, k);
		snprintf(db, sizeof(db), "%s/p%d-b", integ_dir, k);
		snprintf(ta, sizeof(ta), "%s/p%d-a.rnt", integ_dir, k);
		snprintf(tb, sizeof(tb), "%s/p%d-b.rnt", integ_dir, k);
		snprintf(map, sizeof(map), "%s=%s", da, db);
		record(first, da, ta, NULL, NULL);
		record(second, db, tb, NULL, NULL);
		compare(ta, tb, map, &v);
		n++;
		if (!strcmp(want, "PASS") ? v.status != 0
		    : !strcmp(want, "INCONCLUSIVE")
			? v.status != 2 || v.failed[0] || !strstr(v.inconclusive, cat)
			: v.status != 1 || strncmp(v.failed, cat, strlen(cat)) ||
			      (v.failed[strlen(cat)] && v.failed[strlen(cat)] != ','))
			snprintf(
			    bad + strlen(bad), sizeof(bad) - strlen(bad),
			    "\n%s vs %s: status %d, FAIL [%s], INCONCLUSIVE [%s]; wanted %s %s\n%s",
			    first, second, v.status, v.failed, v.inconclusive, want, cat, v.report);
		free(v.report);
	}
	fclose(f);
	cr_assert_geq(n, only || !strcmp(want, "INCONCLUSIVE") ? 1 : 10, "only %d %s pairs in %s",
		      n, want, path);
	cr_assert(!bad[0], "wrong verdicts:%s", bad);
}

Test(integ_compare, every_equivalent_pair_passes)
{
	run_pairs("PASS");
}

Test(integ_compare, every_subtly_different_pair_fails_naming_its_category)
{
	run_pairs("FAIL");
}

Test(integ_compare, runs_started_in_two_directories_compare_without_a_map)
{
	char da[PATH_MAX], db[PATH_MAX], ta[PATH_MAX], tb[PATH_MAX];
	const char *args[] = {"compare", ta, tb, NULL};
	struct integ_run res;

	integ_path(da, sizeof(da), "w-a");
	integ_path(db, sizeof(db), "w-b");
	integ_path(ta, sizeof(ta), "w-a.rnt");
	integ_path(tb, sizeof(tb), "w-b.rnt");
	/* DIR/out.txt named absolutely in one, out.txt relatively in the other */
	record("filewrite.py", da, ta, NULL, NULL);
	record("relwrite", db, tb, NULL, NULL);
	cr_expect_eq(integ_ctl(args, integ_dir, 60, &res), 0, "%s\n%s", res.out, res.err);
	integ_run__free(&res);
	record("relwrite_other.py", da, ta, NULL, NULL);
	cr_expect_eq(integ_ctl(args, integ_dir, 60, &res), 1, "%s\n%s", res.out, res.err);
	cr_expect(strstr(res.out, "./other.txt") || strstr(res.out, "./out.txt"), "%s", res.out);
	integ_run__free(&res);
}

Test(integ_compare, a_pair_whose_file_changed_through_memory_is_inconclusive)
{
	run_pairs("INCONCLUSIVE");
}

Test(integ_compare, a_program_under_scheduling_jitter_is_equivalent_to_itself)
{
	char da[PATH_MAX], db[PATH_MAX], ta[PATH_MAX], tb[PATH_MAX], map[2 * PATH_MAX + 2];
	struct verdict v;

	integ_path(da, sizeof(da), "j-a");
	integ_path(db, sizeof(db), "j-b");
	integ_path(ta, sizeof(ta), "j-a.rnt");
	integ_path(tb, sizeof(tb), "j-b.rnt");
	snprintf(map, sizeof(map), "%s=%s", da, db);
	record("jitter", da, ta, NULL, NULL);
	record("jitter", db, tb, NULL, NULL);
	compare(ta, tb, map, &v);
	cr_expect_eq(v.status, 0, "jitter against itself: status %d\n%s", v.status, v.report);
	free(v.report);
}

Test(integ_compare, a_trace_with_lost_events_is_inconclusive)
{
	char da[PATH_MAX], db[PATH_MAX], ta[PATH_MAX], tb[PATH_MAX];
	char *storm = integ_fixture("storm");
	const char *opts[] = {
	    "trace",  "-f", "--capture-data", "--buffer-size", "4096", "-o", tb, "--", storm,
	    "200000", NULL};
	const char *full[] = {"trace", "-f", "--capture-data", "-o", ta, "--", storm, "2000", NULL};
	struct integ_run res;
	struct verdict v;

	if (integ_use_strace())
		cr_skip_test("--buffer-size is renacerctl's own option");
	integ_path(da, sizeof(da), "l-a");
	integ_path(db, sizeof(db), "l-b");
	integ_path(ta, sizeof(ta), "l-a.rnt");
	integ_path(tb, sizeof(tb), "l-b.rnt");
	integ_ctl(full, integ_dir, 120, &res);
	integ_run__free(&res);
	integ_ctl(opts, integ_dir, 120, &res);
	cr_assert(strstr(res.err, "lost") || strstr(res.err, "dropped"),
		  "a 4 KiB buffer lost nothing?\n%s", res.err);
	integ_run__free(&res);
	compare(ta, tb, "/nonexistent=/nonexistent", &v);
	cr_expect_eq(v.status, 2, "status %d, not 2 (INCONCLUSIVE)\n%s", v.status, v.report);
	cr_expect_str_eq(v.overall, "INCONCLUSIVE");
	cr_expect(strstr(v.report, "events were lost") && strstr(v.report, "--buffer-size"),
		  "the report does not say why and what to do:\n%s", v.report);
	free(v.report);
	free(storm);
}

Test(integ_compare, verify_records_passes_and_catches_a_change)
{
	char golden[PATH_MAX], dir[PATH_MAX];
	char *hello = integ_fixture("equivalence/hello");
	char *status = integ_fixture("equivalence/status");
	const char *update[] = {"verify", "--golden", golden, "--update", "--", hello, NULL};
	const char *same[] = {"verify", "--golden", golden, "--", hello, NULL};
	const char *other[] = {"verify", "--golden", golden, "--", status, NULL};
	const char *missing[] = {"verify", "--golden", dir, "--", hello, NULL};
	char nodir[PATH_MAX + 16], want[PATH_MAX + 64];
	const char *nodir_update[] = {"verify", nodir, "--update", "--", hello, NULL};
	struct integ_run res;

	integ_path(golden, sizeof(golden), "hello.rnt");
	integ_path(dir, sizeof(dir), "no-such-golden.rnt");
	cr_assert_eq(integ_ctl(update, integ_dir, 120, &res), 0, "verify --update:\n%s", res.err);
	integ_run__free(&res);
	cr_assert_eq(access(golden, R_OK), 0, "--update wrote no %s", golden);
	cr_expect_eq(integ_ctl(same, integ_dir, 120, &res), 0,
		     "the same program against its golden trace:\n%s\n%s", res.out, res.err);
	cr_expect(strstr(res.out, "verdict: PASS"), "%s", res.out);
	integ_run__free(&res);
	cr_expect_eq(integ_ctl(other, integ_dir, 120, &res), 1,
		     "another program against the golden trace:\n%s\n%s", res.out, res.err);
	cr_expect(strstr(res.out, "stdout     FAIL") && strstr(res.out, "exit       FAIL"), "%s",
		  res.out);
	cr_expect(strstr(res.err, "is kept in"), "verify does not say where this run is:\n%s",
		  res.err);
	integ_run__free(&res);
	cr_expect_eq(integ_ctl(missing, integ_dir, 120, &res), 2, "%s", res.err);
	cr_expect(strstr(res.err, "--update"), "no hint to record it:\n%s", res.err);
	integ_run__free(&res);
	/* a run that left no trace is named by its command (not by what follows argv's end) */
	snprintf(nodir, sizeof(nodir), "--golden=%s/no-such-dir/hello.rnt", integ_dir);
	snprintf(want, sizeof(want), "the run of %s left no trace", hello);
	cr_expect_eq(integ_ctl(nodir_update, integ_dir, 120, &res), 2, "%s", res.err);
	cr_expect(strstr(res.err, want), "not '%s':\n%s", want, res.err);
	integ_run__free(&res);
	free(hello);
	free(status);
}

Test(integ_compare, an_unreadable_trace_is_status_2_with_the_reason)
{
	char bad[PATH_MAX];
	const char *args[] = {"compare", bad, bad, NULL};
	struct integ_run res;

	integ_path(bad, sizeof(bad), "not-a-trace.json");
	cr_assert_eq(integ_write_file(bad, "this is not a trace\n"), 0);
	cr_expect_eq(integ_ctl(args, integ_dir, 60, &res), 2, "%s", res.err);
	cr_expect(strstr(res.err, "not-a-trace.json"), "the error names no file:\n%s", res.err);
	integ_run__free(&res);
}

Test(integ_compare, a_compare_table_in_renacer_toml_adjusts_the_ignores_and_is_checked)
{
	char da[PATH_MAX], db[PATH_MAX], ta[PATH_MAX], tb[PATH_MAX], cfg[PATH_MAX];
	char map[2 * PATH_MAX + 16], text[2 * PATH_MAX + 160];
	const char *args[] = {"compare", "--config", cfg, ta, tb, NULL};
	struct integ_run res;

	integ_path(da, sizeof(da), "c-a");
	integ_path(db, sizeof(db), "c-b");
	integ_path(ta, sizeof(ta), "c-a.rnt");
	integ_path(tb, sizeof(tb), "c-b.rnt");
	integ_path(cfg, sizeof(cfg), "renacer.toml");
	snprintf(map, sizeof(map), "\"%s\" = \"%s\"", da, db);
	record("filewrite_missing.py", da, ta, NULL, NULL);
	record("filewrite", db, tb, NULL, NULL);
	snprintf(text, sizeof(text), "[compare]\nignore = [\"*/out.txt\"]\nmap = { %s }\n", map);
	cr_assert_eq(integ_write_file(cfg, text), 0);
	cr_expect_eq(integ_ctl(args, integ_dir, 60, &res), 0,
		     "the only difference is ignored:\n%s\n%s", res.out, res.err);
	integ_run__free(&res);
	cr_assert_eq(integ_write_file(cfg, "[compare]\nignores = [\"*.txt\"]\n"), 0);
	cr_expect_eq(integ_ctl(args, integ_dir, 60, &res), 2, "%s", res.err);
	cr_expect(strstr(res.err, "renacer.toml:2:") && strstr(res.err, "unknown key 'ignores'"),
		  "the error does not name the place and the key:\n%s", res.err);
	integ_run__free(&res);
}
