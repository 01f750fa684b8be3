/* SPDX-License-Identifier: MIT */
/* renacerctl trace -e inject= / -e fault=: strace's fault injection (docs/cli.md). */
#ifndef RENACER_TRACE_INJECT_H
#define RENACER_TRACE_INJECT_H

/*
 * Checks an -e inject=/fault= argument and whether this kernel lets BPF fail the calls;
 * prints why not (the argument's error, or what the kernel lacks) and returns -EINVAL
 * or -EOPNOTSUPP. renacer does not inject yet, so every argument is refused, with the
 * reason, rather than accepted and ignored.
 */
int tracer__inject_opt(const char *expr);

#endif
