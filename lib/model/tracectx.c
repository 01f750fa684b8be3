// SPDX-License-Identifier: MIT
#include "tracectx.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

static void random_hex(char *out, size_t nbytes)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t buf[16];
	size_t i;

	if (getrandom(buf, nbytes, 0) != (ssize_t)nbytes)
		for (i = 0; i < nbytes; i++)
			buf[i] = (uint8_t)(rand() ^ getpid());
	for (i = 0; i < nbytes; i++) {
		out[2 * i] = hex[buf[i] >> 4];
		out[2 * i + 1] = hex[buf[i] & 15];
	}
	out[2 * nbytes] = '\0';
	if (!strspn(out, "0") || strspn(out, "0") == 2 * nbytes)
		out[0] = '1'; /* W3C forbids all-zero ids */
}

static bool is_lower_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

int rn_traceparent__parse(const char *s, char trace_id[33], char span_id[17], char *err,
			  size_t errlen)
{
	const char *what = NULL;

	if (strlen(s) < RN_TRACEPARENT_LEN)
		what = "too short: expected 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>";
	else if (!is_lower_hex(s, 2) || s[2] != '-' || s[35] != '-' || s[52] != '-')
		what = "not of the form 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>";
	else if (!strncmp(s, "ff", 2))
		what = "version ff is invalid";
	else if (!strncmp(s, "00", 2) && strlen(s) != RN_TRACEPARENT_LEN)
		what = "version 00 must be exactly 55 characters";
	else if (!is_lower_hex(s + 3, 32) || strspn(s + 3, "0") >= 32)
		what = "the trace id must be 32 lowercase hex digits, not all zero";
	else if (!is_lower_hex(s + 36, 16) || strspn(s + 36, "0") >= 16)
		what = "the parent id must be 16 lowercase hex digits, not all zero";
	else if (!is_lower_hex(s + 53, 2))
		what = "the flags must be 2 lowercase hex digits";
	if (what) {
		snprintf(err, errlen, "invalid traceparent '%s': %s", s, what);
		return -EINVAL;
	}
	memcpy(trace_id, s + 3, 32);
	trace_id[32] = '\0';
	memcpy(span_id, s + 36, 16);
	span_id[16] = '\0';
	return 0;
}

void rn_span_id__new(char span[17])
{
	random_hex(span, 8);
}

int rn_tracectx__init(struct rn_tracectx *tc, const char *traceparent, char *err, size_t errlen)
{
	int ret;

	memset(tc, 0, sizeof(*tc));
	if (traceparent && *traceparent) {
		ret =
		    rn_traceparent__parse(traceparent, tc->trace_id, tc->parent_span, err, errlen);
		if (ret)
			return ret;
	} else {
		random_hex(tc->trace_id, 16);
	}
	rn_span_id__new(tc->next_root_span);
	return 0;
}

void rn_tracectx__take_root_span(struct rn_tracectx *tc, char span[17])
{
	memcpy(span, tc->next_root_span, sizeof(tc->next_root_span));
	rn_span_id__new(tc->next_root_span);
}

void rn_tracectx__child_traceparent(const struct rn_tracectx *tc, char out[56])
{
	snprintf(out, RN_TRACEPARENT_LEN + 1, "00-%s-%s-01", tc->trace_id, tc->next_root_span);
}
