// SPDX-License-Identifier: MIT
/* The golden-trace model as OTLP spans (see otlp_map.h for the mapping). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "otlp_map_int.h"

#define GROW(v, n, cap) ((n) < (cap) ? 0 : grow((void **)&(v), &(cap), sizeof(*(v))))

static int grow(void **v, size_t *cap, size_t elem)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = realloc(*v, ncap * elem);

	if (!p)
		return -ENOMEM;
	*v = p;
	*cap = ncap;
	return 0;
}

/* Offset of a copy of s (n bytes) in a; offset 0 is the empty string. */
static int arena_put(struct arena *a, const char *s, size_t n, uint32_t *off)
{
	if (!a->cap) {
		a->p = malloc(256);
		if (!a->p)
			return -ENOMEM;
		a->cap = 256;
		a->p[0] = '\0';
		a->n = 1;
	}
	while (a->n + n + 1 > a->cap) {
		char *p = realloc(a->p, a->cap * 2);

		if (!p)
			return -ENOMEM;
		a->p = p;
		a->cap *= 2;
	}
	if (a->n + n + 1 > UINT32_MAX)
		return -E2BIG;
	*off = (uint32_t)a->n;
	memcpy(a->p + a->n, s, n);
	a->p[a->n + n] = '\0';
	a->n += n + 1;
	return 0;
}

static int arena_str(struct arena *a, const char *s, uint32_t *off)
{
	if (!s) {
		*off = 0;
		return 0;
	}
	return arena_put(a, s, strlen(s), off);
}

static uint64_t hex_u64(const char *s, bool *ok)
{
	uint64_t v = 0;
	int i;

	*ok = strlen(s) == 16;
	for (i = 0; *ok && i < 16; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint64_t)(c - 'a' + 10);
		else
			*ok = false;
	}
	*ok = *ok && v;
	return v;
}

static struct mproc *proc_get(struct rn_otlp_map *m, uint32_t pid)
{
	int64_t i = rn_hmap__get(&m->bypid, pid);
	struct mproc *p;
	uint32_t idx;

	if (i >= 0)
		return rn_pool__at(&m->procs, (uint32_t)i);
	p = rn_pool__add(&m->procs, &idx);
	if (!p)
		return NULL;
	if (rn_hmap__put(&m->bypid, pid, idx))
		return NULL;
	p->pid = pid;
	return p;
}

/* Keeps the buffers: a live process's calls pass through them one or a few at a time. */
static void calls_clear(struct mproc *p)
{
	if (p->a.n)
		p->a.n = 1; /* offset 0 stays the empty string */
	p->ncalls = 0;
}

/* Forgets all of p but its pid (a pid used again starts afresh). */
static void proc_clear(struct mproc *p)
{
	uint32_t pid = p->pid;

	free(p->a.p);
	free(p->calls);
	free(p->info.p);
	free(p->evs);
	free(p->links);
	free(p->clinks);
	*p = (struct mproc){.pid = pid};
}

static int evtab_set(struct rn_otlp_map *m, uint64_t id, uint32_t v)
{
	if (id >= EVTAB_MAX)
		return 0;
	if (id >= m->evcap) {
		size_t cap = m->evcap ? m->evcap : 4096;
		uint32_t *t;

		while (cap <= id)
			cap *= 2;
		t = realloc(m->evtab, cap * sizeof(*t));
		if (!t)
			return -ENOMEM;
		memset(t + m->evcap, 0, (cap - m->evcap) * sizeof(*t));
		m->evtab = t;
		m->evcap = cap;
	}
	m->evtab[id] = v;
	return 0;
}

static int cmp_link(const void *a, const void *b)
{
	const struct plink *x = a, *y = b;

	return x->to < y->to ? -1 : x->to > y->to;
}

/* The calls that waited for their process's span id, with the links to them. */
static int calls_flush(struct rn_otlp_map *m, struct mproc *p)
{
	uint64_t span;
	size_t i, j = 0, n;
	int err = 0;

	if (p->nclinks) /* qsort takes no NULL, even for nothing */
		qsort(p->clinks, p->nclinks, sizeof(*p->clinks), cmp_link);
	for (i = 0; i < p->ncalls && !err; i++) {
		size_t first;

		while (j < p->nclinks && p->clinks[j].to < p->calls[i].id)
			j++, m->st.links_dropped++;
		first = j;
		n = 0;
		/* a sender whose span is not known yet (its process runs on) waits for finish */
		for (; j < p->nclinks && p->clinks[j].to == p->calls[i].id && !err; j++)
			if (otlp_map__link_target(m, p->clinks[j].from, &span))
				p->clinks[first + n++] = p->clinks[j];
			else if (!(err = GROW(p->links, p->nlinks, p->caplinks)))
				p->links[p->nlinks++] = p->clinks[j];
		if (!err)
			err = otlp_map__call_span(m, p, &p->calls[i], p->clinks + first, n);
	}
	calls_clear(p);
	p->nclinks = 0;
	return err;
}

static int on_header(void *ctx, const struct rn_tr_header *h)
{
	struct rn_otlp_map *m = ctx;
	struct rn_pb_attrs a = {0};
	ProtobufCBinaryData tid = rn_pb_id_hex(&m->rbump, h->trace_id, 16);
	size_t i;

	if (tid.len != 16)
		return -EINVAL;
	memcpy(m->trace_id, tid.data, 16);
	for (i = 0; i < 16; i++)
		m->idsalt = m->idsalt * 131 + tid.data[i];
	m->real0 = h->start_realtime_ns;
	if (!m->service[0])
		snprintf(m->service, sizeof(m->service), "%s",
			 h->argc && h->argv && h->argv[0] ? otlp_map__base_name(h->argv[0])
							  : "renacer");
	rn_pb_attrs__str(&m->rbump, &a, "service.name", m->service);
	rn_pb_attrs__str(&m->rbump, &a, "host.name", h->hostname ? h->hostname : "");
	rn_pb_attrs__str(&m->rbump, &a, "os.type", "linux");
	rn_pb_attrs__str(&m->rbump, &a, "telemetry.sdk.name", "renacer");
	rn_pb_attrs__str(&m->rbump, &a, "renacer.tool", h->tool ? h->tool : "");
	for (i = 0; i < m->o.nresource; i++)
		if (strcmp(m->o.resource[i].key, "service.name"))
			rn_pb_attrs__str(&m->rbump, &a,
					 rn_bump__strdup(&m->rbump, m->o.resource[i].key),
					 m->o.resource[i].value);
	m->res.n_attributes = a.n;
	m->res.attributes = a.v;
	m->scope.name = RN_OTLP_SCOPE_NAME;
	m->scope.version = rn_bump__strdup(&m->rbump, h->tool ? h->tool : "");
	m->have_header = true;
	return m->rbump.failed;
}

static int join_args(struct arena *ar, const struct rn_tr_event *e, uint32_t *off)
{
	size_t n = 0, i;
	char *s;
	int err;

	for (i = 0; i < e->nargs; i++)
		n += strlen(e->args[i] ? e->args[i] : "") + 2;
	s = malloc(n + 1);
	if (!s)
		return -ENOMEM;
	s[0] = '\0';
	for (n = 0, i = 0; i < e->nargs; i++)
		n += (size_t)sprintf(s + n, "%s%s", i ? ", " : "", e->args[i] ? e->args[i] : "");
	err = arena_put(ar, s, n, off);
	free(s);
	return err;
}

static int keep_call(struct mproc *p, const struct rn_tr_event *e)
{
	struct pcall *c;
	uint32_t i, off;
	int err;

	if (GROW(p->calls, p->ncalls, p->capcalls))
		return -ENOMEM;
	c = &p->calls[p->ncalls];
	*c = (struct pcall){.id = e->id,
			    .enter_ns = e->enter_ns,
			    .dur_ns = e->duration_ns,
			    .lamport = e->lamport,
			    .result = e->result,
			    .tid = e->tid,
			    .nr = e->nr,
			    .noreturn = e->noreturn};
	c->nargs = e->nargs > 6 ? 6 : e->nargs;
	err = arena_str(&p->a, e->name, &c->name);
	for (i = 0; !err && i < c->nargs; i++) {
		err = arena_str(&p->a, e->args[i] ? e->args[i] : "", &off);
		if (!i)
			c->args = off;
	}
	if (!err)
		err = arena_str(&p->a, e->result_text, &c->result_text);
	if (!err)
		err = arena_str(&p->a, e->errname, &c->errname);
	if (!err)
		p->ncalls++;
	return err;
}

static int keep_event(struct mproc *p, const struct rn_tr_event *e, bool is_signal)
{
	struct pevent *v;
	int err;

	if (GROW(p->evs, p->nevs, p->capevs))
		return -ENOMEM;
	v = &p->evs[p->nevs];
	v->is_signal = is_signal;
	v->t_ns = is_signal ? e->enter_ns : e->enter_ns + e->duration_ns;
	if (is_signal) {
		err = arena_str(&p->info, e->name, &v->what);
		if (!err)
			err = arena_str(&p->info, e->nargs ? e->args[0] : "", &v->info);
	} else {
		/* execve's first argument is the quoted path as the text output prints it */
		const char *path = e->nargs && e->args[0] ? e->args[0] : "";
		size_t n = strlen(path);

		if (n >= 2 && path[0] == '"' && path[n - 1] == '"')
			err = arena_put(&p->info, path + 1, n - 2, &v->what);
		else
			err = arena_str(&p->info, path, &v->what);
		if (!err)
			err = join_args(&p->info, e, &v->info);
	}
	if (!err)
		p->nevs++;
	return err;
}

static bool is_exec(const struct rn_tr_event *e)
{
	return e->kind == RN_TR_SYSCALL && e->result == 0 && e->name &&
	       (!strcmp(e->name, "execve") || !strcmp(e->name, "execveat"));
}

static int on_event(void *ctx, const struct rn_tr_event *e)
{
	struct rn_otlp_map *m = ctx;
	struct mproc *p;
	bool span;
	int err;

	if (!m->have_header)
		return -EINVAL;
	if (e->enter_ns + e->duration_ns > m->last_ns)
		m->last_ns = e->enter_ns + e->duration_ns;
	if (m->nbatch && m->last_ns - m->batch_t0 >= m->o.batch_ns &&
	    (err = otlp_map__send_batch(m)))
		return err;
	p = proc_get(m, e->pid);
	if (!p)
		return -ENOMEM;
	span = e->kind == RN_TR_SYSCALL &&
	       (m->o.spans == RN_OTLP_SPANS_ALL ||
		(m->o.spans == RN_OTLP_SPANS_SLOW && e->duration_ns >= m->o.slow_ns));
	/*
	 * A call of a process whose span is known goes out at the process's next event: its
	 * edges (a pipe read's, a wait's) come right after it and become links on its span.
	 */
	err = p->span && p->ncalls ? calls_flush(m, p) : 0;
	if (!err)
		err = evtab_set(m, e->id, (e->pid & EV_PID) | (span ? EV_EXPORTED : 0));
	if (!err && span)
		err = keep_call(p, e);
	if (!err && (is_exec(e) || e->kind == RN_TR_SIGNAL))
		err = keep_event(p, e, e->kind == RN_TR_SIGNAL);
	return err;
}

static int keep_info(struct mproc *p, const struct rn_tr_process *tp)
{
	bool ok;
	uint32_t i, off;
	int err;

	p->have_info = true;
	p->ppid = tp->ppid;
	p->ended = tp->ended;
	p->wait_status = tp->wait_status;
	p->start_ns = tp->start_ns;
	p->end_ns = tp->end_ns;
	p->rss = tp->peak_rss_bytes;
	p->cpu = tp->cpu_ns;
	p->span = hex_u64(tp->span_id, &ok);
	if (!ok)
		p->span = otlp_map__mix64((uint64_t)tp->pid << 32 | tp->start_ns) | 1;
	p->parent = tp->parent_span_id[0] ? hex_u64(tp->parent_span_id, &ok) : 0;
	if (!ok)
		p->parent = 0;
	err = arena_str(&p->info, tp->exe ? tp->exe : "", &p->exe);
	p->argc = tp->argv ? tp->argc : 0;
	for (i = 0; !err && i < p->argc; i++) {
		err = arena_str(&p->info, tp->argv[i] ? tp->argv[i] : "", &off);
		if (!i)
			p->argv = off;
	}
	return err;
}

static int on_process(void *ctx, const struct rn_tr_process *tp)
{
	struct rn_otlp_map *m = ctx;
	struct mproc *p;
	int err = 0;

	if (!m->have_header)
		return -EINVAL;
	p = proc_get(m, tp->pid);
	if (!p)
		return -ENOMEM;
	if (p->have_info) { /* the pid used again: the first one is complete */
		err = calls_flush(m, p);
		if (!err)
			err = otlp_map__proc_span(m, p);
		proc_clear(p);
	}
	if (!err)
		err = keep_info(p, tp);
	if (!err)
		err = calls_flush(m, p);
	return err;
}

/* Links on the receiving process: pipe reads, the wait that reaps, the delivered signal. */
static int on_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct rn_otlp_map *m = ctx;
	uint32_t v = otlp_map__evtab_get(m, e->to);
	struct mproc *p;
	int64_t i;

	if (e->kind != RN_EDGE_PIPE && e->kind != RN_EDGE_WAIT && e->kind != RN_EDGE_SIGNAL)
		return 0;
	i = v ? rn_hmap__get(&m->bypid, v & EV_PID) : -1;
	p = i >= 0 ? rn_pool__at(&m->procs, (uint32_t)i) : NULL;
	if (!p) {
		m->st.links_dropped++;
		return 0;
	}
	/* a call still waiting: the link goes on its own span */
	if ((v & EV_EXPORTED) && p->ncalls && p->calls[0].id <= e->to &&
	    e->to <= p->calls[p->ncalls - 1].id) {
		if (GROW(p->clinks, p->nclinks, p->capclinks))
			return -ENOMEM;
		p->clinks[p->nclinks++] = (struct plink){e->from, e->to, e->kind};
		return 0;
	}
	if (GROW(p->links, p->nlinks, p->caplinks))
		return -ENOMEM;
	p->links[p->nlinks++] = (struct plink){e->from, e->to, e->kind};
	return 0;
}

static int on_gap(void *ctx, const struct rn_tr_gap *g)
{
	(void)ctx;
	(void)g;
	return 0;
}

/*
 * The process spans go last: a process's events and links may come after its record.
 * A process never recorded (a cut file) still gets a span, a root one.
 */
static int on_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_otlp_map *m = ctx;
	uint32_t i;
	int err = 0;

	(void)s;
	for (i = 0; i < m->procs.n && !err; i++) {
		struct mproc *p = rn_pool__at(&m->procs, i);

		if (!p->have_info) {
			p->start_ns = p->ncalls ? p->calls[0].enter_ns : 0;
			p->span = otlp_map__mix64((uint64_t)p->pid << 32 | 0xffffffffu) | 1;
		}
		err = calls_flush(m, p);
	}
	for (i = 0; i < m->procs.n && !err; i++) /* links name spans of other processes */
		err = otlp_map__proc_span(m, rn_pool__at(&m->procs, i));
	for (i = 0; i < m->procs.n; i++)
		proc_clear(rn_pool__at(&m->procs, i));
	if (!err)
		err = otlp_map__send_batch(m);
	return err;
}

static void on_close(void *ctx)
{
	rn_otlp_map__free(ctx);
}

int rn_otlp_map__new(struct rn_otlp_map **out, const struct rn_otlp_map_opts *o)
{
	struct rn_otlp_map *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (!m)
		return -ENOMEM;
	m->o = *o;
	if (!m->o.batch_spans)
		m->o.batch_spans = RN_OTLP_BATCH_DEFAULT;
	if (!m->o.batch_ns)
		m->o.batch_ns = RN_OTLP_BATCH_NS_DEFAULT;
	m->batch = calloc(m->o.batch_spans, sizeof(*m->batch));
	if (!m->batch) {
		free(m);
		return -ENOMEM;
	}
	if (o->service_name)
		snprintf(m->service, sizeof(m->service), "%s", o->service_name);
	opentelemetry__proto__resource__v1__resource__init(&m->res);
	opentelemetry__proto__common__v1__instrumentation_scope__init(&m->scope);
	rn_pool__init(&m->procs, sizeof(struct mproc));
	*out = m;
	return 0;
}

void rn_otlp_map__sink(struct rn_otlp_map *m, struct rn_tr_sink *out)
{
	*out = (struct rn_tr_sink){.ctx = m,
				   .header = on_header,
				   .event = on_event,
				   .process = on_process,
				   .edge = on_edge,
				   .gap = on_gap,
				   .finish = on_finish,
				   .close = on_close};
}

int rn_otlp_map__flush(struct rn_otlp_map *m)
{
	return otlp_map__send_batch(m);
}

void rn_otlp_map__stats(const struct rn_otlp_map *m, struct rn_otlp_map_stats *st)
{
	*st = m->st;
}

void rn_otlp_map__free(struct rn_otlp_map *m)
{
	uint32_t i;

	if (!m)
		return;
	for (i = 0; i < m->procs.n; i++)
		proc_clear(rn_pool__at(&m->procs, i));
	rn_pool__free(&m->procs);
	rn_hmap__free(&m->bypid);
	rn_bump__reset(&m->bump);
	rn_bump__reset(&m->rbump);
	free(m->evtab);
	free(m->batch);
	free(m);
}

int rn_otlp_duration__parse(const char *s, uint64_t unit_ns, uint64_t *ns)
{
	static const struct {
		const char *name;
		double ns;
	} units[] = {{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}};
	char *end;
	double v;
	size_t i;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v < 0 || v != v)
		return -EINVAL;
	if (!*end) {
		*ns = (uint64_t)(v * (double)unit_ns);
		return 0;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(end, units[i].name) && v * units[i].ns < 1.8e19) {
			*ns = (uint64_t)(v * units[i].ns);
			return 0;
		}
	return -EINVAL;
}

int rn_otlp_spans__parse(const char *s, enum rn_otlp_spans *spans, uint64_t *slow_ns, char *err,
			 size_t errlen)
{
	*slow_ns = RN_OTLP_SLOW_DEFAULT_NS;
	if (!strcmp(s, "all"))
		*spans = RN_OTLP_SPANS_ALL;
	else if (!strcmp(s, "none"))
		*spans = RN_OTLP_SPANS_NONE;
	else if (!strcmp(s, "slow"))
		*spans = RN_OTLP_SPANS_SLOW;
	else if (!strncmp(s, "slow=", 5) && !rn_otlp_duration__parse(s + 5, 1000000, slow_ns))
		*spans = RN_OTLP_SPANS_SLOW;
	else {
		snprintf(err, errlen,
			 "bad --otlp-spans '%s' (use all, none, slow or slow=DURATION such as "
			 "slow=5ms)",
			 s);
		return -EINVAL;
	}
	return 0;
}
