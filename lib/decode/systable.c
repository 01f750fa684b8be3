// SPDX-License-Identifier: MIT
/*
 * The syscall table: per syscall, the kind of each argument and of the return
 * value. Capture specs for BPF are derived from the kinds (systable_caps.c).
 */
#include "systable.h"

#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "syscall_names.h"
#include "syscall_names_32.h"

#define NNAMES	 ((int)(sizeof(rn_syscall_names) / sizeof(rn_syscall_names[0])))
#define NNAMES32 ((int)(sizeof(rn_syscall_names_32) / sizeof(rn_syscall_names_32[0])))

const char *rn_syscall__name(int nr)
{
	if (nr >= 0 && (nr & RN_NR_COMPAT))
		return (nr & ~RN_NR_COMPAT) < NNAMES32 ? rn_syscall_names_32[nr & ~RN_NR_COMPAT]
						       : NULL;
	if (nr < 0 || nr >= NNAMES)
		return NULL;
	return rn_syscall_names[nr];
}

/*
 * i386 calls whose arguments mean what those of the x86_64 call of the same name do (no
 * struct, pointer array, 32-bit time or off_t whose layout differs): BPF traces them under the
 * x86_64 number, so they are captured and printed as those are.
 */
static const char compat_same[] =
    "read write open close creat link unlink chdir mknod chmod getpid access sync kill "
    "rename mkdir rmdir dup pipe brk ioctl setpgid umask chroot dup2 getppid getpgrp "
    "setsid symlink readlink munmap fchmod getpriority setpriority fsync fdatasync flock "
    "mlock munlock mlockall munlockall sched_yield mprotect getpgid fchdir personality "
    "getsid madvise pause alarm uname exit exit_group set_tid_address tgkill tkill openat "
    "mkdirat mknodat fchownat unlinkat renameat linkat symlinkat readlinkat fchmodat "
    "faccessat faccessat2 pipe2 dup3 inotify_init inotify_init1 inotify_add_watch "
    "inotify_rm_watch eventfd eventfd2 epoll_create epoll_create1 epoll_ctl getrandom "
    "memfd_create close_range prlimit64 setns unshare renameat2 statx getcwd "
    "sched_getaffinity sched_setaffinity capget capset rseq set_robust_list getdents64 "
    "socket bind connect listen accept4 getsockname getpeername socketpair sendto recvfrom "
    "setsockopt getsockopt shutdown poll fork vfork clone3 rt_sigprocmask prctl getcpu ";

void rn_syscall__compat_table(uint32_t *map)
{
	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++)
		map[nr] = RN_NR_COMPAT | (uint32_t)nr;
	for (const char *w = compat_same; *w;) {
		size_t n = strcspn(w, " ");
		char name[32];
		int nr64;

		snprintf(name, sizeof(name), "%.*s", (int)n, w);
		w += n + strspn(w + n, " ");
		nr64 = rn_syscall__by_name(name);
		for (int nr = 0; nr64 >= 0 && nr < NNAMES32 && nr < RN_MAX_SYSCALLS; nr++)
			if (rn_syscall_names_32[nr] && !strcmp(rn_syscall_names_32[nr], name))
				map[nr] = (uint32_t)nr64;
	}
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

/* strace's class flags (its syscallent.h T* names), so each row reads like its entry there. */
#define TF   RN_CLASS_FILE
#define TP   RN_CLASS_PROCESS
#define TN   RN_CLASS_NETWORK
#define TS   RN_CLASS_SIGNAL
#define TI   RN_CLASS_IPC
#define TD   RN_CLASS_DESC
#define TM   RN_CLASS_MEMORY
#define TC   RN_CLASS_CREDS
#define TCL  RN_CLASS_CLOCK
#define TST  RN_CLASS_STAT
#define TLST RN_CLASS_LSTAT
#define TFST RN_CLASS_FSTAT
#define TSTA RN_CLASS_STAT_LIKE
#define TSF  RN_CLASS_STATFS
#define TFSF RN_CLASS_FSTATFS
#define TSFA RN_CLASS_STATFS_LIKE
#define PU   RN_CLASS_PURE

#define A(k) RN_A_##k
/* A decoded syscall: its classes (0: none), return kind, argument count and kinds. */
#define ROW(name, cls, r, n, ...)                                                                  \
	[__NR_##name] = {                                                                          \
	    .present = 1, .nargs = n, .ret = RN_R_##r, .arg = {__VA_ARGS__}, .classes = (cls)}
/* A syscall renacer prints raw (hex arguments) that still belongs to strace's classes. */
#define CLS(name, cls) [__NR_##name] = {.classes = (cls)}

static const struct rn_sysrow rows[RN_MAX_SYSCALLS] = {
    ROW(read, TD, INT, 3, A(FD_RD), A(RBUF), A(ULONG)),
    ROW(write, TD, INT, 3, A(FD_WR), A(WBUF), A(ULONG)),
    ROW(open, TD | TF, INT, 3, A(PATH), A(OFLAGS), A(OMODE)),
    ROW(close, TD, INT, 1, A(FD)),
    ROW(stat, TF | TST | TSTA, INT, 2, A(PATH), A(STAT_OUT)),
    ROW(fstat, TD | TFST | TSTA, INT, 2, A(FD), A(STAT_OUT)),
    ROW(lstat, TF | TLST | TSTA, INT, 2, A(PATH), A(STAT_OUT)),
    ROW(poll, TD, POLL, 3, A(POLLFDS), A(UINT), A(INT)),
    ROW(lseek, TD, INT, 3, A(FD), A(LONG), A(SEEK)),
    ROW(mmap, TD | TM, HEX, 6, A(PTR), A(ULONG), A(PROT), A(MMAP_FLAGS), A(FD), A(HEX)),
    ROW(mprotect, TM, INT, 3, A(PTR), A(ULONG), A(PROT)),
    ROW(munmap, TM, INT, 2, A(PTR), A(ULONG)),
    ROW(brk, TM, HEX, 1, A(PTR)),
    ROW(rt_sigaction, TS, INT, 4, A(SIG), A(SIGACTION), A(SIGACTION_OUT), A(ULONG)),
    ROW(rt_sigprocmask, TS, INT, 4, A(SIGHOW), A(SIGSET), A(SIGSET_OUT), A(ULONG)),
    ROW(rt_sigreturn, TS, INT, 1, A(SIGFRAME_MASK)),
    ROW(ioctl, TD, INT, 3, A(FD), A(IOCTL_REQ), A(IOCTL_ARG)),
    ROW(pread64, TD, INT, 4, A(FD_RD), A(RBUF), A(ULONG), A(LONG)),
    ROW(pwrite64, TD, INT, 4, A(FD_WR), A(WBUF), A(ULONG), A(LONG)),
    ROW(readv, TD, INT, 3, A(FD_RD), A(IOV_OUT), A(INT)),
    ROW(writev, TD, INT, 3, A(FD_WR), A(IOV), A(INT)),
    ROW(access, TF, INT, 2, A(PATH), A(ACCESS_MODE)),
    ROW(pipe, TD, INT, 1, A(FDPAIR_OUT)),
    ROW(select, TD, SELECT, 5, A(INT), A(FDSET), A(FDSET), A(FDSET), A(SEL_TIMEVAL)),
    ROW(sched_yield, 0, INT, 0),
    ROW(mremap, TM, HEX, 5, A(PTR), A(ULONG), A(ULONG), A(MREMAP_FLAGS), A(MREMAP_NEWADDR)),
    ROW(msync, TM, INT, 3, A(PTR), A(ULONG), A(MSYNC_FLAGS)),
    ROW(mincore, TM, INT, 3, A(PTR), A(ULONG), A(PTR)),
    ROW(madvise, TM, INT, 3, A(PTR), A(ULONG), A(MADVICE)),
    ROW(shmget, TI, INT, 3, A(HEX), A(ULONG), A(HEX)),
    ROW(shmat, TI | TM, INT, 3, A(INT), A(PTR), A(HEX)),
    ROW(shmctl, TI, INT, 3, A(INT), A(HEX), A(PTR)),
    ROW(dup, TD, INT, 1, A(FD)),
    ROW(dup2, TD, INT, 2, A(FD), A(FD)),
    ROW(pause, TS, INT, 0),
    ROW(nanosleep, 0, INT, 2, A(TIMESPEC), A(PTR_OUT)),
    ROW(getitimer, 0, INT, 2, A(ITIMER_WHICH), A(ITIMERVAL_OUT)),
    ROW(alarm, 0, INT, 1, A(UINT)),
    ROW(setitimer, 0, INT, 3, A(ITIMER_WHICH), A(ITIMERVAL), A(ITIMERVAL_OUT)),
    ROW(getpid, PU, INT, 0),
    ROW(sendfile, TD | TN, INT, 4, A(FD), A(FD), A(LOFF_INOUT), A(ULONG)),
    ROW(socket, TN, INT, 3, A(SOCK_AF), A(SOCK_TYPE), A(SOCK_PROTO)),
    ROW(connect, TN, INT, 3, A(FD), A(SOCKADDR), A(INT)),
    ROW(accept, TN, INT, 3, A(FD), A(SOCKADDR_OUT), A(SOCKLEN_OUT)),
    ROW(sendto, TN, INT, 6, A(FD_WR), A(WBUF), A(ULONG), A(MSG_FLAGS), A(SOCKADDR), A(INT)),
    ROW(recvfrom, TN, INT, 6, A(FD_RD), A(RBUF), A(ULONG), A(MSG_FLAGS), A(SOCKADDR_OUT),
	A(SOCKLEN_OUT)),
    ROW(sendmsg, TN, INT, 3, A(FD_WR), A(MSGHDR), A(MSG_FLAGS)),
    ROW(recvmsg, TN, INT, 3, A(FD_RD), A(MSGHDR_OUT), A(MSG_FLAGS)),
    ROW(shutdown, TN, INT, 2, A(FD), A(SHUT_HOW)),
    ROW(bind, TN, INT, 3, A(FD), A(SOCKADDR), A(INT)),
    ROW(listen, TN, INT, 2, A(FD), A(INT)),
    ROW(getsockname, TN, INT, 3, A(FD), A(SOCKADDR_OUT), A(SOCKLEN_OUT)),
    ROW(getpeername, TN, INT, 3, A(FD), A(SOCKADDR_OUT), A(SOCKLEN_OUT)),
    ROW(socketpair, TN, INT, 4, A(SOCK_AF), A(SOCK_TYPE), A(SOCK_PROTO), A(FDPAIR_OUT)),
    ROW(setsockopt, TN, INT, 5, A(FD), A(SOCK_LEVEL), A(SOCKOPT_NAME), A(SOCKOPT_VAL), A(INT)),
    ROW(getsockopt, TN, INT, 5, A(FD), A(SOCK_LEVEL), A(SOCKOPT_NAME), A(SOCKOPT_VAL_OUT),
	A(SOCKLEN_OUT)),
    ROW(clone, TP, INT, 5, A(CLONE_FLAGS), A(PTR), A(CLONE_PTID), A(PTR), A(PTR)),
    ROW(fork, TP, INT, 0),
    ROW(vfork, TP, INT, 0),
    ROW(execve, TF | TP, INT, 3, A(EXEC_PATH), A(ARGV), A(ENVP)),
    ROW(exit, TP, INT, 1, A(INT)),
    ROW(wait4, TP, INT, 4, A(INT), A(WSTATUS), A(WAIT_OPTS), A(RUSAGE_OUT)),
    ROW(kill, TP | TS, INT, 2, A(INT), A(SIG)),
    ROW(uname, 0, INT, 1, A(UTSNAME_OUT)),
    ROW(semget, TI, INT, 3, A(HEX), A(INT), A(HEX)),
    ROW(semop, TI, INT, 3, A(INT), A(PTR), A(UINT)),
    ROW(semctl, TI, INT, 4, A(INT), A(INT), A(HEX), A(HEX)),
    ROW(shmdt, TI | TM, INT, 1, A(PTR)),
    ROW(msgget, TI, INT, 2, A(HEX), A(HEX)),
    ROW(msgsnd, TI, INT, 4, A(INT), A(PTR), A(ULONG), A(HEX)),
    ROW(msgrcv, TI, INT, 5, A(INT), A(PTR), A(ULONG), A(LONG), A(HEX)),
    ROW(msgctl, TI, INT, 3, A(INT), A(HEX), A(PTR)),
    ROW(fcntl, TD, FCNTL, 3, A(FD), A(FCNTL_CMD), A(FCNTL_ARG)),
    ROW(flock, TD, INT, 2, A(FD), A(FLOCK_OP)),
    ROW(fsync, TD, INT, 1, A(FD)),
    ROW(fdatasync, TD, INT, 1, A(FD)),
    ROW(truncate, TF, INT, 2, A(PATH), A(LONG)),
    ROW(ftruncate, TD, INT, 2, A(FD), A(LONG)),
    ROW(getdents, TD, INT, 3, A(FD), A(DIRENTS), A(UINT)),
    ROW(getcwd, TF, INT, 2, A(CWD), A(ULONG)),
    ROW(chdir, TF, INT, 1, A(PATH)),
    ROW(fchdir, TD, INT, 1, A(FD)),
    ROW(rename, TF, INT, 2, A(PATH), A(PATH)),
    ROW(mkdir, TF, INT, 2, A(PATH), A(MODE)),
    ROW(rmdir, TF, INT, 1, A(PATH)),
    ROW(creat, TD | TF, INT, 2, A(PATH), A(MODE)),
    ROW(link, TF, INT, 2, A(PATH), A(PATH)),
    ROW(unlink, TF, INT, 1, A(PATH)),
    ROW(symlink, TF, INT, 2, A(PATH), A(PATH)),
    ROW(readlink, TF, INT, 3, A(PATH), A(RBUF), A(ULONG)),
    ROW(chmod, TF, INT, 2, A(PATH), A(MODE)),
    ROW(fchmod, TD, INT, 2, A(FD), A(MODE)),
    ROW(chown, TF, INT, 3, A(PATH), A(ID), A(ID)),
    ROW(fchown, TD, INT, 3, A(FD), A(ID), A(ID)),
    ROW(lchown, TF, INT, 3, A(PATH), A(ID), A(ID)),
    ROW(umask, 0, OCT, 1, A(OCTAL)),
    ROW(gettimeofday, TCL, INT, 2, A(TIMEVAL_OUT), A(PTR)),
    ROW(getrlimit, 0, INT, 2, A(RLIMIT_RES), A(RLIMIT_OUT)),
    ROW(getrusage, 0, INT, 2, A(RUSAGE_WHO), A(RUSAGE_OUT)),
    ROW(sysinfo, 0, INT, 1, A(SYSINFO_OUT)),
    ROW(times, 0, INT, 1, A(TMS_OUT)),
    ROW(getuid, TC | PU, INT, 0),
    ROW(getgid, TC | PU, INT, 0),
    ROW(setuid, TC, INT, 1, A(ID)),
    ROW(setgid, TC, INT, 1, A(ID)),
    ROW(geteuid, TC | PU, INT, 0),
    ROW(getegid, TC | PU, INT, 0),
    ROW(setpgid, 0, INT, 2, A(INT), A(INT)),
    ROW(getppid, PU, INT, 0),
    ROW(getpgrp, PU, INT, 0),
    ROW(setsid, 0, INT, 0),
    ROW(setreuid, TC, INT, 2, A(ID), A(ID)),
    ROW(setregid, TC, INT, 2, A(ID), A(ID)),
    ROW(getgroups, TC, INT, 2, A(INT), A(GID_LIST_OUT)),
    ROW(setgroups, TC, INT, 2, A(INT), A(GID_LIST)),
    ROW(setresuid, TC, INT, 3, A(ID), A(ID), A(ID)),
    ROW(getresuid, TC, INT, 3, A(ID_OUT), A(ID_OUT), A(ID_OUT)),
    ROW(setresgid, TC, INT, 3, A(ID), A(ID), A(ID)),
    ROW(getresgid, TC, INT, 3, A(ID_OUT), A(ID_OUT), A(ID_OUT)),
    ROW(getpgid, 0, INT, 1, A(INT)),
    ROW(setfsuid, TC, INT, 1, A(ID)),
    ROW(setfsgid, TC, INT, 1, A(ID)),
    ROW(getsid, 0, INT, 1, A(INT)),
    ROW(capget, TC, INT, 2, A(CAP_HEADER), A(CAP_DATA_OUT)),
    ROW(capset, TC, INT, 2, A(CAP_HEADER), A(CAP_DATA)),
    ROW(rt_sigpending, TS, INT, 2, A(SIGSET_OUT), A(ULONG)),
    ROW(rt_sigtimedwait, TS, INT, 4, A(SIGSET), A(SIGINFO_OUT), A(TIMESPEC), A(ULONG)),
    ROW(rt_sigqueueinfo, TP | TS, INT, 3, A(INT), A(SIG), A(SIGINFO)),
    ROW(rt_sigsuspend, TS, INT, 2, A(SIGSET), A(ULONG)),
    ROW(sigaltstack, TS, INT, 2, A(STACK_T), A(STACK_T_OUT)),
    ROW(utime, TF, INT, 2, A(PATH), A(PTR)),
    ROW(mknod, TF, INT, 3, A(PATH), A(FMODE), A(MKNOD_DEV)),
    ROW(uselib, TF, INT, 1, A(PATH)),
    ROW(ustat, TSFA, INT, 2, A(UINT), A(PTR)),
    ROW(statfs, TF | TSF | TSFA, INT, 2, A(PATH), A(STATFS_OUT)),
    ROW(fstatfs, TD | TFSF | TSFA, INT, 2, A(FD), A(STATFS_OUT)),
    ROW(getpriority, 0, INT, 2, A(PRIO_WHICH), A(INT)),
    ROW(setpriority, 0, INT, 3, A(PRIO_WHICH), A(INT), A(INT)),
    ROW(mlock, TM, INT, 2, A(PTR), A(ULONG)),
    ROW(munlock, TM, INT, 2, A(PTR), A(ULONG)),
    ROW(mlockall, TM, INT, 1, A(MLOCKALL_FLAGS)),
    ROW(munlockall, TM, INT, 0),
    ROW(pivot_root, TF, INT, 2, A(PATH), A(PATH)),
    ROW(prctl, TC, PRCTL, 5, A(PRCTL_OP), A(PRCTL_ARG), A(HEX), A(HEX), A(HEX)),
    ROW(arch_prctl, 0, INT, 2, A(ARCH_PRCTL), A(HEX)),
    ROW(adjtimex, TCL, INT, 1, A(PTR)),
    ROW(chroot, TF, INT, 1, A(PATH)),
    ROW(acct, TF, INT, 1, A(PATH)),
    ROW(settimeofday, TCL, INT, 2, A(TIMEVAL), A(PTR)),
    ROW(mount, TF, INT, 5, A(PATH), A(PATH), A(STR), A(MOUNT_FLAGS), A(STR)),
    ROW(umount2, TF, INT, 2, A(PATH), A(UMOUNT_FLAGS)),
    ROW(swapon, TF, INT, 2, A(PATH), A(HEX)),
    ROW(swapoff, TF, INT, 1, A(PATH)),
    ROW(quotactl, TF, INT, 4, A(QUOTA_CMD), A(PATH), A(INT), A(PTR)),
    CLS(getpmsg, TN),
    CLS(putpmsg, TN),
    ROW(gettid, PU, INT, 0),
    ROW(readahead, TD, INT, 3, A(FD), A(LONG), A(ULONG)),
    ROW(setxattr, TF, INT, 5, A(PATH), A(STR), A(WBUF), A(ULONG), A(XATTR_FLAGS)),
    ROW(lsetxattr, TF, INT, 5, A(PATH), A(STR), A(WBUF), A(ULONG), A(XATTR_FLAGS)),
    ROW(fsetxattr, TD, INT, 5, A(FD), A(STR), A(WBUF), A(ULONG), A(XATTR_FLAGS)),
    ROW(getxattr, TF, INT, 4, A(PATH), A(STR), A(RBUF), A(ULONG)),
    ROW(lgetxattr, TF, INT, 4, A(PATH), A(STR), A(RBUF), A(ULONG)),
    ROW(fgetxattr, TD, INT, 4, A(FD), A(STR), A(RBUF), A(ULONG)),
    ROW(listxattr, TF, INT, 3, A(PATH), A(RBUF), A(ULONG)),
    ROW(llistxattr, TF, INT, 3, A(PATH), A(RBUF), A(ULONG)),
    ROW(flistxattr, TD, INT, 3, A(FD), A(RBUF), A(ULONG)),
    ROW(removexattr, TF, INT, 2, A(PATH), A(STR)),
    ROW(lremovexattr, TF, INT, 2, A(PATH), A(STR)),
    ROW(fremovexattr, TD, INT, 2, A(FD), A(STR)),
    ROW(tkill, TP | TS, INT, 2, A(INT), A(SIG)),
    ROW(time, TCL, INT, 1, A(PTR)),
    ROW(futex, 0, INT, 6, A(PTR), A(FUTEX_OP), A(UINT), A(FUTEX_TIMEOUT), A(PTR), A(HEX)),
    ROW(sched_setaffinity, 0, INT, 3, A(INT), A(UINT), A(CPUSET)),
    ROW(sched_setparam, 0, INT, 2, A(INT), A(INT_IN)),
    ROW(sched_getparam, 0, INT, 2, A(INT), A(INT_OUT)),
    ROW(sched_setscheduler, 0, INT, 3, A(INT), A(SCHED_POLICY), A(INT_IN)),
    ROW(sched_getscheduler, 0, SCHED_POLICY, 1, A(INT)),
    ROW(sched_get_priority_max, 0, INT, 1, A(SCHED_POLICY)),
    ROW(sched_get_priority_min, 0, INT, 1, A(SCHED_POLICY)),
    ROW(sched_rr_get_interval, 0, INT, 2, A(INT), A(TIMESPEC_OUT)),
    ROW(sched_getaffinity, 0, INT, 3, A(INT), A(UINT), A(CPUSET_OUT)),
    ROW(io_setup, TM, INT, 2, A(UINT), A(PTR)),
    ROW(io_destroy, TM, INT, 1, A(HEX)),
    ROW(epoll_create, TD, INT, 1, A(INT)),
    ROW(remap_file_pages, TM, INT, 5, A(PTR), A(ULONG), A(PROT), A(ULONG), A(MMAP_FLAGS)),
    ROW(getdents64, TD, INT, 3, A(FD), A(DIRENTS), A(UINT)),
    ROW(set_tid_address, 0, INT, 1, A(PTR)),
    ROW(semtimedop, TI, INT, 4, A(INT), A(PTR), A(UINT), A(TIMESPEC)),
    ROW(fadvise64, TD, INT, 4, A(FD), A(LONG), A(LONG), A(FADVICE)),
    ROW(clock_settime, TCL, INT, 2, A(CLOCKID), A(TIMESPEC)),
    ROW(clock_gettime, TCL, INT, 2, A(CLOCKID), A(TIMESPEC_OUT)),
    ROW(clock_getres, TCL, INT, 2, A(CLOCKID), A(TIMESPEC_OUT)),
    ROW(clock_nanosleep, 0, INT, 4, A(CLOCKID), A(TIMER_FLAGS), A(TIMESPEC), A(PTR_OUT)),
    ROW(exit_group, TP, INT, 1, A(INT)),
    ROW(epoll_wait, TD, INT, 4, A(FD), A(EPOLL_EVENTS_OUT), A(INT), A(INT)),
    ROW(epoll_ctl, TD, INT, 4, A(FD), A(EPOLL_CTL_OP), A(FD), A(EPOLL_EVENT)),
    ROW(tgkill, TP | TS, INT, 3, A(INT), A(INT), A(SIG)),
    ROW(utimes, TF, INT, 2, A(PATH), A(UTIMES)),
    ROW(mbind, TM, INT, 6, A(PTR), A(ULONG), A(HEX), A(PTR), A(ULONG), A(HEX)),
    ROW(set_mempolicy, TM, INT, 3, A(HEX), A(PTR), A(ULONG)),
    ROW(get_mempolicy, TM, INT, 5, A(PTR), A(PTR), A(ULONG), A(PTR), A(HEX)),
    ROW(mq_open, TD, INT, 4, A(STR), A(OFLAGS), A(OMODE), A(PTR)),
    ROW(mq_timedsend, TD, INT, 5, A(FD), A(WBUF), A(ULONG), A(UINT), A(TIMESPEC)),
    ROW(mq_timedreceive, TD, INT, 5, A(FD), A(RBUF), A(ULONG), A(PTR), A(TIMESPEC)),
    ROW(mq_notify, TD, INT, 2, A(FD), A(SIGEVENT)),
    ROW(mq_getsetattr, TD, INT, 3, A(FD), A(PTR), A(PTR)),
    ROW(waitid, TP, INT, 5, A(IDTYPE), A(INT), A(SIGINFO_OUT), A(WAITID_OPTS), A(RUSAGE_OUT)),
    ROW(inotify_init, TD, INT, 0),
    ROW(inotify_add_watch, TD | TF, INT, 3, A(FD), A(PATH), A(INOTIFY_MASK)),
    ROW(inotify_rm_watch, TD, INT, 2, A(FD), A(INT)),
    ROW(migrate_pages, TM, INT, 4, A(INT), A(ULONG), A(PTR), A(PTR)),
    ROW(openat, TD | TF, INT, 4, A(DIRFD), A(PATH), A(OFLAGS), A(OMODE)),
    ROW(mkdirat, TD | TF, INT, 3, A(DIRFD), A(PATH), A(MODE)),
    ROW(mknodat, TD | TF, INT, 4, A(DIRFD), A(PATH), A(FMODE), A(MKNOD_DEV)),
    ROW(fchownat, TD | TF, INT, 5, A(DIRFD), A(PATH), A(ID), A(ID), A(ATFLAGS)),
    ROW(futimesat, TD | TF, INT, 3, A(DIRFD), A(PATH), A(UTIMES)),
    ROW(newfstatat, TD | TF | TFST | TSTA, INT, 4, A(DIRFD), A(PATH), A(STAT_OUT), A(ATFLAGS)),
    ROW(unlinkat, TD | TF, INT, 3, A(DIRFD), A(PATH), A(ATFLAGS)),
    ROW(renameat, TD | TF, INT, 4, A(DIRFD), A(PATH), A(DIRFD), A(PATH)),
    ROW(linkat, TD | TF, INT, 5, A(DIRFD), A(PATH), A(DIRFD), A(PATH), A(ATFLAGS)),
    ROW(symlinkat, TD | TF, INT, 3, A(PATH), A(DIRFD), A(PATH)),
    ROW(readlinkat, TD | TF, INT, 4, A(DIRFD), A(PATH), A(RBUF), A(ULONG)),
    ROW(fchmodat, TD | TF, INT, 3, A(DIRFD), A(PATH), A(MODE)),
    ROW(faccessat, TD | TF, INT, 3, A(DIRFD), A(PATH), A(ACCESS_MODE)),
    ROW(pselect6, TD, SELECT, 6, A(INT), A(FDSET), A(FDSET), A(FDSET), A(SEL_TIMESPEC),
	A(PSELECT_SIGMASK)),
    ROW(ppoll, TD, POLL, 5, A(POLLFDS), A(UINT), A(SEL_TIMESPEC), A(SIGSET), A(ULONG)),
    ROW(set_robust_list, 0, INT, 2, A(PTR), A(ULONG)),
    ROW(splice, TD, INT, 6, A(FD), A(LOFF), A(FD), A(LOFF), A(ULONG), A(SPLICE_FLAGS)),
    ROW(tee, TD, INT, 4, A(FD), A(FD), A(ULONG), A(SPLICE_FLAGS)),
    ROW(sync_file_range, TD, INT, 4, A(FD), A(LONG), A(LONG), A(SYNC_FILE_RANGE_FLAGS)),
    ROW(vmsplice, TD, INT, 4, A(FD), A(IOV), A(ULONG), A(SPLICE_FLAGS)),
    ROW(move_pages, TM, INT, 6, A(INT), A(ULONG), A(PTR), A(PTR), A(PTR), A(HEX)),
    ROW(utimensat, TD | TF, INT, 4, A(DIRFD), A(PATH), A(UTIMENS), A(ATFLAGS)),
    ROW(epoll_pwait, TD, INT, 6, A(FD), A(EPOLL_EVENTS_OUT), A(INT), A(INT), A(SIGSET), A(ULONG)),
    ROW(signalfd, TD | TS, INT, 3, A(FD), A(SIGSET), A(ULONG)),
    ROW(timerfd_create, TD, INT, 2, A(CLOCKID), A(TFD_FLAGS)),
    ROW(eventfd, TD, INT, 1, A(UINT)),
    ROW(fallocate, TD, INT, 4, A(FD), A(FALLOC_MODE), A(LONG), A(LONG)),
    ROW(timerfd_settime, TD, INT, 4, A(FD), A(TFD_FLAGS), A(ITIMERSPEC), A(ITIMERSPEC_OUT)),
    ROW(timerfd_gettime, TD, INT, 2, A(FD), A(ITIMERSPEC_OUT)),
    ROW(accept4, TN, INT, 4, A(FD), A(SOCKADDR_OUT), A(SOCKLEN_OUT), A(SOCK_FLAGS)),
    ROW(signalfd4, TD | TS, INT, 4, A(FD), A(SIGSET), A(ULONG), A(SFD_FLAGS)),
    ROW(eventfd2, TD, INT, 2, A(UINT), A(EFD_FLAGS)),
    ROW(epoll_create1, TD, INT, 1, A(EPOLL_FLAGS)),
    ROW(dup3, TD, INT, 3, A(FD), A(FD), A(OFLAGS_NOACC)),
    ROW(pipe2, TD, INT, 2, A(FDPAIR_OUT), A(OFLAGS_NOACC)),
    ROW(inotify_init1, TD, INT, 1, A(INOTIFY_FLAGS)),
    ROW(preadv, TD, INT, 4, A(FD_RD), A(IOV_OUT), A(INT), A(LONG)),
    ROW(pwritev, TD, INT, 4, A(FD_WR), A(IOV), A(INT), A(LONG)),
    ROW(rt_tgsigqueueinfo, TP | TS, INT, 4, A(INT), A(INT), A(SIG), A(SIGINFO)),
    ROW(perf_event_open, TD, INT, 5, A(PTR), A(INT), A(INT), A(INT), A(HEX)),
    ROW(recvmmsg, TN, INT, 5, A(FD), A(PTR), A(UINT), A(MSG_FLAGS), A(TIMESPEC)),
    ROW(fanotify_init, TD, INT, 2, A(FAN_INIT_FLAGS), A(OFLAGS)),
    ROW(fanotify_mark, TD | TF, INT, 5, A(FD), A(FAN_MARK_FLAGS), A(FAN_MASK), A(DIRFD), A(PATH)),
    ROW(prlimit64, 0, INT, 4, A(INT), A(RLIMIT_RES), A(RLIMIT), A(RLIMIT_OUT)),
    ROW(name_to_handle_at, TD | TF, INT, 5, A(DIRFD), A(PATH), A(PTR), A(PTR), A(ATFLAGS)),
    ROW(open_by_handle_at, TD, INT, 3, A(FD), A(PTR), A(OFLAGS)),
    ROW(clock_adjtime, TCL, INT, 2, A(CLOCKID), A(PTR)),
    ROW(syncfs, TD, INT, 1, A(FD)),
    ROW(sendmmsg, TN, INT, 4, A(FD), A(PTR), A(UINT), A(MSG_FLAGS)),
    ROW(setns, TD, INT, 2, A(FD), A(NS_FLAGS)),
    ROW(getcpu, 0, INT, 3, A(INT_OUT), A(INT_OUT), A(PTR)),
    ROW(finit_module, TD, INT, 3, A(FD), A(STR), A(HEX)),
    ROW(renameat2, TD | TF, INT, 5, A(DIRFD), A(PATH), A(DIRFD), A(PATH), A(RENAME_FLAGS)),
    ROW(getrandom, 0, INT, 3, A(RBUF_HEX), A(ULONG), A(GRND_FLAGS)),
    ROW(memfd_create, TD, INT, 2, A(STR), A(MEMFD_FLAGS)),
    ROW(kexec_file_load, TD, INT, 5, A(FD), A(FD), A(ULONG), A(STR), A(HEX)),
    ROW(bpf, TD, INT, 3, A(BPF_CMD), A(BPF_ATTR), A(UINT)),
    ROW(execveat, TD | TF | TP, INT, 5, A(DIRFD), A(EXEC_PATH), A(ARGV), A(ENVP), A(ATFLAGS)),
    ROW(userfaultfd, TD, INT, 1, A(OFLAGS_NOACC)),
    ROW(membarrier, 0, INT, 3, A(MEMBARRIER_CMD), A(UINT), A(INT)),
    ROW(mlock2, TM, INT, 3, A(PTR), A(ULONG), A(MLOCK2_FLAGS)),
    ROW(copy_file_range, TD, INT, 6, A(FD), A(LOFF), A(FD), A(LOFF), A(ULONG), A(UINT)),
    ROW(preadv2, TD, INT, 6, A(FD_RD), A(IOV_OUT), A(INT), A(LONG), A(SKIP), A(RWF_FLAGS)),
    ROW(pwritev2, TD, INT, 6, A(FD_WR), A(IOV), A(INT), A(LONG), A(SKIP), A(RWF_FLAGS)),
    ROW(pkey_mprotect, TM, INT, 4, A(PTR), A(ULONG), A(PROT), A(INT)),
    ROW(statx, TD | TF | TFST | TSTA, INT, 5, A(DIRFD), A(PATH), A(STATX_FLAGS), A(STATX_MASK),
	A(STATX_OUT)),
    ROW(rseq, 0, INT, 4, A(PTR), A(HEX), A(HEX), A(HEX)),
    ROW(pidfd_send_signal, TD | TP | TS, INT, 4, A(FD), A(SIG), A(PTR), A(UINT)),
    ROW(io_uring_setup, TD, INT, 2, A(UINT), A(IORING_PARAMS)),
    ROW(io_uring_enter, TD | TS, INT, 6, A(FD), A(UINT), A(UINT), A(IORING_ENTER_FLAGS), A(PTR),
	A(ULONG)),
    ROW(io_uring_register, TD | TM, INT, 4, A(FD), A(IORING_REGISTER_OP), A(PTR), A(UINT)),
    ROW(open_tree, TD | TF, INT, 3, A(DIRFD), A(PATH), A(HEX)),
    ROW(move_mount, TD | TF, INT, 5, A(DIRFD), A(PATH), A(DIRFD), A(PATH), A(HEX)),
    ROW(fsopen, TD, INT, 2, A(STR), A(HEX)),
    ROW(fsconfig, TD | TF, INT, 5, A(FD), A(UINT), A(STR), A(PTR), A(INT)),
    ROW(fsmount, TD, INT, 3, A(FD), A(HEX), A(HEX)),
    ROW(fspick, TD | TF, INT, 3, A(DIRFD), A(PATH), A(HEX)),
    ROW(pidfd_open, TD, INT, 2, A(INT), A(PIDFD_FLAGS)),
    ROW(clone3, TP, INT, 2, A(CLONE3_ARGS), A(ULONG)),
    ROW(close_range, 0, INT, 3, A(UINT), A(UINT), A(CLOSE_RANGE_FLAGS)),
    ROW(openat2, TD | TF, INT, 4, A(DIRFD), A(PATH), A(OPEN_HOW), A(ULONG)),
    ROW(pidfd_getfd, TD, INT, 3, A(FD), A(FD), A(UINT)),
    ROW(faccessat2, TD | TF, INT, 4, A(DIRFD), A(PATH), A(ACCESS_MODE), A(FACCESS_FLAGS)),
    ROW(process_madvise, TD, INT, 5, A(FD), A(IOV), A(ULONG), A(MADVICE), A(UINT)),
    ROW(epoll_pwait2, TD, INT, 6, A(FD), A(EPOLL_EVENTS_OUT), A(INT), A(TIMESPEC), A(SIGSET),
	A(ULONG)),
    ROW(mount_setattr, TD | TF, INT, 5, A(DIRFD), A(PATH), A(HEX), A(PTR), A(ULONG)),
    ROW(quotactl_fd, TD, INT, 4, A(FD), A(QUOTA_CMD), A(INT), A(PTR)),
    ROW(landlock_create_ruleset, TD, INT, 3, A(PTR), A(ULONG), A(HEX)),
    ROW(landlock_add_rule, TD, INT, 4, A(FD), A(INT), A(PTR), A(HEX)),
    ROW(landlock_restrict_self, TD, INT, 2, A(FD), A(HEX)),
    ROW(memfd_secret, TD, INT, 1, A(HEX)),
    ROW(process_mrelease, TD, INT, 2, A(FD), A(UINT)),
    ROW(set_mempolicy_home_node, TM, INT, 4, A(ULONG), A(ULONG), A(ULONG), A(HEX)),
    ROW(ptrace, 0, INT, 4, A(PTRACE_REQ), A(INT), A(PTR), A(PTR)),
    ROW(syslog, 0, INT, 3, A(INT), A(PTR), A(INT)),
    ROW(personality, 0, INT, 1, A(HEX)),
    ROW(sysfs, 0, INT, 3, A(INT), A(HEX), A(HEX)),
    ROW(vhangup, 0, INT, 0),
    ROW(modify_ldt, 0, INT, 3, A(INT), A(PTR), A(ULONG)),
    ROW(_sysctl, 0, INT, 1, A(PTR)),
    ROW(setrlimit, 0, INT, 2, A(RLIMIT_RES), A(RLIMIT)),
    ROW(sync, 0, INT, 0),
    ROW(reboot, 0, INT, 4, A(HEX), A(HEX), A(HEX), A(PTR)),
    ROW(sethostname, 0, INT, 2, A(WBUF), A(ULONG)),
    ROW(setdomainname, 0, INT, 2, A(WBUF), A(ULONG)),
    ROW(iopl, 0, INT, 1, A(INT)),
    ROW(ioperm, 0, INT, 3, A(ULONG), A(ULONG), A(INT)),
    ROW(init_module, 0, INT, 3, A(PTR), A(ULONG), A(STR)),
    ROW(delete_module, 0, INT, 2, A(STR), A(HEX)),
    ROW(io_getevents, 0, INT, 5, A(HEX), A(LONG), A(LONG), A(PTR), A(TIMESPEC)),
    ROW(io_submit, 0, INT, 3, A(HEX), A(LONG), A(PTR)),
    ROW(io_cancel, 0, INT, 3, A(HEX), A(PTR), A(PTR)),
    ROW(lookup_dcookie, 0, INT, 3, A(ULONG), A(PTR), A(ULONG)),
    ROW(restart_syscall, 0, INT, 0),
    ROW(timer_create, 0, INT, 3, A(CLOCKID), A(SIGEVENT), A(INT_OUT)),
    ROW(timer_settime, 0, INT, 4, A(INT), A(TIMER_FLAGS), A(ITIMERSPEC), A(ITIMERSPEC_OUT)),
    ROW(timer_gettime, 0, INT, 2, A(INT), A(ITIMERSPEC_OUT)),
    ROW(timer_getoverrun, 0, INT, 1, A(INT)),
    ROW(timer_delete, 0, INT, 1, A(INT)),
    ROW(mq_unlink, 0, INT, 1, A(STR)),
    ROW(kexec_load, 0, INT, 4, A(ULONG), A(ULONG), A(PTR), A(HEX)),
    ROW(add_key, 0, INT, 5, A(STR), A(STR), A(WBUF), A(ULONG), A(KEY_SERIAL)),
    ROW(request_key, 0, INT, 4, A(STR), A(STR), A(STR), A(KEY_SERIAL)),
    ROW(keyctl, 0, INT, 5, A(KEYCTL_OP), A(KEY_SERIAL), A(HEX), A(HEX), A(HEX)),
    ROW(ioprio_set, 0, INT, 3, A(IOPRIO_WHO), A(INT), A(IOPRIO)),
    ROW(ioprio_get, 0, IOPRIO, 2, A(IOPRIO_WHO), A(INT)),
    ROW(unshare, 0, INT, 1, A(NS_FLAGS)),
    ROW(get_robust_list, 0, INT, 3, A(INT), A(PTR), A(PTR)),
    ROW(process_vm_readv, 0, INT, 6, A(INT), A(PTR), A(ULONG), A(PTR), A(ULONG), A(ULONG)),
    ROW(process_vm_writev, 0, INT, 6, A(INT), A(PTR), A(ULONG), A(PTR), A(ULONG), A(ULONG)),
    ROW(kcmp, 0, INT, 5, A(INT), A(INT), A(INT), A(ULONG), A(ULONG)),
    ROW(sched_setattr, 0, INT, 3, A(INT), A(SCHED_ATTR), A(UINT)),
    ROW(sched_getattr, 0, INT, 4, A(INT), A(SCHED_ATTR_OUT), A(UINT), A(UINT)),
    ROW(seccomp, 0, INT, 3, A(SECCOMP_OP), A(SECCOMP_FLAGS), A(SECCOMP_ARGS)),
    ROW(pkey_alloc, 0, INT, 2, A(UINT), A(PKEY_ACCESS)),
    ROW(pkey_free, 0, INT, 1, A(INT)),
    ROW(io_pgetevents, 0, INT, 6, A(HEX), A(LONG), A(LONG), A(PTR), A(TIMESPEC), A(PTR)),
    ROW(futex_waitv, 0, INT, 5, A(PTR), A(UINT), A(HEX), A(TIMESPEC), A(CLOCKID)),
};

uint32_t rn_syscall__classes(int nr)
{
	if (nr < 0 || nr >= RN_MAX_SYSCALLS)
		return 0;
	return rows[nr].classes;
}

const struct rn_sysrow *rn_systable__row(int nr)
{
	if (nr < 0 || nr >= RN_MAX_SYSCALLS || !rows[nr].present)
		return NULL;
	return &rows[nr];
}
