// SPDX-License-Identifier: MIT
/* The TOML tree: tables (indexed when large) and arrays, and the getters on them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "toml_int.h"

static const char *const type_names[] = {
    [RN_TOML_TABLE] = "table",	[RN_TOML_ARRAY] = "array", [RN_TOML_STRING] = "string",
    [RN_TOML_INT] = "integer",	[RN_TOML_FLOAT] = "float", [RN_TOML_BOOL] = "boolean",
    [RN_TOML_NONE] = "nothing",
};

struct rn_toml *rn_tp__node_new(struct parser *p, enum rn_toml_type type, enum origin origin,
				size_t off)
{
	struct rn_toml *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->type = type;
	v->origin = origin;
	rn_tp__where(p, off, &v->line, &v->col);
	return v;
}

void rn_toml__free(struct rn_toml *t)
{
	size_t i;

	if (!t)
		return;
	if (t->type == RN_TOML_TABLE) {
		for (i = 0; i < t->u.tab.n; i++) {
			free(t->u.tab.e[i].key);
			rn_toml__free(t->u.tab.e[i].val);
		}
		free(t->u.tab.e);
		free(t->u.tab.index);
	} else if (t->type == RN_TOML_ARRAY) {
		for (i = 0; i < t->u.arr.n; i++)
			rn_toml__free(t->u.arr.v[i]);
		free(t->u.arr.v);
	} else if (t->type == RN_TOML_STRING) {
		free(t->u.s);
	}
	free(t);
}

static uint32_t key_hash(const char *key)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

struct entry *rn_tp__tab_find(const struct rn_toml *t, const char *key)
{
	uint32_t h = key_hash(key);
	size_t i, mask = t->u.tab.icap - 1;
	struct entry *e;

	if (!t->u.tab.index) {
		for (i = 0; i < t->u.tab.n; i++) {
			e = &t->u.tab.e[i];
			if (e->hash == h && !strcmp(e->key, key))
				return e;
		}
		return NULL;
	}
	for (i = h & mask; t->u.tab.index[i]; i = (i + 1) & mask) {
		e = &t->u.tab.e[t->u.tab.index[i] - 1];
		if (e->hash == h && !strcmp(e->key, key))
			return e;
	}
	return NULL;
}

static void index_put(struct rn_toml *t, size_t idx)
{
	size_t mask = t->u.tab.icap - 1, i;

	for (i = t->u.tab.e[idx].hash & mask; t->u.tab.index[i]; i = (i + 1) & mask)
		;
	t->u.tab.index[i] = (uint32_t)(idx + 1);
}

/* Keeps the index at most half full; 0 or -ENOMEM. */
static int index_grow(struct rn_toml *t)
{
	size_t icap = t->u.tab.icap ? t->u.tab.icap * 2 : 4 * INDEX_MIN, i;
	uint32_t *index;

	if (t->u.tab.n < INDEX_MIN || (t->u.tab.n + 1) * 2 <= t->u.tab.icap)
		return 0;
	if (t->u.tab.n >= UINT32_MAX / 2)
		return -ENOMEM;
	index = calloc(icap, sizeof(*index));
	if (!index)
		return -ENOMEM;
	free(t->u.tab.index);
	t->u.tab.index = index;
	t->u.tab.icap = icap;
	for (i = 0; i < t->u.tab.n; i++)
		index_put(t, i);
	return 0;
}

/* Adds key -> v (the key must be absent); takes v, freeing it on failure. */
int rn_tp__tab_insert(struct parser *p, struct rn_toml *t, const char *key, struct rn_toml *v,
		      size_t off)
{
	struct entry *e;
	char *k = strdup(key);

	if (!k || index_grow(t))
		goto nomem;
	if (t->u.tab.n == t->u.tab.cap) {
		size_t cap = t->u.tab.cap ? t->u.tab.cap * 2 : 4;

		e = realloc(t->u.tab.e, cap * sizeof(*e));
		if (!e)
			goto nomem;
		t->u.tab.e = e;
		t->u.tab.cap = cap;
	}
	e = &t->u.tab.e[t->u.tab.n];
	e->key = k;
	e->val = v;
	e->hash = key_hash(key);
	rn_tp__where(p, off, &e->line, &e->col);
	if (t->u.tab.index)
		index_put(t, t->u.tab.n);
	t->u.tab.n++;
	return 0;
nomem:
	free(k);
	rn_toml__free(v);
	return rn_tp__oom(p);
}

/* Appends v to array a; takes v, freeing it on failure. */
int rn_tp__arr_push(struct parser *p, struct rn_toml *a, struct rn_toml *v)
{
	if (a->u.arr.n == a->u.arr.cap) {
		size_t cap = a->u.arr.cap ? a->u.arr.cap * 2 : 4;
		struct rn_toml **nv = realloc(a->u.arr.v, cap * sizeof(*nv));

		if (!nv) {
			rn_toml__free(v);
			return rn_tp__oom(p);
		}
		a->u.arr.v = nv;
		a->u.arr.cap = cap;
	}
	a->u.arr.v[a->u.arr.n++] = v;
	return 0;
}

enum rn_toml_type rn_toml__type(const struct rn_toml *v)
{
	return v ? v->type : RN_TOML_NONE;
}

const char *rn_toml__type_name(enum rn_toml_type type)
{
	return (unsigned)type <= RN_TOML_NONE ? type_names[type] : "nothing";
}

const struct rn_toml *rn_toml__get(const struct rn_toml *table, const char *key)
{
	const struct entry *e;

	if (!table || table->type != RN_TOML_TABLE || !key)
		return NULL;
	e = rn_tp__tab_find(table, key);
	return e ? e->val : NULL;
}

size_t rn_toml__len(const struct rn_toml *v)
{
	if (!v)
		return 0;
	if (v->type == RN_TOML_TABLE)
		return v->u.tab.n;
	return v->type == RN_TOML_ARRAY ? v->u.arr.n : 0;
}

const struct rn_toml *rn_toml__at(const struct rn_toml *array, size_t i)
{
	if (!array || array->type != RN_TOML_ARRAY || i >= array->u.arr.n)
		return NULL;
	return array->u.arr.v[i];
}

const char *rn_toml__key_at(const struct rn_toml *table, size_t i)
{
	if (!table || table->type != RN_TOML_TABLE || i >= table->u.tab.n)
		return NULL;
	return table->u.tab.e[i].key;
}

const struct rn_toml *rn_toml__value_at(const struct rn_toml *table, size_t i)
{
	if (!table || table->type != RN_TOML_TABLE || i >= table->u.tab.n)
		return NULL;
	return table->u.tab.e[i].val;
}

const char *rn_toml__string(const struct rn_toml *v)
{
	return v && v->type == RN_TOML_STRING ? v->u.s : NULL;
}

int rn_toml__int(const struct rn_toml *v, int64_t *out)
{
	if (!v || v->type != RN_TOML_INT)
		return -EINVAL;
	*out = v->u.i;
	return 0;
}

int rn_toml__float(const struct rn_toml *v, double *out)
{
	if (v && v->type == RN_TOML_FLOAT)
		*out = v->u.f;
	else if (v && v->type == RN_TOML_INT)
		*out = (double)v->u.i;
	else
		return -EINVAL;
	return 0;
}

int rn_toml__bool(const struct rn_toml *v, bool *out)
{
	if (!v || v->type != RN_TOML_BOOL)
		return -EINVAL;
	*out = v->u.b;
	return 0;
}

unsigned rn_toml__line(const struct rn_toml *v)
{
	return v ? v->line : 0;
}

unsigned rn_toml__col(const struct rn_toml *v)
{
	return v ? v->col : 0;
}
