// SPDX-License-Identifier: MIT
#include "integ.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"

const char *integ_build(void)
{
	const char *b = getenv("RENACER_BUILD");

	return b && *b ? b : "build";
}

char *integ_fixture(const char *name)
{
	char *p;

	if (asprintf(&p, "%s/fixtures/%s", integ_build(), name) < 0)
		return NULL;
	return p;
}

bool integ_use_strace(void)
{
	const char *t = getenv("RENACER_TRACER");

	return t && !strcmp(t, "strace");
}

bool integ_in_ci(void)
{
	const char *ci = getenv("CI");

	return ci && !strcmp(ci, "true");
}

void integ_require_tracer(void)
{
	char *probe = integ_fixture("exitcode");
	const char *opts[] = {"-o", "/dev/null", NULL};
	const char *cmd[] = {probe, "0", NULL};
	struct integ_run r;
	const char *ctl = integ_ctl_path();
	char **argv;

	if (access(probe, X_OK))
		integ_unavailable("fixture %s missing: run `make fixtures`", probe);
	if (!integ_use_strace() && access(ctl, X_OK))
		integ_unavailable("%s missing: run `make` (or set RENACER_BUILD)", ctl);
	if (geteuid() != 0) {
		if (integ_in_ci())
			cr_assert_fail(
			    "integration tests need root to load BPF (CI runs them as root)");
		cr_skip_test("not root: BPF cannot load; run the integration tests as root");
	}
	argv = integ_trace_argv(opts, cmd);
	integ_run(argv, NULL, 30, &r);
	/* Root and still failing is a real failure everywhere: BPF should load here. */
	if (r.status != 0)
		cr_assert_fail("tracer cannot trace `exitcode 0` (status %d): %s", r.status, r.err);
	integ_run__free(&r);
	free(argv);
	free(probe);
}

char *integ_dir;

void integ_setup_dir(void)
{
	integ_dir = integ_tmpdir();
	cr_assert(integ_dir, "cannot create a temp dir under /tmp: %s", strerror(errno));
}

void integ_setup(void)
{
	integ_require_tracer();
	integ_setup_dir();
}

void integ_teardown(void)
{
	integ_rmtree(integ_dir);
	free(integ_dir);
	integ_dir = NULL;
}

void integ_path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", integ_dir, name);
}

char *integ_tmpdir(void)
{
	char *dir = strdup("/tmp/renacer-integ-XXXXXX");

	if (!dir || !mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void integ_rmtree(const char *dir)
{
	if (dir)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *read_fd(int fd)
{
	struct rn_strbuf sb = {0};
	char buf[65536];
	ssize_t n;

	if (rn_strbuf__reserve(&sb, 0))
		return NULL;
	sb.buf[0] = '\0';
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		rn_strbuf__append(&sb, buf, (size_t)n);
	if (n < 0) {
		rn_strbuf__free(&sb);
		return NULL;
	}
	return sb.buf;
}

char *integ_read_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *s;

	if (fd < 0)
		return NULL;
	s = read_fd(fd);
	close(fd);
	return s;
}

int integ_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int err = 0;

	if (!f)
		return -errno;
	if (fputs(text, f) == EOF)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

const char *integ_ctl_path(void)
{
	static char ctl[PATH_MAX];

	snprintf(ctl, sizeof(ctl), "%s/renacerctl", integ_build());
	return ctl;
}

char **integ_trace_argv(const char *const *opts, const char *const *cmd)
{
	size_t n = 0, i = 0;
	char **argv;

	for (const char *const *p = opts; p && *p; p++)
		n++;
	for (const char *const *p = cmd; *p; p++)
		n++;
	argv = calloc(n + 4, sizeof(*argv));
	if (!argv)
		return NULL;
	if (integ_use_strace()) {
		argv[i++] = "strace";
	} else {
		argv[i++] = (char *)integ_ctl_path();
		argv[i++] = "trace";
	}
	for (const char *const *p = opts; p && *p; p++)
		argv[i++] = (char *)*p;
	/* strace -p takes no command; renacerctl's contract is the same. */
	if (cmd[0])
		argv[i++] = "--";
	for (const char *const *p = cmd; *p; p++)
		argv[i++] = (char *)*p;
	return argv;
}

static int status_code(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return -1;
}

void integ_sleep_ms(unsigned ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

double integ_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int integ_wait(pid_t pid, double timeout_s)
{
	long waited_ms = 0;
	int st;

	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			return status_code(st);
		if (r < 0 && errno != EINTR)
			return -1;
		if (waited_ms >= (long)(timeout_s * 1000))
			return -1;
		integ_sleep_ms(5);
		waited_ms += 5;
	}
}

/* Who a spawned child becomes: with other, uid/gid and no supplementary groups. */
struct ident {
	bool other;
	uid_t uid;
	gid_t gid;
};

static pid_t spawn(char *const argv[], const char *cwd, const struct ident *as, int out_fd,
		   int err_fd)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out_fd >= 0 ? out_fd : null_fd, 1) < 0 ||
	    dup2(err_fd >= 0 ? err_fd : null_fd, 2) < 0)
		_exit(126);
	/* Criterion's own descriptors would shift the fd numbers the traced program gets. */
	close_range(3, ~0U, 0);
	if (as->other && (setgroups(0, NULL) || setgid(as->gid) || setuid(as->uid)))
		_exit(125);
	if (cwd && chdir(cwd))
		_exit(126);
	execvp(argv[0], argv);
	dprintf(2, "exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

pid_t integ_spawn(char *const argv[], const char *err_path)
{
	int err_fd = -1;
	pid_t pid;

	if (err_path) {
		err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (err_fd < 0)
			return -errno;
	}
	pid = spawn(argv, NULL, &(struct ident){0}, -1, err_fd);
	if (err_fd >= 0)
		close(err_fd);
	return pid;
}

char *integ_read_memfd(int fd)
{
	char *s;

	if (fd < 0)
		return strdup("");
	lseek(fd, 0, SEEK_SET);
	s = read_fd(fd);
	close(fd);
	return s ? s : strdup("");
}

static int run(char *const argv[], const char *cwd, const struct ident *as, double timeout_s,
	       struct integ_run *res)
{
	/* memfds need no temp files; dup2 onto 1 and 2 clears their CLOEXEC in the child. */
	int out_fd = memfd_create("integ-out", MFD_CLOEXEC);
	int err_fd = memfd_create("integ-err", MFD_CLOEXEC);
	pid_t pid = spawn(argv, cwd, as, out_fd, err_fd);

	res->status = -1;
	if (pid > 0) {
		res->status = integ_wait(pid, timeout_s);
		if (res->status == -1) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
	}
	res->out = integ_read_memfd(out_fd);
	res->err = integ_read_memfd(err_fd);
	if (res->status == -1) {
		char *e;

		if (asprintf(&e, "[%s: timed out after %.0f s]\n%s", argv[0], timeout_s,
			     res->err) >= 0) {
			free(res->err);
			res->err = e;
		}
	}
	return res->status;
}

int integ_run(char *const argv[], const char *cwd, double timeout_s, struct integ_run *res)
{
	return run(argv, cwd, &(struct ident){0}, timeout_s, res);
}

int integ_run_as(char *const argv[], const char *cwd, uid_t uid, gid_t gid, double timeout_s,
		 struct integ_run *res)
{
	return run(argv, cwd, &(struct ident){.other = true, .uid = uid, .gid = gid}, timeout_s,
		   res);
}

void integ_run__free(struct integ_run *res)
{
	if (!res)
		return;
	free(res->out);
	free(res->err);
	res->out = res->err = NULL;
}

char **integ_ctl_argv(const char *const *args)
{
	size_t n = 0;
	char **argv;

	while (args[n])
		n++;
	argv = calloc(n + 2, sizeof(*argv));
	cr_assert(argv);
	argv[0] = (char *)integ_ctl_path();
	memcpy(argv + 1, args, n * sizeof(*args));
	return argv;
}

int integ_ctl(const char *const *args, const char *cwd, double timeout_s, struct integ_run *res)
{
	char **argv = integ_ctl_argv(args);
	int st = integ_run(argv, cwd, timeout_s, res);

	free(argv);
	return st;
}

int integ_traced__run(struct integ_traced *tr, const char *dir, const char *const *opts,
		      const char *const *cmd, bool pid_prefix)
{
	const char *all[32];
	char out[PATH_MAX];
	char **argv;
	size_t n = 0;

	memset(tr, 0, sizeof(*tr));
	snprintf(out, sizeof(out), "%s/trace.out", dir);
	for (const char *const *p = opts; p && *p && n < 29; p++)
		all[n++] = *p;
	all[n++] = "-o";
	all[n++] = out;
	all[n] = NULL;
	argv = integ_trace_argv(all, cmd);
	integ_run(argv, dir, 60, &tr->run);
	free(argv);
	tr->raw = integ_read_file(out);
	if (!tr->raw)
		tr->raw = strdup("");
	integ_trace__parse(&tr->t, tr->raw, pid_prefix);
	return tr->run.status;
}

void integ_traced__free(struct integ_traced *tr)
{
	if (!tr)
		return;
	integ_run__free(&tr->run);
	free(tr->raw);
	integ_trace__free(&tr->t);
}

bool integ_wait_for_text(const char *path, const char *needle, double timeout_s)
{
	for (double waited = 0; waited <= timeout_s; waited += 0.02) {
		char *text = integ_read_file(path);
		bool found = text && strstr(text, needle);

		free(text);
		if (found)
			return true;
		integ_sleep_ms(20);
	}
	return false;
}
