// SPDX-License-Identifier: MIT
/*
 * strace parity found by tracing programs nobody tuned for (issue 17's hunt): each test builds
 * a record as BPF would and expects the line strace 6.1 printed for the same call here.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

#include "fmtline.h"

static const char *line(void)
{
	return line_o(&(struct rn_fmt_opts){.strsize = 32});
}

static const char *signal_line(const struct rn_sig_rec *s)
{
	rn_strbuf__reset(&sb);
	rn_format__signal(&sb, s);
	return sb.buf;
}

#define EXPECT(s) cr_assert_str_eq(line(), s)
#define UP	  0x7ffc0000a000ull /* a user pointer */

/* The dates strace prints are local time: these tests pin the zone. */
static void utc(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

TestSuite(unit_format_hunt, .init = utc);

Test(unit_format_hunt, prctl_prints_the_arguments_each_option_takes)
{
	CALL(__NR_prctl, 1, 23, 21);
	EXPECT("prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) = 1");
	CALL(__NR_prctl, -EINVAL, 23, 99);
	EXPECT("prctl(PR_CAPBSET_READ, 0x63 /* CAP_??? */) = -1 EINVAL (Invalid argument)");
	CALL(__NR_prctl, 0, 38, 1);
	EXPECT("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
	CALL(__NR_prctl, 1, 39);
	EXPECT("prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) = 1");
	CALL(__NR_prctl, 0, 8, 1);
	EXPECT("prctl(PR_SET_KEEPCAPS, 1) = 0");
	CALL(__NR_prctl, 1, 7);
	EXPECT("prctl(PR_GET_KEEPCAPS) = 1");
	CALL(__NR_prctl, 0, 4, 1);
	EXPECT("prctl(PR_SET_DUMPABLE, SUID_DUMP_USER) = 0");
	CALL(__NR_prctl, 0, 29, 50000);
	EXPECT("prctl(PR_SET_TIMERSLACK, 50000) = 0");
	CALL(__NR_prctl, 50000, 30);
	EXPECT("prctl(PR_GET_TIMERSLACK) = 50000");
	CALL(__NR_prctl, 0, 36, 1);
	EXPECT("prctl(PR_SET_CHILD_SUBREAPER, 1) = 0");
	CALL(__NR_prctl, 0, 47, 1, 12);
	EXPECT("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_ADMIN, 0, 0) = 0");
	CALL(__NR_prctl, 0, 47, 4);
	EXPECT("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) = 0");
	CALL(__NR_prctl, -EINVAL, 0x59616d61, 0xffffffffffffffffull);
	EXPECT("prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY) = -1 EINVAL (Invalid argument)");
	CALL(__NR_prctl, 0x10, 27);
	EXPECT("prctl(PR_GET_SECUREBITS) = 0x10 (SECBIT_KEEP_CAPS)");
	CALL(__NR_prctl, 0, 42);
	EXPECT("prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) = 0");
	CALL(__NR_prctl, 0, 1, 15);
	EXPECT("prctl(PR_SET_PDEATHSIG, SIGTERM) = 0");
}

Test(unit_format_hunt, prctl_get_options_print_the_int_the_kernel_wrote)
{
	CALL(__NR_prctl, 0, 37, UP);
	rn_recbuild__str(&b, 1, "\1");
	EXPECT("prctl(PR_GET_CHILD_SUBREAPER, [1]) = 0");
	CALL(__NR_prctl, 0, 2, UP);
	rn_recbuild__str(&b, 1, "");
	EXPECT("prctl(PR_GET_PDEATHSIG, [0]) = 0");
}

Test(unit_format_hunt, utimensat_names_utime_omit_and_dates_the_times)
{
	const int64_t t[4] = {0, (1l << 30) - 2, 1700000000, 5};
	const int64_t now[4] = {5, (1l << 30) - 1, 0, 0};

	CALL(__NR_utimensat, 0, (uint64_t)-100, UP, UP + 64);
	rn_recbuild__str(&b, 1, "/tmp/p.c");
	rn_recbuild__item(&b, 2, 0, 0, t, sizeof(t));
	EXPECT("utimensat(AT_FDCWD, \"/tmp/p.c\", [UTIME_OMIT, {tv_sec=1700000000, tv_nsec=5} "
	       "/* 2023-11-14T22:13:20.000000005+0000 */], 0) = 0");
	CALL(__NR_utimensat, 0, (uint64_t)-100, UP, UP + 64);
	rn_recbuild__str(&b, 1, "/tmp/p.c");
	rn_recbuild__item(&b, 2, 0, 0, now, sizeof(now));
	EXPECT("utimensat(AT_FDCWD, \"/tmp/p.c\", [UTIME_NOW, {tv_sec=0, tv_nsec=0}], 0) = 0");
}

Test(unit_format_hunt, sendfile_prints_the_offset_before_and_after)
{
	const int64_t before = 0, after = 10, far = 1048576;

	CALL(__NR_sendfile, 10, 4, 3, UP, 10);
	rn_recbuild__enter_item(&b, 2, 0, 0, &before, 8);
	rn_recbuild__item(&b, 2, 0, 0, &after, 8);
	EXPECT("sendfile(4, 3, [0] => [10], 10) = 10");
	CALL(__NR_sendfile, 0, 4, 3, UP, 0);
	rn_recbuild__enter_item(&b, 2, 0, 0, &after, 8);
	rn_recbuild__item(&b, 2, 0, 0, &after, 8);
	EXPECT("sendfile(4, 3, [10], 0) = 0");
	CALL(__NR_sendfile, 10, 4, 3, 0, 10);
	EXPECT("sendfile(4, 3, NULL, 10) = 10");
	CALL(__NR_sendfile, 0, 4, 3, UP, 10);
	rn_recbuild__enter_item(&b, 2, 0, 0, &far, 8);
	rn_recbuild__item(&b, 2, 0, 0, &far, 8);
	EXPECT("sendfile(4, 3, [1048576], 10) = 0");
}

Test(unit_format_hunt, epoll_ctl_del_prints_only_the_event_address)
{
	const unsigned char ev[12] = {1};

	CALL(__NR_epoll_ctl, -EPERM, 5, 2, 3, UP);
	rn_recbuild__item(&b, 3, 0, 0, ev, sizeof(ev));
	EXPECT("epoll_ctl(5, EPOLL_CTL_DEL, 3, 0x7ffc0000a000) = -1 EPERM (Operation not "
	       "permitted)");
	CALL(__NR_epoll_ctl, -EPERM, 5, 1, 3, UP);
	rn_recbuild__item(&b, 3, 0, 0, ev, sizeof(ev));
	EXPECT("epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN, data={u32=0, u64=0}}) = -1 EPERM "
	       "(Operation not permitted)");
}

Test(unit_format_hunt, pselect6_prints_the_signal_mask_it_points_to)
{
	const uint64_t pair[2] = {UP + 128, 8}, usr1 = 1u << 9, ts[2] = {0, 1000};
	const uint64_t nullset[2] = {0, 8};

	CALL(__NR_pselect6, 0, 0, 0, 0, 0, UP, UP + 64);
	rn_recbuild__enter_item(&b, 4, 0, 0, ts, sizeof(ts));
	rn_recbuild__enter_item(&b, 5, 0, 0, pair, sizeof(pair));
	rn_recbuild__enter_item(&b, 5, 1, 0, &usr1, sizeof(usr1));
	EXPECT("pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=1000}, {sigmask=[USR1], "
	       "sigsetsize=8}) = 0 (Timeout)");
	CALL(__NR_pselect6, 0, 0, 0, 0, 0, UP, UP + 64);
	rn_recbuild__enter_item(&b, 4, 0, 0, ts, sizeof(ts));
	rn_recbuild__enter_item(&b, 5, 0, 0, nullset, sizeof(nullset));
	EXPECT("pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=1000}, {sigmask=NULL, "
	       "sigsetsize=8}) = 0 (Timeout)");
}

Test(unit_format_hunt, pkey_alloc_names_the_access_rights)
{
	CALL(__NR_pkey_alloc, -EINVAL, 0, 1);
	EXPECT("pkey_alloc(0, PKEY_DISABLE_ACCESS) = -1 EINVAL (Invalid argument)");
	CALL(__NR_pkey_alloc, -ENOSPC, 0, 3);
	EXPECT("pkey_alloc(0, PKEY_DISABLE_ACCESS|PKEY_DISABLE_WRITE) = -1 ENOSPC (No space left "
	       "on device)");
	CALL(__NR_pkey_alloc, -ENOSPC, 0, 0);
	EXPECT("pkey_alloc(0, 0) = -1 ENOSPC (No space left on device)");
}

Test(unit_format_hunt, statfs_flags_print_st_valid_first)
{
	unsigned char st[120] = {0};
	const uint64_t flags = 32 | 1 | 2 | 4 | 4096;

	memcpy(st + 80, &flags, 8);
	CALL(__NR_statfs, 0, UP, UP + 64);
	rn_recbuild__str(&b, 0, "/");
	rn_recbuild__item(&b, 1, 0, 0, st, sizeof(st));
	cr_assert(strstr(line(), "f_flags=ST_VALID|ST_RDONLY|ST_NOSUID|ST_NODEV|ST_RELATIME}"),
		  "%s", sb.buf);
}

Test(unit_format_hunt, netlink_sockets_name_their_protocol_and_options)
{
	const int one = 1;

	CALL(__NR_socket, 3, 16, 3 | 02000000, 0);
	EXPECT("socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3");
	CALL(__NR_setsockopt, 0, 3, 270, 11, UP, 4);
	rn_recbuild__item(&b, 3, 0, 0, &one, sizeof(one));
	EXPECT("setsockopt(3, SOL_NETLINK, NETLINK_EXT_ACK, [1], 4) = 0");
}

Test(unit_format_hunt, signalfd4_unknown_flags_get_strace_comment)
{
	const uint64_t usr2 = 1u << 11;

	CALL(__NR_signalfd4, -EINVAL, (uint64_t)-1, UP, 8, 8);
	rn_recbuild__enter_item(&b, 1, 0, 0, &usr2, sizeof(usr2));
	EXPECT("signalfd4(-1, [USR2], 8, 0x8 /* SFD_??? */) = -1 EINVAL (Invalid argument)");
}

Test(unit_format_hunt, timer_signal_prints_its_timer_and_value)
{
	struct rn_sig_rec s = {.signo = 14, .code = -2};

	cr_assert_str_eq(signal_line(&s), "--- SIGALRM {si_signo=SIGALRM, si_code=SI_TIMER, "
					  "si_timerid=0, si_overrun=0, si_int=0, si_ptr=NULL} ---");
	s = (struct rn_sig_rec){.signo = 12, .code = -1, .pid = 16848, .status = 7, .addr = 7};
	cr_assert_str_eq(signal_line(&s),
			 "--- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_QUEUE, si_pid=16848, si_uid=0, "
			 "si_int=7, si_ptr=0x7} ---");
}

Test(unit_format_hunt, sigchld_prints_the_child_cpu_time_in_ticks)
{
	struct rn_sig_rec s = {.signo = 17, .code = 1, .pid = 16498, .addr = 1 | 4ull << 32};

	cr_assert_str_eq(
	    signal_line(&s),
	    "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=16498, si_uid=0, "
	    "si_status=0, si_utime=1 /* 0.01 s */, si_stime=4 /* 0.04 s */} ---");
}

Test(unit_format_hunt, iovec_with_a_null_base_prints_null)
{
	const uint64_t iov[2] = {0, 0};

	CALL(__NR_readv, 0, 3, UP, 1);
	rn_recbuild__item(&b, 1, 0, 0, iov, sizeof(iov));
	rn_recbuild__item(&b, 1, 1, 0, "", 0);
	EXPECT("readv(3, [{iov_base=NULL, iov_len=0}], 1) = 0");
}

/* A struct user_msghdr with only msg_control set, and its control bytes as BPF captures them. */
static void msghdr_with_control(int nr, int64_t ret, const void *ctl, uint32_t len)
{
	uint64_t mh[7] = {0};

	mh[4] = UP + 256; /* msg_control */
	mh[5] = len;	  /* msg_controllen */
	CALL(nr, ret, 3, UP, 0);
	rn_recbuild__item(&b, 1, 0, 0, mh, sizeof(mh));
	rn_recbuild__item(&b, 1, RN_MSG_CONTROL_IDX, 0, ctl, len);
}

Test(unit_format_hunt, msg_control_prints_rights_and_credentials)
{
	const uint32_t rights[6] = {20, 0, 1, 1, 5, 0};
	const uint32_t creds[8] = {28, 0, 1, 2, 11749, 0, 0, 0};

	msghdr_with_control(__NR_sendmsg, 0, rights, sizeof(rights));
	EXPECT("sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, "
	       "msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, "
	       "cmsg_data=[5]}], msg_controllen=24, msg_flags=0}, 0) = 0");
	msghdr_with_control(__NR_recvmsg, 0, creds, sizeof(creds));
	EXPECT("recvmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, "
	       "msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, "
	       "cmsg_data={pid=11749, uid=0, gid=0}}], msg_controllen=32, msg_flags=0}, 0) = 0");
}

Test(unit_format_hunt, recvmsg_prints_msg_namelen_as_passed_and_as_returned)
{
	uint64_t in[7] = {0}, out[7] = {0};

	in[0] = out[0] = UP + 512; /* msg_name */
	in[1] = 110;
	out[1] = 0;
	CALL(__NR_recvmsg, 1, 4, UP, 0);
	rn_recbuild__enter_item(&b, 1, 0, 0, in, sizeof(in));
	rn_recbuild__item(&b, 1, 0, 0, out, sizeof(out));
	EXPECT("recvmsg(4, {msg_name=0x7ffc0000a200, msg_namelen=110 => 0, msg_iov=NULL, "
	       "msg_iovlen=0, msg_controllen=0, msg_flags=0}, 0) = 1");
	in[1] = out[1] = 12;
	CALL(__NR_recvmsg, 1, 4, UP, 0);
	rn_recbuild__enter_item(&b, 1, 0, 0, in, sizeof(in));
	rn_recbuild__item(&b, 1, 0, 0, out, sizeof(out));
	EXPECT("recvmsg(4, {msg_name=0x7ffc0000a200, msg_namelen=12, msg_iov=NULL, msg_iovlen=0, "
	       "msg_controllen=0, msg_flags=0}, 0) = 1");
}

Test(unit_format_hunt, times_dates_each_clock_in_seconds)
{
	const uint64_t t[4] = {6, 4, 0, 150};

	CALL(__NR_times, 1722216226, UP);
	rn_recbuild__item(&b, 0, 0, 0, t, sizeof(t));
	EXPECT("times({tms_utime=6 /* 0.06 s */, tms_stime=4 /* 0.04 s */, tms_cutime=0, "
	       "tms_cstime=150 /* 1.50 s */}) = 1722216226");
}
