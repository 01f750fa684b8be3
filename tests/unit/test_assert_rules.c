/* SPDX-License-Identifier: MIT */
/*
 * renacer.toml's [[assertion]] tables (lib/analysis/assert_rules.c): every type with its
 * defaults, and every way a file is refused, each with its file:line:column.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "assertions.h"

static struct rn_rules *rules;
static struct rn_error err;

static void setup(void)
{
	rules = NULL;
	err.msg[0] = '\0';
}

static void teardown(void)
{
	rn_rules__free(rules);
}

TestSuite(unit_assert_rules, .init = setup, .fini = teardown);

static void parse_ok(const char *text)
{
	rn_rules__free(rules);
	rules = NULL;
	cr_assert_eq(rn_rules__parse(&rules, text, strlen(text), "r.toml", &err), 0,
		     "refused: %s\n%s", err.msg, text);
}

static void refused(const char *text, const char *want)
{
	struct rn_rules *r = NULL;

	err.msg[0] = '\0';
	cr_assert_eq(rn_rules__parse(&r, text, strlen(text), "r.toml", &err), -EINVAL,
		     "accepted:\n%s", text);
	cr_assert_null(r);
	cr_assert(strstr(err.msg, want), "message '%s' lacks '%s'", err.msg, want);
}

Test(unit_assert_rules, every_type_parses_with_its_budgets_in_ns_bytes_and_counts)
{
	const struct rn_assertion *a;

	parse_ok(
	    "[[assertion]]\nname = \"cp\"\ntype = \"critical_path\"\nmax_duration_ms = 1.5\n"
	    "process_name_pattern = \"^work\"\n"
	    "[[assertion]]\nname = \"spans\"\ntype = \"span_count\"\nmax_spans = 100\n"
	    "span_name_pattern = \"read|write\"\nenabled = false\n"
	    "[[assertion]]\nname = \"mem\"\ntype = \"memory_usage\"\nmax_bytes = 1048576\n"
	    "tracking_mode = \"allocations\"\nfail_on_violation = false\n"
	    "[[assertion]]\nname = \"loop\"\ntype = \"anti_pattern\"\npattern = \"TightLoop\"\n"
	    "threshold = 0.5\n"
	    "[[assertion]]\nname = \"files\"\ntype = \"syscall_budget\"\nsyscall = \"%file\"\n"
	    "max_calls = 10\n"
	    "[[assertion]]\nname = \"time\"\ntype = \"duration\"\nmax_cpu_ms = 20\n"
	    "[compare]\nignore = [\"/tmp/*\"]\n");
	cr_assert_eq(rn_rules__count(rules), 6);
	a = rn_rules__at(rules, 0);
	cr_assert_str_eq(a->name, "cp");
	cr_assert_eq(a->type, RN_AT_CRITICAL_PATH);
	cr_assert_eq(a->max_duration_ns, 1500000);
	cr_assert_str_eq(a->pattern, "^work");
	cr_assert(a->enabled && a->fail_on_violation, "defaults are enabled and enforced");
	cr_assert_eq(a->line, 1);
	a = rn_rules__at(rules, 1);
	cr_assert_eq(a->max_spans, 100);
	cr_assert_not(a->enabled);
	a = rn_rules__at(rules, 2);
	cr_assert_eq(a->mode, RN_MEM_ALLOCATIONS);
	cr_assert_eq(a->max_bytes, 1048576);
	cr_assert_not(a->fail_on_violation);
	a = rn_rules__at(rules, 3);
	cr_assert_eq(a->antipattern, RN_AP_TIGHT_LOOP);
	cr_assert_float_eq(a->threshold, 0.5, 1e-9);
	a = rn_rules__at(rules, 4);
	cr_assert_str_eq(a->syscall, "%file");
	cr_assert_eq(a->max_calls, 10);
	cr_assert_eq(a->max_errors, RN_ASSERT_UNSET);
	a = rn_rules__at(rules, 5);
	cr_assert_eq(a->max_cpu_ns, 20000000);
	cr_assert_eq(a->max_wall_ns, RN_ASSERT_UNSET);
	cr_assert_null(rn_rules__at(rules, 6));
}

Test(unit_assert_rules, defaults_are_rss_and_a_threshold_of_0_8)
{
	parse_ok(
	    "[[assertion]]\nname = \"m\"\ntype = \"memory_usage\"\nmax_bytes = 1\n"
	    "[[assertion]]\nname = \"g\"\ntype = \"anti_pattern\"\npattern = \"GodProcess\"\n");
	cr_assert_eq(rn_rules__at(rules, 0)->mode, RN_MEM_RSS);
	cr_assert_float_eq(rn_rules__at(rules, 1)->threshold, 0.8, 1e-9);
	cr_assert_eq(rn_rules__at(rules, 1)->antipattern, RN_AP_GOD_PROCESS);
}

Test(unit_assert_rules, a_file_without_assertions_has_none)
{
	parse_ok("# nothing yet\n");
	cr_assert_eq(rn_rules__count(rules), 0);
}

Test(unit_assert_rules, unknown_key_is_refused_at_its_position_with_the_known_keys)
{
	refused("[[assertion]]\nname = \"a\"\ntype = \"span_count\"\nmax_spans = 1\n"
		"max_span = 2\n",
		"r.toml:5:12: unknown key 'max_span' for a span_count assertion (known: name, "
		"type, enabled, fail_on_violation, max_spans, span_name_pattern)");
}

Test(unit_assert_rules, a_key_of_another_type_is_refused)
{
	refused("[[assertion]]\nname = \"a\"\ntype = \"duration\"\nmax_spans = 1\n",
		"r.toml:4:13: unknown key 'max_spans' for a duration assertion");
}

Test(unit_assert_rules, unknown_type_is_refused_with_the_list)
{
	refused("[[assertion]]\nname = \"a\"\ntype = \"latency\"\n",
		"r.toml:3:8: unknown type \"latency\" (one of \"critical_path\", \"span_count\", "
		"\"memory_usage\", \"anti_pattern\", \"syscall_budget\", \"duration\")");
}

Test(unit_assert_rules, unknown_pattern_and_tracking_mode_are_refused)
{
	refused(
	    "[[assertion]]\nname = \"a\"\ntype = \"anti_pattern\"\npattern = \"TightLoops\"\n",
	    "r.toml:4:11: unknown pattern \"TightLoops\" (one of \"TightLoop\", \"GodProcess\", "
	    "\"ExcessiveSmallIO\")");
	refused("[[assertion]]\nname = \"a\"\ntype = \"memory_usage\"\nmax_bytes = 1\n"
		"tracking_mode = \"vsz\"\n",
		"r.toml:5:17: unknown tracking_mode \"vsz\" (one of \"rss\", \"allocations\")");
}

Test(unit_assert_rules, missing_name_type_or_budget_is_refused_at_the_table)
{
	refused("\n[[assertion]]\ntype = \"span_count\"\nmax_spans = 1\n",
		"r.toml:2:1: this assertion has no 'name'");
	refused("[[assertion]]\nname = \"a\"\nmax_spans = 1\n",
		"r.toml:1:1: assertion \"a\" has no 'type'");
	refused("[[assertion]]\nname = \"a\"\ntype = \"critical_path\"\n",
		"r.toml:1:1: critical_path assertion \"a\" needs 'max_duration_ms'");
	refused("[[assertion]]\nname = \"a\"\ntype = \"span_count\"\n", "needs 'max_spans'");
	refused("[[assertion]]\nname = \"a\"\ntype = \"memory_usage\"\n", "needs 'max_bytes'");
	refused("[[assertion]]\nname = \"a\"\ntype = \"anti_pattern\"\n", "needs 'pattern'");
	refused("[[assertion]]\nname = \"a\"\ntype = \"syscall_budget\"\nmax_calls = 1\n",
		"needs 'syscall'");
	refused("[[assertion]]\nname = \"a\"\ntype = \"syscall_budget\"\nsyscall = \"read\"\n",
		"r.toml:1:1: syscall_budget assertion \"a\" has no budget (give max_calls and/or "
		"max_errors)");
	refused("[[assertion]]\nname = \"a\"\ntype = \"duration\"\n",
		"has no budget (give max_wall_ms and/or max_cpu_ms)");
}

Test(unit_assert_rules, wrong_value_types_are_refused)
{
	refused("[[assertion]]\nname = 3\ntype = \"duration\"\n",
		"r.toml:2:8: 'name' must be a string, not integer");
	refused("[[assertion]]\nname = \"\"\ntype = \"duration\"\n", "'name' must not be empty");
	refused("[[assertion]]\nname = \"a\"\ntype = \"span_count\"\nmax_spans = \"10\"\n",
		"r.toml:4:13: 'max_spans' must be a non-negative integer, not string");
	refused("[[assertion]]\nname = \"a\"\ntype = \"span_count\"\nmax_spans = 1.5\n",
		"'max_spans' must be a non-negative integer, not float");
	refused("[[assertion]]\nname = \"a\"\ntype = \"span_count\"\nmax_spans = -1\n",
		"'max_spans' must be a non-negative integer, not -1");
	refused("[[assertion]]\nname = \"a\"\ntype = \"duration\"\nmax_wall_ms = true\n",
		"'max_wall_ms' must be a number of milliseconds, not boolean");
	refused("[[assertion]]\nname = \"a\"\ntype = \"duration\"\nmax_wall_ms = -5\n",
		"'max_wall_ms' must be between 0 and 1e12 milliseconds, not -5");
	refused("[[assertion]]\nname = \"a\"\ntype = \"duration\"\nmax_wall_ms = 5\nenabled = 1\n",
		"r.toml:5:11: 'enabled' must be true or false, not integer");
	refused("[[assertion]]\nname = \"a\"\ntype = \"duration\"\nmax_wall_ms = 5\n"
		"fail_on_violation = \"no\"\n",
		"'fail_on_violation' must be true or false, not string");
	refused("[[assertion]]\nname = \"a\"\ntype = \"anti_pattern\"\npattern = \"GodProcess\"\n"
		"threshold = 1.5\n",
		"r.toml:5:13: 'threshold' must be a confidence between 0 and 1, not 1.5");
	refused("[[assertion]]\nname = \"a\"\ntype = \"anti_pattern\"\npattern = \"GodProcess\"\n"
		"threshold = \"high\"\n",
		"'threshold' must be a confidence between 0 and 1, not string");
	refused("[[assertion]]\nname = \"a\"\ntype = [\"duration\"]\n",
		"r.toml:3:8: 'type' must be a string, not array");
}

Test(unit_assert_rules, a_bad_pattern_or_syscall_is_refused_with_the_reason)
{
	refused("[[assertion]]\nname = \"a\"\ntype = \"span_count\"\nmax_spans = 1\n"
		"span_name_pattern = \"(read\"\n",
		"r.toml:5:21: 'span_name_pattern' is not a valid extended regular expression");
	refused("[[assertion]]\nname = \"a\"\ntype = \"syscall_budget\"\nsyscall = \"opne\"\n"
		"max_calls = 1\n",
		"r.toml:4:11: 'syscall' = \"opne\": invalid system call 'opne'");
	refused("[[assertion]]\nname = \"a\"\ntype = \"syscall_budget\"\nsyscall = \"%files\"\n"
		"max_calls = 1\n",
		"'syscall' = \"%files\"");
	refused(
	    "[[assertion]]\nname = \"a\"\ntype = \"syscall_budget\"\nsyscall = \"status=failed\"\n"
	    "max_calls = 1\n",
	    "'syscall' must name a system call or a class such as %file");
}

Test(unit_assert_rules, the_file_shape_is_checked)
{
	refused("[assertion]\nname = \"a\"\n",
		"r.toml:1:1: 'assertion' must be an array of tables: "
		"write [[assertion]], not [assertion]");
	refused("budgets = 3\n", "r.toml:1:11: unknown key 'budgets' (known: [[assertion]], "
				 "[compare])");
	refused("compare = 3\n", "'compare' must be a table ([compare]), not integer");
	refused("assertion = [1]\n", "an assertion must be a table ([[assertion]]), not integer");
	refused("[[assertion]]\nname = \"a\"\ntype = \"duration\"\nmax_wall_ms = 1\n"
		"[[assertion]]\nname = \"a\"\ntype = \"duration\"\nmax_cpu_ms = 1\n",
		"r.toml:6:8: a second assertion named \"a\" (the first is at line 1; names must be "
		"unique)");
}

Test(unit_assert_rules, toml_syntax_errors_keep_the_parsers_position)
{
	refused("[[assertion]]\nname = \"a\ntype = \"duration\"\n", "r.toml:2:");
}

Test(unit_assert_rules, an_unreadable_file_names_the_cause)
{
	struct rn_rules *r = NULL;

	cr_assert_neq(rn_rules__load(&r, "/nonexistent/renacer.toml", &err), 0);
	cr_assert_null(r);
	cr_assert(strstr(err.msg, "/nonexistent/renacer.toml: cannot read: No such file"), "%s",
		  err.msg);
}

Test(unit_assert_rules, the_example_in_tests_is_valid)
{
	struct rn_rules *r = NULL;

	cr_assert_eq(rn_rules__load(&r, "tests/renacer.toml", &err), 0, "%s", err.msg);
	cr_assert_eq(rn_rules__count(r), 11);
	cr_assert_not(rn_rules__at(r, 8)->enabled);
	cr_assert_not(rn_rules__at(r, 5)->fail_on_violation);
	rn_rules__free(r);
}
