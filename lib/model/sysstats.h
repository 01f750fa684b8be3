/* SPDX-License-Identifier: MIT */
/*
 * The model of renacerd --system-wide: per process, per syscall, the aggregates the kernel
 * keeps (lib/engine/aggregate.h) with p50/p99/max from the log2 histogram, the process's
 * lifecycle (start, exec, exit status, CPU, peak RSS), its cgroup and the container it names,
 * and a bounded list of slow calls. Memory is bounded: at most max_procs processes (the
 * ended ones go first, then the longest idle), max_slow slow calls.
 */
#ifndef RENACER_SYSSTATS_H
#define RENACER_SYSSTATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>

#include "aggregate_abi.h"
#include "strbuf.h"

#define RN_SS_CGROUP 512
#define RN_SS_ID     72

/* What a cgroup path names: a container of a runtime, a pod, or a systemd unit. */
struct rn_container {
	char runtime[16];  /* "docker", "containerd", "cri-o", "podman"; "" when none */
	char id[RN_SS_ID]; /* the container id (64 hex digits); "" when none */
	char pod_uid[40];  /* Kubernetes pod uid, dashed; "" when none */
	char unit[128];	   /* systemd unit ("nginx.service", "session-3.scope"); "" when none */
};

/* Parses a cgroup v2 path ("/system.slice/docker-<id>.scope"); what it does not name is "". */
void rn_container__parse(const char *cgroup_path, struct rn_container *c);

/* The latency below which a fraction q (0..1] of the calls fell, from a log2 histogram. */
uint64_t rn_ss__percentile(const __u64 *hist, uint64_t max_ns, double q);

struct rn_ss_errno {
	uint16_t err;
	uint64_t count; /* so far (the kernel's, plus any entry it evicted) */
	uint64_t last;	/* the kernel entry's count at the last update */
};

/* A call's counts without its histogram (struct rn_agg_val's first fields). */
struct rn_ss_val {
	uint64_t calls, errors, bytes, sum_ns, max_ns;
};

/*
 * A call of a process. The model keeps thousands of processes of dozens of calls, and a call's
 * latencies fill a few neighbouring buckets of the 32: only those are kept (hist, hn counts
 * from bucket hlo); rn_ss_call__full gives the whole value.
 */
struct rn_ss_call {
	int nr;
	uint8_t hlo, hn;
	struct rn_ss_val v;	 /* counts so far (the kernel's, plus any entry it evicted) */
	uint64_t *hist;		 /* buckets hlo .. hlo + hn - 1 */
	struct rn_agg_val *base; /* what evicted kernel entries had counted (NULL: none yet) */
	uint64_t last_calls;	 /* the kernel entry's count at the last update */
	struct rn_ss_errno *errnos;
	uint32_t nerrnos;
};

/* The call's counts and whole histogram. */
void rn_ss_call__full(const struct rn_ss_call *c, struct rn_agg_val *out);

struct rn_ss_proc {
	uint32_t pid, ppid;
	char comm[RN_AGG_COMM + 1];
	char exe[RN_AGG_EXE + 1];
	char cgroup[RN_SS_CGROUP];
	uint64_t cgroup_id;
	struct rn_container ctr;
	uint64_t start_ns, end_ns, seen_ns; /* CLOCK_MONOTONIC; end 0 while it runs */
	bool ended;
	bool probed;	 /* its /proc entries (comm, exe, cgroup) were read */
	int exit_status; /* wait status layout */
	uint64_t cpu_ns, rss_bytes;
	struct rn_ss_call *calls;
	uint32_t ncalls, ccalls;
};

struct rn_ss_slow {
	uint32_t pid, tid;
	int nr;
	uint64_t enter_ns, duration_ns;
	char *args[RN_AGG_NR_ARGS]; /* decoded, as strace prints them */
	unsigned nargs;
	char *result; /* "-1 ENOENT (No such file or directory)", "0" */
};

struct rn_sysstats_opts {
	uint32_t max_procs;	/* 0: 8192 */
	uint32_t max_slow;	/* 0: 256 */
	uint64_t keep_ended_ns; /* ended processes are kept this long (an export interval) */
};

struct rn_sysstats;

struct rn_sysstats *rn_sysstats__new(const struct rn_sysstats_opts *o);
/* How long an ended process is kept (a reload of interval_s); its counts stay. */
void rn_sysstats__set_keep_ended(struct rn_sysstats *s, uint64_t keep_ended_ns);
void rn_sysstats__free(struct rn_sysstats *s);

/* The process pid, made (with start_ns = now) when create and it is unknown; NULL otherwise. */
struct rn_ss_proc *rn_sysstats__proc(struct rn_sysstats *s, uint32_t pid, bool create,
				     uint64_t now);
/* A new process: it inherits its parent's command, executable and cgroup. */
struct rn_ss_proc *rn_sysstats__fork(struct rn_sysstats *s, uint32_t pid, uint32_t ppid,
				     uint64_t ns);
void rn_sysstats__exec(struct rn_sysstats *s, uint32_t pid, uint32_t ppid, const char *comm,
		       const char *exe, uint64_t cgroup_id, uint64_t ns);
struct rn_ss_proc *rn_sysstats__exit(struct rn_sysstats *s, uint32_t pid, int status,
				     uint64_t cpu_ns, uint64_t rss_bytes, uint64_t ns);
/* What a fork or exit record says of p (0 or "": nothing) fills only what p lacks: a process
 * never seen alive, whose parent was unknown too, has no other name. */
void rn_sysstats__fill(struct rn_ss_proc *p, uint32_t ppid, const char *comm, uint64_t cgroup_id);
void rn_sysstats__set_cgroup(struct rn_ss_proc *p, const char *path);
/* The kernel entry (pid, nr) now holds v (counts since it was made): takes it. */
int rn_sysstats__update(struct rn_sysstats *s, uint32_t pid, int nr, const struct rn_agg_val *v,
			uint64_t now);
int rn_sysstats__update_errno(struct rn_sysstats *s, uint32_t pid, int nr, uint16_t err,
			      uint64_t count);
/* Keeps sl (its strings are taken); the oldest goes when the list is full. */
void rn_sysstats__add_slow(struct rn_sysstats *s, struct rn_ss_slow *sl);
/* Drops ended processes older than keep_ended_ns; returns how many went. */
unsigned rn_sysstats__prune(struct rn_sysstats *s, uint64_t now);

size_t rn_sysstats__nprocs(const struct rn_sysstats *s);
struct rn_ss_proc *rn_sysstats__at(struct rn_sysstats *s, size_t i);
size_t rn_sysstats__nslow(const struct rn_sysstats *s);
const struct rn_ss_slow *rn_sysstats__slow_at(const struct rn_sysstats *s, size_t i);
/* Processes dropped to stay within max_procs while they still ran or were not yet exported. */
uint64_t rn_sysstats__dropped(const struct rn_sysstats *s);
/* Bytes the model holds now (for the memory figures). */
size_t rn_sysstats__bytes(const struct rn_sysstats *s);

/*
 * `renacerctl stats --json`: {"processes":[...],"slow_calls":[...],"evicted":N,"dropped":N}
 * (docs/system-wide.md). name_of gives a syscall's name (NULL: "syscall_N").
 */
int rn_sysstats__json(struct rn_sysstats *s, struct rn_strbuf *sb, uint64_t evicted,
		      uint64_t dropped, const char *(*name_of)(int nr));
/* s as a JSON string literal, escaped (bytes that are not printable ASCII as \u00XX). */
void rn_json__string(struct rn_strbuf *sb, const char *s);

#endif
