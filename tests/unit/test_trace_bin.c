// SPDX-License-Identifier: MIT
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

static void sample(const struct rn_tr_sink *s)
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

static char tmpdir[64];

static void setup(void)
{
	strcpy(tmpdir, "/tmp/rn-bin-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(unit_trace_bin, .init = setup, .fini = teardown);

static char *tmp_path(const char *name)
{
	static char path[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof(path[i]), "%s/%s", tmpdir, name);
	return path[i];
}

/* Runs produce(sink) into a .rnt file at path; returns the file size. */
static long write_file(const char *path, void (*produce)(const struct rn_tr_sink *))
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
static char *dump_all(struct rn_trace_dump *d)
{
	char *t = strdup(d->all.buf ? d->all.buf : "");

	rn_trace_dump__free(d);
	return t;
}

static char *expected_dump(void (*produce)(const struct rn_tr_sink *))
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d);

	produce(&s);
	return dump_all(&d);
}

static int read_dump(const char *path, char **text, struct rn_error *err)
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d);
	int r;

	memset(err, 0, sizeof(*err));
	r = rn_bin__read(path, &s, err);
	*text = dump_all(&d);
	return r;
}

static void *slurp(const char *path, size_t *n)
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

static void spit(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	cr_assert_eq(fwrite(p, 1, n, f), n);
	fclose(f);
}

/* Line count of the common prefix; fails unless a is a line-wise prefix of b. */
static int prefix_lines(const char *a, const char *b)
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
static int zstd_blocks(const uint8_t *d, size_t n, size_t *at, int max)
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
static uint8_t *raw_stream(const char *path, size_t *n)
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
static void write_zstd(const char *path, const void *raw, size_t n)
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
static void write_gzip(const char *path, const void *raw, size_t n)
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
static void gzip_copy(const char *rnt, const char *gz)
{
	size_t n;
	uint8_t *raw = raw_stream(rnt, &n);

	write_gzip(gz, raw, n);
	free(raw);
}

/* Counts the records of each kind in a complete .rnt file, checking the framing. */
static void count_records(const char *path, int counts[9], uint32_t *run_counts, int max_runs)
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

Test(unit_trace_bin, round_trip_keeps_every_field_of_every_record)
{
	char *path = tmp_path("sample.rnt"), *want = expected_dump(sample), *got;
	struct rn_error err;

	write_file(path, sample);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	cr_assert(strstr(got, "finish total=5"), "%s", got);
	free(want);
	free(got);
}

Test(unit_trace_bin, stream_is_one_checksummed_zstd_frame_whose_content_starts_with_the_magic)
{
	char *path = tmp_path("z.rnt");
	uint8_t *data, *raw;
	size_t size, n;

	write_file(path, sample);
	data = slurp(path, &size);
	cr_assert_eq(ZSTD_findFrameCompressedSize(data, size), size);
	/* magic, header, each process: flush points, so the frame holds several blocks */
	cr_assert_geq(zstd_blocks(data, size, NULL, 0), 4);
	raw = raw_stream(path, &n);
	cr_assert_gt(n, 100);
	cr_assert_eq(memcmp(raw, "RNT1", 4), 0);
	free(raw);
	free(data);
}

Test(unit_trace_bin, gzip_file_of_an_older_renacer_reads_identically)
{
	char *path = tmp_path("new.rnt"), *gz = tmp_path("old.rnt");
	char *want = expected_dump(sample), *got;
	struct rn_error err;
	uint8_t head[2];
	FILE *f;

	write_file(path, sample);
	gzip_copy(path, gz);
	f = fopen(gz, "r");
	cr_assert_eq(fread(head, 1, 2, f), 2);
	fclose(f);
	cr_assert(head[0] == 0x1f && head[1] == 0x8b, "not gzip");
	cr_assert_eq(read_dump(gz, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	free(want);
	free(got);
}

static struct rn_tr_process lone_process = {.pid = 5, .ppid = 1, .exe = "/bin/true"};

Test(unit_trace_bin, a_reader_follows_the_file_up_to_the_last_flush_point_while_it_is_written)
{
	char *path = tmp_path("live.rnt"), *got;
	struct rn_tr_event e = {
	    .id = 1, .pid = 5, .tid = 5, .name = "getppid", .result_text = "1", .lamport = 1};
	struct rn_error err;
	struct rn_tr_sink s;
	FILE *f = fopen(path, "w");

	cr_assert_eq(rn_bin_writer__new(&s, f), 0);
	cr_assert_eq(s.header(s.ctx, &sample_header), 0);
	cr_assert_eq(s.process(s.ctx, &lone_process), 0);
	/* buffered, not flushed: invisible until the next flush point */
	cr_assert_eq(s.event(s.ctx, &e), 0);
	cr_assert_eq(read_dump(path, &got, &err), -EINVAL);
	cr_assert(strstr(err.msg, "truncated at byte"), "%s", err.msg);
	cr_assert_eq(prefix_lines(got, got), 2, "%s", got);
	cr_assert(!strncmp(got, "header", 6) && strstr(got, "\nprocess pid=5 "), "%s", got);
	free(got);
	e.id = 3;
	cr_assert_eq(s.event(s.ctx, &e), 0);
	cr_assert_eq(s.process(s.ctx, &lone_process), 0);
	cr_assert_eq(read_dump(path, &got, &err), -EINVAL);
	cr_assert_eq(prefix_lines(got, got), 5, "%s", got);
	free(got);
	cr_assert_eq(s.finish(s.ctx, NULL), 0);
	s.close(s.ctx);
	fclose(f);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_eq(prefix_lines(got, got), 6, "%s", got);
	free(got);
}

static uint64_t run_len = 1000;
static uint64_t break_at; /* call index where the run is disturbed (0: none) */
static int break_how;	  /* 1 lamport jump, 2 different arg, 3 id gap, 4 capture byte */

static void identical_calls(const struct rn_tr_sink *s)
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

Test(unit_trace_bin, identical_calls_collapse_into_one_run_and_expand_exactly)
{
	char *path = tmp_path("run.rnt"), *want, *got;
	struct rn_error err;
	int counts[9];
	uint32_t runs[4];
	long size;

	run_len = 1000;
	break_at = 0;
	want = expected_dump(identical_calls);
	size = write_file(path, identical_calls);
	count_records(path, counts, runs, 4);
	cr_assert_eq(counts[RENACER__V1__RECORD__R_RUN], 1);
	cr_assert_eq(counts[RENACER__V1__RECORD__R_EVENT], 0);
	cr_assert_eq(runs[0], 1000);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	cr_assert_lt(size, 4000, "1000 identical calls took %ld bytes", size);
	free(want);
	free(got);
}

static void check_broken_run(int how, int want_runs, int want_events)
{
	char *path = tmp_path("broken.rnt"), *want, *got;
	struct rn_error err;
	int counts[9];
	uint32_t runs[4];

	run_len = 100;
	break_at = 40;
	break_how = how;
	want = expected_dump(identical_calls);
	write_file(path, identical_calls);
	count_records(path, counts, runs, 4);
	cr_assert_eq(counts[RENACER__V1__RECORD__R_RUN], want_runs, "how %d", how);
	cr_assert_eq(counts[RENACER__V1__RECORD__R_EVENT], want_events, "how %d", how);
	cr_assert_eq(runs[0], 40);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	free(want);
	free(got);
}

Test(unit_trace_bin, lamport_jump_or_id_gap_starts_a_new_run)
{
	/* the disturbed call still matches the rest: it opens the second run */
	check_broken_run(1, 2, 0);
	check_broken_run(3, 2, 0);
}

Test(unit_trace_bin, different_argument_or_captured_byte_breaks_the_run)
{
	/* 0..39 run, 40 alone, 41..99 run */
	check_broken_run(2, 2, 1);
	check_broken_run(4, 2, 1);
}

Test(unit_trace_bin, long_runs_are_split_into_bounded_records)
{
	char *path = tmp_path("long.rnt"), *want, *got;
	struct rn_error err;
	int counts[9];
	uint32_t runs[4];

	run_len = 10000;
	break_at = 0;
	want = expected_dump(identical_calls);
	write_file(path, identical_calls);
	count_records(path, counts, runs, 4);
	cr_assert_eq(counts[RENACER__V1__RECORD__R_RUN], 3);
	cr_assert_eq(runs[0] + runs[1] + runs[2], 10000);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	free(want);
	free(got);
}

/* Distinct strings by the thousand: interned slots are evicted and collide in one event. */
static void many_strings(const struct rn_tr_sink *s)
{
	char a[6][32];
	const char *args[6];
	struct rn_tr_stats st = {0};

	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	for (uint64_t i = 0; i < 20000; i++) {
		struct rn_tr_event e = {.id = i + 1,
					.pid = 1,
					.tid = 1,
					.nr = 0,
					.nargs = 6,
					.args = args,
					.lamport = i + 1,
					.enter_ns = i * 10};

		for (int j = 0; j < 6; j++) {
			snprintf(a[j], sizeof(a[j]), "s%llu",
				 (unsigned long long)(i * 7 + j) % 9000);
			args[j] = a[j];
		}
		e.name = i % 3 ? "read" : a[0];
		e.result_text = a[(i % 5) % 6];
		cr_assert_eq(s->event(s->ctx, &e), 0);
	}
	cr_assert_eq(s->finish(s->ctx, &st), 0);
}

Test(unit_trace_bin, thousands_of_distinct_strings_round_trip)
{
	char *path = tmp_path("strings.rnt"), *want = expected_dump(many_strings), *got;
	struct rn_error err;

	write_file(path, many_strings);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	free(want);
	free(got);
}

/* The format's string slot: FNV-1a of the bytes, low 12 bits. */
static uint32_t slot_of(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h & 4095;
}

static char evicted[16], evictor[16];

/*
 * Two syscalls whose first arguments share a slot, called in turn: each call finds its
 * string evicted by the other's. Then arguments that are prefixes of each other.
 */
static void slot_thieves(const struct rn_tr_sink *s)
{
	static const char *const prefixes[] = {"1", "12", "1", "123", "12", "1"};
	const char *args_a[] = {evicted, "1"}, *args_b[] = {evictor, "1"}, *args_p[1];
	struct rn_tr_stats st = {0};
	uint64_t id = 1;

	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	for (int i = 0; i < 6; i++) {
		struct rn_tr_event e = {.pid = 1, .tid = 1, .nargs = 2, .result_text = "0"};

		e.nr = i % 2 ? 2 : 1;
		e.name = i % 2 ? "open" : "write";
		e.args = i % 2 ? args_b : args_a;
		e.id = e.lamport = id++;
		cr_assert_eq(s->event(s->ctx, &e), 0);
	}
	for (int i = 0; i < 6; i++) {
		struct rn_tr_event e = {
		    .pid = 1, .tid = 1, .nr = 3, .name = "close", .nargs = 1, .args = args_p};

		args_p[0] = prefixes[i];
		e.result_text = prefixes[5 - i];
		e.id = e.lamport = id++;
		cr_assert_eq(s->event(s->ctx, &e), 0);
	}
	cr_assert_eq(s->finish(s->ctx, &st), 0);
}

Test(unit_trace_bin, a_call_whose_string_was_evicted_from_its_slot_reads_back_its_own_string)
{
	char *path = tmp_path("thieves.rnt"), *want, *got;
	struct rn_error err;
	int counts[9];
	uint32_t runs[1];

	strcpy(evicted, "\"a\"");
	for (int i = 0; slot_of(evictor) != slot_of(evicted) || !strcmp(evictor, evicted); i++)
		snprintf(evictor, sizeof(evictor), "\"b%d\"", i);
	want = expected_dump(slot_thieves);
	write_file(path, slot_thieves);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	cr_assert(strstr(got, evictor), "%s", got);
	/* each of the six calls had to define its first argument again */
	count_records(path, counts, runs, 1);
	cr_assert_geq(counts[RENACER__V1__RECORD__R_STRDEF], 6);
	free(want);
	free(got);
}

static uint32_t cap_len_base;

/* Events whose encoded length crosses the one-byte varint limits (127, 16383 bytes). */
static void sized_events(const struct rn_tr_sink *s)
{
	static const char *const args[] = {"3", "\"...\"", "0"};
	static uint8_t data[17000];
	struct rn_tr_stats st = {0};

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 131);
	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	for (uint32_t i = 0; i < 64; i++) {
		struct rn_tr_capture cap = {.arg = 1,
					    .data = data + i,
					    .len = cap_len_base + i,
					    .full_len = cap_len_base + i};
		struct rn_tr_event e = {.id = i + 1,
					.pid = 1,
					.tid = 1,
					.nr = 1,
					.name = "write",
					.nargs = 3,
					.args = args,
					.result = cap.len,
					.result_text = "n",
					.lamport = i + 1,
					.enter_ns = i * 100,
					.caps = &cap,
					.ncaps = 1};

		cr_assert_eq(s->event(s->ctx, &e), 0);
	}
	cr_assert_eq(s->finish(s->ctx, &st), 0);
}

Test(unit_trace_bin, events_around_the_varint_length_limits_round_trip)
{
	static const uint32_t bases[] = {60, 16330};

	for (size_t k = 0; k < sizeof(bases) / sizeof(bases[0]); k++) {
		char *path = tmp_path("sized.rnt"), *want, *got;
		struct rn_error err;

		cap_len_base = bases[k];
		want = expected_dump(sized_events);
		write_file(path, sized_events);
		cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
		cr_assert_str_eq(got, want);
		free(want);
		free(got);
	}
}

/* Captures bigger than the writer's buffers and the reader's first allocations. */
static void big_captures(const struct rn_tr_sink *s)
{
	static const char *const args[] = {"3", "\"...\"...", "300000"};
	uint8_t *data = malloc(300000);
	struct rn_tr_stats st = {0};

	for (size_t i = 0; i < 300000; i++)
		data[i] = (uint8_t)(i * 2654435761u >> 13);
	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	for (uint32_t i = 0; i < 5; i++) {
		struct rn_tr_capture cap = {.arg = 1,
					    .data = data + i,
					    .len = 300000 - i * 1000,
					    .full_len = 1 << 20,
					    .truncated = true};
		struct rn_tr_event e = {.id = i + 1,
					.pid = 1,
					.tid = 1,
					.nr = 0,
					.name = "read",
					.nargs = 3,
					.args = args,
					.result = 300000,
					.result_text = "300000",
					.lamport = i + 1,
					.caps = &cap,
					.ncaps = 1};

		cr_assert_eq(s->event(s->ctx, &e), 0);
	}
	cr_assert_eq(s->finish(s->ctx, &st), 0);
	free(data);
}

Test(unit_trace_bin, captures_of_hundreds_of_kilobytes_round_trip)
{
	char *path = tmp_path("big.rnt"), *want = expected_dump(big_captures), *got;
	struct rn_error err;

	write_file(path, big_captures);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	free(want);
	free(got);
}

/* Appends tail to path and reads it: every record arrives, then the error (no finish). */
static void check_trailing(const char *path, const void *tail, size_t n)
{
	char *want = expected_dump(sample), *got, expect[64];
	struct rn_error err;
	size_t size;
	FILE *f;

	free(slurp(path, &size));
	f = fopen(path, "a");
	cr_assert_eq(fwrite(tail, 1, n, f), n);
	fclose(f);
	cr_assert_eq(read_dump(path, &got, &err), -EINVAL, "%s", path);
	snprintf(expect, sizeof(expect), "data after the end of the trace at byte %zu", size);
	cr_assert(strstr(err.msg, expect), "%s", err.msg);
	cr_assert_eq(prefix_lines(got, want), prefix_lines(want, want) - 1);
	free(want);
	free(got);
}

Test(unit_trace_bin, data_after_the_end_of_the_stream_is_an_error)
{
	char *path = tmp_path("tail.rnt"), *twice = tmp_path("twice.rnt"), *gz = tmp_path("t.gz");
	uint8_t *frame;
	size_t size;

	write_file(path, sample);
	gzip_copy(path, gz);
	frame = slurp(path, &size);
	spit(twice, frame, size);
	{
		FILE *f = fopen(twice, "a");

		cr_assert_eq(fwrite(frame, 1, size, f), size);
		fclose(f);
	}
	check_trailing(path, "junk", 4);
	check_trailing(gz, "junk", 4);
	free(frame);
	/* a second frame is read on (zstd -d does), and its records come after the end */
	{
		struct rn_error err;
		char *got;

		cr_assert_eq(read_dump(twice, &got, &err), -EINVAL);
		cr_assert(strstr(err.msg, "a record after the statistics record"), "%s", err.msg);
		free(got);
	}
}

/* Cuts path at every byte: complete records first, then "truncated at byte N". */
static void check_cuts(const char *path)
{
	char *cut = tmp_path("cut.rnt"), *want;
	struct rn_error err;
	uint8_t *data;
	size_t size;
	int last = 0, all;

	want = expected_dump(sample);
	data = slurp(path, &size);
	all = prefix_lines(want, want);
	for (size_t n = 0; n < size; n++) {
		char *got, expect[64];
		int r, lines;

		spit(cut, data, n);
		r = read_dump(cut, &got, &err);
		cr_assert_eq(r, -EINVAL, "cut at %zu: %d %s", n, r, err.msg);
		lines = prefix_lines(got, want);
		cr_assert_geq(lines, last, "cut at %zu delivered less than an earlier cut", n);
		last = lines;
		snprintf(expect, sizeof(expect), "truncated at byte %zu:", n);
		if (n >= 10)
			cr_assert(strstr(err.msg, expect), "cut at %zu: %s", n, err.msg);
		cr_assert(strstr(err.msg, cut), "%s", err.msg);
		free(got);
	}
	/* only the trailer (checksum) missing: everything but finish arrives */
	cr_assert_eq(last, all - 1);
	free(data);
	free(want);
}

Test(unit_trace_bin, a_file_cut_at_any_byte_delivers_complete_records_then_says_truncated)
{
	char *path = tmp_path("full.rnt");

	write_file(path, sample);
	check_cuts(path);
}

Test(unit_trace_bin, a_gzip_file_cut_at_any_byte_delivers_complete_records_then_says_truncated)
{
	char *path = tmp_path("full.rnt"), *gz = tmp_path("full.gz");

	write_file(path, sample);
	gzip_copy(path, gz);
	check_cuts(gz);
}

static void check_bit_flips(const char *path)
{
	char *bad = tmp_path("flip.rnt"), *want;
	struct rn_error err;
	uint8_t *data;
	size_t size;
	int fails = 0;

	want = expected_dump(sample);
	data = slurp(path, &size);
	srand(42);
	for (int i = 0; i < 400; i++) {
		size_t at = (size_t)rand() % size;
		uint8_t mask = 1u << (rand() % 8);
		char *got;
		int r;

		data[at] ^= mask;
		spit(bad, data, size);
		r = read_dump(bad, &got, &err);
		data[at] ^= mask;
		/* the checksum (zstd) or CRC (gzip) covers the content: a clean read is the
		 * original */
		if (r == 0)
			cr_assert_str_eq(got, want, "flip at %zu/%02x accepted", at, mask);
		else
			fails++;
		cr_assert(r == 0 || strstr(err.msg, bad), "%d: %s", r, err.msg);
		free(got);
	}
	cr_assert_gt(fails, 300);
	free(data);
	free(want);
}

Test(unit_trace_bin, random_bit_flips_never_crash_and_never_pass_silently_changed_data)
{
	char *path = tmp_path("full.rnt"), *gz = tmp_path("full.gz");

	write_file(path, sample);
	check_bit_flips(path);
	gzip_copy(path, gz);
	check_bit_flips(gz);
}

Test(unit_trace_bin, a_checksum_mismatch_is_corrupt_data_after_every_record_but_finish)
{
	char *path = tmp_path("sum.rnt"), *want = expected_dump(sample), *got;
	struct rn_error err;
	uint8_t *data;
	size_t size;

	write_file(path, sample);
	data = slurp(path, &size);
	data[size - 1] ^= 0x10;
	spit(path, data, size);
	cr_assert_eq(read_dump(path, &got, &err), -EINVAL);
	cr_assert(strstr(err.msg, "corrupt compressed data at byte"), "%s", err.msg);
	cr_assert(strstr(err.msg, "checksum"), "%s", err.msg);
	cr_assert_eq(prefix_lines(got, want), prefix_lines(want, want) - 1);
	free(data);
	free(want);
	free(got);
}

Test(unit_trace_bin, a_damaged_zstd_block_delivers_every_record_of_the_blocks_before_it)
{
	char *path = tmp_path("many.rnt"), *cut = tmp_path("cut.rnt"), *bad = tmp_path("bad.rnt");
	char *want = expected_dump(many_strings), *got_cut, *got_bad, expect[80];
	struct rn_error err;
	size_t size, at[64];
	uint8_t *data;
	int nblocks, k, lines;

	write_file(path, many_strings);
	data = slurp(path, &size);
	nblocks = zstd_blocks(data, size, at, 64);
	cr_assert_geq(nblocks, 6);
	cr_assert_leq(nblocks, 64);
	k = nblocks / 2;
	spit(cut, data, at[k]);
	cr_assert_eq(read_dump(cut, &got_cut, &err), -EINVAL);
	cr_assert(strstr(err.msg, "truncated at byte"), "%s", err.msg);
	lines = prefix_lines(got_cut, want);
	cr_assert_gt(lines, 1000, "%d lines before block %d", lines, k);
	/* block type 3 is reserved: the decoder refuses block k itself */
	data[at[k]] |= 0x06;
	spit(bad, data, size);
	cr_assert_eq(read_dump(bad, &got_bad, &err), -EINVAL);
	snprintf(expect, sizeof(expect), "corrupt compressed data at byte %zu: ", at[k]);
	cr_assert(strstr(err.msg, expect), "want \"%s\" in %s", expect, err.msg);
	cr_assert(strstr(err.msg, bad), "%s", err.msg);
	cr_assert_str_eq(got_bad, got_cut);
	free(data);
	free(want);
	free(got_cut);
	free(got_bad);
}

/* Damage inside a well-formed zstd or gzip stream reaches the record decoder. */
Test(unit_trace_bin, corrupt_records_in_a_valid_stream_fail_cleanly_with_the_file_named)
{
	char *path = tmp_path("full.rnt"), *bad = tmp_path("recs.rnt");
	uint8_t *raw, *copy;
	struct rn_error err;
	size_t n;
	int errors = 0;

	run_len = 300;
	break_at = 100;
	break_how = 2;
	write_file(path, identical_calls);
	raw = raw_stream(path, &n);
	copy = malloc(n);
	cr_assert_gt(n, 50);
	srand(7);
	for (int i = 0; i < 500; i++) {
		char *got;
		int r;

		memcpy(copy, raw, n);
		for (int k = 0; k <= i % 4; k++)
			copy[4 + rand() % (n - 4)] ^= (uint8_t)(1 + rand() % 255);
		if (i % 2)
			write_zstd(bad, copy, n);
		else
			write_gzip(bad, copy, n);
		r = read_dump(bad, &got, &err);
		if (r) {
			errors++;
			cr_assert(strstr(err.msg, bad), "%d: %s", r, err.msg);
		}
		free(got);
	}
	cr_assert_gt(errors, 100);
	free(raw);
	free(copy);
}

static uint32_t version;

static void future_header(const struct rn_tr_sink *s)
{
	struct rn_tr_header h = sample_header;

	h.format_version = version;
	cr_assert_eq(s->header(s->ctx, &h), 0);
	cr_assert_eq(s->finish(s->ctx, NULL), 0);
}

Test(unit_trace_bin, newer_format_version_is_refused_with_eproto)
{
	char *path = tmp_path("future.rnt"), *got;
	struct rn_error err;

	version = RN_TRACE_VERSION + 1;
	write_file(path, future_header);
	cr_assert_eq(read_dump(path, &got, &err), -EPROTO);
	cr_assert(strstr(err.msg, "newer"), "%s", err.msg);
	cr_assert(strstr(err.msg, path), "%s", err.msg);
	cr_assert_str_eq(got, "");
	free(got);
}

Test(unit_trace_bin, newer_framing_magic_is_refused_with_eproto)
{
	char *path = tmp_path("rnt2.rnt"), *got;
	struct rn_error err;

	for (int gz = 0; gz < 2; gz++) {
		(gz ? write_gzip : write_zstd)(path, "RNT2\x05\x0a\x03\x08\x01", 9);
		cr_assert_eq(read_dump(path, &got, &err), -EPROTO, "gzip %d", gz);
		cr_assert(strstr(err.msg, "newer"), "%s", err.msg);
		free(got);
	}
}

Test(unit_trace_bin, finish_without_statistics_reads_back_as_null)
{
	char *path = tmp_path("nostats.rnt"), *got;
	struct rn_error err;

	version = RN_TRACE_VERSION;
	write_file(path, future_header);
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert(strstr(got, "finish NULL\n"), "%s", got);
	free(got);
}

static void unfinished(const struct rn_tr_sink *s)
{
	struct rn_tr_event e = {
	    .id = 1, .pid = 1, .tid = 1, .name = "getppid", .result_text = "0", .lamport = 1};

	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	for (int i = 0; i < 3; i++) {
		cr_assert_eq(s->event(s->ctx, &e), 0);
		e.id++;
		e.lamport++;
	}
}

Test(unit_trace_bin, closing_without_finish_leaves_a_truncated_but_readable_file)
{
	char *path = tmp_path("unfinished.rnt"), *got;
	struct rn_error err;

	write_file(path, unfinished);
	cr_assert_eq(read_dump(path, &got, &err), -EINVAL);
	cr_assert(strstr(err.msg, "truncated at byte"), "%s", err.msg);
	cr_assert_eq(prefix_lines(got, got), 4, "%s", got);
	free(got);
}

Test(unit_trace_bin, not_a_trace_is_refused_with_a_reason)
{
	enum { PLAIN, GZIP, ZSTD };
	struct {
		const char *name, *content, *why;
		int codec;
	} cases[] = {
	    {"empty.rnt", "", "empty file", PLAIN},
	    {"json.rnt", "{\"version\": 1}\n",
	     "byte 0: not a renacer binary trace (neither zstd, gzip nor an RNT1 stream)", PLAIN},
	    {"half.rnt", "\x28\xb5\x2f", "neither zstd, gzip nor an RNT1 stream", PLAIN},
	    {"text.gz", "hello world, not a trace",
	     "a gzip file but not a renacer trace (no RNT magic)", GZIP},
	    {"text.zst", "hello world, not a trace",
	     "a zstd file but not a renacer trace (no RNT magic)", ZSTD},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = tmp_path(cases[i].name), *got;
		const char *c = cases[i].content;
		struct rn_error err;

		if (cases[i].codec == GZIP)
			write_gzip(path, c, strlen(c));
		else if (cases[i].codec == ZSTD)
			write_zstd(path, c, strlen(c));
		else
			spit(path, c, strlen(c));
		cr_assert_eq(read_dump(path, &got, &err), -EINVAL, "%s", cases[i].name);
		cr_assert(strstr(err.msg, cases[i].why), "%s", err.msg);
		cr_assert(strstr(err.msg, path), "%s", err.msg);
		free(got);
	}
}

Test(unit_trace_bin, missing_file_returns_enoent)
{
	struct rn_error err;
	char *got;

	cr_assert_eq(read_dump(tmp_path("nope.rnt"), &got, &err), -ENOENT);
	cr_assert(strstr(err.msg, "nope.rnt: cannot open"), "%s", err.msg);
	free(got);
}

static int stop_at_30(void *ctx, const struct rn_tr_event *e)
{
	(void)e;
	return ++*(int *)ctx == 30 ? -ECANCELED : 0;
}

Test(unit_trace_bin, a_failing_consumer_stops_the_read_with_its_error)
{
	char *path = tmp_path("stop.rnt");
	struct rn_error err;
	int events = 0;
	struct rn_tr_sink s = {.ctx = &events, .event = stop_at_30};

	run_len = 100;
	break_at = 0;
	write_file(path, identical_calls);
	cr_assert_eq(rn_bin__read(path, &s, &err), -ECANCELED);
	cr_assert_eq(events, 30);
	cr_assert(strstr(err.msg, "consumer"), "%s", err.msg);
}

Test(unit_trace_bin, sniff_knows_its_own_files_in_zstd_and_gzip_from_json_and_other_data)
{
	char *path = tmp_path("s.rnt"), *old = tmp_path("s.gz"), *gz = tmp_path("plain.gz");
	char *zst = tmp_path("plain.zst");
	const char *other = "some other compressed text";
	uint8_t *data;
	size_t size;

	write_file(path, sample);
	gzip_copy(path, old);
	for (int i = 0; i < 2; i++) {
		data = slurp(i ? old : path, &size);
		cr_assert(rn_bin__sniff(data, RN_BIN_SNIFF_LEN), "gzip %d", i);
		cr_assert(rn_bin__sniff(data, size), "gzip %d", i);
		cr_assert_not(rn_bin__sniff(data, 2), "gzip %d", i);
		free(data);
	}
	cr_assert_not(rn_bin__sniff("{\"version\":1}", 13));
	cr_assert_not(rn_bin__sniff("", 0));
	write_gzip(gz, other, strlen(other));
	write_zstd(zst, other, strlen(other));
	for (int i = 0; i < 2; i++) {
		data = slurp(i ? zst : gz, &size);
		cr_assert_not(rn_bin__sniff(data, size), "zstd %d", i);
		free(data);
	}
}

Test(unit_trace_bin, records_before_the_header_are_refused_by_the_writer)
{
	struct rn_tr_sink s;
	struct rn_tr_event e = {.id = 1, .name = "x"};
	FILE *f = tmpfile();

	cr_assert_eq(rn_bin_writer__new(&s, f), 0);
	cr_assert_eq(s.event(s.ctx, &e), -EINVAL);
	s.close(s.ctx);
	s.close(NULL);
	fclose(f);
}

static char *sample_in(const char *name, bool bin, bool lines)
{
	char *path = tmp_path(name);
	struct rn_tr_sink s;
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	cr_assert_eq(bin ? rn_bin_writer__new(&s, f) : rn_json_writer__new(&s, f, lines), 0);
	cr_assert_eq(rn_trace_sample__play(&s), 0);
	s.close(s.ctx);
	fclose(f);
	return path;
}

/* Reads in (either format) into a new file out of the other format. */
static void convert(const char *in, const char *out, bool to_bin, bool lines)
{
	struct rn_tr_sink s;
	struct rn_error err = {{0}};
	FILE *f = fopen(out, "w");
	int r;

	cr_assert_not_null(f);
	cr_assert_eq(to_bin ? rn_bin_writer__new(&s, f) : rn_json_writer__new(&s, f, lines), 0);
	r = to_bin ? rn_json__read(in, &s, &err) : rn_bin__read(in, &s, &err);
	s.close(s.ctx);
	fclose(f);
	cr_assert_eq(r, 0, "%s -> %s: %s", in, out, err.msg);
}

Test(unit_trace_bin, shared_sample_reads_back_in_file_order)
{
	struct rn_trace_dump want, got;
	struct rn_tr_sink s = rn_trace_dump__sink(&want);
	struct rn_error err;
	char *path = sample_in("shared.rnt", true, false);

	cr_assert_eq(rn_trace_sample__play(&s), 0);
	s = rn_trace_dump__sink(&got);
	cr_assert_eq(rn_bin__read(path, &s, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got.all.buf, want.all.buf);
	cr_assert(got.finished);
	rn_trace_dump__free(&want);
	rn_trace_dump__free(&got);
}

Test(unit_trace_bin, json_to_binary_to_json_is_byte_identical)
{
	for (int lines = 0; lines < 2; lines++) {
		char *a = sample_in(lines ? "a.jsonl" : "a.json", false, lines);
		char *b = tmp_path("b.rnt"), *c = tmp_path("c.json");
		size_t na, nc;
		char *ta, *tc;

		convert(a, b, true, lines);
		convert(b, c, false, lines);
		ta = slurp(a, &na);
		tc = slurp(c, &nc);
		ta[na] = tc[nc] = '\0';
		cr_assert_str_eq(tc, ta, "lines=%d", lines);
		free(ta);
		free(tc);
	}
}

Test(unit_trace_bin, binary_to_json_to_binary_gives_identical_records)
{
	char *a = sample_in("a.rnt", true, false), *b = tmp_path("b.jsonl"), *c = tmp_path("c.rnt");
	uint8_t *ra, *rc;
	size_t na, nc;

	/* JSON Lines keeps file order, so the records come back in the same sequence */
	convert(a, b, false, true);
	convert(b, c, true, true);
	ra = raw_stream(a, &na);
	rc = raw_stream(c, &nc);
	cr_assert_gt(na, 100);
	cr_assert_eq(na, nc);
	cr_assert_eq(memcmp(ra, rc, na), 0);
	free(ra);
	free(rc);
}

/* Hand-made raw streams: "RNT1", then records packed by protobuf-c. */
struct rawbuf {
	uint8_t *p;
	size_t n, cap;
};

static void raw_bytes(struct rawbuf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		cr_assert_not_null(b->p);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void raw_varint(struct rawbuf *b, uint64_t v)
{
	uint8_t tmp[10];
	size_t n = 0;

	while (v >= 0x80) {
		tmp[n++] = (uint8_t)v | 0x80;
		v >>= 7;
	}
	tmp[n++] = (uint8_t)v;
	raw_bytes(b, tmp, n);
}

static void raw_rec(struct rawbuf *b, const Renacer__V1__Record *rec)
{
	size_t n = renacer__v1__record__get_packed_size(rec);
	uint8_t *p = malloc(n + 1);

	renacer__v1__record__pack(rec, p);
	raw_varint(b, n);
	raw_bytes(b, p, n);
	free(p);
}

/* "RNT1", a header and StrDefs: slot 0 "getpid" (ref 2), slot 1 "0" (ref 3). */
static struct rawbuf raw_start(void)
{
	struct rawbuf b = {0};
	Renacer__V1__Record rec = RENACER__V1__RECORD__INIT;
	Renacer__V1__Header h = RENACER__V1__HEADER__INIT;
	Renacer__V1__StrDef d = RENACER__V1__STR_DEF__INIT;

	raw_bytes(&b, RN_BIN_MAGIC, RN_BIN_MAGIC_LEN);
	h.format_version = RN_TRACE_VERSION;
	h.tool = "t";
	rec.r_case = RENACER__V1__RECORD__R_HEADER;
	rec.header = &h;
	raw_rec(&b, &rec);
	rec.r_case = RENACER__V1__RECORD__R_STRDEF;
	rec.strdef = &d;
	d.text.data = (uint8_t *)"getpid";
	d.text.len = 6;
	raw_rec(&b, &rec);
	d.slot = 1;
	d.text.data = (uint8_t *)"0";
	d.text.len = 1;
	raw_rec(&b, &rec);
	return b;
}

static Renacer__V1__Event good_event(void)
{
	Renacer__V1__Event e = RENACER__V1__EVENT__INIT;

	e.name = 2;
	e.result_text = 3;
	return e;
}

static void raw_event(struct rawbuf *b, Renacer__V1__Event *e)
{
	Renacer__V1__Record rec = RENACER__V1__RECORD__INIT;

	rec.r_case = RENACER__V1__RECORD__R_EVENT;
	rec.event = e;
	raw_rec(b, &rec);
}

static void raw_end(struct rawbuf *b)
{
	Renacer__V1__Record rec = RENACER__V1__RECORD__INIT;
	Renacer__V1__Stats st = RENACER__V1__STATS__INIT;

	rec.r_case = RENACER__V1__RECORD__R_STATS;
	rec.stats = &st;
	raw_rec(b, &rec);
}

/*
 * Reads b (as zstd) through a checking sink: the read must fail with -EINVAL and a
 * message holding want, and what it delivered before must be a valid model.
 */
static void check_refused(struct rawbuf *b, const char *want)
{
	char *path = tmp_path("hand.rnt");
	struct rn_error err = {{0}};
	struct rn_trace_check c;
	struct rn_tr_sink s = rn_trace_check__sink(&c);
	int r;

	write_zstd(path, b->p, b->n);
	r = rn_bin__read(path, &s, &err);
	cr_assert_not(c.bad, "an invalid model was delivered: %s", c.why);
	cr_assert_eq(r, -EINVAL, "%s: read gave %d (%s)", want, r, err.msg);
	cr_assert(strstr(err.msg, want), "want '%s' in: %s", want, err.msg);
	cr_assert(strstr(err.msg, path), "%s", err.msg);
	rn_trace_check__free(&c);
	free(b->p);
}

Test(unit_trace_bin, string_reference_0_for_a_name_an_argument_or_a_result_text_is_refused)
{
	Renacer__V1__Event e;
	struct rawbuf b;
	uint32_t args[] = {3, 0};

	b = raw_start();
	e = good_event();
	e.name = 0;
	raw_event(&b, &e);
	raw_end(&b);
	check_refused(&b,
		      "hand.rnt: byte 31 (record 4, in the zstd-decompressed stream; near byte ");
	b = raw_start();
	e = good_event();
	e.name = 0;
	raw_event(&b, &e);
	check_refused(&b, "event 1 has no name (string reference 0");

	b = raw_start();
	e = good_event();
	e.n_args = 2;
	e.args = args;
	raw_event(&b, &e);
	check_refused(&b, "event 1 has no argument (string reference 0");

	b = raw_start();
	e = good_event();
	raw_event(&b, &e);
	e.result_text = 0;
	raw_event(&b, &e);
	check_refused(&b, "(record 5, in the zstd-decompressed stream; near byte");
	b = raw_start();
	e = good_event();
	e.result_text = 0;
	raw_event(&b, &e);
	check_refused(&b, "event 1 has no result text");
}

Test(unit_trace_bin, a_signal_needs_no_result_text)
{
	Renacer__V1__Event e = good_event();
	struct rawbuf b = raw_start();
	struct rn_error err = {{0}};
	struct rn_trace_check c;
	struct rn_tr_sink s = rn_trace_check__sink(&c);
	char *path = tmp_path("signal.rnt");

	e.kind = RENACER__V1__EVENT_KIND__EVENT_KIND_SIGNAL;
	e.result_text = 0;
	raw_event(&b, &e);
	raw_end(&b);
	write_zstd(path, b.p, b.n);
	cr_assert_eq(rn_bin__read(path, &s, &err), 0, "%s", err.msg);
	cr_assert(c.finished && c.events == 1 && !c.bad, "%s", c.why);
	rn_trace_check__free(&c);
	free(b.p);
}

Test(unit_trace_bin, event_ids_that_go_backwards_or_overflow_are_refused)
{
	Renacer__V1__Event e;
	struct rawbuf b = raw_start();

	e = good_event();
	e.id_delta = 4; /* id 5 */
	raw_event(&b, &e);
	e.id_delta = -3; /* id 3 */
	raw_event(&b, &e);
	check_refused(&b, "event id goes backwards");

	b = raw_start();
	e = good_event();
	raw_event(&b, &e);
	e.id_delta = -2; /* id 1 again */
	raw_event(&b, &e);
	check_refused(&b, "event id goes backwards");
}

static void raw_edge(struct rawbuf *b, int kind, uint64_t from, uint64_t to)
{
	Renacer__V1__Record rec = RENACER__V1__RECORD__INIT;
	Renacer__V1__Edge ed = RENACER__V1__EDGE__INIT;

	ed.kind = kind;
	ed.from = from;
	ed.to = to;
	rec.r_case = RENACER__V1__RECORD__R_EDGE;
	rec.edge = &ed;
	raw_rec(b, &rec);
}

static void raw_gap(struct rawbuf *b, uint64_t after, uint64_t before, uint64_t lost)
{
	Renacer__V1__Record rec = RENACER__V1__RECORD__INIT;
	Renacer__V1__Gap g = RENACER__V1__GAP__INIT;

	g.tid = 1;
	g.after_id = after;
	g.before_id = before;
	g.lost = lost;
	rec.r_case = RENACER__V1__RECORD__R_GAP;
	rec.gap = &g;
	raw_rec(b, &rec);
}

/* Two events (ids 1 and 3), then what add() writes, then the end. */
static void check_links(void (*add)(struct rawbuf *), const char *want)
{
	Renacer__V1__Event e = good_event();
	struct rawbuf b = raw_start();

	raw_event(&b, &e);
	e.id_delta = 1;
	raw_event(&b, &e);
	add(&b);
	raw_end(&b);
	check_refused(&b, want);
}

static void gap_backwards(struct rawbuf *b)
{
	raw_gap(b, 3, 1, 2);
}

static void gap_of_nothing(struct rawbuf *b)
{
	raw_gap(b, 1, 3, 0);
}

static void gap_to_a_missing_event(struct rawbuf *b)
{
	raw_gap(b, 1, 2, 1);
}

static void edge_to_itself(struct rawbuf *b)
{
	raw_edge(b, RN_EDGE_PIPE, 3, 3);
}

static void edge_from_a_missing_event(struct rawbuf *b)
{
	raw_edge(b, RN_EDGE_FORK, 2, 3);
}

static void edge_to_a_future_event_that_never_comes(struct rawbuf *b)
{
	raw_edge(b, RN_EDGE_WAIT, 1, 9);
}

Test(unit_trace_bin, impossible_gaps_and_edges_to_unknown_events_are_refused)
{
	check_links(gap_backwards, "an impossible gap: 2 events lost between ids 3 and 1");
	check_links(gap_of_nothing, "an impossible gap: 0 events lost");
	check_links(gap_to_a_missing_event, "a gap names event 2, which the trace does not have");
	check_links(edge_to_itself, "an edge from event 3 to itself");
	check_links(edge_from_a_missing_event,
		    "an edge names event 2, which the trace does not have");
	check_links(edge_to_a_future_event_that_never_comes,
		    "record 6: an edge or gap names event 9, which the trace does not have");
}

Test(unit_trace_bin, counts_and_lengths_that_disagree_are_refused)
{
	Renacer__V1__Event e;
	Renacer__V1__Capture cap = RENACER__V1__CAPTURE__INIT, *caps[] = {&cap};
	Renacer__V1__EventRun run = RENACER__V1__EVENT_RUN__INIT;
	Renacer__V1__Record rec = RENACER__V1__RECORD__INIT;
	uint64_t raw[] = {1, 2};
	uint32_t args[] = {1};
	ProtobufCBinaryData longs[] = {{3, (uint8_t *)"abc"}, {3, (uint8_t *)"def"}};
	struct rawbuf b;

	b = raw_start();
	e = good_event();
	e.raw_same = 0x3e; /* 5 registers repeat the previous call: one is left */
	e.n_raw_args = 2;
	e.raw_args = raw;
	raw_event(&b, &e);
	check_refused(&b, "2 raw arguments for 1 registers");

	b = raw_start();
	e = good_event();
	cap.data.data = (uint8_t *)"abcd";
	cap.data.len = 4;
	cap.full_len_delta = -3; /* full_len 1: shorter than the 4 bytes captured */
	e.n_captures = 1;
	e.captures = caps;
	raw_event(&b, &e);
	check_refused(&b, "capture 0 is longer than the call's data");

	b = raw_start();
	e = good_event();
	e.n_args = 1;
	e.args = args;
	e.n_long_text = 2;
	e.long_text = longs;
	raw_event(&b, &e);
	check_refused(&b, "2 long texts but 1 references to them");

	b = raw_start();
	e = good_event();
	run.first = &e;
	run.count = 1;
	rec.r_case = RENACER__V1__RECORD__R_RUN;
	rec.run = &run;
	raw_rec(&b, &rec);
	check_refused(&b, "a run of 1 calls");

	b = raw_start();
	raw_varint(&b, 0);
	check_refused(&b, "an empty record");
}

Test(unit_trace_bin, one_record_may_take_16_mib_and_64_mib_decoded)
{
	Renacer__V1__EventRun run = RENACER__V1__EVENT_RUN__INIT;
	Renacer__V1__Record rec = RENACER__V1__RECORD__INIT;
	Renacer__V1__Event e = good_event();
	size_t n = 12 << 20;
	int64_t *deltas = calloc(n, sizeof(*deltas));
	struct rawbuf b = raw_start();

	raw_varint(&b, (16 << 20) + 1);
	raw_bytes(&b, "x", 1);
	check_refused(&b, "record length 16777217 over the 16777216-byte limit");

	/* 12 MiB of one-byte varints: 96 MiB as an array of int64 */
	b = raw_start();
	run.first = &e;
	run.count = (uint32_t)n + 1;
	run.n_enter_deltas = n;
	run.enter_deltas = deltas;
	rec.r_case = RENACER__V1__RECORD__R_RUN;
	rec.run = &run;
	raw_rec(&b, &rec);
	check_refused(&b, "needs more than 64 MiB to decode, the limit for one record");
	free(deltas);
}

static void unfinished_stats(const struct rn_tr_sink *s)
{
	struct rn_tr_event e = {
	    .id = 1, .pid = 1, .tid = 1, .name = "getppid", .result_text = "0", .lamport = 1};
	struct rn_tr_stats st = {.total_syscalls = 1, .incomplete = true};

	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	cr_assert_eq(s->event(s->ctx, &e), 0);
	cr_assert_eq(s->finish(s->ctx, &st), 0);
}

static bool got_incomplete, got_stats;

static int note_stats(void *ctx, const struct rn_tr_stats *s)
{
	(void)ctx;
	got_stats = s != NULL;
	got_incomplete = s && s->incomplete;
	return 0;
}

Test(unit_trace_bin, incomplete_statistics_are_written_into_the_file_and_read_back)
{
	char *path = tmp_path("incomplete.rnt");
	struct rn_tr_sink s = {.finish = note_stats};
	struct rn_error err;
	Renacer__V1__Record *rec = NULL;
	uint8_t *raw;
	size_t n, at = RN_BIN_MAGIC_LEN;

	write_file(path, unfinished_stats);
	cr_assert_eq(rn_bin__read(path, &s, &err), 0, "%s", err.msg);
	cr_assert(got_stats && got_incomplete, "the reader hands incomplete back");
	/* in the file's own bytes: the last record is Stats with incomplete set */
	raw = raw_stream(path, &n);
	while (at < n) {
		uint64_t len = 0;
		int shift = 0;

		do
			len |= (uint64_t)(raw[at] & 0x7f) << shift, shift += 7;
		while (raw[at++] & 0x80);
		if (rec)
			renacer__v1__record__free_unpacked(rec, NULL);
		rec = renacer__v1__record__unpack(NULL, len, raw + at);
		at += len;
	}
	cr_assert(rec && rec->r_case == RENACER__V1__RECORD__R_STATS && rec->stats->incomplete);
	renacer__v1__record__free_unpacked(rec, NULL);
	free(raw);
}

Test(unit_trace_bin, statistics_of_an_older_writer_without_the_field_read_as_complete)
{
	struct rawbuf b = raw_start();
	Renacer__V1__Event e = good_event();
	char *path = tmp_path("old.rnt");
	struct rn_tr_sink s = {.finish = note_stats};
	struct rn_error err;

	raw_event(&b, &e);
	raw_end(&b); /* a Stats record with only proto3 defaults: what older writers wrote */
	write_zstd(path, b.p, b.n);
	got_incomplete = true;
	cr_assert_eq(rn_bin__read(path, &s, &err), 0, "%s", err.msg);
	cr_assert(got_stats && !got_incomplete);
	free(b.p);
}

/* A file as fopen would see it: path holding n bytes of p. */
static void spit_to(const char *path, const void *p, size_t n)
{
	spit(path, p, n);
}

/* Reads path through rn_tracefile__read into a dump; 0 or the error. */
static int tf_dump(const char *path, char **text, struct rn_error *err)
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d);
	int r;

	memset(err, 0, sizeof(*err));
	r = rn_tracefile__read(path, &s, err);
	*text = dump_all(&d);
	return r;
}

/* path recompressed as the zstd tool does it: all in one block, or in several frames */
static void write_zstd_frames(const char *path, const uint8_t *raw, size_t n, int frames)
{
	FILE *f = fopen(path, "w");
	size_t per = n / frames + 1;

	cr_assert_not_null(f);
	for (size_t at = 0; at < n; at += per) {
		size_t k = n - at < per ? n - at : per, cap = ZSTD_compressBound(k);
		uint8_t *z = malloc(cap);
		size_t zn = ZSTD_compress(z, cap, raw + at, k, 19);

		cr_assert_not(ZSTD_isError(zn));
		cr_assert_eq(fwrite(z, 1, zn, f), zn);
		free(z);
	}
	fclose(f);
}

static void write_gzip_named(const char *path, const uint8_t *raw, size_t n)
{
	z_stream z = {0};
	gz_header h = {0};
	size_t cap = n + 4096;
	uint8_t *out = malloc(cap);

	h.name = (Bytef *)"a-rather-long-file-name-as-gzip-keeps-it-in-its-header-"
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.rnt";
	cr_assert_eq(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	cr_assert_eq(deflateSetHeader(&z, &h), Z_OK);
	z.next_in = (Bytef *)raw;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	spit(path, out, z.total_out);
	deflateEnd(&z);
	free(out);
}

Test(unit_trace_bin, rnt_recompressed_by_the_zstd_and_gzip_tools_or_uncompressed_reads_whole)
{
	char *path = tmp_path("orig.rnt"), *want = expected_dump(sample), *got;
	struct rn_error err;
	size_t n;
	uint8_t *raw;
	const char *names[] = {"raw.rnt", "one-block.zst", "frames.zst", "named.gz"};

	write_file(path, sample);
	raw = raw_stream(path, &n);
	spit_to(tmp_path(names[0]), raw, n);
	write_zstd_frames(tmp_path(names[1]), raw, n, 1);
	write_zstd_frames(tmp_path(names[2]), raw, n, 3);
	write_gzip_named(tmp_path(names[3]), raw, n);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cr_assert_eq(tf_dump(tmp_path(names[i]), &got, &err), 0, "%s: %s", names[i],
			     err.msg);
		cr_assert_str_eq(got, want, "%s", names[i]);
		free(got);
	}
	/* the uncompressed stream has no frame end: a cut at a record boundary shows */
	cr_assert_eq(rn_bin__read(tmp_path(names[0]), &(struct rn_tr_sink){0}, &err), 0);
	spit_to(tmp_path("cut.raw"), raw, n - 3);
	cr_assert_eq(tf_dump(tmp_path("cut.raw"), &got, &err), -EINVAL);
	cr_assert(strstr(err.msg, "truncated at byte"), "%s", err.msg);
	free(got);
	free(raw);
	free(want);
}

/* Feeds data into a pipe from a child; the read end is returned. */
static int pipe_from_child(const void *data, size_t n)
{
	int fds[2];
	pid_t pid;

	cr_assert_eq(pipe(fds), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		const uint8_t *p = data;

		close(fds[0]);
		/* in small pieces, as a slow producer does */
		for (size_t at = 0; at < n; at += 100)
			if (write(fds[1], p + at, n - at < 100 ? n - at : 100) < 0)
				_exit(1);
		_exit(0);
	}
	close(fds[1]);
	return fds[0];
}

static void sample_any(const struct rn_tr_sink *s)
{
	cr_assert_eq(rn_trace_sample__play(s), 0);
}

/* The sample in fmt, in memory. */
static uint8_t *sample_bytes(int fmt, size_t *n)
{
	char *p = NULL;
	FILE *f = open_memstream(&p, n);
	struct rn_tr_sink s;

	cr_assert_eq(rn_tracefile__writer(&s, f, fmt), 0);
	sample_any(&s);
	s.close(s.ctx);
	fclose(f);
	return (uint8_t *)p;
}

Test(unit_trace_bin, pipes_stdin_and_fifos_of_every_format_are_read_without_reopening)
{
	int fmts[] = {RN_TF_JSON, RN_TF_JSONL, RN_TF_BINARY};
	char fifo[128];

	snprintf(fifo, sizeof(fifo), "%s", tmp_path("fifo")); /* tmp_path's buffers rotate */
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		size_t n;
		uint8_t *data = sample_bytes(fmts[i], &n);
		char *from_file, *got, path[64];
		struct rn_error err;
		int fd, saved;

		spit_to(tmp_path("file"), data, n);
		cr_assert_eq(tf_dump(tmp_path("file"), &from_file, &err), 0, "%s", err.msg);

		fd = pipe_from_child(data, n);
		snprintf(path, sizeof(path), "/dev/fd/%d", fd);
		cr_assert_eq(tf_dump(path, &got, &err), 0, "format %d: %s", fmts[i], err.msg);
		cr_assert_str_eq(got, from_file);
		free(got);
		close(fd);

		/* "-" and /dev/stdin are the pipe on fd 0 */
		for (int k = 0; k < 2; k++) {
			fd = pipe_from_child(data, n);
			saved = dup(0);
			cr_assert_eq(dup2(fd, 0), 0);
			close(fd);
			cr_assert_eq(tf_dump(k ? "/dev/stdin" : "-", &got, &err), 0, "%s", err.msg);
			dup2(saved, 0);
			close(saved);
			clearerr(stdin);
			cr_assert_str_eq(got, from_file);
			free(got);
		}

		if (fork() == 0) {
			FILE *w = fopen(fifo, "w");

			_exit(w && fwrite(data, 1, n, w) == n && !fclose(w) ? 0 : 1);
		}
		cr_assert_eq(tf_dump(fifo, &got, &err), 0, "%s", err.msg);
		cr_assert_str_eq(got, from_file);
		free(got);
		free(from_file);
		free(data);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
}

Test(unit_trace_bin, endless_or_unknown_input_ends_with_an_error_in_bounded_memory, .timeout = 60)
{
	struct rn_error err;
	char *got;
	size_t n = 256 << 20, zn;
	uint8_t *zeros = calloc(1, n), *z = malloc(ZSTD_compressBound(n));

	cr_assert_eq(tf_dump("/dev/zero", &got, &err), -EINVAL);
	cr_assert(strstr(err.msg, "/dev/zero: byte 0: not a renacer trace"), "%s", err.msg);
	free(got);
	/* 256 MiB of zeros behind a valid magic, compressed to a few KiB */
	memcpy(zeros, "RNT1", 4);
	zn = ZSTD_compress(z, ZSTD_compressBound(n), zeros, n, 1);
	spit_to(tmp_path("zeros.zst"), z, zn);
	cr_assert_eq(tf_dump(tmp_path("zeros.zst"), &got, &err), -EINVAL);
	cr_assert(strstr(err.msg, "an empty record"), "%s", err.msg);
	free(got);
	free(zeros);
	free(z);
}

Test(unit_trace_bin, a_stream_of_only_the_magic_is_truncated_before_the_header)
{
	char *path = tmp_path("magic.rnt");
	struct rn_error err = {{0}};
	struct rn_trace_check c;
	struct rn_tr_sink s = rn_trace_check__sink(&c);

	/* found by fuzz_rnt: finish() was called for a trace without a header */
	write_zstd(path, RN_BIN_MAGIC, RN_BIN_MAGIC_LEN);
	cr_assert_eq(rn_bin__read(path, &s, &err), -EINVAL);
	cr_assert_not(c.bad, "%s", c.why);
	cr_assert(strstr(err.msg, "truncated at byte 4: the stream ends before the header"), "%s",
		  err.msg);
	rn_trace_check__free(&c);
}
