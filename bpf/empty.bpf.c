// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The floor for `make bench`: programs that do nothing on the two syscall tracepoints
 * renacer uses. Attached, they show what merely being on those tracepoints costs every
 * task (the slow syscall path plus two empty calls); an untraced process beside a renacer
 * session should pay no more.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

SEC("tp_btf/sys_enter")
int BPF_PROG(empty_enter, struct pt_regs *regs, long id)
{
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(empty_exit, struct pt_regs *regs, long ret)
{
	return 0;
}
