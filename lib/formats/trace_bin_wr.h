/* SPDX-License-Identifier: MIT */
/*
 * Shared by the .rnt writer's parts only: the records (trace_bin_write.c), the string
 * slots (trace_bin_wstr.c) and the output both write through (trace_bin_wemit.c).
 */
#ifndef RENACER_TRACE_BIN_WR_H
#define RENACER_TRACE_BIN_WR_H

#include <stdbool.h>
#include <stdint.h>

#include "trace.h"
#include "trace_bin_frames.h"
#include "trace_bin_index.h"
#include "trace_bin_int.h"
#include "zstream.h"

struct wslot {
	uint32_t hash;
	uint16_t len;
	bool used;
};

/* A string of the event being written; hash and len are set when its guess missed. */
struct wstr {
	const char *s;
	uint32_t hash, len;
};

/* The first call of a run, with its strings as references, and the timings of the rest. */
struct pending {
	uint32_t count; /* 0: nothing pending */
	struct rn_tr_event ev;
	uint32_t *refs; /* see ref order in event_str() */
	size_t refs_cap;
	uint32_t *frefs; /* its frames' slots */
	size_t frefs_cap;
	struct rn_tr_capture *caps;
	size_t caps_cap;
	struct buf capdata;
	uint64_t last_id, last_end, last_lamport; /* end: enter_ns + duration_ns */
	uint64_t min, max, sum;
	int64_t enter_deltas[RUN_MAX];
	uint64_t durations[RUN_MAX];
};

struct wctx {
	struct rn_zout *zo;
	bool started, finished;
	int err; /* sticky */
	struct buf raw;
	uint64_t since_sync;
	uint64_t prev_id, prev_end, prev_lamport, prev_raw[6];
	struct wslot slots[SLOTS];
	char *slot_text; /* SLOTS * (SLOT_TEXT_MAX + 1) */
	/* the event being written: its strings in reference order, and their refs */
	struct wstr *strs;
	uint32_t *refs;
	size_t strs_cap, refs_cap;
	/* per syscall number and string position, the slot the last such string was in */
	uint16_t guess[GUESS_NRS][GUESS_STRS];
	struct rn_tbf_writer *ftab; /* the frame table (trace_bin_frames.c) */
	uint32_t *frefs;	    /* the event's frames' slots */
	size_t frefs_cap;
	struct pending pend;
	struct rn_tbi_writer *idx; /* the block index (trace_bin_index.c); NULL: none */
};

/* The writer's first error, kept (trace_bin_wemit.c). */
int rn_tbw__fail(struct wctx *w, int err);
/* Hands the gathered raw bytes to the compressor. */
int rn_tbw__compress(struct wctx *w, enum rn_zflush mode);
/* Appends one record (length-prefixed) to the raw bytes. */
int rn_tbw__emit(struct wctx *w, const pb_record *rec);

/* A record was appended to the raw bytes: counted for the index, then the flush policy. */
int rn_tbw__appended(struct wctx *w);
/* Looks up every string of e without defining any: REF_MISS where a StrDef is needed. */
int rn_tbw__lookup(struct wctx *w, const struct rn_tr_event *e, uint32_t n, bool *all_hit,
		   bool *has_long);
/* Defines the missing strings; a slot this event already refers to is not reused. */
int rn_tbw__define(struct wctx *w, const struct rn_tr_event *e, uint32_t n, bool *has_long);

/* Reference order, shared with the reader: name, args[0..nargs), errname, result_text. */
static inline const char *rn_tbw__event_str(const struct rn_tr_event *e, uint32_t i)
{
	if (i == 0)
		return e->name;
	if (i <= e->nargs)
		return e->args[i - 1];
	return i == e->nargs + 1 ? e->errname : e->result_text;
}

#endif
