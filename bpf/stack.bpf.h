/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The user stack of a traced call, for `trace --source` and `-k`: the registers the
 * unwinder needs and a bounded copy of the top of the user stack (as perf's
 * --call-graph dwarf takes), appended to the syscall record as an item of RN_ARG_STACK;
 * and, when the process's mappings changed since this thread last sent them, the list of
 * its executable file mappings (user space cannot read /proc/PID/maps of a process that
 * has exited, and short programs exit before the consumer wakes). Only when stack_bytes
 * is set: left at 0, the verifier drops all of it. Include after capture.bpf.h.
 */
#ifndef RENACER_STACK_BPF_H
#define RENACER_STACK_BPF_H

#define VM_EXEC_FLAG  0x4
#define PATH_DEPTH    24  /* directory levels walked for a mapped file's path */
#define PATH_NAME_MAX 255 /* a path component */

const volatile __u32 stack_bytes = 0; /* user stack bytes copied per call; 0: no stacks */

/* the open-coded VMA iterator (Linux 6.7) */
extern int bpf_iter_task_vma_new(struct bpf_iter_task_vma *it, struct task_struct *task,
				 __u64 addr) __ksym;
extern struct vm_area_struct *bpf_iter_task_vma_next(struct bpf_iter_task_vma *it) __ksym;
extern void bpf_iter_task_vma_destroy(struct bpf_iter_task_vma *it) __ksym;

/*
 * Writes the path of the file (a struct file *) at off as its components, leaf first, each
 * NUL-terminated: the dentries up to their mount's root, then the mount point's, and so on
 * to the root of the namespace (bpf_d_path is not allowed in tracepoints). Returns the
 * bytes written.
 */
__noinline int put_path(__u32 off, __u64 filep)
{
	struct scratch *s = get_scratch();
	struct file *f = (struct file *)filep;
	struct dentry *d, *parent, *mroot;
	struct vfsmount *vm;
	struct mount *mnt, *mparent;
	__u32 start = off;
	int i, n;

	if (!s || !f)
		return 0;
	d = BPF_CORE_READ(f, f_path.dentry);
	vm = BPF_CORE_READ(f, f_path.mnt);
	mnt = (struct mount *)((char *)vm - bpf_core_field_offset(struct mount, mnt));
	for (i = 0; i < PATH_DEPTH; i++) {
		mroot = BPF_CORE_READ(mnt, mnt.mnt_root);
		if (d == mroot) {
			mparent = BPF_CORE_READ(mnt, mnt_parent);
			if (mparent == mnt)
				break;
			d = BPF_CORE_READ(mnt, mnt_mountpoint);
			mnt = mparent;
			continue;
		}
		parent = BPF_CORE_READ(d, d_parent);
		if (!parent || parent == d)
			break;
		if (room(off) < PATH_NAME_MAX + 1)
			break;
		n = bpf_probe_read_kernel_str((char *)s + (off & OFF_MASK), PATH_NAME_MAX + 1,
					      BPF_CORE_READ(d, d_name.name));
		if (n <= 0)
			break;
		off += n;
		d = parent;
	}
	return off - start;
}

/* Appends one struct rn_map_ent and its path at off; returns the offset after it. */
__noinline int put_map(__u32 off, __u64 start, __u64 end, __u64 pgoff, __u64 filep)
{
	struct scratch *s = get_scratch();
	struct rn_map_ent *m;
	int n;

	if (!s || room(off) < sizeof(*m) + PATH_NAME_MAX + 1)
		return off;
	n = put_path(off + sizeof(*m), filep);
	m = (void *)((char *)s + (off & OFF_MASK));
	m->start = start;
	m->end = end;
	m->pgoff = pgoff;
	m->pathlen = n;
	m->size = (sizeof(*m) + n + 7) & ~7u;
	return off + m->size;
}

/* What this thread last sent of its process's mappings (in its task_state). */
struct maps_seen {
	__u64 mm;
	__u64 sum; /* of the executable file mappings sent */
	__u32 count;
	__u32 seq;
};

/*
 * The mm's mmap_lock sequence: it moves at every write unlock of the mappings (mmap,
 * munmap, mprotect, brk), so an unchanged value means unchanged mappings. Kernels without
 * per-VMA locks lack it (0 here): the map count then stands alone.
 */
static __always_inline __u32 mm_seq(struct mm_struct *mm)
{
	__u32 seq = 0;

	if (bpf_core_field_exists(mm->mm_lock_seq))
		bpf_probe_read_kernel(&seq, sizeof(seq),
				      (char *)mm +
					  bpf_core_field_offset(struct mm_struct, mm_lock_seq));
	return seq;
}

static __always_inline __u64 mix(__u64 h, __u64 v)
{
	return (h ^ v) * 0x100000001b3ULL;
}

/*
 * The executable file mappings of the current process (idx 1 of RN_ARG_STACK), when they
 * changed since this thread last sent them. The mappings are walked only when the mm, its
 * map count or its mmap_lock sequence moved, and sent only when the walk's checksum of the
 * executable ones (range, file offset, inode) differs from the one sent: a library closed
 * and another opened in its place leaves the count as it was.
 */
static __always_inline __u32 put_maps(struct scratch *s, __u32 off, struct maps_seen *seen)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct mm_struct *mm = task->mm;
	struct bpf_iter_task_vma it;
	struct vm_area_struct *vma;
	__u32 doff, cur, count, seq;
	__u64 sum = 0xcbf29ce484222325ULL;

	if (!mm)
		return off;
	count = BPF_CORE_READ(mm, map_count);
	seq = mm_seq(mm);
	if (seen->mm == (__u64)mm && seen->count == count && seen->seq == seq)
		return off;
	doff = item_begin(s, off, TAG(RN_ARG_STACK, 1, RN_CAP_MAPS));
	cur = doff;
	bpf_iter_task_vma_new(&it, task, 0);
	while ((vma = bpf_iter_task_vma_next(&it))) {
		__u64 f = 0;

		if (!(vma->vm_flags & VM_EXEC_FLAG))
			continue;
		/* read as a number: a global function takes no kernel pointer */
		bpf_probe_read_kernel(&f, sizeof(f), &vma->vm_file);
		if (!f)
			continue;
		sum = mix(mix(mix(sum, vma->vm_start), vma->vm_end), vma->vm_pgoff);
		sum = mix(sum, BPF_CORE_READ(vma, vm_file, f_inode, i_ino));
		cur = put_map(cur, vma->vm_start, vma->vm_end, (__u64)vma->vm_pgoff << 12, f);
	}
	bpf_iter_task_vma_destroy(&it);
	if (seen->mm == (__u64)mm && seen->sum == sum) {
		seen->count = count;
		seen->seq = seq;
		return off; /* the same executable mappings: the item is dropped */
	}
	*seen = (struct maps_seen){(__u64)mm, sum, count, seq};
	return item_end(s, off, cur - doff, 0);
}

/*
 * The registers and the top of the user stack (idx 0 of RN_ARG_STACK). A copy that runs
 * past the stack's mapping faults as a whole, so a fault retries with half the length;
 * the unwinder learns the length from the item.
 */
static __always_inline __u32 put_stack(struct scratch *s, __u32 off, struct pt_regs *regs)
{
	__u32 doff = item_begin(s, off, TAG(RN_ARG_STACK, 0, RN_CAP_STACK));
	struct rn_stack_regs *r = (void *)((char *)s + (doff & OFF_MASK));
	__u64 len = stack_bytes, sp = regs->sp;
	__u32 left = room(off);
	int i;

	if (left < sizeof(*r))
		return off;
	r->ip = regs->ip;
	r->sp = sp;
	r->bp = regs->bp;
	r->bx = regs->bx;
	r->r12 = regs->r12;
	r->r13 = regs->r13;
	r->r14 = regs->r14;
	r->r15 = regs->r15;
	left -= sizeof(*r);
	if (len > left)
		len = left;
	doff += sizeof(*r);
	for (i = 0; i < 6 && len; i++) {
		len &= OFF_MASK;
		if (!bpf_probe_read_user((char *)s + (doff & OFF_MASK), len, (void *)sp))
			break;
		len /= 2;
	}
	if (i == 6)
		len = 0;
	/* no RN_IF_TRUNC: a short copy is not cut user data (the counters' truncations) */
	return item_end(s, off, sizeof(*r) + (len & OFF_MASK), 0);
}

#endif
