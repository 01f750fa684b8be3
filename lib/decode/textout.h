/* SPDX-License-Identifier: MIT */
/* The strace-syntax text sink: line prefixes, alignment, timestamps and -T. */
#ifndef RENACER_TEXTOUT_H
#define RENACER_TEXTOUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "event.h"
#include "format.h"
#include "strbuf.h"

struct rn_textout;

struct rn_textout_opts {
	unsigned tstamp;     /* 0, 1 (-t), 2 (-tt), 3 (-ttt) */
	bool relative;	     /* -r: the time since the previous line began */
	bool syscall_number; /* -n: [  59] before a call's name */
	bool syscall_times;  /* -T */
	bool ip;	     /* -i: [00007f...] from the call's stack item (RN_ARG_STACK) */
	/* 1 + digits after the second of -t's, -r's and -T's times when an option gave a
	 * precision (--absolute-timestamps=unix,ms: 4); 0: strace's default (-t 0, others 6) */
	unsigned tstamp_prec, relative_prec, times_prec;
	bool pid_always; /* `%-5u ` on every line (-o with -f) */
	unsigned column; /* -a N: where ` = ` goes, when column_set (else 40) */
	bool column_set;
	int64_t mono_to_real_ns; /* CLOCK_REALTIME - CLOCK_MONOTONIC, for timestamps */
	/* appends to a call's line before its newline (trace --source, -k: lib/symbol's
	 * rn_sym_text__annotate); NULL: nothing */
	void (*annotate)(void *ctx, struct rn_strbuf *sb, const struct rn_event *ev);
	void *annotate_ctx;
	/* -y: called between a call's arguments and its result (the descriptors it made) */
	void (*after_args)(void *ctx, const struct rn_event *ev);
	void *after_args_ctx;
	struct rn_fmt_opts fmt;
};

struct rn_textout *rn_textout__new(FILE *out, const struct rn_textout_opts *o);
/* Flushes and frees; does not close out. */
void rn_textout__free(struct rn_textout *t);
/* nprocs: live traced threads now; above 1 the stderr style prefixes `[pid N] `. */
void rn_textout__syscall(struct rn_textout *t, const struct rn_event *ev, int nprocs);
void rn_textout__signal(struct rn_textout *t, const struct rn_sig_rec *r, int nprocs);
void rn_textout__exit(struct rn_textout *t, uint32_t pid, int wait_status, uint64_t ns, int nprocs);
/* -n: tid made call nr that is not printed (left out by status= or -P): strace's [nr] on the
 * signal and exit lines that follow is the thread's last call, printed or not. */
void rn_textout__call_seen(struct rn_textout *t, uint32_t tid, uint32_t nr);
/* -e read=/write=: strace's ` | 00000  76 6d 0a ...  vm.   |` lines for n bytes at off. */
void rn_textout__hexdump(struct rn_textout *t, const void *p, size_t n, size_t off);
/*
 * A call's prefixes, name and arguments, without its closing parenthesis, result or newline:
 * the caller ends the
 * line (rn_textout__line(t, " <detached ...>") for strace -b's execve).
 */
void rn_textout__call_begin(struct rn_textout *t, const struct rn_event *ev, int nprocs);
/* A line of its own, as given (the ` * 2 bytes in buffer 0` before an iovec entry's dump). */
void rn_textout__line(struct rn_textout *t, const char *text);
int rn_textout__flush(struct rn_textout *t);
/* The first write error (-errno) met so far, or 0: a caller can stop feeding a dead output. */
int rn_textout__error(const struct rn_textout *t);
/* Timestamps print ns + offset: for trace files, the trace's start in CLOCK_REALTIME. */
void rn_textout__set_clock(struct rn_textout *t, int64_t to_real_ns);

/*
 * A line of the caller's own text in the same layout (a trace-file event in lib/model/views.c):
 * line_begin writes the prefix ([pid N], timestamp) and returns the buffer to append to;
 * line_pad pads to the result column (40) as before ` = `; line_duration appends -T's
 * ` <0.000012>` when -T is on; line_end ends the line.
 */
struct rn_strbuf *rn_textout__line_begin(struct rn_textout *t, uint32_t tid, uint64_t ns,
					 int nprocs);
void rn_textout__line_pad(struct rn_textout *t);
void rn_textout__line_duration(struct rn_textout *t, uint64_t ns);
void rn_textout__line_end(struct rn_textout *t);

#endif
