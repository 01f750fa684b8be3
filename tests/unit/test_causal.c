// SPDX-License-Identifier: MIT
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "causal.h"
#include "recbuild.h"

#define MAX_SEEN 4096

/* The edges written and the stamp of every event, by id. */
static struct {
	struct rn_tr_edge edge[MAX_SEEN];
	uint32_t nedge;
	uint64_t stamp[MAX_SEEN];
	uint64_t next_id;
} seen;

static int on_edge(void *ctx, const struct rn_tr_edge *e)
{
	(void)ctx;
	cr_assert_lt(seen.nedge, MAX_SEEN);
	seen.edge[seen.nedge++] = *e;
	return 0;
}

static struct rn_causal *new_causal(void)
{
	struct rn_tr_sink sink = {.edge = on_edge};
	struct rn_causal *c;

	memset(&seen, 0, sizeof(seen));
	seen.next_id = 1;
	cr_assert_eq(rn_causal__new(&c, &sink), 0);
	return c;
}

static struct rn_clock *clock_of(struct rn_causal *c)
{
	struct rn_clock *t = rn_causal__clock(c);

	cr_assert_not_null(t);
	return t;
}

/* Call nr returning ret by thread t of process pid, on the pipe named key (0: no fd object);
 * reaped: the exit a wait reaped. Returns the event's id. */
static uint64_t call_on(struct rn_causal *c, struct rn_clock *t, uint32_t pid, int nr, int64_t ret,
			const __u64 *args, uint64_t key, const struct rn_causal_msg *reaped)
{
	struct rn_fdobj fo = {.key = key, .type = RN_FDOBJ_PIPE};
	struct rn_recbuild b;
	struct rn_event ev;
	uint64_t id = seen.next_id++;

	cr_assert_lt(id, MAX_SEEN);
	rn_recbuild__init(&b, nr, ret, args);
	b.rec->h.tgid = b.rec->h.tid = pid;
	ev = rn_recbuild__event(&b);
	seen.stamp[id] = rn_causal__call(c, t, &ev, key ? &fo : NULL, reaped, id);
	rn_causal__edges(c, t, id);
	return id;
}

static uint64_t plain(struct rn_causal *c, struct rn_clock *t)
{
	return call_on(c, t, 1, __NR_getppid, 1, NULL, 0, NULL);
}

static uint64_t pipe_io(struct rn_causal *c, struct rn_clock *t, int nr, uint64_t key, int64_t n)
{
	return call_on(c, t, 1, nr, n, (__u64[6]){3, 0x1000, (__u64)n}, key, NULL);
}

static uint64_t signal_to(struct rn_causal *c, struct rn_clock *t, uint32_t pid, int signo,
			  int code, int32_t sender)
{
	struct rn_sig_rec s = {
	    .h = {.kind = RN_REC_SIGNAL, .size = sizeof(s), .tgid = pid, .tid = pid},
	    .signo = signo,
	    .code = code,
	    .pid = sender};
	uint64_t id = seen.next_id++;

	seen.stamp[id] = rn_causal__signal(c, t, &s);
	rn_causal__edges(c, t, id);
	return id;
}

static uint64_t exit_of(struct rn_causal *c, struct rn_clock *t, struct rn_causal_msg *end)
{
	uint64_t id = seen.next_id++;

	*end = rn_causal__exit(c, t, id);
	seen.stamp[id] = end->stamp;
	rn_causal__edges(c, t, id);
	return id;
}

static void expect_edge(uint32_t i, enum rn_tr_edge_kind kind, uint64_t from, uint64_t to)
{
	cr_assert_lt(i, seen.nedge, "edge %u not written (%u edges)", i, seen.nedge);
	cr_assert_eq(seen.edge[i].kind, kind, "edge %u: kind %s", i,
		     rn_tr_edge_kind__name(seen.edge[i].kind));
	cr_assert_eq(seen.edge[i].from, from, "edge %u: from %llu", i,
		     (unsigned long long)seen.edge[i].from);
	cr_assert_eq(seen.edge[i].to, to, "edge %u: to %llu", i,
		     (unsigned long long)seen.edge[i].to);
}

/* The Lamport rule, for every edge written. */
static void expect_stamps_rise_along_edges(void)
{
	for (uint32_t i = 0; i < seen.nedge; i++) {
		const struct rn_tr_edge *e = &seen.edge[i];

		cr_assert_lt(seen.stamp[e->from], seen.stamp[e->to],
			     "%s edge %llu -> %llu: stamps %llu -> %llu",
			     rn_tr_edge_kind__name(e->kind), (unsigned long long)e->from,
			     (unsigned long long)e->to, (unsigned long long)seen.stamp[e->from],
			     (unsigned long long)seen.stamp[e->to]);
	}
}

Test(unit_causal, a_read_takes_a_stamp_above_the_write_it_consumes_and_its_edge)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *w = clock_of(c), *rd = clock_of(c);
	uint64_t write;

	plain(c, w);
	plain(c, w);
	write = pipe_io(c, w, __NR_write, 7, 5);
	pipe_io(c, w, __NR_write, 8, 5); /* another pipe: not what the read consumes */
	cr_assert_eq(seen.stamp[write], 3);
	uint64_t read = pipe_io(c, rd, __NR_read, 7, 5);
	cr_assert_eq(seen.stamp[read], 4);
	cr_assert_eq(seen.nedge, 1);
	expect_edge(0, RN_EDGE_PIPE, write, read);
	rn_causal__free(c);
}

Test(unit_causal, a_read_recorded_before_its_write_gets_no_edge)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *w = clock_of(c), *rd = clock_of(c);

	pipe_io(c, rd, __NR_read, 7, 5); /* the reader's exit came first */
	pipe_io(c, w, __NR_write, 7, 5); /* the bytes it read */
	pipe_io(c, rd, __NR_read, 7, 0); /* end of file: nothing consumed */
	pipe_io(c, w, __NR_write, 7, 3); /* bytes 5..8 */
	pipe_io(c, rd, __NR_read, 7, 3); /* consumes bytes 5..8: the second write's */
	cr_assert_eq(seen.nedge, 1, "%u edges", seen.nedge);
	expect_edge(0, RN_EDGE_PIPE, 4, 5);
	expect_stamps_rise_along_edges();
	rn_causal__free(c);
}

Test(unit_causal, a_read_of_the_bytes_of_two_writes_gets_an_edge_from_each)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *a = clock_of(c), *b = clock_of(c), *rd = clock_of(c);
	uint64_t first, second, read;

	for (int i = 0; i < 5; i++)
		plain(c, b);
	first = pipe_io(c, a, __NR_write, 7, 4);    /* stamp 1 */
	second = pipe_io(c, b, __NR_writev, 7, 4);  /* stamp 6 */
	read = pipe_io(c, rd, __NR_recvfrom, 7, 6); /* bytes 0..6: both writes */
	cr_assert_eq(seen.nedge, 2);
	expect_edge(0, RN_EDGE_PIPE, first, read);
	expect_edge(1, RN_EDGE_PIPE, second, read);
	cr_assert_eq(seen.stamp[read], seen.stamp[second] + 1);
	/* the rest of the second write */
	uint64_t rest = pipe_io(c, rd, __NR_readv, 7, 2);
	cr_assert_eq(seen.nedge, 3);
	expect_edge(2, RN_EDGE_PIPE, second, rest);
	rn_causal__free(c);
}

Test(unit_causal, a_fork_stamp_is_fixed_before_the_child_runs)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *parent = clock_of(c), *child = clock_of(c);
	uint64_t first, fork_call;

	plain(c, parent);
	rn_causal__fork(c, parent, child, false);
	/* the child runs before the parent's clone returns */
	first = plain(c, child);
	cr_assert_eq(seen.nedge, 0, "an edge before its send was recorded");
	fork_call = call_on(c, parent, 1, __NR_clone, 2, NULL, 0, NULL);
	cr_assert_eq(seen.nedge, 1);
	expect_edge(0, RN_EDGE_FORK, fork_call, first);
	expect_stamps_rise_along_edges();
	rn_causal__free(c);
}

/* The ring lost the parent's clone: its next event took a later message than the fork's. */
Test(unit_causal, a_fork_whose_call_was_lost_gets_no_edge_that_runs_back)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *parent = clock_of(c), *child = clock_of(c), *writer = clock_of(c);
	uint64_t write, read, first;

	plain(c, parent);
	for (int i = 0; i < 10; i++)
		plain(c, writer);
	write = pipe_io(c, writer, __NR_write, 7, 5);
	rn_causal__fork(c, parent, child, false);
	first = plain(c, child);
	read = pipe_io(c, parent, __NR_read, 7, 5);
	cr_assert_gt(seen.stamp[read], seen.stamp[first]);
	cr_assert_eq(seen.nedge, 1, "%u edges", seen.nedge);
	expect_edge(0, RN_EDGE_PIPE, write, read);
	rn_causal__free(c);
}

Test(unit_causal, a_wait_gets_the_edge_from_the_exit_it_reaped)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *parent = clock_of(c), *child = clock_of(c);
	struct rn_causal_msg end;
	uint64_t exit_id, wait;

	for (int i = 0; i < 4; i++)
		plain(c, child);
	exit_id = exit_of(c, child, &end);
	cr_assert_eq(end.id, exit_id);
	cr_assert_eq(end.stamp, 5);
	wait = call_on(c, parent, 1, __NR_wait4, 2, (__u64[6]){(__u64)-1}, 0, &end);
	cr_assert_eq(seen.nedge, 1);
	expect_edge(0, RN_EDGE_WAIT, exit_id, wait);
	cr_assert_eq(seen.stamp[wait], 6);
	rn_causal__free(c);
}

Test(unit_causal, a_kill_is_the_send_of_the_signal_it_delivers)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *sender = clock_of(c), *target = clock_of(c);
	uint64_t kill, delivery;

	plain(c, sender);
	kill = call_on(c, sender, 100, __NR_kill, 0, (__u64[6]){200, SIGUSR1}, 0, NULL);
	/* a signal the kernel sent (no SI_USER) does not take the kill's message */
	signal_to(c, target, 200, SIGUSR1, 1, 100);
	cr_assert_eq(seen.nedge, 0);
	delivery = signal_to(c, target, 200, SIGUSR1, 0, 100);
	cr_assert_eq(seen.nedge, 1);
	expect_edge(0, RN_EDGE_SIGNAL, kill, delivery);
	expect_stamps_rise_along_edges();
	/* the message is consumed: a second delivery has no send */
	signal_to(c, target, 200, SIGUSR1, 0, 100);
	cr_assert_eq(seen.nedge, 1);
	rn_causal__free(c);
}

Test(unit_causal, an_execve_has_an_edge_to_the_next_event_of_its_thread)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *t = clock_of(c), *other = clock_of(c);
	uint64_t exec, next;

	call_on(c, t, 1, __NR_execve, -2, NULL, 0, NULL); /* failed: no edge */
	exec = call_on(c, t, 1, __NR_execve, 0, NULL, 0, NULL);
	plain(c, other);
	cr_assert_eq(seen.nedge, 0);
	next = plain(c, t);
	cr_assert_eq(seen.nedge, 1);
	expect_edge(0, RN_EDGE_EXEC, exec, next);
	rn_causal__free(c);
}

/*
 * Threads that fork, write and read pipes, kill each other, exit and are reaped in a
 * fixed pseudo-random mix, in an order the kernel can produce (a forking thread's next
 * event is its clone call; a tid ended is used again only by a new thread): every edge
 * written goes from a lower stamp to a higher one.
 */
Test(unit_causal, stamps_rise_along_every_edge_of_a_busy_mix)
{
	enum { T = 8, STEPS = 4000 };
	struct rn_causal *c = new_causal();
	struct rn_clock *t[T];
	struct rn_causal_msg end[T] = {{0}};
	bool alive[T] = {true}, born[T] = {true}, cloning[T] = {false};
	uint32_t x = 12345, kinds = 0;

	for (int i = 0; i < T; i++)
		t[i] = clock_of(c);
	for (int s = 0; s < STEPS; s++) {
		uint32_t k, i, j;

		x = x * 1103515245u + 12345u;
		k = (x >> 16) % 7;
		i = (x >> 8) % T;
		j = (x >> 4) % T;
		if (!alive[i])
			continue;
		if (cloning[i]) {
			call_on(c, t[i], 10 + i, __NR_clone, 10 + j, NULL, 0, NULL);
			cloning[i] = false;
			continue;
		}
		switch (k) {
		case 0:
			pipe_io(c, t[i], __NR_write, 1 + j % 2, 1 + (x >> 20) % 9);
			break;
		case 1:
			pipe_io(c, t[i], __NR_read, 1 + j % 2, 1 + (x >> 21) % 9);
			break;
		case 2:
			if (alive[j])
				break;
			rn_causal__fork(c, t[i], t[j], born[j]);
			alive[j] = born[j] = cloning[i] = true;
			break;
		case 3:
			call_on(c, t[i], 10 + i, __NR_kill, 0, (__u64[6]){10 + j, SIGUSR2}, 0,
				NULL);
			break;
		case 4:
			signal_to(c, t[i], 10 + i, SIGUSR2, 0, 10 + (int)j);
			break;
		case 5:
			if (i == 0) /* the root stays, so the mix goes on */
				break;
			exit_of(c, t[i], &end[i]);
			alive[i] = false;
			break;
		default:
			if (!alive[j] && end[j].id) {
				call_on(c, t[i], 10 + i, __NR_wait4, 10 + j, NULL, 0, &end[j]);
				end[j] = (struct rn_causal_msg){0};
			}
			break;
		}
	}
	for (uint32_t i = 0; i < seen.nedge; i++)
		kinds |= 1u << seen.edge[i].kind;
	/* the mix made every kind of edge but exec */
	cr_assert_eq(kinds,
		     (1u << RN_EDGE_FORK) | (1u << RN_EDGE_WAIT) | (1u << RN_EDGE_PIPE) |
			 (1u << RN_EDGE_SIGNAL),
		     "kinds %#x", kinds);
	cr_assert_gt(seen.nedge, 100, "%u edges", seen.nedge);
	expect_stamps_rise_along_edges();
	rn_causal__free(c);
}

/* A forked child whose first call is a fork: its fork call comes after its own fork
 * message, and the grandchild's first event after that. */
Test(unit_causal, a_fork_by_a_child_before_its_first_event_stamps_above_its_own_fork)
{
	struct rn_causal *c = new_causal();
	struct rn_clock *p = clock_of(c), *child = clock_of(c), *grandchild = clock_of(c);
	uint64_t fork1, fork2, first;

	for (int i = 0; i < 5; i++)
		plain(c, p);
	rn_causal__fork(c, p, child, false);
	fork1 = call_on(c, p, 1, __NR_clone, 2, NULL, 0, NULL);
	rn_causal__fork(c, child, grandchild, false);
	fork2 = call_on(c, child, 2, __NR_clone, 3, NULL, 0, NULL);
	first = plain(c, grandchild);
	cr_assert_eq(seen.nedge, 2);
	expect_edge(0, RN_EDGE_FORK, fork1, fork2);
	expect_edge(1, RN_EDGE_FORK, fork2, first);
	expect_stamps_rise_along_edges();
	rn_causal__free(c);
}
