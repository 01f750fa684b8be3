// SPDX-License-Identifier: MIT
#include "injectspec.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errnames.h"
#include "filter.h"

#define MAX_ERRNO_VAL 4095
#define WHEN_MAX      65535 /* strace's limit on when='s numbers */

/* strace's message ("invalid inject argument 'ARG'"), then why, in err. */
static int invalid(char *err, size_t errlen, const char *arg, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (err)
		snprintf(err, errlen, "invalid inject argument '%s' (%s)", arg, why);
	return -EINVAL;
}

/* A whole decimal number in [lo, hi] (a leading sign only when lo < 0). */
static int number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*s || (lo >= 0 && (*s == '-' || *s == '+')))
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -EINVAL;
	*out = v;
	return 0;
}

static int errno_value(const char *s)
{
	long v;

	if (!number(s, 1, MAX_ERRNO_VAL, &v))
		return (int)v;
	for (int e = 1; e <= MAX_ERRNO_VAL; e++) {
		const char *n = rn_errno__name(e);

		if (n && !strcmp(n, s))
			return e;
	}
	return -1;
}

/* when=FIRST, FIRST+ (and every call after) or FIRST+STEP. */
static int parse_when(struct rn_injectspec *in, const char *s)
{
	char first[16];
	const char *plus = strchr(s, '+');
	size_t n = plus ? (size_t)(plus - s) : strlen(s);
	long v;

	if (n == 0 || n >= sizeof(first))
		return -EINVAL;
	memcpy(first, s, n);
	first[n] = '\0';
	if (number(first, 1, WHEN_MAX, &v))
		return -EINVAL;
	in->first = (int)v;
	in->step = 0;
	if (!plus)
		return 0;
	if (!plus[1]) {
		in->step = 1;
		return 0;
	}
	if (number(plus + 1, 1, WHEN_MAX, &v))
		return -EINVAL;
	in->step = (int)v;
	return 0;
}

bool rn_injectspec__is_inject(const char *expr)
{
	return !strncmp(expr, "inject=", 7) || !strncmp(expr, "fault=", 6);
}

/* One :name=value of arg; the set is parsed by the caller. */
static int parse_option(struct rn_injectspec *in, const char *opt, const char *arg, char *err,
			size_t errlen)
{
	static const char *const other[] = {
	    "delay_enter=", "delay_exit=", "poke_enter=", "poke_exit=", "syscall="};
	long v;

	if (!strncmp(opt, "error=", 6)) {
		in->error = errno_value(opt + 6);
		if (in->error < 0)
			return invalid(err, errlen, arg,
				       "error= takes an errno name such as ENOENT or a number "
				       "from 1 to %d",
				       MAX_ERRNO_VAL);
		return 0;
	}
	if (!strncmp(opt, "retval=", 7)) {
		if (number(opt + 7, 0, LONG_MAX, &v))
			return invalid(err, errlen, arg, "retval= takes a number of at least 0");
		in->has_retval = true;
		in->retval = v;
		return 0;
	}
	if (!strncmp(opt, "signal=", 7)) {
		in->signal = rn_signal__from_name(opt + 7);
		if (in->signal <= 0 && !number(opt + 7, 1, 64, &v))
			in->signal = (int)v;
		if (in->signal <= 0)
			return invalid(err, errlen, arg, "signal= takes a signal name or number");
		return 0;
	}
	if (!strncmp(opt, "when=", 5)) {
		if (parse_when(in, opt + 5))
			return invalid(err, errlen, arg,
				       "when= is FIRST, FIRST+ or FIRST+STEP, numbers from 1 to %d",
				       WHEN_MAX);
		return 0;
	}
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		if (!strncmp(opt, other[i], strlen(other[i]))) {
			if (err)
				snprintf(err, errlen,
					 "-e inject=...:%.*s is not supported by renacer (it "
					 "has error=, retval=, signal= and when=)",
					 (int)strlen(other[i]) - 1, other[i]);
			return -EOPNOTSUPP;
		}
	}
	return invalid(err, errlen, arg,
		       "unknown '%s'; the options are error=, retval=, signal= and when=", opt);
}

int rn_injectspec__parse(struct rn_injectspec *in, const char *expr, char *err, size_t errlen)
{
	bool fault = !strncmp(expr, "fault=", 6);
	const char *arg = expr + (fault ? 6 : 7);
	char *copy, *set, *opt, *save = NULL, ferr[256] = "";
	struct rn_filter *f;
	int ret = 0;

	memset(in, 0, sizeof(*in));
	in->first = 1;
	in->step = 1;
	copy = strdup(arg);
	f = rn_filter__new();
	if (!copy || !f) {
		free(copy);
		rn_filter__free(f);
		return -ENOMEM;
	}
	set = strtok_r(copy, ":", &save);
	if (!set || arg[0] == ':') {
		ret = invalid(err, errlen, arg,
			      "it starts with the syscalls, e.g. openat:error=ENOENT");
		goto out;
	}
	for (opt = strtok_r(NULL, ":", &save); opt && !ret; opt = strtok_r(NULL, ":", &save))
		ret = parse_option(in, opt, arg, err, errlen);
	if (ret)
		goto out;
	if (fault && !in->error && !in->has_retval)
		in->error = ENOSYS; /* strace's fault= default */
	if (in->error && in->has_retval)
		ret = invalid(err, errlen, arg, "error= and retval= exclude each other");
	else if (!in->error && !in->has_retval && !in->signal)
		ret = invalid(err, errlen, arg, "say what to inject: error=, retval= or signal=");
	if (ret)
		goto out;
	/* the set is trace='s syntax: names, %classes, /regex, ! */
	{
		char texpr[1100];

		snprintf(texpr, sizeof(texpr), "trace=%s", set);
		ret = rn_filter__parse(f, texpr, ferr, sizeof(ferr));
		if (ret) {
			if (err)
				snprintf(err, errlen, "%s",
					 ferr[0] ? ferr : "invalid system call set");
			goto out;
		}
		rn_filter__bitmap(f, in->set);
	}
out:
	free(copy);
	rn_filter__free(f);
	return ret;
}

int rn_injectspec__first_nr(const struct rn_injectspec *in)
{
	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++)
		if (in->set[nr / 64] & (1ULL << (nr % 64)))
			return nr;
	return -1;
}
