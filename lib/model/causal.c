// SPDX-License-Identifier: MIT
/*
 * Lamport clocks per thread: an event takes max(own clock, message) + 1. The sends are a
 * fork call (its stamp reserved when the fork record arrives, before the child can run),
 * a thread's exit, a write (the bytes it put in the pipe or socket object BPF named, kept
 * in a byte-offset queue per object) and a kill. A receive takes the stamp of what it
 * consumed, so its stamp is above the send's; an edge is written only once both ends
 * have stamps, and a read recorded before its write (the writer preempted between copying
 * and its syscall exit) consumes no message and gets no edge. A fork edge whose parent's
 * call was lost (its next event took a later message) would run back: it is not written.
 *
 * Clocks and objects live in rn_pools (lib/util/pool.h), whose elements never move: the
 * recorder keeps a clock per thread, and a fork holds the parent's while the child's is
 * added. The one realloc'd array, an object's queue, is reached only through its object.
 */
#include "causal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "hmap.h"
#include "pool.h"

#define MAX_SIGMSGS 256
#define MAX_QUEUE   4096 /* writes remembered per pipe/socket not yet read */
#define MAX_PENDING 256	 /* fork edges waiting for one of their ends */
#define MAX_FROM    16	 /* edges into one event */

struct rn_clock {
	uint64_t clock;
	uint64_t reserved;  /* stamp reserved for this thread's next event: its fork call */
	uint64_t inbound;   /* a message stamp merged into the next event (fork child) */
	uint64_t exec_from; /* a successful execve waiting for the next event */
};

struct msg {
	uint64_t start, end; /* byte range in the object's stream */
	uint64_t stamp, id;
};

struct obj {
	uint64_t written, read;
	struct msg *q;
	uint32_t head, n, cap;
};

struct sigmsg {
	uint32_t target, sender;
	int32_t sig;
	uint64_t stamp, id;
};

struct forkedge {
	const struct rn_clock *parent, *child;
	uint64_t from, to;
	uint64_t from_stamp, to_stamp;
};

struct rn_causal {
	struct rn_tr_sink sink;
	struct rn_pool clocks, objs;
	struct rn_hmap obj_ix; /* object key -> index in objs */

	struct sigmsg sigs[MAX_SIGMSGS];
	uint32_t nsigs;
	struct forkedge forks[MAX_PENDING];
	uint32_t nforks;

	/* what the event just stamped received, written by rn_causal__edges */
	enum rn_tr_edge_kind in_kind;
	uint64_t in_from[MAX_FROM];
	uint32_t nin;
	bool exec; /* it is a successful execve */
};

int rn_causal__new(struct rn_causal **out, const struct rn_tr_sink *sink)
{
	struct rn_causal *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c)
		return -ENOMEM;
	c->sink = *sink;
	rn_pool__init(&c->clocks, sizeof(struct rn_clock));
	rn_pool__init(&c->objs, sizeof(struct obj));
	*out = c;
	return 0;
}

void rn_causal__free(struct rn_causal *c)
{
	if (!c)
		return;
	for (uint32_t i = 0; i < c->objs.n; i++)
		free(((struct obj *)rn_pool__at(&c->objs, i))->q);
	rn_pool__free(&c->objs);
	rn_pool__free(&c->clocks);
	rn_hmap__free(&c->obj_ix);
	free(c);
}

struct rn_clock *rn_causal__clock(struct rn_causal *c)
{
	return rn_pool__add(&c->clocks, NULL);
}

/* Lamport: a thread's event takes max(own clock, message) + 1, or its reserved stamp. */
static uint64_t stamp_for(struct rn_clock *t, uint64_t msg)
{
	uint64_t s;

	if (t->inbound > msg)
		msg = t->inbound;
	t->inbound = 0;
	if (t->reserved) {
		s = t->reserved;
		t->reserved = 0;
		if (msg >= s)
			s = msg + 1;
	} else {
		s = (t->clock > msg ? t->clock : msg) + 1;
	}
	t->clock = s;
	return s;
}

static void emit_edge(struct rn_causal *c, enum rn_tr_edge_kind kind, uint64_t from, uint64_t to)
{
	struct rn_tr_edge e = {kind, from, to};

	if (c->sink.edge && from && to)
		c->sink.edge(c->sink.ctx, &e);
}

static struct obj *obj_get(struct rn_causal *c, uint64_t key)
{
	int64_t i = rn_hmap__get(&c->obj_ix, key);
	uint32_t k;
	struct obj *o;

	if (i >= 0)
		return rn_pool__at(&c->objs, (uint32_t)i);
	o = rn_pool__add(&c->objs, &k);
	if (!o || rn_hmap__put(&c->obj_ix, key, k))
		return NULL;
	return o;
}

/* Bytes written become messages; a read takes the max stamp of the writes it consumes. */
static uint64_t pipe_receive(struct obj *o, uint64_t n, uint64_t *from, uint32_t *nfrom,
			     uint32_t maxfrom)
{
	uint64_t lo = o->read, hi = o->read + n, m = 0;
	uint32_t i;

	o->read = hi;
	*nfrom = 0;
	for (i = o->head; i < o->n && o->q[i].start < hi; i++) {
		if (o->q[i].end <= lo)
			continue;
		if (o->q[i].stamp > m)
			m = o->q[i].stamp;
		if (*nfrom < maxfrom)
			from[(*nfrom)++] = o->q[i].id;
	}
	while (o->head < o->n && o->q[o->head].end <= hi)
		o->head++;
	if (o->head == o->n)
		o->head = o->n = 0;
	return m;
}

static void pipe_send(struct obj *o, uint64_t n, uint64_t stamp, uint64_t id)
{
	if (o->n == o->cap) {
		if (o->head) {
			memmove(o->q, o->q + o->head, (o->n - o->head) * sizeof(*o->q));
			o->n -= o->head;
			o->head = 0;
		} else if (o->cap < MAX_QUEUE) {
			uint32_t nc = o->cap ? o->cap * 2 : 16;
			struct msg *q = realloc(o->q, nc * sizeof(*q));

			if (!q)
				return;
			o->q = q;
			o->cap = nc;
		} else {
			o->head++; /* forget the oldest unread write */
		}
	}
	if (o->n < o->cap)
		o->q[o->n++] = (struct msg){o->written, o->written + n, stamp, id};
	o->written += n;
}

static bool is_read_call(int nr)
{
	return nr == __NR_read || nr == __NR_readv || nr == __NR_recvfrom || nr == __NR_recvmsg;
}

static bool is_write_call(int nr)
{
	return nr == __NR_write || nr == __NR_writev || nr == __NR_sendto || nr == __NR_sendmsg;
}

/* A signal the call sent, kept until its delivery is seen. */
static void note_kill(struct rn_causal *c, const struct rn_sys_rec *rec, uint64_t stamp,
		      uint64_t id)
{
	bool tg = rec->nr == __NR_tgkill;

	if ((rec->nr == __NR_kill || rec->nr == __NR_tkill || tg) && !rec->ret &&
	    rec->args[tg ? 2 : 1] && c->nsigs < MAX_SIGMSGS)
		c->sigs[c->nsigs++] = (struct sigmsg){
		    .target = (uint32_t)rec->args[tg ? 1 : 0],
		    .sender = rec->h.tgid,
		    .sig = (int32_t)rec->args[tg ? 2 : 1],
		    .stamp = stamp,
		    .id = id,
		};
}

uint64_t rn_causal__call(struct rn_causal *c, struct rn_clock *t, const struct rn_event *ev,
			 const struct rn_fdobj *fo, const struct rn_causal_msg *reaped, uint64_t id)
{
	const struct rn_sys_rec *rec = ev->rec;
	uint64_t msg = 0, stamp;
	struct obj *o = NULL;

	c->nin = 0;
	if (fo && rec->ret > 0 && !rn_event__noreturn(ev))
		o = obj_get(c, fo->key);
	if (o && is_read_call(rec->nr)) {
		msg = pipe_receive(o, (uint64_t)rec->ret, c->in_from, &c->nin, MAX_FROM);
		c->in_kind = RN_EDGE_PIPE;
	}
	if (reaped && reaped->id) {
		msg = reaped->stamp;
		c->in_from[0] = reaped->id;
		c->nin = 1;
		c->in_kind = RN_EDGE_WAIT;
	}
	stamp = stamp_for(t, msg);
	if (o && is_write_call(rec->nr))
		pipe_send(o, (uint64_t)rec->ret, stamp, id);
	note_kill(c, rec, stamp, id);
	c->exec = (rec->nr == __NR_execve || rec->nr == __NR_execveat) && rec->ret == 0;
	return stamp;
}

uint64_t rn_causal__signal(struct rn_causal *c, struct rn_clock *t, const struct rn_sig_rec *s)
{
	uint64_t msg = 0;
	uint32_t i;

	c->nin = 0;
	c->exec = false;
	/* SI_USER (0) and SI_TKILL (-6) carry the sender: match its kill */
	if (s->code == 0 || s->code == -6)
		for (i = 0; i < c->nsigs; i++) {
			struct sigmsg *m = &c->sigs[i];

			if (m->sig == s->signo && m->sender == (uint32_t)s->pid &&
			    (m->target == s->h.tgid || m->target == s->h.tid)) {
				msg = m->stamp;
				c->in_from[0] = m->id;
				c->nin = 1;
				c->in_kind = RN_EDGE_SIGNAL;
				c->sigs[i] = c->sigs[--c->nsigs];
				break;
			}
		}
	return stamp_for(t, msg);
}

struct rn_causal_msg rn_causal__exit(struct rn_causal *c, struct rn_clock *t, uint64_t id)
{
	c->nin = 0;
	c->exec = false;
	return (struct rn_causal_msg){stamp_for(t, 0), id};
}

void rn_causal__edges(struct rn_causal *c, struct rn_clock *t, uint64_t id)
{
	uint32_t i;

	if (t->exec_from) {
		emit_edge(c, RN_EDGE_EXEC, t->exec_from, id);
		t->exec_from = 0;
	}
	for (i = 0; i < c->nforks;) {
		struct forkedge *f = &c->forks[i];

		/* t->clock is the stamp the event was just given */
		if (f->parent == t && !f->from) {
			f->from = id;
			f->from_stamp = t->clock;
		} else if (f->child == t && !f->to) {
			f->to = id;
			f->to_stamp = t->clock;
		}
		if (f->from && f->to) {
			/* a parent whose fork call was lost (ring full) sent from a later event */
			if (f->from_stamp < f->to_stamp)
				emit_edge(c, RN_EDGE_FORK, f->from, f->to);
			c->forks[i] = c->forks[--c->nforks];
			continue;
		}
		i++;
	}
	for (i = 0; i < c->nin; i++)
		emit_edge(c, c->in_kind, c->in_from[i], id);
	if (c->exec)
		t->exec_from = id;
	c->nin = 0;
	c->exec = false;
}

void rn_causal__fork(struct rn_causal *c, struct rn_clock *parent, struct rn_clock *child,
		     bool reused)
{
	if (reused)
		*child = (struct rn_clock){.clock = child->clock};
	/*
	 * The fork call is the send: its stamp is fixed now, before the child runs, above the
	 * message the parent has yet to take in (a child whose first call is a fork).
	 */
	if (!parent->reserved)
		parent->reserved =
		    (parent->inbound > parent->clock ? parent->inbound : parent->clock) + 1;
	child->inbound = parent->reserved;
	if (c->nforks < MAX_PENDING)
		c->forks[c->nforks++] = (struct forkedge){.parent = parent, .child = child};
}

void rn_causal__exec_takeover(struct rn_clock *old, struct rn_clock *now)
{
	if (old->clock > now->clock)
		now->clock = old->clock;
}
