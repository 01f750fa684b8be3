// SPDX-License-Identifier: MIT
#include "error.h"

#include <stdio.h>

int rn_error__vset(struct rn_error *e, int code, const char *fmt, va_list ap)
{
	if (e)
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return code;
}

int rn_error__set(struct rn_error *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = rn_error__vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}
