// SPDX-License-Identifier: MIT
/*
 * strace's everyday flags and its signal lines, each checked on a real program; every test
 * passes with RENACER_TRACER=strace too, so what is asserted is strace 6.1's behaviour.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"

TestSuite(integ_flags, .init = integ_setup, .fini = integ_teardown, .timeout = 120);

static void expect_line(const struct integ_traced *tr, int pid, const char *text)
{
	cr_expect(integ_trace__find(&tr->t, pid, text), "missing line (pid %d):\n  %s\ntrace:\n%s",
		  pid, text, tr->raw);
}

static size_t count_kind(const struct integ_trace *t, enum integ_kind kind, const char *prefix)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].kind == kind && !strncmp(t->v[i].text, prefix, strlen(prefix)))
			n++;
	return n;
}

static size_t index_of(const struct integ_trace *t, const struct integ_line *l)
{
	return (size_t)(l - t->v);
}

Test(integ_flags, signal_filter_leaves_out_the_other_signals)
{
	char *fx = integ_fixture("signals");
	const char *cmd[] = {fx, NULL};
	const char *opts[] = {"-f", "-e", "signal=SIGSEGV", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, true), 0, "%s", tr.run.err);
	cr_expect_eq(count_kind(&tr.t, INTEG_SIGNAL, "--- SIGUSR1"), 0,
		     "-e signal=SIGSEGV printed SIGUSR1:\n%s", tr.raw);
	cr_expect_eq(count_kind(&tr.t, INTEG_SIGNAL, "--- SIGCHLD"), 0,
		     "-e signal=SIGSEGV printed SIGCHLD:\n%s", tr.raw);
	cr_expect_eq(count_kind(&tr.t, INTEG_SIGNAL, "--- SIGSEGV"), 1, "%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
}

Test(integ_flags, a_fatal_signal_prints_its_siginfo_before_the_killed_line)
{
	const char *cmd[] = {"sh", "-c", "kill -TERM $$", NULL};
	const char *opts[] = {"-e", "trace=kill", NULL};
	const struct integ_line *sig, *killed;
	struct integ_traced tr;
	char want[160];
	long long pid;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 128 + SIGTERM, "%s",
		     tr.run.err);
	cr_assert_eq(tr.t.n, 3, "want kill, --- SIGTERM, +++ killed:\n%s", tr.raw);
	pid = strtoll(tr.t.v[0].text + strlen("kill("), NULL, 10);
	snprintf(want, sizeof(want),
		 "--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=%lld, si_uid=0} ---", pid);
	sig = integ_trace__find(&tr.t, -1, want);
	killed = integ_trace__find(&tr.t, -1, "+++ killed by SIGTERM +++");
	cr_assert(sig, "missing `%s`:\n%s", want, tr.raw);
	cr_assert(killed, "%s", tr.raw);
	cr_expect_eq(index_of(&tr.t, sig) + 1, index_of(&tr.t, killed), "%s", tr.raw);
	integ_traced__free(&tr);
}

/* Whether a SIGCHLD line is `want` once its CPU times (clock ticks the child used) are 0. */
static bool sigchld_is(const char *text, const char *want)
{
	const char *ut = strstr(text, ", si_utime=");
	size_t head = ut ? (size_t)(ut - text) : 0;

	return ut && !strncmp(text, want, head) &&
	       !strcmp(want + head, ", si_utime=0, si_stime=0} ---") && strstr(ut, ", si_stime=") &&
	       !strcmp(text + strlen(text) - 5, "} ---");
}

/*
 * SIGCHLD with its default handler is discarded by the kernel; strace shows it all the same,
 * next to the wait4 of that child: after it when the child died while the parent waited,
 * before it when the child died first (which one is up to the scheduler).
 */
Test(integ_flags, a_discarded_sigchld_is_printed_next_to_the_wait4_of_its_child)
{
	char *fx = integ_fixture("signals");
	const char *cmd[] = {fx, NULL};
	const char *opts[] = {"-e", "trace=wait4", NULL};
	static const char *const status[] = {"SIGKILL", "SIGSEGV"};
	struct integ_traced tr;
	size_t waits = 0;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect_eq(count_kind(&tr.t, INTEG_SIGNAL, "--- SIGCHLD {"), 2, "%s", tr.raw);
	for (size_t i = 0; i < tr.t.n; i++) {
		long long child = integ_line__ret(&tr.t.v[i]);
		char want[192];
		bool before, after;

		if (tr.t.v[i].kind != INTEG_SYSCALL || child <= 0 || waits >= 2)
			continue;
		snprintf(
		    want, sizeof(want),
		    "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=%lld, si_uid=0, "
		    "si_status=%s, si_utime=0, si_stime=0} ---",
		    child, status[waits++]);
		before = i > 0 && sigchld_is(tr.t.v[i - 1].text, want);
		after = i + 1 < tr.t.n && sigchld_is(tr.t.v[i + 1].text, want);
		cr_expect(before || after, "`%s` is not next to the wait4 of %lld:\n%s", want,
			  child, tr.raw);
	}
	cr_expect_eq(waits, 2, "%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
}

Test(integ_flags, qq_leaves_out_exited_lines_but_not_killed_lines)
{
	const char *exits[] = {"sh", "-c", "exit 3", NULL};
	const char *killed[] = {"sh", "-c", "kill -TERM $$", NULL};
	const char *opts[] = {"-qq", "-e", "trace=exit_group", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, exits, false), 3, "%s", tr.run.err);
	expect_line(&tr, 0, "exit_group(3) = ?");
	cr_expect_eq(count_kind(&tr.t, INTEG_EXIT, "+++"), 0, "-qq printed an exit line:\n%s",
		     tr.raw);
	integ_traced__free(&tr);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, killed, false), 128 + SIGTERM, "%s",
		     tr.run.err);
	expect_line(&tr, 0, "+++ killed by SIGTERM +++");
	integ_traced__free(&tr);
}

/* Names FILE.N in dir into names (at most max); how many there are. */
static size_t files_named(const char *dir, const char *prefix, char names[][64], size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	cr_assert(d);
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)) && n < max)
			snprintf(names[n++], 64, "%.63s", e->d_name);
	closedir(d);
	return n;
}

Test(integ_flags, ff_writes_each_process_to_its_own_file)
{
	char out[512], names[8][64], path[700];
	char *const *argv;
	const char *opts[] = {"-ff", "-e", "trace=exit_group", "-o", out, NULL};
	const char *cmd[] = {"sh", "-c", "/bin/true; exit 3", NULL};
	struct integ_run run;
	size_t n, with3 = 0, with0 = 0;

	integ_path(out, sizeof(out), "ff");
	argv = integ_trace_argv(opts, cmd);
	cr_assert_eq(integ_run((char *const *)argv, integ_dir, 60, &run), 3, "%s", run.err);
	free((void *)argv);
	n = files_named(integ_dir, "ff.", names, 8);
	cr_expect_eq(n, 2, "want ff.PID for sh and for /bin/true, found %zu files", n);
	integ_path(path, sizeof(path), "ff");
	cr_expect_null(integ_read_file(path), "-ff must not write FILE itself");
	for (size_t i = 0; i < n; i++) {
		struct integ_trace t = {0};
		char *text;

		integ_path(path, sizeof(path), names[i]);
		text = integ_read_file(path);
		cr_assert(text);
		cr_expect(!integ_trace__parse(&t, text, false), "%s: %s", names[i], text);
		for (size_t k = 0; k < t.n; k++)
			cr_expect_eq(t.v[k].pid, 0, "%s has a pid prefix: %s", names[i], text);
		with3 += integ_trace__find(&t, -1, "+++ exited with 3 +++") != NULL;
		with0 += integ_trace__find(&t, -1, "+++ exited with 0 +++") != NULL;
		integ_trace__free(&t);
		free(text);
	}
	cr_expect_eq(with3, 1);
	cr_expect_eq(with0, 1);
	integ_run__free(&run);
}

/* `nohup renacerctl trace -- cmd`: cmd still ignores SIGHUP; the mask is inherited too. */
Test(integ_flags, the_command_inherits_ignored_signals_and_the_signal_mask)
{
	char *fx = integ_fixture("flag_sigdisp");
	const char *cmd[] = {fx, NULL};
	const char *opts[] = {"-e", "trace=none", NULL};
	struct sigaction ign = {.sa_handler = SIG_IGN};
	struct integ_traced tr;
	sigset_t usr2;

	sigemptyset(&ign.sa_mask);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	cr_assert(!sigaction(SIGHUP, &ign, NULL));
	cr_assert(!sigprocmask(SIG_BLOCK, &usr2, NULL));
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect_str_eq(tr.run.out, "hup=ignored usr2=blocked\n");
	integ_traced__free(&tr);
	free(fx);
}

Test(integ_flags, E_and_u_set_the_commands_environment_and_user)
{
	const char *cmd[] = {"sh", "-c", "echo \"$RN_FLAG:${HOME-unset}:$(id -u):$(id -g)\"", NULL};
	const char *opts[] = {"-E",	"RN_FLAG=on", "-E",	    "HOME", "-u",
			      "nobody", "-e",	      "trace=none", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect_str_eq(tr.run.out, "on:unset:65534:65534\n");
	integ_traced__free(&tr);
}

Test(integ_flags, z_keeps_successful_calls_and_Z_failed_ones)
{
	const char *cmd[] = {"cat", "/nonexistent/renacer", "/etc/hostname", NULL};
	const char *z[] = {"-z", "-e", "trace=openat", NULL};
	const char *Z[] = {"-Z", "-e", "trace=openat", NULL};
	struct integ_traced tr;

	integ_traced__run(&tr, integ_dir, z, cmd, false);
	expect_line(&tr, 0, "openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3");
	cr_expect_null(integ_trace__find(&tr.t, 0,
					 "openat(AT_FDCWD, \"/nonexistent/renacer\", O_RDONLY) = "
					 "-1 ENOENT (No such file or directory)"),
		       "-z printed a failed call:\n%s", tr.raw);
	integ_traced__free(&tr);
	integ_traced__run(&tr, integ_dir, Z, cmd, false);
	cr_expect_eq(tr.t.n >= 2 ? tr.t.n - 1 : 0, count_kind(&tr.t, INTEG_SYSCALL, "openat("),
		     "%s", tr.raw);
	expect_line(&tr, 0,
		    "openat(AT_FDCWD, \"/nonexistent/renacer\", O_RDONLY) = -1 ENOENT (No such "
		    "file or directory)");
	cr_expect_null(
	    integ_trace__find(&tr.t, 0, "openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3"),
	    "-Z printed a successful call:\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_flags, a_sets_the_result_column)
{
	const char *cmd[] = {"sh", "-c", "exit 0", NULL};
	const char *opts[] = {"-a", "20", "-e", "trace=exit_group", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect(strstr(tr.raw, "exit_group(0)       = ?\n"), "not at column 20:\n%s", tr.raw);
	integ_traced__free(&tr);
}

/* strace -x: a string with a byte that is not text goes all in \xNN; -xx: every string. */
Test(integ_flags, x_prints_strings_with_a_binary_byte_in_hex_and_xx_all_of_them)
{
	char path[512];
	const char *cmd[] = {"cat", path, NULL};
	const char *x[] = {"-x", "-e", "trace=write", NULL};
	const char *xx[] = {"-xx", "-e", "trace=write", NULL};
	struct integ_traced tr;

	integ_path(path, sizeof(path), "bin.txt");
	cr_assert(!integ_write_file(path, "ab\001c\n"));
	cr_assert_eq(integ_traced__run(&tr, integ_dir, x, cmd, false), 0, "%s", tr.run.err);
	expect_line(&tr, 0, "write(1, \"\\x61\\x62\\x01\\x63\\x0a\", 5) = 5");
	integ_traced__free(&tr);
	cr_assert(!integ_write_file(path, "ok\n"));
	cr_assert_eq(integ_traced__run(&tr, integ_dir, x, cmd, false), 0, "%s", tr.run.err);
	expect_line(&tr, 0, "write(1, \"ok\\n\", 3) = 3");
	integ_traced__free(&tr);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, xx, cmd, false), 0, "%s", tr.run.err);
	expect_line(&tr, 0, "write(1, \"\\x6f\\x6b\\x0a\", 3) = 3");
	integ_traced__free(&tr);
}

/*
 * -y: a descriptor prints with what it names, AT_FDCWD with the cwd, a relative path resolved
 * against it, and -e trace= still lets the table see the opens and closes it leaves out.
 */
Test(integ_flags, y_prints_the_path_behind_each_descriptor)
{
	char dir[PATH_MAX], want[3 * PATH_MAX], file[PATH_MAX + 16];
	const char *cmd[] = {"cat", "/etc/hostname", "data.txt", NULL};
	const char *y[] = {"-y", "-e", "trace=openat,read,close", NULL};
	const char *yread[] = {"-y", "-e", "trace=read", NULL};
	struct integ_traced tr;

	cr_assert(realpath(integ_dir, dir));
	snprintf(file, sizeof(file), "%s/data.txt", dir);
	cr_assert(!integ_write_file(file, "hello\n"));
	cr_assert_eq(integ_traced__run(&tr, integ_dir, y, cmd, false), 0, "%s", tr.run.err);
	snprintf(want, sizeof(want),
		 "openat(AT_FDCWD<%s>, \"/etc/hostname\", O_RDONLY) = 3</etc/hostname>", dir);
	expect_line(&tr, 0, want);
	expect_line(&tr, 0, "close(3</etc/hostname>) = 0");
	snprintf(want, sizeof(want), "openat(AT_FDCWD<%s>, \"data.txt\", O_RDONLY) = 3<%s>", dir,
		 file);
	expect_line(&tr, 0, want);
	snprintf(want, sizeof(want), "read(3<%s>, \"hello\\n\", 131072) = 6", file);
	expect_line(&tr, 0, want);
	integ_traced__free(&tr);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, yread, cmd, false), 0, "%s", tr.run.err);
	expect_line(&tr, 0, want);
	cr_expect_eq(count_kind(&tr.t, INTEG_SYSCALL, "openat("), 0, "%s", tr.raw);
	integ_traced__free(&tr);
}

/* -P: only the calls that name the path, by itself or through a descriptor open on it. */
Test(integ_flags, P_keeps_only_the_calls_that_touch_the_path)
{
	const char *cmd[] = {"cat", "/etc/hostname", NULL};
	const char *opts[] = {"-P", "/etc/hostname", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	expect_line(&tr, 0, "openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3");
	expect_line(&tr, 0, "close(3) = 0");
	for (size_t i = 0; i < tr.t.n; i++) {
		const char *l = tr.t.v[i].text;

		if (tr.t.v[i].kind == INTEG_SYSCALL)
			cr_expect(strstr(l, "\"/etc/hostname\"") || strstr(l, "(3,") ||
				      strstr(l, "(3)"),
				  "a line that does not touch /etc/hostname: %s", l);
	}
	cr_expect_eq(integ_trace__count(&tr.t, -1, "read"), 2, "%s", tr.raw);
	cr_expect_eq(integ_trace__count(&tr.t, -1, "execve"), 0, "%s", tr.raw);
	integ_traced__free(&tr);
}

/* -e write=1: strace's hex and ASCII dump of every byte written to fd 1, under the call. */
Test(integ_flags, e_write_dumps_the_data_in_hex_and_ascii)
{
	char path[512];
	const char *cmd[] = {"cat", path, NULL};
	const char *opts[] = {"-e", "trace=write", "-e", "write=1", NULL};
	struct integ_traced tr;

	integ_path(path, sizeof(path), "21.txt");
	cr_assert(!integ_write_file(path, "abcdefghijklmnopqrst\001"));
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect(strstr(tr.raw, "write(1, \"abcdefghijklmnopqrst\\1\", 21)  = 21\n"
				 " | 00000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  "
				 "abcdefghijklmnop |\n"
				 " | 00010  71 72 73 74 01                                    "
				 "qrst.            |\n"),
		  "no dump as strace's under the write:\n%s", tr.raw);
	integ_traced__free(&tr);
}

/* -e raw=read: read's arguments and result in hex, as strace prints an undecoded call. */
Test(integ_flags, e_raw_prints_the_arguments_undecoded)
{
	char path[512];
	const char *cmd[] = {"cat", path, NULL};
	const char *opts[] = {"-e", "trace=read", "-e", "raw=read", NULL};
	struct integ_traced tr;
	bool found = false;

	integ_path(path, sizeof(path), "21.txt");
	cr_assert(!integ_write_file(path, "abcdefghijklmnopqrstu"));
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	for (size_t i = 0; i < tr.t.n; i++) {
		const char *l = tr.t.v[i].text;

		cr_expect(tr.t.v[i].kind != INTEG_SYSCALL || !strncmp(l, "read(0x3, 0x", 12), "%s",
			  l);
		if (strstr(l, ", 0x20000) = 0x15"))
			found = true;
	}
	cr_expect(found, "no read(0x3, 0x..., 0x20000) = 0x15:\n%s", tr.raw);
	integ_traced__free(&tr);
}

/* The first syscall line that starts with prefix, or "" (the assertion then names it). */
static const char *line_from(const struct integ_traced *tr, const char *prefix)
{
	for (size_t i = 0; i < tr->t.n; i++)
		if (tr->t.v[i].kind == INTEG_SYSCALL &&
		    !strncmp(tr->t.v[i].text, prefix, strlen(prefix)))
			return tr->t.v[i].text;
	return "";
}

/*
 * -yy names what a call made as it was then, from the trace: a child's sockets, pipe,
 * eventfd and socket pair, all closed and the child reaped before the tracer (stopped
 * meanwhile) decodes a line, so /proc can no longer tell; a socket shows its endpoints as
 * they were at the call (bind's unbound, the listener's, the connection's both ends).
 */
Test(integ_flags, yy_names_descriptors_as_the_call_left_them_after_the_process_is_gone)
{
	char *fx = integ_fixture("fdnames");
	const char *cmd[] = {fx, integ_use_strace() ? "run" : "stop", NULL};
	const char *yy[] = {
	    "-f", "-yy", "-e",
	    "trace=socket,bind,listen,getsockname,connect,accept,write,pipe2,eventfd2,"
	    "socketpair,close",
	    NULL};
	const char *y[] = {"-f", "-y", "-e", "trace=socket,pipe2", NULL};
	unsigned long li = 0, ci = 0, pi[2] = {0}, ui[4] = {0};
	unsigned port = 0, lp = 0, ap = 0, cp = 0;
	int lfd = -1, cfd = -1, afd = -1, lfd2 = -1, pf[2], uf[2], efd = -1;
	struct integ_traced tr;
	char want[512];

	cr_assert_eq(integ_traced__run(&tr, integ_dir, yy, cmd, true), 0, "%s", tr.run.err);
	cr_assert_eq(sscanf(line_from(&tr, "socket(AF_INET"),
			    "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = %d<TCP:[%lu]>", &lfd, &li),
		     2, "the listener's socket line has no <TCP:[ino]>:\n%s", tr.raw);
	cr_assert_eq(sscanf(line_from(&tr, "getsockname("),
			    "getsockname(%*d<TCP:[127.0.0.1:%u]>, {sa_family=AF_INET, "
			    "sin_port=htons(%u)",
			    &lp, &port),
		     2, "%s", tr.raw);
	snprintf(want, sizeof(want),
		 "bind(%d<TCP:[%lu]>, {sa_family=AF_INET, sin_port=htons(0), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
		 lfd, li);
	expect_line(&tr, -1, want);
	snprintf(want, sizeof(want), "listen(%d<TCP:[127.0.0.1:%u]>, 1) = 0", lfd, port);
	expect_line(&tr, -1, want);
	cr_assert_eq(sscanf(line_from(&tr, "connect("), "connect(%d<TCP:[%lu]>, ", &cfd, &ci), 2,
		     "connect's socket is not shown unconnected:\n%s", tr.raw);
	cr_assert_eq(sscanf(line_from(&tr, "accept("),
			    "accept(%d<TCP:[127.0.0.1:%u]>, NULL, NULL) = "
			    "%d<TCP:[127.0.0.1:%u->127.0.0.1:%u]>",
			    &lfd2, &lp, &afd, &ap, &cp),
		     5, "%s", tr.raw);
	cr_expect(lfd2 == lfd && lp == port && ap == port, "%s", tr.raw);
	/* not its close: by then its peer is closed, and strace shows it found or not by timing */
	snprintf(want, sizeof(want), "write(%d<TCP:[127.0.0.1:%u->127.0.0.1:%u]>, \"x\", 1) = 1",
		 cfd, cp, port);
	expect_line(&tr, -1, want);
	snprintf(want, sizeof(want), "close(%d<TCP:[127.0.0.1:%u->127.0.0.1:%u]>) = 0", afd, port,
		 cp);
	expect_line(&tr, -1, want);
	snprintf(want, sizeof(want), "close(%d<TCP:[127.0.0.1:%u]>) = 0", lfd, port);
	expect_line(&tr, -1, want);
	cr_assert_eq(sscanf(line_from(&tr, "pipe2("), "pipe2([%d<pipe:[%lu]>, %d<pipe:[%lu]>], ",
			    &pf[0], &pi[0], &pf[1], &pi[1]),
		     4, "%s", tr.raw);
	cr_expect_eq(pi[0], pi[1], "%s", tr.raw);
	snprintf(want, sizeof(want), "close(%d<pipe:[%lu]>) = 0", pf[1], pi[0]);
	expect_line(&tr, -1, want);
	cr_assert_eq(
	    sscanf(line_from(&tr, "eventfd2("), "eventfd2(0, 0) = %d<anon_inode:[eventfd]>", &efd),
	    1, "%s", tr.raw);
	snprintf(want, sizeof(want), "close(%d<anon_inode:[eventfd]>) = 0", efd);
	expect_line(&tr, -1, want);
	cr_assert_eq(sscanf(line_from(&tr, "socketpair("),
			    "socketpair(AF_UNIX, SOCK_STREAM, 0, [%d<UNIX-STREAM:[%lu->%lu]>, "
			    "%d<UNIX-STREAM:[%lu->%lu]>]) = 0",
			    &uf[0], &ui[0], &ui[1], &uf[1], &ui[2], &ui[3]),
		     6, "%s", tr.raw);
	cr_expect(ui[0] == ui[3] && ui[1] == ui[2], "%s", tr.raw);
	snprintf(want, sizeof(want), "close(%d<UNIX-STREAM:[%lu->%lu]>) = 0", uf[0], ui[0], ui[1]);
	expect_line(&tr, -1, want);
	integ_traced__free(&tr);

	cr_assert_eq(integ_traced__run(&tr, integ_dir, y, cmd, true), 0, "%s", tr.run.err);
	cr_expect_eq(sscanf(line_from(&tr, "socket(AF_INET"),
			    "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = %d<socket:[%lu]>", &lfd,
			    &li),
		     2, "-y: no <socket:[ino]>:\n%s", tr.raw);
	cr_expect_eq(sscanf(line_from(&tr, "pipe2("), "pipe2([%d<pipe:[%lu]>, %d<pipe:[%lu]>], ",
			    &pf[0], &pi[0], &pf[1], &pi[1]),
		     4, "-y: the pipe has no names:\n%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
}

/*
 * -y names the descriptors inside what a call passes: poll/ppoll's pollfd array, the fd sets
 * of pselect6 (not the returned ones, nor epoll_wait's data, which is no descriptor), as
 * strace; ppoll's result shows the time left.
 */
Test(integ_flags, y_names_the_descriptors_inside_pollfds_and_fd_sets)
{
	char *fx = integ_fixture("fdnames");
	const char *cmd[] = {fx, "run", NULL};
	const char *y[] = {"-f", "-y", "-e", "trace=pipe2,poll,ppoll,pselect6,epoll_ctl,epoll_wait",
			   NULL};
	struct integ_traced tr;
	unsigned long ino = 0;
	int r = -1, w = -1;
	char want[512], pr[64], pw[64];

	cr_assert_eq(integ_traced__run(&tr, integ_dir, y, cmd, true), 0, "%s", tr.run.err);
	cr_assert_eq(sscanf(line_from(&tr, "pipe2("), "pipe2([%d<pipe:[%lu]>, %d<", &r, &ino, &w),
		     3, "%s", tr.raw);
	snprintf(pr, sizeof(pr), "%d<pipe:[%lu]>", r, ino);
	snprintf(pw, sizeof(pw), "%d<pipe:[%lu]>", w, ino);
	snprintf(want, sizeof(want),
		 "poll([{fd=%s, events=POLLIN}, {fd=%s, events=POLLOUT}], 2, 0) = 2 ([{fd=%d, "
		 "revents=POLLIN}, {fd=%d, revents=POLLOUT}])",
		 pr, pw, r, w);
	expect_line(&tr, -1, want);
	snprintf(want, sizeof(want),
		 "ppoll([{fd=%s, events=POLLIN}, {fd=%s, events=POLLOUT}], 2, {tv_sec=0, "
		 "tv_nsec=0}, NULL, 8) = 2 ([{fd=%d, revents=POLLIN}, {fd=%d, revents=POLLOUT}], "
		 "left {tv_sec=0, tv_nsec=0})",
		 pr, pw, r, w);
	expect_line(&tr, -1, want);
	snprintf(
	    want, sizeof(want),
	    "pselect6(%d, [%s], [%s], NULL, {tv_sec=0, tv_nsec=0}, {sigmask=NULL, sigsetsize=8}) = "
	    "2 (in [%d], out "
	    "[%d], left {tv_sec=0, tv_nsec=0})",
	    w + 1, pr, pw, r, w);
	expect_line(&tr, -1, want);
	cr_expect(strstr(tr.raw, "EPOLL_CTL_ADD, ") &&
		      strstr(strstr(tr.raw, "EPOLL_CTL_ADD, "), pr),
		  "epoll_ctl's fd is not named:\n%s", tr.raw);
	cr_expect(strstr(tr.raw, "data={u32=4660, u64=4660}}], 2, 0) = 1"), "%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
}
