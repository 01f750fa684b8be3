// SPDX-License-Identifier: MIT
/* The shared JSON appenders: escapes, U+FFFD for bytes that are not UTF-8, base64, integers. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "json_out.h"
#include "strbuf.h"

static struct rn_strbuf sb;

static void fini(void)
{
	rn_strbuf__free(&sb);
}

TestSuite(unit_json_out, .fini = fini);

Test(unit_json_out, text_escapes_controls_and_replaces_bytes_that_are_not_utf8)
{
	static const char in[] = "a\"b\\c\n\t\x01\x7f\xc3\xa9\xff\xc3z";

	rn_json__text(&sb, in, sizeof(in) - 1);
	cr_assert_str_eq(sb.buf,
			 "\"a\\\"b\\\\c\\n\\t\\u0001\x7f\xc3\xa9\xef\xbf\xbd\xef\xbf\xbdz\"");
}

Test(unit_json_out, text_of_null_is_the_empty_string)
{
	rn_json__text(&sb, NULL, 0);
	cr_assert_str_eq(sb.buf, "\"\"");
}

Test(unit_json_out, base64_pads_as_rfc4648_says)
{
	static const struct {
		const char *in, *out;
	} cases[] = {{"", ""},	      {"f", "Zg=="},	    {"fo", "Zm8="},
		     {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"\xff\xfe\xfd", "//79"}};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sb.len = 0;
		if (sb.buf)
			sb.buf[0] = '\0';
		rn_json__base64(&sb, (const uint8_t *)cases[i].in, strlen(cases[i].in));
		cr_assert_str_eq(sb.buf ? sb.buf : "", cases[i].out, "base64(%s)", cases[i].in);
	}
}

Test(unit_json_out, integers_past_int64_travel_as_twos_complement)
{
	rn_json__u64(&sb, 42);
	rn_strbuf__putc(&sb, ' ');
	rn_json__u64(&sb, UINT64_MAX);
	cr_assert_str_eq(sb.buf, "42 -1");
}
