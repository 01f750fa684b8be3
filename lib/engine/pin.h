/* SPDX-License-Identifier: MIT */
/*
 * BPF programs verified once and reused by later runs: a light skeleton's maps, programs
 * and ring buffers pinned in bpffs under ROOT/NAME-ID/KNOBS/SLOT/ (m0.., p0.., r0..), where ID
 * names the skeleton's build (its object's hash), KNOBS the constants folded into it at load
 * (.rodata), and SLOT is one of a few copies. A run owns a slot while it holds the
 * flock on its directory, so a run that dies releases it with its last descriptor; links
 * are never pinned, so no run means nothing attached (an idle host pays nothing).
 */
#ifndef RENACER_PIN_H
#define RENACER_PIN_H

#include <errno.h> /* skel_internal.h uses these without including them */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <bpf/skel_internal.h>

#define RN_PIN_SLOTS  4	  /* runs at once that reuse programs; more load their own */
#define RN_PIN_IDLE_S 600 /* pinned copies (any build, any constants) unclaimed this long go */
/* What a slot holds, in the constants' hash: bumped when that changes, so that no run
 * claims a slot of the old layout (it goes once idle). 2: with its rings. */
#define RN_PIN_LAYOUT 2

struct rn_pin;

/* A light skeleton's objects, in the order its struct declares them, and the ring buffers
 * its array of rings holds (kept with the slot: a start then makes no 2 x 8 MiB that the
 * kernel zeroes). */
struct rn_pin_objs {
	struct bpf_map_desc *maps;
	int nmaps;
	struct bpf_prog_desc *progs;
	int nprogs;
	int *rings; /* fds; a claim fills them */
	int nrings;
	size_t ring_bytes; /* each; a slot's rings of another size are not claimed */
};

/*
 * Claims a free slot of ROOT/NAME-ID/KNOBS. 1: one was free; the descriptors in objs are
 * its pinned objects (objs->rings its rings, which the caller then owns) and the maps with data
 * (.rodata, .data, .bss) are mapped where the skeleton's open put them. 0: none to reuse; load,
 * then rn_pin__publish. -errno: pinning is not possible here (why says so); load as without it.
 * *out is set unless -errno.
 */
int rn_pin__claim(struct rn_pin **out, const char *root, const char *name, const char *id,
		  uint64_t knobs, const struct rn_pin_objs *objs, char *why, size_t whylen);
/* Pins the freshly loaded objs as a new slot this run owns; -errno when none was free. */
int rn_pin__publish(struct rn_pin *p, const struct rn_pin_objs *objs);
/* The slot this run owns, or -1. */
int rn_pin__slot(const struct rn_pin *p);
/* Releases the slot (the pins stay for the next run). */
void rn_pin__free(struct rn_pin *p);

#endif
