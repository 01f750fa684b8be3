// SPDX-License-Identifier: MIT
/*
 * Happens-before between the writers of a stream (lib/analysis/effects_order.c) and its use
 * by the comparison: what a pipe, a signal or a grandchild's fork and wait orders must come
 * in that order, what nothing orders may interleave either way.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "fx_build.h"

static enum rn_cmp_verdict stdout_verdict(struct rn_effects *a, struct rn_effects *b, char *what,
					  size_t len)
{
	struct rn_cmp_result r;

	rn_compare(rn_effects__model(a), rn_effects__model(b), NULL, &r);
	snprintf(what, len, "%s", r.cat[RN_FX_STDOUT].what);
	rn_effects__free(a);
	rn_effects__free(b);
	return r.cat[RN_FX_STDOUT].v;
}

/* Root 10 starts 11 and 12; 11 writes "one\n", 12 writes "two\n". first_one: 11 writes
 * first; through: the first writer tells the other through a pipe (or a signal) before it
 * reads on. */
static struct rn_effects *relay(bool first_one, enum rn_tr_edge_kind through)
{
	struct fxb b;
	uint64_t f1, f2, send, recv;
	uint32_t first = first_one ? 11 : 12, second = first_one ? 12 : 11;

	fxb_begin(&b, NULL);
	f1 = fxb_call(&b, 10, "clone", 11, RAW(0), 0, NULL, 0, 0, NULL);
	f2 = fxb_call(&b, 10, "clone", 12, RAW(0), 0, NULL, 0, 0, NULL);
	fxb_edge(&b, RN_EDGE_FORK, f1, fxb_call(&b, 11, "getpid", 11, RAW(0), 0, NULL, 0, 0, NULL));
	fxb_edge(&b, RN_EDGE_FORK, f2, fxb_call(&b, 12, "getpid", 12, RAW(0), 0, NULL, 0, 0, NULL));
	fxb_write(&b, first, 1, first == 11 ? "one\n" : "two\n");
	if (through == RN_EDGE_PIPE) {
		send = fxb_call(&b, first, "write", 1, RAW(5, 0, 1), 1, "x", -1, 0, NULL);
		recv = fxb_call(&b, second, "read", 1, RAW(4, 0, 1), 1, "x", -1, 0, NULL);
	} else {
		send = fxb_call(&b, first, "kill", 0, RAW(second, 10), 0, NULL, 0, 0, NULL);
		recv = fxb_mark(&b, second, RN_TR_SIGNAL);
	}
	fxb_edge(&b, through, send, recv);
	fxb_write(&b, second, 1, second == 11 ? "one\n" : "two\n");
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_order, writers_a_pipe_orders_must_keep_that_order)
{
	char what[512];

	cr_expect_eq(stdout_verdict(relay(true, RN_EDGE_PIPE), relay(true, RN_EDGE_PIPE), what,
				    sizeof(what)),
		     RN_CMP_PASS, "%s", what);
	cr_expect_eq(stdout_verdict(relay(true, RN_EDGE_PIPE), relay(false, RN_EDGE_PIPE), what,
				    sizeof(what)),
		     RN_CMP_FAIL);
	cr_expect(strstr(what, "happens-before"), "%s", what);
}

Test(unit_effects_order, writers_a_signal_orders_must_keep_that_order)
{
	char what[512];

	cr_expect_eq(stdout_verdict(relay(true, RN_EDGE_SIGNAL), relay(false, RN_EDGE_SIGNAL), what,
				    sizeof(what)),
		     RN_CMP_FAIL, "%s", what);
}

/* Root 10 starts 11, which starts 12 and 13 (in that order, or 13 first); they write a line
 * each, 11 reaps them and writes "mid\n" (before reaping them when early), 10 reaps 11. */
static struct rn_effects *tree(bool swap, bool early)
{
	struct fxb b;
	uint64_t f, g1, g2, x1, x2, w;
	uint32_t c1 = swap ? 13 : 12, c2 = swap ? 12 : 13;

	fxb_begin(&b, NULL);
	f = fxb_call(&b, 10, "clone", 11, RAW(0), 0, NULL, 0, 0, NULL);
	fxb_edge(&b, RN_EDGE_FORK, f, fxb_call(&b, 11, "getpid", 11, RAW(0), 0, NULL, 0, 0, NULL));
	g1 = fxb_call(&b, 11, "clone", c1, RAW(0), 0, NULL, 0, 0, NULL);
	g2 = fxb_call(&b, 11, "clone", c2, RAW(0), 0, NULL, 0, 0, NULL);
	if (early)
		fxb_write(&b, 11, 1, "mid\n");
	fxb_edge(&b, RN_EDGE_FORK, g2, fxb_call(&b, c2, "getpid", 0, RAW(0), 0, NULL, 0, 0, NULL));
	fxb_write(&b, c2, 1, c2 == 12 ? "g12\n" : "g13\n");
	x2 = fxb_mark(&b, c2, RN_TR_EXIT);
	fxb_edge(&b, RN_EDGE_FORK, g1, fxb_call(&b, c1, "getpid", 0, RAW(0), 0, NULL, 0, 0, NULL));
	fxb_write(&b, c1, 1, c1 == 12 ? "g12\n" : "g13\n");
	x1 = fxb_mark(&b, c1, RN_TR_EXIT);
	fxb_edge(&b, RN_EDGE_WAIT, x2, fxb_call(&b, 11, "wait4", c2, RAW(0), 0, NULL, 0, 0, NULL));
	fxb_edge(&b, RN_EDGE_WAIT, x1, fxb_call(&b, 11, "wait4", c1, RAW(0), 0, NULL, 0, 0, NULL));
	if (!early)
		fxb_write(&b, 11, 1, "mid\n");
	w = fxb_mark(&b, 11, RN_TR_EXIT);
	fxb_edge(&b, RN_EDGE_WAIT, w, fxb_call(&b, 10, "wait4", 11, RAW(0), 0, NULL, 0, 0, NULL));
	fxb_write(&b, 10, 1, "all done\n");
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_order, grandchildren_nothing_orders_may_come_in_either_order)
{
	char what[512];

	cr_expect_eq(stdout_verdict(tree(false, false), tree(true, false), what, sizeof(what)),
		     RN_CMP_PASS, "%s", what);
}

Test(unit_effects_order, a_grandchild_s_parent_writing_before_its_wait_fails)
{
	char what[512];

	cr_expect_eq(stdout_verdict(tree(false, false), tree(false, true), what, sizeof(what)),
		     RN_CMP_FAIL, "%s", what);
	cr_expect(strstr(what, "happens-before"), "%s", what);
}

/* Writers of a stream beyond what the order pass keeps (64): an interleaving that differs
 * decides nothing. */
static struct rn_effects *many(bool reversed)
{
	struct fxb b;

	fxb_begin(&b, NULL);
	for (uint32_t i = 0; i < 70; i++) {
		uint32_t pid = 100 + (reversed ? 69 - i : i);
		char line[16];

		snprintf(line, sizeof(line), "w%u\n", pid);
		fxb_call(&b, 10, "clone", pid, RAW(0), 0, NULL, 0, 0, NULL);
		fxb_write(&b, pid, 1, line);
	}
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_order, an_interleaving_too_large_to_order_is_inconclusive_not_a_pass)
{
	char what[512];

	cr_expect_eq(stdout_verdict(many(false), many(true), what, sizeof(what)),
		     RN_CMP_INCONCLUSIVE, "%s", what);
	cr_expect_eq(stdout_verdict(many(false), many(false), what, sizeof(what)), RN_CMP_PASS,
		     "%s", what);
}
