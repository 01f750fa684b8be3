// SPDX-License-Identifier: MIT
/*
 * The root's starting directory (the trace header's cwd, lib/model/trace.h): written and
 * read back by both encodings (a file without it still reads, with no directory), and used
 * by the normalizer to resolve the root's relative paths before any chdir; paths under it
 * are ./REST in the model, so a run that names out.txt and one that names DIR/out.txt
 * changed the same file, and runs started in two directories compare without a --map.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fx_build.h"
#include "tracefile.h"

#define AT_CWD ((uint64_t)(uint32_t)-100)

static const struct rn_fx_file *file(const struct rn_fx_model *m, const char *path)
{
	for (size_t i = 0; i < m->nfiles; i++)
		if (!strcmp(m->files[i].path, path))
			return &m->files[i];
	return NULL;
}

/* A run started in cwd that creates `path` and writes "x\n" into it. */
static struct rn_effects *writes(const char *cwd, const char *path, const struct rn_fx_opts *o)
{
	struct fxb b;

	fxb_begin_in(&b, o, cwd);
	fxb_call(&b, 10, "openat", 3, RAW(AT_CWD, 0, O_WRONLY | O_CREAT | O_TRUNC, 0644), 1, path,
		 -1, 0, NULL);
	fxb_write(&b, 10, 3, "x\n");
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_cwd, the_root_s_relative_paths_resolve_against_the_header_s_directory)
{
	struct rn_effects *fx = writes("/work/run", "sub/../out.txt", NULL);
	const struct rn_fx_model *m = rn_effects__model(fx);

	cr_expect_eq(m->nfiles, 1);
	cr_expect_not_null(file(m, "./out.txt"), "files: %s",
			   m->nfiles ? m->files[0].path : "none");
	rn_effects__free(fx);
	/* outside the start directory: absolute */
	fx = writes("/work/run", "../elsewhere/out.txt", NULL);
	cr_expect_not_null(file(rn_effects__model(fx), "/work/elsewhere/out.txt"));
	rn_effects__free(fx);
	/* an older trace does not say: the path stays as the run named it */
	fx = writes(NULL, "out.txt", NULL);
	cr_expect_not_null(file(rn_effects__model(fx), "out.txt"));
	rn_effects__free(fx);
}

Test(unit_effects_cwd, a_child_after_a_chdir_resolves_against_the_new_directory)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin_in(&b, NULL, "/w");
	fxb_call(&b, 10, "chdir", 0, RAW(0), 0, "sub", -1, 0, NULL);
	fxb_call(&b, 10, "clone", 11, RAW(0), 0, NULL, 0, 0, NULL);
	fxb_call(&b, 11, "openat", 3, RAW(AT_CWD, 0, O_WRONLY | O_CREAT | O_TRUNC, 0644), 1,
		 "c.txt", -1, 0, NULL);
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect_not_null(file(m, "./sub/c.txt"), "files: %s",
			   m->nfiles ? m->files[0].path : "none");
	rn_effects__free(b.fx);
}

Test(unit_effects_cwd, runs_started_in_two_directories_pass_when_they_change_the_same_file)
{
	struct rn_cmp_result r;
	const char *from[] = {"/a"}, *to[] = {"/b"};
	struct rn_fx_opts map = {.map_from = from, .map_to = to, .nmap = 1};
	struct rn_effects *rel = writes("/a", "out.txt", NULL);
	struct rn_effects *abs = writes("/b", "/b/out.txt", NULL);
	struct rn_effects *mapped = writes("/b", "/b/out.txt", &map);
	struct rn_effects *other = writes("/b", "other.txt", NULL);

	rn_compare(rn_effects__model(rel), rn_effects__model(abs), NULL, &r);
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_PASS, "files %s: %s",
		     rn_cmp_verdict__name(r.cat[RN_FX_FILES].v), r.cat[RN_FX_FILES].what);
	rn_compare(rn_effects__model(rel), rn_effects__model(mapped), NULL, &r);
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_PASS, "with --map: %s", r.cat[RN_FX_FILES].what);
	rn_compare(rn_effects__model(rel), rn_effects__model(other), NULL, &r);
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_FAIL);
	cr_expect(strstr(r.cat[RN_FX_FILES].what, "./"), "%s", r.cat[RN_FX_FILES].what);
	rn_effects__free(rel);
	rn_effects__free(abs);
	rn_effects__free(mapped);
	rn_effects__free(other);
}

/* The header through an encoding and back, into the normalizer: the file a relative open
 * of ../x/out.txt changed. */
static void through(enum rn_tf_format fmt, const char *cwd, char *got, size_t len)
{
	struct rn_tr_header h = {.format_version = RN_TRACE_VERSION,
				 .tool = "renacer test",
				 .trace_id = "0123456789abcdef0123456789abcdef",
				 .cwd = cwd};
	const char *args[4] = {"AT_FDCWD", "\"../x/out.txt\"", "O_WRONLY|O_CREAT|O_TRUNC", "0644"};
	struct rn_tr_capture cap = {1, 0, (const uint8_t *)"../x/out.txt", 12, 12, false};
	struct rn_tr_event e = {.id = 1,
				.kind = RN_TR_SYSCALL,
				.pid = 10,
				.tid = 10,
				.nr = 257,
				.name = "openat",
				.nargs = 4,
				.args = args,
				.raw_args = {AT_CWD, 0, O_WRONLY | O_CREAT | O_TRUNC, 0644},
				.result = 3,
				.result_text = "3",
				.lamport = 1,
				.caps = &cap,
				.ncaps = 1};
	struct rn_tr_stats st = {0};
	struct rn_tr_sink w, s;
	struct rn_effects *fx;
	const struct rn_fx_model *m;
	struct rn_error err = {{0}};
	FILE *f = tmpfile();

	cr_assert_not_null(f);
	cr_assert_eq(rn_tracefile__writer(&w, f, fmt), 0);
	cr_assert_eq(w.header(w.ctx, &h), 0);
	cr_assert_eq(w.event(w.ctx, &e), 0);
	cr_assert_eq(w.finish(w.ctx, &st), 0);
	w.close(w.ctx);
	rewind(f);
	cr_assert_eq(rn_effects__new(&fx, NULL), 0);
	rn_effects__sink(fx, &s);
	cr_assert_eq(rn_tracefile__read_file(f, "t", &s, &err), 0, "format %d: %s", (int)fmt,
		     err.msg);
	fclose(f);
	m = rn_effects__model(fx);
	snprintf(got, len, "%s", m->nfiles == 1 ? m->files[0].path : "(not one file)");
	rn_effects__free(fx);
}

Test(unit_effects_cwd, both_encodings_keep_the_starting_directory_and_older_files_have_none)
{
	static const enum rn_tf_format fmts[] = {RN_TF_JSON, RN_TF_JSONL, RN_TF_BINARY};
	char got[256];

	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		through(fmts[i], "/home/u/proj", got, sizeof(got));
		cr_expect_str_eq(got, "/home/u/x/out.txt", "format %d", (int)fmts[i]);
		through(fmts[i], NULL, got, sizeof(got));
		cr_expect_str_eq(got, "../x/out.txt", "format %d", (int)fmts[i]);
	}
}
