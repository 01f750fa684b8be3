// SPDX-License-Identifier: MIT
#include "pool.h"

#include <stdlib.h>
#include <string.h>

void rn_pool__init(struct rn_pool *p, size_t elem_size)
{
	memset(p, 0, sizeof(*p));
	p->size = elem_size;
}

void *rn_pool__add(struct rn_pool *p, uint32_t *index)
{
	uint64_t j = (uint64_t)p->n + (1u << RN_POOL_FIRST_SHIFT);
	unsigned c = 63 - (unsigned)__builtin_clzll(j) - RN_POOL_FIRST_SHIFT;
	void *e;

	if (c >= RN_POOL_CHUNKS || !p->size)
		return NULL;
	if (!p->chunk[c]) {
		p->chunk[c] = calloc((size_t)1 << (c + RN_POOL_FIRST_SHIFT), p->size);
		if (!p->chunk[c])
			return NULL;
	}
	if (index)
		*index = p->n;
	p->n++;
	e = rn_pool__at(p, p->n - 1);
	memset(e, 0, p->size);
	return e;
}

void rn_pool__free(struct rn_pool *p)
{
	if (!p)
		return;
	for (unsigned c = 0; c < RN_POOL_CHUNKS; c++)
		free(p->chunk[c]);
	rn_pool__init(p, p->size);
}
