// SPDX-License-Identifier: MIT
/*
 * The .rnt block index and the queries pushed into the reader (trace_bin_index.h,
 * lib/model/query.h): a query read through the index delivers exactly what a full read
 * filtered afterwards delivers, on a many-block trace and on every fixture trace; the index
 * skips blocks; a file without an index, or with a damaged one, reads whole and the same.
 */
#include "query.h"
#include "trace_bin_index.h"
#include "trace_bin_test.h"

static void setup(void)
{
	strcpy(trace_bin_tmpdir, "/tmp/rn-idx-XXXXXX");
	cr_assert_not_null(mkdtemp(trace_bin_tmpdir));
	rn_tbi_block_bytes = 256; /* many blocks from a small trace */
}

static void teardown(void)
{
	char cmd[128];

	rn_tbi_block_bytes = RN_TBI_BLOCK_BYTES_DEFAULT;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", trace_bin_tmpdir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(unit_trace_bin_index, .init = setup, .fini = teardown);

enum { BIG_N = 3000 };

static char *big_argv[] = {"/usr/bin/busy", "--work", NULL};

/*
 * Three processes taking turns in stretches of 400 events: runs of getppid, a write every
 * 7th event, a failed openat of /etc/xK every 97th, signals, pipe edges every 50 events,
 * a gap, processes announced in the middle, exits at the end.
 */
static void big(const struct rn_tr_sink *s)
{
	static const char *const no_args[] = {NULL};
	static const char *const write_args[] = {"1", "\"hello\\n\"", "6"};
	static const char *const sig_args[] = {"{si_signo=SIGCHLD, si_code=CLD_EXITED}"};
	char path[32], quoted[40];
	const char *open_args[] = {"AT_FDCWD", quoted, "O_RDONLY"};

	cr_assert_eq(s->header(s->ctx, &sample_header), 0);
	for (uint64_t i = 1; i <= BIG_N; i++) {
		uint32_t pid = 100 + (uint32_t)((i / 400) % 3);
		struct rn_tr_capture cap = {.arg = 1};
		struct rn_tr_event e = {.id = i,
					.kind = RN_TR_SYSCALL,
					.pid = pid,
					.tid = i % 11 == 0 ? pid + 1000 : pid,
					.nr = 110,
					.name = "getppid",
					.args = no_args,
					.result = 1,
					.result_text = "1",
					.enter_ns = i * 1000,
					.duration_ns = 50 + (i % 13) * 10,
					.lamport = i};

		if (i % 400 == 1) {
			struct rn_tr_process p = {.pid = pid,
						  .ppid = 1,
						  .exe = big_argv[0],
						  .argv = big_argv,
						  .argc = 2,
						  .start_ns = i * 1000};

			cr_assert_eq(s->process(s->ctx, &p), 0);
		}
		if (i % 7 == 0) {
			e.nr = 1;
			e.name = "write";
			e.nargs = 3;
			e.args = write_args;
			e.result = 6;
			e.result_text = "6";
			e.raw_args[0] = 1;
			e.raw_args[2] = 6;
		} else if (i % 97 == 0) {
			snprintf(path, sizeof(path), "/etc/x%u", (unsigned)(i % 5));
			snprintf(quoted, sizeof(quoted), "\"%s\"", path);
			e.nr = 257;
			e.name = "openat";
			e.nargs = 3;
			e.args = open_args;
			e.result = -2;
			e.errname = "ENOENT";
			e.result_text = "-1 ENOENT (No such file or directory)";
			cap.data = (const uint8_t *)path;
			cap.len = (uint32_t)strlen(path);
			cap.full_len = cap.len;
			e.caps = &cap;
			e.ncaps = 1;
		} else if (i % 331 == 0) {
			e.kind = RN_TR_SIGNAL;
			e.nr = -1;
			e.name = "SIGCHLD";
			e.nargs = 1;
			e.args = sig_args;
			e.result_text = NULL;
			e.duration_ns = 0;
		} else if (i == BIG_N) {
			e.kind = RN_TR_EXIT;
			e.nr = -1;
			e.name = "exit";
			e.result = 0;
			e.result_text = "exited with 0";
			e.duration_ns = 0;
		}
		cr_assert_eq(s->event(s->ctx, &e), 0);
		if (i % 50 == 0)
			cr_assert_eq(s->edge(s->ctx, &(struct rn_tr_edge){.kind = RN_EDGE_PIPE,
									  .from = i - 3,
									  .to = i}),
				     0);
		if (i == 1500)
			cr_assert_eq(s->gap(s->ctx, &(struct rn_tr_gap){.tid = 101,
									.after_id = 1499,
									.before_id = 1500,
									.lost = 3}),
				     0);
	}
	cr_assert_eq(s->finish(s->ctx, &(struct rn_tr_stats){.total_syscalls = BIG_N}), 0);
}

static bool want_block(void *ctx, const struct rn_query_block *b)
{
	return rn_query__may_match_block(ctx, b);
}

/* What a read delivers through q: pushed into the reader (indexed) or read whole. */
static char *query_dump(const char *path, struct rn_query *q, bool indexed, int *ret)
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d), qs;
	struct rn_error err = {{0}};

	cr_assert_eq(rn_query__sink(&qs, q, &s), 0);
	*ret = indexed ? rn_tracefile__read_where(path, &qs, want_block, q, &err)
		       : rn_tracefile__read(path, &qs, &err);
	qs.close(qs.ctx);
	return dump_all(&d);
}

struct qdef {
	const char *e, *pid, *since, *until, *path, *min;
};

static struct rn_query *make_query(const struct qdef *d)
{
	struct rn_query *q = rn_query__new();
	char err[256];

	cr_assert(q);
	cr_assert(!d->e || !rn_query__add_expr(q, d->e, err, sizeof(err)), "%s", err);
	cr_assert(!d->pid || !rn_query__add_pids(q, d->pid, err, sizeof(err)), "%s", err);
	cr_assert(!d->since || !rn_query__set_since(q, d->since, err, sizeof(err)), "%s", err);
	cr_assert(!d->until || !rn_query__set_until(q, d->until, err, sizeof(err)), "%s", err);
	cr_assert(!d->path || !rn_query__add_path(q, d->path, err, sizeof(err)), "%s", err);
	cr_assert(!d->min || !rn_query__set_min_duration(q, d->min, err, sizeof(err)), "%s", err);
	return q;
}

static const struct qdef queries[] = {
    {.e = "trace=openat"},
    {.e = "trace=write", .pid = "101"},
    {.since = "2ms", .until = "2.2ms"},
    {.e = "status=failed"},
    {.path = "/etc/x3"},
    {.min = "170ns"},
    {.pid = "1101"},
    {.e = "trace=%process"},
    {.e = "trace=!getppid", .pid = "102", .since = "@1700000000.1244"},
    {.e = "signal=none", .until = "0.5ms"},
    {.e = "trace=none"},
};

/* Every query: the indexed read equals the full read filtered; returns blocks decoded. */
static uint64_t check_queries(const char *path, bool expect_ok)
{
	uint64_t decoded = 0;

	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct rn_query *q = make_query(&queries[i]);
		int r1, r2;
		char *full = query_dump(path, q, false, &r1);
		uint64_t before = rn_tbi_blocks_decoded;
		char *fast = query_dump(path, q, true, &r2);

		decoded += rn_tbi_blocks_decoded - before;
		cr_expect_eq(r1, r2, "%s query %zu: returns %d and %d", path, i, r1, r2);
		if (expect_ok)
			cr_expect_eq(r1, 0, "%s query %zu: %d", path, i, r1);
		cr_expect_str_eq(fast, full, "%s query %zu: the indexed read differs", path, i);
		free(full);
		free(fast);
		rn_query__free(q);
	}
	return decoded;
}

static size_t index_start(const char *path, size_t *size)
{
	uint8_t *data = slurp(path, size);
	uint64_t total = 0;

	cr_assert_gt(*size, 16);
	cr_assert_eq(memcmp(data + *size - 8, "RNTIDX1", 8), 0, "no index trailer");
	for (int i = 7; i >= 0; i--)
		total = total << 8 | data[*size - 16 + i];
	free(data);
	cr_assert_lt(total, *size);
	return *size - total;
}

Test(unit_trace_bin_index,
     a_query_reads_only_blocks_that_may_match_and_delivers_what_a_full_read_filtered_does)
{
	char *path = tmp_path("big.rnt"), *want = expected_dump(big), *got;
	struct rn_error err;
	struct rn_tbi_entry *v;
	size_t n, size;
	FILE *f;
	uint64_t before, decoded;

	write_file(path, big);
	/* every reader, old or new, reads the indexed file whole and the same */
	cr_assert_eq(read_dump(path, &got, &err), 0, "%s", err.msg);
	cr_assert_str_eq(got, want);
	free(got);
	f = fopen(path, "r");
	cr_assert_eq(rn_tbi__load(f, &v, &n), 0, "the writer left no index");
	fclose(f);
	cr_expect_gt(n, 20, "blocks: %zu", n);
	index_start(path, &size);
	check_queries(path, true);
	/* a time window: the blocks around it are read, and of the others those with edges or
	 * processes (without decoding their events); blocks of events alone are not opened */
	{
		struct rn_query *q = make_query(&(struct qdef){.since = "2ms", .until = "2.2ms"});
		int r;

		before = rn_tbi_blocks_decoded;
		free(query_dump(path, q, true, &r));
		decoded = rn_tbi_blocks_decoded - before;
		cr_expect_eq(r, 0);
		cr_expect_lt(decoded, n / 2, "decoded %llu of %zu blocks",
			     (unsigned long long)decoded, n);
		rn_query__free(q);
	}
	free(v);
	free(want);
}

Test(unit_trace_bin_index, a_file_without_the_index_reads_whole_and_the_same)
{
	char *path = tmp_path("big.rnt"), *old = tmp_path("old.rnt");
	size_t size, start = index_start((write_file(path, big), path), &size);
	uint8_t *data = slurp(path, &size);
	uint64_t before = rn_tbi_blocks_decoded;

	/* an older writer's file: the same frames, nothing after them */
	spit(old, data, start);
	check_queries(old, true);
	cr_expect_eq(rn_tbi_blocks_decoded, before, "no index, no block read on its own");
	free(data);
}

Test(unit_trace_bin_index, a_damaged_index_is_ignored_and_the_results_stay_those_of_the_full_read)
{
	char *path = tmp_path("big.rnt"), *bad = tmp_path("bad.rnt");
	size_t size, start = index_start((write_file(path, big), path), &size);
	uint8_t *data = slurp(path, &size);
	struct rn_query *q = make_query(&(struct qdef){.e = "trace=openat"});
	int r1, r2;
	char *want = query_dump(path, q, false, &r1);
	size_t tried = 0;

	cr_assert_eq(r1, 0);
	free(want);
	/*
	 * a bit flipped anywhere in the index: every byte of its ends, and every 37th byte
	 * between (a prime, so the flips fall on every offset of the per-block entries; each
	 * flip costs two reads of the whole trace, which ASan makes slow)
	 */
	for (size_t at = start; at < size; at++) {
		char *got;
		uint64_t before;

		if ((at - start) % 37 && at - start > 32 && size - at > 24)
			continue;
		data[at] ^= (uint8_t)(1u << (at % 8));
		spit(bad, data, size);
		/* the frame's own header is the zstd reader's: damage there is the full read's */
		want = query_dump(bad, q, false, &r1);
		before = rn_tbi_blocks_decoded;
		got = query_dump(bad, q, true, &r2);
		cr_assert_eq(r2, r1, "byte %zu of the index flipped: %d, the full read %d",
			     at - start, r2, r1);
		cr_assert(r1 == 0 || at - start < 8, "byte %zu of the index flipped: read fails",
			  at - start);
		cr_assert_str_eq(got, want, "byte %zu of the index flipped: different results",
				 at - start);
		free(want);
		cr_assert_eq(rn_tbi_blocks_decoded, before,
			     "byte %zu of the index flipped: the index was trusted", at - start);
		free(got);
		data[at] ^= (uint8_t)(1u << (at % 8));
		tried++;
	}
	cr_expect_gt(tried, 100);
	/* cut anywhere inside the index: no trailer, a full read */
	for (size_t cut = start + 1; cut < size; cut += 97) {
		char *got;

		spit(bad, data, cut);
		want = query_dump(bad, q, false, &r1);
		got = query_dump(bad, q, true, &r2);
		cr_assert_eq(r2, r1);
		cr_assert_str_eq(got, want, "index cut at its byte %zu", cut - start);
		free(got);
		free(want);
	}
	free(data);
	rn_query__free(q);
}

/*
 * A byte damaged inside a block that a query skips whole (events only, none can match): the
 * filtered read is not decompressing it, yet it fails as the full read does, naming the
 * block, because the skipped bytes are checked against the CRC the index keeps of them.
 */
Test(unit_trace_bin_index, damage_inside_a_skipped_block_fails_the_filtered_read_as_the_full_read)
{
	char *path = tmp_path("big.rnt"), *bad = tmp_path("bad.rnt");
	struct rn_query *q = make_query(&(struct qdef){.e = "trace=openat"});
	struct rn_tbi_entry *v;
	struct rn_error err = {{0}};
	struct rn_trace_dump d;
	struct rn_tr_sink s, qs;
	size_t n, size, i;
	uint8_t *data;
	char want[64];
	FILE *f;
	int r1, r2;

	write_file(path, big);
	f = fopen(path, "r");
	cr_assert_eq(rn_tbi__load(f, &v, &n), 0);
	fclose(f);
	for (i = 1; i < n; i++)
		if (v[i].nevents && !v[i].nother && !want_block(q, &v[i].q))
			break;
	cr_assert_lt(i, n, "no block of events alone that trace=openat skips");
	data = slurp(path, &size);
	data[v[i].off + v[i].len / 2] ^= 0x10;
	spit(bad, data, size);
	free(query_dump(bad, q, false, &r1));
	cr_assert_neq(r1, 0, "the full read did not see the damage");
	s = rn_trace_dump__sink(&d);
	cr_assert_eq(rn_query__sink(&qs, q, &s), 0);
	r2 = rn_tracefile__read_where(bad, &qs, want_block, q, &err);
	qs.close(qs.ctx);
	free(dump_all(&d));
	cr_expect_neq(r2, 0, "the filtered read did not see the damage in block %zu", i);
	snprintf(want, sizeof(want), "block %zu (bytes %llu to ", i, (unsigned long long)v[i].off);
	cr_expect(strstr(err.msg, want) && strstr(err.msg, "is damaged"), "%s", err.msg);
	free(data);
	free(v);
	rn_query__free(q);
}

/* tests/fixtures/traces, from the source tree (as test_mutation.c finds it) */
static const char *fixture_dir(void)
{
	return !access("tests/fixtures/traces", R_OK) ? "tests/fixtures/traces"
						      : "../tests/fixtures/traces";
}

/* A fixture as the current writer writes it: many blocks, an index. */
static void rewrite(const char *in, const char *out)
{
	struct rn_tr_sink w;
	struct rn_error err = {{0}};
	FILE *f = fopen(out, "w");

	cr_assert_not_null(f);
	cr_assert_eq(rn_bin_writer__new(&w, f), 0);
	cr_assert_eq(rn_tracefile__read(in, &w, &err), 0, "%s", err.msg);
	w.close(w.ctx);
	fclose(f);
}

Test(unit_trace_bin_index, on_every_fixture_trace_a_filtered_read_equals_the_full_read_filtered)
{
	static const char *const names[] = {"forktree.rnt", "pipeline_rw.json", "pipeline_rw.rnt",
					    "signals.jsonl"};

	rn_tbi_block_bytes = 256;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char in[256], *out = tmp_path("fx.rnt");

		snprintf(in, sizeof(in), "%s/%s", fixture_dir(), names[i]);
		cr_assert(!access(in, R_OK), "%s not found", in);
		/* the file as it is (no index: the JSON ones, the older .rnt) ... */
		check_queries(in, true);
		/* ... and rewritten with an index of small blocks */
		rewrite(in, out);
		check_queries(out, true);
	}
}

Test(unit_trace_bin_index, query_options_refuse_what_they_cannot_read_and_say_how)
{
	struct rn_query *q = rn_query__new();
	char err[256];

	cr_expect_eq(rn_query__add_pids(q, "12,x", err, sizeof(err)), -EINVAL);
	cr_expect(strstr(err, "--pid") && strstr(err, "PID[,PID...]"), "%s", err);
	cr_expect_eq(rn_query__set_since(q, "soon", err, sizeof(err)), -EINVAL);
	cr_expect(strstr(err, "--since") && strstr(err, "300ms"), "%s", err);
	cr_expect_eq(rn_query__set_min_duration(q, "1 ms", err, sizeof(err)), -EINVAL);
	cr_expect_eq(rn_query__add_path(q, "", err, sizeof(err)), -EINVAL);
	cr_expect(rn_query__is_all(q));
	cr_expect_eq(rn_query__set_until(q, "2026-12-02T01:00:00.5Z", err, sizeof(err)), 0, "%s",
		     err);
	cr_expect_eq(rn_query__set_min_duration(q, "1.5ms", err, sizeof(err)), 0);
	cr_expect(!rn_query__is_all(q));
	rn_query__free(q);
}
