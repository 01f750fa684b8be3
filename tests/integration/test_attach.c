// SPDX-License-Identifier: MIT
/*
 * -p PID attaches to a running process, its threads that wait in a call included, and
 * detaches on SIGINT, leaving it running.
 */
#include <bpf/bpf.h>
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

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

#define WAITERS 3

/* The waiters fixture (threads blocked in read() of a FIFO) and renacerctl -f -p on it. */
struct waiters {
	pid_t pid, tracer;
	char fifo[512], fx_err[512], out[512], err[512];
};

static void waiters_attach(struct waiters *w)
{
	char *fx = integ_fixture("waiters");
	char n[16], pidstr[16];
	char *fx_argv[] = {fx, n, w->fifo, NULL};
	const char *opts[] = {"-f", "-p", pidstr, "-o", w->out, NULL};
	const char *nocmd[] = {NULL};
	char **argv;

	integ_path(w->fifo, sizeof(w->fifo), "waiters.fifo");
	integ_path(w->fx_err, sizeof(w->fx_err), "waiters.err");
	integ_path(w->out, sizeof(w->out), "trace.out");
	integ_path(w->err, sizeof(w->err), "tracer.err");
	cr_assert_eq(mkfifo(w->fifo, 0600), 0, "mkfifo: %s", strerror(errno));
	snprintf(n, sizeof(n), "%d", WAITERS);
	w->pid = integ_spawn(fx_argv, w->fx_err);
	cr_assert_gt(w->pid, 0, "cannot start waiters");
	cr_assert(integ_wait_for_text(w->fx_err, "ready", 10), "waiters never got ready");
	/* the threads are in read() well before the attach */
	integ_sleep_ms(100);
	snprintf(pidstr, sizeof(pidstr), "%d", w->pid);
	argv = integ_trace_argv(opts, nocmd);
	w->tracer = integ_spawn(argv, w->err);
	cr_assert_gt(w->tracer, 0, "cannot start the tracer");
	cr_assert(integ_wait_for_text(w->err, " attached", 20), "the tracer never attached");
	free(argv);
	free(fx);
}

static void waiters_end(struct waiters *w)
{
	kill(w->tracer, SIGINT);
	if (integ_wait(w->tracer, 10) == -1) {
		kill(w->tracer, SIGKILL);
		waitpid(w->tracer, NULL, 0);
	}
	kill(w->pid, SIGKILL);
	waitpid(w->pid, NULL, 0);
}

/* Whether process pid owns storage in a task storage map named tstate (any renacer's). */
static bool owns_tstate(pid_t pid)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	__u32 id = 0;
	bool found = false;
	char val[4096];

	if (pidfd < 0)
		return false;
	while (!found && !bpf_map_get_next_id(id, &id)) {
		struct bpf_map_info info = {0};
		__u32 len = sizeof(info);
		int fd = bpf_map_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) &&
		    info.type == BPF_MAP_TYPE_TASK_STORAGE && !strcmp(info.name, "tstate") &&
		    info.value_size <= sizeof(val))
			found = !bpf_map_lookup_elem(fd, &pidfd, val);
		close(fd);
	}
	close(pidfd);
	return found;
}

/*
 * The syscall programs pass a thread whose leader owns no task storage without a look (bpf
 * rn_sys_enter), so the leader of a target must own it at once, even when no thread of it
 * has made a call since the target was added.
 */
Test(integ_attach, the_leader_of_an_attached_process_owns_task_storage_at_once)
{
	struct waiters w;
	bool owns;

	waiters_attach(&w);
	owns = owns_tstate(w.pid);
	waiters_end(&w);
	cr_expect(owns,
		  "pid %d, waiting in pthread_join since before the attach, owns no task "
		  "storage",
		  w.pid);
}

/* Threads that waited in a call when -p attached are traced from their next call on. */
Test(integ_attach, threads_waiting_when_p_attaches_are_traced_from_their_next_call)
{
	struct waiters w;
	struct integ_trace t;
	int fifo, pids[WAITERS], n = 0;
	char *raw;

	waiters_attach(&w);
	fifo = open(w.fifo, O_WRONLY);
	cr_assert_geq(fifo, 0);
	/* one byte each: a thread that has read its byte writes "w" and ends */
	for (int i = 0; i < WAITERS; i++)
		cr_assert_eq(write(fifo, "x", 1), 1);
	close(fifo);
	cr_expect_eq(integ_wait(w.pid, 10), 0, "waiters did not end well");
	integ_sleep_ms(100);
	waiters_end(&w);
	raw = integ_read_file(w.out);
	cr_assert(raw, "no trace file");
	cr_assert_eq(integ_trace__parse(&t, raw, true), 0, "trace:\n%s", raw);
	for (size_t i = 0; i < t.n; i++) {
		const struct integ_line *l = &t.v[i];
		bool seen = false;

		if (strcmp(l->text, "write(2, \"w\", 1) = 1"))
			continue;
		for (int k = 0; k < n; k++)
			seen |= pids[k] == l->pid;
		cr_expect(!seen && l->pid != w.pid, "a second write of thread %d:\n%s", l->pid,
			  raw);
		if (n < WAITERS)
			pids[n++] = l->pid;
	}
	cr_expect_eq(n, WAITERS, "%d of %d threads' writes traced:\n%s", n, WAITERS, raw);
	integ_trace__free(&t);
	free(raw);
}
