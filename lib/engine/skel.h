/* SPDX-License-Identifier: MIT */
/* The default BPF object and the stacks one behind one access path (lib/engine/skel.c). */
#ifndef RENACER_SKEL_H
#define RENACER_SKEL_H

#include <stddef.h>
#include <stdint.h>

struct renacer;

struct rn_skel_ops {
	const char *name, *id; /* pins (pin.h): the object's name and its build's hash */
	size_t rodata_size;    /* its constants (.rodata), which pinned programs must match */
	struct renacer *(*open)(void);
	int (*load)(struct renacer *);
	int (*attach)(struct renacer *);
	void (*destroy)(struct renacer *);
	/* the user stack bytes copied per call; NULL: the object has no stack code */
	void (*set_stack_bytes)(struct renacer *, uint32_t bytes);
};

extern const struct rn_skel_ops rn_skel_default; /* any kernel with BTF */
extern const struct rn_skel_ops rn_skel_stacks;	 /* --source, -k: Linux 6.7 */

#endif
