/* SPDX-License-Identifier: MIT */
/*
 * renacerd's shared state: one event loop owns the engine, the socket and the clients.
 * The calls run one way: main.c -> server.c -> session.c -> client.c; a client and a
 * session are opaque outside their own file.
 */
#ifndef RENACER_DAEMON_H
#define RENACER_DAEMON_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#include "engine.h"
#include "hmap.h"
#include "defaults.h"
#include "system.h"

#define BATCH_FLUSH_BYTES (256u << 10)
/* Descriptors kept free for root beyond max_connections (the startup check of RLIMIT_NOFILE). */
#define ROOT_FD_HEADROOM 64

struct Renacer__V1__Request;
struct Renacer__V1__SessionInfo;

#define RND_SPOOL_DEFAULT    "/var/lib/renacer/traces"
#define RND_MAX_WATCHES	     16
#define RND_MAX_OTLP_HEADERS 16

/* A [[watch]] table: process trees appearing in matching cgroups are traced (watch.c). */
struct rnd_watch {
	char cgroup[256]; /* a glob under /sys/fs/cgroup, or "" */
	char unit[128];	  /* a systemd unit name (glob allowed), or "" */
	unsigned line;
};

struct rnd_config {
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
	struct rnd_system_cfg sys; /* system_wide and [system] (system.c) */
	/* What renacerd does with the sessions it records itself (record.c) */
	char otlp_endpoint[512]; /* "": no export (renacerd --otlp wins) */
	char otlp_spans[64];
	char otlp_headers[RND_MAX_OTLP_HEADERS][256];
	uint32_t notlp_headers;
	char assertions[512]; /* a renacer.toml checked on every session, or "" */
	char spool_dir[512];
	uint64_t spool_max_bytes; /* 0: no limit */
	uint64_t spool_max_age;	  /* seconds; 0: no limit */
	struct rnd_watch watches[RND_MAX_WATCHES];
	uint32_t nwatches;
};

struct rnd_client;    /* client.c */
struct rnd_uid_use;   /* client.c */
struct rnd_session;   /* session.c */
struct rnd_recording; /* record.c: what every recorded session shares */
struct rnd_record;    /* record.c: one session's recorder and its sinks */
struct rnd_watcher;   /* watch.c */

struct rnd_daemon {
	struct rnd_config cfg;
	const char *config_path;
	struct rn_engine *eng;
	int listen_fd, epfd, sigfd;
	int reserve_fd;	    /* spent to refuse a client politely when no fd is left */
	bool listen_paused; /* out of fds: the listener is not polled until one frees */
	uint64_t listen_retry_ns;
	/* kept by client.c */
	struct rnd_client *clients;
	struct rnd_uid_use *uids;
	uint32_t unpriv_conns; /* connections of non-root users */
	bool resume_pending;   /* a uid went below its queue limit: paused clients may read */
	/* kept by session.c */
	struct rnd_session **sessions;
	uint32_t nsessions, csessions;
	struct rn_hmap by_tgid; /* tgid -> session slot + 1 (0: none) */
	uint64_t next_session;
	uint64_t start_mono_ns;
	bool stopping;
	struct rnd_system *sys;	   /* renacerd --system-wide (system.c); NULL when off */
	struct rnd_recording *rec; /* NULL: no session is recorded by the daemon */
	struct rnd_watcher *watch; /* NULL: no [[watch]] */
};

static inline uint64_t daemon__now(int clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

/* config.c */
void config__defaults(struct rnd_config *c);
/* Reads path into c; a missing file is fine when !required. Errors name file:line:col. */
int config__load(struct rnd_config *c, const char *path, bool required, char *err, size_t errlen);

/* auth.c: may the client (uid, gid) trace pid? 0, or -EPERM/-ESRCH with why in err. */
int auth__may_trace(uid_t uid, gid_t gid, pid_t pid, char *err, size_t errlen);

/* client.c: a connection, its queued replies and the limits on them */
/* A connected client (not yet polled): NULL when out of memory. */
struct rnd_client *client__new(struct rnd_daemon *d, int fd, const struct ucred *peer);
/* Closes and frees cl; its sessions must have ended. */
void client__free(struct rnd_daemon *d, struct rnd_client *cl);
int client__watch(struct rnd_daemon *d, struct rnd_client *cl);
/* Polls what cl needs now: its requests unless paused, writability while output waits. */
void client__rewatch(struct rnd_daemon *d, struct rnd_client *cl);
const struct ucred *client__peer(const struct rnd_client *cl);
struct rnd_client *client__next(const struct rnd_client *cl);
size_t client__pending(const struct rnd_client *cl);
bool client__paused(const struct rnd_client *cl);
bool client__closing(const struct rnd_client *cl);
/* cl is closed once the replies queued to it are written. */
void client__close_after_replies(struct rnd_client *cl);
/* True when a request frame of cl has stayed incomplete for limit ns (0: no limit). */
bool client__stalled(const struct rnd_client *cl, uint64_t now, uint64_t limit);
/* The per-uid and total limits on connections; root is never refused. */
bool client__admissible(const struct rnd_daemon *d, const struct ucred *peer, char *why,
			size_t len);
/* True when cl has more than its share of queued output (plus `extra` about to be queued). */
bool client__congested(const struct rnd_daemon *d, const struct rnd_client *cl, size_t extra);
int client__send(struct rnd_daemon *d, struct rnd_client *cl, const void *reply_msg);
void client__send_error(struct rnd_daemon *d, struct rnd_client *cl, uint64_t id, int code,
			const char *msg);
/* Writes what the socket takes now, without accounting: for a client about to be dropped. */
int client__flush(struct rnd_client *cl);
/* One write to every client with output waiting; true while some still waits. */
bool client__flush_all(struct rnd_daemon *d);
/* Takes an epoll event of cl: 1 when its requests are to be read, 0 when not, -errno when
 * it is gone. */
int client__on_event(struct rnd_daemon *d, struct rnd_client *cl, uint32_t events);
/* The next whole request: 1 with *rq (the caller frees it), 0 when none is to be read now
 * (an incomplete one, a paused or closing client), -errno when cl is gone. */
int client__next_request(struct rnd_daemon *d, struct rnd_client *cl,
			 struct Renacer__V1__Request **rq);

/* session.c */
/* filter: the 8-word syscall bitmap, or NULL for every syscall. */
struct rnd_session *session__new(struct rnd_daemon *d, struct rnd_client *cl,
				 const uint64_t *filter);
uint64_t session__id(const struct rnd_session *s);
void session__end(struct rnd_daemon *d, struct rnd_session *s, const char *reason);
/* Ends a session that failed to start: its client was told so by an error reply. */
void session__fail(struct rnd_daemon *d, struct rnd_session *s);
/* Ends cl's sessions without telling cl: it is going away. */
void session__end_of_client(struct rnd_daemon *d, const struct rnd_client *cl);
void session__end_all(struct rnd_daemon *d, const char *reason);
/* Ends session `id` (0: all of cl's): 0, -EPERM when another user's and cl is not root,
 * -ENOENT when there is none. */
int session__detach(struct rnd_daemon *d, const struct rnd_client *cl, uint64_t id);
/* Detaches the BPF programs when no session is left: an idle daemon costs the host nothing. */
void session__detach_if_idle(struct rnd_daemon *d);
void session__add_pid(struct rnd_daemon *d, struct rnd_session *s, uint32_t tgid);
struct rnd_session *session__of_tgid(struct rnd_daemon *d, uint32_t tgid);
uint32_t session__count(const struct rnd_daemon *d);
/* Sessions of non-root clients, and those of uid's clients. */
void session__count_users(const struct rnd_daemon *d, uid_t uid, uint32_t *unpriv,
			  uint32_t *of_uid);
/* The sessions viewer may see (all for root, its own uid's otherwise) into infos, with
 * ptrs pointing at them; both hold nsessions entries. Returns how many. */
size_t session__list(const struct rnd_daemon *d, const struct rnd_client *viewer,
		     struct Renacer__V1__SessionInfo *infos,
		     struct Renacer__V1__SessionInfo **ptrs);
int session__on_record(void *ctx, const void *data, size_t size);
void session__flush_all(struct rnd_daemon *d);
void session__reap(struct rnd_daemon *d); /* ends sessions whose processes are gone */
void session__free_all(struct rnd_daemon *d);

/* record.c: sessions recorded by renacerd itself (OTLP export, assertions, spool) */
/* Loads the assertions and starts the OTLP delivery thread as the configuration says;
 * otlp_url (renacerd --otlp) wins over the file. -errno with err saying what to fix. */
int record__setup(struct rnd_daemon *d, const char *otlp_url, char *err, size_t errlen);
/* Watched sessions added by a reload write to the spool: creates it when none was needed. */
int record__spool_on(struct rnd_daemon *d, char *err, size_t errlen);
/* Flushes the OTLP queue until its deadline and frees everything. NULL-safe. */
void record__teardown(struct rnd_daemon *d);
/* A recorder for session `id` when it needs one (watched, OTLP, assertions), else NULL. */
struct rnd_record *record__new(struct rnd_daemon *d, uint64_t id, bool watched);
void record__add_root(struct rnd_record *r, uint32_t pid);
/* One raw record of the session (rn_rec.size bytes). */
void record__raw(struct rnd_record *r, const void *data, size_t size);
/* What became of a recorded session: the assertions' verdict and the spool files. */
struct rnd_verdict {
	bool checked;	    /* assertions were evaluated */
	int status;	    /* 1: an enforced assertion failed, else 0 */
	unsigned counts[4]; /* results per enum rn_verdict: pass, fail, warn, skipped */
	char report[2048];  /* the text report, one line per assertion */
	char junit[704];    /* the JUnit file in the spool, or "" */
	char trace[704];    /* the golden trace in the spool, or "" */
};
/* Finishes the trace (whole: it ran to its end): the spool files, the verdict, the last
 * spans. Frees r; v may be NULL. */
void record__finish(struct rnd_daemon *d, struct rnd_record *r, uint64_t lost, bool whole,
		    struct rnd_verdict *v);
/* The export's counters; false when there is no export. */
bool record__otlp_stats(const struct rnd_daemon *d, uint64_t *sent, uint64_t *dropped, char *url,
			size_t ulen, char *last_err, size_t elen);
/* Frees r without writing anything (a session that failed to start). NULL-safe. */
void record__discard(struct rnd_record *r);

/* watch.c: cgroups watched for process trees to trace ([[watch]]) */
int watch__setup(struct rnd_daemon *d, char *err, size_t errlen);
/* The inotify fd the loop polls, or -1. */
int watch__fd(const struct rnd_daemon *d);
/* Reads the inotify events and looks for new processes in the watched cgroups. */
void watch__on_event(struct rnd_daemon *d);
/* The periodic look (new cgroups matching a glob, processes moved into a populated one). */
void watch__scan(struct rnd_daemon *d);
void watch__teardown(struct rnd_daemon *d);
/* SIGHUP: the [[watch]] tables of a configuration that loaded whole replace the old ones (the
 * sessions they started go on); 0, or -errno with err saying what to fix. */
int watch__reload(struct rnd_daemon *d, const struct rnd_watch *watches, uint32_t n, char *err,
		  size_t errlen);
/* Starts a session of the daemon's own (no client) tracing pids: 0 or -errno. */
int session__start_watched(struct rnd_daemon *d, const uint32_t *pids, size_t npids,
			   const char *cgroup);

/* server.c */
int server__listen(struct rnd_daemon *d, char *err, size_t errlen);
void server__accept(struct rnd_daemon *d);
void server__client_event(struct rnd_daemon *d, struct rnd_client *cl, uint32_t events);
void server__drop_client(struct rnd_daemon *d, struct rnd_client *cl);
/* Once per loop turn: resumes paused clients, closes stalled frames, retries the listener. */
void server__tick(struct rnd_daemon *d);

#endif
