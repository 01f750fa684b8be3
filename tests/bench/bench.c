// SPDX-License-Identifier: MIT
/*
 * make bench: every tracer on every workload, one table (issue 5).
 * Each cell is run RUNS times (interleaved with the other tracers of its workload, so drift
 * hits all of them alike) and reported as medians: wall time, ratio and per-call overhead
 * against the untraced run of the same workload, events per second, trace bytes per event,
 * CPU and peak RSS of the tracer process (and of renacerd), events lost. Every run checks
 * the exit status and that the trace file is not empty; a failed cell says why and the bench
 * goes on. The table goes to stdout (markdown), the details to DIR/results.json.
 * Usage: bench [-r RUNS] [-s SLOW_RUNS] [-o DIR] [-w WORKLOAD] BUILD
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 15
#define MAX_ARGS 32

enum tracer_id {
	T_UNTRACED,
	T_OTHER_PID,
	T_IDLE_DAEMON,
	T_EMPTY_PROGS,
	T_RN_FILTERED,
	T_RN_C,
	T_RN_RNT,
	T_RN_TEXT,
	T_RN_JSON,
	T_RN_JSONL,
	T_RN_DAEMON,
	T_STRACE,
	T_STRACE_C,
	T_PERF,
	T_SHOW_RNT,
	T_SUMMARY_RNT,
	T_SHOW_JSON,
	T_SUMMARY_JSON,
	T_COMPARE,
	T_CHECK,
	T_END = -1,
};

/* Tracer flags. */
#define F_RENACER  (1u << 0) /* renacerctl: parse its loss report */
#define F_DAEMON   (1u << 1) /* needs a private renacerd around each run */
#define F_OTHER	   (1u << 2) /* needs renacerctl attached to another process around each run */
#define F_SLOW	   (1u << 3) /* run SLOW_RUNS times on workloads marked slow */
#define F_READER   (1u << 4) /* reads the kept storm trace named by .input */
#define F_NOTYET   (1u << 5) /* not implemented yet: a row that says so */
#define F_OPTIONAL (1u << 6) /* may not run on every machine: "not available: why" */
#define F_EMPTY	   (1u << 8) /* needs do-nothing programs on sys_enter/sys_exit around each run */
#define F_ASIDE	   (1u << 7) /* runs the workload untraced beside what the other flags start */

struct tracer {
	const char *name;
	const char *ext; /* the trace file's extension; NULL: no trace file */
	const char *argv[MAX_ARGS];
	unsigned flags;
	const char *input; /* F_READER: which kept file */
};

/* {B} build dir, {O} this run's trace file, {S} renacerd's socket, {I} a reader's input. */
static const struct tracer tracers[] = {
    [T_UNTRACED] = {"untraced", NULL, {NULL}, 0, NULL},
    [T_OTHER_PID] = {"BPF attached, other pid traced", NULL, {NULL}, F_OTHER | F_ASIDE, NULL},
    /* an idle daemon must leave the host alone (its programs detached) */
    [T_IDLE_DAEMON] = {"renacerd running, no session", NULL, {NULL}, F_DAEMON | F_ASIDE, NULL},
    /* the floor for the row "BPF attached, other pid traced" */
    [T_EMPTY_PROGS] =
	{"empty programs on sys_enter/sys_exit", NULL, {NULL}, F_EMPTY | F_ASIDE, NULL},
    [T_RN_FILTERED] = {"renacerctl -f -e trace=close (calls filtered in BPF)",
		       ".txt",
		       {"{B}/renacerctl", "trace", "--embedded", "-f", "-e", "trace=close", "-o",
			"{O}", "--"},
		       F_RENACER,
		       NULL},
    [T_RN_C] = {"renacerctl -f -c",
		".sum",
		{"{B}/renacerctl", "trace", "--embedded", "-f", "-c", "-o", "{O}", "--"},
		F_RENACER,
		NULL},
    [T_RN_RNT] = {"renacerctl -f -o .rnt",
		  ".rnt",
		  {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--"},
		  F_RENACER,
		  NULL},
    [T_RN_TEXT] = {"renacerctl -f -o .txt",
		   ".txt",
		   {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--"},
		   F_RENACER,
		   NULL},
    [T_RN_JSON] = {"renacerctl -f -o .json",
		   ".json",
		   {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--"},
		   F_RENACER | F_SLOW,
		   NULL},
    [T_RN_JSONL] = {"renacerctl -f -o .jsonl",
		    ".jsonl",
		    {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--"},
		    F_RENACER | F_SLOW,
		    NULL},
    [T_RN_DAEMON] = {"renacerd + renacerctl -f -o .txt",
		     ".txt",
		     {"{B}/renacerctl", "trace", "--daemon", "--socket", "{S}", "-f", "-o", "{O}",
		      "--"},
		     F_RENACER | F_DAEMON,
		     NULL},
    [T_STRACE] = {"strace -f -o .txt", ".txt", {"strace", "-f", "-o", "{O}", "--"}, F_SLOW, NULL},
    [T_STRACE_C] =
	{"strace -f -c", ".sum", {"strace", "-f", "-c", "-o", "{O}", "--"}, F_SLOW, NULL},
    [T_PERF] = {"perf trace -o .txt",
		".txt",
		{"perf", "trace", "-o", "{O}", "--"},
		F_SLOW | F_OPTIONAL,
		NULL},
    [T_SHOW_RNT] =
	{"renacerctl show .rnt", NULL, {"{B}/renacerctl", "show", "{I}"}, F_READER, ".rnt"},
    [T_SUMMARY_RNT] =
	{"renacerctl summary .rnt", NULL, {"{B}/renacerctl", "summary", "{I}"}, F_READER, ".rnt"},
    [T_SHOW_JSON] = {"renacerctl show .json",
		     NULL,
		     {"{B}/renacerctl", "show", "{I}"},
		     F_READER | F_SLOW,
		     ".json"},
    [T_SUMMARY_JSON] = {"renacerctl summary .json",
			NULL,
			{"{B}/renacerctl", "summary", "{I}"},
			F_READER | F_SLOW,
			".json"},
    [T_COMPARE] = {"renacerctl compare", NULL, {NULL}, F_NOTYET, NULL},
    [T_CHECK] = {"renacerctl check", NULL, {NULL}, F_NOTYET, NULL},
};

#define STORM_PAIRS	"5000000" /* 10M calls */
#define STORM_PAIRS_1M	"500000"  /* 1M calls */
#define STORM4_PAIRS	"1250000" /* per thread: 4 x 2 x 1.25M = 10M calls */
#define STORM4_PAIRS_1M "125000"

struct workload {
	const char *name;
	const char *argv[MAX_ARGS];
	long calls;	 /* syscalls the workload makes; 0: from renacerctl -c's table */
	bool slow;	 /* F_SLOW tracers run SLOW_RUNS times */
	bool keep;	 /* keep the last .rnt/.json for the readers */
	int tracers[20]; /* T_END-terminated; T_UNTRACED first */
};

#define ALL_TRACERS                                                                                \
	T_UNTRACED, T_RN_C, T_RN_RNT, T_RN_TEXT, T_RN_DAEMON, T_STRACE, T_STRACE_C, T_PERF, T_END

static const struct workload workloads[] = {
    {"storm 10M (1 thread)",
     {"{B}/fixtures/storm", STORM_PAIRS},
     10000000,
     false,
     false,
     {T_UNTRACED, T_IDLE_DAEMON, T_RN_C, T_RN_RNT, T_RN_TEXT, T_RN_DAEMON, T_END}},
    {"storm 1M (1 thread)",
     {"{B}/fixtures/storm", STORM_PAIRS_1M},
     1000000,
     true,
     true,
     {T_UNTRACED, T_OTHER_PID, T_EMPTY_PROGS, T_IDLE_DAEMON, T_RN_FILTERED, T_RN_C, T_RN_RNT,
      T_RN_TEXT, T_RN_JSON, T_RN_JSONL, T_STRACE, T_STRACE_C, T_PERF, T_END}},
    {"storm 10M (4 threads)",
     {"{B}/fixtures/threads", STORM4_PAIRS},
     10000000,
     false,
     false,
     {T_UNTRACED, T_RN_C, T_RN_RNT, T_RN_TEXT, T_RN_DAEMON, T_END}},
    {"storm 1M (4 threads)",
     {"{B}/fixtures/threads", STORM4_PAIRS_1M},
     1000000,
     true,
     false,
     {T_UNTRACED, T_RN_RNT, T_STRACE, T_STRACE_C, T_PERF, T_END}},
    {"/bin/true (startup and teardown only)", {"/bin/true"}, 0, false, false, {ALL_TRACERS}},
    {"python3 -c pass x20",
     {"/bin/sh", "-c", "i=0; while [ $i -lt 20 ]; do /usr/bin/python3 -c pass; i=$((i + 1)); done"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"find /usr/share -name '*.h' -newer /etc/hostname",
     {"find", "/usr/share", "-name", "*.h", "-newer", "/etc/hostname"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"tar cf /dev/null /usr/include",
     {"tar", "-C", "/", "-cf", "/dev/null", "usr/include"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"gcc -O2 -c tests/bench/compile_fixture.c",
     {"gcc", "-O2", "-c", "tests/bench/compile_fixture.c", "-o", "{T}/compile_fixture.o"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"sh -c 'seq 1 200000 | sort -n | uniq -c | wc -l'",
     {"/bin/sh", "-c", "seq 1 200000 | sort -n | uniq -c | wc -l"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"storm 1M trace files (readers)",
     {NULL},
     0,
     true,
     false,
     {T_SHOW_RNT, T_SUMMARY_RNT, T_SHOW_JSON, T_SUMMARY_JSON, T_COMPARE, T_CHECK, T_END}},
};

#define NWORK	    (sizeof(workloads) / sizeof(workloads[0]))
#define MAX_TRACERS 20

struct sample {
	double wall;	   /* s */
	double cpu_all;	   /* s, user+sys of the whole process tree */
	double cpu_self;   /* s, user+sys of the top process alone (the tracer) */
	double daemon_cpu; /* s, renacerd's user+sys during the run */
	double hwm_mib;	   /* peak RSS of the top process */
	double daemon_mib; /* renacerd's VmHWM at the end of the run */
	double bytes;	   /* trace file size */
	double lost;	   /* events renacerctl reported lost */
	double calls;	   /* from a -c table, when there is one */
};

#define NFIELDS (sizeof(struct sample) / sizeof(double))

struct cell {
	int tracer;
	int n;
	struct sample s[MAX_RUNS];
	struct sample med;
	bool failed, skipped;
	char why[256];
};

static struct cell cells[NWORK][MAX_TRACERS];
static const char *build, *outdir;
static char tmpdir[PATH_MAX / 4], sockpath[64];
static int runs = 3, slow_runs = 1;
static const char *only;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Copies tmpl to out, replacing {B}, {O}, {S}, {T}, {I}. */
static void expand(const char *tmpl, const char *o, const char *in, char *out, size_t size)
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

static char *slurp(const char *path, size_t max)
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
static double proc_cpu(pid_t pid)
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
static double proc_hwm(pid_t pid)
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

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long long)st.st_size;
}

/* The "lost N events" of renacerctl's stderr, 0 without one. */
static double parse_lost(const char *errpath)
{
	char *buf = slurp(errpath, 1 << 16), *p;
	double v = 0;

	if (buf && (p = strstr(buf, "lost ")))
		v = atof(p + 5);
	free(buf);
	return v;
}

/* The calls column of the "total" line of a -c table, 0 without one. */
static double parse_total_calls(const char *path)
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

static void first_line(const char *path, char *out, size_t size)
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
static int measure(char *const argv[], const char *outpath, const char *errpath, struct sample *s)
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

/* The helpers some tracers need around each run. */
struct env {
	pid_t daemon, sleeper, attached, empty;
};

static int env_up(unsigned flags, struct env *e, char *why, size_t size)
{
	char path[PATH_MAX], log[PATH_MAX], pidarg[32];

	memset(e, 0, sizeof(*e));
	if (flags & F_DAEMON) {
		char *argv[] = {path, "-s", sockpath, "-g", "root", NULL};

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
		for (int i = 0; i < 1000 && !file_has(log, "attached"); i++)
			sleep_ms(10);
		if (!file_has(log, "attached")) {
			first_line(log, why, size);
			return -1;
		}
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
		for (int i = 0; i < 1000 && !file_has(log, "attached"); i++)
			sleep_ms(10);
		if (!file_has(log, "attached")) {
			first_line(log, why, size);
			return -1;
		}
	}
	return 0;
}

static void env_down(struct env *e)
{
	stop(e->attached, SIGINT);
	stop(e->empty, SIGTERM);
	stop(e->sleeper, SIGTERM);
	stop(e->daemon, SIGTERM);
	memset(e, 0, sizeof(*e));
}

static const char *keep_path(const char *ext, char *buf, size_t size)
{
	snprintf(buf, size, "%s/storm1m%s", tmpdir, ext);
	return buf;
}

/* One run of one cell. Returns 0, or -1 with c->why set. */
static int run_one(const struct workload *w, struct cell *c)
{
	const struct tracer *t = &tracers[c->tracer];
	char store[MAX_ARGS * 2][PATH_MAX], trace[PATH_MAX], in[PATH_MAX], errpath[PATH_MAX];
	char outpath[PATH_MAX];
	char *argv[MAX_ARGS * 2 + 1];
	struct sample *s = &c->s[c->n];
	struct env e;
	int argc = 0, rc;
	double dcpu0 = 0;

	memset(s, 0, sizeof(*s));
	snprintf(trace, sizeof(trace), "%s/trace%s", tmpdir, t->ext ? t->ext : "");
	snprintf(errpath, sizeof(errpath), "%s/stderr", tmpdir);
	snprintf(outpath, sizeof(outpath), "/dev/null");
	if (t->input)
		keep_path(t->input, in, sizeof(in));
	for (int i = 0; t->argv[i]; i++, argc++)
		expand(t->argv[i], trace, in, store[argc], PATH_MAX);
	for (int i = 0; w->argv[i]; i++, argc++)
		expand(w->argv[i], trace, in, store[argc], PATH_MAX);
	for (int i = 0; i < argc; i++)
		argv[i] = store[i];
	argv[argc] = NULL;
	if (t->input && file_size(in) <= 0) {
		snprintf(c->why, sizeof(c->why), "no %s trace of the 1M storm to read", t->input);
		return -1;
	}
	if (t->input && strstr(t->name, "summary"))
		snprintf(outpath, sizeof(outpath), "%s/summary.out", tmpdir);
	unlink(trace);
	if (env_up(t->flags, &e, c->why, sizeof(c->why))) {
		env_down(&e);
		return -1;
	}
	if (e.daemon)
		dcpu0 = proc_cpu(e.daemon);
	rc = measure(argv, outpath, errpath, s);
	if (e.daemon) {
		s->daemon_cpu = proc_cpu(e.daemon) - dcpu0;
		s->daemon_mib = proc_hwm(e.daemon);
	}
	env_down(&e);
	if (rc) {
		char line[200];

		first_line(errpath, line, sizeof(line));
		snprintf(c->why, sizeof(c->why), "%s%s (exit status %d)",
			 t->flags & F_OPTIONAL ? "not available: " : "", line, rc);
		return -1;
	}
	if (t->ext) {
		s->bytes = (double)file_size(trace);
		if (s->bytes <= 0) {
			snprintf(c->why, sizeof(c->why), "empty or missing trace file");
			return -1;
		}
	}
	if (t->flags & F_RENACER)
		s->lost = parse_lost(errpath);
	if (t->ext && !strcmp(t->ext, ".sum") && (t->flags & F_RENACER))
		s->calls = parse_total_calls(trace);
	if (t->input && strstr(t->name, "summary"))
		s->calls = parse_total_calls(outpath);
	if (w->keep && t->ext && (!strcmp(t->ext, ".rnt") || !strcmp(t->ext, ".json"))) {
		char kp[PATH_MAX];

		rename(trace, keep_path(t->ext, kp, sizeof(kp)));
	}
	unlink(trace);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void medians(struct cell *c)
{
	for (size_t f = 0; f < NFIELDS; f++) {
		double v[MAX_RUNS];

		for (int i = 0; i < c->n; i++)
			v[i] = ((const double *)&c->s[i])[f];
		qsort(v, c->n, sizeof(double), cmp_double);
		((double *)&c->med)[f] =
		    c->n % 2 ? v[c->n / 2] : (v[c->n / 2 - 1] + v[c->n / 2]) / 2;
	}
}

static int ntracers(const struct workload *w)
{
	int n = 0;

	while (w->tracers[n] != T_END)
		n++;
	return n;
}

static int planned_runs(const struct workload *w, const struct tracer *t)
{
	if (t->flags & F_NOTYET)
		return 0;
	return w->slow && (t->flags & F_SLOW) && slow_runs < runs ? slow_runs : runs;
}

static void run_workload(size_t wi)
{
	const struct workload *w = &workloads[wi];
	int nt = ntracers(w);

	/* One untraced run first, unmeasured, so the page cache is warm for all. */
	if (w->argv[0]) {
		char store[MAX_ARGS][PATH_MAX], *argv[MAX_ARGS + 1];
		struct sample s = {0};
		int n = 0;

		for (; w->argv[n]; n++) {
			expand(w->argv[n], "", "", store[n], PATH_MAX);
			argv[n] = store[n];
		}
		argv[n] = NULL;
		measure(argv, "/dev/null", "/dev/null", &s);
	}
	for (int r = 0; r < runs; r++) {
		for (int ti = 0; ti < nt; ti++) {
			struct cell *c = &cells[wi][ti];
			const struct tracer *t = &tracers[c->tracer];

			if (c->failed || r >= planned_runs(w, t))
				continue;
			fprintf(stderr, "bench: %s | %s | run %d/%d ... ", w->name, t->name, r + 1,
				planned_runs(w, t));
			if (run_one(w, c)) {
				c->failed = true;
				fprintf(stderr, "FAILED: %s\n", c->why);
				continue;
			}
			fprintf(stderr, "%.3f s\n", c->s[c->n].wall);
			c->n++;
		}
	}
	for (int ti = 0; ti < nt; ti++)
		if (cells[wi][ti].n)
			medians(&cells[wi][ti]);
}

/* Calls of a workload: fixed for the storms, else the median of renacerctl -c's total. */
static double workload_calls(size_t wi)
{
	const struct workload *w = &workloads[wi];

	if (w->calls)
		return (double)w->calls;
	for (int ti = 0; ti < ntracers(w); ti++)
		if (cells[wi][ti].med.calls > 0)
			return cells[wi][ti].med.calls;
	return 0;
}

/* Events in a reader's input: the total of the summary of the same file. */
static double reader_calls(size_t wi, const char *input)
{
	for (int ti = 0; ti < ntracers(&workloads[wi]); ti++) {
		const struct cell *c = &cells[wi][ti];
		const struct tracer *t = &tracers[c->tracer];

		if (t->input && !strcmp(t->input, input) && c->med.calls > 0)
			return c->med.calls;
	}
	return 0;
}

static const struct cell *untraced(size_t wi)
{
	const struct cell *c = &cells[wi][0];

	return c->tracer == T_UNTRACED && c->n ? c : NULL;
}

static char *fmt(char *buf, size_t size, const char *f, double v, bool show)
{
	buf[0] = '\0';
	if (show)
		snprintf(buf, size, f, v);
	return buf;
}

static void machine(FILE *out, bool json)
{
	struct utsname u;
	char cpu[256] = "?", *buf = slurp("/proc/cpuinfo", 1 << 16), *p;
	long mem = (long)((double)sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE) / (1 << 20));
	char commit[64] = "?";
	FILE *git = popen("git rev-parse --short HEAD 2>/dev/null", "r");

	if (git) {
		if (fgets(commit, sizeof(commit), git))
			commit[strcspn(commit, "\n")] = '\0';
		pclose(git);
	}

	uname(&u);
	if (buf && (p = strstr(buf, "model name")) && (p = strchr(p, ':'))) {
		snprintf(cpu, sizeof(cpu), "%s", p + 2);
		if ((p = strchr(cpu, '\n')))
			*p = '\0';
	}
	free(buf);
	if (json)
		fprintf(out,
			"  \"machine\": {\"nproc\": %ld, \"kernel\": \"%s\", \"cpu\": \"%s\", "
			"\"mem_mib\": %ld},\n  \"commit\": \"%s\",\n  \"runs\": %d,\n"
			"  \"slow_runs\": %d,\n",
			sysconf(_SC_NPROCESSORS_ONLN), u.release, cpu, mem, commit, runs,
			slow_runs);
	else
		fprintf(out,
			"machine: %ld cores (%s), %ld MiB, Linux %s; renacer %s; medians of %d "
			"runs\n\n",
			sysconf(_SC_NPROCESSORS_ONLN), cpu, mem, u.release, commit, runs);
}

static void table(FILE *out)
{
	machine(out, false);
	fprintf(out,
		"| workload | tracer | runs | wall s | x untraced | overhead ns/call | "
		"events/s | trace bytes/event | total CPU s | tracer CPU s | tracer peak RSS MiB | "
		"renacerd CPU s | renacerd peak RSS MiB | lost |\n");
	fprintf(out, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (size_t wi = 0; wi < NWORK; wi++) {
		const struct workload *w = &workloads[wi];
		const struct cell *u = untraced(wi);
		double calls = workload_calls(wi);

		if (only && !strstr(w->name, only))
			continue;
		for (int ti = 0; ti < ntracers(w); ti++) {
			const struct cell *c = &cells[wi][ti];
			const struct tracer *t = &tracers[c->tracer];
			const struct sample *m = &c->med;
			bool base = c->tracer == T_UNTRACED, reader = t->flags & F_READER;
			bool traced = !base && !reader && !(t->flags & F_ASIDE);
			bool tracer = traced || reader;
			char a[12][48];

			if (t->flags & F_NOTYET) {
				fprintf(out,
					"| %s | %s | | not implemented yet | | | | | | | | | | |\n",
					w->name, t->name);
				continue;
			}
			if (c->failed) {
				fprintf(out, "| %s | %s | | %s%s | | | | | | | | | | |\n", w->name,
					t->name, t->flags & F_OPTIONAL ? "" : "FAILED: ", c->why);
				continue;
			}
			if (!c->n) {
				fprintf(out, "| %s | %s | 0 | not run | | | | | | | | | | |\n",
					w->name, t->name);
				continue;
			}
			if (reader)
				calls = reader_calls(wi, t->input);
			fprintf(out,
				"| %s | %s | %d | %.3f | %s | %s | %s | %s | %.2f | %s | %s | %s | "
				"%s | "
				"%s |\n",
				w->name, t->name, c->n, m->wall,
				fmt(a[0], 48, "%.2fx", m->wall / (u ? u->med.wall : 1),
				    u && !base && !reader),
				fmt(a[1], 48, "%.0f",
				    (m->wall - (u ? u->med.wall : 0)) / calls * 1e9,
				    u && calls > 0 && !base && !reader),
				fmt(a[2], 48, "%.3g", calls / m->wall,
				    calls > 0 && ((traced && w->calls) || reader)),
				fmt(a[3], 48, "%.1f", m->bytes / calls, m->bytes > 0 && calls > 0),
				m->cpu_all, fmt(a[4], 48, "%.2f", m->cpu_self, tracer),
				fmt(a[5], 48, "%.1f", m->hwm_mib, tracer),
				fmt(a[6], 48, "%.2f", m->daemon_cpu, t->flags & F_DAEMON),
				fmt(a[7], 48, "%.1f", m->daemon_mib, t->flags & F_DAEMON),
				fmt(a[8], 48, "%.0f", m->lost, t->flags & F_RENACER));
		}
	}
	fprintf(out,
		"\nstrace, strace -c, perf trace, the .json/.jsonl writers and the .json "
		"readers ran %d time(s) on the 1M storms (their 10M runs would take minutes "
		"each); the overhead per call compares across sizes. total CPU: user+sys of the "
		"whole process tree (tracer and workload, not renacerd). tracer CPU and RSS: the "
		"tracer process alone. Calls of the other workloads: renacerctl -c's count; of "
		"the readers: summary's count.\n",
		slow_runs < runs ? slow_runs : runs);
}

static void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(out, "\\u%04x", *s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

/*
 * Per-call cost by kind of call (tests/fixtures/callmix): the fixture times its own loop,
 * so the tracer's start-up is left out and the figure is the tracer's cost on that call.
 */
static const struct {
	const char *kind;
	long rounds; /* strace runs rounds / STRACE_DIV */
} percall_kinds[] = {
    {"getppid", 300000},    {"write1", 300000},	 {"read4k", 200000},
    {"open_close", 150000}, {"enoent", 200000},	 {"stat", 200000},
    {"fcntl", 300000},	    {"getdents", 20000}, {"mmap", 150000},
};

enum { PC_UNTRACED, PC_RNT, PC_DAEMON, PC_STRACE, PC_N, STRACE_DIV = 20 };

static const char *const percall_tracers[PC_N] = {
    "untraced", "renacerctl -f -o .rnt", "renacerd + renacerctl -f -o .rnt", "strace -f -o .txt"};

#define NKINDS (sizeof(percall_kinds) / sizeof(percall_kinds[0]))

static double percall[NKINDS][PC_N];

/* One run of callmix under tracer tr; returns its ns per call, or -1. */
static double percall_one(size_t k, int tr)
{
	char fx[PATH_MAX], rounds[32], trace[PATH_MAX], out[PATH_MAX], *buf;
	char *argv[16];
	int argc = 0, rc;
	struct env e;
	struct sample s = {0};
	double ns = -1;

	snprintf(fx, sizeof(fx), "%s/fixtures/callmix", build);
	snprintf(rounds, sizeof(rounds), "%ld",
		 percall_kinds[k].rounds / (tr == PC_STRACE ? STRACE_DIV : 1));
	snprintf(trace, sizeof(trace), "%s/percall.trace%s", tmpdir,
		 tr == PC_STRACE ? ".txt" : ".rnt");
	snprintf(out, sizeof(out), "%s/percall.out", tmpdir);
	if (env_up(tr == PC_DAEMON ? F_DAEMON : 0, &e, out, sizeof(out))) {
		env_down(&e);
		return -1;
	}
	snprintf(out, sizeof(out), "%s/percall.out", tmpdir);
	char ctl[PATH_MAX];

	snprintf(ctl, sizeof(ctl), "%s/renacerctl", build);
	if (tr == PC_RNT || tr == PC_DAEMON) {
		argv[argc++] = ctl;
		argv[argc++] = "trace";
		argv[argc++] = tr == PC_DAEMON ? "--daemon" : "--embedded";
		if (tr == PC_DAEMON) {
			argv[argc++] = "--socket";
			argv[argc++] = sockpath;
		}
	} else if (tr == PC_STRACE) {
		argv[argc++] = "strace";
	}
	if (tr != PC_UNTRACED) {
		argv[argc++] = "-f";
		argv[argc++] = "-o";
		argv[argc++] = trace;
		argv[argc++] = "--";
	}
	argv[argc++] = fx;
	argv[argc++] = (char *)percall_kinds[k].kind;
	argv[argc++] = rounds;
	argv[argc] = NULL;
	rc = measure(argv, out, "/dev/null", &s);
	env_down(&e);
	buf = slurp(out, 4096);
	if (!rc && buf && sscanf(buf, "%*s %lf", &ns) != 1)
		ns = -1;
	free(buf);
	unlink(trace);
	return rc ? -1 : ns;
}

static void percall_run(void)
{
	for (size_t k = 0; k < NKINDS; k++)
		for (int tr = 0; tr < PC_N; tr++) {
			double v[MAX_RUNS];
			int n = tr == PC_STRACE ? (slow_runs < runs ? slow_runs : runs) : runs,
			    got = 0;

			fprintf(stderr, "bench: per call | %s | %s ... ", percall_kinds[k].kind,
				percall_tracers[tr]);
			for (int r = 0; r < n; r++) {
				double ns = percall_one(k, tr);

				if (ns > 0)
					v[got++] = ns;
			}
			qsort(v, got, sizeof(double), cmp_double);
			percall[k][tr] = got ? v[got / 2] : -1;
			fprintf(stderr, "%.1f ns/call\n", percall[k][tr]);
		}
}

static void percall_table(FILE *out)
{
	fprintf(out,
		"\nPer-call cost by kind of call (tests/fixtures/callmix: its own clock, no "
		"start-up; medians; strace on 1/%d of the rounds):\n\n",
		STRACE_DIV);
	fprintf(out,
		"| call | untraced ns | renacerctl .rnt +ns | renacerd .rnt +ns | strace +ns | "
		"strace / renacerctl |\n|---|--:|--:|--:|--:|--:|\n");
	for (size_t k = 0; k < NKINDS; k++) {
		const double *v = percall[k];
		char a[4][32];

		for (int tr = PC_RNT; tr < PC_N; tr++)
			fmt(a[tr - PC_RNT], 32, "%.0f", v[tr] - v[PC_UNTRACED],
			    v[tr] > 0 && v[PC_UNTRACED] > 0);
		fmt(a[3], 32, "%.0fx",
		    (v[PC_STRACE] - v[PC_UNTRACED]) / (v[PC_RNT] - v[PC_UNTRACED]),
		    v[PC_STRACE] > 0 && v[PC_RNT] > v[PC_UNTRACED] && v[PC_UNTRACED] > 0);
		fprintf(out, "| %s | %.0f | %s | %s | %s | %s |\n", percall_kinds[k].kind,
			v[PC_UNTRACED], a[0], a[1], a[2], a[3]);
	}
}

static void percall_json(FILE *out)
{
	fprintf(out, "  \"per_call\": [");
	for (size_t k = 0; k < NKINDS; k++) {
		fprintf(out, "%s\n    {\"call\": \"%s\"", k ? "," : "", percall_kinds[k].kind);
		for (int tr = 0; tr < PC_N; tr++) {
			fprintf(out, ", ");
			json_str(out, percall_tracers[tr]);
			fprintf(out, ": %.1f", percall[k][tr]);
		}
		fprintf(out, "}");
	}
	fprintf(out, "\n  ],\n");
}

static void results_json(FILE *out, double total)
{
	static const char *const names[NFIELDS] = {"wall_s",
						   "cpu_all_s",
						   "tracer_cpu_s",
						   "renacerd_cpu_s",
						   "tracer_peak_rss_mib",
						   "renacerd_peak_rss_mib",
						   "trace_bytes",
						   "lost",
						   "calls"};
	bool first = true;

	fprintf(out, "{\n");
	machine(out, true);
	if (!only || strstr("per call", only))
		percall_json(out);
	fprintf(out, "  \"total_runtime_s\": %.1f,\n  \"rows\": [", total);
	for (size_t wi = 0; wi < NWORK; wi++) {
		const struct workload *w = &workloads[wi];
		const struct cell *u = untraced(wi);
		double calls = workload_calls(wi);

		if (only && !strstr(w->name, only))
			continue;
		for (int ti = 0; ti < ntracers(w); ti++) {
			const struct cell *c = &cells[wi][ti];
			const struct tracer *t = &tracers[c->tracer];
			double cl = t->flags & F_READER ? reader_calls(wi, t->input) : calls;

			fprintf(out, "%s\n    {\"workload\": ", first ? "" : ",");
			first = false;
			json_str(out, w->name);
			fprintf(out, ", \"tracer\": ");
			json_str(out, t->name);
			if (t->flags & F_NOTYET) {
				fprintf(out, ", \"status\": \"not implemented yet\"}");
				continue;
			}
			if (c->failed || !c->n) {
				fprintf(out, ", \"status\": ");
				json_str(out, c->failed ? c->why : "not run");
				fprintf(out, "}");
				continue;
			}
			fprintf(out, ", \"status\": \"ok\", \"runs\": %d, \"calls\": %.0f", c->n,
				cl);
			for (size_t f = 0; f < NFIELDS; f++)
				fprintf(out, ", \"%s\": %.6g", names[f],
					((const double *)&c->med)[f]);
			if (u && c != u && !(t->flags & F_READER)) {
				fprintf(out, ", \"ratio\": %.4f", c->med.wall / u->med.wall);
				if (cl > 0)
					fprintf(out, ", \"overhead_ns_per_call\": %.1f",
						(c->med.wall - u->med.wall) / cl * 1e9);
			}
			if (cl > 0)
				fprintf(out, ", \"events_per_s\": %.0f", cl / c->med.wall);
			if (c->med.bytes > 0 && cl > 0)
				fprintf(out, ", \"bytes_per_event\": %.2f", c->med.bytes / cl);
			fprintf(out, ", \"wall_samples_s\": [");
			for (int i = 0; i < c->n; i++)
				fprintf(out, "%s%.4f", i ? ", " : "", c->s[i].wall);
			fprintf(out, "]}");
		}
	}
	fprintf(out, "\n  ]\n}\n");
}

static void usage(void)
{
	fprintf(stderr, "usage: bench [-r RUNS] [-s SLOW_RUNS] [-o DIR] [-w WORKLOAD] BUILD\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char path[PATH_MAX];
	double t0 = now();
	FILE *f;
	int opt;

	outdir = NULL;
	while ((opt = getopt(argc, argv, "r:s:o:w:")) != -1) {
		switch (opt) {
		case 'r':
			runs = atoi(optarg);
			break;
		case 's':
			slow_runs = atoi(optarg);
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'w':
			only = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || runs < 1 || runs > MAX_RUNS || slow_runs < 1)
		usage();
	build = argv[optind];
	if (!outdir) {
		snprintf(path, sizeof(path), "%s/bench", build);
		outdir = strdup(path);
	}
	mkdir(outdir, 0755);
	snprintf(tmpdir, sizeof(tmpdir), "%s/tmp.XXXXXX", outdir);
	if (!mkdtemp(tmpdir)) {
		perror("bench: mkdtemp");
		return 1;
	}
	/* A socket path must fit sun_path: keep it short, outside the build tree. */
	snprintf(sockpath, sizeof(sockpath), "/tmp/renacer-bench-%d.sock", (int)getpid());
	signal(SIGPIPE, SIG_IGN);

	for (size_t wi = 0; wi < NWORK; wi++) {
		for (int ti = 0; ti < ntracers(&workloads[wi]); ti++)
			cells[wi][ti].tracer = workloads[wi].tracers[ti];
		if (!only || strstr(workloads[wi].name, only))
			run_workload(wi);
	}

	if (!only || strstr("per call", only))
		percall_run();

	table(stdout);
	if (!only || strstr("per call", only))
		percall_table(stdout);
	printf("\ntotal bench time: %.0f s\n", now() - t0);
	snprintf(path, sizeof(path), "%s/results.json", outdir);
	f = fopen(path, "w");
	if (f) {
		results_json(f, now() - t0);
		fclose(f);
	}
	unlink(sockpath);
	snprintf(path, sizeof(path), "rm -rf '%s'", tmpdir);
	if (system(path))
		fprintf(stderr, "bench: could not remove %s\n", tmpdir);
	return 0;
}
