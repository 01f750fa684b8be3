// SPDX-License-Identifier: MIT
/*
 * .rnt size and speed: writes N syscalls of a loop (alternating getppid + write(1, "x", 1),
 * or one repeated getppid) as .rnt and as renacer-json-v1, then reads the .rnt back.
 * Prints bytes per event for both encodings, write and read rates.
 * Build: gcc -O2 -D_GNU_SOURCE -Ibuild/gen -Ilib/util -Ilib/model -Ilib/formats \
 *   tests/bench/read_bench.c build/librenacer.a -lprotobuf-c -ljansson -lzstd -lz \
 *   -o build/read_bench
 * Usage: build/read_bench [N] [DIR]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "trace_bin.h"
#include "trace_json.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rng = 88172645463325252ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Timings shaped like a traced tight loop: 50-250 ns between calls, 80-700 ns each. */
static void produce(const struct rn_tr_sink *s, uint64_t n, bool alternate)
{
	static const char *const wargs[] = {"1", "\"x\"", "1"};
	static const uint8_t x = 'x';
	static char *argv[] = {"storm", "500000", NULL};
	struct rn_tr_capture cap = {.arg = 1, .data = &x, .len = 1, .full_len = 1};
	struct rn_tr_header h = {.format_version = RN_TRACE_VERSION,
				 .tool = "renacer 0.1.0",
				 .trace_id = "4bf92f3577b34da6a3ce929d0e0e4736",
				 .hostname = "bench",
				 .snaplen = 256,
				 .argv = argv,
				 .argc = 2};
	struct rn_tr_process p = {.pid = 4242,
				  .ppid = 4241,
				  .exe = "/usr/bin/storm",
				  .argv = argv,
				  .argc = 2,
				  .span_id = "a1b2c3d4e5f60718"};
	struct rn_tr_stats st = {.total_syscalls = n};
	uint64_t enter = 1000;

	s->header(s->ctx, &h);
	s->process(s->ctx, &p);
	for (uint64_t i = 0; i < n; i++) {
		bool w = alternate && (i & 1);
		struct rn_tr_event e = {.id = i + 1, .pid = 4242, .tid = 4242, .lamport = i + 2};

		enter += 50 + next_rand() % 200;
		e.enter_ns = enter;
		if (w) {
			e.nr = 1;
			e.name = "write";
			e.nargs = 3;
			e.args = wargs;
			e.raw_args[0] = 1;
			e.raw_args[1] = 0x55d0c0de2004;
			e.raw_args[2] = 1;
			e.result = 1;
			e.result_text = "1";
			e.caps = &cap;
			e.ncaps = 1;
			e.duration_ns = 300 + next_rand() % 400;
		} else {
			e.nr = 110;
			e.name = "getppid";
			e.result = 4241;
			e.result_text = "4241";
			e.duration_ns = 80 + next_rand() % 200;
		}
		enter += e.duration_ns;
		s->event(s->ctx, &e);
	}
	s->finish(s->ctx, &st);
}

struct counter {
	uint64_t events, sum;
};

static int count_event(void *ctx, const struct rn_tr_event *e)
{
	struct counter *c = ctx;

	c->events++;
	c->sum += e->duration_ns + e->nargs + (e->name ? (uint8_t)e->name[0] : 0);
	return 0;
}

static long file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) ? -1 : sb.st_size;
}

static int bench(const char *dir, uint64_t n, bool alternate)
{
	char bin[512], json[512];
	struct rn_tr_sink s;
	struct rn_error err;
	struct counter c = {0};
	struct rn_tr_sink cs = {.ctx = &c, .event = count_event};
	double t0, tw, tr;
	FILE *f;
	int r;

	snprintf(bin, sizeof(bin), "%s/bench-%s.rnt", dir, alternate ? "alt" : "same");
	snprintf(json, sizeof(json), "%s/bench-%s.json", dir, alternate ? "alt" : "same");

	f = fopen(bin, "w");
	if (!f || rn_bin_writer__new(&s, f))
		return 1;
	rng = 88172645463325252ull;
	t0 = now();
	produce(&s, n, alternate);
	s.close(s.ctx);
	fclose(f);
	tw = now() - t0;

	f = fopen(json, "w");
	if (!f || rn_json_writer__new(&s, f, false))
		return 1;
	rng = 88172645463325252ull;
	produce(&s, n, alternate);
	s.close(s.ctx);
	fclose(f);

	tr = 1e9;
	for (int i = 0; i < 3; i++) { /* best of three: the page cache is warm after the first */
		double t;

		c.events = 0;
		t0 = now();
		r = rn_bin__read(bin, &cs, &err);
		t = now() - t0;
		if (r) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		if (t < tr)
			tr = t;
	}
	printf("%-34s %9llu events\n",
	       alternate ? "getppid + write alternating:" : "getppid repeated:",
	       (unsigned long long)c.events);
	printf("  json  %11ld bytes  %7.2f bytes/event\n", file_size(json),
	       (double)file_size(json) / n);
	printf("  rnt   %11ld bytes  %7.2f bytes/event  (json/rnt %.1fx)\n", file_size(bin),
	       (double)file_size(bin) / n, (double)file_size(json) / file_size(bin));
	printf("  rnt write %.3f s (%.2f M events/s), read %.3f s (%.2f M events/s)\n", tw,
	       n / tw / 1e6, tr, c.events / tr / 1e6);
	return c.events == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 1000000;
	const char *dir = argc > 2 ? argv[2] : "/tmp";

	return bench(dir, n, true) || bench(dir, n, false);
}
