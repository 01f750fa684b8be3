// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * renacerd --system-wide: every process on the host, aggregated in the kernel. Per
 * (thread, syscall): calls, errors (and per errno), bytes of the read/write families, a log2
 * latency histogram, in the thread's own slot of an array user space maps; a thread with no
 * free slot, or with more distinct syscalls than a slot holds, counts per (process, syscall)
 * in per-CPU LRU maps instead. User space reads both without a ring and sums them per process.
 * Only process lifecycle and calls slower than their syscall's threshold go through the ring.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "aggregate_abi.h"
#include "task_usage.bpf.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

const volatile __u32 self_tgid = 0; /* renacerd itself is not counted */

struct {
	__uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
	__uint(max_entries, RN_AGG_MAX_KEYS);
	__type(key, struct rn_agg_key);
	__type(value, struct rn_agg_val);
} agg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
	__uint(max_entries, RN_AGG_MAX_ERRS);
	__type(key, struct rn_agg_errkey);
	__type(value, __u64);
} agg_errs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, RN_AGG_SYSCALLS);
	__type(key, __u32);
	__type(value, struct rn_agg_sysinfo);
} sysinfo SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, RN_AGG_CNT__MAX);
	__type(key, __u32);
	__type(value, __u64);
} agg_counters SEC(".maps");

/* Lifecycle and slow calls: few records, read by renacerd's loop without wakeups. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} agg_ring SEC(".maps");

/*
 * The threads' slots (struct rn_agg_slot) and the free ones' numbers; user space sizes both,
 * pushes every number at the start and pushes a slot back once it has read and zeroed it.
 * A stack: the slot freed last, still warm in the caches, is taken first.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct rn_agg_slot);
} slots SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 1024);
	__type(value, __u32);
} free_slots SEC(".maps");

/*
 * Processes whose exit record found the ring full: user space takes them as exited all the
 * same, or it would keep what they counted (and hand it on) for ever.
 */
struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, RN_AGG_LOST_EXITS);
	__type(value, __u32);
} lost_exits SEC(".maps");

__u64 slots_taken; /* read by user space (mapped .bss): a read is due when many were taken */

struct agg_task {
	__u64 enter_ns;
	__s32 nr;   /* -1: no call pending */
	__s32 slot; /* its slot + 1; 0: none asked for yet; -1: none free at its first call */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct agg_task);
} agg_tstate SEC(".maps");

/* A zeroed value to insert from (too big for the stack beside the rest). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct rn_agg_val);
} agg_zero SEC(".maps");

static __always_inline void count(__u32 which)
{
	__u64 *c = bpf_map_lookup_elem(&agg_counters, &which);

	if (c)
		*c += 1;
}

/* floor(log2(v)) for v > 0, 0 for 0, capped at the last bucket. */
static __always_inline __u32 log2_bucket(__u64 v)
{
	__u32 r = 0, s;

	s = (v > 0xFFFFFFFFULL) << 5;
	v >>= s;
	r |= s;
	s = (v > 0xFFFF) << 4;
	v >>= s;
	r |= s;
	s = (v > 0xFF) << 3;
	v >>= s;
	r |= s;
	s = (v > 0xF) << 2;
	v >>= s;
	r |= s;
	s = (v > 0x3) << 1;
	v >>= s;
	r |= s;
	r |= (v >> 1);
	return r < RN_AGG_HIST ? r : RN_AGG_HIST - 1;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(agg_enter, struct pt_regs *regs, long id)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct agg_task *t;

	if (task->tgid == self_tgid)
		return 0;
	t = bpf_task_storage_get(&agg_tstate, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!t) {
		count(RN_AGG_CNT_NOSTATE);
		return 0;
	}
	t->nr = id >= 0 && id < RN_AGG_SYSCALLS ? (__s32)id : -1;
	t->enter_ns = bpf_ktime_get_ns();
	return 0;
}

static __always_inline struct rn_agg_val *entry(struct rn_agg_key *k)
{
	struct rn_agg_val *v = bpf_map_lookup_elem(&agg, k);
	__u32 zero = 0;

	if (v)
		return v;
	v = bpf_map_lookup_elem(&agg_zero, &zero);
	if (!v)
		return NULL;
	if (!bpf_map_update_elem(&agg, k, v, BPF_NOEXIST))
		count(RN_AGG_CNT_KEYS);
	return bpf_map_lookup_elem(&agg, k);
}

/* The thread's slot, taken at its first counted call; NULL: none (the LRU maps count it). */
static __always_inline struct rn_agg_slot *slot_of(struct agg_task *t, struct task_struct *task)
{
	struct rn_agg_slot *s;
	__u32 i;

	if (t->slot > 0) {
		i = (__u32)t->slot - 1;
		return bpf_map_lookup_elem(&slots, &i);
	}
	if (t->slot < 0)
		return NULL;
	if (bpf_map_pop_elem(&free_slots, &i)) {
		t->slot = -1;
		count(RN_AGG_CNT_NOSLOT);
		return NULL;
	}
	t->slot = (__s32)i + 1;
	s = bpf_map_lookup_elem(&slots, &i);
	if (!s)
		return NULL;
	s->tgid = task->tgid;
	s->tid = task->pid;
	s->ncells = 0;
	asm volatile("" ::: "memory");
	s->state = RN_AGG_SLOT_LIVE;
	__sync_fetch_and_add(&slots_taken, 1);
	return s;
}

/* The slot's cell for syscall nr, made at its first call; RN_AGG_CELLS: the slot is full. */
static __always_inline __u32 cell_of(struct rn_agg_slot *s, __u32 nr)
{
	__u32 c;

	nr &= RN_AGG_SYSCALLS - 1;
	c = s->cell[nr];
	if (c)
		return c - 1;
	c = s->ncells;
	if (c >= RN_AGG_CELLS)
		return RN_AGG_CELLS;
	s->nr[c] = (__u16)nr;
	s->cell[nr] = (__u8)(c + 1);
	/* user space reads ncells, then the cells below it */
	asm volatile("" ::: "memory");
	s->ncells = c + 1;
	return c;
}

/* Counts errno err in the cell's own few; false: they are taken by others. */
static __always_inline bool cell_errno(struct rn_agg_slot *s, __u32 c, __u16 err)
{
	int j;

	if (c >= RN_AGG_CELLS)
		return false;
	for (j = 0; j < RN_AGG_CELL_ERRS; j++) {
		if (s->err[c][j] == err) {
			s->nerr[c][j]++;
			return true;
		}
		if (!s->err[c][j]) {
			s->nerr[c][j] = 1;
			/* user space reads the errno, then its count */
			asm volatile("" ::: "memory");
			s->err[c][j] = err;
			return true;
		}
	}
	return false;
}

static __always_inline void count_errno(__u32 tgid, __u32 nr, long ret)
{
	struct rn_agg_errkey ek = {.tgid = tgid, .nr = nr, .err = (__u16)-ret};
	__u64 *n = bpf_map_lookup_elem(&agg_errs, &ek), one = 1;

	if (n)
		*n += 1;
	else if (!bpf_map_update_elem(&agg_errs, &ek, &one, BPF_NOEXIST))
		count(RN_AGG_CNT_ERRKEYS);
}

static __always_inline int send_slow(struct pt_regs *regs, __u32 tgid, __u32 tid, __s32 nr,
				     long ret, __u64 enter_ns, __u64 exit_ns)
{
	struct rn_agg_slow *r = bpf_ringbuf_reserve(&agg_ring, sizeof(*r), 0);

	if (!r) {
		count(RN_AGG_CNT_LOST);
		return 0;
	}
	r->kind = RN_AGG_REC_SLOW;
	r->tgid = tgid;
	r->tid = tid;
	r->nr = nr;
	/* the kernel leaves the argument registers as the call found them (execve aside) */
	r->args[0] = BPF_CORE_READ(regs, di);
	r->args[1] = BPF_CORE_READ(regs, si);
	r->args[2] = BPF_CORE_READ(regs, dx);
	r->args[3] = BPF_CORE_READ(regs, r10);
	r->args[4] = BPF_CORE_READ(regs, r8);
	r->args[5] = BPF_CORE_READ(regs, r9);
	r->ret = ret;
	r->enter_ns = enter_ns;
	r->exit_ns = exit_ns;
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(agg_exit, struct pt_regs *regs, long ret)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct rn_agg_key k = {.tgid = task->tgid};
	struct rn_agg_sysinfo *si;
	struct rn_agg_slot *s;
	struct rn_agg_val *v = NULL;
	struct agg_task *t;
	__u32 nr, c = RN_AGG_CELLS;
	__u64 now, dur;

	if (k.tgid == self_tgid)
		return 0;
	t = bpf_task_storage_get(&agg_tstate, task, 0, 0);
	if (!t || t->nr < 0)
		return 0;
	nr = (__u32)t->nr;
	t->nr = -1;
	now = bpf_ktime_get_ns();
	dur = now - t->enter_ns;
	k.nr = nr;
	s = slot_of(t, task);
	if (s) {
		c = cell_of(s, nr);
		if (c < RN_AGG_CELLS)
			v = &s->val[c];
	}
	if (!v)
		v = entry(&k);
	if (!v)
		return 0;
	v->calls++;
	v->sum_ns += dur;
	if (dur > v->max_ns)
		v->max_ns = dur;
	v->hist[log2_bucket(dur) & (RN_AGG_HIST - 1)]++;
	si = bpf_map_lookup_elem(&sysinfo, &nr);
	if (ret < 0 && ret >= -4095) {
		v->errors++;
		if (!s || !cell_errno(s, c, (__u16)-ret))
			count_errno(k.tgid, nr, ret);
	} else if (ret > 0 && si && (si->flags & RN_AGG_BYTES)) {
		v->bytes += ret;
	}
	if (si && si->slow_ns && dur >= si->slow_ns)
		send_slow(regs, k.tgid, task->pid, (__s32)nr, ret, t->enter_ns, now);
	return 0;
}

static __always_inline struct rn_agg_proc *proc_rec(__u32 kind, __u32 tgid, __u32 ppid)
{
	struct rn_agg_proc *r = bpf_ringbuf_reserve(&agg_ring, sizeof(*r), 0);

	if (!r) {
		count(RN_AGG_CNT_LOST);
		return NULL;
	}
	r->kind = kind;
	r->tgid = tgid;
	r->ppid = ppid;
	r->code = 0;
	r->ns = bpf_ktime_get_ns();
	r->cgroup_id = bpf_get_current_cgroup_id();
	r->cpu_ns = 0;
	r->rss_bytes = 0;
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	r->exe[0] = 0;
	return r;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(agg_fork, struct task_struct *parent, struct task_struct *child)
{
	struct rn_agg_proc *r;

	if (child->tgid == parent->tgid)
		return 0; /* a thread */
	r = proc_rec(RN_AGG_REC_FORK, child->tgid, parent->tgid);
	if (r)
		bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(agg_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct rn_agg_proc *r =
	    proc_rec(RN_AGG_REC_EXEC, p->tgid, BPF_CORE_READ(p, real_parent, tgid));

	if (!r)
		return 0;
	bpf_probe_read_kernel_str(r->exe, sizeof(r->exe), BPF_CORE_READ(bprm, filename));
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}

/* A thread's end: its slot is user space's to read once more and free. */
static __always_inline void end_slot(void)
{
	struct agg_task *t = bpf_task_storage_get(&agg_tstate, bpf_get_current_task_btf(), 0, 0);
	struct rn_agg_slot *s;
	__u32 i;

	if (!t || t->slot <= 0)
		return;
	i = (__u32)t->slot - 1;
	t->slot = -1;
	s = bpf_map_lookup_elem(&slots, &i);
	if (s)
		s->state = RN_AGG_SLOT_ENDED;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(agg_proc_exit, struct task_struct *p, bool group_dead)
{
	struct rn_agg_proc *r;

	end_slot();
	if (!group_dead)
		return 0;
	/* the parent still (exit_notify reparents later): names a process never seen alive */
	r = proc_rec(RN_AGG_REC_EXIT, p->tgid, BPF_CORE_READ(p, real_parent, tgid));
	if (!r) {
		__u32 tgid = p->tgid;

		bpf_map_push_elem(&lost_exits, &tgid, 0);
		return 0;
	}
	r->code = p->exit_code;
	r->cpu_ns = exit_cpu(p, true);
	r->rss_bytes = peak_rss(p);
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}
