/* SPDX-License-Identifier: MIT */
/*
 * Private to lib/export/otlp_map.c (the sink: processes, calls waiting for their span,
 * batches) and lib/export/otlp_spans.c (the spans built from them).
 */
#ifndef RENACER_OTLP_MAP_INT_H
#define RENACER_OTLP_MAP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "hmap.h"
#include "otlp_map.h"
#include "otlp_pb.h"
#include "pool.h"

#define EV_EXPORTED (1u << 31) /* in evtab: the event has a span of its own */
#define EV_PID	    (EV_EXPORTED - 1)
#define EVTAB_MAX   (1u << 30) /* ids past this get no links (a damaged file's) */
#define MAX_LINKS   128	       /* per process span; the rest are counted as dropped */

/* Strings of a process's waiting calls, NUL-terminated, by offset. */
struct arena {
	char *p;
	size_t n, cap;
};

struct pcall {
	uint64_t id, enter_ns, dur_ns, lamport;
	int64_t result;
	uint32_t tid, nargs;
	int32_t nr;
	uint32_t name, args, result_text, errname; /* offsets; errname 0 when none */
	bool noreturn;
};

struct pevent {
	uint64_t t_ns;
	bool is_signal;
	uint32_t what, info; /* signal name, its {...}; exec: the path, the joined args */
};

struct plink {
	uint64_t from, to;
	enum rn_tr_edge_kind kind;
};

/* A process: its record once known, and what waits for its span. */
struct mproc {
	uint32_t pid, ppid, argc;
	bool have_info, ended;
	int32_t wait_status;
	uint64_t span, parent, start_ns, end_ns, rss, cpu;
	uint32_t exe, argv; /* in info: argv's argc strings one after another */
	struct arena info;  /* the record's strings and the events' */
	struct arena a;	    /* strings of the waiting calls */
	struct pcall *calls;
	size_t ncalls, capcalls;
	struct pevent *evs;
	size_t nevs, capevs;
	struct plink *links; /* on the process span */
	size_t nlinks, caplinks;
	struct plink *clinks; /* on a waiting call's span */
	size_t nclinks, capclinks;
};

struct rn_otlp_map {
	struct rn_otlp_map_opts o;
	bool have_header;
	uint8_t trace_id[16];
	uint64_t idsalt, real0, last_ns;
	char service[256];
	struct rn_pool procs;
	struct rn_hmap bypid;
	uint32_t *evtab;
	size_t evcap;
	struct rn_bump rbump; /* the resource and scope, for the whole run */
	Opentelemetry__Proto__Resource__V1__Resource res;
	Opentelemetry__Proto__Common__V1__InstrumentationScope scope;
	struct rn_bump bump; /* the batch being built */
	rn_pb_span **batch;
	size_t nbatch;
	uint64_t batch_t0; /* the trace's clock when the batch's first span came */
	struct rn_otlp_map_stats st;
};

static inline uint32_t otlp_map__evtab_get(const struct rn_otlp_map *m, uint64_t id)
{
	return id < m->evcap ? m->evtab[id] : 0;
}

/* Sends the batch built so far as one request (emit). */
int otlp_map__send_batch(struct rn_otlp_map *m);
/* A waiting call's span, under p's span (known by now). */
int otlp_map__call_span(struct rn_otlp_map *m, const struct mproc *p, const struct pcall *c,
			const struct plink *links, size_t nlinks);
/* A process's span with its events and links (at finish, when every span id is known). */
int otlp_map__proc_span(struct rn_otlp_map *m, struct mproc *p);
/* A call's span id, from the trace id and the event id. */
uint64_t otlp_map__call_span_id(const struct rn_otlp_map *m, uint64_t event_id);
uint64_t otlp_map__mix64(uint64_t x);
/* The span an edge from event `from` links to, when it is known yet. */
bool otlp_map__link_target(const struct rn_otlp_map *m, uint64_t from, uint64_t *span);
const char *otlp_map__base_name(const char *path);

#endif
