/* SPDX-License-Identifier: MIT */
/*
 * The one error a reader or parser hands back: a message for people, filled by the failing
 * call ("FILE: byte N (record K): what", "NAME:LINE:COL: what"), next to the -errno it returns.
 */
#ifndef RENACER_ERROR_H
#define RENACER_ERROR_H

#include <stdarg.h>

struct rn_error {
	char msg[512];
};

/* Writes the message (cut at sizeof(msg)) and returns code; e may be NULL (then only returns). */
__attribute__((format(printf, 3, 4))) int rn_error__set(struct rn_error *e, int code,
							const char *fmt, ...);
__attribute__((format(printf, 3, 0))) int rn_error__vset(struct rn_error *e, int code,
							 const char *fmt, va_list ap);

#endif
