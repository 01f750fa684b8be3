// SPDX-License-Identifier: MIT
/* The normalizer's state becomes the model: sorted lists per category, the verdict's inputs. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effects_int.h"

void fx_set_inconclusive(struct rn_effects *fx, enum rn_fx_cat c, const char *fmt, ...)
{
	va_list ap;

	if (fx->m.inconclusive[c][0])
		return; /* the first reason is the one to fix first */
	va_start(ap, fmt);
	vsnprintf(fx->m.inconclusive[c], sizeof(fx->m.inconclusive[c]), fmt, ap);
	va_end(ap);
}

int fx_items__add(struct rn_fx_items *it, const char *key, const struct rn_fx_origin *at)
{
	struct rn_fx_item *v;

	if (it->n == it->cap) {
		size_t cap = it->cap ? it->cap * 2 : 16;

		if (!(v = realloc(it->v, cap * sizeof(*v))))
			return -ENOMEM;
		it->v = v;
		it->cap = cap;
	}
	if (!(it->v[it->n].key = strdup(key)))
		return -ENOMEM;
	it->v[it->n].count = 1;
	it->v[it->n].at = *at;
	it->n++;
	return 0;
}

static int item_cmp(const void *a, const void *b)
{
	const struct rn_fx_item *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->at.event_id < y->at.event_id ? -1 : x->at.event_id > y->at.event_id;
}

/* Sorted by key, duplicates folded into a count (the first occurrence kept). */
static void items_sort(struct rn_fx_items *it, bool fold)
{
	size_t w = 0;

	if (!it->n)
		return;
	qsort(it->v, it->n, sizeof(*it->v), item_cmp);
	for (size_t r = 0; r < it->n; r++) {
		if (fold && w && !strcmp(it->v[w - 1].key, it->v[r].key)) {
			it->v[w - 1].count += it->v[r].count;
			free(it->v[r].key);
			continue;
		}
		it->v[w++] = it->v[r];
	}
	it->n = w;
}

static void items_free(struct rn_fx_items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->v[i].key);
	free(it->v);
	memset(it, 0, sizeof(*it));
}

static bool ignored(const struct rn_effects *fx, const char *path)
{
	return rn_fx__ignored(path, fx->opts.ignore, fx->opts.nignore) ||
	       (!fx->opts.no_default_ignores && rn_fx__ignored(path, rn_fx_default_ignores, 0));
}

/* The script as the command named it, relative to where the run started: without that
 * directory, its path after any leading `../` must end the read path. */
static bool own_file(const struct rn_effects *fx, const char *path)
{
	size_t pl = strlen(path);

	for (uint32_t i = 0; i < fx->nown; i++) {
		const char *o = fx->own[i];
		char abs[4096];
		size_t ol;

		if (o[0] != '/' && fx->start_cwd &&
		    !rn_fx__canon(fx->start_cwd, o, abs, sizeof(abs)) && !strcmp(path, abs))
			return true;
		while (!strncmp(o, "../", 3))
			o += 3;
		ol = strlen(o);
		if (!strcmp(path, o) || (o[0] != '/' && pl > ol && path[pl - ol - 1] == '/' &&
					 !strcmp(path + pl - ol, o)))
			return true;
	}
	return false;
}

/* A .py beside the script (a module it imports) is the program too, not its input. */
static bool own_module(const struct rn_effects *fx, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dl, pl = strlen(path);

	if (!slash || pl < 3 || strcmp(path + pl - 3, ".py"))
		return false;
	dl = (size_t)(slash - path);
	for (size_t r = 0; r < fx->m.reads.n; r++) {
		const char *k = fx->m.reads.v[r].key, *ks = strrchr(k, '/');

		if (ks && (size_t)(ks - k) == dl && !strncmp(k, path, dl) && own_file(fx, k))
			return true;
	}
	return false;
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rn_fx_file *)a)->path, ((const struct rn_fx_file *)b)->path);
}

/*
 * A path under the directory the run started in (the header's, --map applied) as "./REST",
 * so runs started in two places that name the same files alike compare equal without a
 * --map; NULL when it is not under it. Not for a start in "/": every path would be.
 */
static char *anchored(const char *anchor, const char *path)
{
	size_t al = strlen(anchor);
	char *out;

	if (al < 2 || strncmp(path, anchor, al) || (path[al] && path[al] != '/'))
		return NULL;
	if (!(out = malloc(strlen(path) - al + 3)))
		return NULL;
	strcpy(out, ".");
	strcat(out, path + al);
	return out;
}

/* The model's paths under the start directory become "./REST" (a path left absolute when
 * there is no memory for its new form). */
static void anchor_paths(struct rn_effects *fx)
{
	char anchor[4096];
	char *rel;

	if (!fx->cwd_known || fx_fs__normal(fx, NULL, fx->start_cwd, anchor, sizeof(anchor)))
		return;
	for (uint32_t i = 0; i < fx->paths.n; i++) {
		struct fx_path *p = rn_pool__at(&fx->paths, i);

		if ((rel = anchored(anchor, p->path))) {
			free(p->path); /* the path index is not used any more */
			p->path = rel;
		}
	}
	for (size_t r = 0; r < fx->m.reads.n; r++)
		if ((rel = anchored(anchor, fx->m.reads.v[r].key))) {
			free(fx->m.reads.v[r].key);
			fx->m.reads.v[r].key = rel;
		}
}

/* The files and directories of the paths not skipped (ignored). */
static int collect_files(struct rn_effects *fx, const bool *skip)
{
	struct rn_fx_model *m = &fx->m;
	size_t cap = 0;

	for (uint32_t i = 0; i < fx->paths.n; i++) {
		struct fx_path *p = rn_pool__at(&fx->paths, i);
		struct fx_inode *n = fx_inode__at(fx, p->inode);
		struct rn_fx_file f;
		char key[4200];

		if (skip[i])
			continue;
		if (p->dir) {
			snprintf(key, sizeof(key), "%s %s", p->dir == 1 ? "created" : "removed",
				 p->path);
			if (fx_items__add(&m->dirs, key, &p->at))
				return -ENOMEM;
		}
		if (n) {
			f = n->f;
			f.path = p->path;
			f.fnv = fx_fnv(f.data, f.size, FX_FNV_INIT);
			if (!n->size_known)
				f.base_known = false;
		} else if (p->prior == PRIOR_PRESENT && !p->dir) {
			memset(&f, 0, sizeof(f));
			f.path = p->path;
			f.content_known = true;
			f.base_known = true;
			f.mode = -1;
			f.at = p->at;
		} else {
			continue;
		}
		if (m->nfiles == cap) {
			struct rn_fx_file *v;

			cap = cap ? cap * 2 : 16;
			if (!(v = realloc(m->files, cap * sizeof(*v))))
				return -ENOMEM;
			m->files = v;
		}
		m->files[m->nfiles++] = f;
	}
	if (m->nfiles)
		qsort(m->files, m->nfiles, sizeof(*m->files), file_cmp);
	return 0;
}

static int build_files(struct rn_effects *fx)
{
	bool *skip = calloc(fx->paths.n ? fx->paths.n : 1, sizeof(*skip));
	int err;

	if (!skip)
		return -ENOMEM;
	/* the ignore rules see absolute paths, the model those under the start as ./REST */
	for (uint32_t i = 0; i < fx->paths.n; i++)
		skip[i] = ignored(fx, ((struct fx_path *)rn_pool__at(&fx->paths, i))->path);
	anchor_paths(fx);
	err = collect_files(fx, skip);
	free(skip);
	return err;
}

/* A shell's `-c` or env in front of the program it started is indirection, not behaviour. */
static bool indirection(const struct fx_proc *p)
{
	const char *a = p->argv;

	return !strncmp(a, "env ", 4) || !strncmp(a, "sh -c ", 6) || !strncmp(a, "bash -c ", 8) ||
	       !strncmp(a, "dash -c ", 8);
}

static int build_procs(struct rn_effects *fx)
{
	for (uint32_t i = 0; i < fx->procs.n; i++) {
		struct fx_proc *p = rn_pool__at(&fx->procs, i);
		struct rn_fx_origin at = {0, 0, p->pid};
		bool parent = false;

		if (!p->exec_ok || p->pid == fx->m.root_pid || !p->argv)
			continue;
		if (indirection(p)) {
			for (uint32_t j = 0; j < fx->procs.n && !parent; j++) {
				struct fx_proc *c = rn_pool__at(&fx->procs, j);

				parent = c->ppid == p->pid && c->exec_ok;
			}
			if (parent)
				continue;
		}
		if (fx_items__add(&fx->m.procs, p->argv, &at))
			return -ENOMEM;
	}
	return 0;
}

static int build_net(struct rn_effects *fx)
{
	for (uint32_t i = 0; i < fx->endpoints.n; i++) {
		struct fx_endpoint *ep = rn_pool__at(&fx->endpoints, i);
		char key[1024];

		snprintf(key, sizeof(key), "%s: sent %llu bytes (fnv %016llx), received %llu bytes",
			 ep->name, (unsigned long long)ep->sent, (unsigned long long)ep->sent_fnv,
			 (unsigned long long)ep->recvd);
		if (fx_items__add(&fx->m.net, key, &ep->at))
			return -ENOMEM;
	}
	return 0;
}

static int build_fences(struct rn_effects *fx)
{
	size_t cap = 0;

	for (uint32_t i = 0; i < fx->procs.n; i++) {
		struct fx_proc *p = rn_pool__at(&fx->procs, i);
		struct rn_fx_fence *v;

		if (!p->wrote || p->fork_parent != fx->m.root_pid || p->pid == fx->m.root_pid)
			continue;
		if (fx->m.nfences == cap) {
			cap = cap ? cap * 2 : 8;
			if (!(v = realloc(fx->m.fences, cap * sizeof(*v))))
				return -ENOMEM;
			fx->m.fences = v;
		}
		v = &fx->m.fences[fx->m.nfences++];
		v->pid = p->pid;
		v->ppid = p->fork_parent;
		memcpy(v->fork_pos, p->fork_pos, sizeof(v->fork_pos));
		memcpy(v->reap_pos, p->reap_pos, sizeof(v->reap_pos));
	}
	return 0;
}

int fx_end__build(struct rn_effects *fx)
{
	struct rn_fx_model *m = &fx->m;
	int64_t ri = rn_hmap__get(&fx->proc_by_pid, m->root_pid);
	struct fx_proc *root = ri < 0 ? NULL : rn_pool__at(&fx->procs, (uint32_t)ri);
	size_t w = 0;
	bool *drop;

	if (root && root->seen_proc && root->ended) {
		m->have_exit = true;
		m->exit_status = root->wait_status;
	} else {
		fx_set_inconclusive(fx, RN_FX_EXIT,
				    "the end of the root process is not in the trace");
	}
	/* reads of ignored files, the program's own script and modules are not inputs (decided
	 * on the whole list first: own_module looks at the others) */
	drop = calloc(m->reads.n ? m->reads.n : 1, sizeof(*drop));
	if (!drop)
		return -ENOMEM;
	for (size_t r = 0; r < m->reads.n; r++)
		drop[r] = ignored(fx, m->reads.v[r].key) || own_file(fx, m->reads.v[r].key) ||
			  own_module(fx, m->reads.v[r].key);
	for (size_t r = 0; r < m->reads.n; r++) {
		if (drop[r]) {
			free(m->reads.v[r].key);
			continue;
		}
		m->reads.v[w++] = m->reads.v[r];
	}
	m->reads.n = w;
	free(drop);
	if (build_files(fx) || build_procs(fx) || build_net(fx) || build_fences(fx) ||
	    fx_order__build(fx))
		return -ENOMEM;
	items_sort(&m->dirs, true);
	items_sort(&m->reads, true);
	items_sort(&m->procs, false);
	items_sort(&m->signals, false);
	items_sort(&m->net, false);
	for (int c = 0; c < RN_FX__N; c++) {
		if (c == RN_FX_EXIT && m->have_exit)
			continue;
		if (m->lost)
			fx_set_inconclusive(fx, (enum rn_fx_cat)c,
					    "%llu events were lost (the ring buffer was full): "
					    "record again with a larger --buffer-size",
					    (unsigned long long)m->lost);
		else if (m->incomplete)
			fx_set_inconclusive(
			    fx, (enum rn_fx_cat)c,
			    "the trace is incomplete (the tracer stopped before the "
			    "program's end): record it again");
	}
	return 0;
}

void fx_end__free_model(struct rn_fx_model *m)
{
	for (int i = 0; i < 2; i++) {
		free(m->streams[i].data);
		free(m->streams[i].chunks);
		free(m->streams[i].order);
	}
	free(m->files);
	free(m->fences);
	items_free(&m->dirs);
	items_free(&m->reads);
	items_free(&m->procs);
	items_free(&m->signals);
	items_free(&m->net);
}
