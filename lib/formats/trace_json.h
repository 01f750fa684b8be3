/* SPDX-License-Identifier: MIT */
/*
 * renacer-json-v1: the golden-trace model (trace.h) as one JSON document or as JSON
 * Lines. The layout is documented field by field in docs/trace-format.md and checked
 * by docs/renacer-json-v1.schema.json.
 */
#ifndef RENACER_TRACE_JSON_H
#define RENACER_TRACE_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "trace.h"

/*
 * A writer sink on f (the caller keeps f open; close() flushes, frees ctx, does not
 * fclose). lines=false: one JSON document whose syscalls stream one per line;
 * lines=true: JSON Lines, one object per callback. finish() may get NULL stats (a
 * partial trace); stats->incomplete is written as "incomplete": true. Returns 0 or
 * -ENOMEM; callbacks return 0 or -errno: -EIO on a write error (and from every later
 * callback, so finish() reports it too), -EINVAL when a record comes before the header
 * or an edge has a kind the format cannot name.
 */
int rn_json_writer__new(struct rn_tr_sink *out, FILE *f, bool lines);

/*
 * The most one record may take (a JSON Lines line, an array element, the header's keys):
 * the reader's memory is one record, and a longer one is refused as damage.
 */
#define RN_JSON_RECORD_MAX (64u << 20)

/*
 * Reads a JSON document or JSON Lines file (told apart by the first line) and feeds
 * sink: header, events in id order, then (document) processes, edges, gaps, or
 * (JSON Lines) every record in file order; then finish. A file cut short delivers
 * every complete record before the cut and returns -EINVAL with "truncated at byte N"
 * in err, without calling finish. What it delivers is a valid model (trace.h): every
 * field the schema requires present, no NULL where the model has none, ids strictly
 * increasing, edges and gaps naming events of the trace; else it stops. The stats
 * given to finish carry "incomplete"; a trace finished without statistics gives NULL.
 * Returns 0, or -errno with err filled ("FILE: byte N (record K): reason"): -EINVAL
 * malformed, truncated or a record over RN_JSON_RECORD_MAX, -EPROTO newer
 * format_version, -EIO/-ENOENT/... from the file system, or what a sink returned.
 */
int rn_json__read(const char *path, const struct rn_tr_sink *sink, struct rn_error *err);
/*
 * The same from a stream positioned at the first byte of the trace; name is for messages.
 * The stream is read once, front to back; a document from a stream that cannot seek (a
 * pipe) is copied to a temporary file as it is read, since its signals and exits follow
 * the syscalls they merge with.
 */
int rn_json__read_file(FILE *f, const char *name, const struct rn_tr_sink *sink,
		       struct rn_error *err);

#endif
