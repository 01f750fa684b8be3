// SPDX-License-Identifier: MIT
/*
 * strace parity found by the second hunt (issue 17): each test builds a record as BPF would
 * and expects the line strace 6.1 printed for the same call here.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "fdpaths.h"
#include "fmtline.h"
#include "systable.h"

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

/* The line with -y's table: the call, the table's update after the args, the result. */
static const char *line_y(struct rn_fdpaths *fds)
{
	struct rn_fmt_opts o = {.strsize = 32, .fds = fds};
	struct rn_event ev = rn_recbuild__event(&b);

	rn_strbuf__reset(&sb);
	rn_format__call(&sb, &ev, &o);
	rn_fdpaths__update(fds, &ev);
	rn_strbuf__putc(&sb, ' ');
	rn_format__result(&sb, &ev, &o);
	return sb.buf;
}

/* The record's last item is RN_CAP_FDID's (rn_recbuild__item makes kind 0 items). */
static void fdid_kind(void)
{
	struct rn_item *it = NULL, *last = NULL;

	while ((it = (struct rn_item *)rn_rec__next_item(b.rec, it)))
		last = it;
	last->kind = RN_CAP_FDID;
}

/* What BPF records of the descriptor a call returned (RN_CAP_FDID): an anonymous inode. */
static void fdid_anon(void)
{
	struct rn_fdid id = {.ino = 9999, .mode = 0600};

	rn_recbuild__item(&b, RN_ARG_FDID, 0, 0, &id, sizeof(id));
	fdid_kind();
}

Test(unit_format_hunt2, bpf_prints_license_and_pathname_and_names_the_fd_it_returns)
{
	struct rn_fdpaths *fds = rn_fdpaths__new(RN_FDS_PATH);
	unsigned char load[144] = {0}, pin[144] = {0};
	const uint32_t head[2] = {1, 2}; /* BPF_PROG_TYPE_SOCKET_FILTER, 2 instructions */
	const uint64_t insns = UP + 0x100, license = UP + 0x200, path = UP + 0x300;
	const uint32_t fd = 3;

	cr_assert(fds);
	memcpy(load, head, sizeof(head));
	memcpy(load + 8, &insns, 8);
	memcpy(load + 16, &license, 8);
	memcpy(load + 48, "h2", 2);
	CALL(__NR_bpf, 3, 5, UP, 144);
	rn_recbuild__item(&b, 1, 0, 0, load, sizeof(load));
	rn_recbuild__item(&b, 1, 1, 0, "GPL", 3); /* the string is the attributes' idx 1 */
	fdid_anon();
	cr_assert_str_eq(
	    line_y(fds),
	    "bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2, "
	    "insns=0x7ffc0000a100, license=\"GPL\", log_level=0, log_size=0, log_buf=NULL, "
	    "kern_version=KERNEL_VERSION(0, 0, 0), prog_flags=0, prog_name=\"h2\", prog_ifindex=0, "
	    "expected_attach_type=BPF_CGROUP_INET_INGRESS, prog_btf_fd=0, func_info_rec_size=0, "
	    "func_info=NULL, func_info_cnt=0, line_info_rec_size=0, line_info=NULL, "
	    "line_info_cnt=0, attach_btf_id=0, attach_prog_fd=0, fd_array=NULL}, 144) = "
	    "3<anon_inode:bpf-prog>");
	memcpy(pin, &path, 8);
	memcpy(pin + 8, &fd, 4);
	CALL(__NR_bpf, 0, 6, UP, 144);
	rn_recbuild__item(&b, 1, 0, 0, pin, sizeof(pin));
	rn_recbuild__item(&b, 1, 1, 0, "/sys/fs/bpf/h2test", 18);
	cr_assert_str_eq(line_y(fds), "bpf(BPF_OBJ_PIN, {pathname=\"/sys/fs/bpf/h2test\", "
				      "bpf_fd=3<anon_inode:bpf-prog>, file_flags=0}, 144) = 0");
	CALL(__NR_close, 0, 3);
	cr_assert_str_eq(line_y(fds), "close(3<anon_inode:bpf-prog>) = 0");
	rn_fdpaths__free(fds);
}

/* The line of a write of "x" to fd under -y. */
static const char *write_y(struct rn_fdpaths *fds, int fd)
{
	CALL(__NR_write, 1, fd, UP, 1);
	rn_recbuild__str(&b, 1, "x");
	return line_y(fds);
}

/* strace reads names from /proc, where an unlinked file is `/path (deleted)`. */
Test(unit_format_hunt2, y_names_follow_unlink_and_rename_and_print_deleted_after_the_brackets)
{
	struct rn_fdpaths *fds = rn_fdpaths__new(RN_FDS_PATH);
	char dir[] = "/tmp/renacer-h2-XXXXXX", path[64], want[256];
	const struct rn_fdid memfd = {.ino = 9998, .mode = 0100777};

	cr_assert(fds && mkdtemp(dir));
	/* D/./a made and renamed to D/b before the table reads its name: no realpath then */
	snprintf(path, sizeof(path), "%s/./a", dir);
	CALL(__NR_open, 4, UP, 0102, 0600);
	rn_recbuild__str(&b, 0, path);
	snprintf(want, sizeof(want), "open(\"%s\", O_RDWR|O_CREAT, 0600) = 4<%s/a>", path, dir);
	cr_assert_str_eq(line_y(fds), want);
	snprintf(path, sizeof(path), "%s/a", dir);
	CALL(__NR_rename, 0, UP, UP + 64);
	rn_recbuild__str(&b, 0, path);
	snprintf(path, sizeof(path), "%s/b", dir);
	rn_recbuild__str(&b, 1, path);
	line_y(fds);
	snprintf(want, sizeof(want), "write(4<%s/b>, \"x\", 1) = 1", dir);
	cr_assert_str_eq(write_y(fds, 4), want);
	/* D/c opened while it exists, then unlinked */
	snprintf(path, sizeof(path), "%s/c", dir);
	cr_assert_eq(close(open(path, O_CREAT | O_WRONLY, 0600)), 0);
	CALL(__NR_open, 5, UP, 0);
	rn_recbuild__str(&b, 0, path);
	line_y(fds);
	cr_assert_eq(unlink(path), 0);
	CALL(__NR_unlink, 0, UP);
	rn_recbuild__str(&b, 0, path);
	line_y(fds);
	snprintf(want, sizeof(want), "write(5<%s/c>(deleted), \"x\", 1) = 1", dir);
	cr_assert_str_eq(write_y(fds, 5), want);
	/* a memfd is a deleted file to /proc */
	CALL(__NR_memfd_create, 6, UP, 0);
	rn_recbuild__str(&b, 0, "mm");
	rn_recbuild__item(&b, RN_ARG_FDID, 0, 0, &memfd, sizeof(memfd));
	fdid_kind();
	line_y(fds);
	cr_assert_str_eq(write_y(fds, 6), "write(6</memfd:mm>(deleted), \"x\", 1) = 1");
	rmdir(dir);
	rn_fdpaths__free(fds);
}

Test(unit_format_hunt2, getsockopt_so_error_names_the_error)
{
	const int32_t refused = ECONNREFUSED, none = 0, len = 4;

	CALL(__NR_getsockopt, 0, 3, 1, 4, UP, UP + 64);
	rn_recbuild__item(&b, 3, 0, 0, &refused, 4);
	rn_recbuild__item(&b, 4, 0, 0, &len, 4);
	EXPECT("getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0");
	CALL(__NR_getsockopt, 0, 3, 1, 4, UP, UP + 64);
	rn_recbuild__item(&b, 3, 0, 0, &none, 4);
	rn_recbuild__item(&b, 4, 0, 0, &len, 4);
	EXPECT("getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0");
}

Test(unit_format_hunt2, ioprio_values_print_as_class_and_data)
{
	CALL(__NR_ioprio_set, 0, 1, 0, 3 << 13 | 7);
	EXPECT("ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 7)) = 0");
	CALL(__NR_ioprio_set, 0, 1, 0, 2 << 13 | 4);
	EXPECT("ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)) = 0");
	CALL(__NR_ioprio_get, 0, 1, 5969);
	EXPECT(
	    "ioprio_get(IOPRIO_WHO_PROCESS, 5969) = 0 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0))");
	CALL(__NR_ioprio_get, 2 << 13 | 4, 1, 0);
	EXPECT("ioprio_get(IOPRIO_WHO_PROCESS, 0) = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))");
	CALL(__NR_ioprio_get, -ESRCH, 1, 99999);
	EXPECT("ioprio_get(IOPRIO_WHO_PROCESS, 99999) = -1 ESRCH (No such process)");
}

/*
 * A call its thread died in (SIGKILL, or another thread's exit_group): strace printed the
 * arguments it decodes at entry, then ` <unfinished ...>)` when it had more to print at exit,
 * and `= ?`.
 */
Test(unit_format_hunt2, a_call_cut_short_by_death_prints_its_entry_arguments_unfinished)
{
	const int64_t ts[2] = {0, 200000000};
	const int32_t pfd[2] = {3, 1}; /* fd 3, POLLIN */

	CALL(__NR_read, 0, 3, UP, 1);
	rn_recbuild__noreturn(&b);
	EXPECT("read(3,  <unfinished ...>) = ?");
	CALL(__NR_epoll_wait, 0, 5, UP, 4, -1);
	rn_recbuild__noreturn(&b);
	EXPECT("epoll_wait(5,  <unfinished ...>) = ?");
	CALL(__NR_poll, 0, UP, 1, -1);
	rn_recbuild__item(&b, 0, 0, 0, pfd, sizeof(pfd));
	rn_recbuild__noreturn(&b);
	EXPECT("poll([{fd=3, events=POLLIN}], 1, -1 <unfinished ...>) = ?");
	CALL(__NR_clock_nanosleep, 0, 0, 0, UP, UP + 64);
	rn_recbuild__item(&b, 2, 0, 0, ts, sizeof(ts));
	rn_recbuild__noreturn(&b);
	EXPECT("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=200000000},  <unfinished "
	       "...>) = ?");
	/* decoded whole at entry (strace's RVAL_DECODED): nothing was left to print */
	CALL(__NR_pause, 0, 0);
	rn_recbuild__noreturn(&b);
	EXPECT("pause() = ?");
	CALL(__NR_kill, 0, 28963, 9);
	rn_recbuild__noreturn(&b);
	EXPECT("kill(28963, SIGKILL) = ?");
	CALL(__NR_exit_group, 0, 3);
	rn_recbuild__noreturn(&b);
	EXPECT("exit_group(3) = ?");
}

/* strace reads 16 bytes of a task name and wants its NUL among the first 15. */
Test(unit_format_hunt2, prctl_set_name_cuts_a_name_of_15_characters_or_more)
{
	CALL(__NR_prctl, 0, 15, UP);
	rn_recbuild__str(&b, 1, "abc");
	EXPECT("prctl(PR_SET_NAME, \"abc\") = 0");
	CALL(__NR_prctl, 0, 15, UP);
	rn_recbuild__str(&b, 1, "exactly15chars_");
	EXPECT("prctl(PR_SET_NAME, \"exactly15chars_\"...) = 0");
	CALL(__NR_prctl, 0, 15, UP);
	rn_recbuild__str(&b, 1, "tokio-runtime-worker");
	EXPECT("prctl(PR_SET_NAME, \"tokio-runtime-w\"...) = 0");
	CALL(__NR_prctl, 0, 15, UP);
	rn_recbuild__str(&b, 1, "tokio-runtime-worker");
	cr_assert_str_eq(line_o(&(struct rn_fmt_opts){.strsize = 5}),
			 "prctl(PR_SET_NAME, \"tokio\"...) = 0");
}

/* A 32-bit process's calls: i386 numbers, decoded as x86_64's call of the same name when its
 * arguments mean the same, else undecoded under their i386 name. */
Test(unit_format_hunt2, i386_calls_are_named_from_the_i386_table)
{
	static uint32_t map[RN_MAX_SYSCALLS];

	rn_syscall__compat_table(map);
	cr_expect_eq(map[45], (uint32_t)__NR_brk);
	cr_expect_eq(map[295], (uint32_t)__NR_openat);
	cr_expect_eq(map[3], (uint32_t)__NR_read);
	cr_expect_eq(map[252], (uint32_t)__NR_exit_group);
	cr_expect_eq(map[192], RN_NR_COMPAT | 192u, "mmap2 has no x86_64 namesake");
	cr_expect_eq(map[146], RN_NR_COMPAT | 146u, "writev's iovec is 8 bytes there");
	cr_expect_eq(map[11], RN_NR_COMPAT | 11u, "execve's argv holds 4-byte pointers there");
	CALL(RN_NR_COMPAT | 146, 266, 1, 0xff937570, 1);
	EXPECT("writev(0x1, 0xff937570, 0x1, 0, 0, 0) = 266");
}

/* -yy: a character or block device's numbers after its path, as strace 6.1 prints them. */
Test(unit_format_hunt2, yy_prints_a_device_with_its_numbers)
{
	struct rn_fdpaths *fds = rn_fdpaths__new(RN_FDS_ALL);

	cr_assert(fds);
	CALL(__NR_open, 3, UP, 1);
	rn_recbuild__str(&b, 0, "/dev/null");
	line_y(fds);
	cr_assert_str_eq(write_y(fds, 3), "write(3</dev/null<char 1:3>>, \"x\", 1) = 1");
	rn_fdpaths__free(fds);
}

/* -s 0: strace prints no byte of a string, only `""...`, and argv as [...]. */
Test(unit_format_hunt2, strsize_zero_prints_empty_strings_cut)
{
	const struct rn_fmt_opts zero = {.strsize = RN_FMT_STRSIZE_ZERO};

	CALL(__NR_read, 832, 3, UP, 832);
	rn_recbuild__item(&b, 1, 0, 0, "\177ELF", 4);
	cr_assert_str_eq(line_o(&zero), "read(3, \"\"..., 832) = 832");
	CALL(__NR_openat, 3, (uint64_t)-100, UP, 0);
	rn_recbuild__str(&b, 1, "/etc/os-release");
	cr_assert_str_eq(line_o(&zero), "openat(AT_FDCWD, \"/etc/os-release\", O_RDONLY) = 3");
}

/* A control message whose cmsg_len is near 2^64: its aligned step wrapped to 0 (found by
 * fuzz_syscall: the decoder looped for ever on a traced process's bytes). */
Test(unit_format_hunt2, msg_control_with_a_huge_cmsg_len_ends, .timeout = 5)
{
	const uint64_t mh[7] = {0, 0, 0, 0, UP + 64, 24, 0};
	const uint64_t cm[3] = {0xfffffffffffffff9ull, 1 | 1ull << 32, 0};

	CALL(__NR_sendmsg, 0, 3, UP, 0);
	rn_recbuild__item(&b, 1, 0, 0, mh, sizeof(mh));
	rn_recbuild__item(&b, 1, RN_MSG_CONTROL_IDX, 0, cm, sizeof(cm));
	EXPECT("sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, "
	       "msg_control=[{cmsg_len=18446744073709551609, cmsg_level=SOL_SOCKET, "
	       "cmsg_type=SCM_RIGHTS, cmsg_data=[0, 0]}], msg_controllen=24, msg_flags=0}, 0) = 0");
}
