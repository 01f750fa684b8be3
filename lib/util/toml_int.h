/* SPDX-License-Identifier: MIT */
/*
 * Shared by the TOML parser's files only: toml_lex.c (positions, messages, whitespace,
 * strings, keys), toml_tree.c (tables and arrays, the getters), toml.c (values, key/value
 * pairs, headers, the entry points).
 */
#ifndef RENACER_TOML_INT_H
#define RENACER_TOML_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "strbuf.h"
#include "toml.h"

#define INDEX_MIN 8			  /* tables with fewer keys are searched linearly */
#define MAX_SEGS  (RN_TOML_MAX_DEPTH + 1) /* a scalar may sit one below the deepest table */

/* How a table or array came to be: it decides what may extend it later (TOML 1.0). */
enum origin {
	O_HEADER,   /* [a], an element of [[a]], or the root: no second header, no dotted keys */
	O_IMPLICIT, /* a parent made by [a.b]: [a] may still define it once */
	O_DOTTED,   /* made by a.b = 1: dotted keys may extend it, a header may not define it */
	O_INLINE,   /* a { } or [ ] value: frozen */
	O_TABLES,   /* the array of [[a]]: headers append to it */
};

struct entry {
	char *key;
	struct rn_toml *val;
	uint32_t hash;
	unsigned line, col; /* where the key was first written */
};

struct rn_toml {
	enum rn_toml_type type;
	enum origin origin;
	unsigned line, col;
	union {
		struct {
			struct entry *e;
			uint32_t *index; /* slot -> entry index + 1, 0 when free */
			size_t n, cap, icap;
		} tab;
		struct {
			struct rn_toml **v;
			size_t n, cap;
		} arr;
		char *s;
		int64_t i;
		double f;
		bool b;
	} u;
};

struct parser {
	const char *s;
	size_t len, pos;
	size_t bom;	   /* 3 when the text starts with a UTF-8 byte order mark */
	unsigned line;	   /* line of line_start */
	size_t line_start; /* first byte of the line being parsed */
	const char *name;
	struct rn_error *err;
	bool failed;
	struct rn_strbuf sb; /* the string or quoted key being decoded */
	char section[128];   /* the last header's path, for messages */
};

struct key {
	char *seg[MAX_SEGS];
	size_t n;
	size_t off; /* first byte of the key */
};

void rn_tp__where(const struct parser *p, size_t off, unsigned *line, unsigned *col);
/* "NAME:LINE:COL: what" into p->err, the first failure only; returns -EINVAL. */
__attribute__((format(printf, 3, 4))) int rn_tp__fail(struct parser *p, size_t off, const char *fmt,
						      ...);
int rn_tp__oom(struct parser *p);
/* Names the character at pos for "found X" in messages. */
const char *rn_tp__found(const struct parser *p, char buf[24]);
/* A key path for messages: a.b."x y" (truncated, control characters as '?'). */
const char *rn_tp__path_name(char *const *seg, size_t n, char buf[128]);
int rn_tp__check_utf8(struct parser *p);
void rn_tp__skip_ws(struct parser *p);
/* Whitespace, comments and line ends, as allowed between array items. */
int rn_tp__skip_blank(struct parser *p);
/* After a key/value pair or a header: spaces, an optional comment, then a line end or EOF. */
int rn_tp__end_of_line(struct parser *p, const char *after);
/* A basic ("...") or literal ('...') string at pos, decoded into p->sb. */
int rn_tp__parse_string(struct parser *p);
char *rn_tp__sb_take(struct parser *p);
void rn_tp__key_free(struct key *k);
/* A bare, quoted or dotted key; on failure k holds nothing. */
int rn_tp__parse_key(struct parser *p, struct key *k);

struct rn_toml *rn_tp__node_new(struct parser *p, enum rn_toml_type type, enum origin origin,
				size_t off);
struct entry *rn_tp__tab_find(const struct rn_toml *t, const char *key);
/* Adds key -> v (the key must be absent); takes v, freeing it on failure. */
int rn_tp__tab_insert(struct parser *p, struct rn_toml *t, const char *key, struct rn_toml *v,
		      size_t off);
/* Appends v to array a; takes v, freeing it on failure. */
int rn_tp__arr_push(struct parser *p, struct rn_toml *a, struct rn_toml *v);

static inline int rn_tp__peek_at(const struct parser *p, size_t k)
{
	return p->pos + k < p->len ? (unsigned char)p->s[p->pos + k] : -1;
}

static inline int rn_tp__peek(const struct parser *p)
{
	return rn_tp__peek_at(p, 0);
}

static inline bool rn_tp__is_bare(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static inline int rn_tp__hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
