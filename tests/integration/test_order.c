// SPDX-License-Identifier: MIT
/*
 * Records come from one ring buffer per CPU and are merged by time (lib/engine/rings.c): a thread
 * that hops between CPUs before every call must still show its calls in program order.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"

#define THREADS 3
#define ROUNDS	400

static char *fx_hopper;

static void setup(void)
{
	integ_setup();
	fx_hopper = integ_fixture("hopper");
}

static void teardown(void)
{
	free(fx_hopper);
	integ_teardown();
}

TestSuite(integ_order, .init = setup, .fini = teardown, .timeout = 120);

Test(integ_order, a_thread_moving_between_cpus_keeps_its_call_order)
{
	char threads[8], rounds[8];
	const char *cmd[] = {fx_hopper, threads, rounds, NULL};
	const char *opts[] = {"-f", "-e", "trace=write", NULL};
	struct integ_traced tr;
	long next[THREADS] = {0};
	int pid_of[THREADS] = {0};
	size_t writes = 0;

	snprintf(threads, sizeof(threads), "%d", THREADS);
	snprintf(rounds, sizeof(rounds), "%d", ROUNDS);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, true), 0, "tracer failed: %s",
		     tr.run.err);
	for (size_t i = 0; i < tr.t.n; i++) {
		const struct integ_line *l = &tr.t.v[i];
		long t, n;

		if (l->kind != INTEG_SYSCALL || strcmp(l->name, "write"))
			continue;
		/* write(3, "T:N\n", len) = len */
		cr_assert_eq(sscanf(l->text, "write(%*d, \"%ld:%ld\\n\"", &t, &n), 2,
			     "unexpected line: %s", l->text);
		cr_assert(t >= 0 && t < THREADS, "thread %ld out of range: %s", t, l->text);
		if (!pid_of[t])
			pid_of[t] = l->pid;
		cr_assert_eq(l->pid, pid_of[t], "thread %ld's writes under two pids", t);
		cr_assert_eq(n, next[t], "thread %ld (pid %d): write %ld came where %ld was due", t,
			     l->pid, n, next[t]);
		next[t]++;
		writes++;
	}
	cr_expect_eq(writes, (size_t)THREADS * ROUNDS, "writes seen: %zu", writes);
	integ_traced__free(&tr);
}
