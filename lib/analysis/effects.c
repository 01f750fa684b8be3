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

#define MAX_HELD  65536 /* events held per pending child */
#define AT_FDCWD_ (-100)

enum fx_op {
	OP_NONE = -1,
	OP_OPEN = 1,
	OP_OPENAT,
	OP_CREAT,
	OP_CLOSE,
	OP_CLOSE_RANGE,
	OP_DUP,
	OP_DUP2,
	OP_FCNTL,
	OP_WRITE,
	OP_PWRITE,
	OP_WRITEV,
	OP_PWRITEV,
	OP_SENDTO,
	OP_SENDMSG,
	OP_READ,
	OP_READV,
	OP_RECV,
	OP_LSEEK,
	OP_FTRUNCATE,
	OP_TRUNCATE,
	OP_UNLINK,
	OP_UNLINKAT,
	OP_RENAME,
	OP_RENAMEAT,
	OP_RENAMEAT2,
	OP_MKDIR,
	OP_MKDIRAT,
	OP_RMDIR,
	OP_CHMOD,
	OP_FCHMOD,
	OP_FCHMODAT,
	OP_UMASK,
	OP_CHDIR,
	OP_FCHDIR,
	OP_EXECVE,
	OP_EXECVEAT,
	OP_FORK,
	OP_WAIT,
	OP_KILL,
	OP_TKILL,
	OP_TGKILL,
	OP_SOCKET,
	OP_CONNECT,
	OP_BIND,
	OP_ACCEPT,
	OP_PIPE,
	OP_SOCKETPAIR,
	OP_COPY, /* sendfile, copy_file_range, splice: bytes moved in the kernel, not captured */
};

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
    {"pwritev2", OP_PWRITEV},
    {"sendto", OP_SENDTO},
    {"sendmsg", OP_SENDMSG},
    {"read", OP_READ},
    {"readv", OP_READV},
    {"recvfrom", OP_RECV},
    {"recvmsg", OP_RECV},
    {"lseek", OP_LSEEK},
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

static void nomem(struct rn_effects *fx)
{
	if (!fx->err)
		fx->err = -ENOMEM;
}

/* Processes and their fd tables. */

static struct fx_proc *proc_find(struct rn_effects *fx, uint32_t pid)
{
	int64_t i = rn_hmap__get(&fx->proc_by_pid, pid);

	return i < 0 ? NULL : rn_pool__at(&fx->procs, (uint32_t)i);
}

static struct fx_proc *proc_get(struct rn_effects *fx, uint32_t pid, bool *created)
{
	struct fx_proc *p = proc_find(fx, pid);
	uint32_t idx;

	*created = false;
	if (p)
		return p;
	p = rn_pool__add(&fx->procs, &idx);
	if (!p || rn_hmap__put(&fx->proc_by_pid, pid, idx)) {
		nomem(fx);
		return NULL;
	}
	p->pid = pid;
	*created = true;
	return p;
}

static struct fx_ofd *ofd_at(struct rn_effects *fx, uint32_t i)
{
	return rn_pool__at(&fx->ofds, i);
}

static uint32_t ofd_new(struct rn_effects *fx)
{
	struct fx_ofd *o;
	uint32_t i;

	if (fx->ofd_free) {
		i = fx->ofd_free - 1;
		o = ofd_at(fx, i);
		fx->ofd_free = o->next_free;
	} else if (!(o = rn_pool__add(&fx->ofds, &i))) {
		nomem(fx);
		return UINT32_MAX;
	}
	memset(o, 0, sizeof(*o));
	o->refs = 1;
	o->inode = -1;
	o->endpoint = -1;
	return i;
}

static void fd_release(struct rn_effects *fx, struct fx_fd *d)
{
	if ((d->kind == FD_FILE || d->kind == FD_SOCK) && d->ofd != UINT32_MAX) {
		struct fx_ofd *o = ofd_at(fx, d->ofd);

		if (o && o->refs && !--o->refs) {
			o->next_free = fx->ofd_free;
			fx->ofd_free = d->ofd + 1;
		}
	}
	free(d->path);
	memset(d, 0, sizeof(*d));
}

static struct fx_fd *fd_slot(struct rn_effects *fx, struct fx_proc *p, uint64_t fd)
{
	if (fd >= 1u << 20)
		return NULL;
	if (fd >= p->nfds) {
		uint32_t n = p->nfds ? p->nfds : 16;
		struct fx_fd *v;

		while (n <= fd)
			n *= 2;
		v = realloc(p->fds, n * sizeof(*v));
		if (!v) {
			nomem(fx);
			return NULL;
		}
		memset(v + p->nfds, 0, (n - p->nfds) * sizeof(*v));
		p->fds = v;
		p->nfds = n;
	}
	return &p->fds[fd];
}

static struct fx_fd *fd_get(struct fx_proc *p, uint64_t fd)
{
	return fd < p->nfds ? &p->fds[fd] : NULL;
}

/* Sets fd to a copy of src (a dup): shares the ofd. */
static void fd_copy(struct rn_effects *fx, struct fx_fd *dst, const struct fx_fd *src)
{
	struct fx_fd tmp = *src;

	if ((tmp.kind == FD_FILE || tmp.kind == FD_SOCK) && tmp.ofd != UINT32_MAX)
		ofd_at(fx, tmp.ofd)->refs++;
	tmp.path = src->path ? strdup(src->path) : NULL;
	fd_release(fx, dst);
	*dst = tmp;
}

static void fdt_set(struct rn_effects *fx, struct fx_proc *p, uint64_t fd, uint8_t kind,
		    uint32_t ofd, const char *path)
{
	struct fx_fd *d = fd_slot(fx, p, fd);

	if (!d) {
		if (ofd != UINT32_MAX && (kind == FD_FILE || kind == FD_SOCK)) {
			struct fx_fd tmp = {kind, ofd, NULL};

			fd_release(fx, &tmp);
		}
		return;
	}
	fd_release(fx, d);
	d->kind = kind;
	d->ofd = ofd;
	d->path = path ? strdup(path) : NULL;
}

static void proc_free(struct rn_effects *fx, struct fx_proc *p)
{
	for (uint32_t i = 0; i < p->nfds; i++)
		fd_release(fx, &p->fds[i]);
	free(p->fds);
	p->fds = NULL;
	p->nfds = 0;
	free(p->argv);
	free(p->cwd);
	while (p->held) {
		struct fx_held *h = p->held;

		p->held = h->next;
		for (uint32_t i = 0; i < h->ev.ncaps; i++)
			free((void *)h->caps[i].data);
		free(h->caps);
		free(h->sockaddr);
		free(h->signame);
		free(h);
	}
}

/* The bytes a call moved: the captures of data arg `arg` from sub-item `first` on. */
static int call_bytes(struct rn_effects *fx, const struct fx_ev *e, uint32_t arg, uint32_t first,
		      uint64_t want, const uint8_t **data)
{
	uint64_t got = 0;
	bool cut = false;
	uint32_t n = 0, only = 0;

	for (uint32_t i = 0; i < e->ncaps; i++)
		if (e->caps[i].arg == arg && e->caps[i].idx >= first) {
			n++;
			only = i;
		}
	if (n == 1 && first == e->caps[only].idx) {
		const struct rn_tr_capture *c = &e->caps[only];

		*data = c->data;
		return c->len >= want && !(c->truncated && c->len < want) ? 0 : -ENODATA;
	}
	rn_strbuf__reset(&fx->scratch);
	for (uint32_t idx = first; idx < 256 && got < want; idx++) {
		bool found = false;

		for (uint32_t i = 0; i < e->ncaps; i++) {
			const struct rn_tr_capture *c = &e->caps[i];

			if (c->arg != arg || c->idx != idx)
				continue;
			found = true;
			rn_strbuf__append(&fx->scratch, c->data, c->len);
			got += c->len;
			if (c->truncated)
				cut = true;
		}
		if (!found)
			break;
	}
	*data = (const uint8_t *)fx->scratch.buf;
	return got >= want && !(cut && got < want) ? 0 : -ENODATA;
}

static const char *cap_str(struct rn_effects *fx, const struct fx_ev *e, uint32_t arg)
{
	for (uint32_t i = 0; i < e->ncaps; i++)
		if (e->caps[i].arg == arg && e->caps[i].idx == 0) {
			rn_strbuf__reset(&fx->pathbuf);
			rn_strbuf__append(&fx->pathbuf, e->caps[i].data, e->caps[i].len);
			return fx->pathbuf.buf ? fx->pathbuf.buf : "";
		}
	return NULL;
}

static struct rn_fx_origin origin(const struct fx_ev *e)
{
	return (struct rn_fx_origin){e->id, e->lamport, e->pid};
}

static void stream_add(struct rn_effects *fx, int which, const struct fx_ev *e, const uint8_t *data,
		       uint64_t len)
{
	struct rn_fx_stream *s = &fx->m.streams[which];

	if (s->len + len > s->cap) {
		uint64_t cap = s->cap ? s->cap : 256;
		uint8_t *d;

		while (cap < s->len + len)
			cap *= 2;
		if (!(d = realloc(s->data, cap)))
			return nomem(fx);
		s->data = d;
		s->cap = cap;
	}
	if (s->nchunks == s->capc) {
		uint32_t c = s->capc ? s->capc * 2 : 16;
		struct rn_fx_chunk *v = realloc(s->chunks, c * sizeof(*v));

		if (!v)
			return nomem(fx);
		s->chunks = v;
		s->capc = c;
	}
	if (len)
		memcpy(s->data + s->len, data, len);
	s->chunks[s->nchunks++] = (struct rn_fx_chunk){s->len, len, origin(e)};
	s->len += len;
}

/* Resolves a path argument against dirfd (AT_FDCWD or an fd) into fx->pathbuf's normal form. */
static const char *path_of(struct rn_effects *fx, struct fx_proc *p, int64_t dirfd,
			   const char *path, char *out, size_t len)
{
	const char *base = p->cwd;
	char dirbuf[64];

	if (!path)
		return NULL;
	if (path[0] != '/' && dirfd != AT_FDCWD_) {
		struct fx_fd *d = fd_get(p, (uint64_t)dirfd);

		if (d && d->path) {
			base = d->path;
		} else {
			snprintf(dirbuf, sizeof(dirbuf), "<fd %lld>", (long long)dirfd);
			base = dirbuf;
		}
	}
	if (fx_fs__normal(fx, base, path, out, len))
		return NULL;
	return out;
}

/* /dev/stdout and friends name an fd of the caller: its number, or -1. */
static int std_alias(const char *path)
{
	static const char *const pre[] = {"/dev/fd/", "/proc/self/fd/"};

	if (!strcmp(path, "/dev/stdin"))
		return 0;
	if (!strcmp(path, "/dev/stdout"))
		return 1;
	if (!strcmp(path, "/dev/stderr"))
		return 2;
	for (size_t i = 0; i < 2; i++)
		if (!strncmp(path, pre[i], strlen(pre[i])) && path[strlen(pre[i])] >= '0' &&
		    path[strlen(pre[i])] <= '9')
			return atoi(path + strlen(pre[i]));
	return -1;
}

static void do_open(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, int64_t dirfd,
		    uint32_t path_arg, uint64_t flags, uint32_t mode)
{
	char buf[4096];
	const char *path;
	struct rn_fx_origin at = origin(e);
	bool writes = (flags & O_ACCMODE) != O_RDONLY;

	if (e->result < 0)
		return;
	path = path_of(fx, p, dirfd, cap_str(fx, e, path_arg), buf, sizeof(buf));
	if (!path)
		return fdt_set(fx, p, (uint64_t)e->result, FD_READ, UINT32_MAX, NULL);
	if (!writes && !(flags & (O_CREAT | O_TRUNC))) {
		/* reads: a user file unless ignored, the program's own, or written by the run */
		if (!(flags & (O_DIRECTORY | O_PATH)) &&
		    !rn_fx__ignored(path, fx->opts.ignore, fx->opts.nignore) &&
		    (fx->opts.no_default_ignores ||
		     !rn_fx__ignored(path, rn_fx_default_ignores, 0))) {
			struct fx_path *pr = fx_path__get(fx, path);

			if (pr && pr->inode < 0 && pr->prior != PRIOR_ABSENT &&
			    fx_items__add(&fx->m.reads, path, &at))
				nomem(fx);
		}
		return fdt_set(fx, p, (uint64_t)e->result, FD_READ, UINT32_MAX, path);
	}
	{
		struct fx_path *pr;
		struct fx_inode *n;
		uint32_t o;
		bool fresh;
		int alias = std_alias(path);

		if (alias >= 0) {
			struct fx_fd *src = fd_get(p, (uint64_t)alias), *dst;

			if (src && src->kind != FD_NONE &&
			    (dst = fd_slot(fx, p, (uint64_t)e->result))) {
				src = fd_get(p, (uint64_t)alias);
				fd_copy(fx, dst, src);
			}
			return;
		}
		/* devices, kernel files and ignored paths: no content to follow (a storm of
		 * writes to /dev/null must cost nothing) */
		if (rn_fx__ignored(path, fx->opts.ignore, fx->opts.nignore) ||
		    (!fx->opts.no_default_ignores &&
		     rn_fx__ignored(path, rn_fx_default_ignores, 0)) ||
		    !strncmp(path, "/dev/", 5) || !strncmp(path, "/proc/", 6) ||
		    !strncmp(path, "/sys/", 5))
			return fdt_set(fx, p, (uint64_t)e->result, FD_READ, UINT32_MAX, path);
		pr = fx_path__get(fx, path);

		if (!pr)
			return;
		if (pr->prior == PRIOR_UNKNOWN && pr->inode < 0)
			pr->prior = (flags & O_CREAT) ? PRIOR_ABSENT : PRIOR_PRESENT;
		fresh = pr->inode < 0;
		if (fresh)
			pr->inode = fx_inode__new(fx, pr, (flags & (O_TRUNC | O_EXCL)) != 0);
		n = fx_inode__at(fx, pr->inode);
		if (!n)
			return;
		if (fresh && (flags & O_CREAT))
			n->f.mode = (int32_t)(mode & ~fx->umask & 07777);
		if (flags & O_TRUNC)
			fx_inode__truncate(n, 0, &at);
		else if (fresh)
			n->f.at = at;
		o = ofd_new(fx);
		if (o == UINT32_MAX)
			return;
		ofd_at(fx, o)->inode = pr->inode;
		ofd_at(fx, o)->append = flags & O_APPEND;
		fdt_set(fx, p, (uint64_t)e->result, FD_FILE, o, path);
	}
}

static void write_to(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint64_t fd,
		     uint32_t arg, uint32_t first, int64_t at_off)
{
	struct fx_fd *d = fd_get(p, fd);
	const uint8_t *data = NULL;
	uint64_t n = (uint64_t)e->result;
	int have;

	if (!d || e->result < 0)
		return;
	have = first == UINT32_MAX ? -ENODATA : call_bytes(fx, e, arg, first, n, &data);
	if (d->kind == FD_STDOUT || d->kind == FD_STDERR) {
		int which = d->kind == FD_STDOUT ? 0 : 1;

		if (have) {
			fx_set_inconclusive(fx, which ? RN_FX_STDERR : RN_FX_STDOUT,
					    "event %llu (pid %u) wrote %llu bytes that the trace "
					    "does not hold (record with --capture-data=N larger)",
					    (unsigned long long)e->id, e->pid,
					    (unsigned long long)n);
			data = NULL;
		}
		if (data || !n)
			stream_add(fx, which, e, data, n);
		p->wrote = true;
		p->out_bytes[which] += n;
	} else if (d->kind == FD_FILE) {
		struct fx_ofd *o = ofd_at(fx, d->ofd);
		struct fx_inode *node = o ? fx_inode__at(fx, o->inode) : NULL;
		struct rn_fx_origin at = origin(e);
		uint64_t off;

		if (!node)
			return;
		if (have) {
			fx_set_inconclusive(
			    fx, RN_FX_FILES,
			    "event %llu (pid %u) wrote %llu bytes to %s that the "
			    "trace does not hold (record with --capture-data=N larger)",
			    (unsigned long long)e->id, e->pid, (unsigned long long)n,
			    node->f.path ? node->f.path : "a deleted file");
			data = NULL;
		}
		if (at_off >= 0) {
			off = (uint64_t)at_off;
		} else if (o->append) {
			if (!node->size_known) {
				node->f.content_known = false;
				fx_set_inconclusive(fx, RN_FX_FILES,
						    "%s: appended to a file of unknown size",
						    node->f.path ? node->f.path : "a file");
			}
			off = node->f.size;
		} else {
			off = o->offset;
		}
		fx_inode__write(fx, node, off, data, n, &at);
		if (at_off < 0)
			o->offset = off + n;
	} else if (d->kind == FD_SOCK) {
		struct fx_ofd *o = ofd_at(fx, d->ofd);
		struct fx_endpoint *ep = o && o->endpoint >= 0
					     ? rn_pool__at(&fx->endpoints, (uint32_t)o->endpoint)
					     : NULL;

		if (!ep)
			return;
		if (have)
			fx_set_inconclusive(fx, RN_FX_NET, "event %llu: bytes sent not captured",
					    (unsigned long long)e->id);
		ep->sent += n;
		if (data)
			ep->sent_fnv = fx_fnv(data, n, ep->sent_fnv);
	}
}

static void read_from(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint64_t fd,
		      uint32_t arg, uint32_t first, bool moves)
{
	struct fx_fd *d = fd_get(p, fd);
	const uint8_t *data = NULL;

	if (!d || e->result <= 0)
		return;
	if (d->kind == FD_FILE && moves) {
		struct fx_ofd *o = ofd_at(fx, d->ofd);

		if (o)
			o->offset += (uint64_t)e->result;
	} else if (d->kind == FD_SOCK) {
		struct fx_ofd *o = ofd_at(fx, d->ofd);
		struct fx_endpoint *ep = o && o->endpoint >= 0
					     ? rn_pool__at(&fx->endpoints, (uint32_t)o->endpoint)
					     : NULL;

		if (!ep)
			return;
		ep->recvd += (uint64_t)e->result;
		if (!call_bytes(fx, e, arg, first, (uint64_t)e->result, &data))
			ep->recvd_fnv = fx_fnv(data, (uint64_t)e->result, ep->recvd_fnv);
	}
}

static void endpoint_for(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e,
			 uint64_t fd, const char *verb)
{
	struct fx_fd *d = fd_get(p, fd);
	struct fx_endpoint *ep;
	struct fx_ofd *o;
	uint32_t i;
	char name[512];

	if (!d || d->kind != FD_SOCK || !(o = ofd_at(fx, d->ofd)))
		return;
	snprintf(name, sizeof(name), "%s %s", verb, e->sockaddr ? e->sockaddr : "?");
	for (i = 0; i < fx->endpoints.n; i++) {
		ep = rn_pool__at(&fx->endpoints, i);
		if (!strcmp(ep->name, name))
			break;
	}
	if (i == fx->endpoints.n) {
		if (!(ep = rn_pool__add(&fx->endpoints, &i)) || !(ep->name = strdup(name)))
			return nomem(fx);
		ep->sent_fnv = ep->recvd_fnv = FX_FNV_INIT;
		ep->at = origin(e);
	}
	o->endpoint = i;
}

/* --map inside an argument (`sh -c "echo a > NEW/a.txt"`); false when nothing matched. */
static bool map_inside(const struct rn_effects *fx, const char *s, char *out, size_t len)
{
	bool hit = false;
	size_t n = 0;

	while (*s && n + 1 < len) {
		size_t i;

		for (i = 0; i < fx->opts.nmap; i++) {
			size_t fl = strlen(fx->opts.map_from[i]);

			if (fl && !strncmp(s, fx->opts.map_from[i], fl)) {
				n += (size_t)snprintf(out + n, len - n, "%s", fx->opts.map_to[i]);
				s += fl;
				hit = true;
				break;
			}
		}
		if (i == fx->opts.nmap)
			out[n++] = *s++;
		if (n >= len)
			n = len - 1;
	}
	out[n] = '\0';
	return hit;
}

static void do_exec(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint32_t arg)
{
	struct rn_strbuf sb = {0};
	char buf[4096];

	if (e->result < 0)
		return;
	for (uint32_t idx = 1; idx < 256; idx++) {
		const struct rn_tr_capture *c = NULL;

		for (uint32_t i = 0; i < e->ncaps; i++)
			if (e->caps[i].arg == arg && e->caps[i].idx == idx)
				c = &e->caps[i];
		if (!c)
			break;
		rn_strbuf__reset(&fx->pathbuf);
		rn_strbuf__append(&fx->pathbuf, c->data, c->len);
		const char *s = fx->pathbuf.buf ? fx->pathbuf.buf : "";

		if (idx == 1) {
			const char *slash = strrchr(s, '/');

			s = slash ? slash + 1 : s;
		} else if (s[0] == '/' && !fx_fs__normal(fx, NULL, s, buf, sizeof(buf))) {
			s = buf;
		} else if (fx->opts.nmap && map_inside(fx, s, buf, sizeof(buf))) {
			s = buf;
		}
		if (idx > 1)
			rn_strbuf__putc(&sb, ' ');
		if (strpbrk(s, " \t\n'\"") || !*s) {
			rn_strbuf__putc(&sb, '\'');
			rn_strbuf__puts(&sb, s);
			rn_strbuf__putc(&sb, '\'');
		} else {
			rn_strbuf__puts(&sb, s);
		}
	}
	free(p->argv);
	p->argv = sb.buf ? sb.buf : strdup("");
	p->exec_ok = true;
}

static void do_kill(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, int64_t target,
		    uint64_t sig)
{
	char key[128];
	const char *who;
	struct rn_fx_origin at = origin(e);

	if (e->result < 0 || sig == 0)
		return;
	if (target == (int64_t)p->pid)
		who = "itself";
	else if (target == 0 || target < -1)
		who = "its process group";
	else if (target == -1)
		who = "every process";
	else if (proc_find(fx, (uint32_t)target))
		who = "a traced process";
	else
		who = "another process";
	snprintf(key, sizeof(key), "%s to %s", e->signame ? e->signame : "signal", who);
	if (fx_items__add(&fx->m.signals, key, &at))
		nomem(fx);
}

static void inherit(struct rn_effects *fx, struct fx_proc *parent, uint32_t child_pid);

/* One call of a process whose table is known. */
static void apply(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e)
{
	const uint64_t *a = e->raw;
	struct rn_fx_origin at = origin(e);
	char buf[4096], buf2[4096];
	const char *path, *path2;

	switch (e->op) {
	case OP_OPEN:
		return do_open(fx, p, e, AT_FDCWD_, 0, a[1], (uint32_t)a[2]);
	case OP_OPENAT:
		return do_open(fx, p, e, (int32_t)a[0], 1, a[2], (uint32_t)a[3]);
	case OP_CREAT:
		return do_open(fx, p, e, AT_FDCWD_, 0, O_CREAT | O_WRONLY | O_TRUNC,
			       (uint32_t)a[1]);
	case OP_CLOSE:
		if (e->result == 0 && fd_get(p, a[0]))
			fd_release(fx, fd_get(p, a[0]));
		return;
	case OP_CLOSE_RANGE:
		if (e->result == 0)
			for (uint64_t fd = a[0]; fd <= a[1] && fd < p->nfds; fd++)
				fd_release(fx, &p->fds[fd]);
		return;
	case OP_DUP:
	case OP_DUP2:
	case OP_FCNTL:
		if (e->result < 0 ||
		    (e->op == OP_FCNTL && a[1] != F_DUPFD && a[1] != F_DUPFD_CLOEXEC))
			return;
		if ((uint64_t)e->result != a[0]) {
			struct fx_fd *src = fd_get(p, a[0]),
				     *dst = fd_slot(fx, p, (uint64_t)e->result);

			if (src && dst) {
				src = fd_get(p, a[0]); /* fd_slot may have moved the table */
				fd_copy(fx, dst, src);
			} else if (dst) {
				fd_release(fx, dst);
			}
		}
		return;
	case OP_WRITE:
		return write_to(fx, p, e, a[0], 1, 0, -1);
	case OP_PWRITE:
		return write_to(fx, p, e, a[0], 1, 0, (int64_t)a[3]);
	case OP_WRITEV:
		return write_to(fx, p, e, a[0], 1, 1, -1);
	case OP_PWRITEV:
		return write_to(fx, p, e, a[0], 1, UINT32_MAX, (int64_t)a[3]);
	case OP_SENDTO:
		if (e->sockaddr && strcmp(e->sockaddr, "NULL") && e->result >= 0)
			endpoint_for(fx, p, e, a[0], "sendto");
		return write_to(fx, p, e, a[0], 1, 0, -1);
	case OP_SENDMSG:
		return write_to(fx, p, e, a[0], 1, 3, -1);
	case OP_READ:
		return read_from(fx, p, e, a[0], 1, 0, true);
	case OP_READV:
		return read_from(fx, p, e, a[0], 1, 1, true);
	case OP_RECV:
		return read_from(fx, p, e, a[0], 1, 0, false);
	case OP_LSEEK: {
		struct fx_fd *d = fd_get(p, a[0]);

		if (e->result >= 0 && d && d->kind == FD_FILE && ofd_at(fx, d->ofd))
			ofd_at(fx, d->ofd)->offset = (uint64_t)e->result;
		return;
	}
	case OP_FTRUNCATE: {
		struct fx_fd *d = fd_get(p, a[0]);
		struct fx_ofd *o = d && d->kind == FD_FILE ? ofd_at(fx, d->ofd) : NULL;

		if (e->result == 0 && o && fx_inode__at(fx, o->inode))
			fx_inode__truncate(fx_inode__at(fx, o->inode), a[1], &at);
		return;
	}
	case OP_TRUNCATE:
		path = path_of(fx, p, AT_FDCWD_, cap_str(fx, e, 0), buf, sizeof(buf));
		if (e->result == 0 && path) {
			struct fx_path *pr = fx_path__get(fx, path);

			if (!pr)
				return;
			if (pr->inode < 0) {
				if (pr->prior == PRIOR_UNKNOWN)
					pr->prior = PRIOR_PRESENT;
				pr->inode = fx_inode__new(fx, pr, a[1] == 0);
			}
			if (fx_inode__at(fx, pr->inode))
				fx_inode__truncate(fx_inode__at(fx, pr->inode), a[1], &at);
		}
		return;
	case OP_UNLINK:
	case OP_UNLINKAT:
	case OP_RMDIR: {
		bool at_call = e->op == OP_UNLINKAT;

		if (e->result != 0)
			return;
		path = path_of(fx, p, at_call ? (int32_t)a[0] : AT_FDCWD_,
			       cap_str(fx, e, at_call ? 1 : 0), buf, sizeof(buf));
		if (!path)
			return;
		if (e->op == OP_RMDIR || (at_call && (a[2] & AT_REMOVEDIR)))
			fx_fs__rmdir(fx, path, &at);
		else
			fx_fs__unlink(fx, path, &at);
		return;
	}
	case OP_RENAME:
	case OP_RENAMEAT:
	case OP_RENAMEAT2:
		if (e->result != 0)
			return;
		if (e->op == OP_RENAME) {
			path = path_of(fx, p, AT_FDCWD_, cap_str(fx, e, 0), buf, sizeof(buf));
			path2 = path_of(fx, p, AT_FDCWD_, cap_str(fx, e, 1), buf2, sizeof(buf2));
		} else {
			path = path_of(fx, p, (int32_t)a[0], cap_str(fx, e, 1), buf, sizeof(buf));
			path2 =
			    path_of(fx, p, (int32_t)a[2], cap_str(fx, e, 3), buf2, sizeof(buf2));
		}
		if (path && path2)
			fx_fs__rename(fx, path, path2, e->op == OP_RENAMEAT2 && (a[4] & 2), &at);
		return;
	case OP_MKDIR:
	case OP_MKDIRAT:
		if (e->result != 0)
			return;
		path = e->op == OP_MKDIR
			   ? path_of(fx, p, AT_FDCWD_, cap_str(fx, e, 0), buf, sizeof(buf))
			   : path_of(fx, p, (int32_t)a[0], cap_str(fx, e, 1), buf, sizeof(buf));
		if (path)
			fx_fs__mkdir(fx, path, &at);
		return;
	case OP_CHMOD:
	case OP_FCHMODAT:
		if (e->result != 0)
			return;
		path = e->op == OP_CHMOD
			   ? path_of(fx, p, AT_FDCWD_, cap_str(fx, e, 0), buf, sizeof(buf))
			   : path_of(fx, p, (int32_t)a[0], cap_str(fx, e, 1), buf, sizeof(buf));
		if (path)
			fx_fs__chmod(fx, fx_path__get(fx, path),
				     (uint32_t)(e->op == OP_CHMOD ? a[1] : a[2]), &at);
		return;
	case OP_FCHMOD: {
		struct fx_fd *d = fd_get(p, a[0]);

		if (e->result == 0 && d && d->path)
			fx_fs__chmod(fx, fx_path__get(fx, d->path), (uint32_t)a[1], &at);
		return;
	}
	case OP_UMASK:
		fx->umask = (uint32_t)a[0] & 0777;
		return;
	case OP_CHDIR:
	case OP_FCHDIR:
		if (e->result != 0)
			return;
		if (e->op == OP_CHDIR) {
			path = path_of(fx, p, AT_FDCWD_, cap_str(fx, e, 0), buf, sizeof(buf));
		} else {
			struct fx_fd *d = fd_get(p, a[0]);

			path = d ? d->path : NULL;
		}
		if (path) {
			char *c = strdup(path);

			if (!c)
				return nomem(fx);
			free(p->cwd);
			p->cwd = c;
		}
		return;
	case OP_EXECVE:
		return do_exec(fx, p, e, 1);
	case OP_EXECVEAT:
		return do_exec(fx, p, e, 2);
	case OP_FORK:
		if (e->result > 0) {
			struct fx_proc *c;

			inherit(fx, p, (uint32_t)e->result);
			if ((c = proc_find(fx, (uint32_t)e->result)) && !c->fork_parent) {
				c->fork_parent = p->pid;
				memcpy(c->fork_pos, p->out_bytes, sizeof(c->fork_pos));
				c->reap_pos[0] = c->reap_pos[1] = UINT64_MAX;
			}
		}
		return;
	case OP_WAIT: {
		struct fx_proc *c = e->result > 0 ? proc_find(fx, (uint32_t)e->result) : NULL;

		if (c && c->fork_parent == p->pid)
			memcpy(c->reap_pos, p->out_bytes, sizeof(c->reap_pos));
		return;
	}
	case OP_KILL:
	case OP_TKILL:
		return do_kill(fx, p, e, (int32_t)a[0], a[1]);
	case OP_TGKILL:
		return do_kill(fx, p, e, (int32_t)a[0], a[2]);
	case OP_SOCKET:
		if (e->result >= 0) {
			uint32_t o = ofd_new(fx);

			if (o != UINT32_MAX)
				fdt_set(fx, p, (uint64_t)e->result, FD_SOCK, o, NULL);
		}
		return;
	case OP_CONNECT:
	case OP_BIND:
		if (e->result == 0 || (e->op == OP_CONNECT && e->result == -EINPROGRESS))
			endpoint_for(fx, p, e, a[0], e->op == OP_CONNECT ? "connect" : "bind");
		return;
	case OP_ACCEPT:
		if (e->result >= 0) {
			struct fx_fd *l = fd_get(p, a[0]);
			struct fx_ofd *lo = l && l->kind == FD_SOCK ? ofd_at(fx, l->ofd) : NULL;
			uint32_t o = ofd_new(fx);

			if (o == UINT32_MAX)
				return;
			if (lo && lo->endpoint >= 0) {
				struct fx_endpoint *lep =
				    rn_pool__at(&fx->endpoints, (uint32_t)lo->endpoint);
				struct fx_ev ev2 = *e;

				snprintf(buf, sizeof(buf), "on %s", lep->name);
				ev2.sockaddr = buf;
				fdt_set(fx, p, (uint64_t)e->result, FD_SOCK, o, NULL);
				endpoint_for(fx, p, &ev2, (uint64_t)e->result, "accept");
			} else {
				fdt_set(fx, p, (uint64_t)e->result, FD_SOCK, o, NULL);
			}
		}
		return;
	case OP_PIPE:
	case OP_SOCKETPAIR: {
		uint32_t arg = e->op == OP_PIPE ? 0 : 3;

		if (e->result != 0)
			return;
		for (uint32_t i = 0; i < e->ncaps; i++)
			if (e->caps[i].arg == arg && e->caps[i].len >= 8) {
				int32_t fds[2];

				memcpy(fds, e->caps[i].data, sizeof(fds));
				for (int k = 0; k < 2; k++)
					if (fds[k] >= 0)
						fdt_set(fx, p, (uint64_t)fds[k], FD_PIPE,
							UINT32_MAX, NULL);
			}
		return;
	}
	case OP_COPY: {
		struct fx_fd *d;

		if (e->result <= 0)
			return;
		/* sendfile(out, in, ...) names out first; copy_file_range and splice third */
		d = fd_get(p, a[0]);
		if (!d || (d->kind != FD_STDOUT && d->kind != FD_STDERR && d->kind != FD_FILE))
			d = fd_get(p, a[2]);
		if (!d)
			return;
		if (d->kind == FD_STDOUT || d->kind == FD_STDERR)
			fx_set_inconclusive(fx, d->kind == FD_STDOUT ? RN_FX_STDOUT : RN_FX_STDERR,
					    "event %llu (pid %u) copied %lld bytes in the kernel "
					    "(sendfile/splice): their content is not in the trace",
					    (unsigned long long)e->id, e->pid,
					    (long long)e->result);
		else if (d->kind == FD_FILE)
			fx_set_inconclusive(fx, RN_FX_FILES,
					    "event %llu (pid %u) copied %lld bytes into %s in the "
					    "kernel: their content is not in the trace",
					    (unsigned long long)e->id, e->pid, (long long)e->result,
					    d->path ? d->path : "a file");
		return;
	}
	default:
		return;
	}
}

/* Does e need an fd this pending process has not set itself? */
static bool needs_inherited(const struct fx_proc *p, const struct fx_ev *e)
{
	uint64_t fds[2] = {UINT64_MAX, UINT64_MAX};

	switch (e->op) {
	case OP_OPEN:
	case OP_CREAT:
	case OP_TRUNCATE:
	case OP_UNLINK:
	case OP_RENAME:
	case OP_MKDIR:
	case OP_RMDIR:
	case OP_CHMOD:
	case OP_CHDIR:
	case OP_EXECVE:
	case OP_KILL:
	case OP_TKILL:
	case OP_TGKILL:
	case OP_SOCKET:
	case OP_PIPE:
	case OP_SOCKETPAIR:
	case OP_UMASK:
	case OP_FORK:
	case OP_WAIT:
		return false;
	case OP_OPENAT:
	case OP_UNLINKAT:
	case OP_MKDIRAT:
	case OP_FCHMODAT:
	case OP_EXECVEAT:
		if ((int32_t)e->raw[0] == AT_FDCWD_)
			return false;
		fds[0] = e->raw[0];
		break;
	case OP_RENAMEAT:
	case OP_RENAMEAT2:
		fds[0] = (int32_t)e->raw[0] == AT_FDCWD_ ? UINT64_MAX : e->raw[0];
		fds[1] = (int32_t)e->raw[2] == AT_FDCWD_ ? UINT64_MAX : e->raw[2];
		break;
	case OP_COPY:
		fds[0] = e->raw[0];
		fds[1] = e->raw[2];
		break;
	case OP_CLOSE_RANGE:
		return true;
	default:
		fds[0] = e->raw[0];
		break;
	}
	for (int i = 0; i < 2; i++)
		if (fds[i] != UINT64_MAX && (fds[i] >= p->nfds || p->fds[fds[i]].kind == FD_NONE))
			return true;
	return false;
}

static int hold(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e)
{
	struct fx_held *h;

	if (p->nheld >= MAX_HELD) {
		fx_set_inconclusive(fx, RN_FX_STDOUT,
				    "pid %u: its parent's fork never showed in the trace", p->pid);
		fx_set_inconclusive(fx, RN_FX_FILES,
				    "pid %u: its parent's fork never showed in the trace", p->pid);
		return 0;
	}
	if (!(h = calloc(1, sizeof(*h))))
		return -ENOMEM;
	h->ev = *e;
	if (e->ncaps && !(h->caps = calloc(e->ncaps, sizeof(*h->caps))))
		goto nomem;
	for (uint32_t i = 0; i < e->ncaps; i++) {
		uint8_t *d = malloc(e->caps[i].len ? e->caps[i].len : 1);

		if (!d)
			goto nomem;
		memcpy(d, e->caps[i].data, e->caps[i].len);
		h->caps[i] = e->caps[i];
		h->caps[i].data = d;
		h->ev.ncaps = i + 1;
	}
	h->ev.caps = h->caps;
	if ((e->sockaddr && !(h->sockaddr = strdup(e->sockaddr))) ||
	    (e->signame && !(h->signame = strdup(e->signame))))
		goto nomem;
	h->ev.sockaddr = h->sockaddr;
	h->ev.signame = h->signame;
	if (p->held_tail)
		p->held_tail->next = h;
	else
		p->held = h;
	p->held_tail = h;
	p->nheld++;
	return 0;
nomem:
	for (uint32_t i = 0; i < h->ev.ncaps; i++)
		free((void *)h->caps[i].data);
	free(h->caps);
	free(h->sockaddr);
	free(h->signame);
	free(h);
	return -ENOMEM;
}

static void replay(struct rn_effects *fx, struct fx_proc *p)
{
	while (p->held) {
		struct fx_held *h = p->held;

		p->held = h->next;
		apply(fx, p, &h->ev);
		for (uint32_t i = 0; i < h->ev.ncaps; i++)
			free((void *)h->caps[i].data);
		free(h->caps);
		free(h->sockaddr);
		free(h->signame);
		free(h);
	}
	p->held_tail = NULL;
	p->nheld = 0;
}

/* The fork in parent returned child_pid: the child's table is the parent's, under its own. */
static void inherit(struct rn_effects *fx, struct fx_proc *parent, uint32_t child_pid)
{
	uint32_t ppid = parent->pid;
	struct fx_proc *c;
	bool created;

	if (child_pid == ppid)
		return;
	c = proc_get(fx, child_pid, &created);
	parent = proc_find(fx, ppid); /* the pool never moves, the lookup is for clarity */
	if (!c || !parent || (!created && !c->pending))
		return;
	c->ppid = ppid;
	for (uint32_t fd = 0; fd < parent->nfds; fd++) {
		struct fx_fd *dst;

		if (parent->fds[fd].kind == FD_NONE || parent->fds[fd].kind == FD_CLOSED)
			continue;
		if (fd < c->nfds && c->fds[fd].kind != FD_NONE)
			continue;
		if ((dst = fd_slot(fx, c, fd)))
			fd_copy(fx, dst, &parent->fds[fd]);
	}
	for (uint32_t fd = 0; fd < c->nfds; fd++)
		if (c->fds[fd].kind == FD_CLOSED)
			c->fds[fd].kind = FD_NONE;
	if (!c->cwd && parent->cwd)
		c->cwd = strdup(parent->cwd);
	c->pending = false;
	replay(fx, c);
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

	if (!h->argv || !h->argv[0] || !interpreter(h->argv[0]))
		return 0;
	for (uint32_t i = 1; i < h->argc && h->argv[i] && fx->nown < 8; i++) {
		if (h->argv[i][0] == '-')
			continue;
		if (!fx_fs__normal(fx, NULL, h->argv[i], buf, sizeof(buf)) &&
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
	if (ev->kind != RN_TR_SYSCALL)
		return fx->err;
	e.op = op_of(fx, ev->nr, ev->name);
	p = proc_get(fx, ev->pid, &created);
	if (!p)
		return fx->err;
	if (created) {
		if (!fx->started) {
			fx->started = true;
			fx->m.root_pid = ev->pid;
			fdt_set(fx, p, 0, FD_STDIN, UINT32_MAX, NULL);
			fdt_set(fx, p, 1, FD_STDOUT, UINT32_MAX, NULL);
			fdt_set(fx, p, 2, FD_STDERR, UINT32_MAX, NULL);
		} else {
			p->pending = true;
		}
	}
	if (e.op == OP_NONE)
		return fx->err;
	e.id = ev->id;
	e.lamport = ev->lamport;
	e.pid = ev->pid;
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
	else if ((e.op == OP_KILL || e.op == OP_TKILL) && ev->nargs > 1)
		e.signame = ev->args[1];
	else if (e.op == OP_TGKILL && ev->nargs > 2)
		e.signame = ev->args[2];
	if (p->pending && (p->held || needs_inherited(p, &e))) {
		if (hold(fx, p, &e))
			nomem(fx);
		return fx->err;
	}
	if (p->pending && (e.op == OP_CLOSE) && e.result == 0) {
		struct fx_fd *d = fd_slot(fx, p, e.raw[0]);

		if (d) {
			fd_release(fx, d);
			d->kind = FD_CLOSED;
		}
		return fx->err;
	}
	apply(fx, p, &e);
	return fx->err;
}

static int on_process(void *ctx, const struct rn_tr_process *tp)
{
	struct rn_effects *fx = ctx;
	bool created;
	struct fx_proc *p = proc_get(fx, tp->pid, &created);

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
	(void)ctx;
	(void)e;
	return 0;
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
			replay(fx, p);
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
		proc_free(fx, rn_pool__at(&fx->procs, i));
	rn_pool__free(&fx->procs);
	rn_hmap__free(&fx->proc_by_pid);
	rn_pool__free(&fx->ofds);
	for (uint32_t i = 0; i < fx->endpoints.n; i++)
		free(((struct fx_endpoint *)rn_pool__at(&fx->endpoints, i))->name);
	rn_pool__free(&fx->endpoints);
	fx_fs__free(fx);
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
