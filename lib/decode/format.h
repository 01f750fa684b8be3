/* SPDX-License-Identifier: MIT */
/*
 * strace-exact text for one event: `name(args)`, `= ret`, signal and exit lines.
 * Arguments print by kind (systable.h) through a few generic formatters.
 */
#ifndef RENACER_FORMAT_H
#define RENACER_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "errnames.h"
#include "event.h"
#include "strbuf.h"

struct rn_fmt_opts {
	unsigned strsize; /* -s; 0: RN_FMT_STRSIZE_DEFAULT; -s 0 is RN_FMT_STRSIZE_ZERO */
	unsigned hex;	  /* -x: a string with a non-ASCII byte all in \xNN; -xx: every string */
	struct rn_fdpaths *fds; /* -y: descriptors print as 3</etc/passwd>; NULL: as numbers */
	const uint64_t *raw;	/* -e raw=: a bit per syscall printed undecoded, in hex */
	const uint64_t
	    *abbrev; /* -e abbrev=: a bit per syscall abbreviated; NULL: all (-v: none) */
	const uint64_t *verbose; /* -e verbose=: a bit per syscall dereferenced; NULL: all */
};

#define RN_FMT_STRSIZE_DEFAULT RN_STRSIZE_DEFAULT
#define RN_FMT_STRSIZE_ZERO    (~0u) /* -s 0: no byte of a string, `""...` */

/* `openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC)`, without padding. */
void rn_format__call(struct rn_strbuf *sb, const struct rn_event *ev, const struct rn_fmt_opts *o);
/* Where each printed argument lies in the buffer, for per-argument text (golden traces). */
struct rn_fmt_spans {
	unsigned n;
	size_t start[RN_NR_ARGS], end[RN_NR_ARGS];
};

/* rn_format__call, and the span of each argument's text in sb. */
void rn_format__call_spans(struct rn_strbuf *sb, const struct rn_event *ev,
			   const struct rn_fmt_opts *o, struct rn_fmt_spans *spans);
/* `= 3`, `= -1 ENOENT (No such file or directory)`, `= ?`, `= 0x55d1c0a3e000`, ... */
void rn_format__result(struct rn_strbuf *sb, const struct rn_event *ev,
		       const struct rn_fmt_opts *o);
/* `--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} ---` (si_utime/si_stime in clock ticks).
 */
void rn_format__signal(struct rn_strbuf *sb, const struct rn_sig_rec *s);
/* `+++ exited with 0 +++`, `+++ killed by SIGSEGV (core dumped) +++` */
void rn_format__exit(struct rn_strbuf *sb, int wait_status);
/* n bytes quoted and escaped as strace does (`"\177ELF\2"`), every byte as \xNN with hex. */
void rn_format__quoted(struct rn_strbuf *sb, const void *p, size_t n, bool hex);

/*
 * Netlink messages of protocol proto (NETLINK_*, -1 when the socket's is unknown) as strace
 * prints a netlink socket's buffer: len bytes, of which the first `have` were captured.
 * o: -s, -x, and -v when o->abbrev is a set without sendto.
 */
void rn_format__netlink(struct rn_strbuf *sb, int proto, const void *p, size_t have, size_t len,
			const struct rn_fmt_opts *o);

#endif
