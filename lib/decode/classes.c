/* SPDX-License-Identifier: MIT */
/*
 * The syscall names strace's other x86 personalities know (i386 @32, x32 @x32), because
 * strace accepts `-e trace=NAME` when any personality has NAME. The x86_64 classes are
 * flags in the systable rows (systable.c), as strace 6.1 has them in
 * src/linux/x86_64/syscallent.h, checked call by call with `-e trace=%class`.
 */
#include <string.h>

#include "classes.h"
#include "systable.h"

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

bool rn_classes__in_i386(const char *name)
{
	if (in_list(i386_only, ARRAY_LEN(i386_only), name))
		return true;
	return rn_syscall__by_name(name) >= 0 && !in_list(not_i386, ARRAY_LEN(not_i386), name);
}

bool rn_classes__in_x32(const char *name)
{
	return rn_syscall__by_name(name) >= 0 && !in_list(not_x32, ARRAY_LEN(not_x32), name);
}

bool rn_classes__i386_only_row(size_t i, const char **name)
{
	if (i >= ARRAY_LEN(i386_only))
		return false;
	*name = i386_only[i];
	return true;
}
