// SPDX-License-Identifier: MIT
/* lib/analysis/flame.c: folded stacks line by line for each metric, and the SVG parsed as XML. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flame.h"

static char *const argv_a[] = {"/usr/bin/app", "-x", NULL};
static char *const argv_b[] = {"/bin/my tool;v2", NULL};

static void ev(const struct rn_tr_sink *s, uint64_t id, uint32_t pid, int nr, const char *name,
	       int64_t result, uint64_t dur)
{
	static const char *const args[] = {"1", "\"x\"", "1"};
	struct rn_tr_event e = {.id = id,
				.kind = RN_TR_SYSCALL,
				.pid = pid,
				.tid = pid,
				.nr = nr,
				.name = name,
				.nargs = 3,
				.args = args,
				.result = result,
				.result_text = "0",
				.enter_ns = id * 1000,
				.duration_ns = dur};

	cr_assert_eq(s->event(s->ctx, &e), 0);
}

/* app (pid 10): 2 writes of 5 bytes (100 + 300 ns), 1 failed openat (50 ns); "my tool;v2"
 * (pid 11): 1 read of 7 bytes (1000 ns), and a signal that is no syscall; pid 12 has no
 * process record */
static struct rn_flame *play(enum rn_flame_metric m)
{
	struct rn_flame *fl = rn_flame__new(m);
	struct rn_tr_sink s;
	struct rn_tr_event sig = {
	    .id = 7, .kind = RN_TR_SIGNAL, .pid = 11, .tid = 11, .nr = -1, .name = "SIGCHLD"};

	cr_assert(fl);
	cr_assert_eq(rn_flame__sink(fl, &s), 0);
	ev(&s, 1, 10, __NR_write, "write", 5, 100);
	ev(&s, 2, 11, __NR_read, "read", 7, 1000);
	ev(&s, 3, 10, __NR_openat, "openat", -2, 50);
	ev(&s, 4, 10, __NR_write, "write", 5, 300);
	ev(&s, 5, 12, __NR_getpid, "getpid", 12, 10);
	cr_assert_eq(s.event(s.ctx, &sig), 0);
	/* process records may come after the calls */
	cr_assert_eq(
	    s.process(s.ctx, &(struct rn_tr_process){.pid = 10, .argv = argv_a, .argc = 2}), 0);
	cr_assert_eq(
	    s.process(s.ctx, &(struct rn_tr_process){.pid = 11, .argv = argv_b, .argc = 1}), 0);
	s.close(s.ctx);
	return fl;
}

static char *folded(enum rn_flame_metric m)
{
	struct rn_flame *fl = play(m);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_eq(rn_flame__write_folded(fl, f), 0);
	fclose(f);
	rn_flame__free(fl);
	return buf;
}

Test(unit_flame, folded_stacks_are_process_then_syscall_sorted_one_per_line)
{
	char *t = folded(RN_FLAME_TIME), *c = folded(RN_FLAME_CALLS), *b = folded(RN_FLAME_BYTES);

	cr_expect_str_eq(t,
			 "app;openat 50\napp;write 400\nmy_tool_v2;read 1000\npid_12;getpid 10\n");
	cr_expect_str_eq(c, "app;openat 1\napp;write 2\nmy_tool_v2;read 1\npid_12;getpid 1\n");
	/* bytes: only calls with a data buffer; a failed call or getpid moved nothing */
	cr_expect_str_eq(b, "app;write 10\nmy_tool_v2;read 7\n");
	free(t);
	free(c);
	free(b);
}

Test(unit_flame, metric_names_parse)
{
	cr_expect_eq(rn_flame_metric__parse("time"), RN_FLAME_TIME);
	cr_expect_eq(rn_flame_metric__parse("calls"), RN_FLAME_CALLS);
	cr_expect_eq(rn_flame_metric__parse("bytes"), RN_FLAME_BYTES);
	cr_expect_eq(rn_flame_metric__parse("ns"), -1);
}

/* python3's xml.etree parses the SVG; prints the frames' titles, one a line, in file order */
static char *frames_of_svg(const char *path)
{
	static const char script[] =
	    "import sys, xml.etree.ElementTree as ET\n"
	    "ns = '{http://www.w3.org/2000/svg}'\n"
	    "root = ET.parse(sys.argv[1]).getroot()\n"
	    "assert root.tag == ns + 'svg', root.tag\n"
	    "assert root.find(ns + 'script') is not None, 'no script'\n"
	    "for g in root.iter(ns + 'g'):\n"
	    "    if g.get('class') == 'f':\n"
	    "        r = g.find(ns + 'rect'); assert float(r.get('width')) >= 0\n"
	    "        print(g.find(ns + 'title').text)\n";
	char cmd[4096];
	char *out = calloc(1, 8192);
	FILE *p;
	size_t n;

	setenv("RN_FLAME_SCRIPT", script, 1);
	snprintf(cmd, sizeof(cmd), "python3 -c \"$RN_FLAME_SCRIPT\" '%s' 2>&1", path);
	p = popen(cmd, "r");
	cr_assert(p && out);
	n = fread(out, 1, 8191, p);
	out[n] = '\0';
	cr_assert_eq(pclose(p), 0, "python3 could not parse the SVG:\n%s", out);
	return out;
}

Test(unit_flame, the_svg_is_xml_with_a_frame_per_process_and_syscall_and_its_script)
{
	struct rn_flame *fl = play(RN_FLAME_TIME);
	char path[] = "/tmp/rn-flame-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	char *frames, *svg;
	size_t len = 0;

	cr_assert(f);
	cr_assert_eq(rn_flame__write_svg(fl, f, "t <&> \"x\""), 0);
	fclose(f);
	rn_flame__free(fl);
	frames = frames_of_svg(path);
	cr_expect_str_eq(frames, "all (1460 ns, 100.00%)\n"
				 "app (450 ns, 30.82%)\n"
				 "openat (50 ns, 3.42%)\n"
				 "write (400 ns, 27.40%)\n"
				 "my_tool_v2 (1000 ns, 68.49%)\n"
				 "read (1000 ns, 68.49%)\n"
				 "pid_12 (10 ns, 0.68%)\n"
				 "getpid (10 ns, 0.68%)\n");
	f = fopen(path, "r");
	svg = NULL;
	cr_assert(getdelim(&svg, &len, '\0', f) > 0);
	fclose(f);
	/* nothing fetched from anywhere: the one URL is the SVG namespace */
	cr_expect(!strstr(svg, "href"), "no links");
	cr_expect(strstr(svg, "function zoom(") && strstr(svg, "function search("),
		  "zoom and search are in the file");
	free(svg);
	free(frames);
	unlink(path);
}

/* A call with a recorded stack: its frames, outermost first, between the process and the
   syscall; a frame is named by its function, else its symbol, else module+offset, else pc. */
Test(unit_flame, recorded_stacks_are_the_frames_between_process_and_syscall)
{
	const struct rn_tr_frame inner[] = {
	    {.pc = 0x7f00, .module = "/lib/libc.so.6", .symbol = "__write"},
	    {.pc = 0x1234, .function = "emit line", .file = "a.c", .line = 3},
	    {.pc = 0x5555, .module = "/usr/bin/app", .offset = 0x99},
	    {.pc = 0xdead},
	};
	struct rn_flame *fl = rn_flame__new(RN_FLAME_CALLS);
	struct rn_tr_sink s;
	struct rn_tr_event e = {.kind = RN_TR_SYSCALL,
				.pid = 10,
				.tid = 10,
				.nr = __NR_write,
				.name = "write",
				.result = 1,
				.frames = inner,
				.nframes = 4};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert(fl && f);
	cr_assert_eq(rn_flame__sink(fl, &s), 0);
	for (int i = 0; i < 3; i++) { /* the same stack three times, then a shorter one */
		e.id = (uint64_t)i + 1;
		cr_assert_eq(s.event(s.ctx, &e), 0);
	}
	e.nframes = 2;
	cr_assert_eq(s.event(s.ctx, &e), 0);
	e.nframes = 0;
	cr_assert_eq(s.event(s.ctx, &e), 0);
	cr_assert_eq(
	    s.process(s.ctx, &(struct rn_tr_process){.pid = 10, .argv = argv_a, .argc = 2}), 0);
	s.close(s.ctx);
	cr_assert_eq(rn_flame__write_folded(fl, f), 0);
	fclose(f);
	cr_expect_str_eq(buf, "app;0xdead;app+0x99;emit_line;__write;write 3\n"
			      "app;emit_line;__write;write 1\n"
			      "app;write 1\n");
	free(buf);
	rn_flame__free(fl);
}
