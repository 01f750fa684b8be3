// SPDX-License-Identifier: MIT
/*
 * Netlink messages around their payloads: the header (types and flags per protocol, generic
 * netlink family names asked of this host), NLMSG_ERROR and NLMSG_DONE, netfilter's subsystem
 * types, the payload's family struct and attributes (format_netlink.c), uevents, and the
 * entry points of the formatters (rn_fmt__put_netlink) and the fuzz target.
 */
#include "format_int.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#include "errnames.h"
#include "format.h"
#include "format_netlink_int.h"
#include "systable.h"
#include "xlat.h"

enum { NETLINK_ROUTE_ = 0, NETLINK_SOCK_DIAG_ = 4, NLMSG_ERROR_ = 2, NLMSG_DONE_ = 3 };

/*
 * NETLINK_NETFILTER: a type is subsystem << 8 | message, each subsystem with its names, and
 * which class of header flags a message takes (bits by message id: new, get, delete).
 */
static const struct nf_subsys {
	const struct rn_xlat *msgs;
	uint32_t new_, get, del;
} nf_subsys[] = {
    [1] = {&rn_xl_nf_ctnetlink, 1u << 0, 0xfau, 1u << 2},
    [2] = {&rn_xl_nf_ctnetlink_exp, 1u << 0, 0xau, 1u << 2},
    [3] = {&rn_xl_nf_queue, 0, 0, 0},
    [4] = {&rn_xl_nf_ulog, 0, 0, 0},
    [5] = {&rn_xl_nf_osf, 0, 0, 0},
    [6] = {&rn_xl_nf_ipset, 0, 0, 0},
    [7] = {&rn_xl_nf_acct, 1u << 0, 0x6u, 1u << 3},
    [8] = {&rn_xl_nf_timeout, 1u << 0, 1u << 1, 1u << 2},
    [9] = {&rn_xl_nf_cthelper, 1u << 0, 1u << 1, 1u << 2},
    [10] = {&rn_xl_nf_nftables, 0x449249u, 0xab2492u, 0x1104924u},
    [11] = {&rn_xl_nf_compat, 0, 1u << 0, 0},
};

static const struct nf_subsys *nf_subsys_of(uint16_t type)
{
	unsigned id = type >> 8;

	return id < sizeof(nf_subsys) / sizeof(nf_subsys[0]) && nf_subsys[id].msgs ? &nf_subsys[id]
										   : NULL;
}

static void put_nf_type(struct nl *n, uint16_t type)
{
	const struct nf_subsys *ss = nf_subsys_of(type);
	const char *ctl = rn_xlat__name(&rn_xl_nf_ctl, type);

	if (ctl) {
		rn_strbuf__puts(n->c->sb, ctl);
		return;
	}
	rn_xlat__print_val(n->c->sb, &rn_xl_nf_subsys, type >> 8);
	PUTS_N(n, "<<8|");
	if (ss)
		rn_xlat__print_val(n->c->sb, ss->msgs, type & 0xff);
	else
		rn_fmt__put_hex0(n->c->sb, type & 0xff);
}

static const struct rn_xlat *nf_flags_table(uint16_t type)
{
	const struct nf_subsys *ss = nf_subsys_of(type);
	unsigned m = type & 0xff;

	if (!ss || m >= 32)
		return &rn_xl_nlm_flags;
	if (ss->new_ >> m & 1)
		return &rn_xl_nlm_new_flags;
	if (ss->get >> m & 1)
		return &rn_xl_nlm_get_flags;
	if (ss->del >> m & 1)
		return &rn_xl_nlm_del_flags;
	return &rn_xl_nlm_flags;
}

/* struct nfgenmsg {family, version, res_id (network order)}, then attributes without names. */
static void put_nfgenmsg(struct nl *n, uint16_t type, uint64_t off, uint64_t len)
{
	static const struct nla_table unnamed = {NULL, 0, NULL, NULL};
	const uint8_t *g = n->p + off;
	uint16_t res_id;

	if (len < 4) {
		nl_put_hexstr(n, off, len);
		return;
	}
	if (!nl_readable(n, off, 4)) {
		PUTS_N(n, "...");
		return;
	}
	res_id = ntohs(get_u16(g, 2));
	PUTS_N(n, "{nfgen_family=");
	rn_xlat__print_val(n->c->sb, &rn_xl_socket_af, g[0]);
	PUTS_N(n, ", version=");
	if (g[1] == 0)
		PUTS_N(n, "NFNETLINK_V0");
	else
		rn_strbuf__printf(n->c->sb, "%#x /* NFNETLINK_??? */", g[1]);
	if (type >> 8 == 10 && res_id == 10) /* NFNL_SUBSYS_NFTABLES */
		PUTS_N(n, ", res_id=htons(NFNL_SUBSYS_NFTABLES)}");
	else
		rn_strbuf__printf(n->c->sb, ", res_id=htons(%u)}", res_id);
	if (len > 4) {
		PUTS_N(n, ", ");
		if (rn_xlat__name(&rn_xl_nf_ctl, type))
			nl_put_hexstr(n, off + 4, len - 4);
		else
			nl_put_attrs(n, &unnamed, off + 4, len - 4, -1);
	}
}

/* The family decoders: false when strace's has nothing to say (NLMSG_DONE). */
static bool put_family_payload(struct nl *n, uint16_t type, uint16_t flags, uint64_t off,
			       uint64_t len)
{
	const struct sdef *sd = NULL;
	uint8_t fam;

	if (type == NLMSG_DONE_)
		return false;
	if (n->proto == 12) { /* NETLINK_NETFILTER */
		put_nfgenmsg(n, type, off, len);
		return true;
	}
	if (n->proto != NETLINK_ROUTE_ && n->proto != NETLINK_SOCK_DIAG_)
		return false;
	if (!nl_readable(n, off, 1)) {
		PUTS_N(n, "...");
		return true;
	}
	fam = n->p[off];
	if (n->proto == NETLINK_ROUTE_) {
		unsigned idx = (unsigned)(type - 16) / 4;

		if (idx < rn_nl_route_nstructs && rn_xlat__name(&rn_xl_rtm_types, type))
			sd = rn_nl_route_structs[idx];
		if (type == 30 && fam == 7) /* RTM_GETNEIGH of AF_BRIDGE asks with an ifinfomsg */
			sd = &rn_nl_ifinfomsg;
	} else if (len > 1) {
		bool req = flags & 1; /* NLM_F_REQUEST */

		/* TCPDIAG_GETSOCK and DCCPDIAG_GETSOCK ask with the older inet_diag_req */
		if ((fam == 2 || fam == 10) && req && (type == 18 || type == 19))
			sd = &rn_nl_inet_diag_req_compat;
		else if (fam == 2 || fam == 10)
			sd = req ? &rn_nl_inet_diag_req_v2 : &rn_nl_inet_diag_msg;
		else if (fam == 1)
			sd = req ? &rn_nl_unix_diag_req : &rn_nl_unix_diag_msg;
		else if (fam == 16)
			sd = req ? &rn_nl_netlink_diag_req : &rn_nl_netlink_diag_msg;
		else if (fam == 17)
			sd = req ? &rn_nl_packet_diag_req : &rn_nl_packet_diag_msg;
	}
	if (sd)
		nl_put_family_struct(n, sd, off, len);
	else
		nl_put_family_raw(n, off, len);
	return true;
}

/* XFRM's and CRYPTO's requests by type: which class of flags each takes (strace's lists). */
static const struct {
	uint8_t proto;
	uint8_t type;
	const struct rn_xlat *flags;
} flag_classes[] = {
    {6, 16, &rn_xl_nlm_new_flags},  {6, 19, &rn_xl_nlm_new_flags},  {6, 30, &rn_xl_nlm_new_flags},
    {6, 34, &rn_xl_nlm_new_flags},  {6, 36, &rn_xl_nlm_new_flags},  {6, 17, &rn_xl_nlm_del_flags},
    {6, 20, &rn_xl_nlm_del_flags},  {6, 18, &rn_xl_nlm_get_flags},  {6, 21, &rn_xl_nlm_get_flags},
    {6, 31, &rn_xl_nlm_get_flags},  {6, 35, &rn_xl_nlm_get_flags},  {6, 37, &rn_xl_nlm_get_flags},
    {21, 16, &rn_xl_nlm_new_flags}, {21, 17, &rn_xl_nlm_del_flags}, {21, 20, &rn_xl_nlm_del_flags},
    {21, 19, &rn_xl_nlm_get_flags},
};

static const struct rn_xlat *nlm_flags_table(const struct nl *n, uint16_t type)
{
	if (type < 16)
		return type == NLMSG_ERROR_ ? &rn_xl_nlm_ack_flags : &rn_xl_nlm_flags;
	if (n->proto == NETLINK_SOCK_DIAG_)
		return &rn_xl_nlm_get_flags;
	if (n->proto == 12) /* NETLINK_NETFILTER */
		return nf_flags_table(type);
	for (size_t i = 0; i < sizeof(flag_classes) / sizeof(flag_classes[0]); i++)
		if (flag_classes[i].proto == n->proto && flag_classes[i].type == type)
			return flag_classes[i].flags;
	if (n->proto != NETLINK_ROUTE_)
		return &rn_xl_nlm_flags;
	if (type == 49) /* RTM_DELACTION takes NLM_F_ROOT */
		return &rn_xl_nlm_get_flags;
	switch (type & 3) {
	case 0:
		return &rn_xl_nlm_new_flags;
	case 1:
		return &rn_xl_nlm_del_flags;
	case 2:
		return &rn_xl_nlm_get_flags;
	}
	return &rn_xl_nlm_flags;
}

/* Message types per protocol (NETLINK_* index), for types >= NLMSG_MIN_TYPE. */
static const struct rn_xlat *const nlmsg_types[] = {
    [0] = &rn_xl_rtm_types,	[4] = &rn_xl_sock_diag_types, [6] = &rn_xl_xfrm_types,
    [7] = &rn_xl_selinux_types, [9] = &rn_xl_audit_types,     [21] = &rn_xl_crypto_types,
};

/*
 * NETLINK_GENERIC's message types are family ids the kernel hands out: named as strace does,
 * by asking this host's kernel once (CTRL_CMD_GETFAMILY dump) and keeping the answer.
 */
static struct {
	bool loaded;
	unsigned n;
	struct {
		uint16_t id;
		char name[16]; /* GENL_NAMSIZ */
	} v[128];
} genl;

static void genl_take(const uint8_t *m, uint32_t len)
{
	uint32_t off = NLMSG_HDRLEN + 4; /* the genlmsghdr */
	uint16_t id = 0;
	const char *name = NULL;
	size_t nlen = 0;

	while (off + NLA_HDRLEN <= len) {
		uint16_t alen = get_u16(m, off), type = get_u16(m, off + 2) & 0x3fff;

		if (alen < NLA_HDRLEN || off + alen > len)
			break;
		if (type == 1 && alen >= 6) /* CTRL_ATTR_FAMILY_ID */
			id = get_u16(m, off + 4);
		else if (type == 2) { /* CTRL_ATTR_FAMILY_NAME */
			name = (const char *)m + off + 4;
			nlen = strnlen(name, alen - NLA_HDRLEN);
		}
		off += (alen + 3u) & ~3u;
	}
	if (!name || !nlen || genl.n >= sizeof(genl.v) / sizeof(genl.v[0]))
		return;
	genl.v[genl.n].id = id;
	snprintf(genl.v[genl.n].name, sizeof(genl.v[0].name), "%.*s", (int)nlen, name);
	genl.n++;
}

static void genl_load(void)
{
	static const uint8_t req[20] = {20, 0, 0, 0, 16, 0, 0x01, 0x03, 1, 0,
					0,  0, 0, 0, 0,	 0, 3,	  1,	0, 0}; /* GETFAMILY, dump */
	struct timeval tv = {.tv_sec = 1};
	static uint8_t buf[32768];
	int fd;
	bool done = false;

	genl.loaded = true;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 16 /* NETLINK_GENERIC */);
	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (send(fd, req, sizeof(req), 0) != (ssize_t)sizeof(req))
		done = true;
	while (!done) {
		ssize_t got = recv(fd, buf, sizeof(buf), 0);
		uint32_t off = 0;

		if (got <= 0)
			break;
		while (off + NLMSG_HDRLEN <= (uint32_t)got) {
			uint32_t mlen = get_u32(buf, off);
			uint16_t type = get_u16(buf, off + 4);

			if (mlen < NLMSG_HDRLEN || off + mlen > (uint32_t)got ||
			    type == NLMSG_DONE_ || type == NLMSG_ERROR_) {
				done = true;
				break;
			}
			genl_take(buf + off, mlen);
			off += (mlen + 3u) & ~3u;
		}
	}
	close(fd);
}

static const char *genl_name(uint16_t id)
{
	if (!genl.loaded)
		genl_load();
	for (unsigned i = 0; i < genl.n; i++)
		if (genl.v[i].id == id)
			return genl.v[i].name;
	return NULL;
}

static void put_nlmsghdr(struct nl *n, const uint8_t *h)
{
	uint16_t type = get_u16(h, 4), flags = get_u16(h, 6);
	const struct rn_xlat *tx = &rn_xl_nlmsg_types;

	if (type >= 16 && n->proto >= 0 &&
	    (unsigned)n->proto < sizeof(nlmsg_types) / sizeof(nlmsg_types[0]) &&
	    nlmsg_types[n->proto])
		tx = nlmsg_types[n->proto];
	rn_strbuf__printf(n->c->sb, "{nlmsg_len=%u, nlmsg_type=", get_u32(h, 0));
	if (type >= 16 && n->proto == 12 /* NETLINK_NETFILTER */) {
		put_nf_type(n, type);
	} else if (type >= 16 && n->proto == 16 /* NETLINK_GENERIC */) {
		const char *name = genl_name(type);

		if (name)
			rn_strbuf__puts(n->c->sb, name);
		else
			rn_strbuf__printf(n->c->sb, "%#x /* GENERIC_FAMILY_??? */", type);
	} else {
		rn_xlat__print_val(n->c->sb, tx, type);
	}
	PUTS_N(n, ", nlmsg_flags=");
	rn_xlat__print_flags(n->c->sb, nlm_flags_table(n, type), flags, NULL);
	rn_strbuf__printf(n->c->sb, ", nlmsg_seq=%u, nlmsg_pid=%d}", get_u32(h, 8),
			  (int32_t)get_u32(h, 12));
}

static void put_msg(struct nl *n, const uint8_t *h, uint64_t off, uint64_t len);

/* {error=-ENOENT, msg={...}}: the error and the request it answers (capped: its header). */
static void put_nlmsgerr(struct nl *n, uint64_t off, uint64_t len, bool capped)
{
	int32_t err;
	const char *name;

	if (len < 4) {
		nl_put_hexstr(n, off, len);
		return;
	}
	if (!nl_readable(n, off, 4)) {
		PUTS_N(n, "...");
		return;
	}
	err = (int32_t)get_u32(n->p, off);
	name = err < 0 && err > INT32_MIN ? rn_errno__name(-err) : NULL;
	PUTS_N(n, "{error=");
	if (name)
		rn_strbuf__printf(n->c->sb, "-%s", name);
	else
		rn_strbuf__append_s64(n->c->sb, err);
	off += 4;
	len -= 4;
	if (len) {
		PUTS_N(n, ", msg=");
		if (len < NLMSG_HDRLEN) {
			nl_put_hexstr(n, off, len);
		} else if (!nl_readable(n, off, NLMSG_HDRLEN)) {
			PUTS_N(n, "...");
		} else {
			const uint8_t *h = n->p + off;
			uint64_t payload = capped ? NLMSG_HDRLEN : get_u32(h, 0);

			if (payload > len)
				payload = len;
			put_msg(n, h, off, payload);
			if (len > payload) {
				PUTS_N(n, ", ");
				nl_put_attrs(n, &rn_nl_nlmsgerr, off + payload, len - payload, -1);
			}
		}
	}
	rn_strbuf__putc(n->c->sb, '}');
}

static void put_payload(struct nl *n, const uint8_t *h, uint64_t off, uint64_t len)
{
	uint16_t type = get_u16(h, 4), flags = get_u16(h, 6);

	if (type == NLMSG_ERROR_) {
		put_nlmsgerr(n, off, len, flags & 0x100);
		return;
	}
	if ((type >= 16 || type == NLMSG_DONE_) && put_family_payload(n, type, flags, off, len))
		return;
	if (type == NLMSG_DONE_ && len == 4 && nl_readable(n, off, 4)) {
		rn_strbuf__append_s64(n->c->sb, (int32_t)get_u32(n->p, off));
		return;
	}
	nl_put_hexstr(n, off, len);
}

/* One message: {header}, or [{header}, payload] when it has one. */
static void put_msg(struct nl *n, const uint8_t *h, uint64_t off, uint64_t len)
{
	uint64_t mlen = get_u32(h, 0) < len ? get_u32(h, 0) : len;

	if (mlen > NLMSG_HDRLEN)
		rn_strbuf__putc(n->c->sb, '[');
	put_nlmsghdr(n, h);
	if (mlen > NLMSG_HDRLEN) {
		PUTS_N(n, ", ");
		put_payload(n, h, off + NLMSG_HDRLEN, mlen - NLMSG_HDRLEN);
		rn_strbuf__putc(n->c->sb, ']');
	}
}

/* strace's decode_netlink: the messages in len bytes, an array when more than one. */
static void put_msgs(struct nl *n, uint64_t len)
{
	uint64_t off = 0;
	bool is_array = false;

	for (unsigned elt = 0;; elt++) {
		const uint8_t *h;
		uint64_t alen, next_len = 0;

		if (len < NLMSG_HDRLEN) {
			nl_put_hexstr(n, off, len);
			break;
		}
		if (!nl_readable(n, off, NLMSG_HDRLEN)) {
			PUTS_N(n, "...");
			break;
		}
		if (n->c->abbrev && elt == n->c->strsize) {
			PUTS_N(n, "...");
			break;
		}
		h = n->p + off;
		alen = ((uint64_t)get_u32(h, 0) + 3) & ~3ull;
		if (get_u32(h, 0) >= NLMSG_HDRLEN)
			next_len = len >= alen ? len - alen : 0;
		if (!is_array && next_len) {
			rn_strbuf__putc(n->c->sb, '[');
			is_array = true;
		}
		put_msg(n, h, off, len);
		if (!next_len)
			break;
		PUTS_N(n, ", ");
		off += alen;
		len = next_len;
	}
	if (is_array)
		rn_strbuf__putc(n->c->sb, ']');
}

int rn_fmt__netlink_proto(const struct ctx *c)
{
	const struct rn_item *it = rn_event__item(c->ev, RN_ARG_SOCK, 0);
	struct rn_fdid id;

	if (!it || it->kind != RN_CAP_FDID || it->len < sizeof(id))
		return -2;
	memcpy(&id, rn_item__data(it), sizeof(id));
	if (id.family != RN_AF_NETLINK)
		return -2;
	return id.state ? id.protocol : -1;
}

/* strace's printstrn: at most -s bytes of len, quoted, `...` when there were more. */
static void put_strn(struct nl *n, uint64_t off, uint64_t len)
{
	uint64_t k = len < n->c->strsize ? len : n->c->strsize;
	bool more = k < len;

	if (!nl_readable(n, off, k)) {
		k = off < n->have ? n->have - off : 0;
		more = true;
	}
	rn_fmt__quoted_x(n->c, n->p + off, (size_t)k, false);
	if (more)
		PUTS_N(n, "...");
}

/*
 * NETLINK_KOBJECT_UEVENT carries no nlmsghdr: the kernel's "add@/devices/..." strings, or
 * libudev's struct udev_monitor_netlink_header then the properties, as strace prints them.
 */
static void put_uevent(struct nl *n, uint64_t len)
{
	static const char *const hashes[] = {"filter_subsystem_hash", "filter_devtype_hash",
					     "filter_tag_bloom_hi", "filter_tag_bloom_lo"};
	const uint8_t *h = n->p;

	if (len < 40 || !nl_readable(n, 0, 40) || memcmp(h, "libudev", 8)) {
		put_strn(n, 0, len);
		return;
	}
	if (len > 40)
		rn_strbuf__putc(n->c->sb, '[');
	rn_strbuf__printf(
	    n->c->sb,
	    "{prefix=\"libudev\", magic=htonl(%#x), header_size=%u, properties_off=%u, "
	    "properties_len=%u",
	    ntohl(get_u32(h, 8)), get_u32(h, 12), get_u32(h, 16), get_u32(h, 20));
	for (unsigned i = 0; i < 4; i++)
		rn_strbuf__printf(n->c->sb, ", %s=htonl(%#x)", hashes[i],
				  ntohl(get_u32(h, 24 + 4 * i)));
	rn_strbuf__putc(n->c->sb, '}');
	if (len > 40) {
		PUTS_N(n, ", ");
		put_strn(n, 40, len - 40);
		rn_strbuf__putc(n->c->sb, ']');
	}
}

void rn_fmt__put_netlink(struct ctx *c, int proto, const void *p, uint32_t have, uint64_t len)
{
	struct nl n = {.c = c, .p = p, .have = have, .proto = proto};

	if (proto == 15) /* NETLINK_KOBJECT_UEVENT */
		put_uevent(&n, len);
	else
		put_msgs(&n, len);
}

void rn_format__netlink(struct rn_strbuf *sb, int proto, const void *p, size_t have, size_t len,
			const struct rn_fmt_opts *o)
{
	struct ctx c = {
	    .sb = sb, .strsize = RN_FMT_STRSIZE_DEFAULT, .abbrev = true, .verbose = true};
	int nr = rn_syscall__by_name("sendto");

	if (o && o->strsize)
		c.strsize = o->strsize == RN_FMT_STRSIZE_ZERO ? 0 : o->strsize;
	if (o)
		c.hex = o->hex;
	/* as sendto's buffer: -v (an abbrev set without sendto) prints every element */
	if (o && o->abbrev && nr >= 0)
		c.abbrev = o->abbrev[nr / 64] >> (nr % 64) & 1;
	rn_fmt__put_netlink(&c, proto, p, have > UINT32_MAX ? UINT32_MAX : (uint32_t)have, len);
}
