// SPDX-License-Identifier: MIT
/*
 * The descriptor table of -y/-yy. A table per process (threads share it, as they share
 * their descriptors), indexed by fd. A path comes from the call that opened it, resolved
 * as the kernel did (against the cwd or the dirfd, symlinks followed), so a descriptor
 * closed before this reads it still has its name. What has no path in the call (sockets,
 * pipes, eventfds) is named from what BPF saw at the call (struct rn_fdid: the inode, a
 * socket's endpoints after socket/bind/connect/listen/accept), /proc/PID/fd/N only when that
 * is not enough (anonymous inodes, checked by inode) or was not captured (inherited fds).
 * Here: the table, its /proc fallbacks and the printer; the calls that change it are
 * fdpaths_calls.c.
 */
#include "fdpaths.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "fdpaths_int.h"
#include "fdsock.h"

struct rn_fdpaths *rn_fdpaths__new(unsigned show)
{
	struct rn_fdpaths *f = calloc(1, sizeof(*f));

	if (f)
		f->show = show;
	return f;
}

static void proc_free(struct proc_fds *p)
{
	free(p->cwd);
	for (int i = 0; i < p->cap; i++)
		free(p->name[i]);
	free(p->name);
	free(p->cloexec);
	free(p->id);
}

void rn_fdpaths__free(struct rn_fdpaths *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		proc_free(&f->v[i]);
	free(f->v);
	free(f);
}

struct proc_fds *rn_fdpaths__proc(struct rn_fdpaths *f, uint32_t tgid, bool create)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].tgid == tgid)
			return &f->v[i];
	if (!create)
		return NULL;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		struct proc_fds *v = realloc(f->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n] = (struct proc_fds){.tgid = tgid};
	return &f->v[f->n++];
}

/* Makes room for fd in p; false when fd is out of range or memory is short. */
static bool proc_reserve(struct proc_fds *p, int64_t fd)
{
	int cap = p->cap ? p->cap : 64;
	struct rn_fdid *id;
	char **name;
	uint8_t *cx;

	if (fd < 0 || fd >= MAX_FD)
		return false;
	if (fd < p->cap)
		return true;
	while (cap <= fd)
		cap *= 2;
	name = realloc(p->name, (size_t)cap * sizeof(*name));
	if (!name)
		return false;
	p->name = name;
	cx = realloc(p->cloexec, (size_t)cap);
	if (!cx)
		return false;
	p->cloexec = cx;
	id = realloc(p->id, (size_t)cap * sizeof(*id));
	if (!id)
		return false;
	p->id = id;
	memset(p->name + p->cap, 0, (size_t)(cap - p->cap) * sizeof(*name));
	memset(p->cloexec + p->cap, 0, (size_t)(cap - p->cap));
	memset(p->id + p->cap, 0, (size_t)(cap - p->cap) * sizeof(*id));
	p->cap = cap;
	return true;
}

void rn_fdpaths__set_name(struct rn_fdpaths *f, uint32_t tgid, int64_t fd, const char *name,
			  bool cloexec)
{
	struct proc_fds *p = rn_fdpaths__proc(f, tgid, true);

	if (!p || !proc_reserve(p, fd))
		return;
	free(p->name[fd]);
	p->name[fd] = name ? strdup(name) : NULL;
	p->cloexec[fd] = cloexec;
	memset(&p->id[fd], 0, sizeof(p->id[fd]));
}

/* What BPF saw fd name at the call; a later rn_fdpaths__set_name forgets it. */
void rn_fdpaths__set_id(struct rn_fdpaths *f, uint32_t tgid, int64_t fd, const struct rn_fdid *id)
{
	struct proc_fds *p = rn_fdpaths__proc(f, tgid, false);

	if (p && fd >= 0 && fd < p->cap)
		p->id[fd] = *id;
}

const struct rn_fdid *rn_fdpaths__id(struct rn_fdpaths *f, uint32_t tgid, int64_t fd)
{
	struct proc_fds *p = rn_fdpaths__proc(f, tgid, false);

	return p && fd >= 0 && fd < p->cap && p->id[fd].mode ? &p->id[fd] : NULL;
}

/* readlink of /proc/TGID/fd/FD (or .../cwd when fd < 0) into buf; false if it is gone. */
bool rn_fdpaths__proc_link(uint32_t tgid, int64_t fd, char *buf, size_t len)
{
	char path[64];
	ssize_t n;

	if (fd < 0)
		snprintf(path, sizeof(path), "/proc/%u/cwd", tgid);
	else
		snprintf(path, sizeof(path), "/proc/%u/fd/%lld", tgid, (long long)fd);
	n = readlink(path, buf, len - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return true;
}

const char *rn_fdpaths__name(struct rn_fdpaths *f, uint32_t tgid, int64_t fd)
{
	struct proc_fds *p = rn_fdpaths__proc(f, tgid, false);

	if (fd == AT_FDCWD_) {
		if (p && p->cwd)
			return p->cwd;
		if (!rn_fdpaths__proc_link(tgid, -1, f->scratch, sizeof(f->scratch)))
			return NULL;
		if ((p = rn_fdpaths__proc(f, tgid, true)))
			p->cwd = strdup(f->scratch);
		return f->scratch;
	}
	if (fd < 0)
		return NULL;
	if (p && fd < p->cap && p->name[fd])
		return p->name[fd];
	/* opened before the trace saw it: ask the kernel once */
	if (!rn_fdpaths__proc_link(tgid, fd, f->scratch, sizeof(f->scratch)))
		return NULL;
	rn_fdpaths__set_name(f, tgid, fd, f->scratch, false);
	return f->scratch;
}

void rn_fdpaths__fork(struct rn_fdpaths *f, uint32_t tgid, uint32_t child)
{
	struct proc_fds *p, *c;

	if (!f || tgid == child)
		return;
	rn_fdpaths__exit(f, child); /* a pid used again */
	p = rn_fdpaths__proc(f, tgid, false);
	if (!p)
		return;
	c = rn_fdpaths__proc(f, child, true);
	p = rn_fdpaths__proc(f, tgid, false); /* the array may have moved */
	if (!c || !p)
		return;
	c->cwd = p->cwd ? strdup(p->cwd) : NULL;
	if (!p->cap || !proc_reserve(c, p->cap - 1))
		return;
	for (int fd = 0; fd < p->cap; fd++) {
		c->name[fd] = p->name[fd] ? strdup(p->name[fd]) : NULL;
		c->cloexec[fd] = p->cloexec[fd];
		c->id[fd] = p->id[fd];
	}
}

/* Whether /proc/TGID/fdinfo/FD says O_CLOEXEC (its flags are octal). */
static bool proc_cloexec(uint32_t tgid, const char *fd)
{
	char path[64], line[128];
	unsigned long flags = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%u/fdinfo/%.20s", tgid, fd);
	fp = fopen(path, "re");
	if (!fp)
		return false;
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "flags: %lo", &flags) == 1)
			break;
	fclose(fp);
	return flags & O_CLOEXEC_;
}

void rn_fdpaths__snapshot(struct rn_fdpaths *f, uint32_t tgid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;

	if (!f)
		return;
	snprintf(path, sizeof(path), "/proc/%u/fd", tgid);
	dir = opendir(path);
	while (dir && (d = readdir(dir))) {
		char *end;
		long fd = strtol(d->d_name, &end, 10);

		if (*end || end == d->d_name ||
		    !rn_fdpaths__proc_link(tgid, fd, f->scratch, sizeof(f->scratch)))
			continue;
		rn_fdpaths__set_name(f, tgid, fd, f->scratch, proc_cloexec(tgid, d->d_name));
	}
	if (dir)
		closedir(dir);
	rn_fdpaths__name(f, tgid, AT_FDCWD_); /* the cwd, kept from now on */
}

void rn_fdpaths__exit(struct rn_fdpaths *f, uint32_t tgid)
{
	for (size_t i = 0; f && i < f->n; i++) {
		if (f->v[i].tgid != tgid)
			continue;
		proc_free(&f->v[i]);
		f->v[i] = f->v[--f->n];
		return;
	}
}

/* The process a pidfd refers to: kept at pidfd_open, else its fdinfo's Pid: line; 0 if unknown. */
static long pidfd_pid(const char *name, uint32_t tgid, int64_t fd)
{
	char path[64], line[128];
	long pid = 0;
	FILE *in;

	if (name[sizeof(PIDFD_NAME) - 1] == ':')
		return strtol(name + sizeof(PIDFD_NAME), NULL, 10);
	snprintf(path, sizeof(path), "/proc/%u/fdinfo/%lld", tgid, (long long)fd);
	in = fopen(path, "re");
	while (in && fgets(line, sizeof(line), in))
		if (sscanf(line, "Pid: %ld", &pid) == 1)
			break;
	if (in)
		fclose(in);
	return pid;
}

/*
 * As strace 6.1's printfd: the first of socket, device, pidfd that applies and is asked for,
 * else the path when asked for, else nothing.
 */
void rn_fdpaths__put(struct rn_fdpaths *f, uint32_t tgid, int64_t fd, struct rn_strbuf *sb)
{
	const char *name = f && f->show ? rn_fdpaths__name(f, tgid, fd) : NULL;
	const struct rn_fdid *id = name ? rn_fdpaths__id(f, tgid, fd) : NULL;
	static const char deleted[] = " (deleted)";
	struct stat st;
	unsigned long ino;
	char detail[256];
	size_t len;
	long pid;

	if (!name)
		return;
	/* the socket as the trace last saw it change; sock_diag for what BPF does not read */
	if ((f->show & RN_FDS_SOCKET) && sscanf(name, "socket:[%lu]", &ino) == 1 &&
	    ((id && rn_fdsock__from_id(id, false, detail, sizeof(detail))) ||
	     rn_fdsock__detail(tgid, ino, detail, sizeof(detail)) ||
	     (id && rn_fdsock__from_id(id, true, detail, sizeof(detail))))) {
		rn_strbuf__printf(sb, "<%s>", detail);
	} else if ((f->show & RN_FDS_DEV) && name[0] == '/' && !stat(name, &st) &&
		   (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
		rn_strbuf__printf(sb, "<%s<%s %u:%u>>", name,
				  S_ISCHR(st.st_mode) ? "char" : "block", major(st.st_rdev),
				  minor(st.st_rdev));
	} else if (!strncmp(name, PIDFD_NAME, sizeof(PIDFD_NAME) - 1) && (f->show & RN_FDS_PIDFD) &&
		   (pid = pidfd_pid(name, tgid, fd)) > 0) {
		rn_strbuf__printf(sb, "<pid:%ld>", pid);
	} else if (!(f->show & RN_FDS_PATH)) {
		return;
	} else if (!strncmp(name, PIDFD_NAME, sizeof(PIDFD_NAME) - 1)) {
		rn_strbuf__puts(sb, "<" PIDFD_NAME ">");
	} else if ((len = strlen(name)) > sizeof(deleted) - 1 &&
		   !strcmp(name + len - (sizeof(deleted) - 1), deleted)) {
		/* strace 6.1: <PATH>(deleted) */
		rn_strbuf__putc(sb, '<');
		rn_strbuf__append(sb, name, len - (sizeof(deleted) - 1));
		rn_strbuf__puts(sb, ">(deleted)");
	} else {
		rn_strbuf__printf(sb, "<%s>", name);
	}
}
