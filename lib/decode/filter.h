/* SPDX-License-Identifier: MIT */
/*
 * strace's -e qualifiers: which syscalls to trace (names, %classes, /regex, numbers,
 * `!`, `?`), which return statuses to show and which signals to print. Semantics follow
 * strace 6.1 (src/filter_qualify.c, src/basic_filters.c): a later trace= replaces an
 * earlier one, exactly as strace does.
 */
#ifndef RENACER_FILTER_H
#define RENACER_FILTER_H

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "renacer_abi.h"
#include "systable.h"

struct rn_filter;

/* strace's -e quiet= messages, as bits. */
enum rn_quiet {
	RN_QUIET_ATTACH = 1 << 0,	   /* Process N attached / detached */
	RN_QUIET_EXIT = 1 << 1,		   /* +++ exited with N +++ */
	RN_QUIET_PATH_RESOLUTION = 1 << 2, /* -P: Requested path ... resolved into ... */
	RN_QUIET_PERSONALITY = 1 << 3,	   /* [ Process PID=N runs in 32 bit mode. ] */
	RN_QUIET_THREAD_EXECVE = 1 << 4,   /* +++ superseded by execve in pid N +++ */
	RN_QUIET__ALL = (1 << 5) - 1,
};

/* Default: trace all syscalls, show every status, print every signal. NULL if out of memory. */
struct rn_filter *rn_filter__new(void);
void rn_filter__free(struct rn_filter *f);

/*
 * Applies one -e argument: "trace=open,openat", "t=!%memory,brk", "trace=/^stat",
 * "trace=?foo", "status=!successful", "signal=SIGCHLD", or a bare "open,read" (trace=).
 * Returns 0; -EINVAL with strace's message plus a hint in err (e.g. "invalid system call
 * 'opn' (did you mean 'open'?)"); -EOPNOTSUPP for a qualifier strace knows but renacer
 * does not implement (inject=, kvm=, ...). On error
 * the filter is unchanged. err may be NULL.
 */
int rn_filter__parse(struct rn_filter *f, const char *expr, char *err, size_t errlen);

/* Levenshtein distance of two names (UINT_MAX past 63 bytes): for "did you mean" hints. */
unsigned rn_filter__edit_distance(const char *a, const char *b);

/* Hot path: one bitmap test. */
bool rn_filter__traced(const struct rn_filter *f, int nr);

/*
 * Whether a finished call passes status=: ret is the raw return (-4095..-1 is failed),
 * noreturn is true for calls printed as `= ?` (unfinished).
 */
bool rn_filter__status_ok(const struct rn_filter *f, long ret, bool noreturn);

/* True when status= selects everything (the default), so no call needs holding back. */
bool rn_filter__status_all(const struct rn_filter *f);

/* -e read=FD / -e write=FD: whether the data read from / written to fd is dumped in hex. */
bool rn_filter__dump_read(const struct rn_filter *f, int64_t fd);
bool rn_filter__dump_write(const struct rn_filter *f, int64_t fd);
/* True when some descriptor is dumped (the capture must then keep whole buffers). */
bool rn_filter__dumps(const struct rn_filter *f);
/* -e raw=: the syscalls printed undecoded, a bitmap by number; NULL when none. */
const uint64_t *rn_filter__raw(const struct rn_filter *f);

/* -e abbrev=: whether nr's structures print abbreviated (`{st_mode=..., ...}`; -v: none). */
bool rn_filter__abbrev(const struct rn_filter *f, int nr);
/* -e verbose=: whether nr's structures are dereferenced (else printed as pointers). */
bool rn_filter__verbose(const struct rn_filter *f, int nr);
/* The abbrev= / verbose= bitmaps by syscall number; NULL when every call has the default. */
const uint64_t *rn_filter__abbrev_set(const struct rn_filter *f);
const uint64_t *rn_filter__verbose_set(const struct rn_filter *f);
/* -e quiet=: the enum rn_quiet bits; *given says whether quiet= was given at all. */
unsigned rn_filter__quiet(const struct rn_filter *f, bool *given);

/* Whether `--- SIGxxx ---` lines for signal sig (1..255) are printed. */
bool rn_filter__signal_traced(const struct rn_filter *f, int sig);

/* The traced set as a bitmap indexed by syscall number, for the BPF filter map. */
void rn_filter__bitmap(const struct rn_filter *f, uint64_t bits[RN_MAX_SYSCALLS / 64]);

/* Class bits of an x86_64 syscall name (its systable row); 0 if unclassified or unknown. */
uint32_t rn_filter__class_of(const char *name);

#endif
