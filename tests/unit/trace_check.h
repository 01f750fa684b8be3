/* SPDX-License-Identifier: MIT */
/*
 * A sink that checks what a trace reader delivers is a valid model (lib/model/trace.h) and
 * touches every byte of it, so a reader that hands out a dangling or short pointer fails
 * under ASan: used by the mutation test and the fuzzers. Rules checked:
 *  - header first and once, finish last and at most once, nothing after it;
 *  - non-NULL where the model promises it: event name, each of nargs args, result_text
 *    (but for a signal), capture data when len > 0, argv entries up to argc then NULL,
 *    stats names;
 *  - event ids strictly increasing; edges and gaps name events of the trace (after_id may
 *    be 0; one not read yet must come before finish), an edge joins two different events,
 *    a gap has after_id < before_id and lost > 0;
 *  - capture full_len >= len; kinds within their enums; span and trace ids terminated.
 * A violation sets bad and why (the first one) and makes the callbacks return -EFAULT.
 */
#ifndef RENACER_TESTS_TRACE_CHECK_H
#define RENACER_TESTS_TRACE_CHECK_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

struct rn_trace_check {
	bool bad, got_header, finished;
	char why[256];
	uint64_t events, last_id, touched;
	/* delivered ids as sorted runs [lo, hi] */
	uint64_t (*runs)[2];
	size_t nruns, cap;
	/* ids named by edges and gaps before their event came: checked at finish */
	uint64_t *ahead;
	size_t nahead, ahead_cap;
};

__attribute__((format(printf, 2, 3))) static inline int
rn_trace_check__fail(struct rn_trace_check *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->bad) {
		va_start(ap, fmt);
		vsnprintf(c->why, sizeof(c->why), fmt, ap);
		va_end(ap);
	}
	c->bad = true;
	return -EFAULT;
}

static inline void rn_trace_check__str(struct rn_trace_check *c, const char *s)
{
	c->touched += strlen(s);
}

static inline bool rn_trace_check__known(const struct rn_trace_check *c, uint64_t id)
{
	size_t lo = 0, hi = c->nruns;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->runs[mid][1] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nruns && c->runs[lo][0] <= id && id <= c->runs[lo][1];
}

/* An id an edge or gap names: delivered already, or kept to be checked at finish. */
static inline bool rn_trace_check__ref(struct rn_trace_check *c, uint64_t id)
{
	if (id <= c->last_id)
		return rn_trace_check__known(c, id);
	if (c->nahead == c->ahead_cap) {
		size_t nc = c->ahead_cap ? 2 * c->ahead_cap : 16;
		uint64_t *p = realloc(c->ahead, nc * sizeof(*p));

		if (!p)
			return false;
		c->ahead = p;
		c->ahead_cap = nc;
	}
	c->ahead[c->nahead++] = id;
	return true;
}

static inline int rn_trace_check__strv(struct rn_trace_check *c, const char *what, char *const *v,
				       uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (!v[i])
			return rn_trace_check__fail(c, "%s[%u] of %u is NULL", what, i, n);
		rn_trace_check__str(c, v[i]);
	}
	if (v[n])
		return rn_trace_check__fail(c, "%s has more than its %u entries", what, n);
	return 0;
}

static inline int rn_trace_check__state(struct rn_trace_check *c, const char *what)
{
	if (c->bad)
		return -EFAULT;
	if (!c->got_header)
		return rn_trace_check__fail(c, "%s before the header", what);
	if (c->finished)
		return rn_trace_check__fail(c, "%s after finish", what);
	return 0;
}

static inline int rn_trace_check__header(void *ctx, const struct rn_tr_header *h)
{
	struct rn_trace_check *c = ctx;

	if (c->got_header)
		return rn_trace_check__fail(c, "a second header");
	c->got_header = true;
	if (h->format_version < 1 || h->format_version > RN_TRACE_VERSION)
		return rn_trace_check__fail(c, "format_version %u", h->format_version);
	if (!memchr(h->trace_id, 0, sizeof(h->trace_id)) ||
	    !memchr(h->parent_span_id, 0, sizeof(h->parent_span_id)))
		return rn_trace_check__fail(c, "header ids not terminated");
	rn_trace_check__str(c, h->trace_id);
	rn_trace_check__str(c, h->parent_span_id);
	if (h->tool)
		rn_trace_check__str(c, h->tool);
	if (h->hostname)
		rn_trace_check__str(c, h->hostname);
	if (!h->argv && h->argc)
		return rn_trace_check__fail(c, "header argc %u without argv", h->argc);
	return h->argv ? rn_trace_check__strv(c, "header argv", h->argv, h->argc) : 0;
}

static inline int rn_trace_check__event(void *ctx, const struct rn_tr_event *e)
{
	struct rn_trace_check *c = ctx;
	int r = rn_trace_check__state(c, "an event");

	if (r)
		return r;
	if (e->id <= c->last_id)
		return rn_trace_check__fail(c, "event id %llu after %llu",
					    (unsigned long long)e->id,
					    (unsigned long long)c->last_id);
	if ((unsigned)e->kind > RN_TR_EXIT)
		return rn_trace_check__fail(c, "event %llu: kind %d", (unsigned long long)e->id,
					    (int)e->kind);
	if (!e->name)
		return rn_trace_check__fail(c, "event %llu: name is NULL",
					    (unsigned long long)e->id);
	rn_trace_check__str(c, e->name);
	if (e->nargs && !e->args)
		return rn_trace_check__fail(c, "event %llu: %u args, args NULL",
					    (unsigned long long)e->id, e->nargs);
	for (uint32_t i = 0; i < e->nargs; i++) {
		if (!e->args[i])
			return rn_trace_check__fail(c, "event %llu: args[%u] is NULL",
						    (unsigned long long)e->id, i);
		rn_trace_check__str(c, e->args[i]);
	}
	if (e->errname)
		rn_trace_check__str(c, e->errname);
	/* a signal has no result: the text output prints none */
	if (!e->result_text && e->kind != RN_TR_SIGNAL)
		return rn_trace_check__fail(c, "event %llu: result_text is NULL",
					    (unsigned long long)e->id);
	if (e->result_text)
		rn_trace_check__str(c, e->result_text);
	for (int i = 0; i < 6; i++)
		c->touched += e->raw_args[i] & 1;
	if (e->ncaps && !e->caps)
		return rn_trace_check__fail(c, "event %llu: %u captures, caps NULL",
					    (unsigned long long)e->id, e->ncaps);
	for (uint32_t i = 0; i < e->ncaps; i++) {
		const struct rn_tr_capture *k = &e->caps[i];

		if (k->len && !k->data)
			return rn_trace_check__fail(c, "event %llu: capture %u data NULL",
						    (unsigned long long)e->id, i);
		if (k->full_len < k->len)
			return rn_trace_check__fail(c, "event %llu: capture %u full_len < len",
						    (unsigned long long)e->id, i);
		for (uint32_t j = 0; j < k->len; j++)
			c->touched += k->data[j];
	}
	if (e->nframes && !e->frames)
		return rn_trace_check__fail(c, "event %llu: %u frames, frames NULL",
					    (unsigned long long)e->id, e->nframes);
	for (uint32_t i = 0; i < e->nframes; i++) {
		const struct rn_tr_frame *f = &e->frames[i];
		const char *t[] = {f->module, f->build_id, f->symbol, f->function, f->file};

		c->touched += f->pc + f->offset + f->symbol_offset + f->line + f->inlined + f->own;
		for (int j = 0; j < 5; j++)
			if (t[j])
				rn_trace_check__str(c, t[j]);
	}
	c->last_id = e->id;
	c->events++;
	if (c->nruns && c->runs[c->nruns - 1][1] + 1 == e->id) {
		c->runs[c->nruns - 1][1] = e->id;
		return 0;
	}
	if (c->nruns == c->cap) {
		size_t nc = c->cap ? 2 * c->cap : 16;
		void *p = realloc(c->runs, nc * sizeof(*c->runs));

		if (!p)
			return -ENOMEM;
		c->runs = p;
		c->cap = nc;
	}
	c->runs[c->nruns][0] = c->runs[c->nruns][1] = e->id;
	c->nruns++;
	return 0;
}

static inline int rn_trace_check__process(void *ctx, const struct rn_tr_process *p)
{
	struct rn_trace_check *c = ctx;
	int r = rn_trace_check__state(c, "a process");

	if (r)
		return r;
	if (!memchr(p->span_id, 0, sizeof(p->span_id)) ||
	    !memchr(p->parent_span_id, 0, sizeof(p->parent_span_id)))
		return rn_trace_check__fail(c, "process %u: span ids not terminated", p->pid);
	rn_trace_check__str(c, p->span_id);
	rn_trace_check__str(c, p->parent_span_id);
	if (p->exe)
		rn_trace_check__str(c, p->exe);
	if (!p->argv && p->argc)
		return rn_trace_check__fail(c, "process %u: argc %u without argv", p->pid, p->argc);
	if (p->argv && (r = rn_trace_check__strv(c, "process argv", p->argv, p->argc)) != 0)
		return r;
	for (size_t i = 0; p->env && p->env[i]; i++)
		rn_trace_check__str(c, p->env[i]);
	return 0;
}

static inline int rn_trace_check__edge(void *ctx, const struct rn_tr_edge *e)
{
	struct rn_trace_check *c = ctx;
	int r = rn_trace_check__state(c, "an edge");

	if (r)
		return r;
	if ((unsigned)e->kind > RN_EDGE_SIGNAL)
		return rn_trace_check__fail(c, "edge kind %d", (int)e->kind);
	if (!rn_trace_check__ref(c, e->from) || !rn_trace_check__ref(c, e->to))
		return rn_trace_check__fail(c, "edge %llu -> %llu names an unknown event",
					    (unsigned long long)e->from, (unsigned long long)e->to);
	if (e->from == e->to)
		return rn_trace_check__fail(c, "edge from event %llu to itself",
					    (unsigned long long)e->from);
	return 0;
}

static inline int rn_trace_check__gap(void *ctx, const struct rn_tr_gap *g)
{
	struct rn_trace_check *c = ctx;
	int r = rn_trace_check__state(c, "a gap");

	if (r)
		return r;
	if ((g->after_id && !rn_trace_check__ref(c, g->after_id)) ||
	    !rn_trace_check__ref(c, g->before_id))
		return rn_trace_check__fail(c, "gap %llu..%llu names an unknown event",
					    (unsigned long long)g->after_id,
					    (unsigned long long)g->before_id);
	if (g->after_id >= g->before_id || !g->lost)
		return rn_trace_check__fail(
		    c, "impossible gap %llu..%llu of %llu", (unsigned long long)g->after_id,
		    (unsigned long long)g->before_id, (unsigned long long)g->lost);
	return 0;
}

static inline int rn_trace_check__finish(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_trace_check *c = ctx;
	int r = rn_trace_check__state(c, "finish");

	if (r)
		return r;
	c->finished = true;
	for (size_t i = 0; i < c->nahead; i++)
		if (!rn_trace_check__known(c, c->ahead[i]))
			return rn_trace_check__fail(c,
						    "an edge or gap names event %llu, never read",
						    (unsigned long long)c->ahead[i]);
	if (!s)
		return 0;
	if (s->nsyscalls && (!s->names || !s->calls || !s->errors || !s->duration_ns))
		return rn_trace_check__fail(c, "stats arrays NULL");
	for (uint32_t i = 0; i < s->nsyscalls; i++) {
		if (!s->names[i])
			return rn_trace_check__fail(c, "stats name %u NULL", i);
		rn_trace_check__str(c, s->names[i]);
		c->touched += s->calls[i] + s->errors[i] + s->duration_ns[i];
	}
	c->touched += s->incomplete;
	return 0;
}

static inline struct rn_tr_sink rn_trace_check__sink(struct rn_trace_check *c)
{
	memset(c, 0, sizeof(*c));
	return (struct rn_tr_sink){
	    .ctx = c,
	    .header = rn_trace_check__header,
	    .event = rn_trace_check__event,
	    .process = rn_trace_check__process,
	    .edge = rn_trace_check__edge,
	    .gap = rn_trace_check__gap,
	    .finish = rn_trace_check__finish,
	};
}

static inline void rn_trace_check__free(struct rn_trace_check *c)
{
	free(c->runs);
	free(c->ahead);
	c->runs = NULL;
	c->ahead = NULL;
}

/*
 * After the read: ret 0 needs a valid model that was finished; an error needs a negative
 * code and a message starting with the file's name. 0 when the pair is right, else why.
 */
static inline int rn_trace_check__result(struct rn_trace_check *c, int ret, const char *msg,
					 const char *name)
{
	if (c->bad)
		return -EFAULT;
	if (ret > 0)
		return rn_trace_check__fail(c, "reader returned %d", ret);
	if (!ret && !c->finished)
		return rn_trace_check__fail(c, "reader returned 0 without finish");
	if (ret && strncmp(msg, name, strlen(name)))
		return rn_trace_check__fail(c, "error %d without a message naming the file: '%s'",
					    ret, msg);
	return 0;
}

#endif
