/* SPDX-License-Identifier: MIT */
/*
 * Build-time assertions (docs/assertions.md): performance budgets and anti-pattern detectors
 * read from renacer.toml's [[assertion]] tables, and the checker, a trace sink that measures
 * every assertion on a trace as it streams by (a live recording or a file alike) and gives
 * each a verdict with its evidence.
 */
#ifndef RENACER_ASSERTIONS_H
#define RENACER_ASSERTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "trace.h"

enum rn_assert_type {
	RN_AT_CRITICAL_PATH,
	RN_AT_SPAN_COUNT,
	RN_AT_MEMORY_USAGE,
	RN_AT_ANTI_PATTERN,
	RN_AT_SYSCALL_BUDGET,
	RN_AT_DURATION,
};

enum rn_mem_mode {
	RN_MEM_RSS,	    /* peak resident set, as the kernel accounts it */
	RN_MEM_ALLOCATIONS, /* brk and anonymous mmap, net of unmaps, at their peak */
};

enum rn_antipattern {
	RN_AP_TIGHT_LOOP,
	RN_AP_GOD_PROCESS,
	RN_AP_SMALL_IO,
};

/* A budget that was not given. */
#define RN_ASSERT_UNSET UINT64_MAX

/* One [[assertion]] table. Budgets are in ns, bytes or counts; RN_ASSERT_UNSET when absent. */
struct rn_assertion {
	const char *name;
	enum rn_assert_type type;
	bool enabled;
	bool fail_on_violation;
	unsigned line, col;  /* of the table, for messages */
	const char *pattern; /* process_name_pattern / span_name_pattern (a POSIX ERE), or NULL */
	uint64_t max_duration_ns; /* critical_path */
	uint64_t max_spans;	  /* span_count */
	uint64_t max_bytes;	  /* memory_usage */
	enum rn_mem_mode mode;
	enum rn_antipattern antipattern;
	double threshold;    /* anti_pattern: the confidence that fails, 0..1 */
	const char *syscall; /* syscall_budget: a name or %class, as -e trace= takes it */
	uint64_t max_calls, max_errors;
	uint64_t max_wall_ns, max_cpu_ns; /* duration */
};

struct rn_rules;

/*
 * Parses a renacer.toml (len bytes of text; name is used in messages). Unknown keys or
 * types, missing required keys and values of the wrong type are refused: returns -EINVAL
 * with "NAME:LINE:COL: what is wrong (the fix)" in err->msg; -ENOMEM. err may be NULL.
 */
int rn_rules__parse(struct rn_rules **out, const char *text, size_t len, const char *name,
		    struct rn_error *err);
/* Reads and parses path; an unreadable file gives "PATH: cannot read: <strerror>". */
int rn_rules__load(struct rn_rules **out, const char *path, struct rn_error *err);
void rn_rules__free(struct rn_rules *r);
size_t rn_rules__count(const struct rn_rules *r);
/* NULL past the end. */
const struct rn_assertion *rn_rules__at(const struct rn_rules *r, size_t i);
/* "critical_path", ..., and "TightLoop", ...: the names the file uses. */
const char *rn_assert_type__name(enum rn_assert_type t);
const char *rn_antipattern__name(enum rn_antipattern p);

enum rn_verdict {
	RN_PASS,
	RN_FAIL,    /* violated and enforced */
	RN_WARN,    /* violated, fail_on_violation = false */
	RN_SKIPPED, /* enabled = false */
};

/* One figure compared with its budget: "calls" 120 against 100. */
struct rn_measure {
	const char *what; /* "critical path", "calls", "confidence", ... */
	const char *unit; /* "ms", "bytes", "" */
	double value, budget;
	bool violated;
};

#define RN_ASSERT_MAX_IDS 8

struct rn_assert_result {
	const struct rn_assertion *a;
	enum rn_verdict verdict;
	struct rn_measure m[2];
	unsigned nm;
	bool unmeasured;    /* the trace lacks what the rule needs: a violation, said so */
	char evidence[512]; /* which process, which calls; "" when nothing to show */
	uint64_t ids[RN_ASSERT_MAX_IDS]; /* event ids the evidence names */
	unsigned nids;
};

struct rn_checker;

/* The rules are borrowed and must outlive the checker. */
int rn_checker__new(struct rn_checker **out, const struct rn_rules *rules);
void rn_checker__free(struct rn_checker *c);
/*
 * The sink that feeds c; the verdicts are made at its finish. Its close does nothing: the
 * checker is freed by rn_checker__free, after the results are read.
 */
void rn_checker__sink(struct rn_checker *c, struct rn_tr_sink *sink);
/* True once the sink's finish ran (the results exist). */
bool rn_checker__done(const struct rn_checker *c);
size_t rn_checker__count(const struct rn_checker *c);
const struct rn_assert_result *rn_checker__result(const struct rn_checker *c, size_t i);
/* The trace's own warnings: lost events, cut short ("" when none). */
const char *rn_checker__note(const struct rn_checker *c);
/* 1 when an enforced assertion failed, else 0. */
int rn_checker__status(const struct rn_checker *c);

const char *rn_verdict__name(enum rn_verdict v); /* "PASS", "FAIL", "WARN", "SKIPPED" */

#endif
