/* SPDX-License-Identifier: MIT */
/*
 * The golden-trace model: one set of plain structs that every encoding (JSON, JSON
 * Lines, binary .rnt) writes and reads, and one sink interface that moves a trace
 * from a producer (the live recorder, a file reader) to a consumer (a file writer,
 * the text view, the summary). `convert` is a reader feeding a writer.
 *
 * Order of calls on a sink: header once; then event, process, edge and gap in the
 * order they became known (an edge may name events already passed); finish once.
 * Pointers passed to a sink are valid during the call only: a sink that keeps data
 * copies it.
 */
#ifndef RENACER_TRACE_H
#define RENACER_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RN_TRACE_FORMAT	 "renacer-json-v1"
#define RN_TRACE_VERSION 1 /* bump on incompatible model changes; readers refuse newer */

struct rn_tr_header {
	uint32_t format_version;    /* RN_TRACE_VERSION */
	const char *tool;	    /* "renacer 0.1.0" */
	char trace_id[33];	    /* 32 lowercase hex digits (W3C trace-id) */
	char parent_span_id[17];    /* root's parent from TRACEPARENT, or "" */
	uint64_t start_realtime_ns; /* CLOCK_REALTIME at trace start; event times are relative */
	const char *hostname;
	uint32_t snaplen;  /* bytes of user data captured per buffer */
	char *const *argv; /* the traced command (NULL-terminated), or NULL for -p */
	uint32_t argc;
	/* the root's working directory when the trace started, or NULL (unknown, older file) */
	const char *cwd;
};

enum rn_tr_kind {
	RN_TR_SYSCALL = 0,
	RN_TR_SIGNAL = 1, /* a signal delivered to tid: name is "SIGCHLD", args[0] the {...} */
	RN_TR_EXIT = 2,	  /* a thread ended: result is the wait status */
};

/* Data copied from user memory for one argument (or sub-item, as in struct rn_item). */
struct rn_tr_capture {
	uint32_t arg;
	uint32_t idx;
	const uint8_t *data;
	uint32_t len;	   /* bytes in data */
	uint64_t full_len; /* bytes the call really had (>= len) */
	bool truncated;	   /* len < full_len, or the string did not end */
};

/*
 * A frame of a call's stack, resolved while tracing so that a trace file shows it without
 * the binaries (docs/stacks.md). A machine frame whose address lies in inlined code comes
 * as one entry per inlined function (inlined = true, same pc) before its real function.
 */
struct rn_tr_frame {
	uint64_t pc;	      /* the address (a return address past the first frame) */
	uint64_t offset;      /* its offset in the module's file */
	const char *module;   /* the mapped file, or NULL */
	const char *build_id; /* hex, or NULL */
	const char *symbol;   /* ELF symbol, or NULL */
	uint64_t symbol_offset;
	const char *function; /* from DWARF, or NULL */
	const char *file;     /* source file, or NULL */
	uint32_t line;
	bool inlined; /* inlined into the next entry's function */
	bool own;     /* the program's own code (not libc, the loader, a language's runtime) */
};

struct rn_tr_event {
	uint64_t id; /* 1, 2, 3 ... in trace order; stable across encodings */
	enum rn_tr_kind kind;
	uint32_t pid, tid;
	int32_t nr;	  /* syscall number, -1 for signals and exits */
	const char *name; /* "openat", "SIGCHLD", "exit" */
	uint32_t nargs;
	const char *const *args; /* decoded, exactly as the text output prints each */
	uint64_t raw_args[6];
	int64_t result;	     /* raw return value; wait status for RN_TR_EXIT */
	const char *errname; /* "ENOENT" when the call failed, else NULL */
	const char
	    *result_text;  /* what follows "= " in the text output: "3", "-1 ENOENT (...)", "?" */
	bool noreturn;	   /* the call never returned (exit_group, killed) */
	uint64_t enter_ns; /* since trace start */
	uint64_t duration_ns;
	uint64_t lamport;
	const struct rn_tr_capture *caps;
	uint32_t ncaps;
	const struct rn_tr_frame *frames; /* the call's stack (trace --source, -k), or none */
	uint32_t nframes;
};

struct rn_tr_process {
	uint32_t pid, ppid;
	const char *exe;
	char *const *argv; /* NULL-terminated */
	uint32_t argc;
	uint64_t start_ns, end_ns; /* since trace start; end 0 while running */
	bool ended;
	int32_t wait_status; /* as wait(2) fills it: exit code or signal */
	char span_id[17];
	char parent_span_id[17];
	uint64_t peak_rss_bytes;
	uint64_t cpu_ns;	/* user + system */
	const char *const *env; /* --record-env NAME=VALUE pairs, NULL-terminated, or NULL */
};

enum rn_tr_edge_kind {
	RN_EDGE_FORK = 0,   /* parent's clone/fork -> the child's first event */
	RN_EDGE_EXEC = 1,   /* execve -> the next event of the process */
	RN_EDGE_WAIT = 2,   /* child's exit -> the parent's wait that reaped it */
	RN_EDGE_PIPE = 3,   /* write to a pipe/FIFO/socket -> the read of the same object */
	RN_EDGE_SIGNAL = 4, /* kill/tgkill -> the signal's delivery */
};

struct rn_tr_edge {
	enum rn_tr_edge_kind kind;
	uint64_t from, to; /* event ids */
};

/* Events lost on a thread (ring buffer full) between two recorded events. */
struct rn_tr_gap {
	uint32_t tid;
	uint64_t after_id;  /* last event recorded before the hole (0: none) */
	uint64_t before_id; /* first event recorded after it */
	uint64_t lost;
};

struct rn_tr_stats {
	uint64_t total_syscalls;
	uint64_t total_duration_ns;
	uint64_t lost_events;
	uint64_t truncated;
	uint64_t wall_ns;
	uint64_t cpu_ns;
	/*
	 * The producer stopped before the trace's real end (its input was cut or damaged, the
	 * tracer was killed): every writer records it and every reader hands it back, so a
	 * partial trace never passes for a whole one.
	 */
	bool incomplete;
	/* per syscall name: calls, errors, total duration */
	uint32_t nsyscalls;
	const char *const *names;
	const uint64_t *calls;
	const uint64_t *errors;
	const uint64_t *duration_ns;
};

struct rn_tr_sink {
	void *ctx;
	int (*header)(void *ctx, const struct rn_tr_header *h);
	int (*event)(void *ctx, const struct rn_tr_event *e);
	int (*process)(void *ctx, const struct rn_tr_process *p);
	int (*edge)(void *ctx, const struct rn_tr_edge *e);
	int (*gap)(void *ctx, const struct rn_tr_gap *g);
	int (*finish)(void *ctx, const struct rn_tr_stats *s);
	/* flushes and frees the sink's ctx (NULL-safe) */
	void (*close)(void *ctx);
};

const char *
rn_tr_edge_kind__name(enum rn_tr_edge_kind k);	 /* "fork", "exec", "wait", "pipe", "signal" */
int rn_tr_edge_kind__parse(const char *s);	 /* -1 when unknown */
const char *rn_tr_kind__name(enum rn_tr_kind k); /* "syscall", "signal", "exit" */
int rn_tr_kind__parse(const char *s);

/*
 * Errors from readers are a struct rn_error (error.h): the file, the byte offset, what was
 * wrong. Readers return -EINVAL (malformed), -EPROTO (newer format version), -EIO; the
 * message is in err.
 */
#include "error.h"

#endif
