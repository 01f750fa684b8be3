// SPDX-License-Identifier: MIT
/* renacerctl trace's option names: getopt's tables, the usage text, strace's options renacer
 * refuses (and why), and the help for a mistyped or ambiguous long option. */
#ifndef RENACER_TRACE_OPTNAMES_H
#define RENACER_TRACE_OPTNAMES_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

enum {
	OPT_BUFFER_SIZE = 256,
	OPT_TRACE,
	OPT_STATUS,
	OPT_FORMAT,
	OPT_COMPRESS,
	OPT_CAPTURE,
	OPT_TRACE_PARENT,
	OPT_NO_PROPAGATE,
	OPT_RECORD_ENV,
	OPT_EMBEDDED,
	OPT_DAEMON,
	OPT_SOCKET,
	OPT_ASSERT,
	OPT_OTLP,
	OPT_OTLP_SPANS,
	OPT_OTLP_HEADER,
	OPT_OTLP_FLUSH,
	OPT_DECODE_FDS,
	OPT_SOURCE,
	OPT_ABBREV,
	OPT_VERBOSE,
	OPT_QUIET,
	OPT_QUALIFIER, /* --signal=SET and the others: -e NAME=SET */
	OPT_ABS_TIMESTAMPS,
	OPT_OUTPUT_SEPARATELY,
	OPT_STRINGS_IN_HEX,
	OPT_SECCOMP_BPF,
	OPT_DECODE_PIDS,
	OPT_SECONTEXT,
	OPT_TIPS,
	OPT_KVM, /* -e kvm=, --kvm= */
	OPT_SYSCALL_TIMES,
	OPT_RELATIVE,
};

#define STRSIZE_MAX 1048576 /* -s: 1 MiB */
#define RING_MIN    4096
#define SEE_HELP    "see renacerctl trace --help"
/* ':' first (after '+'): a missing value is told apart from an unknown option */
#define SHORTOPTS "+:fo:cCwS:Ttrns:p:e:qdhvyzZa:E:u:xP:kAVX:b:DI:iYU:O:"

extern const struct option trace_longopts[];
void trace_usage(FILE *f);
/* The refusal of strace's option code, with why and what to use instead: -EOPNOTSUPP;
 * -EINVAL when code is no refused option. */
int trace_refuse(int code);
/* The long option closest to a mistyped one, or NULL. */
const char *trace_suggest_option(const char *arg);
/* Says so (glibc's words) when arg is a prefix of several long options. */
bool trace_ambiguous(const char *arg);

#endif
