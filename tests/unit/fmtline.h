/* SPDX-License-Identifier: MIT */
/*
 * Test helper of the formatter suites: one record (recbuild.h) made by CALL(nr, ret, args...)
 * and the line the formatters print for it. Included once per test file (it defines statics).
 */
#ifndef RENACER_TESTS_FMTLINE_H
#define RENACER_TESTS_FMTLINE_H

#include "format.h"
#include "recbuild.h"

static struct rn_recbuild b;
static struct rn_strbuf sb;

static void init(int nr, int64_t ret, __u64 a0, __u64 a1, __u64 a2, __u64 a3, __u64 a4, __u64 a5)
{
	const __u64 args[6] = {a0, a1, a2, a3, a4, a5};

	rn_recbuild__init(&b, nr, ret, args);
}

#define SYS_(nr, ret, a0, a1, a2, a3, a4, a5, ...) init(nr, ret, a0, a1, a2, a3, a4, a5)
#define CALL(nr, ret, ...)			   SYS_(nr, ret, __VA_ARGS__, 0, 0, 0, 0, 0, 0)

/* The whole line under o, with " " where the caller would pad to column 40. */
static const char *line_o(const struct rn_fmt_opts *o)
{
	struct rn_event ev = rn_recbuild__event(&b);

	rn_strbuf__reset(&sb);
	rn_format__call(&sb, &ev, o);
	rn_strbuf__putc(&sb, ' ');
	rn_format__result(&sb, &ev, o);
	return sb.buf;
}

#endif
