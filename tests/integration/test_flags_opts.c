// SPDX-License-Identifier: MIT
/*
 * strace 6.1's options with values: -A, --absolute-timestamps=FORMAT,PRECISION,
 * --relative-timestamps=PRECISION, --syscall-times=PRECISION. Every test passes with
 * RENACER_TRACER=strace too.
 */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integ.h"

TestSuite(integ_flags_opts, .init = integ_setup, .fini = integ_teardown, .timeout = 120);

/* The number of lines of text that match the extended regular expression re. */
static size_t lines_matching(const char *text, const char *re)
{
	regex_t rx;
	size_t n = 0;
	char *copy = strdup(text), *line, *save = NULL;

	cr_assert(copy);
	cr_assert_eq(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0, "bad regex %s", re);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		n += !regexec(&rx, line, 0, NULL, 0);
	regfree(&rx);
	free(copy);
	return n;
}

Test(integ_flags_opts, A_appends_the_trace_to_the_output_file)
{
	static const char before[] = "exit_group(7)                           = ?\n"
				     "+++ exited with 7 +++\n";
	const char *cmd[] = {"true", NULL};
	const char *opts[] = {"-A", "-e", "trace=exit_group", NULL};
	struct integ_traced tr;
	char path[512];

	integ_path(path, sizeof(path), "trace.out");
	cr_assert_eq(integ_write_file(path, before), 0);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect(!strncmp(tr.raw, before, strlen(before)), "the old trace is gone:\n%s", tr.raw);
	cr_expect(strstr(tr.raw + strlen(before), "exit_group(0)") &&
		      strstr(tr.raw, "+++ exited with 0 +++\n"),
		  "the new trace is not after it:\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_flags_opts, absolute_timestamps_and_syscall_times_take_a_format_and_a_precision)
{
	const char *cmd[] = {"true", NULL};
	const char *opts[] = {"--absolute-timestamps=unix,ms", "--syscall-times=ns", "-e",
			      "trace=brk", NULL};
	struct integ_traced tr;
	size_t brk;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	brk = lines_matching(tr.raw, "brk\\(");
	cr_expect_gt(brk, 0, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^[0-9]{10}\\.[0-9]{3} brk\\(.* <0\\.[0-9]{9}>$"), brk,
		     "not `SSSSSSSSSS.mmm brk(...) = ... <0.nnnnnnnnn>`:\n%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^[0-9]{10}\\.[0-9]{3} \\+\\+\\+ exited with 0"), 1,
		     "%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_flags_opts, relative_timestamps_take_a_precision_beside_t)
{
	const char *cmd[] = {"true", NULL};
	const char *sec[] = {"--relative-timestamps=s", "--syscall-times=s", "-e", "trace=brk",
			     NULL};
	const char *ms[] = {"-t", "--relative-timestamps=ms", "-e", "trace=brk", NULL};
	struct integ_traced tr;
	size_t brk;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, sec, cmd, false), 0, "%s", tr.run.err);
	brk = lines_matching(tr.raw, "brk\\(");
	cr_expect_gt(brk, 0, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^ +[0-9]+ brk\\(.* <[0-9]+>$"), brk,
		     "not `     0 brk(...) = ... <0>`:\n%s", tr.raw);
	integ_traced__free(&tr);

	cr_assert_eq(integ_traced__run(&tr, integ_dir, ms, cmd, false), 0, "%s", tr.run.err);
	cr_expect_eq(
	    lines_matching(tr.raw, "^[0-9]{2}:[0-9]{2}:[0-9]{2} \\(\\+ +[0-9]+\\.[0-9]{3}\\) "
				   "brk\\("),
	    lines_matching(tr.raw, "brk\\("), "not `HH:MM:SS (+     0.000) brk(`:\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_flags_opts, e_decode_fds_is_y)
{
	const char *cmd[] = {"cat", "/dev/null", NULL};
	const char *opts[] = {"-e", "decode-fds=path", "-e", "trace=close", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect_gt(lines_matching(tr.raw, "^close\\(3</[^>]+>\\) += 0$"), 0,
		     "no close(3</path>):\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_flags_opts, U_picks_the_summary_columns_and_their_order)
{
	const char *cmd[] = {"true", NULL};
	const char *opts[] = {"-c", "-U", "max-time,calls", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect(!strncmp(tr.raw,
			   " longest     calls syscall\n"
			   "-------- --------- ----------------\n",
			   strlen(" longest     calls syscall\n") + 36),
		  "not strace's header for -U max-time,calls:\n%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^[0-9]+\\.[0-9]{6} +[0-9]+ total$"), 1,
		     "no total line:\n%s", tr.raw);
	integ_traced__free(&tr);
}

/* strace 6.1's printfd: socket, device or pidfd details when asked for, else the path when
 * asked for, else the bare number. */
Test(integ_flags_opts, decode_fds_prints_each_kind_of_descriptor_only_when_asked)
{
	char *fx = integ_fixture("fdkinds");
	const char *cmd[] = {fx, NULL};
	const char *some[] = {"-e", "decode-fds=dev,pidfd", "-e", "trace=close", NULL};
	const char *all[] = {"-yy", "-e", "trace=close", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, some, cmd, false), 0, "%s", tr.run.err);
	cr_expect_eq(lines_matching(tr.raw, "^close\\(3\\) += 0$"), 3, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^close\\(4</dev/null<char 1:3>>\\) += 0$"), 1, "%s",
		     tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^close\\(5\\) += 0$"), 1, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^close\\(6<pid:[1-9][0-9]*>\\) += 0$"), 1, "%s",
		     tr.raw);
	integ_traced__free(&tr);

	cr_assert_eq(integ_traced__run(&tr, integ_dir, all, cmd, false), 0, "%s", tr.run.err);
	cr_expect_eq(lines_matching(tr.raw, "^close\\(3</etc/hostname>\\) += 0$"), 1, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^close\\(5<UDP:\\[[0-9]+\\]>\\) += 0$"), 1, "%s",
		     tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^close\\(6<pid:[1-9][0-9]*>\\) += 0$"), 1, "%s",
		     tr.raw);
	integ_traced__free(&tr);
	free(fx);
}

/* -o '|CMD' and -o '!CMD': the trace is CMD's input, and CMD has ended when the tracer does. */
Test(integ_flags_opts, o_pipes_the_trace_to_a_command)
{
	static const char *const marks[] = {"|", "!"};

	for (int i = 0; i < 2; i++) {
		char out[512], pipe_to[600];
		const char *opts[] = {"-o", pipe_to, "-e", "trace=exit_group", NULL};
		const char *cmd[] = {"true", NULL};
		char *const *argv;
		struct integ_run run;
		char *text;

		integ_path(out, sizeof(out), "piped");
		snprintf(pipe_to, sizeof(pipe_to), "%ssleep 0.2; cat > '%s'", marks[i], out);
		argv = (char *const *)integ_trace_argv(opts, cmd);
		cr_assert_eq(integ_run(argv, integ_dir, 60, &run), 0, "%s", run.err);
		free((void *)argv);
		text = integ_read_file(out);
		cr_expect(text && strstr(text, "exit_group(0)") &&
			      strstr(text, "+++ exited with 0 +++\n"),
			  "-o '%s': the command did not get the trace (or was not waited for): %s",
			  pipe_to, text ? text : "(no file)");
		free(text);
		unlink(out);
		integ_run__free(&run);
	}
}

/* strace -c counts every traced call: -z, -Z and status= choose the lines, not the table. */
Test(integ_flags_opts, C_counts_the_calls_z_leaves_out_and_z_Z_warn)
{
	const char *cmd[] = {"true", NULL};
	const char *opts[] = {"-C", "-z", "-e", "trace=access,exit_group", NULL};
	const char *both[] = {"-Z", "-z", "-e", "trace=exit_group", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect_eq(lines_matching(tr.raw, "^access\\("), 0, "-z printed a failed call:\n%s",
		     tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^ *[0-9.]+ +[0-9.]+ +[0-9]+ +1 +1 access$"), 1,
		     "the table does not count the failed access:\n%s", tr.raw);
	integ_traced__free(&tr);

	cr_assert_eq(integ_traced__run(&tr, integ_dir, both, cmd, false), 0, "%s", tr.run.err);
	cr_expect(strstr(tr.run.err, ": Only the last of -z/--successful-only/-Z/--failed-only "
				     "options will take effect. See status qualifier for more "
				     "complex filters.\n"),
		  "no warning:\n%s", tr.run.err);
	integ_traced__free(&tr);
}

/* -c prints no lines: what decorates them is warned about, in strace's order. */
Test(integ_flags_opts, c_warns_about_the_options_that_decorate_lines)
{
	const char *cmd[] = {"true", NULL};
	const char *opts[] = {"-c", "-y", "-T", "-n", "-e", "trace=exit_group", NULL};
	struct integ_traced tr;
	const char *n, *T, *y;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	n = strstr(tr.run.err, ": -n/--syscall-number has no effect with -c/--summary-only\n");
	T = strstr(tr.run.err, ": -T/--syscall-times has no effect with -c/--summary-only\n");
	y = strstr(tr.run.err, ": -y/--decode-fds has no effect with -c/--summary-only\n");
	cr_expect(n && T && y && n < T && T < y, "not strace's three warnings:\n%s", tr.run.err);
	integ_traced__free(&tr);
}

/* strace -n puts the thread's last call's number on its signal and exit lines too. */
Test(integ_flags_opts, n_numbers_signal_and_exit_lines_by_the_last_call)
{
	const char *cmd[] = {"sh", "-c", "kill -USR1 $$", NULL};
	const char *opts[] = {"-n", "-e", "trace=kill", NULL};
	struct integ_traced tr;

	integ_traced__run(&tr, integ_dir, opts, cmd, false);
	cr_expect_eq(lines_matching(tr.raw, "^\\[  62\\] kill\\("), 1, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^\\[  62\\] --- SIGUSR1 \\{"), 1, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^\\[  62\\] \\+\\+\\+ killed by SIGUSR1 \\+\\+\\+$"),
		     1, "%s", tr.raw);
	integ_traced__free(&tr);
}

/* -b execve: a child that execs leaves the trace at its exec (its execve line is cut, its
 * exit is not shown); the command's own start is no detach. */
Test(integ_flags_opts, b_execve_leaves_a_child_at_its_exec)
{
	const char *cmd[] = {"sh", "-c", "/bin/true; :", NULL};
	const char *opts[] = {"-f", "-b", "execve", "-e", "trace=execve,exit_group,wait4", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, true), 0, "%s", tr.run.err);
	cr_expect_eq(lines_matching(tr.raw, "^[0-9]+ +execve\\(\"[^\"]*/sh\", .*\\) = 0$"), 1, "%s",
		     tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^[0-9]+ +execve\\(\"/bin/true\", \\[\"/bin/true\"\\], "
					    "0x[0-9a-f]+ /\\* [0-9]+ vars \\*/ "
					    "<(detached|unfinished) \\.\\.\\.>$"),
		     1, "not one cut execve of /bin/true:\n%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "resumed>"), 0, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "exit_group\\("), 1, "the child's exit shows:\n%s",
		     tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "\\+\\+\\+ exited with 0 \\+\\+\\+$"), 1, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "wait4\\(-1, \\[\\{WIFEXITED\\(s\\) && "
					    "WEXITSTATUS\\(s\\) == 0\\}\\], 0, NULL\\) += [0-9]+$"),
		     1, "%s", tr.raw);
	integ_traced__free(&tr);
}

/* strace 6.1 takes spellings its --help does not list: --timestamps, --failing-only, ... */
Test(integ_flags_opts, strace_s_other_spellings_are_taken)
{
	const char *cmd[] = {"true", NULL};
	const char *opts[] = {"--timestamps=unix,ms",
			      "--failing-only",
			      "--silent=attach",
			      "--decode-fd=path",
			      "-e",
			      "trace=access,exit_group",
			      NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect_eq(lines_matching(tr.raw, "^[0-9]{10}\\.[0-9]{3} access\\(.* = -1 ENOENT "), 1,
		     "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "exit_group"), 0, "%s", tr.raw);
	integ_traced__free(&tr);
}

/* -i: strace's [%016lx] user address before each call, question marks on exit lines. */
Test(integ_flags_opts, i_prints_the_instruction_pointer_of_each_call)
{
	const char *cmd[] = {"true", NULL};
	const char *opts[] = {"-i", "-e", "trace=brk,exit_group", NULL};
	struct integ_traced tr;
	size_t calls;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	calls = lines_matching(tr.raw, "(brk|exit_group)\\(");
	cr_expect_geq(calls, 2, "%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^\\[0000[0-9a-f]{12}\\] (brk|exit_group)\\("), calls,
		     "not every call has its address:\n%s", tr.raw);
	cr_expect_eq(lines_matching(tr.raw, "^\\[\\?{16}\\] \\+\\+\\+ exited with 0 \\+\\+\\+$"), 1,
		     "%s", tr.raw);
	integ_traced__free(&tr);
}
