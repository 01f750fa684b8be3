// SPDX-License-Identifier: MIT
/*
 * The .rnt writer (a trace sink) and reader. Strings are interned in a direct-mapped
 * table of SLOTS slots that writer and reader keep in step through StrDef records, so
 * an event is mostly small varints; identical consecutive calls become one EventRun.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "renacer/v1/trace.pb-c.h"
#include "trace_bin.h"
#include "zstream.h"

typedef Renacer__V1__Record pb_record;
typedef Renacer__V1__Header pb_header;
typedef Renacer__V1__Event pb_event;
typedef Renacer__V1__EventRun pb_run;
typedef Renacer__V1__Capture pb_capture;
typedef Renacer__V1__Process pb_process;
typedef Renacer__V1__Stats pb_stats;

enum {
	SLOTS = 4096,	       /* interned-string slots: fixed by the format */
	SLOT_TEXT_MAX = 255,   /* longer strings travel in Event.long_text */
	RUN_MAX = 4096,	       /* calls per EventRun, so records stay small */
	SYNC_EVERY = 4096,     /* records between flush points */
	RAW_CHUNK = 128 << 10, /* raw bytes gathered before calling the compressor */
	IN_CHUNK = 128 << 10,  /* decompressed bytes asked for per read */
	RECORD_MAX = 16 << 20, /* bytes of one record: a longer length prefix is damage */
	DECODE_MAX = 64 << 20, /* bytes one record may take decoded (packed fields grow 8x) */
	ID_RUNS_MAX = 1 << 20, /* jumps in the event ids (the recorder makes none) */
	AHEAD_MAX = 1 << 16,   /* edges and gaps naming events not read yet (the sample's one) */
	REF_NULL = 0,
	REF_LONG = 1,
	REF_SLOT0 = 2,
	GUESS_NRS = 512, /* syscall numbers (mod), for the slot guesses */
	GUESS_STRS = 10, /* string positions guessed: name, 6 args, errname, result_text */
	SLOT_CHUNK = 64, /* reader's slots per allocation: a small file needs little */
};

#define REF_MISS UINT32_MAX

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static int buf__reserve(struct buf *b, size_t extra)
{
	size_t want = b->len + extra, cap;
	uint8_t *p;

	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < want)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p)
		return -ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

/* Grows *arr (elements of size sz) to hold n; no-op when big enough. */
static int grow(void *arr, size_t *cap, size_t n, size_t sz)
{
	void *p;
	size_t c;

	if (n <= *cap)
		return 0;
	c = *cap ? *cap : 8;
	while (c < n)
		c *= 2;
	p = realloc(*(void **)arr, c * sz);
	if (!p)
		return -ENOMEM;
	*(void **)arr = p;
	*cap = c;
	return 0;
}

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
	w->raw.len = 0;
	if (mode != RN_ZFLUSH_NONE)
		w->since_sync = 0;
	return 0;
}

static inline size_t put_varint(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	/* most fields of an event take one or two bytes */
	if (v < 0x80) {
		*p = (uint8_t)v;
		return 1;
	}
	if (v < 0x4000) {
		p[0] = (uint8_t)v | 0x80;
		p[1] = (uint8_t)(v >> 7);
		return 2;
	}
	while (v >= 0x80) {
		p[n++] = (uint8_t)v | 0x80;
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

static int w_emit(struct wctx *w, const pb_record *rec)
{
	size_t n = protobuf_c_message_get_packed_size(&rec->base);

	/* readers refuse a longer record as damage */
	if (n > RECORD_MAX)
		return w_fail(w, -EMSGSIZE);
	if (buf__reserve(&w->raw, n + 10))
		return w_fail(w, -ENOMEM);
	w->raw.len += put_varint(w->raw.p + w->raw.len, n);
	w->raw.len += protobuf_c_message_pack(&rec->base, w->raw.p + w->raw.len);
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

	if (grow(&w->strs, &w->strs_cap, n, sizeof(*w->strs)) ||
	    grow(&w->refs, &w->refs_cap, n, sizeof(*w->refs)))
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

/*
 * Events are encoded by hand (the hot path: protobuf-c's size-then-pack costs twice
 * this); the wire format is the one trace.proto declares, which the reader decodes
 * with protobuf-c, so any mismatch fails the round-trip tests.
 */
enum { WT_VARINT = 0, WT_LEN = 2 };

static size_t varint_size(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline uint8_t *put_field(uint8_t *p, uint32_t field, uint64_t v)
{
	if (!v)
		return p; /* proto3: zero is the default and is not written */
	p += put_varint(p, field << 3 | WT_VARINT);
	return p + put_varint(p, v);
}

static uint8_t *put_bytes(uint8_t *p, uint32_t field, const void *data, size_t len)
{
	p += put_varint(p, field << 3 | WT_LEN);
	p += put_varint(p, len);
	if (len)
		memcpy(p, data, len);
	return p + len;
}

static uint8_t *put_packed32(uint8_t *p, uint32_t field, const uint32_t *v, size_t n)
{
	size_t len = 0;

	if (!n)
		return p;
	for (size_t i = 0; i < n; i++)
		len += varint_size(v[i]);
	p += put_varint(p, field << 3 | WT_LEN);
	p += put_varint(p, len);
	for (size_t i = 0; i < n; i++)
		p += put_varint(p, v[i]);
	return p;
}

/* Packed uint64 (zz false) or sint64 (zz true) values. */
static uint8_t *put_packed64(uint8_t *p, uint32_t field, const uint64_t *v, size_t n, bool zz)
{
	size_t len = 0;

	if (!n)
		return p;
	for (size_t i = 0; i < n; i++)
		len += varint_size(zz ? zigzag((int64_t)v[i]) : v[i]);
	p += put_varint(p, field << 3 | WT_LEN);
	p += put_varint(p, len);
	for (size_t i = 0; i < n; i++)
		p += put_varint(p, zz ? zigzag((int64_t)v[i]) : v[i]);
	return p;
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
	p = put_field(p, 1, zigzag((int64_t)(e->id - w->prev_id - 1)));
	p = put_field(p, 2, (uint32_t)e->kind);
	p = put_field(p, 3, e->pid);
	p = put_field(p, 4, e->tid);
	p = put_field(p, 5, (uint32_t)e->nr << 1 ^ (uint32_t)(e->nr >> 31));
	p = put_field(p, 6, refs[0]);
	p = put_packed32(p, 7, refs + 1, e->nargs);
	p = put_packed64(p, 8, raw, nraw, false);
	p = put_field(p, 9, zigzag(e->result));
	p = put_field(p, 10, refs[e->nargs + 1]);
	p = put_field(p, 11, refs[e->nargs + 2]);
	p = put_field(p, 12, e->noreturn);
	p = put_field(p, 13, zigzag((int64_t)(e->enter_ns - w->prev_end)));
	p = put_field(p, 14, e->duration_ns);
	p = put_field(p, 15, zigzag((int64_t)(e->lamport - w->prev_lamport - 1)));
	for (uint32_t i = 0; i < e->ncaps; i++) {
		const struct rn_tr_capture *c = &e->caps[i];
		uint8_t body[48], *q = body;

		q = put_field(q, 1, c->arg);
		q = put_field(q, 2, c->idx);
		/* data (field 3) goes last but one in the body: sizes first, bytes after */
		p += put_varint(p, 16 << 3 | WT_LEN);
		q = put_field(q, 4, zigzag((int64_t)(c->full_len - c->len)));
		q = put_field(q, 5, c->truncated);
		p += put_varint(p, (size_t)(q - body) +
				       (c->len ? 1 + varint_size(c->len) + c->len : 0));
		memcpy(p, body, q - body);
		p += q - body;
		if (c->len)
			p = put_bytes(p, 3, c->data, c->len);
	}
	for (uint32_t i = 0; has_long && i < e->nargs + 3; i++)
		if (refs[i] == REF_LONG)
			p = put_bytes(p, 17, event_str(e, i), strlen(event_str(e, i)));
	return put_field(p, 18, same);
}

/*
 * The prefixes of a record whose body (blen bytes) starts with an Event of evlen bytes:
 * frame length, Record tag and length, and for a run the tag and length of its first call.
 */
static size_t put_prefix(uint8_t *p, size_t evlen, size_t blen, bool is_run)
{
	size_t runlen = 1 + varint_size(evlen) + blen;
	uint8_t *q = p;

	if (is_run) {
		q += put_varint(q, 1 + varint_size(runlen) + runlen);
		*q++ = 3 << 3 | WT_LEN;
		q += put_varint(q, runlen);
		*q++ = 1 << 3 | WT_LEN;
	} else {
		q += put_varint(q, 1 + varint_size(evlen) + evlen);
		*q++ = 2 << 3 | WT_LEN;
	}
	return q - p + put_varint(q, evlen);
}

/* The rest of an EventRun after its first call. */
static uint8_t *put_run_rest(uint8_t *p, const struct pending *run)
{
	p = put_field(p, 2, run->count);
	p = put_packed64(p, 3, (const uint64_t *)run->enter_deltas, run->count - 1, true);
	p = put_packed64(p, 4, run->durations, run->count - 1, false);
	p = put_field(p, 5, run->min);
	p = put_field(p, 6, run->max);
	return put_field(p, 7, run->sum);
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

	if (buf__reserve(&w->raw, GAP + bound))
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

	if (grow(&p->refs, &p->refs_cap, e->nargs + 3, sizeof(*p->refs)) ||
	    grow(&p->caps, &p->caps_cap, e->ncaps, sizeof(*p->caps)))
		return -ENOMEM;
	for (uint32_t i = 0; i < e->ncaps; i++)
		total += e->caps[i].len;
	p->capdata.len = 0;
	if (buf__reserve(&p->capdata, total))
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

static int w_event(void *ctx, const struct rn_tr_event *e)
{
	struct wctx *w = ctx;
	uint32_t n = e->nargs + 3;
	bool all_hit, has_long;
	int r;

	if (w->err || !w->started || w->finished)
		return w->err ? w->err : -EINVAL;
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
	if (buf__reserve(&w->raw, RN_BIN_MAGIC_LEN))
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
		return r ? r : w_compress(w, RN_ZFLUSH_END);
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
	return w_compress(w, RN_ZFLUSH_END);
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
	if (!w->slot_text || buf__reserve(&w->raw, RAW_CHUNK + 4096) || rn_zout__new(&w->zo, f)) {
		w_close(w);
		return -ENOMEM;
	}
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

/* Bump allocator for protobuf-c: reset per record, so decoding does not malloc. */
struct arena {
	uint8_t *p;
	size_t used, cap;
	void **extra; /* overflow blocks until the next reset */
	size_t nextra, extra_cap, extra_bytes;
	bool over; /* a record wanted more than DECODE_MAX */
};

static void *arena_alloc(void *data, size_t n)
{
	struct arena *a = data;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (n > DECODE_MAX || a->used + a->extra_bytes + n > DECODE_MAX) {
		a->over = true;
		return NULL;
	}
	if (a->used + n <= a->cap) {
		p = a->p + a->used;
		a->used += n;
		return p;
	}
	if (grow(&a->extra, &a->extra_cap, a->nextra + 1, sizeof(*a->extra)))
		return NULL;
	p = malloc(n);
	if (p) {
		a->extra[a->nextra++] = p;
		a->extra_bytes += n;
	}
	return p;
}

static void arena_free(void *data, void *p)
{
	(void)data;
	(void)p;
}

static void arena_reset(struct arena *a)
{
	size_t want = a->cap + a->extra_bytes * 2;
	uint8_t *p;

	for (size_t i = 0; i < a->nextra; i++)
		free(a->extra[i]);
	/* grow the main block to what the last record needed, so the next one fits */
	if (a->nextra && (p = malloc(want)) != NULL) {
		free(a->p);
		a->p = p;
		a->cap = want;
	}
	a->nextra = 0;
	a->extra_bytes = 0;
	a->used = 0;
	a->over = false;
}

struct rctx {
	const char *path;
	const struct rn_tr_sink *sink;
	struct rn_tr_error *err;
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
	struct arena arena;
	ProtobufCAllocator alloc;
	const char **args;
	size_t args_cap;
	struct rn_tr_capture *caps;
	size_t caps_cap;
	struct rn_tr_stats stats;
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
	if (!c->err)
		return code;
	if (c->zin && strcmp(rn_zin__codec(c->zin), "raw"))
		snprintf(c->err->msg, sizeof(c->err->msg),
			 "%s: byte %llu (record %llu, in the %s-decompressed stream; near byte "
			 "%llu of the file): %s",
			 c->path, (unsigned long long)c->rec_off,
			 (unsigned long long)c->nrecords + 1, rn_zin__codec(c->zin),
			 (unsigned long long)rn_zin__offset(c->zin), what);
	else
		snprintf(c->err->msg, sizeof(c->err->msg), "%s: byte %llu (record %llu): %s",
			 c->path, (unsigned long long)c->rec_off,
			 (unsigned long long)c->nrecords + 1, what);
	return code;
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
	if (c->err)
		snprintf(c->err->msg, sizeof(c->err->msg), "%s: %s", c->path, what);
	return code;
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
	char *s = arena_alloc(&c->arena, b->len + 1);

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
	out = arena_alloc(&c->arena, (n + 1) * sizeof(*out));
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
	if (grow(&c->ids, &c->ids_cap, c->nids + 1, sizeof(*c->ids)))
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
	if (grow(&c->ahead, &c->ahead_cap, c->nahead + 1, sizeof(*c->ahead)))
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
	if (grow(&c->args, &c->args_cap, pe->n_args, sizeof(*c->args)) ||
	    grow(&c->caps, &c->caps_cap, pe->n_captures, sizeof(*c->caps)))
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
	const char **names = arena_alloc(&c->arena, n * sizeof(*names) + 1);
	uint64_t *v = arena_alloc(&c->arena, 3 * n * sizeof(*v) + 1);

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
	arena_reset(&c->arena);
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

/* Reads a varint: bytes used, 0 when incomplete, -1 when longer than 10 bytes. */
static int get_varint(const uint8_t *p, size_t n, uint64_t *v)
{
	uint64_t x = 0;

	for (size_t i = 0; i < 10; i++) {
		if (i >= n)
			return 0;
		x |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = x;
			return (int)i + 1;
		}
	}
	return -1;
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
		k = get_varint(p, avail, &len);
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

static int r_run(struct rctx *c)
{
	size_t need = 0;
	int zr, r;

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
		if (buf__reserve(&c->raw, room > IN_CHUNK ? room : IN_CHUNK))
			return r_nomem(c);
		zr = rn_zin__read(c->zin, c->raw.p + c->raw.len, c->raw.cap - c->raw.len, &got);
		c->raw.len += got;
		/* what decoded before a cut or damage is delivered before the error */
		r = r_parse(c, &need);
		if (r)
			return r;
	} while (zr == RN_ZIN_MORE);
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
	if (!c->got_header)
		return r_fail_file(
		    c, -EINVAL, "truncated at byte %llu: the stream ends before the header record",
		    (unsigned long long)c->rec_off);
	/* only compressed files of older writers end without the Stats record */
	if (!c->got_stats && !strcmp(rn_zin__codec(c->zin), "raw"))
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

int rn_bin__read(const char *path, const struct rn_tr_sink *sink, struct rn_tr_error *err)
{
	FILE *f;
	int r;

	f = fopen(path, "rbe");
	if (!f) {
		r = -errno;
		if (err)
			snprintf(err->msg, sizeof(err->msg), "%s: cannot open: %s", path,
				 strerror(-r));
		return r;
	}
	r = rn_bin__read_file(f, path, sink, err);
	fclose(f);
	return r;
}

int rn_bin__read_file(FILE *f, const char *path, const struct rn_tr_sink *sink,
		      struct rn_tr_error *err)
{
	struct rctx *c = calloc(1, sizeof(*c));
	int r;

	if (!c) {
		if (err)
			snprintf(err->msg, sizeof(err->msg), "%s: out of memory", path);
		return -ENOMEM;
	}
	c->path = path;
	c->sink = sink;
	c->err = err;
	c->alloc = (ProtobufCAllocator){arena_alloc, arena_free, &c->arena};
	c->arena.cap = 64 << 10;
	c->arena.p = malloc(c->arena.cap);
	if (!c->arena.p) {
		r = r_fail_file(c, -ENOMEM, "out of memory");
		goto out;
	}
	c->f = f;
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
	for (size_t i = 0; i < c->arena.nextra; i++)
		free(c->arena.extra[i]);
	free(c->arena.extra);
	free(c->arena.p);
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

bool rn_bin__sniff(const void *head, size_t n)
{
	uint8_t out[RN_BIN_MAGIC_LEN];
	const uint8_t *p = head;

	if (n >= RN_BIN_MAGIC_LEN && !memcmp(p, RN_BIN_MAGIC, 3))
		return p[3] >= '0' && p[3] <= '9'; /* not compressed (zstd -d) */
	return rn_zin__peek(head, n, out, sizeof(out)) == (int)sizeof(out) &&
	       !memcmp(out, RN_BIN_MAGIC, 3) && out[3] >= '0' && out[3] <= '9';
}
