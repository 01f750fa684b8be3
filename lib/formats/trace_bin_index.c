// SPDX-License-Identifier: MIT
/*
 * The .rnt block index (trace_bin_index.h). On disk, after the trace's last zstd frame:
 *
 *   skippable frame magic 0x184D2A5E (LE u32), content size (LE u32), content:
 *     "RNTI", version (u32 = 2), entry size (u32), block count (u32),
 *     the entries (fixed size, little-endian, struct rn_tbi_entry's fields in order; version
 *     2 adds the CRC-32 of the block's compressed bytes as a last word, version 1 is read),
 *     CRC-32 of everything above from "RNTI" on (u32),
 *     the frame's whole size from its magic (u64), "RNTIDX1\0"
 *
 * so the last 16 bytes of an indexed file find the index. Nothing in it is trusted before
 * the CRC matches and the blocks tile the file from offset 0 to the index.
 */
#include "trace_bin_index.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

uint64_t rn_tbi_block_bytes = RN_TBI_BLOCK_BYTES_DEFAULT;
uint64_t rn_tbi_blocks_decoded;

enum {
	SKIP_MAGIC = 0x184D2A5E,
	VERSION = 2,
	ENTRY_U64_V1 = 2 + 2 + 9 + 3 + 1 + 1 + 1 + 1 + 3 + RN_MAX_SYSCALLS / 64, /* entry_words */
	ENTRY_U64 = ENTRY_U64_V1 + 1,
	ENTRY_SIZE = ENTRY_U64 * 8,
	HEAD_SIZE = 16, /* "RNTI", version, entry size, count */
	TAIL_SIZE = 4 + 16,
	BLOCKS_MAX = 1 << 24,
};

static const char TRAILER_MAGIC[8] = "RNTIDX1";

struct rn_tbi_writer {
	FILE *f;
	uint64_t start; /* file offset of the stream */
	struct rn_tbi_entry cur;
	uint64_t raw_total, records, block_raw;
	struct rn_tbi_entry *v;
	size_t n, cap;
	bool broken; /* out of memory once: no index rather than a wrong one */
};

static void entry_reset(struct rn_tbi_entry *e)
{
	e->q = (struct rn_query_block){.pid_min = UINT32_MAX, .t_min = UINT64_MAX};
	e->first_id = e->last_id = e->nevents = 0;
	e->nother = 0;
}

struct rn_tbi_writer *rn_tbi_writer__new(FILE *f)
{
	struct rn_tbi_writer *x;
	off_t at = ftello(f);

	/* the reader seeks from the end of a file: a stream that cannot tell where it is (a
	 * pipe) gets no index */
	if (at < 0)
		return NULL;
	x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	x->f = f;
	x->start = (uint64_t)at;
	entry_reset(&x->cur);
	return x;
}

void rn_tbi_writer__free(struct rn_tbi_writer *x)
{
	if (!x)
		return;
	free(x->v);
	free(x);
}

void rn_tbi_writer__event(struct rn_tbi_writer *x, const struct rn_tr_event *e)
{
	struct rn_tbi_entry *c;
	uint64_t end = e->enter_ns + e->duration_ns;

	if (!x)
		return;
	c = &x->cur;
	if (!c->nevents)
		c->first_id = e->id;
	c->last_id = e->id;
	c->nevents++;
	switch (e->kind) {
	case RN_TR_SYSCALL:
		if (e->nr >= 0 && e->nr < RN_MAX_SYSCALLS)
			c->q.nrs[e->nr / 64] |= 1ull << (e->nr % 64);
		else
			c->q.odd_nr = true;
		if (e->result < 0 && e->result >= -4095)
			c->q.failed = true;
		if (e->duration_ns > c->q.max_duration)
			c->q.max_duration = e->duration_ns;
		break;
	case RN_TR_SIGNAL:
		c->q.signals = true;
		break;
	default:
		c->q.exits = true;
		break;
	}
	for (int i = 0; i < 2; i++) {
		uint32_t id = i ? e->tid : e->pid;

		if (id < c->q.pid_min)
			c->q.pid_min = id;
		if (id > c->q.pid_max)
			c->q.pid_max = id;
		c->q.pid_bloom |= rn_query__pid_bit(id);
	}
	if (e->enter_ns < c->q.t_min)
		c->q.t_min = e->enter_ns;
	if (end > c->q.t_max)
		c->q.t_max = end;
}

void rn_tbi_writer__other(struct rn_tbi_writer *x)
{
	if (x)
		x->cur.nother++;
}

void rn_tbi_writer__bytes(struct rn_tbi_writer *x, uint64_t n)
{
	if (!x)
		return;
	x->raw_total += n;
	x->block_raw += n;
}

void rn_tbi_writer__record(struct rn_tbi_writer *x)
{
	if (x)
		x->records++;
}

void rn_tbi_writer__frame_crc(struct rn_tbi_writer *x, uint32_t crc)
{
	if (x) {
		x->cur.crc = crc;
		x->cur.has_crc = true;
	}
}

bool rn_tbi_writer__want_cut(const struct rn_tbi_writer *x, uint64_t pending)
{
	return x && !x->broken && x->block_raw + pending >= rn_tbi_block_bytes;
}

/* Closes the current block at the file's position now. */
static int close_block(struct rn_tbi_writer *x)
{
	off_t at = ftello(x->f);
	struct rn_tbi_entry *c = &x->cur;
	uint64_t off = x->n ? x->v[x->n - 1].off + x->v[x->n - 1].len : 0;

	if (at < 0 || (uint64_t)at - x->start < off) {
		x->broken = true;
		return -EIO;
	}
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 64;
		struct rn_tbi_entry *v = realloc(x->v, cap * sizeof(*v));

		if (!v) {
			x->broken = true;
			return -ENOMEM;
		}
		x->v = v;
		x->cap = cap;
	}
	c->off = off;
	c->len = (uint64_t)at - x->start - off;
	x->v[x->n++] = *c;
	return 0;
}

int rn_tbi_writer__cut(struct rn_tbi_writer *x, uint64_t prev_id, uint64_t prev_end,
		       uint64_t prev_lamport, const uint64_t prev_raw[6])
{
	struct rn_tbi_entry *c;

	if (!x || x->broken)
		return 0;
	if (close_block(x))
		return 0;
	c = &x->cur;
	entry_reset(c);
	c->raw_off = x->raw_total;
	c->records = x->records;
	c->prev_id = prev_id;
	c->prev_end = prev_end;
	c->prev_lamport = prev_lamport;
	memcpy(c->prev_raw, prev_raw, sizeof(c->prev_raw));
	x->block_raw = 0;
	return 0;
}

static uint8_t *put_u32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		*p++ = (uint8_t)(v >> (8 * i));
	return p;
}

static uint8_t *put_u64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		*p++ = (uint8_t)(v >> (8 * i));
	return p;
}

static uint32_t get_u32(const uint8_t *p)
{
	uint32_t v = 0;

	for (int i = 3; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t get_u64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The entry as ENTRY_U64 words; get_entry reads them back in the same order. */
static void entry_words(const struct rn_tbi_entry *e, uint64_t *w)
{
	size_t k = 0;

	w[k++] = e->off;
	w[k++] = e->len;
	w[k++] = e->raw_off;
	w[k++] = e->records;
	w[k++] = e->prev_id;
	w[k++] = e->prev_end;
	w[k++] = e->prev_lamport;
	for (int i = 0; i < 6; i++)
		w[k++] = e->prev_raw[i];
	w[k++] = e->first_id;
	w[k++] = e->last_id;
	w[k++] = e->nevents;
	w[k++] = e->nother;
	w[k++] = (uint64_t)e->q.signals | (uint64_t)e->q.exits << 1 | (uint64_t)e->q.failed << 2 |
		 (uint64_t)e->q.odd_nr << 3;
	w[k++] = (uint64_t)e->q.pid_min | (uint64_t)e->q.pid_max << 32;
	w[k++] = e->q.pid_bloom;
	w[k++] = e->q.t_min;
	w[k++] = e->q.t_max;
	w[k++] = e->q.max_duration;
	for (int i = 0; i < RN_MAX_SYSCALLS / 64; i++)
		w[k++] = e->q.nrs[i];
	w[k++] = e->crc;
}

/* An entry of version 1 (n = ENTRY_U64_V1 words, no CRC) or 2. */
static bool words_entry(const uint64_t *w, size_t n, struct rn_tbi_entry *e)
{
	size_t k = 0;

	memset(e, 0, sizeof(*e));
	e->off = w[k++];
	e->len = w[k++];
	e->raw_off = w[k++];
	e->records = w[k++];
	e->prev_id = w[k++];
	e->prev_end = w[k++];
	e->prev_lamport = w[k++];
	for (int i = 0; i < 6; i++)
		e->prev_raw[i] = w[k++];
	e->first_id = w[k++];
	e->last_id = w[k++];
	e->nevents = w[k++];
	if (w[k] > UINT32_MAX || w[k + 1] >> 4)
		return false;
	e->nother = (uint32_t)w[k++];
	e->q.signals = w[k] & 1;
	e->q.exits = w[k] >> 1 & 1;
	e->q.failed = w[k] >> 2 & 1;
	e->q.odd_nr = w[k++] >> 3 & 1;
	e->q.pid_min = (uint32_t)w[k];
	e->q.pid_max = (uint32_t)(w[k++] >> 32);
	e->q.pid_bloom = w[k++];
	e->q.t_min = w[k++];
	e->q.t_max = w[k++];
	e->q.max_duration = w[k++];
	for (int i = 0; i < RN_MAX_SYSCALLS / 64; i++)
		e->q.nrs[i] = w[k++];
	if (n > ENTRY_U64_V1) {
		if (w[k] > UINT32_MAX)
			return false;
		e->crc = (uint32_t)w[k++];
		e->has_crc = true;
	}
	return true;
}

int rn_tbi_writer__finish(struct rn_tbi_writer *x)
{
	size_t content, total;
	uint8_t *buf, *p;
	uint64_t w[ENTRY_U64];
	int r = 0;

	/* one block leaves nothing to skip: such a file stays as it was before indexes */
	if (!x || x->broken || close_block(x) || x->n < 2)
		return 0;
	content = HEAD_SIZE + x->n * ENTRY_SIZE + TAIL_SIZE;
	total = 8 + content;
	if (content > UINT32_MAX || !(buf = malloc(total)))
		return 0;
	p = put_u32(buf, SKIP_MAGIC);
	p = put_u32(p, (uint32_t)content);
	memcpy(p, "RNTI", 4);
	p = put_u32(p + 4, VERSION);
	p = put_u32(p, ENTRY_SIZE);
	p = put_u32(p, (uint32_t)x->n);
	for (size_t i = 0; i < x->n; i++) {
		entry_words(&x->v[i], w);
		for (size_t k = 0; k < ENTRY_U64; k++)
			p = put_u64(p, w[k]);
	}
	p = put_u32(p, (uint32_t)crc32(0, buf + 8, (uInt)(p - (buf + 8))));
	p = put_u64(p, total);
	memcpy(p, TRAILER_MAGIC, sizeof(TRAILER_MAGIC));
	if (fwrite(buf, 1, total, x->f) != total || fflush(x->f))
		r = -EIO;
	free(buf);
	return r;
}

int rn_tbi__load(FILE *f, struct rn_tbi_entry **out, size_t *n)
{
	uint8_t tail[16], *buf = NULL;
	struct rn_tbi_entry *v = NULL;
	uint64_t total, size, w[ENTRY_U64];
	uint32_t count, version;
	size_t nw, esize;
	struct stat st;
	const uint8_t *p;

	*out = NULL;
	*n = 0;
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) || st.st_size < 8 + HEAD_SIZE + TAIL_SIZE)
		return -ENOENT;
	size = (uint64_t)st.st_size;
	if (fseeko(f, (off_t)(size - 16), SEEK_SET) || fread(tail, 1, 16, f) != 16 ||
	    memcmp(tail + 8, TRAILER_MAGIC, 8))
		goto bad;
	total = get_u64(tail);
	if (total < 8 + HEAD_SIZE + TAIL_SIZE || total > size || total > UINT32_MAX + 8ull)
		goto bad;
	if (!(buf = malloc(total)) || fseeko(f, (off_t)(size - total), SEEK_SET) ||
	    fread(buf, 1, total, f) != total)
		goto bad;
	version = get_u32(buf + 12);
	nw = version == 1 ? ENTRY_U64_V1 : ENTRY_U64;
	esize = nw * 8;
	if (get_u32(buf) != SKIP_MAGIC || get_u32(buf + 4) != total - 8 ||
	    memcmp(buf + 8, "RNTI", 4) || (version != 1 && version != VERSION) ||
	    get_u32(buf + 16) != esize)
		goto bad;
	count = get_u32(buf + 20);
	if (!count || count > BLOCKS_MAX ||
	    total != 8 + HEAD_SIZE + (uint64_t)count * esize + TAIL_SIZE)
		goto bad;
	p = buf + 8 + HEAD_SIZE + (size_t)count * esize;
	if (get_u32(p) != (uint32_t)crc32(0, buf + 8, (uInt)(p - (buf + 8))))
		goto bad;
	if (!(v = calloc(count, sizeof(*v))))
		goto bad;
	p = buf + 8 + HEAD_SIZE;
	for (uint32_t i = 0; i < count; i++) {
		uint64_t next = i ? v[i - 1].off + v[i - 1].len : 0;

		for (size_t k = 0; k < nw; k++, p += 8)
			w[k] = get_u64(p);
		/* the blocks tile the file from 0 to the index, ids increase across them */
		if (!words_entry(w, nw, &v[i]) || v[i].off != next || !v[i].len ||
		    v[i].len > size - total - next ||
		    (v[i].nevents && (v[i].first_id > v[i].last_id ||
				      v[i].last_id - v[i].first_id >= UINT64_MAX / 2)) ||
		    (i && v[i].raw_off < v[i - 1].raw_off))
			goto bad;
	}
	if (v[count - 1].off + v[count - 1].len != size - total)
		goto bad;
	free(buf);
	rewind(f);
	*out = v;
	*n = count;
	return 0;
bad:
	free(v);
	free(buf);
	rewind(f);
	return -ENOENT;
}

bool rn_tbi__skippable_record(const uint8_t *p, size_t len)
{
	/* a Record is one oneof field: its tag byte is (field << 3) | 2 */
	if (!len)
		return false;
	switch (p[0]) {
	case 1 << 3 | 2: /* header */
	case 4 << 3 | 2: /* process */
	case 5 << 3 | 2: /* edge */
	case 6 << 3 | 2: /* gap */
	case 7 << 3 | 2: /* stats */
		return false;
	default:
		return true;
	}
}
