// SPDX-License-Identifier: MIT
/*
 * The .rnt reader's record half: decodes one record at a time (into an arena reset per
 * record), keeps the string slots in step with the writer through StrDef records, and checks
 * that what it delivers is a valid model. The stream it reads them from: trace_bin_stream.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace_bin_index.h"
#include "trace_bin_rd.h"
#include "trace_bin_wire.h"

__attribute__((format(printf, 3, 4))) int rn_tbr__fail(struct rctx *c, int code, const char *fmt,
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
__attribute__((format(printf, 3, 4))) int rn_tbr__fail_file(struct rctx *c, int code,
							    const char *fmt, ...)
{
	char what[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return rn_error__set(c->err, code, "%s: %s", c->path, what);
}

int rn_tbr__sink(struct rctx *c, int r)
{
	if (!r)
		return 0;
	return rn_tbr__fail(c, r < 0 ? r : -EIO, "the consumer stopped reading (%s)",
			    strerror(r < 0 ? -r : EIO));
}

static char *r_slot(struct rctx *c, uint32_t k)
{
	return c->slot_chunk[k / SLOT_CHUNK] + (size_t)(k % SLOT_CHUNK) * (SLOT_TEXT_MAX + 1);
}

/* Why a decode or copy of this record failed: damage, or really out of memory. */
int rn_tbr__nomem(struct rctx *c)
{
	if (c->nul)
		return rn_tbr__fail(c, -EINVAL, "a string holds a NUL byte (the file is damaged)");
	if (c->arena.over)
		return rn_tbr__fail(
		    c, -EINVAL,
		    "the record needs more than %u MiB to decode, the limit for one "
		    "record (the file is damaged)",
		    DECODE_MAX >> 20);
	return rn_tbr__fail(c, -ENOMEM, "out of memory");
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
		return rn_tbr__fail(c, -EINVAL, "a second header");
	c->got_header = true;
	if (h->format_version > RN_TRACE_VERSION)
		return rn_tbr__fail(
		    c, -EPROTO,
		    "format version %u is newer than this renacer reads (%u); upgrade "
		    "renacer to read it",
		    h->format_version, RN_TRACE_VERSION);
	if (h->format_version == 0)
		return rn_tbr__fail(c, -EINVAL, "format version 0 is not valid");
	if (strlen(h->trace_id) >= sizeof(th.trace_id) ||
	    strlen(h->parent_span_id) >= sizeof(th.parent_span_id))
		return rn_tbr__fail(c, -EINVAL, "trace id or parent span id too long");
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
		return rn_tbr__nomem(c);
	return c->sink->header ? rn_tbr__sink(c, c->sink->header(c->sink->ctx, &th)) : 0;
}

static int r_ref(struct rctx *c, const pb_event *pe, uint32_t ref, size_t *nlong, const char **out)
{
	if (ref == REF_NULL) {
		*out = NULL;
	} else if (ref == REF_LONG) {
		if (*nlong >= pe->n_long_text)
			return rn_tbr__fail(c, -EINVAL,
					    "more long-text references than long texts");
		*out = r_cstr(c, &pe->long_text[(*nlong)++]);
		if (!*out)
			return rn_tbr__nomem(c);
	} else {
		if (ref - REF_SLOT0 >= SLOTS || !c->slot_def[ref - REF_SLOT0])
			return rn_tbr__fail(c, -EINVAL, "reference to undefined string slot %u",
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

bool rn_tbr__id_known(const struct rctx *c, uint64_t id)
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
int rn_tbr__id_add(struct rctx *c, uint64_t first, uint64_t last)
{
	if (c->nids && c->ids[c->nids - 1][1] + 1 == first) {
		c->ids[c->nids - 1][1] = last;
		return 0;
	}
	if (c->nids >= ID_RUNS_MAX)
		return rn_tbr__fail(
		    c, -EINVAL,
		    "event ids jump more than %u times (a renacer trace numbers its "
		    "events 1, 2, 3 ...; the file is damaged)",
		    ID_RUNS_MAX);
	if (rn_tb__grow(&c->ids, &c->ids_cap, c->nids + 1, sizeof(*c->ids)))
		return rn_tbr__fail(c, -ENOMEM, "out of memory");
	c->ids[c->nids][0] = first;
	c->ids[c->nids][1] = last;
	c->nids++;
	return 0;
}

/* An event id an edge or gap names: read already, or to come (checked at the end). */
static int id_ref(struct rctx *c, uint64_t id, const char *what)
{
	if (id <= c->prev_id && c->nids) {
		if (!rn_tbr__id_known(c, id))
			return rn_tbr__fail(c, -EINVAL,
					    "%s names event %llu, which the trace does not have",
					    what, (unsigned long long)id);
		return 0;
	}
	if (!id)
		return rn_tbr__fail(c, -EINVAL, "%s names event 0 (ids start at 1)", what);
	if (c->nahead >= AHEAD_MAX)
		return rn_tbr__fail(
		    c, -EINVAL,
		    "more than %u edges and gaps name events not read yet (the file is "
		    "damaged)",
		    AHEAD_MAX);
	if (rn_tb__grow(&c->ahead, &c->ahead_cap, c->nahead + 1, sizeof(*c->ahead)))
		return rn_tbr__fail(c, -ENOMEM, "out of memory");
	c->ahead[c->nahead++] = (struct ahead){id, c->nrecords + 1};
	return 0;
}

/* The checks of a string an event must have (refs resolved in field order). */
static int r_need(struct rctx *c, const char *s, uint64_t id, const char *what)
{
	if (s)
		return 0;
	return rn_tbr__fail(c, -EINVAL,
			    "event %llu has no %s (string reference 0; the file is damaged)",
			    (unsigned long long)id, what);
}

/* Delivers pe, then the further calls of run (when not NULL). */
static int r_event(struct rctx *c, const pb_event *pe, const pb_run *run)
{
	struct rn_tr_event e = {0};
	const char *why = "";
	size_t nlong = 0, nfree = 0;
	uint64_t end;
	int r;

	if ((unsigned)pe->kind > RN_TR_EXIT)
		return rn_tbr__fail(c, -EINVAL, "unknown event kind %d", pe->kind);
	if (pe->raw_same >> 6)
		return rn_tbr__fail(c, -EINVAL, "raw_same %#x names registers past the 6th",
				    pe->raw_same);
	for (int i = 0; i < 6; i++)
		nfree += !(pe->raw_same & 1u << i);
	if (pe->n_raw_args > nfree)
		return rn_tbr__fail(c, -EINVAL, "%zu raw arguments for %zu registers",
				    pe->n_raw_args, nfree);
	/* id - (prev + 1) modulo 2^64, as the writer stores it: ids strictly increase */
	if (__builtin_add_overflow(c->prev_id + 1, (uint64_t)pe->id_delta, &e.id))
		return rn_tbr__fail(c, -EINVAL,
				    "event id goes backwards or overflows (%lld after id %llu; ids "
				    "strictly increase)",
				    (long long)pe->id_delta, (unsigned long long)c->prev_id);
	if (run && (run->count < 2 || run->n_enter_deltas != run->count - 1 ||
		    run->n_durations != run->count - 1 || e.id + (run->count - 1) < e.id))
		return rn_tbr__fail(c, -EINVAL, "a run of %u calls with %zu and %zu timings",
				    run->count, run->n_enter_deltas, run->n_durations);
	if (rn_tb__grow(&c->args, &c->args_cap, pe->n_args, sizeof(*c->args)) ||
	    rn_tb__grow(&c->caps, &c->caps_cap, pe->n_captures, sizeof(*c->caps)))
		return rn_tbr__nomem(c);
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
		r = rn_tbr__fail(c, -EINVAL, "%zu long texts but %zu references to them",
				 pe->n_long_text, nlong);
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
		return rn_tbr__fail(c, -EINVAL,
				    "event %llu has an impossible time (enter_delta %lld)",
				    (unsigned long long)e.id, (long long)pe->enter_delta);
	if (!add_delta(c->prev_lamport + 1, pe->lamport_delta, &e.lamport) ||
	    (run && e.lamport + (run->count - 1) < e.lamport))
		return rn_tbr__fail(c, -EINVAL, "event %llu has an impossible Lamport stamp",
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
			return rn_tbr__fail(
			    c, -EINVAL,
			    "event %llu: capture %zu is longer than the call's data "
			    "(full_len_delta %lld)",
			    (unsigned long long)e.id, i, (long long)pc->full_len_delta);
	}
	e.caps = c->caps;
	e.ncaps = pe->n_captures;
	if ((r = rn_tbf_reader__event(&c->ftab, pe->frames, pe->n_frames, &e, &why)) != 0)
		return r == -EINVAL ? rn_tbr__fail(c, r, "event %llu: %s (the file is damaged)",
						   (unsigned long long)e.id, why)
				    : rn_tbr__nomem(c);
	if ((r = rn_tbr__id_add(c, e.id, run ? e.id + run->count - 1 : e.id)) != 0)
		return r;

	for (uint32_t i = 0;; i++) {
		c->prev_id = e.id;
		c->prev_end = e.enter_ns + e.duration_ns;
		c->prev_lamport = e.lamport;
		memcpy(c->prev_raw, e.raw_args, sizeof(c->prev_raw));
		if (c->sink->event && (r = c->sink->event(c->sink->ctx, &e)) != 0)
			return rn_tbr__sink(c, r);
		if (!run || i + 1 >= run->count)
			return 0;
		e.id++;
		e.lamport++;
		e.duration_ns = run->durations[i];
		if (!add_delta(c->prev_end, run->enter_deltas[i], &e.enter_ns) ||
		    __builtin_add_overflow(e.enter_ns, e.duration_ns, &end))
			return rn_tbr__fail(c, -EINVAL, "call %u of the run has an impossible time",
					    i + 2);
	}
}

static int r_process(struct rctx *c, const pb_process *pp)
{
	struct rn_tr_process p = {0};
	bool oom1, oom2;

	if (strlen(pp->span_id) >= sizeof(p.span_id) ||
	    strlen(pp->parent_span_id) >= sizeof(p.parent_span_id))
		return rn_tbr__fail(c, -EINVAL, "span id too long");
	p.pid = pp->pid;
	p.ppid = pp->ppid;
	p.exe = pp->absent & RENACER__V1__ABSENT__ABSENT_EXE ? NULL : r_cstr(c, &pp->exe);
	p.argv =
	    r_strv(c, pp->argv, pp->n_argv, pp->absent & RENACER__V1__ABSENT__ABSENT_ARGV, &oom1);
	p.argc = p.argv ? pp->n_argv : 0;
	p.env = (const char *const *)r_strv(c, pp->env, pp->n_env,
					    pp->absent & RENACER__V1__ABSENT__ABSENT_ENV, &oom2);
	if (oom1 || oom2 || (!p.exe && !(pp->absent & RENACER__V1__ABSENT__ABSENT_EXE)))
		return rn_tbr__nomem(c);
	p.start_ns = pp->start_ns;
	p.end_ns = pp->end_ns;
	p.ended = pp->ended;
	p.wait_status = pp->wait_status;
	strcpy(p.span_id, pp->span_id);
	strcpy(p.parent_span_id, pp->parent_span_id);
	p.peak_rss_bytes = pp->peak_rss_bytes;
	p.cpu_ns = pp->cpu_ns;
	return c->sink->process ? rn_tbr__sink(c, c->sink->process(c->sink->ctx, &p)) : 0;
}

/* Keeps the statistics (in the arena, which is not reset after them) until the end. */
static int r_stats(struct rctx *c, const pb_stats *ps)
{
	struct rn_tr_stats *s = &c->stats;
	size_t n = ps->n_syscalls;
	const char **names = rn_tb_arena__alloc(&c->arena, n * sizeof(*names) + 1);
	uint64_t *v = rn_tb_arena__alloc(&c->arena, 3 * n * sizeof(*v) + 1);

	if (!names || !v)
		return rn_tbr__nomem(c);
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
		return rn_tbr__fail(c, -EINVAL, "bad string definition (slot %u, %zu bytes)", slot,
				    d->text.len);
	if (!c->slot_chunk[slot / SLOT_CHUNK] &&
	    !(c->slot_chunk[slot / SLOT_CHUNK] = malloc(SLOT_CHUNK * (SLOT_TEXT_MAX + 1))))
		return rn_tbr__fail(c, -ENOMEM, "out of memory");
	t = r_slot(c, slot);
	if (d->text.len)
		memcpy(t, d->text.data, d->text.len);
	t[d->text.len] = '\0';
	c->slot_def[slot] = true;
	return 0;
}

int rn_tbr__record(struct rctx *c, const uint8_t *p, size_t len)
{
	pb_record *rec;
	const struct rn_tr_sink *k = c->sink;
	const char *why = "";
	int r = 0;

	if (c->got_stats)
		return rn_tbr__fail(c, -EINVAL, "a record after the statistics record");
	if (c->skip_events && rn_tbi__skippable_record(p, len)) {
		c->nrecords++;
		return 0;
	}
	rn_tb_arena__reset(&c->arena);
	if (!len)
		return rn_tbr__fail(c, -EINVAL, "an empty record (the file is damaged)");
	rec = renacer__v1__record__unpack(&c->alloc, len, p);
	if (!rec && c->arena.over)
		return rn_tbr__nomem(c);
	if (!rec)
		return rn_tbr__fail(c, -EINVAL, "malformed record (%zu bytes)", len);
	if (!c->got_header && rec->r_case != RENACER__V1__RECORD__R_HEADER)
		return rn_tbr__fail(c, -EINVAL, "the first record is not the header");
	switch (rec->r_case) {
	case RENACER__V1__RECORD__R_HEADER:
		r = r_header(c, rec->header);
		break;
	case RENACER__V1__RECORD__R_STRDEF:
		r = r_strdef(c, rec->strdef);
		break;
	case RENACER__V1__RECORD__R_FRAMEDEF:
		if ((r = rn_tbf_reader__define(&c->ftab, rec->framedef, &why)) == -EINVAL)
			return rn_tbr__fail(c, r, "%s (the file is damaged)", why);
		if (r)
			return rn_tbr__nomem(c);
		break;
	case RENACER__V1__RECORD__R_EVENT:
		r = r_event(c, rec->event, NULL);
		break;
	case RENACER__V1__RECORD__R_RUN:
		if (!rec->run->first)
			return rn_tbr__fail(c, -EINVAL, "a run without its first call");
		r = r_event(c, rec->run->first, rec->run);
		break;
	case RENACER__V1__RECORD__R_PROCESS:
		r = r_process(c, rec->process);
		break;
	case RENACER__V1__RECORD__R_EDGE:
		if ((unsigned)rec->edge->kind > RN_EDGE_SIGNAL)
			return rn_tbr__fail(c, -EINVAL, "unknown edge kind %d", rec->edge->kind);
		if (rec->edge->from == rec->edge->to)
			return rn_tbr__fail(c, -EINVAL, "an edge from event %llu to itself",
					    (unsigned long long)rec->edge->from);
		if ((r = id_ref(c, rec->edge->from, "an edge")) != 0 ||
		    (r = id_ref(c, rec->edge->to, "an edge")) != 0)
			return r;
		if (k->edge)
			r = rn_tbr__sink(
			    c, k->edge(k->ctx, &(struct rn_tr_edge){
						   .kind = (enum rn_tr_edge_kind)rec->edge->kind,
						   .from = rec->edge->from,
						   .to = rec->edge->to,
					       }));
		break;
	case RENACER__V1__RECORD__R_GAP:
		if (rec->gap->after_id >= rec->gap->before_id || !rec->gap->lost)
			return rn_tbr__fail(
			    c, -EINVAL,
			    "an impossible gap: %llu events lost between ids %llu and %llu",
			    (unsigned long long)rec->gap->lost,
			    (unsigned long long)rec->gap->after_id,
			    (unsigned long long)rec->gap->before_id);
		if ((rec->gap->after_id && (r = id_ref(c, rec->gap->after_id, "a gap")) != 0) ||
		    (r = id_ref(c, rec->gap->before_id, "a gap")) != 0)
			return r;
		if (k->gap)
			r = rn_tbr__sink(c, k->gap(k->ctx, &(struct rn_tr_gap){
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
