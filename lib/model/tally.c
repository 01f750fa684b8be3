// SPDX-License-Identifier: MIT
#include "tally.h"

#include "systable.h"

void rn_tally__stats(const struct rn_tally *t, struct rn_tally_rows *rows, struct rn_tr_stats *st)
{
	uint32_t n = 0;

	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		if (!t->calls[nr] || !rn_syscall__name(nr))
			continue;
		rows->names[n] = rn_syscall__name(nr);
		rows->calls[n] = t->calls[nr];
		rows->errors[n] = t->errors[nr];
		rows->dur[n] = t->dur[nr];
		n++;
	}
	st->total_syscalls = t->total_calls;
	st->total_duration_ns = t->total_dur;
	st->nsyscalls = n;
	st->names = rows->names;
	st->calls = rows->calls;
	st->errors = rows->errors;
	st->duration_ns = rows->dur;
}
