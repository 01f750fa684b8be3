// SPDX-License-Identifier: MIT
#include "json_out.h"

#include "strbuf.h"
#include "utf8.h"

#include <string.h>

#define LIT(sb, s) rn_strbuf__append(sb, s, sizeof(s) - 1)

/* 0: copy as is; 1: escape; 2: non-ASCII (valid UTF-8 by the caller's word). */
static const uint8_t byte_class[256] = {
    [0x00 ... 0x1f] = 1,
    ['"'] = 1,
    ['\\'] = 1,
    [0x80 ... 0xff] = 2,
};

static const char hexdig[] = "0123456789abcdef";

void rn_json__u64(struct rn_strbuf *sb, uint64_t v)
{
	if (v > INT64_MAX)
		rn_strbuf__append_s64(sb, (int64_t)v);
	else
		rn_strbuf__append_u64(sb, v);
}

void rn_json__escape(struct rn_strbuf *sb, const uint8_t *s, size_t n)
{
	size_t i = 0, run = 0;

	while (i < n) {
		uint8_t c = s[i];
		char esc[6];

		if (byte_class[c] != 1) {
			i++;
			continue;
		}
		rn_strbuf__append(sb, s + run, i - run);
		switch (c) {
		case '"':
			LIT(sb, "\\\"");
			break;
		case '\\':
			LIT(sb, "\\\\");
			break;
		case '\n':
			LIT(sb, "\\n");
			break;
		case '\t':
			LIT(sb, "\\t");
			break;
		case '\r':
			LIT(sb, "\\r");
			break;
		case '\b':
			LIT(sb, "\\b");
			break;
		case '\f':
			LIT(sb, "\\f");
			break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hexdig[c >> 4];
			esc[5] = hexdig[c & 15];
			rn_strbuf__append(sb, esc, 6);
		}
		run = ++i;
	}
	rn_strbuf__append(sb, s + run, n - run);
}

void rn_json__text(struct rn_strbuf *sb, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	size_t i = 0, ok;

	rn_strbuf__putc(sb, '"');
	while (i < n) {
		ok = rn_utf8__prefix(p + i, n - i);
		rn_json__escape(sb, p + i, ok);
		i += ok;
		if (i < n) {
			LIT(sb, "\xef\xbf\xbd");
			i++;
		}
	}
	rn_strbuf__putc(sb, '"');
}

void rn_json__base64(struct rn_strbuf *sb, const uint8_t *p, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t out = (n + 2) / 3 * 4;
	char *d;

	if (rn_strbuf__reserve(sb, out + 1))
		return;
	d = sb->buf + sb->len;
	for (; n >= 3; n -= 3, p += 3) {
		*d++ = tab[p[0] >> 2];
		*d++ = tab[(p[0] & 3) << 4 | p[1] >> 4];
		*d++ = tab[(p[1] & 15) << 2 | p[2] >> 6];
		*d++ = tab[p[2] & 63];
	}
	if (n) {
		*d++ = tab[p[0] >> 2];
		*d++ = tab[(p[0] & 3) << 4 | (n > 1 ? p[1] >> 4 : 0)];
		*d++ = n > 1 ? tab[(p[1] & 15) << 2] : '=';
		*d++ = '=';
	}
	sb->len += out;
	sb->buf[sb->len] = '\0';
}
