/* SPDX-License-Identifier: MIT */
/*
 * The compressed binary golden-trace format (.rnt): one zstd frame (so `zstdcat` gives
 * the raw stream, which reads too; older gzip files are still read, lib/util/zstream.c) holding
 * "RNT1" and then varint-length-prefixed protobuf Record messages (proto/renacer/v1/trace.proto).
 * Runs of identical consecutive calls are stored once with their timings (RLE). Layout in
 * docs/trace-format.md.
 */
#ifndef RENACER_TRACE_BIN_H
#define RENACER_TRACE_BIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "trace.h"

#define RN_BIN_MAGIC	 "RNT1"
#define RN_BIN_MAGIC_LEN 4
#define RN_BIN_SNIFF_LEN 32 /* bytes rn_bin__sniff needs to decide */

/*
 * A writer sink on f (the caller keeps f open; close() flushes the compressed stream, frees
 * ctx, does not fclose). finish(NULL) ends the stream without statistics; without
 * finish(), close() leaves a file that reads as truncated after its last record.
 */
int rn_bin_writer__new(struct rn_tr_sink *out, FILE *f);

/*
 * Reads a .rnt file (zstd, gzip, several frames or members, or uncompressed) and feeds sink
 * in file order a valid model: every string the model promises is there, ids strictly
 * increase, edges and gaps name events of the trace, counts and lengths agree (the rules:
 * docs/trace-format.md, "What a reader accepts"). 0, or -errno with err filled
 * ("FILE: byte N (record K): what"). A file cut short delivers every complete record, then
 * returns -EINVAL with "truncated at byte N"; sink->finish is called only for a complete
 * file (with NULL stats when the writer got none). Memory is one record: at most
 * 16 MiB, 64 MiB decoded.
 */
int rn_bin__read(const char *path, const struct rn_tr_sink *sink, struct rn_error *err);
/* The same from a stream positioned at the first byte of the trace; path is for messages. */
int rn_bin__read_file(FILE *f, const char *path, const struct rn_tr_sink *sink,
		      struct rn_error *err);

struct rn_query_block;
/* Whether a block of an indexed file may hold an event the caller wants (query.h). */
typedef bool (*rn_bin_block_pred)(void *ctx, const struct rn_query_block *b);
/*
 * rn_bin__read_file for a file read from its start that may carry a block index
 * (trace_bin_index.h): blocks that want rules out are not decompressed, their events not
 * delivered; everything else is delivered as rn_bin__read_file would. Without an index (or
 * with one that does not check out) the whole file is read. want NULL: read whole.
 */
int rn_bin__read_where(FILE *f, const char *path, const struct rn_tr_sink *sink,
		       rn_bin_block_pred want, void *want_ctx, struct rn_error *err);

/* true when the first bytes (at least RN_BIN_SNIFF_LEN of them) look like a .rnt file
 * (rn_tracefile__read decides with more bytes when they are there) */
bool rn_bin__sniff(const void *head, size_t n);

#endif
