// SPDX-License-Identifier: MIT
/*
 * A ring buffer far too small for a syscall storm: renacerctl must survive, pass the
 * status through, say how many events it lost, and still write only whole lines.
 */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"

#define STORM_LOOPS  200000
#define STORM_STATUS 3

TestSuite(integ_overflow, .init = integ_setup, .fini = integ_teardown, .timeout = 300);

struct lost_line {
	unsigned long long lost, seen, emitted, dropped, truncated, faulted;
};

/* "renacerctl: lost N events (...); kernel counters: seen=A ..." (the parenthesis may vary). */
static bool parse_lost_line(const char *err, struct lost_line *ll)
{
	const char *p = strstr(err, "renacerctl: lost ");
	const char *k = p ? strstr(p, "kernel counters: ") : NULL;
	const char *nl = p ? strchr(p, '\n') : NULL;

	if (!p || !k || (nl && k > nl))
		return false;
	return sscanf(p, "renacerctl: lost %llu events", &ll->lost) == 1 &&
	       sscanf(k,
		      "kernel counters: seen=%llu emitted=%llu dropped=%llu truncated=%llu "
		      "faulted=%llu",
		      &ll->seen, &ll->emitted, &ll->dropped, &ll->truncated, &ll->faulted) == 5;
}

Test(integ_overflow, tiny_ring_buffer_loses_events_loudly_and_output_stays_wellformed)
{
	char *fx = integ_fixture("storm");
	char loops[16], status[16];
	const char *cmd[] = {fx, loops, status, NULL};
	const char *opts[] = {"--buffer-size", "4096", NULL};
	struct integ_traced tr;
	struct lost_line ll;
	size_t malformed = 0, storm_calls;

	if (integ_use_strace())
		cr_skip_test("--buffer-size is renacerctl's own option");
	snprintf(loops, sizeof(loops), "%d", STORM_LOOPS);
	snprintf(status, sizeof(status), "%d", STORM_STATUS);
	integ_traced__run(&tr, integ_dir, opts, cmd, false);
	cr_assert_eq(tr.run.status, STORM_STATUS, "status %d (storm exits %d); stderr:\n%s",
		     tr.run.status, STORM_STATUS, tr.run.err);
	cr_assert(parse_lost_line(tr.run.err, &ll),
		  "no well-formed `renacerctl: lost N events ...` line on stderr:\n%s", tr.run.err);
	cr_expect_gt(ll.lost, 0);
	cr_expect_eq(ll.lost, ll.dropped, "lost %llu != dropped counter %llu", ll.lost, ll.dropped);
	cr_expect_leq(ll.emitted, ll.seen, "emitted %llu > seen %llu", ll.emitted, ll.seen);
	cr_expect_leq(ll.dropped, ll.seen, "dropped %llu > seen %llu", ll.dropped, ll.seen);
	for (size_t i = 0; i < tr.t.n; i++) {
		if (integ_text__wellformed(tr.t.v[i].text))
			continue;
		if (malformed++ < 10)
			cr_expect_fail("malformed line %zu: %s", i, tr.t.v[i].text);
	}
	cr_expect_eq(malformed, 0, "%zu malformed lines", malformed);
	/* Nothing vanishes silently: every storm call is either printed or counted as lost. */
	storm_calls =
	    integ_trace__count(&tr.t, 0, "getppid") + integ_trace__count(&tr.t, 0, "write");
	cr_expect_geq(storm_calls + ll.dropped, 2ull * STORM_LOOPS,
		      "printed %zu storm calls + %llu dropped < %d made", storm_calls, ll.dropped,
		      2 * STORM_LOOPS);
	cr_expect_lt(storm_calls, 2ull * STORM_LOOPS, "no call lost with a 4 KiB buffer?");
	integ_traced__free(&tr);
	free(fx);
}
