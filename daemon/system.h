/* SPDX-License-Identifier: MIT */
/*
 * renacerd --system-wide (system.c): every process on the host, aggregated in the kernel
 * (bpf/aggregate.bpf.c), read into the model of lib/model/sysstats.h, served to
 * `renacerctl stats` / `top` and exported as OTLP metrics. Independent of the sessions.
 */
#ifndef RENACER_DAEMON_SYSTEM_H
#define RENACER_DAEMON_SYSTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The slow-call thresholds are per class of syscall (docs/system-wide.md). */
enum rnd_slow_class {
	RND_SLOW_DEFAULT = 0, /* slow_ms: whatever no other class takes */
	RND_SLOW_FILE,	      /* slow_ms_file: strace's %file, %desc, stat families */
	RND_SLOW_NETWORK,     /* slow_ms_network: %network */
	RND_SLOW_PROCESS,     /* slow_ms_process: %process (fork, exec) */
	RND_SLOW_MEMORY,      /* slow_ms_memory: %memory */
	RND_SLOW_WAIT,	      /* slow_ms_wait: calls that wait by design (poll, futex, wait4,
			       * nanosleep, ...): off unless set */
	RND_SLOW__MAX,
};

/* system_wide = true and the [system] table of renacerd.toml. */
struct rnd_system_cfg {
	bool enabled;
	uint32_t interval_s;		/* metrics exported, ended processes kept this long */
	uint32_t read_ms;		/* the kernel's maps read this often */
	int64_t slow_ms[RND_SLOW__MAX]; /* -1: as slow_ms; 0: never */
	uint32_t max_processes, max_slow_calls;
	uint32_t max_kernel_entries; /* the kernel map's (process, syscall) entries */
};

struct rnd_daemon;
struct rnd_client;
struct rnd_system;
struct rn_toml;

void system__config_defaults(struct rnd_system_cfg *c);
/* One key of renacerd.toml's top level that is the system's ("system_wide", "system"). */
int system__config(struct rnd_system_cfg *c, const char *name, const struct rn_toml *v,
		   const char *path, char *err, size_t errlen);
/*
 * SIGHUP: the [system] of a configuration that loaded whole: thresholds (to the kernel at
 * once), interval_s, read_ms; the counts are kept. system_wide, max_processes and
 * max_slow_calls apply at the next start (said in the log when they changed).
 */
void system__reload(struct rnd_daemon *d, const struct rnd_system_cfg *next);
/* Loads and attaches the aggregating programs; -errno with err saying what to fix. */
int system__start(struct rnd_daemon *d, char *err, size_t errlen);
/* Once per loop turn: the ring's records now, the maps every read_ms, metrics every interval. */
void system__tick(struct rnd_daemon *d);
void system__stop(struct rnd_daemon *d);
/* The reply to a Stats request: the JSON document, or an error when not system-wide. */
void system__reply_stats(struct rnd_daemon *d, struct rnd_client *cl, uint64_t id);

#endif
