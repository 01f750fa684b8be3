// SPDX-License-Identifier: MIT
/* strace's -e inject=/fault= syntax (lib/decode/injectspec.c). */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "injectspec.h"
#include "systable.h"

static bool in_set(const struct rn_injectspec *in, const char *name)
{
	int nr = rn_syscall__by_name(name);

	return nr >= 0 && (in->set[nr / 64] & (1ULL << (nr % 64)));
}

Test(unit_injectspec, error_and_when_as_strace_reads_them)
{
	struct rn_injectspec in;
	char err[256] = "";

	cr_assert_eq(
	    rn_injectspec__parse(&in, "inject=openat:error=ENOENT:when=2", err, sizeof(err)), 0,
	    "%s", err);
	cr_assert(in_set(&in, "openat"));
	cr_assert_not(in_set(&in, "open"));
	cr_assert_eq(in.error, ENOENT);
	cr_assert_eq(in.first, 2);
	cr_assert_eq(in.step, 0, "when=2 fails the second call only");
	cr_assert_eq(rn_injectspec__parse(&in, "inject=%file:retval=42:when=3+", err, sizeof(err)),
		     0, "%s", err);
	cr_assert(in_set(&in, "open") && in_set(&in, "unlinkat"));
	cr_assert(in.has_retval && in.retval == 42 && in.error == 0);
	cr_assert_eq(in.first, 3);
	cr_assert_eq(in.step, 1);
	cr_assert_eq(
	    rn_injectspec__parse(&in, "inject=read,write:error=5:when=1+4", err, sizeof(err)), 0,
	    "%s", err);
	cr_assert_eq(in.error, EIO);
	cr_assert_eq(in.step, 4);
	cr_assert_eq(rn_injectspec__parse(&in, "inject=getpid:signal=SIGUSR1", err, sizeof(err)), 0,
		     "%s", err);
	cr_assert(in.signal > 0 && in.first == 1 && in.step == 1, "every call by default");
	cr_assert_eq(rn_injectspec__parse(&in, "fault=openat", err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(in.error, ENOSYS, "fault= fails with ENOSYS by default");
}

static void refused(const char *expr, int ret, const char *needle)
{
	struct rn_injectspec in;
	char err[256] = "";

	cr_assert_eq(rn_injectspec__parse(&in, expr, err, sizeof(err)), ret, "%s: %s", expr, err);
	cr_assert_not_null(strstr(err, needle), "%s: '%s' lacks '%s'", expr, err, needle);
}

Test(unit_injectspec, what_strace_refuses_is_refused_with_the_reason)
{
	refused("inject=openat:error=EFOO", -EINVAL,
		"invalid inject argument 'openat:error=EFOO' (error= takes");
	refused("inject=openat", -EINVAL, "say what to inject");
	refused("inject=openat:when=0:error=ENOENT", -EINVAL, "when= is FIRST");
	refused("inject=openat:error=ENOENT:when=2+0", -EINVAL, "when= is FIRST");
	refused("inject=openat:error=ENOENT:retval=0", -EINVAL, "exclude each other");
	refused("inject=openat:error=5000", -EINVAL, "from 1 to 4095");
	refused("inject=nosuch:error=ENOENT", -EINVAL, "invalid system call 'nosuch'");
	refused("inject=:error=ENOENT", -EINVAL, "starts with the syscalls");
	refused("inject=openat:error=ENOENT:delay_enter=5", -EOPNOTSUPP, "delay_enter");
}
