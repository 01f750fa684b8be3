// SPDX-License-Identifier: MIT
/*
 * Netlink's names as strace 6.1 knows them (message types per protocol, header flags per
 * class of request, the route and sock_diag families' constants), in strace's table order:
 * flags print in table order, so the order here is part of the output format.
 */
#include "xlat.h"

#define N(s, v)                                                                                    \
	{                                                                                          \
		(uint64_t)(v), s                                                                   \
	}
#define XLAT(name, unk, ...)                                                                       \
	static const struct rn_xlat_ent name##_e[] = {__VA_ARGS__};                                \
	const struct rn_xlat name = {name##_e, sizeof(name##_e) / sizeof(name##_e[0]), unk}

XLAT(rn_xl_nlmsg_types, "NLMSG_???", N("NLMSG_NOOP", 1), N("NLMSG_ERROR", 2), N("NLMSG_DONE", 3),
     N("NLMSG_OVERRUN", 4));

/* The header's flags: the common ones, then those of the request's class (strace's two tables). */
#define NLM_COMMON                                                                                 \
	N("NLM_F_REQUEST", 1), N("NLM_F_MULTI", 2), N("NLM_F_ACK", 4), N("NLM_F_ECHO", 8),         \
	    N("NLM_F_DUMP_INTR", 0x10), N("NLM_F_DUMP_FILTERED", 0x20)
XLAT(rn_xl_nlm_flags, "NLM_F_???", NLM_COMMON);
XLAT(rn_xl_nlm_get_flags, "NLM_F_???", NLM_COMMON, N("NLM_F_DUMP", 0x300), N("NLM_F_ROOT", 0x100),
     N("NLM_F_MATCH", 0x200), N("NLM_F_ATOMIC", 0x400));
XLAT(rn_xl_nlm_new_flags, "NLM_F_???", NLM_COMMON, N("NLM_F_REPLACE", 0x100),
     N("NLM_F_EXCL", 0x200), N("NLM_F_CREATE", 0x400), N("NLM_F_APPEND", 0x800));
XLAT(rn_xl_nlm_del_flags, "NLM_F_???", NLM_COMMON, N("NLM_F_NONREC", 0x100),
     N("NLM_F_BULK", 0x200));
XLAT(rn_xl_nlm_ack_flags, "NLM_F_???", NLM_COMMON, N("NLM_F_CAPPED", 0x100),
     N("NLM_F_ACK_TLVS", 0x200));

XLAT(rn_xl_rtm_types, "RTM_???", N("RTM_NEWLINK", 16), N("RTM_DELLINK", 17), N("RTM_GETLINK", 18),
     N("RTM_SETLINK", 19), N("RTM_NEWADDR", 20), N("RTM_DELADDR", 21), N("RTM_GETADDR", 22),
     N("RTM_NEWROUTE", 24), N("RTM_DELROUTE", 25), N("RTM_GETROUTE", 26), N("RTM_NEWNEIGH", 28),
     N("RTM_DELNEIGH", 29), N("RTM_GETNEIGH", 30), N("RTM_NEWRULE", 32), N("RTM_DELRULE", 33),
     N("RTM_GETRULE", 34), N("RTM_NEWQDISC", 36), N("RTM_DELQDISC", 37), N("RTM_GETQDISC", 38),
     N("RTM_NEWTCLASS", 40), N("RTM_DELTCLASS", 41), N("RTM_GETTCLASS", 42),
     N("RTM_NEWTFILTER", 44), N("RTM_DELTFILTER", 45), N("RTM_GETTFILTER", 46),
     N("RTM_NEWACTION", 48), N("RTM_DELACTION", 49), N("RTM_GETACTION", 50), N("RTM_NEWPREFIX", 52),
     N("RTM_GETMULTICAST", 58), N("RTM_GETANYCAST", 62), N("RTM_NEWNEIGHTBL", 64),
     N("RTM_GETNEIGHTBL", 66), N("RTM_SETNEIGHTBL", 67), N("RTM_NEWNDUSEROPT", 68),
     N("RTM_NEWADDRLABEL", 72), N("RTM_DELADDRLABEL", 73), N("RTM_GETADDRLABEL", 74),
     N("RTM_GETDCB", 78), N("RTM_SETDCB", 79), N("RTM_NEWNETCONF", 80), N("RTM_DELNETCONF", 81),
     N("RTM_GETNETCONF", 82), N("RTM_NEWMDB", 84), N("RTM_DELMDB", 85), N("RTM_GETMDB", 86),
     N("RTM_NEWNSID", 88), N("RTM_DELNSID", 89), N("RTM_GETNSID", 90), N("RTM_NEWSTATS", 92),
     N("RTM_GETSTATS", 94), N("RTM_SETSTATS", 95), N("RTM_NEWCACHEREPORT", 96),
     N("RTM_NEWCHAIN", 100), N("RTM_DELCHAIN", 101), N("RTM_GETCHAIN", 102),
     N("RTM_NEWNEXTHOP", 104), N("RTM_DELNEXTHOP", 105), N("RTM_GETNEXTHOP", 106),
     N("RTM_NEWLINKPROP", 108), N("RTM_DELLINKPROP", 109), N("RTM_GETLINKPROP", 110),
     N("RTM_NEWVLAN", 112), N("RTM_DELVLAN", 113), N("RTM_GETVLAN", 114),
     N("RTM_NEWNEXTHOPBUCKET", 116), N("RTM_DELNEXTHOPBUCKET", 117), N("RTM_GETNEXTHOPBUCKET", 118),
     N("RTM_NEWTUNNEL", 120), N("RTM_DELTUNNEL", 121), N("RTM_GETTUNNEL", 122));
XLAT(rn_xl_sock_diag_types, "SOCK_DIAG_???", N("TCPDIAG_GETSOCK", 18), N("DCCPDIAG_GETSOCK", 19),
     N("SOCK_DIAG_BY_FAMILY", 20), N("SOCK_DESTROY", 21));
XLAT(rn_xl_audit_types, "AUDIT_???", N("AUDIT_GET", 1000), N("AUDIT_SET", 1001),
     N("AUDIT_LIST", 1002), N("AUDIT_ADD", 1003), N("AUDIT_DEL", 1004), N("AUDIT_USER", 1005),
     N("AUDIT_LOGIN", 1006), N("AUDIT_WATCH_INS", 1007), N("AUDIT_WATCH_REM", 1008),
     N("AUDIT_WATCH_LIST", 1009), N("AUDIT_SIGNAL_INFO", 1010), N("AUDIT_ADD_RULE", 1011),
     N("AUDIT_DEL_RULE", 1012), N("AUDIT_LIST_RULES", 1013), N("AUDIT_TRIM", 1014),
     N("AUDIT_MAKE_EQUIV", 1015), N("AUDIT_TTY_GET", 1016), N("AUDIT_TTY_SET", 1017),
     N("AUDIT_SET_FEATURE", 1018), N("AUDIT_GET_FEATURE", 1019), N("AUDIT_USER_AVC", 1107),
     N("AUDIT_USER_TTY", 1124));
XLAT(rn_xl_selinux_types, "SELNL_MSG_???", N("SELNL_MSG_SETENFORCE", 16),
     N("SELNL_MSG_POLICYLOAD", 17));
XLAT(rn_xl_xfrm_types, "XFRM_MSG_???", N("XFRM_MSG_NEWSA", 16), N("XFRM_MSG_DELSA", 17),
     N("XFRM_MSG_GETSA", 18), N("XFRM_MSG_NEWPOLICY", 19), N("XFRM_MSG_DELPOLICY", 20),
     N("XFRM_MSG_GETPOLICY", 21), N("XFRM_MSG_ALLOCSPI", 22), N("XFRM_MSG_ACQUIRE", 23),
     N("XFRM_MSG_EXPIRE", 24), N("XFRM_MSG_UPDPOLICY", 25), N("XFRM_MSG_UPDSA", 26),
     N("XFRM_MSG_POLEXPIRE", 27), N("XFRM_MSG_FLUSHSA", 28), N("XFRM_MSG_FLUSHPOLICY", 29),
     N("XFRM_MSG_NEWAE", 30), N("XFRM_MSG_GETAE", 31), N("XFRM_MSG_REPORT", 32),
     N("XFRM_MSG_MIGRATE", 33), N("XFRM_MSG_NEWSADINFO", 34), N("XFRM_MSG_GETSADINFO", 35),
     N("XFRM_MSG_NEWSPDINFO", 36), N("XFRM_MSG_GETSPDINFO", 37), N("XFRM_MSG_MAPPING", 38));
XLAT(rn_xl_crypto_types, "CRYPTO_MSG_???", N("CRYPTO_MSG_NEWALG", 16), N("CRYPTO_MSG_DELALG", 17),
     N("CRYPTO_MSG_UPDATEALG", 18), N("CRYPTO_MSG_GETALG", 19), N("CRYPTO_MSG_DELRNG", 20),
     N("CRYPTO_MSG_GETSTAT", 21));

XLAT(rn_xl_nlmsgerr_attrs, "NLMSGERR_ATTR_???", N("NLMSGERR_ATTR_UNUSED", 0),
     N("NLMSGERR_ATTR_MSG", 1), N("NLMSGERR_ATTR_OFFS", 2), N("NLMSGERR_ATTR_COOKIE", 3),
     N("NLMSGERR_ATTR_POLICY", 4), N("NLMSGERR_ATTR_MISS_TYPE", 5),
     N("NLMSGERR_ATTR_MISS_NEST", 6));

XLAT(rn_xl_arphrd, "ARPHRD_???", N("ARPHRD_NETROM", 0), N("ARPHRD_ETHER", 1), N("ARPHRD_EETHER", 2),
     N("ARPHRD_AX25", 3), N("ARPHRD_PRONET", 4), N("ARPHRD_CHAOS", 5), N("ARPHRD_IEEE802", 6),
     N("ARPHRD_ARCNET", 7), N("ARPHRD_APPLETLK", 8), N("ARPHRD_DLCI", 15), N("ARPHRD_ATM", 19),
     N("ARPHRD_METRICOM", 23), N("ARPHRD_IEEE1394", 24), N("ARPHRD_EUI64", 27),
     N("ARPHRD_INFINIBAND", 32), N("ARPHRD_SLIP", 256), N("ARPHRD_CSLIP", 257),
     N("ARPHRD_SLIP6", 258), N("ARPHRD_CSLIP6", 259), N("ARPHRD_RSRVD", 260),
     N("ARPHRD_ADAPT", 264), N("ARPHRD_ROSE", 270), N("ARPHRD_X25", 271), N("ARPHRD_HWX25", 272),
     N("ARPHRD_CAN", 280), N("ARPHRD_MCTP", 290), N("ARPHRD_PPP", 512), N("ARPHRD_CISCO", 513),
     N("ARPHRD_LAPB", 516), N("ARPHRD_DDCMP", 517), N("ARPHRD_RAWHDLC", 518),
     N("ARPHRD_RAWIP", 519), N("ARPHRD_TUNNEL", 768), N("ARPHRD_TUNNEL6", 769),
     N("ARPHRD_FRAD", 770), N("ARPHRD_SKIP", 771), N("ARPHRD_LOOPBACK", 772),
     N("ARPHRD_LOCALTLK", 773), N("ARPHRD_FDDI", 774), N("ARPHRD_BIF", 775), N("ARPHRD_SIT", 776),
     N("ARPHRD_IPDDP", 777), N("ARPHRD_IPGRE", 778), N("ARPHRD_PIMREG", 779),
     N("ARPHRD_HIPPI", 780), N("ARPHRD_ASH", 781), N("ARPHRD_ECONET", 782), N("ARPHRD_IRDA", 783),
     N("ARPHRD_FCPP", 784), N("ARPHRD_FCAL", 785), N("ARPHRD_FCPL", 786), N("ARPHRD_FCFABRIC", 787),
     N("ARPHRD_IEEE802_TR", 800), N("ARPHRD_IEEE80211", 801), N("ARPHRD_IEEE80211_PRISM", 802),
     N("ARPHRD_IEEE80211_RADIOTAP", 803), N("ARPHRD_IEEE802154", 804),
     N("ARPHRD_IEEE802154_MONITOR", 805), N("ARPHRD_PHONET", 820), N("ARPHRD_PHONET_PIPE", 821),
     N("ARPHRD_CAIF", 822), N("ARPHRD_IP6GRE", 823), N("ARPHRD_NETLINK", 824),
     N("ARPHRD_6LOWPAN", 825), N("ARPHRD_VSOCKMON", 826), N("ARPHRD_VOID", 0xffff),
     N("ARPHRD_NONE", 0xfffe));
XLAT(rn_xl_iff_flags, "IFF_???", N("IFF_UP", 0x1), N("IFF_BROADCAST", 0x2), N("IFF_DEBUG", 0x4),
     N("IFF_LOOPBACK", 0x8), N("IFF_POINTOPOINT", 0x10), N("IFF_NOTRAILERS", 0x20),
     N("IFF_RUNNING", 0x40), N("IFF_NOARP", 0x80), N("IFF_PROMISC", 0x100),
     N("IFF_ALLMULTI", 0x200), N("IFF_MASTER", 0x400), N("IFF_SLAVE", 0x800),
     N("IFF_MULTICAST", 0x1000), N("IFF_PORTSEL", 0x2000), N("IFF_AUTOMEDIA", 0x4000),
     N("IFF_DYNAMIC", 0x8000), N("IFF_LOWER_UP", 0x10000), N("IFF_DORMANT", 0x20000),
     N("IFF_ECHO", 0x40000));
XLAT(rn_xl_rtext_filter, "RTEXT_FILTER_???", N("RTEXT_FILTER_VF", 1), N("RTEXT_FILTER_BRVLAN", 2),
     N("RTEXT_FILTER_BRVLAN_COMPRESSED", 4), N("RTEXT_FILTER_SKIP_STATS", 8),
     N("RTEXT_FILTER_MRP", 0x10), N("RTEXT_FILTER_CFM_CONFIG", 0x20),
     N("RTEXT_FILTER_CFM_STATUS", 0x40));
XLAT(rn_xl_ifa_flags, "IFA_F_???", N("IFA_F_SECONDARY", 0x1), N("IFA_F_NODAD", 0x2),
     N("IFA_F_OPTIMISTIC", 0x4), N("IFA_F_DADFAILED", 0x8), N("IFA_F_HOMEADDRESS", 0x10),
     N("IFA_F_DEPRECATED", 0x20), N("IFA_F_TENTATIVE", 0x40), N("IFA_F_PERMANENT", 0x80),
     N("IFA_F_MANAGETEMPADDR", 0x100), N("IFA_F_NOPREFIXROUTE", 0x200),
     N("IFA_F_MCAUTOJOIN", 0x400), N("IFA_F_STABLE_PRIVACY", 0x800));
XLAT(rn_xl_rt_scopes, "RT_SCOPE_???", N("RT_SCOPE_UNIVERSE", 0), N("RT_SCOPE_SITE", 200),
     N("RT_SCOPE_LINK", 253), N("RT_SCOPE_HOST", 254), N("RT_SCOPE_NOWHERE", 255));
XLAT(rn_xl_rt_tables, "RT_TABLE_???", N("RT_TABLE_UNSPEC", 0), N("RT_TABLE_COMPAT", 252),
     N("RT_TABLE_DEFAULT", 253), N("RT_TABLE_MAIN", 254), N("RT_TABLE_LOCAL", 255));
XLAT(rn_xl_rt_protos, "RTPROT_???", N("RTPROT_UNSPEC", 0), N("RTPROT_REDIRECT", 1),
     N("RTPROT_KERNEL", 2), N("RTPROT_BOOT", 3), N("RTPROT_STATIC", 4), N("RTPROT_GATED", 8),
     N("RTPROT_RA", 9), N("RTPROT_MRT", 10), N("RTPROT_ZEBRA", 11), N("RTPROT_BIRD", 12),
     N("RTPROT_DNROUTED", 13), N("RTPROT_XORP", 14), N("RTPROT_NTK", 15), N("RTPROT_DHCP", 16),
     N("RTPROT_MROUTED", 17), N("RTPROT_KEEPALIVED", 18), N("RTPROT_BABEL", 42),
     N("RTPROT_OPENR", 99), N("RTPROT_BGP", 186), N("RTPROT_ISIS", 187), N("RTPROT_OSPF", 188),
     N("RTPROT_RIP", 189), N("RTPROT_EIGRP", 192));
XLAT(rn_xl_rtn_types, "RTN_???", N("RTN_UNSPEC", 0), N("RTN_UNICAST", 1), N("RTN_LOCAL", 2),
     N("RTN_BROADCAST", 3), N("RTN_ANYCAST", 4), N("RTN_MULTICAST", 5), N("RTN_BLACKHOLE", 6),
     N("RTN_UNREACHABLE", 7), N("RTN_PROHIBIT", 8), N("RTN_THROW", 9), N("RTN_NAT", 10),
     N("RTN_XRESOLVE", 11));
XLAT(rn_xl_rtm_flags, "RTM_F_???", N("RTNH_F_DEAD", 0x1), N("RTNH_F_PERVASIVE", 0x2),
     N("RTNH_F_ONLINK", 0x4), N("RTNH_F_OFFLOAD", 0x8), N("RTNH_F_LINKDOWN", 0x10),
     N("RTNH_F_UNRESOLVED", 0x20), N("RTNH_F_TRAP", 0x40), N("RTM_F_NOTIFY", 0x100),
     N("RTM_F_CLONED", 0x200), N("RTM_F_EQUALIZE", 0x400), N("RTM_F_PREFIX", 0x800),
     N("RTM_F_LOOKUP_TABLE", 0x1000), N("RTM_F_FIB_MATCH", 0x2000), N("RTM_F_OFFLOAD", 0x4000),
     N("RTM_F_TRAP", 0x8000), N("RTM_F_OFFLOAD_FAILED", 0x20000000));
XLAT(rn_xl_nud_states, "NUD_???", N("NUD_INCOMPLETE", 0x1), N("NUD_REACHABLE", 0x2),
     N("NUD_STALE", 0x4), N("NUD_DELAY", 0x8), N("NUD_PROBE", 0x10), N("NUD_FAILED", 0x20),
     N("NUD_NOARP", 0x40), N("NUD_PERMANENT", 0x80));
XLAT(rn_xl_ntf_flags, "NTF_???", N("NTF_USE", 0x1), N("NTF_SELF", 0x2), N("NTF_MASTER", 0x4),
     N("NTF_PROXY", 0x8), N("NTF_EXT_LEARNED", 0x10), N("NTF_OFFLOADED", 0x20),
     N("NTF_STICKY", 0x40), N("NTF_ROUTER", 0x80));
XLAT(rn_xl_in6_addr_gen_mode, "IN6_ADDR_GEN_MODE_???", N("IN6_ADDR_GEN_MODE_EUI64", 0),
     N("IN6_ADDR_GEN_MODE_NONE", 1), N("IN6_ADDR_GEN_MODE_STABLE_PRIVACY", 2),
     N("IN6_ADDR_GEN_MODE_RANDOM", 3));
XLAT(rn_xl_inet6_if_flags, "IF_???", N("IF_RS_SENT", 0x10), N("IF_RA_RCVD", 0x20),
     N("IF_RA_MANAGED", 0x40), N("IF_RA_OTHERCONF", 0x80), N("IF_READY", 0x80000000));

XLAT(rn_xl_tcp_states, "TCP_???", N("TCP_ESTABLISHED", 1), N("TCP_SYN_SENT", 2),
     N("TCP_SYN_RECV", 3), N("TCP_FIN_WAIT1", 4), N("TCP_FIN_WAIT2", 5), N("TCP_TIME_WAIT", 6),
     N("TCP_CLOSE", 7), N("TCP_CLOSE_WAIT", 8), N("TCP_LAST_ACK", 9), N("TCP_LISTEN", 10),
     N("TCP_CLOSING", 11), N("TCP_NEW_SYN_RECV", 12));
XLAT(rn_xl_tcp_state_flags, "1<<TCP_???", N("1<<TCP_ESTABLISHED", 1 << 1),
     N("1<<TCP_SYN_SENT", 1 << 2), N("1<<TCP_SYN_RECV", 1 << 3), N("1<<TCP_FIN_WAIT1", 1 << 4),
     N("1<<TCP_FIN_WAIT2", 1 << 5), N("1<<TCP_TIME_WAIT", 1 << 6), N("1<<TCP_CLOSE", 1 << 7),
     N("1<<TCP_CLOSE_WAIT", 1 << 8), N("1<<TCP_LAST_ACK", 1 << 9), N("1<<TCP_LISTEN", 1 << 10),
     N("1<<TCP_CLOSING", 1 << 11), N("1<<TCP_NEW_SYN_RECV", 1 << 12));
XLAT(rn_xl_inet_diag_ext, "1<<INET_DIAG_\?\?\?-1", N("1<<(INET_DIAG_MEMINFO-1)", 1 << 0),
     N("1<<(INET_DIAG_INFO-1)", 1 << 1), N("1<<(INET_DIAG_VEGASINFO-1)", 1 << 2),
     N("1<<(INET_DIAG_CONG-1)", 1 << 3), N("1<<(INET_DIAG_TOS-1)", 1 << 4),
     N("1<<(INET_DIAG_TCLASS-1)", 1 << 5), N("1<<(INET_DIAG_SKMEMINFO-1)", 1 << 6),
     N("1<<(INET_DIAG_SHUTDOWN-1)", 1 << 7));
XLAT(rn_xl_udiag_show, "UDIAG_SHOW_???", N("UDIAG_SHOW_NAME", 0x1), N("UDIAG_SHOW_VFS", 0x2),
     N("UDIAG_SHOW_PEER", 0x4), N("UDIAG_SHOW_ICONS", 0x8), N("UDIAG_SHOW_RQLEN", 0x10),
     N("UDIAG_SHOW_MEMINFO", 0x20), N("UDIAG_SHOW_UID", 0x40));
XLAT(rn_xl_fr_actions, "FR_ACT_???", N("FR_ACT_UNSPEC", 0), N("FR_ACT_TO_TBL", 1),
     N("FR_ACT_GOTO", 2), N("FR_ACT_NOP", 3), N("FR_ACT_RES3", 4), N("FR_ACT_RES4", 5),
     N("FR_ACT_BLACKHOLE", 6), N("FR_ACT_UNREACHABLE", 7), N("FR_ACT_PROHIBIT", 8));
XLAT(rn_xl_fib_rule_flags, "FIB_RULE_???", N("FIB_RULE_PERMANENT", 0x1), N("FIB_RULE_INVERT", 0x2),
     N("FIB_RULE_UNRESOLVED", 0x4), N("FIB_RULE_IIF_DETACHED", 0x8),
     N("FIB_RULE_OIF_DETACHED", 0x10), N("FIB_RULE_FIND_SADDR", 0x10000));
