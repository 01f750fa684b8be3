/* SPDX-License-Identifier: MIT */
/*
 * Two runs' observable behaviour (effects.h) compared category by category
 * (docs/compare.md): PASS when equal, FAIL with the first divergence, INCONCLUSIVE when
 * either trace lacks the evidence (lost events, bytes not captured). Performance is
 * reported beside the verdict and joins it only with a maximum slowdown.
 */
#ifndef RENACER_COMPARE_H
#define RENACER_COMPARE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "effects.h"

enum rn_cmp_verdict {
	RN_CMP_PASS,
	RN_CMP_FAIL,
	RN_CMP_INCONCLUSIVE,
};

/* "PASS", "FAIL", "INCONCLUSIVE" */
const char *rn_cmp_verdict__name(enum rn_cmp_verdict v);

struct rn_cmp_cat {
	enum rn_cmp_verdict v;
	char counts[192]; /* what each side had: "12 bytes in 3 writes / 12 bytes in 1 write" */
	char why[384];	  /* INCONCLUSIVE: which side lacks what, and the fix */
	/* FAIL: the first divergence */
	char what[512];		  /* "byte 5 differs", "only in the second run: PATH" */
	char expected[256];	  /* the first run's side (escaped), or "" */
	char actual[256];	  /* the second run's */
	int64_t offset;		  /* byte offset of the divergence, -1 when none */
	struct rn_fx_origin a, b; /* where each side's differing effect came from (0: none) */
};

struct rn_cmp_perf {
	uint64_t wall_ns, cpu_ns, syscalls, peak_rss;
};

struct rn_cmp_result {
	struct rn_cmp_cat cat[RN_FX__N];
	struct rn_cmp_perf perf[2];
	double speedup;	     /* first wall / second wall; 0 when unknown */
	double max_slowdown; /* 0: performance is not part of the verdict */
	bool too_slow;	     /* the second run was slower than max_slowdown allows */
	enum rn_cmp_verdict overall;
};

struct rn_cmp_opts {
	double max_slowdown; /* 0: none */
};

/* Compares a (expected, the first run) with b (actual); fills r. */
void rn_compare(const struct rn_fx_model *a, const struct rn_fx_model *b,
		const struct rn_cmp_opts *o, struct rn_cmp_result *r);
/* 0 equivalent, 1 divergent, 2 could not decide. */
int rn_cmp__status(const struct rn_cmp_result *r);

/* The report: a line per category, then each failure's first divergence, then performance. */
int rn_cmp_report__text(const struct rn_cmp_result *r, const char *name_a, const char *name_b,
			FILE *f);
int rn_cmp_report__json(const struct rn_cmp_result *r, const char *name_a, const char *name_b,
			FILE *f);

#endif
