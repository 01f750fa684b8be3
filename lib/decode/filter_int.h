/* SPDX-License-Identifier: MIT */
/* What filter.c and filter_syscall.c share: bit sets, the error writer, number parsing. */
#ifndef RN_FILTER_INT_H
#define RN_FILTER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FILTER_LEN(a) (sizeof(a) / sizeof((a)[0]))

static inline void filter_bit_set(uint64_t *set, unsigned nr)
{
	set[nr / 64] |= 1ull << (nr % 64);
}

static inline bool filter_bit_test(const uint64_t *set, unsigned nr)
{
	return (set[nr / 64] >> (nr % 64)) & 1;
}

/* Writes the message to err (if any) and returns ret. */
int rn_filter__fail(char *err, size_t errlen, int ret, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* strace's string_to_uint_upto(): decimal digits only, no sign, no trailing junk; -1 if not. */
long long rn_filter__uint(const char *s, long long max);
/* strace's qualify_syscall(): one comma-separated token of trace= into set. */
int rn_filter__qualify_syscall(const char *tok, uint64_t *set, char *err, size_t errlen);

#endif
