/* SPDX-License-Identifier: MIT */
/*
 * The bench driver's own header (tests/bench/bench*.c, one program): the tracer and workload
 * tables (bench_workloads.c), running and measuring one process (bench_measure.c), the
 * cells and the runs (bench.c), the table and results.json (bench_report.c).
 */
#ifndef RENACER_BENCH_H
#define RENACER_BENCH_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#define MAX_RUNS    15
#define MAX_ARGS    32
#define MAX_TRACERS 20

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
	T_RN_OTLP,
	T_OTLP_EXPORT,
	T_RN_SOURCE, /* trace --source (docs/stacks.md) */
	T_RN_STACK,  /* trace -k */
	T_SYSWIDE,
	T_QUERY_WHOLE, /* issue 16: the 10M storm's .rnt read whole, then with selective filters */
	T_QUERY_OPENAT,
	T_QUERY_WINDOW,
	T_RN_COLD, /* issue 17: a start that verifies the programs (none pinned to reuse) */
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
#define F_OTLP	   (1u << 9) /* needs tests/otlp/receiver.js around each run ({U}: its URL) */

#define F_SYSWIDE (1u << 10) /* with F_DAEMON: renacerd --system-wide (issue 14) */

struct tracer {
	const char *name;
	const char *ext; /* the trace file's extension; NULL: no trace file */
	const char *argv[MAX_ARGS];
	unsigned flags;
	const char *input; /* F_READER: which kept file */
};

extern const struct tracer tracers[];

struct workload {
	const char *name;
	const char *argv[MAX_ARGS];
	long calls;		  /* syscalls the workload makes; 0: from renacerctl -c's table */
	bool slow;		  /* F_SLOW tracers run SLOW_RUNS times */
	bool keep;		  /* keep the last .rnt/.json for the readers */
	int tracers[MAX_TRACERS]; /* T_END-terminated; T_UNTRACED first */
};

#define NWORK 15 /* entries of workloads[] (checked where it is defined) */
extern const struct workload workloads[];

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
	double spans;	   /* F_OTLP: spans the receiver got */
	double dropped;	   /* F_OTLP: spans renacerctl said it did not deliver */
};

#define NFIELDS (sizeof(struct sample) / sizeof(double))

struct cell {
	int tracer;
	int n;
	struct sample s[MAX_RUNS];
	struct sample med;
	bool failed;
	bool unavailable; /* a helper this machine lacks (node, the receiver's packages) */
	char why[256];
};

extern struct cell cells[NWORK][MAX_TRACERS];
extern const char *build, *outdir;
extern char tmpdir[PATH_MAX / 4], sockpath[64];
extern int runs, slow_runs;
extern const char *only, *only_tracers;
extern char otlp_url[64];

/* Per-call cost by kind of call (tests/fixtures/callmix); see bench_workloads.c. */
struct percall_kind {
	const char *kind;
	long rounds; /* strace runs rounds / STRACE_DIV */
};

enum { PC_UNTRACED, PC_RNT, PC_DAEMON, PC_STRACE, PC_N, STRACE_DIV = 20 };

#define NKINDS 9 /* entries of percall_kinds[] */
extern const struct percall_kind percall_kinds[NKINDS];
extern const char *const percall_tracers[PC_N];
extern double percall[NKINDS][PC_N];

/* bench_measure.c */
double now(void);
void sleep_ms(int ms);
/* Copies tmpl to out, replacing {B}, {O}, {S}, {T}, {I}. */
void expand(const char *tmpl, const char *o, const char *in, char *out, size_t size);
char *slurp(const char *path, size_t max);
double proc_cpu(pid_t pid);
double proc_hwm(pid_t pid);
long long file_size(const char *path);
double parse_lost(const char *errpath);
double parse_total_calls(const char *path);
double parse_dropped(const char *errpath);
double otlp_received(void);
void first_line(const char *path, char *out, size_t size);
int measure(char *const argv[], const char *outpath, const char *errpath, struct sample *s);

/* The helpers some tracers need around each run. */
struct env {
	pid_t daemon, sleeper, attached, empty, receiver;
};

int env_up(unsigned flags, struct env *e, char *why, size_t size);
void env_down(struct env *e);

/* bench.c */
int ntracers(const struct workload *w);
/* Whether name contains one of the comma-separated parts of filter (NULL: all). */
bool wanted(const char *name, const char *filter);
bool tracer_wanted(int tracer);

/* bench_report.c */
void table(FILE *out);
void percall_table(FILE *out);
void results_json(FILE *out, double total);

#endif
