/* SPDX-License-Identifier: MIT */
/* The JSON reader on damaged or hostile input: cuts, bit flips, missing fields, the schema, huge
 * records, pipes and endless streams. */
#include "trace_json_test.h"

/* Every line of `part` must be a line of `whole`. */
static bool lines_subset(const char *part, const char *whole)
{
	for (const char *l = part; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l + 1) : strlen(l);
		char *needle = strndup(l, n);
		bool ok = strstr(whole, needle) != NULL;

		free(needle);
		if (!ok)
			return false;
		l += n;
	}
	return true;
}

static void check_every_truncation(bool lines)
{
	const char *full = path_of(lines ? "full.jsonl" : "full.json");
	struct rn_trace_dump all, d;
	struct rn_error err;
	unsigned last_events = 0;
	size_t len;
	char *text;

	write_sample(full, lines, true);
	cr_assert_eq(read_dump(full, &all, &err), 0);
	text = slurp(full, &len);
	for (size_t cut = 0; cut < len; cut++) {
		int ret;

		spit(path_of("cut"), text, cut);
		ret = read_dump(path_of("cut"), &d, &err);
		if (cut == len - 1) {
			/* only the final newline is missing: the trace is complete */
			cr_assert_eq(ret, 0, "%s", err.msg);
		} else {
			char want[64];

			snprintf(want, sizeof(want), "truncated at byte %zu", cut);
			cr_assert_eq(ret, -EINVAL, "cut at %zu: %d %s", cut, ret, err.msg);
			if (cut)
				cr_assert_not_null(strstr(err.msg, want), "cut at %zu: %s", cut,
						   err.msg);
			cr_assert(!d.finished);
		}
		if (lines)
			cr_assert(strncmp(all.all.buf, d.all.buf ? d.all.buf : "", d.all.len) == 0,
				  "cut at %zu: not a prefix:\n%s", cut, d.all.buf);
		else
			cr_assert(lines_subset(d.all.buf ? d.all.buf : "", all.all.buf),
				  "cut at %zu: a record that was not written:\n%s", cut, d.all.buf);
		if (d.all.len)
			cr_assert(strncmp(d.all.buf, "header ", 7) == 0, "header first");
		cr_assert_geq(d.nevents, last_events, "cut at %zu lost records", cut);
		last_events = d.nevents;
		rn_trace_dump__free(&d);
	}
	cr_assert_eq(last_events, RN_SAMPLE_NEVENTS);
	rn_trace_dump__free(&all);
	free(text);
}

Test(unit_trace_json, document_cut_at_any_byte_yields_the_complete_records_before_it)
{
	check_every_truncation(false);
}

Test(unit_trace_json, lines_cut_at_any_byte_yield_the_complete_records_before_it)
{
	check_every_truncation(true);
}

Test(unit_trace_json, document_cut_inside_syscalls_still_delivers_them)
{
	struct rn_trace_dump d;
	struct rn_error err;
	size_t len;
	char *text;
	char *p;

	write_sample(path_of("w.json"), false, true);
	text = slurp(path_of("w.json"), &len);
	p = strstr(text, "\n{\"id\":7,");
	cr_assert_not_null(p);
	spit(path_of("w2.json"), text, (size_t)(p - text) + 20);
	cr_assert_eq(read_dump(path_of("w2.json"), &d, &err), -EINVAL);
	cr_assert_eq(d.nevents, 6, "syscalls 1-6 are whole");
	cr_assert(strncmp(d.all.buf, "header ", 7) == 0);
	rn_trace_dump__free(&d);
	free(text);
}

static void flip_bits(bool lines)
{
	const char *full = path_of(lines ? "flip.jsonl" : "flip.json");
	struct rn_trace_dump d;
	struct rn_error err;
	size_t len;
	char *text;

	write_sample(full, lines, true);
	text = slurp(full, &len);
	srand(lines ? 4242 : 1234);
	for (int i = 0; i < 400; i++) {
		size_t at = (size_t)rand() % len;
		int bit = rand() % 8, ret;

		text[at] ^= (char)(1 << bit);
		if (i % 3 == 0)
			text[(size_t)rand() % len] ^= (char)(1 << (rand() % 8));
		spit(path_of("flipped"), text, len);
		ret = read_dump(path_of("flipped"), &d, &err);
		cr_assert(ret == 0 || (ret < 0 && err.msg[0]), "flip %d: %d without a message", i,
			  ret);
		rn_trace_dump__free(&d);
		free(text);
		text = slurp(full, &len);
	}
	free(text);
}

Test(unit_trace_json, document_with_flipped_bits_is_read_or_refused_cleanly)
{
	flip_bits(false);
}

Test(unit_trace_json, lines_with_flipped_bits_are_read_or_refused_cleanly)
{
	flip_bits(true);
}

static const char *schema_path(void)
{
	static char buf[512];
	const char *b = getenv("RENACER_BUILD");

	if (access("docs/renacer-json-v1.schema.json", R_OK) == 0)
		return "docs/renacer-json-v1.schema.json";
	if (b) {
		snprintf(buf, sizeof(buf), "%s/../docs/renacer-json-v1.schema.json", b);
		if (access(buf, R_OK) == 0)
			return buf;
	}
	cr_assert_fail("docs/renacer-json-v1.schema.json not found (run from the source tree)");
	return NULL;
}

static bool have_jsonschema(void)
{
	const char *ci = getenv("CI");

	if (system("/usr/bin/python3 -c 'import jsonschema' 2>/dev/null") == 0)
		return true;
	cr_assert(!ci || strcmp(ci, "true"),
		  "python3-jsonschema is missing (scripts/install-deps.sh)");
	return false;
}

Test(unit_trace_json, written_document_validates_against_the_schema)
{
	char cmd[1024];

	if (!have_jsonschema())
		cr_skip_test("python3-jsonschema is not installed");
	write_sample(path_of("v.json"), false, true);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 -W ignore -m jsonschema -i '%s' '%s'",
		 path_of("v.json"), schema_path());
	cr_assert_eq(system(cmd), 0, "%s", cmd);

	/* and the schema can fail: a syscall without its id */
	shuffle_doc(path_of("v.json"), path_of("v2.json"));
	{
		json_t *o = json_load_file(path_of("v2.json"), 0, NULL);

		json_object_del(json_array_get(json_object_get(o, "syscalls"), 0), "id");
		json_dump_file(o, path_of("v3.json"), 0);
		json_decref(o);
	}
	snprintf(cmd, sizeof(cmd),
		 "/usr/bin/python3 -W ignore -m jsonschema -i '%s' '%s' 2>/dev/null",
		 path_of("v3.json"), schema_path());
	cr_assert_neq(system(cmd), 0, "a syscall without id must not validate");
}

Test(unit_trace_json, written_lines_validate_against_the_line_schema)
{
	char cmd[1024];

	if (!have_jsonschema())
		cr_skip_test("python3-jsonschema is not installed");
	write_sample(path_of("v.jsonl"), true, true);
	snprintf(cmd, sizeof(cmd),
		 "/usr/bin/python3 -W ignore -c '"
		 "import json, sys, jsonschema\n"
		 "s = json.load(open(sys.argv[1]))\n"
		 "line = {\"$schema\": s[\"$schema\"], \"$defs\": s[\"$defs\"], "
		 "\"$ref\": \"#/$defs/jsonl_line\"}\n"
		 "v = jsonschema.validators.validator_for(line)(line)\n"
		 "n = 0\n"
		 "for l in open(sys.argv[2]):\n"
		 "    v.validate(json.loads(l)); n += 1\n"
		 "sys.exit(0 if n > 10 else 3)\n"
		 "' '%s' '%s'",
		 schema_path(), path_of("v.jsonl"));
	cr_assert_eq(system(cmd), 0, "%s", cmd);
}

/* A JSON Lines trace: the header, the given lines, the statistics. */
static int read_lines_with(const char *body, struct rn_error *err, struct rn_trace_dump *d)
{
	char text[4096];

	snprintf(text, sizeof(text),
		 "{\"type\":\"header\"," HDR "}\n%s"
		 "{\"type\":\"statistics\",\"total_syscalls\":1,\"total_duration_nanos\":1,"
		 "\"syscall_counts\":{}}\n",
		 body);
	return read_text(text, err, d);
}

#define LINE_SYSCALL(id, extra)                                                                    \
	"{\"type\":\"syscall\",\"id\":" #id ",\"pid\":1,\"tid\":1," extra "}\n"

Test(unit_trace_json, missing_or_null_required_fields_are_refused_not_defaulted)
{
	static const struct {
		const char *rec, *why;
	} bad[] = {
	    {LINE_SYSCALL(1, "\"nr\":39,\"args\":[],\"raw_args\":[0,0,0,0,0,0],\"result\":5,"
			     "\"result_text\":\"5\",\"enter_nanos\":1,\"duration_nanos\":1,"
			     "\"lamport\":1"),
	     "missing \"name\""},
	    {LINE_SYSCALL(1, "\"name\":null,\"nr\":39,\"args\":[],\"raw_args\":[0,0,0,0,0,0],"
			     "\"result\":5,\"result_text\":\"5\",\"enter_nanos\":1,"
			     "\"duration_nanos\":1,\"lamport\":1"),
	     "\"name\" is null"},
	    {LINE_SYSCALL(1, "\"name\":\"x\",\"nr\":39,\"args\":[\"a\",null],"
			     "\"raw_args\":[0,0,0,0,0,0],\"result\":5,\"result_text\":\"5\","
			     "\"enter_nanos\":1,\"duration_nanos\":1,\"lamport\":1"),
	     "args[1] is null"},
	    {LINE_SYSCALL(1, "\"name\":\"x\",\"nr\":39,\"args\":[],\"raw_args\":[0,0,0,0,0,0],"
			     "\"result\":5,\"enter_nanos\":1,\"duration_nanos\":1,\"lamport\":1"),
	     "missing \"result_text\""},
	    {LINE_SYSCALL(1, "\"name\":\"x\",\"args\":[],\"raw_args\":[0,0,0,0,0,0],\"result\":5,"
			     "\"result_text\":\"5\",\"enter_nanos\":1,\"duration_nanos\":1,"
			     "\"lamport\":1"),
	     "missing \"nr\""},
	    {LINE_SYSCALL(1, "\"name\":\"x\",\"nr\":1,\"raw_args\":[0,0,0,0,0,0],\"result\":5,"
			     "\"result_text\":\"5\",\"enter_nanos\":1,\"duration_nanos\":1,"
			     "\"lamport\":1"),
	     "missing \"args\""},
	    {LINE_SYSCALL(1, "\"name\":\"x\",\"nr\":1,\"args\":[],\"result\":5,"
			     "\"result_text\":\"5\",\"enter_nanos\":1,\"duration_nanos\":1,"
			     "\"lamport\":1"),
	     "missing \"raw_args\""},
	    {LINE_SYSCALL(1, "\"name\":\"x\",\"nr\":1,\"args\":[],\"raw_args\":[0,0,0,0,0,0],"
			     "\"result_text\":\"5\",\"enter_nanos\":1,\"duration_nanos\":1,"
			     "\"lamport\":1"),
	     "missing \"result\""},
	    {LINE_SYSCALL(1, "\"name\":\"x\",\"nr\":1,\"args\":[],\"raw_args\":[0,0,0,0,0,0],"
			     "\"result\":5,\"result_text\":\"5\",\"duration_nanos\":1,"
			     "\"lamport\":1"),
	     "missing \"enter_nanos\""},
	    {LINE_SYSCALL(1, "\"name\":\"x\",\"nr\":1,\"args\":[],\"raw_args\":[0,0,0,0,0,0],"
			     "\"result\":5,\"result_text\":\"5\",\"enter_nanos\":1,"
			     "\"duration_nanos\":1"),
	     "missing \"lamport\""},
	    {"{\"type\":\"exit\",\"id\":1,\"pid\":1,\"tid\":1,\"wait_status\":0,\"enter_nanos\":1,"
	     "\"lamport\":1}\n",
	     "missing \"text\""},
	    {"{\"type\":\"signal\",\"id\":1,\"pid\":1,\"tid\":1,\"name\":\"SIGCHLD\",\"info\":null,"
	     "\"enter_nanos\":1,\"lamport\":1}\n",
	     "\"info\" is null"},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rn_trace_dump d;
		struct rn_error err;

		cr_assert_eq(read_lines_with(bad[i].rec, &err, &d), -EINVAL, "%zu: %s", i, err.msg);
		cr_assert_not_null(strstr(err.msg, bad[i].why), "%zu: %s (want %s)", i, err.msg,
				   bad[i].why);
		cr_assert_not_null(strstr(err.msg, "(record 2)"), "%s", err.msg);
		cr_assert_eq(d.nevents, 0, "%zu: a bad event was delivered", i);
		cr_assert(!d.finished);
		rn_trace_dump__free(&d);
	}
}

Test(unit_trace_json, duplicate_or_backwards_event_ids_are_refused)
{
	struct rn_trace_dump d;
	struct rn_error err;

	cr_assert_eq(read_lines_with(LINE_SYSCALL(2, SYSCALL) LINE_SYSCALL(2, SYSCALL), &err, &d),
		     -EINVAL);
	cr_assert_not_null(strstr(err.msg, "id 2 after id 2"), "%s", err.msg);
	cr_assert_eq(d.nevents, 1);
	rn_trace_dump__free(&d);
	cr_assert_eq(read_lines_with(LINE_SYSCALL(5, SYSCALL) LINE_SYSCALL(3, SYSCALL), &err, &d),
		     -EINVAL);
	cr_assert_not_null(strstr(err.msg, "id 3 after id 5"), "%s", err.msg);
	rn_trace_dump__free(&d);
	cr_assert_eq(read_lines_with(LINE_SYSCALL(0, SYSCALL), &err, &d), -EINVAL);
	rn_trace_dump__free(&d);
}

Test(unit_trace_json, edges_and_gaps_must_name_events_of_the_trace)
{
	static const char *const bad[] = {
	    LINE_SYSCALL(1, SYSCALL) LINE_SYSCALL(
		3, SYSCALL) "{\"type\":\"edge\",\"kind\":\"fork\",\"from\":1,\"to\":2}\n",
	    LINE_SYSCALL(1, SYSCALL) "{\"type\":\"edge\",\"kind\":\"exec\",\"from\":1,\"to\":9}\n",
	    LINE_SYSCALL(1, SYSCALL) "{\"type\":\"edge\",\"kind\":\"exec\",\"from\":1,\"to\":1}\n",
	    LINE_SYSCALL(1, SYSCALL) "{\"type\":\"edge\",\"kind\":7,\"from\":1,\"to\":1}\n",
	    LINE_SYSCALL(1, SYSCALL) LINE_SYSCALL(
		2, SYSCALL) "{\"type\":\"gap\",\"tid\":1,\"after\":2,\"before\":1,\"lost\":3}\n",
	    LINE_SYSCALL(1, SYSCALL) "{\"type\":\"gap\",\"tid\":1,\"after\":0,\"before\":4,"
				     "\"lost\":3}\n",
	    LINE_SYSCALL(1, SYSCALL) "{\"type\":\"gap\",\"tid\":1,\"after\":0,\"before\":1}\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rn_trace_dump d;
		struct rn_error err;

		cr_assert_eq(read_lines_with(bad[i], &err, &d), -EINVAL, "%zu: %s", i, err.msg);
		cr_assert(!d.finished, "%zu", i);
		rn_trace_dump__free(&d);
	}
}

/* One record of `n` bytes: a syscall whose result_text is that long. */
static void write_big_record(const char *path, bool lines, size_t n)
{
	FILE *f = fopen(path, "w");
	char *pad = malloc(n + 1);

	cr_assert_not_null(f);
	cr_assert_not_null(pad);
	memset(pad, 'a', n);
	pad[n] = '\0';
	if (lines)
		fprintf(f,
			"{\"type\":\"header\"," HDR "}\n{\"type\":\"syscall\",\"id\":1,"
			"\"pid\":1,\"tid\":1,\"result_text\":\"%s\"}\n",
			pad);
	else
		fprintf(f, "{" HDR ",\"syscalls\":[{\"id\":1,\"result_text\":\"%s\"}]}\n", pad);
	free(pad);
	cr_assert_eq(fclose(f), 0);
}

Test(unit_trace_json, a_record_longer_than_the_cap_is_refused_naming_the_cap)
{
	for (int lines = 0; lines < 2; lines++) {
		struct rn_trace_dump d;
		struct rn_error err;

		write_big_record(path_of("big"), lines, RN_JSON_RECORD_MAX + 16);
		cr_assert_eq(read_dump(path_of("big"), &d, &err), -EINVAL, "%s", err.msg);
		cr_assert_not_null(strstr(err.msg, "longer than 64 MiB"), "%s", err.msg);
		cr_assert_eq(d.nevents, 0);
		rn_trace_dump__free(&d);
		unlink(path_of("big"));
	}
}

/* Reads path through a pipe (as `show /dev/stdin < path` or `cat path | show -` do). */
static int read_through_pipe(const char *path, struct rn_trace_dump *d, struct rn_error *err)
{
	struct rn_tr_sink s = rn_trace_dump__sink(d);
	char cmd[512];
	FILE *p;
	int ret;

	snprintf(cmd, sizeof(cmd), "cat '%s'", path);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	cr_assert_lt(ftello(p), 0, "a pipe cannot seek");
	ret = rn_json__read_file(p, "pipe", &s, err);
	pclose(p);
	return ret;
}

Test(unit_trace_json, a_trace_streams_from_a_pipe)
{
	char *want = sample_sections();

	for (int lines = 0; lines < 2; lines++) {
		struct rn_trace_dump d;
		struct rn_error err;
		char *got;

		write_sample(path_of("p.json"), lines, true);
		cr_assert_eq(read_through_pipe(path_of("p.json"), &d, &err), 0, "%s", err.msg);
		got = rn_trace_dump__sections(&d);
		cr_assert_str_eq(got, want);
		cr_assert(d.finished);
		free(got);
		rn_trace_dump__free(&d);
	}
	free(want);
}

static bool incomplete_seen;

static int note_incomplete(void *ctx, const struct rn_tr_stats *s)
{
	(void)ctx;
	incomplete_seen = s && s->incomplete;
	return 0;
}

Test(unit_trace_json, incomplete_statistics_survive_the_round_trip)
{
	for (int lines = 0; lines < 2; lines++) {
		const struct rn_tr_header h = {.format_version = 1, .tool = "t"};
		const struct rn_tr_stats st = {.total_syscalls = 0, .incomplete = true};
		struct rn_tr_sink s, check = {.finish = note_incomplete};
		struct rn_error err;
		FILE *f = fopen(path_of("inc.json"), "w");
		char *t;

		cr_assert_eq(rn_json_writer__new(&s, f, lines), 0);
		cr_assert_eq(s.header(s.ctx, &h), 0);
		cr_assert_eq(s.finish(s.ctx, &st), 0);
		s.close(s.ctx);
		fclose(f);
		t = slurp(path_of("inc.json"), NULL);
		cr_assert_not_null(strstr(t, "\"incomplete\":true"), "%s", t);
		free(t);
		incomplete_seen = false;
		cr_assert_eq(rn_json__read(path_of("inc.json"), &check, &err), 0, "%s", err.msg);
		cr_assert(incomplete_seen, "lines=%d: finish did not get incomplete", lines);
	}
}

Test(unit_trace_json, a_failed_write_is_returned_as_eio)
{
	for (int lines = 0; lines < 2; lines++) {
		struct rn_tr_sink s;
		FILE *f = fopen("/dev/full", "w");
		int err = 0;

		cr_assert_not_null(f);
		cr_assert_eq(rn_json_writer__new(&s, f, lines), 0);
		err = rn_trace_sample__play(&s);
		cr_assert_eq(err, -EIO, "lines=%d: %d", lines, err);
		s.close(s.ctx);
		fclose(f);
	}
}

/* A JSON Lines trace of `events` syscalls made on the fly, counting the bytes read. */
struct gen {
	uint64_t events, next, served;
	char line[512];
	size_t len, pos;
};

static ssize_t gen_read(void *cookie, char *buf, size_t n)
{
	struct gen *g = cookie;
	size_t out = 0;

	while (out < n) {
		if (g->pos == g->len) {
			if (g->next > g->events + 1)
				break;
			if (!g->next)
				g->len = (size_t)snprintf(g->line, sizeof(g->line),
							  "{\"type\":\"header\"," HDR "}\n");
			else if (g->next <= g->events)
				g->len = (size_t)snprintf(
				    g->line, sizeof(g->line),
				    "{\"type\":\"syscall\",\"id\":%llu,\"pid\":1,\"tid\":1," SYSCALL
				    "}\n",
				    (unsigned long long)g->next);
			else
				g->len = (size_t)snprintf(
				    g->line, sizeof(g->line),
				    "{\"type\":\"statistics\",\"total_syscalls\":%llu,"
				    "\"total_duration_nanos\":0,\"syscall_counts\":{}}\n",
				    (unsigned long long)g->events);
			g->next++;
			g->pos = 0;
		}
		size_t k = g->len - g->pos < n - out ? g->len - g->pos : n - out;

		memcpy(buf + out, g->line + g->pos, k);
		g->pos += k;
		out += k;
	}
	g->served += out;
	return (ssize_t)out;
}

static struct gen *gen_now;
static uint64_t served_at_first, nevents_seen;

static int note_first(void *ctx, const struct rn_tr_event *e)
{
	(void)ctx;
	(void)e;
	if (!nevents_seen++)
		served_at_first = gen_now->served;
	return 0;
}

Test(unit_trace_json, lines_are_read_as_a_stream_not_slurped)
{
	struct gen g = {.events = 200000}; /* ~40 MB */
	cookie_io_functions_t io = {.read = gen_read};
	struct rn_tr_sink s = {.event = note_first};
	struct rn_error err;
	FILE *f = fopencookie(&g, "r", io);

	cr_assert_not_null(f);
	gen_now = &g;
	cr_assert_eq(rn_json__read_file(f, "gen", &s, &err), 0, "%s", err.msg);
	fclose(f);
	cr_assert_eq(nevents_seen, g.events);
	cr_assert_gt(g.served, (uint64_t)30 << 20);
	/* the first event came after one window of input, not the whole stream */
	cr_assert_lt(served_at_first, (uint64_t)1 << 20, "%llu bytes read before the first event",
		     (unsigned long long)served_at_first);
}

static int32_t killed_by[3];
static int nkilled;

static int keep_status(void *ctx, const struct rn_tr_process *p)
{
	(void)ctx;
	if (nkilled < 3)
		killed_by[nkilled++] = p->wait_status;
	return 0;
}

/* The process "signal" is spelled as the text output spells it (rn_signal__name). */
Test(unit_trace_json, a_killing_signal_is_named_as_the_text_output_names_it)
{
	const struct rn_tr_header h = {.format_version = RN_TRACE_VERSION,
				       .tool = "t",
				       .trace_id = "0123456789abcdef0123456789abcdef"};
	static const int32_t sigs[3] = {29, 32, 34};
	static const char *const names[3] = {"SIGIO", "SIGRTMIN", "SIGRT_2"};
	struct rn_tr_sink s, in = {.process = keep_status};
	struct rn_error err;
	FILE *f = fopen(path_of("k.json"), "w");
	json_t *doc, *procs, *p;
	json_error_t je;
	char *text;
	size_t i;

	cr_assert_eq(rn_json_writer__new(&s, f, false), 0);
	cr_assert_eq(s.header(s.ctx, &h), 0);
	for (i = 0; i < 3; i++) {
		struct rn_tr_process pr = {.pid = 10 + (uint32_t)i,
					   .exe = "/bin/x",
					   .ended = true,
					   .wait_status = sigs[i]};

		cr_assert_eq(s.process(s.ctx, &pr), 0);
	}
	cr_assert_eq(s.finish(s.ctx, NULL), 0);
	s.close(s.ctx);
	fclose(f);
	text = slurp(path_of("k.json"), NULL);
	for (i = 0; i < 3; i++) {
		char want[64];

		snprintf(want, sizeof(want), "\"signal\":\"%s\"", names[i]);
		cr_expect_not_null(strstr(text, want), "no %s in\n%s", want, text);
	}
	free(text);
	/* without wait_status the reader goes by the name, glibc's SIGPOLL included */
	doc = json_load_file(path_of("k.json"), 0, &je);
	cr_assert_not_null(doc, "%s", je.text);
	procs = json_object_get(doc, "processes");
	json_array_foreach(procs, i, p) json_object_del(p, "wait_status");
	json_object_set_new(json_array_get(procs, 0), "signal", json_string("SIGPOLL"));
	cr_assert_eq(json_dump_file(doc, path_of("k2.json"), JSON_COMPACT), 0);
	json_decref(doc);
	nkilled = 0;
	cr_assert_eq(rn_json__read(path_of("k2.json"), &in, &err), 0, "%s", err.msg);
	cr_assert_eq(nkilled, 3);
	for (i = 0; i < 3; i++)
		cr_expect_eq(killed_by[i], sigs[i], "process %zu: %d", i, killed_by[i]);
}
