// SPDX-License-Identifier: MIT
/*
 * The values of renacerctl trace's options: each parser takes one option's argument and
 * gives its value, or says what is wrong with it as strace does (timestamps and their
 * precision, -O, --strings-in-hex, sizes, -p's list, --decode-fds's set).
 */
#include "trace_optvals.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fdpaths.h"
#include "report.h"
#include "trace_optnames.h"

static const struct {
	const char *name;
	unsigned prec; /* 1 + digits after the second */
} precisions[] = {{"s", 1}, {"ms", 4}, {"us", 7}, {"ns", 10}};

static unsigned parse_precision(const char *s)
{
	for (size_t i = 0; i < sizeof(precisions) / sizeof(precisions[0]); i++)
		if (!strcmp(s, precisions[i].name))
			return precisions[i].prec;
	return 0;
}

/* -O OVERHEAD[UNIT]: strace subtracts it from each call; renacer has none, so only 0 is taken. */
int trace_overhead(const char *arg)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || v < 0 ||
	    (*end && strcmp(end, "s") && strcmp(end, "ms") && strcmp(end, "us") &&
	     strcmp(end, "ns"))) {
		rn_cli__error(NULL, "give a number with s, ms, us or ns",
			      "invalid -O argument: '%s'", arg);
		return -EINVAL;
	}
	return v == 0 ? 0 : trace_refuse('O');
}

/* --relative-timestamps=PREC, --syscall-times=PREC: strace's message when PREC is not one. */
int trace_precision_opt(const char *opt, const char *arg, unsigned *prec)
{
	if (!arg)
		return 0;
	*prec = parse_precision(arg);
	if (*prec)
		return 0;
	rn_cli__error(NULL, "give s, ms, us or ns", "invalid --%s argument: '%s'", opt, arg);
	return -EINVAL;
}

/* --absolute-timestamps=[[format:]none|time|unix][,[precision:]s|ms|us|ns], as strace's. */
int trace_abs_timestamps(struct trace_opts *o, const char *arg)
{
	char *copy, *tok, *save = NULL;
	unsigned tstamp = 1, prec = 1;
	int err = 0;

	o->tstamp_long = true;
	if (!arg) {
		o->tstamp = 1;
		return 0;
	}
	copy = strdup(arg);
	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		bool fmt = !strncmp(tok, "format:", 7), pre = !strncmp(tok, "precision:", 10);
		const char *v = fmt ? tok + 7 : pre ? tok + 10 : tok;

		if (!pre && !strcmp(v, "none"))
			tstamp = 0;
		else if (!pre && !strcmp(v, "time"))
			tstamp = 1;
		else if (!pre && !strcmp(v, "unix"))
			tstamp = 3;
		else if (!fmt && parse_precision(v))
			prec = parse_precision(v);
		else
			err = -EINVAL;
	}
	if (err)
		rn_cli__error(NULL,
			      "give [format:]none|time|unix and/or [precision:]s|ms|us|ns, "
			      "e.g. unix,ms",
			      "invalid --absolute-timestamps argument: '%s'", arg);
	o->tstamp = tstamp;
	o->tstamp_prec = prec;
	free(copy);
	return err;
}

/* --strings-in-hex[=none|non-ascii|all]: -x's levels. */
int trace_strings_in_hex(struct trace_opts *o, const char *arg)
{
	static const char *const levels[] = {"none", "non-ascii", "all"};

	if (!arg) {
		o->hex = 2;
		return 0;
	}
	for (unsigned i = 0; i < 3; i++)
		if (!strcmp(arg, levels[i])) {
			o->hex = i;
			return 0;
		}
	if (!strcmp(arg, "non-ascii-chars"))
		return trace_refuse(OPT_STRINGS_IN_HEX);
	rn_cli__error(NULL, "give none, non-ascii or all",
		      "invalid --strings-in-hex argument: '%s'", arg);
	return -EINVAL;
}

int trace_parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'k':
	case 'K':
		v <<= 10;
		end++;
		break;
	case 'm':
	case 'M':
		v <<= 20;
		end++;
		break;
	case 'g':
	case 'G':
		v <<= 30;
		end++;
		break;
	}
	if (*end)
		return -EINVAL;
	*out = (size_t)v;
	return 0;
}

int trace_parse_pids(struct trace_opts *o, const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL, *end;
	long v;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		errno = 0;
		v = strtol(tok, &end, 10);
		if (errno || *end || v <= 0 || v > INT_MAX) {
			rn_cli__error(NULL, "give a positive number", "invalid process id '%s'",
				      tok);
			err = -EINVAL;
			break;
		}
		if (o->nattach == MAX_ATTACH) {
			rn_cli__error(NULL, NULL, "too many -p (at most %d processes)", MAX_ATTACH);
			err = -E2BIG;
			break;
		}
		o->attach[o->nattach++] = (pid_t)v;
	}
	free(copy);
	return err;
}

/* --decode-fds[=SET], -e decode-fds=SET: path, socket, dev, pidfd, all, none; !SET. */
int trace_decode_fds(struct trace_opts *o, const char *arg)
{
	static const struct {
		const char *name;
		unsigned show;
	} names[] = {{"path", RN_FDS_PATH},   {"socket", RN_FDS_SOCKET}, {"dev", RN_FDS_DEV},
		     {"pidfd", RN_FDS_PIDFD}, {"all", RN_FDS_ALL},	 {"none", 0}};
	const char *tok = arg && arg[0] == '!' ? arg + 1 : arg;
	unsigned show = 0;

	o->fds_long = true;
	if (!arg) {
		o->decode_fds = RN_FDS_PATH;
		return 0;
	}
	for (;;) {
		size_t len = strcspn(tok, ","), i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == len && !strncmp(tok, names[i].name, len))
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			rn_cli__error(NULL, "use path, socket, dev, pidfd, all or none",
				      "invalid decode-fds '%s'", arg);
			return -EINVAL;
		}
		show |= names[i].show;
		if (!tok[len])
			break;
		tok += len + 1;
	}
	o->decode_fds = arg[0] == '!' ? RN_FDS_ALL & ~show : show;
	return 0;
}
