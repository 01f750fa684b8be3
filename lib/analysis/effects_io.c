// SPDX-License-Identifier: MIT
/*
 * The normalizer's calls with effects: opens, writes and reads (the bytes from the
 * captures), sockets, execs and kills, each turned into streams, files, endpoints and items.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effects_int.h"

#define AT_FDCWD_ (-100)

/* The bytes a call moved: the captures of data arg `arg` from sub-item `first` on. */
int fx_call_bytes(struct rn_effects *fx, const struct fx_ev *e, uint32_t arg, uint32_t first,
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

const char *fx_cap_str(struct rn_effects *fx, const struct fx_ev *e, uint32_t arg)
{
	for (uint32_t i = 0; i < e->ncaps; i++)
		if (e->caps[i].arg == arg && e->caps[i].idx == 0) {
			rn_strbuf__reset(&fx->pathbuf);
			rn_strbuf__append(&fx->pathbuf, e->caps[i].data, e->caps[i].len);
			return fx->pathbuf.buf ? fx->pathbuf.buf : "";
		}
	return NULL;
}

struct rn_fx_origin fx_origin(const struct fx_ev *e)
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
			return fx_nomem(fx);
		s->data = d;
		s->cap = cap;
	}
	if (s->nchunks == s->capc) {
		uint32_t c = s->capc ? s->capc * 2 : 16;
		struct rn_fx_chunk *v = realloc(s->chunks, c * sizeof(*v));

		if (!v)
			return fx_nomem(fx);
		s->chunks = v;
		s->capc = c;
	}
	if (len)
		memcpy(s->data + s->len, data, len);
	fx_order__node(fx, e, which, (int32_t)s->nchunks);
	s->chunks[s->nchunks++] = (struct rn_fx_chunk){s->len, len, fx_origin(e)};
	s->len += len;
}

/* Resolves a path argument against dirfd (AT_FDCWD or an fd) into fx->pathbuf's normal form. */
const char *fx_path_of(struct rn_effects *fx, struct fx_proc *p, int64_t dirfd, const char *path,
		       char *out, size_t len)
{
	const char *base = p->cwd ? p->cwd : fx->cwd_known ? fx->start_cwd : NULL;
	char dirbuf[64];

	if (!path)
		return NULL;
	if (path[0] != '/' && dirfd != AT_FDCWD_) {
		struct fx_fd *d = fx_fd_get(p, (uint64_t)dirfd);

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

/* A symbolic link the run made, opened for writing: the file it points to (one level). */
static struct fx_path *through_link(struct rn_effects *fx, struct fx_path *link,
				    const struct fx_inode *n)
{
	char dir[4096], target[4096], out[4096];
	const char *slash = strrchr(link->path, '/');

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - link->path) : 0, link->path);
	snprintf(target, sizeof(target), "%.*s", (int)(n->f.size < 4095 ? n->f.size : 4095),
		 n->f.data ? (const char *)n->f.data : "");
	if (fx_fs__normal(fx, dir[0] ? dir : NULL, target, out, sizeof(out)))
		return link;
	return fx_path__get(fx, out);
}

void fx_do_open(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, int64_t dirfd,
		uint32_t path_arg, uint64_t flags, uint32_t mode)
{
	char buf[4096];
	const char *path;
	struct rn_fx_origin at = fx_origin(e);
	bool writes = (flags & O_ACCMODE) != O_RDONLY;

	if (e->result < 0)
		return;
	path = fx_path_of(fx, p, dirfd, fx_cap_str(fx, e, path_arg), buf, sizeof(buf));
	if (!path)
		return fx_fd_set(fx, p, (uint64_t)e->result, FD_READ, UINT32_MAX, NULL);
	if (!writes && !(flags & (O_CREAT | O_TRUNC))) {
		/* reads: a user file unless ignored, the program's own, or written by the run */
		if (!(flags & (O_DIRECTORY | O_PATH)) &&
		    !rn_fx__ignored(path, fx->opts.ignore, fx->opts.nignore) &&
		    (fx->opts.no_default_ignores ||
		     !rn_fx__ignored(path, rn_fx_default_ignores, 0))) {
			struct fx_path *pr = fx_path__get(fx, path);

			if (pr && pr->inode < 0 && pr->prior != PRIOR_ABSENT &&
			    fx_items__add(&fx->m.reads, path, &at))
				fx_nomem(fx);
		}
		return fx_fd_set(fx, p, (uint64_t)e->result, FD_READ, UINT32_MAX, path);
	}
	{
		struct fx_path *pr;
		struct fx_inode *n;
		uint32_t o;
		bool fresh;
		int alias = std_alias(path);

		if (alias >= 0) {
			struct fx_fd *src = fx_fd_get(p, (uint64_t)alias), *dst;

			if (src && src->kind != FD_NONE &&
			    (dst = fx_fd_slot(fx, p, (uint64_t)e->result))) {
				src = fx_fd_get(p, (uint64_t)alias);
				fx_fd_copy(fx, dst, src);
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
			return fx_fd_set(fx, p, (uint64_t)e->result, FD_READ, UINT32_MAX, path);
		pr = fx_path__get(fx, path);
		if (pr && (n = fx_inode__at(fx, pr->inode)) && n->f.symlink)
			pr = through_link(fx, pr, n);
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
		o = fx_ofd_new(fx);
		if (o == UINT32_MAX)
			return;
		fx_ofd_at(fx, o)->inode = pr->inode;
		fx_ofd_at(fx, o)->append = flags & O_APPEND;
		fx_fd_set(fx, p, (uint64_t)e->result, FD_FILE, o, pr->path);
	}
}

void fx_write_to(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint64_t fd,
		 uint32_t arg, uint32_t first, int64_t at_off)
{
	struct fx_fd *d = fx_fd_get(p, fd);
	const uint8_t *data = NULL;
	uint64_t n = (uint64_t)e->result;
	int have;

	if (!d || e->result < 0)
		return;
	have = first == UINT32_MAX ? -ENODATA : fx_call_bytes(fx, e, arg, first, n, &data);
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
		struct fx_ofd *o = fx_ofd_at(fx, d->ofd);
		struct fx_inode *node = o ? fx_inode__at(fx, o->inode) : NULL;
		struct rn_fx_origin at = fx_origin(e);
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
		} else if (o->append || at_off == FX_AT_APPEND) {
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
		if (at_off == -1)
			o->offset = off + n;
	} else if (d->kind == FD_SOCK) {
		struct fx_ofd *o = fx_ofd_at(fx, d->ofd);
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

void fx_read_from(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint64_t fd,
		  uint32_t arg, uint32_t first, bool moves)
{
	struct fx_fd *d = fx_fd_get(p, fd);
	const uint8_t *data = NULL;

	if (!d || e->result <= 0)
		return;
	if (d->kind == FD_FILE && moves) {
		struct fx_ofd *o = fx_ofd_at(fx, d->ofd);

		if (o)
			o->offset += (uint64_t)e->result;
	} else if (d->kind == FD_SOCK) {
		struct fx_ofd *o = fx_ofd_at(fx, d->ofd);
		struct fx_endpoint *ep = o && o->endpoint >= 0
					     ? rn_pool__at(&fx->endpoints, (uint32_t)o->endpoint)
					     : NULL;

		if (!ep)
			return;
		ep->recvd += (uint64_t)e->result;
		if (!fx_call_bytes(fx, e, arg, first, (uint64_t)e->result, &data))
			ep->recvd_fnv = fx_fnv(data, (uint64_t)e->result, ep->recvd_fnv);
	}
}

void fx_endpoint_for(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint64_t fd,
		     const char *verb)
{
	struct fx_fd *d = fx_fd_get(p, fd);
	struct fx_endpoint *ep;
	struct fx_ofd *o;
	uint32_t i;
	char name[512];

	if (!d || d->kind != FD_SOCK || !(o = fx_ofd_at(fx, d->ofd)))
		return;
	snprintf(name, sizeof(name), "%s %s", verb, e->sockaddr ? e->sockaddr : "?");
	for (i = 0; i < fx->endpoints.n; i++) {
		ep = rn_pool__at(&fx->endpoints, i);
		if (!strcmp(ep->name, name))
			break;
	}
	if (i == fx->endpoints.n) {
		if (!(ep = rn_pool__add(&fx->endpoints, &i)) || !(ep->name = strdup(name)))
			return fx_nomem(fx);
		ep->sent_fnv = ep->recvd_fnv = FX_FNV_INIT;
		ep->at = fx_origin(e);
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

void fx_do_exec(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint32_t arg)
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
			/* python3.11 is python3: the interpreter, whichever name ran it */
			if (!strncmp(s, "python", 6) && strchr(s, '.') &&
			    strspn(s + 6, "0123456789.") == strlen(s + 6)) {
				snprintf(buf, sizeof(buf), "%.*s", (int)(strchr(s, '.') - s), s);
				s = buf;
			}
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

void fx_do_kill(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, int64_t target,
		uint64_t sig)
{
	char key[128];
	const char *who;
	struct rn_fx_origin at = fx_origin(e);

	if (e->result < 0 || sig == 0)
		return;
	if (target == (int64_t)p->pid)
		who = "itself";
	else if (target == 0 || target < -1)
		who = "its process group";
	else if (target == -1)
		who = "every process";
	else if (fx_proc_find(fx, (uint32_t)target))
		who = "a traced process";
	else
		who = "another process";
	snprintf(key, sizeof(key), "%s to %s", e->signame ? e->signame : "signal", who);
	if (fx_items__add(&fx->m.signals, key, &at))
		fx_nomem(fx);
}
