// SPDX-License-Identifier: MIT
/*
 * A client's connection: its frames in and out, the replies queued to it, and the limits
 * that keep one user's unread replies from filling the daemon (per connection and per uid).
 * The request handlers and the sessions both send through here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "renacer/v1/control.pb-c.h"
#include "daemon.h"
#include "frame.h"

/* What one uid holds now; one per uid with a connection (allocated one by one: clients
 * keep a pointer to it). */
struct rnd_uid_use {
	uid_t uid;
	uint32_t conns;
	uint64_t queued; /* bytes queued to its connections, not yet written */
	struct rnd_uid_use *next;
};

struct rnd_client {
	struct rn_conn conn;
	struct ucred peer;
	struct rnd_uid_use *use;
	size_t counted;		/* pending output bytes as last added to use->queued */
	uint64_t partial_since; /* CLOCK_MONOTONIC ns when an unfinished request began */
	uint32_t watched;	/* the epoll events asked for now */
	bool paused;		/* its replies are not being read: its requests are not either */
	bool closing;		/* close once the queued replies are written */
	struct rnd_client *next;
};

struct rnd_client *client__new(struct rnd_daemon *d, int fd, const struct ucred *peer)
{
	struct rnd_client *cl = calloc(1, sizeof(*cl));
	struct rnd_uid_use *u;

	if (!cl)
		return NULL;
	for (u = d->uids; u && u->uid != peer->uid; u = u->next)
		;
	if (!u) {
		u = calloc(1, sizeof(*u));
		if (!u) {
			free(cl);
			return NULL;
		}
		u->uid = peer->uid;
		u->next = d->uids;
		d->uids = u;
	}
	u->conns++;
	if (peer->uid)
		d->unpriv_conns++;
	rn_conn__init(&cl->conn, fd, RN_FRAME_MAX_REQUEST);
	cl->peer = *peer;
	cl->use = u;
	cl->next = d->clients;
	d->clients = cl;
	return cl;
}

void client__free(struct rnd_daemon *d, struct rnd_client *cl)
{
	struct rnd_client **pp;
	struct rnd_uid_use **up, *u;

	if (!cl)
		return;
	u = cl->use;
	for (pp = &d->clients; *pp; pp = &(*pp)->next)
		if (*pp == cl) {
			*pp = cl->next;
			break;
		}
	if (u) {
		u->queued -= cl->counted;
		if (cl->peer.uid)
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
}

int client__watch(struct rnd_daemon *d, struct rnd_client *cl)
{
	struct epoll_event ev;

	ev.events = cl->watched = EPOLLIN | EPOLLRDHUP;
	ev.data.ptr = cl;
	return epoll_ctl(d->epfd, EPOLL_CTL_ADD, cl->conn.fd, &ev) ? -errno : 0;
}

void client__rewatch(struct rnd_daemon *d, struct rnd_client *cl)
{
	uint32_t want =
	    (cl->paused ? 0 : EPOLLIN | EPOLLRDHUP) | (rn_conn__pending(&cl->conn) ? EPOLLOUT : 0);
	struct epoll_event ev = {.events = want, .data.ptr = cl};

	if (want != cl->watched && !epoll_ctl(d->epfd, EPOLL_CTL_MOD, cl->conn.fd, &ev))
		cl->watched = want;
}

const struct ucred *client__peer(const struct rnd_client *cl)
{
	return &cl->peer;
}

struct rnd_client *client__next(const struct rnd_client *cl)
{
	return cl->next;
}

size_t client__pending(const struct rnd_client *cl)
{
	return rn_conn__pending(&cl->conn);
}

bool client__paused(const struct rnd_client *cl)
{
	return cl->paused;
}

bool client__closing(const struct rnd_client *cl)
{
	return cl->closing;
}

void client__close_after_replies(struct rnd_client *cl)
{
	cl->closing = true;
}

bool client__stalled(const struct rnd_client *cl, uint64_t now, uint64_t limit)
{
	return cl->partial_since && limit && now - cl->partial_since >= limit;
}

bool client__admissible(const struct rnd_daemon *d, const struct ucred *peer, char *why, size_t len)
{
	const struct rnd_uid_use *u;

	if (!peer->uid)
		return true;
	if (d->unpriv_conns >= d->cfg.max_connections) {
		snprintf(why, len,
			 "renacerd has %u connections of non-root users, the most max_connections "
			 "allows (try again when some have closed, or raise max_connections in %s)",
			 d->unpriv_conns, d->config_path);
		return false;
	}
	for (u = d->uids; u && u->uid != peer->uid; u = u->next)
		;
	if (u && u->conns >= d->cfg.max_connections_per_uid) {
		snprintf(why, len,
			 "uid %u has %u connections to renacerd already, the most "
			 "max_connections_per_uid allows (close other renacerctl clients of this "
			 "user, or raise max_connections_per_uid in %s)",
			 peer->uid, u->conns, d->config_path);
		return false;
	}
	return true;
}

/* Keeps the uid's queued bytes in step with cl's pending output. */
static void account(struct rnd_daemon *d, struct rnd_client *cl)
{
	size_t now = rn_conn__pending(&cl->conn);
	struct rnd_uid_use *u = cl->use;
	bool was_over;

	if (u) {
		was_over = u->queued > d->cfg.max_queued_bytes_per_uid;
		u->queued = u->queued - cl->counted + now;
		if (was_over && u->queued <= d->cfg.max_queued_bytes_per_uid)
			d->resume_pending = true;
	}
	cl->counted = now;
}

bool client__congested(const struct rnd_daemon *d, const struct rnd_client *cl, size_t extra)
{
	size_t mine = rn_conn__pending(&cl->conn) + extra;

	if (mine > d->cfg.max_queued_bytes)
		return true;
	return cl->peer.uid && cl->use &&
	       cl->use->queued - cl->counted + mine > d->cfg.max_queued_bytes_per_uid;
}

int client__send(struct rnd_daemon *d, struct rnd_client *cl, const void *reply_msg)
{
	int ret = rn_conn__queue(&cl->conn, reply_msg);

	if (!ret)
		ret = rn_conn__flush(&cl->conn);
	account(d, cl);
	client__rewatch(d, cl);
	return ret < 0 ? ret : 0;
}

void client__send_error(struct rnd_daemon *d, struct rnd_client *cl, uint64_t id, int code,
			const char *msg)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__Error e = RENACER__V1__ERROR__INIT;

	e.code = code;
	e.message = (char *)msg;
	reply.id = id;
	reply.body_case = RENACER__V1__REPLY__BODY_ERROR;
	reply.error = &e;
	client__send(d, cl, &reply);
}

int client__flush(struct rnd_client *cl)
{
	return rn_conn__flush(&cl->conn);
}

bool client__flush_all(struct rnd_daemon *d)
{
	struct rnd_client *cl;
	bool pending = false;

	for (cl = d->clients; cl; cl = cl->next)
		if (rn_conn__pending(&cl->conn) && rn_conn__flush(&cl->conn) > 0)
			pending = true; /* the uids' counts do not matter any more */
	return pending;
}

int client__on_event(struct rnd_daemon *d, struct rnd_client *cl, uint32_t events)
{
	int ret;

	if (events & EPOLLOUT) {
		ret = rn_conn__flush(&cl->conn);
		account(d, cl);
		if (ret < 0)
			return ret;
	}
	if (cl->paused && (events & (EPOLLHUP | EPOLLERR)))
		return -ECONNRESET; /* hung up while not being read */
	if (cl->paused && !client__congested(d, cl, 0)) {
		cl->paused = false;
		events |= EPOLLIN; /* whole requests may wait in the buffer */
	}
	return !cl->paused && (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR));
}

int client__next_request(struct rnd_daemon *d, struct rnd_client *cl,
			 struct Renacer__V1__Request **rq)
{
	const uint8_t *payload;
	size_t len;
	int ret;

	*rq = NULL;
	if (cl->closing) {
		cl->partial_since = 0;
		return 0;
	}
	if (client__congested(d, cl, 0)) {
		cl->paused = true; /* a client that does not read is not read either */
		cl->partial_since = 0;
		return 0;
	}
	ret = rn_conn__next(&cl->conn, &payload, &len);
	if (ret == 1) {
		*rq = renacer__v1__request__unpack(NULL, len, payload);
		if (*rq)
			return 1;
		client__send_error(d, cl, 0, EPROTO,
				   "malformed request frame (not a renacer.v1.Request)");
	} else if (ret == -EMSGSIZE) {
		client__send_error(d, cl, 0, EMSGSIZE, "request frame larger than 64 KiB");
	} else if (ret < 0) {
		return ret; /* gone: end of stream or error */
	} else {
		/* the start of a frame waits for its rest, for frame_timeout at most */
		if (!rn_conn__buffered(&cl->conn))
			cl->partial_since = 0;
		else if (!cl->partial_since)
			cl->partial_since = daemon__now(CLOCK_MONOTONIC);
		return 0;
	}
	cl->closing = true;
	cl->partial_since = 0;
	return 0;
}
