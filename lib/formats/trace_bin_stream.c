// SPDX-License-Identifier: MIT
/*
 * The .rnt reader's stream half: decompresses (rn_zin), cuts the raw stream into records for
 * trace_bin_read.c, reads an indexed file block by block (trace_bin_index.h), and checks the
 * end (the header and statistics came, every forward name was met) before finish.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "trace_bin_index.h"
#include "trace_bin_rd.h"
#include "trace_bin_wire.h"

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
					   ? rn_tbr__fail_file(
						 c, -EINVAL,
						 "a %s file but not a renacer trace (no "
						 "RNT magic)",
						 rn_zin__codec(c->zin))
					   : rn_tbr__fail_file(
						 c, -EINVAL,
						 "byte 0: not a renacer binary trace "
						 "(neither zstd, gzip nor an RNT1 stream)");
			if (p[3] > RN_BIN_MAGIC[3])
				return rn_tbr__fail_file(
				    c, -EPROTO,
				    "binary framing version %c is newer than this "
				    "renacer reads (%c); upgrade renacer to read it",
				    p[3], RN_BIN_MAGIC[3]);
			if (p[3] < RN_BIN_MAGIC[3])
				return rn_tbr__fail_file(c, -EINVAL,
							 "unknown binary framing version %c", p[3]);
			c->magic_ok = true;
			c->pos += RN_BIN_MAGIC_LEN;
			continue;
		}
		k = rn_tb__get_varint(p, avail, &len);
		if (k < 0)
			return rn_tbr__fail(c, -EINVAL, "bad record length");
		if (k == 0)
			return 0;
		if (len > RECORD_MAX)
			return rn_tbr__fail(c, -EINVAL, "record length %llu over the %u-byte limit",
					    (unsigned long long)len, RECORD_MAX);
		if (avail - k < len) {
			*need = k + len;
			return 0;
		}
		r = rn_tbr__record(c, p + k, len);
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
		return rn_tbr__fail_file(c, -EINVAL,
					 "truncated at byte %llu: the file ends %s record %llu "
					 "(%llu complete records read)",
					 at,
					 inside ? "inside" : "before the end of the stream, after",
					 (unsigned long long)(c->nrecords + (inside ? 1 : 0)),
					 (unsigned long long)c->nrecords);
	case -EBADMSG:
		return rn_tbr__fail_file(c, -EINVAL, "corrupt compressed data at byte %llu: %s", at,
					 rn_zin__why(c->zin));
	case -EIO:
		return rn_tbr__fail_file(c, -EIO, "read error at byte %llu", at);
	default:
		return rn_tbr__fail_file(c, zr, "cannot decompress: %s", strerror(-zr));
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
			return rn_tbr__nomem(c);
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
		return rn_tbr__nomem(c);
	rn_tbi_blocks_decoded++;
	r = rn_zin__new(&c->zin, bf);
	if (r)
		r = rn_tbr__fail_file(c, r == -ENOMEM ? r : -EINVAL, "block %zu is not zstd data",
				      i);
	else if ((r = r_frames(c, &zr)) == 0 && zr != RN_ZIN_END)
		r = r_stream_error(c, zr);
	else if (!r && c->pos < c->raw.len)
		r = rn_tbr__fail(c, -EINVAL, "block %zu ends inside a record", i);
	rn_zin__free(c->zin);
	c->zin = NULL;
	fclose(bf);
	return r;
}

/*
 * A block read whole is checked by zstd's content checksum; one whose events are skipped is
 * not decompressed, so its compressed bytes are checked against the index's CRC instead.
 */
static bool block_crc_ok(const struct rn_tbi_entry *e, const uint8_t *bytes)
{
	uint32_t crc = 0;

	if (!e->has_crc)
		return true;
	for (uint64_t at = 0; at < e->len; at += 1u << 30) {
		uint64_t n = e->len - at < 1u << 30 ? e->len - at : 1u << 30;

		crc = (uint32_t)crc32(crc, bytes + at, (uInt)n);
	}
	return crc == e->crc;
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
		if (!events && v[i].nevents &&
		    (r = rn_tbr__id_add(c, v[i].first_id, v[i].last_id)) != 0)
			break;
		if (!events && !v[i].nother && !v[i].has_crc)
			continue;
		c->skip_events = !events;
		free(bytes);
		if (!(bytes = malloc(v[i].len)))
			r = rn_tbr__nomem(c);
		else if (fseeko(c->f, (off_t)v[i].off, SEEK_SET) ||
			 fread(bytes, 1, v[i].len, c->f) != v[i].len)
			r = rn_tbr__fail_file(c, -EIO, "read error in block %zu at byte %llu", i,
					      (unsigned long long)v[i].off);
		else if (!events && !block_crc_ok(&v[i], bytes))
			r = rn_tbr__fail_file(
			    c, -EINVAL,
			    "block %zu (bytes %llu to %llu) is damaged: its CRC-32 is not the "
			    "one the index holds (restore the file from a copy; `renacerctl "
			    "show` without filters reads what comes before the damage)",
			    i, (unsigned long long)v[i].off,
			    (unsigned long long)(v[i].off + v[i].len));
		else if (events || v[i].nother)
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
		return rn_tbr__fail_file(
		    c, -EINVAL,
		    "byte 0: not a renacer binary trace (neither zstd, gzip nor an "
		    "RNT1 stream)");
	if (!c->magic_ok || c->pos < c->raw.len)
		return rn_tbr__fail(c, -EINVAL,
				    "truncated at byte %llu: the stream ends inside a record",
				    (unsigned long long)(c->raw_off + c->raw.len));
	if (zr == -ENOTEMPTY)
		return rn_tbr__fail_file(c, -EINVAL, "data after the end of the trace at byte %llu",
					 (unsigned long long)rn_zin__offset(c->zin));
	return r_end(c);
}

/* The end of the stream: what must have come did, then finish. */
static int r_end(struct rctx *c)
{
	if (!c->got_header)
		return rn_tbr__fail_file(
		    c, -EINVAL, "truncated at byte %llu: the stream ends before the header record",
		    (unsigned long long)c->rec_off);
	/* only compressed files of older writers end without the Stats record */
	if (!c->got_stats && (!c->zin || !strcmp(rn_zin__codec(c->zin), "raw")))
		return rn_tbr__fail_file(
		    c, -EINVAL,
		    "truncated at byte %llu: the stream ends after record %llu "
		    "without the statistics record that ends a trace",
		    (unsigned long long)c->rec_off, (unsigned long long)c->nrecords);
	for (size_t i = 0; i < c->nahead; i++)
		if (!rn_tbr__id_known(c, c->ahead[i].id)) {
			c->nrecords = c->ahead[i].record - 1;
			c->rec_off = 0;
			return rn_tbr__fail_file(
			    c, -EINVAL,
			    "record %llu: an edge or gap names event %llu, which the "
			    "trace does not have (the file is damaged)",
			    (unsigned long long)c->ahead[i].record,
			    (unsigned long long)c->ahead[i].id);
		}
	if (!c->sink->finish)
		return 0;
	return rn_tbr__sink(
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
		r = rn_tbr__fail_file(c, -ENOMEM, "out of memory");
		goto out;
	}
	c->f = f;
	if (n) {
		r = r_run_blocks(c, v, n, want, want_ctx);
		goto out;
	}
	r = rn_zin__new(&c->zin, c->f);
	if (r == -ENODATA)
		r = rn_tbr__fail_file(c, -EINVAL, "empty file, not a renacer binary trace");
	else if (r == -EINVAL)
		r = rn_tbr__fail_file(c, -EINVAL,
				      "not a renacer binary trace (neither gzip nor zstd data)");
	else if (r)
		r = rn_tbr__fail_file(c, r, "cannot read: %s", strerror(-r));
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
	rn_tbf_reader__fini(&c->ftab);
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
