/* SPDX-License-Identifier: MIT */
/*
 * Private to effects*.c: the normalizer's state. effects.c is the sink, effects_calls.c
 * applies a call (and holds a child's calls until its fork shows), effects_io.c the calls
 * with effects, effects_fd.c the fd tables, effects_fs.c the files and directories by path,
 * effects_end.c turns the state into the model at the end. Arrows run down that list.
 */
#ifndef RENACER_EFFECTS_INT_H
#define RENACER_EFFECTS_INT_H

#include "effects.h"
#include "hmap.h"
#include "pool.h"
#include "strbuf.h"

enum fx_fdkind {
	FD_NONE = 0, /* unknown: not opened in the trace (or inherited, still pending) */
	FD_CLOSED,   /* closed by a process that has not inherited its table yet */
	FD_STDIN,
	FD_STDOUT,
	FD_STDERR,
	FD_FILE, /* a file opened for writing: ofd */
	FD_READ, /* opened for reading only (path kept for *at calls) */
	FD_SOCK, /* ofd, endpoint */
	FD_PIPE, /* a pipe or socketpair: not observable outside */
};

struct fx_fd {
	uint8_t kind;
	uint32_t ofd; /* index into ofds, FD_FILE and FD_SOCK */
	char *path;   /* canonical path for files and directories, or NULL */
};

/* An open file description, shared by dups and forked children. */
struct fx_ofd {
	uint32_t refs;
	bool append;
	uint64_t offset;
	int64_t inode;	  /* files: index into inodes, -1 when unknown */
	int64_t endpoint; /* sockets: index into endpoints, -1 until connect/bind */
	uint32_t next_free;
};

struct fx_proc {
	uint32_t pid, ppid;
	bool pending;	       /* its table is still to be inherited from the parent's fork */
	bool wrote;	       /* to stdout or stderr */
	uint64_t out_bytes[2]; /* written to stdout, stderr so far */
	uint32_t fork_parent;  /* the process whose fork returned this pid, 0 unknown */
	uint64_t fork_pos[2], reap_pos[2];
	bool seen_proc;
	bool exec_ok; /* made a successful exec */
	bool ended;
	int32_t wait_status;
	uint64_t exit_id; /* its last thread's end event: where a wait's edge starts */
	char *argv;	  /* the last exec's argv, normalised, or NULL */
	char *cwd;	  /* NULL: the trace's starting directory (start_cwd when cwd_known) */
	struct fx_fd *fds;
	uint32_t nfds;
	/* events held until the table is inherited (a child that ran before its fork returned) */
	struct fx_held *held, *held_tail;
	uint32_t nheld;
};

/* A file's content as the run left it; paths name inodes, rename moves the name. */
struct fx_inode {
	struct rn_fx_file f;
	bool size_known;
	uint32_t nlink; /* paths that name it (hard links) */
};

enum fx_prior { PRIOR_UNKNOWN, PRIOR_ABSENT, PRIOR_PRESENT };

struct fx_path {
	char *path;
	int64_t inode; /* the file at this path now, or -1 */
	uint8_t prior; /* enum fx_prior: before the run */
	uint8_t dir;   /* 1 created by the run, 2 removed, 0 untouched */
	struct rn_fx_origin at;
};

struct fx_endpoint {
	char *name; /* "connect {sa_family=...}" */
	uint64_t sent, recvd, sent_fnv, recvd_fnv;
	struct rn_fx_origin at;
};

/* An event that can be an end of a causal edge, or a write to a stream (chunk >= 0). */
struct fx_node {
	uint64_t id, lamport;
	uint32_t tid, pid;
	int32_t chunk; /* index into streams[which].chunks, or -1 */
	uint8_t which;
};

struct fx_edge {
	uint64_t from, to;
};

/* The parts of an event the normalizer reads: a view, or a copy while held. */
struct fx_ev {
	uint64_t id, lamport;
	uint32_t pid, tid;
	int op;
	uint64_t raw[6];
	int64_t result;
	const char *sockaddr; /* decoded address of connect/bind/sendto, fstat's struct, or NULL */
	const char *signame;  /* decoded signal of kill/tkill/tgkill */
	const struct rn_tr_capture *caps;
	uint32_t ncaps;
};

struct fx_held {
	struct fx_held *next;
	struct fx_ev ev;
	struct rn_tr_capture *caps; /* owned copies */
	char *sockaddr, *signame;
};

struct rn_effects {
	struct rn_fx_opts opts;
	struct rn_fx_model m;
	bool done, started;
	struct rn_pool procs; /* struct fx_proc */
	struct rn_hmap proc_by_pid;
	struct rn_pool ofds; /* struct fx_ofd */
	uint32_t ofd_free;   /* head of the free list + 1, 0 when empty */
	struct rn_pool inodes;
	struct rn_pool paths;
	struct rn_hmap path_by_hash;
	struct rn_pool endpoints;
	uint32_t umask;
	uint32_t ntemp; /* temporary names seen, for tmp#N */
	struct rn_hmap temp_by_hash;
	struct rn_strbuf scratch, pathbuf;
	char *own[8];	 /* the traced command's own program and script (never "read") */
	char *start_cwd; /* where the run started: the header's, or a getcwd's, else NULL */
	bool cwd_known;	 /* start_cwd is the header's: relative paths resolve against it */
	uint32_t nown;
	/* happens-before (effects_order.c): events that may end an edge, and the edges */
	struct fx_node *nodes;
	size_t nnodes, capnodes;
	struct fx_edge *edges;
	size_t nedges, capedges;
	struct rn_hmap tid_seen;
	uint32_t last_tid;
	bool order_cut;	       /* too many to keep: streams are compared without them */
	int8_t op_of_nr[1024]; /* op per syscall number, 0: unknown yet, -1: not an effect */
	int err;	       /* the first allocation failure */
};

/* Calls with effects, by name (effects.c's table). */
enum fx_op {
	OP_NONE = -1,
	OP_OPEN = 1,
	OP_OPENAT,
	OP_CREAT,
	OP_CLOSE,
	OP_CLOSE_RANGE,
	OP_DUP,
	OP_DUP2,
	OP_FCNTL,
	OP_WRITE,
	OP_PWRITE,
	OP_WRITEV,
	OP_PWRITEV,
	OP_SENDTO,
	OP_SENDMSG,
	OP_READ,
	OP_READV,
	OP_RECV,
	OP_LSEEK,
	OP_FSTAT,
	OP_FTRUNCATE,
	OP_TRUNCATE,
	OP_UNLINK,
	OP_UNLINKAT,
	OP_RENAME,
	OP_RENAMEAT,
	OP_RENAMEAT2,
	OP_MKDIR,
	OP_MKDIRAT,
	OP_RMDIR,
	OP_CHMOD,
	OP_FCHMOD,
	OP_FCHMODAT,
	OP_UMASK,
	OP_CHDIR,
	OP_GETCWD,
	OP_FCHDIR,
	OP_EXECVE,
	OP_EXECVEAT,
	OP_FORK,
	OP_WAIT,
	OP_KILL,
	OP_TKILL,
	OP_TGKILL,
	OP_SOCKET,
	OP_CONNECT,
	OP_BIND,
	OP_ACCEPT,
	OP_PIPE,
	OP_SOCKETPAIR,
	OP_COPY, /* sendfile, copy_file_range, splice: bytes moved in the kernel, not captured */
	OP_OPENAT2,
	OP_PWRITEV2,
	OP_WAITID,
	OP_MMAP,
	OP_LINK,
	OP_LINKAT,
	OP_SYMLINK,
	OP_SYMLINKAT,
};

/* effects_fd.c */
void fx_nomem(struct rn_effects *fx);
struct fx_proc *fx_proc_find(struct rn_effects *fx, uint32_t pid);
/* The process (created, *created set), or NULL (no memory). */
struct fx_proc *fx_proc_get(struct rn_effects *fx, uint32_t pid, bool *created);
struct fx_ofd *fx_ofd_at(struct rn_effects *fx, uint32_t i);
/* A new description with one reference, or UINT32_MAX (no memory). */
uint32_t fx_ofd_new(struct rn_effects *fx);
void fx_fd_release(struct rn_effects *fx, struct fx_fd *d);
/* The slot of fd (the table grown), or NULL. */
struct fx_fd *fx_fd_slot(struct rn_effects *fx, struct fx_proc *p, uint64_t fd);
struct fx_fd *fx_fd_get(struct fx_proc *p, uint64_t fd);
/* dst becomes a dup of src (shares its description). */
void fx_fd_copy(struct rn_effects *fx, struct fx_fd *dst, const struct fx_fd *src);
void fx_fd_set(struct rn_effects *fx, struct fx_proc *p, uint64_t fd, uint8_t kind, uint32_t ofd,
	       const char *path);
void fx_proc_free(struct rn_effects *fx, struct fx_proc *p);

/* effects_io.c */
/* The bytes of data arg `arg` from sub-item `first` on; 0, or -ENODATA when cut or missing. */
int fx_call_bytes(struct rn_effects *fx, const struct fx_ev *e, uint32_t arg, uint32_t first,
		  uint64_t want, const uint8_t **data);
const char *fx_cap_str(struct rn_effects *fx, const struct fx_ev *e, uint32_t arg);
struct rn_fx_origin fx_origin(const struct fx_ev *e);
const char *fx_path_of(struct rn_effects *fx, struct fx_proc *p, int64_t dirfd, const char *path,
		       char *out, size_t len);
void fx_do_open(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, int64_t dirfd,
		uint32_t path_arg, uint64_t flags, uint32_t mode);
#define FX_AT_APPEND (-2) /* pwritev2's RWF_APPEND: at the end, whatever the offset */
/* at_off: pwrite's offset, -1 for the description's, or FX_AT_APPEND */
void fx_write_to(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint64_t fd,
		 uint32_t arg, uint32_t first, int64_t at_off);
void fx_read_from(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint64_t fd,
		  uint32_t arg, uint32_t first, bool moves);
void fx_endpoint_for(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint64_t fd,
		     const char *verb);
void fx_do_exec(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, uint32_t arg);
void fx_do_kill(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e, int64_t target,
		uint64_t sig);

/* effects_calls.c */
void fx_apply(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e);
/* Does e need an fd this pending process has not set itself? */
bool fx_needs_inherited(const struct fx_proc *p, const struct fx_ev *e);
int fx_hold(struct rn_effects *fx, struct fx_proc *p, const struct fx_ev *e);
void fx_replay(struct rn_effects *fx, struct fx_proc *p);

/* effects_fs.c */
/* The path record for a canonical path (created), or NULL (no memory). */
struct fx_path *fx_path__get(struct rn_effects *fx, const char *path);
struct fx_inode *fx_inode__at(struct rn_effects *fx, int64_t i);
/* A new inode linked at p; base_known when the content before does not matter. */
int64_t fx_inode__new(struct rn_effects *fx, struct fx_path *p, bool base_known);
/* Writes len bytes (NULL: bytes not captured) at off. */
void fx_inode__write(struct rn_effects *fx, struct fx_inode *n, uint64_t off, const uint8_t *data,
		     uint64_t len, const struct rn_fx_origin *at);
void fx_inode__truncate(struct fx_inode *n, uint64_t size, const struct rn_fx_origin *at);
/* The file's size as the kernel says it (lseek to the end, fstat): the bytes up to it that
 * the run did not write are content from before the run; 0 makes the whole content known. */
void fx_inode__learn_size(struct fx_inode *n, uint64_t size);
void fx_fs__unlink(struct rn_effects *fx, const char *path, const struct rn_fx_origin *at);
void fx_fs__rename(struct rn_effects *fx, const char *from, const char *to, bool exchange,
		   const struct rn_fx_origin *at);
void fx_fs__mkdir(struct rn_effects *fx, const char *path, const struct rn_fx_origin *at);
void fx_fs__rmdir(struct rn_effects *fx, const char *path, const struct rn_fx_origin *at);
void fx_fs__chmod(struct rn_effects *fx, struct fx_path *p, uint32_t mode,
		  const struct rn_fx_origin *at);
/* A hard link: to names from's file too. */
void fx_fs__link(struct rn_effects *fx, const char *from, const char *to,
		 const struct rn_fx_origin *at);
/* A symbolic link at path whose content is target (as the call named it). */
void fx_fs__symlink(struct rn_effects *fx, const char *target, const char *path,
		    const struct rn_fx_origin *at);
/* A shared writable mapping of the file: its bytes change without a write in the trace. */
void fx_inode__mapped(struct fx_inode *n);
/* The path as this trace names it: --map applied, temporary names numbered. */
int fx_fs__normal(struct rn_effects *fx, const char *cwd, const char *path, char *out, size_t len);
void fx_fs__free(struct rn_effects *fx);
uint64_t fx_fnv(const uint8_t *p, uint64_t n, uint64_t h);
#define FX_FNV_INIT 0xcbf29ce484222325ULL

/* effects_order.c */
/* e may end an edge (kind: a fork, wait, kill, I/O on a pipe or socket, a thread's first
 * event, a delivery, an exit), or writes chunk of stream which (-1: none). */
void fx_order__node(struct rn_effects *fx, const struct fx_ev *e, int which, int32_t chunk);
/* A thread's first event ends its fork edge: true the first time tid is seen. */
bool fx_order__first(struct rn_effects *fx, uint32_t tid);
void fx_order__edge(struct rn_effects *fx, const struct rn_tr_edge *e);
/* Fills each stream's order from the nodes and edges; 0 or -ENOMEM. */
int fx_order__build(struct rn_effects *fx);
void fx_order__free(struct rn_effects *fx);

/* effects_end.c */
int fx_end__build(struct rn_effects *fx);
void fx_end__free_model(struct rn_fx_model *m);
int fx_items__add(struct rn_fx_items *it, const char *key, const struct rn_fx_origin *at);
void fx_set_inconclusive(struct rn_effects *fx, enum rn_fx_cat c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
