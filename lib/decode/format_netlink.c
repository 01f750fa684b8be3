// SPDX-License-Identifier: MIT
/*
 * Netlink messages as strace 6.1 prints them: an array of [{nlmsghdr}, payload], the payload
 * a family struct then its attributes ([{nla_len, nla_type}, value]), NLMSG_ERROR and
 * NLMSG_DONE. What each protocol, struct and attribute holds is data (the tables below); a
 * few generic printers walk it. The bytes come from a trace file, so every read is checked
 * against what was captured (`have`); past it the decoder prints `...` and stops.
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
};

/* Value kinds of an attribute, a struct field or an array element. */
enum vk {
	V_RAW, /* strace has no decoder: the bytes in hex */
	V_U8,
	V_U16,
	V_U32,
	V_U64,
	V_S32,
	V_X32,
	V_STR,
	V_IFINDEX,
	V_ADDR, /* an address of the message's family */
	V_IN6,
	V_HWADDR,
	V_FLAGS32,
	V_FLAGS8,
	V_XVAL8,
	V_XVAL32,
	V_NEST,	  /* attributes of table `sub` */
	V_UNUMS,  /* a struct of unsigned numbers: `names`, elem size, minimum count */
	V_IDXARR, /* an array printed [NAME]=value with index names */
	V_SOCKOPT,
	V_PROTINFO, /* IFLA_PROTINFO: by the ifinfomsg's family */
	V_FAMILY,
	V_ARPHRD,
	V_HEX32, /* %#x: 0, 0x1 */
	V_COOKIE,
	V_SOCKID,
	V_ERRNO,
	V_UDIAG_VFS,
	V_TC_BASIC, /* struct gnet_stats_basic: __u64 bytes; __u32 packets */
	V_TC_STATS, /* struct tc_stats: __u64 bytes; then 7 __u32 */
	V_NDT_CONFIG,
	V_IFMAP, /* struct rtnl_link_ifmap */
};

struct unums {
	const char *const *names;
	uint8_t n, min_n, esz;
};

struct idxarr {
	const struct rn_xlat *x;
	uint8_t esz;
	bool sign;
};

struct nla_def {
	const char *name;
	uint8_t kind;
	const void *arg; /* xlat, sub-table, unums or idxarr */
};

struct nla_table {
	const struct nla_def *d;
	unsigned n;
	const char *unknown;
	const struct rn_xlat *names; /* the types' names when they are another table's values */
};

#define A(t, nm, k, a) [t] = {nm, k, a}
#define TABLE(name, unk)                                                                           \
	{                                                                                          \
		name, sizeof(name) / sizeof(name[0]), unk, NULL                                    \
	}

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

/* A NUL-ended string without its NUL (decode_nla_str), at most -s bytes. */
static void put_str(struct nl *n, uint64_t off, uint64_t len)
{
	uint64_t k;
	bool more = false;

	if (!readable(n, off, len)) {
		len = off < n->have ? n->have - off : 0;
		more = true;
	}
	k = strnlen((const char *)n->p + off, (size_t)len);
	if (k > n->c->strsize) {
		k = n->c->strsize;
		more = true;
	}
	rn_fmt__quoted_x(n->c, n->p + off, (size_t)k, false);
	if (more)
		rn_strbuf__puts(n->c->sb, "...");
}

static void put_ifindex(struct nl *n, uint32_t idx)
{
	char name[IF_NAMESIZE];

	if (idx && if_indextoname(idx, name))
		rn_strbuf__printf(n->c->sb, "if_nametoindex(\"%s\")", name);
	else
		rn_strbuf__append_u64(n->c->sb, idx);
}

/* inet_addr("127.0.0.1"), inet_pton(AF_INET6, "::1") (with `field`: , &field)); false if not. */
static bool put_inet(struct nl *n, int fam, const uint8_t *a, uint64_t len, const char *field)
{
	char s[INET6_ADDRSTRLEN];

	if (fam == 2 && len >= 4) {
		inet_ntop(AF_INET, a, s, sizeof(s));
		if (field)
			rn_strbuf__printf(n->c->sb, "%s=inet_addr(\"%s\")", field, s);
		else
			rn_strbuf__printf(n->c->sb, "inet_addr(\"%s\")", s);
		return true;
	}
	if (fam == 10 && len >= 16) {
		inet_ntop(AF_INET6, a, s, sizeof(s));
		if (field)
			rn_strbuf__printf(n->c->sb, "inet_pton(AF_INET6, \"%s\", &%s)", s, field);
		else
			rn_strbuf__printf(n->c->sb, "inet_pton(AF_INET6, \"%s\")", s);
		return true;
	}
	return false;
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

static const unsigned value_size[] = {
    [V_U8] = 1,	       [V_U16] = 2,	[V_U32] = 4,	[V_U64] = 8,   [V_S32] = 4,    [V_X32] = 4,
    [V_IFINDEX] = 4,   [V_FLAGS32] = 4, [V_FLAGS8] = 1, [V_XVAL8] = 1, [V_XVAL32] = 4, [V_IN6] = 16,
    [V_UDIAG_VFS] = 8, [V_SOCKOPT] = 2, [V_HEX32] = 4,	[V_ERRNO] = 4,
};

extern const struct nla_table rn_nl_inet6_protinfo;

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
	case V_XVAL32:
		rn_xlat__print_val(sb, arg, get_uint(p, value_size[k]));
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
	else
		rn_strbuf__printf(n->c->sb, "%#x /* %s */", v, t->unknown);
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

static const char *const stats_names[] = {
    "rx_packets",	   "tx_packets",	"rx_bytes",	    "tx_bytes",
    "rx_errors",	   "tx_errors",		"rx_dropped",	    "tx_dropped",
    "multicast",	   "collisions",	"rx_length_errors", "rx_over_errors",
    "rx_crc_errors",	   "rx_frame_errors",	"rx_fifo_errors",   "rx_missed_errors",
    "tx_aborted_errors",   "tx_carrier_errors", "tx_fifo_errors",   "tx_heartbeat_errors",
    "tx_window_errors",	   "rx_compressed",	"tx_compressed",    "rx_nohandler",
    "rx_otherhost_dropped"};
static const struct unums stats32 = {stats_names, 24, 23, 4};
static const struct unums stats64 = {stats_names, 25, 23, 8};
static const char *const ifa_ci_names[] = {"ifa_prefered", "ifa_valid", "cstamp", "tstamp"};
static const struct unums ifa_cacheinfo = {ifa_ci_names, 4, 4, 4};
static const char *const rta_ci_names[] = {"rta_clntref", "rta_lastuse", "rta_expires",
					   "rta_error",	  "rta_used",	 "rta_id",
					   "rta_ts",	  "rta_tsage"};
static const struct unums rta_cacheinfo = {rta_ci_names, 8, 8, 4};
static const char *const nda_ci_names[] = {"ndm_confirmed", "ndm_used", "ndm_updated",
					   "ndm_refcnt"};
static const struct unums nda_cacheinfo = {nda_ci_names, 4, 4, 4};
static const char *const i6_ci_names[] = {"max_reasm_len", "tstamp", "reachable_time",
					  "retrans_time"};
static const struct unums inet6_cacheinfo = {i6_ci_names, 4, 4, 4};
static const char *const rqlen_names[] = {"udiag_rqueue", "udiag_wqueue"};
static const struct unums udiag_rqlen = {rqlen_names, 2, 2, 4};
static const char *const meminfo_names[] = {"idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem"};
static const struct unums inet_meminfo = {meminfo_names, 4, 4, 4};

static const struct rn_xlat_ent devconf6_e[] = {
    {0, "DEVCONF_FORWARDING"},
    {1, "DEVCONF_HOPLIMIT"},
    {2, "DEVCONF_MTU6"},
    {3, "DEVCONF_ACCEPT_RA"},
    {4, "DEVCONF_ACCEPT_REDIRECTS"},
    {5, "DEVCONF_AUTOCONF"},
    {6, "DEVCONF_DAD_TRANSMITS"},
    {7, "DEVCONF_RTR_SOLICITS"},
    {8, "DEVCONF_RTR_SOLICIT_INTERVAL"},
    {9, "DEVCONF_RTR_SOLICIT_DELAY"},
    {10, "DEVCONF_USE_TEMPADDR"},
    {11, "DEVCONF_TEMP_VALID_LFT"},
    {12, "DEVCONF_TEMP_PREFERED_LFT"},
    {13, "DEVCONF_REGEN_MAX_RETRY"},
    {14, "DEVCONF_MAX_DESYNC_FACTOR"},
    {15, "DEVCONF_MAX_ADDRESSES"},
    {16, "DEVCONF_FORCE_MLD_VERSION"},
    {17, "DEVCONF_ACCEPT_RA_DEFRTR"},
    {18, "DEVCONF_ACCEPT_RA_PINFO"},
    {19, "DEVCONF_ACCEPT_RA_RTR_PREF"},
    {20, "DEVCONF_RTR_PROBE_INTERVAL"},
    {21, "DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN"},
    {22, "DEVCONF_PROXY_NDP"},
    {23, "DEVCONF_OPTIMISTIC_DAD"},
    {24, "DEVCONF_ACCEPT_SOURCE_ROUTE"},
    {25, "DEVCONF_MC_FORWARDING"},
    {26, "DEVCONF_DISABLE_IPV6"},
    {27, "DEVCONF_ACCEPT_DAD"},
    {28, "DEVCONF_FORCE_TLLAO"},
    {29, "DEVCONF_NDISC_NOTIFY"},
    {30, "DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL"},
    {31, "DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL"},
    {32, "DEVCONF_SUPPRESS_FRAG_NDISC"},
    {33, "DEVCONF_ACCEPT_RA_FROM_LOCAL"},
    {34, "DEVCONF_USE_OPTIMISTIC"},
    {35, "DEVCONF_ACCEPT_RA_MTU"},
    {36, "DEVCONF_STABLE_SECRET"},
    {37, "DEVCONF_USE_OIF_ADDRS_ONLY"},
    {38, "DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT"},
    {39, "DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN"},
    {40, "DEVCONF_DROP_UNICAST_IN_L2_MULTICAST"},
    {41, "DEVCONF_DROP_UNSOLICITED_NA"},
    {42, "DEVCONF_KEEP_ADDR_ON_DOWN"},
    {43, "DEVCONF_RTR_SOLICIT_MAX_INTERVAL"},
    {44, "DEVCONF_SEG6_ENABLED"},
    {45, "DEVCONF_SEG6_REQUIRE_HMAC"},
    {46, "DEVCONF_ENHANCED_DAD"},
    {47, "DEVCONF_ADDR_GEN_MODE"},
    {48, "DEVCONF_DISABLE_POLICY"},
    {49, "DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN"},
    {50, "DEVCONF_NDISC_TCLASS"},
    {51, "DEVCONF_RPL_SEG_ENABLED"},
    {52, "DEVCONF_RA_DEFRTR_METRIC"},
    {53, "DEVCONF_IOAM6_ENABLED"},
    {54, "DEVCONF_IOAM6_ID"},
    {55, "DEVCONF_IOAM6_ID_WIDE"},
    {56, "DEVCONF_NDISC_EVICT_NOCARRIER"},
    {57, "DEVCONF_ACCEPT_UNTRACKED_NA"},
};
static const struct rn_xlat_ent devconf4_e[] = {
    {0, "IPV4_DEVCONF_FORWARDING-1"},
    {1, "IPV4_DEVCONF_MC_FORWARDING-1"},
    {2, "IPV4_DEVCONF_PROXY_ARP-1"},
    {3, "IPV4_DEVCONF_ACCEPT_REDIRECTS-1"},
    {4, "IPV4_DEVCONF_SECURE_REDIRECTS-1"},
    {5, "IPV4_DEVCONF_SEND_REDIRECTS-1"},
    {6, "IPV4_DEVCONF_SHARED_MEDIA-1"},
    {7, "IPV4_DEVCONF_RP_FILTER-1"},
    {8, "IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE-1"},
    {9, "IPV4_DEVCONF_BOOTP_RELAY-1"},
    {10, "IPV4_DEVCONF_LOG_MARTIANS-1"},
    {11, "IPV4_DEVCONF_TAG-1"},
    {12, "IPV4_DEVCONF_ARPFILTER-1"},
    {13, "IPV4_DEVCONF_MEDIUM_ID-1"},
    {14, "IPV4_DEVCONF_NOXFRM-1"},
    {15, "IPV4_DEVCONF_NOPOLICY-1"},
    {16, "IPV4_DEVCONF_FORCE_IGMP_VERSION-1"},
    {17, "IPV4_DEVCONF_ARP_ANNOUNCE-1"},
    {18, "IPV4_DEVCONF_ARP_IGNORE-1"},
    {19, "IPV4_DEVCONF_PROMOTE_SECONDARIES-1"},
    {20, "IPV4_DEVCONF_ARP_ACCEPT-1"},
    {21, "IPV4_DEVCONF_ARP_NOTIFY-1"},
    {22, "IPV4_DEVCONF_ACCEPT_LOCAL-1"},
    {23, "IPV4_DEVCONF_SRC_VMARK-1"},
    {24, "IPV4_DEVCONF_PROXY_ARP_PVLAN-1"},
    {25, "IPV4_DEVCONF_ROUTE_LOCALNET-1"},
    {26, "IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL-1"},
    {27, "IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL-1"},
    {28, "IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN-1"},
    {29, "IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST-1"},
    {30, "IPV4_DEVCONF_DROP_GRATUITOUS_ARP-1"},
    {31, "IPV4_DEVCONF_BC_FORWARDING-1"},
    {32, "IPV4_DEVCONF_ARP_EVICT_NOCARRIER-1"},
};
#define NENT(a) (sizeof(a) / sizeof(a[0]))
static const struct rn_xlat devconf4 = {devconf4_e, NENT(devconf4_e), "IPV4_DEVCONF_???"};
static const struct rn_xlat devconf6 = {devconf6_e, NENT(devconf6_e), "DEVCONF_???"};
static const struct rn_xlat_ent ipstats_e[] = {
    {0, "IPSTATS_MIB_NUM"},
    {1, "IPSTATS_MIB_INPKTS"},
    {2, "IPSTATS_MIB_INOCTETS"},
    {3, "IPSTATS_MIB_INDELIVERS"},
    {4, "IPSTATS_MIB_OUTFORWDATAGRAMS"},
    {5, "IPSTATS_MIB_OUTPKTS"},
    {6, "IPSTATS_MIB_OUTOCTETS"},
    {7, "IPSTATS_MIB_INHDRERRORS"},
    {8, "IPSTATS_MIB_INTOOBIGERRORS"},
    {9, "IPSTATS_MIB_INNOROUTES"},
    {10, "IPSTATS_MIB_INADDRERRORS"},
    {11, "IPSTATS_MIB_INUNKNOWNPROTOS"},
    {12, "IPSTATS_MIB_INTRUNCATEDPKTS"},
    {13, "IPSTATS_MIB_INDISCARDS"},
    {14, "IPSTATS_MIB_OUTDISCARDS"},
    {15, "IPSTATS_MIB_OUTNOROUTES"},
    {16, "IPSTATS_MIB_REASMTIMEOUT"},
    {17, "IPSTATS_MIB_REASMREQDS"},
    {18, "IPSTATS_MIB_REASMOKS"},
    {19, "IPSTATS_MIB_REASMFAILS"},
    {20, "IPSTATS_MIB_FRAGOKS"},
    {21, "IPSTATS_MIB_FRAGFAILS"},
    {22, "IPSTATS_MIB_FRAGCREATES"},
    {23, "IPSTATS_MIB_INMCASTPKTS"},
    {24, "IPSTATS_MIB_OUTMCASTPKTS"},
    {25, "IPSTATS_MIB_INBCASTPKTS"},
    {26, "IPSTATS_MIB_OUTBCASTPKTS"},
    {27, "IPSTATS_MIB_INMCASTOCTETS"},
    {28, "IPSTATS_MIB_OUTMCASTOCTETS"},
    {29, "IPSTATS_MIB_INBCASTOCTETS"},
    {30, "IPSTATS_MIB_OUTBCASTOCTETS"},
    {31, "IPSTATS_MIB_CSUMERRORS"},
    {32, "IPSTATS_MIB_NOECTPKTS"},
    {33, "IPSTATS_MIB_ECT1PKTS"},
    {34, "IPSTATS_MIB_ECT0PKTS"},
    {35, "IPSTATS_MIB_CEPKTS"},
    {36, "IPSTATS_MIB_REASM_OVERLAPS"},
};
static const struct rn_xlat ipstats = {ipstats_e, NENT(ipstats_e), "IPSTATS_MIB_???"};
static const struct rn_xlat_ent icmp6_e[] = {
    {0, "ICMP6_MIB_NUM"},     {1, "ICMP6_MIB_INMSGS"},	  {2, "ICMP6_MIB_INERRORS"},
    {3, "ICMP6_MIB_OUTMSGS"}, {4, "ICMP6_MIB_OUTERRORS"}, {5, "ICMP6_MIB_CSUMERRORS"},
};
static const struct rn_xlat icmp6 = {icmp6_e, 6, "ICMP6_MIB_???"};
static const struct rn_xlat_ent skmem_e[] = {
    {0, "SK_MEMINFO_RMEM_ALLOC"}, {1, "SK_MEMINFO_RCVBUF"},    {2, "SK_MEMINFO_WMEM_ALLOC"},
    {3, "SK_MEMINFO_SNDBUF"},	  {4, "SK_MEMINFO_FWD_ALLOC"}, {5, "SK_MEMINFO_WMEM_QUEUED"},
    {6, "SK_MEMINFO_OPTMEM"},	  {7, "SK_MEMINFO_BACKLOG"},   {8, "SK_MEMINFO_DROPS"},
};
static const struct rn_xlat skmem = {skmem_e, 9, "SK_MEMINFO_???"};
static const struct idxarr skmem_arr = {&skmem, 4, false};
static const struct idxarr devconf6_arr = {&devconf6, 4, true};
static const struct idxarr devconf4_arr = {&devconf4, 4, true};
static const struct idxarr ipstats_arr = {&ipstats, 8, false};
static const struct idxarr icmp6_arr = {&icmp6, 8, false};

static const struct nla_def inet6_protinfo_d[] = {
    A(0, "IFLA_INET6_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_INET6_FLAGS", V_FLAGS32, &rn_xl_inet6_if_flags),
    A(2, "IFLA_INET6_CONF", V_IDXARR, &devconf6_arr),
    A(3, "IFLA_INET6_STATS", V_IDXARR, &ipstats_arr),
    A(4, "IFLA_INET6_MCAST", V_RAW, NULL),
    A(5, "IFLA_INET6_CACHEINFO", V_UNUMS, &inet6_cacheinfo),
    A(6, "IFLA_INET6_ICMP6STATS", V_IDXARR, &icmp6_arr),
    A(7, "IFLA_INET6_TOKEN", V_IN6, NULL),
    A(8, "IFLA_INET6_ADDR_GEN_MODE", V_XVAL8, &rn_xl_in6_addr_gen_mode),
    A(9, "IFLA_INET6_RA_MTU", V_U32, NULL),
};
const struct nla_table rn_nl_inet6_protinfo = TABLE(inet6_protinfo_d, "IFLA_INET6_???");

static const struct nla_def linkinfo_d[] = {
    A(0, "IFLA_INFO_UNSPEC", V_RAW, NULL),     A(1, "IFLA_INFO_KIND", V_STR, NULL),
    A(2, "IFLA_INFO_DATA", V_RAW, NULL),       A(3, "IFLA_INFO_XSTATS", V_RAW, NULL),
    A(4, "IFLA_INFO_SLAVE_KIND", V_STR, NULL), A(5, "IFLA_INFO_SLAVE_DATA", V_RAW, NULL),
};
static const struct nla_table linkinfo = TABLE(linkinfo_d, "IFLA_INFO_???");
static const struct nla_def xdp_d[] = {
    A(0, "IFLA_XDP_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_XDP_FD", V_S32, NULL),
    A(2, "IFLA_XDP_ATTACHED", V_XVAL8, &rn_xl_xdp_attached),
    A(3, "IFLA_XDP_FLAGS", V_FLAGS32, &rn_xl_xdp_flags),
    A(4, "IFLA_XDP_PROG_ID", V_U32, NULL),
    A(5, "IFLA_XDP_DRV_PROG_ID", V_U32, NULL),
    A(6, "IFLA_XDP_SKB_PROG_ID", V_U32, NULL),
    A(7, "IFLA_XDP_HW_PROG_ID", V_U32, NULL),
    A(8, "IFLA_XDP_EXPECTED_FD", V_S32, NULL),
};
static const struct nla_table xdp = TABLE(xdp_d, "IFLA_XDP_???");
static const struct nla_def af_inet_d[] = {
    A(0, "IFLA_INET_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_INET_CONF", V_IDXARR, &devconf4_arr),
};
static const struct nla_table af_inet = TABLE(af_inet_d, "IFLA_INET_???");
/* IFLA_AF_SPEC: attributes whose types are address families */
static const struct nla_def af_spec_d[] = {
    A(2, "AF_INET", V_NEST, &af_inet),
    A(10, "AF_INET6", V_NEST, &rn_nl_inet6_protinfo),
};
static const struct nla_table af_spec = {af_spec_d, NENT(af_spec_d), "AF_???", &rn_xl_socket_af};
static const struct nla_def ifla_d[] = {
    A(0, "IFLA_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_ADDRESS", V_HWADDR, NULL),
    A(2, "IFLA_BROADCAST", V_HWADDR, NULL),
    A(3, "IFLA_IFNAME", V_STR, NULL),
    A(4, "IFLA_MTU", V_U32, NULL),
    A(5, "IFLA_LINK", V_U32, NULL),
    A(6, "IFLA_QDISC", V_STR, NULL),
    A(7, "IFLA_STATS", V_UNUMS, &stats32),
    A(8, "IFLA_COST", V_RAW, NULL),
    A(9, "IFLA_PRIORITY", V_RAW, NULL),
    A(10, "IFLA_MASTER", V_U32, NULL),
    A(11, "IFLA_WIRELESS", V_RAW, NULL),
    A(12, "IFLA_PROTINFO", V_PROTINFO, NULL),
    A(13, "IFLA_TXQLEN", V_U32, NULL),
    A(14, "IFLA_MAP", V_IFMAP, NULL),
    A(15, "IFLA_WEIGHT", V_U32, NULL),
    A(16, "IFLA_OPERSTATE", V_U8, NULL),
    A(17, "IFLA_LINKMODE", V_U8, NULL),
    A(18, "IFLA_LINKINFO", V_NEST, &linkinfo),
    A(19, "IFLA_NET_NS_PID", V_U32, NULL),
    A(20, "IFLA_IFALIAS", V_STR, NULL),
    A(21, "IFLA_NUM_VF", V_U32, NULL),
    A(22, "IFLA_VFINFO_LIST", V_RAW, NULL),
    A(23, "IFLA_STATS64", V_UNUMS, &stats64),
    A(24, "IFLA_VF_PORTS", V_RAW, NULL),
    A(25, "IFLA_PORT_SELF", V_RAW, NULL),
    A(26, "IFLA_AF_SPEC", V_NEST, &af_spec),
    A(27, "IFLA_GROUP", V_U32, NULL),
    A(28, "IFLA_NET_NS_FD", V_S32, NULL),
    A(29, "IFLA_EXT_MASK", V_FLAGS32, &rn_xl_rtext_filter),
    A(30, "IFLA_PROMISCUITY", V_U32, NULL),
    A(31, "IFLA_NUM_TX_QUEUES", V_U32, NULL),
    A(32, "IFLA_NUM_RX_QUEUES", V_U32, NULL),
    A(33, "IFLA_CARRIER", V_U8, NULL),
    A(34, "IFLA_PHYS_PORT_ID", V_RAW, NULL),
    A(35, "IFLA_CARRIER_CHANGES", V_U32, NULL),
    A(36, "IFLA_PHYS_SWITCH_ID", V_RAW, NULL),
    A(37, "IFLA_LINK_NETNSID", V_S32, NULL),
    A(38, "IFLA_PHYS_PORT_NAME", V_STR, NULL),
    A(39, "IFLA_PROTO_DOWN", V_U8, NULL),
    A(40, "IFLA_GSO_MAX_SEGS", V_U32, NULL),
    A(41, "IFLA_GSO_MAX_SIZE", V_U32, NULL),
    A(42, "IFLA_PAD", V_RAW, NULL),
    A(43, "IFLA_XDP", V_NEST, &xdp),
    A(44, "IFLA_EVENT", V_U32, NULL),
    A(45, "IFLA_NEW_NETNSID", V_S32, NULL),
    A(46, "IFLA_TARGET_NETNSID", V_S32, NULL),
    A(47, "IFLA_CARRIER_UP_COUNT", V_U32, NULL),
    A(48, "IFLA_CARRIER_DOWN_COUNT", V_U32, NULL),
    A(49, "IFLA_NEW_IFINDEX", V_IFINDEX, NULL),
    A(50, "IFLA_MIN_MTU", V_U32, NULL),
    A(51, "IFLA_MAX_MTU", V_U32, NULL),
    A(52, "IFLA_PROP_LIST", V_RAW, NULL),
    A(53, "IFLA_ALT_IFNAME", V_STR, NULL),
    A(54, "IFLA_PERM_ADDRESS", V_HWADDR, NULL),
    A(55, "IFLA_PROTO_DOWN_REASON", V_RAW, NULL),
    A(56, "IFLA_PARENT_DEV_NAME", V_STR, NULL),
    A(57, "IFLA_PARENT_DEV_BUS_NAME", V_STR, NULL),
    A(58, "IFLA_GRO_MAX_SIZE", V_U32, NULL),
    A(59, "IFLA_TSO_MAX_SIZE", V_U32, NULL),
    A(60, "IFLA_TSO_MAX_SEGS", V_U32, NULL),
    A(61, "IFLA_ALLMULTI", V_U32, NULL),
};
static const struct nla_table ifla = TABLE(ifla_d, "IFLA_???");

static const struct nla_def ifa_d[] = {
    A(0, "IFA_UNSPEC", V_RAW, NULL),
    A(1, "IFA_ADDRESS", V_ADDR, NULL),
    A(2, "IFA_LOCAL", V_ADDR, NULL),
    A(3, "IFA_LABEL", V_STR, NULL),
    A(4, "IFA_BROADCAST", V_ADDR, NULL),
    A(5, "IFA_ANYCAST", V_ADDR, NULL),
    A(6, "IFA_CACHEINFO", V_UNUMS, &ifa_cacheinfo),
    A(7, "IFA_MULTICAST", V_ADDR, NULL),
    A(8, "IFA_FLAGS", V_FLAGS32, &rn_xl_ifa_flags),
    A(9, "IFA_RT_PRIORITY", V_U32, NULL),
    A(10, "IFA_TARGET_NETNSID", V_S32, NULL),
    A(11, "IFA_PROTO", V_RAW, NULL),
};
static const struct nla_table ifa = TABLE(ifa_d, "IFA_???");

static const struct nla_def rta_d[] = {
    A(0, "RTA_UNSPEC", V_RAW, NULL),
    A(1, "RTA_DST", V_ADDR, NULL),
    A(2, "RTA_SRC", V_ADDR, NULL),
    A(3, "RTA_IIF", V_IFINDEX, NULL),
    A(4, "RTA_OIF", V_IFINDEX, NULL),
    A(5, "RTA_GATEWAY", V_ADDR, NULL),
    A(6, "RTA_PRIORITY", V_U32, NULL),
    A(7, "RTA_PREFSRC", V_ADDR, NULL),
    A(8, "RTA_METRICS", V_RAW, NULL),
    A(9, "RTA_MULTIPATH", V_RAW, NULL),
    A(10, "RTA_PROTOINFO", V_RAW, NULL),
    A(11, "RTA_FLOW", V_U32, NULL),
    A(12, "RTA_CACHEINFO", V_UNUMS, &rta_cacheinfo),
    A(13, "RTA_SESSION", V_RAW, NULL),
    A(14, "RTA_MP_ALGO", V_RAW, NULL),
    A(15, "RTA_TABLE", V_XVAL32, &rn_xl_rt_tables),
    A(16, "RTA_MARK", V_U32, NULL),
    A(17, "RTA_MFC_STATS", V_RAW, NULL),
    A(18, "RTA_VIA", V_RAW, NULL),
    A(19, "RTA_NEWDST", V_RAW, NULL),
    A(20, "RTA_PREF", V_U8, NULL),
    A(21, "RTA_ENCAP_TYPE", V_U16, NULL),
    A(22, "RTA_ENCAP", V_RAW, NULL),
    A(23, "RTA_EXPIRES", V_U64, NULL),
    A(24, "RTA_PAD", V_RAW, NULL),
    A(25, "RTA_UID", V_U32, NULL),
    A(26, "RTA_TTL_PROPAGATE", V_U8, NULL),
    A(27, "RTA_IP_PROTO", V_U8, NULL),
    A(28, "RTA_SPORT", V_RAW, NULL),
    A(29, "RTA_DPORT", V_RAW, NULL),
    A(30, "RTA_NH_ID", V_U32, NULL),
};
static const struct nla_table rta = TABLE(rta_d, "RTA_???");

static const struct nla_def nda_d[] = {
    A(0, "NDA_UNSPEC", V_RAW, NULL),
    A(1, "NDA_DST", V_ADDR, NULL),
    A(2, "NDA_LLADDR", V_HWADDR, NULL),
    A(3, "NDA_CACHEINFO", V_UNUMS, &nda_cacheinfo),
    A(4, "NDA_PROBES", V_U32, NULL),
    A(5, "NDA_VLAN", V_U16, NULL),
    A(6, "NDA_PORT", V_RAW, NULL),
    A(7, "NDA_VNI", V_U32, NULL),
    A(8, "NDA_IFINDEX", V_IFINDEX, NULL),
    A(9, "NDA_MASTER", V_IFINDEX, NULL),
    A(10, "NDA_LINK_NETNSID", V_S32, NULL),
    A(11, "NDA_SRC_VNI", V_U32, NULL),
    A(12, "NDA_PROTOCOL", V_XVAL8, &rn_xl_rt_protos),
    A(13, "NDA_NH_ID", V_U32, NULL),
    A(14, "NDA_FDB_EXT_ATTRS", V_RAW, NULL),
    A(15, "NDA_FLAGS_EXT", V_U32, NULL),
};
static const struct nla_table nda = TABLE(nda_d, "NDA_???");

static const struct nla_def inet_diag_d[] = {
    A(0, "INET_DIAG_NONE", V_RAW, NULL),
    A(1, "INET_DIAG_MEMINFO", V_UNUMS, &inet_meminfo),
    A(2, "INET_DIAG_INFO", V_RAW, NULL),
    A(3, "INET_DIAG_VEGASINFO", V_RAW, NULL),
    A(4, "INET_DIAG_CONG", V_STR, NULL),
    A(5, "INET_DIAG_TOS", V_U8, NULL),
    A(6, "INET_DIAG_TCLASS", V_U8, NULL),
    A(7, "INET_DIAG_SKMEMINFO", V_IDXARR, &skmem_arr),
    A(8, "INET_DIAG_SHUTDOWN", V_U8, NULL),
    A(9, "INET_DIAG_DCTCPINFO", V_RAW, NULL),
    A(10, "INET_DIAG_PROTOCOL", V_U8, NULL),
    A(11, "INET_DIAG_SKV6ONLY", V_U8, NULL),
    A(12, "INET_DIAG_LOCALS", V_RAW, NULL),
    A(13, "INET_DIAG_PEERS", V_RAW, NULL),
    A(14, "INET_DIAG_PAD", V_RAW, NULL),
    A(15, "INET_DIAG_MARK", V_U32, NULL),
    A(16, "INET_DIAG_BBRINFO", V_RAW, NULL),
    A(17, "INET_DIAG_CLASS_ID", V_U32, NULL),
    A(18, "INET_DIAG_MD5SIG", V_RAW, NULL),
    A(19, "INET_DIAG_ULP_INFO", V_RAW, NULL),
    A(20, "INET_DIAG_SK_BPF_STORAGES", V_RAW, NULL),
    A(21, "INET_DIAG_CGROUP_ID", V_U64, NULL),
    A(22, "INET_DIAG_SOCKOPT", V_SOCKOPT, NULL),
};
static const struct nla_table inet_diag = TABLE(inet_diag_d, "INET_DIAG_???");
static const struct nla_def inet_diag_req_d[] = {
    A(0, "INET_DIAG_REQ_NONE", V_RAW, NULL),
    A(1, "INET_DIAG_REQ_BYTECODE", V_RAW, NULL),
    A(2, "INET_DIAG_REQ_SK_BPF_STORAGES", V_RAW, NULL),
    A(3, "INET_DIAG_REQ_PROTOCOL", V_U32, NULL),
};
static const struct nla_table inet_diag_req = TABLE(inet_diag_req_d, "INET_DIAG_REQ_???");
static const struct nla_def unix_diag_d[] = {
    A(0, "UNIX_DIAG_NAME", V_STR, NULL),
    A(1, "UNIX_DIAG_VFS", V_UDIAG_VFS, NULL),
    A(2, "UNIX_DIAG_PEER", V_U32, NULL),
    A(3, "UNIX_DIAG_ICONS", V_RAW, NULL),
    A(4, "UNIX_DIAG_RQLEN", V_UNUMS, &udiag_rqlen),
    A(5, "UNIX_DIAG_MEMINFO", V_IDXARR, &skmem_arr),
    A(6, "UNIX_DIAG_SHUTDOWN", V_U8, NULL),
    A(7, "UNIX_DIAG_UID", V_U32, NULL),
};
static const struct nla_table unix_diag = TABLE(unix_diag_d, "UNIX_DIAG_???");
static const struct nla_def fra_d[] = {
    A(0, "FRA_UNSPEC", V_RAW, NULL),
    A(1, "FRA_DST", V_ADDR, NULL),
    A(2, "FRA_SRC", V_ADDR, NULL),
    A(3, "FRA_IIFNAME", V_STR, NULL),
    A(4, "FRA_GOTO", V_U32, NULL),
    A(5, "FRA_UNUSED2", V_RAW, NULL),
    A(6, "FRA_PRIORITY", V_U32, NULL),
    A(7, "FRA_UNUSED3", V_RAW, NULL),
    A(8, "FRA_UNUSED4", V_RAW, NULL),
    A(9, "FRA_UNUSED5", V_RAW, NULL),
    A(10, "FRA_FWMARK", V_U32, NULL),
    A(11, "FRA_FLOW", V_U32, NULL),
    A(12, "FRA_TUN_ID", V_RAW, NULL),
    A(13, "FRA_SUPPRESS_IFGROUP", V_U32, NULL),
    A(14, "FRA_SUPPRESS_PREFIXLEN", V_U32, NULL),
    A(15, "FRA_TABLE", V_XVAL32, &rn_xl_rt_tables),
    A(16, "FRA_FWMASK", V_U32, NULL),
    A(17, "FRA_OIFNAME", V_STR, NULL),
    A(18, "FRA_PAD", V_RAW, NULL),
    A(19, "FRA_L3MDEV", V_U8, NULL),
    A(20, "FRA_UID_RANGE", V_RAW, NULL),
    A(21, "FRA_PROTOCOL", V_XVAL8, &rn_xl_rt_protos),
    A(22, "FRA_IP_PROTO", V_XVAL8, &rn_xl_ipproto),
    A(23, "FRA_SPORT_RANGE", V_RAW, NULL),
    A(24, "FRA_DPORT_RANGE", V_RAW, NULL),
};
static const struct nla_table fra = TABLE(fra_d, "FRA_???");
static const struct nla_def netconfa_d[] = {
    A(0, "NETCONFA_UNSPEC", V_RAW, NULL),
    A(1, "NETCONFA_IFINDEX", V_IFINDEX, NULL),
    A(2, "NETCONFA_FORWARDING", V_S32, NULL),
    A(3, "NETCONFA_RP_FILTER", V_S32, NULL),
    A(4, "NETCONFA_MC_FORWARDING", V_S32, NULL),
    A(5, "NETCONFA_PROXY_NEIGH", V_S32, NULL),
    A(6, "NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN", V_S32, NULL),
    A(7, "NETCONFA_INPUT", V_S32, NULL),
    A(8, "NETCONFA_BC_FORWARDING", V_S32, NULL),
};
static const struct nla_table netconfa = TABLE(netconfa_d, "NETCONFA_???");
static const struct nla_def ifal_d[] = {
    A(0, "IFAL_UNSPEC", V_RAW, NULL),
    A(1, "IFAL_ADDRESS", V_ADDR, NULL),
    A(2, "IFAL_LABEL", V_U32, NULL),
};
static const struct nla_table ifal = TABLE(ifal_d, "IFAL_???");
static const char *const tc_queue_names[] = {"qlen", "backlog", "drops", "requeues", "overlimits"};
static const struct unums tc_queue = {tc_queue_names, 5, 5, 4};
static const struct nla_def tca_stats_d[] = {
    A(0, "TCA_STATS_UNSPEC", V_RAW, NULL),   A(1, "TCA_STATS_BASIC", V_TC_BASIC, NULL),
    A(2, "TCA_STATS_RATE_EST", V_RAW, NULL), A(3, "TCA_STATS_QUEUE", V_UNUMS, &tc_queue),
    A(4, "TCA_STATS_APP", V_RAW, NULL),	     A(5, "TCA_STATS_RATE_EST64", V_RAW, NULL),
    A(6, "TCA_STATS_PAD", V_RAW, NULL),	     A(7, "TCA_STATS_BASIC_HW", V_TC_BASIC, NULL),
    A(8, "TCA_STATS_PKT64", V_U64, NULL),
};
static const struct nla_table tca_stats = TABLE(tca_stats_d, "TCA_STATS_???");
static const struct nla_def tca_d[] = {
    A(0, "TCA_UNSPEC", V_RAW, NULL),
    A(1, "TCA_KIND", V_STR, NULL),
    A(2, "TCA_OPTIONS", V_RAW, NULL),
    A(3, "TCA_STATS", V_TC_STATS, NULL),
    A(4, "TCA_XSTATS", V_RAW, NULL),
    A(5, "TCA_RATE", V_RAW, NULL),
    A(6, "TCA_FCNT", V_RAW, NULL),
    A(7, "TCA_STATS2", V_NEST, &tca_stats),
    A(8, "TCA_STAB", V_RAW, NULL),
    A(9, "TCA_PAD", V_RAW, NULL),
    A(10, "TCA_DUMP_INVISIBLE", V_RAW, NULL),
    A(11, "TCA_CHAIN", V_U32, NULL),
    A(12, "TCA_HW_OFFLOAD", V_U8, NULL),
    A(13, "TCA_INGRESS_BLOCK", V_U32, NULL),
    A(14, "TCA_EGRESS_BLOCK", V_U32, NULL),
    A(15, "TCA_DUMP_FLAGS", V_RAW, NULL),
};
static const struct nla_table tca = TABLE(tca_d, "TCA_???");
static const struct nla_def netnsa_d[] = {
    A(0, "NETNSA_NONE", V_RAW, NULL),	     A(1, "NETNSA_NSID", V_S32, NULL),
    A(2, "NETNSA_PID", V_U32, NULL),	     A(3, "NETNSA_FD", V_S32, NULL),
    A(4, "NETNSA_TARGET_NSID", V_S32, NULL), A(5, "NETNSA_CURRENT_NSID", V_S32, NULL),
};
static const struct nla_table netnsa = TABLE(netnsa_d, "NETNSA_???");
static const char *const ndts_names[] = {
    "ndts_allocs",	     "ndts_destroys",	      "ndts_hash_grows",
    "ndts_res_failed",	     "ndts_lookups",	      "ndts_hits",
    "ndts_rcv_probes_mcast", "ndts_rcv_probes_ucast", "ndts_periodic_gc_runs",
    "ndts_forced_gc_runs",   "ndts_table_fulls"};
static const struct unums ndt_stats = {ndts_names, 11, 11, 8};
static const struct nla_def ndtpa_d[] = {
    A(0, "NDTPA_UNSPEC", V_RAW, NULL),
    A(1, "NDTPA_IFINDEX", V_IFINDEX, NULL),
    A(2, "NDTPA_REFCNT", V_U32, NULL),
    A(3, "NDTPA_REACHABLE_TIME", V_U64, NULL),
    A(4, "NDTPA_BASE_REACHABLE_TIME", V_U64, NULL),
    A(5, "NDTPA_RETRANS_TIME", V_U64, NULL),
    A(6, "NDTPA_GC_STALETIME", V_U64, NULL),
    A(7, "NDTPA_DELAY_PROBE_TIME", V_U64, NULL),
    A(8, "NDTPA_QUEUE_LEN", V_U32, NULL),
    A(9, "NDTPA_APP_PROBES", V_U32, NULL),
    A(10, "NDTPA_UCAST_PROBES", V_U32, NULL),
    A(11, "NDTPA_MCAST_PROBES", V_U32, NULL),
    A(12, "NDTPA_ANYCAST_DELAY", V_U64, NULL),
    A(13, "NDTPA_PROXY_DELAY", V_U64, NULL),
    A(14, "NDTPA_PROXY_QLEN", V_U32, NULL),
    A(15, "NDTPA_LOCKTIME", V_U64, NULL),
    A(16, "NDTPA_QUEUE_LENBYTES", V_U32, NULL),
    A(17, "NDTPA_MCAST_REPROBES", V_U32, NULL),
    A(18, "NDTPA_PAD", V_RAW, NULL),
    A(19, "NDTPA_INTERVAL_PROBE_TIME_MS", V_U64, NULL),
};
static const struct nla_table ndtpa = TABLE(ndtpa_d, "NDTPA_???");
static const struct nla_def ndta_d[] = {
    A(0, "NDTA_UNSPEC", V_RAW, NULL),	   A(1, "NDTA_NAME", V_STR, NULL),
    A(2, "NDTA_THRESH1", V_U32, NULL),	   A(3, "NDTA_THRESH2", V_U32, NULL),
    A(4, "NDTA_THRESH3", V_U32, NULL),	   A(5, "NDTA_CONFIG", V_NDT_CONFIG, NULL),
    A(6, "NDTA_PARMS", V_NEST, &ndtpa),	   A(7, "NDTA_STATS", V_UNUMS, &ndt_stats),
    A(8, "NDTA_GC_INTERVAL", V_U64, NULL), A(9, "NDTA_PAD", V_RAW, NULL),
};
static const struct nla_table ndta = TABLE(ndta_d, "NDTA_???");
static const struct nla_def nlmsgerr_d[] = {
    A(0, "NLMSGERR_ATTR_UNUSED", V_RAW, NULL),	  A(1, "NLMSGERR_ATTR_MSG", V_STR, NULL),
    A(2, "NLMSGERR_ATTR_OFFS", V_U32, NULL),	  A(3, "NLMSGERR_ATTR_COOKIE", V_RAW, NULL),
    A(4, "NLMSGERR_ATTR_POLICY", V_RAW, NULL),	  A(5, "NLMSGERR_ATTR_MISS_TYPE", V_U32, NULL),
    A(6, "NLMSGERR_ATTR_MISS_NEST", V_U32, NULL),
};
static const struct nla_table nlmsgerr = TABLE(nlmsgerr_d, "NLMSGERR_ATTR_???");

/* A field of a family struct: its kind is a value kind (V_*), or one of these. */
enum { F_SOCKID = 100, F_COOKIE, F_U, F_NUD };

struct sfield {
	const char *name;
	uint8_t off, size, kind;
	const void *arg;
};

struct sdef {
	uint8_t size;
	uint8_t nf;
	const struct sfield *f;
	const struct nla_table *attrs; /* after the struct, at its size aligned to 4 */
};

#define F(nm, o, sz, k, a)                                                                         \
	{                                                                                          \
		nm, o, sz, k, a                                                                    \
	}
#define SDEF(name, sz, attrs)                                                                      \
	{                                                                                          \
		sz, sizeof(name) / sizeof(name[0]), name, attrs                                    \
	}

static const struct sfield ifinfomsg_f[] = {
    F("ifi_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("ifi_type", 2, 2, V_ARPHRD, NULL),
    F("ifi_index", 4, 4, V_IFINDEX, NULL),
    F("ifi_flags", 8, 4, V_FLAGS32, &rn_xl_iff_flags),
    F("ifi_change", 12, 4, V_HEX32, NULL),
};
static const struct sfield ifaddrmsg_f[] = {
    F("ifa_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("ifa_prefixlen", 1, 1, F_U, NULL),
    F("ifa_flags", 2, 1, V_FLAGS8, &rn_xl_ifa_flags),
    F("ifa_scope", 3, 1, V_XVAL8, &rn_xl_rt_scopes),
    F("ifa_index", 4, 4, V_IFINDEX, NULL),
};
static const struct sfield rtmsg_f[] = {
    F("rtm_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("rtm_dst_len", 1, 1, F_U, NULL),
    F("rtm_src_len", 2, 1, F_U, NULL),
    F("rtm_tos", 3, 1, F_U, NULL),
    F("rtm_table", 4, 1, V_XVAL8, &rn_xl_rt_tables),
    F("rtm_protocol", 5, 1, V_XVAL8, &rn_xl_rt_protos),
    F("rtm_scope", 6, 1, V_XVAL8, &rn_xl_rt_scopes),
    F("rtm_type", 7, 1, V_XVAL8, &rn_xl_rtn_types),
    F("rtm_flags", 8, 4, V_FLAGS32, &rn_xl_rtm_flags),
};
static const struct sfield ndmsg_f[] = {
    F("ndm_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("ndm_ifindex", 4, 4, V_IFINDEX, NULL),
    F("ndm_state", 8, 2, F_NUD, &rn_xl_nud_states),
    F("ndm_flags", 10, 1, V_FLAGS8, &rn_xl_ntf_flags),
    F("ndm_type", 11, 1, V_XVAL8, &rn_xl_rtn_types),
};
static const struct sfield inet_req_f[] = {
    F("sdiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("sdiag_protocol", 1, 1, V_XVAL8, &rn_xl_ipproto),
    F("idiag_ext", 2, 1, V_FLAGS8, &rn_xl_inet_diag_ext),
    F("idiag_states", 4, 4, V_FLAGS32, &rn_xl_tcp_state_flags),
    F("id", 8, 48, F_SOCKID, NULL),
};
static const struct sfield inet_msg_f[] = {
    F("idiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("idiag_state", 1, 1, V_XVAL8, &rn_xl_tcp_states),
    F("idiag_timer", 2, 1, F_U, NULL),
    F("idiag_retrans", 3, 1, F_U, NULL),
    F("id", 4, 48, F_SOCKID, NULL),
    F("idiag_expires", 52, 4, F_U, NULL),
    F("idiag_rqueue", 56, 4, F_U, NULL),
    F("idiag_wqueue", 60, 4, F_U, NULL),
    F("idiag_uid", 64, 4, F_U, NULL),
    F("idiag_inode", 68, 4, F_U, NULL),
};
static const struct sfield unix_req_f[] = {
    F("sdiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("sdiag_protocol", 1, 1, F_U, NULL),
    F("udiag_states", 4, 4, V_FLAGS32, &rn_xl_tcp_state_flags),
    F("udiag_ino", 8, 4, F_U, NULL),
    F("udiag_show", 12, 4, V_FLAGS32, &rn_xl_udiag_show),
    F("udiag_cookie", 16, 8, F_COOKIE, NULL),
};
static const struct sfield unix_msg_f[] = {
    F("udiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("udiag_type", 1, 1, V_XVAL8, &rn_xl_socket_type),
    F("udiag_state", 2, 1, V_XVAL8, &rn_xl_tcp_states),
    F("udiag_ino", 4, 4, F_U, NULL),
    F("udiag_cookie", 8, 8, F_COOKIE, NULL),
};

static const struct sfield fib_rule_f[] = {
    F("family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("dst_len", 1, 1, F_U, NULL),
    F("src_len", 2, 1, F_U, NULL),
    F("tos", 3, 1, F_U, NULL),
    F("table", 4, 1, V_XVAL8, &rn_xl_rt_tables),
    F("action", 7, 1, V_XVAL8, &rn_xl_fr_actions),
    F("flags", 8, 4, V_FLAGS32, &rn_xl_fib_rule_flags),
};
static const struct sfield netconfmsg_f[] = {
    F("ncm_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
};
static const struct sfield ifaddrlblmsg_f[] = {
    F("ifal_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("ifal_prefixlen", 2, 1, F_U, NULL),
    F("ifal_flags", 3, 1, F_U, NULL),
    F("ifal_index", 4, 4, V_IFINDEX, NULL),
    F("ifal_seq", 8, 4, F_U, NULL),
};
static const struct sfield tcmsg_f[] = {
    F("tcm_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("tcm_ifindex", 4, 4, V_IFINDEX, NULL),
    F("tcm_handle", 8, 4, F_U, NULL),
    F("tcm_parent", 12, 4, F_U, NULL),
    F("tcm_info", 16, 4, F_U, NULL),
};
static const struct sfield ndtmsg_f[] = {
    F("ndtm_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
};
static const struct sfield rtgenmsg_f[] = {
    F("rtgen_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
};
static const struct sfield nhmsg_f[] = {
    F("nh_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("nh_scope", 1, 1, V_XVAL8, &rn_xl_rt_scopes),
    F("nh_protocol", 2, 1, V_XVAL8, &rn_xl_rt_protos),
    F("nh_flags", 4, 4, V_FLAGS32, &rn_xl_rtm_flags),
};

static const struct sdef ifinfomsg = SDEF(ifinfomsg_f, 16, &ifla);
static const struct sdef ifaddrmsg = SDEF(ifaddrmsg_f, 8, &ifa);
static const struct sdef rtmsg = SDEF(rtmsg_f, 12, &rta);
static const struct sdef ndmsg = SDEF(ndmsg_f, 12, &nda);
static const struct sdef inet_diag_req_v2 = SDEF(inet_req_f, 56, &inet_diag_req);
static const struct sdef inet_diag_msg = SDEF(inet_msg_f, 72, &inet_diag);
static const struct sdef unix_diag_req = SDEF(unix_req_f, 24, NULL);
static const struct sdef unix_diag_msg = SDEF(unix_msg_f, 16, &unix_diag);

static const struct sdef fib_rule_hdr = SDEF(fib_rule_f, 12, &fra);
static const struct sdef netconfmsg = SDEF(netconfmsg_f, 1, &netconfa);
static const struct sdef ifaddrlblmsg = SDEF(ifaddrlblmsg_f, 12, &ifal);
static const struct sdef tcmsg = SDEF(tcmsg_f, 20, &tca);
static const struct sdef rtgenmsg = SDEF(rtgenmsg_f, 1, &netnsa);
static const struct sdef nhmsg = SDEF(nhmsg_f, 8, NULL);
static const struct sdef ndtmsg = SDEF(ndtmsg_f, 1, &ndta);

/* RTM_* by (type - RTM_BASE) / 4, for the types that exist; NULL: {family=..., bytes}. */
static const struct sdef *const route_structs[] = {
    [0] = &ifinfomsg,	 [1] = &ifaddrmsg,  [2] = &rtmsg,   [3] = &ndmsg,
    [4] = &fib_rule_hdr, [5] = &tcmsg,	    [6] = &tcmsg,   [7] = &tcmsg,
    [10] = &ifaddrmsg,	 [11] = &ifaddrmsg, [12] = &ndtmsg, [14] = &ifaddrlblmsg,
    [16] = &netconfmsg,	 [18] = &rtgenmsg,  [21] = &tcmsg,  [22] = &nhmsg,
};

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
	case V_ARPHRD:
		rn_xlat__print_val(n->c->sb, &rn_xl_arphrd, v);
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
	if (sd->attrs && len > aoff) {
		PUTS_N(n, ", ");
		put_attrs(n, sd->attrs, off + aoff, len - aoff, fam);
	}
}

/* A payload strace has no struct for: {family=AF_INET, "\x.."}. */
static void put_family_raw(struct nl *n, uint64_t off, uint64_t len)
{
	PUTS_N(n, "{family=");
	rn_xlat__print_val(n->c->sb, &rn_xl_socket_af, n->p[off]);
	if (len > 1) {
		PUTS_N(n, ", ");
		put_hexstr(n, off + 1, len - 1);
	}
	rn_strbuf__putc(n->c->sb, '}');
}

enum { NETLINK_ROUTE_ = 0, NETLINK_SOCK_DIAG_ = 4, NLMSG_ERROR_ = 2, NLMSG_DONE_ = 3 };

/* The family decoders: false when strace's has nothing to say (NLMSG_DONE). */
static bool put_family_payload(struct nl *n, uint16_t type, uint16_t flags, uint64_t off,
			       uint64_t len)
{
	const struct sdef *sd = NULL;
	uint8_t fam;

	if (type == NLMSG_DONE_ || (n->proto != NETLINK_ROUTE_ && n->proto != NETLINK_SOCK_DIAG_))
		return false;
	if (!readable(n, off, 1)) {
		PUTS_N(n, "...");
		return true;
	}
	fam = n->p[off];
	if (n->proto == NETLINK_ROUTE_) {
		unsigned idx = (unsigned)(type - 16) / 4;

		if (idx < sizeof(route_structs) / sizeof(route_structs[0]) &&
		    rn_xlat__name(&rn_xl_rtm_types, type))
			sd = route_structs[idx];
	} else if (len > 1) {
		bool req = flags & 1; /* NLM_F_REQUEST */

		if (fam == 2 || fam == 10)
			sd = req ? &inet_diag_req_v2 : &inet_diag_msg;
		else if (fam == 1)
			sd = req ? &unix_diag_req : &unix_diag_msg;
	}
	if (sd)
		put_family_struct(n, sd, off, len);
	else
		put_family_raw(n, off, len);
	return true;
}

static const struct rn_xlat *nlm_flags_table(const struct nl *n, uint16_t type)
{
	if (type < 16)
		return type == NLMSG_ERROR_ ? &rn_xl_nlm_ack_flags : &rn_xl_nlm_flags;
	if (n->proto == NETLINK_SOCK_DIAG_)
		return &rn_xl_nlm_get_flags;
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
	if (type >= 16 && n->proto == 16 /* NETLINK_GENERIC */) {
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
				put_attrs(n, &nlmsgerr, off + payload, len - payload, -1);
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

void rn_fmt__put_netlink(struct ctx *c, int proto, const void *p, uint32_t have, uint64_t len)
{
	struct nl n = {.c = c, .p = p, .have = have, .proto = proto};

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
