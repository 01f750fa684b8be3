// SPDX-License-Identifier: MIT
/*
 * Both paths give the same trace: each fixture runs under `trace --daemon -f -o A` and
 * `trace --embedded -f -o B`, and every process's lines must match once pids (named by
 * their place in the process tree), addresses and random bytes are masked.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "test_daemon.h"

static const char *const clone_calls[] = {"clone", "clone3", "fork", "vfork", NULL};
static const char *const pid_returning[] = {"getpid", "gettid", "getppid", "set_tid_address",
					    "clone",  "clone3", "fork",	   "vfork",
					    "wait4",  "waitid", NULL};
static const char *const pid_first_arg[] = {"kill", "tkill", "tgkill", "wait4", "prlimit64", NULL};
static const char *const getrandom_only[] = {"getrandom", NULL};

/* A rule replaces group 1 of its regex with repl, or with the pid's name when repl is NULL. */
static struct mask {
	const char *src;
	const char *repl;
	const char *const *only; /* the syscalls it applies to; NULL: every line */
	regex_t re;
} masks[] = {
    {.src = " = ([0-9]+)$", .only = pid_returning},
    {.src = "^[a-z0-9_]+\\(([0-9]+)", .only = pid_first_arg},
    {.src = "si_pid=([0-9]+)"},
    {.src = "/proc/([0-9]+)/"},
    {.src = "0x([0-9a-f]+)", .repl = "?"},
    {.src = "/\\* ([0-9]+) vars? \\*/", .repl = "?"},
    {.src = "si_utime=([0-9]+)", .repl = "?"},
    {.src = "si_stime=([0-9]+)", .repl = "?"},
    {.src = "^getrandom\\((\"([^\"\\\\]|\\\\.)*\"(\\.\\.\\.)?)",
     .repl = "\"?\"",
     .only = getrandom_only},
};

static bool in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

struct procs {
	int pid[64];
	size_t n;
};

static ssize_t proc_index(const struct procs *p, long pid)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->pid[i] == pid)
			return (ssize_t)i;
	return -1;
}

static void add_proc(struct procs *p, long pid)
{
	if (pid > 0 && proc_index(p, pid) < 0 && p->n < 64)
		p->pid[p->n++] = (int)pid;
}

/*
 * Names processes by the tree, not by the file's order (which depends on scheduling):
 * the first pid, then breadth-first, children in the order their parent's clones returned.
 */
static void canon_procs(const struct integ_trace *t, struct procs *p)
{
	p->n = 0;
	if (t->n)
		add_proc(p, t->v[0].pid);
	for (size_t head = 0; head < p->n; head++)
		for (size_t i = 0; i < t->n; i++)
			if (t->v[i].pid == p->pid[head] && t->v[i].kind == INTEG_SYSCALL &&
			    in_list(clone_calls, t->v[i].name))
				add_proc(p, integ_line__ret(&t->v[i]));
	/* pids the tree does not explain come last, by first appearance */
	for (size_t i = 0; i < t->n; i++)
		add_proc(p, t->v[i].pid);
}

static char *apply(const struct mask *m, const char *s, const struct procs *p)
{
	struct rn_strbuf sb = {0};
	regmatch_t g[4];
	int eflags = 0;

	cr_assert(!rn_strbuf__reserve(&sb, strlen(s) + 16));
	sb.buf[0] = '\0';
	while (*s && !regexec(&m->re, s, 4, g, eflags) && g[1].rm_eo > g[1].rm_so) {
		rn_strbuf__append(&sb, s, (size_t)g[1].rm_so);
		if (m->repl) {
			rn_strbuf__puts(&sb, m->repl);
		} else {
			long pid = strtol(s + g[1].rm_so, NULL, 10);
			ssize_t k = proc_index(p, pid);

			if (pid == 0)
				rn_strbuf__putc(&sb, '0');
			else if (k >= 0)
				rn_strbuf__printf(&sb, "P%zd", k);
			else
				rn_strbuf__puts(&sb, "P?");
		}
		s += g[1].rm_eo;
		eflags = REG_NOTBOL;
	}
	rn_strbuf__puts(&sb, s);
	return sb.buf;
}

static char *mask_line(const struct integ_line *l, const struct procs *p)
{
	char *s = strdup(l->text);

	cr_assert(s);
	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		char *next;

		if (masks[i].only && (l->kind != INTEG_SYSCALL || !in_list(masks[i].only, l->name)))
			continue;
		next = apply(&masks[i], s, p);
		free(s);
		s = next;
	}
	return s;
}

/* Lines of process k, masked, one per line. */
static char *proc_text(const struct integ_trace *t, const struct procs *p, size_t k)
{
	struct rn_strbuf sb = {0};

	cr_assert(!rn_strbuf__reserve(&sb, 0));
	sb.buf[0] = '\0';
	for (size_t i = 0; k < p->n && i < t->n; i++) {
		char *m;

		if (t->v[i].pid != p->pid[k])
			continue;
		m = mask_line(&t->v[i], p);
		rn_strbuf__printf(&sb, "%s\n", m);
		free(m);
	}
	return sb.buf;
}

/* The first line where a and b differ, for the failure message. */
static void first_diff(const char *a, const char *b, char *out, size_t len)
{
	size_t i = 0, bol = 0, line = 1;

	for (; a[i] && a[i] == b[i]; i++)
		if (a[i] == '\n') {
			bol = i + 1;
			line++;
		}
	snprintf(out, len, "line %zu:\n  daemon:   %.*s\n  embedded: %.*s", line,
		 (int)strcspn(a + bol, "\n"), a + bol, (int)strcspn(b + bol, "\n"), b + bol);
}

static void trace_both(const char *label, const char *const *cmd)
{
	char ddir[PATH_MAX], edir[PATH_MAX], diff[1024];
	const char *dopts[] = {"--daemon", "--socket", td_sock, "-f", NULL};
	const char *eopts[] = {"--embedded", "-f", NULL};
	struct integ_traced d, e;
	struct procs pd, pe;

	snprintf(ddir, sizeof(ddir), "%s/daemon-%s", td_dir, label);
	snprintf(edir, sizeof(edir), "%s/embedded-%s", td_dir, label);
	cr_assert(!mkdir(ddir, 0755) && !mkdir(edir, 0755));
	integ_traced__run(&d, ddir, dopts, cmd, true);
	integ_traced__run(&e, edir, eopts, cmd, true);
	cr_assert_eq(d.run.status, e.run.status,
		     "%s: status %d through the daemon, %d embedded: %s", label, d.run.status,
		     e.run.status, d.run.err);
	cr_assert(d.t.n > 10, "%s: daemon trace too short:\n%s", label, d.raw);
	canon_procs(&d.t, &pd);
	canon_procs(&e.t, &pe);
	cr_assert_eq(pd.n, pe.n, "%s: %zu processes through the daemon, %zu embedded", label, pd.n,
		     pe.n);
	for (size_t k = 0; k < pd.n; k++) {
		char *a = proc_text(&d.t, &pd, k), *b = proc_text(&e.t, &pe, k);

		first_diff(a, b, diff, sizeof(diff));
		cr_expect_str_eq(a, b, "%s: process P%zu differs at %s", label, k, diff);
		cr_expect(strstr(a, "+++ exited with ") || strstr(a, "+++ killed by "),
			  "%s: P%zu has no exit line:\n%s", label, k, a);
		free(a);
		free(b);
	}
	integ_traced__free(&d);
	integ_traced__free(&e);
}

Test(integ_daemon, daemon_and_embedded_paths_print_identical_lines)
{
	char *forktree = integ_fixture("forktree"), *pipeline = integ_fixture("pipeline_rw");
	char *fileops = integ_fixture("fileops");
	const char *c1[] = {forktree, NULL};
	const char *c2[] = {pipeline, "5", NULL};
	const char *c3[] = {fileops, td_dir, NULL};

	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++)
		cr_assert(!regcomp(&masks[i].re, masks[i].src, REG_EXTENDED), "bad regex %s",
			  masks[i].src);
	td_start(NULL);
	trace_both("forktree", c1);
	trace_both("pipeline_rw", c2);
	trace_both("fileops", c3);
	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++)
		regfree(&masks[i].re);
	free(forktree);
	free(pipeline);
	free(fileops);
}
