/* SPDX-License-Identifier: MIT */
/*
 * JSON text out: the string, key and number appenders every JSON writer shares (the trace
 * writer, the Perfetto export, the CLI's --json reports). Appends to a strbuf; no allocation
 * beyond the buffer's growth. A failed growth leaves the buffer as it was (strbuf's rule).
 */
#ifndef RENACER_JSON_OUT_H
#define RENACER_JSON_OUT_H

#include <stddef.h>
#include <stdint.h>

struct rn_strbuf;

/* v as a JSON integer; above INT64_MAX as its two's complement (jansson stops at int64). */
void rn_json__u64(struct rn_strbuf *sb, uint64_t v);
/* [s, s+n), valid UTF-8, escaped as a string body (no quotes). */
void rn_json__escape(struct rn_strbuf *sb, const uint8_t *s, size_t n);
/* [s, s+n) as a quoted JSON string; each byte that is not valid UTF-8 becomes U+FFFD. */
void rn_json__text(struct rn_strbuf *sb, const char *s, size_t n);
/* [p, p+n) in base64 (RFC 4648, padded), no quotes. */
void rn_json__base64(struct rn_strbuf *sb, const uint8_t *p, size_t n);

#endif
