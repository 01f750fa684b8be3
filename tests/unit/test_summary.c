/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "summary.h"

/* x86_64 numbers, fixed by the kernel ABI. */
enum {
	NR_READ = 0,
	NR_WRITE = 1,
	NR_CLOSE = 3,
	NR_ACCESS = 21,
	NR_SCHED_GET_PRIO_MAX = 146,
	NR_OPENAT = 257
};

#define HEAD                                                                                       \
	"% time     seconds  usecs/call     calls    errors syscall\n"                             \
	"------ ----------- ----------- --------- --------- ----------------\n"
#define DASHES "------ ----------- ----------- --------- --------- ----------------\n"

static struct rn_summary *s;

static void setup(void)
{
	s = rn_summary__new();
	cr_assert_not_null(s);
}

static void teardown(void)
{
	rn_summary__free(s);
}

TestSuite(unit_summary, .init = setup, .fini = teardown);

static char *render(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	cr_assert_not_null(out);
	rn_summary__print(s, out);
	fclose(out);
	return buf;
}

static void expect_table(const char *want)
{
	char *got = render();

	cr_expect_str_eq(got, want, "got:\n%s\nwant:\n%s", got, want);
	free(got);
}

/* read: 3 calls 6 us, openat: 2 calls 20 us with 1 error, close: 1 call 4 us. */
static void add_basic(void)
{
	rn_summary__add(s, NR_READ, 1000, false);
	rn_summary__add(s, NR_READ, 2000, false);
	rn_summary__add(s, NR_READ, 3000, false);
	rn_summary__add(s, NR_OPENAT, 10000, true);
	rn_summary__add(s, NR_OPENAT, 10000, false);
	rn_summary__add(s, NR_CLOSE, 4000, false);
}

Test(unit_summary, default_sorts_by_time_with_strace_layout)
{
	add_basic();
	expect_table(HEAD " 66.67    0.000020          10         2         1 openat\n"
			  " 20.00    0.000006           2         3           read\n"
			  " 13.33    0.000004           4         1           close\n" DASHES
			  "100.00    0.000030           5         6         1 total\n");
}

Test(unit_summary, name_and_nothing_sorts)
{
	add_basic();
	cr_assert_eq(rn_summary__set_sort(s, "name"), 0);
	expect_table(HEAD " 13.33    0.000004           4         1           close\n"
			  " 66.67    0.000020          10         2         1 openat\n"
			  " 20.00    0.000006           2         3           read\n" DASHES
			  "100.00    0.000030           5         6         1 total\n");
	cr_assert_eq(rn_summary__set_sort(s, "nothing"), 0);
	expect_table(HEAD " 20.00    0.000006           2         3           read\n"
			  " 13.33    0.000004           4         1           close\n"
			  " 66.67    0.000020          10         2         1 openat\n" DASHES
			  "100.00    0.000030           5         6         1 total\n");
}

Test(unit_summary, calls_sort_breaks_ties_by_syscall_number)
{
	rn_summary__add(s, NR_WRITE, 5000, false);
	rn_summary__add(s, NR_WRITE, 5000, false);
	rn_summary__add(s, NR_READ, 1000, false);
	rn_summary__add(s, NR_READ, 1000, false);
	rn_summary__add(s, NR_CLOSE, 1000, false);
	rn_summary__add(s, NR_CLOSE, 1000, false);
	rn_summary__add(s, NR_CLOSE, 2000, false);
	cr_assert_eq(rn_summary__set_sort(s, "calls"), 0);
	expect_table(HEAD " 25.00    0.000004           1         3           close\n"
			  " 12.50    0.000002           1         2           read\n"
			  " 62.50    0.000010           5         2           write\n" DASHES
			  "100.00    0.000016           2         7           total\n");
}

Test(unit_summary, errors_sort_and_blank_zero_errors)
{
	rn_summary__add(s, NR_READ, 1000, false);
	rn_summary__add(s, NR_OPENAT, 1000, true);
	rn_summary__add(s, NR_OPENAT, 1000, true);
	rn_summary__add(s, NR_ACCESS, 1000, true);
	rn_summary__add(s, NR_ACCESS, 1000, true);
	rn_summary__add(s, NR_CLOSE, 1000, false);
	cr_assert_eq(rn_summary__set_sort(s, "errors"), 0);
	expect_table(HEAD " 33.33    0.000002           1         2         2 access\n"
			  " 33.33    0.000002           1         2         2 openat\n"
			  " 16.67    0.000001           1         1           read\n"
			  " 16.67    0.000001           1         1           close\n" DASHES
			  "100.00    0.000006           1         6         4 total\n");
}

Test(unit_summary, long_names_and_big_values_widen_columns)
{
	rn_summary__add(s, NR_SCHED_GET_PRIO_MAX, 123456ull * 1000000000ull, false);
	rn_summary__add(s, NR_READ, 0, false);
	expect_table(
	    "% time       seconds   usecs/call     calls    errors syscall\n"
	    "------ ------------- ------------ --------- --------- -----------------------\n"
	    "100.00 123456.000000 123456000000         1           sched_get_priority_max\n"
	    "  0.00      0.000000            0         1           read\n"
	    "------ ------------- ------------ --------- --------- -----------------------\n"
	    "100.00 123456.000000  61728000000         2           total\n");
}

Test(unit_summary, zero_time_gives_zero_percent_not_nan)
{
	rn_summary__add(s, NR_READ, 0, false);
	rn_summary__add(s, NR_WRITE, 0, true);
	expect_table(HEAD "  0.00    0.000000           0         1           read\n"
			  "  0.00    0.000000           0         1         1 write\n" DASHES
			  "100.00    0.000000           0         2         1 total\n");
}

Test(unit_summary, min_max_avg_sorts)
{
	rn_summary__add(s, NR_READ, 1000, false);
	rn_summary__add(s, NR_READ, 9000, false);
	rn_summary__add(s, NR_WRITE, 3000, false);
	rn_summary__add(s, NR_WRITE, 3000, false);
	cr_assert_eq(rn_summary__set_sort(s, "min-time"), 0);
	expect_table(HEAD " 37.50    0.000006           3         2           write\n"
			  " 62.50    0.000010           5         2           read\n" DASHES
			  "100.00    0.000016           4         4           total\n");
	cr_assert_eq(rn_summary__set_sort(s, "longest"), 0);
	expect_table(HEAD " 62.50    0.000010           5         2           read\n"
			  " 37.50    0.000006           3         2           write\n" DASHES
			  "100.00    0.000016           4         4           total\n");
}

Test(unit_summary, empty_summary_prints_nothing)
{
	rn_summary__add(s, -1, 1000, false);
	rn_summary__add(s, 512, 1000, false); /* RN_MAX_SYSCALLS: out of range */
	expect_table("");
}

Test(unit_summary, sort_names_follow_strace)
{
	static const char *const good[] = {"time",   "time_total", "calls",    "count",
					   "errors", "name",	   "syscall",  "nothing",
					   "none",   "avg-time",   "shortest", "max_time"};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_expect_eq(rn_summary__set_sort(s, good[i]), 0, "%s", good[i]);
	cr_expect_eq(rn_summary__set_sort(s, "Time"), -EINVAL);
	cr_expect_eq(rn_summary__set_sort(s, "wall_total"), -EINVAL);
	cr_expect_eq(rn_summary__set_sort(s, ""), -EINVAL);
}

/* strace -c -U: the columns in the order given, the name last when not given, the total's
 * shortest and longest the smallest and largest of all calls. */
Test(unit_summary, columns_in_the_order_given_as_strace_prints_them)
{
	char err[256] = "";

	add_basic();
	cr_assert_eq(
	    rn_summary__set_columns(s, "name,calls,max-time,min-time,errors", err, sizeof(err)), 0,
	    "%s", err);
	expect_table("syscall              calls  longest shortest    errors\n"
		     "---------------- --------- -------- -------- ---------\n"
		     "openat                   2 0.000010 0.000010         1\n"
		     "read                     3 0.000003 0.000001          \n"
		     "close                    1 0.000004 0.000004          \n"
		     "---------------- --------- -------- -------- ---------\n"
		     "total                    6 0.000010 0.000001         1\n");
	cr_assert_eq(rn_summary__set_columns(s, "count,time", err, sizeof(err)), 0, "%s", err);
	expect_table("    calls % time syscall\n"
		     "--------- ------ ----------------\n"
		     "        2  66.67 openat\n"
		     "        3  20.00 read\n"
		     "        1  13.33 close\n"
		     "--------- ------ ----------------\n"
		     "        6 100.00 total\n");
}

Test(unit_summary, columns_refuse_what_strace_refuses)
{
	char err[256] = "";

	cr_expect_eq(rn_summary__set_columns(s, "calls,errors,calls,name", err, sizeof(err)),
		     -EINVAL);
	cr_expect_str_eq(err, "call summary column has been provided more than once: 'calls' "
			      "(-U option residual: 'calls,name')");
	cr_expect_eq(rn_summary__set_columns(s, "calls,", err, sizeof(err)), -EINVAL);
	cr_expect_str_eq(err, "unknown column name: ''");
	cr_expect_eq(rn_summary__set_columns(s, "none", err, sizeof(err)), -EINVAL);
	cr_expect_str_eq(err, "unknown column name: 'none'");
	cr_expect_eq(rn_summary__set_columns(s, "time,time-percent", err, sizeof(err)), -EINVAL);
}
