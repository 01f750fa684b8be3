/* SPDX-License-Identifier: MIT */
/*
 * The views (lib/model/views.c) fed through their sinks: the critical path over enough events,
 * edges and threads to grow every array and map it keeps several times (run under
 * `make sanitize`, a pointer kept across a growth is a use after free); the text view on
 * an event with strings missing; the summary's row for lost events.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "views.h"

#define MAIN_EVENTS  5000 /* nodes start at 1024 and double: grown three times */
#define SIDE_THREADS 300  /* last_of_tid grows from 64 */
#define EDGES	     3000 /* edges start at 256 */

static char *buf;
static size_t len;
static FILE *out;

static void setup(void)
{
	out = open_memstream(&buf, &len);
	cr_assert_not_null(out);
}

static void teardown(void)
{
	if (out)
		fclose(out);
	free(buf);
}

TestSuite(unit_views, .init = setup, .fini = teardown);

static struct rn_tr_event syscall_event(uint64_t id, uint32_t tid, uint64_t enter, uint64_t dur)
{
	static const char *const args[] = {"0"};

	return (struct rn_tr_event){
	    .id = id,
	    .kind = RN_TR_SYSCALL,
	    .pid = tid,
	    .tid = tid,
	    .nr = 39,
	    .name = "getpid",
	    .nargs = 1,
	    .args = args,
	    .result_text = "1",
	    .enter_ns = enter,
	    .duration_ns = dur,
	    .lamport = id,
	};
}

Test(unit_views, critical_path_over_arrays_grown_many_times_follows_the_longest_thread)
{
	struct rn_tr_sink sink;
	struct rn_tr_stats st = {0};
	uint64_t id = 0;

	cr_assert_eq(rn_critpath__new(&sink, out), 0);
	/* one busy thread: back to back 1 us calls, the critical path */
	for (uint64_t i = 0; i < MAIN_EVENTS; i++) {
		struct rn_tr_event e = syscall_event(++id, 100, i * 1000, 1000);

		cr_assert_eq(sink.event(sink.ctx, &e), 0);
	}
	/* many short side threads, each sending to an early event of the busy one */
	for (uint32_t t = 0; t < SIDE_THREADS; t++) {
		struct rn_tr_event e = syscall_event(++id, 1000 + t, 0, 10);

		e.lamport = 1;
		cr_assert_eq(sink.event(sink.ctx, &e), 0);
	}
	for (uint64_t k = 0; k < EDGES; k++) {
		struct rn_tr_edge ed = {RN_EDGE_PIPE, MAIN_EVENTS + 1 + k % SIDE_THREADS,
					2 + k % (MAIN_EVENTS - 1)};

		cr_assert_eq(sink.edge(sink.ctx, &ed), 0);
	}
	cr_assert_eq(sink.finish(sink.ctx, &st), 0);
	sink.close(sink.ctx);
	fflush(out);
	cr_expect(strstr(buf, "critical path: 0.005000 s over 5000 events"), "got:\n%s", buf);
	cr_expect(strstr(buf, "     100      100          1       5000     5000"), "got:\n%s", buf);
}

Test(unit_views, text_view_prints_an_event_with_missing_strings_without_crashing)
{
	struct rn_textview_opts o = {0};
	struct rn_tr_sink sink;
	struct rn_tr_header h = {.format_version = RN_TRACE_VERSION};
	const char *args[] = {NULL, "1"};
	struct rn_tr_event e = syscall_event(1, 7, 0, 5);

	e.name = NULL;
	e.args = args;
	e.nargs = 2;
	e.result_text = NULL;
	cr_assert_eq(rn_textview__new(&sink, out, &o), 0);
	cr_assert_eq(sink.header(sink.ctx, &h), 0);
	cr_assert_eq(sink.event(sink.ctx, &e), 0);
	cr_assert_eq(sink.finish(sink.ctx, NULL), 0);
	sink.close(sink.ctx);
	fflush(out);
	cr_expect(strstr(buf, "?(?, 1)") && strstr(buf, "= ?"), "got:\n%s", buf);
}

Test(unit_views, text_view_stops_its_reader_when_the_output_fails)
{
	struct rn_textview_opts o = {0};
	struct rn_tr_sink sink;
	struct rn_tr_header h = {.format_version = RN_TRACE_VERSION};
	FILE *full = fopen("/dev/full", "we");
	int ret = 0;

	cr_assert_not_null(full);
	cr_assert_eq(rn_textview__new(&sink, full, &o), 0);
	cr_assert_eq(sink.header(sink.ctx, &h), 0);
	/* lines are buffered: enough of them reach the file and fail */
	for (uint64_t i = 1; i <= 100000 && !ret; i++) {
		struct rn_tr_event e = syscall_event(i, 7, i, 1);

		ret = sink.event(sink.ctx, &e);
	}
	cr_expect_lt(ret, 0, "every event accepted though nothing could be written");
	sink.close(sink.ctx);
	fclose(full);
}

Test(unit_views, summary_table_has_a_row_for_lost_events)
{
	struct rn_summary *s = rn_summary__new();

	cr_assert_not_null(s);
	rn_summary__add(s, 0, 2000, false);
	rn_summary__set_lost(s, 1234, 5, 2);
	rn_summary__print(s, out);
	rn_summary__free(s);
	fflush(out);
	cr_expect(strstr(buf, "100.00    0.000002           2         1           total\n"
			      "                                    1234           lost (not in the "
			      "rows above, 5 gaps on 2 threads)\n"),
		  "got:\n%s", buf);
}
