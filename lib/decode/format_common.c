// SPDX-License-Identifier: MIT
/* The shared helpers (data, strings, pointers, modes) and the plain scalar and string kinds. */
#include "format_int.h"

#include "fdpaths.h"

#include <string.h>
#include <time.h>

void rn_fmt__put_hex0(struct rn_strbuf *sb, uint64_t v)
{
	if (v)
		rn_strbuf__append_hex(sb, v);
	else
		rn_strbuf__putc(sb, '0');
}

void rn_fmt__put_ptr(struct rn_strbuf *sb, uint64_t v)
{
	if (v)
		rn_strbuf__append_hex(sb, v);
	else
		rn_strbuf__puts(sb, "NULL");
}

/* strace's %#03o for modes: 0644, 022, 000. */
void rn_fmt__put_mode(struct rn_strbuf *sb, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + (v & 7));
		v >>= 3;
	} while (v);
	if (tmp[i] != '0')
		tmp[--i] = '0';
	while (sizeof(tmp) - (size_t)i < 3)
		tmp[--i] = '0';
	rn_strbuf__append(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

void rn_fmt__quoted(struct rn_strbuf *sb, const void *p, size_t n, bool hex)
{
	static const char xd[] = "0123456789abcdef";
	const unsigned char *s = p;

	rn_strbuf__putc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = s[i];
		char e[4];
		int k = 0;

		if (hex) {
			char h[4] = {'\\', 'x', xd[ch >> 4], xd[ch & 15]};

			rn_strbuf__append(sb, h, 4);
			continue;
		}
		switch (ch) {
		case '"':
		case '\\':
			e[k++] = '\\';
			e[k++] = (char)ch;
			break;
		case '\f':
			e[k++] = '\\';
			e[k++] = 'f';
			break;
		case '\n':
			e[k++] = '\\';
			e[k++] = 'n';
			break;
		case '\r':
			e[k++] = '\\';
			e[k++] = 'r';
			break;
		case '\t':
			e[k++] = '\\';
			e[k++] = 't';
			break;
		case '\v':
			e[k++] = '\\';
			e[k++] = 'v';
			break;
		default:
			if (ch >= ' ' && ch < 0x7f) {
				e[k++] = (char)ch;
				break;
			}
			e[k++] = '\\';
			/* Three digits when an octal digit follows, else as few as needed. */
			if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7') {
				e[k++] = (char)('0' + (ch >> 6));
				e[k++] = (char)('0' + ((ch >> 3) & 7));
			} else if (ch >> 3) {
				if (ch >> 6)
					e[k++] = (char)('0' + (ch >> 6));
				e[k++] = (char)('0' + ((ch >> 3) & 7));
			}
			rn_strbuf__append(sb, e, (size_t)k);
			k = 0;
			e[k++] = (char)('0' + (ch & 7));
			break;
		}
		rn_strbuf__append(sb, e, (size_t)k);
	}
	rn_strbuf__putc(sb, '"');
}

/* strace's string_quote: under -x, a byte above 0x7e or a control other than \t\n\v\f\r. */
static bool needs_hex(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] > 0x7e || (s[i] < ' ' && (unsigned)(s[i] - 9) >= 5))
			return true;
	return false;
}

void rn_fmt__quoted_x(const struct ctx *c, const void *p, size_t n, bool hex)
{
	if (c->hex >= 2 || (c->hex == 1 && !hex && needs_hex(p, n)))
		hex = true;
	rn_fmt__quoted(c->sb, p, n, hex);
}

/* The captured data of argument i, sub-item idx, if it is readable and at least min bytes. */
const struct rn_item *rn_fmt__data_of(const struct ctx *c, unsigned i, unsigned idx, uint32_t min)
{
	const struct rn_item *it = rn_event__item(c->ev, i, idx);

	if (!it || (it->flags & RN_IF_FAULT) || it->len < min)
		return NULL;
	return it;
}

/* A NUL-terminated string item; `limit` cuts it at -s. */
void rn_fmt__put_cstr(struct ctx *c, const struct rn_item *it, bool limit)
{
	const char *s = rn_item__data(it);
	size_t n = strnlen(s, it->len);
	bool more = (it->flags & RN_IF_TRUNC) != 0;

	if (limit && n > c->strsize) {
		n = c->strsize;
		more = true;
	}
	rn_fmt__quoted_x(c, s, n, false);
	if (more)
		PUTS("...");
}

int rn_fmt__arg_hex(struct ctx *c, unsigned i)
{
	rn_fmt__put_hex0(c->sb, c->a[i]);
	return CONT;
}

int rn_fmt__arg_int(struct ctx *c, unsigned i)
{
	rn_strbuf__append_s64(c->sb, (int32_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_uint(struct ctx *c, unsigned i)
{
	rn_strbuf__append_u64(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_long(struct ctx *c, unsigned i)
{
	rn_strbuf__append_s64(c->sb, (int64_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_ulong(struct ctx *c, unsigned i)
{
	rn_strbuf__append_u64(c->sb, c->a[i]);
	return CONT;
}

int rn_fmt__arg_ptr(struct ctx *c, unsigned i)
{
	rn_fmt__put_ptr(c->sb, c->a[i]);
	return CONT;
}

int rn_fmt__arg_dirfd(struct ctx *c, unsigned i)
{
	if ((int32_t)c->a[i] == -100) {
		PUTS("AT_FDCWD");
		if (c->fds)
			rn_fdpaths__put(c->fds, c->ev->rec->h.tgid, -100, c->sb);
	} else
		rn_fmt__arg_fd(c, i);
	return CONT;
}

void rn_fmt__put_fd(struct ctx *c, int32_t fd)
{
	rn_strbuf__append_s64(c->sb, fd);
	if (c->fds && fd >= 0)
		rn_fdpaths__put(c->fds, c->ev->rec->h.tgid, fd, c->sb);
}

int rn_fmt__arg_fd(struct ctx *c, unsigned i)
{
	rn_strbuf__append_s64(c->sb, (int32_t)c->a[i]);
	if (c->fds)
		rn_fdpaths__put(c->fds, c->ev->rec->h.tgid, (int32_t)c->a[i], c->sb);
	return CONT;
}

int rn_fmt__arg_id(struct ctx *c, unsigned i)
{
	if ((uint32_t)c->a[i] == UINT32_MAX)
		PUTS("-1");
	else
		rn_strbuf__append_u64(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_mode(struct ctx *c, unsigned i)
{
	rn_fmt__put_mode(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_octal(struct ctx *c, unsigned i)
{
	rn_fmt__put_mode(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

/* Strings and buffers: NULL, the pointer when nothing readable was captured, else data. */
int rn_fmt__arg_path(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 0);

	if (!c->a[i] || !it)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else
		rn_fmt__put_cstr(c, it, false);
	return CONT;
}

int rn_fmt__arg_str(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 0);

	if (!c->a[i] || !it)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else
		rn_fmt__put_cstr(c, it, true);
	return CONT;
}

int rn_fmt__arg_cwd(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? rn_fmt__data_of(c, i, 0, 0) : NULL;

	if (!it || c->ret <= 0) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	rn_fmt__quoted_x(c, rn_item__data(it), strnlen(rn_item__data(it), it->len), false);
	return CONT;
}

/* The struct argument kinds share this prologue: NULL, or the pointer if not captured. */
const void *rn_fmt__struct_or_ptr(struct ctx *c, unsigned i, uint32_t size, bool out)
{
	const struct rn_item *it = (!out || c->ok) ? rn_fmt__data_of(c, i, 0, size) : NULL;

	if (!c->a[i] || !it) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return NULL;
	}
	return rn_item__data(it);
}

int rn_fmt__arg_int_out(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 4, true);

	if (p)
		rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(p, 0));
	return CONT;
}

int rn_fmt__arg_id_out(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 4, true);
	uint32_t v;

	if (!p)
		return CONT;
	v = get_u32(p, 0);
	PUTC('[');
	if (v == UINT32_MAX)
		PUTS("-1");
	else
		rn_strbuf__append_u64(c->sb, v);
	PUTC(']');
	return CONT;
}

int rn_fmt__arg_loff(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 8, false);

	if (p)
		rn_strbuf__printf(c->sb, "[%lld]", (long long)(int64_t)get_u64(p, 0));
	return CONT;
}

const struct rn_item *rn_fmt__enter_item(const struct ctx *c, unsigned i, uint32_t min)
{
	const struct rn_item *it = NULL;

	if (!c->ev->enter)
		return NULL;
	while ((it = rn_rec__next_item(c->ev->enter, it)))
		if (it->arg == i && it->idx == 0)
			return (it->flags & RN_IF_FAULT) || it->len < min ? NULL : it;
	return NULL;
}

/* A time's date as strace prints it after the time, in a comment: 2023-11-14T22:13:20+0000. */
void rn_fmt__put_time_comment_frac(struct ctx *c, int64_t sec, uint64_t frac, int digits)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char when[64], zone[16];

	if (localtime_r(&t, &tm) && strftime(when, sizeof(when), "%FT%T", &tm) &&
	    strftime(zone, sizeof(zone), "%z", &tm))
		rn_strbuf__printf(c->sb, frac ? " /* %s.%0*llu%s */" : " /* %s%.*llu%s */", when,
				  frac ? digits : 0, (unsigned long long)frac, zone);
}

void rn_fmt__put_time_comment(struct ctx *c, int64_t sec, uint64_t nsec)
{
	rn_fmt__put_time_comment_frac(c, sec, nsec, 9);
}

/* sendfile's loff_t *: [0] as passed, then ` => [10]` when the call moved it (ret > 0). */
int rn_fmt__arg_loff_inout(struct ctx *c, unsigned i)
{
	const struct rn_item *in = rn_fmt__enter_item(c, i, 8), *out = NULL, *it;

	if (!c->a[i] || !in) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	rn_strbuf__printf(c->sb, "[%lld]", (long long)(int64_t)get_u64(rn_item__data(in), 0));
	for (it = NULL; c->ret > 0 && (it = rn_rec__next_item(c->ev->rec, it));)
		if (it->arg == i && it->idx == 0 && !(it->flags & RN_IF_FAULT) && it->len >= 8)
			out = it;
	if (out)
		rn_strbuf__printf(c->sb, " => [%lld]",
				  (long long)(int64_t)get_u64(rn_item__data(out), 0));
	return CONT;
}

int rn_fmt__arg_int_in(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 4, false);

	if (p)
		rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(p, 0));
	return CONT;
}
