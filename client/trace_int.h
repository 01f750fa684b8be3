/* SPDX-License-Identifier: MIT */
/*
 * renacerctl trace, private to its files: the options (trace_opts.c), the command
 * (trace.c), what both runs share (trace_run.c), the run on the embedded engine
 * (trace_local.c) and the run through renacerd (trace_daemon.c).
 */
#ifndef RENACER_CLIENT_TRACE_INT_H
#define RENACER_CLIENT_TRACE_INT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "assertions.h"
#include "engine.h"
#include "filter.h"
#include "hmap.h"
#include "otlp_export.h"
#include "recorder.h"
#include "summary.h"
#include "symbol.h"
#include "textout.h"
#include "tracefile.h"

struct rn_dclient;
struct rn_fdpaths;

#define MAX_ATTACH 64
#define POLL_MS	   20

#define MAX_RECORD_ENV 32
#define MAX_ENV_OPTS   64
#define MAX_HELD_SIGS  64
#define MAX_PATH_OPTS  16

struct trace_opts {
	bool follow;
	bool summary_only; /* -c */
	bool summary;	   /* -C */
	bool times;	   /* -T */
	unsigned tstamp;   /* -t count */
	bool relative;	   /* -r */
	/* 1 + digits after the second from --absolute-timestamps=, -r=, -T= (0: default) */
	unsigned tstamp_prec, relative_prec, times_prec;
	bool tstamp_long;   /* --absolute-timestamps: strace refuses it with -t */
	bool append;	    /* -A: -o FILE (and -ff's FILE.PID) appended to, not emptied */
	bool seccomp_bpf;   /* --seccomp-bpf: the kernel filters already; needs -f as strace's */
	bool detach_execve; /* -b execve: a process that execs leaves the trace */
	bool ip;	    /* -i: [user IP] before each line (the stack item's registers) */
	bool nr_prefix;	    /* -n */
	unsigned strsize;   /* -s */
	const char *outfile;
	const char *sortby;
	const char *columns; /* -U */
	bool wall_clock;     /* -w: what -c does anyway; strace wants -c or -C with it */
	size_t ring_bytes;
	pid_t attach[MAX_ATTACH];
	int nattach;
	char **cmd;
	int format; /* enum rn_tf_format */
	bool format_set;
	unsigned capture; /* snap length for trace files */
	const char *traceparent;
	bool no_propagate;
	bool embedded;	 /* --embedded: never the daemon */
	bool use_daemon; /* --daemon: only the daemon */
	const char *socket;
	const char *record_env[MAX_RECORD_ENV + 1];
	int nrecord_env;
	bool otlp; /* --otlp, or an OTEL_EXPORTER_OTLP_*ENDPOINT with --otlp-spans */
	struct rn_otlp_export_opts otlp_opts;
	const char *otlp_headers[RN_OTLP_MAX_KV];
	const char *assert_config; /* --assert renacer.toml */
	bool output_separately;	   /* -ff with -o: FILE.PID per process */
	unsigned quiet;		   /* -q, -e quiet=: enum rn_quiet bits (messages left out) */
	unsigned column;	   /* -a N: where " = " goes (strace's default 40) */
	bool column_set;
	unsigned hex;	     /* -x: non-ASCII strings in hex; -xx: all of them */
	unsigned decode_fds; /* -y, -yy, --decode-fds: enum rn_fds_show */
	bool fds_long;	     /* --decode-fds, -e decode-fds: strace refuses them with -y */
	const char *user;    /* -u USER: the command runs with USER's ids */
	const char *env[MAX_ENV_OPTS]; /* -E VAR=VAL (set) or -E VAR (unset), in order */
	int nenv;
	const char *paths[MAX_PATH_OPTS];	/* -P PATH: only calls touching these */
	const char *paths_given[MAX_PATH_OPTS]; /* -P as typed, for strace's resolution line */
	int npaths;
	unsigned stacks; /* --source, -k: enum rn_sym_show */
};

struct tracer {
	struct trace_opts o;
	struct rn_engine *eng;
	struct rn_textout *text;
	struct trace_split *split; /* -ff -o FILE: a text sink per thread, instead of text */
	struct rn_fdpaths *fds;	   /* -y, -yy: the descriptor table */
	bool dumps;		   /* -e read=/write= asked for some descriptor */
	/* signals seen when sent (RN_RF_SIG_IGNORED/FATAL), printed where strace shows them */
	struct rn_sig_rec held[MAX_HELD_SIGS];
	int nheld;
	struct rn_filter *filter;
	struct rn_summary *sum;
	FILE *out;
	int out_fd;	  /* under out, with -o */
	int out_werr;	  /* why the last write to out failed (errno) */
	bool out_created; /* -o FILE did not exist: removed again if the trace never starts */
	bool out_begun;	  /* -o FILE emptied: the trace has started */
	pid_t out_pid;	  /* -o '|CMD': the shell that reads the trace */
	int write_err;	  /* the first failed write of the trace or the table (-errno) */
	bool incomplete;  /* tracing stopped before the traced programs' end */
	struct rn_recorder *rec;
	struct rn_tr_sink file;	     /* the trace file writer, when a file format is chosen */
	struct rn_otlp_export *otlp; /* --otlp: the recorder's spans, off the tracing path */
	uint64_t start_mono;
	pid_t child;
	int child_pidfd; /* readable once the child has ended; -1 when none */
	int child_status;
	bool child_reaped;
	int nprocs; /* live traced threads shown, for strace's `[pid N]` rule */
	/* -b execve: tgid -> DETACH_AT_EXEC (its execve line still to print) or DETACHED */
	struct rn_hmap detached;
	bool exec_skip; /* -b execve: the command's own first exec is not a detach */
	struct rn_sink sink;
	uint64_t counters[RN_CNT__MAX];
	uint64_t session;
	uint64_t rec_lost; /* records lost on traced threads, as the records say */
	bool daemon_lost;
	struct rn_rules *rules; /* --assert: the assertions and their checker */
	struct rn_checker *checker;
	struct rn_symbolizer *sym; /* --source, -k */
	struct rn_sym_text symtext;
};

/* The signal that interrupted the trace (SIGINT, SIGTERM, ...), or 0. */
extern volatile sig_atomic_t tracer_interrupted;

/* Fills t->o (and t->filter, t->sum) from argv; -errno after printing why. */
int tracer__parse_opts(struct tracer *t, int argc, char **argv);
void tracer__install_handlers(void);
/* Finds cmd in PATH as execvp would, so the child can execve it directly. */
int tracer__resolve(const char *cmd, char *out, size_t outlen);
/* Spawns the command held; add() puts it in the traced set; then it is released. */
int tracer__spawn(struct tracer *t, const char *path, const char *traceparent,
		  int (*add)(struct tracer *t, pid_t pid));
/* Opens -o FILE for t->out, emptied only by tracer__begin_output; -errno after saying why. */
int tracer__open_output(struct tracer *t);
/* The trace has started: what -o FILE held goes now (bytes already written stay). */
void tracer__begin_output(struct tracer *t);
/* The trace never started: nothing may reach FILE, not even the writers' last flush. */
void tracer__drop_output(struct tracer *t);
/* Flushes and closes the output; every failed write so far becomes t->write_err. */
void tracer__close_output(struct tracer *t);
/* Keeps the first failed write (-errno; any other non-zero is -EIO). */
void tracer__note_write_err(struct tracer *t, int err);
int tracer__count_threads(pid_t pid);
/* Bytes of user data BPF keeps per buffer: -s, the trace file's, or whole for -e read=. */
uint32_t tracer__snaplen(const struct tracer *t);
/* Reaps the spawned command if it ended; true when there is none left to wait for. */
bool tracer__child_done(struct tracer *t);
/* Waits up to POLL_MS for the child to end. */
void tracer__wait_child(struct tracer *t);
/* The embedded engine: BPF loaded in this process. Returns the exit status (0 or 1). */
int tracer__run_local(struct tracer *t, const char *path, const char *traceparent,
		      const uint64_t *bitmap);
/* Through renacerd: the same records, decoded here by the same code. */
int tracer__run_daemon(struct tracer *t, struct rn_dclient *dc, const char *path,
		       const char *traceparent, const uint64_t *bitmap);

/* --assert (trace_assert.c): reads CONFIG; 0, or -errno after saying why. */
int tracer__assert_load(struct tracer *t);
/* Makes *rs a tee: what it did, then the checker. */
void tracer__assert_tee(struct tracer *t, struct rn_tr_sink *rs);
/* Prints the report on stderr; 1 when an enforced assertion failed, else 0. */
int tracer__assert_report(struct tracer *t);
void tracer__assert_free(struct tracer *t);

#endif
