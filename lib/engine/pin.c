// SPDX-License-Identifier: MIT
/*
 * Pinned programs (pin.h). A slot is made whole before anyone can see it: the objects
 * are pinned in ROOT/NAME-ID/KNOBS/tmp-PID, whose flock this run takes first, and the
 * directory is renamed to its slot number without replacing one (a flock belongs to the
 * inode, so the lock survives the rename). A claimer locks a slot directory before it
 * opens what is inside, and a sweep removes a slot only while it holds that lock.
 */
#include "pin.h"

#include <bpf/bpf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#ifndef BPF_FS_MAGIC
#define BPF_FS_MAGIC 0xcafe4a11
#endif
#ifndef SYSFS_MAGIC
#define SYSFS_MAGIC 0x62656572
#endif

/* Where systemd mounts bpffs; a host without systemd as init has the bare sysfs directory. */
#define RN_BPFFS "/sys/fs/bpf"

struct rn_pin {
	char dir[256]; /* ROOT/NAME-ID/KNOBS */
	char root[192];
	char prefix[64]; /* NAME- */
	char mine[96];	 /* NAME-ID */
	int lock;	 /* the owned slot's directory, flocked; -1: none */
	int slot;
};

/* bpffs refuses names with a dot: ours are letters, digits and dashes */
static int make_dir(const char *path)
{
	return mkdir(path, 0700) && errno != EEXIST ? -errno : 0;
}

/*
 * Mounts bpffs on /sys/fs/bpf when the root is under it and nothing is mounted there (the
 * bare sysfs directory), as systemd does at boot and bpftool does to pin: without it every
 * run loads and verifies its programs (~60 ms). A flock on the directory serializes runs
 * that start at once, so that none mounts over another's pins (they would be hidden, and
 * never freed while the mount lives). 0 when there is nothing to do or it is mounted.
 */
static int mount_bpffs(const char *root, char *why, size_t whylen)
{
	size_t n = strlen(RN_BPFFS);
	struct statfs fs;
	int fd, err = 0;

	if (strncmp(root, RN_BPFFS "/", n + 1) || statfs(RN_BPFFS, &fs) || fs.f_type != SYSFS_MAGIC)
		return 0;
	fd = open(RN_BPFFS, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX)) {
		err = -errno;
		goto out;
	}
	if (statfs(RN_BPFFS, &fs) || fs.f_type != SYSFS_MAGIC)
		goto out; /* another run mounted it while we waited for the lock */
	if (mount("bpf", RN_BPFFS, "bpf", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0700")) {
		err = -errno;
		goto out;
	}
	rn_debug("mounted a BPF file system on %s (nothing was mounted there)", RN_BPFFS);
out:
	if (err)
		snprintf(why, whylen,
			 "nothing is mounted on %s and mounting bpffs there failed: %s (mount -t "
			 "bpf bpf %s)",
			 RN_BPFFS, strerror(-err), RN_BPFFS);
	if (fd >= 0)
		close(fd);
	return err;
}

/* The root must be bpffs, root's, and no one else's to write or read; it is made (0700)
 * only in a bpffs directory. */
static int check_root(const char *root, char *why, size_t whylen)
{
	char parent[256];
	struct statfs fs;
	struct stat st;
	char *slash;

	if (geteuid() != 0) {
		snprintf(why, whylen, "not root (the pins under %s are root's alone)", root);
		return -EPERM;
	}
	if (mount_bpffs(root, why, whylen))
		return -ENOTSUP;
	snprintf(parent, sizeof(parent), "%s", root);
	slash = strrchr(parent, '/');
	if (slash && slash != parent)
		*slash = '\0';
	if (statfs(root, &fs) && (errno != ENOENT || statfs(parent, &fs))) {
		snprintf(why, whylen, "cannot find %s: %s", root, strerror(errno));
		return -errno;
	}
	if (fs.f_type != BPF_FS_MAGIC) {
		snprintf(why, whylen,
			 "%s is not on a BPF file system (mount -t bpf bpf /sys/fs/bpf)", root);
		return -ENOTSUP;
	}
	if (make_dir(root) || stat(root, &st) || st.st_uid != 0 || (st.st_mode & 077)) {
		snprintf(why, whylen, "%s is not root's alone (mode 0700, owner root)", root);
		return -EPERM;
	}
	return 0;
}

/* Opens and flocks a directory without waiting; -EWOULDBLOCK when another run holds it. */
static int lock_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* Removes the pins of a directory and the directory (its lock, if any, held by the caller). */
static void remove_dir(const char *path)
{
	char p[512];
	struct dirent *d;
	DIR *dir = opendir(path);

	if (!dir)
		return;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, d->d_name);
		unlink(p);
	}
	closedir(dir);
	rmdir(path);
}

/* Removes the slots of a knobs directory that no run holds (with only_tmp, the tmp dirs
 * of runs that died while they pinned), then the directory when it is empty. */
static void sweep_knobs(const char *path, bool only_tmp)
{
	char p[512];
	struct dirent *d;
	DIR *dir = opendir(path);

	if (!dir)
		return;
	while ((d = readdir(dir))) {
		int fd;

		if (d->d_name[0] == '.' || (only_tmp && strncmp(d->d_name, "tmp-", 4)))
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, d->d_name);
		fd = lock_dir(p);
		if (fd < 0)
			continue;
		remove_dir(p);
		close(fd);
	}
	closedir(dir);
	if (!only_tmp)
		rmdir(path);
}

/*
 * Pinned copies go when no run holds them and none has claimed them for RN_PIN_IDLE_S:
 * each is a few MiB of maps; an old build's are never claimed again, and each set of
 * constants (-s, ring size, ...) has copies of its own, so without this a user trying
 * many -s values would leave a copy of each in the kernel. Builds and options that run by
 * turns (two checkouts) keep theirs. A knobs directory's mtime is its last claim.
 */
static void sweep_idle(const struct rn_pin *p)
{
	char b[512], k[768];
	struct dirent *d, *e;
	DIR *dir = opendir(p->root), *kd;
	time_t now = time(NULL);
	struct stat st;

	if (!dir)
		return;
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, p->prefix, strlen(p->prefix)))
			continue;
		snprintf(b, sizeof(b), "%s/%s", p->root, d->d_name);
		kd = opendir(b);
		if (!kd)
			continue;
		while ((e = readdir(kd))) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(k, sizeof(k), "%s/%s", b, e->d_name);
			if (!strcmp(k, p->dir) || stat(k, &st) || now - st.st_mtime < RN_PIN_IDLE_S)
				continue;
			sweep_knobs(k, false);
		}
		closedir(kd);
		if (strcmp(d->d_name, p->mine))
			rmdir(b); /* when its last copy is gone */
	}
	closedir(dir);
}

/* Maps a data map (.rodata, .data, .bss) over the placeholder the skeleton's open made. */
static int map_data(struct bpf_map_desc *m)
{
	struct bpf_map_info info = {0};
	__u32 len = sizeof(info);
	size_t sz;
	void *at = (void *)(uintptr_t)m->initial_value, *p;
	int prot = PROT_READ | PROT_WRITE;

	if (bpf_obj_get_info_by_fd(m->map_fd, &info, &len))
		return -errno;
	if (info.map_flags & BPF_F_RDONLY_PROG) /* .rodata: frozen, mapped read-only */
		prot = PROT_READ;
	sz = ((size_t)info.value_size + 4095) & ~(size_t)4095;
	p = mmap(at, sz, prot, MAP_SHARED | MAP_FIXED, m->map_fd, 0);
	return p == MAP_FAILED ? -errno : 0;
}

static void close_objs(const struct rn_pin_objs *o)
{
	for (int i = 0; i < o->nrings; i++) {
		if (o->rings[i] > 0)
			close(o->rings[i]);
		o->rings[i] = -1;
	}
	for (int i = 0; i < o->nmaps; i++) {
		if (o->maps[i].map_fd > 0)
			close(o->maps[i].map_fd);
		o->maps[i].map_fd = 0;
	}
	for (int i = 0; i < o->nprogs; i++) {
		if (o->progs[i].prog_fd > 0)
			close(o->progs[i].prog_fd);
		o->progs[i].prog_fd = 0;
	}
}

/* Opens a slot's objects into o; on failure nothing stays open. */
static int open_slot(const char *slot, const struct rn_pin_objs *o)
{
	char p[512];
	int i, fd, err = 0;

	for (i = 0; i < o->nmaps && !err; i++) {
		snprintf(p, sizeof(p), "%s/m%d", slot, i);
		fd = bpf_obj_get(p);
		if (fd < 0)
			err = -errno;
		else
			o->maps[i].map_fd = fd;
	}
	for (i = 0; i < o->nprogs && !err; i++) {
		snprintf(p, sizeof(p), "%s/p%d", slot, i);
		fd = bpf_obj_get(p);
		if (fd < 0)
			err = -errno;
		else
			o->progs[i].prog_fd = fd;
	}
	for (i = 0; i < o->nrings && !err; i++) {
		struct bpf_map_info info = {0};
		__u32 len = sizeof(info);

		snprintf(p, sizeof(p), "%s/r%d", slot, i);
		fd = bpf_obj_get(p);
		if (fd < 0) {
			err = -errno;
			break;
		}
		o->rings[i] = fd;
		if (bpf_obj_get_info_by_fd(fd, &info, &len))
			err = -errno;
		else if (info.type != BPF_MAP_TYPE_RINGBUF || info.max_entries != o->ring_bytes)
			err = -ESTALE;
	}
	for (i = 0; i < o->nmaps && !err; i++) {
		if (o->maps[i].initial_value)
			err = map_data(&o->maps[i]);
	}
	if (err)
		close_objs(o);
	return err;
}

int rn_pin__claim(struct rn_pin **out, const char *root, const char *name, const char *id,
		  uint64_t knobs, const struct rn_pin_objs *objs, char *why, size_t whylen)
{
	struct rn_pin *p;
	char slot[320];
	int err, i;

	*out = NULL;
	err = check_root(root, why, whylen);
	if (err)
		return err;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->lock = -1;
	p->slot = -1;
	snprintf(p->root, sizeof(p->root), "%s", root);
	snprintf(p->prefix, sizeof(p->prefix), "%s-", name);
	snprintf(p->mine, sizeof(p->mine), "%s-%s", name, id);
	snprintf(p->dir, sizeof(p->dir), "%s/%s", root, p->mine);
	err = make_dir(p->dir);
	snprintf(p->dir, sizeof(p->dir), "%s/%s/%016llx", root, p->mine, (unsigned long long)knobs);
	if (!err)
		err = make_dir(p->dir);
	if (err) {
		snprintf(why, whylen, "cannot make %s: %s", p->dir, strerror(-err));
		free(p);
		return err;
	}
	*out = p;
	utimensat(AT_FDCWD, p->dir, NULL, 0); /* its last claim: what sweep_idle looks at */
	for (i = 0; i < RN_PIN_SLOTS; i++) {
		snprintf(slot, sizeof(slot), "%s/%d", p->dir, i);
		p->lock = lock_dir(slot);
		if (p->lock < 0)
			continue;
		/* a sweep may have emptied it between our open and our lock */
		err = open_slot(slot, objs);
		if (!err) {
			p->slot = i;
			return 1;
		}
		rn_debug("pinned BPF slot %s unusable: %s", slot, strerror(-err));
		close(p->lock);
	}
	p->lock = -1;
	return 0;
}

int rn_pin__publish(struct rn_pin *p, const struct rn_pin_objs *objs)
{
	char tmp[320], path[384], slot[320];
	int i, err = 0;

	if (!p || p->lock >= 0)
		return -EINVAL;
	snprintf(tmp, sizeof(tmp), "%s/tmp-%d", p->dir, (int)getpid());
	remove_dir(tmp); /* a dead run's with this pid */
	if (mkdir(tmp, 0700))
		return -errno;
	p->lock = lock_dir(tmp);
	if (p->lock < 0) {
		err = p->lock;
		goto fail;
	}
	for (i = 0; i < objs->nmaps && !err; i++) {
		snprintf(path, sizeof(path), "%s/m%d", tmp, i);
		err = bpf_obj_pin(objs->maps[i].map_fd, path) ? -errno : 0;
	}
	for (i = 0; i < objs->nprogs && !err; i++) {
		snprintf(path, sizeof(path), "%s/p%d", tmp, i);
		err = bpf_obj_pin(objs->progs[i].prog_fd, path) ? -errno : 0;
	}
	for (i = 0; i < objs->nrings && !err; i++) {
		snprintf(path, sizeof(path), "%s/r%d", tmp, i);
		err = bpf_obj_pin(objs->rings[i], path) ? -errno : 0;
	}
	for (i = 0; i < RN_PIN_SLOTS && !err; i++) {
		snprintf(slot, sizeof(slot), "%s/%d", p->dir, i);
		if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, slot, RENAME_NOREPLACE)) {
			p->slot = i;
			sweep_knobs(p->dir, true);
			sweep_idle(p);
			return 0;
		}
		if (errno != EEXIST && errno != ENOTEMPTY)
			err = -errno;
	}
	if (!err)
		err = -EBUSY; /* every slot is another run's */
fail:
	remove_dir(tmp);
	if (p->lock >= 0)
		close(p->lock);
	p->lock = -1;
	return err;
}

int rn_pin__slot(const struct rn_pin *p)
{
	return p ? p->slot : -1;
}

void rn_pin__free(struct rn_pin *p)
{
	if (!p)
		return;
	if (p->lock >= 0)
		close(p->lock);
	free(p);
}
