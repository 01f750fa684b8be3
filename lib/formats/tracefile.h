/* SPDX-License-Identifier: MIT */
/* Picks a golden-trace encoding by name, file name or content. */
#ifndef RENACER_TRACEFILE_H
#define RENACER_TRACEFILE_H

#include <stdio.h>

#include "trace.h"
#include "trace_bin.h"

enum rn_tf_format {
	RN_TF_TEXT = 0,
	RN_TF_JSON,
	RN_TF_JSONL,
	RN_TF_BINARY,
};

/* "text", "json", "jsonl", "binary" (also "rnt", "compress"); -1 when unknown. */
int rn_tracefile__parse_format(const char *name);
/* By extension: .json, .jsonl, .rnt; -1 when the name says nothing. */
int rn_tracefile__format_of_path(const char *path);
const char *rn_tracefile__format_name(enum rn_tf_format f);
/* A writer sink for a file format (not RN_TF_TEXT) on f. */
int rn_tracefile__writer(struct rn_tr_sink *out, FILE *f, enum rn_tf_format fmt);
/*
 * Reads any trace file into sink, the format from its content: JSON or JSON Lines (also
 * compressed with zstd or gzip), .rnt as written (zstd), recompressed with gzip or zstd
 * (several frames or members too), or uncompressed (`zstd -d` output). path "-" is stdin.
 * Pipes and FIFOs work: the sniffed bytes are replayed to the reader, nothing is reopened.
 * 0, or -errno with err filled ("FILE: byte N: what").
 */
int rn_tracefile__read(const char *path, const struct rn_tr_sink *sink, struct rn_error *err);
/*
 * rn_tracefile__read for a query: an indexed .rnt file skips the blocks want rules out
 * (trace_bin.h's rn_bin__read_where); any other input is read whole. want NULL: whole.
 */
int rn_tracefile__read_where(const char *path, const struct rn_tr_sink *sink,
			     rn_bin_block_pred want, void *want_ctx, struct rn_error *err);
/* The same from a stream at its first byte (not closed); name is for messages. */
int rn_tracefile__read_file(FILE *f, const char *name, const struct rn_tr_sink *sink,
			    struct rn_error *err);

#endif
