// SPDX-License-Identifier: MIT
#include "daemon_client.h"

#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "report.h"

struct rn_dclient {
	struct rn_conn conn;
	uint64_t next_id;
};

const char *rn_dclient__socket_path(const char *explicit_path)
{
	const char *env = getenv("RENACER_SOCKET");

	if (explicit_path)
		return explicit_path;
	return env && *env ? env : RENACER_DEFAULT_SOCKET;
}

const char *rn_dclient__hint(int err, const char *path, const char *otherwise, char *buf,
			     size_t len)
{
	struct passwd *pw = getpwuid(getuid());
	const char *user = pw ? pw->pw_name : "USER";
	struct group *gr;
	struct stat st;

	if (err != -EACCES && err != -EPERM)
		return otherwise;
	if (stat(path, &st) || !(gr = getgrgid(st.st_gid)) || !st.st_gid)
		snprintf(buf, len,
			 "only root and the socket's group may use it: run as root, or ask for "
			 "renacerd's group (renacerd --group NAME)");
	else
		snprintf(buf, len,
			 "only root and the group %s may use it: ask an administrator to run "
			 "`usermod -aG %s %s`, then log in again (or `newgrp %s`)",
			 gr->gr_name, gr->gr_name, user, gr->gr_name);
	return buf;
}

int rn_dclient__connect(struct rn_dclient **out, const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct rn_dclient *c;
	int fd, err;

	*out = NULL;
	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		err = -errno;
		close(fd);
		return err;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return -ENOMEM;
	}
	rn_conn__init(&c->conn, fd, RN_FRAME_MAX_REPLY);
	c->next_id = 1;
	*out = c;
	return 0;
}

void rn_dclient__free(struct rn_dclient *c)
{
	if (!c)
		return;
	close(c->conn.fd);
	rn_conn__release(&c->conn);
	free(c);
}

int rn_dclient__peer_stopped(const struct rn_dclient *c)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	char path[64], buf[512], *rp;
	FILE *f;
	char state = 0;

	if (getsockopt(c->conn.fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) || cred.pid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/stat", cred.pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f) && (rp = strrchr(buf, ')')))
		state = rp[1] == ' ' ? rp[2] : 0;
	fclose(f);
	/*
	 * "pid (comm) T ...": stopped by a signal (SIGSTOP, SIGTSTP) until SIGCONT. Not 't': a
	 * daemon under strace passes through tracing stops at every call and still answers.
	 */
	return state == 'T' ? cred.pid : 0;
}

static int wait_fd(int fd, short events, int timeout_ms)
{
	struct pollfd p = {.fd = fd, .events = events};
	int n = poll(&p, 1, timeout_ms);

	return n < 0 ? (errno == EINTR ? 0 : -errno) : n;
}

int rn_dclient__send(struct rn_dclient *c, Renacer__V1__Request *rq)
{
	int ret;

	if (!rq->id)
		rq->id = c->next_id++;
	ret = rn_conn__queue(&c->conn, &rq->base);
	while (!ret && (ret = rn_conn__flush(&c->conn)) == 1)
		if (wait_fd(c->conn.fd, POLLOUT, 1000) < 0)
			return -EIO;
	return ret;
}

/* Reads one whole reply frame if there is one: 1 with *reply set, 0 when none yet. */
static int next_reply(struct rn_dclient *c, Renacer__V1__Reply **reply)
{
	const uint8_t *payload;
	size_t len;
	int ret = rn_conn__next(&c->conn, &payload, &len);

	if (ret <= 0)
		return ret;
	*reply = renacer__v1__reply__unpack(NULL, len, payload);
	return *reply ? 1 : -EPROTO;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int rn_dclient__call(struct rn_dclient *c, Renacer__V1__Request *rq, Renacer__V1__Reply **reply,
		     int timeout_ms, struct rn_demux *dm)
{
	uint64_t until = now_ms() + (uint64_t)timeout_ms;
	int ret = rn_dclient__send(c, rq);

	while (!ret) {
		Renacer__V1__Reply *r = NULL;

		ret = next_reply(c, &r);
		if (ret < 0)
			return ret;
		if (ret == 1) {
			if (r->id == rq->id) {
				*reply = r;
				return 0;
			}
			if (r->body_case == RENACER__V1__REPLY__BODY_EVENTS && dm)
				rn_demux__buffer(dm, r->events->records.data,
						 r->events->records.len);
			renacer__v1__reply__free_unpacked(r, NULL);
			ret = 0;
			continue;
		}
		if (now_ms() >= until)
			return -ETIMEDOUT;
		ret = wait_fd(c->conn.fd, POLLIN, (int)(until - now_ms()));
		ret = ret < 0 ? ret : 0;
	}
	return ret;
}

/* What renacerd's own recording of the session concluded (its assertions, its spool). */
static void print_verdict(const Renacer__V1__Verdict *v)
{
	const char *p, *nl;

	if (v->checked) {
		rn_cli__info(NULL,
			     "renacerd checked the trace against its assertions: %s (%u passed, %u "
			     "failed, %u warned, %u skipped)%s%s",
			     v->status ? "FAILED" : "passed", v->passed, v->failed, v->warned,
			     v->skipped, v->junit_path[0] ? "; JUnit report: " : "", v->junit_path);
		for (p = v->report; *p; p = *nl ? nl + 1 : nl) {
			nl = strchrnul(p, '\n');
			if (nl > p)
				rn_cli__info(NULL, "  %.*s", (int)(nl - p), p);
		}
	}
	if (v->trace_path[0])
		rn_cli__info(NULL, "renacerd kept the trace: %s", v->trace_path);
}

int rn_dclient__pump(struct rn_dclient *c, int timeout_ms, struct rn_demux *dm, bool *ended,
		     char *reason, size_t reasonlen, uint64_t *lost)
{
	Renacer__V1__Reply *r;
	int ret;

	ret = wait_fd(c->conn.fd, POLLIN, timeout_ms);
	if (ret < 0)
		return ret;
	while ((ret = next_reply(c, &r)) == 1) {
		switch (r->body_case) {
		case RENACER__V1__REPLY__BODY_EVENTS:
			if (rn_demux__buffer(dm, r->events->records.data, r->events->records.len))
				rn_cli__error(NULL, NULL, "renacerd sent a malformed record batch");
			*lost = r->events->lost;
			break;
		case RENACER__V1__REPLY__BODY_ENDED:
			*ended = true;
			snprintf(reason, reasonlen, "%s", r->ended->reason);
			if (r->ended->verdict)
				print_verdict(r->ended->verdict);
			break;
		case RENACER__V1__REPLY__BODY_ERROR:
			rn_cli__error(NULL, NULL, "renacerd: %s", r->error->message);
			break;
		default:
			break;
		}
		renacer__v1__reply__free_unpacked(r, NULL);
	}
	/* a stopping daemon closes next: say so now, or a caller waiting for its child hangs */
	if (*ended && strstr(reason, "stopping"))
		return -EPIPE;
	return ret < 0 ? ret : 0;
}
