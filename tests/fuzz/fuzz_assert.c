/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for renacer.toml's [[assertion]] tables (lib/analysis/assert_rules.c): the
 * rules file is untrusted input in CI. Parse; when the rules are accepted, run the checker
 * over a small trace and write every report, so whatever the parser let through is
 * evaluated too. A refusal must say where (FILE:LINE:COL).
 * Build: make fuzz-build. Run: build/fuzz/fuzz_assert -max_len=4096 tests/fuzz/corpus/assert
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "assert_report.h"
#include "assertions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void feed(const struct rn_tr_sink *s)
{
	static const char *const args[] = {"3", "\"x\"", "1"};
	static char *const argv[] = {"/bin/sh", NULL};
	struct rn_tr_event e = {.kind = RN_TR_SYSCALL,
				.pid = 7,
				.tid = 7,
				.nargs = 3,
				.args = args,
				.result_text = "1"};
	struct rn_tr_process p = {.pid = 7,
				  .exe = "/bin/sh",
				  .argv = argv,
				  .argc = 1,
				  .ended = true,
				  .peak_rss_bytes = 1 << 20,
				  .cpu_ns = 1000000};
	struct rn_tr_edge edge = {RN_EDGE_PIPE, 1, 2};
	struct rn_tr_stats st = {.wall_ns = 5000000, .cpu_ns = 1000000};

	for (uint64_t i = 1; i <= 6; i++) {
		e.id = e.lamport = i;
		e.enter_ns = i * 1000;
		e.duration_ns = 500;
		e.nr = i % 2 ? __NR_write : __NR_read;
		e.name = i % 2 ? "write" : "read";
		e.raw_args[0] = 3;
		e.result = i == 3 ? -11 : 1;
		e.errname = i == 3 ? "EAGAIN" : NULL;
		s->event(s->ctx, &e);
	}
	s->edge(s->ctx, &edge);
	s->process(s->ctx, &p);
	s->finish(s->ctx, &st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rn_error err = {{0}};
	struct rn_rules *rules = NULL;
	struct rn_checker *ck = NULL;
	struct rn_tr_sink sink;
	FILE *null;

	if (rn_rules__parse(&rules, (const char *)data, size, "f.toml", &err)) {
		if (strncmp(err.msg, "f.toml:", 7))
			__builtin_trap(); /* every refusal names the file and the place */
		return 0;
	}
	if (rn_checker__new(&ck, rules)) {
		rn_rules__free(rules);
		return 0;
	}
	rn_checker__sink(ck, &sink);
	feed(&sink);
	null = fopen("/dev/null", "w");
	if (null) {
		rn_assert_report__text(ck, null);
		rn_assert_report__json(ck, null);
		rn_assert_report__junit(ck, null, "f.toml");
		fclose(null);
	}
	rn_checker__free(ck);
	rn_rules__free(rules);
	return 0;
}
