// SPDX-License-Identifier: MIT
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "recbuild.h"
#include "recorder.h"

#define MAX_SEEN 4096

/* What the recorder handed its sink, kept for the assertions. */
static struct {
	uint32_t nev, nproc, nedge;
	struct {
		uint64_t id, lamport;
		uint32_t tid, ncaps;
		char name[32];
		struct rn_tr_capture cap1; /* the capture of argument 1, if any */
	} ev[MAX_SEEN];
	uint64_t last_id_of[MAX_SEEN]; /* by tid % MAX_SEEN: the tid's last event */
	struct {
		uint32_t pid;
		char exe[64];
	} proc[MAX_SEEN];
	struct rn_tr_edge edge[MAX_SEEN];
} seen;

static int on_event(void *ctx, const struct rn_tr_event *e)
{
	(void)ctx;
	cr_assert_lt(seen.nev, MAX_SEEN);
	seen.ev[seen.nev].id = e->id;
	seen.ev[seen.nev].lamport = e->lamport;
	seen.ev[seen.nev].tid = e->tid;
	seen.ev[seen.nev].ncaps = e->ncaps;
	for (uint32_t k = 0; k < e->ncaps; k++)
		if (e->caps[k].arg == 1)
			seen.ev[seen.nev].cap1 = e->caps[k];
	snprintf(seen.ev[seen.nev].name, sizeof(seen.ev[0].name), "%s", e->name);
	seen.last_id_of[e->tid % MAX_SEEN] = e->id;
	seen.nev++;
	return 0;
}

static int on_process(void *ctx, const struct rn_tr_process *p)
{
	(void)ctx;
	cr_assert_lt(seen.nproc, MAX_SEEN);
	seen.proc[seen.nproc].pid = p->pid;
	snprintf(seen.proc[seen.nproc].exe, sizeof(seen.proc[0].exe), "%s", p->exe ? p->exe : "");
	seen.nproc++;
	return 0;
}

static int on_edge(void *ctx, const struct rn_tr_edge *e)
{
	(void)ctx;
	cr_assert_lt(seen.nedge, MAX_SEEN);
	seen.edge[seen.nedge++] = *e;
	return 0;
}

static struct rn_recorder *new_recorder(void)
{
	static char *argv[] = {"/bin/prog", NULL};
	struct rn_recorder_opts o = {.fmt = {.strsize = 32}, .argv = argv, .tool = "renacer test"};
	struct rn_tr_sink sink = {.event = on_event, .process = on_process, .edge = on_edge};
	struct rn_recorder *r;
	char err[128];

	memset(&seen, 0, sizeof(seen));
	cr_assert_eq(rn_recorder__new(&r, &o, &sink, err, sizeof(err)), 0, "%s", err);
	return r;
}

static void call(struct rn_recorder *r, struct rn_recbuild *b)
{
	struct rn_event ev = rn_recbuild__event(b);

	rn_recorder__syscall(r, &ev);
}

/* getppid() by thread tid of process pid */
static void getppid_in(struct rn_recorder *r, uint32_t pid, uint32_t tid)
{
	struct rn_recbuild b;

	rn_recbuild__init(&b, __NR_getppid, 1, NULL);
	b.rec->h.tgid = pid;
	b.rec->h.tid = tid;
	call(r, &b);
}

static void execve_in(struct rn_recorder *r, uint32_t pid, const char *path)
{
	struct rn_recbuild b;

	rn_recbuild__init(&b, __NR_execve, 0, (__u64[6]){0x1000, 0x2000, 0x3000});
	b.rec->h.tgid = b.rec->h.tid = pid;
	rn_recbuild__str(&b, 0, path);
	call(r, &b);
}

/* A read or write of n bytes on an fd whose kernel object BPF named key. */
static void pipe_io(struct rn_recorder *r, int nr, uint32_t pid, uint64_t key, int64_t n)
{
	struct rn_fdobj fo = {.key = key, .type = RN_FDOBJ_PIPE};
	struct rn_recbuild b;
	struct rn_item *it;

	rn_recbuild__init(&b, nr, n, (__u64[6]){3, 0x1000, (__u64)n});
	b.rec->h.tgid = b.rec->h.tid = pid;
	it = (struct rn_item *)((unsigned char *)b.rec + b.rec->h.size);
	rn_recbuild__item(&b, 0, 0, 0, &fo, sizeof(fo));
	it->kind = RN_CAP_FDOBJ;
	rn_recbuild__item(&b, 1, 0, 0, "hello", (uint32_t)n);
	call(r, &b);
}

static void proc_rec(struct rn_recorder *r, uint16_t kind, uint16_t flags, uint32_t pid,
		     uint32_t other)
{
	struct rn_proc_rec p = {
	    .h = {.kind = kind, .flags = flags, .size = sizeof(p), .tgid = pid, .tid = pid},
	    .other_tgid = other,
	    .other_tid = other,
	};

	rn_recorder__proc(r, &p);
}

Test(unit_recorder, threads_keep_their_own_clocks_when_their_events_interleave)
{
	struct rn_recorder *r = new_recorder();
	static const uint32_t tids[] = {10, 10, 11, 10, 11, 11, 12, 10};
	static const uint64_t want[] = {1, 2, 1, 3, 2, 3, 1, 4};

	rn_recorder__add_root(r, 10);
	for (size_t i = 0; i < sizeof(tids) / sizeof(tids[0]); i++)
		getppid_in(r, 10, tids[i]);
	cr_assert_eq(seen.nev, 8);
	for (uint32_t i = 0; i < seen.nev; i++) {
		cr_assert_eq(seen.ev[i].tid, tids[i]);
		cr_assert_eq(seen.ev[i].lamport, want[i], "event %u: lamport %llu", i,
			     (unsigned long long)seen.ev[i].lamport);
	}
	rn_recorder__free(r);
}

Test(unit_recorder, an_exec_after_a_pid_is_added_again_changes_the_newer_process)
{
	struct rn_recorder *r = new_recorder();

	rn_recorder__add_root(r, 100);
	execve_in(r, 100, "/bin/first");
	getppid_in(r, 100, 100);
	/* the same pid declared again (a new root): its events are the new process's */
	rn_recorder__add_root(r, 100);
	execve_in(r, 100, "/bin/second");
	cr_assert_eq(rn_recorder__finish(r, NULL, 0), 0);
	cr_assert_eq(seen.nproc, 2);
	cr_assert_eq(seen.proc[0].pid, 100);
	cr_assert_str_eq(seen.proc[0].exe, "/bin/first");
	cr_assert_eq(seen.proc[1].pid, 100);
	cr_assert_str_eq(seen.proc[1].exe, "/bin/second");
	rn_recorder__free(r);
}

Test(unit_recorder, a_wait_that_reaps_a_child_gets_the_edge_from_its_exit)
{
	struct rn_recorder *r = new_recorder();
	struct rn_recbuild b;

	rn_recorder__add_root(r, 100);
	getppid_in(r, 100, 100);			    /* id 1 */
	proc_rec(r, RN_REC_FORK, 0, 100, 200);		    /* parent 100 forks 200 */
	getppid_in(r, 200, 200);			    /* id 2 */
	getppid_in(r, 100, 100);			    /* id 3 */
	proc_rec(r, RN_REC_EXIT, RN_RF_GROUP_DEAD, 200, 0); /* id 4 */
	rn_recbuild__init(&b, __NR_wait4, 200, (__u64[6]){(__u64)-1, 0, 0, 0});
	b.rec->h.tgid = b.rec->h.tid = 100;
	call(r, &b); /* id 5 */
	cr_assert_eq(seen.nev, 5);
	cr_assert_str_eq(seen.ev[3].name, "exit");
	cr_assert_eq(seen.nedge, 2);
	cr_assert_eq(seen.edge[0].kind, RN_EDGE_FORK);
	cr_assert_eq(seen.edge[1].kind, RN_EDGE_WAIT);
	cr_assert_eq(seen.edge[1].from, 4);
	cr_assert_eq(seen.edge[1].to, 5);
	cr_assert_gt(seen.ev[4].lamport, seen.ev[3].lamport);
	rn_recorder__free(r);
}

/* waitid(P_ALL, 0, &si, WEXITED[ | extra]) by 100, its siginfo naming child 200. */
static void waitid_in(struct rn_recorder *r, uint64_t extra)
{
	unsigned char si[128] = {0};
	int32_t signo = SIGCHLD, child = 200;
	struct rn_recbuild b;

	memcpy(si, &signo, sizeof(signo));
	memcpy(si + 16, &child, sizeof(child));
	rn_recbuild__init(&b, __NR_waitid, 0, (__u64[6]){P_ALL, 0, 0x1000, WEXITED | extra});
	rn_recbuild__item(&b, 2, 0, 0, si, sizeof(si));
	b.rec->h.tgid = b.rec->h.tid = 100;
	call(r, &b);
}

Test(unit_recorder, a_waitid_that_reaps_a_child_gets_the_edge_from_its_exit)
{
	struct rn_recorder *r = new_recorder();

	rn_recorder__add_root(r, 100);
	getppid_in(r, 100, 100);			    /* id 1 */
	proc_rec(r, RN_REC_FORK, 0, 100, 200);		    /* parent 100 forks 200 */
	getppid_in(r, 200, 200);			    /* id 2 */
	proc_rec(r, RN_REC_EXIT, RN_RF_GROUP_DEAD, 200, 0); /* id 3 */
	waitid_in(r, WNOWAIT);				    /* id 4: leaves it waitable */
	waitid_in(r, 0);				    /* id 5: reaps it */
	cr_assert_eq(seen.nev, 5);
	cr_assert_eq(seen.nedge, 2, "%u edges: the fork's and the reaping waitid's", seen.nedge);
	cr_assert_eq(seen.edge[1].kind, RN_EDGE_WAIT);
	cr_assert_eq(seen.edge[1].from, 3);
	cr_assert_eq(seen.edge[1].to, 5);
	cr_assert_gt(seen.ev[4].lamport, seen.ev[2].lamport);
	rn_recorder__free(r);
}

Test(unit_recorder, a_read_of_pipe_bytes_gets_the_edge_from_their_write)
{
	struct rn_recorder *r = new_recorder();

	rn_recorder__add_root(r, 100);
	pipe_io(r, __NR_write, 100, 77, 5); /* id 1 */
	pipe_io(r, __NR_write, 100, 88, 5); /* id 2: another pipe */
	pipe_io(r, __NR_read, 200, 77, 5);  /* id 3 */
	cr_assert_eq(seen.nev, 3);
	/* the fd object is for edges, not a capture */
	cr_assert_eq(seen.ev[0].ncaps, 1);
	cr_assert_eq(seen.nedge, 1);
	cr_assert_eq(seen.edge[0].kind, RN_EDGE_PIPE);
	cr_assert_eq(seen.edge[0].from, 1);
	cr_assert_eq(seen.edge[0].to, 3);
	cr_assert_eq(seen.ev[2].lamport, seen.ev[0].lamport + 1);
	rn_recorder__free(r);
}

/* The event with this id (ids are handed out from 1 in order). */
static uint64_t lamport_of(uint64_t id)
{
	cr_assert(id >= 1 && id <= seen.nev, "no event %llu", (unsigned long long)id);
	return seen.ev[id - 1].lamport;
}

static uint32_t count_edges(enum rn_tr_edge_kind kind)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < seen.nedge; i++)
		n += seen.edge[i].kind == kind;
	return n;
}

/* A fork record: thread ptid of ptgid created ctid of ctgid (a thread when flags say so). */
static void fork_rec(struct rn_recorder *r, uint16_t flags, uint32_t ptgid, uint32_t ptid,
		     uint32_t ctgid, uint32_t ctid)
{
	struct rn_proc_rec p = {
	    .h = {.kind = RN_REC_FORK,
		  .flags = flags,
		  .size = sizeof(p),
		  .tgid = ptgid,
		  .tid = ptid},
	    .other_tgid = ctgid,
	    .other_tid = ctid,
	};

	rn_recorder__proc(r, &p);
}

/* clone() by thread tid of pid returning child; the id of its event. */
static uint64_t clone_in(struct rn_recorder *r, uint32_t pid, uint32_t tid, uint32_t child)
{
	struct rn_recbuild b;

	rn_recbuild__init(&b, __NR_clone, child, (__u64[6]){0x1200011, 0, 0, 0, 0});
	b.rec->h.tgid = pid;
	b.rec->h.tid = tid;
	call(r, &b);
	return seen.ev[seen.nev - 1].id;
}

/*
 * More children than the first allocation of thread records (64) holds, each forked,
 * execing and reaped: every fork keeps the parent's record in hand while the child's is
 * added. Run under ASan (make sanitize), a record that moved is a use after free.
 */
Test(unit_recorder, hundreds_of_children_forking_and_execing_keep_every_fork_edge_and_command)
{
	enum { N = 300 };
	struct rn_recorder *r = new_recorder();
	uint64_t fork_call[N], first[N];
	char path[32];

	rn_recorder__add_root(r, 100);
	getppid_in(r, 100, 100);
	for (uint32_t k = 0; k < N; k++) {
		uint32_t child = 1000 + k;
		struct rn_recbuild b;

		fork_rec(r, 0, 100, 100, child, child);
		fork_call[k] = clone_in(r, 100, 100, child);
		snprintf(path, sizeof(path), "/bin/child%u", k);
		proc_rec(r, RN_REC_EXEC, 0, child, child);
		execve_in(r, child, path);
		first[k] = seen.ev[seen.nev - 1].id;
		getppid_in(r, child, child);
		proc_rec(r, RN_REC_EXIT, RN_RF_GROUP_DEAD, child, 0);
		rn_recbuild__init(&b, __NR_wait4, child, (__u64[6]){(__u64)-1, 0, 0, 0});
		b.rec->h.tgid = b.rec->h.tid = 100;
		call(r, &b);
	}
	cr_assert_eq(rn_recorder__finish(r, NULL, 0), 0);
	cr_assert_eq(seen.nev, 1 + 5 * N);
	cr_assert_eq(seen.nproc, 1 + N);
	cr_assert_eq(count_edges(RN_EDGE_FORK), N);
	cr_assert_eq(count_edges(RN_EDGE_WAIT), N);
	for (uint32_t i = 0, k = 0; i < seen.nedge; i++) {
		if (seen.edge[i].kind != RN_EDGE_FORK)
			continue;
		cr_assert_eq(seen.edge[i].from, fork_call[k], "fork %u: from %llu", k,
			     (unsigned long long)seen.edge[i].from);
		cr_assert_eq(seen.edge[i].to, first[k], "fork %u: to %llu", k,
			     (unsigned long long)seen.edge[i].to);
		cr_assert_gt(lamport_of(first[k]), lamport_of(fork_call[k]), "fork %u", k);
		k++;
	}
	for (uint32_t k = 0; k < N; k++) {
		/* processes are reported as they end, the root at the finish */
		snprintf(path, sizeof(path), "/bin/child%u", k);
		cr_assert_eq(seen.proc[k].pid, 1000 + k);
		cr_assert_str_eq(seen.proc[k].exe, path);
	}
	cr_assert_eq(seen.proc[N].pid, 100);
	rn_recorder__free(r);
}

/* 100 threads of one process: a thread each, no new process; each thread's first event
 * comes after the clone that created it. */
Test(unit_recorder, a_hundred_threads_are_threads_of_one_process_with_their_fork_edges)
{
	enum { N = 100 };
	struct rn_recorder *r = new_recorder();
	uint64_t fork_call[N], first[N];

	rn_recorder__add_root(r, 100);
	getppid_in(r, 100, 100);
	for (uint32_t k = 0; k < N; k++) {
		fork_rec(r, RN_RF_THREAD, 100, 100, 100, 101 + k);
		fork_call[k] = clone_in(r, 100, 100, 101 + k);
	}
	for (uint32_t k = 0; k < N; k++) {
		getppid_in(r, 100, 101 + k);
		first[k] = seen.ev[seen.nev - 1].id;
		cr_assert_gt(lamport_of(first[k]), lamport_of(fork_call[k]), "thread %u", k);
	}
	for (uint32_t k = 0; k < N; k++) {
		struct rn_proc_rec ex = {
		    .h = {.kind = RN_REC_EXIT, .size = sizeof(ex), .tgid = 100, .tid = 101 + k},
		};

		rn_recorder__proc(r, &ex);
	}
	proc_rec(r, RN_REC_EXIT, RN_RF_GROUP_DEAD, 100, 0);
	cr_assert_eq(rn_recorder__finish(r, NULL, 0), 0);
	cr_assert_eq(seen.nev, 1 + 2 * N + N + 1);
	cr_assert_eq(seen.nproc, 1);
	cr_assert_eq(count_edges(RN_EDGE_FORK), N);
	rn_recorder__free(r);
}

/*
 * -p attach to many processes whose leader thread was never seen before another thread
 * of theirs execs: the exec record adds the leader's record while it holds the old
 * thread's. The exec continues the old thread's clock.
 */
Test(unit_recorder, an_exec_by_a_thread_whose_leader_was_never_seen_continues_its_clock)
{
	enum { N = 200 };
	struct rn_recorder *r = new_recorder();

	for (uint32_t k = 0; k < N; k++) {
		uint32_t pid = 10000 + 10 * k;
		struct rn_proc_rec ex = {
		    .h = {.kind = RN_REC_EXEC, .size = sizeof(ex), .tgid = pid, .tid = pid},
		    .other_tid = pid + 1,
		};
		uint32_t nthreads = 1 + k % 3; /* so the leader comes at every count of records */
		uint64_t before;

		ex.other_tid = pid + nthreads;
		rn_recorder__add_root(r, pid);
		for (uint32_t t = 1; t <= nthreads; t++)
			getppid_in(r, pid, pid + t);
		getppid_in(r, pid, pid + nthreads);
		before = seen.ev[seen.nev - 1].lamport;
		rn_recorder__proc(r, &ex);
		execve_in(r, pid, "/bin/new");
		cr_assert_eq(
		    seen.ev[seen.nev - 1].lamport, before + 1, "process %u: %llu after %llu", k,
		    (unsigned long long)seen.ev[seen.nev - 1].lamport, (unsigned long long)before);
	}
	rn_recorder__free(r);
}

/* A pid the kernel hands out again after its first process ended is a new process. */
Test(unit_recorder, a_reused_pid_after_its_process_ended_is_a_new_process)
{
	struct rn_recorder *r = new_recorder();

	rn_recorder__add_root(r, 100);
	for (int round = 0; round < 2; round++) {
		struct rn_recbuild b;

		fork_rec(r, 0, 100, 100, 200, 200);
		clone_in(r, 100, 100, 200);
		execve_in(r, 200, round ? "/bin/second" : "/bin/first");
		proc_rec(r, RN_REC_EXIT, RN_RF_GROUP_DEAD, 200, 0);
		rn_recbuild__init(&b, __NR_wait4, 200, (__u64[6]){(__u64)-1, 0, 0, 0});
		b.rec->h.tgid = b.rec->h.tid = 100;
		call(r, &b);
	}
	cr_assert_eq(rn_recorder__finish(r, NULL, 0), 0);
	cr_assert_eq(seen.nproc, 3);
	cr_assert_str_eq(seen.proc[0].exe, "/bin/first");
	cr_assert_str_eq(seen.proc[1].exe, "/bin/second");
	cr_assert_str_eq(seen.proc[2].exe, "/bin/prog");
	cr_assert_eq(count_edges(RN_EDGE_WAIT), 2);
	/* each wait is reaped from its own child's exit, not the first one's */
	for (uint32_t i = 0; i < seen.nedge; i++)
		if (seen.edge[i].kind == RN_EDGE_WAIT)
			cr_assert_str_eq(seen.ev[seen.edge[i].from - 1].name, "exit");
	rn_recorder__free(r);
}

/* A buffer BPF could not read (a page the kernel never touched: a string literal written
 * to /dev/null) is a capture cut to nothing, not a complete empty one. */
Test(unit_recorder, a_buffer_that_could_not_be_read_is_a_cut_capture_not_an_empty_one)
{
	struct rn_recorder *r = new_recorder();
	struct rn_recbuild b;
	struct rn_item *it;

	rn_recorder__add_root(r, 100);
	rn_recbuild__init(&b, __NR_write, 5, (__u64[6]){1, 0x1000, 5});
	b.rec->h.tgid = b.rec->h.tid = 100;
	it = (struct rn_item *)((unsigned char *)b.rec + b.rec->h.size);
	rn_recbuild__item(&b, 1, 0, RN_IF_FAULT, "", 0);
	it->kind = RN_CAP_BUF;
	call(r, &b);
	cr_assert_eq(seen.nev, 1);
	cr_assert_eq(seen.ev[0].ncaps, 1);
	cr_expect_eq(seen.ev[0].cap1.len, 0);
	cr_expect(seen.ev[0].cap1.truncated, "a buffer that faulted is marked complete");
	cr_expect_eq(seen.ev[0].cap1.full_len, 5, "full_len %llu, not the 5 bytes written",
		     (unsigned long long)seen.ev[0].cap1.full_len);
	rn_recorder__free(r);
}
