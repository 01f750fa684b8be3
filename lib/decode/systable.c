// SPDX-License-Identifier: MIT
/*
 * The syscall table: per syscall, the kind of each argument and of the return
 * value. Capture specs for BPF are derived from the kinds (kind_caps below).
 */
#include "systable.h"

#include <string.h>
#include <sys/syscall.h>

#include "syscall_names.h"

#define NNAMES ((int)(sizeof(rn_syscall_names) / sizeof(rn_syscall_names[0])))

const char *rn_syscall__name(int nr)
{
	if (nr < 0 || nr >= NNAMES)
		return NULL;
	return rn_syscall_names[nr];
}

int rn_syscall__by_name(const char *name)
{
	if (!name)
		return -1;
	for (int nr = 0; nr < NNAMES; nr++)
		if (rn_syscall_names[nr] && !strcmp(rn_syscall_names[nr], name))
			return nr;
	return -1;
}

int rn_syscall__max(void)
{
	return NNAMES;
}

#define A(k)		     RN_A_##k
#define ROW(name, r, n, ...) [__NR_##name] = {1, n, RN_R_##r, {__VA_ARGS__}}

static const struct rn_sysrow rows[RN_MAX_SYSCALLS] = {
    ROW(read, INT, 3, A(FD_RD), A(RBUF), A(ULONG)),
    ROW(write, INT, 3, A(FD_WR), A(WBUF), A(ULONG)),
    ROW(open, INT, 3, A(PATH), A(OFLAGS), A(OMODE)),
    ROW(close, INT, 1, A(FD)),
    ROW(stat, INT, 2, A(PATH), A(STAT_OUT)),
    ROW(fstat, INT, 2, A(FD), A(STAT_OUT)),
    ROW(lstat, INT, 2, A(PATH), A(STAT_OUT)),
    ROW(poll, POLL, 3, A(POLLFDS), A(UINT), A(INT)),
    ROW(lseek, INT, 3, A(FD), A(LONG), A(SEEK)),
    ROW(mmap, HEX, 6, A(PTR), A(ULONG), A(PROT), A(MMAP_FLAGS), A(FD), A(HEX)),
    ROW(mprotect, INT, 3, A(PTR), A(ULONG), A(PROT)),
    ROW(munmap, INT, 2, A(PTR), A(ULONG)),
    ROW(brk, HEX, 1, A(PTR)),
    ROW(rt_sigaction, INT, 4, A(SIG), A(SIGACTION), A(SIGACTION_OUT), A(ULONG)),
    ROW(rt_sigprocmask, INT, 4, A(SIGHOW), A(SIGSET), A(SIGSET_OUT), A(ULONG)),
    ROW(rt_sigreturn, INT, 1, A(SIGFRAME_MASK)),
    ROW(sendfile, INT, 4, A(FD), A(FD), A(PTR), A(ULONG)),
    ROW(copy_file_range, INT, 6, A(FD), A(PTR), A(FD), A(PTR), A(ULONG), A(UINT)),
    ROW(ioctl, INT, 3, A(FD), A(IOCTL_REQ), A(IOCTL_ARG)),
    ROW(pread64, INT, 4, A(FD), A(RBUF), A(ULONG), A(LONG)),
    ROW(pwrite64, INT, 4, A(FD), A(WBUF), A(ULONG), A(LONG)),
    ROW(readv, INT, 3, A(FD_RD), A(IOV_OUT), A(INT)),
    ROW(writev, INT, 3, A(FD_WR), A(IOV), A(INT)),
    ROW(access, INT, 2, A(PATH), A(ACCESS_MODE)),
    ROW(pipe, INT, 1, A(FDPAIR_OUT)),
    ROW(sched_yield, INT, 0),
    ROW(mremap, HEX, 5, A(PTR), A(ULONG), A(ULONG), A(MREMAP_FLAGS), A(MREMAP_NEWADDR)),
    ROW(madvise, INT, 3, A(PTR), A(ULONG), A(MADVICE)),
    ROW(dup, INT, 1, A(FD)),
    ROW(dup2, INT, 2, A(FD), A(FD)),
    ROW(pause, INT, 0),
    ROW(nanosleep, INT, 2, A(TIMESPEC), A(PTR)),
    ROW(alarm, INT, 1, A(UINT)),
    ROW(getpid, INT, 0),
    ROW(socket, INT, 3, A(SOCK_AF), A(SOCK_TYPE), A(SOCK_PROTO)),
    ROW(connect, INT, 3, A(FD), A(SOCKADDR), A(INT)),
    ROW(accept, INT, 3, A(FD), A(SOCKADDR_OUT), A(SOCKLEN_OUT)),
    ROW(sendto, INT, 6, A(FD_WR), A(WBUF), A(ULONG), A(MSG_FLAGS), A(SOCKADDR), A(INT)),
    ROW(recvfrom, INT, 6, A(FD_RD), A(RBUF), A(ULONG), A(MSG_FLAGS), A(SOCKADDR_OUT),
	A(SOCKLEN_OUT)),
    ROW(sendmsg, INT, 3, A(FD_WR), A(MSGHDR), A(MSG_FLAGS)),
    ROW(recvmsg, INT, 3, A(FD_RD), A(MSGHDR_OUT), A(MSG_FLAGS)),
    ROW(shutdown, INT, 2, A(FD), A(SHUT_HOW)),
    ROW(bind, INT, 3, A(FD), A(SOCKADDR), A(INT)),
    ROW(listen, INT, 2, A(FD), A(INT)),
    ROW(getsockname, INT, 3, A(FD), A(SOCKADDR_OUT), A(SOCKLEN_OUT)),
    ROW(getpeername, INT, 3, A(FD), A(SOCKADDR_OUT), A(SOCKLEN_OUT)),
    ROW(socketpair, INT, 4, A(SOCK_AF), A(SOCK_TYPE), A(SOCK_PROTO), A(FDPAIR_OUT)),
    ROW(setsockopt, INT, 5, A(FD), A(SOCK_LEVEL), A(SOCKOPT_NAME), A(SOCKOPT_VAL), A(INT)),
    ROW(getsockopt, INT, 5, A(FD), A(SOCK_LEVEL), A(SOCKOPT_NAME), A(SOCKOPT_VAL_OUT),
	A(SOCKLEN_OUT)),
    ROW(clone, INT, 5, A(CLONE_FLAGS), A(PTR), A(CLONE_PTID), A(PTR), A(PTR)),
    ROW(fork, INT, 0),
    ROW(vfork, INT, 0),
    ROW(execve, INT, 3, A(EXEC_PATH), A(ARGV), A(ENVP)),
    ROW(exit, INT, 1, A(INT)),
    ROW(wait4, INT, 4, A(INT), A(WSTATUS), A(WAIT_OPTS), A(RUSAGE_OUT)),
    ROW(kill, INT, 2, A(INT), A(SIG)),
    ROW(uname, INT, 1, A(UTSNAME_OUT)),
    ROW(fcntl, FCNTL, 3, A(FD), A(FCNTL_CMD), A(FCNTL_ARG)),
    ROW(flock, INT, 2, A(FD), A(FLOCK_OP)),
    ROW(fsync, INT, 1, A(FD)),
    ROW(fdatasync, INT, 1, A(FD)),
    ROW(truncate, INT, 2, A(PATH), A(LONG)),
    ROW(ftruncate, INT, 2, A(FD), A(LONG)),
    ROW(getxattr, INT, 4, A(PATH), A(STR), A(RBUF), A(ULONG)),
    ROW(lgetxattr, INT, 4, A(PATH), A(STR), A(RBUF), A(ULONG)),
    ROW(fgetxattr, INT, 4, A(FD), A(STR), A(RBUF), A(ULONG)),
    ROW(getdents64, INT, 3, A(FD), A(DIRENTS), A(UINT)),
    ROW(getcwd, INT, 2, A(CWD), A(ULONG)),
    ROW(chdir, INT, 1, A(PATH)),
    ROW(fchdir, INT, 1, A(FD)),
    ROW(rename, INT, 2, A(PATH), A(PATH)),
    ROW(mkdir, INT, 2, A(PATH), A(MODE)),
    ROW(rmdir, INT, 1, A(PATH)),
    ROW(creat, INT, 2, A(PATH), A(MODE)),
    ROW(link, INT, 2, A(PATH), A(PATH)),
    ROW(unlink, INT, 1, A(PATH)),
    ROW(symlink, INT, 2, A(PATH), A(PATH)),
    ROW(readlink, INT, 3, A(PATH), A(RBUF), A(ULONG)),
    ROW(chmod, INT, 2, A(PATH), A(MODE)),
    ROW(fchmod, INT, 2, A(FD), A(MODE)),
    ROW(chown, INT, 3, A(PATH), A(ID), A(ID)),
    ROW(fchown, INT, 3, A(FD), A(ID), A(ID)),
    ROW(lchown, INT, 3, A(PATH), A(ID), A(ID)),
    ROW(umask, OCT, 1, A(OCTAL)),
    ROW(gettimeofday, INT, 2, A(TIMEVAL_OUT), A(PTR)),
    ROW(getrlimit, INT, 2, A(RLIMIT_RES), A(RLIMIT_OUT)),
    ROW(getrusage, INT, 2, A(RUSAGE_WHO), A(RUSAGE_OUT)),
    ROW(sysinfo, INT, 1, A(SYSINFO_OUT)),
    ROW(times, INT, 1, A(TMS_OUT)),
    ROW(getuid, INT, 0),
    ROW(getgid, INT, 0),
    ROW(setuid, INT, 1, A(ID)),
    ROW(setgid, INT, 1, A(ID)),
    ROW(geteuid, INT, 0),
    ROW(getegid, INT, 0),
    ROW(setpgid, INT, 2, A(INT), A(INT)),
    ROW(getppid, INT, 0),
    ROW(getpgrp, INT, 0),
    ROW(setsid, INT, 0),
    ROW(getpgid, INT, 1, A(INT)),
    ROW(getsid, INT, 1, A(INT)),
    ROW(rt_sigsuspend, INT, 2, A(SIGSET), A(ULONG)),
    ROW(sigaltstack, INT, 2, A(STACK_T), A(STACK_T_OUT)),
    ROW(statfs, INT, 2, A(PATH), A(STATFS_OUT)),
    ROW(fstatfs, INT, 2, A(FD), A(STATFS_OUT)),
    ROW(getpriority, INT, 2, A(PRIO_WHICH), A(INT)),
    ROW(setpriority, INT, 3, A(PRIO_WHICH), A(INT), A(INT)),
    ROW(prctl, PRCTL, 5, A(PRCTL_OP), A(PRCTL_ARG), A(HEX), A(HEX), A(HEX)),
    ROW(arch_prctl, INT, 2, A(ARCH_PRCTL), A(HEX)),
    ROW(gettid, INT, 0),
    ROW(tkill, INT, 2, A(INT), A(SIG)),
    ROW(time, INT, 1, A(PTR)),
    ROW(futex, INT, 6, A(PTR), A(FUTEX_OP), A(UINT), A(FUTEX_TIMEOUT), A(PTR), A(HEX)),
    ROW(sched_getaffinity, INT, 3, A(INT), A(UINT), A(CPUSET_OUT)),
    ROW(sched_setaffinity, INT, 3, A(INT), A(UINT), A(CPUSET)),
    ROW(set_tid_address, INT, 1, A(PTR)),
    ROW(clock_gettime, INT, 2, A(CLOCKID), A(TIMESPEC_OUT)),
    ROW(clock_getres, INT, 2, A(CLOCKID), A(TIMESPEC_OUT)),
    ROW(clock_nanosleep, INT, 4, A(CLOCKID), A(TIMER_FLAGS), A(TIMESPEC), A(PTR)),
    ROW(exit_group, INT, 1, A(INT)),
    ROW(epoll_wait, INT, 4, A(FD), A(EPOLL_EVENTS_OUT), A(INT), A(INT)),
    ROW(epoll_ctl, INT, 4, A(FD), A(EPOLL_CTL_OP), A(FD), A(EPOLL_EVENT)),
    ROW(tgkill, INT, 3, A(INT), A(INT), A(SIG)),
    ROW(waitid, INT, 5, A(IDTYPE), A(INT), A(SIGINFO_OUT), A(WAITID_OPTS), A(RUSAGE_OUT)),
    ROW(inotify_add_watch, INT, 3, A(FD), A(PATH), A(INOTIFY_MASK)),
    ROW(inotify_rm_watch, INT, 2, A(FD), A(INT)),
    ROW(openat, INT, 4, A(DIRFD), A(PATH), A(OFLAGS), A(OMODE)),
    ROW(mkdirat, INT, 3, A(DIRFD), A(PATH), A(MODE)),
    ROW(fchownat, INT, 5, A(DIRFD), A(PATH), A(ID), A(ID), A(ATFLAGS)),
    ROW(newfstatat, INT, 4, A(DIRFD), A(PATH), A(STAT_OUT), A(ATFLAGS)),
    ROW(unlinkat, INT, 3, A(DIRFD), A(PATH), A(ATFLAGS)),
    ROW(renameat, INT, 4, A(DIRFD), A(PATH), A(DIRFD), A(PATH)),
    ROW(linkat, INT, 5, A(DIRFD), A(PATH), A(DIRFD), A(PATH), A(ATFLAGS)),
    ROW(symlinkat, INT, 3, A(PATH), A(DIRFD), A(PATH)),
    ROW(readlinkat, INT, 4, A(DIRFD), A(PATH), A(RBUF), A(ULONG)),
    ROW(fchmodat, INT, 3, A(DIRFD), A(PATH), A(MODE)),
    ROW(faccessat, INT, 3, A(DIRFD), A(PATH), A(ACCESS_MODE)),
    ROW(ppoll, POLL, 5, A(POLLFDS), A(UINT), A(TIMESPEC), A(SIGSET), A(ULONG)),
    ROW(utimensat, INT, 4, A(DIRFD), A(PATH), A(UTIMENS), A(ATFLAGS)),
    ROW(epoll_pwait, INT, 6, A(FD), A(EPOLL_EVENTS_OUT), A(INT), A(INT), A(SIGSET), A(ULONG)),
    ROW(timerfd_create, INT, 2, A(CLOCKID), A(TFD_FLAGS)),
    ROW(fadvise64, INT, 4, A(FD), A(LONG), A(LONG), A(FADVICE)),
    ROW(accept4, INT, 4, A(FD), A(SOCKADDR_OUT), A(SOCKLEN_OUT), A(SOCK_FLAGS)),
    ROW(timerfd_settime, INT, 4, A(FD), A(TFD_FLAGS), A(ITIMERSPEC), A(ITIMERSPEC_OUT)),
    ROW(timerfd_gettime, INT, 2, A(FD), A(ITIMERSPEC_OUT)),
    ROW(eventfd, INT, 1, A(UINT)),
    ROW(eventfd2, INT, 2, A(UINT), A(EFD_FLAGS)),
    ROW(epoll_create, INT, 1, A(INT)),
    ROW(epoll_create1, INT, 1, A(EPOLL_FLAGS)),
    ROW(dup3, INT, 3, A(FD), A(FD), A(OFLAGS_NOACC)),
    ROW(pipe2, INT, 2, A(FDPAIR_OUT), A(OFLAGS_NOACC)),
    ROW(inotify_init, INT, 0),
    ROW(inotify_init1, INT, 1, A(INOTIFY_FLAGS)),
    ROW(prlimit64, INT, 4, A(INT), A(RLIMIT_RES), A(RLIMIT), A(RLIMIT_OUT)),
    ROW(getcpu, INT, 3, A(INT_OUT), A(INT_OUT), A(PTR)),
    ROW(renameat2, INT, 5, A(DIRFD), A(PATH), A(DIRFD), A(PATH), A(RENAME_FLAGS)),
    ROW(getrandom, INT, 3, A(RBUF_HEX), A(ULONG), A(GRND_FLAGS)),
    ROW(memfd_create, INT, 2, A(STR), A(MEMFD_FLAGS)),
    ROW(execveat, INT, 5, A(DIRFD), A(EXEC_PATH), A(ARGV), A(ENVP), A(ATFLAGS)),
    ROW(membarrier, INT, 3, A(MEMBARRIER_CMD), A(UINT), A(INT)),
    ROW(statx, INT, 5, A(DIRFD), A(PATH), A(STATX_FLAGS), A(STATX_MASK), A(STATX_OUT)),
    ROW(rseq, INT, 4, A(PTR), A(HEX), A(HEX), A(HEX)),
    ROW(set_robust_list, INT, 2, A(PTR), A(ULONG)),
    ROW(clone3, INT, 2, A(CLONE3_ARGS), A(ULONG)),
    ROW(faccessat2, INT, 4, A(DIRFD), A(PATH), A(ACCESS_MODE), A(FACCESS_FLAGS)),
};

const struct rn_sysrow *rn_systable__row(int nr)
{
	if (nr < 0 || nr >= RN_MAX_SYSCALLS || !rows[nr].present)
		return NULL;
	return &rows[nr];
}

/* Where a capture's element count comes from, relative to the argument's position. */
enum len_rel {
	L_NONE,
	L_NEXT,	      /* the next argument's value */
	L_PREV,	      /* the previous argument's value */
	L_DEREF_NEXT, /* the __u32 the next argument points to */
	L_RET,
	L_FIXED,
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
    [RN_A_FD_RD] = {RN_CAP_FDOBJ, L_NONE, 0, 0},
    [RN_A_FD_WR] = {RN_CAP_FDOBJ, L_NONE, RN_CAPF_SEND, 0},
    [RN_A_EXEC_PATH] = {RN_CAP_STR, L_NONE, RN_CAPF_FAILED, 0},
    [RN_A_STR] = {RN_CAP_STR, L_NONE, RN_CAPF_SNAP, 0},
    [RN_A_PRCTL_ARG] = {RN_CAP_STR, L_NONE, RN_CAPF_SNAP, 0},
    [RN_A_WBUF] = {RN_CAP_BUF, L_NEXT, RN_CAPF_SNAP, 1},
    [RN_A_RBUF] = {RN_CAP_BUF, L_RET, RN_CAPF_SNAP | OUT, 1},
    [RN_A_RBUF_HEX] = {RN_CAP_BUF, L_RET, RN_CAPF_SNAP | OUT, 1},
    [RN_A_CWD] = {RN_CAP_BUF, L_RET, OUT, 1},
    [RN_A_CPUSET_OUT] = {RN_CAP_BUF, L_RET, OUT, 1},
    [RN_A_CPUSET] = {RN_CAP_BUF, L_PREV, 0, 1},
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
    [RN_A_SOCKLEN_OUT] = FIXED(4, OUT),
    [RN_A_INT_OUT] = FIXED(4, OUT),
    [RN_A_SOCKOPT_VAL] = {RN_CAP_BUF, L_NEXT, 0, 1},
    [RN_A_SOCKOPT_VAL_OUT] = {RN_CAP_BUF, L_DEREF_NEXT, OUT, 1},
    [RN_A_FDPAIR_OUT] = FIXED(8, OUT),
    [RN_A_IOV] = {RN_CAP_IOV, L_NEXT, RN_CAPF_SNAP, 0},
    [RN_A_IOV_OUT] = {RN_CAP_IOV, L_NEXT, RN_CAPF_SNAP | RN_CAPF_RETLIMIT, 0},
    [RN_A_MSGHDR] = {RN_CAP_MSGHDR, L_NONE, RN_CAPF_SNAP, 0},
    [RN_A_MSGHDR_OUT] = {RN_CAP_MSGHDR, L_NONE, RN_CAPF_SNAP | RN_CAPF_RETLIMIT, 0},
    [RN_A_POLLFDS] = {RN_CAP_BUF, L_NEXT, 0, 8},
    [RN_A_TIMESPEC] = FIXED(16, 0),
    [RN_A_TIMESPEC_OUT] = FIXED(16, OUT),
    [RN_A_TIMEVAL] = FIXED(16, 0),
    [RN_A_TIMEVAL_OUT] = FIXED(16, OUT),
    [RN_A_FUTEX_TIMEOUT] = FIXED(16, 0),
    [RN_A_UTIMENS] = FIXED(32, 0),
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
    [RN_A_EPOLL_EVENT] = FIXED(12, 0),
    [RN_A_EPOLL_EVENTS_OUT] = {RN_CAP_BUF, L_RET, OUT, 12},
    [RN_A_IOCTL_ARG] = FIXED(8, 0),
    [RN_A_FCNTL_ARG] = FIXED(32, 0),
    [RN_A_ARGV] = {RN_CAP_STRARR, L_NONE, RN_CAPF_FAILED | RN_CAPF_SNAP, 1},
    [RN_A_ENVP] = {RN_CAP_STRARR, L_NONE, RN_CAPF_FAILED, 0},
    [RN_A_DIRENTS] = {RN_CAP_DIRENTS, L_NONE, OUT, 0},
};

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
	case L_RET:
		cs.len_src = RN_LEN_RET;
		break;
	default:
		cs.len_src = RN_LEN_FIXED;
		break;
	}
	return cs;
}

void rn_systable__capspecs(struct rn_sysspec *specs)
{
	memset(specs, 0, sizeof(*specs) * RN_MAX_SYSCALLS);
	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		if (!rows[nr].present)
			continue;
		for (unsigned i = 0; i < rows[nr].nargs; i++)
			specs[nr].arg[i] = rn_systable__capspec(rows[nr].arg[i], i);
	}
}
