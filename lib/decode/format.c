// SPDX-License-Identifier: MIT
/*
 * The kinds table: a formatter per argument kind (the families are in format_*.c), and the
 * call, result, signal and exit lines. Each kind prints one argument exactly as
 * strace 6.1 does; when the data it needs was not captured (failed call, fault,
 * NULL) it falls back to what strace prints then: NULL or the raw pointer.
 */
#include "format.h"
#include "fdpaths.h"

#include "format_int.h"
#include "systable.h"
#include "xlat.h"

typedef int (*argfn)(struct ctx *c, unsigned i);

struct kind_fmt {
	argfn fn;
	const struct rn_xlat *xl; /* for the xlat styles, with fn == NULL */
	uint8_t style;
	const char *zero;
};

enum { XS_FLAGS = 1, XS_VAL, XS_VAL_D };

#define FN(k, f)       [RN_A_##k] = {f, NULL, 0, NULL}
#define FLAGS(k, x, z) [RN_A_##k] = {NULL, &rn_xl_##x, XS_FLAGS, z}
#define VAL(k, x)      [RN_A_##k] = {NULL, &rn_xl_##x, XS_VAL, NULL}
#define VAL_D(k, x)    [RN_A_##k] = {NULL, &rn_xl_##x, XS_VAL_D, NULL}

static const struct kind_fmt kinds[RN_A__COUNT] = {
    FN(HEX, rn_fmt__arg_hex),
    FN(INT, rn_fmt__arg_int),
    FN(UINT, rn_fmt__arg_uint),
    FN(LONG, rn_fmt__arg_long),
    FN(ULONG, rn_fmt__arg_ulong),
    FN(PTR, rn_fmt__arg_ptr),
    FN(FD, rn_fmt__arg_fd),
    FN(FD_RD, rn_fmt__arg_fd),
    FN(FD_WR, rn_fmt__arg_fd),
    FN(DIRFD, rn_fmt__arg_dirfd),
    FN(ID, rn_fmt__arg_id),
    FN(MODE, rn_fmt__arg_mode),
    FN(OMODE, rn_fmt__arg_mode),
    FN(OCTAL, rn_fmt__arg_octal),
    FN(PATH, rn_fmt__arg_path),
    FN(EXEC_PATH, rn_fmt__arg_path),
    FN(STR, rn_fmt__arg_str),
    FN(WBUF, rn_fmt__arg_wbuf),
    FN(RBUF, rn_fmt__arg_rbuf),
    FN(RBUF_HEX, rn_fmt__arg_rbuf_hex),
    FN(CWD, rn_fmt__arg_cwd),
    FN(OFLAGS, rn_fmt__arg_oflags),
    FLAGS(OFLAGS_NOACC, open_flags, NULL),
    FLAGS(ATFLAGS, at_flags, NULL),
    FLAGS(FACCESS_FLAGS, at_faccess_flags, NULL),
    FLAGS(ACCESS_MODE, access_modes, "F_OK"),
    FLAGS(PROT, mmap_prot, "PROT_NONE"),
    FN(MMAP_FLAGS, rn_fmt__arg_mmap_flags),
    FLAGS(MREMAP_FLAGS, mremap_flags, NULL),
    FN(MREMAP_NEWADDR, rn_fmt__arg_ptr),
    VAL(MADVICE, madvise),
    VAL(SEEK, seek),
    FN(FCNTL_CMD, rn_fmt__arg_fcntl_cmd),
    FN(FCNTL_ARG, rn_fmt__arg_hex),
    FN(IOCTL_REQ, rn_fmt__arg_ioctl_req),
    FN(IOCTL_ARG, rn_fmt__arg_hex),
    FN(SIG, rn_fmt__arg_sig),
    VAL(SIGHOW, sighow),
    FN(SIGSET, rn_fmt__arg_sigset),
    FN(SIGSET_OUT, rn_fmt__arg_sigset),
    FN(SIGFRAME_MASK, rn_fmt__arg_sigframe_mask),
    FN(SIGACTION, rn_fmt__arg_sigaction),
    FN(SIGACTION_OUT, rn_fmt__arg_sigaction),
    FN(CLONE_FLAGS, rn_fmt__arg_clone),
    FN(CLONE_PTID, rn_fmt__arg_ptr),
    FN(CLONE3_ARGS, rn_fmt__arg_clone3),
    FLAGS(WAIT_OPTS, wait_opts, NULL),
    FLAGS(WAITID_OPTS, waitid_opts, NULL),
    VAL(IDTYPE, idtype),
    FN(WSTATUS, rn_fmt__arg_wstatus),
    FN(RUSAGE_OUT, rn_fmt__arg_rusage),
    VAL_D(RUSAGE_WHO, rusage_who),
    FN(STAT_OUT, rn_fmt__arg_stat),
    FN(STATX_OUT, rn_fmt__arg_statx),
    FN(STATFS_OUT, rn_fmt__arg_statfs),
    FN(STATX_FLAGS, rn_fmt__arg_statx_flags),
    FLAGS(STATX_MASK, statx_mask, NULL),
    VAL(SOCK_AF, socket_af),
    FN(SOCK_TYPE, rn_fmt__arg_sock_type),
    FN(SOCK_PROTO, rn_fmt__arg_sock_proto),
    FLAGS(SOCK_FLAGS, socket_flags, NULL),
    FN(SOCKADDR, rn_fmt__arg_sockaddr),
    FN(SOCKADDR_OUT, rn_fmt__arg_sockaddr_out),
    FN(SOCKLEN_OUT, rn_fmt__arg_socklen),
    FLAGS(MSG_FLAGS, msg_flags, NULL),
    VAL(SOCK_LEVEL, sock_level),
    FN(SOCKOPT_NAME, rn_fmt__arg_sockopt_name),
    FN(SOCKOPT_VAL, rn_fmt__arg_sockopt_val),
    FN(SOCKOPT_VAL_OUT, rn_fmt__arg_sockopt_val_out),
    VAL(SHUT_HOW, shut_how),
    FN(FDPAIR_OUT, rn_fmt__arg_fdpair),
    FN(INT_OUT, rn_fmt__arg_int_out),
    FN(IOV, rn_fmt__arg_iov),
    FN(IOV_OUT, rn_fmt__arg_iov_out),
    FN(MSGHDR, rn_fmt__arg_msghdr),
    FN(MSGHDR_OUT, rn_fmt__arg_msghdr_out),
    FN(POLLFDS, rn_fmt__arg_pollfds),
    FN(TIMESPEC, rn_fmt__arg_timespec),
    FN(TIMESPEC_OUT, rn_fmt__arg_timespec_out),
    FN(TIMEVAL, rn_fmt__arg_timeval),
    FN(TIMEVAL_OUT, rn_fmt__arg_timeval_out),
    FN(UTIMENS, rn_fmt__arg_utimens),
    FN(UTIMES, rn_fmt__arg_utimes),
    FN(ITIMERSPEC, rn_fmt__arg_itimerspec),
    FN(ITIMERSPEC_OUT, rn_fmt__arg_itimerspec_out),
    VAL(CLOCKID, clocks),
    VAL(RLIMIT_RES, rlimits),
    FN(RLIMIT, rn_fmt__arg_rlimit),
    FN(RLIMIT_OUT, rn_fmt__arg_rlimit_out),
    FN(FUTEX_OP, rn_fmt__arg_futex_op),
    FN(FUTEX_TIMEOUT, rn_fmt__arg_timespec),
    FN(UTSNAME_OUT, rn_fmt__arg_utsname),
    FN(SYSINFO_OUT, rn_fmt__arg_sysinfo),
    FN(TMS_OUT, rn_fmt__arg_tms),
    FN(STACK_T, rn_fmt__arg_stack_t),
    FN(STACK_T_OUT, rn_fmt__arg_stack_t_out),
    VAL(EPOLL_CTL_OP, epoll_ctl_ops),
    FN(EPOLL_EVENT, rn_fmt__arg_epoll_event),
    FN(EPOLL_EVENTS_OUT, rn_fmt__arg_epoll_events_out),
    FLAGS(EPOLL_FLAGS, epoll_flags, NULL),
    FLAGS(EFD_FLAGS, efd_flags, NULL),
    FN(ARGV, rn_fmt__arg_argv),
    FN(ENVP, rn_fmt__arg_envp),
    FN(DIRENTS, rn_fmt__arg_dirents),
    VAL(ARCH_PRCTL, arch_prctl),
    FLAGS(GRND_FLAGS, grnd_flags, NULL),
    VAL(FADVICE, fadvise),
    FLAGS(FLOCK_OP, flock_ops, NULL),
    VAL(PRIO_WHICH, prio_which),
    FN(PRCTL_OP, rn_fmt__arg_prctl_op),
    FN(PRCTL_ARG, rn_fmt__arg_hex),
    FLAGS(CLOSE_RANGE_FLAGS, close_range_flags, NULL),
    FLAGS(RENAME_FLAGS, rename_flags, NULL),
    FLAGS(MEMFD_FLAGS, memfd_flags, NULL),
    VAL(MEMBARRIER_CMD, membarrier_cmds),
    FLAGS(TIMER_FLAGS, timer_flags, NULL),
    FLAGS(TFD_FLAGS, tfd_flags, NULL),
    FLAGS(INOTIFY_MASK, inotify_mask, NULL),
    FLAGS(INOTIFY_FLAGS, inotify_init_flags, NULL),
    VAL(ITIMER_WHICH, itimer_which),
    FN(SIGINFO_OUT, rn_fmt__arg_siginfo_out),
    FN(SIGINFO, rn_fmt__arg_siginfo),
    FN(IOPRIO, rn_fmt__arg_ioprio),
    FN(PTR_OUT, rn_fmt__arg_ptr),
    FN(CPUSET_OUT, rn_fmt__arg_cpuset_out),
    FN(CPUSET, rn_fmt__arg_cpuset),
    FN(ID_OUT, rn_fmt__arg_id_out),
    FN(GID_LIST, rn_fmt__arg_gid_list),
    FN(GID_LIST_OUT, rn_fmt__arg_gid_list_out),
    FN(ITIMERVAL, rn_fmt__arg_itimerval),
    FN(ITIMERVAL_OUT, rn_fmt__arg_itimerval_out),
    FLAGS(FALLOC_MODE, falloc_modes, NULL),
    FLAGS(SPLICE_FLAGS, splice_flags, NULL),
    FLAGS(RWF_FLAGS, rwf_flags, NULL),
    FN(SKIP, rn_fmt__arg_hex), /* never printed: the call loop passes over it */
    FLAGS(PIDFD_FLAGS, pidfd_flags, NULL),
    FN(LOFF, rn_fmt__arg_loff),
    FLAGS(SYNC_FILE_RANGE_FLAGS, sync_file_range_flags, NULL),
    FLAGS(UMOUNT_FLAGS, umount_flags, NULL),
    FN(INT_IN, rn_fmt__arg_int_in),
    VAL(SCHED_POLICY, sched_policies),
    FLAGS(SFD_FLAGS, sfd_flags, NULL),
    FN(FDSET, rn_fmt__arg_fdset),
    FN(SEL_TIMEVAL, rn_fmt__arg_sel_timeval),
    FN(SEL_TIMESPEC, rn_fmt__arg_sel_timespec),
    FN(PSELECT_SIGMASK, rn_fmt__arg_pselect_sigmask),
    FLAGS(MSYNC_FLAGS, msync_flags, NULL),
    FLAGS(MLOCKALL_FLAGS, mlockall_flags, NULL),
    FLAGS(MLOCK2_FLAGS, mlock2_flags, NULL),
    FN(FMODE, rn_fmt__arg_fmode),
    FN(MKNOD_DEV, rn_fmt__arg_mknod_dev),
    FN(CAP_HEADER, rn_fmt__arg_cap_header),
    FN(CAP_DATA, rn_fmt__arg_cap_data),
    FN(CAP_DATA_OUT, rn_fmt__arg_cap_data_out),
    FN(MOUNT_FLAGS, rn_fmt__arg_mount_flags),
    FN(OPEN_HOW, rn_fmt__arg_open_how),
    FN(PTRACE_REQ, rn_fmt__arg_ptrace_req),
    VAL(SECCOMP_OP, seccomp_ops),
    FN(SECCOMP_FLAGS, rn_fmt__arg_seccomp_flags),
    FN(SECCOMP_ARGS, rn_fmt__arg_seccomp_args),
    VAL(BPF_CMD, bpf_cmds),
    FN(KEYCTL_OP, rn_fmt__arg_keyctl_op),
    FN(KEY_SERIAL, rn_fmt__arg_key_serial),
    FN(FAN_INIT_FLAGS, rn_fmt__arg_fan_init_flags),
    FLAGS(FAN_MARK_FLAGS, fan_mark_flags, NULL),
    FLAGS(FAN_MASK, fan_events, NULL),
    FN(QUOTA_CMD, rn_fmt__arg_quota_cmd),
    FLAGS(IORING_ENTER_FLAGS, ioring_enter_flags, NULL),
    VAL(IORING_REGISTER_OP, ioring_register_ops),
    FN(SCHED_ATTR, rn_fmt__arg_sched_attr),
    FN(SCHED_ATTR_OUT, rn_fmt__arg_sched_attr_out),
    FN(IORING_PARAMS, rn_fmt__arg_ioring_params),
    FN(BPF_ATTR, rn_fmt__arg_bpf_attr),
    FLAGS(NS_FLAGS, ns_flags, NULL),
    FLAGS(XATTR_FLAGS, xattr_flags, NULL),
    VAL(IOPRIO_WHO, ioprio_who),
    FN(SIGEVENT, rn_fmt__arg_sigevent),
    FLAGS(PKEY_ACCESS, pkey_access, NULL),
    FN(LOFF_INOUT, rn_fmt__arg_loff_inout),
};

/* Arguments strace leaves out entirely unless an earlier argument asks for them. */
static bool omitted(const struct ctx *c, unsigned kind, unsigned i)
{
	switch (kind) {
	case RN_A_OMODE: /* O_CREAT or __O_TMPFILE */
		return i == 0 || !(c->a[i - 1] & (0100 | 020000000));
	case RN_A_MREMAP_NEWADDR: /* MREMAP_MAYMOVE|MREMAP_FIXED */
		return i == 0 || (c->a[i - 1] & 3) != 3;
	case RN_A_MKNOD_DEV: /* S_IFCHR or S_IFBLK */
		return i == 0 ||
		       ((c->a[i - 1] & 0170000) != 020000 && (c->a[i - 1] & 0170000) != 060000);
	}
	return false;
}

/* Kinds that read a structure or an array: with -e verbose= off, strace prints the pointer. */
static bool dereferences(unsigned kind)
{
	switch (kind) {
	case RN_A_SIGSET:
	case RN_A_SIGSET_OUT:
	case RN_A_SIGACTION:
	case RN_A_SIGACTION_OUT:
	case RN_A_CLONE3_ARGS:
	case RN_A_WSTATUS:
	case RN_A_RUSAGE_OUT:
	case RN_A_STAT_OUT:
	case RN_A_STATX_OUT:
	case RN_A_STATFS_OUT:
	case RN_A_SOCKADDR:
	case RN_A_SOCKADDR_OUT:
	case RN_A_SOCKLEN_OUT:
	case RN_A_SOCKOPT_VAL:
	case RN_A_SOCKOPT_VAL_OUT:
	case RN_A_FDPAIR_OUT:
	case RN_A_INT_OUT:
	case RN_A_IOV:
	case RN_A_IOV_OUT:
	case RN_A_MSGHDR:
	case RN_A_MSGHDR_OUT:
	case RN_A_POLLFDS:
	case RN_A_TIMESPEC:
	case RN_A_TIMESPEC_OUT:
	case RN_A_TIMEVAL:
	case RN_A_TIMEVAL_OUT:
	case RN_A_UTIMENS:
	case RN_A_UTIMES:
	case RN_A_ITIMERSPEC:
	case RN_A_ITIMERSPEC_OUT:
	case RN_A_RLIMIT:
	case RN_A_RLIMIT_OUT:
	case RN_A_FUTEX_TIMEOUT:
	case RN_A_UTSNAME_OUT:
	case RN_A_SYSINFO_OUT:
	case RN_A_TMS_OUT:
	case RN_A_STACK_T:
	case RN_A_STACK_T_OUT:
	case RN_A_EPOLL_EVENT:
	case RN_A_EPOLL_EVENTS_OUT:
	case RN_A_ARGV:
	case RN_A_ENVP:
	case RN_A_DIRENTS:
	case RN_A_SIGINFO_OUT:
	case RN_A_SIGINFO:
	case RN_A_CPUSET_OUT:
	case RN_A_CPUSET:
	case RN_A_ID_OUT:
	case RN_A_GID_LIST:
	case RN_A_GID_LIST_OUT:
	case RN_A_ITIMERVAL:
	case RN_A_ITIMERVAL_OUT:
	case RN_A_LOFF:
	case RN_A_LOFF_INOUT:
	case RN_A_INT_IN:
	case RN_A_FDSET:
	case RN_A_SEL_TIMEVAL:
	case RN_A_SEL_TIMESPEC:
	case RN_A_PSELECT_SIGMASK:
	case RN_A_CAP_HEADER:
	case RN_A_CAP_DATA:
	case RN_A_CAP_DATA_OUT:
	case RN_A_OPEN_HOW:
	case RN_A_SCHED_ATTR:
	case RN_A_SCHED_ATTR_OUT:
	case RN_A_IORING_PARAMS:
	case RN_A_BPF_ATTR:
	case RN_A_SIGEVENT:
		return true;
	}
	return false;
}

static void print_arg(struct ctx *c, unsigned kind, unsigned i, int *stop)
{
	const struct kind_fmt *k = kind < RN_A__COUNT ? &kinds[kind] : &kinds[RN_A_HEX];
	uint64_t v = c->a[i];

	if (!c->verbose && dereferences(kind)) {
		rn_fmt__put_ptr(c->sb, v);
		return;
	}
	if (k->fn) {
		*stop = k->fn(c, i);
		return;
	}
	switch (k->style) {
	case XS_FLAGS:
		rn_xlat__print_flags(c->sb, k->xl, (uint32_t)v, k->zero);
		break;
	case XS_VAL:
		rn_xlat__print_val(c->sb, k->xl, (uint64_t)(int64_t)(int32_t)v);
		break;
	case XS_VAL_D:
		rn_xlat__print_val_d(c->sb, k->xl, (int32_t)v);
		break;
	default:
		rn_fmt__put_hex0(c->sb, v);
	}
}

void rn_format__quoted(struct rn_strbuf *sb, const void *p, size_t n, bool hex)
{
	rn_fmt__quoted(sb, p, n, hex);
}

static bool in_set(const uint64_t *set, int nr)
{
	return set && nr >= 0 && nr < RN_MAX_SYSCALLS && (set[nr / 64] >> (nr % 64) & 1);
}

static bool is_raw(const struct rn_fmt_opts *o, int nr)
{
	return o && in_set(o->raw, nr);
}

static void ctx_init(struct ctx *c, struct rn_strbuf *sb, const struct rn_event *ev,
		     const struct rn_fmt_opts *o)
{
	c->sb = sb;
	c->ev = ev;
	c->a = ev->rec->args;
	c->ret = ev->rec->ret;
	c->ok = !rn_event__failed(ev) && !rn_event__noreturn(ev);
	c->strsize = !o || !o->strsize			 ? RN_FMT_STRSIZE_DEFAULT
		     : o->strsize == RN_FMT_STRSIZE_ZERO ? 0
							 : o->strsize;
	c->hex = o ? o->hex : 0;
	c->fds = o ? o->fds : NULL;
	c->abbrev = !o || !o->abbrev || in_set(o->abbrev, ev->rec->nr);
	c->verbose = !o || !o->verbose || in_set(o->verbose, ev->rec->nr);
}

/*
 * A call its thread died in: strace printed what it decodes at entry, then ` <unfinished ...>`
 * when it had more to print at exit (an argument the kernel writes, a decoded result).
 */
static bool unfinished_at_death(const struct rn_sysrow *row)
{
	if (!row)
		return false;
	if (row->ret == RN_R_POLL || row->ret == RN_R_SELECT)
		return true;
	for (unsigned i = 0; i < row->nargs; i++)
		if (rn_systable__kind_out(row->arg[i]))
			return true;
	return false;
}

void rn_format__call_spans(struct rn_strbuf *sb, const struct rn_event *ev,
			   const struct rn_fmt_opts *o, struct rn_fmt_spans *spans)
{
	const struct rn_sysrow *row = rn_systable__row(ev->rec->nr);
	const char *name = rn_syscall__name(ev->rec->nr);
	struct ctx c;
	unsigned n = row ? row->nargs : RN_NR_ARGS, shown = 0;
	int stop = 0;
	bool unfinished =
		 rn_event__noreturn(ev) && unfinished_at_death(is_raw(o, ev->rec->nr) ? NULL : row),
	     cut = false;

	ctx_init(&c, sb, ev, o);
	if (spans)
		spans->n = 0;
	if (is_raw(o, ev->rec->nr))
		row = NULL; /* every argument as hex */
	if (name)
		rn_strbuf__puts(sb, name);
	else
		rn_strbuf__printf(sb, "syscall_%#x", (unsigned)ev->rec->nr);
	rn_strbuf__putc(sb, '(');
	for (unsigned i = 0; i < n && !stop; i++) {
		unsigned kind = row ? row->arg[i] : RN_A_HEX;

		if (kind == RN_A_SKIP)
			continue;
		if (unfinished && rn_systable__kind_out(kind)) {
			cut = true;
			break;
		}
		if (omitted(&c, kind, i))
			break;
		if (shown++)
			rn_strbuf__puts(sb, ", ");
		if (spans)
			spans->start[spans->n] = sb->len;
		print_arg(&c, kind, i, &stop);
		if (spans)
			spans->end[spans->n++] = sb->len;
	}
	if (cut && shown)
		rn_strbuf__puts(sb, ", ");
	if (unfinished)
		rn_strbuf__puts(sb, " <unfinished ...>");
	rn_strbuf__putc(sb, ')');
}

void rn_format__call(struct rn_strbuf *sb, const struct rn_event *ev, const struct rn_fmt_opts *o)
{
	rn_format__call_spans(sb, ev, o, NULL);
}

void rn_format__result(struct rn_strbuf *sb, const struct rn_event *ev, const struct rn_fmt_opts *o)
{
	const struct rn_sysrow *row = rn_systable__row(ev->rec->nr);
	unsigned kind = row ? row->ret : RN_R_INT;
	struct ctx c;
	int64_t r = ev->rec->ret;

	ctx_init(&c, sb, ev, o);
	if (rn_event__noreturn(ev)) {
		rn_strbuf__puts(sb, "= ?");
		return;
	}
	if (rn_event__failed(ev)) {
		int err = (int)-r;
		const char *name = rn_errno__name(err);
		const char *text = rn_errno__text(err);
		bool restart = err == 512 || err == 513 || err == 514 || err == 516;

		rn_strbuf__puts(sb, restart ? "= ? " : "= -1 ");
		if (name)
			rn_strbuf__puts(sb, name);
		else
			rn_strbuf__append_s64(sb, err);
		if (text)
			rn_strbuf__printf(sb, " (%s)", text);
		else
			rn_strbuf__printf(sb, " (Unknown error %d)", err);
		return;
	}
	rn_strbuf__puts(sb, "= ");
	if (is_raw(o, ev->rec->nr))
		kind = RN_R_HEX;
	switch (kind) {
	case RN_R_HEX:
		rn_fmt__put_hex0(sb, (uint64_t)r);
		return;
	case RN_R_OCT:
		rn_fmt__put_mode(sb, (uint64_t)r & 0777);
		return;
	case RN_R_FCNTL: {
		uint32_t cmd = (uint32_t)ev->rec->args[1];

		if (cmd == 1 && r) { /* F_GETFD */
			rn_fmt__put_hex0(sb, (uint64_t)r);
			rn_strbuf__puts(sb, " (flags ");
			rn_xlat__print_flags(sb, &rn_xl_fd_flags, (uint64_t)r, NULL);
			rn_strbuf__putc(sb, ')');
			return;
		}
		if (cmd == 3) { /* F_GETFL */
			rn_fmt__put_hex0(sb, (uint64_t)r);
			rn_strbuf__puts(sb, " (flags ");
			rn_fmt__put_oflags(sb, (uint32_t)r);
			rn_strbuf__putc(sb, ')');
			return;
		}
		break;
	}
	case RN_R_POLL:
		rn_strbuf__append_s64(sb, r);
		if (!r)
			rn_strbuf__puts(sb, " (Timeout)");
		else if (c.verbose)
			rn_fmt__put_poll_result(&c);
		return;
	case RN_R_SELECT:
		rn_strbuf__append_s64(sb, r);
		rn_fmt__put_select_result(&c);
		return;
	case RN_R_TIMEOUT:
		rn_strbuf__append_s64(sb, r);
		if (!r)
			rn_strbuf__puts(sb, " (Timeout)");
		return;
	case RN_R_IOPRIO:
		rn_strbuf__append_s64(sb, r);
		rn_strbuf__puts(sb, " (");
		rn_fmt__put_ioprio(sb, (uint64_t)r);
		rn_strbuf__putc(sb, ')');
		return;
	case RN_R_SCHED_POLICY:
		rn_strbuf__append_s64(sb, r);
		if (rn_xlat__name(&rn_xl_sched_policies, (uint64_t)r))
			rn_strbuf__printf(sb, " (%s)",
					  rn_xlat__name(&rn_xl_sched_policies, (uint64_t)r));
		return;
	case RN_R_PRCTL:
		if ((uint32_t)ev->rec->args[0] == 27 && r > 0) { /* PR_GET_SECUREBITS */
			rn_strbuf__append_hex(sb, (uint64_t)r);
			rn_strbuf__puts(sb, " (");
			rn_xlat__print_flags(sb, &rn_xl_secbits, (uint64_t)r, NULL);
			rn_strbuf__putc(sb, ')');
			return;
		}
		rn_strbuf__append_s64(sb, r);
		if ((uint32_t)ev->rec->args[0] == 3 && rn_xlat__name(&rn_xl_dumpable, (uint64_t)r))
			rn_strbuf__printf(sb, " (%s)", rn_xlat__name(&rn_xl_dumpable, (uint64_t)r));
		return;
	}
	rn_strbuf__append_s64(sb, r);
	if (c.fds && rn_fdpaths__returns_fd(ev->rec->nr, ev->rec->args[0]))
		rn_fdpaths__put(c.fds, ev->rec->h.tgid, r, sb);
}

void rn_format__signal(struct rn_strbuf *sb, const struct rn_sig_rec *s)
{
	struct siginfo_view v = {
	    .signo = s->signo,
	    .code = s->code,
	    .errno_ = s->errno_,
	    .pid = s->pid,
	    .uid = s->uid,
	    .status = s->status,
	    .addr = s->addr,
	};

	rn_strbuf__puts(sb, "--- ");
	rn_fmt__put_signal(sb, s->signo);
	rn_strbuf__putc(sb, ' ');
	rn_fmt__put_siginfo(sb, &v);
	rn_strbuf__puts(sb, " ---");
}

void rn_format__exit(struct rn_strbuf *sb, int st)
{
	if ((st & 0x7f) == 0) {
		rn_strbuf__printf(sb, "+++ exited with %d +++", (st >> 8) & 0xff);
		return;
	}
	rn_strbuf__puts(sb, "+++ killed by ");
	rn_fmt__put_signal(sb, st & 0x7f);
	rn_strbuf__puts(sb, (st & 0x80) ? " (core dumped) +++" : " +++");
}
