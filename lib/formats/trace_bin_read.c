// SPDX-License-Identifier: MIT
/*
 * The .rnt reader: decodes one record at a time (into an arena reset per record), keeps
 * the string slots in step with the writer through StrDef records, and checks that what
 * it delivers is a valid model.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace_bin.h"
#include "trace_bin_arena.h"
#include "trace_bin_index.h"
#include "trace_bin_int.h"
#include "trace_bin_wire.h"
#include "zstream.h"

struct rctx {
	const char *path;
	const struct rn_tr_sink *sink;
	struct rn_error *err;
	FILE *f;
	struct rn_zin *zin;
	struct buf raw;
	size_t pos;	  /* raw.p[pos..len) is not parsed yet */
	uint64_t raw_off; /* stream offset of raw.p[0] */
	uint64_t rec_off; /* stream offset of the record being handled */
	uint64_t nrecords;
	bool magic_ok, got_header, got_stats;
	/* ids delivered, as sorted runs [lo, hi]; ids named before their event came */
	uint64_t (*ids)[2];
	size_t nids, ids_cap;
	struct ahead {
		uint64_t id, record;
	} * ahead;
	size_t nahead, ahead_cap;
	uint64_t prev_id, prev_end, prev_lamport, prev_raw[6];
	/* slot k's text is in chunk k / SLOT_CHUNK, allocated when a slot in it is defined */
	char *slot_chunk[SLOTS / SLOT_CHUNK];
	bool slot_def[SLOTS];
	struct rn_tb_arena arena;
	ProtobufCAllocator alloc;
	const char **args;
	size_t args_cap;
	struct rn_tr_capture *caps;
	size_t caps_cap;
	struct rn_tr_stats stats;
	bool skip_events;  /* a block no event of which can match: events are not decoded */
	bool nul;	   /* r_cstr met a NUL byte */
	bool stats_absent; /* the Stats record says finish() had none */
};

__attribute__((format(printf, 3, 4))) static int r_fail(struct rctx *c, int code, const char *fmt,
							...)
{
	char what[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (c->zin && strcmp(rn_zin__codec(c->zin), "raw"))
		return rn_error__set(
		    c->err, code,
		    "%s: byte %llu (record %llu, in the %s-decompressed stream; near "
		    "byte %llu of the file): %s",
		    c->path, (unsigned long long)c->rec_off, (unsigned long long)c->nrecords + 1,
		    rn_zin__codec(c->zin), (unsigned long long)rn_zin__offset(c->zin), what);
	return rn_error__set(c->err, code, "%s: byte %llu (record %llu): %s", c->path,
			     (unsigned long long)c->rec_off, (unsigned long long)c->nrecords + 1,
			     what);
}

/* Failure of the file itself rather than of one record. */
__attribute__((format(printf, 3, 4))) static int r_fail_file(struct rctx *c, int code,
							     const char *fmt, ...)
{
	char what[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return rn_error__set(c->err, code, "%s: %s", c->path, what);
}

static int r_sink(struct rctx *c, int r)
{
	if (!r)
		return 0;
	return r_fail(c, r < 0 ? r : -EIO, "the consumer stopped reading (%s)",
		      strerror(r < 0 ? -r : EIO));
}

static char *r_slot(struct rctx *c, uint32_t k)
{
	return c->slot_chunk[k / SLOT_CHUNK] + (size_t)(k % SLOT_CHUNK) * (SLOT_TEXT_MAX + 1);
}

/* Why a decode or copy of this record failed: damage, or really out of memory. */
static int r_nomem(struct rctx *c)
{
	if (c->nul)
		return r_fail(c, -EINVAL, "a string holds a NUL byte (the file is damaged)");
	if (c->arena.over)
		return r_fail(c, -EINVAL,
			      "the record needs more than %u MiB to decode, the limit for one "
			      "record (the file is damaged)",
			      DECODE_MAX >> 20);
	return r_nomem(c);
}

static char *r_cstr(struct rctx *c, const ProtobufCBinaryData *b)
{
	char *s = rn_tb_arena__alloc(&c->arena, b->len + 1);

	if (!s)
		return NULL;
	/* a C string cannot hold a NUL: it would be cut there without a word */
	if (b->len && memchr(b->data, 0, b->len)) {
		c->nul = true;
		return NULL;
	}
	if (b->len)
		memcpy(s, b->data, b->len);
	s[b->len] = '\0';
	return s;
}

/* A NULL-terminated copy of a bytes list, or NULL when absent. */
static char **r_strv(struct rctx *c, const ProtobufCBinaryData *v, size_t n, bool absent, bool *oom)
{
	char **out;

	*oom = false;
	if (absent)
		return NULL;
	out = rn_tb_arena__alloc(&c->arena, (n + 1) * sizeof(*out));
	if (!out) {
		*oom = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if ((out[i] = r_cstr(c, &v[i])) == NULL)
			*oom = true;
	out[n] = NULL;
	return out;
}

static int r_header(struct rctx *c, const pb_header *h)
{
	struct rn_tr_header th = {0};
	bool oom;

	if (c->got_header)
		return r_fail(c, -EINVAL, "a second header");
	c->got_header = true;
	if (h->format_version > RN_TRACE_VERSION)
		return r_fail(c, -EPROTO,
			      "format version %u is newer than this renacer reads (%u); upgrade "
			      "renacer to read it",
			      h->format_version, RN_TRACE_VERSION);
	if (h->format_version == 0)
		return r_fail(c, -EINVAL, "format version 0 is not valid");
	if (strlen(h->trace_id) >= sizeof(th.trace_id) ||
	    strlen(h->parent_span_id) >= sizeof(th.parent_span_id))
		return r_fail(c, -EINVAL, "trace id or parent span id too long");
	th.format_version = h->format_version;
	th.tool = h->absent & RENACER__V1__ABSENT__ABSENT_TOOL ? NULL : h->tool;
	strcpy(th.trace_id, h->trace_id);
	strcpy(th.parent_span_id, h->parent_span_id);
	th.start_realtime_ns = h->start_realtime_ns;
	th.hostname = h->absent & RENACER__V1__ABSENT__ABSENT_HOSTNAME ? NULL : h->hostname;
	th.snaplen = h->snaplen;
	th.cwd = h->cwd && h->cwd[0] ? h->cwd : NULL; /* older files: none */
	th.argv = r_strv(c, h->argv, h->n_argv, h->absent & RENACER__V1__ABSENT__ABSENT_ARGV, &oom);
	th.argc = th.argv ? h->n_argv : 0;
	if (oom)
		return r_nomem(c);
	return c->sink->header ? r_sink(c, c->sink->header(c->sink->ctx, &th)) : 0;
}

static int r_ref(struct rctx *c, const pb_event *pe, uint32_t ref, size_t *nlong, const char **out)
{
	if (ref == REF_NULL) {
		*out = NULL;
	} else if (ref == REF_LONG) {
		if (*nlong >= pe->n_long_text)
			return r_fail(c, -EINVAL, "more long-text references than long texts");
		*out = r_cstr(c, &pe->long_text[(*nlong)++]);
		if (!*out)
			return r_nomem(c);
	} else {
		if (ref - REF_SLOT0 >= SLOTS || !c->slot_def[ref - REF_SLOT0])
			return r_fail(c, -EINVAL, "reference to undefined string slot %u",
				      ref - REF_SLOT0);
		*out = r_slot(c, ref - REF_SLOT0);
	}
	return 0;
}

/* base + signed delta, or false when it leaves 0..UINT64_MAX */
static bool add_delta(uint64_t base, int64_t delta, uint64_t *out)
{
	if (delta >= 0)
		return !__builtin_add_overflow(base, (uint64_t)delta, out);
	if ((uint64_t) - (delta + 1) + 1 > base)
		return false;
	*out = base - ((uint64_t) - (delta + 1) + 1);
	return true;
}

static bool id_known(const struct rctx *c, uint64_t id)
{
	size_t lo = 0, hi = c->nids;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->ids[mid][1] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nids && c->ids[lo][0] <= id && id <= c->ids[lo][1];
}

/* Notes ids first..last as delivered (they are above every id before). */
static int id_add(struct rctx *c, uint64_t first, uint64_t last)
{
	if (c->nids && c->ids[c->nids - 1][1] + 1 == first) {
		c->ids[c->nids - 1][1] = last;
		return 0;
	}
	if (c->nids >= ID_RUNS_MAX)
		return r_fail(c, -EINVAL,
			      "event ids jump more than %u times (a renacer trace numbers its "
			      "events 1, 2, 3 ...; the file is damaged)",
			      ID_RUNS_MAX);
	if (rn_tb__grow(&c->ids, &c->ids_cap, c->nids + 1, sizeof(*c->ids)))
		return r_fail(c, -ENOMEM, "out of memory");
	c->ids[c->nids][0] = first;
	c->ids[c->nids][1] = last;
	c->nids++;
	return 0;
}

/* An event id an edge or gap names: read already, or to come (checked at the end). */
static int id_ref(struct rctx *c, uint64_t id, const char *what)
{
	if (id <= c->prev_id && c->nids) {
		if (!id_known(c, id))
			return r_fail(c, -EINVAL,
				      "%s names event %llu, which the trace does not have", what,
				      (unsigned long long)id);
		return 0;
	}
	if (!id)
		return r_fail(c, -EINVAL, "%s names event 0 (ids start at 1)", what);
	if (c->nahead >= AHEAD_MAX)
		return r_fail(c, -EINVAL,
			      "more than %u edges and gaps name events not read yet (the file is "
			      "damaged)",
			      AHEAD_MAX);
	if (rn_tb__grow(&c->ahead, &c->ahead_cap, c->nahead + 1, sizeof(*c->ahead)))
		return r_fail(c, -ENOMEM, "out of memory");
	c->ahead[c->nahead++] = (struct ahead){id, c->nrecords + 1};
	return 0;
}

/* The checks of a string an event must have (refs resolved in field order). */
static int r_need(struct rctx *c, const char *s, uint64_t id, const char *what)
{
	if (s)
		return 0;
	return r_fail(c, -EINVAL, "event %llu has no %s (string reference 0; the file is damaged)",
		      (unsigned long long)id, what);
}

/* Delivers pe, then the further calls of run (when not NULL). */
static int r_event(struct rctx *c, const pb_event *pe, const pb_run *run)
{
	struct rn_tr_event e = {0};
	size_t nlong = 0, nfree = 0;
	uint64_t end;
	int r;

	if ((unsigned)pe->kind > RN_TR_EXIT)
		return r_fail(c, -EINVAL, "unknown event kind %d", pe->kind);
	if (pe->raw_same >> 6)
		return r_fail(c, -EINVAL, "raw_same %#x names registers past the 6th",
			      pe->raw_same);
	for (int i = 0; i < 6; i++)
		nfree += !(pe->raw_same & 1u << i);
	if (pe->n_raw_args > nfree)
		return r_fail(c, -EINVAL, "%zu raw arguments for %zu registers", pe->n_raw_args,
			      nfree);
	/* id - (prev + 1) modulo 2^64, as the writer stores it: ids strictly increase */
	if (__builtin_add_overflow(c->prev_id + 1, (uint64_t)pe->id_delta, &e.id))
		return r_fail(c, -EINVAL,
			      "event id goes backwards or overflows (%lld after id %llu; ids "
			      "strictly increase)",
			      (long long)pe->id_delta, (unsigned long long)c->prev_id);
	if (run && (run->count < 2 || run->n_enter_deltas != run->count - 1 ||
		    run->n_durations != run->count - 1 || e.id + (run->count - 1) < e.id))
		return r_fail(c, -EINVAL, "a run of %u calls with %zu and %zu timings", run->count,
			      run->n_enter_deltas, run->n_durations);
	if (rn_tb__grow(&c->args, &c->args_cap, pe->n_args, sizeof(*c->args)) ||
	    rn_tb__grow(&c->caps, &c->caps_cap, pe->n_captures, sizeof(*c->caps)))
		return r_nomem(c);
	e.kind = (enum rn_tr_kind)pe->kind;
	e.pid = pe->pid;
	e.tid = pe->tid;
	e.nr = pe->nr;
	r = r_ref(c, pe, pe->name, &nlong, &e.name);
	if (!r)
		r = r_need(c, e.name, e.id, "name");
	for (size_t i = 0; !r && i < pe->n_args; i++)
		if (!(r = r_ref(c, pe, pe->args[i], &nlong, &c->args[i])))
			r = r_need(c, c->args[i], e.id, "argument");
	if (!r)
		r = r_ref(c, pe, pe->errname, &nlong, &e.errname);
	if (!r)
		r = r_ref(c, pe, pe->result_text, &nlong, &e.result_text);
	/* a signal has no result: only calls and exits print one */
	if (!r && e.kind != RN_TR_SIGNAL)
		r = r_need(c, e.result_text, e.id, "result text");
	if (!r && nlong != pe->n_long_text)
		r = r_fail(c, -EINVAL, "%zu long texts but %zu references to them", pe->n_long_text,
			   nlong);
	if (r)
		return r;
	e.nargs = pe->n_args;
	e.args = c->args;
	for (size_t i = 0, j = 0; i < 6; i++)
		if (pe->raw_same & 1u << i)
			e.raw_args[i] = c->prev_raw[i];
		else if (j < pe->n_raw_args)
			e.raw_args[i] = pe->raw_args[j++];
	e.result = pe->result;
	e.noreturn = pe->noreturn;
	e.duration_ns = pe->duration_ns;
	if (!add_delta(c->prev_end, pe->enter_delta, &e.enter_ns) ||
	    __builtin_add_overflow(e.enter_ns, e.duration_ns, &end))
		return r_fail(c, -EINVAL, "event %llu has an impossible time (enter_delta %lld)",
			      (unsigned long long)e.id, (long long)pe->enter_delta);
	if (!add_delta(c->prev_lamport + 1, pe->lamport_delta, &e.lamport) ||
	    (run && e.lamport + (run->count - 1) < e.lamport))
		return r_fail(c, -EINVAL, "event %llu has an impossible Lamport stamp",
			      (unsigned long long)e.id);
	for (size_t i = 0; i < pe->n_captures; i++) {
		const pb_capture *pc = pe->captures[i];

		c->caps[i] = (struct rn_tr_capture){
		    .arg = pc->arg,
		    .idx = pc->idx,
		    .data = pc->data.data,
		    .len = (uint32_t)pc->data.len,
		    .truncated = pc->truncated,
		};
		/* the writer stores full_len - len modulo 2^64: full_len >= len, no wrap */
		if (__builtin_add_overflow((uint64_t)pc->data.len, (uint64_t)pc->full_len_delta,
					   &c->caps[i].full_len))
			return r_fail(c, -EINVAL,
				      "event %llu: capture %zu is longer than the call's data "
				      "(full_len_delta %lld)",
				      (unsigned long long)e.id, i, (long long)pc->full_len_delta);
	}
	e.caps = c->caps;
	e.ncaps = pe->n_captures;
	if ((r = id_add(c, e.id, run ? e.id + run->count - 1 : e.id)) != 0)
		return r;

	for (uint32_t i = 0;; i++) {
		c->prev_id = e.id;
		c->prev_end = e.enter_ns + e.duration_ns;
		c->prev_lamport = e.lamport;
		memcpy(c->prev_raw, e.raw_args, sizeof(c->prev_raw));
		if (c->sink->event && (r = c->sink->event(c->sink->ctx, &e)) != 0)
			return r_sink(c, r);
		if (!run || i + 1 >= run->count)
			return 0;
		e.id++;
		e.lamport++;
		e.duration_ns = run->durations[i];
		if (!add_delta(c->prev_end, run->enter_deltas[i], &e.enter_ns) ||
		    __builtin_add_overflow(e.enter_ns, e.duration_ns, &end))
			return r_fail(c, -EINVAL, "call %u of the run has an impossible time",
				      i + 2);
	}
}

static int r_process(struct rctx *c, const pb_process *pp)
{
	struct rn_tr_process p = {0};
	bool oom1, oom2;

	if (strlen(pp->span_id) >= sizeof(p.span_id) ||
	    strlen(pp->parent_span_id) >= sizeof(p.parent_span_id))
		return r_fail(c, -EINVAL, "span id too long");
	p.pid = pp->pid;
	p.ppid = pp->ppid;
	p.exe = pp->absent & RENACER__V1__ABSENT__ABSENT_EXE ? NULL : r_cstr(c, &pp->exe);
	p.argv =
	    r_strv(c, pp->argv, pp->n_argv, pp->absent & RENACER__V1__ABSENT__ABSENT_ARGV, &oom1);
	p.argc = p.argv ? pp->n_argv : 0;
	p.env = (const char *const *)r_strv(c, pp->env, pp->n_env,
					    pp->absent & RENACER__V1__ABSENT__ABSENT_ENV, &oom2);
	if (oom1 || oom2 || (!p.exe && !(pp->absent & RENACER__V1__ABSENT__ABSENT_EXE)))
		return r_nomem(c);
	p.start_ns = pp->start_ns;
	p.end_ns = pp->end_ns;
	p.ended = pp->ended;
	p.wait_status = pp->wait_status;
	strcpy(p.span_id, pp->span_id);
	strcpy(p.parent_span_id, pp->parent_span_id);
	p.peak_rss_bytes = pp->peak_rss_bytes;
	p.cpu_ns = pp->cpu_ns;
	return c->sink->process ? r_sink(c, c->sink->process(c->sink->ctx, &p)) : 0;
}

/* Keeps the statistics (in the arena, which is not reset after them) until the end. */
static int r_stats(struct rctx *c, const pb_stats *ps)
{
	struct rn_tr_stats *s = &c->stats;
	size_t n = ps->n_syscalls;
	const char **names = rn_tb_arena__alloc(&c->arena, n * sizeof(*names) + 1);
	uint64_t *v = rn_tb_arena__alloc(&c->arena, 3 * n * sizeof(*v) + 1);

	if (!names || !v)
		return r_nomem(c);
	*s = (struct rn_tr_stats){
	    .total_syscalls = ps->total_syscalls,
	    .total_duration_ns = ps->total_duration_ns,
	    .lost_events = ps->lost_events,
	    .truncated = ps->truncated,
	    .wall_ns = ps->wall_ns,
	    .cpu_ns = ps->cpu_ns,
	    .incomplete = ps->incomplete,
	    .nsyscalls = n,
	    .names = names,
	    .calls = v,
	    .errors = v + n,
	    .duration_ns = v + 2 * n,
	};
	for (size_t i = 0; i < n; i++) {
		names[i] = ps->syscalls[i]->name;
		v[i] = ps->syscalls[i]->calls;
		v[n + i] = ps->syscalls[i]->errors;
		v[2 * n + i] = ps->syscalls[i]->duration_ns;
	}
	c->got_stats = true;
	c->stats_absent = ps->absent;
	return 0;
}

static int r_strdef(struct rctx *c, const Renacer__V1__StrDef *d)
{
	uint32_t slot = d->slot;
	char *t;

	if (slot >= SLOTS || d->text.len > SLOT_TEXT_MAX ||
	    (d->text.len && memchr(d->text.data, 0, d->text.len)))
		return r_fail(c, -EINVAL, "bad string definition (slot %u, %zu bytes)", slot,
			      d->text.len);
	if (!c->slot_chunk[slot / SLOT_CHUNK] &&
	    !(c->slot_chunk[slot / SLOT_CHUNK] = malloc(SLOT_CHUNK * (SLOT_TEXT_MAX + 1))))
		return r_fail(c, -ENOMEM, "out of memory");
	t = r_slot(c, slot);
	if (d->text.len)
		memcpy(t, d->text.data, d->text.len);
	t[d->text.len] = '\0';
	c->slot_def[slot] = true;
	return 0;
}

static int r_record(struct rctx *c, const uint8_t *p, size_t len)
{
	pb_record *rec;
	const struct rn_tr_sink *k = c->sink;
	int r = 0;

	if (c->got_stats)
		return r_fail(c, -EINVAL, "a record after the statistics record");
	if (c->skip_events && rn_tbi__skippable_record(p, len)) {
		c->nrecords++;
		return 0;
	}
	rn_tb_arena__reset(&c->arena);
	if (!len)
		return r_fail(c, -EINVAL, "an empty record (the file is damaged)");
	rec = renacer__v1__record__unpack(&c->alloc, len, p);
	if (!rec && c->arena.over)
		return r_nomem(c);
	if (!rec)
		return r_fail(c, -EINVAL, "malformed record (%zu bytes)", len);
	if (!c->got_header && rec->r_case != RENACER__V1__RECORD__R_HEADER)
		return r_fail(c, -EINVAL, "the first record is not the header");
	switch (rec->r_case) {
	case RENACER__V1__RECORD__R_HEADER:
		r = r_header(c, rec->header);
		break;
	case RENACER__V1__RECORD__R_STRDEF:
		r = r_strdef(c, rec->strdef);
		break;
	case RENACER__V1__RECORD__R_EVENT:
		r = r_event(c, rec->event, NULL);
		break;
	case RENACER__V1__RECORD__R_RUN:
		if (!rec->run->first)
			return r_fail(c, -EINVAL, "a run without its first call");
		r = r_event(c, rec->run->first, rec->run);
		break;
	case RENACER__V1__RECORD__R_PROCESS:
		r = r_process(c, rec->process);
		break;
	case RENACER__V1__RECORD__R_EDGE:
		if ((unsigned)rec->edge->kind > RN_EDGE_SIGNAL)
			return r_fail(c, -EINVAL, "unknown edge kind %d", rec->edge->kind);
		if (rec->edge->from == rec->edge->to)
			return r_fail(c, -EINVAL, "an edge from event %llu to itself",
				      (unsigned long long)rec->edge->from);
		if ((r = id_ref(c, rec->edge->from, "an edge")) != 0 ||
		    (r = id_ref(c, rec->edge->to, "an edge")) != 0)
			return r;
		if (k->edge)
			r = r_sink(
			    c, k->edge(k->ctx, &(struct rn_tr_edge){
						   .kind = (enum rn_tr_edge_kind)rec->edge->kind,
						   .from = rec->edge->from,
						   .to = rec->edge->to,
					       }));
		break;
	case RENACER__V1__RECORD__R_GAP:
		if (rec->gap->after_id >= rec->gap->before_id || !rec->gap->lost)
			return r_fail(
			    c, -EINVAL,
			    "an impossible gap: %llu events lost between ids %llu and %llu",
			    (unsigned long long)rec->gap->lost,
			    (unsigned long long)rec->gap->after_id,
			    (unsigned long long)rec->gap->before_id);
		if ((rec->gap->after_id && (r = id_ref(c, rec->gap->after_id, "a gap")) != 0) ||
		    (r = id_ref(c, rec->gap->before_id, "a gap")) != 0)
			return r;
		if (k->gap)
			r = r_sink(c, k->gap(k->ctx, &(struct rn_tr_gap){
							 .tid = rec->gap->tid,
							 .after_id = rec->gap->after_id,
							 .before_id = rec->gap->before_id,
							 .lost = rec->gap->lost,
						     }));
		break;
	case RENACER__V1__RECORD__R_STATS:
		r = r_stats(c, rec->stats);
		break;
	default:
		break; /* a record kind from a newer writer of the same version: skipped */
	}
	if (!r)
		c->nrecords++;
	return r;
}

/* Handles every complete record in raw; *need is the size of an incomplete one. */
static int r_parse(struct rctx *c, size_t *need)
{
	*need = 0;
	for (;;) {
		const uint8_t *p = c->raw.p + c->pos;
		size_t avail = c->raw.len - c->pos;
		uint64_t len;
		int k, r;

		c->rec_off = c->raw_off + c->pos;
		if (!c->magic_ok) {
			if (avail < RN_BIN_MAGIC_LEN)
				return 0;
			if (memcmp(p, RN_BIN_MAGIC, 3) || p[3] < '0' || p[3] > '9')
				return strcmp(rn_zin__codec(c->zin), "raw")
					   ? r_fail_file(c, -EINVAL,
							 "a %s file but not a renacer trace (no "
							 "RNT magic)",
							 rn_zin__codec(c->zin))
					   : r_fail_file(c, -EINVAL,
							 "byte 0: not a renacer binary trace "
							 "(neither zstd, gzip nor an RNT1 stream)");
			if (p[3] > RN_BIN_MAGIC[3])
				return r_fail_file(c, -EPROTO,
						   "binary framing version %c is newer than this "
						   "renacer reads (%c); upgrade renacer to read it",
						   p[3], RN_BIN_MAGIC[3]);
			if (p[3] < RN_BIN_MAGIC[3])
				return r_fail_file(c, -EINVAL, "unknown binary framing version %c",
						   p[3]);
			c->magic_ok = true;
			c->pos += RN_BIN_MAGIC_LEN;
			continue;
		}
		k = rn_tb__get_varint(p, avail, &len);
		if (k < 0)
			return r_fail(c, -EINVAL, "bad record length");
		if (k == 0)
			return 0;
		if (len > RECORD_MAX)
			return r_fail(c, -EINVAL, "record length %llu over the %u-byte limit",
				      (unsigned long long)len, RECORD_MAX);
		if (avail - k < len) {
			*need = k + len;
			return 0;
		}
		r = r_record(c, p + k, len);
		if (r)
			return r;
		c->pos += k + len;
	}
}

/* The stream's own failures, reported after the records decoded before them. */
static int r_stream_error(struct rctx *c, int zr)
{
	unsigned long long at = rn_zin__offset(c->zin);
	bool inside = c->pos < c->raw.len;

	switch (zr) {
	case -EPIPE:
		return r_fail_file(c, -EINVAL,
				   "truncated at byte %llu: the file ends %s record %llu "
				   "(%llu complete records read)",
				   at, inside ? "inside" : "before the end of the stream, after",
				   (unsigned long long)(c->nrecords + (inside ? 1 : 0)),
				   (unsigned long long)c->nrecords);
	case -EBADMSG:
		return r_fail_file(c, -EINVAL, "corrupt compressed data at byte %llu: %s", at,
				   rn_zin__why(c->zin));
	case -EIO:
		return r_fail_file(c, -EIO, "read error at byte %llu", at);
	default:
		return r_fail_file(c, zr, "cannot decompress: %s", strerror(-zr));
	}
}

static int r_end(struct rctx *c);

/* Decompresses c->zin to its end, parsing as it goes: 0 or a record's error; *zr the codec's. */
static int r_frames(struct rctx *c, int *zr)
{
	size_t need = 0;
	int r;

	do {
		size_t room, got;

		/* keep the unparsed tail at the start, with room for a whole record */
		if (c->pos) {
			memmove(c->raw.p, c->raw.p + c->pos, c->raw.len - c->pos);
			c->raw_off += c->pos;
			c->raw.len -= c->pos;
			c->pos = 0;
		}
		room = need > c->raw.len ? need - c->raw.len : 0;
		if (rn_tb__buf_reserve(&c->raw, room > IN_CHUNK ? room : IN_CHUNK))
			return r_nomem(c);
		*zr = rn_zin__read(c->zin, c->raw.p + c->raw.len, c->raw.cap - c->raw.len, &got);
		c->raw.len += got;
		/* what decoded before a cut or damage is delivered before the error */
		r = r_parse(c, &need);
		if (r)
			return r;
	} while (*zr == RN_ZIN_MORE);
	return 0;
}

/* One block of an indexed file, its own zstd frame, from bytes. */
static int r_block(struct rctx *c, size_t i, uint8_t *bytes, size_t len)
{
	FILE *bf = fmemopen(bytes, len, "rb");
	int r, zr = 0;

	if (!bf)
		return r_nomem(c);
	rn_tbi_blocks_decoded++;
	r = rn_zin__new(&c->zin, bf);
	if (r)
		r = r_fail_file(c, r == -ENOMEM ? r : -EINVAL, "block %zu is not zstd data", i);
	else if ((r = r_frames(c, &zr)) == 0 && zr != RN_ZIN_END)
		r = r_stream_error(c, zr);
	else if (!r && c->pos < c->raw.len)
		r = r_fail(c, -EINVAL, "block %zu ends inside a record", i);
	rn_zin__free(c->zin);
	c->zin = NULL;
	fclose(bf);
	return r;
}

/*
 * An indexed file (trace_bin_index.h): the blocks that may hold a match are read, each from
 * its delta bases; of the others only the records that are not events, and nothing at all
 * of those that have none. Block 0 (the header) is always read.
 */
static int r_run_blocks(struct rctx *c, const struct rn_tbi_entry *v, size_t n,
			rn_bin_block_pred want, void *want_ctx)
{
	bool chained = true; /* the delta bases follow from the block before */
	uint8_t *bytes = NULL;
	int r = 0;

	for (size_t i = 0; i < n && !r; i++) {
		bool events = !i || want(want_ctx, &v[i].q);

		if (!chained) {
			c->prev_id = v[i].prev_id;
			c->prev_end = v[i].prev_end;
			c->prev_lamport = v[i].prev_lamport;
			memcpy(c->prev_raw, v[i].prev_raw, sizeof(c->prev_raw));
		}
		chained = events;
		c->raw_off = v[i].raw_off;
		c->nrecords = v[i].records;
		c->pos = c->raw.len = 0;
		/* the skipped events' ids exist: edges and gaps may name them */
		if (!events && v[i].nevents && (r = id_add(c, v[i].first_id, v[i].last_id)) != 0)
			break;
		if (!events && !v[i].nother)
			continue;
		c->skip_events = !events;
		free(bytes);
		if (!(bytes = malloc(v[i].len)))
			r = r_nomem(c);
		else if (fseeko(c->f, (off_t)v[i].off, SEEK_SET) ||
			 fread(bytes, 1, v[i].len, c->f) != v[i].len)
			r = r_fail_file(c, -EIO, "read error in block %zu at byte %llu", i,
					(unsigned long long)v[i].off);
		else
			r = r_block(c, i, bytes, v[i].len);
	}
	free(bytes);
	c->skip_events = false;
	return r ? r : r_end(c);
}

static int r_run(struct rctx *c)
{
	int zr = 0, r = r_frames(c, &zr);

	if (r)
		return r;
	if (zr != RN_ZIN_END && zr != -ENOTEMPTY)
		return r_stream_error(c, zr);
	c->rec_off = c->raw_off + c->pos;
	if (!c->magic_ok && memcmp(c->raw.p, RN_BIN_MAGIC, c->raw.len))
		return r_fail_file(c, -EINVAL,
				   "byte 0: not a renacer binary trace (neither zstd, gzip nor an "
				   "RNT1 stream)");
	if (!c->magic_ok || c->pos < c->raw.len)
		return r_fail(c, -EINVAL, "truncated at byte %llu: the stream ends inside a record",
			      (unsigned long long)(c->raw_off + c->raw.len));
	if (zr == -ENOTEMPTY)
		return r_fail_file(c, -EINVAL, "data after the end of the trace at byte %llu",
				   (unsigned long long)rn_zin__offset(c->zin));
	return r_end(c);
}

/* The end of the stream: what must have come did, then finish. */
static int r_end(struct rctx *c)
{
	if (!c->got_header)
		return r_fail_file(
		    c, -EINVAL, "truncated at byte %llu: the stream ends before the header record",
		    (unsigned long long)c->rec_off);
	/* only compressed files of older writers end without the Stats record */
	if (!c->got_stats && (!c->zin || !strcmp(rn_zin__codec(c->zin), "raw")))
		return r_fail_file(c, -EINVAL,
				   "truncated at byte %llu: the stream ends after record %llu "
				   "without the statistics record that ends a trace",
				   (unsigned long long)c->rec_off, (unsigned long long)c->nrecords);
	for (size_t i = 0; i < c->nahead; i++)
		if (!id_known(c, c->ahead[i].id)) {
			c->nrecords = c->ahead[i].record - 1;
			c->rec_off = 0;
			return r_fail_file(
			    c, -EINVAL,
			    "record %llu: an edge or gap names event %llu, which the "
			    "trace does not have (the file is damaged)",
			    (unsigned long long)c->ahead[i].record,
			    (unsigned long long)c->ahead[i].id);
		}
	if (!c->sink->finish)
		return 0;
	return r_sink(
	    c, c->sink->finish(c->sink->ctx, c->got_stats && !c->stats_absent ? &c->stats : NULL));
}

int rn_bin__read(const char *path, const struct rn_tr_sink *sink, struct rn_error *err)
{
	FILE *f;
	int r;

	f = fopen(path, "rbe");
	if (!f) {
		r = -errno;
		return rn_error__set(err, r, "%s: cannot open: %s", path, strerror(-r));
	}
	r = rn_bin__read_file(f, path, sink, err);
	fclose(f);
	return r;
}

/* The reader over f: whole, or the blocks of index v (n > 0) that want accepts. */
static int r_read(FILE *f, const char *path, const struct rn_tr_sink *sink, struct rn_error *err,
		  const struct rn_tbi_entry *v, size_t n, rn_bin_block_pred want, void *want_ctx)
{
	struct rctx *c = calloc(1, sizeof(*c));
	int r;

	if (!c)
		return rn_error__set(err, -ENOMEM, "%s: out of memory", path);
	c->path = path;
	c->sink = sink;
	c->err = err;
	c->alloc = (ProtobufCAllocator){rn_tb_arena__alloc, rn_tb_arena__free, &c->arena};
	if (rn_tb_arena__init(&c->arena, 64 << 10)) {
		r = r_fail_file(c, -ENOMEM, "out of memory");
		goto out;
	}
	c->f = f;
	if (n) {
		r = r_run_blocks(c, v, n, want, want_ctx);
		goto out;
	}
	r = rn_zin__new(&c->zin, c->f);
	if (r == -ENODATA)
		r = r_fail_file(c, -EINVAL, "empty file, not a renacer binary trace");
	else if (r == -EINVAL)
		r = r_fail_file(c, -EINVAL,
				"not a renacer binary trace (neither gzip nor zstd data)");
	else if (r)
		r = r_fail_file(c, r, "cannot read: %s", strerror(-r));
	else
		r = r_run(c);
out:
	rn_zin__free(c->zin);
	rn_tb_arena__fini(&c->arena);
	for (size_t i = 0; i < SLOTS / SLOT_CHUNK; i++)
		free(c->slot_chunk[i]);
	free(c->raw.p);
	free(c->args);
	free(c->caps);
	free(c->ids);
	free(c->ahead);
	free(c);
	return r;
}

int rn_bin__read_file(FILE *f, const char *path, const struct rn_tr_sink *sink,
		      struct rn_error *err)
{
	return r_read(f, path, sink, err, NULL, 0, NULL, NULL);
}

int rn_bin__read_where(FILE *f, const char *path, const struct rn_tr_sink *sink,
		       rn_bin_block_pred want, void *want_ctx, struct rn_error *err)
{
	struct rn_tbi_entry *v = NULL;
	size_t n = 0;
	int r;

	if (want)
		rn_tbi__load(f, &v, &n);
	r = r_read(f, path, sink, err, v, n, want, want_ctx);
	free(v);
	return r;
}

bool rn_bin__sniff(const void *head, size_t n)
{
	uint8_t out[RN_BIN_MAGIC_LEN];
	const uint8_t *p = head;

	if (n >= RN_BIN_MAGIC_LEN && !memcmp(p, RN_BIN_MAGIC, 3))
		return p[3] >= '0' && p[3] <= '9'; /* not compressed (zstd -d) */
	return rn_zin__peek(head, n, out, sizeof(out)) == (int)sizeof(out) &&
	       !memcmp(out, RN_BIN_MAGIC, 3) && out[3] >= '0' && out[3] <= '9';
}
