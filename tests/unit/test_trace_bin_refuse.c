// SPDX-License-Identifier: MIT
/* The .rnt reader refuses what is not a valid trace: versions, foreign data, hand-made streams with
 * impossible records; statistics; JSON round trips. */
#include "trace_bin_test.h"

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
