/* SPDX-License-Identifier: MIT */
/*
 * Protobuf wire helpers of the .rnt writer and reader (trace_bin_*.c): varints, tags,
 * lengths, packed fields. Inline because they are the writer's hot path.
 */
#ifndef RENACER_TRACE_BIN_WIRE_H
#define RENACER_TRACE_BIN_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Events are encoded by hand (the hot path: protobuf-c's size-then-pack costs twice
 * this); the wire format is the one trace.proto declares, which the reader decodes
 * with protobuf-c, so any mismatch fails the round-trip tests.
 */
enum { WT_VARINT = 0, WT_LEN = 2 };

static inline size_t rn_tb__put_varint(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	/* most fields of an event take one or two bytes */
	if (v < 0x80) {
		*p = (uint8_t)v;
		return 1;
	}
	if (v < 0x4000) {
		p[0] = (uint8_t)v | 0x80;
		p[1] = (uint8_t)(v >> 7);
		return 2;
	}
	while (v >= 0x80) {
		p[n++] = (uint8_t)v | 0x80;
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

static inline size_t rn_tb__varint_size(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static inline uint64_t rn_tb__zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline uint8_t *rn_tb__put_field(uint8_t *p, uint32_t field, uint64_t v)
{
	if (!v)
		return p; /* proto3: zero is the default and is not written */
	p += rn_tb__put_varint(p, field << 3 | WT_VARINT);
	return p + rn_tb__put_varint(p, v);
}

static inline uint8_t *rn_tb__put_bytes(uint8_t *p, uint32_t field, const void *data, size_t len)
{
	p += rn_tb__put_varint(p, field << 3 | WT_LEN);
	p += rn_tb__put_varint(p, len);
	if (len)
		memcpy(p, data, len);
	return p + len;
}

static inline uint8_t *rn_tb__put_packed32(uint8_t *p, uint32_t field, const uint32_t *v, size_t n)
{
	size_t len = 0;

	if (!n)
		return p;
	for (size_t i = 0; i < n; i++)
		len += rn_tb__varint_size(v[i]);
	p += rn_tb__put_varint(p, field << 3 | WT_LEN);
	p += rn_tb__put_varint(p, len);
	for (size_t i = 0; i < n; i++)
		p += rn_tb__put_varint(p, v[i]);
	return p;
}

/* Packed uint64 (zz false) or sint64 (zz true) values. */
static inline uint8_t *rn_tb__put_packed64(uint8_t *p, uint32_t field, const uint64_t *v, size_t n,
					   bool zz)
{
	size_t len = 0;

	if (!n)
		return p;
	for (size_t i = 0; i < n; i++)
		len += rn_tb__varint_size(zz ? rn_tb__zigzag((int64_t)v[i]) : v[i]);
	p += rn_tb__put_varint(p, field << 3 | WT_LEN);
	p += rn_tb__put_varint(p, len);
	for (size_t i = 0; i < n; i++)
		p += rn_tb__put_varint(p, zz ? rn_tb__zigzag((int64_t)v[i]) : v[i]);
	return p;
}

/* Reads a varint: bytes used, 0 when incomplete, -1 when longer than 10 bytes. */
static inline int rn_tb__get_varint(const uint8_t *p, size_t n, uint64_t *v)
{
	uint64_t x = 0;

	for (size_t i = 0; i < 10; i++) {
		if (i >= n)
			return 0;
		x |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = x;
			return (int)i + 1;
		}
	}
	return -1;
}

#endif
