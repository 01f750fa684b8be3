// SPDX-License-Identifier: MIT
/*
 * [[watch]]: process trees that appear in a matching cgroup (a glob of a path under the
 * cgroup v2 mount: /sys/fs/cgroup, or /sys/fs/cgroup/unified on a hybrid host) are traced
 * as sessions of the daemon's own, recorded to the spool (record.c). The mechanism is the kernel's
 * own notification of cgroup v2: `cgroup.events` of a cgroup changes (inotify IN_MODIFY) when it
 * becomes populated, so a job's first process wakes the loop at once; a look every second
 * (watch__scan) finds new cgroups matching a glob and processes moved into a cgroup that was
 * populated already. Each cgroup watched so is also put in the kernel's watched_cgroups map:
 * a process that enters it (forked there, CLONE_INTO_CGROUP, or moved in by a write to
 * cgroup.procs) becomes a target in the kernel before it runs a call there, and its
 * RN_REC_WATCH record makes its session here (session.c), so a job that ends within a
 * millisecond is traced whole, its execve included. For that the programs stay attached
 * while [[watch]] is configured: untraced processes pay the bitmap test at each syscall.
 * A cgroup made after the last look under a parent the glob names (a job's new unit or
 * container) is watched from its mkdir, the glob's last component matched in the kernel.
 * A process already in the cgroup when it is first watched is traced from the moment
 * renacerd reads it in `cgroup.procs`, and its children from their fork on (RN_TF_FOLLOW).
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

#define MAX_WATCHED 256 /* cgroups whose cgroup.events are watched */
#define MAX_PIDS    1024
#define PF_EXITING  0x00000004 /* include/linux/sched.h: the task is getting shut down */

struct watched {
	int wd;
	uint64_t id; /* the cgroup's id (its inode), in the kernel's watched_cgroups */
	char dir[512];
};

struct rnd_watcher {
	int ifd;
	char root[256]; /* where cgroup v2 is mounted: /sys/fs/cgroup, or .../unified (hybrid) */
	struct watched cg[MAX_WATCHED];
	size_t n;
	struct {
		uint64_t id;	/* a cgroup in the kernel's watch_parents */
		uint32_t slot;	/* its slot-th glob there */
		char glob[128]; /* the glob's last component */
	} parents[64];
	size_t nparents;
	bool warned_full;
	bool warned_attach;
};

/* The cgroup2 mount point from /proc/self/mountinfo: 0, or -ENOENT when there is none. */
static int cgroup2_root(char *out, size_t len)
{
	char line[1024], mnt[512], fstype[64];
	FILE *f = fopen("/proc/self/mountinfo", "re");
	int ret = -ENOENT;

	if (!f)
		return -errno;
	while (ret && fgets(line, sizeof(line), f)) {
		const char *dash = strstr(line, " - ");

		/* ID PARENT MAJ:MIN ROOT MOUNTPOINT ... - FSTYPE SOURCE OPTIONS */
		if (dash && sscanf(line, "%*s %*s %*s %*s %511s", mnt) == 1 &&
		    sscanf(dash + 3, "%63s", fstype) == 1 && !strcmp(fstype, "cgroup2") &&
		    strlen(mnt) < len) {
			snprintf(out, len, "%s", mnt);
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

int watch__setup(struct rnd_daemon *d, char *err, size_t errlen)
{
	struct rnd_watcher *w;
	int ret;

	if (!d->cfg.nwatches)
		return 0;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	ret = cgroup2_root(w->root, sizeof(w->root));
	if (ret) {
		snprintf(err, errlen,
			 "[[watch]] in %s needs cgroup v2, and none is mounted (%s; boot with "
			 "systemd.unified_cgroup_hierarchy=1, or remove the [[watch]] tables)",
			 d->config_path, strerror(-ret));
		free(w);
		return ret;
	}
	w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->ifd < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot watch cgroups (inotify): %s", strerror(-ret));
		free(w);
		return ret;
	}
	rn_info("watching cgroups under %s for process trees to trace", w->root);
	d->watch = w;
	return 0;
}

int watch__fd(const struct rnd_daemon *d)
{
	return d->watch ? d->watch->ifd : -1;
}

/* Forgets every watched cgroup, in inotify and in the kernel (the sessions go on). */
static void unwatch_all(struct rnd_daemon *d)
{
	struct rnd_watcher *w = d->watch;
	size_t i;

	for (i = 0; w && i < w->n; i++) {
		inotify_rm_watch(w->ifd, w->cg[i].wd);
		if (w->cg[i].id)
			rn_engine__watch_cgroup(d->eng, w->cg[i].id, false);
	}
	for (i = 0; w && i < w->nparents; i++)
		rn_engine__watch_parent(d->eng, w->parents[i].id, w->parents[i].slot, NULL);
	if (w)
		w->n = w->nparents = 0;
}

int watch__reload(struct rnd_daemon *d, const struct rnd_watch *watches, uint32_t n, char *err,
		  size_t errlen)
{
	int ret = 0;

	/* a spool that cannot be made keeps the old tables */
	if (n && (ret = record__spool_on(d, err, errlen)))
		return ret;
	unwatch_all(d);
	memcpy(d->cfg.watches, watches, n * sizeof(*watches));
	d->cfg.nwatches = n;
	if (!d->watch)
		ret = watch__setup(d, err, errlen);
	if (!ret) {
		watch__scan(d); /* the new globs' cgroups, at once */
		session__detach_if_idle(d);
	}
	return ret;
}

void watch__teardown(struct rnd_daemon *d)
{
	if (!d->watch)
		return;
	unwatch_all(d);
	close(d->watch->ifd);
	free(d->watch);
	d->watch = NULL;
}

/*
 * A zombie is still listed for a moment after its exit: it has nothing left to trace; nor
 * has a process that is exiting (PF_EXITING, set before the exit tracepoint): made a target
 * then, it would stay one, its exit already gone by.
 */
static bool is_live(uint32_t pid, uint32_t *ppid)
{
	char path[64], buf[512], *p;
	unsigned long flags = PF_EXITING;
	FILE *f;
	bool live = false;

	snprintf(path, sizeof(path), "/proc/%u/stat", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	/* after "pid (comm) ": state ppid pgrp session tty_nr tpgid flags */
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) && p[1] == ' ' &&
	    sscanf(p + 2, "%*c %u %*d %*d %*d %*d %lu", ppid, &flags) == 2)
		live = p[2] != 'Z' && p[2] != 'X' && !(flags & PF_EXITING);
	fclose(f);
	return live;
}

/*
 * The processes of dir that no session traces start one session together. A process the kernel
 * already traces is left alone: a traced job's child is a target from its fork, before this
 * loop reads its fork record (taking it here made a session per look of a forking job, and a
 * child gone before its session began left that session open for ever). So is a child of a
 * traced process that is not a target yet: the kernel lists it in cgroup.procs before the
 * fork tracepoint, where it joins its parent's session.
 */
static void look_at(struct rnd_daemon *d, const char *dir)
{
	uint32_t pids[MAX_PIDS], self = (uint32_t)getpid();
	size_t n = 0;
	char path[600];
	uint32_t ppid = 0;
	unsigned pid;
	FILE *f;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	f = fopen(path, "re");
	if (!f)
		return; /* removed since */
	while (n < MAX_PIDS && fscanf(f, "%u", &pid) == 1)
		if (pid != self && !session__of_tgid(d, pid) && is_live(pid, &ppid) &&
		    !rn_engine__is_target(d->eng, (pid_t)pid) &&
		    !rn_engine__is_target(d->eng, (pid_t)ppid))
			pids[n++] = pid;
	fclose(f);
	if (n)
		session__start_watched(d, pids, n, dir + strlen(d->watch->root));
}

/* Watches dir's cgroup.events (once); false when no more can be watched. */
static bool watch_dir(struct rnd_daemon *d, const char *dir)
{
	struct rnd_watcher *w = d->watch;
	char path[600];
	struct stat st;
	size_t i;
	int wd;

	snprintf(path, sizeof(path), "%s/cgroup.events", dir);
	wd = inotify_add_watch(w->ifd, path, IN_MODIFY);
	if (wd < 0)
		return true; /* gone, or not a cgroup */
	for (i = 0; i < w->n; i++)
		if (w->cg[i].wd == wd)
			return true;
	if (w->n == MAX_WATCHED) {
		inotify_rm_watch(w->ifd, wd);
		if (!w->warned_full)
			rn_warn("[[watch]]: more than %d matching cgroups; %s and others are "
				"looked at once a second only",
				MAX_WATCHED, dir);
		w->warned_full = true;
		return false;
	}
	w->cg[w->n].wd = wd;
	w->cg[w->n].id = 0;
	snprintf(w->cg[w->n].dir, sizeof(w->cg[w->n].dir), "%s", dir);
	if (!stat(dir, &st) && !rn_engine__watch_cgroup(d->eng, st.st_ino, true)) {
		w->cg[w->n].id = st.st_ino;
		rn_info("[[watch]]: processes entering %s are traced from their first call",
			dir + strlen(w->root));
	}
	w->n++;
	return true;
}

/*
 * The parents a glob's last component can appear under, told to the kernel with that
 * component: a cgroup made there later whose name matches is watched from its mkdir, not
 * from the next look (any glob: '*', '?', '[...]'; a name of 127 bytes or more is left to
 * the look).
 */
static void watch_parents(struct rnd_daemon *d, const char *pattern)
{
	struct rnd_watcher *w = d->watch;
	char dir[600];
	const char *last = strrchr(pattern, '/');
	struct stat st;
	glob_t g;
	size_t i, j;

	if (!last || (size_t)(last - pattern) >= sizeof(dir))
		return;
	memcpy(dir, pattern, (size_t)(last - pattern));
	dir[last - pattern] = '\0';
	if (glob(dir, GLOB_ONLYDIR | GLOB_NOSORT, NULL, &g))
		return;
	for (i = 0; i < g.gl_pathc; i++) {
		uint32_t slot = 0;

		if (stat(g.gl_pathv[i], &st))
			continue;
		for (j = 0; j < w->nparents; j++) {
			if (w->parents[j].id != st.st_ino)
				continue;
			if (!strcmp(w->parents[j].glob, last + 1))
				break;
			slot++;
		}
		/* known already; or no room: the look finds the rest */
		if (j < w->nparents || j == sizeof(w->parents) / sizeof(w->parents[0]) ||
		    slot == RN_WATCH_SLOTS || strlen(last + 1) >= sizeof(w->parents[j].glob))
			continue;
		if (rn_engine__watch_parent(d->eng, st.st_ino, slot, last + 1))
			break; /* a pattern the kernel cannot match: same for every parent */
		w->parents[j].id = st.st_ino;
		w->parents[j].slot = slot;
		snprintf(w->parents[j].glob, sizeof(w->parents[j].glob), "%s", last + 1);
		w->nparents++;
		rn_info(
		    "[[watch]]: cgroups made under %s named %s are traced from their first call",
		    g.gl_pathv[i][strlen(w->root)] ? g.gl_pathv[i] + strlen(w->root) : "/",
		    last + 1);
	}
	globfree(&g);
}

/* The globs of one [[watch]]: its cgroup path, or its unit in any slice up to three deep. */
static void match(struct rnd_daemon *d, const struct rnd_watch *wt)
{
	static const char *const unit_at[] = {"", "*.slice/", "*.slice/*.slice/",
					      "*.slice/*.slice/*.slice/"};
	size_t k, i, nglobs = wt->cgroup[0] ? 1 : sizeof(unit_at) / sizeof(unit_at[0]);
	char pattern[600];
	glob_t g;

	for (k = 0; k < nglobs; k++) {
		if (wt->cgroup[0])
			snprintf(pattern, sizeof(pattern), "%s/%s", d->watch->root, wt->cgroup);
		else
			snprintf(pattern, sizeof(pattern), "%s/%s%s", d->watch->root, unit_at[k],
				 wt->unit);
		watch_parents(d, pattern);
		if (glob(pattern, GLOB_ONLYDIR | GLOB_NOSORT, NULL, &g))
			continue;
		for (i = 0; i < g.gl_pathc; i++) {
			watch_dir(d, g.gl_pathv[i]);
			look_at(d, g.gl_pathv[i]);
		}
		globfree(&g);
	}
}

void watch__scan(struct rnd_daemon *d)
{
	uint32_t i;
	int ret;

	if (!d->watch || !d->cfg.nwatches || d->stopping)
		return;
	/* attached for good: a job's process is a target before renacerd can react to it */
	ret = rn_engine__attach(d->eng);
	if (ret && !d->watch->warned_attach)
		rn_warn("[[watch]]: cannot attach the BPF programs: %s; no job is traced until "
			"they attach (tried again every second)",
			strerror(-ret));
	d->watch->warned_attach = ret != 0;
	rn_engine__drain(d->eng);
	for (i = 0; i < d->cfg.nwatches; i++)
		match(d, &d->cfg.watches[i]);
}

void watch__on_event(struct rnd_daemon *d)
{
	struct rnd_watcher *w = d->watch;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t len;
	size_t i;

	if (!w)
		return;
	/* the processes the kernel took already get their sessions from their records first */
	rn_engine__drain(d->eng);
	while ((len = read(w->ifd, buf, sizeof(buf))) > 0) {
		const struct inotify_event *ev;

		for (char *p = buf; p < buf + len; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			for (i = 0; i < w->n; i++) {
				if (w->cg[i].wd != ev->wd)
					continue;
				if (ev->mask & IN_IGNORED) { /* the cgroup was removed */
					if (w->cg[i].id)
						rn_engine__watch_cgroup(d->eng, w->cg[i].id, false);
					w->cg[i] = w->cg[--w->n];
				} else
					look_at(d, w->cg[i].dir);
				break;
			}
		}
	}
}
