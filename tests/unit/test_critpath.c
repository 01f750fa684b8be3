/* SPDX-License-Identifier: MIT */
/*
 * The critical path computation (lib/model/critpath.c) through its own API: a trace without
 * any causal edge (under `make sanitize` the edge sort once got a NULL array: undefined
 * behaviour UBSan stops on), a path that crosses threads by an edge, each step's share
 * adding up to the total, and the pid of an event.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>

#include "critpath.h"

static struct rn_tr_event ev(uint64_t id, uint32_t tid, uint64_t enter, uint64_t dur,
			     uint64_t lamport)
{
	return (struct rn_tr_event){
	    .id = id,
	    .kind = RN_TR_SYSCALL,
	    .pid = tid,
	    .tid = tid,
	    .nr = 0,
	    .name = "read",
	    .result_text = "0",
	    .enter_ns = enter,
	    .duration_ns = dur,
	    .lamport = lamport,
	};
}

Test(unit_critpath, a_trace_without_edges_follows_the_busiest_thread)
{
	struct rn_cpgraph *g = rn_cpgraph__new();
	struct rn_cp_step *path;
	size_t len;
	uint64_t total;

	cr_assert_not_null(g);
	for (uint64_t i = 0; i < 4; i++) {
		struct rn_tr_event a = ev(2 * i + 1, 10, i * 1000, 900, i + 1);
		struct rn_tr_event b = ev(2 * i + 2, 20, i * 1000, 100, i + 1);

		cr_assert_eq(rn_cpgraph__event(g, &a), 0);
		cr_assert_eq(rn_cpgraph__event(g, &b), 0);
	}
	cr_assert_eq(rn_cpgraph__path(g, &path, &len, &total), 0);
	cr_assert_eq(len, 4);
	cr_assert_eq(total, 3900);
	for (size_t i = 0; i < len; i++)
		cr_assert_eq(path[i].tid, 10);
	free(path);
	rn_cpgraph__free(g);
}

Test(unit_critpath, an_edge_carries_the_path_across_threads_and_the_shares_add_up)
{
	struct rn_cpgraph *g = rn_cpgraph__new();
	struct rn_tr_event w = ev(1, 20, 0, 5000, 1), r = ev(2, 10, 100, 5100, 2),
			   after = ev(3, 10, 5300, 200, 3);
	struct rn_tr_edge pipe = {RN_EDGE_PIPE, 1, 2};
	struct rn_cp_step *path;
	uint64_t total, sum = 0;
	uint32_t pid;
	size_t len;

	cr_assert_eq(rn_cpgraph__event(g, &w), 0);
	cr_assert_eq(rn_cpgraph__event(g, &r), 0);
	cr_assert_eq(rn_cpgraph__event(g, &after), 0);
	cr_assert_eq(rn_cpgraph__edge(g, &pipe), 0);
	cr_assert_eq(rn_cpgraph__path(g, &path, &len, &total), 0);
	cr_assert_eq(len, 3);
	cr_assert_eq(path[0].id, 1);
	cr_assert(path[1].via_edge);
	for (size_t i = 0; i < len; i++)
		sum += path[i].add_ns;
	cr_assert_eq(sum, total);
	cr_assert_eq(total, 5500);
	cr_assert_eq(rn_cpgraph__pid(g, 1, &pid), 0);
	cr_assert_eq(pid, 20);
	cr_assert_eq(rn_cpgraph__pid(g, 99, &pid), -ENOENT);
	free(path);
	rn_cpgraph__free(g);
}

Test(unit_critpath, an_empty_trace_has_no_path)
{
	struct rn_cpgraph *g = rn_cpgraph__new();
	struct rn_cp_step *path = (void *)1;
	size_t len = 1;
	uint64_t total = 1;

	cr_assert_eq(rn_cpgraph__path(g, &path, &len, &total), 0);
	cr_assert_null(path);
	cr_assert_eq(len, 0);
	cr_assert_eq(total, 0);
	rn_cpgraph__free(g);
}

/*
 * Ids out of order (a producer other than the file readers and the recorder) switch the
 * graph from its binary search to an id index: every event is still found, the path is the
 * same, and its stretches (one per run on a thread) cover the same calls as its steps.
 */
#define ID(k, id) ((k) ? 100 - (id) : (id))

Test(unit_critpath, ids_out_of_order_find_the_same_path_and_stretches_group_its_steps)
{
	struct rn_cpgraph *g[2] = {rn_cpgraph__new(), rn_cpgraph__new()};
	struct rn_tr_event e[6] = {ev(10, 20, 0, 5000, 1),   ev(20, 10, 100, 5100, 2),
				   ev(30, 10, 5300, 200, 3), ev(40, 20, 5400, 100, 4),
				   ev(50, 10, 5600, 100, 4), ev(60, 20, 5800, 900, 5)};
	struct rn_tr_edge edges[] = {{RN_EDGE_PIPE, 10, 20}, {RN_EDGE_PIPE, 50, 60}};
	struct rn_cp_step *path[2];
	struct rn_cp_stretch *st;
	size_t len[2], nst, calls = 0;
	uint64_t total[2], stotal;
	uint32_t pid;

	for (int k = 0; k < 2; k++) {
		cr_assert_not_null(g[k]);
		/* the same events in the same order; the second graph's ids go down */
		for (int i = 0; i < 6; i++) {
			struct rn_tr_event x = e[i];

			x.id = ID(k, x.id);
			cr_assert_eq(rn_cpgraph__event(g[k], &x), 0);
		}
		for (int i = 0; i < 2; i++) {
			struct rn_tr_edge x = {edges[i].kind, ID(k, edges[i].from),
					       ID(k, edges[i].to)};

			cr_assert_eq(rn_cpgraph__edge(g[k], &x), 0);
		}
		for (int i = 0; i < 6; i++) {
			cr_assert_eq(rn_cpgraph__pid(g[k], ID(k, e[i].id), &pid), 0);
			cr_assert_eq(pid, e[i].pid);
		}
		cr_assert_eq(rn_cpgraph__pid(g[k], 35, &pid), -ENOENT);
		cr_assert_eq(rn_cpgraph__path(g[k], &path[k], &len[k], &total[k]), 0);
	}
	cr_assert_eq(len[0], len[1]);
	cr_assert_eq(total[0], total[1]);
	for (size_t i = 0; i < len[0]; i++)
		cr_assert_eq(ID(1, path[0][i].id), path[1][i].id);
	cr_assert_eq(rn_cpgraph__stretches(g[1], &st, &nst, &stotal), 0);
	cr_assert_eq(stotal, total[1]);
	for (size_t i = 0, j = 0; i < nst; i++) {
		cr_assert_eq(st[i].first_id, path[1][j].id, "stretch %zu", i);
		cr_assert_eq(st[i].tid, path[1][j].tid);
		cr_assert_eq(st[i].start, path[1][j].start);
		j += st[i].calls;
		cr_assert_eq(st[i].last_id, path[1][j - 1].id, "stretch %zu", i);
		cr_assert_eq(st[i].end, path[1][j - 1].end);
		cr_assert(j == len[1] || path[1][j].tid != st[i].tid || path[1][j].via_edge);
		calls += st[i].calls;
	}
	cr_assert_eq(calls, len[1]);
	cr_assert_gt(nst, 1);
	free(st);
	for (int k = 0; k < 2; k++) {
		free(path[k]);
		rn_cpgraph__free(g[k]);
	}
}
