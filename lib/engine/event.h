/* SPDX-License-Identifier: MIT */
/*
 * A decoded view of one syscall as the engine hands it to sinks: pointers into the
 * ring (or a file), no copies. The exit record carries most captures; execve's
 * argv arrives in a separate enter record.
 */
#ifndef RENACER_EVENT_H
#define RENACER_EVENT_H

/* strace's -s default: the bytes of a string printed, and so captured, unless told. */
#define RN_STRSIZE_DEFAULT 32

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "renacer_abi.h"

struct rn_event {
	const struct rn_sys_rec *rec;	/* RN_REC_SYSCALL */
	const struct rn_sys_rec *enter; /* RN_REC_ENTER of the same call, or NULL */
};

static inline const void *rn_item__data(const struct rn_item *it)
{
	return it + 1;
}

static inline uint32_t rn_item__padded(uint32_t len)
{
	return (len + 7u) & ~7u;
}

/*
 * The next item of a record after `it` (NULL: the first), or NULL at the end.
 * Stops at a malformed item rather than reading past rec->h.size.
 */
const struct rn_item *rn_rec__next_item(const struct rn_sys_rec *rec, const struct rn_item *it);

/* The capture of argument `arg`, sub-item `idx`, from the enter or exit record. */
const struct rn_item *rn_event__item(const struct rn_event *ev, unsigned arg, unsigned idx);

static inline bool rn_event__failed(const struct rn_event *ev)
{
	return ev->rec->ret < 0 && ev->rec->ret >= -4095;
}

static inline bool rn_event__noreturn(const struct rn_event *ev)
{
	return ev->rec->h.flags & RN_RF_NORETURN;
}

/*
 * Whom a non-root user may trace: ptrace's PTRACE_MODE_ATTACH_REALCREDS rule, checked by
 * renacerd at attach (daemon/auth.c) and by BPF at exec and at calls that change
 * credentials (bpf/creds.bpf.h leave_why). For messages.
 */
#define RN_TRACE_RULE                                                                              \
	"you may trace only your own processes, as ptrace allows: real, effective and saved "      \
	"uid and gid yours, no capabilities, dumpable; run as root to trace others"

/*
 * The message for an RN_REC_LEAVE record: "pid N left the trace at capset: it gained
 * capabilities (...); " RN_TRACE_RULE. Returns the length snprintf would write.
 */
int rn_proc__leave_text(const struct rn_proc_rec *r, char *buf, size_t len);

#endif
