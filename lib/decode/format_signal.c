// SPDX-License-Identifier: MIT
/* Signals: numbers, sets, sigaction, stack_t and siginfo. */
#include "format_int.h"

#include <unistd.h>

#include "errnames.h"
#include "xlat.h"

/* Signal set of 64 bits: [INT TERM], or ~[...] when more than half are set. */
void rn_fmt__put_sigset(struct rn_strbuf *sb, uint64_t set)
{
	bool first = true;

	if (__builtin_popcountll(set) > 32) {
		rn_strbuf__putc(sb, '~');
		set = ~set;
	}
	rn_strbuf__putc(sb, '[');
	for (int sig = 1; sig <= 64; sig++) {
		const char *name;

		if (!(set & (1ull << (sig - 1))))
			continue;
		if (!first)
			rn_strbuf__putc(sb, ' ');
		first = false;
		name = rn_signal__name(sig);
		rn_strbuf__puts(sb, name + 3);
	}
	rn_strbuf__putc(sb, ']');
}

void rn_fmt__put_signal(struct rn_strbuf *sb, int sig)
{
	const char *name = rn_signal__name(sig);

	if (name)
		rn_strbuf__puts(sb, name);
	else
		rn_strbuf__append_s64(sb, sig);
}

int rn_fmt__arg_sig(struct ctx *c, unsigned i)
{
	rn_fmt__put_signal(c->sb, (int32_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_sigset(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 8);

	if (!c->a[i] || !it)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else
		rn_fmt__put_sigset(c->sb, get_u64(rn_item__data(it), 0));
	return CONT;
}

int rn_fmt__arg_sigframe_mask(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 8);

	rn_strbuf__puts(c->sb, "{mask=");
	if (it)
		rn_fmt__put_sigset(c->sb, get_u64(rn_item__data(it), 0));
	else
		rn_fmt__put_ptr(c->sb, c->a[i]);
	rn_strbuf__putc(c->sb, '}');
	return CONT;
}

int rn_fmt__arg_sigaction(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 32);
	const void *p;
	uint64_t h, fl;

	if (!c->a[i] || !it) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	p = rn_item__data(it);
	h = get_u64(p, 0);
	fl = get_u64(p, 8);
	PUTS("{sa_handler=");
	if (h == 0)
		PUTS("SIG_DFL");
	else if (h == 1)
		PUTS("SIG_IGN");
	else if (h == UINT64_MAX)
		PUTS("SIG_ERR");
	else
		rn_strbuf__append_hex(c->sb, h);
	PUTS(", sa_mask=");
	rn_fmt__put_sigset(c->sb, get_u64(p, 24));
	PUTS(", sa_flags=");
	rn_xlat__print_flags(c->sb, &rn_xl_sigact_flags, fl, NULL);
	if (fl & 0x04000000) {
		PUTS(", sa_restorer=");
		rn_fmt__put_ptr(c->sb, get_u64(p, 16));
	}
	PUTC('}');
	return CONT;
}

static int stack_t_arg(struct ctx *c, unsigned i, bool out)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 24, out);

	if (!p)
		return CONT;
	PUTS("{ss_sp=");
	rn_fmt__put_ptr(c->sb, get_u64(p, 0));
	PUTS(", ss_flags=");
	rn_xlat__print_flags(c->sb, &rn_xl_ss_flags, get_u32(p, 8), NULL);
	rn_strbuf__printf(c->sb, ", ss_size=%llu}", (unsigned long long)get_u64(p, 16));
	return CONT;
}

int rn_fmt__arg_sigevent(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 32, false);
	uint64_t value;
	uint32_t notify;

	if (!p)
		return CONT;
	value = get_u64(p, 0);
	notify = get_u32(p, 12);
	PUTC('{');
	if (value)
		rn_strbuf__printf(c->sb, "sigev_value={sival_int=%d, sival_ptr=%#llx}, ",
				  (int)(uint32_t)value, (unsigned long long)value);
	PUTS("sigev_signo=");
	rn_fmt__put_signal(c->sb, (int)get_u32(p, 8));
	PUTS(", sigev_notify=");
	rn_xlat__print_val(c->sb, &rn_xl_sigev_notify, notify);
	if (notify == 4) { /* SIGEV_THREAD_ID */
		rn_strbuf__printf(c->sb, ", sigev_notify_thread_id=%d", (int)get_u32(p, 16));
	} else if (notify == 2) { /* SIGEV_THREAD */
		PUTS(", sigev_notify_function=");
		rn_fmt__put_ptr(c->sb, get_u64(p, 16));
		PUTS(", sigev_notify_attributes=");
		rn_fmt__put_ptr(c->sb, get_u64(p, 24));
	}
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_stack_t(struct ctx *c, unsigned i)
{
	return stack_t_arg(c, i, false);
}

int rn_fmt__arg_stack_t_out(struct ctx *c, unsigned i)
{
	return stack_t_arg(c, i, true);
}

static const struct rn_xlat *sigcode_table(int signo, int code)
{
	if (code <= 0 || code == 0x80)
		return &rn_xl_sigcodes_si;
	switch (signo) {
	case 17:
		return &rn_xl_sigcodes_chld;
	case 11:
		return &rn_xl_sigcodes_segv;
	case 7:
		return &rn_xl_sigcodes_bus;
	case 8:
		return &rn_xl_sigcodes_fpe;
	case 4:
		return &rn_xl_sigcodes_ill;
	case 5:
		return &rn_xl_sigcodes_trap;
	case 29:
		return &rn_xl_sigcodes_poll;
	}
	return NULL;
}

/* A clock_t as strace prints it: 150, then `1.50 s` in a comment (at 100 ticks a second). */
void rn_fmt__put_clock_t(struct rn_strbuf *sb, uint64_t v)
{
	static long hz;
	int width = 0;

	if (!hz)
		hz = sysconf(_SC_CLK_TCK);
	rn_strbuf__append_u64(sb, v);
	if (!v || hz <= 0)
		return;
	for (long k = hz; k > 1; k /= 10)
		width++;
	rn_strbuf__printf(sb, " /* %llu.%0*llu s */", (unsigned long long)(v / (uint64_t)hz), width,
			  (unsigned long long)(v % (uint64_t)hz));
}

/* si_value of a queued or timer signal: its int (the status slot) and its pointer (addr). */
static void put_sigval(struct rn_strbuf *sb, const struct siginfo_view *s)
{
	rn_strbuf__printf(sb, ", si_int=%d, si_ptr=", s->status);
	rn_fmt__put_ptr(sb, s->addr);
}

void rn_fmt__put_siginfo(struct rn_strbuf *sb, const struct siginfo_view *s)
{
	const struct rn_xlat *codes = sigcode_table(s->signo, s->code);
	const char *cname = codes ? rn_xlat__name(codes, (uint64_t)(int64_t)s->code) : NULL;

	rn_strbuf__puts(sb, "{si_signo=");
	rn_fmt__put_signal(sb, s->signo);
	rn_strbuf__puts(sb, ", si_code=");
	if (cname)
		rn_strbuf__puts(sb, cname);
	else
		rn_strbuf__append_s64(sb, s->code);
	if (s->errno_) {
		const char *e = rn_errno__name(s->errno_);

		rn_strbuf__puts(sb, ", si_errno=");
		if (e)
			rn_strbuf__puts(sb, e);
		else
			rn_strbuf__append_s64(sb, s->errno_);
	}
	if (s->code == -2) { /* SI_TIMER */
		rn_strbuf__puts(sb, ", si_timerid=");
		rn_fmt__put_hex0(sb, (uint32_t)s->pid);
		rn_strbuf__printf(sb, ", si_overrun=%d", (int)s->uid);
		put_sigval(sb, s);
	} else if (s->code <= 0) {
		rn_strbuf__printf(sb, ", si_pid=%d, si_uid=%u", s->pid, s->uid);
		/* SI_QUEUE, SI_MESGQ, ...: the value sent, when there is one */
		if (s->code != 0 && s->code != -6 && s->addr)
			put_sigval(sb, s);
	} else if (s->signo == 17) {
		rn_strbuf__printf(sb, ", si_pid=%d, si_uid=%u, si_status=", s->pid, s->uid);
		if (s->code == 1)
			rn_strbuf__append_s64(sb, s->status);
		else
			rn_fmt__put_signal(sb, s->status);
		rn_strbuf__puts(sb, ", si_utime=");
		rn_fmt__put_clock_t(sb, (uint32_t)s->addr);
		rn_strbuf__puts(sb, ", si_stime=");
		rn_fmt__put_clock_t(sb, (uint32_t)(s->addr >> 32));
	} else if (s->signo == 11 || s->signo == 7 || s->signo == 8 || s->signo == 4 ||
		   s->signo == 5) {
		rn_strbuf__puts(sb, ", si_addr=");
		rn_fmt__put_ptr(sb, s->addr);
	}
	rn_strbuf__putc(sb, '}');
}

static int siginfo_arg(struct ctx *c, unsigned i, bool out)
{
	const char *p = rn_fmt__struct_or_ptr(c, i, 128, out);
	struct siginfo_view s;

	if (!p)
		return CONT;
	s.signo = (int)get_u32(p, 0);
	s.errno_ = (int)get_u32(p, 4);
	s.code = (int)get_u32(p, 8);
	s.pid = (int)get_u32(p, 16);
	s.uid = get_u32(p, 20);
	s.status = (int)get_u32(p, 24);
	s.addr = get_u64(p, s.code < 0 ? 24 : 16); /* si_ptr, else si_addr */
	if (s.signo == 17 && s.code > 0) /* si_utime and si_stime, as rn_sig_rec packs them */
		s.addr = (uint32_t)get_u64(p, 32) | (uint64_t)(uint32_t)get_u64(p, 40) << 32;
	if (!s.signo)
		PUTS("{}");
	else
		rn_fmt__put_siginfo(c->sb, &s);
	return CONT;
}

int rn_fmt__arg_siginfo_out(struct ctx *c, unsigned i)
{
	return siginfo_arg(c, i, true);
}

int rn_fmt__arg_siginfo(struct ctx *c, unsigned i)
{
	return siginfo_arg(c, i, false);
}
