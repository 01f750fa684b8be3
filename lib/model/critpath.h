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

/* Where an event ran, and whether its user marked it. */
struct rn_cp_place {
	uint32_t pid, tid;
	uint64_t start, end; /* ns since trace start */
	bool marked;
};

/* Marks the event added last: one bit per event that the graph's user keeps in it. */
void rn_cpgraph__mark_last(struct rn_cpgraph *g);
/* Event id's place: 0, or -ENOENT for an id the graph has not seen. */
int rn_cpgraph__place(const struct rn_cpgraph *g, uint64_t id, struct rn_cp_place *p);
/*
 * The path (malloc'd, *len steps; NULL and 0 for a trace without events) and its length in
 * ns. 0 or -ENOMEM. Call once, after the last event and edge.
 */
int rn_cpgraph__path(struct rn_cpgraph *g, struct rn_cp_step **path, size_t *len,
		     uint64_t *total_ns);

/* A stretch of the path on one thread, entered by a causal edge or at the start. */
struct rn_cp_stretch {
	uint32_t pid, tid;
	uint64_t start, end; /* the first call's start, the last one's end */
	uint64_t first_id, last_id;
	size_t calls;
	char first_call[24];
};

/*
 * The path as its stretches (malloc'd, *len of them), with memory for the stretches only,
 * not a step per event; otherwise as rn_cpgraph__path.
 */
int rn_cpgraph__stretches(struct rn_cpgraph *g, struct rn_cp_stretch **out, size_t *len,
			  uint64_t *total_ns);

#endif
