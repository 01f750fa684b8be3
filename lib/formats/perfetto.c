// SPDX-License-Identifier: MIT
/*
 * The Trace Event Format writer. Slices, instants and process names are written as they
 * come; an arrow needs the thread and time of both its events, which it finds in the
 * critical path's graph (it holds every event's place anyway, and a bit for "drawn"), so
 * the writer keeps nothing per event of its own. Arrows whose events are not known yet
 * wait for the end, where the thread names, the gaps and the critical path are written.
 */
#include "perfetto.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "critpath.h"
#include "hmap.h"
#include "json_out.h"
#include "strbuf.h"

enum { FLUSH_AT = 64 << 10, NAME_MAX_BYTES = 200 };

struct thread {
	uint32_t pid, tid;
};

struct pf {
	FILE *f;
	struct rn_strbuf sb;
	struct rn_query *q;
	bool first;
	int err;
	struct rn_cpgraph *cp;
	struct rn_hmap tidmap; /* tid -> index in threads */
	struct thread *threads;
	size_t nthreads, thrcap;
	struct rn_hmap commmap; /* pid -> index in comms */
	char **comms;
	size_t ncomms, commcap;
	struct rn_tr_edge *late; /* edges whose events were not all known */
	size_t nlate, latecap;
	struct rn_tr_gap *gaps;
	size_t ngaps, gapcap;
	uint64_t flow_id;
};

static int grow(void *arr, size_t *cap, size_t n, size_t sz)
{
	size_t c = *cap ? *cap : 64;
	void *p;

	if (n <= *cap)
		return 0;
	while (c < n)
		c *= 2;
	p = realloc(*(void **)arr, c * sz);
	if (!p)
		return -ENOMEM;
	*(void **)arr = p;
	*cap = c;
	return 0;
}

static void put_str(struct rn_strbuf *sb, const char *s)
{
	rn_json__text(sb, s ? s : "", s ? strlen(s) : 0);
}

/* ns as the format's microseconds, exactly */
static void put_us(struct rn_strbuf *sb, uint64_t ns)
{
	rn_strbuf__printf(sb, "%llu.%03llu", (unsigned long long)(ns / 1000),
			  (unsigned long long)(ns % 1000));
}

/* Starts one element of traceEvents with its phase, pid and tid. */
static struct rn_strbuf *begin(struct pf *w, const char *ph, uint32_t pid, uint32_t tid)
{
	struct rn_strbuf *sb = &w->sb;

	rn_strbuf__puts(sb, w->first ? "\n" : ",\n");
	w->first = false;
	rn_strbuf__printf(sb, "{\"ph\":\"%s\",\"pid\":%u,\"tid\":%u", ph, pid, tid);
	return sb;
}

static int end(struct pf *w)
{
	rn_strbuf__putc(&w->sb, '}');
	if (w->sb.len >= FLUSH_AT) {
		if (fwrite(w->sb.buf, 1, w->sb.len, w->f) != w->sb.len)
			w->err = -EIO;
		rn_strbuf__reset(&w->sb);
	}
	return w->err;
}

static int pf_header(void *ctx, const struct rn_tr_header *h)
{
	struct pf *w = ctx;
	struct rn_strbuf *sb = &w->sb;

	if (w->q)
		rn_query__begin(w->q, h);
	rn_strbuf__puts(sb, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"tool\":");
	put_str(sb, h->tool);
	rn_strbuf__puts(sb, ",\"trace_id\":");
	put_str(sb, h->trace_id);
	rn_strbuf__puts(sb, ",\"hostname\":");
	put_str(sb, h->hostname);
	rn_strbuf__printf(sb, ",\"start_realtime_ns\":%llu},\"traceEvents\":[",
			  (unsigned long long)h->start_realtime_ns);
	/* the critical path's track exists in every trace, so a viewer always finds it */
	sb = begin(w, "M", 0, 0);
	rn_strbuf__puts(sb, ",\"name\":\"process_name\",\"args\":{\"name\":\"critical path\"}");
	end(w);
	sb = begin(w, "M", 0, 0);
	rn_strbuf__puts(sb, ",\"name\":\"process_sort_index\",\"args\":{\"sort_index\":-1}");
	return end(w);
}

/* Where event id ran, from the critical path's graph (which keeps every event): NULL if unknown. */
static const struct rn_cp_place *find(const struct pf *w, uint64_t id, struct rn_cp_place *p)
{
	return rn_cpgraph__place(w->cp, id, p) ? NULL : p;
}

static int note_thread(struct pf *w, uint32_t pid, uint32_t tid)
{
	if (rn_hmap__get(&w->tidmap, tid) >= 0)
		return 0;
	if (grow(&w->threads, &w->thrcap, w->nthreads + 1, sizeof(*w->threads)) ||
	    rn_hmap__put(&w->tidmap, tid, (uint32_t)w->nthreads))
		return -ENOMEM;
	w->threads[w->nthreads++] = (struct thread){pid, tid};
	return 0;
}

static bool is_fork(const struct rn_tr_event *e)
{
	return e->result > 0 && (e->nr == __NR_clone || e->nr == __NR_clone3 ||
				 e->nr == __NR_fork || e->nr == __NR_vfork);
}

static bool is_exec(const struct rn_tr_event *e)
{
	return e->result == 0 && (e->nr == __NR_execve || e->nr == __NR_execveat);
}

static void put_instant(struct pf *w, const struct rn_tr_event *e, const char *name, uint64_t ts,
			const char *key, const char *val)
{
	struct rn_strbuf *sb = begin(w, "i", e->pid, e->tid);

	rn_strbuf__puts(sb, ",\"s\":\"t\",\"cat\":\"process\",\"name\":");
	put_str(sb, name);
	rn_strbuf__puts(sb, ",\"ts\":");
	put_us(sb, ts);
	rn_strbuf__printf(sb, ",\"args\":{\"id\":%llu,", (unsigned long long)e->id);
	put_str(sb, key);
	rn_strbuf__putc(sb, ':');
	put_str(sb, val);
	rn_strbuf__putc(sb, '}');
	end(w);
}

static void put_slice(struct pf *w, const struct rn_tr_event *e)
{
	struct rn_strbuf *sb = begin(w, "X", e->pid, e->tid);

	rn_strbuf__puts(sb, ",\"cat\":\"syscall\",\"name\":");
	put_str(sb, e->name);
	rn_strbuf__puts(sb, ",\"ts\":");
	put_us(sb, e->enter_ns);
	rn_strbuf__puts(sb, ",\"dur\":");
	put_us(sb, e->duration_ns);
	rn_strbuf__printf(sb, ",\"args\":{\"id\":%llu,\"call\":", (unsigned long long)e->id);
	/* the call as strace prints it, built raw then escaped as one string */
	{
		struct rn_strbuf call = {0};

		rn_strbuf__puts(&call, e->name ? e->name : "?");
		rn_strbuf__putc(&call, '(');
		for (uint32_t i = 0; i < e->nargs && e->args; i++) {
			if (i)
				rn_strbuf__puts(&call, ", ");
			rn_strbuf__puts(&call, e->args[i] ? e->args[i] : "?");
		}
		rn_strbuf__putc(&call, ')');
		rn_json__text(sb, call.buf ? call.buf : "", call.len);
		rn_strbuf__free(&call);
	}
	rn_strbuf__puts(sb, ",\"result\":");
	put_str(sb, e->result_text ? e->result_text : "?");
	if (e->errname) {
		rn_strbuf__puts(sb, ",\"errno\":");
		put_str(sb, e->errname);
	}
	rn_strbuf__printf(sb, ",\"lamport\":%llu}", (unsigned long long)e->lamport);
	end(w);
}

static void put_flow(struct pf *w, const struct rn_tr_edge *e, const struct rn_cp_place *from,
		     const struct rn_cp_place *to)
{
	struct rn_strbuf *sb;
	uint64_t id = ++w->flow_id;

	sb = begin(w, "s", from->pid, from->tid);
	rn_strbuf__puts(sb, ",\"cat\":\"causal\",\"name\":");
	put_str(sb, rn_tr_edge_kind__name(e->kind));
	rn_strbuf__printf(sb, ",\"id\":%llu,\"ts\":", (unsigned long long)id);
	put_us(sb, from->start);
	end(w);
	sb = begin(w, "f", to->pid, to->tid);
	rn_strbuf__puts(sb, ",\"bp\":\"e\",\"cat\":\"causal\",\"name\":");
	put_str(sb, rn_tr_edge_kind__name(e->kind));
	rn_strbuf__printf(sb, ",\"id\":%llu,\"ts\":", (unsigned long long)id);
	/* a read that was waiting when the write came: the arrow lands inside it, not before */
	put_us(sb, from->start > to->start && from->start <= to->end ? from->start : to->start);
	end(w);
}

static int pf_event(void *ctx, const struct rn_tr_event *e)
{
	struct pf *w = ctx;
	bool shown = !w->q || rn_query__match(w->q, e);
	char val[64];
	int r;

	if ((r = rn_cpgraph__event(w->cp, e)) != 0 || (r = note_thread(w, e->pid, e->tid)) != 0)
		return r;
	if (shown)
		rn_cpgraph__mark_last(w->cp);
	if (!shown)
		return 0;
	switch (e->kind) {
	case RN_TR_SYSCALL:
		put_slice(w, e);
		if (is_fork(e)) {
			snprintf(val, sizeof(val), "%lld", (long long)e->result);
			put_instant(w, e, "fork", e->enter_ns + e->duration_ns, "child", val);
		} else if (is_exec(e)) {
			put_instant(w, e, "exec", e->enter_ns + e->duration_ns, "call",
				    e->nargs && e->args && e->args[0] ? e->args[0] : "?");
		}
		break;
	case RN_TR_SIGNAL:
		put_instant(w, e, e->name ? e->name : "signal", e->enter_ns, "info",
			    e->nargs && e->args && e->args[0] ? e->args[0] : "");
		break;
	case RN_TR_EXIT:
		put_instant(w, e, "exit", e->enter_ns, "status",
			    e->result_text ? e->result_text : "?");
		break;
	}
	return w->err;
}

static const char *basename_of(const char *s)
{
	const char *b = s ? strrchr(s, '/') : NULL;

	return b ? b + 1 : s;
}

static int pf_process(void *ctx, const struct rn_tr_process *p)
{
	struct pf *w = ctx;
	struct rn_strbuf name = {0}, *sb;
	const char *comm = p->argv && p->argv[0] ? basename_of(p->argv[0]) : basename_of(p->exe);
	int64_t k = rn_hmap__get(&w->commmap, p->pid);
	char *c = strdup(comm ? comm : "?");

	if (!c)
		return -ENOMEM;
	if (k >= 0) {
		free(w->comms[k]);
		w->comms[k] = c;
	} else if (grow(&w->comms, &w->commcap, w->ncomms + 1, sizeof(*w->comms)) ||
		   rn_hmap__put(&w->commmap, p->pid, (uint32_t)w->ncomms)) {
		free(c);
		return -ENOMEM;
	} else {
		w->comms[w->ncomms++] = c;
	}
	for (uint32_t i = 0; p->argv && p->argv[i] && name.len < NAME_MAX_BYTES; i++) {
		if (i)
			rn_strbuf__putc(&name, ' ');
		rn_strbuf__puts(&name, i ? p->argv[i] : basename_of(p->argv[0]));
	}
	if (!name.len)
		rn_strbuf__puts(&name, p->exe ? p->exe : "?");
	rn_strbuf__printf(&name, " (pid %u)", p->pid);
	sb = begin(w, "M", p->pid, p->pid);
	rn_strbuf__puts(sb, ",\"name\":\"process_name\",\"args\":{\"name\":");
	rn_json__text(sb, name.buf ? name.buf : "", name.len);
	rn_strbuf__puts(sb, "}");
	rn_strbuf__free(&name);
	return end(w);
}

static int pf_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct pf *w = ctx;
	struct rn_cp_place pfrom, pto;
	const struct rn_cp_place *from = find(w, e->from, &pfrom), *to = find(w, e->to, &pto);
	int r = rn_cpgraph__edge(w->cp, e);

	if (r)
		return r;
	if (from && to) {
		if (from->marked && to->marked)
			put_flow(w, e, from, to);
		return w->err;
	}
	if (grow(&w->late, &w->latecap, w->nlate + 1, sizeof(*w->late)))
		return -ENOMEM;
	w->late[w->nlate++] = *e;
	return 0;
}

static int pf_gap(void *ctx, const struct rn_tr_gap *g)
{
	struct pf *w = ctx;

	if (grow(&w->gaps, &w->gapcap, w->ngaps + 1, sizeof(*w->gaps)))
		return -ENOMEM;
	w->gaps[w->ngaps++] = *g;
	return 0;
}

static const char *comm_of(const struct pf *w, uint32_t pid)
{
	int64_t k = rn_hmap__get(&w->commmap, pid);

	return k >= 0 ? w->comms[k] : NULL;
}

/* A gap: a slice on its thread from the last event before the hole to the first after. */
static void put_gap(struct pf *w, const struct rn_tr_gap *g)
{
	struct rn_cp_place pa, pb;
	const struct rn_cp_place *a = g->after_id ? find(w, g->after_id, &pa) : NULL,
				 *b = find(w, g->before_id, &pb);
	struct rn_strbuf *sb;
	uint64_t from, to;
	char name[64];

	if (!b)
		return;
	to = b->start;
	from = a && a->end <= to ? a->end : to;
	snprintf(name, sizeof(name), "lost %llu events", (unsigned long long)g->lost);
	sb = begin(w, "X", b->pid, g->tid);
	rn_strbuf__puts(sb, ",\"cat\":\"loss\",\"name\":");
	put_str(sb, name);
	rn_strbuf__puts(sb, ",\"ts\":");
	put_us(sb, from);
	rn_strbuf__puts(sb, ",\"dur\":");
	put_us(sb, to - from);
	rn_strbuf__printf(sb, ",\"args\":{\"lost\":%llu,\"after_id\":%llu,\"before_id\":%llu}",
			  (unsigned long long)g->lost, (unsigned long long)g->after_id,
			  (unsigned long long)g->before_id);
	end(w);
}

/* The critical path on pid 0: one slice per stretch the path spends on one thread. */
static int put_critical(struct pf *w)
{
	struct rn_cp_stretch *st = NULL;
	size_t n = 0;
	uint64_t total;
	int r = rn_cpgraph__stretches(w->cp, &st, &n, &total);

	for (size_t i = 0; !r && i < n; i++) {
		struct rn_strbuf *sb;
		char name[96];
		const char *comm = comm_of(w, st[i].pid);

		snprintf(name, sizeof(name), "%s %u", comm ? comm : "tid", st[i].tid);
		sb = begin(w, "X", 0, 0);
		rn_strbuf__puts(sb, ",\"cat\":\"critical_path\",\"name\":");
		put_str(sb, name);
		rn_strbuf__puts(sb, ",\"ts\":");
		put_us(sb, st[i].start);
		rn_strbuf__puts(sb, ",\"dur\":");
		put_us(sb, st[i].end > st[i].start ? st[i].end - st[i].start : 0);
		rn_strbuf__printf(
		    sb,
		    ",\"args\":{\"pid\":%u,\"tid\":%u,\"calls\":%zu,\"first_id\":%llu,"
		    "\"last_id\":%llu,\"first_call\":",
		    st[i].pid, st[i].tid, st[i].calls, (unsigned long long)st[i].first_id,
		    (unsigned long long)st[i].last_id);
		put_str(sb, st[i].first_call);
		rn_strbuf__puts(sb, "}");
		r = end(w);
	}
	free(st);
	return r;
}

static int pf_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct pf *w = ctx;
	struct rn_strbuf *sb;
	int r;

	for (size_t i = 0; i < w->nlate; i++) {
		struct rn_cp_place pfrom, pto;
		const struct rn_cp_place *from = find(w, w->late[i].from, &pfrom),
					 *to = find(w, w->late[i].to, &pto);

		if (from && to && from->marked && to->marked)
			put_flow(w, &w->late[i], from, to);
	}
	for (size_t i = 0; i < w->ngaps; i++)
		put_gap(w, &w->gaps[i]);
	for (size_t i = 0; i < w->nthreads; i++) {
		const char *comm = comm_of(w, w->threads[i].pid);

		sb = begin(w, "M", w->threads[i].pid, w->threads[i].tid);
		rn_strbuf__printf(sb, ",\"name\":\"thread_name\",\"args\":{\"name\":");
		{
			char name[96];

			snprintf(name, sizeof(name), "%s %u", comm ? comm : "thread",
				 w->threads[i].tid);
			put_str(sb, name);
		}
		rn_strbuf__puts(sb, "}");
		end(w);
	}
	if ((r = put_critical(w)) != 0)
		return r;
	sb = &w->sb;
	rn_strbuf__puts(sb, "\n],\"metadata\":{");
	if (s)
		rn_strbuf__printf(
		    sb, "\"total_syscalls\":%llu,\"lost_events\":%llu,\"incomplete\":%s",
		    (unsigned long long)s->total_syscalls, (unsigned long long)s->lost_events,
		    s->incomplete ? "true" : "false");
	else
		rn_strbuf__puts(sb, "\"incomplete\":true");
	rn_strbuf__puts(sb, "}}\n");
	if (fwrite(sb->buf, 1, sb->len, w->f) != sb->len || fflush(w->f))
		w->err = -EIO;
	rn_strbuf__reset(sb);
	return w->err;
}

static void pf_close(void *ctx)
{
	struct pf *w = ctx;

	if (!w)
		return;
	rn_strbuf__free(&w->sb);
	rn_cpgraph__free(w->cp);
	rn_hmap__free(&w->tidmap);
	free(w->threads);
	rn_hmap__free(&w->commmap);
	for (size_t i = 0; i < w->ncomms; i++)
		free(w->comms[i]);
	free(w->comms);
	free(w->late);
	free(w->gaps);
	free(w);
}

int rn_perfetto__new(struct rn_tr_sink *out, FILE *f, struct rn_query *q)
{
	struct pf *w = calloc(1, sizeof(*w));

	if (!w || !(w->cp = rn_cpgraph__new())) {
		free(w);
		return -ENOMEM;
	}
	w->f = f;
	w->q = q;
	w->first = true;
	*out = (struct rn_tr_sink){
	    .ctx = w,
	    .header = pf_header,
	    .event = pf_event,
	    .process = pf_process,
	    .edge = pf_edge,
	    .gap = pf_gap,
	    .finish = pf_finish,
	    .close = pf_close,
	};
	return 0;
}
