/* SPDX-License-Identifier: MIT */
/*
 * Syscall knowledge as data: one row per syscall giving the kind of each argument and
 * of the return value. The formatters (format.c) print by kind; the capture specs BPF
 * needs are derived from the same kinds, so decoding and capture cannot drift apart.
 */
#ifndef RENACER_SYSTABLE_H
#define RENACER_SYSTABLE_H

#include <linux/types.h>
#include <stdbool.h>
#include <stdint.h>

#include "renacer_abi.h"

/* Argument kinds. "_OUT" kinds are written by the kernel and captured on success only. */
enum rn_argkind {
	RN_A_HEX = 0, /* undecoded: hex, as strace prints an argument it does not know */
	RN_A_INT,     /* int, decimal */
	RN_A_UINT,
	RN_A_LONG,
	RN_A_ULONG,
	RN_A_PTR,	/* NULL or 0x... */
	RN_A_FD,	/* int */
	RN_A_FD_RD,	/* int; the data source: its pipe/socket is recorded for causal edges */
	RN_A_FD_WR,	/* int; the data sink: likewise */
	RN_A_DIRFD,	/* AT_FDCWD or int */
	RN_A_ID,	/* uid_t / gid_t: -1 when (unsigned)-1 */
	RN_A_MODE,	/* 0644 */
	RN_A_OMODE,	/* open's mode: printed only when flags hold O_CREAT or O_TMPFILE */
	RN_A_PATH,	/* NUL-terminated path, printed whole */
	RN_A_EXEC_PATH, /* execve's path: from the exec tracepoint on success, at exit on failure */
	RN_A_STR,	/* NUL-terminated string, cut at -s */
	RN_A_WBUF,	/* user data in, length = next argument */
	RN_A_RBUF,	/* user data out, length = return value */
	RN_A_RBUF_HEX,	/* like RN_A_RBUF, every byte as \xNN (getrandom) */
	RN_A_CWD,	/* getcwd's buffer: a path of ret - 1 bytes */
	RN_A_OFLAGS,	/* O_RDONLY|O_CLOEXEC */
	RN_A_OFLAGS_NOACC, /* O_ flags without an access mode (pipe2, dup3) */
	RN_A_ATFLAGS,
	RN_A_FACCESS_FLAGS,
	RN_A_ACCESS_MODE,
	RN_A_PROT,
	RN_A_MMAP_FLAGS,
	RN_A_MREMAP_FLAGS,
	RN_A_MADVICE,
	RN_A_SEEK,
	RN_A_FCNTL_CMD,
	RN_A_FCNTL_ARG, /* depends on the command before it */
	RN_A_IOCTL_REQ,
	RN_A_IOCTL_ARG, /* depends on the request before it */
	RN_A_SIG,
	RN_A_SIGHOW,
	RN_A_SIGSET, /* in: captured at enter, the old set may share its memory */
	RN_A_SIGSET_OUT,
	RN_A_SIGFRAME_MASK, /* rt_sigreturn: the mask in the signal frame; BPF puts its address in
			       arg 0 */
	RN_A_SIGACTION,
	RN_A_SIGACTION_OUT,
	RN_A_CLONE_FLAGS, /* clone's argument 0: prints all of clone's arguments as strace does */
	RN_A_CLONE_PTID,  /* clone's parent_tid: captured here, printed by RN_A_CLONE_FLAGS */
	RN_A_CLONE3_ARGS,
	RN_A_WAIT_OPTS,
	RN_A_WAITID_OPTS,
	RN_A_IDTYPE,
	RN_A_WSTATUS,
	RN_A_RUSAGE_OUT,
	RN_A_RUSAGE_WHO,
	RN_A_STAT_OUT,
	RN_A_STATX_OUT,
	RN_A_STATFS_OUT,
	RN_A_STATX_FLAGS,
	RN_A_STATX_MASK,
	RN_A_SOCK_AF,
	RN_A_SOCK_TYPE,
	RN_A_SOCK_PROTO,   /* depends on the family in argument 0 */
	RN_A_SOCKADDR,	   /* in, length = next argument */
	RN_A_SOCKADDR_OUT, /* out, length = *next argument */
	RN_A_SOCKLEN_OUT,  /* [len] */
	RN_A_MSG_FLAGS,
	RN_A_SOCK_LEVEL,
	RN_A_SOCKOPT_NAME,    /* depends on the level before it */
	RN_A_SOCKOPT_VAL,     /* in, length = next argument */
	RN_A_SOCKOPT_VAL_OUT, /* out, length = *next argument */
	RN_A_SHUT_HOW,
	RN_A_FDPAIR_OUT, /* [3, 4] */
	RN_A_INT_OUT,	 /* [N] */
	RN_A_IOV,	 /* in, count = next argument */
	RN_A_IOV_OUT,	 /* out, count = next argument, data limited by ret */
	RN_A_MSGHDR,
	RN_A_MSGHDR_OUT,
	RN_A_POLLFDS, /* count = next argument */
	RN_A_TIMESPEC,
	RN_A_TIMESPEC_OUT,
	RN_A_TIMEVAL,
	RN_A_TIMEVAL_OUT,
	RN_A_UTIMENS, /* struct timespec[2] */
	RN_A_ITIMERSPEC,
	RN_A_ITIMERSPEC_OUT,
	RN_A_CLOCKID,
	RN_A_RLIMIT_RES,
	RN_A_RLIMIT,
	RN_A_RLIMIT_OUT,
	RN_A_FUTEX_OP, /* the arguments after it depend on the operation */
	RN_A_UTSNAME_OUT,
	RN_A_SYSINFO_OUT,
	RN_A_TMS_OUT,
	RN_A_STACK_T,
	RN_A_STACK_T_OUT,
	RN_A_EPOLL_CTL_OP,
	RN_A_EPOLL_EVENT,
	RN_A_EPOLL_EVENTS_OUT, /* count = return value */
	RN_A_EPOLL_FLAGS,
	RN_A_EFD_FLAGS,
	RN_A_ARGV,
	RN_A_ENVP,
	RN_A_DIRENTS,
	RN_A_ARCH_PRCTL,
	RN_A_GRND_FLAGS,
	RN_A_FADVICE,
	RN_A_FLOCK_OP,
	RN_A_PRIO_WHICH,
	RN_A_PRCTL_OP, /* the arguments after it depend on the option */
	RN_A_CLOSE_RANGE_FLAGS,
	RN_A_RENAME_FLAGS,
	RN_A_MEMFD_FLAGS,
	RN_A_MEMBARRIER_CMD,
	RN_A_TIMER_FLAGS,
	RN_A_TFD_FLAGS,
	RN_A_INOTIFY_MASK,
	RN_A_INOTIFY_FLAGS,
	RN_A_ITIMER_WHICH,
	RN_A_MREMAP_NEWADDR, /* printed only with MREMAP_MAYMOVE|MREMAP_FIXED */
	RN_A_FUTEX_TIMEOUT,  /* captured here, printed by RN_A_FUTEX_OP */
	RN_A_PRCTL_ARG, /* captured here (a name for PR_[SG]ET_NAME), printed by RN_A_PRCTL_OP */
	RN_A_SIGINFO_OUT,
	RN_A_CPUSET_OUT,   /* sched_getaffinity: [0 1], ret bytes */
	RN_A_SOCK_FLAGS,   /* accept4: SOCK_CLOEXEC|SOCK_NONBLOCK */
	RN_A_OCTAL,	   /* umask's argument */
	RN_A_CPUSET,	   /* sched_setaffinity: [0 1], the previous argument's bytes */
	RN_A_ID_OUT,	   /* getresuid: [0], an id written by the kernel */
	RN_A_GID_LIST,	   /* setgroups: [0, 4], count = the previous argument */
	RN_A_GID_LIST_OUT, /* getgroups: [0, 4], count = return value */
	RN_A_ITIMERVAL,
	RN_A_ITIMERVAL_OUT,
	RN_A_FALLOC_MODE,
	RN_A_SPLICE_FLAGS,
	RN_A_PIDFD_FLAGS,
	RN_A_LOFF,	      /* loff_t *: [0], read at enter as strace prints it */
	RN_A_FDSET,	      /* select's fd_set: [0 4], nfds (argument 0) bits read at enter */
	RN_A_SEL_TIMEVAL,     /* select's timeout, read at enter (the kernel rewrites it) */
	RN_A_SEL_TIMESPEC,    /* pselect6's timeout, likewise */
	RN_A_PSELECT_SIGMASK, /* {sigmask=NULL, sigsetsize=8}: the struct, not the set it points to
			       */
	RN_A_INT_IN,	      /* [N]: an int the caller passes by pointer (sched_param) */
	RN_A_SCHED_POLICY,
	RN_A_SFD_FLAGS,
	RN_A_SYNC_FILE_RANGE_FLAGS,
	RN_A_UMOUNT_FLAGS,
	RN_A_MSYNC_FLAGS,
	RN_A_MLOCKALL_FLAGS,
	RN_A_MLOCK2_FLAGS,
	RN_A_FMODE,	 /* S_IFIFO|0644: a mode with its file type (mknod) */
	RN_A_MKNOD_DEV,	 /* makedev(0x1, 0x3), printed only for S_IFCHR and S_IFBLK */
	RN_A_CAP_HEADER, /* {version=_LINUX_CAPABILITY_VERSION_3, pid=0} */
	RN_A_CAP_DATA,	 /* {effective=1<<CAP_CHOWN|..., permitted=..., inheritable=0} */
	RN_A_CAP_DATA_OUT,
	RN_A_MOUNT_FLAGS,
	RN_A_OPEN_HOW,	 /* {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS} */
	RN_A_PTRACE_REQ, /* the arguments after it depend on the request */
	RN_A_SECCOMP_OP,
	RN_A_SECCOMP_FLAGS, /* depends on the operation (argument 0) */
	RN_A_SECCOMP_ARGS,  /* {len=N, filter=0x...} or [SECCOMP_RET_ALLOW] */
	RN_A_BPF_CMD,
	RN_A_KEYCTL_OP,	     /* the arguments after it depend on the operation */
	RN_A_KEY_SERIAL,     /* KEY_SPEC_SESSION_KEYRING or the serial */
	RN_A_FAN_INIT_FLAGS, /* FAN_CLASS_CONTENT|FAN_CLOEXEC */
	RN_A_FAN_MARK_FLAGS,
	RN_A_FAN_MASK,
	RN_A_QUOTA_CMD, /* QCMD(Q_GETQUOTA, USRQUOTA) */
	RN_A_IORING_ENTER_FLAGS,
	RN_A_IORING_REGISTER_OP,
	RN_A_SCHED_ATTR,
	RN_A_SCHED_ATTR_OUT,
	RN_A_NS_FLAGS, /* unshare, setns: CLONE_NEW* */
	RN_A_XATTR_FLAGS,
	RN_A_IOPRIO_WHO,
	RN_A_RWF_FLAGS, /* preadv2, pwritev2: RWF_* */
	/* a register the call takes but strace does not print (x86_64's high half of the
	   offset of preadv2/pwritev2): not printed, no comma */
	RN_A_SKIP,
	RN_A_SIGEVENT,	    /* timer_create, mq_notify: struct sigevent */
	RN_A_PKEY_ACCESS,   /* pkey_alloc: PKEY_DISABLE_ACCESS|PKEY_DISABLE_WRITE */
	RN_A_LOFF_INOUT,    /* sendfile's offset: [0] at enter, [0] => [10] when it moved */
	RN_A_IORING_PARAMS, /* io_uring_setup: struct io_uring_params, filled in when it succeeds */
	RN_A_BPF_ATTR,	    /* bpf: union bpf_attr of the command (argument 0), size in the next */
	RN_A_UTIMES,	    /* utimes, futimesat: struct timeval[2] */
	RN_A_SIGINFO,	    /* rt_sigqueueinfo: the siginfo_t the caller sends */
	RN_A_IOPRIO,	    /* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
	RN_A_PTR_OUT,	    /* a pointer the kernel writes through, printed as its address */
	RN_A__COUNT
};

/* Return kinds. */
enum rn_retkind {
	RN_R_INT = 0,	   /* decimal */
	RN_R_HEX,	   /* addresses: brk, mmap */
	RN_R_OCT,	   /* umask */
	RN_R_FCNTL,	   /* = 0x1 (flags FD_CLOEXEC) for F_GETFD, F_GETFL */
	RN_R_POLL,	   /* = 1 ([{fd=3, revents=POLLIN}]), = 0 (Timeout) */
	RN_R_TIMEOUT,	   /* = 0 (Timeout) */
	RN_R_PRCTL,	   /* = 1 (SUID_DUMP_USER) for PR_GET_DUMPABLE */
	RN_R_SCHED_POLICY, /* = 0 (SCHED_OTHER) */
	RN_R_SELECT,	   /* = 0 (Timeout), = 1 (in [5], left {tv_sec=0, tv_usec=999}) */
	RN_R_IOPRIO,	   /* = 0 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0)) */
};

/* strace's syscall classes (the T* flags of its syscallent tables). */
enum rn_syscall_class {
	RN_CLASS_FILE = 1u << 0,	 /* %file  (TF) */
	RN_CLASS_PROCESS = 1u << 1,	 /* %process (TP) */
	RN_CLASS_NETWORK = 1u << 2,	 /* %network, %net (TN) */
	RN_CLASS_SIGNAL = 1u << 3,	 /* %signal (TS) */
	RN_CLASS_IPC = 1u << 4,		 /* %ipc (TI) */
	RN_CLASS_DESC = 1u << 5,	 /* %desc (TD) */
	RN_CLASS_MEMORY = 1u << 6,	 /* %memory (TM) */
	RN_CLASS_CREDS = 1u << 7,	 /* %creds (TC) */
	RN_CLASS_CLOCK = 1u << 8,	 /* %clock (TCL) */
	RN_CLASS_STAT = 1u << 9,	 /* %stat (TST) */
	RN_CLASS_LSTAT = 1u << 10,	 /* %lstat (TLST) */
	RN_CLASS_FSTAT = 1u << 11,	 /* %fstat (TFST) */
	RN_CLASS_STAT_LIKE = 1u << 12,	 /* %%stat (TSTA) */
	RN_CLASS_STATFS = 1u << 13,	 /* %statfs (TSF) */
	RN_CLASS_FSTATFS = 1u << 14,	 /* %fstatfs (TFSF) */
	RN_CLASS_STATFS_LIKE = 1u << 15, /* %%statfs (TSFA) */
	RN_CLASS_PURE = 1u << 16,	 /* %pure (PU) */
};

struct rn_sysrow {
	uint8_t present; /* 0: the table has no decode row for this number */
	uint8_t nargs;
	uint8_t ret;		 /* enum rn_retkind */
	uint8_t arg[RN_NR_ARGS]; /* enum rn_argkind */
	uint32_t classes; /* enum rn_syscall_class bits, also for numbers without a decode row */
};

const char *rn_syscall__name(int nr); /* NULL when nr is unknown; i386 under RN_NR_COMPAT */
/* Fills map[RN_MAX_SYSCALLS], BPF's compat_nr: per i386 number, the x86_64 number of the same
 * call when its arguments mean the same, else RN_NR_COMPAT | the i386 number. */
void rn_syscall__compat_table(uint32_t *map);
int rn_syscall__by_name(const char *name); /* nr, or -1 */
int rn_syscall__max(void);		   /* highest known nr + 1 */
uint32_t rn_syscall__classes(int nr);	   /* enum rn_syscall_class bits; 0 if none or unknown */
/* The decode row of nr, or NULL if the table has none (raw hex printing then). */
const struct rn_sysrow *rn_systable__row(int nr);
/* Fills specs[0..RN_MAX_SYSCALLS-1]: what BPF must capture per syscall. */
void rn_systable__capspecs(struct rn_sysspec *specs);
/* Whether the kernel writes arguments of this kind (strace prints them when the call returns). */
bool rn_systable__kind_out(unsigned kind);
/* The capture one argument kind needs at position `pos` (kind RN_CAP_NONE if nothing). */
struct rn_capspec rn_systable__capspec(unsigned kind, unsigned pos);

#endif
