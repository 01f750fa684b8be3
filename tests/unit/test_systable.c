// SPDX-License-Identifier: MIT
#include <criterion/criterion.h>
#include <sys/syscall.h>

#include "syscall_names.h"
#include "systable.h"

Test(unit_systable, every_name_round_trips)
{
	int n = (int)(sizeof(rn_syscall_names) / sizeof(rn_syscall_names[0]));

	cr_assert_eq(rn_syscall__max(), n);
	for (int nr = 0; nr < n; nr++) {
		if (!rn_syscall_names[nr])
			continue;
		cr_assert_str_eq(rn_syscall__name(nr), rn_syscall_names[nr]);
		cr_assert_eq(rn_syscall__by_name(rn_syscall_names[nr]), nr, "%s",
			     rn_syscall_names[nr]);
	}
	cr_assert_eq(rn_syscall__by_name("openat"), __NR_openat);
	cr_assert_eq(rn_syscall__by_name("no_such_call"), -1);
	cr_assert_null(rn_syscall__name(-1));
	cr_assert_null(rn_syscall__name(100000));
}

Test(unit_systable, must_have_syscalls_have_rows)
{
	static const int must[] = {
	    __NR_execve,   __NR_brk,	    __NR_mmap,	     __NR_munmap,     __NR_mprotect,
	    __NR_openat,   __NR_close,	    __NR_read,	     __NR_write,      __NR_newfstatat,
	    __NR_statx,	   __NR_getdents64, __NR_ioctl,	     __NR_fcntl,      __NR_rt_sigaction,
	    __NR_clone,	   __NR_clone3,	    __NR_wait4,	     __NR_exit_group, __NR_futex,
	    __NR_poll,	   __NR_connect,    __NR_socket,     __NR_prlimit64,  __NR_getrandom,
	    __NR_readlink, __NR_access,	    __NR_faccessat2, __NR_pipe2,      __NR_dup2,
	};

	for (size_t i = 0; i < sizeof(must) / sizeof(must[0]); i++)
		cr_assert_not_null(rn_systable__row(must[i]), "%s", rn_syscall__name(must[i]));
	cr_assert_null(rn_systable__row(-1));
	cr_assert_null(rn_systable__row(RN_MAX_SYSCALLS));
}

Test(unit_systable, path_arguments_capture_whole_strings)
{
	struct rn_sysspec specs[RN_MAX_SYSCALLS];

	rn_systable__capspecs(specs);
	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		const struct rn_sysrow *row = rn_systable__row(nr);

		if (!row)
			continue;
		for (unsigned i = 0; i < row->nargs; i++) {
			if (row->arg[i] != RN_A_PATH && row->arg[i] != RN_A_EXEC_PATH)
				continue;
			cr_assert_eq(specs[nr].arg[i].kind, RN_CAP_STR, "%s arg %u",
				     rn_syscall__name(nr), i);
			cr_assert_eq(specs[nr].arg[i].flags & RN_CAPF_SNAP, 0);
		}
	}
	cr_assert_eq(specs[__NR_openat].arg[1].kind, RN_CAP_STR);
	/* an exec's args are read at enter, in the caller's memory, whatever happens after */
	cr_assert(specs[__NR_execve].arg[0].flags & RN_CAPF_ENTER);
	cr_assert_eq(specs[__NR_execve].arg[0].flags & RN_CAPF_FAILED, 0);
}

Test(unit_systable, capspecs_stay_within_the_abi)
{
	struct rn_sysspec specs[RN_MAX_SYSCALLS];

	rn_systable__capspecs(specs);
	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		for (unsigned i = 0; i < RN_NR_ARGS; i++) {
			const struct rn_capspec *cs = &specs[nr].arg[i];

			if (cs->kind == RN_CAP_NONE)
				continue;
			if (cs->kind == RN_CAP_FDID) { /* -y: the fd is ret or another argument */
				cr_assert_eq(i, RN_ARG_FDID);
				cr_assert(cs->len_src == RN_LEN_RET || cs->len_src < RN_ARG_FDID);
				continue;
			}
			cr_assert(cs->kind <= RN_CAP_FDOBJ || cs->kind == RN_CAP_BPF_ATTR);
			cr_assert_leq(cs->len_src, RN_LEN_DEREF0 + 5);
			/* A count from an argument must name a real, different argument. */
			if (cs->len_src < RN_LEN_RET)
				cr_assert_neq(cs->len_src, i);
			if (cs->len_src >= RN_LEN_DEREF0)
				cr_assert_neq(cs->len_src - RN_LEN_DEREF0, i);
			if (cs->kind == RN_CAP_BUF && cs->len_src == RN_LEN_FIXED)
				cr_assert(cs->size > 0 && cs->size <= RN_BUF_MAX,
					  "%s arg %u size %u", rn_syscall__name(nr), i, cs->size);
			if (cs->kind == RN_CAP_BUF)
				cr_assert_gt(cs->size, 0);
		}
	}
}

Test(unit_systable, capspecs_match_the_brief_examples)
{
	struct rn_sysspec specs[RN_MAX_SYSCALLS];
	const struct rn_capspec *cs;

	rn_systable__capspecs(specs);
	cs = &specs[__NR_write].arg[1];
	cr_assert(cs->kind == RN_CAP_BUF && cs->len_src == RN_LEN_ARG0 + 2 &&
		  cs->flags == RN_CAPF_SNAP && cs->size == 1);
	cs = &specs[__NR_read].arg[1];
	cr_assert(cs->kind == RN_CAP_BUF && cs->len_src == RN_LEN_RET &&
		  cs->flags == (RN_CAPF_SNAP | RN_CAPF_SUCCESS) && cs->size == 1);
	cs = &specs[__NR_fstat].arg[1];
	cr_assert(cs->kind == RN_CAP_BUF && cs->len_src == RN_LEN_FIXED &&
		  cs->flags == RN_CAPF_SUCCESS && cs->size == 144);
	cs = &specs[__NR_poll].arg[0];
	cr_assert(cs->kind == RN_CAP_BUF && cs->len_src == RN_LEN_ARG0 + 1 && cs->size == 8);
	cs = &specs[__NR_accept4].arg[1];
	cr_assert(cs->kind == RN_CAP_BUF && cs->len_src == RN_LEN_DEREF0 + 2 &&
		  cs->flags == RN_CAPF_SUCCESS);
	cs = &specs[__NR_writev].arg[1];
	cr_assert(cs->kind == RN_CAP_IOV && cs->len_src == RN_LEN_ARG0 + 2);
	cs = &specs[__NR_execve].arg[1];
	cr_assert(cs->kind == RN_CAP_STRARR && (cs->flags & RN_CAPF_ENTER) && cs->size == 1);
	cs = &specs[__NR_execve].arg[2];
	cr_assert(cs->kind == RN_CAP_STRARR && cs->size == 0);
	cs = &specs[__NR_getdents64].arg[1];
	cr_assert(cs->kind == RN_CAP_DIRENTS && (cs->flags & RN_CAPF_SUCCESS));
	cr_assert_eq(specs[__NR_close].arg[0].kind, RN_CAP_NONE);
}

Test(unit_systable, classes_are_flags_in_the_rows)
{
	cr_assert_eq(rn_syscall__classes(__NR_openat), RN_CLASS_DESC | RN_CLASS_FILE);
	cr_assert_eq(rn_systable__row(__NR_openat)->classes, RN_CLASS_DESC | RN_CLASS_FILE);
	/* getpmsg has no decode row (printed raw: no kernel implements it) but is still %network,
	 * as in strace. */
	cr_assert_null(rn_systable__row(__NR_getpmsg));
	cr_assert_eq(rn_syscall__classes(__NR_getpmsg), RN_CLASS_NETWORK);
	cr_assert_eq(rn_systable__row(__NR_msync)->classes, RN_CLASS_MEMORY);
	cr_assert_eq(rn_syscall__classes(__NR_sched_yield), 0);
	cr_assert_eq(rn_syscall__classes(-1), 0);
	cr_assert_eq(rn_syscall__classes(RN_MAX_SYSCALLS), 0);
}
