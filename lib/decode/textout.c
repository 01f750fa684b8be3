// SPDX-License-Identifier: MIT
#include "textout.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hmap.h"
#include "strbuf.h"

#define RESULT_COLUMN 40 /* strace aligns " = " here */
#define FLUSH_AT      (256u << 10)

struct rn_textout {
	FILE *out;
	struct rn_textout_opts o;
	struct rn_strbuf buf; /* lines not yet written */
	uint64_t last_ns;     /* -r: when the previous line began; 0 before the first */
	size_t line;	      /* where the line being written starts in buf */
	int err;
	struct rn_hmap last_nr; /* -n: tid -> its last call, for its signal and exit lines */
	struct rn_hmap ip_of;	/* -i: tid -> index in ips of its last call's user IP */
	uint64_t *ips;
	size_t nips, capips;
};

struct rn_textout *rn_textout__new(FILE *out, const struct rn_textout_opts *o)
{
	struct rn_textout *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->out = out;
	t->o = *o;
	if (!o->column_set)
		t->o.column = RESULT_COLUMN;
	if (rn_strbuf__reserve(&t->buf, FLUSH_AT + 4096)) {
		free(t);
		return NULL;
	}
	return t;
}

void rn_textout__free(struct rn_textout *t)
{
	if (!t)
		return;
	rn_textout__flush(t);
	rn_strbuf__free(&t->buf);
	rn_hmap__free(&t->last_nr);
	rn_hmap__free(&t->ip_of);
	free(t->ips);
	free(t);
}

int rn_textout__flush(struct rn_textout *t)
{
	if (t->buf.len && fwrite(t->buf.buf, 1, t->buf.len, t->out) != t->buf.len && !t->err)
		t->err = -errno;
	rn_strbuf__reset(&t->buf);
	if (fflush(t->out) && !t->err)
		t->err = -errno;
	return t->err;
}

int rn_textout__error(const struct rn_textout *t)
{
	return t->err;
}

static void put_padded_u32(struct rn_strbuf *sb, uint32_t v, int width, bool left)
{
	char tmp[16];
	int n = snprintf(tmp, sizeof(tmp), left ? "%-*u" : "%*u", width, v);

	rn_strbuf__append(sb, tmp, (size_t)n);
}

static void put_frac(struct rn_strbuf *sb, uint64_t v, int digits)
{
	char tmp[12];
	int i;

	for (i = digits - 1; i >= 0; i--) {
		tmp[i] = (char)('0' + v % 10);
		v /= 10;
	}
	rn_strbuf__append(sb, tmp, (size_t)digits);
}

/* Digits after the second: prec as in rn_textout_opts, else def. */
static unsigned prec_digits(unsigned prec, unsigned def)
{
	return prec ? prec - 1 : def;
}

/* ns as seconds with digits after the point (truncated, as strace's). */
static void put_fraction(struct rn_strbuf *sb, uint64_t ns, unsigned digits)
{
	uint64_t div = 1;

	if (!digits)
		return;
	for (unsigned i = digits; i < 9; i++)
		div *= 10;
	rn_strbuf__putc(sb, '.');
	put_frac(sb, (ns % 1000000000) / div, (int)digits);
}

static void put_timestamp(struct rn_textout *t, uint64_t mono_ns)
{
	int64_t real = (int64_t)mono_ns + t->o.mono_to_real_ns;
	time_t sec = (time_t)(real / 1000000000);
	unsigned digits = prec_digits(t->o.tstamp_prec, t->o.tstamp == 1 ? 0 : 6);
	struct tm tm;
	char tmp[16];

	if (t->o.tstamp >= 3) {
		rn_strbuf__append_u64(&t->buf, (uint64_t)sec);
	} else {
		localtime_r(&sec, &tm);
		rn_strbuf__append(&t->buf, tmp, strftime(tmp, sizeof(tmp), "%H:%M:%S", &tm));
	}
	put_fraction(&t->buf, (uint64_t)real, digits);
	rn_strbuf__putc(&t->buf, ' ');
}

static void put_prefix(struct rn_textout *t, uint32_t pid, uint64_t ns, int nprocs)
{
	if (t->o.pid_always) {
		put_padded_u32(&t->buf, pid, 5, true);
		rn_strbuf__putc(&t->buf, ' ');
	} else if (nprocs > 1) {
		rn_strbuf__puts(&t->buf, "[pid ");
		put_padded_u32(&t->buf, pid, 5, false);
		rn_strbuf__puts(&t->buf, "] ");
	}
	if (t->o.tstamp)
		put_timestamp(t, ns);
	if (t->o.relative) {
		uint64_t d = t->last_ns && ns > t->last_ns ? ns - t->last_ns : 0;
		char tmp[40];

		snprintf(tmp, sizeof(tmp), t->o.tstamp ? "(+%6llu" : "%6llu",
			 (unsigned long long)(d / 1000000000));
		rn_strbuf__puts(&t->buf, tmp);
		put_fraction(&t->buf, d, prec_digits(t->o.relative_prec, 6));
		rn_strbuf__puts(&t->buf, t->o.tstamp ? ") " : " ");
		t->last_ns = ns;
	}
}

static void end_line(struct rn_textout *t)
{
	rn_strbuf__putc(&t->buf, '\n');
	if (t->buf.len >= FLUSH_AT)
		rn_textout__flush(t);
}

/* Pads the line begun at start to the result column (-a), at least one space. */
static void pad_result(struct rn_textout *t, size_t start)
{
	static const char spaces[64] = {[0 ... 63] = ' '};
	size_t len = t->buf.len - start, want = t->o.column;

	if (len >= want) {
		rn_strbuf__putc(&t->buf, ' ');
		return;
	}
	for (want -= len; want > sizeof(spaces); want -= sizeof(spaces))
		rn_strbuf__append(&t->buf, spaces, sizeof(spaces));
	rn_strbuf__append(&t->buf, spaces, want);
}

static void put_duration(struct rn_textout *t, uint64_t d)
{
	rn_strbuf__puts(&t->buf, " <");
	rn_strbuf__append_u64(&t->buf, d / 1000000000);
	put_fraction(&t->buf, d, prec_digits(t->o.times_prec, 6));
	rn_strbuf__putc(&t->buf, '>');
}

/* -i: strace's `[%016lx] `, or its question marks when the address is not known. */
static void put_ip(struct rn_textout *t, bool known, uint64_t ip)
{
	char tmp[24];

	if (known)
		snprintf(tmp, sizeof(tmp), "[%016llx] ", (unsigned long long)ip);
	else
		snprintf(tmp, sizeof(tmp), "[????????????????] ");
	rn_strbuf__puts(&t->buf, tmp);
}

/* The user IP a call's stack item holds (its registers first); kept for the thread's signals. */
static bool call_ip(struct rn_textout *t, const struct rn_event *ev, uint64_t *ip)
{
	const struct rn_item *it = rn_event__item(ev, RN_ARG_STACK, 0);
	struct rn_stack_regs regs;
	int64_t i;

	if (!it || it->len < sizeof(regs))
		return false;
	memcpy(&regs, rn_item__data(it), sizeof(regs));
	*ip = regs.ip;
	i = rn_hmap__get(&t->ip_of, ev->rec->h.tid);
	if (i < 0 && t->nips == t->capips) {
		size_t cap = t->capips ? 2 * t->capips : 16;
		uint64_t *v = realloc(t->ips, cap * sizeof(*v));

		if (!v)
			return true;
		t->ips = v;
		t->capips = cap;
	}
	if (i < 0) {
		if (rn_hmap__put(&t->ip_of, ev->rec->h.tid, (uint32_t)t->nips))
			return true;
		i = (int64_t)t->nips++;
	}
	t->ips[i] = regs.ip;
	return true;
}

/* The prefixes, the name and the arguments of a call. */
static void put_call(struct rn_textout *t, const struct rn_event *ev, int nprocs)
{
	put_prefix(t, ev->rec->h.tid, ev->rec->enter_ns, nprocs);
	if (t->o.syscall_number) {
		char tmp[16];

		rn_textout__call_seen(t, ev->rec->h.tid, ev->rec->nr);
		snprintf(tmp, sizeof(tmp), "[%4d] ", ev->rec->nr & ~RN_NR_COMPAT);
		rn_strbuf__puts(&t->buf, tmp);
	}
	if (t->o.ip) {
		uint64_t ip = 0;
		bool known = call_ip(t, ev, &ip);

		put_ip(t, known, ip);
	}
	rn_format__call(&t->buf, ev, &t->o.fmt);
}

void rn_textout__call_begin(struct rn_textout *t, const struct rn_event *ev, int nprocs)
{
	put_call(t, ev, nprocs);
	if (t->buf.len && t->buf.buf[t->buf.len - 1] == ')')
		t->buf.len--; /* a call cut before it returned has no closing parenthesis */
}

void rn_textout__syscall(struct rn_textout *t, const struct rn_event *ev, int nprocs)
{
	size_t start = t->buf.len;

	put_call(t, ev, nprocs);
	if (t->o.after_args)
		t->o.after_args(t->o.after_args_ctx, ev);
	pad_result(t, start);
	rn_format__result(&t->buf, ev, &t->o.fmt);
	if (t->o.syscall_times && !rn_event__noreturn(ev))
		put_duration(t, ev->rec->exit_ns - ev->rec->enter_ns);
	if (t->o.annotate)
		t->o.annotate(t->o.annotate_ctx, &t->buf, ev);
	end_line(t);
}

void rn_textout__line(struct rn_textout *t, const char *text)
{
	rn_strbuf__puts(&t->buf, text);
	end_line(t);
}

void rn_textout__hexdump(struct rn_textout *t, const void *p, size_t n, size_t off)
{
	static const char xd[] = "0123456789abcdef";
	const unsigned char *s = p;

	for (size_t at = 0; at < n; at += 16) {
		char line[80], *o = line;

		o += snprintf(line, sizeof(line), " | %05zx  ", off + at);
		for (size_t i = 0; i < 16; i++) {
			if (at + i < n) {
				*o++ = xd[s[at + i] >> 4];
				*o++ = xd[s[at + i] & 15];
			} else {
				*o++ = ' ';
				*o++ = ' ';
			}
			*o++ = ' ';
			if (i == 7)
				*o++ = ' ';
		}
		*o++ = ' ';
		for (size_t i = 0; i < 16; i++)
			*o++ = at + i < n
				   ? (s[at + i] >= ' ' && s[at + i] < 0x7f ? (char)s[at + i] : '.')
				   : ' ';
		*o++ = ' ';
		*o++ = '|';
		rn_strbuf__append(&t->buf, line, (size_t)(o - line));
		end_line(t);
	}
}

void rn_textout__set_clock(struct rn_textout *t, int64_t to_real_ns)
{
	t->o.mono_to_real_ns = to_real_ns;
}

struct rn_strbuf *rn_textout__line_begin(struct rn_textout *t, uint32_t tid, uint64_t ns,
					 int nprocs)
{
	t->line = t->buf.len;
	put_prefix(t, tid, ns, nprocs);
	return &t->buf;
}

void rn_textout__line_pad(struct rn_textout *t)
{
	pad_result(t, t->line);
}

void rn_textout__line_duration(struct rn_textout *t, uint64_t ns)
{
	if (t->o.syscall_times)
		put_duration(t, ns);
}

void rn_textout__line_end(struct rn_textout *t)
{
	end_line(t);
}

void rn_textout__call_seen(struct rn_textout *t, uint32_t tid, uint32_t nr)
{
	if (t->o.syscall_number)
		rn_hmap__put(&t->last_nr, tid, nr & ~RN_NR_COMPAT);
}

/* -n on a signal or exit line: strace's number of the thread's last call ([ 231]). */
static void put_last_nr(struct rn_textout *t, uint32_t tid)
{
	int64_t nr = t->o.syscall_number ? rn_hmap__get(&t->last_nr, tid) : -1;
	char tmp[16];

	if (nr < 0)
		return;
	snprintf(tmp, sizeof(tmp), "[%4d] ", (int)nr);
	rn_strbuf__puts(&t->buf, tmp);
}

void rn_textout__signal(struct rn_textout *t, const struct rn_sig_rec *r, int nprocs)
{
	put_prefix(t, r->h.tid, r->ns, nprocs);
	put_last_nr(t, r->h.tid);
	if (t->o.ip) { /* where the thread was: its last call's return, as a rule */
		int64_t i = rn_hmap__get(&t->ip_of, r->h.tid);

		put_ip(t, i >= 0, i >= 0 ? t->ips[i] : 0);
	}
	rn_format__signal(&t->buf, r);
	end_line(t);
}

void rn_textout__exit(struct rn_textout *t, uint32_t pid, int wait_status, uint64_t ns, int nprocs)
{
	put_prefix(t, pid, ns, nprocs);
	put_last_nr(t, pid);
	if (t->o.ip)
		put_ip(t, false, 0);
	rn_format__exit(&t->buf, wait_status);
	end_line(t);
}
