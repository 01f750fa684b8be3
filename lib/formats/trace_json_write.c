// SPDX-License-Identifier: MIT
/*
 * renacer-json-v1 writer. Text is built with strbuf appenders (no JSON library, no
 * allocation per event once the line buffer has grown) and handed to a buffered FILE.
 * The document streams syscalls one per line; signals, exits, processes, edges and
 * gaps are few, so they wait in memory (already serialized) until finish.
 */
#include "trace_json.h"

#include "errnames.h"
#include "json_out.h"
#include "strbuf.h"
#include "trace_json_int.h"
#include "utf8.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define LIT(sb, s) rn_strbuf__append(sb, s, sizeof(s) - 1)

struct jw {
	FILE *f;
	bool lines;
	bool have_header;
	bool finished;
	int err;	    /* the first write error, returned by every later call */
	uint64_t nsyscalls; /* syscalls written to the document, for the separators */
	uint64_t nrecords;  /* records written, for the flush policy */
	uint64_t start_realtime_ns;
	struct rn_strbuf line; /* the record being built */
	/* document only: serialized array elements, each led by "\n" or ",\n" */
	struct rn_strbuf signals, exits, processes, edges, gaps;
	struct rn_strbuf first_process; /* the derived top-level "process" object */
};

static bool all_ascii(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] & 0x80)
			return false;
	return true;
}

/* A string field: a JSON string, or {"base64":...} when the bytes are not UTF-8; null for NULL. */
static void put_str(struct rn_strbuf *sb, const char *s)
{
	size_t n;

	if (!s) {
		LIT(sb, "null");
		return;
	}
	n = strlen(s);
	if (!all_ascii((const uint8_t *)s, n) && !rn_utf8__valid((const uint8_t *)s, n)) {
		LIT(sb, "{\"base64\":\"");
		rn_json__base64(sb, (const uint8_t *)s, n);
		LIT(sb, "\"}");
		return;
	}
	rn_strbuf__putc(sb, '"');
	rn_json__escape(sb, (const uint8_t *)s, n);
	rn_strbuf__putc(sb, '"');
}

/* An object key: cannot be an object, so bytes that are not UTF-8 become U+FFFD. */
static void put_key(struct rn_strbuf *sb, const char *s, size_t n)
{
	rn_json__text(sb, s, n);
	rn_strbuf__putc(sb, ':');
}

static void put_strv(struct rn_strbuf *sb, const char *const *v, uint32_t n)
{
	if (!v) {
		LIT(sb, "null");
		return;
	}
	rn_strbuf__putc(sb, '[');
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			rn_strbuf__putc(sb, ',');
		put_str(sb, v[i]);
	}
	rn_strbuf__putc(sb, ']');
}

static void put_raw_args(struct rn_strbuf *sb, const uint64_t *a)
{
	LIT(sb, ",\"raw_args\":[");
	for (int i = 0; i < 6; i++) {
		if (i)
			rn_strbuf__putc(sb, ',');
		rn_strbuf__append_s64(sb, (int64_t)a[i]);
	}
	rn_strbuf__putc(sb, ']');
}

static void put_caps(struct rn_strbuf *sb, const struct rn_tr_capture *caps, uint32_t n)
{
	LIT(sb, ",\"data\":[");
	for (uint32_t i = 0; i < n; i++) {
		const struct rn_tr_capture *c = &caps[i];
		const uint8_t *d = c->data ? c->data : (const uint8_t *)"";

		if (i)
			rn_strbuf__putc(sb, ',');
		LIT(sb, "{\"arg\":");
		rn_strbuf__append_u64(sb, c->arg);
		LIT(sb, ",\"idx\":");
		rn_strbuf__append_u64(sb, c->idx);
		if (rn_json__capture_is_text(d, c->len)) {
			LIT(sb, ",\"text\":\"");
			rn_json__escape(sb, d, c->len);
		} else {
			LIT(sb, ",\"base64\":\"");
			rn_json__base64(sb, d, c->len);
		}
		LIT(sb, "\",\"length\":");
		rn_strbuf__append_u64(sb, c->len);
		LIT(sb, ",\"full_length\":");
		rn_json__u64(sb, c->full_len);
		if (c->truncated)
			LIT(sb, ",\"truncated\":true");
		rn_strbuf__putc(sb, '}');
	}
	rn_strbuf__putc(sb, ']');
}

/* The call's stack (docs/stacks.md): what a reader needs to show it without the binaries. */
static void put_frames(struct rn_strbuf *sb, const struct rn_tr_frame *f, uint32_t n)
{
	LIT(sb, ",\"frames\":[");
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			rn_strbuf__putc(sb, ',');
		LIT(sb, "{\"pc\":");
		rn_json__u64(sb, f[i].pc);
		LIT(sb, ",\"offset\":");
		rn_json__u64(sb, f[i].offset);
		if (f[i].module) {
			LIT(sb, ",\"module\":");
			put_str(sb, f[i].module);
		}
		if (f[i].build_id) {
			LIT(sb, ",\"build_id\":");
			put_str(sb, f[i].build_id);
		}
		if (f[i].symbol) {
			LIT(sb, ",\"symbol\":");
			put_str(sb, f[i].symbol);
			LIT(sb, ",\"symbol_offset\":");
			rn_json__u64(sb, f[i].symbol_offset);
		}
		if (f[i].function) {
			LIT(sb, ",\"function\":");
			put_str(sb, f[i].function);
		}
		if (f[i].file) {
			LIT(sb, ",\"file\":");
			put_str(sb, f[i].file);
			LIT(sb, ",\"line\":");
			rn_strbuf__append_u64(sb, f[i].line);
		}
		if (f[i].inlined)
			LIT(sb, ",\"inlined\":true");
		if (f[i].own)
			LIT(sb, ",\"own\":true");
		rn_strbuf__putc(sb, '}');
	}
	rn_strbuf__putc(sb, ']');
}

static bool raw_args_zero(const uint64_t *a)
{
	for (int i = 0; i < 6; i++)
		if (a[i])
			return false;
	return true;
}

/* Fields a signal or exit carries only in unusual traces: written when not the default. */
static void put_event_extras(struct rn_strbuf *sb, const struct rn_tr_event *e)
{
	bool sig = e->kind == RN_TR_SIGNAL;

	if (e->nr != -1) {
		LIT(sb, ",\"nr\":");
		rn_strbuf__append_s64(sb, e->nr);
	}
	if (sig ? e->nargs != 1 : e->nargs != 0) {
		LIT(sb, ",\"args\":");
		put_strv(sb, e->args ? e->args : (const char *const[]){NULL}, e->nargs);
	}
	if (!raw_args_zero(e->raw_args))
		put_raw_args(sb, e->raw_args);
	if (sig && e->result) {
		LIT(sb, ",\"result\":");
		rn_strbuf__append_s64(sb, e->result);
	}
	if (sig && e->result_text) {
		LIT(sb, ",\"result_text\":");
		put_str(sb, e->result_text);
	}
	if (e->duration_ns) {
		LIT(sb, ",\"duration_nanos\":");
		rn_json__u64(sb, e->duration_ns);
	}
	if (e->errname) {
		LIT(sb, ",\"errno\":");
		put_str(sb, e->errname);
	}
	if (e->noreturn)
		LIT(sb, ",\"noreturn\":true");
	if (e->ncaps)
		put_caps(sb, e->caps, e->ncaps);
}

static void put_event(struct rn_strbuf *sb, const struct rn_tr_event *e, bool lines)
{
	rn_strbuf__putc(sb, '{');
	if (lines) {
		LIT(sb, "\"type\":\"");
		rn_strbuf__puts(sb, e->kind == RN_TR_SIGNAL || e->kind == RN_TR_EXIT
					? rn_tr_kind__name(e->kind)
					: "syscall");
		LIT(sb, "\",");
	}
	LIT(sb, "\"id\":");
	rn_json__u64(sb, e->id);
	LIT(sb, ",\"pid\":");
	rn_strbuf__append_u64(sb, e->pid);
	LIT(sb, ",\"tid\":");
	rn_strbuf__append_u64(sb, e->tid);

	switch (e->kind) {
	case RN_TR_SIGNAL:
		LIT(sb, ",\"name\":");
		put_str(sb, e->name);
		if (e->nargs == 1) {
			LIT(sb, ",\"info\":");
			put_str(sb, e->args ? e->args[0] : NULL);
		}
		break;
	case RN_TR_EXIT:
		if (!e->name || strcmp(e->name, "exit")) {
			LIT(sb, ",\"name\":");
			put_str(sb, e->name);
		}
		LIT(sb, ",\"wait_status\":");
		rn_strbuf__append_s64(sb, e->result);
		if (e->result_text) {
			LIT(sb, ",\"text\":");
			put_str(sb, e->result_text);
		}
		break;
	default:
		LIT(sb, ",\"name\":");
		put_str(sb, e->name);
		LIT(sb, ",\"nr\":");
		rn_strbuf__append_s64(sb, e->nr);
		LIT(sb, ",\"args\":");
		put_strv(sb, e->args ? e->args : (const char *const[]){NULL}, e->nargs);
		put_raw_args(sb, e->raw_args);
		LIT(sb, ",\"result\":");
		rn_strbuf__append_s64(sb, e->result);
		if (e->result_text) {
			LIT(sb, ",\"result_text\":");
			put_str(sb, e->result_text);
		}
	}
	LIT(sb, ",\"enter_nanos\":");
	rn_json__u64(sb, e->enter_ns);
	if (e->kind != RN_TR_SIGNAL && e->kind != RN_TR_EXIT) {
		LIT(sb, ",\"duration_nanos\":");
		rn_json__u64(sb, e->duration_ns);
	}
	LIT(sb, ",\"lamport\":");
	rn_json__u64(sb, e->lamport);
	if (e->kind == RN_TR_SIGNAL || e->kind == RN_TR_EXIT) {
		put_event_extras(sb, e);
	} else {
		if (e->errname) {
			LIT(sb, ",\"errno\":");
			put_str(sb, e->errname);
		}
		if (e->noreturn)
			LIT(sb, ",\"noreturn\":true");
		if (e->ncaps)
			put_caps(sb, e->caps, e->ncaps);
		if (e->nframes)
			put_frames(sb, e->frames, e->nframes);
	}
	rn_strbuf__putc(sb, '}');
}

static void put_header(struct rn_strbuf *sb, const struct rn_tr_header *h, bool lines)
{
	rn_strbuf__putc(sb, '{');
	if (lines)
		LIT(sb, "\"type\":\"header\",");
	LIT(sb, "\"version\":");
	put_str(sb, h->tool);
	LIT(sb, ",\"format\":\"" RN_TRACE_FORMAT "\",\"format_version\":");
	rn_strbuf__append_u64(sb, RN_TRACE_VERSION);
	LIT(sb, ",\"trace_id\":");
	put_str(sb, h->trace_id);
	LIT(sb, ",\"parent_span_id\":");
	put_str(sb, h->parent_span_id);
	LIT(sb, ",\"start_time_nanos\":");
	rn_json__u64(sb, h->start_realtime_ns);
	LIT(sb, ",\"hostname\":");
	put_str(sb, h->hostname);
	LIT(sb, ",\"snaplen\":");
	rn_strbuf__append_u64(sb, h->snaplen);
	LIT(sb, ",\"command\":");
	put_strv(sb, (const char *const *)h->argv, h->argc);
	if (h->cwd) {
		LIT(sb, ",\"cwd\":");
		put_str(sb, h->cwd);
	}
}

static void put_signal_name(struct rn_strbuf *sb, int sig)
{
	const char *name = rn_signal__name(sig); /* the text output's spelling */

	if (!name) {
		rn_strbuf__append_s64(sb, sig);
		return;
	}
	rn_strbuf__putc(sb, '"');
	rn_strbuf__puts(sb, name);
	rn_strbuf__putc(sb, '"');
}

static void put_process(struct rn_strbuf *sb, const struct rn_tr_process *p, bool lines)
{
	rn_strbuf__putc(sb, '{');
	if (lines)
		LIT(sb, "\"type\":\"process\",");
	LIT(sb, "\"pid\":");
	rn_strbuf__append_u64(sb, p->pid);
	LIT(sb, ",\"ppid\":");
	rn_strbuf__append_u64(sb, p->ppid);
	LIT(sb, ",\"exe\":");
	put_str(sb, p->exe);
	LIT(sb, ",\"argv\":");
	put_strv(sb, (const char *const *)p->argv, p->argc);
	LIT(sb, ",\"start_nanos\":");
	rn_json__u64(sb, p->start_ns);
	if (p->ended) {
		LIT(sb, ",\"end_nanos\":");
		rn_json__u64(sb, p->end_ns);
		if (WIFEXITED(p->wait_status)) {
			LIT(sb, ",\"exit_code\":");
			rn_strbuf__append_u64(sb, (uint64_t)WEXITSTATUS(p->wait_status));
		} else if (WIFSIGNALED(p->wait_status)) {
			LIT(sb, ",\"signal\":");
			put_signal_name(sb, WTERMSIG(p->wait_status));
			if (WCOREDUMP(p->wait_status))
				LIT(sb, ",\"core_dumped\":true");
		}
		LIT(sb, ",\"wait_status\":");
		rn_strbuf__append_s64(sb, p->wait_status);
	}
	LIT(sb, ",\"span_id\":");
	put_str(sb, p->span_id);
	LIT(sb, ",\"parent_span_id\":");
	put_str(sb, p->parent_span_id);
	LIT(sb, ",\"peak_rss_bytes\":");
	rn_json__u64(sb, p->peak_rss_bytes);
	LIT(sb, ",\"cpu_nanos\":");
	rn_json__u64(sb, p->cpu_ns);
	if (p->env) {
		LIT(sb, ",\"env\":{");
		for (const char *const *v = p->env; *v; v++) {
			const char *eq = strchr(*v, '=');
			size_t klen = eq ? (size_t)(eq - *v) : strlen(*v);

			if (v != p->env)
				rn_strbuf__putc(sb, ',');
			put_key(sb, *v, klen);
			put_str(sb, eq ? eq + 1 : "");
		}
		rn_strbuf__putc(sb, '}');
	}
	rn_strbuf__putc(sb, '}');
}

static void put_edge(struct rn_strbuf *sb, const struct rn_tr_edge *e, bool lines)
{
	const char *kind =
	    (unsigned)e->kind <= RN_EDGE_SIGNAL ? rn_tr_edge_kind__name(e->kind) : NULL;

	rn_strbuf__putc(sb, '{');
	if (lines)
		LIT(sb, "\"type\":\"edge\",");
	LIT(sb, "\"kind\":");
	if (kind) {
		rn_strbuf__putc(sb, '"');
		rn_strbuf__puts(sb, kind);
		rn_strbuf__putc(sb, '"');
	} else {
		rn_strbuf__append_s64(sb, (int64_t)e->kind);
	}
	LIT(sb, ",\"from\":");
	rn_json__u64(sb, e->from);
	LIT(sb, ",\"to\":");
	rn_json__u64(sb, e->to);
	rn_strbuf__putc(sb, '}');
}

static void put_gap(struct rn_strbuf *sb, const struct rn_tr_gap *g, bool lines)
{
	rn_strbuf__putc(sb, '{');
	if (lines)
		LIT(sb, "\"type\":\"gap\",");
	LIT(sb, "\"tid\":");
	rn_strbuf__append_u64(sb, g->tid);
	LIT(sb, ",\"after\":");
	rn_json__u64(sb, g->after_id);
	LIT(sb, ",\"before\":");
	rn_json__u64(sb, g->before_id);
	LIT(sb, ",\"lost\":");
	rn_json__u64(sb, g->lost);
	rn_strbuf__putc(sb, '}');
}

static void put_name_map(struct rn_strbuf *sb, const struct rn_tr_stats *s, const uint64_t *vals,
			 bool skip_zero)
{
	bool first = true;

	rn_strbuf__putc(sb, '{');
	for (uint32_t i = 0; vals && i < s->nsyscalls; i++) {
		const char *name = s->names[i] ? s->names[i] : "";

		if (skip_zero && !vals[i])
			continue;
		if (!first)
			rn_strbuf__putc(sb, ',');
		first = false;
		put_key(sb, name, strlen(name));
		rn_json__u64(sb, vals[i]);
	}
	rn_strbuf__putc(sb, '}');
}

static void put_stats(struct rn_strbuf *sb, const struct rn_tr_stats *s, bool lines)
{
	if (!s) {
		if (lines)
			LIT(sb, "{\"type\":\"statistics\"}");
		else
			LIT(sb, "null");
		return;
	}
	rn_strbuf__putc(sb, '{');
	if (lines)
		LIT(sb, "\"type\":\"statistics\",");
	LIT(sb, "\"total_syscalls\":");
	rn_json__u64(sb, s->total_syscalls);
	LIT(sb, ",\"total_duration_nanos\":");
	rn_json__u64(sb, s->total_duration_ns);
	LIT(sb, ",\"syscall_counts\":");
	put_name_map(sb, s, s->calls, false);
	LIT(sb, ",\"syscall_errors\":");
	put_name_map(sb, s, s->errors, true);
	LIT(sb, ",\"syscall_duration_nanos\":");
	put_name_map(sb, s, s->duration_ns, false);
	LIT(sb, ",\"lost_events\":");
	rn_json__u64(sb, s->lost_events);
	LIT(sb, ",\"truncated\":");
	rn_json__u64(sb, s->truncated);
	LIT(sb, ",\"wall_nanos\":");
	rn_json__u64(sb, s->wall_ns);
	LIT(sb, ",\"cpu_nanos\":");
	rn_json__u64(sb, s->cpu_ns);
	if (s->incomplete)
		LIT(sb, ",\"incomplete\":true");
	rn_strbuf__putc(sb, '}');
}

/*
 * A failed write is sticky: every later callback returns it too, so a caller that
 * checks only finish() still learns that the file is incomplete.
 */
static int jw_write(struct jw *w, const struct rn_strbuf *sb)
{
	if (w->err)
		return w->err;
	if (sb->len && fwrite(sb->buf, 1, sb->len, w->f) != sb->len)
		return w->err = -EIO;
	return 0;
}

static int jw_flush(struct jw *w)
{
	if (w->err)
		return w->err;
	if (fflush(w->f) || ferror(w->f))
		return w->err = -EIO;
	return 0;
}

/* Flush often enough for `tail -f`, rarely enough to stay cheap: at powers of two, then every 4096.
 */
static int jw_counted(struct jw *w)
{
	uint64_t n = ++w->nrecords;

	if ((n & (n - 1)) == 0 || n % 4096 == 0)
		return jw_flush(w);
	return 0;
}

static int jw_header(void *ctx, const struct rn_tr_header *h)
{
	struct jw *w = ctx;
	int err;

	if (w->have_header || w->finished)
		return -EINVAL;
	w->have_header = true;
	w->start_realtime_ns = h->start_realtime_ns;
	rn_strbuf__reset(&w->line);
	put_header(&w->line, h, w->lines);
	if (w->lines)
		LIT(&w->line, "}\n");
	else
		LIT(&w->line, ",\n\"syscalls\":[");
	err = jw_write(w, &w->line);
	return err ? err : jw_flush(w);
}

/* Document mode: appends a serialized element to a buffered array. */
static void jw_buffer(struct rn_strbuf *arr, const struct rn_strbuf *elem)
{
	if (arr->len)
		LIT(arr, ",\n");
	else
		LIT(arr, "\n");
	rn_strbuf__append(arr, elem->buf, elem->len);
}

static int jw_event(void *ctx, const struct rn_tr_event *e)
{
	struct jw *w = ctx;
	struct rn_strbuf *sb = &w->line;
	bool other = e->kind == RN_TR_SIGNAL || e->kind == RN_TR_EXIT;
	int err;

	if (!w->have_header || w->finished)
		return -EINVAL;
	if (w->err)
		return w->err;
	rn_strbuf__reset(sb);
	if (w->lines) {
		put_event(sb, e, true);
		rn_strbuf__putc(sb, '\n');
	} else if (other) {
		put_event(sb, e, false);
		jw_buffer(e->kind == RN_TR_SIGNAL ? &w->signals : &w->exits, sb);
		return 0;
	} else {
		if (w->nsyscalls++)
			LIT(sb, ",\n");
		else
			LIT(sb, "\n");
		put_event(sb, e, false);
	}
	err = jw_write(w, sb);
	return err ? err : jw_counted(w);
}

static int jw_record(struct jw *w, struct rn_strbuf *arr, bool flush)
{
	int err;

	if (!w->lines) {
		jw_buffer(arr, &w->line);
		return 0;
	}
	rn_strbuf__putc(&w->line, '\n');
	err = jw_write(w, &w->line);
	if (err)
		return err;
	return flush ? jw_flush(w) : jw_counted(w);
}

static void jw_note_first_process(struct jw *w, const struct rn_tr_process *p)
{
	const char *base = p->exe ? strrchr(p->exe, '/') : NULL;
	struct rn_strbuf *sb = &w->first_process;

	base = base ? base + 1 : p->exe;
	LIT(sb, "{\"pid\":");
	rn_strbuf__append_u64(sb, p->pid);
	LIT(sb, ",\"name\":");
	put_str(sb, base);
	LIT(sb, ",\"start_time_nanos\":");
	rn_json__u64(sb, w->start_realtime_ns + p->start_ns);
	rn_strbuf__putc(sb, '}');
}

static int jw_process(void *ctx, const struct rn_tr_process *p)
{
	struct jw *w = ctx;

	if (!w->have_header || w->finished)
		return -EINVAL;
	if (w->err)
		return w->err;
	if (!w->lines && !w->first_process.len)
		jw_note_first_process(w, p);
	rn_strbuf__reset(&w->line);
	put_process(&w->line, p, w->lines);
	return jw_record(w, &w->processes, true);
}

static int jw_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct jw *w = ctx;

	if (!w->have_header || w->finished)
		return -EINVAL;
	if (w->err)
		return w->err;
	if ((unsigned)e->kind > RN_EDGE_SIGNAL)
		return -EINVAL; /* readers refuse kinds they do not know */
	rn_strbuf__reset(&w->line);
	put_edge(&w->line, e, w->lines);
	return jw_record(w, &w->edges, false);
}

static int jw_gap(void *ctx, const struct rn_tr_gap *g)
{
	struct jw *w = ctx;

	if (!w->have_header || w->finished)
		return -EINVAL;
	if (w->err)
		return w->err;
	rn_strbuf__reset(&w->line);
	put_gap(&w->line, g, w->lines);
	return jw_record(w, &w->gaps, false);
}

static void put_array(struct rn_strbuf *sb, const char *key, const struct rn_strbuf *elems)
{
	rn_strbuf__putc(sb, '"');
	rn_strbuf__puts(sb, key);
	LIT(sb, "\":[");
	rn_strbuf__append(sb, elems->buf, elems->len);
	LIT(sb, "\n],\n");
}

static int jw_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct jw *w = ctx;
	struct rn_strbuf *sb = &w->line;
	int err;

	if (!w->have_header || w->finished)
		return -EINVAL;
	if (w->err)
		return w->err;
	w->finished = true;
	rn_strbuf__reset(sb);
	if (w->lines) {
		put_stats(sb, s, true);
		rn_strbuf__putc(sb, '\n');
	} else {
		LIT(sb, "\n],\n");
		put_array(sb, "signals", &w->signals);
		put_array(sb, "exits", &w->exits);
		put_array(sb, "processes", &w->processes);
		LIT(sb, "\"process\":");
		if (w->first_process.len)
			rn_strbuf__append(sb, w->first_process.buf, w->first_process.len);
		else
			LIT(sb, "null");
		LIT(sb, ",\n");
		put_array(sb, "edges", &w->edges);
		put_array(sb, "gaps", &w->gaps);
		LIT(sb, "\"statistics\":");
		put_stats(sb, s, false);
		LIT(sb, "\n}\n");
	}
	err = jw_write(w, sb);
	return err ? err : jw_flush(w);
}

static void jw_close(void *ctx)
{
	struct jw *w = ctx;

	if (!w)
		return;
	fflush(w->f);
	rn_strbuf__free(&w->line);
	rn_strbuf__free(&w->signals);
	rn_strbuf__free(&w->exits);
	rn_strbuf__free(&w->processes);
	rn_strbuf__free(&w->edges);
	rn_strbuf__free(&w->gaps);
	rn_strbuf__free(&w->first_process);
	free(w);
}

int rn_json_writer__new(struct rn_tr_sink *out, FILE *f, bool lines)
{
	struct jw *w;

	if (!out || !f)
		return -EINVAL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->f = f;
	w->lines = lines;
	if (rn_strbuf__reserve(&w->line, 4096)) {
		free(w);
		return -ENOMEM;
	}
	*out = (struct rn_tr_sink){
	    .ctx = w,
	    .header = jw_header,
	    .event = jw_event,
	    .process = jw_process,
	    .edge = jw_edge,
	    .gap = jw_gap,
	    .finish = jw_finish,
	    .close = jw_close,
	};
	return 0;
}
