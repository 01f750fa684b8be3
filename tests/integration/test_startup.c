// SPDX-License-Identifier: MIT
/*
 * What a start of `renacerctl trace` costs besides the BPF load (docs/performance.md,
 * start-up): the gRPC stack is loaded only by OTLP export (integ_otlp checks it still
 * works), not by every trace. No timing is asserted here; make bench measures it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"

/* LeakSanitizer cannot run under ptrace (make sanitize): off for renacerctl under strace. */
#define STRACE_NO_LSAN "-E", "ASAN_OPTIONS=abort_on_error=1:detect_leaks=0"

TestSuite(integ_startup, .init = integ_setup, .fini = integ_teardown, .timeout = 60);

/* What sh_cmd, traced, prints about renacerctl ($PPID: the traced shell's parent). */
static char *about_tracer(const char *sh_cmd)
{
	char file[512], script[700];
	const char *opts[] = {NULL};
	const char *cmd[] = {"/bin/sh", "-c", script, NULL};
	struct integ_traced tr;
	char *text;

	if (integ_use_strace())
		cr_skip_test("renacerctl's own start");
	integ_path(file, sizeof(file), "tracer.txt");
	snprintf(script, sizeof(script), "%s > %s", sh_cmd, file);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed: %s",
		     tr.run.err);
	integ_traced__free(&tr);
	text = integ_read_file(file);
	cr_assert_not_null(text, "nothing about the tracer was written");
	return text;
}

/* renacerctl's mappings while it traces. */
static char *tracer_maps(void)
{
	char *text = about_tracer("cat /proc/$PPID/maps");

	cr_assert_not_null(strstr(text, "/renacerctl"), "not renacerctl's mappings:\n%s", text);
	return text;
}

Test(integ_startup, a_trace_does_not_load_the_grpc_libraries)
{
	char *text = tracer_maps();

	cr_assert_null(strstr(text, "libgrpc"),
		       "renacerctl mapped libgrpc for a trace without --otlp:\n%s", text);
	cr_assert_null(strstr(text, "libabsl"), "renacerctl mapped absl (gRPC's):\n%s", text);
	free(text);
}

/* The dynamic loader's work on ten libraries was ~5 ms of each start: the Makefile links them
 * in as archives (CTL_STATIC; scripts/install-deps.sh installs them). */
Test(integ_startup, renacerctl_maps_no_shared_library_but_libc)
{
	static const char *const libs[] = {"libbpf",	 "libdw",   "libelf",
					   "libz",	 "libzstd", "libprotobuf-c",
					   "libjansson", "liblzma", "libbz2"};
	char *text = tracer_maps();

	for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
		cr_assert_null(strstr(text, libs[i]), "renacerctl mapped %s.so:\n%s", libs[i],
			       text);
	free(text);
}

/* Each link is a text poke at attach and again at detach; [[watch]]'s three cgroup programs
 * serve renacerd alone (bpf/watch.bpf.h). */
Test(integ_startup, an_embedded_trace_attaches_no_cgroup_watch_program)
{
	char *text = about_tracer("cat /proc/$PPID/fdinfo/*");

	cr_assert_not_null(strstr(text, "tp_name:\tsys_enter"), "no sys_enter link:\n%s", text);
	cr_assert_null(strstr(text, "tp_name:\tcgroup_"),
		       "renacerctl attached a cgroup program of [[watch]]:\n%s", text);
	free(text);
}

/*
 * The programs leave when the traced command is done, not after the output is written: the
 * next run's first attach waits for a whole RCU grace period unless one has passed since this
 * run's last detach (kernel/tracepoint.c, the 0->1 transition; docs/performance.md), and a
 * .json or an OTLP export is written at the end. strace shows the order of renacerctl's calls:
 * the last write of the trace (its "+++ exited" line at least) comes after the first link's
 * close.
 */
Test(integ_startup, the_programs_are_detached_before_the_end_of_the_output_is_written)
{
	char out[512], log[512], links[64][12], *text, *line, *save = NULL;
	int nlinks = 0, out_fd = -1;
	long n = 0, first_close = 0, last_write = 0;
	struct integ_run r;

	if (integ_use_strace())
		cr_skip_test("renacerctl's own links");
	integ_path(out, sizeof(out), "out.txt");
	integ_path(log, sizeof(log), "ctl.strace");
	char *argv[] = {"strace",
			"-qq",
			STRACE_NO_LSAN,
			"-e",
			"trace=bpf,openat,write,close",
			"-o",
			log,
			(char *)integ_ctl_path(),
			"trace",
			"--embedded",
			"-o",
			out,
			"--",
			"/bin/true",
			NULL};
	cr_assert_eq(integ_run(argv, NULL, 60, &r), 0, "renacerctl under strace failed:\n%s",
		     r.err);
	integ_run__free(&r);
	text = integ_read_file(log);
	cr_assert_not_null(text, "strace wrote nothing");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *eq = strrchr(line, '=');
		int fd;

		n++;
		if (strstr(line, "BPF_RAW_TRACEPOINT_OPEN") && eq && nlinks < 64)
			snprintf(links[nlinks++], sizeof(links[0]), "%d", atoi(eq + 1));
		else if (strstr(line, out) && strstr(line, "openat(") && eq && atoi(eq + 1) > 0)
			out_fd = atoi(eq + 1);
		else if (sscanf(line, "write(%d,", &fd) == 1 && fd == out_fd)
			last_write = n;
		else if (sscanf(line, "close(%d)", &fd) == 1 && !first_close)
			for (int i = 0; i < nlinks; i++)
				if (atoi(links[i]) == fd)
					first_close = n;
	}
	free(text);
	cr_assert_gt(nlinks, 0, "strace saw no link made");
	cr_assert_gt(last_write, 0, "strace saw no write of the trace to %s", out);
	cr_assert_gt(first_close, 0, "strace saw no link closed");
	cr_assert_lt(first_close, last_write,
		     "the links were closed (call %ld) after the trace was written (last write: "
		     "call %ld)",
		     first_close, last_write);
}

/* A shell that looks for /tmp/NAME until it is there, traced by renacerctl into DIR/NAME.txt
 * (under strace into DIR/NAME.strace when strace_it); returns once its trace shows a look. */
static pid_t start_waiting_run(const char *name, bool strace_it, char *flag, size_t flaglen)
{
	char out[512], log[512], err[512], script[700], base[80];
	pid_t pid;

	snprintf(base, sizeof(base), "%s.txt", name);
	integ_path(out, sizeof(out), base);
	snprintf(base, sizeof(base), "%s.strace", name);
	integ_path(log, sizeof(log), base);
	snprintf(base, sizeof(base), "%s.err", name);
	integ_path(err, sizeof(err), base);
	snprintf(base, sizeof(base), "%s.flag", name);
	integ_path(flag, flaglen, base);
	snprintf(script, sizeof(script), "while [ ! -e %s ]; do sleep 0.01; done", flag);
	char *ctl[] = {(char *)integ_ctl_path(),
		       "trace",
		       "--embedded",
		       "-o",
		       out,
		       "--",
		       "/bin/sh",
		       "-c",
		       script,
		       NULL};
	char *traced[] = {"strace",
			  "-qq",
			  STRACE_NO_LSAN,
			  "-ttt",
			  "-T",
			  "-e",
			  "trace=bpf,close",
			  "-o",
			  log,
			  (char *)integ_ctl_path(),
			  "trace",
			  "--embedded",
			  "-o",
			  out,
			  "--",
			  "/bin/sh",
			  "-c",
			  script,
			  NULL};
	pid = integ_spawn(strace_it ? traced : ctl, err);
	cr_assert_gt(pid, 0, "cannot start renacerctl");
	snprintf(base, sizeof(base), "%s.flag", name);
	cr_assert(integ_wait_for_text(out, base, 60), "the run %s traced nothing", name);
	return pid;
}

/* The closes in a strace -T log that took over 3 ms: each is a grace period waited for. */
static int slow_closes(const char *log)
{
	char *text = integ_read_file(log), *line, *save = NULL;
	int n = 0;

	cr_assert_not_null(text, "no strace log %s", log);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *took = strrchr(line, '<');

		if (strstr(line, " close(") && took && atof(took + 1) > 0.003)
			n++;
	}
	free(text);
	return n;
}

/*
 * A run that attached before another tracer and leaves first: Linux waits for a grace
 * period (8-16 ms) at each removal of a tracepoint's first probe of two (lib/engine/detach.c),
 * which was once per tracepoint, seven; now the run waits once at most. (A third tracer
 * holding the tracepoints makes no one wait: then this checks nothing more than a run.)
 */
Test(integ_startup, a_run_that_leaves_before_a_later_tracer_waits_for_one_grace_period_at_most)
{
	char flag_a[512], flag_b[512], log[512];
	pid_t a, b;
	int slow;

	if (integ_use_strace())
		cr_skip_test("renacerctl's own links");
	a = start_waiting_run("first", true, flag_a, sizeof(flag_a));
	b = start_waiting_run("second", false, flag_b, sizeof(flag_b));
	cr_assert_eq(integ_write_file(flag_a, "go"), 0);
	cr_assert_eq(integ_wait(a, 60), 0, "the first run failed");
	cr_assert_eq(integ_write_file(flag_b, "go"), 0);
	cr_assert_eq(integ_wait(b, 60), 0, "the second run failed");
	integ_path(log, sizeof(log), "first.strace");
	slow = slow_closes(log);
	cr_assert_leq(slow, 1, "the first run waited for a grace period at %d closes of its links",
		      slow);
}
