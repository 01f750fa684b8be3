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
#include "version.h"

#define DEFAULT_SOCKET	  "/run/renacer/renacerd.sock"
#define DEFAULT_CONFIG	  "/etc/renacer/renacerd.toml"
#define DEFAULT_SNAPLEN	  4096
#define BATCH_FLUSH_BYTES (256u << 10)
/* Descriptors kept free for root beyond max_connections (the startup check of RLIMIT_NOFILE). */
#define ROOT_FD_HEADROOM 64

struct config {
	char socket[256];
	char group[64];
	uint64_t ring_bytes;
	uint32_t snaplen;
	uint32_t max_sessions;
	/* Limits that keep one user from denying the daemon to others; root is exempt. */
	uint32_t max_connections; /* connections of non-root users, all together */
	uint32_t max_connections_per_uid;
	uint32_t max_sessions_per_uid;
	uint64_t max_queued_bytes;	   /* replies queued to one connection */
	uint64_t max_queued_bytes_per_uid; /* the same, summed over one uid's connections */
	uint32_t frame_timeout;		   /* seconds a request frame may take to arrive whole */
	int log_level;
};

/* What one uid holds now; one per uid with a connection (allocated one by one: clients
 * keep a pointer to it). */
struct uid_use {
	uid_t uid;
	uint32_t conns;
	uint64_t queued; /* bytes queued to its connections, not yet written */
	struct uid_use *next;
};

struct client {
	struct rn_conn conn;
	uid_t uid;
	gid_t gid;
	pid_t pid;
	struct uid_use *use;
	size_t counted;		/* pending output bytes as last added to use->queued */
	uint64_t partial_since; /* CLOCK_MONOTONIC ns when an unfinished request began */
	uint32_t watched;	/* the epoll events asked for now */
	bool paused;		/* its replies are not being read: its requests are not either */
	bool closing;		/* close once the queued replies are written */
	struct client *next;
};

struct session {
	uint64_t id;
	struct client *cl;
	struct rn_strbuf batch; /* records waiting to be sent */
	uint64_t records, lost;
	uint64_t lost_sent; /* the `lost` the client was last told */
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
	int reserve_fd;	     /* spent to refuse a client politely when no fd is left */
	bool listen_paused;  /* out of fds: the listener is not polled until one frees */
	bool resume_pending; /* a uid went below its queue limit: paused clients may read */
	uint64_t listen_retry_ns;
	struct client *clients;
	struct uid_use *uids;
	uint32_t unpriv_conns; /* connections of non-root users */
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
/* Detaches the BPF programs when no session is left: an idle daemon costs the host nothing. */
void session__detach_if_idle(struct daemon *d);
void session__add_pid(struct daemon *d, struct session *s, uint32_t tgid);
struct session *session__of_tgid(struct daemon *d, uint32_t tgid);
int session__on_record(void *ctx, const void *data, size_t size);
void session__flush_all(struct daemon *d);
void session__reap(struct daemon *d); /* ends sessions whose processes are gone */

/* server.c */
int server__listen(struct daemon *d, char *err, size_t errlen);
void server__accept(struct daemon *d);
/* A connected client (not yet polled): NULL when out of memory. */
struct client *server__add_client(struct daemon *d, int fd, uid_t uid, gid_t gid, pid_t pid);
void server__client_event(struct daemon *d, struct client *cl, uint32_t events);
void server__drop_client(struct daemon *d, struct client *cl);
int server__send(struct daemon *d, struct client *cl, const void *reply_msg);
/* True when cl has more than its share of queued output (plus `extra` about to be queued). */
bool server__congested(const struct daemon *d, const struct client *cl, size_t extra);
/* Once per loop turn: resumes paused clients, closes stalled frames, retries the listener. */
void server__tick(struct daemon *d);

uint64_t daemon__now(int clock);

#endif
