/* SPDX-License-Identifier: MIT */
/* Shared by the .rnt writer and reader (trace_bin_*.c) only: the format's constants. */
#ifndef RENACER_TRACE_BIN_INT_H
#define RENACER_TRACE_BIN_INT_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "renacer/v1/trace.pb-c.h"

typedef Renacer__V1__Record pb_record;
typedef Renacer__V1__Header pb_header;
typedef Renacer__V1__Event pb_event;
typedef Renacer__V1__EventRun pb_run;
typedef Renacer__V1__Capture pb_capture;
typedef Renacer__V1__Process pb_process;
typedef Renacer__V1__Stats pb_stats;

enum {
	SLOTS = 4096,	       /* interned-string slots: fixed by the format */
	SLOT_TEXT_MAX = 255,   /* longer strings travel in Event.long_text */
	RUN_MAX = 4096,	       /* calls per EventRun, so records stay small */
	SYNC_EVERY = 4096,     /* records between flush points */
	RAW_CHUNK = 128 << 10, /* raw bytes gathered before calling the compressor */
	IN_CHUNK = 128 << 10,  /* decompressed bytes asked for per read */
	RECORD_MAX = 16 << 20, /* bytes of one record: a longer length prefix is damage */
	DECODE_MAX = 64 << 20, /* bytes one record may take decoded (packed fields grow 8x) */
	ID_RUNS_MAX = 1 << 20, /* jumps in the event ids (the recorder makes none) */
	AHEAD_MAX = 1 << 16,   /* edges and gaps naming events not read yet (the sample's one) */
	REF_NULL = 0,
	REF_LONG = 1,
	REF_SLOT0 = 2,
	GUESS_NRS = 512, /* syscall numbers (mod), for the slot guesses */
	GUESS_STRS = 10, /* string positions guessed: name, 6 args, errname, result_text */
	SLOT_CHUNK = 64, /* reader's slots per allocation: a small file needs little */
};

#define REF_MISS UINT32_MAX

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static inline int rn_tb__buf_reserve(struct buf *b, size_t extra)
{
	size_t want = b->len + extra, cap;
	uint8_t *p;

	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < want)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p)
		return -ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

/* Grows *arr (elements of size sz) to hold n; no-op when big enough. */
static inline int rn_tb__grow(void *arr, size_t *cap, size_t n, size_t sz)
{
	void *p;
	size_t c;

	if (n <= *cap)
		return 0;
	c = *cap ? *cap : 8;
	while (c < n)
		c *= 2;
	p = realloc(*(void **)arr, c * sz);
	if (!p)
		return -ENOMEM;
	*(void **)arr = p;
	*cap = c;
	return 0;
}

#endif
