/* SPDX-License-Identifier: MIT */
/*
 * Shared by the .rnt reader's two halves only: the records (trace_bin_read.c: decoding, the
 * string slots, the model's checks) and the stream (trace_bin_stream.c: decompression,
 * framing, the indexed blocks, the end checks).
 */
#ifndef RENACER_TRACE_BIN_RD_H
#define RENACER_TRACE_BIN_RD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "trace_bin.h"
#include "trace_bin_arena.h"
#include "trace_bin_frames.h"
#include "trace_bin_int.h"
#include "zstream.h"

struct rctx {
	const char *path;
	const struct rn_tr_sink *sink;
	struct rn_error *err;
	FILE *f;
	struct rn_zin *zin;
	struct buf raw;
	size_t pos;	  /* raw.p[pos..len) is not parsed yet */
	uint64_t raw_off; /* stream offset of raw.p[0] */
	uint64_t rec_off; /* stream offset of the record being handled */
	uint64_t nrecords;
	bool magic_ok, got_header, got_stats;
	/* ids delivered, as sorted runs [lo, hi]; ids named before their event came */
	uint64_t (*ids)[2];
	size_t nids, ids_cap;
	struct ahead {
		uint64_t id, record;
	} * ahead;
	size_t nahead, ahead_cap;
	uint64_t prev_id, prev_end, prev_lamport, prev_raw[6];
	/* slot k's text is in chunk k / SLOT_CHUNK, allocated when a slot in it is defined */
	char *slot_chunk[SLOTS / SLOT_CHUNK];
	bool slot_def[SLOTS];
	struct rn_tb_arena arena;
	ProtobufCAllocator alloc;
	const char **args;
	size_t args_cap;
	struct rn_tr_capture *caps;
	size_t caps_cap;
	struct rn_tbf_reader ftab; /* the frame slots (trace_bin_frames.c) */
	struct rn_tr_stats stats;
	bool skip_events;  /* a block no event of which can match: events are not decoded */
	bool nul;	   /* r_cstr met a NUL byte */
	bool stats_absent; /* the Stats record says finish() had none */
};

/* An error in the record being read ("FILE: byte N (record K): what"); returns code. */
__attribute__((format(printf, 3, 4))) int rn_tbr__fail(struct rctx *c, int code, const char *fmt,
						       ...);
/* An error of the file itself ("FILE: what"); returns code. */
__attribute__((format(printf, 3, 4))) int rn_tbr__fail_file(struct rctx *c, int code,
							    const char *fmt, ...);
int rn_tbr__nomem(struct rctx *c);
/* A sink callback's non-zero return as the reader's error. */
int rn_tbr__sink(struct rctx *c, int r);
/* Decodes and delivers one record (its bytes after the length). */
int rn_tbr__record(struct rctx *c, const uint8_t *p, size_t len);
bool rn_tbr__id_known(const struct rctx *c, uint64_t id);
/* Notes ids first..last as delivered (they are above every id before). */
int rn_tbr__id_add(struct rctx *c, uint64_t first, uint64_t last);

#endif
