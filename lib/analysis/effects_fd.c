// SPDX-License-Identifier: MIT
/*
 * The normalizer's processes and fd tables: an fd names an open file description shared by
 * its dups and by forked children (offset and O_APPEND with it), as in the kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effects_int.h"

void fx_nomem(struct rn_effects *fx)
{
	if (!fx->err)
		fx->err = -ENOMEM;
}

/* Processes and their fd tables. */

struct fx_proc *fx_proc_find(struct rn_effects *fx, uint32_t pid)
{
	int64_t i = rn_hmap__get(&fx->proc_by_pid, pid);

	return i < 0 ? NULL : rn_pool__at(&fx->procs, (uint32_t)i);
}

struct fx_proc *fx_proc_get(struct rn_effects *fx, uint32_t pid, bool *created)
{
	struct fx_proc *p = fx_proc_find(fx, pid);
	uint32_t idx;

	*created = false;
	if (p)
		return p;
	p = rn_pool__add(&fx->procs, &idx);
	if (!p || rn_hmap__put(&fx->proc_by_pid, pid, idx)) {
		fx_nomem(fx);
		return NULL;
	}
	p->pid = pid;
	*created = true;
	return p;
}

struct fx_ofd *fx_ofd_at(struct rn_effects *fx, uint32_t i)
{
	return rn_pool__at(&fx->ofds, i);
}

uint32_t fx_ofd_new(struct rn_effects *fx)
{
	struct fx_ofd *o;
	uint32_t i;

	if (fx->ofd_free) {
		i = fx->ofd_free - 1;
		o = fx_ofd_at(fx, i);
		fx->ofd_free = o->next_free;
	} else if (!(o = rn_pool__add(&fx->ofds, &i))) {
		fx_nomem(fx);
		return UINT32_MAX;
	}
	memset(o, 0, sizeof(*o));
	o->refs = 1;
	o->inode = -1;
	o->endpoint = -1;
	return i;
}

void fx_fd_release(struct rn_effects *fx, struct fx_fd *d)
{
	if ((d->kind == FD_FILE || d->kind == FD_SOCK) && d->ofd != UINT32_MAX) {
		struct fx_ofd *o = fx_ofd_at(fx, d->ofd);

		if (o && o->refs && !--o->refs) {
			o->next_free = fx->ofd_free;
			fx->ofd_free = d->ofd + 1;
		}
	}
	free(d->path);
	memset(d, 0, sizeof(*d));
}

struct fx_fd *fx_fd_slot(struct rn_effects *fx, struct fx_proc *p, uint64_t fd)
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
			fx_nomem(fx);
			return NULL;
		}
		memset(v + p->nfds, 0, (n - p->nfds) * sizeof(*v));
		p->fds = v;
		p->nfds = n;
	}
	return &p->fds[fd];
}

struct fx_fd *fx_fd_get(struct fx_proc *p, uint64_t fd)
{
	return fd < p->nfds ? &p->fds[fd] : NULL;
}

/* Sets fd to a copy of src (a dup): shares the ofd. */
void fx_fd_copy(struct rn_effects *fx, struct fx_fd *dst, const struct fx_fd *src)
{
	struct fx_fd tmp = *src;

	if ((tmp.kind == FD_FILE || tmp.kind == FD_SOCK) && tmp.ofd != UINT32_MAX)
		fx_ofd_at(fx, tmp.ofd)->refs++;
	tmp.path = src->path ? strdup(src->path) : NULL;
	fx_fd_release(fx, dst);
	*dst = tmp;
}

void fx_fd_set(struct rn_effects *fx, struct fx_proc *p, uint64_t fd, uint8_t kind, uint32_t ofd,
	       const char *path)
{
	struct fx_fd *d = fx_fd_slot(fx, p, fd);

	if (!d) {
		if (ofd != UINT32_MAX && (kind == FD_FILE || kind == FD_SOCK)) {
			struct fx_fd tmp = {kind, ofd, NULL};

			fx_fd_release(fx, &tmp);
		}
		return;
	}
	fx_fd_release(fx, d);
	d->kind = kind;
	d->ofd = ofd;
	d->path = path ? strdup(path) : NULL;
}

void fx_proc_free(struct rn_effects *fx, struct fx_proc *p)
{
	for (uint32_t i = 0; i < p->nfds; i++)
		fx_fd_release(fx, &p->fds[i]);
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
