/* SPDX-License-Identifier: MIT */
/* Strict TOML 1.0 subset: one pass over validated UTF-8; recursion only for nested values. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static const char *const type_names[] = {
    [RN_TOML_TABLE] = "table",	[RN_TOML_ARRAY] = "array", [RN_TOML_STRING] = "string",
    [RN_TOML_INT] = "integer",	[RN_TOML_FLOAT] = "float", [RN_TOML_BOOL] = "boolean",
    [RN_TOML_NONE] = "nothing",
};

static void where(const struct parser *p, size_t off, unsigned *line, unsigned *col)
{
	size_t start = p->line_start, i;
	unsigned l = p->line, c = 1;

	if (off < start) {
		start = p->bom;
		l = 1;
	}
	for (i = start; i < off && i < p->len; i++) {
		if (p->s[i] == '\n') {
			l++;
			c = 1;
		} else {
			/* columns count characters, not bytes */
			c += ((unsigned char)p->s[i] & 0xc0) != 0x80;
		}
	}
	*line = l;
	*col = c;
}

__attribute__((format(printf, 3, 4))) static int fail(struct parser *p, size_t off, const char *fmt,
						      ...)
{
	char what[sizeof(p->err->msg)];
	unsigned line, col;
	va_list ap;

	if (p->failed)
		return -EINVAL;
	p->failed = true;
	if (!p->err)
		return -EINVAL;
	where(p, off, &line, &col);
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return rn_error__set(p->err, -EINVAL, "%s:%u:%u: %s", p->name, line, col, what);
}

static int oom(struct parser *p)
{
	fail(p, p->pos, "out of memory");
	return -ENOMEM;
}

static int peek_at(const struct parser *p, size_t k)
{
	return p->pos + k < p->len ? (unsigned char)p->s[p->pos + k] : -1;
}

static int peek(const struct parser *p)
{
	return peek_at(p, 0);
}

static bool is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static bool is_bare(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* Length of the UTF-8 sequence at s (n bytes left), 0 if invalid (overlong, surrogate...). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t k, i;

	if (c < 0x80)
		return 1;
	if (c < 0xc2 || c > 0xf4)
		return 0;
	k = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return k;
}

static uint32_t utf8_decode(const unsigned char *s, size_t k)
{
	static const unsigned char lead_mask[] = {0, 0x7f, 0x1f, 0x0f, 0x07};
	uint32_t cp = s[0] & lead_mask[k];
	size_t i;

	for (i = 1; i < k; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}

/* Names the character at pos for "found X" in messages. */
static const char *found(const struct parser *p, char buf[24])
{
	int c = peek(p);
	size_t k;

	if (c < 0)
		return "end of file";
	if (c == '\n' || (c == '\r' && peek_at(p, 1) == '\n'))
		return "end of line";
	if (c > ' ' && c < 0x7f) {
		snprintf(buf, 24, "'%c'", c);
		return buf;
	}
	if (c == ' ')
		return "a space";
	k = utf8_len((const unsigned char *)p->s + p->pos, p->len - p->pos);
	snprintf(buf, 24, "U+%04X", k ? utf8_decode((const unsigned char *)p->s + p->pos, k) : 0);
	return buf;
}

/* A key path for messages: a.b."x y" (truncated, control characters as '?'). */
static const char *path_name(char *const *seg, size_t n, char buf[128])
{
	size_t len = 0, i;
	const char *c;

	buf[0] = '\0';
	for (i = 0; i < n && len < 120; i++) {
		bool bare = seg[i][0] != '\0';

		for (c = seg[i]; *c; c++)
			bare &= is_bare((unsigned char)*c);
		if (i)
			buf[len++] = '.';
		if (!bare)
			buf[len++] = '"';
		for (c = seg[i]; *c && len < 120; c++)
			buf[len++] = is_control((unsigned char)*c) ? '?' : *c;
		if (!bare)
			buf[len++] = '"';
	}
	if (i < n || len >= 120)
		len += (size_t)snprintf(buf + len, 128 - len, "...");
	buf[len] = '\0';
	return buf;
}

static int check_utf8(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t i = 0, k;

	while (i < p->len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_len(s + i, p->len - i);
		if (!k)
			return fail(p, i, "invalid UTF-8 (byte 0x%02x); the file must be UTF-8",
				    s[i]);
		i += k;
	}
	return 0;
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t'))
		p->pos++;
}

/* Consumes LF or CRLF at pos: 1 if consumed, 0 if there is none, -EINVAL for a lone CR. */
static int eat_newline(struct parser *p)
{
	int c = peek(p);

	if (c == '\r') {
		if (peek_at(p, 1) != '\n')
			return fail(p, p->pos, "carriage return without a line feed");
		p->pos++;
	} else if (c != '\n') {
		return 0;
	}
	p->pos++;
	p->line++;
	p->line_start = p->pos;
	return 1;
}

/* A '#' comment up to (not including) the line end. */
static int skip_comment(struct parser *p)
{
	int c;

	if (peek(p) != '#')
		return 0;
	for (p->pos++; (c = peek(p)) >= 0; p->pos++) {
		if (c == '\n' || (c == '\r' && peek_at(p, 1) == '\n'))
			break;
		if (is_control(c))
			return fail(p, p->pos, "control character U+%04X in a comment", c);
	}
	return 0;
}

/* Whitespace, comments and line ends, as allowed between array items. */
static int skip_blank(struct parser *p)
{
	int rc;

	for (;;) {
		skip_ws(p);
		rc = skip_comment(p);
		if (rc)
			return rc;
		rc = eat_newline(p);
		if (rc <= 0)
			return rc;
	}
}

/* After a key/value pair or a header: spaces, an optional comment, then a line end or EOF. */
static int end_of_line(struct parser *p, const char *after)
{
	char buf[24];
	int rc;

	skip_ws(p);
	rc = skip_comment(p);
	if (rc || p->pos >= p->len)
		return rc;
	rc = eat_newline(p);
	if (rc)
		return rc < 0 ? rc : 0;
	return fail(p, p->pos, "expected end of line after %s, found %s", after, found(p, buf));
}

static struct rn_toml *node_new(struct parser *p, enum rn_toml_type type, enum origin origin,
				size_t off)
{
	struct rn_toml *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->type = type;
	v->origin = origin;
	where(p, off, &v->line, &v->col);
	return v;
}

void rn_toml__free(struct rn_toml *t)
{
	size_t i;

	if (!t)
		return;
	if (t->type == RN_TOML_TABLE) {
		for (i = 0; i < t->u.tab.n; i++) {
			free(t->u.tab.e[i].key);
			rn_toml__free(t->u.tab.e[i].val);
		}
		free(t->u.tab.e);
		free(t->u.tab.index);
	} else if (t->type == RN_TOML_ARRAY) {
		for (i = 0; i < t->u.arr.n; i++)
			rn_toml__free(t->u.arr.v[i]);
		free(t->u.arr.v);
	} else if (t->type == RN_TOML_STRING) {
		free(t->u.s);
	}
	free(t);
}

static uint32_t key_hash(const char *key)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

static struct entry *tab_find(const struct rn_toml *t, const char *key)
{
	uint32_t h = key_hash(key);
	size_t i, mask = t->u.tab.icap - 1;
	struct entry *e;

	if (!t->u.tab.index) {
		for (i = 0; i < t->u.tab.n; i++) {
			e = &t->u.tab.e[i];
			if (e->hash == h && !strcmp(e->key, key))
				return e;
		}
		return NULL;
	}
	for (i = h & mask; t->u.tab.index[i]; i = (i + 1) & mask) {
		e = &t->u.tab.e[t->u.tab.index[i] - 1];
		if (e->hash == h && !strcmp(e->key, key))
			return e;
	}
	return NULL;
}

static void index_put(struct rn_toml *t, size_t idx)
{
	size_t mask = t->u.tab.icap - 1, i;

	for (i = t->u.tab.e[idx].hash & mask; t->u.tab.index[i]; i = (i + 1) & mask)
		;
	t->u.tab.index[i] = (uint32_t)(idx + 1);
}

/* Keeps the index at most half full; 0 or -ENOMEM. */
static int index_grow(struct rn_toml *t)
{
	size_t icap = t->u.tab.icap ? t->u.tab.icap * 2 : 4 * INDEX_MIN, i;
	uint32_t *index;

	if (t->u.tab.n < INDEX_MIN || (t->u.tab.n + 1) * 2 <= t->u.tab.icap)
		return 0;
	if (t->u.tab.n >= UINT32_MAX / 2)
		return -ENOMEM;
	index = calloc(icap, sizeof(*index));
	if (!index)
		return -ENOMEM;
	free(t->u.tab.index);
	t->u.tab.index = index;
	t->u.tab.icap = icap;
	for (i = 0; i < t->u.tab.n; i++)
		index_put(t, i);
	return 0;
}

/* Adds key -> v (the key must be absent); takes v, freeing it on failure. */
static int tab_insert(struct parser *p, struct rn_toml *t, const char *key, struct rn_toml *v,
		      size_t off)
{
	struct entry *e;
	char *k = strdup(key);

	if (!k || index_grow(t))
		goto nomem;
	if (t->u.tab.n == t->u.tab.cap) {
		size_t cap = t->u.tab.cap ? t->u.tab.cap * 2 : 4;

		e = realloc(t->u.tab.e, cap * sizeof(*e));
		if (!e)
			goto nomem;
		t->u.tab.e = e;
		t->u.tab.cap = cap;
	}
	e = &t->u.tab.e[t->u.tab.n];
	e->key = k;
	e->val = v;
	e->hash = key_hash(key);
	where(p, off, &e->line, &e->col);
	if (t->u.tab.index)
		index_put(t, t->u.tab.n);
	t->u.tab.n++;
	return 0;
nomem:
	free(k);
	rn_toml__free(v);
	return oom(p);
}

/* Appends v to array a; takes v, freeing it on failure. */
static int arr_push(struct parser *p, struct rn_toml *a, struct rn_toml *v)
{
	if (a->u.arr.n == a->u.arr.cap) {
		size_t cap = a->u.arr.cap ? a->u.arr.cap * 2 : 4;
		struct rn_toml **nv = realloc(a->u.arr.v, cap * sizeof(*nv));

		if (!nv) {
			rn_toml__free(v);
			return oom(p);
		}
		a->u.arr.v = nv;
		a->u.arr.cap = cap;
	}
	a->u.arr.v[a->u.arr.n++] = v;
	return 0;
}

static int sb_put(struct parser *p, const char *s, size_t n)
{
	if (rn_strbuf__reserve(&p->sb, n))
		return oom(p);
	rn_strbuf__append(&p->sb, s, n);
	return 0;
}

static int put_utf8(struct parser *p, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return sb_put(p, b, n);
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One escape sequence at pos (a backslash) inside a basic string. */
static int parse_escape(struct parser *p)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	size_t at = p->pos, ndig, i;
	int c = peek_at(p, 1);
	const char *hit = c > 0 ? strchr(from, c) : NULL;
	uint32_t cp = 0;

	if (hit) {
		p->pos += 2;
		return sb_put(p, &to[hit - from], 1);
	}
	if (c != 'u' && c != 'U') {
		if (c > ' ' && c < 0x7f)
			return fail(p, at,
				    "invalid escape '\\%c' (valid: \\b \\t \\n \\f \\r \\\" \\\\ "
				    "\\uXXXX \\UXXXXXXXX)",
				    c);
		return fail(p, at, "invalid escape: '\\' must be followed by one of btnfr\"\\uU");
	}
	ndig = c == 'u' ? 4 : 8;
	for (i = 0; i < ndig; i++) {
		int d = hex_value(peek_at(p, 2 + i));

		if (d < 0)
			return fail(p, at, "\\%c must be followed by %zu hex digits", c, ndig);
		cp = cp << 4 | (uint32_t)d;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail(p, at, "\\%c%.*s is not a Unicode scalar value", c, (int)ndig,
			    p->s + at + 2);
	if (!cp)
		return fail(p, at, "NUL characters (\\%c%.*s) are not supported in strings", c,
			    (int)ndig, p->s + at + 2);
	p->pos += 2 + ndig;
	return put_utf8(p, cp);
}

/* A basic ("...") or literal ('...') string at pos, decoded into p->sb. */
static int parse_string(struct parser *p)
{
	size_t open = p->pos, run;
	char quote = p->s[p->pos];
	int c, rc;

	if (peek_at(p, 1) == quote && peek_at(p, 2) == quote)
		return fail(p, open, "multi-line strings are not supported");
	rn_strbuf__reset(&p->sb);
	if (rn_strbuf__reserve(&p->sb, 0))
		return oom(p);
	p->pos++;
	for (;;) {
		for (run = p->pos; run < p->len; run++) {
			c = (unsigned char)p->s[run];
			if (c == quote || (c == '\\' && quote == '"') || is_control(c))
				break;
		}
		rc = sb_put(p, p->s + p->pos, run - p->pos);
		if (rc)
			return rc;
		p->pos = run;
		c = peek(p);
		if (c == quote) {
			p->pos++;
			return 0;
		}
		if (c < 0 || c == '\n' || c == '\r')
			return fail(p, open, "unterminated string (a string must end on its line)");
		if (c != '\\')
			return fail(p, p->pos,
				    "control character U+%04X must be escaped in a string", c);
		c = peek_at(p, 1);
		if (c < 0 || c == '\n' || c == '\r')
			return fail(p, open, "unterminated string (a string must end on its line)");
		rc = parse_escape(p);
		if (rc)
			return rc;
	}
}

static char *sb_take(struct parser *p)
{
	char *s = strndup(p->sb.buf ? p->sb.buf : "", p->sb.len);

	if (!s)
		oom(p);
	return s;
}

static int parse_simple_key(struct parser *p, char **out)
{
	size_t start = p->pos;
	char buf[24];
	int c = peek(p);

	if (c == '"' || c == '\'') {
		if (parse_string(p))
			return -EINVAL;
		*out = sb_take(p);
	} else if (is_bare(c)) {
		while (p->pos < p->len && is_bare((unsigned char)p->s[p->pos]))
			p->pos++;
		*out = strndup(p->s + start, p->pos - start);
		if (!*out)
			return oom(p);
	} else {
		return fail(p, p->pos, "expected a key, found %s", found(p, buf));
	}
	return *out ? 0 : -ENOMEM;
}

static void key_free(struct key *k)
{
	while (k->n)
		free(k->seg[--k->n]);
}

/* A bare, quoted or dotted key; on failure k holds nothing. */
static int parse_key(struct parser *p, struct key *k)
{
	int rc;

	k->n = 0;
	k->off = p->pos;
	for (;;) {
		if (k->n == MAX_SEGS) {
			key_free(k);
			return fail(p, k->off, "nesting deeper than %d levels", RN_TOML_MAX_DEPTH);
		}
		rc = parse_simple_key(p, &k->seg[k->n]);
		if (rc) {
			key_free(k);
			return rc;
		}
		k->n++;
		skip_ws(p);
		if (peek(p) != '.')
			return 0;
		p->pos++;
		skip_ws(p);
	}
}

static int parse_value(struct parser *p, unsigned depth, struct rn_toml **out);
static int parse_keyval(struct parser *p, struct rn_toml *t, unsigned depth);

static int too_deep(struct parser *p, size_t off)
{
	return fail(p, off, "nesting deeper than %d levels", RN_TOML_MAX_DEPTH);
}

static int parse_array(struct parser *p, unsigned depth, struct rn_toml **out)
{
	size_t open = p->pos;
	struct rn_toml *a, *item;
	char buf[24];
	int rc;

	if (depth > RN_TOML_MAX_DEPTH)
		return too_deep(p, open);
	a = node_new(p, RN_TOML_ARRAY, O_INLINE, open);
	if (!a)
		return oom(p);
	p->pos++;
	for (;;) {
		rc = skip_blank(p);
		if (rc)
			goto out;
		if (peek(p) == ']')
			break;
		if (peek(p) < 0) {
			rc = fail(p, open, "unterminated array (no closing ']')");
			goto out;
		}
		rc = parse_value(p, depth + 1, &item);
		if (!rc)
			rc = arr_push(p, a, item);
		if (!rc)
			rc = skip_blank(p);
		if (rc)
			goto out;
		if (peek(p) == ',') {
			p->pos++;
			continue;
		}
		if (peek(p) == ']')
			break;
		if (peek(p) < 0)
			rc = fail(p, open, "unterminated array (no closing ']')");
		else
			rc = fail(p, p->pos, "expected ',' or ']' after an array item, found %s",
				  found(p, buf));
		goto out;
	}
	p->pos++;
out:
	if (rc) {
		rn_toml__free(a);
		return rc;
	}
	*out = a;
	return 0;
}

static int parse_inline_table(struct parser *p, unsigned depth, struct rn_toml **out)
{
	size_t open = p->pos;
	struct rn_toml *t;
	char buf[24];
	int rc = 0, c;

	if (depth > RN_TOML_MAX_DEPTH)
		return too_deep(p, open);
	t = node_new(p, RN_TOML_TABLE, O_INLINE, open);
	if (!t)
		return oom(p);
	p->pos++;
	skip_ws(p);
	if (peek(p) == '}')
		goto done;
	for (;;) {
		skip_ws(p);
		c = peek(p);
		if (c == '\n' || c == '\r' || c == '#') {
			rc = fail(p, p->pos, "%s are not allowed inside an inline table",
				  c == '#' ? "comments" : "line breaks");
			goto out;
		}
		if (c < 0) {
			rc = fail(p, open, "unterminated inline table (no closing '}')");
			goto out;
		}
		rc = parse_keyval(p, t, depth);
		if (rc)
			goto out;
		skip_ws(p);
		c = peek(p);
		if (c == '}')
			break;
		if (c == ',') {
			size_t comma = p->pos++;

			skip_ws(p);
			if (peek(p) == '}') {
				rc = fail(p, comma,
					  "trailing comma is not allowed in an inline table");
				goto out;
			}
			continue;
		}
		if (c == '\n' || c == '\r' || c == '#')
			continue; /* reported at the top of the loop */
		if (c < 0)
			rc = fail(p, open, "unterminated inline table (no closing '}')");
		else
			rc = fail(p, p->pos, "expected ',' or '}' in an inline table, found %s",
				  found(p, buf));
		goto out;
	}
done:
	p->pos++;
out:
	if (rc) {
		rn_toml__free(t);
		return rc;
	}
	*out = t;
	return 0;
}

/* d (n chars) is digits of base with single underscores between digits. */
static bool digits_ok(const char *d, size_t n, int base)
{
	size_t i;

	if (!n || d[0] == '_' || d[n - 1] == '_')
		return false;
	for (i = 0; i < n; i++) {
		int v = hex_value((unsigned char)d[i]);

		if (d[i] == '_') {
			if (d[i + 1] == '_')
				return false;
		} else if (v < 0 || v >= base) {
			return false;
		}
	}
	return true;
}

static int parse_int(struct parser *p, const char *tok, size_t n, size_t off, struct rn_toml **out)
{
	static const struct {
		char tag;
		int base;
		const char *name;
	} prefixes[] = {{'x', 16, "hexadecimal"}, {'o', 8, "octal"}, {'b', 2, "binary"}};
	const char *d = tok;
	size_t i, nd = n;
	bool neg = false;
	int base = 10;
	uint64_t v = 0, limit = INT64_MAX;

	if (d[0] == '+' || d[0] == '-') {
		neg = d[0] == '-';
		d++;
		nd--;
	}
	for (i = 0; i < 3 && nd >= 2 && d[0] == '0'; i++) {
		if (d[1] != prefixes[i].tag)
			continue;
		if (d != tok)
			return fail(p, off, "a sign is not allowed on %s integers",
				    prefixes[i].name);
		base = prefixes[i].base;
		d += 2;
		nd -= 2;
		if (!digits_ok(d, nd, base))
			return fail(p, off, "invalid %s integer '%.*s'", prefixes[i].name, (int)n,
				    tok);
		break;
	}
	if (base == 10) {
		if (!digits_ok(d, nd, 10))
			return fail(p, off, "invalid number '%.*s'", (int)n, tok);
		if (nd > 1 && d[0] == '0')
			return fail(p, off, "leading zeros are not allowed in '%.*s'", (int)n, tok);
	}
	if (neg)
		limit = (uint64_t)INT64_MAX + 1;
	for (i = 0; i < nd; i++) {
		unsigned dv;

		if (d[i] == '_')
			continue;
		dv = (unsigned)hex_value((unsigned char)d[i]);
		if (v > (limit - dv) / (unsigned)base)
			return fail(p, off, "integer '%.*s' does not fit in 64 bits", (int)n, tok);
		v = v * (unsigned)base + dv;
	}
	*out = node_new(p, RN_TOML_INT, O_INLINE, off);
	if (!*out)
		return oom(p);
	/* -(INT64_MAX + 1) is computed in unsigned arithmetic to avoid overflow */
	(*out)->u.i = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

static int parse_float(struct parser *p, const char *tok, size_t n, size_t off,
		       struct rn_toml **out)
{
	const char *d = tok + (tok[0] == '+' || tok[0] == '-'), *end = tok + n;
	const char *ip_end = d, *fr = NULL, *fr_end = NULL, *ex = NULL;
	char buf[128], *stop;
	size_t i, len = 0;
	double f;

	if (end - d == 3 && (!memcmp(d, "inf", 3) || !memcmp(d, "nan", 3))) {
		f = d[0] == 'i' ? INFINITY : NAN;
		f = tok[0] == '-' ? -f : f;
		goto done;
	}
	while (ip_end < end && *ip_end != '.' && *ip_end != 'e' && *ip_end != 'E')
		ip_end++;
	if (ip_end < end && *ip_end == '.') {
		fr = ip_end + 1;
		for (fr_end = fr; fr_end < end && *fr_end != 'e' && *fr_end != 'E'; fr_end++)
			;
	}
	ex = fr ? fr_end : ip_end;
	if (!digits_ok(d, (size_t)(ip_end - d), 10) ||
	    (fr && !digits_ok(fr, (size_t)(fr_end - fr), 10)))
		return fail(p, off, "invalid number '%.*s'%s", (int)n, tok,
			    fr ? " (a float needs digits on both sides of '.')" : "");
	if (ex < end) {
		const char *e = ex + 1;

		e += e < end && (*e == '+' || *e == '-');
		if (!digits_ok(e, (size_t)(end - e), 10))
			return fail(p, off, "invalid exponent in '%.*s'", (int)n, tok);
	}
	if (ip_end - d > 1 && d[0] == '0')
		return fail(p, off, "leading zeros are not allowed in '%.*s'", (int)n, tok);
	if (n >= sizeof(buf))
		return fail(p, off, "number '%.32s...' is too long", tok);
	for (i = 0; i < n; i++)
		if (tok[i] != '_')
			buf[len++] = tok[i];
	buf[len] = '\0';
	errno = 0;
	f = strtod(buf, &stop);
	if (*stop)
		return fail(p, off, "invalid number '%.*s'", (int)n, tok);
	if (errno == ERANGE && isinf(f))
		return fail(p, off, "float '%.*s' is out of range", (int)n, tok);
done:
	*out = node_new(p, RN_TOML_FLOAT, O_INLINE, off);
	if (!*out)
		return oom(p);
	(*out)->u.f = f;
	return 0;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Booleans, numbers, and the dates and times this subset refuses by name. */
static int parse_bare_value(struct parser *p, struct rn_toml **out)
{
	size_t off = p->pos, n;
	const char *tok = p->s + off, *d;
	char buf[24];
	int c;

	while ((c = peek(p)) >= 0 && (is_bare(c) || c == '+' || c == '.' || c == ':'))
		p->pos++;
	n = p->pos - off;
	if (!n)
		return fail(p, off, "expected a value, found %s", found(p, buf));
	if ((n == 4 && !memcmp(tok, "true", 4)) || (n == 5 && !memcmp(tok, "false", 5))) {
		*out = node_new(p, RN_TOML_BOOL, O_INLINE, off);
		if (!*out)
			return oom(p);
		(*out)->u.b = n == 4;
		return 0;
	}
	if (n >= 5 && all_digits(tok, 4) && tok[4] == '-')
		return fail(p, off,
			    "dates are not supported (quote the value to make it a string)");
	if (n >= 3 && all_digits(tok, 2) && tok[2] == ':')
		return fail(p, off,
			    "times are not supported (quote the value to make it a string)");
	if (!strchr("0123456789+-.", tok[0]) &&
	    !(n >= 3 && (!memcmp(tok, "inf", 3) || !memcmp(tok, "nan", 3))))
		return fail(p, off, "expected a value, found '%.*s' (strings must be quoted)",
			    (int)(n > 32 ? 32 : n), tok);
	d = tok + (tok[0] == '+' || tok[0] == '-');
	if (d + 2 <= tok + n && d[0] == '0' && (d[1] == 'x' || d[1] == 'o' || d[1] == 'b'))
		return parse_int(p, tok, n, off, out);
	if (memchr(tok, '.', n) || memchr(tok, 'e', n) || memchr(tok, 'E', n) ||
	    memmem(tok, n, "inf", 3) || memmem(tok, n, "nan", 3))
		return parse_float(p, tok, n, off, out);
	return parse_int(p, tok, n, off, out);
}

static int parse_value(struct parser *p, unsigned depth, struct rn_toml **out)
{
	size_t off = p->pos;
	char buf[24];
	int c = peek(p);

	*out = NULL;
	switch (c) {
	case '"':
	case '\'':
		if (parse_string(p))
			return -EINVAL;
		*out = node_new(p, RN_TOML_STRING, O_INLINE, off);
		if (*out && ((*out)->u.s = sb_take(p)))
			return 0;
		rn_toml__free(*out);
		*out = NULL;
		return oom(p);
	case '[':
		return parse_array(p, depth, out);
	case '{':
		return parse_inline_table(p, depth, out);
	default:
		if (c < 0 || c == '\n' || c == '\r' || c == '#' || c == ',' || c == ']' || c == '}')
			return fail(p, off, "expected a value, found %s", found(p, buf));
		return parse_bare_value(p, out);
	}
}

/* Why key path (n segments) cannot be used as a table: it holds v, defined at e. */
static int not_a_table(struct parser *p, size_t off, struct key *k, size_t n, const struct entry *e)
{
	const struct rn_toml *v = e->val;
	char name[128];

	path_name(k->seg, n, name);
	if (v->type == RN_TOML_TABLE && v->origin == O_INLINE)
		return fail(p, off, "cannot add keys to inline table '%s' (defined at %u:%u)", name,
			    e->line, e->col);
	/* only a key/value line under a later header can reach a table a header defined */
	if (v->type == RN_TOML_TABLE)
		return fail(
		    p, off, "cannot add keys to table [%s%s%s] under [%s]: it was defined at %u:%u",
		    p->section, p->section[0] ? "." : "", name, p->section, e->line, e->col);
	return fail(p, off, "key '%s' is %s %s (defined at %u:%u), not a table", name,
		    v->type == RN_TOML_INT || v->type == RN_TOML_ARRAY ? "an" : "a",
		    v->type == RN_TOML_ARRAY && v->origin == O_TABLES ? "array of tables"
								      : type_names[v->type],
		    e->line, e->col);
}

/* key = value, into table t at depth (that of t); the key's tables are made as needed. */
static int parse_keyval(struct parser *p, struct rn_toml *t, unsigned depth)
{
	struct rn_toml *v;
	struct entry *e;
	struct key k;
	char buf[24], name[128];
	size_t i;
	int rc;

	rc = parse_key(p, &k);
	if (rc)
		return rc;
	skip_ws(p);
	if (peek(p) != '=') {
		rc = fail(p, p->pos, "expected '=' after key '%s', found %s",
			  path_name(k.seg, k.n, name), found(p, buf));
		goto out;
	}
	p->pos++;
	skip_ws(p);
	for (i = 0; i + 1 < k.n; i++) {
		depth++;
		e = tab_find(t, k.seg[i]);
		if (!e) {
			if (depth > RN_TOML_MAX_DEPTH) {
				rc = too_deep(p, k.off);
				goto out;
			}
			v = node_new(p, RN_TOML_TABLE, O_DOTTED, k.off);
			rc = v ? tab_insert(p, t, k.seg[i], v, k.off) : oom(p);
			if (rc)
				goto out;
			t = v;
			continue;
		}
		v = e->val;
		if (v->type != RN_TOML_TABLE ||
		    (v->origin != O_DOTTED && v->origin != O_IMPLICIT)) {
			rc = not_a_table(p, k.off, &k, i + 1, e);
			goto out;
		}
		v->origin = O_DOTTED;
		t = v;
	}
	e = tab_find(t, k.seg[k.n - 1]);
	if (e) {
		rc = fail(p, k.off, "duplicate key '%s' (first defined at %u:%u)",
			  path_name(k.seg, k.n, name), e->line, e->col);
		goto out;
	}
	rc = parse_value(p, depth + 1, &v);
	if (!rc)
		rc = tab_insert(p, t, k.seg[k.n - 1], v, k.off);
out:
	key_free(&k);
	return rc;
}

/* [a.b] or [[a.b]]: makes *cur the table that the following key/value pairs go into. */
static int parse_header(struct parser *p, struct rn_toml *root, struct rn_toml **cur,
			unsigned *cur_depth)
{
	size_t open = p->pos, i;
	bool aot = peek_at(p, 1) == '[';
	struct rn_toml *t = root, *v, *a;
	unsigned depth = 0;
	struct entry *e;
	struct key k;
	char buf[24], name[128];
	int rc;

	p->pos += aot ? 2 : 1;
	skip_ws(p);
	rc = parse_key(p, &k);
	if (rc)
		return rc;
	skip_ws(p);
	if (peek(p) != ']' || (aot && peek_at(p, 1) != ']')) {
		p->pos += peek(p) == ']'; /* [[a] x: point past the first ']' */
		rc = fail(p, p->pos, "expected '%s' to close the header, found %s",
			  aot ? "]]" : "]", found(p, buf));
		goto out;
	}
	p->pos += aot ? 2 : 1;
	path_name(k.seg, k.n, name);
	memcpy(p->section, name, sizeof(p->section));
	for (i = 0; i + 1 < k.n; i++) {
		depth++;
		e = tab_find(t, k.seg[i]);
		if (!e) {
			if (depth > RN_TOML_MAX_DEPTH) {
				rc = too_deep(p, open);
				goto out;
			}
			v = node_new(p, RN_TOML_TABLE, O_IMPLICIT, open);
			rc = v ? tab_insert(p, t, k.seg[i], v, open) : oom(p);
			if (rc)
				goto out;
			t = v;
			continue;
		}
		v = e->val;
		if (v->type == RN_TOML_TABLE && v->origin != O_INLINE) {
			t = v;
		} else if (v->type == RN_TOML_ARRAY && v->origin == O_TABLES) {
			depth++;
			t = v->u.arr.v[v->u.arr.n - 1];
		} else {
			rc = not_a_table(p, open, &k, i + 1, e);
			goto out;
		}
	}
	depth++;
	if (depth + aot > RN_TOML_MAX_DEPTH) {
		rc = too_deep(p, open);
		goto out;
	}
	e = tab_find(t, k.seg[k.n - 1]);
	v = e ? e->val : NULL;
	if (!aot) {
		if (!v) {
			v = node_new(p, RN_TOML_TABLE, O_HEADER, open);
			rc = v ? tab_insert(p, t, k.seg[k.n - 1], v, open) : oom(p);
		} else if (v->type == RN_TOML_TABLE && v->origin == O_IMPLICIT) {
			v->origin = O_HEADER;
			where(p, open, &v->line, &v->col);
			where(p, open, &e->line, &e->col);
		} else if (v->type == RN_TOML_ARRAY && v->origin == O_TABLES) {
			rc =
			    fail(p, open, "[%s] conflicts with the array of tables [[%s]] at %u:%u",
				 name, name, e->line, e->col);
		} else if (v->type == RN_TOML_TABLE) {
			rc = fail(p, open, "duplicate table [%s] (first defined at %u:%u)", name,
				  e->line, e->col);
		} else {
			rc = fail(p, open, "duplicate key '%s' (first defined at %u:%u)", name,
				  e->line, e->col);
		}
		t = v;
		goto out;
	}
	if (!v) {
		v = node_new(p, RN_TOML_ARRAY, O_TABLES, open);
		rc = v ? tab_insert(p, t, k.seg[k.n - 1], v, open) : oom(p);
		if (rc)
			goto out;
	} else if (v->type != RN_TOML_ARRAY || v->origin != O_TABLES) {
		rc = fail(p, open, "[[%s]] cannot append to '%s': it is %s %s defined at %u:%u",
			  name, name,
			  v->type == RN_TOML_INT || v->type == RN_TOML_ARRAY ? "an" : "a",
			  v->type == RN_TOML_ARRAY ? "array value" : type_names[v->type], e->line,
			  e->col);
		goto out;
	}
	depth++;
	a = v;
	v = node_new(p, RN_TOML_TABLE, O_HEADER, open);
	rc = v ? arr_push(p, a, v) : oom(p);
	t = v;
out:
	key_free(&k);
	if (!rc) {
		*cur = t;
		*cur_depth = depth;
	}
	return rc;
}

struct rn_toml *rn_toml__parse(const char *text, size_t len, const char *name, struct rn_error *err)
{
	struct parser p = {
	    .s = text ? text : "",
	    .len = text ? len : 0,
	    .line = 1,
	    .name = name ? name : "<input>",
	    .err = err,
	};
	struct rn_toml *root, *cur;
	unsigned depth = 0;
	int rc, c;

	if (err)
		err->msg[0] = '\0';
	if (p.len >= 3 && !memcmp(p.s, "\xef\xbb\xbf", 3))
		p.pos = p.line_start = p.bom = 3;
	root = node_new(&p, RN_TOML_TABLE, O_HEADER, 0);
	if (!root) {
		oom(&p);
		return NULL;
	}
	rc = check_utf8(&p);
	cur = root;
	while (!rc && p.pos < p.len) {
		skip_ws(&p);
		c = peek(&p);
		if (c == '[') {
			rc = parse_header(&p, root, &cur, &depth);
			if (!rc)
				rc = end_of_line(&p, "a table header");
		} else if (c >= 0 && c != '#' && c != '\n' && c != '\r') {
			rc = parse_keyval(&p, cur, depth);
			if (!rc)
				rc = end_of_line(&p, "a value");
		} else {
			rc = end_of_line(&p, "whitespace");
		}
	}
	rn_strbuf__free(&p.sb);
	if (rc) {
		rn_toml__free(root);
		return NULL;
	}
	root->line = root->col = 1;
	return root;
}

struct rn_toml *rn_toml__parse_file(const char *path, struct rn_error *err)
{
	struct rn_strbuf sb = {0};
	struct rn_toml *t = NULL;
	struct stat st;
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		goto out;
	}
	if (!fstat(fd, &st) && st.st_size > 0 && rn_strbuf__reserve(&sb, (size_t)st.st_size)) {
		rc = -ENOMEM;
		goto out;
	}
	for (;;) {
		if (rn_strbuf__reserve(&sb, 65536)) {
			rc = -ENOMEM;
			break;
		}
		n = read(fd, sb.buf + sb.len, sb.cap - sb.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = -errno;
		if (n <= 0)
			break;
		sb.len += (size_t)n;
	}
	if (!rc)
		t = rn_toml__parse(sb.buf, sb.len, path, err);
out:
	if (rc)
		rn_error__set(err, rc, "%s: cannot read: %s", path, strerror(-rc));
	if (fd >= 0)
		close(fd);
	rn_strbuf__free(&sb);
	return t;
}

enum rn_toml_type rn_toml__type(const struct rn_toml *v)
{
	return v ? v->type : RN_TOML_NONE;
}

const char *rn_toml__type_name(enum rn_toml_type type)
{
	return (unsigned)type <= RN_TOML_NONE ? type_names[type] : "nothing";
}

const struct rn_toml *rn_toml__get(const struct rn_toml *table, const char *key)
{
	const struct entry *e;

	if (!table || table->type != RN_TOML_TABLE || !key)
		return NULL;
	e = tab_find(table, key);
	return e ? e->val : NULL;
}

size_t rn_toml__len(const struct rn_toml *v)
{
	if (!v)
		return 0;
	if (v->type == RN_TOML_TABLE)
		return v->u.tab.n;
	return v->type == RN_TOML_ARRAY ? v->u.arr.n : 0;
}

const struct rn_toml *rn_toml__at(const struct rn_toml *array, size_t i)
{
	if (!array || array->type != RN_TOML_ARRAY || i >= array->u.arr.n)
		return NULL;
	return array->u.arr.v[i];
}

const char *rn_toml__key_at(const struct rn_toml *table, size_t i)
{
	if (!table || table->type != RN_TOML_TABLE || i >= table->u.tab.n)
		return NULL;
	return table->u.tab.e[i].key;
}

const struct rn_toml *rn_toml__value_at(const struct rn_toml *table, size_t i)
{
	if (!table || table->type != RN_TOML_TABLE || i >= table->u.tab.n)
		return NULL;
	return table->u.tab.e[i].val;
}

const char *rn_toml__string(const struct rn_toml *v)
{
	return v && v->type == RN_TOML_STRING ? v->u.s : NULL;
}

int rn_toml__int(const struct rn_toml *v, int64_t *out)
{
	if (!v || v->type != RN_TOML_INT)
		return -EINVAL;
	*out = v->u.i;
	return 0;
}

int rn_toml__float(const struct rn_toml *v, double *out)
{
	if (v && v->type == RN_TOML_FLOAT)
		*out = v->u.f;
	else if (v && v->type == RN_TOML_INT)
		*out = (double)v->u.i;
	else
		return -EINVAL;
	return 0;
}

int rn_toml__bool(const struct rn_toml *v, bool *out)
{
	if (!v || v->type != RN_TOML_BOOL)
		return -EINVAL;
	*out = v->u.b;
	return 0;
}

unsigned rn_toml__line(const struct rn_toml *v)
{
	return v ? v->line : 0;
}

unsigned rn_toml__col(const struct rn_toml *v)
{
	return v ? v->col : 0;
}
