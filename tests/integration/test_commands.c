// SPDX-License-Identifier: MIT
/*
 * renacerctl's commands on real traces they record: convert never destroys its input or
 * an existing output, partial traces and lost events are said aloud by every reader,
 * failed writes fail the command, and the daemon commands' small contracts (--help,
 * options after the operand, a stopped or stopping renacerd).
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "integ.h"

/* seconds any renacerctl run of these tests may take */
enum { CTL_TIMEOUT_S = 60 };

static pid_t daemon_pid;
static char sock[108];

static void setup(void)
{
	if (integ_use_strace())
		cr_skip_test("renacerctl's own commands");
	integ_setup();
}

static void teardown(void)
{
	if (daemon_pid > 0) {
		kill(daemon_pid, SIGKILL);
		kill(daemon_pid, SIGCONT);
		waitpid(daemon_pid, NULL, 0);
		daemon_pid = 0;
	}
	integ_teardown();
}

TestSuite(integ_commands, .init = setup, .fini = teardown, .timeout = 120);

/* sh -c cmd in integ_dir, with $CTL set to renacerctl. */
static int shell(struct integ_run *r, const char *cmd)
{
	char line[PATH_MAX + 4096];
	char *argv[] = {"sh", "-c", line, NULL};

	snprintf(line, sizeof(line), "CTL='%s'; %s", integ_ctl_path(), cmd);
	return integ_run(argv, integ_dir, CTL_TIMEOUT_S, r);
}

/* Records `exitcode 0` (-f) into integ_dir/name with the embedded engine. */
static void record(const char *name, const char *const *extra)
{
	char *fx = integ_fixture("exitcode");
	char out[PATH_MAX];
	const char *args[24] = {"trace", "--embedded", "-f", "-o", out};
	size_t n = 5;
	struct integ_run r;

	integ_path(out, sizeof(out), name);
	for (; extra && *extra; extra++)
		args[n++] = *extra;
	args[n++] = "--";
	args[n++] = fx;
	args[n++] = "0";
	args[n] = NULL;
	cr_assert_eq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 0, "recording %s failed:\n%s",
		     name, r.err);
	integ_run__free(&r);
	free(fx);
}

static char *slurp(const char *name)
{
	char p[PATH_MAX];

	integ_path(p, sizeof(p), name);
	return integ_read_file(p);
}

static size_t file_size(const char *name)
{
	char p[PATH_MAX];
	struct stat st;

	integ_path(p, sizeof(p), name);
	return stat(p, &st) ? (size_t)-1 : (size_t)st.st_size;
}

/* Files in integ_dir whose name starts with a dot: the temporary files of a convert. */
static int dotfiles(void)
{
	DIR *d = opendir(integ_dir);
	struct dirent *de;
	int n = 0;

	while (d && (de = readdir(d)))
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	if (d)
		closedir(d);
	return n;
}

Test(integ_commands, convert_onto_its_own_input_is_refused_by_any_path_and_keeps_it)
{
	char *before = NULL, *after;
	struct integ_run r;

	record("t.json", NULL);
	before = slurp("t.json");
	cr_assert(before && strstr(before, "\"statistics\""));
	{
		char sym[PATH_MAX], hard[PATH_MAX], target[PATH_MAX];

		integ_path(sym, sizeof(sym), "link.json");
		integ_path(hard, sizeof(hard), "hard.json");
		integ_path(target, sizeof(target), "t.json");
		cr_assert(!symlink("t.json", sym));
		cr_assert(!link(target, hard));
	}
	const char *outs[] = {"t.json", "./t.json", "link.json", "hard.json", NULL};

	for (const char **o = outs; *o; o++) {
		const char *args[] = {"convert", "t.json", "-o", *o, NULL};
		int st = integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r);

		cr_expect_neq(st, 0, "convert t.json -o %s succeeded", *o);
		cr_expect(strstr(r.err, "same file") && strstr(r.err, "'t.json'") &&
			      strstr(r.err, *o),
			  "convert t.json -o %s: no error naming both files:\n%s", *o, r.err);
		integ_run__free(&r);
		after = slurp("t.json");
		cr_assert(after && !strcmp(before, after),
			  "t.json changed by convert t.json -o %s (%zu bytes now)", *o,
			  after ? strlen(after) : 0);
		free(after);
	}
	/* stdout appended to the input is the same file too */
	cr_expect_neq(shell(&r, "\"$CTL\" convert t.json -o - >> t.json"), 0);
	integ_run__free(&r);
	after = slurp("t.json");
	cr_expect(after && !strcmp(before, after), "t.json changed by convert -o - >> t.json");
	free(after);
	free(before);
}

Test(integ_commands, convert_replaces_its_output_only_when_it_succeeds)
{
	char out[PATH_MAX], *text;
	const char *bad[] = {"convert", "junk.json", "-o", "out.json", NULL};
	const char *good[] = {"convert", "t.rnt", "-o", "out.json", NULL};
	const char *fresh[] = {"convert", "t.rnt", "-o", "new.json", NULL};
	struct integ_run r;
	struct stat st;
	mode_t mask = umask(022);

	umask(mask);
	record("t.rnt", NULL);
	integ_path(out, sizeof(out), "out.json");
	cr_assert(!integ_write_file(out, "precious\n"));
	cr_assert(!chmod(out, 0640));
	{
		char junk[PATH_MAX];

		integ_path(junk, sizeof(junk), "junk.json");
		cr_assert(!integ_write_file(junk, "{\"format\": \"renacer-json-v1\", \"ver"));
	}
	/* a failed conversion leaves the old output as it was */
	cr_expect_eq(integ_ctl(bad, integ_dir, CTL_TIMEOUT_S, &r), 1, "convert of junk: stderr\n%s",
		     r.err);
	integ_run__free(&r);
	text = slurp("out.json");
	cr_expect(text && !strcmp(text, "precious\n"), "out.json was destroyed: '%s'",
		  text ? text : "(gone)");
	free(text);
	cr_expect_eq(dotfiles(), 0, "a temporary file was left behind");
	/* a good one replaces it, keeping its mode */
	cr_assert_eq(integ_ctl(good, integ_dir, CTL_TIMEOUT_S, &r), 0, "convert: %s", r.err);
	integ_run__free(&r);
	text = slurp("out.json");
	cr_expect(text && strstr(text, "\"statistics\""), "out.json is not the converted trace");
	free(text);
	cr_assert(!stat(out, &st));
	cr_expect_eq(st.st_mode & 0777, 0640, "mode %o, was 0640", st.st_mode & 0777);
	/* a new file gets the mode a plain create gives */
	cr_assert_eq(integ_ctl(fresh, integ_dir, CTL_TIMEOUT_S, &r), 0, "convert: %s", r.err);
	integ_run__free(&r);
	integ_path(out, sizeof(out), "new.json");
	cr_assert(!stat(out, &st));
	cr_expect_eq(st.st_mode & 0777, 0666 & ~mask, "mode %o, expected %o", st.st_mode & 0777,
		     0666 & ~mask);
	cr_expect_eq(dotfiles(), 0, "a temporary file was left behind");
}

Test(integ_commands, a_cut_trace_converted_says_it_is_incomplete_when_read_back)
{
	char cut[PATH_MAX], *raw;
	size_t size;
	const char *conv[] = {"convert", "cut.jsonl", "-o", "cut.json", NULL};
	const char *show[] = {"show", "cut.json", NULL};
	const char *summ[] = {"summary", "cut.json", NULL};
	struct integ_run r;

	record("t.jsonl", NULL);
	raw = slurp("t.jsonl");
	cr_assert(raw);
	size = strlen(raw);
	integ_path(cut, sizeof(cut), "cut.jsonl");
	/* cut in the middle of the event lines */
	raw[size / 2] = '\0';
	cr_assert(!integ_write_file(cut, raw));
	free(raw);
	cr_expect_eq(integ_ctl(conv, integ_dir, CTL_TIMEOUT_S, &r), 1,
		     "convert of a cut trace: stderr\n%s", r.err);
	cr_expect(strstr(r.err, "incomplete"), "convert does not say the input is incomplete:\n%s",
		  r.err);
	integ_run__free(&r);
	cr_assert_gt(file_size("cut.json"), 0, "no partial output");
	cr_expect_eq(integ_ctl(show, integ_dir, CTL_TIMEOUT_S, &r), 0, "show: %s", r.err);
	cr_expect(strstr(r.err, "cut.json is incomplete"),
		  "show reads the partial conversion without a warning:\n%s", r.err);
	integ_run__free(&r);
	cr_expect_eq(integ_ctl(summ, integ_dir, CTL_TIMEOUT_S, &r), 0, "summary: %s", r.err);
	cr_expect(strstr(r.err, "cut.json is incomplete"),
		  "summary reads the partial conversion without a warning:\n%s", r.err);
	integ_run__free(&r);
}

Test(integ_commands, a_trace_cut_short_is_called_incomplete_by_show_summary_and_convert)
{
	char cut[PATH_MAX], *raw;
	const char *cmds[][6] = {
	    {"show", "cut.jsonl", NULL},
	    {"summary", "cut.jsonl", NULL},
	    {"summary", "--critical-path", "cut.jsonl", NULL},
	    {"convert", "cut.jsonl", "-o", "x.rnt", NULL},
	};
	struct integ_run r;

	record("t.jsonl", NULL);
	raw = slurp("t.jsonl");
	cr_assert(raw);
	/* every line but the statistics: a tracer killed before its end */
	*strstr(raw, "{\"type\":\"statistics\"") = '\0';
	integ_path(cut, sizeof(cut), "cut.jsonl");
	cr_assert(!integ_write_file(cut, raw));
	free(raw);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		integ_ctl(cmds[i], integ_dir, CTL_TIMEOUT_S, &r);
		cr_expect(strstr(r.err, "cut.jsonl is incomplete") && strstr(r.err, "missing"),
			  "renacerctl %s %s: no warning saying what is missing:\n%s", cmds[i][0],
			  cmds[i][1], r.err);
		integ_run__free(&r);
	}
}

Test(integ_commands, show_and_summary_say_how_many_events_were_lost_and_where)
{
	char *fx = integ_fixture("storm");
	char out[PATH_MAX];
	const char *rec[] = {"trace", "--embedded", "--buffer-size", "4096", "-o", out,
			     "--",    fx,	    "100000",	     "0",    NULL};
	const char *show[] = {"show", "storm.rnt", NULL};
	const char *summ[] = {"summary", "storm.rnt", NULL};
	struct integ_run r;

	integ_path(out, sizeof(out), "storm.rnt");
	cr_assert_eq(integ_ctl(rec, integ_dir, CTL_TIMEOUT_S, &r), 0, "trace: %s", r.err);
	cr_assert(strstr(r.err, "renacerctl: lost "), "the storm lost nothing:\n%s", r.err);
	integ_run__free(&r);
	cr_expect_eq(integ_ctl(show, integ_dir, CTL_TIMEOUT_S, &r), 0, "show: %s", r.err);
	cr_expect(strstr(r.err, "events were lost") && strstr(r.err, "thread ") &&
		      strstr(r.err, "after event"),
		  "show says nothing of the losses (how many, which threads, after which "
		  "events):\n%.2000s",
		  r.err);
	integ_run__free(&r);
	cr_expect_eq(integ_ctl(summ, integ_dir, CTL_TIMEOUT_S, &r), 0, "summary: %s", r.err);
	cr_expect(strstr(r.out, "lost (not in the rows above"),
		  "the summary table has no line for the lost events:\n%s", r.out);
	integ_run__free(&r);
	free(fx);
}

Test(integ_commands, a_failed_write_of_the_trace_or_report_is_an_error)
{
	char *fx = integ_fixture("exitcode");
	const char *fmts[] = {"text", "json", "jsonl", "binary"};
	struct integ_run r;
	char cmd[1024];

	record("t.json", NULL);
	for (size_t i = 0; i < 4; i++) {
		const char *args[] = {"trace",	   "--embedded", "--format", fmts[i], "-o",
				      "/dev/full", "--",	 fx,	     "0",     NULL};

		cr_expect_neq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 0,
			      "trace --format %s -o /dev/full exited 0: %s", fmts[i], r.err);
		cr_expect(strstr(r.err, "cannot write '/dev/full': No space left on device") &&
			      strstr(r.err, "exited with 0"),
			  "--format %s: no message naming the file, the cause and the command's "
			  "status:\n%s",
			  fmts[i], r.err);
		integ_run__free(&r);
	}
	const char *shells[] = {
	    "\"$CTL\" summary t.json > /dev/full",
	    "\"$CTL\" show t.json > /dev/full",
	    "\"$CTL\" summary --critical-path t.json > /dev/full",
	    "\"$CTL\" convert t.json -o - --format jsonl > /dev/full",
	    "\"$CTL\" convert t.json -o /dev/full --format binary",
	    "\"$CTL\" convert t.json -o /dev/full --format text",
	    "\"$CTL\" version > /dev/full",
	};
	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++) {
		snprintf(cmd, sizeof(cmd), "%s", shells[i]);
		cr_expect_neq(shell(&r, cmd), 0, "`%s` exited 0", shells[i]);
		cr_expect(strstr(r.err, "No space left on device"), "`%s`: no message:\n%s",
			  shells[i], r.err);
		integ_run__free(&r);
	}
	free(fx);
}

Test(integ_commands, trace_o_leaves_an_existing_file_alone_when_the_trace_never_starts)
{
	char out[PATH_MAX], *text;
	const char *args[] = {"trace", "--embedded",	   "-o", "kept.txt",
			      "--",    "/nonexistent/cmd", NULL};
	const char *fresh[] = {"trace", "--embedded",	    "-o", "new.txt",
			       "--",	"/nonexistent/cmd", NULL};
	struct integ_run r;

	integ_path(out, sizeof(out), "kept.txt");
	cr_assert(!integ_write_file(out, "an older trace\n"));
	cr_expect_neq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 0);
	integ_run__free(&r);
	text = slurp("kept.txt");
	cr_expect(text && !strcmp(text, "an older trace\n"), "kept.txt now holds '%s'",
		  text ? text : "(gone)");
	free(text);
	cr_expect_neq(integ_ctl(fresh, integ_dir, CTL_TIMEOUT_S, &r), 0);
	integ_run__free(&r);
	cr_expect_eq(file_size("new.txt"), (size_t)-1,
		     "new.txt was left by a trace that never ran");
}

Test(integ_commands, daemon_commands_take_help_and_options_after_the_operand)
{
	const char *help[][3] = {
	    {"status", "--help", NULL}, {"sessions", "--help", NULL}, {"detach", "--help", NULL}};
	char nosock[PATH_MAX];
	const char *detach[] = {"detach", "7", "--socket", nosock, NULL};
	struct integ_run r;

	for (size_t i = 0; i < 3; i++) {
		cr_expect_eq(integ_ctl(help[i], integ_dir, CTL_TIMEOUT_S, &r), 0, "%s --help: %s",
			     help[i][0], r.err);
		cr_expect(strstr(r.out, "Usage: renacerctl "), "%s --help printed:\n%s%s",
			  help[i][0], r.out, r.err);
		integ_run__free(&r);
	}
	integ_path(nosock, sizeof(nosock), "none.sock");
	/* the socket option is taken: the error is about reaching it, not a usage error */
	cr_expect_eq(integ_ctl(detach, integ_dir, CTL_TIMEOUT_S, &r), 1, "detach 7 --socket P: %s",
		     r.err);
	cr_expect(strstr(r.err, "cannot reach renacerd at") && strstr(r.err, nosock),
		  "detach 7 --socket P:\n%s", r.err);
	integ_run__free(&r);
}

Test(integ_commands, an_invalid_trace_parent_is_an_error_in_every_format)
{
	char *fx = integ_fixture("exitcode");
	const char *fmts[] = {"text", "json", "binary"};
	struct integ_run r;

	for (size_t i = 0; i < 3; i++) {
		const char *args[] = {
		    "trace",	      "--embedded",   "--format", fmts[i], "-o", "/dev/null",
		    "--trace-parent", "00-nothex-01", "--",	  fx,	   "0",	 NULL};

		cr_expect_eq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 2,
			     "--format %s: an invalid --trace-parent passed: %s", fmts[i], r.err);
		cr_expect(strstr(r.err, "00-nothex-01") &&
			      strstr(r.err, "00-<32 hex>-<16 hex>-<2 hex>"),
			  "--format %s: the error names neither the value nor the format:\n%s",
			  fmts[i], r.err);
		integ_run__free(&r);
	}
	free(fx);
}

/* A private renacerd on integ_dir/d.sock, answering before this returns. */
static void start_daemon(void)
{
	char bin[PATH_MAX], log[PATH_MAX];
	char *argv[] = {bin, "--socket", sock, "--config", "/dev/null", NULL};
	const char *status[] = {"status", "--socket", sock, NULL};
	struct integ_run r;

	snprintf(bin, sizeof(bin), "%s/renacerd", integ_build());
	integ_path(sock, sizeof(sock), "d.sock");
	integ_path(log, sizeof(log), "renacerd.log");
	daemon_pid = integ_spawn(argv, log);
	cr_assert_gt(daemon_pid, 0);
	for (int i = 0; i < 200; i++) {
		int st = integ_ctl(status, integ_dir, CTL_TIMEOUT_S, &r);

		integ_run__free(&r);
		if (st == 0)
			return;
		integ_sleep_ms(50);
	}
	cr_assert_fail("renacerd does not answer on %s", sock);
}

Test(integ_commands, a_stopped_daemon_is_passed_over_in_auto_mode_and_named_with_daemon)
{
	char *fx = integ_fixture("exitcode");
	const char *autom[] = {"trace", "--socket", sock, "-o", "auto.txt", "--", fx, "7", NULL};
	const char *only[] = {"trace", "--daemon", "--socket", sock, "-o",
			      "d.txt", "--",	   fx,	       "7",  NULL};
	struct integ_run r;
	char *text;

	start_daemon();
	cr_assert(!kill(daemon_pid, SIGSTOP));
	cr_expect_eq(integ_ctl(autom, integ_dir, CTL_TIMEOUT_S, &r), 7,
		     "auto mode with a stopped renacerd: %s", r.err);
	integ_run__free(&r);
	text = slurp("auto.txt");
	cr_expect(text && strstr(text, "+++ exited with 7 +++"), "auto.txt:\n%s", text);
	free(text);
	cr_expect_eq(integ_ctl(only, integ_dir, CTL_TIMEOUT_S, &r), 1,
		     "--daemon with a stopped renacerd: %s", r.err);
	cr_expect(strstr(r.err, "is stopped") && strstr(r.err, "kill -CONT"),
		  "--daemon with a stopped renacerd:\n%s", r.err);
	integ_run__free(&r);
	kill(daemon_pid, SIGCONT);
	free(fx);
}

Test(integ_commands, through_the_daemon_buffer_size_is_noted_and_a_stop_is_said_once)
{
	char *fx = integ_fixture("exitcode");
	char *sl = integ_fixture("sleeper");
	char errp[PATH_MAX], marks[PATH_MAX], pidf[PATH_MAX], script[PATH_MAX * 3], *err, *pid;
	const char *bs[] = {"trace", "--daemon", "--socket",  sock, "--buffer-size",
			    "1M",    "-o",	 "/dev/null", "--", fx,
			    "0",     NULL};
	char bin[PATH_MAX];
	char *argv[] = {bin,	     "trace", "--daemon", "--socket", sock,   "-o",
			"/dev/null", "--",    "sh",	  "-c",	      script, NULL};
	struct integ_run r;
	pid_t tracer;

	start_daemon();
	cr_expect_eq(integ_ctl(bs, integ_dir, CTL_TIMEOUT_S, &r), 0,
		     "trace --buffer-size through renacerd: %s", r.err);
	cr_expect(strstr(r.err, "--buffer-size does not apply"),
		  "--buffer-size is silently ignored through renacerd:\n%s", r.err);
	integ_run__free(&r);

	snprintf(bin, sizeof(bin), "%s/renacerctl", integ_build());
	integ_path(errp, sizeof(errp), "client.err");
	integ_path(marks, sizeof(marks), "marks");
	integ_path(pidf, sizeof(pidf), "sleeper.pid");
	/* its pid in a file, so the test ends it by id */
	snprintf(script, sizeof(script), "echo $$ > '%s'; exec '%s' '%s'", pidf, sl, marks);
	tracer = integ_spawn(argv, errp);
	cr_assert_gt(tracer, 0);
	/* the sleeper is traced once it writes its marks */
	for (int i = 0; i < 200 && file_size("marks") == (size_t)-1; i++)
		integ_sleep_ms(50);
	cr_assert_neq(file_size("marks"), (size_t)-1, "the traced sleeper never ran");
	kill(daemon_pid, SIGTERM);
	cr_expect_neq(integ_wait(tracer, 20), 0);
	waitpid(daemon_pid, NULL, 0);
	daemon_pid = 0;
	err = integ_read_file(errp);
	cr_assert(err);
	cr_expect(strstr(err, "renacerd ended the trace: renacerd is stopping"),
		  "no message on why the trace ended:\n%s", err);
	cr_expect(!strstr(err, "went away"), "two messages for one end:\n%s", err);
	free(err);
	/* the sleeper runs on untraced: end it */
	pid = slurp("sleeper.pid");
	if (pid && atoi(pid) > 0)
		kill(atoi(pid), SIGKILL);
	free(pid);
	free(fx);
	free(sl);
}

Test(integ_commands, a_trace_interrupted_before_its_command_ended_is_marked_incomplete)
{
	char *sl = integ_fixture("sleeper");
	char bin[PATH_MAX], errp[PATH_MAX], marks[PATH_MAX], pidf[PATH_MAX], out[PATH_MAX];
	char script[PATH_MAX * 3], *pid;
	char *argv[] = {bin, "trace", "--embedded", "-o", out, "--", "sh", "-c", script, NULL};
	const char *show[] = {"show", "t.jsonl", NULL};
	struct integ_run r;
	pid_t tracer;

	snprintf(bin, sizeof(bin), "%s/renacerctl", integ_build());
	integ_path(errp, sizeof(errp), "client.err");
	integ_path(marks, sizeof(marks), "marks");
	integ_path(pidf, sizeof(pidf), "sleeper.pid");
	integ_path(out, sizeof(out), "t.jsonl");
	snprintf(script, sizeof(script), "echo $$ > '%s'; exec '%s' '%s'", pidf, sl, marks);
	tracer = integ_spawn(argv, errp);
	cr_assert_gt(tracer, 0);
	for (int i = 0; i < 200 && file_size("marks") == (size_t)-1; i++)
		integ_sleep_ms(50);
	cr_assert_neq(file_size("marks"), (size_t)-1, "the traced sleeper never ran");
	/* Ctrl-C to the tracer alone: the command runs on, its end is not in the trace */
	kill(tracer, SIGINT);
	cr_expect_neq(integ_wait(tracer, 20), -1);
	pid = slurp("sleeper.pid");
	if (pid && atoi(pid) > 0)
		kill(atoi(pid), SIGKILL);
	free(pid);
	cr_expect_eq(integ_ctl(show, integ_dir, CTL_TIMEOUT_S, &r), 0, "show: %s", r.err);
	cr_expect(strstr(r.err, "t.jsonl is incomplete"),
		  "a trace stopped before its command ended reads as whole:\n%s", r.err);
	integ_run__free(&r);
	free(sl);
}

/*
 * Every line of err is a JSON object {"error": {"command": cmd, "message": ..., "hint": ...}}
 * (or another kind in place of "error"); the number of errors, and *msg the first message.
 */
static int json_errors(const char *err, const char *cmd, char *msg, size_t msglen)
{
	const char *line = err, *nl;
	int n = 0;

	msg[0] = '\0';
	for (; *line; line = nl + 1) {
		json_error_t je;
		json_t *o, *body, *hint;
		const char *kind;

		nl = strchr(line, '\n');
		cr_assert(nl, "an unfinished last line:\n%s", err);
		o = json_loadb(line, (size_t)(nl - line), 0, &je);
		cr_assert(o && json_is_object(o) && json_object_size(o) == 1,
			  "a line that is not one JSON object (%s):\n%.*s", je.text,
			  (int)(nl - line), line);
		kind = json_object_iter_key(json_object_iter(o));
		body = json_object_get(o, kind);
		cr_assert(json_is_object(body), "%s is not an object: %.*s", kind, (int)(nl - line),
			  line);
		cr_expect_str_eq(json_string_value(json_object_get(body, "command")), cmd);
		cr_expect(json_is_string(json_object_get(body, "message")), "no message: %.*s",
			  (int)(nl - line), line);
		hint = json_object_get(body, "hint");
		cr_expect(json_is_string(hint) || json_is_null(hint), "no hint: %.*s",
			  (int)(nl - line), line);
		if (!strcmp(kind, "error") && !n++)
			snprintf(msg, msglen, "%s",
				 json_string_value(json_object_get(body, "message")));
		json_decref(o);
	}
	return n;
}

Test(integ_commands, convert_to_json_reports_a_bad_input_as_json_and_text_stays_text)
{
	/* a quote and a byte that is not UTF-8 in the name: the JSON must still parse */
	const char *bad = "no\"trace\xff.txt";
	const char *json[] = {"convert", bad, "--format", "json", "-o", "out.json", NULL};
	const char *by_name[] = {"convert", bad, "-o", "out.jsonl", NULL};
	const char *text[] = {"convert", bad, "-o", "out.rnt", NULL};
	const char *opt[] = {"convert", "--bogus", bad, "-o", "out.json", NULL};
	char p[PATH_MAX], msg[512];
	struct integ_run r;
	FILE *f;

	integ_path(p, sizeof(p), bad);
	f = fopen(p, "w");
	cr_assert(f && fputs("this is no trace\n", f) >= 0 && !fclose(f));

	cr_expect_eq(integ_ctl(json, integ_dir, CTL_TIMEOUT_S, &r), 1, "convert of a bad file: %s",
		     r.err);
	cr_expect_eq(json_errors(r.err, "convert", msg, sizeof(msg)), 1, "not one error:\n%s",
		     r.err);
	cr_expect(strstr(msg, "not a renacer trace") && strstr(msg, "no\"trace\xef\xbf\xbd.txt"),
		  "the message does not name the file and the cause: %s", msg);
	integ_run__free(&r);

	cr_expect_eq(integ_ctl(by_name, integ_dir, CTL_TIMEOUT_S, &r), 1, "convert -o .jsonl: %s",
		     r.err);
	cr_expect_eq(json_errors(r.err, "convert", msg, sizeof(msg)), 1, "not one error:\n%s",
		     r.err);
	integ_run__free(&r);

	cr_expect_eq(integ_ctl(opt, integ_dir, CTL_TIMEOUT_S, &r), 2, "convert --bogus: %s", r.err);
	cr_expect_eq(json_errors(r.err, "convert", msg, sizeof(msg)), 1, "not one error:\n%s",
		     r.err);
	cr_expect_str_eq(msg, "unknown option");
	integ_run__free(&r);

	cr_expect_eq(integ_ctl(text, integ_dir, CTL_TIMEOUT_S, &r), 1, "convert to .rnt: %s",
		     r.err);
	cr_expect(!strncmp(r.err, "renacerctl convert: ", 20) &&
		      strstr(r.err, "not a renacer trace"),
		  "a binary output's errors are not text:\n%s", r.err);
	integ_run__free(&r);
}

Test(integ_commands, trace_to_json_reports_its_errors_as_json)
{
	const char *opt[] = {"trace", "-o", "t.json", "--bogus", "--", "true", NULL};
	const char *missing[] = {"trace", "--format=jsonl", "-s", NULL};
	const char *nocmd[] = {"trace", "--embedded",	     "-o", "t.jsonl",
			       "--",	"./no-such-program", NULL};
	char msg[512];
	struct integ_run r;

	cr_expect_eq(integ_ctl(opt, integ_dir, CTL_TIMEOUT_S, &r), 2, "trace --bogus: %s", r.err);
	cr_expect_eq(json_errors(r.err, "trace", msg, sizeof(msg)), 1, "not one error:\n%s", r.err);
	cr_expect_str_eq(msg, "unknown option '--bogus'");
	integ_run__free(&r);

	cr_expect_eq(integ_ctl(missing, integ_dir, CTL_TIMEOUT_S, &r), 2, "trace -s: %s", r.err);
	cr_expect_eq(json_errors(r.err, "trace", msg, sizeof(msg)), 1, "not one error:\n%s", r.err);
	integ_run__free(&r);

	cr_expect_eq(integ_ctl(nocmd, integ_dir, CTL_TIMEOUT_S, &r), 1,
		     "trace of a missing program: %s", r.err);
	cr_expect_eq(json_errors(r.err, "trace", msg, sizeof(msg)), 1, "not one error:\n%s", r.err);
	cr_expect(strstr(msg, "cannot find './no-such-program'"), "%s", msg);
	integ_run__free(&r);
}

Test(integ_commands, an_option_without_its_value_is_named_as_such)
{
	const char *shortopt[] = {"trace", "-s", NULL};
	const char *longopt[] = {"trace", "--output", NULL};
	struct integ_run r;

	cr_expect_eq(integ_ctl(shortopt, integ_dir, CTL_TIMEOUT_S, &r), 2);
	cr_expect_str_eq(r.err,
			 "renacerctl: option '-s' needs a value (see renacerctl trace --help)\n");
	integ_run__free(&r);
	cr_expect_eq(integ_ctl(longopt, integ_dir, CTL_TIMEOUT_S, &r), 2);
	cr_expect_str_eq(
	    r.err, "renacerctl: option '--output' needs a value (see renacerctl trace --help)\n");
	integ_run__free(&r);
}
