// SPDX-License-Identifier: MIT
/*
 * Running one process and measuring it (wall time, CPU, peak RSS), reading what it left
 * (loss reports, -c totals), and the helpers some tracers need around a run.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

void expand(const char *tmpl, const char *o, const char *in, char *out, size_t size)
{
	size_t n = 0;

	while (*tmpl && n + 1 < size) {
		const char *v = NULL;

		if (tmpl[0] == '{' && tmpl[1] && tmpl[2] == '}') {
			switch (tmpl[1]) {
			case 'B':
				v = build;
				break;
			case 'O':
				v = o;
				break;
			case 'S':
				v = sockpath;
				break;
			case 'T':
				v = tmpdir;
				break;
			case 'I':
				v = in;
				break;
			case 'U':
				v = otlp_url;
				break;
			}
		}
		if (v) {
			n += snprintf(out + n, size - n, "%s", v);
			if (n >= size)
				n = size - 1;
			tmpl += 3;
		} else {
			out[n++] = *tmpl++;
		}
	}
	out[n] = '\0';
}

char *slurp(const char *path, size_t max)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = malloc(max + 1);
	n = buf ? fread(buf, 1, max, f) : 0;
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

/* user+sys seconds of one process (fields 14, 15 of /proc/PID/stat); also works on a zombie. */
double proc_cpu(pid_t pid)
{
	char path[64], *buf, *p;
	unsigned long long ut = 0, st = 0;
	double v = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	buf = slurp(path, 4096);
	if (buf && (p = strrchr(buf, ')')) &&
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) == 2)
		v = (double)(ut + st) / sysconf(_SC_CLK_TCK);
	free(buf);
	return v;
}

/* VmHWM in MiB, 0 if gone. */
double proc_hwm(pid_t pid)
{
	char path[64], *buf, *p;
	double v = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	buf = slurp(path, 8192);
	if (buf && (p = strstr(buf, "VmHWM:")))
		v = atol(p + 6) / 1024.0;
	free(buf);
	return v;
}

long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long long)st.st_size;
}

/* The "lost N events" of renacerctl's stderr, 0 without one. */
double parse_lost(const char *errpath)
{
	char *buf = slurp(errpath, 1 << 16), *p;
	double v = 0;

	if (buf && (p = strstr(buf, "lost ")))
		v = atof(p + 5);
	free(buf);
	return v;
}

/* The calls column of the "total" line of a -c table, 0 without one. */
double parse_total_calls(const char *path)
{
	char *buf = slurp(path, 1 << 20), *line, *save = NULL;
	double v = 0;

	for (line = buf ? strtok_r(buf, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		double pct, secs, usecs, calls;
		size_t len = strlen(line);

		if (len > 6 && !strcmp(line + len - 6, " total") &&
		    sscanf(line, "%lf %lf %lf %lf", &pct, &secs, &usecs, &calls) == 4)
			v = calls;
	}
	free(buf);
	return v;
}

/* The N of renacerctl's "N of M spans not delivered", 0 without one. */
double parse_dropped(const char *errpath)
{
	char *buf = slurp(errpath, 1 << 16), *p;
	double v = 0;

	if (buf && (p = strstr(buf, " spans not delivered"))) {
		char *q = p;
		double n, m;

		while (q > buf && q[-1] != '\n')
			q--;
		for (; q < p; q++)
			if ((q == buf || q[-1] == ' ') && sscanf(q, "%lf of %lf", &n, &m) == 2) {
				v = n;
				break;
			}
	}
	free(buf);
	return v;
}

/* Spans the receiver of this run got: its --count-only file, 0 before its first request. */
double otlp_received(void)
{
	char path[PATH_MAX], *buf, *p;
	double v = 0;

	snprintf(path, sizeof(path), "%s/otlp.count", tmpdir);
	buf = slurp(path, 4096);
	if (buf && (p = strstr(buf, "\"spans\":")))
		v = atof(p + 8);
	free(buf);
	return v;
}

void first_line(const char *path, char *out, size_t size)
{
	char *buf = slurp(path, 4096), *nl;

	snprintf(out, size, "%s", buf && *buf ? buf : "(no stderr)");
	if ((nl = strchr(out, '\n')))
		*nl = '\0';
	free(buf);
}

static pid_t spawn(char *const argv[], const char *outpath, const char *errpath)
{
	pid_t pid = fork();

	if (pid == 0) {
		int o = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(126);
		close(o);
		close(e);
		execvp(argv[0], argv);
		dprintf(2, "bench: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

/*
 * Runs argv once: wall time from fork to exit, the top process's peak RSS (polled every
 * 20 ms, the pidfd wakes us at the exit so the wall time is exact) and CPU (read while it is a
 * zombie), and the whole tree's CPU from wait4. Returns the exit status or -1.
 */
int measure(char *const argv[], const char *outpath, const char *errpath, struct sample *s)
{
	struct rusage ru;
	siginfo_t si;
	double t0 = now();
	pid_t pid = spawn(argv, outpath, errpath);
	int pfd, status;

	if (pid < 0)
		return -1;
	pfd = pidfd_open(pid, 0);
	for (;;) {
		struct pollfd p = {pfd, POLLIN, 0};

		if (pfd < 0 || poll(&p, 1, 20) > 0)
			break;
		double h = proc_hwm(pid);

		if (h > s->hwm_mib)
			s->hwm_mib = h;
	}
	memset(&si, 0, sizeof(si));
	waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	s->wall = now() - t0;
	s->cpu_self = proc_cpu(pid);
	if (pfd >= 0)
		close(pfd);
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	s->cpu_all = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
		     ru.ru_stime.tv_usec / 1e6;
	if (s->hwm_mib == 0)
		s->hwm_mib = ru.ru_maxrss / 1024.0;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

static bool socket_answers(const char *path)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool ok;

	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static bool file_has(const char *path, const char *needle)
{
	char *buf = slurp(path, 1 << 16);
	bool ok = buf && strstr(buf, needle);

	free(buf);
	return ok;
}

/*
 * Waits for a helper to write "attached" to its log; -1 with why set when it exits first
 * (its status: a crash prints nothing) or stays silent for ATTACH_WAIT_S. Under a loaded
 * host the first start of a build verifies its programs and waits for RCU grace periods at
 * each tracepoint attach: seconds, not the 10 s this once allowed.
 */
#define ATTACH_WAIT_S 60
static int wait_attached(pid_t *pid, const char *name, const char *log, char *why, size_t size)
{
	char line[200];
	double t0 = now();
	int status;

	while (!file_has(log, "attached")) {
		if (waitpid(*pid, &status, WNOHANG) == *pid) {
			*pid = 0;
			first_line(log, line, sizeof(line));
			if (WIFSIGNALED(status))
				snprintf(why, size,
					 "%s was killed by signal %d before it attached: %s", name,
					 WTERMSIG(status), line);
			else
				snprintf(why, size, "%s exited with %d before it attached: %s",
					 name, WEXITSTATUS(status), line);
			return -1;
		}
		if (now() - t0 > ATTACH_WAIT_S) {
			first_line(log, line, sizeof(line));
			snprintf(why, size, "%s did not attach within %d s: %s", name,
				 ATTACH_WAIT_S, line);
			return -1;
		}
		sleep_ms(10);
	}
	return 0;
}

/* Stops a helper process with sig and reaps it. */
static void stop(pid_t pid, int sig)
{
	int status;

	if (pid <= 0)
		return;
	kill(pid, sig);
	for (int i = 0; i < 500; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return;
		sleep_ms(10);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

/* Whether argv[0] is found in PATH. */
static bool in_path(const char *prog)
{
	char *path = getenv("PATH") ? strdup(getenv("PATH")) : NULL, *dir, *save = NULL;
	char file[PATH_MAX];
	bool ok = false;

	for (dir = path ? strtok_r(path, ":", &save) : NULL; dir && !ok;
	     dir = strtok_r(NULL, ":", &save)) {
		snprintf(file, sizeof(file), "%s/%s", dir, prog);
		ok = access(file, X_OK) == 0;
	}
	free(path);
	return ok;
}

/*
 * tests/otlp/receiver.js counting spans (--count-only) on a free port; otlp_url is its URL.
 * -ENOENT with why "not available: ..." when node or the receiver's packages are missing.
 */
static int receiver_up(struct env *e, char *why, size_t size)
{
	char port[PATH_MAX], out[PATH_MAX], log[PATH_MAX], script[] = "tests/otlp/receiver.js";
	char *argv[] = {"node", script, "--out", out, "--port-file", port, "--count-only", NULL};
	char *p;

	if (!in_path("node")) {
		snprintf(why, size,
			 "not available: node is not installed (run scripts/install-deps.sh)");
		return -ENOENT;
	}
	if (access(script, R_OK) || access("tests/otlp/node_modules/@grpc/grpc-js", R_OK)) {
		snprintf(
		    why, size,
		    "not available: the OTLP receiver's packages are not in "
		    "tests/otlp/node_modules (run scripts/install-deps.sh from the source tree)");
		return -ENOENT;
	}
	snprintf(port, sizeof(port), "%s/otlp.port", tmpdir);
	snprintf(out, sizeof(out), "%s/otlp.count", tmpdir);
	snprintf(log, sizeof(log), "%s/otlp.err", tmpdir);
	unlink(port);
	unlink(out);
	e->receiver = spawn(argv, "/dev/null", log);
	for (int i = 0; i < 1000 && file_size(port) <= 0; i++) {
		if (waitpid(e->receiver, NULL, WNOHANG) == e->receiver) {
			e->receiver = 0;
			break;
		}
		sleep_ms(10);
	}
	p = slurp(port, 64);
	if (!e->receiver || !p || atoi(p) <= 0) {
		free(p);
		first_line(log, why, size);
		return -EIO;
	}
	snprintf(otlp_url, sizeof(otlp_url), "http://127.0.0.1:%d", atoi(p));
	free(p);
	return 0;
}

int env_up(unsigned flags, struct env *e, char *why, size_t size)
{
	char path[PATH_MAX], log[PATH_MAX], pidarg[32];

	memset(e, 0, sizeof(*e));
	if (flags & F_DAEMON) {
		char *argv[] = {path, "-s", sockpath, "-g", "root", NULL, NULL};

		if (flags & F_SYSWIDE)
			argv[5] = "--system-wide";
		snprintf(path, sizeof(path), "%s/renacerd", build);
		snprintf(log, sizeof(log), "%s/renacerd.log", tmpdir);
		unlink(sockpath);
		e->daemon = spawn(argv, "/dev/null", log);
		for (int i = 0; i < 1000 && !socket_answers(sockpath); i++) {
			if (waitpid(e->daemon, NULL, WNOHANG) == e->daemon) {
				e->daemon = 0;
				break;
			}
			sleep_ms(10);
		}
		if (!e->daemon || !socket_answers(sockpath)) {
			first_line(log, why, size);
			return -1;
		}
	}
	if (flags & F_EMPTY) {
		char *argv[] = {path, NULL};

		snprintf(path, sizeof(path), "%s/bench/empty_probe", build);
		snprintf(log, sizeof(log), "%s/empty.err", tmpdir);
		e->empty = spawn(argv, "/dev/null", log);
		if (wait_attached(&e->empty, "empty_probe", log, why, size))
			return -1;
	}
	if (flags & F_OTLP) {
		int err = receiver_up(e, why, size);

		if (err)
			return err;
	}
	if (flags & F_OTHER) {
		char sl_out[PATH_MAX], ctl_out[PATH_MAX];
		char *sl_argv[] = {path, sl_out, NULL};
		char ctl[PATH_MAX];
		char *ctl_argv[] = {ctl, "trace", "--embedded", "-p", pidarg, "-o", ctl_out, NULL};

		snprintf(path, sizeof(path), "%s/fixtures/sleeper", build);
		snprintf(sl_out, sizeof(sl_out), "%s/sleeper.out", tmpdir);
		snprintf(ctl, sizeof(ctl), "%s/renacerctl", build);
		snprintf(ctl_out, sizeof(ctl_out), "%s/other.txt", tmpdir);
		snprintf(log, sizeof(log), "%s/other.err", tmpdir);
		e->sleeper = spawn(sl_argv, "/dev/null", "/dev/null");
		snprintf(pidarg, sizeof(pidarg), "%d", e->sleeper);
		e->attached = spawn(ctl_argv, "/dev/null", log);
		/* renacerctl says "Process N attached" once its programs are attached. */
		if (wait_attached(&e->attached, "renacerctl -p", log, why, size))
			return -1;
	}
	return 0;
}

void env_down(struct env *e)
{
	stop(e->attached, SIGINT);
	stop(e->empty, SIGTERM);
	stop(e->sleeper, SIGTERM);
	stop(e->daemon, SIGTERM);
	stop(e->receiver, SIGTERM);
	if (e->receiver)
		otlp_url[0] = '\0';
	memset(e, 0, sizeof(*e));
}
