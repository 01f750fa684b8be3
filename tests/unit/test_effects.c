// SPDX-License-Identifier: MIT
/*
 * The normalizer (lib/analysis/effects*.c) on synthetic traces: streams through dups and
 * inherited tables (a child that ran before its fork returned), file contents with offsets,
 * append, truncation and rename, what makes a category inconclusive, the default ignore
 * rules and path canonicalisation.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <string.h>

#include "fx_build.h"

#define AT_CWD ((uint64_t)(uint32_t)-100)

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
	cr_expect_eq(f->size, strlen(want), "size %llu, want %zu", (unsigned long long)f->size,
		     strlen(want));
	cr_expect(f->size == strlen(want) && !memcmp(f->data, want, f->size), "content '%.*s'",
		  (int)f->size, (const char *)f->data);
}

Test(unit_effects, paths_are_canonical_and_relative_ones_resolve_against_cwd)
{
	char out[256];

	cr_assert_eq(rn_fx__canon(NULL, "a/./b/../c", out, sizeof(out)), 0);
	cr_expect_str_eq(out, "a/c");
	cr_assert_eq(rn_fx__canon(NULL, "/x//y/..", out, sizeof(out)), 0);
	cr_expect_str_eq(out, "/x");
	cr_assert_eq(rn_fx__canon("/home/u", "../v/f.txt", out, sizeof(out)), 0);
	cr_expect_str_eq(out, "/home/v/f.txt");
	cr_assert_eq(rn_fx__canon(NULL, "/..", out, sizeof(out)), 0);
	cr_expect_str_eq(out, "/");
}

Test(unit_effects, stdout_is_the_bytes_of_every_write_to_fd_1_and_its_dups_in_order)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_write(&b, 10, 1, "ab");
	fxb_call(&b, 10, "dup", 7, RAW(1), 0, NULL, 0, 0, NULL);
	fxb_write(&b, 10, 7, "cd");
	fxb_call(&b, 10, "dup2", 1, RAW(2, 1), 0, NULL, 0, 0, NULL); /* fd 1 is stderr now */
	fxb_write(&b, 10, 1, "E");
	fxb_write(&b, 10, 7, "e\n");
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect_eq(m->streams[0].len, 6);
	cr_expect(!memcmp(m->streams[0].data, "abcde\n", 6));
	cr_expect_eq(m->streams[1].len, 1);
	cr_expect(m->have_exit && m->exit_status == 0);
	rn_effects__free(b.fx);
}

Test(unit_effects, a_child_that_ran_before_its_fork_returned_writes_to_the_inherited_stdout)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_write(&b, 10, 1, "parent\n");
	/* the child's events come first (vfork), its table arrives with the fork's return */
	fxb_write(&b, 11, 1, "child\n");
	fxb_call(&b, 11, "openat", 3, RAW(AT_CWD, 0, O_WRONLY | O_CREAT | O_TRUNC, 0644), 1,
		 "/out/c.txt", -1, 0, NULL);
	fxb_write(&b, 11, 3, "c");
	fxb_call(&b, 10, "vfork", 11, RAW(0), 0, NULL, 0, 0, NULL);
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect_eq(m->streams[0].len, 13, "stdout has %llu bytes",
		     (unsigned long long)m->streams[0].len);
	cr_expect(!memcmp(m->streams[0].data, "parent\nchild\n", 13));
	expect_content(file(m, "/out/c.txt"), "c");
	rn_effects__free(b.fx);
}

Test(unit_effects, file_content_honours_offsets_append_lseek_and_truncation)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "openat", 3, RAW(AT_CWD, 0, O_RDWR | O_CREAT | O_TRUNC, 0644), 1,
		 "/d/f.txt", -1, 0, NULL);
	fxb_write(&b, 10, 3, "hello world");
	fxb_call(&b, 10, "lseek", 0, RAW(3, 0, SEEK_SET), 0, NULL, 0, 0, NULL);
	fxb_write(&b, 10, 3, "J");
	fxb_call(&b, 10, "pwrite64", 1, RAW(3, 0, 1, 6), 1, "W", -1, 0, NULL);
	fxb_call(&b, 10, "ftruncate", 0, RAW(3, 9), 0, NULL, 0, 0, NULL);
	fxb_call(&b, 10, "openat", 4, RAW(AT_CWD, 0, O_WRONLY | O_APPEND, 0), 1, "/d/f.txt", -1, 0,
		 NULL);
	fxb_write(&b, 10, 4, "!\n");
	fxb_write(&b, 10, 3, "+"); /* offset 1 of the first description */
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	expect_content(file(m, "/d/f.txt"), "J+llo Wor!\n");
	cr_expect_eq(file(m, "/d/f.txt")->mode, 0644);
	rn_effects__free(b.fx);
}

Test(unit_effects, a_rename_into_place_leaves_only_the_final_file)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "openat", 3, RAW(AT_CWD, 0, O_WRONLY | O_CREAT | O_EXCL, 0600), 1,
		 "/d/tmpab12cd34", -1, 0, NULL);
	fxb_write(&b, 10, 3, "data\n");
	fxb_call(&b, 10, "rename", 0, RAW(0), 0, "/d/tmpab12cd34", -1, 1, "/d/final.txt");
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect_eq(m->nfiles, 1, "%zu files", m->nfiles);
	expect_content(file(m, "/d/final.txt"), "data\n");
	rn_effects__free(b.fx);
}

Test(unit_effects, a_write_whose_bytes_were_cut_makes_its_category_inconclusive)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "write", 100, RAW(1, 0, 100), 1, "only the first bytes", 20, 0, NULL);
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect(m->inconclusive[RN_FX_STDOUT][0], "a cut write left stdout conclusive");
	cr_expect(strstr(m->inconclusive[RN_FX_STDOUT], "--capture-data"), "%s",
		  m->inconclusive[RN_FX_STDOUT]);
	cr_expect(!m->inconclusive[RN_FX_FILES][0]);
	rn_effects__free(b.fx);
}

Test(unit_effects, lost_events_make_every_category_but_a_known_exit_inconclusive)
{
	struct fxb b;
	struct rn_tr_gap g = {.tid = 10, .after_id = 1, .before_id = 2, .lost = 5};
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_write(&b, 10, 1, "x");
	cr_assert_eq(b.s.gap(b.s.ctx, &g), 0);
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	for (int c = 0; c < RN_FX__N; c++)
		cr_expect_eq(m->inconclusive[c][0] != 0, c != RN_FX_EXIT, "%s: '%s'",
			     rn_fx_cat__name((enum rn_fx_cat)c), m->inconclusive[c]);
	rn_effects__free(b.fx);
}

Test(unit_effects, the_runtime_s_files_are_not_user_reads_unless_asked)
{
	struct fxb b;
	const struct rn_fx_model *m;
	struct rn_fx_opts all = {.no_default_ignores = true};

	for (int pass = 0; pass < 2; pass++) {
		fxb_begin(&b, pass ? &all : NULL);
		fxb_call(&b, 10, "openat", 3, RAW(AT_CWD, 0, O_RDONLY | O_CLOEXEC), 1,
			 "/usr/lib/x86_64-linux-gnu/libc.so.6", -1, 0, NULL);
		fxb_call(&b, 10, "openat", 3, RAW(AT_CWD, 0, O_RDONLY), 1,
			 "/usr/lib/python3.11/__pycache__/os.cpython-311.pyc", -1, 0, NULL);
		fxb_call(&b, 10, "openat", 4, RAW(AT_CWD, 0, O_RDONLY), 1, "/home/u/input.txt", -1,
			 0, NULL);
		fxb_exit(&b, 10, 1, 0);
		m = fxb_end(&b);
		cr_expect_eq(m->reads.n, pass ? 3u : 1u, "pass %d: %zu reads", pass, m->reads.n);
		cr_expect(m->reads.n && !strcmp(m->reads.v[0].key, "/home/u/input.txt"));
		rn_effects__free(b.fx);
	}
}

Test(unit_effects, a_started_program_is_its_argv_with_the_path_of_argv0_dropped)
{
	struct fxb b;
	const struct rn_fx_model *m;
	struct rn_tr_capture caps[3] = {
	    {1, 1, (const uint8_t *)"/usr/bin/echo", 13, 13, false},
	    {1, 2, (const uint8_t *)"two words", 9, 9, false},
	    {0, 0, (const uint8_t *)"/usr/bin/echo", 13, 13, false},
	};
	const char *args[3] = {"", "", ""};
	struct rn_tr_event e = {.kind = RN_TR_SYSCALL,
				.pid = 11,
				.tid = 11,
				.nr = -1,
				.name = "execve",
				.nargs = 3,
				.args = args,
				.result_text = "0",
				.caps = caps,
				.ncaps = 3};

	fxb_begin(&b, NULL);
	fxb_write(&b, 10, 1, "x");
	fxb_call(&b, 10, "fork", 11, RAW(0), 0, NULL, 0, 0, NULL);
	e.id = ++b.id;
	cr_assert_eq(b.s.event(b.s.ctx, &e), 0);
	fxb_exit(&b, 11, 10, 0);
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_assert_eq(m->procs.n, 1);
	cr_expect_str_eq(m->procs.v[0].key, "echo 'two words'");
	rn_effects__free(b.fx);
}

Test(unit_effects, dev_stdout_names_fd_1_and_dev_null_keeps_no_content)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "openat", 3, RAW(AT_CWD, 0, O_WRONLY), 1, "/dev/stdout", -1, 0, NULL);
	fxb_write(&b, 10, 3, "via /dev/stdout\n");
	fxb_call(&b, 10, "openat", 4, RAW(AT_CWD, 0, O_WRONLY), 1, "/dev/null", -1, 0, NULL);
	for (int i = 0; i < 1000; i++)
		fxb_write(&b, 10, 4, "x");
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect_eq(m->streams[0].len, 16, "stdout has %llu bytes",
		     (unsigned long long)m->streams[0].len);
	cr_expect_eq(m->nfiles, 0);
	rn_effects__free(b.fx);
}

Test(unit_effects, a_child_whose_fork_never_shows_leaves_the_streams_inconclusive)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	fxb_write(&b, 10, 1, "parent\n");
	fxb_write(&b, 11, 1, "child\n"); /* pid 11's fork record was lost */
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect(strstr(m->inconclusive[RN_FX_STDOUT], "pid 11"), "'%s'",
		  m->inconclusive[RN_FX_STDOUT]);
	rn_effects__free(b.fx);
}

Test(unit_effects, appending_to_a_file_whose_size_the_kernel_told_is_conclusive)
{
	struct fxb b;
	const struct rn_fx_model *m;

	fxb_begin(&b, NULL);
	for (int i = 0; i < 2; i++) {
		/* fopen("a"): O_CREAT without O_TRUNC, then lseek(fd, 0, SEEK_END) = size */
		fxb_call(&b, 10, "openat", 3, RAW(AT_CWD, 0, O_WRONLY | O_CREAT | O_APPEND, 0666),
			 1, "/d/log.txt", -1, 0, NULL);
		fxb_call(&b, 10, "lseek", i * 3, RAW(3, 0, SEEK_END), 0, NULL, 0, 0, NULL);
		fxb_write(&b, 10, 3, i ? "b\n" : "a\n");
		fxb_write(&b, 10, 3, "-");
		fxb_call(&b, 10, "close", 0, RAW(3), 0, NULL, 0, 0, NULL);
	}
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect(!m->inconclusive[RN_FX_FILES][0], "'%s'", m->inconclusive[RN_FX_FILES]);
	expect_content(file(m, "/d/log.txt"), "a\n-b\n-");
	cr_expect(file(m, "/d/log.txt") && file(m, "/d/log.txt")->base_known);
	rn_effects__free(b.fx);
}

Test(unit_effects, a_connected_socket_is_an_endpoint_with_the_bytes_sent)
{
	struct fxb b;
	const struct rn_fx_model *m;
	const char *args[3] = {"3",
			       "{sa_family=AF_INET, sin_port=htons(8080), "
			       "sin_addr=inet_addr(\"127.0.0.1\")}",
			       "16"};
	struct rn_tr_event e = {.kind = RN_TR_SYSCALL,
				.pid = 10,
				.tid = 10,
				.nr = -1,
				.name = "connect",
				.nargs = 3,
				.args = args,
				.result_text = "0",
				.raw_args = {3}};

	fxb_begin(&b, NULL);
	fxb_call(&b, 10, "socket", 3, RAW(2, 1, 0), 0, NULL, 0, 0, NULL);
	e.id = ++b.id;
	cr_assert_eq(b.s.event(b.s.ctx, &e), 0);
	fxb_write(&b, 10, 3, "GET / HTTP/1.0\r\n\r\n");
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_assert_eq(m->net.n, 1);
	cr_expect(strstr(m->net.v[0].key, "connect {sa_family=AF_INET, sin_port=htons(8080)") &&
		      strstr(m->net.v[0].key, "sent 18 bytes"),
		  "%s", m->net.v[0].key);
	rn_effects__free(b.fx);
}

/* Under `make sanitize` this once stopped: the held copy memcpy'd from an empty capture's NULL. */
Test(unit_effects, a_held_call_with_an_empty_capture_is_copied_and_replayed)
{
	struct fxb b;
	const struct rn_fx_model *m;
	struct rn_tr_capture cap = {1, 0, NULL, 0, 0, false};
	const char *args[3] = {"1", "\"\"", "0"};
	struct rn_tr_event e = {.kind = RN_TR_SYSCALL,
				.pid = 11,
				.tid = 11,
				.nr = -1,
				.name = "write",
				.nargs = 3,
				.args = args,
				.result_text = "0",
				.raw_args = {1},
				.caps = &cap,
				.ncaps = 1};

	fxb_begin(&b, NULL);
	fxb_write(&b, 10, 1, "a");
	e.id = ++b.id;
	cr_assert_eq(b.s.event(b.s.ctx, &e), 0); /* pid 11 before its fork: held */
	fxb_write(&b, 11, 1, "b");
	fxb_call(&b, 10, "fork", 11, RAW(0), 0, NULL, 0, 0, NULL);
	fxb_exit(&b, 10, 1, 0);
	m = fxb_end(&b);
	cr_expect_eq(m->streams[0].len, 2);
	cr_expect_eq(m->streams[0].nchunks, 3, "the empty write is a chunk too: %u",
		     m->streams[0].nchunks);
	rn_effects__free(b.fx);
}
