// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Kernel side of renacer: save a traced thread's arguments at syscall enter, emit one
 * record at exit with the user memory the capspec table asks for (capture.bpf.h), and
 * keep the traced set in step with fork, exec and exit (and, for a non-root user's targets,
 * with ptrace's rule: creds.bpf.h); signal.bpf.h reports the signals.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "renacer_abi.h"
#include "capture.bpf.h"
#include "task_usage.bpf.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

#define NR_RT_SIGRETURN 15
#define NR_EXECVE	59
/* rt_sigreturn: the saved mask sits at sp + offsetof(ucontext, uc_sigmask) (x86_64) */
#define SIGFRAME_MASK_OFF 296
#define SIGKILL_BIT	  (1ULL << (9 - 1))
#define NR_EXECVEAT	  322

const volatile __u64 wakeup_bytes = 64 << 10; /* wake the consumer past this fill */
const volatile __u32 nrings = 1;	      /* rings in use: CPU n writes ring n % nrings */

/*
 * The stack code (--source, -k) is built into a second object, renacer_stacks (Makefile):
 * its VMA iterator needs Linux 6.7, and the default object must load without it. Included
 * after the other knobs, so its stack_bytes comes last in .rodata and the engine reads
 * both objects through one layout (lib/engine/engine.c checks it).
 */
#ifdef RN_STACKS
#include "stack.bpf.h"
#define want_stack(regs) ((regs) && stack_bytes)
/* the registers a dying thread entered its last call with (exit_group's: -i and -k show it) */
#define exit_regs(p) (stack_bytes ? (struct pt_regs *)bpf_task_pt_regs(p) : NULL)
#else
#define want_stack(regs) false
#define exit_regs(p)	 NULL
#endif

/* Syscalls to trace (-e trace=): one bit per nr, written by user space any time. */
__u64 syscall_filter[RN_MAX_SYSCALLS / 64];
/*
 * i386 calls (a 32-bit process, int 0x80) by number: the x86_64 number of the call of the
 * same name when its arguments mean the same (decoded and captured as that one), else
 * RN_NR_COMPAT | the i386 number (undecoded, traced when bit RN_MAX_SYSCALLS - 1 of the
 * filter is); written by user space.
 */
__u32 compat_nr[RN_MAX_SYSCALLS];

#define TS_COMPAT_K 0x0002 /* thread_info.status: the call came in by an i386 entry */

/*
 * Bumped by user space after it removes or changes targets. A thread found traced by the
 * full check (bitmap, hash, flags) keeps the generation in its task storage, and its
 * later calls skip the hash while the generation holds. User space deletes first and
 * bumps after, so no thread can keep a generation it saw while its target was present.
 */
__u64 targets_gen = 1;

/*
 * A bit per tgid that may be in `targets`: every process on the machine runs sys_enter,
 * and an array word is far cheaper than a hash lookup for the untraced majority. A set
 * bit only means "ask the hash"; a tgid in the hash always has its bit set (it is set
 * before the insert and cleared after the delete). A map of its own, not .bss: user
 * space maps it (BPF_F_MMAPABLE), and the loader does not carry 512 KiB of zeros.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, RN_TRACED_WORDS);
	__uint(map_flags, BPF_F_MMAPABLE);
	__type(key, __u32);
	__type(value, __u64);
} traced_bits SEC(".maps");

static __always_inline bool maybe_traced(__u32 tgid)
{
	__u32 w = tgid / 64;
	__u64 *word = bpf_map_lookup_elem(&traced_bits, &w);

	return !word || (*word & (1ULL << (tgid % 64)));
}

static __always_inline void mark_traced(__u32 tgid, bool on)
{
	__u32 w = tgid / 64;
	__u64 *word = bpf_map_lookup_elem(&traced_bits, &w);

	if (!word)
		return;
	if (on)
		__sync_fetch_and_or(word, 1ULL << (tgid % 64));
	else
		__sync_fetch_and_and(word, ~(1ULL << (tgid % 64)));
}

struct task_state {
	__u64 args[RN_NR_ARGS];
	__u64 enter_ns;
	__s32 nr; /* -1: no call pending */
	__u32 lost;
	__u32 refetch; /* args whose capture at enter faulted: read again at exit */
	__u32 cred_nr; /* RN_TF_UNPRIV: a call that changes credentials is pending (0: none) */
	__u64 gen;     /* targets_gen when this thread was last found traced (0: never) */
	__u32 tflags;  /* its target's flags when it was last found traced */
#ifdef RN_STACKS
	/* stacks: the mappings this thread last sent (stack.bpf.h) */
	struct maps_seen maps;
#endif
	__u64 exec_mm; /* an execve-like call pending: the caller's mm (another: past no return) */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct rn_target);
} targets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_state);
} tstate SEC(".maps");

/*
 * The leader of a target owns its storage before any thread's first traced call: the
 * syscall programs pass a thread whose leader owns none without a look (rn_sys_enter). Made
 * at fork for a followed child, at a [[watch]] join, at exec (a thread that execs becomes the
 * leader), and by user space for a target it adds (lib/engine/targets.c). Zeroed storage
 * (gen 0) has no call pending; a thread joins at its first call (join_traced).
 */
static __always_inline void own_tstate(struct task_struct *task)
{
	bpf_task_storage_get(&tstate, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
}

/*
 * One ring buffer per CPU, created by user space and put in this array: producers on
 * different CPUs never share a ring (one shared ring's lock and cache lines doubled the
 * per-event cost with two busy CPUs). The consumer merges the rings by each record's
 * time stamp (see lib/engine/engine.c for why that keeps every thread's order).
 */
struct ring_tmpl {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096); /* a template: the real rings are sized by user space */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, RN_MAX_RINGS);
	__type(key, __u32);
	__array(values, struct ring_tmpl);
} rings SEC(".maps");

/* This CPU's ring (programs run with migration disabled: it stays this CPU's). */
static __always_inline void *cpu_ring(void)
{
	__u32 cpu = bpf_get_smp_processor_id();

	if (cpu >= nrings)
		cpu %= nrings ? nrings : 1;
	return bpf_map_lookup_elem(&rings, &cpu);
}

/*
 * Wake the consumer when this record takes its ring past the mark, once per filling:
 * waking it on every record past the mark costs an interrupt each while a busy consumer
 * is behind (the consumer does not sleep while a ring is past the mark). size: the
 * record's bytes; reserved: it is already counted in the ring's data.
 */
static __always_inline __u64 wake_flags(void *rb, __u64 size, bool reserved)
{
	__u64 span = (size + 8 + 7) & ~7ULL; /* with the ring's record header */
	__u64 before = bpf_ringbuf_query(rb, BPF_RB_AVAIL_DATA);

	if (reserved)
		before = before > span ? before - span : 0;
	return before < wakeup_bytes && before + span >= wakeup_bytes ? BPF_RB_FORCE_WAKEUP
								      : BPF_RB_NO_WAKEUP;
}

static __always_inline bool filtered_in(long nr)
{
	__u32 i = (__u32)nr / 64;

	if (i >= RN_MAX_SYSCALLS / 64)
		return false;
	/* the mask keeps the verifier sure of the bound whatever the compiler made of the test */
	return syscall_filter[i & (RN_MAX_SYSCALLS / 64 - 1)] & (1ULL << ((__u32)nr % 64));
}

/* Sends the record in scratch, payload included; counts a drop per failure. */
static __always_inline void send_scratch(struct scratch *s, __u32 off, struct task_state *st)
{
	void *rb = cpu_ring();

	off = (off + 7) & ~7u;
	s->rec.h.size = off;
	if (!rb || bpf_ringbuf_output(rb, s, off & (SCRATCH_SZ - 1), wake_flags(rb, off, false))) {
		count(RN_CNT_DROPPED, 1);
		if (st)
			st->lost++;
		return;
	}
	count(RN_CNT_EMITTED, 1);
	if (st)
		st->lost = 0;
}

static __always_inline void fill_rec(struct rn_sys_rec *r, __u32 kind, __u32 flags,
				     struct task_state *st, __s64 ret, __u64 exit_ns)
{
	__u64 id = bpf_get_current_pid_tgid();
	int i;

	r->h.kind = kind;
	r->h.flags = flags;
	r->h.size = sizeof(*r);
	r->h.tgid = id >> 32;
	r->h.tid = (__u32)id;
	r->nr = st->nr;
	r->lost = st->lost;
	for (i = 0; i < RN_NR_ARGS; i++)
		r->args[i] = st->args[i];
	r->ret = ret;
	r->enter_ns = st->enter_ns;
	r->exit_ns = exit_ns;
}

/*
 * Emits the syscall record for the pending call of st (exit or never-returning); with
 * regs (the call's own exit) and stacks asked for, the user stack goes with it.
 */
static __always_inline void emit_syscall(struct task_state *st, __s64 ret, __u64 exit_ns,
					 __u32 flags, struct pt_regs *regs)
{
	struct rn_sysspec *spec;
	struct rn_sys_rec *r;
	struct scratch *s;
	__u32 nr = (__u32)st->nr, off, mask = 0, i;

	count(RN_CNT_SEEN, 1);
	spec = bpf_map_lookup_elem(&capspec, &nr);
	if ((spec && spec->enter_mask) || ((nr == NR_EXECVE || nr == NR_EXECVEAT) && ret == 0))
		flags |= RN_RF_HAS_ENTER;
	if (spec)
		mask = spec->exit_mask | st->refetch;
	/*
	 * A call its thread died in (the exit hook, before exit_mm): what it was given is still
	 * in its memory, as strace printed it at entry; what the kernel would write is not.
	 */
	if (spec && (flags & RN_RF_NORETURN)) {
		mask = spec->exit_mask;
		for (i = 0; i < RN_NR_ARGS; i++)
			if (spec->arg[i].flags & RN_CAPF_SUCCESS)
				mask &= ~(1u << i);
	}
	if (!mask && !want_stack(regs)) {
		void *rb = cpu_ring();

		r = rb ? bpf_ringbuf_reserve(rb, sizeof(*r), 0) : NULL;
		if (!r) {
			count(RN_CNT_DROPPED, 1);
			st->lost++;
			return;
		}
		fill_rec(r, RN_REC_SYSCALL, flags, st, ret, exit_ns);
		bpf_ringbuf_submit(r, wake_flags(rb, sizeof(*r), true));
		count(RN_CNT_EMITTED, 1);
		st->lost = 0;
		return;
	}
	s = get_scratch();
	if (!s)
		return;
	fill_rec(&s->rec, RN_REC_SYSCALL, flags, st, ret, exit_ns);
	off = sizeof(s->rec);
	s->snap = snaplen;
	if (spec && (spec->flags & RN_SYSF_SOCK) && !(flags & RN_RF_NORETURN))
		off = put_sock(off, st->args[0]);
	off = capture(mask, off);
#ifdef RN_STACKS
	if (want_stack(regs)) {
		off = put_maps(s, off, &st->maps);
		off = put_stack(s, off, regs);
	}
#endif
	send_scratch(s, off, st);
}

/*
 * The record of an execve that leaves the trace at exec, without payload: its path and
 * argv went out with the exec's enter record, and the old image's memory is gone. Not
 * emit_syscall: capture() in rn_exec was ~3100 of its ~7800 instructions for the verifier
 * at every start (docs/performance.md, start-up).
 */
static __always_inline void emit_bare(struct task_state *st, __s64 ret, __u64 exit_ns)
{
	void *rb = cpu_ring();
	struct rn_sys_rec *r = rb ? bpf_ringbuf_reserve(rb, sizeof(*r), 0) : NULL;

	count(RN_CNT_SEEN, 1);
	if (!r) {
		count(RN_CNT_DROPPED, 1);
		st->lost++;
		return;
	}
	fill_rec(r, RN_REC_SYSCALL, RN_RF_HAS_ENTER, st, ret, exit_ns);
	bpf_ringbuf_submit(r, wake_flags(rb, sizeof(*r), true));
	count(RN_CNT_EMITTED, 1);
	st->lost = 0;
}

/* 0, or -1 when the ring was full (counted). */
static __always_inline int emit_proc(__u32 kind, __u32 flags, __u32 tgid, __u32 tid,
				     __u32 other_tgid, __u32 other_tid, __s32 code, __u64 cpu_ns,
				     __u64 rss_bytes)
{
	void *rb = cpu_ring();
	struct rn_proc_rec *r = rb ? bpf_ringbuf_reserve(rb, sizeof(*r), 0) : NULL;

	if (!r) {
		count(RN_CNT_DROPPED, 1);
		return -1;
	}
	r->h.kind = kind;
	r->h.flags = flags;
	r->h.size = sizeof(*r);
	r->h.tgid = tgid;
	r->h.tid = tid;
	r->other_tgid = other_tgid;
	r->other_tid = other_tid;
	r->code = code;
	r->pad = 0;
	r->ns = bpf_ktime_get_ns();
	r->cpu_ns = cpu_ns;
	r->rss_bytes = rss_bytes;
	count(RN_CNT_EMITTED, 1);
	/* Process ends, leaves and joins are rare and the consumer waits on them: wake it now. */
	bpf_ringbuf_submit(r, kind == RN_REC_EXIT || kind == RN_REC_LEAVE || kind == RN_REC_WATCH
				  ? BPF_RB_FORCE_WAKEUP
				  : wake_flags(rb, sizeof(*r), true));
	return 0;
}

#include "creds.bpf.h"

/* The full check of a thread that has no valid cached verdict; returns its storage. */
static __always_inline struct task_state *join_traced(__u64 pid_tgid, long id)
{
	__u32 tgid = pid_tgid >> 32;
	struct task_state *st;
	struct task_struct *task = bpf_get_current_task_btf();
	struct rn_target *t;
	__u64 gen = targets_gen;
	__u32 why;

	t = bpf_map_lookup_elem(&targets, &tgid);
	if (!t || ((t->flags & RN_TF_LEADER) && (__u32)pid_tgid != tgid))
		return NULL;
	if (t->flags & RN_TF_ARMED) {
		if (id != NR_EXECVE && id != NR_EXECVEAT)
			return NULL;
		t->flags &= ~RN_TF_ARMED; /* only this process touches its entry now */
	}
	/* it may have changed between the daemon's check and its entry in targets */
	if ((t->flags & RN_TF_UNPRIV) && (why = leave_why(task, t, false))) {
		leave(tgid, (__u32)pid_tgid, why, RN_LEAVE_AT_JOIN, 0);
		return NULL;
	}
	st = bpf_task_storage_get(&tstate, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (st) {
		st->gen = gen;
		st->tflags = t->flags;
		st->cred_nr = 0;
		st->nr = -1; /* new storage is zeroed: not "a read(0) pending" */
	}
	return st;
}

/* A call of a process whose bit is set (maybe_traced): the rest of rn_sys_enter. */
static __noinline int enter_traced(struct pt_regs *regs, long id, struct task_struct *task)
{
	__u64 pid_tgid = (__u64)task->tgid << 32 | (__u32)task->pid;
	struct task_state *st;
	struct rn_sysspec *spec;
	__u32 nr = (__u32)id;

	bool compat = task->thread_info.status & TS_COMPAT_K;
	__u32 nr32 = (__u32)id;

	st = bpf_task_storage_get(&tstate, task, 0, 0);
	if (!st || st->gen != targets_gen) {
		st = join_traced(pid_tgid, id);
		if (!st)
			return 0;
	}
	if (compat) {
		if ((__u64)id >= RN_MAX_SYSCALLS) {
			st->nr = -1;
			return 0;
		}
		id = compat_nr[(__u32)id & (RN_MAX_SYSCALLS - 1)];
		nr = (__u32)id;
	}
	/* filtered out or not, a call that changes credentials is checked at its exit (any
	 * i386 call: its numbers are not x86_64's) */
	if (st->tflags & RN_TF_UNPRIV)
		st->cred_nr = changes_creds(id) ? (__u32)id : compat ? RN_NR_COMPAT | nr32 : 0;
	if (id < 0 || !filtered_in(id & RN_NR_COMPAT ? RN_MAX_SYSCALLS - 1 : id)) {
		st->nr = -1;
		return 0;
	}
	st->nr = id;
	if (compat) {
		st->args[0] = (__u32)regs->bx;
		st->args[1] = (__u32)regs->cx;
		st->args[2] = (__u32)regs->dx;
		st->args[3] = (__u32)regs->si;
		st->args[4] = (__u32)regs->di;
		st->args[5] = (__u32)regs->bp;
	} else {
		st->args[0] = regs->di;
		st->args[1] = regs->si;
		st->args[2] = regs->dx;
		st->args[3] = regs->r10;
		st->args[4] = regs->r8;
		st->args[5] = regs->r9;
	}
	if (id == NR_RT_SIGRETURN)
		st->args[0] = regs->sp + SIGFRAME_MASK_OFF;
	st->refetch = 0;
	if (id == NR_EXECVE || id == NR_EXECVEAT)
		st->exec_mm = (__u64)task->mm;
	st->enter_ns = bpf_ktime_get_ns();

	spec = bpf_map_lookup_elem(&capspec, &nr);
	if (spec && spec->enter_mask) {
		struct scratch *s = get_scratch();

		if (!s)
			return 0;
		s->faulted = 0;
		s->snap = snaplen;
		fill_rec(&s->rec, RN_REC_ENTER, 0, st, 0, 0);
		send_scratch(s, capture(spec->enter_mask, sizeof(s->rec)), NULL);
		/* Pages not touched yet fault here; the kernel has touched them by exit. */
		st->refetch = s->faulted;
	}
	return 0;
}

/*
 * Every call of every process comes here. The leader of a traced process owns its task
 * storage before any traced call (own_tstate), so the untraced majority, whose leaders own
 * none, leaves on task_struct memory the syscall entry has just touched (the leader is the
 * thread itself but in multi-threaded processes), while the bitmap's word cost ~4 ns a
 * program run here (bpf_stats against empty programs on the same tracepoints, the floor
 * `make bench` measures; docs/performance.md). The bit test then sorts out leaders that
 * own storage for another reason (another program's, a past trace).
 */
SEC("tp_btf/sys_enter")
int rn_sys_enter(__u64 *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	if (!task->group_leader->bpf_storage || !maybe_traced(task->tgid))
		return 0;
	return enter_traced((struct pt_regs *)ctx[0], (long)ctx[1], task);
}

/* The exit of a call of a process whose bit is set: the rest of rn_sys_exit. */
static __noinline int exit_traced(struct pt_regs *regs, long ret, struct task_struct *task)
{
	struct task_state *st = bpf_task_storage_get(&tstate, task, 0, 0);

	/* storage made before the thread joined (gen 0, own_tstate) has no call pending */
	if (!st || !st->gen)
		return 0;
	if (st->nr >= 0) {
		/* Killed on the way out (SIGKILL pending: kill -9, or another thread's
		 * exit_group, code 0): strace shows `= ?`; so will the exit hook. Another fatal
		 * signal is no SIGKILL under ptrace: strace sees the call return. */
		int code = BPF_CORE_READ(task, signal, group_exit_code) & 0x7f;

		if ((task->pending.signal.sig[0] & SIGKILL_BIT) && (code == 9 || code == 0))
			return 0;
		/* An exec past its point of no return: the caller's memory is gone (nothing to
		 * read again), and a failure there kills the process in the call (`= ?`). */
		if ((st->nr == NR_EXECVE || st->nr == NR_EXECVEAT) &&
		    (__u64)task->mm != st->exec_mm) {
			if (ret < 0)
				return 0;
			st->refetch = 0;
		}
		emit_syscall(st, ret, bpf_ktime_get_ns(), 0, regs);
		st->nr = -1;
	}
	if (st->cred_nr) {
		recheck_creds(st->cred_nr);
		st->cred_nr = 0;
	}
	return 0;
}

/* The untraced majority leaves here, as at enter: a process that left the traced set
 * mid-call has nothing more to report. */
SEC("tp_btf/sys_exit")
int rn_sys_exit(__u64 *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	if (!task->group_leader->bpf_storage || !maybe_traced(task->tgid))
		return 0;
	return exit_traced((struct pt_regs *)ctx[0], (long)ctx[1], task);
}

#include "watch.bpf.h"

SEC("tp_btf/sched_process_fork")
int BPF_PROG(rn_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = parent->tgid, ctgid = child->tgid;
	struct rn_target *t = bpf_map_lookup_elem(&targets, &ptgid);
	struct rn_target nt;
	__u32 flags = 0;

	if (!t) {
		/* the child's cgroup is set by now (cgroup_post_fork), CLONE_INTO_CGROUP too */
		if (ctgid != ptgid)
			watch_join(BPF_CORE_READ(child, cgroups, dfl_cgrp), child, ptgid);
		return 0;
	}
	if (ctgid == ptgid) {
		if (t->flags & RN_TF_LEADER)
			return 0;
		flags = RN_RF_THREAD;
	} else {
		if (!(t->flags & RN_TF_FOLLOW))
			return 0;
		nt = *t;
		nt.flags &= ~RN_TF_ARMED;
		own_tstate(child);
		mark_traced(ctgid, true);
		bpf_map_update_elem(&targets, &ctgid, &nt, BPF_ANY);
	}
	emit_proc(RN_REC_FORK, flags, ptgid, parent->pid, ctgid, child->pid, 0, 0, 0);
	return 0;
}

/*
 * The filename and argv of an execve went out at its enter, read from the caller's memory;
 * where that read faulted (pages the caller had not touched), take them from the exec
 * itself (bprm's kernel copy of the filename and the new image's argv area, just written
 * by the kernel) as a second enter record, stamped now so that it comes after the first.
 */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(rn_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 tgid = p->tgid, base, argc, why = 0;
	struct task_state *st;
	struct rn_target *t;
	struct argv_ctx ac;
	struct scratch *s;
	__u32 off;

	t = bpf_map_lookup_elem(&targets, &tgid);
	if (!t)
		return 0;
	own_tstate(p); /* a thread that has exec'd is the leader now */
	/* the new image's credentials (setuid, setgid, file capabilities) */
	if (t->flags & RN_TF_UNPRIV)
		why = leave_why(p, t, true);
	emit_proc(RN_REC_EXEC, 0, tgid, p->pid, 0, old_pid, 0, 0, 0);
	st = bpf_task_storage_get(&tstate, p, 0, 0);
	s = get_scratch();
	if (!st || !s || (st->nr != NR_EXECVE && st->nr != NR_EXECVEAT)) {
		if (why)
			leave(tgid, p->pid, why, RN_LEAVE_AT_EXEC, 0);
		return 0;
	}
	base = st->nr == NR_EXECVEAT ? 1 : 0;
	if (!(st->refetch & (7u << base)))
		goto out;
	fill_rec(&s->rec, RN_REC_ENTER, 0, st, 0, bpf_ktime_get_ns());
	off = put_str(sizeof(s->rec), TAG(base, 0, RN_CAP_STR),
		      (__u64)BPF_CORE_READ(bprm, filename), RN_PATH_MAX, 1);
	argc = BPF_CORE_READ(bprm, argc);
	off = put_u32(off, TAG(base + 1, 0, RN_CAP_STRARR), argc, 0);
	ac.ptr = BPF_CORE_READ(p, mm, arg_start);
	ac.end = BPF_CORE_READ(p, mm, arg_end);
	ac.off = off;
	ac.arg = base + 1;
	bpf_loop(argc < RN_MAX_STRARR ? argc : RN_MAX_STRARR, argv_step, &ac, 0);
	off = put_env(p, st->nr, base + 2, BPF_CORE_READ(bprm, envc), ac.off);
	send_scratch(s, off, NULL);
out:
	if (why) {
		/* the execve is shown, its return to the new image is not waited for */
		emit_bare(st, 0, bpf_ktime_get_ns());
		st->nr = -1;
		leave(tgid, p->pid, why, RN_LEAVE_AT_EXEC, 0);
	}
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(rn_exit, struct task_struct *p, bool group_dead)
{
	__u32 tgid = p->tgid;
	struct task_state *st;
	struct rn_target *t;

	t = bpf_map_lookup_elem(&targets, &tgid);
	if (!t || ((t->flags & RN_TF_LEADER) && p->pid != tgid && !group_dead))
		return 0;
	/* exit, exit_group and calls cut short by a fatal signal never reach sys_exit. */
	st = bpf_task_storage_get(&tstate, p, 0, 0);
	if (st && st->gen && st->nr >= 0) {
		/* exit_ns: when it was seen to end, the record's place in the merged order */
		emit_syscall(st, 0, bpf_ktime_get_ns(), RN_RF_NORETURN, exit_regs(p));
		st->nr = -1;
	}
	emit_proc(RN_REC_EXIT, group_dead ? RN_RF_GROUP_DEAD : 0, tgid, p->pid, 0, 0, p->exit_code,
		  exit_cpu(p, group_dead), group_dead ? peak_rss(p) : 0);
	if (group_dead) {
		bpf_map_delete_elem(&targets, &tgid);
		mark_traced(tgid, false);
	}
	return 0;
}

#include "signal.bpf.h"
