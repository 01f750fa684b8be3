// SPDX-License-Identifier: MIT
/*
 * One call of a process applied to the normalizer's state, and the children that ran before
 * their parent's fork returned (vfork, a child scheduled first): their events are held until
 * the fork names the parent, then replayed with the inherited table.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effects_int.h"

#define MAX_HELD  65536 /* events held per pending child */
#define AT_FDCWD_ (-100)

static void inherit(struct rn_effects *fx, struct fx_proc *parent, uint32_t child_pid);

/* The path argument path_arg of a call, resolved against the directory fd in argument
 * dirfd_arg (-1: the process's cwd, as the calls without "at" do). */
static const char *arg_path(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e,
			    int dirfd_arg, int path_arg, char *buf, size_t size)
{
	int64_t dirfd = dirfd_arg < 0 ? AT_FDCWD_ : (int32_t)e->raw[dirfd_arg];

	return fx_path_of(fx, p, dirfd, fx_cap_str(fx, e, path_arg), buf, size);
}

/* Can e end a causal edge (effects_order.c)? Forks, waits, kills, and I/O that is not on a
 * file: a pipe or socket (a write to a stream is kept with its chunk). */
static bool sync_call(struct fx_proc *p, const struct fx_ev *e)
{
	struct fx_fd *d;

	switch (e->op) {
	case OP_FORK:
	case OP_WAIT:
	case OP_WAITID:
	case OP_KILL:
	case OP_TKILL:
	case OP_TGKILL:
		return true;
	case OP_WRITE:
	case OP_WRITEV:
	case OP_SENDTO:
	case OP_SENDMSG:
	case OP_READ:
	case OP_READV:
	case OP_RECV:
		d = fx_fd_get(p, e->raw[0]);
		return !d || d->kind == FD_NONE || d->kind == FD_PIPE || d->kind == FD_SOCK;
	default:
		return false;
	}
}

/* openat2(dirfd, path, struct open_how {u64 flags, mode, resolve}, size): an open whose
 * flags the captured struct holds; without it whether it wrote is unknown. */
static void do_openat2(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e)
{
	uint64_t how[2];

	for (uint32_t i = 0; i < e->ncaps; i++)
		if (e->caps[i].arg == 2 && e->caps[i].idx == 0 && e->caps[i].len >= sizeof(how)) {
			memcpy(how, e->caps[i].data, sizeof(how));
			return fx_do_open(fx, p, e, (int32_t)e->raw[0], 1, how[0],
					  (uint32_t)how[1]);
		}
	if (e->result >= 0) {
		fx_set_inconclusive(fx, RN_FX_FILES,
				    "event %llu (pid %u): openat2's struct open_how is not in the "
				    "trace, so whether it opened a file for writing is unknown "
				    "(record with a renacer that decodes openat2)",
				    (unsigned long long)e->id, e->pid);
		fx_fd_set(fx, p, (uint64_t)e->result, FD_READ, UINT32_MAX, NULL);
	}
}

/* mmap of a file, shared and writable: the file changes through memory, with no write in
 * the trace (msync or munmap only says when), so its content is unknown. */
static void do_mmap(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e)
{
	const uint64_t *a = e->raw;
	struct fx_fd *d;
	struct fx_ofd *o;
	struct fx_inode *n;

	if ((e->result < 0 && e->result > -4096) || !(a[2] & 0x2 /* PROT_WRITE */) ||
	    (a[3] & 0x3) == 0x2 /* MAP_PRIVATE */ || !(a[3] & 0x3) || (a[3] & 0x20 /* ANON */) ||
	    (int32_t)a[4] < 0 || !(d = fx_fd_get(p, a[4])) || d->kind != FD_FILE ||
	    !(o = fx_ofd_at(fx, d->ofd)) || !(n = fx_inode__at(fx, o->inode)))
		return;
	fx_inode__mapped(n);
	fx_set_inconclusive(fx, RN_FX_FILES,
			    "event %llu (pid %u) mapped %s shared and writable (mmap MAP_SHARED, "
			    "PROT_WRITE): what it wrote through memory is not in the trace",
			    (unsigned long long)e->id, e->pid, n->f.path ? n->f.path : "a file");
}

/* waitid(idtype, id, siginfo *, options): the child it reaped is the siginfo's si_pid
 * (offset 16); WNOWAIT leaves it waitable. A wait fence, and a wait edge from its end. */
static void do_waitid(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e)
{
	struct fx_proc *c = NULL;
	int32_t pid = 0;

	if (e->result != 0 || (e->raw[3] & 0x01000000 /* WNOWAIT */))
		return;
	for (uint32_t i = 0; i < e->ncaps; i++)
		if (e->caps[i].arg == 2 && e->caps[i].idx == 0 && e->caps[i].len >= 20)
			memcpy(&pid, e->caps[i].data + 16, sizeof(pid));
	if (pid <= 0 || !(c = fx_proc_find(fx, (uint32_t)pid)))
		return;
	if (c->fork_parent == p->pid)
		memcpy(c->reap_pos, p->out_bytes, sizeof(c->reap_pos));
	if (c->exit_id) {
		struct rn_tr_edge edge = {RN_EDGE_WAIT, c->exit_id, e->id};

		fx_order__edge(fx, &edge);
	}
}

/* One call of a process whose table is known. */
void fx_apply(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e)
{
	const uint64_t *a = e->raw;
	struct rn_fx_origin at = fx_origin(e);
	char buf[4096], buf2[4096];
	const char *path, *path2;

	if (sync_call(p, e))
		fx_order__node(fx, e, -1, -1);
	switch (e->op) {
	case OP_OPEN:
		return fx_do_open(fx, p, e, AT_FDCWD_, 0, a[1], (uint32_t)a[2]);
	case OP_OPENAT:
		return fx_do_open(fx, p, e, (int32_t)a[0], 1, a[2], (uint32_t)a[3]);
	case OP_CREAT:
		return fx_do_open(fx, p, e, AT_FDCWD_, 0, O_CREAT | O_WRONLY | O_TRUNC,
				  (uint32_t)a[1]);
	case OP_CLOSE:
		if (e->result == 0 && fx_fd_get(p, a[0]))
			fx_fd_release(fx, fx_fd_get(p, a[0]));
		return;
	case OP_CLOSE_RANGE:
		if (e->result == 0)
			for (uint64_t fd = a[0]; fd <= a[1] && fd < p->nfds; fd++)
				fx_fd_release(fx, &p->fds[fd]);
		return;
	case OP_DUP:
	case OP_DUP2:
	case OP_FCNTL:
		if (e->result < 0 ||
		    (e->op == OP_FCNTL && a[1] != F_DUPFD && a[1] != F_DUPFD_CLOEXEC))
			return;
		if ((uint64_t)e->result != a[0]) {
			struct fx_fd *src = fx_fd_get(p, a[0]),
				     *dst = fx_fd_slot(fx, p, (uint64_t)e->result);

			if (src && dst) {
				src = fx_fd_get(p, a[0]); /* fd_slot may have moved the table */
				fx_fd_copy(fx, dst, src);
			} else if (dst) {
				fx_fd_release(fx, dst);
			}
		}
		return;
	case OP_WRITE:
		return fx_write_to(fx, p, e, a[0], 1, 0, -1);
	case OP_PWRITE:
		return fx_write_to(fx, p, e, a[0], 1, 0, (int64_t)a[3]);
	case OP_WRITEV:
		return fx_write_to(fx, p, e, a[0], 1, 1, -1);
	case OP_PWRITEV:
		return fx_write_to(fx, p, e, a[0], 1, 1, (int64_t)a[3]);
	case OP_PWRITEV2: /* offset -1: the description's; RWF_APPEND (0x10, a[5]): the end */
		return fx_write_to(fx, p, e, a[0], 1, 1,
				   (a[5] & 0x10)       ? FX_AT_APPEND
				   : (int64_t)a[3] < 0 ? -1
						       : (int64_t)a[3]);
	case OP_OPENAT2:
		return do_openat2(fx, p, e);
	case OP_MMAP:
		return do_mmap(fx, p, e);
	case OP_LINK:
	case OP_LINKAT:
		if (e->result != 0)
			return;
		path = arg_path(fx, p, e, e->op == OP_LINK ? -1 : 0, e->op == OP_LINK ? 0 : 1, buf,
				sizeof(buf));
		path2 = arg_path(fx, p, e, e->op == OP_LINK ? -1 : 2, e->op == OP_LINK ? 1 : 3,
				 buf2, sizeof(buf2));
		if (path && path2)
			fx_fs__link(fx, path, path2, &at);
		return;
	case OP_SYMLINK:
	case OP_SYMLINKAT:
		if (e->result != 0 || !(path = fx_cap_str(fx, e, 0)))
			return;
		/* the target as the link holds it: --map applies to an absolute one */
		if (path[0] != '/' || fx_fs__normal(fx, NULL, path, buf2, sizeof(buf2)))
			snprintf(buf2, sizeof(buf2), "%s", path);
		path = arg_path(fx, p, e, e->op == OP_SYMLINK ? -1 : 1, e->op == OP_SYMLINK ? 1 : 2,
				buf, sizeof(buf));
		if (path)
			fx_fs__symlink(fx, buf2, path, &at);
		return;
	case OP_SENDTO:
		if (e->sockaddr && strcmp(e->sockaddr, "NULL") && e->result >= 0)
			fx_endpoint_for(fx, p, e, a[0], "sendto");
		return fx_write_to(fx, p, e, a[0], 1, 0, -1);
	case OP_SENDMSG:
		return fx_write_to(fx, p, e, a[0], 1, 3, -1);
	case OP_READ:
		return fx_read_from(fx, p, e, a[0], 1, 0, true);
	case OP_READV:
		return fx_read_from(fx, p, e, a[0], 1, 1, true);
	case OP_RECV:
		return fx_read_from(fx, p, e, a[0], 1, 0, false);
	case OP_LSEEK: {
		struct fx_fd *d = fx_fd_get(p, a[0]);
		struct fx_ofd *o = d && d->kind == FD_FILE ? fx_ofd_at(fx, d->ofd) : NULL;

		if (e->result < 0 || !o)
			return;
		o->offset = (uint64_t)e->result;
		/* fopen("a") and Python's open("a") seek to the end: the size before the run */
		if (a[2] == SEEK_END && a[1] == 0 && fx_inode__at(fx, o->inode))
			fx_inode__learn_size(fx_inode__at(fx, o->inode), (uint64_t)e->result);
		return;
	}
	case OP_FSTAT: {
		struct fx_fd *d = fx_fd_get(p, a[0]);
		struct fx_ofd *o = d && d->kind == FD_FILE ? fx_ofd_at(fx, d->ofd) : NULL;
		const char *size = e->sockaddr ? strstr(e->sockaddr, "st_size=") : NULL;

		if (e->result == 0 && o && size && fx_inode__at(fx, o->inode))
			fx_inode__learn_size(fx_inode__at(fx, o->inode),
					     strtoull(size + 8, NULL, 10));
		return;
	}
	case OP_FTRUNCATE: {
		struct fx_fd *d = fx_fd_get(p, a[0]);
		struct fx_ofd *o = d && d->kind == FD_FILE ? fx_ofd_at(fx, d->ofd) : NULL;

		if (e->result == 0 && o && fx_inode__at(fx, o->inode))
			fx_inode__truncate(fx_inode__at(fx, o->inode), a[1], &at);
		return;
	}
	case OP_TRUNCATE:
		path = arg_path(fx, p, e, -1, 0, buf, sizeof(buf));
		if (e->result == 0 && path) {
			struct fx_path *pr = fx_path__get(fx, path);

			if (!pr)
				return;
			if (pr->inode < 0) {
				if (pr->prior == PRIOR_UNKNOWN)
					pr->prior = PRIOR_PRESENT;
				pr->inode = fx_inode__new(fx, pr, a[1] == 0);
			}
			if (fx_inode__at(fx, pr->inode))
				fx_inode__truncate(fx_inode__at(fx, pr->inode), a[1], &at);
		}
		return;
	case OP_UNLINK:
	case OP_UNLINKAT:
	case OP_RMDIR: {
		bool at_call = e->op == OP_UNLINKAT;

		if (e->result != 0)
			return;
		path = arg_path(fx, p, e, at_call ? 0 : -1, at_call, buf, sizeof(buf));
		if (!path)
			return;
		if (e->op == OP_RMDIR || (at_call && (a[2] & AT_REMOVEDIR)))
			fx_fs__rmdir(fx, path, &at);
		else
			fx_fs__unlink(fx, path, &at);
		return;
	}
	case OP_RENAME:
	case OP_RENAMEAT:
	case OP_RENAMEAT2:
		if (e->result != 0)
			return;
		if (e->op == OP_RENAME) {
			path = arg_path(fx, p, e, -1, 0, buf, sizeof(buf));
			path2 = arg_path(fx, p, e, -1, 1, buf2, sizeof(buf2));
		} else {
			path = arg_path(fx, p, e, 0, 1, buf, sizeof(buf));
			path2 = arg_path(fx, p, e, 2, 3, buf2, sizeof(buf2));
		}
		if (path && path2)
			fx_fs__rename(fx, path, path2, e->op == OP_RENAMEAT2 && (a[4] & 2), &at);
		return;
	case OP_MKDIR:
	case OP_MKDIRAT:
		if (e->result != 0)
			return;
		path = e->op == OP_MKDIR ? arg_path(fx, p, e, -1, 0, buf, sizeof(buf))
					 : arg_path(fx, p, e, 0, 1, buf, sizeof(buf));
		if (path)
			fx_fs__mkdir(fx, path, &at);
		return;
	case OP_CHMOD:
	case OP_FCHMODAT:
		if (e->result != 0)
			return;
		path = e->op == OP_CHMOD ? arg_path(fx, p, e, -1, 0, buf, sizeof(buf))
					 : arg_path(fx, p, e, 0, 1, buf, sizeof(buf));
		if (path)
			fx_fs__chmod(fx, fx_path__get(fx, path),
				     (uint32_t)(e->op == OP_CHMOD ? a[1] : a[2]), &at);
		return;
	case OP_FCHMOD: {
		struct fx_fd *d = fx_fd_get(p, a[0]);

		if (e->result == 0 && d && d->path)
			fx_fs__chmod(fx, fx_path__get(fx, d->path), (uint32_t)a[1], &at);
		return;
	}
	case OP_UMASK:
		fx->umask = (uint32_t)a[0] & 0777;
		return;
	case OP_GETCWD:
		/* where the run started (Python asks at start-up when its script is named
		 * relatively): only to know the script; paths stay as the runs named them, so a
		 * run that asks and one that does not still name a relative file alike */
		if (e->result > 1 && !p->cwd && p->pid == fx->m.root_pid && !fx->start_cwd &&
		    (path = fx_cap_str(fx, e, 0)) && path[0] == '/' &&
		    !(fx->start_cwd = strdup(path)))
			return fx_nomem(fx);
		return;
	case OP_CHDIR:
	case OP_FCHDIR:
		if (e->result != 0)
			return;
		if (e->op == OP_CHDIR) {
			path = arg_path(fx, p, e, -1, 0, buf, sizeof(buf));
		} else {
			struct fx_fd *d = fx_fd_get(p, a[0]);

			path = d ? d->path : NULL;
		}
		if (path) {
			char *c = strdup(path);

			if (!c)
				return fx_nomem(fx);
			free(p->cwd);
			p->cwd = c;
		}
		return;
	case OP_EXECVE:
		return fx_do_exec(fx, p, e, 1);
	case OP_EXECVEAT:
		return fx_do_exec(fx, p, e, 2);
	case OP_FORK:
		if (e->result > 0) {
			struct fx_proc *c;

			inherit(fx, p, (uint32_t)e->result);
			if ((c = fx_proc_find(fx, (uint32_t)e->result)) && !c->fork_parent) {
				c->fork_parent = p->pid;
				memcpy(c->fork_pos, p->out_bytes, sizeof(c->fork_pos));
				c->reap_pos[0] = c->reap_pos[1] = UINT64_MAX;
			}
		}
		return;
	case OP_WAIT: {
		struct fx_proc *c = e->result > 0 ? fx_proc_find(fx, (uint32_t)e->result) : NULL;

		if (c && c->fork_parent == p->pid)
			memcpy(c->reap_pos, p->out_bytes, sizeof(c->reap_pos));
		return;
	}
	case OP_WAITID:
		return do_waitid(fx, p, e);
	case OP_KILL:
	case OP_TKILL:
		return fx_do_kill(fx, p, e, (int32_t)a[0], a[1]);
	case OP_TGKILL:
		return fx_do_kill(fx, p, e, (int32_t)a[0], a[2]);
	case OP_SOCKET:
		if (e->result >= 0) {
			uint32_t o = fx_ofd_new(fx);

			if (o != UINT32_MAX)
				fx_fd_set(fx, p, (uint64_t)e->result, FD_SOCK, o, NULL);
		}
		return;
	case OP_CONNECT:
	case OP_BIND:
		if (e->result == 0 || (e->op == OP_CONNECT && e->result == -EINPROGRESS))
			fx_endpoint_for(fx, p, e, a[0], e->op == OP_CONNECT ? "connect" : "bind");
		return;
	case OP_ACCEPT:
		if (e->result >= 0) {
			struct fx_fd *l = fx_fd_get(p, a[0]);
			struct fx_ofd *lo = l && l->kind == FD_SOCK ? fx_ofd_at(fx, l->ofd) : NULL;
			uint32_t o = fx_ofd_new(fx);

			if (o == UINT32_MAX)
				return;
			if (lo && lo->endpoint >= 0) {
				struct fx_endpoint *lep =
				    rn_pool__at(&fx->endpoints, (uint32_t)lo->endpoint);
				struct fx_ev ev2 = *e;

				snprintf(buf, sizeof(buf), "on %s", lep->name);
				ev2.sockaddr = buf;
				fx_fd_set(fx, p, (uint64_t)e->result, FD_SOCK, o, NULL);
				fx_endpoint_for(fx, p, &ev2, (uint64_t)e->result, "accept");
			} else {
				fx_fd_set(fx, p, (uint64_t)e->result, FD_SOCK, o, NULL);
			}
		}
		return;
	case OP_PIPE:
	case OP_SOCKETPAIR: {
		uint32_t arg = e->op == OP_PIPE ? 0 : 3;

		if (e->result != 0)
			return;
		for (uint32_t i = 0; i < e->ncaps; i++)
			if (e->caps[i].arg == arg && e->caps[i].len >= 8) {
				int32_t fds[2];

				memcpy(fds, e->caps[i].data, sizeof(fds));
				for (int k = 0; k < 2; k++)
					if (fds[k] >= 0)
						fx_fd_set(fx, p, (uint64_t)fds[k], FD_PIPE,
							  UINT32_MAX, NULL);
			}
		return;
	}
	case OP_COPY: {
		struct fx_fd *d;

		if (e->result <= 0)
			return;
		/* sendfile(out, in, ...) names out first; copy_file_range and splice third */
		d = fx_fd_get(p, a[0]);
		if (!d || (d->kind != FD_STDOUT && d->kind != FD_STDERR && d->kind != FD_FILE))
			d = fx_fd_get(p, a[2]);
		if (!d)
			return;
		if (d->kind == FD_STDOUT || d->kind == FD_STDERR)
			fx_set_inconclusive(fx, d->kind == FD_STDOUT ? RN_FX_STDOUT : RN_FX_STDERR,
					    "event %llu (pid %u) copied %lld bytes in the kernel "
					    "(sendfile/splice): their content is not in the trace",
					    (unsigned long long)e->id, e->pid,
					    (long long)e->result);
		else if (d->kind == FD_FILE)
			fx_set_inconclusive(fx, RN_FX_FILES,
					    "event %llu (pid %u) copied %lld bytes into %s in the "
					    "kernel: their content is not in the trace",
					    (unsigned long long)e->id, e->pid, (long long)e->result,
					    d->path ? d->path : "a file");
		return;
	}
	default:
		return;
	}
}

/* Does e need an fd this pending process has not set itself? */
bool fx_needs_inherited(const struct fx_proc *p, const struct fx_ev *e)
{
	uint64_t fds[2] = {UINT64_MAX, UINT64_MAX};

	switch (e->op) {
	case OP_OPEN:
	case OP_CREAT:
	case OP_TRUNCATE:
	case OP_UNLINK:
	case OP_RENAME:
	case OP_MKDIR:
	case OP_RMDIR:
	case OP_CHMOD:
	case OP_CHDIR:
	case OP_GETCWD:
	case OP_EXECVE:
	case OP_KILL:
	case OP_TKILL:
	case OP_TGKILL:
	case OP_SOCKET:
	case OP_PIPE:
	case OP_SOCKETPAIR:
	case OP_UMASK:
	case OP_FORK:
	case OP_WAIT:
		return false;
	case OP_LINK:
	case OP_SYMLINK:
	case OP_WAITID:
		return false;
	case OP_OPENAT:
	case OP_OPENAT2:
	case OP_UNLINKAT:
	case OP_MKDIRAT:
	case OP_FCHMODAT:
	case OP_EXECVEAT:
		if ((int32_t)e->raw[0] == AT_FDCWD_)
			return false;
		fds[0] = e->raw[0];
		break;
	case OP_SYMLINKAT:
		if ((int32_t)e->raw[1] == AT_FDCWD_)
			return false;
		fds[0] = e->raw[1];
		break;
	case OP_MMAP:
		if ((int32_t)e->raw[4] < 0)
			return false;
		fds[0] = e->raw[4];
		break;
	case OP_RENAMEAT:
	case OP_RENAMEAT2:
	case OP_LINKAT:
		fds[0] = (int32_t)e->raw[0] == AT_FDCWD_ ? UINT64_MAX : e->raw[0];
		fds[1] = (int32_t)e->raw[2] == AT_FDCWD_ ? UINT64_MAX : e->raw[2];
		break;
	case OP_COPY:
		fds[0] = e->raw[0];
		fds[1] = e->raw[2];
		break;
	case OP_CLOSE_RANGE:
		return true;
	default:
		fds[0] = e->raw[0];
		break;
	}
	for (int i = 0; i < 2; i++)
		if (fds[i] != UINT64_MAX && (fds[i] >= p->nfds || p->fds[fds[i]].kind == FD_NONE))
			return true;
	return false;
}

int fx_hold(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e)
{
	struct fx_held *h;

	if (p->nheld >= MAX_HELD) {
		fx_set_inconclusive(fx, RN_FX_STDOUT,
				    "pid %u: its parent's fork never showed in the trace", p->pid);
		fx_set_inconclusive(fx, RN_FX_FILES,
				    "pid %u: its parent's fork never showed in the trace", p->pid);
		return 0;
	}
	if (!(h = calloc(1, sizeof(*h))))
		return -ENOMEM;
	h->ev = *e;
	h->ev.ncaps = 0; /* the copies made so far, for the cleanup */
	if (e->ncaps && !(h->caps = calloc(e->ncaps, sizeof(*h->caps))))
		goto nomem;
	for (uint32_t i = 0; i < e->ncaps; i++) {
		uint8_t *d = malloc(e->caps[i].len ? e->caps[i].len : 1);

		if (!d)
			goto nomem;
		if (e->caps[i].len) /* an empty capture may have no data pointer */
			memcpy(d, e->caps[i].data, e->caps[i].len);
		h->caps[i] = e->caps[i];
		h->caps[i].data = d;
		h->ev.ncaps = i + 1;
	}
	h->ev.caps = h->caps;
	if ((e->sockaddr && !(h->sockaddr = strdup(e->sockaddr))) ||
	    (e->signame && !(h->signame = strdup(e->signame))))
		goto nomem;
	h->ev.sockaddr = h->sockaddr;
	h->ev.signame = h->signame;
	if (p->held_tail)
		p->held_tail->next = h;
	else
		p->held = h;
	p->held_tail = h;
	p->nheld++;
	return 0;
nomem:
	for (uint32_t i = 0; i < h->ev.ncaps; i++)
		free((void *)h->caps[i].data);
	free(h->caps);
	free(h->sockaddr);
	free(h->signame);
	free(h);
	return -ENOMEM;
}

void fx_replay(struct rn_effects *fx, struct fx_proc *p)
{
	while (p->held) {
		struct fx_held *h = p->held;

		p->held = h->next;
		fx_apply(fx, p, &h->ev);
		for (uint32_t i = 0; i < h->ev.ncaps; i++)
			free((void *)h->caps[i].data);
		free(h->caps);
		free(h->sockaddr);
		free(h->signame);
		free(h);
	}
	p->held_tail = NULL;
	p->nheld = 0;
}

/* The fork in parent returned child_pid: the child's table is the parent's, under its own. */
static void inherit(struct rn_effects *fx, struct fx_proc *parent, uint32_t child_pid)
{
	uint32_t ppid = parent->pid;
	struct fx_proc *c;
	bool created;

	if (child_pid == ppid)
		return;
	c = fx_proc_get(fx, child_pid, &created);
	parent = fx_proc_find(fx, ppid); /* the pool never moves, the lookup is for clarity */
	if (!c || !parent || (!created && !c->pending))
		return;
	c->ppid = ppid;
	for (uint32_t fd = 0; fd < parent->nfds; fd++) {
		struct fx_fd *dst;

		if (parent->fds[fd].kind == FD_NONE || parent->fds[fd].kind == FD_CLOSED)
			continue;
		if (fd < c->nfds && c->fds[fd].kind != FD_NONE)
			continue;
		if ((dst = fx_fd_slot(fx, c, fd)))
			fx_fd_copy(fx, dst, &parent->fds[fd]);
	}
	for (uint32_t fd = 0; fd < c->nfds; fd++)
		if (c->fds[fd].kind == FD_CLOSED)
			c->fds[fd].kind = FD_NONE;
	if (!c->cwd && parent->cwd)
		c->cwd = strdup(parent->cwd);
	c->pending = false;
	fx_replay(fx, c);
}
