/* SPDX-License-Identifier: MIT */
/*
 * strace's fault injection qualifiers, parsed: -e inject=SET[:error=ERRNO|:retval=VALUE]
 * [:signal=SIG][:when=FIRST[+[STEP]]] and -e fault=SET[:error=ERRNO][:when=...] (fault=
 * fails with ENOSYS unless told otherwise), as strace 6.1 reads them (src/filter_qualify.c).
 */
#ifndef RENACER_INJECTSPEC_H
#define RENACER_INJECTSPEC_H

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "renacer_abi.h"

struct rn_injectspec {
	uint64_t set[RN_MAX_SYSCALLS / 64]; /* the syscalls to fail (trace='s syntax) */
	int first;			    /* the first call to fail, from 1 */
	int step;  /* then every step-th call after it; 0: only the first */
	int error; /* errno the call fails with, 0: none */
	bool has_retval;
	long retval; /* what the call returns instead of running (retval=) */
	int signal;  /* the signal delivered on the injected call, 0: none */
};

/*
 * expr is an -e argument starting "inject=" or "fault=". 0, or -EINVAL with strace's
 * reason and what to write instead in err; -EOPNOTSUPP for strace's delay_enter=,
 * delay_exit=, poke_enter=, poke_exit= and syscall=, which renacer does not have.
 */
int rn_injectspec__parse(struct rn_injectspec *in, const char *expr, char *err, size_t errlen);
/* Whether expr is an inject=/fault= qualifier (strace's names for them). */
bool rn_injectspec__is_inject(const char *expr);
/* The lowest syscall number in the set, or -1. */
int rn_injectspec__first_nr(const struct rn_injectspec *in);

#endif
