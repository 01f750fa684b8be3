// SPDX-License-Identifier: MIT
#include "demux.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

/* Enter records wait here for their exit record; calls that capture at enter are rare. */
#define PENDING_SLOTS 64

struct pending_enter {
	uint32_t tid;
	struct rn_sys_rec *rec;
};

struct rn_demux {
	struct rn_sink sink;
	struct pending_enter pending[PENDING_SLOTS];
};

struct rn_demux *rn_demux__new(const struct rn_sink *sink)
{
	struct rn_demux *d = calloc(1, sizeof(*d));

	if (d)
		d->sink = *sink;
	return d;
}

void rn_demux__free(struct rn_demux *d)
{
	int i;

	if (!d)
		return;
	for (i = 0; i < PENDING_SLOTS; i++)
		free(d->pending[i].rec);
	free(d);
}

/*
 * An exec whose capture at enter faulted sends a second enter record from the exec itself
 * (after a non-leader thread's exec, under the new tid): it replaces the first.
 */
static void drop_earlier_capture(struct rn_demux *d, const struct rn_sys_rec *r)
{
	for (int i = 0; i < PENDING_SLOTS; i++) {
		struct pending_enter *p = &d->pending[i];

		if (p->rec && p->rec->h.tgid == r->h.tgid && p->rec->nr == r->nr &&
		    p->rec->enter_ns == r->enter_ns) {
			free(p->rec);
			p->rec = NULL;
		}
	}
}

/*
 * The slot for tid's enter record: its own, else the first free one from its home on (an
 * exec's enter waits there through the whole exec while the parent's calls come and go),
 * else its home, whose record is then given up.
 */
static struct pending_enter *slot_for(struct rn_demux *d, uint32_t tid)
{
	struct pending_enter *free_slot = NULL;

	for (uint32_t i = 0; i < PENDING_SLOTS; i++) {
		struct pending_enter *p = &d->pending[(tid + i) % PENDING_SLOTS];

		if (p->rec && p->tid == tid)
			return p;
		if (!p->rec && !free_slot)
			free_slot = p;
	}
	return free_slot ? free_slot : &d->pending[tid % PENDING_SLOTS];
}

static void keep_enter(struct rn_demux *d, const struct rn_sys_rec *r)
{
	struct pending_enter *p;
	struct rn_sys_rec *copy = malloc(r->h.size);

	if (!copy)
		return;
	if (r->nr == __NR_execve || r->nr == __NR_execveat)
		drop_earlier_capture(d, r);
	p = slot_for(d, r->h.tid);
	memcpy(copy, r, r->h.size);
	free(p->rec);
	p->tid = r->h.tid;
	p->rec = copy;
}

/* The enter record of r's call; after a non-leader thread's exec the tid has changed. */
static struct pending_enter *find_enter(struct rn_demux *d, const struct rn_sys_rec *r)
{
	struct pending_enter *p = &d->pending[r->h.tid % PENDING_SLOTS];
	int i;

	if (p->rec && p->tid == r->h.tid && p->rec->nr == r->nr)
		return p;
	for (i = 0; i < PENDING_SLOTS; i++) {
		p = &d->pending[i];
		if (p->rec && p->tid == r->h.tid && p->rec->nr == r->nr)
			return p;
	}
	for (i = 0; i < PENDING_SLOTS; i++) {
		p = &d->pending[i];
		if (p->rec && p->rec->h.tgid == r->h.tgid && p->rec->nr == r->nr)
			return p;
	}
	return NULL;
}

/* Sizes a record of this kind must have at least. */
static size_t min_size(unsigned kind)
{
	switch (kind) {
	case RN_REC_SYSCALL:
	case RN_REC_ENTER:
		return sizeof(struct rn_sys_rec);
	case RN_REC_FORK:
	case RN_REC_EXEC:
	case RN_REC_EXIT:
	case RN_REC_LEAVE:
		return sizeof(struct rn_proc_rec);
	case RN_REC_SIGNAL:
		return sizeof(struct rn_sig_rec);
	default:
		return 0;
	}
}

int rn_demux__record(struct rn_demux *d, const void *data, size_t size)
{
	const struct rn_rec *h = data;
	struct pending_enter *p;
	struct rn_event ev;
	size_t need;

	if (size < sizeof(*h) || h->size > size || (need = min_size(h->kind)) == 0 ||
	    h->size < need)
		return -EINVAL;
	switch (h->kind) {
	case RN_REC_SYSCALL:
		ev.rec = data;
		p = (h->flags & RN_RF_HAS_ENTER) ? find_enter(d, ev.rec) : NULL;
		ev.enter = p ? p->rec : NULL;
		if (d->sink.syscall)
			d->sink.syscall(d->sink.ctx, &ev);
		if (p) {
			free(p->rec);
			p->rec = NULL;
		}
		break;
	case RN_REC_ENTER:
		keep_enter(d, data);
		break;
	case RN_REC_FORK:
	case RN_REC_EXEC:
	case RN_REC_EXIT:
	case RN_REC_LEAVE:
		if (d->sink.proc)
			d->sink.proc(d->sink.ctx, data);
		break;
	case RN_REC_SIGNAL:
		if (d->sink.signal)
			d->sink.signal(d->sink.ctx, data);
		break;
	}
	return 0;
}

int rn_demux__buffer(struct rn_demux *d, const void *data, size_t size)
{
	const char *p = data;
	size_t off = 0;

	while (off + sizeof(struct rn_rec) <= size) {
		const struct rn_rec *h = (const void *)(p + off);
		int ret;

		if (h->size < sizeof(*h) || h->size > size - off || (h->size & 7))
			return -EINVAL;
		/* records are 8-aligned in the buffer; copy when the caller's is not */
		ret = rn_demux__record(d, h, h->size);
		if (ret)
			return ret;
		off += h->size;
	}
	return off == size ? 0 : -EINVAL;
}
