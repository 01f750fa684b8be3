// SPDX-License-Identifier: MIT
/*
 * renacerctl trace's answer to each of strace 6.1's options it does not take: refused with
 * the reason and what to use instead, never "unknown" as if it were a typo; a real typo
 * gets a "did you mean". Nothing is traced: the options are refused before BPF loads.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "integ.h"

#define CTL_TIMEOUT_S 30

TestSuite(integ_opts, .init = integ_setup_dir, .fini = integ_teardown, .timeout = 60);

static void expect_refused(const char *const *args, const char *name, const char *why)
{
	struct integ_run r;
	char want[160];

	snprintf(want, sizeof(want), "renacerctl: %s is not supported: ", name);
	cr_expect_eq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 2, "%s: status %d: %s", name,
		     r.status, r.err);
	cr_expect(!strncmp(r.err, want, strlen(want)), "%s: want `%s...`, got:\n%s", name, want,
		  r.err);
	cr_expect(strstr(r.err, why), "%s: the reason does not say `%s`:\n%s", name, why, r.err);
	cr_expect(r.err[0] && !strchr(r.err, '\n')[1], "%s: more than one line:\n%s", name, r.err);
	integ_run__free(&r);
}

Test(integ_opts, strace_options_renacer_does_not_take_are_refused_with_the_reason)
{
	static const struct {
		const char *args[7];
		const char *name, *why;
	} cases[] = {
	    {{"trace", "-D", "--", "true"}, "-D/--daemonize", "as its own child"},
	    {{"trace", "-DDD", "--", "true"}, "-D/--daemonize", "as its own child"},
	    {{"trace", "--daemonize=session", "--", "true"}, "-D/--daemonize", "as its own child"},
	    {{"trace", "-I", "2", "--", "true"}, "-I/--interruptible", "never stops"},
	    {{"trace", "--interruptible=never", "--", "true"}, "-I/--interruptible", "never stops"},
	    {{"trace", "-Y", "--", "true"}, "-Y/--decode-pids", "command names"},
	    {{"trace", "--decode-pids=pidns", "--", "true"}, "--decode-pids", "pid namespaces"},
	    {{"trace", "--pidns-translation", "--", "true"}, "--decode-pids", "pid namespaces"},
	    {{"trace", "-X", "raw", "--", "true"}, "-X/--const-print-style", "only abbrev"},
	    {{"trace", "--const-print-style=verbose", "--", "true"},
	     "-X/--const-print-style",
	     "only abbrev"},
	    {{"trace", "-c", "-O", "0.5", "--", "true"},
	     "-O/--summary-syscall-overhead",
	     "in the kernel"},
	    {{"trace", "--strings-in-hex=non-ascii-chars", "--", "true"},
	     "--strings-in-hex=non-ascii-chars",
	     "octal"},
	    {{"trace", "--secontext", "--", "true"}, "--secontext", "SELinux"},
	    {{"trace", "--tips", "--", "true"}, "--tips", "no tips"},
	    {{"trace", "-e", "kvm=vcpu", "--", "true"}, "-e kvm=", "kvm_run"},
	    {{"trace", "--kvm=vcpu", "--", "true"}, "-e kvm=", "kvm_run"},
	    {{"trace", "-e", "decode-pids=comm", "--", "true"}, "--decode-pids", "command names"},
	    {{"trace", "-e", "secontext=full", "--", "true"}, "--secontext", "SELinux"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_refused(cases[i].args, cases[i].name, cases[i].why);
}

Test(integ_opts, a_mistyped_long_option_is_unknown_with_the_closest_name_and_a_prefix_ambiguous)
{
	const char *typo[] = {"trace", "--syscal-times", "--", "true", NULL};
	const char *far[] = {"trace", "--frobnicate", "--", "true", NULL};
	const char *prefix[] = {"trace", "--summ=x", "--", "true", NULL};
	const char *same[] = {"trace", "--stack-tr", NULL};
	struct integ_run r;

	cr_expect_eq(integ_ctl(typo, integ_dir, CTL_TIMEOUT_S, &r), 2, "%s", r.err);
	cr_expect_str_eq(r.err, "renacerctl: unknown option '--syscal-times' (did you mean "
				"--syscall-times? see renacerctl trace --help)\n");
	integ_run__free(&r);
	cr_expect_eq(integ_ctl(prefix, integ_dir, CTL_TIMEOUT_S, &r), 2, "%s", r.err);
	cr_expect(!strncmp(r.err,
			   "renacerctl: option '--summ=x' is ambiguous; possibilities: "
			   "'--summary-only' '--summary' '--summary-sort-by' ",
			   108),
		  "%s", r.err);
	integ_run__free(&r);
	cr_expect_eq(integ_ctl(same, integ_dir, CTL_TIMEOUT_S, &r), 2, "%s", r.err);
	cr_expect(strstr(r.err, "nothing to trace"), "--stack-tr is -k:\n%s", r.err);
	integ_run__free(&r);
	cr_expect_eq(integ_ctl(far, integ_dir, CTL_TIMEOUT_S, &r), 2, "%s", r.err);
	cr_expect_str_eq(
	    r.err, "renacerctl: unknown option '--frobnicate' (see renacerctl trace --help)\n");
	integ_run__free(&r);
}

/* strace 6.1's own refusals of these, word for word after the program's name. */
Test(integ_opts, timestamp_and_summary_options_are_checked_as_strace_checks_them)
{
	static const struct {
		const char *args[7];
		const char *err;
	} cases[] = {
	    {{"trace", "-t", "--absolute-timestamps", "--", "true"},
	     "-t and --absolute-timestamps cannot be provided simultaneously"},
	    {{"trace", "--absolute-timestamps=foo", "--", "true"},
	     "invalid --absolute-timestamps argument: 'foo'"},
	    {{"trace", "--relative-timestamps=xs", "--", "true"},
	     "invalid --relative-timestamps argument: 'xs'"},
	    {{"trace", "--syscall-times=m", "--", "true"}, "invalid --syscall-times argument: 'm'"},
	    {{"trace", "-U", "calls", "--", "true"},
	     "-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)"},
	    {{"trace", "-c", "-U", "calls,errors,calls", "--", "true"},
	     "call summary column has been provided more than once: 'calls' (-U option "
	     "residual: 'calls')"},
	    {{"trace", "-c", "-U", "none", "--", "true"}, "unknown column name: 'none'"},
	    {{"trace", "-ff", "-o", "|cat", "--", "true"},
	     "piping the output and -ff/--output-separately are mutually exclusive"},
	    {{"trace", "-b", "open", "--", "true"}, "Syscall 'open' for -b isn't supported"},
	    {{"trace", "-w", "--", "true"},
	     "-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)"},
	    {{"trace", "-c", "-O", "abc", "--", "true"}, "invalid -O argument: 'abc'"},
	    {{"trace", "-y", "--decode-fds=all", "--", "true"},
	     "-y and --decode-fds cannot be provided simultaneously"},
	    {{"trace", "-e", "decode-fds=path,foo", "--", "true"}, "invalid decode-fds 'path,foo'"},
	};
	struct integ_run r;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cr_expect_eq(integ_ctl(cases[i].args, integ_dir, CTL_TIMEOUT_S, &r), 2, "%s: %s",
			     cases[i].args[1], r.err);
		cr_expect(!strncmp(r.err, "renacerctl: ", 12) &&
			      !strncmp(r.err + 12, cases[i].err, strlen(cases[i].err)),
			  "want `%s`, got:\n%s", cases[i].err, r.err);
		integ_run__free(&r);
	}
}

Test(integ_opts, A_and_a_json_trace_exclude_each_other)
{
	const char *args[] = {"trace", "-A", "-o", "t.json", "--", "true", NULL};
	struct integ_run r;

	cr_expect_eq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 2, "%s", r.err);
	cr_expect(strstr(r.err, "-A appends to a text trace"), "%s", r.err);
	integ_run__free(&r);
}

Test(integ_opts, summary_takes_U_as_trace_does)
{
	const char *args[] = {"summary", "-U", "calls,calls", "t.json", NULL};
	struct integ_run r;

	cr_expect_eq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 2, "%s", r.err);
	cr_expect(strstr(r.err, "call summary column has been provided more than once: 'calls'"),
		  "%s", r.err);
	integ_run__free(&r);
}
