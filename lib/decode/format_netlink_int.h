/* SPDX-License-Identifier: MIT */
/*
 * Shared by format_netlink.c (the printers) and format_netlink_tables.c and
 * format_netlink_diag.c (what strace 6.1 knows of each family, as data): the kinds of
 * values, attribute tables, family structs.
 */
#ifndef RENACER_FORMAT_NETLINK_INT_H
#define RENACER_FORMAT_NETLINK_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "xlat.h"

#define NENT(a) (sizeof(a) / sizeof(a[0]))

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
	V_ARPHRD,
	V_HEX32, /* %#x: 0, 0x1 */
	V_UDIAG_VFS,
	V_TC_BASIC,   /* struct gnet_stats_basic: __u64 bytes; __u32 packets */
	V_TC_STATS,   /* struct tc_stats: __u64 bytes; then 7 __u32 */
	V_NDT_CONFIG, /* struct ndt_config */
	V_IFMAP,      /* struct rtnl_link_ifmap */
	V_GROUPS,     /* NETLINK_DIAG_GROUPS: unsigned longs, %#016lx */
	V_PDI_INFO,   /* struct packet_diag_info */
	V_XVAL16,
	V_MULTIPATH, /* RTA_MULTIPATH: struct rtnexthop, each with its attributes */
	V_RTVIA,     /* struct rtvia: a family and its address */
	V_DCTCP,     /* struct tcp_dctcp_info */
	V_BBR,	     /* struct tcp_bbr_info */
	V_MD5SIG,    /* struct tcp_diag_md5sig[] */
	V_INFO_KIND, /* IFLA_INFO_KIND: a string, remembered for the DATA and XSTATS after it */
	V_INFO_DATA, /* IFLA_INFO_DATA: attributes of the kind's table (bridge, tun) */
	V_INFO_XSTATS,
	V_CLOCK_T,     /* clock ticks, with their seconds in a comment */
	V_ETHER_PROTO, /* htons(ETH_P_8021Q) */
	V_BRIDGE_ID,   /* struct ifla_bridge_id */
	V_BOOLOPT,     /* struct br_boolopt_multi */
	V_X16,
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

/* A field of a family struct: its kind is a value kind (V_*), or one of these. */
enum { F_SOCKID = 100, F_COOKIE, F_U, F_NUD, F_NDIAG_PROTO, F_ETH_P };

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
	bool rest_hex;		       /* no attributes: the bytes after the struct in hex */
};

#define F(nm, o, sz, k, a)                                                                         \
	{                                                                                          \
		nm, o, sz, k, a                                                                    \
	}
#define SDEF(name, sz, at)                                                                         \
	{                                                                                          \
		.size = sz, .nf = NENT(name), .f = name, .attrs = at                               \
	}
#define SDEF_HEX(name, sz)                                                                         \
	{                                                                                          \
		.size = sz, .nf = NENT(name), .f = name, .rest_hex = true                          \
	}

/* RTA_*: a route's attributes (RTA_MULTIPATH's nexthops carry them too) */
extern const struct nla_table rn_nl_rta;
/* IFLA_INFO_DATA and IFLA_INFO_XSTATS by IFLA_INFO_KIND (strace decodes these kinds) */
struct nl_kind {
	const char *kind;
	const struct nla_table *data;
	const void *xstats; /* struct unums */
};
extern const struct nl_kind rn_nl_kinds[];
extern const unsigned rn_nl_nkinds;
/* IFLA_PROTINFO of AF_INET6 (the printers pick it by the ifinfomsg's family) */
extern const struct nla_table rn_nl_inet6_protinfo;
/* NLMSG_ERROR's extended-ack attributes */
extern const struct nla_table rn_nl_nlmsgerr;
/* RTM_* payloads by (type - RTM_BASE) / 4; NULL: strace prints {family=..., bytes} */
extern const struct sdef *const rn_nl_route_structs[];
extern const struct sdef rn_nl_ifinfomsg;
extern const unsigned rn_nl_route_nstructs;
/* NETLINK_SOCK_DIAG (format_netlink_diag.c): requests and answers of AF_INET/AF_INET6,
 * AF_UNIX, AF_NETLINK and AF_PACKET */
extern const struct sdef rn_nl_inet_diag_req_v2, rn_nl_inet_diag_msg, rn_nl_inet_diag_req_compat,
    rn_nl_unix_diag_req, rn_nl_unix_diag_msg, rn_nl_netlink_diag_req, rn_nl_netlink_diag_msg,
    rn_nl_packet_diag_req, rn_nl_packet_diag_msg;

/* The printers' state (format_netlink.c, format_netlink_msg.c). */
#define NLMSG_HDRLEN 16
#define NLA_HDRLEN   4
#define PUTS_N(n, s) rn_strbuf__puts((n)->c->sb, s)

struct ctx;
struct nl {
	struct ctx *c;
	const uint8_t *p;
	uint32_t have; /* bytes captured */
	int proto;     /* NETLINK_*, -1 unknown */
	char kind[16]; /* the last IFLA_INFO_KIND seen: how IFLA_INFO_DATA reads */
};

/* format_netlink.c: the attributes and structs the message printers call */
bool nl_readable(const struct nl *n, uint64_t off, uint64_t len);
void nl_put_hexstr(struct nl *n, uint64_t off, uint64_t len);
void nl_put_attrs(struct nl *n, const struct nla_table *t, uint64_t off, uint64_t len, int fam);
void nl_put_family_struct(struct nl *n, const struct sdef *sd, uint64_t off, uint64_t len);
void nl_put_family_raw(struct nl *n, uint64_t off, uint64_t len);

#endif
