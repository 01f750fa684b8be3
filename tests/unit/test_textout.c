// SPDX-License-Identifier: MIT
/* textout's line layout: prefixes, timestamps, the result column and -T, as strace 6.1 prints. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

#include "recbuild.h"
#include "textout.h"

static struct rn_recbuild b;
static char *text;
static size_t text_len;
static FILE *mem;
static struct rn_textout *t;
static char want[256];

static void open_out(const struct rn_textout_opts *o)
{
	mem = open_memstream(&text, &text_len);
	cr_assert_not_null(mem);
	t = rn_textout__new(mem, o);
	cr_assert_not_null(t);
}

static const char *out(void)
{
	cr_assert_eq(rn_textout__flush(t), 0);
	return text;
}

static void fini(void)
{
	rn_textout__free(t);
	t = NULL;
	if (mem)
		fclose(mem);
	mem = NULL;
	free(text);
	text = NULL;
}

static void init(void)
{
	/* -t/-tt print local time: fix the zone so the expected text is known */
	setenv("TZ", "UTC", 1);
	tzset();
	rn_recbuild__init(&b, __NR_getpid, 42, NULL);
}

TestSuite(unit_textout, .init = init, .fini = fini);

/* prefix padded with spaces to column 40, then rest. */
static const char *col40(const char *prefix, const char *rest)
{
	snprintf(want, sizeof(want), "%-40s%s", prefix, rest);
	return want;
}

static void syscall_line(int nprocs)
{
	struct rn_event ev = rn_recbuild__event(&b);

	rn_textout__syscall(t, &ev, nprocs);
}

Test(unit_textout, a_call_pads_its_result_to_column_40)
{
	open_out(&(struct rn_textout_opts){0});
	syscall_line(1);
	cr_assert_str_eq(out(), col40("getpid()", "= 42\n"));
}

Test(unit_textout, a_call_past_column_40_gets_one_space)
{
	const __u64 args[6] = {(__u64)-100, 0x7ffd00001000, 0x80000, 0};

	open_out(&(struct rn_textout_opts){0});
	rn_recbuild__init(&b, __NR_openat, 3, args);
	rn_recbuild__str(&b, 1, "/usr/lib/x86_64-linux-gnu/libc.so.6");
	syscall_line(1);
	cr_assert_str_eq(
	    out(),
	    "openat(AT_FDCWD, \"/usr/lib/x86_64-linux-gnu/libc.so.6\", O_RDONLY|O_CLOEXEC) = 3\n");
}

Test(unit_textout, pid_prefix_only_with_more_than_one_process)
{
	open_out(&(struct rn_textout_opts){0});
	syscall_line(2);
	syscall_line(1);
	snprintf(want, sizeof(want), "%-40s%s%-40s%s", "[pid  4242] getpid()", "= 42\n", "getpid()",
		 "= 42\n");
	cr_assert_str_eq(out(), want);
}

Test(unit_textout, pid_always_pads_the_pid_to_five)
{
	open_out(&(struct rn_textout_opts){.pid_always = true});
	syscall_line(1);
	cr_assert_str_eq(out(), col40("4242  getpid()", "= 42\n"));
}

/* enter_ns is 1000 in recbuild: this offset makes it 2023-11-14 22:13:20.123456 UTC. */
#define TO_REAL (1700000000ll * 1000000000 + 123456000 - 1000)

Test(unit_textout, t_prints_the_time_of_day)
{
	open_out(&(struct rn_textout_opts){.tstamp = 1, .mono_to_real_ns = TO_REAL});
	syscall_line(1);
	cr_assert_str_eq(out(), col40("22:13:20 getpid()", "= 42\n"));
}

Test(unit_textout, tt_adds_microseconds)
{
	open_out(&(struct rn_textout_opts){.tstamp = 2, .mono_to_real_ns = TO_REAL});
	syscall_line(1);
	cr_assert_str_eq(out(), col40("22:13:20.123456 getpid()", "= 42\n"));
}

Test(unit_textout, ttt_prints_seconds_since_the_epoch)
{
	open_out(&(struct rn_textout_opts){.tstamp = 3, .mono_to_real_ns = TO_REAL});
	syscall_line(1);
	cr_assert_str_eq(out(), col40("1700000000.123456 getpid()", "= 42\n"));
}

Test(unit_textout, set_clock_moves_the_timestamps)
{
	open_out(&(struct rn_textout_opts){.tstamp = 3});
	rn_textout__set_clock(t, TO_REAL + 2000000000ll);
	syscall_line(1);
	cr_assert_str_eq(out(), col40("1700000002.123456 getpid()", "= 42\n"));
}

Test(unit_textout, T_appends_the_duration_but_not_to_unfinished_calls)
{
	open_out(&(struct rn_textout_opts){.syscall_times = true});
	b.rec->exit_ns = b.rec->enter_ns + 1234567890;
	syscall_line(1);
	rn_recbuild__init(&b, __NR_exit_group, 0, NULL);
	rn_recbuild__noreturn(&b);
	syscall_line(1);
	snprintf(want, sizeof(want), "%-40s%s%-40s%s", "getpid()", "= 42 <1.234567>\n",
		 "exit_group(0)", "= ?\n");
	cr_assert_str_eq(out(), want);
}

Test(unit_textout, signal_and_exit_lines_take_the_prefix)
{
	struct rn_sig_rec s = {.h.tid = 77, .signo = 17, .code = 1, .pid = 78, .status = 0};

	open_out(&(struct rn_textout_opts){0});
	rn_textout__signal(t, &s, 2);
	rn_textout__exit(t, 77, 3 << 8, 0, 2);
	cr_assert_str_eq(out(), "[pid    77] --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, "
				"si_pid=78, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---\n"
				"[pid    77] +++ exited with 3 +++\n");
}

Test(unit_textout, a_callers_own_line_gets_the_same_layout)
{
	struct rn_strbuf *sb;

	open_out(&(struct rn_textout_opts){.syscall_times = true, .pid_always = true});
	sb = rn_textout__line_begin(t, 9, 1000, 1);
	rn_strbuf__puts(sb, "read(3, \"\", 4096)");
	rn_textout__line_pad(t);
	rn_strbuf__puts(sb, "= 0");
	rn_textout__line_duration(t, 12000);
	rn_textout__line_end(t);
	cr_assert_str_eq(out(), col40("9     read(3, \"\", 4096)", "= 0 <0.000012>\n"));
}

/* -r: the time since the previous line began (0 for the first), as strace 6.1 prints it. */
Test(unit_textout, r_prints_the_time_since_the_previous_line)
{
	open_out(&(struct rn_textout_opts){.relative = true});
	syscall_line(1);
	b.rec->enter_ns += 1234567;
	syscall_line(1);
	snprintf(want, sizeof(want), "%-40s%s%-40s%s", "     0.000000 getpid()", "= 42\n",
		 "     0.001234 getpid()", "= 42\n");
	cr_assert_str_eq(out(), want);
}

Test(unit_textout, r_with_t_prints_the_delta_in_brackets)
{
	open_out(
	    &(struct rn_textout_opts){.tstamp = 1, .relative = true, .mono_to_real_ns = TO_REAL});
	syscall_line(1);
	cr_assert_str_eq(out(), col40("22:13:20 (+     0.000000) getpid()", "= 42\n"));
}

/* -n: the syscall's number before its name. */
Test(unit_textout, n_prints_the_syscall_number)
{
	open_out(&(struct rn_textout_opts){.syscall_number = true});
	syscall_line(1);
	cr_assert_str_eq(out(), col40("[  39] getpid()", "= 42\n"));
}
