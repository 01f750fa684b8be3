// SPDX-License-Identifier: MIT
/* The bump arena and the attribute builders behind lib/export/otlp_map.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "otlp_pb.h"

#define CHUNK 65536

struct rn_bump_chunk {
	struct rn_bump_chunk *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

void *rn_bump__alloc(struct rn_bump *b, size_t n)
{
	struct rn_bump_chunk *c;
	size_t size;

	n = (n + 15) & ~(size_t)15;
	if (b->head && b->used + n <= b->head->size) {
		void *p = b->head->data + b->used;

		b->used += n;
		return memset(p, 0, n);
	}
	size = n > CHUNK ? n : CHUNK;
	c = malloc(sizeof(*c) + size);
	if (!c) {
		b->failed = -ENOMEM;
		return NULL;
	}
	c->size = size;
	c->next = b->head;
	b->head = c;
	b->used = n;
	return memset(c->data, 0, n);
}

char *rn_bump__strdup(struct rn_bump *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char *p = rn_bump__alloc(b, n + 1);

	if (!p)
		return (char *)"";
	memcpy(p, s ? s : "", n);
	return p;
}

void rn_bump__reset(struct rn_bump *b)
{
	struct rn_bump_chunk *c, *next;

	for (c = b->head; c; c = next) {
		next = c->next;
		free(c);
	}
	b->head = NULL;
	b->used = 0;
	b->failed = 0;
}

static rn_pb_any *new_any(struct rn_bump *b)
{
	rn_pb_any *v = rn_bump__alloc(b, sizeof(*v));

	if (v)
		opentelemetry__proto__common__v1__any_value__init(v);
	return v;
}

static rn_pb_any *add(struct rn_bump *b, struct rn_pb_attrs *a, const char *key)
{
	rn_pb_kv *kv;

	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		rn_pb_kv **v = rn_bump__alloc(b, cap * sizeof(*v));

		if (!v)
			return NULL;
		if (a->n)
			memcpy(v, a->v, a->n * sizeof(*v));
		a->v = v;
		a->cap = cap;
	}
	kv = rn_bump__alloc(b, sizeof(*kv));
	if (!kv)
		return NULL;
	opentelemetry__proto__common__v1__key_value__init(kv);
	kv->key = (char *)key; /* keys are literals */
	kv->value = new_any(b);
	if (!kv->value)
		return NULL;
	a->v[a->n++] = kv;
	return kv->value;
}

void rn_pb_attrs__str(struct rn_bump *b, struct rn_pb_attrs *a, const char *key, const char *val)
{
	rn_pb_any *v = add(b, a, key);

	if (!v)
		return;
	v->value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE;
	v->string_value = rn_bump__strdup(b, val);
}

void rn_pb_attrs__int(struct rn_bump *b, struct rn_pb_attrs *a, const char *key, int64_t val)
{
	rn_pb_any *v = add(b, a, key);

	if (!v)
		return;
	v->value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_INT_VALUE;
	v->int_value = val;
}

void rn_pb_attrs__bool(struct rn_bump *b, struct rn_pb_attrs *a, const char *key, int val)
{
	rn_pb_any *v = add(b, a, key);

	if (!v)
		return;
	v->value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BOOL_VALUE;
	v->bool_value = !!val;
}

void rn_pb_attrs__strv(struct rn_bump *b, struct rn_pb_attrs *a, const char *key,
		       const char *const *sv, size_t n)
{
	Opentelemetry__Proto__Common__V1__ArrayValue *arr;
	rn_pb_any *v = add(b, a, key);
	size_t i;

	if (!v)
		return;
	arr = rn_bump__alloc(b, sizeof(*arr));
	if (!arr)
		return;
	opentelemetry__proto__common__v1__array_value__init(arr);
	arr->values = n ? rn_bump__alloc(b, n * sizeof(*arr->values)) : NULL;
	if (n && !arr->values)
		return;
	for (i = 0; i < n; i++) {
		rn_pb_any *s = new_any(b);

		if (!s)
			return;
		s->value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE;
		s->string_value = rn_bump__strdup(b, sv[i]);
		arr->values[arr->n_values++] = s;
	}
	v->value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_ARRAY_VALUE;
	v->array_value = arr;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

ProtobufCBinaryData rn_pb_id_hex(struct rn_bump *b, const char *hex, size_t nbytes)
{
	ProtobufCBinaryData d = {0, NULL};
	uint8_t *p;
	size_t i;

	if (!hex || strlen(hex) != nbytes * 2)
		return d;
	p = rn_bump__alloc(b, nbytes);
	if (!p)
		return d;
	for (i = 0; i < nbytes; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return d;
		p[i] = (uint8_t)(hi << 4 | lo);
	}
	d.data = p;
	d.len = nbytes;
	return d;
}

ProtobufCBinaryData rn_pb_id_u64(struct rn_bump *b, uint64_t id)
{
	ProtobufCBinaryData d = {0, NULL};
	uint8_t *p = rn_bump__alloc(b, 8);
	int i;

	if (!p)
		return d;
	for (i = 7; i >= 0; i--, id >>= 8)
		p[i] = (uint8_t)id;
	d.data = p;
	d.len = 8;
	return d;
}
