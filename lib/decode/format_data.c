// SPDX-License-Identifier: MIT
/*
 * The data of a buffer argument (write's, read's, sendto's, an iovec's): at most -s bytes
 * quoted, or, on a netlink socket, its messages as strace decodes them (format_netlink.c).
 * Above both format_common.c and format_netlink.c, which it calls.
 */
#include "format_int.h"

/* User data of `total` bytes of which `it` holds a prefix: at most -s bytes, then `...`. */
void rn_fmt__put_data(struct ctx *c, const struct rn_item *it, uint64_t total, bool hex)
{
	uint64_t n = it->len;
	int proto = c->verbose ? rn_fmt__netlink_proto(c) : -2;

	if (proto != -2) { /* a netlink socket's buffer: its messages, as strace decodes them */
		rn_fmt__put_netlink(c, proto, rn_item__data(it),
				    n < total ? (uint32_t)n : (uint32_t)total, total);
		return;
	}

	if (n > total)
		n = total;
	if (n > c->strsize)
		n = c->strsize;
	rn_fmt__quoted_x(c, rn_item__data(it), (size_t)n, hex);
	if (n < total || (it->flags & RN_IF_TRUNC && n == it->len))
		PUTS("...");
}

int rn_fmt__arg_wbuf(struct ctx *c, unsigned i)
{
	const struct rn_item *it = rn_fmt__data_of(c, i, 0, 0);

	if (!c->a[i] || !it)
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else
		rn_fmt__put_data(c, it, i + 1 < RN_NR_ARGS ? c->a[i + 1] : it->len, false);
	return CONT;
}

static int rbuf(struct ctx *c, unsigned i, bool hex)
{
	const struct rn_item *it = c->ok ? rn_fmt__data_of(c, i, 0, 0) : NULL;

	if (!c->a[i] || !c->ok || (!it && c->ret > 0))
		rn_fmt__put_ptr(c->sb, c->a[i]);
	else if (!it)
		PUTS("\"\"");
	else
		rn_fmt__put_data(c, it, (uint64_t)c->ret, hex);
	return CONT;
}

int rn_fmt__arg_rbuf(struct ctx *c, unsigned i)
{
	return rbuf(c, i, false);
}

int rn_fmt__arg_rbuf_hex(struct ctx *c, unsigned i)
{
	return rbuf(c, i, true);
}
