// SPDX-License-Identifier: MIT
/*
 * lib/util/zstream.c: what rn_zout writes rn_zin reads back, a cut or damaged stream is an
 * error and never a clean end, gzip (older .rnt files) is read, and raw bytes pass as they are.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "zstream.h"

/* Bytes in memory: what a writer produced, or what a reader is given. */
struct blob {
	char *p;
	size_t n;
};

/* Text that compresses, with some variety so blocks are not trivial. */
static uint8_t *sample(size_t n)
{
	uint8_t *p = malloc(n);
	uint32_t x = 12345;

	cr_assert(p);
	for (size_t i = 0; i < n; i++) {
		static const char line[] = "write(1, \"hello\\n\", 6) = 6\n";

		x = x * 1103515245u + 12345u;
		if (i % 61 < 40)
			p[i] = (uint8_t)line[i % (sizeof(line) - 1)];
		else
			p[i] = (uint8_t)('a' + (x >> 16) % 26);
	}
	return p;
}

/* data written through rn_zout in chunks of `chunk` bytes, then per `last`. */
static struct blob zwrite(const uint8_t *data, size_t n, size_t chunk, enum rn_zflush last)
{
	struct blob b = {0};
	FILE *f = open_memstream(&b.p, &b.n);
	struct rn_zout *z;

	cr_assert(f);
	cr_assert_eq(rn_zout__new(&z, f), 0);
	for (size_t off = 0; off < n; off += chunk) {
		size_t len = n - off < chunk ? n - off : chunk;

		cr_assert_eq(
		    rn_zout__write(z, data + off, len, off + len == n ? last : RN_ZFLUSH_NONE), 0);
	}
	if (!n)
		cr_assert_eq(rn_zout__write(z, NULL, 0, last), 0);
	rn_zout__free(z);
	cr_assert_eq(fclose(f), 0);
	return b;
}

struct readback {
	int new_ret; /* rn_zin__new's return */
	int ret;     /* the last rn_zin__read's: RN_ZIN_END or -errno */
	char codec[8];
	char why[128];
	uint8_t *data;
	size_t n;
	uint64_t offset;
};

/* Reads b through rn_zin with a cap of `cap` bytes per call, until an end or error. */
static void zread(const struct blob *b, size_t cap, struct readback *rb)
{
	FILE *f = fmemopen(b->p, b->n, "r");
	uint8_t *buf = malloc(cap);
	struct rn_zin *z;
	size_t total = 0, room = 0, got;
	bool over = false;

	memset(rb, 0, sizeof(*rb));
	cr_assert(f && buf);
	rb->new_ret = rn_zin__new(&z, f);
	if (rb->new_ret) {
		cr_expect_null(z);
		fclose(f);
		free(buf);
		return;
	}
	snprintf(rb->codec, sizeof(rb->codec), "%s", rn_zin__codec(z));
	for (;;) {
		int r = rn_zin__read(z, buf, cap, &got);

		over |= got > cap;
		if (got && !over) {
			if (total + got > room) {
				room = 2 * (total + got);
				rb->data = realloc(rb->data, room);
				cr_assert(rb->data);
			}
			memcpy(rb->data + total, buf, got);
			total += got;
		}
		if (r != RN_ZIN_MORE) {
			rb->ret = r;
			break;
		}
	}
	cr_expect(!over, "a read reported more bytes than its cap (%zu)", cap);
	/* ends and errors are sticky */
	cr_expect_eq(rn_zin__read(z, buf, cap, &got), rb->ret);
	cr_expect_eq(got, 0);
	rb->n = total;
	rb->offset = rn_zin__offset(z);
	snprintf(rb->why, sizeof(rb->why), "%s", rn_zin__why(z));
	rn_zin__free(z);
	fclose(f);
	free(buf);
}

static void expect_prefix(const struct readback *rb, const uint8_t *data, size_t n)
{
	cr_expect_leq(rb->n, n, "read %zu bytes of %zu", rb->n, n);
	cr_expect(rb->n <= n && (!rb->n || !memcmp(rb->data, data, rb->n)),
		  "what was read is not the start of what was written");
}

Test(unit_zstream, zstd_round_trip_gives_back_every_byte_and_ends_cleanly)
{
	static const size_t sizes[] = {1, 100, 65536, 300000};
	static const size_t caps[] = {1, 7, 4096, 1 << 20};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint8_t *data = sample(sizes[i]);
		struct blob b = zwrite(data, sizes[i], 10000, RN_ZFLUSH_END);

		cr_expect_lt(b.n, sizes[i] < 1000 ? sizes[i] + 64 : sizes[i] / 2,
			     "%zu bytes compressed to %zu", sizes[i], b.n);
		for (size_t c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
			struct readback rb;

			zread(&b, caps[c], &rb);
			cr_assert_eq(rb.new_ret, 0);
			cr_expect_str_eq(rb.codec, "zstd");
			cr_expect_eq(rb.ret, RN_ZIN_END, "%zu bytes, cap %zu: ended %d (%s)",
				     sizes[i], caps[c], rb.ret, rb.why);
			cr_expect_eq(rb.n, sizes[i], "%zu bytes, cap %zu: read %zu", sizes[i],
				     caps[c], rb.n);
			expect_prefix(&rb, data, sizes[i]);
			cr_expect_eq(rb.offset, b.n, "offset %llu, file %zu",
				     (unsigned long long)rb.offset, b.n);
			free(rb.data);
		}
		free(b.p);
		free(data);
	}
}

Test(unit_zstream, an_empty_stream_round_trips_to_nothing)
{
	struct blob b = zwrite(NULL, 0, 1, RN_ZFLUSH_END);
	struct readback rb;

	cr_assert_gt(b.n, 0, "an ended frame has a header and a checksum");
	zread(&b, 64, &rb);
	cr_assert_eq(rb.new_ret, 0);
	cr_expect_eq(rb.ret, RN_ZIN_END);
	cr_expect_eq(rb.n, 0);
	free(b.p);
}

Test(unit_zstream, a_write_after_the_end_is_refused)
{
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);
	struct rn_zout *z;

	cr_assert_eq(rn_zout__new(&z, f), 0);
	cr_assert_eq(rn_zout__write(z, "x", 1, RN_ZFLUSH_END), 0);
	cr_expect_eq(rn_zout__write(z, "y", 1, RN_ZFLUSH_NONE), -EINVAL);
	cr_expect_eq(rn_zout__write(z, "y", 1, (enum rn_zflush)7), -EINVAL);
	rn_zout__free(z);
	rn_zout__free(NULL);
	fclose(f);
	free(p);
}

Test(unit_zstream, a_block_flush_hands_a_reader_everything_so_far_then_the_cut_is_an_error)
{
	uint8_t *data = sample(50000);
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);
	struct rn_zout *z;
	struct readback rb;
	struct blob b;

	cr_assert(f);
	cr_assert_eq(rn_zout__new(&z, f), 0);
	cr_assert_eq(rn_zout__write(z, data, 20000, RN_ZFLUSH_NONE), 0);
	cr_assert_eq(rn_zout__write(z, data + 20000, 30000, RN_ZFLUSH_BLOCK), 0);
	/* what the file holds now, the writer still open (open_memstream: after fflush) */
	b.n = n;
	b.p = malloc(n ? n : 1);
	cr_assert(b.p);
	memcpy(b.p, p, n);
	zread(&b, 4096, &rb);
	cr_assert_eq(rb.new_ret, 0, "nothing in the file after a block flush");
	cr_expect_eq(rb.n, 50000, "a reader got %zu of the 50000 bytes flushed", rb.n);
	expect_prefix(&rb, data, 50000);
	cr_expect_eq(rb.ret, -EPIPE, "a frame never ended read as %d, not -EPIPE", rb.ret);
	rn_zout__free(z);
	fclose(f);
	free(rb.data);
	free(b.p);
	free(p);
	free(data);
}

Test(unit_zstream, a_truncated_stream_is_never_a_clean_end)
{
	uint8_t *data = sample(200000);
	struct blob b = zwrite(data, 200000, 20000, RN_ZFLUSH_END);

	/* shorter than the magic number: not known as zstd, the bytes pass as they are */
	for (size_t cut = 1; cut < 4; cut++) {
		struct blob part = {b.p, cut};
		struct readback rb;

		zread(&part, 8192, &rb);
		cr_expect_str_eq(rb.codec, "raw", "cut at %zu", cut);
		free(rb.data);
	}
	/* every other cut: inside the header, inside blocks, inside the checksum */
	for (size_t cut = 4; cut < b.n; cut += cut < 64 ? 1 : 997) {
		struct blob part = {b.p, cut};
		struct readback rb;

		zread(&part, 8192, &rb);
		if (rb.new_ret) {
			cr_expect_eq(rb.new_ret, -ENODATA, "cut at %zu: %d", cut, rb.new_ret);
			continue;
		}
		cr_expect(rb.ret == -EPIPE || rb.ret == -EBADMSG,
			  "cut at %zu of %zu: read ended with %d (%s), not -EPIPE or -EBADMSG", cut,
			  b.n, rb.ret, rb.why);
		expect_prefix(&rb, data, 200000);
		cr_expect_lt(rb.n, 200000, "cut at %zu: everything read", cut);
		free(rb.data);
	}
	free(b.p);
	free(data);
}

Test(unit_zstream, a_flipped_byte_is_damage_with_the_reason)
{
	uint8_t *data = sample(100000);
	struct blob b = zwrite(data, 100000, 100000, RN_ZFLUSH_END);
	size_t bad = 0;

	/* past the frame header: block contents and the checksum */
	for (size_t at = 20; at < b.n; at += 211) {
		struct readback rb;

		b.p[at] ^= 0x5a;
		zread(&b, 65536, &rb);
		b.p[at] ^= 0x5a;
		cr_assert_eq(rb.new_ret, 0);
		cr_expect_neq(rb.ret, RN_ZIN_END, "byte %zu flipped: read as a clean end", at);
		if (rb.ret == -EBADMSG) {
			bad++;
			cr_expect_str_neq(rb.why, "bad data",
					  "no words from the decoder at byte %zu", at);
		}
		free(rb.data);
	}
	cr_expect_gt(bad, 0);
	/* the checksum itself */
	{
		struct readback rb;

		b.p[b.n - 1] ^= 1;
		zread(&b, 65536, &rb);
		cr_expect_eq(rb.ret, -EBADMSG, "a wrong checksum read as %d", rb.ret);
		free(rb.data);
	}
	free(b.p);
	free(data);
}

Test(unit_zstream, garbage_after_zstd_magic_is_refused)
{
	char junk[] = "\x28\xb5\x2f\xfd"
		      "this is not a zstd frame header, nor blocks";
	struct blob b = {junk, sizeof(junk) - 1};
	struct readback rb;

	zread(&b, 4096, &rb);
	cr_assert_eq(rb.new_ret, 0);
	cr_expect_str_eq(rb.codec, "zstd");
	cr_expect_eq(rb.ret, -EBADMSG, "read as %d", rb.ret);
	cr_expect_eq(rb.n, 0);
	free(rb.data);
}

Test(unit_zstream, bytes_after_the_end_of_the_stream_are_refused_but_a_second_frame_is_read)
{
	uint8_t *data = sample(3000);
	struct blob one = zwrite(data, 1000, 1000, RN_ZFLUSH_END);
	struct blob two = zwrite(data + 1000, 2000, 500, RN_ZFLUSH_END);
	char *both = malloc(one.n + two.n + 5);
	struct blob b = {both, one.n + two.n};
	struct readback rb;

	cr_assert(both);
	memcpy(both, one.p, one.n);
	memcpy(both + one.n, two.p, two.n);
	zread(&b, 4096, &rb);
	cr_expect_eq(rb.ret, RN_ZIN_END, "two frames: %d (%s)", rb.ret, rb.why);
	cr_expect_eq(rb.n, 3000);
	expect_prefix(&rb, data, 3000);
	free(rb.data);

	memcpy(both + b.n, "JUNK!", 5);
	b.n += 5;
	zread(&b, 4096, &rb);
	cr_expect_eq(rb.ret, -ENOTEMPTY, "trailing junk: %d", rb.ret);
	cr_expect_eq(rb.n, 3000);
	free(rb.data);
	free(both);
	free(one.p);
	free(two.p);
	free(data);
}

/* data as a gzip member (what older .rnt files are). */
static struct blob gzip_of(const uint8_t *data, size_t n)
{
	z_stream s = {0};
	struct blob b;

	cr_assert_eq(deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	b.n = deflateBound(&s, n);
	b.p = malloc(b.n);
	cr_assert(b.p);
	s.next_in = (Bytef *)data;
	s.avail_in = (uInt)n;
	s.next_out = (Bytef *)b.p;
	s.avail_out = (uInt)b.n;
	cr_assert_eq(deflate(&s, Z_FINISH), Z_STREAM_END);
	b.n = s.total_out;
	deflateEnd(&s);
	return b;
}

Test(unit_zstream, gzip_is_read_members_in_a_row_too)
{
	uint8_t *data = sample(150000);
	struct blob g = gzip_of(data, 150000);
	struct blob g2 = gzip_of(data, 1000);
	struct readback rb;
	char *both;

	zread(&g, 5000, &rb);
	cr_assert_eq(rb.new_ret, 0);
	cr_expect_str_eq(rb.codec, "gzip");
	cr_expect_eq(rb.ret, RN_ZIN_END, "gzip: %d (%s)", rb.ret, rb.why);
	cr_expect_eq(rb.n, 150000);
	expect_prefix(&rb, data, 150000);
	free(rb.data);

	/* `cat a.gz b.gz` */
	both = malloc(g.n + g2.n);
	cr_assert(both);
	memcpy(both, g.p, g.n);
	memcpy(both + g.n, g2.p, g2.n);
	{
		struct blob b = {both, g.n + g2.n};
		uint8_t *want = malloc(151000);

		cr_assert(want);
		memcpy(want, data, 150000);
		memcpy(want + 150000, data, 1000);
		zread(&b, 5000, &rb);
		cr_expect_eq(rb.ret, RN_ZIN_END);
		cr_expect_eq(rb.n, 151000);
		expect_prefix(&rb, want, 151000);
		free(rb.data);
		free(want);
	}
	/* cut short */
	{
		struct blob b = {g.p, g.n / 2};

		zread(&b, 5000, &rb);
		cr_expect_eq(rb.ret, -EPIPE, "gzip cut in half: %d", rb.ret);
		expect_prefix(&rb, data, 150000);
		free(rb.data);
	}
	free(both);
	free(g.p);
	free(g2.p);
	free(data);
}

Test(unit_zstream, damaged_gzip_is_refused_with_zlibs_reason)
{
	uint8_t *data = sample(20000);
	struct blob g = gzip_of(data, 20000);
	struct readback rb;

	g.p[3] = (char)0xe0; /* reserved FLG bits */
	zread(&g, 4096, &rb);
	cr_assert_eq(rb.new_ret, 0);
	cr_expect_str_eq(rb.codec, "gzip");
	cr_expect_eq(rb.ret, -EBADMSG, "%d", rb.ret);
	cr_expect_str_neq(rb.why, "bad data");
	free(rb.data);
	free(g.p);
	free(data);
}

Test(unit_zstream, uncompressed_bytes_pass_as_they_are_and_an_empty_file_is_no_data)
{
	char text[] = "RNT1 not compressed at all";
	struct blob b = {text, sizeof(text) - 1}, tiny = {text, 2};
	struct readback rb;

	zread(&b, 5, &rb);
	cr_assert_eq(rb.new_ret, 0);
	cr_expect_str_eq(rb.codec, "raw");
	cr_expect_eq(rb.ret, RN_ZIN_END);
	cr_expect_eq(rb.n, b.n);
	expect_prefix(&rb, (const uint8_t *)text, b.n);
	free(rb.data);

	zread(&tiny, 5, &rb);
	cr_expect_str_eq(rb.codec, "raw");
	cr_expect_eq(rb.n, 2);
	free(rb.data);

	/* fmemopen refuses a 0-byte buffer: /dev/null is an empty file */
	{
		FILE *f = fopen("/dev/null", "r");
		struct rn_zin *z;

		cr_assert(f);
		cr_expect_eq(rn_zin__new(&z, f), -ENODATA);
		cr_expect_null(z);
		fclose(f);
	}
}

Test(unit_zstream, peek_decodes_the_start_of_either_codec_and_refuses_anything_else)
{
	uint8_t *data = sample(100000);
	struct blob zs = zwrite(data, 100000, 100000, RN_ZFLUSH_END);
	struct blob gz = gzip_of(data, 100000);
	uint8_t out[256];
	char raw[] = "{\"renacer\": 1}";

	cr_expect_eq(rn_zin__peek(zs.p, zs.n, out, sizeof(out)), (int)sizeof(out));
	cr_expect_eq(memcmp(out, data, sizeof(out)), 0);
	cr_expect_eq(rn_zin__peek(gz.p, gz.n, out, sizeof(out)), (int)sizeof(out));
	cr_expect_eq(memcmp(out, data, sizeof(out)), 0);
	/* a head cut short still shows what decoded */
	{
		int n = rn_zin__peek(gz.p, gz.n / 4, out, sizeof(out));

		cr_expect(n > 0 && n <= (int)sizeof(out), "peek of a cut gzip head: %d", n);
		cr_expect_eq(memcmp(out, data, (size_t)(n > 0 ? n : 0)), 0);
	}
	cr_expect_eq(rn_zin__peek(raw, sizeof(raw) - 1, out, sizeof(out)), -EINVAL);
	cr_expect_eq(rn_zin__peek(raw, 0, out, sizeof(out)), -EINVAL);
	free(zs.p);
	free(gz.p);
	free(data);
}
