// SPDX-License-Identifier: MIT
/*
 * The comparison (lib/analysis/compare*.c) on synthetic runs: stream bytes whatever the
 * write sizes, the first divergence with its offset and origins, processes that nothing
 * orders interleaving differently, INCONCLUSIVE beating a difference a lossy side shows,
 * exit statuses, --max-slowdown, and the JSON report.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fx_build.h"

/* A run of root pid 10 writing the given pieces to stdout; exit status st. */
static struct rn_effects *run(const char *const *pieces, const uint32_t *pids, int32_t st)
{
	struct fxb b;

	fxb_begin(&b, NULL);
	for (size_t i = 0; pieces[i]; i++) {
		if (pids && pids[i] != 10)
			fxb_call(&b, 10, "fork", pids[i], RAW(0), 0, NULL, 0, 0, NULL);
		fxb_write(&b, pids ? pids[i] : 10, 1, pieces[i]);
	}
	fxb_exit(&b, 10, 1, st);
	fxb_end(&b);
	return b.fx;
}

static void cmp(struct rn_effects *a, struct rn_effects *b, struct rn_cmp_result *r, double slow)
{
	struct rn_cmp_opts o = {.max_slowdown = slow};

	rn_compare(rn_effects__model(a), rn_effects__model(b), &o, r);
	rn_effects__free(a);
	rn_effects__free(b);
}

Test(unit_compare, the_same_bytes_in_other_write_sizes_pass)
{
	struct rn_cmp_result r;

	cmp(run((const char *[]){"hello, ", "world\n", NULL}, NULL, 0),
	    run((const char *[]){"hello, world\n", NULL}, NULL, 0), &r, 0);
	cr_expect_eq(r.cat[RN_FX_STDOUT].v, RN_CMP_PASS);
	cr_expect_eq(rn_cmp__status(&r), 0);
}

Test(unit_compare, one_byte_of_stdout_fails_with_its_offset_and_both_origins)
{
	struct rn_cmp_result r;
	const struct rn_cmp_cat *c;

	cmp(run((const char *[]){"hello, ", "world\n", NULL}, NULL, 0),
	    run((const char *[]){"hello, World\n", NULL}, NULL, 0), &r, 0);
	c = &r.cat[RN_FX_STDOUT];
	cr_assert_eq(c->v, RN_CMP_FAIL);
	cr_expect_eq(c->offset, 7);
	cr_expect_str_eq(c->what, "byte 7 differs");
	cr_expect_str_eq(c->expected, "hello, world\\n");
	cr_expect_str_eq(c->actual, "hello, World\\n");
	cr_expect_eq(c->a.event_id, 2, "the first run's second write, not %llu",
		     (unsigned long long)c->a.event_id);
	cr_expect_eq(c->b.event_id, 1);
	cr_expect_eq(rn_cmp__status(&r), 1);
}

Test(unit_compare, processes_nothing_orders_may_interleave_differently)
{
	struct rn_cmp_result r;
	const uint32_t pa[] = {10, 11, 12}, pb[] = {10, 12, 11};

	cmp(run((const char *[]){"start\n", "child 1\n", "child 2\n", NULL}, pa, 0),
	    run((const char *[]){"start\n", "child 2\n", "child 1\n", NULL}, pb, 0), &r, 0);
	cr_expect_eq(r.cat[RN_FX_STDOUT].v, RN_CMP_PASS, "%s", r.cat[RN_FX_STDOUT].what);
	cr_expect(strstr(r.cat[RN_FX_STDOUT].counts, "interleaved"), "%s",
		  r.cat[RN_FX_STDOUT].counts);
}

Test(unit_compare, a_side_without_the_bytes_is_inconclusive_even_when_they_differ)
{
	struct rn_cmp_result r;
	struct fxb b;

	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "write", 50, RAW(1, 0, 50), 1, "cut", 3, 0, NULL);
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	cmp(run((const char *[]){"something else\n", NULL}, NULL, 0), b.fx, &r, 0);
	cr_expect_eq(r.cat[RN_FX_STDOUT].v, RN_CMP_INCONCLUSIVE);
	cr_expect(strstr(r.cat[RN_FX_STDOUT].why, "second run"), "%s", r.cat[RN_FX_STDOUT].why);
	cr_expect_eq(rn_cmp__status(&r), 2);
}

Test(unit_compare, another_exit_status_fails_the_exit_category)
{
	struct rn_cmp_result r;

	cmp(run((const char *[]){"x", NULL}, NULL, 0), run((const char *[]){"x", NULL}, NULL, 256),
	    &r, 0);
	cr_expect_eq(r.cat[RN_FX_EXIT].v, RN_CMP_FAIL);
	cr_expect(strstr(r.cat[RN_FX_EXIT].what, "exited with 0 in the first run, exited with 1"),
		  "%s", r.cat[RN_FX_EXIT].what);
	cr_expect_eq(r.cat[RN_FX_STDOUT].v, RN_CMP_PASS);
}

Test(unit_compare, files_differ_by_existence_mode_or_content)
{
	struct rn_cmp_result r;
	struct fxb a, b;
	const uint64_t flags = O_WRONLY | O_CREAT | O_TRUNC;

	fxb_begin(&a, NULL);
	fxb_begin(&b, NULL);
	fxb_call(&a, 10, "open", 3, RAW(0, flags, 0644), 0, "/d/x", -1, 0, NULL);
	fxb_call(&b, 10, "open", 3, RAW(0, flags, 0644), 0, "/d/x", -1, 0, NULL);
	fxb_write(&a, 10, 3, "first\nsecond\n");
	fxb_write(&b, 10, 3, "second\n");
	fxb_call(&b, 10, "pwrite64", 6, RAW(3, 0, 6, 7), 1, "first\n", -1, 0, NULL);
	fxb_exit(&a, 10, 1, 0);
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&a);
	fxb_end(&b);
	cmp(a.fx, b.fx, &r, 0);
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_FAIL);
	cr_expect_str_eq(r.cat[RN_FX_FILES].what, "/d/x: byte 0 differs");
	cr_expect_eq(r.cat[RN_FX_FILES].offset, 0);
}

Test(unit_compare, max_slowdown_makes_performance_part_of_the_verdict)
{
	struct rn_cmp_result r;
	struct fxb a, b;
	struct rn_tr_stats fast = {.wall_ns = 1000000}, slow = {.wall_ns = 3000000};

	fxb_begin(&a, NULL);
	fxb_begin(&b, NULL);
	fxb_write(&a, 10, 1, "x");
	fxb_write(&b, 10, 1, "x");
	fxb_exit(&a, 10, 1, 0);
	fxb_exit(&b, 10, 1, 0);
	cr_assert_eq(a.s.finish(a.s.ctx, &fast), 0);
	cr_assert_eq(b.s.finish(b.s.ctx, &slow), 0);
	rn_compare(rn_effects__model(a.fx), rn_effects__model(b.fx), NULL, &r);
	cr_expect_eq(rn_cmp__status(&r), 0, "without --max-slowdown speed is no verdict");
	cr_expect(r.speedup > 0.33 && r.speedup < 0.34, "speedup %f", r.speedup);
	rn_compare(rn_effects__model(a.fx), rn_effects__model(b.fx),
		   &(struct rn_cmp_opts){.max_slowdown = 2}, &r);
	cr_expect(r.too_slow);
	cr_expect_eq(rn_cmp__status(&r), 1);
	rn_effects__free(a.fx);
	rn_effects__free(b.fx);
}

Test(unit_compare, the_json_report_holds_the_verdicts_and_the_divergence)
{
	struct rn_cmp_result r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_error_t jerr;
	json_t *doc, *c;

	cmp(run((const char *[]){"a\n", NULL}, NULL, 0),
	    run((const char *[]){"b\n", NULL}, NULL, 0), &r, 0);
	cr_assert_not_null(f);
	cr_assert_eq(rn_cmp_report__json(&r, "A", "B", f), 0);
	fclose(f);
	doc = json_loads(buf, 0, &jerr);
	cr_assert_not_null(doc, "%s: %s", jerr.text, buf);
	cr_expect_str_eq(json_string_value(json_object_get(doc, "verdict")), "FAIL");
	c = json_array_get(json_object_get(doc, "categories"), RN_FX_STDOUT);
	cr_expect_str_eq(json_string_value(json_object_get(c, "verdict")), "FAIL");
	cr_expect_eq(
	    json_integer_value(json_object_get(json_object_get(c, "divergence"), "offset")), 0);
	json_decref(doc);
	free(buf);
}
