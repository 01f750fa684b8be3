// SPDX-License-Identifier: MIT
/*
 * Flag and constant names, in the order strace's xlat tables list them: flags
 * print in table order, so the order here is part of the output format.
 */
#include "xlat.h"

#include <stdbool.h>

#define X(v)                                                                                       \
	{                                                                                          \
		(uint64_t)(v), #v                                                                  \
	}
#define N(s, v)                                                                                    \
	{                                                                                          \
		(uint64_t)(v), s                                                                   \
	}
#define XLAT(name, unk, ...)                                                                       \
	static const struct rn_xlat_ent name##_e[] = {__VA_ARGS__};                                \
	const struct rn_xlat name = {name##_e, sizeof(name##_e) / sizeof(name##_e[0]), unk}

const char *rn_xlat__name(const struct rn_xlat *x, uint64_t v)
{
	for (unsigned i = 0; i < x->n; i++)
		if (x->ent[i].val == v)
			return x->ent[i].name;
	return NULL;
}

static void put_unknown_comment(struct rn_strbuf *sb, const struct rn_xlat *x)
{
	if (!x->unknown)
		return;
	rn_strbuf__puts(sb, " /* ");
	rn_strbuf__puts(sb, x->unknown);
	rn_strbuf__puts(sb, " */");
}

void rn_xlat__print_val(struct rn_strbuf *sb, const struct rn_xlat *x, uint64_t v)
{
	const char *s = rn_xlat__name(x, v);

	if (s) {
		rn_strbuf__puts(sb, s);
		return;
	}
	if (v)
		rn_strbuf__append_hex(sb, v);
	else
		rn_strbuf__putc(sb, '0');
	put_unknown_comment(sb, x);
}

void rn_xlat__print_val_d(struct rn_strbuf *sb, const struct rn_xlat *x, int64_t v)
{
	const char *s = rn_xlat__name(x, (uint64_t)v);

	if (s) {
		rn_strbuf__puts(sb, s);
		return;
	}
	rn_strbuf__append_s64(sb, v);
	put_unknown_comment(sb, x);
}

int rn_xlat__print_flags(struct rn_strbuf *sb, const struct rn_xlat *x, uint64_t v,
			 const char *zero)
{
	int n = 0;

	if (!v) {
		rn_strbuf__puts(sb, zero ? zero : "0");
		return zero ? 1 : 0;
	}
	for (unsigned i = 0; i < x->n && v; i++) {
		uint64_t f = x->ent[i].val;

		if (!f || (v & f) != f)
			continue;
		if (n++)
			rn_strbuf__putc(sb, '|');
		rn_strbuf__puts(sb, x->ent[i].name);
		v &= ~f;
	}
	if (v) {
		if (n)
			rn_strbuf__putc(sb, '|');
		rn_strbuf__append_hex(sb, v);
		if (!n) /* no bit had a name: strace adds the table's comment, MCL_??? */
			put_unknown_comment(sb, x);
	}
	return n;
}

XLAT(rn_xl_open_access, "O_???", N("O_RDONLY", 0), N("O_WRONLY", 1), N("O_RDWR", 2),
     N("O_ACCMODE", 3));
XLAT(rn_xl_open_flags, NULL, N("O_CREAT", 0100), N("O_EXCL", 0200), N("O_NOCTTY", 0400),
     N("O_TRUNC", 01000), N("O_APPEND", 02000), N("O_NONBLOCK", 04000), N("O_SYNC", 04010000),
     N("__O_SYNC", 04000000), N("O_DSYNC", 010000), N("O_DIRECT", 040000),
     N("O_LARGEFILE", 0100000), N("O_NOFOLLOW", 0400000), N("O_NOATIME", 01000000),
     N("O_CLOEXEC", 02000000), N("O_PATH", 010000000), N("O_TMPFILE", 020200000),
     N("__O_TMPFILE", 020000000), N("O_DIRECTORY", 0200000), N("FASYNC", 020000));
XLAT(rn_xl_at_flags, NULL, N("AT_SYMLINK_NOFOLLOW", 0x100), N("AT_REMOVEDIR", 0x200),
     N("AT_SYMLINK_FOLLOW", 0x400), N("AT_NO_AUTOMOUNT", 0x800), N("AT_EMPTY_PATH", 0x1000),
     N("AT_RECURSIVE", 0x8000));
XLAT(rn_xl_at_faccess_flags, NULL, N("AT_SYMLINK_NOFOLLOW", 0x100), N("AT_EACCESS", 0x200),
     N("AT_EMPTY_PATH", 0x1000));
XLAT(rn_xl_at_unlink_flags, NULL, N("AT_REMOVEDIR", 0x200));
XLAT(rn_xl_access_modes, NULL, N("F_OK", 0), N("R_OK", 4), N("W_OK", 2), N("X_OK", 1));
XLAT(rn_xl_mmap_prot, NULL, N("PROT_READ", 1), N("PROT_WRITE", 2), N("PROT_EXEC", 4),
     N("PROT_SEM", 8), N("PROT_GROWSDOWN", 0x01000000), N("PROT_GROWSUP", 0x02000000));
XLAT(rn_xl_mmap_type, "MAP_???", N("MAP_FILE", 0), N("MAP_SHARED", 1), N("MAP_PRIVATE", 2),
     N("MAP_SHARED_VALIDATE", 3));
XLAT(rn_xl_mmap_flags, NULL, N("MAP_FIXED", 0x10), N("MAP_ANONYMOUS", 0x20), N("MAP_32BIT", 0x40),
     N("MAP_NORESERVE", 0x4000), N("MAP_POPULATE", 0x8000), N("MAP_NONBLOCK", 0x10000),
     N("MAP_GROWSDOWN", 0x100), N("MAP_DENYWRITE", 0x800), N("MAP_EXECUTABLE", 0x1000),
     N("MAP_LOCKED", 0x2000), N("MAP_STACK", 0x20000), N("MAP_HUGETLB", 0x40000),
     N("MAP_SYNC", 0x80000), N("MAP_UNINITIALIZED", 0x4000000), N("MAP_FIXED_NOREPLACE", 0x100000));
XLAT(rn_xl_mremap_flags, NULL, N("MREMAP_MAYMOVE", 1), N("MREMAP_FIXED", 2),
     N("MREMAP_DONTUNMAP", 4));
XLAT(rn_xl_madvise, "MADV_???", N("MADV_NORMAL", 0), N("MADV_RANDOM", 1), N("MADV_SEQUENTIAL", 2),
     N("MADV_WILLNEED", 3), N("MADV_DONTNEED", 4), N("MADV_FREE", 8), N("MADV_REMOVE", 9),
     N("MADV_DONTFORK", 10), N("MADV_DOFORK", 11), N("MADV_MERGEABLE", 12),
     N("MADV_UNMERGEABLE", 13), N("MADV_HUGEPAGE", 14), N("MADV_NOHUGEPAGE", 15),
     N("MADV_DONTDUMP", 16), N("MADV_DODUMP", 17), N("MADV_WIPEONFORK", 18),
     N("MADV_KEEPONFORK", 19), N("MADV_COLD", 20), N("MADV_PAGEOUT", 21),
     N("MADV_POPULATE_READ", 22), N("MADV_POPULATE_WRITE", 23), N("MADV_DONTNEED_LOCKED", 24),
     N("MADV_COLLAPSE", 25), N("MADV_HWPOISON", 100), N("MADV_SOFT_OFFLINE", 101));
XLAT(rn_xl_seek, "SEEK_???", N("SEEK_SET", 0), N("SEEK_CUR", 1), N("SEEK_END", 2),
     N("SEEK_DATA", 3), N("SEEK_HOLE", 4));
XLAT(rn_xl_fcntl_cmds, "F_???", N("F_DUPFD", 0), N("F_GETFD", 1), N("F_SETFD", 2), N("F_GETFL", 3),
     N("F_SETFL", 4), N("F_GETLK", 5), N("F_SETLK", 6), N("F_SETLKW", 7), N("F_SETOWN", 8),
     N("F_GETOWN", 9), N("F_SETSIG", 10), N("F_GETSIG", 11), N("F_SETOWN_EX", 15),
     N("F_GETOWN_EX", 16), N("F_GETOWNER_UIDS", 17), N("F_OFD_GETLK", 36), N("F_OFD_SETLK", 37),
     N("F_OFD_SETLKW", 38), N("F_SETLEASE", 1024), N("F_GETLEASE", 1025), N("F_NOTIFY", 1026),
     N("F_CANCELLK", 1029), N("F_DUPFD_CLOEXEC", 1030), N("F_SETPIPE_SZ", 1031),
     N("F_GETPIPE_SZ", 1032), N("F_ADD_SEALS", 1033), N("F_GET_SEALS", 1034));
XLAT(rn_xl_fd_flags, NULL, N("FD_CLOEXEC", 1));
XLAT(rn_xl_clone_flags, NULL, N("CLONE_VM", 0x100), N("CLONE_FS", 0x200), N("CLONE_FILES", 0x400),
     N("CLONE_SIGHAND", 0x800), N("CLONE_PIDFD", 0x1000), N("CLONE_PTRACE", 0x2000),
     N("CLONE_VFORK", 0x4000), N("CLONE_PARENT", 0x8000), N("CLONE_THREAD", 0x10000),
     N("CLONE_NEWNS", 0x20000), N("CLONE_SYSVSEM", 0x40000), N("CLONE_SETTLS", 0x80000),
     N("CLONE_PARENT_SETTID", 0x100000), N("CLONE_CHILD_CLEARTID", 0x200000),
     N("CLONE_UNTRACED", 0x800000), N("CLONE_CHILD_SETTID", 0x1000000),
     N("CLONE_NEWCGROUP", 0x2000000), N("CLONE_NEWUTS", 0x4000000), N("CLONE_NEWIPC", 0x8000000),
     N("CLONE_NEWUSER", 0x10000000), N("CLONE_NEWPID", 0x20000000), N("CLONE_NEWNET", 0x40000000),
     N("CLONE_IO", 0x80000000));
XLAT(rn_xl_sigact_flags, NULL, N("SA_RESTORER", 0x04000000), N("SA_ONSTACK", 0x08000000),
     N("SA_RESTART", 0x10000000), N("SA_INTERRUPT", 0x20000000), N("SA_NODEFER", 0x40000000),
     N("SA_RESETHAND", 0x80000000), N("SA_SIGINFO", 4), N("SA_NOCLDSTOP", 1), N("SA_NOCLDWAIT", 2));
XLAT(rn_xl_sigev_notify, "SIGEV_???", N("SIGEV_SIGNAL", 0), N("SIGEV_NONE", 1),
     N("SIGEV_THREAD", 2), N("SIGEV_THREAD_ID", 4));
XLAT(rn_xl_sighow, "SIG_???", N("SIG_BLOCK", 0), N("SIG_UNBLOCK", 1), N("SIG_SETMASK", 2));
XLAT(rn_xl_wait_opts, NULL, N("WNOHANG", 1), N("WUNTRACED", 2), N("WCONTINUED", 8),
     N("__WNOTHREAD", 0x20000000), N("__WALL", 0x40000000), N("__WCLONE", 0x80000000));
XLAT(rn_xl_waitid_opts, NULL, N("WNOHANG", 1), N("WSTOPPED", 2), N("WEXITED", 4),
     N("WCONTINUED", 8), N("WNOWAIT", 0x1000000), N("__WNOTHREAD", 0x20000000),
     N("__WALL", 0x40000000), N("__WCLONE", 0x80000000));
XLAT(rn_xl_idtype, "P_???", N("P_ALL", 0), N("P_PID", 1), N("P_PGID", 2), N("P_PIDFD", 3));
XLAT(rn_xl_socket_af, "AF_???", N("AF_UNSPEC", 0), N("AF_UNIX", 1), N("AF_INET", 2),
     N("AF_AX25", 3), N("AF_IPX", 4), N("AF_APPLETALK", 5), N("AF_NETROM", 6), N("AF_BRIDGE", 7),
     N("AF_ATMPVC", 8), N("AF_X25", 9), N("AF_INET6", 10), N("AF_ROSE", 11), N("AF_DECnet", 12),
     N("AF_NETBEUI", 13), N("AF_SECURITY", 14), N("AF_KEY", 15), N("AF_NETLINK", 16),
     N("AF_PACKET", 17), N("AF_ASH", 18), N("AF_ECONET", 19), N("AF_ATMSVC", 20), N("AF_RDS", 21),
     N("AF_SNA", 22), N("AF_IRDA", 23), N("AF_PPPOX", 24), N("AF_WANPIPE", 25), N("AF_LLC", 26),
     N("AF_IB", 27), N("AF_MPLS", 28), N("AF_CAN", 29), N("AF_TIPC", 30), N("AF_BLUETOOTH", 31),
     N("AF_IUCV", 32), N("AF_RXRPC", 33), N("AF_ISDN", 34), N("AF_PHONET", 35),
     N("AF_IEEE802154", 36), N("AF_CAIF", 37), N("AF_ALG", 38), N("AF_NFC", 39), N("AF_VSOCK", 40),
     N("AF_KCM", 41), N("AF_QIPCRTR", 42), N("AF_SMC", 43), N("AF_XDP", 44), N("AF_MCTP", 45));
XLAT(rn_xl_socket_type, "SOCK_???", N("SOCK_STREAM", 1), N("SOCK_DGRAM", 2), N("SOCK_RAW", 3),
     N("SOCK_RDM", 4), N("SOCK_SEQPACKET", 5), N("SOCK_DCCP", 6), N("SOCK_PACKET", 10));
XLAT(rn_xl_socket_flags, NULL, N("SOCK_CLOEXEC", 02000000), N("SOCK_NONBLOCK", 04000));
XLAT(rn_xl_ipproto, "IPPROTO_???", N("IPPROTO_IP", 0), N("IPPROTO_ICMP", 1), N("IPPROTO_IGMP", 2),
     N("IPPROTO_IPIP", 4), N("IPPROTO_TCP", 6), N("IPPROTO_EGP", 8), N("IPPROTO_PUP", 12),
     N("IPPROTO_UDP", 17), N("IPPROTO_IDP", 22), N("IPPROTO_TP", 29), N("IPPROTO_DCCP", 33),
     N("IPPROTO_IPV6", 41), N("IPPROTO_RSVP", 46), N("IPPROTO_GRE", 47), N("IPPROTO_ESP", 50),
     N("IPPROTO_AH", 51), N("IPPROTO_ICMPV6", 58), N("IPPROTO_MTP", 92), N("IPPROTO_BEETPH", 94),
     N("IPPROTO_ENCAP", 98), N("IPPROTO_PIM", 103), N("IPPROTO_COMP", 108), N("IPPROTO_L2TP", 115),
     N("IPPROTO_SCTP", 132), N("IPPROTO_MH", 135), N("IPPROTO_UDPLITE", 136),
     N("IPPROTO_MPLS", 137), N("IPPROTO_ETHERNET", 143), N("IPPROTO_RAW", 255),
     N("IPPROTO_MPTCP", 262));
XLAT(rn_xl_msg_flags, NULL, N("MSG_OOB", 1), N("MSG_PEEK", 2), N("MSG_DONTROUTE", 4),
     N("MSG_CTRUNC", 8), N("MSG_PROXY", 0x10), N("MSG_TRUNC", 0x20), N("MSG_DONTWAIT", 0x40),
     N("MSG_EOR", 0x80), N("MSG_WAITALL", 0x100), N("MSG_FIN", 0x200), N("MSG_SYN", 0x400),
     N("MSG_CONFIRM", 0x800), N("MSG_RST", 0x1000), N("MSG_ERRQUEUE", 0x2000),
     N("MSG_NOSIGNAL", 0x4000), N("MSG_MORE", 0x8000), N("MSG_WAITFORONE", 0x10000),
     N("MSG_BATCH", 0x40000), N("MSG_ZEROCOPY", 0x4000000), N("MSG_FASTOPEN", 0x20000000),
     N("MSG_CMSG_CLOEXEC", 0x40000000));
XLAT(rn_xl_sock_level, "SOL_??", N("SOL_IP", 0), N("SOL_SOCKET", 1), N("SOL_TCP", 6),
     N("SOL_UDP", 17), N("SOL_IPV6", 41), N("SOL_ICMPV6", 58), N("SOL_SCTP", 132),
     N("SOL_UDPLITE", 136), N("SOL_RAW", 255), N("SOL_NETLINK", 270), N("SOL_PACKET", 263),
     N("SOL_TLS", 282), N("SOL_XDP", 283), N("SOL_MPTCP", 284));
XLAT(rn_xl_sol_socket, "SO_???", N("SO_DEBUG", 1), N("SO_REUSEADDR", 2), N("SO_TYPE", 3),
     N("SO_ERROR", 4), N("SO_DONTROUTE", 5), N("SO_BROADCAST", 6), N("SO_SNDBUF", 7),
     N("SO_RCVBUF", 8), N("SO_KEEPALIVE", 9), N("SO_OOBINLINE", 10), N("SO_NO_CHECK", 11),
     N("SO_PRIORITY", 12), N("SO_LINGER", 13), N("SO_BSDCOMPAT", 14), N("SO_REUSEPORT", 15),
     N("SO_PASSCRED", 16), N("SO_PEERCRED", 17), N("SO_RCVLOWAT", 18), N("SO_SNDLOWAT", 19),
     N("SO_RCVTIMEO_OLD", 20), N("SO_SNDTIMEO_OLD", 21), N("SO_BINDTODEVICE", 25),
     N("SO_ATTACH_FILTER", 26), N("SO_DETACH_FILTER", 27), N("SO_PEERNAME", 28),
     N("SO_TIMESTAMP_OLD", 29), N("SO_ACCEPTCONN", 30), N("SO_PEERSEC", 31),
     N("SO_SNDBUFFORCE", 32), N("SO_RCVBUFFORCE", 33), N("SO_PASSSEC", 34),
     N("SO_TIMESTAMPNS_OLD", 35), N("SO_MARK", 36), N("SO_PROTOCOL", 38), N("SO_DOMAIN", 39),
     N("SO_RXQ_OVFL", 40), N("SO_PEEK_OFF", 42), N("SO_BUSY_POLL", 46), N("SO_INCOMING_CPU", 49),
     N("SO_ZEROCOPY", 60), N("SO_TXTIME", 61), N("SO_PEERPIDFD", 77));
XLAT(rn_xl_shut_how, "SHUT_???", N("SHUT_RD", 0), N("SHUT_WR", 1), N("SHUT_RDWR", 2));
XLAT(rn_xl_poll_events, NULL, N("POLLIN", 1), N("POLLPRI", 2), N("POLLOUT", 4), N("POLLERR", 8),
     N("POLLHUP", 0x10), N("POLLNVAL", 0x20), N("POLLRDNORM", 0x40), N("POLLRDBAND", 0x80),
     N("POLLWRNORM", 0x100), N("POLLWRBAND", 0x200), N("POLLMSG", 0x400), N("POLLREMOVE", 0x1000),
     N("POLLRDHUP", 0x2000));
XLAT(rn_xl_clocks, "CLOCK_???", N("CLOCK_REALTIME", 0), N("CLOCK_MONOTONIC", 1),
     N("CLOCK_PROCESS_CPUTIME_ID", 2), N("CLOCK_THREAD_CPUTIME_ID", 3), N("CLOCK_MONOTONIC_RAW", 4),
     N("CLOCK_REALTIME_COARSE", 5), N("CLOCK_MONOTONIC_COARSE", 6), N("CLOCK_BOOTTIME", 7),
     N("CLOCK_REALTIME_ALARM", 8), N("CLOCK_BOOTTIME_ALARM", 9), N("CLOCK_SGI_CYCLE", 10),
     N("CLOCK_TAI", 11));
XLAT(rn_xl_rlimits, "RLIMIT_???", N("RLIMIT_CPU", 0), N("RLIMIT_FSIZE", 1), N("RLIMIT_DATA", 2),
     N("RLIMIT_STACK", 3), N("RLIMIT_CORE", 4), N("RLIMIT_RSS", 5), N("RLIMIT_NPROC", 6),
     N("RLIMIT_NOFILE", 7), N("RLIMIT_MEMLOCK", 8), N("RLIMIT_AS", 9), N("RLIMIT_LOCKS", 10),
     N("RLIMIT_SIGPENDING", 11), N("RLIMIT_MSGQUEUE", 12), N("RLIMIT_NICE", 13),
     N("RLIMIT_RTPRIO", 14), N("RLIMIT_RTTIME", 15));
XLAT(rn_xl_futex_ops, "FUTEX_???", N("FUTEX_WAIT", 0), N("FUTEX_WAKE", 1), N("FUTEX_FD", 2),
     N("FUTEX_REQUEUE", 3), N("FUTEX_CMP_REQUEUE", 4), N("FUTEX_WAKE_OP", 5), N("FUTEX_LOCK_PI", 6),
     N("FUTEX_UNLOCK_PI", 7), N("FUTEX_TRYLOCK_PI", 8), N("FUTEX_WAIT_BITSET", 9),
     N("FUTEX_WAKE_BITSET", 10), N("FUTEX_WAIT_REQUEUE_PI", 11), N("FUTEX_CMP_REQUEUE_PI", 12),
     N("FUTEX_LOCK_PI2", 13));
XLAT(rn_xl_arch_prctl, "ARCH_???", N("ARCH_SET_GS", 0x1001), N("ARCH_SET_FS", 0x1002),
     N("ARCH_GET_FS", 0x1003), N("ARCH_GET_GS", 0x1004), N("ARCH_GET_CPUID", 0x1011),
     N("ARCH_SET_CPUID", 0x1012), N("ARCH_GET_XCOMP_SUPP", 0x1021),
     N("ARCH_GET_XCOMP_PERM", 0x1022), N("ARCH_REQ_XCOMP_PERM", 0x1023),
     N("ARCH_GET_XCOMP_GUEST_PERM", 0x1024), N("ARCH_REQ_XCOMP_GUEST_PERM", 0x1025),
     N("ARCH_MAP_VDSO_X32", 0x2001), N("ARCH_MAP_VDSO_32", 0x2002), N("ARCH_MAP_VDSO_64", 0x2003));
XLAT(rn_xl_grnd_flags, NULL, N("GRND_NONBLOCK", 1), N("GRND_RANDOM", 2), N("GRND_INSECURE", 4));
XLAT(rn_xl_fadvise, "POSIX_FADV_???", N("POSIX_FADV_NORMAL", 0), N("POSIX_FADV_RANDOM", 1),
     N("POSIX_FADV_SEQUENTIAL", 2), N("POSIX_FADV_WILLNEED", 3), N("POSIX_FADV_DONTNEED", 4),
     N("POSIX_FADV_NOREUSE", 5));
XLAT(rn_xl_flock_ops, NULL, N("LOCK_SH", 1), N("LOCK_EX", 2), N("LOCK_NB", 4), N("LOCK_UN", 8),
     N("LOCK_MAND", 32), N("LOCK_READ", 64), N("LOCK_WRITE", 128));
XLAT(rn_xl_prio_which, "PRIO_???", N("PRIO_PROCESS", 0), N("PRIO_PGRP", 1), N("PRIO_USER", 2));
XLAT(rn_xl_prctl_ops, "PR_???", N("PR_SET_PDEATHSIG", 1), N("PR_GET_PDEATHSIG", 2),
     N("PR_GET_DUMPABLE", 3), N("PR_SET_DUMPABLE", 4), N("PR_GET_UNALIGN", 5),
     N("PR_SET_UNALIGN", 6), N("PR_GET_KEEPCAPS", 7), N("PR_SET_KEEPCAPS", 8), N("PR_GET_FPEMU", 9),
     N("PR_SET_FPEMU", 10), N("PR_GET_FPEXC", 11), N("PR_SET_FPEXC", 12), N("PR_GET_TIMING", 13),
     N("PR_SET_TIMING", 14), N("PR_SET_NAME", 15), N("PR_GET_NAME", 16), N("PR_GET_ENDIAN", 19),
     N("PR_SET_ENDIAN", 20), N("PR_GET_SECCOMP", 21), N("PR_SET_SECCOMP", 22),
     N("PR_CAPBSET_READ", 23), N("PR_CAPBSET_DROP", 24), N("PR_GET_TSC", 25), N("PR_SET_TSC", 26),
     N("PR_GET_SECUREBITS", 27), N("PR_SET_SECUREBITS", 28), N("PR_SET_TIMERSLACK", 29),
     N("PR_GET_TIMERSLACK", 30), N("PR_TASK_PERF_EVENTS_DISABLE", 31),
     N("PR_TASK_PERF_EVENTS_ENABLE", 32), N("PR_MCE_KILL", 33), N("PR_MCE_KILL_GET", 34),
     N("PR_SET_MM", 35), N("PR_SET_CHILD_SUBREAPER", 36), N("PR_GET_CHILD_SUBREAPER", 37),
     N("PR_SET_NO_NEW_PRIVS", 38), N("PR_GET_NO_NEW_PRIVS", 39), N("PR_GET_TID_ADDRESS", 40),
     N("PR_SET_THP_DISABLE", 41), N("PR_GET_THP_DISABLE", 42), N("PR_MPX_ENABLE_MANAGEMENT", 43),
     N("PR_MPX_DISABLE_MANAGEMENT", 44), N("PR_SET_FP_MODE", 45), N("PR_GET_FP_MODE", 46),
     N("PR_CAP_AMBIENT", 47), N("PR_SVE_SET_VL", 50), N("PR_SVE_GET_VL", 51),
     N("PR_GET_SPECULATION_CTRL", 52), N("PR_SET_SPECULATION_CTRL", 53),
     N("PR_SET_VMA", 0x53564d41), N("PR_SET_PTRACER", 0x59616d61));
XLAT(rn_xl_dumpable, NULL, N("SUID_DUMP_DISABLE", 0), N("SUID_DUMP_USER", 1),
     N("SUID_DUMP_ROOT", 2));
XLAT(rn_xl_epoll_ctl_ops, "EPOLL_CTL_???", N("EPOLL_CTL_ADD", 1), N("EPOLL_CTL_DEL", 2),
     N("EPOLL_CTL_MOD", 3));
XLAT(rn_xl_epoll_events, NULL, N("EPOLLIN", 1), N("EPOLLPRI", 2), N("EPOLLOUT", 4),
     N("EPOLLERR", 8), N("EPOLLHUP", 0x10), N("EPOLLNVAL", 0x20), N("EPOLLRDNORM", 0x40),
     N("EPOLLRDBAND", 0x80), N("EPOLLWRNORM", 0x100), N("EPOLLWRBAND", 0x200), N("EPOLLMSG", 0x400),
     N("EPOLLRDHUP", 0x2000), N("EPOLLEXCLUSIVE", 1u << 28), N("EPOLLWAKEUP", 1u << 29),
     N("EPOLLONESHOT", 1u << 30), N("EPOLLET", 1u << 31));
XLAT(rn_xl_epoll_flags, NULL, N("EPOLL_CLOEXEC", 02000000));
XLAT(rn_xl_efd_flags, "EFD_???", N("EFD_SEMAPHORE", 1), N("EFD_CLOEXEC", 02000000),
     N("EFD_NONBLOCK", 04000));
XLAT(rn_xl_statx_mask, NULL, N("STATX_ALL", 0xfff), N("STATX_BASIC_STATS", 0x7ff),
     N("STATX_TYPE", 1), N("STATX_MODE", 2), N("STATX_NLINK", 4), N("STATX_UID", 8),
     N("STATX_GID", 0x10), N("STATX_ATIME", 0x20), N("STATX_MTIME", 0x40), N("STATX_CTIME", 0x80),
     N("STATX_INO", 0x100), N("STATX_SIZE", 0x200), N("STATX_BLOCKS", 0x400),
     N("STATX_BTIME", 0x800), N("STATX_MNT_ID", 0x1000), N("STATX_DIOALIGN", 0x2000));
XLAT(rn_xl_statx_attrs, NULL, N("STATX_ATTR_COMPRESSED", 0x4), N("STATX_ATTR_IMMUTABLE", 0x10),
     N("STATX_ATTR_APPEND", 0x20), N("STATX_ATTR_NODUMP", 0x40), N("STATX_ATTR_ENCRYPTED", 0x800),
     N("STATX_ATTR_AUTOMOUNT", 0x1000), N("STATX_ATTR_MOUNT_ROOT", 0x2000),
     N("STATX_ATTR_VERITY", 0x100000), N("STATX_ATTR_DAX", 0x200000));
XLAT(rn_xl_statx_flags, NULL, N("AT_STATX_SYNC_AS_STAT", 0), N("AT_STATX_FORCE_SYNC", 0x2000),
     N("AT_STATX_DONT_SYNC", 0x4000));
XLAT(rn_xl_fs_magic, NULL, N("EXT2_SUPER_MAGIC", 0xef53), N("TMPFS_MAGIC", 0x01021994),
     N("PROC_SUPER_MAGIC", 0x9fa0), N("SYSFS_MAGIC", 0x62656572),
     N("OVERLAYFS_SUPER_MAGIC", 0x794c7630), N("BTRFS_SUPER_MAGIC", 0x9123683e),
     N("XFS_SUPER_MAGIC", 0x58465342), N("DEVPTS_SUPER_MAGIC", 0x1cd1),
     N("CGROUP2_SUPER_MAGIC", 0x63677270), N("CGROUP_SUPER_MAGIC", 0x27e0eb),
     N("NFS_SUPER_MAGIC", 0x6969), N("RAMFS_MAGIC", 0x858458f6), N("SQUASHFS_MAGIC", 0x73717368),
     N("V9FS_MAGIC", 0x01021997), N("FUSE_SUPER_MAGIC", 0x65735546),
     N("SECURITYFS_MAGIC", 0x73636673), N("DEBUGFS_MAGIC", 0x64626720),
     N("TRACEFS_MAGIC", 0x74726163), N("BPF_FS_MAGIC", 0xcafe4a11), N("MSDOS_SUPER_MAGIC", 0x4d44),
     N("HUGETLBFS_MAGIC", 0x958458f6), N("MQUEUE_MAGIC", 0x19800202), N("PIPEFS_MAGIC", 0x50495045),
     N("SOCKFS_MAGIC", 0x534f434b), N("ANON_INODE_FS_MAGIC", 0x09041934),
     N("SELINUX_MAGIC", 0xf97cff8c), N("ZFS_SUPER_MAGIC", 0x2fc12fc1));
/* strace's order: ST_VALID first */
XLAT(rn_xl_statfs_flags, NULL, N("ST_VALID", 32), N("ST_RDONLY", 1), N("ST_NOSUID", 2),
     N("ST_NODEV", 4), N("ST_NOEXEC", 8), N("ST_SYNCHRONOUS", 16), N("ST_MANDLOCK", 64),
     N("ST_WRITE", 128), N("ST_APPEND", 256), N("ST_IMMUTABLE", 512), N("ST_NOATIME", 1024),
     N("ST_NODIRATIME", 2048), N("ST_RELATIME", 4096), N("ST_NOSYMFOLLOW", 8192));
XLAT(rn_xl_timer_flags, NULL, N("TIMER_ABSTIME", 1));
XLAT(rn_xl_tfd_flags, NULL, N("TFD_TIMER_ABSTIME", 1), N("TFD_TIMER_CANCEL_ON_SET", 2),
     N("TFD_CLOEXEC", 02000000), N("TFD_NONBLOCK", 04000));
XLAT(rn_xl_inotify_mask, NULL, N("IN_ACCESS", 1), N("IN_MODIFY", 2), N("IN_ATTRIB", 4),
     N("IN_CLOSE_WRITE", 8), N("IN_CLOSE_NOWRITE", 0x10), N("IN_OPEN", 0x20),
     N("IN_MOVED_FROM", 0x40), N("IN_MOVED_TO", 0x80), N("IN_CREATE", 0x100), N("IN_DELETE", 0x200),
     N("IN_DELETE_SELF", 0x400), N("IN_MOVE_SELF", 0x800), N("IN_UNMOUNT", 0x2000),
     N("IN_Q_OVERFLOW", 0x4000), N("IN_IGNORED", 0x8000), N("IN_ONLYDIR", 0x1000000),
     N("IN_DONT_FOLLOW", 0x2000000), N("IN_EXCL_UNLINK", 0x4000000),
     N("IN_MASK_CREATE", 0x10000000), N("IN_MASK_ADD", 0x20000000), N("IN_ISDIR", 0x40000000),
     N("IN_ONESHOT", 0x80000000));
XLAT(rn_xl_inotify_init_flags, NULL, N("IN_CLOEXEC", 02000000), N("IN_NONBLOCK", 04000));
XLAT(rn_xl_memfd_flags, NULL, N("MFD_CLOEXEC", 1), N("MFD_ALLOW_SEALING", 2), N("MFD_HUGETLB", 4),
     N("MFD_NOEXEC_SEAL", 8), N("MFD_EXEC", 0x10));
XLAT(rn_xl_membarrier_cmds, "MEMBARRIER_CMD_???", N("MEMBARRIER_CMD_QUERY", 0),
     N("MEMBARRIER_CMD_GLOBAL", 1), N("MEMBARRIER_CMD_GLOBAL_EXPEDITED", 2),
     N("MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED", 4), N("MEMBARRIER_CMD_PRIVATE_EXPEDITED", 8),
     N("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED", 16),
     N("MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE", 32),
     N("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE", 64),
     N("MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ", 128),
     N("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ", 256));
XLAT(rn_xl_rusage_who, "RUSAGE_???", N("RUSAGE_SELF", 0), N("RUSAGE_CHILDREN", -1),
     N("RUSAGE_THREAD", 1));
XLAT(rn_xl_close_range_flags, NULL, N("CLOSE_RANGE_UNSHARE", 2), N("CLOSE_RANGE_CLOEXEC", 4));
XLAT(rn_xl_rename_flags, NULL, N("RENAME_NOREPLACE", 1), N("RENAME_EXCHANGE", 2),
     N("RENAME_WHITEOUT", 4));
XLAT(rn_xl_itimer_which, "ITIMER_???", N("ITIMER_REAL", 0), N("ITIMER_VIRTUAL", 1),
     N("ITIMER_PROF", 2));
XLAT(rn_xl_mlockall_flags, "MCL_???", N("MCL_CURRENT", 1), N("MCL_FUTURE", 2), N("MCL_ONFAULT", 4));
XLAT(rn_xl_msync_flags, "MS_???", N("MS_ASYNC", 1), N("MS_INVALIDATE", 2), N("MS_SYNC", 4));
XLAT(rn_xl_ss_flags, NULL, N("SS_ONSTACK", 1), N("SS_DISABLE", 2), N("SS_AUTODISARM", 0x80000000));
XLAT(rn_xl_sigcodes_si, NULL, N("SI_USER", 0), N("SI_KERNEL", 0x80), N("SI_QUEUE", -1),
     N("SI_TIMER", -2), N("SI_MESGQ", -3), N("SI_ASYNCIO", -4), N("SI_SIGIO", -5),
     N("SI_TKILL", -6), N("SI_DETHREAD", -7), N("SI_ASYNCNL", -60));
XLAT(rn_xl_sigcodes_chld, NULL, N("CLD_EXITED", 1), N("CLD_KILLED", 2), N("CLD_DUMPED", 3),
     N("CLD_TRAPPED", 4), N("CLD_STOPPED", 5), N("CLD_CONTINUED", 6));
XLAT(rn_xl_sigcodes_segv, NULL, N("SEGV_MAPERR", 1), N("SEGV_ACCERR", 2), N("SEGV_BNDERR", 3),
     N("SEGV_PKUERR", 4), N("SEGV_ACCADI", 5), N("SEGV_ADIDERR", 6), N("SEGV_ADIPERR", 7),
     N("SEGV_MTEAERR", 8), N("SEGV_MTESERR", 9), N("SEGV_CPERR", 10));
XLAT(rn_xl_sigcodes_bus, NULL, N("BUS_ADRALN", 1), N("BUS_ADRERR", 2), N("BUS_OBJERR", 3),
     N("BUS_MCEERR_AR", 4), N("BUS_MCEERR_AO", 5));
XLAT(rn_xl_sigcodes_fpe, NULL, N("FPE_INTDIV", 1), N("FPE_INTOVF", 2), N("FPE_FLTDIV", 3),
     N("FPE_FLTOVF", 4), N("FPE_FLTUND", 5), N("FPE_FLTRES", 6), N("FPE_FLTINV", 7),
     N("FPE_FLTSUB", 8), N("FPE_FLTUNK", 14), N("FPE_CONDTRAP", 15));
XLAT(rn_xl_sigcodes_ill, NULL, N("ILL_ILLOPC", 1), N("ILL_ILLOPN", 2), N("ILL_ILLADR", 3),
     N("ILL_ILLTRP", 4), N("ILL_PRVOPC", 5), N("ILL_PRVREG", 6), N("ILL_COPROC", 7),
     N("ILL_BADSTK", 8), N("ILL_BADIADDR", 9));
XLAT(rn_xl_sigcodes_trap, NULL, N("TRAP_BRKPT", 1), N("TRAP_TRACE", 2), N("TRAP_BRANCH", 3),
     N("TRAP_HWBKPT", 4), N("TRAP_UNK", 5), N("TRAP_PERF", 6));
XLAT(rn_xl_sigcodes_poll, NULL, N("POLL_IN", 1), N("POLL_OUT", 2), N("POLL_MSG", 3),
     N("POLL_ERR", 4), N("POLL_PRI", 5), N("POLL_HUP", 6));
XLAT(rn_xl_falloc_modes, NULL, N("FALLOC_FL_KEEP_SIZE", 1), N("FALLOC_FL_PUNCH_HOLE", 2),
     N("FALLOC_FL_NO_HIDE_STALE", 4), N("FALLOC_FL_COLLAPSE_RANGE", 8),
     N("FALLOC_FL_ZERO_RANGE", 0x10), N("FALLOC_FL_INSERT_RANGE", 0x20),
     N("FALLOC_FL_UNSHARE_RANGE", 0x40));
XLAT(rn_xl_splice_flags, NULL, N("SPLICE_F_MOVE", 1), N("SPLICE_F_NONBLOCK", 2),
     N("SPLICE_F_MORE", 4), N("SPLICE_F_GIFT", 8));
XLAT(rn_xl_rwf_flags, NULL, N("RWF_HIPRI", 1), N("RWF_DSYNC", 2), N("RWF_SYNC", 4),
     N("RWF_NOWAIT", 8), N("RWF_APPEND", 0x10));
XLAT(rn_xl_pidfd_flags, NULL, N("PIDFD_NONBLOCK", 04000));
XLAT(rn_xl_sched_policies, "SCHED_???", N("SCHED_OTHER", 0), N("SCHED_FIFO", 1), N("SCHED_RR", 2),
     N("SCHED_BATCH", 3), N("SCHED_ISO", 4), N("SCHED_IDLE", 5), N("SCHED_DEADLINE", 6));
XLAT(rn_xl_sfd_flags, "SFD_???", N("SFD_CLOEXEC", 02000000), N("SFD_NONBLOCK", 04000));
XLAT(rn_xl_sync_file_range_flags, NULL, N("SYNC_FILE_RANGE_WAIT_BEFORE", 1),
     N("SYNC_FILE_RANGE_WRITE", 2), N("SYNC_FILE_RANGE_WAIT_AFTER", 4));
XLAT(rn_xl_umount_flags, NULL, N("MNT_FORCE", 1), N("MNT_DETACH", 2), N("MNT_EXPIRE", 4),
     N("UMOUNT_NOFOLLOW", 8));
XLAT(rn_xl_flock_types, "F_???", N("F_RDLCK", 0), N("F_WRLCK", 1), N("F_UNLCK", 2));
XLAT(rn_xl_term_iflags, NULL, N("IGNBRK", 01), N("BRKINT", 02), N("IGNPAR", 04), N("PARMRK", 010),
     N("INPCK", 020), N("ISTRIP", 040), N("INLCR", 0100), N("IGNCR", 0200), N("ICRNL", 0400),
     N("IUCLC", 01000), N("IXON", 02000), N("IXANY", 04000), N("IXOFF", 010000),
     N("IMAXBEL", 020000), N("IUTF8", 040000));
XLAT(rn_xl_term_oflags, NULL, N("OPOST", 01), N("OLCUC", 02), N("ONLCR", 04), N("OCRNL", 010),
     N("ONOCR", 020), N("ONLRET", 040), N("OFILL", 0100), N("OFDEL", 0200));
XLAT(rn_xl_term_cflags, NULL, N("CSTOPB", 0100), N("CREAD", 0200), N("PARENB", 0400),
     N("PARODD", 01000), N("HUPCL", 02000), N("CLOCAL", 04000), N("CMSPAR", 010000000000),
     N("CRTSCTS", 020000000000));
XLAT(rn_xl_term_lflags, NULL, N("ISIG", 01), N("ICANON", 02), N("XCASE", 04), N("ECHO", 010),
     N("ECHOE", 020), N("ECHOK", 040), N("ECHONL", 0100), N("NOFLSH", 0200), N("IEXTEN", 0100000),
     N("ECHOCTL", 01000), N("ECHOPRT", 02000), N("ECHOKE", 04000), N("FLUSHO", 010000),
     N("PENDIN", 040000), N("TOSTOP", 0400), N("EXTPROC", 0200000));
XLAT(rn_xl_term_csize, "CS?", N("CS5", 0), N("CS6", 020), N("CS7", 040), N("CS8", 060));
XLAT(rn_xl_term_bauds, "B???", N("B0", 0), N("B50", 1), N("B75", 2), N("B110", 3), N("B134", 4),
     N("B150", 5), N("B200", 6), N("B300", 7), N("B600", 010), N("B1200", 011), N("B1800", 012),
     N("B2400", 013), N("B4800", 014), N("B9600", 015), N("B19200", 016), N("B38400", 017),
     N("BOTHER", 010000), N("B57600", 010001), N("B115200", 010002), N("B230400", 010003),
     N("B460800", 010004), N("B500000", 010005), N("B576000", 010006), N("B921600", 010007),
     N("B1000000", 010010), N("B1152000", 010011), N("B1500000", 010012), N("B2000000", 010013),
     N("B2500000", 010014), N("B3000000", 010015), N("B3500000", 010016), N("B4000000", 010017));
XLAT(rn_xl_tcflsh, "TC???", N("TCIFLUSH", 0), N("TCOFLUSH", 1), N("TCIOFLUSH", 2));
XLAT(rn_xl_tcxonc, "TC???", N("TCOOFF", 0), N("TCOON", 1), N("TCIOFF", 2), N("TCION", 3));
XLAT(rn_xl_fs_inode_flags, NULL, N("FS_SECRM_FL", 0x1), N("FS_UNRM_FL", 0x2), N("FS_COMPR_FL", 0x4),
     N("FS_SYNC_FL", 0x8), N("FS_IMMUTABLE_FL", 0x10), N("FS_APPEND_FL", 0x20),
     N("FS_NODUMP_FL", 0x40), N("FS_NOATIME_FL", 0x80), N("FS_DIRTY_FL", 0x100),
     N("FS_COMPRBLK_FL", 0x200), N("FS_NOCOMP_FL", 0x400), N("FS_ENCRYPT_FL", 0x800),
     N("FS_INDEX_FL", 0x1000), N("FS_IMAGIC_FL", 0x2000), N("FS_JOURNAL_DATA_FL", 0x4000),
     N("FS_NOTAIL_FL", 0x8000), N("FS_DIRSYNC_FL", 0x10000), N("FS_TOPDIR_FL", 0x20000),
     N("FS_HUGE_FILE_FL", 0x40000), N("FS_EXTENT_FL", 0x80000), N("FS_VERITY_FL", 0x100000),
     N("FS_EA_INODE_FL", 0x200000), N("FS_EOFBLOCKS_FL", 0x400000), N("FS_NOCOW_FL", 0x800000),
     N("FS_DAX_FL", 0x2000000), N("FS_INLINE_DATA_FL", 0x10000000),
     N("FS_PROJINHERIT_FL", 0x20000000), N("FS_CASEFOLD_FL", 0x40000000),
     N("FS_RESERVED_FL", 0x80000000));
XLAT(rn_xl_sockopt_ip, "IP_???", N("IP_TOS", 1), N("IP_TTL", 2), N("IP_HDRINCL", 3),
     N("IP_OPTIONS", 4), N("IP_ROUTER_ALERT", 5), N("IP_RECVOPTS", 6), N("IP_RETOPTS", 7),
     N("IP_PKTINFO", 8), N("IP_PKTOPTIONS", 9), N("IP_MTU_DISCOVER", 10), N("IP_RECVERR", 11),
     N("IP_RECVTTL", 12), N("IP_RECVTOS", 13), N("IP_MTU", 14), N("IP_FREEBIND", 15),
     N("IP_IPSEC_POLICY", 16), N("IP_XFRM_POLICY", 17), N("IP_PASSSEC", 18),
     N("IP_TRANSPARENT", 19), N("IP_ORIGDSTADDR", 20), N("IP_MINTTL", 21), N("IP_NODEFRAG", 22),
     N("IP_CHECKSUM", 23), N("IP_BIND_ADDRESS_NO_PORT", 24), N("IP_RECVFRAGSIZE", 25),
     N("IP_RECVERR_RFC4884", 26), N("IP_MULTICAST_IF", 32), N("IP_MULTICAST_TTL", 33),
     N("IP_MULTICAST_LOOP", 34), N("IP_ADD_MEMBERSHIP", 35), N("IP_DROP_MEMBERSHIP", 36),
     N("IP_UNBLOCK_SOURCE", 37), N("IP_BLOCK_SOURCE", 38), N("IP_ADD_SOURCE_MEMBERSHIP", 39),
     N("IP_DROP_SOURCE_MEMBERSHIP", 40), N("IP_MSFILTER", 41), N("MCAST_JOIN_GROUP", 42),
     N("MCAST_BLOCK_SOURCE", 43), N("MCAST_UNBLOCK_SOURCE", 44), N("MCAST_LEAVE_GROUP", 45),
     N("MCAST_JOIN_SOURCE_GROUP", 46), N("MCAST_LEAVE_SOURCE_GROUP", 47), N("MCAST_MSFILTER", 48),
     N("IP_MULTICAST_ALL", 49), N("IP_UNICAST_IF", 50));
XLAT(rn_xl_sockopt_tcp, "TCP_???", N("TCP_NODELAY", 1), N("TCP_MAXSEG", 2), N("TCP_CORK", 3),
     N("TCP_KEEPIDLE", 4), N("TCP_KEEPINTVL", 5), N("TCP_KEEPCNT", 6), N("TCP_SYNCNT", 7),
     N("TCP_LINGER2", 8), N("TCP_DEFER_ACCEPT", 9), N("TCP_WINDOW_CLAMP", 10), N("TCP_INFO", 11),
     N("TCP_QUICKACK", 12), N("TCP_CONGESTION", 13), N("TCP_MD5SIG", 14),
     N("TCP_COOKIE_TRANSACTIONS", 15), N("TCP_THIN_LINEAR_TIMEOUTS", 16), N("TCP_THIN_DUPACK", 17),
     N("TCP_USER_TIMEOUT", 18), N("TCP_REPAIR", 19), N("TCP_REPAIR_QUEUE", 20),
     N("TCP_QUEUE_SEQ", 21), N("TCP_REPAIR_OPTIONS", 22), N("TCP_FASTOPEN", 23),
     N("TCP_TIMESTAMP", 24), N("TCP_NOTSENT_LOWAT", 25), N("TCP_CC_INFO", 26),
     N("TCP_SAVE_SYN", 27), N("TCP_SAVED_SYN", 28), N("TCP_REPAIR_WINDOW", 29),
     N("TCP_FASTOPEN_CONNECT", 30), N("TCP_ULP", 31), N("TCP_MD5SIG_EXT", 32),
     N("TCP_FASTOPEN_KEY", 33), N("TCP_FASTOPEN_NO_COOKIE", 34), N("TCP_ZEROCOPY_RECEIVE", 35),
     N("TCP_INQ", 36), N("TCP_TX_DELAY", 37));
XLAT(rn_xl_sockopt_udp, "UDP_???", N("UDP_CORK", 1), N("UDP_ENCAP", 100),
     N("UDP_NO_CHECK6_TX", 101), N("UDP_NO_CHECK6_RX", 102), N("UDP_SEGMENT", 103),
     N("UDP_GRO", 104));
XLAT(rn_xl_sockopt_ipv6, "IPV6_???", N("IPV6_ADDRFORM", 1), N("IPV6_2292PKTINFO", 2),
     N("IPV6_2292HOPOPTS", 3), N("IPV6_2292DSTOPTS", 4), N("IPV6_2292RTHDR", 5),
     N("IPV6_2292PKTOPTIONS", 6), N("IPV6_CHECKSUM", 7), N("IPV6_2292HOPLIMIT", 8),
     N("IPV6_NEXTHOP", 9), N("IPV6_AUTHHDR", 10), N("IPV6_FLOWINFO", 11),
     N("IPV6_UNICAST_HOPS", 16), N("IPV6_MULTICAST_IF", 17), N("IPV6_MULTICAST_HOPS", 18),
     N("IPV6_MULTICAST_LOOP", 19), N("IPV6_ADD_MEMBERSHIP", 20), N("IPV6_DROP_MEMBERSHIP", 21),
     N("IPV6_ROUTER_ALERT", 22), N("IPV6_MTU_DISCOVER", 23), N("IPV6_MTU", 24),
     N("IPV6_RECVERR", 25), N("IPV6_V6ONLY", 26), N("IPV6_JOIN_ANYCAST", 27),
     N("IPV6_LEAVE_ANYCAST", 28), N("IPV6_MULTICAST_ALL", 29), N("IPV6_ROUTER_ALERT_ISOLATE", 30),
     N("IPV6_RECVERR_RFC4884", 31), N("IPV6_FLOWLABEL_MGR", 32), N("IPV6_FLOWINFO_SEND", 33),
     N("IPV6_IPSEC_POLICY", 34), N("IPV6_XFRM_POLICY", 35), N("IPV6_HDRINCL", 36),
     N("MCAST_JOIN_GROUP", 42), N("MCAST_BLOCK_SOURCE", 43), N("MCAST_UNBLOCK_SOURCE", 44),
     N("MCAST_LEAVE_GROUP", 45), N("MCAST_JOIN_SOURCE_GROUP", 46),
     N("MCAST_LEAVE_SOURCE_GROUP", 47), N("MCAST_MSFILTER", 48), N("IPV6_RECVPKTINFO", 49),
     N("IPV6_PKTINFO", 50), N("IPV6_RECVHOPLIMIT", 51), N("IPV6_HOPLIMIT", 52),
     N("IPV6_RECVHOPOPTS", 53), N("IPV6_HOPOPTS", 54), N("IPV6_RTHDRDSTOPTS", 55),
     N("IPV6_RECVRTHDR", 56), N("IPV6_RTHDR", 57), N("IPV6_RECVDSTOPTS", 58), N("IPV6_DSTOPTS", 59),
     N("IPV6_RECVPATHMTU", 60), N("IPV6_PATHMTU", 61), N("IPV6_DONTFRAG", 62),
     N("IPV6_RECVTCLASS", 66), N("IPV6_TCLASS", 67), N("IPV6_AUTOFLOWLABEL", 70),
     N("IPV6_ADDR_PREFERENCES", 72), N("IPV6_MINHOPCOUNT", 73), N("IPV6_ORIGDSTADDR", 74),
     N("IPV6_TRANSPARENT", 75), N("IPV6_UNICAST_IF", 76), N("IPV6_RECVFRAGSIZE", 77),
     N("IPV6_FREEBIND", 78));
XLAT(rn_xl_pkey_access, "PKEY_???", N("PKEY_DISABLE_ACCESS", 1), N("PKEY_DISABLE_WRITE", 2));
XLAT(rn_xl_netlink_protos, "NETLINK_???", N("NETLINK_ROUTE", 0), N("NETLINK_UNUSED", 1),
     N("NETLINK_USERSOCK", 2), N("NETLINK_FIREWALL", 3), N("NETLINK_SOCK_DIAG", 4),
     N("NETLINK_NFLOG", 5), N("NETLINK_XFRM", 6), N("NETLINK_SELINUX", 7), N("NETLINK_ISCSI", 8),
     N("NETLINK_AUDIT", 9), N("NETLINK_FIB_LOOKUP", 10), N("NETLINK_CONNECTOR", 11),
     N("NETLINK_NETFILTER", 12), N("NETLINK_IP6_FW", 13), N("NETLINK_DNRTMSG", 14),
     N("NETLINK_KOBJECT_UEVENT", 15), N("NETLINK_GENERIC", 16), N("NETLINK_SCSITRANSPORT", 18),
     N("NETLINK_ECRYPTFS", 19), N("NETLINK_RDMA", 20), N("NETLINK_CRYPTO", 21),
     N("NETLINK_SMC", 22));
XLAT(rn_xl_sockopt_netlink, "NETLINK_???", N("NETLINK_ADD_MEMBERSHIP", 1),
     N("NETLINK_DROP_MEMBERSHIP", 2), N("NETLINK_PKTINFO", 3), N("NETLINK_BROADCAST_ERROR", 4),
     N("NETLINK_NO_ENOBUFS", 5), N("NETLINK_RX_RING", 6), N("NETLINK_TX_RING", 7),
     N("NETLINK_LISTEN_ALL_NSID", 8), N("NETLINK_LIST_MEMBERSHIPS", 9), N("NETLINK_CAP_ACK", 10),
     N("NETLINK_EXT_ACK", 11), N("NETLINK_GET_STRICT_CHK", 12));
XLAT(rn_xl_scm_types, "SCM_???", N("SCM_RIGHTS", 1), N("SCM_CREDENTIALS", 2), N("SCM_SECURITY", 3),
     N("SCM_PIDFD", 4), N("SO_TIMESTAMP_OLD", 29), N("SO_TIMESTAMPNS_OLD", 35),
     N("SO_TIMESTAMPING_OLD", 37));
