/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "filter.h"
#if __has_include("systable.h")
#include "systable.h"
#else
const char *rn_syscall__name(int nr);
int rn_syscall__by_name(const char *name);
#endif

static struct rn_filter *f;
static char err[512];

static void setup(void)
{
	f = rn_filter__new();
	cr_assert_not_null(f);
	err[0] = '\0';
}

static void teardown(void)
{
	rn_filter__free(f);
}

TestSuite(unit_filter, .init = setup, .fini = teardown);

static int nr_of(const char *name)
{
	int nr = rn_syscall__by_name(name);

	cr_assert_geq(nr, 0, "unknown syscall name %s", name);
	return nr;
}

static bool traced(const char *name)
{
	return rn_filter__traced(f, nr_of(name));
}

static void parse_ok(const char *expr)
{
	int rc = rn_filter__parse(f, expr, err, sizeof(err));

	cr_assert_eq(rc, 0, "-e %s: %d %s", expr, rc, err);
}

static int count_traced(void)
{
	int n = 0;

	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++)
		n += rn_syscall__name(nr) && rn_filter__traced(f, nr);
	return n;
}

Test(unit_filter, default_traces_every_syscall_and_status)
{
	cr_assert(traced("read"));
	cr_assert(traced("exit_group"));
	cr_assert(rn_filter__status_ok(f, 0, false));
	cr_assert(rn_filter__status_ok(f, -2, false));
	cr_assert(rn_filter__status_ok(f, 0, true));
	cr_assert(rn_filter__status_all(f));
	cr_assert(rn_filter__signal_traced(f, 17));
}

Test(unit_filter, names_select_only_those_syscalls)
{
	parse_ok("trace=open,openat");
	cr_assert(traced("open"));
	cr_assert(traced("openat"));
	cr_assert_not(traced("read"));
	cr_assert_not(traced("openat2"));
	cr_assert_eq(count_traced(), 2);
}

Test(unit_filter, bare_list_means_trace_and_t_is_an_alias)
{
	parse_ok("open,read");
	cr_assert(traced("read"));
	cr_assert_not(traced("write"));
	parse_ok("t=write");
	cr_assert(traced("write"));
	cr_assert_not(traced("read"));
}

/* Members and non-members per class, as `strace -e trace=%class` selects them. */
static const struct {
	const char *expr;
	int count;
	const char *in[6];
	const char *out[6];
} class_cases[] = {
    {"%file",
     67,
     {"open", "openat", "execve", "stat", "statfs", "getcwd"},
     {"read", "fstat", "close", "mmap", "fchdir", "ftruncate"}},
    {"%process",
     16,
     {"clone", "clone3", "execveat", "exit_group", "wait4", "kill"},
     {"getpid", "open", "setsid", "pidfd_open", "prctl", "read"}},
    {"%network",
     21,
     {"socket", "connect", "sendfile", "accept4", "recvmmsg", "getpmsg"},
     {"read", "write", "pipe", "ioctl", NULL, NULL}},
    {"%net", 21, {"socket", "sendmmsg", NULL, NULL, NULL, NULL}, {"ioctl", NULL}},
    {"%memory",
     26,
     {"mmap", "brk", "shmat", "io_setup", "pkey_mprotect", "mlock2"},
     {"read", "shmget", "memfd_create", "process_madvise", NULL, NULL}},
    {"%signal",
     17,
     {"rt_sigaction", "kill", "signalfd4", "io_uring_enter", "pause", "tgkill"},
     {"wait4", "eventfd", "clone", NULL, NULL, NULL}},
    {"%ipc",
     12,
     {"shmget", "semop", "msgrcv", "semtimedop", "shmdt", NULL},
     {"mq_open", "pipe", NULL, NULL, NULL, NULL}},
    {"%desc",
     123,
     {"read", "close", "mmap", "openat", "fstat", "bpf"},
     {"access", "stat", "socket", "clone", "getpid", NULL}},
    {"%creds",
     19,
     {"getuid", "setresuid", "capget", "prctl", "setfsgid", "getgroups"},
     {"getpid", "setsid", "setpgid", NULL, NULL, NULL}},
    {"%clock",
     8,
     {"clock_gettime", "gettimeofday", "time", "adjtimex", "clock_adjtime", NULL},
     {"nanosleep", "clock_nanosleep", "timer_create", NULL, NULL, NULL}},
    {"%stat", 1, {"stat", NULL}, {"lstat", "fstat", "statx", NULL, NULL, NULL}},
    {"%lstat", 1, {"lstat", NULL}, {"stat", NULL}},
    {"%fstat", 3, {"fstat", "newfstatat", "statx", NULL, NULL, NULL}, {"stat", "lstat", NULL}},
    {"%%stat", 5, {"stat", "fstat", "lstat", "newfstatat", "statx", NULL}, {"statfs", NULL}},
    {"%statfs", 1, {"statfs", NULL}, {"fstatfs", "ustat", NULL}},
    {"%fstatfs", 1, {"fstatfs", NULL}, {"statfs", NULL}},
    {"%%statfs", 3, {"statfs", "fstatfs", "ustat", NULL, NULL, NULL}, {"stat", NULL}},
    {"%pure",
     8,
     {"getpid", "gettid", "getuid", "getppid", "getpgrp", "getegid"},
     {"getpgid", "getsid", "getcpu", "getresuid", NULL, NULL}},
    {"file", 67, {"open", NULL}, {"read", NULL}},
    {"process", 16, {"fork", NULL}, {"open", NULL}},
    {"network", 21, {"bind", NULL}, {"open", NULL}},
    {"signal", 17, {"sigaltstack", NULL}, {"open", NULL}},
    {"ipc", 12, {"msgget", NULL}, {"open", NULL}},
    {"desc", 123, {"dup3", NULL}, {"access", NULL}},
    {"memory", 26, {"munmap", NULL}, {"open", NULL}},
};

Test(unit_filter, classes_match_strace_membership)
{
	for (size_t i = 0; i < sizeof(class_cases) / sizeof(class_cases[0]); i++) {
		parse_ok(class_cases[i].expr);
		cr_expect_eq(count_traced(), class_cases[i].count, "%s selects %d, want %d",
			     class_cases[i].expr, count_traced(), class_cases[i].count);
		for (int j = 0; j < 6 && class_cases[i].in[j]; j++)
			cr_expect(traced(class_cases[i].in[j]), "%s should hold %s",
				  class_cases[i].expr, class_cases[i].in[j]);
		for (int j = 0; j < 6 && class_cases[i].out[j]; j++) {
			if (rn_syscall__by_name(class_cases[i].out[j]) < 0)
				continue;
			cr_expect_not(traced(class_cases[i].out[j]), "%s should not hold %s",
				      class_cases[i].expr, class_cases[i].out[j]);
		}
	}
}

Test(unit_filter, class_table_gives_strace_flags)
{
	cr_assert_eq(rn_filter__class_of("newfstatat"),
		     RN_CLASS_FILE | RN_CLASS_DESC | RN_CLASS_FSTAT | RN_CLASS_STAT_LIKE);
	cr_assert_eq(rn_filter__class_of("getuid"), RN_CLASS_CREDS | RN_CLASS_PURE);
	cr_assert_eq(rn_filter__class_of("sched_yield"), 0);
	cr_assert_eq(rn_filter__class_of("no_such_call"), 0);
}

Test(unit_filter, bang_negates_the_whole_list)
{
	parse_ok("t=!%memory,brk");
	cr_assert_not(traced("mmap"));
	cr_assert_not(traced("brk"));
	cr_assert(traced("read"));
	cr_assert(rn_filter__traced(f, 400), "unnamed numbers follow the inversion");
	parse_ok("trace=!!open");
	cr_assert(traced("open"));
	cr_assert_eq(count_traced(), 1);
}

Test(unit_filter, all_none_and_all_as_a_token)
{
	parse_ok("trace=none");
	cr_assert_eq(count_traced(), 0);
	parse_ok("trace=!none");
	cr_assert(traced("read"));
	parse_ok("trace=open,all");
	cr_assert(traced("read"));
	parse_ok("trace=!all");
	cr_assert_eq(count_traced(), 0);
}

Test(unit_filter, regex_matches_names_anywhere_unless_anchored)
{
	parse_ok("trace=/^stat");
	cr_assert(traced("stat"));
	cr_assert(traced("statfs"));
	cr_assert(traced("statx"));
	cr_assert_not(traced("fstat"));
	cr_assert_eq(count_traced(), 3);
	parse_ok("trace=/open");
	cr_assert(traced("mq_open"));
	cr_assert(traced("open_by_handle_at"));
	parse_ok("trace=/^(read|write)$");
	cr_assert_eq(count_traced(), 2);
}

Test(unit_filter, later_trace_replaces_earlier_like_strace)
{
	parse_ok("trace=open");
	parse_ok("trace=close");
	cr_assert(traced("close"));
	cr_assert_not(traced("open"));
}

Test(unit_filter, question_mark_ignores_unknown_names)
{
	parse_ok("trace=?nosuchcall");
	cr_assert_eq(count_traced(), 0);
	parse_ok("trace=?nosuchcall,open");
	cr_assert(traced("open"));
	parse_ok("trace=socketcall"); /* an i386 syscall: valid for strace, selects nothing */
	cr_assert_eq(count_traced(), 0);
}

Test(unit_filter, numbers_and_personality_suffixes)
{
	parse_ok("trace=59");
	cr_assert(traced("execve"));
	cr_assert_eq(count_traced(), 1);
	parse_ok("trace=open@64");
	cr_assert(traced("open"));
	parse_ok("trace=open@32");
	cr_assert_eq(count_traced(), 0);
}

Test(unit_filter, bitmap_mirrors_traced)
{
	uint64_t bits[RN_MAX_SYSCALLS / 64];

	parse_ok("trace=%network");
	rn_filter__bitmap(f, bits);
	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++)
		cr_assert_eq((bits[nr / 64] >> (nr % 64)) & 1, rn_filter__traced(f, nr), "nr %d",
			     nr);
	cr_assert((bits[nr_of("socket") / 64] >> (nr_of("socket") % 64)) & 1);
}

Test(unit_filter, status_failed_keeps_only_errors)
{
	parse_ok("status=failed");
	cr_assert(rn_filter__status_ok(f, -2, false));
	cr_assert(rn_filter__status_ok(f, -4095, false));
	cr_assert_not(rn_filter__status_ok(f, -4096, false), "below -4095 is a value, not errno");
	cr_assert_not(rn_filter__status_ok(f, 0, false));
	cr_assert_not(rn_filter__status_ok(f, 0, true));
	cr_assert_not(rn_filter__status_all(f));
}

Test(unit_filter, status_negation_and_unfinished)
{
	parse_ok("status=!successful");
	cr_assert_not(rn_filter__status_ok(f, 3, false));
	cr_assert(rn_filter__status_ok(f, -1, false));
	cr_assert(rn_filter__status_ok(f, 0, true));
	parse_ok("status=Unfinished");
	cr_assert(rn_filter__status_ok(f, 0, true));
	cr_assert_not(rn_filter__status_ok(f, -1, false));
}

Test(unit_filter, signal_names_numbers_and_negation)
{
	parse_ok("signal=SIGCHLD");
	cr_assert(rn_filter__signal_traced(f, 17));
	cr_assert_not(rn_filter__signal_traced(f, 15));
	parse_ok("signal=!term,9");
	cr_assert_not(rn_filter__signal_traced(f, 15));
	cr_assert_not(rn_filter__signal_traced(f, 9));
	cr_assert(rn_filter__signal_traced(f, 17));
	parse_ok("s=rt_1");
	cr_assert(rn_filter__signal_traced(f, 33));
}

Test(unit_filter, signal_names_in_any_case_with_or_without_sig)
{
	parse_ok("signal=sigrtmin");
	cr_assert(rn_filter__signal_traced(f, 32));
	cr_assert_not(rn_filter__signal_traced(f, 33));
	parse_ok("signal=SigRT_32,stkflt");
	cr_assert(rn_filter__signal_traced(f, 64));
	cr_assert(rn_filter__signal_traced(f, 16));
	cr_assert_not(rn_filter__signal_traced(f, 63));
	cr_assert_eq(rn_filter__parse(f, "signal=RT_33", err, sizeof(err)), -EINVAL);
	cr_assert_eq(rn_filter__parse(f, "signal=SIG", err, sizeof(err)), -EINVAL);
	cr_assert_eq(rn_filter__parse(f, "signal=SIGVTALRMXXXXXXXXX", err, sizeof(err)), -EINVAL);
}

static void parse_fails(const char *expr, int want_rc, const char *want_msg)
{
	int rc = rn_filter__parse(f, expr, err, sizeof(err));

	cr_expect_eq(rc, want_rc, "-e %s returned %d", expr, rc);
	cr_expect_str_eq(err, want_msg, "-e %s", expr);
}

Test(unit_filter, bad_input_names_the_token_and_the_fix)
{
	parse_fails("trace=opn", -EINVAL, "invalid system call 'opn' (did you mean 'open'?)");
	parse_fails("trace=", -EINVAL,
		    "invalid system call '' (give names, %classes, /regexes or numbers "
		    "separated by commas, or all, none)");
	parse_fails("trace=%zzz", -EINVAL,
		    "invalid system call '%zzz' (classes: %file %process %network %signal %ipc "
		    "%desc %memory %creds %clock %stat %lstat %fstat %%stat %statfs %fstatfs "
		    "%%statfs %pure)");
	parse_fails("trace=/[", -EINVAL, "regcomp: [: Invalid regular expression");
	parse_fails("trace=/^zzz", -EINVAL,
		    "invalid system call '/^zzz' (the regular expression matches no system "
		    "call name)");
	parse_fails("trace=600", -EINVAL,
		    "invalid system call '600' (system call numbers go from 0 to 450)");
	parse_fails("trace=none,open", -EINVAL,
		    "invalid system call 'none' (none stands alone: -e trace=none)");
	parse_fails("foo=bar", -EINVAL,
		    "invalid system call 'foo=bar' (unknown qualifier 'foo'; use trace=, status= "
		    "or signal=)");
	parse_fails("trace=open@foo", -EINVAL,
		    "incorrect personality designator 'foo' in qualification 'open@foo' (use "
		    "@64, @32 or @x32)");
	parse_fails("status=foo", -EINVAL,
		    "invalid status 'foo' (expected successful, failed, unfinished, unavailable "
		    "or detached)");
	parse_fails("signal=SIGFOO", -EINVAL,
		    "invalid signal 'SIGFOO' (expected a name such as SIGTERM or TERM, or a "
		    "number from 0 to 255)");
	parse_fails("kvm=vcpu", -EOPNOTSUPP,
		    "-e kvm= is not supported by renacer (supported: trace=, status=, signal=, "
		    "read=, write=, raw=, abbrev=, verbose=, quiet=)");
	parse_fails("quiet=foo", -EINVAL,
		    "invalid quiet 'foo' (expected attach, exit, path-resolution, personality or "
		    "thread-execve)");
	parse_fails("read=x", -EINVAL, "invalid descriptor 'x' (expected a number from 0 to 1023)");
	parse_fails("write=1024", -EINVAL,
		    "invalid descriptor '1024' (expected a number from 0 to 1023)");
	parse_fails("raw=opn", -EINVAL, "invalid system call 'opn' (did you mean 'open'?)");
}

Test(unit_filter, abbrev_verbose_and_quiet_take_strace_sets)
{
	bool given = true;

	cr_expect_null(rn_filter__abbrev_set(f), "every call is abbreviated by default");
	cr_expect_null(rn_filter__verbose_set(f), "every call is dereferenced by default");
	cr_expect_eq(rn_filter__quiet(f, &given), 0);
	cr_expect(!given);
	cr_assert_eq(rn_filter__parse(f, "abbrev=!execve", NULL, 0), 0);
	cr_expect(!rn_filter__abbrev(f, nr_of("execve")));
	cr_expect(rn_filter__abbrev(f, nr_of("stat")));
	cr_expect(rn_filter__abbrev_set(f));
	cr_assert_eq(rn_filter__parse(f, "verbose=none", NULL, 0), 0);
	cr_expect(!rn_filter__verbose(f, nr_of("uname")));
	cr_assert_eq(rn_filter__parse(f, "quiet=attach,exits,superseded", NULL, 0), 0);
	cr_expect_eq(rn_filter__quiet(f, &given),
		     RN_QUIET_ATTACH | RN_QUIET_EXIT | RN_QUIET_THREAD_EXECVE);
	cr_expect(given);
	cr_assert_eq(rn_filter__parse(f, "quiet=all", NULL, 0), 0);
	cr_expect_eq(rn_filter__quiet(f, NULL), RN_QUIET__ALL);
}

Test(unit_filter, read_write_and_raw_select_descriptors_and_syscalls)
{
	const uint64_t *raw;

	cr_assert_not(rn_filter__dumps(f));
	cr_assert_null(rn_filter__raw(f));
	parse_ok("read=3,5");
	parse_ok("w=!1");
	parse_ok("x=read");
	cr_expect(rn_filter__dump_read(f, 3) && rn_filter__dump_read(f, 5));
	cr_expect_not(rn_filter__dump_read(f, 4));
	cr_expect_not(rn_filter__dump_write(f, 1));
	cr_expect(rn_filter__dump_write(f, 2) && rn_filter__dump_write(f, 1023));
	cr_expect(rn_filter__dumps(f));
	raw = rn_filter__raw(f);
	cr_assert_not_null(raw);
	cr_expect(raw[rn_syscall__by_name("read") / 64] >> (rn_syscall__by_name("read") % 64) & 1);
	cr_expect_not(
	    raw[rn_syscall__by_name("write") / 64] >> (rn_syscall__by_name("write") % 64) & 1);
	cr_expect(traced("write"), "raw= is not trace=");
}

Test(unit_filter, failed_parse_leaves_filter_unchanged)
{
	parse_ok("trace=read");
	cr_assert_eq(rn_filter__parse(f, "trace=read,opn", err, sizeof(err)), -EINVAL);
	cr_assert(traced("read"));
	cr_assert_eq(count_traced(), 1);
}
