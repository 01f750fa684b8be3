// SPDX-License-Identifier: MIT
#include "hmap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static uint32_t slot_of(uint64_t key, uint32_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (uint32_t)key & (cap - 1);
}

int64_t rn_hmap__get(const struct rn_hmap *m, uint64_t key)
{
	uint32_t i;

	if (!key)
		return m->has_zero ? (int64_t)m->zero_val : -1;
	if (!m->cap)
		return -1;
	for (i = slot_of(key, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return m->vals[i];
	return -1;
}

static int grow(struct rn_hmap *m)
{
	struct rn_hmap bigger = {0};
	uint32_t i;

	if (m->cap >= 1u << 31)
		return -ENOMEM; /* the capacity would wrap */
	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.keys = calloc(bigger.cap, sizeof(*bigger.keys));
	bigger.vals = calloc(bigger.cap, sizeof(*bigger.vals));
	if (!bigger.keys || !bigger.vals) {
		rn_hmap__free(&bigger);
		return -ENOMEM;
	}
	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			rn_hmap__put(&bigger, m->keys[i], m->vals[i]);
	bigger.has_zero = m->has_zero;
	bigger.zero_val = m->zero_val;
	rn_hmap__free(m);
	*m = bigger;
	return 0;
}

int rn_hmap__put(struct rn_hmap *m, uint64_t key, uint32_t val)
{
	uint32_t i;

	if (!key) {
		m->has_zero = true;
		m->zero_val = val;
		return 0;
	}
	if (((uint64_t)m->n + 1) * 2 > m->cap && grow(m))
		return -ENOMEM;
	for (i = slot_of(key, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key) {
			m->vals[i] = val;
			return 0;
		}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return 0;
}

/*
 * Linear probing's deletion without tombstones: the keys after the hole that could live in
 * it (their home slot is not between the hole and them) move back into it.
 */
bool rn_hmap__del(struct rn_hmap *m, uint64_t key)
{
	uint32_t i, j, home, mask = m->cap - 1;

	if (!key) {
		bool had = m->has_zero;

		m->has_zero = false;
		return had;
	}
	if (!m->cap)
		return false;
	for (i = slot_of(key, m->cap); m->keys[i] != key; i = (i + 1) & mask)
		if (!m->keys[i])
			return false;
	for (j = (i + 1) & mask; m->keys[j]; j = (j + 1) & mask) {
		home = slot_of(m->keys[j], m->cap);
		/* j stays when its home is cyclically in (i, j] */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		m->keys[i] = m->keys[j];
		m->vals[i] = m->vals[j];
		i = j;
	}
	m->keys[i] = 0;
	m->n--;
	return true;
}

void rn_hmap__clear(struct rn_hmap *m)
{
	if (m->cap) {
		memset(m->keys, 0, m->cap * sizeof(*m->keys));
		m->n = 0;
	}
	m->has_zero = false;
}

void rn_hmap__free(struct rn_hmap *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
	m->has_zero = false;
}
