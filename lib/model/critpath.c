// SPDX-License-Identifier: MIT
/*
 * The graph holds a node per event (64 bytes: the names are interned, the links are 32-bit
 * indices) and finds one by id with a binary search while the ids come in increasing
 * order, as every trace file and the recorder give them; only a producer that breaks that
 * order costs the graph an id index (by_id) besides.
 */
#include "critpath.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"

#define NO_NODE	    UINT32_MAX
#define CHUNK_SHIFT 14
#define NODE(c, i)  ((c)->chunks[(i) >> CHUNK_SHIFT][(i) & ((1u << CHUNK_SHIFT) - 1)])

/* One node per event, visited in Lamport order (every edge goes forward). */
struct cnode {
	uint64_t id;
	uint64_t lamport;
	uint64_t start, end; /* ns since trace start */
	uint64_t best;	     /* heaviest path ending here, ns */
	uint32_t pid, tid;
	uint32_t prev; /* node index before this one on that path, or NO_NODE */
	uint32_t thread_prev;
	uint32_t name; /* into names */
	bool via_edge, marked;
};

struct cedge {
	uint64_t from, to;
	enum rn_tr_edge_kind kind;
};

struct rn_cpgraph {
	struct cnode **chunks; /* CHUNK nodes each: the nodes never move, growing copies none */
	size_t nchunks, n, cap;
	struct cedge *edges;
	size_t ne, ecap;
	struct rn_hmap by_id, last_of_tid;
	bool unordered; /* an id came below the one before: by_id holds every node */
	char **names;
	uint32_t nnames, namecap;
	struct rn_hmap name_of_hash;
};

struct rn_cpgraph *rn_cpgraph__new(void)
{
	return calloc(1, sizeof(struct rn_cpgraph));
}

void rn_cpgraph__free(struct rn_cpgraph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->cap >> CHUNK_SHIFT; i++)
		free(g->chunks[i]);
	free(g->chunks);
	free(g->edges);
	rn_hmap__free(&g->by_id);
	rn_hmap__free(&g->last_of_tid);
	for (uint32_t i = 0; i < g->nnames; i++)
		free(g->names[i]);
	free(g->names);
	rn_hmap__free(&g->name_of_hash);
	free(g);
}

/* The index of name in the graph's names, added when new; -ENOMEM. */
static int64_t intern(struct rn_cpgraph *c, const char *name)
{
	uint64_t h = 14695981039346656037ull;
	int64_t k;
	uint32_t i;

	for (const char *s = name; *s; s++)
		h = (h ^ (uint8_t)*s) * 1099511628211ull;
	k = rn_hmap__get(&c->name_of_hash, h);
	if (k >= 0 && !strcmp(c->names[k], name))
		return k;
	/* a hash shared by two names: the first keeps the slot, the other is looked for */
	for (i = 0; k >= 0 && i < c->nnames; i++)
		if (!strcmp(c->names[i], name))
			return i;
	if (c->nnames == c->namecap) {
		uint32_t nc = c->namecap ? 2 * c->namecap : 64;
		char **p = realloc(c->names, nc * sizeof(*p));

		if (!p)
			return -ENOMEM;
		c->names = p;
		c->namecap = nc;
	}
	if (!(c->names[c->nnames] = strdup(name)))
		return -ENOMEM;
	if (k < 0 && rn_hmap__put(&c->name_of_hash, h, c->nnames))
		return -ENOMEM;
	return c->nnames++;
}

/* The node of event id, or -1. */
static int64_t node_of(const struct rn_cpgraph *c, uint64_t id)
{
	size_t lo = 0, hi = c->n;

	if (c->unordered)
		return rn_hmap__get(&c->by_id, id);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (NODE(c, mid).id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && NODE(c, lo).id == id ? (int64_t)lo : -1;
}

/* From the first id out of order on, every node is in by_id. */
static int index_all(struct rn_cpgraph *c)
{
	c->unordered = true;
	for (size_t i = 0; i < c->n; i++)
		if (rn_hmap__put(&c->by_id, NODE(c, i).id, (uint32_t)i))
			return -ENOMEM;
	return 0;
}

int rn_cpgraph__event(struct rn_cpgraph *c, const struct rn_tr_event *e)
{
	struct cnode *nd;
	int64_t prev, name = intern(c, e->name ? e->name : "?");

	if (name < 0)
		return (int)name;
	if (c->n >= NO_NODE - 1)
		return -ENOMEM; /* the links are 32-bit */
	if (!c->unordered && c->n && e->id <= NODE(c, c->n - 1).id && index_all(c))
		return -ENOMEM;
	if (c->n == c->cap) {
		size_t k = c->n >> CHUNK_SHIFT;

		if (k == c->nchunks) {
			size_t nc = c->nchunks ? 2 * c->nchunks : 16;
			struct cnode **p = realloc(c->chunks, nc * sizeof(*p));

			if (!p)
				return -ENOMEM;
			c->chunks = p;
			c->nchunks = nc;
		}
		if (!(c->chunks[k] = malloc(sizeof(struct cnode) << CHUNK_SHIFT)))
			return -ENOMEM;
		c->cap += (size_t)1 << CHUNK_SHIFT;
	}
	nd = &NODE(c, c->n);
	memset(nd, 0, sizeof(*nd));
	nd->id = e->id;
	nd->lamport = e->lamport;
	nd->pid = e->pid;
	nd->tid = e->tid;
	nd->start = e->enter_ns;
	nd->end = e->enter_ns + e->duration_ns;
	nd->name = (uint32_t)name;
	prev = rn_hmap__get(&c->last_of_tid, (uint64_t)e->tid + 1);
	nd->thread_prev = prev < 0 ? NO_NODE : (uint32_t)prev;
	if ((c->unordered && rn_hmap__put(&c->by_id, e->id, (uint32_t)c->n)) ||
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
	int64_t i = node_of(c, id);

	if (i < 0)
		return -ENOENT;
	*pid = NODE(c, i).pid;
	return 0;
}

void rn_cpgraph__mark_last(struct rn_cpgraph *c)
{
	if (c->n)
		NODE(c, c->n - 1).marked = true;
}

int rn_cpgraph__place(const struct rn_cpgraph *c, uint64_t id, struct rn_cp_place *p)
{
	int64_t i = node_of(c, id);

	if (i < 0)
		return -ENOENT;
	*p = (struct rn_cp_place){NODE(c, i).pid, NODE(c, i).tid, NODE(c, i).start, NODE(c, i).end,
				  NODE(c, i).marked};
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
	const struct rn_cpgraph *c = base;
	const struct cnode *x = &NODE(c, *(const uint32_t *)a), *y = &NODE(c, *(const uint32_t *)b);

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
	size_t i, k, best;
	uint32_t *order = malloc(c->n * sizeof(*order));

	if (!order)
		return -ENOMEM;
	for (i = 0; i < c->n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, c->n, sizeof(*order), cmp_lamport, c);
	if (c->ne) /* no edges: no array, and qsort must not get NULL */
		qsort(c->edges, c->ne, sizeof(*c->edges), cmp_edge_to);
	for (i = 0; i < c->n; i++)
		NODE(c, i).best = UINT64_MAX; /* not visited */
	best = order[0];
	for (i = 0; i < c->n; i++) {
		struct cnode *v = &NODE(c, order[i]);

		v->best = v->end - v->start;
		v->prev = NO_NODE;
		/*
		 * v waited for the predecessor that finished last: its own previous event,
		 * or an event of another thread it received from (preferred on a tie).
		 */
		if (v->thread_prev != NO_NODE && NODE(c, v->thread_prev).best != UINT64_MAX)
			v->prev = v->thread_prev;
		for (k = first_edge_to(c, v->id); k < c->ne && c->edges[k].to == v->id; k++) {
			int64_t u = node_of(c, c->edges[k].from);

			if (u < 0 || NODE(c, u).best == UINT64_MAX)
				continue;
			if (v->prev == NO_NODE || NODE(c, u).end >= NODE(c, v->prev).end) {
				v->prev = (uint32_t)u;
				v->via_edge = true;
			}
		}
		if (v->prev != NO_NODE)
			v->best = step(&NODE(c, v->prev), v);
		if (v->best > NODE(c, best).best)
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
	uint32_t j;
	int err;

	*path = NULL;
	*len = 0;
	*total_ns = 0;
	if (!c->n)
		return 0;
	err = heaviest(c, &best);
	if (err)
		return err;
	for (j = (uint32_t)best; j != NO_NODE; j = NODE(c, j).prev)
		n++;
	p = malloc(n * sizeof(*p));
	if (!p)
		return -ENOMEM;
	i = n;
	for (j = (uint32_t)best; j != NO_NODE; j = NODE(c, j).prev) {
		const struct cnode *v = &NODE(c, j);
		struct rn_cp_step *s = &p[--i];

		s->id = v->id;
		s->pid = v->pid;
		s->tid = v->tid;
		s->start = v->start;
		s->end = v->end;
		snprintf(s->name, sizeof(s->name), "%s", c->names[v->name]);
		s->add_ns = v->best - (v->prev != NO_NODE ? NODE(c, v->prev).best : 0);
		s->via_edge = v->via_edge;
	}
	*path = p;
	*len = n;
	*total_ns = NODE(c, best).best;
	return 0;
}

/* v continues the stretch of u, the node before it on the path */
static bool same_stretch(const struct cnode *u, const struct cnode *v)
{
	return u->tid == v->tid && !v->via_edge;
}

int rn_cpgraph__stretches(struct rn_cpgraph *c, struct rn_cp_stretch **out, size_t *len,
			  uint64_t *total_ns)
{
	struct rn_cp_stretch *p;
	size_t best, n = 0, i;
	uint32_t j;
	int err;

	*out = NULL;
	*len = 0;
	*total_ns = 0;
	if (!c->n)
		return 0;
	err = heaviest(c, &best);
	if (err)
		return err;
	for (j = (uint32_t)best; j != NO_NODE; j = NODE(c, j).prev)
		if (NODE(c, j).prev == NO_NODE ||
		    !same_stretch(&NODE(c, NODE(c, j).prev), &NODE(c, j)))
			n++;
	p = calloc(n, sizeof(*p));
	if (!p)
		return -ENOMEM;
	/* walked from the end: a stretch's last call comes first, its first call closes it */
	i = n;
	for (j = (uint32_t)best; j != NO_NODE; j = NODE(c, j).prev) {
		const struct cnode *v = &NODE(c, j);
		struct rn_cp_stretch *s = &p[i - 1];

		if (!s->calls) {
			s->last_id = v->id;
			s->end = v->end;
		}
		s->calls++;
		if (v->prev == NO_NODE || !same_stretch(&NODE(c, v->prev), v)) {
			s->pid = v->pid;
			s->tid = v->tid;
			s->start = v->start;
			s->first_id = v->id;
			snprintf(s->first_call, sizeof(s->first_call), "%s", c->names[v->name]);
			i--;
		}
	}
	*out = p;
	*len = n;
	*total_ns = NODE(c, best).best;
	return 0;
}
