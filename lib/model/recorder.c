// SPDX-License-Identifier: MIT
/*
 * The rule for the recorder's state: thread, process and object records live in
 * rn_pools (lib/util/pool.h), whose elements never move, so a pointer to one stays valid
 * while other records are added (a FORK holds the parent's record while it adds the
 * child's). Never keep these records in a realloc'd array: a pointer taken before a
 * call that adds a record would dangle after it (the heap corruption of issue 9,
 * tests/unit/test_recorder.c hundreds_of_children_*). The one realloc'd array left,
 * an object's message queue, is reached only through its object, never kept.
 */
#include "recorder.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hmap.h"
#include "pool.h"
#include "strbuf.h"
#include "systable.h"
#include "tally.h"

#define MAX_CAPS    96
#define MAX_SIGMSGS 256
#define MAX_QUEUE   4096 /* writes remembered per pipe/socket not yet read */
#define MAX_PENDING 256	 /* fork edges waiting for one of their ends */

struct thr {
	uint32_t tid, pid;
	uint64_t clock;
	uint64_t last_id;
	uint64_t reserved;  /* stamp reserved for this thread's next event: its fork call */
	uint64_t inbound;   /* a message stamp merged into the next event (fork child) */
	uint64_t exec_from; /* a successful execve waiting for the next event */
	bool exited;	    /* its exit was seen: the tid is free for the kernel to reuse */
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
	uint64_t exit_stamp, exit_id;
	const char *const *env;
};

struct msg {
	uint64_t start, end; /* byte range in the object's stream */
	uint64_t stamp, id;
};

struct obj {
	uint64_t written, read;
	struct msg *q;
	uint32_t head, n, cap;
};

struct sigmsg {
	uint32_t target, sender;
	int32_t sig;
	uint64_t stamp, id;
};

struct forkedge {
	uint32_t parent_tid, child_tid;
	uint64_t from, to;
};

struct rn_recorder {
	struct rn_recorder_opts o;
	struct rn_tr_sink sink;
	struct rn_sysspec specs[RN_MAX_SYSCALLS];
	char trace_id[33];
	char root_parent_span[17];
	char next_root_span[17];
	uint64_t next_id;

	/* key -> index in the pool; records never move (see the top of this file) */
	struct rn_hmap thr_ix, proc_ix, obj_ix;
	struct rn_pool thrs, procs, objs;
	/* the last thread and process looked up: the next event is most often theirs */
	struct thr *last_thr;
	struct proc *last_proc;

	struct sigmsg sigs[MAX_SIGMSGS];
	uint32_t nsigs;
	struct forkedge forks[MAX_PENDING];
	uint32_t nforks;

	/* per-event scratch, reused: no allocation per event */
	struct rn_strbuf text;
	struct rn_strbuf result;
	const char *argv_ptrs[RN_NR_ARGS];
	struct rn_tr_capture caps[MAX_CAPS];

	struct rn_tally tally;
	uint64_t cpu_ns;
};

static void random_hex(char *out, size_t nbytes)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t buf[16];
	size_t i;

	if (getrandom(buf, nbytes, 0) != (ssize_t)nbytes)
		for (i = 0; i < nbytes; i++)
			buf[i] = (uint8_t)(rand() ^ getpid());
	for (i = 0; i < nbytes; i++) {
		out[2 * i] = hex[buf[i] >> 4];
		out[2 * i + 1] = hex[buf[i] & 15];
	}
	out[2 * nbytes] = '\0';
	if (!strspn(out, "0") || strspn(out, "0") == 2 * nbytes)
		out[0] = '1'; /* W3C forbids all-zero ids */
}

static bool is_lower_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

int rn_traceparent__parse(const char *s, char trace_id[33], char span_id[17], char *err,
			  size_t errlen)
{
	const char *what = NULL;

	if (strlen(s) < 55)
		what = "too short: expected 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>";
	else if (!is_lower_hex(s, 2) || s[2] != '-' || s[35] != '-' || s[52] != '-')
		what = "not of the form 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>";
	else if (!strncmp(s, "ff", 2))
		what = "version ff is invalid";
	else if (!strncmp(s, "00", 2) && strlen(s) != 55)
		what = "version 00 must be exactly 55 characters";
	else if (!is_lower_hex(s + 3, 32) || strspn(s + 3, "0") >= 32)
		what = "the trace id must be 32 lowercase hex digits, not all zero";
	else if (!is_lower_hex(s + 36, 16) || strspn(s + 36, "0") >= 16)
		what = "the parent id must be 16 lowercase hex digits, not all zero";
	else if (!is_lower_hex(s + 53, 2))
		what = "the flags must be 2 lowercase hex digits";
	if (what) {
		snprintf(err, errlen, "invalid traceparent '%s': %s", s, what);
		return -EINVAL;
	}
	memcpy(trace_id, s + 3, 32);
	trace_id[32] = '\0';
	memcpy(span_id, s + 36, 16);
	span_id[16] = '\0';
	return 0;
}

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

static struct thr *thr_get(struct rn_recorder *r, uint32_t tid, uint32_t pid)
{
	struct thr *t;

	/* a tid keeps its record for the whole trace, so the last one found stays valid */
	if (r->last_thr && r->last_thr->tid == tid)
		return r->last_thr;
	t = record_find(&r->thrs, &r->thr_ix, tid);
	if (!t) {
		t = record_add(&r->thrs, &r->thr_ix, tid);
		if (!t)
			return NULL;
		t->tid = tid;
		t->pid = pid;
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
	random_hex(p->span, 8);
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
	rn_pool__init(&r->objs, sizeof(struct obj));
	rn_systable__capspecs(r->specs);
	if (o->traceparent && *o->traceparent) {
		ret = rn_traceparent__parse(o->traceparent, r->trace_id, r->root_parent_span, err,
					    errlen);
		if (ret) {
			free(r);
			return ret;
		}
	} else {
		random_hex(r->trace_id, 16);
	}
	random_hex(r->next_root_span, 8);
	*out = r;
	return 0;
}

const char *rn_recorder__next_root_span(struct rn_recorder *r)
{
	return r->next_root_span;
}

void rn_recorder__child_traceparent(struct rn_recorder *r, char out[56])
{
	snprintf(out, 56, "00-%s-%s-01", r->trace_id, r->next_root_span);
}

static int emit_header(struct rn_recorder *r)
{
	struct rn_tr_header h = {0};
	char host[256] = "";
	uint32_t argc = 0;

	gethostname(host, sizeof(host) - 1);
	while (r->o.argv && r->o.argv[argc])
		argc++;
	h.format_version = RN_TRACE_VERSION;
	h.tool = r->o.tool;
	memcpy(h.trace_id, r->trace_id, sizeof(h.trace_id));
	memcpy(h.parent_span_id, r->root_parent_span, sizeof(h.parent_span_id));
	h.start_realtime_ns = r->o.real_start_ns;
	h.hostname = host;
	h.snaplen = r->o.snaplen;
	h.argv = r->o.argv;
	h.argc = argc;
	return r->sink.header ? r->sink.header(r->sink.ctx, &h) : 0;
}

int rn_recorder__add_root(struct rn_recorder *r, pid_t pid)
{
	struct proc *p;
	uint32_t argc = 0;

	if (r->next_id == 1 && !r->procs.n) {
		int ret = emit_header(r);

		if (ret)
			return ret;
	}
	p = proc_new(r, (uint32_t)pid, 0, 0);
	if (!p)
		return -ENOMEM;
	memcpy(p->span, r->next_root_span, sizeof(p->span));
	memcpy(p->parent_span, r->root_parent_span, sizeof(p->parent_span));
	random_hex(r->next_root_span, 8);
	p->env = r->o.record_env;
	while (r->o.argv && r->o.argv[argc])
		argc++;
	if (r->o.argv)
		proc_set_cmd(p, r->o.argv[0], r->o.argv, argc);
	return 0;
}

/* Lamport: a thread's event takes max(own clock, message) + 1, or its reserved stamp. */
static uint64_t stamp_for(struct thr *t, uint64_t msg)
{
	uint64_t s;

	if (t->inbound > msg)
		msg = t->inbound;
	t->inbound = 0;
	if (t->reserved) {
		s = t->reserved;
		t->reserved = 0;
		if (msg >= s)
			s = msg + 1;
	} else {
		s = (t->clock > msg ? t->clock : msg) + 1;
	}
	t->clock = s;
	return s;
}

static void emit_edge(struct rn_recorder *r, enum rn_tr_edge_kind kind, uint64_t from, uint64_t to)
{
	struct rn_tr_edge e = {kind, from, to};

	if (r->sink.edge && from && to)
		r->sink.edge(r->sink.ctx, &e);
}

/* Common bookkeeping of an event on thread t: gap, exec and fork edges. */
static void settle(struct rn_recorder *r, struct thr *t, uint64_t id, uint32_t lost)
{
	uint32_t i;

	if (lost && r->sink.gap) {
		struct rn_tr_gap g = {t->tid, t->last_id, id, lost};

		r->sink.gap(r->sink.ctx, &g);
	}
	if (t->exec_from) {
		emit_edge(r, RN_EDGE_EXEC, t->exec_from, id);
		t->exec_from = 0;
	}
	for (i = 0; i < r->nforks;) {
		struct forkedge *f = &r->forks[i];

		if (f->parent_tid == t->tid && !f->from)
			f->from = id;
		else if (f->child_tid == t->tid && !f->to)
			f->to = id;
		if (f->from && f->to) {
			emit_edge(r, RN_EDGE_FORK, f->from, f->to);
			r->forks[i] = r->forks[--r->nforks];
			continue;
		}
		i++;
	}
	t->last_id = id;
}

static struct obj *obj_get(struct rn_recorder *r, uint64_t key)
{
	struct obj *o = record_find(&r->objs, &r->obj_ix, key);

	return o ? o : record_add(&r->objs, &r->obj_ix, key);
}

/* Bytes written become messages; a read takes the max stamp of the writes it consumes. */
static uint64_t pipe_receive(struct obj *o, uint64_t n, uint64_t *from, uint32_t *nfrom,
			     uint32_t maxfrom)
{
	uint64_t lo = o->read, hi = o->read + n, m = 0;
	uint32_t i;

	o->read = hi;
	*nfrom = 0;
	for (i = o->head; i < o->n && o->q[i].start < hi; i++) {
		if (o->q[i].end <= lo)
			continue;
		if (o->q[i].stamp > m)
			m = o->q[i].stamp;
		if (*nfrom < maxfrom)
			from[(*nfrom)++] = o->q[i].id;
	}
	while (o->head < o->n && o->q[o->head].end <= hi)
		o->head++;
	if (o->head == o->n)
		o->head = o->n = 0;
	return m;
}

static void pipe_send(struct obj *o, uint64_t n, uint64_t stamp, uint64_t id)
{
	if (o->n == o->cap) {
		if (o->head) {
			memmove(o->q, o->q + o->head, (o->n - o->head) * sizeof(*o->q));
			o->n -= o->head;
			o->head = 0;
		} else if (o->cap < MAX_QUEUE) {
			uint32_t nc = o->cap ? o->cap * 2 : 16;
			struct msg *q = realloc(o->q, nc * sizeof(*q));

			if (!q)
				return;
			o->q = q;
			o->cap = nc;
		} else {
			o->head++; /* forget the oldest unread write */
		}
	}
	if (o->n < o->cap)
		o->q[o->n++] = (struct msg){o->written, o->written + n, stamp, id};
	o->written += n;
}

static bool is_read_call(int nr)
{
	return nr == __NR_read || nr == __NR_readv || nr == __NR_recvfrom || nr == __NR_recvmsg;
}

static bool is_write_call(int nr)
{
	return nr == __NR_write || nr == __NR_writev || nr == __NR_sendto || nr == __NR_sendmsg;
}

/* The capture of item it (not an fd object) of the call ev. */
static void fill_cap(const struct rn_recorder *r, const struct rn_event *ev,
		     const struct rn_item *it, struct rn_tr_capture *c)
{
	const struct rn_sys_rec *rec = ev->rec;

	c->arg = it->arg;
	c->idx = it->idx;
	c->data = rn_item__data(it);
	c->len = it->len;
	c->full_len = it->len;
	c->truncated = it->flags & RN_IF_TRUNC;
	if (c->truncated && it->kind == RN_CAP_BUF && it->arg < RN_NR_ARGS) {
		const struct rn_capspec *cs = &r->specs[rec->nr & 511].arg[it->arg];

		if (cs->len_src < RN_NR_ARGS)
			c->full_len = rec->args[cs->len_src] * (cs->size ? cs->size : 1);
		else if (cs->len_src == RN_LEN_RET && rec->ret > 0)
			c->full_len = (uint64_t)rec->ret * (cs->size ? cs->size : 1);
	}
}

static bool cap_seen(const struct rn_tr_capture *caps, uint32_t n, const struct rn_item *it)
{
	for (uint32_t j = 0; j < n; j++)
		if (caps[j].arg == it->arg && caps[j].idx == it->idx)
			return true;
	return false;
}

/*
 * Fills r->caps from the event's items (exit record first, then enter) and finds, in one
 * pass, the pipe or socket behind the call's fd argument when BPF recorded one (*fo).
 */
static uint32_t collect_caps(struct rn_recorder *r, const struct rn_event *ev,
			     const struct rn_fdobj **fo)
{
	const struct rn_sys_rec *recs[2] = {ev->rec, ev->enter};
	uint32_t n = 0;

	*fo = NULL;
	for (int k = 0; k < 2; k++) {
		const struct rn_item *it = NULL;

		while (recs[k] && (it = rn_rec__next_item(recs[k], it))) {
			if (it->kind == RN_CAP_FDOBJ) {
				if (k == 0 && !*fo && it->len >= sizeof(struct rn_fdobj))
					*fo = rn_item__data(it);
			} else if (n < MAX_CAPS && !cap_seen(r->caps, n, it)) {
				fill_cap(r, ev, it, &r->caps[n++]);
			}
		}
	}
	return n;
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

/* What the call received: the stamp of the writes a read consumed or of the exit a wait
 * reaped (0: none), and the ids of those events in from. */
static uint64_t receive(struct rn_recorder *r, const struct rn_sys_rec *rec, struct obj *o,
			uint64_t from[16], uint32_t *nfrom)
{
	uint64_t msg = 0;
	struct proc *child;

	*nfrom = 0;
	if (o && is_read_call(rec->nr))
		msg = pipe_receive(o, (uint64_t)rec->ret, from, nfrom, 16);
	if (rec->nr == __NR_wait4 && rec->ret > 0) {
		child = proc_find(r, (uint32_t)rec->ret);
		if (child && child->exit_id) {
			msg = child->exit_stamp;
			from[0] = child->exit_id;
			*nfrom = 1;
		}
	}
	return msg;
}

/* A signal the call sent, kept until its delivery is seen. */
static void note_kill(struct rn_recorder *r, const struct rn_sys_rec *rec, uint64_t stamp,
		      uint64_t id)
{
	bool tg = rec->nr == __NR_tgkill;

	if ((rec->nr == __NR_kill || rec->nr == __NR_tkill || tg) && !rec->ret &&
	    rec->args[tg ? 2 : 1] && r->nsigs < MAX_SIGMSGS)
		r->sigs[r->nsigs++] = (struct sigmsg){
		    .target = (uint32_t)rec->args[tg ? 1 : 0],
		    .sender = rec->h.tgid,
		    .sig = (int32_t)rec->args[tg ? 2 : 1],
		    .stamp = stamp,
		    .id = id,
		};
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
	    .caps = r->caps,
	    .ncaps = ncaps,
	};

	memcpy(e.raw_args, rec->args, sizeof(e.raw_args));
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
	struct thr *t = thr_get(r, rec->h.tid, rec->h.tgid);
	uint64_t id, stamp, msg, from[16];
	uint32_t nfrom, ncaps, i;
	const struct rn_fdobj *fo;
	struct obj *o = NULL;
	struct proc *p;

	if (!t)
		return;
	id = r->next_id++;
	p = proc_find(r, rec->h.tgid);
	if (!p || p->ended) /* an ended pid running again: its fork was lost */
		p = proc_new(r, rec->h.tgid, 0, rel_ns(r, rec->enter_ns));
	ncaps = collect_caps(r, ev, &fo);
	if (fo && rec->ret > 0 && !rn_event__noreturn(ev))
		o = obj_get(r, fo->key);
	msg = receive(r, rec, o, from, &nfrom);
	stamp = stamp_for(t, msg);
	if (o && is_write_call(rec->nr))
		pipe_send(o, (uint64_t)rec->ret, stamp, id);
	note_kill(r, rec, stamp, id);
	emit_call(r, ev, id, stamp, ncaps);

	settle(r, t, id, rec->lost);
	for (i = 0; i < nfrom; i++)
		emit_edge(r, rec->nr == __NR_wait4 ? RN_EDGE_WAIT : RN_EDGE_PIPE, from[i], id);
	if ((rec->nr == __NR_execve || rec->nr == __NR_execveat) && rec->ret == 0) {
		t->exec_from = id;
		note_exec(ev, p);
	}
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
	struct thr *t = thr_get(r, pr->h.tid, pr->h.tgid);
	struct rn_tr_event e = {0};
	struct proc *p = proc_find(r, pr->h.tgid);
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
	e.lamport = stamp_for(t, 0);
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
	p->exit_stamp = e.lamport;
	p->exit_id = e.id;
	r->cpu_ns += pr->cpu_ns;
	report_proc(r, p);
}

void rn_recorder__proc(struct rn_recorder *r, const struct rn_proc_rec *pr)
{
	struct thr *parent, *child;

	switch (pr->h.kind) {
	case RN_REC_FORK:
		parent = thr_get(r, pr->h.tid, pr->h.tgid);
		child = thr_get(r, pr->other_tid, pr->other_tgid);
		if (!parent || !child)
			return;
		if (child->exited) /* a tid reused: nothing of the old thread carries over */
			*child = (struct thr){
			    .tid = child->tid, .pid = pr->other_tgid, .clock = child->clock};
		/* the fork call is the send: its stamp is fixed now, before the child runs */
		if (!parent->reserved)
			parent->reserved = ++parent->clock;
		child->inbound = parent->reserved;
		if (!(pr->h.flags & RN_RF_THREAD)) {
			struct proc *old = proc_find(r, pr->other_tgid);

			/* a pid whose process ended is the kernel's to hand out again */
			if (!old || old->ended)
				proc_new(r, pr->other_tgid, pr->h.tgid, rel_ns(r, pr->ns));
		}
		if (r->nforks < MAX_PENDING)
			r->forks[r->nforks++] = (struct forkedge){pr->h.tid, pr->other_tid, 0, 0};
		break;
	case RN_REC_EXEC:
		/* a non-leader thread that execs takes over the leader's tid */
		if (pr->other_tid && pr->other_tid != pr->h.tid) {
			struct thr *old = thr_get(r, pr->other_tid, pr->h.tgid);
			struct thr *now = thr_get(r, pr->h.tid, pr->h.tgid);

			if (old && now && old->clock > now->clock)
				now->clock = old->clock;
		}
		break;
	case RN_REC_EXIT:
		on_exit_rec(r, pr);
		break;
	}
}

void rn_recorder__signal(struct rn_recorder *r, const struct rn_sig_rec *s)
{
	struct thr *t = thr_get(r, s->h.tid, s->h.tgid);
	struct rn_tr_event e = {0};
	uint64_t msg = 0, from = 0;
	const char *name = rn_signal__name(s->signo);
	char *brace;
	uint32_t i;

	if (!t)
		return;
	/* SI_USER (0) and SI_TKILL (-6) carry the sender: match its kill */
	if (s->code == 0 || s->code == -6)
		for (i = 0; i < r->nsigs; i++) {
			struct sigmsg *m = &r->sigs[i];

			if (m->sig == s->signo && m->sender == (uint32_t)s->pid &&
			    (m->target == s->h.tgid || m->target == s->h.tid)) {
				msg = m->stamp;
				from = m->id;
				r->sigs[i] = r->sigs[--r->nsigs];
				break;
			}
		}
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
	e.lamport = stamp_for(t, msg);
	if (r->sink.event)
		r->sink.event(r->sink.ctx, &e);
	settle(r, t, e.id, 0);
	emit_edge(r, RN_EDGE_SIGNAL, from, e.id);
}

int rn_recorder__finish(struct rn_recorder *r, const uint64_t *counters, uint64_t wall_ns)
{
	struct rn_tally_rows rows;
	struct rn_tr_stats st = {0};
	uint32_t i;

	if (r->next_id == 1 && !r->procs.n) {
		int ret = emit_header(r);

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
	for (i = 0; i < r->objs.n; i++)
		free(((struct obj *)rn_pool__at(&r->objs, i))->q);
	rn_pool__free(&r->procs);
	rn_pool__free(&r->thrs);
	rn_pool__free(&r->objs);
	rn_hmap__free(&r->thr_ix);
	rn_hmap__free(&r->proc_ix);
	rn_hmap__free(&r->obj_ix);
	rn_strbuf__free(&r->text);
	rn_strbuf__free(&r->result);
	free(r);
}
