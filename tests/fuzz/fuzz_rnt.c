/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the .rnt reader (lib/formats/trace_bin.c) and the format sniffing in front
 * of every reader (lib/formats/tracefile.c): the bytes go to rn_bin__read_file, to
 * rn_tracefile__read_file, and when they are an uncompressed "RNT" stream, compressed into
 * a valid zstd frame too, so damage behind the checksum reaches the record parser. The
 * sink (tests/unit/trace_check.h) checks the model and touches every byte of it.
 * Build and run: make fuzz (or make fuzz-build; build/fuzz/fuzz_rnt -max_total_time=600
 * tests/fuzz/corpus/rnt). Seeds: real traces, compressed and raw (zstdcat); stacks_k has
 * the FrameDef records and frame references of a -k trace.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "../unit/trace_check.h"
#include "trace_bin.h"
#include "tracefile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char NAME[] = "fuzz.rnt";

static void read_one(const uint8_t *data, size_t size, bool sniff)
{
	struct rn_error err = {{0}};
	struct rn_trace_check c;
	struct rn_tr_sink s = rn_trace_check__sink(&c);
	FILE *f = fmemopen((void *)data, size, "r");
	int r;

	if (!f)
		return;
	r = sniff ? rn_tracefile__read_file(f, NAME, &s, &err)
		  : rn_bin__read_file(f, NAME, &s, &err);
	fclose(f);
	if (rn_trace_check__result(&c, r, err.msg, NAME)) {
		fprintf(stderr, "%s reader: %s (ret %d, '%s')\n", sniff ? "sniffing" : ".rnt",
			c.why, r, err.msg);
		abort();
	}
	rn_trace_check__free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	read_one(data, size, false);
	read_one(data, size, true);
	if (size >= 3 && !memcmp(data, RN_BIN_MAGIC, 3)) {
		static ZSTD_CCtx *cc; /* kept: a new context per input costs more than the read */
		size_t cap = ZSTD_compressBound(size);
		uint8_t *z = malloc(cap);
		size_t n;

		if (!cc)
			cc = ZSTD_createCCtx();
		n = z && cc ? ZSTD_compressCCtx(cc, z, cap, data, size, 1) : 0;

		if (z && !ZSTD_isError(n))
			read_one(z, n, false);
		free(z);
	}
	return 0;
}
