/* SPDX-License-Identifier: MIT */
/*
 * Shared by the formatter files (format*.c) only: the call context, the byte readers and each
 * family's argument formatters, which format.c's kinds table selects by argument kind. An
 * argument formatter prints argument i and returns CONT, or STOP when it printed the rest.
 * Nothing here includes format.h, so the family files stand below format.c.
 */
#ifndef RENACER_FORMAT_INT_H
#define RENACER_FORMAT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "event.h"
#include "strbuf.h"

struct ctx {
	struct rn_strbuf *sb;
	const struct rn_event *ev;
	const __u64 *a;
	int64_t ret;
	bool ok; /* the call succeeded */
	unsigned strsize;
	unsigned hex;		/* -x, -xx */
	struct rn_fdpaths *fds; /* -y */
	bool abbrev;		/* strace's abbrev(tcp): structures cut to their usual fields */
	bool verbose;		/* strace's verbose(tcp): structures dereferenced at all */
};

enum { CONT = 0, STOP = 1 };

static inline uint64_t get_u64(const void *p, size_t off)
{
	uint64_t v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return v;
}

static inline uint32_t get_u32(const void *p, size_t off)
{
	uint32_t v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return v;
}

static inline uint16_t get_u16(const void *p, size_t off)
{
	uint16_t v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return v;
}

#define PUTS(s)	 rn_strbuf__puts(c->sb, s)
#define PUTC(ch) rn_strbuf__putc(c->sb, ch)

struct siginfo_view {
	int signo, code, errno_, pid;
	uint32_t uid;
	int status;
	uint64_t addr;
};

/* format_common.c */
/* rn_format__quoted (format.h), for the formatter files. */
void rn_fmt__quoted(struct rn_strbuf *sb, const void *p, size_t n, bool hex);
/* rn_fmt__quoted as -x/-xx ask: hex when forced, or for -x when a byte is not text. */
void rn_fmt__quoted_x(const struct ctx *c, const void *p, size_t n, bool hex);
void rn_fmt__put_hex0(struct rn_strbuf *sb, uint64_t v);
void rn_fmt__put_ptr(struct rn_strbuf *sb, uint64_t v);
/* strace's %#03o for modes: 0644, 022, 000. */
void rn_fmt__put_mode(struct rn_strbuf *sb, uint64_t v);
/* The captured data of argument i, sub-item idx, if it is readable and at least min bytes. */
const struct rn_item *rn_fmt__data_of(const struct ctx *c, unsigned i, unsigned idx, uint32_t min);
/* User data of `total` bytes of which `it` holds a prefix: at most -s bytes, then `...`. */
void rn_fmt__put_data(struct ctx *c, const struct rn_item *it, uint64_t total, bool hex);
/* A NUL-terminated string item; `limit` cuts it at -s. */
void rn_fmt__put_cstr(struct ctx *c, const struct rn_item *it, bool limit);
int rn_fmt__arg_hex(struct ctx *c, unsigned i);
int rn_fmt__arg_int(struct ctx *c, unsigned i);
int rn_fmt__arg_uint(struct ctx *c, unsigned i);
int rn_fmt__arg_long(struct ctx *c, unsigned i);
int rn_fmt__arg_ulong(struct ctx *c, unsigned i);
int rn_fmt__arg_ptr(struct ctx *c, unsigned i);
int rn_fmt__arg_dirfd(struct ctx *c, unsigned i);
/* A descriptor: 3, or with -y 3</etc/passwd>. */
int rn_fmt__arg_fd(struct ctx *c, unsigned i);
int rn_fmt__arg_id(struct ctx *c, unsigned i);
int rn_fmt__arg_mode(struct ctx *c, unsigned i);
int rn_fmt__arg_octal(struct ctx *c, unsigned i);
/* Strings and buffers: NULL, the pointer when nothing readable was captured, else data. */
int rn_fmt__arg_path(struct ctx *c, unsigned i);
int rn_fmt__arg_str(struct ctx *c, unsigned i);
int rn_fmt__arg_wbuf(struct ctx *c, unsigned i);
int rn_fmt__arg_rbuf(struct ctx *c, unsigned i);
int rn_fmt__arg_rbuf_hex(struct ctx *c, unsigned i);
int rn_fmt__arg_cwd(struct ctx *c, unsigned i);
/* The struct argument kinds share this prologue: NULL, or the pointer if not captured. */
const void *rn_fmt__struct_or_ptr(struct ctx *c, unsigned i, uint32_t size, bool out);
int rn_fmt__arg_int_out(struct ctx *c, unsigned i);
/* A uid/gid the kernel wrote: [0], [-1]. */
int rn_fmt__arg_id_out(struct ctx *c, unsigned i);
/* A loff_t * as strace prints it at enter: [0]. */
int rn_fmt__arg_loff(struct ctx *c, unsigned i);
/* Argument i as the caller passed it (the enter record), at least min bytes, or NULL. */
const struct rn_item *rn_fmt__enter_item(const struct ctx *c, unsigned i, uint32_t min);
/* A time's date in a comment, as strace prints it after a time: 2023-11-14T22:13:20+0000. */
void rn_fmt__put_time_comment(struct ctx *c, int64_t sec, uint64_t nsec);
/* The same with the fraction in `digits` digits: 6 for a timeval's microseconds. */
void rn_fmt__put_time_comment_frac(struct ctx *c, int64_t sec, uint64_t frac, int digits);
/* sendfile's offset: [0] => [10], the value passed and the one the kernel wrote. */
int rn_fmt__arg_loff_inout(struct ctx *c, unsigned i);
int rn_fmt__arg_int_in(struct ctx *c, unsigned i);

/* format_signal.c */
void rn_fmt__put_signal(struct rn_strbuf *sb, int sig);
/* A clock_t as strace prints it: 150, then `1.50 s` in a comment (0 alone). */
void rn_fmt__put_clock_t(struct rn_strbuf *sb, uint64_t v);
/* A sigset_t as strace prints it: [INT TERM], or ~[RTMIN] when most bits are set. */
void rn_fmt__put_sigset(struct rn_strbuf *sb, uint64_t set);
int rn_fmt__arg_sig(struct ctx *c, unsigned i);
int rn_fmt__arg_sigset(struct ctx *c, unsigned i);
int rn_fmt__arg_sigframe_mask(struct ctx *c, unsigned i);
int rn_fmt__arg_sigaction(struct ctx *c, unsigned i);
int rn_fmt__arg_stack_t(struct ctx *c, unsigned i);
int rn_fmt__arg_stack_t_out(struct ctx *c, unsigned i);
void rn_fmt__put_siginfo(struct rn_strbuf *sb, const struct siginfo_view *s);
int rn_fmt__arg_siginfo_out(struct ctx *c, unsigned i);
int rn_fmt__arg_siginfo(struct ctx *c, unsigned i);
/* timer_create's and mq_notify's struct sigevent, the fields its sigev_notify uses. */
int rn_fmt__arg_sigevent(struct ctx *c, unsigned i);

/* format_process.c */
int rn_fmt__arg_mmap_flags(struct ctx *c, unsigned i);
/* x86_64 clone(flags, stack, parent_tid, child_tid, tls), printed in strace's order. */
int rn_fmt__arg_clone(struct ctx *c, unsigned i);
int rn_fmt__arg_clone3(struct ctx *c, unsigned i);
int rn_fmt__arg_wstatus(struct ctx *c, unsigned i);
int rn_fmt__arg_rusage(struct ctx *c, unsigned i);
int rn_fmt__arg_rlimit(struct ctx *c, unsigned i);
int rn_fmt__arg_rlimit_out(struct ctx *c, unsigned i);
/* futex(uaddr, op, val, timeout|val2, uaddr2, val3): which follow depends on op. */
int rn_fmt__arg_futex_op(struct ctx *c, unsigned i);
int rn_fmt__arg_utsname(struct ctx *c, unsigned i);
int rn_fmt__arg_sysinfo(struct ctx *c, unsigned i);
int rn_fmt__arg_tms(struct ctx *c, unsigned i);
/* execve's argv: ["ls", "-l"], cut to -s strings with `...` as strace's abbrev mode does. */
int rn_fmt__arg_argv(struct ctx *c, unsigned i);
int rn_fmt__arg_envp(struct ctx *c, unsigned i);
/* prctl(option, ...): the arguments printed depend on the option. */
int rn_fmt__arg_prctl_op(struct ctx *c, unsigned i);
int rn_fmt__arg_cpuset_out(struct ctx *c, unsigned i);
int rn_fmt__arg_cpuset(struct ctx *c, unsigned i);
/* setgroups/getgroups: [0, 4, 24]; the count is the size argument or the return value. */
int rn_fmt__arg_gid_list(struct ctx *c, unsigned i);
int rn_fmt__arg_gid_list_out(struct ctx *c, unsigned i);

/* format_file.c */
void rn_fmt__put_oflags(struct rn_strbuf *sb, uint32_t v);
int rn_fmt__arg_oflags(struct ctx *c, unsigned i);
/* A mode with its file type: S_IFIFO|0644. */
int rn_fmt__arg_fmode(struct ctx *c, unsigned i);
int rn_fmt__arg_stat(struct ctx *c, unsigned i);
int rn_fmt__arg_statx(struct ctx *c, unsigned i);
int rn_fmt__arg_statfs(struct ctx *c, unsigned i);
int rn_fmt__arg_statx_flags(struct ctx *c, unsigned i);
int rn_fmt__arg_fdpair(struct ctx *c, unsigned i);
int rn_fmt__arg_dirents(struct ctx *c, unsigned i);
/* fcntl(fd, cmd, arg): whether and how arg prints depends on cmd. */
int rn_fmt__arg_fcntl_cmd(struct ctx *c, unsigned i);

/* format_sys.c */
int rn_fmt__arg_cap_header(struct ctx *c, unsigned i);
int rn_fmt__arg_cap_data(struct ctx *c, unsigned i);
int rn_fmt__arg_cap_data_out(struct ctx *c, unsigned i);
int rn_fmt__arg_mount_flags(struct ctx *c, unsigned i);
int rn_fmt__arg_open_how(struct ctx *c, unsigned i);
/* ptrace(request, pid, addr, data): the arguments printed depend on the request. */
int rn_fmt__arg_ptrace_req(struct ctx *c, unsigned i);
int rn_fmt__arg_seccomp_flags(struct ctx *c, unsigned i);
int rn_fmt__arg_seccomp_args(struct ctx *c, unsigned i);
/* keyctl(operation, ...): the arguments printed depend on the operation. */
int rn_fmt__arg_keyctl_op(struct ctx *c, unsigned i);
int rn_fmt__arg_key_serial(struct ctx *c, unsigned i);
int rn_fmt__arg_fan_init_flags(struct ctx *c, unsigned i);
int rn_fmt__arg_quota_cmd(struct ctx *c, unsigned i);
int rn_fmt__arg_sched_attr(struct ctx *c, unsigned i);
int rn_fmt__arg_sched_attr_out(struct ctx *c, unsigned i);
int rn_fmt__arg_ioring_params(struct ctx *c, unsigned i);
int rn_fmt__arg_bpf_attr(struct ctx *c, unsigned i);
/* A descriptor inside a struct or set, with -y's <name> when asked. */
void rn_fmt__put_fd(struct ctx *c, int32_t fd);
int rn_fmt__arg_mknod_dev(struct ctx *c, unsigned i);
/* An I/O priority: IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4). */
void rn_fmt__put_ioprio(struct rn_strbuf *sb, uint64_t v);
int rn_fmt__arg_ioprio(struct ctx *c, unsigned i);

/* format_ioctl.c */
/* ioctl(fd, request, arg): arg decoded for the common tty and file requests. */
int rn_fmt__arg_ioctl_req(struct ctx *c, unsigned i);

/* format_net.c */
/* A struct sockaddr of len bytes as strace prints it: {sa_family=AF_INET, sin_port=...}. */
void rn_fmt__put_sockaddr(struct ctx *c, const unsigned char *p, uint32_t len);
int rn_fmt__arg_sock_type(struct ctx *c, unsigned i);
int rn_fmt__arg_sock_proto(struct ctx *c, unsigned i);
int rn_fmt__arg_sockaddr(struct ctx *c, unsigned i);
int rn_fmt__arg_sockaddr_out(struct ctx *c, unsigned i);
int rn_fmt__arg_sockopt_name(struct ctx *c, unsigned i);
/* A value-result socklen_t *: [128 => 16], from the enter and the exit record. */
int rn_fmt__arg_socklen(struct ctx *c, unsigned i);
int rn_fmt__arg_sockopt_val(struct ctx *c, unsigned i);
int rn_fmt__arg_sockopt_val_out(struct ctx *c, unsigned i);
int rn_fmt__arg_iov(struct ctx *c, unsigned i);
int rn_fmt__arg_iov_out(struct ctx *c, unsigned i);
int rn_fmt__arg_msghdr(struct ctx *c, unsigned i);
int rn_fmt__arg_msghdr_out(struct ctx *c, unsigned i);
int rn_fmt__arg_pollfds(struct ctx *c, unsigned i);
int rn_fmt__arg_epoll_event(struct ctx *c, unsigned i);
int rn_fmt__arg_epoll_events_out(struct ctx *c, unsigned i);
void rn_fmt__put_poll_result(struct ctx *c);
/* select's fd sets as at enter: [0 4] over argument 0's nfds bits. */
int rn_fmt__arg_fdset(struct ctx *c, unsigned i);
int rn_fmt__arg_pselect_sigmask(struct ctx *c, unsigned i);
/* select's and pselect6's timeout as passed: a timeval or a timespec. */
int rn_fmt__arg_sel_timeval(struct ctx *c, unsigned i);
int rn_fmt__arg_sel_timespec(struct ctx *c, unsigned i);
/* = 1 (in [5], left {...}): the sets and the time left as the kernel rewrote them. */
void rn_fmt__put_select_result(struct ctx *c);

/* format_netlink.c */
/*
 * The protocol of the netlink socket a send or receive call used (RN_ARG_SOCK), -1 when it
 * was not bound yet (strace cannot name an unbound socket's protocol), -2 for no netlink socket.
 */
int rn_fmt__netlink_proto(const struct ctx *c);
/* Netlink messages of protocol proto (-1 unknown): len bytes, the first `have` captured at p. */
void rn_fmt__put_netlink(struct ctx *c, int proto, const void *p, uint32_t have, uint64_t len);

/* format_time.c */
void rn_fmt__put_timeval(struct ctx *c, const void *p);
void rn_fmt__put_timespec(struct ctx *c, const void *p);
int rn_fmt__arg_timespec(struct ctx *c, unsigned i);
int rn_fmt__arg_timespec_out(struct ctx *c, unsigned i);
int rn_fmt__arg_timeval(struct ctx *c, unsigned i);
int rn_fmt__arg_timeval_out(struct ctx *c, unsigned i);
int rn_fmt__arg_utimens(struct ctx *c, unsigned i);
/* utimes' and futimesat's struct timeval[2], each dated. */
int rn_fmt__arg_utimes(struct ctx *c, unsigned i);
int rn_fmt__arg_itimerspec(struct ctx *c, unsigned i);
int rn_fmt__arg_itimerspec_out(struct ctx *c, unsigned i);
int rn_fmt__arg_itimerval(struct ctx *c, unsigned i);
int rn_fmt__arg_itimerval_out(struct ctx *c, unsigned i);

#endif
