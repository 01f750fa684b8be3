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

/* renacerctl's mappings while it traces (the traced shell's parent is renacerctl). */
static char *tracer_maps(void)
{
	char maps[512], script[700];
	const char *opts[] = {NULL};
	const char *cmd[] = {"/bin/sh", "-c", script, NULL};
	struct integ_traced tr;
	char *text;

	if (integ_use_strace())
		cr_skip_test("renacerctl's own libraries");
	integ_path(maps, sizeof(maps), "tracer.maps");
	snprintf(script, sizeof(script), "cat /proc/$PPID/maps > %s", maps);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed: %s",
		     tr.run.err);
	integ_traced__free(&tr);
	text = integ_read_file(maps);
	cr_assert_not_null(text, "no maps of the tracer were written");
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
