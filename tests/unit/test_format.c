// SPDX-License-Identifier: MIT
/* Each test builds a record as BPF would and expects the line strace 6.1 printed for it. */
#include <criterion/criterion.h>
#include <errno.h>
#include <sys/syscall.h>

#include "fmtline.h"

#define SYS(nr, ret, ...) init(nr, ret, __VA_ARGS__, 0, 0, 0, 0, 0, 0)

static const char *line_s(unsigned strsize)
{
	return line_o(&(struct rn_fmt_opts){.strsize = strsize});
}

static const char *line(void)
{
	return line_s(32);
}

#define EXPECT(s) cr_assert_str_eq(line(), s)

Test(unit_format, openat_flags_by_name)
{
	CALL(__NR_openat, 3, -100, 0x1000, 02000000);
	rn_recbuild__str(&b, 1, "/etc/ld.so.cache");
	EXPECT("openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3");
}

Test(unit_format, openat_prints_mode_only_with_o_creat)
{
	CALL(__NR_openat, 3, -100, 0x1000, 01 | 0100 | 01000 | 02000, 0644);
	rn_recbuild__str(&b, 1, "/tmp/dec/t/out");
	EXPECT("openat(AT_FDCWD, \"/tmp/dec/t/out\", O_WRONLY|O_CREAT|O_TRUNC|O_APPEND, 0644) = 3");
}

Test(unit_format, unknown_flag_bits_in_hex)
{
	CALL(__NR_openat, 3, -100, 0x1000, 0x40000000);
	rn_recbuild__str(&b, 1, "/etc/passwd");
	EXPECT("openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|0x40000000) = 3");
}

Test(unit_format, failed_call_prints_errno_name_and_text)
{
	CALL(__NR_openat, -2, -100, 0x1000, 02000000);
	rn_recbuild__str(&b, 1, "/usr/lib/locale/locale-archive");
	EXPECT("openat(AT_FDCWD, \"/usr/lib/locale/locale-archive\", O_RDONLY|O_CLOEXEC) = -1 "
	       "ENOENT (No such file or directory)");
}

Test(unit_format, access_mode_names)
{
	CALL(__NR_access, -2, 0x1000, 4);
	rn_recbuild__str(&b, 0, "/etc/ld.so.preload");
	EXPECT("access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)");
	CALL(__NR_access, 0, 0x1000, 7);
	rn_recbuild__str(&b, 0, "/etc");
	EXPECT("access(\"/etc\", R_OK|W_OK|X_OK) = 0");
	CALL(__NR_faccessat2, -2, 3, 0x1000, 4, 0x300);
	rn_recbuild__str(&b, 1, "/x");
	EXPECT("faccessat2(3, \"/x\", R_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS) = -1 ENOENT (No such "
	       "file or directory)");
}

Test(unit_format, read_binary_data_octal_escapes_and_dots)
{
	static const unsigned char elf[32] = {0x7f, 'E', 'L',  'F', 2, 1, 1, 3,	  0, 0, 0,
					      0,    0,	 0,    0,   0, 3, 0, '>', 0, 1, 0,
					      0,    0,	 0x10, 't', 2, 0, 0, 0,	  0, 0};

	CALL(__NR_read, 832, 3, 0x7ffc0000, 832);
	rn_recbuild__item(&b, 1, 0, 0, elf, sizeof(elf));
	EXPECT(
	    "read(3, \"\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0\\20t\\2"
	    "\\0\\0\\0\\0\\0\"..., 832) = 832");
}

Test(unit_format, write_escapes_like_strace)
{
	static const char data[] = "hello\n\t\"\\\x01\x7f\xff"
				   "0a\0b";

	CALL(__NR_write, 17, 3, 0x1000, 17);
	rn_recbuild__item(&b, 1, 0, 0, data, 17);
	EXPECT("write(3, \"hello\\n\\t\\\"\\\\\\1\\177\\3770a\\0b\\0\", 17) = 17");
	CALL(__NR_write, 6, 3, 0x1000, 6);
	rn_recbuild__item(&b, 1, 0, 0, "\1\0012\3777\n", 6);
	EXPECT("write(3, \"\\1\\0012\\3777\\n\", 6) = 6");
}

Test(unit_format, write_truncates_at_strsize)
{
	const char *s = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF";

	CALL(__NR_write, 42, 3, 0x1000, 42);
	rn_recbuild__item(&b, 1, 0, RN_IF_TRUNC, s, 32);
	EXPECT("write(3, \"abcdefghijklmnopqrstuvwxyz012345\"..., 42) = 42");
	CALL(__NR_write, 32, 3, 0x1000, 32);
	rn_recbuild__item(&b, 1, 0, 0, s, 32);
	EXPECT("write(3, \"abcdefghijklmnopqrstuvwxyz012345\", 32) = 32");
	CALL(__NR_write, 33, 3, 0x1000, 33);
	rn_recbuild__item(&b, 1, 0, RN_IF_TRUNC, s, 32);
	EXPECT("write(3, \"abcdefghijklmnopqrstuvwxyz012345\"..., 33) = 33");
	CALL(__NR_write, 17, 3, 0x1000, 17);
	rn_recbuild__item(&b, 1, 0, 0, "hello\n\t\"\\\x01\x7f\xff", 12);
	cr_assert_str_eq(line_s(8), "write(3, \"hello\\n\\t\\\"\"..., 17) = 17");
}

Test(unit_format, faulted_buffer_prints_pointer)
{
	CALL(__NR_write, -14, 3, 1, 5);
	rn_recbuild__item(&b, 1, 0, RN_IF_FAULT, NULL, 0);
	EXPECT("write(3, 0x1, 5) = -1 EFAULT (Bad address)");
}

Test(unit_format, failed_read_prints_pointer)
{
	CALL(__NR_read, -9, -1, 0x7ffcf332ddf0, 10);
	EXPECT("read(-1, 0x7ffcf332ddf0, 10) = -1 EBADF (Bad file descriptor)");
}

Test(unit_format, read_eof_prints_empty_string)
{
	CALL(__NR_read, 0, 3, 0x1000, 4096);
	EXPECT("read(3, \"\", 4096) = 0");
}

Test(unit_format, paths_are_not_cut_at_strsize)
{
	CALL(__NR_unlink, 0, 0x1000);
	rn_recbuild__str(&b, 0, "/tmp/a/very/long/path/that/is/longer/than/eight");
	cr_assert_str_eq(line_s(8),
			 "unlink(\"/tmp/a/very/long/path/that/is/longer/than/eight\") = 0");
}

Test(unit_format, null_pointers_print_null)
{
	CALL(__NR_brk, 0x55e9b5385000, 0);
	EXPECT("brk(NULL) = 0x55e9b5385000");
	CALL(__NR_mmap, 0x7f1e0c4ef000, 0, 8192, 3, 0x22, -1, 0);
	EXPECT("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
	       "0x7f1e0c4ef000");
}

Test(unit_format, mmap_flags_hugetlb_shift_and_offset_hex)
{
	CALL(__NR_mmap, 0x1000, 0x1000, 4096, 1, 0x10100022, -1, 0);
	EXPECT("mmap(0x1000, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE|4<<"
	       "MAP_HUGE_SHIFT, -1, 0) = 0x1000");
	CALL(__NR_mmap, 0x7f1e0c4bd000, 0x7f1e0c4bd000, 110592, 5, 0x812, 3, 0x7000);
	EXPECT("mmap(0x7f1e0c4bd000, 110592, PROT_READ|PROT_EXEC, "
	       "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x7000) = 0x7f1e0c4bd000");
	CALL(__NR_mprotect, 0, 0x7fe22ef09000, 4096, 0);
	EXPECT("mprotect(0x7fe22ef09000, 4096, PROT_NONE) = 0");
}

Test(unit_format, stat_struct_non_verbose)
{
	unsigned char st[144] = {0};
	uint32_t mode = 0100644;
	uint64_t size = 42971;

	memcpy(st + 24, &mode, 4);
	memcpy(st + 48, &size, 8);
	CALL(__NR_newfstatat, 0, 3, 0x1000, 0x2000, 0x1000);
	rn_recbuild__str(&b, 1, "");
	rn_recbuild__item(&b, 2, 0, 0, st, sizeof(st));
	EXPECT(
	    "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=42971, ...}, AT_EMPTY_PATH) = 0");
}

Test(unit_format, stat_of_device_and_sticky_dir)
{
	unsigned char st[144] = {0};
	uint32_t mode = 020666;
	uint64_t rdev = 0x103;

	memcpy(st + 24, &mode, 4);
	memcpy(st + 40, &rdev, 8);
	CALL(__NR_newfstatat, 0, -100, 0x1000, 0x2000, 0);
	rn_recbuild__str(&b, 1, "/dev/null");
	rn_recbuild__item(&b, 2, 0, 0, st, sizeof(st));
	EXPECT("newfstatat(AT_FDCWD, \"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, "
	       "0x3), ...}, 0) = 0");
	mode = 041777;
	rdev = 4096;
	memcpy(st + 24, &mode, 4);
	memcpy(st + 48, &rdev, 8);
	CALL(__NR_newfstatat, 0, -100, 0x1000, 0x2000, 0);
	rn_recbuild__str(&b, 1, "/tmp");
	rn_recbuild__item(&b, 2, 0, 0, st, sizeof(st));
	EXPECT("newfstatat(AT_FDCWD, \"/tmp\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}, "
	       "0) = 0");
}

Test(unit_format, failed_stat_prints_pointer)
{
	CALL(__NR_newfstatat, -2, -100, 0x1000, 0x7ffdc12a74b0, 0x100);
	rn_recbuild__str(&b, 1, "/nonexist");
	EXPECT("newfstatat(AT_FDCWD, \"/nonexist\", 0x7ffdc12a74b0, AT_SYMLINK_NOFOLLOW) = -1 "
	       "ENOENT (No such file or directory)");
}

Test(unit_format, statx_struct)
{
	unsigned char stx[256] = {0};
	uint32_t mask = 0x17ff;
	uint64_t attrs = 0x2000, size = 4096;
	uint16_t mode = 040755;

	memcpy(stx, &mask, 4);
	memcpy(stx + 8, &attrs, 8);
	memcpy(stx + 28, &mode, 2);
	memcpy(stx + 40, &size, 8);
	CALL(__NR_statx, 0, -100, 0x1000, 0x900, 0x25e, 0x2000);
	rn_recbuild__str(&b, 1, "/");
	rn_recbuild__item(&b, 4, 0, 0, stx, sizeof(stx));
	EXPECT("statx(AT_FDCWD, \"/\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, "
	       "STATX_MODE|STATX_NLINK|STATX_UID|STATX_GID|STATX_MTIME|STATX_SIZE, "
	       "{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_MOUNT_ROOT, "
	       "stx_mode=S_IFDIR|0755, stx_size=4096, ...}) = 0");
}

Test(unit_format, sockaddr_unix_and_inet)
{
	unsigned char un[110] = {1, 0};
	unsigned char in[16] = {2, 0, 0, 80, 127, 0, 0, 1};

	memcpy(un + 2, "/var/run/nscd/socket", 20);
	CALL(__NR_connect, -2, 3, 0x1000, 110);
	rn_recbuild__item(&b, 1, 0, 0, un, sizeof(un));
	EXPECT("connect(3, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 "
	       "ENOENT (No such file or directory)");
	CALL(__NR_connect, -111, 9, 0x1000, 16);
	rn_recbuild__item(&b, 1, 0, 0, in, sizeof(in));
	EXPECT("connect(9, {sa_family=AF_INET, sin_port=htons(80), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)");
}

/* strace -x/-xx quote a sockaddr's path and address strings like any string. */
Test(unit_format, sockaddr_strings_follow_x_and_xx)
{
	unsigned char un[12] = {1, 0, '/', 't', 'm', 'p', '/', 'x', 0xc3, 0xa9, 'y', 0};
	unsigned char in[16] = {2, 0, 0, 9, 127, 0, 0, 1};
	struct rn_fmt_opts x = {.strsize = 32, .hex = 1}, xx = {.strsize = 32, .hex = 2};

	CALL(__NR_connect, -2, 3, 0x1000, 12);
	rn_recbuild__item(&b, 1, 0, 0, un, sizeof(un));
	cr_expect_str_eq(line_o(&x), "connect(3, {sa_family=AF_UNIX, sun_path=\"\\x2f\\x74\\x6d"
				     "\\x70\\x2f\\x78\\xc3\\xa9\\x79\"}, 12) = -1 ENOENT (No such "
				     "file or directory)");
	CALL(__NR_connect, -115, 3, 0x1000, 16);
	rn_recbuild__item(&b, 1, 0, 0, in, sizeof(in));
	cr_expect_str_eq(line_o(&xx), "connect(3, {sa_family=AF_INET, sin_port=htons(9), "
				      "sin_addr=inet_addr(\"\\x31\\x32\\x37\\x2e\\x30\\x2e"
				      "\\x30\\x2e\\x31\")}, 16) = -1 EINPROGRESS (Operation now in "
				      "progress)");
	cr_expect_str_eq(line_o(&x), "connect(3, {sa_family=AF_INET, sin_port=htons(9), "
				     "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 EINPROGRESS "
				     "(Operation now in progress)");
}

Test(unit_format, sockaddr_inet6_in_sendto)
{
	unsigned char in6[28] = {10, 0, 0, 53};

	in6[23] = 1;
	CALL(__NR_sendto, 1, 12, 0x1000, 1, 0x40, 0x2000, 28);
	rn_recbuild__item(&b, 1, 0, 0, "q", 1);
	rn_recbuild__item(&b, 4, 0, 0, in6, sizeof(in6));
	EXPECT("sendto(12, \"q\", 1, MSG_DONTWAIT, {sa_family=AF_INET6, sin6_port=htons(53), "
	       "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), "
	       "sin6_scope_id=0}, 28) = 1");
}

Test(unit_format, socket_type_flags_and_protocol)
{
	CALL(__NR_socket, 3, 1, 02004001, 0);
	EXPECT("socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3");
	CALL(__NR_socket, 9, 2, 1, 0);
	EXPECT("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 9");
	CALL(__NR_socket, 12, 10, 02000002, 17);
	EXPECT("socket(AF_INET6, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_UDP) = 12");
}

Test(unit_format, getsockname_out_struct_and_len)
{
	unsigned char in6[28] = {10, 0, 0xc3, 0x6e};
	uint32_t len = 28;

	CALL(__NR_getsockname, 0, 12, 0x1000, 0x2000);
	rn_recbuild__item(&b, 1, 0, 0, in6, sizeof(in6));
	rn_recbuild__item(&b, 2, 0, 0, &len, 4);
	EXPECT("getsockname(12, {sa_family=AF_INET6, sin6_port=htons(50030), "
	       "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::\", &sin6_addr), sin6_scope_id=0}, "
	       "[28]) = 0");
}

Test(unit_format, setsockopt_int_value)
{
	uint32_t one = 1;

	CALL(__NR_setsockopt, 0, 9, 1, 2, 0x1000, 4);
	rn_recbuild__item(&b, 3, 0, 0, &one, 4);
	EXPECT("setsockopt(9, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
}

Test(unit_format, execve_argv_and_envp_count)
{
	uint32_t n = 3, env = 41;

	CALL(__NR_execve, 0, 0x1000, 0x2000, 0x7ffe8f0f41a8);
	rn_recbuild__enter_item(&b, 0, 0, 0, "/usr/bin/ls", 11);
	rn_recbuild__enter_item(&b, 1, 0, 0, &n, 4);
	rn_recbuild__enter_item(&b, 1, 1, 0, "ls", 2);
	rn_recbuild__enter_item(&b, 1, 2, 0, "-l", 2);
	rn_recbuild__enter_item(&b, 1, 3, 0, "/", 1);
	rn_recbuild__enter_item(&b, 2, 0, 0, &env, 4);
	EXPECT(
	    "execve(\"/usr/bin/ls\", [\"ls\", \"-l\", \"/\"], 0x7ffe8f0f41a8 /* 41 vars */) = 0");
}

Test(unit_format, execve_argv_cut_at_strsize_entries)
{
	uint32_t n = 4, env = 1;

	CALL(__NR_execve, -2, 0x1000, 0x2000, 0x3000);
	rn_recbuild__enter_item(&b, 0, 0, 0, "/x", 2);
	rn_recbuild__enter_item(&b, 1, 0, 0, &n, 4);
	for (unsigned k = 1; k <= 4; k++)
		rn_recbuild__enter_item(&b, 1, k, 0, "abc", 3);
	rn_recbuild__enter_item(&b, 2, 0, 0, &env, 4);
	cr_assert_str_eq(line_s(2),
			 "execve(\"/x\", [\"ab\"..., \"ab\"..., ...], 0x3000 /* 1 var */) "
			 "= -1 ENOENT (No such file or directory)");
}

Test(unit_format, writev_and_failed_readv)
{
	__u64 iov[4] = {0x10, 2, 0x20, 4};
	__u64 riov[4] = {0x7ffcf332dcad, 3, 0x7ffcf332dca3, 10};

	CALL(__NR_writev, 6, 3, 0x1000, 2);
	rn_recbuild__item(&b, 1, 0, 0, iov, sizeof(iov));
	rn_recbuild__item(&b, 1, 1, 0, "ab", 2);
	rn_recbuild__item(&b, 1, 2, 0, "cdef", 4);
	EXPECT("writev(3, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cdef\", iov_len=4}], 2) = 6");
	CALL(__NR_readv, -9, 3, 0x1000, 2);
	rn_recbuild__item(&b, 1, 0, 0, riov, sizeof(riov));
	EXPECT("readv(3, [{iov_base=0x7ffcf332dcad, iov_len=3}, {iov_base=0x7ffcf332dca3, "
	       "iov_len=10}], 2) = -1 EBADF (Bad file descriptor)");
}

Test(unit_format, recvmsg_data_limited_by_ret)
{
	unsigned char mh[56] = {0};
	__u64 iov[2] = {0x5000, 8};
	__u64 iovp = 0x4000, iovlen = 1;

	memcpy(mh + 16, &iovp, 8);
	memcpy(mh + 24, &iovlen, 8);
	CALL(__NR_recvmsg, 2, 4, 0x1000, 0);
	rn_recbuild__item(&b, 1, 0, 0, mh, sizeof(mh));
	rn_recbuild__item(&b, 1, 2, 0, iov, sizeof(iov));
	rn_recbuild__item(&b, 1, 3, 0, "hi", 2);
	EXPECT("recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hi\", iov_len=8}], "
	       "msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 2");
}

Test(unit_format, poll_events_and_revents_result)
{
	unsigned char fds[16] = {7, 0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0, 4, 0, 4, 0};

	CALL(__NR_poll, 1, 0x1000, 2, 0);
	rn_recbuild__item(&b, 0, 0, 0, fds, sizeof(fds));
	EXPECT("poll([{fd=7, events=POLLIN}, {fd=8, events=POLLOUT}], 2, 0) = 1 ([{fd=8, "
	       "revents=POLLOUT}])");
	CALL(__NR_poll, 0, 0x1000, 1, 0);
	rn_recbuild__item(&b, 0, 0, 0, fds, 8);
	EXPECT("poll([{fd=7, events=POLLIN}], 1, 0) = 0 (Timeout)");
}

Test(unit_format, timespec_and_clock_names)
{
	__s64 ts[2] = {0, 1000000};

	CALL(__NR_clock_nanosleep, 0, 0, 0, 0x1000, 0);
	rn_recbuild__item(&b, 2, 0, 0, ts, sizeof(ts));
	EXPECT("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=1000000}, NULL) = 0");
}

Test(unit_format, signal_sets_and_sigaction)
{
	uint64_t set = (1ull << 1) | (1ull << 14) | (1ull << 33);
	uint64_t full = ~((1ull << 8) | (1ull << 31) | (1ull << 32));
	unsigned char sa[32] = {0};
	uint64_t h = 1, fl = 0x14000004, rest = 0x7fe22ed59050;

	CALL(__NR_rt_sigprocmask, 0, 0, 0x1000, 0, 8);
	rn_recbuild__item(&b, 1, 0, 0, &set, 8);
	EXPECT("rt_sigprocmask(SIG_BLOCK, [INT TERM RT_2], NULL, 8) = 0");
	CALL(__NR_rt_sigprocmask, 0, 2, 0x1000, 0x2000, 8);
	rn_recbuild__item(&b, 1, 0, 0, &full, 8);
	rn_recbuild__item(&b, 2, 0, 0, &set, 8);
	EXPECT("rt_sigprocmask(SIG_SETMASK, ~[KILL RTMIN RT_1], [INT TERM RT_2], 8) = 0");
	memcpy(sa, &h, 8);
	memcpy(sa + 8, &fl, 8);
	memcpy(sa + 16, &rest, 8);
	CALL(__NR_rt_sigaction, 0, 10, 0x1000, 0, 8);
	rn_recbuild__item(&b, 1, 0, 0, sa, sizeof(sa));
	EXPECT("rt_sigaction(SIGUSR1, {sa_handler=SIG_IGN, sa_mask=[], "
	       "sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x7fe22ed59050}, NULL, 8) "
	       "= 0");
}

Test(unit_format, clone_flags_with_exit_signal)
{
	CALL(__NR_clone, 17417, 0x1200011, 0, 0, 0x7fe22ed1aa10, 0);
	EXPECT("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
	       "child_tidptr=0x7fe22ed1aa10) = 17417");
}

Test(unit_format, clone3_struct_and_parent_tid)
{
	__u64 args[11] = {0x3d0f00,	  0,	    0x7f7b092cc990, 0x7f7b092cc990, 0,
			  0x7f7b08acc000, 0x7fff80, 0x7f7b092cc6c0};

	CALL(__NR_clone3, 17746, 0x1000, 88);
	rn_recbuild__item(&b, 0, 0, 0, args, 88);
	EXPECT("clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
	       "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, "
	       "child_tid=0x7f7b092cc990, parent_tid=0x7f7b092cc990, exit_signal=0, "
	       "stack=0x7f7b08acc000, stack_size=0x7fff80, tls=0x7f7b092cc6c0} => "
	       "{parent_tid=[17746]}, 88) = 17746");
}

Test(unit_format, wait4_status)
{
	uint32_t st = 3 << 8;

	CALL(__NR_wait4, 17417, -1, 0x1000, 0, 0);
	rn_recbuild__item(&b, 1, 0, 0, &st, 4);
	EXPECT("wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 17417");
	st = 9;
	CALL(__NR_wait4, 17418, -1, 0x1000, 1, 0);
	rn_recbuild__item(&b, 1, 0, 0, &st, 4);
	EXPECT("wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], WNOHANG, NULL) = 17418");
	CALL(__NR_wait4, -10, -1, 0x7ffffa1d287c, 1, 0x7ffffa1d2670);
	EXPECT(
	    "wait4(-1, 0x7ffffa1d287c, WNOHANG, 0x7ffffa1d2670) = -1 ECHILD (No child processes)");
}

Test(unit_format, exit_group_does_not_return)
{
	CALL(__NR_exit_group, 0, 0);
	rn_recbuild__noreturn(&b);
	EXPECT("exit_group(0) = ?");
}

Test(unit_format, erestartsys_and_restart_block)
{
	CALL(__NR_read, -512, 3, 0x7ffca9073a17, 1);
	EXPECT("read(3, 0x7ffca9073a17, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
	CALL(__NR_clock_nanosleep, -516, 0, 0, 0x1000, 0);
	cr_assert(strstr(line(), "= ? ERESTART_RESTARTBLOCK (Interrupted by signal)"));
	CALL(__NR_read, -513, 3, 0x10, 1);
	cr_assert(strstr(line(), "= ? ERESTARTNOINTR (To be restarted)"));
	CALL(__NR_read, -514, 3, 0x10, 1);
	cr_assert(strstr(line(), "= ? ERESTARTNOHAND (To be restarted if no handler)"));
}

Test(unit_format, unknown_syscall_prints_six_hex_args)
{
	CALL(0x1ff, -38, 1, 2, 0x7fe22ee1e829, 0, 0x7fe22ef0a200, 0x7fe22ef0a200);
	EXPECT("syscall_0x1ff(0x1, 0x2, 0x7fe22ee1e829, 0, 0x7fe22ef0a200, 0x7fe22ef0a200) = -1 "
	       "ENOSYS (Function not implemented)");
}

Test(unit_format, fcntl_commands_and_results)
{
	CALL(__NR_fcntl, 0x8401, 3, 3);
	EXPECT("fcntl(3, F_GETFL) = 0x8401 (flags O_WRONLY|O_APPEND|O_LARGEFILE)");
	CALL(__NR_fcntl, 0, 3, 4, 04000);
	EXPECT("fcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK) = 0");
	CALL(__NR_fcntl, 1, 3, 1);
	EXPECT("fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)");
	CALL(__NR_fcntl, 0, 3, 1);
	EXPECT("fcntl(3, F_GETFD) = 0");
	CALL(__NR_fcntl, 0, 3, 2, 1);
	EXPECT("fcntl(3, F_SETFD, FD_CLOEXEC) = 0");
	CALL(__NR_fcntl, 20, 3, 1030, 20);
	EXPECT("fcntl(3, F_DUPFD_CLOEXEC, 20) = 20");
}

Test(unit_format, ioctl_names_and_ioc_fallback)
{
	uint32_t n = 130;

	CALL(__NR_ioctl, -25, 1, 0x5413, 0x7ffcf332ddf0);
	EXPECT("ioctl(1, TIOCGWINSZ, 0x7ffcf332ddf0) = -1 ENOTTY (Inappropriate ioctl for device)");
	CALL(__NR_ioctl, 0, 3, 0x541b, 0x1000);
	rn_recbuild__item(&b, 2, 0, 0, &n, 4);
	EXPECT("ioctl(3, FIONREAD, [130]) = 0");
	CALL(__NR_ioctl, 0, 3, 0x5451);
	EXPECT("ioctl(3, FIOCLEX) = 0");
	CALL(__NR_ioctl, -25, 3, 0x1234, 0);
	EXPECT("ioctl(3, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0) = -1 ENOTTY (Inappropriate ioctl for "
	       "device)");
}

Test(unit_format, modes_umask_and_ids)
{
	CALL(__NR_umask, 022, 077);
	EXPECT("umask(077) = 022");
	CALL(__NR_chmod, 0, 0x1000, 04755);
	rn_recbuild__str(&b, 0, "/tmp/dec/t/out");
	EXPECT("chmod(\"/tmp/dec/t/out\", 04755) = 0");
	CALL(__NR_chown, 0, 0x1000, 0, 0xffffffff);
	rn_recbuild__str(&b, 0, "/tmp/dec/t/out");
	EXPECT("chown(\"/tmp/dec/t/out\", 0, -1) = 0");
}

Test(unit_format, lseek_whence_and_unknown_value)
{
	CALL(__NR_lseek, 130, 3, 0, 2);
	EXPECT("lseek(3, 0, SEEK_END) = 130");
	CALL(__NR_lseek, -22, 3, 5, 7);
	EXPECT("lseek(3, 5, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)");
}

Test(unit_format, pipe2_dup3_and_prlimit)
{
	uint32_t fds[2] = {7, 8};
	__u64 rl[2] = {8192 * 1024, ~0ull};

	CALL(__NR_pipe2, 0, 0x1000, 04000 | 02000000);
	rn_recbuild__item(&b, 0, 0, 0, fds, 8);
	EXPECT("pipe2([7, 8], O_NONBLOCK|O_CLOEXEC) = 0");
	CALL(__NR_dup3, 11, 3, 11, 02000000);
	EXPECT("dup3(3, 11, O_CLOEXEC) = 11");
	CALL(__NR_prlimit64, 0, 0, 3, 0, 0x1000);
	rn_recbuild__item(&b, 3, 0, 0, rl, sizeof(rl));
	EXPECT("prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = "
	       "0");
}

Test(unit_format, getrandom_prints_hex_bytes)
{
	CALL(__NR_getrandom, 4, 0x1000, 4, 0);
	rn_recbuild__item(&b, 0, 0, 0, "\xf4\x3f\x91\xc7", 4);
	EXPECT("getrandom(\"\\xf4\\x3f\\x91\\xc7\", 4, 0) = 4");
}

Test(unit_format, futex_wait_wake_bitset)
{
	CALL(__NR_futex, 0, 0x7f1e0c4a8a4c, 129, 2147483647);
	EXPECT("futex(0x7f1e0c4a8a4c, FUTEX_WAKE_PRIVATE, 2147483647) = 0");
	CALL(__NR_futex, -11, 0x7ffcf332dc4c, 128, 5, 0);
	EXPECT("futex(0x7ffcf332dc4c, FUTEX_WAIT_PRIVATE, 5, NULL) = -1 EAGAIN (Resource "
	       "temporarily unavailable)");
	CALL(__NR_futex, 0, 0x7f7b092cc990, 0x109, 17746, 0, 0, 0xffffffff);
	EXPECT("futex(0x7f7b092cc990, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 17746, NULL, "
	       "FUTEX_BITSET_MATCH_ANY) = 0");
}

Test(unit_format, getdents64_entry_count)
{
	CALL(__NR_getdents64, 776, 3, 0x55e9b5390790, 32768);
	rn_recbuild__u32(&b, 1, 0, 29);
	EXPECT("getdents64(3, 0x55e9b5390790 /* 29 entries */, 32768) = 776");
}

Test(unit_format, uname_and_getcwd_and_readlink)
{
	char u[390] = {0};

	strcpy(u, "Linux");
	strcpy(u + 65, "vm");
	CALL(__NR_uname, 0, 0x1000);
	rn_recbuild__item(&b, 0, 0, 0, u, sizeof(u));
	EXPECT("uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0");
	CALL(__NR_getcwd, 11, 0x1000, 64);
	rn_recbuild__item(&b, 0, 0, 0, "/tmp/dec/t", 11);
	EXPECT("getcwd(\"/tmp/dec/t\", 64) = 11");
	CALL(__NR_readlink, 1, 0x1000, 0x2000, 1);
	rn_recbuild__str(&b, 0, "/tmp/dec/t/l");
	rn_recbuild__item(&b, 1, 0, 0, "/", 1);
	EXPECT("readlink(\"/tmp/dec/t/l\", \"/\", 1) = 1");
}

Test(unit_format, epoll_ctl_and_empty_wait)
{
	unsigned char ev[12] = {0};
	uint32_t events = 0x80000001;
	uint64_t data = 5;

	memcpy(ev, &events, 4);
	memcpy(ev + 4, &data, 8);
	CALL(__NR_epoll_ctl, 0, 13, 1, 7, 0x1000);
	rn_recbuild__item(&b, 3, 0, 0, ev, sizeof(ev));
	EXPECT(
	    "epoll_ctl(13, EPOLL_CTL_ADD, 7, {events=EPOLLIN|EPOLLET, data={u32=5, u64=5}}) = 0");
	CALL(__NR_epoll_wait, 0, 13, 0x1000, 1, 0);
	EXPECT("epoll_wait(13, [], 1, 0) = 0");
}

Test(unit_format, prctl_and_arch_prctl)
{
	CALL(__NR_prctl, 0, 15, 0x1000);
	rn_recbuild__str(&b, 1, "foo");
	EXPECT("prctl(PR_SET_NAME, \"foo\") = 0");
	CALL(__NR_prctl, 1, 3);
	EXPECT("prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)");
	CALL(__NR_arch_prctl, 0, 0x1002, 0x7f1e0c237800);
	EXPECT("arch_prctl(ARCH_SET_FS, 0x7f1e0c237800) = 0");
	CALL(__NR_arch_prctl, -22, 0x3001, 0x7ffe00001000);
	EXPECT("arch_prctl(0x3001 /* ARCH_??? */, 0x7ffe00001000) = -1 EINVAL (Invalid argument)");
}

Test(unit_format, rseq_and_kill_signal_names)
{
	CALL(__NR_rseq, 0, 0x7f1e0c238120, 0x20, 0, 0x53053053);
	EXPECT("rseq(0x7f1e0c238120, 0x20, 0, 0x53053053) = 0");
	CALL(__NR_kill, 0, 17522, 34);
	EXPECT("kill(17522, SIGRT_2) = 0");
	CALL(__NR_kill, 0, 17471, 32);
	EXPECT("kill(17471, SIGRTMIN) = 0");
	CALL(__NR_tgkill, 0, 17525, 17525, 6);
	EXPECT("tgkill(17525, 17525, SIGABRT) = 0");
}

Test(unit_format, sysinfo_struct)
{
	__u64 si[14] = {
	    360, 24288, 9920, 3616, 25276026880ull, 25060569088ull, 9166848, 2072576, 0, 0,
	    87,	 0,	0,    1};

	CALL(__NR_sysinfo, 0, 0x1000);
	rn_recbuild__item(&b, 0, 0, 0, si, 112);
	EXPECT("sysinfo({uptime=360, loads=[24288, 9920, 3616], totalram=25276026880, "
	       "freeram=25060569088, sharedram=9166848, bufferram=2072576, totalswap=0, "
	       "freeswap=0, procs=87, totalhigh=0, freehigh=0, mem_unit=1}) = 0");
}

Test(unit_format, signal_lines)
{
	struct rn_sig_rec s = {.signo = 17, .code = 1, .pid = 2661, .uid = 0, .status = 0};

	rn_strbuf__reset(&sb);
	rn_format__signal(&sb, &s);
	cr_assert_str_eq(sb.buf, "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=2661, "
				 "si_uid=0, si_status=0, si_utime=0, si_stime=0} ---");
	s = (struct rn_sig_rec){.signo = 17, .code = 2, .pid = 17418, .status = 9};
	rn_strbuf__reset(&sb);
	rn_format__signal(&sb, &s);
	cr_assert_str_eq(sb.buf, "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=17418, "
				 "si_uid=0, si_status=SIGKILL, si_utime=0, si_stime=0} ---");
	s = (struct rn_sig_rec){.signo = 11, .code = 1, .addr = 0};
	rn_strbuf__reset(&sb);
	rn_format__signal(&sb, &s);
	cr_assert_str_eq(sb.buf,
			 "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---");
	s = (struct rn_sig_rec){.signo = 6, .code = -6, .pid = 17525};
	rn_strbuf__reset(&sb);
	rn_format__signal(&sb, &s);
	cr_assert_str_eq(sb.buf, "--- SIGABRT {si_signo=SIGABRT, si_code=SI_TKILL, si_pid=17525, "
				 "si_uid=0} ---");
}

Test(unit_format, exit_lines)
{
	rn_strbuf__reset(&sb);
	rn_format__exit(&sb, 0);
	cr_assert_str_eq(sb.buf, "+++ exited with 0 +++");
	rn_strbuf__reset(&sb);
	rn_format__exit(&sb, 7 << 8);
	cr_assert_str_eq(sb.buf, "+++ exited with 7 +++");
	rn_strbuf__reset(&sb);
	rn_format__exit(&sb, 9);
	cr_assert_str_eq(sb.buf, "+++ killed by SIGKILL +++");
	rn_strbuf__reset(&sb);
	rn_format__exit(&sb, 11 | 0x80);
	cr_assert_str_eq(sb.buf, "+++ killed by SIGSEGV (core dumped) +++");
}

Test(unit_format, errno_and_signal_names)
{
	cr_assert_str_eq(rn_errno__name(2), "ENOENT");
	cr_assert_str_eq(rn_errno__name(11), "EAGAIN");
	cr_assert_str_eq(rn_errno__name(95), "EOPNOTSUPP");
	cr_assert_str_eq(rn_errno__name(512), "ERESTARTSYS");
	cr_assert_null(rn_errno__name(0));
	cr_assert_null(rn_errno__name(4000));
	cr_assert_str_eq(rn_signal__name(17), "SIGCHLD");
	cr_assert_str_eq(rn_signal__name(32), "SIGRTMIN");
	cr_assert_str_eq(rn_signal__name(35), "SIGRT_3");
	cr_assert_str_eq(rn_signal__name(64), "SIGRT_32");
	cr_assert_null(rn_signal__name(65));
}

Test(unit_format, signal_number_from_its_printed_name)
{
	for (int sig = 1; sig <= 64; sig++)
		cr_assert_eq(rn_signal__from_name(rn_signal__name(sig)), sig, "signal %d", sig);
	cr_assert_eq(rn_signal__from_name("SIGCHLD"), 17);
	cr_assert_eq(rn_signal__from_name("SIGRTMIN"), 32);
	cr_assert_eq(rn_signal__from_name("SIGRT_1"), 33);
	cr_assert_eq(rn_signal__from_name("SIGRT_32"), 64);
	cr_assert_eq(rn_signal__from_name("SIGRT_33"), -EINVAL);
	cr_assert_eq(rn_signal__from_name("sigchld"), -EINVAL);
	cr_assert_eq(rn_signal__from_name("CHLD"), -EINVAL);
	cr_assert_eq(rn_signal__from_name(""), -EINVAL);
	cr_assert_eq(rn_signal__from_name(NULL), -EINVAL);
}

Test(unit_format, cpu_masks_in_and_out)
{
	static const unsigned char in[32] = {0x01}, out[32] = {0x03};

	CALL(__NR_sched_setaffinity, 0, 0, 32, 0x7000);
	rn_recbuild__item(&b, 2, 0, 0, in, sizeof(in));
	EXPECT("sched_setaffinity(0, 32, [0]) = 0");
	CALL(__NR_sched_getaffinity, 32, 0, 256, 0x7000);
	rn_recbuild__item(&b, 2, 0, 0, out, sizeof(out));
	EXPECT("sched_getaffinity(0, 256, [0 1]) = 32");
	/* a failed call still shows the mask it was given */
	CALL(__NR_sched_setaffinity, -22, 0, 32, 0x7000);
	rn_recbuild__item(&b, 2, 0, 0, in, sizeof(in));
	EXPECT("sched_setaffinity(0, 32, [0]) = -1 EINVAL (Invalid argument)");
}
