/* SPDX-License-Identifier: MIT */
/* Picks a golden-trace encoding by name, file name or content. */
#ifndef RENACER_TRACEFILE_H
#define RENACER_TRACEFILE_H

#include <stdio.h>

#include "trace.h"

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
/* Reads any trace file (format from its content) into sink. */
int rn_tracefile__read(const char *path, const struct rn_tr_sink *sink, struct rn_tr_error *err);

#endif
