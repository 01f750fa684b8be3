/* SPDX-License-Identifier: MIT */
/*
 * A strict parser for the TOML 1.0 subset renacer's files use (renacerd.toml, renacer.toml):
 * comments, bare/quoted/dotted keys, [tables], [[arrays of tables]], basic and literal
 * strings, integers, floats, booleans, arrays and inline tables. Multi-line strings, dates
 * and times are rejected with an error that names them; so is anything else outside TOML.
 * Strings never contain NUL (\u0000 is rejected), so they are plain C strings.
 */
#ifndef RENACER_TOML_H
#define RENACER_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Arrays and tables nest at most this deep (the root table is depth 0). */
#define RN_TOML_MAX_DEPTH 64

enum rn_toml_type {
	RN_TOML_TABLE,
	RN_TOML_ARRAY,
	RN_TOML_STRING,
	RN_TOML_INT,
	RN_TOML_FLOAT,
	RN_TOML_BOOL,
	RN_TOML_NONE, /* rn_toml__type(NULL), so a missing key can be tested without a branch */
};

struct rn_toml; /* a value: table, array or scalar */

/*
 * Parses text (len bytes, need not be NUL-terminated). On error returns NULL and writes
 * "NAME:LINE:COL: what is wrong" to err (columns count characters, from 1). err may be NULL.
 */
struct rn_toml *rn_toml__parse(const char *text, size_t len, const char *name,
			       struct rn_error *err);
/* Reads and parses path; a file that cannot be read gives "PATH: cannot read: <strerror>". */
struct rn_toml *rn_toml__parse_file(const char *path, struct rn_error *err);
void rn_toml__free(struct rn_toml *t);

enum rn_toml_type rn_toml__type(const struct rn_toml *v);
/* "table", "array", "string", "integer", "float", "boolean", "nothing": for error messages. */
const char *rn_toml__type_name(enum rn_toml_type type);
/* NULL if absent or if table is not a table. */
const struct rn_toml *rn_toml__get(const struct rn_toml *table, const char *key);
/* Array items or table keys; 0 for scalars and NULL. */
size_t rn_toml__len(const struct rn_toml *v);
/* NULL if out of range or not an array. */
const struct rn_toml *rn_toml__at(const struct rn_toml *array, size_t i);
/* Keys in file order; NULL if out of range or not a table. */
const char *rn_toml__key_at(const struct rn_toml *table, size_t i);
const struct rn_toml *rn_toml__value_at(const struct rn_toml *table, size_t i);

/* NULL if not a string. */
const char *rn_toml__string(const struct rn_toml *v);
/* 0, or -EINVAL if not an int (out is then untouched). */
int rn_toml__int(const struct rn_toml *v, int64_t *out);
/* 0, or -EINVAL if neither a float nor an int (ints convert). */
int rn_toml__float(const struct rn_toml *v, double *out);
int rn_toml__bool(const struct rn_toml *v, bool *out);

/* Where the value starts (for a [table], its header); 0 for NULL. */
unsigned rn_toml__line(const struct rn_toml *v);
unsigned rn_toml__col(const struct rn_toml *v);

#endif
