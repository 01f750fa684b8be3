// SPDX-License-Identifier: MIT
/* The .rnt reader's bump allocator for protobuf-c, reset per record. */
#include <errno.h>
#include <stdlib.h>

#include "trace_bin_arena.h"
#include "trace_bin_int.h"

int rn_tb_arena__init(struct rn_tb_arena *a, size_t cap)
{
	a->p = malloc(cap);
	if (!a->p)
		return -ENOMEM;
	a->cap = cap;
	return 0;
}

void *rn_tb_arena__alloc(void *data, size_t n)
{
	struct rn_tb_arena *a = data;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (n > DECODE_MAX || a->used + a->extra_bytes + n > DECODE_MAX) {
		a->over = true;
		return NULL;
	}
	if (a->used + n <= a->cap) {
		p = a->p + a->used;
		a->used += n;
		return p;
	}
	if (rn_tb__grow(&a->extra, &a->extra_cap, a->nextra + 1, sizeof(*a->extra)))
		return NULL;
	p = malloc(n);
	if (p) {
		a->extra[a->nextra++] = p;
		a->extra_bytes += n;
	}
	return p;
}

void rn_tb_arena__free(void *data, void *p)
{
	(void)data;
	(void)p;
}

void rn_tb_arena__reset(struct rn_tb_arena *a)
{
	size_t want = a->cap + a->extra_bytes * 2;
	uint8_t *p;

	for (size_t i = 0; i < a->nextra; i++)
		free(a->extra[i]);
	/* grow the main block to what the last record needed, so the next one fits */
	if (a->nextra && (p = malloc(want)) != NULL) {
		free(a->p);
		a->p = p;
		a->cap = want;
	}
	a->nextra = 0;
	a->extra_bytes = 0;
	a->used = 0;
	a->over = false;
}

void rn_tb_arena__fini(struct rn_tb_arena *a)
{
	for (size_t i = 0; i < a->nextra; i++)
		free(a->extra[i]);
	free(a->extra);
	free(a->p);
}
