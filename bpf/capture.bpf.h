/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The capture of a syscall's user memory into the per-CPU scratch record, as the capspec
 * table says: strings, buffers, iovecs, msghdrs, string arrays and the new image's argv,
 * dirent counts, the objects behind fds and what an fd names (-y). BPF only: include it once per
 * BPF program, after vmlinux.h, the libbpf headers and renacer_abi.h; it defines the capture's
 * knobs, maps (capspec, scratch_map, dirchunk_map, counters) and global functions.
 */
#ifndef RENACER_CAPTURE_BPF_H
#define RENACER_CAPTURE_BPF_H

#define SCRATCH_SZ (2 * RN_REC_MAX) /* masked offsets + masked lengths stay inside */
#define OFF_MASK   (RN_REC_MAX - 1)
/*
 * User addresses below this are never mapped (vm.mmap_min_addr is at least a page):
 * they are integers passed where a pointer may be (fcntl's third argument). Reading one
 * takes a page fault, which costs more than the rest of the call's tracing together.
 */
#define MIN_UADDR 4096
#define EFAULT_K  14

const volatile __u32 snaplen = 32;	  /* bytes of user data per buffer (-s) */
const volatile bool capture_objs = false; /* RN_CAP_FDOBJ: only for golden traces */
const volatile __u64 obj_secret = 0;	  /* keys objects without exposing addresses */

struct scratch {
	struct rn_sys_rec rec;
	__u8 data[SCRATCH_SZ - sizeof(struct rn_sys_rec) - 16];
	__u64 strlen;  /* full length of the last string put_str read */
	__u32 faulted; /* args to capture again at exit, for the enter program: their capture
			* faulted, or they are value-result arguments (RN_CAPF_EXIT_TOO) */
	__u32 snap;    /* this call's cap of user data: snaplen, more for a netlink socket */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, RN_MAX_SYSCALLS);
	__type(key, __u32);
	__type(value, struct rn_sysspec);
} capspec SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

/* RN_CNT_*, per CPU: the capture counts truncations and faults, the program the rest. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, RN_CNT__MAX);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

static __always_inline void count(__u32 which, __u64 n)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &which);

	if (v)
		*v += n;
}

static __always_inline struct scratch *get_scratch(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch_map, &zero);
}

/*
 * The capture helpers below are global functions: the verifier checks each once
 * with unknown arguments, instead of once per call site and loop iteration.
 * An item is named by a tag: arg | idx << 8 | kind << 16.
 */
#define TAG(arg, idx, kind) ((arg) | (idx) << 8 | (kind) << 16)

/* Appends an item header at off; returns the offset of its data. */
static __always_inline __u32 item_begin(struct scratch *s, __u32 off, __u32 tag)
{
	struct rn_item *it = (void *)((char *)s + (off & OFF_MASK));

	it->arg = tag & 0xff;
	it->idx = (tag >> 8) & 0xff;
	it->kind = (tag >> 16) & 0xff;
	it->flags = 0;
	it->len = 0;
	return off + sizeof(*it);
}

/* Closes the item begun at off with len bytes; returns the next aligned offset. */
static __always_inline __u32 item_end(struct scratch *s, __u32 off, __u32 len, __u32 flags)
{
	struct rn_item *it = (void *)((char *)s + (off & OFF_MASK));

	it->len = len;
	it->flags = flags;
	if ((flags & (RN_IF_TRUNC | RN_IF_SNAP)) == RN_IF_TRUNC)
		count(RN_CNT_TRUNCATED, 1);
	if (flags & RN_IF_FAULT)
		count(RN_CNT_FAULTED, 1);
	return off + sizeof(*it) + ((len + 7) & ~7u);
}

static __always_inline __u32 room(__u32 off)
{
	__u32 used = off + sizeof(struct rn_item) + 8;

	return used < RN_REC_MAX ? RN_REC_MAX - used : 0;
}

/* Copies up to want bytes (at most cap) of user memory at ptr into a new item. */
__noinline int put_mem(__u32 off, __u32 tag, __u64 ptr, __u64 want, __u32 cap)
{
	struct scratch *s = get_scratch();
	__u32 doff, flags = 0;
	__u64 len = want;

	if (!s || room(off) == 0)
		return off;
	doff = item_begin(s, off, tag);
	if (len > cap) {
		len = cap;
		flags |= RN_IF_TRUNC | (cap == snaplen ? RN_IF_SNAP : 0);
	}
	if (len > room(off)) {
		len = room(off);
		flags |= RN_IF_TRUNC;
	}
	len &= OFF_MASK;
	if (len && (ptr < MIN_UADDR ||
		    bpf_probe_read_user((char *)s + (doff & OFF_MASK), len, (void *)ptr))) {
		len = 0;
		flags |= RN_IF_FAULT;
	}
	return item_end(s, off, len, flags);
}

/*
 * Copies a NUL-terminated string (user memory, or kernel memory with from_kernel) into a
 * new item, keeping at most cap bytes of it; the full length goes to s->strlen.
 */
__noinline int put_str(__u32 off, __u32 tag, __u64 ptr, __u32 cap, __u32 from_kernel)
{
	struct scratch *s = get_scratch();
	__u32 doff, lim, flags = 0;
	long n;

	if (!s || room(off) == 0)
		return off;
	s->strlen = 0;
	doff = item_begin(s, off, tag);
	lim = room(off) & OFF_MASK;
	if (lim > RN_PATH_MAX + 1)
		lim = RN_PATH_MAX + 1;
	if (!lim)
		return item_end(s, off, 0, RN_IF_TRUNC);
	if (!from_kernel && ptr < MIN_UADDR)
		n = -EFAULT_K;
	else if (from_kernel)
		n = bpf_probe_read_kernel_str((char *)s + (doff & OFF_MASK), lim, (void *)ptr);
	else
		n = bpf_probe_read_user_str((char *)s + (doff & OFF_MASK), lim, (void *)ptr);
	if (n <= 0)
		return item_end(s, off, 0, RN_IF_FAULT);
	s->strlen = n - 1;
	if (n == lim)
		flags |= RN_IF_TRUNC;
	if (n - 1 > cap) {
		n = cap + 1;
		flags |= RN_IF_TRUNC | (cap == snaplen + 1 ? RN_IF_SNAP : 0);
	}
	return item_end(s, off, (__u32)n - 1, flags);
}

__noinline int put_u32(__u32 off, __u32 tag, __u32 v, __u32 flags)
{
	struct scratch *s = get_scratch();
	__u32 doff;

	if (!s || room(off) < 8)
		return off;
	doff = item_begin(s, off, tag);
	*(__u32 *)((char *)s + (doff & OFF_MASK)) = v;
	return item_end(s, off, 4, flags);
}

/* The cap of user data for the call being captured (RN_ARG_SOCK raises it). */
static __always_inline __u32 snap_of(struct scratch *s)
{
	return s && s->snap ? s->snap : snaplen;
}

/* iovec array at ptr with n entries: item idx is the array, idx + 1 + i entry i's data. */
__noinline int put_iov(__u32 off, __u32 tag, __u64 ptr, __u64 n, __u64 total)
{
	struct iovec_k {
		__u64 base, len;
	} iov;
	__u32 i, cap = snap_of(get_scratch());

	if (n > RN_MAX_IOV)
		n = RN_MAX_IOV;
	off = put_mem(off, tag, ptr, n * 16, RN_MAX_IOV * 16);
	for (i = 0; i < RN_MAX_IOV && i < n; i++) {
		if (bpf_probe_read_user(&iov, sizeof(iov), (void *)(ptr + i * 16)))
			break;
		if (iov.len > total)
			iov.len = total;
		total -= iov.len;
		off = put_mem(off, tag + ((1 + i) << 8), iov.base, iov.len, cap);
	}
	return off;
}

struct strarr_ctx {
	__u64 ptr;
	__u32 off;
	__u32 tag;
	__u32 n;
	__u32 with_strings;
	__u32 fault; /* a pointer or a string could not be read */
};

static long strarr_step(__u32 i, void *data)
{
	struct strarr_ctx *c = data;
	__u64 p = 0;
	struct scratch *s;
	__u32 off = c->off;

	if (bpf_probe_read_user(&p, sizeof(p), (void *)(c->ptr + (__u64)i * 8))) {
		c->fault = 1;
		return 1;
	}
	if (!p)
		return 1;
	c->n = i + 1;
	if (c->with_strings && i < RN_MAX_STRARR) {
		c->off = put_str(off, c->tag + ((i + 1) << 8), p, snaplen + 1, 0);
		s = get_scratch();
		if (s && c->off != off &&
		    (((struct rn_item *)((char *)s + (off & OFF_MASK)))->flags & RN_IF_FAULT))
			c->fault = 1;
	}
	return 0;
}

/*
 * getdents64 is shown as its entry count (strace's "N entries" comment), which takes a
 * walk of the d_reclen chain: the buffer is read a chunk at a time into dirchunk and
 * walked there, not one user read per entry.
 */
#define DIRCHUNK 4096

/*
 * The walk's state lives in the map value, not the stack: the verifier then sees its
 * fields as unknown and checks the loop body once instead of tracking each step.
 */
struct dirchunk {
	__u64 ptr, pos, len;
	__u64 base, have; /* b holds the buffer's bytes [base, base + have) */
	__u32 n, pad;
	__u8 b[DIRCHUNK + 8];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct dirchunk);
} dirchunk_map SEC(".maps");

static long dirents_step(__u32 i, void *data)
{
	struct dirchunk *c = *(struct dirchunk **)data;
	__u64 at, have;
	__u16 reclen;

	if (c->pos + 19 > c->len)
		return 1;
	if (c->pos + 18 > c->base + c->have) {
		have = c->len - c->pos;
		if (have > DIRCHUNK)
			have = DIRCHUNK;
		if (bpf_probe_read_user(c->b, have, (void *)(c->ptr + c->pos)))
			return 1;
		c->base = c->pos;
		c->have = have;
	}
	at = (c->pos - c->base + 16) & (DIRCHUNK - 1);
	reclen = *(__u16 *)&c->b[at];
	if (!reclen)
		return 1;
	c->pos += reclen;
	c->n = i + 1;
	return 0;
}

static __always_inline __u64 count_of(struct scratch *s, const struct rn_capspec *c)
{
	__u32 src = c->len_src;
	__u32 v = 0;

	if (src < RN_NR_ARGS)
		return s->rec.args[src];
	if (src == RN_LEN_RET)
		return s->rec.ret > 0 ? s->rec.ret : 0;
	if (src == RN_LEN_FIXED)
		return 1;
	src = (src - RN_LEN_DEREF0) & 7;
	if (src >= RN_NR_ARGS || s->rec.args[src] < MIN_UADDR)
		return 0;
	if (bpf_probe_read_user(&v, sizeof(v), (void *)s->rec.args[src]))
		return 0;
	return v;
}

#define S_IFMT_K   00170000
#define S_IFIFO_K  0010000
#define S_IFSOCK_K 0140000
#define AF_UNIX_K  1

/* The file behind fd of the current task, or NULL: the task is a trusted BTF pointer, so
 * plain loads down to the fd array, no helper calls. */
static __always_inline struct file *fd_file(__u64 fd)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct files_struct *files = t->files;
	struct file *f = NULL;
	struct fdtable *fdt;

	if (!files)
		return NULL;
	fdt = files->fdt;
	if (!fdt || fd >= fdt->max_fds)
		return NULL;
	if (bpf_probe_read_kernel(&f, sizeof(f), &fdt->fd[fd & 0xffffff]))
		return NULL;
	return f;
}

/* The object behind fd that carries its data: a pipe, or a Unix socket (or its peer). */
__noinline int put_fdobj(__u32 off, __u32 tag, __u64 fd, __u32 send)
{
	struct rn_fdobj obj = {};
	struct scratch *s = get_scratch();
	struct file *f;
	struct inode *ino;
	struct sock *sk;
	__u32 doff;
	__u16 mode;

	if (!s || room(off) < sizeof(obj) + 8)
		return off;
	f = fd_file(fd);
	if (!f)
		return off;
	ino = BPF_CORE_READ(f, f_inode);
	mode = BPF_CORE_READ(ino, i_mode);
	if ((mode & S_IFMT_K) == S_IFIFO_K) {
		obj.type = RN_FDOBJ_PIPE;
		obj.key = (__u64)BPF_CORE_READ(ino, i_pipe);
	} else if ((mode & S_IFMT_K) == S_IFSOCK_K) {
		struct socket *sock = BPF_CORE_READ(f, private_data);

		sk = BPF_CORE_READ(sock, sk);
		if (!sk || BPF_CORE_READ(sk, __sk_common.skc_family) != AF_UNIX_K)
			return off;
		if (send)
			sk = BPF_CORE_READ((struct unix_sock *)sk, peer);
		obj.type = RN_FDOBJ_UNIX;
		obj.key = (__u64)sk;
	}
	if (!obj.key)
		return off;
	obj.key = (obj.key ^ obj_secret) * 0x9e3779b97f4a7c15ULL;
	doff = item_begin(s, off, tag);
	__builtin_memcpy((char *)s + (doff & OFF_MASK), &obj, sizeof(obj));
	return item_end(s, off, sizeof(obj), 0);
}

#define AF_INET_K  2
#define AF_INET6_K 10

/* What fd names now (RN_CAP_FDID): inode and mode; a socket's family, type, endpoints. */
__noinline int put_fdid(__u32 off, __u32 tag, __u64 fd)
{
	struct scratch *s = get_scratch();
	struct file *f = fd_file(fd);
	struct rn_fdid *id;
	struct inode *ino;
	struct sock *sk;
	__u32 doff;

	if (!s || !f || room(off) < sizeof(*id) + 8)
		return off;
	doff = item_begin(s, off, tag);
	id = (void *)((char *)s + (doff & OFF_MASK));
	__builtin_memset(id, 0, sizeof(*id));
	ino = BPF_CORE_READ(f, f_inode);
	id->ino = BPF_CORE_READ(ino, i_ino);
	id->mode = BPF_CORE_READ(ino, i_mode);
	if ((id->mode & S_IFMT_K) == S_IFSOCK_K) {
		struct socket *sock = BPF_CORE_READ(f, private_data);

		sk = BPF_CORE_READ(sock, sk);
		if (sk) {
			id->family = BPF_CORE_READ(sk, __sk_common.skc_family);
			id->type = BPF_CORE_READ(sk, sk_type);
			id->protocol = BPF_CORE_READ(sk, sk_protocol);
			id->state = BPF_CORE_READ(sk, __sk_common.skc_state);
			if (id->family == AF_INET_K || id->family == AF_INET6_K) {
				id->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
				id->dport =
				    __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
			}
			if (id->family == AF_INET_K) {
				bpf_core_read(id->saddr, 4, &sk->__sk_common.skc_rcv_saddr);
				bpf_core_read(id->daddr, 4, &sk->__sk_common.skc_daddr);
			} else if (id->family == AF_INET6_K) {
				bpf_core_read(id->saddr, 16, &sk->__sk_common.skc_v6_rcv_saddr);
				bpf_core_read(id->daddr, 16, &sk->__sk_common.skc_v6_daddr);
			} else if (id->family == RN_AF_NETLINK) {
				id->state = BPF_CORE_READ((struct netlink_sock *)sk, bound);
			} else if (id->family == AF_UNIX_K) {
				struct sock *peer = BPF_CORE_READ((struct unix_sock *)sk, peer);
				struct socket *ps = peer ? BPF_CORE_READ(peer, sk_socket) : NULL;

				if (ps)
					id->peer_ino = BPF_CORE_READ(
					    container_of(ps, struct socket_alloc, socket),
					    vfs_inode.i_ino);
			}
		}
	}
	return item_end(s, off, sizeof(*id), 0);
}

/*
 * RN_SYSF_SOCK: a netlink socket at args[0] gets its RN_ARG_SOCK item and this call's
 * buffers the larger cap; anything else, nothing (a few loads, no bytes in the record).
 */
__noinline int put_sock(__u32 off, __u64 fd)
{
	struct scratch *s = get_scratch();
	struct file *f = fd_file(fd);
	struct socket *sock;
	struct inode *ino;
	struct sock *sk;

	if (!s || !f)
		return off;
	ino = BPF_CORE_READ(f, f_inode);
	if ((BPF_CORE_READ(ino, i_mode) & S_IFMT_K) != S_IFSOCK_K)
		return off;
	sock = BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(sock, sk);
	if (!sk || BPF_CORE_READ(sk, __sk_common.skc_family) != RN_AF_NETLINK)
		return off;
	s->snap = snaplen > RN_NETLINK_MAX ? snaplen : RN_NETLINK_MAX;
	return put_fdid(off, TAG(RN_ARG_SOCK, 0, RN_CAP_FDID), fd);
}

/* RN_CAP_FDID: the fd is the result, an argument, or the int[2] an argument points to. */
static __always_inline int capture_fdid(struct scratch *s, const struct rn_capspec *c, __u32 off)
{
	__u32 src = c->len_src;
	__s32 pair[2];

	/* a failed connect (EINPROGRESS) may have its endpoints already: the socket always */
	if (src < RN_NR_ARGS && c->size == 4)
		return put_fdid(off, TAG(RN_ARG_FDID, 0, RN_CAP_FDID), (__u32)s->rec.args[src]);
	if (s->rec.ret < 0 || (src != RN_LEN_RET && src >= RN_NR_ARGS))
		return off;
	if (src == RN_LEN_RET)
		return put_fdid(off, TAG(RN_ARG_FDID, 0, RN_CAP_FDID), s->rec.ret);
	if (bpf_probe_read_user(pair, sizeof(pair), (void *)s->rec.args[src]))
		return off;
	off = put_fdid(off, TAG(RN_ARG_FDID, 0, RN_CAP_FDID), (__u32)pair[0]);
	return put_fdid(off, TAG(RN_ARG_FDID, 1, RN_CAP_FDID), (__u32)pair[1]);
}

/* Captures one argument as capspec c says; returns the new payload offset. */
static __always_inline int capture_one(struct scratch *s, __u32 arg, __u32 off)
{
	struct rn_sysspec *spec;
	struct rn_capspec *c;
	__u32 nr, cap;
	__u64 ptr, n, total;

	if (arg >= RN_NR_ARGS)
		return off;
	nr = (__u32)s->rec.nr;
	spec = bpf_map_lookup_elem(&capspec, &nr);
	if (!spec)
		return off;
	c = &spec->arg[arg];
	ptr = s->rec.args[arg];
	if (c->flags & RN_CAPF_EXIT_TOO)
		s->faulted |= 1u << arg;
	if (c->kind == RN_CAP_FDOBJ)
		return capture_objs && s->rec.ret >= 0
			   ? put_fdobj(off, TAG(arg, 0, RN_CAP_FDOBJ), ptr, c->flags & RN_CAPF_SEND)
			   : off;
	if (c->kind == RN_CAP_FDID)
		return capture_fdid(s, c, off);
	if (c->kind == RN_CAP_NONE || !ptr)
		return off;
	if ((c->flags & RN_CAPF_SUCCESS) && s->rec.ret < 0)
		return off;
	if ((c->flags & RN_CAPF_FAILED) && s->rec.ret >= 0)
		return off;
	cap = (c->flags & RN_CAPF_SNAP)	  ? snap_of(s)
	      : (c->flags & RN_CAPF_ROOM) ? RN_REC_MAX
					  : RN_BUF_MAX;
	total = (c->flags & RN_CAPF_RETLIMIT) ? (__u64)(s->rec.ret > 0 ? s->rec.ret : 0) : ~0ULL;

	switch (c->kind) {
	case RN_CAP_STR:
		return put_str(off, TAG(arg, 0, RN_CAP_STR), ptr,
			       (c->flags & RN_CAPF_SNAP) ? snaplen + 1 : RN_PATH_MAX, 0);
	case RN_CAP_BUF:
		n = count_of(s, c);
		if (n > RN_REC_MAX)
			n = RN_REC_MAX;
		return put_mem(off, TAG(arg, 0, RN_CAP_BUF), ptr, n * c->size, cap);
	case RN_CAP_BPF_ATTR: {
		__u64 cmd = s->rec.args[0], sptr = 0;
		__u32 at = cmd == 5 /* BPF_PROG_LOAD: license */ ? 16 : 0;

		n = count_of(s, c);
		off = put_mem(off, TAG(arg, 0, RN_CAP_BPF_ATTR), ptr, n, cap);
		/* BPF_OBJ_PIN, BPF_OBJ_GET: pathname */
		if ((cmd != 5 && cmd != 6 && cmd != 7) || n < at + 8 ||
		    bpf_probe_read_user(&sptr, sizeof(sptr), (void *)(ptr + at)) || !sptr)
			return off;
		return put_str(off, TAG(arg, 1, RN_CAP_BPF_ATTR), sptr, RN_PATH_MAX, 0);
	}
	case RN_CAP_IOV:
		return put_iov(off, TAG(arg, 0, RN_CAP_IOV), ptr, count_of(s, c), total);
	case RN_CAP_MSGHDR: {
		struct user_msghdr mh;

		off = put_mem(off, TAG(arg, 0, RN_CAP_MSGHDR), ptr, sizeof(mh), sizeof(mh));
		/* at enter only the header: msg_namelen as passed, a value-result */
		if (s->rec.h.kind == RN_REC_ENTER ||
		    bpf_probe_read_user(&mh, sizeof(mh), (void *)ptr))
			return off;
		if (mh.msg_name && mh.msg_namelen)
			off = put_mem(off, TAG(arg, 1, RN_CAP_MSGHDR), (__u64)mh.msg_name,
				      mh.msg_namelen, 128);
		if (mh.msg_control && mh.msg_controllen)
			off = put_mem(off, TAG(arg, RN_MSG_CONTROL_IDX, RN_CAP_MSGHDR),
				      (__u64)mh.msg_control, mh.msg_controllen, RN_MSG_CONTROL_MAX);
		return put_iov(off, TAG(arg, 2, RN_CAP_MSGHDR), (__u64)mh.msg_iov, mh.msg_iovlen,
			       total);
	}
	case RN_CAP_STRARR: {
		struct strarr_ctx sc = {.ptr = ptr, .tag = TAG(arg, 0, RN_CAP_STRARR)};
		__u32 coff = off;

		sc.off = put_u32(off, sc.tag, 0, 0);
		sc.with_strings = c->size != 0;
		bpf_loop(RN_STRARR_SCAN, strarr_step, &sc, 0);
		/* the count item comes first; fill it in now that the scan is done */
		put_u32(coff, sc.tag, sc.n, sc.n == RN_STRARR_SCAN ? RN_IF_TRUNC : 0);
		if (sc.fault)
			s->faulted |= 1u << arg;
		return sc.off;
	}
	case RN_CAP_DIRENTS: {
		__u32 zero = 0;
		struct dirchunk *dc = bpf_map_lookup_elem(&dirchunk_map, &zero);

		if (!dc)
			return off;
		dc->ptr = ptr;
		dc->len = s->rec.ret > 0 ? s->rec.ret : 0;
		dc->pos = dc->base = dc->have = 0;
		dc->n = 0;
		bpf_loop(4096, dirents_step, &dc, 0); /* the context must be on the stack */
		return put_u32(off, TAG(arg, 0, RN_CAP_DIRENTS), dc->n,
			       dc->pos < dc->len ? RN_IF_TRUNC : 0);
	}
	}
	return off;
}

/* Captures one argument as its capspec says; returns the new payload offset. */
__noinline int capture_arg(__u32 arg, __u32 off)
{
	struct scratch *s = get_scratch();
	struct rn_item *it;
	__u32 end;

	if (!s || arg >= RN_NR_ARGS)
		return off;
	end = capture_one(s, arg, off);
	it = (void *)((char *)s + (off & OFF_MASK));
	if (end != off && (it->flags & RN_IF_FAULT))
		s->faulted |= 1u << arg;
	return end;
}

static __always_inline __u32 capture(__u32 mask, __u32 off)
{
	__u32 i;

	for (i = 0; i < RN_NR_ARGS; i++)
		if (mask & (1u << i))
			off = capture_arg(i, off) & (RN_REC_MAX - 1);
	return off;
}

struct argv_ctx {
	__u64 ptr, end;
	__u32 off, arg;
};

/* Walks the new image's argv: NUL-separated strings between arg_start and arg_end. */
static long argv_step(__u32 i, void *data)
{
	struct argv_ctx *c = data;
	struct scratch *s;

	if (c->ptr >= c->end)
		return 1;
	c->off = put_str(c->off, TAG(c->arg, i + 1, RN_CAP_STRARR), c->ptr, snaplen + 1, 0);
	s = get_scratch();
	if (!s)
		return 1;
	c->ptr += s->strlen + 1;
	return 0;
}

/*
 * execve's envp from the new image: the count, and the strings (up to RN_MAX_STRARR) only when
 * the capture table asks for them (strace -v); returns the new payload offset.
 */
static __always_inline __u32 put_env(struct task_struct *p, __s32 nr, __u32 arg, __u32 envc,
				     __u32 off)
{
	struct rn_sysspec *spec = bpf_map_lookup_elem(&capspec, &nr);
	struct argv_ctx ac;

	off = put_u32(off, TAG(arg, 0, RN_CAP_STRARR), envc, 0);
	if (!spec || arg >= RN_NR_ARGS || !spec->arg[arg].size)
		return off;
	ac.ptr = BPF_CORE_READ(p, mm, env_start);
	ac.end = BPF_CORE_READ(p, mm, env_end);
	ac.off = off;
	ac.arg = arg;
	bpf_loop(envc < RN_MAX_STRARR ? envc : RN_MAX_STRARR, argv_step, &ac, 0);
	return ac.off;
}

#endif
