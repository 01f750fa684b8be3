// SPDX-License-Identifier: MIT
/*
 * Decoding batch 2 (issue 17) traced for real: tests/fixtures/decode_batch2.c makes the calls
 * and each line must be the one strace 6.1 prints for them (the test passes with
 * RENACER_TRACER=strace too). Ports, addresses and pids vary between runs: those lines are
 * matched by a pattern.
 */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "integ.h"

TestSuite(integ_lines_batch2, .init = integ_setup, .fini = integ_teardown, .timeout = 120);

static void expect_line(const struct integ_traced *tr, const char *text)
{
	cr_expect(integ_trace__find(&tr->t, 0, text), "missing line:\n  %s\ntrace:\n%s", text,
		  tr->raw);
}

/* Some line of the trace matches the extended regex `re`. */
static void expect_match(const struct integ_traced *tr, const char *re_src)
{
	bool found = false;
	regex_t re;

	cr_assert(!regcomp(&re, re_src, REG_EXTENDED | REG_NOSUB));
	for (size_t i = 0; i < tr->t.n && !found; i++)
		found = !regexec(&re, tr->t.v[i].text, 0, NULL, 0);
	regfree(&re);
	cr_expect(found, "no line matches /%s/; trace:\n%s", re_src, tr->raw);
}

#define SIN                                                                                        \
	"\\{sa_family=AF_INET, sin_port=htons\\([0-9]+\\), "                                       \
	"sin_addr=inet_addr\\(\"127.0.0.1\"\\)\\}"

Test(integ_lines_batch2, structs_ioctls_sockopts_and_raw_calls_print_as_strace)
{
	char *fx = integ_fixture("decode_batch2");
	const char *cmd[] = {fx, integ_dir, NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, NULL, cmd, false), 0, "tracer failed: %s",
		     tr.run.err);
	cr_assert_eq(tr.run.status, 0, "decode_batch2 failed: %d", tr.run.status);
	expect_line(&tr, "fcntl(10, F_SETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, "
			 "l_len=0}) = 0");
	expect_line(&tr, "fcntl(10, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, "
			 "l_start=1073741824, l_len=510}) = 0");
	expect_line(&tr, "fcntl(10, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, "
			 "l_start=1073741824, l_len=510, l_pid=0}) = 0");
	expect_match(&tr, "^ioctl\\(10, TCGETS, 0x[0-9a-f]+\\) = -1 ENOTTY ");
	expect_line(&tr, "ioctl(10, FIONREAD, [0]) = 0");
	expect_line(&tr, "ioctl(10, FIONBIO, [1]) = 0");
	expect_match(&tr, "^ioctl\\(10, BTRFS_IOC_CLONE or FICLONE, 0\\) = -1 ");
	expect_match(&tr, "^openat2\\(AT_FDCWD, \".*/renacer-batch2.bin\", \\{flags=O_RDONLY\\|"
			  "O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS\\}, 24\\) = 3$");
	expect_line(&tr, "setsockopt(30, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
	expect_match(&tr, "^getsockname\\(30, " SIN ", \\[128 => 16\\]\\) = 0$");
	expect_line(&tr, "setsockopt(31, SOL_TCP, TCP_NODELAY, [1], 4) = 0");
	expect_line(&tr, "getsockopt(31, SOL_SOCKET, SO_TYPE, [1], [4]) = 0");
	expect_line(&tr, "setsockopt(31, SOL_IP, IP_TOS, [1], 4) = 0");
	expect_match(&tr, "^accept4\\(30, " SIN ", \\[128 => 16\\], SOCK_CLOEXEC\\) = 3$");
	expect_match(&tr,
		     "^pselect6\\(33, \\[32\\], NULL, NULL, \\{tv_sec=1, tv_nsec=0\\}, NULL\\) "
		     "= 1 \\(in \\[32\\], left \\{tv_sec=0, tv_nsec=[0-9]+\\}\\)$");
	expect_match(&tr, "^recvfrom\\(32, \"ping\", 8, 0, 0x[0-9a-f]+, \\[128 => 0\\]\\) = 4$");
	expect_match(&tr, "^capget\\(\\{version=_LINUX_CAPABILITY_VERSION_3, pid=0\\}, "
			  "\\{effective=[^,]*, permitted=[^,]*, inheritable=[^,]*\\}\\) = 0$");
	expect_line(&tr,
		    "mount(\"none\", \"/nonexistent-renacer\", \"tmpfs\", MS_RDONLY|MS_NOSUID, "
		    "NULL) = -1 ENOENT (No such file or directory)");
	expect_line(&tr, "ptrace(PTRACE_SEIZE, 2147483647, NULL, 0) = -1 ESRCH (No such process)");
	expect_line(&tr, "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_ALLOW]) = 0");
	expect_line(&tr, "bpf(BPF_MAP_CREATE, NULL, 0) = -1 EINVAL (Invalid argument)");
	expect_line(&tr,
		    "keyctl(KEYCTL_READ, 0, NULL, 0) = -1 ENOKEY (Required key not available)");
	expect_line(&tr, "fanotify_mark(-1, FAN_MARK_ADD, FAN_CLOSE_WRITE, AT_FDCWD, \"/\") = -1 "
			 "EBADF (Bad file descriptor)");
	expect_line(&tr,
		    "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"/nonexistent-renacer\", 0, NULL) = "
		    "-1 ENOENT (No such file or directory)");
	expect_line(&tr, "io_uring_setup(0, NULL) = -1 EFAULT (Bad address)");
	expect_line(&tr, "sched_getattr(0, NULL, 0, 0) = -1 EINVAL (Invalid argument)");
	integ_traced__free(&tr);
	free(fx);
}
