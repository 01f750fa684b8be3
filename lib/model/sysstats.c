// SPDX-License-Identifier: MIT
#include "sysstats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "hmap.h"

/* An ended process, in the order of their ends: the first to go when room is needed. */
struct ended_ref {
	uint32_t pid;
	uint64_t end_ns; /* stale when the pid's process is gone or ended at another time */
};

struct rn_sysstats {
	struct rn_sysstats_opts o;
	struct rn_ss_proc **procs;
	size_t nprocs;
	struct rn_hmap by_pid;	 /* pid -> index in procs */
	struct ended_ref *ended; /* a ring, oldest at ended_head */
	size_t ended_head, nended, capended;
	struct rn_ss_slow *slow; /* a ring of max_slow */
	size_t nslow, slow_head;
	uint64_t dropped;
};

struct rn_sysstats *rn_sysstats__new(const struct rn_sysstats_opts *o)
{
	struct rn_sysstats *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	if (o)
		s->o = *o;
	if (!s->o.max_procs)
		s->o.max_procs = 8192;
	if (!s->o.max_slow)
		s->o.max_slow = 256;
	s->procs = calloc(s->o.max_procs, sizeof(*s->procs));
	s->slow = calloc(s->o.max_slow, sizeof(*s->slow));
	if (!s->procs || !s->slow) {
		rn_sysstats__free(s);
		return NULL;
	}
	return s;
}

void rn_sysstats__set_keep_ended(struct rn_sysstats *s, uint64_t keep_ended_ns)
{
	if (s)
		s->o.keep_ended_ns = keep_ended_ns;
}

static void free_proc(struct rn_ss_proc *p)
{
	uint32_t i;

	if (!p)
		return;
	for (i = 0; i < p->ncalls; i++) {
		free(p->calls[i].errnos);
		free(p->calls[i].base);
		free(p->calls[i].hist);
	}
	free(p->calls);
	free(p);
}

static void free_slow(struct rn_ss_slow *sl)
{
	unsigned i;

	for (i = 0; i < RN_AGG_NR_ARGS; i++)
		free(sl->args[i]);
	free(sl->result);
	memset(sl, 0, sizeof(*sl));
}

void rn_sysstats__free(struct rn_sysstats *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nprocs; i++)
		free_proc(s->procs[i]);
	free(s->procs);
	if (s->slow)
		for (i = 0; i < s->o.max_slow; i++)
			free_slow(&s->slow[i]);
	free(s->slow);
	free(s->ended);
	rn_hmap__free(&s->by_pid);
	free(s);
}

static void reindex(struct rn_sysstats *s)
{
	size_t i;

	rn_hmap__free(&s->by_pid);
	memset(&s->by_pid, 0, sizeof(s->by_pid));
	for (i = 0; i < s->nprocs; i++)
		rn_hmap__put(&s->by_pid, s->procs[i]->pid, (uint32_t)i);
}

/* Removes the processes keep() refuses, keeping the order of the others. */
static unsigned remove_if(struct rn_sysstats *s, bool (*gone)(const struct rn_ss_proc *, uint64_t),
			  uint64_t arg)
{
	size_t i, j = 0;
	unsigned n = 0;

	for (i = 0; i < s->nprocs; i++) {
		if (gone(s->procs[i], arg)) {
			free_proc(s->procs[i]);
			n++;
		} else
			s->procs[j++] = s->procs[i];
	}
	s->nprocs = j;
	if (n)
		reindex(s);
	return n;
}

/* Removes pid's process: the last one takes its place (constant time). */
static void remove_one(struct rn_sysstats *s, uint32_t pid)
{
	int64_t i = rn_hmap__get(&s->by_pid, pid);

	if (i < 0)
		return;
	free_proc(s->procs[i]);
	if ((size_t)i != --s->nprocs) {
		s->procs[i] = s->procs[s->nprocs];
		rn_hmap__put(&s->by_pid, s->procs[i]->pid, (uint32_t)i);
	}
	rn_hmap__del(&s->by_pid, pid);
}

static bool ended_before(const struct rn_ss_proc *p, uint64_t t)
{
	return p->ended && p->end_ns <= t;
}

static int push_ended(struct rn_sysstats *s, uint32_t pid, uint64_t end_ns)
{
	if (s->nended == s->capended) {
		size_t cap = s->capended ? 2 * s->capended : 256, i;
		struct ended_ref *e = malloc(cap * sizeof(*e));

		if (!e)
			return -ENOMEM;
		for (i = 0; i < s->nended; i++)
			e[i] = s->ended[(s->ended_head + i) % s->capended];
		free(s->ended);
		s->ended = e;
		s->capended = cap;
		s->ended_head = 0;
	}
	s->ended[(s->ended_head + s->nended++) % s->capended] =
	    (struct ended_ref){.pid = pid, .end_ns = end_ns};
	return 0;
}

static struct ended_ref pop_ended(struct rn_sysstats *s)
{
	struct ended_ref e = s->ended[s->ended_head];

	s->ended_head = (s->ended_head + 1) % s->capended;
	s->nended--;
	return e;
}

/* The process an ended_ref names, unless stale. */
static struct rn_ss_proc *ended_proc(struct rn_sysstats *s, struct ended_ref e)
{
	struct rn_ss_proc *p = rn_sysstats__proc(s, e.pid, false, 0);

	return p && p->ended && p->end_ns == e.end_ns ? p : NULL;
}

unsigned rn_sysstats__prune(struct rn_sysstats *s, uint64_t now)
{
	uint64_t before;

	if (now < s->o.keep_ended_ns)
		return 0;
	before = now - s->o.keep_ended_ns;
	while (s->nended && s->ended[s->ended_head].end_ns <= before)
		pop_ended(s);
	return remove_if(s, ended_before, before);
}

/* Room for one more: the ended go first (oldest first), then the longest idle. */
static void make_room(struct rn_sysstats *s)
{
	struct rn_ss_proc *victim = NULL;
	size_t i;

	while (s->nended && !victim)
		victim = ended_proc(s, pop_ended(s));
	if (!victim) /* none ended: the longest idle */
		for (i = 0; i < s->nprocs; i++)
			if (!victim || s->procs[i]->seen_ns < victim->seen_ns)
				victim = s->procs[i];
	if (!victim)
		return;
	if (!victim->ended)
		s->dropped++;
	remove_one(s, victim->pid);
}

struct rn_ss_proc *rn_sysstats__proc(struct rn_sysstats *s, uint32_t pid, bool create, uint64_t now)
{
	int64_t i = rn_hmap__get(&s->by_pid, pid);
	struct rn_ss_proc *p;

	if (i >= 0)
		return s->procs[i];
	if (!create)
		return NULL;
	if (s->nprocs >= s->o.max_procs)
		make_room(s);
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->start_ns = p->seen_ns = now;
	if (rn_hmap__put(&s->by_pid, pid, (uint32_t)s->nprocs)) {
		free(p);
		return NULL;
	}
	s->procs[s->nprocs++] = p;
	return p;
}

/* A pid seen again after its process ended is a new process: the old record goes. */
static struct rn_ss_proc *fresh(struct rn_sysstats *s, uint32_t pid, uint64_t ns)
{
	struct rn_ss_proc *p = rn_sysstats__proc(s, pid, false, ns);

	if (p && p->ended)
		remove_one(s, pid);
	return rn_sysstats__proc(s, pid, true, ns);
}

struct rn_ss_proc *rn_sysstats__fork(struct rn_sysstats *s, uint32_t pid, uint32_t ppid,
				     uint64_t ns)
{
	struct rn_ss_proc *parent = rn_sysstats__proc(s, ppid, false, ns), *p;
	struct rn_ss_proc copy;

	if (parent)
		copy = *parent; /* make_room may free the parent */
	p = fresh(s, pid, ns);
	if (!p)
		return NULL;
	p->ppid = ppid;
	p->start_ns = ns;
	if (parent) {
		memcpy(p->comm, copy.comm, sizeof(p->comm));
		memcpy(p->exe, copy.exe, sizeof(p->exe));
		memcpy(p->cgroup, copy.cgroup, sizeof(p->cgroup));
		p->cgroup_id = copy.cgroup_id;
		p->ctr = copy.ctr;
	}
	return p;
}

void rn_sysstats__fill(struct rn_ss_proc *p, uint32_t ppid, const char *comm, uint64_t cgroup_id)
{
	if (!p)
		return;
	if (!p->ppid)
		p->ppid = ppid;
	if (!p->comm[0] && comm) {
		strncpy(p->comm, comm, RN_AGG_COMM);
		p->comm[RN_AGG_COMM] = 0;
	}
	if (!p->cgroup_id)
		p->cgroup_id = cgroup_id;
}

void rn_sysstats__exec(struct rn_sysstats *s, uint32_t pid, uint32_t ppid, const char *comm,
		       const char *exe, uint64_t cgroup_id, uint64_t ns)
{
	struct rn_ss_proc *p = rn_sysstats__proc(s, pid, false, ns);

	if (!p || p->ended)
		p = fresh(s, pid, ns);
	if (!p)
		return;
	if (ppid)
		p->ppid = ppid;
	strncpy(p->comm, comm, RN_AGG_COMM);
	p->comm[RN_AGG_COMM] = 0;
	strncpy(p->exe, exe, RN_AGG_EXE);
	p->exe[RN_AGG_EXE] = 0;
	p->cgroup_id = cgroup_id;
	p->seen_ns = ns;
}

struct rn_ss_proc *rn_sysstats__exit(struct rn_sysstats *s, uint32_t pid, int status,
				     uint64_t cpu_ns, uint64_t rss_bytes, uint64_t ns)
{
	struct rn_ss_proc *p = rn_sysstats__proc(s, pid, true, ns);

	if (!p)
		return NULL;
	if (!p->ended || p->end_ns != ns)
		push_ended(s, pid, ns); /* without room, it goes in the scan of make_room */
	p->ended = true;
	p->end_ns = p->seen_ns = ns;
	p->exit_status = status;
	p->cpu_ns = cpu_ns;
	p->rss_bytes = rss_bytes;
	return p;
}

void rn_sysstats__set_cgroup(struct rn_ss_proc *p, const char *path)
{
	snprintf(p->cgroup, sizeof(p->cgroup), "%s", path);
	rn_container__parse(path, &p->ctr);
}

static struct rn_ss_call *call_of(struct rn_ss_proc *p, int nr)
{
	struct rn_ss_call *c;
	uint32_t i;

	for (i = 0; i < p->ncalls; i++)
		if (p->calls[i].nr == nr)
			return &p->calls[i];
	if (p->ncalls == p->ccalls) {
		/* a call is ~340 bytes and a model holds thousands of processes: grow by half */
		uint32_t cap = p->ccalls + p->ccalls / 2 + 4;

		c = realloc(p->calls, cap * sizeof(*c));
		if (!c)
			return NULL;
		p->calls = c;
		p->ccalls = cap;
	}
	c = &p->calls[p->ncalls++];
	memset(c, 0, sizeof(*c));
	c->nr = nr;
	return c;
}

void rn_ss_call__full(const struct rn_ss_call *c, struct rn_agg_val *out)
{
	uint32_t i;

	memset(out, 0, sizeof(*out));
	out->calls = c->v.calls;
	out->errors = c->v.errors;
	out->bytes = c->v.bytes;
	out->sum_ns = c->v.sum_ns;
	out->max_ns = c->v.max_ns;
	for (i = 0; i < c->hn && c->hlo + i < RN_AGG_HIST; i++)
		out->hist[c->hlo + i] = c->hist[i];
}

/* Keeps v in c: its counts, and its histogram from the first to the last bucket in use. */
static int keep_val(struct rn_ss_call *c, const struct rn_agg_val *v)
{
	uint32_t lo = 0, hi = RN_AGG_HIST;

	while (lo < RN_AGG_HIST && !v->hist[lo])
		lo++;
	while (hi > lo && !v->hist[hi - 1])
		hi--;
	if (hi - lo != c->hn) {
		uint64_t *h = realloc(c->hist, (hi - lo ? hi - lo : 1) * sizeof(*h));

		if (!h)
			return -ENOMEM;
		c->hist = h;
		c->hn = (uint8_t)(hi - lo);
	}
	c->hlo = (uint8_t)lo;
	if (hi > lo) /* none in use: hist may be NULL, which memcpy may not be given */
		memcpy(c->hist, &v->hist[lo], (hi - lo) * sizeof(*c->hist));
	c->v = (struct rn_ss_val){.calls = v->calls,
				  .errors = v->errors,
				  .bytes = v->bytes,
				  .sum_ns = v->sum_ns,
				  .max_ns = v->max_ns};
	return 0;
}

int rn_sysstats__update(struct rn_sysstats *s, uint32_t pid, int nr, const struct rn_agg_val *v,
			uint64_t now)
{
	struct rn_agg_val all;
	struct rn_ss_proc *p = rn_sysstats__proc(s, pid, true, now);
	struct rn_ss_call *c;

	if (!p)
		return -ENOMEM;
	c = call_of(p, nr);
	if (!c)
		return -ENOMEM;
	if (v->calls != c->last_calls && !p->ended)
		p->seen_ns = now; /* busy: the last to go when room is needed */
	/* fewer calls than last time: the kernel evicted the entry and made it anew (rare: the
	 * base is kept apart, so the common call costs one rn_agg_val) */
	if (v->calls < c->last_calls) {
		if (!c->base && !(c->base = malloc(sizeof(*c->base))))
			return -ENOMEM;
		rn_ss_call__full(c, c->base);
	}
	if (c->base)
		all = *c->base;
	else
		memset(&all, 0, sizeof(all));
	rn_agg_val__add(&all, v);
	c->last_calls = v->calls;
	return keep_val(c, &all);
}

int rn_sysstats__update_errno(struct rn_sysstats *s, uint32_t pid, int nr, uint16_t err,
			      uint64_t count)
{
	struct rn_ss_proc *p = rn_sysstats__proc(s, pid, false, 0);
	struct rn_ss_errno *e;
	struct rn_ss_call *c;
	uint32_t i;

	if (!p || !(c = call_of(p, nr)))
		return p ? -ENOMEM : -ENOENT;
	for (i = 0; i < c->nerrnos; i++)
		if (c->errnos[i].err == err) {
			e = &c->errnos[i];
			/* fewer than last time: the kernel evicted the entry and made it anew */
			e->count += count >= e->last ? count - e->last : count;
			e->last = count;
			return 0;
		}
	e = realloc(c->errnos, (c->nerrnos + 1) * sizeof(*e));
	if (!e)
		return -ENOMEM;
	c->errnos = e;
	e[c->nerrnos++] = (struct rn_ss_errno){.err = err, .count = count, .last = count};
	return 0;
}

void rn_sysstats__add_slow(struct rn_sysstats *s, struct rn_ss_slow *sl)
{
	size_t at = (s->slow_head + s->nslow) % s->o.max_slow;

	if (s->nslow == s->o.max_slow) {
		at = s->slow_head;
		s->slow_head = (s->slow_head + 1) % s->o.max_slow;
	} else
		s->nslow++;
	free_slow(&s->slow[at]);
	s->slow[at] = *sl;
	memset(sl, 0, sizeof(*sl));
}

size_t rn_sysstats__nprocs(const struct rn_sysstats *s)
{
	return s->nprocs;
}

struct rn_ss_proc *rn_sysstats__at(struct rn_sysstats *s, size_t i)
{
	return i < s->nprocs ? s->procs[i] : NULL;
}

size_t rn_sysstats__nslow(const struct rn_sysstats *s)
{
	return s->nslow;
}

const struct rn_ss_slow *rn_sysstats__slow_at(const struct rn_sysstats *s, size_t i)
{
	return i < s->nslow ? &s->slow[(s->slow_head + i) % s->o.max_slow] : NULL;
}

uint64_t rn_sysstats__dropped(const struct rn_sysstats *s)
{
	return s->dropped;
}

size_t rn_sysstats__bytes(const struct rn_sysstats *s)
{
	size_t n = sizeof(*s) + s->o.max_procs * sizeof(*s->procs) +
		   s->o.max_slow * sizeof(*s->slow) +
		   s->by_pid.cap * (sizeof(uint64_t) + sizeof(uint32_t));
	size_t i;
	uint32_t k;

	for (i = 0; i < s->nprocs; i++) {
		n += sizeof(struct rn_ss_proc) + s->procs[i]->ccalls * sizeof(struct rn_ss_call);
		for (k = 0; k < s->procs[i]->ncalls; k++)
			n += s->procs[i]->calls[k].nerrnos * sizeof(struct rn_ss_errno) +
			     (s->procs[i]->calls[k].base ? sizeof(struct rn_agg_val) : 0);
	}
	return n;
}

uint64_t rn_ss__percentile(const __u64 *hist, uint64_t max_ns, double q)
{
	uint64_t total = 0, want, seen = 0, lo, hi, v;
	int b;

	for (b = 0; b < RN_AGG_HIST; b++)
		total += hist[b];
	if (!total)
		return 0;
	want = (uint64_t)(q * (double)total + 0.999999);
	if (want < 1)
		want = 1;
	for (b = 0; b < RN_AGG_HIST; b++) {
		if (seen + hist[b] >= want)
			break;
		seen += hist[b];
	}
	if (b == RN_AGG_HIST)
		b = RN_AGG_HIST - 1;
	/* linear within the bucket [2^b, 2^(b+1)), never past the largest seen */
	lo = b ? 1ULL << b : 0;
	hi = 1ULL << (b + 1);
	v = lo + (uint64_t)((double)(hi - lo) * (double)(want - seen) / (double)hist[b]);
	return v < max_ns || !max_ns ? v : max_ns;
}
