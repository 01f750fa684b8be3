// SPDX-License-Identifier: MIT
/*
 * What BPF captures for each argument kind (kind_caps), and the capture table derived from
 * the syscall rows: the same kinds drive the printing and the capture, so they cannot drift.
 */
#include <string.h>

#include "systable.h"

/* Where a capture's element count comes from, relative to the argument's position. */
enum len_rel {
	L_NONE,
	L_NEXT,	      /* the next argument's value */
	L_PREV,	      /* the previous argument's value */
	L_DEREF_NEXT, /* the __u32 the next argument points to */
	L_RET,
	L_FIXED,
	L_ARG0, /* argument 0's value (select's nfds: a byte per fd, more than the bits needed) */
};

struct kind_cap {
	uint8_t cap;   /* enum rn_cap_kind */
	uint8_t len;   /* enum len_rel */
	uint8_t flags; /* enum rn_capf */
	uint16_t size;
};

#define OUT RN_CAPF_SUCCESS
#define FIXED(sz, fl)                                                                              \
	{                                                                                          \
		RN_CAP_BUF, L_FIXED, fl, sz                                                        \
	}

/* What each argument kind needs from user memory; kinds not listed need nothing. */
static const struct kind_cap kind_caps[RN_A__COUNT] = {
    [RN_A_PATH] = {RN_CAP_STR, L_NONE, 0, 0},
    [RN_A_PTR_OUT] = {RN_CAP_NONE, L_NONE, OUT, 0}, /* nothing captured: an output all the same */
    [RN_A_FD_RD] = {RN_CAP_FDOBJ, L_NONE, 0, 0},
    [RN_A_FD_WR] = {RN_CAP_FDOBJ, L_NONE, RN_CAPF_SEND, 0},
    [RN_A_EXEC_PATH] = {RN_CAP_STR, L_NONE, RN_CAPF_ENTER, 0},
    [RN_A_STR] = {RN_CAP_STR, L_NONE, RN_CAPF_SNAP, 0},
    [RN_A_PRCTL_ARG] = {RN_CAP_STR, L_NONE, RN_CAPF_SNAP, 0},
    [RN_A_WBUF] = {RN_CAP_BUF, L_NEXT, RN_CAPF_SNAP, 1},
    [RN_A_RBUF] = {RN_CAP_BUF, L_RET, RN_CAPF_SNAP | OUT, 1},
    [RN_A_RBUF_HEX] = {RN_CAP_BUF, L_RET, RN_CAPF_SNAP | OUT, 1},
    [RN_A_CWD] = {RN_CAP_BUF, L_RET, OUT, 1},
    [RN_A_CPUSET_OUT] = {RN_CAP_BUF, L_RET, OUT, 1},
    [RN_A_CPUSET] = {RN_CAP_BUF, L_PREV, 0, 1},
    [RN_A_ID_OUT] = FIXED(4, OUT),
    [RN_A_GID_LIST] = {RN_CAP_BUF, L_PREV, 0, 4},
    [RN_A_GID_LIST_OUT] = {RN_CAP_BUF, L_RET, OUT, 4},
    [RN_A_ITIMERVAL] = FIXED(32, 0),
    [RN_A_ITIMERVAL_OUT] = FIXED(32, OUT),
    [RN_A_LOFF] = FIXED(8, RN_CAPF_ENTER),
    [RN_A_LOFF_INOUT] = FIXED(8, RN_CAPF_ENTER | RN_CAPF_EXIT_TOO | OUT),
    [RN_A_INT_IN] = FIXED(4, RN_CAPF_ENTER),
    [RN_A_FDSET] = {RN_CAP_BUF, L_ARG0, RN_CAPF_ENTER | RN_CAPF_EXIT_TOO, 1},
    [RN_A_SEL_TIMEVAL] = FIXED(16, RN_CAPF_ENTER | RN_CAPF_EXIT_TOO),
    [RN_A_SEL_TIMESPEC] = FIXED(16, RN_CAPF_ENTER | RN_CAPF_EXIT_TOO),
    /* {const sigset_t *ss; size_t len} is laid out as an iovec: the pair, then the set */
    [RN_A_PSELECT_SIGMASK] = {RN_CAP_IOV, L_FIXED, RN_CAPF_ENTER, 0},
    [RN_A_SIGSET] = FIXED(8, RN_CAPF_ENTER),
    [RN_A_SIGSET_OUT] = FIXED(8, OUT),
    [RN_A_SIGFRAME_MASK] = FIXED(8, 0),
    [RN_A_SIGACTION] = FIXED(32, 0),
    [RN_A_SIGACTION_OUT] = FIXED(32, OUT),
    [RN_A_CLONE_PTID] = FIXED(4, OUT),
    [RN_A_CLONE3_ARGS] = {RN_CAP_BUF, L_NEXT, 0, 1},
    [RN_A_WSTATUS] = FIXED(4, OUT),
    [RN_A_RUSAGE_OUT] = FIXED(144, OUT),
    [RN_A_STAT_OUT] = FIXED(144, OUT),
    [RN_A_STATX_OUT] = FIXED(256, OUT),
    [RN_A_STATFS_OUT] = FIXED(120, OUT),
    [RN_A_SOCKADDR] = {RN_CAP_BUF, L_NEXT, 0, 1},
    [RN_A_SOCKADDR_OUT] = {RN_CAP_BUF, L_DEREF_NEXT, OUT, 1},
    [RN_A_SOCKLEN_OUT] = FIXED(4, RN_CAPF_ENTER | RN_CAPF_EXIT_TOO | OUT),
    [RN_A_INT_OUT] = FIXED(4, OUT),
    [RN_A_SOCKOPT_VAL] = {RN_CAP_BUF, L_NEXT, 0, 1},
    [RN_A_SOCKOPT_VAL_OUT] = {RN_CAP_BUF, L_DEREF_NEXT, OUT, 1},
    [RN_A_FDPAIR_OUT] = FIXED(8, OUT),
    [RN_A_IOV] = {RN_CAP_IOV, L_NEXT, RN_CAPF_SNAP, 0},
    [RN_A_IOV_OUT] = {RN_CAP_IOV, L_NEXT, RN_CAPF_SNAP | RN_CAPF_RETLIMIT, 0},
    [RN_A_MSGHDR] = {RN_CAP_MSGHDR, L_NONE, RN_CAPF_SNAP, 0},
    /* also at enter, where BPF takes only the header: msg_namelen is a value-result */
    [RN_A_MSGHDR_OUT] = {RN_CAP_MSGHDR, L_NONE,
			 RN_CAPF_SNAP | RN_CAPF_RETLIMIT | RN_CAPF_ENTER | RN_CAPF_EXIT_TOO, 0},
    [RN_A_POLLFDS] = {RN_CAP_BUF, L_NEXT, 0, 8},
    [RN_A_TIMESPEC] = FIXED(16, 0),
    [RN_A_TIMESPEC_OUT] = FIXED(16, OUT),
    [RN_A_TIMEVAL] = FIXED(16, 0),
    [RN_A_TIMEVAL_OUT] = FIXED(16, OUT),
    [RN_A_FUTEX_TIMEOUT] = FIXED(16, 0),
    [RN_A_UTIMENS] = FIXED(32, 0),
    [RN_A_UTIMES] = FIXED(32, 0),
    [RN_A_ITIMERSPEC] = FIXED(32, 0),
    [RN_A_ITIMERSPEC_OUT] = FIXED(32, OUT),
    [RN_A_RLIMIT] = FIXED(16, 0),
    [RN_A_RLIMIT_OUT] = FIXED(16, OUT),
    [RN_A_UTSNAME_OUT] = FIXED(390, OUT),
    [RN_A_SYSINFO_OUT] = FIXED(112, OUT),
    [RN_A_TMS_OUT] = FIXED(32, OUT),
    [RN_A_STACK_T] = FIXED(24, 0),
    [RN_A_STACK_T_OUT] = FIXED(24, OUT),
    [RN_A_SIGINFO_OUT] = FIXED(128, OUT),
    [RN_A_SIGINFO] = FIXED(128, 0),
    [RN_A_SIGEVENT] = FIXED(32, 0),
    [RN_A_EPOLL_EVENT] = FIXED(12, 0),
    [RN_A_EPOLL_EVENTS_OUT] = {RN_CAP_BUF, L_RET, OUT, 12},
    [RN_A_IOCTL_ARG] = FIXED(36, 0), /* struct termios, the largest decoded */
    [RN_A_FCNTL_ARG] = FIXED(32, 0),
    [RN_A_ARGV] = {RN_CAP_STRARR, L_NONE, RN_CAPF_ENTER | RN_CAPF_SNAP, 1},
    [RN_A_ENVP] = {RN_CAP_STRARR, L_NONE, RN_CAPF_ENTER, 0},
    [RN_A_DIRENTS] = {RN_CAP_DIRENTS, L_NONE, OUT, 0},
    [RN_A_CAP_HEADER] = FIXED(8, 0),
    [RN_A_CAP_DATA] = FIXED(24, 0),
    [RN_A_CAP_DATA_OUT] = FIXED(24, OUT),
    [RN_A_OPEN_HOW] = FIXED(24, 0),
    [RN_A_SECCOMP_ARGS] = FIXED(16, 0),
    [RN_A_SCHED_ATTR] = FIXED(56, 0),
    [RN_A_SCHED_ATTR_OUT] = FIXED(56, OUT),
    [RN_A_IORING_PARAMS] = FIXED(120, 0), /* its input is still there when the call fails */
    [RN_A_BPF_ATTR] = {RN_CAP_BPF_ATTR, L_NEXT, 0, 1},
};

bool rn_systable__kind_out(unsigned kind)
{
	return kind < RN_A__COUNT && (kind_caps[kind].flags & OUT);
}

struct rn_capspec rn_systable__capspec(unsigned kind, unsigned pos)
{
	struct rn_capspec cs = {0};
	const struct kind_cap *k;

	if (kind >= RN_A__COUNT || pos >= RN_NR_ARGS)
		return cs;
	k = &kind_caps[kind];
	if (!k->cap)
		return cs;
	/* A count taken from a following argument needs that argument to exist. */
	if ((k->len == L_NEXT || k->len == L_DEREF_NEXT) && pos + 1 >= RN_NR_ARGS)
		return cs;
	if (k->len == L_PREV && pos == 0)
		return cs;
	cs.kind = k->cap;
	cs.flags = k->flags;
	cs.size = k->size;
	switch (k->len) {
	case L_NEXT:
		cs.len_src = RN_LEN_ARG0 + pos + 1;
		break;
	case L_PREV:
		cs.len_src = RN_LEN_ARG0 + pos - 1;
		break;
	case L_DEREF_NEXT:
		cs.len_src = RN_LEN_DEREF0 + pos + 1;
		break;
	case L_ARG0:
		cs.len_src = RN_LEN_ARG0;
		break;
	case L_RET:
		cs.len_src = RN_LEN_RET;
		break;
	default:
		cs.len_src = RN_LEN_FIXED;
		break;
	}
	return cs;
}

/*
 * -y/-yy: what the descriptors a call makes (or binds, connects) name as the call leaves
 * them, so a line printed after the descriptor is closed or its process gone keeps its name
 * and shows the socket as it was then. In arg slot RN_ARG_FDID (renacer_abi.h). The sends are
 * there for an unbound UDP socket, which its first send binds (sendto's slot 5, its addrlen,
 * is captured by nothing).
 */
static const struct {
	const char *name;
	uint8_t src; /* RN_LEN_RET, or the argument holding the fd (size 4) or int[2] (size 8) */
	uint8_t size;
} fdid_calls[] = {
    {"socket", RN_LEN_RET, 0},		{"accept", RN_LEN_RET, 0},
    {"accept4", RN_LEN_RET, 0},		{"epoll_create", RN_LEN_RET, 0},
    {"epoll_create1", RN_LEN_RET, 0},	{"eventfd", RN_LEN_RET, 0},
    {"eventfd2", RN_LEN_RET, 0},	{"signalfd", RN_LEN_RET, 0},
    {"signalfd4", RN_LEN_RET, 0},	{"timerfd_create", RN_LEN_RET, 0},
    {"inotify_init", RN_LEN_RET, 0},	{"inotify_init1", RN_LEN_RET, 0},
    {"memfd_create", RN_LEN_RET, 0},	{"pidfd_open", RN_LEN_RET, 0},
    {"fanotify_init", RN_LEN_RET, 0},	{"perf_event_open", RN_LEN_RET, 0},
    {"userfaultfd", RN_LEN_RET, 0},	{"io_uring_setup", RN_LEN_RET, 0},
    {"pipe", RN_LEN_ARG0, 8},		{"pipe2", RN_LEN_ARG0, 8},
    {"socketpair", RN_LEN_ARG0 + 3, 8}, {"bind", RN_LEN_ARG0, 4},
    {"connect", RN_LEN_ARG0, 4},	{"listen", RN_LEN_ARG0, 4},
    {"sendto", RN_LEN_ARG0, 4},		{"sendmsg", RN_LEN_ARG0, 4},
    {"sendmmsg", RN_LEN_ARG0, 4},	{"bpf", RN_LEN_RET, 0},
};

/* Calls whose buffers strace decodes as netlink messages when args[0] is a netlink socket. */
static const char *const sock_calls[] = {"sendto", "recvfrom", "sendmsg", "recvmsg"};

void rn_systable__capspecs(struct rn_sysspec *specs)
{
	memset(specs, 0, sizeof(*specs) * RN_MAX_SYSCALLS);
	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		const struct rn_sysrow *row = rn_systable__row(nr);

		for (unsigned i = 0; row && i < row->nargs; i++)
			specs[nr].arg[i] = rn_systable__capspec(row->arg[i], i);
	}
	for (size_t i = 0; i < sizeof(fdid_calls) / sizeof(fdid_calls[0]); i++) {
		int nr = rn_syscall__by_name(fdid_calls[i].name);

		if (nr >= 0 && nr < RN_MAX_SYSCALLS)
			specs[nr].arg[RN_ARG_FDID] = (struct rn_capspec){
			    .kind = RN_CAP_FDID,
			    .len_src = fdid_calls[i].src,
			    .flags = fdid_calls[i].size == 4 ? 0 : RN_CAPF_SUCCESS,
			    .size = fdid_calls[i].size,
			};
	}
	for (size_t i = 0; i < sizeof(sock_calls) / sizeof(sock_calls[0]); i++) {
		int nr = rn_syscall__by_name(sock_calls[i]);

		if (nr >= 0 && nr < RN_MAX_SYSCALLS)
			specs[nr].flags |= RN_SYSF_SOCK;
	}
}
