/* SPDX-License-Identifier: MIT */
/*
 * A growable array whose elements never move. It grows by adding chunks of 64, 128,
 * 256, ... elements, never by realloc, so a pointer to an element stays valid until
 * rn_pool__free whatever is added meanwhile. Use it for state that is looked up, kept
 * in a pointer and then grown (thread, process and object records): with a realloc'd
 * array, a pointer taken before a call that may add an element dangles after it.
 */
#ifndef RENACER_POOL_H
#define RENACER_POOL_H

#include <stddef.h>
#include <stdint.h>

#define RN_POOL_FIRST_SHIFT 6 /* the first chunk holds 64 elements */
/* chunk c holds 64 << c elements: 26 chunks hold every uint32_t index but the last 64 */
#define RN_POOL_CHUNKS 26

struct rn_pool {
	void *chunk[RN_POOL_CHUNKS];
	size_t size; /* of one element */
	uint32_t n;
};

void rn_pool__init(struct rn_pool *p, size_t elem_size);
/* A new zeroed element at index n (stored in *index when not NULL), or NULL (no memory). */
void *rn_pool__add(struct rn_pool *p, uint32_t *index);
void rn_pool__free(struct rn_pool *p);

/* The element at index i, or NULL when i >= n. */
static inline void *rn_pool__at(const struct rn_pool *p, uint32_t i)
{
	uint64_t j = (uint64_t)i + (1u << RN_POOL_FIRST_SHIFT);
	unsigned c = 63 - (unsigned)__builtin_clzll(j) - RN_POOL_FIRST_SHIFT;

	if (i >= p->n)
		return NULL;
	return (char *)p->chunk[c] +
	       (size_t)(j - ((uint64_t)1 << (c + RN_POOL_FIRST_SHIFT))) * p->size;
}

#endif
