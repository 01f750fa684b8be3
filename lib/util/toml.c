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

#include "toml_int.h"

static int parse_value(struct parser *p, unsigned depth, struct rn_toml **out);
static int parse_keyval(struct parser *p, struct rn_toml *t, unsigned depth);

static int too_deep(struct parser *p, size_t off)
{
	return rn_tp__fail(p, off, "nesting deeper than %d levels", RN_TOML_MAX_DEPTH);
}

static int parse_array(struct parser *p, unsigned depth, struct rn_toml **out)
{
	size_t open = p->pos;
	struct rn_toml *a, *item;
	char buf[24];
	int rc;

	if (depth > RN_TOML_MAX_DEPTH)
		return too_deep(p, open);
	a = rn_tp__node_new(p, RN_TOML_ARRAY, O_INLINE, open);
	if (!a)
		return rn_tp__oom(p);
	p->pos++;
	for (;;) {
		rc = rn_tp__skip_blank(p);
		if (rc)
			goto out;
		if (rn_tp__peek(p) == ']')
			break;
		if (rn_tp__peek(p) < 0) {
			rc = rn_tp__fail(p, open, "unterminated array (no closing ']')");
			goto out;
		}
		rc = parse_value(p, depth + 1, &item);
		if (!rc)
			rc = rn_tp__arr_push(p, a, item);
		if (!rc)
			rc = rn_tp__skip_blank(p);
		if (rc)
			goto out;
		if (rn_tp__peek(p) == ',') {
			p->pos++;
			continue;
		}
		if (rn_tp__peek(p) == ']')
			break;
		if (rn_tp__peek(p) < 0)
			rc = rn_tp__fail(p, open, "unterminated array (no closing ']')");
		else
			rc = rn_tp__fail(p, p->pos,
					 "expected ',' or ']' after an array item, found %s",
					 rn_tp__found(p, buf));
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
	t = rn_tp__node_new(p, RN_TOML_TABLE, O_INLINE, open);
	if (!t)
		return rn_tp__oom(p);
	p->pos++;
	rn_tp__skip_ws(p);
	if (rn_tp__peek(p) == '}')
		goto done;
	for (;;) {
		rn_tp__skip_ws(p);
		c = rn_tp__peek(p);
		if (c == '\n' || c == '\r' || c == '#') {
			rc = rn_tp__fail(p, p->pos, "%s are not allowed inside an inline table",
					 c == '#' ? "comments" : "line breaks");
			goto out;
		}
		if (c < 0) {
			rc = rn_tp__fail(p, open, "unterminated inline table (no closing '}')");
			goto out;
		}
		rc = parse_keyval(p, t, depth);
		if (rc)
			goto out;
		rn_tp__skip_ws(p);
		c = rn_tp__peek(p);
		if (c == '}')
			break;
		if (c == ',') {
			size_t comma = p->pos++;

			rn_tp__skip_ws(p);
			if (rn_tp__peek(p) == '}') {
				rc = rn_tp__fail(
				    p, comma, "trailing comma is not allowed in an inline table");
				goto out;
			}
			continue;
		}
		if (c == '\n' || c == '\r' || c == '#')
			continue; /* reported at the top of the loop */
		if (c < 0)
			rc = rn_tp__fail(p, open, "unterminated inline table (no closing '}')");
		else
			rc = rn_tp__fail(p, p->pos,
					 "expected ',' or '}' in an inline table, found %s",
					 rn_tp__found(p, buf));
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
		int v = rn_tp__hex_value((unsigned char)d[i]);

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
			return rn_tp__fail(p, off, "a sign is not allowed on %s integers",
					   prefixes[i].name);
		base = prefixes[i].base;
		d += 2;
		nd -= 2;
		if (!digits_ok(d, nd, base))
			return rn_tp__fail(p, off, "invalid %s integer '%.*s'", prefixes[i].name,
					   (int)n, tok);
		break;
	}
	if (base == 10) {
		if (!digits_ok(d, nd, 10))
			return rn_tp__fail(p, off, "invalid number '%.*s'", (int)n, tok);
		if (nd > 1 && d[0] == '0')
			return rn_tp__fail(p, off, "leading zeros are not allowed in '%.*s'",
					   (int)n, tok);
	}
	if (neg)
		limit = (uint64_t)INT64_MAX + 1;
	for (i = 0; i < nd; i++) {
		unsigned dv;

		if (d[i] == '_')
			continue;
		dv = (unsigned)rn_tp__hex_value((unsigned char)d[i]);
		if (v > (limit - dv) / (unsigned)base)
			return rn_tp__fail(p, off, "integer '%.*s' does not fit in 64 bits", (int)n,
					   tok);
		v = v * (unsigned)base + dv;
	}
	*out = rn_tp__node_new(p, RN_TOML_INT, O_INLINE, off);
	if (!*out)
		return rn_tp__oom(p);
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
		return rn_tp__fail(p, off, "invalid number '%.*s'%s", (int)n, tok,
				   fr ? " (a float needs digits on both sides of '.')" : "");
	if (ex < end) {
		const char *e = ex + 1;

		e += e < end && (*e == '+' || *e == '-');
		if (!digits_ok(e, (size_t)(end - e), 10))
			return rn_tp__fail(p, off, "invalid exponent in '%.*s'", (int)n, tok);
	}
	if (ip_end - d > 1 && d[0] == '0')
		return rn_tp__fail(p, off, "leading zeros are not allowed in '%.*s'", (int)n, tok);
	if (n >= sizeof(buf))
		return rn_tp__fail(p, off, "number '%.32s...' is too long", tok);
	for (i = 0; i < n; i++)
		if (tok[i] != '_')
			buf[len++] = tok[i];
	buf[len] = '\0';
	errno = 0;
	f = strtod(buf, &stop);
	if (*stop)
		return rn_tp__fail(p, off, "invalid number '%.*s'", (int)n, tok);
	if (errno == ERANGE && isinf(f))
		return rn_tp__fail(p, off, "float '%.*s' is out of range", (int)n, tok);
done:
	*out = rn_tp__node_new(p, RN_TOML_FLOAT, O_INLINE, off);
	if (!*out)
		return rn_tp__oom(p);
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

	while ((c = rn_tp__peek(p)) >= 0 && (rn_tp__is_bare(c) || c == '+' || c == '.' || c == ':'))
		p->pos++;
	n = p->pos - off;
	if (!n)
		return rn_tp__fail(p, off, "expected a value, found %s", rn_tp__found(p, buf));
	if ((n == 4 && !memcmp(tok, "true", 4)) || (n == 5 && !memcmp(tok, "false", 5))) {
		*out = rn_tp__node_new(p, RN_TOML_BOOL, O_INLINE, off);
		if (!*out)
			return rn_tp__oom(p);
		(*out)->u.b = n == 4;
		return 0;
	}
	if (n >= 5 && all_digits(tok, 4) && tok[4] == '-')
		return rn_tp__fail(p, off,
				   "dates are not supported (quote the value to make it a string)");
	if (n >= 3 && all_digits(tok, 2) && tok[2] == ':')
		return rn_tp__fail(p, off,
				   "times are not supported (quote the value to make it a string)");
	if (!strchr("0123456789+-.", tok[0]) &&
	    !(n >= 3 && (!memcmp(tok, "inf", 3) || !memcmp(tok, "nan", 3))))
		return rn_tp__fail(p, off,
				   "expected a value, found '%.*s' (strings must be quoted)",
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
	int c = rn_tp__peek(p);

	*out = NULL;
	switch (c) {
	case '"':
	case '\'':
		if (rn_tp__parse_string(p))
			return -EINVAL;
		*out = rn_tp__node_new(p, RN_TOML_STRING, O_INLINE, off);
		if (*out && ((*out)->u.s = rn_tp__sb_take(p)))
			return 0;
		rn_toml__free(*out);
		*out = NULL;
		return rn_tp__oom(p);
	case '[':
		return parse_array(p, depth, out);
	case '{':
		return parse_inline_table(p, depth, out);
	default:
		if (c < 0 || c == '\n' || c == '\r' || c == '#' || c == ',' || c == ']' || c == '}')
			return rn_tp__fail(p, off, "expected a value, found %s",
					   rn_tp__found(p, buf));
		return parse_bare_value(p, out);
	}
}

/* Why key path (n segments) cannot be used as a table: it holds v, defined at e. */
static int not_a_table(struct parser *p, size_t off, struct key *k, size_t n, const struct entry *e)
{
	const struct rn_toml *v = e->val;
	char name[128];

	rn_tp__path_name(k->seg, n, name);
	if (v->type == RN_TOML_TABLE && v->origin == O_INLINE)
		return rn_tp__fail(p, off,
				   "cannot add keys to inline table '%s' (defined at %u:%u)", name,
				   e->line, e->col);
	/* only a key/value line under a later header can reach a table a header defined */
	if (v->type == RN_TOML_TABLE)
		return rn_tp__fail(
		    p, off, "cannot add keys to table [%s%s%s] under [%s]: it was defined at %u:%u",
		    p->section, p->section[0] ? "." : "", name, p->section, e->line, e->col);
	return rn_tp__fail(p, off, "key '%s' is %s %s (defined at %u:%u), not a table", name,
			   v->type == RN_TOML_INT || v->type == RN_TOML_ARRAY ? "an" : "a",
			   v->type == RN_TOML_ARRAY && v->origin == O_TABLES
			       ? "array of tables"
			       : rn_toml__type_name(v->type),
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

	rc = rn_tp__parse_key(p, &k);
	if (rc)
		return rc;
	rn_tp__skip_ws(p);
	if (rn_tp__peek(p) != '=') {
		rc = rn_tp__fail(p, p->pos, "expected '=' after key '%s', found %s",
				 rn_tp__path_name(k.seg, k.n, name), rn_tp__found(p, buf));
		goto out;
	}
	p->pos++;
	rn_tp__skip_ws(p);
	for (i = 0; i + 1 < k.n; i++) {
		depth++;
		e = rn_tp__tab_find(t, k.seg[i]);
		if (!e) {
			if (depth > RN_TOML_MAX_DEPTH) {
				rc = too_deep(p, k.off);
				goto out;
			}
			v = rn_tp__node_new(p, RN_TOML_TABLE, O_DOTTED, k.off);
			rc = v ? rn_tp__tab_insert(p, t, k.seg[i], v, k.off) : rn_tp__oom(p);
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
	e = rn_tp__tab_find(t, k.seg[k.n - 1]);
	if (e) {
		rc = rn_tp__fail(p, k.off, "duplicate key '%s' (first defined at %u:%u)",
				 rn_tp__path_name(k.seg, k.n, name), e->line, e->col);
		goto out;
	}
	rc = parse_value(p, depth + 1, &v);
	if (!rc)
		rc = rn_tp__tab_insert(p, t, k.seg[k.n - 1], v, k.off);
out:
	rn_tp__key_free(&k);
	return rc;
}

/* [a.b] or [[a.b]]: makes *cur the table that the following key/value pairs go into. */
static int parse_header(struct parser *p, struct rn_toml *root, struct rn_toml **cur,
			unsigned *cur_depth)
{
	size_t open = p->pos, i;
	bool aot = rn_tp__peek_at(p, 1) == '[';
	struct rn_toml *t = root, *v, *a;
	unsigned depth = 0;
	struct entry *e;
	struct key k;
	char buf[24], name[128];
	int rc;

	p->pos += aot ? 2 : 1;
	rn_tp__skip_ws(p);
	rc = rn_tp__parse_key(p, &k);
	if (rc)
		return rc;
	rn_tp__skip_ws(p);
	if (rn_tp__peek(p) != ']' || (aot && rn_tp__peek_at(p, 1) != ']')) {
		p->pos += rn_tp__peek(p) == ']'; /* [[a] x: point past the first ']' */
		rc = rn_tp__fail(p, p->pos, "expected '%s' to close the header, found %s",
				 aot ? "]]" : "]", rn_tp__found(p, buf));
		goto out;
	}
	p->pos += aot ? 2 : 1;
	rn_tp__path_name(k.seg, k.n, name);
	memcpy(p->section, name, sizeof(p->section));
	for (i = 0; i + 1 < k.n; i++) {
		depth++;
		e = rn_tp__tab_find(t, k.seg[i]);
		if (!e) {
			if (depth > RN_TOML_MAX_DEPTH) {
				rc = too_deep(p, open);
				goto out;
			}
			v = rn_tp__node_new(p, RN_TOML_TABLE, O_IMPLICIT, open);
			rc = v ? rn_tp__tab_insert(p, t, k.seg[i], v, open) : rn_tp__oom(p);
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
	e = rn_tp__tab_find(t, k.seg[k.n - 1]);
	v = e ? e->val : NULL;
	if (!aot) {
		if (!v) {
			v = rn_tp__node_new(p, RN_TOML_TABLE, O_HEADER, open);
			rc = v ? rn_tp__tab_insert(p, t, k.seg[k.n - 1], v, open) : rn_tp__oom(p);
		} else if (v->type == RN_TOML_TABLE && v->origin == O_IMPLICIT) {
			v->origin = O_HEADER;
			rn_tp__where(p, open, &v->line, &v->col);
			rn_tp__where(p, open, &e->line, &e->col);
		} else if (v->type == RN_TOML_ARRAY && v->origin == O_TABLES) {
			rc = rn_tp__fail(p, open,
					 "[%s] conflicts with the array of tables [[%s]] at %u:%u",
					 name, name, e->line, e->col);
		} else if (v->type == RN_TOML_TABLE) {
			rc = rn_tp__fail(p, open, "duplicate table [%s] (first defined at %u:%u)",
					 name, e->line, e->col);
		} else {
			rc = rn_tp__fail(p, open, "duplicate key '%s' (first defined at %u:%u)",
					 name, e->line, e->col);
		}
		t = v;
		goto out;
	}
	if (!v) {
		v = rn_tp__node_new(p, RN_TOML_ARRAY, O_TABLES, open);
		rc = v ? rn_tp__tab_insert(p, t, k.seg[k.n - 1], v, open) : rn_tp__oom(p);
		if (rc)
			goto out;
	} else if (v->type != RN_TOML_ARRAY || v->origin != O_TABLES) {
		rc = rn_tp__fail(
		    p, open, "[[%s]] cannot append to '%s': it is %s %s defined at %u:%u", name,
		    name, v->type == RN_TOML_INT || v->type == RN_TOML_ARRAY ? "an" : "a",
		    v->type == RN_TOML_ARRAY ? "array value" : rn_toml__type_name(v->type), e->line,
		    e->col);
		goto out;
	}
	depth++;
	a = v;
	v = rn_tp__node_new(p, RN_TOML_TABLE, O_HEADER, open);
	rc = v ? rn_tp__arr_push(p, a, v) : rn_tp__oom(p);
	t = v;
out:
	rn_tp__key_free(&k);
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
	root = rn_tp__node_new(&p, RN_TOML_TABLE, O_HEADER, 0);
	if (!root) {
		rn_tp__oom(&p);
		return NULL;
	}
	rc = rn_tp__check_utf8(&p);
	cur = root;
	while (!rc && p.pos < p.len) {
		rn_tp__skip_ws(&p);
		c = rn_tp__peek(&p);
		if (c == '[') {
			rc = parse_header(&p, root, &cur, &depth);
			if (!rc)
				rc = rn_tp__end_of_line(&p, "a table header");
		} else if (c >= 0 && c != '#' && c != '\n' && c != '\r') {
			rc = parse_keyval(&p, cur, depth);
			if (!rc)
				rc = rn_tp__end_of_line(&p, "a value");
		} else {
			rc = rn_tp__end_of_line(&p, "whitespace");
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
