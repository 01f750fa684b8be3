// SPDX-License-Identifier: MIT
/*
 * strace's -v, -e abbrev=, -e verbose= and -e quiet=, and the `Process N attached` lines of -f,
 * each checked on a real program; every test passes with RENACER_TRACER=strace too.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "integ.h"

TestSuite(integ_flags_abbrev, .init = integ_setup, .fini = integ_teardown, .timeout = 120);

static void expect_line(const struct integ_traced *tr, const char *text)
{
	cr_expect(integ_trace__find(&tr->t, -1, text),
		  "missing line:\n  %s\ntrace:\n%s\nstderr:\n%s", text, tr->raw, tr->run.err);
}

static const struct integ_line *line_named(const struct integ_trace *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].kind == INTEG_SYSCALL && !strcmp(t->v[i].name, name))
			return &t->v[i];
	return NULL;
}

static size_t count_text(const char *text, const char *needle)
{
	size_t n = 0;

	for (const char *p = text; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

Test(integ_flags_abbrev, v_prints_the_environment_and_every_field)
{
	const char *cmd[] = {"env", "-i", "A=1", "B=2", "uname", "-a", NULL};
	const char *opts[] = {"-v", "-e", "trace=execve,uname", NULL};
	const struct integ_line *ex;
	struct integ_traced tr;
	struct utsname u;
	char want[2048];

	cr_assert(!uname(&u));
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	ex = NULL;
	for (size_t i = 0; i < tr.t.n; i++)
		if (strstr(tr.t.v[i].text, "[\"uname\", \"-a\"], [\"A=1\", \"B=2\"]) = 0"))
			ex = &tr.t.v[i];
	cr_expect(ex, "no execve of uname with its environment [\"A=1\", \"B=2\"]:\n%s", tr.raw);
	snprintf(want, sizeof(want),
		 "uname({sysname=\"%s\", nodename=\"%s\", release=\"%s\", version=\"%s\", "
		 "machine=\"%s\", domainname=\"%s\"}) = 0",
		 u.sysname, u.nodename, u.release, u.version, u.machine, u.domainname);
	expect_line(&tr, want);
	integ_traced__free(&tr);
}

Test(integ_flags_abbrev, v_prints_every_stat_field)
{
	const char *cmd[] = {"stat", "-L", "/etc/hostname", NULL};
	const char *opts[] = {"-v", "-e", "trace=statx", NULL};
	const struct integ_line *st;
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	st = line_named(&tr.t, "statx");
	cr_assert(st, "no statx:\n%s", tr.raw);
	cr_expect(strstr(st->text, "stx_ino=") && strstr(st->text, "stx_mtime={tv_sec=") &&
		      !strstr(st->text, "..."),
		  "statx is abbreviated under -v:\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_flags_abbrev, abbrev_none_on_one_call_leaves_the_others_abbreviated)
{
	const char *cmd[] = {"env", "-i", "A=1", "uname", NULL};
	const char *opts[] = {"-e", "abbrev=!execve", "-e", "trace=execve,uname", NULL};
	const struct integ_line *un;
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect_eq(count_text(tr.raw, "[\"uname\"], [\"A=1\"]) = 0"), 1,
		     "execve is not in full:\n%s", tr.raw);
	un = line_named(&tr.t, "uname");
	cr_assert(un, "%s", tr.raw);
	cr_expect(strstr(un->text, ", ...}) = 0"), "uname is not abbreviated:\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_flags_abbrev, verbose_none_prints_structures_as_pointers)
{
	const char *cmd[] = {"uname", NULL};
	const char *opts[] = {"-e", "verbose=none", "-e", "trace=execve,uname", NULL};
	const struct integ_line *un, *ex;
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	un = line_named(&tr.t, "uname");
	ex = line_named(&tr.t, "execve");
	cr_assert(un && ex, "%s", tr.raw);
	cr_expect(!strncmp(un->text, "uname(0x", 8), "uname's struct was decoded:\n%s", tr.raw);
	cr_expect(!strchr(ex->text, '[') && strstr(ex->text, "\"/usr/bin/uname\", 0x"),
		  "execve's argv was decoded:\n%s", tr.raw);
	integ_traced__free(&tr);
}

Test(integ_flags_abbrev, quiet_exit_leaves_out_the_exit_line)
{
	const char *cmd[] = {"sh", "-c", "exit 3", NULL};
	const char *opts[] = {"--quiet=exit", "-e", "trace=exit_group", NULL};
	const char *both[] = {"-q", "-e", "quiet=exit", "-e", "trace=exit_group", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 3, "%s", tr.run.err);
	expect_line(&tr, "exit_group(3) = ?");
	cr_expect(!strstr(tr.raw, "+++ exited"), "quiet=exit printed the exit line:\n%s", tr.raw);
	integ_traced__free(&tr);
	cr_expect_neq(integ_traced__run(&tr, integ_dir, both, cmd, false), 3,
		      "-q with -e quiet= must be refused");
	cr_expect(strstr(tr.run.err, "-q") && strstr(tr.run.err, "quiet"), "%s", tr.run.err);
	integ_traced__free(&tr);
}

/*
 * strace -f prints `Process N attached` on stderr for each new tracee, except with -o and a
 * command, where it is -q by default; -e quiet=none brings the lines back.
 */
Test(integ_flags_abbrev, f_prints_process_attached_for_each_child_unless_quiet)
{
	const char *cmd[] = {"sh", "-c", "/bin/true & wait; /bin/true; exit 0", NULL};
	const char *loud[] = {"-f", "-e", "quiet=none", "-e", "trace=clone,clone3,fork,vfork",
			      NULL};
	const char *dflt[] = {"-f", "-e", "trace=clone,clone3,fork,vfork", NULL};
	struct integ_traced tr;
	int kids[4];
	size_t n;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, loud, cmd, true), 0, "%s", tr.run.err);
	cr_assert(tr.t.n > 0, "%s", tr.run.err);
	n = integ_trace__children(&tr.t, tr.t.v[0].pid, kids, 4);
	cr_expect_eq(n, 2, "want 2 children:\n%s", tr.raw);
	for (size_t i = 0; i < n; i++) {
		char want[64];

		snprintf(want, sizeof(want), ": Process %d attached\n", kids[i]);
		cr_expect(strstr(tr.run.err, want), "no `Process %d attached` on stderr:\n%s",
			  kids[i], tr.run.err);
	}
	integ_traced__free(&tr);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, dflt, cmd, true), 0, "%s", tr.run.err);
	cr_expect(!strstr(tr.run.err, "attached"),
		  "-o with a command is quiet about attaching:\n%s", tr.run.err);
	integ_traced__free(&tr);
}

/* -v: getdents64's records as strace prints them, not the pointer and their count. */
Test(integ_flags_abbrev, v_prints_the_records_getdents64_read)
{
	char dir[512], file[600];
	const char *cmd[] = {"ls", dir, NULL};
	const char *opts[] = {"-v", "-e", "trace=getdents64", NULL};
	const struct integ_line *gd;
	struct integ_traced tr;

	integ_path(dir, sizeof(dir), "ls");
	cr_assert(!mkdir(dir, 0700));
	snprintf(file, sizeof(file), "%s/bb", dir);
	cr_assert(!integ_write_file(file, ""));
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	gd = line_named(&tr.t, "getdents64");
	cr_assert(gd, "no getdents64:\n%s", tr.raw);
	cr_expect(strstr(gd->text, ", [{d_ino=") &&
		      strstr(gd->text, "d_type=DT_REG, d_name=\"bb\"}") &&
		      strstr(gd->text, "d_type=DT_DIR, d_name=\"..\"}"),
		  "getdents64's records are not printed under -v:\n%s", tr.raw);
	expect_line(&tr, "getdents64(3, [], 32768) = 0");
	integ_traced__free(&tr);
}
