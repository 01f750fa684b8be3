/* SPDX-License-Identifier: MIT */
/*
 * The .rnt reader's bump allocator for protobuf-c (trace_bin_arena.c): reset per record,
 * so decoding does not malloc.
 */
#ifndef RENACER_TRACE_BIN_ARENA_H
#define RENACER_TRACE_BIN_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rn_tb_arena {
	uint8_t *p;
	size_t used, cap;
	void **extra; /* overflow blocks until the next reset */
	size_t nextra, extra_cap, extra_bytes;
	bool over; /* a record wanted more than DECODE_MAX */
};

/* a zeroed; the main block of cap bytes. Returns 0 or -ENOMEM. */
int rn_tb_arena__init(struct rn_tb_arena *a, size_t cap);
/* protobuf-c's alloc and free (data is the arena); NULL past DECODE_MAX sets over. */
void *rn_tb_arena__alloc(void *data, size_t n);
void rn_tb_arena__free(void *data, void *p);
/* Frees everything allocated since the last reset. */
void rn_tb_arena__reset(struct rn_tb_arena *a);
/* Frees a's memory (a may be zeroed or half made). */
void rn_tb_arena__fini(struct rn_tb_arena *a);

#endif
