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
#include "frame.h"
#include "log.h"

/* Creates the socket's directory, refuses to steal a live daemon's socket, binds 0660. */
int server__listen(struct rnd_daemon *d, char *err, size_t errlen)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char dir[sizeof(d->cfg.socket)];
	struct group *gr;
	int fd, probe, saved;
	mode_t mask;
	bool bound;

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
	/*
	 * Bound 0600 (umask), given its group and mode, and only then listening: a client that
	 * can connect finds the socket's final owner and mode, never the umask's.
	 */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	mask = umask(0177);
	bound = fd >= 0 && !bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	saved = errno;
	umask(mask);
	errno = saved;
	if (bound) {
		gr = getgrnam(d->cfg.group);
		if (!gr || chown(d->cfg.socket, 0, gr->gr_gid))
			rn_warn("group '%s' %s: only root can use %s (create the group, e.g. with "
				"`make install`)",
				d->cfg.group, gr ? "cannot own the socket" : "does not exist",
				d->cfg.socket);
		chmod(d->cfg.socket, 0660);
	}
	if (!bound || listen(fd, 128)) {
		snprintf(err, errlen, "cannot listen on %s: %s", d->cfg.socket, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	d->listen_fd = fd;
	return 0;
}

#define ACCEPT_BATCH 64 /* connections taken per wakeup; the listener wakes the loop again */

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

static void pause_listener(struct rnd_daemon *d, int err)
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

static void resume_listener(struct rnd_daemon *d)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &d->listen_fd};

	if (d->reserve_fd < 0)
		d->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (d->listen_fd >= 0 && !epoll_ctl(d->epfd, EPOLL_CTL_MOD, d->listen_fd, &ev))
		d->listen_paused = false;
	d->listen_retry_ns = daemon__now(CLOCK_MONOTONIC) + 1000000000ULL;
}

static void admit(struct rnd_daemon *d, int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	struct rnd_client *cl;
	char why[512];

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len)) {
		close(fd);
		return;
	}
	if (!client__admissible(d, &cred, why, sizeof(why))) {
		refuse(fd, EUSERS, why);
		return;
	}
	cl = client__new(d, fd, &cred);
	if (!cl) {
		refuse(fd, ENOMEM, "renacerd is out of memory");
		return;
	}
	if (client__watch(d, cl)) {
		server__drop_client(d, cl);
		return;
	}
	rn_debug("client pid %d uid %u connected", cred.pid, cred.uid);
}

/*
 * The listener is level-triggered: a pending connection that cannot be accepted would
 * wake the loop forever. Out of descriptors, the reserve one is spent to take the
 * connection and tell it why; without a reserve, the listener rests until one frees.
 */
void server__accept(struct rnd_daemon *d)
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

void server__drop_client(struct rnd_daemon *d, struct rnd_client *cl)
{
	/* its sessions end: the traced processes leave the traced set, untouched */
	session__end_of_client(d, cl);
	client__free(d, cl);
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

static int start_session(struct rnd_daemon *d, struct rnd_client *cl, uint64_t id,
			 const uint32_t *pids, size_t npids, const Renacer__V1__TraceOptions *o,
			 bool armed)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Started st = RENACER__V1__STARTED__INIT;
	const struct ucred *me = client__peer(cl);
	struct rnd_session *s;
	char err[512];
	uint32_t active, mine;
	size_t k;
	int ret;

	if (!npids || npids > 1024) {
		client__send_error(d, cl, id, EINVAL, "give between 1 and 1024 process ids");
		return -EINVAL;
	}
	if (o && o->snaplen && o->snaplen > d->cfg.snaplen) {
		snprintf(err, sizeof(err),
			 "renacerd captures %u bytes per buffer, less than the %u asked (raise "
			 "snaplen in %s, or trace with --embedded)",
			 d->cfg.snaplen, o->snaplen, d->config_path);
		client__send_error(d, cl, id, EINVAL, err);
		return -EINVAL;
	}
	/* root is exempt: a user at the limits never locks the administrator out */
	session__count_users(d, me->uid, &active, &mine);
	if (me->uid && active >= d->cfg.max_sessions) {
		snprintf(err, sizeof(err),
			 "renacerd serves %u sessions of non-root users, the most max_sessions "
			 "allows (try again when one has ended, or raise max_sessions in %s)",
			 active, d->config_path);
		client__send_error(d, cl, id, EBUSY, err);
		return -EBUSY;
	}
	if (me->uid && mine >= d->cfg.max_sessions_per_uid) {
		snprintf(err, sizeof(err),
			 "uid %u has %u sessions already, the most max_sessions_per_uid allows "
			 "(end one, e.g. with `renacerctl detach`, or raise max_sessions_per_uid "
			 "in %s)",
			 me->uid, mine, d->config_path);
		client__send_error(d, cl, id, EBUSY, err);
		return -EBUSY;
	}
	for (k = 0; k < npids; k++) {
		ret = auth__may_trace(me->uid, me->gid, (pid_t)pids[k], err, sizeof(err));
		if (ret) {
			rn_info("refused uid %u: %s", me->uid, err);
			client__send_error(d, cl, id, -ret, err);
			return ret;
		}
		for (size_t j = 0; j < k; j++)
			if (pids[j] == pids[k]) {
				snprintf(err, sizeof(err), "pid %u is given twice", pids[k]);
				client__send_error(d, cl, id, EINVAL, err);
				return -EINVAL;
			}
		if (session__of_tgid(d, pids[k])) {
			snprintf(err, sizeof(err), "pid %u is already traced by another session",
				 pids[k]);
			client__send_error(d, cl, id, EBUSY, err);
			return -EBUSY;
		}
	}
	ret = rn_engine__attach(d->eng);
	if (ret) {
		snprintf(err, sizeof(err), "renacerd cannot attach its BPF programs: %s",
			 strerror(-ret));
		client__send_error(d, cl, id, -ret, err);
		return ret;
	}
	s = session__new(d, cl, o && o->n_filter == 8 ? o->filter : NULL);
	if (!s) {
		client__send_error(d, cl, id, ENOMEM, "renacerd is out of memory");
		session__detach_if_idle(d);
		return -ENOMEM;
	}
	for (k = 0; k < npids; k++) {
		/* a non-root user's process leaves the trace when its credentials break ptrace's
		 * rule for that user (at exec, capset, setuid...) */
		ret = rn_engine__add_target_for(d->eng, (pid_t)pids[k],
						target_flags(o) | (armed ? RN_TF_ARMED : 0),
						(uint32_t)session__id(s), me->uid, me->gid);
		if (ret) {
			snprintf(err, sizeof(err), "cannot trace pid %u: %s", pids[k],
				 strerror(-ret));
			client__send_error(d, cl, id, -ret, err);
			session__fail(d, s);
			return ret;
		}
		session__add_pid(d, s, pids[k]);
	}
	st.session = session__id(s);
	reply.id = id;
	reply.body_case = RENACER__V1__REPLY__BODY_STARTED;
	reply.started = &st;
	rn_info("session %llu: uid %u pid %d traces %zu process(es)",
		(unsigned long long)session__id(s), me->uid, me->pid, npids);
	return client__send(d, cl, &reply);
}

static void reply_status(struct rnd_daemon *d, struct rnd_client *cl, uint64_t id, bool full)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Status st = RENACER__V1__STATUS__INIT;
	Renacer__V1__SessionList list = RENACER__V1__SESSION_LIST__INIT;
	Renacer__V1__Counters total = RENACER__V1__COUNTERS__INIT, cpus[256], *cpu_ptrs[256];
	Renacer__V1__SessionInfo *infos = calloc(d->nsessions + 1, sizeof(*infos));
	Renacer__V1__SessionInfo **ptrs = calloc(d->nsessions + 1, sizeof(*ptrs));
	uint64_t per[256 * RN_CNT__MAX] = {0};
	Renacer__V1__OtlpExport otlp = RENACER__V1__OTLP_EXPORT__INIT;
	char otlp_url[512], otlp_err[256];
	int ncpu, c;

	if (!infos || !ptrs) {
		client__send_error(d, cl, id, ENOMEM, "renacerd is out of memory");
		goto out;
	}
	reply.id = id;
	if (!full) {
		list.n_sessions = session__list(d, cl, infos, ptrs);
		list.sessions = ptrs;
		reply.body_case = RENACER__V1__REPLY__BODY_SESSIONS;
		reply.sessions = &list;
		client__send(d, cl, &reply);
		goto out;
	}
	st.version = RENACER_VERSION;
	st.uptime_ns = daemon__now(CLOCK_MONOTONIC) - d->start_mono_ns;
	st.n_sessions = session__list(d, cl, infos, ptrs);
	st.sessions = ptrs;
	st.session_count = session__count(d);
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
	st.export_queue = 0;
	if (record__otlp_stats(d, &otlp.sent_spans, &otlp.dropped_spans, otlp_url, sizeof(otlp_url),
			       otlp_err, sizeof(otlp_err))) {
		otlp.endpoint = otlp_url;
		otlp.last_error = otlp_err;
		st.otlp = &otlp;
	}
	reply.body_case = RENACER__V1__REPLY__BODY_STATUS;
	reply.status = &st;
	client__send(d, cl, &reply);
out:
	free(infos);
	free(ptrs);
}

static void detach(struct rnd_daemon *d, struct rnd_client *cl, uint64_t id, uint64_t session)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__SessionList list = RENACER__V1__SESSION_LIST__INIT;
	int ret = session__detach(d, cl, session);

	if (ret == -EPERM) {
		client__send_error(d, cl, id, EPERM,
				   "that session is another user's (only root may detach it)");
		return;
	}
	if (ret) {
		client__send_error(d, cl, id, ENOENT,
				   "no such session (see `renacerctl sessions`)");
		return;
	}
	reply.id = id;
	reply.body_case = RENACER__V1__REPLY__BODY_SESSIONS;
	reply.sessions = &list;
	client__send(d, cl, &reply);
}

static void handle(struct rnd_daemon *d, struct rnd_client *cl, const Renacer__V1__Request *rq)
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
	case RENACER__V1__REQUEST__BODY_STATS:
		system__reply_stats(d, cl, rq->id);
		break;
	default:
		client__send_error(d, cl, rq->id, EINVAL,
				   "empty or unknown request (client and daemon "
				   "versions differ?)");
		client__close_after_replies(cl);
		break;
	}
}

/* Handles the whole requests cl has sent, until its replies pile up; false if cl is gone. */
static bool serve_requests(struct rnd_daemon *d, struct rnd_client *cl)
{
	Renacer__V1__Request *rq;
	int ret;

	while ((ret = client__next_request(d, cl, &rq)) == 1) {
		handle(d, cl, rq);
		renacer__v1__request__free_unpacked(rq, NULL);
	}
	if (ret < 0) {
		server__drop_client(d, cl); /* gone: end of stream or error */
		return false;
	}
	return true;
}

void server__client_event(struct rnd_daemon *d, struct rnd_client *cl, uint32_t events)
{
	int ret = client__on_event(d, cl, events);

	if (ret < 0) {
		server__drop_client(d, cl);
		return;
	}
	if (ret && !serve_requests(d, cl))
		return;
	if (client__closing(cl)) {
		client__flush(cl);
		server__drop_client(d, cl);
		return;
	}
	client__rewatch(d, cl);
}

void server__tick(struct rnd_daemon *d)
{
	uint64_t now = daemon__now(CLOCK_MONOTONIC);
	uint64_t limit = (uint64_t)d->cfg.frame_timeout * 1000000000ULL;
	bool resume = d->resume_pending;
	struct rnd_client *cl, *next;
	char msg[256];

	d->resume_pending = false;
	if (d->listen_paused && now >= d->listen_retry_ns)
		resume_listener(d);
	for (cl = d->clients; cl; cl = next) {
		next = client__next(cl); /* only cl itself may be dropped below */
		if (resume && client__paused(cl) && !client__congested(d, cl, 0)) {
			server__client_event(d, cl, 0);
		} else if (client__stalled(cl, now, limit)) {
			snprintf(
			    msg, sizeof(msg),
			    "a request frame stayed incomplete for %u s (frame_timeout in %s); "
			    "closing the connection",
			    d->cfg.frame_timeout, d->config_path);
			if (log_refusal_now())
				rn_info("client pid %d uid %u: %s", client__peer(cl)->pid,
					client__peer(cl)->uid, msg);
			client__send_error(d, cl, 0, ETIMEDOUT, msg);
			client__flush(cl);
			server__drop_client(d, cl);
		}
	}
}
