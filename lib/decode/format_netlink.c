// SPDX-License-Identifier: MIT
/*
 * Netlink messages as strace 6.1 prints them: an array of [{nlmsghdr}, payload], the payload
 * a family struct then its attributes ([{nla_len, nla_type}, value]), NLMSG_ERROR and
 * NLMSG_DONE. What each protocol, struct and attribute holds is data
 * (format_netlink_tables.c); the printers here walk it. Which socket a call used comes with
 * its record (RN_ARG_SOCK, bpf/renacer_abi.h). The bytes come from a trace file, so every
 * read is checked against what was captured (`have`); past it the decoder prints `...`.
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

#define NLMSG_HDRLEN 16
#define NLA_HDRLEN   4
#define PUTS_N(n, s) rn_strbuf__puts((n)->c->sb, s)

struct nl {
	struct ctx *c;
	const uint8_t *p;
	uint32_t have; /* bytes captured */
	int proto;     /* NETLINK_*, -1 unknown */
	char kind[16]; /* the last IFLA_INFO_KIND seen: how IFLA_INFO_DATA reads */
};

static bool readable(const struct nl *n, uint64_t off, uint64_t len)
{
	return off <= n->have && len <= n->have - off;
}

/* strace's printstr_ex(QUOTE_FORCE_HEX): every byte \xNN, at most -s bytes. */
static void put_hexstr(struct nl *n, uint64_t off, uint64_t len)
{
	uint64_t k = len < n->c->strsize ? len : n->c->strsize;

	if (!readable(n, off, k)) {
		rn_strbuf__puts(n->c->sb, "...");
		return;
	}
	rn_fmt__quoted(n->c->sb, n->p + off, (size_t)k, true);
	if (k < len)
		rn_strbuf__puts(n->c->sb, "...");
}

/*
 * decode_nla_str: strace's printstr_ex(QUOTE_OMIT_TRAILING_0 | QUOTE_EXPECT_TRAILING_0) of
 * len bytes. At most -s bytes; a string that ends in its NUL within them prints without it,
 * any other (no NUL, cut at -s) ends in `...`. When -x turns it to hex (-xx, or -x and a byte
 * that is not text, its NUL included), every byte shows and `...` follows.
 */
static void put_str(struct nl *n, uint64_t off, uint64_t len)
{
	uint64_t size = len < n->c->strsize ? len : n->c->strsize;
	const uint8_t *p = n->p + off;
	bool hex = n->c->hex >= 2;

	if (!readable(n, off, size)) {
		rn_strbuf__puts(n->c->sb, "...");
		return;
	}
	for (uint64_t i = 0; n->c->hex == 1 && !hex && i < size; i++)
		hex = p[i] > 0x7e || (p[i] < ' ' && (unsigned)(p[i] - 9) >= 5);
	if (hex) {
		rn_fmt__quoted(n->c->sb, p, (size_t)size, true);
		rn_strbuf__puts(n->c->sb, "...");
	} else if (size == len && size && !p[size - 1]) {
		rn_fmt__quoted(n->c->sb, p, (size_t)size - 1, false);
	} else {
		rn_fmt__quoted(n->c->sb, p, (size_t)size, false);
		rn_strbuf__puts(n->c->sb, "...");
	}
}

static void put_ifindex(struct nl *n, uint32_t idx)
{
	char name[IF_NAMESIZE];

	if (idx && if_indextoname(idx, name)) { /* the name quoted as strings are, -x/-xx too */
		rn_strbuf__puts(n->c->sb, "if_nametoindex(");
		rn_fmt__quoted_x(n->c, name, strlen(name), false);
		rn_strbuf__putc(n->c->sb, ')');
	} else
		rn_strbuf__append_u64(n->c->sb, idx);
}

/* inet_addr("127.0.0.1"), inet_pton(AF_INET6, "::1") (with `field`: , &field)); false if not. */
static bool put_inet(struct nl *n, int fam, const uint8_t *a, uint64_t len, const char *field)
{
	char s[INET6_ADDRSTRLEN];
	struct rn_strbuf *sb = n->c->sb;

	if ((fam != 2 || len < 4) && (fam != 10 || len < 16))
		return false;
	inet_ntop(fam == 2 ? AF_INET : AF_INET6, a, s, sizeof(s));
	if (fam == 2 && field)
		rn_strbuf__printf(sb, "%s=", field);
	rn_strbuf__puts(sb, fam == 2 ? "inet_addr(" : "inet_pton(AF_INET6, ");
	rn_fmt__quoted_x(n->c, s, strlen(s), false); /* -xx quotes the address too */
	if (fam == 10 && field)
		rn_strbuf__printf(sb, ", &%s", field);
	rn_strbuf__putc(sb, ')');
	return true;
}

static void put_attrs(struct nl *n, const struct nla_table *t, uint64_t off, uint64_t len, int fam);

static uint64_t get_uint(const uint8_t *p, unsigned size)
{
	switch (size) {
	case 1:
		return p[0];
	case 2:
		return get_u16(p, 0);
	case 4:
		return get_u32(p, 0);
	default:
		return get_u64(p, 0);
	}
}

static bool put_unums(struct nl *n, const struct unums *u, const uint8_t *p, uint64_t len)
{
	unsigned cnt = 0;

	if (len >= (uint64_t)u->n * u->esz)
		cnt = u->n;
	else if (len == (uint64_t)u->min_n * u->esz)
		cnt = u->min_n;
	if (!cnt)
		return false;
	rn_strbuf__putc(n->c->sb, '{');
	for (unsigned i = 0; i < cnt; i++)
		rn_strbuf__printf(n->c->sb, "%s%s=%llu", i ? ", " : "", u->names[i],
				  (unsigned long long)get_uint(p + i * u->esz, u->esz));
	rn_strbuf__putc(n->c->sb, '}');
	return true;
}

/* [[DEVCONF_FORWARDING]=0, ...]: strace's print_array with PAF_PRINT_INDICES. */
static bool put_idxarr(struct nl *n, const struct idxarr *ia, const uint8_t *p, uint64_t len)
{
	uint64_t cnt = len / ia->esz;

	if (!cnt)
		return false;
	rn_strbuf__putc(n->c->sb, '[');
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t v = get_uint(p + i * ia->esz, ia->esz);
		const char *name = rn_xlat__name(ia->x, i);

		if (i)
			rn_strbuf__puts(n->c->sb, ", ");
		if (n->c->abbrev && i >= n->c->strsize) {
			rn_strbuf__puts(n->c->sb, "...");
			break;
		}
		rn_strbuf__putc(n->c->sb, '[');
		if (name)
			rn_strbuf__puts(n->c->sb, name);
		else
			rn_strbuf__printf(n->c->sb, "%llu /* %s */", (unsigned long long)i,
					  ia->x->unknown);
		rn_strbuf__putc(n->c->sb, ']');
		rn_strbuf__putc(n->c->sb, '=');
		if (ia->sign)
			rn_strbuf__append_s64(n->c->sb, ia->esz == 4 ? (int32_t)v : (int64_t)v);
		else
			rn_strbuf__append_u64(n->c->sb, v);
	}
	rn_strbuf__putc(n->c->sb, ']');
	return true;
}

/* struct inet_diag_sockopt's bits: the set ones only, or all of them under -v. */
static bool put_sockopt(struct nl *n, const uint8_t *p, uint64_t len)
{
	static const char *const bits[] = {
	    "recverr",	       "is_icsk",      "freebind",
	    "hdrincl",	       "mc_loop",      "transparent",
	    "mc_all",	       "nodefrag",     "bind_address_no_port",
	    "recverr_rfc4884", "defer_connect"};
	uint16_t v;
	bool first = true;

	if (len < 2)
		return false;
	v = get_u16(p, 0);
	rn_strbuf__putc(n->c->sb, '{');
	for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (n->c->abbrev && !(v & (1u << i)))
			continue;
		rn_strbuf__printf(n->c->sb, "%s%s=%u", first ? "" : ", ", bits[i], (v >> i) & 1);
		first = false;
	}
	if (!n->c->abbrev || v >> 11)
		rn_strbuf__printf(n->c->sb, "%sunused=%u /* bits 3..8 */", first ? "" : ", ",
				  v >> 11);
	rn_strbuf__putc(n->c->sb, '}');
	return true;
}

/*
 * RTA_MULTIPATH: struct rtnexthop {len, flags, hops, ifindex} in a row, each followed by its
 * own RTA_* attributes ([{rtnh...}, attrs]); an array when more than one, as strace.
 */
static void put_nexthops(struct nl *n, uint64_t off, uint64_t len, int fam)
{
	bool is_array = false;

	for (;;) {
		uint64_t nlen, alen, next_len = 0, l;

		if (len < 8) {
			put_hexstr(n, off, len);
			break;
		}
		if (!readable(n, off, 8)) {
			PUTS_N(n, "...");
			break;
		}
		nlen = get_u16(n->p, off);
		alen = (nlen + 3) & ~3ull;
		if (nlen >= 8)
			next_len = len >= alen ? len - alen : 0;
		if (!is_array && next_len) {
			rn_strbuf__putc(n->c->sb, '[');
			is_array = true;
		}
		l = nlen < len ? nlen : len;
		if (l > 8)
			rn_strbuf__putc(n->c->sb, '[');
		rn_strbuf__printf(n->c->sb,
				  "{rtnh_len=%llu, rtnh_flags=", (unsigned long long)nlen);
		rn_xlat__print_flags(n->c->sb, &rn_xl_rtnh_flags, n->p[off + 2], NULL);
		rn_strbuf__printf(n->c->sb, ", rtnh_hops=%u, rtnh_ifindex=", n->p[off + 3]);
		put_ifindex(n, get_u32(n->p, off + 4));
		rn_strbuf__putc(n->c->sb, '}');
		if (l > 8) {
			PUTS_N(n, ", ");
			put_attrs(n, &rn_nl_rta, off + 8, l - 8, fam);
			rn_strbuf__putc(n->c->sb, ']');
		}
		if (!next_len)
			break;
		PUTS_N(n, ", ");
		off += alen;
		len = next_len;
	}
	if (is_array)
		rn_strbuf__putc(n->c->sb, ']');
}

/* INET_DIAG_MD5SIG: struct tcp_diag_md5sig {family, prefixlen, keylen, addr[16], key[80]}[]. */
static bool put_md5sigs(struct nl *n, uint64_t off, uint64_t len)
{
	uint64_t cnt = len / 100;

	if (!cnt)
		return false;
	rn_strbuf__putc(n->c->sb, '[');
	for (uint64_t i = 0; i < cnt; i++) {
		const uint8_t *e = n->p + off + i * 100;
		uint16_t keylen = get_u16(e, 2);

		if (i)
			PUTS_N(n, ", ");
		if (n->c->abbrev && i >= n->c->strsize) {
			PUTS_N(n, "...");
			break;
		}
		PUTS_N(n, "{tcpm_family=");
		rn_xlat__print_val(n->c->sb, &rn_xl_socket_af, e[0]);
		rn_strbuf__printf(n->c->sb, ", tcpm_prefixlen=%u, tcpm_keylen=%u, ", e[1], keylen);
		if (!put_inet(n, e[0], e + 4, 16, "tcpm_addr")) {
			PUTS_N(n, "tcpm_addr=");
			rn_fmt__quoted(n->c->sb, e + 4, 16, true);
		}
		PUTS_N(n, ", tcpm_key=");
		rn_fmt__quoted(n->c->sb, e + 20, keylen < 80 ? keylen : 80, true);
		rn_strbuf__putc(n->c->sb, '}');
	}
	rn_strbuf__putc(n->c->sb, ']');
	return true;
}

static const unsigned value_size[] = {
    [V_U8] = 1,		 [V_U16] = 2,	    [V_U32] = 4,       [V_U64] = 8,	[V_S32] = 4,
    [V_X32] = 4,	 [V_IFINDEX] = 4,   [V_FLAGS32] = 4,   [V_FLAGS8] = 1,	[V_XVAL8] = 1,
    [V_ETHER_PROTO] = 2, [V_BRIDGE_ID] = 8, [V_BOOLOPT] = 8,   [V_X16] = 2,	[V_XVAL16] = 2,
    [V_XVAL32] = 4,	 [V_IN6] = 16,	    [V_UDIAG_VFS] = 8, [V_SOCKOPT] = 2, [V_HEX32] = 4,
};

/* One value of kind k at p (len bytes readable); false: not decodable, strace prints hex. */
static bool put_value(struct nl *n, unsigned k, const void *arg, uint64_t off, uint64_t len,
		      int fam)
{
	const uint8_t *p = n->p + off;
	struct rn_strbuf *sb = n->c->sb;

	if (k < sizeof(value_size) / sizeof(value_size[0]) && len < value_size[k])
		return false;
	switch (k) {
	case V_U8:
	case V_U16:
	case V_U32:
	case V_U64:
		rn_strbuf__append_u64(sb, get_uint(p, value_size[k]));
		return true;
	case V_S32:
		rn_strbuf__append_s64(sb, (int32_t)get_u32(p, 0));
		return true;
	case V_X32:
	case V_HEX32:
		rn_fmt__put_hex0(sb, get_u32(p, 0));
		return true;
	case V_STR:
		put_str(n, off, len);
		return true;
	case V_IFINDEX:
		put_ifindex(n, get_u32(p, 0));
		return true;
	case V_ADDR:
		return put_inet(n, fam, p, len, NULL);
	case V_IN6:
		return put_inet(n, 10, p, len, NULL);
	case V_HWADDR:
		if (len > 32)
			return false;
		for (uint64_t i = 0; i < len; i++)
			rn_strbuf__printf(sb, "%s%02x", i ? ":" : "", p[i]);
		return true;
	case V_FLAGS32:
	case V_FLAGS8:
		rn_xlat__print_flags(sb, arg, get_uint(p, value_size[k]), NULL);
		return true;
	case V_XVAL8:
	case V_XVAL16:
	case V_XVAL32:
		rn_xlat__print_val(sb, arg, get_uint(p, value_size[k]));
		return true;
	case V_MULTIPATH:
		put_nexthops(n, off, len, fam);
		return true;
	case V_INFO_KIND:
		memset(n->kind, 0, sizeof(n->kind));
		memcpy(n->kind, p, len < sizeof(n->kind) - 1 ? len : sizeof(n->kind) - 1);
		put_str(n, off, len);
		return true;
	case V_INFO_DATA:
	case V_INFO_XSTATS:
		for (unsigned i = 0; i < rn_nl_nkinds; i++) {
			if (strcmp(rn_nl_kinds[i].kind, n->kind))
				continue;
			if (k == V_INFO_XSTATS)
				return rn_nl_kinds[i].xstats &&
				       put_unums(n, rn_nl_kinds[i].xstats, p, len);
			if (!rn_nl_kinds[i].data)
				return false;
			put_attrs(n, rn_nl_kinds[i].data, off, len, fam);
			return true;
		}
		return false;
	case V_CLOCK_T: {
		uint64_t v = 0;

		if (len > 8)
			return false;
		memcpy(&v, p, (size_t)len);
		rn_fmt__put_clock_t(sb, v);
		return true;
	}
	case V_ETHER_PROTO:
		PUTS_N(n, "htons(");
		rn_xlat__print_val(sb, &rn_xl_ether_protos, ntohs(get_u16(p, 0)));
		rn_strbuf__putc(sb, ')');
		return true;
	case V_BRIDGE_ID:
		rn_strbuf__printf(sb, "{prio=[%u, %u], addr=%02x:%02x:%02x:%02x:%02x:%02x}", p[0],
				  p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
		return true;
	case V_BOOLOPT:
		PUTS_N(n, "{optval=");
		rn_xlat__print_flags(sb, &rn_xl_br_boolopts, get_u32(p, 0), NULL);
		PUTS_N(n, ", optmask=");
		rn_xlat__print_flags(sb, &rn_xl_br_boolopts, get_u32(p, 4), NULL);
		rn_strbuf__putc(sb, '}');
		return true;
	case V_X16:
		rn_fmt__put_hex0(sb, get_u16(p, 0));
		return true;
	case V_DCTCP:
		if (len < 16)
			return false;
		rn_strbuf__printf(sb,
				  "{dctcp_enabled=%u, dctcp_ce_state=%u, dctcp_alpha=%u, "
				  "dctcp_ab_ecn=%u, dctcp_ab_tot=%u}",
				  get_u16(p, 0), get_u16(p, 2), get_u32(p, 4), get_u32(p, 8),
				  get_u32(p, 12));
		return true;
	case V_BBR:
		if (len < 20)
			return false;
		PUTS_N(n, "{bbr_bw_lo=");
		rn_fmt__put_hex0(sb, get_u32(p, 0));
		PUTS_N(n, ", bbr_bw_hi=");
		rn_fmt__put_hex0(sb, get_u32(p, 4));
		rn_strbuf__printf(sb, ", bbr_min_rtt=%u, bbr_pacing_gain=%u, bbr_cwnd_gain=%u}",
				  get_u32(p, 8), get_u32(p, 12), get_u32(p, 16));
		return true;
	case V_MD5SIG:
		return put_md5sigs(n, off, len);
	case V_RTVIA:
		if (len < 2)
			return false;
		PUTS_N(n, "{rtvia_family=");
		rn_xlat__print_val(sb, &rn_xl_socket_af, get_u16(p, 0));
		PUTS_N(n, ", ");
		if (!put_inet(n, get_u16(p, 0), p + 2, len - 2, "rtvia_addr")) {
			PUTS_N(n, "rtvia_addr=");
			put_hexstr(n, off + 2, len - 2);
		}
		rn_strbuf__putc(sb, '}');
		return true;
	case V_NEST:
		put_attrs(n, arg, off, len, fam);
		return true;
	case V_UNUMS:
		return put_unums(n, arg, p, len);
	case V_IDXARR:
		return put_idxarr(n, arg, p, len);
	case V_SOCKOPT:
		return put_sockopt(n, p, len);
	case V_TC_BASIC:
		if (len < 12)
			return false;
		rn_strbuf__printf(sb, "{bytes=%llu, packets=%u}", (unsigned long long)get_u64(p, 0),
				  get_u32(p, 8));
		return true;
	case V_TC_STATS: {
		static const char *const names[] = {"packets", "drops", "overlimits", "bps",
						    "pps",     "qlen",	"backlog"};

		if (len < 36)
			return false;
		rn_strbuf__printf(sb, "{bytes=%llu", (unsigned long long)get_u64(p, 0));
		for (unsigned j = 0; j < 7; j++)
			rn_strbuf__printf(sb, ", %s=%u", names[j], get_u32(p, 8 + 4 * j));
		rn_strbuf__putc(sb, '}');
		return true;
	}
	case V_IFMAP:
		if (len < 28)
			return false;
		PUTS_N(n, "{mem_start=");
		rn_fmt__put_hex0(sb, get_u64(p, 0));
		PUTS_N(n, ", mem_end=");
		rn_fmt__put_hex0(sb, get_u64(p, 8));
		PUTS_N(n, ", base_addr=");
		rn_fmt__put_hex0(sb, get_u64(p, 16));
		rn_strbuf__printf(sb, ", irq=%u, dma=%u, port=%u}", get_u16(p, 24), p[26], p[27]);
		return true;
	case V_GROUPS:
		if (len < 8)
			return false;
		rn_strbuf__putc(sb, '[');
		for (uint64_t o = 0; o + 8 <= len; o += 8)
			rn_strbuf__printf(sb, "%s%#016llx", o ? ", " : "",
					  (unsigned long long)get_u64(p, o));
		rn_strbuf__putc(sb, ']');
		return true;
	case V_PDI_INFO: /* {__u32 index, version, reserve, copy_thresh, tstamp, flags} */
		if (len < 24)
			return false;
		PUTS_N(n, "{pdi_index=");
		put_ifindex(n, get_u32(p, 0));
		PUTS_N(n, ", pdi_version=");
		rn_xlat__print_val(sb, &rn_xl_tpacket_versions, get_u32(p, 4));
		rn_strbuf__printf(sb,
				  ", pdi_reserve=%u, pdi_copy_thresh=%u, pdi_tstamp=%u, pdi_flags=",
				  get_u32(p, 8), get_u32(p, 12), get_u32(p, 16));
		rn_xlat__print_flags(sb, &rn_xl_pdi_flags, get_u32(p, 20), NULL);
		rn_strbuf__putc(sb, '}');
		return true;
	case V_NDT_CONFIG: /* struct ndt_config: two __u16, seven __u32, the mask %#08x */
		if (len < 32)
			return false;
		rn_strbuf__printf(
		    sb,
		    "{ndtc_key_len=%u, ndtc_entry_size=%u, ndtc_entries=%u, "
		    "ndtc_last_flush=%u, ndtc_last_rand=%u, ndtc_hash_rnd=%u, "
		    "ndtc_hash_mask=%#08x, ndtc_hash_chain_gc=%u, ndtc_proxy_qlen=%u}",
		    get_u16(p, 0), get_u16(p, 2), get_u32(p, 4), get_u32(p, 8), get_u32(p, 12),
		    get_u32(p, 16), get_u32(p, 20), get_u32(p, 24), get_u32(p, 28));
		return true;
	case V_UDIAG_VFS: /* {__u32 ino, dev}: dev as glibc's major()/minor() split it */
		PUTS_N(n, "{udiag_vfs_dev=makedev(");
		rn_fmt__put_hex0(sb, major(get_u32(p, 4)));
		PUTS_N(n, ", ");
		rn_fmt__put_hex0(sb, minor(get_u32(p, 4)));
		rn_strbuf__printf(sb, "), udiag_vfs_ino=%u}", get_u32(p, 0));
		return true;
	case V_PROTINFO:
		if (fam != 10)
			return false;
		put_attrs(n, &rn_nl_inet6_protinfo, off, len, fam);
		return true;
	default:
		return false;
	}
}

static void put_nla_type(struct nl *n, const struct nla_table *t, uint16_t type)
{
	uint16_t v = type & 0x3fff;

	if (type & 0x8000)
		rn_strbuf__puts(n->c->sb, "NLA_F_NESTED|");
	if (type & 0x4000)
		rn_strbuf__puts(n->c->sb, "NLA_F_NET_BYTEORDER|");
	if (t->names)
		rn_xlat__print_val(n->c->sb, t->names, v);
	else if (v < t->n && t->d[v].name)
		rn_strbuf__puts(n->c->sb, t->d[v].name);
	else if (t->unknown)
		rn_strbuf__printf(n->c->sb, "%#x /* %s */", v, t->unknown);
	else /* a family strace has no names for: the number alone */
		rn_strbuf__printf(n->c->sb, "%#x", v);
}

/* decode_nlattr: [{nla_len=8, nla_type=IFLA_MTU}, 1500], an array when more than one. */
static void put_attrs(struct nl *n, const struct nla_table *t, uint64_t off, uint64_t len, int fam)
{
	bool is_array = false;

	for (unsigned elt = 0;; elt++) {
		uint16_t nla_len, type;
		uint64_t alen, l, next_len = 0;
		const struct nla_def *d;

		if (len < NLA_HDRLEN) {
			put_hexstr(n, off, len);
			break;
		}
		if (!readable(n, off, NLA_HDRLEN)) {
			PUTS_N(n, "...");
			break;
		}
		if (n->c->abbrev && elt + 1 > n->c->strsize) {
			PUTS_N(n, "...");
			break;
		}
		nla_len = get_u16(n->p, off);
		type = get_u16(n->p, off + 2);
		alen = ((uint64_t)nla_len + 3) & ~3ull;
		if (nla_len >= NLA_HDRLEN)
			next_len = len >= alen ? len - alen : 0;
		if (!is_array && next_len) {
			rn_strbuf__putc(n->c->sb, '[');
			is_array = true;
		}
		l = nla_len < len ? nla_len : len;
		if (l > NLA_HDRLEN)
			rn_strbuf__putc(n->c->sb, '[');
		rn_strbuf__printf(n->c->sb, "{nla_len=%u, nla_type=", nla_len);
		put_nla_type(n, t, type);
		rn_strbuf__putc(n->c->sb, '}');
		if (l > NLA_HDRLEN) {
			uint64_t voff = off + NLA_HDRLEN, vlen = l - NLA_HDRLEN;

			d = (type & 0x3fff) < t->n ? &t->d[type & 0x3fff] : NULL;
			if (d && !d->name && t->names)
				d = NULL;
			PUTS_N(n, ", ");
			if (!readable(n, voff, vlen) && d && d->kind != V_RAW && d->kind != V_STR)
				PUTS_N(n, "...");
			else if (!d || !d->name || d->kind == V_RAW ||
				 !put_value(n, d->kind, d->arg, voff, vlen, fam))
				put_hexstr(n, voff, vlen);
			rn_strbuf__putc(n->c->sb, ']');
		}
		if (!next_len)
			break;
		PUTS_N(n, ", ");
		off += alen;
		len = next_len;
	}
	if (is_array)
		rn_strbuf__putc(n->c->sb, ']');
}

static void put_sockid(struct nl *n, const uint8_t *p, int fam)
{
	struct rn_strbuf *sb = n->c->sb;

	rn_strbuf__printf(sb, "{idiag_sport=htons(%u), idiag_dport=htons(%u), ",
			  ntohs(get_u16(p, 0)), ntohs(get_u16(p, 2)));
	if (!put_inet(n, fam, p + 4, 16, "idiag_src")) {
		PUTS_N(n, "idiag_src=");
		rn_fmt__quoted(sb, p + 4, 16, true);
	}
	PUTS_N(n, ", ");
	if (!put_inet(n, fam, p + 20, 16, "idiag_dst")) {
		PUTS_N(n, "idiag_dst=");
		rn_fmt__quoted(sb, p + 20, 16, true);
	}
	PUTS_N(n, ", idiag_if=");
	put_ifindex(n, get_u32(p, 36));
	rn_strbuf__printf(sb, ", idiag_cookie=[%u, %u]}", get_u32(p, 40), get_u32(p, 44));
}

static void put_field(struct nl *n, const struct sfield *f, const uint8_t *s, int fam)
{
	const uint8_t *p = s + f->off;
	uint64_t v = get_uint(p, f->size == 8 ? 4 : f->size);

	rn_strbuf__puts(n->c->sb, f->name);
	rn_strbuf__putc(n->c->sb, '=');
	switch (f->kind) {
	case F_SOCKID:
		put_sockid(n, p, fam);
		break;
	case F_COOKIE:
		rn_strbuf__printf(n->c->sb, "[%u, %u]", get_u32(p, 0), get_u32(p, 4));
		break;
	case F_U:
		rn_strbuf__append_u64(n->c->sb, v);
		break;
	case F_NUD:
		rn_xlat__print_flags(n->c->sb, f->arg, v, "NUD_NONE");
		break;
	case F_NDIAG_PROTO: /* a netlink protocol, or all of them */
		if (v == 255)
			rn_strbuf__puts(n->c->sb, "NDIAG_PROTO_ALL");
		else
			rn_xlat__print_val(n->c->sb, &rn_xl_netlink_protos, v);
		break;
	case V_ARPHRD:
		rn_xlat__print_val(n->c->sb, &rn_xl_arphrd, v);
		break;
	case F_ETH_P: /* as stored (network order), through the host-order names, as strace */
		rn_xlat__print_val(n->c->sb, &rn_xl_eth_protos, v);
		break;
	case V_IFINDEX:
		put_ifindex(n, (uint32_t)v);
		break;
	case V_HEX32:
		rn_fmt__put_hex0(n->c->sb, v);
		break;
	case V_FLAGS8:
	case V_FLAGS32:
		rn_xlat__print_flags(n->c->sb, f->arg, v, NULL);
		break;
	default:
		rn_xlat__print_val(n->c->sb, f->arg, v);
		break;
	}
}

/* {ifi_family=AF_UNSPEC, ...} then its attributes; len >= 1 and its first byte readable. */
static void put_family_struct(struct nl *n, const struct sdef *sd, uint64_t off, uint64_t len)
{
	const uint8_t *s = n->p + off;
	int fam = s[0];
	uint64_t aoff = ((uint64_t)sd->size + 3) & ~3ull;

	rn_strbuf__putc(n->c->sb, '{');
	put_field(n, &sd->f[0], s, fam);
	if (sd->nf > 1)
		PUTS_N(n, ", ");
	if (len < sd->size) {
		PUTS_N(n, "...}");
		return;
	}
	if (!readable(n, off, sd->size)) {
		PUTS_N(n, "...}");
		return;
	}
	for (unsigned i = 1; i < sd->nf; i++) {
		if (i > 1)
			PUTS_N(n, ", ");
		put_field(n, &sd->f[i], s, fam);
	}
	rn_strbuf__putc(n->c->sb, '}');
	if ((sd->attrs || sd->rest_hex) && len > aoff) {
		PUTS_N(n, ", ");
		if (sd->attrs)
			put_attrs(n, sd->attrs, off + aoff, len - aoff, fam);
		else
			put_hexstr(n, off + aoff, len - aoff);
	}
}

/* A payload strace has no struct for: {family=AF_INET, data="\x.."}. */
static void put_family_raw(struct nl *n, uint64_t off, uint64_t len)
{
	PUTS_N(n, "{family=");
	rn_xlat__print_val(n->c->sb, &rn_xl_socket_af, n->p[off]);
	if (len > 1) {
		PUTS_N(n, ", data=");
		put_hexstr(n, off + 1, len - 1);
	}
	rn_strbuf__putc(n->c->sb, '}');
}

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
		put_hexstr(n, off, len);
		return;
	}
	if (!readable(n, off, 4)) {
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
			put_hexstr(n, off + 4, len - 4);
		else
			put_attrs(n, &unnamed, off + 4, len - 4, -1);
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
	if (!readable(n, off, 1)) {
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
		put_family_struct(n, sd, off, len);
	else
		put_family_raw(n, off, len);
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
		put_hexstr(n, off, len);
		return;
	}
	if (!readable(n, off, 4)) {
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
			put_hexstr(n, off, len);
		} else if (!readable(n, off, NLMSG_HDRLEN)) {
			PUTS_N(n, "...");
		} else {
			const uint8_t *h = n->p + off;
			uint64_t payload = capped ? NLMSG_HDRLEN : get_u32(h, 0);

			if (payload > len)
				payload = len;
			put_msg(n, h, off, payload);
			if (len > payload) {
				PUTS_N(n, ", ");
				put_attrs(n, &rn_nl_nlmsgerr, off + payload, len - payload, -1);
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
	if (type == NLMSG_DONE_ && len == 4 && readable(n, off, 4)) {
		rn_strbuf__append_s64(n->c->sb, (int32_t)get_u32(n->p, off));
		return;
	}
	put_hexstr(n, off, len);
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
			put_hexstr(n, off, len);
			break;
		}
		if (!readable(n, off, NLMSG_HDRLEN)) {
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

	if (!readable(n, off, k)) {
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

	if (len < 40 || !readable(n, 0, 40) || memcmp(h, "libudev", 8)) {
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
