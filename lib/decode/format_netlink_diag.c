// SPDX-License-Identifier: MIT
/*
 * What strace 6.1 knows of NETLINK_SOCK_DIAG, as data: the requests and messages of its
 * inet, unix, netlink and packet families (a row per field) and their attribute tables (a
 * row per type). format_netlink_msg.c picks them by message type; format_netlink.c walks them.
 */
#include "format_netlink_int.h"

static const char *const rqlen_names[] = {"udiag_rqueue", "udiag_wqueue"};
static const struct unums udiag_rqlen = {rqlen_names, 2, 2, 4};
static const char *const meminfo_names[] = {"idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem"};
static const struct unums inet_meminfo = {meminfo_names, 4, 4, 4};
static const struct rn_xlat_ent skmem_e[] = {
    {0, "SK_MEMINFO_RMEM_ALLOC"}, {1, "SK_MEMINFO_RCVBUF"},    {2, "SK_MEMINFO_WMEM_ALLOC"},
    {3, "SK_MEMINFO_SNDBUF"},	  {4, "SK_MEMINFO_FWD_ALLOC"}, {5, "SK_MEMINFO_WMEM_QUEUED"},
    {6, "SK_MEMINFO_OPTMEM"},	  {7, "SK_MEMINFO_BACKLOG"},   {8, "SK_MEMINFO_DROPS"},
};
static const struct rn_xlat skmem = {skmem_e, 9, "SK_MEMINFO_???"};
static const struct idxarr skmem_arr = {&skmem, 4, false};

static const char *const vegas_names[] = {"tcpv_enabled", "tcpv_rttcnt", "tcpv_rtt", "tcpv_minrtt"};
static const struct unums vegas_info = {vegas_names, 4, 4, 4};
static const struct nla_def ulp_info_d[] = {
    A(0, "INET_ULP_INFO_UNSPEC", V_RAW, NULL),
    A(1, "INET_ULP_INFO_NAME", V_STR, NULL),
    A(2, "INET_ULP_INFO_TLS", V_RAW, NULL),
    A(3, "INET_ULP_INFO_MPTCP", V_RAW, NULL),
};
static const struct nla_table ulp_info = TABLE(ulp_info_d, "INET_ULP_INFO_???");
static const struct nla_def inet_diag_d[] = {
    A(0, "INET_DIAG_NONE", V_RAW, NULL),
    A(1, "INET_DIAG_MEMINFO", V_UNUMS, &inet_meminfo),
    A(2, "INET_DIAG_INFO", V_RAW, NULL),
    A(3, "INET_DIAG_VEGASINFO", V_UNUMS, &vegas_info),
    A(4, "INET_DIAG_CONG", V_STR, NULL),
    A(5, "INET_DIAG_TOS", V_U8, NULL),
    A(6, "INET_DIAG_TCLASS", V_U8, NULL),
    A(7, "INET_DIAG_SKMEMINFO", V_IDXARR, &skmem_arr),
    A(8, "INET_DIAG_SHUTDOWN", V_U8, NULL),
    A(9, "INET_DIAG_DCTCPINFO", V_DCTCP, NULL),
    A(10, "INET_DIAG_PROTOCOL", V_XVAL8, &rn_xl_ipproto),
    A(11, "INET_DIAG_SKV6ONLY", V_U8, NULL),
    A(12, "INET_DIAG_LOCALS", V_RAW, NULL),
    A(13, "INET_DIAG_PEERS", V_RAW, NULL),
    A(14, "INET_DIAG_PAD", V_RAW, NULL),
    A(15, "INET_DIAG_MARK", V_U32, NULL),
    A(16, "INET_DIAG_BBRINFO", V_BBR, NULL),
    A(17, "INET_DIAG_CLASS_ID", V_U32, NULL),
    A(18, "INET_DIAG_MD5SIG", V_MD5SIG, NULL),
    A(19, "INET_DIAG_ULP_INFO", V_NEST, &ulp_info),
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

const struct sdef rn_nl_inet_diag_req_v2 = SDEF(inet_req_f, 56, &inet_diag_req);
const struct sdef rn_nl_inet_diag_msg = SDEF(inet_msg_f, 72, &inet_diag);
const struct sdef rn_nl_unix_diag_req = SDEF(unix_req_f, 24, NULL);
const struct sdef rn_nl_unix_diag_msg = SDEF(unix_msg_f, 16, &unix_diag);
static const struct nla_def ndiag_d[] = {
    A(0, "NETLINK_DIAG_MEMINFO", V_IDXARR, &skmem_arr),
    A(1, "NETLINK_DIAG_GROUPS", V_GROUPS, NULL),
    A(2, "NETLINK_DIAG_RX_RING", V_RAW, NULL),
    A(3, "NETLINK_DIAG_TX_RING", V_RAW, NULL),
    A(4, "NETLINK_DIAG_FLAGS", V_FLAGS32, &rn_xl_ndiag_flags),
};
static const struct nla_table ndiag = TABLE(ndiag_d, "NETLINK_DIAG_???");
static const struct nla_def pdiag_d[] = {
    A(0, "PACKET_DIAG_INFO", V_PDI_INFO, NULL),	       A(1, "PACKET_DIAG_MCLIST", V_RAW, NULL),
    A(2, "PACKET_DIAG_RX_RING", V_RAW, NULL),	       A(3, "PACKET_DIAG_TX_RING", V_RAW, NULL),
    A(4, "PACKET_DIAG_FANOUT", V_U32, NULL),	       A(5, "PACKET_DIAG_UID", V_U32, NULL),
    A(6, "PACKET_DIAG_MEMINFO", V_IDXARR, &skmem_arr), A(7, "PACKET_DIAG_FILTER", V_RAW, NULL),
};
static const struct nla_table pdiag = TABLE(pdiag_d, "PACKET_DIAG_???");
static const struct sfield inet_req_compat_f[] = {
    F("idiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("idiag_src_len", 1, 1, F_U, NULL),
    F("idiag_dst_len", 2, 1, F_U, NULL),
    F("idiag_ext", 3, 1, V_FLAGS8, &rn_xl_inet_diag_ext),
    F("id", 4, 48, F_SOCKID, NULL),
    F("idiag_states", 52, 4, V_FLAGS32, &rn_xl_tcp_state_flags),
    F("idiag_dbs", 56, 4, F_U, NULL),
};
static const struct sfield netlink_req_f[] = {
    F("sdiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("sdiag_protocol", 1, 1, F_NDIAG_PROTO, NULL),
    F("ndiag_ino", 4, 4, F_U, NULL),
    F("ndiag_show", 8, 4, V_FLAGS32, &rn_xl_ndiag_show),
    F("ndiag_cookie", 12, 8, F_COOKIE, NULL),
};
static const struct sfield netlink_msg_f[] = {
    F("ndiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("ndiag_type", 1, 1, V_XVAL8, &rn_xl_socket_type),
    F("ndiag_protocol", 2, 1, V_XVAL8, &rn_xl_netlink_protos),
    F("ndiag_state", 3, 1, V_XVAL8, &rn_xl_tcp_states),
    F("ndiag_portid", 4, 4, F_U, NULL),
    F("ndiag_dst_portid", 8, 4, F_U, NULL),
    F("ndiag_dst_group", 12, 4, F_U, NULL),
    F("ndiag_ino", 16, 4, F_U, NULL),
    F("ndiag_cookie", 20, 8, F_COOKIE, NULL),
};
static const struct sfield packet_req_f[] = {
    F("sdiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("sdiag_protocol", 1, 1, F_U, NULL),
    F("pdiag_ino", 4, 4, F_U, NULL),
    F("pdiag_show", 8, 4, V_FLAGS32, &rn_xl_packet_show),
    F("pdiag_cookie", 12, 8, F_COOKIE, NULL),
};
static const struct sfield packet_msg_f[] = {
    F("pdiag_family", 0, 1, V_XVAL8, &rn_xl_socket_af),
    F("pdiag_type", 1, 1, V_XVAL8, &rn_xl_socket_type),
    F("pdiag_num", 2, 2, F_ETH_P, NULL),
    F("pdiag_ino", 4, 4, F_U, NULL),
    F("pdiag_cookie", 8, 8, F_COOKIE, NULL),
};
const struct sdef rn_nl_inet_diag_req_compat = SDEF(inet_req_compat_f, 60, &inet_diag_req);
const struct sdef rn_nl_netlink_diag_req = SDEF(netlink_req_f, 20, NULL);
const struct sdef rn_nl_netlink_diag_msg = SDEF(netlink_msg_f, 28, &ndiag);
const struct sdef rn_nl_packet_diag_req = SDEF(packet_req_f, 20, NULL);
const struct sdef rn_nl_packet_diag_msg = SDEF(packet_msg_f, 16, &pdiag);
