// SPDX-License-Identifier: MIT
/*
 * Files and directories by path for the normalizer: a path names an inode (rename moves
 * the name, unlink drops it, a file open for writing keeps its inode), so the content is
 * the one the run left at the path, whatever name it was written under.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effects_int.h"

/*
 * The runtime's own files (docs/compare.md): the dynamic loader and libraries, locale and
 * time zone data, the interpreter's standard library and bytecode caches, kernel files.
 */
const char *const rn_fx_default_ignores[] = {
    "/etc/ld.so.*",
    "/lib/*",
    "/lib32/*",
    "/lib64/*",
    "/usr/lib/*",
    "/usr/lib32/*",
    "/usr/lib64/*",
    "/usr/local/lib/*",
    "/usr/share/locale/*",
    "/usr/share/zoneinfo/*",
    "/usr/share/i18n/*",
    "/etc/localtime",
    "/etc/nsswitch.conf",
    "/etc/host.conf",
    "/etc/gai.conf",
    "/etc/ssl/*",
    "/proc/*",
    "/sys/*",
    "/dev/*",
    "*/lib/python[0-9]*",
    "*/site-packages/*",
    "*/dist-packages/*",
    "*/__pycache__",
    "*/__pycache__/*",
    "*.pyc",
    "*/pyvenv.cfg",
    "*._pth",
    "*.so",
    "*.so.[0-9]*",
    NULL,
};

uint64_t fx_fnv(const uint8_t *p, uint64_t n, uint64_t h)
{
	for (uint64_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

bool rn_fx__ignored(const char *path, const char *const *globs, size_t n)
{
	for (size_t i = 0; globs && (n ? i < n : globs[i] != NULL); i++)
		if (!fnmatch(globs[i], path, 0))
			return true;
	return false;
}

int rn_fx__canon(const char *cwd, const char *path, char *out, size_t outlen)
{
	char tmp[8192];
	size_t n = 0, len;
	bool abs;
	const char *s;

	if (!outlen)
		return -ENAMETOOLONG;
	if (path[0] != '/' && cwd && *cwd)
		len = (size_t)snprintf(tmp, sizeof(tmp), "%s/%s", cwd, path);
	else
		len = (size_t)snprintf(tmp, sizeof(tmp), "%s", path);
	if (len >= sizeof(tmp))
		return -ENAMETOOLONG;
	abs = tmp[0] == '/';
	if (abs)
		out[n++] = '/';
	for (s = tmp; *s;) {
		const char *e;
		size_t cl;

		while (*s == '/')
			s++;
		if (!*s)
			break;
		e = strchr(s, '/');
		cl = e ? (size_t)(e - s) : strlen(s);
		if (cl == 1 && s[0] == '.') {
			/* nothing */
		} else if (cl == 2 && s[0] == '.' && s[1] == '.' &&
			   !(n >= 2 && !strncmp(out + n - 2, "..", 2) &&
			     (n == 2 || out[n - 3] == '/'))) {
			if (n > (abs ? 1u : 0u)) {
				while (n > (abs ? 1u : 0u) && out[n - 1] != '/')
					n--;
				if (n > (abs ? 1u : 0u))
					n--; /* the slash before the dropped component */
			} else if (!abs) {
				if (n + 2 >= outlen)
					return -ENAMETOOLONG;
				memcpy(out + n, "..", 2);
				n += 2;
			}
		} else {
			if (n + cl + 2 >= outlen)
				return -ENAMETOOLONG;
			if (n && out[n - 1] != '/')
				out[n++] = '/';
			memcpy(out + n, s, cl);
			n += cl;
		}
		s += cl;
	}
	if (!n)
		out[n++] = '.';
	out[n] = '\0';
	return 0;
}

/* tmpXXXXXX (Python's tempfile, glibc's tmpnam/mkstemp habits), an extension allowed. */
static bool temp_name(const char *c, size_t len)
{
	size_t i = 3, alnum = 0;

	if (len < 9 || strncmp(c, "tmp", 3))
		return false;
	while (i < len && c[i] != '.' &&
	       (c[i] == '_' || (c[i] >= '0' && c[i] <= '9') || (c[i] >= 'a' && c[i] <= 'z') ||
		(c[i] >= 'A' && c[i] <= 'Z'))) {
		i++;
		alnum++;
	}
	return alnum >= 6 && alnum <= 12 && (i == len || c[i] == '.');
}

int fx_fs__normal(struct rn_effects *fx, const char *cwd, const char *path, char *out, size_t len)
{
	char canon[4096], mapped[4096];
	const char *s;
	size_t n = 0;
	int ret = rn_fx__canon(cwd, path, canon, sizeof(canon));

	if (ret)
		return ret;
	s = canon;
	for (size_t i = 0; i < fx->opts.nmap; i++) {
		size_t fl = strlen(fx->opts.map_from[i]);

		if (!strncmp(canon, fx->opts.map_from[i], fl) && (!canon[fl] || canon[fl] == '/')) {
			snprintf(mapped, sizeof(mapped), "%s%s", fx->opts.map_to[i], canon + fl);
			s = mapped;
			break;
		}
	}
	/* temporary names: numbered in the order the run first used them */
	while (*s) {
		const char *e = strchr(s + 1, '/');
		size_t cl = e ? (size_t)(e - s) : strlen(s);
		const char *c = s[0] == '/' ? s + 1 : s;
		size_t ccl = s[0] == '/' ? cl - 1 : cl;

		if (temp_name(c, ccl)) {
			const char *dot = memchr(c, '.', ccl);
			uint64_t key = fx_fnv((const uint8_t *)c, ccl, FX_FNV_INIT);
			int64_t num = rn_hmap__get(&fx->temp_by_hash, key);
			int w;

			if (num < 0) {
				num = ++fx->ntemp;
				if (rn_hmap__put(&fx->temp_by_hash, key, (uint32_t)num))
					return -ENOMEM;
			}
			w = snprintf(out + n, len - n, "%stmp#%lld%.*s", s[0] == '/' ? "/" : "",
				     (long long)num, dot ? (int)(ccl - (size_t)(dot - c)) : 0,
				     dot ? dot : "");
			if (w < 0 || (size_t)w >= len - n)
				return -ENAMETOOLONG;
			n += (size_t)w;
		} else {
			if (n + cl + 1 > len)
				return -ENAMETOOLONG;
			memcpy(out + n, s, cl);
			n += cl;
		}
		s += cl;
	}
	if (n >= len)
		return -ENAMETOOLONG;
	out[n] = '\0';
	return 0;
}

struct fx_path *fx_path__get(struct rn_effects *fx, const char *path)
{
	uint64_t key = fx_fnv((const uint8_t *)path, strlen(path), FX_FNV_INIT);
	struct fx_path *p;
	uint32_t idx;

	for (;;) {
		int64_t i = rn_hmap__get(&fx->path_by_hash, key);

		if (i < 0)
			break;
		p = rn_pool__at(&fx->paths, (uint32_t)i);
		if (!strcmp(p->path, path))
			return p;
		key = key * 31 + 7; /* another path with this hash: probe on */
	}
	p = rn_pool__add(&fx->paths, &idx);
	if (!p || !(p->path = strdup(path)) || rn_hmap__put(&fx->path_by_hash, key, idx)) {
		if (!fx->err)
			fx->err = -ENOMEM;
		return NULL;
	}
	p->inode = -1;
	return p;
}

struct fx_inode *fx_inode__at(struct rn_effects *fx, int64_t i)
{
	return i < 0 ? NULL : rn_pool__at(&fx->inodes, (uint32_t)i);
}

int64_t fx_inode__new(struct rn_effects *fx, struct fx_path *p, bool base_known)
{
	struct fx_inode *n;
	uint32_t idx;

	if (!(n = rn_pool__add(&fx->inodes, &idx)) || !(n->f.path = strdup(p->path))) {
		if (!fx->err)
			fx->err = -ENOMEM;
		return -1;
	}
	n->nlink = 1;
	n->f.exists = true;
	n->f.base_known = base_known;
	n->size_known = base_known;
	n->f.content_known = true;
	n->f.mode = -1;
	return idx;
}

static int grow(struct fx_inode *n, uint64_t size)
{
	uint64_t cap = n->f.cap ? n->f.cap : 64;
	uint8_t *d, *k;

	if (size <= n->f.cap)
		return 0;
	while (cap < size)
		cap *= 2;
	if (!(d = realloc(n->f.data, cap)))
		return -ENOMEM;
	n->f.data = d;
	if (!(k = realloc(n->f.known, cap)))
		return -ENOMEM;
	n->f.known = k;
	n->f.cap = cap;
	return 0;
}

/* Bytes [from, to) become zeros, known when the size before them was known. */
static void fill_gap(struct fx_inode *n, uint64_t from, uint64_t to)
{
	if (to > from) {
		memset(n->f.data + from, 0, to - from);
		memset(n->f.known + from, n->size_known, to - from);
	}
}

void fx_inode__write(struct rn_effects *fx, struct fx_inode *n, uint64_t off, const uint8_t *data,
		     uint64_t len, const struct rn_fx_origin *at)
{
	uint64_t end = off + len;

	if (!len) /* a write of nothing changes nothing, not even the size */
		return;
	if (end > (1ull << 32) || grow(n, end)) {
		n->f.content_known = false;
		if (!fx->err && end <= (1ull << 32))
			fx->err = -ENOMEM;
		return;
	}
	if (off > n->f.size)
		fill_gap(n, n->f.size, off);
	if (data) {
		if (len)
			memcpy(n->f.data + off, data, len);
		memset(n->f.known + off, 1, len);
	} else {
		memset(n->f.data + off, 0, len);
		memset(n->f.known + off, 0, len);
		n->f.content_known = false;
	}
	if (end > n->f.size)
		n->f.size = end;
	n->f.at = *at;
}

void fx_inode__truncate(struct fx_inode *n, uint64_t size, const struct rn_fx_origin *at)
{
	if (size > (1ull << 32) || grow(n, size)) {
		n->f.content_known = false;
		return;
	}
	if (size > n->f.size)
		fill_gap(n, n->f.size, size);
	n->f.size = size;
	n->size_known = true;
	if (size == 0)
		n->f.base_known = true;
	n->f.at = *at;
}

void fx_inode__learn_size(struct fx_inode *n, uint64_t size)
{
	if (n->size_known || size > (1ull << 32) || grow(n, size))
		return;
	if (size > n->f.size) {
		memset(n->f.data + n->f.size, 0, size - n->f.size);
		memset(n->f.known + n->f.size, 0, size - n->f.size);
		n->f.size = size;
	}
	n->size_known = true;
	if (size == 0)
		n->f.base_known = true;
}

static void unlink_inode(struct rn_effects *fx, struct fx_path *p)
{
	struct fx_inode *n = fx_inode__at(fx, p->inode);

	if (n && n->nlink && !--n->nlink) {
		free(n->f.path);
		n->f.path = NULL;
	}
	p->inode = -1;
}

void fx_fs__unlink(struct rn_effects *fx, const char *path, const struct rn_fx_origin *at)
{
	struct fx_path *p = fx_path__get(fx, path);

	if (!p)
		return;
	if (p->inode < 0 && p->prior == PRIOR_UNKNOWN)
		p->prior = PRIOR_PRESENT;
	unlink_inode(fx, p);
	p->at = *at;
}

/* The file (or directory) at p moves to q: q names what p named, p nothing. */
static void move_path(struct rn_effects *fx, struct fx_path *p, struct fx_path *q,
		      const struct rn_fx_origin *at)
{
	struct fx_inode *n;
	char *c;

	if (q->inode >= 0)
		unlink_inode(fx, q);
	if (q->prior == PRIOR_UNKNOWN)
		q->prior = PRIOR_ABSENT;
	if (p->dir) {
		q->dir = p->dir == 2 ? 0 : 1;
		p->dir = p->dir == 1 ? 0 : 2;
	}
	q->inode = p->inode;
	p->inode = -1;
	p->at = q->at = *at;
	if ((n = fx_inode__at(fx, q->inode)) && (c = strdup(q->path))) {
		free(n->f.path);
		n->f.path = c;
		n->f.at = *at;
	}
}

/* A directory renamed: the paths under it move with it. True when some did. */
static bool move_children(struct rn_effects *fx, const char *from, const char *to,
			  const struct rn_fx_origin *at)
{
	size_t fl = strlen(from);
	uint32_t n = fx->paths.n; /* the new names are added behind */
	bool any = false;
	char buf[8192];

	for (uint32_t i = 0; i < n; i++) {
		struct fx_path *p = rn_pool__at(&fx->paths, i), *q;

		/* a path without a file is a removal, which stays where it was */
		if (strncmp(p->path, from, fl) || p->path[fl] != '/' || (p->inode < 0 && !p->dir))
			continue;
		any = true;
		if ((size_t)snprintf(buf, sizeof(buf), "%s%s", to, p->path + fl) >= sizeof(buf) ||
		    !(q = fx_path__get(fx, buf)))
			continue;
		p = rn_pool__at(&fx->paths, i); /* the pool never moves; for clarity */
		move_path(fx, p, q, at);
	}
	return any;
}

void fx_fs__rename(struct rn_effects *fx, const char *from, const char *to, bool exchange,
		   const struct rn_fx_origin *at)
{
	struct fx_path *pf = fx_path__get(fx, from), *pt;
	int64_t moved;
	uint8_t dir;
	bool children;

	if (!pf || !(pt = fx_path__get(fx, to)))
		return;
	/* a directory (made by the run, or with paths the run used under it) */
	children = !exchange && move_children(fx, from, to, at);
	if (pf->dir || pt->dir || children) {
		dir = pf->dir;
		pf->dir = exchange ? pt->dir : (pf->dir == 1 ? 0 : 2);
		pt->dir = dir == 2 ? 0 : 1;
		return;
	}
	if (pf->inode < 0) {
		/* a file that was there before the run: its content is not in the trace */
		if (pf->prior == PRIOR_UNKNOWN)
			pf->prior = PRIOR_PRESENT;
		pf->inode = fx_inode__new(fx, pf, false);
		if (pf->inode < 0)
			return;
	}
	if (pt->inode >= 0 && !exchange)
		unlink_inode(fx, pt);
	if (pt->prior == PRIOR_UNKNOWN && pt->inode < 0)
		pt->prior = exchange ? PRIOR_PRESENT : PRIOR_ABSENT;
	if (exchange && pt->inode < 0)
		pt->inode = fx_inode__new(fx, pt, false);
	moved = pf->inode;
	pf->inode = exchange ? pt->inode : -1;
	pt->inode = moved;
	for (int k = 0; k < 2; k++) {
		struct fx_path *p = k ? pt : pf;
		struct fx_inode *n = fx_inode__at(fx, p->inode);

		if (n) {
			char *c = strdup(p->path);

			if (!c) {
				if (!fx->err)
					fx->err = -ENOMEM;
				return;
			}
			free(n->f.path);
			n->f.path = c;
			n->f.at = *at;
		}
	}
	pf->at = *at;
	pt->at = *at;
}

void fx_fs__mkdir(struct rn_effects *fx, const char *path, const struct rn_fx_origin *at)
{
	struct fx_path *p = fx_path__get(fx, path);

	if (!p)
		return;
	p->dir = p->dir == 2 ? 0 : 1;
	p->at = *at;
}

void fx_fs__rmdir(struct rn_effects *fx, const char *path, const struct rn_fx_origin *at)
{
	struct fx_path *p = fx_path__get(fx, path);

	if (!p)
		return;
	p->dir = p->dir == 1 ? 0 : 2;
	p->at = *at;
}

void fx_fs__chmod(struct rn_effects *fx, struct fx_path *p, uint32_t mode,
		  const struct rn_fx_origin *at)
{
	struct fx_inode *n;

	if (!p || p->dir)
		return;
	if (p->inode < 0) {
		if (p->prior == PRIOR_UNKNOWN)
			p->prior = PRIOR_PRESENT;
		p->inode = fx_inode__new(fx, p, false);
	}
	if (!(n = fx_inode__at(fx, p->inode)))
		return;
	n->f.mode = (int32_t)(mode & 07777);
	n->f.at = *at;
}

void fx_fs__link(struct rn_effects *fx, const char *from, const char *to,
		 const struct rn_fx_origin *at)
{
	struct fx_path *pf = fx_path__get(fx, from), *pt;
	struct fx_inode *n;

	if (!pf || !(pt = fx_path__get(fx, to)))
		return;
	if (pf->inode < 0) {
		if (pf->prior == PRIOR_UNKNOWN)
			pf->prior = PRIOR_PRESENT;
		pf->inode = fx_inode__new(fx, pf, false);
	}
	if (!(n = fx_inode__at(fx, pf->inode)))
		return;
	if (pt->inode >= 0)
		unlink_inode(fx, pt);
	if (pt->prior == PRIOR_UNKNOWN)
		pt->prior = PRIOR_ABSENT; /* link does not replace */
	pt->inode = pf->inode;
	n->nlink++;
	pt->at = *at;
}

void fx_fs__symlink(struct rn_effects *fx, const char *target, const char *path,
		    const struct rn_fx_origin *at)
{
	struct fx_path *p = fx_path__get(fx, path);
	struct fx_inode *n;

	if (!p)
		return;
	if (p->inode >= 0)
		unlink_inode(fx, p);
	if (p->prior == PRIOR_UNKNOWN)
		p->prior = PRIOR_ABSENT;
	p->inode = fx_inode__new(fx, p, true);
	if (!(n = fx_inode__at(fx, p->inode)))
		return;
	n->f.symlink = true;
	fx_inode__write(fx, n, 0, (const uint8_t *)target, strlen(target), at);
	n->f.at = *at;
	p->at = *at;
}

void fx_inode__mapped(struct fx_inode *n)
{
	n->f.content_known = false;
	if (n->f.known && n->f.size)
		memset(n->f.known, 0, n->f.size);
}

void fx_fs__free(struct rn_effects *fx)
{
	for (uint32_t i = 0; i < fx->paths.n; i++)
		free(((struct fx_path *)rn_pool__at(&fx->paths, i))->path);
	rn_pool__free(&fx->paths);
	rn_hmap__free(&fx->path_by_hash);
	for (uint32_t i = 0; i < fx->inodes.n; i++) {
		struct fx_inode *n = rn_pool__at(&fx->inodes, i);

		free(n->f.path);
		free(n->f.data);
		free(n->f.known);
	}
	rn_pool__free(&fx->inodes);
	rn_hmap__free(&fx->temp_by_hash);
	for (uint32_t i = 0; i < fx->nown; i++)
		free(fx->own[i]);
	free(fx->start_cwd);
}
