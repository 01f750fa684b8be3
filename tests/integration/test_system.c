// SPDX-License-Identifier: MIT
/*
 * The aggregating BPF object (bpf/aggregate.bpf.c through lib/engine/aggregate.c) on real
 * processes: a fixture makes exactly N calls of a kind and the kernel's counts say N; a call
 * past its threshold arrives whole; the lifecycle records name the process and its end.
 */
#include <bpf/bpf.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "aggregate_int.h" /* the LRU map's descriptor: an eviction, as the kernel makes it */
#include "integ.h"
#include "sysstats.h"

TestSuite(integ_system, .init = integ_setup, .fini = integ_teardown, .timeout = 120);

#define NR_GETPPID   110
#define NR_DUP	     32
#define NR_WRITE     1
#define NR_NANOSLEEP 35
#define NR_LSEEK     8
#define EBADF_	     9
#define ESPIPE_	     29
#define EINVAL_	     22

struct seen {
	uint32_t pid;
	struct rn_agg_val v[RN_AGG_SYSCALLS];
	uint64_t ebadf;
	uint64_t lseek_errs[3]; /* EBADF, ESPIPE, EINVAL: more errnos than a slot's cell holds */
	struct rn_agg_slow slow;
	int nslow;
	struct rn_agg_proc exec, exit;
	bool got_exec, got_exit;
	uint32_t in_slots; /* its threads holding a slot when it ended, before the read */
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

	if (k->tgid != s->pid)
		return 0;
	if (k->nr == NR_DUP && k->err == EBADF_)
		s->ebadf = n;
	if (k->nr == NR_LSEEK)
		s->lseek_errs[k->err == EBADF_ ? 0 : k->err == ESPIPE_ ? 1 : 2] += n;
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

static struct rn_agg *load_sized(uint32_t max_keys)
{
	struct rn_agg_opts o = {.fill_sysinfo = knobs, .max_keys = max_keys};
	struct rn_agg *a = NULL;
	char err[512];

	cr_assert_eq(rn_agg__new(&a, &o, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(rn_agg__attach(a), 0, "attach");
	return a;
}

static struct rn_agg *load(void)
{
	return load_sized(0);
}

/* Runs `sys_ncalls n [sleep_ms]` to its end, its exit record consumed, not read yet. */
static void run_to_exit(struct rn_agg *a, struct seen *s, const char *n, const char *sleep_ms)
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
	s->in_slots = rn_agg__threads_in_slots(a, s->pid);
	/* the exit record is written before the parent can reap: it is in the ring now */
	until = integ_now_s() + 10;
	while (!s->got_exit && integ_now_s() < until) {
		rn_agg__consume(a, on_rec, s);
		if (!s->got_exit)
			integ_sleep_ms(10);
	}
	free(fx);
}

/* Runs `sys_ncalls n [sleep_ms]` to its end and collects what the kernel kept of it. */
static void run_fixture(struct rn_agg *a, struct seen *s, const char *n, const char *sleep_ms)
{
	run_to_exit(a, s, n, sleep_ms);
	cr_assert_eq(rn_agg__read(a, on_val, on_err, s), 0);
}

Test(integ_system, the_kernels_counts_say_exactly_the_calls_a_process_made)
{
	struct rn_agg *a = load();
	struct seen *s = calloc(1, sizeof(*s));

	cr_assert(s);
	run_fixture(a, s, "1000", NULL);
	{
		uint64_t c[RN_AGG_CNT__MAX];

		cr_assert_eq(rn_agg__counters(a, c), 0);
		/* with room for every thread of the host, the fixture counted in its own slot */
		if (!c[RN_AGG_CNT_NOSLOT])
			cr_assert_eq(s->in_slots, 1, "the fixture's thread held a slot: %u",
				     s->in_slots);
	}
	cr_assert_eq(s->v[NR_GETPPID].calls, 1000, "getppid: %llu calls",
		     (unsigned long long)s->v[NR_GETPPID].calls);
	cr_assert_eq(s->v[NR_GETPPID].errors, 0);
	cr_assert_eq(s->v[NR_DUP].calls, 1000, "dup: %llu calls",
		     (unsigned long long)s->v[NR_DUP].calls);
	cr_assert_eq(s->v[NR_DUP].errors, 1000, "dup(-1) fails each time");
	cr_assert_eq(s->ebadf, 1000, "by errno: EBADF %llu", (unsigned long long)s->ebadf);
	cr_assert_eq(s->v[NR_LSEEK].errors, 3000);
	cr_assert(s->lseek_errs[0] == 1000 && s->lseek_errs[1] == 1000 && s->lseek_errs[2] == 1000,
		  "lseek's errnos: EBADF %llu, ESPIPE %llu, EINVAL %llu (the third in the LRU map)",
		  (unsigned long long)s->lseek_errs[0], (unsigned long long)s->lseek_errs[1],
		  (unsigned long long)s->lseek_errs[2]);
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
	/* its exit record went by before the read: the read was its last, nothing is left */
	cr_assert_eq(rn_agg__forget(a, s->pid), 0, "entries of an ended process left after a read");
	/* a second process, most likely in the slot the first one's read freed: from zero */
	run_fixture(a, s, "700", NULL);
	cr_assert_eq(s->v[NR_GETPPID].calls, 700, "getppid of the second: %llu calls",
		     (unsigned long long)s->v[NR_GETPPID].calls);
	cr_assert_eq(s->v[NR_WRITE].bytes, 70000, "bytes of the second: %llu",
		     (unsigned long long)s->v[NR_WRITE].bytes);
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

static uint64_t hist_sum(const struct rn_agg_val *v)
{
	uint64_t n = 0;
	int b;

	for (b = 0; b < RN_AGG_HIST; b++)
		n += v->hist[b];
	return n;
}

Test(integ_system, threads_without_a_free_slot_are_counted_exactly_in_the_shared_map)
{
	/* 2048 entries: 128 slots for the host's threads, fewer than the fixture's 200 */
	struct rn_agg *a = load_sized(2048);
	char *fx = integ_fixture("threads");
	char *argv[] = {fx, "100", "200", NULL};
	struct seen *s = calloc(1, sizeof(*s));
	uint64_t c[RN_AGG_CNT__MAX];
	pid_t pid;

	cr_assert(s);
	cr_assert_eq(rn_agg__nslots(a), 128);
	pid = integ_spawn(argv, "/dev/null");
	cr_assert_gt(pid, 0);
	s->pid = (uint32_t)pid;
	cr_assert_eq(integ_wait(pid, 60), 0, "threads 100 200");
	cr_assert_eq(rn_agg__counters(a, c), 0);
	cr_assert_gt(c[RN_AGG_CNT_NOSLOT], 0, "200 threads and 128 slots: some found none");
	cr_assert_eq(rn_agg__read(a, on_val, NULL, s), 0);
	cr_assert_eq(s->v[NR_GETPPID].calls, 20000, "getppid of 200 threads x 100: %llu",
		     (unsigned long long)s->v[NR_GETPPID].calls);
	cr_assert_eq(hist_sum(&s->v[NR_GETPPID]), 20000);
	cr_assert_eq(s->v[NR_WRITE].calls, 20000);
	cr_assert_eq(s->v[NR_WRITE].bytes, 20000, "one byte a write: %llu",
		     (unsigned long long)s->v[NR_WRITE].bytes);
	/* its exit record was never consumed: the read kept it; forgotten, nothing is left */
	cr_assert_gt(rn_agg__forget(a, s->pid), 0, "its LRU entries and kept counts");
	memset(s->v, 0, sizeof(s->v));
	cr_assert_eq(rn_agg__read(a, on_val, NULL, s), 0);
	cr_assert_eq(s->v[NR_GETPPID].calls, 0, "after forget: %llu getppid",
		     (unsigned long long)s->v[NR_GETPPID].calls);
	free(fx);
	free(s);
	rn_agg__free(a);
}

/* churn's children: each makes one call of each syscall number 470..511 (ENOSYS) */
#define CHURN_KIDS  300
#define CHURN_FIRST 470
#define CHURN_NRS   42

struct churn {
	uint32_t parent;
	uint32_t kid[CHURN_KIDS + 16];
	size_t nkids;
	uint64_t calls[CHURN_KIDS + 16][CHURN_NRS];
};

static int churn_rec(void *ctx, const void *data, size_t size)
{
	const struct rn_agg_proc *r = data;
	struct churn *ch = ctx;

	if (size >= sizeof(*r) && r->kind == RN_AGG_REC_FORK && r->ppid == ch->parent &&
	    ch->nkids < CHURN_KIDS + 16)
		ch->kid[ch->nkids++] = r->tgid;
	return 0;
}

static int churn_val(void *ctx, const struct rn_agg_key *k, const struct rn_agg_val *v)
{
	struct churn *ch = ctx;
	size_t i;

	if (k->nr < CHURN_FIRST || k->nr >= CHURN_FIRST + CHURN_NRS)
		return 0;
	for (i = 0; i < ch->nkids; i++)
		if (ch->kid[i] == k->tgid) {
			ch->calls[i][k->nr - CHURN_FIRST] = v->calls;
			return 1; /* read whole: forget it */
		}
	return 0;
}

Test(integ_system, slots_freed_by_reads_are_taken_again_and_counts_stay_exact)
{
	/* 4096 entries: 256 slots, fewer than the children; each child makes 42 distinct calls,
	 * more than a slot's 40 cells (the last ones count in the shared map) */
	struct rn_agg *a = load_sized(4096);
	char *fx = integ_fixture("churn");
	char *argv[] = {fx, "300", NULL};
	struct churn *ch = calloc(1, sizeof(*ch));
	uint64_t taken0 = rn_agg__slots_taken(a);
	int st = -1, nr;
	double until = integ_now_s() + 60;
	pid_t pid;
	size_t i;

	cr_assert(ch);
	cr_assert_eq(rn_agg__nslots(a), 256);
	pid = integ_spawn(argv, "/dev/null");
	cr_assert_gt(pid, 0);
	ch->parent = (uint32_t)pid;
	/* read as renacerd does while the children come and go: ended slots are freed */
	while (waitpid(pid, &st, WNOHANG) == 0) {
		cr_assert_lt(integ_now_s(), until, "churn 300 did not end in 60 s");
		rn_agg__consume(a, churn_rec, ch);
		cr_assert_eq(rn_agg__read(a, churn_val, NULL, ch), 0);
		integ_sleep_ms(5);
	}
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "churn 300: wait status %#x", st);
	rn_agg__consume(a, churn_rec, ch);
	cr_assert_eq(rn_agg__read(a, churn_val, NULL, ch), 0);
	cr_assert_eq(ch->nkids, CHURN_KIDS, "fork records of churn's children: %zu", ch->nkids);
	cr_assert_gt(rn_agg__slots_taken(a) - taken0, 256,
		     "more slots taken than there are: freed slots were taken again");
	for (i = 0; i < ch->nkids; i++)
		for (nr = 0; nr < CHURN_NRS; nr++)
			cr_assert_eq(ch->calls[i][nr], 1, "child %zu (pid %u): %llu calls of %d", i,
				     ch->kid[i], (unsigned long long)ch->calls[i][nr],
				     CHURN_FIRST + nr);
	free(fx);
	free(ch);
	rn_agg__free(a);
}

/* A thread of this process: `distinct` distinct calls (ENOSYS, 470 on), then n calls of nr 510. */
struct mixer {
	int distinct, n;
};

static void *mix(void *arg)
{
	const struct mixer *m = arg;
	int i;

	for (i = 0; i < m->distinct; i++)
		syscall(CHURN_FIRST + i);
	for (i = 0; i < m->n; i++)
		syscall(510);
	return NULL;
}

static void run_mixer(int distinct, int n)
{
	struct mixer m = {.distinct = distinct, .n = n};
	pthread_t t;

	cr_assert_eq(pthread_create(&t, NULL, mix, &m), 0);
	cr_assert_eq(pthread_join(t, NULL), 0);
}

struct fed {
	struct rn_sysstats *model;
	uint32_t pid;
	uint64_t handed; /* the sum handed for nr 510 */
};

static int feed_model(void *ctx, const struct rn_agg_key *k, const struct rn_agg_val *v)
{
	struct fed *f = ctx;

	if (k->tgid != f->pid || k->nr != 510)
		return 0;
	f->handed = v->calls;
	cr_assert_eq(rn_sysstats__update(f->model, k->tgid, (int)k->nr, v, 1), 0);
	return 0;
}

static uint64_t model_calls(struct fed *f, int nr)
{
	struct rn_ss_proc *p = rn_sysstats__proc(f->model, f->pid, false, 0);
	uint32_t i;

	cr_assert(p, "the model has the test's process");
	for (i = 0; i < p->ncalls; i++)
		if (p->calls[i].nr == nr)
			return p->calls[i].v.calls;
	return 0;
}

Test(integ_system, an_evicted_entry_of_a_call_counted_in_slots_too_is_not_counted_twice)
{
	struct rn_agg *a = load();
	struct fed f = {.model = rn_sysstats__new(NULL), .pid = (uint32_t)getpid()};
	struct rn_agg_key k = {.tgid = f.pid, .nr = 510};

	cr_assert(f.model);
	/* 100 calls in the shared map (a thread whose slot's cells are full), 1000 in a slot */
	run_mixer(RN_AGG_CELLS, 100);
	run_mixer(0, 1000);
	cr_assert_eq(rn_agg__read(a, feed_model, NULL, &f), 0);
	cr_assert_eq(model_calls(&f, 510), 1100);
	/* the kernel evicts the shared map's entry; 10 more calls make it anew */
	cr_assert_eq(bpf_map_delete_elem(a->agg_fd, &k), 0);
	run_mixer(RN_AGG_CELLS, 10);
	cr_assert_eq(rn_agg__read(a, feed_model, NULL, &f), 0);
	cr_assert_eq(model_calls(&f, 510), 1110, "100 + 1000 + 10 calls, the model says %llu",
		     (unsigned long long)model_calls(&f, 510));
	cr_assert_geq(f.handed, 1100, "a sum never shrinks while its process lives: %llu",
		      (unsigned long long)f.handed);
	rn_sysstats__free(f.model);
	rn_agg__free(a);
}

/* Every getppid is a slow call: each sends a record, and 12000 of them fill the 1 MiB ring. */
static void all_getppid_slow(struct rn_agg_sysinfo *tab, void *ctx)
{
	(void)ctx;
	tab[NR_GETPPID].slow_ns = 1;
}

Test(integ_system, a_process_whose_exit_record_found_the_ring_full_is_forgotten_after_its_read)
{
	struct rn_agg_opts o = {.fill_sysinfo = all_getppid_slow};
	char *fx = integ_fixture("sys_ncalls");
	char *argv[] = {fx, "12000", NULL};
	struct seen *s = calloc(1, sizeof(*s));
	uint64_t c[RN_AGG_CNT__MAX];
	struct rn_agg *a = NULL;
	char err[512];
	pid_t pid;
	int n;

	cr_assert(s);
	cr_assert_eq(rn_agg__new(&a, &o, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(rn_agg__attach(a), 0, "attach");
	pid = integ_spawn(argv, "/dev/null");
	cr_assert_gt(pid, 0);
	s->pid = (uint32_t)pid;
	cr_assert_eq(integ_wait(pid, 60), 3, "the fixture exits 3");
	cr_assert_eq(rn_agg__counters(a, c), 0);
	cr_assert_gt(c[RN_AGG_CNT_LOST], 0, "12000 slow records and more: the ring was full");
	rn_agg__consume(a, on_rec, s);
	cr_assert_not(s->got_exit, "its exit record was lost with the others");
	cr_assert_eq(rn_agg__read(a, on_val, NULL, s), 0);
	cr_assert_eq(s->v[NR_GETPPID].calls, 12000, "the read hands its counts: %llu",
		     (unsigned long long)s->v[NR_GETPPID].calls);
	/* nothing of it stays in renacerd's memory or the kernel's maps */
	n = rn_agg__forget(a, s->pid);
	cr_assert_eq(n, 0, "the ended process is still kept: %d entries", n);
	free(fx);
	free(s);
	rn_agg__free(a);
}

static int refuse(void *ctx, const struct rn_agg_key *k, const struct rn_agg_val *v)
{
	(void)ctx;
	(void)k;
	(void)v;
	return -EIO;
}

Test(integ_system, a_read_that_fails_forgets_nothing_of_an_ended_process)
{
	struct rn_agg *a = load();
	struct seen *s = calloc(1, sizeof(*s));

	cr_assert(s);
	/* the fixture ended and its exit record went by; the read's callback fails */
	run_to_exit(a, s, "10", NULL);
	cr_assert(s->got_exit);
	cr_assert_eq(rn_agg__read(a, refuse, NULL, s), -EIO);
	cr_assert_eq(rn_agg__read(a, on_val, NULL, s), 0);
	cr_assert_eq(s->v[NR_GETPPID].calls, 10, "the next read hands its counts: %llu",
		     (unsigned long long)s->v[NR_GETPPID].calls);
	cr_assert_eq(rn_agg__forget(a, s->pid), 0, "then forgets it");
	free(s);
	rn_agg__free(a);
}
