// SPDX-License-Identifier: MIT
/* The renacer-json-v1 reader's typed fields: JSON values into model fields, with messages. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace_json.h"
#include "trace_json_rd.h"

__attribute__((format(printf, 4, 5))) int rn_jr__fail(struct jr *r, int code, uint64_t off,
						      const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return rn_error__set(r->err, code, "%s: byte %llu (record %llu): %s", r->path,
			     (unsigned long long)off, (unsigned long long)(r->nrec + !r->in_rec),
			     why);
}

int rn_jr__fail_truncated(struct jr *r, uint64_t len, const char *why)
{
	return rn_error__set(r->err, -EINVAL, "%s: truncated at byte %llu: %s", r->path,
			     (unsigned long long)len, why);
}

void *rn_jr__own(struct jr *r, size_t size)
{
	void *p;

	if (r->nowned == r->owned_cap) {
		size_t cap = r->owned_cap ? r->owned_cap * 2 : 16;
		void **v = realloc(r->owned, cap * sizeof(*v));

		if (!v)
			return NULL;
		r->owned = v;
		r->owned_cap = cap;
	}
	p = malloc(size ? size : 1);
	if (p)
		r->owned[r->nowned++] = p;
	return p;
}

void rn_jr__release(struct jr *r)
{
	while (r->nowned)
		free(r->owned[--r->nowned]);
}

int rn_jr__grow(void **p, size_t *cap, size_t want, size_t elem)
{
	size_t n = *cap ? *cap : 16;
	void *q;

	if (want <= *cap)
		return 0;
	while (n < want)
		n *= 2;
	q = realloc(*p, n * elem);
	if (!q)
		return -ENOMEM;
	*p = q;
	*cap = n;
	return 0;
}

static int b64val(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decodes padded base64 into out (room for n / 4 * 3 bytes); returns the length or -1. */
long rn_jr__b64_decode(const char *in, size_t n, uint8_t *out)
{
	size_t o = 0;

	if (n % 4)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int v[4], pad = 0;

		for (int k = 0; k < 4; k++) {
			uint8_t c = (uint8_t)in[i + k];

			if (c == '=' && i + 4 == n && k >= 2 && (k == 3 || in[i + 3] == '=')) {
				v[k] = 0;
				pad++;
				continue;
			}
			if (pad || (v[k] = b64val(c)) < 0)
				return -1;
		}
		out[o++] = (uint8_t)(v[0] << 2 | v[1] >> 4);
		if (pad < 2)
			out[o++] = (uint8_t)(v[1] << 4 | v[2] >> 2);
		if (pad < 1)
			out[o++] = (uint8_t)(v[2] << 6 | v[3]);
	}
	return (long)o;
}

int rn_jr__get_int(struct jr *r, const struct at *at, json_t *o, const char *key, int64_t *out,
		   bool required)
{
	json_t *v = json_object_get(o, key);

	if (!v) {
		if (required)
			return rn_jr__fail(r, -EINVAL, at->off, "%s: missing \"%s\"", at->what,
					   key);
		return 0;
	}
	if (!json_is_integer(v))
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"%s\" is not an integer", at->what,
				   key);
	*out = json_integer_value(v);
	return 0;
}

/* Unsigned 64-bit fields: values above INT64_MAX arrive as their two's complement. */
int rn_jr__get_u64(struct jr *r, const struct at *at, json_t *o, const char *key, uint64_t *out,
		   bool required)
{
	int64_t v = (int64_t)*out;
	int err = rn_jr__get_int(r, at, o, key, &v, required);

	*out = (uint64_t)v;
	return err;
}

int rn_jr__get_u32(struct jr *r, const struct at *at, json_t *o, const char *key, uint32_t *out,
		   bool required)
{
	int64_t v = *out;
	int err = rn_jr__get_int(r, at, o, key, &v, required);

	if (err)
		return err;
	if (v < 0 || v > UINT32_MAX)
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"%s\" out of range (%lld)", at->what,
				   key, (long long)v);
	*out = (uint32_t)v;
	return 0;
}

int rn_jr__get_bool(struct jr *r, const struct at *at, json_t *o, const char *key, bool *out)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"%s\" is not a boolean", at->what,
				   key);
	*out = json_is_true(v);
	return 0;
}

/* A string value: "text", null, or {"base64": "..."} for bytes that are not UTF-8. */
int rn_jr__str_value(struct jr *r, const struct at *at, const char *key, json_t *v,
		     const char **out)
{
	json_t *b;
	const char *s;
	size_t n;
	long dn;
	uint8_t *d;

	if (json_is_null(v)) {
		*out = NULL;
		return 0;
	}
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return 0;
	}
	b = json_object_get(v, "base64");
	if (!json_is_object(v) || !json_is_string(b))
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"%s\" is not a string", at->what,
				   key);
	s = json_string_value(b);
	n = json_string_length(b);
	d = rn_jr__own(r, n / 4 * 3 + 1);
	if (!d)
		return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");
	dn = rn_jr__b64_decode(s, n, d);
	if (dn < 0)
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"%s\" has bad base64", at->what, key);
	d[dn] = '\0';
	*out = (const char *)d;
	return 0;
}

int rn_jr__get_str(struct jr *r, const struct at *at, json_t *o, const char *key, const char **out,
		   bool required)
{
	json_t *v = json_object_get(o, key);

	if (!v) {
		if (required)
			return rn_jr__fail(r, -EINVAL, at->off, "%s: missing \"%s\"", at->what,
					   key);
		return 0;
	}
	return rn_jr__str_value(r, at, key, v, out);
}

/* A string the model holds non-NULL: null is refused. */
int rn_jr__get_text(struct jr *r, const struct at *at, json_t *o, const char *key, const char **out,
		    bool required)
{
	json_t *v = json_object_get(o, key);

	if (v && json_is_null(v))
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"%s\" is null", at->what, key);
	return rn_jr__get_str(r, at, o, key, out, required);
}

/* trace_id, span ids: lowercase hex digits, exactly size - 1 of them or none. */
int rn_jr__get_fixed(struct jr *r, const struct at *at, json_t *o, const char *key, char *dst,
		     size_t size, bool required)
{
	json_t *v = json_object_get(o, key);
	const char *s;
	size_t n;

	if (!v) {
		if (required)
			return rn_jr__fail(r, -EINVAL, at->off, "%s: missing \"%s\"", at->what,
					   key);
		return 0;
	}
	s = json_string_value(v);
	n = s ? strlen(s) : 0;
	if (!s || (n && n != size - 1) || strspn(s, "0123456789abcdef") != n)
		return rn_jr__fail(r, -EINVAL, at->off,
				   "%s: \"%s\" is not %zu lowercase hex digits (or empty)",
				   at->what, key, size - 1);
	memcpy(dst, s, n + 1);
	return 0;
}

/*
 * An array of strings into *vec (NULL-terminated; no element may be null); null (when
 * nullable) gives *vec = NULL. With a scratch vector (events) no allocation happens once
 * it has grown.
 */
int rn_jr__get_strv(struct jr *r, const struct at *at, json_t *o, const char *key,
		    const char ***vec, uint32_t *n, bool scratch, bool required, bool nullable)
{
	json_t *v = json_object_get(o, key), *x;
	size_t i, count;
	const char **out;
	int err;

	*vec = NULL;
	*n = 0;
	if (!v && required)
		return rn_jr__fail(r, -EINVAL, at->off, "%s: missing \"%s\"", at->what, key);
	if (!v || (json_is_null(v) && nullable))
		return 0;
	if (!json_is_array(v))
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"%s\" is not an array", at->what,
				   key);
	count = json_array_size(v);
	if (count >= UINT32_MAX)
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"%s\" too long", at->what, key);
	if (scratch) {
		if (rn_jr__grow((void **)&r->args, &r->args_cap, count + 1, sizeof(*r->args)))
			return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");
		out = r->args;
	} else {
		out = rn_jr__own(r, (count + 1) * sizeof(*out));
		if (!out)
			return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");
	}
	json_array_foreach(v, i, x)
	{
		if (json_is_null(x))
			return rn_jr__fail(r, -EINVAL, at->off, "%s: %s[%zu] is null", at->what,
					   key, i);
		err = rn_jr__str_value(r, at, key, x, &out[i]);
		if (err)
			return err;
	}
	out[count] = NULL;
	*vec = out;
	*n = (uint32_t)count;
	return 0;
}
