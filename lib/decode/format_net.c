// SPDX-License-Identifier: MIT
/* Network and polling: sockets, sockaddr, iovec and msghdr, poll and epoll. */
#include "format_int.h"

#include <stdio.h>

#include <arpa/inet.h>
#include <string.h>

#include "errnames.h"
#include "fdpaths.h"
#include "xlat.h"

/* An address string as strace quotes it: -x/-xx turn it to hex like any string. */
static void put_addr_str(struct ctx *c, const char *s)
{
	rn_fmt__quoted_x(c, s, strlen(s), false);
}

void rn_fmt__put_sockaddr(struct ctx *c, const unsigned char *p, uint32_t len)
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
			rn_fmt__quoted_x(c, path, strnlen(path, n), false);
		} else {
			PUTS(", sun_path=@");
			rn_fmt__quoted_x(c, path + 1, n - 1, false);
		}
	} else if (fam == 2 && len >= 8) { /* AF_INET */
		char addr[INET_ADDRSTRLEN] = "";

		inet_ntop(AF_INET, p + 4, addr, sizeof(addr));
		rn_strbuf__printf(c->sb, ", sin_port=htons(%u), sin_addr=inet_addr(",
				  (unsigned)(p[2] << 8 | p[3]));
		put_addr_str(c, addr);
		PUTC(')');
	} else if (fam == 10 && len >= 24) { /* AF_INET6 */
		char addr[INET6_ADDRSTRLEN] = "";

		inet_ntop(AF_INET6, p + 8, addr, sizeof(addr));
		rn_strbuf__printf(
		    c->sb, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, ",
		    (unsigned)(p[2] << 8 | p[3]),
		    (unsigned)p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7]);
		put_addr_str(c, addr);
		PUTS(", &sin6_addr)");
		if (len >= 28)
			rn_strbuf__printf(c->sb, ", sin6_scope_id=%u", get_u32(p, 24));
	} else if (fam == 16 && len >= 12) { /* AF_NETLINK; strace shows nl_pad only when set */
		if (get_u16(p, 2))
			rn_strbuf__printf(c->sb, ", nl_pad=%#x", get_u16(p, 2));
		rn_strbuf__printf(c->sb, ", nl_pid=%d, nl_groups=%08x", (int)get_u32(p, 4),
				  get_u32(p, 8));
	} else if (len > 2) {
		PUTS(", sa_data=");
		rn_fmt__quoted(c->sb, p + 2, len - 2, false);
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
		const struct rn_item *d = rn_fmt__data_of(c, i, first + k, 0);
		uint64_t want = len < left ? len : left;

		if (k)
			PUTS(", ");
		PUTS("{iov_base=");
		if (d && base && (!out || c->ok))
			rn_fmt__put_data(c, d, want, false);
		else
			rn_fmt__put_ptr(c->sb, base);
		PUTS(", iov_len=");
		rn_strbuf__append_u64(c->sb, len);
		PUTC('}');
		left -= want;
	}
	PUTC(']');
}

int rn_fmt__arg_sock_type(struct ctx *c, unsigned i)
{
	uint32_t v = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_socket_type, v & 0xf);
	if (v & ~0xfu) {
		PUTC('|');
		rn_xlat__print_flags(c->sb, &rn_xl_socket_flags, v & ~0xfu, NULL);
	}
	return CONT;
}

int rn_fmt__arg_sock_proto(struct ctx *c, unsigned i)
{
	uint32_t af = (uint32_t)c->a[0];

	if (af == 2 || af == 10)
		rn_xlat__print_val(c->sb, &rn_xl_ipproto, (uint32_t)c->a[i]);
	else if (af == 16) /* AF_NETLINK */
		rn_xlat__print_val(c->sb, &rn_xl_netlink_protos, (uint32_t)c->a[i]);
	else
		rn_strbuf__append_s64(c->sb, (int32_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_sockaddr(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 0);

	if (!c->a[i] || !it || !it->len)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else
		rn_fmt__put_sockaddr(c, rn_item__data(it), it->len);
	return CONT;
}

int rn_fmt__arg_sockaddr_out(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? rn_fmt__data_of(c, i, 0, 0) : NULL;

	if (!c->a[i] || !it || !it->len)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else
		rn_fmt__put_sockaddr(c, rn_item__data(it), it->len);
	return CONT;
}

int rn_fmt__arg_sockopt_name(struct ctx *c, unsigned i)
{
	const struct rn_xlat *x = NULL;

	switch ((int32_t)c->a[i - 1]) {
	case 0: /* SOL_IP */
		x = &rn_xl_sockopt_ip;
		break;
	case 1: /* SOL_SOCKET */
		x = &rn_xl_sol_socket;
		break;
	case 6: /* SOL_TCP */
		x = &rn_xl_sockopt_tcp;
		break;
	case 17: /* SOL_UDP */
		x = &rn_xl_sockopt_udp;
		break;
	case 41: /* SOL_IPV6 */
		x = &rn_xl_sockopt_ipv6;
		break;
	case 270: /* SOL_NETLINK */
		x = &rn_xl_sockopt_netlink;
		break;
	}
	if (x)
		rn_xlat__print_val(c->sb, x, (uint32_t)c->a[i]);
	else
		rn_strbuf__append_s64(c->sb, (int32_t)c->a[i]);
	return CONT;
}

/*
 * A value-result length (socklen_t *): [128] as passed, [16] as returned, [128 => 16] when the
 * kernel changed it, as strace prints it; the enter record holds the value passed.
 */
int rn_fmt__arg_socklen(struct ctx *c, unsigned i)
{
	const struct rn_item *in = rn_fmt__enter_item(c, i, 4);
	const struct rn_item *out = NULL, *it;
	uint32_t vin = 0, vout;

	if (c->ok) {
		for (it = NULL; (it = rn_rec__next_item(c->ev->rec, it));)
			if (it->arg == i && it->idx == 0 && !(it->flags & RN_IF_FAULT) &&
			    it->len >= 4)
				out = it;
	}
	if (in)
		vin = get_u32(rn_item__data(in), 0);
	if (!c->a[i] || (!in && !out)) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	if (!out) {
		rn_strbuf__printf(c->sb, "[%u]", vin);
		return CONT;
	}
	vout = get_u32(rn_item__data(out), 0);
	if (in && vin != vout)
		rn_strbuf__printf(c->sb, "[%u => %u]", vin, vout);
	else
		rn_strbuf__printf(c->sb, "[%u]", vout);
	return CONT;
}

static int sockopt_val(struct ctx *c, unsigned i, bool out)
{
	const struct rn_item *it = (!out || c->ok) ? rn_fmt__data_of(c, i, 0, 0) : NULL;

	if (!c->a[i] || !it)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else if (c->a[1] == 1 && c->a[2] == 13 && it->len == 8) /* SOL_SOCKET, SO_LINGER */
		rn_strbuf__printf(c->sb, "{l_onoff=%d, l_linger=%d}",
				  (int)get_u32(rn_item__data(it), 0),
				  (int)get_u32(rn_item__data(it), 4));
	else if (c->a[1] == 1 && c->a[2] == 4 && it->len == 4 && /* SOL_SOCKET, SO_ERROR */
		 rn_errno__name((int)get_u32(rn_item__data(it), 0)))
		rn_strbuf__printf(c->sb, "[%s]",
				  rn_errno__name((int)get_u32(rn_item__data(it), 0)));
	else if (it->len == 4)
		rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(rn_item__data(it), 0));
	else
		rn_fmt__put_data(c, it, it->len, false);
	return CONT;
}

int rn_fmt__arg_sockopt_val(struct ctx *c, unsigned i)
{
	return sockopt_val(c, i, false);
}

int rn_fmt__arg_sockopt_val_out(struct ctx *c, unsigned i)
{
	return sockopt_val(c, i, true);
}

static int iov(struct ctx *c, unsigned i, bool out)
{
	const struct rn_item *arr = rn_fmt__data_of(c, i, 0, 0);

	if (!c->a[i] || !arr)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else
		put_iov(c, i, arr, 1, out);
	return CONT;
}

int rn_fmt__arg_iov(struct ctx *c, unsigned i)
{
	return iov(c, i, false);
}

int rn_fmt__arg_iov_out(struct ctx *c, unsigned i)
{
	return iov(c, i, true);
}

/* A descriptor inside a struct or set, with -y's <name> as strace prints it there. */
static void put_inner_fd(struct ctx *c, int32_t fd)
{
	rn_strbuf__append_s64(c->sb, fd);
	if (c->fds && fd >= 0)
		rn_fdpaths__put(c->fds, c->ev->rec->h.tgid, fd, c->sb);
}

/* One control message's data: SCM_RIGHTS' descriptors, SCM_CREDENTIALS' ids. */
static void put_cmsg_data(struct ctx *c, int level, int type, const char *d, uint64_t n)
{
	if (level != 1) /* SOL_SOCKET */
		return;
	if (type == 1) { /* SCM_RIGHTS */
		PUTS(", cmsg_data=[");
		for (uint64_t k = 0; k + 4 <= n; k += 4) {
			if (k)
				PUTS(", ");
			put_inner_fd(c, (int32_t)get_u32(d, k));
		}
		PUTC(']');
	} else if (type == 2 && n >= 12) { /* SCM_CREDENTIALS */
		rn_strbuf__printf(c->sb, ", cmsg_data={pid=%u, uid=%u, gid=%u}", get_u32(d, 0),
				  get_u32(d, 4), get_u32(d, 8));
	}
}

/*
 * msg_control as strace prints it: [{cmsg_len=20, cmsg_level=SOL_SOCKET,
 * cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], from the RN_MSG_CONTROL_IDX item.
 */
static void put_cmsgs(struct ctx *c, unsigned i, uint64_t ptr, uint64_t len)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, RN_MSG_CONTROL_IDX, 0);
	const char *p;
	uint64_t n, off = 0;

	if (!it || it->len < 16 || len < 16) {
		rn_fmt__put_ptr(c->sb, ptr);
		return;
	}
	p = rn_item__data(it);
	n = it->len < len ? it->len : len;
	PUTC('[');
	while (off + 16 <= n) {
		uint64_t clen = get_u64(p, off), dlen;
		int level = (int)get_u32(p, off + 8), type = (int)get_u32(p, off + 12);

		if (off)
			PUTS(", ");
		rn_strbuf__printf(c->sb, "{cmsg_len=%llu, cmsg_level=", (unsigned long long)clen);
		rn_xlat__print_val(c->sb, &rn_xl_sock_level, (uint32_t)level);
		PUTS(", cmsg_type=");
		if (level == 1)
			rn_xlat__print_val(c->sb, &rn_xl_scm_types, (uint32_t)type);
		else
			rn_fmt__put_hex0(c->sb, (uint32_t)type);
		dlen = clen > n - off ? n - off : clen;
		if (dlen >= 16)
			put_cmsg_data(c, level, type, p + off + 16, dlen - 16);
		PUTC('}');
		/* the next header lies past what was captured (a length near 2^64 would wrap the
		 * aligned step to 0: no progress) */
		if (clen < 16 || clen >= n - off)
			break;
		off += (clen + 7) & ~7ull;
	}
	PUTC(']');
}

static int msghdr(struct ctx *c, unsigned i, bool out)
{
	const struct rn_item *it = (!out || c->ok) ? rn_fmt__data_of(c, i, 0, 56) : NULL;
	const struct rn_item *name, *arr, *in;
	const void *p;

	if (!c->a[i] || !it) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	p = rn_item__data(it);
	name = rn_fmt__data_of(c, i, 1, 0);
	arr = rn_fmt__data_of(c, i, 2, 0);
	PUTS("{msg_name=");
	if (get_u64(p, 0) && name && name->len)
		rn_fmt__put_sockaddr(c, rn_item__data(name), name->len);
	else
		rn_fmt__put_ptr(c->sb, get_u64(p, 0));
	PUTS(", msg_namelen=");
	if (out && (in = rn_fmt__enter_item(c, i, 56)) &&
	    get_u32(rn_item__data(in), 8) != get_u32(p, 8))
		rn_strbuf__printf(c->sb, "%u => ", get_u32(rn_item__data(in), 8));
	rn_strbuf__printf(c->sb, "%u, msg_iov=", get_u32(p, 8));
	if (get_u64(p, 16) && arr)
		put_iov(c, i, arr, 3, out);
	else
		rn_fmt__put_ptr(c->sb, get_u64(p, 16));
	rn_strbuf__printf(c->sb, ", msg_iovlen=%llu", (unsigned long long)get_u64(p, 24));
	if (get_u64(p, 40)) {
		PUTS(", msg_control=");
		put_cmsgs(c, i, get_u64(p, 32), get_u64(p, 40));
	}
	rn_strbuf__printf(c->sb,
			  ", msg_controllen=%llu, msg_flags=", (unsigned long long)get_u64(p, 40));
	rn_xlat__print_flags(c->sb, &rn_xl_msg_flags, get_u32(p, 48), NULL);
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_msghdr(struct ctx *c, unsigned i)
{
	return msghdr(c, i, false);
}

int rn_fmt__arg_msghdr_out(struct ctx *c, unsigned i)
{
	return msghdr(c, i, true);
}

int rn_fmt__arg_pollfds(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 0);
	uint32_t n;

	if (!c->a[i] || !it) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	n = it->len / 8;
	PUTC('[');
	for (uint32_t k = 0; k < n; k++) {
		const char *e = (const char *)rn_item__data(it) + k * 8;

		if (k)
			PUTS(", ");
		PUTS("{fd=");
		rn_fmt__put_fd(c, (int32_t)get_u32(e, 0));
		PUTS(", events=");
		rn_xlat__print_flags(c->sb, &rn_xl_poll_events, get_u16(e, 4), NULL);
		PUTC('}');
	}
	PUTC(']');
	return CONT;
}

static void put_epoll_event(struct ctx *c, const char *e)
{
	uint64_t data = get_u64(e, 4);

	PUTS("{events=");
	rn_xlat__print_flags(c->sb, &rn_xl_epoll_events, get_u32(e, 0), NULL);
	rn_strbuf__printf(c->sb, ", data={u32=%u, u64=%llu}}", (uint32_t)data,
			  (unsigned long long)data);
}

int rn_fmt__arg_epoll_event(struct ctx *c, unsigned i)
{
	const char *p;

	/* EPOLL_CTL_DEL ignores the event: strace prints only its address */
	if (i == 3 && c->a[1] == 2) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	p = rn_fmt__struct_or_ptr(c, i, 12, false);

	if (p)
		put_epoll_event(c, p);
	return CONT;
}

int rn_fmt__arg_epoll_events_out(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? rn_fmt__data_of(c, i, 0, 0) : NULL;

	if (!c->ok || (!it && c->ret > 0)) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
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

/* The exit record's capture of argument i, if any. */
static const struct rn_item *exit_item(const struct ctx *c, unsigned i, uint32_t min)
{
	const struct rn_item *it = NULL;

	while ((it = rn_rec__next_item(c->ev->rec, it)))
		if (it->arg == i && it->idx == 0)
			return (it->flags & RN_IF_FAULT) || it->len < min ? NULL : it;
	return NULL;
}

void rn_fmt__put_poll_result(struct ctx *c)
{
	const struct rn_item *it = rn_fmt__data_of(c, 0, 0, 0);
	const struct rn_item *left = NULL;
	bool first = true;

	/* ppoll: the time left, which the kernel wrote back (captured again at exit) */
	if (c->ev->rec->nr == 271 /* ppoll */ && c->a[2])
		left = exit_item(c, 2, 16);
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
	PUTS("]");
	if (left) {
		PUTS(", left ");
		rn_fmt__put_timespec(c, rn_item__data(left));
	}
	PUTC(')');
}

/*
 * The fds set in an fd_set of nfds bits: " [0 4]" after `label`, nothing for an empty set;
 * with named, each with -y's <name> (the sets passed, not the sets returned, as strace).
 */
static bool put_fdbits(struct ctx *c, const struct rn_item *it, uint32_t nfds, const char *label,
		       bool named)
{
	const unsigned char *p = rn_item__data(it);
	bool first = true;

	for (uint32_t fd = 0; fd < nfds && fd / 8 < it->len; fd++) {
		if (!(p[fd / 8] & (1u << (fd % 8))))
			continue;
		if (first)
			PUTS(label);
		else
			PUTC(' ');
		first = false;
		if (named)
			rn_fmt__put_fd(c, (int32_t)fd);
		else
			rn_strbuf__append_u64(c->sb, fd);
	}
	return !first;
}

/* The set as passed: the enter record's capture (the exit record holds the rewritten one). */
int rn_fmt__arg_fdset(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__enter_item(c, i, 0);
	int32_t nfds = (int32_t)c->a[0];

	if (!it)
		it = rn_fmt__data_of(c, i, 0, 0);
	if (!c->a[i] || !it || nfds < 0) {
		rn_fmt__put_ptr(c->sb, c->a[i]);
		return CONT;
	}
	if (!put_fdbits(c, it, (uint32_t)nfds, "[", true))
		PUTC('[');
	PUTC(']');
	return CONT;
}

static int sel_timeout(struct ctx *c, unsigned i, bool timeval)
{
	const struct rn_item *it = rn_fmt__enter_item(c, i, 16);

	if (!it)
		it = rn_fmt__data_of(c, i, 0, 16);
	if (!c->a[i] || !it)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else if (timeval)
		rn_fmt__put_timeval(c, rn_item__data(it));
	else
		rn_fmt__put_timespec(c, rn_item__data(it));
	return CONT;
}

int rn_fmt__arg_sel_timeval(struct ctx *c, unsigned i)
{
	return sel_timeout(c, i, true);
}

int rn_fmt__arg_sel_timespec(struct ctx *c, unsigned i)
{
	return sel_timeout(c, i, false);
}

void rn_fmt__put_select_result(struct ctx *c)
{
	static const char *const labels[] = {"in [", "out [", "except ["};
	const struct rn_item *it;
	int32_t nfds = (int32_t)c->a[0];
	bool any = false;

	if (c->ret == 0) {
		PUTS(" (Timeout)");
		return;
	}
	/* nothing captured at exit (a trace from before the exit capture): the count alone */
	for (it = NULL; (it = rn_rec__next_item(c->ev->rec, it));)
		if (it->arg >= 1 && it->arg <= 4)
			break;
	if (!it)
		return;
	PUTS(" (");
	for (unsigned k = 0; k < 3 && nfds > 0; k++) {
		char label[16];

		it = c->a[1 + k] ? exit_item(c, 1 + k, 0) : NULL;
		if (!it)
			continue;
		snprintf(label, sizeof(label), "%s%s", any ? ", " : "", labels[k]);
		if (put_fdbits(c, it, (uint32_t)nfds, label, false)) {
			PUTC(']');
			any = true;
		}
	}
	it = c->a[4] ? exit_item(c, 4, 16) : NULL;
	if (it) {
		PUTS(any ? ", left " : "left ");
		if (!c->verbose) /* strace -e verbose=none: the pointer */
			rn_fmt__put_ptr(c->sb, c->a[4]);
		else if (c->ev->rec->nr == 23) /* select: a timeval */
			rn_fmt__put_timeval(c, rn_item__data(it));
		else
			rn_fmt__put_timespec(c, rn_item__data(it));
	}
	PUTC(')');
}

int rn_fmt__arg_pselect_sigmask(struct ctx *c, unsigned i)
{
	/* captured as an iovec: idx 0 the {sigmask, sigsetsize} pair, idx 1 the set */
	const char *p = rn_fmt__struct_or_ptr(c, i, 16, false);
	const struct rn_item *set = rn_fmt__data_of(c, i, 1, 8);
	uint64_t ss = 0, len = 0;

	if (!p)
		return CONT;
	ss = get_u64(p, 0);
	len = get_u64(p, 8);
	PUTS("{sigmask=");
	if (ss && set && len == 8)
		rn_fmt__put_sigset(c->sb, get_u64(rn_item__data(set), 0));
	else
		rn_fmt__put_ptr(c->sb, ss);
	rn_strbuf__printf(c->sb, ", sigsetsize=%llu}", (unsigned long long)len);
	return CONT;
}
