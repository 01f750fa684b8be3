// SPDX-License-Identifier: MIT
/*
 * Both paths give the same trace: each fixture runs under `trace --daemon -f -o A` and
 * `trace --embedded -f -o B`, and every process's lines must match once pids (named by
 * their place in the process tree), addresses and random bytes are masked.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "test_daemon.h"

/* Lines of process k, masked, one per line. */
static char *proc_text(const struct integ_trace *t, const struct integ_procs *p, size_t k)
{
	struct rn_strbuf sb = {0};

	cr_assert(!rn_strbuf__reserve(&sb, 0));
	sb.buf[0] = '\0';
	for (size_t i = 0; k < p->n && i < t->n; i++) {
		char *m;

		if (t->v[i].pid != p->pid[k])
			continue;
		/* which child's SIGCHLD comes first is the scheduler's choice (strace's too) */
		if (t->v[i].kind == INTEG_SIGNAL && !strncmp(t->v[i].text, "--- SIGCHLD ", 12))
			continue;
		m = integ_mask_line(&t->v[i], p);
		cr_assert(m, "cannot mask `%s`", t->v[i].text);
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

/* cmd traced both ways; `must` (if not NULL) appears in the daemon's text of P0. */
static void trace_both(const char *label, const char *const *cmd, const char *must)
{
	char ddir[PATH_MAX], edir[PATH_MAX], diff[1024];
	const char *dopts[] = {"--daemon", "--socket", td_sock, "-f", NULL};
	const char *eopts[] = {"--embedded", "-f", NULL};
	struct integ_traced d, e;
	struct integ_procs pd, pe;

	snprintf(ddir, sizeof(ddir), "%s/daemon-%s", integ_dir, label);
	snprintf(edir, sizeof(edir), "%s/embedded-%s", integ_dir, label);
	cr_assert(!mkdir(ddir, 0755) && !mkdir(edir, 0755));
	integ_traced__run(&d, ddir, dopts, cmd, true);
	integ_traced__run(&e, edir, eopts, cmd, true);
	cr_assert_eq(d.run.status, e.run.status,
		     "%s: status %d through the daemon, %d embedded: %s", label, d.run.status,
		     e.run.status, d.run.err);
	cr_assert(d.t.n > 10, "%s: daemon trace too short:\n%s", label, d.raw);
	cr_assert_eq(integ_procs__canon(&pd, &d.t), 0);
	cr_assert_eq(integ_procs__canon(&pe, &e.t), 0);
	cr_assert_eq(pd.n, pe.n, "%s: %zu processes through the daemon, %zu embedded", label, pd.n,
		     pe.n);
	for (size_t k = 0; k < pd.n; k++) {
		char *a = proc_text(&d.t, &pd, k), *b = proc_text(&e.t, &pe, k);

		if (must && k == 0)
			cr_expect(strstr(a, must), "%s: no `%s` through the daemon:\n%s", label,
				  must, a);
		first_diff(a, b, diff, sizeof(diff));
		cr_expect_str_eq(a, b, "%s: process P%zu differs at %s", label, k, diff);
		cr_expect(strstr(a, "+++ exited with ") || strstr(a, "+++ killed by "),
			  "%s: P%zu has no exit line:\n%s", label, k, a);
		free(a);
		free(b);
	}
	integ_procs__free(&pd);
	integ_procs__free(&pe);
	integ_traced__free(&d);
	integ_traced__free(&e);
}

Test(integ_daemon, daemon_and_embedded_paths_print_identical_lines)
{
	char *forktree = integ_fixture("forktree"), *pipeline = integ_fixture("pipeline_rw");
	char *fileops = integ_fixture("fileops");
	const char *c1[] = {forktree, NULL};
	const char *c2[] = {pipeline, "5", NULL};
	const char *c3[] = {fileops, integ_dir, NULL};
	const char *c4[] = {"ip", "-4", "addr", "show", "lo", NULL};

	td_start(NULL);
	trace_both("forktree", c1, NULL);
	trace_both("pipeline_rw", c2, NULL);
	trace_both("fileops", c3, NULL);
	/* netlink buffers: the daemon's records carry the socket item and the larger capture */
	trace_both("ip-addr", c4, "inet_addr(\"127.0.0.1\")], [{nla_len=8, nla_type=IFA_LOCAL}");
	free(forktree);
	free(pipeline);
	free(fileops);
}
