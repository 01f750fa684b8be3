// SPDX-License-Identifier: MIT
/*
 * Who is traced: the targets hash and the traced-tgid bitmap BPF checks before it, the
 * generation that invalidates the verdicts threads cached, and [[watch]]'s cgroups.
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "engine.h"
#include "engine_int.h"
#include "watchglob.h"

/* The bitmap BPF checks before the targets hash (its map is mapped into this process). */
static void mark_traced(struct rn_engine *e, uint32_t tgid, bool on)
{
	uint64_t bit = 1ULL << (tgid % 64);

	if (tgid / 64 >= RN_TRACED_WORDS)
		return;
	if (on)
		__atomic_fetch_or(&e->traced_bits[tgid / 64], bit, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(&e->traced_bits[tgid / 64], ~bit, __ATOMIC_SEQ_CST);
}

/* Invalidates the verdicts threads cached (see targets_gen in bpf/renacer.bpf.c); call after
 * the change to the targets is complete. */
static void bump_gen(struct rn_engine *e)
{
	__atomic_fetch_add(&e->skel->data->targets_gen, 1, __ATOMIC_SEQ_CST);
}

/*
 * The leader of a new target owns its task storage (zeroed: no call pending): the syscall
 * programs pass a thread whose leader owns none without a look (bpf rn_sys_enter). A
 * process that has ended is no error.
 */
static int own_tstate(struct rn_engine *e, pid_t tgid)
{
	int map_fd = e->skel->maps.tstate.map_fd, fd, err = 0;
	struct bpf_map_info info = {0};
	uint32_t len = sizeof(info);
	void *zero;

	if (bpf_obj_get_info_by_fd(map_fd, &info, &len))
		return -errno;
	zero = calloc(1, info.value_size);
	if (!zero)
		return -ENOMEM;
	fd = (int)syscall(SYS_pidfd_open, tgid, 0);
	if (fd < 0)
		err = errno == ESRCH ? 0 : -errno;
	/* EAGAIN: another map's storage was made for the task at the same moment (the kernel
	 * lost the race to install the task's first storage: bpf_local_storage_alloc); again */
	for (int tries = 0; fd >= 0 && tries < 16; tries++) {
		if (!bpf_map_update_elem(map_fd, &fd, zero, BPF_NOEXIST) || errno == EEXIST ||
		    errno == ESRCH) {
			err = 0;
			break;
		}
		err = -errno;
		if (err != -EAGAIN)
			break;
	}
	if (fd >= 0)
		close(fd);
	free(zero);
	return err;
}

int rn_engine__add_target(struct rn_engine *e, pid_t tgid, uint32_t flags, uint32_t session)
{
	return rn_engine__add_target_for(e, tgid, flags, session, 0, 0);
}

int rn_engine__add_target_for(struct rn_engine *e, pid_t tgid, uint32_t flags, uint32_t session,
			      uid_t uid, gid_t gid)
{
	struct rn_target t = {.flags = flags, .session = session, .uid = uid, .gid = gid};
	uint32_t key = (uint32_t)tgid;

	/* a non-root user's trace follows ptrace's rule for that user (bpf leave_why) */
	if (uid)
		t.flags |= RN_TF_UNPRIV;

	/* the bit first: a tgid in the hash must always have it */
	mark_traced(e, key, true);
	if (bpf_map_update_elem(e->skel->maps.targets.map_fd, &key, &t, BPF_ANY))
		return -errno;
	bump_gen(e); /* the tgid may have been traced before, with other flags */
	return own_tstate(e, tgid);
}

/* Counts (and with remove, deletes) the targets of a session. */
static int walk_session(struct rn_engine *e, uint32_t session, bool remove)
{
	int fd = e->skel->maps.targets.map_fd;
	uint32_t key, next, *prev = NULL;
	struct rn_target t;
	int n = 0;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		if (!bpf_map_lookup_elem(fd, &key, &t) && t.session == session) {
			n++;
			if (remove) {
				bpf_map_delete_elem(fd, &key);
				mark_traced(e, key, false);
				/* restart: the deleted key cannot anchor the walk */
				prev = NULL;
				continue;
			}
		}
		prev = &key;
	}
	return n;
}

int rn_engine__remove_session(struct rn_engine *e, uint32_t session)
{
	int n = walk_session(e, session, true);

	bump_gen(e);
	return n;
}

int rn_engine__watch_cgroup(struct rn_engine *e, uint64_t cgroup_id, bool on)
{
	int fd = e->skel->maps.watched_cgroups.map_fd;
	uint32_t one = 1;

	if (on ? bpf_map_update_elem(fd, &cgroup_id, &one, BPF_ANY)
	       : bpf_map_delete_elem(fd, &cgroup_id))
		return -errno;
	return 0;
}

int rn_engine__watch_parent(struct rn_engine *e, uint64_t parent_id, uint32_t slot,
			    const char *pattern)
{
	int fd = e->skel->maps.watch_parents.map_fd;
	struct rn_watch_key k = {.parent = parent_id, .slot = slot};
	struct rn_watch_pattern w;

	if (slot >= RN_WATCH_SLOTS)
		return -EINVAL;
	if (!pattern)
		return bpf_map_delete_elem(fd, &k) ? -errno : 0;
	if (rn_watchglob__compile(pattern, &w))
		return -EINVAL;
	return bpf_map_update_elem(fd, &k, &w, BPF_ANY) ? -errno : 0;
}

int rn_engine__count_targets(struct rn_engine *e, uint32_t session)
{
	return walk_session(e, session, false);
}

bool rn_engine__is_target(struct rn_engine *e, pid_t tgid)
{
	uint32_t key = (uint32_t)tgid;
	struct rn_target t;

	return e && e->skel && !bpf_map_lookup_elem(e->skel->maps.targets.map_fd, &key, &t);
}
