// SPDX-License-Identifier: MIT
/*
 * The anti-pattern detectors of docs/assertions.md. Each measures one figure from the events
 * and turns it into a confidence with a saturating curve, n / (n + scale): the evidence
 * that grows with n (calls repeated without progress, small transfers on one descriptor)
 * gives one half at n = scale, 0.8 at 4 x scale, and never quite 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "assert_int.h"
#include "hmap.h"

#define LOOP_SCALE  32.0    /* calls without progress in one streak */
#define SMALL_SCALE 64.0    /* small transfers on one descriptor */
#define SMALL_BYTES 512	    /* a transfer this far below a 4 KiB page is small */
#define SELECT_NS   1000000 /* a select that timed out faster than this did not wait */
#define LOOP_KEYS   4	    /* the keys a streak keeps count of */

struct loop_key {
	int32_t nr;
	uint64_t target;
	uint64_t count;
	const char *name; /* interned in struct rn_apdet */
};

struct streak {
	struct loop_key keys[LOOP_KEYS];
	unsigned nkeys;
	uint64_t first_id, last_id;
	uint64_t start_ns, end_ns;
};

struct thread {
	uint32_t tid;
	struct streak cur;
};

struct desc {
	uint32_t pid;
	int32_t fd;
	uint64_t calls, small, small_bytes;
	uint64_t ids[3];
	unsigned nids;
};

struct rn_apdet {
	struct thread *thr;
	size_t nthr, capthr;
	struct rn_hmap by_tid;
	struct streak best; /* the longest streak seen, on best_tid */
	uint64_t best_len;
	uint32_t best_tid;
	struct desc *desc;
	size_t ndesc, capdesc;
	struct rn_hmap by_fd;
	struct desc worst; /* the most damning descriptor closed so far */
	double worst_conf;
	char **names; /* syscall names seen, so a streak can keep a pointer to one */
	size_t nnames;
};

static double saturate(double n, double scale)
{
	return n / (n + scale);
}

struct rn_apdet *rn_apdet__new(void)
{
	return calloc(1, sizeof(struct rn_apdet));
}

void rn_apdet__free(struct rn_apdet *d)
{
	if (!d)
		return;
	free(d->thr);
	free(d->desc);
	rn_hmap__free(&d->by_tid);
	rn_hmap__free(&d->by_fd);
	for (size_t i = 0; i < d->nnames; i++)
		free(d->names[i]);
	free(d->names);
	free(d);
}

static const char *intern(struct rn_apdet *d, const char *name)
{
	char **p, *s;

	for (size_t i = 0; i < d->nnames; i++)
		if (!strcmp(d->names[i], name))
			return d->names[i];
	p = realloc(d->names, (d->nnames + 1) * sizeof(*p));
	if (!p)
		return NULL;
	d->names = p;
	s = strdup(name);
	if (!s)
		return NULL;
	d->names[d->nnames++] = s;
	return s;
}

static bool zero_timeout(const struct rn_tr_event *e, uint32_t arg)
{
	return arg < e->nargs && e->args[arg] &&
	       (!strcmp(e->args[arg], "{tv_sec=0, tv_nsec=0}") ||
		!strcmp(e->args[arg], "{tv_sec=0, tv_usec=0}"));
}

static bool is_transfer(int32_t nr)
{
	switch (nr) {
	case __NR_read:
	case __NR_write:
	case __NR_pread64:
	case __NR_pwrite64:
	case __NR_readv:
	case __NR_writev:
	case __NR_preadv:
	case __NR_pwritev:
	case __NR_preadv2:
	case __NR_pwritev2:
	case __NR_recvfrom:
	case __NR_sendto:
	case __NR_recvmsg:
	case __NR_sendmsg:
		return true;
	}
	return false;
}

/* A call that did nothing the thread could build on (docs/assertions.md, TightLoop). */
static bool no_progress(const struct rn_tr_event *e)
{
	if (e->errname)
		return !strcmp(e->errname, "EAGAIN") || !strcmp(e->errname, "EWOULDBLOCK") ||
		       !strcmp(e->errname, "EALREADY");
	switch (e->nr) {
	case __NR_sched_yield:
		return true;
	case __NR_nanosleep:
		return zero_timeout(e, 0);
	case __NR_clock_nanosleep:
		return zero_timeout(e, 2);
	case __NR_poll:
		return e->result == 0 && e->raw_args[2] == 0;
	case __NR_epoll_wait:
	case __NR_epoll_pwait:
		return e->result == 0 && (int32_t)e->raw_args[3] == 0;
	case __NR_select:
	case __NR_pselect6:
		/* the timeval is not decoded: a timeout that passed in under 1 ms was ~zero */
		return e->result == 0 && (zero_timeout(e, 4) || e->duration_ns < SELECT_NS);
	case __NR_ppoll:
		return e->result == 0 && zero_timeout(e, 2);
	case __NR_wait4:
	case __NR_waitid:
		return e->result == 0; /* WNOHANG, nothing to reap */
	}
	return is_transfer(e->nr) && e->result == 0;
}

static void streak_reset(struct streak *s)
{
	memset(s, 0, sizeof(*s));
}

static uint64_t streak_len(const struct streak *s, unsigned *which)
{
	uint64_t best = 0;

	for (unsigned k = 0; k < s->nkeys; k++)
		if (s->keys[k].count > best) {
			best = s->keys[k].count;
			if (which)
				*which = k;
		}
	return best;
}

static void streak_end(struct rn_apdet *d, struct thread *t)
{
	uint64_t len = streak_len(&t->cur, NULL);

	if (len > d->best_len) {
		d->best_len = len;
		d->best = t->cur;
		d->best_tid = t->tid;
	}
	streak_reset(&t->cur);
}

static int loop_event(struct rn_apdet *d, const struct rn_tr_event *e)
{
	int64_t ti = rn_hmap__get(&d->by_tid, e->tid);
	struct thread *t;
	struct streak *s;
	uint64_t target;
	unsigned k;

	if (ti < 0) {
		if (d->nthr == d->capthr) {
			size_t nc = d->capthr ? d->capthr * 2 : 64;
			struct thread *p = realloc(d->thr, nc * sizeof(*p));

			if (!p)
				return -ENOMEM;
			d->thr = p;
			d->capthr = nc;
		}
		ti = (int64_t)d->nthr;
		memset(&d->thr[ti], 0, sizeof(d->thr[ti]));
		d->thr[ti].tid = e->tid;
		if (rn_hmap__put(&d->by_tid, e->tid, (uint32_t)ti))
			return -ENOMEM;
		d->nthr++;
	}
	t = &d->thr[ti];
	if (e->kind == RN_TR_SIGNAL)
		return 0; /* not a call: a timer's signal does not end a spin */
	if (e->kind != RN_TR_SYSCALL || e->noreturn || !no_progress(e)) {
		streak_end(d, t);
		return 0;
	}
	s = &t->cur;
	target = e->nargs ? e->raw_args[0] : 0;
	for (k = 0; k < s->nkeys; k++)
		if (s->keys[k].nr == e->nr && s->keys[k].target == target)
			break;
	if (k == s->nkeys && k < LOOP_KEYS) {
		s->keys[k] =
		    (struct loop_key){e->nr, target, 0, intern(d, e->name ? e->name : "?")};
		if (!s->keys[k].name)
			return -ENOMEM;
		s->nkeys++;
	}
	if (k < s->nkeys)
		s->keys[k].count++;
	if (!s->first_id) {
		s->first_id = e->id;
		s->start_ns = e->enter_ns;
	}
	s->last_id = e->id;
	s->end_ns = e->enter_ns + e->duration_ns;
	return 0;
}

static struct desc *desc_of(struct rn_apdet *d, uint32_t pid, int32_t fd)
{
	uint64_t key = (uint64_t)pid << 32 | (uint32_t)fd;
	int64_t i = rn_hmap__get(&d->by_fd, key);

	if (i >= 0)
		return &d->desc[i];
	if (d->ndesc == d->capdesc) {
		size_t nc = d->capdesc ? d->capdesc * 2 : 64;
		struct desc *p = realloc(d->desc, nc * sizeof(*p));

		if (!p)
			return NULL;
		d->desc = p;
		d->capdesc = nc;
	}
	if (rn_hmap__put(&d->by_fd, key, (uint32_t)d->ndesc))
		return NULL;
	d->desc[d->ndesc] = (struct desc){.pid = pid, .fd = fd};
	return &d->desc[d->ndesc++];
}

static double small_conf(const struct desc *x)
{
	if (!x->calls)
		return 0;
	return (double)x->small / (double)x->calls * saturate((double)x->small, SMALL_SCALE);
}

/* The descriptor's life ended (closed, or the trace did): keep it if it is the worst. */
static void desc_end(struct rn_apdet *d, struct desc *x)
{
	double c = small_conf(x);

	if (c > d->worst_conf || (!d->worst.calls && x->calls)) {
		d->worst_conf = c;
		d->worst = *x;
	}
	*x = (struct desc){.pid = x->pid, .fd = x->fd};
}

static int io_event(struct rn_apdet *d, const struct rn_tr_event *e)
{
	struct desc *x;

	if (e->kind != RN_TR_SYSCALL || e->errname || e->noreturn)
		return 0;
	if (e->nr == __NR_close) {
		int64_t i =
		    rn_hmap__get(&d->by_fd, (uint64_t)e->pid << 32 | (uint32_t)e->raw_args[0]);

		if (i >= 0)
			desc_end(d, &d->desc[i]);
		return 0;
	}
	if (!is_transfer(e->nr) || e->result <= 0)
		return 0;
	x = desc_of(d, e->pid, (int32_t)e->raw_args[0]);
	if (!x)
		return -ENOMEM;
	x->calls++;
	if (e->result < SMALL_BYTES) {
		x->small++;
		x->small_bytes += (uint64_t)e->result;
		if (x->nids < 3)
			x->ids[x->nids++] = e->id;
	}
	return 0;
}

int rn_apdet__event(struct rn_apdet *d, const struct rn_tr_event *e)
{
	int err = loop_event(d, e);

	return err ? err : io_event(d, e);
}

void rn_apdet__tight_loop(struct rn_apdet *d, struct rn_ap_finding *f)
{
	const struct streak *s;
	unsigned k = 0;

	for (size_t i = 0; i < d->nthr; i++)
		streak_end(d, &d->thr[i]);
	memset(f, 0, sizeof(*f));
	if (!d->best_len) {
		snprintf(f->evidence, sizeof(f->evidence),
			 "no thread repeated a call without progress");
		return;
	}
	s = &d->best;
	streak_len(s, &k);
	f->confidence = saturate((double)d->best_len, LOOP_SCALE);
	snprintf(f->evidence, sizeof(f->evidence),
		 "tid %u: %llu calls of %s on %llu without progress in a row (events %llu-%llu, "
		 "%.3f ms)",
		 d->best_tid, (unsigned long long)d->best_len, s->keys[k].name,
		 (unsigned long long)s->keys[k].target, (unsigned long long)s->first_id,
		 (unsigned long long)s->last_id, (double)(s->end_ns - s->start_ns) / 1e6);
	f->ids[f->nids++] = s->first_id;
	f->ids[f->nids++] = s->last_id;
}

void rn_apdet__small_io(struct rn_apdet *d, struct rn_ap_finding *f)
{
	const struct desc *w = &d->worst;

	for (size_t i = 0; i < d->ndesc; i++)
		desc_end(d, &d->desc[i]);
	memset(f, 0, sizeof(*f));
	if (!w->calls) {
		snprintf(f->evidence, sizeof(f->evidence), "no reads or writes");
		return;
	}
	f->confidence = d->worst_conf;
	snprintf(f->evidence, sizeof(f->evidence),
		 "pid %u fd %d: %llu of %llu transfers under %d bytes (%.1f bytes on average)",
		 w->pid, w->fd, (unsigned long long)w->small, (unsigned long long)w->calls,
		 SMALL_BYTES, w->small ? (double)w->small_bytes / (double)w->small : 0.0);
	for (unsigned i = 0; i < w->nids; i++)
		f->ids[f->nids++] = w->ids[i];
}

static bool has_child(const struct rn_ap_proc *p, size_t n, uint32_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].ppid == pid && p[i].pid != pid)
			return true;
	return false;
}

#define LAUNCHER_RATIO 0.25 /* a parent under this share of the busiest one's CPU launches */
#define GOD_CPU_NS     5e6  /* CPU time at which the work to share counts one half */
#define MAX_STAGES     64

void rn_ap__god_process(const struct rn_ap_proc *p, size_t n, struct rn_ap_finding *f)
{
	size_t stage[MAX_STAGES], ns = 0, top = 0, off;
	uint64_t cpu = 0, cp = 0, busiest = 0;
	double s, c, m;

	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < n; i++)
		if (p[i].cpu_ns > busiest)
			busiest = p[i].cpu_ns;
	for (size_t i = 0; i < n && ns < MAX_STAGES; i++) {
		/* a launcher: started others, passed them no data, did little itself */
		if (has_child(p, n, p[i].pid) && !p[i].exchanged &&
		    (double)p[i].cpu_ns < LAUNCHER_RATIO * (double)busiest)
			continue;
		stage[ns++] = i;
		cpu += p[i].cpu_ns;
		cp += p[i].cp_ns;
		if (p[i].cpu_ns > p[stage[top]].cpu_ns)
			top = ns - 1;
	}
	if (ns < 2 || !cpu) {
		snprintf(f->evidence, sizeof(f->evidence),
			 "%zu working process%s (GodProcess needs two or more that used CPU)", ns,
			 ns == 1 ? "" : "es");
		return;
	}
	s = (double)p[stage[top]].cpu_ns / (double)cpu;
	c = cp ? (double)p[stage[top]].cp_ns / (double)cp : s;
	m = s < c ? s : c;
	f->confidence = (m - 1.0 / (double)ns) / (1.0 - 1.0 / (double)ns);
	f->confidence *= saturate((double)cpu, GOD_CPU_NS);
	if (f->confidence < 0)
		f->confidence = 0;
	off = (size_t)snprintf(f->evidence, sizeof(f->evidence),
			       "pid %u (%s) holds %.0f%% of the CPU (%.0f ms) and %.0f%% of the "
			       "critical path of %zu working processes; others:",
			       p[stage[top]].pid, p[stage[top]].name ? p[stage[top]].name : "?",
			       100 * s, (double)p[stage[top]].cpu_ns / 1e6, 100 * c, ns);
	for (size_t k = 0; k < ns && off < sizeof(f->evidence); k++)
		if (k != top)
			off += (size_t)snprintf(f->evidence + off, sizeof(f->evidence) - off,
						" pid %u %.0f%%", p[stage[k]].pid,
						100.0 * (double)p[stage[k]].cpu_ns / (double)cpu);
}
