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
    ROW(pread64, TD, INT, 4, A(FD), A(RBUF), A(ULONG), A(LONG)),
    ROW(pwrite64, TD, INT, 4, A(FD), A(WBUF), A(ULONG), A(LONG)),
    ROW(readv, TD, INT, 3, A(FD_RD), A(IOV_OUT), A(INT)),
    ROW(writev, TD, INT, 3, A(FD_WR), A(IOV), A(INT)),
    ROW(access, TF, INT, 2, A(PATH), A(ACCESS_MODE)),
    ROW(pipe, TD, INT, 1, A(FDPAIR_OUT)),
    ROW(select, TD, SELECT, 5, A(INT), A(FDSET), A(FDSET), A(FDSET), A(SEL_TIMEVAL)),
    ROW(sched_yield, 0, INT, 0),
    ROW(mremap, TM, HEX, 5, A(PTR), A(ULONG), A(ULONG), A(MREMAP_FLAGS), A(MREMAP_NEWADDR)),
    CLS(msync, TM),
    CLS(mincore, TM),
    ROW(madvise, TM, INT, 3, A(PTR), A(ULONG), A(MADVICE)),
    CLS(shmget, TI),
    CLS(shmat, TI | TM),
    CLS(shmctl, TI),
    ROW(dup, TD, INT, 1, A(FD)),
    ROW(dup2, TD, INT, 2, A(FD), A(FD)),
    ROW(pause, TS, INT, 0),
    ROW(nanosleep, 0, INT, 2, A(TIMESPEC), A(PTR)),
    ROW(getitimer, 0, INT, 2, A(ITIMER_WHICH), A(ITIMERVAL_OUT)),
    ROW(alarm, 0, INT, 1, A(UINT)),
    ROW(setitimer, 0, INT, 3, A(ITIMER_WHICH), A(ITIMERVAL), A(ITIMERVAL_OUT)),
    ROW(getpid, PU, INT, 0),
    ROW(sendfile, TD | TN, INT, 4, A(FD), A(FD), A(PTR), A(ULONG)),
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
    CLS(semget, TI),
    CLS(semop, TI),
    CLS(semctl, TI),
    CLS(shmdt, TI | TM),
    CLS(msgget, TI),
    CLS(msgsnd, TI),
    CLS(msgrcv, TI),
    CLS(msgctl, TI),
    ROW(fcntl, TD, FCNTL, 3, A(FD), A(FCNTL_CMD), A(FCNTL_ARG)),
    ROW(flock, TD, INT, 2, A(FD), A(FLOCK_OP)),
    ROW(fsync, TD, INT, 1, A(FD)),
    ROW(fdatasync, TD, INT, 1, A(FD)),
    ROW(truncate, TF, INT, 2, A(PATH), A(LONG)),
    ROW(ftruncate, TD, INT, 2, A(FD), A(LONG)),
    CLS(getdents, TD),
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
    CLS(capget, TC),
    CLS(capset, TC),
    CLS(rt_sigpending, TS),
    CLS(rt_sigtimedwait, TS),
    CLS(rt_sigqueueinfo, TP | TS),
    ROW(rt_sigsuspend, TS, INT, 2, A(SIGSET), A(ULONG)),
    ROW(sigaltstack, TS, INT, 2, A(STACK_T), A(STACK_T_OUT)),
    CLS(utime, TF),
    CLS(mknod, TF),
    CLS(uselib, TF),
    CLS(ustat, TSFA),
    ROW(statfs, TF | TSF | TSFA, INT, 2, A(PATH), A(STATFS_OUT)),
    ROW(fstatfs, TD | TFSF | TSFA, INT, 2, A(FD), A(STATFS_OUT)),
    ROW(getpriority, 0, INT, 2, A(PRIO_WHICH), A(INT)),
    ROW(setpriority, 0, INT, 3, A(PRIO_WHICH), A(INT), A(INT)),
    CLS(mlock, TM),
    CLS(munlock, TM),
    CLS(mlockall, TM),
    CLS(munlockall, TM),
    CLS(pivot_root, TF),
    ROW(prctl, TC, PRCTL, 5, A(PRCTL_OP), A(PRCTL_ARG), A(HEX), A(HEX), A(HEX)),
    ROW(arch_prctl, 0, INT, 2, A(ARCH_PRCTL), A(HEX)),
    CLS(adjtimex, TCL),
    CLS(chroot, TF),
    CLS(acct, TF),
    CLS(settimeofday, TCL),
    CLS(mount, TF),
    ROW(umount2, TF, INT, 2, A(PATH), A(UMOUNT_FLAGS)),
    CLS(swapon, TF),
    CLS(swapoff, TF),
    CLS(quotactl, TF),
    CLS(getpmsg, TN),
    CLS(putpmsg, TN),
    ROW(gettid, PU, INT, 0),
    CLS(readahead, TD),
    CLS(setxattr, TF),
    CLS(lsetxattr, TF),
    CLS(fsetxattr, TD),
    ROW(getxattr, TF, INT, 4, A(PATH), A(STR), A(RBUF), A(ULONG)),
    ROW(lgetxattr, TF, INT, 4, A(PATH), A(STR), A(RBUF), A(ULONG)),
    ROW(fgetxattr, TD, INT, 4, A(FD), A(STR), A(RBUF), A(ULONG)),
    CLS(listxattr, TF),
    CLS(llistxattr, TF),
    CLS(flistxattr, TD),
    CLS(removexattr, TF),
    CLS(lremovexattr, TF),
    CLS(fremovexattr, TD),
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
    CLS(io_setup, TM),
    CLS(io_destroy, TM),
    ROW(epoll_create, TD, INT, 1, A(INT)),
    CLS(remap_file_pages, TM),
    ROW(getdents64, TD, INT, 3, A(FD), A(DIRENTS), A(UINT)),
    ROW(set_tid_address, 0, INT, 1, A(PTR)),
    CLS(semtimedop, TI),
    ROW(fadvise64, TD, INT, 4, A(FD), A(LONG), A(LONG), A(FADVICE)),
    CLS(clock_settime, TCL),
    ROW(clock_gettime, TCL, INT, 2, A(CLOCKID), A(TIMESPEC_OUT)),
    ROW(clock_getres, TCL, INT, 2, A(CLOCKID), A(TIMESPEC_OUT)),
    ROW(clock_nanosleep, 0, INT, 4, A(CLOCKID), A(TIMER_FLAGS), A(TIMESPEC), A(PTR)),
    ROW(exit_group, TP, INT, 1, A(INT)),
    ROW(epoll_wait, TD, INT, 4, A(FD), A(EPOLL_EVENTS_OUT), A(INT), A(INT)),
    ROW(epoll_ctl, TD, INT, 4, A(FD), A(EPOLL_CTL_OP), A(FD), A(EPOLL_EVENT)),
    ROW(tgkill, TP | TS, INT, 3, A(INT), A(INT), A(SIG)),
    CLS(utimes, TF),
    CLS(mbind, TM),
    CLS(set_mempolicy, TM),
    CLS(get_mempolicy, TM),
    CLS(mq_open, TD),
    CLS(mq_timedsend, TD),
    CLS(mq_timedreceive, TD),
    CLS(mq_notify, TD),
    CLS(mq_getsetattr, TD),
    ROW(waitid, TP, INT, 5, A(IDTYPE), A(INT), A(SIGINFO_OUT), A(WAITID_OPTS), A(RUSAGE_OUT)),
    ROW(inotify_init, TD, INT, 0),
    ROW(inotify_add_watch, TD | TF, INT, 3, A(FD), A(PATH), A(INOTIFY_MASK)),
    ROW(inotify_rm_watch, TD, INT, 2, A(FD), A(INT)),
    CLS(migrate_pages, TM),
    ROW(openat, TD | TF, INT, 4, A(DIRFD), A(PATH), A(OFLAGS), A(OMODE)),
    ROW(mkdirat, TD | TF, INT, 3, A(DIRFD), A(PATH), A(MODE)),
    CLS(mknodat, TD | TF),
    ROW(fchownat, TD | TF, INT, 5, A(DIRFD), A(PATH), A(ID), A(ID), A(ATFLAGS)),
    CLS(futimesat, TD | TF),
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
    ROW(ppoll, TD, POLL, 5, A(POLLFDS), A(UINT), A(TIMESPEC), A(SIGSET), A(ULONG)),
    ROW(set_robust_list, 0, INT, 2, A(PTR), A(ULONG)),
    ROW(splice, TD, INT, 6, A(FD), A(LOFF), A(FD), A(LOFF), A(ULONG), A(SPLICE_FLAGS)),
    ROW(tee, TD, INT, 4, A(FD), A(FD), A(ULONG), A(SPLICE_FLAGS)),
    ROW(sync_file_range, TD, INT, 4, A(FD), A(LONG), A(LONG), A(SYNC_FILE_RANGE_FLAGS)),
    ROW(vmsplice, TD, INT, 4, A(FD), A(IOV), A(ULONG), A(SPLICE_FLAGS)),
    CLS(move_pages, TM),
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
    CLS(preadv, TD),
    CLS(pwritev, TD),
    CLS(rt_tgsigqueueinfo, TP | TS),
    CLS(perf_event_open, TD),
    CLS(recvmmsg, TN),
    CLS(fanotify_init, TD),
    CLS(fanotify_mark, TD | TF),
    ROW(prlimit64, 0, INT, 4, A(INT), A(RLIMIT_RES), A(RLIMIT), A(RLIMIT_OUT)),
    CLS(name_to_handle_at, TD | TF),
    CLS(open_by_handle_at, TD),
    CLS(clock_adjtime, TCL),
    ROW(syncfs, TD, INT, 1, A(FD)),
    CLS(sendmmsg, TN),
    CLS(setns, TD),
    ROW(getcpu, 0, INT, 3, A(INT_OUT), A(INT_OUT), A(PTR)),
    CLS(finit_module, TD),
    ROW(renameat2, TD | TF, INT, 5, A(DIRFD), A(PATH), A(DIRFD), A(PATH), A(RENAME_FLAGS)),
    ROW(getrandom, 0, INT, 3, A(RBUF_HEX), A(ULONG), A(GRND_FLAGS)),
    ROW(memfd_create, TD, INT, 2, A(STR), A(MEMFD_FLAGS)),
    CLS(kexec_file_load, TD),
    CLS(bpf, TD),
    ROW(execveat, TD | TF | TP, INT, 5, A(DIRFD), A(EXEC_PATH), A(ARGV), A(ENVP), A(ATFLAGS)),
    CLS(userfaultfd, TD),
    ROW(membarrier, 0, INT, 3, A(MEMBARRIER_CMD), A(UINT), A(INT)),
    CLS(mlock2, TM),
    ROW(copy_file_range, TD, INT, 6, A(FD), A(LOFF), A(FD), A(LOFF), A(ULONG), A(UINT)),
    CLS(preadv2, TD),
    ROW(pwritev2, TD, INT, 5, A(FD_WR), A(IOV), A(INT), A(LONG), A(INT)),
    CLS(pkey_mprotect, TM),
    ROW(statx, TD | TF | TFST | TSTA, INT, 5, A(DIRFD), A(PATH), A(STATX_FLAGS), A(STATX_MASK),
	A(STATX_OUT)),
    ROW(rseq, 0, INT, 4, A(PTR), A(HEX), A(HEX), A(HEX)),
    ROW(pidfd_send_signal, TD | TP | TS, INT, 4, A(FD), A(SIG), A(PTR), A(UINT)),
    CLS(io_uring_setup, TD),
    CLS(io_uring_enter, TD | TS),
    CLS(io_uring_register, TD | TM),
    CLS(open_tree, TD | TF),
    CLS(move_mount, TD | TF),
    CLS(fsopen, TD),
    CLS(fsconfig, TD | TF),
    CLS(fsmount, TD),
    CLS(fspick, TD | TF),
    ROW(pidfd_open, TD, INT, 2, A(INT), A(PIDFD_FLAGS)),
    ROW(clone3, TP, INT, 2, A(CLONE3_ARGS), A(ULONG)),
    ROW(close_range, 0, INT, 3, A(UINT), A(UINT), A(CLOSE_RANGE_FLAGS)),
    CLS(openat2, TD | TF),
    CLS(pidfd_getfd, TD),
    ROW(faccessat2, TD | TF, INT, 4, A(DIRFD), A(PATH), A(ACCESS_MODE), A(FACCESS_FLAGS)),
    CLS(process_madvise, TD),
    CLS(epoll_pwait2, TD),
    CLS(mount_setattr, TD | TF),
    CLS(quotactl_fd, TD),
    CLS(landlock_create_ruleset, TD),
    CLS(landlock_add_rule, TD),
    CLS(landlock_restrict_self, TD),
    CLS(memfd_secret, TD),
    CLS(process_mrelease, TD),
    CLS(set_mempolicy_home_node, TM),
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
    [RN_A_ID_OUT] = FIXED(4, OUT),
    [RN_A_GID_LIST] = {RN_CAP_BUF, L_PREV, 0, 4},
    [RN_A_GID_LIST_OUT] = {RN_CAP_BUF, L_RET, OUT, 4},
    [RN_A_ITIMERVAL] = FIXED(32, 0),
    [RN_A_ITIMERVAL_OUT] = FIXED(32, OUT),
    [RN_A_LOFF] = FIXED(8, RN_CAPF_ENTER),
    [RN_A_INT_IN] = FIXED(4, RN_CAPF_ENTER),
    [RN_A_FDSET] = {RN_CAP_BUF, L_ARG0, RN_CAPF_ENTER | RN_CAPF_EXIT_TOO, 1},
    [RN_A_SEL_TIMEVAL] = FIXED(16, RN_CAPF_ENTER | RN_CAPF_EXIT_TOO),
    [RN_A_SEL_TIMESPEC] = FIXED(16, RN_CAPF_ENTER | RN_CAPF_EXIT_TOO),
    [RN_A_PSELECT_SIGMASK] = FIXED(16, RN_CAPF_ENTER),
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
    [RN_A_IOCTL_ARG] = FIXED(36, 0), /* struct termios, the largest decoded */
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
