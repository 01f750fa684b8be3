/* SPDX-License-Identifier: MIT */
/*
 * The checker (lib/analysis/assert_eval.c and its detectors) fed synthetic traces through its
 * sink: what each type measures, the allocation bookkeeping call by call, the streaks of
 * TightLoop, the descriptors of ExcessiveSmallIO, who counts for GodProcess, and the
 * verdicts (WARN, SKIPPED, not measurable); then the reports' escaping.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "assert_report.h"
#include "assertions.h"

static struct rn_rules *rules;
static struct rn_checker *ck;
static struct rn_tr_sink sink;
static uint64_t next_id, clock_ns;

static void setup(void)
{
	rules = NULL;
	ck = NULL;
	next_id = 0;
	clock_ns = 0;
}

static void teardown(void)
{
	rn_checker__free(ck);
	rn_rules__free(rules);
}

TestSuite(unit_assert_eval, .init = setup, .fini = teardown);

static void start(const char *toml)
{
	struct rn_error err = {{0}};

	cr_assert_eq(rn_rules__parse(&rules, toml, strlen(toml), "t.toml", &err), 0, "%s", err.msg);
	cr_assert_eq(rn_checker__new(&ck, rules), 0);
	rn_checker__sink(ck, &sink);
}

/* One syscall of pid (its only thread) taking 1 us. */
static uint64_t call(uint32_t pid, int nr, const char *name, int64_t result, const char *errname,
		     uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	static const char *const args[] = {"0", "0", "0", "0", "0", "0"};
	struct rn_tr_event e = {
	    .id = ++next_id,
	    .kind = RN_TR_SYSCALL,
	    .pid = pid,
	    .tid = pid,
	    .nr = nr,
	    .name = name,
	    .nargs = 4,
	    .args = args,
	    .raw_args = {a0, a1, a2, a3},
	    .result = result,
	    .errname = errname,
	    .result_text = "0",
	    .enter_ns = clock_ns,
	    .duration_ns = 1000,
	    .lamport = next_id,
	};

	clock_ns += 2000;
	cr_assert_eq(sink.event(sink.ctx, &e), 0);
	return e.id;
}

static void process(uint32_t pid, uint32_t ppid, const char *exe, uint64_t cpu_ns, uint64_t rss)
{
	char *argv[] = {(char *)exe, NULL};
	struct rn_tr_process p = {
	    .pid = pid,
	    .ppid = ppid,
	    .exe = exe,
	    .argv = argv,
	    .argc = 1,
	    .ended = true,
	    .peak_rss_bytes = rss,
	    .cpu_ns = cpu_ns,
	};

	cr_assert_eq(sink.process(sink.ctx, &p), 0);
}

static void finish(uint64_t wall_ns, uint64_t cpu_ns)
{
	struct rn_tr_stats st = {.wall_ns = wall_ns, .cpu_ns = cpu_ns};

	cr_assert_eq(sink.finish(sink.ctx, &st), 0);
	cr_assert(rn_checker__done(ck));
}

static const struct rn_assert_result *res(size_t i)
{
	const struct rn_assert_result *r = rn_checker__result(ck, i);

	cr_assert_not_null(r);
	return r;
}

#define MIB (1ULL << 20)

Test(unit_assert_eval, allocations_follow_brk_anonymous_mmap_unmaps_and_reservations)
{
	start("[[assertion]]\nname = \"a\"\ntype = \"memory_usage\"\nmax_bytes = 0\n"
	      "tracking_mode = \"allocations\"\n");
	call(10, __NR_brk, "brk", 0x1000000, NULL, 0, 0, 0, 0);
	call(10, __NR_brk, "brk", 0x1000000 + MIB, NULL, 0x1000000 + MIB, 0, 0, 0);
	/* a file mapping does not count, nor a PROT_NONE reservation */
	call(10, __NR_mmap, "mmap", 0x7f0000000000, NULL, 0, 8 * MIB, PROT_READ, MAP_PRIVATE);
	call(10, __NR_mmap, "mmap", 0x7e0000000000, NULL, 0, 64 * MIB, PROT_NONE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE);
	/* two of its MiB made usable */
	call(10, __NR_mprotect, "mprotect", 0, NULL, 0x7e0000000000, 2 * MIB,
	     PROT_READ | PROT_WRITE, 0);
	/* a failed mmap changes nothing */
	call(10, __NR_mmap, "mmap", -ENOMEM, "ENOMEM", 0, 1ULL << 40, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS);
	/* 10 MiB + 100 bytes (a page more) */
	uint64_t big = call(10, __NR_mmap, "mmap", 0x7d0000000000, NULL, 0, 10 * MIB + 100,
			    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	/* the middle of it unmapped, then the rest */
	call(10, __NR_munmap, "munmap", 0, NULL, 0x7d0000000000 + MIB, MIB, 0, 0);
	call(10, __NR_munmap, "munmap", 0, NULL, 0x7d0000000000, 11 * MIB, 0, 0);
	/* another process, while this one holds 3 MiB */
	call(11, __NR_mmap, "mmap", 0x7c0000000000, NULL, 0, 4 * MIB, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS);
	/* mremap grows it to 6 MiB: the tree holds 9 */
	uint64_t grown = call(11, __NR_mremap, "mremap", 0x7b0000000000, NULL, 0x7c0000000000,
			      4 * MIB, 6 * MIB, 1);
	/* execve gives it all back */
	call(11, __NR_execve, "execve", 0, NULL, 0, 0, 0, 0);
	finish(0, 0);
	cr_assert_float_eq(res(0)->m[0].value, (double)(13 * MIB + 4096), 0.5, "peak %.0f: %s",
			   res(0)->m[0].value, res(0)->evidence);
	cr_assert_eq(res(0)->ids[0], big);
	cr_assert_str_eq(rn_verdict__name(res(0)->verdict), "FAIL");
	(void)grown;
}

Test(unit_assert_eval, allocations_of_processes_alive_together_add_up)
{
	start("[[assertion]]\nname = \"a\"\ntype = \"memory_usage\"\nmax_bytes = 0\n"
	      "tracking_mode = \"allocations\"\n");
	call(10, __NR_mmap, "mmap", 0x7f0000000000, NULL, 0, 4 * MIB, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS);
	call(11, __NR_mmap, "mmap", 0x7f0000000000, NULL, 0, 4 * MIB, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS);
	/* 11 ends: its memory goes; 12 maps 2 MiB, below the 8 MiB peak */
	struct rn_tr_event ex = {.id = ++next_id,
				 .kind = RN_TR_EXIT,
				 .pid = 11,
				 .tid = 11,
				 .nr = -1,
				 .name = "exit",
				 .result_text = "0",
				 .lamport = next_id};

	cr_assert_eq(sink.event(sink.ctx, &ex), 0);
	call(12, __NR_mmap, "mmap", 0x7f0000000000, NULL, 0, 2 * MIB, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS);
	finish(0, 0);
	cr_assert_float_eq(res(0)->m[0].value, (double)(8 * MIB), 0.5, "%s", res(0)->evidence);
}

static const char *const loop_rule =
    "[[assertion]]\nname = \"l\"\ntype = \"anti_pattern\"\npattern = \"TightLoop\"\n"
    "threshold = 0.5\n";

Test(unit_assert_eval, tight_loop_counts_the_longest_streak_without_progress)
{
	start(loop_rule);
	/* 20 EAGAIN, progress, then 96 EAGAIN interleaved with sched_yield */
	for (int i = 0; i < 20; i++)
		call(10, __NR_read, "read", -EAGAIN, "EAGAIN", 3, 0, 1, 0);
	call(10, __NR_read, "read", 1, NULL, 3, 0, 1, 0);
	for (int i = 0; i < 96; i++) {
		call(10, __NR_read, "read", -EAGAIN, "EAGAIN", 3, 0, 1, 0);
		call(10, __NR_sched_yield, "sched_yield", 0, NULL, 0, 0, 0, 0);
	}
	call(10, __NR_read, "read", 1, NULL, 3, 0, 1, 0);
	finish(0, 0);
	/* 96 on the dominant key: 96 / (96 + 32) */
	cr_assert_float_eq(res(0)->m[0].value, 0.75, 1e-9, "%s", res(0)->evidence);
	cr_assert(strstr(res(0)->evidence, "96 calls of read on 3 without progress"), "%s",
		  res(0)->evidence);
	cr_assert_eq(res(0)->verdict, RN_FAIL);
}

Test(unit_assert_eval, tight_loop_ignores_blocking_calls_and_timeouts_that_slept)
{
	start(loop_rule);
	for (int i = 0; i < 200; i++) {
		/* poll with a timeout that expired slept: progress of a kind */
		call(10, __NR_poll, "poll", 0, NULL, 0x1000, 1, 100, 0);
		call(10, __NR_read, "read", -EAGAIN, "EAGAIN", 3, 0, 1, 0);
	}
	finish(0, 0);
	cr_assert_float_eq(res(0)->m[0].value, 1.0 / 33.0, 1e-9, "%s", res(0)->evidence);
	cr_assert_eq(res(0)->verdict, RN_PASS);
}

Test(unit_assert_eval, tight_loop_sees_zero_timeout_polls_and_empty_waits)
{
	start(loop_rule);
	for (int i = 0; i < 64; i++)
		call(10, __NR_poll, "poll", 0, NULL, 0x1000, 1, 0, 0);
	call(10, __NR_read, "read", 5, NULL, 3, 0, 5, 0);
	for (int i = 0; i < 32; i++)
		call(10, __NR_wait4, "wait4", 0, NULL, (uint64_t)-1, 0, 1, 0);
	finish(0, 0);
	cr_assert_float_eq(res(0)->m[0].value, 64.0 / 96.0, 1e-9, "%s", res(0)->evidence);
}

Test(unit_assert_eval, small_io_scores_a_descriptor_until_it_is_closed)
{
	start("[[assertion]]\nname = \"s\"\ntype = \"anti_pattern\"\n"
	      "pattern = \"ExcessiveSmallIO\"\n");
	/* fd 3: 64 one-byte writes and 64 of 4 KiB; closed; fd 3 again: 4 KiB writes */
	for (int i = 0; i < 64; i++) {
		call(10, __NR_write, "write", 1, NULL, 3, 0, 1, 0);
		call(10, __NR_write, "write", 4096, NULL, 3, 0, 4096, 0);
	}
	call(10, __NR_close, "close", 0, NULL, 3, 0, 0, 0);
	for (int i = 0; i < 1000; i++)
		call(10, __NR_write, "write", 4096, NULL, 3, 0, 4096, 0);
	/* failed and empty transfers are not transfers */
	call(10, __NR_read, "read", 0, NULL, 4, 0, 1, 0);
	call(10, __NR_read, "read", -EBADF, "EBADF", 5, 0, 1, 0);
	finish(0, 0);
	/* half small, 64 small: 0.5 * 64 / (64 + 64) */
	cr_assert_float_eq(res(0)->m[0].value, 0.25, 1e-9, "%s", res(0)->evidence);
	cr_assert(strstr(res(0)->evidence, "fd 3: 64 of 128 transfers under 512 bytes"), "%s",
		  res(0)->evidence);
}

static const char *const god_rule =
    "[[assertion]]\nname = \"g\"\ntype = \"anti_pattern\"\npattern = \"GodProcess\"\n";

Test(unit_assert_eval, god_process_leaves_out_a_launcher_and_needs_two_stages)
{
	start(god_rule);
	call(1, __NR_clone, "clone", 2, NULL, 0, 0, 0, 0);
	call(2, __NR_getpid, "getpid", 2, NULL, 0, 0, 0, 0);
	call(1, __NR_wait4, "wait4", 2, NULL, 2, 0, 0, 0);
	process(1, 0, "/bin/sh", 1000000, 0);
	process(2, 1, "/usr/bin/work", 90000000, 0);
	finish(0, 0);
	cr_assert_float_eq(res(0)->m[0].value, 0, 1e-9, "%s", res(0)->evidence);
	cr_assert(strstr(res(0)->evidence, "1 working process "), "%s", res(0)->evidence);
}

Test(unit_assert_eval, god_process_confidence_grows_with_the_share_of_one_stage)
{
	start(god_rule);
	call(2, __NR_read, "read", 1, NULL, 0, 0, 1, 0);
	clock_ns += 100000000; /* stage 3 works 100 ms between its calls */
	call(3, __NR_write, "write", 1, NULL, 1, 0, 1, 0);
	call(4, __NR_read, "read", 1, NULL, 0, 0, 1, 0);
	/* a | b | c: the path runs through b's 100 ms */
	struct rn_tr_edge ab = {RN_EDGE_PIPE, 1, 2}, bc = {RN_EDGE_PIPE, 2, 3};

	cr_assert_eq(sink.edge(sink.ctx, &ab), 0);
	cr_assert_eq(sink.edge(sink.ctx, &bc), 0);
	process(1, 0, "/bin/sh", 1000000, 0);
	process(2, 1, "/bin/a", 1000000, 0);
	process(3, 1, "/bin/b", 100000000, 0);
	process(4, 1, "/bin/c", 1000000, 0);
	finish(0, 0);
	/* stages 2, 3, 4: b holds 100/102 of the CPU and the whole path */
	double s = 100.0 / 102.0, want = (s - 1.0 / 3) / (1 - 1.0 / 3) * (102e6 / (102e6 + 5e6));

	cr_assert_float_eq(res(0)->m[0].value, want, 1e-6, "%s", res(0)->evidence);
	cr_assert(strstr(res(0)->evidence, "pid 3 (b) holds 98% of the CPU"), "%s",
		  res(0)->evidence);
}

Test(unit_assert_eval, counts_by_pattern_class_and_errors)
{
	start("[[assertion]]\nname = \"all\"\ntype = \"span_count\"\nmax_spans = 5\n"
	      "[[assertion]]\nname = \"rw\"\ntype = \"span_count\"\nmax_spans = 4\n"
	      "span_name_pattern = \"^(read|write)$\"\n"
	      "[[assertion]]\nname = \"files\"\ntype = \"syscall_budget\"\nsyscall = \"%file\"\n"
	      "max_calls = 2\nmax_errors = 0\n"
	      "[[assertion]]\nname = \"time\"\ntype = \"duration\"\nmax_wall_ms = 10\n"
	      "max_cpu_ms = 3\n");
	call(10, __NR_openat, "openat", -ENOENT, "ENOENT", 0, 0, 0, 0);
	uint64_t ok = call(10, __NR_openat, "openat", 3, NULL, 0, 0, 0, 0);
	call(10, __NR_read, "read", 3, NULL, 3, 0, 3, 0);
	call(10, __NR_write, "write", 3, NULL, 1, 0, 3, 0);
	call(10, __NR_close, "close", 0, NULL, 3, 0, 0, 0);
	finish(12000000, 2000000);
	cr_assert_eq(res(0)->m[0].value, 5);
	cr_assert_eq(res(0)->verdict, RN_PASS);
	cr_assert_eq(res(1)->m[0].value, 2);
	cr_assert_eq(res(2)->nm, 2);
	cr_assert_eq(res(2)->m[0].value, 2); /* openat twice; close is not %file */
	cr_assert_eq(res(2)->m[1].value, 1);
	cr_assert(res(2)->m[1].violated && !res(2)->m[0].violated);
	cr_assert_eq(res(2)->verdict, RN_FAIL);
	cr_assert(strstr(res(2)->evidence, "openat 2; pid 10 (?) made 2 of them; failed: openat 1; "
					   "pid 10 (?) made 1 of them"),
		  "%s", res(2)->evidence);
	cr_assert_eq(res(2)->ids[0], ok - 1);
	cr_assert_float_eq(res(3)->m[0].value, 12.0, 1e-9);
	cr_assert(res(3)->m[0].violated && !res(3)->m[1].violated);
	cr_assert_eq(rn_checker__status(ck), 1);
}

Test(unit_assert_eval, warn_skip_and_a_figure_the_trace_lacks)
{
	start("[[assertion]]\nname = \"w\"\ntype = \"span_count\"\nmax_spans = 0\n"
	      "fail_on_violation = false\n"
	      "[[assertion]]\nname = \"off\"\ntype = \"span_count\"\nmax_spans = 0\n"
	      "enabled = false\n"
	      "[[assertion]]\nname = \"rss\"\ntype = \"memory_usage\"\nmax_bytes = 100\n");
	call(10, __NR_getpid, "getpid", 10, NULL, 0, 0, 0, 0);
	finish(0, 0);
	cr_assert_eq(res(0)->verdict, RN_WARN);
	cr_assert_eq(res(1)->verdict, RN_SKIPPED);
	cr_assert_eq(res(1)->nm, 0);
	/* no process record, no peak RSS: not a silent pass */
	cr_assert(res(2)->unmeasured);
	cr_assert_eq(res(2)->verdict, RN_FAIL);
	cr_assert_eq(rn_checker__status(ck), 1);
}

Test(unit_assert_eval, junit_escapes_markup_controls_and_bytes_that_are_not_utf8)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	start("[[assertion]]\nname = \"a<&>\\\"'\\u00e9\"\ntype = \"span_count\"\nmax_spans = 0\n");
	call(10, __NR_getpid, "get\x01pid\xff", 10, NULL, 0, 0, 0, 0);
	finish(0, 0);
	out = open_memstream(&buf, &len);
	cr_assert_eq(rn_assert_report__junit(ck, out, "r.toml"), 0);
	fclose(out);
	cr_assert(strstr(buf, "<testcase name=\"a&lt;&amp;&gt;&quot;&apos;\xc3\xa9\""), "%s", buf);
	cr_assert(strstr(buf, "get?pid? 1"), "%s", buf);
	free(buf);
}

Test(unit_assert_eval, tight_loop_counts_selects_that_timed_out_at_once_and_repeated_connects)
{
	start(loop_rule);
	/* glibc's select(0, ..., {0, 0}): its timeout is not decoded, it returned in 1 us */
	for (int i = 0; i < 32; i++)
		call(10, __NR_pselect6, "pselect6", 0, NULL, 0, 0, 0, 0);
	for (int i = 0; i < 32; i++)
		call(10, __NR_connect, "connect", -EALREADY, "EALREADY", 4, 0, 16, 0);
	finish(0, 0);
	cr_assert_float_eq(res(0)->m[0].value, 0.5, 1e-9, "%s", res(0)->evidence);
}

Test(unit_assert_eval, tight_loop_goes_on_through_signals)
{
	static const char *const sigargs[] = {"{si_signo=SIGALRM}"};

	start(loop_rule);
	for (int i = 0; i < 64; i++) {
		struct rn_tr_event sig = {.id = ++next_id,
					  .kind = RN_TR_SIGNAL,
					  .pid = 10,
					  .tid = 10,
					  .nr = -1,
					  .name = "SIGALRM",
					  .nargs = 1,
					  .args = sigargs,
					  .result_text = "",
					  .lamport = next_id};

		call(10, __NR_read, "read", -EAGAIN, "EAGAIN", 3, 0, 1, 0);
		if (i % 8 == 0)
			cr_assert_eq(sink.event(sink.ctx, &sig), 0);
	}
	finish(0, 0);
	cr_assert_float_eq(res(0)->m[0].value, 64.0 / 96.0, 1e-9, "%s", res(0)->evidence);
}
