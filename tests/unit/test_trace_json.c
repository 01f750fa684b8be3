/* SPDX-License-Identifier: MIT */
/* The JSON and JSON Lines writer and reader: round trips, layout, refusals, consumers. */
#include "trace_json_test.h"

char trace_json_dir[] = "/tmp/rn-trace-json-XXXXXX";

static void setup(void)
{
	cr_assert_not_null(mkdtemp(trace_json_dir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", trace_json_dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(unit_trace_json, .init = setup, .fini = teardown);

Test(unit_trace_json, document_round_trip_is_byte_identical)
{
	struct rn_error err;
	char *a, *b;

	write_sample(path_of("a.json"), false, true);
	cr_assert_eq(convert(path_of("a.json"), path_of("b.json"), false, &err), 0, "%s", err.msg);
	a = slurp(path_of("a.json"), NULL);
	b = slurp(path_of("b.json"), NULL);
	cr_assert_str_eq(a, b);
	free(a);
	free(b);
}

Test(unit_trace_json, lines_round_trip_is_byte_identical)
{
	struct rn_error err;
	char *a, *b;

	write_sample(path_of("a.jsonl"), true, true);
	cr_assert_eq(convert(path_of("a.jsonl"), path_of("b.jsonl"), true, &err), 0, "%s", err.msg);
	a = slurp(path_of("a.jsonl"), NULL);
	b = slurp(path_of("b.jsonl"), NULL);
	cr_assert_str_eq(a, b);
	free(a);
	free(b);
}

Test(unit_trace_json, document_to_lines_to_document_is_byte_identical)
{
	struct rn_error err;
	char *a, *c;

	write_sample(path_of("a.json"), false, true);
	cr_assert_eq(convert(path_of("a.json"), path_of("b.jsonl"), true, &err), 0, "%s", err.msg);
	cr_assert_eq(convert(path_of("b.jsonl"), path_of("c.json"), false, &err), 0, "%s", err.msg);
	a = slurp(path_of("a.json"), NULL);
	c = slurp(path_of("c.json"), NULL);
	cr_assert_str_eq(a, c);
	free(a);
	free(c);
}

static void check_reads_back_the_model(bool lines)
{
	struct rn_trace_dump d;
	struct rn_error err;
	char *want = sample_sections(), *got;
	const char *p = path_of(lines ? "m.jsonl" : "m.json");

	write_sample(p, lines, true);
	cr_assert_eq(read_dump(p, &d, &err), 0, "%s", err.msg);
	got = rn_trace_dump__sections(&d);
	cr_assert_str_eq(got, want);
	cr_assert_eq(d.nevents, RN_SAMPLE_NEVENTS);
	cr_assert(d.finished);
	cr_assert(strncmp(d.all.buf, "header ", 7) == 0, "the header comes first");
	rn_trace_dump__free(&d);
	free(want);
	free(got);
}

Test(unit_trace_json, document_reads_back_every_field_of_the_model)
{
	check_reads_back_the_model(false);
}

Test(unit_trace_json, lines_read_back_every_field_of_the_model)
{
	check_reads_back_the_model(true);
}

Test(unit_trace_json, lines_deliver_records_in_file_order)
{
	struct rn_trace_dump d, want;
	struct rn_tr_sink s = rn_trace_dump__sink(&want);
	struct rn_error err;

	cr_assert_eq(rn_trace_sample__play(&s), 0);
	write_sample(path_of("o.jsonl"), true, true);
	cr_assert_eq(read_dump(path_of("o.jsonl"), &d, &err), 0, "%s", err.msg);
	cr_assert_str_eq(d.all.buf, want.all.buf);
	rn_trace_dump__free(&d);
	rn_trace_dump__free(&want);
}

Test(unit_trace_json, document_merges_signals_and_exits_into_id_order)
{
	struct rn_trace_dump d;
	struct rn_error err;
	unsigned long long last = 0, id;
	const char *p;

	write_sample(path_of("i.json"), false, true);
	cr_assert_eq(read_dump(path_of("i.json"), &d, &err), 0, "%s", err.msg);
	for (p = d.sec[RN_DUMP_EVENTS].buf; (p = strstr(p, "event id=")); p++) {
		id = strtoull(p + 9, NULL, 10);
		cr_assert_gt(id, last, "event %llu after %llu", id, last);
		last = id;
	}
	cr_assert_eq(last, RN_SAMPLE_NEVENTS);
	rn_trace_dump__free(&d);
}

Test(unit_trace_json, partial_trace_finished_without_statistics_round_trips)
{
	struct rn_trace_dump d;
	struct rn_error err;
	char *a, *b;

	for (int lines = 0; lines < 2; lines++) {
		write_sample(path_of("n.json"), lines, false);
		cr_assert_eq(read_dump(path_of("n.json"), &d, &err), 0, "%s", err.msg);
		cr_assert(d.finished && d.stats_null);
		rn_trace_dump__free(&d);
		cr_assert_eq(convert(path_of("n.json"), path_of("n2.json"), lines, &err), 0);
		a = slurp(path_of("n.json"), NULL);
		b = slurp(path_of("n2.json"), NULL);
		cr_assert_str_eq(a, b);
		free(a);
		free(b);
	}
}

Test(unit_trace_json, document_layout_keeps_the_brief_keys_one_syscall_per_line)
{
	char *t;
	static const char head[] = "{\"version\":\"renacer 0.1.0\",\"format\":\"renacer-json-v1\","
				   "\"format_version\":1,\"trace_id\":";

	write_sample(path_of("k.json"), false, true);
	t = slurp(path_of("k.json"), NULL);
	cr_assert(strncmp(t, head, sizeof(head) - 1) == 0, "%.200s", t);
	cr_assert_not_null(strstr(t, "\n\"syscalls\":[\n{\"id\":1,\"pid\":100,\"tid\":100,"
				     "\"name\":\"execve\",\"nr\":59,\"args\":"));
	cr_assert_not_null(strstr(t, ",\n{\"id\":2,"), "each syscall on its own line");
	cr_assert_not_null(strstr(t, "\"process\":{\"pid\":100,\"name\":\"sh\","
				     "\"start_time_nanos\":1700000000123456789}"));
	cr_assert_not_null(strstr(t, "\"statistics\":{\"total_syscalls\":11,"
				     "\"total_duration_nanos\":1100100,\"syscall_counts\":{"));
	cr_assert_not_null(strstr(t, "\"syscall_errors\":{\"openat\":1}"));
	cr_assert_not_null(strstr(t, "\"errno\":\"ENOENT\""));
	cr_assert_not_null(strstr(t, "\"noreturn\":true"));
	cr_assert_not_null(strstr(t, "{\"kind\":\"fork\",\"from\":5,\"to\":6}"));
	cr_assert_not_null(strstr(t, "{\"tid\":101,\"after\":6,\"before\":7,\"lost\":3}"));
	cr_assert_not_null(strstr(t, "\"signal\":\"SIGSEGV\",\"core_dumped\":true"));
	cr_assert_not_null(strstr(t, "\"exit_code\":0"));
	cr_assert_not_null(
	    strstr(t, "\"env\":{\"LANG\":\"C.UTF-8\",\"CI\":\"true\",\"EMPTY\":\"\"}"));
	/* raw args are 64-bit two's complement: AT_FDCWD reads as -100 */
	cr_assert_not_null(strstr(t, "\"raw_args\":[-100,"));
	free(t);
}

Test(unit_trace_json, captures_are_text_when_printable_utf8_else_base64)
{
	char *t;

	write_sample(path_of("c.json"), false, true);
	t = slurp(path_of("c.json"), NULL);
	/* 7f 'E' 'L' 'F' 00 ff 01 00 */
	cr_assert_not_null(strstr(t, "{\"arg\":1,\"idx\":0,\"base64\":\"f0VMRgD/AQA=\","
				     "\"length\":8,\"full_length\":4096,\"truncated\":true}"),
			   "%s", t);
	cr_assert_not_null(strstr(t, "\"text\":\"h\xc3\xa9llo \\\"q\\\" \\\\ \\t\\n\\u001b[0m "
				     "\xe2\x82\xac \xf0\x9f\x98\x80\""));
	cr_assert_not_null(strstr(t, "\"base64\":\"YcMoYg==\",\"length\":4,"
				     "\"full_length\":-2,\"truncated\":true"),
			   "broken UTF-8 is base64; u64 above INT64_MAX is two's complement");
	cr_assert_not_null(strstr(t, "{\"arg\":2,\"idx\":0,\"text\":\"\",\"length\":0,"
				     "\"full_length\":0}"));
	cr_assert_not_null(
	    strstr(t, "\"argv\":[\"cat\",\"\\\"$x\\\"\",{\"base64\":\"//4tbm90LXV0Zjg=\"}]"),
	    "a string that is not UTF-8 becomes {\"base64\":...}");
	free(t);
}

Test(unit_trace_json, lines_are_flushed_so_a_running_trace_can_be_followed)
{
	struct rn_tr_sink s;
	struct rn_trace_dump d;
	struct rn_tr_sink dump = rn_trace_dump__sink(&d);
	struct rn_error err;
	FILE *f;
	char *t;

	f = fopen(path_of("g.jsonl"), "w");
	cr_assert_eq(rn_json_writer__new(&s, f, true), 0);
	{
		const struct rn_tr_header h = {.format_version = 1, .tool = "t", .argc = 0};
		const struct rn_tr_event e = {
		    .id = 1, .pid = 1, .tid = 1, .name = "getpid", .nr = 39, .result_text = "1"};

		cr_assert_eq(s.header(s.ctx, &h), 0);
		cr_assert_eq(s.event(s.ctx, &e), 0);
	}
	/* not closed, not flushed by us: the writer must have flushed already */
	t = slurp(path_of("g.jsonl"), NULL);
	cr_assert_not_null(strstr(t, "{\"type\":\"syscall\",\"id\":1,"), "%s", t);
	free(t);
	cr_assert_eq(rn_json__read(path_of("g.jsonl"), &dump, &err), -EINVAL);
	cr_assert_not_null(strstr(err.msg, "truncated at byte"), "%s", err.msg);
	s.close(s.ctx);
	fclose(f);
	rn_trace_dump__free(&d);
}

Test(unit_trace_json, writer_refuses_records_before_the_header)
{
	struct rn_tr_sink s;
	const struct rn_tr_event e = {.id = 1, .name = "getpid"};
	FILE *f = fopen(path_of("h.json"), "w");

	cr_assert_eq(rn_json_writer__new(&s, f, false), 0);
	cr_assert_eq(s.event(s.ctx, &e), -EINVAL);
	cr_assert_eq(s.finish(s.ctx, NULL), -EINVAL);
	s.close(s.ctx);
	fclose(f);
}

Test(unit_trace_json, reader_accepts_keys_in_any_order_and_ignores_unknown_keys)
{
	struct rn_trace_dump d;
	struct rn_error err;
	char *want = sample_sections(), *got, *t;
	size_t len;

	write_sample(path_of("s.json"), false, true);
	shuffle_doc(path_of("s.json"), path_of("shuffled.json"));
	cr_assert_eq(read_dump(path_of("shuffled.json"), &d, &err), 0, "%s", err.msg);
	got = rn_trace_dump__sections(&d);
	cr_assert_str_eq(got, want);
	rn_trace_dump__free(&d);
	free(got);

	/* JSON Lines: sorted keys per line and a record type from the future */
	write_sample(path_of("s.jsonl"), true, true);
	t = slurp(path_of("s.jsonl"), &len);
	{
		FILE *f = fopen(path_of("shuffled.jsonl"), "w");
		char *save, *line = strtok_r(t, "\n", &save);

		for (int n = 0; line; line = strtok_r(NULL, "\n", &save), n++) {
			json_t *o = json_loads(line, 0, NULL);
			char *s;

			cr_assert_not_null(o);
			json_object_set_new(o, "x_unknown", json_true());
			s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
			fprintf(f, "%s\n", s);
			if (n == 3)
				fprintf(f, "{\"type\":\"hologram\",\"id\":77}\n\n");
			free(s);
			json_decref(o);
		}
		fclose(f);
	}
	free(t);
	cr_assert_eq(read_dump(path_of("shuffled.jsonl"), &d, &err), 0, "%s", err.msg);
	got = rn_trace_dump__sections(&d);
	cr_assert_str_eq(got, want);
	rn_trace_dump__free(&d);
	free(got);
	free(want);
}

Test(unit_trace_json, newer_format_version_is_refused_with_eproto)
{
	struct rn_error err;

	cr_assert_eq(read_text("{\"format\":\"renacer-json-v2\",\"format_version\":2,\n"
			       "\"syscalls\":[\n]}\n",
			       &err, NULL),
		     -EPROTO);
	cr_assert_not_null(strstr(err.msg, path_of("t.json")), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "format_version 2 is newer"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "byte 0"), "%s", err.msg);

	cr_assert_eq(read_text("{\"type\":\"header\",\"format\":\"renacer-json-v1\","
			       "\"format_version\":7}\n",
			       &err, NULL),
		     -EPROTO);
}

Test(unit_trace_json, not_a_trace_is_refused_with_file_offset_and_reason)
{
	struct rn_error err;

	cr_assert_eq(read_text("  hello", &err, NULL), -EINVAL);
	cr_assert_not_null(strstr(err.msg, "t.json: byte 2 (record 1): not a renacer trace"), "%s",
			   err.msg);
	cr_assert_eq(read_text("", &err, NULL), -EINVAL);
	cr_assert_not_null(strstr(err.msg, "empty"), "%s", err.msg);
	cr_assert_eq(read_text("{\"foo\":1,\"syscalls\":[]}", &err, NULL), -EINVAL);
	cr_assert_not_null(strstr(err.msg, "no \"format\""), "%s", err.msg);
	cr_assert_eq(read_text("{\"format\":\"other\",\"syscalls\":[]}", &err, NULL), -EINVAL);
	cr_assert_not_null(strstr(err.msg, "not a renacer-json-v1 trace (format is \"other\")"),
			   "%s", err.msg);
	cr_assert_eq(read_text("[1,2,3]", &err, NULL), -EINVAL);
}

Test(unit_trace_json, missing_file_is_an_error_naming_the_file)
{
	struct rn_trace_dump d;
	struct rn_error err;

	cr_assert_eq(read_dump(path_of("nope.json"), &d, &err), -ENOENT);
	cr_assert_not_null(strstr(err.msg, "nope.json: cannot open: No such file"), "%s", err.msg);
	rn_trace_dump__free(&d);
}

Test(unit_trace_json, bad_record_reports_its_byte_offset)
{
	static const char doc[] = "{" HDR ",\n"
				  "\"syscalls\":[\n"
				  "{\"id\":1,\"pid\":5,\"tid\":5," SYSCALL "},\n"
				  "{\"id\":2,\"pid\":\"five\",\"tid\":5,\"name\":\"getpid\"}\n"
				  "]}\n";
	struct rn_trace_dump d;
	struct rn_error err;
	char want[64];

	cr_assert_eq(read_text(doc, &err, &d), -EINVAL);
	snprintf(want, sizeof(want), "byte %zu (record 3): syscall: \"pid\" is not an integer",
		 (size_t)(strstr(doc, "{\"id\":2") - doc));
	cr_assert_not_null(strstr(err.msg, want), "%s (want %s)", err.msg, want);
	cr_assert_eq(d.nevents, 1, "the record before the bad one was delivered");
	rn_trace_dump__free(&d);

	cr_assert_eq(read_text("{\"type\":\"header\"," HDR "}\n"
			       "{\"type\":\"syscall\",\"id\":1,\"pid\":1,\"tid\":1," SYSCALL "}\n"
			       "{\"type\":\"syscall\",\"id\":2 \"pid\":1}\n"
			       "{\"type\":\"statistics\"}\n",
			       &err, NULL),
		     -EINVAL);
	cr_assert_not_null(strstr(err.msg, "(record 3)"), "%s", err.msg);
}

Test(unit_trace_json, consumer_without_some_callbacks_gets_the_rest)
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d);
	struct rn_error err;

	write_sample(path_of("e.json"), false, true);
	s.edge = NULL;
	s.process = NULL;
	cr_assert_eq(rn_json__read(path_of("e.json"), &s, &err), 0, "%s", err.msg);
	cr_assert_eq(d.sec[RN_DUMP_EDGES].len, 0);
	cr_assert_eq(d.sec[RN_DUMP_PROCS].len, 0);
	cr_assert_eq(d.nevents, RN_SAMPLE_NEVENTS);
	cr_assert(d.finished);
	rn_trace_dump__free(&d);
}

static unsigned nsink_calls;

static int enospc_on_third(void *ctx, const struct rn_tr_event *e)
{
	(void)ctx;
	(void)e;
	return ++nsink_calls == 3 ? -ENOSPC : 0;
}

Test(unit_trace_json, consumer_failure_is_returned_with_the_record_offset)
{
	struct rn_trace_dump d;
	struct rn_tr_sink s = rn_trace_dump__sink(&d);
	struct rn_error err;

	s.event = enospc_on_third;
	for (int lines = 0; lines < 2; lines++) {
		nsink_calls = 0;
		write_sample(path_of("x.json"), lines, true);
		cr_assert_eq(rn_json__read(path_of("x.json"), &s, &err), -ENOSPC);
		cr_assert_eq(nsink_calls, 3);
		cr_assert_not_null(strstr(err.msg, "consumer failed: No space left"), "%s",
				   err.msg);
		cr_assert(!d.finished);
	}
	rn_trace_dump__free(&d);
}
