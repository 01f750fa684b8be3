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

/* Deletion moves back the keys probed past the hole: every other key stays reachable. */
Test(unit_hmap, deleted_keys_are_gone_and_every_other_key_stays_found)
{
	enum { N = 20000 };
	struct rn_hmap m = {0};
	uint64_t k;

	for (k = 0; k < N; k++)
		cr_assert_eq(rn_hmap__put(&m, k * 7919, (uint32_t)k), 0);
	/* every third key goes, in an order unlike the insertion's */
	for (k = N; k-- > 0;)
		if (k % 3 == 1)
			cr_assert(rn_hmap__del(&m, k * 7919), "key %llu was there",
				  (unsigned long long)k);
	cr_assert_not(rn_hmap__del(&m, 1 * 7919), "deleted twice");
	cr_assert_not(rn_hmap__del(&m, (uint64_t)N * 7919), "never put");
	for (k = 0; k < N; k++)
		cr_assert_eq(rn_hmap__get(&m, k * 7919), k % 3 == 1 ? -1 : (int64_t)k, "key %llu",
			     (unsigned long long)k);
	/* 6667 of the 20000 went; key 0 is kept apart from the count */
	cr_assert_eq(m.n, N - 6667 - 1, "count %u", m.n);
	/* and the holes take new keys */
	for (k = 0; k < N; k++)
		if (k % 3 == 1)
			cr_assert_eq(rn_hmap__put(&m, k * 7919, (uint32_t)k + 1), 0);
	for (k = 0; k < N; k++)
		cr_assert_eq(rn_hmap__get(&m, k * 7919), (int64_t)k + (k % 3 == 1));
	rn_hmap__clear(&m);
	cr_assert_eq(m.n, 0);
	cr_assert_eq(rn_hmap__get(&m, 0), -1);
	cr_assert_eq(rn_hmap__get(&m, 7919), -1);
	cr_assert_eq(rn_hmap__put(&m, 5, 5), 0);
	cr_assert_eq(rn_hmap__get(&m, 5), 5);
	rn_hmap__free(&m);
}
