/* SPDX-License-Identifier: MIT */
/*
 * The causal order of a trace: a Lamport stamp for every event and the edges between
 * events that a message joins: fork -> the child's first event, execve -> the next event,
 * a child's exit -> the wait that reaps it, a write to a pipe or Unix socket -> the reads
 * of its bytes, kill -> the delivery. An edge is written only when both ends are known in
 * order, so stamp(from) < stamp(to) always holds.
 *
 * The recorder owns the threads and processes; it asks for a clock per thread and, for
 * each event: the stamp (rn_causal__call, __signal, __exit), then, after it has written
 * the event and its gap, the event's edges (rn_causal__edges).
 */
#ifndef RENACER_CAUSAL_H
#define RENACER_CAUSAL_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "trace.h"

struct rn_causal;
/* A thread's Lamport clock, owned by its rn_causal; it never moves until rn_causal__free. */
struct rn_clock;

/* A message an event sends: its stamp and id (id 0: none). */
struct rn_causal_msg {
	uint64_t stamp, id;
};

/* Edges go to sink->edge (the sink is the caller's, copied). */
int rn_causal__new(struct rn_causal **out, const struct rn_tr_sink *sink);
void rn_causal__free(struct rn_causal *c);

/* A new clock for a thread seen the first time, or NULL (no memory). */
struct rn_clock *rn_causal__clock(struct rn_causal *c);

/*
 * The stamp of call ev, event id, on thread t. fo names the pipe or socket behind its fd
 * argument (NULL: none); reaped is the exit of the child a wait reaped (NULL: none).
 */
uint64_t rn_causal__call(struct rn_causal *c, struct rn_clock *t, const struct rn_event *ev,
			 const struct rn_fdobj *fo, const struct rn_causal_msg *reaped,
			 uint64_t id);
/* The stamp of the delivery of signal s on thread t. */
uint64_t rn_causal__signal(struct rn_causal *c, struct rn_clock *t, const struct rn_sig_rec *s);
/* The stamp of thread t's end, event id: the message a wait that reaps it receives. */
struct rn_causal_msg rn_causal__exit(struct rn_causal *c, struct rn_clock *t, uint64_t id);
/* Writes the edges into event id on thread t, just stamped by one of the three above. */
void rn_causal__edges(struct rn_causal *c, struct rn_clock *t, uint64_t id);

/*
 * Thread parent created child: the parent's fork call is the send, its stamp fixed now
 * (before the child can run). reused: child's tid belonged to a thread that ended, of
 * which nothing carries over.
 */
void rn_causal__fork(struct rn_causal *c, struct rn_clock *parent, struct rn_clock *child,
		     bool reused);
/* A non-leader thread that execs takes over the leader's tid: now goes on from old. */
void rn_causal__exec_takeover(struct rn_clock *old, struct rn_clock *now);

#endif
