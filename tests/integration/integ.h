/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the integration tests: find the build, run the tracer (renacerctl,
 * or strace when RENACER_TRACER=strace, to check the harness against the oracle), and
 * parse strace-syntax traces into lines.
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

/*
 * Skips the test (outside CI, not root) or fails it (CI, or root and BPF does not
 * load), naming the reason, unless the tracer and fixtures are ready.
 */
void integ_require_tracer(void);

/* A fresh directory under /tmp, malloc'd; integ_rmtree removes it. */
char *integ_tmpdir(void);
void integ_rmtree(const char *dir);
/* The whole file, NUL-terminated, malloc'd; NULL when it cannot be read. */
char *integ_read_file(const char *path);
int integ_write_file(const char *path, const char *text);

/* The tracer's argv: tracer, "trace" (renacerctl only), opts..., "--", cmd... */
char **integ_trace_argv(const char *const *opts, const char *const *cmd);

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
void integ_run__free(struct integ_run *res);
/* Starts argv in the background with stdin/stdout on /dev/null, stderr to err_path. */
pid_t integ_spawn(char *const argv[], const char *err_path);
/* Waits up to timeout_s for pid; status as in struct integ_run, -1 on timeout. */
int integ_wait(pid_t pid, double timeout_s);
void integ_sleep_ms(unsigned ms);
/* Polls path until it contains needle or timeout_s passes; true when it does (no fixed
 * delays: a loaded machine or a sanitizer build makes every step slower). */
bool integ_wait_for_text(const char *path, const char *needle, double timeout_s);

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

#endif
