// SPDX-License-Identifier: MIT
/*
 * renacer-json-v1 reader (document and JSON Lines). The document is never parsed as a
 * whole: a light scanner finds the top-level keys and array elements, and jansson
 * parses one element at a time. So a big trace costs one record of memory, and a file
 * cut short still yields every complete record before the cut.
 */
#include "trace_json.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace_json_int.h"

#define JFLAGS (JSON_ALLOW_NUL | JSON_DISABLE_EOF_CHECK)

struct jr {
	const char *path;
	const struct rn_tr_sink *sink;
	struct rn_tr_error *err;
	FILE *in;	     /* the input, read front to back by the sequential cursor */
	FILE *spool;	     /* a copy of a document read from a pipe, or NULL */
	bool seekable;	     /* in can seek: the document's arrays are read where they lie */
	uint64_t base;	     /* in's position at the trace's first byte */
	uint64_t spool_base; /* the trace offset of the spool's first byte */
	uint64_t rpos;	     /* where the random-access file is, or UINT64_MAX: unknown */
	uint64_t nrec;	     /* records delivered, for messages */
	bool in_rec;	     /* a record is being delivered: errors name it, else the next */
	/* ids of the events delivered, as runs [lo, hi] (one run when ids have no holes) */
	uint64_t (*ids)[2];
	size_t nids, ids_cap;
	/* ids named by edges and gaps before their event came: checked before finish */
	uint64_t *ahead;
	size_t nahead, ahead_cap;
	/* scratch reused by every event: no allocation per event once grown */
	const char **args;
	size_t args_cap;
	struct rn_tr_capture *caps;
	size_t caps_cap;
	uint8_t *bytes;
	size_t bytes_cap;
	/* blocks owned by the record being delivered (decoded base64 strings, argv) */
	void **owned;
	size_t nowned, owned_cap;
};

/* Where a value came from, for error messages. */
struct at {
	uint64_t off;
	const char *what; /* "syscall", "header", ... */
};

__attribute__((format(printf, 4, 5))) static int fail(struct jr *r, int code, uint64_t off,
						      const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (r->err)
		snprintf(r->err->msg, sizeof(r->err->msg), "%s: byte %llu (record %llu): %s",
			 r->path, (unsigned long long)off,
			 (unsigned long long)(r->nrec + !r->in_rec), why);
	return code;
}

static int fail_truncated(struct jr *r, uint64_t len, const char *why)
{
	if (r->err)
		snprintf(r->err->msg, sizeof(r->err->msg), "%s: truncated at byte %llu: %s",
			 r->path, (unsigned long long)len, why);
	return -EINVAL;
}

static void *own(struct jr *r, size_t size)
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

static void release(struct jr *r)
{
	while (r->nowned)
		free(r->owned[--r->nowned]);
}

static int grow(void **p, size_t *cap, size_t want, size_t elem)
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
static long b64_decode(const char *in, size_t n, uint8_t *out)
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

static int get_int(struct jr *r, const struct at *at, json_t *o, const char *key, int64_t *out,
		   bool required)
{
	json_t *v = json_object_get(o, key);

	if (!v) {
		if (required)
			return fail(r, -EINVAL, at->off, "%s: missing \"%s\"", at->what, key);
		return 0;
	}
	if (!json_is_integer(v))
		return fail(r, -EINVAL, at->off, "%s: \"%s\" is not an integer", at->what, key);
	*out = json_integer_value(v);
	return 0;
}

/* Unsigned 64-bit fields: values above INT64_MAX arrive as their two's complement. */
static int get_u64(struct jr *r, const struct at *at, json_t *o, const char *key, uint64_t *out,
		   bool required)
{
	int64_t v = (int64_t)*out;
	int err = get_int(r, at, o, key, &v, required);

	*out = (uint64_t)v;
	return err;
}

static int get_u32(struct jr *r, const struct at *at, json_t *o, const char *key, uint32_t *out,
		   bool required)
{
	int64_t v = *out;
	int err = get_int(r, at, o, key, &v, required);

	if (err)
		return err;
	if (v < 0 || v > UINT32_MAX)
		return fail(r, -EINVAL, at->off, "%s: \"%s\" out of range (%lld)", at->what, key,
			    (long long)v);
	*out = (uint32_t)v;
	return 0;
}

static int get_bool(struct jr *r, const struct at *at, json_t *o, const char *key, bool *out)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return fail(r, -EINVAL, at->off, "%s: \"%s\" is not a boolean", at->what, key);
	*out = json_is_true(v);
	return 0;
}

/* A string value: "text", null, or {"base64": "..."} for bytes that are not UTF-8. */
static int str_value(struct jr *r, const struct at *at, const char *key, json_t *v,
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
		return fail(r, -EINVAL, at->off, "%s: \"%s\" is not a string", at->what, key);
	s = json_string_value(b);
	n = json_string_length(b);
	d = own(r, n / 4 * 3 + 1);
	if (!d)
		return fail(r, -ENOMEM, at->off, "out of memory");
	dn = b64_decode(s, n, d);
	if (dn < 0)
		return fail(r, -EINVAL, at->off, "%s: \"%s\" has bad base64", at->what, key);
	d[dn] = '\0';
	*out = (const char *)d;
	return 0;
}

static int get_str(struct jr *r, const struct at *at, json_t *o, const char *key, const char **out,
		   bool required)
{
	json_t *v = json_object_get(o, key);

	if (!v) {
		if (required)
			return fail(r, -EINVAL, at->off, "%s: missing \"%s\"", at->what, key);
		return 0;
	}
	return str_value(r, at, key, v, out);
}

/* A string the model holds non-NULL: null is refused. */
static int get_text(struct jr *r, const struct at *at, json_t *o, const char *key, const char **out,
		    bool required)
{
	json_t *v = json_object_get(o, key);

	if (v && json_is_null(v))
		return fail(r, -EINVAL, at->off, "%s: \"%s\" is null", at->what, key);
	return get_str(r, at, o, key, out, required);
}

/* trace_id, span ids: lowercase hex digits, exactly size - 1 of them or none. */
static int get_fixed(struct jr *r, const struct at *at, json_t *o, const char *key, char *dst,
		     size_t size, bool required)
{
	json_t *v = json_object_get(o, key);
	const char *s;
	size_t n;

	if (!v) {
		if (required)
			return fail(r, -EINVAL, at->off, "%s: missing \"%s\"", at->what, key);
		return 0;
	}
	s = json_string_value(v);
	n = s ? strlen(s) : 0;
	if (!s || (n && n != size - 1) || strspn(s, "0123456789abcdef") != n)
		return fail(r, -EINVAL, at->off,
			    "%s: \"%s\" is not %zu lowercase hex digits (or empty)", at->what, key,
			    size - 1);
	memcpy(dst, s, n + 1);
	return 0;
}

/*
 * An array of strings into *vec (NULL-terminated; no element may be null); null (when
 * nullable) gives *vec = NULL. With a scratch vector (events) no allocation happens once
 * it has grown.
 */
static int get_strv(struct jr *r, const struct at *at, json_t *o, const char *key,
		    const char ***vec, uint32_t *n, bool scratch, bool required, bool nullable)
{
	json_t *v = json_object_get(o, key), *x;
	size_t i, count;
	const char **out;
	int err;

	*vec = NULL;
	*n = 0;
	if (!v && required)
		return fail(r, -EINVAL, at->off, "%s: missing \"%s\"", at->what, key);
	if (!v || (json_is_null(v) && nullable))
		return 0;
	if (!json_is_array(v))
		return fail(r, -EINVAL, at->off, "%s: \"%s\" is not an array", at->what, key);
	count = json_array_size(v);
	if (count >= UINT32_MAX)
		return fail(r, -EINVAL, at->off, "%s: \"%s\" too long", at->what, key);
	if (scratch) {
		if (grow((void **)&r->args, &r->args_cap, count + 1, sizeof(*r->args)))
			return fail(r, -ENOMEM, at->off, "out of memory");
		out = r->args;
	} else {
		out = own(r, (count + 1) * sizeof(*out));
		if (!out)
			return fail(r, -ENOMEM, at->off, "out of memory");
	}
	json_array_foreach(v, i, x)
	{
		if (json_is_null(x))
			return fail(r, -EINVAL, at->off, "%s: %s[%zu] is null", at->what, key, i);
		err = str_value(r, at, key, x, &out[i]);
		if (err)
			return err;
	}
	out[count] = NULL;
	*vec = out;
	*n = (uint32_t)count;
	return 0;
}

static int parse_caps(struct jr *r, const struct at *at, json_t *arr, struct rn_tr_event *e)
{
	size_t i, need = 0, used = 0;
	json_t *c;

	if (!json_is_array(arr))
		return fail(r, -EINVAL, at->off, "%s: \"data\" is not an array", at->what);
	if (json_array_size(arr) >= UINT32_MAX)
		return fail(r, -EINVAL, at->off, "%s: \"data\" too long", at->what);
	if (grow((void **)&r->caps, &r->caps_cap, json_array_size(arr) + 1, sizeof(*r->caps)))
		return fail(r, -ENOMEM, at->off, "out of memory");
	json_array_foreach(arr, i, c)
	{
		json_t *t = json_object_get(c, "text"), *b = json_object_get(c, "base64");

		if (json_is_string(t))
			need += json_string_length(t);
		else if (json_is_string(b))
			need += json_string_length(b) / 4 * 3;
	}
	if (grow((void **)&r->bytes, &r->bytes_cap, need + 1, 1))
		return fail(r, -ENOMEM, at->off, "out of memory");

	json_array_foreach(arr, i, c)
	{
		struct rn_tr_capture *cap = &r->caps[i];
		json_t *t = json_object_get(c, "text"), *b = json_object_get(c, "base64");
		uint64_t len = 0;
		int err;

		memset(cap, 0, sizeof(*cap));
		if (!json_is_object(c))
			return fail(r, -EINVAL, at->off, "%s: data[%zu] is not an object", at->what,
				    i);
		if ((err = get_u32(r, at, c, "arg", &cap->arg, true)) ||
		    (err = get_u32(r, at, c, "idx", &cap->idx, true)) ||
		    (err = get_u64(r, at, c, "length", &len, true)) ||
		    (err = get_u64(r, at, c, "full_length", &cap->full_len, true)) ||
		    (err = get_bool(r, at, c, "truncated", &cap->truncated)))
			return err;
		if (t && b)
			return fail(r, -EINVAL, at->off,
				    "%s: data[%zu] has both \"text\" and \"base64\"", at->what, i);
		if (json_is_string(t)) {
			if (json_string_length(t) > UINT32_MAX)
				return fail(r, -EINVAL, at->off, "%s: data[%zu] too long", at->what,
					    i);
			cap->len = (uint32_t)json_string_length(t);
			if (cap->len)
				memcpy(r->bytes + used, json_string_value(t), cap->len);
		} else if (json_is_string(b)) {
			long n = b64_decode(json_string_value(b), json_string_length(b),
					    r->bytes + used);

			if (n < 0 || n > UINT32_MAX)
				return fail(r, -EINVAL, at->off, "%s: data[%zu]: bad base64",
					    at->what, i);
			cap->len = (uint32_t)n;
		} else {
			return fail(r, -EINVAL, at->off, "%s: data[%zu]: no \"text\" or \"base64\"",
				    at->what, i);
		}
		if (len != cap->len)
			return fail(r, -EINVAL, at->off,
				    "%s: data[%zu]: \"length\" %llu but %u bytes of data", at->what,
				    i, (unsigned long long)len, cap->len);
		if (cap->full_len < cap->len)
			return fail(
			    r, -EINVAL, at->off,
			    "%s: data[%zu]: \"full_length\" %llu is less than \"length\" %u",
			    at->what, i, (unsigned long long)cap->full_len, cap->len);
		/* an offset until every capture is decoded: r->bytes does not move after grow */
		cap->data = (const uint8_t *)(uintptr_t)used;
		used += cap->len;
	}
	for (i = 0; i < json_array_size(arr); i++)
		r->caps[i].data = r->bytes + (uintptr_t)r->caps[i].data;
	e->caps = r->caps;
	e->ncaps = (uint32_t)json_array_size(arr);
	return 0;
}

/*
 * What each kind must carry (docs/trace-format.md, the schema): a syscall everything; a
 * signal and an exit their own fields, the rest defaulting as the writer leaves them out.
 */
static int parse_event(struct jr *r, json_t *o, uint64_t off, enum rn_tr_kind kind,
		       struct rn_tr_event *e)
{
	struct at at = {off, rn_tr_kind__name(kind)};
	bool sys = kind == RN_TR_SYSCALL, exit = kind == RN_TR_EXIT;
	json_t *raw, *data, *info;
	uint32_t nargs = 0;
	int64_t nr = -1;
	int err;

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->name = exit ? "exit" : NULL;
	e->result_text = sys ? NULL : "";
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "%s record is not an object", at.what);
	if ((err = get_u64(r, &at, o, "id", &e->id, true)) ||
	    (err = get_u32(r, &at, o, "pid", &e->pid, true)) ||
	    (err = get_u32(r, &at, o, "tid", &e->tid, true)) ||
	    (err = get_text(r, &at, o, "name", &e->name, !exit)) ||
	    (err = get_int(r, &at, o, "nr", &nr, sys)))
		return err;
	if (!e->id)
		return fail(r, -EINVAL, off, "%s: \"id\" is 0 (ids start at 1)", at.what);
	if (nr < INT32_MIN || nr > INT32_MAX)
		return fail(r, -EINVAL, off, "%s: \"nr\" out of range", at.what);
	e->nr = (int32_t)nr;

	if ((err = get_strv(r, &at, o, "args", (const char ***)&e->args, &nargs, true, sys, false)))
		return err;
	e->nargs = nargs;
	info = json_object_get(o, "info");
	if (!json_object_get(o, "args") && info && !sys) {
		if (grow((void **)&r->args, &r->args_cap, 2, sizeof(*r->args)))
			return fail(r, -ENOMEM, off, "out of memory");
		if ((err = get_text(r, &at, o, "info", &r->args[0], true)))
			return err;
		r->args[1] = NULL;
		e->args = r->args;
		e->nargs = 1;
	}
	if (e->nargs > 6)
		return fail(r, -EINVAL, off, "%s: %u args (at most 6)", at.what, e->nargs);
	if (!e->args) {
		/* a pointer to an empty list, never NULL */
		if (grow((void **)&r->args, &r->args_cap, 1, sizeof(*r->args)))
			return fail(r, -ENOMEM, off, "out of memory");
		r->args[0] = NULL;
		e->args = r->args;
	}

	raw = json_object_get(o, "raw_args");
	if (!raw && sys)
		return fail(r, -EINVAL, off, "%s: missing \"raw_args\"", at.what);
	if (raw) {
		size_t i;
		json_t *x;

		if (!json_is_array(raw) || json_array_size(raw) != 6)
			return fail(r, -EINVAL, off, "%s: \"raw_args\" is not an array of 6",
				    at.what);
		json_array_foreach(raw, i, x)
		{
			if (!json_is_integer(x))
				return fail(r, -EINVAL, off, "%s: raw_args[%zu] is not an integer",
					    at.what, i);
			e->raw_args[i] = (uint64_t)json_integer_value(x);
		}
	}

	if (exit) {
		if ((err = get_int(r, &at, o, "wait_status", &e->result, true)) ||
		    (err = get_text(r, &at, o, "text", &e->result_text, true)))
			return err;
	} else if ((err = get_int(r, &at, o, "result", &e->result, sys)) ||
		   (err = get_text(r, &at, o, "result_text", &e->result_text, sys))) {
		return err;
	}
	if ((err = get_str(r, &at, o, "errno", &e->errname, false)) ||
	    (err = get_bool(r, &at, o, "noreturn", &e->noreturn)) ||
	    (err = get_u64(r, &at, o, "enter_nanos", &e->enter_ns, true)) ||
	    (err = get_u64(r, &at, o, "duration_nanos", &e->duration_ns, sys)) ||
	    (err = get_u64(r, &at, o, "lamport", &e->lamport, true)))
		return err;
	data = json_object_get(o, "data");
	if (data && (err = parse_caps(r, &at, data, e)))
		return err;
	return 0;
}

static int parse_header(struct jr *r, json_t *o, uint64_t off, struct rn_tr_header *h)
{
	struct at at = {off, "header"};
	int64_t fv = 0;
	const char *format = NULL;
	const char **argv = NULL;
	json_t *fmt = json_object_get(o, "format");
	int err;

	memset(h, 0, sizeof(*h));
	if (json_object_get(o, "format_version") &&
	    (err = get_int(r, &at, o, "format_version", &fv, true)))
		return err;
	if (fv > RN_TRACE_VERSION)
		return fail(r, -EPROTO, off,
			    "format_version %lld is newer than this renacer reads (%d): "
			    "upgrade renacer to read it",
			    (long long)fv, RN_TRACE_VERSION);
	if (!fmt)
		return fail(r, -EINVAL, off, "not a renacer trace: no \"format\" field");
	format = json_string_value(fmt);
	if (!format || strcmp(format, RN_TRACE_FORMAT))
		return fail(r, -EINVAL, off, "not a %s trace (format is %s%s%s)", RN_TRACE_FORMAT,
			    format ? "\"" : "", format ? format : "not a string",
			    format ? "\"" : "");
	if ((err = get_int(r, &at, o, "format_version", &fv, true)))
		return err;
	if (fv < 1)
		return fail(r, -EINVAL, off, "header: bad format_version %lld", (long long)fv);
	h->format_version = (uint32_t)fv;
	if ((err = get_str(r, &at, o, "version", &h->tool, true)) ||
	    (err = get_fixed(r, &at, o, "trace_id", h->trace_id, sizeof(h->trace_id), true)) ||
	    (err = get_fixed(r, &at, o, "parent_span_id", h->parent_span_id,
			     sizeof(h->parent_span_id), false)) ||
	    (err = get_u64(r, &at, o, "start_time_nanos", &h->start_realtime_ns, false)) ||
	    (err = get_str(r, &at, o, "hostname", &h->hostname, false)) ||
	    (err = get_u32(r, &at, o, "snaplen", &h->snaplen, false)) ||
	    (err = get_strv(r, &at, o, "command", &argv, &h->argc, false, false, true)))
		return err;
	h->argv = (char *const *)argv;
	return 0;
}

static int signal_number(const char *name)
{
	if (!name || strncmp(name, "SIG", 3))
		return -1;
	for (int s = 1; s < 65; s++) {
		const char *abbr = sigabbrev_np(s);

		if (abbr && !strcmp(abbr, name + 3))
			return s;
	}
	return -1;
}

static int parse_env(struct jr *r, const struct at *at, json_t *env, const char *const **out)
{
	const char *key, **vec;
	size_t n = json_object_size(env), i = 0;
	json_t *v;
	int err;

	if (!json_is_object(env))
		return fail(r, -EINVAL, at->off, "process: \"env\" is not an object");
	vec = own(r, (n + 1) * sizeof(*vec));
	if (!vec)
		return fail(r, -ENOMEM, at->off, "out of memory");
	json_object_foreach(env, key, v)
	{
		const char *val;
		char *kv;

		if ((err = str_value(r, at, "env", v, &val)))
			return err;
		val = val ? val : "";
		kv = own(r, strlen(key) + strlen(val) + 2);
		if (!kv)
			return fail(r, -ENOMEM, at->off, "out of memory");
		sprintf(kv, "%s=%s", key, val);
		vec[i++] = kv;
	}
	vec[i] = NULL;
	*out = vec;
	return 0;
}

static int parse_process(struct jr *r, json_t *o, uint64_t off, struct rn_tr_process *p)
{
	struct at at = {off, "process"};
	const char **argv = NULL;
	json_t *ws, *code, *sig, *env;
	int64_t status = 0;
	int err;

	memset(p, 0, sizeof(*p));
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "process record is not an object");
	ws = json_object_get(o, "wait_status");
	code = json_object_get(o, "exit_code");
	sig = json_object_get(o, "signal");
	env = json_object_get(o, "env");
	if ((err = get_u32(r, &at, o, "pid", &p->pid, true)) ||
	    (err = get_u32(r, &at, o, "ppid", &p->ppid, true)) ||
	    (err = get_str(r, &at, o, "exe", &p->exe, true)) ||
	    (err = get_strv(r, &at, o, "argv", &argv, &p->argc, false, true, true)) ||
	    (err = get_u64(r, &at, o, "start_nanos", &p->start_ns, true)) ||
	    (err = get_u64(r, &at, o, "end_nanos", &p->end_ns, false)) ||
	    (err = get_fixed(r, &at, o, "span_id", p->span_id, sizeof(p->span_id), true)) ||
	    (err = get_fixed(r, &at, o, "parent_span_id", p->parent_span_id,
			     sizeof(p->parent_span_id), true)) ||
	    (err = get_u64(r, &at, o, "peak_rss_bytes", &p->peak_rss_bytes, false)) ||
	    (err = get_u64(r, &at, o, "cpu_nanos", &p->cpu_ns, false)))
		return err;
	p->argv = (char *const *)argv;
	/* wait_status is authoritative; exit_code and signal are for people and other tools */
	if (ws) {
		if ((err = get_int(r, &at, o, "wait_status", &status, false)))
			return err;
		if (status < INT32_MIN || status > INT32_MAX)
			return fail(r, -EINVAL, off, "process: \"wait_status\" out of range");
		p->ended = true;
		p->wait_status = (int32_t)status;
	} else if (json_is_integer(code)) {
		p->ended = true;
		p->wait_status = (int32_t)((json_integer_value(code) & 0xff) << 8);
	} else if (sig) {
		int64_t s = json_is_integer(sig) ? json_integer_value(sig)
						 : signal_number(json_string_value(sig));

		if (s <= 0 || s > 127)
			return fail(r, -EINVAL, off, "process: unknown \"signal\"");
		p->ended = true;
		p->wait_status = (int32_t)s;
	}
	if (env && !json_is_null(env) && (err = parse_env(r, &at, env, &p->env)))
		return err;
	return 0;
}

/* Whether an event of this id was delivered. */
static bool known_id(const struct jr *r, uint64_t id)
{
	size_t lo = 0, hi = r->nids;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->ids[mid][1] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nids && r->ids[lo][0] <= id && id <= r->ids[lo][1];
}

/* An id an edge or gap names: an event delivered, or one still to come (checked at the end). */
static int ref_id(struct jr *r, const struct at *at, const char *key, uint64_t id)
{
	uint64_t last = r->nids ? r->ids[r->nids - 1][1] : 0;

	if (id <= last) {
		if (!id || !known_id(r, id))
			return fail(r, -EINVAL, at->off,
				    "%s: \"%s\" names event %llu, not in the trace", at->what, key,
				    (unsigned long long)id);
		return 0;
	}
	if (grow((void **)&r->ahead, &r->ahead_cap, r->nahead + 1, sizeof(*r->ahead)))
		return fail(r, -ENOMEM, at->off, "out of memory");
	r->ahead[r->nahead++] = id;
	return 0;
}

static int parse_edge(struct jr *r, json_t *o, uint64_t off, struct rn_tr_edge *e)
{
	struct at at = {off, "edge"};
	json_t *k;
	int kind = -1;
	int err;

	memset(e, 0, sizeof(*e));
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "edge record is not an object");
	k = json_object_get(o, "kind");
	if (json_is_string(k))
		kind = rn_tr_edge_kind__parse(json_string_value(k));
	if (kind < 0)
		return fail(r, -EINVAL, off,
			    "edge: \"kind\" missing or not one of fork, exec, wait, pipe, signal");
	e->kind = (enum rn_tr_edge_kind)kind;
	if ((err = get_u64(r, &at, o, "from", &e->from, true)) ||
	    (err = get_u64(r, &at, o, "to", &e->to, true)))
		return err;
	if (e->from == e->to)
		return fail(r, -EINVAL, off, "edge: from event %llu to itself",
			    (unsigned long long)e->from);
	if ((err = ref_id(r, &at, "from", e->from)) || (err = ref_id(r, &at, "to", e->to)))
		return err;
	return 0;
}

static int parse_gap(struct jr *r, json_t *o, uint64_t off, struct rn_tr_gap *g)
{
	struct at at = {off, "gap"};
	int err;

	memset(g, 0, sizeof(*g));
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "gap record is not an object");
	if ((err = get_u32(r, &at, o, "tid", &g->tid, true)) ||
	    (err = get_u64(r, &at, o, "after", &g->after_id, true)) ||
	    (err = get_u64(r, &at, o, "before", &g->before_id, true)) ||
	    (err = get_u64(r, &at, o, "lost", &g->lost, true)))
		return err;
	if (g->after_id >= g->before_id || !g->lost)
		return fail(r, -EINVAL, off,
			    "gap: impossible (\"after\" %llu, \"before\" %llu, \"lost\" %llu)",
			    (unsigned long long)g->after_id, (unsigned long long)g->before_id,
			    (unsigned long long)g->lost);
	if ((g->after_id && (err = ref_id(r, &at, "after", g->after_id))) ||
	    (err = ref_id(r, &at, "before", g->before_id)))
		return err;
	return 0;
}
/* Adds the names of map m[i] that no earlier map has (O(1) lookups: keys may be many). */
static size_t stats_names(json_t *const *m, int i, const char **names, size_t n)
{
	const char *key;
	json_t *v;

	json_object_foreach(m[i], key, v)
	{
		int j;

		for (j = 0; j < i && !(m[j] && json_object_get(m[j], key)); j++)
			;
		if (j == i)
			names[n++] = key;
	}
	return n;
}

static int stats_values(struct jr *r, const struct at *at, json_t *map, const char *key,
			const char **names, size_t n, uint64_t *vals)
{
	for (size_t i = 0; i < n; i++) {
		vals[i] = 0;
		if (map && get_u64(r, at, map, names[i], &vals[i], false))
			return fail(r, -EINVAL, at->off, "statistics: %s.%s is not an integer", key,
				    names[i]);
	}
	return 0;
}

static int parse_stats(struct jr *r, json_t *o, uint64_t off, struct rn_tr_stats *s)
{
	struct at at = {off, "statistics"};
	static const char *const maps[] = {"syscall_counts", "syscall_errors",
					   "syscall_duration_nanos"};
	json_t *m[3];
	const char **names;
	uint64_t *vals;
	size_t max = 0, n = 0;
	int err;

	memset(s, 0, sizeof(*s));
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "statistics is not an object");
	for (int i = 0; i < 3; i++) {
		m[i] = json_object_get(o, maps[i]);
		if (m[i] && !json_is_object(m[i]))
			return fail(r, -EINVAL, off, "statistics: \"%s\" is not an object",
				    maps[i]);
		max += json_object_size(m[i]);
	}
	names = own(r, (max + 1) * sizeof(*names));
	vals = own(r, (max + 1) * 3 * sizeof(*vals));
	if (!names || !vals)
		return fail(r, -ENOMEM, off, "out of memory");
	for (int i = 0; i < 3; i++)
		if (m[i])
			n = stats_names(m, i, names, n);
	for (int i = 0; i < 3; i++)
		if ((err = stats_values(r, &at, m[i], maps[i], names, n, vals + i * n)))
			return err;
	s->nsyscalls = (uint32_t)n;
	s->names = names;
	s->calls = vals;
	s->errors = vals + n;
	s->duration_ns = vals + 2 * n;
	if (!m[0])
		return fail(r, -EINVAL, off, "statistics: missing \"syscall_counts\"");
	if ((err = get_u64(r, &at, o, "total_syscalls", &s->total_syscalls, true)) ||
	    (err = get_u64(r, &at, o, "total_duration_nanos", &s->total_duration_ns, true)) ||
	    (err = get_bool(r, &at, o, "incomplete", &s->incomplete)) ||
	    (err = get_u64(r, &at, o, "lost_events", &s->lost_events, false)) ||
	    (err = get_u64(r, &at, o, "truncated", &s->truncated, false)) ||
	    (err = get_u64(r, &at, o, "wall_nanos", &s->wall_ns, false)) ||
	    (err = get_u64(r, &at, o, "cpu_nanos", &s->cpu_ns, false)))
		return err;
	return 0;
}

static int sink_result(struct jr *r, int ret, uint64_t off)
{
	if (ret < 0)
		return fail(r, ret, off, "the consumer failed: %s", strerror(-ret));
	return 0;
}

static int deliver_event(struct jr *r, json_t *o, uint64_t off, enum rn_tr_kind kind)
{
	struct rn_tr_event e;
	uint64_t last = r->nids ? r->ids[r->nids - 1][1] : 0;
	int err;

	r->nrec++;
	r->in_rec = true;
	err = parse_event(r, o, off, kind, &e);
	if (!err && e.id <= last)
		err = fail(r, -EINVAL, off, "%s: id %llu after id %llu (ids must increase)",
			   rn_tr_kind__name(kind), (unsigned long long)e.id,
			   (unsigned long long)last);
	if (!err && r->nids && e.id == last + 1) {
		r->ids[r->nids - 1][1] = e.id;
	} else if (!err) {
		if (grow((void **)&r->ids, &r->ids_cap, r->nids + 1, sizeof(*r->ids)))
			err = fail(r, -ENOMEM, off, "out of memory");
		else
			r->ids[r->nids][0] = r->ids[r->nids][1] = e.id, r->nids++;
	}
	if (!err && r->sink->event)
		err = sink_result(r, r->sink->event(r->sink->ctx, &e), off);
	release(r);
	r->in_rec = false;
	return err;
}

/* Records other than events and the header, by kind; returns 0, or -errno. */
enum rec { REC_PROCESS, REC_EDGE, REC_GAP };

static int deliver_record(struct jr *r, json_t *o, uint64_t off, enum rec kind)
{
	const struct rn_tr_sink *k = r->sink;
	struct rn_tr_process p;
	struct rn_tr_edge e;
	struct rn_tr_gap g;
	int err;

	r->nrec++;
	r->in_rec = true;
	switch (kind) {
	case REC_PROCESS:
		err = parse_process(r, o, off, &p);
		if (!err && k->process)
			err = sink_result(r, k->process(k->ctx, &p), off);
		break;
	case REC_EDGE:
		err = parse_edge(r, o, off, &e);
		if (!err && k->edge)
			err = sink_result(r, k->edge(k->ctx, &e), off);
		break;
	default:
		err = parse_gap(r, o, off, &g);
		if (!err && k->gap)
			err = sink_result(r, k->gap(k->ctx, &g), off);
	}
	release(r);
	r->in_rec = false;
	return err;
}

static int deliver_header(struct jr *r, json_t *o, uint64_t off)
{
	struct rn_tr_header h;
	int err;

	r->nrec++;
	r->in_rec = true;
	err = parse_header(r, o, off, &h);
	if (!err && r->sink->header)
		err = sink_result(r, r->sink->header(r->sink->ctx, &h), off);
	release(r);
	r->in_rec = false;
	return err;
}

static int deliver_finish(struct jr *r, json_t *o, uint64_t off)
{
	struct rn_tr_stats s;
	bool stats = o && !json_is_null(o) && json_object_get(o, "total_syscalls");
	int err = 0;

	r->nrec++;
	r->in_rec = true;
	for (size_t i = 0; !err && i < r->nahead; i++)
		if (!known_id(r, r->ahead[i]))
			err = fail(r, -EINVAL, off,
				   "an edge or gap names event %llu, which is not in the trace",
				   (unsigned long long)r->ahead[i]);
	/* no statistics: a partial trace written by a writer that got finish(NULL) */
	if (!err && stats)
		err = parse_stats(r, o, off, &s);
	if (!err && r->sink->finish)
		err = sink_result(r, r->sink->finish(r->sink->ctx, stats ? &s : NULL), off);
	release(r);
	r->in_rec = false;
	return err;
}

/* ---- the stream ---- */

/*
 * Bytes come through cursors, each a window over [start, start + len) of the trace. The
 * sequential cursor reads the input once, front to back (copying what it reads to a
 * spool file when the input cannot seek and the document's arrays must be revisited);
 * the others read at any offset through fseeko. A cursor drops the bytes before the
 * position asked for, except from `keep` on (the record being gathered), so a window
 * holds one record at most: RN_JSON_RECORD_MAX.
 */
#define CHUNK	((size_t)256 << 10)
#define NO_KEEP UINT64_MAX

struct cur {
	char *buf;
	size_t cap, len;
	uint64_t start; /* offset of buf[0] */
	uint64_t keep;	/* the window keeps bytes from here on (NO_KEEP: none) */
	uint64_t limit; /* no byte at or past it (the end of an array found by the scan) */
	bool eof;	/* the input (or the limit) ends at start + len */
	bool seq;	/* the sequential cursor */
};

static int read_error(struct jr *r, uint64_t off, int code)
{
	return fail(r, code, off, "cannot read: %s", strerror(-code));
}

/* Appends up to n bytes at the window's end. */
static int cur_read(struct jr *r, struct cur *c, size_t n)
{
	uint64_t off = c->start + c->len;
	size_t got;

	if (off >= c->limit) {
		c->eof = true;
		return 0;
	}
	if (n > c->limit - off)
		n = (size_t)(c->limit - off);
	if (c->seq) {
		r->rpos = NO_KEEP; /* the file position moves under the other cursors */
		got = fread(c->buf + c->len, 1, n, r->in);
		if (got < n && ferror(r->in))
			return read_error(r, off + got, -(errno ? errno : EIO));
		if (got && r->spool && fwrite(c->buf + c->len, 1, got, r->spool) != got)
			return fail(r, -EIO, off,
				    "cannot copy the input to a temporary file: %s (make room in "
				    "$TMPDIR, or give the trace as a file)",
				    strerror(errno ? errno : EIO));
	} else {
		FILE *f = r->spool ? r->spool : r->in;
		uint64_t at = r->spool ? off - r->spool_base : r->base + off;

		if (r->rpos != at && fseeko(f, (off_t)at, SEEK_SET))
			return read_error(r, off, -(errno ? errno : EIO));
		got = fread(c->buf + c->len, 1, n, f);
		r->rpos = at + got;
		if (got < n && ferror(f)) {
			r->rpos = NO_KEEP;
			return read_error(r, off + got, -(errno ? errno : EIO));
		}
	}
	c->len += got;
	if (got < n)
		c->eof = true;
	return 0;
}

/*
 * Makes [from, from + n) available in the window (less at the end of the input), keeping
 * what lies after c->keep; *avail: the bytes from `from` on.
 */
static int cur_need(struct jr *r, struct cur *c, uint64_t from, size_t n, size_t *avail)
{
	uint64_t base = c->keep < from ? c->keep : from;
	size_t keep, want, need;
	int err;

	while (c->seq && base > c->start + c->len && !c->eof) {
		/* forward past the window (an escaped byte at its end): read and drop */
		c->start += c->len;
		c->len = 0;
		if (!c->buf && grow((void **)&c->buf, &c->cap, CHUNK, 1))
			return fail(r, -ENOMEM, from, "out of memory");
		if ((err = cur_read(r, c, c->cap)))
			return err;
	}
	if (base < c->start || from > c->start + c->len) {
		if (c->seq && base < c->start)
			return fail(r, -EINVAL, from, "internal error: the input cannot go back");
		if (c->seq) {
			*avail = 0; /* past the end of the input */
			return 0;
		}
		c->start = base;
		c->len = 0;
		c->eof = false;
	}
	want = (size_t)(from + n - base);
	if (want > RN_JSON_RECORD_MAX + (size_t)1)
		return fail(r, -EINVAL, base,
			    "a record longer than %u MiB, the reader's cap on one record (the "
			    "file is damaged, or was not written by renacer)",
			    RN_JSON_RECORD_MAX >> 20);
	if (from + n > c->start + c->len && !c->eof) {
		keep = (size_t)(c->start + c->len - base);
		if (keep && base != c->start)
			memmove(c->buf, c->buf + (base - c->start), keep);
		c->start = base;
		c->len = keep;
		/* room for the record and as much again (up to CHUNK) read ahead */
		need = want + (want < CHUNK ? (want > 4096 ? want : 4096) : CHUNK);
		if (c->cap < need) {
			size_t cap = c->cap ? c->cap : 16384;
			char *b;

			while (cap < need)
				cap *= 2;
			b = realloc(c->buf, cap);
			if (!b)
				return fail(r, -ENOMEM, from, "out of memory");
			c->buf = b;
			c->cap = cap;
		}
		while (c->len < want && !c->eof)
			if ((err = cur_read(r, c, c->cap - c->len)))
				return err;
	}
	*avail = from < c->start + c->len ? (size_t)(c->start + c->len - from) : 0;
	return 0;
}

/* The byte at p; -1 at the end of the input; an error (below -1) has err filled. */
static inline int cur_byte(struct jr *r, struct cur *c, uint64_t p)
{
	size_t avail;
	int err;

	if (p >= c->start && p < c->start + c->len)
		return (uint8_t)c->buf[p - c->start];
	if ((err = cur_need(r, c, p, 1, &avail)))
		return err == -1 ? -EIO : err;
	return avail ? (uint8_t)c->buf[p - c->start] : -1;
}

static const char *cur_ptr(const struct cur *c, uint64_t p)
{
	return c->buf + (p - c->start);
}

static int skip_ws(struct jr *r, struct cur *c, uint64_t *p)
{
	for (;;) {
		int b = cur_byte(r, c, *p);

		if (b < -1)
			return b;
		if (b != ' ' && b != '\n' && b != '\t' && b != '\r')
			return 0;
		(*p)++;
	}
}

enum scan { SCAN_OK, SCAN_TRUNC, SCAN_BAD };

/* *p at '"': moves it past the closing quote. */
static int skip_string(struct jr *r, struct cur *c, uint64_t *p, enum scan *st)
{
	uint64_t q = *p + 1;

	for (;;) {
		const char *s, *e;
		int b;

		if (q - *p > RN_JSON_RECORD_MAX)
			return fail(r, -EINVAL, *p,
				    "a string longer than %u MiB, the reader's cap on one record",
				    RN_JSON_RECORD_MAX >> 20);
		b = cur_byte(r, c, q);

		if (b < -1)
			return b;
		if (b == -1) {
			*st = SCAN_TRUNC;
			return 0;
		}
		s = cur_ptr(c, q);
		e = c->buf + c->len;
		while (s < e && *s != '"' && *s != '\\')
			s++;
		q = c->start + (uint64_t)(s - c->buf);
		if (s == e)
			continue;
		if (*s == '"') {
			*p = q + 1;
			*st = SCAN_OK;
			return 0;
		}
		q += 2; /* a backslash and the byte it escapes */
	}
}

/* Moves *p past the value there without building it (jansson validates what is used). */
static int too_long(struct jr *r, uint64_t off)
{
	return fail(r, -EINVAL, off,
		    "a record longer than %u MiB, the reader's cap on one record (the file is "
		    "damaged, or was not written by renacer)",
		    RN_JSON_RECORD_MAX >> 20);
}

/*
 * Moves *p past the value there without building it (jansson validates what is used).
 * Not kept, but still capped: a string, a number, an element of an array.
 */
static int skip_value(struct jr *r, struct cur *c, uint64_t *p, enum scan *st)
{
	uint64_t q = *p, elem = *p;
	size_t depth = 0;
	int b, err;

	*st = SCAN_TRUNC;
	if ((b = cur_byte(r, c, q)) < 0)
		return b < -1 ? b : 0;
	if (b != '{' && b != '[' && b != '"') {
		while ((b = cur_byte(r, c, q)) >= 0 && !strchr(",}] \t\r\n", b))
			if (++q - *p > RN_JSON_RECORD_MAX)
				return too_long(r, *p);
		if (b < 0)
			return b < -1 ? b : 0;
		*st = q > *p ? SCAN_OK : SCAN_BAD;
		*p = q;
		return 0;
	}
	for (;;) {
		if (q - elem > RN_JSON_RECORD_MAX)
			return too_long(r, elem);
		if ((b = cur_byte(r, c, q)) < 0)
			return b < -1 ? b : 0;
		if (b == '"') {
			if ((err = skip_string(r, c, &q, st)) || *st)
				return err;
			if (!depth) {
				*p = q;
				return 0;
			}
			*st = SCAN_TRUNC;
			continue;
		}
		if (b == '{' || b == '[') {
			if (++depth == 2)
				elem = q;
		} else if (b == ',' && depth == 1) {
			elem = q;
		} else if (b == '}' || b == ']') {
			if (!depth) {
				*st = SCAN_BAD;
				*p = q;
				return 0;
			}
			if (!--depth) {
				*p = q + 1;
				*st = SCAN_OK;
				return 0;
			}
		}
		q++;
	}
}

/*
 * A record whose parse failed at off was cut, not corrupted, when the failure is the
 * end of the input, or a UTF-8 sequence that the end of the input split.
 */
static bool cut_short(const char *s, size_t len, size_t off)
{
	if (off >= len)
		return true;
	if (len - off >= 4)
		return false;
	for (size_t i = off; i < len; i++)
		if (!((uint8_t)s[i] & 0x80))
			return false;
	return true;
}

/*
 * Parses the value at p (an array element, a JSON Lines record): the window grows until
 * jansson finds the value's end. *o NULL and *cut true: the input ends inside it.
 */
static int parse_at(struct jr *r, struct cur *c, uint64_t p, json_t **o, uint64_t *end, bool *cut)
{
	size_t avail = 0, want = 4096;
	json_error_t je;
	int err;

	*o = NULL;
	*cut = false;
	for (;;) {
		if ((err = cur_need(r, c, p, want, &avail)))
			return err;
		if (avail > RN_JSON_RECORD_MAX) /* the window ran past the cap: refuse */
			avail = RN_JSON_RECORD_MAX;
		*o = json_loadb(cur_ptr(c, p), avail, JFLAGS, &je);
		if (*o) {
			*end = p + (size_t)je.position;
			return 0;
		}
		if (json_error_code(&je) != json_error_premature_end_of_input &&
		    !cut_short(cur_ptr(c, p), avail, (size_t)je.position))
			return fail(r, -EINVAL, p + (size_t)je.position, "%s", je.text);
		if (avail == RN_JSON_RECORD_MAX)
			return cur_need(r, c, p, (size_t)RN_JSON_RECORD_MAX + 2, &avail) ?: -EINVAL;
		if (c->eof) {
			*cut = true;
			return 0;
		}
		want = avail * 2;
	}
}

/* ---- JSON Lines ---- */

static int read_lines(struct jr *r, struct cur *c, uint64_t pos)
{
	bool header = false;
	int err = 0;

	for (;;) {
		uint64_t end, p;
		size_t avail;
		const char *nl = NULL, *type;
		json_error_t je;
		json_t *o;
		int kind;

		/* the line, whole in the window */
		c->keep = pos;
		for (size_t from = 0;;) {
			if ((err = cur_need(r, c, pos + from, 1, &avail)))
				return err;
			if (!avail)
				break;
			nl = memchr(cur_ptr(c, pos + from), '\n', avail);
			if (nl)
				break;
			from += avail;
		}
		c->keep = NO_KEEP;
		end = nl ? c->start + (uint64_t)(nl - c->buf) : c->start + c->len;
		if (end == pos && !nl)
			break;
		if (end - pos > RN_JSON_RECORD_MAX) {
			c->keep = pos;
			return cur_need(r, c, pos, (size_t)RN_JSON_RECORD_MAX + 2, &avail)
				   ?: -EINVAL;
		}
		p = pos;
		while (p < end && strchr(" \t\r", *cur_ptr(c, p)))
			p++;
		if (p == end) {
			pos = end + 1;
			continue;
		}
		o = json_loadb(cur_ptr(c, p), (size_t)(end - p), JSON_ALLOW_NUL, &je);
		if (!o) {
			if (!nl)
				return fail_truncated(r, end, "the last line is incomplete");
			return fail(r, -EINVAL, p + (size_t)je.position, "%s", je.text);
		}
		type = json_string_value(json_object_get(o, "type"));
		if (!type) {
			json_decref(o);
			return fail(r, -EINVAL, p, "no \"type\"");
		}
		if (!header && strcmp(type, "header")) {
			json_decref(o);
			return fail(r, -EINVAL, p, "the first record must be the header");
		}
		if (!strcmp(type, "header")) {
			if (header)
				err = fail(r, -EINVAL, p, "a second header");
			else
				err = deliver_header(r, o, p);
			header = true;
		} else if ((kind = rn_tr_kind__parse(type)) >= 0) {
			err = deliver_event(r, o, p, (enum rn_tr_kind)kind);
		} else if (!strcmp(type, "process")) {
			err = deliver_record(r, o, p, REC_PROCESS);
		} else if (!strcmp(type, "edge")) {
			err = deliver_record(r, o, p, REC_EDGE);
		} else if (!strcmp(type, "gap")) {
			err = deliver_record(r, o, p, REC_GAP);
		} else if (!strcmp(type, "statistics")) {
			uint64_t q = end;

			if (!err && (err = skip_ws(r, c, &q)) == 0 && cur_byte(r, c, q) != -1)
				err = fail(r, -EINVAL, q,
					   "data after the statistics line (the last record)");
			if (!err)
				err = deliver_finish(r, o, p);
			json_decref(o);
			return err;
		}
		/* other types: newer writers of version 1 may add records; skip them */
		json_decref(o);
		if (err)
			return err;
		if (!nl) {
			pos = end;
			break;
		}
		pos = end + 1;
	}
	return fail_truncated(r, pos, "no statistics line (the trace did not finish)");
}

/* ---- the document ---- */

struct span {
	uint64_t start, end; /* the value, [start, end); end is the input's end when it was cut */
	bool found;	     /* the key was seen */
};

enum top {
	TOP_SYSCALLS,
	TOP_SIGNALS,
	TOP_EXITS,
	TOP_PROCESSES,
	TOP_EDGES,
	TOP_GAPS,
	TOP_STATS,
	TOP_N
};

static const char *const top_keys[TOP_N] = {
    [TOP_SYSCALLS] = "syscalls",   [TOP_SIGNALS] = "signals", [TOP_EXITS] = "exits",
    [TOP_PROCESSES] = "processes", [TOP_EDGES] = "edges",     [TOP_GAPS] = "gaps",
    [TOP_STATS] = "statistics",
};

/* Top-level keys the header is made of: only these are kept (the rest is skipped). */
static const char *const header_keys[] = {
    "version",		"format",   "format_version", "trace_id", "parent_span_id",
    "start_time_nanos", "hostname", "snaplen",	      "command",
};

struct doc {
	struct span top[TOP_N];
	json_t *header; /* the header keys, parsed */
	enum scan state;
	uint64_t stop; /* where the scan stopped when state != SCAN_OK */
	char why[160];
};

/* Parses [start, end) of the sequential window (kept from start on). */
static int load_span(struct jr *r, struct cur *c, uint64_t start, uint64_t end, json_t **out,
		     json_error_t *je)
{
	size_t avail;
	int err = cur_need(r, c, start, (size_t)(end - start), &avail);

	if (err)
		return err;
	*out = json_loadb(cur_ptr(c, start), (size_t)(end - start),
			  JSON_DECODE_ANY | JSON_ALLOW_NUL, je);
	return *out ? 0 : 1;
}

/* One pass over the top level: where each array is, the header keys parsed. */
static int scan_doc(struct jr *r, struct cur *c, struct doc *d, uint64_t p)
{
	enum scan st = SCAN_OK;
	bool first = true;
	int err = 0, b;

	for (p++;; first = false) {
		uint64_t kend, vend, vstart;
		json_t *key, *val;
		json_error_t je;
		const char *k;
		size_t t, h;

		if ((err = skip_ws(r, c, &p)))
			break;
		if ((b = cur_byte(r, c, p)) == '}') {
			p++;
			if ((err = skip_ws(r, c, &p)))
				break;
			if (cur_byte(r, c, p) != -1) {
				snprintf(d->why, sizeof(d->why),
					 "data after the end of the document");
				st = SCAN_BAD;
			}
			break;
		}
		if (!first) {
			if (b >= 0 && b != ',') {
				snprintf(d->why, sizeof(d->why), "expected ',' or '}'");
				st = SCAN_BAD;
				break;
			}
			p++;
			if ((err = skip_ws(r, c, &p)))
				break;
			b = cur_byte(r, c, p);
		}
		if (b < 0) {
			err = b < -1 ? b : 0;
			st = SCAN_TRUNC;
			break;
		}
		if (b != '"') {
			snprintf(d->why, sizeof(d->why), "expected a key");
			st = SCAN_BAD;
			break;
		}
		kend = p;
		c->keep = p;
		if ((err = skip_string(r, c, &kend, &st)) || st)
			break;
		if ((err = load_span(r, c, p, kend, &key, &je)) != 0) {
			if (err > 0) {
				snprintf(d->why, sizeof(d->why), "bad key: %.140s", je.text);
				st = SCAN_BAD;
				err = 0;
			}
			break;
		}
		c->keep = NO_KEEP;
		vstart = kend;
		if ((err = skip_ws(r, c, &vstart)) || (b = cur_byte(r, c, vstart)) != ':') {
			json_decref(key);
			if (!err && b < -1)
				err = b;
			if (!err) {
				snprintf(d->why, sizeof(d->why), "expected ':'");
				st = b == -1 ? SCAN_TRUNC : SCAN_BAD;
			}
			p = vstart;
			break;
		}
		vstart++;
		if ((err = skip_ws(r, c, &vstart))) {
			json_decref(key);
			break;
		}
		k = json_string_value(key);
		for (t = 0; t < TOP_N && strcmp(top_keys[t], k); t++)
			;
		for (h = 0;
		     h < sizeof(header_keys) / sizeof(header_keys[0]) && strcmp(header_keys[h], k);
		     h++)
			;
		if ((t < TOP_N && d->top[t].found) ||
		    (h < sizeof(header_keys) / sizeof(header_keys[0]) &&
		     json_object_get(d->header, k))) {
			snprintf(d->why, sizeof(d->why), "\"%s\" appears twice", k);
			json_decref(key);
			st = SCAN_BAD;
			break;
		}
		vend = vstart;
		if (t == TOP_N && h < sizeof(header_keys) / sizeof(header_keys[0]))
			c->keep = vstart;
		if ((err = skip_value(r, c, &vend, &st))) {
			json_decref(key);
			break;
		}
		if (t < TOP_N) {
			/* a cut array still yields its complete elements */
			d->top[t] = (struct span){vstart, st == SCAN_OK ? vend : NO_KEEP, true};
		} else if (!st && c->keep != NO_KEEP) {
			err = load_span(r, c, vstart, vend, &val, &je);
			if (!err) {
				json_object_set_new(d->header, k, val);
			} else if (err > 0) {
				vend = vstart + (size_t)je.position;
				snprintf(d->why, sizeof(d->why), "%s", je.text);
				st = SCAN_BAD;
				err = 0;
			}
		}
		c->keep = NO_KEEP;
		json_decref(key);
		if (err)
			break;
		if (st) {
			if (!d->why[0])
				snprintf(d->why, sizeof(d->why), "malformed value");
			p = st == SCAN_BAD ? vend : p;
			break;
		}
		p = vend;
	}
	c->keep = NO_KEEP;
	d->state = st;
	/* cut: the input's length, which the sequential cursor has reached */
	d->stop = st == SCAN_TRUNC ? c->start + c->len : p;
	return err;
}

/* Iterates the elements of an array span; *o is NULL at the end (or at a cut). */
struct elems {
	struct cur c;
	struct span sp;
	uint64_t pos;
	bool started, done;
};

static void elems_init(struct elems *it, const struct span *sp)
{
	memset(it, 0, sizeof(*it));
	it->sp = *sp;
	it->c.keep = NO_KEEP;
	it->c.limit = sp->end;
	it->c.start = sp->start;
}

static int next_elem(struct jr *r, struct elems *it, json_t **o, uint64_t *off)
{
	uint64_t p = it->started ? it->pos : it->sp.start, end;
	bool cut;
	int err, b;

	*o = NULL;
	if (it->done || !it->sp.found)
		return 0;
	if ((err = skip_ws(r, &it->c, &p)))
		return err;
	b = cur_byte(r, &it->c, p);
	if (b < -1)
		return b;
	if (!it->started) {
		if (b == -1) {
			it->done = true;
			return 0;
		}
		if (b != '[')
			return fail(r, -EINVAL, p, "expected an array");
		p++;
		if ((err = skip_ws(r, &it->c, &p)))
			return err;
		b = cur_byte(r, &it->c, p);
	} else if (b == ',') {
		p++;
		if ((err = skip_ws(r, &it->c, &p)))
			return err;
		b = cur_byte(r, &it->c, p);
		if (b == ']')
			return fail(r, -EINVAL, p, "expected a value after ','");
	} else if (b >= 0 && b != ']') {
		return fail(r, -EINVAL, p, "expected ',' or ']'");
	}
	if (b < -1)
		return b;
	if (b == -1 || b == ']') {
		it->done = true;
		return 0;
	}
	it->started = true;
	if ((err = parse_at(r, &it->c, p, o, &end, &cut)))
		return err;
	if (cut) {
		it->done = true;
		return 0;
	}
	*off = p;
	it->pos = end;
	return 0;
}

static void elems_free(struct elems *it)
{
	free(it->c.buf);
	it->c.buf = NULL;
}

/* The "id" of a parsed event, for the merge (a bad one fails later, in parse_event). */
static uint64_t id_of(json_t *o)
{
	json_t *id = json_object_get(o, "id");

	return json_is_integer(id) ? (uint64_t)json_integer_value(id) : 0;
}

/* Syscalls, signals and exits, merged by id: one record of each array in memory. */
static int read_events(struct jr *r, struct doc *d)
{
	static const enum top tops[3] = {TOP_SYSCALLS, TOP_SIGNALS, TOP_EXITS};
	static const enum rn_tr_kind kinds[3] = {RN_TR_SYSCALL, RN_TR_SIGNAL, RN_TR_EXIT};
	struct elems it[3];
	json_t *o[3] = {NULL, NULL, NULL};
	uint64_t off[3] = {0, 0, 0};
	int err = 0;

	for (int i = 0; i < 3; i++)
		elems_init(&it[i], &d->top[tops[i]]);
	for (int i = 0; i < 3 && !err; i++)
		err = next_elem(r, &it[i], &o[i], &off[i]);
	while (!err) {
		int k = -1;

		for (int i = 0; i < 3; i++)
			if (o[i] && (k < 0 || id_of(o[i]) < id_of(o[k])))
				k = i;
		if (k < 0)
			break;
		err = deliver_event(r, o[k], off[k], kinds[k]);
		json_decref(o[k]);
		o[k] = NULL;
		if (!err)
			err = next_elem(r, &it[k], &o[k], &off[k]);
	}
	for (int i = 0; i < 3; i++) {
		json_decref(o[i]);
		elems_free(&it[i]);
	}
	return err;
}

static int read_doc_records(struct jr *r, struct doc *d)
{
	static const struct {
		enum top top;
		enum rec rec;
	} rest[] = {{TOP_PROCESSES, REC_PROCESS}, {TOP_EDGES, REC_EDGE}, {TOP_GAPS, REC_GAP}};
	int err = read_events(r, d);

	for (size_t k = 0; !err && k < sizeof(rest) / sizeof(rest[0]); k++) {
		struct elems e;
		uint64_t off = 0;
		json_t *o;

		elems_init(&e, &d->top[rest[k].top]);
		while (!(err = next_elem(r, &e, &o, &off)) && o) {
			err = deliver_record(r, o, off, rest[k].rec);
			json_decref(o);
			if (err)
				break;
		}
		elems_free(&e);
	}
	return err;
}

static int read_stats(struct jr *r, const struct span *st)
{
	struct cur c = {.keep = NO_KEEP, .limit = st->end, .start = st->start};
	json_error_t je;
	size_t avail;
	json_t *o;
	int err;

	err = cur_need(r, &c, st->start, (size_t)(st->end - st->start), &avail);
	if (!err) {
		o = json_loadb(cur_ptr(&c, st->start), avail, JSON_DECODE_ANY | JSON_ALLOW_NUL,
			       &je);
		if (!o)
			err = fail(r, -EINVAL, st->start + (size_t)je.position, "statistics: %s",
				   je.text);
		else
			err = deliver_finish(r, o, st->start);
		json_decref(o);
	}
	free(c.buf);
	return err;
}

/* The sequential cursor cannot come back: a document from a pipe is copied as it is read. */
static int start_spool(struct jr *r, struct cur *c)
{
	r->spool = tmpfile();
	if (!r->spool)
		return fail(r, -errno, c->start,
			    "cannot create a temporary file to read the document from a pipe: %s "
			    "(set TMPDIR to a writable directory, or give the trace as a file)",
			    strerror(errno));
	r->spool_base = c->start;
	r->rpos = 0;
	if (c->len && fwrite(c->buf, 1, c->len, r->spool) != c->len)
		return fail(r, -EIO, c->start, "cannot copy the input to a temporary file: %s",
			    strerror(errno ? errno : EIO));
	return 0;
}

static int read_doc(struct jr *r, struct cur *c, uint64_t start)
{
	struct doc d = {.header = json_object()};
	struct span *st = &d.top[TOP_STATS];
	bool reached = false;
	int err = 0;

	if (!d.header)
		return fail(r, -ENOMEM, 0, "out of memory");
	if (!r->seekable && (err = start_spool(r, c)))
		goto out;
	if ((err = scan_doc(r, c, &d, start)))
		goto out;
	if (r->spool && fflush(r->spool)) {
		err = fail(r, -EIO, d.stop, "cannot copy the input to a temporary file: %s",
			   strerror(errno ? errno : EIO));
		goto out;
	}
	for (int t = 0; t < TOP_N; t++) {
		reached |= d.top[t].found;
		if (d.top[t].end == NO_KEEP)
			d.top[t].end = d.stop;
	}
	/* a cut inside the header lines: nothing complete to deliver */
	if (d.state == SCAN_TRUNC && !reached) {
		err = fail_truncated(r, d.stop, "the file ends inside the header");
		goto out;
	}
	if (d.state == SCAN_BAD && !reached) {
		err = fail(r, -EINVAL, d.stop, "%s", d.why);
		goto out;
	}
	r->nrec = 0;
	err = deliver_header(r, d.header, start);
	if (!err)
		err = read_doc_records(r, &d);
	if (err)
		goto out;
	if (d.state == SCAN_TRUNC) {
		err = fail_truncated(r, d.stop,
				     "the document does not end; records before the cut were read");
	} else if (d.state == SCAN_BAD) {
		err = fail(r, -EINVAL, d.stop, "%s", d.why);
	} else if (!d.top[TOP_SYSCALLS].found) {
		err = fail(r, -EINVAL, start, "no \"syscalls\" array: not a renacer-json-v1 trace");
	} else if (!st->found) {
		err = fail_truncated(r, d.stop, "no \"statistics\" (the trace did not finish)");
	} else {
		err = read_stats(r, st);
	}
out:
	json_decref(d.header);
	return err;
}

/*
 * JSON Lines when the first line is a whole object with a "type" (the header record);
 * the line stays in the window. A header line is small: one past SNIFF_MAX is a document.
 */
#define SNIFF_MAX ((size_t)4 << 20)

static int looks_like_lines(struct jr *r, struct cur *c, uint64_t start, bool *lines)
{
	const char *nl = NULL;
	size_t avail = 0;
	json_error_t je;
	json_t *o;
	int err;

	*lines = false;
	c->keep = start;
	for (size_t from = 0;;) {
		/* a first line that long is a document written on one line: not parsed whole */
		if (from > SNIFF_MAX) {
			c->keep = NO_KEEP;
			return 0;
		}
		err = cur_need(r, c, start + from, 1, &avail);
		if (err || !avail)
			break;
		nl = memchr(cur_ptr(c, start + from), '\n', avail);
		if (nl)
			break;
		from += avail;
	}
	if (!err) {
		size_t n =
		    (size_t)((nl ? c->start + (uint64_t)(nl - c->buf) : c->start + c->len) - start);

		if (memmem(cur_ptr(c, start), n, "\"type\"", 6)) {
			o = json_loadb(cur_ptr(c, start), n, JSON_ALLOW_NUL, &je);
			*lines = json_is_string(json_object_get(o, "type"));
			json_decref(o);
		}
	}
	c->keep = NO_KEEP;
	return err;
}

int rn_json__read(const char *path, const struct rn_tr_sink *sink, struct rn_tr_error *err)
{
	FILE *f;
	int ret;

	if (!path || !sink)
		return -EINVAL;
	f = fopen(path, "re");
	if (!f) {
		ret = -errno;
		if (err)
			snprintf(err->msg, sizeof(err->msg), "%s: cannot open: %s", path,
				 strerror(-ret));
		return ret;
	}
	ret = rn_json__read_file(f, path, sink, err);
	fclose(f);
	return ret;
}

int rn_json__read_file(FILE *f, const char *name, const struct rn_tr_sink *sink,
		       struct rn_tr_error *err)
{
	struct rn_tr_error dummy;
	struct jr r = {.path = name, .sink = sink, .err = err ? err : &dummy, .in = f};
	struct cur c = {.keep = NO_KEEP, .limit = NO_KEEP, .seq = true};
	uint64_t start = 0;
	off_t here;
	bool lines = false;
	int ret, b;

	r.err->msg[0] = '\0';
	if (!f || !name || !sink)
		return -EINVAL;
	/* seekable: the document's arrays are read where they lie, else through a spool */
	here = ftello(f);
	r.seekable = here >= 0 && !fseeko(f, here, SEEK_SET);
	r.base = r.seekable ? (uint64_t)here : 0;
	r.rpos = r.base;
	ret = skip_ws(&r, &c, &start);
	if (!ret) {
		b = cur_byte(&r, &c, start);
		if (b < -1)
			ret = b;
		else if (b == -1)
			ret =
			    start
				? fail(&r, -EINVAL, start, "not a renacer trace: only white space")
				: fail(&r, -EINVAL, 0, "not a renacer trace: the file is empty");
		else if (b != '{')
			ret = fail(&r, -EINVAL, start, "not a renacer trace: expected '{'");
	}
	if (!ret)
		ret = looks_like_lines(&r, &c, start, &lines);
	if (!ret)
		ret = lines ? read_lines(&r, &c, start) : read_doc(&r, &c, start);
	release(&r);
	free(r.owned);
	free(r.args);
	free(r.caps);
	free(r.bytes);
	free(r.ids);
	free(r.ahead);
	free(c.buf);
	if (r.spool)
		fclose(r.spool);
	return ret;
}
