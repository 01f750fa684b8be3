// SPDX-License-Identifier: MIT
/* Processes and memory: clone, wait, rusage, rlimit, futex, prctl, execve, CPU masks, mmap. */
#include "format_int.h"

#include <string.h>

#include "xlat.h"

int rn_fmt__arg_mmap_flags(struct ctx *c, unsigned i)
{
	uint32_t v = (uint32_t)c->a[i];
	uint32_t huge = v & (0x3fu << 26);

	rn_xlat__print_val(c->sb, &rn_xl_mmap_type, v & 0xf);
	v &= ~0xfu & ~huge;
	if (v) {
		PUTC('|');
		rn_xlat__print_flags(c->sb, &rn_xl_mmap_flags, v, NULL);
	}
	if (huge)
		rn_strbuf__printf(c->sb, "|%u<<MAP_HUGE_SHIFT", huge >> 26);
	return CONT;
}

static void put_clone_flags(struct ctx *c, uint64_t fl)
{
	uint64_t sig = fl & 0xff;

	fl &= ~0xffull;
	if (fl)
		rn_xlat__print_flags(c->sb, &rn_xl_clone_flags, fl, NULL);
	if (sig) {
		if (fl)
			PUTC('|');
		rn_fmt__put_signal(c->sb, (int)sig);
	}
	if (!fl && !sig)
		PUTC('0');
}

/* x86_64 clone(flags, stack, parent_tid, child_tid, tls), printed in strace's order. */
int rn_fmt__arg_clone(struct ctx *c, unsigned i)
{
	uint64_t fl = c->a[i];

	PUTS("child_stack=");
	rn_fmt__put_ptr(c->sb, c->a[1]);
	PUTS(", flags=");
	put_clone_flags(c, fl);
	if (fl & 0x100000) { /* CLONE_PARENT_SETTID */
		const struct rn_item *it = c->ok ? rn_fmt__data_of(c, 2, 0, 4) : NULL;

		PUTS(", parent_tid=");
		if (it)
			rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(rn_item__data(it), 0));
		else
			rn_fmt__put_ptr(c->sb, c->a[2]);
	}
	if (fl & 0x1200000) { /* CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID */
		PUTS(", child_tidptr=");
		rn_fmt__put_ptr(c->sb, c->a[3]);
	}
	if (fl & 0x80000) { /* CLONE_SETTLS */
		PUTS(", tls=");
		rn_fmt__put_ptr(c->sb, c->a[4]);
	}
	return STOP;
}

int rn_fmt__arg_clone3(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 64);
	const void *p;
	uint64_t fl;

	if (!c->a[i] || !it) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	p = rn_item__data(it);
	fl = get_u64(p, 0);
	PUTS("{flags=");
	rn_xlat__print_flags(c->sb, &rn_xl_clone_flags, fl, NULL);
	if (fl & 0x1000) { /* CLONE_PIDFD */
		PUTS(", pidfd=");
		rn_fmt__put_ptr(c->sb, get_u64(p, 8));
	}
	if (fl & 0x1200000) {
		PUTS(", child_tid=");
		rn_fmt__put_ptr(c->sb, get_u64(p, 16));
	}
	if (fl & 0x100000) {
		PUTS(", parent_tid=");
		rn_fmt__put_ptr(c->sb, get_u64(p, 24));
	}
	PUTS(", exit_signal=");
	rn_fmt__put_signal(c->sb, (int)get_u64(p, 32));
	PUTS(", stack=");
	rn_fmt__put_ptr(c->sb, get_u64(p, 40));
	PUTS(", stack_size=");
	rn_fmt__put_hex0(c->sb, get_u64(p, 48));
	if (fl & 0x80000) {
		PUTS(", tls=");
		rn_fmt__put_ptr(c->sb, get_u64(p, 56));
	}
	PUTC('}');
	/* The kernel stores the child's tid (the return value) at parent_tid. */
	if ((fl & 0x100000) && c->ok)
		rn_strbuf__printf(c->sb, " => {parent_tid=[%lld]}", (long long)c->ret);
	return CONT;
}

int rn_fmt__arg_wstatus(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok && c->ret ? rn_fmt__data_of(c, i, 0, 4) : NULL;
	int st;

	if (!c->a[i] || !it) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	st = (int)get_u32(rn_item__data(it), 0);
	PUTS("[{");
	if ((st & 0x7f) == 0)
		rn_strbuf__printf(c->sb, "WIFEXITED(s) && WEXITSTATUS(s) == %d", (st >> 8) & 0xff);
	else if ((st & 0xff) == 0x7f) {
		PUTS("WIFSTOPPED(s) && WSTOPSIG(s) == ");
		rn_fmt__put_signal(c->sb, (st >> 8) & 0xff);
	} else if (st == 0xffff)
		PUTS("WIFCONTINUED(s)");
	else {
		PUTS("WIFSIGNALED(s) && WTERMSIG(s) == ");
		rn_fmt__put_signal(c->sb, st & 0x7f);
		if (st & 0x80)
			PUTS(" && WCOREDUMP(s)");
	}
	PUTS("}]");
	return CONT;
}

int rn_fmt__arg_rusage(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 144, true);
	static const char *const longs[] = {
	    "maxrss",  "ixrss",	  "idrss",  "isrss",  "minflt",	  "majflt", "nswap",
	    "inblock", "oublock", "msgsnd", "msgrcv", "nsignals", "nvcsw",  "nivcsw",
	};

	if (!p)
		return CONT;
	PUTS("{ru_utime=");
	rn_fmt__put_timeval(c, p);
	PUTS(", ru_stime=");
	rn_fmt__put_timeval(c, (const char *)p + 16);
	if (c->abbrev) {
		PUTS(", ...}");
		return CONT;
	}
	for (unsigned k = 0; k < sizeof(longs) / sizeof(longs[0]); k++)
		rn_strbuf__printf(c->sb, ", ru_%s=%lld", longs[k],
				  (long long)get_u64(p, 32 + 8 * k));
	PUTC('}');
	return CONT;
}

static void put_rlim(struct ctx *c, uint64_t v)
{
	if (v == UINT64_MAX)
		PUTS("RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		rn_strbuf__printf(c->sb, "%llu*1024", (unsigned long long)(v / 1024));
	else
		rn_strbuf__append_u64(c->sb, v);
}

static int rlimit(struct ctx *c, unsigned i, bool out)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 16, out);

	if (!p)
		return CONT;
	PUTS("{rlim_cur=");
	put_rlim(c, get_u64(p, 0));
	PUTS(", rlim_max=");
	put_rlim(c, get_u64(p, 8));
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_rlimit(struct ctx *c, unsigned i)
{
	return rlimit(c, i, false);
}

int rn_fmt__arg_rlimit_out(struct ctx *c, unsigned i)
{
	return rlimit(c, i, true);
}

/* futex(uaddr, op, val, timeout|val2, uaddr2, val3): which follow depends on op. */
int rn_fmt__arg_futex_op(struct ctx *c, unsigned i)
{
	uint32_t op = (uint32_t)c->a[i];
	uint32_t cmd = op & 0x7f;
	const char *name = rn_xlat__name(&rn_xl_futex_ops, cmd);

	if (!name) {
		rn_xlat__print_val(c->sb, &rn_xl_futex_ops, op);
		return CONT;
	}
	PUTS(name);
	if (op & 128)
		PUTS("_PRIVATE");
	if (op & 256)
		PUTS("|FUTEX_CLOCK_REALTIME");
	if (op & ~0x1ffu)
		rn_strbuf__printf(c->sb, "|%#x", op & ~0x1ffu);
	rn_strbuf__printf(c->sb, ", %u", (uint32_t)c->a[2]);
	switch (cmd) {
	case 0: /* FUTEX_WAIT */
	case 9: /* FUTEX_WAIT_BITSET */
		PUTS(", ");
		if (c->verbose)
			rn_fmt__arg_timespec(c, 3);
		else /* strace -e verbose=none: the pointer */
			rn_fmt__put_ptr(c->sb, c->a[3]);
		if (cmd == 0)
			break;
		/* fall through */
	case 10: /* FUTEX_WAKE_BITSET */
		PUTS(", ");
		if ((uint32_t)c->a[5] == UINT32_MAX)
			PUTS("FUTEX_BITSET_MATCH_ANY");
		else
			rn_fmt__put_hex0(c->sb, (uint32_t)c->a[5]);
		break;
	case 1: /* FUTEX_WAKE */
		break;
	default:
		rn_strbuf__printf(c->sb, ", ");
		rn_fmt__put_hex0(c->sb, c->a[3]);
		PUTS(", ");
		rn_fmt__put_ptr(c->sb, c->a[4]);
		PUTS(", ");
		rn_fmt__put_hex0(c->sb, (uint32_t)c->a[5]);
		break;
	}
	return STOP;
}

static void put_field_str(struct ctx *c, const char *name, const char *p, size_t max)
{
	PUTS(name);
	rn_fmt__quoted(c->sb, p, strnlen(p, max), false);
}

int rn_fmt__arg_utsname(struct ctx *c, unsigned i)
{
	const char *p = rn_fmt__struct_or_ptr(c, i, 390, true);

	if (!p)
		return CONT;
	put_field_str(c, "{sysname=", p, 65);
	put_field_str(c, ", nodename=", p + 65, 65);
	if (c->abbrev) {
		PUTS(", ...}");
		return CONT;
	}
	put_field_str(c, ", release=", p + 130, 65);
	put_field_str(c, ", version=", p + 195, 65);
	put_field_str(c, ", machine=", p + 260, 65);
	put_field_str(c, ", domainname=", p + 325, 65);
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_sysinfo(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 112, true);

	if (!p)
		return CONT;
	rn_strbuf__printf(
	    c->sb,
	    "{uptime=%lld, loads=[%llu, %llu, %llu], totalram=%llu, freeram=%llu, "
	    "sharedram=%llu, bufferram=%llu, totalswap=%llu, freeswap=%llu, procs=%u, "
	    "totalhigh=%llu, freehigh=%llu, mem_unit=%u}",
	    (long long)get_u64(p, 0), (unsigned long long)get_u64(p, 8),
	    (unsigned long long)get_u64(p, 16), (unsigned long long)get_u64(p, 24),
	    (unsigned long long)get_u64(p, 32), (unsigned long long)get_u64(p, 40),
	    (unsigned long long)get_u64(p, 48), (unsigned long long)get_u64(p, 56),
	    (unsigned long long)get_u64(p, 64), (unsigned long long)get_u64(p, 72), get_u16(p, 80),
	    (unsigned long long)get_u64(p, 88), (unsigned long long)get_u64(p, 96),
	    get_u32(p, 104));
	return CONT;
}

int rn_fmt__arg_tms(struct ctx *c, unsigned i)
{
	static const char *const names[4] = {
	    "{tms_utime=", ", tms_stime=", ", tms_cutime=", ", tms_cstime="};
	const void *p = rn_fmt__struct_or_ptr(c, i, 32, true);

	if (!p)
		return CONT;
	for (unsigned k = 0; k < 4; k++) {
		PUTS(names[k]);
		rn_fmt__put_clock_t(c->sb, get_u64(p, k * 8));
	}
	PUTC('}');
	return CONT;
}

/* execve's argv: ["ls", "-l"], cut to -s strings with `...` as strace's abbrev mode does. */
int rn_fmt__arg_argv(struct ctx *c, unsigned i)
{
	const struct rn_item *cnt = rn_fmt__data_of(c, i, 0, 4);
	uint32_t n;

	if (!c->a[i] || !cnt) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	n = get_u32(rn_item__data(cnt), 0);
	PUTC('[');
	for (uint32_t k = 0; k < n; k++) {
		const struct rn_item *s = k < 255 ? rn_event__item(c->ev, i, k + 1) : NULL;

		if (k)
			PUTS(", ");
		if ((c->abbrev && k >= c->strsize) || !s) {
			PUTS("...");
			break;
		}
		if (s->flags & RN_IF_FAULT)
			PUTS("???");
		else
			rn_fmt__put_cstr(c, s, true);
	}
	PUTC(']');
	return CONT;
}

int rn_fmt__arg_envp(struct ctx *c, unsigned i)
{
	const struct rn_item *cnt = rn_fmt__data_of(c, i, 0, 4);

	/* -v: the strings, when they were captured (renacerd's capture has only the count) */
	if (!c->abbrev && c->a[i] && cnt && rn_event__item(c->ev, i, 1))
		return rn_fmt__arg_argv(c, i);
	rn_fmt__put_ptr(c->sb, c->a[i]);
	if (c->a[i] && cnt) {
		uint32_t n = get_u32(rn_item__data(cnt), 0);

		rn_strbuf__printf(c->sb, " /* %u var%s */", n, n == 1 ? "" : "s");
	}
	return CONT;
}

/* strace's print_prctl_args: the arguments from `first` on, in hex. */
static void prctl_rest(struct ctx *c, unsigned first)
{
	for (unsigned k = first; k < 5; k++) {
		PUTS(", ");
		rn_fmt__put_hex0(c->sb, c->a[k]);
	}
}

/* An option's value as strace prints it: its name, else the number and `X_???`. */
static void prctl_val(struct ctx *c, const struct rn_xlat *x, uint64_t v)
{
	PUTS(", ");
	rn_xlat__print_val(c->sb, x, v);
}

/*
 * An int the kernel wrote (PR_GET_PDEATHSIG, PR_GET_CHILD_SUBREAPER): argument 1 is captured
 * as a string, whose bytes are the int's up to its first zero byte, so a value below 256 (all
 * these options return) is exact.
 */
static void prctl_int_out(struct ctx *c, bool sig)
{
	const struct rn_item *it = c->ok ? rn_fmt__data_of(c, 1, 0, 0) : NULL;
	int v;

	PUTS(", ");
	if (!c->a[1] || !it || it->len > 1) {
		rn_fmt__put_ptr(c->sb, c->a[1]);
		return;
	}
	v = it->len ? *(const unsigned char *)rn_item__data(it) : 0;
	PUTC('[');
	if (sig)
		rn_fmt__put_signal(c->sb, v);
	else
		rn_strbuf__append_u64(c->sb, (uint64_t)v);
	PUTC(']');
}

/* prctl(option, ...): the arguments printed depend on the option, as in strace's prctl.c. */
/*
 * A task's name, as strace reads it: TASK_COMM_LEN (16) bytes in which it wants the NUL
 * among the first 15, so a name of 15 characters or more is printed cut, with `...`.
 */
static void put_comm(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->a[i] ? rn_fmt__data_of(c, i, 0, 0) : NULL;
	const char *s = it ? rn_item__data(it) : NULL;
	size_t n = s ? strnlen(s, it->len) : 0, limit = c->strsize < 15 ? c->strsize : 15;

	if (!it) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return;
	}
	rn_fmt__quoted_x(c, s, n < limit ? n : limit, false);
	if (n >= 15 || n > limit || (it->flags & RN_IF_TRUNC))
		PUTS("...");
}

int rn_fmt__arg_prctl_op(struct ctx *c, unsigned i)
{
	uint32_t op = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_prctl_ops, op);
	switch (op) {
	case 3:	 /* PR_GET_DUMPABLE */
	case 7:	 /* PR_GET_KEEPCAPS */
	case 13: /* PR_GET_TIMING */
	case 21: /* PR_GET_SECCOMP */
	case 27: /* PR_GET_SECUREBITS */
	case 30: /* PR_GET_TIMERSLACK */
	case 31: /* PR_TASK_PERF_EVENTS_DISABLE */
	case 32: /* PR_TASK_PERF_EVENTS_ENABLE */
	case 46: /* PR_GET_FP_MODE */
		break;
	case 15: /* PR_SET_NAME */
	case 16: /* PR_GET_NAME */
		PUTS(", ");
		if (op == 16 && !c->ok)
			rn_fmt__put_ptr(c->sb, c->a[1]);
		else
			put_comm(c, 1);
		break;
	case 2:	 /* PR_GET_PDEATHSIG */
	case 37: /* PR_GET_CHILD_SUBREAPER */
		prctl_int_out(c, op == 2);
		break;
	case 1: /* PR_SET_PDEATHSIG */
		PUTS(", ");
		if (c->a[1] > 128)
			rn_strbuf__append_u64(c->sb, c->a[1]);
		else
			rn_fmt__put_signal(c->sb, (int)c->a[1]);
		break;
	case 4: /* PR_SET_DUMPABLE */
		prctl_val(c, &rn_xl_dumpable, c->a[1]);
		break;
	case 8:	 /* PR_SET_KEEPCAPS */
	case 10: /* PR_SET_FPEMU */
	case 12: /* PR_SET_FPEXC */
	case 14: /* PR_SET_TIMING */
	case 20: /* PR_SET_ENDIAN */
	case 36: /* PR_SET_CHILD_SUBREAPER */
		PUTS(", ");
		rn_strbuf__append_u64(c->sb, c->a[1]);
		break;
	case 23: /* PR_CAPBSET_READ */
	case 24: /* PR_CAPBSET_DROP */
		prctl_val(c, &rn_xl_caps, c->a[1]);
		break;
	case 47: /* PR_CAP_AMBIENT */
		prctl_val(c, &rn_xl_cap_ambient, c->a[1]);
		if (c->a[1] >= 1 && c->a[1] <= 3) { /* IS_SET, RAISE, LOWER: a capability */
			prctl_val(c, &rn_xl_caps, c->a[2]);
			prctl_rest(c, 3);
		} else {
			prctl_rest(c, 2);
		}
		break;
	case 28: /* PR_SET_SECUREBITS */
		PUTS(", ");
		rn_xlat__print_flags(c->sb, &rn_xl_secbits, c->a[1], NULL);
		break;
	case 29: /* PR_SET_TIMERSLACK */
		PUTS(", ");
		rn_strbuf__append_s64(c->sb, (int64_t)c->a[1]);
		break;
	case 38: /* PR_SET_NO_NEW_PRIVS */
	case 41: /* PR_SET_THP_DISABLE */
		PUTS(", ");
		rn_strbuf__append_u64(c->sb, c->a[1]);
		prctl_rest(c, 2);
		break;
	case 0x59616d61: /* PR_SET_PTRACER */
		PUTS(", ");
		if ((int32_t)c->a[1] == -1)
			PUTS("PR_SET_PTRACER_ANY");
		else
			rn_strbuf__append_u64(c->sb, c->a[1]);
		break;
	default: /* PR_GET_NO_NEW_PRIVS, PR_GET_THP_DISABLE and the rest: all four, in hex */
		prctl_rest(c, 1);
	}
	return STOP;
}

/* A CPU mask as strace prints it, [0 1]; the address when it was not captured. */
static int put_cpuset(struct ctx *c, unsigned i, const struct rn_item *it)
{
	const unsigned char *p;
	bool first = true;

	if (!it) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	p = rn_item__data(it);
	PUTC('[');
	for (uint32_t b = 0; b < it->len * 8; b++) {
		if (!(p[b / 8] & (1u << (b % 8))))
			continue;
		if (!first)
			PUTC(' ');
		first = false;
		rn_strbuf__append_u64(c->sb, b);
	}
	PUTC(']');
	return CONT;
}

int rn_fmt__arg_cpuset_out(struct ctx *c, unsigned i)
{
	return put_cpuset(c, i, c->ok ? rn_fmt__data_of(c, i, 0, 0) : NULL);
}

int rn_fmt__arg_cpuset(struct ctx *c, unsigned i)
{
	return put_cpuset(c, i, rn_fmt__data_of(c, i, 0, 0));
}

/* strace's print_array of gid_t: at most -s elements, then `...`. */
static int put_gid_list(struct ctx *c, unsigned i, const struct rn_item *it, int64_t count)
{
	uint32_t have, n;

	if (!c->a[i] || count < 0 || (count > 0 && !it)) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	have = it ? it->len / 4 : 0;
	n = count < (int64_t)have ? (uint32_t)count : have;
	if (n > c->strsize)
		n = c->strsize;
	PUTC('[');
	for (uint32_t k = 0; k < n; k++) {
		if (k)
			PUTS(", ");
		rn_strbuf__append_u64(c->sb, get_u32(rn_item__data(it), (size_t)k * 4));
	}
	if ((int64_t)n < count)
		PUTS(n ? ", ..." : "...");
	PUTC(']');
	return CONT;
}

int rn_fmt__arg_gid_list(struct ctx *c, unsigned i)
{
	return put_gid_list(c, i, rn_fmt__data_of(c, i, 0, 0), i ? (int32_t)c->a[i - 1] : -1);
}

int rn_fmt__arg_gid_list_out(struct ctx *c, unsigned i)
{
	if (!c->ok) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	return put_gid_list(c, i, rn_fmt__data_of(c, i, 0, 0), c->ret);
}
