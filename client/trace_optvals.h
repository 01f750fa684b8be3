// SPDX-License-Identifier: MIT
/* renacerctl trace's option values: an argument in, a value or strace's message out (0 or -errno).
 */
#ifndef RENACER_TRACE_OPTVALS_H
#define RENACER_TRACE_OPTVALS_H

#include <stddef.h>

#include "trace_int.h"

/* -O OVERHEAD[UNIT]: only 0 is taken (renacer has no overhead to subtract). */
int trace_overhead(const char *arg);
/* --relative-timestamps=PREC, --syscall-times=PREC into *prec (opt names the option). */
int trace_precision_opt(const char *opt, const char *arg, unsigned *prec);
/* --absolute-timestamps=[[format:]none|time|unix][,[precision:]s|ms|us|ns] */
int trace_abs_timestamps(struct trace_opts *o, const char *arg);
/* --strings-in-hex[=none|non-ascii|all] */
int trace_strings_in_hex(struct trace_opts *o, const char *arg);
/* A byte count with an optional k/m/g suffix (no message: the caller knows the option). */
int trace_parse_size(const char *s, size_t *out);
/* -p PID[,PID...] appended to o->attach. */
int trace_parse_pids(struct trace_opts *o, const char *arg);
/* --decode-fds[=SET], -e decode-fds=SET */
int trace_decode_fds(struct trace_opts *o, const char *arg);

#endif
