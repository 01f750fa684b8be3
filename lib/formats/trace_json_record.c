// SPDX-License-Identifier: MIT
/*
 * The renacer-json-v1 reader's records: each parsed JSON object checked into a model record
 * (trace.h) and handed to the sink, with the ids edges and gaps name kept for the end.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "errnames.h"
#include "trace_json.h"
#include "trace_json_rd.h"

static int parse_caps(struct jr *r, const struct at *at, json_t *arr, struct rn_tr_event *e)
{
	size_t i, need = 0, used = 0;
	json_t *c;

	if (!json_is_array(arr))
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"data\" is not an array", at->what);
	if (json_array_size(arr) >= UINT32_MAX)
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"data\" too long", at->what);
	if (rn_jr__grow((void **)&r->caps, &r->caps_cap, json_array_size(arr) + 1,
			sizeof(*r->caps)))
		return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");
	json_array_foreach(arr, i, c)
	{
		json_t *t = json_object_get(c, "text"), *b = json_object_get(c, "base64");

		if (json_is_string(t))
			need += json_string_length(t);
		else if (json_is_string(b))
			need += json_string_length(b) / 4 * 3;
	}
	if (rn_jr__grow((void **)&r->bytes, &r->bytes_cap, need + 1, 1))
		return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");

	json_array_foreach(arr, i, c)
	{
		struct rn_tr_capture *cap = &r->caps[i];
		json_t *t = json_object_get(c, "text"), *b = json_object_get(c, "base64");
		uint64_t len = 0;
		int err;

		memset(cap, 0, sizeof(*cap));
		if (!json_is_object(c))
			return rn_jr__fail(r, -EINVAL, at->off, "%s: data[%zu] is not an object",
					   at->what, i);
		if ((err = rn_jr__get_u32(r, at, c, "arg", &cap->arg, true)) ||
		    (err = rn_jr__get_u32(r, at, c, "idx", &cap->idx, true)) ||
		    (err = rn_jr__get_u64(r, at, c, "length", &len, true)) ||
		    (err = rn_jr__get_u64(r, at, c, "full_length", &cap->full_len, true)) ||
		    (err = rn_jr__get_bool(r, at, c, "truncated", &cap->truncated)))
			return err;
		if (t && b)
			return rn_jr__fail(r, -EINVAL, at->off,
					   "%s: data[%zu] has both \"text\" and \"base64\"",
					   at->what, i);
		if (json_is_string(t)) {
			if (json_string_length(t) > UINT32_MAX)
				return rn_jr__fail(r, -EINVAL, at->off, "%s: data[%zu] too long",
						   at->what, i);
			cap->len = (uint32_t)json_string_length(t);
			if (cap->len)
				memcpy(r->bytes + used, json_string_value(t), cap->len);
		} else if (json_is_string(b)) {
			long n = rn_jr__b64_decode(json_string_value(b), json_string_length(b),
						   r->bytes + used);

			if (n < 0 || n > UINT32_MAX)
				return rn_jr__fail(r, -EINVAL, at->off, "%s: data[%zu]: bad base64",
						   at->what, i);
			cap->len = (uint32_t)n;
		} else {
			return rn_jr__fail(r, -EINVAL, at->off,
					   "%s: data[%zu]: no \"text\" or \"base64\"", at->what, i);
		}
		if (len != cap->len)
			return rn_jr__fail(r, -EINVAL, at->off,
					   "%s: data[%zu]: \"length\" %llu but %u bytes of data",
					   at->what, i, (unsigned long long)len, cap->len);
		if (cap->full_len < cap->len)
			return rn_jr__fail(
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
		return rn_jr__fail(r, -EINVAL, off, "%s record is not an object", at.what);
	if ((err = rn_jr__get_u64(r, &at, o, "id", &e->id, true)) ||
	    (err = rn_jr__get_u32(r, &at, o, "pid", &e->pid, true)) ||
	    (err = rn_jr__get_u32(r, &at, o, "tid", &e->tid, true)) ||
	    (err = rn_jr__get_text(r, &at, o, "name", &e->name, !exit)) ||
	    (err = rn_jr__get_int(r, &at, o, "nr", &nr, sys)))
		return err;
	if (!e->id)
		return rn_jr__fail(r, -EINVAL, off, "%s: \"id\" is 0 (ids start at 1)", at.what);
	if (nr < INT32_MIN || nr > INT32_MAX)
		return rn_jr__fail(r, -EINVAL, off, "%s: \"nr\" out of range", at.what);
	e->nr = (int32_t)nr;

	if ((err = rn_jr__get_strv(r, &at, o, "args", (const char ***)&e->args, &nargs, true, sys,
				   false)))
		return err;
	e->nargs = nargs;
	info = json_object_get(o, "info");
	if (!json_object_get(o, "args") && info && !sys) {
		if (rn_jr__grow((void **)&r->args, &r->args_cap, 2, sizeof(*r->args)))
			return rn_jr__fail(r, -ENOMEM, off, "out of memory");
		if ((err = rn_jr__get_text(r, &at, o, "info", &r->args[0], true)))
			return err;
		r->args[1] = NULL;
		e->args = r->args;
		e->nargs = 1;
	}
	if (e->nargs > 6)
		return rn_jr__fail(r, -EINVAL, off, "%s: %u args (at most 6)", at.what, e->nargs);
	if (!e->args) {
		/* a pointer to an empty list, never NULL */
		if (rn_jr__grow((void **)&r->args, &r->args_cap, 1, sizeof(*r->args)))
			return rn_jr__fail(r, -ENOMEM, off, "out of memory");
		r->args[0] = NULL;
		e->args = r->args;
	}

	raw = json_object_get(o, "raw_args");
	if (!raw && sys)
		return rn_jr__fail(r, -EINVAL, off, "%s: missing \"raw_args\"", at.what);
	if (raw) {
		size_t i;
		json_t *x;

		if (!json_is_array(raw) || json_array_size(raw) != 6)
			return rn_jr__fail(r, -EINVAL, off, "%s: \"raw_args\" is not an array of 6",
					   at.what);
		json_array_foreach(raw, i, x)
		{
			if (!json_is_integer(x))
				return rn_jr__fail(r, -EINVAL, off,
						   "%s: raw_args[%zu] is not an integer", at.what,
						   i);
			e->raw_args[i] = (uint64_t)json_integer_value(x);
		}
	}

	if (exit) {
		if ((err = rn_jr__get_int(r, &at, o, "wait_status", &e->result, true)) ||
		    (err = rn_jr__get_text(r, &at, o, "text", &e->result_text, true)))
			return err;
	} else if ((err = rn_jr__get_int(r, &at, o, "result", &e->result, sys)) ||
		   (err = rn_jr__get_text(r, &at, o, "result_text", &e->result_text, sys))) {
		return err;
	}
	if ((err = rn_jr__get_str(r, &at, o, "errno", &e->errname, false)) ||
	    (err = rn_jr__get_bool(r, &at, o, "noreturn", &e->noreturn)) ||
	    (err = rn_jr__get_u64(r, &at, o, "enter_nanos", &e->enter_ns, true)) ||
	    (err = rn_jr__get_u64(r, &at, o, "duration_nanos", &e->duration_ns, sys)) ||
	    (err = rn_jr__get_u64(r, &at, o, "lamport", &e->lamport, true)))
		return err;
	data = json_object_get(o, "data");
	if (data && (err = parse_caps(r, &at, data, e)))
		return err;
	data = json_object_get(o, "frames");
	if (data && (err = rn_jr__frames(r, &at, data, e)))
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
	    (err = rn_jr__get_int(r, &at, o, "format_version", &fv, true)))
		return err;
	if (fv > RN_TRACE_VERSION)
		return rn_jr__fail(r, -EPROTO, off,
				   "format_version %lld is newer than this renacer reads (%d): "
				   "upgrade renacer to read it",
				   (long long)fv, RN_TRACE_VERSION);
	if (!fmt)
		return rn_jr__fail(r, -EINVAL, off, "not a renacer trace: no \"format\" field");
	format = json_string_value(fmt);
	if (!format || strcmp(format, RN_TRACE_FORMAT))
		return rn_jr__fail(r, -EINVAL, off, "not a %s trace (format is %s%s%s)",
				   RN_TRACE_FORMAT, format ? "\"" : "",
				   format ? format : "not a string", format ? "\"" : "");
	if ((err = rn_jr__get_int(r, &at, o, "format_version", &fv, true)))
		return err;
	if (fv < 1)
		return rn_jr__fail(r, -EINVAL, off, "header: bad format_version %lld",
				   (long long)fv);
	h->format_version = (uint32_t)fv;
	if ((err = rn_jr__get_str(r, &at, o, "version", &h->tool, true)) ||
	    (err =
		 rn_jr__get_fixed(r, &at, o, "trace_id", h->trace_id, sizeof(h->trace_id), true)) ||
	    (err = rn_jr__get_fixed(r, &at, o, "parent_span_id", h->parent_span_id,
				    sizeof(h->parent_span_id), false)) ||
	    (err = rn_jr__get_u64(r, &at, o, "start_time_nanos", &h->start_realtime_ns, false)) ||
	    (err = rn_jr__get_str(r, &at, o, "hostname", &h->hostname, false)) ||
	    (err = rn_jr__get_u32(r, &at, o, "snaplen", &h->snaplen, false)) ||
	    (err = rn_jr__get_strv(r, &at, o, "command", &argv, &h->argc, false, false, true)) ||
	    (err = rn_jr__get_str(r, &at, o, "cwd", &h->cwd, false)))
		return err;
	h->argv = (char *const *)argv;
	return 0;
}

static int signal_number(const char *name)
{
	int s = rn_signal__from_name(name);

	/* glibc's name for 29, which writers before the one signal table used */
	if (s < 0 && name && !strcmp(name, "SIGPOLL"))
		s = SIGPOLL;
	return s < 0 ? -1 : s;
}

static int parse_env(struct jr *r, const struct at *at, json_t *env, const char *const **out)
{
	const char *key, **vec;
	size_t n = json_object_size(env), i = 0;
	json_t *v;
	int err;

	if (!json_is_object(env))
		return rn_jr__fail(r, -EINVAL, at->off, "process: \"env\" is not an object");
	vec = rn_jr__own(r, (n + 1) * sizeof(*vec));
	if (!vec)
		return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");
	json_object_foreach(env, key, v)
	{
		const char *val;
		char *kv;

		if ((err = rn_jr__str_value(r, at, "env", v, &val)))
			return err;
		val = val ? val : "";
		kv = rn_jr__own(r, strlen(key) + strlen(val) + 2);
		if (!kv)
			return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");
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
		return rn_jr__fail(r, -EINVAL, off, "process record is not an object");
	ws = json_object_get(o, "wait_status");
	code = json_object_get(o, "exit_code");
	sig = json_object_get(o, "signal");
	env = json_object_get(o, "env");
	if ((err = rn_jr__get_u32(r, &at, o, "pid", &p->pid, true)) ||
	    (err = rn_jr__get_u32(r, &at, o, "ppid", &p->ppid, true)) ||
	    (err = rn_jr__get_str(r, &at, o, "exe", &p->exe, true)) ||
	    (err = rn_jr__get_strv(r, &at, o, "argv", &argv, &p->argc, false, true, true)) ||
	    (err = rn_jr__get_u64(r, &at, o, "start_nanos", &p->start_ns, true)) ||
	    (err = rn_jr__get_u64(r, &at, o, "end_nanos", &p->end_ns, false)) ||
	    (err = rn_jr__get_fixed(r, &at, o, "span_id", p->span_id, sizeof(p->span_id), true)) ||
	    (err = rn_jr__get_fixed(r, &at, o, "parent_span_id", p->parent_span_id,
				    sizeof(p->parent_span_id), true)) ||
	    (err = rn_jr__get_u64(r, &at, o, "peak_rss_bytes", &p->peak_rss_bytes, false)) ||
	    (err = rn_jr__get_u64(r, &at, o, "cpu_nanos", &p->cpu_ns, false)))
		return err;
	p->argv = (char *const *)argv;
	/* wait_status is authoritative; exit_code and signal are for people and other tools */
	if (ws) {
		if ((err = rn_jr__get_int(r, &at, o, "wait_status", &status, false)))
			return err;
		if (status < INT32_MIN || status > INT32_MAX)
			return rn_jr__fail(r, -EINVAL, off,
					   "process: \"wait_status\" out of range");
		p->ended = true;
		p->wait_status = (int32_t)status;
	} else if (json_is_integer(code)) {
		p->ended = true;
		p->wait_status = (int32_t)((json_integer_value(code) & 0xff) << 8);
	} else if (sig) {
		int64_t s = json_is_integer(sig) ? json_integer_value(sig)
						 : signal_number(json_string_value(sig));

		if (s <= 0 || s > 127)
			return rn_jr__fail(r, -EINVAL, off, "process: unknown \"signal\"");
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
			return rn_jr__fail(r, -EINVAL, at->off,
					   "%s: \"%s\" names event %llu, not in the trace",
					   at->what, key, (unsigned long long)id);
		return 0;
	}
	if (rn_jr__grow((void **)&r->ahead, &r->ahead_cap, r->nahead + 1, sizeof(*r->ahead)))
		return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");
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
		return rn_jr__fail(r, -EINVAL, off, "edge record is not an object");
	k = json_object_get(o, "kind");
	if (json_is_string(k))
		kind = rn_tr_edge_kind__parse(json_string_value(k));
	if (kind < 0)
		return rn_jr__fail(
		    r, -EINVAL, off,
		    "edge: \"kind\" missing or not one of fork, exec, wait, pipe, signal");
	e->kind = (enum rn_tr_edge_kind)kind;
	if ((err = rn_jr__get_u64(r, &at, o, "from", &e->from, true)) ||
	    (err = rn_jr__get_u64(r, &at, o, "to", &e->to, true)))
		return err;
	if (e->from == e->to)
		return rn_jr__fail(r, -EINVAL, off, "edge: from event %llu to itself",
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
		return rn_jr__fail(r, -EINVAL, off, "gap record is not an object");
	if ((err = rn_jr__get_u32(r, &at, o, "tid", &g->tid, true)) ||
	    (err = rn_jr__get_u64(r, &at, o, "after", &g->after_id, true)) ||
	    (err = rn_jr__get_u64(r, &at, o, "before", &g->before_id, true)) ||
	    (err = rn_jr__get_u64(r, &at, o, "lost", &g->lost, true)))
		return err;
	if (g->after_id >= g->before_id || !g->lost)
		return rn_jr__fail(
		    r, -EINVAL, off,
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
		if (map && rn_jr__get_u64(r, at, map, names[i], &vals[i], false))
			return rn_jr__fail(r, -EINVAL, at->off,
					   "statistics: %s.%s is not an integer", key, names[i]);
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
		return rn_jr__fail(r, -EINVAL, off, "statistics is not an object");
	for (int i = 0; i < 3; i++) {
		m[i] = json_object_get(o, maps[i]);
		if (m[i] && !json_is_object(m[i]))
			return rn_jr__fail(r, -EINVAL, off, "statistics: \"%s\" is not an object",
					   maps[i]);
		max += json_object_size(m[i]);
	}
	names = rn_jr__own(r, (max + 1) * sizeof(*names));
	vals = rn_jr__own(r, (max + 1) * 3 * sizeof(*vals));
	if (!names || !vals)
		return rn_jr__fail(r, -ENOMEM, off, "out of memory");
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
		return rn_jr__fail(r, -EINVAL, off, "statistics: missing \"syscall_counts\"");
	if ((err = rn_jr__get_u64(r, &at, o, "total_syscalls", &s->total_syscalls, true)) ||
	    (err =
		 rn_jr__get_u64(r, &at, o, "total_duration_nanos", &s->total_duration_ns, true)) ||
	    (err = rn_jr__get_bool(r, &at, o, "incomplete", &s->incomplete)) ||
	    (err = rn_jr__get_u64(r, &at, o, "lost_events", &s->lost_events, false)) ||
	    (err = rn_jr__get_u64(r, &at, o, "truncated", &s->truncated, false)) ||
	    (err = rn_jr__get_u64(r, &at, o, "wall_nanos", &s->wall_ns, false)) ||
	    (err = rn_jr__get_u64(r, &at, o, "cpu_nanos", &s->cpu_ns, false)))
		return err;
	return 0;
}

static int sink_result(struct jr *r, int ret, uint64_t off)
{
	if (ret < 0)
		return rn_jr__fail(r, ret, off, "the consumer failed: %s", strerror(-ret));
	return 0;
}

int rn_jr__deliver_event(struct jr *r, json_t *o, uint64_t off, enum rn_tr_kind kind)
{
	struct rn_tr_event e;
	uint64_t last = r->nids ? r->ids[r->nids - 1][1] : 0;
	int err;

	r->nrec++;
	r->in_rec = true;
	err = parse_event(r, o, off, kind, &e);
	if (!err && e.id <= last)
		err = rn_jr__fail(r, -EINVAL, off, "%s: id %llu after id %llu (ids must increase)",
				  rn_tr_kind__name(kind), (unsigned long long)e.id,
				  (unsigned long long)last);
	if (!err && r->nids && e.id == last + 1) {
		r->ids[r->nids - 1][1] = e.id;
	} else if (!err) {
		if (rn_jr__grow((void **)&r->ids, &r->ids_cap, r->nids + 1, sizeof(*r->ids)))
			err = rn_jr__fail(r, -ENOMEM, off, "out of memory");
		else
			r->ids[r->nids][0] = r->ids[r->nids][1] = e.id, r->nids++;
	}
	if (!err && r->sink->event)
		err = sink_result(r, r->sink->event(r->sink->ctx, &e), off);
	rn_jr__release(r);
	r->in_rec = false;
	return err;
}

int rn_jr__deliver_record(struct jr *r, json_t *o, uint64_t off, enum rec kind)
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
	rn_jr__release(r);
	r->in_rec = false;
	return err;
}

int rn_jr__deliver_header(struct jr *r, json_t *o, uint64_t off)
{
	struct rn_tr_header h;
	int err;

	r->nrec++;
	r->in_rec = true;
	err = parse_header(r, o, off, &h);
	if (!err && r->sink->header)
		err = sink_result(r, r->sink->header(r->sink->ctx, &h), off);
	rn_jr__release(r);
	r->in_rec = false;
	return err;
}

int rn_jr__deliver_finish(struct jr *r, json_t *o, uint64_t off)
{
	struct rn_tr_stats s;
	bool stats = o && !json_is_null(o) && json_object_get(o, "total_syscalls");
	int err = 0;

	r->nrec++;
	r->in_rec = true;
	for (size_t i = 0; !err && i < r->nahead; i++)
		if (!known_id(r, r->ahead[i]))
			err = rn_jr__fail(
			    r, -EINVAL, off,
			    "an edge or gap names event %llu, which is not in the trace",
			    (unsigned long long)r->ahead[i]);
	/* no statistics: a partial trace written by a writer that got finish(NULL) */
	if (!err && stats)
		err = parse_stats(r, o, off, &s);
	if (!err && r->sink->finish)
		err = sink_result(r, r->sink->finish(r->sink->ctx, stats ? &s : NULL), off);
	rn_jr__release(r);
	r->in_rec = false;
	return err;
}
