// SPDX-License-Identifier: MIT
/*
 * The daemon suites' shared code (test_daemon.h): one private renacerd per test on a socket
 * in integ_dir, its log, children reparented to the test, users made for a test.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_daemon.h"

char td_sock[TD_SOCK_MAX];
pid_t td_pid;
char td_users[TD_MAX_USERS][40];
static char td_logpath[PATH_MAX];

static bool sock_answers(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool ok;

	memcpy(sa.sun_path, td_sock, sizeof(td_sock));
	ok = fd >= 0 && !connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	if (fd >= 0)
		close(fd);
	return ok;
}

char *td_log(void)
{
	char *s = integ_read_file(td_logpath);

	return s ? s : strdup("");
}

bool td_alive(void)
{
	return td_pid > 0 && kill(td_pid, 0) == 0 && waitpid(td_pid, NULL, WNOHANG) == 0;
}

void td_start(const char *const *extra)
{
	td_start_config(NULL, extra);
}

void td_start_config(const char *config, const char *const *extra)
{
	char bin[PATH_MAX], conf[PATH_MAX] = "/dev/null";
	const char *argv[16] = {bin, "--socket", td_sock, "--config", conf};
	size_t n = 5;
	pid_t parent = getpid();
	double until;

	snprintf(bin, sizeof(bin), "%s/renacerd", integ_build());
	cr_assert(!access(bin, X_OK), "%s missing: run `make`", bin);
	if (config) {
		integ_path(conf, sizeof(conf), "renacerd.toml");
		cr_assert_eq(integ_write_file(conf, config), 0, "cannot write %s", conf);
	}
	for (; extra && *extra && n < 15; extra++)
		argv[n++] = *extra;
	argv[n] = NULL;
	td_pid = fork();
	cr_assert_geq(td_pid, 0, "fork: %s", strerror(errno));
	if (td_pid == 0) {
		int log = open(td_logpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int null = open("/dev/null", O_RDWR);

		/* a test killed by its timeout takes its daemon along */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent || log < 0 || null < 0 || dup2(null, 0) < 0 ||
		    dup2(null, 1) < 0 || dup2(log, 2) < 0)
			_exit(126);
		close_range(3, ~0U, 0);
		unsetenv("RENACER_SOCKET");
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	for (until = integ_now_s() + 10; integ_now_s() < until; integ_sleep_ms(20)) {
		if (sock_answers())
			return;
		if (!td_alive()) {
			char *log = td_log();

			cr_assert_fail("renacerd exited before serving %s:\n%s", td_sock, log);
		}
	}
	cr_assert_fail("renacerd does not answer on %s after 10 s", td_sock);
}

/* The children of this process (as subreaper it inherits its descendants' orphans). */
static size_t my_children(pid_t *pids, char comms[][32], size_t max)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	size_t n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		char path[300], buf[512], *rp;
		int ppid;
		pid_t pid = (pid_t)atoi(de->d_name);
		FILE *f;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		f = fopen(path, "re");
		if (!f)
			continue;
		buf[0] = '\0';
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
		/* "pid (comm) state ppid": comm may hold spaces and parens */
		rp = strrchr(buf, ')');
		if (!rp || sscanf(rp + 1, " %*c %d", &ppid) != 1 || ppid != getpid())
			continue;
		*rp = '\0';
		snprintf(comms[n], 32, "%s", strchr(buf, '(') ? strchr(buf, '(') + 1 : "");
		pids[n++] = pid;
	}
	closedir(d);
	return n;
}

pid_t td_find_orphan(const char *comm)
{
	pid_t pids[64];
	char comms[64][32];
	size_t n = my_children(pids, comms, 64);

	for (size_t i = 0; i < n; i++)
		if (pids[i] != td_pid && !strcmp(comms[i], comm))
			return pids[i];
	return 0;
}

void td_kill_orphans(void)
{
	pid_t pids[64];
	char comms[64][32];
	size_t n, killed;

	/* a killed client's own children come to us next: repeat until none is left */
	for (int round = 0; round < 10; round++) {
		n = my_children(pids, comms, 64);
		killed = 0;
		for (size_t i = 0; i < n; i++)
			if (pids[i] != td_pid) {
				kill(pids[i], SIGKILL);
				waitpid(pids[i], NULL, 0);
				killed++;
			}
		if (!killed)
			break;
	}
}

void td_setup(void)
{
	if (integ_use_strace())
		cr_skip_test("renacerd tests need renacerctl, not strace");
	integ_setup();
	/* other users (the authorization test) must reach the socket inside */
	chmod(integ_dir, 0755);
	cr_assert_lt(strlen(integ_dir) + sizeof("/renacerd.sock"), sizeof(td_sock));
	integ_path(td_sock, sizeof(td_sock), "renacerd.sock");
	integ_path(td_logpath, sizeof(td_logpath), "renacerd.log");
	/* traced commands whose client died come back to us, to be waited for and killed */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
}

void td_teardown(void)
{
	if (td_pid > 0) {
		kill(td_pid, SIGKILL);
		waitpid(td_pid, NULL, 0);
		td_pid = 0;
	}
	td_kill_orphans();
	for (int i = 0; i < TD_MAX_USERS; i++)
		if (td_users[i][0]) {
			char *argv[] = {"userdel", td_users[i], NULL};
			struct integ_run r;

			integ_run(argv, NULL, 10, &r);
			integ_run__free(&r);
			td_users[i][0] = '\0';
		}
	integ_teardown();
}

void td_expect_traces(const char *why)
{
	char *fx = integ_fixture("exitcode");
	char out[PATH_MAX];
	const char *args[] = {"trace", "--daemon", "--socket", td_sock, "-o",
			      out,     "--",	   fx,	       "0",	NULL};
	struct integ_run r;
	char *raw;

	integ_path(out, sizeof(out), "check.out");
	unlink(out);
	integ_ctl(args, integ_dir, 30, &r);
	raw = integ_read_file(out);
	cr_expect_eq(r.status, 0, "%s: a normal trace fails (status %d): %s", why, r.status, r.err);
	cr_expect(raw && strstr(raw, "+++ exited with 0 +++"), "%s: incomplete trace:\n%s", why,
		  raw ? raw : "(none)");
	integ_run__free(&r);
	free(raw);
	free(fx);
}

void td_add_user(int slot, const char *suffix, uid_t *uid, gid_t *gid)
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
