// SPDX-License-Identifier: MIT
/*
 * The .rnt writer (a trace sink). Strings are interned in a direct-mapped table of SLOTS
 * slots that writer and reader keep in step through StrDef records (trace_bin_wstr.c),
 * frames likewise through FrameDef records (trace_bin_frames.c), so an event is mostly
 * small varints; identical consecutive calls become one EventRun.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace_bin.h"
#include "trace_bin_wire.h"
#include "trace_bin_wr.h"

/* Upper bound of an Event message's size; has_long: some refs are REF_LONG. */
static size_t event_bound(const struct rn_tr_event *e, const uint32_t *refs, bool has_long)
{
	size_t n = 16 * 11 + (e->nargs + 1) * 6 + 7 * 11 + 12 + (size_t)e->nframes * 3;

	for (uint32_t i = 0; i < e->ncaps; i++)
		n += 48 + e->caps[i].len;
	for (uint32_t i = 0; has_long && i < e->nargs + 3; i++)
		if (refs[i] == REF_LONG)
			n += 16 + strlen(rn_tbw__event_str(e, i));
	return n;
}

/* The Event message for e (strings by refs), deltas against the previous event written. */
static uint8_t *put_event(const struct wctx *w, uint8_t *p, const struct rn_tr_event *e,
			  const uint32_t *refs, const uint32_t *frefs, bool has_long)
{
	uint64_t raw[6];
	uint32_t nraw = 0, same = 0;

	/* registers a call leaves alone repeat the previous call's: a mask bit says so */
	for (int i = 0; i < 6; i++) {
		if (e->raw_args[i] && e->raw_args[i] == w->prev_raw[i])
			same |= 1u << i;
		else
			raw[nraw++] = e->raw_args[i];
	}
	while (nraw && !raw[nraw - 1])
		nraw--;
	p = rn_tb__put_field(p, 1, rn_tb__zigzag((int64_t)(e->id - w->prev_id - 1)));
	p = rn_tb__put_field(p, 2, (uint32_t)e->kind);
	p = rn_tb__put_field(p, 3, e->pid);
	p = rn_tb__put_field(p, 4, e->tid);
	p = rn_tb__put_field(p, 5, (uint32_t)e->nr << 1 ^ (uint32_t)(e->nr >> 31));
	p = rn_tb__put_field(p, 6, refs[0]);
	p = rn_tb__put_packed32(p, 7, refs + 1, e->nargs);
	p = rn_tb__put_packed64(p, 8, raw, nraw, false);
	p = rn_tb__put_field(p, 9, rn_tb__zigzag(e->result));
	p = rn_tb__put_field(p, 10, refs[e->nargs + 1]);
	p = rn_tb__put_field(p, 11, refs[e->nargs + 2]);
	p = rn_tb__put_field(p, 12, e->noreturn);
	p = rn_tb__put_field(p, 13, rn_tb__zigzag((int64_t)(e->enter_ns - w->prev_end)));
	p = rn_tb__put_field(p, 14, e->duration_ns);
	p = rn_tb__put_field(p, 15, rn_tb__zigzag((int64_t)(e->lamport - w->prev_lamport - 1)));
	for (uint32_t i = 0; i < e->ncaps; i++) {
		const struct rn_tr_capture *c = &e->caps[i];
		uint8_t body[48], *q = body;

		q = rn_tb__put_field(q, 1, c->arg);
		q = rn_tb__put_field(q, 2, c->idx);
		/* data (field 3) goes last but one in the body: sizes first, bytes after */
		p += rn_tb__put_varint(p, 16 << 3 | WT_LEN);
		q = rn_tb__put_field(q, 4, rn_tb__zigzag((int64_t)(c->full_len - c->len)));
		q = rn_tb__put_field(q, 5, c->truncated);
		p += rn_tb__put_varint(
		    p, (size_t)(q - body) + (c->len ? 1 + rn_tb__varint_size(c->len) + c->len : 0));
		memcpy(p, body, q - body);
		p += q - body;
		if (c->len)
			p = rn_tb__put_bytes(p, 3, c->data, c->len);
	}
	for (uint32_t i = 0; has_long && i < e->nargs + 3; i++)
		if (refs[i] == REF_LONG)
			p = rn_tb__put_bytes(p, 17, rn_tbw__event_str(e, i),
					     strlen(rn_tbw__event_str(e, i)));
	p = rn_tb__put_field(p, 18, same);
	return rn_tb__put_packed32(p, 19, frefs, e->nframes);
}

/*
 * The prefixes of a record whose body (blen bytes) starts with an Event of evlen bytes:
 * frame length, Record tag and length, and for a run the tag and length of its first call.
 */
static size_t put_prefix(uint8_t *p, size_t evlen, size_t blen, bool is_run)
{
	size_t runlen = 1 + rn_tb__varint_size(evlen) + blen;
	uint8_t *q = p;

	if (is_run) {
		q += rn_tb__put_varint(q, 1 + rn_tb__varint_size(runlen) + runlen);
		*q++ = 3 << 3 | WT_LEN;
		q += rn_tb__put_varint(q, runlen);
		*q++ = 1 << 3 | WT_LEN;
	} else {
		q += rn_tb__put_varint(q, 1 + rn_tb__varint_size(evlen) + evlen);
		*q++ = 2 << 3 | WT_LEN;
	}
	return q - p + rn_tb__put_varint(q, evlen);
}

/* The rest of an EventRun after its first call. */
static uint8_t *put_run_rest(uint8_t *p, const struct pending *run)
{
	p = rn_tb__put_field(p, 2, run->count);
	p = rn_tb__put_packed64(p, 3, (const uint64_t *)run->enter_deltas, run->count - 1, true);
	p = rn_tb__put_packed64(p, 4, run->durations, run->count - 1, false);
	p = rn_tb__put_field(p, 5, run->min);
	p = rn_tb__put_field(p, 6, run->max);
	return rn_tb__put_field(p, 7, run->sum);
}

/*
 * Writes e as an Event record, or with run (count >= 2) as an EventRun; has_long: some
 * refs are REF_LONG. The message is built past room for its prefixes, which then go in
 * front of it (moving ~30 bytes costs less than guessing the prefixes' size).
 */
static int w_put(struct wctx *w, const struct rn_tr_event *e, const uint32_t *refs,
		 const uint32_t *frefs, bool has_long, const struct pending *run)
{
	enum { GAP = 24 }; /* frame length + record tag/length + run's first tag/length */
	bool is_run = run && run->count > 1;
	size_t bound =
	    event_bound(e, refs, has_long) + (run ? 2 * 11 * (size_t)run->count + 64 : 0);
	uint8_t *start, *body, *end;
	size_t evlen, plen;

	if (rn_tb__buf_reserve(&w->raw, GAP + bound))
		return rn_tbw__fail(w, -ENOMEM);
	start = w->raw.p + w->raw.len;
	body = start + GAP;
	end = put_event(w, body, e, refs, frefs, has_long);
	evlen = end - body;
	if (is_run)
		end = put_run_rest(end, run);
	if ((size_t)(end - body) > RECORD_MAX - 16)
		return rn_tbw__fail(w, -EMSGSIZE);
	plen = put_prefix(start, evlen, end - body, is_run);
	memmove(start + plen, body, end - body);
	w->raw.len += plen + (end - body);
	return rn_tbw__appended(w);
}

static int w_flush_pending(struct wctx *w)
{
	struct pending *p = &w->pend;
	int r;

	if (!p->count)
		return 0;
	/* calls with long strings are never pending */
	r = w_put(w, &p->ev, p->refs, p->frefs, false, p);
	w->prev_id = p->last_id;
	w->prev_end = p->last_end;
	w->prev_lamport = p->last_lamport;
	memcpy(w->prev_raw, p->ev.raw_args, sizeof(w->prev_raw));
	p->count = 0;
	return r;
}

static bool w_continues(const struct wctx *w, const struct rn_tr_event *e)
{
	const struct pending *p = &w->pend;
	const struct rn_tr_event *f = &p->ev;

	if (!p->count || p->count >= RUN_MAX || e->id != p->last_id + 1 ||
	    e->lamport != p->last_lamport + 1)
		return false;
	if (e->kind != f->kind || e->pid != f->pid || e->tid != f->tid || e->nr != f->nr ||
	    e->nargs != f->nargs || e->result != f->result || e->noreturn != f->noreturn ||
	    e->ncaps != f->ncaps || memcmp(e->raw_args, f->raw_args, sizeof(e->raw_args)))
		return false;
	if (memcmp(w->refs, p->refs, (e->nargs + 3) * sizeof(*p->refs)) ||
	    e->nframes != f->nframes ||
	    (e->nframes && memcmp(w->frefs, p->frefs, e->nframes * sizeof(*p->frefs))))
		return false;
	for (uint32_t i = 0; i < e->ncaps; i++) {
		const struct rn_tr_capture *a = &e->caps[i], *b = &p->caps[i];

		if (a->arg != b->arg || a->idx != b->idx || a->len != b->len ||
		    a->full_len != b->full_len || a->truncated != b->truncated ||
		    (a->len && memcmp(a->data, b->data, a->len)))
			return false;
	}
	return true;
}

static void w_extend(struct pending *p, const struct rn_tr_event *e)
{
	p->enter_deltas[p->count - 1] = (int64_t)(e->enter_ns - p->last_end);
	p->durations[p->count - 1] = e->duration_ns;
	p->count++;
	p->last_id = e->id;
	p->last_end = e->enter_ns + e->duration_ns;
	p->last_lamport = e->lamport;
	if (e->duration_ns < p->min)
		p->min = e->duration_ns;
	if (e->duration_ns > p->max)
		p->max = e->duration_ns;
	p->sum += e->duration_ns;
}

/* Makes e the pending first call; its captures are copied, its strings are refs. */
static int w_start(struct wctx *w, const struct rn_tr_event *e)
{
	struct pending *p = &w->pend;
	size_t total = 0;

	if (rn_tb__grow(&p->refs, &p->refs_cap, e->nargs + 3, sizeof(*p->refs)) ||
	    rn_tb__grow(&p->frefs, &p->frefs_cap, e->nframes, sizeof(*p->frefs)) ||
	    rn_tb__grow(&p->caps, &p->caps_cap, e->ncaps, sizeof(*p->caps)))
		return -ENOMEM;
	for (uint32_t i = 0; i < e->ncaps; i++)
		total += e->caps[i].len;
	p->capdata.len = 0;
	if (rn_tb__buf_reserve(&p->capdata, total))
		return -ENOMEM;
	for (uint32_t i = 0; i < e->ncaps; i++) {
		p->caps[i] = e->caps[i];
		p->caps[i].data = p->capdata.p + p->capdata.len;
		if (e->caps[i].len)
			memcpy(p->capdata.p + p->capdata.len, e->caps[i].data, e->caps[i].len);
		p->capdata.len += e->caps[i].len;
	}
	memcpy(p->refs, w->refs, (e->nargs + 3) * sizeof(*p->refs));
	if (e->nframes)
		memcpy(p->frefs, w->frefs, e->nframes * sizeof(*p->frefs));
	p->ev = *e;
	p->ev.name = p->ev.errname = p->ev.result_text = NULL;
	p->ev.args = NULL;
	p->ev.frames = NULL;
	p->ev.caps = p->caps;
	p->count = 1;
	p->last_id = e->id;
	p->last_end = e->enter_ns + e->duration_ns;
	p->last_lamport = e->lamport;
	p->min = p->max = p->sum = e->duration_ns;
	return 0;
}

/*
 * Ends the block (trace_bin_index.h): the pending run goes first, the frame ends, and the
 * slots are forgotten so the next block defines every string it names.
 */
static int w_cut(struct wctx *w)
{
	int r = w_flush_pending(w);

	if (!r)
		r = rn_tbw__compress(w, RN_ZFLUSH_FRAME);
	if (r)
		return r;
	rn_tbi_writer__frame_crc(w->idx, rn_zout__take_crc(w->zo));
	for (size_t i = 0; i < SLOTS; i++)
		w->slots[i].used = false;
	rn_tbf_writer__reset(w->ftab);
	return rn_tbi_writer__cut(w->idx, w->prev_id, w->prev_end, w->prev_lamport, w->prev_raw);
}

/*
 * The slots of e's frames into w->frefs; *all_hit false when some need a FrameDef. A full
 * table is emptied first (after the pending run, whose slots it names, is written).
 */
static int w_frames_lookup(struct wctx *w, const struct rn_tr_event *e, bool *all_hit)
{
	int m = rn_tbf_writer__lookup(w->ftab, e, &w->frefs, &w->frefs_cap);
	int r;

	if (m > 0 && !rn_tbf_writer__room(w->ftab, (uint32_t)m)) {
		if ((r = w_flush_pending(w)) != 0)
			return r;
		rn_tbf_writer__reset(w->ftab);
		m = rn_tbf_writer__lookup(w->ftab, e, &w->frefs, &w->frefs_cap);
	}
	if (m < 0)
		return rn_tbw__fail(w, m);
	*all_hit &= !m;
	return 0;
}

/* Writes the FrameDef of each frame of e that has no slot yet. */
static int w_frames_define(struct wctx *w, const struct rn_tr_event *e)
{
	for (uint32_t i = 0; i < e->nframes; i++) {
		Renacer__V1__FrameDef def;
		Renacer__V1__Frame pf;
		pb_record rec = RENACER__V1__RECORD__INIT;
		int r;

		if (w->frefs[i] != REF_MISS)
			continue;
		w->frefs[i] = rn_tbf_writer__define(w->ftab, i, &e->frames[i], &pf, &def);
		if (w->frefs[i] == REF_MISS)
			return rn_tbw__fail(w, -ENOMEM);
		if (!def.frame)
			continue;
		rec.r_case = RENACER__V1__RECORD__R_FRAMEDEF;
		rec.framedef = &def;
		if ((r = rn_tbw__emit(w, &rec)) != 0)
			return r;
	}
	return 0;
}

static int w_event(void *ctx, const struct rn_tr_event *e)
{
	struct wctx *w = ctx;
	uint32_t n = e->nargs + 3;
	bool all_hit, has_long;
	int r;

	if (w->err || !w->started || w->finished)
		return w->err ? w->err : -EINVAL;
	if (rn_tbi_writer__want_cut(w->idx, w->raw.len) && (r = w_cut(w)) != 0)
		return r;
	rn_tbi_writer__event(w->idx, e);
	if (rn_tbw__lookup(w, e, n, &all_hit, &has_long))
		return rn_tbw__fail(w, -ENOMEM);
	if (e->nframes && (r = w_frames_lookup(w, e, &all_hit)) != 0)
		return r;
	if (all_hit && !has_long && w_continues(w, e)) {
		w_extend(&w->pend, e);
		return 0;
	}
	/* the pending run's slots must not be redefined before it is written */
	r = w_flush_pending(w);
	if (!r && !all_hit)
		r = rn_tbw__define(w, e, n, &has_long);
	if (!r && !all_hit && e->nframes)
		r = w_frames_define(w, e);
	if (r)
		return r;
	if (!has_long)
		return w_start(w, e) ? rn_tbw__fail(w, -ENOMEM) : 0;

	/* long strings are not kept for run comparison: written at once */
	r = w_put(w, e, w->refs, w->frefs, true, NULL);
	w->prev_id = e->id;
	w->prev_end = e->enter_ns + e->duration_ns;
	w->prev_lamport = e->lamport;
	memcpy(w->prev_raw, e->raw_args, sizeof(w->prev_raw));
	return r;
}

/* Copies a NULL-terminated (or n-entry) string list into pb bytes; *absent when NULL. */
static ProtobufCBinaryData *w_strv(char *const *v, uint32_t n, size_t *count, bool *absent)
{
	ProtobufCBinaryData *out;

	*count = 0;
	*absent = !v;
	if (!v)
		return NULL;
	out = calloc(n ? n : 1, sizeof(*out));
	if (!out)
		return NULL;
	for (uint32_t i = 0; i < n && v[i]; i++) {
		out[i].data = (uint8_t *)v[i];
		out[i].len = strlen(v[i]);
		(*count)++;
	}
	return out;
}

static uint32_t strv_len(const char *const *v)
{
	uint32_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

static int w_header(void *ctx, const struct rn_tr_header *h)
{
	struct wctx *w = ctx;
	pb_header ph = RENACER__V1__HEADER__INIT;
	pb_record rec = RENACER__V1__RECORD__INIT;
	bool noargv;
	int r;

	if (w->err || w->started)
		return w->err ? w->err : -EINVAL;
	w->started = true;
	if (rn_tb__buf_reserve(&w->raw, RN_BIN_MAGIC_LEN))
		return rn_tbw__fail(w, -ENOMEM);
	memcpy(w->raw.p, RN_BIN_MAGIC, RN_BIN_MAGIC_LEN);
	w->raw.len = RN_BIN_MAGIC_LEN;
	/* a block of its own, so rn_bin__sniff finds the magic in the first bytes */
	r = rn_tbw__compress(w, RN_ZFLUSH_BLOCK);
	if (r)
		return r;

	ph.format_version = h->format_version;
	ph.tool = (char *)(h->tool ? h->tool : "");
	ph.trace_id = (char *)h->trace_id;
	ph.parent_span_id = (char *)h->parent_span_id;
	ph.start_realtime_ns = h->start_realtime_ns;
	ph.hostname = (char *)(h->hostname ? h->hostname : "");
	ph.snaplen = h->snaplen;
	ph.cwd = (char *)(h->cwd ? h->cwd : "");
	ph.argv = w_strv(h->argv, h->argc, &ph.n_argv, &noargv);
	if (h->argv && !ph.argv)
		return rn_tbw__fail(w, -ENOMEM);
	ph.absent = (h->tool ? 0 : RENACER__V1__ABSENT__ABSENT_TOOL) |
		    (h->hostname ? 0 : RENACER__V1__ABSENT__ABSENT_HOSTNAME) |
		    (noargv ? RENACER__V1__ABSENT__ABSENT_ARGV : 0);
	rec.r_case = RENACER__V1__RECORD__R_HEADER;
	rec.header = &ph;
	r = rn_tbw__emit(w, &rec);
	free(ph.argv);
	return r ? r : rn_tbw__compress(w, RN_ZFLUSH_BLOCK);
}

/* Every non-event record ends the pending run first, so the file keeps sink order; rec
 * NULL only ends the run. */
static int w_record(struct wctx *w, pb_record *rec)
{
	int r;

	if (w->err || !w->started || w->finished)
		return w->err ? w->err : -EINVAL;
	r = w_flush_pending(w);
	if (rec)
		rn_tbi_writer__other(w->idx);
	return r || !rec ? r : rn_tbw__emit(w, rec);
}

static int w_process(void *ctx, const struct rn_tr_process *p)
{
	struct wctx *w = ctx;
	pb_process pp = RENACER__V1__PROCESS__INIT;
	pb_record rec = RENACER__V1__RECORD__INIT;
	bool noargv, noenv;
	int r;

	pp.pid = p->pid;
	pp.ppid = p->ppid;
	pp.exe.data = (uint8_t *)p->exe;
	pp.exe.len = p->exe ? strlen(p->exe) : 0;
	pp.argv = w_strv(p->argv, p->argc, &pp.n_argv, &noargv);
	pp.start_ns = p->start_ns;
	pp.end_ns = p->end_ns;
	pp.ended = p->ended;
	pp.wait_status = p->wait_status;
	pp.span_id = (char *)p->span_id;
	pp.parent_span_id = (char *)p->parent_span_id;
	pp.peak_rss_bytes = p->peak_rss_bytes;
	pp.cpu_ns = p->cpu_ns;
	pp.env = w_strv((char *const *)p->env, strv_len(p->env), &pp.n_env, &noenv);
	pp.absent = (p->exe ? 0 : RENACER__V1__ABSENT__ABSENT_EXE) |
		    (noargv ? RENACER__V1__ABSENT__ABSENT_ARGV : 0) |
		    (noenv ? RENACER__V1__ABSENT__ABSENT_ENV : 0);
	if ((p->argv && !pp.argv) || (p->env && !pp.env))
		r = rn_tbw__fail(w, -ENOMEM);
	else {
		rec.r_case = RENACER__V1__RECORD__R_PROCESS;
		rec.process = &pp;
		r = w_record(w, &rec);
	}
	free(pp.argv);
	free(pp.env);
	/* process records mark points worth surviving a crash */
	return r ? r : rn_tbw__compress(w, RN_ZFLUSH_BLOCK);
}

static int w_edge(void *ctx, const struct rn_tr_edge *e)
{
	Renacer__V1__Edge pe = RENACER__V1__EDGE__INIT;
	pb_record rec = RENACER__V1__RECORD__INIT;

	pe.kind = (Renacer__V1__EdgeKind)e->kind;
	pe.from = e->from;
	pe.to = e->to;
	rec.r_case = RENACER__V1__RECORD__R_EDGE;
	rec.edge = &pe;
	return w_record(ctx, &rec);
}

static int w_gap(void *ctx, const struct rn_tr_gap *g)
{
	Renacer__V1__Gap pg = RENACER__V1__GAP__INIT;
	pb_record rec = RENACER__V1__RECORD__INIT;

	pg.tid = g->tid;
	pg.after_id = g->after_id;
	pg.before_id = g->before_id;
	pg.lost = g->lost;
	rec.r_case = RENACER__V1__RECORD__R_GAP;
	rec.gap = &pg;
	return w_record(ctx, &rec);
}

/* The last frame, then the block index after it. */
static int w_end(struct wctx *w)
{
	int r = rn_tbw__compress(w, RN_ZFLUSH_END);

	if (r)
		return r;
	rn_tbi_writer__frame_crc(w->idx, rn_zout__take_crc(w->zo));
	return rn_tbw__fail(w, rn_tbi_writer__finish(w->idx));
}

static int w_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct wctx *w = ctx;
	pb_stats ps = RENACER__V1__STATS__INIT;
	pb_record rec = RENACER__V1__RECORD__INIT;
	Renacer__V1__SyscallStat *st = NULL, **stp = NULL;
	int r;

	/* no statistics (a partial trace): a Stats record that only marks the end, so even
	 * the uncompressed stream tells a finished trace from a cut one */
	if (!s) {
		ps.absent = true;
		rec.r_case = RENACER__V1__RECORD__R_STATS;
		rec.stats = &ps;
		r = w_record(w, &rec);
		if (!r)
			w->finished = true;
		return r ? r : w_end(w);
	}
	ps.total_syscalls = s->total_syscalls;
	ps.total_duration_ns = s->total_duration_ns;
	ps.lost_events = s->lost_events;
	ps.truncated = s->truncated;
	ps.wall_ns = s->wall_ns;
	ps.cpu_ns = s->cpu_ns;
	ps.incomplete = s->incomplete;
	if (s->nsyscalls) {
		st = calloc(s->nsyscalls, sizeof(*st));
		stp = calloc(s->nsyscalls, sizeof(*stp));
		if (!st || !stp) {
			free(st);
			free(stp);
			return rn_tbw__fail(w, -ENOMEM);
		}
	}
	for (uint32_t i = 0; i < s->nsyscalls; i++) {
		renacer__v1__syscall_stat__init(&st[i]);
		st[i].name = (char *)(s->names[i] ? s->names[i] : "");
		st[i].calls = s->calls[i];
		st[i].errors = s->errors[i];
		st[i].duration_ns = s->duration_ns[i];
		stp[i] = &st[i];
	}
	ps.n_syscalls = s->nsyscalls;
	ps.syscalls = stp;
	rec.r_case = RENACER__V1__RECORD__R_STATS;
	rec.stats = &ps;
	r = w_record(w, &rec);
	free(st);
	free(stp);
	if (r)
		return r;
	w->finished = true;
	return w_end(w);
}

static void w_close(void *ctx)
{
	struct wctx *w = ctx;

	if (!w)
		return;
	/* unfinished: end on a flush point, so the file reads as cut after its last record */
	if (w->started && !w->finished && !w->err && !w_flush_pending(w))
		rn_tbw__compress(w, RN_ZFLUSH_BLOCK);
	rn_zout__free(w->zo);
	rn_tbi_writer__free(w->idx);
	free(w->raw.p);
	free(w->slot_text);
	free(w->strs);
	free(w->refs);
	free(w->pend.refs);
	free(w->pend.frefs);
	free(w->frefs);
	rn_tbf_writer__free(w->ftab);
	free(w->pend.caps);
	free(w->pend.capdata.p);
	free(w);
}

int rn_bin_writer__new(struct rn_tr_sink *out, FILE *f)
{
	struct wctx *w = calloc(1, sizeof(*w));

	if (!w)
		return -ENOMEM;
	w->slot_text = malloc((size_t)SLOTS * (SLOT_TEXT_MAX + 1));
	if (!w->slot_text || rn_tb__buf_reserve(&w->raw, RAW_CHUNK + 4096) ||
	    rn_tbf_writer__new(&w->ftab) || rn_zout__new(&w->zo, f)) {
		w_close(w);
		return -ENOMEM;
	}
	w->idx = rn_tbi_writer__new(f);
	*out = (struct rn_tr_sink){
	    .ctx = w,
	    .header = w_header,
	    .event = w_event,
	    .process = w_process,
	    .edge = w_edge,
	    .gap = w_gap,
	    .finish = w_finish,
	    .close = w_close,
	};
	return 0;
}
