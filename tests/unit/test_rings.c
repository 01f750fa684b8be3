// SPDX-License-Identifier: MIT
/*
 * lib/engine/rings.c on rings laid out in memory as the kernel lays out a BPF ring buffer:
 * records of several rings are handed on in time-stamp order, so a thread whose records
 * went to several rings keeps its order; a reserved record, or one stamped after the
 * pass began, waits; discarded records are skipped; a record that wraps reads whole; the
 * consumer position is given back to the producer.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/bpf.h>
#include <linux/types.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "renacer_abi.h"
#include "rings.h"

#define EACH	  4096
#define MAX_RINGS 4
#define MAX_SEEN  1024

/* One ring as the kernel maps it: consumer page, producer page, the data twice. */
struct tring {
	uint64_t cons, prod;
	uint8_t data[2 * EACH];
};

static struct tring rings[MAX_RINGS];

static void put_bytes(struct tring *t, uint64_t pos, const void *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t x = (pos + i) & (EACH - 1);

		t->data[x] = t->data[x + EACH] = ((const uint8_t *)src)[i];
	}
}

static uint32_t span(uint32_t len)
{
	return (len + BPF_RINGBUF_HDR_SZ + 7) & ~7u;
}

/* bpf_ringbuf_reserve (flags BPF_RINGBUF_BUSY_BIT) or reserve + submit/discard: its position. */
static uint64_t produce(struct tring *t, const void *rec, uint32_t len, uint32_t flags)
{
	uint32_t hdr[2] = {len | flags, 0};
	uint64_t pos = t->prod;

	cr_assert_leq(pos + span(len) - t->cons, EACH, "test bug: ring overfilled");
	put_bytes(t, pos, hdr, sizeof(hdr));
	put_bytes(t, pos + BPF_RINGBUF_HDR_SZ, rec, len);
	t->prod = pos + span(len);
	return pos;
}

/* bpf_ringbuf_submit of a record reserved at pos, after `fix` changed its contents. */
static void commit(struct tring *t, uint64_t pos, const void *rec, uint32_t len)
{
	uint32_t hdr[2] = {len, 0};

	put_bytes(t, pos + BPF_RINGBUF_HDR_SZ, rec, len);
	put_bytes(t, pos, hdr, sizeof(hdr));
}

static struct rn_rings *open_rings(int n, uint64_t start)
{
	struct rn_ring_mem mem[MAX_RINGS];
	struct rn_rings *rs;

	memset(rings, 0, sizeof(rings));
	for (int i = 0; i < n; i++) {
		rings[i].cons = rings[i].prod = start;
		mem[i] = (struct rn_ring_mem){&rings[i].cons, &rings[i].prod, rings[i].data};
	}
	cr_assert_eq(rn_rings__new_mem(&rs, mem, n, EACH), 0);
	return rs;
}

static struct rn_sys_rec sys_rec(uint32_t tid, uint64_t seq, uint64_t exit_ns)
{
	struct rn_sys_rec r = {
	    .h = {.kind = RN_REC_SYSCALL, .size = sizeof(r), .tgid = tid, .tid = tid},
	    .nr = 39,
	    .args = {seq},
	    .enter_ns = exit_ns / 2, /* before every other record's stamp: not the key */
	    .exit_ns = exit_ns,
	};

	return r;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* What the consumer handed on, in order. */
struct seen {
	size_t n;
	struct {
		uint16_t kind;
		uint32_t tid;
		uint64_t seq; /* args[0] of syscall records */
		uint64_t stamp;
		size_t size;
	} v[MAX_SEEN];
	uint64_t cons_seen_max; /* ring 0's consumer position as seen from inside the callback */
	uint8_t copy[sizeof(struct rn_sys_rec)]; /* the first record */
};

/* The stamp the kernel side takes for each kind (bpf/renacer.bpf.c), for the test's checks. */
static uint64_t stamp_of(const void *data)
{
	const struct rn_rec *h = data;

	switch (h->kind) {
	case RN_REC_SYSCALL:
		return ((const struct rn_sys_rec *)data)->exit_ns;
	case RN_REC_ENTER:
		return ((const struct rn_sys_rec *)data)->enter_ns;
	case RN_REC_SIGNAL:
		return ((const struct rn_sig_rec *)data)->ns;
	default:
		return ((const struct rn_proc_rec *)data)->ns;
	}
}

static int on_rec(void *ctx, const void *data, size_t size)
{
	struct seen *s = ctx;
	const struct rn_rec *h = data;

	cr_assert_lt(s->n, MAX_SEEN);
	s->v[s->n].kind = h->kind;
	s->v[s->n].tid = h->tid;
	s->v[s->n].seq = h->kind == RN_REC_SYSCALL ? ((const struct rn_sys_rec *)data)->args[0] : 0;
	s->v[s->n].stamp = stamp_of(data);
	s->v[s->n].size = size;
	if (!s->n && size <= sizeof(s->copy))
		memcpy(s->copy, data, size);
	s->n++;
	if (rings[0].cons > s->cons_seen_max)
		s->cons_seen_max = rings[0].cons;
	return 0;
}

Test(unit_rings, records_of_several_rings_come_out_in_stamp_order_and_each_thread_in_its_order)
{
	struct rn_rings *rs = open_rings(4, 0);
	static struct seen s;
	uint64_t next_seq[5] = {0}, want_seq[5] = {0};
	unsigned seed = 7;
	size_t made = 0;

	/* stamps rise over time; each record goes to the ring of the CPU its thread is on */
	for (uint64_t stamp = 1000; made < 120; stamp += 1 + rand_r(&seed) % 500, made++) {
		uint32_t t = (uint32_t)(rand_r(&seed) % 5);
		struct rn_sys_rec r = sys_rec(100 + t, next_seq[t]++, stamp);

		produce(&rings[rand_r(&seed) % 4], &r, sizeof(r), 0);
	}
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), (int)made);
	cr_assert_eq(s.n, made);
	for (size_t i = 0; i < s.n; i++) {
		uint32_t t = s.v[i].tid - 100;

		cr_expect(i == 0 || s.v[i - 1].stamp < s.v[i].stamp,
			  "record %zu: stamp %llu after %llu", i, (unsigned long long)s.v[i].stamp,
			  (unsigned long long)s.v[i - 1].stamp);
		cr_expect_eq(s.v[i].seq, want_seq[t],
			     "thread %u: record %llu came where %llu was due", t,
			     (unsigned long long)s.v[i].seq, (unsigned long long)want_seq[t]);
		want_seq[t] = s.v[i].seq + 1;
		cr_expect_eq(s.v[i].size, sizeof(struct rn_sys_rec));
	}
	cr_expect_eq(rn_rings__empty(rs), 1);
	for (int i = 0; i < 4; i++)
		cr_expect_eq(rings[i].cons, rings[i].prod, "ring %d: consumer %llu, producer %llu",
			     i, (unsigned long long)rings[i].cons,
			     (unsigned long long)rings[i].prod);
	rn_rings__free(rs);
}

Test(unit_rings, each_kind_is_ordered_by_the_stamp_its_thread_took_last)
{
	struct rn_rings *rs = open_rings(4, 0);
	static struct seen s;
	struct rn_sys_rec call = sys_rec(1, 0, 50);
	struct rn_sys_rec enter = {.h = {.kind = RN_REC_ENTER, .size = sizeof(enter), .tid = 2},
				   .enter_ns = 10};
	struct rn_proc_rec fork = {.h = {.kind = RN_REC_FORK, .size = sizeof(fork), .tid = 3},
				   .ns = 20};
	struct rn_sig_rec sig = {.h = {.kind = RN_REC_SIGNAL, .size = sizeof(sig), .tid = 4},
				 .ns = 30};
	struct rn_proc_rec exec = {.h = {.kind = RN_REC_EXEC, .size = sizeof(exec), .tid = 5},
				   .ns = 40};
	struct rn_proc_rec leave = {.h = {.kind = RN_REC_LEAVE, .size = sizeof(leave), .tid = 6},
				    .ns = 45};
	struct rn_proc_rec exit = {.h = {.kind = RN_REC_EXIT, .size = sizeof(exit), .tid = 7},
				   .ns = 60};
	static const uint16_t want[] = {RN_REC_ENTER, RN_REC_FORK,    RN_REC_SIGNAL, RN_REC_EXEC,
					RN_REC_LEAVE, RN_REC_SYSCALL, RN_REC_EXIT};

	/* a syscall record's enter time (25) is older than most: its key is its exit (50) */
	call.enter_ns = 25;
	produce(&rings[0], &call, sizeof(call), 0);
	produce(&rings[0], &exit, sizeof(exit), 0);
	produce(&rings[1], &enter, sizeof(enter), 0);
	produce(&rings[1], &exec, sizeof(exec), 0);
	produce(&rings[2], &fork, sizeof(fork), 0);
	produce(&rings[2], &leave, sizeof(leave), 0);
	produce(&rings[3], &sig, sizeof(sig), 0);
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), 7);
	for (size_t i = 0; i < 7; i++)
		cr_expect_eq(s.v[i].kind, want[i], "position %zu: kind %u (tid %u), want kind %u",
			     i, s.v[i].kind, s.v[i].tid, want[i]);
	rn_rings__free(rs);
}

Test(unit_rings, a_reserved_record_holds_its_ring_and_a_record_stamped_after_the_pass_waits)
{
	struct rn_rings *rs = open_rings(2, 0);
	static struct seen s;
	/* thread 9: A reserved on CPU 0, not committed yet; it moved to CPU 1 and made B, whose
	 * stamp was taken after A's commit, so after this pass began */
	struct rn_sys_rec a = sys_rec(9, 0, 0), b = sys_rec(9, 1, now_ns() + 3600000000000ULL);
	struct rn_sys_rec behind_a = sys_rec(8, 0, 650), other = sys_rec(7, 0, 500);
	uint64_t a_pos = produce(&rings[0], &a, sizeof(a), BPF_RINGBUF_BUSY_BIT);

	produce(&rings[0], &behind_a, sizeof(behind_a), 0);
	produce(&rings[1], &other, sizeof(other), 0);
	produce(&rings[1], &b, sizeof(b), 0);
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), 1, "only thread 7's record can go");
	cr_assert_eq(s.v[0].tid, 7);
	cr_expect_eq(rn_rings__empty(rs), 0);

	/* A committed (its stamp taken before B's): A and what waited behind it go, B waits */
	a.exit_ns = 600;
	commit(&rings[0], a_pos, &a, sizeof(a));
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), 2);
	cr_expect(s.v[1].tid == 9 && s.v[1].seq == 0, "A first");
	cr_expect_eq(s.v[2].tid, 8, "then the record that waited behind it");
	cr_expect_eq(rn_rings__empty(rs), 0, "B still waits");

	/* time passes B's stamp: B goes, after A */
	b.exit_ns = 800;
	commit(&rings[1], rings[1].prod - span(sizeof(b)), &b, sizeof(b));
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), 1);
	cr_expect(s.v[3].tid == 9 && s.v[3].seq == 1, "B last");
	cr_expect_eq(rn_rings__empty(rs), 1);
	rn_rings__free(rs);
}

Test(unit_rings, discarded_records_are_skipped)
{
	struct rn_rings *rs = open_rings(1, 0);
	static struct seen s;
	struct rn_sys_rec a = sys_rec(1, 0, 10), gone = sys_rec(1, 1, 20), c = sys_rec(1, 2, 30);

	produce(&rings[0], &a, sizeof(a), 0);
	produce(&rings[0], &gone, sizeof(gone), BPF_RINGBUF_DISCARD_BIT);
	produce(&rings[0], &c, sizeof(c), 0);
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), 2);
	cr_expect_eq(s.v[0].seq, 0);
	cr_expect_eq(s.v[1].seq, 2);
	cr_expect_eq(rings[0].cons, rings[0].prod);
	cr_expect_eq(rn_rings__empty(rs), 1);
	rn_rings__free(rs);
}

Test(unit_rings, a_record_that_wraps_the_end_of_the_ring_reads_whole)
{
	/* positions run on past the ring's size; the data offset is the position masked */
	struct rn_rings *rs = open_rings(1, 3 * EACH - 40);
	static struct seen s;
	struct rn_sys_rec a = sys_rec(1, 0, 10), b = sys_rec(1, 1, 20);

	for (size_t i = 0; i < RN_NR_ARGS; i++)
		a.args[i] = 0x1111111111111111ULL * (i + 1);
	a.args[0] = 0;
	produce(&rings[0], &a, sizeof(a), 0);
	produce(&rings[0], &b, sizeof(b), 0);
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), 2);
	cr_expect_eq(s.v[0].size, sizeof(a));
	cr_expect_eq(memcmp(s.copy, &a, sizeof(a)), 0,
		     "the wrapped record differs from the one made");
	cr_expect_eq(s.v[1].seq, 1, "the record after it");
	cr_expect_eq(rings[0].cons, 3 * EACH - 40 + 2 * span(sizeof(a)));
	rn_rings__free(rs);
}

Test(unit_rings, a_long_drain_gives_the_producer_its_room_back_before_it_ends)
{
	struct rn_rings *rs = open_rings(1, 0);
	static struct seen s;
	size_t n = 0;

	while (rings[0].prod + span(sizeof(struct rn_sys_rec)) <= EACH) {
		struct rn_sys_rec r = sys_rec(1, n, 10 + n);

		produce(&rings[0], &r, sizeof(r), 0);
		n++;
	}
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), (int)n);
	cr_expect_gt(s.cons_seen_max, 0, "the consumer position moved only after the last record");
	cr_expect_lt(s.cons_seen_max, rings[0].prod, "the position was stored after every record");
	cr_expect_eq(rings[0].cons, rings[0].prod);
	rn_rings__free(rs);
}

Test(unit_rings, fill_and_backlog_count_what_waits)
{
	struct rn_rings *rs = open_rings(2, 0);
	static struct seen s;
	uint64_t used, size;

	for (uint64_t i = 0; i < 3; i++) {
		struct rn_sys_rec r = sys_rec(1, i, 10 + i);

		produce(&rings[1], &r, sizeof(r), 0);
	}
	rn_rings__fill(rs, &used, &size);
	cr_expect_eq(used, 3 * span(sizeof(struct rn_sys_rec)));
	cr_expect_eq(size, 2 * EACH);
	cr_expect_eq(rn_rings__backlog(rs, 3 * span(sizeof(struct rn_sys_rec))), 1);
	cr_expect_eq(rn_rings__backlog(rs, 3 * span(sizeof(struct rn_sys_rec)) + 1), 0);
	cr_expect_eq(rn_rings__empty(rs), 0);
	cr_assert_eq(rn_rings__drain(rs, on_rec, &s), 3);
	rn_rings__fill(rs, &used, &size);
	cr_expect_eq(used, 0);
	cr_expect_eq(rn_rings__backlog(rs, 1), 0);
	cr_expect_eq(rn_rings__empty(rs), 1);
	cr_expect_eq(rn_rings__drain(rs, on_rec, &s), 0, "nothing twice");
	rn_rings__free(rs);
}

Test(unit_rings, memory_rings_need_a_power_of_two_and_free_takes_null)
{
	struct rn_ring_mem mem = {&rings[0].cons, &rings[0].prod, rings[0].data};
	struct rn_rings *rs;

	cr_expect_eq(rn_rings__new_mem(&rs, &mem, 1, 3000), -EINVAL);
	cr_expect_null(rs);
	cr_expect_eq(rn_rings__new_mem(&rs, &mem, 0, EACH), -EINVAL);
	rn_rings__free(NULL);
}
