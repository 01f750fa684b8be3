// SPDX-License-Identifier: MIT
/*
 * Golden trace files from real runs: the Lamport and edge invariants on multi-process
 * fixtures, the critical path of a pipeline, round trips between the formats, and the
 * W3C trace context given to the traced command.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integ.h"

TestSuite(integ_golden, .init = integ_setup, .fini = integ_teardown, .timeout = 120);

static char *path_in(const char *name)
{
	char *p = malloc(strlen(integ_dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", integ_dir, name);
	return p;
}

/* Runs renacerctl with args (NULL-terminated) in integ_dir, asserting its exit status. */
static void ctl(const char *const *args, struct integ_run *res, int want_status)
{
	integ_ctl(args, integ_dir, 60, res);
	cr_assert_eq(res->status, want_status, "renacerctl %s exited %d; stderr:\n%s", args[0],
		     res->status, res->err);
}

/* Traces a fixture (with args) with -f into <integ_dir>/<file> and loads the JSON. */
static json_t *trace_json(const char *fixture, const char *arg, const char *file)
{
	char *fx = integ_fixture(fixture), *out = path_in(file);
	const char *args[] = {"trace", "-f", "-o", out, "--", fx, arg, NULL};
	struct integ_run res;
	json_error_t jerr;
	json_t *doc;

	ctl(args, &res, 0);
	integ_run__free(&res);
	doc = json_load_file(out, 0, &jerr);
	cr_assert(doc, "%s is not JSON: %s at line %d", out, jerr.text, jerr.line);
	free(fx);
	free(out);
	return doc;
}

struct ev {
	long long id, lamport, tid;
};

static int by_id(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Every event of the document (syscalls, signals, exits), sorted by id. */
static size_t events_of(json_t *doc, struct ev **out)
{
	static const char *const arrays[] = {"syscalls", "signals", "exits"};
	size_t n = 0, cap = 0, i, k;
	struct ev *v = NULL;

	for (k = 0; k < 3; k++) {
		json_t *arr = json_object_get(doc, arrays[k]), *e;

		json_array_foreach(arr, i, e)
		{
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				v = realloc(v, cap * sizeof(*v));
			}
			v[n].id = json_integer_value(json_object_get(e, "id"));
			v[n].lamport = json_integer_value(json_object_get(e, "lamport"));
			v[n].tid = json_integer_value(json_object_get(e, "tid"));
			n++;
		}
	}
	qsort(v, n, sizeof(*v), by_id);
	*out = v;
	return n;
}

static long long stamp_of(const struct ev *v, size_t n, long long id)
{
	struct ev key = {id, 0, 0}, *hit = bsearch(&key, v, n, sizeof(*v), by_id);

	cr_assert(hit, "edge names event %lld, which is not in the trace", id);
	return hit->lamport;
}

/* Checks the invariants and returns how many edges of each kind there are. */
static void check_invariants(json_t *doc, const char *what, size_t counts[5])
{
	static const char *const kinds[] = {"fork", "exec", "wait", "pipe", "signal"};
	json_t *edges = json_object_get(doc, "edges"), *e;
	struct ev *v;
	size_t n = events_of(doc, &v), i, k;

	cr_assert_gt(n, 10, "%s: too few events", what);
	for (i = 0; i < n; i++) {
		cr_assert_eq(v[i].id, (long long)i + 1, "%s: ids must run 1..n", what);
		for (k = i; k-- > 0;)
			if (v[k].tid == v[i].tid) {
				cr_assert_lt(
				    v[k].lamport, v[i].lamport,
				    "%s: thread %lld: stamp %lld (id %lld) after %lld (id %lld)",
				    what, v[i].tid, v[i].lamport, v[i].id, v[k].lamport, v[k].id);
				break;
			}
	}
	memset(counts, 0, 5 * sizeof(*counts));
	json_array_foreach(edges, i, e)
	{
		long long from = json_integer_value(json_object_get(e, "from"));
		long long to = json_integer_value(json_object_get(e, "to"));
		const char *kind = json_string_value(json_object_get(e, "kind"));

		cr_assert_lt(stamp_of(v, n, from), stamp_of(v, n, to),
			     "%s: %s edge %lld -> %lld goes back in Lamport time", what, kind, from,
			     to);
		for (k = 0; k < 5; k++)
			if (kind && !strcmp(kind, kinds[k]))
				counts[k]++;
	}
	free(v);
}

Test(integ_golden, fork_tree_stamps_and_edges_are_causal)
{
	json_t *doc = trace_json("forktree", NULL, "forktree.json");
	size_t c[5];

	check_invariants(doc, "forktree", c);
	/* 3 children, each with 1 grandchild: 6 forks, 6 reaping waits */
	cr_expect_eq(c[0], 6, "fork edges: %zu", c[0]);
	cr_expect_eq(c[2], 6, "wait edges: %zu", c[2]);
	cr_expect_eq(json_array_size(json_object_get(doc, "processes")), 7);
	json_decref(doc);
}

/* The child's fork call is stamped above its own fork message, the grandchild above it. */
Test(integ_golden, a_child_whose_first_call_is_a_fork_keeps_the_invariants)
{
	json_t *doc = trace_json("forkfirst", NULL, "forkfirst.json");
	size_t c[5];

	check_invariants(doc, "forkfirst", c);
	cr_expect_eq(c[0], 2, "fork edges: %zu", c[0]);
	json_decref(doc);
}

Test(integ_golden, pipe_writes_reach_their_reads)
{
	json_t *doc = trace_json("pipeline_rw", "5", "pipe.json");
	size_t c[5];

	check_invariants(doc, "pipeline_rw", c);
	cr_expect_eq(c[3], 5, "one pipe edge per message read: %zu", c[3]);
	cr_expect_eq(c[0], 1);
	json_decref(doc);
}

Test(integ_golden, kill_reaches_its_delivery)
{
	json_t *doc = trace_json("signals", NULL, "signals.json");
	size_t c[5];

	check_invariants(doc, "signals", c);
	cr_expect_geq(c[4], 1, "no signal edge from kill(getpid(), SIGUSR1) to its delivery");
	json_decref(doc);
}

Test(integ_golden, threads_and_shell_pipelines_keep_the_invariants)
{
	const char *args_sh[] = {
	    "trace", "-f", "-o", NULL, "--", "sh", "-c", "printf 'a\\nb\\n' | sort | wc -l", NULL};
	char *out = path_in("sh.json");
	struct integ_run res;
	json_error_t jerr;
	json_t *doc;
	size_t c[5];

	doc = trace_json("threads", NULL, "threads.json");
	check_invariants(doc, "threads", c);
	cr_expect_eq(c[0], 4, "4 thread creations: %zu", c[0]);
	json_decref(doc);

	args_sh[3] = out;
	ctl(args_sh, &res, 0);
	integ_run__free(&res);
	doc = json_load_file(out, 0, &jerr);
	cr_assert(doc, "%s", jerr.text);
	check_invariants(doc, "sh pipeline", c);
	cr_expect_geq(c[3], 2, "pipe edges between printf, sort and wc: %zu", c[3]);
	json_decref(doc);
	free(out);
}

Test(integ_golden, critical_path_of_a_pipeline_runs_through_the_sleeping_writer)
{
	char *fx = integ_fixture("critpath"), *out = path_in("cp.jsonl");
	const char *trace[] = {"trace", "-f", "-o", out, "--", fx, NULL};
	const char *cp[] = {"summary", "--critical-path", out, NULL};
	struct integ_run res;
	double total = 0, span, first = -1, last = 0;
	char *child_row, *sleep_at, *parent_after, *text, *line, *save = NULL;

	ctl(trace, &res, 0);
	integ_run__free(&res);
	/* the span of the recorded events: no causal path can be longer */
	text = integ_read_file(out);
	cr_assert(text);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *en = strstr(line, "\"enter_nanos\":"),
		     *du = strstr(line, "\"duration_nanos\":");
		double start, end;

		if (!en)
			continue;
		start = strtod(en + strlen("\"enter_nanos\":"), NULL);
		end = start + (du ? strtod(du + strlen("\"duration_nanos\":"), NULL) : 0);
		if (first < 0 || start < first)
			first = start;
		if (end > last)
			last = end;
	}
	free(text);
	span = (last - first) / 1e9;
	ctl(cp, &res, 0);
	cr_assert(sscanf(res.out, "critical path: %lf s", &total) == 1, "%s", res.out);
	cr_expect_geq(total, 0.150, "the path must include the 150 ms sleep:\n%s", res.out);
	cr_expect_leq(total, span + 1e-6, "a causal path cannot outlast the events (%.6f s):\n%s",
		      span, res.out);
	sleep_at = strstr(res.out, "nanosleep");
	cr_assert(sleep_at, "the child's nanosleep is not on the path:\n%s", res.out);
	/* the row after the child's stretch is the parent's, entered over the pipe */
	child_row = strrchr(res.out, '\n');
	parent_after = strstr(sleep_at, "\n");
	cr_assert(parent_after && strstr(parent_after, "(entered by a causal edge)"),
		  "the path must return to the parent over the pipe:\n%s", res.out);
	(void)child_row;
	integ_run__free(&res);
	free(fx);
	free(out);
}

Test(integ_golden, json_binary_json_round_trip_is_lossless)
{
	json_t *doc = trace_json("pipeline_rw", "3", "a.json");
	char *a = path_in("a.json"), *b = path_in("b.rnt"), *c = path_in("c.json");
	char *d = path_in("d.jsonl"), *e = path_in("e.json");
	const char *to_bin[] = {"convert", a, "-o", b, NULL};
	const char *to_json[] = {"convert", b, "-o", c, NULL};
	const char *to_jsonl[] = {"convert", c, "-o", d, NULL};
	const char *back[] = {"convert", d, "-o", e, NULL};
	struct integ_run res;
	char *ta, *tc, *te;

	json_decref(doc);
	ctl(to_bin, &res, 0);
	integ_run__free(&res);
	ctl(to_json, &res, 0);
	integ_run__free(&res);
	ctl(to_jsonl, &res, 0);
	integ_run__free(&res);
	ctl(back, &res, 0);
	integ_run__free(&res);
	ta = integ_read_file(a);
	tc = integ_read_file(c);
	te = integ_read_file(e);
	cr_assert(ta && tc && te);
	cr_expect_str_eq(tc, ta, "JSON -> binary -> JSON changed the trace");
	cr_expect_str_eq(te, ta, "JSON -> JSONL -> JSON changed the trace");
	free(ta), free(tc), free(te);
	free(a), free(b), free(c), free(d), free(e);
}

Test(integ_golden, show_prints_the_same_lines_from_every_format)
{
	char *fx = integ_fixture("fileops"), *j = path_in("f.json"), *r = path_in("f.rnt");
	char *t = path_in("f.txt");
	const char *trace[] = {"trace", "-f", "-o", j, "--", fx, integ_dir, NULL};
	const char *conv[] = {"convert", j, "-o", r, NULL};
	const char *show_j[] = {"show", "-f", j, NULL};
	const char *show_r[] = {"show", "-f", r, NULL};
	struct integ_run a, b, res;

	ctl(trace, &res, 0);
	integ_run__free(&res);
	ctl(conv, &res, 0);
	integ_run__free(&res);
	ctl(show_j, &a, 0);
	ctl(show_r, &b, 0);
	cr_expect_str_eq(a.out, b.out);
	cr_expect(strstr(a.out, "openat(AT_FDCWD, \"/nonexistent/renacer\", O_RDONLY) = -1 ENOENT "
				"(No such file or directory)"),
		  "show lost the decoded text:\n%s", a.out);
	cr_expect(strstr(a.out, "+++ exited with 0 +++"), "%s", a.out);
	integ_run__free(&a);
	integ_run__free(&b);
	free(fx), free(j), free(r), free(t);
}

Test(integ_golden, traceparent_is_joined_and_propagated)
{
	const char *tp = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
	char *out = path_in("tp.json"), *envfile = path_in("env.txt");
	char script[512];
	const char *args[] = {"trace", "--trace-parent", tp,  "-o", out, "--", "sh",
			      "-c",    script,		 NULL};
	struct integ_run res;
	json_error_t jerr;
	json_t *doc, *root = NULL, *p;
	char *seen, want[128];
	size_t i;

	snprintf(script, sizeof(script), "echo \"$TRACEPARENT\" > %s", envfile);
	ctl(args, &res, 0);
	integ_run__free(&res);
	doc = json_load_file(out, 0, &jerr);
	cr_assert(doc, "%s", jerr.text);
	cr_expect_str_eq(json_string_value(json_object_get(doc, "trace_id")),
			 "0af7651916cd43dd8448eb211c80319c");
	json_array_foreach(json_object_get(doc, "processes"), i,
			   p) if (json_integer_value(json_object_get(p, "ppid")) == 0) root = p;
	cr_assert(root, "no root process");
	cr_expect_str_eq(json_string_value(json_object_get(root, "parent_span_id")),
			 "b7ad6b7169203331");
	snprintf(want, sizeof(want), "00-0af7651916cd43dd8448eb211c80319c-%s-01\n",
		 json_string_value(json_object_get(root, "span_id")));
	seen = integ_read_file(envfile);
	cr_assert(seen);
	cr_expect_str_eq(seen, want, "the command's TRACEPARENT is not its own span");
	free(seen);
	json_decref(doc);
	free(out);
	free(envfile);
}

Test(integ_golden, malformed_traceparent_is_refused_with_the_reason)
{
	const char *args[] = {"trace", "--trace-parent", "00-xyz", "-o", "bad.json",
			      "--",    "true",		 NULL};
	struct integ_run res;

	ctl(args, &res, 2);
	cr_expect(strstr(res.err, "invalid traceparent '00-xyz'"), "%s", res.err);
	integ_run__free(&res);
}

Test(integ_golden, bad_trace_files_get_an_error_naming_file_and_offset)
{
	char *bad = path_in("bad.json");
	const char *args[] = {"show", bad, NULL};
	struct integ_run res;

	integ_write_file(bad, "this is not a trace\n");
	ctl(args, &res, 1);
	cr_expect(strstr(res.err, bad), "the error must name the file: %s", res.err);
	cr_expect(strstr(res.err, "byte"), "the error must give the offset: %s", res.err);
	integ_run__free(&res);
	free(bad);
}

Test(integ_golden, a_real_trace_validates_against_the_json_schema)
{
	json_t *doc = trace_json("forktree", NULL, "schema.json");
	char *out = path_in("schema.json"), cmd[1024], schema[512];
	int rc;

	json_decref(doc);
	/* the tests run from the source tree (make test); the build may be elsewhere */
	if (access("docs/renacer-json-v1.schema.json", R_OK) == 0)
		snprintf(schema, sizeof(schema), "docs/renacer-json-v1.schema.json");
	else
		snprintf(schema, sizeof(schema), "%s/../docs/renacer-json-v1.schema.json",
			 integ_build());
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 -W ignore -m jsonschema -i '%s' '%s' 2>&1",
		 out, schema);
	rc = system(cmd);
	cr_expect_eq(rc, 0, "%s does not validate against %s", out, schema);
	free(out);
}

/*
 * The child exec_killed (MODE) kills inside its execve: the record keeps the filename and
 * argv the call was made with (read at its enter, in the caller's memory), says the call
 * did not return, and the process has that argv and the signal.
 */
static void check_killed_in_exec(const char *mode, const char *file, const char *path,
				 const char *arg0, const char *arg1, const char *sig)
{
	json_t *doc = trace_json("exec_killed", mode, file), *e, *child = NULL, *exec = NULL;
	const char *want_argv[] = {arg0, arg1};
	char *text;
	size_t i;

	json_array_foreach(json_object_get(doc, "processes"), i, e)
	{
		const char *s = json_string_value(json_object_get(e, "signal"));

		if (s && !strcmp(s, sig))
			child = e;
	}
	cr_assert(child, "no process killed by %s in %s", sig, file);
	json_array_foreach(json_object_get(doc, "syscalls"), i, e)
	{
		const char *name = json_string_value(json_object_get(e, "name"));

		if (name && !strcmp(name, "execve") &&
		    json_equal(json_object_get(e, "pid"), json_object_get(child, "pid")))
			exec = e;
	}
	cr_assert(exec, "no execve of the killed child in %s", file);
	text = json_dumps(exec, JSON_COMPACT);
	cr_expect(json_is_true(json_object_get(exec, "noreturn")),
		  "the exec ends with the process, it did not return: %s", text);
	cr_expect_str_eq(json_string_value(json_array_get(json_object_get(exec, "args"), 0)), path,
			 "the filename the exec was called with: %s", text);
	cr_expect(strstr(json_string_value(json_array_get(json_object_get(exec, "args"), 1)), arg1),
		  "the argv the exec was called with: %s", text);
	free(text);
	text = json_dumps(child, JSON_COMPACT);
	for (i = 0; i < 2; i++)
		cr_expect_str_eq(
		    json_string_value(json_array_get(json_object_get(child, "argv"), i)),
		    want_argv[i], "the killed process's argv: %s", text);
	free(text);
	json_decref(doc);
}

Test(integ_golden, a_child_killed_inside_its_execve_keeps_the_argv_it_was_called_with)
{
	check_killed_in_exec(NULL, "killed.json", "\"/bin/true\"", "true", "killed-in-exec",
			     "SIGKILL");
}

Test(integ_golden, an_exec_that_fails_past_its_point_of_no_return_did_not_return)
{
	check_killed_in_exec("elf", "noreturn.json", "\"./bad.elf\"", "bad.elf", "past-no-return",
			     "SIGSEGV");
}
