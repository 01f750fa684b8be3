// SPDX-License-Identifier: MIT
#include "views.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "critpath.h"
#include "frames.h"
#include "strbuf.h"

struct textview {
	struct rn_textout *out;
	struct rn_textview_opts o;
	uint32_t root;
	int nprocs;
};

static bool forks(const struct rn_tr_event *e)
{
	return e->kind == RN_TR_SYSCALL && e->result > 0 &&
	       (e->nr == __NR_clone || e->nr == __NR_clone3 || e->nr == __NR_fork ||
		e->nr == __NR_vfork);
}

/* A model from a reader is checked there; a missing string still prints, never crashes. */
static const char *or_q(const char *s)
{
	return s ? s : "?";
}

/* An event read from a trace file, in strace's syntax and textout's line layout. */
static void put_tr_event(struct rn_textout *t, const struct rn_tr_event *e, int nprocs,
			 unsigned stacks)
{
	struct rn_strbuf *sb = rn_textout__line_begin(t, e->tid, e->enter_ns, nprocs);
	uint32_t i;

	switch (e->kind) {
	case RN_TR_SYSCALL:
		rn_strbuf__puts(sb, or_q(e->name));
		rn_strbuf__putc(sb, '(');
		for (i = 0; i < e->nargs && e->args; i++) {
			if (i)
				rn_strbuf__puts(sb, ", ");
			rn_strbuf__puts(sb, or_q(e->args[i]));
		}
		rn_strbuf__putc(sb, ')');
		rn_textout__line_pad(t);
		rn_strbuf__puts(sb, "= ");
		rn_strbuf__puts(sb, or_q(e->result_text));
		if (!e->noreturn)
			rn_textout__line_duration(t, e->duration_ns);
		rn_frames__put_text(sb, e->frames, stacks ? e->nframes : 0, stacks);
		break;
	case RN_TR_SIGNAL:
		rn_strbuf__puts(sb, "--- ");
		rn_strbuf__puts(sb, or_q(e->name));
		if (e->nargs && e->args && e->args[0] && e->args[0][0]) {
			rn_strbuf__putc(sb, ' ');
			rn_strbuf__puts(sb, e->args[0]);
		}
		rn_strbuf__puts(sb, " ---");
		break;
	case RN_TR_EXIT:
		rn_strbuf__puts(sb, "+++ ");
		rn_strbuf__puts(sb, or_q(e->result_text));
		rn_strbuf__puts(sb, " +++");
		break;
	}
	rn_textout__line_end(t);
}

static int tv_header(void *ctx, const struct rn_tr_header *h)
{
	struct textview *v = ctx;

	rn_textout__set_clock(v->out, (int64_t)h->start_realtime_ns);
	return 0;
}

static int tv_event(void *ctx, const struct rn_tr_event *e)
{
	struct textview *v = ctx;

	if (!v->root)
		v->root = e->pid;
	if (!v->o.follow && e->tid != v->root)
		return 0;
	/* strace counts a child from the moment it exists: before the fork call returns */
	if (v->o.follow && forks(e))
		v->nprocs++;
	if (e->kind == RN_TR_SYSCALL && v->o.filter &&
	    (!rn_filter__traced(v->o.filter, e->nr) ||
	     !rn_filter__status_ok(v->o.filter, (long)e->result, e->noreturn)))
		return 0;
	put_tr_event(v->out, e, v->o.out.pid_always ? 1 : v->nprocs, v->o.stacks);
	if (e->kind == RN_TR_EXIT && v->nprocs > 1)
		v->nprocs--;
	/* a dead output stops the reader instead of formatting the rest for nothing */
	return rn_textout__error(v->out);
}

static int tv_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct textview *v = ctx;

	(void)s;
	return rn_textout__flush(v->out);
}

static void tv_close(void *ctx)
{
	struct textview *v = ctx;

	if (!v)
		return;
	rn_textout__free(v->out);
	free(v);
}

int rn_textview__new(struct rn_tr_sink *sink, FILE *out, const struct rn_textview_opts *o)
{
	struct textview *v = calloc(1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	v->o = *o;
	v->nprocs = 1;
	v->out = rn_textout__new(out, &o->out);
	if (!v->out) {
		free(v);
		return -ENOMEM;
	}
	memset(sink, 0, sizeof(*sink));
	sink->ctx = v;
	sink->header = tv_header;
	sink->event = tv_event;
	sink->finish = tv_finish;
	sink->close = tv_close;
	return 0;
}

struct summaryview {
	struct rn_summary *sum;
	const struct rn_filter *filter;
};

static int sv_event(void *ctx, const struct rn_tr_event *e)
{
	struct summaryview *v = ctx;

	if (e->kind != RN_TR_SYSCALL || e->noreturn || e->nr < 0)
		return 0;
	if (v->filter && (!rn_filter__traced(v->filter, e->nr) ||
			  !rn_filter__status_ok(v->filter, (long)e->result, e->noreturn)))
		return 0;
	rn_summary__add(v->sum, e->nr, e->duration_ns, e->errname != NULL);
	return 0;
}

static void sv_close(void *ctx)
{
	free(ctx);
}

int rn_summaryview__new(struct rn_tr_sink *sink, struct rn_summary *sum,
			const struct rn_filter *filter)
{
	struct summaryview *v = calloc(1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	v->sum = sum;
	v->filter = filter;
	memset(sink, 0, sizeof(*sink));
	sink->ctx = v;
	sink->event = sv_event;
	sink->close = sv_close;
	return 0;
}

/* The critical path (lib/model/critpath.c), printed one row per stretch on one thread. */
struct critpath {
	FILE *out;
	struct rn_cpgraph *g;
};

static int cp_event(void *ctx, const struct rn_tr_event *e)
{
	struct critpath *c = ctx;

	return rn_cpgraph__event(c->g, e);
}

static int cp_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct critpath *c = ctx;

	return rn_cpgraph__edge(c->g, e);
}

static int cp_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct critpath *c = ctx;
	struct rn_cp_step *path;
	size_t i, len;
	uint64_t total;
	int err;

	(void)s;
	err = rn_cpgraph__path(c->g, &path, &len, &total);
	if (err)
		return err;
	if (!len) {
		fprintf(c->out, "critical path: the trace has no events\n");
		return 0;
	}
	fprintf(c->out, "critical path: %.6f s over %zu events\n", total / 1e9, len);
	fprintf(c->out, "%8s %8s %10s %10s %8s %12s  %s\n", "pid", "tid", "first id", "last id",
		"events", "span(ms)", "slowest calls on it");
	/* one row per stretch of the path that stays on one thread */
	for (i = 0; i < len;) {
		const struct rn_cp_step *a = &path[i];
		size_t k2 = i, top[3], ntop = 0;
		uint64_t span;

		while (k2 < len && path[k2].tid == a->tid)
			k2++;
		/* the three slowest calls of the stretch, slowest first */
		while (ntop < 3 && ntop < k2 - i) {
			size_t pick = SIZE_MAX;

			for (size_t q = i; q < k2; q++) {
				const struct rn_cp_step *v = &path[q];
				bool taken = false;

				for (size_t t = 0; t < ntop; t++)
					taken |= top[t] == q;
				if (!taken &&
				    (pick == SIZE_MAX ||
				     v->end - v->start > path[pick].end - path[pick].start))
					pick = q;
			}
			top[ntop++] = pick;
		}
		span = path[k2 - 1].end - a->start;
		fprintf(c->out, "%8u %8u %10llu %10llu %8zu %12.3f ", a->pid, a->tid,
			(unsigned long long)a->id, (unsigned long long)path[k2 - 1].id, k2 - i,
			span / 1e6);
		for (size_t slot = 0; slot < ntop; slot++) {
			const struct rn_cp_step *w = &path[top[slot]];

			fprintf(c->out, " %s %.1fus", w->name, (w->end - w->start) / 1e3);
		}
		fprintf(c->out, "%s\n", a->via_edge ? "  (entered by a causal edge)" : "");
		i = k2;
	}
	free(path);
	return 0;
}

static void cp_close(void *ctx)
{
	struct critpath *c = ctx;

	if (!c)
		return;
	rn_cpgraph__free(c->g);
	free(c);
}

int rn_critpath__new(struct rn_tr_sink *sink, FILE *out)
{
	struct critpath *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->g = rn_cpgraph__new();
	if (!c->g) {
		free(c);
		return -ENOMEM;
	}
	c->out = out;
	memset(sink, 0, sizeof(*sink));
	sink->ctx = c;
	sink->event = cp_event;
	sink->edge = cp_edge;
	sink->finish = cp_finish;
	sink->close = cp_close;
	return 0;
}
