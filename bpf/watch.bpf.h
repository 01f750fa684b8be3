/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * [[watch]] in the kernel (included once, by renacer.bpf.c, after the targets and the
 * record helpers): a process that enters a watched cgroup, forked there or moved in, becomes
 * a target before it runs a call there, and a cgroup made under a glob's parent with a
 * matching name is watched from its mkdir. BPF-only.
 */
#ifndef RENACER_WATCH_BPF_H
#define RENACER_WATCH_BPF_H

/*
 * The cgroups (v2 ids) of renacerd's [[watch]]: a process that enters one, by a fork or a
 * move, becomes a target before it runs a call there (rn_fork, rn_cgroup_attach).
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u64);
	__type(value, __u32);
} watched_cgroups SEC(".maps");

/* Parent cgroups (v2 ids) of [[watch]] globs, with the pattern of their last component. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u64);
	__type(value, struct rn_watch_pattern);
} watch_parents SEC(".maps");

/*
 * A process that is in a watched cgroup becomes a target of its own session. The record
 * goes first, stamped before the target exists: none of the process's records can be
 * stamped before it, so renacerd meets the record before any of theirs (lib/engine/rings.c).
 * With the ring full, the process stays untraced rather than traced for nobody.
 */
static __always_inline void watch_join(struct cgroup *cg, __u32 tgid, __u32 tid, __u32 ptgid)
{
	__u64 id = BPF_CORE_READ(cg, kn, id);
	struct rn_target nt = {.flags = RN_TF_FOLLOW, .session = RN_SESSION_KERNEL | tgid};

	if (!bpf_map_lookup_elem(&watched_cgroups, &id) ||
	    emit_proc(RN_REC_WATCH, 0, tgid, tid, nt.session, ptgid, 0, id, 0))
		return;
	/* no targets_gen bump: only a thread found traced keeps a verdict */
	mark_traced(tgid, true);
	bpf_map_update_elem(&targets, &tgid, &nt, BPF_NOEXIST);
}

/*
 * A process moved into a cgroup (a write to cgroup.procs, as systemd and CI runners start a
 * job), in the mover's context once the move is done. A move in a v1 hierarchy leaves the
 * task's v2 cgroup as it was.
 */
SEC("tp_btf/cgroup_attach_task")
int BPF_PROG(rn_cgroup_attach, struct cgroup *dst, const char *path, struct task_struct *task,
	     bool threadgroup)
{
	__u32 tgid = task->tgid;

	if (!threadgroup || bpf_map_lookup_elem(&targets, &tgid) ||
	    BPF_CORE_READ(task, cgroups, dfl_cgrp) != dst)
		return 0;
	watch_join(dst, tgid, task->pid, 0);
	return 0;
}

/* name[0, n) against w: exact, or prefix*suffix. */
static __always_inline bool name_matches(const struct rn_watch_pattern *w, const char *name,
					 __u32 n)
{
	__u32 i;

	if (w->star ? n < (__u32)w->plen + w->slen : n != w->plen)
		return false;
	for (i = 0; i < RN_WATCH_NAME && i < w->plen; i++)
		if (name[i] != w->prefix[i])
			return false;
	for (i = 0; i < RN_WATCH_NAME && i < w->slen; i++)
		if (name[(n - w->slen + i) & (2 * RN_WATCH_NAME - 1)] != w->suffix[i])
			return false;
	return true;
}

/*
 * A cgroup made under the parent of a [[watch]] glob, with a name its last component
 * matches (a job's new unit or container): watched from its mkdir, so a process entering it
 * is traced from its first call (rn_fork, rn_cgroup_attach) before renacerd's next look.
 */
SEC("tp_btf/cgroup_mkdir")
int BPF_PROG(rn_cgroup_mkdir, struct cgroup *cgrp, const char *path)
{
	struct cgroup *parent = (struct cgroup *)BPF_CORE_READ(cgrp, self.parent);
	struct rn_watch_pattern *w;
	char name[2 * RN_WATCH_NAME];
	__u64 pid, id;
	__u32 one = 1;
	long n;

	if (!parent)
		return 0;
	pid = BPF_CORE_READ(parent, kn, id);
	w = bpf_map_lookup_elem(&watch_parents, &pid);
	if (!w)
		return 0;
	n = bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(cgrp, kn, name));
	if (n <= 1 || !name_matches(w, name, (__u32)n - 1))
		return 0;
	id = BPF_CORE_READ(cgrp, kn, id);
	bpf_map_update_elem(&watched_cgroups, &id, &one, BPF_ANY);
	return 0;
}

/* A removed cgroup leaves the watched set (one renacerd never saw would stay otherwise). */
SEC("tp_btf/cgroup_rmdir")
int BPF_PROG(rn_cgroup_rmdir, struct cgroup *cgrp, const char *path)
{
	__u64 id = BPF_CORE_READ(cgrp, kn, id);

	bpf_map_delete_elem(&watched_cgroups, &id);
	return 0;
}

#endif
