// SPDX-License-Identifier: MIT
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "recbuild.h"
#include "recorder.h"

#define MAX_SEEN 64

/* What the recorder handed its sink, kept for the assertions. */
static struct {
	uint32_t nev, nproc, nedge;
	struct {
		uint64_t id, lamport;
		uint32_t tid, ncaps;
		char name[32];
	} ev[MAX_SEEN];
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
	snprintf(seen.ev[seen.nev].name, sizeof(seen.ev[0].name), "%s", e->name);
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
