/* SPDX-License-Identifier: MIT */
/*
 * The critical path of a trace: the heaviest path through the happens-before graph (program
 * order within each thread plus the causal edges), weighted by call durations and the time
 * between events. Each event waited for the predecessor that finished last: its thread's
 * previous event, or an event of another thread it received from. The path's length is wall
 * time along it. Shared by the `summary --critical-path` view and the assertions.
 */
#ifndef RENACER_CRITPATH_H
#define RENACER_CRITPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"

struct rn_cpgraph;

/* One event on the path, in path order. */
struct rn_cp_step {
	uint64_t id;
	uint32_t pid, tid;
	uint64_t start, end; /* ns since trace start */
	char name[24];
	uint64_t add_ns; /* wall time this event adds to the path after its predecessor */
	bool via_edge;	 /* entered from another thread by a causal edge */
};

struct rn_cpgraph *rn_cpgraph__new(void);
void rn_cpgraph__free(struct rn_cpgraph *g);
/* Events and edges as a sink receives them; 0 or -ENOMEM. */
int rn_cpgraph__event(struct rn_cpgraph *g, const struct rn_tr_event *e);
int rn_cpgraph__edge(struct rn_cpgraph *g, const struct rn_tr_edge *e);
/* The pid of event id: 0, or -ENOENT for an id the graph has not seen. */
int rn_cpgraph__pid(const struct rn_cpgraph *g, uint64_t id, uint32_t *pid);
/*
 * The path (malloc'd, *len steps; NULL and 0 for a trace without events) and its length in
 * ns. 0 or -ENOMEM. Call once, after the last event and edge.
 */
int rn_cpgraph__path(struct rn_cpgraph *g, struct rn_cp_step **path, size_t *len,
		     uint64_t *total_ns);

#endif
