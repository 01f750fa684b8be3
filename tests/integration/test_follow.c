// SPDX-License-Identifier: MIT
/* -f follows forks: each process's exit is reported under its own pid; without -f only the root's.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"

static char *fx_forktree;

static void setup(void)
{
	integ_setup();
	fx_forktree = integ_fixture("forktree");
}

static void teardown(void)
{
	free(fx_forktree);
	integ_teardown();
}

TestSuite(integ_follow, .init = setup, .fini = teardown, .timeout = 120);

/* Calls that returned >= 0: under ptrace, wait4 also shows `= ? ERESTARTSYS` restarts. */
static size_t count_successful(const struct integ_trace *t, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].kind == INTEG_SYSCALL && !strcmp(t->v[i].name, name) &&
		    integ_line__ret(&t->v[i]) >= 0)
			n++;
	return n;
}

static void expect_exit(const struct integ_traced *tr, int pid, int code)
{
	char want[64];

	snprintf(want, sizeof(want), "+++ exited with %d +++", code);
	cr_expect(integ_trace__find(&tr->t, pid, want), "pid %d: no `%s`; its lines:\n%s", pid,
		  want, integ_trace__dump(&tr->t, pid));
}

Test(integ_follow, every_child_exit_code_appears_under_its_pid)
{
	const char *cmd[] = {fx_forktree, NULL};
	const char *opts[] = {"-f", NULL};
	struct integ_traced tr;
	int kids[8], grandkids[8];
	int root;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, true), 0, "%s", tr.run.err);
	cr_assert(tr.t.n > 0, "empty trace");
	root = tr.t.v[0].pid;
	cr_assert_gt(root, 0, "no pid prefix with -f -o: %s", tr.t.v[0].text);
	cr_assert_eq(integ_trace__children(&tr.t, root, kids, 8), 3,
		     "root should fork 3 children:\n%s", integ_trace__dump(&tr.t, root));
	expect_exit(&tr, root, 0);
	for (int i = 0; i < 3; i++) {
		char want[128];

		expect_exit(&tr, kids[i], 11 + i);
		snprintf(want, sizeof(want), "exit_group(%d) = ?", 11 + i);
		cr_expect(integ_trace__find(&tr.t, kids[i], want), "pid %d: no `%s`", kids[i],
			  want);
		cr_assert_eq(integ_trace__children(&tr.t, kids[i], grandkids, 8), 1,
			     "child %d should fork once:\n%s", kids[i],
			     integ_trace__dump(&tr.t, kids[i]));
		expect_exit(&tr, grandkids[0], 21 + i);
		snprintf(want, sizeof(want),
			 "wait4(%d, [{WIFEXITED(s) && WEXITSTATUS(s) == %d}], 0, NULL) = %d",
			 kids[i], 11 + i, kids[i]);
		cr_expect(integ_trace__find(&tr.t, root, want), "root: no `%s`", want);
	}
	/* Every line carries one of the 7 pids. */
	for (size_t i = 0; i < tr.t.n; i++)
		cr_expect_gt(tr.t.v[i].pid, 0, "line without pid: %s", tr.t.v[i].text);
	integ_traced__free(&tr);
}

Test(integ_follow, without_f_only_the_parent_is_traced)
{
	const char *cmd[] = {fx_forktree, NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, NULL, cmd, false), 0, "%s", tr.run.err);
	for (size_t i = 0; i < tr.t.n; i++)
		cr_expect_eq(tr.t.v[i].pid, 0, "pid prefix without -f: %s", tr.t.v[i].text);
	/* The children's clone, wait4 and exit_group calls would double these counts. */
	cr_expect_eq(integ_trace__count(&tr.t, -1, "clone") +
			 integ_trace__count(&tr.t, -1, "fork") +
			 integ_trace__count(&tr.t, -1, "clone3"),
		     3, "trace:\n%s", tr.raw);
	cr_expect_eq(count_successful(&tr.t, "wait4"), 3, "trace:\n%s", tr.raw);
	cr_expect_eq(integ_trace__count(&tr.t, -1, "exit_group"), 1, "trace:\n%s", tr.raw);
	cr_expect(integ_trace__find(&tr.t, -1, "exit_group(0) = ?"), "trace:\n%s", tr.raw);
	cr_expect(!strstr(tr.raw, "exited with 1"), "a child's exit leaked in:\n%s", tr.raw);
	cr_expect(!strstr(tr.raw, "exited with 2"), "a grandchild's exit leaked in:\n%s", tr.raw);
	cr_assert(tr.t.n > 0);
	cr_expect_str_eq(tr.t.v[tr.t.n - 1].text, "+++ exited with 0 +++");
	integ_traced__free(&tr);
}

/*
 * Without -f only the leader is traced; a thread that execs becomes the leader of the new
 * image (same pid), which is traced from there (strace, following the old leader alone,
 * loses it). The programs look at the leader's task storage first: the exec gives it.
 */
Test(integ_follow, without_f_the_new_image_of_a_thread_that_execs_is_traced)
{
	char *fx = integ_fixture("thread_exec");
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;

	if (integ_use_strace())
		cr_skip_test("strace without -f does not follow the thread's new image");
	cr_assert_eq(integ_traced__run(&tr, integ_dir, NULL, cmd, false), 0, "%s", tr.run.err);
	cr_expect(integ_trace__find(&tr.t, 0, "exit_group(0) = ?"),
		  "the new image's exit_group is not traced:\n%s", tr.raw);
	cr_expect(tr.t.n && !strcmp(tr.t.v[tr.t.n - 1].text, "+++ exited with 0 +++"), "trace:\n%s",
		  tr.raw);
	integ_traced__free(&tr);
	free(fx);
}
