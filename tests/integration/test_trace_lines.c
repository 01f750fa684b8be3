// SPDX-License-Identifier: MIT
/* Exact strace lines for fixtures with known syscalls, and the shape of each output option. */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integ.h"

static char *fx_fileops;

static void setup(void)
{
	integ_setup();
	fx_fileops = integ_fixture("fileops");
}

static void teardown(void)
{
	free(fx_fileops);
	integ_teardown();
}

TestSuite(integ_lines, .init = setup, .fini = teardown, .timeout = 120);

static void expect_line(const struct integ_traced *tr, int pid, const char *text)
{
	cr_expect(integ_trace__find(&tr->t, pid, text), "missing line (pid %d):\n  %s\ntrace:\n%s",
		  pid, text, tr->raw);
}

static void expect_linef(const struct integ_traced *tr, int pid, const char *fmt, const char *arg)
{
	char *text;

	cr_assert(asprintf(&text, fmt, arg) >= 0);
	expect_line(tr, pid, text);
	free(text);
}

/* Every line of `text` that is not empty matches the extended regex `re`. */
static void expect_all_lines_match(const char *text, const char *re_src, const char *what)
{
	regex_t re;
	char *copy = strdup(text), *save = NULL;
	size_t n = 0;

	cr_assert(!regcomp(&re, re_src, REG_EXTENDED | REG_NOSUB));
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save), n++)
		cr_expect(!regexec(&re, l, 0, NULL, 0), "%s: line does not match /%s/:\n  %s", what,
			  re_src, l);
	cr_expect(n > 0, "%s: no output", what);
	regfree(&re);
	free(copy);
}

static bool has_line_matching(const char *text, const char *re_src)
{
	regex_t re;
	bool found;

	cr_assert(!regcomp(&re, re_src, REG_EXTENDED | REG_NOSUB | REG_NEWLINE));
	found = !regexec(&re, text, 0, NULL, 0);
	regfree(&re);
	return found;
}

Test(integ_lines, fileops_calls_print_exactly_as_strace)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, NULL, cmd, false), 0, "tracer failed: %s",
		     tr.run.err);
	expect_line(&tr, 0,
		    "openat(AT_FDCWD, \"/nonexistent/renacer\", O_RDONLY) = -1 ENOENT (No such "
		    "file or directory)");
	expect_linef(
	    &tr, 0,
	    "openat(AT_FDCWD, \"%s/renacer-fileops.txt\", O_RDWR|O_CREAT|O_TRUNC, 0644) = 3",
	    integ_dir);
	expect_line(&tr, 0, "write(3, \"renacer fileops\\n\", 16) = 16");
	expect_line(&tr, 0, "lseek(3, 0, SEEK_SET) = 0");
	expect_line(&tr, 0, "read(3, \"renacer fileops\\n\", 64) = 16");
	expect_line(&tr, 0, "close(3) = 0");
	expect_linef(&tr, 0, "unlink(\"%s/renacer-fileops.txt\") = 0", integ_dir);
	expect_line(&tr, 0, "exit_group(0) = ?");
	cr_assert(tr.t.n > 0);
	cr_expect_str_eq(tr.t.v[tr.t.n - 1].text, "+++ exited with 0 +++");
	cr_expect_eq(strncmp(tr.t.v[0].text, "execve(\"", 8), 0, "first line is not execve: %s",
		     tr.t.v[0].text);
	integ_traced__free(&tr);
}

Test(integ_lines, every_line_is_wellformed)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	struct integ_traced tr;

	integ_traced__run(&tr, integ_dir, NULL, cmd, false);
	for (size_t i = 0; i < tr.t.n; i++)
		cr_expect(integ_text__wellformed(tr.t.v[i].text), "malformed line %zu: %s", i,
			  tr.t.v[i].text);
	integ_traced__free(&tr);
}

Test(integ_lines, exit_status_is_the_traced_commands)
{
	char *fx = integ_fixture("exitcode");
	const char *cmd[] = {fx, "7", NULL};
	struct integ_traced tr;

	cr_expect_eq(integ_traced__run(&tr, integ_dir, NULL, cmd, false), 7, "status: %s",
		     tr.run.err);
	expect_line(&tr, 0, "exit_group(7) = ?");
	cr_assert(tr.t.n > 0);
	cr_expect_str_eq(tr.t.v[tr.t.n - 1].text, "+++ exited with 7 +++");
	integ_traced__free(&tr);
	free(fx);
}

Test(integ_lines, signals_and_deaths_by_signal_print_as_strace)
{
	char *fx = integ_fixture("signals");
	const char *cmd[] = {fx, NULL};
	const char *opts[] = {"-f", NULL};
	struct integ_traced tr;
	const struct integ_line *killed, *segv;
	char want[256];
	int root;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, true), 0, "%s", tr.run.err);
	cr_assert(tr.t.n > 0);
	root = tr.t.v[0].pid;
	snprintf(want, sizeof(want), "kill(%d, SIGUSR1) = 0", root);
	expect_line(&tr, root, want);
	snprintf(want, sizeof(want),
		 "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=%d, si_uid=0} ---", root);
	expect_line(&tr, root, want);
	expect_line(&tr, root, "rt_sigreturn({mask=[]}) = 0");
	killed = integ_trace__find(&tr.t, -1, "+++ killed by SIGKILL +++");
	segv = integ_trace__find(&tr.t, -1, "+++ killed by SIGSEGV +++");
	cr_assert(killed, "no `+++ killed by SIGKILL +++`:\n%s", tr.raw);
	cr_assert(segv, "no `+++ killed by SIGSEGV +++`:\n%s", tr.raw);
	cr_expect_neq(killed->pid, root);
	cr_expect_neq(segv->pid, root);
	snprintf(want, sizeof(want), "kill(%d, SIGKILL) = ?", killed->pid);
	expect_line(&tr, killed->pid, want);
	expect_line(&tr, segv->pid,
		    "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---");
	expect_line(&tr, root, "+++ exited with 0 +++");
	integ_traced__free(&tr);
	free(fx);
}

Test(integ_lines, pipe_writes_and_reads_show_the_data)
{
	char *fx = integ_fixture("pipeline_rw");
	const char *cmd[] = {fx, "2", "echo", NULL};
	const char *opts[] = {"-f", NULL};
	struct integ_traced tr;
	int root, child = 0;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, true), 0, "%s", tr.run.err);
	cr_assert(tr.t.n > 0);
	root = tr.t.v[0].pid;
	for (size_t i = 0; i < tr.t.n && !child; i++)
		if (tr.t.v[i].pid != root)
			child = tr.t.v[i].pid;
	cr_assert(child, "no child lines:\n%s", tr.raw);
	expect_line(&tr, root, "pipe2([3, 4], 0) = 0");
	expect_line(&tr, child, "write(4, \"hello\\n\", 6) = 6");
	expect_line(&tr, root, "read(3, \"hello\\n\", 6) = 6");
	expect_line(&tr, root, "write(1, \"hello\\n\", 6) = 6");
	expect_line(&tr, root, "read(3, \"\", 6) = 0");
	cr_expect_eq(integ_trace__count(&tr.t, child, "write"), 2);
	cr_expect_eq(integ_trace__count(&tr.t, root, "write"), 2);
	integ_traced__free(&tr);
	free(fx);
}

Test(integ_lines, execve_shows_argv_and_env_count)
{
	char *fx = integ_fixture("execer");
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;
	bool found = false;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, NULL, cmd, false), 0, "%s", tr.run.err);
	/* The envp address varies run to run; the rest is fixed by the fixture. */
	found = has_line_matching(tr.raw, "^execve\\(\"/bin/true\", \\[\"true\"\\], 0x[0-9a-f]+ "
					  "/\\* 1 var \\*/\\) += 0$");
	cr_expect(found, "no execve of /bin/true:\n%s", tr.raw);
	cr_expect_eq(integ_trace__count(&tr.t, -1, "execve"), 2);
	integ_traced__free(&tr);
	free(fx);
}

Test(integ_lines, trace_filter_keeps_only_named_calls)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	const char *opts[] = {"-e", "trace=openat,close", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	for (size_t i = 0; i < tr.t.n; i++) {
		const struct integ_line *l = &tr.t.v[i];

		cr_expect(l->kind != INTEG_SYSCALL || !strcmp(l->name, "openat") ||
			      !strcmp(l->name, "close"),
			  "filtered-out call printed: %s", l->text);
	}
	expect_line(&tr, 0,
		    "openat(AT_FDCWD, \"/nonexistent/renacer\", O_RDONLY) = -1 ENOENT (No such "
		    "file or directory)");
	expect_line(&tr, 0, "close(3) = 0");
	expect_line(&tr, 0, "+++ exited with 0 +++");
	integ_traced__free(&tr);
}

Test(integ_lines, status_failed_keeps_only_failed_calls)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	const char *opts[] = {"-e", "status=failed", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	for (size_t i = 0; i < tr.t.n; i++) {
		const struct integ_line *l = &tr.t.v[i];

		cr_expect(l->kind != INTEG_SYSCALL || integ_line__ret(l) == -1,
			  "successful call printed: %s", l->text);
	}
	expect_line(&tr, 0,
		    "openat(AT_FDCWD, \"/nonexistent/renacer\", O_RDONLY) = -1 ENOENT (No such "
		    "file or directory)");
	integ_traced__free(&tr);
}

Test(integ_lines, string_limit_truncates_with_ellipsis)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	const char *opts[] = {"-s", "5", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	expect_line(&tr, 0, "write(3, \"renac\"..., 16) = 16");
	integ_traced__free(&tr);
}

Test(integ_lines, summary_table_has_strace_header_and_rows)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	const char *opts[] = {"-c", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect(has_line_matching(tr.raw, "^% time     seconds  usecs/call     calls    errors "
					    "syscall$"),
		  "no -c header:\n%s", tr.raw);
	cr_expect(has_line_matching(tr.raw, "^------ ----------- ----------- --------- --------- "
					    "----------------$"),
		  "no -c separator:\n%s", tr.raw);
	/* One unlink, one lseek; openat failed at least once (the missing file). */
	cr_expect(has_line_matching(tr.raw, "^ *[0-9]+\\.[0-9]{2} +[0-9]+\\.[0-9]{6} +[0-9]+ +1 "
					    "+unlink$"),
		  "no unlink row:\n%s", tr.raw);
	cr_expect(has_line_matching(tr.raw, "^ *[0-9]+\\.[0-9]{2} +[0-9]+\\.[0-9]{6} +[0-9]+ +1 "
					    "+lseek$"),
		  "no lseek row:\n%s", tr.raw);
	cr_expect(has_line_matching(tr.raw,
				    "^ *[0-9]+\\.[0-9]{2} +[0-9]+\\.[0-9]{6} +[0-9]+ +[0-9]+ "
				    "+[1-9][0-9]* +openat$"),
		  "no openat row with errors:\n%s", tr.raw);
	cr_expect(has_line_matching(tr.raw, "^100\\.00 +[0-9]+\\.[0-9]{6} +[0-9]+ +[0-9]+ +[0-9]+ "
					    "+total$"),
		  "no total row:\n%s", tr.raw);
	cr_expect(!strstr(tr.raw, "unlink(\""), "-c printed call lines:\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_lines, summary_with_C_adds_the_table_to_the_lines)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	const char *opts[] = {"-C", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	expect_line(&tr, 0, "lseek(3, 0, SEEK_SET) = 0");
	cr_expect(has_line_matching(tr.raw, "^% time     seconds  usecs/call     calls    errors "
					    "syscall$"),
		  "no -C table:\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_lines, T_appends_the_duration)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	const char *opts[] = {"-T", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	for (size_t i = 0; i < tr.t.n; i++) {
		const struct integ_line *l = &tr.t.v[i];
		size_t n = strlen(l->text);

		/* Calls that never return (exit_group) have no duration. */
		if (l->kind != INTEG_SYSCALL || (n > 4 && !strcmp(l->text + n - 4, " = ?")))
			continue;
		cr_expect(has_line_matching(l->text, " <[0-9]+\\.[0-9]{6}>$"), "no -T suffix: %s",
			  l->text);
	}
	cr_expect(has_line_matching(tr.raw, "^lseek\\(3, 0, SEEK_SET\\) += 0 <[0-9]+\\.[0-9]{6}>$"),
		  "no lseek line with -T:\n%s", tr.raw);
	integ_traced__free(&tr);
}

/* -t, -tt and -ttt prefixes: every line, "+++" lines included, carries one. */
static const struct {
	const char *opt;
	const char *re;
} time_prefixes[] = {
    {"-t", "^[0-2][0-9]:[0-5][0-9]:[0-6][0-9] [-+a-z]"},
    {"-tt", "^[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\\.[0-9]{6} [-+a-z]"},
    {"-ttt", "^[0-9]{9,}\\.[0-9]{6} [-+a-z]"},
};

Test(integ_lines, time_prefixes_have_strace_shapes)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};

	for (size_t i = 0; i < sizeof(time_prefixes) / sizeof(time_prefixes[0]); i++) {
		const char *opts[] = {time_prefixes[i].opt, NULL};
		struct integ_traced tr;

		cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s",
			     tr.run.err);
		expect_all_lines_match(tr.raw, time_prefixes[i].re, time_prefixes[i].opt);
		integ_traced__free(&tr);
	}
}

Test(integ_lines, o_file_gets_the_trace_and_stderr_stays_clean)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, NULL, cmd, false), 0, "%s", tr.run.err);
	cr_expect(strstr(tr.raw, "lseek(3, 0, SEEK_SET)"), "trace file lacks lseek:\n%s", tr.raw);
	cr_expect(!strstr(tr.run.err, "lseek("), "trace leaked to stderr:\n%s", tr.run.err);
	cr_expect(!strstr(tr.run.out, "lseek("), "trace leaked to stdout:\n%s", tr.run.out);
	integ_traced__free(&tr);
}

Test(integ_lines, without_o_the_trace_goes_to_stderr)
{
	const char *cmd[] = {fx_fileops, integ_dir, NULL};
	char **argv = integ_trace_argv(NULL, cmd);
	struct integ_run r;
	struct integ_trace t;

	cr_assert_eq(integ_run(argv, integ_dir, 60, &r), 0, "%s", r.err);
	cr_assert_eq(integ_trace__parse(&t, r.err, false), 0);
	cr_expect(integ_trace__find(&t, 0, "lseek(3, 0, SEEK_SET) = 0"), "stderr:\n%s", r.err);
	cr_expect_str_empty(r.out);
	integ_trace__free(&t);
	integ_run__free(&r);
	free(argv);
}

Test(integ_lines, decoding_batch1_calls_print_as_strace)
{
	char *fx = integ_fixture("decode_batch1");
	const char *cmd[] = {fx, integ_dir, NULL};
	struct integ_traced tr;
	char want[128];

	cr_assert_eq(integ_traced__run(&tr, integ_dir, NULL, cmd, false), 0, "tracer failed: %s",
		     tr.run.err);
	snprintf(want, sizeof(want), "getresuid([%u], [%u], [%u]) = 0", getuid(), geteuid(),
		 getuid());
	expect_line(&tr, 0, want);
	expect_line(&tr, 0, "setresuid(-1, -1, -1) = 0");
	expect_line(
	    &tr, 0,
	    "setitimer(ITIMER_PROF, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, "
	    "tv_usec=0}}, NULL) = 0");
	expect_line(&tr, 0, "fallocate(10, 0, 0, 8192) = 0");
	expect_line(&tr, 0, "fallocate(10, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE, 0, 4096) = 0");
	expect_line(&tr, 0, "copy_file_range(10, [0], 10, [4096], 0, 0) = 0");
	expect_line(&tr, 0,
		    "pselect6(21, [20], NULL, NULL, {tv_sec=0, tv_nsec=0}, {sigmask=NULL, "
		    "sigsetsize=8}) = 0 (Timeout)");
	expect_line(&tr, 0, "splice(20, NULL, 23, NULL, 1, SPLICE_F_MOVE|SPLICE_F_NONBLOCK) = 1");
	expect_line(&tr, 0, "tee(22, 21, 1, 0) = 1");
	expect_line(&tr, 0, "close_range(100, 200, CLOSE_RANGE_CLOEXEC) = 0");
	integ_traced__free(&tr);
	free(fx);
}

/*
 * A netlink socket's buffers decode as strace 6.1 decodes them (issue 17): ip's RTM_GETADDR
 * dump request, the kernel's RTM_NEWADDR answer for lo with its attributes, NLMSG_DONE.
 */
Test(integ_lines, netlink_messages_decode_as_strace)
{
	const char *opts[] = {"-e", "trace=sendto,recvmsg", NULL};
	const char *cmd[] = {"ip", "-4", "addr", "show", "lo", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "tracer failed: %s",
		     tr.run.err);
	cr_expect(has_line_matching(tr.raw,
				    "^sendto\\(3, \\[\\[\\{nlmsg_len=24, "
				    "nlmsg_type=RTM_GETADDR, "
				    "nlmsg_flags=NLM_F_REQUEST\\|NLM_F_DUMP, nlmsg_seq=[0-9]+, "
				    "nlmsg_pid=0\\}, \\{ifa_family=AF_INET, ifa_prefixlen=0, "
				    "ifa_flags=0, ifa_scope=RT_SCOPE_UNIVERSE, "
				    "ifa_index=if_nametoindex\\(\"lo\"\\)\\}\\], \\{nlmsg_len=0, "),
		  "no decoded RTM_GETADDR request in:\n%s", tr.raw);
	cr_expect(has_line_matching(tr.raw, "nlmsg_type=RTM_NEWADDR, .*ifa_scope=RT_SCOPE_HOST, "
					    "ifa_index=if_nametoindex\\(\"lo\"\\)\\}, "
					    "\\[\\[\\{nla_len=8, nla_type=IFA_ADDRESS\\}, "
					    "inet_addr\\(\"127.0.0.1\"\\)\\], .*IFA_CACHEINFO"),
		  "no decoded RTM_NEWADDR answer in:\n%s", tr.raw);
	cr_expect(has_line_matching(tr.raw, "nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI.*\\}, "
					    "0\\], iov_len=32768\\}\\]"),
		  "no decoded NLMSG_DONE in:\n%s", tr.raw);
	integ_traced__free(&tr);
}
