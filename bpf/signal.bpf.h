/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Signals of the traced processes (included once, at the end of renacer.bpf.c, after the
 * targets and the ring helpers): each delivery, and at generation the ones delivery never
 * sees (discarded for an ignoring handler, turned into a SIGKILL of the group) as
 * RN_REC_SIGNAL records. BPF-only.
 */
#ifndef RENACER_SIGNAL_BPF_H
#define RENACER_SIGNAL_BPF_H

/* SIGCHLD's si_utime and si_stime (clock ticks), packed as rn_sig_rec.addr holds them. */
static __always_inline __u64 sigchld_times(struct kernel_siginfo *info)
{
	__u32 ut = (__u32)BPF_CORE_READ(info, _sifields._sigchld._utime);
	__u32 st = (__u32)BPF_CORE_READ(info, _sifields._sigchld._stime);

	return ut | (__u64)st << 32;
}

#define SIGNAL_GROUP_EXIT 0x4 /* signal_struct.flags (include/linux/sched/signal.h) */

/*
 * Signals strace sees and signal_deliver does not: those the kernel discards for an
 * ignoring handler (ptrace stops a tracee for them all), and a fatal one that the kernel
 * turns into a SIGKILL of every thread right here (complete_signal, before this hook).
 */
SEC("tp_btf/signal_generate")
int BPF_PROG(rn_signal_gen, int sig, struct kernel_siginfo *info, struct task_struct *task,
	     int group, int result)
{
	__u32 tgid = task->tgid, tid = task->pid, flags;
	struct rn_target *t;
	struct rn_sig_rec *r;
	void *rb;

	bool dying = BPF_CORE_READ(task, signal, flags) & SIGNAL_GROUP_EXIT;

	if (sig == 9)
		return 0;
	/* a process already dying drops every signal: nobody sees those */
	if (result == 1 /* TRACE_SIGNAL_IGNORED */ && !dying)
		flags = RN_RF_SIG_IGNORED;
	else if (result == 0 && dying && BPF_CORE_READ(task, signal, group_exit_code) == sig)
		flags = RN_RF_SIG_FATAL;
	else
		return 0;
	t = bpf_map_lookup_elem(&targets, &tgid);
	if (!t || ((t->flags & RN_TF_LEADER) && tid != tgid))
		return 0;
	rb = cpu_ring();
	r = rb ? bpf_ringbuf_reserve(rb, sizeof(*r), 0) : NULL;
	if (!r) {
		count(RN_CNT_DROPPED, 1);
		return 0;
	}
	r->h.kind = RN_REC_SIGNAL;
	r->h.flags = flags;
	r->h.size = sizeof(*r);
	r->h.tgid = tgid;
	r->h.tid = tid;
	r->signo = sig;
	r->errno_ = 0;
	r->status = 0;
	r->addr = 0;
	if ((unsigned long)info <= 1) {
		/* SEND_SIG_NOINFO: kill()'s info from the sender; SEND_SIG_PRIV: the kernel */
		__u64 cur = bpf_get_current_pid_tgid();

		r->code = info ? 0x80 /* SI_KERNEL */ : 0 /* SI_USER */;
		r->pid = info ? 0 : (__s32)(cur >> 32);
		r->uid = info ? 0 : (__u32)bpf_get_current_uid_gid();
	} else {
		r->code = BPF_CORE_READ(info, si_code);
		r->errno_ = BPF_CORE_READ(info, si_errno);
		r->pid = BPF_CORE_READ(info, _sifields._kill._pid);
		r->uid = BPF_CORE_READ(info, _sifields._kill._uid);
		r->status = BPF_CORE_READ(info, _sifields._sigchld._status);
		r->addr = (__u64)BPF_CORE_READ(info, _sifields._sigfault._addr);
		/* from user space or a timer (si_code < 0): addr holds si_value (si_ptr) */
		if (r->code < 0)
			r->addr = (__u64)BPF_CORE_READ(info, _sifields._rt._sigval.sival_ptr);
		else if (sig == 17)
			r->addr = sigchld_times(info);
	}
	r->ns = bpf_ktime_get_ns();
	count(RN_CNT_EMITTED, 1);
	bpf_ringbuf_submit(r, wake_flags(rb, sizeof(*r), true));
	return 0;
}

SEC("tp_btf/signal_deliver")
int BPF_PROG(rn_signal, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tgid = id >> 32;
	struct rn_sig_rec *r;
	void *rb;

	if (!bpf_map_lookup_elem(&targets, &tgid))
		return 0;
	rb = cpu_ring();
	r = rb ? bpf_ringbuf_reserve(rb, sizeof(*r), 0) : NULL;
	if (!r) {
		count(RN_CNT_DROPPED, 1);
		return 0;
	}
	r->h.kind = RN_REC_SIGNAL;
	r->h.flags = 0;
	r->h.size = sizeof(*r);
	r->h.tgid = tgid;
	r->h.tid = (__u32)id;
	r->signo = sig;
	r->code = BPF_CORE_READ(info, si_code);
	r->errno_ = BPF_CORE_READ(info, si_errno);
	r->pid = BPF_CORE_READ(info, _sifields._kill._pid);
	r->uid = BPF_CORE_READ(info, _sifields._kill._uid);
	r->status = BPF_CORE_READ(info, _sifields._sigchld._status);
	r->addr = (__u64)BPF_CORE_READ(info, _sifields._sigfault._addr);
	if (r->code < 0) /* from user space or a timer: si_value (si_ptr) */
		r->addr = (__u64)BPF_CORE_READ(info, _sifields._rt._sigval.sival_ptr);
	else if (sig == 17 && r->code > 0)
		r->addr = sigchld_times(info);
	r->ns = bpf_ktime_get_ns();
	count(RN_CNT_EMITTED, 1);
	bpf_ringbuf_submit(r, wake_flags(rb, sizeof(*r), true));
	return 0;
}

#endif
