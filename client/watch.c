// SPDX-License-Identifier: MIT
#include "watch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "systable.h"

#define NOTE_THREADS 8 /* threads named in a loss note */

static int w_ret(struct rn_watch *w, int ret)
{
	if (ret && !w->sink_err)
		w->sink_err = ret < 0 ? ret : -EIO;
	return ret;
}

static int w_header(void *ctx, const struct rn_tr_header *h)
{
	struct rn_watch *w = ctx;

	w->header = true;
	return w->inner->header ? w_ret(w, w->inner->header(w->inner->ctx, h)) : 0;
}

static int w_event(void *ctx, const struct rn_tr_event *e)
{
	struct rn_watch *w = ctx;

	w->events++;
	w->last_id = e->id;
	if (e->enter_ns + e->duration_ns > w->end_ns)
		w->end_ns = e->enter_ns + e->duration_ns;
	if (e->kind == RN_TR_SYSCALL && !e->noreturn)
		rn_tally__add(&w->tally, e->nr, e->errname != NULL, e->duration_ns);
	return w->inner->event ? w_ret(w, w->inner->event(w->inner->ctx, e)) : 0;
}

static int w_process(void *ctx, const struct rn_tr_process *p)
{
	struct rn_watch *w = ctx;

	return w->inner->process ? w_ret(w, w->inner->process(w->inner->ctx, p)) : 0;
}

static int w_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct rn_watch *w = ctx;

	return w->inner->edge ? w_ret(w, w->inner->edge(w->inner->ctx, e)) : 0;
}

static int note_gap(struct rn_watch *w, const struct rn_tr_gap *g)
{
	int64_t i = rn_hmap__get(&w->by_tid, (uint64_t)g->tid + 1);
	struct rn_watch_thread *t;

	if (i < 0) {
		if (w->nthr == w->cap) {
			size_t nc = w->cap ? w->cap * 2 : 16;
			struct rn_watch_thread *p = realloc(w->thr, nc * sizeof(*p));

			if (!p)
				return -ENOMEM;
			w->thr = p;
			w->cap = nc;
		}
		if (rn_hmap__put(&w->by_tid, (uint64_t)g->tid + 1, (uint32_t)w->nthr))
			return -ENOMEM;
		i = (int64_t)w->nthr++;
		memset(&w->thr[i], 0, sizeof(w->thr[i]));
		w->thr[i].tid = g->tid;
	}
	/* taken after every call that can grow w->thr */
	t = &w->thr[i];
	if (t->gaps < RN_WATCH_AFTER)
		t->after[t->gaps] = g->after_id;
	t->gaps++;
	t->lost += g->lost;
	w->ngaps++;
	w->gap_lost += g->lost;
	return 0;
}

static int w_gap(void *ctx, const struct rn_tr_gap *g)
{
	struct rn_watch *w = ctx;
	int ret = note_gap(w, g);

	if (ret)
		return ret;
	return w->inner->gap ? w_ret(w, w->inner->gap(w->inner->ctx, g)) : 0;
}

static int w_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_watch *w = ctx;

	w->finished = true;
	w->no_stats = !s;
	w->incomplete = !s || s->incomplete;
	w->stats_lost = s ? s->lost_events : 0;
	return w->inner->finish ? w_ret(w, w->inner->finish(w->inner->ctx, s)) : 0;
}

void rn_watch__init(struct rn_watch *w, const struct rn_tr_sink *inner, struct rn_tr_sink *ws)
{
	memset(w, 0, sizeof(*w));
	w->inner = inner;
	*ws = (struct rn_tr_sink){
	    .ctx = w,
	    .header = w_header,
	    .event = w_event,
	    .process = w_process,
	    .edge = w_edge,
	    .gap = w_gap,
	    .finish = w_finish,
	};
}

void rn_watch__release(struct rn_watch *w)
{
	if (!w)
		return;
	free(w->thr);
	rn_hmap__free(&w->by_tid);
}

uint64_t rn_watch__lost(const struct rn_watch *w)
{
	return w->stats_lost > w->gap_lost ? w->stats_lost : w->gap_lost;
}

/* Statistics of what was read, for an output closed before the input's end. */
int rn_watch__finish_cut(struct rn_watch *w)
{
	struct rn_tally_rows rows;
	struct rn_tr_stats st = {0};

	rn_tally__stats(&w->tally, &rows, &st);
	st.lost_events = w->gap_lost;
	st.wall_ns = w->end_ns;
	st.incomplete = true;
	return w->inner->finish ? w_ret(w, w->inner->finish(w->inner->ctx, &st)) : 0;
}

void rn_watch__say_incomplete(const char *cmd, const char *path, const struct rn_watch *w,
			      enum rn_watch_ending how)
{
	static const char *const why[] = {
	    [RN_WATCH_CUT] = "reading stopped at the error above",
	    [RN_WATCH_NO_END] = "it ends without its closing statistics",
	    [RN_WATCH_NO_STATS] = "it has no statistics (the program that wrote it stopped early)",
	    [RN_WATCH_MARKED] = "the tracer stopped before the traced programs ended "
				"(killed, renacerd gone, or its own input cut short)",
	};
	char last[48] = "";

	if (w->events)
		snprintf(last, sizeof(last), " (the last with id %llu)",
			 (unsigned long long)w->last_id);
	rn_cli__warning(cmd, NULL,
			"%s is incomplete: %s; it has %llu events%s, and what happened after "
			"them%s is missing",
			path, why[how], (unsigned long long)w->events, last,
			how == RN_WATCH_MARKED ? "" : " (later events, the processes' ends)");
}

/* Where the losses are: per thread, after which event ids. */
void rn_watch__say_losses(const char *cmd, const char *path, const struct rn_watch *w)
{
	uint64_t lost = rn_watch__lost(w);
	char *msg = NULL;
	size_t i, k, len = 0;
	FILE *f;

	if (!lost)
		return;
	/* one message, its lines the threads', so that it stays one object in JSON */
	f = open_memstream(&msg, &len);
	if (!f)
		return;
	fprintf(f,
		"%llu events were lost while %s was recorded (ring buffer full), so the trace "
		"has holes:",
		(unsigned long long)lost, path);
	for (i = 0; i < w->nthr && i < NOTE_THREADS; i++) {
		const struct rn_watch_thread *t = &w->thr[i];

		fprintf(f, "\n  thread %u: %llu lost in %llu gap%s, after event%s", t->tid,
			(unsigned long long)t->lost, (unsigned long long)t->gaps,
			t->gaps == 1 ? "" : "s", t->gaps == 1 ? "" : "s");
		for (k = 0; k < t->gaps && k < RN_WATCH_AFTER; k++)
			fprintf(f, "%s %llu", k ? "," : "", (unsigned long long)t->after[k]);
		fprintf(f, "%s", t->gaps > RN_WATCH_AFTER ? ", ..." : "");
	}
	if (w->nthr > NOTE_THREADS)
		fprintf(f, "\n  and %zu more threads", w->nthr - NOTE_THREADS);
	if (lost > w->gap_lost)
		fprintf(f,
			"\n  %llu not placed on a thread (counted by the kernel only: their thread "
			"recorded nothing after them)",
			(unsigned long long)(lost - w->gap_lost));
	if (!fclose(f))
		rn_cli__note(cmd, "%s", msg);
	free(msg);
}
