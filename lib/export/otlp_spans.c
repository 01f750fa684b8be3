// SPDX-License-Identifier: MIT
/* The spans of lib/export/otlp_map.c: calls and processes as OTLP messages, and the batches. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "errnames.h"
#include "otlp_map_int.h"

uint64_t otlp_map__mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* A call's span id: the same trace exported twice gives the same ids. */
uint64_t otlp_map__call_span_id(const struct rn_otlp_map *m, uint64_t event_id)
{
	uint64_t v = otlp_map__mix64(m->idsalt ^ otlp_map__mix64(event_id));

	return v ? v : 1;
}

int otlp_map__send_batch(struct rn_otlp_map *m)
{
	Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest req =
	    OPENTELEMETRY__PROTO__COLLECTOR__TRACE__V1__EXPORT_TRACE_SERVICE_REQUEST__INIT;
	Opentelemetry__Proto__Trace__V1__ResourceSpans rs =
	    OPENTELEMETRY__PROTO__TRACE__V1__RESOURCE_SPANS__INIT;
	Opentelemetry__Proto__Trace__V1__ScopeSpans ss =
	    OPENTELEMETRY__PROTO__TRACE__V1__SCOPE_SPANS__INIT;
	Opentelemetry__Proto__Trace__V1__ScopeSpans *ssp = &ss;
	Opentelemetry__Proto__Trace__V1__ResourceSpans *rsp = &rs;
	uint32_t nspans = (uint32_t)m->nbatch;
	uint8_t *buf;
	size_t len;
	int err;

	if (!m->nbatch)
		return 0;
	err = m->bump.failed ? m->bump.failed : m->rbump.failed;
	if (err)
		goto out;
	ss.scope = &m->scope;
	ss.n_spans = m->nbatch;
	ss.spans = m->batch;
	rs.resource = &m->res;
	rs.n_scope_spans = 1;
	rs.scope_spans = &ssp;
	req.n_resource_spans = 1;
	req.resource_spans = &rsp;
	len =
	    opentelemetry__proto__collector__trace__v1__export_trace_service_request__get_packed_size(
		&req);
	buf = malloc(len ? len : 1);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	opentelemetry__proto__collector__trace__v1__export_trace_service_request__pack(&req, buf);
	m->st.spans += nspans;
	m->st.requests++;
	err = m->o.emit ? m->o.emit(m->o.emit_ctx, buf, len, nspans) : (free(buf), 0);
out:
	m->nbatch = 0;
	rn_bump__reset(&m->bump);
	return err;
}

static rn_pb_span *span_new(struct rn_otlp_map *m, uint64_t span, uint64_t parent)
{
	rn_pb_span *s = rn_bump__alloc(&m->bump, sizeof(*s));

	if (!s)
		return NULL;
	opentelemetry__proto__trace__v1__span__init(s);
	s->trace_id.data = m->trace_id;
	s->trace_id.len = sizeof(m->trace_id);
	s->span_id = rn_pb_id_u64(&m->bump, span);
	if (parent)
		s->parent_span_id = rn_pb_id_u64(&m->bump, parent);
	s->kind = OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_INTERNAL;
	return s;
}

static int span_done(struct rn_otlp_map *m, rn_pb_span *s, struct rn_pb_attrs *a, bool error,
		     const char *msg)
{
	s->n_attributes = a->n;
	s->attributes = a->v;
	if (error) {
		Opentelemetry__Proto__Trace__V1__Status *st = rn_bump__alloc(&m->bump, sizeof(*st));

		if (st) {
			opentelemetry__proto__trace__v1__status__init(st);
			st->code =
			    OPENTELEMETRY__PROTO__TRACE__V1__STATUS__STATUS_CODE__STATUS_CODE_ERROR;
			st->message = rn_bump__strdup(&m->bump, msg);
			s->status = st;
		}
	}
	if (!m->nbatch)
		m->batch_t0 = m->last_ns;
	m->batch[m->nbatch++] = s;
	if (m->nbatch == m->o.batch_spans)
		return otlp_map__send_batch(m);
	return 0;
}

/* The span a link points at: the call's own, else its process's (known by finish). */
bool otlp_map__link_target(const struct rn_otlp_map *m, uint64_t from, uint64_t *span)
{
	uint32_t v = otlp_map__evtab_get(m, from);
	int64_t i;
	const struct mproc *p;

	if (!v)
		return false;
	if (v & EV_EXPORTED) {
		*span = otlp_map__call_span_id(m, from);
		return true;
	}
	i = rn_hmap__get(&m->bypid, v & EV_PID);
	p = i >= 0 ? rn_pool__at(&m->procs, (uint32_t)i) : NULL;
	if (!p || !p->span)
		return false;
	*span = p->span;
	return true;
}

static void add_links(struct rn_otlp_map *m, rn_pb_span *s, const struct plink *l, size_t n)
{
	size_t i;

	if (!n)
		return;
	s->links = rn_bump__alloc(&m->bump, (n < MAX_LINKS ? n : MAX_LINKS) * sizeof(*s->links));
	if (!s->links)
		return;
	for (i = 0; i < n; i++) {
		struct rn_pb_attrs a = {0};
		rn_pb_link *k;
		uint64_t span;

		if (s->n_links == MAX_LINKS) {
			s->dropped_links_count++;
			m->st.links_dropped++;
			continue;
		}
		if (!otlp_map__link_target(m, l[i].from, &span)) {
			m->st.links_dropped++;
			continue;
		}
		k = rn_bump__alloc(&m->bump, sizeof(*k));
		if (!k)
			return;
		opentelemetry__proto__trace__v1__span__link__init(k);
		k->trace_id.data = m->trace_id;
		k->trace_id.len = sizeof(m->trace_id);
		k->span_id = rn_pb_id_u64(&m->bump, span);
		rn_pb_attrs__str(&m->bump, &a, "renacer.edge.kind",
				 rn_tr_edge_kind__name(l[i].kind));
		rn_pb_attrs__int(&m->bump, &a, "renacer.edge.from", (int64_t)l[i].from);
		rn_pb_attrs__int(&m->bump, &a, "renacer.edge.to", (int64_t)l[i].to);
		k->n_attributes = a.n;
		k->attributes = a.v;
		s->links[s->n_links++] = k;
	}
}

int otlp_map__call_span(struct rn_otlp_map *m, const struct mproc *p, const struct pcall *c,
			const struct plink *links, size_t nlinks)
{
	const char *args[6];
	struct rn_pb_attrs a = {0};
	const char *s = p->a.p + c->args;
	rn_pb_span *sp = span_new(m, otlp_map__call_span_id(m, c->id), p->span);
	uint32_t i;

	if (!sp)
		return -ENOMEM;
	sp->name = rn_bump__strdup(&m->bump, p->a.p + c->name);
	sp->start_time_unix_nano = m->real0 + c->enter_ns;
	sp->end_time_unix_nano = sp->start_time_unix_nano + c->dur_ns;
	for (i = 0; i < c->nargs && i < 6; i++, s += strlen(s) + 1)
		args[i] = s;
	rn_pb_attrs__int(&m->bump, &a, "thread.id", c->tid);
	rn_pb_attrs__str(&m->bump, &a, "renacer.syscall.name", sp->name);
	rn_pb_attrs__int(&m->bump, &a, "renacer.syscall.nr", c->nr);
	rn_pb_attrs__strv(&m->bump, &a, "renacer.syscall.args", args, i);
	if (c->noreturn)
		rn_pb_attrs__bool(&m->bump, &a, "renacer.syscall.noreturn", 1);
	else
		rn_pb_attrs__int(&m->bump, &a, "renacer.syscall.result", c->result);
	rn_pb_attrs__str(&m->bump, &a, "renacer.syscall.result_text", p->a.p + c->result_text);
	if (c->errname)
		rn_pb_attrs__str(&m->bump, &a, "renacer.syscall.errno", p->a.p + c->errname);
	rn_pb_attrs__int(&m->bump, &a, "renacer.lamport", (int64_t)c->lamport);
	rn_pb_attrs__int(&m->bump, &a, "renacer.event.id", (int64_t)c->id);
	add_links(m, sp, links, nlinks);
	return span_done(m, sp, &a, c->errname != 0, p->a.p + c->result_text);
}

static void proc_events(struct rn_otlp_map *m, rn_pb_span *sp, const struct mproc *p)
{
	const char *str = p->info.p;
	size_t i;

	if (!p->nevs)
		return;
	sp->events = rn_bump__alloc(&m->bump, p->nevs * sizeof(*sp->events));
	if (!sp->events)
		return;
	for (i = 0; i < p->nevs; i++) {
		const struct pevent *e = &p->evs[i];
		struct rn_pb_attrs a = {0};
		rn_pb_event *ev = rn_bump__alloc(&m->bump, sizeof(*ev));

		if (!ev)
			return;
		opentelemetry__proto__trace__v1__span__event__init(ev);
		ev->time_unix_nano = m->real0 + e->t_ns;
		if (e->is_signal) {
			ev->name = "signal";
			rn_pb_attrs__str(&m->bump, &a, "renacer.signal.name", str + e->what);
			rn_pb_attrs__str(&m->bump, &a, "renacer.signal.info", str + e->info);
		} else {
			ev->name = "exec";
			rn_pb_attrs__str(&m->bump, &a, "process.executable.path", str + e->what);
			rn_pb_attrs__str(&m->bump, &a, "renacer.syscall.args", str + e->info);
		}
		ev->n_attributes = a.n;
		ev->attributes = a.v;
		sp->events[sp->n_events++] = ev;
	}
}

const char *otlp_map__base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;

	return s && s[1] ? s + 1 : path;
}

/* The span of a process, with its events and the links to what it received. */
int otlp_map__proc_span(struct rn_otlp_map *m, struct mproc *p)
{
	struct rn_pb_attrs a = {0};
	const char *str = p->info.p ? p->info.p : "";
	const char *exe = str + p->exe, *name = otlp_map__base_name(exe);
	const char *argv[256];
	rn_pb_span *sp = span_new(m, p->span, p->parent);
	bool error = false;
	char msg[64] = "", pidname[32];
	uint32_t i;

	if (!sp)
		return -ENOMEM;
	for (i = 0; i < p->argc && i < 256; i++)
		argv[i] = i ? argv[i - 1] + strlen(argv[i - 1]) + 1 : str + p->argv;
	if (!*name && i)
		name = argv[0];
	if (!*name) {
		snprintf(pidname, sizeof(pidname), "pid %u", p->pid);
		name = pidname;
	}
	sp->name = rn_bump__strdup(&m->bump, name);
	sp->start_time_unix_nano = m->real0 + p->start_ns;
	sp->end_time_unix_nano = m->real0 + (p->ended ? p->end_ns : m->last_ns);
	if (sp->end_time_unix_nano < sp->start_time_unix_nano)
		sp->end_time_unix_nano = sp->start_time_unix_nano;
	rn_pb_attrs__int(&m->bump, &a, "process.pid", p->pid);
	if (p->have_info && p->ppid) /* 0: a root, whose parent was not traced */
		rn_pb_attrs__int(&m->bump, &a, "process.parent_pid", p->ppid);
	if (*exe)
		rn_pb_attrs__str(&m->bump, &a, "process.executable.path", exe);
	if (i)
		rn_pb_attrs__strv(&m->bump, &a, "process.command_args", argv, i);
	if (p->ended && WIFEXITED(p->wait_status)) {
		rn_pb_attrs__int(&m->bump, &a, "process.exit.code", WEXITSTATUS(p->wait_status));
		error = WEXITSTATUS(p->wait_status) != 0;
		snprintf(msg, sizeof(msg), "exited with %d", WEXITSTATUS(p->wait_status));
	} else if (p->ended && WIFSIGNALED(p->wait_status)) {
		const char *sig = rn_signal__name(WTERMSIG(p->wait_status));

		rn_pb_attrs__str(&m->bump, &a, "renacer.process.signal", sig ? sig : "?");
		error = true;
		snprintf(msg, sizeof(msg), "killed by %s%s", sig ? sig : "a signal",
			 WCOREDUMP(p->wait_status) ? " (core dumped)" : "");
	} else if (!p->ended) {
		rn_pb_attrs__bool(&m->bump, &a, "renacer.process.running", 1);
	}
	if (p->have_info) {
		rn_pb_attrs__int(&m->bump, &a, "renacer.process.peak_rss_bytes", (int64_t)p->rss);
		rn_pb_attrs__int(&m->bump, &a, "renacer.process.cpu_ns", (int64_t)p->cpu);
	}
	proc_events(m, sp, p);
	add_links(m, sp, p->links, p->nlinks);
	return span_done(m, sp, &a, error, msg);
}
