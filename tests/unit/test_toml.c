/* SPDX-License-Identifier: MIT */
/* The TOML parser on valid documents: types, keys, tables, arrays of tables, strings, numbers. */
#include "toml_test.h"

struct rn_toml *toml_doc;
struct rn_error toml_err;

static void setup(void)
{
	toml_doc = NULL;
	toml_err.msg[0] = '\0';
}

static void teardown(void)
{
	rn_toml__free(toml_doc);
}

TestSuite(unit_toml, .init = setup, .fini = teardown);

Test(unit_toml, empty_and_comment_only_documents_are_empty_tables)
{
	cr_assert_eq(rn_toml__len(parse_ok("")), 0);
	cr_assert_eq(rn_toml__len(parse_ok("# only a comment\n\n   \t\n# another")), 0);
}

Test(unit_toml, scalars_of_every_type)
{
	const struct rn_toml *t = parse_ok("s = \"text\"\n"
					   "l = 'C:\\path'\n"
					   "i = 42\n"
					   "f = 2.5\n"
					   "yes = true\n"
					   "no = false\n");

	cr_assert_str_eq(str_at(t, "s"), "text");
	cr_assert_str_eq(str_at(t, "l"), "C:\\path");
	cr_assert_eq(int_at(t, "i"), 42);
	cr_assert_float_eq(float_at(t, "f"), 2.5, 1e-12);
	cr_assert(bool_at(t, "yes"));
	cr_assert_not(bool_at(t, "no"));
	cr_assert_eq(rn_toml__len(t), 6);
}

Test(unit_toml, comments_blank_lines_and_crlf_line_ends)
{
	const struct rn_toml *t = parse_ok("# head\r\n\r\na = 1 # trailing\r\n  \t\r\n"
					   "[t] # table comment\r\nb = \"#not a comment\"\r\n");

	cr_assert_eq(int_at(t, "a"), 1);
	cr_assert_str_eq(str_at(rn_toml__get(t, "t"), "b"), "#not a comment");
	cr_assert_eq(rn_toml__line(rn_toml__get(rn_toml__get(t, "t"), "b")), 6);
}

Test(unit_toml, last_line_without_newline)
{
	cr_assert_eq(int_at(parse_ok("a = 1"), "a"), 1);
	cr_assert_eq(int_at(parse_ok("a = 1 # c"), "a"), 1);
}

Test(unit_toml, bare_quoted_and_dotted_keys)
{
	const struct rn_toml *t = parse_ok("bare_key-1 = 1\n"
					   "1234 = 2\n"
					   "\"quoted key\" = 3\n"
					   "'lit.key' = 4\n"
					   "\"\" = 5\n"
					   "a.b.c = 6\n"
					   "a . \"x y\" . 'z' = 7\n"
					   "a.b.d = 8\n");
	const struct rn_toml *a = rn_toml__get(t, "a");

	cr_assert_eq(int_at(t, "bare_key-1"), 1);
	cr_assert_eq(int_at(t, "1234"), 2);
	cr_assert_eq(int_at(t, "quoted key"), 3);
	cr_assert_eq(int_at(t, "lit.key"), 4);
	cr_assert_eq(int_at(t, ""), 5);
	cr_assert_eq(int_at(rn_toml__get(a, "b"), "c"), 6);
	cr_assert_eq(int_at(rn_toml__get(a, "x y"), "z"), 7);
	cr_assert_eq(int_at(rn_toml__get(a, "b"), "d"), 8);
	cr_assert_eq(rn_toml__len(a), 2);
}

Test(unit_toml, quoted_key_with_escape_is_the_same_key_as_bare)
{
	expect_error("a = 1\n\"\\u0061\" = 2\n",
		     "t.toml:2:1: duplicate key 'a' (first defined at 1:1)");
}

Test(unit_toml, tables_and_implicit_super_tables)
{
	const struct rn_toml *t =
	    parse_ok("[server]\nport = 80\n"
		     "[x.y.z]\nw = 1\n"
		     "[x] # defining the super-table afterwards is fine\nv = 2\n"
		     "[ x . y ]\nu = 3\n");
	const struct rn_toml *x = rn_toml__get(t, "x");

	cr_assert_eq(int_at(rn_toml__get(t, "server"), "port"), 80);
	cr_assert_eq(int_at(rn_toml__get(rn_toml__get(x, "y"), "z"), "w"), 1);
	cr_assert_eq(int_at(x, "v"), 2);
	cr_assert_eq(int_at(rn_toml__get(x, "y"), "u"), 3);
	cr_assert_eq(rn_toml__line(x), 5, "an implicit table is placed where it is defined");
	cr_assert_eq(rn_toml__line(rn_toml__get(t, "server")), 1);
	cr_assert_eq(rn_toml__col(rn_toml__get(t, "server")), 1);
}

Test(unit_toml, sub_tables_of_dotted_key_tables_may_be_headers)
{
	const struct rn_toml *t =
	    parse_ok("[fruit]\napple.color = 'red'\napple.taste.sweet = true\n"
		     "[fruit.apple.texture]\nsmooth = true\n");
	const struct rn_toml *apple = rn_toml__get(rn_toml__get(t, "fruit"), "apple");

	cr_assert_str_eq(str_at(apple, "color"), "red");
	cr_assert(bool_at(rn_toml__get(apple, "taste"), "sweet"));
	cr_assert(bool_at(rn_toml__get(apple, "texture"), "smooth"));
}

Test(unit_toml, arrays_of_tables_and_nested_arrays_of_tables)
{
	const struct rn_toml *t = parse_ok("[[fruit]]\nname = 'apple'\n"
					   "[fruit.physical]\ncolor = 'red'\n"
					   "[[fruit.variety]]\nname = 'red delicious'\n"
					   "[[fruit.variety]]\nname = 'granny smith'\n"
					   "[[fruit]]\nname = 'banana'\n"
					   "[[fruit.variety]]\nname = 'plantain'\n");
	const struct rn_toml *fruit = rn_toml__get(t, "fruit");
	const struct rn_toml *apple = rn_toml__at(fruit, 0), *banana = rn_toml__at(fruit, 1);

	cr_assert_eq(rn_toml__type(fruit), RN_TOML_ARRAY);
	cr_assert_eq(rn_toml__len(fruit), 2);
	cr_assert_str_eq(str_at(apple, "name"), "apple");
	cr_assert_str_eq(str_at(rn_toml__get(apple, "physical"), "color"), "red");
	cr_assert_eq(rn_toml__len(rn_toml__get(apple, "variety")), 2);
	cr_assert_str_eq(str_at(rn_toml__at(rn_toml__get(apple, "variety"), 1), "name"),
			 "granny smith");
	cr_assert_str_eq(str_at(banana, "name"), "banana");
	cr_assert_str_eq(str_at(rn_toml__at(rn_toml__get(banana, "variety"), 0), "name"),
			 "plantain");
	cr_assert_eq(rn_toml__line(banana), 9);
	cr_assert_null(rn_toml__at(fruit, 2));
}

/* The [[assertion]] examples of the product brief (seed/000_0afe2801cc10b37f.txt). */
static const char seed_assertions[] = "[[assertion]]\n"
				      "name = \"cli_startup_time\"\n"
				      "type = \"critical_path\"\n"
				      "max_duration_ms = 10  # CLI must start in <10ms\n"
				      "fail_on_violation = true\n"
				      "\n"
				      "[[assertion]]\n"
				      "name = \"max_syscalls\"\n"
				      "type = \"span_count\"\n"
				      "max_spans = 100  # Limit syscall overhead\n"
				      "fail_on_violation = true\n"
				      "\n"
				      "[[assertion]]\n"
				      "name = \"memory_budget\"\n"
				      "type = \"memory_usage\"\n"
				      "max_bytes = 10485760  # 10MB max memory\n"
				      "tracking_mode = \"allocations\"\n"
				      "fail_on_violation = true\n"
				      "\n"
				      "[[assertion]]\n"
				      "name = \"prevent_god_process\"\n"
				      "type = \"anti_pattern\"\n"
				      "pattern = \"GodProcess\"\n"
				      "threshold = 0.8  # Confidence threshold\n"
				      "fail_on_violation = true\n"
				      "\n"
				      "[[assertion]]\n"
				      "name = \"detect_tight_loops\"\n"
				      "type = \"anti_pattern\"\n"
				      "pattern = \"TightLoop\"\n"
				      "threshold = 0.7\n"
				      "fail_on_violation = false  # Warning only\n";

Test(unit_toml, seed_assertions_parse_into_the_expected_tree)
{
	static const struct {
		const char *name, *type, *num_key;
		double num;
		bool fail;
	} want[] = {
	    {"cli_startup_time", "critical_path", "max_duration_ms", 10, true},
	    {"max_syscalls", "span_count", "max_spans", 100, true},
	    {"memory_budget", "memory_usage", "max_bytes", 10485760, true},
	    {"prevent_god_process", "anti_pattern", "threshold", 0.8, true},
	    {"detect_tight_loops", "anti_pattern", "threshold", 0.7, false},
	};
	const struct rn_toml *t = parse_ok(seed_assertions), *list = rn_toml__get(t, "assertion");
	double num;

	cr_assert_eq(rn_toml__len(t), 1);
	cr_assert_eq(rn_toml__len(list), 5);
	for (size_t i = 0; i < 5; i++) {
		const struct rn_toml *a = rn_toml__at(list, i);

		cr_assert_str_eq(str_at(a, "name"), want[i].name);
		cr_assert_str_eq(str_at(a, "type"), want[i].type);
		cr_assert_eq(rn_toml__float(rn_toml__get(a, want[i].num_key), &num), 0);
		cr_assert_float_eq(num, want[i].num, 1e-12, "%s", want[i].name);
		cr_assert_eq(bool_at(a, "fail_on_violation"), want[i].fail);
	}
	cr_assert_eq(int_at(rn_toml__at(list, 2), "max_bytes"), 10485760);
	cr_assert_str_eq(str_at(rn_toml__at(list, 2), "tracking_mode"), "allocations");
	cr_assert_str_eq(str_at(rn_toml__at(list, 3), "pattern"), "GodProcess");
	cr_assert_eq(rn_toml__line(rn_toml__get(rn_toml__at(list, 4), "threshold")), 31);
	cr_assert_eq(rn_toml__col(rn_toml__get(rn_toml__at(list, 4), "threshold")), 13);
}

Test(unit_toml, keys_keep_file_order)
{
	static const char *const order[] = {"zeta", "alpha", "mid", "b", "a", "tab", "9"};
	const struct rn_toml *t = parse_ok("zeta = 1\nalpha = 2\nmid = 3\nb.x = 4\na = 5\n"
					   "[tab]\n[9]\n");

	cr_assert_eq(rn_toml__len(t), 7);
	for (size_t i = 0; i < 7; i++) {
		cr_assert_str_eq(rn_toml__key_at(t, i), order[i]);
		cr_assert_eq(rn_toml__value_at(t, i), rn_toml__get(t, order[i]));
	}
	cr_assert_null(rn_toml__key_at(t, 7));
	cr_assert_null(rn_toml__value_at(t, 7));
	t = rn_toml__get(parse_ok("t = { c = 1, a = 2, b = 3 }"), "t");
	cr_assert_str_eq(rn_toml__key_at(t, 0), "c");
	cr_assert_str_eq(rn_toml__key_at(t, 2), "b");
}

Test(unit_toml, basic_string_escapes)
{
	const struct rn_toml *t = parse_ok("s = \"\\b\\t\\n\\f\\r\\\"\\\\\"\n"
					   "u = \"caf\\u00e9 \\u20AC\"\n"
					   "U = \"\\U0001F600\\U0000004b\"\n"
					   "raw = \"tab\there é\"\n");

	cr_assert_str_eq(str_at(t, "s"), "\b\t\n\f\r\"\\");
	cr_assert_str_eq(str_at(t, "u"), "caf\xc3\xa9 \xe2\x82\xac");
	cr_assert_str_eq(str_at(t, "U"), "\xf0\x9f\x98\x80K");
	cr_assert_str_eq(str_at(t, "raw"), "tab\there \xc3\xa9");
}

Test(unit_toml, literal_strings_take_backslashes_verbatim)
{
	const struct rn_toml *t = parse_ok("a = '\\n\\u0041\"'\nb = ''\nc = \"\"\n");

	cr_assert_str_eq(str_at(t, "a"), "\\n\\u0041\"");
	cr_assert_str_eq(str_at(t, "b"), "");
	cr_assert_str_eq(str_at(t, "c"), "");
}

Test(unit_toml, decimal_and_prefixed_integers)
{
	const struct rn_toml *t =
	    parse_ok("a = +99\nb = -17\nc = 0\nd = -0\ne = 1_000_000\n"
		     "f = 5_3_4\ng = 0xDEAD_beef\nh = 0o755\ni = 0b1101_0110\n"
		     "j = 0x0000ff\nmax = 9223372036854775807\n"
		     "min = -9_223_372_036_854_775_808\n"
		     "hmax = 0x7fffffffffffffff\n");

	cr_assert_eq(int_at(t, "a"), 99);
	cr_assert_eq(int_at(t, "b"), -17);
	cr_assert_eq(int_at(t, "c"), 0);
	cr_assert_eq(int_at(t, "d"), 0);
	cr_assert_eq(int_at(t, "e"), 1000000);
	cr_assert_eq(int_at(t, "f"), 534);
	cr_assert_eq(int_at(t, "g"), 0xdeadbeef);
	cr_assert_eq(int_at(t, "h"), 0755);
	cr_assert_eq(int_at(t, "i"), 0xd6);
	cr_assert_eq(int_at(t, "j"), 255);
	cr_assert_eq(int_at(t, "max"), INT64_MAX);
	cr_assert_eq(int_at(t, "min"), INT64_MIN);
	cr_assert_eq(int_at(t, "hmax"), INT64_MAX);
}

Test(unit_toml, floats_exponents_inf_and_nan)
{
	const struct rn_toml *t =
	    parse_ok("a = +1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\n"
		     "f = -2E-2\ng = 6.626e-34\nh = 224_617.445_991\n"
		     "i = 0.0\nj = 0e0\nk = inf\nl = +inf\nm = -inf\nn = nan\n"
		     "o = -nan\n");

	cr_assert_float_eq(float_at(t, "a"), 1.0, 1e-12);
	cr_assert_float_eq(float_at(t, "b"), 3.1415, 1e-12);
	cr_assert_float_eq(float_at(t, "c"), -0.01, 1e-12);
	cr_assert_float_eq(float_at(t, "d"), 5e22, 1e9);
	cr_assert_float_eq(float_at(t, "e"), 1e6, 1e-6);
	cr_assert_float_eq(float_at(t, "f"), -0.02, 1e-12);
	cr_assert_float_eq(float_at(t, "g"), 6.626e-34, 1e-40);
	cr_assert_float_eq(float_at(t, "h"), 224617.445991, 1e-6);
	cr_assert_float_eq(float_at(t, "i"), 0.0, 0);
	cr_assert_float_eq(float_at(t, "j"), 0.0, 0);
	cr_assert(isinf(float_at(t, "k")) && float_at(t, "k") > 0);
	cr_assert(isinf(float_at(t, "l")) && float_at(t, "l") > 0);
	cr_assert(isinf(float_at(t, "m")) && float_at(t, "m") < 0);
	cr_assert(isnan(float_at(t, "n")));
	cr_assert(isnan(float_at(t, "o")));
}

Test(unit_toml, arrays_mixed_nested_trailing_comma_comments_and_newlines)
{
	const struct rn_toml *t = parse_ok("a = []\n"
					   "b = [ 1, 'two', 3.0, true, [4, [5]], {x = 6}, ]\n"
					   "c = [\n  1, # one\n  # alone\n\n  2\n  ,\n  3,\n]\n"
					   "d = [ [ ] , [ ] ]\n");
	const struct rn_toml *b = rn_toml__get(t, "b"), *c = rn_toml__get(t, "c");
	int64_t v;

	cr_assert_eq(rn_toml__type(rn_toml__get(t, "a")), RN_TOML_ARRAY);
	cr_assert_eq(rn_toml__len(rn_toml__get(t, "a")), 0);
	cr_assert_eq(rn_toml__len(b), 6);
	cr_assert_eq(rn_toml__type(rn_toml__at(b, 0)), RN_TOML_INT);
	cr_assert_str_eq(rn_toml__string(rn_toml__at(b, 1)), "two");
	cr_assert_eq(rn_toml__type(rn_toml__at(b, 2)), RN_TOML_FLOAT);
	cr_assert_eq(rn_toml__type(rn_toml__at(b, 3)), RN_TOML_BOOL);
	cr_assert_eq(rn_toml__int(rn_toml__at(rn_toml__at(rn_toml__at(b, 4), 1), 0), &v), 0);
	cr_assert_eq(v, 5);
	cr_assert_eq(int_at(rn_toml__at(b, 5), "x"), 6);
	cr_assert_eq(rn_toml__len(c), 3);
	cr_assert_eq(rn_toml__int(rn_toml__at(c, 2), &v), 0);
	cr_assert_eq(v, 3);
	cr_assert_eq(rn_toml__line(rn_toml__at(c, 2)), 9);
	cr_assert_eq(rn_toml__col(rn_toml__at(c, 2)), 3);
	cr_assert_eq(rn_toml__len(rn_toml__get(t, "d")), 2);
}

Test(unit_toml, inline_tables_with_dotted_keys)
{
	const struct rn_toml *t = parse_ok("p = { x = 1, y = 'b', n.m = true, z = {} }\ne = {}\n");
	const struct rn_toml *p = rn_toml__get(t, "p");

	cr_assert_eq(rn_toml__len(p), 4);
	cr_assert_eq(int_at(p, "x"), 1);
	cr_assert(bool_at(rn_toml__get(p, "n"), "m"));
	cr_assert_eq(rn_toml__len(rn_toml__get(p, "z")), 0);
	cr_assert_eq(rn_toml__type(rn_toml__get(t, "e")), RN_TOML_TABLE);
}

Test(unit_toml, positions_count_characters_not_bytes)
{
	const struct rn_toml *t = parse_ok("\xef\xbb\xbf"
					   "k = 1\n\"é€\" = 'ü'   \t  # x\nv = 2");

	cr_assert_eq(rn_toml__line(rn_toml__get(t, "k")), 1);
	cr_assert_eq(rn_toml__col(rn_toml__get(t, "k")), 5, "the byte order mark is skipped");
	cr_assert_eq(rn_toml__line(rn_toml__get(t, "é€")), 2);
	cr_assert_eq(rn_toml__col(rn_toml__get(t, "é€")), 8);
	expect_error("\"é€\" = 'ü' x",
		     "t.toml:1:12: expected end of line after a value, found 'x'");
}
