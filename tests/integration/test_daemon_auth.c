// SPDX-License-Identifier: MIT
/*
 * Who may trace whom, with real unprivileged users created here: the daemon's socket
 * belongs to the first user's group; that user may trace the command it starts, and is
 * refused root's pid 1 and a process of a second user, with the pid and the rule named.
 * The rule is ptrace's (PTRACE_MODE_ATTACH_REALCREDS): programs given file capabilities
 * with setcap (tests/fixtures/capreader.c, reading a 0600 root file the test writes)
 * are refused at attach and leave the trace at exec or at the capset that gains them,
 * before anything they read is recorded; root traces them all.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine.h"
#include "test_daemon.h"

/* Drops to uid/gid with no supplementary groups; for a forked child. */
static void become(uid_t uid, gid_t gid)
{
	if (setgroups(0, NULL) || setgid(gid) || setuid(uid))
		_exit(125);
}

/* Starts argv as uid/gid in integ_dir with stdin on in (-1: /dev/null), stdout and stderr on
 * out/err. */
static pid_t spawn_as_in(uid_t uid, gid_t gid, char *const argv[], int in, int out, int err)
{
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		if (in < 0)
			in = open("/dev/null", O_RDONLY);
		if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
			_exit(126);
		close_range(3, ~0U, 0);
		become(uid, gid);
		if (chdir(integ_dir))
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static pid_t spawn_as(uid_t uid, gid_t gid, char *const argv[], int out, int err)
{
	return spawn_as_in(uid, gid, argv, -1, out, err);
}

Test(integ_daemon, unprivileged_user_traces_its_own_command_but_not_roots_or_another_users)
{
	char *fx = integ_fixture("exitcode");
	const char *group;
	char one[16] = "1", other[16];
	const char *own_args[] = {"trace", "--daemon", "--socket", td_sock, "--", fx, "3", NULL};
	const char *init_args[] = {"trace", "--daemon", "--socket", td_sock, "-p", one, NULL};
	const char *other_args[] = {"trace", "--daemon", "--socket", td_sock, "-p", other, NULL};
	const char *extra[] = {"--group", NULL, NULL};
	char **argv;
	struct group *gr;
	struct integ_run r;
	uid_t uid, uid2;
	gid_t gid, gid2;
	pid_t sleeper;

	td_add_user(0, "", &uid, &gid);
	td_add_user(1, "-b", &uid2, &gid2);
	gr = getgrgid(gid);
	cr_assert(gr, "no group %u for %s", gid, td_users[0]);
	group = gr->gr_name;
	extra[1] = group;
	td_start(extra);

	/* its own command: traced from execve to exit, with its exit status */
	argv = integ_ctl_argv(own_args);
	integ_run_as(argv, integ_dir, uid, gid, 30, &r);
	free(argv);
	cr_expect_eq(r.status, 3, "user %s tracing its own command: status %d; stderr:\n%s",
		     td_users[0], r.status, r.err);
	cr_expect(!strncmp(r.err, "execve(", 7) && strstr(r.err, "+++ exited with 3 +++"),
		  "incomplete trace of the user's own command:\n%s", r.err);
	integ_run__free(&r);

	/* root's pid 1 */
	argv = integ_ctl_argv(init_args);
	integ_run_as(argv, integ_dir, uid, gid, 30, &r);
	free(argv);
	cr_expect(r.status > 0 && r.status < 128, "tracing pid 1 as %s: status %d (want refused)",
		  td_users[0], r.status);
	cr_expect(strstr(r.err, "cannot trace pid 1: permission denied") &&
		      strstr(r.err, "you may trace only your own processes"),
		  "refusal does not name the pid and the rule:\n%s", r.err);
	integ_run__free(&r);

	/* a process of the second user */
	sleeper = fork();
	cr_assert_geq(sleeper, 0);
	if (sleeper == 0) {
		become(uid2, gid2);
		execl("/bin/sleep", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	integ_sleep_ms(100);
	snprintf(other, sizeof(other), "%d", sleeper);
	argv = integ_ctl_argv(other_args);
	integ_run_as(argv, integ_dir, uid, gid, 30, &r);
	free(argv);
	cr_expect(r.status > 0 && r.status < 128,
		  "tracing %s's pid %s as %s: status %d (want refused)", td_users[1], other,
		  td_users[0], r.status);
	snprintf(one, sizeof(one), "pid %d: ", sleeper);
	cr_expect(strstr(r.err, one) && strstr(r.err, "permission denied") &&
		      strstr(r.err, "you may trace only your own processes"),
		  "refusal does not name pid %d and the rule:\n%s", sleeper, r.err);
	integ_run__free(&r);
	cr_expect(kill(sleeper, 0) == 0 && waitpid(sleeper, NULL, WNOHANG) == 0,
		  "the other user's process died");
	kill(sleeper, SIGKILL);
	waitpid(sleeper, NULL, 0);

	/* a user outside the socket's group is told which group to join, not "is it running?" */
	{
		const char *status_args[] = {"status", "--socket", td_sock, NULL};
		const char *embedded_args[] = {"trace", "--socket", td_sock, "--", fx, "3", NULL};
		char want[128];

		argv = integ_ctl_argv(status_args);
		integ_run_as(argv, integ_dir, uid2, gid2, 30, &r);
		free(argv);
		snprintf(want, sizeof(want), "usermod -aG %s %s", group, td_users[1]);
		cr_expect(r.status == 1 && strstr(r.err, "Permission denied") &&
			      strstr(r.err, want),
			  "status as %s, not in group %s: status %d, stderr (want '%s'):\n%s",
			  td_users[1], group, r.status, want, r.err);
		integ_run__free(&r);
		/* and so is its trace that falls back on the embedded engine, which it cannot load
		 */
		argv = integ_ctl_argv(embedded_args);
		integ_run_as(argv, integ_dir, uid2, gid2, 30, &r);
		free(argv);
		cr_expect(r.status != 0 && strstr(r.err, want),
			  "trace as %s, not in group %s: status %d, stderr (want '%s'):\n%s",
			  td_users[1], group, r.status, want, r.err);
		integ_run__free(&r);
	}
	cr_expect(td_alive(), "renacerd died");
	free(fx);
}

Test(integ_daemon, unprivileged_trace_stops_at_exec_of_a_setuid_program)
{
	char *fx = integ_fixture("sleeper"), *errtext;
	char suid[PATH_MAX], sink[PATH_MAX];
	const char *args[] = {"trace", "--daemon", "--socket", td_sock, "--", suid, sink, NULL};
	const char *extra[] = {"--group", NULL, NULL};
	char **argv;
	struct group *gr;
	uid_t uid;
	gid_t gid;
	pid_t tracer;
	int err = memfd_create("err", MFD_CLOEXEC);

	td_add_user(0, "", &uid, &gid);
	gr = getgrgid(gid);
	cr_assert(gr && err >= 0);
	extra[1] = gr->gr_name;
	td_start(extra);
	/* a setuid-root copy of sleeper: it runs with euid 0 for as long as we like */
	integ_path(suid, sizeof(suid), "suid-sleeper");
	integ_path(sink, sizeof(sink), "suid-sleeper.sink");
	{
		char *cp[] = {"cp", fx, suid, NULL};
		struct integ_run r;

		cr_assert_eq(integ_run(cp, NULL, 10, &r), 0, "cp: %s", r.err);
		integ_run__free(&r);
	}
	cr_assert(!chown(suid, 0, 0) && !chmod(suid, 04755), "cannot make %s setuid", suid);

	argv = integ_ctl_argv(args);
	tracer = spawn_as(uid, gid, argv, err, err);
	integ_sleep_ms(1000);
	/* it runs on untraced; the client waits for it, as for any command, until interrupted */
	kill(tracer, SIGINT);
	cr_expect_neq(integ_wait(tracer, 5), -1, "the client ignores SIGINT");
	errtext = integ_read_memfd(err);
	cr_expect(!strstr(errtext, "nanosleep(") && !strstr(errtext, "write("),
		  "a setuid-root process was traced for an unprivileged user:\n%s", errtext);
	cr_expect(strstr(errtext, "left the trace at execve: its user or group ids changed "
				  "(a setuid/setgid program)") &&
		      strstr(errtext, "run as root to trace others"),
		  "the client is not told why:\n%s", errtext);
	cr_expect(td_find_orphan("suid-sleeper") > 0, "the setuid program did not keep running");
	cr_expect(td_alive(), "renacerd died");
	free(errtext);
	free(argv);
	free(fx);
}

/* The first user, the daemon serving its group; *uid and *gid are the user's. */
static void start_for_user(uid_t *uid, gid_t *gid)
{
	const char *extra[] = {"--group", NULL, NULL};
	struct group *gr;

	td_add_user(0, "", uid, gid);
	gr = getgrgid(*gid);
	cr_assert(gr, "no group %u for %s", *gid, td_users[0]);
	extra[1] = gr->gr_name;
	td_start(extra);
}

/*
 * <integ_dir>/secret, 0600 root, that only a capability lets the user read; its text (one
 * line, unique to this run) into text.
 */
static void make_secret(char *path, size_t len, char *text, size_t textlen)
{
	int fd;

	integ_path(path, len, "secret");
	snprintf(text, textlen, "renacer-secret-%d", (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	cr_assert(fd >= 0, "cannot create %s: %s", path, strerror(errno));
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* A copy of the capreader fixture at <integ_dir>/name, given caps with setcap (NULL: none). */
static void make_capreader(char *path, size_t len, const char *name, const char *caps)
{
	char *fx = integ_fixture("capreader");
	char *cp[] = {"cp", fx, path, NULL};
	char *setcap[] = {"setcap", (char *)caps, path, NULL};
	struct integ_run r;

	integ_path(path, len, name);
	cr_assert_eq(integ_run(cp, NULL, 10, &r), 0, "cp: %s", r.err);
	integ_run__free(&r);
	if (caps) {
		cr_assert_eq(integ_run(setcap, NULL, 10, &r), 0,
			     "setcap %s %s failed (is libcap2-bin installed?): %s", caps, path,
			     r.err);
		integ_run__free(&r);
	}
	free(fx);
}

/*
 * Starts prog (the user's own, waiting on its stdin before it reads secret), has the user
 * attach to it with `renacerctl trace --daemon -p`, then lets it go on; the client's
 * result in r (the trace in r.err), what prog printed in *progout. Returns prog's pid.
 */
static pid_t attach_as(uid_t uid, gid_t gid, char *prog, char *secret, struct integ_run *r,
		       char **progout)
{
	char pidtext[16];
	const char *args[] = {"trace", "--daemon", "--socket", td_sock, "-p", pidtext, NULL};
	char *rargv[] = {prog, secret, "wait", "raise", NULL};
	int in[2], pout = memfd_create("prog", MFD_CLOEXEC);
	int out = memfd_create("out", MFD_CLOEXEC), err = memfd_create("err", MFD_CLOEXEC);
	pid_t reader, tracer;
	char **argv;

	cr_assert(!pipe2(in, O_CLOEXEC) && pout >= 0 && out >= 0 && err >= 0);
	reader = spawn_as_in(uid, gid, rargv, in[0], pout, pout);
	close(in[0]);
	integ_sleep_ms(200);
	snprintf(pidtext, sizeof(pidtext), "%d", reader);
	argv = integ_ctl_argv(args);
	tracer = spawn_as(uid, gid, argv, out, err);
	free(argv);
	integ_sleep_ms(1000); /* an attach that was let through is in place by now */
	cr_assert_eq(write(in[1], "x", 1), 1);
	close(in[1]);
	r->status = integ_wait(tracer, 10);
	if (r->status == -1) {
		kill(tracer, SIGKILL);
		waitpid(tracer, NULL, 0);
	}
	cr_expect_neq(integ_wait(reader, 10), -1, "%s did not finish", prog);
	r->out = integ_read_memfd(out);
	r->err = integ_read_memfd(err);
	*progout = integ_read_memfd(pout);
	return reader;
}

Test(integ_daemon, unprivileged_attach_to_a_program_with_capabilities_is_refused)
{
	static const char *const caps[] = {"cap_dac_read_search+ep", "cap_dac_read_search+p"};
	char prog[PATH_MAX], secret[PATH_MAX], text[64], want[64];
	struct integ_run r;
	char *progout;
	uid_t uid;
	gid_t gid;
	pid_t reader;

	start_for_user(&uid, &gid);
	make_secret(secret, sizeof(secret), text, sizeof(text));
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		make_capreader(prog, sizeof(prog), i ? "cap-p" : "cap-ep", caps[i]);
		reader = attach_as(uid, gid, prog, secret, &r, &progout);
		/* the program could read the secret: its capability is real */
		cr_expect(strstr(progout, text), "%s (%s) did not read %s:\n%s", prog, caps[i],
			  secret, progout);
		cr_expect(r.status > 0 && r.status < 128,
			  "attaching as %s to its %s program: status %d (want refused)",
			  td_users[0], caps[i], r.status);
		snprintf(want, sizeof(want), "cannot trace pid %d: permission denied", reader);
		cr_expect(strstr(r.err, want) && strstr(r.err, "it has capabilities") &&
			      strstr(r.err, "you may trace only your own processes, as ptrace "
					    "allows") &&
			      strstr(r.err, "no capabilities"),
			  "the refusal of the %s program does not name the pid and the rule:\n%s",
			  caps[i], r.err);
		cr_expect(!strstr(r.err, text), "what the %s program read was captured:\n%s",
			  caps[i], r.err);
		free(progout);
		integ_run__free(&r);
	}
	cr_expect(td_alive(), "renacerd died");
}

Test(integ_daemon, unprivileged_attach_to_its_own_program_without_capabilities_is_traced)
{
	char prog[PATH_MAX], secret[PATH_MAX], text[64], want[PATH_MAX + 64];
	struct integ_run r;
	char *progout;
	uid_t uid;
	gid_t gid;

	start_for_user(&uid, &gid);
	make_secret(secret, sizeof(secret), text, sizeof(text));
	make_capreader(prog, sizeof(prog), "nocaps", NULL);
	attach_as(uid, gid, prog, secret, &r, &progout);
	cr_expect_eq(r.status, 0, "attaching as %s to its own program: status %d:\n%s", td_users[0],
		     r.status, r.err);
	snprintf(want, sizeof(want), "openat(AT_FDCWD, \"%s\", O_RDONLY)", secret);
	cr_expect(strstr(r.err, "\ncapset(") && strstr(r.err, want) &&
		      strstr(r.err, "write(1, \"capreader done\\n\", 15)") &&
		      strstr(r.err, "+++ exited with 1 +++") && !strstr(r.err, "left the trace"),
		  "the trace of the user's own program is not complete:\n%s", r.err);
	free(progout);
	integ_run__free(&r);
	cr_expect(td_alive(), "renacerd died");
}

/* Runs `renacerctl trace --daemon -f -- prog secret step [step2]` as the user; the trace is
 * r.err. */
static void trace_as(uid_t uid, gid_t gid, char *prog, char *secret, const char *step,
		     const char *step2, struct integ_run *r)
{
	const char *args[] = {"trace", "--daemon", "-f", "--socket", td_sock, "--",
			      prog,    secret,	   step, step2,	     NULL};
	char **argv = integ_ctl_argv(args);

	integ_run_as(argv, integ_dir, uid, gid, 30, r);
	free(argv);
}

Test(integ_daemon, unprivileged_trace_of_a_program_with_capabilities_ends_at_its_exec)
{
	/* +p raises the capability itself with capset; the exec already gives it a permitted
	 * set, so it leaves there, before the capset */
	static const char *const caps[] = {"cap_dac_read_search+ep", "cap_dac_read_search+p"};
	char prog[PATH_MAX], secret[PATH_MAX], text[64], want[PATH_MAX + 16];
	struct integ_run r;
	uid_t uid;
	gid_t gid;

	start_for_user(&uid, &gid);
	make_secret(secret, sizeof(secret), text, sizeof(text));
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		make_capreader(prog, sizeof(prog), i ? "cap-p" : "cap-ep", caps[i]);
		trace_as(uid, gid, prog, secret, i ? "raise" : "none", NULL, &r);
		/* the program ran on untraced and read the secret */
		cr_expect(strstr(r.out, text) && strstr(r.out, "capreader done"),
			  "the %s program did not read %s (status %d):\n%s%s", caps[i], secret,
			  r.status, r.out, r.err);
		cr_expect(!strstr(r.err, text) && !strstr(r.err, "read(") &&
			      !strstr(r.err, "capset("),
			  "the %s program was traced past its exec for %s:\n%s", caps[i],
			  td_users[0], r.err);
		snprintf(want, sizeof(want), "execve(\"%s\"", prog);
		cr_expect(strstr(r.err, want), "its execve is not shown:\n%s", r.err);
		cr_expect(strstr(r.err, "left the trace at execve: it gained capabilities (a "
					"program with file capabilities); you may trace only"),
			  "the client is not told why the %s program left:\n%s", caps[i], r.err);
		integ_run__free(&r);
	}
	cr_expect(td_alive(), "renacerd died");
}

Test(integ_daemon, unprivileged_trace_leaves_at_a_capset_that_gains_capabilities)
{
	/*
	 * A program without file capabilities that gains them while traced: in a user
	 * namespace of its own it holds every capability, and raises one with capset. The
	 * rule counts capabilities in any namespace (as the exec check does), so it leaves
	 * at that capset: the call is shown, nothing after it.
	 */
	char prog[PATH_MAX], secret[PATH_MAX], text[64];
	const char *capset, *after;
	struct integ_run r;
	uid_t uid;
	gid_t gid;

	start_for_user(&uid, &gid);
	make_secret(secret, sizeof(secret), text, sizeof(text));
	make_capreader(prog, sizeof(prog), "nocaps", NULL);
	trace_as(uid, gid, prog, secret, "userns", "fork", &r);
	cr_expect(strstr(r.out, "capreader child") && strstr(r.out, "capreader done"),
		  "the program did not finish (status %d):\n%s", r.status, r.err);
	cr_expect(strstr(r.err, "unshare(CLONE_NEWUSER") || strstr(r.err, "unshare(0x10000000"),
		  "its unshare is not shown:\n%s", r.err);
	capset = strstr(r.err, "\ncapset(");
	cr_expect(capset, "the capset that gained them is not shown:\n%s", r.err);
	after = capset ? strchr(capset + 1, '\n') : NULL;
	/* nor its child forked after it (traced with -f) */
	cr_expect(after && !strstr(after, "clone") && !strstr(after, "fork(") &&
		      !strstr(after, "openat(") && !strstr(after, "write(") &&
		      !strstr(after, "exit_group(") && !strstr(after, "+++ exited"),
		  "calls after the capset were traced:\n%s", r.err);
	cr_expect(strstr(r.err, "left the trace at capset: it gained capabilities; you may "
				"trace only"),
		  "the client is not told why it left:\n%s", r.err);
	integ_run__free(&r);
	cr_expect(td_alive(), "renacerd died");
}

Test(integ_daemon, root_traces_programs_with_capabilities)
{
	char prog[PATH_MAX], secret[PATH_MAX], text[64];
	const char *args[] = {"trace", "--daemon", "--socket", td_sock, "--",
			      prog,    secret,	   "raise",    NULL};
	struct integ_run r;

	td_start(NULL);
	make_secret(secret, sizeof(secret), text, sizeof(text));
	make_capreader(prog, sizeof(prog), "cap-p", "cap_dac_read_search+p");
	integ_ctl(args, integ_dir, 30, &r);
	cr_expect_eq(r.status, 0, "root tracing its +p program: status %d:\n%s", r.status, r.err);
	cr_expect(strstr(r.err, "\ncapset(") && strstr(r.err, text) &&
		      strstr(r.err, "+++ exited with 0 +++") && !strstr(r.err, "left the trace"),
		  "root's trace of a capability program is not complete:\n%s", r.err);
	integ_run__free(&r);
	cr_expect(td_alive(), "renacerd died");
}

Test(integ_daemon, unprivileged_trace_leaves_at_the_exec_of_a_program_it_cannot_read)
{
	/* execute-only (0711, root's): the kernel makes it not dumpable, so ptrace would not
	 * let the user read its memory; it leaves at the exec */
	char prog[PATH_MAX], secret[PATH_MAX], text[64];
	struct integ_run r;
	uid_t uid;
	gid_t gid;

	start_for_user(&uid, &gid);
	make_secret(secret, sizeof(secret), text, sizeof(text));
	make_capreader(prog, sizeof(prog), "exec-only", NULL);
	cr_assert(!chown(prog, 0, 0) && !chmod(prog, 0711), "cannot make %s execute-only", prog);
	trace_as(uid, gid, prog, secret, "none", NULL, &r);
	cr_expect(strstr(r.out, "capreader done"), "the program did not run (status %d):\n%s",
		  r.status, r.err);
	cr_expect(!strstr(r.err, "capreader done") && !strstr(r.err, "exit_group("),
		  "the execute-only program was traced past its exec:\n%s", r.err);
	cr_expect(strstr(r.err, "left the trace at execve: it is not dumpable; you may trace only"),
		  "the client is not told why it left:\n%s", r.err);
	integ_run__free(&r);
	cr_expect(td_alive(), "renacerd died");
}

struct leave_seen {
	pid_t pid;
	int calls, leaves;
	struct rn_proc_rec leave;
};

static void seen_syscall(void *ctx, const struct rn_event *ev)
{
	struct leave_seen *s = ctx;

	s->calls += ev->rec->h.tgid == (uint32_t)s->pid;
}

static void seen_proc(void *ctx, const struct rn_proc_rec *r)
{
	struct leave_seen *s = ctx;

	if (r->h.kind == RN_REC_LEAVE && r->h.tgid == (uint32_t)s->pid) {
		s->leaves++;
		s->leave = *r;
	}
}

Test(integ_daemon, a_process_whose_credentials_changed_before_its_trace_started_leaves_at_once)
{
	/*
	 * renacerd checks /proc/PID before it adds the target; a process that execs a
	 * privileged program in between is caught by BPF at its first traced call. Stand-in
	 * for that race: root's own child, added for user nobody (65534).
	 */
	struct leave_seen seen = {0};
	struct rn_sink sink = {.ctx = &seen, .syscall = seen_syscall, .proc = seen_proc};
	struct rn_engine *e;
	char err[512], text[512];
	int go[2], ret;

	ret = rn_engine__new(&e, NULL, &sink, err, sizeof(err));
	cr_assert_eq(ret, 0, "%s", err);
	cr_assert(!pipe2(go, O_CLOEXEC));
	seen.pid = fork();
	cr_assert_geq(seen.pid, 0);
	if (seen.pid == 0) {
		char c;
		int fd;

		if (read(go[0], &c, 1) != 1)
			_exit(3);
		fd = open("/dev/null", O_WRONLY);
		_exit(write(fd, "after", 5) == 5 ? 0 : 4);
	}
	ret = rn_engine__add_target_for(e, seen.pid, RN_TF_FOLLOW, 1, 65534, 65534);
	cr_assert_eq(ret, 0, "cannot add pid %d: %s", seen.pid, strerror(-ret));
	cr_assert_eq(write(go[1], "x", 1), 1);
	cr_expect_neq(integ_wait(seen.pid, 10), -1, "the child did not finish");
	rn_engine__settle(e, 200000);
	rn_engine__free(e);
	close(go[0]);
	close(go[1]);
	cr_expect_eq(seen.calls, 0, "%d call(s) of a process that breaks the rule were recorded",
		     seen.calls);
	cr_assert_eq(seen.leaves, 1, "pid %d did not leave the trace (%d leave records)", seen.pid,
		     seen.leaves);
	cr_expect(seen.leave.other_tgid == RN_LEAVE_AT_JOIN && seen.leave.code == RN_LEAVE_IDS,
		  "leave record: at %u why %d", seen.leave.other_tgid, seen.leave.code);
	rn_proc__leave_text(&seen.leave, text, sizeof(text));
	cr_expect(strstr(text, "left the trace at its first traced call: its user or group ids "
			       "changed; you may trace only"),
		  "leave text: %s", text);
}
