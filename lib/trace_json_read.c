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
	const char *buf;
	size_t len;
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
	size_t off;
	const char *what; /* "syscall", "header", ... */
};

__attribute__((format(printf, 4, 5))) static int fail(struct jr *r, int code, size_t off,
						      const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (r->err)
		snprintf(r->err->msg, sizeof(r->err->msg), "%s: byte %zu: %s", r->path, off, why);
	return code;
}

static int fail_truncated(struct jr *r, const char *why)
{
	if (r->err)
		snprintf(r->err->msg, sizeof(r->err->msg), "%s: truncated at byte %zu: %s", r->path,
			 r->len, why);
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

static int get_fixed(struct jr *r, const struct at *at, json_t *o, const char *key, char *dst,
		     size_t size)
{
	const char *s = NULL;
	int err = get_str(r, at, o, key, &s, false);

	if (err || !s)
		return err;
	if (strlen(s) >= size)
		return fail(r, -EINVAL, at->off, "%s: \"%s\" longer than %zu characters", at->what,
			    key, size - 1);
	strcpy(dst, s);
	return 0;
}

/*
 * An array of strings into *vec (NULL-terminated); null gives *vec = NULL. With a
 * scratch vector (events) no allocation happens once it has grown.
 */
static int get_strv(struct jr *r, const struct at *at, json_t *o, const char *key,
		    const char ***vec, uint32_t *n, bool scratch)
{
	json_t *v = json_object_get(o, key), *x;
	size_t i, count;
	const char **out;
	int err;

	if (!v || json_is_null(v)) {
		*vec = NULL;
		*n = 0;
		return 0;
	}
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
		uint64_t len = UINT64_MAX;
		int err;

		memset(cap, 0, sizeof(*cap));
		if (!json_is_object(c))
			return fail(r, -EINVAL, at->off, "%s: data[%zu] is not an object", at->what,
				    i);
		if ((err = get_u32(r, at, c, "arg", &cap->arg, true)) ||
		    (err = get_u32(r, at, c, "idx", &cap->idx, true)) ||
		    (err = get_u64(r, at, c, "length", &len, false)) ||
		    (err = get_bool(r, at, c, "truncated", &cap->truncated)))
			return err;
		if (json_is_string(t)) {
			cap->len = (uint32_t)json_string_length(t);
			memcpy(r->bytes + used, json_string_value(t), cap->len);
		} else if (json_is_string(b)) {
			long n = b64_decode(json_string_value(b), json_string_length(b),
					    r->bytes + used);

			if (n < 0)
				return fail(r, -EINVAL, at->off, "%s: data[%zu]: bad base64",
					    at->what, i);
			cap->len = (uint32_t)n;
		} else {
			return fail(r, -EINVAL, at->off, "%s: data[%zu]: no \"text\" or \"base64\"",
				    at->what, i);
		}
		if (len != UINT64_MAX && len != cap->len)
			return fail(r, -EINVAL, at->off,
				    "%s: data[%zu]: \"length\" %llu but %u bytes of data", at->what,
				    i, (unsigned long long)len, cap->len);
		cap->full_len = cap->len;
		if ((err = get_u64(r, at, c, "full_length", &cap->full_len, false)))
			return err;
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

static int parse_event(struct jr *r, json_t *o, size_t off, enum rn_tr_kind kind,
		       struct rn_tr_event *e)
{
	struct at at = {off, rn_tr_kind__name(kind)};
	bool exit = kind == RN_TR_EXIT;
	json_t *raw, *data, *info;
	uint32_t nargs = 0;
	int err;

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->nr = -1;
	e->name = exit ? "exit" : NULL;
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "%s record is not an object", at.what);
	if ((err = get_u64(r, &at, o, "id", &e->id, true)) ||
	    (err = get_u32(r, &at, o, "pid", &e->pid, true)) ||
	    (err = get_u32(r, &at, o, "tid", &e->tid, true)) ||
	    (err = get_str(r, &at, o, "name", &e->name, !exit)))
		return err;
	if (!e->name && !exit)
		return fail(r, -EINVAL, off, "%s: \"name\" is null", at.what);

	int64_t nr = -1;
	if ((err = get_int(r, &at, o, "nr", &nr, false)))
		return err;
	if (nr < INT32_MIN || nr > INT32_MAX)
		return fail(r, -EINVAL, off, "%s: \"nr\" out of range", at.what);
	e->nr = (int32_t)nr;

	if ((err = get_strv(r, &at, o, "args", (const char ***)&e->args, &nargs, true)))
		return err;
	e->nargs = nargs;
	info = json_object_get(o, "info");
	if (!json_object_get(o, "args") && info) {
		if (grow((void **)&r->args, &r->args_cap, 2, sizeof(*r->args)))
			return fail(r, -ENOMEM, off, "out of memory");
		if ((err = str_value(r, &at, "info", info, &r->args[0])))
			return err;
		r->args[1] = NULL;
		e->args = r->args;
		e->nargs = 1;
	}

	raw = json_object_get(o, "raw_args");
	if (raw) {
		size_t i;
		json_t *x;

		if (!json_is_array(raw) || json_array_size(raw) > 6)
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
		if ((err = get_int(r, &at, o, "result", &e->result, false)) ||
		    (err = get_int(r, &at, o, "wait_status", &e->result, false)) ||
		    (err = get_str(r, &at, o, "result_text", &e->result_text, false)) ||
		    (err = get_str(r, &at, o, "text", &e->result_text, false)))
			return err;
	} else if ((err = get_int(r, &at, o, "result", &e->result, false)) ||
		   (err = get_str(r, &at, o, "result_text", &e->result_text, false))) {
		return err;
	}
	if ((err = get_str(r, &at, o, "errno", &e->errname, false)) ||
	    (err = get_bool(r, &at, o, "noreturn", &e->noreturn)) ||
	    (err = get_u64(r, &at, o, "enter_nanos", &e->enter_ns, false)) ||
	    (err = get_u64(r, &at, o, "duration_nanos", &e->duration_ns, false)) ||
	    (err = get_u64(r, &at, o, "lamport", &e->lamport, false)))
		return err;
	data = json_object_get(o, "data");
	if (data && (err = parse_caps(r, &at, data, e)))
		return err;
	return 0;
}

static int parse_header(struct jr *r, json_t *o, size_t off, struct rn_tr_header *h)
{
	struct at at = {off, "header"};
	int64_t fv = RN_TRACE_VERSION;
	const char *format = NULL;
	const char **argv = NULL;
	json_t *fmt = json_object_get(o, "format");
	int err;

	memset(h, 0, sizeof(*h));
	if ((err = get_int(r, &at, o, "format_version", &fv, false)))
		return err;
	if (fv > RN_TRACE_VERSION)
		return fail(r, -EPROTO, off,
			    "format_version %lld is newer than this renacer reads (%d): "
			    "upgrade renacer to read it",
			    (long long)fv, RN_TRACE_VERSION);
	if (fv < 1)
		return fail(r, -EINVAL, off, "header: bad format_version %lld", (long long)fv);
	if (!fmt)
		return fail(r, -EINVAL, off, "not a renacer trace: no \"format\" field");
	format = json_string_value(fmt);
	if (!format || strcmp(format, RN_TRACE_FORMAT))
		return fail(r, -EINVAL, off, "not a %s trace (format is %s%s%s)", RN_TRACE_FORMAT,
			    format ? "\"" : "", format ? format : "not a string",
			    format ? "\"" : "");
	h->format_version = (uint32_t)fv;
	if ((err = get_str(r, &at, o, "version", &h->tool, false)) ||
	    (err = get_fixed(r, &at, o, "trace_id", h->trace_id, sizeof(h->trace_id))) ||
	    (err = get_fixed(r, &at, o, "parent_span_id", h->parent_span_id,
			     sizeof(h->parent_span_id))) ||
	    (err = get_u64(r, &at, o, "start_time_nanos", &h->start_realtime_ns, false)) ||
	    (err = get_str(r, &at, o, "hostname", &h->hostname, false)) ||
	    (err = get_u32(r, &at, o, "snaplen", &h->snaplen, false)) ||
	    (err = get_strv(r, &at, o, "command", &argv, &h->argc, false)))
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

static int parse_process(struct jr *r, json_t *o, size_t off, struct rn_tr_process *p)
{
	struct at at = {off, "process"};
	const char **argv = NULL;
	json_t *ws = json_object_get(o, "wait_status"), *code = json_object_get(o, "exit_code");
	json_t *sig = json_object_get(o, "signal"), *env = json_object_get(o, "env");
	int64_t status = 0;
	int err;

	memset(p, 0, sizeof(*p));
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "process record is not an object");
	if ((err = get_u32(r, &at, o, "pid", &p->pid, true)) ||
	    (err = get_u32(r, &at, o, "ppid", &p->ppid, false)) ||
	    (err = get_str(r, &at, o, "exe", &p->exe, false)) ||
	    (err = get_strv(r, &at, o, "argv", &argv, &p->argc, false)) ||
	    (err = get_u64(r, &at, o, "start_nanos", &p->start_ns, false)) ||
	    (err = get_u64(r, &at, o, "end_nanos", &p->end_ns, false)) ||
	    (err = get_fixed(r, &at, o, "span_id", p->span_id, sizeof(p->span_id))) ||
	    (err = get_fixed(r, &at, o, "parent_span_id", p->parent_span_id,
			     sizeof(p->parent_span_id))) ||
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
		int s = json_is_integer(sig) ? (int)json_integer_value(sig)
					     : signal_number(json_string_value(sig));

		if (s <= 0 || s > 127)
			return fail(r, -EINVAL, off, "process: unknown \"signal\"");
		p->ended = true;
		p->wait_status = s;
	}
	if (env && !json_is_null(env) && (err = parse_env(r, &at, env, &p->env)))
		return err;
	return 0;
}

static int parse_edge(struct jr *r, json_t *o, size_t off, struct rn_tr_edge *e)
{
	struct at at = {off, "edge"};
	json_t *k = json_object_get(o, "kind");
	int kind = -1;
	int err;

	memset(e, 0, sizeof(*e));
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "edge record is not an object");
	if (json_is_string(k))
		kind = rn_tr_edge_kind__parse(json_string_value(k));
	else if (json_is_integer(k) && json_integer_value(k) >= 0 &&
		 json_integer_value(k) <= INT32_MAX)
		kind = (int)json_integer_value(k);
	if (kind < 0)
		return fail(r, -EINVAL, off, "edge: unknown or missing \"kind\"");
	e->kind = (enum rn_tr_edge_kind)kind;
	if ((err = get_u64(r, &at, o, "from", &e->from, true)) ||
	    (err = get_u64(r, &at, o, "to", &e->to, true)))
		return err;
	return 0;
}

static int parse_gap(struct jr *r, json_t *o, size_t off, struct rn_tr_gap *g)
{
	struct at at = {off, "gap"};
	int err;

	memset(g, 0, sizeof(*g));
	if (!json_is_object(o))
		return fail(r, -EINVAL, off, "gap record is not an object");
	if ((err = get_u32(r, &at, o, "tid", &g->tid, true)) ||
	    (err = get_u64(r, &at, o, "after", &g->after_id, false)) ||
	    (err = get_u64(r, &at, o, "before", &g->before_id, false)) ||
	    (err = get_u64(r, &at, o, "lost", &g->lost, false)))
		return err;
	return 0;
}

/* Adds the names of one per-syscall map not seen yet; returns the new count. */
static size_t stats_names(json_t *map, const char **names, size_t n)
{
	const char *key;
	json_t *v;

	json_object_foreach(map, key, v)
	{
		size_t i;

		for (i = 0; i < n && strcmp(names[i], key); i++)
			;
		if (i == n)
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

static int parse_stats(struct jr *r, json_t *o, size_t off, struct rn_tr_stats *s)
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
			n = stats_names(m[i], names, n);
	for (int i = 0; i < 3; i++)
		if ((err = stats_values(r, &at, m[i], maps[i], names, n, vals + i * n)))
			return err;
	s->nsyscalls = (uint32_t)n;
	s->names = names;
	s->calls = vals;
	s->errors = vals + n;
	s->duration_ns = vals + 2 * n;
	if ((err = get_u64(r, &at, o, "total_syscalls", &s->total_syscalls, false)) ||
	    (err = get_u64(r, &at, o, "total_duration_nanos", &s->total_duration_ns, false)) ||
	    (err = get_u64(r, &at, o, "lost_events", &s->lost_events, false)) ||
	    (err = get_u64(r, &at, o, "truncated", &s->truncated, false)) ||
	    (err = get_u64(r, &at, o, "wall_nanos", &s->wall_ns, false)) ||
	    (err = get_u64(r, &at, o, "cpu_nanos", &s->cpu_ns, false)))
		return err;
	return 0;
}

static int sink_result(struct jr *r, int ret, size_t off)
{
	if (ret < 0)
		return fail(r, ret, off, "the consumer failed: %s", strerror(-ret));
	return 0;
}

static int deliver_event(struct jr *r, json_t *o, size_t off, enum rn_tr_kind kind)
{
	struct rn_tr_event e;
	int err = parse_event(r, o, off, kind, &e);

	if (!err && r->sink->event)
		err = sink_result(r, r->sink->event(r->sink->ctx, &e), off);
	release(r);
	return err;
}

/* Records other than events and the header, by kind; returns 0, or -errno. */
enum rec { REC_PROCESS, REC_EDGE, REC_GAP };

static int deliver_record(struct jr *r, json_t *o, size_t off, enum rec kind)
{
	const struct rn_tr_sink *k = r->sink;
	struct rn_tr_process p;
	struct rn_tr_edge e;
	struct rn_tr_gap g;
	int err;

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
	return err;
}

static int deliver_header(struct jr *r, json_t *o, size_t off)
{
	struct rn_tr_header h;
	int err = parse_header(r, o, off, &h);

	if (!err && r->sink->header)
		err = sink_result(r, r->sink->header(r->sink->ctx, &h), off);
	release(r);
	return err;
}

static int deliver_finish(struct jr *r, json_t *o, size_t off)
{
	struct rn_tr_stats s;
	int err = 0;

	/* a partial trace written by a writer that got finish(NULL) */
	if (!o || json_is_null(o) || !json_object_get(o, "total_syscalls")) {
		if (r->sink->finish)
			err = sink_result(r, r->sink->finish(r->sink->ctx, NULL), off);
		return err;
	}
	err = parse_stats(r, o, off, &s);
	if (!err && r->sink->finish)
		err = sink_result(r, r->sink->finish(r->sink->ctx, &s), off);
	release(r);
	return err;
}

/* ---- JSON Lines ---- */

static int read_lines(struct jr *r)
{
	size_t pos = 0, lineno = 0;
	bool header = false;

	while (pos < r->len) {
		const char *nl = memchr(r->buf + pos, '\n', r->len - pos);
		size_t end = nl ? (size_t)(nl - r->buf) : r->len, p = pos;
		const char *type;
		json_error_t je;
		json_t *o;
		int kind, err = 0;

		lineno++;
		while (p < end && strchr(" \t\r", r->buf[p]))
			p++;
		if (p == end) {
			pos = end + 1;
			continue;
		}
		o = json_loadb(r->buf + p, end - p, JSON_ALLOW_NUL, &je);
		if (!o) {
			if (!nl)
				return fail_truncated(r, "the last line is incomplete");
			return fail(r, -EINVAL, p + (size_t)je.position, "line %zu: %s", lineno,
				    je.text);
		}
		type = json_string_value(json_object_get(o, "type"));
		if (!type) {
			json_decref(o);
			return fail(r, -EINVAL, p, "line %zu: no \"type\"", lineno);
		}
		if (!header && strcmp(type, "header")) {
			json_decref(o);
			return fail(r, -EINVAL, p, "line %zu: the first record must be the header",
				    lineno);
		}
		if (!strcmp(type, "header")) {
			if (header)
				err = fail(r, -EINVAL, p, "line %zu: a second header", lineno);
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
			err = deliver_finish(r, o, p);
			json_decref(o);
			return err;
		}
		/* other types: newer writers of version 1 may add records; skip them */
		json_decref(o);
		if (err)
			return err;
		pos = end + 1;
	}
	return fail_truncated(r, "no statistics line (the trace did not finish)");
}

/* ---- the document ---- */

enum scan { SCAN_OK, SCAN_TRUNC, SCAN_BAD };

struct span {
	size_t start, end; /* the value, [start, end); end is the file's end when it was cut */
	bool found;	   /* the key was seen */
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

static size_t skip_ws(const struct jr *r, size_t p)
{
	while (p < r->len &&
	       (r->buf[p] == ' ' || r->buf[p] == '\n' || r->buf[p] == '\t' || r->buf[p] == '\r'))
		p++;
	return p;
}

/* p at '"': the offset after the closing quote. */
static enum scan skip_string(const struct jr *r, size_t p, size_t *end)
{
	for (p++; p < r->len; p++) {
		const char *q = memchr(r->buf + p, '"', r->len - p);
		size_t bs = 0;

		if (!q)
			break;
		p = (size_t)(q - r->buf);
		while (bs < p && r->buf[p - 1 - bs] == '\\')
			bs++;
		if (bs % 2 == 0) {
			*end = p + 1;
			return SCAN_OK;
		}
	}
	return SCAN_TRUNC;
}

/* Finds the end of the value at p without building it (jansson validates what is used). */
static enum scan skip_value(const struct jr *r, size_t p, size_t *end)
{
	size_t depth = 0;

	if (p >= r->len)
		return SCAN_TRUNC;
	if (r->buf[p] != '{' && r->buf[p] != '[' && r->buf[p] != '"') {
		size_t s = p;

		while (p < r->len && !strchr(",}] \t\r\n", r->buf[p]))
			p++;
		if (p == r->len)
			return SCAN_TRUNC;
		*end = p;
		return p > s ? SCAN_OK : SCAN_BAD;
	}
	while (p < r->len) {
		char c = r->buf[p];

		if (c == '"') {
			if (skip_string(r, p, &p))
				return SCAN_TRUNC;
			if (!depth) {
				*end = p;
				return SCAN_OK;
			}
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (!depth)
				return SCAN_BAD;
			if (!--depth) {
				*end = p + 1;
				return SCAN_OK;
			}
		}
		p++;
	}
	return SCAN_TRUNC;
}

struct doc {
	struct span top[TOP_N];
	json_t *header; /* the header keys, parsed */
	enum scan state;
	size_t stop; /* where the scan stopped when state != SCAN_OK */
	char why[160];
};

static int load_any(const struct jr *r, size_t start, size_t end, json_t **out, json_error_t *je)
{
	*out = json_loadb(r->buf + start, end - start, JSON_DECODE_ANY | JSON_ALLOW_NUL, je);
	return *out ? 0 : -EINVAL;
}

static void scan_doc(struct jr *r, struct doc *d, size_t p)
{
	enum scan st = SCAN_OK;
	bool first = true;

	for (p++;; first = false) {
		size_t kend, vend, vstart;
		json_t *key, *val;
		json_error_t je;
		int t;

		p = skip_ws(r, p);
		if (p < r->len && r->buf[p] == '}') {
			p = skip_ws(r, p + 1);
			if (p < r->len) {
				snprintf(d->why, sizeof(d->why),
					 "data after the end of the document");
				st = SCAN_BAD;
			}
			break;
		}
		if (!first) {
			if (p < r->len && r->buf[p] != ',') {
				snprintf(d->why, sizeof(d->why), "expected ',' or '}'");
				st = SCAN_BAD;
				break;
			}
			p = skip_ws(r, p + 1);
		}
		if (p >= r->len) {
			st = SCAN_TRUNC;
			break;
		}
		if (r->buf[p] != '"') {
			snprintf(d->why, sizeof(d->why), "expected a key");
			st = SCAN_BAD;
			break;
		}
		if ((st = skip_string(r, p, &kend)))
			break;
		if (load_any(r, p, kend, &key, &je)) {
			snprintf(d->why, sizeof(d->why), "bad key: %.140s", je.text);
			st = SCAN_BAD;
			break;
		}
		vstart = skip_ws(r, kend);
		if (vstart >= r->len || r->buf[vstart] != ':') {
			json_decref(key);
			snprintf(d->why, sizeof(d->why), "expected ':'");
			st = vstart >= r->len ? SCAN_TRUNC : SCAN_BAD;
			break;
		}
		vstart = skip_ws(r, vstart + 1);
		for (t = 0; t < TOP_N && strcmp(top_keys[t], json_string_value(key)); t++)
			;
		st = skip_value(r, vstart, &vend);
		if (t < TOP_N) {
			/* a cut array still yields its complete elements */
			d->top[t] = (struct span){vstart, st == SCAN_OK ? vend : r->len, true};
		} else if (!st && !load_any(r, vstart, vend, &val, &je)) {
			json_object_set_new(d->header, json_string_value(key), val);
		} else if (!st) {
			p = vstart + (size_t)je.position;
			snprintf(d->why, sizeof(d->why), "%s", je.text);
			st = SCAN_BAD;
		}
		json_decref(key);
		if (st) {
			if (!d->why[0])
				snprintf(d->why, sizeof(d->why), "malformed value");
			p = st == SCAN_BAD && p < vstart ? vstart : p;
			break;
		}
		p = vend;
	}
	d->state = st;
	d->stop = p;
}

/*
 * A record whose parse failed at off was cut, not corrupted, when the failure is the
 * end of the file, or a UTF-8 sequence that the end of the file split.
 */
static bool cut_short(const struct jr *r, size_t off)
{
	if (off >= r->len)
		return true;
	if (r->len - off >= 4)
		return false;
	for (size_t i = off; i < r->len; i++)
		if (!((uint8_t)r->buf[i] & 0x80))
			return false;
	return true;
}

/* Iterates the elements of an array span; *o is NULL at the end (or at a cut). */
struct elems {
	struct span sp;
	size_t pos;
	bool started, done;
};

static int next_elem(struct jr *r, struct elems *it, json_t **o, size_t *off)
{
	json_error_t je;
	size_t p;

	*o = NULL;
	if (it->done || !it->sp.found)
		return 0;
	p = skip_ws(r, it->started ? it->pos : it->sp.start);
	if (!it->started) {
		if (p >= it->sp.end) {
			it->done = true;
			return 0;
		}
		if (r->buf[p] != '[')
			return fail(r, -EINVAL, p, "expected an array");
		p = skip_ws(r, p + 1);
	} else if (p < it->sp.end && r->buf[p] == ',') {
		p = skip_ws(r, p + 1);
	} else if (p < it->sp.end && r->buf[p] != ']') {
		return fail(r, -EINVAL, p, "expected ',' or ']'");
	}
	if (p >= it->sp.end || r->buf[p] == ']') {
		it->done = true;
		return 0;
	}
	it->started = true;
	*o = json_loadb(r->buf + p, it->sp.end - p, JFLAGS, &je);
	if (!*o) {
		it->done = true;
		if (cut_short(r, p + (size_t)je.position))
			return 0;
		return fail(r, -EINVAL, p + (size_t)je.position, "%s", je.text);
	}
	*off = p;
	it->pos = p + (size_t)je.position;
	return 0;
}

/* Signals and exits, held until the syscall stream reaches their ids. */
struct held {
	uint64_t id;
	size_t seq, off;
	enum rn_tr_kind kind;
	json_t *o;
};

static int held_cmp(const void *a, const void *b)
{
	const struct held *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int load_held(struct jr *r, struct doc *d, struct held **out, size_t *n)
{
	static const struct {
		enum top top;
		enum rn_tr_kind kind;
	} from[] = {{TOP_SIGNALS, RN_TR_SIGNAL}, {TOP_EXITS, RN_TR_EXIT}};
	struct held *h = NULL;
	size_t cap = 0;
	int err;

	*n = 0;
	for (size_t f = 0; f < 2; f++) {
		struct elems it = {.sp = d->top[from[f].top]};
		json_t *o;
		size_t off = 0;

		while (!(err = next_elem(r, &it, &o, &off)) && o) {
			json_t *id = json_object_get(o, "id");

			if (grow((void **)&h, &cap, *n + 1, sizeof(*h))) {
				json_decref(o);
				err = fail(r, -ENOMEM, off, "out of memory");
				break;
			}
			h[*n] = (struct held){json_is_integer(id) ? (uint64_t)json_integer_value(id)
								  : 0,
					      *n, off, from[f].kind, o};
			(*n)++;
		}
		if (err)
			break;
	}
	if (*n)
		qsort(h, *n, sizeof(*h), held_cmp);
	*out = h;
	return err;
}

static int read_doc_records(struct jr *r, struct doc *d)
{
	static const struct {
		enum top top;
		enum rec rec;
	} rest[] = {{TOP_PROCESSES, REC_PROCESS}, {TOP_EDGES, REC_EDGE}, {TOP_GAPS, REC_GAP}};
	struct elems it = {.sp = d->top[TOP_SYSCALLS]};
	struct held *held = NULL;
	size_t nheld = 0, h = 0, off = 0;
	json_t *o;
	int err;

	err = load_held(r, d, &held, &nheld);
	while (!err && !(err = next_elem(r, &it, &o, &off)) && o) {
		json_t *idv = json_object_get(o, "id");
		uint64_t id = json_is_integer(idv) ? (uint64_t)json_integer_value(idv) : 0;

		for (; !err && h < nheld && held[h].id < id; h++)
			err = deliver_event(r, held[h].o, held[h].off, held[h].kind);
		if (!err)
			err = deliver_event(r, o, off, RN_TR_SYSCALL);
		json_decref(o);
	}
	for (; !err && h < nheld; h++)
		err = deliver_event(r, held[h].o, held[h].off, held[h].kind);
	for (size_t i = 0; i < nheld; i++)
		json_decref(held[i].o);
	free(held);

	for (size_t k = 0; !err && k < sizeof(rest) / sizeof(rest[0]); k++) {
		struct elems e = {.sp = d->top[rest[k].top]};

		while (!(err = next_elem(r, &e, &o, &off)) && o) {
			err = deliver_record(r, o, off, rest[k].rec);
			json_decref(o);
			if (err)
				break;
		}
	}
	return err;
}

static int read_doc(struct jr *r, size_t start)
{
	struct doc d = {.header = json_object()};
	struct span *st = &d.top[TOP_STATS];
	bool reached = false;
	int err = 0;

	if (!d.header)
		return fail(r, -ENOMEM, 0, "out of memory");
	scan_doc(r, &d, start);
	for (int t = 0; t < TOP_N; t++)
		reached |= d.top[t].found;
	/* a cut inside the header lines: nothing complete to deliver */
	if (d.state == SCAN_TRUNC && !reached) {
		err = fail_truncated(r, "the file ends inside the header");
		goto out;
	}
	if (d.state == SCAN_BAD && !reached) {
		err = fail(r, -EINVAL, d.stop, "%s", d.why);
		goto out;
	}
	err = deliver_header(r, d.header, start);
	if (!err)
		err = read_doc_records(r, &d);
	if (err)
		goto out;
	if (d.state == SCAN_TRUNC) {
		err = fail_truncated(r, "the document does not end; records before the cut were "
					"read");
	} else if (d.state == SCAN_BAD) {
		err = fail(r, -EINVAL, d.stop, "%s", d.why);
	} else if (st->found) {
		json_t *o;
		json_error_t je;

		if (load_any(r, st->start, st->end, &o, &je)) {
			err = fail(r, -EINVAL, st->start + (size_t)je.position, "statistics: %s",
				   je.text);
			goto out;
		}
		err = deliver_finish(r, o, st->start);
		json_decref(o);
	} else {
		err = deliver_finish(r, NULL, r->len);
	}
out:
	json_decref(d.header);
	return err;
}

/* JSON Lines when the first line is a whole object with a "type" (the header record). */
static bool looks_like_lines(const struct jr *r, size_t start)
{
	const char *nl = memchr(r->buf + start, '\n', r->len - start);
	size_t end = nl ? (size_t)(nl - r->buf) : r->len;
	json_error_t je;
	json_t *o;
	bool lines;

	if (!memmem(r->buf + start, end - start, "\"type\"", 6))
		return false;
	o = json_loadb(r->buf + start, end - start, JSON_ALLOW_NUL, &je);
	lines = json_is_string(json_object_get(o, "type"));
	json_decref(o);
	return lines;
}

static int slurp(struct jr *r, FILE *f, char **out)
{
	size_t cap = 65536, len = 0;
	char *buf = NULL;
	int err = 0;

	for (;;) {
		size_t n;

		if (len == cap || !buf) {
			char *b = realloc(buf, len == cap ? cap *= 2 : cap);

			if (!b) {
				err = -ENOMEM;
				break;
			}
			buf = b;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0) {
			if (ferror(f))
				err = -(errno ? errno : EIO);
			break;
		}
	}
	if (err) {
		free(buf);
		snprintf(r->err->msg, sizeof(r->err->msg), "%s: cannot read: %s", r->path,
			 strerror(-err));
		return err;
	}
	*out = buf;
	r->buf = buf;
	r->len = len;
	return 0;
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
	struct jr r = {.path = name, .sink = sink, .err = err ? err : &dummy};
	char *buf = NULL;
	size_t start;
	int ret;

	r.err->msg[0] = '\0';
	if (!f || !name || !sink)
		return -EINVAL;
	ret = slurp(&r, f, &buf);
	if (ret)
		return ret;
	start = skip_ws(&r, 0);
	if (start == r.len)
		ret = r.len ? fail(&r, -EINVAL, start, "not a renacer trace: only white space")
			    : fail(&r, -EINVAL, 0, "not a renacer trace: the file is empty");
	else if (r.buf[start] != '{')
		ret = fail(&r, -EINVAL, start, "not a renacer trace: expected '{'");
	else if (looks_like_lines(&r, start))
		ret = read_lines(&r);
	else
		ret = read_doc(&r, start);
	release(&r);
	free(r.owned);
	free(r.args);
	free(r.caps);
	free(r.bytes);
	free(buf);
	return ret;
}
