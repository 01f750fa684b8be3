// SPDX-License-Identifier: MIT
/*
 * The .rnt writer's string slots: strings are interned in a direct-mapped table of SLOTS
 * slots that writer and reader keep in step through StrDef records (trace_bin_write.c
 * writes the events that name them).
 */
#include <errno.h>
#include <string.h>

#include "trace_bin_wr.h"

static uint32_t str_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
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
	return rn_tbw__emit(w, &rec);
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

int rn_tbw__lookup(struct wctx *w, const struct rn_tr_event *e, uint32_t n, bool *all_hit,
		   bool *has_long)
{
	uint16_t *row = w_guess_row(w, e);

	if (rn_tb__grow(&w->strs, &w->strs_cap, n, sizeof(*w->strs)) ||
	    rn_tb__grow(&w->refs, &w->refs_cap, n, sizeof(*w->refs)))
		return -ENOMEM;
	*all_hit = true;
	*has_long = false;
	for (uint32_t i = 0; i < n; i++) {
		const char *s = rn_tbw__event_str(e, i);
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

int rn_tbw__define(struct wctx *w, const struct rn_tr_event *e, uint32_t n, bool *has_long)
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
