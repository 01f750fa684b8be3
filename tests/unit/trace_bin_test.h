/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the .rnt writer and reader tests (test_trace_bin*.c): a sample trace with
 * every kind of record, files in the suite's temp dir, the raw stream inside a file, and
 * zstd/gzip writers that make the files older or other tools made.
 */
#ifndef RENACER_TESTS_TRACE_BIN_TEST_H
#define RENACER_TESTS_TRACE_BIN_TEST_H

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "renacer/v1/trace.pb-c.h"
#include "trace_bin.h"
#include "trace_check.h"
#include "trace_json.h"
#include "trace_sample.h"
#include "tracefile.h"
#include "zstream.h"

/* The suite's temp dir (test_trace_bin.c makes and removes it). */
extern char trace_bin_tmpdir[64];

static char *sample_argv[] = {"/bin/sh", "-c", "echo héllo \"quoted\"\\n\t", NULL};
static char *child_argv[] = {"cat", "-", NULL};
static const char *child_env[] = {"LANG=C.UTF-8", "EMPTY=", NULL};
static const uint8_t bin_data[] = {'a', 0, 0xff, '\n', 0x80, 'z'};

static const struct rn_tr_header sample_header = {
    .format_version = RN_TRACE_VERSION,
    .tool = "renacer 0.1.0",
    .trace_id = "4bf92f3577b34da6a3ce929d0e0e4736",
    .parent_span_id = "00f067aa0ba902b7",
    .start_realtime_ns = 1700000000123456789ull,
    .hostname = "build-01",
    .snaplen = 4096,
    .argv = sample_argv,
    .argc = 3,
};

static char long_arg[1000];

static inline void sample(const struct rn_tr_sink *s)
{
	static const char *const write_args[] = {"1", "\"a\\0\\377\\n\\200z\"", "6"};
	static const char *const open_args[] = {"AT_FDCWD", "\"/nonexistent/ü\"", "O_RDONLY"};
	static const char *const mmap_args[] = {
	    "NULL", "8192", "PROT_READ|PROT_WRITE", "MAP_PRIVATE|MAP_ANONYMOUS", "-1", "0"};
	static const char *const sig_args[] = {"{si_signo=SIGCHLD, si_code=CLD_EXITED}"};
	static const char *const exit_args[] = {"0"};
	static const char *const long_args[] = {long_arg, ""};
	struct rn_tr_capture caps[] = {
	    {.arg = 1, .idx = 0, .data = bin_data, .len = 6, .full_len = 6},
	    {.arg = 1, .idx = 1, .data = bin_data, .len = 2, .full_len = 70000, .truncated = 1},
	    {.arg = 2, .idx = 0, .data = NULL, .len = 0, .full_len = 0, .truncated = 1},
	};
	struct rn_tr_process parent = {
	    .pid = 100,
	    .ppid = 1,
	    .exe = "/bin/sh",
	    .argv = sample_argv,
	    .argc = 3,
	    .start_ns = 0,
	    .end_ns = 0,
	    .ended = false,
	    .span_id = "a1b2c3d4e5f60718",
	    .parent_span_id = "00f067aa0ba902b7",
	    .peak_rss_bytes = 1 << 20,
	    .cpu_ns = 5000,
	    .env = NULL,
	};
	struct rn_tr_process child = {
	    .pid = 101,
	    .ppid = 100,
	    .exe = NULL,
	    .argv = child_argv,
	    .argc = 2,
	    .start_ns = 1500,
	    .end_ns = 9000,
	    .ended = true,
	    .wait_status = 0x0900,
	    .span_id = "1111222233334444",
	    .parent_span_id = "a1b2c3d4e5f60718",
	    .env = child_env,
	};
	struct rn_tr_event ev[] = {
	    {.id = 1,
	     .pid = 100,
	     .tid = 100,
	     .nr = 39,
	     .name = "getpid",
	     .result = 100,
	     .result_text = "100",
	     .enter_ns = 1000,
	     .duration_ns = 300,
	     .lamport = 1},
	    {.id = 2,
	     .pid = 100,
	     .tid = 100,
	     .nr = 1,
	     .name = "write",
	     .nargs = 3,
	     .args = write_args,
	     .raw_args = {1, 0x7ffd12345678ull, 6},
	     .result = 6,
	     .result_text = "6",
	     .enter_ns = 1400,
	     .duration_ns = 2000,
	     .lamport = 2,
	     .caps = caps,
	     .ncaps = 3},
	    {.id = 3,
	     .pid = 101,
	     .tid = 101,
	     .nr = 257,
	     .name = "openat",
	     .nargs = 3,
	     .args = open_args,
	     .raw_args = {(uint64_t)-100, 0x5555, 0},
	     .result = -2,
	     .errname = "ENOENT",
	     .result_text = "-1 ENOENT (No such file or directory)",
	     .enter_ns = 1600,
	     .duration_ns = 10,
	     .lamport = 9},
	    {.id = 4,
	     .pid = 101,
	     .tid = 102,
	     .nr = 9,
	     .name = "mmap",
	     .nargs = 6,
	     .args = mmap_args,
	     .raw_args = {0, 8192, 3, 0x22, (uint64_t)-1, 0},
	     .result = 0x7f0000000000,
	     .result_text = "0x7f0000000000",
	     .enter_ns = 1550,
	     .duration_ns = 0,
	     .lamport = 10},
	    {.id = 7,
	     .kind = RN_TR_SIGNAL,
	     .pid = 100,
	     .tid = 100,
	     .nr = -1,
	     .name = "SIGCHLD",
	     .nargs = 1,
	     .args = sig_args,
	     .result_text = NULL,
	     .enter_ns = 9100,
	     .lamport = 12},
	    {.id = 8,
	     .pid = 101,
	     .tid = 101,
	     .nr = 231,
	     .name = "exit_group",
	     .nargs = 1,
	     .args = exit_args,
	     .noreturn = true,
	     .result_text = "?",
	     .enter_ns = 8000,
	     .lamport = 11},
	    {.id = 9,
	     .kind = RN_TR_EXIT,
	     .pid = 101,
	     .tid = 101,
	     .nr = -1,
	     .name = "exit",
	     .result = 0x0900,
	     .result_text = "",
	     .enter_ns = 9000,
	     .lamport = 12},
	    {.id = 10,
	     .pid = 100,
	     .tid = 100,
	     .nr = 0,
	     .name = long_arg,
	     .nargs = 2,
	     .args = long_args,
	     .result_text = long_arg,
	     .enter_ns = 9500,
	     .lamport = 13},
	};
	struct rn_tr_edge edges[] = {
	    {RN_EDGE_FORK, 2, 3}, {RN_EDGE_EXEC, 3, 4},	  {RN_EDGE_WAIT, 9, 7},
	    {RN_EDGE_PIPE, 2, 4}, {RN_EDGE_SIGNAL, 8, 7},
	};
	struct rn_tr_gap gap = {.tid = 101, .after_id = 4, .before_id = 7, .lost = 2};
	static const char *const names[] = {"getpid", "write", "openat"};
	static const uint64_t calls[] = {1, 1, 1}, errors[] = {0, 0, 1}, durs[] = {300, 2000, 10};
	struct rn_tr_stats st = {.total_syscalls = 5,
				 .total_duration_ns = 2310,
				 .lost_events = 2,
				 .truncated = 1,
				 .wall_ns = 10000,
				 .cpu_ns = 7000,
				 .nsyscalls = 3,
				 .names = names,
				 .calls = calls,
				 .errors = errors,
				 .duration_ns = durs};

	memset(long_arg, 'L', sizeof(long_arg) - 1);
	long_arg[500] = '\x7f';
	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	cr_assert_eq(s->process(s->ctx, &parent), 0);
	cr_assert_eq(s->event(s->ctx, &ev[0]), 0);
	cr_assert_eq(s->event(s->ctx, &ev[1]), 0);
	cr_assert_eq(s->process(s->ctx, &child), 0);
	cr_assert_eq(s->edge(s->ctx, &edges[0]), 0);
	for (size_t i = 2; i < sizeof(ev) / sizeof(ev[0]); i++) {
		cr_assert_eq(s->event(s->ctx, &ev[i]), 0);
		if (i == 3)
			cr_assert_eq(s->gap(s->ctx, &gap), 0);
	}
	for (size_t i = 1; i < sizeof(edges) / sizeof(edges[0]); i++)
		cr_assert_eq(s->edge(s->ctx, &edges[i]), 0);
	cr_assert_eq(s->finish(s->ctx, &st), 0);
}

static inline char *tmp_path(const char *name)
{
	static char path[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof(path[i]), "%s/%s", trace_bin_tmpdir, name);
	return path[i];
}

/* Runs produce(sink) into a .rnt file at path; returns the file size. */
static inline long write_file(const char *path, void (*produce)(const struct rn_tr_sink *))
{
	struct rn_tr_sink s;
	FILE *f = fopen(path, "w");
	long size;

	cr_assert_not_null(f);
	cr_assert_eq(rn_bin_writer__new(&s, f), 0);
	produce(&s);
	s.close(s.ctx);
	size = ftell(f);
	fclose(f);
	return size;
}

/* Every callback of a delivery as text (trace_sample.h's dump), owned by the caller. */
static inline char *dump_all(struct rn_trace_dump *d)
{
	char *t = strdup(d->all.buf ? d->all.buf : "");

	rn_trace_dump__free(d);
	return t;
}

static inline char *expected_dump(void (*produce)(const struct rn_tr_sink *))
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d);

	produce(&s);
	return dump_all(&d);
}

static inline int read_dump(const char *path, char **text, struct rn_error *err)
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d);
	int r;

	memset(err, 0, sizeof(*err));
	r = rn_bin__read(path, &s, err);
	*text = dump_all(&d);
	return r;
}

static inline void *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	void *p;

	cr_assert_not_null(f);
	fseek(f, 0, SEEK_END);
	*n = ftell(f);
	rewind(f);
	p = malloc(*n + 1);
	cr_assert_eq(fread(p, 1, *n, f), *n);
	fclose(f);
	return p;
}

static inline void spit(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	cr_assert_eq(fwrite(p, 1, n, f), n);
	fclose(f);
}

/* Line count of the common prefix; fails unless a is a line-wise prefix of b. */
static inline int prefix_lines(const char *a, const char *b)
{
	size_t n = strlen(a);
	int lines = 0;

	cr_assert_eq(strncmp(a, b, n), 0, "delivered records differ from the file's:\n%s", a);
	cr_assert(n == 0 || a[n - 1] == '\n');
	for (size_t i = 0; i < n; i++)
		lines += a[i] == '\n';
	return lines;
}

/*
 * Walks the blocks of a file that must be exactly one zstd frame with a content checksum
 * (RFC 8878 3.1.1); at[] gets the offsets of the first max block headers. Returns the
 * number of blocks.
 */
static inline int zstd_blocks(const uint8_t *d, size_t n, size_t *at, int max)
{
	static const size_t fcs_size[] = {0, 2, 4, 8}, did_size[] = {0, 1, 2, 4};
	uint8_t fhd;
	size_t pos;
	int k = 0;
	bool last = false;

	cr_assert_geq(n, 9);
	cr_assert_eq(memcmp(d, "\x28\xb5\x2f\xfd", 4), 0, "not a zstd frame");
	fhd = d[4];
	cr_assert(fhd & 0x04, "no content checksum");
	pos = 5 + !(fhd & 0x20) + did_size[fhd & 3] +
	      ((fhd >> 6) == 0 && (fhd & 0x20) ? 1 : fcs_size[fhd >> 6]);
	while (!last) {
		uint32_t h;

		cr_assert_leq(pos + 3, n, "the frame is cut");
		h = d[pos] | d[pos + 1] << 8 | (uint32_t)d[pos + 2] << 16;
		if (at && k < max)
			at[k] = pos;
		k++;
		last = h & 1;
		pos += 3 + ((h >> 1 & 3) == 1 ? 1 : h >> 3);
	}
	cr_assert_eq(pos + 4, n, "%zu bytes after the frame and its checksum", n - pos - 4);
	return k;
}

/* The raw stream of a .rnt file written by the writer: one checked zstd frame. */
static inline uint8_t *raw_stream(const char *path, size_t *n)
{
	size_t size, cap = 64 << 20;
	uint8_t *data = slurp(path, &size), *raw = malloc(cap);

	zstd_blocks(data, size, NULL, 0);
	*n = ZSTD_decompress(raw, cap, data, size);
	cr_assert_not(ZSTD_isError(*n), "%s: %s", path, ZSTD_getErrorName(*n));
	free(data);
	return raw;
}

/* path as one zstd frame of raw, written through rn_zout. */
static inline void write_zstd(const char *path, const void *raw, size_t n)
{
	FILE *f = fopen(path, "w");
	struct rn_zout *z;

	cr_assert_not_null(f);
	cr_assert_eq(rn_zout__new(&z, f), 0);
	cr_assert_eq(rn_zout__write(z, raw, n, RN_ZFLUSH_END), 0);
	cr_assert_eq(rn_zout__write(z, "x", 1, RN_ZFLUSH_NONE), -EINVAL, "a write after END");
	rn_zout__free(z);
	fclose(f);
}

/* path as one gzip member of raw, as the gzip-writing renacer made them: the first 4
 * bytes (the magic) flushed on their own, so a sniffer finds them in the first bytes. */
static inline void write_gzip(const char *path, const void *raw, size_t n)
{
	gzFile g = gzopen(path, "wb1");
	size_t head = n < 4 ? n : 4;

	cr_assert_not_null(g);
	cr_assert_eq(gzwrite(g, raw, head), (int)head);
	cr_assert_eq(gzflush(g, Z_SYNC_FLUSH), Z_OK);
	cr_assert_eq(gzwrite(g, (const uint8_t *)raw + head, n - head), (int)(n - head));
	cr_assert_eq(gzclose(g), Z_OK);
}

/* The same trace as an older renacer wrote it: the writer's raw stream, gzipped. */
static inline void gzip_copy(const char *rnt, const char *gz)
{
	size_t n;
	uint8_t *raw = raw_stream(rnt, &n);

	write_gzip(gz, raw, n);
	free(raw);
}

/* Counts the records of each kind in a complete .rnt file, checking the framing. */
static inline void count_records(const char *path, int counts[9], uint32_t *run_counts,
				 int max_runs)
{
	size_t n;
	uint8_t *raw = raw_stream(path, &n);
	int nruns = 0;
	size_t pos = 4;

	cr_assert_gt(n, 4);
	cr_assert_eq(memcmp(raw, "RNT1", 4), 0);
	memset(counts, 0, 9 * sizeof(int));
	while (pos < (size_t)n) {
		uint64_t len = 0;
		int shift = 0;
		Renacer__V1__Record *rec;

		while (raw[pos] & 0x80) {
			len |= (uint64_t)(raw[pos++] & 0x7f) << shift;
			shift += 7;
		}
		len |= (uint64_t)raw[pos++] << shift;
		rec = renacer__v1__record__unpack(NULL, len, raw + pos);
		cr_assert_not_null(rec);
		counts[rec->r_case]++;
		if (rec->r_case == RENACER__V1__RECORD__R_RUN && nruns < max_runs)
			run_counts[nruns++] = rec->run->count;
		renacer__v1__record__free_unpacked(rec, NULL);
		pos += len;
	}
	cr_assert_eq(pos, n);
	free(raw);
}

/* The calls of one run (run_len of them), disturbed at break_at as break_how says. */
static uint64_t run_len = 1000;
static uint64_t break_at; /* call index where the run is disturbed (0: none) */
static int break_how;	  /* 1 lamport jump, 2 different arg, 3 id gap, 4 capture byte */

static inline void identical_calls(const struct rn_tr_sink *s)
{
	static const char *const args_a[] = {"1", "\"x\"", "1"};
	static const char *const args_b[] = {"1", "\"y\"", "1"};
	static const uint8_t xa[] = {'x'}, xb[] = {'y'};
	uint64_t id = 1, lamport = 5, enter = 100;
	struct rn_tr_stats st = {0};

	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	for (uint64_t i = 0; i < run_len; i++) {
		bool odd = break_at && i == break_at;
		struct rn_tr_capture cap = {
		    .arg = 1, .data = odd && break_how == 4 ? xb : xa, .len = 1, .full_len = 1};
		struct rn_tr_event e = {
		    .pid = 7,
		    .tid = 7,
		    .nr = 1,
		    .name = "write",
		    .nargs = 3,
		    .args = odd && break_how == 2 ? args_b : args_a,
		    .raw_args = {1, 0x1000, 1},
		    .result = 1,
		    .result_text = "1",
		    .duration_ns = 50 + (i * 7919) % 300,
		    .caps = &cap,
		    .ncaps = 1,
		};

		if (odd && break_how == 1)
			lamport += 10;
		if (odd && break_how == 3)
			id += 2;
		enter += 100 + (i * 104729) % 1000;
		e.id = id++;
		e.lamport = lamport++;
		e.enter_ns = enter;
		cr_assert_eq(s->event(s->ctx, &e), 0);
	}
	cr_assert_eq(s->finish(s->ctx, &st), 0);
}

#endif
