/* SPDX-License-Identifier: MIT */
/*
 * Whether this kernel lets BPF make a syscall fail (strace's -e inject=, without ptrace):
 * an fmod_ret program on the syscall's entry function (__x64_sys_NAME), which the kernel
 * allows only for functions on its error-injection list (CONFIG_FUNCTION_ERROR_INJECTION),
 * or bpf_override_return on a kprobe there (CONFIG_BPF_KPROBE_OVERRIDE as well).
 */
#ifndef RENACER_INJECT_H
#define RENACER_INJECT_H

#include <stddef.h>

/*
 * 0 when an fmod_ret program on func loads; else -errno with why (the kernel options it
 * lacks, or the kernel's refusal) in why. Parses the kernel's BTF: call it only when
 * injection is asked for.
 */
int rn_inject__probe(const char *func, char *why, size_t whylen);

#endif
