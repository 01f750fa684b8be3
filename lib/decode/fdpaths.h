/* SPDX-License-Identifier: MIT */
/*
 * -y / -yy: what each descriptor of a traced process names, followed from the trace (open,
 * dup, socket, pipe, accept, close, close_range, fork, exec with O_CLOEXEC) and read from
 * /proc/PID/fd for descriptors opened before the trace saw them (inherited 0/1/2, -p).
 * Printed as strace 6.1 does: `3</etc/passwd>`, `5<pipe:[1234]>`, with -yy
 * `4<TCP:[127.0.0.1:41234->127.0.0.1:8080]>`, `3<UNIX:[5678]>`.
 */
#ifndef RENACER_FDPATHS_H
#define RENACER_FDPATHS_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "strbuf.h"

struct rn_fdpaths;

/* What -e decode-fds=SET prints about a descriptor (-y: path; -yy: all). */
enum rn_fds_show {
	RN_FDS_PATH = 1,   /* 3</etc/passwd>, 5<socket:[1234]> */
	RN_FDS_SOCKET = 2, /* sockets' endpoints: 4<TCP:[...]> */
	RN_FDS_DEV = 4,	   /* devices' numbers: 0</dev/null<char 1:3>> */
	RN_FDS_PIDFD = 8,  /* pidfds' processes: 3<pid:1234> */
	RN_FDS_ALL = 15,
};

/* show: enum rn_fds_show bits; 0: names kept for -P only, never printed. NULL if out of memory. */
struct rn_fdpaths *rn_fdpaths__new(unsigned show);
void rn_fdpaths__free(struct rn_fdpaths *f);
/* A finished call of tgid: the descriptors it made, moved or closed (successful calls only). */
void rn_fdpaths__update(struct rn_fdpaths *f, const struct rn_event *ev);
/* tgid forked child (not a thread): the child starts with a copy of the table. */
void rn_fdpaths__fork(struct rn_fdpaths *f, uint32_t tgid, uint32_t child);
/* Reads tgid's descriptors from /proc now (a command held before its exec, a -p process). */
void rn_fdpaths__snapshot(struct rn_fdpaths *f, uint32_t tgid);
/* tgid ended: its table goes. */
void rn_fdpaths__exit(struct rn_fdpaths *f, uint32_t tgid);
/* Appends `<name>` for fd of tgid when it is known (AT_FDCWD: the cwd); nothing otherwise. */
void rn_fdpaths__put(struct rn_fdpaths *f, uint32_t tgid, int64_t fd, struct rn_strbuf *sb);
/* Whether syscall nr (argument 0 arg0) returns a descriptor (printed `= 3</path>`). */
bool rn_fdpaths__returns_fd(int nr, uint64_t arg0);
/* The syscalls the table must see even when -e trace= leaves them out, set in bits. */
void rn_fdpaths__need(uint64_t *bits, unsigned nbits);
/*
 * -P: whether the call names one of paths (absolute, links resolved) by a path argument
 * (against its dirfd or the cwd) or by a descriptor argument. Before rn_fdpaths__update.
 */
bool rn_fdpaths__touches(struct rn_fdpaths *f, const struct rn_event *ev, const char *const *paths,
			 int npaths);
/* The name of fd (as put prints it, without <>) or NULL; valid until the next call. */
const char *rn_fdpaths__name(struct rn_fdpaths *f, uint32_t tgid, int64_t fd);

#endif
