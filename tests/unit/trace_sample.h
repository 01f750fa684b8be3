/* SPDX-License-Identifier: MIT */
/*
 * Test helpers for the golden-trace encodings:
 *  - rn_trace_sample__play(sink): a small hand-built trace with every kind of record
 *    (two processes and a thread, every event kind, every edge kind, gaps, binary and
 *    truncated captures, a failed call, a noreturn call, 0-arg and 6-arg calls,
 *    unicode and escapes, bytes that are not UTF-8, u64 values above INT64_MAX).
 *  - struct rn_trace_dump: a sink that prints every field of what it receives, both as
 *    one sequence (file order) and by section (order-independent), so a test can
 *    compare what a reader delivered with the model that was written.
 */
#ifndef RENACER_TESTS_TRACE_SAMPLE_H
#define RENACER_TESTS_TRACE_SAMPLE_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "trace.h"

#define RN_SAMPLE_NEVENTS 14

static char *const rn_sample_argv[] = {"sh", "-c", "echo h\xc3\xa9llo | cat \"$x\"", NULL};

static inline int rn_trace_sample__play_n(const struct rn_tr_sink *s, bool finish_stats)
{
	static const uint8_t bin[] = {0x7f, 'E', 'L', 'F', 0x00, 0xff, 0x01, 0x00};
	static const uint8_t uni[] =
	    "h\xc3\xa9llo \"q\" \\ \t\n\x1b[0m \xe2\x82\xac \xf0\x9f\x98\x80";
	static const uint8_t bad_utf8[] = {'a', 0xc3, 0x28, 'b'};
	static const char *const a_exec[] = {"\"/bin/sh\"",
					     "[\"sh\", \"-c\", \"echo h\\303\\251llo | cat\"]",
					     "0x7ffd2000 /* 12 vars */"};
	static const char *const a_open[] = {"AT_FDCWD", "\"/etc/nonexistent\"",
					     "O_RDONLY|O_CLOEXEC"};
	static const char *const a_mmap[] = {
	    "NULL", "8192", "PROT_READ|PROT_WRITE", "MAP_PRIVATE|MAP_ANONYMOUS", "-1", "0"};
	static const char *const a_read[] = {"0", "\"\\177ELF\\0\\377\\1\\0\"...", "4096"};
	static const char *const a_write[] = {"1", "\"h\\303\\251llo \\\"q\\\" \\\\ \\t\\n\"...",
					      "32"};
	static const char *const a_exit[] = {"0"};
	static const char *const a_wait[] = {"-1", "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]", "0",
					     "NULL"};
	static const char *const a_kill[] = {"101", "SIGTERM"};
	static const char *const a_sig[] = {
	    "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=101, si_uid=0, si_status=0}"};
	static const char *const a_clone[] = {
	    "child_stack=NULL", "flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
	    "child_tidptr=0x7f0000000a10"};
	static const char *const a_futex[] = {"0x7f0000001000", "FUTEX_WAKE_PRIVATE", "1"};
	static const char *const env100[] = {"LANG=C.UTF-8", "CI=true", "EMPTY=", NULL};
	static char *const argv101[] = {"cat", "\"$x\"", "\xff\xfe-not-utf8", NULL};
	static const char *const names[] = {"execve", "openat", "getpid", "mmap",	"clone",
					    "read",   "write",	"futex",  "exit_group", "wait4"};
	static const uint64_t calls[] = {1, 1, 1, 1, 1, 2, 1, 1, 1, 1};
	static const uint64_t errors[] = {0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
	static const uint64_t durs[] = {900000, 4000, 300, 2500, 60000, 7000, 5000, 800, 0, 120000};
	const struct rn_tr_capture c_exec[] = {{0, 0, (const uint8_t *)"/bin/sh", 7, 7, false}};
	const struct rn_tr_capture c_open[] = {
	    {1, 0, (const uint8_t *)"/etc/nonexistent", 16, 16, false}};
	const struct rn_tr_capture c_read[] = {{1, 0, bin, sizeof(bin), 4096, true}};
	const struct rn_tr_capture c_write[] = {
	    {1, 0, uni, sizeof(uni) - 1, sizeof(uni) - 1, false},
	    {1, 1, bad_utf8, sizeof(bad_utf8), UINT64_MAX - 1, true},
	    {2, 0, NULL, 0, 0, false}};
	/* a -k stack: an inlined helper, a shared frame, texts absent and not UTF-8 */
	const struct rn_tr_frame f_read[] = {{0x7f00000f8350, 0xf8350, "/usr/lib/libc.so.6",
					      "0a1b2c", "__read", 0x10, NULL, NULL, 0, false,
					      false},
					     {0x5555000011a0, 0x11a0, "/tmp/prog", NULL, "main",
					      0x4f, "helper", "src/h.c", 20, true, true},
					     {0x5555000011a0, 0x11a0, "/tmp/prog", NULL, "main",
					      0x4f, "main", "src/m\xc3\xa9.c", 36, false, true},
					     {0x555500001141, 0x1141, "/tmp/prog", NULL, "_start",
					      0x21, NULL, NULL, 0, false, false}};
	const struct rn_tr_frame f_write[] = {
	    {0x7f00000f8360, 0xf8360, "/usr/lib/libc.so.6", "0a1b2c", "__write", 0x10, NULL, NULL,
	     0, false, false},
	    {0x555500001141, 0x1141, "/tmp/prog", NULL, "_start", 0x21, NULL, NULL, 0, false,
	     false},
	    {0x10, 0, NULL, NULL, NULL, 0, NULL, NULL, 0, false, false}};
	const struct rn_tr_header h = {
	    .format_version = RN_TRACE_VERSION,
	    .tool = "renacer 0.1.0",
	    .trace_id = "4bf92f3577b34da6a3ce929d0e0e4736",
	    .parent_span_id = "00f067aa0ba902b7",
	    .start_realtime_ns = 1700000000123456789ull,
	    .hostname = "build-01",
	    .snaplen = 32,
	    .argv = rn_sample_argv,
	    .argc = 3,
	};
#define EV(...) ((struct rn_tr_event){__VA_ARGS__})
	const struct rn_tr_event ev[RN_SAMPLE_NEVENTS] = {
	    EV(.id = 1, .pid = 100, .tid = 100, .nr = 59, .name = "execve", .nargs = 3,
	       .args = a_exec, .raw_args = {0x55550000, 0x7ffd1000, 0x7ffd2000}, .result = 0,
	       .result_text = "0", .enter_ns = 1000, .duration_ns = 900000, .lamport = 1,
	       .caps = c_exec, .ncaps = 1),
	    EV(.id = 2, .pid = 100, .tid = 100, .nr = 257, .name = "openat", .nargs = 3,
	       .args = a_open, .raw_args = {(uint64_t)-100, 0x55551000, 0x80000}, .result = -2,
	       .errname = "ENOENT", .result_text = "-1 ENOENT (No such file or directory)",
	       .enter_ns = 902000, .duration_ns = 4000, .lamport = 2, .caps = c_open, .ncaps = 1),
	    EV(.id = 3, .pid = 100, .tid = 100, .nr = 39, .name = "getpid", .result = 100,
	       .result_text = "100", .enter_ns = 910000, .duration_ns = 300, .lamport = 3),
	    EV(.id = 4, .pid = 100, .tid = 100, .nr = 9, .name = "mmap", .nargs = 6, .args = a_mmap,
	       .raw_args = {0, 8192, 3, 0x22, UINT64_MAX, 0}, .result = 0x7f0000000000,
	       .result_text = "0x7f0000000000", .enter_ns = 912000, .duration_ns = 2500,
	       .lamport = 4),
	    EV(.id = 5, .pid = 100, .tid = 100, .nr = 56, .name = "clone", .nargs = 3,
	       .args = a_clone, .raw_args = {0x1200011, 0, 0, 0x7f0000000a10}, .result = 101,
	       .result_text = "101", .enter_ns = 920000, .duration_ns = 60000, .lamport = 5),
	    EV(.id = 6, .pid = 101, .tid = 101, .nr = 0, .name = "read", .nargs = 3, .args = a_read,
	       .raw_args = {0, 0x7ffc0000, 4096}, .result = 4096, .result_text = "4096",
	       .enter_ns = 990000, .duration_ns = 7000, .lamport = 6, .caps = c_read, .ncaps = 1,
	       .frames = f_read, .nframes = 4),
	    EV(.id = 7, .pid = 101, .tid = 101, .nr = 1, .name = "write", .nargs = 3,
	       .args = a_write, .raw_args = {1, 0x7ffc0000, 32}, .result = 32, .result_text = "32",
	       .enter_ns = 1000000, .duration_ns = 5000, .lamport = 7, .caps = c_write, .ncaps = 3,
	       .frames = f_write, .nframes = 3),
	    EV(.id = 8, .pid = 100, .tid = 102, .nr = 202, .name = "futex", .nargs = 3,
	       .args = a_futex, .raw_args = {0x7f0000001000, 0x81, 1}, .result = 0,
	       .result_text = "0", .enter_ns = 1001000, .duration_ns = 800, .lamport = 4),
	    EV(.id = 9, .pid = 100, .tid = 100, .nr = 62, .name = "kill", .nargs = 2,
	       .args = a_kill, .raw_args = {101, 15}, .result = 0, .result_text = "0",
	       .enter_ns = 1002000, .duration_ns = 3000, .lamport = 8),
	    EV(.id = 10, .kind = RN_TR_SIGNAL, .pid = 101, .tid = 101, .nr = -1, .name = "SIGTERM",
	       .nargs = 1, .args = a_sig + 0, .result_text = "", .enter_ns = 1006000, .lamport = 9),
	    EV(.id = 11, .pid = 101, .tid = 101, .nr = 231, .name = "exit_group", .nargs = 1,
	       .args = a_exit, .result_text = "?", .noreturn = true, .enter_ns = 1010000,
	       .lamport = 10),
	    EV(.id = 12, .kind = RN_TR_EXIT, .pid = 101, .tid = 101, .nr = -1, .name = "exit",
	       .result = 139, .result_text = "killed by SIGSEGV (core dumped)", .enter_ns = 1011000,
	       .lamport = 11),
	    EV(.id = 13, .kind = RN_TR_SIGNAL, .pid = 100, .tid = 100, .nr = -1, .name = "SIGCHLD",
	       .nargs = 1, .args = a_sig, .result_text = "", .enter_ns = 1012000, .lamport = 12),
	    EV(.id = 14, .pid = 100, .tid = 100, .nr = 61, .name = "wait4", .nargs = 4,
	       .args = a_wait, .raw_args = {UINT64_MAX, 0x7ffd3000}, .result = 101,
	       .result_text = "101", .enter_ns = 1003000, .duration_ns = 120000, .lamport = 13),
	};
#undef EV
	const struct rn_tr_process p100 = {
	    .pid = 100,
	    .ppid = 1,
	    .exe = "/bin/sh",
	    .argv = rn_sample_argv,
	    .argc = 3,
	    .start_ns = 0,
	    .end_ns = 1200000,
	    .ended = true,
	    .wait_status = 0,
	    .span_id = "a1b2c3d4e5f60718",
	    .parent_span_id = "00f067aa0ba902b7",
	    .peak_rss_bytes = 4 << 20,
	    .cpu_ns = 1500000,
	    .env = env100,
	};
	const struct rn_tr_process p101 = {
	    .pid = 101,
	    .ppid = 100,
	    .exe = "/usr/bin/c\xc3\xa0t",
	    .argv = argv101,
	    .argc = 3,
	    .start_ns = 980000,
	    .end_ns = 1011000,
	    .ended = true,
	    .wait_status = 139,
	    .span_id = "1122334455667788",
	    .parent_span_id = "a1b2c3d4e5f60718",
	    .peak_rss_bytes = 2 << 20,
	    .cpu_ns = 300000,
	};
	const struct rn_tr_process p103 = {
	    .pid = 103,
	    .ppid = 100,
	    .exe = NULL,
	    .argv = NULL,
	    .start_ns = 1100000,
	    .span_id = "99aabbccddeeff00",
	    .parent_span_id = "a1b2c3d4e5f60718",
	};
	const struct rn_tr_edge edges[] = {
	    {RN_EDGE_EXEC, 1, 2},    {RN_EDGE_FORK, 5, 6},   {RN_EDGE_PIPE, 7, 8},
	    {RN_EDGE_SIGNAL, 9, 10}, {RN_EDGE_WAIT, 12, 14},
	};
	const struct rn_tr_gap gaps[] = {{101, 6, 7, 3}, {100, 0, 1, 1}};
	const struct rn_tr_stats st = {
	    .total_syscalls = 11,
	    .total_duration_ns = 1100100,
	    .lost_events = 4,
	    .truncated = 2,
	    .wall_ns = 1200000,
	    .cpu_ns = 1800000,
	    .nsyscalls = 10,
	    .names = names,
	    .calls = calls,
	    .errors = errors,
	    .duration_ns = durs,
	};
	int err;

	if ((err = s->header(s->ctx, &h)) || (err = s->gap(s->ctx, &gaps[1])))
		return err;
	for (int i = 0; i < RN_SAMPLE_NEVENTS; i++) {
		if ((err = s->event(s->ctx, &ev[i])))
			return err;
		if (i == 0 && (err = s->process(s->ctx, &p100)))
			return err;
		if (i == 1 && (err = s->edge(s->ctx, &edges[0])))
			return err;
		if (i == 5 &&
		    ((err = s->process(s->ctx, &p101)) || (err = s->edge(s->ctx, &edges[1]))))
			return err;
		if (i == 6 && (err = s->gap(s->ctx, &gaps[0])))
			return err;
		if (i == 9 &&
		    ((err = s->edge(s->ctx, &edges[2])) || (err = s->edge(s->ctx, &edges[3]))))
			return err;
		if (i == 13 && (err = s->edge(s->ctx, &edges[4])))
			return err;
	}
	if ((err = s->process(s->ctx, &p103)))
		return err;
	return s->finish(s->ctx, finish_stats ? &st : NULL);
}

static inline int rn_trace_sample__play(const struct rn_tr_sink *s)
{
	return rn_trace_sample__play_n(s, true);
}

enum {
	RN_DUMP_HEADER,
	RN_DUMP_EVENTS,
	RN_DUMP_PROCS,
	RN_DUMP_EDGES,
	RN_DUMP_GAPS,
	RN_DUMP_END,
	RN_DUMP_N
};

struct rn_trace_dump {
	struct rn_strbuf all;		 /* every callback, in order */
	struct rn_strbuf sec[RN_DUMP_N]; /* the same lines by section */
	unsigned nevents;
	bool finished, stats_null;
};

static inline void rn_trace_dump__str(struct rn_strbuf *sb, const char *s)
{
	if (!s) {
		rn_strbuf__puts(sb, "NULL");
		return;
	}
	rn_strbuf__putc(sb, '"');
	for (; *s; s++)
		rn_strbuf__printf(sb, (uint8_t)*s < 0x20 || (uint8_t)*s >= 0x7f ? "\\x%02x" : "%c",
				  (uint8_t)*s);
	rn_strbuf__putc(sb, '"');
}

/* terminated: argv-like vectors must end with NULL; event args need not. */
static inline void rn_trace_dump__strv(struct rn_strbuf *sb, const char *const *v, uint32_t n,
				       bool terminated)
{
	if (!v) {
		rn_strbuf__puts(sb, "NULL");
		return;
	}
	rn_strbuf__putc(sb, '[');
	for (uint32_t i = 0; i < n; i++) {
		rn_trace_dump__str(sb, v[i]);
		rn_strbuf__putc(sb, ' ');
	}
	rn_strbuf__putc(sb, ']');
	if (terminated && v[n])
		rn_strbuf__puts(sb, "NOT-NULL-TERMINATED");
}

static inline void rn_trace_dump__line(struct rn_trace_dump *d, int sec, struct rn_strbuf *line)
{
	rn_strbuf__putc(line, '\n');
	rn_strbuf__append(&d->all, line->buf, line->len);
	rn_strbuf__append(&d->sec[sec], line->buf, line->len);
	rn_strbuf__free(line);
}

static inline int rn_trace_dump__header(void *ctx, const struct rn_tr_header *h)
{
	struct rn_strbuf l = {0};

	rn_strbuf__printf(&l, "header v=%u tool=", h->format_version);
	rn_trace_dump__str(&l, h->tool);
	rn_strbuf__printf(&l, " trace=%s parent=%s start=%" PRIu64 " host=", h->trace_id,
			  h->parent_span_id, h->start_realtime_ns);
	rn_trace_dump__str(&l, h->hostname);
	rn_strbuf__printf(&l, " snaplen=%u argv=", h->snaplen);
	rn_trace_dump__strv(&l, (const char *const *)h->argv, h->argc, true);
	rn_trace_dump__line(ctx, RN_DUMP_HEADER, &l);
	return 0;
}

static inline int rn_trace_dump__event(void *ctx, const struct rn_tr_event *e)
{
	struct rn_trace_dump *d = ctx;
	struct rn_strbuf l = {0};

	d->nevents++;
	rn_strbuf__printf(&l, "event id=%" PRIu64 " kind=%d pid=%u tid=%u nr=%d name=", e->id,
			  e->kind, e->pid, e->tid, e->nr);
	rn_trace_dump__str(&l, e->name);
	rn_strbuf__puts(&l, " args=");
	rn_trace_dump__strv(&l, e->args ? e->args : (const char *const[]){NULL}, e->nargs, false);
	rn_strbuf__puts(&l, " raw=");
	for (int i = 0; i < 6; i++)
		rn_strbuf__printf(&l, "%" PRIx64 ",", e->raw_args[i]);
	rn_strbuf__printf(&l, " result=%" PRId64 " errname=", e->result);
	rn_trace_dump__str(&l, e->errname);
	rn_strbuf__puts(&l, " text=");
	rn_trace_dump__str(&l, e->result_text);
	rn_strbuf__printf(&l, " noreturn=%d enter=%" PRIu64 " dur=%" PRIu64 " lamport=%" PRIu64,
			  e->noreturn, e->enter_ns, e->duration_ns, e->lamport);
	for (uint32_t i = 0; i < e->ncaps; i++) {
		const struct rn_tr_capture *c = &e->caps[i];

		rn_strbuf__printf(&l, " cap(%u,%u,len=%u,full=%" PRIu64 ",trunc=%d,", c->arg,
				  c->idx, c->len, c->full_len, c->truncated);
		for (uint32_t k = 0; k < c->len; k++)
			rn_strbuf__printf(&l, "%02x", c->data[k]);
		rn_strbuf__putc(&l, ')');
	}
	for (uint32_t i = 0; i < e->nframes; i++) {
		const struct rn_tr_frame *f = &e->frames[i];
		const char *t[] = {f->module, f->build_id, f->symbol, f->function, f->file};

		rn_strbuf__printf(
		    &l, " frame(%" PRIx64 ",%" PRIx64 ",+%" PRIx64 ",line=%u,inl=%d,own=%d", f->pc,
		    f->offset, f->symbol_offset, f->line, f->inlined, f->own);
		for (int j = 0; j < 5; j++) {
			rn_strbuf__putc(&l, ',');
			rn_trace_dump__str(&l, t[j]);
		}
		rn_strbuf__putc(&l, ')');
	}
	rn_trace_dump__line(d, RN_DUMP_EVENTS, &l);
	return 0;
}

static inline int rn_trace_dump__process(void *ctx, const struct rn_tr_process *p)
{
	struct rn_strbuf l = {0};

	rn_strbuf__printf(&l, "process pid=%u ppid=%u exe=", p->pid, p->ppid);
	rn_trace_dump__str(&l, p->exe);
	rn_strbuf__puts(&l, " argv=");
	rn_trace_dump__strv(&l, (const char *const *)p->argv, p->argc, true);
	rn_strbuf__printf(&l,
			  " start=%" PRIu64 " end=%" PRIu64 " ended=%d status=%d span=%s parent=%s"
			  " rss=%" PRIu64 " cpu=%" PRIu64 " env=",
			  p->start_ns, p->end_ns, p->ended, p->wait_status, p->span_id,
			  p->parent_span_id, p->peak_rss_bytes, p->cpu_ns);
	if (!p->env)
		rn_strbuf__puts(&l, "NULL");
	/* by name, like a JSON object: the order of the variables carries no meaning */
	for (const char *const *v = p->env, *last = NULL; v && *v; v++) {
		const char *k = NULL;

		for (const char *const *w = p->env; *w; w++)
			if ((!last || strcmp(*w, last) > 0) && (!k || strcmp(*w, k) < 0))
				k = *w;
		rn_trace_dump__str(&l, k);
		rn_strbuf__putc(&l, ' ');
		last = k;
	}
	rn_trace_dump__line(ctx, RN_DUMP_PROCS, &l);
	return 0;
}

static inline int rn_trace_dump__edge(void *ctx, const struct rn_tr_edge *e)
{
	struct rn_strbuf l = {0};

	rn_strbuf__printf(&l, "edge kind=%d from=%" PRIu64 " to=%" PRIu64, e->kind, e->from, e->to);
	rn_trace_dump__line(ctx, RN_DUMP_EDGES, &l);
	return 0;
}

static inline int rn_trace_dump__gap(void *ctx, const struct rn_tr_gap *g)
{
	struct rn_strbuf l = {0};

	rn_strbuf__printf(&l, "gap tid=%u after=%" PRIu64 " before=%" PRIu64 " lost=%" PRIu64,
			  g->tid, g->after_id, g->before_id, g->lost);
	rn_trace_dump__line(ctx, RN_DUMP_GAPS, &l);
	return 0;
}

static inline int rn_trace_dump__finish(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_trace_dump *d = ctx;
	struct rn_strbuf l = {0};

	d->finished = true;
	d->stats_null = !s;
	if (!s) {
		rn_strbuf__puts(&l, "finish NULL");
	} else {
		rn_strbuf__printf(&l,
				  "finish total=%" PRIu64 " dur=%" PRIu64 " lost=%" PRIu64
				  " trunc=%" PRIu64 " wall=%" PRIu64 " cpu=%" PRIu64,
				  s->total_syscalls, s->total_duration_ns, s->lost_events,
				  s->truncated, s->wall_ns, s->cpu_ns);
		/* by name: the order of a JSON object's keys carries no meaning */
		for (uint32_t i = 0, last = UINT32_MAX; i < s->nsyscalls; i++) {
			uint32_t k = UINT32_MAX;

			for (uint32_t j = 0; j < s->nsyscalls; j++)
				if ((last == UINT32_MAX ||
				     strcmp(s->names[j], s->names[last]) > 0) &&
				    (k == UINT32_MAX || strcmp(s->names[j], s->names[k]) < 0))
					k = j;
			rn_strbuf__putc(&l, ' ');
			rn_trace_dump__str(&l, s->names[k]);
			rn_strbuf__printf(&l, "=%" PRIu64 "/%" PRIu64 "/%" PRIu64, s->calls[k],
					  s->errors[k], s->duration_ns[k]);
			last = k;
		}
	}
	rn_trace_dump__line(d, RN_DUMP_END, &l);
	return 0;
}

static inline void rn_trace_dump__close(void *ctx)
{
	(void)ctx;
}

static inline struct rn_tr_sink rn_trace_dump__sink(struct rn_trace_dump *d)
{
	memset(d, 0, sizeof(*d));
	return (struct rn_tr_sink){d,
				   rn_trace_dump__header,
				   rn_trace_dump__event,
				   rn_trace_dump__process,
				   rn_trace_dump__edge,
				   rn_trace_dump__gap,
				   rn_trace_dump__finish,
				   rn_trace_dump__close};
}

/* All sections in a fixed order: equal for two deliveries of the same trace in any order. */
static inline char *rn_trace_dump__sections(const struct rn_trace_dump *d)
{
	struct rn_strbuf out = {0};

	rn_strbuf__puts(&out, "");
	for (int i = 0; i < RN_DUMP_N; i++)
		if (d->sec[i].len)
			rn_strbuf__append(&out, d->sec[i].buf, d->sec[i].len);
	return out.buf;
}

static inline void rn_trace_dump__free(struct rn_trace_dump *d)
{
	rn_strbuf__free(&d->all);
	for (int i = 0; i < RN_DUMP_N; i++)
		rn_strbuf__free(&d->sec[i]);
}

#endif
