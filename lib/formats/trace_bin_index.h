/* SPDX-License-Identifier: MIT */
/*
 * The .rnt block index: the writer ends its zstd frame every ~RN_TBI_BLOCK_BYTES of raw
 * stream (a block), and notes per block what a query may ask of it (the syscall numbers,
 * kinds, pids and times it holds, struct rn_query_block) and the reader's state at its
 * start (the delta bases; the string slots are redefined in every block, so a block never
 * names a string defined in another). At finish the notes go after the last frame in a zstd
 * skippable frame (which every zstd reader, and older renacers, pass over) ending with a
 * fixed trailer, so a reader with a seekable file finds it from the end, checks it (magic,
 * CRC-32, blocks that tile the file), and skips the blocks no event of which can match
 * without decompressing them; a skipped block's compressed bytes are still checked against
 * the CRC-32 the index keeps of them, so damage there is seen as a full read sees it. A
 * missing or damaged index only means a full read.
 * Layout in docs/trace-format.md ("Block index").
 */
#ifndef RENACER_TRACE_BIN_INDEX_H
#define RENACER_TRACE_BIN_INDEX_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "query.h"
#include "trace.h"

/* Raw stream bytes per block; a test may lower it to make many blocks of a small trace. */
extern uint64_t rn_tbi_block_bytes;
#define RN_TBI_BLOCK_BYTES_DEFAULT (1u << 20)
/* Blocks an indexed read decompressed, for tests and the bench (not thread-safe). */
extern uint64_t rn_tbi_blocks_decoded;

/* One block as the index says it. */
struct rn_tbi_entry {
	uint64_t off, len;	   /* the block's zstd frame in the file */
	uint64_t raw_off, records; /* raw stream offset and records before it (for messages) */
	uint64_t prev_id, prev_end, prev_lamport, prev_raw[6]; /* delta bases at its start */
	uint64_t first_id, last_id, nevents; /* ids of its events (0, 0, 0: none) */
	uint32_t nother;		     /* records that are not events (process, edge, ...) */
	struct rn_query_block q;
	bool has_crc; /* false in a version 1 index */
	uint32_t crc; /* CRC-32 of the block's compressed bytes (off, len) */
};

/* Writer side: what the blocks hold, noted as the writer goes. */
struct rn_tbi_writer;

/* NULL when f is not seekable (no index then) or out of memory. */
struct rn_tbi_writer *rn_tbi_writer__new(FILE *f);
void rn_tbi_writer__free(struct rn_tbi_writer *x);
void rn_tbi_writer__event(struct rn_tbi_writer *x, const struct rn_tr_event *e);
void rn_tbi_writer__other(struct rn_tbi_writer *x);
/* Raw bytes handed to the compressor, and records written. */
void rn_tbi_writer__bytes(struct rn_tbi_writer *x, uint64_t n);
void rn_tbi_writer__record(struct rn_tbi_writer *x);
/* The CRC-32 of the current block's compressed bytes, given once its frame has ended. */
void rn_tbi_writer__frame_crc(struct rn_tbi_writer *x, uint32_t crc);
/* true when the block, with pending raw bytes not compressed yet, is big enough to end */
bool rn_tbi_writer__want_cut(const struct rn_tbi_writer *x, uint64_t pending);
/*
 * The current block ended at the file position now (the frame was ended and flushed); the
 * next one starts with these delta bases. 0 or -ENOMEM (the index is dropped, not wrong).
 */
int rn_tbi_writer__cut(struct rn_tbi_writer *x, uint64_t prev_id, uint64_t prev_end,
		       uint64_t prev_lamport, const uint64_t prev_raw[6]);
/* After the last frame ended: ends the last block and appends the index to f. 0 or -EIO. */
int rn_tbi_writer__finish(struct rn_tbi_writer *x);

/*
 * Reader side: the index of f (a regular file read from offset 0), checked. 0 with *out
 * (malloc'd) and *n; -ENOENT when there is none or it does not check out (then read whole).
 */
int rn_tbi__load(FILE *f, struct rn_tbi_entry **out, size_t *n);

/*
 * true for a record (its bytes after the length) that a block whose events are skipped
 * leaves unread: anything but a Header, Process, Edge, Gap or Stats (events, runs, string
 * definitions, and what later versions add beside them)
 */
bool rn_tbi__skippable_record(const uint8_t *p, size_t len);

#endif
