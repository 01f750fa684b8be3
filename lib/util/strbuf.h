/* SPDX-License-Identifier: MIT */
/* A growable byte buffer with the cheap appenders the per-event formatters use. */
#ifndef RENACER_STRBUF_H
#define RENACER_STRBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct rn_strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

/* Grows so that `more` bytes fit; returns 0 or -ENOMEM (the buffer is then unchanged). */
int rn_strbuf__reserve(struct rn_strbuf *sb, size_t more);
void rn_strbuf__free(struct rn_strbuf *sb);
int rn_strbuf__printf(struct rn_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void rn_strbuf__append_u64(struct rn_strbuf *sb, uint64_t v);
void rn_strbuf__append_s64(struct rn_strbuf *sb, int64_t v);
void rn_strbuf__append_hex(struct rn_strbuf *sb, uint64_t v); /* 0x1f */
void rn_strbuf__append_oct(struct rn_strbuf *sb, uint64_t v); /* 0644, 0 for zero */

static inline void rn_strbuf__append(struct rn_strbuf *sb, const void *p, size_t n)
{
	if (sb->cap - sb->len < n + 1 && rn_strbuf__reserve(sb, n + 1))
		return;
	if (n) /* memcpy's source must not be NULL, even for 0 bytes */
		memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static inline void rn_strbuf__puts(struct rn_strbuf *sb, const char *s)
{
	rn_strbuf__append(sb, s, strlen(s));
}

static inline void rn_strbuf__putc(struct rn_strbuf *sb, char c)
{
	rn_strbuf__append(sb, &c, 1);
}

static inline void rn_strbuf__reset(struct rn_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

#endif
