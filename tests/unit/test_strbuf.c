// SPDX-License-Identifier: MIT
/* lib/util/strbuf.c: the appenders, the growth, and numbers at their limits. */
#include <criterion/criterion.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "strbuf.h"

/* A reserve whose size arithmetic wraps could loop forever: fail instead of hanging. */
TestSuite(unit_strbuf, .timeout = 10);

/* The buffer's invariant after every call: len bytes of text, then a NUL, within cap. */
static void expect_text(const struct rn_strbuf *sb, const char *want)
{
	cr_assert(sb->buf, "no buffer");
	cr_expect_eq(sb->len, strlen(want), "len %zu, want %zu", sb->len, strlen(want));
	cr_expect_lt(sb->len, sb->cap, "len %zu does not leave room for the NUL in cap %zu",
		     sb->len, sb->cap);
	cr_expect_eq(sb->buf[sb->len], '\0', "no NUL after the text");
	cr_expect_str_eq(sb->buf, want);
}

Test(unit_strbuf, append_puts_and_putc_add_text_after_what_is_there)
{
	struct rn_strbuf sb = {0};

	rn_strbuf__puts(&sb, "open");
	rn_strbuf__putc(&sb, '(');
	rn_strbuf__append(&sb, "\"/etc\"xyz", 6);
	rn_strbuf__append(&sb, NULL, 0);
	rn_strbuf__puts(&sb, "");
	rn_strbuf__putc(&sb, ')');
	expect_text(&sb, "open(\"/etc\")");
	rn_strbuf__free(&sb);
}

Test(unit_strbuf, empty_append_onto_a_new_buffer_still_gives_an_empty_string)
{
	struct rn_strbuf sb = {0};

	rn_strbuf__append(&sb, NULL, 0);
	expect_text(&sb, "");
	rn_strbuf__free(&sb);
}

Test(unit_strbuf, text_survives_growth_one_byte_at_a_time)
{
	struct rn_strbuf sb = {0};
	char want[10001];
	size_t caps = 0, last_cap = 0;

	for (size_t i = 0; i < sizeof(want) - 1; i++) {
		want[i] = (char)('a' + i % 26);
		rn_strbuf__putc(&sb, want[i]);
		if (sb.cap != last_cap) {
			caps++;
			/* capacity doubles: a growth step per doubling, not per byte */
			cr_assert(!last_cap || sb.cap == 2 * last_cap, "cap %zu after %zu", sb.cap,
				  last_cap);
			last_cap = sb.cap;
		}
	}
	want[sizeof(want) - 1] = '\0';
	expect_text(&sb, want);
	cr_expect_leq(caps, 7, "%zu reallocations for 10000 bytes", caps);
	rn_strbuf__free(&sb);
}

Test(unit_strbuf, reserve_makes_room_and_keeps_the_text)
{
	struct rn_strbuf sb = {0};

	rn_strbuf__puts(&sb, "keep");
	cr_assert_eq(rn_strbuf__reserve(&sb, 5000), 0);
	cr_expect_geq(sb.cap, sb.len + 5000 + 1);
	expect_text(&sb, "keep");
	/* room that is already there costs nothing */
	{
		char *before = sb.buf;
		size_t cap = sb.cap;

		cr_assert_eq(rn_strbuf__reserve(&sb, 10), 0);
		cr_expect_eq(sb.buf, before);
		cr_expect_eq(sb.cap, cap);
	}
	rn_strbuf__free(&sb);
}

Test(unit_strbuf, a_reserve_too_large_for_memory_fails_and_leaves_the_buffer_alone)
{
	struct rn_strbuf sb = {0};
	size_t sizes[] = {SIZE_MAX, SIZE_MAX - 1, SIZE_MAX - 4, SIZE_MAX / 2 + 1};

	rn_strbuf__puts(&sb, "keep");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *before = sb.buf;
		size_t cap = sb.cap;

		cr_expect_eq(rn_strbuf__reserve(&sb, sizes[i]), -ENOMEM, "reserve(%zu)", sizes[i]);
		cr_expect_eq(sb.buf, before);
		cr_expect_eq(sb.cap, cap);
		expect_text(&sb, "keep");
	}
	rn_strbuf__free(&sb);
}

Test(unit_strbuf, printf_appends_and_returns_the_length)
{
	struct rn_strbuf sb = {0};

	cr_expect_eq(rn_strbuf__printf(&sb, "%s=%d", "fd", 3), 4);
	cr_expect_eq(rn_strbuf__printf(&sb, ", %s", "x"), 3);
	cr_expect_eq(rn_strbuf__printf(&sb, "%s", ""), 0);
	expect_text(&sb, "fd=3, x");
	rn_strbuf__free(&sb);
}

Test(unit_strbuf, printf_at_and_past_the_capacity_boundary_keeps_every_byte)
{
	struct rn_strbuf sb = {0};
	char fill[1024], want[4096];

	/* the first printf allocates; then text exactly filling cap - 1, then one byte more */
	cr_assert_eq(rn_strbuf__printf(&sb, "%s", "a"), 1);
	memset(fill, 'b', sizeof(fill));
	fill[sb.cap - sb.len - 1] = '\0';
	cr_assert_eq(rn_strbuf__printf(&sb, "%s", fill), (int)strlen(fill));
	cr_expect_eq(sb.len, sb.cap - 1, "len %zu, cap %zu", sb.len, sb.cap);
	cr_assert_eq(rn_strbuf__printf(&sb, "%c", 'c'), 1);
	snprintf(want, sizeof(want), "a%sc", fill);
	expect_text(&sb, want);
	/* a long one at once, larger than a doubling */
	memset(fill, 'd', sizeof(fill));
	fill[sizeof(fill) - 1] = '\0';
	cr_assert_eq(rn_strbuf__printf(&sb, "[%s]", fill), (int)sizeof(fill) + 1);
	snprintf(want + strlen(want), sizeof(want) - strlen(want), "[%s]", fill);
	expect_text(&sb, want);
	rn_strbuf__free(&sb);
}

Test(unit_strbuf, unsigned_numbers_at_their_limits)
{
	static const struct {
		uint64_t v;
		const char *dec, *hex, *oct;
	} cases[] = {
	    {0, "0", "0x0", "0"},
	    {1, "1", "0x1", "01"},
	    {7, "7", "0x7", "07"},
	    {8, "8", "0x8", "010"},
	    {9, "9", "0x9", "011"},
	    {10, "10", "0xa", "012"},
	    {15, "15", "0xf", "017"},
	    {16, "16", "0x10", "020"},
	    {0644, "420", "0x1a4", "0644"},
	    {UINT32_MAX, "4294967295", "0xffffffff", "037777777777"},
	    {(uint64_t)UINT32_MAX + 1, "4294967296", "0x100000000", "040000000000"},
	    {INT64_MAX, "9223372036854775807", "0x7fffffffffffffff", "0777777777777777777777"},
	    {UINT64_MAX, "18446744073709551615", "0xffffffffffffffff", "01777777777777777777777"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rn_strbuf sb = {0};

		rn_strbuf__append_u64(&sb, cases[i].v);
		cr_expect_str_eq(sb.buf, cases[i].dec, "u64 %" PRIu64, cases[i].v);
		rn_strbuf__reset(&sb);
		rn_strbuf__append_hex(&sb, cases[i].v);
		cr_expect_str_eq(sb.buf, cases[i].hex, "hex %" PRIu64, cases[i].v);
		rn_strbuf__reset(&sb);
		rn_strbuf__append_oct(&sb, cases[i].v);
		cr_expect_str_eq(sb.buf, cases[i].oct, "oct %" PRIu64, cases[i].v);
		expect_text(&sb, cases[i].oct);
		rn_strbuf__free(&sb);
	}
}

Test(unit_strbuf, signed_numbers_at_their_limits)
{
	static const struct {
		int64_t v;
		const char *dec;
	} cases[] = {
	    {0, "0"},
	    {-1, "-1"},
	    {1, "1"},
	    {-9, "-9"},
	    {-10, "-10"},
	    {INT32_MIN, "-2147483648"},
	    {INT32_MAX, "2147483647"},
	    {INT64_MAX, "9223372036854775807"},
	    {INT64_MIN + 1, "-9223372036854775807"},
	    {INT64_MIN, "-9223372036854775808"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rn_strbuf sb = {0};

		rn_strbuf__append_s64(&sb, cases[i].v);
		cr_expect_str_eq(sb.buf, cases[i].dec, "s64 %" PRId64, cases[i].v);
		expect_text(&sb, cases[i].dec);
		rn_strbuf__free(&sb);
	}
}

Test(unit_strbuf, numbers_append_after_text)
{
	struct rn_strbuf sb = {0};

	rn_strbuf__puts(&sb, "read(");
	rn_strbuf__append_s64(&sb, -1);
	rn_strbuf__puts(&sb, ", ");
	rn_strbuf__append_hex(&sb, 0x7ffc1000);
	rn_strbuf__puts(&sb, ", ");
	rn_strbuf__append_oct(&sb, 0755);
	rn_strbuf__puts(&sb, ", ");
	rn_strbuf__append_u64(&sb, 4096);
	rn_strbuf__putc(&sb, ')');
	expect_text(&sb, "read(-1, 0x7ffc1000, 0755, 4096)");
	rn_strbuf__free(&sb);
}

Test(unit_strbuf, reset_empties_and_keeps_the_memory_and_free_takes_null)
{
	struct rn_strbuf sb = {0};
	char *buf;
	size_t cap;

	rn_strbuf__reset(&sb); /* never allocated */
	cr_expect_null(sb.buf);
	rn_strbuf__puts(&sb, "something");
	buf = sb.buf;
	cap = sb.cap;
	rn_strbuf__reset(&sb);
	expect_text(&sb, "");
	cr_expect_eq(sb.buf, buf);
	cr_expect_eq(sb.cap, cap);
	rn_strbuf__puts(&sb, "again");
	expect_text(&sb, "again");
	rn_strbuf__free(&sb);
	cr_expect_null(sb.buf);
	cr_expect_eq(sb.len, 0);
	cr_expect_eq(sb.cap, 0);
	rn_strbuf__free(&sb);
	rn_strbuf__free(NULL);
}
