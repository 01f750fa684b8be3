// SPDX-License-Identifier: MIT
/*
 * What both runs of renacerctl trace share: the signals that stop it, the command found,
 * spawned held and reaped, and the life of the -o file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdpaths.h"
#include "outfile.h"
#include "report.h"
#include "trace_int.h"

volatile sig_atomic_t tracer_interrupted;

static void on_signal(int sig)
{
	tracer_interrupted = sig;
}

/* Finds cmd in PATH as execvp would, so the child can execve it directly. */
int tracer__resolve(const char *cmd, char *out, size_t outlen)
{
	const char *path = getenv("PATH");
	const char *p, *end;
	struct stat st;

	if (strchr(cmd, '/')) {
		if (stat(cmd, &st))
			return -errno;
		snprintf(out, outlen, "%s", cmd);
		return 0;
	}
	for (p = path ? path : "/usr/local/bin:/usr/bin:/bin"; p; p = *end ? end + 1 : NULL) {
		end = strchrnul(p, ':');
		snprintf(out, outlen, "%.*s%s%s", (int)(end - p), p, end == p ? "" : "/", cmd);
		if (!stat(out, &st) && S_ISREG(st.st_mode) && !access(out, X_OK))
			return 0;
	}
	return -ENOENT;
}

#define MAX_GROUPS 256

/* -u USER: the ids the command takes, looked up before the fork. */
struct run_as {
	uid_t uid;
	gid_t gid;
	gid_t groups[MAX_GROUPS];
	int ngroups;
};

static int resolve_user(const char *user, struct run_as *ra)
{
	struct passwd *pw;

	errno = 0;
	pw = getpwnam(user);
	if (!pw) {
		rn_cli__error(NULL, "give a user name from the password database (getent passwd)",
			      "-u %s: %s", user, errno ? strerror(errno) : "no such user");
		return -ENOENT;
	}
	ra->uid = pw->pw_uid;
	ra->gid = pw->pw_gid;
	ra->ngroups = MAX_GROUPS;
	if (getgrouplist(user, pw->pw_gid, ra->groups, &ra->ngroups) < 0) {
		rn_cli__error(NULL, NULL, "-u %s: more than %d groups", user, MAX_GROUPS);
		return -E2BIG;
	}
	return 0;
}

/* In the child: -E's changes to the environment, then -u's ids (groups first). */
static int child_setup(const struct trace_opts *o, const struct run_as *ra)
{
	for (int i = 0; i < o->nenv; i++) {
		const char *eq = strchr(o->env[i], '=');
		char name[256];

		if (!eq) {
			unsetenv(o->env[i]);
			continue;
		}
		snprintf(name, sizeof(name), "%.*s", (int)(eq - o->env[i]), o->env[i]);
		if (setenv(name, eq + 1, 1))
			return -errno;
	}
	if (!o->user)
		return 0;
	if (setgroups((size_t)ra->ngroups, ra->groups) || setgid(ra->gid) || setuid(ra->uid))
		return -errno;
	return 0;
}

/* Starts cmd held on a pipe: it runs nothing of cmd until the parent releases it. */
static int spawn_held(const struct trace_opts *o, const char *path, const char *traceparent,
		      pid_t *pid, int *release)
{
	struct run_as ra = {0};
	int fds[2], err;
	char go;

	if (o->user && resolve_user(o->user, &ra))
		return -EINVAL;
	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	*pid = fork();
	if (*pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	if (*pid == 0) {
		close(fds[1]);
		if (read(fds[0], &go, 1) != 1)
			_exit(127);
		if (traceparent)
			setenv("TRACEPARENT", traceparent, 1);
		err = child_setup(o, &ra);
		if (err) {
			rn_cli__error(NULL, NULL, "cannot start '%s' %s%s: %s", path,
				      o->user ? "as " : "with -E", o->user ? o->user : "",
				      strerror(-err));
			_exit(127);
		}
		execv(path, o->cmd);
		rn_cli__error(NULL, NULL, "cannot run '%s': %s", path, strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	*release = fds[1];
	return 0;
}

uint32_t tracer__snaplen(const struct tracer *t)
{
	uint32_t n = t->rec ? t->o.capture : t->o.strsize;

	return rn_filter__dumps(t->filter) ? RN_CAPTURE_MAX : n;
}

int tracer__count_threads(pid_t pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return 1;
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			n++;
	closedir(dir);
	return n ? n : 1;
}

/*
 * A signal the caller ignores stays ignored, here and in the traced command (`nohup
 * renacerctl trace -- cmd`: a caught signal would be reset to SIG_DFL at the command's
 * exec, and SIGHUP would kill it). The signal mask is never changed, so it is inherited.
 */
void tracer__install_handlers(void)
{
	struct sigaction sa = {.sa_handler = on_signal}, old;
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
	size_t i;

	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) || old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

/*
 * trace -o FILE streams while the command runs, as strace's does (`tail -f` works, and a
 * tracer that is killed leaves what it had), but FILE is emptied only once the trace has
 * started: a command that is not found, BPF that does not load or an attach that is
 * refused leave an existing FILE as it was, and a FILE this run created is removed.
 * With -A, FILE is appended to and never emptied.
 */
/* -o '|CMD' or -o '!CMD': the trace goes to `sh -c CMD`'s standard input, as strace's. */
static int open_pipe(struct tracer *t, const char *cmd)
{
	int fds[2], e;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		goto fail;
	pid = fork();
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	e = errno;
	close(fds[0]);
	if (pid < 0) {
		close(fds[1]);
		errno = e;
		goto fail;
	}
	t->out_pid = pid;
	t->out_fd = fds[1];
	t->out = rn_fdopen_keep_errno(fds[1], &t->out_werr, true);
	if (t->out)
		return 0;
fail:
	e = errno;
	rn_cli__error(NULL, NULL, "cannot start '%s' for the trace: %s", cmd, strerror(e));
	return -e;
}

int tracer__open_output(struct tracer *t)
{
	const char *path = t->o.outfile;
	int app = t->o.append ? O_APPEND : 0;
	int e, fd;

	if (path[0] == '|' || path[0] == '!')
		return open_pipe(t, path + 1);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | app, 0666);
	if (fd >= 0)
		t->out_created = true;
	else if (errno == EEXIST)
		fd = open(path, O_WRONLY | O_CLOEXEC | app);
	/* a symlink to a missing file: create its target, as a plain open would */
	if (fd < 0 && errno == ENOENT && !t->out_created)
		fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | app, 0666);
	t->out_fd = fd;
	if (fd >= 0 && (t->out = rn_fdopen_keep_errno(fd, &t->out_werr, true)))
		return 0;
	e = errno;
	if (fd >= 0)
		close(fd);
	if (t->out_created)
		unlink(path);
	t->out_created = false;
	rn_cli__error(NULL, "check the directory exists and is writable", "cannot write '%s': %s",
		      path, strerror(e));
	return -e;
}

void tracer__note_write_err(struct tracer *t, int err)
{
	if (err && !t->write_err)
		t->write_err = err < 0 ? err : -EIO;
}

void tracer__begin_output(struct tracer *t)
{
	struct stat st;
	int fd;

	if (!t->o.outfile || t->o.output_separately || t->out_begun)
		return;
	t->out_begun = true;
	fd = t->out_fd;
	if (fflush(t->out) || fstat(fd, &st) ||
	    (S_ISREG(st.st_mode) && !t->o.append && ftruncate(fd, ftello(t->out))))
		tracer__note_write_err(t, -errno);
}

/* The trace never started: nothing may reach FILE, not even the writers' last flush. */
void tracer__drop_output(struct tracer *t)
{
	int nul;

	if (!t->o.outfile || t->o.output_separately || !t->out || t->out_begun)
		return;
	t->out_begun = true;
	nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (nul >= 0) {
		dup2(nul, t->out_fd);
		close(nul);
	}
	if (t->out_created)
		unlink(t->o.outfile);
}

int tracer__spawn(struct tracer *t, const char *path, const char *traceparent,
		  int (*add)(struct tracer *t, pid_t pid))
{
	int release = -1, ret;

	ret = spawn_held(&t->o, path, traceparent, &t->child, &release);
	if (ret == -EINVAL)
		return 1;
	if (ret) {
		rn_cli__error(NULL, NULL, "cannot start '%s': %s", t->o.cmd[0], strerror(-ret));
		return 1;
	}
	ret = add(t, t->child);
	if (!ret)
		tracer__begin_output(t);
	/* before the release: the header reads the command's directory from /proc, gone once
	 * a short command has exited (a failed write of it is the output's error, reported at
	 * the end: the command runs) */
	if (!ret && t->rec)
		rn_recorder__add_root(t->rec, t->child);
	if (!ret)
		rn_fdpaths__snapshot(t->fds,
				     (uint32_t)t->child); /* 0, 1, 2 as the command gets them */
	if (ret || write(release, "g", 1) != 1) {
		if (!ret)
			rn_cli__error(NULL, NULL, "cannot release the new process: %s",
				      strerror(errno));
		kill(t->child, SIGKILL);
		waitpid(t->child, NULL, 0);
		t->child = 0;
		close(release);
		return 1;
	}
	close(release);
	/* its end wakes the loops at once (no pidfd on kernels before 5.3: the poll timeout) */
	t->child_pidfd = (int)syscall(SYS_pidfd_open, t->child, 0);
	t->nprocs = 1;
	return 0;
}

bool tracer__child_done(struct tracer *t)
{
	if (t->child && !t->child_reaped &&
	    waitpid(t->child, &t->child_status, WNOHANG) == t->child) {
		t->child_reaped = true;
		if (t->child_pidfd >= 0)
			close(t->child_pidfd);
		t->child_pidfd = -1;
	}
	return !t->child || t->child_reaped;
}

void tracer__wait_child(struct tracer *t)
{
	struct pollfd p = {.fd = t->child_pidfd, .events = POLLIN};

	poll(&p, 1, POLL_MS);
}

/* Flushes and closes the output; every failed write so far becomes t->write_err. */
void tracer__close_output(struct tracer *t)
{
	if (!t->out)
		return;
	if (fflush(t->out))
		tracer__note_write_err(t, -errno);
	if (ferror(t->out))
		tracer__note_write_err(t, -EIO);
	if (t->out != stderr && fclose(t->out))
		tracer__note_write_err(t, -errno);
	t->out = NULL;
	if (t->out_pid > 0) /* strace waits for the command it piped to */
		while (waitpid(t->out_pid, NULL, 0) < 0 && errno == EINTR)
			;
	t->out_pid = 0;
}
