// SPDX-License-Identifier: MIT
#include "strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int rn_strbuf__reserve(struct rn_strbuf *sb, size_t more)
{
	size_t want, cap = sb->cap ? sb->cap : 256;
	char *p;

	/* half the address space never fits; past it len + more + 1 and the doubling wrap */
	if (more >= SIZE_MAX / 2 - sb->len)
		return -ENOMEM;
	want = sb->len + more + 1;
	if (want <= sb->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	p = realloc(sb->buf, cap);
	if (!p)
		return -ENOMEM;
	sb->buf = p;
	sb->cap = cap;
	return 0;
}

void rn_strbuf__free(struct rn_strbuf *sb)
{
	if (!sb)
		return;
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

int rn_strbuf__printf(struct rn_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(sb->buf ? sb->buf + sb->len : NULL, sb->buf ? sb->cap - sb->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if ((size_t)n >= sb->cap - sb->len || !sb->buf) {
		if (rn_strbuf__reserve(sb, (size_t)n + 1))
			return -ENOMEM;
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
	return n;
}

void rn_strbuf__append_u64(struct rn_strbuf *sb, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	rn_strbuf__append(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

void rn_strbuf__append_s64(struct rn_strbuf *sb, int64_t v)
{
	if (v < 0) {
		rn_strbuf__putc(sb, '-');
		rn_strbuf__append_u64(sb, (uint64_t)0 - (uint64_t)v);
		return;
	}
	rn_strbuf__append_u64(sb, (uint64_t)v);
}

void rn_strbuf__append_hex(struct rn_strbuf *sb, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[20];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v & 15];
		v >>= 4;
	} while (v);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	rn_strbuf__append(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

void rn_strbuf__append_oct(struct rn_strbuf *sb, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	if (!v) {
		rn_strbuf__putc(sb, '0');
		return;
	}
	while (v) {
		tmp[--i] = (char)('0' + (v & 7));
		v >>= 3;
	}
	tmp[--i] = '0';
	rn_strbuf__append(sb, tmp + i, sizeof(tmp) - (size_t)i);
}
