/* SPDX-License-Identifier: MIT */
/*
 * Building OTLP messages (protoc-c structs from proto/opentelemetry) without a malloc per
 * field: every struct and string of one request comes from a bump arena that is dropped
 * whole once the request is packed.
 */
#ifndef RENACER_OTLP_PB_H
#define RENACER_OTLP_PB_H

#include <stddef.h>
#include <stdint.h>

#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"

typedef Opentelemetry__Proto__Common__V1__KeyValue rn_pb_kv;
typedef Opentelemetry__Proto__Common__V1__AnyValue rn_pb_any;
typedef Opentelemetry__Proto__Trace__V1__Span rn_pb_span;
typedef Opentelemetry__Proto__Trace__V1__Span__Event rn_pb_event;
typedef Opentelemetry__Proto__Trace__V1__Span__Link rn_pb_link;

struct rn_bump {
	struct rn_bump_chunk *head;
	size_t used; /* bytes taken from head */
	int failed;  /* an allocation failed since the last reset: -ENOMEM */
};

/* Zeroed memory from the arena, or NULL (and b->failed set). */
void *rn_bump__alloc(struct rn_bump *b, size_t n);
/* A copy of s (NULL stays NULL, then "" is used). */
char *rn_bump__strdup(struct rn_bump *b, const char *s);
void rn_bump__reset(struct rn_bump *b);

/* A growing list of attributes whose array lives in the arena. */
struct rn_pb_attrs {
	rn_pb_kv **v;
	size_t n, cap;
};

void rn_pb_attrs__str(struct rn_bump *b, struct rn_pb_attrs *a, const char *key, const char *val);
void rn_pb_attrs__int(struct rn_bump *b, struct rn_pb_attrs *a, const char *key, int64_t val);
void rn_pb_attrs__bool(struct rn_bump *b, struct rn_pb_attrs *a, const char *key, int val);
/* An array of strings (process.command_args, renacer.syscall.args). */
void rn_pb_attrs__strv(struct rn_bump *b, struct rn_pb_attrs *a, const char *key,
		       const char *const *v, size_t n);

/* 16 or 8 id bytes in the arena for a bytes field; hex of another length gives len 0. */
ProtobufCBinaryData rn_pb_id_hex(struct rn_bump *b, const char *hex, size_t nbytes);
ProtobufCBinaryData rn_pb_id_u64(struct rn_bump *b, uint64_t id);

#endif
