// SPDX-License-Identifier: MIT
#include <criterion/criterion.h>
#include <stdint.h>

#include "hmap.h"
#include "pool.h"

struct rec {
	uint64_t key, filler[5];
};

/* The property the recorder relies on: a pointer to an element survives any growth. */
Test(unit_pool, elements_never_move_while_the_pool_grows)
{
	enum { N = 100000 };
	static struct rec *kept[N];
	struct rn_pool p;
	uint32_t idx;

	rn_pool__init(&p, sizeof(struct rec));
	for (uint32_t i = 0; i < N; i++) {
		kept[i] = rn_pool__add(&p, &idx);
		cr_assert(kept[i]);
		cr_assert_eq(idx, i);
		cr_assert_eq(kept[i]->key, 0, "a new element is zeroed");
		kept[i]->key = i + 1;
	}
	cr_assert_eq(p.n, N);
	for (uint32_t i = 0; i < N; i++) {
		cr_assert_eq(rn_pool__at(&p, i), kept[i], "element %u moved", i);
		cr_assert_eq(kept[i]->key, i + 1);
	}
	cr_assert_null(rn_pool__at(&p, N));
	rn_pool__free(&p);
	cr_assert_eq(p.n, 0);
	rn_pool__free(NULL);
}

Test(unit_pool, the_chunk_boundaries_hold_distinct_elements)
{
	struct rn_pool p;

	rn_pool__init(&p, 1);
	for (uint32_t i = 0; i < 64 + 128 + 256 + 1; i++)
		*(unsigned char *)rn_pool__add(&p, NULL) = (unsigned char)i;
	for (uint32_t i = 0; i < p.n; i++)
		cr_assert_eq(*(unsigned char *)rn_pool__at(&p, i), (unsigned char)i, "element %u",
			     i);
	rn_pool__free(&p);
}

Test(unit_hmap, key_zero_is_a_key_like_any_other_and_survives_growth)
{
	struct rn_hmap m = {0};

	cr_assert_eq(rn_hmap__get(&m, 0), -1);
	cr_assert_eq(rn_hmap__put(&m, 0, 7), 0);
	for (uint64_t k = 1; k <= 1000; k++)
		cr_assert_eq(rn_hmap__put(&m, k, (uint32_t)k * 2), 0);
	cr_assert_eq(rn_hmap__get(&m, 0), 7);
	for (uint64_t k = 1; k <= 1000; k++)
		cr_assert_eq(rn_hmap__get(&m, k), (int64_t)k * 2);
	cr_assert_eq(rn_hmap__get(&m, 1001), -1);
	rn_hmap__free(&m);
	cr_assert_eq(rn_hmap__get(&m, 0), -1);
}
