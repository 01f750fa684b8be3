// SPDX-License-Identifier: MIT
/*
 * What a start of `renacerctl trace` costs besides the BPF load (docs/performance.md,
 * start-up): the gRPC stack is loaded only by OTLP export (integ_otlp checks it still
 * works), not by every trace. No timing is asserted here; make bench measures it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"

TestSuite(integ_startup, .init = integ_setup, .fini = integ_teardown, .timeout = 60);

/* What sh_cmd, traced, prints about renacerctl ($PPID: the traced shell's parent). */
static char *about_tracer(const char *sh_cmd)
{
	char file[512], script[700];
	const char *opts[] = {NULL};
	const char *cmd[] = {"/bin/sh", "-c", script, NULL};
	struct integ_traced tr;
	char *text;

	if (integ_use_strace())
		cr_skip_test("renacerctl's own start");
	integ_path(file, sizeof(file), "tracer.txt");
	snprintf(script, sizeof(script), "%s > %s", sh_cmd, file);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed: %s",
		     tr.run.err);
	integ_traced__free(&tr);
	text = integ_read_file(file);
	cr_assert_not_null(text, "nothing about the tracer was written");
	return text;
}

/* renacerctl's mappings while it traces. */
static char *tracer_maps(void)
{
	char *text = about_tracer("cat /proc/$PPID/maps");

	cr_assert_not_null(strstr(text, "/renacerctl"), "not renacerctl's mappings:\n%s", text);
	return text;
}

Test(integ_startup, a_trace_does_not_load_the_grpc_libraries)
{
	char *text = tracer_maps();

	cr_assert_null(strstr(text, "libgrpc"),
		       "renacerctl mapped libgrpc for a trace without --otlp:\n%s", text);
	cr_assert_null(strstr(text, "libabsl"), "renacerctl mapped absl (gRPC's):\n%s", text);
	free(text);
}

/* The dynamic loader's work on ten libraries was ~5 ms of each start: the Makefile links them
 * in as archives (CTL_STATIC; scripts/install-deps.sh installs them). */
Test(integ_startup, renacerctl_maps_no_shared_library_but_libc)
{
	static const char *const libs[] = {"libbpf",	 "libdw",   "libelf",
					   "libz",	 "libzstd", "libprotobuf-c",
					   "libjansson", "liblzma", "libbz2"};
	char *text = tracer_maps();

	for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
		cr_assert_null(strstr(text, libs[i]), "renacerctl mapped %s.so:\n%s", libs[i],
			       text);
	free(text);
}

/* Each link is a text poke at attach and again at detach; [[watch]]'s three cgroup programs
 * serve renacerd alone (bpf/watch.bpf.h). */
Test(integ_startup, an_embedded_trace_attaches_no_cgroup_watch_program)
{
	char *text = about_tracer("cat /proc/$PPID/fdinfo/*");

	cr_assert_not_null(strstr(text, "tp_name:\tsys_enter"), "no sys_enter link:\n%s", text);
	cr_assert_null(strstr(text, "tp_name:\tcgroup_"),
		       "renacerctl attached a cgroup program of [[watch]]:\n%s", text);
	free(text);
}
