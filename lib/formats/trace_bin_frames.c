// SPDX-License-Identifier: MIT
/*
 * The .rnt frame table (trace_bin_frames.h). The writer keys a frame by its fields
 * serialized (addresses, line, flags and the texts it has), in an open-addressing table
 * twice the slots' size; a stack of -k repeats the frames of the calls before it, so most
 * calls name slots only.
 */
#include "trace_bin_frames.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct fent {
	uint32_t hash;
	uint32_t slot1; /* slot + 1; 0: empty */
};

struct fkey {
	uint32_t hash, off, len; /* in cur */
};

struct rn_tbf_writer {
	struct fent tab[FRAME_SLOTS * 2];
	uint32_t off[FRAME_SLOTS], len[FRAME_SLOTS]; /* each slot's key in keys */
	struct buf keys;
	uint32_t used;
	/* the keys of the event looked up last */
	struct fkey *k;
	size_t k_cap;
	struct buf cur;
};

static const char *frame_text(const struct rn_tr_frame *f, int i)
{
	const char *t[] = {f->module, f->build_id, f->symbol, f->function, f->file};

	return t[i];
}

static int put_key(struct buf *b, const struct rn_tr_frame *f)
{
	uint64_t num[3] = {f->pc, f->offset, f->symbol_offset};
	uint8_t flags = (uint8_t)(f->inlined | f->own << 1);
	size_t n = sizeof(num) + sizeof(f->line) + 1;

	for (int i = 0; i < 5; i++)
		n += frame_text(f, i) ? strlen(frame_text(f, i)) + 1 : 0;
	if (rn_tb__buf_reserve(b, n))
		return -ENOMEM;
	memcpy(b->p + b->len, num, sizeof(num));
	memcpy(b->p + b->len + sizeof(num), &f->line, sizeof(f->line));
	b->len += sizeof(num) + sizeof(f->line);
	for (int i = 0; i < 5; i++) {
		const char *s = frame_text(f, i);

		if (!s)
			continue;
		flags |= (uint8_t)(4u << i);
		memcpy(b->p + b->len, s, strlen(s) + 1);
		b->len += strlen(s) + 1;
	}
	b->p[b->len++] = flags;
	return 0;
}

static uint32_t key_hash(const uint8_t *p, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* The table entry holding key k, or the empty one where it would go. */
static struct fent *probe(struct rn_tbf_writer *t, const struct fkey *k)
{
	const uint8_t *kp = t->cur.p + k->off;
	uint32_t i = k->hash & (FRAME_SLOTS * 2 - 1);

	for (;; i = (i + 1) & (FRAME_SLOTS * 2 - 1)) {
		struct fent *f = &t->tab[i];
		uint32_t s = f->slot1 - 1;

		if (!f->slot1 || (f->hash == k->hash && t->len[s] == k->len &&
				  !memcmp(t->keys.p + t->off[s], kp, k->len)))
			return f;
	}
}

int rn_tbf_writer__new(struct rn_tbf_writer **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -ENOMEM;
}

void rn_tbf_writer__free(struct rn_tbf_writer *t)
{
	if (!t)
		return;
	free(t->keys.p);
	free(t->cur.p);
	free(t->k);
	free(t);
}

void rn_tbf_writer__reset(struct rn_tbf_writer *t)
{
	if (!t || !t->used)
		return;
	memset(t->tab, 0, sizeof(t->tab));
	t->used = 0;
	t->keys.len = 0;
}

int rn_tbf_writer__lookup(struct rn_tbf_writer *t, const struct rn_tr_event *e, uint32_t **refs,
			  size_t *cap)
{
	int misses = 0;

	if (e->nframes > FRAME_SLOTS)
		return -E2BIG;
	if (rn_tb__grow(refs, cap, e->nframes, sizeof(**refs)) ||
	    rn_tb__grow(&t->k, &t->k_cap, e->nframes, sizeof(*t->k)))
		return -ENOMEM;
	t->cur.len = 0;
	for (uint32_t i = 0; i < e->nframes; i++) {
		struct fkey *k = &t->k[i];
		struct fent *f;

		k->off = (uint32_t)t->cur.len;
		if (put_key(&t->cur, &e->frames[i]))
			return -ENOMEM;
		k->len = (uint32_t)(t->cur.len - k->off);
		k->hash = key_hash(t->cur.p + k->off, k->len);
		f = probe(t, k);
		(*refs)[i] = f->slot1 ? f->slot1 - 1 : REF_MISS;
		misses += !f->slot1;
	}
	return misses;
}

bool rn_tbf_writer__room(const struct rn_tbf_writer *t, uint32_t misses)
{
	return t->used + misses <= FRAME_SLOTS;
}

uint32_t rn_tbf_writer__define(struct rn_tbf_writer *t, uint32_t i, const struct rn_tr_frame *f,
			       Renacer__V1__Frame *pf, Renacer__V1__FrameDef *def)
{
	const struct fkey *k = &t->k[i];
	struct fent *ent = probe(t, k);
	uint32_t s;

	def->frame = NULL;
	if (ent->slot1) /* an earlier frame of this stack, defined just now */
		return ent->slot1 - 1;
	if (rn_tb__buf_reserve(&t->keys, k->len))
		return REF_MISS;
	s = t->used++;
	t->off[s] = (uint32_t)t->keys.len;
	t->len[s] = k->len;
	memcpy(t->keys.p + t->keys.len, t->cur.p + k->off, k->len);
	t->keys.len += k->len;
	*ent = (struct fent){k->hash, s + 1};

	renacer__v1__frame__init(pf);
	pf->pc = f->pc;
	pf->offset = f->offset;
	pf->symbol_offset = f->symbol_offset;
	pf->line = f->line;
	pf->inlined = f->inlined;
	pf->own = f->own;
	ProtobufCBinaryData *b[] = {&pf->module, &pf->build_id, &pf->symbol, &pf->function,
				    &pf->file};
	for (int j = 0; j < 5; j++) {
		const char *txt = frame_text(f, j);

		if (!txt)
			continue;
		pf->present |= 1u << j;
		b[j]->data = (uint8_t *)txt;
		b[j]->len = strlen(txt);
	}
	renacer__v1__frame_def__init(def);
	def->slot = s;
	def->frame = pf;
	return s;
}

static char *dup_text(const ProtobufCBinaryData *b, bool present, const char **why, int *err)
{
	char *s;

	if (!present)
		return NULL;
	if (b->len && memchr(b->data, 0, b->len)) {
		*why = "a frame's text holds a NUL byte";
		*err = -EINVAL;
		return NULL;
	}
	s = malloc(b->len + 1);
	if (!s) {
		*err = -ENOMEM;
		return NULL;
	}
	if (b->len)
		memcpy(s, b->data, b->len);
	s[b->len] = '\0';
	return s;
}

static void free_frame(struct rn_tr_frame *f)
{
	free((char *)f->module);
	free((char *)f->build_id);
	free((char *)f->symbol);
	free((char *)f->function);
	free((char *)f->file);
	memset(f, 0, sizeof(*f));
}

int rn_tbf_reader__define(struct rn_tbf_reader *t, const Renacer__V1__FrameDef *d, const char **why)
{
	const Renacer__V1__Frame *pf = d->frame;
	const ProtobufCBinaryData *b[5];
	struct rn_tr_frame nf = {0};
	char *txt[5] = {0};
	int err = 0;

	if (d->slot >= FRAME_SLOTS || !pf || pf->present >> 5) {
		*why = "bad frame definition (a slot past 4095, no frame, or unknown text bits)";
		return -EINVAL;
	}
	if (!t->slot) {
		t->slot = calloc(FRAME_SLOTS, sizeof(*t->slot));
		t->def = calloc(FRAME_SLOTS, sizeof(*t->def));
		if (!t->slot || !t->def)
			return -ENOMEM;
	}
	b[0] = &pf->module, b[1] = &pf->build_id, b[2] = &pf->symbol, b[3] = &pf->function;
	b[4] = &pf->file;
	for (int i = 0; i < 5 && !err; i++)
		txt[i] = dup_text(b[i], pf->present & 1u << i, why, &err);
	nf = (struct rn_tr_frame){
	    .pc = pf->pc,
	    .offset = pf->offset,
	    .module = txt[0],
	    .build_id = txt[1],
	    .symbol = txt[2],
	    .symbol_offset = pf->symbol_offset,
	    .function = txt[3],
	    .file = txt[4],
	    .line = pf->line,
	    .inlined = pf->inlined,
	    .own = pf->own,
	};
	if (err) {
		free_frame(&nf);
		return err;
	}
	free_frame(&t->slot[d->slot]);
	t->slot[d->slot] = nf;
	t->def[d->slot] = true;
	return 0;
}

int rn_tbf_reader__event(struct rn_tbf_reader *t, const uint32_t *refs, size_t n,
			 struct rn_tr_event *e, const char **why)
{
	if (!n)
		return 0;
	if (n > FRAME_SLOTS) {
		*why = "a call with more frames than the frame table has slots";
		return -EINVAL;
	}
	if (rn_tb__grow(&t->frames, &t->frames_cap, n, sizeof(*t->frames)))
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (refs[i] >= FRAME_SLOTS || !t->def || !t->def[refs[i]]) {
			*why = "a reference to an undefined frame slot";
			return -EINVAL;
		}
		t->frames[i] = t->slot[refs[i]];
	}
	e->frames = t->frames;
	e->nframes = (uint32_t)n;
	return 0;
}

void rn_tbf_reader__fini(struct rn_tbf_reader *t)
{
	for (size_t i = 0; t->slot && i < FRAME_SLOTS; i++)
		free_frame(&t->slot[i]);
	free(t->slot);
	free(t->def);
	free(t->frames);
	memset(t, 0, sizeof(*t));
}
