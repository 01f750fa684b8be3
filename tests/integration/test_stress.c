// SPDX-License-Identifier: MIT
/*
 * Stress: hundreds of short processes (forked in waves, each execing) and a hundred
 * threads alive at once, traced with -f to each file format and read back complete.
 * Every count is derived from the workload's design (tests/fixtures/stress.c), never
 * from renacer's own output. Under `make sanitize` the recorder runs under ASan: this is
 * where a record that moves while a pointer to it is held shows up (issue 9, defect 1).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"

#define LEAF_CALLS 3 /* keep in sync with tests/fixtures/stress.c */
#define NPROCS	   300
#define WAVE	   20
#define NTHREADS   100
#define MAX_TIDS   4096

static char *fx_stress;

static void setup(void)
{
	integ_setup();
	fx_stress = integ_fixture("stress");
}

static void teardown(void)
{
	free(fx_stress);
	integ_teardown();
}

TestSuite(integ_stress, .init = setup, .fini = teardown, .timeout = 300);

/* What a trace file shows of the workload, read back through `show -f` and `summary`. */
struct seen {
	size_t tids;	       /* distinct pid prefixes of `show -f` */
	size_t exits;	       /* `+++ exited with N +++` lines */
	size_t exit_code[256]; /* of those, by N */
	unsigned long getppid, execve, wait4, clones;
};

/* Runs `renacerctl VERB [-f] FILE`, asserting it succeeds; returns its stdout, malloc'd. */
static char *read_back(const char *verb, const char *flag, const char *file)
{
	const char *args[] = {verb, flag ? flag : file, flag ? file : NULL, NULL};
	struct integ_run run;
	char *out;

	integ_ctl(args, integ_dir, 120, &run);
	cr_assert_eq(run.status, 0, "`renacerctl %s %s` exited %d:\n%s", verb, file, run.status,
		     run.err);
	out = run.out;
	run.out = NULL;
	integ_run__free(&run);
	return out;
}

/* The calls column of the summary row for syscall name (0 when it has no row). */
static unsigned long summary_calls(const char *table, const char *name)
{
	char line[512];

	for (const char *p = table; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *tok[8], *save = NULL;
		int n = 0;

		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		p += len + (nl ? 1 : 0);
		for (char *t = strtok_r(line, " \t", &save); t && n < 8;
		     t = strtok_r(NULL, " \t", &save))
			tok[n++] = t;
		/* % time, seconds, usecs/call, calls, [errors,] syscall */
		if ((n == 5 || n == 6) && !strcmp(tok[n - 1], name))
			return strtoul(tok[3], NULL, 10);
	}
	return 0;
}

static void read_seen(const char *file, struct seen *s)
{
	static int tids[MAX_TIDS];
	struct integ_trace t = {0};
	char *text = read_back("show", "-f", file);
	char *table = read_back("summary", NULL, file);

	memset(s, 0, sizeof(*s));
	cr_assert_eq(integ_trace__parse(&t, text, true), 0, "%s: `show -f` output does not parse",
		     file);
	for (size_t i = 0; i < t.n; i++) {
		const struct integ_line *l = &t.v[i];
		size_t k;
		int code;

		cr_assert_neq(l->kind, INTEG_OTHER, "%s: malformed line `%s`", file, l->text);
		cr_assert_gt(l->pid, 0, "%s: line without a pid: `%s`", file, l->text);
		for (k = 0; k < s->tids && tids[k] != l->pid; k++)
			;
		if (k == s->tids) {
			cr_assert_lt(s->tids, MAX_TIDS);
			tids[s->tids++] = l->pid;
		}
		if (l->kind == INTEG_EXIT &&
		    sscanf(l->text, "+++ exited with %d +++", &code) == 1) {
			cr_assert(code >= 0 && code < 256, "%s: `%s`", file, l->text);
			s->exits++;
			s->exit_code[code]++;
		}
	}
	s->getppid = summary_calls(table, "getppid");
	s->execve = summary_calls(table, "execve");
	s->wait4 = summary_calls(table, "wait4");
	s->clones = summary_calls(table, "clone") + summary_calls(table, "clone3") +
		    summary_calls(table, "fork") + summary_calls(table, "vfork");
	integ_trace__free(&t);
	free(text);
	free(table);
}

/* Traces `stress ARGS` with -f into integ_dir/NAME.EXT; asserts the workload went as designed. */
static char *trace_to(const char *name, const char *ext, const char *const *args)
{
	const char *cmd[8] = {fx_stress};
	const char *opts[] = {"-f", "-o", NULL, NULL};
	struct integ_run run;
	char **argv;
	char *out;
	size_t n = 1;

	for (; *args && n < 7; args++)
		cmd[n++] = *args;
	cr_assert(asprintf(&out, "%s/%s.%s", integ_dir, name, ext) > 0);
	opts[2] = out;
	argv = integ_trace_argv(opts, cmd);
	cr_assert(argv);
	integ_run(argv, integ_dir, 120, &run);
	cr_assert_eq(run.status, 0,
		     "tracing `stress %s` to %s: status %d (above 128: renacerctl died of a "
		     "signal; 1: a child did not exit as designed)\n%s",
		     cmd[1], out, run.status, run.err);
	integ_run__free(&run);
	free(argv);
	return out;
}

static void expect_procs(const char *file, const struct seen *s)
{
	cr_expect_eq(s->tids, 1 + NPROCS, "%s: %zu processes, want %d", file, s->tids, 1 + NPROCS);
	cr_expect_eq(s->exits, 1 + NPROCS, "%s: %zu exits, want %d", file, s->exits, 1 + NPROCS);
	for (int code = 0; code < 128; code++) {
		/* child i exits with i % 128, the root with 0 */
		size_t want = NPROCS / 128 + (code < NPROCS % 128) + (code == 0);

		cr_expect_eq(s->exit_code[code], want, "%s: %zu `exited with %d`, want %zu", file,
			     s->exit_code[code], code, want);
	}
	cr_expect_eq(s->getppid, LEAF_CALLS * NPROCS, "%s: getppid %lu", file, s->getppid);
	cr_expect_eq(s->execve, 1 + NPROCS, "%s: execve %lu", file, s->execve);
	cr_expect_eq(s->wait4, NPROCS, "%s: wait4 %lu", file, s->wait4);
	cr_expect_eq(s->clones, NPROCS, "%s: clone/fork %lu", file, s->clones);
}

static void expect_threads(const char *file, const struct seen *s)
{
	cr_expect_eq(s->tids, 1 + NTHREADS, "%s: %zu threads, want %d", file, s->tids,
		     1 + NTHREADS);
	cr_expect_eq(s->exits, 1 + NTHREADS, "%s: %zu exits, want %d", file, s->exits,
		     1 + NTHREADS);
	cr_expect_eq(s->exit_code[0], 1 + NTHREADS, "%s: %zu `exited with 0`", file,
		     s->exit_code[0]);
	cr_expect_eq(s->getppid, LEAF_CALLS * NTHREADS, "%s: getppid %lu", file, s->getppid);
	cr_expect_eq(s->execve, 1, "%s: execve %lu", file, s->execve);
	cr_expect_eq(s->clones, NTHREADS, "%s: clone %lu", file, s->clones);
}

#define S(x)  #x
#define XS(x) S(x)
static const char *const procs_args[] = {"procs", XS(NPROCS), XS(WAVE), NULL};
static const char *const threads_args[] = {"threads", XS(NTHREADS), NULL};

static void procs_to(const char *ext)
{
	struct seen s;
	char *file = trace_to("procs", ext, procs_args);

	read_seen(file, &s);
	expect_procs(file, &s);
	free(file);
}

static void threads_to(const char *ext)
{
	struct seen s;
	char *file = trace_to("threads", ext, threads_args);

	read_seen(file, &s);
	expect_threads(file, &s);
	free(file);
}

Test(integ_stress, hundreds_of_processes_traced_to_json_read_back_complete)
{
	procs_to("json");
}

Test(integ_stress, hundreds_of_processes_traced_to_jsonl_read_back_complete)
{
	procs_to("jsonl");
}

Test(integ_stress, hundreds_of_processes_traced_to_rnt_read_back_complete)
{
	procs_to("rnt");
}

Test(integ_stress, a_hundred_threads_traced_to_json_read_back_complete)
{
	threads_to("json");
}

Test(integ_stress, a_hundred_threads_traced_to_jsonl_read_back_complete)
{
	threads_to("jsonl");
}

Test(integ_stress, a_hundred_threads_traced_to_rnt_read_back_complete)
{
	threads_to("rnt");
}

/* One stress trace in the three formats: each reads back the same lines and table. */
Test(integ_stress, the_three_formats_of_one_stress_trace_agree)
{
	static const char *const exts[] = {"json", "jsonl"};
	char *rnt = trace_to("agree", "rnt", procs_args);
	char *want_text = read_back("show", "-f", rnt);
	char *want_table = read_back("summary", NULL, rnt);
	struct seen s;

	read_seen(rnt, &s);
	expect_procs(rnt, &s);
	for (size_t i = 0; i < 2; i++) {
		char *out, *text, *table;
		const char *args[] = {"convert", rnt, "-o", NULL, NULL};
		struct integ_run run;

		cr_assert(asprintf(&out, "%s/agree.%s", integ_dir, exts[i]) > 0);
		args[3] = out;
		integ_ctl(args, integ_dir, 120, &run);
		cr_assert_eq(run.status, 0, "convert to %s: %d\n%s", out, run.status, run.err);
		text = read_back("show", "-f", out);
		table = read_back("summary", NULL, out);
		cr_expect(!strcmp(text, want_text), "%s and %s show different lines", rnt, out);
		cr_expect(!strcmp(table, want_table), "%s and %s give different summaries:\n%s\n%s",
			  rnt, out, want_table, table);
		integ_run__free(&run);
		free(text);
		free(table);
		free(out);
	}
	free(want_text);
	free(want_table);
	free(rnt);
}
