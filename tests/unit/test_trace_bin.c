// SPDX-License-Identifier: MIT
/* The .rnt writer and reader: round trips, runs, interned strings, sizes, damage. */
#include "trace_bin_index.h"
#include "trace_bin_test.h"

char trace_bin_tmpdir[64];

static void setup(void)
{
	strcpy(trace_bin_tmpdir, "/tmp/rn-bin-XXXXXX");
	cr_assert_not_null(mkdtemp(trace_bin_tmpdir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", trace_bin_tmpdir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(unit_trace_bin, .init = setup, .fini = teardown);

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

	/* one frame, however long (no block index): the zstd blocks inside it are the subject */
	rn_tbi_block_bytes = UINT64_MAX;
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
