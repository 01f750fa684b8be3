// SPDX-License-Identifier: MIT
/*
 * strace parity found by the second hunt (issue 17): each test builds a record as BPF would
 * and expects the line strace 6.1 printed for the same call here.
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

#define EXPECT(s) cr_assert_str_eq(line(), s)
#define UP	  0x7ffc0000a000ull /* a user pointer */

/* The dates strace prints are local time: these tests pin the zone. */
static void utc(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

TestSuite(unit_format_hunt2, .init = utc);

Test(unit_format_hunt2, utimes_and_futimesat_date_each_time)
{
	const int64_t tv[4] = {1700000000, 5, 1600000000, 999999};
	const int64_t bad[4] = {0, 0, 0, 1000000};

	CALL(__NR_utimes, 0, UP, UP + 64);
	rn_recbuild__str(&b, 0, "/tmp/h2/f");
	rn_recbuild__item(&b, 1, 0, 0, tv, sizeof(tv));
	EXPECT("utimes(\"/tmp/h2/f\", [{tv_sec=1700000000, tv_usec=5} /* "
	       "2023-11-14T22:13:20.000005+0000 */, {tv_sec=1600000000, tv_usec=999999} /* "
	       "2020-09-13T12:26:40.999999+0000 */]) = 0");
	CALL(__NR_futimesat, -EINVAL, (uint64_t)-100, UP, UP + 64);
	rn_recbuild__str(&b, 1, "/tmp/h2/f");
	rn_recbuild__item(&b, 2, 0, 0, bad, sizeof(bad));
	EXPECT("futimesat(AT_FDCWD, \"/tmp/h2/f\", [{tv_sec=0, tv_usec=0}, {tv_sec=0, "
	       "tv_usec=1000000}]) = -1 EINVAL (Invalid argument)");
	CALL(__NR_utimes, 0, UP, 0);
	rn_recbuild__str(&b, 0, "/tmp/h2/f");
	EXPECT("utimes(\"/tmp/h2/f\", NULL) = 0");
}

/* A siginfo_t as the caller fills it for rt_sigqueueinfo: signo, errno, code, pid, uid, value. */
static void queued(int code, int pid, unsigned uid, uint64_t value)
{
	unsigned char si[128] = {0};
	const int32_t head[6] = {10, 0, code, 0, pid, (int32_t)uid};

	memcpy(si, head, sizeof(head));
	memcpy(si + 24, &value, sizeof(value));
	rn_recbuild__item(&b, b.rec->nr == __NR_rt_sigqueueinfo ? 2 : 3, 0, 0, si, sizeof(si));
}

Test(unit_format_hunt2, rt_sigqueueinfo_prints_the_siginfo_sent)
{
	CALL(__NR_rt_sigqueueinfo, 0, 13280, 10, UP);
	queued(-1, 13280, 0, 42);
	EXPECT("rt_sigqueueinfo(13280, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=13280, "
	       "si_uid=0, si_int=42, si_ptr=0x2a}) = 0");
	CALL(__NR_rt_tgsigqueueinfo, 0, 13280, 13280, 10, UP);
	queued(-60, 13280, 0, 42);
	EXPECT("rt_tgsigqueueinfo(13280, 13280, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_ASYNCNL, "
	       "si_pid=13280, si_uid=0, si_int=42, si_ptr=0x2a}) = 0");
	CALL(__NR_rt_sigqueueinfo, 0, 13280, 10, UP);
	queued(0, 1, 2, 0);
	EXPECT("rt_sigqueueinfo(13280, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_USER, si_pid=1, "
	       "si_uid=2}) = 0");
}
