/* SPDX-License-Identifier: MIT */
/*
 * The .rnt frame table (trace_bin_frames.c): a call's stack travels as references to
 * FrameDef slots, which writer and reader keep in step as they do the string slots. The
 * writer numbers the frames of a block 0, 1, 2 ... and forgets them at each cut, so every
 * block of an indexed file defines the frames it names.
 */
#ifndef RENACER_TRACE_BIN_FRAMES_H
#define RENACER_TRACE_BIN_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "trace.h"
#include "trace_bin_int.h"

enum { FRAME_SLOTS = 4096 }; /* frame slots: fixed by the format (trace.proto FrameDef) */

struct rn_tbf_writer;

int rn_tbf_writer__new(struct rn_tbf_writer **out);
void rn_tbf_writer__free(struct rn_tbf_writer *t);
/* Forgets every frame (at a block cut, or when the table is full). */
void rn_tbf_writer__reset(struct rn_tbf_writer *t);
/*
 * The slots of e's frames into *refs (grown to e->nframes): REF_MISS where a FrameDef is
 * needed. Returns the number of misses, or -ENOMEM / -E2BIG (more frames than slots).
 * When the misses do not fit in the slots left, the caller resets and looks up again.
 */
int rn_tbf_writer__lookup(struct rn_tbf_writer *t, const struct rn_tr_event *e, uint32_t **refs,
			  size_t *cap);
bool rn_tbf_writer__room(const struct rn_tbf_writer *t, uint32_t misses);
/*
 * The slot of frame i of the event looked up last (f, one the lookup missed): a new one,
 * with *def filled for its FrameDef record (pointing into f and *pf), or the slot an
 * earlier copy in the same stack just took (def->frame NULL: nothing to write). REF_MISS:
 * out of memory.
 */
uint32_t rn_tbf_writer__define(struct rn_tbf_writer *t, uint32_t i, const struct rn_tr_frame *f,
			       Renacer__V1__Frame *pf, Renacer__V1__FrameDef *def);

/* The reader's table: FRAME_SLOTS frames whose texts it owns. */
struct rn_tbf_reader {
	struct rn_tr_frame *slot; /* allocated at the first FrameDef */
	bool *def;
	struct rn_tr_frame *frames; /* the event being delivered */
	size_t frames_cap;
};

/* Copies d's frame into its slot; an error text in *why (a damaged file) or -ENOMEM. */
int rn_tbf_reader__define(struct rn_tbf_reader *t, const Renacer__V1__FrameDef *d,
			  const char **why);
/* e->frames from an event's references; -EINVAL with *why for a reference to no frame. */
int rn_tbf_reader__event(struct rn_tbf_reader *t, const uint32_t *refs, size_t n,
			 struct rn_tr_event *e, const char **why);
void rn_tbf_reader__fini(struct rn_tbf_reader *t);

#endif
