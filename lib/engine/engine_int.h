/* SPDX-License-Identifier: MIT */
/* The engine's state, shared by engine.c (load, rings, attach) and targets.c (who is traced). */
#ifndef RN_ENGINE_INT_H
#define RN_ENGINE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pin.h"
#include "renacer.skel.h"
#include "rings.h"
#include "skel.h"

struct rn_demux;

struct rn_engine {
	const struct rn_skel_ops *ops; /* the default object or the stacks one (skel.h) */
	struct renacer *skel;
	struct rn_rings *rings; /* one per CPU (lib/engine/rings.c) */
	struct rn_demux *demux;
	int (*raw)(void *ctx, const void *data, size_t size); /* rn_raw_fn */
	void *raw_ctx;
	int ncpus;
	int nrings;
	size_t ring_each;      /* bytes per ring */
	uint64_t *traced_bits; /* the traced-tgid bitmap map, mapped */
	size_t traced_len;
	int epfd; /* the rings, edge-triggered, and what rn_engine__watch added */
	bool attached;
	struct rn_pin *pin; /* the slot of pinned programs this run owns (pin.h), or NULL */
	bool reused;	    /* its programs were verified by an earlier run */
	bool no_cgroup_watch;
	/* a pinned slot keeps rings of the default size, not the 64 MiB of --source's */
	bool keep_rings;
};

#endif
