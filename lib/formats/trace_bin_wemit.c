// SPDX-License-Identifier: MIT
/*
 * The .rnt writer's output: records, length-prefixed, gathered as raw bytes and handed to
 * the compressor (a flush point every SYNC_EVERY records); the writer's sticky error.
 * Below both halves of the writer (trace_bin_write.c, trace_bin_wstr.c).
 */
#include <errno.h>

#include "trace_bin_wire.h"
#include "trace_bin_wr.h"

int rn_tbw__fail(struct wctx *w, int err)
{
	if (!w->err)
		w->err = err;
	return w->err;
}

/* Hands the gathered raw bytes to the compressor. */
int rn_tbw__compress(struct wctx *w, enum rn_zflush mode)
{
	int r = rn_zout__write(w->zo, w->raw.p, w->raw.len, mode);

	if (r)
		return rn_tbw__fail(w, r);
	rn_tbi_writer__bytes(w->idx, w->raw.len);
	w->raw.len = 0;
	if (mode != RN_ZFLUSH_NONE)
		w->since_sync = 0;
	return 0;
}

int rn_tbw__appended(struct wctx *w)
{
	rn_tbi_writer__record(w->idx);
	if (++w->since_sync >= SYNC_EVERY)
		return rn_tbw__compress(w, RN_ZFLUSH_BLOCK);
	if (w->raw.len >= RAW_CHUNK)
		return rn_tbw__compress(w, RN_ZFLUSH_NONE);
	return 0;
}

int rn_tbw__emit(struct wctx *w, const pb_record *rec)
{
	size_t n = protobuf_c_message_get_packed_size(&rec->base);

	/* readers refuse a longer record as damage */
	if (n > RECORD_MAX)
		return rn_tbw__fail(w, -EMSGSIZE);
	if (rn_tb__buf_reserve(&w->raw, n + 10))
		return rn_tbw__fail(w, -ENOMEM);
	w->raw.len += rn_tb__put_varint(w->raw.p + w->raw.len, n);
	w->raw.len += protobuf_c_message_pack(&rec->base, w->raw.p + w->raw.len);
	return rn_tbw__appended(w);
}
