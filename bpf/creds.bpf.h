/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The ptrace rule in the kernel for a non-root user's targets (RN_TF_UNPRIV; daemon/auth.c
 * checks it once at the start): a process whose credentials change past what its user could
 * ptrace leaves the traced set, at its first traced call, after a call that changes them, or
 * at an exec of a setuid or file-capability image. Included once, by renacer.bpf.c, after the
 * targets and the record helpers. BPF-only.
 */
#ifndef RENACER_CREDS_BPF_H
#define RENACER_CREDS_BPF_H

/* the calls that change credentials (x86_64) */
#define NR_SETUID	  105
#define NR_SETGID	  106
#define NR_SETREUID	  113
#define NR_SETREGID	  114
#define NR_SETRESUID	  117
#define NR_SETRESGID	  119
#define NR_SETFSUID	  122
#define NR_SETFSGID	  123
#define NR_CAPSET	  126
#define SUID_DUMP_USER	  1 /* mm flags' low bits: dumpable (include/linux/sched/coredump.h) */
#define MMF_DUMPABLE_MASK 3

/*
 * Why the non-root user (uid, gid) of a target may not trace it with the credentials it
 * has now, or 0: ptrace's PTRACE_MODE_ATTACH_REALCREDS rule (kernel/ptrace.c
 * __ptrace_may_access, security/commoncap.c cap_ptrace_access_check): real, effective
 * and saved ids all the user's, permitted capabilities a subset of the user's (none),
 * and, with dump, dumpable. Capabilities count in any user namespace.
 */
static __always_inline __u32 leave_why(struct task_struct *p, const struct rn_target *t, bool dump)
{
	const struct cred *c = BPF_CORE_READ(p, cred);
	kernel_cap_t prm = BPF_CORE_READ(c, cap_permitted);
	struct mm_struct *mm;
	__u64 mmf = 0;

	if (BPF_CORE_READ(c, uid.val) != t->uid || BPF_CORE_READ(c, euid.val) != t->uid ||
	    BPF_CORE_READ(c, suid.val) != t->uid || BPF_CORE_READ(c, gid.val) != t->gid ||
	    BPF_CORE_READ(c, egid.val) != t->gid || BPF_CORE_READ(c, sgid.val) != t->gid)
		return RN_LEAVE_IDS;
	if (prm.val)
		return RN_LEAVE_CAPS;
	if (!dump)
		return 0;
	mm = BPF_CORE_READ(p, mm);
	/* mm->flags: an unsigned long, or (6.18) a bitmap whose first word holds these bits */
	if (mm && !bpf_core_read(&mmf, sizeof(mmf), &mm->flags) &&
	    (mmf & MMF_DUMPABLE_MASK) != SUID_DUMP_USER)
		return RN_LEAVE_NODUMP;
	return 0;
}

/*
 * The process leaves the traced set, as ptrace would not let its owner follow it: no
 * thread of it starts another traced call, and a call of another thread that was in
 * flight ends unreported (its bit is clear at enter and at exit).
 */
static __always_inline void leave(__u32 tgid, __u32 tid, __u32 why, __u32 at, __u32 nr)
{
	bpf_map_delete_elem(&targets, &tgid);
	mark_traced(tgid, false);
	emit_proc(RN_REC_LEAVE, 0, tgid, tid, at, nr, (__s32)why, 0, 0);
}

static __always_inline bool changes_creds(long id)
{
	switch (id) {
	case NR_SETUID:
	case NR_SETGID:
	case NR_SETREUID:
	case NR_SETREGID:
	case NR_SETRESUID:
	case NR_SETRESGID:
	case NR_SETFSUID:
	case NR_SETFSGID:
	case NR_CAPSET:
		return true;
	}
	return false;
}

/*
 * After a call that changes credentials (RN_TF_UNPRIV only): when the new ones break the
 * rule, the process leaves the trace. The call itself has been shown, nothing after it.
 */
static __noinline int recheck_creds(__u32 nr)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tgid = id >> 32, why;
	struct rn_target *t = bpf_map_lookup_elem(&targets, &tgid);

	if (t && (t->flags & RN_TF_UNPRIV) &&
	    (why = leave_why(bpf_get_current_task_btf(), t, false)))
		leave(tgid, (__u32)id, why, RN_LEAVE_AT_SYSCALL, nr);
	return 0;
}

#endif
