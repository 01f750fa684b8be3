// SPDX-License-Identifier: MIT
/*
 * Netlink messages as strace 6.1 prints them: an array of [{nlmsghdr}, payload], the payload
 * a family struct then its attributes ([{nla_len, nla_type}, value]), NLMSG_ERROR and
 * NLMSG_DONE. This file prints attributes and structs; format_netlink_msg.c the messages
 * around them. What each protocol, struct and attribute holds is data
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

bool nl_readable(const struct nl *n, uint64_t off, uint64_t len)
{
	return off <= n->have && len <= n->have - off;
}

/* strace's printstr_ex(QUOTE_FORCE_HEX): every byte \xNN, at most -s bytes. */
void nl_put_hexstr(struct nl *n, uint64_t off, uint64_t len)
{
	uint64_t k = len < n->c->strsize ? len : n->c->strsize;

	if (!nl_readable(n, off, k)) {
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

	if (!nl_readable(n, off, size)) {
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
			nl_put_hexstr(n, off, len);
			break;
		}
		if (!nl_readable(n, off, 8)) {
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
			nl_put_attrs(n, &rn_nl_rta, off + 8, l - 8, fam);
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

/* One value of kind k at p (len bytes nl_readable); false: not decodable, strace prints hex. */
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
			nl_put_attrs(n, rn_nl_kinds[i].data, off, len, fam);
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
			nl_put_hexstr(n, off + 2, len - 2);
		}
		rn_strbuf__putc(sb, '}');
		return true;
	case V_NEST:
		nl_put_attrs(n, arg, off, len, fam);
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
		nl_put_attrs(n, &rn_nl_inet6_protinfo, off, len, fam);
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
void nl_put_attrs(struct nl *n, const struct nla_table *t, uint64_t off, uint64_t len, int fam)
{
	bool is_array = false;

	for (unsigned elt = 0;; elt++) {
		uint16_t nla_len, type;
		uint64_t alen, l, next_len = 0;
		const struct nla_def *d;

		if (len < NLA_HDRLEN) {
			nl_put_hexstr(n, off, len);
			break;
		}
		if (!nl_readable(n, off, NLA_HDRLEN)) {
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
			if (!nl_readable(n, voff, vlen) && d && d->kind != V_RAW &&
			    d->kind != V_STR)
				PUTS_N(n, "...");
			else if (!d || !d->name || d->kind == V_RAW ||
				 !put_value(n, d->kind, d->arg, voff, vlen, fam))
				nl_put_hexstr(n, voff, vlen);
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

/* {ifi_family=AF_UNSPEC, ...} then its attributes; len >= 1 and its first byte nl_readable. */
void nl_put_family_struct(struct nl *n, const struct sdef *sd, uint64_t off, uint64_t len)
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
	if (!nl_readable(n, off, sd->size)) {
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
			nl_put_attrs(n, sd->attrs, off + aoff, len - aoff, fam);
		else
			nl_put_hexstr(n, off + aoff, len - aoff);
	}
}

/* A payload strace has no struct for: {family=AF_INET, data="\x.."}. */
void nl_put_family_raw(struct nl *n, uint64_t off, uint64_t len)
{
	PUTS_N(n, "{family=");
	rn_xlat__print_val(n->c->sb, &rn_xl_socket_af, n->p[off]);
	if (len > 1) {
		PUTS_N(n, ", data=");
		nl_put_hexstr(n, off + 1, len - 1);
	}
	rn_strbuf__putc(n->c->sb, '}');
}
