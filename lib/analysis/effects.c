// SPDX-License-Identifier: MIT
/*
 * The normalizer: a trace sink that follows the calls with observable effects through
 * per-process fd tables (dups and forked children share an open file description, as in
 * the kernel) and records what they did to the streams, files, processes, signals and
 * sockets. A child whose first events come before its parent's fork returned (vfork, or a
 * child scheduled first) holds its events until the fork names its parent, then replays
 * them with the inherited table.
 */
#include "effects.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effects_int.h"

static const struct {
	const char *name;
	int op;
} op_names[] = {
    {"open", OP_OPEN},
    {"openat", OP_OPENAT},
    {"creat", OP_CREAT},
    {"close", OP_CLOSE},
    {"close_range", OP_CLOSE_RANGE},
    {"dup", OP_DUP},
    {"dup2", OP_DUP2},
    {"dup3", OP_DUP2},
    {"fcntl", OP_FCNTL},
    {"write", OP_WRITE},
    {"pwrite64", OP_PWRITE},
    {"writev", OP_WRITEV},
    {"pwritev", OP_PWRITEV},
    {"pwritev2", OP_PWRITEV2},
    {"openat2", OP_OPENAT2},
    {"waitid", OP_WAITID},
    {"mmap", OP_MMAP},
    {"link", OP_LINK},
    {"linkat", OP_LINKAT},
    {"symlink", OP_SYMLINK},
    {"symlinkat", OP_SYMLINKAT},
    {"sendto", OP_SENDTO},
    {"sendmsg", OP_SENDMSG},
    {"read", OP_READ},
    {"readv", OP_READV},
    {"recvfrom", OP_RECV},
    {"recvmsg", OP_RECV},
    {"lseek", OP_LSEEK},
    {"fstat", OP_FSTAT},
    {"newfstatat", OP_FSTAT},
    {"ftruncate", OP_FTRUNCATE},
    {"truncate", OP_TRUNCATE},
    {"unlink", OP_UNLINK},
    {"unlinkat", OP_UNLINKAT},
    {"rename", OP_RENAME},
    {"renameat", OP_RENAMEAT},
    {"renameat2", OP_RENAMEAT2},
    {"mkdir", OP_MKDIR},
    {"mkdirat", OP_MKDIRAT},
    {"rmdir", OP_RMDIR},
    {"chmod", OP_CHMOD},
    {"fchmod", OP_FCHMOD},
    {"fchmodat", OP_FCHMODAT},
    {"fchmodat2", OP_FCHMODAT},
    {"umask", OP_UMASK},
    {"chdir", OP_CHDIR},
    {"getcwd", OP_GETCWD},
    {"fchdir", OP_FCHDIR},
    {"execve", OP_EXECVE},
    {"execveat", OP_EXECVEAT},
    {"fork", OP_FORK},
    {"vfork", OP_FORK},
    {"clone", OP_FORK},
    {"clone3", OP_FORK},
    {"wait4", OP_WAIT},
    {"kill", OP_KILL},
    {"tkill", OP_TKILL},
    {"tgkill", OP_TGKILL},
    {"socket", OP_SOCKET},
    {"connect", OP_CONNECT},
    {"bind", OP_BIND},
    {"accept", OP_ACCEPT},
    {"accept4", OP_ACCEPT},
    {"pipe", OP_PIPE},
    {"pipe2", OP_PIPE},
    {"socketpair", OP_SOCKETPAIR},
    {"sendfile", OP_COPY},
    {"copy_file_range", OP_COPY},
    {"splice", OP_COPY},
};

static const char *const cat_names[RN_FX__N] = {
    "stdout", "stderr", "exit", "files", "dirs", "reads", "processes", "signals", "network",
};

const char *rn_fx_cat__name(enum rn_fx_cat c)
{
	return (unsigned)c < RN_FX__N ? cat_names[c] : "?";
}

static int op_of(struct rn_effects *fx, int32_t nr, const char *name)
{
	int op = OP_NONE;

	if (nr >= 0 && nr < 1024 && fx->op_of_nr[nr])
		return fx->op_of_nr[nr];
	for (size_t i = 0; name && i < sizeof(op_names) / sizeof(op_names[0]); i++)
		if (!strcmp(op_names[i].name, name)) {
			op = op_names[i].op;
			break;
		}
	if (nr >= 0 && nr < 1024)
		fx->op_of_nr[nr] = (int8_t)op;
	return op;
}

/* An interpreter's first operand is the program itself: its script is not a "read". */
static bool interpreter(const char *argv0)
{
	static const char *const names[] = {"python", "sh", "bash", "dash", "perl", "ruby", "node"};
	const char *b = strrchr(argv0, '/');

	b = b ? b + 1 : argv0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strncmp(b, names[i], strlen(names[i])))
			return true;
	return false;
}

static int on_header(void *ctx, const struct rn_tr_header *h)
{
	struct rn_effects *fx = ctx;
	char buf[4096];

	/* the root's relative paths name files under the directory it started in (older
	 * traces do not say: their relative paths stay as the runs named them) */
	if (h->cwd && h->cwd[0] == '/' && !fx->start_cwd) {
		if (!(fx->start_cwd = strdup(h->cwd)))
			return -ENOMEM;
		fx->cwd_known = true;
	}
	if (!h->argv || !h->argv[0] || !interpreter(h->argv[0]))
		return 0;
	for (uint32_t i = 1; i < h->argc && h->argv[i] && fx->nown < 8; i++) {
		if (h->argv[i][0] == '-')
			continue;
		if (!fx_fs__normal(fx, fx->cwd_known ? fx->start_cwd : NULL, h->argv[i], buf,
				   sizeof(buf)) &&
		    !(fx->own[fx->nown++] = strdup(buf)))
			return -ENOMEM;
		break;
	}
	return 0;
}

static int on_event(void *ctx, const struct rn_tr_event *ev)
{
	struct rn_effects *fx = ctx;
	struct fx_proc *p;
	struct fx_ev e;
	bool created;

	fx->m.events++;
	e.id = ev->id;
	e.lamport = ev->lamport;
	e.pid = ev->pid;
	e.tid = ev->tid;
	/* ends of causal edges: a thread's first event (its fork), deliveries, exits */
	if (fx_order__first(fx, ev->tid) || ev->kind != RN_TR_SYSCALL)
		fx_order__node(fx, &e, -1, -1);
	if (ev->kind == RN_TR_EXIT && (p = fx_proc_get(fx, ev->pid, &created)))
		p->exit_id = ev->id; /* a waitid that reaps it is ordered after (waitid's edge) */
	if (ev->kind != RN_TR_SYSCALL)
		return fx->err;
	e.op = op_of(fx, ev->nr, ev->name);
	p = fx_proc_get(fx, ev->pid, &created);
	if (!p)
		return fx->err;
	if (created) {
		if (!fx->started) {
			fx->started = true;
			fx->m.root_pid = ev->pid;
			fx_fd_set(fx, p, 0, FD_STDIN, UINT32_MAX, NULL);
			fx_fd_set(fx, p, 1, FD_STDOUT, UINT32_MAX, NULL);
			fx_fd_set(fx, p, 2, FD_STDERR, UINT32_MAX, NULL);
		} else {
			p->pending = true;
		}
	}
	if (e.op == OP_NONE)
		return fx->err;
	memcpy(e.raw, ev->raw_args, sizeof(e.raw));
	e.result = ev->result;
	/* killed inside a successful exec (a SIGKILL right after the close-on-exec pipe
	 * closed): the program was started, its argv is the call's */
	if (ev->noreturn && (e.op == OP_EXECVE || e.op == OP_EXECVEAT))
		e.result = 0;
	e.caps = ev->caps;
	e.ncaps = ev->ncaps;
	e.sockaddr = NULL;
	e.signame = NULL;
	if ((e.op == OP_CONNECT || e.op == OP_BIND) && ev->nargs > 1)
		e.sockaddr = ev->args[1];
	else if (e.op == OP_SENDTO && ev->nargs > 4)
		e.sockaddr = ev->args[4];
	else if (e.op == OP_FSTAT && !strcmp(ev->name, "fstat") && ev->nargs > 1)
		e.sockaddr = ev->args[1];
	else if (e.op == OP_FSTAT && ev->nargs > 3 && (ev->raw_args[3] & AT_EMPTY_PATH) &&
		 ev->args[1] && !strcmp(ev->args[1], "\"\""))
		e.sockaddr = ev->args[2];
	if (e.op == OP_FSTAT && !e.sockaddr)
		return fx->err; /* a stat by path: no fd */
	else if ((e.op == OP_KILL || e.op == OP_TKILL) && ev->nargs > 1)
		e.signame = ev->args[1];
	else if (e.op == OP_TGKILL && ev->nargs > 2)
		e.signame = ev->args[2];
	if (p->pending && (p->held || fx_needs_inherited(p, &e))) {
		if (fx_hold(fx, p, &e))
			fx_nomem(fx);
		return fx->err;
	}
	if (p->pending && (e.op == OP_CLOSE) && e.result == 0) {
		struct fx_fd *d = fx_fd_slot(fx, p, e.raw[0]);

		if (d) {
			fx_fd_release(fx, d);
			d->kind = FD_CLOSED;
		}
		return fx->err;
	}
	fx_apply(fx, p, &e);
	return fx->err;
}

static int on_process(void *ctx, const struct rn_tr_process *tp)
{
	struct rn_effects *fx = ctx;
	bool created;
	struct fx_proc *p = fx_proc_get(fx, tp->pid, &created);

	if (!p)
		return fx->err;
	p->seen_proc = true;
	p->ppid = tp->ppid;
	p->ended = tp->ended;
	p->wait_status = tp->wait_status;
	if (tp->peak_rss_bytes > fx->m.peak_rss)
		fx->m.peak_rss = tp->peak_rss_bytes;
	return 0;
}

static int on_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct rn_effects *fx = ctx;

	fx_order__edge(fx, e);
	return fx->err;
}

static int on_gap(void *ctx, const struct rn_tr_gap *g)
{
	struct rn_effects *fx = ctx;

	fx->m.lost += g->lost;
	return 0;
}

static int on_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_effects *fx = ctx;

	if (s->lost_events > fx->m.lost)
		fx->m.lost = s->lost_events;
	fx->m.incomplete = s->incomplete;
	fx->m.wall_ns = s->wall_ns;
	fx->m.cpu_ns = s->cpu_ns;
	fx->m.syscalls = s->total_syscalls;
	return rn_effects__end(fx);
}

static void on_close(void *ctx)
{
	(void)ctx;
}

int rn_effects__end(struct rn_effects *fx)
{
	if (fx->done)
		return fx->err;
	/* children whose fork was never seen: replay with what they set themselves */
	for (uint32_t i = 0; i < fx->procs.n; i++) {
		struct fx_proc *p = rn_pool__at(&fx->procs, i);

		if (p->pending && p->held) {
			fx_set_inconclusive(
			    fx, RN_FX_STDOUT,
			    "pid %u: its parent's fork is not in the trace, so what "
			    "its inherited descriptors named is unknown",
			    p->pid);
			fx_set_inconclusive(fx, RN_FX_STDERR, "%s",
					    fx->m.inconclusive[RN_FX_STDOUT]);
			fx_set_inconclusive(fx, RN_FX_FILES, "%s",
					    fx->m.inconclusive[RN_FX_STDOUT]);
			p->pending = false;
			fx_replay(fx, p);
		}
	}
	if (!fx->err)
		fx->err = fx_end__build(fx);
	fx->done = true;
	return fx->err;
}

int rn_effects__new(struct rn_effects **out, const struct rn_fx_opts *o)
{
	struct rn_effects *fx = calloc(1, sizeof(*fx));

	*out = NULL;
	if (!fx)
		return -ENOMEM;
	if (o)
		fx->opts = *o;
	rn_pool__init(&fx->procs, sizeof(struct fx_proc));
	rn_pool__init(&fx->ofds, sizeof(struct fx_ofd));
	rn_pool__init(&fx->inodes, sizeof(struct fx_inode));
	rn_pool__init(&fx->paths, sizeof(struct fx_path));
	rn_pool__init(&fx->endpoints, sizeof(struct fx_endpoint));
	fx->umask = 022;
	*out = fx;
	return 0;
}

void rn_effects__free(struct rn_effects *fx)
{
	if (!fx)
		return;
	for (uint32_t i = 0; i < fx->procs.n; i++)
		fx_proc_free(fx, rn_pool__at(&fx->procs, i));
	rn_pool__free(&fx->procs);
	rn_hmap__free(&fx->proc_by_pid);
	rn_pool__free(&fx->ofds);
	for (uint32_t i = 0; i < fx->endpoints.n; i++)
		free(((struct fx_endpoint *)rn_pool__at(&fx->endpoints, i))->name);
	rn_pool__free(&fx->endpoints);
	fx_fs__free(fx);
	fx_order__free(fx);
	fx_end__free_model(&fx->m);
	rn_strbuf__free(&fx->scratch);
	rn_strbuf__free(&fx->pathbuf);
	free(fx);
}

void rn_effects__sink(struct rn_effects *fx, struct rn_tr_sink *s)
{
	*s = (struct rn_tr_sink){
	    .ctx = fx,
	    .header = on_header,
	    .event = on_event,
	    .process = on_process,
	    .edge = on_edge,
	    .gap = on_gap,
	    .finish = on_finish,
	    .close = on_close,
	};
}

const struct rn_fx_model *rn_effects__model(const struct rn_effects *fx)
{
	return fx ? &fx->m : NULL;
}

bool rn_effects__done(const struct rn_effects *fx)
{
	return fx && fx->done;
}
