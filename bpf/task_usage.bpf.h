/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What a process used by its end, as both BPF objects record it at sched_process_exit
 * (renacer.bpf.c for traced processes, aggregate.bpf.c for every process). Included after
 * vmlinux.h and bpf_core_read.h.
 */
#ifndef RENACER_TASK_USAGE_BPF_H
#define RENACER_TASK_USAGE_BPF_H

/* The thread's CPU time, plus the time of the group's dead threads when the group ends. */
static __always_inline __u64 exit_cpu(struct task_struct *p, bool group_dead)
{
	__u64 ns = p->utime + p->stime;

	if (group_dead)
		ns += p->signal->utime + p->signal->stime;
	return ns;
}

/* get_mm_hiwater_rss(): the high-water mark is only updated lazily, so take the max. */
static __always_inline __u64 peak_rss(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;
	__u64 hw, rss = 0;
	int i;

	if (!mm)
		return 0;
	hw = mm->hiwater_rss;
	for (i = 0; i < 4; i++)
		rss += mm->rss_stat[i].count;
	if ((__s64)rss < 0)
		rss = 0;
	return (hw > rss ? hw : rss) * 4096;
}

#endif
