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
	__uint(max_entries, 64 * RN_WATCH_SLOTS);
	__type(key, struct rn_watch_key);
	__type(value, struct rn_watch_pattern);
} watch_parents SEC(".maps");

/*
 * A process that is in a watched cgroup becomes a target of its own session. The record
 * goes first, stamped before the target exists: none of the process's records can be
 * stamped before it, so renacerd meets the record before any of theirs (lib/engine/rings.c).
 * With the ring full, the process stays untraced rather than traced for nobody.
 */
static __always_inline void watch_join(struct cgroup *cg, struct task_struct *task, __u32 ptgid)
{
	__u32 tgid = task->tgid, tid = task->pid;
	__u64 id = BPF_CORE_READ(cg, kn, id);
	struct rn_target nt = {.flags = RN_TF_FOLLOW, .session = RN_SESSION_KERNEL | tgid};

	if (!bpf_map_lookup_elem(&watched_cgroups, &id) ||
	    emit_proc(RN_REC_WATCH, 0, tgid, tid, nt.session, ptgid, 0, id, 0))
		return;
	own_tstate(task); /* the leader: the mover passes it, and a forked child is one */
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
	watch_join(dst, task, 0);
	return 0;
}

struct glob_ctx {
	const struct rn_watch_pattern *w;
	__u32 n, p, i, next_p, next_i; /* name length; where a mismatch goes back to */
	bool ok;
	char name[RN_WATCH_NAME];
};

/*
 * One step of the glob match (as glob(3) matches one component, with one place to go back
 * to: the last '*' and the name byte it would take next). At most (n + 1) * (elements + 1)
 * steps; returns 1 when decided (c->ok).
 */
static long glob_step(__u64 idx, struct glob_ctx *c)
{
	const struct rn_watch_pattern *w = c->w;
	__u32 p = c->p & (RN_WATCH_GLOB - 1), i = c->i & (RN_WATCH_NAME - 1);
	__u8 ch = c->name[i];

	if (c->p >= w->n && c->i >= c->n) {
		c->ok = true;
		return 1;
	}
	if (c->p < w->n) {
		if (w->star[p]) {
			c->next_p = c->p;
			c->next_i = c->i + 1;
			c->p++;
			return 0;
		}
		if (c->i < c->n && (w->set[p][(ch >> 3) & 31] & (1u << (ch & 7)))) {
			c->p++;
			c->i++;
			return 0;
		}
	}
	if (c->next_i && c->next_i <= c->n) {
		c->p = c->next_p;
		c->i = c->next_i;
		return 0;
	}
	return 1;
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
	struct rn_watch_key key = {};
	struct rn_watch_pattern *w;
	struct glob_ctx c = {};
	__u64 id;
	__u32 one = 1;
	long n;

	if (!parent)
		return 0;
	key.parent = BPF_CORE_READ(parent, kn, id);
	n = bpf_probe_read_kernel_str(c.name, sizeof(c.name), BPF_CORE_READ(cgrp, kn, name));
	/* a longer name (cut here) is left to the look */
	if (n <= 1 || n >= (long)sizeof(c.name))
		return 0;
	c.n = (__u32)n - 1;
	for (key.slot = 0; key.slot < RN_WATCH_SLOTS && !c.ok; key.slot++) {
		w = bpf_map_lookup_elem(&watch_parents, &key);
		if (!w)
			break;
		if (c.name[0] == '.' && w->dotwild)
			continue;
		c.w = w;
		c.p = c.i = c.next_p = c.next_i = 0;
		bpf_loop((RN_WATCH_NAME + 1) * (RN_WATCH_GLOB + 1), glob_step, &c, 0);
	}
	if (!c.ok)
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
