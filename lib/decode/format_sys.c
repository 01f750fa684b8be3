// SPDX-License-Identifier: MIT
/*
 * System administration: capabilities, mount, openat2's open_how, ptrace, seccomp, keyctl,
 * fanotify, quotactl, sched_attr, mknod's mode and device, as strace 6.1 prints them.
 */
#include "format_int.h"

#include "xlat.h"

int rn_fmt__arg_cap_header(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 8, false);

	if (!p)
		return CONT;
	PUTS("{version=");
	rn_xlat__print_val(c->sb, &rn_xl_cap_versions, get_u32(p, 0));
	rn_strbuf__printf(c->sb, ", pid=%d}", (int)get_u32(p, 4));
	return CONT;
}

/* A capability set: 1<<CAP_CHOWN|1<<CAP_KILL, or 0. */
static void put_capset(struct ctx *c, uint64_t set)
{
	bool first = true;

	if (!set) {
		PUTC('0');
		return;
	}
	for (unsigned bit = 0; bit < 64; bit++) {
		const char *name;

		if (!(set & (1ull << bit)))
			continue;
		name = rn_xlat__name(&rn_xl_caps, bit);
		if (!first)
			PUTC('|');
		first = false;
		if (name)
			rn_strbuf__printf(c->sb, "1<<%s", name);
		else
			rn_strbuf__printf(c->sb, "1<<%u", bit);
	}
}

/* struct __user_cap_data_struct[2]: each set's low and high 32 bits. */
static int cap_data(struct ctx *c, unsigned i, bool out)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 24, out);
	static const char *const sets[] = {"{effective=", ", permitted=", ", inheritable="};

	if (!p)
		return CONT;
	for (unsigned k = 0; k < 3; k++) {
		PUTS(sets[k]);
		put_capset(c, get_u32(p, 4 * k) | (uint64_t)get_u32(p, 12 + 4 * k) << 32);
	}
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_cap_data(struct ctx *c, unsigned i)
{
	return cap_data(c, i, false);
}

int rn_fmt__arg_cap_data_out(struct ctx *c, unsigned i)
{
	return cap_data(c, i, true);
}

int rn_fmt__arg_mount_flags(struct ctx *c, unsigned i)
{
	uint64_t v = (uint32_t)c->a[i];

	if ((v & 0xffff0000u) == 0xc0ed0000u) {
		PUTS("MS_MGC_VAL");
		v &= 0xffff;
		if (!v)
			return CONT;
		PUTC('|');
	}
	rn_xlat__print_flags(c->sb, &rn_xl_mount_flags, v, NULL);
	return CONT;
}

/* struct open_how: mode only with O_CREAT or O_TMPFILE (or set anyway), resolve when set. */
int rn_fmt__arg_open_how(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 24, false);
	uint64_t flags, mode, resolve;

	if (!p)
		return CONT;
	flags = get_u64(p, 0);
	mode = get_u64(p, 8);
	resolve = get_u64(p, 16);
	PUTS("{flags=");
	rn_fmt__put_oflags(c->sb, (uint32_t)flags);
	if ((flags & (0100 | 020000000)) || mode) {
		PUTS(", mode=");
		rn_fmt__put_mode(c->sb, mode);
	}
	if (resolve) {
		PUTS(", resolve=");
		rn_xlat__print_flags(c->sb, &rn_xl_resolve_flags, resolve, NULL);
	}
	PUTC('}');
	return CONT;
}

/* ptrace(request, pid, addr, data): which arguments print, and how, depends on the request. */
int rn_fmt__arg_ptrace_req(struct ctx *c, unsigned i)
{
	uint32_t req = (uint32_t)c->a[i];
	uint64_t data = c->a[3];

	rn_xlat__print_val(c->sb, &rn_xl_ptrace_reqs, req);
	if (req == 0) /* PTRACE_TRACEME */
		return STOP;
	rn_strbuf__printf(c->sb, ", %d", (int)c->a[1]);
	switch (req) {
	case 8:	     /* PTRACE_KILL */
	case 16:     /* PTRACE_ATTACH */
	case 0x4207: /* PTRACE_INTERRUPT */
	case 0x4208: /* PTRACE_LISTEN */
		return STOP;
	}
	PUTS(", ");
	rn_fmt__put_ptr(c->sb, c->a[2]);
	PUTS(", ");
	switch (req) {
	case 0x4200: /* PTRACE_SETOPTIONS */
	case 0x4206: /* PTRACE_SEIZE */
		rn_xlat__print_flags(c->sb, &rn_xl_ptrace_opts, data, NULL);
		break;
	case 7:	 /* PTRACE_CONT */
	case 9:	 /* PTRACE_SINGLESTEP */
	case 17: /* PTRACE_DETACH */
	case 24: /* PTRACE_SYSCALL */
	case 31: /* PTRACE_SYSEMU */
	case 32: /* PTRACE_SYSEMU_SINGLESTEP */
		if (data)
			rn_fmt__put_signal(c->sb, (int)data);
		else
			PUTC('0');
		break;
	default:
		rn_fmt__put_ptr(c->sb, data);
	}
	return STOP;
}

int rn_fmt__arg_seccomp_flags(struct ctx *c, unsigned i)
{
	if (c->a[0] == 1) /* SECCOMP_SET_MODE_FILTER */
		rn_xlat__print_flags(c->sb, &rn_xl_seccomp_filter_flags, (uint32_t)c->a[i], NULL);
	else
		rn_strbuf__append_u64(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

/* seccomp's third argument: a struct sock_fprog, or the action asked about. */
int rn_fmt__arg_seccomp_args(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->a[i] ? rn_fmt__data_of(c, i, 0, 4) : NULL;
	const void *p = it ? rn_item__data(it) : NULL;

	if (p && c->a[0] == 1 && it->len >= 16) {
		rn_strbuf__printf(c->sb, "{len=%u, filter=", get_u16(p, 0));
		rn_fmt__put_ptr(c->sb, get_u64(p, 8));
		PUTC('}');
	} else if (p && c->a[0] == 2) { /* SECCOMP_GET_ACTION_AVAIL */
		PUTC('[');
		rn_xlat__print_val(c->sb, &rn_xl_seccomp_ret, get_u32(p, 0));
		PUTC(']');
	} else {
		rn_fmt__put_ptr(c->sb, c->a[i]);
	}
	return CONT;
}

static void put_key(struct ctx *c, uint64_t v)
{
	const char *name = rn_xlat__name(&rn_xl_key_specs, (uint64_t)(int64_t)(int32_t)v);

	if (name)
		PUTS(name);
	else
		rn_strbuf__append_s64(c->sb, (int32_t)v);
}

/* keyctl(operation, ...): the arguments printed depend on the operation. */
int rn_fmt__arg_keyctl_op(struct ctx *c, unsigned i)
{
	uint32_t op = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_keyctl_ops, op);
	PUTS(", ");
	put_key(c, c->a[1]);
	switch (op) {
	case 0: /* KEYCTL_GET_KEYRING_ID */
		rn_strbuf__printf(c->sb, ", %d", (int)c->a[2]);
		break;
	case 3:	 /* KEYCTL_REVOKE */
	case 7:	 /* KEYCTL_CLEAR */
	case 16: /* KEYCTL_ASSUME_AUTHORITY */
	case 21: /* KEYCTL_INVALIDATE */
		break;
	case 6:	 /* KEYCTL_DESCRIBE */
	case 11: /* KEYCTL_READ */
	case 17: /* KEYCTL_GET_SECURITY */
		PUTS(", ");
		rn_fmt__put_ptr(c->sb, c->a[2]);
		rn_strbuf__printf(c->sb, ", %llu", (unsigned long long)c->a[3]);
		break;
	case 8: /* KEYCTL_LINK */
	case 9: /* KEYCTL_UNLINK */
		PUTS(", ");
		put_key(c, c->a[2]);
		break;
	default:
		for (unsigned k = 2; k < 5; k++) {
			PUTS(", ");
			rn_fmt__put_hex0(c->sb, c->a[k]);
		}
	}
	return STOP;
}

int rn_fmt__arg_key_serial(struct ctx *c, unsigned i)
{
	put_key(c, c->a[i]);
	return CONT;
}

int rn_fmt__arg_fan_init_flags(struct ctx *c, unsigned i)
{
	uint32_t v = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_fan_classes, v & 0xc);
	if (v & ~0xcu) {
		PUTC('|');
		rn_xlat__print_flags(c->sb, &rn_xl_fan_init_flags, v & ~0xcu, NULL);
	}
	return CONT;
}

/* QCMD(Q_GETQUOTA, USRQUOTA) */
int rn_fmt__arg_quota_cmd(struct ctx *c, unsigned i)
{
	uint32_t v = (uint32_t)c->a[i];

	PUTS("QCMD(");
	rn_xlat__print_val(c->sb, &rn_xl_quota_cmds, v >> 8);
	PUTS(", ");
	rn_xlat__print_val(c->sb, &rn_xl_quota_types, v & 0xff);
	PUTC(')');
	return CONT;
}

/* struct sched_attr: 48 bytes, 56 with the utilization clamps. */
static int sched_attr(struct ctx *c, unsigned i, bool out)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 48, out);
	const struct rn_item *it;
	uint32_t size;

	if (!p)
		return CONT;
	it = rn_fmt__data_of(c, i, 0, 48);
	size = get_u32(p, 0);
	rn_strbuf__printf(c->sb, "{size=%u, sched_policy=", size);
	rn_xlat__print_val(c->sb, &rn_xl_sched_policies, get_u32(p, 4));
	PUTS(", sched_flags=");
	rn_xlat__print_flags(c->sb, &rn_xl_sched_attr_flags, get_u64(p, 8), NULL);
	rn_strbuf__printf(c->sb,
			  ", sched_nice=%d, sched_priority=%u, sched_runtime=%llu, "
			  "sched_deadline=%llu, sched_period=%llu",
			  (int)get_u32(p, 16), get_u32(p, 20), (unsigned long long)get_u64(p, 24),
			  (unsigned long long)get_u64(p, 32), (unsigned long long)get_u64(p, 40));
	if (size >= 56 && it && it->len >= 56)
		rn_strbuf__printf(c->sb, ", sched_util_min=%u, sched_util_max=%u", get_u32(p, 48),
				  get_u32(p, 52));
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_sched_attr(struct ctx *c, unsigned i)
{
	return sched_attr(c, i, false);
}

int rn_fmt__arg_sched_attr_out(struct ctx *c, unsigned i)
{
	return sched_attr(c, i, true);
}

/*
 * struct io_uring_params: what was asked (flags, the SQPOLL thread's cpu and idle time, wq_fd
 * with IORING_SETUP_ATTACH_WQ), then once the call succeeded what the kernel filled in.
 */
int rn_fmt__arg_ioring_params(struct ctx *c, unsigned i)
{
	static const char *const sq[] = {"head",  "tail",    "ring_mask", "ring_entries",
					 "flags", "dropped", "array"};
	static const char *const cq[] = {"head",     "tail", "ring_mask", "ring_entries",
					 "overflow", "cqes", "flags"};
	const unsigned char *p = rn_fmt__struct_or_ptr(c, i, 120, false);
	uint32_t flags;

	if (!p)
		return CONT;
	flags = get_u32(p, 8);
	PUTS("{flags=");
	rn_xlat__print_flags(c->sb, &rn_xl_ioring_setup_flags, flags, NULL);
	rn_strbuf__printf(c->sb, ", sq_thread_cpu=%u, sq_thread_idle=%u", get_u32(p, 12),
			  get_u32(p, 16));
	if (flags & 32) /* IORING_SETUP_ATTACH_WQ */
		rn_strbuf__printf(c->sb, ", wq_fd=%d", (int)get_u32(p, 24));
	if (c->ok) {
		rn_strbuf__printf(c->sb, ", sq_entries=%u, cq_entries=%u, features=", get_u32(p, 0),
				  get_u32(p, 4));
		rn_xlat__print_flags(c->sb, &rn_xl_ioring_features, get_u32(p, 20), NULL);
		PUTS(", sq_off={");
		for (unsigned k = 0; k < 7; k++)
			rn_strbuf__printf(c->sb, "%s%s=%u", k ? ", " : "", sq[k],
					  get_u32(p, 40 + 4 * k));
		PUTS("}, cq_off={");
		for (unsigned k = 0; k < 7; k++)
			rn_strbuf__printf(c->sb, "%s%s=%u", k ? ", " : "", cq[k],
					  get_u32(p, 80 + 4 * k));
		PUTC('}');
	}
	PUTC('}');
	return CONT;
}

void rn_fmt__put_ioprio(struct rn_strbuf *sb, uint64_t v)
{
	rn_strbuf__puts(sb, "IOPRIO_PRIO_VALUE(");
	rn_xlat__print_val(sb, &rn_xl_ioprio_class, (v >> 13) & 7);
	rn_strbuf__printf(sb, ", %u)", (unsigned)(v & 0x1fff));
}

int rn_fmt__arg_ioprio(struct ctx *c, unsigned i)
{
	rn_fmt__put_ioprio(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

/* mknod's device, printed only for character and block devices: makedev(0x1, 0x3). */
int rn_fmt__arg_mknod_dev(struct ctx *c, unsigned i)
{
	uint64_t d = c->a[i];

	PUTS("makedev(");
	rn_fmt__put_hex0(c->sb, ((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffull));
	PUTS(", ");
	rn_fmt__put_hex0(c->sb, (d & 0xff) | ((d >> 12) & ~0xffull));
	PUTC(')');
	return CONT;
}

/* B_STR, B_PATH: the string BPF captured as the attributes' idx 1, cut at -s or whole */
enum bpf_style {
	B_U32,
	B_FD,
	B_PTR,
	B_HEX,
	B_VAL,
	B_FLAGS,
	B_ELEM,
	B_NAME,
	B_KVER,
	B_NUMA,
	B_STR,
	B_PATH
};

struct bpf_field {
	const char *name;
	uint8_t off, style;
	const struct rn_xlat *xl;
};

#define BF(n, o, s, x)                                                                             \
	{                                                                                          \
		n, o, s, x                                                                         \
	}
static const struct bpf_field bpf_map_create[] = {
    BF("map_type", 0, B_VAL, &rn_xl_bpf_map_types),
    BF("key_size", 4, B_U32, NULL),
    BF("value_size", 8, B_U32, NULL),
    BF("max_entries", 12, B_U32, NULL),
    BF("map_flags", 16, B_FLAGS, &rn_xl_bpf_map_flags),
    BF("inner_map_fd", 20, B_FD, NULL),
    BF("numa_node", 24, B_NUMA, NULL),
    BF("map_name", 28, B_NAME, NULL),
    BF("map_ifindex", 44, B_U32, NULL),
    BF("btf_fd", 48, B_FD, NULL),
    BF("btf_key_type_id", 52, B_U32, NULL),
    BF("btf_value_type_id", 56, B_U32, NULL),
    BF("btf_vmlinux_value_type_id", 60, B_U32, NULL),
    BF("map_extra", 64, B_HEX, NULL),
};
static const struct bpf_field bpf_map_elem[] = {
    BF("map_fd", 0, B_FD, NULL),
    BF("key", 8, B_PTR, NULL),
    BF("value", 16, B_PTR, NULL),
    BF("flags", 24, B_ELEM, &rn_xl_bpf_elem_flags),
};
static const struct bpf_field bpf_map_next_key[] = {
    BF("map_fd", 0, B_FD, NULL),
    BF("key", 8, B_PTR, NULL),
    BF("next_key", 16, B_PTR, NULL),
};
static const struct bpf_field bpf_prog_load[] = {
    BF("prog_type", 0, B_VAL, &rn_xl_bpf_prog_types),
    BF("insn_cnt", 4, B_U32, NULL),
    BF("insns", 8, B_PTR, NULL),
    BF("license", 16, B_STR, NULL),
    BF("log_level", 24, B_U32, NULL),
    BF("log_size", 28, B_U32, NULL),
    BF("log_buf", 32, B_PTR, NULL),
    BF("kern_version", 40, B_KVER, NULL),
    BF("prog_flags", 44, B_FLAGS, &rn_xl_bpf_prog_flags),
    BF("prog_name", 48, B_NAME, NULL),
    BF("prog_ifindex", 64, B_U32, NULL),
    BF("expected_attach_type", 68, B_VAL, &rn_xl_bpf_attach_types),
    BF("prog_btf_fd", 72, B_FD, NULL),
    BF("func_info_rec_size", 76, B_U32, NULL),
    BF("func_info", 80, B_PTR, NULL),
    BF("func_info_cnt", 88, B_U32, NULL),
    BF("line_info_rec_size", 92, B_U32, NULL),
    BF("line_info", 96, B_PTR, NULL),
    BF("line_info_cnt", 104, B_U32, NULL),
    BF("attach_btf_id", 108, B_U32, NULL),
    BF("attach_prog_fd", 112, B_FD, NULL),
    BF("fd_array", 120, B_PTR, NULL),
};
static const struct bpf_field bpf_obj[] = {
    BF("pathname", 0, B_PATH, NULL),
    BF("bpf_fd", 8, B_FD, NULL),
    BF("file_flags", 12, B_FLAGS, &rn_xl_bpf_map_flags),
};
static const struct bpf_field bpf_link_create[] = {
    BF("prog_fd", 0, B_FD, NULL),
    BF("target_fd", 4, B_FD, NULL),
    BF("attach_type", 8, B_VAL, &rn_xl_bpf_attach_types),
    BF("flags", 12, B_U32, NULL),
};

static unsigned bpf_field_size(uint8_t style)
{
	return style == B_NAME ? 16
	       : style == B_PTR || style == B_HEX || style == B_ELEM || style == B_STR ||
		       style == B_PATH
		   ? 8
		   : 4;
}

/* The fields of one command that lie within the size the caller passed, as strace. */
static void put_bpf_fields(struct ctx *c, unsigned i, const unsigned char *p, uint32_t len,
			   const struct bpf_field *f, size_t n)
{
	const struct rn_item *str;

	PUTC('{');
	for (size_t k = 0; k < n && f[k].off + bpf_field_size(f[k].style) <= len; k++) {
		const unsigned char *v = p + f[k].off;

		if (f[k].style == B_NUMA && !(get_u32(p, 16) & 4)) /* BPF_F_NUMA_NODE */
			continue;
		rn_strbuf__printf(c->sb, "%s%s=", k ? ", " : "", f[k].name);
		switch (f[k].style) {
		case B_U32:
		case B_NUMA:
			rn_strbuf__append_u64(c->sb, get_u32(v, 0));
			break;
		case B_FD:
			rn_fmt__put_fd(c, (int32_t)get_u32(v, 0));
			break;
		case B_STR:
		case B_PATH:
			str = get_u64(v, 0) ? rn_fmt__data_of(c, i, 1, 0) : NULL;
			if (str)
				rn_fmt__put_cstr(c, str, f[k].style == B_STR);
			else
				rn_fmt__put_ptr(c->sb, get_u64(v, 0));
			break;
		case B_PTR:
			rn_fmt__put_ptr(c->sb, get_u64(v, 0));
			break;
		case B_HEX:
			rn_fmt__put_hex0(c->sb, get_u64(v, 0));
			break;
		case B_VAL:
			rn_xlat__print_val(c->sb, f[k].xl, get_u32(v, 0));
			break;
		case B_FLAGS:
			rn_xlat__print_flags(c->sb, f[k].xl, get_u32(v, 0), NULL);
			break;
		case B_ELEM:
			rn_xlat__print_flags(c->sb, f[k].xl, get_u64(v, 0), "BPF_ANY");
			break;
		case B_NAME:
			rn_fmt__quoted(c->sb, v, strnlen((const char *)v, 16), false);
			break;
		case B_KVER:
			rn_strbuf__printf(c->sb, "KERNEL_VERSION(%u, %u, %u)", get_u32(v, 0) >> 16,
					  (get_u32(v, 0) >> 8) & 0xff, get_u32(v, 0) & 0xff);
			break;
		}
	}
	PUTC('}');
}

#define FIELDS(a) a, sizeof(a) / sizeof(a[0])

/* bpf(cmd, attr, size): the attributes of the common commands, as strace 6.1 prints them. */
int rn_fmt__arg_bpf_attr(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->a[i] ? rn_fmt__data_of(c, i, 0, 4) : NULL;
	const unsigned char *p = it ? rn_item__data(it) : NULL;
	uint32_t len = it ? it->len : 0;

	switch (p ? (uint32_t)c->a[0] : UINT32_MAX) {
	case 0: /* BPF_MAP_CREATE */
		put_bpf_fields(c, i, p, len, FIELDS(bpf_map_create));
		break;
	case 1: /* BPF_MAP_LOOKUP_ELEM */
	case 2: /* BPF_MAP_UPDATE_ELEM */
		put_bpf_fields(c, i, p, len, FIELDS(bpf_map_elem));
		break;
	case 3: /* BPF_MAP_DELETE_ELEM */
		put_bpf_fields(c, i, p, len, bpf_map_elem, 2);
		break;
	case 4: /* BPF_MAP_GET_NEXT_KEY */
		put_bpf_fields(c, i, p, len, FIELDS(bpf_map_next_key));
		break;
	case 5: /* BPF_PROG_LOAD */
		put_bpf_fields(c, i, p, len, FIELDS(bpf_prog_load));
		break;
	case 6: /* BPF_OBJ_PIN */
	case 7: /* BPF_OBJ_GET */
		put_bpf_fields(c, i, p, len, FIELDS(bpf_obj));
		break;
	case 28: /* BPF_LINK_CREATE */
		PUTS("{link_create=");
		put_bpf_fields(c, i, p, len, FIELDS(bpf_link_create));
		PUTC('}');
		break;
	default:
		rn_fmt__put_ptr(c->sb, c->a[i]);
	}
	return CONT;
}
