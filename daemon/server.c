// SPDX-License-Identifier: MIT
/* The control socket: accept clients, learn who they are, answer their requests. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "renacer/v1/control.pb-c.h"
#include "daemon.h"
#include "log.h"

/* Creates the socket's directory, refuses to steal a live daemon's socket, binds 0660. */
int server__listen(struct daemon *d, char *err, size_t errlen)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char dir[sizeof(d->cfg.socket)];
	struct group *gr;
	int fd, probe;

	if (strlen(d->cfg.socket) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "socket path '%s' is too long (at most %zu bytes)",
			 d->cfg.socket, sizeof(sa.sun_path) - 1);
		return -ENAMETOOLONG;
	}
	memcpy(sa.sun_path, d->cfg.socket, strlen(d->cfg.socket) + 1); /* length checked above */
	snprintf(dir, sizeof(dir), "%s", d->cfg.socket);
	if (mkdir(dirname(dir), 0755) && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
		return -errno;
	}
	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (probe >= 0 && !connect(probe, (struct sockaddr *)&sa, sizeof(sa))) {
		close(probe);
		snprintf(err, errlen, "another renacerd is serving %s (stop it first)",
			 d->cfg.socket);
		return -EADDRINUSE;
	}
	if (probe >= 0)
		close(probe);
	unlink(d->cfg.socket); /* stale, from a daemon that died */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 128)) {
		snprintf(err, errlen, "cannot listen on %s: %s", d->cfg.socket, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	gr = getgrnam(d->cfg.group);
	if (!gr || chown(d->cfg.socket, 0, gr->gr_gid))
		rn_warn("group '%s' %s: only root can use %s (create the group, e.g. with `make "
			"install`)",
			d->cfg.group, gr ? "cannot own the socket" : "does not exist",
			d->cfg.socket);
	chmod(d->cfg.socket, 0660);
	d->listen_fd = fd;
	return 0;
}

#define ACCEPT_BATCH 64 /* connections taken per wakeup; the listener wakes the loop again */

/* Polls what cl needs: its requests unless paused, writability while output waits. */
static void rewatch(struct daemon *d, struct client *cl)
{
	uint32_t want =
	    (cl->paused ? 0 : EPOLLIN | EPOLLRDHUP) | (rn_conn__pending(&cl->conn) ? EPOLLOUT : 0);
	struct epoll_event ev = {.events = want, .data.ptr = cl};

	if (want != cl->watched && !epoll_ctl(d->epfd, EPOLL_CTL_MOD, cl->conn.fd, &ev))
		cl->watched = want;
}

/* Keeps the uid's queued bytes in step with cl's pending output. */
static void account(struct daemon *d, struct client *cl)
{
	size_t now = rn_conn__pending(&cl->conn);
	struct uid_use *u = cl->use;
	bool was_over;

	if (u) {
		was_over = u->queued > d->cfg.max_queued_bytes_per_uid;
		u->queued = u->queued - cl->counted + now;
		if (was_over && u->queued <= d->cfg.max_queued_bytes_per_uid)
			d->resume_pending = true;
	}
	cl->counted = now;
}

bool server__congested(const struct daemon *d, const struct client *cl, size_t extra)
{
	size_t mine = rn_conn__pending(&cl->conn) + extra;

	if (mine > d->cfg.max_queued_bytes)
		return true;
	return cl->uid && cl->use &&
	       cl->use->queued - cl->counted + mine > d->cfg.max_queued_bytes_per_uid;
}

/* A refusal is logged at most once a second: a flood of them must not flood the log. */
static bool log_refusal_now(void)
{
	static uint64_t last;
	uint64_t now = daemon__now(CLOCK_MONOTONIC);

	if (last && now - last < 1000000000ULL)
		return false;
	last = now;
	return true;
}

/* Answers a connection that is not admitted with one error frame, then closes it. */
static void refuse(int fd, int code, const char *msg)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Error e = RENACER__V1__ERROR__INIT;
	struct rn_conn c;

	e.code = code;
	e.message = (char *)msg;
	reply.body_case = RENACER__V1__REPLY__BODY_ERROR;
	reply.error = &e;
	/* a fresh socket's buffer takes one small frame at once; never wait for it */
	rn_conn__init(&c, fd, 0);
	if (!rn_conn__queue(&c, &reply.base))
		rn_conn__flush(&c);
	rn_conn__release(&c);
	close(fd);
	if (log_refusal_now())
		rn_info("refused a connection: %s", msg);
}

static void pause_listener(struct daemon *d, int err)
{
	struct epoll_event ev = {.events = 0, .data.ptr = &d->listen_fd};

	if (!d->listen_paused)
		rn_warn("cannot accept connections: %s; not listening until a descriptor frees "
			"(raise LimitNOFILE in renacerd.service if this recurs)",
			strerror(err));
	epoll_ctl(d->epfd, EPOLL_CTL_MOD, d->listen_fd, &ev);
	d->listen_paused = true;
	d->listen_retry_ns = daemon__now(CLOCK_MONOTONIC) + 1000000000ULL;
}

static void resume_listener(struct daemon *d)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &d->listen_fd};

	if (d->reserve_fd < 0)
		d->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (d->listen_fd >= 0 && !epoll_ctl(d->epfd, EPOLL_CTL_MOD, d->listen_fd, &ev))
		d->listen_paused = false;
	d->listen_retry_ns = daemon__now(CLOCK_MONOTONIC) + 1000000000ULL;
}

struct client *server__add_client(struct daemon *d, int fd, uid_t uid, gid_t gid, pid_t pid)
{
	struct client *cl = calloc(1, sizeof(*cl));
	struct uid_use *u;

	if (!cl)
		return NULL;
	for (u = d->uids; u && u->uid != uid; u = u->next)
		;
	if (!u) {
		u = calloc(1, sizeof(*u));
		if (!u) {
			free(cl);
			return NULL;
		}
		u->uid = uid;
		u->next = d->uids;
		d->uids = u;
	}
	u->conns++;
	if (uid)
		d->unpriv_conns++;
	rn_conn__init(&cl->conn, fd, RN_FRAME_MAX_REQUEST);
	cl->uid = uid;
	cl->gid = gid;
	cl->pid = pid;
	cl->use = u;
	cl->next = d->clients;
	d->clients = cl;
	return cl;
}

/* The per-uid and total limits on connections; root is never refused. */
static bool admissible(struct daemon *d, const struct ucred *cred, char *why, size_t len)
{
	const struct uid_use *u;

	if (!cred->uid)
		return true;
	if (d->unpriv_conns >= d->cfg.max_connections) {
		snprintf(why, len,
			 "renacerd has %u connections of non-root users, the most max_connections "
			 "allows (try again when some have closed, or raise max_connections in %s)",
			 d->unpriv_conns, d->config_path);
		return false;
	}
	for (u = d->uids; u && u->uid != cred->uid; u = u->next)
		;
	if (u && u->conns >= d->cfg.max_connections_per_uid) {
		snprintf(why, len,
			 "uid %u has %u connections to renacerd already, the most "
			 "max_connections_per_uid allows (close other renacerctl clients of this "
			 "user, or raise max_connections_per_uid in %s)",
			 cred->uid, u->conns, d->config_path);
		return false;
	}
	return true;
}

static void admit(struct daemon *d, int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	struct epoll_event ev;
	struct client *cl;
	char why[512];

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len)) {
		close(fd);
		return;
	}
	if (!admissible(d, &cred, why, sizeof(why))) {
		refuse(fd, EUSERS, why);
		return;
	}
	cl = server__add_client(d, fd, cred.uid, cred.gid, cred.pid);
	if (!cl) {
		refuse(fd, ENOMEM, "renacerd is out of memory");
		return;
	}
	ev.events = cl->watched = EPOLLIN | EPOLLRDHUP;
	ev.data.ptr = cl;
	if (epoll_ctl(d->epfd, EPOLL_CTL_ADD, fd, &ev)) {
		server__drop_client(d, cl);
		return;
	}
	rn_debug("client pid %d uid %u connected", cl->pid, cl->uid);
}

/*
 * The listener is level-triggered: a pending connection that cannot be accepted would
 * wake the loop forever. Out of descriptors, the reserve one is spent to take the
 * connection and tell it why; without a reserve, the listener rests until one frees.
 */
void server__accept(struct daemon *d)
{
	char why[256];
	struct rlimit rl;
	int fd, err, turns;

	/* a bounded batch: a client that connects in a loop cannot hold the loop here */
	for (turns = 0; turns < ACCEPT_BATCH; turns++) {
		fd = accept4(d->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd >= 0) {
			admit(d, fd);
			continue;
		}
		err = errno;
		if (err == EAGAIN || err == EWOULDBLOCK)
			return;
		if (err == EINTR || err == ECONNABORTED || err == EPROTO)
			continue;
		if ((err == EMFILE || err == ENFILE) && d->reserve_fd >= 0) {
			close(d->reserve_fd);
			fd = accept4(d->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
			if (fd >= 0) {
				getrlimit(RLIMIT_NOFILE, &rl);
				snprintf(
				    why, sizeof(why),
				    "renacerd has no file descriptor left for another "
				    "connection (all %llu of its RLIMIT_NOFILE are open; close "
				    "idle renacerctl clients, or raise LimitNOFILE in "
				    "renacerd.service)",
				    (unsigned long long)rl.rlim_cur);
				refuse(fd, err, why);
			}
			if (fd < 0)
				err = errno;
			d->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
			if (fd < 0 && (err == EAGAIN || err == EWOULDBLOCK))
				return; /* that was the last one waiting */
			if (fd >= 0 && d->reserve_fd >= 0)
				continue;
		}
		pause_listener(d, err);
		return;
	}
}

int server__send(struct daemon *d, struct client *cl, const void *reply_msg)
{
	int ret = rn_conn__queue(&cl->conn, reply_msg);

	if (!ret)
		ret = rn_conn__flush(&cl->conn);
	account(d, cl);
	rewatch(d, cl);
	return ret < 0 ? ret : 0;
}

static void send_error(struct daemon *d, struct client *cl, uint64_t id, int code, const char *msg)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Error e = RENACER__V1__ERROR__INIT;

	e.code = code;
	e.message = (char *)msg;
	reply.id = id;
	reply.body_case = RENACER__V1__REPLY__BODY_ERROR;
	reply.error = &e;
	server__send(d, cl, &reply);
}

void server__drop_client(struct daemon *d, struct client *cl)
{
	struct client **pp;
	struct uid_use **up, *u = cl->use;
	uint32_t i;

	/* its sessions end: the traced processes leave the traced set, untouched */
	for (i = 0; i < d->nsessions; i++)
		if (d->sessions[i] && d->sessions[i]->cl == cl) {
			d->sessions[i]->cl = NULL;
			session__end(d, d->sessions[i], "client went away");
		}
	for (pp = &d->clients; *pp; pp = &(*pp)->next)
		if (*pp == cl) {
			*pp = cl->next;
			break;
		}
	if (u) {
		u->queued -= cl->counted;
		if (cl->uid)
			d->unpriv_conns--;
		if (--u->conns == 0) {
			for (up = &d->uids; *up; up = &(*up)->next)
				if (*up == u) {
					*up = u->next;
					break;
				}
			free(u);
		}
	}
	epoll_ctl(d->epfd, EPOLL_CTL_DEL, cl->conn.fd, NULL);
	close(cl->conn.fd);
	rn_conn__release(&cl->conn);
	free(cl);
	if (d->listen_paused)
		resume_listener(d); /* a descriptor just freed */
}

static uint32_t target_flags(const Renacer__V1__TraceOptions *o)
{
	uint32_t f = 0;

	if (o && o->follow)
		f |= RN_TF_FOLLOW;
	if (o && o->leader_only)
		f |= RN_TF_LEADER;
	return f;
}

static int start_session(struct daemon *d, struct client *cl, uint64_t id, const uint32_t *pids,
			 size_t npids, const Renacer__V1__TraceOptions *o, bool armed)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Started st = RENACER__V1__STARTED__INIT;
	struct session *s;
	char err[512];
	uint32_t active = 0, mine = 0, i;
	size_t k;
	int ret;

	if (!npids || npids > 1024) {
		send_error(d, cl, id, EINVAL, "give between 1 and 1024 process ids");
		return -EINVAL;
	}
	if (o && o->snaplen && o->snaplen > d->cfg.snaplen) {
		snprintf(err, sizeof(err),
			 "renacerd captures %u bytes per buffer, less than the %u asked (raise "
			 "snaplen in %s, or trace with --embedded)",
			 d->cfg.snaplen, o->snaplen, d->config_path);
		send_error(d, cl, id, EINVAL, err);
		return -EINVAL;
	}
	/* root is exempt: a user at the limits never locks the administrator out */
	for (i = 0; i < d->nsessions; i++) {
		const struct session *o2 = d->sessions[i];

		active += o2 && o2->cl && o2->cl->uid;
		mine += o2 && o2->cl && o2->cl->uid == cl->uid;
	}
	if (cl->uid && active >= d->cfg.max_sessions) {
		snprintf(err, sizeof(err),
			 "renacerd serves %u sessions of non-root users, the most max_sessions "
			 "allows (try again when one has ended, or raise max_sessions in %s)",
			 active, d->config_path);
		send_error(d, cl, id, EBUSY, err);
		return -EBUSY;
	}
	if (cl->uid && mine >= d->cfg.max_sessions_per_uid) {
		snprintf(err, sizeof(err),
			 "uid %u has %u sessions already, the most max_sessions_per_uid allows "
			 "(end one, e.g. with `renacerctl detach`, or raise max_sessions_per_uid "
			 "in %s)",
			 cl->uid, mine, d->config_path);
		send_error(d, cl, id, EBUSY, err);
		return -EBUSY;
	}
	for (k = 0; k < npids; k++) {
		ret = auth__may_trace(cl->uid, cl->gid, (pid_t)pids[k], err, sizeof(err));
		if (ret) {
			rn_info("refused uid %u: %s", cl->uid, err);
			send_error(d, cl, id, -ret, err);
			return ret;
		}
		for (size_t j = 0; j < k; j++)
			if (pids[j] == pids[k]) {
				snprintf(err, sizeof(err), "pid %u is given twice", pids[k]);
				send_error(d, cl, id, EINVAL, err);
				return -EINVAL;
			}
		if (session__of_tgid(d, pids[k])) {
			snprintf(err, sizeof(err), "pid %u is already traced by another session",
				 pids[k]);
			send_error(d, cl, id, EBUSY, err);
			return -EBUSY;
		}
	}
	ret = rn_engine__attach(d->eng);
	if (ret) {
		snprintf(err, sizeof(err), "renacerd cannot attach its BPF programs: %s",
			 strerror(-ret));
		send_error(d, cl, id, -ret, err);
		return ret;
	}
	s = session__new(d, cl);
	if (!s) {
		send_error(d, cl, id, ENOMEM, "renacerd is out of memory");
		session__detach_if_idle(d);
		return -ENOMEM;
	}
	if (o && o->n_filter == 8)
		memcpy(s->filter, o->filter, sizeof(s->filter));
	for (k = 0; k < npids; k++) {
		/* a non-root user's process leaves the trace when its credentials break ptrace's
		 * rule for that user (at exec, capset, setuid...) */
		ret = rn_engine__add_target_for(d->eng, (pid_t)pids[k],
						target_flags(o) | (armed ? RN_TF_ARMED : 0),
						(uint32_t)s->id, cl->uid, cl->gid);
		if (ret) {
			snprintf(err, sizeof(err), "cannot trace pid %u: %s", pids[k],
				 strerror(-ret));
			send_error(d, cl, id, -ret, err);
			s->cl = NULL;
			session__end(d, s, "failed to start");
			return ret;
		}
		session__add_pid(d, s, pids[k]);
	}
	st.session = s->id;
	reply.id = id;
	reply.body_case = RENACER__V1__REPLY__BODY_STARTED;
	reply.started = &st;
	rn_info("session %llu: uid %u pid %d traces %zu process(es)", (unsigned long long)s->id,
		cl->uid, cl->pid, npids);
	return server__send(d, cl, &reply);
}

static void fill_info(Renacer__V1__SessionInfo *info, const struct session *s)
{
	info->session = s->id;
	info->uid = s->cl ? s->cl->uid : 0;
	info->client_pid = s->cl ? (uint32_t)s->cl->pid : 0;
	info->n_pids = s->npids;
	info->pids = s->pids;
	info->records = s->records;
	info->started_unix_ns = s->started_unix_ns;
	info->queued_bytes = s->batch.len + (s->cl ? rn_conn__pending(&s->cl->conn) : 0);
}

/* The sessions a client may see: all for root, its own uid's otherwise. */
static size_t visible_sessions(struct daemon *d, struct client *cl, Renacer__V1__SessionInfo *infos,
			       Renacer__V1__SessionInfo **ptrs)
{
	size_t n = 0;
	uint32_t i;

	for (i = 0; i < d->nsessions; i++) {
		struct session *s = d->sessions[i];

		if (!s || (cl->uid && (!s->cl || s->cl->uid != cl->uid)))
			continue;
		renacer__v1__session_info__init(&infos[n]);
		fill_info(&infos[n], s);
		ptrs[n] = &infos[n];
		n++;
	}
	return n;
}

static void reply_status(struct daemon *d, struct client *cl, uint64_t id, bool full)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Status st = RENACER__V1__STATUS__INIT;
	Renacer__V1__SessionList list = RENACER__V1__SESSION_LIST__INIT;
	Renacer__V1__Counters total = RENACER__V1__COUNTERS__INIT, cpus[256], *cpu_ptrs[256];
	Renacer__V1__SessionInfo *infos = calloc(d->nsessions + 1, sizeof(*infos));
	Renacer__V1__SessionInfo **ptrs = calloc(d->nsessions + 1, sizeof(*ptrs));
	uint64_t per[256 * RN_CNT__MAX] = {0};
	int ncpu, c;

	if (!infos || !ptrs) {
		send_error(d, cl, id, ENOMEM, "renacerd is out of memory");
		goto out;
	}
	reply.id = id;
	if (!full) {
		list.n_sessions = visible_sessions(d, cl, infos, ptrs);
		list.sessions = ptrs;
		reply.body_case = RENACER__V1__REPLY__BODY_SESSIONS;
		reply.sessions = &list;
		server__send(d, cl, &reply);
		goto out;
	}
	st.version = RENACER_VERSION;
	st.uptime_ns = daemon__now(CLOCK_MONOTONIC) - d->start_mono_ns;
	st.n_sessions = visible_sessions(d, cl, infos, ptrs);
	st.sessions = ptrs;
	st.session_count = 0;
	for (uint32_t i = 0; i < d->nsessions; i++)
		st.session_count += d->sessions[i] != NULL;
	ncpu = rn_engine__counters_percpu(d->eng, per, 256);
	for (c = 0; c < ncpu; c++) {
		renacer__v1__counters__init(&cpus[c]);
		cpus[c].seen = per[c * RN_CNT__MAX + RN_CNT_SEEN];
		cpus[c].emitted = per[c * RN_CNT__MAX + RN_CNT_EMITTED];
		cpus[c].dropped = per[c * RN_CNT__MAX + RN_CNT_DROPPED];
		cpus[c].truncated = per[c * RN_CNT__MAX + RN_CNT_TRUNCATED];
		cpus[c].faulted = per[c * RN_CNT__MAX + RN_CNT_FAULTED];
		total.seen += cpus[c].seen;
		total.emitted += cpus[c].emitted;
		total.dropped += cpus[c].dropped;
		total.truncated += cpus[c].truncated;
		total.faulted += cpus[c].faulted;
		cpu_ptrs[c] = &cpus[c];
	}
	st.total = &total;
	st.n_per_cpu = ncpu > 0 ? (size_t)ncpu : 0;
	st.per_cpu = cpu_ptrs;
	rn_engine__ring_fill(d->eng, &st.ring_used, &st.ring_bytes);
	st.export_queue = 0; /* no exporter yet */
	reply.body_case = RENACER__V1__REPLY__BODY_STATUS;
	reply.status = &st;
	server__send(d, cl, &reply);
out:
	free(infos);
	free(ptrs);
}

static void detach(struct daemon *d, struct client *cl, uint64_t id, uint64_t session)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__SessionList list = RENACER__V1__SESSION_LIST__INIT;
	bool found = false;
	uint32_t i;

	for (i = 0; i < d->nsessions; i++) {
		struct session *s = d->sessions[i];

		if (!s || (session && s->id != session) || (!session && s->cl != cl))
			continue;
		if (cl->uid && s->cl != cl && (!s->cl || s->cl->uid != cl->uid)) {
			send_error(d, cl, id, EPERM,
				   "that session is another user's (only root may detach it)");
			return;
		}
		found = true;
		session__end(d, s, "detached");
	}
	if (!found) {
		send_error(d, cl, id, ENOENT, "no such session (see `renacerctl sessions`)");
		return;
	}
	reply.id = id;
	reply.body_case = RENACER__V1__REPLY__BODY_SESSIONS;
	reply.sessions = &list;
	server__send(d, cl, &reply);
}

static void handle(struct daemon *d, struct client *cl, const Renacer__V1__Request *rq)
{
	switch (rq->body_case) {
	case RENACER__V1__REQUEST__BODY_START:
		start_session(d, cl, rq->id, &rq->start->pid, 1, rq->start->options, true);
		break;
	case RENACER__V1__REQUEST__BODY_ATTACH:
		start_session(d, cl, rq->id, rq->attach->pids, rq->attach->n_pids,
			      rq->attach->options, false);
		break;
	case RENACER__V1__REQUEST__BODY_DETACH:
		detach(d, cl, rq->id, rq->detach->session);
		break;
	case RENACER__V1__REQUEST__BODY_STATUS:
		reply_status(d, cl, rq->id, true);
		break;
	case RENACER__V1__REQUEST__BODY_SESSIONS:
		reply_status(d, cl, rq->id, false);
		break;
	default:
		send_error(d, cl, rq->id, EINVAL,
			   "empty or unknown request (client and daemon "
			   "versions differ?)");
		cl->closing = true;
		break;
	}
}

/* Handles the whole requests cl has sent, until its replies pile up; false if cl is gone. */
static bool serve_requests(struct daemon *d, struct client *cl)
{
	Renacer__V1__Request *rq;
	const uint8_t *payload;
	size_t len;
	int ret = 0;

	while (!cl->closing) {
		if (server__congested(d, cl, 0)) {
			cl->paused = true; /* a client that does not read is not read either */
			break;
		}
		ret = rn_conn__next(&cl->conn, &payload, &len);
		if (ret != 1)
			break;
		rq = renacer__v1__request__unpack(NULL, len, payload);
		if (!rq) {
			send_error(d, cl, 0, EPROTO,
				   "malformed request frame (not a renacer.v1.Request)");
			cl->closing = true;
			break;
		}
		handle(d, cl, rq);
		renacer__v1__request__free_unpacked(rq, NULL);
	}
	if (ret == -EMSGSIZE) {
		send_error(d, cl, 0, EMSGSIZE, "request frame larger than 64 KiB");
		cl->closing = true;
	} else if (ret < 0 && !cl->closing) {
		server__drop_client(d, cl); /* gone: end of stream or error */
		return false;
	}
	/* the start of a frame waits for its rest, for frame_timeout at most */
	if (ret == 0 && !cl->paused && rn_conn__buffered(&cl->conn)) {
		if (!cl->partial_since)
			cl->partial_since = daemon__now(CLOCK_MONOTONIC);
	} else {
		cl->partial_since = 0;
	}
	return true;
}

void server__client_event(struct daemon *d, struct client *cl, uint32_t events)
{
	int ret;

	if (events & EPOLLOUT) {
		ret = rn_conn__flush(&cl->conn);
		account(d, cl);
		if (ret < 0) {
			server__drop_client(d, cl);
			return;
		}
	}
	if (cl->paused && (events & (EPOLLHUP | EPOLLERR))) {
		server__drop_client(d, cl); /* hung up while not being read */
		return;
	}
	if (cl->paused && !server__congested(d, cl, 0)) {
		cl->paused = false;
		events |= EPOLLIN; /* whole requests may wait in the buffer */
	}
	if (!cl->paused && (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) &&
	    !serve_requests(d, cl))
		return;
	if (cl->closing) {
		rn_conn__flush(&cl->conn);
		server__drop_client(d, cl);
		return;
	}
	rewatch(d, cl);
}

void server__tick(struct daemon *d)
{
	uint64_t now = daemon__now(CLOCK_MONOTONIC);
	uint64_t limit = (uint64_t)d->cfg.frame_timeout * 1000000000ULL;
	bool resume = d->resume_pending;
	struct client *cl, *next;
	char msg[256];

	d->resume_pending = false;
	if (d->listen_paused && now >= d->listen_retry_ns)
		resume_listener(d);
	for (cl = d->clients; cl; cl = next) {
		next = cl->next; /* only cl itself may be dropped below */
		if (resume && cl->paused && !server__congested(d, cl, 0)) {
			server__client_event(d, cl, 0);
		} else if (cl->partial_since && limit && now - cl->partial_since >= limit) {
			snprintf(
			    msg, sizeof(msg),
			    "a request frame stayed incomplete for %u s (frame_timeout in %s); "
			    "closing the connection",
			    d->cfg.frame_timeout, d->config_path);
			if (log_refusal_now())
				rn_info("client pid %d uid %u: %s", cl->pid, cl->uid, msg);
			send_error(d, cl, 0, ETIMEDOUT, msg);
			rn_conn__flush(&cl->conn);
			server__drop_client(d, cl);
		}
	}
}
