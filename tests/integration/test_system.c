// SPDX-License-Identifier: MIT
/*
 * The aggregating BPF object (bpf/aggregate.bpf.c through lib/engine/aggregate.c) on real
 * processes: a fixture makes exactly N calls of a kind and the kernel's counts say N; a call
 * past its threshold arrives whole; the lifecycle records name the process and its end.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "aggregate.h"
#include "integ.h"

TestSuite(integ_system, .init = integ_setup, .fini = integ_teardown, .timeout = 120);

#define NR_GETPPID   110
#define NR_DUP	     32
#define NR_WRITE     1
#define NR_NANOSLEEP 35
#define EBADF_	     9

struct seen {
	uint32_t pid;
	struct rn_agg_val v[RN_AGG_SYSCALLS];
	uint64_t ebadf;
	struct rn_agg_slow slow;
	int nslow;
	struct rn_agg_proc exec, exit;
	bool got_exec, got_exit;
};

static void knobs(struct rn_agg_sysinfo *tab, void *ctx)
{
	(void)ctx;
	tab[NR_WRITE].flags = RN_AGG_BYTES;
	tab[NR_NANOSLEEP].slow_ns = 100 * 1000 * 1000;
}

static int on_val(void *ctx, const struct rn_agg_key *k, const struct rn_agg_val *v)
{
	struct seen *s = ctx;

	if (k->tgid == s->pid && k->nr < RN_AGG_SYSCALLS)
		s->v[k->nr] = *v;
	return 0;
}

static int on_err(void *ctx, const struct rn_agg_errkey *k, uint64_t n)
{
	struct seen *s = ctx;

	if (k->tgid == s->pid && k->nr == NR_DUP && k->err == EBADF_)
		s->ebadf = n;
	return 0;
}

static int on_rec(void *ctx, const void *data, size_t size)
{
	struct seen *s = ctx;
	uint32_t kind;

	memcpy(&kind, data, sizeof(kind));
	if (kind == RN_AGG_REC_SLOW && size >= sizeof(struct rn_agg_slow)) {
		const struct rn_agg_slow *r = data;

		if (r->tgid == s->pid) {
			s->slow = *r;
			s->nslow++;
		}
	} else if (size >= sizeof(struct rn_agg_proc)) {
		const struct rn_agg_proc *r = data;

		if (r->tgid != s->pid)
			return 0;
		if (kind == RN_AGG_REC_EXEC) {
			s->exec = *r;
			s->got_exec = true;
		} else if (kind == RN_AGG_REC_EXIT) {
			s->exit = *r;
			s->got_exit = true;
		}
	}
	return 0;
}

static struct rn_agg *load(void)
{
	struct rn_agg_opts o = {.fill_sysinfo = knobs};
	struct rn_agg *a = NULL;
	char err[512];

	cr_assert_eq(rn_agg__new(&a, &o, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(rn_agg__attach(a), 0, "attach");
	return a;
}

/* Runs `sys_ncalls n [sleep_ms]` to its end and collects what the kernel kept of it. */
static void run_fixture(struct rn_agg *a, struct seen *s, const char *n, const char *sleep_ms)
{
	char *fx = integ_fixture("sys_ncalls");
	char *argv[] = {fx, (char *)n, (char *)sleep_ms, NULL};
	double until;
	pid_t pid;

	memset(s, 0, sizeof(*s));
	pid = integ_spawn(argv, "/dev/null");
	cr_assert_gt(pid, 0);
	s->pid = (uint32_t)pid;
	cr_assert_eq(integ_wait(pid, 60), 3, "the fixture exits 3");
	/* the exit record is written before the parent can reap: it is in the ring now */
	until = integ_now_s() + 10;
	while (!s->got_exit && integ_now_s() < until) {
		rn_agg__consume(a, on_rec, s);
		if (!s->got_exit)
			integ_sleep_ms(10);
	}
	cr_assert_eq(rn_agg__read(a, on_val, s), 0);
	cr_assert_eq(rn_agg__read_errors(a, on_err, s), 0);
	free(fx);
}

Test(integ_system, the_kernels_counts_say_exactly_the_calls_a_process_made)
{
	struct rn_agg *a = load();
	struct seen *s = calloc(1, sizeof(*s));

	cr_assert(s);
	run_fixture(a, s, "1000", NULL);
	cr_assert_eq(s->v[NR_GETPPID].calls, 1000, "getppid: %llu calls",
		     (unsigned long long)s->v[NR_GETPPID].calls);
	cr_assert_eq(s->v[NR_GETPPID].errors, 0);
	cr_assert_eq(s->v[NR_DUP].calls, 1000, "dup: %llu calls",
		     (unsigned long long)s->v[NR_DUP].calls);
	cr_assert_eq(s->v[NR_DUP].errors, 1000, "dup(-1) fails each time");
	cr_assert_eq(s->ebadf, 1000, "by errno: EBADF %llu", (unsigned long long)s->ebadf);
	/* the writes: 1000 of 100 bytes (nothing else of the fixture writes) */
	cr_assert_eq(s->v[NR_WRITE].calls, 1000);
	cr_assert_eq(s->v[NR_WRITE].bytes, 100000, "bytes %llu",
		     (unsigned long long)s->v[NR_WRITE].bytes);
	cr_assert_eq(s->v[NR_GETPPID].bytes, 0, "getppid moves no bytes");
	{
		uint64_t in_hist = 0;
		int b;

		for (b = 0; b < RN_AGG_HIST; b++)
			in_hist += s->v[NR_GETPPID].hist[b];
		cr_assert_eq(in_hist, 1000, "every call is in the histogram");
		cr_assert_gt(s->v[NR_GETPPID].max_ns, 0);
	}
	cr_assert(s->got_exec, "an exec record for the fixture");
	cr_assert_str_eq(s->exec.comm, "sys_ncalls");
	cr_assert(strstr(s->exec.exe, "sys_ncalls"), "exe '%s'", s->exec.exe);
	cr_assert(s->got_exit);
	cr_assert_eq((s->exit.code >> 8) & 0xff, 3, "exit status 3 (wait status %#x)",
		     s->exit.code);
	cr_assert_eq(s->nslow, 0, "no call passed a threshold");
	cr_assert_gt(rn_agg__forget(a, s->pid), 0, "its entries are deleted once read");
	free(s);
	rn_agg__free(a);
}

Test(integ_system, a_call_past_its_threshold_arrives_whole)
{
	struct rn_agg *a = load();
	struct seen *s = calloc(1, sizeof(*s));

	cr_assert(s);
	run_fixture(a, s, "1", "300");
	cr_assert_eq(s->nslow, 1, "one slow call (nanosleep 300 ms past its 100 ms)");
	cr_assert_eq(s->slow.nr, NR_NANOSLEEP);
	cr_assert_eq(s->slow.tid, s->pid);
	cr_assert_geq(s->slow.exit_ns - s->slow.enter_ns, 300000000ULL, "lasted %llu ns",
		      (unsigned long long)(s->slow.exit_ns - s->slow.enter_ns));
	cr_assert_eq(s->slow.ret, 0);
	cr_assert_neq(s->slow.args[0], 0, "its timespec pointer");
	cr_assert_eq(s->slow.args[1], 0, "NULL rem");
	cr_assert_eq(s->v[NR_NANOSLEEP].calls, 1);
	free(s);
	rn_agg__free(a);
}
