// SPDX-License-Identifier: MIT
/*
 * zstd out; zstd, gzip or uncompressed in. Writing is zstd because its level 1 costs ~55 ns per
 * traced event where deflate level 1 cost ~208 ns, and gives files ~20% smaller; gzip is still read
 * so older .rnt files stay readable.
 */
#define ZLIB_CONST
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "zstream.h"

enum {
	ZSTD_LEVEL = 1,
	ZSTD_BLOCK_HEADER = 3, /* bytes, RFC 8878 */
	OUT_CHUNK = 64 << 10,
	IN_CHUNK = 64 << 10,
};

struct rn_zout {
	FILE *f;
	ZSTD_CCtx *cc;
	bool ended;
	uint32_t crc; /* of what was written since rn_zout__take_crc */
	uint8_t out[OUT_CHUNK];
};

static const ZSTD_EndDirective directive[] = {
    [RN_ZFLUSH_NONE] = ZSTD_e_continue,
    [RN_ZFLUSH_BLOCK] = ZSTD_e_flush,
    [RN_ZFLUSH_END] = ZSTD_e_end,
    [RN_ZFLUSH_FRAME] = ZSTD_e_end,
};

static int zstd_errno(size_t ret)
{
	return ZSTD_getErrorCode(ret) == ZSTD_error_memory_allocation ? -ENOMEM : -EIO;
}

int rn_zout__new(struct rn_zout **out, FILE *f)
{
	struct rn_zout *z = calloc(1, sizeof(*z));
	size_t ret;

	*out = NULL;
	if (!z)
		return -ENOMEM;
	z->f = f;
	z->cc = ZSTD_createCCtx();
	if (!z->cc) {
		free(z);
		return -ENOMEM;
	}
	ret = ZSTD_CCtx_setParameter(z->cc, ZSTD_c_compressionLevel, ZSTD_LEVEL);
	if (!ZSTD_isError(ret))
		ret = ZSTD_CCtx_setParameter(z->cc, ZSTD_c_checksumFlag, 1);
	if (ZSTD_isError(ret)) {
		rn_zout__free(z);
		return zstd_errno(ret);
	}
	*out = z;
	return 0;
}

int rn_zout__write(struct rn_zout *z, const void *data, size_t n, enum rn_zflush mode)
{
	ZSTD_inBuffer in = {data, n, 0};
	ZSTD_EndDirective op;

	if (z->ended || (unsigned)mode > RN_ZFLUSH_FRAME)
		return -EINVAL;
	op = directive[mode];
	for (;;) {
		ZSTD_outBuffer o = {z->out, sizeof(z->out), 0};
		size_t left = ZSTD_compressStream2(z->cc, &o, &in, op);

		if (ZSTD_isError(left))
			return zstd_errno(left);
		errno = 0;
		if (o.pos && fwrite(z->out, 1, o.pos, z->f) != o.pos)
			return errno ? -errno : -EIO;
		z->crc = (uint32_t)crc32(z->crc, z->out, (uInt)o.pos);
		/* continue: done once the input is taken; flush and end: once nothing is left */
		if (op == ZSTD_e_continue ? in.pos == in.size : left == 0)
			break;
	}
	if (mode == RN_ZFLUSH_END)
		z->ended = true;
	if (mode != RN_ZFLUSH_NONE && fflush(z->f))
		return -errno;
	return 0;
}

uint32_t rn_zout__take_crc(struct rn_zout *z)
{
	uint32_t crc = z->crc;

	z->crc = 0;
	return crc;
}

void rn_zout__free(struct rn_zout *z)
{
	if (!z)
		return;
	ZSTD_freeCCtx(z->cc);
	free(z);
}

struct rn_zin {
	FILE *f;
	const struct codec *codec;
	z_stream gz;
	ZSTD_DCtx *zd;
	size_t hint; /* zstd: input that reaches the end of the next block */
	size_t pos, len;
	bool eof;
	int state; /* sticky: RN_ZIN_END or -errno once the stream is over */
	uint64_t offset;
	char why[128];
	uint8_t in[IN_CHUNK];
};

/* One decoder call: RN_ZIN_MORE, RN_ZIN_END at the end of the stream, or -errno. */
typedef int codec_step_fn(struct rn_zin *z, uint8_t *out, size_t cap, size_t *got);

struct codec {
	const char *name;
	bool (*starts)(const uint8_t *p, size_t n); /* a stream (or member, frame) of it? */
	int (*init)(struct rn_zin *z);
	codec_step_fn *step;
	int (*next)(struct rn_zin *z); /* ready for the member (frame) that follows one */
	void (*end)(struct rn_zin *z);
};

static int gz_init(struct rn_zin *z)
{
	return inflateInit2(&z->gz, 15 + 16) == Z_OK ? 0 : -ENOMEM;
}

static int gz_step(struct rn_zin *z, uint8_t *out, size_t cap, size_t *got)
{
	size_t avail = z->len - z->pos, room = cap - *got;
	int zr;

	z->gz.next_in = z->in + z->pos;
	z->gz.avail_in = (uInt)avail;
	z->gz.next_out = out + *got;
	z->gz.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
	room = z->gz.avail_out;
	zr = inflate(&z->gz, Z_NO_FLUSH);
	z->pos += avail - z->gz.avail_in;
	z->offset += avail - z->gz.avail_in;
	*got += room - z->gz.avail_out;
	if (zr == Z_STREAM_END)
		return RN_ZIN_END;
	if (zr == Z_OK || zr == Z_BUF_ERROR)
		return RN_ZIN_MORE;
	if (zr == Z_MEM_ERROR)
		return -ENOMEM;
	snprintf(z->why, sizeof(z->why), "%s", z->gz.msg ? z->gz.msg : "bad data");
	return -EBADMSG;
}

static bool gz_starts(const uint8_t *p, size_t n)
{
	return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static int gz_next(struct rn_zin *z)
{
	return inflateReset(&z->gz) == Z_OK ? 0 : -EIO;
}

static void gz_end(struct rn_zin *z)
{
	inflateEnd(&z->gz);
}

static int zs_init(struct rn_zin *z)
{
	z->zd = ZSTD_createDCtx();
	if (!z->zd)
		return -ENOMEM;
	z->hint = ZSTD_initDStream(z->zd);
	return ZSTD_isError(z->hint) ? -ENOMEM : 0;
}

/*
 * A failing call reports no output at all, so input is fed one block at a time: up to
 * the decoder's hint (which reaches past the next block's header) minus that header.
 */
static int zs_step(struct rn_zin *z, uint8_t *out, size_t cap, size_t *got)
{
	size_t avail = z->len - z->pos;
	size_t want = z->hint > ZSTD_BLOCK_HEADER ? z->hint - ZSTD_BLOCK_HEADER : z->hint;
	ZSTD_inBuffer in = {z->in + z->pos, avail < want ? avail : want, 0};
	ZSTD_outBuffer o = {out, cap, *got};
	size_t ret = ZSTD_decompressStream(z->zd, &o, &in);

	if (ZSTD_isError(ret)) {
		if (ZSTD_getErrorCode(ret) == ZSTD_error_memory_allocation)
			return -ENOMEM;
		snprintf(z->why, sizeof(z->why), "%s", ZSTD_getErrorName(ret));
		return -EBADMSG;
	}
	z->pos += in.pos;
	z->offset += in.pos;
	*got = o.pos;
	if (ret == 0)
		return RN_ZIN_END;
	z->hint = ret;
	return RN_ZIN_MORE;
}

/* A zstd frame, or a skippable frame (which the decoder passes over), RFC 8878 */
static bool zs_starts(const uint8_t *p, size_t n)
{
	return n >= 4 && ((p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) ||
			  ((p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18));
}

static int zs_next(struct rn_zin *z)
{
	z->hint = ZSTD_initDStream(z->zd);
	return ZSTD_isError(z->hint) ? -EIO : 0;
}

static void zs_end(struct rn_zin *z)
{
	ZSTD_freeDCtx(z->zd);
}

/* Not compressed (`zstd -d` output): the bytes as they are. */
static bool raw_starts(const uint8_t *p, size_t n)
{
	(void)p;
	(void)n;
	return true;
}

static int raw_init(struct rn_zin *z)
{
	(void)z;
	return 0;
}

static int raw_step(struct rn_zin *z, uint8_t *out, size_t cap, size_t *got)
{
	size_t n = z->len - z->pos;

	if (!n)
		return z->eof ? RN_ZIN_END : RN_ZIN_MORE;
	if (n > cap - *got)
		n = cap - *got;
	memcpy(out + *got, z->in + z->pos, n);
	*got += n;
	z->pos += n;
	z->offset += n;
	return RN_ZIN_MORE;
}

static void raw_end(struct rn_zin *z)
{
	(void)z;
}

/* the first that starts the file wins: raw is last */
static const struct codec codecs[] = {
    {"gzip", gz_starts, gz_init, gz_step, gz_next, gz_end},
    {"zstd", zs_starts, zs_init, zs_step, zs_next, zs_end},
    {"raw", raw_starts, raw_init, raw_step, NULL, raw_end},
};

/* Reads more after the unread bytes, which move to the start of the buffer. */
static int fill(struct rn_zin *z)
{
	size_t keep = z->len - z->pos, n;

	memmove(z->in, z->in + z->pos, keep);
	z->pos = 0;
	z->len = keep;
	n = fread(z->in + keep, 1, sizeof(z->in) - keep, z->f);
	if (n == 0 && ferror(z->f))
		return -EIO;
	z->eof = n == 0;
	z->len += n;
	return 0;
}

/*
 * After the end of a member (gzip) or frame (zstd): RN_ZIN_END when the file ends there,
 * RN_ZIN_MORE when another member or frame follows (as `cat a.gz b.gz` or pzstd write),
 * -ENOTEMPTY when something else does.
 */
static int next_member(struct rn_zin *z)
{
	int r;

	while (z->len - z->pos < 4 && !z->eof)
		if ((r = fill(z)) != 0)
			return r;
	if (z->pos == z->len)
		return RN_ZIN_END;
	if (!z->codec->next || !z->codec->starts(z->in + z->pos, z->len - z->pos))
		return -ENOTEMPTY;
	return z->codec->next(z) ? -EIO : RN_ZIN_MORE;
}

int rn_zin__new(struct rn_zin **out, FILE *f)
{
	struct rn_zin *z = calloc(1, sizeof(*z));
	int r;

	*out = NULL;
	if (!z)
		return -ENOMEM;
	z->f = f;
	r = fill(z);
	if (!r && z->len == 0)
		r = -ENODATA;
	while (!r && z->len < 4 && !z->eof)
		r = fill(z);
	for (size_t i = 0; !r && !z->codec && i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (codecs[i].starts(z->in, z->len))
			z->codec = &codecs[i];
	if (!r && (r = z->codec->init(z)) != 0)
		z->codec = NULL; /* nothing to end */
	if (r) {
		rn_zin__free(z);
		return r;
	}
	*out = z;
	return 0;
}

int rn_zin__read(struct rn_zin *z, void *buf, size_t cap, size_t *got)
{
	*got = 0;
	if (z->state)
		return z->state;
	if (!cap)
		return -EINVAL;
	for (;;) {
		size_t pos0;
		int r = 0;

		if (z->pos == z->len && !z->eof)
			r = fill(z);
		pos0 = z->pos;
		if (!r)
			r = z->codec->step(z, buf, cap, got);
		if (r == RN_ZIN_END)
			r = next_member(z);
		if (r)
			return z->state = r;
		if (*got)
			return RN_ZIN_MORE;
		if (z->pos == pos0 && z->pos == z->len && z->eof)
			return z->state = -EPIPE;
		if (z->pos == pos0 && z->pos < z->len) {
			snprintf(z->why, sizeof(z->why), "the decoder is stuck");
			return z->state = -EBADMSG;
		}
	}
}

uint64_t rn_zin__offset(const struct rn_zin *z)
{
	return z->offset;
}

const char *rn_zin__codec(const struct rn_zin *z)
{
	return z->codec ? z->codec->name : "?";
}

const char *rn_zin__why(const struct rn_zin *z)
{
	return z->why[0] ? z->why : "bad data";
}

void rn_zin__free(struct rn_zin *z)
{
	if (!z)
		return;
	if (z->codec)
		z->codec->end(z);
	free(z);
}

int rn_zin__peek(const void *head, size_t n, void *out, size_t cap)
{
	FILE *f = n ? fmemopen((void *)head, n, "r") : NULL;
	struct rn_zin *z = NULL;
	size_t done = 0, got;

	if (!f || rn_zin__new(&z, f) || !z->codec->next) {
		rn_zin__free(z);
		if (f)
			fclose(f);
		return -EINVAL;
	}
	/* a cut or damaged stream still shows what decoded before it */
	while (done < cap) {
		int r = rn_zin__read(z, (uint8_t *)out + done, cap - done, &got);

		done += got;
		if (r != RN_ZIN_MORE)
			break;
	}
	rn_zin__free(z);
	fclose(f);
	return (int)done;
}
