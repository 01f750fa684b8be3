// SPDX-License-Identifier: MIT
/*
 * File effects beyond open/write/rename (lib/analysis/effects*.c): hard and symbolic
 * links (a write through one reaches its target), the files under a renamed directory, openat2's
 * flags from its struct open_how, pwritev/pwritev2 bytes at their offsets, a shared writable mmap
 * (never a PASS without its bytes), waitid as a wait.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>

#include "compare.h"
#include "fx_build.h"

#define AT_CWD ((uint64_t)(uint32_t)-100)
#define WR     (O_WRONLY | O_CREAT | O_TRUNC)

static const struct rn_fx_file *file(const struct rn_fx_model *m, const char *path)
{
	for (size_t i = 0; i < m->nfiles; i++)
		if (!strcmp(m->files[i].path, path))
			return &m->files[i];
	return NULL;
}

static void expect_content(const struct rn_fx_file *f, const char *want)
{
	cr_assert_not_null(f);
	cr_expect(f->size == strlen(want) && !memcmp(f->data, want, f->size),
		  "%s: content '%.*s', want '%s'", f->path, (int)f->size, (const char *)f->data,
		  want);
}

static void open_wr(struct fxb *b, int64_t fd, const char *path)
{
	fxb_call(b, 10, "openat", fd, RAW(AT_CWD, 0, WR, 0644), 1, path, -1, 0, NULL);
}

static struct rn_cmp_result verdict(struct rn_effects *a, struct rn_effects *b)
{
	struct rn_cmp_result r;

	rn_compare(rn_effects__model(a), rn_effects__model(b), NULL, &r);
	rn_effects__free(a);
	rn_effects__free(b);
	return r;
}

/* /d/a written, then /d/b linked to it (hard) or written alike (copy), then more bytes. */
static struct rn_effects *linked(bool hard, bool link_it)
{
	struct fxb b;

	fxb_begin(&b, NULL);
	open_wr(&b, 3, "/d/a");
	fxb_write(&b, 10, 3, "one\n");
	if (hard && link_it)
		fxb_call(&b, 10, "link", 0, RAW(0), 0, "/d/a", -1, 1, "/d/b");
	fxb_write(&b, 10, 3, "two\n");
	if (!hard && link_it) {
		open_wr(&b, 4, "/d/b");
		fxb_write(&b, 10, 4, "one\ntwo\n");
	}
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_files, a_hard_link_names_the_same_content_as_its_file)
{
	struct rn_effects *fx = linked(true, true);

	expect_content(file(rn_effects__model(fx), "/d/a"), "one\ntwo\n");
	expect_content(file(rn_effects__model(fx), "/d/b"), "one\ntwo\n");
	rn_effects__free(fx);
	cr_expect_eq(verdict(linked(true, true), linked(false, true)).cat[RN_FX_FILES].v,
		     RN_CMP_PASS);
	cr_expect_eq(verdict(linked(true, true), linked(true, false)).cat[RN_FX_FILES].v,
		     RN_CMP_FAIL);
}

static struct rn_effects *symlinked(const char *target, bool at)
{
	struct fxb b;

	fxb_begin(&b, NULL);
	if (!target) {
		open_wr(&b, 3, "/d/ln");
		fxb_write(&b, 10, 3, "data.txt");
	} else if (at) {
		fxb_call(&b, 10, "symlinkat", 0, RAW(0, AT_CWD), 0, target, -1, 2, "/d/ln");
	} else {
		fxb_call(&b, 10, "symlink", 0, RAW(0), 0, target, -1, 1, "/d/ln");
	}
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_files, a_write_through_a_symbolic_link_changes_its_target)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "symlink", 0, RAW(0), 0, "sub/data.txt", -1, 1, "/d/ln");
	open_wr(&b, 3, "/d/ln");
	fxb_write(&b, 10, 3, "via link\n");
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	expect_content(file(m, "/d/sub/data.txt"), "via link\n");
	expect_content(file(m, "/d/ln"), "sub/data.txt");
	rn_effects__free(b.fx);
}

Test(unit_effects_files, a_symbolic_link_is_its_target_and_not_a_file)
{
	struct rn_cmp_result r;
	struct rn_effects *fx = symlinked("data.txt", false);
	const struct rn_fx_file *f = file(rn_effects__model(fx), "/d/ln");

	cr_assert_not_null(f);
	cr_expect(f->symlink);
	expect_content(f, "data.txt");
	rn_effects__free(fx);
	r = verdict(symlinked("data.txt", false), symlinked("data.txt", true));
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_PASS, "%s", r.cat[RN_FX_FILES].what);
	r = verdict(symlinked("data.txt", false), symlinked("other.txt", true));
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_FAIL);
	r = verdict(symlinked("data.txt", false), symlinked(NULL, false));
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_FAIL);
	cr_expect(strstr(r.cat[RN_FX_FILES].what, "symbolic link"), "%s", r.cat[RN_FX_FILES].what);
}

/* Files written into /d/stage, renamed to /d/final; or written in /d/final directly. */
static struct rn_effects *staged(bool rename_dir)
{
	const char *dir = rename_dir ? "/d/stage" : "/d/final";
	char f1[64], f2[64];
	struct fxb b;

	snprintf(f1, sizeof(f1), "%s/x.txt", dir);
	snprintf(f2, sizeof(f2), "%s/sub", dir);
	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "mkdir", 0, RAW(0, 0755), 0, dir, -1, 0, NULL);
	fxb_call(&b, 10, "mkdir", 0, RAW(0, 0755), 0, f2, -1, 0, NULL);
	open_wr(&b, 3, f1);
	fxb_write(&b, 10, 3, "x\n");
	if (rename_dir)
		fxb_call(&b, 10, "rename", 0, RAW(0), 0, "/d/stage", -1, 1, "/d/final");
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_files, the_files_under_a_renamed_directory_move_with_it)
{
	struct rn_cmp_result r;
	struct rn_effects *fx = staged(true);
	const struct rn_fx_model *m = rn_effects__model(fx);

	expect_content(file(m, "/d/final/x.txt"), "x\n");
	cr_expect_null(file(m, "/d/stage/x.txt"));
	rn_effects__free(fx);
	r = verdict(staged(true), staged(false));
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_PASS, "%s", r.cat[RN_FX_FILES].what);
	cr_expect_eq(r.cat[RN_FX_DIRS].v, RN_CMP_PASS, "%s", r.cat[RN_FX_DIRS].what);
}

/* openat2 with its struct open_how captured (arg 2), or not. */
static struct rn_effects *opened2(bool captured, const char *content)
{
	uint64_t how[3] = {WR, 0600, 0};
	struct fxb b;

	fxb_begin(&b, NULL);
	if (captured)
		fxb_call(&b, 10, "openat2", 3, RAW(AT_CWD, 0, 0, 24), 1, "/d/o.txt", -1, 0, NULL);
	else
		fxb_call(&b, 10, "openat2", 3, RAW(AT_CWD, 0, 0, 24), 1, "/d/o.txt", -1, 0, NULL);
	if (captured) {
		/* the struct: a second capture of arg 2 */
		struct rn_tr_capture caps[2] = {
		    {1, 0, (const uint8_t *)"/d/o.txt", 8, 8, false},
		    {2, 0, (const uint8_t *)how, 24, 24, false},
		};
		const char *args[4] = {"", "", "", ""};
		struct rn_tr_event e = {.id = ++b.id,
					.kind = RN_TR_SYSCALL,
					.pid = 10,
					.tid = 10,
					.nr = -1,
					.name = "openat2",
					.nargs = 4,
					.args = args,
					.raw_args = {AT_CWD, 0, 0, 24},
					.result = 4,
					.result_text = "4",
					.lamport = b.id,
					.caps = caps,
					.ncaps = 2};

		cr_assert_eq(b.s.event(b.s.ctx, &e), 0);
		fxb_write(&b, 10, 4, content);
	}
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_files, openat2_opens_as_its_struct_says_and_without_it_is_inconclusive)
{
	struct rn_effects *fx = opened2(true, "v\n");
	const struct rn_fx_file *f = file(rn_effects__model(fx), "/d/o.txt");

	expect_content(f, "v\n");
	cr_expect_eq(f->mode, 0600 & ~022);
	cr_expect(strstr(rn_effects__model(fx)->inconclusive[RN_FX_FILES], "open_how"), "'%s'",
		  rn_effects__model(fx)->inconclusive[RN_FX_FILES]);
	rn_effects__free(fx);
	cr_expect_eq(verdict(opened2(true, "v\n"), opened2(true, "w\n")).cat[RN_FX_FILES].v,
		     RN_CMP_INCONCLUSIVE);
}

/* pwritev/pwritev2 of two iovecs ("ab", "cd") at offset off into a file holding "0123456". */
static struct rn_effects *vectored(const char *name, int64_t off, uint64_t flags)
{
	struct rn_tr_capture caps[2] = {
	    {1, 1, (const uint8_t *)"ab", 2, 2, false},
	    {1, 2, (const uint8_t *)"cd", 2, 2, false},
	};
	const char *args[5] = {"", "", "", "", ""};
	struct fxb b;
	struct rn_tr_event e = {.kind = RN_TR_SYSCALL,
				.pid = 10,
				.tid = 10,
				.nr = -1,
				.name = name,
				.nargs = 5,
				.args = args,
				.raw_args = {3, 0, 2, (uint64_t)off, 0,
					     flags}, /* x86_64: a[4] is the offset's high half */
				.result = 4,
				.result_text = "4",
				.caps = caps,
				.ncaps = 2};

	fxb_begin(&b, NULL);
	open_wr(&b, 3, "/d/v.txt");
	fxb_write(&b, 10, 3, "0123456");
	fxb_call(&b, 10, "lseek", 1, RAW(3, 1, SEEK_SET), 0, NULL, 0, 0, NULL);
	e.id = ++b.id;
	e.lamport = b.id;
	cr_assert_eq(b.s.event(b.s.ctx, &e), 0);
	fxb_write(&b, 10, 3, "Z");
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_files, pwritev_bytes_land_at_their_offset)
{
	struct {
		const char *name;
		int64_t off;
		uint64_t flags;
		const char *want;
	} cases[] = {
	    {"pwritev", 3, 0, "0Z2abcd"},	  /* the description's offset stays 1 */
	    {"pwritev2", 3, 0, "0Z2abcd"},	  /* the same */
	    {"pwritev2", -1, 0, "0abcdZ6"},	  /* -1: at the description's offset, moving it */
	    {"pwritev2", 0, 0x10, "0Z23456abcd"}, /* RWF_APPEND */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rn_effects *fx = vectored(cases[i].name, cases[i].off, cases[i].flags);
		const struct rn_fx_model *m = rn_effects__model(fx);

		expect_content(file(m, "/d/v.txt"), cases[i].want);
		cr_expect(!m->inconclusive[RN_FX_FILES][0], "case %zu: %s", i,
			  m->inconclusive[RN_FX_FILES]);
		rn_effects__free(fx);
	}
}

/* A file mapped shared and writable: its content is unknown, so never a PASS. */
static struct rn_effects *mapped(uint64_t flags)
{
	struct fxb b;

	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "openat", 3, RAW(AT_CWD, 0, O_RDWR | O_CREAT | O_TRUNC, 0644), 1,
		 "/d/m.bin", -1, 0, NULL);
	fxb_call(&b, 10, "ftruncate", 0, RAW(3, 4), 0, NULL, 0, 0, NULL);
	fxb_call(&b, 10, "mmap", 0x7f0000000000, RAW(0, 4, PROT_READ | PROT_WRITE, flags, 3, 0), 0,
		 NULL, 0, 0, NULL);
	fxb_call(&b, 10, "msync", 0, RAW(0x7f0000000000, 4, MS_SYNC), 0, NULL, 0, 0, NULL);
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_files, a_shared_writable_mapping_makes_the_file_inconclusive)
{
	struct rn_cmp_result r = verdict(mapped(MAP_SHARED), mapped(MAP_SHARED));

	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_INCONCLUSIVE);
	cr_expect(strstr(r.cat[RN_FX_FILES].why, "MAP_SHARED"), "%s", r.cat[RN_FX_FILES].why);
	r = verdict(mapped(MAP_PRIVATE), mapped(MAP_PRIVATE));
	cr_expect_eq(r.cat[RN_FX_FILES].v, RN_CMP_PASS, "a private mapping writes no file: %s",
		     r.cat[RN_FX_FILES].why);
}

/* Root 10 starts 11, which writes "c\n"; the root reaps it with waitid, and writes "done\n"
 * after (or before) it. */
static struct rn_effects *reaped(bool after)
{
	uint8_t info[128] = {0};
	int32_t pid = 11;
	struct rn_tr_capture cap = {2, 0, info, sizeof(info), sizeof(info), false};
	const char *args[5] = {"", "", "", "", ""};
	struct fxb b;
	uint64_t f;
	struct rn_tr_event e = {.kind = RN_TR_SYSCALL,
				.pid = 10,
				.tid = 10,
				.nr = -1,
				.name = "waitid",
				.nargs = 5,
				.args = args,
				.raw_args = {1, 11, 0, 4 /* WEXITED */, 0},
				.result = 0,
				.result_text = "0",
				.caps = &cap,
				.ncaps = 1};

	memcpy(info + 16, &pid, sizeof(pid));
	fxb_begin(&b, NULL);
	f = fxb_call(&b, 10, "clone", 11, RAW(0), 0, NULL, 0, 0, NULL);
	fxb_edge(&b, RN_EDGE_FORK, f, fxb_call(&b, 11, "getpid", 11, RAW(0), 0, NULL, 0, 0, NULL));
	if (!after)
		fxb_write(&b, 10, 1, "done\n");
	fxb_write(&b, 11, 1, "c\n");
	fxb_mark(&b, 11, RN_TR_EXIT);
	e.id = ++b.id;
	e.lamport = b.id;
	cr_assert_eq(b.s.event(b.s.ctx, &e), 0);
	if (after)
		fxb_write(&b, 10, 1, "done\n");
	fxb_exit(&b, 10, 1, 0);
	fxb_end(&b);
	return b.fx;
}

Test(unit_effects_files, waitid_orders_the_parent_s_later_output_after_the_child_s)
{
	struct rn_cmp_result r = verdict(reaped(true), reaped(true));

	cr_expect_eq(r.cat[RN_FX_STDOUT].v, RN_CMP_PASS, "%s", r.cat[RN_FX_STDOUT].what);
	r = verdict(reaped(true), reaped(false));
	cr_expect_eq(r.cat[RN_FX_STDOUT].v, RN_CMP_FAIL, "%s", r.cat[RN_FX_STDOUT].what);
}
