// SPDX-License-Identifier: MIT
/*
 * What strace 6.1 knows of netlink's families, as data: per family the attribute table (a
 * row per type: name, kind of value, its table or names) and the struct that opens the
 * payload (a row per field). format_netlink.c walks them. NETLINK_SOCK_DIAG's are in
 * format_netlink_diag.c.
 */
#include "format_netlink_int.h"

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

static const struct nla_def br_querier_d[] = {
    A(0, "BRIDGE_QUERIER_UNSPEC", V_RAW, NULL),
    A(1, "BRIDGE_QUERIER_IP_ADDRESS", V_RAW, NULL),
    A(2, "BRIDGE_QUERIER_IP_PORT", V_RAW, NULL),
    A(3, "BRIDGE_QUERIER_IP_OTHER_TIMER", V_RAW, NULL),
    A(4, "BRIDGE_QUERIER_PAD", V_RAW, NULL),
    A(5, "BRIDGE_QUERIER_IPV6_ADDRESS", V_RAW, NULL),
    A(6, "BRIDGE_QUERIER_IPV6_PORT", V_RAW, NULL),
    A(7, "BRIDGE_QUERIER_IPV6_OTHER_TIMER", V_RAW, NULL),
};
static const struct nla_table br_querier = TABLE(br_querier_d, "BRIDGE_QUERIER_???");
static const struct nla_def br_d[] = {
    A(0, "IFLA_BR_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_BR_FORWARD_DELAY", V_CLOCK_T, NULL),
    A(2, "IFLA_BR_HELLO_TIME", V_CLOCK_T, NULL),
    A(3, "IFLA_BR_MAX_AGE", V_CLOCK_T, NULL),
    A(4, "IFLA_BR_AGEING_TIME", V_CLOCK_T, NULL),
    A(5, "IFLA_BR_STP_STATE", V_U32, NULL),
    A(6, "IFLA_BR_PRIORITY", V_U16, NULL),
    A(7, "IFLA_BR_VLAN_FILTERING", V_U8, NULL),
    A(8, "IFLA_BR_VLAN_PROTOCOL", V_ETHER_PROTO, NULL),
    A(9, "IFLA_BR_GROUP_FWD_MASK", V_X16, NULL),
    A(10, "IFLA_BR_ROOT_ID", V_BRIDGE_ID, NULL),
    A(11, "IFLA_BR_BRIDGE_ID", V_BRIDGE_ID, NULL),
    A(12, "IFLA_BR_ROOT_PORT", V_U16, NULL),
    A(13, "IFLA_BR_ROOT_PATH_COST", V_U32, NULL),
    A(14, "IFLA_BR_TOPOLOGY_CHANGE", V_U8, NULL),
    A(15, "IFLA_BR_TOPOLOGY_CHANGE_DETECTED", V_U8, NULL),
    A(16, "IFLA_BR_HELLO_TIMER", V_CLOCK_T, NULL),
    A(17, "IFLA_BR_TCN_TIMER", V_CLOCK_T, NULL),
    A(18, "IFLA_BR_TOPOLOGY_CHANGE_TIMER", V_CLOCK_T, NULL),
    A(19, "IFLA_BR_GC_TIMER", V_CLOCK_T, NULL),
    A(20, "IFLA_BR_GROUP_ADDR", V_HWADDR, NULL),
    A(21, "IFLA_BR_FDB_FLUSH", V_RAW, NULL),
    A(22, "IFLA_BR_MCAST_ROUTER", V_U8, NULL),
    A(23, "IFLA_BR_MCAST_SNOOPING", V_U8, NULL),
    A(24, "IFLA_BR_MCAST_QUERY_USE_IFADDR", V_U8, NULL),
    A(25, "IFLA_BR_MCAST_QUERIER", V_U8, NULL),
    A(26, "IFLA_BR_MCAST_HASH_ELASTICITY", V_U32, NULL),
    A(27, "IFLA_BR_MCAST_HASH_MAX", V_U32, NULL),
    A(28, "IFLA_BR_MCAST_LAST_MEMBER_CNT", V_U32, NULL),
    A(29, "IFLA_BR_MCAST_STARTUP_QUERY_CNT", V_U32, NULL),
    A(30, "IFLA_BR_MCAST_LAST_MEMBER_INTVL", V_CLOCK_T, NULL),
    A(31, "IFLA_BR_MCAST_MEMBERSHIP_INTVL", V_CLOCK_T, NULL),
    A(32, "IFLA_BR_MCAST_QUERIER_INTVL", V_CLOCK_T, NULL),
    A(33, "IFLA_BR_MCAST_QUERY_INTVL", V_CLOCK_T, NULL),
    A(34, "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL", V_CLOCK_T, NULL),
    A(35, "IFLA_BR_MCAST_STARTUP_QUERY_INTVL", V_CLOCK_T, NULL),
    A(36, "IFLA_BR_NF_CALL_IPTABLES", V_U8, NULL),
    A(37, "IFLA_BR_NF_CALL_IP6TABLES", V_U8, NULL),
    A(38, "IFLA_BR_NF_CALL_ARPTABLES", V_U8, NULL),
    A(39, "IFLA_BR_VLAN_DEFAULT_PVID", V_U16, NULL),
    A(40, "IFLA_BR_PAD", V_RAW, NULL),
    A(41, "IFLA_BR_VLAN_STATS_ENABLED", V_U8, NULL),
    A(42, "IFLA_BR_MCAST_STATS_ENABLED", V_U8, NULL),
    A(43, "IFLA_BR_MCAST_IGMP_VERSION", V_U8, NULL),
    A(44, "IFLA_BR_MCAST_MLD_VERSION", V_U8, NULL),
    A(45, "IFLA_BR_VLAN_STATS_PER_PORT", V_U8, NULL),
    A(46, "IFLA_BR_MULTI_BOOLOPT", V_BOOLOPT, NULL),
    A(47, "IFLA_BR_MCAST_QUERIER_STATE", V_NEST, &br_querier),
};
static const struct nla_table br = TABLE(br_d, "IFLA_BR_???");
static const struct nla_def tun_d[] = {
    A(0, "IFLA_TUN_UNSPEC", V_RAW, NULL),     A(1, "IFLA_TUN_OWNER", V_U32, NULL),
    A(2, "IFLA_TUN_GROUP", V_U32, NULL),      A(3, "IFLA_TUN_TYPE", V_XVAL8, &rn_xl_tun_types),
    A(4, "IFLA_TUN_PI", V_U8, NULL),	      A(5, "IFLA_TUN_VNET_HDR", V_U8, NULL),
    A(6, "IFLA_TUN_PERSIST", V_U8, NULL),     A(7, "IFLA_TUN_MULTI_QUEUE", V_U8, NULL),
    A(8, "IFLA_TUN_NUM_QUEUES", V_U32, NULL), A(9, "IFLA_TUN_NUM_DISABLED_QUEUES", V_U32, NULL),
};
static const struct nla_table tun = TABLE(tun_d, "IFLA_TUN_???");
static const char *const can_stats_names[] = {"bus_error", "error_warning",    "error_passive",
					      "bus_off",   "arbitration_lost", "restarts"};
static const struct unums can_stats = {can_stats_names, 6, 6, 4};
const struct nl_kind rn_nl_kinds[] = {
    {"bridge", &br, NULL},
    {"tun", &tun, NULL},
    {"can", NULL, &can_stats},
};
const unsigned rn_nl_nkinds = NENT(rn_nl_kinds);

static const struct nla_def linkinfo_d[] = {
    A(0, "IFLA_INFO_UNSPEC", V_RAW, NULL),     A(1, "IFLA_INFO_KIND", V_INFO_KIND, NULL),
    A(2, "IFLA_INFO_DATA", V_INFO_DATA, NULL), A(3, "IFLA_INFO_XSTATS", V_INFO_XSTATS, NULL),
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
static const struct nla_table ifla;
static const struct nla_def proto_down_reason_d[] = {
    A(0, "IFLA_PROTO_DOWN_REASON_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_PROTO_DOWN_REASON_MASK", V_X32, NULL),
    A(2, "IFLA_PROTO_DOWN_REASON_VALUE", V_X32, NULL),
};
static const struct nla_table proto_down_reason =
    TABLE(proto_down_reason_d, "IFLA_PROTO_DOWN_REASON_???");
static const struct nla_def port_d[] = {
    A(0, "IFLA_PORT_UNSPEC", V_RAW, NULL),	  A(1, "IFLA_PORT_VF", V_U32, NULL),
    A(2, "IFLA_PORT_PROFILE", V_STR, NULL),	  A(3, "IFLA_PORT_VSI_TYPE", V_RAW, NULL),
    A(4, "IFLA_PORT_INSTANCE_UUID", V_RAW, NULL), A(5, "IFLA_PORT_HOST_UUID", V_RAW, NULL),
    A(6, "IFLA_PORT_REQUEST", V_U8, NULL),	  A(7, "IFLA_PORT_RESPONSE", V_U16, NULL),
};
static const struct nla_table port = TABLE(port_d, "IFLA_PORT_???");
static const struct nla_def vf_ports_d[] = {
    A(0, "IFLA_VF_PORT_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_VF_PORT", V_NEST, &port),
};
static const struct nla_table vf_ports = TABLE(vf_ports_d, "IFLA_VF_PORT_???");
static const struct nla_def vf_d[] = {
    A(0, "IFLA_VF_UNSPEC", V_RAW, NULL),	A(1, "IFLA_VF_MAC", V_RAW, NULL),
    A(2, "IFLA_VF_VLAN", V_RAW, NULL),		A(3, "IFLA_VF_TX_RATE", V_RAW, NULL),
    A(4, "IFLA_VF_SPOOFCHK", V_RAW, NULL),	A(5, "IFLA_VF_LINK_STATE", V_RAW, NULL),
    A(6, "IFLA_VF_RATE", V_RAW, NULL),		A(7, "IFLA_VF_RSS_QUERY_EN", V_RAW, NULL),
    A(8, "IFLA_VF_STATS", V_RAW, NULL),		A(9, "IFLA_VF_TRUST", V_RAW, NULL),
    A(10, "IFLA_VF_IB_NODE_GUID", V_RAW, NULL), A(11, "IFLA_VF_IB_PORT_GUID", V_RAW, NULL),
    A(12, "IFLA_VF_VLAN_LIST", V_RAW, NULL),	A(13, "IFLA_VF_BROADCAST", V_RAW, NULL),
};
static const struct nla_table vf = TABLE(vf_d, "IFLA_VF_???");
static const struct nla_def vfinfo_list_d[] = {
    A(0, "IFLA_VF_INFO_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_VF_INFO", V_NEST, &vf),
};
static const struct nla_table vfinfo_list = TABLE(vfinfo_list_d, "IFLA_VF_INFO_???");
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
    A(22, "IFLA_VFINFO_LIST", V_NEST, &vfinfo_list),
    A(23, "IFLA_STATS64", V_UNUMS, &stats64),
    A(24, "IFLA_VF_PORTS", V_NEST, &vf_ports),
    A(25, "IFLA_PORT_SELF", V_NEST, &port),
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
    A(44, "IFLA_EVENT", V_XVAL32, &rn_xl_ifla_events),
    A(45, "IFLA_NEW_NETNSID", V_S32, NULL),
    A(46, "IFLA_TARGET_NETNSID", V_S32, NULL),
    A(47, "IFLA_CARRIER_UP_COUNT", V_U32, NULL),
    A(48, "IFLA_CARRIER_DOWN_COUNT", V_U32, NULL),
    A(49, "IFLA_NEW_IFINDEX", V_IFINDEX, NULL),
    A(50, "IFLA_MIN_MTU", V_U32, NULL),
    A(51, "IFLA_MAX_MTU", V_U32, NULL),
    A(52, "IFLA_PROP_LIST", V_NEST, &ifla),
    A(53, "IFLA_ALT_IFNAME", V_STR, NULL),
    A(54, "IFLA_PERM_ADDRESS", V_HWADDR, NULL),
    A(55, "IFLA_PROTO_DOWN_REASON", V_NEST, &proto_down_reason),
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

static const struct nla_def rtax_d[] = {
    A(0, "RTAX_UNSPEC", V_RAW, NULL),	 A(1, "RTAX_LOCK", V_U32, NULL),
    A(2, "RTAX_MTU", V_U32, NULL),	 A(3, "RTAX_WINDOW", V_U32, NULL),
    A(4, "RTAX_RTT", V_U32, NULL),	 A(5, "RTAX_RTTVAR", V_U32, NULL),
    A(6, "RTAX_SSTHRESH", V_U32, NULL),	 A(7, "RTAX_CWND", V_U32, NULL),
    A(8, "RTAX_ADVMSS", V_U32, NULL),	 A(9, "RTAX_REORDERING", V_U32, NULL),
    A(10, "RTAX_HOPLIMIT", V_U32, NULL), A(11, "RTAX_INITCWND", V_U32, NULL),
    A(12, "RTAX_FEATURES", V_U32, NULL), A(13, "RTAX_RTO_MIN", V_U32, NULL),
    A(14, "RTAX_INITRWND", V_U32, NULL), A(15, "RTAX_QUICKACK", V_U32, NULL),
    A(16, "RTAX_CC_ALGO", V_STR, NULL),	 A(17, "RTAX_FASTOPEN_NO_COOKIE", V_U32, NULL),
};
static const struct nla_table rtax = TABLE(rtax_d, "RTAX_???");
static const struct nla_def rta_d[] = {
    A(0, "RTA_UNSPEC", V_RAW, NULL),
    A(1, "RTA_DST", V_ADDR, NULL),
    A(2, "RTA_SRC", V_ADDR, NULL),
    A(3, "RTA_IIF", V_IFINDEX, NULL),
    A(4, "RTA_OIF", V_IFINDEX, NULL),
    A(5, "RTA_GATEWAY", V_ADDR, NULL),
    A(6, "RTA_PRIORITY", V_U32, NULL),
    A(7, "RTA_PREFSRC", V_ADDR, NULL),
    A(8, "RTA_METRICS", V_NEST, &rtax),
    A(9, "RTA_MULTIPATH", V_MULTIPATH, NULL),
    A(10, "RTA_PROTOINFO", V_RAW, NULL),
    A(11, "RTA_FLOW", V_U32, NULL),
    A(12, "RTA_CACHEINFO", V_UNUMS, &rta_cacheinfo),
    A(13, "RTA_SESSION", V_RAW, NULL),
    A(14, "RTA_MP_ALGO", V_RAW, NULL),
    A(15, "RTA_TABLE", V_XVAL32, &rn_xl_rt_tables),
    A(16, "RTA_MARK", V_U32, NULL),
    A(17, "RTA_MFC_STATS", V_RAW, NULL),
    A(18, "RTA_VIA", V_RTVIA, NULL),
    A(19, "RTA_NEWDST", V_ADDR, NULL),
    A(20, "RTA_PREF", V_U8, NULL),
    A(21, "RTA_ENCAP_TYPE", V_XVAL16, &rn_xl_lwt_encap_types),
    A(22, "RTA_ENCAP", V_RAW, NULL),
    A(23, "RTA_EXPIRES", V_U64, NULL),
    A(24, "RTA_PAD", V_RAW, NULL),
    A(25, "RTA_UID", V_U32, NULL),
    A(26, "RTA_TTL_PROPAGATE", V_U8, NULL),
    A(27, "RTA_IP_PROTO", V_U8, NULL),
    A(28, "RTA_SPORT", V_U16, NULL),
    A(29, "RTA_DPORT", V_U16, NULL),
    A(30, "RTA_NH_ID", V_RAW, NULL),
};
const struct nla_table rn_nl_rta = TABLE(rta_d, "RTA_???");

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
const struct nla_table rn_nl_nlmsgerr = TABLE(nlmsgerr_d, "NLMSGERR_ATTR_???");

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

const struct sdef rn_nl_ifinfomsg = SDEF(ifinfomsg_f, 16, &ifla);
static const struct sdef ifaddrmsg = SDEF(ifaddrmsg_f, 8, &ifa);
static const struct sdef rtmsg = SDEF(rtmsg_f, 12, &rn_nl_rta);
static const struct sdef ndmsg = SDEF(ndmsg_f, 12, &nda);

static const struct sdef fib_rule_hdr = SDEF(fib_rule_f, 12, &fra);
static const struct sdef netconfmsg = SDEF(netconfmsg_f, 1, &netconfa);
static const struct sdef ifaddrlblmsg = SDEF(ifaddrlblmsg_f, 12, &ifal);
static const struct sdef tcmsg = SDEF(tcmsg_f, 20, &tca);
static const struct sdef rtgenmsg = SDEF(rtgenmsg_f, 1, &netnsa);
static const struct sdef nhmsg = SDEF(nhmsg_f, 8, NULL);
static const struct sdef ndtmsg = SDEF(ndtmsg_f, 1, &ndta);

/* RTM_* by (type - RTM_BASE) / 4, for the types that exist; NULL: {family=..., bytes}. */
static const struct nla_def tca_act_d[] = {
    A(0, "TCA_ACT_UNSPEC", V_RAW, NULL),       A(1, "TCA_ACT_KIND", V_STR, NULL),
    A(2, "TCA_ACT_OPTIONS", V_RAW, NULL),      A(3, "TCA_ACT_INDEX", V_U32, NULL),
    A(4, "TCA_ACT_STATS", V_NEST, &tca_stats), A(5, "TCA_ACT_PAD", V_RAW, NULL),
    A(6, "TCA_ACT_COOKIE", V_RAW, NULL),
};
static const struct nla_table tca_act = TABLE(tca_act_d, "TCA_ACT_???");
static const struct nla_def mdba_mdb_d[] = {
    A(0, "MDBA_MDB_UNSPEC", V_RAW, NULL),
    A(1, "MDBA_MDB_ENTRY", V_RAW, NULL),
};
static const struct nla_table mdba_mdb = TABLE(mdba_mdb_d, "MDBA_MDB_???");
static const struct nla_def mdba_router_d[] = {
    A(0, "MDBA_ROUTER_UNSPEC", V_RAW, NULL),
    A(1, "MDBA_ROUTER_PORT", V_U32, NULL),
};
static const struct nla_table mdba_router = TABLE(mdba_router_d, "MDBA_ROUTER_???");
static const struct nla_def mdba_d[] = {
    A(0, "MDBA_UNSPEC", V_RAW, NULL),
    A(1, "MDBA_MDB", V_NEST, &mdba_mdb),
    A(2, "MDBA_ROUTER", V_NEST, &mdba_router),
};
static const struct nla_table mdba = TABLE(mdba_d, "MDBA_???");
static const struct nla_def ifla_stats_d[] = {
    A(0, "IFLA_STATS_UNSPEC", V_RAW, NULL),
    A(1, "IFLA_STATS_LINK_64", V_UNUMS, &stats64),
    A(2, "IFLA_STATS_LINK_XSTATS", V_RAW, NULL),
    A(3, "IFLA_STATS_LINK_XSTATS_SLAVE", V_RAW, NULL),
    A(4, "IFLA_STATS_LINK_OFFLOAD_XSTATS", V_RAW, NULL),
    A(5, "IFLA_STATS_AF_SPEC", V_RAW, NULL),
};
static const struct nla_table ifla_stats = TABLE(ifla_stats_d, "IFLA_STATS_???");
static const struct nla_def dcb_d[] = {
    A(0, "DCB_ATTR_UNDEFINED", V_RAW, NULL),   A(1, "DCB_ATTR_IFNAME", V_RAW, NULL),
    A(2, "DCB_ATTR_STATE", V_RAW, NULL),       A(3, "DCB_ATTR_PFC_STATE", V_RAW, NULL),
    A(4, "DCB_ATTR_PFC_CFG", V_RAW, NULL),     A(5, "DCB_ATTR_NUM_TC", V_RAW, NULL),
    A(6, "DCB_ATTR_PG_CFG", V_RAW, NULL),      A(7, "DCB_ATTR_SET_ALL", V_RAW, NULL),
    A(8, "DCB_ATTR_PERM_HWADDR", V_RAW, NULL), A(9, "DCB_ATTR_CAP", V_RAW, NULL),
    A(10, "DCB_ATTR_NUMTCS", V_RAW, NULL),     A(11, "DCB_ATTR_BCN", V_RAW, NULL),
    A(12, "DCB_ATTR_APP", V_RAW, NULL),	       A(13, "DCB_ATTR_IEEE", V_RAW, NULL),
    A(14, "DCB_ATTR_DCBX", V_RAW, NULL),       A(15, "DCB_ATTR_FEATCFG", V_RAW, NULL),
    A(16, "DCB_ATTR_CEE", V_RAW, NULL),
};
static const struct nla_table dcb = TABLE(dcb_d, "DCB_ATTR_???");

static const struct sfield tcamsg_f[] = {
    F("tca_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
};
static const struct sfield dcbmsg_f[] = {
    F("dcb_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("cmd", 1, 1, V_XVAL8, &rn_xl_dcb_cmds),
};
static const struct sfield br_port_msg_f[] = {
    F("family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("ifindex", 4, 4, V_IFINDEX, NULL),
};
static const struct sfield if_stats_msg_f[] = {
    F("family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("ifindex", 4, 4, V_IFINDEX, NULL),
    F("filter_mask", 8, 4, V_FLAGS32, &rn_xl_ifla_stats_filter),
};

static const struct sdef tcamsg = SDEF(tcamsg_f, 1, &tca_act);
static const struct sdef dcbmsg = SDEF(dcbmsg_f, 2, &dcb);
static const struct sdef br_port_msg = SDEF(br_port_msg_f, 8, &mdba);
static const struct sdef if_stats_msg = SDEF(if_stats_msg_f, 12, &ifla_stats);
static const struct sdef cachereport = SDEF_HEX(rtgenmsg_f, 1);

const struct sdef *const rn_nl_route_structs[] = {
    [0] = &rn_nl_ifinfomsg, [1] = &ifaddrmsg,  [2] = &rtmsg,	    [3] = &ndmsg,
    [4] = &fib_rule_hdr,    [5] = &tcmsg,      [6] = &tcmsg,	    [7] = &tcmsg,
    [10] = &ifaddrmsg,	    [11] = &ifaddrmsg, [12] = &ndtmsg,	    [14] = &ifaddrlblmsg,
    [16] = &netconfmsg,	    [18] = &rtgenmsg,  [21] = &tcmsg,	    [22] = &nhmsg,
    [8] = &tcamsg,	    [15] = &dcbmsg,    [17] = &br_port_msg, [19] = &if_stats_msg,
    [20] = &cachereport,
};
const unsigned rn_nl_route_nstructs = NENT(rn_nl_route_structs);
