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

#include "format.h"
#include "recbuild.h"

static struct rn_recbuild b;
static struct rn_strbuf sb;

static void init(int nr, int64_t ret, __u64 a0, __u64 a1, __u64 a2, __u64 a3, __u64 a4, __u64 a5)
{
	const __u64 args[6] = {a0, a1, a2, a3, a4, a5};

	rn_recbuild__init(&b, nr, ret, args);
}

#define SYS_(nr, ret, a0, a1, a2, a3, a4, a5, ...) init(nr, ret, a0, a1, a2, a3, a4, a5)
#define CALL(nr, ret, ...)			   SYS_(nr, ret, __VA_ARGS__, 0, 0, 0, 0, 0, 0)

static const char *line(void)
{
	struct rn_fmt_opts o = {.strsize = 32};
	struct rn_event ev = rn_recbuild__event(&b);

	rn_strbuf__reset(&sb);
	rn_format__call(&sb, &ev, &o);
	rn_strbuf__putc(&sb, ' ');
	rn_format__result(&sb, &ev, &o);
	return sb.buf;
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
