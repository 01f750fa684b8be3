// SPDX-License-Identifier: MIT
/*
 * The engine's two BPF objects, both built from bpf/renacer.bpf.c: the default one, and
 * renacer_stacks with the stack code (--source, -k; its VMA iterator needs Linux 6.7). They
 * have the same maps, programs, links and globals but stack_bytes, last in .rodata; so the
 * engine reads either through struct renacer and calls it through this table. The asserts
 * prove the shared layout: a change to one object that breaks it stops the build.
 */
#include "skel.h"

#include <errno.h> /* the skeletons use it */
#include <stddef.h>

#include "renacer.skel.h"
#include "renacer_stacks.skel.h"

#define SAME_LAYOUT(t1, t2, m)                                                                     \
	_Static_assert(offsetof(t1, m) == offsetof(t2, m) &&                                       \
			   sizeof(((t1 *)0)->m) == sizeof(((t2 *)0)->m),                           \
		       "renacer and renacer_stacks differ at " #m)
SAME_LAYOUT(struct renacer, struct renacer_stacks, ctx);
SAME_LAYOUT(struct renacer, struct renacer_stacks, maps);
SAME_LAYOUT(struct renacer, struct renacer_stacks, maps.capspec);
SAME_LAYOUT(struct renacer, struct renacer_stacks, maps.counters);
SAME_LAYOUT(struct renacer, struct renacer_stacks, maps.traced_bits);
SAME_LAYOUT(struct renacer, struct renacer_stacks, maps.targets);
SAME_LAYOUT(struct renacer, struct renacer_stacks, maps.rings);
SAME_LAYOUT(struct renacer, struct renacer_stacks, maps.watched_cgroups);
SAME_LAYOUT(struct renacer, struct renacer_stacks, maps.watch_parents);
SAME_LAYOUT(struct renacer, struct renacer_stacks, progs);
SAME_LAYOUT(struct renacer, struct renacer_stacks, links);
SAME_LAYOUT(struct renacer, struct renacer_stacks, rodata);
SAME_LAYOUT(struct renacer, struct renacer_stacks, data);
SAME_LAYOUT(struct renacer, struct renacer_stacks, bss);
SAME_LAYOUT(struct renacer__rodata, struct renacer_stacks__rodata, snaplen);
SAME_LAYOUT(struct renacer__rodata, struct renacer_stacks__rodata, capture_objs);
SAME_LAYOUT(struct renacer__rodata, struct renacer_stacks__rodata, obj_secret);
SAME_LAYOUT(struct renacer__rodata, struct renacer_stacks__rodata, wakeup_bytes);
SAME_LAYOUT(struct renacer__rodata, struct renacer_stacks__rodata, nrings);
SAME_LAYOUT(struct renacer__data, struct renacer_stacks__data, targets_gen);
SAME_LAYOUT(struct renacer__bss, struct renacer_stacks__bss, syscall_filter);
SAME_LAYOUT(struct renacer__bss, struct renacer_stacks__bss, compat_nr);
_Static_assert(sizeof(struct renacer) == sizeof(struct renacer_stacks), "skeletons differ");

static struct renacer *stacks_open(void)
{
	return (struct renacer *)renacer_stacks__open();
}

static int stacks_load(struct renacer *sk)
{
	return renacer_stacks__load((struct renacer_stacks *)sk);
}

static int stacks_attach(struct renacer *sk)
{
	return renacer_stacks__attach((struct renacer_stacks *)sk);
}

static void stacks_destroy(struct renacer *sk)
{
	renacer_stacks__destroy((struct renacer_stacks *)sk);
}

static void stacks_set_stack_bytes(struct renacer *sk, uint32_t bytes)
{
	((struct renacer_stacks *)sk)->rodata->stack_bytes = bytes;
}

const struct rn_skel_ops rn_skel_default = {
    .name = "renacer",
    .id = SKEL_ID_renacer,
    .rodata_size = sizeof(struct renacer__rodata),
    .open = renacer__open,
    .load = renacer__load,
    .attach = renacer__attach,
    .destroy = renacer__destroy,
};

const struct rn_skel_ops rn_skel_stacks = {
    .name = "renacer_stacks",
    .id = SKEL_ID_renacer_stacks,
    .rodata_size = sizeof(struct renacer_stacks__rodata),
    .open = stacks_open,
    .load = stacks_load,
    .attach = stacks_attach,
    .destroy = stacks_destroy,
    .set_stack_bytes = stacks_set_stack_bytes,
};
