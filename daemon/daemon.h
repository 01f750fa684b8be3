/* SPDX-License-Identifier: MIT */
/* renacerd's shared state: one event loop owns the engine, the socket and the clients. */
#ifndef RENACER_DAEMON_H
#define RENACER_DAEMON_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "engine.h"
#include "frame.h"
#include "hmap.h"
#include "strbuf.h"

#define RENACERD_VERSION  "0.1.0"
#define DEFAULT_SOCKET	  "/run/renacer/renacerd.sock"
#define DEFAULT_CONFIG	  "/etc/renacer/renacerd.toml"
#define DEFAULT_SNAPLEN	  4096
#define MAX_CLIENT_QUEUE  (64u << 20) /* a slow client loses records past this */
#define BATCH_FLUSH_BYTES (256u << 10)

struct config {
	char socket[256];
	char group[64];
	uint64_t ring_bytes;
	uint32_t snaplen;
	uint32_t max_sessions;
	int log_level;
};

struct client {
	struct rn_conn conn;
	uid_t uid;
	gid_t gid;
	pid_t pid;
	bool closing; /* close once the queued replies are written */
	struct client *next;
};

struct session {
	uint64_t id;
	struct client *cl;
	struct rn_strbuf batch; /* records waiting to be sent */
	uint64_t records, lost;
	uint64_t started_unix_ns;
	uint64_t filter[8];
	uint32_t *pids; /* processes traced now */
	uint32_t npids, cpids;
	bool ended;
};

struct daemon {
	struct config cfg;
	const char *config_path;
	struct rn_engine *eng;
	int listen_fd, epfd, sigfd;
	struct client *clients;
	struct session **sessions;
	uint32_t nsessions, csessions;
	struct rn_hmap by_tgid; /* tgid -> session slot + 1 (0: none) */
	uint64_t next_session;
	uint64_t start_mono_ns;
	bool stopping;
};

/* config.c */
void config__defaults(struct config *c);
/* Reads path into c; a missing file is fine when !required. Errors name file:line:col. */
int config__load(struct config *c, const char *path, bool required, char *err, size_t errlen);

/* auth.c: may the client (uid, gid) trace pid? 0, or -EPERM/-ESRCH with why in err. */
int auth__may_trace(uid_t uid, gid_t gid, pid_t pid, char *err, size_t errlen);

/* session.c */
struct session *session__new(struct daemon *d, struct client *cl);
void session__end(struct daemon *d, struct session *s, const char *reason);
void session__add_pid(struct daemon *d, struct session *s, uint32_t tgid);
struct session *session__of_tgid(struct daemon *d, uint32_t tgid);
int session__on_record(void *ctx, const void *data, size_t size);
void session__flush_all(struct daemon *d);
void session__reap(struct daemon *d); /* ends sessions whose processes are gone */

/* server.c */
int server__listen(struct daemon *d, char *err, size_t errlen);
void server__accept(struct daemon *d);
void server__client_event(struct daemon *d, struct client *cl, uint32_t events);
void server__drop_client(struct daemon *d, struct client *cl);
int server__send(struct daemon *d, struct client *cl, const void *reply_msg);

uint64_t daemon__now(int clock);

#endif
