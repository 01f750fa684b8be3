// SPDX-License-Identifier: MIT
/* The TOML parser's lexer: positions and messages, whitespace and comments, strings, keys. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml_int.h"

void rn_tp__where(const struct parser *p, size_t off, unsigned *line, unsigned *col)
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

__attribute__((format(printf, 3, 4))) int rn_tp__fail(struct parser *p, size_t off, const char *fmt,
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
	rn_tp__where(p, off, &line, &col);
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return rn_error__set(p->err, -EINVAL, "%s:%u:%u: %s", p->name, line, col, what);
}

int rn_tp__oom(struct parser *p)
{
	rn_tp__fail(p, p->pos, "out of memory");
	return -ENOMEM;
}

static bool is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
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
const char *rn_tp__found(const struct parser *p, char buf[24])
{
	int c = rn_tp__peek(p);
	size_t k;

	if (c < 0)
		return "end of file";
	if (c == '\n' || (c == '\r' && rn_tp__peek_at(p, 1) == '\n'))
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
const char *rn_tp__path_name(char *const *seg, size_t n, char buf[128])
{
	size_t len = 0, i;
	const char *c;

	buf[0] = '\0';
	for (i = 0; i < n && len < 120; i++) {
		bool bare = seg[i][0] != '\0';

		for (c = seg[i]; *c; c++)
			bare &= rn_tp__is_bare((unsigned char)*c);
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

int rn_tp__check_utf8(struct parser *p)
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
			return rn_tp__fail(
			    p, i, "invalid UTF-8 (byte 0x%02x); the file must be UTF-8", s[i]);
		i += k;
	}
	return 0;
}

void rn_tp__skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t'))
		p->pos++;
}

/* Consumes LF or CRLF at pos: 1 if consumed, 0 if there is none, -EINVAL for a lone CR. */
static int eat_newline(struct parser *p)
{
	int c = rn_tp__peek(p);

	if (c == '\r') {
		if (rn_tp__peek_at(p, 1) != '\n')
			return rn_tp__fail(p, p->pos, "carriage return without a line feed");
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

	if (rn_tp__peek(p) != '#')
		return 0;
	for (p->pos++; (c = rn_tp__peek(p)) >= 0; p->pos++) {
		if (c == '\n' || (c == '\r' && rn_tp__peek_at(p, 1) == '\n'))
			break;
		if (is_control(c))
			return rn_tp__fail(p, p->pos, "control character U+%04X in a comment", c);
	}
	return 0;
}

/* Whitespace, comments and line ends, as allowed between array items. */
int rn_tp__skip_blank(struct parser *p)
{
	int rc;

	for (;;) {
		rn_tp__skip_ws(p);
		rc = skip_comment(p);
		if (rc)
			return rc;
		rc = eat_newline(p);
		if (rc <= 0)
			return rc;
	}
}

/* After a key/value pair or a header: spaces, an optional comment, then a line end or EOF. */
int rn_tp__end_of_line(struct parser *p, const char *after)
{
	char buf[24];
	int rc;

	rn_tp__skip_ws(p);
	rc = skip_comment(p);
	if (rc || p->pos >= p->len)
		return rc;
	rc = eat_newline(p);
	if (rc)
		return rc < 0 ? rc : 0;
	return rn_tp__fail(p, p->pos, "expected end of line after %s, found %s", after,
			   rn_tp__found(p, buf));
}

static int sb_put(struct parser *p, const char *s, size_t n)
{
	if (rn_strbuf__reserve(&p->sb, n))
		return rn_tp__oom(p);
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

/* One escape sequence at pos (a backslash) inside a basic string. */
static int parse_escape(struct parser *p)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	size_t at = p->pos, ndig, i;
	int c = rn_tp__peek_at(p, 1);
	const char *hit = c > 0 ? strchr(from, c) : NULL;
	uint32_t cp = 0;

	if (hit) {
		p->pos += 2;
		return sb_put(p, &to[hit - from], 1);
	}
	if (c != 'u' && c != 'U') {
		if (c > ' ' && c < 0x7f)
			return rn_tp__fail(
			    p, at,
			    "invalid escape '\\%c' (valid: \\b \\t \\n \\f \\r \\\" \\\\ "
			    "\\uXXXX \\UXXXXXXXX)",
			    c);
		return rn_tp__fail(p, at,
				   "invalid escape: '\\' must be followed by one of btnfr\"\\uU");
	}
	ndig = c == 'u' ? 4 : 8;
	for (i = 0; i < ndig; i++) {
		int d = rn_tp__hex_value(rn_tp__peek_at(p, 2 + i));

		if (d < 0)
			return rn_tp__fail(p, at, "\\%c must be followed by %zu hex digits", c,
					   ndig);
		cp = cp << 4 | (uint32_t)d;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return rn_tp__fail(p, at, "\\%c%.*s is not a Unicode scalar value", c, (int)ndig,
				   p->s + at + 2);
	if (!cp)
		return rn_tp__fail(p, at, "NUL characters (\\%c%.*s) are not supported in strings",
				   c, (int)ndig, p->s + at + 2);
	p->pos += 2 + ndig;
	return put_utf8(p, cp);
}

/* A basic ("...") or literal ('...') string at pos, decoded into p->sb. */
int rn_tp__parse_string(struct parser *p)
{
	size_t open = p->pos, run;
	char quote = p->s[p->pos];
	int c, rc;

	if (rn_tp__peek_at(p, 1) == quote && rn_tp__peek_at(p, 2) == quote)
		return rn_tp__fail(p, open, "multi-line strings are not supported");
	rn_strbuf__reset(&p->sb);
	if (rn_strbuf__reserve(&p->sb, 0))
		return rn_tp__oom(p);
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
		c = rn_tp__peek(p);
		if (c == quote) {
			p->pos++;
			return 0;
		}
		if (c < 0 || c == '\n' || c == '\r')
			return rn_tp__fail(p, open,
					   "unterminated string (a string must end on its line)");
		if (c != '\\')
			return rn_tp__fail(
			    p, p->pos, "control character U+%04X must be escaped in a string", c);
		c = rn_tp__peek_at(p, 1);
		if (c < 0 || c == '\n' || c == '\r')
			return rn_tp__fail(p, open,
					   "unterminated string (a string must end on its line)");
		rc = parse_escape(p);
		if (rc)
			return rc;
	}
}

char *rn_tp__sb_take(struct parser *p)
{
	char *s = strndup(p->sb.buf ? p->sb.buf : "", p->sb.len);

	if (!s)
		rn_tp__oom(p);
	return s;
}

static int parse_simple_key(struct parser *p, char **out)
{
	size_t start = p->pos;
	char buf[24];
	int c = rn_tp__peek(p);

	if (c == '"' || c == '\'') {
		if (rn_tp__parse_string(p))
			return -EINVAL;
		*out = rn_tp__sb_take(p);
	} else if (rn_tp__is_bare(c)) {
		while (p->pos < p->len && rn_tp__is_bare((unsigned char)p->s[p->pos]))
			p->pos++;
		*out = strndup(p->s + start, p->pos - start);
		if (!*out)
			return rn_tp__oom(p);
	} else {
		return rn_tp__fail(p, p->pos, "expected a key, found %s", rn_tp__found(p, buf));
	}
	return *out ? 0 : -ENOMEM;
}

void rn_tp__key_free(struct key *k)
{
	while (k->n)
		free(k->seg[--k->n]);
}

/* A bare, quoted or dotted key; on failure k holds nothing. */
int rn_tp__parse_key(struct parser *p, struct key *k)
{
	int rc;

	k->n = 0;
	k->off = p->pos;
	for (;;) {
		if (k->n == MAX_SEGS) {
			rn_tp__key_free(k);
			return rn_tp__fail(p, k->off, "nesting deeper than %d levels",
					   RN_TOML_MAX_DEPTH);
		}
		rc = parse_simple_key(p, &k->seg[k->n]);
		if (rc) {
			rn_tp__key_free(k);
			return rc;
		}
		k->n++;
		rn_tp__skip_ws(p);
		if (rn_tp__peek(p) != '.')
			return 0;
		p->pos++;
		rn_tp__skip_ws(p);
	}
}
