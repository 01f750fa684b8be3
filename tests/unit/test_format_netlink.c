// SPDX-License-Identifier: MIT
/*
 * Netlink messages against strace 6.1: each case is bytes a real NETLINK_ROUTE or
 * NETLINK_SOCK_DIAG exchange carried on this machine (the requests ip, ss and getaddrinfo
 * send, the kernel's dumps), and the text strace printed for a sendto of those bytes.
 */
#include <criterion/criterion.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

static struct rn_strbuf sb;
static unsigned char bytes[8192];

static void fini(void)
{
	rn_strbuf__free(&sb);
}

TestSuite(unit_format_netlink, .fini = fini);

static size_t unhex(const char *h)
{
	size_t n = strlen(h) / 2;

	cr_assert_leq(n, sizeof(bytes));
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(sscanf(h + 2 * i, "%2hhx", &bytes[i]), 1);
	return n;
}

static const char *nl(int proto, const char *hex, size_t have, unsigned strsize)
{
	struct rn_fmt_opts o = {.strsize = strsize};
	size_t n = unhex(hex);

	rn_strbuf__reset(&sb);
	rn_format__netlink(&sb, proto, bytes, have < n ? have : n, n, &o);
	return sb.buf ? sb.buf : "";
}

Test(unit_format_netlink, ip_link_request)
{
	cr_expect_str_eq(
	    nl(0, "20000000120001032a0000000000000000000000000000000000000000000000", SIZE_MAX, 0),
	    "[{nlmsg_len=32, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nlmsg_seq="
	    "42, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, "
	    "ifi_flags="
	    "0, ifi_change=0}]");
}

Test(unit_format_netlink, newlink_dump_cut_after_32_attributes)
{
	cr_expect_str_eq(
	    nl(0,
	       "bc050000100002002a000000652a000000000403010000004900010000000000070003006c6f0000080"
	       "00d00"
	       "e8030000050010000000000005001100000000000500430001000000080004000000010008003200000"
	       "00000"
	       "080033000000000008001b000000000008001e000000000008003d000000000008001f0001000000080"
	       "02800"
	       "ffff0000080029000000010008003a000000010008003f0000000100080040000000010008003b00f8f"
	       "f0700"
	       "08003c00ffff00000800420000000000080020000100000005002100010000000800230000000000080"
	       "02f00"
	       "0000000008003000000000000600440000000000060045000000000005002700000000000a000100000"
	       "00000"
	       "000000000a0002000000000000000000cc001700be07000000000000be07000000000000d1b34800000"
	       "00000"
	       "d1b34800000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "64000700be070000be070000d1b34800d1b348000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "0000000000000000000000000c002b0005000200000000000c0006006e6f71756575650030031a008c0"
	       "00200"
	       "88000100000000000000000000000000010000000100000001000000010000000000000001000000000"
	       "00000"
	       "00000000000000000000000000000000010000000100000000000000000000000000000000000000000"
	       "00000"
	       "000000000000000000000000000000000000000010270000e8030000000000000000000000000000000"
	       "00000"
	       "01000000a0020a00080001000000008014000500ffff0000160000005c9b0000e8030000f4000200000"
	       "00000"
	       "400000000000010001000000010000000100000001000000ffffffffa00f0000e8030000ffffffff803"
	       "a0900"
	       "805101000300000058020000100000000000000001000000010000000100000060ea000000000000000"
	       "00000"
	       "00000000000000000000000000000000ffffffff000000000000000010270000e803000001000000000"
	       "00000"
	       "00000000010000000000000000000000010000000000000000000000000000000000000080ee3600000"
	       "00000"
	       "000000000100000000000000000000000000000000000000000000000004000000000000ffff0000fff"
	       "fffff"
	       "010000000000000000000000000000003401030026000000000000008b00000000000000c0280000000"
	       "00000"
	       "8a000000000000008b000000000000000000000000000000000000000000000000000000000000008a0"
	       "00000"
	       "000000008a0000000000000040280000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "000000000000000000000000000000003c0006000700000000000000000000000000000001000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000001400070000000000000"
	       "00000"
	       "0000000000000000050008000000000024000e000000000000000000000000000000000000000000000"
	       "00000"
	       "000000000000000004003e8004004180cc050000100002002a000000652a00000000010002000000820"
	       "00000"
	       "0000000009000300696662300000000008000d002000000005001000020000000500110000000000050"
	       "04300"
	       "0000000008000400dc0500000800320000000000080033000000000008001b000000000008001e00000"
	       "00000"
	       "08003d000000000008001f000100000008002800ffff0000080029000000010008003a0000000100080"
	       "03f00"
	       "00000100080040000000010008003b00f8ff070008003c00ffff0000080042000000000008002000010"
	       "00000"
	       "0500210001000000080023000000000008002f000000000008003000000000000600440000000000060"
	       "04500"
	       "0000000005002700000000000a000100b20632fc449a00000a000200ffffffffffff0000cc001700000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000006400070000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000c002b0005000200000"
	       "00000"
	       "0c0012000800010069666200090006006e6f6f700000000030031a008c0002008800010000000000000"
	       "00000"
	       "00000000010000000100000001000000010000000000000001000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "000000000000000010270000e80300000000000000000000000000000000000001000000a0020a00080"
	       "00100"
	       "0000000014000500ffff00001200000074990000e8030000f40002000000000040000000dc050000010"
	       "00000"
	       "010000000100000001000000ffffffffa00f0000e803000000000000803a09008051010003000000580"
	       "20000"
	       "100000000000000001000000010000000100000060ea000000000000000000000000000000000000000"
	       "00000"
	       "00000000ffffffff000000000000000010270000e803000001000000000000000000000001000000000"
	       "00000"
	       "00000000010000000000000000000000000000000000000080ee3600000000000000000001000000000"
	       "00000"
	       "000000000000000000000000000000000004000000000000ffff0000ffffffff0100000000000000000"
	       "00000"
	       "00000000340103002600000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "000000003c0006000700000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000001400070000000000000000000000000000000000050"
	       "00800"
	       "0000000024000e000000000000000000000000000000000000000000000000000000000000000000040"
	       "03e80"
	       "04004180",
	       SIZE_MAX, 0),
	    "[[{nlmsg_len=1468, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
	    "nlmsg_"
	    "pid=10853}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_LOOPBACK, "
	    "ifi_index=if_nametoindex(\""
	    "lo\"), ifi_flags=IFF_UP|IFF_LOOPBACK|IFF_RUNNING|IFF_LOWER_UP, ifi_change=0}, "
	    "[[{nla_len"
	    "=7, nla_type=IFLA_IFNAME}, \"lo\"], [{nla_len=8, nla_type=IFLA_TXQLEN}, 1000], "
	    "[{nla_len"
	    "=5, nla_type=IFLA_OPERSTATE}, 0], [{nla_len=5, nla_type=IFLA_LINKMODE}, 0], "
	    "[{nla_len=5,"
	    " nla_type=0x43 /* IFLA_??? */}, \"\\x01\"], [{nla_len=8, nla_type=IFLA_MTU}, 65536], "
	    "[{n"
	    "la_len=8, nla_type=IFLA_MIN_MTU}, 0], [{nla_len=8, nla_type=IFLA_MAX_MTU}, 0], "
	    "[{nla_len"
	    "=8, nla_type=IFLA_GROUP}, 0], [{nla_len=8, nla_type=IFLA_PROMISCUITY}, 0], "
	    "[{nla_len=8, "
	    "nla_type=IFLA_ALLMULTI}, 0], [{nla_len=8, nla_type=IFLA_NUM_TX_QUEUES}, 1], "
	    "[{nla_len=8,"
	    " nla_type=IFLA_GSO_MAX_SEGS}, 65535], [{nla_len=8, nla_type=IFLA_GSO_MAX_SIZE}, "
	    "65536], "
	    "[{nla_len=8, nla_type=IFLA_GRO_MAX_SIZE}, 65536], [{nla_len=8, nla_type=0x3f /* "
	    "IFLA_???"
	    " */}, \"\\x00\\x00\\x01\\x00\"], [{nla_len=8, nla_type=0x40 /* IFLA_??? */}, "
	    "\"\\x00\\x0"
	    "0\\x01\\x00\"], [{nla_len=8, nla_type=IFLA_TSO_MAX_SIZE}, 524280], [{nla_len=8, "
	    "nla_type"
	    "=IFLA_TSO_MAX_SEGS}, 65535], [{nla_len=8, nla_type=0x42 /* IFLA_??? */}, "
	    "\"\\x00\\x00\\x"
	    "00\\x00\"], [{nla_len=8, nla_type=IFLA_NUM_RX_QUEUES}, 1], [{nla_len=5, "
	    "nla_type=IFLA_CA"
	    "RRIER}, 1], [{nla_len=8, nla_type=IFLA_CARRIER_CHANGES}, 0], [{nla_len=8, "
	    "nla_type=IFLA_"
	    "CARRIER_UP_COUNT}, 0], [{nla_len=8, nla_type=IFLA_CARRIER_DOWN_COUNT}, 0], "
	    "[{nla_len=6, "
	    "nla_type=0x44 /* IFLA_??? */}, \"\\x00\\x00\"], [{nla_len=6, nla_type=0x45 /* "
	    "IFLA_??? *"
	    "/}, \"\\x00\\x00\"], [{nla_len=5, nla_type=IFLA_PROTO_DOWN}, 0], [{nla_len=10, "
	    "nla_type="
	    "IFLA_ADDRESS}, 00:00:00:00:00:00], [{nla_len=10, nla_type=IFLA_BROADCAST}, "
	    "00:00:00:00:0"
	    "0:00], [{nla_len=204, nla_type=IFLA_STATS64}, {rx_packets=1982, tx_packets=1982, "
	    "rx_byte"
	    "s=4764625, tx_bytes=4764625, rx_errors=0, tx_errors=0, rx_dropped=0, tx_dropped=0, "
	    "multi"
	    "cast=0, collisions=0, rx_length_errors=0, rx_over_errors=0, rx_crc_errors=0, "
	    "rx_frame_er"
	    "rors=0, rx_fifo_errors=0, rx_missed_errors=0, tx_aborted_errors=0, "
	    "tx_carrier_errors=0, "
	    "tx_fifo_errors=0, tx_heartbeat_errors=0, tx_window_errors=0, rx_compressed=0, "
	    "tx_compres"
	    "sed=0, rx_nohandler=0, rx_otherhost_dropped=0}], [{nla_len=100, nla_type=IFLA_STATS}, "
	    "{r"
	    "x_packets=1982, tx_packets=1982, rx_bytes=4764625, tx_bytes=4764625, rx_errors=0, "
	    "tx_err"
	    "ors=0, rx_dropped=0, tx_dropped=0, multicast=0, collisions=0, rx_length_errors=0, "
	    "rx_ove"
	    "r_errors=0, rx_crc_errors=0, rx_frame_errors=0, rx_fifo_errors=0, rx_missed_errors=0, "
	    "tx"
	    "_aborted_errors=0, tx_carrier_errors=0, tx_fifo_errors=0, tx_heartbeat_errors=0, "
	    "tx_wind"
	    "ow_errors=0, rx_compressed=0, tx_compressed=0, rx_nohandler=0}], ...]], "
	    "[{nlmsg_len=1484"
	    ", nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=10853}, "
	    "{ifi_"
	    "family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, ifi_index=if_nametoindex(\"ifb0\"), "
	    "ifi_flags=I"
	    "FF_BROADCAST|IFF_NOARP, ifi_change=0}, [[{nla_len=9, nla_type=IFLA_IFNAME}, "
	    "\"ifb0\"], ["
	    "{nla_len=8, nla_type=IFLA_TXQLEN}, 32], [{nla_len=5, nla_type=IFLA_OPERSTATE}, 2], "
	    "[{nla"
	    "_len=5, nla_type=IFLA_LINKMODE}, 0], [{nla_len=5, nla_type=0x43 /* IFLA_??? */}, "
	    "\"\\x00"
	    "\"], [{nla_len=8, nla_type=IFLA_MTU}, 1500], [{nla_len=8, nla_type=IFLA_MIN_MTU}, 0], "
	    "[{"
	    "nla_len=8, nla_type=IFLA_MAX_MTU}, 0], [{nla_len=8, nla_type=IFLA_GROUP}, 0], "
	    "[{nla_len="
	    "8, nla_type=IFLA_PROMISCUITY}, 0], [{nla_len=8, nla_type=IFLA_ALLMULTI}, 0], "
	    "[{nla_len=8"
	    ", nla_type=IFLA_NUM_TX_QUEUES}, 1], [{nla_len=8, nla_type=IFLA_GSO_MAX_SEGS}, 65535], "
	    "[{"
	    "nla_len=8, nla_type=IFLA_GSO_MAX_SIZE}, 65536], [{nla_len=8, "
	    "nla_type=IFLA_GRO_MAX_SIZE}"
	    ", 65536], [{nla_len=8, nla_type=0x3f /* IFLA_??? */}, \"\\x00\\x00\\x01\\x00\"], "
	    "[{nla_l"
	    "en=8, nla_type=0x40 /* IFLA_??? */}, \"\\x00\\x00\\x01\\x00\"], [{nla_len=8, "
	    "nla_type=IF"
	    "LA_TSO_MAX_SIZE}, 524280], [{nla_len=8, nla_type=IFLA_TSO_MAX_SEGS}, 65535], "
	    "[{nla_len=8"
	    ", nla_type=0x42 /* IFLA_??? */}, \"\\x00\\x00\\x00\\x00\"], [{nla_len=8, "
	    "nla_type=IFLA_N"
	    "UM_RX_QUEUES}, 1], [{nla_len=5, nla_type=IFLA_CARRIER}, 1], [{nla_len=8, "
	    "nla_type=IFLA_C"
	    "ARRIER_CHANGES}, 0], [{nla_len=8, nla_type=IFLA_CARRIER_UP_COUNT}, 0], [{nla_len=8, "
	    "nla_"
	    "type=IFLA_CARRIER_DOWN_COUNT}, 0], [{nla_len=6, nla_type=0x44 /* IFLA_??? */}, "
	    "\"\\x00\\"
	    "x00\"], [{nla_len=6, nla_type=0x45 /* IFLA_??? */}, \"\\x00\\x00\"], [{nla_len=5, "
	    "nla_ty"
	    "pe=IFLA_PROTO_DOWN}, 0], [{nla_len=10, nla_type=IFLA_ADDRESS}, b2:06:32:fc:44:9a], "
	    "[{nla"
	    "_len=10, nla_type=IFLA_BROADCAST}, ff:ff:ff:ff:ff:ff], [{nla_len=204, "
	    "nla_type=IFLA_STAT"
	    "S64}, {rx_packets=0, tx_packets=0, rx_bytes=0, tx_bytes=0, rx_errors=0, tx_errors=0, "
	    "rx_"
	    "dropped=0, tx_dropped=0, multicast=0, collisions=0, rx_length_errors=0, "
	    "rx_over_errors=0"
	    ", rx_crc_errors=0, rx_frame_errors=0, rx_fifo_errors=0, rx_missed_errors=0, "
	    "tx_aborted_e"
	    "rrors=0, tx_carrier_errors=0, tx_fifo_errors=0, tx_heartbeat_errors=0, "
	    "tx_window_errors="
	    "0, rx_compressed=0, tx_compressed=0, rx_nohandler=0, rx_otherhost_dropped=0}], "
	    "[{nla_len"
	    "=100, nla_type=IFLA_STATS}, {rx_packets=0, tx_packets=0, rx_bytes=0, tx_bytes=0, "
	    "rx_erro"
	    "rs=0, tx_errors=0, rx_dropped=0, tx_dropped=0, multicast=0, collisions=0, "
	    "rx_length_erro"
	    "rs=0, rx_over_errors=0, rx_crc_errors=0, rx_frame_errors=0, rx_fifo_errors=0, "
	    "rx_missed_"
	    "errors=0, tx_aborted_errors=0, tx_carrier_errors=0, tx_fifo_errors=0, "
	    "tx_heartbeat_error"
	    "s=0, tx_window_errors=0, rx_compressed=0, tx_compressed=0, rx_nohandler=0}], ...]]]");
}

Test(unit_format_netlink, getaddr_request)
{
	cr_expect_str_eq(nl(0, "18000000160001032a000000000000000000000000000000", SIZE_MAX, 0),
			 "[{nlmsg_len=24, nlmsg_type=RTM_GETADDR, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq="
			 "42, nlmsg_pid=0}, {ifa_family=AF_UNSPEC, ifa_prefixlen=0, ifa_flags=0, "
			 "ifa_scope=RT_SCOP"
			 "E_UNIVERSE, ifa_index=0}]");
}

Test(unit_format_netlink, newaddr_dump)
{
	cr_expect_str_eq(nl(0,
			    "4c000000140002002a000000652a0000020880fe01000000080001007f000001080002"
			    "007f00000107000300"
			    "6c6f0000080008008000000014000600ffffffffffffffff1600000016000000580000"
			    "00140002002a000000"
			    "652a0000021880000400000008000100c000020208000200c000020208000400c00002"
			    "ff0900030065746830"
			    "00000000080008008000000014000600ffffffffffffffff1600000016000000500000"
			    "00140002002a000000"
			    "652a00000a8080fe010000001400010000000000000000000000000000000001140006"
			    "00ffffffffffffffff"
			    "1600000016000000080008008000000005000b000100000048000000140002002a0000"
			    "00652a00000a408200"
			    "0400000014000100fd00000000000000000000000000000214000600ffffffffffffff"
			    "ff1600000016000000"
			    "080008008200000050000000140002002a000000652a00000a4080fd04000000140001"
			    "00fe80000000000000"
			    "00fc00fffe00000114000600ffffffffffffffff160000001600000008000800800000"
			    "0005000b0003000000",
			    SIZE_MAX, 0),
			 "[[{nlmsg_len=76, nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_pi"
			 "d=10853}, {ifa_family=AF_INET, ifa_prefixlen=8, "
			 "ifa_flags=IFA_F_PERMANENT, ifa_scope=RT_"
			 "SCOPE_HOST, ifa_index=if_nametoindex(\"lo\")}, [[{nla_len=8, "
			 "nla_type=IFA_ADDRESS}, inet"
			 "_addr(\"127.0.0.1\")], [{nla_len=8, nla_type=IFA_LOCAL}, "
			 "inet_addr(\"127.0.0.1\")], [{nl"
			 "a_len=7, nla_type=IFA_LABEL}, \"lo\"], [{nla_len=8, nla_type=IFA_FLAGS}, "
			 "IFA_F_PERMANENT"
			 "], [{nla_len=20, nla_type=IFA_CACHEINFO}, {ifa_prefered=4294967295, "
			 "ifa_valid=4294967295"
			 ", cstamp=22, tstamp=22}]]], [{nlmsg_len=88, nlmsg_type=RTM_NEWADDR, "
			 "nlmsg_flags=NLM_F_MU"
			 "LTI, nlmsg_seq=42, nlmsg_pid=10853}, {ifa_family=AF_INET, "
			 "ifa_prefixlen=24, ifa_flags=IF"
			 "A_F_PERMANENT, ifa_scope=RT_SCOPE_UNIVERSE, "
			 "ifa_index=if_nametoindex(\"eth0\")}, [[{nla_"
			 "len=8, nla_type=IFA_ADDRESS}, inet_addr(\"192.0.2.2\")], [{nla_len=8, "
			 "nla_type=IFA_LOCAL"
			 "}, inet_addr(\"192.0.2.2\")], [{nla_len=8, nla_type=IFA_BROADCAST}, "
			 "inet_addr(\"192.0.2."
			 "255\")], [{nla_len=9, nla_type=IFA_LABEL}, \"eth0\"], [{nla_len=8, "
			 "nla_type=IFA_FLAGS}, "
			 "IFA_F_PERMANENT], [{nla_len=20, nla_type=IFA_CACHEINFO}, "
			 "{ifa_prefered=4294967295, ifa_v"
			 "alid=4294967295, cstamp=22, tstamp=22}]]], [{nlmsg_len=80, "
			 "nlmsg_type=RTM_NEWADDR, nlmsg"
			 "_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=10853}, "
			 "{ifa_family=AF_INET6, ifa_prefixlen="
			 "128, ifa_flags=IFA_F_PERMANENT, ifa_scope=RT_SCOPE_HOST, "
			 "ifa_index=if_nametoindex(\"lo\""
			 ")}, [[{nla_len=20, nla_type=IFA_ADDRESS}, inet_pton(AF_INET6, \"::1\")], "
			 "[{nla_len=20, n"
			 "la_type=IFA_CACHEINFO}, {ifa_prefered=4294967295, ifa_valid=4294967295, "
			 "cstamp=22, tstam"
			 "p=22}], [{nla_len=8, nla_type=IFA_FLAGS}, IFA_F_PERMANENT], [{nla_len=5, "
			 "nla_type=IFA_PR"
			 "OTO}, \"\\x01\"]]], [{nlmsg_len=72, nlmsg_type=RTM_NEWADDR, "
			 "nlmsg_flags=NLM_F_MULTI, nlm"
			 "sg_seq=42, nlmsg_pid=10853}, {ifa_family=AF_INET6, ifa_prefixlen=64, "
			 "ifa_flags=IFA_F_NOD"
			 "AD|IFA_F_PERMANENT, ifa_scope=RT_SCOPE_UNIVERSE, "
			 "ifa_index=if_nametoindex(\"eth0\")}, [["
			 "{nla_len=20, nla_type=IFA_ADDRESS}, inet_pton(AF_INET6, \"fd00::2\")], "
			 "[{nla_len=20, nla"
			 "_type=IFA_CACHEINFO}, {ifa_prefered=4294967295, ifa_valid=4294967295, "
			 "cstamp=22, tstamp="
			 "22}], [{nla_len=8, nla_type=IFA_FLAGS}, IFA_F_NODAD|IFA_F_PERMANENT]]], "
			 "[{nlmsg_len=80, "
			 "nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=10853}, {ifa_fa"
			 "mily=AF_INET6, ifa_prefixlen=64, ifa_flags=IFA_F_PERMANENT, "
			 "ifa_scope=RT_SCOPE_LINK, ifa"
			 "_index=if_nametoindex(\"eth0\")}, [[{nla_len=20, nla_type=IFA_ADDRESS}, "
			 "inet_pton(AF_INE"
			 "T6, \"fe80::fc:ff:fe00:1\")], [{nla_len=20, nla_type=IFA_CACHEINFO}, "
			 "{ifa_prefered=42949"
			 "67295, ifa_valid=4294967295, cstamp=22, tstamp=22}], [{nla_len=8, "
			 "nla_type=IFA_FLAGS}, I"
			 "FA_F_PERMANENT], [{nla_len=5, nla_type=IFA_PROTO}, \"\\x03\"]]]]");
}

Test(unit_format_netlink, done)
{
	cr_expect_str_eq(nl(0, "14000000030002002a000000652a000000000000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_pid="
			 "10853}, 0]");
}

Test(unit_format_netlink, getaddr_rtgenmsg_only)
{
	cr_expect_str_eq(nl(0, "14000000160001032a0000000000000000000000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=RTM_GETADDR, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq="
			 "42, nlmsg_pid=0}, {ifa_family=AF_UNSPEC, ...}]");
}

Test(unit_format_netlink, getroute_request)
{
	cr_expect_str_eq(
	    nl(0, "1c0000001a0001032a0000000000000002000000fe00000000000000", SIZE_MAX, 0),
	    "[{nlmsg_len=28, nlmsg_type=RTM_GETROUTE, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nlmsg_seq"
	    "=42, nlmsg_pid=0}, {rtm_family=AF_INET, rtm_dst_len=0, rtm_src_len=0, rtm_tos=0, "
	    "rtm_tab"
	    "le=RT_TABLE_MAIN, rtm_protocol=RTPROT_UNSPEC, rtm_scope=RT_SCOPE_UNIVERSE, "
	    "rtm_type=RTN_"
	    "UNSPEC, rtm_flags=0}]");
}

Test(unit_format_netlink, newroute_dump)
{
	cr_expect_str_eq(
	    nl(0,
	       "34000000180002002a000000652a000002000000fe0300010000000008000f00fe00000008000500c00"
	       "00201"
	       "08000400040000003c000000180002002a000000652a000002180000fe02fd010000000008000f00fe0"
	       "00000"
	       "08000100c000020008000700c000020208000400040000003c000000180002002a000000652a0000020"
	       "80000"
	       "ff02fe020000000008000f00ff000000080001007f000000080007007f00000108000400010000003c0"
	       "00000"
	       "180002002a000000652a000002200000ff02fe020000000008000f00ff000000080001007f000001080"
	       "00700"
	       "7f00000108000400010000003c000000180002002a000000652a000002200000ff02fd0300000000080"
	       "00f00"
	       "ff000000080001007fffffff080007007f00000108000400010000003c000000180002002a000000652"
	       "a0000"
	       "02200000ff02fe020000000008000f00ff00000008000100c000020208000700c000020208000400040"
	       "00000"
	       "3c000000180002002a000000652a000002200000ff02fd030000000008000f00ff00000008000100c00"
	       "002ff"
	       "08000700c00002020800040004000000",
	       SIZE_MAX, 0),
	    "[[{nlmsg_len=52, nlmsg_type=RTM_NEWROUTE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
	    "nlmsg_p"
	    "id=10853}, {rtm_family=AF_INET, rtm_dst_len=0, rtm_src_len=0, rtm_tos=0, "
	    "rtm_table=RT_TA"
	    "BLE_MAIN, rtm_protocol=RTPROT_BOOT, rtm_scope=RT_SCOPE_UNIVERSE, "
	    "rtm_type=RTN_UNICAST, r"
	    "tm_flags=0}, [[{nla_len=8, nla_type=RTA_TABLE}, RT_TABLE_MAIN], [{nla_len=8, "
	    "nla_type=RT"
	    "A_GATEWAY}, inet_addr(\"192.0.2.1\")], [{nla_len=8, nla_type=RTA_OIF}, "
	    "if_nametoindex(\""
	    "eth0\")]]], [{nlmsg_len=60, nlmsg_type=RTM_NEWROUTE, nlmsg_flags=NLM_F_MULTI, "
	    "nlmsg_seq="
	    "42, nlmsg_pid=10853}, {rtm_family=AF_INET, rtm_dst_len=24, rtm_src_len=0, rtm_tos=0, "
	    "rtm"
	    "_table=RT_TABLE_MAIN, rtm_protocol=RTPROT_KERNEL, rtm_scope=RT_SCOPE_LINK, "
	    "rtm_type=RTN_"
	    "UNICAST, rtm_flags=0}, [[{nla_len=8, nla_type=RTA_TABLE}, RT_TABLE_MAIN], "
	    "[{nla_len=8, n"
	    "la_type=RTA_DST}, inet_addr(\"192.0.2.0\")], [{nla_len=8, nla_type=RTA_PREFSRC}, "
	    "inet_ad"
	    "dr(\"192.0.2.2\")], [{nla_len=8, nla_type=RTA_OIF}, if_nametoindex(\"eth0\")]]], "
	    "[{nlmsg"
	    "_len=60, nlmsg_type=RTM_NEWROUTE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
	    "nlmsg_pid=10853"
	    "}, {rtm_family=AF_INET, rtm_dst_len=8, rtm_src_len=0, rtm_tos=0, "
	    "rtm_table=RT_TABLE_LOCA"
	    "L, rtm_protocol=RTPROT_KERNEL, rtm_scope=RT_SCOPE_HOST, rtm_type=RTN_LOCAL, "
	    "rtm_flags=0}"
	    ", [[{nla_len=8, nla_type=RTA_TABLE}, RT_TABLE_LOCAL], [{nla_len=8, nla_type=RTA_DST}, "
	    "in"
	    "et_addr(\"127.0.0.0\")], [{nla_len=8, nla_type=RTA_PREFSRC}, "
	    "inet_addr(\"127.0.0.1\")], "
	    "[{nla_len=8, nla_type=RTA_OIF}, if_nametoindex(\"lo\")]]], [{nlmsg_len=60, "
	    "nlmsg_type=RT"
	    "M_NEWROUTE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=10853}, "
	    "{rtm_family=AF_INET"
	    ", rtm_dst_len=32, rtm_src_len=0, rtm_tos=0, rtm_table=RT_TABLE_LOCAL, "
	    "rtm_protocol=RTPRO"
	    "T_KERNEL, rtm_scope=RT_SCOPE_HOST, rtm_type=RTN_LOCAL, rtm_flags=0}, [[{nla_len=8, "
	    "nla_t"
	    "ype=RTA_TABLE}, RT_TABLE_LOCAL], [{nla_len=8, nla_type=RTA_DST}, "
	    "inet_addr(\"127.0.0.1\""
	    ")], [{nla_len=8, nla_type=RTA_PREFSRC}, inet_addr(\"127.0.0.1\")], [{nla_len=8, "
	    "nla_type"
	    "=RTA_OIF}, if_nametoindex(\"lo\")]]], [{nlmsg_len=60, nlmsg_type=RTM_NEWROUTE, "
	    "nlmsg_fla"
	    "gs=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=10853}, {rtm_family=AF_INET, rtm_dst_len=32, "
	    "rtm"
	    "_src_len=0, rtm_tos=0, rtm_table=RT_TABLE_LOCAL, rtm_protocol=RTPROT_KERNEL, "
	    "rtm_scope=R"
	    "T_SCOPE_LINK, rtm_type=RTN_BROADCAST, rtm_flags=0}, [[{nla_len=8, "
	    "nla_type=RTA_TABLE}, R"
	    "T_TABLE_LOCAL], [{nla_len=8, nla_type=RTA_DST}, inet_addr(\"127.255.255.255\")], "
	    "[{nla_l"
	    "en=8, nla_type=RTA_PREFSRC}, inet_addr(\"127.0.0.1\")], [{nla_len=8, "
	    "nla_type=RTA_OIF}, "
	    "if_nametoindex(\"lo\")]]], [{nlmsg_len=60, nlmsg_type=RTM_NEWROUTE, "
	    "nlmsg_flags=NLM_F_MU"
	    "LTI, nlmsg_seq=42, nlmsg_pid=10853}, {rtm_family=AF_INET, rtm_dst_len=32, "
	    "rtm_src_len=0,"
	    " rtm_tos=0, rtm_table=RT_TABLE_LOCAL, rtm_protocol=RTPROT_KERNEL, "
	    "rtm_scope=RT_SCOPE_HOS"
	    "T, rtm_type=RTN_LOCAL, rtm_flags=0}, [[{nla_len=8, nla_type=RTA_TABLE}, "
	    "RT_TABLE_LOCAL],"
	    " [{nla_len=8, nla_type=RTA_DST}, inet_addr(\"192.0.2.2\")], [{nla_len=8, "
	    "nla_type=RTA_PR"
	    "EFSRC}, inet_addr(\"192.0.2.2\")], [{nla_len=8, nla_type=RTA_OIF}, "
	    "if_nametoindex(\"eth0"
	    "\")]]], [{nlmsg_len=60, nlmsg_type=RTM_NEWROUTE, nlmsg_flags=NLM_F_MULTI, "
	    "nlmsg_seq=42, "
	    "nlmsg_pid=10853}, {rtm_family=AF_INET, rtm_dst_len=32, rtm_src_len=0, rtm_tos=0, "
	    "rtm_tab"
	    "le=RT_TABLE_LOCAL, rtm_protocol=RTPROT_KERNEL, rtm_scope=RT_SCOPE_LINK, "
	    "rtm_type=RTN_BRO"
	    "ADCAST, rtm_flags=0}, [[{nla_len=8, nla_type=RTA_TABLE}, RT_TABLE_LOCAL], "
	    "[{nla_len=8, n"
	    "la_type=RTA_DST}, inet_addr(\"192.0.2.255\")], [{nla_len=8, nla_type=RTA_PREFSRC}, "
	    "inet_"
	    "addr(\"192.0.2.2\")], [{nla_len=8, nla_type=RTA_OIF}, if_nametoindex(\"eth0\")]]]]");
}

Test(unit_format_netlink, getneigh_request)
{
	cr_expect_str_eq(
	    nl(0, "1c0000001e0001032a00000000000000000000000000000000000000", SIZE_MAX, 0),
	    "[{nlmsg_len=28, nlmsg_type=RTM_GETNEIGH, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nlmsg_seq"
	    "=42, nlmsg_pid=0}, {ndm_family=AF_UNSPEC, ndm_ifindex=0, ndm_state=NUD_NONE, "
	    "ndm_flags=0"
	    ", ndm_type=RTN_UNSPEC}]");
}

Test(unit_format_netlink, error_with_request)
{
	cr_expect_str_eq(nl(0,
			    "34000000020000002a000000652a0000edffffff20000000120005002a000000000000"
			    "00000000000f270000"
			    "0000000000000000",
			    SIZE_MAX, 0),
			 "[{nlmsg_len=52, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=42, "
			 "nlmsg_pid=10853}, {"
			 "error=-ENODEV, msg=[{nlmsg_len=32, nlmsg_type=RTM_GETLINK, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM"
			 "_F_ACK, nlmsg_seq=42, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, "
			 "ifi_type=ARPHRD_NETROM, ifi_i"
			 "ndex=9999, ifi_flags=0, ifi_change=0}]}]");
}

Test(unit_format_netlink, inet_diag_request)
{
	cr_expect_str_eq(
	    nl(4,
	       "48000000140001032a0000000000000002060000ff0f000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000000000000000000000000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=72, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nl"
	    "msg_seq=42, nlmsg_pid=0}, {sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, "
	    "idiag_ext=0"
	    ", "
	    "idiag_states=1<<TCP_ESTABLISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|1<<TC"
	    "P_FIN_WAIT2|1<<TCP_TIME_WAIT|1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_"
	    "LISTE"
	    "N|1<<TCP_CLOSING|0x1, id={idiag_sport=htons(0), idiag_dport=htons(0), "
	    "idiag_src=inet_add"
	    "r(\"0.0.0.0\"), idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, idiag_cookie=[0, 0]}}]");
}

Test(unit_format_netlink, inet_diag_dump)
{
	cr_expect_str_eq(
	    nl(4,
	       "7c000000140002002a000000652a0000020a000007e8000000000000000000000000000000000000000"
	       "00000"
	       "000000000000000000000000000000001700000000000000000000000000000080000000000000008c0"
	       "20000"
	       "050008000000000008000f00000000000c00150001000000000000000600160052000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=124, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, "
	    "nlmsg_seq=42, "
	    "nlmsg_pid=10853}, {idiag_family=AF_INET, idiag_state=TCP_LISTEN, idiag_timer=0, "
	    "idiag_re"
	    "trans=0, id={idiag_sport=htons(2024), idiag_dport=htons(0), "
	    "idiag_src=inet_addr(\"0.0.0."
	    "0\"), idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, idiag_cookie=[23, 0]}, "
	    "idiag_expires"
	    "=0, idiag_rqueue=0, idiag_wqueue=128, idiag_uid=0, idiag_inode=652}, [[{nla_len=5, "
	    "nla_t"
	    "ype=INET_DIAG_SHUTDOWN}, 0], [{nla_len=8, nla_type=INET_DIAG_MARK}, 0], [{nla_len=12, "
	    "nl"
	    "a_type=INET_DIAG_CGROUP_ID}, 1], [{nla_len=6, nla_type=INET_DIAG_SOCKOPT}, "
	    "{is_icsk=1, m"
	    "c_loop=1, mc_all=1}]]]");
}

Test(unit_format_netlink, unix_diag_request)
{
	cr_expect_str_eq(
	    nl(4,
	       "28000000140001032a0000000000000001000000ffffffff000000007f0000000000000000000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=40, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nl"
	    "msg_seq=42, nlmsg_pid=0}, {sdiag_family=AF_UNIX, sdiag_protocol=0, "
	    "udiag_states=1<<TCP_E"
	    "STABLISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|1<<TCP_FIN_WAIT2|1<<TCP_"
	    "TIME"
	    "_WAIT|1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_LISTEN|1<<TCP_CLOSING|1<<"
	    "TCP"
	    "_NEW_SYN_RECV|0xffffe001, udiag_ino=0, "
	    "udiag_show=UDIAG_SHOW_NAME|UDIAG_SHOW_VFS|UDIAG_S"
	    "HOW_PEER|UDIAG_SHOW_ICONS|UDIAG_SHOW_RQLEN|UDIAG_SHOW_MEMINFO|UDIAG_SHOW_UID, "
	    "udiag_cook"
	    "ie=[0, 0]}]");
}

Test(unit_format_netlink, unix_diag_dump)
{
	cr_expect_str_eq(
	    nl(4,
	       "6c000000140002002a000000652a000001010100880200001b0000000000000008000200890200000c0"
	       "00400"
	       "00000000000000002800050000000000004003000000000000400300000000000000000000000000000"
	       "00000"
	       "0000000005000600000000000800070000000000a0000000140002002a000000652a000001010a001f5"
	       "80000"
	       "1c000000000000002c0000002f746d702f72656e616365722d696e7465672d764964436a482f72656e6"
	       "16365"
	       "72642e736f636b000c0001000d22a7000000e00f040003000c000400000000008000000028000500000"
	       "00000"
	       "00400300000000000040030000000000000000000000000000000000000000000500060000000000080"
	       "00700"
	       "000000006c000000140002002a000000652a000001010100890200001d0000000000000008000200880"
	       "20000"
	       "0c000400000000000000000028000500000000000040030000000000004003000000000000000000000"
	       "00000"
	       "00000000000000000500060000000000080007000000000094000000140002002a000000652a0000010"
	       "10a00"
	       "da5400001f000000000000001d0000002f746d702f637269746572696f6e5f393532312e736f636b000"
	       "00000"
	       "0c0001007c21a7000000e00f040003000c000400000000000a000000280005000000000000400300000"
	       "00000"
	       "004003000000000000000000000000000000000000000000050006000000000008000700000000006c0"
	       "00000"
	       "140002002a000000652a000001010100dc540000210000000000000008000200ae4600000c000400000"
	       "00000"
	       "00000000280005000000000000000400000000000000040000000000000000000000000000000000000"
	       "00000"
	       "0500060000000000080007000000000098000000140002002a000000652a000001010100ae460000220"
	       "00000"
	       "000000001d0000002f746d702f637269746572696f6e5f393532312e736f636b000000000c0001007c2"
	       "1a700"
	       "0000e00f08000200dc5400000c000400000000000000000028000500000000000000040000000000000"
	       "00400"
	       "000000000000000000000000000000000000000005000600000000000800070000000000",
	       SIZE_MAX, 0),
	    "[[{nlmsg_len=108, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, "
	    "nlmsg_seq=42,"
	    " nlmsg_pid=10853}, {udiag_family=AF_UNIX, udiag_type=SOCK_STREAM, "
	    "udiag_state=TCP_ESTABL"
	    "ISHED, udiag_ino=648, udiag_cookie=[27, 0]}, [[{nla_len=8, nla_type=UNIX_DIAG_PEER}, "
	    "649"
	    "], [{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, {udiag_rqueue=0, udiag_wqueue=0}], "
	    "[{nla_len"
	    "=40, nla_type=UNIX_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, "
	    "[SK_MEMINFO_RCVBUF]=212992"
	    ", [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, [SK_MEMINFO_FWD_ALLOC]=0, "
	    "[SK_M"
	    "EMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, [SK_MEMINFO_BACKLOG]=0, "
	    "[SK_MEMINFO_DROPS]"
	    "=0]], [{nla_len=5, nla_type=UNIX_DIAG_SHUTDOWN}, 0], [{nla_len=8, "
	    "nla_type=UNIX_DIAG_UID"
	    "}, 0]]], [{nlmsg_len=160, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, "
	    "nlmsg"
	    "_seq=42, nlmsg_pid=10853}, {udiag_family=AF_UNIX, udiag_type=SOCK_STREAM, "
	    "udiag_state=TC"
	    "P_LISTEN, udiag_ino=22559, udiag_cookie=[28, 0]}, [[{nla_len=44, "
	    "nla_type=UNIX_DIAG_NAME"
	    "}, \"/tmp/renacer-integ-vIdCjH/renace\"...], [{nla_len=12, nla_type=UNIX_DIAG_VFS}, "
	    "{udi"
	    "ag_vfs_dev=makedev(0, 0xfe00), udiag_vfs_ino=10953229}], {nla_len=4, "
	    "nla_type=UNIX_DIAG_"
	    "ICONS}, [{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, {udiag_rqueue=0, udiag_wqueue=128}], "
	    "[{"
	    "nla_len=40, nla_type=UNIX_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, "
	    "[SK_MEMINFO_RCVBUF]"
	    "=212992, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, "
	    "[SK_MEMINFO_FWD_ALLOC]=0"
	    ", [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, [SK_MEMINFO_BACKLOG]=0, "
	    "[SK_MEMINFO"
	    "_DROPS]=0]], [{nla_len=5, nla_type=UNIX_DIAG_SHUTDOWN}, 0], [{nla_len=8, "
	    "nla_type=UNIX_D"
	    "IAG_UID}, 0]]], [{nlmsg_len=108, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
	    "nlmsg_flags=NLM_F_MULTI"
	    ", nlmsg_seq=42, nlmsg_pid=10853}, {udiag_family=AF_UNIX, udiag_type=SOCK_STREAM, "
	    "udiag_s"
	    "tate=TCP_ESTABLISHED, udiag_ino=649, udiag_cookie=[29, 0]}, [[{nla_len=8, "
	    "nla_type=UNIX_"
	    "DIAG_PEER}, 648], [{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, {udiag_rqueue=0, "
	    "udiag_wqueue"
	    "=0}], [{nla_len=40, nla_type=UNIX_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, "
	    "[SK_MEMINFO"
	    "_RCVBUF]=212992, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, "
	    "[SK_MEMINFO_FWD_"
	    "ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, [SK_MEMINFO_BACKLOG]=0, "
	    "[SK"
	    "_MEMINFO_DROPS]=0]], [{nla_len=5, nla_type=UNIX_DIAG_SHUTDOWN}, 0], [{nla_len=8, "
	    "nla_typ"
	    "e=UNIX_DIAG_UID}, 0]]], [{nlmsg_len=148, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
	    "nlmsg_flags=NLM"
	    "_F_MULTI, nlmsg_seq=42, nlmsg_pid=10853}, {udiag_family=AF_UNIX, "
	    "udiag_type=SOCK_STREAM,"
	    " udiag_state=TCP_LISTEN, udiag_ino=21722, udiag_cookie=[31, 0]}, [[{nla_len=29, "
	    "nla_type"
	    "=UNIX_DIAG_NAME}, \"/tmp/criterion_9521.sock\"], [{nla_len=12, "
	    "nla_type=UNIX_DIAG_VFS}, "
	    "{udiag_vfs_dev=makedev(0, 0xfe00), udiag_vfs_ino=10953084}], {nla_len=4, "
	    "nla_type=UNIX_D"
	    "IAG_ICONS}, [{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, {udiag_rqueue=0, "
	    "udiag_wqueue=10}],"
	    " [{nla_len=40, nla_type=UNIX_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, "
	    "[SK_MEMINFO_RCVB"
	    "UF]=212992, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, "
	    "[SK_MEMINFO_FWD_ALLOC"
	    "]=0, [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, [SK_MEMINFO_BACKLOG]=0, "
	    "[SK_MEMI"
	    "NFO_DROPS]=0]], [{nla_len=5, nla_type=UNIX_DIAG_SHUTDOWN}, 0], [{nla_len=8, "
	    "nla_type=UNI"
	    "X_DIAG_UID}, 0]]], [{nlmsg_len=108, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
	    "nlmsg_flags=NLM_F_MU"
	    "LTI, nlmsg_seq=42, nlmsg_pid=10853}, {udiag_family=AF_UNIX, udiag_type=SOCK_STREAM, "
	    "udia"
	    "g_state=TCP_ESTABLISHED, udiag_ino=21724, udiag_cookie=[33, 0]}, [[{nla_len=8, "
	    "nla_type="
	    "UNIX_DIAG_PEER}, 18094], [{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, {udiag_rqueue=0, "
	    "udiag"
	    "_wqueue=0}], [{nla_len=40, nla_type=UNIX_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, "
	    "[SK_"
	    "MEMINFO_RCVBUF]=262144, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=262144, "
	    "[SK_MEMIN"
	    "FO_FWD_ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, "
	    "[SK_MEMINFO_BACKLOG]"
	    "=0, [SK_MEMINFO_DROPS]=0]], [{nla_len=5, nla_type=UNIX_DIAG_SHUTDOWN}, 0], "
	    "[{nla_len=8, "
	    "nla_type=UNIX_DIAG_UID}, 0]]], [{nlmsg_len=152, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
	    "nlmsg_fl"
	    "ags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=10853}, {udiag_family=AF_UNIX, "
	    "udiag_type=SOCK_"
	    "STREAM, udiag_state=TCP_ESTABLISHED, udiag_ino=18094, udiag_cookie=[34, 0]}, "
	    "[[{nla_len="
	    "29, nla_type=UNIX_DIAG_NAME}, \"/tmp/criterion_9521.sock\"], [{nla_len=12, "
	    "nla_type=UNIX"
	    "_DIAG_VFS}, {udiag_vfs_dev=makedev(0, 0xfe00), udiag_vfs_ino=10953084}], [{nla_len=8, "
	    "nl"
	    "a_type=UNIX_DIAG_PEER}, 21724], [{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, "
	    "{udiag_rqueue=0"
	    ", udiag_wqueue=0}], [{nla_len=40, nla_type=UNIX_DIAG_MEMINFO}, "
	    "[[SK_MEMINFO_RMEM_ALLOC]="
	    "0, [SK_MEMINFO_RCVBUF]=262144, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=262144, "
	    "[S"
	    "K_MEMINFO_FWD_ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, "
	    "[SK_MEMINFO_B"
	    "ACKLOG]=0, [SK_MEMINFO_DROPS]=0]], [{nla_len=5, nla_type=UNIX_DIAG_SHUTDOWN}, 0], "
	    "[{nla_"
	    "len=8, nla_type=UNIX_DIAG_UID}, 0]]]]");
}

Test(unit_format_netlink, newlink_dump_under_s_8)
{
	cr_expect_str_eq(nl(0,
			    "bc050000100002002a000000652a000000000403010000004900010000000000070003"
			    "006c6f000008000d00"
			    "e803000005001000000000000500110000000000050043000100000008000400000001"
			    "000800320000000000"
			    "080033000000000008001b000000000008001e000000000008003d000000000008001f"
			    "000100000008002800"
			    "ffff0000080029000000010008003a000000010008003f000000010008004000000001"
			    "0008003b00f8ff0700"
			    "08003c00ffff0000080042000000000008002000010000000500210001000000080023"
			    "000000000008002f00"
			    "0000000008003000000000000600440000000000060045000000000005002700000000"
			    "000a00010000000000"
			    "000000000a0002000000000000000000cc001700be07000000000000be070000000000"
			    "00d1b3480000000000"
			    "d1b3480000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "64000700be070000be070000d1b34800d1b34800000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000c002b0005000200000000000c0006006e6f7175657565"
			    "0030031a008c000200"
			    "8800010000000000000000000000000001000000010000000100000001000000000000"
			    "000100000000000000"
			    "0000000000000000000000000000000001000000010000000000000000000000000000"
			    "000000000000000000"
			    "000000000000000000000000000000000000000010270000e803000000000000000000"
			    "000000000000000000"
			    "01000000a0020a00080001000000008014000500ffff0000160000005c9b0000e80300"
			    "00f400020000000000"
			    "400000000000010001000000010000000100000001000000ffffffffa00f0000e80300"
			    "00ffffffff803a0900"
			    "805101000300000058020000100000000000000001000000010000000100000060ea00"
			    "000000000000000000"
			    "00000000000000000000000000000000ffffffff000000000000000010270000e80300"
			    "000100000000000000"
			    "0000000001000000000000000000000001000000000000000000000000000000000000"
			    "0080ee360000000000"
			    "0000000001000000000000000000000000000000000000000000000000040000000000"
			    "00ffff0000ffffffff"
			    "010000000000000000000000000000003401030026000000000000008b000000000000"
			    "00c028000000000000"
			    "8a000000000000008b0000000000000000000000000000000000000000000000000000"
			    "00000000008a000000"
			    "000000008a000000000000004028000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "000000000000000000000000000000003c000600070000000000000000000000000000"
			    "000100000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000140007"
			    "000000000000000000"
			    "0000000000000000050008000000000024000e00000000000000000000000000000000"
			    "000000000000000000"
			    "000000000000000004003e8004004180cc050000100002002a000000652a0000000001"
			    "000200000082000000"
			    "0000000009000300696662300000000008000d00200000000500100002000000050011"
			    "000000000005004300"
			    "0000000008000400dc0500000800320000000000080033000000000008001b00000000"
			    "0008001e0000000000"
			    "08003d000000000008001f000100000008002800ffff0000080029000000010008003a"
			    "000000010008003f00"
			    "00000100080040000000010008003b00f8ff070008003c00ffff000008004200000000"
			    "000800200001000000"
			    "0500210001000000080023000000000008002f00000000000800300000000000060044"
			    "000000000006004500"
			    "0000000005002700000000000a000100b20632fc449a00000a000200ffffffffffff00"
			    "00cc00170000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000640007000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "00000000000000000000000000000000000000000000000000000000000000000c002b"
			    "000500020000000000"
			    "0c0012000800010069666200090006006e6f6f700000000030031a008c000200880001"
			    "000000000000000000"
			    "0000000001000000010000000100000001000000000000000100000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "000000000000000010270000e803000000000000000000000000000000000000010000"
			    "00a0020a0008000100"
			    "0000000014000500ffff00001200000074990000e8030000f400020000000000400000"
			    "00dc05000001000000"
			    "010000000100000001000000ffffffffa00f0000e803000000000000803a0900805101"
			    "000300000058020000"
			    "100000000000000001000000010000000100000060ea00000000000000000000000000"
			    "000000000000000000"
			    "00000000ffffffff000000000000000010270000e80300000100000000000000000000"
			    "000100000000000000"
			    "00000000010000000000000000000000000000000000000080ee360000000000000000"
			    "000100000000000000"
			    "000000000000000000000000000000000004000000000000ffff0000ffffffff010000"
			    "000000000000000000"
			    "0000000034010300260000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "000000003c000600070000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000140007000000000000000000000000"
			    "000000000005000800"
			    "0000000024000e00000000000000000000000000000000000000000000000000000000"
			    "000000000004003e80"
			    "04004180",
			    SIZE_MAX, 8),
			 "[[{nlmsg_len=1468, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_"
			 "pid=10853}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_LOOPBACK, "
			 "ifi_index=if_nametoindex(\""
			 "lo\"), ifi_flags=IFF_UP|IFF_LOOPBACK|IFF_RUNNING|IFF_LOWER_UP, "
			 "ifi_change=0}, [[{nla_len"
			 "=7, nla_type=IFLA_IFNAME}, \"lo\"], [{nla_len=8, nla_type=IFLA_TXQLEN}, "
			 "1000], [{nla_len"
			 "=5, nla_type=IFLA_OPERSTATE}, 0], [{nla_len=5, nla_type=IFLA_LINKMODE}, "
			 "0], [{nla_len=5,"
			 " nla_type=0x43 /* IFLA_??? */}, \"\\x01\"], [{nla_len=8, "
			 "nla_type=IFLA_MTU}, 65536], [{n"
			 "la_len=8, nla_type=IFLA_MIN_MTU}, 0], [{nla_len=8, "
			 "nla_type=IFLA_MAX_MTU}, 0], ...]], [{"
			 "nlmsg_len=1484, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_pid"
			 "=10853}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, "
			 "ifi_index=if_nametoindex(\"ifb0\""
			 "), ifi_flags=IFF_BROADCAST|IFF_NOARP, ifi_change=0}, [[{nla_len=9, "
			 "nla_type=IFLA_IFNAME}"
			 ", \"ifb0\"], [{nla_len=8, nla_type=IFLA_TXQLEN}, 32], [{nla_len=5, "
			 "nla_type=IFLA_OPERSTA"
			 "TE}, 2], [{nla_len=5, nla_type=IFLA_LINKMODE}, 0], [{nla_len=5, "
			 "nla_type=0x43 /* IFLA_??"
			 "? */}, \"\\x00\"], [{nla_len=8, nla_type=IFLA_MTU}, 1500], [{nla_len=8, "
			 "nla_type=IFLA_MI"
			 "N_MTU}, 0], [{nla_len=8, nla_type=IFLA_MAX_MTU}, 0], ...]]]");
}

Test(unit_format_netlink, unbound_socket_header_and_hex)
{
	cr_expect_str_eq(
	    nl(-1, "20000000120001032a0000000000000000000000000000000000000000000000", SIZE_MAX, 0),
	    "[{nlmsg_len=32, nlmsg_type=0x12 /* NLMSG_??? */, nlmsg_flags=NLM_F_REQUEST|0x300, "
	    "nlmsg_"
	    "seq=42, nlmsg_pid=0}, "
	    "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x0"
	    "0\\x00\\x00\\x00\"]");
}

/* A capture cut inside the second message: the first whole, then `...` where bytes end. */
Test(unit_format_netlink, cut_capture_prints_what_it_read_then_dots)
{
	const char *two =
	    "14000000030002002a000000000000000000000014000000030002002a0000000000000000"
	    "000000";
	const char *s = nl(0, two, 24, 32);

	cr_expect_str_eq(s, "[[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, "
			    "nlmsg_seq=42, nlmsg_pid=0}, 0], ...]");
}

Test(unit_format_netlink, newrule_dump)
{
	cr_expect_str_eq(nl(0,
			    "34000000200002002a0000005676000002000000ff0000010000000008000f00ff0000"
			    "0008000e00ffffffff"
			    "05001500020000003c000000200002002a0000005676000002000000fe000001000000"
			    "0008000f00fe000000"
			    "08000e00ffffffff050015000200000008000600fe7f00003c000000200002002a0000"
			    "005676000002000000"
			    "fd0000010000000008000f00fd00000008000e00ffffffff0500150002000000080006"
			    "00ff7f000014000000"
			    "030002002a0000005676000000000000",
			    SIZE_MAX, 0),
			 "[[{nlmsg_len=52, nlmsg_type=RTM_NEWRULE, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_pi"
			 "d=30294}, {family=AF_INET, dst_len=0, src_len=0, tos=0, "
			 "table=RT_TABLE_LOCAL, action=FR_"
			 "ACT_TO_TBL, flags=0}, [[{nla_len=8, nla_type=FRA_TABLE}, "
			 "RT_TABLE_LOCAL], [{nla_len=8, n"
			 "la_type=FRA_SUPPRESS_PREFIXLEN}, 4294967295], [{nla_len=5, "
			 "nla_type=FRA_PROTOCOL}, RTPRO"
			 "T_KERNEL]]], [{nlmsg_len=60, nlmsg_type=RTM_NEWRULE, "
			 "nlmsg_flags=NLM_F_MULTI, nlmsg_seq="
			 "42, nlmsg_pid=30294}, {family=AF_INET, dst_len=0, src_len=0, tos=0, "
			 "table=RT_TABLE_MAIN,"
			 " action=FR_ACT_TO_TBL, flags=0}, [[{nla_len=8, nla_type=FRA_TABLE}, "
			 "RT_TABLE_MAIN], [{nl"
			 "a_len=8, nla_type=FRA_SUPPRESS_PREFIXLEN}, 4294967295], [{nla_len=5, "
			 "nla_type=FRA_PROTOC"
			 "OL}, RTPROT_KERNEL], [{nla_len=8, nla_type=FRA_PRIORITY}, 32766]]], "
			 "[{nlmsg_len=60, nlms"
			 "g_type=RTM_NEWRULE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {family=AF_"
			 "INET, dst_len=0, src_len=0, tos=0, table=RT_TABLE_DEFAULT, "
			 "action=FR_ACT_TO_TBL, flags=0"
			 "}, [[{nla_len=8, nla_type=FRA_TABLE}, RT_TABLE_DEFAULT], [{nla_len=8, "
			 "nla_type=FRA_SUPPR"
			 "ESS_PREFIXLEN}, 4294967295], [{nla_len=5, nla_type=FRA_PROTOCOL}, "
			 "RTPROT_KERNEL], [{nla_"
			 "len=8, nla_type=FRA_PRIORITY}, 32767]]], [{nlmsg_len=20, "
			 "nlmsg_type=NLMSG_DONE, nlmsg_fl"
			 "ags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, 0]]");
}

Test(unit_format_netlink, getnetconf_request)
{
	cr_expect_str_eq(nl(0, "14000000520001032a0000000000000000000000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=RTM_GETNETCONF, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_s"
			 "eq=42, nlmsg_pid=0}, {ncm_family=AF_UNSPEC}]");
}

Test(unit_format_netlink, newnetconf_dump)
{
	cr_expect_str_eq(nl(0,
			    "4c000000500002002a0000005676000002000000080001000100000008000200000000"
			    "000800030000000000"
			    "08000400000000000800080000000000080005000000000008000600000000004c0000"
			    "00500002002a000000"
			    "5676000002000000080001000200000008000200000000000800030000000000080004"
			    "000000000008000800"
			    "00000000080005000000000008000600000000004c000000500002002a000000567600"
			    "000200000008000100"
			    "0300000008000200000000000800030000000000080004000000000008000800000000"
			    "000800050000000000"
			    "08000600000000004c000000500002002a000000567600000200000008000100040000"
			    "000800020000000000"
			    "0800030000000000080004000000000008000800000000000800050000000000080006"
			    "00000000004c000000"
			    "500002002a000000567600000200000008000100ffffffff0800020000000000080003"
			    "000000000008000400"
			    "000000000800080000000000080005000000000008000600000000004c000000500002"
			    "002a00000056760000"
			    "0200000008000100feffffff0800020000000000080003000000000008000400000000"
			    "000800080000000000"
			    "080005000000000008000600000000003c000000500002002a000000567600000a0000"
			    "000800010001000000"
			    "08000200000000000800040000000000080005000000000008000600000000003c0000"
			    "00500002002a000000"
			    "567600000a000000080001000200000008000200000000000800040000000000080005"
			    "000000000008000600"
			    "000000003c000000500002002a000000567600000a0000000800010003000000080002"
			    "000000000008000400"
			    "00000000080005000000000008000600000000003c000000500002002a000000567600"
			    "000a00000008000100"
			    "0400000008000200000000000800040000000000080005000000000008000600000000"
			    "003c00000050000200"
			    "2a000000567600000a00000008000100ffffffff080002000000000008000400000000"
			    "000800050000000000"
			    "08000600000000003c000000500002002a000000567600000a00000008000100feffff"
			    "ff0800020000000000"
			    "080004000000000008000500000000000800060000000000",
			    SIZE_MAX, 0),
			 "[[{nlmsg_len=76, nlmsg_type=RTM_NEWNETCONF, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg"
			 "_pid=30294}, {ncm_family=AF_INET}, [[{nla_len=8, "
			 "nla_type=NETCONFA_IFINDEX}, if_nametoin"
			 "dex(\"lo\")], [{nla_len=8, nla_type=NETCONFA_FORWARDING}, 0], "
			 "[{nla_len=8, nla_type=NETCON"
			 "FA_RP_FILTER}, 0], [{nla_len=8, nla_type=NETCONFA_MC_FORWARDING}, 0], "
			 "[{nla_len=8, nla_t"
			 "ype=NETCONFA_BC_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_PROXY_NEIGH}, 0], [{nla_"
			 "len=8, nla_type=NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN}, 0]]], "
			 "[{nlmsg_len=76, nlmsg_type="
			 "RTM_NEWNETCONF, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, "
			 "{ncm_family=AF_"
			 "INET}, [[{nla_len=8, nla_type=NETCONFA_IFINDEX}, "
			 "if_nametoindex(\"ifb0\")], [{nla_len=8, n"
			 "la_type=NETCONFA_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_RP_FILTER}, 0], [{nla_l"
			 "en=8, nla_type=NETCONFA_MC_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_BC_FORWARDING"
			 "}, 0], [{nla_len=8, nla_type=NETCONFA_PROXY_NEIGH}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_I"
			 "GNORE_ROUTES_WITH_LINKDOWN}, 0]]], [{nlmsg_len=76, "
			 "nlmsg_type=RTM_NEWNETCONF, nlmsg_flag"
			 "s=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, {ncm_family=AF_INET}, "
			 "[[{nla_len=8, nla_t"
			 "ype=NETCONFA_IFINDEX}, if_nametoindex(\"ifb1\")], [{nla_len=8, "
			 "nla_type=NETCONFA_FORWARDIN"
			 "G}, 0], [{nla_len=8, nla_type=NETCONFA_RP_FILTER}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_MC"
			 "_FORWARDING}, 0], [{nla_len=8, nla_type=NETCONFA_BC_FORWARDING}, 0], "
			 "[{nla_len=8, nla_ty"
			 "pe=NETCONFA_PROXY_NEIGH}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN"
			 "}, 0]]], [{nlmsg_len=76, nlmsg_type=RTM_NEWNETCONF, "
			 "nlmsg_flags=NLM_F_MULTI, nlmsg_seq=4"
			 "2, nlmsg_pid=30294}, {ncm_family=AF_INET}, [[{nla_len=8, "
			 "nla_type=NETCONFA_IFINDEX}, if_"
			 "nametoindex(\"eth0\")], [{nla_len=8, nla_type=NETCONFA_FORWARDING}, 0], "
			 "[{nla_len=8, nla_t"
			 "ype=NETCONFA_RP_FILTER}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_MC_FORWARDING}, 0], [{nla_le"
			 "n=8, nla_type=NETCONFA_BC_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_PROXY_NEIGH}, "
			 "0], [{nla_len=8, nla_type=NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN}, 0]]], "
			 "[{nlmsg_len=76, n"
			 "lmsg_type=RTM_NEWNETCONF, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {ncm_"
			 "family=AF_INET}, [[{nla_len=8, nla_type=NETCONFA_IFINDEX}, 4294967295], "
			 "[{nla_len=8, nla"
			 "_type=NETCONFA_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_RP_FILTER}, 0], [{nla_len"
			 "=8, nla_type=NETCONFA_MC_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_BC_FORWARDING},"
			 " 0], [{nla_len=8, nla_type=NETCONFA_PROXY_NEIGH}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_IGN"
			 "ORE_ROUTES_WITH_LINKDOWN}, 0]]], [{nlmsg_len=76, "
			 "nlmsg_type=RTM_NEWNETCONF, nlmsg_flags="
			 "NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, {ncm_family=AF_INET}, "
			 "[[{nla_len=8, nla_typ"
			 "e=NETCONFA_IFINDEX}, 4294967294], [{nla_len=8, "
			 "nla_type=NETCONFA_FORWARDING}, 0], [{nla_"
			 "len=8, nla_type=NETCONFA_RP_FILTER}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_MC_FORWARDING}, "
			 "0], [{nla_len=8, nla_type=NETCONFA_BC_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_PR"
			 "OXY_NEIGH}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN}, 0]]], [{nlm"
			 "sg_len=60, nlmsg_type=RTM_NEWNETCONF, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_pid=3"
			 "0294}, {ncm_family=AF_INET6}, [[{nla_len=8, nla_type=NETCONFA_IFINDEX}, "
			 "if_nametoindex(\""
			 "lo\")], [{nla_len=8, nla_type=NETCONFA_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_MC"
			 "_FORWARDING}, 0], [{nla_len=8, nla_type=NETCONFA_PROXY_NEIGH}, 0], "
			 "[{nla_len=8, nla_type"
			 "=NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN}, 0]]], [{nlmsg_len=60, "
			 "nlmsg_type=RTM_NEWNETCONF,"
			 " nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, "
			 "{ncm_family=AF_INET6}, [[{nla_"
			 "len=8, nla_type=NETCONFA_IFINDEX}, if_nametoindex(\"ifb0\")], "
			 "[{nla_len=8, nla_type=NETCON"
			 "FA_FORWARDING}, 0], [{nla_len=8, nla_type=NETCONFA_MC_FORWARDING}, 0], "
			 "[{nla_len=8, nla_"
			 "type=NETCONFA_PROXY_NEIGH}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_IGNORE_ROUTES_WITH_LINKDO"
			 "WN}, 0]]], [{nlmsg_len=60, nlmsg_type=RTM_NEWNETCONF, "
			 "nlmsg_flags=NLM_F_MULTI, nlmsg_seq"
			 "=42, nlmsg_pid=30294}, {ncm_family=AF_INET6}, [[{nla_len=8, "
			 "nla_type=NETCONFA_IFINDEX}, "
			 "if_nametoindex(\"ifb1\")], [{nla_len=8, nla_type=NETCONFA_FORWARDING}, "
			 "0], [{nla_len=8, nl"
			 "a_type=NETCONFA_MC_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_PROXY_NEIGH}, 0], [{n"
			 "la_len=8, nla_type=NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN}, 0]]], "
			 "[{nlmsg_len=60, nlmsg_ty"
			 "pe=RTM_NEWNETCONF, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {ncm_family="
			 "AF_INET6}, [[{nla_len=8, nla_type=NETCONFA_IFINDEX}, "
			 "if_nametoindex(\"eth0\")], [{nla_len="
			 "8, nla_type=NETCONFA_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_MC_FORWARDING}, 0],"
			 " [{nla_len=8, nla_type=NETCONFA_PROXY_NEIGH}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_IGNORE_"
			 "ROUTES_WITH_LINKDOWN}, 0]]], [{nlmsg_len=60, nlmsg_type=RTM_NEWNETCONF, "
			 "nlmsg_flags=NLM_"
			 "F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, {ncm_family=AF_INET6}, "
			 "[[{nla_len=8, nla_type=N"
			 "ETCONFA_IFINDEX}, 4294967295], [{nla_len=8, "
			 "nla_type=NETCONFA_FORWARDING}, 0], [{nla_len"
			 "=8, nla_type=NETCONFA_MC_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_PROXY_NEIGH}, 0"
			 "], [{nla_len=8, nla_type=NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN}, 0]]], "
			 "[{nlmsg_len=60, nl"
			 "msg_type=RTM_NEWNETCONF, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {ncm_f"
			 "amily=AF_INET6}, [[{nla_len=8, nla_type=NETCONFA_IFINDEX}, 4294967294], "
			 "[{nla_len=8, nla"
			 "_type=NETCONFA_FORWARDING}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_MC_FORWARDING}, 0], [{nla"
			 "_len=8, nla_type=NETCONFA_PROXY_NEIGH}, 0], [{nla_len=8, "
			 "nla_type=NETCONFA_IGNORE_ROUTES"
			 "_WITH_LINKDOWN}, 0]]]]");
}

Test(unit_format_netlink, newaddrlabel_dump)
{
	cr_expect_str_eq(nl(0,
			    "38000000480002002a000000567600000a008000000000000a00000014000100000000"
			    "000000000000000000"
			    "00000001080002000000000038000000480002002a000000567600000a006000000000"
			    "000a00000014000100"
			    "00000000000000000000000000000000080002000300000038000000480002002a0000"
			    "00567600000a006000"
			    "000000000a0000001400010000000000000000000000ffff0000000008000200040000"
			    "003800000048000200"
			    "2a000000567600000a002000000000000a000000140001002001000000000000000000"
			    "000000000008000200"
			    "0600000038000000480002002a000000567600000a001c00000000000a000000140001"
			    "002001001000000000"
			    "0000000000000000080002000700000038000000480002002a000000567600000a0010"
			    "00000000000a000000"
			    "140001003ffe0000000000000000000000000000080002000c00000038000000480002"
			    "002a00000056760000"
			    "0a001000000000000a0000001400010020020000000000000000000000000000080002"
			    "000200000038000000"
			    "480002002a000000567600000a000a00000000000a00000014000100fec00000000000"
			    "000000000000000000"
			    "080002000b00000038000000480002002a000000567600000a000700000000000a0000"
			    "0014000100fc000000"
			    "000000000000000000000000080002000500000038000000480002002a000000567600"
			    "000a00000000000000"
			    "0a00000014000100000000000000000000000000000000000800020001000000140000"
			    "00030002002a000000"
			    "5676000000000000",
			    SIZE_MAX, 0),
			 "[[{nlmsg_len=56, nlmsg_type=RTM_NEWADDRLABEL, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlm"
			 "sg_pid=30294}, {ifal_family=AF_INET6, ifal_prefixlen=128, ifal_flags=0, "
			 "ifal_index=0, if"
			 "al_seq=10}, [[{nla_len=20, nla_type=IFAL_ADDRESS}, inet_pton(AF_INET6, "
			 "\"::1\")], [{nla_le"
			 "n=8, nla_type=IFAL_LABEL}, 0]]], [{nlmsg_len=56, "
			 "nlmsg_type=RTM_NEWADDRLABEL, nlmsg_flag"
			 "s=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, {ifal_family=AF_INET6, "
			 "ifal_prefixlen=96,"
			 " ifal_flags=0, ifal_index=0, ifal_seq=10}, [[{nla_len=20, "
			 "nla_type=IFAL_ADDRESS}, inet_p"
			 "ton(AF_INET6, \"::\")], [{nla_len=8, nla_type=IFAL_LABEL}, 3]]], "
			 "[{nlmsg_len=56, nlmsg_typ"
			 "e=RTM_NEWADDRLABEL, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {ifal_famil"
			 "y=AF_INET6, ifal_prefixlen=96, ifal_flags=0, ifal_index=0, ifal_seq=10}, "
			 "[[{nla_len=20, "
			 "nla_type=IFAL_ADDRESS}, inet_pton(AF_INET6, \"::ffff:0.0.0.0\")], "
			 "[{nla_len=8, nla_type=IF"
			 "AL_LABEL}, 4]]], [{nlmsg_len=56, nlmsg_type=RTM_NEWADDRLABEL, "
			 "nlmsg_flags=NLM_F_MULTI, n"
			 "lmsg_seq=42, nlmsg_pid=30294}, {ifal_family=AF_INET6, ifal_prefixlen=32, "
			 "ifal_flags=0, i"
			 "fal_index=0, ifal_seq=10}, [[{nla_len=20, nla_type=IFAL_ADDRESS}, "
			 "inet_pton(AF_INET6, \"2"
			 "001::\")], [{nla_len=8, nla_type=IFAL_LABEL}, 6]]], [{nlmsg_len=56, "
			 "nlmsg_type=RTM_NEWADD"
			 "RLABEL, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, "
			 "{ifal_family=AF_INET6, "
			 "ifal_prefixlen=28, ifal_flags=0, ifal_index=0, ifal_seq=10}, "
			 "[[{nla_len=20, nla_type=IFA"
			 "L_ADDRESS}, inet_pton(AF_INET6, \"2001:10::\")], [{nla_len=8, "
			 "nla_type=IFAL_LABEL}, 7]]], "
			 "[{nlmsg_len=56, nlmsg_type=RTM_NEWADDRLABEL, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlms"
			 "g_pid=30294}, {ifal_family=AF_INET6, ifal_prefixlen=16, ifal_flags=0, "
			 "ifal_index=0, ifal"
			 "_seq=10}, [[{nla_len=20, nla_type=IFAL_ADDRESS}, inet_pton(AF_INET6, "
			 "\"3ffe::\")], [{nla_l"
			 "en=8, nla_type=IFAL_LABEL}, 12]]], [{nlmsg_len=56, "
			 "nlmsg_type=RTM_NEWADDRLABEL, nlmsg_fl"
			 "ags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, {ifal_family=AF_INET6, "
			 "ifal_prefixlen=1"
			 "6, ifal_flags=0, ifal_index=0, ifal_seq=10}, [[{nla_len=20, "
			 "nla_type=IFAL_ADDRESS}, inet"
			 "_pton(AF_INET6, \"2002::\")], [{nla_len=8, nla_type=IFAL_LABEL}, 2]]], "
			 "[{nlmsg_len=56, nlm"
			 "sg_type=RTM_NEWADDRLABEL, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {ifal"
			 "_family=AF_INET6, ifal_prefixlen=10, ifal_flags=0, ifal_index=0, "
			 "ifal_seq=10}, [[{nla_le"
			 "n=20, nla_type=IFAL_ADDRESS}, inet_pton(AF_INET6, \"fec0::\")], "
			 "[{nla_len=8, nla_type=IFAL"
			 "_LABEL}, 11]]], [{nlmsg_len=56, nlmsg_type=RTM_NEWADDRLABEL, "
			 "nlmsg_flags=NLM_F_MULTI, nl"
			 "msg_seq=42, nlmsg_pid=30294}, {ifal_family=AF_INET6, ifal_prefixlen=7, "
			 "ifal_flags=0, ifa"
			 "l_index=0, ifal_seq=10}, [[{nla_len=20, nla_type=IFAL_ADDRESS}, "
			 "inet_pton(AF_INET6, \"fc0"
			 "0::\")], [{nla_len=8, nla_type=IFAL_LABEL}, 5]]], [{nlmsg_len=56, "
			 "nlmsg_type=RTM_NEWADDRL"
			 "ABEL, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, "
			 "{ifal_family=AF_INET6, if"
			 "al_prefixlen=0, ifal_flags=0, ifal_index=0, ifal_seq=10}, [[{nla_len=20, "
			 "nla_type=IFAL_A"
			 "DDRESS}, inet_pton(AF_INET6, \"::\")], [{nla_len=8, "
			 "nla_type=IFAL_LABEL}, 1]]], [{nlmsg_le"
			 "n=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, 0]"
			 "]");
}

Test(unit_format_netlink, newqdisc_dump_with_stats)
{
	cr_expect_str_eq(
	    nl(0,
	       "94000000240002002a00000056760000000000000100000000000000ffffffff020000000c0001006e6"
	       "f7175"
	       "6575650005000c000000000030000700140001000000000000000000000000000000000018000300000"
	       "00000"
	       "000000000000000000000000000000002c0003000000000000000000000000000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000b0000000240002002a000000567600000000000004000000000"
	       "00000"
	       "ffffffff020000000f000100706669666f5f66617374000018000200030000000102020201020000010"
	       "10101"
	       "0101010105000c00000000003000070014000100a0d9020000000000610500000000000018000300000"
	       "00000"
	       "000000000000000000000000000000002c000300a0d9020000000000610500000000000000000000000"
	       "00000"
	       "00000000000000000000000000000000",
	       SIZE_MAX, 0),
	    "[[{nlmsg_len=148, nlmsg_type=RTM_NEWQDISC, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
	    "nlmsg_"
	    "pid=30294}, {tcm_family=AF_UNSPEC, tcm_ifindex=if_nametoindex(\"lo\"), tcm_handle=0, "
	    "tcm_p"
	    "arent=4294967295, tcm_info=2}, [[{nla_len=12, nla_type=TCA_KIND}, \"noqueue\"], "
	    "[{nla_len="
	    "5, nla_type=TCA_HW_OFFLOAD}, 0], [{nla_len=48, nla_type=TCA_STATS2}, [[{nla_len=20, "
	    "nla_"
	    "type=TCA_STATS_BASIC}, {bytes=0, packets=0}], [{nla_len=24, "
	    "nla_type=TCA_STATS_QUEUE}, {"
	    "qlen=0, backlog=0, drops=0, requeues=0, overlimits=0}]]], [{nla_len=44, "
	    "nla_type=TCA_STA"
	    "TS}, {bytes=0, packets=0, drops=0, overlimits=0, bps=0, pps=0, qlen=0, backlog=0}]]], "
	    "[{"
	    "nlmsg_len=176, nlmsg_type=RTM_NEWQDISC, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
	    "nlmsg_pid"
	    "=30294}, {tcm_family=AF_UNSPEC, tcm_ifindex=if_nametoindex(\"eth0\"), tcm_handle=0, "
	    "tcm_pa"
	    "rent=4294967295, tcm_info=2}, [[{nla_len=15, nla_type=TCA_KIND}, \"pfifo_fast\"], "
	    "[{nla_le"
	    "n=24, nla_type=TCA_OPTIONS}, "
	    "\"\\x03\\x00\\x00\\x00\\x01\\x02\\x02\\x02\\x01\\x02\\x00\\x00\\x01\\x01\\x"
	    "01\\x01\\x01\\x01\\x01\\x01\"], [{nla_len=5, nla_type=TCA_HW_OFFLOAD}, 0], "
	    "[{nla_len=48, nla_t"
	    "ype=TCA_STATS2}, [[{nla_len=20, nla_type=TCA_STATS_BASIC}, {bytes=186784, "
	    "packets=1377}]"
	    ", [{nla_len=24, nla_type=TCA_STATS_QUEUE}, {qlen=0, backlog=0, drops=0, requeues=0, "
	    "over"
	    "limits=0}]]], [{nla_len=44, nla_type=TCA_STATS}, {bytes=186784, packets=1377, "
	    "drops=0, o"
	    "verlimits=0, bps=0, pps=0, qlen=0, backlog=0}]]]]");
}

Test(unit_format_netlink, newneightbl_dump)
{
	cr_expect_str_eq(nl(0,
			    "78010000400002002a00000056760000020000000e0001006172705f63616368650000"
			    "000c00080030750000"
			    "0000000008000200800000000800030000020000080004000004000024000500040050"
			    "010200000020c42400"
			    "044e00006f87b40d0700000000000000000000005c0007000200000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000600000000000000020000000000000000000000000000"
			    "000000000000000000"
			    "9d0000000000000000000000000000000000000000000000b000060008000200010000"
			    "000800100000400300"
			    "080008006500000008000e0040000000080009000000000008000a000300000008000b"
			    "000300000008001100"
			    "000000000c0003002c520000000000000c00040030750000000000000c00060060ea00"
			    "00000000000c000700"
			    "88130000000000000c000500e8030000000000000c000c00e8030000000000000c000d"
			    "002003000000000000"
			    "0c000f00e8030000000000000c0013008813000000000000dc000000400002002a0000"
			    "005676000002000000"
			    "0e0001006172705f6361636865000000b8000600080001000000000008000200010000"
			    "000800100000400300"
			    "080008006500000008000e0040000000080009000000000008000a000300000008000b"
			    "000300000008001100"
			    "000000000c0003006c930000000000000c00040030750000000000000c00060060ea00"
			    "00000000000c000700"
			    "88130000000000000c000500e8030000000000000c000c00e8030000000000000c000d"
			    "002003000000000000"
			    "0c000f00e8030000000000000c0013008813000000000000dc000000400002002a0000"
			    "005676000002000000"
			    "0e0001006172705f6361636865000000b8000600080001000400000008000200020000"
			    "000800100000400300"
			    "080008006500000008000e0040000000080009000000000008000a000300000008000b"
			    "000300000008001100"
			    "000000000c000300e8760000000000000c00040030750000000000000c00060060ea00"
			    "00000000000c000700"
			    "88130000000000000c000500e8030000000000000c000c00e8030000000000000c000d"
			    "002003000000000000"
			    "0c000f00e8030000000000000c0013008813000000000000dc000000400002002a0000"
			    "005676000002000000"
			    "0e0001006172705f6361636865000000b8000600080001000300000008000200010000"
			    "000800100000400300"
			    "080008006500000008000e0040000000080009000000000008000a000300000008000b"
			    "000300000008001100"
			    "000000000c000300dc540000000000000c00040030750000000000000c00060060ea00"
			    "00000000000c000700"
			    "88130000000000000c000500e8030000000000000c000c00e8030000000000000c000d"
			    "002003000000000000"
			    "0c000f00e8030000000000000c0013008813000000000000dc000000400002002a0000"
			    "005676000002000000"
			    "0e0001006172705f6361636865000000b8000600080001000200000008000200010000"
			    "000800100000400300"
			    "080008006500000008000e0040000000080009000000000008000a000300000008000b"
			    "000300000008001100"
			    "000000000c000300d06a0000000000000c00040030750000000000000c00060060ea00"
			    "00000000000c000700"
			    "88130000000000000c000500e8030000000000000c000c00e8030000000000000c000d"
			    "002003000000000000"
			    "0c000f00e8030000000000000c0013008813000000000000dc000000400002002a0000"
			    "005676000002000000"
			    "0e0001006172705f6361636865000000b8000600080001000100000008000200020000"
			    "000800100000400300"
			    "080008006500000008000e0040000000080009000000000008000a000300000008000b"
			    "000300000008001100"
			    "000000000c00030008aa0000000000000c00040030750000000000000c00060060ea00"
			    "00000000000c000700"
			    "88130000000000000c000500e8030000000000000c000c00e8030000000000000c000d"
			    "002003000000000000"
			    "0c000f00e8030000000000000c001300881300000000000078010000400002002a0000"
			    "00567600000a000000"
			    "100001006e646973635f6361636865000c000800307500000000000008000200800000"
			    "000800030000020000"
			    "0800040000040000240005001000580105000000acc3240034bc0000d9a9f675070000"
			    "000000000000000000"
			    "5c00070005000000000000000000000000000000000000000000000001000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000009d00000000000000000000"
			    "000000000000000000"
			    "00000000b000060008000200010000000800100000400300080008006500000008000e"
			    "004000000008000900"
			    "0000000008000a000300000008000b000300000008001100000000000c0003001c8b00"
			    "00000000000c000400"
			    "30750000000000000c00060060ea0000000000000c00070088130000000000000c0005"
			    "00e803000000000000"
			    "0c000c00e8030000000000000c000d0020030000000000000c000f0000000000000000"
			    "000c00130088130000"
			    "00000000dc000000400002002a000000567600000a000000100001006e646973635f63"
			    "6163686500b8000600"
			    "080001000400000008000200040000000800100000400300080008006500000008000e"
			    "004000000008000900"
			    "0000000008000a000300000008000b000300000008001100000000000c000300ec7b00"
			    "00000000000c000400"
			    "30750000000000000c00060060ea0000000000000c00070088130000000000000c0005"
			    "00e803000000000000"
			    "0c000c00e8030000000000000c000d0020030000000000000c000f0000000000000000"
			    "000c00130088130000"
			    "00000000dc000000400002002a000000567600000a000000100001006e646973635f63"
			    "6163686500b8000600"
			    "080001000300000008000200010000000800100000400300080008006500000008000e"
			    "004000000008000900"
			    "0000000008000a000300000008000b000300000008001100000000000c000300704000"
			    "00000000000c000400"
			    "30750000000000000c00060060ea0000000000000c00070088130000000000000c0005"
			    "00e803000000000000"
			    "0c000c00e8030000000000000c000d0020030000000000000c000f0000000000000000"
			    "000c00130088130000"
			    "00000000dc000000400002002a000000567600000a000000100001006e646973635f63"
			    "6163686500b8000600"
			    "080001000200000008000200010000000800100000400300080008006500000008000e"
			    "004000000008000900"
			    "0000000008000a000300000008000b000300000008001100000000000c0003002caf00"
			    "00000000000c000400"
			    "30750000000000000c00060060ea0000000000000c00070088130000000000000c0005"
			    "00e803000000000000"
			    "0c000c00e8030000000000000c000d0020030000000000000c000f0000000000000000"
			    "000c00130088130000"
			    "00000000dc000000400002002a000000567600000a000000100001006e646973635f63"
			    "6163686500b8000600"
			    "080001000100000008000200030000000800100000400300080008006500000008000e"
			    "004000000008000900"
			    "0000000008000a000300000008000b000300000008001100000000000c000300bc9b00"
			    "00000000000c000400"
			    "30750000000000000c00060060ea0000000000000c00070088130000000000000c0005"
			    "00e803000000000000"
			    "0c000c00e8030000000000000c000d0020030000000000000c000f0000000000000000"
			    "000c00130088130000"
			    "00000000dc000000400002002a000000567600000a000000100001006e646973635f63"
			    "6163686500b8000600"
			    "080001000000000008000200010000000800100000400300080008006500000008000e"
			    "004000000008000900"
			    "0000000008000a000300000008000b000300000008001100000000000c000300989500"
			    "00000000000c000400"
			    "30750000000000000c00060060ea0000000000000c00070088130000000000000c0005"
			    "00e803000000000000"
			    "0c000c00e8030000000000000c000d0020030000000000000c000f0000000000000000"
			    "000c00130088130000"
			    "00000000",
			    SIZE_MAX, 0),
			 "[[{nlmsg_len=376, nlmsg_type=RTM_NEWNEIGHTBL, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlm"
			 "sg_pid=30294}, {ndtm_family=AF_INET}, [[{nla_len=14, "
			 "nla_type=NDTA_NAME}, \"arp_cache\"], "
			 "[{nla_len=12, nla_type=NDTA_GC_INTERVAL}, 30000], [{nla_len=8, "
			 "nla_type=NDTA_THRESH1}, 1"
			 "28], [{nla_len=8, nla_type=NDTA_THRESH2}, 512], [{nla_len=8, "
			 "nla_type=NDTA_THRESH3}, 102"
			 "4], [{nla_len=36, nla_type=NDTA_CONFIG}, {ndtc_key_len=4, "
			 "ndtc_entry_size=336, ndtc_entr"
			 "ies=2, ndtc_last_flush=2409504, ndtc_last_rand=19972, "
			 "ndtc_hash_rnd=229934959, ndtc_hash"
			 "_mask=0x000007, ndtc_hash_chain_gc=0, ndtc_proxy_qlen=0}], [{nla_len=92, "
			 "nla_type=NDTA_S"
			 "TATS}, {ndts_allocs=2, ndts_destroys=0, ndts_hash_grows=0, "
			 "ndts_res_failed=0, ndts_looku"
			 "ps=6, ndts_hits=2, ndts_rcv_probes_mcast=0, ndts_rcv_probes_ucast=0, "
			 "ndts_periodic_gc_ru"
			 "ns=157, ndts_forced_gc_runs=0, ndts_table_fulls=0}], [{nla_len=176, "
			 "nla_type=NDTA_PARMS}"
			 ", [[{nla_len=8, nla_type=NDTPA_REFCNT}, 1], [{nla_len=8, "
			 "nla_type=NDTPA_QUEUE_LENBYTES},"
			 " 212992], [{nla_len=8, nla_type=NDTPA_QUEUE_LEN}, 101], [{nla_len=8, "
			 "nla_type=NDTPA_PROX"
			 "Y_QLEN}, 64], [{nla_len=8, nla_type=NDTPA_APP_PROBES}, 0], [{nla_len=8, "
			 "nla_type=NDTPA_U"
			 "CAST_PROBES}, 3], [{nla_len=8, nla_type=NDTPA_MCAST_PROBES}, 3], "
			 "[{nla_len=8, nla_type=N"
			 "DTPA_MCAST_REPROBES}, 0], [{nla_len=12, nla_type=NDTPA_REACHABLE_TIME}, "
			 "21036], [{nla_le"
			 "n=12, nla_type=NDTPA_BASE_REACHABLE_TIME}, 30000], [{nla_len=12, "
			 "nla_type=NDTPA_GC_STALE"
			 "TIME}, 60000], [{nla_len=12, nla_type=NDTPA_DELAY_PROBE_TIME}, 5000], "
			 "[{nla_len=12, nla_"
			 "type=NDTPA_RETRANS_TIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_ANYCAST_DELAY}, 1000], [{n"
			 "la_len=12, nla_type=NDTPA_PROXY_DELAY}, 800], [{nla_len=12, "
			 "nla_type=NDTPA_LOCKTIME}, 10"
			 "00], [{nla_len=12, nla_type=NDTPA_INTERVAL_PROBE_TIME_MS}, 5000]]]]], "
			 "[{nlmsg_len=220, n"
			 "lmsg_type=RTM_NEWNEIGHTBL, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {ndt"
			 "m_family=AF_INET}, [[{nla_len=14, nla_type=NDTA_NAME}, \"arp_cache\"], "
			 "[{nla_len=184, nla_"
			 "type=NDTA_PARMS}, [[{nla_len=8, nla_type=NDTPA_IFINDEX}, 0], "
			 "[{nla_len=8, nla_type=NDTPA"
			 "_REFCNT}, 1], [{nla_len=8, nla_type=NDTPA_QUEUE_LENBYTES}, 212992], "
			 "[{nla_len=8, nla_typ"
			 "e=NDTPA_QUEUE_LEN}, 101], [{nla_len=8, nla_type=NDTPA_PROXY_QLEN}, 64], "
			 "[{nla_len=8, nla"
			 "_type=NDTPA_APP_PROBES}, 0], [{nla_len=8, nla_type=NDTPA_UCAST_PROBES}, "
			 "3], [{nla_len=8,"
			 " nla_type=NDTPA_MCAST_PROBES}, 3], [{nla_len=8, "
			 "nla_type=NDTPA_MCAST_REPROBES}, 0], [{nl"
			 "a_len=12, nla_type=NDTPA_REACHABLE_TIME}, 37740], [{nla_len=12, "
			 "nla_type=NDTPA_BASE_REAC"
			 "HABLE_TIME}, 30000], [{nla_len=12, nla_type=NDTPA_GC_STALETIME}, 60000], "
			 "[{nla_len=12, n"
			 "la_type=NDTPA_DELAY_PROBE_TIME}, 5000], [{nla_len=12, "
			 "nla_type=NDTPA_RETRANS_TIME}, 1000"
			 "], [{nla_len=12, nla_type=NDTPA_ANYCAST_DELAY}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_PROX"
			 "Y_DELAY}, 800], [{nla_len=12, nla_type=NDTPA_LOCKTIME}, 1000], "
			 "[{nla_len=12, nla_type=ND"
			 "TPA_INTERVAL_PROBE_TIME_MS}, 5000]]]]], [{nlmsg_len=220, "
			 "nlmsg_type=RTM_NEWNEIGHTBL, nlm"
			 "sg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, "
			 "{ndtm_family=AF_INET}, [[{nla_len="
			 "14, nla_type=NDTA_NAME}, \"arp_cache\"], [{nla_len=184, "
			 "nla_type=NDTA_PARMS}, [[{nla_len=8"
			 ", nla_type=NDTPA_IFINDEX}, if_nametoindex(\"eth0\")], [{nla_len=8, "
			 "nla_type=NDTPA_REFCNT},"
			 " 2], [{nla_len=8, nla_type=NDTPA_QUEUE_LENBYTES}, 212992], [{nla_len=8, "
			 "nla_type=NDTPA_Q"
			 "UEUE_LEN}, 101], [{nla_len=8, nla_type=NDTPA_PROXY_QLEN}, 64], "
			 "[{nla_len=8, nla_type=NDT"
			 "PA_APP_PROBES}, 0], [{nla_len=8, nla_type=NDTPA_UCAST_PROBES}, 3], "
			 "[{nla_len=8, nla_type"
			 "=NDTPA_MCAST_PROBES}, 3], [{nla_len=8, nla_type=NDTPA_MCAST_REPROBES}, "
			 "0], [{nla_len=12,"
			 " nla_type=NDTPA_REACHABLE_TIME}, 30440], [{nla_len=12, "
			 "nla_type=NDTPA_BASE_REACHABLE_TIM"
			 "E}, 30000], [{nla_len=12, nla_type=NDTPA_GC_STALETIME}, 60000], "
			 "[{nla_len=12, nla_type=N"
			 "DTPA_DELAY_PROBE_TIME}, 5000], [{nla_len=12, "
			 "nla_type=NDTPA_RETRANS_TIME}, 1000], [{nla_"
			 "len=12, nla_type=NDTPA_ANYCAST_DELAY}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_PROXY_DELAY},"
			 " 800], [{nla_len=12, nla_type=NDTPA_LOCKTIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_INTER"
			 "VAL_PROBE_TIME_MS}, 5000]]]]], [{nlmsg_len=220, "
			 "nlmsg_type=RTM_NEWNEIGHTBL, nlmsg_flags="
			 "NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, {ndtm_family=AF_INET}, "
			 "[[{nla_len=14, nla_t"
			 "ype=NDTA_NAME}, \"arp_cache\"], [{nla_len=184, nla_type=NDTA_PARMS}, "
			 "[[{nla_len=8, nla_typ"
			 "e=NDTPA_IFINDEX}, if_nametoindex(\"ifb1\")], [{nla_len=8, "
			 "nla_type=NDTPA_REFCNT}, 1], [{nl"
			 "a_len=8, nla_type=NDTPA_QUEUE_LENBYTES}, 212992], [{nla_len=8, "
			 "nla_type=NDTPA_QUEUE_LEN}"
			 ", 101], [{nla_len=8, nla_type=NDTPA_PROXY_QLEN}, 64], [{nla_len=8, "
			 "nla_type=NDTPA_APP_PR"
			 "OBES}, 0], [{nla_len=8, nla_type=NDTPA_UCAST_PROBES}, 3], [{nla_len=8, "
			 "nla_type=NDTPA_MC"
			 "AST_PROBES}, 3], [{nla_len=8, nla_type=NDTPA_MCAST_REPROBES}, 0], "
			 "[{nla_len=12, nla_type"
			 "=NDTPA_REACHABLE_TIME}, 21724], [{nla_len=12, "
			 "nla_type=NDTPA_BASE_REACHABLE_TIME}, 30000"
			 "], [{nla_len=12, nla_type=NDTPA_GC_STALETIME}, 60000], [{nla_len=12, "
			 "nla_type=NDTPA_DELA"
			 "Y_PROBE_TIME}, 5000], [{nla_len=12, nla_type=NDTPA_RETRANS_TIME}, 1000], "
			 "[{nla_len=12, n"
			 "la_type=NDTPA_ANYCAST_DELAY}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_PROXY_DELAY}, 800], [{"
			 "nla_len=12, nla_type=NDTPA_LOCKTIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_INTERVAL_PROBE"
			 "_TIME_MS}, 5000]]]]], [{nlmsg_len=220, nlmsg_type=RTM_NEWNEIGHTBL, "
			 "nlmsg_flags=NLM_F_MUL"
			 "TI, nlmsg_seq=42, nlmsg_pid=30294}, {ndtm_family=AF_INET}, "
			 "[[{nla_len=14, nla_type=NDTA_"
			 "NAME}, \"arp_cache\"], [{nla_len=184, nla_type=NDTA_PARMS}, "
			 "[[{nla_len=8, nla_type=NDTPA_I"
			 "FINDEX}, if_nametoindex(\"ifb0\")], [{nla_len=8, nla_type=NDTPA_REFCNT}, "
			 "1], [{nla_len=8, "
			 "nla_type=NDTPA_QUEUE_LENBYTES}, 212992], [{nla_len=8, "
			 "nla_type=NDTPA_QUEUE_LEN}, 101], ["
			 "{nla_len=8, nla_type=NDTPA_PROXY_QLEN}, 64], [{nla_len=8, "
			 "nla_type=NDTPA_APP_PROBES}, 0]"
			 ", [{nla_len=8, nla_type=NDTPA_UCAST_PROBES}, 3], [{nla_len=8, "
			 "nla_type=NDTPA_MCAST_PROBE"
			 "S}, 3], [{nla_len=8, nla_type=NDTPA_MCAST_REPROBES}, 0], [{nla_len=12, "
			 "nla_type=NDTPA_RE"
			 "ACHABLE_TIME}, 27344], [{nla_len=12, "
			 "nla_type=NDTPA_BASE_REACHABLE_TIME}, 30000], [{nla_"
			 "len=12, nla_type=NDTPA_GC_STALETIME}, 60000], [{nla_len=12, "
			 "nla_type=NDTPA_DELAY_PROBE_T"
			 "IME}, 5000], [{nla_len=12, nla_type=NDTPA_RETRANS_TIME}, 1000], "
			 "[{nla_len=12, nla_type=N"
			 "DTPA_ANYCAST_DELAY}, 1000], [{nla_len=12, nla_type=NDTPA_PROXY_DELAY}, "
			 "800], [{nla_len=1"
			 "2, nla_type=NDTPA_LOCKTIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_INTERVAL_PROBE_TIME_MS}"
			 ", 5000]]]]], [{nlmsg_len=220, nlmsg_type=RTM_NEWNEIGHTBL, "
			 "nlmsg_flags=NLM_F_MULTI, nlmsg"
			 "_seq=42, nlmsg_pid=30294}, {ndtm_family=AF_INET}, [[{nla_len=14, "
			 "nla_type=NDTA_NAME}, \"a"
			 "rp_cache\"], [{nla_len=184, nla_type=NDTA_PARMS}, [[{nla_len=8, "
			 "nla_type=NDTPA_IFINDEX}, "
			 "if_nametoindex(\"lo\")], [{nla_len=8, nla_type=NDTPA_REFCNT}, 2], "
			 "[{nla_len=8, nla_type=ND"
			 "TPA_QUEUE_LENBYTES}, 212992], [{nla_len=8, nla_type=NDTPA_QUEUE_LEN}, "
			 "101], [{nla_len=8,"
			 " nla_type=NDTPA_PROXY_QLEN}, 64], [{nla_len=8, "
			 "nla_type=NDTPA_APP_PROBES}, 0], [{nla_len"
			 "=8, nla_type=NDTPA_UCAST_PROBES}, 3], [{nla_len=8, "
			 "nla_type=NDTPA_MCAST_PROBES}, 3], [{n"
			 "la_len=8, nla_type=NDTPA_MCAST_REPROBES}, 0], [{nla_len=12, "
			 "nla_type=NDTPA_REACHABLE_TIM"
			 "E}, 43528], [{nla_len=12, nla_type=NDTPA_BASE_REACHABLE_TIME}, 30000], "
			 "[{nla_len=12, nla"
			 "_type=NDTPA_GC_STALETIME}, 60000], [{nla_len=12, "
			 "nla_type=NDTPA_DELAY_PROBE_TIME}, 5000]"
			 ", [{nla_len=12, nla_type=NDTPA_RETRANS_TIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_ANYCAS"
			 "T_DELAY}, 1000], [{nla_len=12, nla_type=NDTPA_PROXY_DELAY}, 800], "
			 "[{nla_len=12, nla_type"
			 "=NDTPA_LOCKTIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_INTERVAL_PROBE_TIME_MS}, 5000]]]]]"
			 ", [{nlmsg_len=376, nlmsg_type=RTM_NEWNEIGHTBL, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nl"
			 "msg_pid=30294}, {ndtm_family=AF_INET6}, [[{nla_len=16, "
			 "nla_type=NDTA_NAME}, \"ndisc_cache"
			 "\"], [{nla_len=12, nla_type=NDTA_GC_INTERVAL}, 30000], [{nla_len=8, "
			 "nla_type=NDTA_THRESH1"
			 "}, 128], [{nla_len=8, nla_type=NDTA_THRESH2}, 512], [{nla_len=8, "
			 "nla_type=NDTA_THRESH3},"
			 " 1024], [{nla_len=36, nla_type=NDTA_CONFIG}, {ndtc_key_len=16, "
			 "ndtc_entry_size=344, ndtc"
			 "_entries=5, ndtc_last_flush=2409388, ndtc_last_rand=48180, "
			 "ndtc_hash_rnd=1979099609, ndt"
			 "c_hash_mask=0x000007, ndtc_hash_chain_gc=0, ndtc_proxy_qlen=0}], "
			 "[{nla_len=92, nla_type="
			 "NDTA_STATS}, {ndts_allocs=5, ndts_destroys=0, ndts_hash_grows=0, "
			 "ndts_res_failed=1, ndts"
			 "_lookups=0, ndts_hits=0, ndts_rcv_probes_mcast=0, "
			 "ndts_rcv_probes_ucast=0, ndts_periodic"
			 "_gc_runs=157, ndts_forced_gc_runs=0, ndts_table_fulls=0}], "
			 "[{nla_len=176, nla_type=NDTA_"
			 "PARMS}, [[{nla_len=8, nla_type=NDTPA_REFCNT}, 1], [{nla_len=8, "
			 "nla_type=NDTPA_QUEUE_LENB"
			 "YTES}, 212992], [{nla_len=8, nla_type=NDTPA_QUEUE_LEN}, 101], "
			 "[{nla_len=8, nla_type=NDTP"
			 "A_PROXY_QLEN}, 64], [{nla_len=8, nla_type=NDTPA_APP_PROBES}, 0], "
			 "[{nla_len=8, nla_type=N"
			 "DTPA_UCAST_PROBES}, 3], [{nla_len=8, nla_type=NDTPA_MCAST_PROBES}, 3], "
			 "[{nla_len=8, nla_"
			 "type=NDTPA_MCAST_REPROBES}, 0], [{nla_len=12, "
			 "nla_type=NDTPA_REACHABLE_TIME}, 35612], [{"
			 "nla_len=12, nla_type=NDTPA_BASE_REACHABLE_TIME}, 30000], [{nla_len=12, "
			 "nla_type=NDTPA_GC"
			 "_STALETIME}, 60000], [{nla_len=12, nla_type=NDTPA_DELAY_PROBE_TIME}, "
			 "5000], [{nla_len=12"
			 ", nla_type=NDTPA_RETRANS_TIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_ANYCAST_DELAY}, 1000"
			 "], [{nla_len=12, nla_type=NDTPA_PROXY_DELAY}, 800], [{nla_len=12, "
			 "nla_type=NDTPA_LOCKTIM"
			 "E}, 0], [{nla_len=12, nla_type=NDTPA_INTERVAL_PROBE_TIME_MS}, 5000]]]]], "
			 "[{nlmsg_len=220"
			 ", nlmsg_type=RTM_NEWNEIGHTBL, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {"
			 "ndtm_family=AF_INET6}, [[{nla_len=16, nla_type=NDTA_NAME}, "
			 "\"ndisc_cache\"], [{nla_len=184"
			 ", nla_type=NDTA_PARMS}, [[{nla_len=8, nla_type=NDTPA_IFINDEX}, "
			 "if_nametoindex(\"eth0\")], "
			 "[{nla_len=8, nla_type=NDTPA_REFCNT}, 4], [{nla_len=8, "
			 "nla_type=NDTPA_QUEUE_LENBYTES}, 21"
			 "2992], [{nla_len=8, nla_type=NDTPA_QUEUE_LEN}, 101], [{nla_len=8, "
			 "nla_type=NDTPA_PROXY_Q"
			 "LEN}, 64], [{nla_len=8, nla_type=NDTPA_APP_PROBES}, 0], [{nla_len=8, "
			 "nla_type=NDTPA_UCAS"
			 "T_PROBES}, 3], [{nla_len=8, nla_type=NDTPA_MCAST_PROBES}, 3], "
			 "[{nla_len=8, nla_type=NDTP"
			 "A_MCAST_REPROBES}, 0], [{nla_len=12, nla_type=NDTPA_REACHABLE_TIME}, "
			 "31724], [{nla_len=1"
			 "2, nla_type=NDTPA_BASE_REACHABLE_TIME}, 30000], [{nla_len=12, "
			 "nla_type=NDTPA_GC_STALETIM"
			 "E}, 60000], [{nla_len=12, nla_type=NDTPA_DELAY_PROBE_TIME}, 5000], "
			 "[{nla_len=12, nla_typ"
			 "e=NDTPA_RETRANS_TIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_ANYCAST_DELAY}, 1000], [{nla_"
			 "len=12, nla_type=NDTPA_PROXY_DELAY}, 800], [{nla_len=12, "
			 "nla_type=NDTPA_LOCKTIME}, 0], ["
			 "{nla_len=12, nla_type=NDTPA_INTERVAL_PROBE_TIME_MS}, 5000]]]]], "
			 "[{nlmsg_len=220, nlmsg_t"
			 "ype=RTM_NEWNEIGHTBL, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=30294}, {ndtm_fami"
			 "ly=AF_INET6}, [[{nla_len=16, nla_type=NDTA_NAME}, \"ndisc_cache\"], "
			 "[{nla_len=184, nla_typ"
			 "e=NDTA_PARMS}, [[{nla_len=8, nla_type=NDTPA_IFINDEX}, "
			 "if_nametoindex(\"ifb1\")], [{nla_len"
			 "=8, nla_type=NDTPA_REFCNT}, 1], [{nla_len=8, "
			 "nla_type=NDTPA_QUEUE_LENBYTES}, 212992], [{"
			 "nla_len=8, nla_type=NDTPA_QUEUE_LEN}, 101], [{nla_len=8, "
			 "nla_type=NDTPA_PROXY_QLEN}, 64]"
			 ", [{nla_len=8, nla_type=NDTPA_APP_PROBES}, 0], [{nla_len=8, "
			 "nla_type=NDTPA_UCAST_PROBES}"
			 ", 3], [{nla_len=8, nla_type=NDTPA_MCAST_PROBES}, 3], [{nla_len=8, "
			 "nla_type=NDTPA_MCAST_R"
			 "EPROBES}, 0], [{nla_len=12, nla_type=NDTPA_REACHABLE_TIME}, 16496], "
			 "[{nla_len=12, nla_ty"
			 "pe=NDTPA_BASE_REACHABLE_TIME}, 30000], [{nla_len=12, "
			 "nla_type=NDTPA_GC_STALETIME}, 60000"
			 "], [{nla_len=12, nla_type=NDTPA_DELAY_PROBE_TIME}, 5000], [{nla_len=12, "
			 "nla_type=NDTPA_R"
			 "ETRANS_TIME}, 1000], [{nla_len=12, nla_type=NDTPA_ANYCAST_DELAY}, 1000], "
			 "[{nla_len=12, n"
			 "la_type=NDTPA_PROXY_DELAY}, 800], [{nla_len=12, "
			 "nla_type=NDTPA_LOCKTIME}, 0], [{nla_len="
			 "12, nla_type=NDTPA_INTERVAL_PROBE_TIME_MS}, 5000]]]]], [{nlmsg_len=220, "
			 "nlmsg_type=RTM_N"
			 "EWNEIGHTBL, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, "
			 "{ndtm_family=AF_INE"
			 "T6}, [[{nla_len=16, nla_type=NDTA_NAME}, \"ndisc_cache\"], "
			 "[{nla_len=184, nla_type=NDTA_PA"
			 "RMS}, [[{nla_len=8, nla_type=NDTPA_IFINDEX}, if_nametoindex(\"ifb0\")], "
			 "[{nla_len=8, nla_t"
			 "ype=NDTPA_REFCNT}, 1], [{nla_len=8, nla_type=NDTPA_QUEUE_LENBYTES}, "
			 "212992], [{nla_len=8"
			 ", nla_type=NDTPA_QUEUE_LEN}, 101], [{nla_len=8, "
			 "nla_type=NDTPA_PROXY_QLEN}, 64], [{nla_l"
			 "en=8, nla_type=NDTPA_APP_PROBES}, 0], [{nla_len=8, "
			 "nla_type=NDTPA_UCAST_PROBES}, 3], [{n"
			 "la_len=8, nla_type=NDTPA_MCAST_PROBES}, 3], [{nla_len=8, "
			 "nla_type=NDTPA_MCAST_REPROBES},"
			 " 0], [{nla_len=12, nla_type=NDTPA_REACHABLE_TIME}, 44844], [{nla_len=12, "
			 "nla_type=NDTPA_"
			 "BASE_REACHABLE_TIME}, 30000], [{nla_len=12, "
			 "nla_type=NDTPA_GC_STALETIME}, 60000], [{nla_"
			 "len=12, nla_type=NDTPA_DELAY_PROBE_TIME}, 5000], [{nla_len=12, "
			 "nla_type=NDTPA_RETRANS_TI"
			 "ME}, 1000], [{nla_len=12, nla_type=NDTPA_ANYCAST_DELAY}, 1000], "
			 "[{nla_len=12, nla_type=N"
			 "DTPA_PROXY_DELAY}, 800], [{nla_len=12, nla_type=NDTPA_LOCKTIME}, 0], "
			 "[{nla_len=12, nla_t"
			 "ype=NDTPA_INTERVAL_PROBE_TIME_MS}, 5000]]]]], [{nlmsg_len=220, "
			 "nlmsg_type=RTM_NEWNEIGHTB"
			 "L, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, "
			 "{ndtm_family=AF_INET6}, [[{n"
			 "la_len=16, nla_type=NDTA_NAME}, \"ndisc_cache\"], [{nla_len=184, "
			 "nla_type=NDTA_PARMS}, [[{"
			 "nla_len=8, nla_type=NDTPA_IFINDEX}, if_nametoindex(\"lo\")], "
			 "[{nla_len=8, nla_type=NDTPA_R"
			 "EFCNT}, 3], [{nla_len=8, nla_type=NDTPA_QUEUE_LENBYTES}, 212992], "
			 "[{nla_len=8, nla_type="
			 "NDTPA_QUEUE_LEN}, 101], [{nla_len=8, nla_type=NDTPA_PROXY_QLEN}, 64], "
			 "[{nla_len=8, nla_t"
			 "ype=NDTPA_APP_PROBES}, 0], [{nla_len=8, nla_type=NDTPA_UCAST_PROBES}, "
			 "3], [{nla_len=8, n"
			 "la_type=NDTPA_MCAST_PROBES}, 3], [{nla_len=8, "
			 "nla_type=NDTPA_MCAST_REPROBES}, 0], [{nla_"
			 "len=12, nla_type=NDTPA_REACHABLE_TIME}, 39868], [{nla_len=12, "
			 "nla_type=NDTPA_BASE_REACHA"
			 "BLE_TIME}, 30000], [{nla_len=12, nla_type=NDTPA_GC_STALETIME}, 60000], "
			 "[{nla_len=12, nla"
			 "_type=NDTPA_DELAY_PROBE_TIME}, 5000], [{nla_len=12, "
			 "nla_type=NDTPA_RETRANS_TIME}, 1000],"
			 " [{nla_len=12, nla_type=NDTPA_ANYCAST_DELAY}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_PROXY_"
			 "DELAY}, 800], [{nla_len=12, nla_type=NDTPA_LOCKTIME}, 0], [{nla_len=12, "
			 "nla_type=NDTPA_I"
			 "NTERVAL_PROBE_TIME_MS}, 5000]]]]], [{nlmsg_len=220, "
			 "nlmsg_type=RTM_NEWNEIGHTBL, nlmsg_fl"
			 "ags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=30294}, {ndtm_family=AF_INET6}, "
			 "[[{nla_len=16, "
			 "nla_type=NDTA_NAME}, \"ndisc_cache\"], [{nla_len=184, "
			 "nla_type=NDTA_PARMS}, [[{nla_len=8, "
			 "nla_type=NDTPA_IFINDEX}, 0], [{nla_len=8, nla_type=NDTPA_REFCNT}, 1], "
			 "[{nla_len=8, nla_t"
			 "ype=NDTPA_QUEUE_LENBYTES}, 212992], [{nla_len=8, "
			 "nla_type=NDTPA_QUEUE_LEN}, 101], [{nla_"
			 "len=8, nla_type=NDTPA_PROXY_QLEN}, 64], [{nla_len=8, "
			 "nla_type=NDTPA_APP_PROBES}, 0], [{n"
			 "la_len=8, nla_type=NDTPA_UCAST_PROBES}, 3], [{nla_len=8, "
			 "nla_type=NDTPA_MCAST_PROBES}, 3"
			 "], [{nla_len=8, nla_type=NDTPA_MCAST_REPROBES}, 0], [{nla_len=12, "
			 "nla_type=NDTPA_REACHAB"
			 "LE_TIME}, 38296], [{nla_len=12, nla_type=NDTPA_BASE_REACHABLE_TIME}, "
			 "30000], [{nla_len=1"
			 "2, nla_type=NDTPA_GC_STALETIME}, 60000], [{nla_len=12, "
			 "nla_type=NDTPA_DELAY_PROBE_TIME},"
			 " 5000], [{nla_len=12, nla_type=NDTPA_RETRANS_TIME}, 1000], [{nla_len=12, "
			 "nla_type=NDTPA_"
			 "ANYCAST_DELAY}, 1000], [{nla_len=12, nla_type=NDTPA_PROXY_DELAY}, 800], "
			 "[{nla_len=12, nl"
			 "a_type=NDTPA_LOCKTIME}, 0], [{nla_len=12, "
			 "nla_type=NDTPA_INTERVAL_PROBE_TIME_MS}, 5000]]"
			 "]]]]");
}

Test(unit_format_netlink, getnsid_request)
{
	cr_expect_str_eq(nl(0, "140000005a0001032a0000000000000000000000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=RTM_GETNSID, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq="
			 "42, nlmsg_pid=0}, {rtgen_family=AF_UNSPEC}]");
}

/* NETLINK_GENERIC types are the host's family ids: nlctrl is always 16, 0x7ff0 is no family. */
Test(unit_format_netlink, generic_families_are_named_from_the_hosts_kernel)
{
	cr_expect_str_eq(nl(16, "1400000010000103090000000000000003010000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=nlctrl, nlmsg_flags=NLM_F_REQUEST|0x300, "
			 "nlmsg_seq=9, nlmsg_pid=0}, \"\\x03\\x01\\x00\\x00\"]");
	cr_expect_str_eq(nl(16, "14000000f07f0103090000000000000003010000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=0x7ff0 /* GENERIC_FAMILY_??? */, "
			 "nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=9, nlmsg_pid=0}, "
			 "\"\\x03\\x01\\x00\\x00\"]");
}

/* strace -v: every attribute and array element, IFLA_XDP/AF_SPEC/MAP/LINKINFO, all sockopt bits. */
static const char *nl_verbose(int proto, const char *hex)
{
	static const uint64_t none[RN_MAX_SYSCALLS / 64];
	struct rn_fmt_opts o = {.abbrev = none};
	size_t n = unhex(hex);

	rn_strbuf__reset(&sb);
	rn_format__netlink(&sb, proto, bytes, n, n, &o);
	return sb.buf ? sb.buf : "";
}

Test(unit_format_netlink, newlink_dump_under_v_prints_every_attribute)
{
	cr_expect_str_eq(nl_verbose(0, "bc050000100002002a000000652a0000000004030100000049000100000"
				       "00000070003006c6f000008000d00"
				       "e8030000050010000000000005001100000000000500430001000000080"
				       "00400000001000800320000000000"
				       "080033000000000008001b000000000008001e000000000008003d00000"
				       "0000008001f000100000008002800"
				       "ffff0000080029000000010008003a000000010008003f0000000100080"
				       "040000000010008003b00f8ff0700"
				       "08003c00ffff00000800420000000000080020000100000005002100010"
				       "00000080023000000000008002f00"
				       "00000000080030000000000006004400000000000600450000000000050"
				       "02700000000000a00010000000000"
				       "000000000a0002000000000000000000cc001700be07000000000000be0"
				       "7000000000000d1b3480000000000"
				       "d1b34800000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "64000700be070000be070000d1b34800d1b348000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "0000000000000000000000000c002b0005000200000000000c0006006e6"
				       "f71756575650030031a008c000200"
				       "88000100000000000000000000000000010000000100000001000000010"
				       "00000000000000100000000000000"
				       "00000000000000000000000000000000010000000100000000000000000"
				       "00000000000000000000000000000"
				       "000000000000000000000000000000000000000010270000e8030000000"
				       "00000000000000000000000000000"
				       "01000000a0020a00080001000000008014000500ffff0000160000005c9"
				       "b0000e8030000f400020000000000"
				       "400000000000010001000000010000000100000001000000ffffffffa00"
				       "f0000e8030000ffffffff803a0900"
				       "80510100030000005802000010000000000000000100000001000000010"
				       "0000060ea00000000000000000000"
				       "00000000000000000000000000000000ffffffff0000000000000000102"
				       "70000e80300000100000000000000"
				       "00000000010000000000000000000000010000000000000000000000000"
				       "000000000000080ee360000000000"
				       "00000000010000000000000000000000000000000000000000000000000"
				       "4000000000000ffff0000ffffffff"
				       "010000000000000000000000000000003401030026000000000000008b0"
				       "0000000000000c028000000000000"
				       "8a000000000000008b00000000000000000000000000000000000000000"
				       "0000000000000000000008a000000"
				       "000000008a0000000000000040280000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "000000000000000000000000000000003c0006000700000000000000000"
				       "00000000000000100000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000140007000000000000000000"
				       "0000000000000000050008000000000024000e000000000000000000000"
				       "00000000000000000000000000000"
				       "000000000000000004003e8004004180cc050000100002002a000000652"
				       "a0000000001000200000082000000"
				       "0000000009000300696662300000000008000d002000000005001000020"
				       "00000050011000000000005004300"
				       "0000000008000400dc05000008003200000000000800330000000000080"
				       "01b000000000008001e0000000000"
				       "08003d000000000008001f000100000008002800ffff000008002900000"
				       "0010008003a000000010008003f00"
				       "00000100080040000000010008003b00f8ff070008003c00ffff0000080"
				       "04200000000000800200001000000"
				       "0500210001000000080023000000000008002f000000000008003000000"
				       "00000060044000000000006004500"
				       "0000000005002700000000000a000100b20632fc449a00000a000200fff"
				       "fffffffff0000cc00170000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000006400070000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "000000c002b000500020000000000"
				       "0c0012000800010069666200090006006e6f6f700000000030031a008c0"
				       "00200880001000000000000000000"
				       "00000000010000000100000001000000010000000000000001000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "000000000000000010270000e8030000000000000000000000000000000"
				       "0000001000000a0020a0008000100"
				       "0000000014000500ffff00001200000074990000e8030000f4000200000"
				       "0000040000000dc05000001000000"
				       "010000000100000001000000ffffffffa00f0000e803000000000000803"
				       "a0900805101000300000058020000"
				       "100000000000000001000000010000000100000060ea000000000000000"
				       "00000000000000000000000000000"
				       "00000000ffffffff000000000000000010270000e803000001000000000"
				       "00000000000000100000000000000"
				       "00000000010000000000000000000000000000000000000080ee3600000"
				       "00000000000000100000000000000"
				       "000000000000000000000000000000000004000000000000ffff0000fff"
				       "fffff010000000000000000000000"
				       "00000000340103002600000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "000000003c0006000700000000000000000000000000000000000000000"
				       "00000000000000000000000000000"
				       "00000000000000000000000000000000000000001400070000000000000"
				       "00000000000000000000005000800"
				       "0000000024000e000000000000000000000000000000000000000000000"
				       "00000000000000000000004003e80"
				       "04004180"),
			 "[[{nlmsg_len=1468, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_"
			 "pid=10853}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_LOOPBACK, "
			 "ifi_index=if_nametoindex(\"l"
			 "o\"), ifi_flags=IFF_UP|IFF_LOOPBACK|IFF_RUNNING|IFF_LOWER_UP, "
			 "ifi_change=0}, [[{nla_len=7"
			 ", nla_type=IFLA_IFNAME}, \"lo\"], [{nla_len=8, nla_type=IFLA_TXQLEN}, "
			 "1000], [{nla_len=5, "
			 "nla_type=IFLA_OPERSTATE}, 0], [{nla_len=5, nla_type=IFLA_LINKMODE}, 0], "
			 "[{nla_len=5, nla"
			 "_type=0x43 /* IFLA_??? */}, \"\\x01\"], [{nla_len=8, nla_type=IFLA_MTU}, "
			 "65536], [{nla_len="
			 "8, nla_type=IFLA_MIN_MTU}, 0], [{nla_len=8, nla_type=IFLA_MAX_MTU}, 0], "
			 "[{nla_len=8, nla"
			 "_type=IFLA_GROUP}, 0], [{nla_len=8, nla_type=IFLA_PROMISCUITY}, 0], "
			 "[{nla_len=8, nla_typ"
			 "e=IFLA_ALLMULTI}, 0], [{nla_len=8, nla_type=IFLA_NUM_TX_QUEUES}, 1], "
			 "[{nla_len=8, nla_ty"
			 "pe=IFLA_GSO_MAX_SEGS}, 65535], [{nla_len=8, nla_type=IFLA_GSO_MAX_SIZE}, "
			 "65536], [{nla_l"
			 "en=8, nla_type=IFLA_GRO_MAX_SIZE}, 65536], [{nla_len=8, nla_type=0x3f /* "
			 "IFLA_??? */}, \""
			 "\\x00\\x00\\x01\\x00\"], [{nla_len=8, nla_type=0x40 /* IFLA_??? */}, "
			 "\"\\x00\\x00\\x01\\x00\"], [{n"
			 "la_len=8, nla_type=IFLA_TSO_MAX_SIZE}, 524280], [{nla_len=8, "
			 "nla_type=IFLA_TSO_MAX_SEGS}"
			 ", 65535], [{nla_len=8, nla_type=0x42 /* IFLA_??? */}, "
			 "\"\\x00\\x00\\x00\\x00\"], [{nla_len=8, "
			 "nla_type=IFLA_NUM_RX_QUEUES}, 1], [{nla_len=5, nla_type=IFLA_CARRIER}, "
			 "1], [{nla_len=8, "
			 "nla_type=IFLA_CARRIER_CHANGES}, 0], [{nla_len=8, "
			 "nla_type=IFLA_CARRIER_UP_COUNT}, 0], [{"
			 "nla_len=8, nla_type=IFLA_CARRIER_DOWN_COUNT}, 0], [{nla_len=6, "
			 "nla_type=0x44 /* IFLA_???"
			 " */}, \"\\x00\\x00\"], [{nla_len=6, nla_type=0x45 /* IFLA_??? */}, "
			 "\"\\x00\\x00\"], [{nla_len=5,"
			 " nla_type=IFLA_PROTO_DOWN}, 0], [{nla_len=10, nla_type=IFLA_ADDRESS}, "
			 "00:00:00:00:00:00]"
			 ", [{nla_len=10, nla_type=IFLA_BROADCAST}, 00:00:00:00:00:00], "
			 "[{nla_len=204, nla_type=IF"
			 "LA_STATS64}, {rx_packets=1982, tx_packets=1982, rx_bytes=4764625, "
			 "tx_bytes=4764625, rx_e"
			 "rrors=0, tx_errors=0, rx_dropped=0, tx_dropped=0, multicast=0, "
			 "collisions=0, rx_length_e"
			 "rrors=0, rx_over_errors=0, rx_crc_errors=0, rx_frame_errors=0, "
			 "rx_fifo_errors=0, rx_miss"
			 "ed_errors=0, tx_aborted_errors=0, tx_carrier_errors=0, tx_fifo_errors=0, "
			 "tx_heartbeat_er"
			 "rors=0, tx_window_errors=0, rx_compressed=0, tx_compressed=0, "
			 "rx_nohandler=0, rx_otherho"
			 "st_dropped=0}], [{nla_len=100, nla_type=IFLA_STATS}, {rx_packets=1982, "
			 "tx_packets=1982, "
			 "rx_bytes=4764625, tx_bytes=4764625, rx_errors=0, tx_errors=0, "
			 "rx_dropped=0, tx_dropped=0"
			 ", multicast=0, collisions=0, rx_length_errors=0, rx_over_errors=0, "
			 "rx_crc_errors=0, rx_f"
			 "rame_errors=0, rx_fifo_errors=0, rx_missed_errors=0, "
			 "tx_aborted_errors=0, tx_carrier_err"
			 "ors=0, tx_fifo_errors=0, tx_heartbeat_errors=0, tx_window_errors=0, "
			 "rx_compressed=0, tx_"
			 "compressed=0, rx_nohandler=0}], [{nla_len=12, nla_type=IFLA_XDP}, "
			 "[{nla_len=5, nla_type="
			 "IFLA_XDP_ATTACHED}, XDP_ATTACHED_NONE]], [{nla_len=12, "
			 "nla_type=IFLA_QDISC}, \"noqueue\"],"
			 " [{nla_len=816, nla_type=IFLA_AF_SPEC}, [[{nla_len=140, "
			 "nla_type=AF_INET}, [{nla_len=136"
			 ", nla_type=IFLA_INET_CONF}, [[IPV4_DEVCONF_FORWARDING-1]=0, "
			 "[IPV4_DEVCONF_MC_FORWARDING-"
			 "1]=0, [IPV4_DEVCONF_PROXY_ARP-1]=0, [IPV4_DEVCONF_ACCEPT_REDIRECTS-1]=1, "
			 "[IPV4_DEVCONF_S"
			 "ECURE_REDIRECTS-1]=1, [IPV4_DEVCONF_SEND_REDIRECTS-1]=1, "
			 "[IPV4_DEVCONF_SHARED_MEDIA-1]=1"
			 ", [IPV4_DEVCONF_RP_FILTER-1]=0, [IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE-1]=1, "
			 "[IPV4_DEVCONF_BO"
			 "OTP_RELAY-1]=0, [IPV4_DEVCONF_LOG_MARTIANS-1]=0, [IPV4_DEVCONF_TAG-1]=0, "
			 "[IPV4_DEVCONF_A"
			 "RPFILTER-1]=0, [IPV4_DEVCONF_MEDIUM_ID-1]=0, [IPV4_DEVCONF_NOXFRM-1]=1, "
			 "[IPV4_DEVCONF_NO"
			 "POLICY-1]=1, [IPV4_DEVCONF_FORCE_IGMP_VERSION-1]=0, "
			 "[IPV4_DEVCONF_ARP_ANNOUNCE-1]=0, [IP"
			 "V4_DEVCONF_ARP_IGNORE-1]=0, [IPV4_DEVCONF_PROMOTE_SECONDARIES-1]=0, "
			 "[IPV4_DEVCONF_ARP_AC"
			 "CEPT-1]=0, [IPV4_DEVCONF_ARP_NOTIFY-1]=0, "
			 "[IPV4_DEVCONF_ACCEPT_LOCAL-1]=0, [IPV4_DEVCONF"
			 "_SRC_VMARK-1]=0, [IPV4_DEVCONF_PROXY_ARP_PVLAN-1]=0, "
			 "[IPV4_DEVCONF_ROUTE_LOCALNET-1]=0, "
			 "[IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL-1]=10000, "
			 "[IPV4_DEVCONF_IGMPV3_UNSOLICI"
			 "TED_REPORT_INTERVAL-1]=1000, "
			 "[IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN-1]=0, [IPV4_DEVCO"
			 "NF_DROP_UNICAST_IN_L2_MULTICAST-1]=0, "
			 "[IPV4_DEVCONF_DROP_GRATUITOUS_ARP-1]=0, [IPV4_DEVC"
			 "ONF_BC_FORWARDING-1]=0, [IPV4_DEVCONF_ARP_EVICT_NOCARRIER-1]=1]]], "
			 "[{nla_len=672, nla_ty"
			 "pe=AF_INET6}, [[{nla_len=8, nla_type=IFLA_INET6_FLAGS}, IF_READY], "
			 "[{nla_len=20, nla_typ"
			 "e=IFLA_INET6_CACHEINFO}, {max_reasm_len=65535, tstamp=22, "
			 "reachable_time=39772, retrans_"
			 "time=1000}], [{nla_len=244, nla_type=IFLA_INET6_CONF}, "
			 "[[DEVCONF_FORWARDING]=0, [DEVCONF"
			 "_HOPLIMIT]=64, [DEVCONF_MTU6]=65536, [DEVCONF_ACCEPT_RA]=1, "
			 "[DEVCONF_ACCEPT_REDIRECTS]=1"
			 ", [DEVCONF_AUTOCONF]=1, [DEVCONF_DAD_TRANSMITS]=1, "
			 "[DEVCONF_RTR_SOLICITS]=-1, [DEVCONF_R"
			 "TR_SOLICIT_INTERVAL]=4000, [DEVCONF_RTR_SOLICIT_DELAY]=1000, "
			 "[DEVCONF_USE_TEMPADDR]=-1, "
			 "[DEVCONF_TEMP_VALID_LFT]=604800, [DEVCONF_TEMP_PREFERED_LFT]=86400, "
			 "[DEVCONF_REGEN_MAX_R"
			 "ETRY]=3, [DEVCONF_MAX_DESYNC_FACTOR]=600, [DEVCONF_MAX_ADDRESSES]=16, "
			 "[DEVCONF_FORCE_MLD"
			 "_VERSION]=0, [DEVCONF_ACCEPT_RA_DEFRTR]=1, [DEVCONF_ACCEPT_RA_PINFO]=1, "
			 "[DEVCONF_ACCEPT_"
			 "RA_RTR_PREF]=1, [DEVCONF_RTR_PROBE_INTERVAL]=60000, "
			 "[DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN]"
			 "=0, [DEVCONF_PROXY_NDP]=0, [DEVCONF_OPTIMISTIC_DAD]=0, "
			 "[DEVCONF_ACCEPT_SOURCE_ROUTE]=0, "
			 "[DEVCONF_MC_FORWARDING]=0, [DEVCONF_DISABLE_IPV6]=0, "
			 "[DEVCONF_ACCEPT_DAD]=-1, [DEVCONF_F"
			 "ORCE_TLLAO]=0, [DEVCONF_NDISC_NOTIFY]=0, "
			 "[DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL]=100"
			 "00, [DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL]=1000, "
			 "[DEVCONF_SUPPRESS_FRAG_NDISC]=1, ["
			 "DEVCONF_ACCEPT_RA_FROM_LOCAL]=0, [DEVCONF_USE_OPTIMISTIC]=0, "
			 "[DEVCONF_ACCEPT_RA_MTU]=1, "
			 "[DEVCONF_STABLE_SECRET]=0, [DEVCONF_USE_OIF_ADDRS_ONLY]=0, "
			 "[DEVCONF_ACCEPT_RA_MIN_HOP_LI"
			 "MIT]=1, [DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN]=0, "
			 "[DEVCONF_DROP_UNICAST_IN_L2_MULTICAST]="
			 "0, [DEVCONF_DROP_UNSOLICITED_NA]=0, [DEVCONF_KEEP_ADDR_ON_DOWN]=0, "
			 "[DEVCONF_RTR_SOLICIT_"
			 "MAX_INTERVAL]=3600000, [DEVCONF_SEG6_ENABLED]=0, "
			 "[DEVCONF_SEG6_REQUIRE_HMAC]=0, [DEVCONF"
			 "_ENHANCED_DAD]=1, [DEVCONF_ADDR_GEN_MODE]=0, [DEVCONF_DISABLE_POLICY]=0, "
			 "[DEVCONF_ACCEPT"
			 "_RA_RT_INFO_MIN_PLEN]=0, [DEVCONF_NDISC_TCLASS]=0, "
			 "[DEVCONF_RPL_SEG_ENABLED]=0, [DEVCONF"
			 "_RA_DEFRTR_METRIC]=1024, [DEVCONF_IOAM6_ENABLED]=0, "
			 "[DEVCONF_IOAM6_ID]=65535, [DEVCONF_I"
			 "OAM6_ID_WIDE]=-1, [DEVCONF_NDISC_EVICT_NOCARRIER]=1, "
			 "[DEVCONF_ACCEPT_UNTRACKED_NA]=0, [5"
			 "8 /* DEVCONF_??? */]=0, [59 /* DEVCONF_??? */]=0]], [{nla_len=308, "
			 "nla_type=IFLA_INET6_S"
			 "TATS}, [[IPSTATS_MIB_NUM]=38, [IPSTATS_MIB_INPKTS]=139, "
			 "[IPSTATS_MIB_INOCTETS]=10432, [I"
			 "PSTATS_MIB_INDELIVERS]=138, [IPSTATS_MIB_OUTFORWDATAGRAMS]=139, "
			 "[IPSTATS_MIB_OUTPKTS]=0,"
			 " [IPSTATS_MIB_OUTOCTETS]=0, [IPSTATS_MIB_INHDRERRORS]=0, "
			 "[IPSTATS_MIB_INTOOBIGERRORS]=13"
			 "8, [IPSTATS_MIB_INNOROUTES]=138, [IPSTATS_MIB_INADDRERRORS]=10304, "
			 "[IPSTATS_MIB_INUNKNOW"
			 "NPROTOS]=0, [IPSTATS_MIB_INTRUNCATEDPKTS]=0, [IPSTATS_MIB_INDISCARDS]=0, "
			 "[IPSTATS_MIB_OU"
			 "TDISCARDS]=0, [IPSTATS_MIB_OUTNOROUTES]=0, [IPSTATS_MIB_REASMTIMEOUT]=0, "
			 "[IPSTATS_MIB_RE"
			 "ASMREQDS]=0, [IPSTATS_MIB_REASMOKS]=0, [IPSTATS_MIB_REASMFAILS]=0, "
			 "[IPSTATS_MIB_FRAGOKS]"
			 "=0, [IPSTATS_MIB_FRAGFAILS]=0, [IPSTATS_MIB_FRAGCREATES]=0, "
			 "[IPSTATS_MIB_INMCASTPKTS]=0,"
			 " [IPSTATS_MIB_OUTMCASTPKTS]=0, [IPSTATS_MIB_INBCASTPKTS]=0, "
			 "[IPSTATS_MIB_OUTBCASTPKTS]=0"
			 ", [IPSTATS_MIB_INMCASTOCTETS]=0, [IPSTATS_MIB_OUTMCASTOCTETS]=0, "
			 "[IPSTATS_MIB_INBCASTOCT"
			 "ETS]=0, [IPSTATS_MIB_OUTBCASTOCTETS]=0, [IPSTATS_MIB_CSUMERRORS]=0, "
			 "[IPSTATS_MIB_NOECTPK"
			 "TS]=0, [IPSTATS_MIB_ECT1PKTS]=0, [IPSTATS_MIB_ECT0PKTS]=0, "
			 "[IPSTATS_MIB_CEPKTS]=0, [IPST"
			 "ATS_MIB_REASM_OVERLAPS]=0, [37 /* IPSTATS_MIB_??? */]=0]], [{nla_len=60, "
			 "nla_type=IFLA_I"
			 "NET6_ICMP6STATS}, [[ICMP6_MIB_NUM]=7, [ICMP6_MIB_INMSGS]=0, "
			 "[ICMP6_MIB_INERRORS]=1, [ICM"
			 "P6_MIB_OUTMSGS]=0, [ICMP6_MIB_OUTERRORS]=0, [ICMP6_MIB_CSUMERRORS]=0, [6 "
			 "/* ICMP6_MIB_??"
			 "? */]=0]], [{nla_len=20, nla_type=IFLA_INET6_TOKEN}, inet_pton(AF_INET6, "
			 "\"::\")], [{nla_l"
			 "en=5, nla_type=IFLA_INET6_ADDR_GEN_MODE}, IN6_ADDR_GEN_MODE_EUI64]]]]], "
			 "[{nla_len=36, nl"
			 "a_type=IFLA_MAP}, {mem_start=0, mem_end=0, base_addr=0, irq=0, dma=0, "
			 "port=0}], {nla_len"
			 "=4, nla_type=NLA_F_NESTED|0x3e /* IFLA_??? */}, {nla_len=4, "
			 "nla_type=NLA_F_NESTED|0x41 /"
			 "* IFLA_??? */}]], [{nlmsg_len=1484, nlmsg_type=RTM_NEWLINK, "
			 "nlmsg_flags=NLM_F_MULTI, nlm"
			 "sg_seq=42, nlmsg_pid=10853}, {ifi_family=AF_UNSPEC, "
			 "ifi_type=ARPHRD_ETHER, ifi_index=if_"
			 "nametoindex(\"ifb0\"), ifi_flags=IFF_BROADCAST|IFF_NOARP, ifi_change=0}, "
			 "[[{nla_len=9, nla"
			 "_type=IFLA_IFNAME}, \"ifb0\"], [{nla_len=8, nla_type=IFLA_TXQLEN}, 32], "
			 "[{nla_len=5, nla_t"
			 "ype=IFLA_OPERSTATE}, 2], [{nla_len=5, nla_type=IFLA_LINKMODE}, 0], "
			 "[{nla_len=5, nla_type"
			 "=0x43 /* IFLA_??? */}, \"\\x00\"], [{nla_len=8, nla_type=IFLA_MTU}, "
			 "1500], [{nla_len=8, nla"
			 "_type=IFLA_MIN_MTU}, 0], [{nla_len=8, nla_type=IFLA_MAX_MTU}, 0], "
			 "[{nla_len=8, nla_type="
			 "IFLA_GROUP}, 0], [{nla_len=8, nla_type=IFLA_PROMISCUITY}, 0], "
			 "[{nla_len=8, nla_type=IFLA"
			 "_ALLMULTI}, 0], [{nla_len=8, nla_type=IFLA_NUM_TX_QUEUES}, 1], "
			 "[{nla_len=8, nla_type=IFL"
			 "A_GSO_MAX_SEGS}, 65535], [{nla_len=8, nla_type=IFLA_GSO_MAX_SIZE}, "
			 "65536], [{nla_len=8, "
			 "nla_type=IFLA_GRO_MAX_SIZE}, 65536], [{nla_len=8, nla_type=0x3f /* "
			 "IFLA_??? */}, \"\\x00\\x"
			 "00\\x01\\x00\"], [{nla_len=8, nla_type=0x40 /* IFLA_??? */}, "
			 "\"\\x00\\x00\\x01\\x00\"], [{nla_len"
			 "=8, nla_type=IFLA_TSO_MAX_SIZE}, 524280], [{nla_len=8, "
			 "nla_type=IFLA_TSO_MAX_SEGS}, 6553"
			 "5], [{nla_len=8, nla_type=0x42 /* IFLA_??? */}, "
			 "\"\\x00\\x00\\x00\\x00\"], [{nla_len=8, nla_ty"
			 "pe=IFLA_NUM_RX_QUEUES}, 1], [{nla_len=5, nla_type=IFLA_CARRIER}, 1], "
			 "[{nla_len=8, nla_ty"
			 "pe=IFLA_CARRIER_CHANGES}, 0], [{nla_len=8, "
			 "nla_type=IFLA_CARRIER_UP_COUNT}, 0], [{nla_le"
			 "n=8, nla_type=IFLA_CARRIER_DOWN_COUNT}, 0], [{nla_len=6, nla_type=0x44 "
			 "/* IFLA_??? */}, "
			 "\"\\x00\\x00\"], [{nla_len=6, nla_type=0x45 /* IFLA_??? */}, "
			 "\"\\x00\\x00\"], [{nla_len=5, nla_t"
			 "ype=IFLA_PROTO_DOWN}, 0], [{nla_len=10, nla_type=IFLA_ADDRESS}, "
			 "b2:06:32:fc:44:9a], [{nl"
			 "a_len=10, nla_type=IFLA_BROADCAST}, ff:ff:ff:ff:ff:ff], [{nla_len=204, "
			 "nla_type=IFLA_STA"
			 "TS64}, {rx_packets=0, tx_packets=0, rx_bytes=0, tx_bytes=0, rx_errors=0, "
			 "tx_errors=0, rx"
			 "_dropped=0, tx_dropped=0, multicast=0, collisions=0, rx_length_errors=0, "
			 "rx_over_errors="
			 "0, rx_crc_errors=0, rx_frame_errors=0, rx_fifo_errors=0, "
			 "rx_missed_errors=0, tx_aborted_"
			 "errors=0, tx_carrier_errors=0, tx_fifo_errors=0, tx_heartbeat_errors=0, "
			 "tx_window_errors"
			 "=0, rx_compressed=0, tx_compressed=0, rx_nohandler=0, "
			 "rx_otherhost_dropped=0}], [{nla_le"
			 "n=100, nla_type=IFLA_STATS}, {rx_packets=0, tx_packets=0, rx_bytes=0, "
			 "tx_bytes=0, rx_err"
			 "ors=0, tx_errors=0, rx_dropped=0, tx_dropped=0, multicast=0, "
			 "collisions=0, rx_length_err"
			 "ors=0, rx_over_errors=0, rx_crc_errors=0, rx_frame_errors=0, "
			 "rx_fifo_errors=0, rx_missed"
			 "_errors=0, tx_aborted_errors=0, tx_carrier_errors=0, tx_fifo_errors=0, "
			 "tx_heartbeat_erro"
			 "rs=0, tx_window_errors=0, rx_compressed=0, tx_compressed=0, "
			 "rx_nohandler=0}], [{nla_len="
			 "12, nla_type=IFLA_XDP}, [{nla_len=5, nla_type=IFLA_XDP_ATTACHED}, "
			 "XDP_ATTACHED_NONE]], ["
			 "{nla_len=12, nla_type=IFLA_LINKINFO}, [{nla_len=8, "
			 "nla_type=IFLA_INFO_KIND}, \"ifb\"]], [{"
			 "nla_len=9, nla_type=IFLA_QDISC}, \"noop\"], [{nla_len=816, "
			 "nla_type=IFLA_AF_SPEC}, [[{nla_"
			 "len=140, nla_type=AF_INET}, [{nla_len=136, nla_type=IFLA_INET_CONF}, "
			 "[[IPV4_DEVCONF_FORW"
			 "ARDING-1]=0, [IPV4_DEVCONF_MC_FORWARDING-1]=0, "
			 "[IPV4_DEVCONF_PROXY_ARP-1]=0, [IPV4_DEVCO"
			 "NF_ACCEPT_REDIRECTS-1]=1, [IPV4_DEVCONF_SECURE_REDIRECTS-1]=1, "
			 "[IPV4_DEVCONF_SEND_REDIRE"
			 "CTS-1]=1, [IPV4_DEVCONF_SHARED_MEDIA-1]=1, [IPV4_DEVCONF_RP_FILTER-1]=0, "
			 "[IPV4_DEVCONF_A"
			 "CCEPT_SOURCE_ROUTE-1]=1, [IPV4_DEVCONF_BOOTP_RELAY-1]=0, "
			 "[IPV4_DEVCONF_LOG_MARTIANS-1]=0"
			 ", [IPV4_DEVCONF_TAG-1]=0, [IPV4_DEVCONF_ARPFILTER-1]=0, "
			 "[IPV4_DEVCONF_MEDIUM_ID-1]=0, [I"
			 "PV4_DEVCONF_NOXFRM-1]=0, [IPV4_DEVCONF_NOPOLICY-1]=0, "
			 "[IPV4_DEVCONF_FORCE_IGMP_VERSION-1"
			 "]=0, [IPV4_DEVCONF_ARP_ANNOUNCE-1]=0, [IPV4_DEVCONF_ARP_IGNORE-1]=0, "
			 "[IPV4_DEVCONF_PROMO"
			 "TE_SECONDARIES-1]=0, [IPV4_DEVCONF_ARP_ACCEPT-1]=0, "
			 "[IPV4_DEVCONF_ARP_NOTIFY-1]=0, [IPV4"
			 "_DEVCONF_ACCEPT_LOCAL-1]=0, [IPV4_DEVCONF_SRC_VMARK-1]=0, "
			 "[IPV4_DEVCONF_PROXY_ARP_PVLAN-"
			 "1]=0, [IPV4_DEVCONF_ROUTE_LOCALNET-1]=0, "
			 "[IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVA"
			 "L-1]=10000, [IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL-1]=1000, "
			 "[IPV4_DEVCONF_IGNO"
			 "RE_ROUTES_WITH_LINKDOWN-1]=0, "
			 "[IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST-1]=0, [IPV4_DEV"
			 "CONF_DROP_GRATUITOUS_ARP-1]=0, [IPV4_DEVCONF_BC_FORWARDING-1]=0, "
			 "[IPV4_DEVCONF_ARP_EVICT"
			 "_NOCARRIER-1]=1]]], [{nla_len=672, nla_type=AF_INET6}, [[{nla_len=8, "
			 "nla_type=IFLA_INET6"
			 "_FLAGS}, 0], [{nla_len=20, nla_type=IFLA_INET6_CACHEINFO}, "
			 "{max_reasm_len=65535, tstamp="
			 "18, reachable_time=39284, retrans_time=1000}], [{nla_len=244, "
			 "nla_type=IFLA_INET6_CONF},"
			 " [[DEVCONF_FORWARDING]=0, [DEVCONF_HOPLIMIT]=64, [DEVCONF_MTU6]=1500, "
			 "[DEVCONF_ACCEPT_RA"
			 "]=1, [DEVCONF_ACCEPT_REDIRECTS]=1, [DEVCONF_AUTOCONF]=1, "
			 "[DEVCONF_DAD_TRANSMITS]=1, [DEV"
			 "CONF_RTR_SOLICITS]=-1, [DEVCONF_RTR_SOLICIT_INTERVAL]=4000, "
			 "[DEVCONF_RTR_SOLICIT_DELAY]="
			 "1000, [DEVCONF_USE_TEMPADDR]=0, [DEVCONF_TEMP_VALID_LFT]=604800, "
			 "[DEVCONF_TEMP_PREFERED_"
			 "LFT]=86400, [DEVCONF_REGEN_MAX_RETRY]=3, "
			 "[DEVCONF_MAX_DESYNC_FACTOR]=600, [DEVCONF_MAX_A"
			 "DDRESSES]=16, [DEVCONF_FORCE_MLD_VERSION]=0, "
			 "[DEVCONF_ACCEPT_RA_DEFRTR]=1, [DEVCONF_ACCE"
			 "PT_RA_PINFO]=1, [DEVCONF_ACCEPT_RA_RTR_PREF]=1, "
			 "[DEVCONF_RTR_PROBE_INTERVAL]=60000, [DEV"
			 "CONF_ACCEPT_RA_RT_INFO_MAX_PLEN]=0, [DEVCONF_PROXY_NDP]=0, "
			 "[DEVCONF_OPTIMISTIC_DAD]=0, ["
			 "DEVCONF_ACCEPT_SOURCE_ROUTE]=0, [DEVCONF_MC_FORWARDING]=0, "
			 "[DEVCONF_DISABLE_IPV6]=0, [DE"
			 "VCONF_ACCEPT_DAD]=-1, [DEVCONF_FORCE_TLLAO]=0, [DEVCONF_NDISC_NOTIFY]=0, "
			 "[DEVCONF_MLDV1_"
			 "UNSOLICITED_REPORT_INTERVAL]=10000, "
			 "[DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL]=1000, [D"
			 "EVCONF_SUPPRESS_FRAG_NDISC]=1, [DEVCONF_ACCEPT_RA_FROM_LOCAL]=0, "
			 "[DEVCONF_USE_OPTIMISTIC"
			 "]=0, [DEVCONF_ACCEPT_RA_MTU]=1, [DEVCONF_STABLE_SECRET]=0, "
			 "[DEVCONF_USE_OIF_ADDRS_ONLY]="
			 "0, [DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT]=1, "
			 "[DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN]=0, [DEVCON"
			 "F_DROP_UNICAST_IN_L2_MULTICAST]=0, [DEVCONF_DROP_UNSOLICITED_NA]=0, "
			 "[DEVCONF_KEEP_ADDR_O"
			 "N_DOWN]=0, [DEVCONF_RTR_SOLICIT_MAX_INTERVAL]=3600000, "
			 "[DEVCONF_SEG6_ENABLED]=0, [DEVCON"
			 "F_SEG6_REQUIRE_HMAC]=0, [DEVCONF_ENHANCED_DAD]=1, "
			 "[DEVCONF_ADDR_GEN_MODE]=0, [DEVCONF_DI"
			 "SABLE_POLICY]=0, [DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN]=0, "
			 "[DEVCONF_NDISC_TCLASS]=0, [DEVC"
			 "ONF_RPL_SEG_ENABLED]=0, [DEVCONF_RA_DEFRTR_METRIC]=1024, "
			 "[DEVCONF_IOAM6_ENABLED]=0, [DEV"
			 "CONF_IOAM6_ID]=65535, [DEVCONF_IOAM6_ID_WIDE]=-1, "
			 "[DEVCONF_NDISC_EVICT_NOCARRIER]=1, [DE"
			 "VCONF_ACCEPT_UNTRACKED_NA]=0, [58 /* DEVCONF_??? */]=0, [59 /* "
			 "DEVCONF_??? */]=0]], [{nl"
			 "a_len=308, nla_type=IFLA_INET6_STATS}, [[IPSTATS_MIB_NUM]=38, "
			 "[IPSTATS_MIB_INPKTS]=0, [I"
			 "PSTATS_MIB_INOCTETS]=0, [IPSTATS_MIB_INDELIVERS]=0, "
			 "[IPSTATS_MIB_OUTFORWDATAGRAMS]=0, [I"
			 "PSTATS_MIB_OUTPKTS]=0, [IPSTATS_MIB_OUTOCTETS]=0, "
			 "[IPSTATS_MIB_INHDRERRORS]=0, [IPSTATS_"
			 "MIB_INTOOBIGERRORS]=0, [IPSTATS_MIB_INNOROUTES]=0, "
			 "[IPSTATS_MIB_INADDRERRORS]=0, [IPSTAT"
			 "S_MIB_INUNKNOWNPROTOS]=0, [IPSTATS_MIB_INTRUNCATEDPKTS]=0, "
			 "[IPSTATS_MIB_INDISCARDS]=0, ["
			 "IPSTATS_MIB_OUTDISCARDS]=0, [IPSTATS_MIB_OUTNOROUTES]=0, "
			 "[IPSTATS_MIB_REASMTIMEOUT]=0, ["
			 "IPSTATS_MIB_REASMREQDS]=0, [IPSTATS_MIB_REASMOKS]=0, "
			 "[IPSTATS_MIB_REASMFAILS]=0, [IPSTAT"
			 "S_MIB_FRAGOKS]=0, [IPSTATS_MIB_FRAGFAILS]=0, "
			 "[IPSTATS_MIB_FRAGCREATES]=0, [IPSTATS_MIB_I"
			 "NMCASTPKTS]=0, [IPSTATS_MIB_OUTMCASTPKTS]=0, "
			 "[IPSTATS_MIB_INBCASTPKTS]=0, [IPSTATS_MIB_O"
			 "UTBCASTPKTS]=0, [IPSTATS_MIB_INMCASTOCTETS]=0, "
			 "[IPSTATS_MIB_OUTMCASTOCTETS]=0, [IPSTATS_"
			 "MIB_INBCASTOCTETS]=0, [IPSTATS_MIB_OUTBCASTOCTETS]=0, "
			 "[IPSTATS_MIB_CSUMERRORS]=0, [IPSTA"
			 "TS_MIB_NOECTPKTS]=0, [IPSTATS_MIB_ECT1PKTS]=0, [IPSTATS_MIB_ECT0PKTS]=0, "
			 "[IPSTATS_MIB_CE"
			 "PKTS]=0, [IPSTATS_MIB_REASM_OVERLAPS]=0, [37 /* IPSTATS_MIB_??? */]=0]], "
			 "[{nla_len=60, n"
			 "la_type=IFLA_INET6_ICMP6STATS}, [[ICMP6_MIB_NUM]=7, "
			 "[ICMP6_MIB_INMSGS]=0, [ICMP6_MIB_INE"
			 "RRORS]=0, [ICMP6_MIB_OUTMSGS]=0, [ICMP6_MIB_OUTERRORS]=0, "
			 "[ICMP6_MIB_CSUMERRORS]=0, [6 /"
			 "* ICMP6_MIB_??? */]=0]], [{nla_len=20, nla_type=IFLA_INET6_TOKEN}, "
			 "inet_pton(AF_INET6, \""
			 "::\")], [{nla_len=5, nla_type=IFLA_INET6_ADDR_GEN_MODE}, "
			 "IN6_ADDR_GEN_MODE_EUI64]]]]], [{"
			 "nla_len=36, nla_type=IFLA_MAP}, {mem_start=0, mem_end=0, base_addr=0, "
			 "irq=0, dma=0, port"
			 "=0}], {nla_len=4, nla_type=NLA_F_NESTED|0x3e /* IFLA_??? */}, "
			 "{nla_len=4, nla_type=NLA_F"
			 "_NESTED|0x41 /* IFLA_??? */}]]]");
}

Test(unit_format_netlink, inet_diag_dump_under_v_prints_every_sockopt_bit)
{
	cr_expect_str_eq(
	    nl_verbose(4,
		       "7c000000140002002a000000652a0000020a000007e80000000000000000000000000000000"
		       "0000000000000"
		       "000000000000000000000000000000001700000000000000000000000000000080000000000"
		       "000008c020000"
		       "050008000000000008000f00000000000c00150001000000000000000600160052000000"),
	    "[{nlmsg_len=124, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, "
	    "nlmsg_seq=42, "
	    "nlmsg_pid=10853}, {idiag_family=AF_INET, idiag_state=TCP_LISTEN, idiag_timer=0, "
	    "idiag_re"
	    "trans=0, id={idiag_sport=htons(2024), idiag_dport=htons(0), "
	    "idiag_src=inet_addr(\"0.0.0.0"
	    "\"), idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, idiag_cookie=[23, 0]}, "
	    "idiag_expires=0, "
	    "idiag_rqueue=0, idiag_wqueue=128, idiag_uid=0, idiag_inode=652}, [[{nla_len=5, "
	    "nla_type="
	    "INET_DIAG_SHUTDOWN}, 0], [{nla_len=8, nla_type=INET_DIAG_MARK}, 0], [{nla_len=12, "
	    "nla_ty"
	    "pe=INET_DIAG_CGROUP_ID}, 1], [{nla_len=6, nla_type=INET_DIAG_SOCKOPT}, {recverr=0, "
	    "is_ic"
	    "sk=1, freebind=0, hdrincl=0, mc_loop=1, transparent=0, mc_all=1, nodefrag=0, "
	    "bind_addres"
	    "s_no_port=0, recverr_rfc4884=0, defer_connect=0, unused=0 /* bits 3..8 */}]]]");
}

Test(unit_format_netlink, netlink_diag_request)
{
	cr_expect_str_eq(
	    nl(4, "24000000140001032a0000000000000010ff000000000000030000000000000000000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=36, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nl"
	    "msg_seq=42, nlmsg_pid=0}, {sdiag_family=AF_NETLINK, sdiag_protocol=NDIAG_PROTO_ALL, "
	    "ndia"
	    "g_ino=0, ndiag_show=NDIAG_SHOW_MEMINFO|NDIAG_SHOW_GROUPS, ndiag_cookie=[0, 0]}]");
}

Test(unit_format_netlink, netlink_diag_dump)
{
	cr_expect_str_eq(nl(4,
			    "54000000140002002a0000005b23000010020007000000000000000000000000040000"
			    "000100000000000000"
			    "2800000000000000004003000000000000400300000000000000000000000000000000"
			    "000000000054000000"
			    "140002002a0000005b230000100304075b23000000000000000000005db99e00ae0300"
			    "000000000028000000"
			    "0011000000400300000000000040030000000000000000000000000000000000000000"
			    "005400000014000200"
			    "2a0000005b230000100204070000000000000000000000003502000005000000000000"
			    "002800000040030000"
			    "0040030000000000004003000000000000000000000000000000000000000000540000"
			    "00140002002a000000"
			    "5b23000010020607000000000000000000000000370200000600000000000000280000"
			    "000000000000400300"
			    "0000000000400300000000000000000000000000000000000000000054000000140002"
			    "002a0000005b230000"
			    "10020707000000000000000000000000b3000000070000000000000028000000000000"
			    "000040030000000000"
			    "00400300000000000000000000000000000000000000000054000000140002002a0000"
			    "005b23000010020907"
			    "0000000000000000000000000600000008000000000000002800000000000000004003"
			    "000000000000400300"
			    "000000000000000000000000000000000000000054000000140002002a0000005b2300"
			    "0010020a0700000000"
			    "0000000000000000110400000900000000000000280000000000000000400300000000"
			    "000040030000000000"
			    "0000000000000000000000000000000054000000140002002a0000005b23000010020b"
			    "070000000000000000"
			    "00000000020400000a0000000000000028000000000000000040030000000000004003"
			    "000000000000000000"
			    "00000000000000000000000054000000140002002a0000005b23000010020c07000000"
			    "000000000000000000"
			    "360200000b000000000000002800000000000000004003000000000000400300000000"
			    "000000000000000000"
			    "000000000000000054000000140002002a0000005b23000010020f0700000000000000"
			    "000000000008000000"
			    "0c00000000000000280000000000000000400300000000000040030000000000000000"
			    "000000000000000000"
			    "0000000054000000140002002a0000005b230000100210070000000000000000000000"
			    "00050000000d000000"
			    "0000000028000000000000000040030000000000004003000000000000000000000000"
			    "000000000000000000"
			    "14000000030002002a0000005b23000000000000",
			    SIZE_MAX, 0),
			 "[[{nlmsg_len=84, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
			 "nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=9051}, {ndiag_family=AF_NETLINK, ndiag_type=SOCK_DGRAM, "
			 "ndiag_protocol=NETLINK"
			 "_ROUTE, ndiag_state=TCP_CLOSE, ndiag_portid=0, ndiag_dst_portid=0, "
			 "ndiag_dst_group=0, nd"
			 "iag_ino=4, ndiag_cookie=[1, 0]}, [{nla_len=40, "
			 "nla_type=NETLINK_DIAG_MEMINFO}, [[SK_MEMI"
			 "NFO_RMEM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=212992, "
			 "[SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SN"
			 "DBUF]=212992, [SK_MEMINFO_FWD_ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, "
			 "[SK_MEMINFO_OPTMEM]="
			 "0, [SK_MEMINFO_BACKLOG]=0, [SK_MEMINFO_DROPS]=0]]], [{nlmsg_len=84, "
			 "nlmsg_type=SOCK_DIAG"
			 "_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=9051}, "
			 "{ndiag_family=AF_NET"
			 "LINK, ndiag_type=SOCK_RAW, ndiag_protocol=NETLINK_SOCK_DIAG, "
			 "ndiag_state=TCP_CLOSE, ndia"
			 "g_portid=9051, ndiag_dst_portid=0, ndiag_dst_group=0, "
			 "ndiag_ino=10402141, ndiag_cookie=["
			 "942, 0]}, [{nla_len=40, nla_type=NETLINK_DIAG_MEMINFO}, "
			 "[[SK_MEMINFO_RMEM_ALLOC]=4352, ["
			 "SK_MEMINFO_RCVBUF]=212992, [SK_MEMINFO_WMEM_ALLOC]=0, "
			 "[SK_MEMINFO_SNDBUF]=212992, [SK_ME"
			 "MINFO_FWD_ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, "
			 "[SK_MEMINFO_BACKL"
			 "OG]=0, [SK_MEMINFO_DROPS]=0]]], [{nlmsg_len=84, "
			 "nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_fl"
			 "ags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=9051}, "
			 "{ndiag_family=AF_NETLINK, ndiag_type=SOC"
			 "K_DGRAM, ndiag_protocol=NETLINK_SOCK_DIAG, ndiag_state=TCP_CLOSE, "
			 "ndiag_portid=0, ndiag_"
			 "dst_portid=0, ndiag_dst_group=0, ndiag_ino=565, ndiag_cookie=[5, 0]}, "
			 "[{nla_len=40, nla_"
			 "type=NETLINK_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=832, "
			 "[SK_MEMINFO_RCVBUF]=212992, [S"
			 "K_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, "
			 "[SK_MEMINFO_FWD_ALLOC]=0, [SK_MEMIN"
			 "FO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, [SK_MEMINFO_BACKLOG]=0, "
			 "[SK_MEMINFO_DROPS]=0]]"
			 "], [{nlmsg_len=84, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
			 "nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42"
			 ", nlmsg_pid=9051}, {ndiag_family=AF_NETLINK, ndiag_type=SOCK_DGRAM, "
			 "ndiag_protocol=NETLI"
			 "NK_XFRM, ndiag_state=TCP_CLOSE, ndiag_portid=0, ndiag_dst_portid=0, "
			 "ndiag_dst_group=0, n"
			 "diag_ino=567, ndiag_cookie=[6, 0]}, [{nla_len=40, "
			 "nla_type=NETLINK_DIAG_MEMINFO}, [[SK_M"
			 "EMINFO_RMEM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=212992, "
			 "[SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO"
			 "_SNDBUF]=212992, [SK_MEMINFO_FWD_ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, "
			 "[SK_MEMINFO_OPTME"
			 "M]=0, [SK_MEMINFO_BACKLOG]=0, [SK_MEMINFO_DROPS]=0]]], [{nlmsg_len=84, "
			 "nlmsg_type=SOCK_D"
			 "IAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=9051}, "
			 "{ndiag_family=AF_"
			 "NETLINK, ndiag_type=SOCK_DGRAM, ndiag_protocol=NETLINK_SELINUX, "
			 "ndiag_state=TCP_CLOSE, n"
			 "diag_portid=0, ndiag_dst_portid=0, ndiag_dst_group=0, ndiag_ino=179, "
			 "ndiag_cookie=[7, 0]"
			 "}, [{nla_len=40, nla_type=NETLINK_DIAG_MEMINFO}, "
			 "[[SK_MEMINFO_RMEM_ALLOC]=0, [SK_MEMINFO"
			 "_RCVBUF]=212992, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, "
			 "[SK_MEMINFO_FWD_"
			 "ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, "
			 "[SK_MEMINFO_BACKLOG]=0, [SK"
			 "_MEMINFO_DROPS]=0]]], [{nlmsg_len=84, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
			 "nlmsg_flags=NLM_F_"
			 "MULTI, nlmsg_seq=42, nlmsg_pid=9051}, {ndiag_family=AF_NETLINK, "
			 "ndiag_type=SOCK_DGRAM, n"
			 "diag_protocol=NETLINK_AUDIT, ndiag_state=TCP_CLOSE, ndiag_portid=0, "
			 "ndiag_dst_portid=0, "
			 "ndiag_dst_group=0, ndiag_ino=6, ndiag_cookie=[8, 0]}, [{nla_len=40, "
			 "nla_type=NETLINK_DIA"
			 "G_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=212992, "
			 "[SK_MEMINFO_WMEM_ALL"
			 "OC]=0, [SK_MEMINFO_SNDBUF]=212992, [SK_MEMINFO_FWD_ALLOC]=0, "
			 "[SK_MEMINFO_WMEM_QUEUED]=0,"
			 " [SK_MEMINFO_OPTMEM]=0, [SK_MEMINFO_BACKLOG]=0, [SK_MEMINFO_DROPS]=0]]], "
			 "[{nlmsg_len=84,"
			 " nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=9051},"
			 " {ndiag_family=AF_NETLINK, ndiag_type=SOCK_DGRAM, "
			 "ndiag_protocol=NETLINK_FIB_LOOKUP, ndi"
			 "ag_state=TCP_CLOSE, ndiag_portid=0, ndiag_dst_portid=0, "
			 "ndiag_dst_group=0, ndiag_ino=104"
			 "1, ndiag_cookie=[9, 0]}, [{nla_len=40, nla_type=NETLINK_DIAG_MEMINFO}, "
			 "[[SK_MEMINFO_RMEM"
			 "_ALLOC]=0, [SK_MEMINFO_RCVBUF]=212992, [SK_MEMINFO_WMEM_ALLOC]=0, "
			 "[SK_MEMINFO_SNDBUF]=21"
			 "2992, [SK_MEMINFO_FWD_ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, "
			 "[SK_MEMINFO_OPTMEM]=0, [SK_M"
			 "EMINFO_BACKLOG]=0, [SK_MEMINFO_DROPS]=0]]], [{nlmsg_len=84, "
			 "nlmsg_type=SOCK_DIAG_BY_FAMI"
			 "LY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=9051}, "
			 "{ndiag_family=AF_NETLINK, nd"
			 "iag_type=SOCK_DGRAM, ndiag_protocol=NETLINK_CONNECTOR, "
			 "ndiag_state=TCP_CLOSE, ndiag_port"
			 "id=0, ndiag_dst_portid=0, ndiag_dst_group=0, ndiag_ino=1026, "
			 "ndiag_cookie=[10, 0]}, [{nl"
			 "a_len=40, nla_type=NETLINK_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, "
			 "[SK_MEMINFO_RCVBUF"
			 "]=212992, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, "
			 "[SK_MEMINFO_FWD_ALLOC]="
			 "0, [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, "
			 "[SK_MEMINFO_BACKLOG]=0, [SK_MEMINF"
			 "O_DROPS]=0]]], [{nlmsg_len=84, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
			 "nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_pid=9051}, {ndiag_family=AF_NETLINK, "
			 "ndiag_type=SOCK_DGRAM, ndiag_pr"
			 "otocol=NETLINK_NETFILTER, ndiag_state=TCP_CLOSE, ndiag_portid=0, "
			 "ndiag_dst_portid=0, ndi"
			 "ag_dst_group=0, ndiag_ino=566, ndiag_cookie=[11, 0]}, [{nla_len=40, "
			 "nla_type=NETLINK_DIA"
			 "G_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=212992, "
			 "[SK_MEMINFO_WMEM_ALL"
			 "OC]=0, [SK_MEMINFO_SNDBUF]=212992, [SK_MEMINFO_FWD_ALLOC]=0, "
			 "[SK_MEMINFO_WMEM_QUEUED]=0,"
			 " [SK_MEMINFO_OPTMEM]=0, [SK_MEMINFO_BACKLOG]=0, [SK_MEMINFO_DROPS]=0]]], "
			 "[{nlmsg_len=84,"
			 " nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
			 "nlmsg_pid=9051},"
			 " {ndiag_family=AF_NETLINK, ndiag_type=SOCK_DGRAM, "
			 "ndiag_protocol=NETLINK_KOBJECT_UEVENT,"
			 " ndiag_state=TCP_CLOSE, ndiag_portid=0, ndiag_dst_portid=0, "
			 "ndiag_dst_group=0, ndiag_ino"
			 "=8, ndiag_cookie=[12, 0]}, [{nla_len=40, nla_type=NETLINK_DIAG_MEMINFO}, "
			 "[[SK_MEMINFO_RM"
			 "EM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=212992, [SK_MEMINFO_WMEM_ALLOC]=0, "
			 "[SK_MEMINFO_SNDBUF]="
			 "212992, [SK_MEMINFO_FWD_ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, "
			 "[SK_MEMINFO_OPTMEM]=0, [SK"
			 "_MEMINFO_BACKLOG]=0, [SK_MEMINFO_DROPS]=0]]], [{nlmsg_len=84, "
			 "nlmsg_type=SOCK_DIAG_BY_FA"
			 "MILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=9051}, "
			 "{ndiag_family=AF_NETLINK, "
			 "ndiag_type=SOCK_DGRAM, ndiag_protocol=NETLINK_GENERIC, "
			 "ndiag_state=TCP_CLOSE, ndiag_port"
			 "id=0, ndiag_dst_portid=0, ndiag_dst_group=0, ndiag_ino=5, "
			 "ndiag_cookie=[13, 0]}, [{nla_l"
			 "en=40, nla_type=NETLINK_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, "
			 "[SK_MEMINFO_RCVBUF]=2"
			 "12992, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, "
			 "[SK_MEMINFO_FWD_ALLOC]=0, "
			 "[SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, "
			 "[SK_MEMINFO_BACKLOG]=0, [SK_MEMINFO_D"
			 "ROPS]=0]]], [{nlmsg_len=20, nlmsg_type=NLMSG_DONE, "
			 "nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42"
			 ", nlmsg_pid=9051}, 0]]");
}

Test(unit_format_netlink, packet_diag_request)
{
	cr_expect_str_eq(
	    nl(4, "24000000140001032a0000000000000011000000000000003d0000000000000000000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=36, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nl"
	    "msg_seq=42, nlmsg_pid=0}, {sdiag_family=AF_PACKET, sdiag_protocol=0, pdiag_ino=0, "
	    "pdiag_"
	    "show=PACKET_SHOW_INFO|PACKET_SHOW_RING_CFG|PACKET_SHOW_FANOUT|PACKET_SHOW_MEMINFO|"
	    "PACKET"
	    "_SHOW_FILTER, pdiag_cookie=[0, 0]}]");
}

Test(unit_format_netlink, tcpdiag_getsock_compat_request)
{
	cr_expect_str_eq(nl(4,
			    "4c000000120001032a0000000000000002000000000000000000000000000000000000"
			    "000000000000000000"
			    "000000000000000000000000000000000000000000000000ff0f000000000000",
			    SIZE_MAX, 0),
			 "[{nlmsg_len=76, nlmsg_type=TCPDIAG_GETSOCK, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_"
			 "seq=42, nlmsg_pid=0}, {idiag_family=AF_INET, idiag_src_len=0, "
			 "idiag_dst_len=0, idiag_ext"
			 "=0, id={idiag_sport=htons(0), idiag_dport=htons(0), "
			 "idiag_src=inet_addr(\"0.0.0.0\"), idia"
			 "g_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, idiag_cookie=[0, 0]}, "
			 "idiag_states=1<<TCP_ESTABL"
			 "ISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|1<<TCP_FIN_WAIT2|"
			 "1<<TCP_TIME_WAIT"
			 "|1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_LISTEN|1<<TCP_"
			 "CLOSING|0x1, idiag_"
			 "dbs=0}]");
}

Test(unit_format_netlink, vsock_diag_request_as_family_and_data)
{
	cr_expect_str_eq(nl(4, "14000000030002002a0000005b23000000000000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_pid="
			 "9051}, 0]");
}

Test(unit_format_netlink, getdcb_request)
{
	cr_expect_str_eq(nl(4,
			    "3c000000020000002a0000005b230000feffffff28000000140001032a000000000000"
			    "002800000000000000"
			    "00000000000000000000000000000000",
			    SIZE_MAX, 0),
			 "[{nlmsg_len=60, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=42, "
			 "nlmsg_pid=9051}, {e"
			 "rror=-ENOENT, msg=[{nlmsg_len=40, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
			 "nlmsg_flags=NLM_F_REQU"
			 "EST|NLM_F_DUMP, nlmsg_seq=42, nlmsg_pid=0}, {family=AF_VSOCK, "
			 "data=\"\\x00\\x00\\x00\\x00\\x00"
			 "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x"
			 "00\\x00\\x00\\x00\"}]}]");
}

Test(unit_format_netlink, getaction_request)
{
	cr_expect_str_eq(
	    nl(0,
	       "28000000020000002a0000005b230000a1ffffff140000004e0001032a0000000000000000000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=40, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=42, nlmsg_pid=9051}, "
	    "{e"
	    "rror=-EOPNOTSUPP, msg=[{nlmsg_len=20, nlmsg_type=RTM_GETDCB, "
	    "nlmsg_flags=NLM_F_REQUEST|N"
	    "LM_F_DUMP, nlmsg_seq=42, nlmsg_pid=0}, {dcb_family=AF_UNSPEC, "
	    "cmd=DCB_CMD_UNDEFINED}]}]");
}

Test(unit_format_netlink, getmdb_request)
{
	cr_expect_str_eq(nl(0, "14000000030002002a0000005b23000000000000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=42, nlmsg_pid="
			 "9051}, 0]");
}

Test(unit_format_netlink, rtm_tunnel_types_are_unknown_to_strace_6_1)
{
	cr_expect_str_eq(
	    nl(0, "180000007600010005000000000000000201020003000000", SIZE_MAX, 0),
	    "[{nlmsg_len=24, nlmsg_type=RTM_GETNEXTHOPBUCKET, nlmsg_flags=NLM_F_REQUEST, "
	    "nlmsg_seq=5,"
	    " nlmsg_pid=0}, {family=AF_INET, data=\"\\x01\\x02\\x00\\x03\\x00\\x00\\x00\"}]");
}

Test(unit_format_netlink, linkprop_as_family_and_data)
{
	cr_expect_str_eq(
	    nl(0, "180000006e00010005000000000000000201020003000000", SIZE_MAX, 0),
	    "[{nlmsg_len=24, nlmsg_type=RTM_GETLINKPROP, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=5, "
	    "nlms"
	    "g_pid=0}, {family=AF_INET, data=\"\\x01\\x02\\x00\\x03\\x00\\x00\\x00\"}]");
}

Test(unit_format_netlink, packet_diag_dump_with_info)
{
	cr_expect_str_eq(
	    nl(4,
	       "5400000014000200050000004d00000011030003d204000005000000000000001c00000002000000010"
	       "00000"
	       "00000000000000000000000005000000080004000700000008000500000000000600010001020000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=84, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=5, "
	    "nl"
	    "msg_pid=77}, {pdiag_family=AF_PACKET, pdiag_type=SOCK_RAW, pdiag_num=0x300 /* "
	    "ETH_P_??? "
	    "*/, pdiag_ino=1234, pdiag_cookie=[5, 0]}, [[{nla_len=28, nla_type=PACKET_DIAG_INFO}, "
	    "{pd"
	    "i_index=if_nametoindex(\"ifb0\"), pdi_version=TPACKET_V2, pdi_reserve=0, "
	    "pdi_copy_thresh=0"
	    ", pdi_tstamp=0, pdi_flags=PDI_RUNNING|PDI_ORIGDEV}], [{nla_len=8, "
	    "nla_type=PACKET_DIAG_F"
	    "ANOUT}, 7], [{nla_len=8, nla_type=PACKET_DIAG_UID}, 0], [{nla_len=6, "
	    "nla_type=PACKET_DIA"
	    "G_MCLIST}, \"\\x01\\x02\"]]]");
}

Test(unit_format_netlink, netlink_diag_dump_with_groups_and_flags)
{
	cr_expect_str_eq(nl(4,
			    "4000000014000200050000004d000000100300076400000000000000000000002b0200"
			    "000900000000000000"
			    "0c00010001000000100000000800040021000000",
			    SIZE_MAX, 0),
			 "[{nlmsg_len=64, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=5, nl"
			 "msg_pid=77}, {ndiag_family=AF_NETLINK, ndiag_type=SOCK_RAW, "
			 "ndiag_protocol=NETLINK_ROUTE"
			 ", ndiag_state=TCP_CLOSE, ndiag_portid=100, ndiag_dst_portid=0, "
			 "ndiag_dst_group=0, ndiag_"
			 "ino=555, ndiag_cookie=[9, 0]}, [[{nla_len=12, "
			 "nla_type=NETLINK_DIAG_GROUPS}, [0x00001000"
			 "000001]], [{nla_len=8, nla_type=NETLINK_DIAG_FLAGS}, "
			 "NDIAG_FLAG_CB_RUNNING|NDIAG_FLAG_CA"
			 "P_ACK]]]");
}

Test(unit_format_netlink, newnsid_with_nsid)
{
	cr_expect_str_eq(
	    nl(0, "1c000000580001000500000000000000000000000800010003000000", SIZE_MAX, 0),
	    "[{nlmsg_len=28, nlmsg_type=RTM_NEWNSID, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=5, "
	    "nlmsg_pi"
	    "d=0}, {rtgen_family=AF_UNSPEC}, [{nla_len=8, nla_type=NETNSA_NSID}, 3]]");
}

Test(unit_format_netlink, cachereport_rest_in_hex)
{
	cr_expect_str_eq(
	    nl(0, "1c000000600001000500000000000000020000000800010003000000", SIZE_MAX, 0),
	    "[{nlmsg_len=28, nlmsg_type=RTM_NEWCACHEREPORT, nlmsg_flags=NLM_F_REQUEST, "
	    "nlmsg_seq=5, n"
	    "lmsg_pid=0}, {rtgen_family=AF_INET}, \"\\x08\\x00\\x01\\x00\\x03\\x00\\x00\\x00\"]");
}

Test(unit_format_netlink, newaction_with_act_attributes)
{
	cr_expect_str_eq(
	    nl(0,
	       "280000003000010005000000000000000000000008000300030000000c0002000100000001000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=40, nlmsg_type=RTM_NEWACTION, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=5, "
	    "nlmsg_"
	    "pid=0}, {tca_family=AF_UNSPEC}, [[{nla_len=8, nla_type=TCA_ACT_INDEX}, 3], "
	    "[{nla_len=12,"
	    " nla_type=TCA_ACT_OPTIONS}, \"\\x01\\x00\\x00\\x00\\x01\\x00\\x00\\x00\"]]]");
}

Test(unit_format_netlink, newmdb_nested)
{
	cr_expect_str_eq(
	    nl(0, "2000000054000100050000000000000007000000010000000800010004000100", SIZE_MAX, 0),
	    "[{nlmsg_len=32, nlmsg_type=RTM_NEWMDB, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=5, "
	    "nlmsg_pid"
	    "=0}, {family=AF_BRIDGE, ifindex=if_nametoindex(\"lo\")}, [{nla_len=8, "
	    "nla_type=MDBA_MDB}, "
	    "{nla_len=4, nla_type=MDBA_MDB_ENTRY}]]");
}

Test(unit_format_netlink, newstats_with_short_link64)
{
	cr_expect_str_eq(
	    nl(0,
	       "280000005c00010005000000000000000000000001000000020000000c0001000000000000000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=40, nlmsg_type=RTM_NEWSTATS, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=5, "
	    "nlmsg_p"
	    "id=0}, {family=AF_UNSPEC, ifindex=if_nametoindex(\"lo\"), "
	    "filter_mask=1<<IFLA_STATS_LINK_6"
	    "4}, [{nla_len=12, nla_type=IFLA_STATS_LINK_64}, "
	    "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"]]");
}

Test(unit_format_netlink, dcb_ieee_get_with_ifname)
{
	cr_expect_str_eq(
	    nl(0, "200000004e000100050000000000000000150000090001006574683000000000", SIZE_MAX, 0),
	    "[{nlmsg_len=32, nlmsg_type=RTM_GETDCB, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=5, "
	    "nlmsg_pid"
	    "=0}, {dcb_family=AF_UNSPEC, cmd=DCB_CMD_IEEE_GET}, [{nla_len=9, "
	    "nla_type=DCB_ATTR_IFNAME"
	    "}, \"\\x65\\x74\\x68\\x30\\x00\"]]");
}

Test(unit_format_netlink, getneigh_of_af_bridge_short_is_an_ifinfomsg)
{
	cr_expect_str_eq(
	    nl(0, "1c0000001e0001030500000000000000070000000000000000000000", SIZE_MAX, 0),
	    "[{nlmsg_len=28, nlmsg_type=RTM_GETNEIGH, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nlmsg_seq"
	    "=5, nlmsg_pid=0}, {ifi_family=AF_BRIDGE, ...}]");
}

Test(unit_format_netlink, getneigh_of_af_bridge_is_an_ifinfomsg)
{
	cr_expect_str_eq(
	    nl(0, "200000001e000103050000000000000007000100010000000000000000000000", SIZE_MAX, 0),
	    "[{nlmsg_len=32, nlmsg_type=RTM_GETNEIGH, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nlmsg_seq"
	    "=5, nlmsg_pid=0}, {ifi_family=AF_BRIDGE, ifi_type=ARPHRD_ETHER, "
	    "ifi_index=if_nametoindex"
	    "(\"lo\"), ifi_flags=0, ifi_change=0}]");
}

Test(unit_format_netlink, getneigh_of_af_inet_is_an_ndmsg)
{
	cr_expect_str_eq(
	    nl(0, "1c0000001e0001030500000000000000020000000100000002000001", SIZE_MAX, 0),
	    "[{nlmsg_len=28, nlmsg_type=RTM_GETNEIGH, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nlmsg_seq"
	    "=5, nlmsg_pid=0}, {ndm_family=AF_INET, ndm_ifindex=if_nametoindex(\"lo\"), "
	    "ndm_state=NUD_R"
	    "EACHABLE, ndm_flags=0, ndm_type=RTN_UNICAST}]");
}

Test(unit_format_netlink, getneigh_rtgenmsg_only)
{
	cr_expect_str_eq(nl(0, "140000001e000103050000000000000000000000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=RTM_GETNEIGH, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq"
			 "=5, nlmsg_pid=0}, {ndm_family=AF_UNSPEC, ...}]");
}

Test(unit_format_netlink, xfrm_getsa_takes_get_flags)
{
	cr_expect_str_eq(
	    nl(6,
	       "38000000120001030500000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "000000000000000000000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=56, nlmsg_type=XFRM_MSG_GETSA, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
	    "nlmsg_s"
	    "eq=5, nlmsg_pid=0}, "
	    "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x0"
	    "0\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"...]");
}

Test(unit_format_netlink, xfrm_newsa_takes_new_flags)
{
	cr_expect_str_eq(nl(6,
			    "3800000010000106050000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "000000000000000000000000",
			    SIZE_MAX, 0),
			 "[{nlmsg_len=56, nlmsg_type=XFRM_MSG_NEWSA, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM_F_EXCL|NLM_F_CR"
			 "EATE, nlmsg_seq=5, nlmsg_pid=0}, "
			 "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x"
			 "00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
			 "\\x00\\x00\\x00\\x00\"...]");
}

Test(unit_format_netlink, xfrm_delsa_takes_delete_flags)
{
	cr_expect_str_eq(
	    nl(6,
	       "38000000110001010500000000000000000000000000000000000000000000000000000000000000000"
	       "00000"
	       "000000000000000000000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=56, nlmsg_type=XFRM_MSG_DELSA, nlmsg_flags=NLM_F_REQUEST|NLM_F_NONREC, "
	    "nlmsg"
	    "_seq=5, nlmsg_pid=0}, "
	    "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\"
	    "x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"...]");
}

Test(unit_format_netlink, rtm_setstats_is_unknown_to_strace_6_1)
{
	cr_expect_str_eq(
	    nl(0, "1c0000005f0001030500000000000000000000000100000002000000", SIZE_MAX, 0),
	    "[{nlmsg_len=28, nlmsg_type=0x5f /* RTM_??? */, nlmsg_flags=NLM_F_REQUEST|0x300, "
	    "nlmsg_se"
	    "q=5, nlmsg_pid=0}, {family=AF_UNSPEC, "
	    "data=\"\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x02\\x00\\x00\\x00"
	    "\"}]");
}

/* -x/-xx as strace: set through rn_fmt_opts.hex. */
static const char *nl_x(int proto, const char *hex, unsigned x)
{
	struct rn_fmt_opts o = {.hex = x};
	size_t n = unhex(hex);

	rn_strbuf__reset(&sb);
	rn_format__netlink(&sb, proto, bytes, n, n, &o);
	return sb.buf ? sb.buf : "";
}

Test(unit_format_netlink, strings_end_at_their_nul_or_with_dots)
{
	cr_expect(strstr(
	    nl_x(0,
		 "2800000010000200050000000000000000000100010000000000000000000000070003006c6f0000",
		 0),
	    "IFLA_IFNAME}, \"lo\"]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000700030061626300",
		 0),
	    "IFLA_IFNAME}, \"abc\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000800030000616263",
		 0),
	    "IFLA_IFNAME}, \"\\0abc\"...]]"));
	cr_expect(strstr(nl_x(0,
			      "4c000000100002000500000000000000000001000100000000000000000000002c00"
			      "03007878787878787878"
			      "7878787878787878787878787878787878787878787878787878787878787878",
			      0),
			 "IFLA_IFNAME}, \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"...]]"));
	cr_expect(strstr(nl_x(0,
			      "2c000000100002000500000000000000000001000100000000000000000000000a00"
			      "03006162006364000000",
			      0),
			 "IFLA_IFNAME}, \"ab\\0cd\"]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000800030061096200",
		 0),
	    "IFLA_IFNAME}, \"a\\tb\"]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "280000001000020005000000000000000000010001000000000000000000000007000300ff7a0000",
		 0),
	    "IFLA_IFNAME}, \"\\377z\"]]"));
}

Test(unit_format_netlink, strings_under_x_turn_hex_with_their_nul_and_dots)
{
	cr_expect(strstr(
	    nl_x(0,
		 "2800000010000200050000000000000000000100010000000000000000000000070003006c6f0000",
		 1),
	    "IFLA_IFNAME}, \"\\x6c\\x6f\\x00\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000700030061626300",
		 1),
	    "IFLA_IFNAME}, \"abc\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000800030000616263",
		 1),
	    "IFLA_IFNAME}, \"\\x00\\x61\\x62\\x63\"...]]"));
	cr_expect(strstr(nl_x(0,
			      "4c000000100002000500000000000000000001000100000000000000000000002c00"
			      "03007878787878787878"
			      "7878787878787878787878787878787878787878787878787878787878787878",
			      1),
			 "IFLA_IFNAME}, \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"...]]"));
	cr_expect(strstr(nl_x(0,
			      "2c000000100002000500000000000000000001000100000000000000000000000a00"
			      "03006162006364000000",
			      1),
			 "IFLA_IFNAME}, \"\\x61\\x62\\x00\\x63\\x64\\x00\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000800030061096200",
		 1),
	    "IFLA_IFNAME}, \"\\x61\\x09\\x62\\x00\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "280000001000020005000000000000000000010001000000000000000000000007000300ff7a0000",
		 1),
	    "IFLA_IFNAME}, \"\\xff\\x7a\\x00\"...]]"));
}

Test(unit_format_netlink, strings_and_names_under_xx_are_hex)
{
	cr_expect(strstr(
	    nl_x(0,
		 "2800000010000200050000000000000000000100010000000000000000000000070003006c6f0000",
		 2),
	    "IFLA_IFNAME}, \"\\x6c\\x6f\\x00\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000700030061626300",
		 2),
	    "IFLA_IFNAME}, \"\\x61\\x62\\x63\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000800030000616263",
		 2),
	    "IFLA_IFNAME}, \"\\x00\\x61\\x62\\x63\"...]]"));
	cr_expect(
	    strstr(nl_x(0,
			"4c000000100002000500000000000000000001000100000000000000000000002c00030078"
			"78787878787878"
			"7878787878787878787878787878787878787878787878787878787878787878",
			2),
		   "IFLA_IFNAME}, "
		   "\"\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\"
		   "x78\\x78\\x78\\"
		   "x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\\x78\"...]]"));
	cr_expect(strstr(nl_x(0,
			      "2c000000100002000500000000000000000001000100000000000000000000000a00"
			      "03006162006364000000",
			      2),
			 "IFLA_IFNAME}, \"\\x61\\x62\\x00\\x63\\x64\\x00\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "28000000100002000500000000000000000001000100000000000000000000000800030061096200",
		 2),
	    "IFLA_IFNAME}, \"\\x61\\x09\\x62\\x00\"...]]"));
	cr_expect(strstr(
	    nl_x(0,
		 "280000001000020005000000000000000000010001000000000000000000000007000300ff7a0000",
		 2),
	    "IFLA_IFNAME}, \"\\xff\\x7a\\x00\"...]]"));
}

Test(unit_format_netlink, newaddr_dump_under_xx_quotes_addresses_and_names)
{
	cr_expect_str_eq(
	    nl_x(0,
		 "4c000000140002002a000000652a0000020880fe01000000080001007f000001080002007f0000010"
		 "7000300"
		 "6c6f0000080008008000000014000600ffffffffffffffff160000001600000058000000140002002"
		 "a000000"
		 "652a0000021880000400000008000100c000020208000200c000020208000400c00002ff090003006"
		 "5746830"
		 "00000000080008008000000014000600ffffffffffffffff160000001600000050000000140002002"
		 "a000000"
		 "652a00000a8080fe01000000140001000000000000000000000000000000000114000600fffffffff"
		 "fffffff"
		 "1600000016000000080008008000000005000b000100000048000000140002002a000000652a00000"
		 "a408200"
		 "0400000014000100fd00000000000000000000000000000214000600ffffffffffffffff160000001"
		 "6000000"
		 "080008008200000050000000140002002a000000652a00000a4080fd0400000014000100fe8000000"
		 "0000000"
		 "00fc00fffe00000114000600ffffffffffffffff1600000016000000080008008000000005000b000"
		 "3000000",
		 2),
	    "[[{nlmsg_len=76, nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
	    "nlmsg_pi"
	    "d=10853}, {ifa_family=AF_INET, ifa_prefixlen=8, ifa_flags=IFA_F_PERMANENT, "
	    "ifa_scope=RT_"
	    "SCOPE_HOST, ifa_index=if_nametoindex(\"\\x6c\\x6f\")}, [[{nla_len=8, "
	    "nla_type=IFA_ADDRESS}, "
	    "inet_addr(\"\\x31\\x32\\x37\\x2e\\x30\\x2e\\x30\\x2e\\x31\")], [{nla_len=8, "
	    "nla_type=IFA_LOCAL}, in"
	    "et_addr(\"\\x31\\x32\\x37\\x2e\\x30\\x2e\\x30\\x2e\\x31\")], [{nla_len=7, "
	    "nla_type=IFA_LABEL}, \"\\x6"
	    "c\\x6f\\x00\"...], [{nla_len=8, nla_type=IFA_FLAGS}, IFA_F_PERMANENT], [{nla_len=20, "
	    "nla_ty"
	    "pe=IFA_CACHEINFO}, {ifa_prefered=4294967295, ifa_valid=4294967295, cstamp=22, "
	    "tstamp=22}"
	    "]]], [{nlmsg_len=88, nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
	    "nlms"
	    "g_pid=10853}, {ifa_family=AF_INET, ifa_prefixlen=24, ifa_flags=IFA_F_PERMANENT, "
	    "ifa_scop"
	    "e=RT_SCOPE_UNIVERSE, ifa_index=if_nametoindex(\"\\x65\\x74\\x68\\x30\")}, "
	    "[[{nla_len=8, nla_ty"
	    "pe=IFA_ADDRESS}, inet_addr(\"\\x31\\x39\\x32\\x2e\\x30\\x2e\\x32\\x2e\\x32\")], "
	    "[{nla_len=8, nla_ty"
	    "pe=IFA_LOCAL}, inet_addr(\"\\x31\\x39\\x32\\x2e\\x30\\x2e\\x32\\x2e\\x32\")], "
	    "[{nla_len=8, nla_type"
	    "=IFA_BROADCAST}, "
	    "inet_addr(\"\\x31\\x39\\x32\\x2e\\x30\\x2e\\x32\\x2e\\x32\\x35\\x35\")], [{nla_len=9"
	    ", nla_type=IFA_LABEL}, \"\\x65\\x74\\x68\\x30\\x00\"...], [{nla_len=8, "
	    "nla_type=IFA_FLAGS}, IFA"
	    "_F_PERMANENT], [{nla_len=20, nla_type=IFA_CACHEINFO}, {ifa_prefered=4294967295, "
	    "ifa_vali"
	    "d=4294967295, cstamp=22, tstamp=22}]]], [{nlmsg_len=80, nlmsg_type=RTM_NEWADDR, "
	    "nlmsg_fl"
	    "ags=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=10853}, {ifa_family=AF_INET6, "
	    "ifa_prefixlen=128"
	    ", ifa_flags=IFA_F_PERMANENT, ifa_scope=RT_SCOPE_HOST, "
	    "ifa_index=if_nametoindex(\"\\x6c\\x6f"
	    "\")}, [[{nla_len=20, nla_type=IFA_ADDRESS}, inet_pton(AF_INET6, "
	    "\"\\x3a\\x3a\\x31\")], [{nla_l"
	    "en=20, nla_type=IFA_CACHEINFO}, {ifa_prefered=4294967295, ifa_valid=4294967295, "
	    "cstamp=2"
	    "2, tstamp=22}], [{nla_len=8, nla_type=IFA_FLAGS}, IFA_F_PERMANENT], [{nla_len=5, "
	    "nla_typ"
	    "e=IFA_PROTO}, \"\\x01\"]]], [{nlmsg_len=72, nlmsg_type=RTM_NEWADDR, "
	    "nlmsg_flags=NLM_F_MULTI"
	    ", nlmsg_seq=42, nlmsg_pid=10853}, {ifa_family=AF_INET6, ifa_prefixlen=64, "
	    "ifa_flags=IFA_"
	    "F_NODAD|IFA_F_PERMANENT, ifa_scope=RT_SCOPE_UNIVERSE, "
	    "ifa_index=if_nametoindex(\"\\x65\\x74"
	    "\\x68\\x30\")}, [[{nla_len=20, nla_type=IFA_ADDRESS}, inet_pton(AF_INET6, "
	    "\"\\x66\\x64\\x30\\x30"
	    "\\x3a\\x3a\\x32\")], [{nla_len=20, nla_type=IFA_CACHEINFO}, {ifa_prefered=4294967295, "
	    "ifa_va"
	    "lid=4294967295, cstamp=22, tstamp=22}], [{nla_len=8, nla_type=IFA_FLAGS}, "
	    "IFA_F_NODAD|IF"
	    "A_F_PERMANENT]]], [{nlmsg_len=80, nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_MULTI, "
	    "nlmsg"
	    "_seq=42, nlmsg_pid=10853}, {ifa_family=AF_INET6, ifa_prefixlen=64, "
	    "ifa_flags=IFA_F_PERMA"
	    "NENT, ifa_scope=RT_SCOPE_LINK, ifa_index=if_nametoindex(\"\\x65\\x74\\x68\\x30\")}, "
	    "[[{nla_len"
	    "=20, nla_type=IFA_ADDRESS}, inet_pton(AF_INET6, "
	    "\"\\x66\\x65\\x38\\x30\\x3a\\x3a\\x66\\x63\\x3a\\x6"
	    "6\\x66\\x3a\\x66\\x65\\x30\\x30\\x3a\\x31\")], [{nla_len=20, nla_type=IFA_CACHEINFO}, "
	    "{ifa_prefer"
	    "ed=4294967295, ifa_valid=4294967295, cstamp=22, tstamp=22}], [{nla_len=8, "
	    "nla_type=IFA_F"
	    "LAGS}, IFA_F_PERMANENT], [{nla_len=5, nla_type=IFA_PROTO}, \"\\x03\"]]]]");
}

Test(unit_format_netlink, route_metrics_nested)
{
	cr_expect_str_eq(nl(0,
			    "4c00000018000006050000000000000002180000fe0400010000000030000880080002"
			    "007805000008000800"
			    "400000000a001000637562696300000008000c0001000000080003000a000000",
			    SIZE_MAX, 64),
			 "[{nlmsg_len=76, nlmsg_type=RTM_NEWROUTE, "
			 "nlmsg_flags=NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq="
			 "5, nlmsg_pid=0}, {rtm_family=AF_INET, rtm_dst_len=24, rtm_src_len=0, "
			 "rtm_tos=0, rtm_tabl"
			 "e=RT_TABLE_MAIN, rtm_protocol=RTPROT_STATIC, "
			 "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_U"
			 "NICAST, rtm_flags=0}, [{nla_len=48, nla_type=NLA_F_NESTED|RTA_METRICS}, "
			 "[[{nla_len=8, nl"
			 "a_type=RTAX_MTU}, 1400], [{nla_len=8, nla_type=RTAX_ADVMSS}, 64], "
			 "[{nla_len=10, nla_type"
			 "=RTAX_CC_ALGO}, \"cubic\"], [{nla_len=8, nla_type=RTAX_FEATURES}, 1], "
			 "[{nla_len=8, nla_typ"
			 "e=RTAX_WINDOW}, 10]]]]");
}

Test(unit_format_netlink, route_multipath_two_nexthops)
{
	cr_expect_str_eq(nl(0,
			    "3800000018000006050000000000000002180000fe040001000000001c000900100000"
			    "010100000008000500"
			    "0a0000010800040002000000",
			    SIZE_MAX, 64),
			 "[{nlmsg_len=56, nlmsg_type=RTM_NEWROUTE, "
			 "nlmsg_flags=NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq="
			 "5, nlmsg_pid=0}, {rtm_family=AF_INET, rtm_dst_len=24, rtm_src_len=0, "
			 "rtm_tos=0, rtm_tabl"
			 "e=RT_TABLE_MAIN, rtm_protocol=RTPROT_STATIC, "
			 "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_U"
			 "NICAST, rtm_flags=0}, [{nla_len=28, nla_type=RTA_MULTIPATH}, "
			 "[[{rtnh_len=16, rtnh_flags="
			 "0, rtnh_hops=1, rtnh_ifindex=if_nametoindex(\"lo\")}, [{nla_len=8, "
			 "nla_type=RTA_GATEWAY}, "
			 "inet_addr(\"10.0.0.1\")]], {rtnh_len=8, rtnh_flags=RTNH_F_ONLINK, "
			 "rtnh_hops=0, rtnh_ifinde"
			 "x=if_nametoindex(\"ifb0\")}]]]");
}

Test(unit_format_netlink, route_encap_pref_expires_ports_via_newdst)
{
	cr_expect_str_eq(nl(0,
			    "5c00000018000006050000000000000002180000fe0400010000000006001500010000"
			    "000500140001000000"
			    "0c001700f40100000000000005001b000600000006001c00005000000a001200020001"
			    "020304000008001300"
			    "01020304",
			    SIZE_MAX, 64),
			 "[{nlmsg_len=92, nlmsg_type=RTM_NEWROUTE, "
			 "nlmsg_flags=NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq="
			 "5, nlmsg_pid=0}, {rtm_family=AF_INET, rtm_dst_len=24, rtm_src_len=0, "
			 "rtm_tos=0, rtm_tabl"
			 "e=RT_TABLE_MAIN, rtm_protocol=RTPROT_STATIC, "
			 "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_U"
			 "NICAST, rtm_flags=0}, [[{nla_len=6, nla_type=RTA_ENCAP_TYPE}, "
			 "LWTUNNEL_ENCAP_MPLS], [{nl"
			 "a_len=5, nla_type=RTA_PREF}, 1], [{nla_len=12, nla_type=RTA_EXPIRES}, "
			 "500], [{nla_len=5,"
			 " nla_type=RTA_IP_PROTO}, 6], [{nla_len=6, nla_type=RTA_SPORT}, 20480], "
			 "[{nla_len=10, nla"
			 "_type=RTA_VIA}, {rtvia_family=AF_INET, "
			 "rtvia_addr=inet_addr(\"1.2.3.4\")}], [{nla_len=8, n"
			 "la_type=RTA_NEWDST}, inet_addr(\"1.2.3.4\")]]]");
}

Test(unit_format_netlink, route_multipath_one_nexthop_without_array)
{
	cr_expect_str_eq(
	    nl(0,
	       "280000001800000605000000000000000a400000fe040001000000000c0009000800110001000000",
	       SIZE_MAX, 64),
	    "[{nlmsg_len=40, nlmsg_type=RTM_NEWROUTE, nlmsg_flags=NLM_F_EXCL|NLM_F_CREATE, "
	    "nlmsg_seq="
	    "5, nlmsg_pid=0}, {rtm_family=AF_INET6, rtm_dst_len=64, rtm_src_len=0, rtm_tos=0, "
	    "rtm_tab"
	    "le=RT_TABLE_MAIN, rtm_protocol=RTPROT_STATIC, rtm_scope=RT_SCOPE_UNIVERSE, "
	    "rtm_type=RTN_"
	    "UNICAST, rtm_flags=0}, [{nla_len=12, nla_type=RTA_MULTIPATH}, {rtnh_len=8, "
	    "rtnh_flags=RT"
	    "NH_F_DEAD|RTNH_F_LINKDOWN, rtnh_hops=0, rtnh_ifindex=if_nametoindex(\"lo\")}]]");
}

Test(unit_format_netlink, route_multipath_inet6_gateway)
{
	cr_expect_str_eq(nl(0,
			    "3c0000001800000605000000000000000a400000fe04000100000000200009001c0000"
			    "000100000014000500"
			    "00000000000000000000000000000000",
			    SIZE_MAX, 64),
			 "[{nlmsg_len=60, nlmsg_type=RTM_NEWROUTE, "
			 "nlmsg_flags=NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq="
			 "5, nlmsg_pid=0}, {rtm_family=AF_INET6, rtm_dst_len=64, rtm_src_len=0, "
			 "rtm_tos=0, rtm_tab"
			 "le=RT_TABLE_MAIN, rtm_protocol=RTPROT_STATIC, "
			 "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_"
			 "UNICAST, rtm_flags=0}, [{nla_len=32, nla_type=RTA_MULTIPATH}, "
			 "[{rtnh_len=28, rtnh_flags="
			 "0, rtnh_hops=0, rtnh_ifindex=if_nametoindex(\"lo\")}, [{nla_len=20, "
			 "nla_type=RTA_GATEWAY},"
			 " inet_pton(AF_INET6, \"::\")]]]]");
}

Test(unit_format_netlink, route_via_inet6_uid_nh_id_in_hex_metrics_lock)
{
	cr_expect_str_eq(nl(0,
			    "740000001800000605000000000000000a400000fe0400010000000014000100000000"
			    "000000000000000000"
			    "00000000160012000a0000000000000000000000000000000000000008001900e80300"
			    "0005001a0001000000"
			    "08001e000700000006001d00500000000c0008000800010004000000",
			    SIZE_MAX, 64),
			 "[{nlmsg_len=116, nlmsg_type=RTM_NEWROUTE, "
			 "nlmsg_flags=NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq"
			 "=5, nlmsg_pid=0}, {rtm_family=AF_INET6, rtm_dst_len=64, rtm_src_len=0, "
			 "rtm_tos=0, rtm_ta"
			 "ble=RT_TABLE_MAIN, rtm_protocol=RTPROT_STATIC, "
			 "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN"
			 "_UNICAST, rtm_flags=0}, [[{nla_len=20, nla_type=RTA_DST}, "
			 "inet_pton(AF_INET6, \"::\")], [{"
			 "nla_len=22, nla_type=RTA_VIA}, {rtvia_family=AF_INET6, "
			 "inet_pton(AF_INET6, \"::\", &rtvia_"
			 "addr)}], [{nla_len=8, nla_type=RTA_UID}, 1000], [{nla_len=5, "
			 "nla_type=RTA_TTL_PROPAGATE}"
			 ", 1], [{nla_len=8, nla_type=RTA_NH_ID}, \"\\x07\\x00\\x00\\x00\"], "
			 "[{nla_len=6, nla_type=RTA_D"
			 "PORT}, 80], [{nla_len=12, nla_type=RTA_METRICS}, [{nla_len=8, "
			 "nla_type=RTAX_LOCK}, 4]]]]");
}

Test(unit_format_netlink, inet_diag_vegas_dctcp_bbr_md5sig_ulp)
{
	cr_expect_str_eq(nl(4,
			    "5001000014000200050000000000000002010000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000005000000"
			    "1400030001000000020000000300000004000000140009000100020003000000040000"
			    "000500000018001000"
			    "0100000002000000030000000400000005000000140001000100000002000000030000"
			    "000400000008000400"
			    "626272000500050010000000050006000000000005000b000100000005000a00060000"
			    "000800110007000000"
			    "6800120000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "0000000000000000000000000000000000000000000000000000000000000000000000"
			    "000000000000000000"
			    "000000000000000000000000000000000c00130008000100746c7300",
			    SIZE_MAX, 64),
			 "[{nlmsg_len=336, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
			 "nlmsg_flags=NLM_F_MULTI, nlmsg_seq=5, n"
			 "lmsg_pid=0}, {idiag_family=AF_INET, idiag_state=TCP_ESTABLISHED, "
			 "idiag_timer=0, idiag_re"
			 "trans=0, id={idiag_sport=htons(0), idiag_dport=htons(0), "
			 "idiag_src=inet_addr(\"0.0.0.0\"),"
			 " idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, idiag_cookie=[0, 0]}, "
			 "idiag_expires=0, idia"
			 "g_rqueue=0, idiag_wqueue=0, idiag_uid=0, idiag_inode=5}, [[{nla_len=20, "
			 "nla_type=INET_DI"
			 "AG_VEGASINFO}, {tcpv_enabled=1, tcpv_rttcnt=2, tcpv_rtt=3, "
			 "tcpv_minrtt=4}], [{nla_len=20"
			 ", nla_type=INET_DIAG_DCTCPINFO}, {dctcp_enabled=1, dctcp_ce_state=2, "
			 "dctcp_alpha=3, dctc"
			 "p_ab_ecn=4, dctcp_ab_tot=5}], [{nla_len=24, nla_type=INET_DIAG_BBRINFO}, "
			 "{bbr_bw_lo=0x1,"
			 " bbr_bw_hi=0x2, bbr_min_rtt=3, bbr_pacing_gain=4, bbr_cwnd_gain=5}], "
			 "[{nla_len=20, nla_t"
			 "ype=INET_DIAG_MEMINFO}, {idiag_rmem=1, idiag_wmem=2, idiag_fmem=3, "
			 "idiag_tmem=4}], [{nla"
			 "_len=8, nla_type=INET_DIAG_CONG}, \"bbr\"], [{nla_len=5, "
			 "nla_type=INET_DIAG_TOS}, 16], [{n"
			 "la_len=5, nla_type=INET_DIAG_TCLASS}, 0], [{nla_len=5, "
			 "nla_type=INET_DIAG_SKV6ONLY}, 1],"
			 " [{nla_len=5, nla_type=INET_DIAG_PROTOCOL}, IPPROTO_TCP], [{nla_len=8, "
			 "nla_type=INET_DIA"
			 "G_CLASS_ID}, 7], [{nla_len=104, nla_type=INET_DIAG_MD5SIG}, "
			 "[{tcpm_family=AF_UNSPEC, tcp"
			 "m_prefixlen=0, tcpm_keylen=0, "
			 "tcpm_addr=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x0"
			 "0\\x00\\x00\\x00\\x00\", tcpm_key=\"\"}]], [{nla_len=12, "
			 "nla_type=INET_DIAG_ULP_INFO}, [{nla_le"
			 "n=8, nla_type=INET_ULP_INFO_NAME}, \"tls\"]]]]");
}

Test(unit_format_netlink, link_prop_list_ports_vfinfo_event)
{
	cr_expect_str_eq(nl(0,
			    "90000000100002000500000000000000000001000100000000000000000000001c0034"
			    "800b003500656e7030"
			    "733300000c0035006574682d616c74000c003780080001000300000008001880040001"
			    "000400190008001680"
			    "040001000600220001020000060024000102000008002c000200000008001c00050000"
			    "000a001400616c6961"
			    "7300000008000a0001000000",
			    SIZE_MAX, 64),
			 "[{nlmsg_len=144, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=5, nlmsg_pid"
			 "=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, "
			 "ifi_index=if_nametoindex(\"lo\"), ifi_f"
			 "lags=0, ifi_change=0}, [[{nla_len=28, "
			 "nla_type=NLA_F_NESTED|IFLA_PROP_LIST}, [[{nla_len="
			 "11, nla_type=IFLA_ALT_IFNAME}, \"enp0s3\"], [{nla_len=12, "
			 "nla_type=IFLA_ALT_IFNAME}, \"eth-"
			 "alt\"]]], [{nla_len=12, nla_type=NLA_F_NESTED|IFLA_PROTO_DOWN_REASON}, "
			 "[{nla_len=8, nla_t"
			 "ype=IFLA_PROTO_DOWN_REASON_MASK}, 0x3]], [{nla_len=8, "
			 "nla_type=NLA_F_NESTED|IFLA_VF_PORT"
			 "S}, {nla_len=4, nla_type=IFLA_VF_PORT}], {nla_len=4, "
			 "nla_type=IFLA_PORT_SELF}, [{nla_len"
			 "=8, nla_type=NLA_F_NESTED|IFLA_VFINFO_LIST}, {nla_len=4, "
			 "nla_type=IFLA_VF_INFO}], [{nla_"
			 "len=6, nla_type=IFLA_PHYS_PORT_ID}, \"\\x01\\x02\"], [{nla_len=6, "
			 "nla_type=IFLA_PHYS_SWITCH_"
			 "ID}, \"\\x01\\x02\"], [{nla_len=8, nla_type=IFLA_EVENT}, "
			 "IFLA_EVENT_FEATURES], [{nla_len=8, "
			 "nla_type=IFLA_NET_NS_FD}, 5], [{nla_len=10, nla_type=IFLA_IFALIAS}, "
			 "\"alias\"], [{nla_len="
			 "8, nla_type=IFLA_MASTER}, 1]]]");
}

Test(unit_format_netlink, link_proto_down_reason_and_port_self)
{
	cr_expect_str_eq(nl(0,
			    "5c00000010000200050000000000000000000100010000000000000000000000140037"
			    "80080002000a000000"
			    "08000100000000002800198008000100030000000900020070726f6600000000050006"
			    "000100000006000700"
			    "02000000",
			    SIZE_MAX, 64),
			 "[{nlmsg_len=92, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=5, nlmsg_pid="
			 "0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, "
			 "ifi_index=if_nametoindex(\"lo\"), ifi_fl"
			 "ags=0, ifi_change=0}, [[{nla_len=20, "
			 "nla_type=NLA_F_NESTED|IFLA_PROTO_DOWN_REASON}, [[{n"
			 "la_len=8, nla_type=IFLA_PROTO_DOWN_REASON_VALUE}, 0xa], [{nla_len=8, "
			 "nla_type=IFLA_PROTO"
			 "_DOWN_REASON_MASK}, 0]]], [{nla_len=40, "
			 "nla_type=NLA_F_NESTED|IFLA_PORT_SELF}, [[{nla_le"
			 "n=8, nla_type=IFLA_PORT_VF}, 3], [{nla_len=9, "
			 "nla_type=IFLA_PORT_PROFILE}, \"prof\"], [{nl"
			 "a_len=5, nla_type=IFLA_PORT_REQUEST}, 1], [{nla_len=6, "
			 "nla_type=IFLA_PORT_RESPONSE}, 2]]"
			 "]]]");
}

/* NETLINK_KOBJECT_UEVENT has no nlmsghdr: the kernel's strings, libudev's header and properties. */
Test(unit_format_netlink, kobject_uevents_are_strings_or_libudev_headers)
{
	cr_expect_str_eq(nl(15,
			    "616464402f646576696365732f7669727475616c2f6e65742f7800414354494f4e3d61"
			    "646400535542535953"
			    "54454d3d6e657400",
			    SIZE_MAX, 0),
			 "\"add@/devices/virtual/net/x\\0ACTIO\"...");
	cr_expect_str_eq(nl(15,
			    "6c69627564657600feedcafe2800000028000000140000000000123400000000000000"
			    "000000000141435449"
			    "4f4e3d6164640053554253595354454d3d6e657400",
			    SIZE_MAX, 0),
			 "[{prefix=\"libudev\", magic=htonl(0xfeedcafe), header_size=40, "
			 "properties_off=40, properti"
			 "es_len=20, filter_subsystem_hash=htonl(0x1234), "
			 "filter_devtype_hash=htonl(0), filter_tag"
			 "_bloom_hi=htonl(0), filter_tag_bloom_lo=htonl(0x1)}, "
			 "\"ACTION=add\\0SUBSYSTEM=net\\0\"]");
	cr_expect_str_eq(
	    nl(15,
	       "6c69627564657600feedcafe28000000280000001400000000001234000000000000000000000001",
	       SIZE_MAX, 0),
	    "{prefix=\"libudev\", magic=htonl(0xfeedcafe), header_size=40, properties_off=40, "
	    "propertie"
	    "s_len=20, filter_subsystem_hash=htonl(0x1234), filter_devtype_hash=htonl(0), "
	    "filter_tag_"
	    "bloom_hi=htonl(0), filter_tag_bloom_lo=htonl(0x1)}");
	cr_expect_str_eq(nl(15, "73686f7274", SIZE_MAX, 0), "\"short\"");
}

Test(unit_format_netlink, nft_gettable_request_with_unnamed_attribute)
{
	cr_expect_str_eq(
	    nl(12, "20000000010a010305000000000000000200000a0b00010066696c7465720000", SIZE_MAX, 0),
	    "[{nlmsg_len=32, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_GETTABLE, "
	    "nlmsg_flags=NLM_F_R"
	    "EQUEST|NLM_F_DUMP, nlmsg_seq=5, nlmsg_pid=0}, {nfgen_family=AF_INET, "
	    "version=NFNETLINK_V"
	    "0, res_id=htons(NFNL_SUBSYS_NFTABLES)}, [{nla_len=11, nla_type=0x1}, "
	    "\"\\x66\\x69\\x6c\\x74\\x"
	    "65\\x72\\x00\"]]");
}

Test(unit_format_netlink, ctnetlink_get_request)
{
	cr_expect_str_eq(nl(12, "1400000001010103050000000000000002000000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=NFNL_SUBSYS_CTNETLINK<<8|IPCTNL_MSG_CT_GET, "
			 "nlmsg_flags=NLM_F"
			 "_REQUEST|NLM_F_DUMP, nlmsg_seq=5, nlmsg_pid=0}, {nfgen_family=AF_INET, "
			 "version=NFNETLINK"
			 "_V0, res_id=htons(0)}]");
}

Test(unit_format_netlink, nfnl_batch_begin)
{
	cr_expect_str_eq(
	    nl(12, "140000001000010005000000000000000000000a", SIZE_MAX, 0),
	    "[{nlmsg_len=20, nlmsg_type=NFNL_MSG_BATCH_BEGIN, nlmsg_flags=NLM_F_REQUEST, "
	    "nlmsg_seq=5,"
	    " nlmsg_pid=0}, {nfgen_family=AF_UNSPEC, version=NFNETLINK_V0, res_id=htons(10)}]");
}

Test(unit_format_netlink, nft_newtable_takes_new_flags)
{
	cr_expect_str_eq(
	    nl(12,
	       "28000000000a010605000000000000000100000006000100740000000c0002800600010078000000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=40, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_NEWTABLE, "
	    "nlmsg_flags=NLM_F_R"
	    "EQUEST|NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq=5, nlmsg_pid=0}, {nfgen_family=AF_UNIX, "
	    "versio"
	    "n=NFNETLINK_V0, res_id=htons(0)}, [[{nla_len=6, nla_type=0x1}, \"\\x74\\x00\"], "
	    "[{nla_len=12"
	    ", nla_type=NLA_F_NESTED|0x2}, \"\\x06\\x00\\x01\\x00\\x78\\x00\\x00\\x00\"]]]");
}

Test(unit_format_netlink, nfqueue_config)
{
	cr_expect_str_eq(nl(12, "1400000002030100050000000000000002000500", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=NFNL_SUBSYS_QUEUE<<8|NFQNL_MSG_CONFIG, "
			 "nlmsg_flags=NLM_F_REQU"
			 "EST, nlmsg_seq=5, nlmsg_pid=0}, {nfgen_family=AF_INET, "
			 "version=NFNETLINK_V0, res_id=hton"
			 "s(1280)}]");
}

Test(unit_format_netlink, unknown_netfilter_subsystem)
{
	cr_expect_str_eq(nl(12, "1400000002630100050000000000000002000500", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=0x63 /* NFNL_SUBSYS_??? */<<8|0x2, "
			 "nlmsg_flags=NLM_F_REQUEST,"
			 " nlmsg_seq=5, nlmsg_pid=0}, {nfgen_family=AF_INET, version=NFNETLINK_V0, "
			 "res_id=htons(12"
			 "80)}]");
}

Test(unit_format_netlink, nft_newgen_reply)
{
	cr_expect_str_eq(nl(12,
			    "300000000f0a00002a000000555a00000000000108000100000000010800020000005a"
			    "550c00030070797468"
			    "6f6e3300",
			    SIZE_MAX, 0),
			 "[{nlmsg_len=48, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_NEWGEN, "
			 "nlmsg_flags=0, nlmsg_"
			 "seq=42, nlmsg_pid=23125}, {nfgen_family=AF_UNSPEC, version=NFNETLINK_V0, "
			 "res_id=htons(1)"
			 "}, [[{nla_len=8, nla_type=0x1}, \"\\x00\\x00\\x00\\x01\"], [{nla_len=8, "
			 "nla_type=0x2}, \"\\x00\\x"
			 "00\\x5a\\x55\"], [{nla_len=12, nla_type=0x3}, "
			 "\"\\x70\\x79\\x74\\x68\\x6f\\x6e\\x33\\x00\"]]]");
}

Test(unit_format_netlink, ctnetlink_stats_reply)
{
	cr_expect_str_eq(
	    nl(12, "24000000050102002a000000555a00000000000008000100000000000800020000040000",
	       SIZE_MAX, 0),
	    "[{nlmsg_len=36, nlmsg_type=NFNL_SUBSYS_CTNETLINK<<8|IPCTNL_MSG_CT_GET_STATS, "
	    "nlmsg_flags"
	    "=NLM_F_MULTI, nlmsg_seq=42, nlmsg_pid=23125}, {nfgen_family=AF_UNSPEC, "
	    "version=NFNETLINK"
	    "_V0, res_id=htons(0)}, [[{nla_len=8, nla_type=0x1}, \"\\x00\\x00\\x00\\x00\"], "
	    "[{nla_len=8, nl"
	    "a_type=0x2}, \"\\x00\\x04\\x00\\x00\"]]]");
}

/* NETLINK_AUDIT's types as strace 6.1 names them (AUDIT_USER_LOGIN and the IPE/LANDLOCK ones not).
 */
Test(unit_format_netlink, audit_types_are_strace_6_1s)
{
	cr_expect_str_eq(
	    nl(9, "140000004c040100050000000000000061620000", SIZE_MAX, 0),
	    "[{nlmsg_len=20, nlmsg_type=AUDIT_FIRST_USER_MSG, nlmsg_flags=NLM_F_REQUEST, "
	    "nlmsg_seq=5, nlmsg_pid=0}, \"\\x61\\x62\\x00\\x00\"]");
	cr_expect_str_eq(nl(9, "1400000053040100050000000000000061620000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=AUDIT_USER_AVC, nlmsg_flags=NLM_F_REQUEST, "
			 "nlmsg_seq=5, nlmsg_pid=0}, \"\\x61\\x62\\x00\\x00\"]");
	cr_expect_str_eq(nl(9, "140000003a050100050000000000000061620000", SIZE_MAX, 0),
			 "[{nlmsg_len=20, nlmsg_type=AUDIT_DM_CTRL, nlmsg_flags=NLM_F_REQUEST, "
			 "nlmsg_seq=5, nlmsg_pid=0}, \"\\x61\\x62\\x00\\x00\"]");
	cr_expect_str_eq(
	    nl(9, "14000000fc030100050000000000000061620000", SIZE_MAX, 0),
	    "[{nlmsg_len=20, nlmsg_type=0x3fc /* AUDIT_??? */, nlmsg_flags=NLM_F_REQUEST, "
	    "nlmsg_seq=5, nlmsg_pid=0}, \"\\x61\\x62\\x00\\x00\"]");
	cr_expect_str_eq(
	    nl(9, "1400000058040100050000000000000061620000", SIZE_MAX, 0),
	    "[{nlmsg_len=20, nlmsg_type=0x458 /* AUDIT_??? */, nlmsg_flags=NLM_F_REQUEST, "
	    "nlmsg_seq=5, nlmsg_pid=0}, \"\\x61\\x62\\x00\\x00\"]");
	cr_expect_str_eq(
	    nl(9, "1400000010070100050000000000000061620000", SIZE_MAX, 0),
	    "[{nlmsg_len=20, nlmsg_type=0x710 /* AUDIT_??? */, nlmsg_flags=NLM_F_REQUEST, "
	    "nlmsg_seq=5, nlmsg_pid=0}, \"\\x61\\x62\\x00\\x00\"]");
}

/* XFRM's default-policy messages, which strace 6.1 names (checked type by type against it). */
Test(unit_format_netlink, xfrm_default_policy_types_are_named)
{
	cr_expect_str_eq(
	    nl(6, "1400000027000100050000000000000000000000", SIZE_MAX, 0),
	    "[{nlmsg_len=20, nlmsg_type=XFRM_MSG_SETDEFAULT, nlmsg_flags=NLM_F_REQUEST, "
	    "nlmsg_seq=5, nlmsg_pid=0}, \"\\x00\\x00\\x00\\x00\"]");
}

Test(unit_format_netlink, linkinfo_bridge_data_every_type_under_v)
{
	cr_expect_str_eq(nl_verbose(0, "98020000100002000500000000000000000001000100000000000000000"
				       "00000780212000b00010062726964"
				       "67650000680202000c00000001020304050607080c00010001020304050"
				       "607080c0002000102030405060708"
				       "0c00030001020304050607080c00040001020304050607080c000500010"
				       "20304050607080c00060001020304"
				       "050607080c00070001020304050607080c00080001020304050607080c0"
				       "0090001020304050607080c000a00"
				       "01020304050607080c000b0001020304050607080c000c0001020304050"
				       "607080c000d000102030405060708"
				       "0c000e0001020304050607080c000f0001020304050607080c001000010"
				       "20304050607080c00110001020304"
				       "050607080c00120001020304050607080c00130001020304050607080c0"
				       "0140001020304050607080c001500"
				       "01020304050607080c00160001020304050607080c00170001020304050"
				       "607080c0018000102030405060708"
				       "0c00190001020304050607080c001a0001020304050607080c001b00010"
				       "20304050607080c001c0001020304"
				       "050607080c001d0001020304050607080c001e0001020304050607080c0"
				       "01f0001020304050607080c002000"
				       "01020304050607080c00210001020304050607080c00220001020304050"
				       "607080c0023000102030405060708"
				       "0c00240001020304050607080c00250001020304050607080c002600010"
				       "20304050607080c00270001020304"
				       "050607080c00280001020304050607080c00290001020304050607080c0"
				       "02a0001020304050607080c002b00"
				       "01020304050607080c002c0001020304050607080c002d0001020304050"
				       "607080c002e000102030405060708"
				       "0c002f0001020304050607080c00300001020304050607080c003100010"
				       "20304050607080c00320001020304"
				       "05060708"),
			 "[{nlmsg_len=664, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=5, nlmsg_pid"
			 "=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, "
			 "ifi_index=if_nametoindex(\"lo\"), ifi_f"
			 "lags=0, ifi_change=0}, [{nla_len=632, nla_type=IFLA_LINKINFO}, "
			 "[[{nla_len=11, nla_type=I"
			 "FLA_INFO_KIND}, \"bridge\"], [{nla_len=616, nla_type=IFLA_INFO_DATA}, "
			 "[[{nla_len=12, nla_t"
			 "ype=IFLA_BR_UNSPEC}, \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"], "
			 "[{nla_len=12, nla_type=IFLA_BR"
			 "_FORWARD_DELAY}, 578437695752307201 /* 5784376957523072.01 s */], "
			 "[{nla_len=12, nla_type"
			 "=IFLA_BR_HELLO_TIME}, 578437695752307201 /* 5784376957523072.01 s */], "
			 "[{nla_len=12, nla"
			 "_type=IFLA_BR_MAX_AGE}, 578437695752307201 /* 5784376957523072.01 s */], "
			 "[{nla_len=12, n"
			 "la_type=IFLA_BR_AGEING_TIME}, 578437695752307201 /* 5784376957523072.01 "
			 "s */], [{nla_len"
			 "=12, nla_type=IFLA_BR_STP_STATE}, 67305985], [{nla_len=12, "
			 "nla_type=IFLA_BR_PRIORITY}, 5"
			 "13], [{nla_len=12, nla_type=IFLA_BR_VLAN_FILTERING}, 1], [{nla_len=12, "
			 "nla_type=IFLA_BR_"
			 "VLAN_PROTOCOL}, htons(0x102 /* ETHER_P_??? */)], [{nla_len=12, "
			 "nla_type=IFLA_BR_GROUP_FW"
			 "D_MASK}, 0x201], [{nla_len=12, nla_type=IFLA_BR_ROOT_ID}, {prio=[1, 2], "
			 "addr=03:04:05:06"
			 ":07:08}], [{nla_len=12, nla_type=IFLA_BR_BRIDGE_ID}, {prio=[1, 2], "
			 "addr=03:04:05:06:07:0"
			 "8}], [{nla_len=12, nla_type=IFLA_BR_ROOT_PORT}, 513], [{nla_len=12, "
			 "nla_type=IFLA_BR_ROO"
			 "T_PATH_COST}, 67305985], [{nla_len=12, "
			 "nla_type=IFLA_BR_TOPOLOGY_CHANGE}, 1], [{nla_len="
			 "12, nla_type=IFLA_BR_TOPOLOGY_CHANGE_DETECTED}, 1], [{nla_len=12, "
			 "nla_type=IFLA_BR_HELLO"
			 "_TIMER}, 578437695752307201 /* 5784376957523072.01 s */], [{nla_len=12, "
			 "nla_type=IFLA_BR"
			 "_TCN_TIMER}, 578437695752307201 /* 5784376957523072.01 s */], "
			 "[{nla_len=12, nla_type=IFL"
			 "A_BR_TOPOLOGY_CHANGE_TIMER}, 578437695752307201 /* 5784376957523072.01 s "
			 "*/], [{nla_len="
			 "12, nla_type=IFLA_BR_GC_TIMER}, 578437695752307201 /* "
			 "5784376957523072.01 s */], [{nla_l"
			 "en=12, nla_type=IFLA_BR_GROUP_ADDR}, 01:02:03:04:05:06:07:08], "
			 "[{nla_len=12, nla_type=IF"
			 "LA_BR_FDB_FLUSH}, \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"], "
			 "[{nla_len=12, nla_type=IFLA_BR_MC"
			 "AST_ROUTER}, 1], [{nla_len=12, nla_type=IFLA_BR_MCAST_SNOOPING}, 1], "
			 "[{nla_len=12, nla_t"
			 "ype=IFLA_BR_MCAST_QUERY_USE_IFADDR}, 1], [{nla_len=12, "
			 "nla_type=IFLA_BR_MCAST_QUERIER}, "
			 "1], [{nla_len=12, nla_type=IFLA_BR_MCAST_HASH_ELASTICITY}, 67305985], "
			 "[{nla_len=12, nla_"
			 "type=IFLA_BR_MCAST_HASH_MAX}, 67305985], [{nla_len=12, "
			 "nla_type=IFLA_BR_MCAST_LAST_MEMBE"
			 "R_CNT}, 67305985], [{nla_len=12, "
			 "nla_type=IFLA_BR_MCAST_STARTUP_QUERY_CNT}, 67305985], ["
			 "{nla_len=12, nla_type=IFLA_BR_MCAST_LAST_MEMBER_INTVL}, "
			 "578437695752307201 /* 5784376957"
			 "523072.01 s */], [{nla_len=12, nla_type=IFLA_BR_MCAST_MEMBERSHIP_INTVL}, "
			 "578437695752307"
			 "201 /* 5784376957523072.01 s */], [{nla_len=12, "
			 "nla_type=IFLA_BR_MCAST_QUERIER_INTVL}, 5"
			 "78437695752307201 /* 5784376957523072.01 s */], [{nla_len=12, "
			 "nla_type=IFLA_BR_MCAST_QUE"
			 "RY_INTVL}, 578437695752307201 /* 5784376957523072.01 s */], "
			 "[{nla_len=12, nla_type=IFLA_"
			 "BR_MCAST_QUERY_RESPONSE_INTVL}, 578437695752307201 /* "
			 "5784376957523072.01 s */], [{nla_l"
			 "en=12, nla_type=IFLA_BR_MCAST_STARTUP_QUERY_INTVL}, 578437695752307201 "
			 "/* 57843769575230"
			 "72.01 s */], [{nla_len=12, nla_type=IFLA_BR_NF_CALL_IPTABLES}, 1], "
			 "[{nla_len=12, nla_typ"
			 "e=IFLA_BR_NF_CALL_IP6TABLES}, 1], [{nla_len=12, "
			 "nla_type=IFLA_BR_NF_CALL_ARPTABLES}, 1],"
			 " [{nla_len=12, nla_type=IFLA_BR_VLAN_DEFAULT_PVID}, 513], [{nla_len=12, "
			 "nla_type=IFLA_BR"
			 "_PAD}, \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"], [{nla_len=12, "
			 "nla_type=IFLA_BR_VLAN_STATS_EN"
			 "ABLED}, 1], [{nla_len=12, nla_type=IFLA_BR_MCAST_STATS_ENABLED}, 1], "
			 "[{nla_len=12, nla_t"
			 "ype=IFLA_BR_MCAST_IGMP_VERSION}, 1], [{nla_len=12, "
			 "nla_type=IFLA_BR_MCAST_MLD_VERSION}, "
			 "1], [{nla_len=12, nla_type=IFLA_BR_VLAN_STATS_PER_PORT}, 1], "
			 "[{nla_len=12, nla_type=IFLA"
			 "_BR_MULTI_BOOLOPT}, {optval=1<<BR_BOOLOPT_NO_LL_LEARN|0x4030200, "
			 "optmask=1<<BR_BOOLOPT_N"
			 "O_LL_LEARN|1<<BR_BOOLOPT_MST_ENABLE|0x8070600}], [{nla_len=12, "
			 "nla_type=IFLA_BR_MCAST_QU"
			 "ERIER_STATE}, [{nla_len=513, nla_type=0x403 /* BRIDGE_QUERIER_??? */}, "
			 "\"\\x05\\x06\\x07\\x08"
			 "\"]], [{nla_len=12, nla_type=0x30 /* IFLA_BR_??? */}, "
			 "\"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"]"
			 ", [{nla_len=12, nla_type=0x31 /* IFLA_BR_??? */}, "
			 "\"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"], ["
			 "{nla_len=12, nla_type=0x32 /* IFLA_BR_??? */}, "
			 "\"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"]]]]]]");
}

Test(unit_format_netlink, linkinfo_bridge_data_boolopt_and_querier_under_v)
{
	cr_expect_str_eq(
	    nl_verbose(0, "6c010000100002000500000000000000000001000100000000000000000000004c011200"
			  "0b00010062726964"
			  "676500003c0102000c00190001020304050607080c001a0001020304050607080c001b00"
			  "0102030405060708"
			  "0c001c0001020304050607080c001d0001020304050607080c001e000102030405060708"
			  "0c001f0001020304"
			  "050607080c00200001020304050607080c00210001020304050607080c00220001020304"
			  "050607080c002300"
			  "01020304050607080c00240001020304050607080c00250001020304050607080c002600"
			  "0102030405060708"
			  "0c00270001020304050607080c00280001020304050607080c0029000102030405060708"
			  "0c002a0001020304"
			  "050607080c002b0001020304050607080c002c0001020304050607080c002d0001020304"
			  "050607080c002e00"
			  "01020304050607080c002f0001020304050607080c00300001020304050607080c003100"
			  "0102030405060708"
			  "0c0032000102030405060708"),
	    "[{nlmsg_len=364, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=5, "
	    "nlmsg_pid"
	    "=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, ifi_index=if_nametoindex(\"lo\"), "
	    "ifi_f"
	    "lags=0, ifi_change=0}, [{nla_len=332, nla_type=IFLA_LINKINFO}, [[{nla_len=11, "
	    "nla_type=I"
	    "FLA_INFO_KIND}, \"bridge\"], [{nla_len=316, nla_type=IFLA_INFO_DATA}, [[{nla_len=12, "
	    "nla_t"
	    "ype=IFLA_BR_MCAST_QUERIER}, 1], [{nla_len=12, "
	    "nla_type=IFLA_BR_MCAST_HASH_ELASTICITY}, 6"
	    "7305985], [{nla_len=12, nla_type=IFLA_BR_MCAST_HASH_MAX}, 67305985], [{nla_len=12, "
	    "nla_t"
	    "ype=IFLA_BR_MCAST_LAST_MEMBER_CNT}, 67305985], [{nla_len=12, "
	    "nla_type=IFLA_BR_MCAST_STAR"
	    "TUP_QUERY_CNT}, 67305985], [{nla_len=12, nla_type=IFLA_BR_MCAST_LAST_MEMBER_INTVL}, "
	    "5784"
	    "37695752307201 /* 5784376957523072.01 s */], [{nla_len=12, "
	    "nla_type=IFLA_BR_MCAST_MEMBER"
	    "SHIP_INTVL}, 578437695752307201 /* 5784376957523072.01 s */], [{nla_len=12, "
	    "nla_type=IFL"
	    "A_BR_MCAST_QUERIER_INTVL}, 578437695752307201 /* 5784376957523072.01 s */], "
	    "[{nla_len=12"
	    ", nla_type=IFLA_BR_MCAST_QUERY_INTVL}, 578437695752307201 /* 5784376957523072.01 s "
	    "*/], "
	    "[{nla_len=12, nla_type=IFLA_BR_MCAST_QUERY_RESPONSE_INTVL}, 578437695752307201 /* "
	    "578437"
	    "6957523072.01 s */], [{nla_len=12, nla_type=IFLA_BR_MCAST_STARTUP_QUERY_INTVL}, "
	    "57843769"
	    "5752307201 /* 5784376957523072.01 s */], [{nla_len=12, "
	    "nla_type=IFLA_BR_NF_CALL_IPTABLES"
	    "}, 1], [{nla_len=12, nla_type=IFLA_BR_NF_CALL_IP6TABLES}, 1], [{nla_len=12, "
	    "nla_type=IFL"
	    "A_BR_NF_CALL_ARPTABLES}, 1], [{nla_len=12, nla_type=IFLA_BR_VLAN_DEFAULT_PVID}, 513], "
	    "[{"
	    "nla_len=12, nla_type=IFLA_BR_PAD}, \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"], "
	    "[{nla_len=12, nl"
	    "a_type=IFLA_BR_VLAN_STATS_ENABLED}, 1], [{nla_len=12, "
	    "nla_type=IFLA_BR_MCAST_STATS_ENABL"
	    "ED}, 1], [{nla_len=12, nla_type=IFLA_BR_MCAST_IGMP_VERSION}, 1], [{nla_len=12, "
	    "nla_type="
	    "IFLA_BR_MCAST_MLD_VERSION}, 1], [{nla_len=12, nla_type=IFLA_BR_VLAN_STATS_PER_PORT}, "
	    "1],"
	    " [{nla_len=12, nla_type=IFLA_BR_MULTI_BOOLOPT}, "
	    "{optval=1<<BR_BOOLOPT_NO_LL_LEARN|0x4030"
	    "200, optmask=1<<BR_BOOLOPT_NO_LL_LEARN|1<<BR_BOOLOPT_MST_ENABLE|0x8070600}], "
	    "[{nla_len=1"
	    "2, nla_type=IFLA_BR_MCAST_QUERIER_STATE}, [{nla_len=513, nla_type=0x403 /* "
	    "BRIDGE_QUERIE"
	    "R_??? */}, \"\\x05\\x06\\x07\\x08\"]], [{nla_len=12, nla_type=0x30 /* IFLA_BR_??? "
	    "*/}, \"\\x01\\x"
	    "02\\x03\\x04\\x05\\x06\\x07\\x08\"], [{nla_len=12, nla_type=0x31 /* IFLA_BR_??? */}, "
	    "\"\\x01\\x02\\"
	    "x03\\x04\\x05\\x06\\x07\\x08\"], [{nla_len=12, nla_type=0x32 /* IFLA_BR_??? */}, "
	    "\"\\x01\\x02\\x03"
	    "\\x04\\x05\\x06\\x07\\x08\"]]]]]]");
}

Test(unit_format_netlink, linkinfo_bridge_id_vlan_protocol_group_addr_under_v)
{
	cr_expect_str_eq(
	    nl_verbose(0, "5c000000100002000500000000000000000001000100000000000000000000003c001200"
			  "0b00010062726964"
			  "676500002c0002000c000b00800002000000000106000800810000000a0014000180c200"
			  "0000000006000900"
			  "00000000"),
	    "[{nlmsg_len=92, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=5, "
	    "nlmsg_pid="
	    "0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, ifi_index=if_nametoindex(\"lo\"), "
	    "ifi_fl"
	    "ags=0, ifi_change=0}, [{nla_len=60, nla_type=IFLA_LINKINFO}, [[{nla_len=11, "
	    "nla_type=IFL"
	    "A_INFO_KIND}, \"bridge\"], [{nla_len=44, nla_type=IFLA_INFO_DATA}, [[{nla_len=12, "
	    "nla_type"
	    "=IFLA_BR_BRIDGE_ID}, {prio=[128, 0], addr=02:00:00:00:00:01}], [{nla_len=6, "
	    "nla_type=IFL"
	    "A_BR_VLAN_PROTOCOL}, htons(ETH_P_8021Q)], [{nla_len=10, nla_type=IFLA_BR_GROUP_ADDR}, "
	    "01"
	    ":80:c2:00:00:00], [{nla_len=6, nla_type=IFLA_BR_GROUP_FWD_MASK}, 0]]]]]]");
}

Test(unit_format_netlink, linkinfo_tun_data_every_type_under_v)
{
	cr_expect_str_eq(
	    nl_verbose(0, "c000000010000200050000000000000000000100010000000000000000000000a0001200"
			  "0800010074756e00"
			  "940002000c00000001020304050607080c00010001020304050607080c00020001020304"
			  "050607080c000300"
			  "01020304050607080c00040001020304050607080c00050001020304050607080c000600"
			  "0102030405060708"
			  "0c00070001020304050607080c00080001020304050607080c0009000102030405060708"
			  "0c000a0001020304"
			  "050607080c000b000102030405060708"),
	    "[{nlmsg_len=192, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=5, "
	    "nlmsg_pid"
	    "=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, ifi_index=if_nametoindex(\"lo\"), "
	    "ifi_f"
	    "lags=0, ifi_change=0}, [{nla_len=160, nla_type=IFLA_LINKINFO}, [[{nla_len=8, "
	    "nla_type=IF"
	    "LA_INFO_KIND}, \"tun\"], [{nla_len=148, nla_type=IFLA_INFO_DATA}, [[{nla_len=12, "
	    "nla_type="
	    "IFLA_TUN_UNSPEC}, \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"], [{nla_len=12, "
	    "nla_type=IFLA_TUN_O"
	    "WNER}, 67305985], [{nla_len=12, nla_type=IFLA_TUN_GROUP}, 67305985], [{nla_len=12, "
	    "nla_t"
	    "ype=IFLA_TUN_TYPE}, IFF_TUN], [{nla_len=12, nla_type=IFLA_TUN_PI}, 1], [{nla_len=12, "
	    "nla"
	    "_type=IFLA_TUN_VNET_HDR}, 1], [{nla_len=12, nla_type=IFLA_TUN_PERSIST}, 1], "
	    "[{nla_len=12"
	    ", nla_type=IFLA_TUN_MULTI_QUEUE}, 1], [{nla_len=12, nla_type=IFLA_TUN_NUM_QUEUES}, "
	    "67305"
	    "985], [{nla_len=12, nla_type=IFLA_TUN_NUM_DISABLED_QUEUES}, 67305985], [{nla_len=12, "
	    "nla"
	    "_type=0xa /* IFLA_TUN_??? */}, \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"], "
	    "[{nla_len=12, nla_ty"
	    "pe=0xb /* IFLA_TUN_??? */}, \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"]]]]]]");
}

Test(unit_format_netlink, linkinfo_tun_data_slave_kind_and_xstats_under_v)
{
	cr_expect_str_eq(
	    nl_verbose(
		0,
		"8000000010000200050000000000000000000100010000000000000000000000600012000800010074"
		"756e00"
		"2c000200080001000000000008000200e8030000050003000100000005000400010000000500050000"
		"000000"
		"0b00040062726964676500001c000300000000000000000000000000000000000000000000000000"),
	    "[{nlmsg_len=128, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=5, "
	    "nlmsg_pid"
	    "=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, ifi_index=if_nametoindex(\"lo\"), "
	    "ifi_f"
	    "lags=0, ifi_change=0}, [{nla_len=96, nla_type=IFLA_LINKINFO}, [[{nla_len=8, "
	    "nla_type=IFL"
	    "A_INFO_KIND}, \"tun\"], [{nla_len=44, nla_type=IFLA_INFO_DATA}, [[{nla_len=8, "
	    "nla_type=IFL"
	    "A_TUN_OWNER}, 0], [{nla_len=8, nla_type=IFLA_TUN_GROUP}, 1000], [{nla_len=5, "
	    "nla_type=IF"
	    "LA_TUN_TYPE}, IFF_TUN], [{nla_len=5, nla_type=IFLA_TUN_PI}, 1], [{nla_len=5, "
	    "nla_type=IF"
	    "LA_TUN_VNET_HDR}, 0]]], [{nla_len=11, nla_type=IFLA_INFO_SLAVE_KIND}, \"bridge\"], "
	    "[{nla_l"
	    "en=28, nla_type=IFLA_INFO_XSTATS}, "
	    "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	    "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"]]]]");
}

Test(unit_format_netlink, linkinfo_can_xstats_under_v)
{
	cr_expect_str_eq(nl_verbose(0, "48000000100002000500000000000000000001000100000000000000000"
				       "00000280012000800010063616e00"
				       "1c000300010000000200000003000000040000000500000006000000"),
			 "[{nlmsg_len=72, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, "
			 "nlmsg_seq=5, nlmsg_pid="
			 "0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, "
			 "ifi_index=if_nametoindex(\"lo\"), ifi_fl"
			 "ags=0, ifi_change=0}, [{nla_len=40, nla_type=IFLA_LINKINFO}, "
			 "[[{nla_len=8, nla_type=IFLA"
			 "_INFO_KIND}, \"can\"], [{nla_len=28, nla_type=IFLA_INFO_XSTATS}, "
			 "{bus_error=1, error_warni"
			 "ng=2, error_passive=3, bus_off=4, arbitration_lost=5, restarts=6}]]]]");
}
