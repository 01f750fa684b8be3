// SPDX-License-Identifier: MIT
#include "log.h"

#include <bpf/libbpf.h>
#include <stdarg.h>
#include <stdio.h>

int rn_log_level = RN_LOG_WARN;
const char *rn_log_prog = "renacer";

void rn_log__emit(int level, const char *fmt, ...)
{
	va_list ap;

	(void)level;
	fprintf(stderr, "%s: ", rn_log_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	int ours = level == LIBBPF_WARN ? RN_LOG_INFO : RN_LOG_DEBUG;

	/* libbpf warns about things we handle (memlock, missing features): debug level only. */
	if (ours > rn_log_level)
		return 0;
	fprintf(stderr, "%s: libbpf: ", rn_log_prog);
	return vfprintf(stderr, fmt, ap);
}

void rn_log__route_libbpf(void)
{
	libbpf_set_print(libbpf_print);
}
