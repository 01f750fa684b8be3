// SPDX-License-Identifier: MIT
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tracectx.h"

#define GOOD "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

static bool lower_hex(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return false;
	return strspn(s, "0") < n;
}

Test(unit_tracectx, a_traceparent_gives_its_trace_id_and_parent_span)
{
	char trace[33], span[17], err[256] = "";

	cr_assert_eq(rn_traceparent__parse(GOOD, trace, span, err, sizeof(err)), 0, "%s", err);
	cr_assert_str_eq(trace, "4bf92f3577b34da6a3ce929d0e0e4736");
	cr_assert_str_eq(span, "00f067aa0ba902b7");
}

/* Each malformed value is refused with the value and what is wrong with it. */
Test(unit_tracectx, a_malformed_traceparent_is_refused_with_what_is_wrong)
{
	static const struct {
		const char *value, *why;
	} bad[] = {
	    {"", "too short"},
	    {"00-4bf92f3577b34da6a3ce929d0e0e4736", "too short"},
	    {"00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "not of the form"},
	    {"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "version ff is invalid"},
	    {GOOD "-x", "exactly 55 characters"},
	    {"00-00000000000000000000000000000000-00f067aa0ba902b7-01", "the trace id must be"},
	    {"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "the trace id must be"},
	    {"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "the parent id must be"},
	    {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x", "the flags must be"},
	};
	char trace[33] = "untouched", span[17] = "untouched", err[256];
	char want[160];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		cr_assert_eq(rn_traceparent__parse(bad[i].value, trace, span, err, sizeof(err)),
			     -EINVAL, "'%s' was accepted", bad[i].value);
		snprintf(want, sizeof(want), "invalid traceparent '%s': ", bad[i].value);
		cr_assert(!strncmp(err, want, strlen(want)), "'%s': message '%s'", bad[i].value,
			  err);
		cr_assert(strstr(err, bad[i].why), "'%s': message '%s' lacks '%s'", bad[i].value,
			  err, bad[i].why);
		cr_assert_str_eq(trace, "untouched");
		cr_assert_str_eq(span, "untouched");
	}
}

Test(unit_tracectx, a_new_trace_has_random_ids_and_no_parent)
{
	struct rn_tracectx a, b;
	char err[256] = "";

	cr_assert_eq(rn_tracectx__init(&a, NULL, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(rn_tracectx__init(&b, "", err, sizeof(err)), 0, "%s", err);
	cr_assert(lower_hex(a.trace_id, 32), "trace id '%s'", a.trace_id);
	cr_assert(lower_hex(a.next_root_span, 16), "span '%s'", a.next_root_span);
	cr_assert_str_eq(a.parent_span, "");
	cr_assert_str_neq(a.trace_id, b.trace_id);
}

Test(unit_tracectx, joining_a_traceparent_keeps_its_trace_and_parent)
{
	struct rn_tracectx tc;
	char err[256] = "";

	cr_assert_eq(rn_tracectx__init(&tc, GOOD, err, sizeof(err)), 0, "%s", err);
	cr_assert_str_eq(tc.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
	cr_assert_str_eq(tc.parent_span, "00f067aa0ba902b7");
	cr_assert_eq(rn_tracectx__init(&tc, "00-zz", err, sizeof(err)), -EINVAL);
	cr_assert_str_eq(err, "invalid traceparent '00-zz': too short: expected "
			      "00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>");
}

/* The child's TRACEPARENT names the span its root process then gets. */
Test(unit_tracectx, a_root_process_gets_the_span_its_traceparent_announced)
{
	struct rn_tracectx tc;
	char err[256] = "", tp[56], trace[33], announced[17], span[17], second[17];

	cr_assert_eq(rn_tracectx__init(&tc, GOOD, err, sizeof(err)), 0, "%s", err);
	rn_tracectx__child_traceparent(&tc, tp);
	cr_assert_eq(strlen(tp), RN_TRACEPARENT_LEN);
	cr_assert_eq(rn_traceparent__parse(tp, trace, announced, err, sizeof(err)), 0, "%s", err);
	cr_assert_str_eq(trace, tc.trace_id);
	cr_assert_str_eq(tp + 52, "-01");
	rn_tracectx__take_root_span(&tc, span);
	cr_assert_str_eq(span, announced);
	/* the next root gets another span */
	rn_tracectx__take_root_span(&tc, second);
	cr_assert(lower_hex(second, 16), "span '%s'", second);
	cr_assert_str_neq(second, span);
}

Test(unit_tracectx, span_ids_are_16_lowercase_hex_digits_never_all_zero)
{
	char span[17], prev[17] = "";

	for (int i = 0; i < 1000; i++) {
		rn_span_id__new(span);
		cr_assert(lower_hex(span, 16), "span '%s'", span);
		cr_assert_str_neq(span, prev);
		memcpy(prev, span, sizeof(span));
	}
}
