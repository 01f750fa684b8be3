// SPDX-License-Identifier: MIT
#include "critpath.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"

/* One node per event, visited in Lamport order (every edge goes forward). */
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

struct rn_cpgraph {
	struct cnode *nodes;
	size_t n, cap;
	struct cedge *edges;
	size_t ne, ecap;
	struct rn_hmap by_id, last_of_tid;
};

struct rn_cpgraph *rn_cpgraph__new(void)
{
	return calloc(1, sizeof(struct rn_cpgraph));
}

void rn_cpgraph__free(struct rn_cpgraph *g)
{
	if (!g)
		return;
	free(g->nodes);
	free(g->edges);
	rn_hmap__free(&g->by_id);
	rn_hmap__free(&g->last_of_tid);
	free(g);
}

int rn_cpgraph__event(struct rn_cpgraph *c, const struct rn_tr_event *e)
{
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

int rn_cpgraph__edge(struct rn_cpgraph *c, const struct rn_tr_edge *e)
{
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

int rn_cpgraph__pid(const struct rn_cpgraph *c, uint64_t id, uint32_t *pid)
{
	int64_t i = rn_hmap__get(&c->by_id, id);

	if (i < 0)
		return -ENOENT;
	*pid = c->nodes[i].pid;
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

static int cmp_lamport(const void *a, const void *b, void *base)
{
	const struct cnode *nodes = base;
	const struct cnode *x = &nodes[*(const size_t *)a], *y = &nodes[*(const size_t *)b];

	if (x->lamport != y->lamport)
		return x->lamport < y->lamport ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* First edge into node id (edges sorted by their target), or ne. */
static size_t first_edge_to(const struct rn_cpgraph *c, uint64_t id)
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

/* Fills best/prev of every node; returns the node where the heaviest path ends. */
static int heaviest(struct rn_cpgraph *c, size_t *end)
{
	size_t i, k, best, *order;

	order = malloc(c->n * sizeof(*order));
	if (!order)
		return -ENOMEM;
	for (i = 0; i < c->n; i++)
		order[i] = i;
	qsort_r(order, c->n, sizeof(*order), cmp_lamport, c->nodes);
	if (c->ne) /* no edges: no array, and qsort must not get NULL */
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
	*end = best;
	return 0;
}

int rn_cpgraph__path(struct rn_cpgraph *c, struct rn_cp_step **path, size_t *len,
		     uint64_t *total_ns)
{
	struct rn_cp_step *p;
	size_t best, n = 0, i;
	int64_t j;
	int err;

	*path = NULL;
	*len = 0;
	*total_ns = 0;
	if (!c->n)
		return 0;
	err = heaviest(c, &best);
	if (err)
		return err;
	for (j = (int64_t)best; j >= 0; j = c->nodes[j].prev)
		n++;
	p = malloc(n * sizeof(*p));
	if (!p)
		return -ENOMEM;
	i = n;
	for (j = (int64_t)best; j >= 0; j = c->nodes[j].prev) {
		const struct cnode *v = &c->nodes[j];
		struct rn_cp_step *s = &p[--i];

		s->id = v->id;
		s->pid = v->pid;
		s->tid = v->tid;
		s->start = v->start;
		s->end = v->end;
		memcpy(s->name, v->name, sizeof(s->name));
		s->add_ns = v->best - (v->prev >= 0 ? c->nodes[v->prev].best : 0);
		s->via_edge = v->via_edge;
	}
	*path = p;
	*len = n;
	*total_ns = c->nodes[best].best;
	return 0;
}
