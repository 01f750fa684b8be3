/* SPDX-License-Identifier: MIT */
/*
 * A map from a 64-bit key to a 32-bit index; open addressing (linear probing), grows.
 * It hands out no pointers, only copies of values: nothing of it dangles when it grows.
 * Keep the records the indices name where they do not move either (lib/util/pool.h).
 */
#ifndef RENACER_HMAP_H
#define RENACER_HMAP_H

#include <stdbool.h>
#include <stdint.h>

struct rn_hmap {
	uint64_t *keys; /* 0 marks a free slot */
	uint32_t *vals;
	uint32_t cap; /* power of two */
	uint32_t n;
	bool has_zero; /* key 0 marks free slots, so its value is kept here */
	uint32_t zero_val;
};

/* The index stored for key, or -1. */
int64_t rn_hmap__get(const struct rn_hmap *m, uint64_t key);
/* Stores key -> val (replacing); 0 or -ENOMEM. */
int rn_hmap__put(struct rn_hmap *m, uint64_t key, uint32_t val);
/* Removes key; whether it was there. */
bool rn_hmap__del(struct rn_hmap *m, uint64_t key);
/* Removes every key, keeping the room (a map rebuilt often). */
void rn_hmap__clear(struct rn_hmap *m);
void rn_hmap__free(struct rn_hmap *m);

#endif
