// SPDX-License-Identifier: MIT
/*
 * Generic formatters selected by argument kind. Each prints one argument exactly as
 * strace 6.1 does; when the data it needs was not captured (failed call, fault,
 * NULL) it falls back to what strace prints then: NULL or the raw pointer.
 */
#include "format.h"

#include <arpa/inet.h>
#include <string.h>

#include "systable.h"
#include "xlat.h"

struct ctx {
	struct rn_strbuf *sb;
	const struct rn_event *ev;
	const __u64 *a;
	int64_t ret;
	bool ok; /* the call succeeded */
	unsigned strsize;
};

enum { CONT = 0, STOP = 1 };

static uint64_t get_u64(const void *p, size_t off)
{
	uint64_t v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return v;
}

static uint32_t get_u32(const void *p, size_t off)
{
	uint32_t v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return v;
}

static uint16_t get_u16(const void *p, size_t off)
{
	uint16_t v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return v;
}

#define PUTS(s)	 rn_strbuf__puts(c->sb, s)
#define PUTC(ch) rn_strbuf__putc(c->sb, ch)

static void put_hex0(struct rn_strbuf *sb, uint64_t v)
{
	if (v)
		rn_strbuf__append_hex(sb, v);
	else
		rn_strbuf__putc(sb, '0');
}

static void put_ptr(struct rn_strbuf *sb, uint64_t v)
{
	if (v)
		rn_strbuf__append_hex(sb, v);
	else
		rn_strbuf__puts(sb, "NULL");
}

/* strace's %#03o for modes: 0644, 022, 000. */
static void put_mode(struct rn_strbuf *sb, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + (v & 7));
		v >>= 3;
	} while (v);
	if (tmp[i] != '0')
		tmp[--i] = '0';
	while (sizeof(tmp) - (size_t)i < 3)
		tmp[--i] = '0';
	rn_strbuf__append(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

void rn_format__quoted(struct rn_strbuf *sb, const void *p, size_t n, bool hex)
{
	static const char xd[] = "0123456789abcdef";
	const unsigned char *s = p;

	rn_strbuf__putc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = s[i];
		char e[4];
		int k = 0;

		if (hex) {
			char h[4] = {'\\', 'x', xd[ch >> 4], xd[ch & 15]};

			rn_strbuf__append(sb, h, 4);
			continue;
		}
		switch (ch) {
		case '"':
		case '\\':
			e[k++] = '\\';
			e[k++] = (char)ch;
			break;
		case '\f':
			e[k++] = '\\';
			e[k++] = 'f';
			break;
		case '\n':
			e[k++] = '\\';
			e[k++] = 'n';
			break;
		case '\r':
			e[k++] = '\\';
			e[k++] = 'r';
			break;
		case '\t':
			e[k++] = '\\';
			e[k++] = 't';
			break;
		case '\v':
			e[k++] = '\\';
			e[k++] = 'v';
			break;
		default:
			if (ch >= ' ' && ch < 0x7f) {
				e[k++] = (char)ch;
				break;
			}
			e[k++] = '\\';
			/* Three digits when an octal digit follows, else as few as needed. */
			if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7') {
				e[k++] = (char)('0' + (ch >> 6));
				e[k++] = (char)('0' + ((ch >> 3) & 7));
			} else if (ch >> 3) {
				if (ch >> 6)
					e[k++] = (char)('0' + (ch >> 6));
				e[k++] = (char)('0' + ((ch >> 3) & 7));
			}
			rn_strbuf__append(sb, e, (size_t)k);
			k = 0;
			e[k++] = (char)('0' + (ch & 7));
			break;
		}
		rn_strbuf__append(sb, e, (size_t)k);
	}
	rn_strbuf__putc(sb, '"');
}

/* The captured data of argument i, sub-item idx, if it is readable and at least min bytes. */
static const struct rn_item *data_of(const struct ctx *c, unsigned i, unsigned idx, uint32_t min)
{
	const struct rn_item *it = rn_event__item(c->ev, i, idx);

	if (!it || (it->flags & RN_IF_FAULT) || it->len < min)
		return NULL;
	return it;
}

/* User data of `total` bytes of which `it` holds a prefix: at most -s bytes, then `...`. */
static void put_data(struct ctx *c, const struct rn_item *it, uint64_t total, bool hex)
{
	uint64_t n = it->len;

	if (n > total)
		n = total;
	if (n > c->strsize)
		n = c->strsize;
	rn_format__quoted(c->sb, rn_item__data(it), (size_t)n, hex);
	if (n < total || (it->flags & RN_IF_TRUNC && n == it->len))
		PUTS("...");
}

/* A NUL-terminated string item; `limit` cuts it at -s. */
static void put_cstr(struct ctx *c, const struct rn_item *it, bool limit)
{
	const char *s = rn_item__data(it);
	size_t n = strnlen(s, it->len);
	bool more = (it->flags & RN_IF_TRUNC) != 0;

	if (limit && n > c->strsize) {
		n = c->strsize;
		more = true;
	}
	rn_format__quoted(c->sb, s, n, false);
	if (more)
		PUTS("...");
}

static void put_timespec(struct ctx *c, const void *p, const char *sub)
{
	PUTS("{tv_sec=");
	rn_strbuf__append_s64(c->sb, (int64_t)get_u64(p, 0));
	PUTS(sub);
	rn_strbuf__append_s64(c->sb, (int64_t)get_u64(p, 8));
	PUTC('}');
}

/* Signal set of 64 bits: [INT TERM], or ~[...] when more than half are set. */
static void put_sigset(struct rn_strbuf *sb, uint64_t set)
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

static void put_signal(struct rn_strbuf *sb, int sig)
{
	const char *name = rn_signal__name(sig);

	if (name)
		rn_strbuf__puts(sb, name);
	else
		rn_strbuf__append_s64(sb, sig);
}

static void put_fmode(struct rn_strbuf *sb, uint32_t mode)
{
	static const char *const types[16] = {
	    [1] = "S_IFIFO", [2] = "S_IFCHR",  [4] = "S_IFDIR",	  [6] = "S_IFBLK",
	    [8] = "S_IFREG", [10] = "S_IFLNK", [12] = "S_IFSOCK",
	};
	const char *t = types[(mode >> 12) & 15];

	if (t) {
		rn_strbuf__puts(sb, t);
		rn_strbuf__putc(sb, '|');
	} else if (mode & 0170000) {
		rn_strbuf__append_oct(sb, mode & 0170000);
		rn_strbuf__putc(sb, '|');
	}
	if (mode & 04000)
		rn_strbuf__puts(sb, "S_ISUID|");
	if (mode & 02000)
		rn_strbuf__puts(sb, "S_ISGID|");
	if (mode & 01000)
		rn_strbuf__puts(sb, "S_ISVTX|");
	put_mode(sb, mode & 0777);
}

static void put_oflags(struct rn_strbuf *sb, uint32_t v)
{
	rn_xlat__print_val(sb, &rn_xl_open_access, v & 3);
	if (v & ~3u) {
		rn_strbuf__putc(sb, '|');
		rn_xlat__print_flags(sb, &rn_xl_open_flags, v & ~3u, NULL);
	}
}

static void put_sockaddr(struct ctx *c, const unsigned char *p, uint32_t len)
{
	uint16_t fam;

	if (len < 2) {
		PUTS("{sa_family=AF_UNSPEC}");
		return;
	}
	fam = get_u16(p, 0);
	PUTS("{sa_family=");
	rn_xlat__print_val(c->sb, &rn_xl_socket_af, fam);
	if (fam == 1 && len > 2) { /* AF_UNIX */
		const char *path = (const char *)p + 2;
		size_t n = len - 2;

		if (path[0]) {
			PUTS(", sun_path=");
			rn_format__quoted(c->sb, path, strnlen(path, n), false);
		} else {
			PUTS(", sun_path=@");
			rn_format__quoted(c->sb, path + 1, n - 1, false);
		}
	} else if (fam == 2 && len >= 8) { /* AF_INET */
		rn_strbuf__printf(c->sb,
				  ", sin_port=htons(%u), sin_addr=inet_addr(\"%u.%u.%u.%u\")",
				  (unsigned)(p[2] << 8 | p[3]), p[4], p[5], p[6], p[7]);
	} else if (fam == 10 && len >= 24) { /* AF_INET6 */
		char addr[INET6_ADDRSTRLEN] = "";

		inet_ntop(AF_INET6, p + 8, addr, sizeof(addr));
		rn_strbuf__printf(c->sb,
				  ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
				  "inet_pton(AF_INET6, \"%s\", &sin6_addr)",
				  (unsigned)(p[2] << 8 | p[3]),
				  (unsigned)p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7], addr);
		if (len >= 28)
			rn_strbuf__printf(c->sb, ", sin6_scope_id=%u", get_u32(p, 24));
	} else if (fam == 16 && len >= 12) { /* AF_NETLINK */
		rn_strbuf__printf(c->sb, ", nl_pid=%d, nl_groups=%08x", (int)get_u32(p, 4),
				  get_u32(p, 8));
	} else if (len > 2) {
		PUTS(", sa_data=");
		rn_format__quoted(c->sb, p + 2, len - 2, false);
	}
	PUTC('}');
}

/* struct iovec[] from an IOV or MSGHDR capture: entries in item `arr`, data from `first`. */
static void put_iov(struct ctx *c, unsigned i, const struct rn_item *arr, unsigned first, bool out)
{
	uint32_t n = arr->len / 16;
	uint64_t left = out ? (uint64_t)(c->ok ? c->ret : 0) : UINT64_MAX;

	PUTC('[');
	for (uint32_t k = 0; k < n; k++) {
		uint64_t base = get_u64(rn_item__data(arr), k * 16);
		uint64_t len = get_u64(rn_item__data(arr), k * 16 + 8);
		const struct rn_item *d = data_of(c, i, first + k, 0);
		uint64_t want = len < left ? len : left;

		if (k)
			PUTS(", ");
		PUTS("{iov_base=");
		if (d && (!out || c->ok))
			put_data(c, d, want, false);
		else
			put_ptr(c->sb, base);
		PUTS(", iov_len=");
		rn_strbuf__append_u64(c->sb, len);
		PUTC('}');
		left -= want;
	}
	PUTC(']');
}

static int a_hex(struct ctx *c, unsigned i)
{
	put_hex0(c->sb, c->a[i]);
	return CONT;
}

static int a_int(struct ctx *c, unsigned i)
{
	rn_strbuf__append_s64(c->sb, (int32_t)c->a[i]);
	return CONT;
}

static int a_uint(struct ctx *c, unsigned i)
{
	rn_strbuf__append_u64(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

static int a_long(struct ctx *c, unsigned i)
{
	rn_strbuf__append_s64(c->sb, (int64_t)c->a[i]);
	return CONT;
}

static int a_ulong(struct ctx *c, unsigned i)
{
	rn_strbuf__append_u64(c->sb, c->a[i]);
	return CONT;
}

static int a_ptr(struct ctx *c, unsigned i)
{
	put_ptr(c->sb, c->a[i]);
	return CONT;
}

static int a_dirfd(struct ctx *c, unsigned i)
{
	if ((int32_t)c->a[i] == -100)
		PUTS("AT_FDCWD");
	else
		rn_strbuf__append_s64(c->sb, (int32_t)c->a[i]);
	return CONT;
}

static int a_id(struct ctx *c, unsigned i)
{
	if ((uint32_t)c->a[i] == UINT32_MAX)
		PUTS("-1");
	else
		rn_strbuf__append_u64(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

static int a_mode(struct ctx *c, unsigned i)
{
	put_mode(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

static int a_octal(struct ctx *c, unsigned i)
{
	put_mode(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

/* Strings and buffers: NULL, the pointer when nothing readable was captured, else data. */
static int a_path(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 0);

	if (!c->a[i] || !it)
		put_ptr(c->sb, c->a[i]);
	else
		put_cstr(c, it, false);
	return CONT;
}

static int a_str(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 0);

	if (!c->a[i] || !it)
		put_ptr(c->sb, c->a[i]);
	else
		put_cstr(c, it, true);
	return CONT;
}

static int a_wbuf(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 0);

	if (!c->a[i] || !it)
		put_ptr(c->sb, c->a[i]);
	else
		put_data(c, it, i + 1 < RN_NR_ARGS ? c->a[i + 1] : it->len, false);
	return CONT;
}

static int rbuf(struct ctx *c, unsigned i, bool hex)
{
	const struct rn_item *it = c->ok ? data_of(c, i, 0, 0) : NULL;

	if (!c->a[i] || !c->ok || (!it && c->ret > 0))
		put_ptr(c->sb, c->a[i]);
	else if (!it)
		PUTS("\"\"");
	else
		put_data(c, it, (uint64_t)c->ret, hex);
	return CONT;
}

static int a_rbuf(struct ctx *c, unsigned i)
{
	return rbuf(c, i, false);
}

static int a_rbuf_hex(struct ctx *c, unsigned i)
{
	return rbuf(c, i, true);
}

static int a_cwd(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? data_of(c, i, 0, 0) : NULL;

	if (!it || c->ret <= 0) {
		put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	rn_format__quoted(c->sb, rn_item__data(it), strnlen(rn_item__data(it), it->len), false);
	return CONT;
}

static int a_oflags(struct ctx *c, unsigned i)
{
	put_oflags(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

static int a_mmap_flags(struct ctx *c, unsigned i)
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

static int a_sig(struct ctx *c, unsigned i)
{
	put_signal(c->sb, (int32_t)c->a[i]);
	return CONT;
}

static int a_sigset(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 8);

	if (!c->a[i] || !it)
		put_ptr(c->sb, c->a[i]);
	else
		put_sigset(c->sb, get_u64(rn_item__data(it), 0));
	return CONT;
}

static int a_sigframe_mask(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 8);

	rn_strbuf__puts(c->sb, "{mask=");
	if (it)
		put_sigset(c->sb, get_u64(rn_item__data(it), 0));
	else
		put_ptr(c->sb, c->a[i]);
	rn_strbuf__putc(c->sb, '}');
	return CONT;
}

static int a_sigaction(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 32);
	const void *p;
	uint64_t h, fl;

	if (!c->a[i] || !it) {
		put_ptr(c->sb, c->a[i]);
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
	put_sigset(c->sb, get_u64(p, 24));
	PUTS(", sa_flags=");
	rn_xlat__print_flags(c->sb, &rn_xl_sigact_flags, fl, NULL);
	if (fl & 0x04000000) {
		PUTS(", sa_restorer=");
		put_ptr(c->sb, get_u64(p, 16));
	}
	PUTC('}');
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
		put_signal(c->sb, (int)sig);
	}
	if (!fl && !sig)
		PUTC('0');
}

/* x86_64 clone(flags, stack, parent_tid, child_tid, tls), printed in strace's order. */
static int a_clone(struct ctx *c, unsigned i)
{
	uint64_t fl = c->a[i];

	PUTS("child_stack=");
	put_ptr(c->sb, c->a[1]);
	PUTS(", flags=");
	put_clone_flags(c, fl);
	if (fl & 0x100000) { /* CLONE_PARENT_SETTID */
		const struct rn_item *it = c->ok ? data_of(c, 2, 0, 4) : NULL;

		PUTS(", parent_tid=");
		if (it)
			rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(rn_item__data(it), 0));
		else
			put_ptr(c->sb, c->a[2]);
	}
	if (fl & 0x1200000) { /* CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID */
		PUTS(", child_tidptr=");
		put_ptr(c->sb, c->a[3]);
	}
	if (fl & 0x80000) { /* CLONE_SETTLS */
		PUTS(", tls=");
		put_ptr(c->sb, c->a[4]);
	}
	return STOP;
}

static int a_clone3(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 64);
	const void *p;
	uint64_t fl;

	if (!c->a[i] || !it) {
		put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	p = rn_item__data(it);
	fl = get_u64(p, 0);
	PUTS("{flags=");
	rn_xlat__print_flags(c->sb, &rn_xl_clone_flags, fl, NULL);
	if (fl & 0x1000) { /* CLONE_PIDFD */
		PUTS(", pidfd=");
		put_ptr(c->sb, get_u64(p, 8));
	}
	if (fl & 0x1200000) {
		PUTS(", child_tid=");
		put_ptr(c->sb, get_u64(p, 16));
	}
	if (fl & 0x100000) {
		PUTS(", parent_tid=");
		put_ptr(c->sb, get_u64(p, 24));
	}
	PUTS(", exit_signal=");
	put_signal(c->sb, (int)get_u64(p, 32));
	PUTS(", stack=");
	put_ptr(c->sb, get_u64(p, 40));
	PUTS(", stack_size=");
	put_hex0(c->sb, get_u64(p, 48));
	if (fl & 0x80000) {
		PUTS(", tls=");
		put_ptr(c->sb, get_u64(p, 56));
	}
	PUTC('}');
	/* The kernel stores the child's tid (the return value) at parent_tid. */
	if ((fl & 0x100000) && c->ok)
		rn_strbuf__printf(c->sb, " => {parent_tid=[%lld]}", (long long)c->ret);
	return CONT;
}

static int a_wstatus(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok && c->ret ? data_of(c, i, 0, 4) : NULL;
	int st;

	if (!c->a[i] || !it) {
		put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	st = (int)get_u32(rn_item__data(it), 0);
	PUTS("[{");
	if ((st & 0x7f) == 0)
		rn_strbuf__printf(c->sb, "WIFEXITED(s) && WEXITSTATUS(s) == %d", (st >> 8) & 0xff);
	else if ((st & 0xff) == 0x7f) {
		PUTS("WIFSTOPPED(s) && WSTOPSIG(s) == ");
		put_signal(c->sb, (st >> 8) & 0xff);
	} else if (st == 0xffff)
		PUTS("WIFCONTINUED(s)");
	else {
		PUTS("WIFSIGNALED(s) && WTERMSIG(s) == ");
		put_signal(c->sb, st & 0x7f);
		if (st & 0x80)
			PUTS(" && WCOREDUMP(s)");
	}
	PUTS("}]");
	return CONT;
}

/* The struct argument kinds share this prologue: NULL, or the pointer if not captured. */
static const void *struct_or_ptr(struct ctx *c, unsigned i, uint32_t size, bool out)
{
	const struct rn_item *it = (!out || c->ok) ? data_of(c, i, 0, size) : NULL;

	if (!c->a[i] || !it) {
		put_ptr(c->sb, c->a[i]);
		return NULL;
	}
	return rn_item__data(it);
}

static void put_timeval(struct ctx *c, const void *p)
{
	put_timespec(c, p, ", tv_usec=");
}

static int a_rusage(struct ctx *c, unsigned i)
{
	const void *p = struct_or_ptr(c, i, 144, true);

	if (!p)
		return CONT;
	PUTS("{ru_utime=");
	put_timeval(c, p);
	PUTS(", ru_stime=");
	put_timeval(c, (const char *)p + 16);
	PUTS(", ...}");
	return CONT;
}

static int a_stat(struct ctx *c, unsigned i)
{
	const void *p = struct_or_ptr(c, i, 144, true);
	uint32_t mode;

	if (!p)
		return CONT;
	mode = get_u32(p, 24);
	PUTS("{st_mode=");
	put_fmode(c->sb, mode);
	if ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000) {
		uint64_t d = get_u64(p, 40);
		unsigned maj = (unsigned)(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffull));
		unsigned min = (unsigned)((d & 0xff) | ((d >> 12) & ~0xffull));

		PUTS(", st_rdev=makedev(");
		put_hex0(c->sb, maj);
		PUTS(", ");
		put_hex0(c->sb, min);
		PUTC(')');
	} else {
		PUTS(", st_size=");
		rn_strbuf__append_s64(c->sb, (int64_t)get_u64(p, 48));
	}
	PUTS(", ...}");
	return CONT;
}

static int a_statx(struct ctx *c, unsigned i)
{
	const void *p = struct_or_ptr(c, i, 256, true);

	if (!p)
		return CONT;
	PUTS("{stx_mask=");
	rn_xlat__print_flags(c->sb, &rn_xl_statx_mask, get_u32(p, 0), NULL);
	PUTS(", stx_attributes=");
	rn_xlat__print_flags(c->sb, &rn_xl_statx_attrs, get_u64(p, 8), NULL);
	PUTS(", stx_mode=");
	put_fmode(c->sb, get_u16(p, 28));
	PUTS(", stx_size=");
	rn_strbuf__append_u64(c->sb, get_u64(p, 40));
	PUTS(", ...}");
	return CONT;
}

static int a_statfs(struct ctx *c, unsigned i)
{
	const void *p = struct_or_ptr(c, i, 120, true);
	const char *magic;

	if (!p)
		return CONT;
	PUTS("{f_type=");
	magic = rn_xlat__name(&rn_xl_fs_magic, get_u64(p, 0));
	if (magic)
		PUTS(magic);
	else
		put_hex0(c->sb, get_u64(p, 0));
	rn_strbuf__printf(
	    c->sb,
	    ", f_bsize=%lld, f_blocks=%llu, f_bfree=%llu, f_bavail=%llu, f_files=%llu, "
	    "f_ffree=%llu, f_fsid={val=[",
	    (long long)get_u64(p, 8), (unsigned long long)get_u64(p, 16),
	    (unsigned long long)get_u64(p, 24), (unsigned long long)get_u64(p, 32),
	    (unsigned long long)get_u64(p, 40), (unsigned long long)get_u64(p, 48));
	put_hex0(c->sb, get_u32(p, 56));
	PUTS(", ");
	put_hex0(c->sb, get_u32(p, 60));
	rn_strbuf__printf(c->sb,
			  "]}, f_namelen=%lld, f_frsize=%lld, f_flags=", (long long)get_u64(p, 64),
			  (long long)get_u64(p, 72));
	rn_xlat__print_flags(c->sb, &rn_xl_statfs_flags, get_u64(p, 80), NULL);
	PUTC('}');
	return CONT;
}

static int a_statx_flags(struct ctx *c, unsigned i)
{
	uint32_t v = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_statx_flags, v & 0x6000);
	if (v & ~0x6000u) {
		PUTC('|');
		rn_xlat__print_flags(c->sb, &rn_xl_at_flags, v & ~0x6000u, NULL);
	}
	return CONT;
}

static int a_sock_type(struct ctx *c, unsigned i)
{
	uint32_t v = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_socket_type, v & 0xf);
	if (v & ~0xfu) {
		PUTC('|');
		rn_xlat__print_flags(c->sb, &rn_xl_socket_flags, v & ~0xfu, NULL);
	}
	return CONT;
}

static int a_sock_proto(struct ctx *c, unsigned i)
{
	uint32_t af = (uint32_t)c->a[0];

	if (af == 2 || af == 10)
		rn_xlat__print_val(c->sb, &rn_xl_ipproto, (uint32_t)c->a[i]);
	else
		rn_strbuf__append_s64(c->sb, (int32_t)c->a[i]);
	return CONT;
}

static int a_sockaddr(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 0);

	if (!c->a[i] || !it || !it->len)
		put_ptr(c->sb, c->a[i]);
	else
		put_sockaddr(c, rn_item__data(it), it->len);
	return CONT;
}

static int a_sockaddr_out(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? data_of(c, i, 0, 0) : NULL;

	if (!c->a[i] || !it || !it->len)
		put_ptr(c->sb, c->a[i]);
	else
		put_sockaddr(c, rn_item__data(it), it->len);
	return CONT;
}

static int a_int_out(struct ctx *c, unsigned i)
{
	const void *p = struct_or_ptr(c, i, 4, true);

	if (p)
		rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(p, 0));
	return CONT;
}

static int a_sockopt_name(struct ctx *c, unsigned i)
{
	if ((int32_t)c->a[i - 1] == 1)
		rn_xlat__print_val(c->sb, &rn_xl_sol_socket, (uint32_t)c->a[i]);
	else
		rn_strbuf__append_s64(c->sb, (int32_t)c->a[i]);
	return CONT;
}

static int sockopt_val(struct ctx *c, unsigned i, bool out)
{
	const struct rn_item *it = (!out || c->ok) ? data_of(c, i, 0, 0) : NULL;

	if (!c->a[i] || !it)
		put_ptr(c->sb, c->a[i]);
	else if (it->len == 4)
		rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(rn_item__data(it), 0));
	else
		put_data(c, it, it->len, false);
	return CONT;
}

static int a_sockopt_val(struct ctx *c, unsigned i)
{
	return sockopt_val(c, i, false);
}

static int a_sockopt_val_out(struct ctx *c, unsigned i)
{
	return sockopt_val(c, i, true);
}

static int a_fdpair(struct ctx *c, unsigned i)
{
	const void *p = struct_or_ptr(c, i, 8, true);

	if (p)
		rn_strbuf__printf(c->sb, "[%d, %d]", (int)get_u32(p, 0), (int)get_u32(p, 4));
	return CONT;
}

static int iov(struct ctx *c, unsigned i, bool out)
{
	const struct rn_item *arr = data_of(c, i, 0, 0);

	if (!c->a[i] || !arr)
		put_ptr(c->sb, c->a[i]);
	else
		put_iov(c, i, arr, 1, out);
	return CONT;
}

static int a_iov(struct ctx *c, unsigned i)
{
	return iov(c, i, false);
}

static int a_iov_out(struct ctx *c, unsigned i)
{
	return iov(c, i, true);
}

static int msghdr(struct ctx *c, unsigned i, bool out)
{
	const struct rn_item *it = (!out || c->ok) ? data_of(c, i, 0, 56) : NULL;
	const struct rn_item *name, *arr;
	const void *p;

	if (!c->a[i] || !it) {
		put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	p = rn_item__data(it);
	name = data_of(c, i, 1, 0);
	arr = data_of(c, i, 2, 0);
	PUTS("{msg_name=");
	if (get_u64(p, 0) && name && name->len)
		put_sockaddr(c, rn_item__data(name), name->len);
	else
		put_ptr(c->sb, get_u64(p, 0));
	rn_strbuf__printf(c->sb, ", msg_namelen=%u, msg_iov=", get_u32(p, 8));
	if (get_u64(p, 16) && arr)
		put_iov(c, i, arr, 3, out);
	else
		put_ptr(c->sb, get_u64(p, 16));
	rn_strbuf__printf(c->sb, ", msg_iovlen=%llu", (unsigned long long)get_u64(p, 24));
	if (get_u64(p, 40)) {
		PUTS(", msg_control=");
		put_ptr(c->sb, get_u64(p, 32));
	}
	rn_strbuf__printf(c->sb,
			  ", msg_controllen=%llu, msg_flags=", (unsigned long long)get_u64(p, 40));
	rn_xlat__print_flags(c->sb, &rn_xl_msg_flags, get_u32(p, 48), NULL);
	PUTC('}');
	return CONT;
}

static int a_msghdr(struct ctx *c, unsigned i)
{
	return msghdr(c, i, false);
}

static int a_msghdr_out(struct ctx *c, unsigned i)
{
	return msghdr(c, i, true);
}

static int a_pollfds(struct ctx *c, unsigned i)
{
	const struct rn_item *it = data_of(c, i, 0, 0);
	uint32_t n;

	if (!c->a[i] || !it) {
		put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	n = it->len / 8;
	PUTC('[');
	for (uint32_t k = 0; k < n; k++) {
		const char *e = (const char *)rn_item__data(it) + k * 8;

		if (k)
			PUTS(", ");
		rn_strbuf__printf(c->sb, "{fd=%d, events=", (int)get_u32(e, 0));
		rn_xlat__print_flags(c->sb, &rn_xl_poll_events, get_u16(e, 4), NULL);
		PUTC('}');
	}
	PUTC(']');
	return CONT;
}

static int timespec_arg(struct ctx *c, unsigned i, bool out)
{
	const void *p = struct_or_ptr(c, i, 16, out);

	if (p)
		put_timespec(c, p, ", tv_nsec=");
	return CONT;
}

static int a_timespec(struct ctx *c, unsigned i)
{
	return timespec_arg(c, i, false);
}

static int a_timespec_out(struct ctx *c, unsigned i)
{
	return timespec_arg(c, i, true);
}

static int timeval_arg(struct ctx *c, unsigned i, bool out)
{
	const void *p = struct_or_ptr(c, i, 16, out);

	if (p)
		put_timeval(c, p);
	return CONT;
}

static int a_timeval(struct ctx *c, unsigned i)
{
	return timeval_arg(c, i, false);
}

static int a_timeval_out(struct ctx *c, unsigned i)
{
	return timeval_arg(c, i, true);
}

static void put_utime(struct ctx *c, const void *p)
{
	int64_t ns = (int64_t)get_u64(p, 8);

	PUTS("{tv_sec=");
	rn_strbuf__append_s64(c->sb, (int64_t)get_u64(p, 0));
	PUTS(", tv_nsec=");
	if (ns == (1l << 30) - 1)
		PUTS("UTIME_NOW");
	else if (ns == (1l << 30) - 2)
		PUTS("UTIME_OMIT");
	else
		rn_strbuf__append_s64(c->sb, ns);
	PUTC('}');
}

static int a_utimens(struct ctx *c, unsigned i)
{
	const char *p = struct_or_ptr(c, i, 32, false);

	if (!p)
		return CONT;
	PUTC('[');
	put_utime(c, p);
	PUTS(", ");
	put_utime(c, p + 16);
	PUTC(']');
	return CONT;
}

static int itimerspec(struct ctx *c, unsigned i, bool out)
{
	const char *p = struct_or_ptr(c, i, 32, out);

	if (!p)
		return CONT;
	PUTS("{it_interval=");
	put_timespec(c, p, ", tv_nsec=");
	PUTS(", it_value=");
	put_timespec(c, p + 16, ", tv_nsec=");
	PUTC('}');
	return CONT;
}

static int a_itimerspec(struct ctx *c, unsigned i)
{
	return itimerspec(c, i, false);
}

static int a_itimerspec_out(struct ctx *c, unsigned i)
{
	return itimerspec(c, i, true);
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
	const void *p = struct_or_ptr(c, i, 16, out);

	if (!p)
		return CONT;
	PUTS("{rlim_cur=");
	put_rlim(c, get_u64(p, 0));
	PUTS(", rlim_max=");
	put_rlim(c, get_u64(p, 8));
	PUTC('}');
	return CONT;
}

static int a_rlimit(struct ctx *c, unsigned i)
{
	return rlimit(c, i, false);
}

static int a_rlimit_out(struct ctx *c, unsigned i)
{
	return rlimit(c, i, true);
}

/* futex(uaddr, op, val, timeout|val2, uaddr2, val3): which follow depends on op. */
static int a_futex_op(struct ctx *c, unsigned i)
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
		a_timespec(c, 3);
		if (cmd == 0)
			break;
		/* fall through */
	case 10: /* FUTEX_WAKE_BITSET */
		PUTS(", ");
		if ((uint32_t)c->a[5] == UINT32_MAX)
			PUTS("FUTEX_BITSET_MATCH_ANY");
		else
			put_hex0(c->sb, (uint32_t)c->a[5]);
		break;
	case 1: /* FUTEX_WAKE */
		break;
	default:
		rn_strbuf__printf(c->sb, ", ");
		put_hex0(c->sb, c->a[3]);
		PUTS(", ");
		put_ptr(c->sb, c->a[4]);
		PUTS(", ");
		put_hex0(c->sb, (uint32_t)c->a[5]);
		break;
	}
	return STOP;
}

static void put_field_str(struct ctx *c, const char *name, const char *p, size_t max)
{
	PUTS(name);
	rn_format__quoted(c->sb, p, strnlen(p, max), false);
}

static int a_utsname(struct ctx *c, unsigned i)
{
	const char *p = struct_or_ptr(c, i, 390, true);

	if (!p)
		return CONT;
	put_field_str(c, "{sysname=", p, 65);
	put_field_str(c, ", nodename=", p + 65, 65);
	PUTS(", ...}");
	return CONT;
}

static int a_sysinfo(struct ctx *c, unsigned i)
{
	const void *p = struct_or_ptr(c, i, 112, true);

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

static int a_tms(struct ctx *c, unsigned i)
{
	const void *p = struct_or_ptr(c, i, 32, true);

	if (p)
		rn_strbuf__printf(
		    c->sb, "{tms_utime=%llu, tms_stime=%llu, tms_cutime=%llu, tms_cstime=%llu}",
		    (unsigned long long)get_u64(p, 0), (unsigned long long)get_u64(p, 8),
		    (unsigned long long)get_u64(p, 16), (unsigned long long)get_u64(p, 24));
	return CONT;
}

static int stack_t_arg(struct ctx *c, unsigned i, bool out)
{
	const void *p = struct_or_ptr(c, i, 24, out);

	if (!p)
		return CONT;
	PUTS("{ss_sp=");
	put_ptr(c->sb, get_u64(p, 0));
	PUTS(", ss_flags=");
	rn_xlat__print_flags(c->sb, &rn_xl_ss_flags, get_u32(p, 8), NULL);
	rn_strbuf__printf(c->sb, ", ss_size=%llu}", (unsigned long long)get_u64(p, 16));
	return CONT;
}

static int a_stack_t(struct ctx *c, unsigned i)
{
	return stack_t_arg(c, i, false);
}

static int a_stack_t_out(struct ctx *c, unsigned i)
{
	return stack_t_arg(c, i, true);
}

static void put_epoll_event(struct ctx *c, const char *e)
{
	uint64_t data = get_u64(e, 4);

	PUTS("{events=");
	rn_xlat__print_flags(c->sb, &rn_xl_epoll_events, get_u32(e, 0), NULL);
	rn_strbuf__printf(c->sb, ", data={u32=%u, u64=%llu}}", (uint32_t)data,
			  (unsigned long long)data);
}

static int a_epoll_event(struct ctx *c, unsigned i)
{
	const char *p = struct_or_ptr(c, i, 12, false);

	if (p)
		put_epoll_event(c, p);
	return CONT;
}

static int a_epoll_events_out(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? data_of(c, i, 0, 0) : NULL;

	if (!c->ok || (!it && c->ret > 0)) {
		put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	PUTC('[');
	for (uint32_t k = 0; it && k < it->len / 12; k++) {
		if (k)
			PUTS(", ");
		put_epoll_event(c, (const char *)rn_item__data(it) + k * 12);
	}
	PUTC(']');
	return CONT;
}

/* execve's argv: ["ls", "-l"], cut to -s strings with `...` as strace's abbrev mode does. */
static int a_argv(struct ctx *c, unsigned i)
{
	const struct rn_item *cnt = data_of(c, i, 0, 4);
	uint32_t n;

	if (!c->a[i] || !cnt) {
		put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	n = get_u32(rn_item__data(cnt), 0);
	PUTC('[');
	for (uint32_t k = 0; k < n; k++) {
		const struct rn_item *s = k < 255 ? rn_event__item(c->ev, i, k + 1) : NULL;

		if (k)
			PUTS(", ");
		if (k >= c->strsize || !s) {
			PUTS("...");
			break;
		}
		if (s->flags & RN_IF_FAULT)
			PUTS("???");
		else
			put_cstr(c, s, true);
	}
	PUTC(']');
	return CONT;
}

static int a_envp(struct ctx *c, unsigned i)
{
	const struct rn_item *cnt = data_of(c, i, 0, 4);

	put_ptr(c->sb, c->a[i]);
	if (c->a[i] && cnt) {
		uint32_t n = get_u32(rn_item__data(cnt), 0);

		rn_strbuf__printf(c->sb, " /* %u var%s */", n, n == 1 ? "" : "s");
	}
	return CONT;
}

static int a_dirents(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? data_of(c, i, 0, 4) : NULL;

	put_ptr(c->sb, c->a[i]);
	if (it) {
		uint32_t n = get_u32(rn_item__data(it), 0);

		rn_strbuf__printf(c->sb, " /* %u entr%s */", n, n == 1 ? "y" : "ies");
	}
	return CONT;
}

/* prctl(option, ...): the arguments printed depend on the option. */
static int a_prctl_op(struct ctx *c, unsigned i)
{
	uint32_t op = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_prctl_ops, op);
	switch (op) {
	case 3:	 /* PR_GET_DUMPABLE */
	case 7:	 /* PR_GET_KEEPCAPS */
	case 21: /* PR_GET_SECCOMP */
	case 30: /* PR_GET_TIMERSLACK */
	case 39: /* PR_GET_NO_NEW_PRIVS */
	case 42: /* PR_GET_THP_DISABLE */
		break;
	case 15: /* PR_SET_NAME */
	case 16: /* PR_GET_NAME */
		PUTS(", ");
		if (op == 16 && !c->ok)
			put_ptr(c->sb, c->a[1]);
		else
			a_str(c, 1);
		break;
	case 1: /* PR_SET_PDEATHSIG */
		PUTS(", ");
		put_signal(c->sb, (int)c->a[1]);
		break;
	case 4: /* PR_SET_DUMPABLE */
	case 8: /* PR_SET_KEEPCAPS */
		PUTS(", ");
		rn_strbuf__append_u64(c->sb, c->a[1]);
		break;
	default:
		for (unsigned k = 1; k < 5; k++) {
			PUTS(", ");
			put_hex0(c->sb, c->a[k]);
		}
	}
	return STOP;
}

/* A CPU mask as strace prints it, [0 1]; the address when it was not captured. */
static int put_cpuset(struct ctx *c, unsigned i, const struct rn_item *it)
{
	const unsigned char *p;
	bool first = true;

	if (!it) {
		put_ptr(c->sb, c->a[i]);
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

static int a_cpuset_out(struct ctx *c, unsigned i)
{
	return put_cpuset(c, i, c->ok ? data_of(c, i, 0, 0) : NULL);
}

static int a_cpuset(struct ctx *c, unsigned i)
{
	return put_cpuset(c, i, data_of(c, i, 0, 0));
}

struct siginfo_view {
	int signo, code, errno_, pid;
	uint32_t uid;
	int status;
	uint64_t addr;
};

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

static void put_siginfo(struct rn_strbuf *sb, const struct siginfo_view *s)
{
	const struct rn_xlat *codes = sigcode_table(s->signo, s->code);
	const char *cname = codes ? rn_xlat__name(codes, (uint64_t)(int64_t)s->code) : NULL;

	rn_strbuf__puts(sb, "{si_signo=");
	put_signal(sb, s->signo);
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
	if (s->code <= 0) {
		if (s->code == 0 || s->code == -6 || s->code == -1 || s->code == -3)
			rn_strbuf__printf(sb, ", si_pid=%d, si_uid=%u", s->pid, s->uid);
	} else if (s->signo == 17) {
		rn_strbuf__printf(sb, ", si_pid=%d, si_uid=%u, si_status=", s->pid, s->uid);
		if (s->code == 1)
			rn_strbuf__append_s64(sb, s->status);
		else
			put_signal(sb, s->status);
		rn_strbuf__puts(sb, ", si_utime=0, si_stime=0");
	} else if (s->signo == 11 || s->signo == 7 || s->signo == 8 || s->signo == 4 ||
		   s->signo == 5) {
		rn_strbuf__puts(sb, ", si_addr=");
		put_ptr(sb, s->addr);
	}
	rn_strbuf__putc(sb, '}');
}

static int a_siginfo_out(struct ctx *c, unsigned i)
{
	const char *p = struct_or_ptr(c, i, 128, true);
	struct siginfo_view s;

	if (!p)
		return CONT;
	s.signo = (int)get_u32(p, 0);
	s.errno_ = (int)get_u32(p, 4);
	s.code = (int)get_u32(p, 8);
	s.pid = (int)get_u32(p, 16);
	s.uid = get_u32(p, 20);
	s.status = (int)get_u32(p, 24);
	s.addr = get_u64(p, 16);
	if (!s.signo)
		PUTS("{}");
	else
		put_siginfo(c->sb, &s);
	return CONT;
}

static void put_ioc(struct ctx *c, uint32_t req)
{
	static const char *const dirs[] = {"_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					   "_IOC_READ|_IOC_WRITE"};

	rn_strbuf__printf(c->sb, "_IOC(%s, ", dirs[req >> 30]);
	put_hex0(c->sb, (req >> 8) & 0xff);
	PUTS(", ");
	put_hex0(c->sb, req & 0xff);
	PUTS(", ");
	put_hex0(c->sb, (req >> 16) & 0x3fff);
	PUTC(')');
}

/* ioctl(fd, request, arg): arg decoded for the common tty and file requests. */
static int a_ioctl_req(struct ctx *c, unsigned i)
{
	uint32_t req = (uint32_t)c->a[i];
	const char *name = rn_xlat__name(&rn_xl_ioctls, req);
	const struct rn_item *it;

	if (!name) {
		put_ioc(c, req);
		PUTS(", ");
		put_hex0(c->sb, c->a[2]);
		return STOP;
	}
	PUTS(name);
	switch (req) {
	case 0x5450: /* FIONCLEX */
	case 0x5451: /* FIOCLEX */
	case 0x540c: /* TIOCEXCL */
	case 0x540d: /* TIOCNXCL */
	case 0x5422: /* TIOCNOTTY */
		return STOP;
	case 0x541b: /* FIONREAD */
	case 0x540f: /* TIOCGPGRP */
	case 0x5429: /* TIOCGSID */
	case 0x5411: /* TIOCOUTQ */
		PUTS(", ");
		a_int_out(c, 2);
		return STOP;
	case 0x5410: /* TIOCSPGRP */
	case 0x5421: /* FIONBIO */
	case 0x5452: /* FIOASYNC */
		it = data_of(c, 2, 0, 4);
		PUTS(", ");
		if (it && c->a[2])
			rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(rn_item__data(it), 0));
		else
			put_ptr(c->sb, c->a[2]);
		return STOP;
	case 0x5413: /* TIOCGWINSZ */
	case 0x5414: /* TIOCSWINSZ */
		it = (req == 0x5414 || c->ok) ? data_of(c, 2, 0, 8) : NULL;
		PUTS(", ");
		if (it && c->a[2]) {
			const void *p = rn_item__data(it);

			rn_strbuf__printf(
			    c->sb, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
			    get_u16(p, 0), get_u16(p, 2), get_u16(p, 4), get_u16(p, 6));
		} else {
			put_ptr(c->sb, c->a[2]);
		}
		return STOP;
	}
	PUTS(", ");
	put_ptr(c->sb, c->a[2]);
	return STOP;
}

/* fcntl(fd, cmd, arg): whether and how arg prints depends on cmd. */
static int a_fcntl_cmd(struct ctx *c, unsigned i)
{
	uint32_t cmd = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_fcntl_cmds, cmd);
	switch (cmd) {
	case 1:	   /* F_GETFD */
	case 3:	   /* F_GETFL */
	case 9:	   /* F_GETOWN */
	case 11:   /* F_GETSIG */
	case 1025: /* F_GETLEASE */
	case 1032: /* F_GETPIPE_SZ */
	case 1034: /* F_GET_SEALS */
		break;
	case 2: /* F_SETFD */
		PUTS(", ");
		rn_xlat__print_flags(c->sb, &rn_xl_fd_flags, (uint32_t)c->a[2], NULL);
		break;
	case 4: /* F_SETFL */
		PUTS(", ");
		put_oflags(c->sb, (uint32_t)c->a[2]);
		break;
	case 10: /* F_SETSIG */
		PUTS(", ");
		put_signal(c->sb, (int)c->a[2]);
		break;
	case 5:	 /* F_GETLK */
	case 6:	 /* F_SETLK */
	case 7:	 /* F_SETLKW */
	case 36: /* F_OFD_GETLK */
	case 37: /* F_OFD_SETLK */
	case 38: /* F_OFD_SETLKW */
		PUTS(", ");
		put_ptr(c->sb, c->a[2]);
		break;
	default:
		PUTS(", ");
		rn_strbuf__append_s64(c->sb, (int32_t)c->a[2]);
	}
	return STOP;
}

typedef int (*argfn)(struct ctx *c, unsigned i);

struct kind_fmt {
	argfn fn;
	const struct rn_xlat *xl; /* for the xlat styles, with fn == NULL */
	uint8_t style;
	const char *zero;
};

enum { XS_FLAGS = 1, XS_VAL, XS_VAL_D };

#define FN(k, f)       [RN_A_##k] = {f, NULL, 0, NULL}
#define FLAGS(k, x, z) [RN_A_##k] = {NULL, &rn_xl_##x, XS_FLAGS, z}
#define VAL(k, x)      [RN_A_##k] = {NULL, &rn_xl_##x, XS_VAL, NULL}
#define VAL_D(k, x)    [RN_A_##k] = {NULL, &rn_xl_##x, XS_VAL_D, NULL}

static const struct kind_fmt kinds[RN_A__COUNT] = {
    FN(HEX, a_hex),
    FN(INT, a_int),
    FN(UINT, a_uint),
    FN(LONG, a_long),
    FN(ULONG, a_ulong),
    FN(PTR, a_ptr),
    FN(FD, a_int),
    FN(FD_RD, a_int),
    FN(FD_WR, a_int),
    FN(DIRFD, a_dirfd),
    FN(ID, a_id),
    FN(MODE, a_mode),
    FN(OMODE, a_mode),
    FN(OCTAL, a_octal),
    FN(PATH, a_path),
    FN(EXEC_PATH, a_path),
    FN(STR, a_str),
    FN(WBUF, a_wbuf),
    FN(RBUF, a_rbuf),
    FN(RBUF_HEX, a_rbuf_hex),
    FN(CWD, a_cwd),
    FN(OFLAGS, a_oflags),
    FLAGS(OFLAGS_NOACC, open_flags, NULL),
    FLAGS(ATFLAGS, at_flags, NULL),
    FLAGS(FACCESS_FLAGS, at_faccess_flags, NULL),
    FLAGS(ACCESS_MODE, access_modes, "F_OK"),
    FLAGS(PROT, mmap_prot, "PROT_NONE"),
    FN(MMAP_FLAGS, a_mmap_flags),
    FLAGS(MREMAP_FLAGS, mremap_flags, NULL),
    FN(MREMAP_NEWADDR, a_ptr),
    VAL(MADVICE, madvise),
    VAL(SEEK, seek),
    FN(FCNTL_CMD, a_fcntl_cmd),
    FN(FCNTL_ARG, a_hex),
    FN(IOCTL_REQ, a_ioctl_req),
    FN(IOCTL_ARG, a_hex),
    FN(SIG, a_sig),
    VAL(SIGHOW, sighow),
    FN(SIGSET, a_sigset),
    FN(SIGSET_OUT, a_sigset),
    FN(SIGFRAME_MASK, a_sigframe_mask),
    FN(SIGACTION, a_sigaction),
    FN(SIGACTION_OUT, a_sigaction),
    FN(CLONE_FLAGS, a_clone),
    FN(CLONE_PTID, a_ptr),
    FN(CLONE3_ARGS, a_clone3),
    FLAGS(WAIT_OPTS, wait_opts, NULL),
    FLAGS(WAITID_OPTS, waitid_opts, NULL),
    VAL(IDTYPE, idtype),
    FN(WSTATUS, a_wstatus),
    FN(RUSAGE_OUT, a_rusage),
    VAL_D(RUSAGE_WHO, rusage_who),
    FN(STAT_OUT, a_stat),
    FN(STATX_OUT, a_statx),
    FN(STATFS_OUT, a_statfs),
    FN(STATX_FLAGS, a_statx_flags),
    FLAGS(STATX_MASK, statx_mask, NULL),
    VAL(SOCK_AF, socket_af),
    FN(SOCK_TYPE, a_sock_type),
    FN(SOCK_PROTO, a_sock_proto),
    FLAGS(SOCK_FLAGS, socket_flags, NULL),
    FN(SOCKADDR, a_sockaddr),
    FN(SOCKADDR_OUT, a_sockaddr_out),
    FN(SOCKLEN_OUT, a_int_out),
    FLAGS(MSG_FLAGS, msg_flags, NULL),
    VAL(SOCK_LEVEL, sock_level),
    FN(SOCKOPT_NAME, a_sockopt_name),
    FN(SOCKOPT_VAL, a_sockopt_val),
    FN(SOCKOPT_VAL_OUT, a_sockopt_val_out),
    VAL(SHUT_HOW, shut_how),
    FN(FDPAIR_OUT, a_fdpair),
    FN(INT_OUT, a_int_out),
    FN(IOV, a_iov),
    FN(IOV_OUT, a_iov_out),
    FN(MSGHDR, a_msghdr),
    FN(MSGHDR_OUT, a_msghdr_out),
    FN(POLLFDS, a_pollfds),
    FN(TIMESPEC, a_timespec),
    FN(TIMESPEC_OUT, a_timespec_out),
    FN(TIMEVAL, a_timeval),
    FN(TIMEVAL_OUT, a_timeval_out),
    FN(UTIMENS, a_utimens),
    FN(ITIMERSPEC, a_itimerspec),
    FN(ITIMERSPEC_OUT, a_itimerspec_out),
    VAL(CLOCKID, clocks),
    VAL(RLIMIT_RES, rlimits),
    FN(RLIMIT, a_rlimit),
    FN(RLIMIT_OUT, a_rlimit_out),
    FN(FUTEX_OP, a_futex_op),
    FN(FUTEX_TIMEOUT, a_timespec),
    FN(UTSNAME_OUT, a_utsname),
    FN(SYSINFO_OUT, a_sysinfo),
    FN(TMS_OUT, a_tms),
    FN(STACK_T, a_stack_t),
    FN(STACK_T_OUT, a_stack_t_out),
    VAL(EPOLL_CTL_OP, epoll_ctl_ops),
    FN(EPOLL_EVENT, a_epoll_event),
    FN(EPOLL_EVENTS_OUT, a_epoll_events_out),
    FLAGS(EPOLL_FLAGS, epoll_flags, NULL),
    FLAGS(EFD_FLAGS, efd_flags, NULL),
    FN(ARGV, a_argv),
    FN(ENVP, a_envp),
    FN(DIRENTS, a_dirents),
    VAL(ARCH_PRCTL, arch_prctl),
    FLAGS(GRND_FLAGS, grnd_flags, NULL),
    VAL(FADVICE, fadvise),
    FLAGS(FLOCK_OP, flock_ops, NULL),
    VAL(PRIO_WHICH, prio_which),
    FN(PRCTL_OP, a_prctl_op),
    FN(PRCTL_ARG, a_hex),
    FLAGS(CLOSE_RANGE_FLAGS, close_range_flags, NULL),
    FLAGS(RENAME_FLAGS, rename_flags, NULL),
    FLAGS(MEMFD_FLAGS, memfd_flags, NULL),
    VAL(MEMBARRIER_CMD, membarrier_cmds),
    FLAGS(TIMER_FLAGS, timer_flags, NULL),
    FLAGS(TFD_FLAGS, tfd_flags, NULL),
    FLAGS(INOTIFY_MASK, inotify_mask, NULL),
    FLAGS(INOTIFY_FLAGS, inotify_init_flags, NULL),
    VAL(ITIMER_WHICH, itimer_which),
    FN(SIGINFO_OUT, a_siginfo_out),
    FN(CPUSET_OUT, a_cpuset_out),
    FN(CPUSET, a_cpuset),
};

/* Arguments strace leaves out entirely unless an earlier argument asks for them. */
static bool omitted(const struct ctx *c, unsigned kind, unsigned i)
{
	switch (kind) {
	case RN_A_OMODE: /* O_CREAT or __O_TMPFILE */
		return i == 0 || !(c->a[i - 1] & (0100 | 020000000));
	case RN_A_MREMAP_NEWADDR: /* MREMAP_MAYMOVE|MREMAP_FIXED */
		return i == 0 || (c->a[i - 1] & 3) != 3;
	}
	return false;
}

static void print_arg(struct ctx *c, unsigned kind, unsigned i, int *stop)
{
	const struct kind_fmt *k = kind < RN_A__COUNT ? &kinds[kind] : &kinds[RN_A_HEX];
	uint64_t v = c->a[i];

	if (k->fn) {
		*stop = k->fn(c, i);
		return;
	}
	switch (k->style) {
	case XS_FLAGS:
		rn_xlat__print_flags(c->sb, k->xl, (uint32_t)v, k->zero);
		break;
	case XS_VAL:
		rn_xlat__print_val(c->sb, k->xl, (uint64_t)(int64_t)(int32_t)v);
		break;
	case XS_VAL_D:
		rn_xlat__print_val_d(c->sb, k->xl, (int32_t)v);
		break;
	default:
		put_hex0(c->sb, v);
	}
}

static void ctx_init(struct ctx *c, struct rn_strbuf *sb, const struct rn_event *ev,
		     const struct rn_fmt_opts *o)
{
	c->sb = sb;
	c->ev = ev;
	c->a = ev->rec->args;
	c->ret = ev->rec->ret;
	c->ok = !rn_event__failed(ev) && !rn_event__noreturn(ev);
	c->strsize = o && o->strsize ? o->strsize : RN_FMT_STRSIZE_DEFAULT;
}

void rn_format__call_spans(struct rn_strbuf *sb, const struct rn_event *ev,
			   const struct rn_fmt_opts *o, struct rn_fmt_spans *spans)
{
	const struct rn_sysrow *row = rn_systable__row(ev->rec->nr);
	const char *name = rn_syscall__name(ev->rec->nr);
	struct ctx c;
	unsigned n = row ? row->nargs : RN_NR_ARGS;
	int stop = 0;

	ctx_init(&c, sb, ev, o);
	if (spans)
		spans->n = 0;
	if (name)
		rn_strbuf__puts(sb, name);
	else
		rn_strbuf__printf(sb, "syscall_%#x", (unsigned)ev->rec->nr);
	rn_strbuf__putc(sb, '(');
	for (unsigned i = 0; i < n && !stop; i++) {
		unsigned kind = row ? row->arg[i] : RN_A_HEX;

		if (omitted(&c, kind, i))
			break;
		if (i)
			rn_strbuf__puts(sb, ", ");
		if (spans)
			spans->start[spans->n] = sb->len;
		print_arg(&c, kind, i, &stop);
		if (spans)
			spans->end[spans->n++] = sb->len;
	}
	rn_strbuf__putc(sb, ')');
}

void rn_format__call(struct rn_strbuf *sb, const struct rn_event *ev, const struct rn_fmt_opts *o)
{
	rn_format__call_spans(sb, ev, o, NULL);
}

static void put_poll_result(struct ctx *c)
{
	const struct rn_item *it = data_of(c, 0, 0, 0);
	bool first = true;

	if (!it)
		return;
	PUTS(" ([");
	for (uint32_t k = 0; k < it->len / 8; k++) {
		const char *e = (const char *)rn_item__data(it) + k * 8;
		uint16_t rev = get_u16(e, 6);

		if (!rev)
			continue;
		if (!first)
			PUTS(", ");
		first = false;
		rn_strbuf__printf(c->sb, "{fd=%d, revents=", (int)get_u32(e, 0));
		rn_xlat__print_flags(c->sb, &rn_xl_poll_events, rev, NULL);
		PUTC('}');
	}
	PUTS("])");
}

void rn_format__result(struct rn_strbuf *sb, const struct rn_event *ev, const struct rn_fmt_opts *o)
{
	const struct rn_sysrow *row = rn_systable__row(ev->rec->nr);
	unsigned kind = row ? row->ret : RN_R_INT;
	struct ctx c;
	int64_t r = ev->rec->ret;

	ctx_init(&c, sb, ev, o);
	if (rn_event__noreturn(ev)) {
		rn_strbuf__puts(sb, "= ?");
		return;
	}
	if (rn_event__failed(ev)) {
		int err = (int)-r;
		const char *name = rn_errno__name(err);
		const char *text = rn_errno__text(err);
		bool restart = err == 512 || err == 513 || err == 514 || err == 516;

		rn_strbuf__puts(sb, restart ? "= ? " : "= -1 ");
		if (name)
			rn_strbuf__puts(sb, name);
		else
			rn_strbuf__append_s64(sb, err);
		if (text)
			rn_strbuf__printf(sb, " (%s)", text);
		else
			rn_strbuf__printf(sb, " (Unknown error %d)", err);
		return;
	}
	rn_strbuf__puts(sb, "= ");
	switch (kind) {
	case RN_R_HEX:
		put_hex0(sb, (uint64_t)r);
		return;
	case RN_R_OCT:
		put_mode(sb, (uint64_t)r & 0777);
		return;
	case RN_R_FCNTL: {
		uint32_t cmd = (uint32_t)ev->rec->args[1];

		if (cmd == 1 && r) { /* F_GETFD */
			put_hex0(sb, (uint64_t)r);
			rn_strbuf__puts(sb, " (flags ");
			rn_xlat__print_flags(sb, &rn_xl_fd_flags, (uint64_t)r, NULL);
			rn_strbuf__putc(sb, ')');
			return;
		}
		if (cmd == 3) { /* F_GETFL */
			put_hex0(sb, (uint64_t)r);
			rn_strbuf__puts(sb, " (flags ");
			put_oflags(sb, (uint32_t)r);
			rn_strbuf__putc(sb, ')');
			return;
		}
		break;
	}
	case RN_R_POLL:
		rn_strbuf__append_s64(sb, r);
		if (!r)
			rn_strbuf__puts(sb, " (Timeout)");
		else
			put_poll_result(&c);
		return;
	case RN_R_TIMEOUT:
		rn_strbuf__append_s64(sb, r);
		if (!r)
			rn_strbuf__puts(sb, " (Timeout)");
		return;
	case RN_R_PRCTL:
		rn_strbuf__append_s64(sb, r);
		if ((uint32_t)ev->rec->args[0] == 3 && rn_xlat__name(&rn_xl_dumpable, (uint64_t)r))
			rn_strbuf__printf(sb, " (%s)", rn_xlat__name(&rn_xl_dumpable, (uint64_t)r));
		return;
	}
	rn_strbuf__append_s64(sb, r);
}

void rn_format__signal(struct rn_strbuf *sb, const struct rn_sig_rec *s)
{
	struct siginfo_view v = {
	    .signo = s->signo,
	    .code = s->code,
	    .errno_ = s->errno_,
	    .pid = s->pid,
	    .uid = s->uid,
	    .status = s->status,
	    .addr = s->addr,
	};

	rn_strbuf__puts(sb, "--- ");
	put_signal(sb, s->signo);
	rn_strbuf__putc(sb, ' ');
	put_siginfo(sb, &v);
	rn_strbuf__puts(sb, " ---");
}

void rn_format__exit(struct rn_strbuf *sb, int st)
{
	if ((st & 0x7f) == 0) {
		rn_strbuf__printf(sb, "+++ exited with %d +++", (st >> 8) & 0xff);
		return;
	}
	rn_strbuf__puts(sb, "+++ killed by ");
	put_signal(sb, st & 0x7f);
	rn_strbuf__puts(sb, (st & 0x80) ? " (core dumped) +++" : " +++");
}
