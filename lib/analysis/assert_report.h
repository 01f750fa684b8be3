/* SPDX-License-Identifier: MIT */
/*
 * The checker's report: text (one line per assertion, PASS / FAIL / WARN / SKIPPED, the
 * measured value against the budget, the evidence of a violation), JSON (the same as data)
 * and JUnit XML for CI systems (one testsuite, one testcase per assertion).
 */
#ifndef RENACER_ASSERT_REPORT_H
#define RENACER_ASSERT_REPORT_H

#include <stdio.h>

#include "assertions.h"

/* 0, or -EIO when out failed. */
int rn_assert_report__text(const struct rn_checker *c, FILE *out);
int rn_assert_report__json(const struct rn_checker *c, FILE *out);
/* suite names the testsuite ("renacer.toml"). */
int rn_assert_report__junit(const struct rn_checker *c, FILE *out, const char *suite);
/* A check that could not run (the file or trace unreadable): one testcase with <error>. */
int rn_assert_report__junit_error(FILE *out, const char *suite, const char *what);

/* "calls 120 > 100, errors 0 <= 5": r's measures against their budgets. */
void rn_assert_report__measures(FILE *out, const struct rn_assert_result *r);
/* How many results have each verdict, indexed by enum rn_verdict. */
void rn_assert_report__counts(const struct rn_checker *c, unsigned counts[4]);

#endif
