// SPDX-License-Identifier: MIT
/*
 * The calls that change -y's descriptor table (fdpaths.c): which calls make, copy, close or
 * rename a descriptor, change the cwd or a socket's endpoints, as a table of names and kinds;
 * what each does to the table (rn_fdpaths__update), with its paths resolved as the kernel
 * did; -P's question whether a call names a path (rn_fdpaths__touches).
 */
#include "fdpaths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fdpaths_int.h"
#include "systable.h"

enum fd_call {
	FC_NONE,
	FC_OPEN,
	FC_OPENAT,
	FC_CREAT,
	FC_OPENAT2,
	FC_DUP,
	FC_DUP2,
	FC_DUP3,
	FC_FCNTL,
	FC_CLOSE,
	FC_CLOSE_RANGE,
	FC_NEWFD,     /* the return value is a descriptor without a path in the call */
	FC_NEWFD2,    /* pipe, pipe2, socketpair: two descriptors written to an int[2] */
	FC_BPF,	      /* bpf: some commands return a descriptor (bpf_fd_cmds) */
	FC_SOCKSTATE, /* bind, connect, listen, a send that binds: the socket's endpoints change */
	FC_EXEC,
	FC_CHDIR,
	FC_FCHDIR,
	FC_UNLINK,   /* unlink, rmdir: the path in argument 0 is gone */
	FC_UNLINKAT, /* (dirfd, path) */
	FC_RENAME,   /* rename: argument 0's path is now argument 1's */
	FC_RENAMEAT, /* renameat, renameat2: (dirfd, old, dirfd, new) */
};

static const struct {
	const char *name;
	enum fd_call kind;
} fd_calls[] = {
    {"open", FC_OPEN},
    {"openat", FC_OPENAT},
    {"creat", FC_CREAT},
    {"openat2", FC_OPENAT2},
    {"dup", FC_DUP},
    {"dup2", FC_DUP2},
    {"dup3", FC_DUP3},
    {"fcntl", FC_FCNTL},
    {"close", FC_CLOSE},
    {"close_range", FC_CLOSE_RANGE},
    {"socket", FC_NEWFD},
    {"accept", FC_NEWFD},
    {"accept4", FC_NEWFD},
    {"epoll_create", FC_NEWFD},
    {"epoll_create1", FC_NEWFD},
    {"eventfd", FC_NEWFD},
    {"eventfd2", FC_NEWFD},
    {"signalfd", FC_NEWFD},
    {"signalfd4", FC_NEWFD},
    {"timerfd_create", FC_NEWFD},
    {"inotify_init", FC_NEWFD},
    {"inotify_init1", FC_NEWFD},
    {"memfd_create", FC_NEWFD},
    {"pidfd_open", FC_NEWFD},
    {"fanotify_init", FC_NEWFD},
    {"perf_event_open", FC_NEWFD},
    {"userfaultfd", FC_NEWFD},
    {"io_uring_setup", FC_NEWFD},
    {"bpf", FC_BPF},
    {"pipe", FC_NEWFD2},
    {"pipe2", FC_NEWFD2},
    {"socketpair", FC_NEWFD2},
    {"execve", FC_EXEC},
    {"execveat", FC_EXEC},
    {"bind", FC_SOCKSTATE},
    {"connect", FC_SOCKSTATE},
    {"listen", FC_SOCKSTATE},
    {"sendto", FC_SOCKSTATE},
    {"sendmsg", FC_SOCKSTATE},
    {"sendmmsg", FC_SOCKSTATE},
    {"chdir", FC_CHDIR},
    {"fchdir", FC_FCHDIR},
    {"unlink", FC_UNLINK},
    {"rmdir", FC_UNLINK},
    {"unlinkat", FC_UNLINKAT},
    {"rename", FC_RENAME},
    {"renameat", FC_RENAMEAT},
    {"renameat2", FC_RENAMEAT},
};

/* /proc's names of the anonymous inodes the calls make, when /proc can no longer say. */
static const char *const anon_names[][2] = {
    {"epoll_create", "anon_inode:[eventpoll]"},	 {"epoll_create1", "anon_inode:[eventpoll]"},
    {"eventfd", "anon_inode:[eventfd]"},	 {"eventfd2", "anon_inode:[eventfd]"},
    {"signalfd", "anon_inode:[signalfd]"},	 {"signalfd4", "anon_inode:[signalfd]"},
    {"timerfd_create", "anon_inode:[timerfd]"},	 {"inotify_init", "anon_inode:inotify"},
    {"inotify_init1", "anon_inode:inotify"},	 {"pidfd_open", "anon_inode:[pidfd]"},
    {"fanotify_init", "anon_inode:[fanotify]"},	 {"perf_event_open", "anon_inode:[perf_event]"},
    {"userfaultfd", "anon_inode:[userfaultfd]"}, {"io_uring_setup", "anon_inode:[io_uring]"},
};

/*
 * bpf(2)'s commands whose result strace 6.1 prints as a descriptor (RVAL_FD), by number: the
 * /proc name of the anonymous inode a new descriptor is, for when /proc can no longer say
 * (NULL: it depends on what was pinned); BPF_OBJ_PIN's and BPF_PROG_BIND_MAP's result, 0, is
 * no new descriptor but printed as one all the same.
 */
static const struct {
	bool fd, new_fd;
	const char *anon;
} bpf_fd_cmds[] = {
    [0] = {true, true, "anon_inode:bpf-map"},	 /* BPF_MAP_CREATE */
    [5] = {true, true, "anon_inode:bpf-prog"},	 /* BPF_PROG_LOAD */
    [6] = {true, false, NULL},			 /* BPF_OBJ_PIN */
    [7] = {true, true, NULL},			 /* BPF_OBJ_GET */
    [13] = {true, true, "anon_inode:bpf-prog"},	 /* BPF_PROG_GET_FD_BY_ID */
    [14] = {true, true, "anon_inode:bpf-map"},	 /* BPF_MAP_GET_FD_BY_ID */
    [17] = {true, true, "anon_inode:bpf_link"},	 /* BPF_RAW_TRACEPOINT_OPEN */
    [18] = {true, true, "anon_inode:btf"},	 /* BPF_BTF_LOAD */
    [19] = {true, true, "anon_inode:btf"},	 /* BPF_BTF_GET_FD_BY_ID */
    [28] = {true, true, "anon_inode:bpf_link"},	 /* BPF_LINK_CREATE */
    [30] = {true, true, "anon_inode:bpf_link"},	 /* BPF_LINK_GET_FD_BY_ID */
    [32] = {true, true, "anon_inode:bpf-stats"}, /* BPF_ENABLE_STATS */
    [33] = {true, true, "anon_inode:bpf_iter"},	 /* BPF_ITER_CREATE */
    [35] = {true, false, NULL},			 /* BPF_PROG_BIND_MAP */
};

#define BPF_CMD(cmd, field)                                                                        \
	((cmd) < sizeof(bpf_fd_cmds) / sizeof(bpf_fd_cmds[0]) ? bpf_fd_cmds[cmd].field : 0)

static enum fd_call kind_of(int nr)
{
	static uint8_t kinds[RN_MAX_SYSCALLS];
	static bool ready;

	if (!ready) {
		for (size_t i = 0; i < sizeof(fd_calls) / sizeof(fd_calls[0]); i++) {
			int n = rn_syscall__by_name(fd_calls[i].name);

			if (n >= 0 && n < RN_MAX_SYSCALLS)
				kinds[n] = (uint8_t)fd_calls[i].kind;
		}
		ready = true;
	}
	return nr >= 0 && nr < RN_MAX_SYSCALLS ? (enum fd_call)kinds[nr] : FC_NONE;
}

bool rn_fdpaths__returns_fd(int nr, uint64_t arg0)
{
	switch (kind_of(nr)) {
	case FC_BPF:
		return BPF_CMD(arg0, fd);
	case FC_OPEN:
	case FC_OPENAT:
	case FC_CREAT:
	case FC_OPENAT2:
	case FC_DUP:
	case FC_DUP2:
	case FC_DUP3:
	case FC_NEWFD:
		return true;
	default:
		return false;
	}
}

void rn_fdpaths__need(uint64_t *bits, unsigned nbits)
{
	for (size_t i = 0; i < sizeof(fd_calls) / sizeof(fd_calls[0]); i++) {
		int n = rn_syscall__by_name(fd_calls[i].name);

		if (fd_calls[i].kind != FC_NONE && n >= 0 && (unsigned)n < nbits)
			bits[n / 64] |= 1ull << (n % 64);
	}
}

static void drop(struct rn_fdpaths *f, uint32_t tgid, int64_t lo, int64_t hi)
{
	struct proc_fds *p = rn_fdpaths__proc(f, tgid, false);

	if (!p)
		return;
	if (lo < 0)
		lo = 0;
	for (int64_t fd = lo; fd <= hi && fd < p->cap; fd++) {
		free(p->name[fd]);
		p->name[fd] = NULL;
		p->cloexec[fd] = 0;
		memset(&p->id[fd], 0, sizeof(p->id[fd]));
	}
}

/* A path argument resolved as the kernel did: against dirfd or the cwd, links followed. */
static const char *resolve(struct rn_fdpaths *f, uint32_t tgid, int64_t dirfd, const char *path)
{
	char joined[PATH_MAX * 2], base[PATH_MAX], dir[PATH_MAX];
	static char real[PATH_MAX * 2];
	const char *b = NULL, *leaf;

	if (path[0] != '/') {
		b = rn_fdpaths__name(f, tgid, dirfd);
		if (!b)
			return path;
		snprintf(base, sizeof(base), "%s", b);
		snprintf(joined, sizeof(joined), "%s/%s", strcmp(base, "/") ? base : "", path);
		path = joined;
	}
	if (realpath(path, real))
		return real;
	/* gone already (unlinked, renamed): its directory resolved, then its last component */
	leaf = strrchr(path, '/');
	if (leaf && leaf != path && strcmp(leaf, "/.") && strcmp(leaf, "/..")) {
		snprintf(base, sizeof(base), "%.*s", (int)(leaf - path), path);
		if (realpath(base, dir)) {
			snprintf(real, sizeof(real), "%s%s", strcmp(dir, "/") ? dir : "", leaf);
			return real;
		}
	}
	snprintf(real, sizeof(real), "%s", path);
	return real;
}

/* The path argument i, NUL-terminated in buf; NULL when not captured whole. */
static const char *arg_str(const struct rn_event *ev, unsigned i, char *buf, size_t len)
{
	const struct rn_item *it = rn_event__item(ev, i, 0);
	size_t n;

	if (!it || (it->flags & (RN_IF_FAULT | RN_IF_TRUNC)) || !it->len)
		return NULL;
	n = strnlen(rn_item__data(it), it->len);
	if (n >= len)
		return NULL;
	memcpy(buf, rn_item__data(it), n);
	buf[n] = '\0';
	return buf;
}

/*
 * A path the call removed or renamed: every descriptor of every process named by it (or by a
 * path under it) now has /proc's name for it, `PATH (deleted)` or the new path.
 */
static void moved(struct rn_fdpaths *f, const char *from, const char *to)
{
	size_t n = strlen(from);
	char name[PATH_MAX * 2];

	for (size_t i = 0; i < f->n; i++) {
		struct proc_fds *p = &f->v[i];

		for (int fd = 0; fd < p->cap; fd++) {
			char *old = p->name[fd], *keep;

			if (!old || strncmp(old, from, n) || (old[n] && old[n] != '/'))
				continue;
			if (to)
				snprintf(name, sizeof(name), "%s%s", to, old + n);
			else if (!old[n])
				snprintf(name, sizeof(name), "%s (deleted)", old);
			else
				continue;
			if ((keep = strdup(name))) {
				free(old);
				p->name[fd] = keep;
			}
		}
	}
}

/* unlink, rmdir, unlinkat: dirfd (AT_FDCWD for the first two) and the path argument. */
static void on_unlink(struct rn_fdpaths *f, const struct rn_event *ev, int64_t dirfd, unsigned i)
{
	char pbuf[PATH_MAX], from[PATH_MAX * 2];
	const char *path = arg_str(ev, i, pbuf, sizeof(pbuf));

	if (!path)
		return;
	snprintf(from, sizeof(from), "%s", resolve(f, ev->rec->h.tgid, dirfd, path));
	moved(f, from, NULL);
}

/* rename, renameat, renameat2: old path in argument i, new path in argument j. */
static void on_rename(struct rn_fdpaths *f, const struct rn_event *ev, int64_t olddir, unsigned i,
		      int64_t newdir, unsigned j)
{
	char obuf[PATH_MAX], nbuf[PATH_MAX], from[PATH_MAX * 2], to[PATH_MAX * 2];
	const char *old = arg_str(ev, i, obuf, sizeof(obuf)),
		   *new = arg_str(ev, j, nbuf, sizeof(nbuf));
	uint32_t tgid = ev->rec->h.tgid;

	if (!old || !new)
		return;
	snprintf(from, sizeof(from), "%s", resolve(f, tgid, olddir, old));
	snprintf(to, sizeof(to), "%s", resolve(f, tgid, newdir, new));
	moved(f, to, NULL); /* a file the new name replaced */
	moved(f, from, to);
}

static void copy_fd(struct rn_fdpaths *f, uint32_t tgid, int64_t from, int64_t to, bool cloexec)
{
	const char *name = rn_fdpaths__name(f, tgid, from);
	const struct rn_fdid *idp = rn_fdpaths__id(f, tgid, from);
	struct rn_fdid id = idp ? *idp : (struct rn_fdid){0};
	char *keep = name ? strdup(name) : NULL;

	rn_fdpaths__set_name(f, tgid, to, keep, cloexec);
	if (id.mode)
		rn_fdpaths__set_id(f, tgid, to, &id);
	free(keep);
}

/* A new descriptor whose call names nothing: what /proc says it is now. */
static void from_proc(struct rn_fdpaths *f, uint32_t tgid, int64_t fd, bool cloexec)
{
	if (rn_fdpaths__proc_link(tgid, fd, f->scratch, sizeof(f->scratch)))
		rn_fdpaths__set_name(f, tgid, fd, f->scratch, cloexec);
	else
		rn_fdpaths__set_name(f, tgid, fd, NULL, cloexec);
}

/* Whether /proc/TGID/fd/FD is still the object id names (not closed and its number reused). */
static bool proc_is(uint32_t tgid, int64_t fd, const struct rn_fdid *id)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%u/fd/%lld", tgid, (long long)fd);
	return !stat(path, &st) && st.st_ino == id->ino;
}

/*
 * A descriptor the call made, named from what BPF saw (idx of RN_ARG_FDID): a socket or pipe
 * by its inode; another file from /proc if it is still that inode, else the name its call
 * gives it; without the capture (an older trace source), from /proc as it is now.
 */
static void new_fd(struct rn_fdpaths *f, const struct rn_event *ev, int64_t fd, unsigned idx)
{
	const struct rn_item *it = rn_event__item(ev, RN_ARG_FDID, idx);
	uint32_t tgid = ev->rec->h.tgid;
	const char *call = rn_syscall__name(ev->rec->nr);
	struct rn_fdid id;
	char name[PATH_MAX + 32], arg[256];

	if (!it || it->kind != RN_CAP_FDID || it->len < sizeof(id)) {
		from_proc(f, tgid, fd, false);
		return;
	}
	memcpy(&id, rn_item__data(it), sizeof(id));
	name[0] = '\0';
	if ((id.mode & S_IFMT) == S_IFSOCK || (id.mode & S_IFMT) == S_IFIFO)
		snprintf(name, sizeof(name), "%s:[%llu]",
			 (id.mode & S_IFMT) == S_IFSOCK ? "socket" : "pipe",
			 (unsigned long long)id.ino);
	else if (proc_is(tgid, fd, &id) && rn_fdpaths__proc_link(tgid, fd, name, sizeof(name)))
		;
	else if (call && !strcmp(call, "memfd_create") && arg_str(ev, 0, arg, sizeof(arg)))
		snprintf(name, sizeof(name), "/memfd:%s (deleted)", arg);
	for (size_t i = 0; !name[0] && call && i < sizeof(anon_names) / sizeof(anon_names[0]); i++)
		if (!strcmp(call, anon_names[i][0]))
			snprintf(name, sizeof(name), "%s", anon_names[i][1]);
	/* the process it refers to, kept after the name (dup and fork copy it; put strips it) */
	if (call && !strcmp(call, "pidfd_open") && !strcmp(name, PIDFD_NAME))
		snprintf(name, sizeof(name), PIDFD_NAME ":%d", (int)ev->rec->args[0]);
	if (!name[0] && kind_of(ev->rec->nr) == FC_BPF && BPF_CMD(ev->rec->args[0], anon))
		snprintf(name, sizeof(name), "%s", BPF_CMD(ev->rec->args[0], anon));
	rn_fdpaths__set_name(f, tgid, fd, name[0] ? name : NULL, false);
	rn_fdpaths__set_id(f, tgid, fd, &id);
}

static void on_exec(struct rn_fdpaths *f, uint32_t tgid)
{
	struct proc_fds *p = rn_fdpaths__proc(f, tgid, false);

	for (int fd = 0; p && fd < p->cap; fd++)
		if (p->cloexec[fd]) {
			free(p->name[fd]);
			p->name[fd] = NULL;
			p->cloexec[fd] = 0;
			memset(&p->id[fd], 0, sizeof(p->id[fd]));
		}
}

void rn_fdpaths__update(struct rn_fdpaths *f, const struct rn_event *ev)
{
	const struct rn_sys_rec *r = ev->rec;
	const __u64 *a = r->args;
	uint32_t tgid = r->h.tgid;
	int64_t ret = r->ret;
	char pbuf[PATH_MAX];
	const char *path;

	if (f && kind_of(r->nr) == FC_SOCKSTATE) {
		/* a connect in progress (EINPROGRESS) has its endpoints already */
		const struct rn_item *it = rn_event__item(ev, RN_ARG_FDID, 0);
		struct rn_fdid id;
		char want[48];
		const char *name;

		if (!it || it->kind != RN_CAP_FDID || it->len < sizeof(id))
			return;
		memcpy(&id, rn_item__data(it), sizeof(id));
		snprintf(want, sizeof(want), "socket:[%llu]", (unsigned long long)id.ino);
		name = rn_fdpaths__name(f, tgid, (int32_t)a[0]);
		if (name && !strcmp(name, want))
			rn_fdpaths__set_id(f, tgid, (int32_t)a[0], &id);
		return;
	}
	if (!f || rn_event__failed(ev) || rn_event__noreturn(ev))
		return;
	switch (kind_of(r->nr)) {
	case FC_OPEN:
	case FC_CREAT:
		path = arg_str(ev, 0, pbuf, sizeof(pbuf));
		if (path)
			rn_fdpaths__set_name(f, tgid, ret, resolve(f, tgid, AT_FDCWD_, path),
					     kind_of(r->nr) == FC_OPEN && (a[1] & O_CLOEXEC_));
		else
			from_proc(f, tgid, ret, false);
		break;
	case FC_OPENAT:
	case FC_OPENAT2:
		path = arg_str(ev, 1, pbuf, sizeof(pbuf));
		if (path)
			rn_fdpaths__set_name(f, tgid, ret, resolve(f, tgid, (int32_t)a[0], path),
					     kind_of(r->nr) == FC_OPENAT && (a[2] & O_CLOEXEC_));
		else
			from_proc(f, tgid, ret, false);
		break;
	case FC_DUP:
		copy_fd(f, tgid, (int32_t)a[0], ret, false);
		break;
	case FC_DUP2:
	case FC_DUP3:
		if ((int32_t)a[0] != (int32_t)a[1])
			copy_fd(f, tgid, (int32_t)a[0], (int32_t)a[1],
				kind_of(r->nr) == FC_DUP3 && (a[2] & O_CLOEXEC_));
		break;
	case FC_FCNTL:
		if (a[1] == 0 /* F_DUPFD */ || a[1] == 1030 /* F_DUPFD_CLOEXEC */)
			copy_fd(f, tgid, (int32_t)a[0], ret, a[1] == 1030);
		else if (a[1] == 2 /* F_SETFD */) {
			struct proc_fds *p = rn_fdpaths__proc(f, tgid, false);

			if (p && (int32_t)a[0] >= 0 && (int32_t)a[0] < p->cap)
				p->cloexec[(int32_t)a[0]] = a[2] & 1;
		}
		break;
	case FC_CLOSE:
		drop(f, tgid, (int32_t)a[0], (int32_t)a[0]);
		break;
	case FC_CLOSE_RANGE:
		if (!(a[2] & 4 /* CLOSE_RANGE_CLOEXEC */))
			drop(f, tgid, (int64_t)(uint32_t)a[0],
			     (uint32_t)a[1] >= MAX_FD ? MAX_FD : (int64_t)(uint32_t)a[1]);
		break;
	case FC_NEWFD:
		new_fd(f, ev, ret, 0);
		break;
	case FC_BPF:
		if (BPF_CMD(a[0], new_fd))
			new_fd(f, ev, ret, 0);
		break;
	case FC_NEWFD2: {
		const struct rn_item *it =
		    rn_event__item(ev, r->nr == rn_syscall__by_name("socketpair") ? 3 : 0, 0);
		int32_t fds[2];

		if (it && !(it->flags & RN_IF_FAULT) && it->len >= 8) {
			memcpy(fds, rn_item__data(it), sizeof(fds));
			new_fd(f, ev, fds[0], 0);
			new_fd(f, ev, fds[1], 1);
		}
		break;
	}
	case FC_EXEC:
		on_exec(f, tgid);
		break;
	case FC_CHDIR:
	case FC_FCHDIR: {
		const char *to = kind_of(r->nr) == FC_CHDIR
				     ? ((path = arg_str(ev, 0, pbuf, sizeof(pbuf)))
					    ? resolve(f, tgid, AT_FDCWD_, path)
					    : NULL)
				     : rn_fdpaths__name(f, tgid, (int32_t)a[0]);
		struct proc_fds *p = rn_fdpaths__proc(f, tgid, true);
		char *keep = to ? strdup(to) : NULL;

		if (p) {
			free(p->cwd);
			p->cwd = keep;
		} else {
			free(keep);
		}
		break;
	}
	case FC_UNLINK:
		on_unlink(f, ev, AT_FDCWD_, 0);
		break;
	case FC_UNLINKAT:
		on_unlink(f, ev, (int32_t)a[0], 1);
		break;
	case FC_RENAME:
		on_rename(f, ev, AT_FDCWD_, 0, AT_FDCWD_, 1);
		break;
	case FC_RENAMEAT:
		on_rename(f, ev, (int32_t)a[0], 1, (int32_t)a[2], 3);
		break;
	case FC_SOCKSTATE:
	case FC_NONE:
		break;
	}
}

static bool one_of(const char *s, const char *const *paths, int npaths)
{
	for (int i = 0; s && i < npaths; i++)
		if (!strcmp(s, paths[i]))
			return true;
	return false;
}

bool rn_fdpaths__touches(struct rn_fdpaths *f, const struct rn_event *ev, const char *const *paths,
			 int npaths)
{
	const struct rn_sysrow *row = rn_systable__row(ev->rec->nr);
	uint32_t tgid = ev->rec->h.tgid;
	const __u64 *a = ev->rec->args;
	char pbuf[PATH_MAX];

	for (unsigned i = 0; row && i < row->nargs; i++) {
		const char *path;
		int64_t dirfd;

		switch (row->arg[i]) {
		case RN_A_PATH:
		case RN_A_EXEC_PATH:
			path = arg_str(ev, i, pbuf, sizeof(pbuf));
			dirfd = i && row->arg[i - 1] == RN_A_DIRFD ? (int32_t)a[i - 1] : AT_FDCWD_;
			if (path && one_of(resolve(f, tgid, dirfd, path), paths, npaths))
				return true;
			break;
		case RN_A_FD:
		case RN_A_FD_RD:
		case RN_A_FD_WR:
		case RN_A_DIRFD:
			if ((int32_t)a[i] >= 0 &&
			    one_of(rn_fdpaths__name(f, tgid, (int32_t)a[i]), paths, npaths))
				return true;
			break;
		}
	}
	return false;
}
