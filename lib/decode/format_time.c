// SPDX-License-Identifier: MIT
/* Time: timespec, timeval, utimens, utimes and itimerspec. */
#include "format_int.h"

static void put_timespec(struct ctx *c, const void *p, const char *sub)
{
	PUTS("{tv_sec=");
	rn_strbuf__append_s64(c->sb, (int64_t)get_u64(p, 0));
	PUTS(sub);
	rn_strbuf__append_s64(c->sb, (int64_t)get_u64(p, 8));
	PUTC('}');
}

void rn_fmt__put_timeval(struct ctx *c, const void *p)
{
	put_timespec(c, p, ", tv_usec=");
}

void rn_fmt__put_timespec(struct ctx *c, const void *p)
{
	put_timespec(c, p, ", tv_nsec=");
}

static int timespec_arg(struct ctx *c, unsigned i, bool out)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 16, out);

	if (p)
		put_timespec(c, p, ", tv_nsec=");
	return CONT;
}

int rn_fmt__arg_timespec(struct ctx *c, unsigned i)
{
	return timespec_arg(c, i, false);
}

int rn_fmt__arg_timespec_out(struct ctx *c, unsigned i)
{
	return timespec_arg(c, i, true);
}

static int timeval_arg(struct ctx *c, unsigned i, bool out)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 16, out);

	if (p)
		rn_fmt__put_timeval(c, p);
	return CONT;
}

int rn_fmt__arg_timeval(struct ctx *c, unsigned i)
{
	return timeval_arg(c, i, false);
}

int rn_fmt__arg_timeval_out(struct ctx *c, unsigned i)
{
	return timeval_arg(c, i, true);
}

/* One of utimensat's times: UTIME_NOW or UTIME_OMIT alone, else the time and its date. */
static void put_utime(struct ctx *c, const void *p)
{
	int64_t sec = (int64_t)get_u64(p, 0), ns = (int64_t)get_u64(p, 8);

	if (ns == (1l << 30) - 1) {
		PUTS("UTIME_NOW");
		return;
	}
	if (ns == (1l << 30) - 2) {
		PUTS("UTIME_OMIT");
		return;
	}
	put_timespec(c, p, ", tv_nsec=");
	/* strace gives no date for the epoch itself, nor for a nanosecond count out of range */
	if ((sec || ns) && ns >= 0 && ns < 1000000000)
		rn_fmt__put_time_comment(c, sec, (uint64_t)ns);
}

int rn_fmt__arg_utimens(struct ctx *c, unsigned i)
{
	const char *p = rn_fmt__struct_or_ptr(c, i, 32, false);

	if (!p)
		return CONT;
	PUTC('[');
	put_utime(c, p);
	PUTS(", ");
	put_utime(c, p + 16);
	PUTC(']');
	return CONT;
}

/* One of utimes' times: the timeval and its date, when its microseconds are in range. */
static void put_utimeval(struct ctx *c, const void *p)
{
	int64_t sec = (int64_t)get_u64(p, 0), us = (int64_t)get_u64(p, 8);

	rn_fmt__put_timeval(c, p);
	if ((sec || us) && us >= 0 && us < 1000000)
		rn_fmt__put_time_comment_frac(c, sec, (uint64_t)us, 6);
}

int rn_fmt__arg_utimes(struct ctx *c, unsigned i)
{
	const char *p = rn_fmt__struct_or_ptr(c, i, 32, false);

	if (!p)
		return CONT;
	PUTC('[');
	put_utimeval(c, p);
	PUTS(", ");
	put_utimeval(c, p + 16);
	PUTC(']');
	return CONT;
}

static int itimerspec(struct ctx *c, unsigned i, bool out)
{
	const char *p = rn_fmt__struct_or_ptr(c, i, 32, out);

	if (!p)
		return CONT;
	PUTS("{it_interval=");
	put_timespec(c, p, ", tv_nsec=");
	PUTS(", it_value=");
	put_timespec(c, p + 16, ", tv_nsec=");
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_itimerspec(struct ctx *c, unsigned i)
{
	return itimerspec(c, i, false);
}

int rn_fmt__arg_itimerspec_out(struct ctx *c, unsigned i)
{
	return itimerspec(c, i, true);
}

static int itimerval(struct ctx *c, unsigned i, bool out)
{
	const char *p = rn_fmt__struct_or_ptr(c, i, 32, out);

	if (!p)
		return CONT;
	PUTS("{it_interval=");
	rn_fmt__put_timeval(c, p);
	PUTS(", it_value=");
	rn_fmt__put_timeval(c, p + 16);
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_itimerval(struct ctx *c, unsigned i)
{
	return itimerval(c, i, false);
}

int rn_fmt__arg_itimerval_out(struct ctx *c, unsigned i)
{
	return itimerval(c, i, true);
}
