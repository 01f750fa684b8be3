// SPDX-License-Identifier: MIT
/*
 * Two traces of one program, made comparable: processes named by their place in the
 * process tree (P0, P1, ...) and the values that differ from run to run masked. Used by
 * the differential tests (strace vs renacer, daemon vs embedded).
 */
#include "integ.h"

#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const char *const clone_calls[] = {"clone", "clone3", "fork", "vfork", NULL};

static bool in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

size_t integ_trace__children(const struct integ_trace *t, int parent, int *kids, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n && n < max; i++) {
		const struct integ_line *l = &t->v[i];
		long long ret;

		if (l->pid != parent || l->kind != INTEG_SYSCALL || !in_list(clone_calls, l->name))
			continue;
		ret = integ_line__ret(l);
		if (ret > 0 && ret <= INT_MAX)
			kids[n++] = (int)ret;
	}
	return n;
}

ssize_t integ_procs__index(const struct integ_procs *p, int pid)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->pid[i] == pid)
			return (ssize_t)i;
	return -1;
}

static ssize_t find_pid(const int *v, size_t n, int pid)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == pid)
			return (ssize_t)i;
	return -1;
}

int integ_procs__canon(struct integ_procs *p, const struct integ_trace *t)
{
	int *seen = calloc(t->n + 1, sizeof(int));
	bool *has_parent = calloc(t->n + 1, sizeof(bool));
	int *kids = calloc(t->n + 1, sizeof(int));
	size_t nseen = 0, head = 0;
	int err = 0;

	p->n = 0;
	p->pid = calloc(t->n + 1, sizeof(int));
	if (!seen || !has_parent || !kids || !p->pid) {
		err = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < t->n; i++)
		if (find_pid(seen, nseen, t->v[i].pid) < 0)
			seen[nseen++] = t->v[i].pid;
	for (size_t j = 0; j < nseen; j++) {
		size_t nk = integ_trace__children(t, seen[j], kids, t->n);

		for (size_t k = 0; k < nk; k++) {
			ssize_t c = find_pid(seen, nseen, kids[k]);

			if (c >= 0)
				has_parent[c] = true;
		}
	}
	for (size_t j = 0; j < nseen; j++)
		if (!has_parent[j])
			p->pid[p->n++] = seen[j];
	while (head < p->n) {
		size_t nk = integ_trace__children(t, p->pid[head++], kids, t->n);

		for (size_t k = 0; k < nk; k++)
			if (integ_procs__index(p, kids[k]) < 0 &&
			    find_pid(seen, nseen, kids[k]) >= 0)
				p->pid[p->n++] = kids[k];
	}
	/* Pids the tree does not explain (a lost clone line) go last, by first appearance. */
	for (size_t j = 0; j < nseen; j++)
		if (integ_procs__index(p, seen[j]) < 0)
			p->pid[p->n++] = seen[j];
out:
	free(seen);
	free(has_parent);
	free(kids);
	return err;
}

void integ_procs__free(struct integ_procs *p)
{
	if (!p)
		return;
	free(p->pid);
	p->pid = NULL;
	p->n = 0;
}

static const char *const pid_returning[] = {
    "getpid", "getppid", "gettid",  "set_tid_address", "clone",	 "clone3", "fork", "vfork",
    "wait4",  "waitid",	 "getpgid", "getpgrp",	       "getsid", "setsid", NULL};
static const char *const pid_first_arg[] = {"kill",
					    "tkill",
					    "tgkill",
					    "wait4",
					    "prlimit64",
					    "getpgid",
					    "setpgid",
					    "getsid",
					    "sched_getaffinity",
					    "sched_setaffinity",
					    "sched_getparam",
					    "sched_setparam",
					    "sched_getscheduler",
					    "sched_setscheduler",
					    "pidfd_open",
					    NULL};
static const char *const tgkill_only[] = {"tgkill", NULL};
static const char *const capget_only[] = {"capget", NULL};
static const char *const getrandom_only[] = {"getrandom", NULL};
static const char *const wait4_only[] = {"wait4", NULL};
static const char *const sysinfo_only[] = {"sysinfo", NULL};
static const char *const statfs_only[] = {"statfs", "fstatfs", NULL};
static const char *const rusage_calls[] = {"getrusage", "wait4", "times", NULL};

/*
 * What differs between two runs of the same program, and only that. A rule replaces
 * group `group` (0 means 1) of its regex with `repl`, or with the canonical pid name
 * when repl is NULL.
 */
static struct mask_rule {
	const char *re_src;
	const char *repl;
	const char *const *only; /* syscall names the rule applies to; NULL: every line */
	int group;
	regex_t re;
} mask_rules[] = {
    /* which child wait4(-1) reaps first is up to the scheduler */
    {.re_src = "^wait4\\(-1, .* = ([0-9]+)$", .repl = "P*", .only = wait4_only},
    /* pids and tids: kernel-assigned, renamed P<k> by their place in the process tree */
    {.re_src = " = ([0-9]+)$", .repl = NULL, .only = pid_returning},
    {.re_src = "^[a-z0-9_]+\\(([0-9]+)", .repl = NULL, .only = pid_first_arg},
    /* the thread id, after the rule above named the process (P<k>) */
    {.re_src = "^tgkill\\(P?[0-9?]+, ([0-9]+)", .repl = NULL, .only = tgkill_only},
    {.re_src = "^capget\\(\\{version=[A-Z0-9_]+, pid=([0-9]+)", .repl = NULL, .only = capget_only},
    {.re_src = "si_pid=([0-9]+)", .repl = NULL, .only = NULL},
    {.re_src = "parent_tid=\\[([0-9]+)\\]", .repl = NULL, .only = NULL},
    {.re_src = "/proc/([0-9]+)/", .repl = NULL, .only = NULL},
    /* ASLR: every pointer and mapping address */
    {.re_src = "0x([0-9a-f]+)", .repl = "?", .only = NULL},
    /* the tracer's own environment size differs from strace's */
    {.re_src = "/\\* ([0-9]+) vars? \\*/", .repl = "?", .only = NULL},
    /* random bytes */
    {.re_src = "^getrandom\\((\"([^\"\\\\]|\\\\.)*\"(\\.\\.\\.)?)",
     .repl = "\"?\"",
     .only = getrandom_only},
    /* CPU time of a child at exit: clock ticks that vary run to run */
    {.re_src = "si_utime=([0-9]+( /\\* [0-9.]+ s \\*/)?)", .repl = "?", .only = NULL},
    {.re_src = "si_stime=([0-9]+( /\\* [0-9.]+ s \\*/)?)", .repl = "?", .only = NULL},
    /* mkstemp-style names (gcc's $TMPDIR/ccXXXXXX.s), also when cut by -s 32 */
    {.re_src = "/cc([A-Za-z0-9]{1,6})([.\"]|$)", .repl = "XXXXXX", .only = NULL},
    /* system-wide memory, load, uptime and free-space counters */
    {.re_src = "(uptime|freeram|sharedram|bufferram|freeswap|freehigh|procs)=([0-9]+)",
     .repl = "?",
     .only = sysinfo_only,
     .group = 2},
    {.re_src = "loads=\\[([0-9, ]+)\\]", .repl = "?", .only = sysinfo_only},
    {.re_src = "(f_bfree|f_bavail|f_ffree)=([0-9]+)", .repl = "?", .only = statfs_only, .group = 2},
    /*
     * netlink: the sequence number (ip takes the time), port ids (the pid, or a random negative
     * number for a process's second socket), interface and socket counters, TIME_WAIT
     * timers and neighbours' ages, socket cookies (handed out in order as sockets are first dumped)
     */
    {.re_src = "nlmsg_seq=([0-9]+)", .repl = "?", .only = NULL},
    {.re_src = "(nlmsg_pid|nl_pid)=(-?[1-9][0-9]*)", .repl = "?", .only = NULL, .group = 2},
    {.re_src = "(rx_[a-z_]+|tx_[a-z_]+|multicast|collisions)=([0-9]+)",
     .repl = "?",
     .only = NULL,
     .group = 2},
    {.re_src = "\\[(IPSTATS|ICMP6)_MIB_[A-Z]+\\]=([0-9]+)", .repl = "?", .only = NULL, .group = 2},
    {.re_src = "idiag_expires=([0-9]+)", .repl = "?", .only = NULL},
    {.re_src = "(ndm_confirmed|ndm_used|ndm_updated)=([0-9]+)",
     .repl = "?",
     .only = NULL,
     .group = 2},
    {.re_src = "(idiag|udiag)_cookie=\\[([0-9]+, [0-9]+)\\]",
     .repl = "?",
     .only = NULL,
     .group = 2},
    /* CPU time used so far */
    {.re_src = "(tv_sec|tv_usec)=([0-9]+)", .repl = "?", .only = rusage_calls, .group = 2},
};

#define NRULES (sizeof(mask_rules) / sizeof(mask_rules[0]))

/* Compiled once per test process (Criterion forks one per test). */
static int compile_rules(void)
{
	static int compiled; /* 0 not yet, 1 done, -EINVAL a rule does not compile */

	for (size_t i = 0; !compiled && i < NRULES; i++)
		if (regcomp(&mask_rules[i].re, mask_rules[i].re_src, REG_EXTENDED))
			compiled = -EINVAL;
	if (!compiled)
		compiled = 1;
	return compiled < 0 ? compiled : 0;
}

static char *apply_rule(const struct mask_rule *r, const char *s, const struct integ_procs *p)
{
	struct rn_strbuf sb = {0};
	const char *cur = s;
	int g = r->group ? r->group : 1;
	regmatch_t m[4];
	int eflags = 0;

	if (rn_strbuf__reserve(&sb, strlen(s) + 16))
		return NULL;
	sb.buf[0] = '\0';
	while (*cur && !regexec(&r->re, cur, 4, m, eflags) && m[g].rm_so >= 0 &&
	       m[g].rm_eo > m[g].rm_so) {
		rn_strbuf__append(&sb, cur, (size_t)m[g].rm_so);
		if (r->repl) {
			rn_strbuf__puts(&sb, r->repl);
		} else {
			long pid = strtol(cur + m[g].rm_so, NULL, 10);
			ssize_t k = integ_procs__index(p, (int)pid);

			if (pid == 0)
				rn_strbuf__putc(&sb, '0');
			else if (k >= 0)
				rn_strbuf__printf(&sb, "P%zd", k);
			else
				rn_strbuf__puts(&sb, "P?");
		}
		cur += m[g].rm_eo;
		eflags = REG_NOTBOL;
	}
	rn_strbuf__puts(&sb, cur);
	return sb.buf;
}

char *integ_mask_line(const struct integ_line *l, const struct integ_procs *p)
{
	char *s;

	if (compile_rules())
		return NULL;
	s = strdup(l->text);
	for (size_t i = 0; s && i < NRULES; i++) {
		const struct mask_rule *r = &mask_rules[i];
		char *next;

		if (r->only && (l->kind != INTEG_SYSCALL || !in_list(r->only, l->name)))
			continue;
		next = apply_rule(r, s, p);
		free(s);
		s = next;
	}
	return s;
}
