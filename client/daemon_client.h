/* SPDX-License-Identifier: MIT */
/* renacerctl's side of the control API: requests to renacerd and the event stream back. */
#ifndef RENACER_DAEMON_CLIENT_H
#define RENACER_DAEMON_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "defaults.h"
#include "demux.h"
#include "renacer/v1/control.pb-c.h"

/* How long a request waits for renacerd's reply before the daemon counts as gone. */
#define RN_DCLIENT_REPLY_MS 5000

struct rn_dclient;

/* The socket to use: explicit, else $RENACER_SOCKET, else the default. */
const char *rn_dclient__socket_path(const char *explicit_path);
/* Connects; -ENOENT / -ECONNREFUSED mean no daemon there. */
int rn_dclient__connect(struct rn_dclient **out, const char *path);
/* The hint for connect's error err at path: otherwise, but for a socket the user may not use,
 * the group to join (in buf, of len bytes). */
const char *rn_dclient__hint(int err, const char *path, const char *otherwise, char *buf,
			     size_t len);
void rn_dclient__free(struct rn_dclient *c);
/*
 * The daemon's pid when it is stopped (SIGSTOP, SIGTSTP): the kernel still accepts
 * connections on its socket, but nothing would ever answer. 0 when it runs (or is unknown).
 */
int rn_dclient__peer_stopped(const struct rn_dclient *c);
/* Sends rq and waits up to timeout_ms for its reply (Events frames that come first go to
 * dm, if given). The caller frees *reply with renacer__v1__reply__free_unpacked. */
int rn_dclient__call(struct rn_dclient *c, Renacer__V1__Request *rq, Renacer__V1__Reply **reply,
		     int timeout_ms, struct rn_demux *dm);
/* Sends rq without waiting. */
int rn_dclient__send(struct rn_dclient *c, Renacer__V1__Request *rq);
/*
 * Waits up to timeout_ms and dispatches the Events it gets to dm. Sets *ended when the
 * session ended (reason copied to reason). Returns -EPIPE when the daemon went away.
 */
int rn_dclient__pump(struct rn_dclient *c, int timeout_ms, struct rn_demux *dm, bool *ended,
		     char *reason, size_t reasonlen, uint64_t *lost);

#endif
