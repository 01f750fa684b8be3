// SPDX-License-Identifier: MIT
/* -p PID attaches to a running process and detaches on SIGINT, leaving it running. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "integ.h"

TestSuite(integ_attach, .init = integ_setup, .fini = integ_teardown, .timeout = 60);

Test(integ_attach, p_traces_a_running_process_and_leaves_it_running)
{
	char *fx = integ_fixture("sleeper");
	char sink[512], out[512], err[512], pidstr[16];
	char *sleeper_argv[] = {fx, sink, NULL};
	const char *opts[] = {"-p", pidstr, "-o", out, NULL};
	const char *nocmd[] = {NULL};
	char **argv;
	pid_t sleeper, tracer;
	struct integ_trace t;
	char *raw, *errtext;
	int status;
	bool alive;

	integ_path(sink, sizeof(sink), "sleeper.sink");
	integ_path(out, sizeof(out), "trace.out");
	integ_path(err, sizeof(err), "tracer.err");
	sleeper = integ_spawn(sleeper_argv, NULL);
	cr_assert_gt(sleeper, 0, "cannot start sleeper");
	/* Let it get past the dynamic loader into its loop. */
	integ_sleep_ms(100);
	snprintf(pidstr, sizeof(pidstr), "%d", sleeper);
	argv = integ_trace_argv(opts, nocmd);
	tracer = integ_spawn(argv, err);
	cr_assert_gt(tracer, 0, "cannot start the tracer");
	/* 300 ms of tracing from the moment it is attached, however long attaching took */
	integ_wait_for_text(err, " attached", 20);
	integ_sleep_ms(300);
	kill(tracer, SIGINT);
	status = integ_wait(tracer, 10);
	if (status == -1) {
		kill(tracer, SIGKILL);
		waitpid(tracer, NULL, 0);
	}
	alive = waitpid(sleeper, NULL, WNOHANG) == 0 && kill(sleeper, 0) == 0;
	kill(sleeper, SIGTERM);
	waitpid(sleeper, NULL, 0);

	errtext = integ_read_file(err);
	raw = integ_read_file(out);
	/* strace itself exits 128 + SIGINT here; renacerctl's contract is 0. */
	if (integ_use_strace() && status == 130)
		status = 0;
	cr_expect_eq(status, 0, "tracer status %d after SIGINT (-1: still running); stderr:\n%s",
		     status, errtext ? errtext : "");
	cr_expect(alive, "sleeper died when the tracer detached");
	cr_assert(raw, "no trace file %s; stderr:\n%s", out, errtext ? errtext : "");
	cr_assert_eq(integ_trace__parse(&t, raw, false), 0);
	/* 300 ms of a 50 ms loop: a few of each, and nothing else. */
	cr_expect(integ_trace__find(&t, 0, "nanosleep({tv_sec=0, tv_nsec=50000000}, NULL) = 0"),
		  "no nanosleep line:\n%s", raw);
	cr_expect(integ_trace__find(&t, 0, "write(3, \"x\", 1) = 1"), "no write line:\n%s", raw);
	cr_expect_geq(integ_trace__count(&t, 0, "write"), 2, "trace:\n%s", raw);
	for (size_t i = 0; i < t.n; i++) {
		const struct integ_line *l = &t.v[i];

		/* strace shows the sleep it attached in as restart_syscall. */
		cr_expect(l->kind != INTEG_SYSCALL || !strcmp(l->name, "nanosleep") ||
			      !strcmp(l->name, "write") || !strcmp(l->name, "restart_syscall"),
			  "unexpected call from sleeper: %s", l->text);
		cr_expect(l->kind != INTEG_EXIT, "exit reported for a process that lives: %s",
			  l->text);
	}
	integ_trace__free(&t);
	free(raw);
	free(errtext);
	free(argv);
	free(fx);
}
