/* SPDX-License-Identifier: MIT */
/*
 * The tracing engine: loads and attaches the BPF programs, keeps the traced set,
 * consumes the ring buffer and hands each record to a sink. Used by renacerctl in
 * embedded mode and by renacerd.
 */
#ifndef RENACER_ENGINE_H
#define RENACER_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "demux.h"
#include "event.h"

#define RN_RING_DEFAULT (16u << 20)
/* The most user bytes one buffer may keep (room is left in a record for its other items). */
#define RN_CAPTURE_MAX (RN_REC_MAX - 512)
/* Golden traces keep whole writes of typical command-line output; renacerd loads with as much, so
 * a client that asks for no more is served by the daemon as by the embedded engine. */
#define RN_CAPTURE_DEFAULT 4096
#define RN_PIN_ROOT	   "/sys/fs/bpf/renacer"

struct rn_engine;

struct rn_engine_opts {
	size_t ring_bytes;	/* power of two, >= page size; 0: RN_RING_DEFAULT */
	uint32_t snaplen;	/* bytes of user data captured per buffer; 0: RN_STRSIZE_DEFAULT */
	const uint64_t *filter; /* RN_MAX_SYSCALLS / 64 words of syscalls to trace; NULL: all */
	bool capture_objs;	/* record the pipe/socket behind read/write fds (causal edges) */
	/* user stack bytes copied per call with its registers and the process's mappings
	 * (trace --source, -k; bpf/stack.bpf.h); 0: no stacks, at no cost */
	uint32_t stack_bytes;
	/* fills what BPF captures per syscall (the decoder's rn_systable__capspecs, so what is
	 * printed and what is captured come from one table); NULL: no user memory captured */
	void (*fill_capspecs)(struct rn_sysspec *specs);
	/* fills BPF's table of i386 calls (a 32-bit process) by number: the x86_64 number of
	 * the same call (rn_syscall__compat_table); NULL: all undecoded, RN_NR_COMPAT | nr */
	void (*fill_compat)(uint32_t *map);
	/*
	 * Load only: the programs are attached by rn_engine__attach when something needs
	 * tracing (renacerd). Attached, they send every task on the host through the slow
	 * syscall path, traced or not, so an idle daemon keeps them detached.
	 */
	bool detached;
	/* [[watch]]'s cgroup programs (bpf/watch.bpf.h) left unattached: renacerd alone watches
	 * cgroups, and each link is a text poke at attach and at detach */
	bool no_cgroup_watch;
	/*
	 * A bpffs directory (RN_PIN_ROOT) where the programs are pinned after their load and
	 * reused by later runs with the same constants, without the verifier (pin.h); NULL or
	 * "": loaded for this run alone (renacerd, whose programs live as long as it does).
	 */
	const char *pin_root;
};

/* A raw record straight from the ring (renacerd routes them to sessions undecoded). */
typedef int (*rn_raw_fn)(void *ctx, const void *data, size_t size);

/* Loads and attaches; on failure returns -errno and writes why (and the fix) to err. */
int rn_engine__new(struct rn_engine **out, const struct rn_engine_opts *o,
		   const struct rn_sink *sink, char *err, size_t errlen);
void rn_engine__free(struct rn_engine *e);
/* Attaches the programs (no-op when attached); 0 or -errno, nothing attached on failure. */
int rn_engine__attach(struct rn_engine *e);
/* Detaches them (no-op when detached); what is in the rings can still be drained. */
void rn_engine__detach(struct rn_engine *e);
bool rn_engine__attached(const struct rn_engine *e);
/* Records go to fn undecoded instead of to the sink (renacerd). */
void rn_engine__set_raw(struct rn_engine *e, rn_raw_fn fn, void *ctx);
/* Bytes waiting in the ring, and its size. */
int rn_engine__ring_fill(struct rn_engine *e, uint64_t *used, uint64_t *size);
/*
 * Reads until the ring is empty: a record reserved on another CPU but not yet committed
 * stops a plain drain; this waits up to max_us for it. Returns records read or -errno.
 */
int rn_engine__settle(struct rn_engine *e, int max_us);
/* Per-CPU counters: out[cpu * RN_CNT__MAX + counter]; returns the number of CPUs. */
int rn_engine__counters_percpu(struct rn_engine *e, uint64_t *out, int max_cpus);

int rn_engine__add_target(struct rn_engine *e, pid_t tgid, uint32_t flags, uint32_t session);
/*
 * The same, traced for the user uid/gid: when uid is not 0 (RN_TF_UNPRIV), the process
 * leaves the trace (RN_REC_LEAVE) once its credentials break ptrace's rule for that user.
 */
int rn_engine__add_target_for(struct rn_engine *e, pid_t tgid, uint32_t flags, uint32_t session,
			      uid_t uid, gid_t gid);
/* Removes every target of a session; returns how many. */
int rn_engine__remove_session(struct rn_engine *e, uint32_t session);
/*
 * A cgroup v2 (by id: its directory's inode number) whose processes become targets in the
 * kernel as they enter it, each announced by an RN_REC_WATCH record (renacerd's [[watch]]).
 */
int rn_engine__watch_cgroup(struct rn_engine *e, uint64_t cgroup_id, bool on);
/*
 * Watches the cgroups made under parent_id whose name matches pattern (a glob's last
 * component, watchglob.h; names of up to RN_WATCH_NAME - 2 bytes) from their mkdir, as the
 * parent's slot-th glob (fill slots from 0: the kernel stops at the first empty one); pattern
 * NULL forgets that slot. -EINVAL for a pattern the kernel side cannot match.
 */
int rn_engine__watch_parent(struct rn_engine *e, uint64_t parent_id, uint32_t slot,
			    const char *pattern);
/* Number of live traced processes owned by session. */
int rn_engine__count_targets(struct rn_engine *e, uint32_t session);
/* Whether tgid is a target in the kernel (a traced process's child is one from its fork, before
 * its fork record is read); false for NULL. */
bool rn_engine__is_target(struct rn_engine *e, pid_t tgid);

/* Dispatches what is in the rings now, in time order, without waiting. */
int rn_engine__drain(struct rn_engine *e);
/*
 * An epoll fd, readable when the BPF side wakes its consumer (at 1/16 fill of a ring, at
 * each process end) or a watched fd is; records below the mark come without a wakeup,
 * so drain on a timeout too. Put it in another epoll set level-triggered; drain clears it.
 */
int rn_engine__wait_fd(struct rn_engine *e);
/* 1 when a ring is past its wakeup mark: it will not wake the consumer again, so do not
 * sleep before draining (rn_engine__wait checks this itself). */
int rn_engine__backlog(struct rn_engine *e);
/* Adds fd (level-triggered) to what rn_engine__wait waits for besides the ring. */
int rn_engine__watch(struct rn_engine *e, int fd);
/* Waits up to timeout_ms for a ring wakeup or a watched fd; returns > 0 if one came. */
int rn_engine__wait(struct rn_engine *e, int timeout_ms);

/* Sums the per-CPU counters into out[RN_CNT__MAX]. */
int rn_engine__counters(struct rn_engine *e, uint64_t *out);

#endif
