// SPDX-License-Identifier: MIT
/*
 * Sessions: one per traced command or attach. Records from the ring are routed by
 * tgid to their session's batch, undecoded; each batch goes to its client as one
 * Events frame. Children join their parent's session at fork.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "renacer/v1/control.pb-c.h"
#include "daemon.h"
#include "log.h"
#include "strbuf.h"

struct rnd_session {
	uint64_t id;
	struct rnd_client *cl;	/* NULL once its client is gone or need not be told */
	struct rn_strbuf batch; /* records waiting to be sent */
	uint64_t records, lost;
	uint64_t lost_sent; /* the `lost` the client was last told */
	uint64_t started_unix_ns;
	uint64_t filter[8];
	uint32_t *pids; /* processes traced now */
	uint32_t npids, cpids;
	struct rnd_record *rec; /* renacerd's own recording (record.c), or NULL */
	bool watched;		/* started by a [[watch]], not by a client */
	uint32_t ksid;		/* its processes' rn_target.session: id, or the kernel's */
};

struct rnd_session *session__new(struct rnd_daemon *d, struct rnd_client *cl,
				 const uint64_t *filter)
{
	struct rnd_session *s;
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (!d->sessions[i])
			break;
	if (i == d->nsessions && d->nsessions == d->csessions) {
		uint32_t nc = d->csessions ? d->csessions * 2 : 16;
		struct rnd_session **p = realloc(d->sessions, nc * sizeof(*p));

		if (!p)
			return NULL;
		d->sessions = p;
		d->csessions = nc;
	}
	/* before the slot is taken: a slot counted in nsessions always holds a pointer */
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	if (i == d->nsessions)
		d->nsessions++;
	s->id = ++d->next_session;
	s->ksid = (uint32_t)s->id;
	s->cl = cl;
	s->started_unix_ns = daemon__now(CLOCK_REALTIME);
	if (filter)
		memcpy(s->filter, filter, sizeof(s->filter));
	else
		memset(s->filter, 0xff, sizeof(s->filter));
	s->watched = !cl;
	s->rec = record__new(d, s->id, s->watched);
	d->sessions[i] = s;
	return s;
}

uint64_t session__id(const struct rnd_session *s)
{
	return s->id;
}

static int64_t slot_of(struct rnd_daemon *d, const struct rnd_session *s)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (d->sessions[i] == s)
			return i;
	return -1;
}

struct rnd_session *session__of_tgid(struct rnd_daemon *d, uint32_t tgid)
{
	int64_t v = rn_hmap__get(&d->by_tgid, tgid);

	return v > 0 && (uint32_t)v <= d->nsessions ? d->sessions[v - 1] : NULL;
}

static void add_pid(struct rnd_daemon *d, struct rnd_session *s, uint32_t tgid)
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

/* A process the session was started with (not one that joined at fork): a root. */
void session__add_pid(struct rnd_daemon *d, struct rnd_session *s, uint32_t tgid)
{
	add_pid(d, s, tgid);
	record__add_root(s->rec, tgid);
}

static void drop_pid(struct rnd_daemon *d, struct rnd_session *s, uint32_t tgid)
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
static void flush_batch(struct rnd_daemon *d, struct rnd_session *s, bool last)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Events ev = RENACER__V1__EVENTS__INIT;

	if (!s->cl || (!s->batch.len &&
		       (s->lost == s->lost_sent || (!last && client__congested(d, s->cl, 0)))))
		return;
	ev.session = s->id;
	ev.records.data = (uint8_t *)s->batch.buf;
	ev.records.len = s->batch.len;
	ev.lost = s->lost;
	reply.body_case = RENACER__V1__REPLY__BODY_EVENTS;
	reply.events = &ev;
	client__send(d, s->cl, &reply);
	s->lost_sent = s->lost;
	rn_strbuf__reset(&s->batch);
}

static void fill_verdict(Renacer__V1__Verdict *pv, const struct rnd_verdict *v)
{
	pv->checked = v->checked;
	pv->status = (uint32_t)v->status;
	pv->passed = v->counts[0];
	pv->failed = v->counts[1];
	pv->warned = v->counts[2];
	pv->skipped = v->counts[3];
	pv->report = (char *)v->report;
	pv->junit_path = (char *)v->junit;
	pv->trace_path = (char *)v->trace;
}

void session__end(struct rnd_daemon *d, struct rnd_session *s, const char *reason)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Ended end = RENACER__V1__ENDED__INIT;
	Renacer__V1__Verdict pv = RENACER__V1__VERDICT__INIT;
	static struct rnd_verdict v; /* 4 KiB: not on the loop's stack */
	int64_t slot = slot_of(d, s);
	uint32_t i;

	if (slot < 0)
		return;
	rn_engine__remove_session(d->eng, s->ksid);
	for (i = 0; i < s->npids; i++)
		rn_hmap__put(&d->by_tgid, s->pids[i], 0);
	flush_batch(d, s, true);
	if (s->rec) {
		record__finish(d, s->rec, 0, !strcmp(reason, "finished"), &v);
		s->rec = NULL;
		fill_verdict(&pv, &v);
		end.verdict = &pv;
	}
	if (s->cl) {
		end.session = s->id;
		end.reason = (char *)reason;
		reply.body_case = RENACER__V1__REPLY__BODY_ENDED;
		reply.ended = &end;
		client__send(d, s->cl, &reply);
	}
	rn_info("session %llu ended: %s", (unsigned long long)s->id, reason);
	d->sessions[slot] = NULL;
	rn_strbuf__free(&s->batch);
	free(s->pids);
	free(s);
	session__detach_if_idle(d);
}

void session__fail(struct rnd_daemon *d, struct rnd_session *s)
{
	record__discard(s->rec);
	s->rec = NULL;
	s->cl = NULL;
	session__end(d, s, "failed to start");
}

void session__end_of_client(struct rnd_daemon *d, const struct rnd_client *cl)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (d->sessions[i] && d->sessions[i]->cl == cl) {
			d->sessions[i]->cl = NULL;
			session__end(d, d->sessions[i], "client went away");
		}
}

void session__end_all(struct rnd_daemon *d, const char *reason)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (d->sessions[i])
			session__end(d, d->sessions[i], reason);
}

int session__detach(struct rnd_daemon *d, const struct rnd_client *cl, uint64_t id)
{
	uid_t uid = client__peer(cl)->uid;
	bool found = false;
	uint32_t i;

	for (i = 0; i < d->nsessions; i++) {
		struct rnd_session *s = d->sessions[i];

		if (!s || (id && s->id != id) || (!id && s->cl != cl))
			continue;
		if (uid && s->cl != cl && (!s->cl || client__peer(s->cl)->uid != uid))
			return -EPERM;
		found = true;
		session__end(d, s, "detached");
	}
	return found ? 0 : -ENOENT;
}

uint32_t session__count(const struct rnd_daemon *d)
{
	uint32_t i, n = 0;

	for (i = 0; i < d->nsessions; i++)
		n += d->sessions[i] != NULL;
	return n;
}

void session__count_users(const struct rnd_daemon *d, uid_t uid, uint32_t *unpriv, uint32_t *of_uid)
{
	uint32_t i;

	*unpriv = *of_uid = 0;
	for (i = 0; i < d->nsessions; i++) {
		const struct rnd_session *s = d->sessions[i];
		uid_t su = s && s->cl ? client__peer(s->cl)->uid : 0;

		*unpriv += s && s->cl && su;
		*of_uid += s && s->cl && su == uid;
	}
}

static void fill_info(Renacer__V1__SessionInfo *info, const struct rnd_session *s)
{
	info->session = s->id;
	info->uid = s->cl ? client__peer(s->cl)->uid : 0;
	info->client_pid = s->cl ? (uint32_t)client__peer(s->cl)->pid : 0;
	info->n_pids = s->npids;
	info->pids = s->pids;
	info->records = s->records;
	info->started_unix_ns = s->started_unix_ns;
	info->queued_bytes = s->batch.len + (s->cl ? client__pending(s->cl) : 0);
}

size_t session__list(const struct rnd_daemon *d, const struct rnd_client *viewer,
		     Renacer__V1__SessionInfo *infos, Renacer__V1__SessionInfo **ptrs)
{
	uid_t uid = client__peer(viewer)->uid;
	size_t n = 0;
	uint32_t i;

	for (i = 0; i < d->nsessions; i++) {
		const struct rnd_session *s = d->sessions[i];

		if (!s || (uid && (!s->cl || client__peer(s->cl)->uid != uid)))
			continue;
		renacer__v1__session_info__init(&infos[n]);
		fill_info(&infos[n], s);
		ptrs[n] = &infos[n];
		n++;
	}
	return n;
}

int session__start_watched(struct rnd_daemon *d, const uint32_t *pids, size_t npids,
			   const char *cgroup)
{
	struct rnd_session *s;
	size_t k, added = 0;
	int ret = rn_engine__attach(d->eng);

	if (ret) {
		rn_warn("cannot attach the BPF programs to trace %s: %s", cgroup, strerror(-ret));
		return ret;
	}
	s = session__new(d, NULL, NULL);
	if (!s) {
		session__detach_if_idle(d);
		return -ENOMEM;
	}
	for (k = 0; k < npids; k++) {
		/* one that exited since the cgroup was read is no error */
		if (rn_engine__add_target(d->eng, (pid_t)pids[k], RN_TF_FOLLOW, (uint32_t)s->id))
			continue;
		session__add_pid(d, s, pids[k]);
		added++;
	}
	if (!added) {
		session__fail(d, s);
		return -ESRCH;
	}
	rn_info("session %llu: traces %zu process(es) of cgroup %s", (unsigned long long)s->id,
		added, cgroup);
	return 0;
}

void session__detach_if_idle(struct rnd_daemon *d)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++)
		if (d->sessions[i])
			return;
	if (d->watch && d->cfg.nwatches)
		return; /* attached for good (watch.c) */
	if (rn_engine__attached(d->eng))
		rn_info("no session left: BPF programs detached");
	rn_engine__detach(d->eng);
}

/* Its cgroup v2 path ("0::/PATH" in /proc/PID/cgroup), or "?" once it is gone. */
static void cgroup_of(uint32_t tgid, char *out, size_t len)
{
	char path[64], line[600];
	FILE *f;

	snprintf(out, len, "?");
	snprintf(path, sizeof(path), "/proc/%u/cgroup", tgid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3)) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(out, len, "%s", line + 3);
		}
	fclose(f);
}

/*
 * The kernel made a process that entered a watched cgroup a target (RN_REC_WATCH): it gets
 * a session of its own, unless a look at cgroup.procs gave it one first (that session then
 * owns its target in the kernel too).
 */
static void adopt(struct rnd_daemon *d, const struct rn_proc_rec *r)
{
	struct rnd_session *s;
	char cgroup[600];

	if (session__of_tgid(d, r->h.tgid))
		return;
	cgroup_of(r->h.tgid, cgroup, sizeof(cgroup));
	s = session__new(d, NULL, NULL);
	if (!s) {
		rn_warn("cannot trace pid %u of cgroup %s: out of memory", r->h.tgid, cgroup);
		rn_engine__remove_session(d->eng, r->other_tgid);
		return;
	}
	s->ksid = r->other_tgid;
	session__add_pid(d, s, r->h.tgid);
	rn_info("session %llu: traces pid %u, %s cgroup %s", (unsigned long long)s->id, r->h.tgid,
		r->other_tid ? "forked in" : "moved into", cgroup);
}

int session__on_record(void *ctx, const void *data, size_t size)
{
	struct rnd_daemon *d = ctx;
	const struct rn_rec *h = data;
	struct rnd_session *s;

	if (size < sizeof(*h) || h->size > size)
		return 0;
	if (h->kind == RN_REC_WATCH) {
		if (size >= sizeof(struct rn_proc_rec))
			adopt(d, data);
		return 0;
	}
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
		add_pid(d, s, ((const struct rn_proc_rec *)data)->other_tgid);
	/* the daemon's own recording takes every record, whether the client keeps up or not */
	if (s->rec)
		record__raw(s->rec, data, h->size);
	if (!s->cl) {
		/* nobody to send to: a watched session, or one whose client went away */
	} else if (client__congested(d, s->cl, s->batch.len)) {
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

void session__flush_all(struct rnd_daemon *d)
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
static void compact_tgids(struct rnd_daemon *d)
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

/* Whether a process of s still exists (a zombie does: its exit record may be in the ring). */
static bool any_alive(const struct rnd_session *s)
{
	uint32_t i;

	for (i = 0; i < s->npids; i++)
		if (!kill((pid_t)s->pids[i], 0) || errno == EPERM)
			return true;
	return false;
}

/*
 * Exit records can be lost to a full ring: the kernel's traced set is the truth, but for a
 * process made a target after its exit tracepoint had passed (gone between renacerd's read
 * of cgroup.procs and its add_target): its entry stays, so a session whose processes are
 * all gone ends too.
 */
void session__reap(struct rnd_daemon *d)
{
	uint32_t i;

	for (i = 0; i < d->nsessions; i++) {
		struct rnd_session *s = d->sessions[i];

		if (s && s->npids &&
		    (rn_engine__count_targets(d->eng, s->ksid) == 0 || !any_alive(s))) {
			rn_engine__drain(d->eng);
			if (d->sessions[i] == s)
				session__end(d, s, "finished");
		}
	}
	compact_tgids(d);
}

void session__free_all(struct rnd_daemon *d)
{
	rn_hmap__free(&d->by_tgid);
	free(d->sessions);
	d->sessions = NULL;
	d->nsessions = d->csessions = 0;
}
