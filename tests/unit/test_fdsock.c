// SPDX-License-Identifier: MIT
/*
 * -yy's socket details, on sockets of this process, against the text strace 6.1 prints for
 * them: `TCPv6:[[::1]:P->[::1]:Q]`, `UNIX-STREAM:[ino->peer]`, `UNIX-STREAM:[ino,"path"]`.
 */
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "fdpaths.h"
#include "strbuf.h"

static struct rn_fdpaths *fds;

static void setup(void)
{
	fds = rn_fdpaths__new(RN_FDS_ALL);
	cr_assert(fds);
}

static void teardown(void)
{
	rn_fdpaths__free(fds);
}

TestSuite(unit_fdsock, .init = setup, .fini = teardown);

static unsigned long ino_of(int fd)
{
	struct stat st;

	cr_assert(!fstat(fd, &st));
	return (unsigned long)st.st_ino;
}

/* `<...>` as -yy prints fd of this process, snapshot from /proc first. */
static char *put(int fd)
{
	struct rn_strbuf sb = {0};

	rn_fdpaths__snapshot(fds, (uint32_t)getpid());
	rn_fdpaths__put(fds, (uint32_t)getpid(), fd, &sb);
	rn_strbuf__putc(&sb, '\0');
	return sb.buf;
}

static void expect_put(int fd, const char *want)
{
	char *got = put(fd);

	cr_expect_str_eq(got, want);
	free(got);
}

Test(unit_fdsock, tcp6_endpoints_print_in_brackets)
{
	struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
	socklen_t al = sizeof(a);
	int l = socket(AF_INET6, SOCK_STREAM, 0), c = socket(AF_INET6, SOCK_STREAM, 0), s;
	unsigned lport, cport;
	char want[128];

	cr_assert(l >= 0 && c >= 0);
	cr_assert(!bind(l, (struct sockaddr *)&a, sizeof(a)), "bind [::1]:0 failed");
	cr_assert(!listen(l, 1));
	cr_assert(!getsockname(l, (struct sockaddr *)&a, &al));
	lport = ntohs(a.sin6_port);
	snprintf(want, sizeof(want), "<TCPv6:[[::1]:%u]>", lport);
	expect_put(l, want);
	cr_assert(!connect(c, (struct sockaddr *)&a, sizeof(a)));
	s = accept(l, NULL, NULL);
	cr_assert(s >= 0);
	al = sizeof(a);
	cr_assert(!getsockname(c, (struct sockaddr *)&a, &al));
	cport = ntohs(a.sin6_port);
	snprintf(want, sizeof(want), "<TCPv6:[[::1]:%u->[::1]:%u]>", cport, lport);
	expect_put(c, want);
	close(s);
	close(c);
	close(l);
}

Test(unit_fdsock, unix_sockets_print_their_peer_and_path)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int sv[2], l, c, s;
	char want[256];

	cr_assert(!socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	snprintf(want, sizeof(want), "<UNIX-STREAM:[%lu->%lu]>", ino_of(sv[0]), ino_of(sv[1]));
	expect_put(sv[0], want);
	snprintf(a.sun_path, sizeof(a.sun_path), "/tmp/rn-fdsock-%d", (int)getpid());
	unlink(a.sun_path);
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	cr_assert(l >= 0 && c >= 0);
	cr_assert(!bind(l, (struct sockaddr *)&a, sizeof(a)));
	cr_assert(!listen(l, 1));
	snprintf(want, sizeof(want), "<UNIX-STREAM:[%lu,\"%s\"]>", ino_of(l), a.sun_path);
	expect_put(l, want);
	cr_assert(!connect(c, (struct sockaddr *)&a, sizeof(a)));
	s = accept(l, NULL, NULL);
	cr_assert(s >= 0);
	snprintf(want, sizeof(want), "<UNIX-STREAM:[%lu->%lu,\"%s\"]>", ino_of(s), ino_of(c),
		 a.sun_path);
	expect_put(s, want);
	unlink(a.sun_path);
	close(s);
	close(c);
	close(l);
	close(sv[0]);
	close(sv[1]);
}
