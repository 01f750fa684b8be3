// SPDX-License-Identifier: MIT
/*
 * trace --source and -k (docs/stacks.md) on real programs: every line of a fixture's source
 * marked SYSCALL-SITE must be what its call resolves to, for C at -O0 and -O2, PIE and not,
 * a static inline helper, a call inside a shared library of the program, and Rust. A mark
 * names its call by the first string literal on its line, or by the text after the mark
 * (the start of the call's trace line; its last such line is taken).
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integ.h"

enum { CTL_TIMEOUT_S = 60 };

static void setup(void)
{
	if (integ_use_strace())
		cr_skip_test("renacer's own options");
	integ_setup();
}

TestSuite(integ_source, .init = setup, .fini = integ_teardown, .timeout = 180);

/* The source tree: RENACER_SRC, or the nearest parent of the build holding the fixtures. */
static const char *src_dir(void)
{
	static char dir[PATH_MAX];
	char probe[PATH_MAX + 64];
	char *slash;

	if (dir[0])
		return dir;
	if (getenv("RENACER_SRC")) {
		snprintf(dir, sizeof(dir), "%s", getenv("RENACER_SRC"));
		return dir;
	}
	if (!realpath(integ_build(), dir))
		snprintf(dir, sizeof(dir), ".");
	for (;;) {
		snprintf(probe, sizeof(probe), "%s/tests/fixtures/src_stacks/sites.c", dir);
		if (!access(probe, R_OK) || !(slash = strrchr(dir, '/')) || slash == dir)
			break;
		*slash = '\0';
	}
	return dir;
}

/* The trace line that a SYSCALL-SITE line names, copied to out; false when none. */
static bool find_call(const char *trace, const char *site, char *out, size_t outlen)
{
	const char *mark = strstr(site, "SYSCALL-SITE") + strlen("SYSCALL-SITE");
	const char *end = strstr(mark, "*/"), *q1, *q2, *hit = NULL, *p;
	char key[256];
	size_t n;

	while (*mark == ' ')
		mark++;
	if (end && end > mark) {
		/* the text after the mark: the last trace line starting with it */
		n = (size_t)(end - mark);
		while (n && mark[n - 1] == ' ')
			n--;
		snprintf(key, sizeof(key), "%.*s", (int)n, mark);
		for (p = trace; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
			if (!strncmp(p, key, strlen(key)))
				hit = p;
	} else {
		q1 = strchr(site, '"');
		q2 = q1 ? strchr(q1 + 1, '"') : NULL;
		if (!q2)
			return false;
		snprintf(key, sizeof(key), "%.*s", (int)(q2 - q1 + 1), q1);
		hit = strstr(trace, key);
		while (hit && hit > trace && hit[-1] != '\n')
			hit--;
	}
	if (!hit)
		return false;
	n = strcspn(hit, "\n");
	snprintf(out, outlen, "%.*s", (int)n, hit);
	return true;
}

/* Checks every marked line of src (a file under tests/fixtures/src_stacks) in trace. */
static int check_sites(const char *trace, const char *src)
{
	char path[PATH_MAX + 128], line[512], call[1024], want[300];
	const char *base = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
	FILE *f;
	int lineno = 0, sites = 0;

	snprintf(path, sizeof(path), "%s/%s", src_dir(), src);
	f = fopen(path, "r");
	cr_assert_not_null(f, "cannot read %s", path);
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strstr(line, "SYSCALL-SITE") || strstr(line, "marked SYSCALL-SITE"))
			continue;
		sites++;
		cr_assert(find_call(trace, line, call, sizeof(call)),
			  "%s:%d: the call of this site is not in the trace:\n%s\n%s", src, lineno,
			  line, trace);
		/* ` [.../sites.c:36 main]`: the file (as compiled), the line, the function */
		snprintf(want, sizeof(want), "/%s:%d ", base, lineno);
		cr_assert(strstr(call, want) && strchr(strstr(call, want), ']'),
			  "%s:%d: the call resolves elsewhere:\n  %s\n(want ...%s...])", src,
			  lineno, call, want);
	}
	fclose(f);
	return sites;
}

static void trace_sites(const char *fixture, const char *const *srcs, int want_sites)
{
	char *fx = integ_fixture(fixture);
	const char *opts[] = {"--source", NULL};
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;
	int sites = 0;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed:\n%s",
		     tr.run.err);
	for (int i = 0; srcs[i]; i++)
		sites += check_sites(tr.raw, srcs[i]);
	cr_assert_eq(sites, want_sites, "%d marked sites checked, %d expected", sites, want_sites);
	cr_assert_null(strstr(tr.run.err, "no debug info"), "a warning about debug info:\n%s",
		       tr.run.err);
	integ_traced__free(&tr);
	free(fx);
}

static const char *const c_srcs[] = {"tests/fixtures/src_stacks/sites.c",
				     "tests/fixtures/src_stacks/lib.c", NULL};

Test(integ_source, every_site_of_c_at_O0_pie_resolves_to_its_line)
{
	trace_sites("src_sites_O0", c_srcs, 7);
}

Test(integ_source, every_site_of_c_at_O2_pie_resolves_to_its_line_through_inlining)
{
	trace_sites("src_sites_O2", c_srcs, 7);
}

Test(integ_source, every_site_of_c_at_O0_without_pie_resolves_to_its_line)
{
	trace_sites("src_sites_O0_nopie", c_srcs, 7);
}

Test(integ_source, every_site_of_c_at_O2_without_pie_resolves_to_its_line)
{
	trace_sites("src_sites_O2_nopie", c_srcs, 7);
}

Test(integ_source, every_site_of_rust_resolves_past_its_std_to_the_program_line)
{
	static const char *const srcs[] = {"tests/fixtures/src_stacks/rust.rs", NULL};

	trace_sites("src_rust", srcs, 4);
}

/* Rust nests its functions in namespaces, where libdw's dwarf_getscopes finds none: the
 * inlined function is named all the same. */
Test(integ_source, a_rust_function_inlined_into_its_caller_is_named_by_its_own_name)
{
	char *fx = integ_fixture("src_rust");
	const char *opts[] = {"--source", "-e", "trace=write", NULL};
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;
	char call[1024];

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_assert(find_call(tr.raw, "\"site-rust-inline\\n\" SYSCALL-SITE */", call, sizeof(call)),
		  "%s", tr.raw);
	cr_assert(strstr(call, " emit]"), "the inlined function is not named:\n%s", call);
	cr_assert(strstr(tr.raw, "rust.rs:8 rust::say]") || strstr(tr.raw, "rust.rs:8 say]"), "%s",
		  tr.raw);
	integ_traced__free(&tr);
	free(fx);
}

/* The inlined helper is named as itself at -O2, where it has no frame of its own. */
Test(integ_source, an_inlined_static_helper_is_named_by_its_own_name)
{
	char *fx = integ_fixture("src_sites_O2");
	const char *opts[] = {"--source", "-e", "trace=write", NULL};
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_assert(strstr(tr.raw, "sites.c:20 helper]"), "no [sites.c:20 helper]:\n%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
}

Test(integ_source, stack_trace_prints_every_frame_in_strace_layout)
{
	char *fx = integ_fixture("src_sites_O2");
	const char *opts[] = {"-k", "-e", "trace=write", NULL};
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;
	const char *call, *end;
	char want[PATH_MAX + 32];

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	call = strstr(tr.raw, "write(1, \"site-lib\\n\", 9)");
	cr_assert_not_null(call, "no write of site-lib:\n%s", tr.raw);
	end = strstr(call, "\nwrite(");
	if (!end)
		end = call + strlen(call);
	/* ` > /path/lib.so(func+0x1f) [0x...]`: libc's wrapper, the library, the program */
	cr_assert(strstr(call, "\n > /") && strstr(call, "libc.so.6(") < end, "%.*s",
		  (int)(end - call), call);
	snprintf(want, sizeof(want), "libsrcstacks.so(srclib_say+0x");
	cr_assert(strstr(call, want) && strstr(call, want) < end, "no %s in:\n%.*s", want,
		  (int)(end - call), call);
	snprintf(want, sizeof(want), "%s(main+0x", fx);
	cr_assert(strstr(call, want) && strstr(call, want) < end, "no %s in:\n%.*s", want,
		  (int)(end - call), call);
	cr_assert(strstr(call, ") [0x"), "no [0x...] offsets:\n%.*s", (int)(end - call), call);
	integ_traced__free(&tr);
	free(fx);
}

/* Without debug info: one line naming the binary and how to get symbols, not one a call. */
Test(integ_source, a_binary_without_debug_info_is_named_once_with_the_fix)
{
	char *fx = integ_fixture("src_sites_O2");
	char copy[PATH_MAX], lib[PATH_MAX], *libsrc = integ_fixture("libsrcstacks.so");
	const char *opts[] = {"--source", NULL};
	const char *cmd[] = {copy, NULL};
	const char *strip[] = {"objcopy", "--strip-debug", fx, copy, NULL};
	const char *cp[] = {"cp", libsrc, lib, NULL};
	struct integ_traced tr;
	struct integ_run r;
	const char *w;

	integ_path(copy, sizeof(copy), "nodebug");
	integ_path(lib, sizeof(lib), "libsrcstacks.so");
	cr_assert_eq(integ_run((char *const *)strip, NULL, 30, &r), 0, "objcopy: %s", r.err);
	integ_run__free(&r);
	cr_assert_eq(integ_run((char *const *)cp, NULL, 30, &r), 0, "cp: %s", r.err);
	integ_run__free(&r);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	w = strstr(tr.run.err, "has no debug info");
	cr_assert_not_null(w, "no warning:\n%s", tr.run.err);
	cr_assert_null(strstr(w + 1, "has no debug info"), "more than one warning:\n%s",
		       tr.run.err);
	cr_assert(strstr(tr.run.err, "/nodebug has no debug info") && strstr(tr.run.err, "-g"),
		  "the warning names neither the binary nor the fix:\n%s", tr.run.err);
	/* the library still has its lines */
	cr_assert(strstr(tr.raw, "lib.c:9 srclib_say]"), "%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
	free(libsrc);
}

/* A recorded trace keeps the frames: show prints them after the binaries are gone. */
Test(integ_source, a_recorded_trace_shows_the_same_frames_after_the_binary_is_deleted)
{
	char *fx = integ_fixture("src_sites_O2"), *libsrc = integ_fixture("libsrcstacks.so");
	char bin[PATH_MAX], lib[PATH_MAX], json[PATH_MAX], live[PATH_MAX], rnt[PATH_MAX];
	const char *cp1[] = {"cp", fx, bin, NULL}, *cp2[] = {"cp", libsrc, lib, NULL};
	const char *rec[] = {
	    "trace", "--embedded", "--source", "-k", "-e", "trace=write,openat,access",
	    "-o",    json,	   "--",       bin,  NULL};
	const char *txt[] = {
	    "trace", "--embedded", "--source", "-k", "-e", "trace=write,openat,access",
	    "-o",    live,	   "--",       bin,  NULL};
	const char *rec_rnt[] = {
	    "trace", "--embedded", "--source", "-k", "-e", "trace=write,openat,access",
	    "-o",    rnt,	   "--",       bin,  NULL};
	const char *show[] = {"show", "--source", "-k", json, NULL};
	const char *show_rnt[] = {"show", "--source", "-k", rnt, NULL};
	const char *src_only[] = {"show", "--source", json, NULL};
	struct integ_run r, s;
	char *want, *p;

	integ_path(bin, sizeof(bin), "prog");
	integ_path(lib, sizeof(lib), "libsrcstacks.so");
	integ_path(json, sizeof(json), "t.json");
	integ_path(live, sizeof(live), "live.txt");
	integ_path(rnt, sizeof(rnt), "t.rnt");
	cr_assert_eq(integ_run((char *const *)cp1, NULL, 30, &r), 0, "%s", r.err);
	integ_run__free(&r);
	cr_assert_eq(integ_run((char *const *)cp2, NULL, 30, &r), 0, "%s", r.err);
	integ_run__free(&r);
	cr_assert_eq(integ_ctl(rec, integ_dir, CTL_TIMEOUT_S, &r), 0, "%s", r.err);
	integ_run__free(&r);
	cr_assert_eq(integ_ctl(txt, integ_dir, CTL_TIMEOUT_S, &r), 0, "%s", r.err);
	integ_run__free(&r);
	cr_assert_eq(integ_ctl(rec_rnt, integ_dir, CTL_TIMEOUT_S, &r), 0, "%s", r.err);
	cr_assert_null(strstr(r.err, "stacks"), "a warning about stacks in .rnt:\n%s", r.err);
	integ_run__free(&r);
	cr_assert_eq(unlink(bin), 0);
	cr_assert_eq(unlink(lib), 0);

	cr_assert_eq(integ_ctl(show, integ_dir, CTL_TIMEOUT_S, &s), 0, "%s", s.err);
	/* the same lines and stacks as the live trace printed (calls and their frames) */
	want = integ_read_file(live);
	cr_assert_not_null(want);
	p = strstr(want, "write(1, \"site-lib\\n\", 9)");
	cr_assert_not_null(p, "%s", want);
	*strstr(p, "\n+++") = '\0';
	cr_assert(strstr(s.out, p), "show differs from the live trace:\n--- live\n%s\n--- show\n%s",
		  p, s.out);
	cr_assert(strstr(s.out, "/prog(main+0x"), "%s", s.out);
	integ_run__free(&s);
	/* the .rnt encoding keeps them too */
	cr_assert_eq(integ_ctl(show_rnt, integ_dir, CTL_TIMEOUT_S, &s), 0, "%s", s.err);
	cr_assert(strstr(s.out, p),
		  "show of the .rnt differs from the live trace:\n--- live\n%s\n"
		  "--- show\n%s",
		  p, s.out);
	integ_run__free(&s);
	free(want);

	/* --source alone: each site's line, as traced */
	cr_assert_eq(integ_ctl(src_only, integ_dir, CTL_TIMEOUT_S, &s), 0, "%s", s.err);
	check_sites(s.out, "tests/fixtures/src_stacks/lib.c");
	cr_assert(strstr(s.out, "sites.c:20 helper]"), "%s", s.out);
	cr_assert_null(strstr(s.out, "\n > "), "-k's lines without -k:\n%s", s.out);
	integ_run__free(&s);
	free(fx);
	free(libsrc);
}

/* Whether the built BPF object build/bpf/NAME holds the bytes of sym (its ELF and BTF name
 * every kfunc it calls). */
static bool object_names(const char *name, const char *sym)
{
	char path[PATH_MAX];
	FILE *f;
	char *buf;
	long len;
	bool found;

	snprintf(path, sizeof(path), "%s/bpf/%s", integ_build(), name);
	f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot read %s (make builds it)", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len);
	cr_assert(buf && fread(buf, 1, (size_t)len, f) == (size_t)len, "cannot read %s", path);
	fclose(f);
	found = memmem(buf, (size_t)len, sym, strlen(sym) + 1) != NULL;
	free(buf);
	return found;
}

/* The VMA iterator kfuncs need Linux 6.7: only the stacks object may call them, so the
 * default one loads on older kernels (and --source still works, as the tests above show). */
Test(integ_source, the_default_bpf_object_has_no_stack_code)
{
	cr_assert(object_names("renacer_stacks.bpf.o", "bpf_iter_task_vma_new"),
		  "the stacks object does not call the VMA iterator");
	cr_assert_not(object_names("renacer.bpf.o", "bpf_iter_task_vma_new"),
		      "the default object renacer.bpf.o calls bpf_iter_task_vma_new (Linux 6.7)");
	cr_assert_not(object_names("renacer.bpf.o", "stack_bytes"),
		      "the default object renacer.bpf.o has the stack code's knob");
}

/* Runs renacerctl with args and returns its stdout (the test fails when it fails). */
static char *ctl_out(const char *const *args)
{
	struct integ_run r;
	char *out;

	cr_assert_eq(integ_ctl(args, integ_dir, CTL_TIMEOUT_S, &r), 0, "%s: %s", args[0], r.err);
	out = strdup(r.out);
	integ_run__free(&r);
	return out;
}

/* A -k trace written as .rnt keeps its frames: show, flamegraph and conversion to JSON and
 * back give what the JSON of the same trace gives, byte for byte. */
Test(integ_source, a_stack_trace_in_rnt_reads_as_its_json_and_converts_both_ways)
{
	char *fx = integ_fixture("src_sites_O2");
	char rnt[PATH_MAX], json[PATH_MAX], rnt2[PATH_MAX], json2[PATH_MAX];
	const char *rec[] = {"trace", "--embedded", "-k", "--source", "-e", "trace=write,openat",
			     "-o",    rnt,	    "--", fx,	      NULL};
	const char *to_json[] = {"convert", rnt, "-o", json, NULL};
	const char *to_rnt[] = {"convert", json, "-o", rnt2, NULL};
	const char *to_json2[] = {"convert", rnt2, "-o", json2, NULL};
	const char *show_rnt[] = {"show", "-k", "--source", rnt, NULL};
	const char *show_json[] = {"show", "-k", "--source", json, NULL};
	const char *flame_rnt[] = {"flamegraph", "--folded", rnt, NULL};
	const char *flame_json[] = {"flamegraph", "--folded", json, NULL};
	char *a, *b, *j1, *j2;

	integ_path(rnt, sizeof(rnt), "k.rnt");
	integ_path(json, sizeof(json), "k.json");
	integ_path(rnt2, sizeof(rnt2), "k2.rnt");
	integ_path(json2, sizeof(json2), "k2.json");
	free(ctl_out(rec));
	free(ctl_out(to_json));
	free(ctl_out(to_rnt));
	free(ctl_out(to_json2));
	j1 = integ_read_file(json);
	j2 = integ_read_file(json2);
	cr_assert(j1 && strstr(j1, "\"frames\":[{"), "the JSON from the .rnt has no frames:\n%s",
		  j1);
	cr_assert_str_eq(j1, j2, "rnt -> json -> rnt -> json changed the trace");
	a = ctl_out(show_rnt);
	b = ctl_out(show_json);
	cr_assert(strstr(a, "\n > ") && strstr(a, "srclib_say]"), "show -k of the .rnt:\n%s", a);
	cr_assert_str_eq(a, b, "show -k --source: .rnt and JSON differ");
	free(a);
	free(b);
	a = ctl_out(flame_rnt);
	b = ctl_out(flame_json);
	cr_assert(strstr(a, ";main;"), "no stacks in the flamegraph of the .rnt:\n%s", a);
	cr_assert_str_eq(a, b, "flamegraph --folded: .rnt and JSON differ");
	free(a);
	free(b);
	free(j1);
	free(j2);
	free(fx);
}

/* A library closed and another opened in its place leave the map count as it was; traced
 * with -e trace=write, nothing but the mappings themselves tells the kernel side to send
 * them again, and the second library's call must resolve through its own mappings. */
Test(integ_source, mappings_that_change_at_the_same_count_are_sent_again)
{
	static const char *const srcs[] = {"tests/fixtures/src_stacks/swap_a.c",
					   "tests/fixtures/src_stacks/swap_b.c",
					   "tests/fixtures/src_stacks/swap.c", NULL};
	char *fx = integ_fixture("src_swap");
	const char *opts[] = {"--source", "-e", "trace=write", NULL};
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;
	int sites = 0;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed:\n%s",
		     tr.run.err);
	for (int i = 0; srcs[i]; i++)
		sites += check_sites(tr.raw, srcs[i]);
	cr_assert_eq(sites, 3, "%d marked sites checked, 3 expected", sites);
	integ_traced__free(&tr);
	free(fx);
}

/* Rust's std is v0-mangled (_RNv...) and a program's own symbols legacy (_ZN...E with $u7b$
 * escapes): -k prints both as Rust names. */
Test(integ_source, rust_symbols_of_both_manglings_print_demangled)
{
	char *fx = integ_fixture("src_rust");
	const char *opts[] = {"-k", "-e", "trace=write", NULL};
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_assert(strstr(tr.raw, "(std::rt::lang_start_internal+0x"), "v0 std frame:\n%s", tr.raw);
	cr_assert(strstr(tr.raw, " as std::io::Write>::write_all+0x"), "v0 impl frame:\n%s",
		  tr.raw);
	cr_assert(strstr(tr.raw, "(rust::say+0x"), "the program's frame:\n%s", tr.raw);
	cr_assert_null(strstr(tr.raw, "(_R"), "a v0 name printed mangled:\n%s", tr.raw);
	cr_assert_null(strstr(tr.raw, "$u7b$"), "a legacy escape printed as such:\n%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
}
