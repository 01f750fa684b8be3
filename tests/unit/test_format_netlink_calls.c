// SPDX-License-Identifier: MIT
/*
 * The calls of a netlink socket: the buffer decodes as messages when the record carries the
 * socket (RN_ARG_SOCK, what BPF saw at the call), under the socket's protocol once it is bound,
 * and stays a string otherwise; sockaddr_nl shows nl_pad when set. Lines as strace 6.1's.
 */
#include <criterion/criterion.h>
#include <sys/syscall.h>

#include "fmtline.h"

TestSuite(unit_format_netlink_calls);

/* glibc's RTM_GETADDR request of getaddrinfo(AI_ADDRCONFIG): a header and a rtgenmsg. */
static const unsigned char getaddr[20] = {20, 0, 0, 0, 22, 0, 1, 3, 7, 0, 0, 0, 0, 0, 0, 0, 0};

/* The RN_ARG_SOCK item: a netlink socket of protocol proto, bound or not. */
static void sock_item(uint16_t proto, bool bound)
{
	struct rn_fdid id = {.mode = 0140000, .family = 16, .type = 3, .protocol = proto};
	struct rn_item *it;

	id.state = bound;
	rn_recbuild__item(&b, RN_ARG_SOCK, 0, 0, &id, sizeof(id));
	it = (struct rn_item *)((unsigned char *)b.rec + b.rec->h.size - sizeof(*it) -
				rn_item__padded(sizeof(id)));
	it->kind = RN_CAP_FDID;
}

static const char *sendto_line(int sock)
{
	CALL(__NR_sendto, 20, 3, 0x1000, 20, 0, 0, 0);
	rn_recbuild__item(&b, 1, 0, 0, getaddr, sizeof(getaddr));
	if (sock >= 0)
		sock_item((uint16_t)sock, true);
	else if (sock == -1)
		sock_item(0, false);
	return line_o(NULL);
}

Test(unit_format_netlink_calls, a_bound_route_socket_decodes_its_messages)
{
	cr_expect_str_eq(sendto_line(0),
			 "sendto(3, [{nlmsg_len=20, nlmsg_type=RTM_GETADDR, "
			 "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=7, nlmsg_pid=0}, "
			 "{ifa_family=AF_UNSPEC, ...}], 20, 0, NULL, 0) = 20");
}

Test(unit_format_netlink_calls, an_unbound_socket_has_no_protocol_yet)
{
	cr_expect_str_eq(sendto_line(-1),
			 "sendto(3, [{nlmsg_len=20, nlmsg_type=0x16 /* NLMSG_??? */, "
			 "nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=7, nlmsg_pid=0}, "
			 "\"\\x00\\x00\\x00\\x00\"], 20, 0, NULL, 0) = 20");
}

Test(unit_format_netlink_calls, other_sockets_keep_their_bytes)
{
	cr_expect_str_eq(sendto_line(-2),
			 "sendto(3, \"\\24\\0\\0\\0\\26\\0\\1\\3\\7\\0\\0\\0\\0\\0\\0\\0\\0"
			 "\\0\\0\\0\", 20, 0, NULL, 0) = 20");
}

Test(unit_format_netlink_calls, sockaddr_nl_shows_its_pad_when_set)
{
	unsigned char nl[12] = {16, 0, 0x1a, 0x1a};

	CALL(__NR_bind, 0, 3, 0x1000, 12);
	rn_recbuild__item(&b, 1, 0, 0, nl, sizeof(nl));
	cr_expect_str_eq(line_o(NULL), "bind(3, {sa_family=AF_NETLINK, nl_pad=0x1a1a, nl_pid=0, "
				       "nl_groups=00000000}, 12) = 0");
}
