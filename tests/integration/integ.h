/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the integration tests: find the build, set up a suite, run the tracer
 * (renacerctl, or strace when RENACER_TRACER=strace, to check the harness against the
 * oracle) and renacerctl's other commands, parse strace-syntax traces into lines
 * (harness_trace.c), and mask what differs between two runs of a program
 * (harness_mask.c).
 */
#ifndef RENACER_INTEG_H
#define RENACER_INTEG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* RENACER_BUILD, or "build" relative to the cwd. */
const char *integ_build(void);
/* <build>/fixtures/NAME, malloc'd. */
char *integ_fixture(const char *name);
/* True when RENACER_TRACER=strace: tests run strace in place of renacerctl. */
bool integ_use_strace(void);
/* True when CI=true: nothing may be skipped. */
bool integ_in_ci(void);

/* In CI a missing prerequisite is a failure, elsewhere a skip with the same reason. */
#define integ_unavailable(...)                                                                     \
	do {                                                                                       \
		if (integ_in_ci())                                                                 \
			cr_assert_fail(__VA_ARGS__);                                               \
		else                                                                               \
			cr_skip_test(__VA_ARGS__);                                                 \
	} while (0)

/*
 * Skips the test (outside CI, not root) or fails it (CI, or root and BPF does not
 * load), naming the reason, unless the tracer and fixtures are ready.
 */
void integ_require_tracer(void);

/* The running test's temp dir: made by integ_setup, removed by integ_teardown. */
extern char *integ_dir;
/* A suite's .init for tests that trace: integ_require_tracer, then integ_setup_dir. */
void integ_setup(void);
/* integ_dir alone, for suites that run no tracer. */
void integ_setup_dir(void);
/* A suite's .fini: integ_dir and everything in it removed. */
void integ_teardown(void);
/* <integ_dir>/name into buf. */
void integ_path(char *buf, size_t len, const char *name);

/* A fresh directory under /tmp, malloc'd; integ_rmtree removes it. */
char *integ_tmpdir(void);
void integ_rmtree(const char *dir);
/* The whole file, NUL-terminated, malloc'd; NULL when it cannot be read. */
char *integ_read_file(const char *path);
int integ_write_file(const char *path, const char *text);

/* The tracer's argv: tracer, "trace" (renacerctl only), opts..., "--", cmd... */
char **integ_trace_argv(const char *const *opts, const char *const *cmd);
/* <build>/renacerctl. */
const char *integ_ctl_path(void);

struct integ_run {
	int status; /* exit code, 128 + signal when killed, -1 on timeout or spawn failure */
	char *out;  /* captured stdout, NUL-terminated (empty when not captured) */
	char *err;  /* captured stderr, NUL-terminated */
};

/*
 * Runs argv (PATH searched) in cwd (NULL: ours) with stdin from /dev/null, stdout and
 * stderr captured, and kills it after timeout_s seconds.
 */
int integ_run(char *const argv[], const char *cwd, double timeout_s, struct integ_run *res);
/* integ_run as uid/gid (no supplementary groups), for the authorization tests. */
int integ_run_as(char *const argv[], const char *cwd, uid_t uid, gid_t gid, double timeout_s,
		 struct integ_run *res);
void integ_run__free(struct integ_run *res);
/* A memfd's whole content from offset 0, malloc'd ("" when unreadable); closes fd. */
char *integ_read_memfd(int fd);
/* renacerctl's argv for args (NULL-terminated), malloc'd; the strings are not copied. */
char **integ_ctl_argv(const char *const *args);
/* renacerctl args... (NULL-terminated) as integ_run runs it; its status. */
int integ_ctl(const char *const *args, const char *cwd, double timeout_s, struct integ_run *res);
/* Starts argv in the background with stdin/stdout on /dev/null, stderr to err_path. */
pid_t integ_spawn(char *const argv[], const char *err_path);
/* Waits up to timeout_s for pid; status as in struct integ_run, -1 on timeout. */
int integ_wait(pid_t pid, double timeout_s);
void integ_sleep_ms(unsigned ms);
/* CLOCK_MONOTONIC in seconds: for deadlines, never for asserting speed. */
double integ_now_s(void);
/* Polls path until it contains needle or timeout_s passes; true when it does (no fixed
 * delays: a loaded machine or a sanitizer build makes every step slower). */
bool integ_wait_for_text(const char *path, const char *needle, double timeout_s);

/* rel (a path in the source tree) found from the cwd or above the build folder, into buf. */
bool integ_source_path(const char *rel, char *buf, size_t len);

/* The OTLP receiver of the tests (tests/otlp/receiver.js; harness_otlp.c). */
struct integ_otlp_opts {
	int port;	      /* 0: any free port */
	const char *out;      /* the file in integ_dir it records to (NULL: got.jsonl) */
	int fail_unavailable; /* its first N Export calls answered UNAVAILABLE */
};
/* Starts it (unavailable without its packages, a failure in CI); *pid, and its port. */
int integ_otlp_start(const struct integ_otlp_opts *o, pid_t *pid);
/* Kills a started receiver and waits for it; *pid becomes 0. */
void integ_otlp_stop(pid_t *pid);

enum integ_kind {
	INTEG_SYSCALL, /* name(args) = ret */
	INTEG_SIGNAL,  /* --- SIGxxx {...} --- */
	INTEG_EXIT,    /* +++ exited with N +++, +++ killed by SIGxxx +++ */
	INTEG_OTHER,   /* anything else (a malformed line) */
};

struct integ_line {
	int pid; /* from the "%-5u " or "[pid N] " prefix; 0 without one */
	enum integ_kind kind;
	char name[32]; /* syscall name (INTEG_SYSCALL) */
	char *text;    /* the line without prefix, return padding collapsed to " = " */
};

struct integ_trace {
	struct integ_line *v;
	size_t n, cap;
};

/*
 * Parses strace-syntax output. Pairs of "<unfinished ...>" and "<... NAME resumed>"
 * become one line at the position of the unfinished half. With pid_prefix, each line
 * must start with a pid. Returns 0 or -errno.
 */
int integ_trace__parse(struct integ_trace *t, const char *text, bool pid_prefix);
void integ_trace__free(struct integ_trace *t);
/* The first line of pid (any pid when pid < 0) whose text equals `text`, or NULL. */
const struct integ_line *integ_trace__find(const struct integ_trace *t, int pid, const char *text);
/* Syscall lines of pid (any when pid < 0) named `name` (any when NULL). */
size_t integ_trace__count(const struct integ_trace *t, int pid, const char *name);
/* Joins the lines of pid (all when pid < 0), one per line, for assertion messages. */
char *integ_trace__dump(const struct integ_trace *t, int pid);
/* The return value of a syscall line ("= N ..."), or LLONG_MIN when not numeric. */
long long integ_line__ret(const struct integ_line *l);

/* One traced run: the tracer's exit status and streams, the -o file raw and parsed. */
struct integ_traced {
	struct integ_run run;
	char *raw;
	struct integ_trace t;
};

/*
 * Runs the tracer with opts + "-o <dir>/trace.out" on cmd, in dir, and parses the
 * output file (pid prefixes expected when pid_prefix). Returns the tracer's status.
 */
int integ_traced__run(struct integ_traced *tr, const char *dir, const char *const *opts,
		      const char *const *cmd, bool pid_prefix);
void integ_traced__free(struct integ_traced *tr);

/* True when text is a complete strace line: syscall, signal or exit. */
bool integ_text__wellformed(const char *text);

/* The pids parent's clone/fork/vfork calls returned, in that order (at most max). */
size_t integ_trace__children(const struct integ_trace *t, int parent, int *kids, size_t max);

/*
 * The processes of a trace in an order that does not depend on scheduling (unlike the
 * order of their first lines): breadth-first over the process tree, roots by first
 * appearance, children in the order their parent's clone calls returned them; pids the
 * tree does not explain (a lost clone line) last. Index k is "P<k>" in masked lines.
 */
struct integ_procs {
	int *pid;
	size_t n;
};

int integ_procs__canon(struct integ_procs *p, const struct integ_trace *t);
void integ_procs__free(struct integ_procs *p);
/* k of pid, or -1. */
ssize_t integ_procs__index(const struct integ_procs *p, int pid);
/*
 * The line's text with what differs between two runs of one program masked, malloc'd
 * (NULL: out of memory): pids and tids become P<k> of p (0 stays 0, an unknown pid is
 * P?), addresses, random bytes, environment sizes, child CPU times, mkstemp names and
 * system-wide counters become "?".
 */
char *integ_mask_line(const struct integ_line *l, const struct integ_procs *p);

#endif
