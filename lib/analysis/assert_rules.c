// SPDX-License-Identifier: MIT
/*
 * renacer.toml's [[assertion]] tables. Every key is known or refused, every required key
 * present, every value of its type: an assertion that cannot be evaluated is an error here,
 * never a silent pass later.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert_int.h"
#include "error.h"
#include "toml.h"

struct rule {
	struct rn_assertion a;
	char *name, *pattern, *syscall;
	regex_t re;
	bool has_re;
	struct rn_filter *filter;
};

struct rn_rules {
	struct rule *v;
	size_t n;
};

static const char *const type_names[] = {
    [RN_AT_CRITICAL_PATH] = "critical_path",   [RN_AT_SPAN_COUNT] = "span_count",
    [RN_AT_MEMORY_USAGE] = "memory_usage",     [RN_AT_ANTI_PATTERN] = "anti_pattern",
    [RN_AT_SYSCALL_BUDGET] = "syscall_budget", [RN_AT_DURATION] = "duration",
};

static const char *const ap_names[] = {
    [RN_AP_TIGHT_LOOP] = "TightLoop",
    [RN_AP_GOD_PROCESS] = "GodProcess",
    [RN_AP_SMALL_IO] = "ExcessiveSmallIO",
};

#define NTYPES (sizeof(type_names) / sizeof(type_names[0]))
#define NAPS   (sizeof(ap_names) / sizeof(ap_names[0]))

/* The keys each type takes besides the common ones; the first `required` are required. */
static const struct type_keys {
	const char *keys[4];
	unsigned required;
	bool one_of; /* at least one of keys[] (both optional alone) */
} type_keys[] = {
    [RN_AT_CRITICAL_PATH] = {{"max_duration_ms", "process_name_pattern"}, 1, false},
    [RN_AT_SPAN_COUNT] = {{"max_spans", "span_name_pattern"}, 1, false},
    [RN_AT_MEMORY_USAGE] = {{"max_bytes", "tracking_mode"}, 1, false},
    [RN_AT_ANTI_PATTERN] = {{"pattern", "threshold"}, 1, false},
    [RN_AT_SYSCALL_BUDGET] = {{"syscall", "max_calls", "max_errors"}, 1, true},
    [RN_AT_DURATION] = {{"max_wall_ms", "max_cpu_ms"}, 0, true},
};

static const char *const common_keys[] = {"name", "type", "enabled", "fail_on_violation"};

const char *rn_assert_type__name(enum rn_assert_type t)
{
	return (unsigned)t < NTYPES ? type_names[t] : "?";
}

const char *rn_antipattern__name(enum rn_antipattern p)
{
	return (unsigned)p < NAPS ? ap_names[p] : "?";
}

struct ctx {
	const char *file;
	struct rn_error *err;
};

/* "FILE:LINE:COL: message" at the value or table `at`; returns -EINVAL. */
__attribute__((format(printf, 3, 4))) static int fail(const struct ctx *c, const struct rn_toml *at,
						      const char *fmt, ...)
{
	char what[sizeof(c->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return rn_error__set(c->err, -EINVAL, "%s:%u:%u: %s", c->file, rn_toml__line(at),
			     rn_toml__col(at), what);
}

static void list_keys(char *buf, size_t len, enum rn_assert_type t)
{
	size_t off = 0, i;

	buf[0] = '\0';
	for (i = 0; i < sizeof(common_keys) / sizeof(common_keys[0]); i++)
		off +=
		    (size_t)snprintf(buf + off, len - off, "%s%s", i ? ", " : "", common_keys[i]);
	for (i = 0; i < 4 && type_keys[t].keys[i] && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, ", %s", type_keys[t].keys[i]);
}

static int get_string(const struct ctx *c, const struct rn_toml *v, const char *key,
		      const char **out)
{
	*out = rn_toml__string(v);
	if (!*out)
		return fail(c, v, "'%s' must be a string, not %s (write %s = \"...\")", key,
			    rn_toml__type_name(rn_toml__type(v)), key);
	return 0;
}

static int get_bool(const struct ctx *c, const struct rn_toml *v, const char *key, bool *out)
{
	if (rn_toml__bool(v, out))
		return fail(c, v, "'%s' must be true or false, not %s", key,
			    rn_toml__type_name(rn_toml__type(v)));
	return 0;
}

static int get_count(const struct ctx *c, const struct rn_toml *v, const char *key, uint64_t *out)
{
	int64_t n;

	if (rn_toml__type(v) != RN_TOML_INT || rn_toml__int(v, &n))
		return fail(c, v, "'%s' must be a non-negative integer, not %s", key,
			    rn_toml__type_name(rn_toml__type(v)));
	if (n < 0)
		return fail(c, v, "'%s' must be a non-negative integer, not %lld", key,
			    (long long)n);
	*out = (uint64_t)n;
	return 0;
}

/* Milliseconds, integer or float, as ns. */
static int get_ms(const struct ctx *c, const struct rn_toml *v, const char *key, uint64_t *out)
{
	double ms;

	if (rn_toml__float(v, &ms))
		return fail(c, v, "'%s' must be a number of milliseconds, not %s", key,
			    rn_toml__type_name(rn_toml__type(v)));
	if (!(ms >= 0) || ms > 1e12)
		return fail(c, v, "'%s' must be between 0 and 1e12 milliseconds, not %g", key, ms);
	*out = (uint64_t)(ms * 1e6 + 0.5);
	return 0;
}

static int get_regex(const struct ctx *c, const struct rn_toml *v, const char *key, struct rule *r)
{
	const char *s;
	char why[128];
	int rc;

	if (get_string(c, v, key, &s))
		return -EINVAL;
	rc = regcomp(&r->re, s, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		regerror(rc, &r->re, why, sizeof(why));
		regfree(&r->re);
		return fail(c, v, "'%s' is not a valid extended regular expression: %s", key, why);
	}
	r->has_re = true;
	r->pattern = strdup(s);
	return r->pattern ? 0 : -ENOMEM;
}

static int get_enum(const struct ctx *c, const struct rn_toml *v, const char *key,
		    const char *const *names, size_t n, int *out)
{
	char known[160] = "";
	size_t off = 0, i;
	const char *s;

	if (get_string(c, v, key, &s))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!strcmp(s, names[i])) {
			*out = (int)i;
			return 0;
		}
		off += (size_t)snprintf(known + off, sizeof(known) - off, "%s\"%s\"", i ? ", " : "",
					names[i]);
	}
	return fail(c, v, "unknown %s \"%s\" (one of %s)", key, s, known);
}

static int type_key(const struct ctx *c, struct rule *r, const char *key, const struct rn_toml *v)
{
	static const char *const modes[] = {"rss", "allocations"};
	struct rn_assertion *a = &r->a;
	double t;
	int e;

	switch (a->type) {
	case RN_AT_CRITICAL_PATH:
		if (!strcmp(key, "max_duration_ms"))
			return get_ms(c, v, key, &a->max_duration_ns);
		return get_regex(c, v, key, r);
	case RN_AT_SPAN_COUNT:
		if (!strcmp(key, "max_spans"))
			return get_count(c, v, key, &a->max_spans);
		return get_regex(c, v, key, r);
	case RN_AT_MEMORY_USAGE:
		if (!strcmp(key, "max_bytes"))
			return get_count(c, v, key, &a->max_bytes);
		if (get_enum(c, v, key, modes, 2, &e))
			return -EINVAL;
		a->mode = (enum rn_mem_mode)e;
		return 0;
	case RN_AT_ANTI_PATTERN:
		if (!strcmp(key, "pattern")) {
			if (get_enum(c, v, key, ap_names, NAPS, &e))
				return -EINVAL;
			a->antipattern = (enum rn_antipattern)e;
			return 0;
		}
		if (rn_toml__float(v, &t))
			return fail(c, v,
				    "'threshold' must be a confidence between 0 and 1, not %s",
				    rn_toml__type_name(rn_toml__type(v)));
		if (!(t >= 0 && t <= 1))
			return fail(c, v,
				    "'threshold' must be a confidence between 0 and 1, not %g", t);
		a->threshold = t;
		return 0;
	case RN_AT_SYSCALL_BUDGET:
		if (!strcmp(key, "max_calls"))
			return get_count(c, v, key, &a->max_calls);
		if (!strcmp(key, "max_errors"))
			return get_count(c, v, key, &a->max_errors);
		return get_string(c, v, key, &a->syscall);
	case RN_AT_DURATION:
		if (!strcmp(key, "max_wall_ms"))
			return get_ms(c, v, key, &a->max_wall_ns);
		return get_ms(c, v, key, &a->max_cpu_ns);
	}
	return -EINVAL;
}

static bool is_type_key(enum rn_assert_type t, const char *key)
{
	for (size_t i = 0; i < 4 && type_keys[t].keys[i]; i++)
		if (!strcmp(type_keys[t].keys[i], key))
			return true;
	return false;
}

/* A syscall_budget's set, through the -e trace= parser (names, %classes, hints). */
static int make_filter(const struct ctx *c, struct rule *r, const struct rn_toml *v)
{
	char expr[256], why[256] = "";

	if (!r->a.syscall[0] || strchr(r->a.syscall, '='))
		return fail(
		    c, v, "'syscall' must name a system call or a class such as %%file, not \"%s\"",
		    r->a.syscall);
	snprintf(expr, sizeof(expr), "trace=%s", r->a.syscall);
	r->filter = rn_filter__new();
	if (!r->filter)
		return -ENOMEM;
	if (rn_filter__parse(r->filter, expr, why, sizeof(why)))
		return fail(c, v, "'syscall' = \"%s\": %s", r->a.syscall,
			    why[0] ? why : "not a system call or class");
	return 0;
}

static int parse_one(const struct ctx *c, const struct rn_toml *t, struct rule *r)
{
	const struct rn_toml *tv = rn_toml__get(t, "type"), *nv = rn_toml__get(t, "name");
	struct rn_assertion *a = &r->a;
	const struct rn_toml *sys = NULL;
	char known[320];
	bool any = false;
	int e;

	if (rn_toml__type(t) != RN_TOML_TABLE)
		return fail(c, t, "an assertion must be a table ([[assertion]]), not %s",
			    rn_toml__type_name(rn_toml__type(t)));
	a->line = rn_toml__line(t);
	a->col = rn_toml__col(t);
	a->enabled = true;
	a->fail_on_violation = true;
	a->mode = RN_MEM_RSS;
	a->threshold = 0.8;
	a->max_duration_ns = a->max_spans = a->max_bytes = RN_ASSERT_UNSET;
	a->max_calls = a->max_errors = a->max_wall_ns = a->max_cpu_ns = RN_ASSERT_UNSET;
	if (!nv)
		return fail(c, t, "this assertion has no 'name' (add name = \"...\")");
	if (get_string(c, nv, "name", &a->name))
		return -EINVAL;
	if (!a->name[0])
		return fail(c, nv, "'name' must not be empty");
	r->name = strdup(a->name);
	if (!r->name)
		return -ENOMEM;
	a->name = r->name;
	if (!tv)
		return fail(c, t,
			    "assertion \"%s\" has no 'type' (one of critical_path, "
			    "span_count, memory_usage, anti_pattern, syscall_budget, duration)",
			    a->name);
	if (get_enum(c, tv, "type", type_names, NTYPES, &e))
		return -EINVAL;
	a->type = (enum rn_assert_type)e;
	for (size_t i = 0; i < rn_toml__len(t); i++) {
		const char *key = rn_toml__key_at(t, i);
		const struct rn_toml *v = rn_toml__value_at(t, i);

		if (!strcmp(key, "name") || !strcmp(key, "type"))
			continue;
		if (!strcmp(key, "enabled")) {
			if (get_bool(c, v, key, &a->enabled))
				return -EINVAL;
			continue;
		}
		if (!strcmp(key, "fail_on_violation")) {
			if (get_bool(c, v, key, &a->fail_on_violation))
				return -EINVAL;
			continue;
		}
		if (!is_type_key(a->type, key)) {
			list_keys(known, sizeof(known), a->type);
			return fail(c, v, "unknown key '%s' for a %s assertion (known: %s)", key,
				    type_names[a->type], known);
		}
		e = type_key(c, r, key, v);
		if (e)
			return e;
		if (!strcmp(key, "syscall"))
			sys = v;
		else if (!strncmp(key, "max_", 4))
			any = true;
	}
	for (unsigned k = 0; k < type_keys[a->type].required; k++)
		if (!rn_toml__get(t, type_keys[a->type].keys[k]))
			return fail(c, t, "%s assertion \"%s\" needs '%s'", type_names[a->type],
				    a->name, type_keys[a->type].keys[k]);
	if (type_keys[a->type].one_of && !any)
		return fail(c, t, "%s assertion \"%s\" has no budget (give %s)",
			    type_names[a->type], a->name,
			    a->type == RN_AT_DURATION ? "max_wall_ms and/or max_cpu_ms"
						      : "max_calls and/or max_errors");
	if (sys)
		return make_filter(c, r, sys);
	return 0;
}

void rn_rules__free(struct rn_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].has_re)
			regfree(&r->v[i].re);
		rn_filter__free(r->v[i].filter);
		free(r->v[i].name);
		free(r->v[i].pattern);
		free(r->v[i].syscall);
	}
	free(r->v);
	free(r);
}

/* Strings borrowed from the TOML tree are copied before it is freed. */
static int own_strings(struct rule *r)
{
	r->a.pattern = r->pattern;
	if (r->a.syscall) {
		r->syscall = strdup(r->a.syscall);
		if (!r->syscall)
			return -ENOMEM;
		r->a.syscall = r->syscall;
	}
	return 0;
}

static int parse_root(const struct ctx *c, const struct rn_toml *root, struct rn_rules *rs)
{
	const struct rn_toml *arr = NULL;
	int e;

	for (size_t i = 0; i < rn_toml__len(root); i++) {
		const char *key = rn_toml__key_at(root, i);
		const struct rn_toml *v = rn_toml__value_at(root, i);

		if (!strcmp(key, "assertion")) {
			if (rn_toml__type(v) != RN_TOML_ARRAY)
				return fail(c, v,
					    "'assertion' must be an array of tables: write "
					    "[[assertion]], not [assertion]");
			arr = v;
		} else if (!strcmp(key, "compare")) {
			/* the compare command's settings: its own reader checks them */
			if (rn_toml__type(v) != RN_TOML_TABLE)
				return fail(c, v, "'compare' must be a table ([compare]), not %s",
					    rn_toml__type_name(rn_toml__type(v)));
		} else {
			return fail(c, v, "unknown key '%s' (known: [[assertion]], [compare])",
				    key);
		}
	}
	rs->v = calloc(rn_toml__len(arr) + 1, sizeof(*rs->v));
	if (!rs->v)
		return -ENOMEM;
	for (size_t i = 0; i < rn_toml__len(arr); i++) {
		struct rule *r = &rs->v[rs->n++];

		e = parse_one(c, rn_toml__at(arr, i), r);
		if (!e)
			e = own_strings(r);
		if (e)
			return e;
		for (size_t j = 0; j + 1 < rs->n; j++)
			if (!strcmp(rs->v[j].a.name, r->a.name))
				return fail(c, rn_toml__get(rn_toml__at(arr, i), "name"),
					    "a second assertion named \"%s\" (the first is at "
					    "line %u; names must be unique)",
					    r->a.name, rs->v[j].a.line);
	}
	return 0;
}

static int finish(struct rn_rules **out, struct rn_toml *root, const char *name,
		  struct rn_error *err)
{
	struct ctx c = {name, err};
	struct rn_rules *rs;
	int e;

	*out = NULL;
	if (!root)
		return -EINVAL;
	rs = calloc(1, sizeof(*rs));
	if (!rs) {
		rn_toml__free(root);
		return -ENOMEM;
	}
	e = parse_root(&c, root, rs);
	rn_toml__free(root);
	if (e) {
		if (e == -ENOMEM)
			rn_error__set(err, e, "%s: out of memory", name);
		rn_rules__free(rs);
		return e;
	}
	*out = rs;
	return 0;
}

int rn_rules__parse(struct rn_rules **out, const char *text, size_t len, const char *name,
		    struct rn_error *err)
{
	return finish(out, rn_toml__parse(text, len, name, err), name, err);
}

int rn_rules__load(struct rn_rules **out, const char *path, struct rn_error *err)
{
	/* the parser says which: unreadable (no position) or malformed */
	return finish(out, rn_toml__parse_file(path, err), path, err);
}

size_t rn_rules__count(const struct rn_rules *r)
{
	return r ? r->n : 0;
}

const struct rn_assertion *rn_rules__at(const struct rn_rules *r, size_t i)
{
	return r && i < r->n ? &r->v[i].a : NULL;
}

const regex_t *rn_rules__regex(const struct rn_rules *r, size_t i)
{
	return r && i < r->n && r->v[i].has_re ? &r->v[i].re : NULL;
}

const struct rn_filter *rn_rules__filter(const struct rn_rules *r, size_t i)
{
	return r && i < r->n ? r->v[i].filter : NULL;
}
