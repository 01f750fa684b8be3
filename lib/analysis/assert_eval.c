// SPDX-License-Identifier: MIT
/*
 * The checker: a trace sink that measures what the rules ask for as the events stream by
 * (per-syscall counts, memory obtained, the critical path's graph, the anti-pattern
 * detectors) and gives every rule its verdict at finish. Memory grows with the syscall
 * names, processes and mappings of the trace; only a critical_path or GodProcess rule keeps
 * a node per event (the critical path needs the whole graph).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "assert_int.h"
#include "critpath.h"
#include "hmap.h"

struct sysc {
	int32_t nr;
	char *name;
	uint64_t calls, errors;
	uint64_t ids[2], err_ids[2];
	unsigned nids, nerr_ids;
};

/* Calls of one syscall by one process: which process a budget's calls came from. */
struct pcount {
	uint32_t proc, sc; /* indices into procs and sc */
	uint64_t calls, errors;
};

struct proc {
	uint32_t pid, ppid;
	char *exe, *argv0;
	bool have_record;
	bool exchanged; /* sent or received data through a pipe or socket */
	uint64_t cpu_ns, peak_rss;
	uint64_t cp_ns; /* its share of the critical path */
};

struct rn_checker {
	const struct rn_rules *rules;
	struct rn_assert_result *res;
	size_t n;
	bool need_cp, need_ap, done;
	struct rn_cpgraph *cp;
	struct rn_apdet *ap;
	struct sysc *sc;
	size_t nsc, capsc;
	struct rn_hmap by_nr;
	struct pcount *pc;
	size_t npc, cappc;
	struct rn_hmap by_pc; /* proc << 32 | sc -> pc index */
	struct proc *procs;
	size_t nprocs, capprocs;
	struct rn_hmap by_pid;
	struct rn_allocs *allocs;
	uint64_t *pipe_ids; /* both ends of every pipe edge, for GodProcess */
	size_t npipe, cappipe;
	uint64_t last_end_ns, syscalls;
	struct rn_tr_stats st;
	bool have_stats;
	char note[256];
};

const char *rn_verdict__name(enum rn_verdict v)
{
	static const char *const names[] = {"PASS", "FAIL", "WARN", "SKIPPED"};

	return (unsigned)v < 4 ? names[v] : "?";
}

static struct proc *proc_of(struct rn_checker *c, uint32_t pid)
{
	int64_t i = rn_hmap__get(&c->by_pid, pid);

	if (i >= 0)
		return &c->procs[i];
	if (c->nprocs == c->capprocs) {
		size_t nc = c->capprocs ? c->capprocs * 2 : 16;
		struct proc *p = realloc(c->procs, nc * sizeof(*p));

		if (!p)
			return NULL;
		c->procs = p;
		c->capprocs = nc;
	}
	if (rn_hmap__put(&c->by_pid, pid, (uint32_t)c->nprocs))
		return NULL;
	c->procs[c->nprocs] = (struct proc){.pid = pid};
	return &c->procs[c->nprocs++];
}

static struct sysc *sysc_of(struct rn_checker *c, const struct rn_tr_event *e)
{
	int64_t i = rn_hmap__get(&c->by_nr, (uint64_t)(uint32_t)e->nr);

	if (i >= 0)
		return &c->sc[i];
	if (c->nsc == c->capsc) {
		size_t nc = c->capsc ? c->capsc * 2 : 64;
		struct sysc *p = realloc(c->sc, nc * sizeof(*p));

		if (!p)
			return NULL;
		c->sc = p;
		c->capsc = nc;
	}
	c->sc[c->nsc] = (struct sysc){.nr = e->nr, .name = strdup(e->name ? e->name : "?")};
	if (!c->sc[c->nsc].name ||
	    rn_hmap__put(&c->by_nr, (uint64_t)(uint32_t)e->nr, (uint32_t)c->nsc))
		return NULL;
	return &c->sc[c->nsc++];
}

static struct pcount *pcount_of(struct rn_checker *c, uint32_t proc, uint32_t sc)
{
	uint64_t key = (uint64_t)proc << 32 | sc;
	int64_t i = rn_hmap__get(&c->by_pc, key);

	if (i >= 0)
		return &c->pc[i];
	if (c->npc == c->cappc) {
		size_t nc = c->cappc ? c->cappc * 2 : 64;
		struct pcount *p = realloc(c->pc, nc * sizeof(*p));

		if (!p)
			return NULL;
		c->pc = p;
		c->cappc = nc;
	}
	if (rn_hmap__put(&c->by_pc, key, (uint32_t)c->npc))
		return NULL;
	c->pc[c->npc] = (struct pcount){.proc = proc, .sc = sc};
	return &c->pc[c->npc++];
}

/* Counts a syscall event: per name (with its first ids) and per process. */
static int count_call(struct rn_checker *c, const struct rn_tr_event *e)
{
	struct sysc *s = sysc_of(c, e);
	struct proc *p = proc_of(c, e->pid);
	struct pcount *pc;

	if (!s || !p)
		return -ENOMEM;
	pc = pcount_of(c, (uint32_t)(p - c->procs), (uint32_t)(s - c->sc));
	if (!pc)
		return -ENOMEM;
	c->syscalls++;
	s->calls++;
	pc->calls++;
	if (s->nids < 2)
		s->ids[s->nids++] = e->id;
	if (e->errname) {
		s->errors++;
		pc->errors++;
		if (s->nerr_ids < 2)
			s->err_ids[s->nerr_ids++] = e->id;
	}
	return 0;
}

static int ck_event(void *ctx, const struct rn_tr_event *e)
{
	struct rn_checker *c = ctx;
	uint64_t end = e->enter_ns + e->duration_ns;
	int err;

	if (end > c->last_end_ns)
		c->last_end_ns = end;
	if (c->need_cp && (err = rn_cpgraph__event(c->cp, e)))
		return err;
	if (c->need_ap && (err = rn_apdet__event(c->ap, e)))
		return err;
	if ((err = rn_allocs__event(c->allocs, e)))
		return err;
	if (e->kind == RN_TR_SYSCALL && e->nr >= 0)
		return count_call(c, e);
	return 0;
}

static int ck_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct rn_checker *c = ctx;

	if (!c->need_cp)
		return 0;
	if (e->kind == RN_EDGE_PIPE) {
		if (c->npipe + 2 > c->cappipe) {
			size_t nc = c->cappipe ? c->cappipe * 2 : 256;
			uint64_t *p = realloc(c->pipe_ids, nc * sizeof(*p));

			if (!p)
				return -ENOMEM;
			c->pipe_ids = p;
			c->cappipe = nc;
		}
		c->pipe_ids[c->npipe++] = e->from;
		c->pipe_ids[c->npipe++] = e->to;
	}
	return rn_cpgraph__edge(c->cp, e);
}

static const char *base(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;

	return s ? s + 1 : path;
}

static int ck_process(void *ctx, const struct rn_tr_process *tp)
{
	struct rn_checker *c = ctx;
	struct proc *p = proc_of(c, tp->pid);

	if (!p)
		return -ENOMEM;
	p->ppid = tp->ppid;
	p->have_record = true;
	p->cpu_ns = tp->cpu_ns;
	p->peak_rss = tp->peak_rss_bytes;
	free(p->exe);
	free(p->argv0);
	p->exe = strdup(base(tp->exe) ? base(tp->exe) : "");
	p->argv0 = strdup(tp->argv && tp->argv[0] ? base(tp->argv[0]) : "");
	return p->exe && p->argv0 ? 0 : -ENOMEM;
}

static int ck_gap(void *ctx, const struct rn_tr_gap *g)
{
	(void)ctx;
	(void)g;
	return 0;
}

static void measure(struct rn_assert_result *r, const char *what, const char *unit, double value,
		    double budget)
{
	struct rn_measure *m = &r->m[r->nm++];

	*m = (struct rn_measure){what, unit, value, budget, value > budget};
}

static void add_id(struct rn_assert_result *r, uint64_t id)
{
	for (unsigned i = 0; i < r->nids; i++)
		if (r->ids[i] == id)
			return;
	if (id && r->nids < RN_ASSERT_MAX_IDS)
		r->ids[r->nids++] = id;
}

__attribute__((format(printf, 2, 3))) static void say(struct rn_assert_result *r, const char *fmt,
						      ...)
{
	size_t off = strlen(r->evidence);
	va_list ap;

	if (off >= sizeof(r->evidence) - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(r->evidence + off, sizeof(r->evidence) - off, fmt, ap);
	va_end(ap);
}

static const char *proc_name(const struct proc *p)
{
	return p && p->exe && p->exe[0] ? p->exe : p && p->argv0 && p->argv0[0] ? p->argv0 : "?";
}

static bool proc_matches(struct rn_checker *c, const regex_t *re, uint32_t pid)
{
	int64_t i = rn_hmap__get(&c->by_pid, pid);
	const struct proc *p = i >= 0 ? &c->procs[i] : NULL;

	if (!re)
		return true;
	if (!p || !p->have_record)
		return false;
	return !regexec(re, p->exe, 0, NULL, 0) || !regexec(re, p->argv0, 0, NULL, 0);
}

static void eval_critical_path(struct rn_checker *c, size_t ri, const struct rn_cp_step *path,
			       size_t len)
{
	struct rn_assert_result *r = &c->res[ri];
	const regex_t *re = rn_rules__regex(c->rules, ri);
	const struct rn_cp_step *slow = NULL;
	uint64_t ns = 0, steps = 0;

	for (size_t i = 0; i < len; i++) {
		if (!proc_matches(c, re, path[i].pid))
			continue;
		ns += path[i].add_ns;
		steps++;
		if (!slow || path[i].end - path[i].start > slow->end - slow->start)
			slow = &path[i];
	}
	measure(r, "critical path", "ms", (double)ns / 1e6, (double)r->a->max_duration_ns / 1e6);
	if (!len) {
		say(r, "the trace has no events");
		return;
	}
	if (re)
		say(r, "%llu of the path's %zu events in processes matching /%s/",
		    (unsigned long long)steps, len, r->a->pattern);
	else
		say(r, "%zu events from event %llu to %llu", len, (unsigned long long)path[0].id,
		    (unsigned long long)path[len - 1].id);
	if (slow) {
		int64_t pi = rn_hmap__get(&c->by_pid, slow->pid);

		say(r, "; slowest on it: %s %.3f ms (event %llu, pid %u %s)", slow->name,
		    (double)(slow->end - slow->start) / 1e6, (unsigned long long)slow->id,
		    slow->pid, proc_name(pi >= 0 ? &c->procs[pi] : NULL));
		add_id(r, slow->id);
	}
	add_id(r, path[0].id);
	add_id(r, path[len - 1].id);
}

/* The syscalls rule ri counts: by pattern (span_count) or by set (syscall_budget). */
static bool sysc_selected(struct rn_checker *c, size_t ri, const struct sysc *s)
{
	const struct rn_filter *f = rn_rules__filter(c->rules, ri);
	const regex_t *re = rn_rules__regex(c->rules, ri);

	if (f)
		return rn_filter__traced(f, s->nr);
	return !re || !regexec(re, s->name, 0, NULL, 0);
}

/* Names the process that made the most of the selected calls ("; pid 42 (make) made 120"). */
static void top_process(struct rn_checker *c, size_t ri, struct rn_assert_result *r, bool by_errors)
{
	uint64_t *tot = calloc(c->nprocs + 1, sizeof(*tot));
	size_t best = 0;

	if (!tot)
		return;
	for (size_t i = 0; i < c->npc; i++)
		if (sysc_selected(c, ri, &c->sc[c->pc[i].sc]))
			tot[c->pc[i].proc] += by_errors ? c->pc[i].errors : c->pc[i].calls;
	for (size_t i = 1; i < c->nprocs; i++)
		if (tot[i] > tot[best])
			best = i;
	if (c->nprocs && tot[best])
		say(r, "; pid %u (%s) made %llu of them", c->procs[best].pid,
		    proc_name(&c->procs[best]), (unsigned long long)tot[best]);
	free(tot);
}

/* Names the three busiest selected syscalls ("read 120, write 80"). */
static void top_syscalls(struct rn_checker *c, size_t ri, struct rn_assert_result *r,
			 bool by_errors)
{
	const struct sysc *top[3] = {0};

	for (size_t i = 0; i < c->nsc; i++) {
		const struct sysc *s = &c->sc[i];
		uint64_t v = by_errors ? s->errors : s->calls;

		if (!v || !sysc_selected(c, ri, s))
			continue;
		for (int k = 0; k < 3; k++) {
			if (!top[k] || v > (by_errors ? top[k]->errors : top[k]->calls)) {
				memmove(&top[k + 1], &top[k], (size_t)(2 - k) * sizeof(top[0]));
				top[k] = s;
				break;
			}
		}
	}
	if (!top[0]) {
		say(r, "%s", by_errors ? "no failed calls" : "no calls");
		return;
	}
	say(r, "%s", by_errors ? "failed: " : "");
	for (int k = 0; k < 3 && top[k]; k++)
		say(r, "%s%s %llu", k ? ", " : "", top[k]->name,
		    (unsigned long long)(by_errors ? top[k]->errors : top[k]->calls));
	top_process(c, ri, r, by_errors);
	for (unsigned k = 0; k < (by_errors ? top[0]->nerr_ids : top[0]->nids); k++)
		add_id(r, by_errors ? top[0]->err_ids[k] : top[0]->ids[k]);
}

static void eval_counts(struct rn_checker *c, size_t ri)
{
	struct rn_assert_result *r = &c->res[ri];
	const struct rn_assertion *a = r->a;
	uint64_t calls = 0, errors = 0;

	for (size_t i = 0; i < c->nsc; i++)
		if (sysc_selected(c, ri, &c->sc[i])) {
			calls += c->sc[i].calls;
			errors += c->sc[i].errors;
		}
	if (a->type == RN_AT_SPAN_COUNT) {
		measure(r, "spans", "", (double)calls, (double)a->max_spans);
		top_syscalls(c, ri, r, false);
		return;
	}
	if (a->max_calls != RN_ASSERT_UNSET)
		measure(r, "calls", "", (double)calls, (double)a->max_calls);
	if (a->max_errors != RN_ASSERT_UNSET)
		measure(r, "errors", "", (double)errors, (double)a->max_errors);
	top_syscalls(c, ri, r, false);
	if (a->max_errors != RN_ASSERT_UNSET) {
		say(r, "; ");
		top_syscalls(c, ri, r, true);
	}
}

static void eval_memory(struct rn_checker *c, size_t ri)
{
	struct rn_assert_result *r = &c->res[ri];
	struct rn_alloc_peak tree, top;
	const struct proc *big = NULL;
	int64_t pi;

	if (r->a->mode == RN_MEM_RSS) {
		for (size_t i = 0; i < c->nprocs; i++)
			if (!big || c->procs[i].peak_rss > big->peak_rss)
				big = &c->procs[i];
		measure(r, "peak RSS", "bytes", big ? (double)big->peak_rss : 0,
			(double)r->a->max_bytes);
		if (!big || !big->peak_rss) {
			r->unmeasured = true;
			say(r,
			    "no process of the trace reported its peak RSS (the kernel's figure is "
			    "taken when a process exits; record the run to its end)");
			return;
		}
		say(r, "pid %u (%s) peaked at %.1f MiB resident", big->pid, proc_name(big),
		    (double)big->peak_rss / 1048576.0);
		return;
	}
	rn_allocs__tree_peak(c->allocs, &tree);
	rn_allocs__top_process(c->allocs, &top);
	measure(r, "allocated", "bytes", (double)tree.bytes, (double)r->a->max_bytes);
	if (!tree.bytes) {
		say(r, "no brk or anonymous mmap");
		return;
	}
	say(r, "brk and anonymous mmap net of unmaps peaked at %.1f MiB at event %llu (pid %u)",
	    (double)tree.bytes / 1048576.0, (unsigned long long)tree.id, tree.pid);
	pi = rn_hmap__get(&c->by_pid, top.pid);
	if (top.bytes && top.bytes != tree.bytes)
		say(r, "; the most by one process: pid %u (%s) %.1f MiB at event %llu", top.pid,
		    proc_name(pi >= 0 ? &c->procs[pi] : NULL), (double)top.bytes / 1048576.0,
		    (unsigned long long)top.id);
	add_id(r, tree.id);
	add_id(r, top.id);
}

static void eval_duration(struct rn_checker *c, size_t ri)
{
	struct rn_assert_result *r = &c->res[ri];
	uint64_t wall = c->st.wall_ns ? c->st.wall_ns : c->last_end_ns, cpu = c->st.cpu_ns;
	const struct proc *top = NULL;

	for (size_t i = 0; i < c->nprocs; i++)
		if (!top || c->procs[i].cpu_ns > top->cpu_ns)
			top = &c->procs[i];
	if (!cpu)
		for (size_t i = 0; i < c->nprocs; i++)
			cpu += c->procs[i].cpu_ns;
	if (r->a->max_wall_ns != RN_ASSERT_UNSET)
		measure(r, "wall", "ms", (double)wall / 1e6, (double)r->a->max_wall_ns / 1e6);
	if (r->a->max_cpu_ns != RN_ASSERT_UNSET)
		measure(r, "CPU", "ms", (double)cpu / 1e6, (double)r->a->max_cpu_ns / 1e6);
	say(r, "%zu process%s", c->nprocs, c->nprocs == 1 ? "" : "es");
	if (top && top->cpu_ns)
		say(r, "; the most CPU: pid %u (%s) %.3f ms", top->pid, proc_name(top),
		    (double)top->cpu_ns / 1e6);
}

static void eval_pattern(struct rn_checker *c, size_t ri, struct rn_ap_finding *found, bool *have)
{
	struct rn_assert_result *r = &c->res[ri];
	enum rn_antipattern k = r->a->antipattern;
	struct rn_ap_finding *f = &found[k];

	if (!have[k]) {
		if (k == RN_AP_TIGHT_LOOP) {
			rn_apdet__tight_loop(c->ap, f);
		} else if (k == RN_AP_SMALL_IO) {
			rn_apdet__small_io(c->ap, f);
		} else {
			struct rn_ap_proc *pp = calloc(c->nprocs + 1, sizeof(*pp));
			size_t n = 0;

			for (size_t i = 0; pp && i < c->nprocs; i++)
				if (c->procs[i].have_record)
					pp[n++] = (struct rn_ap_proc){
					    .pid = c->procs[i].pid,
					    .ppid = c->procs[i].ppid,
					    .name = proc_name(&c->procs[i]),
					    .cpu_ns = c->procs[i].cpu_ns,
					    .cp_ns = c->procs[i].cp_ns,
					    .exchanged = c->procs[i].exchanged,
					};
			rn_ap__god_process(pp, n, f);
			free(pp);
		}
		have[k] = true;
	}
	measure(r, "confidence", "", f->confidence, r->a->threshold);
	say(r, "%s", f->evidence);
	for (unsigned i = 0; i < f->nids; i++)
		add_id(r, f->ids[i]);
}

static void verdict(struct rn_assert_result *r)
{
	bool bad = r->unmeasured;

	for (unsigned i = 0; i < r->nm; i++)
		bad |= r->m[i].violated;
	r->verdict = !bad ? RN_PASS : r->a->fail_on_violation ? RN_FAIL : RN_WARN;
}

static void evaluate(struct rn_checker *c)
{
	struct rn_ap_finding found[3];
	bool have[3] = {false, false, false};
	struct rn_cp_step *path = NULL;
	size_t len = 0;
	uint64_t total;

	if (c->need_cp && rn_cpgraph__path(c->cp, &path, &len, &total))
		len = 0; /* out of memory: the rules then see an empty path */
	for (size_t i = 0; i < len; i++) {
		struct proc *p = proc_of(c, path[i].pid);

		if (p)
			p->cp_ns += path[i].add_ns;
	}
	for (size_t i = 0; i < c->npipe; i++) {
		uint32_t pid;

		if (!rn_cpgraph__pid(c->cp, c->pipe_ids[i], &pid)) {
			struct proc *p = proc_of(c, pid);

			if (p)
				p->exchanged = true;
		}
	}
	for (size_t i = 0; i < c->n; i++) {
		struct rn_assert_result *r = &c->res[i];

		if (!r->a->enabled) {
			r->verdict = RN_SKIPPED;
			say(r, "disabled (enabled = false)");
			continue;
		}
		switch (r->a->type) {
		case RN_AT_CRITICAL_PATH:
			eval_critical_path(c, i, path, len);
			break;
		case RN_AT_SPAN_COUNT:
		case RN_AT_SYSCALL_BUDGET:
			eval_counts(c, i);
			break;
		case RN_AT_MEMORY_USAGE:
			eval_memory(c, i);
			break;
		case RN_AT_ANTI_PATTERN:
			eval_pattern(c, i, found, have);
			break;
		case RN_AT_DURATION:
			eval_duration(c, i);
			break;
		}
		verdict(r);
	}
	free(path);
	if (c->st.incomplete)
		snprintf(c->note, sizeof(c->note),
			 "the trace is incomplete (the recording was cut short): figures are lower "
			 "bounds");
	else if (c->st.lost_events)
		snprintf(c->note, sizeof(c->note),
			 "the trace lost %llu events: counts are lower bounds",
			 (unsigned long long)c->st.lost_events);
	c->done = true;
}

static int ck_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_checker *c = ctx;

	c->st = *s;
	c->st.nsyscalls = 0; /* the arrays are the caller's */
	c->have_stats = true;
	evaluate(c);
	return 0;
}

static void ck_close(void *ctx)
{
	(void)ctx; /* the checker is freed by rn_checker__free */
}

void rn_checker__sink(struct rn_checker *c, struct rn_tr_sink *sink)
{
	*sink = (struct rn_tr_sink){
	    .ctx = c,
	    .event = ck_event,
	    .process = ck_process,
	    .edge = ck_edge,
	    .gap = ck_gap,
	    .finish = ck_finish,
	    .close = ck_close,
	};
}

int rn_checker__new(struct rn_checker **out, const struct rn_rules *rules)
{
	struct rn_checker *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c)
		return -ENOMEM;
	c->rules = rules;
	c->n = rn_rules__count(rules);
	c->res = calloc(c->n + 1, sizeof(*c->res));
	if (!c->res) {
		free(c);
		return -ENOMEM;
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct rn_assertion *a = rn_rules__at(rules, i);

		c->res[i].a = a;
		if (!a->enabled)
			continue;
		c->need_cp |=
		    a->type == RN_AT_CRITICAL_PATH ||
		    (a->type == RN_AT_ANTI_PATTERN && a->antipattern == RN_AP_GOD_PROCESS);
		c->need_ap |= a->type == RN_AT_ANTI_PATTERN;
	}
	c->cp = c->need_cp ? rn_cpgraph__new() : NULL;
	c->ap = c->need_ap ? rn_apdet__new() : NULL;
	c->allocs = rn_allocs__new();
	if ((c->need_cp && !c->cp) || (c->need_ap && !c->ap) || !c->allocs) {
		rn_checker__free(c);
		return -ENOMEM;
	}
	*out = c;
	return 0;
}

void rn_checker__free(struct rn_checker *c)
{
	if (!c)
		return;
	rn_cpgraph__free(c->cp);
	rn_apdet__free(c->ap);
	rn_allocs__free(c->allocs);
	free(c->pipe_ids);
	for (size_t i = 0; i < c->nsc; i++)
		free(c->sc[i].name);
	free(c->sc);
	for (size_t i = 0; i < c->nprocs; i++) {
		free(c->procs[i].exe);
		free(c->procs[i].argv0);
	}
	free(c->procs);
	rn_hmap__free(&c->by_nr);
	free(c->pc);
	rn_hmap__free(&c->by_pc);
	rn_hmap__free(&c->by_pid);
	free(c->res);
	free(c);
}

bool rn_checker__done(const struct rn_checker *c)
{
	return c && c->done;
}

size_t rn_checker__count(const struct rn_checker *c)
{
	return c ? c->n : 0;
}

const struct rn_assert_result *rn_checker__result(const struct rn_checker *c, size_t i)
{
	return c && i < c->n ? &c->res[i] : NULL;
}

const char *rn_checker__note(const struct rn_checker *c)
{
	return c ? c->note : "";
}

int rn_checker__status(const struct rn_checker *c)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (c->res[i].verdict == RN_FAIL)
			return 1;
	return 0;
}
