// SPDX-License-Identifier: MIT
/*
 * Sessions: one per traced command or attach. Records from the ring are routed by
 * tgid to their session's batch, undecoded; each batch goes to its client as one
 * Events frame. Children join their parent's session at fork.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "renacer/v1/control.pb-c.h"
#include "daemon.h"
#include "log.h"

uint64_t daemon__now(int clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

struct session *session__new(struct daemon *d, struct client *cl)
{
	struct session *s;
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (!d->sessions[i])
			break;
	if (i == d->nsessions) {
		if (d->nsessions == d->csessions) {
			uint32_t nc = d->csessions ? d->csessions * 2 : 16;
			struct session **p = realloc(d->sessions, nc * sizeof(*p));

			if (!p)
				return NULL;
			d->sessions = p;
			d->csessions = nc;
		}
		d->nsessions++;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->id = ++d->next_session;
	s->cl = cl;
	s->started_unix_ns = daemon__now(CLOCK_REALTIME);
	memset(s->filter, 0xff, sizeof(s->filter));
	d->sessions[i] = s;
	return s;
}

static int64_t slot_of(struct daemon *d, const struct session *s)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (d->sessions[i] == s)
			return i;
	return -1;
}

struct session *session__of_tgid(struct daemon *d, uint32_t tgid)
{
	int64_t v = rn_hmap__get(&d->by_tgid, tgid);

	return v > 0 && (uint32_t)v <= d->nsessions ? d->sessions[v - 1] : NULL;
}

void session__add_pid(struct daemon *d, struct session *s, uint32_t tgid)
{
	int64_t slot = slot_of(d, s);

	if (slot < 0)
		return;
	if (s->npids == s->cpids) {
		uint32_t nc = s->cpids ? s->cpids * 2 : 8;
		uint32_t *p = realloc(s->pids, nc * sizeof(*p));

		if (!p)
			return;
		s->pids = p;
		s->cpids = nc;
	}
	s->pids[s->npids++] = tgid;
	rn_hmap__put(&d->by_tgid, tgid, (uint32_t)slot + 1);
}

static void drop_pid(struct daemon *d, struct session *s, uint32_t tgid)
{
	uint32_t i;

	for (i = 0; i < s->npids; i++)
		if (s->pids[i] == tgid) {
			s->pids[i] = s->pids[--s->npids];
			break;
		}
	rn_hmap__put(&d->by_tgid, tgid, 0);
}

/*
 * Sends what the session has gathered. A loss the client was not told of yet goes too,
 * even without records: while it is congested only at the end, so the count stays small.
 */
static void flush_batch(struct daemon *d, struct session *s, bool last)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Events ev = RENACER__V1__EVENTS__INIT;

	if (!s->cl || (!s->batch.len &&
		       (s->lost == s->lost_sent || (!last && server__congested(d, s->cl, 0)))))
		return;
	ev.session = s->id;
	ev.records.data = (uint8_t *)s->batch.buf;
	ev.records.len = s->batch.len;
	ev.lost = s->lost;
	reply.body_case = RENACER__V1__REPLY__BODY_EVENTS;
	reply.events = &ev;
	server__send(d, s->cl, &reply);
	s->lost_sent = s->lost;
	rn_strbuf__reset(&s->batch);
}

void session__end(struct daemon *d, struct session *s, const char *reason)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Ended end = RENACER__V1__ENDED__INIT;
	int64_t slot = slot_of(d, s);
	uint32_t i;

	if (slot < 0)
		return;
	rn_engine__remove_session(d->eng, (uint32_t)s->id);
	for (i = 0; i < s->npids; i++)
		rn_hmap__put(&d->by_tgid, s->pids[i], 0);
	flush_batch(d, s, true);
	if (s->cl) {
		end.session = s->id;
		end.reason = (char *)reason;
		reply.body_case = RENACER__V1__REPLY__BODY_ENDED;
		reply.ended = &end;
		server__send(d, s->cl, &reply);
	}
	rn_info("session %llu ended: %s", (unsigned long long)s->id, reason);
	d->sessions[slot] = NULL;
	rn_strbuf__free(&s->batch);
	free(s->pids);
	free(s);
	session__detach_if_idle(d);
}

void session__detach_if_idle(struct daemon *d)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (d->sessions[i])
			return;
	if (rn_engine__attached(d->eng))
		rn_info("no session left: BPF programs detached");
	rn_engine__detach(d->eng);
}

int session__on_record(void *ctx, const void *data, size_t size)
{
	struct daemon *d = ctx;
	const struct rn_rec *h = data;
	struct session *s;

	if (size < sizeof(*h) || h->size > size)
		return 0;
	s = session__of_tgid(d, h->tgid);
	if (!s)
		return 0; /* a session that ended, or a detached process still leaving */
	if (h->kind == RN_REC_SYSCALL && size >= sizeof(struct rn_sys_rec)) {
		const struct rn_sys_rec *r = data;
		uint32_t nr = (uint32_t)r->nr;

		if (nr < RN_MAX_SYSCALLS && !(s->filter[nr / 64] & (1ULL << (nr % 64))))
			return 0;
	}
	if (h->kind == RN_REC_FORK && !(h->flags & RN_RF_THREAD) &&
	    size >= sizeof(struct rn_proc_rec))
		session__add_pid(d, s, ((const struct rn_proc_rec *)data)->other_tgid);
	if (s->cl && server__congested(d, s->cl, s->batch.len)) {
		s->lost++; /* its client does not keep up: counted, and told in Events.lost */
	} else {
		rn_strbuf__append(&s->batch, data, h->size);
		s->records++;
		if (s->batch.len >= BATCH_FLUSH_BYTES)
			flush_batch(d, s, false);
	}
	if ((h->kind == RN_REC_EXIT && (h->flags & RN_RF_GROUP_DEAD)) || h->kind == RN_REC_LEAVE) {
		drop_pid(d, s, h->tgid);
		if (!s->npids)
			session__end(d, s,
				     h->kind == RN_REC_LEAVE
					 ? "stopped: its last process left the trace, as ptrace "
					   "would not let you follow it"
					 : "finished");
	}
	return 0;
}

void session__flush_all(struct daemon *d)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (d->sessions[i])
			flush_batch(d, d->sessions[i], false);
}

/*
 * by_tgid has no removal: an ended process stays as a 0 entry, so a user who forks
 * without end under trace would grow it up to pid_max. Rebuilt from the live processes
 * when those are few of its entries.
 */
static void compact_tgids(struct daemon *d)
{
	struct rn_hmap live = {0};
	uint32_t n = 0, i, k;

	for (i = 0; i < d->nsessions; i++)
		n += d->sessions[i] ? d->sessions[i]->npids : 0;
	if (d->by_tgid.n < 1024 || d->by_tgid.n < 4 * n)
		return;
	for (i = 0; i < d->nsessions; i++)
		for (k = 0; d->sessions[i] && k < d->sessions[i]->npids; k++)
			if (rn_hmap__put(&live, d->sessions[i]->pids[k], i + 1)) {
				rn_hmap__free(&live);
				return;
			}
	rn_debug("tgid map: %u entries, %u live", d->by_tgid.n, live.n);
	rn_hmap__free(&d->by_tgid);
	d->by_tgid = live;
}

/* Exit records can be lost to a full ring: the kernel's traced set is the truth. */
void session__reap(struct daemon *d)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++) {
		struct session *s = d->sessions[i];

		if (s && s->npids && rn_engine__count_targets(d->eng, (uint32_t)s->id) == 0) {
			rn_engine__drain(d->eng);
			if (d->sessions[i] == s)
				session__end(d, s, "finished");
		}
	}
	compact_tgids(d);
}
