// SPDX-License-Identifier: MIT
/*
 * Who may trace whom, with real unprivileged users created here: the daemon's socket
 * belongs to the first user's group; that user may trace the command it starts, and is
 * refused root's pid 1 and a process of a second user, with the pid and the rule named.
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

#include "test_daemon.h"

/* Creates a system user without a home (its primary group has its name); its ids. */
static void add_user(int slot, const char *suffix, uid_t *uid, gid_t *gid)
{
	char *argv[] = {"useradd", "-M", "-r", "-s", "/usr/sbin/nologin", td_users[slot], NULL};
	struct integ_run r;
	struct passwd *pw;

	snprintf(td_users[slot], sizeof(td_users[slot]), "renacer-test-%d%s", (int)getpid(),
		 suffix);
	integ_run(argv, NULL, 30, &r);
	if (r.status != 0)
		td_users[slot][0] = '\0'; /* not ours to delete */
	cr_assert_eq(r.status, 0, "useradd %s failed (%d): %s", argv[5], r.status, r.err);
	integ_run__free(&r);
	pw = getpwnam(td_users[slot]);
	cr_assert(pw, "user %s not found after useradd", td_users[slot]);
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
}

/* Drops to uid/gid with no supplementary groups; for a forked child. */
static void become(uid_t uid, gid_t gid)
{
	if (setgroups(0, NULL) || setgid(gid) || setuid(uid))
		_exit(125);
}

/* Starts argv as uid/gid in td_dir with stdout and stderr on out/err. */
static pid_t spawn_as(uid_t uid, gid_t gid, char *const argv[], int out, int err)
{
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
			_exit(126);
		close_range(3, ~0U, 0);
		become(uid, gid);
		if (chdir(td_dir))
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static char *read_memfd(int fd)
{
	char *s = calloc(1, 65536);

	cr_assert(s);
	if (pread(fd, s, 65535, 0) < 0)
		cr_assert_fail("cannot read the output: %s", strerror(errno));
	close(fd);
	return s;
}

/* Runs argv as uid/gid, output captured (integ_run's contract). */
static int run_as(uid_t uid, gid_t gid, char *const argv[], double timeout_s, struct integ_run *r)
{
	int out = memfd_create("out", MFD_CLOEXEC), err = memfd_create("err", MFD_CLOEXEC);
	pid_t pid;

	cr_assert(out >= 0 && err >= 0);
	pid = spawn_as(uid, gid, argv, out, err);
	r->status = integ_wait(pid, timeout_s);
	if (r->status == -1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	r->out = read_memfd(out);
	r->err = read_memfd(err);
	return r->status;
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

	add_user(0, "", &uid, &gid);
	add_user(1, "-b", &uid2, &gid2);
	gr = getgrgid(gid);
	cr_assert(gr, "no group %u for %s", gid, td_users[0]);
	group = gr->gr_name;
	extra[1] = group;
	td_start(extra);

	/* its own command: traced from execve to exit, with its exit status */
	argv = td_ctl_argv(own_args);
	run_as(uid, gid, argv, 30, &r);
	free(argv);
	cr_expect_eq(r.status, 3, "user %s tracing its own command: status %d; stderr:\n%s",
		     td_users[0], r.status, r.err);
	cr_expect(!strncmp(r.err, "execve(", 7) && strstr(r.err, "+++ exited with 3 +++"),
		  "incomplete trace of the user's own command:\n%s", r.err);
	integ_run__free(&r);

	/* root's pid 1 */
	argv = td_ctl_argv(init_args);
	run_as(uid, gid, argv, 30, &r);
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
	argv = td_ctl_argv(other_args);
	run_as(uid, gid, argv, 30, &r);
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

	add_user(0, "", &uid, &gid);
	gr = getgrgid(gid);
	cr_assert(gr && err >= 0);
	extra[1] = gr->gr_name;
	td_start(extra);
	/* a setuid-root copy of sleeper: it runs with euid 0 for as long as we like */
	td_path(suid, sizeof(suid), "suid-sleeper");
	td_path(sink, sizeof(sink), "suid-sleeper.sink");
	{
		char *cp[] = {"cp", fx, suid, NULL};
		struct integ_run r;

		cr_assert_eq(integ_run(cp, NULL, 10, &r), 0, "cp: %s", r.err);
		integ_run__free(&r);
	}
	cr_assert(!chown(suid, 0, 0) && !chmod(suid, 04755), "cannot make %s setuid", suid);

	argv = td_ctl_argv(args);
	tracer = spawn_as(uid, gid, argv, err, err);
	integ_sleep_ms(1000);
	/* it runs on untraced; the client waits for it, as for any command, until interrupted */
	kill(tracer, SIGINT);
	cr_expect_neq(integ_wait(tracer, 5), -1, "the client ignores SIGINT");
	errtext = read_memfd(err);
	cr_expect(!strstr(errtext, "nanosleep(") && !strstr(errtext, "write("),
		  "a setuid-root process was traced for an unprivileged user:\n%s", errtext);
	cr_expect(strstr(errtext, "setuid/setgid") && strstr(errtext, "only root may trace"),
		  "the client is not told why:\n%s", errtext);
	cr_expect(td_find_orphan("suid-sleeper") > 0, "the setuid program did not keep running");
	cr_expect(td_alive(), "renacerd died");
	free(errtext);
	free(argv);
	free(fx);
}
