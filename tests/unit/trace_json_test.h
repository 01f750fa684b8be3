/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the JSON writer and reader tests (test_trace_json*.c): files in the suite's
 * temp dir, the sample trace written and read back, and minimal valid records to build
 * broken ones from.
 */
#ifndef RENACER_TESTS_TRACE_JSON_TEST_H
#define RENACER_TESTS_TRACE_JSON_TEST_H

#include <criterion/criterion.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace_json.h"
#include "trace_sample.h"

/* The suite's temp dir (test_trace_json.c makes and removes it). */
extern char trace_json_dir[];

static inline char *path_of(const char *name)
{
	static char buf[4][256];
	static int n;
	char *p = buf[n++ % 4];

	snprintf(p, 256, "%s/%s", trace_json_dir, name);
	return p;
}

static inline char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	cr_assert_not_null(f, "open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

static inline void spit(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f);
	cr_assert_eq(fwrite(buf, 1, len, f), len);
	fclose(f);
}

static inline void write_sample(const char *path, bool lines, bool stats)
{
	struct rn_tr_sink s;
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	cr_assert_eq(rn_json_writer__new(&s, f, lines), 0);
	cr_assert_eq(rn_trace_sample__play_n(&s, stats), 0);
	s.close(s.ctx);
	cr_assert_eq(fclose(f), 0);
}

static inline int convert(const char *in, const char *out, bool lines, struct rn_error *err)
{
	struct rn_tr_sink s;
	FILE *f = fopen(out, "w");
	int ret;

	cr_assert_not_null(f);
	cr_assert_eq(rn_json_writer__new(&s, f, lines), 0);
	ret = rn_json__read(in, &s, err);
	s.close(s.ctx);
	fclose(f);
	return ret;
}

/* What the sample trace looks like through the dump sink, played directly. */
static inline char *sample_sections(void)
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d);
	char *out;

	cr_assert_eq(rn_trace_sample__play(&s), 0);
	out = rn_trace_dump__sections(&d);
	rn_trace_dump__free(&d);
	return out;
}

static inline int read_dump(const char *path, struct rn_trace_dump *d, struct rn_error *err)
{
	struct rn_tr_sink s = rn_trace_dump__sink(d);

	return rn_json__read(path, &s, err);
}

/* The header keys and the syscall fields the schema requires. */
#define HDR                                                                                        \
	"\"version\":\"t\",\"format\":\"renacer-json-v1\",\"format_version\":1,\"trace_id\":\"\""
#define SYSCALL                                                                                    \
	"\"name\":\"getpid\",\"nr\":39,\"args\":[],\"raw_args\":[0,0,0,0,0,0],\"result\":5,"       \
	"\"result_text\":\"5\",\"enter_nanos\":1,\"duration_nanos\":1,\"lamport\":1"

static inline int read_text(const char *text, struct rn_error *err, struct rn_trace_dump *d)
{
	struct rn_trace_dump local;
	int ret;

	spit(path_of("t.json"), text, strlen(text));
	ret = read_dump(path_of("t.json"), d ? d : &local, err);
	if (!d)
		rn_trace_dump__free(&local);
	return ret;
}

/* Rewrites a written trace with every object's keys sorted, indentation, and unknown keys. */
static inline void shuffle_doc(const char *in, const char *out)
{
	json_error_t je;
	json_t *o = json_load_file(in, 0, &je), *arr;
	const char *key;

	cr_assert_not_null(o, "%s", je.text);
	json_object_set_new(o, "zz_future_field", json_pack("{s:[i,i]}", "x", 1, 2));
	json_object_foreach(o, key, arr)
	{
		size_t i;
		json_t *x;

		if (!json_is_array(arr))
			continue;
		json_array_foreach(arr, i, x) if (json_is_object(x))
		    json_object_set_new(x, "a_new_key", json_string("?"));
	}
	cr_assert_eq(json_dump_file(o, out, JSON_INDENT(3) | JSON_SORT_KEYS), 0);
	json_decref(o);
}

#endif
