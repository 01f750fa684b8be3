// SPDX-License-Identifier: MIT
/*
 * strace parity, decoding batch 2 (issue 17): structs (fcntl locks, ioctls, socket options,
 * value-result lengths) and the calls that printed raw words. Each test builds a record as
 * BPF would and expects the line strace 6.1 printed for the same call on this machine
 * (tests/fixtures/decode_batch2.c makes most of these calls).
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

struct flock_k {
	int16_t type, whence;
	int32_t pad;
	int64_t start, len;
	int32_t pid, pad2;
};

Test(unit_format_batch2, fcntl_setlk_prints_the_flock)
{
	struct flock_k fl = {.type = 0, .whence = 0, .start = 1073741824, .len = 1};

	CALL(__NR_fcntl, 0, 3, 6, UP);
	rn_recbuild__item(&b, 2, 0, 0, &fl, sizeof(fl));
	EXPECT("fcntl(3, F_SETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=1073741824, "
	       "l_len=1}) = 0");
	fl.type = 1;
	fl.len = 510;
	CALL(__NR_fcntl, -EAGAIN, 10, 7, UP);
	rn_recbuild__item(&b, 2, 0, 0, &fl, sizeof(fl));
	EXPECT("fcntl(10, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=1073741824, "
	       "l_len=510}) = -1 EAGAIN (Resource temporarily unavailable)");
	fl.type = 2;
	CALL(__NR_fcntl, 0, 10, 37, UP);
	rn_recbuild__item(&b, 2, 0, 0, &fl, sizeof(fl));
	EXPECT("fcntl(10, F_OFD_SETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=1073741824, "
	       "l_len=510}) = 0");
}

Test(unit_format_batch2, fcntl_getlk_prints_the_lock_found_with_its_pid_or_the_pointer)
{
	struct flock_k fl = {.type = 2, .whence = 0, .start = 1073741824, .len = 510, .pid = 0};

	CALL(__NR_fcntl, 0, 10, 5, UP);
	rn_recbuild__item(&b, 2, 0, 0, &fl, sizeof(fl));
	EXPECT("fcntl(10, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=1073741824, "
	       "l_len=510, l_pid=0}) = 0");
	CALL(__NR_fcntl, -EINVAL, 10, 5, UP);
	rn_recbuild__item(&b, 2, 0, 0, &fl, sizeof(fl));
	EXPECT("fcntl(10, F_GETLK, 0x7ffc0000a000) = -1 EINVAL (Invalid argument)");
}

Test(unit_format_batch2, ioctl_ficlone_prints_both_names_and_the_source_fd)
{
	CALL(__NR_ioctl, -EOPNOTSUPP, 4, 0x40049409, 3);
	EXPECT("ioctl(4, BTRFS_IOC_CLONE or FICLONE, 3) = -1 EOPNOTSUPP (Operation not supported)");
}

Test(unit_format_batch2, ioctl_tcgets_and_tcsets_print_the_termios_flags)
{
	const uint32_t t[9] = {02400, 05, 0277, 0105073};

	CALL(__NR_ioctl, 0, 0, 0x5401, UP);
	rn_recbuild__item(&b, 2, 0, 0, t, sizeof(t));
	EXPECT(
	    "ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
	    "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, "
	    "...}) = 0");
	CALL(__NR_ioctl, 0, 0, 0x5403, UP);
	rn_recbuild__item(&b, 2, 0, 0, t, sizeof(t));
	EXPECT("ioctl(0, SNDCTL_TMR_STOP or TCSETSW, {c_iflag=ICRNL|IXON, "
	       "c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, "
	       "c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}) = 0");
	CALL(__NR_ioctl, -ENOTTY, 10, 0x5401, UP);
	EXPECT("ioctl(10, TCGETS, 0x7ffc0000a000) = -1 ENOTTY (Inappropriate ioctl for device)");
}

Test(unit_format_batch2, ioctl_int_and_flag_arguments_print_as_strace)
{
	CALL(__NR_ioctl, 0, 10, 0x80086601, UP);
	rn_recbuild__u32(&b, 2, 0, 0x80000);
	EXPECT("ioctl(10, FS_IOC_GETFLAGS, [FS_EXTENT_FL]) = 0");
	CALL(__NR_ioctl, 0, 0, 0x540b, 0);
	EXPECT("ioctl(0, TCFLSH, TCIFLUSH) = 0");
	CALL(__NR_ioctl, 0, 10, 0x541b, UP);
	rn_recbuild__u32(&b, 2, 0, 0);
	EXPECT("ioctl(10, FIONREAD, [0]) = 0");
	CALL(__NR_ioctl, -EBADF, -1, 0x5412, 0);
	EXPECT("ioctl(-1, TIOCSTI, NULL) = -1 EBADF (Bad file descriptor)");
	CALL(__NR_ioctl, -EBADF, -1, 0x5441, 0);
	EXPECT("ioctl(-1, TIOCGPTPEER, 0) = -1 EBADF (Bad file descriptor)");
	CALL(__NR_ioctl, -EBADF, -1, 0x12345678, 0);
	EXPECT(
	    "ioctl(-1, _IOC(_IOC_NONE, 0x56, 0x78, 0x1234), 0) = -1 EBADF (Bad file descriptor)");
	CALL(__NR_ioctl, 0, 3, 0x5451, 0);
	EXPECT("ioctl(3, FIOCLEX) = 0");
}

Test(unit_format_batch2, socket_lengths_print_value_result_as_strace)
{
	const unsigned char sin[16] = {2, 0, 0x1f, 0x90, 127, 0, 0, 1};

	CALL(__NR_getsockname, 0, 30, UP, UP + 128);
	rn_recbuild__enter_item(&b, 2, 0, 0, &(uint32_t){128}, 4);
	rn_recbuild__item(&b, 1, 0, 0, sin, sizeof(sin));
	rn_recbuild__u32(&b, 2, 0, 16);
	EXPECT("getsockname(30, {sa_family=AF_INET, sin_port=htons(8080), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16]) = 0");
	CALL(__NR_getsockopt, 0, 31, 1, 3, UP, UP + 8);
	rn_recbuild__enter_item(&b, 4, 0, 0, &(uint32_t){4}, 4);
	rn_recbuild__u32(&b, 3, 0, 1);
	rn_recbuild__u32(&b, 4, 0, 4);
	EXPECT("getsockopt(31, SOL_SOCKET, SO_TYPE, [1], [4]) = 0");
	CALL(__NR_accept4, -EAGAIN, 3, UP, UP + 128, 02000000);
	rn_recbuild__enter_item(&b, 2, 0, 0, &(uint32_t){128}, 4);
	EXPECT("accept4(3, 0x7ffc0000a000, [128], SOCK_CLOEXEC) = -1 EAGAIN (Resource temporarily "
	       "unavailable)");
	CALL(__NR_recvfrom, 4, 32, UP, 8, 0, UP + 64, UP + 192);
	rn_recbuild__str(&b, 1, "ping");
	rn_recbuild__enter_item(&b, 5, 0, 0, &(uint32_t){128}, 4);
	rn_recbuild__item(&b, 4, 0, 0, sin, 0);
	rn_recbuild__u32(&b, 5, 0, 0);
	EXPECT("recvfrom(32, \"ping\", 8, 0, 0x7ffc0000a040, [128 => 0]) = 4");
}

Test(unit_format_batch2, socket_options_are_named_by_level)
{
	CALL(__NR_setsockopt, 0, 31, 6, 1, UP, 4);
	rn_recbuild__u32(&b, 3, 0, 1);
	EXPECT("setsockopt(31, SOL_TCP, TCP_NODELAY, [1], 4) = 0");
	CALL(__NR_setsockopt, 0, 31, 0, 1, UP, 4);
	rn_recbuild__u32(&b, 3, 0, 1);
	EXPECT("setsockopt(31, SOL_IP, IP_TOS, [1], 4) = 0");
	CALL(__NR_setsockopt, 0, 31, 41, 26, UP, 4);
	rn_recbuild__u32(&b, 3, 0, 0);
	EXPECT("setsockopt(31, SOL_IPV6, IPV6_V6ONLY, [0], 4) = 0");
}

Test(unit_format_batch2, sigevent_prints_the_fields_of_its_notify)
{
	/* sigev_value, sigev_signo, sigev_notify, then the union (thread id or function) */
	const uint32_t sig[8] = {7, 0, 10, 0};
	const uint32_t tid[8] = {0, 0, 34, 4, 5499};
	const uint32_t thr[8] = {0x1234, 0, 0, 2, 0x4000};
	const int32_t id = 0;

	CALL(__NR_timer_create, 0, 1, UP, UP + 64);
	rn_recbuild__item(&b, 1, 0, 0, sig, sizeof(sig));
	rn_recbuild__item(&b, 2, 0, 0, &id, sizeof(id));
	EXPECT("timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=7, sival_ptr=0x7}, "
	       "sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}, [0]) = 0");
	CALL(__NR_timer_create, 0, 1, UP, UP + 64);
	rn_recbuild__item(&b, 1, 0, 0, tid, sizeof(tid));
	rn_recbuild__item(&b, 2, 0, 0, &id, sizeof(id));
	EXPECT("timer_create(CLOCK_MONOTONIC, {sigev_signo=SIGRT_2, sigev_notify=SIGEV_THREAD_ID, "
	       "sigev_notify_thread_id=5499}, [0]) = 0");
	CALL(__NR_mq_notify, -EBADF, 99, UP);
	rn_recbuild__item(&b, 1, 0, 0, thr, sizeof(thr));
	EXPECT("mq_notify(99, {sigev_value={sival_int=4660, sival_ptr=0x1234}, sigev_signo=0, "
	       "sigev_notify=SIGEV_THREAD, sigev_notify_function=0x4000, "
	       "sigev_notify_attributes=NULL}) = -1 EBADF (Bad file descriptor)");
}

Test(unit_format_batch2, so_linger_prints_its_struct)
{
	const int32_t linger[2] = {1, 5};

	CALL(__NR_setsockopt, 0, 3, 1, 13, UP, 8);
	rn_recbuild__item(&b, 3, 0, 0, linger, sizeof(linger));
	EXPECT("setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0");
}

Test(unit_format_batch2, select_returning_ready_fds_prints_them_and_the_time_left)
{
	const unsigned char set[5] = {0, 0, 0, 0, 1}; /* fd 32 */
	const int64_t tv_in[2] = {1, 0}, tv_out[2] = {0, 999996824};

	CALL(__NR_pselect6, 1, 33, UP, 0, 0, UP + 64, 0);
	rn_recbuild__enter_item(&b, 1, 0, 0, set, sizeof(set));
	rn_recbuild__enter_item(&b, 4, 0, 0, tv_in, sizeof(tv_in));
	rn_recbuild__item(&b, 1, 0, 0, set, sizeof(set));
	rn_recbuild__item(&b, 4, 0, 0, tv_out, sizeof(tv_out));
	EXPECT("pselect6(33, [32], NULL, NULL, {tv_sec=1, tv_nsec=0}, NULL) = 1 (in [32], left "
	       "{tv_sec=0, tv_nsec=999996824})");
	CALL(__NR_select, 2, 33, UP, UP + 8, 0, 0);
	rn_recbuild__enter_item(&b, 1, 0, 0, set, sizeof(set));
	rn_recbuild__enter_item(&b, 2, 0, 0, set, sizeof(set));
	rn_recbuild__item(&b, 1, 0, 0, set, sizeof(set));
	rn_recbuild__item(&b, 2, 0, 0, set, sizeof(set));
	EXPECT("select(33, [32], [32], NULL, NULL) = 2 (in [32], out [32])");
}

Test(unit_format_batch2, capget_prints_the_header_and_the_sets)
{
	const uint32_t hdr[2] = {0x20080522, 0};
	const uint32_t data[6] = {0x21, 0x21, 0, 0x1, 0, 0}; /* CHOWN, KILL; MAC_OVERRIDE */

	CALL(__NR_capget, 0, UP, UP + 64);
	rn_recbuild__item(&b, 0, 0, 0, hdr, sizeof(hdr));
	rn_recbuild__item(&b, 1, 0, 0, data, sizeof(data));
	EXPECT("capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, "
	       "{effective=1<<CAP_CHOWN|1<<CAP_KILL|1<<CAP_MAC_OVERRIDE, "
	       "permitted=1<<CAP_CHOWN|1<<CAP_KILL, inheritable=0}) = 0");
	CALL(__NR_capget, -EFAULT, 0, 0);
	EXPECT("capget(NULL, NULL) = -1 EFAULT (Bad address)");
}

Test(unit_format_batch2, mount_and_openat2_print_flags_and_open_how)
{
	const uint64_t how[3] = {02000000, 0, 4};

	CALL(__NR_mount, -ENOENT, UP, UP + 64, UP + 128, 3, 0);
	rn_recbuild__str(&b, 0, "none");
	rn_recbuild__str(&b, 1, "/nonexistent-renacer");
	rn_recbuild__str(&b, 2, "tmpfs");
	EXPECT(
	    "mount(\"none\", \"/nonexistent-renacer\", \"tmpfs\", MS_RDONLY|MS_NOSUID, NULL) = -1 "
	    "ENOENT (No such file or directory)");
	CALL(__NR_openat2, 3, (uint32_t)-100, UP, UP + 64, 24);
	rn_recbuild__str(&b, 1, "/tmp/x");
	rn_recbuild__item(&b, 2, 0, 0, how, sizeof(how));
	EXPECT("openat2(AT_FDCWD, \"/tmp/x\", {flags=O_RDONLY|O_CLOEXEC, "
	       "resolve=RESOLVE_NO_SYMLINKS}, 24) = 3");
}

Test(unit_format_batch2, ptrace_seccomp_bpf_keyctl_print_their_commands)
{
	CALL(__NR_ptrace, -ESRCH, 0x4206, 0x7fffffff, 0, 0);
	EXPECT("ptrace(PTRACE_SEIZE, 2147483647, NULL, 0) = -1 ESRCH (No such process)");
	CALL(__NR_ptrace, -ESRCH, 7, 0x7fffffff, 0, 9);
	EXPECT("ptrace(PTRACE_CONT, 2147483647, NULL, SIGKILL) = -1 ESRCH (No such process)");
	CALL(__NR_seccomp, 0, 2, 0, UP);
	rn_recbuild__u32(&b, 2, 0, 0x7fff0000);
	EXPECT("seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_ALLOW]) = 0");
	CALL(__NR_bpf, -EINVAL, 0, 0, 0);
	EXPECT("bpf(BPF_MAP_CREATE, NULL, 0) = -1 EINVAL (Invalid argument)");
	CALL(__NR_keyctl, 880826493, 0, (uint32_t)-3, 0);
	EXPECT("keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0) = 880826493");
	CALL(__NR_keyctl, -ENOKEY, 11, 0, 0, 0);
	EXPECT("keyctl(KEYCTL_READ, 0, NULL, 0) = -1 ENOKEY (Required key not available)");
}

Test(unit_format_batch2, fanotify_quotactl_io_uring_sched_attr_print_as_strace)
{
	const uint32_t attr[14] = {56, 0, 0, 0, 0, 0, 1400000};

	CALL(__NR_fanotify_init, 3, 5, 2);
	EXPECT("fanotify_init(FAN_CLASS_CONTENT|FAN_CLOEXEC, O_RDWR) = 3");
	CALL(__NR_fanotify_mark, -EBADF, (uint32_t)-1, 1, 8, (uint32_t)-100, UP);
	rn_recbuild__str(&b, 4, "/");
	EXPECT("fanotify_mark(-1, FAN_MARK_ADD, FAN_CLOSE_WRITE, AT_FDCWD, \"/\") = -1 EBADF (Bad "
	       "file descriptor)");
	CALL(__NR_quotactl, -ENOENT, 0x80000700, UP, 0, 0);
	rn_recbuild__str(&b, 1, "/x");
	EXPECT("quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"/x\", 0, NULL) = -1 ENOENT (No such file or "
	       "directory)");
	CALL(__NR_io_uring_enter, -EBADF, (uint32_t)-1, 1, 0, 1, 0, 8);
	EXPECT("io_uring_enter(-1, 1, 0, IORING_ENTER_GETEVENTS, NULL, 8) = -1 EBADF (Bad file "
	       "descriptor)");
	CALL(__NR_sched_getattr, 0, 0, UP, 56, 0);
	rn_recbuild__item(&b, 1, 0, 0, attr, sizeof(attr));
	EXPECT("sched_getattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, "
	       "sched_priority=0, sched_runtime=1400000, sched_deadline=0, sched_period=0, "
	       "sched_util_min=0, sched_util_max=0}, 56, 0) = 0");
}

Test(unit_format_batch2, calls_that_printed_raw_words_print_their_arguments)
{
	CALL(__NR_sync, 0, 0);
	EXPECT("sync() = 0");
	CALL(__NR_unshare, 0, 0x20000000);
	EXPECT("unshare(CLONE_NEWPID) = 0");
	CALL(__NR_mlockall, -EINVAL, 0x10);
	EXPECT("mlockall(0x10 /* MCL_??? */) = -1 EINVAL (Invalid argument)");
	CALL(__NR_mknodat, -ENOENT, (uint32_t)-100, UP, 010644, 0);
	rn_recbuild__str(&b, 1, "f");
	EXPECT("mknodat(AT_FDCWD, \"f\", S_IFIFO|0644) = -1 ENOENT (No such file or directory)");
	CALL(__NR_mknodat, -ENOENT, (uint32_t)-100, UP, 020600, 0x103);
	rn_recbuild__str(&b, 1, "c");
	EXPECT(
	    "mknodat(AT_FDCWD, \"c\", S_IFCHR|0600, makedev(0x1, 0x3)) = -1 ENOENT (No such file "
	    "or directory)");
	CALL(__NR_msync, -ENOMEM, 0x1000, 4096, 4);
	EXPECT("msync(0x1000, 4096, MS_SYNC) = -1 ENOMEM (Cannot allocate memory)");
}

Test(unit_format_batch2, io_uring_setup_prints_what_was_asked_and_what_the_kernel_filled_in)
{
	uint32_t p[30] = {8, 16, 0, 0, 0, 0x3ffff};
	const uint32_t sq[7] = {0, 4, 16, 24, 36, 32, 320}, cq[7] = {8, 12, 20, 28, 44, 64, 40};

	memcpy(p + 10, sq, sizeof(sq));
	memcpy(p + 20, cq, sizeof(cq));
	CALL(__NR_io_uring_setup, 3, 8, UP);
	rn_recbuild__item(&b, 1, 0, 0, p, sizeof(p));
	EXPECT("io_uring_setup(8, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=8, "
	       "cq_entries=16, features=IORING_FEAT_SINGLE_MMAP|IORING_FEAT_NODROP|"
	       "IORING_FEAT_SUBMIT_STABLE|IORING_FEAT_RW_CUR_POS|IORING_FEAT_CUR_PERSONALITY|"
	       "IORING_FEAT_FAST_POLL|IORING_FEAT_POLL_32BITS|IORING_FEAT_SQPOLL_NONFIXED|"
	       "IORING_FEAT_EXT_ARG|IORING_FEAT_NATIVE_WORKERS|IORING_FEAT_RSRC_TAGS|"
	       "IORING_FEAT_CQE_SKIP|IORING_FEAT_LINKED_FILE|0x3e000, sq_off={head=0, tail=4, "
	       "ring_mask=16, ring_entries=24, flags=36, dropped=32, array=320}, cq_off={head=8, "
	       "tail=12, ring_mask=20, ring_entries=28, overflow=44, cqes=64, flags=40}}) = 3");
	memset(p, 0, sizeof(p));
	p[2] = 0x80000000;
	CALL(__NR_io_uring_setup, -EINVAL, 4, UP);
	rn_recbuild__item(&b, 1, 0, 0, p, sizeof(p));
	EXPECT("io_uring_setup(4, {flags=0x80000000 /* IORING_SETUP_??? */, sq_thread_cpu=0, "
	       "sq_thread_idle=0}) = -1 EINVAL (Invalid argument)");
}

Test(unit_format_batch2, bpf_prints_the_attributes_of_the_common_commands)
{
	unsigned char a[144] = {0};
	const uint32_t mc[4] = {2, 4, 8, 4};
	const uint64_t elem[4] = {3, UP + 0x4c, UP + 0x40, 0};
	const uint32_t link[4] = {4, 0, 0, 0};

	memcpy(a, mc, sizeof(mc));
	memcpy(a + 28, "rn_test", 7);
	CALL(__NR_bpf, 3, 0, UP, 144);
	rn_recbuild__item(&b, 1, 0, 0, a, sizeof(a));
	EXPECT("bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, "
	       "max_entries=4, map_flags=0, inner_map_fd=0, map_name=\"rn_test\", map_ifindex=0, "
	       "btf_fd=0, btf_key_type_id=0, btf_value_type_id=0, btf_vmlinux_value_type_id=0, "
	       "map_extra=0}, 144) = 3");
	CALL(__NR_bpf, 0, 2, UP, 144);
	rn_recbuild__item(&b, 1, 0, 0, elem, sizeof(elem));
	EXPECT("bpf(BPF_MAP_UPDATE_ELEM, {map_fd=3, key=0x7ffc0000a04c, value=0x7ffc0000a040, "
	       "flags=BPF_ANY}, 144) = 0");
	CALL(__NR_bpf, -EINVAL, 28, UP, 144);
	rn_recbuild__item(&b, 1, 0, 0, link, sizeof(link));
	EXPECT(
	    "bpf(BPF_LINK_CREATE, {link_create={prog_fd=4, target_fd=0, "
	    "attach_type=BPF_CGROUP_INET_INGRESS, flags=0}}, 144) = -1 EINVAL (Invalid argument)");
}

/* ip, ifconfig and getifaddrs users ask SIOCGIF*: struct ifreq's name, then the field read back. */
Test(unit_format_batch2, ioctl_siocgif_prints_the_ifreq_as_strace)
{
	unsigned char ifr[36] = {'l', 'o'};
	unsigned char in[36] = {'e', 't', 'h', '0'};

	ifr[16] = 0xe8; /* ifr_qlen = 1000 */
	ifr[17] = 0x03;
	CALL(__NR_ioctl, 0, 3, 0x8942, 0x1000);
	rn_recbuild__item(&b, 2, 0, 0, ifr, sizeof(ifr));
	EXPECT("ioctl(3, SIOCGIFTXQLEN, {ifr_name=\"lo\", ifr_qlen=1000}) = 0");
	CALL(__NR_ioctl, -19, 3, 0x8933, 0x1000);
	rn_recbuild__item(&b, 2, 0, 0, ifr, sizeof(ifr));
	EXPECT("ioctl(3, SIOCGIFINDEX, {ifr_name=\"lo\"}) = -1 ENODEV (No such device)");
	in[16] = 2; /* ifr_addr: AF_INET 192.0.2.255 */
	in[20] = 192;
	in[22] = 2;
	in[23] = 255;
	CALL(__NR_ioctl, 0, 3, 0x8919, 0x1000);
	rn_recbuild__item(&b, 2, 0, 0, in, sizeof(in));
	EXPECT("ioctl(3, SIOCGIFBRDADDR, {ifr_name=\"eth0\", ifr_broadaddr={sa_family=AF_INET, "
	       "sin_port=htons(0), sin_addr=inet_addr(\"192.0.2.255\")}}) = 0");
	in[16] = 1; /* ifr_hwaddr: ARPHRD_ETHER 02:fc:00:00:00:01 */
	in[17] = 0;
	in[18] = 0x02;
	in[19] = 0xfc;
	in[20] = 0;
	in[22] = 0;
	in[23] = 1;
	CALL(__NR_ioctl, 0, 3, 0x8927, 0x1000);
	rn_recbuild__item(&b, 2, 0, 0, in, sizeof(in));
	EXPECT("ioctl(3, SIOCGIFHWADDR, {ifr_name=\"eth0\", ifr_hwaddr={sa_family=ARPHRD_ETHER, "
	       "sa_data=02:fc:00:00:00:01}}) = 0");
	in[16] = 0x43; /* ifr_flags: IFF_UP|IFF_BROADCAST|IFF_RUNNING|IFF_MULTICAST */
	in[17] = 0x10;
	CALL(__NR_ioctl, 0, 3, 0x8913, 0x1000);
	rn_recbuild__item(&b, 2, 0, 0, in, sizeof(in));
	EXPECT("ioctl(3, SIOCGIFFLAGS, {ifr_name=\"eth0\", "
	       "ifr_flags=IFF_UP|IFF_BROADCAST|IFF_RUNNING|IFF_MULTICAST}) = 0");
}
