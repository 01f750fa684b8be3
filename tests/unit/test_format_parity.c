// SPDX-License-Identifier: MIT
/*
 * strace parity, decoding batch 1 (issue 17): each test builds a record as BPF would and
 * expects the line strace 6.1 printed for the same call on this machine.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <sys/syscall.h>

#include "fmtline.h"

static const char *line(void)
{
	return line_o(&(struct rn_fmt_opts){.strsize = 32});
}

#define EXPECT(s) cr_assert_str_eq(line(), s)
#define UP	  0x7ffc0000a000ull /* a user pointer */

Test(unit_format_parity, getresuid_prints_each_id_in_brackets)
{
	CALL(__NR_getresuid, 0, UP, UP + 4, UP + 8);
	rn_recbuild__u32(&b, 0, 0, 0);
	rn_recbuild__u32(&b, 1, 0, 1000);
	rn_recbuild__u32(&b, 2, 0, UINT32_MAX);
	EXPECT("getresuid([0], [1000], [-1]) = 0");
}

Test(unit_format_parity, getresgid_failed_prints_the_pointers)
{
	CALL(__NR_getresgid, -EFAULT, 0x10, UP + 4, UP + 8);
	EXPECT("getresgid(0x10, 0x7ffc0000a004, 0x7ffc0000a008) = -1 EFAULT (Bad address)");
}

Test(unit_format_parity, setresuid_and_setresgid_print_ids_with_minus_one)
{
	CALL(__NR_setresuid, 0, UINT32_MAX, UINT32_MAX, UINT32_MAX);
	EXPECT("setresuid(-1, -1, -1) = 0");
	CALL(__NR_setresgid, 0, UINT32_MAX, 0, UINT32_MAX);
	EXPECT("setresgid(-1, 0, -1) = 0");
}

Test(unit_format_parity, getgroups_with_size_zero_prints_null)
{
	CALL(__NR_getgroups, 1, 0, 0);
	EXPECT("getgroups(0, NULL) = 1");
}

Test(unit_format_parity, getgroups_prints_the_returned_gids)
{
	const uint32_t g[3] = {0, 4, 24};

	CALL(__NR_getgroups, 0, 64, UP);
	EXPECT("getgroups(64, []) = 0");
	CALL(__NR_getgroups, 3, 64, UP);
	rn_recbuild__item(&b, 1, 0, 0, g, sizeof(g));
	EXPECT("getgroups(64, [0, 4, 24]) = 3");
}

Test(unit_format_parity, setgroups_prints_size_gids)
{
	const uint32_t g[2] = {0, 27};

	CALL(__NR_setgroups, 0, 0, 0);
	EXPECT("setgroups(0, NULL) = 0");
	CALL(__NR_setgroups, 0, 1, UP);
	rn_recbuild__item(&b, 1, 0, 0, g, 4);
	EXPECT("setgroups(1, [0]) = 0");
	CALL(__NR_setgroups, -EPERM, 2, UP);
	rn_recbuild__item(&b, 1, 0, 0, g, sizeof(g));
	EXPECT("setgroups(2, [0, 27]) = -1 EPERM (Operation not permitted)");
}

Test(unit_format_parity, getitimer_and_setitimer_print_itimerval)
{
	const int64_t zero[4] = {0, 0, 0, 0}, one[4] = {0, 0, 1, 500};

	CALL(__NR_getitimer, 0, 0, UP);
	rn_recbuild__item(&b, 1, 0, 0, zero, sizeof(zero));
	EXPECT("getitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, "
	       "tv_usec=0}}) = 0");
	CALL(__NR_setitimer, 0, 2, UP, 0);
	rn_recbuild__item(&b, 1, 0, 0, one, sizeof(one));
	EXPECT("setitimer(ITIMER_PROF, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, "
	       "tv_usec=500}}, NULL) = 0");
}

Test(unit_format_parity, fallocate_prints_mode_names)
{
	CALL(__NR_fallocate, 0, 3, 0, 0, 4096);
	EXPECT("fallocate(3, 0, 0, 4096) = 0");
	CALL(__NR_fallocate, 0, 3, 3, 0, 4096);
	EXPECT("fallocate(3, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE, 0, 4096) = 0");
	CALL(__NR_fallocate, 0, 3, 0x10, 0, 10);
	EXPECT("fallocate(3, FALLOC_FL_ZERO_RANGE, 0, 10) = 0");
}

Test(unit_format_parity, close_range_prints_unsigned_bounds_and_flags)
{
	CALL(__NR_close_range, 0, 100, UINT32_MAX, 0);
	EXPECT("close_range(100, 4294967295, 0) = 0");
	CALL(__NR_close_range, 0, 100, 200, 4);
	EXPECT("close_range(100, 200, CLOSE_RANGE_CLOEXEC) = 0");
	CALL(__NR_close_range, 0, 100, 200, 2);
	EXPECT("close_range(100, 200, CLOSE_RANGE_UNSHARE) = 0");
}

Test(unit_format_parity, pidfd_open_and_send_signal)
{
	CALL(__NR_pidfd_open, 6, 20790, 0);
	EXPECT("pidfd_open(20790, 0) = 6");
	CALL(__NR_pidfd_open, 6, 20790, 04000);
	EXPECT("pidfd_open(20790, PIDFD_NONBLOCK) = 6");
	CALL(__NR_pidfd_send_signal, 0, 6, 0, 0, 0);
	EXPECT("pidfd_send_signal(6, 0, NULL, 0) = 0");
	CALL(__NR_pidfd_send_signal, 0, 6, 15, 0, 0);
	EXPECT("pidfd_send_signal(6, SIGTERM, NULL, 0) = 0");
}

Test(unit_format_parity, splice_and_tee_print_splice_flags)
{
	CALL(__NR_splice, 1, 4, 0, 8, 0, 1, 3);
	EXPECT("splice(4, NULL, 8, NULL, 1, SPLICE_F_MOVE|SPLICE_F_NONBLOCK) = 1");
	CALL(__NR_tee, 1, 7, 5, 1, 0);
	EXPECT("tee(7, 5, 1, 0) = 1");
}

Test(unit_format_parity, copy_file_range_prints_offsets_read_at_enter)
{
	const int64_t off = 0, off2 = 4096;

	CALL(__NR_copy_file_range, 0, 3, UP, 3, UP + 8, 0, 0);
	rn_recbuild__enter_item(&b, 1, 0, 0, &off, sizeof(off));
	rn_recbuild__enter_item(&b, 3, 0, 0, &off2, sizeof(off2));
	EXPECT("copy_file_range(3, [0], 3, [4096], 0, 0) = 0");
	CALL(__NR_copy_file_range, 5, 3, 0, 4, 0, 5, 0);
	EXPECT("copy_file_range(3, NULL, 4, NULL, 5, 0) = 5");
}

Test(unit_format_parity, pselect6_prints_fd_sets_timeout_and_timeout_result)
{
	const unsigned char in[5] = {0x10};
	const int64_t ts[2] = {0, 0};

	CALL(__NR_pselect6, 0, 5, UP, 0, 0, UP + 0x100, 0);
	rn_recbuild__enter_item(&b, 1, 0, 0, in, sizeof(in));
	rn_recbuild__enter_item(&b, 4, 0, 0, ts, sizeof(ts));
	EXPECT("pselect6(5, [4], NULL, NULL, {tv_sec=0, tv_nsec=0}, NULL) = 0 (Timeout)");
}

Test(unit_format_parity, pselect6_prints_several_fds_and_the_sigmask_struct)
{
	const unsigned char set[6] = {0x11};
	const int64_t ts[2] = {1, 0};
	const uint64_t sigmask[2] = {0, 8};

	CALL(__NR_pselect6, 2, 6, 0, UP, UP, UP + 0x100, UP + 0x200);
	rn_recbuild__enter_item(&b, 2, 0, 0, set, sizeof(set));
	rn_recbuild__enter_item(&b, 3, 0, 0, set, sizeof(set));
	rn_recbuild__enter_item(&b, 4, 0, 0, ts, sizeof(ts));
	rn_recbuild__enter_item(&b, 5, 0, 0, sigmask, sizeof(sigmask));
	EXPECT("pselect6(6, NULL, [0 4], [0 4], {tv_sec=1, tv_nsec=0}, {sigmask=NULL, "
	       "sigsetsize=8}) = 2");
}

Test(unit_format_parity, select_prints_fd_sets_and_timeval)
{
	const unsigned char in[4] = {0x08};
	const int64_t tv[2] = {0, 0};

	CALL(__NR_select, 0, 4, UP, 0, 0, UP + 0x100);
	rn_recbuild__enter_item(&b, 1, 0, 0, in, sizeof(in));
	rn_recbuild__enter_item(&b, 4, 0, 0, tv, sizeof(tv));
	EXPECT("select(4, [3], NULL, NULL, {tv_sec=0, tv_usec=0}) = 0 (Timeout)");
}

Test(unit_format_parity, signalfd4_prints_the_mask_and_sfd_flags)
{
	const uint64_t mask = (1ull << (10 - 1)) | (1ull << (17 - 1));

	CALL(__NR_signalfd4, 6, -1, UP, 8, 02004000);
	rn_recbuild__enter_item(&b, 1, 0, 0, &mask, sizeof(mask));
	EXPECT("signalfd4(-1, [USR1 CHLD], 8, SFD_CLOEXEC|SFD_NONBLOCK) = 6");
}

Test(unit_format_parity, sched_policy_calls_print_policy_names)
{
	const uint32_t prio = 0;

	CALL(__NR_sched_getscheduler, 0, 0);
	EXPECT("sched_getscheduler(0) = 0 (SCHED_OTHER)");
	CALL(__NR_sched_get_priority_max, 99, 1);
	EXPECT("sched_get_priority_max(SCHED_FIFO) = 99");
	CALL(__NR_sched_getparam, 0, 0, UP);
	rn_recbuild__u32(&b, 1, 0, 0);
	EXPECT("sched_getparam(0, [0]) = 0");
	CALL(__NR_sched_setscheduler, -EINVAL, 0, 0, UP);
	rn_recbuild__enter_item(&b, 2, 0, 0, &prio, sizeof(prio));
	EXPECT("sched_setscheduler(0, SCHED_OTHER, [0]) = -1 EINVAL (Invalid argument)");
}

Test(unit_format_parity, setreuid_setfsuid_print_ids)
{
	CALL(__NR_setreuid, 0, UINT32_MAX, UINT32_MAX);
	EXPECT("setreuid(-1, -1) = 0");
	CALL(__NR_setregid, 0, 0, UINT32_MAX);
	EXPECT("setregid(0, -1) = 0");
	CALL(__NR_setfsgid, 0, UINT32_MAX);
	EXPECT("setfsgid(-1) = 0");
}

Test(unit_format_parity, sync_file_range_umount2_vmsplice_flags)
{
	CALL(__NR_sync_file_range, 0, 3, 0, 4096, 7);
	EXPECT("sync_file_range(3, 0, 4096, SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|"
	       "SYNC_FILE_RANGE_WAIT_AFTER) = 0");
	CALL(__NR_umount2, -ENOENT, UP, 10);
	rn_recbuild__str(&b, 0, "/nonexistent/x");
	EXPECT("umount2(\"/nonexistent/x\", MNT_DETACH|UMOUNT_NOFOLLOW) = -1 ENOENT (No such file "
	       "or directory)");
	CALL(__NR_vmsplice, 2, 5, 0, 1, 8);
	EXPECT("vmsplice(5, NULL, 1, SPLICE_F_GIFT) = 2");
}

/* x86_64 passes the offset's high half in a[4] and the flags in a[5]: strace prints neither
   the high half nor a sixth argument. */
Test(unit_format_parity, preadv2_and_pwritev2_print_rwf_flags_from_the_sixth_register)
{
	CALL(__NR_pwritev2, -EBADF, 9, 0, 1, 0, 0, 0x10);
	EXPECT("pwritev2(9, NULL, 1, 0, RWF_APPEND) = -1 EBADF (Bad file descriptor)");
	CALL(__NR_preadv2, -EBADF, 9, 0, 1, -1, 0, 1);
	EXPECT("preadv2(9, NULL, 1, -1, RWF_HIPRI) = -1 EBADF (Bad file descriptor)");
}
