// SPDX-License-Identifier: MIT
/* [[watch]] globs compiled for the kernel (watchglob.h). */
#include "watchglob.h"

#include <errno.h>
#include <string.h>

_Static_assert(sizeof(struct rn_watch_pattern) == RN_WATCH_GLOB * 33 + 8,
	       "rn_watch_pattern: keep in sync with bpf/renacer_abi.h");

static void set_bit(__u8 *set, unsigned char c)
{
	set[c >> 3] |= (__u8)(1u << (c & 7));
}

/* The bracket expression at *pp (just past '['): its set, *pp past its ']'. */
static int compile_set(const char **pp, __u8 *set)
{
	const char *p = *pp;
	bool neg = *p == '!' || *p == '^';
	__u8 in[32] = {0};

	if (neg)
		p++;
	for (bool first = true; *p && (*p != ']' || first); first = false) {
		unsigned char lo = (unsigned char)*p++, hi = lo;

		if (p[0] == '-' && p[1] && p[1] != ']') {
			hi = (unsigned char)p[1];
			p += 2;
		}
		for (unsigned c = lo; c <= hi; c++)
			set_bit(in, (unsigned char)c);
	}
	if (*p != ']')
		return -EINVAL;
	for (unsigned c = 1; c < 256; c++)
		if (c != '/' && !(in[c >> 3] & (1u << (c & 7))) == neg)
			set_bit(set, (unsigned char)c);
	*pp = p + 1;
	return 0;
}

int rn_watchglob__compile(const char *glob, struct rn_watch_pattern *out)
{
	const char *p = glob;

	memset(out, 0, sizeof(*out));
	if (!*glob || strchr(glob, '/'))
		return -EINVAL;
	while (*p) {
		const char *q;
		__u8 *set;

		if (out->n == RN_WATCH_GLOB)
			return -EINVAL;
		set = out->set[out->n];
		if (out->n == 0)
			out->dotwild = *p != '.' && !(*p == '\\' && p[1] == '.');
		if (*p == '*') {
			out->star[out->n] = 1;
			p++;
		} else if (*p == '?') {
			memset(set, 0xff, 32);
			set[0] &= (__u8)~1u; /* NUL */
			set['/' >> 3] &= (__u8) ~(1u << ('/' & 7));
			p++;
		} else if (*p == '[' && (q = p + 1, !compile_set(&q, set))) {
			p = q;
		} else { /* a '[' without its ']' is itself, as in glob(3) */
			if (*p == '\\' && p[1])
				p++;
			set_bit(set, (unsigned char)*p++);
		}
		out->n++;
	}
	return 0;
}

bool rn_watchglob__match(const struct rn_watch_pattern *w, const char *name)
{
	unsigned n = (unsigned)strlen(name), p = 0, i = 0, next_p = 0, next_i = 0;

	if (n == 0 || n >= RN_WATCH_NAME - 1 || (name[0] == '.' && w->dotwild))
		return false;
	while (p < (unsigned)w->n || i < n) {
		unsigned char ch = (unsigned char)name[i];

		if (p < (unsigned)w->n) {
			if (w->star[p]) {
				next_p = p;
				next_i = i + 1;
				p++;
				continue;
			}
			if (i < n && (w->set[p][ch >> 3] & (1u << (ch & 7)))) {
				p++;
				i++;
				continue;
			}
		}
		if (next_i && next_i <= n) {
			p = next_p;
			i = next_i;
			continue;
		}
		return false;
	}
	return true;
}
