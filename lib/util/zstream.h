/* SPDX-License-Identifier: MIT */
/*
 * Compressed byte streams on a FILE: rn_zout writes one zstd frame (level 1, content
 * checksum); rn_zin reads zstd frames, gzip members or bytes that are neither as they are,
 * told apart by the first bytes.
 */
#ifndef RENACER_ZSTREAM_H
#define RENACER_ZSTREAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum rn_zflush {
	RN_ZFLUSH_NONE,	 /* buffer freely */
	RN_ZFLUSH_BLOCK, /* end a block and fflush: a reader of the file gets every byte so far */
	RN_ZFLUSH_END,	 /* end the frame (checksum included) and fflush */
	RN_ZFLUSH_FRAME, /* the same, and later writes start a new frame (.rnt's indexed blocks) */
};

struct rn_zout;

/* A stream onto f (the caller keeps f open; free() does not fclose). 0 or -ENOMEM. */
int rn_zout__new(struct rn_zout **out, FILE *f);
/* Compresses n bytes; 0, or -errno (-EIO from the compressor, a write error, -EINVAL after END). */
int rn_zout__write(struct rn_zout *z, const void *data, size_t n, enum rn_zflush mode);
/* CRC-32 (zlib's) of the compressed bytes written since the last call or the start. */
uint32_t rn_zout__take_crc(struct rn_zout *z);
/* Without an END first, the file stops after the last flush point: readers see it cut there. */
void rn_zout__free(struct rn_zout *z);

enum {
	RN_ZIN_MORE = 0, /* rn_zin__read: the stream goes on */
	RN_ZIN_END = 1,	 /* it ended cleanly and nothing follows it in the file (further zstd
			    frames or gzip members are read on, as zstd -d and gzip -d do) */
};

struct rn_zin;

/*
 * Reads the first bytes of f to pick the codec: zstd, gzip, else "raw" (not compressed).
 * 0, or -ENODATA (empty file), -EIO (read error), -ENOMEM.
 */
int rn_zin__new(struct rn_zin **out, FILE *f);
/*
 * Decompresses at most cap (> 0) bytes into buf; *got says how many, and they count even
 * with an error (what decoded before damage or a cut). Returns RN_ZIN_MORE, RN_ZIN_END,
 * or -errno: -EPIPE the file ends before the stream does, -EBADMSG damaged data or a
 * failed checksum (rn_zin__why), -ENOTEMPTY bytes after the end of the stream, -EIO, -ENOMEM.
 * Ends and errors are sticky.
 */
int rn_zin__read(struct rn_zin *z, void *buf, size_t cap, size_t *got);
/* Compressed bytes consumed so far: the file offset errors are reported at. */
uint64_t rn_zin__offset(const struct rn_zin *z);
const char *rn_zin__codec(const struct rn_zin *z); /* "gzip", "zstd" or "raw" */
const char *rn_zin__why(const struct rn_zin *z);   /* the decoder's words after -EBADMSG */
void rn_zin__free(struct rn_zin *z);

/*
 * Decompresses the start of an in-memory gzip or zstd stream into out (for sniffing):
 * bytes decoded (<= cap), or -EINVAL when head is neither.
 */
int rn_zin__peek(const void *head, size_t n, void *out, size_t cap);

#endif
