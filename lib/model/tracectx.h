/* SPDX-License-Identifier: MIT */
/*
 * The W3C trace context of a recorded trace: its trace id (joined from a TRACEPARENT or
 * drawn at random), the root's parent span, and the span ids of processes. A traced
 * command gets the span id its root process will have in its own TRACEPARENT, so the
 * span is drawn before the process exists.
 */
#ifndef RENACER_TRACECTX_H
#define RENACER_TRACECTX_H

#include <stddef.h>

#define RN_TRACEPARENT_LEN 55 /* "00-<32 hex>-<16 hex>-<2 hex>", version 00 */

struct rn_tracectx {
	char trace_id[33];	 /* 32 lowercase hex digits */
	char parent_span[17];	 /* the root's parent from the traceparent joined, or "" */
	char next_root_span[17]; /* the span id the next root process gets */
};

/* Joins traceparent (NULL or "": a new trace); 0, or -EINVAL with what is wrong in err. */
int rn_tracectx__init(struct rn_tracectx *tc, const char *traceparent, char *err, size_t errlen);
/* Hands out next_root_span to a root process (span) and draws the one after it. */
void rn_tracectx__take_root_span(struct rn_tracectx *tc, char span[17]);
/* The traceparent value for the next root process ("00-<trace>-<span>-01"). */
void rn_tracectx__child_traceparent(const struct rn_tracectx *tc, char out[56]);

/* A random span id: 16 lowercase hex digits, not all zero. */
void rn_span_id__new(char span[17]);

/* Parses a W3C traceparent; 0, or -EINVAL with what is wrong in err. */
int rn_traceparent__parse(const char *s, char trace_id[33], char span_id[17], char *err,
			  size_t errlen);

#endif
