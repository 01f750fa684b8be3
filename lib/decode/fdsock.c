// SPDX-License-Identifier: MIT
/*
 * -yy's socket details: TCP/UDP endpoints from /proc/TGID/net/{tcp,udp}[6] (the tracer's own
 * /proc/self/net once the process has exited: same namespace, inode numbers are unique), UNIX
 * sockets' type, peer and path from sock_diag (NETLINK_SOCK_DIAG), as strace 6.1 prints them.
 */
#include "fdsock.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static FILE *open_net(uint32_t tgid, const char *table)
{
	char path[64];
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%u/net/%s", tgid, table);
	fp = fopen(path, "re");
	if (fp)
		return fp;
	snprintf(path, sizeof(path), "/proc/self/net/%s", table);
	return fopen(path, "re");
}

/* An address of /proc/net/tcp[6]: 8 hex digits per 32-bit word, each in host order. */
static void put_addr(char *out, size_t len, const char *hex, unsigned port, bool v6)
{
	unsigned char a[16];
	char txt[INET6_ADDRSTRLEN] = "?";

	for (unsigned w = 0; w < (v6 ? 4u : 1u); w++) {
		char word[9];
		uint32_t v;

		memcpy(word, hex + 8 * w, 8);
		word[8] = '\0';
		v = (uint32_t)strtoul(word, NULL, 16);
		memcpy(a + 4 * w, &v, 4);
	}
	inet_ntop(v6 ? AF_INET6 : AF_INET, a, txt, sizeof(txt));
	snprintf(out, len, v6 ? "[%s]:%u" : "%s:%u", txt, port);
}

static bool inet_detail(uint32_t tgid, unsigned long ino, char *out, size_t len)
{
	static const struct {
		const char *file, *proto;
		bool v6;
	} tables[] = {{"tcp", "TCP", false},
		      {"tcp6", "TCPv6", true},
		      {"udp", "UDP", false},
		      {"udp6", "UDPv6", true}};
	char line[512];

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		FILE *fp = open_net(tgid, tables[t].file);
		size_t hexlen = tables[t].v6 ? 32 : 8;

		while (fp && fgets(line, sizeof(line), fp)) {
			char la[64], ra[64], l[80], r[80];
			unsigned lp, rp, st;
			unsigned long i;
			bool zero;

			if (sscanf(line,
				   " %*d: %63[0-9A-Fa-f]:%x %63[0-9A-Fa-f]:%x %x %*s %*s %*s %*s "
				   "%*s %lu",
				   la, &lp, ra, &rp, &st, &i) != 6 ||
			    i != ino || strlen(la) != hexlen || strlen(ra) != hexlen)
				continue;
			fclose(fp);
			zero = strspn(ra, "0") == hexlen;
			put_addr(l, sizeof(l), la, lp, tables[t].v6);
			put_addr(r, sizeof(r), ra, rp, tables[t].v6);
			if (zero && strspn(la, "0") == hexlen && !lp && st != 0x0A /* TCP_LISTEN */)
				snprintf(out, len, "%s:[%lu]", tables[t].proto, ino);
			else if (!zero)
				snprintf(out, len, "%s:[%s->%s]", tables[t].proto, l, r);
			else
				snprintf(out, len, "%s:[%s]", tables[t].proto, l);
			return true;
		}
		if (fp)
			fclose(fp);
	}
	return false;
}

static bool unix_detail(unsigned long ino, char *out, size_t len)
{
	static const char *const types[] = {"", "-STREAM", "-DGRAM", "", "", "-SEQPACKET"};
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req req;
	} msg = {
	    .nlh = {.nlmsg_len = sizeof(msg),
		    .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		    .nlmsg_flags = NLM_F_REQUEST},
	    .req = {.sdiag_family = AF_UNIX,
		    .udiag_states = ~0u,
		    .udiag_ino = (uint32_t)ino,
		    .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
		    .udiag_cookie = {~0u, ~0u}},
	};
	union {
		struct nlmsghdr nlh;
		char buf[8192];
	} reply;
	char name[256] = "", peer[32] = "";
	const struct unix_diag_msg *m;
	const struct nlmsghdr *h;
	struct rtattr *a;
	ssize_t n;
	int rest, fd;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return false;
	n = send(fd, &msg, sizeof(msg), 0) == sizeof(msg) ? recv(fd, &reply, sizeof(reply), 0) : -1;
	close(fd);
	h = &reply.nlh;
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(*m)) || !NLMSG_OK(h, (size_t)n) ||
	    h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return false;
	m = NLMSG_DATA(h);
	if (m->udiag_ino != ino)
		return false;
	rest = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*m)));
	for (a = (struct rtattr *)(m + 1); RTA_OK(a, rest); a = RTA_NEXT(a, rest)) {
		size_t alen = RTA_PAYLOAD(a);

		if (a->rta_type == UNIX_DIAG_PEER && alen >= 4)
			snprintf(peer, sizeof(peer), "->%u", *(const uint32_t *)RTA_DATA(a));
		else if (a->rta_type == UNIX_DIAG_NAME && alen && alen < sizeof(name) - 4 &&
			 *(const char *)RTA_DATA(a))
			snprintf(name, sizeof(name), ",\"%.*s\"", (int)alen,
				 (const char *)RTA_DATA(a));
	}
	snprintf(out, len, "UNIX%s:[%lu%s%s]", m->udiag_type < 6 ? types[m->udiag_type] : "", ino,
		 peer, name);
	return true;
}

bool rn_fdsock__detail(uint32_t tgid, unsigned long ino, char *out, size_t len)
{
	return inet_detail(tgid, ino, out, len) || unix_detail(ino, out, len);
}

/* An address as BPF read it (network order), IPv6 in brackets, and its port. */
static void put_raw_addr(char *out, size_t len, const uint8_t *a, unsigned port, bool v6)
{
	char txt[INET6_ADDRSTRLEN] = "?";

	inet_ntop(v6 ? AF_INET6 : AF_INET, a, txt, sizeof(txt));
	snprintf(out, len, v6 ? "[%s]:%u" : "%s:%u", txt, port);
}

bool rn_fdsock__from_id(const struct rn_fdid *id, bool bare, char *out, size_t len)
{
	static const char *const unix_types[] = {"", "-STREAM", "-DGRAM", "", "", "-SEQPACKET"};
	static const uint8_t zero[16];
	bool v6 = id->family == AF_INET6, tcp = id->protocol == IPPROTO_TCP;
	size_t alen = v6 ? 16 : 4;
	char l[80], r[80];

	if ((id->mode & S_IFMT) != S_IFSOCK)
		return false;
	if (id->family == AF_UNIX && bare) {
		int n = snprintf(out, len, "UNIX%s:[%llu", id->type < 6 ? unix_types[id->type] : "",
				 (unsigned long long)id->ino);

		if (n > 0 && (size_t)n < len)
			snprintf(out + n, len - (size_t)n, id->peer_ino ? "->%llu]" : "]",
				 (unsigned long long)id->peer_ino);
		return true;
	}
	if ((id->family != AF_INET && !v6) ||
	    (id->protocol != IPPROTO_TCP && id->protocol != IPPROTO_UDP))
		return false;
	put_raw_addr(l, sizeof(l), id->saddr, id->sport, v6);
	put_raw_addr(r, sizeof(r), id->daddr, id->dport, v6);
	if (!memcmp(id->daddr, zero, alen) && !memcmp(id->saddr, zero, alen) && !id->sport &&
	    id->state != 10 /* TCP_LISTEN */)
		snprintf(out, len, "%s%s:[%llu]", tcp ? "TCP" : "UDP", v6 ? "v6" : "",
			 (unsigned long long)id->ino);
	else if (memcmp(id->daddr, zero, alen))
		snprintf(out, len, "%s%s:[%s->%s]", tcp ? "TCP" : "UDP", v6 ? "v6" : "", l, r);
	else
		snprintf(out, len, "%s%s:[%s]", tcp ? "TCP" : "UDP", v6 ? "v6" : "", l);
	return true;
}
