/* SPDX-License-Identifier: MIT */
/*
 * [[watch]] globs as the kernel matches them at cgroup_mkdir (lib/engine/watchglob.c, the
 * same steps as bpf/watch.bpf.h), against fnmatch(3), which glob(3) uses per component: the
 * once-a-second look and the kernel must agree on every name.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fnmatch.h>
#include <string.h>

#include "watchglob.h"

static const char *const globs[] = {
    "actions.runner.*", /* the README's, as written */
    "actions.runner.*.service",
    "docker-*.scope",
    "gitlab-runner.service",
    "runner-*-project-*-concurrent-*",
    "job-?[0-9]*",
    "*[!a-z]",
    "[]x]*",
    "a\\*b*",
    "*.*.*",
    "**x",
    "[^.]*",
    "x[",
};

static const char *const names[] = {
    "actions.runner.org-repo.runner1.service",
    "actions.runner.service",
    "docker-0123456789abcdef.scope",
    "docker-.scope",
    "gitlab-runner.service",
    "runner-abc-project-12-concurrent-0",
    "runner-abc-project-12-concurrent",
    "job-a7",
    "job-77-x",
    "job-",
    "abc",
    "abc9",
    "]x",
    "x",
    "a*bc",
    "axbc",
    "a.b.c",
    ".hidden.x",
    "xx",
    ".x",
    "x[",
    "z",
};

Test(unit_watchglob, the_kernel_matcher_agrees_with_fnmatch_on_every_name)
{
	struct rn_watch_pattern w;

	for (size_t g = 0; g < sizeof(globs) / sizeof(globs[0]); g++) {
		cr_assert_eq(rn_watchglob__compile(globs[g], &w), 0, "cannot compile %s", globs[g]);
		for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
			bool want = fnmatch(globs[g], names[n], FNM_PERIOD) == 0;

			cr_expect_eq(rn_watchglob__match(&w, names[n]), want, "%s against %s: %s",
				     globs[g], names[n], want ? "no match" : "a match");
		}
	}
}

Test(unit_watchglob, what_the_kernel_cannot_match_is_refused)
{
	struct rn_watch_pattern w;
	char long_glob[RN_WATCH_GLOB + 2];

	memset(long_glob, 'a', sizeof(long_glob) - 1);
	long_glob[sizeof(long_glob) - 1] = '\0';
	cr_expect_eq(rn_watchglob__compile("a/b*", &w), -EINVAL);
	cr_expect_eq(rn_watchglob__compile("", &w), -EINVAL);
	cr_expect_eq(rn_watchglob__compile(long_glob, &w), -EINVAL);
	long_glob[RN_WATCH_GLOB] = '\0';
	cr_expect_eq(rn_watchglob__compile(long_glob, &w), 0);
}
