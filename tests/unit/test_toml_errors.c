/* SPDX-License-Identifier: MIT */
/* The TOML parser on invalid documents and at its limits; the accessors; parse_file. */
#include "toml_test.h"

Test(unit_toml, duplicate_keys_and_tables_are_errors)
{
	static const struct err_case cases[] = {
	    {"a = 1\na = 2\n", "t.toml:2:1: duplicate key 'a' (first defined at 1:1)"},
	    {"a.b = 1\n a.b = 2\n", "t.toml:2:2: duplicate key 'a.b' (first defined at 1:1)"},
	    {"x = 0\n\n  a = 1\n[t]\na = 1\n[t2]\n\"a\" = 1\n'a' = 2\n",
	     "t.toml:8:1: duplicate key 'a' (first defined at 7:1)"},
	    {"[a]\nx = 1\n[a]\n", "t.toml:3:1: duplicate table [a] (first defined at 1:1)"},
	    {"[a.b]\n[x]\n[a]\n[a.b]\n",
	     "t.toml:4:1: duplicate table [a.b] (first defined at 1:1)"},
	    {"[a]\nb.c = 1\n[a.b]\n", "t.toml:3:1: duplicate table [a.b] (first defined at 2:1)"},
	    {"a = 1\n[a]\n", "t.toml:2:1: duplicate key 'a' (first defined at 1:1)"},
	    {"a = {}\n[a]\n", "t.toml:2:1: duplicate table [a] (first defined at 1:1)"},
	    {"a = {x = 1, x = 2}\n", "t.toml:1:13: duplicate key 'x' (first defined at 1:6)"},
	    {"[[a]]\nx = 1\nx = 2\n", "t.toml:3:1: duplicate key 'x' (first defined at 2:1)"},
	};

	expect_errors(cases, sizeof(cases) / sizeof(cases[0]));
}

Test(unit_toml, tables_cannot_be_extended_against_toml_rules)
{
	static const struct err_case cases[] = {
	    {"[a.b]\nx = 1\n[a]\nb.y = 2\n",
	     "t.toml:4:1: cannot add keys to table [a.b] under [a]: it was defined at 1:1"},
	    {"[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n",
	     "t.toml:4:1: cannot add keys to table [a.b.c] under [a]: it was defined at 1:1"},
	    {"a = {x = 1}\na.y = 2\n",
	     "t.toml:2:1: cannot add keys to inline table 'a' (defined at 1:1)"},
	    {"a = {x = 1}\n[a.b]\n",
	     "t.toml:2:1: cannot add keys to inline table 'a' (defined at 1:1)"},
	    {"a = {b = {}}\n[a.b]\n",
	     "t.toml:2:1: cannot add keys to inline table 'a' (defined at 1:1)"},
	    {"a = {b = {c = 1}, b.d = 2}\n",
	     "t.toml:1:19: cannot add keys to inline table 'b' (defined at 1:6)"},
	    {"a = 1\na.b = 1\n", "t.toml:2:1: key 'a' is an integer (defined at 1:1), not a table"},
	    {"a = 's'\n[a.b]\n", "t.toml:2:1: key 'a' is a string (defined at 1:1), not a table"},
	    {"a = [{}]\n[a.b]\n", "t.toml:2:1: key 'a' is an array (defined at 1:1), not a table"},
	    {"[[a]]\n[b]\na.x = 1\n[c]\n", NULL},
	    {"[[a]]\n[x]\n[y]\n", NULL},
	};

	expect_errors(cases, 9);
	/* a table named like a section elsewhere is a different table */
	parse_ok(cases[9].text);
	parse_ok(cases[10].text);
	expect_error("a.b = 1\n[x]\n[a]\n",
		     "t.toml:3:1: duplicate table [a] (first defined at 1:1)");
	expect_error("[[a]]\n[b]\n[a.c]\n[a]\n",
		     "t.toml:4:1: [a] conflicts with the array of tables [[a]] at 1:1");
}

Test(unit_toml, arrays_of_tables_conflicts)
{
	static const struct err_case cases[] = {
	    {"a = [1]\n[[a]]\n", "t.toml:2:1: [[a]] cannot append to 'a': it is an array value "
				 "defined at 1:1"},
	    {"a = []\n[[a]]\n", "t.toml:2:1: [[a]] cannot append to 'a': it is an array value "
				"defined at 1:1"},
	    {"[a]\n[[a]]\n",
	     "t.toml:2:1: [[a]] cannot append to 'a': it is a table defined at 1:1"},
	    {"a = 1\n[[a]]\n",
	     "t.toml:2:1: [[a]] cannot append to 'a': it is an integer defined at 1:1"},
	    {"[[a]]\n[a]\n", "t.toml:2:1: [a] conflicts with the array of tables [[a]] at 1:1"},
	    {"[[a]]\na = 1\n[a.a]\n", "t.toml:3:1: duplicate key 'a.a' (first defined at 2:1)"},
	};

	expect_errors(cases, sizeof(cases) / sizeof(cases[0]));
}

Test(unit_toml, dates_times_and_multiline_strings_are_named_errors)
{
	static const struct err_case cases[] = {
	    {"d = 1979-05-27\n",
	     "t.toml:1:5: dates are not supported (quote the value to make it a string)"},
	    {"when = [\n  1979-05-27T07:32:00Z ]\n",
	     "t.toml:2:3: dates are not supported (quote the value to make it a string)"},
	    {"d = 1979-05-27 07:32:00\n",
	     "t.toml:1:5: dates are not supported (quote the value to make it a string)"},
	    {"t = {at = 07:32:00}\n",
	     "t.toml:1:11: times are not supported (quote the value to make it a string)"},
	    {"s = \"\"\"\nmulti\n\"\"\"\n", "t.toml:1:5: multi-line strings are not supported"},
	    {"s = '''x'''\n", "t.toml:1:5: multi-line strings are not supported"},
	    {"\"\"\"k\"\"\" = 1\n", "t.toml:1:1: multi-line strings are not supported"},
	};

	expect_errors(cases, sizeof(cases) / sizeof(cases[0]));
}

Test(unit_toml, string_errors)
{
	static const struct err_case cases[] = {
	    {"a = \"abc\n", "t.toml:1:5: unterminated string (a string must end on its line)"},
	    {"a = 'abc", "t.toml:1:5: unterminated string (a string must end on its line)"},
	    {"a = \"\\q\"",
	     "t.toml:1:6: invalid escape '\\q' (valid: \\b \\t \\n \\f \\r \\\" \\\\ "
	     "\\uXXXX \\UXXXXXXXX)"},
	    {"a = \"\\e\"",
	     "t.toml:1:6: invalid escape '\\e' (valid: \\b \\t \\n \\f \\r \\\" \\\\ "
	     "\\uXXXX \\UXXXXXXXX)"},
	    {"a = \"x\\\n\"", "t.toml:1:5: unterminated string (a string must end on its line)"},
	    {"a = \"\\uD800\"", "t.toml:1:6: \\uD800 is not a Unicode scalar value"},
	    {"a = \"\\uDFFF\"", "t.toml:1:6: \\uDFFF is not a Unicode scalar value"},
	    {"a = \"\\U00110000\"", "t.toml:1:6: \\U00110000 is not a Unicode scalar value"},
	    {"a = \"\\u12\"", "t.toml:1:6: \\u must be followed by 4 hex digits"},
	    {"a = \"\\U1234567\"", "t.toml:1:6: \\U must be followed by 8 hex digits"},
	    {"a = \"\\u0000\"",
	     "t.toml:1:6: NUL characters (\\u0000) are not supported in strings"},
	    {"a = \"x\ty\x01\"",
	     "t.toml:1:9: control character U+0001 must be escaped in a string"},
	    {"a = 'x\x7f'", "t.toml:1:7: control character U+007F must be escaped in a string"},
	    {"a = \"x\ry\"", "t.toml:1:5: unterminated string (a string must end on its line)"},
	};

	expect_errors(cases, sizeof(cases) / sizeof(cases[0]));
}

Test(unit_toml, number_errors)
{
	static const struct err_case cases[] = {
	    {"a = 9223372036854775808", "t.toml:1:5: integer '9223372036854775808' does not fit in "
					"64 bits"},
	    {"a = -9223372036854775809", "t.toml:1:5: integer '-9223372036854775809' does not fit "
					 "in 64 bits"},
	    {"a = 0x8000000000000000", "t.toml:1:5: integer '0x8000000000000000' does not fit in "
				       "64 bits"},
	    {"a = 99999999999999999999999", "t.toml:1:5: integer '99999999999999999999999' does "
					    "not fit in 64 bits"},
	    {"a = 012", "t.toml:1:5: leading zeros are not allowed in '012'"},
	    {"a = -01", "t.toml:1:5: leading zeros are not allowed in '-01'"},
	    {"a = 1__2", "t.toml:1:5: invalid number '1__2'"},
	    {"a = 1_", "t.toml:1:5: invalid number '1_'"},
	    {"a = _1", "t.toml:1:5: expected a value, found '_1' (strings must be quoted)"},
	    {"a = +0x1", "t.toml:1:5: a sign is not allowed on hexadecimal integers"},
	    {"a = -0o7", "t.toml:1:5: a sign is not allowed on octal integers"},
	    {"a = 0xg", "t.toml:1:5: invalid hexadecimal integer '0xg'"},
	    {"a = 0x", "t.toml:1:5: invalid hexadecimal integer '0x'"},
	    {"a = 0o8", "t.toml:1:5: invalid octal integer '0o8'"},
	    {"a = 0b102", "t.toml:1:5: invalid binary integer '0b102'"},
	    {"a = 0x_1", "t.toml:1:5: invalid hexadecimal integer '0x_1'"},
	    {"a = 0X1", "t.toml:1:5: invalid number '0X1'"},
	    {"a = 1.",
	     "t.toml:1:5: invalid number '1.' (a float needs digits on both sides of '.')"},
	    {"a = .5",
	     "t.toml:1:5: invalid number '.5' (a float needs digits on both sides of '.')"},
	    {"a = 1.e5", "t.toml:1:5: invalid number '1.e5' (a float needs digits on both sides of "
			 "'.')"},
	    {"a = 1.2.3", "t.toml:1:5: invalid number '1.2.3' (a float needs digits on both sides "
			  "of '.')"},
	    {"a = 1e", "t.toml:1:5: invalid exponent in '1e'"},
	    {"a = 1e_5", "t.toml:1:5: invalid exponent in '1e_5'"},
	    {"a = 01.5", "t.toml:1:5: leading zeros are not allowed in '01.5'"},
	    {"a = 1e400", "t.toml:1:5: float '1e400' is out of range"},
	    {"a = infinity", "t.toml:1:5: invalid number 'infinity'"},
	    {"a = NaN", "t.toml:1:5: expected a value, found 'NaN' (strings must be quoted)"},
	    {"a = 1x", "t.toml:1:5: invalid number '1x'"},
	    {"a = -", "t.toml:1:5: invalid number '-'"},
	};

	expect_errors(cases, sizeof(cases) / sizeof(cases[0]));
}

Test(unit_toml, syntax_errors)
{
	static const struct err_case cases[] = {
	    {"a = hello", "t.toml:1:5: expected a value, found 'hello' (strings must be quoted)"},
	    {"a = True", "t.toml:1:5: expected a value, found 'True' (strings must be quoted)"},
	    {"a =\nb = 1", "t.toml:1:4: expected a value, found end of line"},
	    {"a = # c", "t.toml:1:5: expected a value, found '#'"},
	    {"a = ", "t.toml:1:5: expected a value, found end of file"},
	    {"a = 1 b = 2", "t.toml:1:7: expected end of line after a value, found 'b'"},
	    {"a = 'x''y'", "t.toml:1:8: expected end of line after a value, found '''"},
	    {"a 1", "t.toml:1:3: expected '=' after key 'a', found '1'"},
	    {"a", "t.toml:1:2: expected '=' after key 'a', found end of file"},
	    {"\"a b\".c 1", "t.toml:1:9: expected '=' after key '\"a b\".c', found '1'"},
	    {"= 1", "t.toml:1:1: expected a key, found '='"},
	    {"a. = 1", "t.toml:1:4: expected a key, found '='"},
	    {"a..b = 1", "t.toml:1:3: expected a key, found '.'"},
	    {"a$ = 1", "t.toml:1:2: expected '=' after key 'a', found '$'"},
	    {"é = 1", "t.toml:1:1: expected a key, found U+00E9"},
	    {"[a\n", "t.toml:1:3: expected ']' to close the header, found end of line"},
	    {"[]\n", "t.toml:1:2: expected a key, found ']'"},
	    {"[[a]\n", "t.toml:1:5: expected ']]' to close the header, found end of line"},
	    {"[[a] ]\n", "t.toml:1:5: expected ']]' to close the header, found a space"},
	    {"[ [a] ]\n", "t.toml:1:3: expected a key, found '['"},
	    {"[a]]\n", "t.toml:1:4: expected end of line after a table header, found ']'"},
	    {"[a] b = 1\n", "t.toml:1:5: expected end of line after a table header, found 'b'"},
	    {"a = [1 2]", "t.toml:1:8: expected ',' or ']' after an array item, found '2'"},
	    {"a = [1,,2]", "t.toml:1:8: expected a value, found ','"},
	    {"a = [,]", "t.toml:1:6: expected a value, found ','"},
	    {"a = [1,", "t.toml:1:5: unterminated array (no closing ']')"},
	    {"x = 1\na = [\n1,\n2\n", "t.toml:2:5: unterminated array (no closing ']')"},
	    {"a = [1]]", "t.toml:1:8: expected end of line after a value, found ']'"},
	    {"a = {x = 1,}", "t.toml:1:11: trailing comma is not allowed in an inline table"},
	    {"a = {x = 1\n}", "t.toml:1:11: line breaks are not allowed inside an inline table"},
	    {"a = {\nx = 1}", "t.toml:1:6: line breaks are not allowed inside an inline table"},
	    {"a = {x = 1, # c\n}", "t.toml:1:13: comments are not allowed inside an inline table"},
	    {"a = {x = 1 y = 2}", "t.toml:1:12: expected ',' or '}' in an inline table, found 'y'"},
	    {"a = {x = 1", "t.toml:1:5: unterminated inline table (no closing '}')"},
	    {"a = {,}", "t.toml:1:6: expected a key, found ','"},
	    {"a = }", "t.toml:1:5: expected a value, found '}'"},
	};

	expect_errors(cases, sizeof(cases) / sizeof(cases[0]));
}

Test(unit_toml, encoding_and_line_end_errors)
{
	static const struct err_case cases[] = {
	    {"a = 1\r\nb = 2\rc = 3\n", "t.toml:2:6: carriage return without a line feed"},
	    {"a = 1 # c\r", "t.toml:1:10: control character U+000D in a comment"},
	    {"ok = \"é\"\nbad = \"\xc3\x28\"\n",
	     "t.toml:2:8: invalid UTF-8 (byte 0xc3); the file must be UTF-8"},
	    {"x = 'é\xed\xa0\x80'",
	     "t.toml:1:7: invalid UTF-8 (byte 0xed); the file must be UTF-8"},
	    {"x = '\xc0\xaf'", "t.toml:1:6: invalid UTF-8 (byte 0xc0); the file must be UTF-8"},
	    {"x = '\xf4\x90\x80\x80'", "t.toml:1:6: invalid UTF-8 (byte 0xf4); the file must be "
				       "UTF-8"},
	    {"x = '\xe2\x82'", "t.toml:1:6: invalid UTF-8 (byte 0xe2); the file must be UTF-8"},
	    {"# c\x01omment\n", "t.toml:1:4: control character U+0001 in a comment"},
	    {"\x7f = 1", "t.toml:1:1: expected a key, found U+007F"},
	};

	expect_errors(cases, sizeof(cases) / sizeof(cases[0]));
	/* NUL bytes are input like any other: an error, not the end of the text */
	cr_assert_null(rn_toml__parse("a = 1\n\0b", 9, "nul.toml", &toml_err));
	cr_assert_str_eq(toml_err.msg, "nul.toml:2:1: expected a key, found U+0000");
}

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	struct rn_strbuf sb = {0};

	rn_strbuf__puts(&sb, head);
	for (size_t i = 0; i < n; i++)
		rn_strbuf__puts(&sb, unit);
	rn_strbuf__puts(&sb, tail);
	cr_assert_not_null(sb.buf);
	return sb.buf;
}

/* head, open x levels, mid, close x levels, tail */
static void expect_depth(const char *head, const char *open, const char *mid, const char *close,
			 size_t levels, const char *tail, const char *want_err)
{
	char *a = repeat(head, open, levels, mid), *b = repeat(a, close, levels, tail);

	if (want_err)
		expect_error(b, want_err);
	else
		parse_ok(b);
	free(a);
	free(b);
}

Test(unit_toml, nesting_up_to_64_levels_is_accepted)
{
	/* the root is depth 0; key a holds the first array at depth 1 */
	expect_depth("a = ", "[", "", "]", 64, "", NULL);
	expect_depth("a = ", "{b = ", "1", "}", 64, "", NULL);
	expect_depth("[", "a.", "", "", 62, "b]\nc = [1]", NULL);
	expect_depth("", "a.", "", "", 64, "b = 1", NULL);
	expect_depth("[[", "a.", "", "", 62, "b]]\n", NULL);
}

Test(unit_toml, nesting_deeper_than_64_levels_is_an_error)
{
	char *deep;

	expect_depth("a = ", "[", "", "]", 65, "", "t.toml:1:69: nesting deeper than 64 levels");
	expect_depth("a = ", "{b = ", "1", "}", 65, "",
		     "t.toml:1:325: nesting deeper than 64 levels");
	/* each {b.c = ...} is two levels: the inline table and the dotted table b */
	expect_depth("a = ", "{b.c = ", "1", "}", 33, "",
		     "t.toml:1:229: nesting deeper than 64 levels");
	expect_depth("[", "a.", "", "", 64, "b]\n", "t.toml:1:1: nesting deeper than 64 levels");
	expect_depth("[", "a.", "", "", 63, "b]\nc = [1]\n",
		     "t.toml:2:5: nesting deeper than 64 levels");
	expect_depth("[", "a.", "", "", 62, "b]\nc = [[1]]\n",
		     "t.toml:2:6: nesting deeper than 64 levels");
	expect_depth("[[", "a.", "", "", 63, "b]]\n", "t.toml:1:1: nesting deeper than 64 levels");
	expect_depth("", "a.", "", "", 65, "b = 1", "t.toml:1:1: nesting deeper than 64 levels");
	/* far too deep for a recursive parser without a limit: must fail cleanly */
	deep = repeat("a = ", "[", 1000000, "");
	expect_error(deep, "t.toml:1:69: nesting deeper than 64 levels");
	free(deep);
	deep = repeat("[a", ".a", 1000000, "]");
	expect_error(deep, "t.toml:1:2: nesting deeper than 64 levels");
	free(deep);
}

Test(unit_toml, large_files_parse_and_look_up_quickly)
{
	enum { NKEYS = 200000, NITEMS = 20000 };
	struct rn_strbuf sb = {0};
	const struct rn_toml *t, *items;
	char key[32];

	for (int i = 0; i < NKEYS; i++)
		rn_strbuf__printf(&sb, "key_%d = %d # comment\n", i, i * 3);
	rn_strbuf__puts(&sb, "big = [");
	for (int i = 0; i < NITEMS; i++)
		rn_strbuf__printf(&sb, "%d,\n", i);
	rn_strbuf__puts(&sb, "]\n");
	for (int i = 0; i < NITEMS; i++)
		rn_strbuf__printf(&sb, "[[item]]\nname = \"item %d\"\n", i);
	cr_assert_not_null(sb.buf);
	toml_doc = rn_toml__parse(sb.buf, sb.len, "big.toml", &toml_err);
	rn_strbuf__free(&sb);
	cr_assert_not_null(toml_doc, "%s", toml_err.msg);
	t = toml_doc;
	cr_assert_eq(rn_toml__len(t), NKEYS + 2);
	for (int i = 0; i < NKEYS; i++) {
		snprintf(key, sizeof(key), "key_%d", i);
		cr_assert_eq(int_at(t, key), i * 3);
		cr_assert_str_eq(rn_toml__key_at(t, (size_t)i), key);
	}
	cr_assert_null(rn_toml__get(t, "key_200000"));
	cr_assert_eq(rn_toml__len(rn_toml__get(t, "big")), NITEMS);
	items = rn_toml__get(t, "item");
	cr_assert_eq(rn_toml__len(items), NITEMS);
	cr_assert_str_eq(str_at(rn_toml__at(items, NITEMS - 1), "name"), "item 19999");
	cr_assert_eq(rn_toml__line(rn_toml__at(items, NITEMS - 1)),
		     NKEYS + 1 + NITEMS + 1 + 2 * (NITEMS - 1));
}

Test(unit_toml, duplicate_found_through_the_hash_index)
{
	struct rn_strbuf sb = {0};

	for (int i = 0; i < 1000; i++)
		rn_strbuf__printf(&sb, "k%d = %d\n", i, i);
	rn_strbuf__puts(&sb, "k517 = 1\n");
	cr_assert_not_null(sb.buf);
	expect_error(sb.buf, "t.toml:1001:1: duplicate key 'k517' (first defined at 518:1)");
	rn_strbuf__free(&sb);
}

Test(unit_toml, accessors_are_null_safe_and_type_checked)
{
	const struct rn_toml *t = parse_ok("i = 7\ns = 'x'\nb = true\nf = 1.5\na = [1]\n");
	int64_t iv = 99;
	double f = 0;
	bool b = false;

	cr_assert_eq(rn_toml__type(NULL), RN_TOML_NONE);
	cr_assert_str_eq(rn_toml__type_name(rn_toml__type(rn_toml__get(t, "i"))), "integer");
	cr_assert_str_eq(rn_toml__type_name(RN_TOML_NONE), "nothing");
	cr_assert_null(rn_toml__get(NULL, "i"));
	cr_assert_null(rn_toml__get(t, "missing"));
	cr_assert_null(rn_toml__get(rn_toml__get(t, "i"), "x"), "get on a scalar");
	cr_assert_null(rn_toml__get(rn_toml__get(t, "a"), "0"), "get on an array");
	cr_assert_eq(rn_toml__int(rn_toml__get(t, "s"), &iv), -EINVAL);
	cr_assert_eq(iv, 99, "out is untouched on error");
	cr_assert_eq(rn_toml__int(NULL, &iv), -EINVAL);
	cr_assert_eq(rn_toml__int(rn_toml__get(t, "f"), &iv), -EINVAL, "floats are not ints");
	cr_assert_eq(rn_toml__float(rn_toml__get(t, "i"), &f), 0, "ints convert to floats");
	cr_assert_float_eq(f, 7.0, 0);
	cr_assert_eq(rn_toml__float(rn_toml__get(t, "b"), &f), -EINVAL);
	cr_assert_eq(rn_toml__bool(rn_toml__get(t, "i"), &b), -EINVAL);
	cr_assert_eq(rn_toml__bool(NULL, &b), -EINVAL);
	cr_assert_null(rn_toml__string(rn_toml__get(t, "i")));
	cr_assert_null(rn_toml__string(NULL));
	cr_assert_eq(rn_toml__len(NULL), 0);
	cr_assert_eq(rn_toml__len(rn_toml__get(t, "s")), 0);
	cr_assert_null(rn_toml__at(t, 0), "at on a table");
	cr_assert_null(rn_toml__at(NULL, 0));
	cr_assert_null(rn_toml__key_at(rn_toml__get(t, "a"), 0), "key_at on an array");
	cr_assert_null(rn_toml__value_at(NULL, 0));
	cr_assert_eq(rn_toml__line(NULL), 0);
	cr_assert_eq(rn_toml__col(NULL), 0);
	rn_toml__free(NULL);
}

Test(unit_toml, error_is_optional_and_a_long_message_is_cut_safely)
{
	char name[700];

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	cr_assert_null(rn_toml__parse("a = ", 4, "t.toml", NULL));
	cr_assert_null(rn_toml__parse("a = ", 4, name, &toml_err));
	cr_assert_eq(strlen(toml_err.msg), sizeof(toml_err.msg) - 1);
	cr_assert(!strncmp(toml_err.msg, name, sizeof(toml_err.msg) - 1));
	cr_assert_null(rn_toml__parse("a = ", 4, NULL, &toml_err));
	cr_assert_str_eq(toml_err.msg, "<input>:1:5: expected a value, found end of file");
	cr_assert_not_null(toml_doc = rn_toml__parse("a = 1\n", 6, "t.toml", &toml_err));
	cr_assert_str_eq(toml_err.msg, "", "success clears err");
}

Test(unit_toml, parse_file_reads_the_file_and_names_it_in_errors)
{
	char path[] = "/tmp/renacer-toml-XXXXXX";
	int fd = mkstemp(path);
	static const char text[] = "[daemon]\nsocket = '/run/renacer/renacerd.sock'\n"
				   "max_sessions = 64\nmax_sessions = 65\n";

	cr_assert_geq(fd, 0);
	/* first the two valid lines, then the whole text with its duplicate */
	cr_assert_eq(write(fd, text, 47), 47);
	close(fd);
	toml_doc = rn_toml__parse_file(path, &toml_err);
	cr_assert_not_null(toml_doc, "%s", toml_err.msg);
	cr_assert_str_eq(str_at(rn_toml__get(toml_doc, "daemon"), "socket"),
			 "/run/renacer/renacerd.sock");
	cr_assert_null(rn_toml__get(rn_toml__get(toml_doc, "daemon"), "max_sessions"));

	fd = open(path, O_WRONLY | O_TRUNC);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, sizeof(text) - 1), (ssize_t)sizeof(text) - 1);
	close(fd);
	cr_assert_null(rn_toml__parse_file(path, &toml_err));
	cr_assert(!strncmp(toml_err.msg, path, strlen(path)));
	cr_assert_str_eq(toml_err.msg + strlen(path),
			 ":4:1: duplicate key 'max_sessions' (first defined "
			 "at 3:1)");
	unlink(path);

	cr_assert_null(rn_toml__parse_file("/nonexistent/renacerd.toml", &toml_err));
	cr_assert_str_eq(toml_err.msg,
			 "/nonexistent/renacerd.toml: cannot read: No such file or directory");
	cr_assert_null(rn_toml__parse_file("/tmp", &toml_err));
	cr_assert_str_eq(toml_err.msg, "/tmp: cannot read: Is a directory");
}
