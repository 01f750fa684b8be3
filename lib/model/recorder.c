// SPDX-License-Identifier: MIT
/*
 * The rule for the recorder's state: thread and process records live in rn_pools
 * (lib/util/pool.h), whose elements never move, so a pointer to one stays valid while
 * other records are added (a FORK holds the parent's record while it adds the child's).
 * Never keep these records in a realloc'd array: a pointer taken before a call that adds
 * a record would dangle after it (the heap corruption of issue 9,
 * tests/unit/test_recorder.c hundreds_of_children_*). The Lamport clocks and the causal
 * edges are lib/model/causal.c's, the trace and span ids lib/model/tracectx.c's.
 */
#include "recorder.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "captures.h"
#include "causal.h"
#include "frames.h"
#include "hmap.h"
#include "pool.h"
#include "strbuf.h"
#include "systable.h"
#include "tally.h"

struct thr {
	uint32_t tid;
	uint64_t last_id;
	bool exited; /* its exit was seen: the tid is free for the kernel to reuse */
	struct rn_clock *clock;
};

struct proc {
	uint32_t pid, ppid;
	char *exe;
	char **argv;
	uint32_t argc;
	uint64_t start_ns, end_ns;
	bool ended, reported;
	int32_t status;
	char span[17], parent_span[17];
	uint64_t rss, cpu;
	struct rn_causal_msg exit; /* its end, for the wait that reaps it */
	const char *const *env;
};

struct rn_recorder {
	struct rn_recorder_opts o;
	struct rn_tr_sink sink;
	struct rn_tracectx ctx;
	struct rn_causal *causal;
	uint64_t next_id;

	/* tid or pid -> index in the pool; records never move (see the top of this file) */
	struct rn_hmap thr_ix, proc_ix;
	struct rn_pool thrs, procs;
	/* the last thread and process looked up: the next event is most often theirs */
	struct thr *last_thr;
	struct proc *last_proc;

	/* per-event scratch, reused: no allocation per event */
	struct rn_strbuf text;
	struct rn_strbuf result;
	const char *argv_ptrs[RN_NR_ARGS];
	struct rn_captures caps;
	struct rn_frames frames; /* the stack of the call being emitted (o.sym) */

	struct rn_tally tally;
	uint64_t cpu_ns;
};

/* A new zeroed record in pool, indexed under key (replacing what key named), or NULL. */
static void *record_add(struct rn_pool *pool, struct rn_hmap *ix, uint64_t key)
{
	uint32_t i;
	void *e = rn_pool__add(pool, &i);

	if (!e || rn_hmap__put(ix, key, i))
		return NULL;
	return e;
}

static void *record_find(const struct rn_pool *pool, const struct rn_hmap *ix, uint64_t key)
{
	int64_t i = rn_hmap__get(ix, key);

	return i < 0 ? NULL : rn_pool__at(pool, (uint32_t)i);
}

static struct thr *thr_get(struct rn_recorder *r, uint32_t tid)
{
	struct thr *t;

	/* a tid keeps its record for the whole trace, so the last one found stays valid */
	if (r->last_thr && r->last_thr->tid == tid)
		return r->last_thr;
	t = record_find(&r->thrs, &r->thr_ix, tid);
	if (!t) {
		struct rn_clock *clock = rn_causal__clock(r->causal);

		t = clock ? record_add(&r->thrs, &r->thr_ix, tid) : NULL;
		if (!t)
			return NULL;
		t->tid = tid;
		t->clock = clock;
	}
	r->last_thr = t;
	return t;
}

/* proc_new replaces a pid's record (a root added again, a pid reused): it resets last_proc. */
static struct proc *proc_find(struct rn_recorder *r, uint32_t pid)
{
	struct proc *p;

	if (r->last_proc && r->last_proc->pid == pid)
		return r->last_proc;
	p = record_find(&r->procs, &r->proc_ix, pid);
	if (p)
		r->last_proc = p;
	return p;
}

static struct proc *proc_new(struct rn_recorder *r, uint32_t pid, uint32_t ppid, uint64_t ns)
{
	struct proc *p = record_add(&r->procs, &r->proc_ix, pid), *parent;

	if (!p)
		return NULL;
	r->last_proc = p;
	p->pid = pid;
	p->ppid = ppid;
	p->start_ns = ns;
	rn_span_id__new(p->span);
	parent = ppid ? proc_find(r, ppid) : NULL;
	if (parent) {
		memcpy(p->parent_span, parent->span, sizeof(p->span));
		if (parent->exe)
			p->exe = strdup(parent->exe);
		if (parent->argv) {
			p->argv = calloc(parent->argc + 1, sizeof(char *));
			for (uint32_t k = 0; p->argv && k < parent->argc; k++)
				p->argv[k] = strdup(parent->argv[k]);
			p->argc = p->argv ? parent->argc : 0;
		}
	}
	return p;
}

static void proc_set_cmd(struct proc *p, const char *exe, char *const *argv, uint32_t argc)
{
	uint32_t k;

	if (exe) {
		free(p->exe);
		p->exe = strdup(exe);
	}
	if (!argv)
		return;
	for (k = 0; k < p->argc; k++)
		free(p->argv[k]);
	free(p->argv);
	p->argv = calloc(argc + 1, sizeof(char *));
	p->argc = 0;
	for (k = 0; p->argv && k < argc; k++)
		p->argv[p->argc++] = strdup(argv[k]);
}

static uint64_t rel_ns(const struct rn_recorder *r, uint64_t mono)
{
	return mono > r->o.mono_start_ns ? mono - r->o.mono_start_ns : 0;
}

int rn_recorder__new(struct rn_recorder **out, const struct rn_recorder_opts *o,
		     const struct rn_tr_sink *sink, char *err, size_t errlen)
{
	struct rn_recorder *r = calloc(1, sizeof(*r));
	int ret;

	*out = NULL;
	if (!r)
		return -ENOMEM;
	r->o = *o;
	r->sink = *sink;
	r->next_id = 1;
	rn_pool__init(&r->thrs, sizeof(struct thr));
	rn_pool__init(&r->procs, sizeof(struct proc));
	rn_captures__init(&r->caps);
	ret = rn_tracectx__init(&r->ctx, o->traceparent, err, errlen);
	if (!ret)
		ret = rn_causal__new(&r->causal, sink);
	if (ret) {
		free(r);
		return ret;
	}
	*out = r;
	return 0;
}

const char *rn_recorder__next_root_span(struct rn_recorder *r)
{
	return r->ctx.next_root_span;
}

void rn_recorder__child_traceparent(struct rn_recorder *r, char out[56])
{
	rn_tracectx__child_traceparent(&r->ctx, out);
}

/* pid 0: no root declared (an empty trace), so no directory */
static int emit_header(struct rn_recorder *r, pid_t pid)
{
	struct rn_tr_header h = {0};
	char host[256] = "", cwd[4096] = "", link[64];
	uint32_t argc = 0;
	ssize_t n;

	gethostname(host, sizeof(host) - 1);
	/* where the root starts: its relative paths name files under it (the spawned child,
	 * held before its exec, is still in the tracer's directory) */
	snprintf(link, sizeof(link), "/proc/%d/cwd", (int)pid);
	if (pid > 0 && (n = readlink(link, cwd, sizeof(cwd) - 1)) > 0 && cwd[0] == '/')
		cwd[n] = '\0';
	else
		cwd[0] = '\0';
	while (r->o.argv && r->o.argv[argc])
		argc++;
	h.format_version = RN_TRACE_VERSION;
	h.tool = r->o.tool;
	memcpy(h.trace_id, r->ctx.trace_id, sizeof(h.trace_id));
	memcpy(h.parent_span_id, r->ctx.parent_span, sizeof(h.parent_span_id));
	h.start_realtime_ns = r->o.real_start_ns;
	h.hostname = host;
	h.snaplen = r->o.snaplen;
	h.argv = r->o.argv;
	h.argc = argc;
	h.cwd = cwd[0] ? cwd : NULL;
	return r->sink.header ? r->sink.header(r->sink.ctx, &h) : 0;
}

int rn_recorder__add_root(struct rn_recorder *r, pid_t pid)
{
	struct proc *p;
	uint32_t argc = 0;

	if (r->next_id == 1 && !r->procs.n) {
		int ret = emit_header(r, pid);

		if (ret)
			return ret;
	}
	p = proc_new(r, (uint32_t)pid, 0, 0);
	if (!p)
		return -ENOMEM;
	rn_tracectx__take_root_span(&r->ctx, p->span);
	memcpy(p->parent_span, r->ctx.parent_span, sizeof(p->parent_span));
	p->env = r->o.record_env;
	while (r->o.argv && r->o.argv[argc])
		argc++;
	if (r->o.argv)
		proc_set_cmd(p, r->o.argv[0], r->o.argv, argc);
	return 0;
}

/* Common bookkeeping of an event on thread t, after the sink has it: its gap, its edges. */
static void settle(struct rn_recorder *r, struct thr *t, uint64_t id, uint32_t lost)
{
	if (lost && r->sink.gap) {
		struct rn_tr_gap g = {t->tid, t->last_id, id, lost};

		r->sink.gap(r->sink.ctx, &g);
	}
	rn_causal__edges(r->causal, t->clock, id);
	t->last_id = id;
}

/* execve's filename and argv, from its captures, become the process's command. */
static void note_exec(const struct rn_event *ev, struct proc *p)
{
	unsigned base = ev->rec->nr == __NR_execveat ? 1 : 0;
	const struct rn_item *path = rn_event__item(ev, base, 0);
	const struct rn_item *cnt = rn_event__item(ev, base + 1, 0);
	char *argv[RN_MAX_STRARR + 1];
	char exe[RN_PATH_MAX + 1];
	uint32_t argc = 0, total = 0, k;

	if (!p)
		return;
	if (cnt && cnt->len >= 4)
		memcpy(&total, rn_item__data(cnt), 4);
	for (k = 1; k <= total && k <= RN_MAX_STRARR; k++) {
		const struct rn_item *s = rn_event__item(ev, base + 1, k);

		if (!s)
			break;
		argv[argc] = strndup(rn_item__data(s), s->len);
		if (argv[argc])
			argc++;
	}
	argv[argc] = NULL;
	if (path) {
		size_t n = path->len < RN_PATH_MAX ? path->len : RN_PATH_MAX;

		memcpy(exe, rn_item__data(path), n);
		exe[n] = '\0';
	}
	proc_set_cmd(p, path ? exe : NULL, argc ? argv : NULL, argc);
	for (k = 0; k < argc; k++)
		free(argv[k]);
}

/*
 * The end of the child a wait reaped, or NULL: wait4's result, or the si_pid (offset 16)
 * of the siginfo waitid filled (WNOWAIT leaves the child waitable: no edge yet).
 */
static const struct rn_causal_msg *reaped_by(struct rn_recorder *r, const struct rn_event *ev)
{
	const struct rn_sys_rec *rec = ev->rec;
	const struct rn_item *si;
	struct proc *child;
	int32_t pid = 0;

	if (rec->nr == __NR_wait4 && rec->ret > 0)
		pid = (int32_t)rec->ret;
	else if (rec->nr == __NR_waitid && rec->ret == 0 && !(rec->args[3] & WNOWAIT) &&
		 (si = rn_event__item(ev, 2, 0)) && si->len >= 20 && !(si->flags & RN_IF_FAULT))
		memcpy(&pid, (const char *)rn_item__data(si) + 16, sizeof(pid));
	if (pid <= 0)
		return NULL;
	child = proc_find(r, (uint32_t)pid);
	return child && child->exit.id ? &child->exit : NULL;
}

/*
 * The call's text as the text output prints it: its arguments split into r->argv_ptrs
 * (*nargs of them), its result in r->result. Returns its name.
 */
static const char *format_call(struct rn_recorder *r, const struct rn_event *ev, uint32_t *nargs)
{
	const char *name = rn_syscall__name(ev->rec->nr);
	struct rn_fmt_spans spans;
	uint32_t i;

	rn_strbuf__reset(&r->text);
	rn_format__call_spans(&r->text, ev, &r->o.fmt, &spans);
	rn_strbuf__reset(&r->result);
	rn_format__result(&r->result, ev, &r->o.fmt);
	for (i = 0; i < spans.n; i++)
		r->text.buf[spans.end[i]] = '\0';
	for (i = 0; i < spans.n; i++)
		r->argv_ptrs[i] = r->text.buf + spans.start[i];
	*nargs = spans.n;
	if (!name) {
		/* the text holds `syscall_0x...(`: the name ends at the parenthesis */
		char *paren = strchr(r->text.buf, '(');

		if (paren)
			*paren = '\0';
		name = r->text.buf;
	}
	return name;
}

static uint64_t duration_of(const struct rn_event *ev)
{
	const struct rn_sys_rec *rec = ev->rec;

	return !rn_event__noreturn(ev) && rec->exit_ns > rec->enter_ns
		   ? rec->exit_ns - rec->enter_ns
		   : 0;
}

/* Hands the call to the sink as a model event. */
static void emit_call(struct rn_recorder *r, const struct rn_event *ev, uint64_t id, uint64_t stamp,
		      uint32_t ncaps)
{
	const struct rn_sys_rec *rec = ev->rec;
	bool noreturn = rn_event__noreturn(ev);
	uint32_t nargs;
	const char *name = format_call(r, ev, &nargs);
	struct rn_tr_event e = {
	    .id = id,
	    .kind = RN_TR_SYSCALL,
	    .pid = rec->h.tgid,
	    .tid = rec->h.tid,
	    .nr = rec->nr,
	    .name = name,
	    .nargs = nargs,
	    .args = r->argv_ptrs,
	    .result = rec->ret,
	    .errname = rn_event__failed(ev) && !noreturn ? rn_errno__name((int)-rec->ret) : NULL,
	    .result_text = r->result.buf + (r->result.len >= 2 ? 2 : 0), /* after "= " */
	    .noreturn = noreturn,
	    .enter_ns = rel_ns(r, rec->enter_ns),
	    .duration_ns = duration_of(ev),
	    .lamport = stamp,
	    .caps = r->caps.caps,
	    .ncaps = ncaps,
	};

	memcpy(e.raw_args, rec->args, sizeof(e.raw_args));
	if (r->o.sym) {
		e.nframes = rn_frames__collect(&r->frames, r->o.sym, ev);
		e.frames = r->frames.v;
	}
	if (r->sink.event)
		r->sink.event(r->sink.ctx, &e);
}

static void count_call(struct rn_recorder *r, const struct rn_event *ev)
{
	uint32_t nr = (uint32_t)ev->rec->nr & 511;
	uint64_t dur = duration_of(ev);

	if (!rn_event__noreturn(ev))
		rn_tally__add(&r->tally, nr, rn_event__failed(ev), dur);
}

void rn_recorder__syscall(struct rn_recorder *r, const struct rn_event *ev)
{
	const struct rn_sys_rec *rec = ev->rec;
	struct thr *t = thr_get(r, rec->h.tid);
	const struct rn_fdobj *fo;
	uint64_t id, stamp;
	struct proc *p;
	uint32_t ncaps;

	if (!t)
		return;
	id = r->next_id++;
	p = proc_find(r, rec->h.tgid);
	if (!p || p->ended) /* an ended pid running again: its fork was lost */
		p = proc_new(r, rec->h.tgid, 0, rel_ns(r, rec->enter_ns));
	ncaps = rn_captures__collect(&r->caps, ev, &fo);
	stamp = rn_causal__call(r->causal, t->clock, ev, fo, reaped_by(r, ev), id);
	emit_call(r, ev, id, stamp, ncaps);
	settle(r, t, id, rec->lost);
	if ((rec->nr == __NR_execve || rec->nr == __NR_execveat) && rec->ret == 0)
		note_exec(ev, p);
	count_call(r, ev);
}

static void report_proc(struct rn_recorder *r, struct proc *p)
{
	struct rn_tr_process tp = {0};

	if (p->reported || !r->sink.process)
		return;
	p->reported = true;
	tp.pid = p->pid;
	tp.ppid = p->ppid;
	tp.exe = p->exe;
	tp.argv = p->argv;
	tp.argc = p->argc;
	tp.start_ns = p->start_ns;
	tp.end_ns = p->end_ns;
	tp.ended = p->ended;
	tp.wait_status = p->status;
	memcpy(tp.span_id, p->span, sizeof(tp.span_id));
	memcpy(tp.parent_span_id, p->parent_span, sizeof(tp.parent_span_id));
	tp.peak_rss_bytes = p->rss;
	tp.cpu_ns = p->cpu;
	tp.env = p->env;
	r->sink.process(r->sink.ctx, &tp);
}

static void on_exit_rec(struct rn_recorder *r, const struct rn_proc_rec *pr)
{
	struct thr *t = thr_get(r, pr->h.tid);
	struct rn_tr_event e = {0};
	struct proc *p = proc_find(r, pr->h.tgid);
	struct rn_causal_msg end;
	size_t n;

	if (!t)
		return;
	e.id = r->next_id++;
	e.kind = RN_TR_EXIT;
	e.pid = pr->h.tgid;
	e.tid = pr->h.tid;
	e.nr = -1;
	e.name = "exit";
	e.result = pr->code;
	rn_strbuf__reset(&r->result);
	rn_format__exit(&r->result, pr->code);
	/* "+++ exited with 0 +++" -> "exited with 0" */
	n = r->result.len;
	if (n > 8 && !strncmp(r->result.buf, "+++ ", 4)) {
		r->result.buf[n - 4] = '\0';
		e.result_text = r->result.buf + 4;
	} else {
		e.result_text = r->result.buf;
	}
	e.enter_ns = rel_ns(r, pr->ns);
	end = rn_causal__exit(r->causal, t->clock, e.id);
	e.lamport = end.stamp;
	if (r->sink.event)
		r->sink.event(r->sink.ctx, &e);
	settle(r, t, e.id, 0);
	t->exited = true;
	if (!(pr->h.flags & RN_RF_GROUP_DEAD) || !p)
		return;
	p->ended = true;
	p->end_ns = e.enter_ns;
	p->status = pr->code;
	p->rss = pr->rss_bytes;
	p->cpu = pr->cpu_ns;
	p->exit = end;
	r->cpu_ns += pr->cpu_ns;
	report_proc(r, p);
}

void rn_recorder__proc(struct rn_recorder *r, const struct rn_proc_rec *pr)
{
	struct thr *parent, *child;
	bool reused;

	switch (pr->h.kind) {
	case RN_REC_FORK:
		parent = thr_get(r, pr->h.tid);
		child = thr_get(r, pr->other_tid);
		if (!parent || !child)
			return;
		reused = child->exited;
		if (reused) /* a tid reused: nothing of the old thread carries over */
			*child = (struct thr){.tid = child->tid, .clock = child->clock};
		rn_causal__fork(r->causal, parent->clock, child->clock, reused);
		if (!(pr->h.flags & RN_RF_THREAD)) {
			struct proc *old = proc_find(r, pr->other_tgid);

			/* a pid whose process ended is the kernel's to hand out again */
			if (!old || old->ended)
				proc_new(r, pr->other_tgid, pr->h.tgid, rel_ns(r, pr->ns));
		}
		break;
	case RN_REC_EXEC:
		/* a non-leader thread that execs takes over the leader's tid */
		if (pr->other_tid && pr->other_tid != pr->h.tid) {
			struct thr *old = thr_get(r, pr->other_tid);
			struct thr *now = thr_get(r, pr->h.tid);

			if (old && now)
				rn_causal__exec_takeover(old->clock, now->clock);
		}
		break;
	case RN_REC_EXIT:
		on_exit_rec(r, pr);
		break;
	}
}

void rn_recorder__signal(struct rn_recorder *r, const struct rn_sig_rec *s)
{
	struct thr *t = thr_get(r, s->h.tid);
	struct rn_tr_event e = {0};
	const char *name = rn_signal__name(s->signo);
	char *brace;

	if (!t)
		return;
	e.id = r->next_id++;
	e.kind = RN_TR_SIGNAL;
	e.pid = s->h.tgid;
	e.tid = s->h.tid;
	e.nr = -1;
	rn_strbuf__reset(&r->result);
	rn_format__signal(&r->result, s);
	/* "--- SIGCHLD {...} ---" -> name "SIGCHLD", args[0] "{...}" */
	if (r->result.len > 8)
		r->result.buf[r->result.len - 4] = '\0';
	brace = strchr(r->result.buf, '{');
	r->argv_ptrs[0] = brace ? brace : "";
	e.name = name ? name : "SIG?";
	e.nargs = 1;
	e.args = r->argv_ptrs;
	e.result = s->signo;
	e.result_text = "";
	e.enter_ns = rel_ns(r, s->ns);
	e.lamport = rn_causal__signal(r->causal, t->clock, s);
	if (r->sink.event)
		r->sink.event(r->sink.ctx, &e);
	settle(r, t, e.id, 0);
}

int rn_recorder__finish(struct rn_recorder *r, const uint64_t *counters, uint64_t wall_ns)
{
	struct rn_tally_rows rows;
	struct rn_tr_stats st = {0};
	uint32_t i;

	if (r->next_id == 1 && !r->procs.n) {
		int ret = emit_header(r, 0);

		if (ret)
			return ret;
	}
	for (i = 0; i < r->procs.n; i++)
		report_proc(r, rn_pool__at(&r->procs, i));
	rn_tally__stats(&r->tally, &rows, &st);
	st.lost_events = counters ? counters[RN_CNT_DROPPED] : 0;
	st.truncated = counters ? counters[RN_CNT_TRUNCATED] : 0;
	st.wall_ns = wall_ns;
	st.cpu_ns = r->cpu_ns;
	return r->sink.finish ? r->sink.finish(r->sink.ctx, &st) : 0;
}

void rn_recorder__free(struct rn_recorder *r)
{
	uint32_t i, k;

	if (!r)
		return;
	for (i = 0; i < r->procs.n; i++) {
		struct proc *p = rn_pool__at(&r->procs, i);

		free(p->exe);
		for (k = 0; k < p->argc; k++)
			free(p->argv[k]);
		free(p->argv);
	}
	rn_frames__free(&r->frames);
	rn_pool__free(&r->procs);
	rn_pool__free(&r->thrs);
	rn_hmap__free(&r->thr_ix);
	rn_hmap__free(&r->proc_ix);
	rn_causal__free(r->causal);
	rn_strbuf__free(&r->text);
	rn_strbuf__free(&r->result);
	free(r);
}
