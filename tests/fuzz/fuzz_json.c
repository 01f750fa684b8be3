/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the renacer-json-v1 reader (lib/formats/trace_json_read.c): the bytes go
 * to rn_json__read_file from a seekable stream (fmemopen) and from one that cannot seek
 * (a cookie stream without a seek function, as a pipe), so both the in-place and the
 * spooled document paths run. The sink (tests/unit/trace_check.h) checks the model and
 * touches every byte of it, so an invalid model fails under ASan or aborts.
 * Build and run: make fuzz (or make fuzz-build; build/fuzz/fuzz_json -max_total_time=600
 * tests/fuzz/corpus/json). Seeds: real traces of tests/fixtures programs (renacerctl trace
 * -o x.json), one cut short. fuzz_jsonl.c is this target on JSON Lines seeds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/trace_check.h"
#include "trace_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char NAME[] = "fuzz.json";

struct pipe_src {
	const uint8_t *data;
	size_t size, pos;
};

static ssize_t pipe_read(void *cookie, char *buf, size_t n)
{
	struct pipe_src *p = cookie;

	if (n > p->size - p->pos)
		n = p->size - p->pos;
	if (n > 7) /* short reads, as a pipe gives */
		n = n / 2 + 1;
	memcpy(buf, p->data + p->pos, n);
	p->pos += n;
	return (ssize_t)n;
}

static void read_one(const uint8_t *data, size_t size, bool seekable)
{
	struct rn_error err = {{0}};
	struct rn_trace_check c;
	struct rn_tr_sink s = rn_trace_check__sink(&c);
	struct pipe_src src = {data, size, 0};
	cookie_io_functions_t io = {.read = pipe_read};
	FILE *f = seekable ? fmemopen((void *)data, size, "r") : fopencookie(&src, "r", io);
	int r;

	if (!f)
		return;
	r = rn_json__read_file(f, NAME, &s, &err);
	fclose(f);
	if (rn_trace_check__result(&c, r, err.msg, NAME)) {
		fprintf(stderr, "json reader (%s): %s (ret %d, '%s')\n",
			seekable ? "seekable" : "pipe", c.why, r, err.msg);
		abort();
	}
	rn_trace_check__free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	read_one(data, size, true);
	read_one(data, size, false);
	return 0;
}
