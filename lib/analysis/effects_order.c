// SPDX-License-Identifier: MIT
/*
 * Happens-before between the writers of stdout and stderr, from the trace's causal edges
 * (fork, wait, pipe, signal: lib/model/causal.c). The normalizer keeps the events that can
 * end an edge (a thread's first event, forks, waits, kills, deliveries, exits, I/O on pipes
 * and sockets) and the writes to the streams, not every event; at the end it runs a vector
 * clock per thread over them in Lamport order (stamp(from) < stamp(to) holds for every
 * edge, and a thread's stamps grow, so that order is topological) whose entries count the
 * bytes of each writer known to happen before. A write that knows more of another writer
 * than the writer's earlier writes did becomes an order entry: compare.c requires the same
 * entries on both sides, so what the program orders must come in that order, and what
 * nothing orders may interleave any way.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "effects_int.h"

#define MAX_NODES   (4u << 20) /* beyond: the streams are compared without the order */
#define MAX_WRITERS 64

static void cut(struct rn_effects *fx)
{
	fx->order_cut = true;
	free(fx->nodes);
	free(fx->edges);
	fx->nodes = NULL;
	fx->edges = NULL;
	fx->nnodes = fx->capnodes = fx->nedges = fx->capedges = 0;
}

void fx_order__node(struct rn_effects *fx, const struct fx_ev *e, int which, int32_t chunk)
{
	if (fx->order_cut)
		return;
	if (fx->nnodes == fx->capnodes) {
		size_t cap = fx->capnodes ? fx->capnodes * 2 : 256;
		struct fx_node *v;

		if (cap > MAX_NODES)
			return cut(fx);
		if (!(v = realloc(fx->nodes, cap * sizeof(*v))))
			return fx_nomem(fx);
		fx->nodes = v;
		fx->capnodes = cap;
	}
	fx->nodes[fx->nnodes++] =
	    (struct fx_node){e->id,  e->lamport, e->tid ? e->tid : e->pid,
			     e->pid, chunk,	 (uint8_t)(which < 0 ? 0 : which)};
}

bool fx_order__first(struct rn_effects *fx, uint32_t tid)
{
	if (tid == fx->last_tid && tid) /* most events follow one of the same thread */
		return false;
	fx->last_tid = tid;
	if (rn_hmap__get(&fx->tid_seen, tid) >= 0)
		return false;
	if (rn_hmap__put(&fx->tid_seen, tid, 1))
		fx_nomem(fx);
	return true;
}

void fx_order__edge(struct rn_effects *fx, const struct rn_tr_edge *e)
{
	if (fx->order_cut || e->kind == RN_EDGE_EXEC) /* exec: within a thread */
		return;
	if (fx->nedges == fx->capedges) {
		size_t cap = fx->capedges ? fx->capedges * 2 : 64;
		struct fx_edge *v;

		if (cap > MAX_NODES)
			return cut(fx);
		if (!(v = realloc(fx->edges, cap * sizeof(*v))))
			return fx_nomem(fx);
		fx->edges = v;
		fx->capedges = cap;
	}
	fx->edges[fx->nedges++] = (struct fx_edge){e->from, e->to};
}

static int node_cmp(const void *a, const void *b)
{
	const struct fx_node *x = a, *y = b;

	if (x->lamport != y->lamport)
		return x->lamport < y->lamport ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->chunk < y->chunk) - (x->chunk > y->chunk); /* the chunk first */
}

static int edge_cmp(const void *a, const void *b)
{
	const struct fx_edge *x = a, *y = b;

	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return (x->from > y->from) - (x->from < y->from);
}

struct by_id {
	uint64_t id;
	uint32_t node;
};

static int by_id_cmp(const void *a, const void *b)
{
	const struct by_id *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int64_t find_node(const struct by_id *v, size_t n, uint64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? (int64_t)v[lo].node : -1;
}

static size_t first_edge_to(const struct rn_effects *fx, uint64_t id)
{
	size_t lo = 0, hi = fx->nedges;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (fx->edges[mid].to < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The clocks of one pass over the nodes for one stream. */
struct pass {
	uint32_t nw;
	uint32_t pids[MAX_WRITERS];
	uint64_t *woff;	    /* per chunk: its writer's bytes before it */
	uint64_t *src_vc;   /* per node that starts an edge: its clock after it (nw each) */
	int64_t *src_slot;  /* per node: its slot in src_vc, -1 none */
	uint64_t *thr_vc;   /* per thread: its clock */
	struct rn_hmap thr; /* tid -> slot in thr_vc */
	uint32_t nthr, capthr;
	uint64_t last[MAX_WRITERS * MAX_WRITERS]; /* what each writer's writes knew so far */
};

static int writer_of(const struct pass *ps, uint32_t pid)
{
	for (uint32_t i = 0; i < ps->nw; i++)
		if (ps->pids[i] == pid)
			return (int)i;
	return -1;
}

static uint64_t *thread_vc(struct pass *ps, uint32_t tid)
{
	int64_t i = rn_hmap__get(&ps->thr, tid);

	if (i >= 0)
		return ps->thr_vc + (size_t)i * ps->nw;
	if (ps->nthr == ps->capthr) {
		uint32_t cap = ps->capthr ? ps->capthr * 2 : 16;
		uint64_t *v = realloc(ps->thr_vc, (size_t)cap * ps->nw * sizeof(*v));

		if (!v)
			return NULL;
		ps->thr_vc = v;
		ps->capthr = cap;
	}
	if (rn_hmap__put(&ps->thr, tid, ps->nthr))
		return NULL;
	memset(ps->thr_vc + (size_t)ps->nthr * ps->nw, 0, ps->nw * sizeof(uint64_t));
	return ps->thr_vc + (size_t)ps->nthr++ * ps->nw;
}

static int add_order(struct rn_fx_stream *s, uint32_t *cap, const struct rn_fx_order *o)
{
	if (s->norder == *cap) {
		uint32_t c = *cap ? *cap * 2 : 16;
		struct rn_fx_order *v = realloc(s->order, c * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->order = v;
		*cap = c;
	}
	s->order[s->norder++] = *o;
	return 0;
}

static int stream_order(struct rn_effects *fx, int which, const struct by_id *ids)
{
	struct rn_fx_stream *s = &fx->m.streams[which];
	struct pass ps;
	uint64_t wlen[MAX_WRITERS] = {0};
	uint32_t cap = 0;
	size_t nsrc = 0;
	int err = -ENOMEM;

	memset(&ps, 0, sizeof(ps));
	for (uint32_t i = 0; i < s->nchunks; i++)
		if (writer_of(&ps, s->chunks[i].at.pid) < 0) {
			if (ps.nw == MAX_WRITERS)
				goto unknown; /* too many to order */
			ps.pids[ps.nw++] = s->chunks[i].at.pid;
		}
	if (ps.nw < 2)
		return 0;
	ps.woff = calloc(s->nchunks, sizeof(*ps.woff));
	ps.src_slot = malloc((fx->nnodes ? fx->nnodes : 1) * sizeof(*ps.src_slot));
	if (!ps.woff || !ps.src_slot)
		goto out;
	for (uint32_t i = 0; i < s->nchunks; i++) {
		int w = writer_of(&ps, s->chunks[i].at.pid);

		ps.woff[i] = wlen[w];
		wlen[w] += s->chunks[i].len;
	}
	for (size_t i = 0; i < fx->nnodes; i++)
		ps.src_slot[i] = -1;
	for (size_t i = 0; i < fx->nedges; i++) {
		int64_t n = find_node(ids, fx->nnodes, fx->edges[i].from);

		if (n >= 0 && ps.src_slot[n] < 0)
			ps.src_slot[n] = (int64_t)nsrc++;
	}
	if ((uint64_t)nsrc * ps.nw > (64u << 20) / sizeof(uint64_t)) {
		s->order_unknown = true; /* too many to keep */
		err = 0;
		goto out;
	}
	ps.src_vc = calloc(nsrc ? nsrc * ps.nw : 1, sizeof(*ps.src_vc));
	if (!ps.src_vc)
		goto out;
	for (size_t i = 0; i < fx->nnodes; i++) {
		const struct fx_node *n = &fx->nodes[i];
		uint64_t *tv = thread_vc(&ps, n->tid);

		if (!tv)
			goto out;
		/* the edges into it (sorted by their end; the nodes go in Lamport order) */
		for (size_t k = first_edge_to(fx, n->id);
		     k < fx->nedges && fx->edges[k].to == n->id; k++) {
			int64_t m = find_node(ids, fx->nnodes, fx->edges[k].from);
			const uint64_t *sv;

			if (m < 0 || ps.src_slot[m] < 0 || fx->nodes[m].lamport >= n->lamport)
				continue; /* not kept, or not before it */
			sv = ps.src_vc + (size_t)ps.src_slot[m] * ps.nw;
			for (uint32_t w = 0; w < ps.nw; w++)
				if (sv[w] > tv[w])
					tv[w] = sv[w];
		}
		if (n->chunk >= 0 && n->which == which && (uint32_t)n->chunk < s->nchunks) {
			const struct rn_fx_chunk *c = &s->chunks[n->chunk];
			int w = writer_of(&ps, c->at.pid);

			for (uint32_t p = 0; w >= 0 && p < ps.nw; p++) {
				uint64_t *last = &ps.last[(size_t)w * MAX_WRITERS + p];
				struct rn_fx_order o = {ps.pids[w], ps.pids[p], ps.woff[n->chunk],
							tv[p], c->at};

				if ((int)p == w || tv[p] <= *last)
					continue;
				*last = tv[p];
				if (add_order(s, &cap, &o))
					goto out;
			}
			if (w >= 0 && ps.woff[n->chunk] + c->len > tv[w])
				tv[w] = ps.woff[n->chunk] + c->len;
		}
		if (ps.src_slot[i] >= 0)
			memcpy(ps.src_vc + (size_t)ps.src_slot[i] * ps.nw, tv, ps.nw * sizeof(*tv));
	}
	err = 0;
out:
	free(ps.woff);
	free(ps.src_slot);
	free(ps.src_vc);
	free(ps.thr_vc);
	rn_hmap__free(&ps.thr);
	return err;
unknown:
	s->order_unknown = true;
	return 0;
}

int fx_order__build(struct rn_effects *fx)
{
	struct by_id *ids;
	size_t w = 0;
	int err = 0;

	if (fx->order_cut)
		for (int which = 0; which < 2; which++)
			fx->m.streams[which].order_unknown = true;
	if (fx->order_cut || !fx->nnodes)
		return 0;
	qsort(fx->nodes, fx->nnodes, sizeof(*fx->nodes), node_cmp);
	/* an event kept twice (a thread's first event that is also a write): once */
	for (size_t r = 0; r < fx->nnodes; r++)
		if (!w || fx->nodes[w - 1].id != fx->nodes[r].id)
			fx->nodes[w++] = fx->nodes[r];
	fx->nnodes = w;
	if (fx->nedges)
		qsort(fx->edges, fx->nedges, sizeof(*fx->edges), edge_cmp);
	if (!(ids = malloc(fx->nnodes * sizeof(*ids))))
		return -ENOMEM;
	for (size_t i = 0; i < fx->nnodes; i++)
		ids[i] = (struct by_id){fx->nodes[i].id, (uint32_t)i};
	qsort(ids, fx->nnodes, sizeof(*ids), by_id_cmp);
	for (int which = 0; which < 2 && !err; which++)
		err = stream_order(fx, which, ids);
	free(ids);
	return err;
}

void fx_order__free(struct rn_effects *fx)
{
	free(fx->nodes);
	free(fx->edges);
	rn_hmap__free(&fx->tid_seen);
}
