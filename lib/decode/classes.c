/* SPDX-License-Identifier: MIT */
/*
 * Syscall class membership as strace 6.1 has it for x86_64 (src/linux/x86_64/syscallent.h,
 * src/linux/generic/syscallent-common.h), checked call by call against the installed strace
 * with `-e trace=%class`. Also the names strace's other x86 personalities know, because
 * strace accepts `-e trace=NAME` when any personality has NAME.
 */
#include <string.h>

#include "filter.h"
#if __has_include("systable.h")
#include "systable.h"
#else
/* Until lib/decode/systable.h lands; keep identical to its prototypes. */
const char *rn_syscall__name(int nr);
int rn_syscall__by_name(const char *name);
int rn_syscall__max(void);
#endif

/* strace's flag names, so each row reads like its syscallent.h entry. */
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

/* In syscall number order; syscalls strace leaves unclassified have no row. */
static const struct {
	const char *name;
	uint32_t bits;
} classes[] = {
    {"read", TD},
    {"write", TD},
    {"open", TD | TF},
    {"close", TD},
    {"stat", TF | TST | TSTA},
    {"fstat", TD | TFST | TSTA},
    {"lstat", TF | TLST | TSTA},
    {"poll", TD},
    {"lseek", TD},
    {"mmap", TD | TM},
    {"mprotect", TM},
    {"munmap", TM},
    {"brk", TM},
    {"rt_sigaction", TS},
    {"rt_sigprocmask", TS},
    {"rt_sigreturn", TS},
    {"ioctl", TD},
    {"pread64", TD},
    {"pwrite64", TD},
    {"readv", TD},
    {"writev", TD},
    {"access", TF},
    {"pipe", TD},
    {"select", TD},
    {"mremap", TM},
    {"msync", TM},
    {"mincore", TM},
    {"madvise", TM},
    {"shmget", TI},
    {"shmat", TI | TM},
    {"shmctl", TI},
    {"dup", TD},
    {"dup2", TD},
    {"pause", TS},
    {"getpid", PU},
    {"sendfile", TD | TN},
    {"socket", TN},
    {"connect", TN},
    {"accept", TN},
    {"sendto", TN},
    {"recvfrom", TN},
    {"sendmsg", TN},
    {"recvmsg", TN},
    {"shutdown", TN},
    {"bind", TN},
    {"listen", TN},
    {"getsockname", TN},
    {"getpeername", TN},
    {"socketpair", TN},
    {"setsockopt", TN},
    {"getsockopt", TN},
    {"clone", TP},
    {"fork", TP},
    {"vfork", TP},
    {"execve", TF | TP},
    {"exit", TP},
    {"wait4", TP},
    {"kill", TP | TS},
    {"semget", TI},
    {"semop", TI},
    {"semctl", TI},
    {"shmdt", TI | TM},
    {"msgget", TI},
    {"msgsnd", TI},
    {"msgrcv", TI},
    {"msgctl", TI},
    {"fcntl", TD},
    {"flock", TD},
    {"fsync", TD},
    {"fdatasync", TD},
    {"truncate", TF},
    {"ftruncate", TD},
    {"getdents", TD},
    {"getcwd", TF},
    {"chdir", TF},
    {"fchdir", TD},
    {"rename", TF},
    {"mkdir", TF},
    {"rmdir", TF},
    {"creat", TD | TF},
    {"link", TF},
    {"unlink", TF},
    {"symlink", TF},
    {"readlink", TF},
    {"chmod", TF},
    {"fchmod", TD},
    {"chown", TF},
    {"fchown", TD},
    {"lchown", TF},
    {"gettimeofday", TCL},
    {"getuid", TC | PU},
    {"getgid", TC | PU},
    {"setuid", TC},
    {"setgid", TC},
    {"geteuid", TC | PU},
    {"getegid", TC | PU},
    {"getppid", PU},
    {"getpgrp", PU},
    {"setreuid", TC},
    {"setregid", TC},
    {"getgroups", TC},
    {"setgroups", TC},
    {"setresuid", TC},
    {"getresuid", TC},
    {"setresgid", TC},
    {"getresgid", TC},
    {"setfsuid", TC},
    {"setfsgid", TC},
    {"capget", TC},
    {"capset", TC},
    {"rt_sigpending", TS},
    {"rt_sigtimedwait", TS},
    {"rt_sigqueueinfo", TP | TS},
    {"rt_sigsuspend", TS},
    {"sigaltstack", TS},
    {"utime", TF},
    {"mknod", TF},
    {"uselib", TF},
    {"ustat", TSFA},
    {"statfs", TF | TSF | TSFA},
    {"fstatfs", TD | TFSF | TSFA},
    {"mlock", TM},
    {"munlock", TM},
    {"mlockall", TM},
    {"munlockall", TM},
    {"pivot_root", TF},
    {"prctl", TC},
    {"adjtimex", TCL},
    {"chroot", TF},
    {"acct", TF},
    {"settimeofday", TCL},
    {"mount", TF},
    {"umount2", TF},
    {"swapon", TF},
    {"swapoff", TF},
    {"quotactl", TF},
    {"getpmsg", TN},
    {"putpmsg", TN},
    {"gettid", PU},
    {"readahead", TD},
    {"setxattr", TF},
    {"lsetxattr", TF},
    {"fsetxattr", TD},
    {"getxattr", TF},
    {"lgetxattr", TF},
    {"fgetxattr", TD},
    {"listxattr", TF},
    {"llistxattr", TF},
    {"flistxattr", TD},
    {"removexattr", TF},
    {"lremovexattr", TF},
    {"fremovexattr", TD},
    {"tkill", TP | TS},
    {"time", TCL},
    {"io_setup", TM},
    {"io_destroy", TM},
    {"epoll_create", TD},
    {"remap_file_pages", TM},
    {"getdents64", TD},
    {"semtimedop", TI},
    {"fadvise64", TD},
    {"clock_settime", TCL},
    {"clock_gettime", TCL},
    {"clock_getres", TCL},
    {"epoll_wait", TD},
    {"epoll_ctl", TD},
    {"tgkill", TP | TS},
    {"utimes", TF},
    {"mbind", TM},
    {"set_mempolicy", TM},
    {"get_mempolicy", TM},
    {"mq_open", TD},
    {"mq_timedsend", TD},
    {"mq_timedreceive", TD},
    {"mq_notify", TD},
    {"mq_getsetattr", TD},
    {"waitid", TP},
    {"inotify_init", TD},
    {"inotify_add_watch", TD | TF},
    {"inotify_rm_watch", TD},
    {"migrate_pages", TM},
    {"openat", TD | TF},
    {"mkdirat", TD | TF},
    {"mknodat", TD | TF},
    {"fchownat", TD | TF},
    {"futimesat", TD | TF},
    {"newfstatat", TD | TF | TFST | TSTA},
    {"unlinkat", TD | TF},
    {"renameat", TD | TF},
    {"linkat", TD | TF},
    {"symlinkat", TD | TF},
    {"readlinkat", TD | TF},
    {"fchmodat", TD | TF},
    {"faccessat", TD | TF},
    {"pselect6", TD},
    {"ppoll", TD},
    {"splice", TD},
    {"tee", TD},
    {"sync_file_range", TD},
    {"vmsplice", TD},
    {"move_pages", TM},
    {"utimensat", TD | TF},
    {"epoll_pwait", TD},
    {"signalfd", TD | TS},
    {"timerfd_create", TD},
    {"eventfd", TD},
    {"fallocate", TD},
    {"timerfd_settime", TD},
    {"timerfd_gettime", TD},
    {"accept4", TN},
    {"signalfd4", TD | TS},
    {"eventfd2", TD},
    {"epoll_create1", TD},
    {"dup3", TD},
    {"pipe2", TD},
    {"inotify_init1", TD},
    {"preadv", TD},
    {"pwritev", TD},
    {"rt_tgsigqueueinfo", TP | TS},
    {"perf_event_open", TD},
    {"recvmmsg", TN},
    {"fanotify_init", TD},
    {"fanotify_mark", TD | TF},
    {"name_to_handle_at", TD | TF},
    {"open_by_handle_at", TD},
    {"clock_adjtime", TCL},
    {"syncfs", TD},
    {"sendmmsg", TN},
    {"setns", TD},
    {"finit_module", TD},
    {"renameat2", TD | TF},
    {"memfd_create", TD},
    {"kexec_file_load", TD},
    {"bpf", TD},
    {"execveat", TD | TF | TP},
    {"userfaultfd", TD},
    {"mlock2", TM},
    {"copy_file_range", TD},
    {"preadv2", TD},
    {"pwritev2", TD},
    {"pkey_mprotect", TM},
    {"statx", TD | TF | TFST | TSTA},
    {"pidfd_send_signal", TD | TP | TS},
    {"io_uring_setup", TD},
    {"io_uring_enter", TD | TS},
    {"io_uring_register", TD | TM},
    {"open_tree", TD | TF},
    {"move_mount", TD | TF},
    {"fsopen", TD},
    {"fsconfig", TD | TF},
    {"fsmount", TD},
    {"fspick", TD | TF},
    {"pidfd_open", TD},
    {"clone3", TP},
    {"openat2", TD | TF},
    {"pidfd_getfd", TD},
    {"faccessat2", TD | TF},
    {"process_madvise", TD},
    {"epoll_pwait2", TD},
    {"mount_setattr", TD | TF},
    {"quotactl_fd", TD},
    {"landlock_create_ruleset", TD},
    {"landlock_add_rule", TD},
    {"landlock_restrict_self", TD},
    {"memfd_secret", TD},
    {"process_mrelease", TD},
    {"set_mempolicy_home_node", TM},
    {"exit_group", TP},
};

/* i386 names absent from x86_64 (kernel unistd_32.h plus strace's socketcall subcalls). */
static const char *const i386_only[] = {
    "_llseek",
    "_newselect",
    "bdflush",
    "break",
    "chown32",
    "clock_adjtime64",
    "clock_getres_time64",
    "clock_gettime64",
    "clock_nanosleep_time64",
    "clock_settime64",
    "fadvise64_64",
    "fchown32",
    "fcntl64",
    "fstat64",
    "fstatat64",
    "fstatfs64",
    "ftime",
    "ftruncate64",
    "futex_time64",
    "getegid32",
    "geteuid32",
    "getgid32",
    "getgroups32",
    "getresgid32",
    "getresuid32",
    "getuid32",
    "gtty",
    "idle",
    "io_pgetevents_time64",
    "ipc",
    "lchown32",
    "lock",
    "lstat64",
    "mmap2",
    "mpx",
    "mq_timedreceive_time64",
    "mq_timedsend_time64",
    "nice",
    "oldfstat",
    "oldlstat",
    "oldolduname",
    "oldstat",
    "olduname",
    "ppoll_time64",
    "prof",
    "profil",
    "pselect6_time64",
    "readdir",
    "recv",
    "recvmmsg_time64",
    "rt_sigtimedwait_time64",
    "sched_rr_get_interval_time64",
    "semtimedop_time64",
    "send",
    "sendfile64",
    "setfsgid32",
    "setfsuid32",
    "setgid32",
    "setgroups32",
    "setregid32",
    "setresgid32",
    "setresuid32",
    "setreuid32",
    "setuid32",
    "sgetmask",
    "sigaction",
    "signal",
    "sigpending",
    "sigprocmask",
    "sigreturn",
    "sigsuspend",
    "socketcall",
    "ssetmask",
    "stat64",
    "statfs64",
    "stime",
    "stty",
    "timer_gettime64",
    "timer_settime64",
    "timerfd_gettime64",
    "timerfd_settime64",
    "truncate64",
    "ugetrlimit",
    "ulimit",
    "umount",
    "utimensat_time64",
    "vm86",
    "vm86old",
    "waitpid",
};

/* x86_64 names that strace's i386 table lacks. */
static const char *const not_i386[] = {
    "epoll_ctl_old", "epoll_wait_old", "kexec_file_load", "newfstatat", "security", "tuxcall",
};

/* x86_64 names that strace's x32 table lacks. */
static const char *const not_x32[] = {
    "_sysctl",	       "create_module",	  "epoll_ctl_old", "epoll_wait_old",
    "get_kernel_syms", "get_thread_area", "nfsservctl",	   "query_module",
    "set_thread_area", "uselib",	  "vserver",
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static bool in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

uint32_t rn_filter__class_of(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(classes); i++)
		if (!strcmp(classes[i].name, name))
			return classes[i].bits;
	return 0;
}

bool rn_filter__class_row(size_t i, const char **name, uint32_t *bits)
{
	if (i >= ARRAY_LEN(classes))
		return false;
	*name = classes[i].name;
	*bits = classes[i].bits;
	return true;
}

bool rn_filter__name_in_i386(const char *name)
{
	if (in_list(i386_only, ARRAY_LEN(i386_only), name))
		return true;
	return rn_syscall__by_name(name) >= 0 && !in_list(not_i386, ARRAY_LEN(not_i386), name);
}

bool rn_filter__name_in_x32(const char *name)
{
	return rn_syscall__by_name(name) >= 0 && !in_list(not_x32, ARRAY_LEN(not_x32), name);
}

bool rn_filter__i386_only_row(size_t i, const char **name)
{
	if (i >= ARRAY_LEN(i386_only))
		return false;
	*name = i386_only[i];
	return true;
}
