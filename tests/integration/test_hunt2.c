// SPDX-License-Identifier: MIT
/*
 * The second hunt for strace parity (issue 17), traced for real: what a formatter test cannot
 * show because it is about what BPF captures or what the kernel says after the call.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "integ.h"

TestSuite(integ_hunt2, .init = integ_setup, .fini = integ_teardown, .timeout = 60);

static size_t count_of(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* strace -v prints every record getdents64 read: here 250 of 48 bytes, 12 KiB in one call. */
Test(integ_hunt2, getdents64_under_v_prints_every_record_read)
{
	char dir[PATH_MAX - 64], path[PATH_MAX];
	const char *opts[] = {"-v", "-e", "trace=getdents64", NULL};
	const char *cmd[] = {"ls", "-a", dir, NULL};
	struct integ_traced tr;
	size_t records = 0;

	snprintf(dir, sizeof(dir), "%s/big", integ_dir);
	cr_assert_eq(mkdir(dir, 0755), 0);
	for (int i = 0; i < 250; i++) {
		snprintf(path, sizeof(path), "%s/file_with_a_longish_name_%03d", dir, i);
		cr_assert_eq(integ_write_file(path, ""), 0);
	}
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	for (size_t i = 0; i < tr.t.n; i++)
		if (!strcmp(tr.t.v[i].name, "getdents64")) {
			records += count_of(tr.t.v[i].text, "d_name=");
			cr_expect(!strstr(tr.t.v[i].text, "..."), "records left out:\n%s",
				  tr.t.v[i].text);
		}
	cr_expect_eq(records, 252, "%zu records printed of 252 (250 files, . and ..)", records);
	integ_traced__free(&tr);
}
