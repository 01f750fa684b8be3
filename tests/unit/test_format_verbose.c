// SPDX-License-Identifier: MIT
/*
 * -v and -e verbose=none on the formatters that print structs of their own (getdents64's
 * records, termios, fcntl locks, ioctl arguments, futex timeouts): each expected line is what
 * strace 6.1 printed for the same call on this machine.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <sys/syscall.h>

#include "fmtline.h"

static const uint64_t none[RN_MAX_SYSCALLS / 64]; /* an empty set of syscalls */

/* The line with abbrev= and verbose= as given (NULL: strace's default, all). */
static const char *line(const uint64_t *abbrev, const uint64_t *verbose)
{
	return line_o(&(struct rn_fmt_opts){.strsize = 32, .abbrev = abbrev, .verbose = verbose});
}

#define UP 0x7ffc0000a000ull /* a user pointer */

/* A linux_dirent64 record at p: 24 bytes for a name of up to 4 characters. */
static size_t dirent(unsigned char *p, uint64_t ino, int64_t off, uint8_t type, const char *name)
{
	uint16_t reclen = 24;

	memset(p, 0, reclen);
	memcpy(p, &ino, 8);
	memcpy(p + 8, &off, 8);
	memcpy(p + 16, &reclen, 2);
	p[18] = type;
	memcpy(p + 19, name, strlen(name));
	return reclen;
}

Test(unit_format_verbose, getdents64_under_v_prints_its_records)
{
	unsigned char buf[48];
	size_t n = dirent(buf, 11076324, 2232908316014189079, 8, "bb");
	uint32_t count = 2;

	n += dirent(buf + n, 11076289, 9223372036854775807, 4, ".");
	CALL(__NR_getdents64, 48, 3, UP, 32768);
	rn_recbuild__item(&b, 1, 0, 0, buf, (uint32_t)n);
	cr_assert_str_eq(line(none, NULL),
			 "getdents64(3, [{d_ino=11076324, d_off=2232908316014189079, d_reclen=24, "
			 "d_type=DT_REG, d_name=\"bb\"}, {d_ino=11076289, "
			 "d_off=9223372036854775807, d_reclen=24, d_type=DT_DIR, d_name=\".\"}], "
			 "32768) = 48");
	/* abbreviated: the records counted; BPF's count when it sent only that */
	cr_assert_str_eq(line(NULL, NULL),
			 "getdents64(3, 0x7ffc0000a000 /* 2 entries */, 32768) = 48");
	CALL(__NR_getdents64, 48, 3, UP, 32768);
	rn_recbuild__item(&b, 1, 0, 0, &count, sizeof(count));
	cr_assert_str_eq(line(none, NULL),
			 "getdents64(3, 0x7ffc0000a000 /* 2 entries */, 32768) = 48");
	CALL(__NR_getdents64, 0, 3, UP, 32768);
	rn_recbuild__item(&b, 1, 0, 0, NULL, 0);
	cr_assert_str_eq(line(none, NULL), "getdents64(3, [], 32768) = 0");
}

Test(unit_format_verbose, termios_under_v_prints_the_line_discipline_and_control_chars)
{
	unsigned char t[36] = {0};
	const uint32_t flags[4] = {02400, 05, 0277, 0105073};
	const unsigned char cc[17] = {0x3,  0x1c, 0x7f, 0x15, 0x4, 0,	 0x1,  0, 0x11,
				      0x13, 0x1a, 0,	0x12, 0xf, 0x17, 0x16, 0};

	memcpy(t, flags, sizeof(flags));
	memcpy(t + 17, cc, sizeof(cc));
	CALL(__NR_ioctl, 0, 0, 0x5401, UP);
	rn_recbuild__item(&b, 2, 0, 0, t, sizeof(t));
	cr_assert_str_eq(
	    line(none, NULL),
	    "ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
	    "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, "
	    "c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, [VERASE]=0x7f, [VKILL]=0x15, "
	    "[VEOF]=0x4, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0, [VSTART]=0x11, [VSTOP]=0x13, "
	    "[VSUSP]=0x1a, [VEOL]=0, [VREPRINT]=0x12, [VDISCARD]=0xf, [VWERASE]=0x17, "
	    "[VLNEXT]=0x16, [VEOL2]=0, [17]=0, [18]=0]}) = 0");
	cr_assert_str_eq(line(NULL, none), "ioctl(0, TCGETS, 0x7ffc0000a000) = 0");
}

Test(unit_format_verbose, verbose_none_prints_locks_ioctl_ints_and_futex_timeouts_as_pointers)
{
	const int64_t fl[4] = {0, 0, 10, 0};
	const int64_t ts[2] = {0, 1000};
	const int32_t n = 881;

	CALL(__NR_fcntl, 0, 3, 6, UP);
	rn_recbuild__item(&b, 2, 0, 0, fl, sizeof(fl));
	cr_assert_str_eq(line(NULL, none), "fcntl(3, F_SETLK, 0x7ffc0000a000) = 0");
	CALL(__NR_ioctl, 0, 3, 0x541b, UP);
	rn_recbuild__item(&b, 2, 0, 0, &n, sizeof(n));
	cr_assert_str_eq(line(NULL, none), "ioctl(3, FIONREAD, 0x7ffc0000a000) = 0");
	cr_assert_str_eq(line(NULL, NULL), "ioctl(3, FIONREAD, [881]) = 0");
	CALL(__NR_futex, -ETIMEDOUT, UP, 0x89, 0, UP + 16, 0, 0xffffffff);
	rn_recbuild__item(&b, 3, 0, 0, ts, sizeof(ts));
	cr_assert_str_eq(line(NULL, none),
			 "futex(0x7ffc0000a000, FUTEX_WAIT_BITSET_PRIVATE, 0, 0x7ffc0000a010, "
			 "FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out)");
	cr_assert_str_eq(line(NULL, NULL),
			 "futex(0x7ffc0000a000, FUTEX_WAIT_BITSET_PRIVATE, 0, {tv_sec=0, "
			 "tv_nsec=1000}, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed "
			 "out)");
}
