// SPDX-License-Identifier: MIT
/*
 * Bytes come through cursors, each a window over [start, start + len) of the trace. The
 * sequential cursor reads the input once, front to back (copying what it reads to a
 * spool file when the input cannot seek and the document's arrays must be revisited);
 * the others read at any offset through fseeko. A cursor drops the bytes before the
 * position asked for, except from `keep` on (the record being gathered), so a window
 * holds one record at most: RN_JSON_RECORD_MAX. Also the scanner that skips values unbuilt.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace_json.h"
#include "trace_json_rd.h"

static int read_error(struct jr *r, uint64_t off, int code)
{
	return rn_jr__fail(r, code, off, "cannot read: %s", strerror(-code));
}

/* Appends up to n bytes at the window's end. */
static int cur_read(struct jr *r, struct cur *c, size_t n)
{
	uint64_t off = c->start + c->len;
	size_t got;

	if (off >= c->limit) {
		c->eof = true;
		return 0;
	}
	if (n > c->limit - off)
		n = (size_t)(c->limit - off);
	if (c->seq) {
		r->rpos = NO_KEEP; /* the file position moves under the other cursors */
		got = fread(c->buf + c->len, 1, n, r->in);
		if (got < n && ferror(r->in))
			return read_error(r, off + got, -(errno ? errno : EIO));
		if (got && r->spool && fwrite(c->buf + c->len, 1, got, r->spool) != got)
			return rn_jr__fail(
			    r, -EIO, off,
			    "cannot copy the input to a temporary file: %s (make room in "
			    "$TMPDIR, or give the trace as a file)",
			    strerror(errno ? errno : EIO));
	} else {
		FILE *f = r->spool ? r->spool : r->in;
		uint64_t at = r->spool ? off - r->spool_base : r->base + off;

		if (r->rpos != at && fseeko(f, (off_t)at, SEEK_SET))
			return read_error(r, off, -(errno ? errno : EIO));
		got = fread(c->buf + c->len, 1, n, f);
		r->rpos = at + got;
		if (got < n && ferror(f)) {
			r->rpos = NO_KEEP;
			return read_error(r, off + got, -(errno ? errno : EIO));
		}
	}
	c->len += got;
	if (got < n)
		c->eof = true;
	return 0;
}

/*
 * Makes [from, from + n) available in the window (less at the end of the input), keeping
 * what lies after c->keep; *avail: the bytes from `from` on.
 */
int rn_jr__cur_need(struct jr *r, struct cur *c, uint64_t from, size_t n, size_t *avail)
{
	uint64_t base = c->keep < from ? c->keep : from;
	size_t keep, want, need;
	int err;

	while (c->seq && base > c->start + c->len && !c->eof) {
		/* forward past the window (an escaped byte at its end): read and drop */
		c->start += c->len;
		c->len = 0;
		if (!c->buf && rn_jr__grow((void **)&c->buf, &c->cap, CHUNK, 1))
			return rn_jr__fail(r, -ENOMEM, from, "out of memory");
		if ((err = cur_read(r, c, c->cap)))
			return err;
	}
	if (base < c->start || from > c->start + c->len) {
		if (c->seq && base < c->start)
			return rn_jr__fail(r, -EINVAL, from,
					   "internal error: the input cannot go back");
		if (c->seq) {
			*avail = 0; /* past the end of the input */
			return 0;
		}
		c->start = base;
		c->len = 0;
		c->eof = false;
	}
	want = (size_t)(from + n - base);
	if (want > RN_JSON_RECORD_MAX + (size_t)1)
		return rn_jr__fail(
		    r, -EINVAL, base,
		    "a record longer than %u MiB, the reader's cap on one record (the "
		    "file is damaged, or was not written by renacer)",
		    RN_JSON_RECORD_MAX >> 20);
	if (from + n > c->start + c->len && !c->eof) {
		keep = (size_t)(c->start + c->len - base);
		if (keep && base != c->start)
			memmove(c->buf, c->buf + (base - c->start), keep);
		c->start = base;
		c->len = keep;
		/* room for the record and as much again (up to CHUNK) read ahead */
		need = want + (want < CHUNK ? (want > 4096 ? want : 4096) : CHUNK);
		if (c->cap < need) {
			size_t cap = c->cap ? c->cap : 16384;
			char *b;

			while (cap < need)
				cap *= 2;
			b = realloc(c->buf, cap);
			if (!b)
				return rn_jr__fail(r, -ENOMEM, from, "out of memory");
			c->buf = b;
			c->cap = cap;
		}
		while (c->len < want && !c->eof)
			if ((err = cur_read(r, c, c->cap - c->len)))
				return err;
	}
	*avail = from < c->start + c->len ? (size_t)(c->start + c->len - from) : 0;
	return 0;
}

/* The byte at p; -1 at the end of the input; an error (below -1) has err filled. */
int rn_jr__cur_byte(struct jr *r, struct cur *c, uint64_t p)
{
	size_t avail;
	int err;

	if (p >= c->start && p < c->start + c->len)
		return (uint8_t)c->buf[p - c->start];
	if ((err = rn_jr__cur_need(r, c, p, 1, &avail)))
		return err == -1 ? -EIO : err;
	return avail ? (uint8_t)c->buf[p - c->start] : -1;
}

int rn_jr__skip_ws(struct jr *r, struct cur *c, uint64_t *p)
{
	for (;;) {
		int b = rn_jr__cur_byte(r, c, *p);

		if (b < -1)
			return b;
		if (b != ' ' && b != '\n' && b != '\t' && b != '\r')
			return 0;
		(*p)++;
	}
}

/* *p at '"': moves it past the closing quote. */
int rn_jr__skip_string(struct jr *r, struct cur *c, uint64_t *p, enum scan *st)
{
	uint64_t q = *p + 1;

	for (;;) {
		const char *s, *e;
		int b;

		if (q - *p > RN_JSON_RECORD_MAX)
			return rn_jr__fail(
			    r, -EINVAL, *p,
			    "a string longer than %u MiB, the reader's cap on one record",
			    RN_JSON_RECORD_MAX >> 20);
		b = rn_jr__cur_byte(r, c, q);

		if (b < -1)
			return b;
		if (b == -1) {
			*st = SCAN_TRUNC;
			return 0;
		}
		s = rn_jr__cur_ptr(c, q);
		e = c->buf + c->len;
		while (s < e && *s != '"' && *s != '\\')
			s++;
		q = c->start + (uint64_t)(s - c->buf);
		if (s == e)
			continue;
		if (*s == '"') {
			*p = q + 1;
			*st = SCAN_OK;
			return 0;
		}
		q += 2; /* a backslash and the byte it escapes */
	}
}

/* Moves *p past the value there without building it (jansson validates what is used). */
static int too_long(struct jr *r, uint64_t off)
{
	return rn_jr__fail(
	    r, -EINVAL, off,
	    "a record longer than %u MiB, the reader's cap on one record (the file is "
	    "damaged, or was not written by renacer)",
	    RN_JSON_RECORD_MAX >> 20);
}

/*
 * Moves *p past the value there without building it (jansson validates what is used).
 * Not kept, but still capped: a string, a number, an element of an array.
 */
int rn_jr__skip_value(struct jr *r, struct cur *c, uint64_t *p, enum scan *st)
{
	uint64_t q = *p, elem = *p;
	size_t depth = 0;
	int b, err;

	*st = SCAN_TRUNC;
	if ((b = rn_jr__cur_byte(r, c, q)) < 0)
		return b < -1 ? b : 0;
	if (b != '{' && b != '[' && b != '"') {
		while ((b = rn_jr__cur_byte(r, c, q)) >= 0 && !strchr(",}] \t\r\n", b))
			if (++q - *p > RN_JSON_RECORD_MAX)
				return too_long(r, *p);
		if (b < 0)
			return b < -1 ? b : 0;
		*st = q > *p ? SCAN_OK : SCAN_BAD;
		*p = q;
		return 0;
	}
	for (;;) {
		if (q - elem > RN_JSON_RECORD_MAX)
			return too_long(r, elem);
		if ((b = rn_jr__cur_byte(r, c, q)) < 0)
			return b < -1 ? b : 0;
		if (b == '"') {
			if ((err = rn_jr__skip_string(r, c, &q, st)) || *st)
				return err;
			if (!depth) {
				*p = q;
				return 0;
			}
			*st = SCAN_TRUNC;
			continue;
		}
		if (b == '{' || b == '[') {
			if (++depth == 2)
				elem = q;
		} else if (b == ',' && depth == 1) {
			elem = q;
		} else if (b == '}' || b == ']') {
			if (!depth) {
				*st = SCAN_BAD;
				*p = q;
				return 0;
			}
			if (!--depth) {
				*p = q + 1;
				*st = SCAN_OK;
				return 0;
			}
		}
		q++;
	}
}

/*
 * A record whose parse failed at off was cut, not corrupted, when the failure is the
 * end of the input, or a UTF-8 sequence that the end of the input split.
 */
static bool cut_short(const char *s, size_t len, size_t off)
{
	if (off >= len)
		return true;
	if (len - off >= 4)
		return false;
	for (size_t i = off; i < len; i++)
		if (!((uint8_t)s[i] & 0x80))
			return false;
	return true;
}

/*
 * Parses the value at p (an array element, a JSON Lines record): the window grows until
 * jansson finds the value's end. *o NULL and *cut true: the input ends inside it.
 */
int rn_jr__parse_at(struct jr *r, struct cur *c, uint64_t p, json_t **o, uint64_t *end, bool *cut)
{
	size_t avail = 0, want = 4096;
	json_error_t je;
	int err;

	*o = NULL;
	*cut = false;
	for (;;) {
		if ((err = rn_jr__cur_need(r, c, p, want, &avail)))
			return err;
		if (avail > RN_JSON_RECORD_MAX) /* the window ran past the cap: refuse */
			avail = RN_JSON_RECORD_MAX;
		*o = json_loadb(rn_jr__cur_ptr(c, p), avail, JFLAGS, &je);
		if (*o) {
			*end = p + (size_t)je.position;
			return 0;
		}
		if (json_error_code(&je) != json_error_premature_end_of_input &&
		    !cut_short(rn_jr__cur_ptr(c, p), avail, (size_t)je.position))
			return rn_jr__fail(r, -EINVAL, p + (size_t)je.position, "%s", je.text);
		if (avail == RN_JSON_RECORD_MAX)
			return rn_jr__cur_need(r, c, p, (size_t)RN_JSON_RECORD_MAX + 2, &avail)
				   ?: -EINVAL;
		if (c->eof) {
			*cut = true;
			return 0;
		}
		want = avail * 2;
	}
}
