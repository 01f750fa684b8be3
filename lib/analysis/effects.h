/* SPDX-License-Identifier: MIT */
/*
 * The observable behaviour of a traced run (docs/compare.md): a trace sink that turns the
 * model's events into what the outside world could see, per category: the bytes written to
 * stdout and stderr, the root's exit status, the final state of the files and directories
 * the run changed, the user files it read, the programs it started, the signals it sent and
 * the network endpoints it used. Memory grows with the effects (bytes written, paths
 * touched), not with the events: per-process fd tables are all it keeps besides.
 */
#ifndef RENACER_EFFECTS_H
#define RENACER_EFFECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"

enum rn_fx_cat {
	RN_FX_STDOUT,
	RN_FX_STDERR,
	RN_FX_EXIT,
	RN_FX_FILES,
	RN_FX_DIRS,
	RN_FX_READS,
	RN_FX_PROCS,
	RN_FX_SIGNALS,
	RN_FX_NET,
	RN_FX__N,
};

/* "stdout", "stderr", "exit", "files", "dirs", "reads", "processes", "signals", "network" */
const char *rn_fx_cat__name(enum rn_fx_cat c);

/* Where an effect came from: for the report's context. */
struct rn_fx_origin {
	uint64_t event_id;
	uint64_t lamport;
	uint32_t pid;
};

/* One write's share of a stream. */
struct rn_fx_chunk {
	uint64_t off, len;
	struct rn_fx_origin at;
};

/*
 * Happens-before between two writers of a stream: writer pid's bytes from offset off (of
 * its own bytes) on come after the first `known` bytes of writer other. Only where what
 * pid knows of other grows; the trace's causal edges (fork, wait, pipe, signal) say it.
 */
struct rn_fx_order {
	uint32_t pid, other;
	uint64_t off, known;
	struct rn_fx_origin at; /* the write of pid's that knew it first */
};

struct rn_fx_stream {
	uint8_t *data;
	uint64_t len, cap;
	struct rn_fx_chunk *chunks;
	uint32_t nchunks, capc;
	struct rn_fx_order *order; /* filled at the end when several processes wrote */
	uint32_t norder;
	bool order_unknown; /* too many writers or events to order: an interleaving decides nothing
			     */
};

/* A file the run changed, as it was at the end. */
struct rn_fx_file {
	char *path;
	bool exists;	    /* at the end of the run */
	bool base_known;    /* its content before the run does not matter (created, truncated) */
	bool content_known; /* every write's bytes were captured */
	bool symlink;	    /* a symbolic link: data is its target */
	uint8_t *data;	    /* content (size bytes) when exists */
	uint8_t *known;	    /* per byte: 1 written or known, 0 the unknown original; NULL: all */
	uint64_t size, cap;
	int32_t mode;		/* permission bits set by the run (creation or chmod), -1 none */
	uint64_t fnv;		/* FNV-1a 64 of data, filled at the end */
	struct rn_fx_origin at; /* the last change */
};

/* A path or a description, with the number of times it was seen. */
struct rn_fx_item {
	char *key;
	uint64_t count;
	struct rn_fx_origin at; /* the first time */
};

struct rn_fx_items {
	struct rn_fx_item *v;
	size_t n, cap;
};

/*
 * Where a process that wrote to stdout or stderr sits in its parent's output: the parent's
 * bytes on each stream before the fork that made it and before the wait that reaped it.
 * Happens-before puts those bytes of the parent before (after) all of the child's.
 */
struct rn_fx_fence {
	uint32_t pid, ppid;
	uint64_t fork_pos[2];
	uint64_t reap_pos[2]; /* UINT64_MAX: not reaped in the trace */
};

struct rn_fx_model {
	struct rn_fx_stream streams[2]; /* stdout, stderr */
	uint32_t root_pid;
	struct rn_fx_fence *fences; /* the root's children that wrote to a stream */
	size_t nfences;
	bool have_exit;
	int32_t exit_status;	  /* wait status of the root process */
	struct rn_fx_file *files; /* sorted by path, those whose state the run changed */
	size_t nfiles;
	struct rn_fx_items dirs;    /* "created PATH" / "removed PATH", sorted */
	struct rn_fx_items reads;   /* user files opened for reading, sorted */
	struct rn_fx_items procs;   /* argv of each started program, normalised, sorted */
	struct rn_fx_items signals; /* "SIGTERM to child", sorted */
	struct rn_fx_items net;	    /* "connect {sockaddr} sent N bytes ...", sorted */
	/* a category whose evidence is incomplete: why, or "" */
	char inconclusive[RN_FX__N][160];
	/* performance, never part of the verdict unless asked */
	uint64_t wall_ns, cpu_ns, syscalls, peak_rss, events;
	uint64_t lost;
	bool incomplete;
};

/* Paths: pairs OLD=NEW applied to this trace's paths (the second run's new names). */
struct rn_fx_opts {
	const char *const *ignore; /* extra globs (fnmatch, `*` crosses `/`) */
	size_t nignore;
	bool no_default_ignores;
	const char *const *map_from; /* path prefixes rewritten ... */
	const char *const *map_to;   /* ... to these */
	size_t nmap;
};

/* The runtime's own files, left out of files, dirs and reads unless no_default_ignores. */
extern const char *const rn_fx_default_ignores[];

struct rn_effects;

int rn_effects__new(struct rn_effects **out, const struct rn_fx_opts *o);
void rn_effects__free(struct rn_effects *fx);
/* The sink that feeds fx; its close does nothing (free fx with rn_effects__free). */
void rn_effects__sink(struct rn_effects *fx, struct rn_tr_sink *s);
/* The model, complete once the sink's finish ran (or rn_effects__end was called). */
const struct rn_fx_model *rn_effects__model(const struct rn_effects *fx);
/* Ends a trace that had no finish (cut input): the model is built, marked incomplete. */
int rn_effects__end(struct rn_effects *fx);
/* True once the model is built. */
bool rn_effects__done(const struct rn_effects *fx);

/* Lexical canonical form of path (no `.`, `..`, `//`), relative to cwd when not absolute. */
int rn_fx__canon(const char *cwd, const char *path, char *out, size_t outlen);
/* Is path matched by one of the globs (NULL-terminated list, or n entries)? */
bool rn_fx__ignored(const char *path, const char *const *globs, size_t n);

#endif
