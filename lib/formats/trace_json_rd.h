/* SPDX-License-Identifier: MIT */
/*
 * Shared by the renacer-json-v1 reader's files only: trace_json_value.c (JSON values into
 * model fields), trace_json_record.c (records into the model, delivered to the sink),
 * trace_json_cursor.c (the byte windows and the scanner), trace_json_read.c (JSON Lines,
 * the document, the entry points).
 */
#ifndef RENACER_TRACE_JSON_RD_H
#define RENACER_TRACE_JSON_RD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace.h"

#define JFLAGS (JSON_ALLOW_NUL | JSON_DISABLE_EOF_CHECK)

struct jr {
	const char *path;
	const struct rn_tr_sink *sink;
	struct rn_error *err;
	FILE *in;	     /* the input, read front to back by the sequential cursor */
	FILE *spool;	     /* a copy of a document read from a pipe, or NULL */
	bool seekable;	     /* in can seek: the document's arrays are read where they lie */
	uint64_t base;	     /* in's position at the trace's first byte */
	uint64_t spool_base; /* the trace offset of the spool's first byte */
	uint64_t rpos;	     /* where the random-access file is, or UINT64_MAX: unknown */
	uint64_t nrec;	     /* records delivered, for messages */
	bool in_rec;	     /* a record is being delivered: errors name it, else the next */
	/* ids of the events delivered, as runs [lo, hi] (one run when ids have no holes) */
	uint64_t (*ids)[2];
	size_t nids, ids_cap;
	/* ids named by edges and gaps before their event came: checked before finish */
	uint64_t *ahead;
	size_t nahead, ahead_cap;
	/* scratch reused by every event: no allocation per event once grown */
	const char **args;
	size_t args_cap;
	struct rn_tr_capture *caps;
	size_t caps_cap;
	uint8_t *bytes;
	size_t bytes_cap;
	struct rn_tr_frame *frames;
	size_t frames_cap;
	/* blocks owned by the record being delivered (decoded base64 strings, argv) */
	void **owned;
	size_t nowned, owned_cap;
};

/* Where a value came from, for error messages. */
struct at {
	uint64_t off;
	const char *what; /* "syscall", "header", ... */
};

/* Cursors (trace_json_cursor.c): windows over the trace's bytes. */
#define CHUNK	((size_t)256 << 10)
#define NO_KEEP UINT64_MAX

struct cur {
	char *buf;
	size_t cap, len;
	uint64_t start; /* offset of buf[0] */
	uint64_t keep;	/* the window keeps bytes from here on (NO_KEEP: none) */
	uint64_t limit; /* no byte at or past it (the end of an array found by the scan) */
	bool eof;	/* the input (or the limit) ends at start + len */
	bool seq;	/* the sequential cursor */
};

enum scan { SCAN_OK, SCAN_TRUNC, SCAN_BAD };

/* Records other than events and the header, by kind. */
enum rec { REC_PROCESS, REC_EDGE, REC_GAP };

/* Fills r->err ("FILE: byte N (record K): what") and returns code. */
__attribute__((format(printf, 4, 5))) int rn_jr__fail(struct jr *r, int code, uint64_t off,
						      const char *fmt, ...);
int rn_jr__fail_truncated(struct jr *r, uint64_t len, const char *why);
/* A block freed when the record being delivered is done (rn_jr__release). */
void *rn_jr__own(struct jr *r, size_t size);
void rn_jr__release(struct jr *r);
int rn_jr__grow(void **p, size_t *cap, size_t want, size_t elem);
/* Decodes padded base64 into out (room for n / 4 * 3 bytes); returns the length or -1. */
long rn_jr__b64_decode(const char *in, size_t n, uint8_t *out);

/* Typed fields of object o: 0, or -EINVAL with err filled; absent and not required: 0. */
int rn_jr__get_int(struct jr *r, const struct at *at, json_t *o, const char *key, int64_t *out,
		   bool required);
int rn_jr__get_u64(struct jr *r, const struct at *at, json_t *o, const char *key, uint64_t *out,
		   bool required);
int rn_jr__get_u32(struct jr *r, const struct at *at, json_t *o, const char *key, uint32_t *out,
		   bool required);
int rn_jr__get_bool(struct jr *r, const struct at *at, json_t *o, const char *key, bool *out);
int rn_jr__str_value(struct jr *r, const struct at *at, const char *key, json_t *v,
		     const char **out);
int rn_jr__get_str(struct jr *r, const struct at *at, json_t *o, const char *key, const char **out,
		   bool required);
int rn_jr__get_text(struct jr *r, const struct at *at, json_t *o, const char *key, const char **out,
		    bool required);
int rn_jr__get_fixed(struct jr *r, const struct at *at, json_t *o, const char *key, char *dst,
		     size_t size, bool required);
int rn_jr__get_strv(struct jr *r, const struct at *at, json_t *o, const char *key,
		    const char ***vec, uint32_t *n, bool scratch, bool required, bool nullable);

/* An event's "frames" (trace_json_frames.c): into r->frames, e->frames pointing there. */
int rn_jr__frames(struct jr *r, const struct at *at, json_t *arr, struct rn_tr_event *e);

/* Parse one record and hand it to the sink: 0, or -errno with err filled. */
int rn_jr__deliver_event(struct jr *r, json_t *o, uint64_t off, enum rn_tr_kind kind);
int rn_jr__deliver_record(struct jr *r, json_t *o, uint64_t off, enum rec kind);
int rn_jr__deliver_header(struct jr *r, json_t *o, uint64_t off);
int rn_jr__deliver_finish(struct jr *r, json_t *o, uint64_t off);

int rn_jr__cur_need(struct jr *r, struct cur *c, uint64_t from, size_t n, size_t *avail);
int rn_jr__cur_byte(struct jr *r, struct cur *c, uint64_t p);
int rn_jr__skip_ws(struct jr *r, struct cur *c, uint64_t *p);
int rn_jr__skip_string(struct jr *r, struct cur *c, uint64_t *p, enum scan *st);
int rn_jr__skip_value(struct jr *r, struct cur *c, uint64_t *p, enum scan *st);
int rn_jr__parse_at(struct jr *r, struct cur *c, uint64_t p, json_t **o, uint64_t *end, bool *cut);

static inline const char *rn_jr__cur_ptr(const struct cur *c, uint64_t p)
{
	return c->buf + (p - c->start);
}

#endif
