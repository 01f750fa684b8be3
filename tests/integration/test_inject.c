// SPDX-License-Identifier: MIT
/*
 * -e inject= (strace's fault injection) is refused with the reason, never accepted and
 * ignored: renacer would fail calls with a BPF fmod_ret program on the syscall's entry
 * function, which needs a kernel built with CONFIG_FUNCTION_ERROR_INJECTION
 * (docs/performance.md, fault injection).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "inject.h"
#include "integ.h"

TestSuite(integ_inject, .init = integ_setup, .fini = integ_teardown, .timeout = 60);

Test(integ_inject, inject_is_refused_with_what_the_kernel_lacks_and_the_command_never_runs)
{
	char mark[512], why[512] = "";
	const char *args[] = {
	    "trace", "-e", "inject=openat:error=ENOENT:when=2", "--", "/usr/bin/touch", mark, NULL};
	struct integ_run r;

	if (integ_use_strace())
		cr_skip_test("renacerctl's refusal");
	integ_path(mark, sizeof(mark), "ran");
	cr_assert_eq(rn_inject__probe("__x64_sys_openat", why, sizeof(why)) != 0, true,
		     "this kernel allows fmod_ret on __x64_sys_openat: the injector is missing");
	integ_ctl(args, NULL, 30, &r);
	cr_assert_neq(r.status, 0, "the option was accepted: %s", r.err);
	cr_assert_not_null(strstr(r.err, "cannot inject faults (-e inject=openat:error=ENOENT"),
			   "no refusal naming the option: %s", r.err);
	/* the cause as the kernel gives it, the same text as the probe's */
	cr_assert_not_null(strstr(r.err, why), "the reason '%s' is not in: %s", why, r.err);
	cr_assert_not_null(strstr(r.err, "CONFIG_FUNCTION_ERROR_INJECTION=y"), "no fix: %s", r.err);
	cr_assert_neq(access(mark, F_OK), 0, "the command ran although the option was refused");
	integ_run__free(&r);
}

Test(integ_inject, a_malformed_inject_is_refused_as_strace_refuses_it)
{
	const char *args[] = {"trace", "-e",   "inject=openat:when=0:error=ENOENT",
			      "--",    "true", NULL};
	struct integ_run r;

	integ_ctl(args, NULL, 30, &r);
	cr_assert_neq(r.status, 0);
	cr_assert_not_null(
	    strstr(r.err, "invalid inject argument 'openat:when=0:error=ENOENT' (when= is"), "%s",
	    r.err);
	integ_run__free(&r);
}
