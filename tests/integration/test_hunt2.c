// SPDX-License-Identifier: MIT
/*
 * The second hunt for strace parity (issue 17), traced for real: what a formatter test cannot
 * show because it is about what BPF captures or what the kernel says after the call.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integ.h"

TestSuite(integ_hunt2, .init = integ_setup, .fini = integ_teardown, .timeout = 60);

static size_t count_of(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* strace -v prints every record getdents64 read: here 250 of 48 bytes, 12 KiB in one call. */
Test(integ_hunt2, getdents64_under_v_prints_every_record_read)
{
	char dir[PATH_MAX - 64], path[PATH_MAX];
	const char *opts[] = {"-v", "-e", "trace=getdents64", NULL};
	const char *cmd[] = {"ls", "-a", dir, NULL};
	struct integ_traced tr;
	size_t records = 0;

	snprintf(dir, sizeof(dir), "%s/big", integ_dir);
	cr_assert_eq(mkdir(dir, 0755), 0);
	for (int i = 0; i < 250; i++) {
		snprintf(path, sizeof(path), "%s/file_with_a_longish_name_%03d", dir, i);
		cr_assert_eq(integ_write_file(path, ""), 0);
	}
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	for (size_t i = 0; i < tr.t.n; i++)
		if (!strcmp(tr.t.v[i].name, "getdents64")) {
			records += count_of(tr.t.v[i].text, "d_name=");
			cr_expect(!strstr(tr.t.v[i].text, "..."), "records left out:\n%s",
				  tr.t.v[i].text);
		}
	cr_expect_eq(records, 252, "%zu records printed of 252 (250 files, . and ..)", records);
	integ_traced__free(&tr);
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

/* The first sendto binds the UDP socket: strace names it by its local end from then on. */
static const char udp_py[] = "import socket\n"
			     "r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
			     "r.bind(('127.0.0.1', 0))\n"
			     "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
			     "s.sendto(b'a', r.getsockname())\n"
			     "s.sendto(b'b', r.getsockname())\n"
			     "s.close()\n";

Test(integ_hunt2, a_udp_socket_bound_by_sendto_is_named_by_its_local_end_under_yy)
{
	char py[PATH_MAX];
	const char *opts[] = {"-yy", "-e", "trace=sendto,close", NULL};
	const char *cmd[] = {"/usr/bin/python3", py, NULL};
	struct integ_traced tr;

	snprintf(py, sizeof(py), "%s/udp.py", integ_dir);
	cr_assert_eq(integ_write_file(py, udp_py), 0);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	expect_match(&tr, "^sendto\\([0-9]+<UDP:\\[[0-9]+\\]>, \"a\", 1, 0, ");
	expect_match(&tr, "^sendto\\([0-9]+<UDP:\\[0\\.0\\.0\\.0:[0-9]+\\]>, \"b\", 1, 0, ");
	expect_match(&tr, "^close\\([0-9]+<UDP:\\[0\\.0\\.0\\.0:[0-9]+\\]>\\) = 0$");
	integ_traced__free(&tr);
}

/* BPF reads the strings bpf(2)'s attributes point to: strace prints them, not their address. */
Test(integ_hunt2, bpf_prints_the_license_and_the_pin_path)
{
	char *fx = integ_fixture("bpf_calls");
	const char *opts[] = {"-y", "-e", "trace=bpf", NULL};
	const char *cmd[] = {fx, NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	expect_match(&tr, "^bpf\\(BPF_PROG_LOAD, \\{prog_type=BPF_PROG_TYPE_SOCKET_FILTER, "
			  "insn_cnt=2, insns=0x[0-9a-f]+, license=\"GPL\", .*\\}, 144\\) = "
			  "[0-9]+<anon_inode:bpf-prog>$");
	expect_match(&tr, "^bpf\\(BPF_OBJ_PIN, \\{pathname=\"/sys/fs/bpf/renacer-fx-[0-9]+\", "
			  "bpf_fd=[0-9]+<anon_inode:bpf-prog>, file_flags=0\\}, 144\\) = 0");
	expect_match(&tr, "^bpf\\(BPF_OBJ_GET, \\{pathname=\"/sys/fs/bpf/renacer-fx-[0-9]+\", ");
	integ_traced__free(&tr);
	free(fx);
}

/* A thread blocked in read when another calls exit_group: strace shows the read unfinished. */
static const char blocked_py[] = "import os, threading, time\n"
				 "r, w = os.pipe()\n"
				 "threading.Thread(target=os.read, args=(r, 1)).start()\n"
				 "time.sleep(0.2)\n"
				 "os._exit(0)\n";

Test(integ_hunt2, a_read_cut_short_by_exit_group_prints_unfinished)
{
	char py[PATH_MAX];
	const char *opts[] = {"-f", "-e", "trace=read,exit_group", NULL};
	const char *cmd[] = {"/usr/bin/python3", py, NULL};
	struct integ_traced tr;

	snprintf(py, sizeof(py), "%s/blocked.py", integ_dir);
	cr_assert_eq(integ_write_file(py, blocked_py), 0);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, true), 0, "%s", tr.run.err);
	expect_match(&tr, "^read\\([0-9]+,  <unfinished \\.\\.\\.>\\) = \\?$");
	expect_match(&tr, "^exit_group\\(0\\) = \\?$");
	integ_traced__free(&tr);
}

/* The i386 loader is a 32-bit process (ldd runs it): its calls by the i386 table. */
Test(integ_hunt2, a_32_bit_process_is_traced_with_the_i386_numbers)
{
	const char *cmd[] = {"/lib/ld-linux.so.2", "--verify", "/bin/ls", NULL};
	struct integ_traced tr;

	cr_assert_eq(access(cmd[0], X_OK), 0,
		     "%s: no i386 loader here (apt-get install libc6-i386, which ldd runs too)",
		     cmd[0]);
	integ_traced__run(&tr, integ_dir, NULL, cmd, false);
	cr_assert_eq(tr.run.status, 1, "ld.so --verify of a 64-bit binary: %d, %s", tr.run.status,
		     tr.run.err);
	expect_match(&tr, "^brk\\(NULL\\) = 0x[0-9a-f]+$");
	expect_match(&tr,
		     "^openat\\(AT_FDCWD, \"/bin/ls\", O_RDONLY\\|O_LARGEFILE\\|O_CLOEXEC\\) = 3$");
	expect_match(&tr, "^read\\(3, \"\\\\177ELF\\\\2\\\\1\\\\1\\\\0.*, 512\\) = 512$");
	expect_match(&tr, "^close\\(3\\) = 0$");
	expect_match(&tr, "^exit_group\\(1\\) = \\?$");
	integ_traced__free(&tr);
}

/* -e write=/read=: readv's and writev's entries dumped one by one, pread64's bytes too. */
static const char iov_py[] = "import os\n"
			     "os.writev(1, [b'ab', b'', b'c'])\n"
			     "r, w = os.pipe()\n"
			     "os.write(w, b'xyz')\n"
			     "os.dup2(r, 9)\n"
			     "os.readv(9, [bytearray(2), bytearray(5)])\n"
			     "os.dup2(os.open('/etc/os-release', os.O_RDONLY), 9)\n"
			     "os.pread(9, 3, 0)\n";

Test(integ_hunt2, read_and_write_dumps_cover_iovecs_and_pread)
{
	char py[PATH_MAX];
	const char *opts[] = {"-e", "trace=writev,readv,pread64", "-e", "write=1", "-e", "read=9,3",
			      NULL};
	const char *cmd[] = {"/usr/bin/python3", py, NULL};
	struct integ_traced tr;
	const char *p;

	snprintf(py, sizeof(py), "%s/iov.py", integ_dir);
	cr_assert_eq(integ_write_file(py, iov_py), 0);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect(strstr(tr.raw, "], 3) = 3\n * 2 bytes in buffer 0\n | 00000  61 62   "),
		  "writev's first entry not dumped:\n%s", tr.raw);
	cr_expect(!strstr(tr.raw, "in buffer 2"), "dumped past writev's empty entry:\n%s", tr.raw);
	cr_expect(strstr(tr.raw, " * 2 bytes in buffer 0\n | 00000  78 79   ") &&
		      strstr(tr.raw, " * 1 bytes in buffer 1\n | 00000  7a   "),
		  "readv's entries not dumped:\n%s", tr.raw);
	p = strstr(tr.raw, "pread64(9, ");
	p = p ? strchr(p, '\n') : NULL;
	cr_expect(p && !strncmp(p, "\n | 00000  50 52 45 ", 20), "pread64's bytes not dumped:\n%s",
		  tr.raw);
	integ_traced__free(&tr);
}

/* strace -c -w times each call by the wall clock, which is how renacer's table always is. */
Test(integ_hunt2, summary_with_w_counts_by_the_wall_clock)
{
	char *fx = integ_fixture("exitcode");
	const char *opts[] = {"-c", "-w", NULL};
	const char *cmd[] = {fx, "0", NULL};
	struct integ_traced tr;

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect(strstr(tr.raw, "% time     seconds  usecs/call     calls    errors syscall\n"),
		  "no table:\n%s", tr.raw);
	cr_expect(strstr(tr.raw, " total\n"), "no total row:\n%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
}

/* -r and -n prefixes, in strace's order: the time since the previous line, then the number. */
Test(integ_hunt2, r_and_n_prefix_each_call)
{
	char *fx = integ_fixture("exitcode");
	const char *opts[] = {"-r", "-n", NULL};
	const char *cmd[] = {fx, "0", NULL};
	struct integ_traced tr;

	integ_traced__run(&tr, integ_dir, opts, cmd, false);
	cr_assert_eq(tr.run.status, 0, "%s", tr.run.err);
	cr_expect(!strncmp(tr.raw, "     0.000000 [  59] execve(", 28), "first line:\n%s", tr.raw);
	cr_expect(strstr(tr.raw, " [ 231] exit_group(0)"), "no numbered exit_group:\n%s", tr.raw);
	integ_traced__free(&tr);
	free(fx);
}

/* sendmsg's and recvmsg's iovecs are dumped entry by entry too. */
static const char msg_py[] = "import os, socket\n"
			     "a, b = socket.socketpair()\n"
			     "os.dup2(a.fileno(), 8)\n"
			     "os.dup2(b.fileno(), 9)\n"
			     "a = socket.socket(fileno=8)\n"
			     "b = socket.socket(fileno=9)\n"
			     "a.sendmsg([b'ab', b'c'])\n"
			     "b.recvmsg_into([bytearray(1), bytearray(5)])\n";

Test(integ_hunt2, msghdr_iovecs_are_dumped_too)
{
	char py[PATH_MAX];
	const char *opts[] = {"-e", "trace=sendmsg,recvmsg", "-e", "write=8", "-e", "read=9", NULL};
	const char *cmd[] = {"/usr/bin/python3", py, NULL};
	struct integ_traced tr;

	snprintf(py, sizeof(py), "%s/msg.py", integ_dir);
	cr_assert_eq(integ_write_file(py, msg_py), 0);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "%s", tr.run.err);
	cr_expect(strstr(tr.raw, ", 0) = 3\n * 2 bytes in buffer 0\n | 00000  61 62   ") &&
		      strstr(tr.raw, " * 1 bytes in buffer 1\n | 00000  63   "),
		  "sendmsg's entries not dumped:\n%s", tr.raw);
	cr_expect(strstr(tr.raw, " * 1 bytes in buffer 0\n | 00000  61   ") &&
		      strstr(tr.raw, " * 2 bytes in buffer 1\n | 00000  62 63   "),
		  "recvmsg's entries not dumped:\n%s", tr.raw);
	integ_traced__free(&tr);
}
