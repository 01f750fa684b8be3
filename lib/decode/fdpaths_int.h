/* SPDX-License-Identifier: MIT */
/*
 * What fdpaths.c (the table, its /proc fallbacks, the printer) and fdpaths_calls.c (the calls
 * that change it) share: the table's layout and its five accessors.
 */
#ifndef RN_FDPATHS_INT_H
#define RN_FDPATHS_INT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "renacer_abi.h"

#define AT_FDCWD_  (-100)
#define O_CLOEXEC_ 02000000
#define MAX_FD	   (1 << 20)
#define PIDFD_NAME "anon_inode:[pidfd]"

struct proc_fds {
	uint32_t tgid;
	char *cwd;	    /* followed from chdir/fchdir; NULL: read from /proc */
	char **name;	    /* by fd; NULL: unknown (read from /proc when asked) */
	uint8_t *cloexec;   /* by fd */
	struct rn_fdid *id; /* by fd: what BPF saw at the last call that made or changed it */
	int cap;
};

struct rn_fdpaths {
	unsigned show; /* enum rn_fds_show */
	struct proc_fds *v;
	size_t n, cap;
	char scratch[PATH_MAX + 128];
};

struct proc_fds *rn_fdpaths__proc(struct rn_fdpaths *f, uint32_t tgid, bool create);
void rn_fdpaths__set_name(struct rn_fdpaths *f, uint32_t tgid, int64_t fd, const char *name,
			  bool cloexec);
void rn_fdpaths__set_id(struct rn_fdpaths *f, uint32_t tgid, int64_t fd, const struct rn_fdid *id);
const struct rn_fdid *rn_fdpaths__id(struct rn_fdpaths *f, uint32_t tgid, int64_t fd);
bool rn_fdpaths__proc_link(uint32_t tgid, int64_t fd, char *buf, size_t len);

#endif
