// SPDX-License-Identifier: MIT
/* The .rnt reader through tracefile: files recompressed by other tools, pipes, fifos, endless
 * input. */
#include "trace_bin_test.h"

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
