// SPDX-License-Identifier: MIT
#include "views.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "hmap.h"

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
	rn_textout__tr_event(v->out, e, v->o.out.pid_always ? 1 : v->nprocs);
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

/* Critical path: one node per event, visited in Lamport order (every edge goes forward). */
struct cnode {
	uint64_t id;
	uint64_t lamport;
	uint32_t pid, tid;
	uint64_t start, end; /* ns since trace start */
	char name[24];
	uint64_t best; /* heaviest path ending here, ns */
	int64_t prev;  /* node index before this one on that path, or -1 */
	int64_t thread_prev;
	bool via_edge;
};

struct cedge {
	uint64_t from, to;
	enum rn_tr_edge_kind kind;
};

struct critpath {
	FILE *out;
	struct cnode *nodes;
	size_t n, cap;
	struct cedge *edges;
	size_t ne, ecap;
	struct rn_hmap by_id, last_of_tid;
};

static int cp_event(void *ctx, const struct rn_tr_event *e)
{
	struct critpath *c = ctx;
	struct cnode *nd;
	int64_t prev;

	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 1024;
		struct cnode *p = realloc(c->nodes, nc * sizeof(*p));

		if (!p)
			return -ENOMEM;
		c->nodes = p;
		c->cap = nc;
	}
	nd = &c->nodes[c->n];
	memset(nd, 0, sizeof(*nd));
	nd->id = e->id;
	nd->lamport = e->lamport;
	nd->pid = e->pid;
	nd->tid = e->tid;
	nd->start = e->enter_ns;
	nd->end = e->enter_ns + e->duration_ns;
	snprintf(nd->name, sizeof(nd->name), "%s", e->name ? e->name : "?");
	prev = rn_hmap__get(&c->last_of_tid, (uint64_t)e->tid + 1);
	nd->thread_prev = prev;
	if (rn_hmap__put(&c->by_id, e->id, (uint32_t)c->n) ||
	    rn_hmap__put(&c->last_of_tid, (uint64_t)e->tid + 1, (uint32_t)c->n))
		return -ENOMEM;
	c->n++;
	return 0;
}

static int cp_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct critpath *c = ctx;

	if (c->ne == c->ecap) {
		size_t nc = c->ecap ? c->ecap * 2 : 256;
		struct cedge *p = realloc(c->edges, nc * sizeof(*p));

		if (!p)
			return -ENOMEM;
		c->edges = p;
		c->ecap = nc;
	}
	c->edges[c->ne++] = (struct cedge){e->from, e->to, e->kind};
	return 0;
}

static int cmp_edge_to(const void *a, const void *b)
{
	const struct cedge *x = a, *y = b;

	return x->to < y->to ? -1 : x->to > y->to;
}

/* Wall time along a path that reaches v from u: what v adds after u was done. */
static uint64_t step(const struct cnode *u, const struct cnode *v)
{
	return u->best + (v->end > u->end ? v->end - u->end : 0);
}

static const struct cnode *sort_base;

static int cmp_lamport(const void *a, const void *b)
{
	const struct cnode *x = &sort_base[*(const size_t *)a], *y = &sort_base[*(const size_t *)b];

	if (x->lamport != y->lamport)
		return x->lamport < y->lamport ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* First edge into node id (edges sorted by their target), or ne. */
static size_t first_edge_to(const struct critpath *c, uint64_t id)
{
	size_t lo = 0, hi = c->ne;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->edges[mid].to < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int cp_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct critpath *c = ctx;
	size_t i, k, best, len = 0, *order;
	int64_t *path, j;

	(void)s;
	if (!c->n) {
		fprintf(c->out, "critical path: the trace has no events\n");
		return 0;
	}
	order = malloc(c->n * sizeof(*order));
	if (!order)
		return -ENOMEM;
	for (i = 0; i < c->n; i++)
		order[i] = i;
	sort_base = c->nodes;
	qsort(order, c->n, sizeof(*order), cmp_lamport);
	qsort(c->edges, c->ne, sizeof(*c->edges), cmp_edge_to);
	for (i = 0; i < c->n; i++)
		c->nodes[i].best = UINT64_MAX; /* not visited */
	best = order[0];
	for (i = 0; i < c->n; i++) {
		struct cnode *v = &c->nodes[order[i]];

		v->best = v->end - v->start;
		v->prev = -1;
		/*
		 * v waited for the predecessor that finished last: its own previous event,
		 * or an event of another thread it received from (preferred on a tie).
		 */
		if (v->thread_prev >= 0 && c->nodes[v->thread_prev].best != UINT64_MAX)
			v->prev = v->thread_prev;
		for (k = first_edge_to(c, v->id); k < c->ne && c->edges[k].to == v->id; k++) {
			int64_t u = rn_hmap__get(&c->by_id, c->edges[k].from);

			if (u < 0 || c->nodes[u].best == UINT64_MAX)
				continue;
			if (v->prev < 0 || c->nodes[u].end >= c->nodes[v->prev].end) {
				v->prev = u;
				v->via_edge = true;
			}
		}
		if (v->prev >= 0)
			v->best = step(&c->nodes[v->prev], v);
		if (v->best > c->nodes[best].best)
			best = order[i];
	}
	free(order);
	for (j = (int64_t)best; j >= 0; j = c->nodes[j].prev)
		len++;
	path = malloc(len * sizeof(*path));
	if (!path)
		return -ENOMEM;
	i = len;
	for (j = (int64_t)best; j >= 0; j = c->nodes[j].prev)
		path[--i] = j;
	fprintf(c->out, "critical path: %.6f s over %zu events\n", c->nodes[best].best / 1e9, len);
	fprintf(c->out, "%8s %8s %10s %10s %8s %12s  %s\n", "pid", "tid", "first id", "last id",
		"events", "span(ms)", "slowest calls on it");
	/* one row per stretch of the path that stays on one thread */
	for (i = 0; i < len;) {
		const struct cnode *a = &c->nodes[path[i]];
		size_t k2 = i, top[3], ntop = 0;
		uint64_t span;

		while (k2 < len && c->nodes[path[k2]].tid == a->tid)
			k2++;
		/* the three slowest calls of the stretch, slowest first */
		while (ntop < 3 && ntop < k2 - i) {
			size_t pick = SIZE_MAX;

			for (size_t q = i; q < k2; q++) {
				const struct cnode *v = &c->nodes[path[q]];
				bool taken = false;

				for (size_t t = 0; t < ntop; t++)
					taken |= top[t] == q;
				if (!taken && (pick == SIZE_MAX ||
					       v->end - v->start > c->nodes[path[pick]].end -
								       c->nodes[path[pick]].start))
					pick = q;
			}
			top[ntop++] = pick;
		}
		span = c->nodes[path[k2 - 1]].end - a->start;
		fprintf(c->out, "%8u %8u %10llu %10llu %8zu %12.3f ", a->pid, a->tid,
			(unsigned long long)a->id, (unsigned long long)c->nodes[path[k2 - 1]].id,
			k2 - i, span / 1e6);
		for (size_t slot = 0; slot < ntop; slot++) {
			const struct cnode *w = &c->nodes[path[top[slot]]];

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
	free(c->nodes);
	free(c->edges);
	rn_hmap__free(&c->by_id);
	rn_hmap__free(&c->last_of_tid);
	free(c);
}

int rn_critpath__new(struct rn_tr_sink *sink, FILE *out)
{
	struct critpath *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->out = out;
	memset(sink, 0, sizeof(*sink));
	sink->ctx = c;
	sink->event = cp_event;
	sink->edge = cp_edge;
	sink->finish = cp_finish;
	sink->close = cp_close;
	return 0;
}
