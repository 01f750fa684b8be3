/* SPDX-License-Identifier: MIT */
/* Private to lib/analysis/assert*.c: what the parsed rules hold beyond struct rn_assertion. */
#ifndef RENACER_ASSERT_INT_H
#define RENACER_ASSERT_INT_H

#include <regex.h>

#include "assertions.h"
#include "filter.h"

/* The compiled pattern of rule i, or NULL when it has none. */
const regex_t *rn_rules__regex(const struct rn_rules *r, size_t i);
/* The syscall set of a syscall_budget rule i, or NULL for other types. */
const struct rn_filter *rn_rules__filter(const struct rn_rules *r, size_t i);

#endif
