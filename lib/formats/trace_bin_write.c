// SPDX-License-Identifier: MIT
/*
 * The .rnt writer (a trace sink). Strings are interned in a direct-mapped table of SLOTS
 * slots that writer and reader keep in step through StrDef records, so an event is mostly
 * small varints; identical consecutive calls become one EventRun.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace_bin.h"
#include "trace_bin_index.h"
#include "trace_bin_int.h"
#include "trace_bin_wire.h"
#include "zstream.h"

static uint32_t str_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

struct wslot {
	uint32_t hash;
	uint16_t len;
	bool used;
};

/* A string of the event being written; hash and len are set when its guess missed. */
struct wstr {
	const char *s;
	uint32_t hash, len;
};

/* The first call of a run, with its strings as references, and the timings of the rest. */
struct pending {
	uint32_t count; /* 0: nothing pending */
	struct rn_tr_event ev;
	uint32_t *refs; /* see ref order in event_str() */
	size_t refs_cap;
	struct rn_tr_capture *caps;
	size_t caps_cap;
	struct buf capdata;
	uint64_t last_id, last_end, last_lamport; /* end: enter_ns + duration_ns */
	uint64_t min, max, sum;
	int64_t enter_deltas[RUN_MAX];
	uint64_t durations[RUN_MAX];
};

struct wctx {
	struct rn_zout *zo;
	bool started, finished;
	int err; /* sticky */
	struct buf raw;
	uint64_t since_sync;
	uint64_t prev_id, prev_end, prev_lamport, prev_raw[6];
	struct wslot slots[SLOTS];
	char *slot_text; /* SLOTS * (SLOT_TEXT_MAX + 1) */
	/* the event being written: its strings in reference order, and their refs */
	struct wstr *strs;
	uint32_t *refs;
	size_t strs_cap, refs_cap;
	/* per syscall number and string position, the slot the last such string was in */
	uint16_t guess[GUESS_NRS][GUESS_STRS];
	struct pending pend;
	struct rn_tbi_writer *idx; /* the block index (trace_bin_index.c); NULL: none */
};

static int w_fail(struct wctx *w, int err)
{
	if (!w->err)
		w->err = err;
	return w->err;
}

/* Hands the gathered raw bytes to the compressor. */
static int w_compress(struct wctx *w, enum rn_zflush mode)
{
	int r = rn_zout__write(w->zo, w->raw.p, w->raw.len, mode);

	if (r)
		return w_fail(w, r);
	rn_tbi_writer__bytes(w->idx, w->raw.len);
	w->raw.len = 0;
	if (mode != RN_ZFLUSH_NONE)
		w->since_sync = 0;
	return 0;
}

static int w_emit(struct wctx *w, const pb_record *rec)
{
	size_t n = protobuf_c_message_get_packed_size(&rec->base);

	/* readers refuse a longer record as damage */
	if (n > RECORD_MAX)
		return w_fail(w, -EMSGSIZE);
	if (rn_tb__buf_reserve(&w->raw, n + 10))
		return w_fail(w, -ENOMEM);
	w->raw.len += rn_tb__put_varint(w->raw.p + w->raw.len, n);
	w->raw.len += protobuf_c_message_pack(&rec->base, w->raw.p + w->raw.len);
	rn_tbi_writer__record(w->idx);
	if (++w->since_sync >= SYNC_EVERY)
		return w_compress(w, RN_ZFLUSH_BLOCK);
	if (w->raw.len >= RAW_CHUNK)
		return w_compress(w, RN_ZFLUSH_NONE);
	return 0;
}

/* Reference order, shared with the reader: name, args[0..nargs), errname, result_text. */
static const char *event_str(const struct rn_tr_event *e, uint32_t i)
{
	if (i == 0)
		return e->name;
	if (i <= e->nargs)
		return e->args[i - 1];
	return i == e->nargs + 1 ? e->errname : e->result_text;
}

static char *slot_text(const struct wctx *w, uint32_t k)
{
	return w->slot_text + (size_t)k * (SLOT_TEXT_MAX + 1);
}

static bool w_slot_holds(const struct wctx *w, uint32_t k, const struct wstr *ws)
{
	return w->slots[k].used && w->slots[k].hash == ws->hash && w->slots[k].len == ws->len &&
	       !memcmp(slot_text(w, k), ws->s, ws->len);
}

/* Puts ws in slot k and writes its StrDef. */
static int w_def_slot(struct wctx *w, uint32_t k, const struct wstr *ws)
{
	Renacer__V1__StrDef def = RENACER__V1__STR_DEF__INIT;
	pb_record rec = RENACER__V1__RECORD__INIT;

	memcpy(slot_text(w, k), ws->s, ws->len);
	slot_text(w, k)[ws->len] = '\0'; /* for w_guess's str_eq */
	w->slots[k] = (struct wslot){.hash = ws->hash, .len = ws->len, .used = true};
	def.slot = k;
	def.text.data = (uint8_t *)ws->s;
	def.text.len = ws->len;
	rec.r_case = RENACER__V1__RECORD__R_STRDEF;
	rec.strdef = &def;
	return w_emit(w, &rec);
}

/* !strcmp(a, b) inline: the strings are a few bytes, shorter than libc's call costs */
static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * Most calls repeat the strings of the previous call of the same syscall: trying the slot
 * those were in skips hashing. A string lives only in the slot of its hash, so a hit
 * gives the reference the hash would.
 */
static uint32_t w_guess(const struct wctx *w, const uint16_t *row, uint32_t i, const char *s)
{
	uint32_t k;

	if (i >= GUESS_STRS)
		return REF_MISS;
	k = row[i];
	return w->slots[k].used && str_eq(slot_text(w, k), s) ? REF_SLOT0 + k : REF_MISS;
}

/* The reference by hash: REF_LONG, the slot holding s, or REF_MISS (hash and len set). */
static uint32_t w_hashed(const struct wctx *w, struct wstr *ws)
{
	size_t len = strnlen(ws->s, SLOT_TEXT_MAX + 1);
	uint32_t k;

	if (len > SLOT_TEXT_MAX)
		return REF_LONG;
	ws->len = len;
	ws->hash = str_hash(ws->s, len);
	k = ws->hash & (SLOTS - 1);
	return w_slot_holds(w, k, ws) ? REF_SLOT0 + k : REF_MISS;
}

static void w_remember(uint16_t *row, uint32_t i, uint32_t ref)
{
	if (i < GUESS_STRS && ref >= REF_SLOT0 && ref != REF_MISS)
		row[i] = (uint16_t)(ref - REF_SLOT0);
}

static uint16_t *w_guess_row(struct wctx *w, const struct rn_tr_event *e)
{
	return w->guess[(uint32_t)e->nr % GUESS_NRS];
}

/* Looks up every string of e without defining any: REF_MISS where a StrDef is needed. */
static int w_lookup(struct wctx *w, const struct rn_tr_event *e, uint32_t n, bool *all_hit,
		    bool *has_long)
{
	uint16_t *row = w_guess_row(w, e);

	if (rn_tb__grow(&w->strs, &w->strs_cap, n, sizeof(*w->strs)) ||
	    rn_tb__grow(&w->refs, &w->refs_cap, n, sizeof(*w->refs)))
		return -ENOMEM;
	*all_hit = true;
	*has_long = false;
	for (uint32_t i = 0; i < n; i++) {
		const char *s = event_str(e, i);
		uint32_t ref = REF_NULL;

		w->strs[i].s = s;
		if (s && (ref = w_guess(w, row, i, s)) == REF_MISS) {
			ref = w_hashed(w, &w->strs[i]);
			w_remember(row, i, ref);
		}
		*all_hit &= ref != REF_MISS;
		*has_long |= ref == REF_LONG;
		w->refs[i] = ref;
	}
	return 0;
}

/* Defines the missing strings; a slot this event already refers to is not reused. */
static int w_define(struct wctx *w, const struct rn_tr_event *e, uint32_t n, bool *has_long)
{
	uint16_t *row = w_guess_row(w, e);

	for (uint32_t i = 0; i < n; i++) {
		const struct wstr *ws = &w->strs[i];
		uint32_t k, j;
		int r;

		if (w->refs[i] != REF_MISS)
			continue;
		k = ws->hash & (SLOTS - 1);
		if (w_slot_holds(w, k, ws)) {
			w->refs[i] = REF_SLOT0 + k; /* defined for an earlier copy in this event */
			continue;
		}
		for (j = 0; j < n; j++)
			if (j != i && w->refs[j] == REF_SLOT0 + k)
				break;
		if (j < n) {
			w->refs[i] = REF_LONG;
			*has_long = true;
			continue;
		}
		r = w_def_slot(w, k, ws);
		if (r)
			return r;
		w->refs[i] = REF_SLOT0 + k;
		w_remember(row, i, w->refs[i]);
	}
	return 0;
}

/* Upper bound of an Event message's size; has_long: some refs are REF_LONG. */
static size_t event_bound(const struct rn_tr_event *e, const uint32_t *refs, bool has_long)
{
	size_t n = 16 * 11 + (e->nargs + 1) * 6 + 7 * 11;

	for (uint32_t i = 0; i < e->ncaps; i++)
		n += 48 + e->caps[i].len;
	for (uint32_t i = 0; has_long && i < e->nargs + 3; i++)
		if (refs[i] == REF_LONG)
			n += 16 + strlen(event_str(e, i));
	return n;
}

/* The Event message for e (strings by refs), deltas against the previous event written. */
static uint8_t *put_event(const struct wctx *w, uint8_t *p, const struct rn_tr_event *e,
			  const uint32_t *refs, bool has_long)
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
			p = rn_tb__put_bytes(p, 17, event_str(e, i), strlen(event_str(e, i)));
	return rn_tb__put_field(p, 18, same);
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
static int w_put(struct wctx *w, const struct rn_tr_event *e, const uint32_t *refs, bool has_long,
		 const struct pending *run)
{
	enum { GAP = 24 }; /* frame length + record tag/length + run's first tag/length */
	bool is_run = run && run->count > 1;
	size_t bound =
	    event_bound(e, refs, has_long) + (run ? 2 * 11 * (size_t)run->count + 64 : 0);
	uint8_t *start, *body, *end;
	size_t evlen, plen;

	if (rn_tb__buf_reserve(&w->raw, GAP + bound))
		return w_fail(w, -ENOMEM);
	start = w->raw.p + w->raw.len;
	body = start + GAP;
	end = put_event(w, body, e, refs, has_long);
	evlen = end - body;
	if (is_run)
		end = put_run_rest(end, run);
	if ((size_t)(end - body) > RECORD_MAX - 16)
		return w_fail(w, -EMSGSIZE);
	plen = put_prefix(start, evlen, end - body, is_run);
	memmove(start + plen, body, end - body);
	w->raw.len += plen + (end - body);
	rn_tbi_writer__record(w->idx);
	if (++w->since_sync >= SYNC_EVERY)
		return w_compress(w, RN_ZFLUSH_BLOCK);
	if (w->raw.len >= RAW_CHUNK)
		return w_compress(w, RN_ZFLUSH_NONE);
	return 0;
}

static int w_flush_pending(struct wctx *w)
{
	struct pending *p = &w->pend;
	int r;

	if (!p->count)
		return 0;
	r = w_put(w, &p->ev, p->refs, false, p); /* calls with long strings are never pending */
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
	if (memcmp(w->refs, p->refs, (e->nargs + 3) * sizeof(*p->refs)))
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
	p->ev = *e;
	p->ev.name = p->ev.errname = p->ev.result_text = NULL;
	p->ev.args = NULL;
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
		r = w_compress(w, RN_ZFLUSH_FRAME);
	if (r)
		return r;
	rn_tbi_writer__frame_crc(w->idx, rn_zout__take_crc(w->zo));
	for (size_t i = 0; i < SLOTS; i++)
		w->slots[i].used = false;
	return rn_tbi_writer__cut(w->idx, w->prev_id, w->prev_end, w->prev_lamport, w->prev_raw);
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
	if (w_lookup(w, e, n, &all_hit, &has_long))
		return w_fail(w, -ENOMEM);
	if (all_hit && !has_long && w_continues(w, e)) {
		w_extend(&w->pend, e);
		return 0;
	}
	/* the pending run's slots must not be redefined before it is written */
	r = w_flush_pending(w);
	if (!r && !all_hit)
		r = w_define(w, e, n, &has_long);
	if (r)
		return r;
	if (!has_long)
		return w_start(w, e) ? w_fail(w, -ENOMEM) : 0;

	/* long strings are not kept for run comparison: written at once */
	r = w_put(w, e, w->refs, true, NULL);
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
		return w_fail(w, -ENOMEM);
	memcpy(w->raw.p, RN_BIN_MAGIC, RN_BIN_MAGIC_LEN);
	w->raw.len = RN_BIN_MAGIC_LEN;
	/* a block of its own, so rn_bin__sniff finds the magic in the first bytes */
	r = w_compress(w, RN_ZFLUSH_BLOCK);
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
		return w_fail(w, -ENOMEM);
	ph.absent = (h->tool ? 0 : RENACER__V1__ABSENT__ABSENT_TOOL) |
		    (h->hostname ? 0 : RENACER__V1__ABSENT__ABSENT_HOSTNAME) |
		    (noargv ? RENACER__V1__ABSENT__ABSENT_ARGV : 0);
	rec.r_case = RENACER__V1__RECORD__R_HEADER;
	rec.header = &ph;
	r = w_emit(w, &rec);
	free(ph.argv);
	return r ? r : w_compress(w, RN_ZFLUSH_BLOCK);
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
	return r || !rec ? r : w_emit(w, rec);
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
		r = w_fail(w, -ENOMEM);
	else {
		rec.r_case = RENACER__V1__RECORD__R_PROCESS;
		rec.process = &pp;
		r = w_record(w, &rec);
	}
	free(pp.argv);
	free(pp.env);
	/* process records mark points worth surviving a crash */
	return r ? r : w_compress(w, RN_ZFLUSH_BLOCK);
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
	int r = w_compress(w, RN_ZFLUSH_END);

	if (r)
		return r;
	rn_tbi_writer__frame_crc(w->idx, rn_zout__take_crc(w->zo));
	return w_fail(w, rn_tbi_writer__finish(w->idx));
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
			return w_fail(w, -ENOMEM);
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
		w_compress(w, RN_ZFLUSH_BLOCK);
	rn_zout__free(w->zo);
	rn_tbi_writer__free(w->idx);
	free(w->raw.p);
	free(w->slot_text);
	free(w->strs);
	free(w->refs);
	free(w->pend.refs);
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
	    rn_zout__new(&w->zo, f)) {
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
