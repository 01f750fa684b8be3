/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the TOML parser tests (test_toml*.c): parse and expect success or a named
 * error, and typed lookups that fail the test when the key is missing.
 */
#ifndef RENACER_TESTS_TOML_TEST_H
#define RENACER_TESTS_TOML_TEST_H

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "toml.h"

/* The document and error of the running test (test_toml.c resets and frees them). */
extern struct rn_toml *toml_doc;
extern struct rn_error toml_err;

static inline const struct rn_toml *parse_ok(const char *text)
{
	rn_toml__free(toml_doc);
	toml_doc = rn_toml__parse(text, strlen(text), "t.toml", &toml_err);
	cr_assert_not_null(toml_doc, "did not parse: %s\n%s", toml_err.msg, text);
	cr_assert_eq(rn_toml__type(toml_doc), RN_TOML_TABLE);
	return toml_doc;
}

static inline void expect_error(const char *text, const char *want)
{
	struct rn_toml *t = rn_toml__parse(text, strlen(text), "t.toml", &toml_err);

	cr_assert_null(t, "parsed but should not have:\n%s", text);
	cr_assert_str_eq(toml_err.msg, want, "input:\n%s", text);
}

struct err_case {
	const char *text;
	const char *toml_err;
};

static inline void expect_errors(const struct err_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect_error(c[i].text, c[i].toml_err);
}

static inline int64_t int_at(const struct rn_toml *t, const char *key)
{
	int64_t v = 0;

	cr_assert_eq(rn_toml__int(rn_toml__get(t, key), &v), 0, "'%s' is not an int", key);
	return v;
}

static inline double float_at(const struct rn_toml *t, const char *key)
{
	double v = 0;

	cr_assert_eq(rn_toml__type(rn_toml__get(t, key)), RN_TOML_FLOAT, "'%s' not a float", key);
	cr_assert_eq(rn_toml__float(rn_toml__get(t, key), &v), 0);
	return v;
}

static inline const char *str_at(const struct rn_toml *t, const char *key)
{
	const char *s = rn_toml__string(rn_toml__get(t, key));

	cr_assert_not_null(s, "'%s' is not a string", key);
	return s;
}

static inline bool bool_at(const struct rn_toml *t, const char *key)
{
	bool v = false;

	cr_assert_eq(rn_toml__bool(rn_toml__get(t, key), &v), 0, "'%s' is not a bool", key);
	return v;
}

#endif
