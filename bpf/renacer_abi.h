/* SPDX-License-Identifier: MIT */
/*
 * The records the BPF programs write to the ring buffer and the tables user space
 * fills for them. Shared by bpf/renacer.bpf.c and lib/: fixed-width types only, no
 * includes, so both sides see the same layout; lib/engine/engine.c asserts the sizes.
 */
#ifndef RENACER_ABI_H
#define RENACER_ABI_H

#define RN_NR_ARGS	   6
#define RN_MAX_SYSCALLS	   512	 /* syscall numbers 0..511 (x86_64 uses < 470) */
#define RN_TRACED_WORDS	   65536 /* bitmap of traced tgids below 4194304 (pid_max's ceiling) */
#define RN_PATH_MAX	   4096	 /* path strings are captured whole, as strace prints them */
#define RN_BUF_MAX	   4096	 /* structs and arrays captured without RN_CAPF_SNAP */
#define RN_MAX_IOV	   16	 /* iovec entries captured per call */
#define RN_MSG_CONTROL_IDX 255	 /* RN_CAP_MSGHDR's msg_control item (after any iov data) */
#define RN_MSG_CONTROL_MAX 128	 /* its bytes captured: SCM_RIGHTS of up to 26 descriptors */
#define RN_MAX_STRARR	   64	 /* argv strings captured for execve */
#define RN_STRARR_SCAN	   1024	 /* pointers counted (envp, long argv) */

/* rn_sys_rec.nr of an i386 call (a 32-bit process) printed undecoded: this | its i386 number */
#define RN_NR_COMPAT 0x40000000

/* Record kinds: every ring record starts with struct rn_rec. */
enum rn_rec_kind {
	RN_REC_SYSCALL = 1, /* a finished (or never-returning) syscall: struct rn_sys_rec */
	RN_REC_ENTER = 2,  /* data captured before exit (enter, or a successful exec): rn_sys_rec */
	RN_REC_FORK = 3,   /* struct rn_proc_rec: tgid/tid = parent, other = child */
	RN_REC_EXEC = 4,   /* struct rn_proc_rec: tid = new, other_tid = old tid */
	RN_REC_EXIT = 5,   /* struct rn_proc_rec: a thread exited; code = task->exit_code */
	RN_REC_SIGNAL = 6, /* struct rn_sig_rec: a signal is delivered to tid */
	RN_REC_LEAVE = 7,  /* struct rn_proc_rec: the process left the traced set (RN_TF_UNPRIV):
			    * code = enum rn_leave_why, other_tgid = enum rn_leave_at,
			    * other_tid = the syscall nr with RN_LEAVE_AT_SYSCALL */
	RN_REC_WATCH = 8,  /* struct rn_proc_rec: the kernel made the process a target as it
			    * entered a watched cgroup (fork or move, before it ran a call there):
			    * other_tgid = its session (RN_SESSION_KERNEL | tgid), other_tid = the
			    * parent's tgid at a fork (0: moved in), cpu_ns = the cgroup's id */
};

/*
 * Why a process traced for a non-root user left the trace: its credentials broke
 * ptrace's rule for that user (PTRACE_MODE_ATTACH_REALCREDS: uid, euid, suid equal to
 * the user's uid, gid, egid, sgid to the user's gid, no permitted capability, dumpable).
 */
enum rn_leave_why {
	RN_LEAVE_IDS = 1,    /* its user or group ids are not the user's (setuid, setgid) */
	RN_LEAVE_CAPS = 2,   /* it holds permitted capabilities */
	RN_LEAVE_NODUMP = 3, /* it is not dumpable */
};

/* Where it was seen to leave. */
enum rn_leave_at {
	RN_LEAVE_AT_EXEC = 1,	 /* the credentials of a new image */
	RN_LEAVE_AT_SYSCALL = 2, /* the exit of a call that changes them (capset, setuid...) */
	RN_LEAVE_AT_JOIN = 3,	 /* its first traced call: it changed between the daemon's check
				  * and the start of the trace */
};

/* rn_rec.flags */
enum rn_rec_flags {
	RN_RF_NORETURN = 1 << 0,   /* syscall did not return (exit, exit_group, killed) */
	RN_RF_GROUP_DEAD = 1 << 1, /* RN_REC_EXIT: last thread of the process */
	RN_RF_HAS_ENTER = 1 << 2,  /* an RN_REC_ENTER record for this call came first */
	RN_RF_THREAD = 1 << 3,	   /* RN_REC_FORK: the child is a thread (CLONE_THREAD) */
	/* RN_REC_SIGNAL seen when sent (signal_generate), not delivered: */
	RN_RF_SIG_IGNORED = 1 << 4, /* discarded: its handler is SIG_IGN or ignores by default */
	RN_RF_SIG_FATAL = 1 << 5,   /* kills the process at once (its delivery is a SIGKILL) */
};

struct rn_rec {
	__u16 kind;  /* enum rn_rec_kind */
	__u16 flags; /* enum rn_rec_flags */
	__u32 size;  /* whole record in bytes, payload included, multiple of 8 */
	__u32 tgid;
	__u32 tid;
};

struct rn_sys_rec {
	struct rn_rec h;
	__s32 nr;
	__u32 lost; /* records this thread lost (ring full) since its previous record */
	__u64 args[RN_NR_ARGS];
	__s64 ret;
	__u64 enter_ns; /* CLOCK_MONOTONIC */
	__u64 exit_ns;	/* 0 for RN_REC_ENTER, or when an exec's second one was made (its
			 * place in time order); for calls that did not return
			 * (RN_RF_NORETURN), when the exit hook saw them end (likewise) */
			/* then payload: struct rn_item, data, padding to 8, repeated */
};

/* rn_item.flags */
enum rn_item_flags {
	RN_IF_TRUNC = 1 << 0, /* more data existed than was captured */
	RN_IF_FAULT = 1 << 1, /* the user memory could not be read */
	RN_IF_SNAP = 1 << 2,  /* with RN_IF_TRUNC: cut at the snap length, as asked (-s) */
};

struct rn_item {
	__u8 arg;   /* argument index 0..5 */
	__u8 idx;   /* sub-item: see enum rn_cap_kind */
	__u8 flags; /* enum rn_item_flags */
	__u8 kind;  /* enum rn_cap_kind that produced it */
	__u32 len;  /* bytes of data that follow (padded to 8 in the record) */
};

/*
 * What to capture for one argument. User space derives these from the decode
 * table (lib/decode/systable.c) and loads them into the capspec map indexed by nr.
 *
 * RN_CAP_STR     NUL-terminated string at args[i], up to RN_PATH_MAX (or snaplen
 *                with RN_CAPF_SNAP). One item, idx 0, without the NUL.
 * RN_CAP_BUF     count * size bytes at args[i]; count from len_src. Covers write and
 *                read buffers (size 1), structs (RN_LEN_FIXED, count 1) and arrays
 *                of structs (size = element size). One item, idx 0. Capped at
 *                snaplen with RN_CAPF_SNAP, at the record's room with RN_CAPF_ROOM,
 *                else at RN_BUF_MAX.
 * RN_CAP_IOV     struct iovec[count] at args[i], count from len_src (up to
 *                RN_MAX_IOV): idx 0 is the iovec array as read (16 bytes each), idx
 *                1..n the data of each entry, capped at snaplen per entry and, with
 *                RN_CAPF_RETLIMIT, at the return value in total.
 * RN_CAP_STRARR  char *[] NULL-terminated at args[i]: idx 0 holds a __u32 count of
 *                all pointers (up to RN_STRARR_SCAN), idx 1..n the first strings,
 *                each capped at snaplen. With size == 0 only the count is captured.
 * RN_CAP_MSGHDR  struct user_msghdr at args[i]: idx 0 the msghdr (56 bytes), idx 1
 *                msg_name (msg_namelen bytes), idx 2 the iovec array, idx 3..n data
 *                (RN_CAPF_RETLIMIT applies as for RN_CAP_IOV), idx RN_MSG_CONTROL_IDX
 *                msg_control (msg_controllen bytes, up to RN_MSG_CONTROL_MAX).
 * RN_CAP_DIRENTS linux_dirent64 records at args[i], ret bytes long: one item, idx 0,
 *                holding a __u32 count of the entries (the records are walked in
 *                BPF, since strace prints only the count).
 * RN_CAP_BPF_ATTR union bpf_attr at args[i], args[i + 1] bytes: idx 0 as RN_CAP_BUF, idx 1
 *                the string the command's attributes point to (BPF_PROG_LOAD's license,
 *                BPF_OBJ_PIN's and BPF_OBJ_GET's pathname), as RN_CAP_STR.
 * RN_CAP_FDOBJ   args[i] is a file descriptor: one item, idx 0, struct rn_fdobj naming
 *                the kernel object that carries its data (pipe, Unix socket), for causal
 *                edges. Only when user space enables it (golden trace files); nothing
 *                for other kinds of files. RN_CAPF_SEND: the data goes to the peer
 *                (write side of a socket), so the peer's identity is recorded.
 * RN_CAP_FDID    the descriptor's object as the call left it (-y/-yy, so a descriptor
 *                closed or a process gone before the line is printed keeps its name): one
 *                struct rn_fdid per fd. Always in arg slot 5 (no call that makes or
 *                binds an fd has six arguments), only when the call succeeded: the fd
 *                is the return value (len_src RN_LEN_RET), args[len_src] (size 4), or
 *                the int[2] args[len_src] points to (size 8: idx 0 and 1).
 */
enum rn_cap_kind {
	RN_CAP_NONE = 0,
	RN_CAP_STR = 1,
	RN_CAP_BUF = 2,
	RN_CAP_IOV = 3,
	RN_CAP_STRARR = 4,
	RN_CAP_MSGHDR = 5,
	RN_CAP_DIRENTS = 6,
	RN_CAP_FDOBJ = 7,
	RN_CAP_STACK = 8, /* RN_ARG_STACK idx 0: struct rn_stack_regs, then the stack from sp */
	RN_CAP_MAPS = 9,  /* RN_ARG_STACK idx 1: struct rn_map_ent, repeated */
	RN_CAP_FDID = 10,
	RN_CAP_BPF_ATTR = 11,
};

#define RN_ARG_FDID 5

/*
 * RN_SYSF_SOCK calls (send and receive on a socket): when args[0] is a netlink socket, an
 * item with arg RN_ARG_SOCK (no syscall argument) holds its struct rn_fdid as the call saw
 * it (protocol; state: whether it is bound, which strace needs to name its messages), and
 * its buffers are captured up to RN_NETLINK_MAX instead of the snap length (-s), so the
 * messages can be decoded: as much as the record holds (RN_REC_MAX). strace prints up to 32
 * messages of a buffer; a dump of big messages (a link is ~1.5 KiB) can need more, and the
 * decoder then ends with `...` where the bytes end. Other sockets get neither.
 */
#define RN_ARG_SOCK    7
#define RN_NETLINK_MAX RN_REC_MAX
#define RN_AF_NETLINK  16

/* What a descriptor names (RN_CAP_FDID); the socket fields are 0 for other files. */
struct rn_fdid {
	__u64 ino;
	__u32 mode;	/* i_mode: S_IFSOCK, S_IFIFO, ... */
	__u16 family;	/* sockets: AF_* */
	__u16 type;	/* SOCK_STREAM, ... */
	__u16 protocol; /* IPPROTO_* */
	__u16 sport;	/* AF_INET/AF_INET6: local port, host order */
	__u16 dport;	/* remote port, host order */
	__u8 state;	/* TCP_* (TCP_LISTEN = 10) */
	__u8 pad;
	__u8 saddr[16]; /* AF_INET: the first 4 bytes */
	__u8 daddr[16];
	__u64 peer_ino; /* AF_UNIX: the connected peer's inode, 0 if none */
};

/*
 * The user stack of a call (trace --source, -k; bpf/stack.bpf.h): items of a syscall
 * record with arg RN_ARG_STACK, which is no syscall argument. Idx 0 holds the registers
 * a DWARF unwinder starts from and the copy of the stack from sp up; idx 1, when the
 * process's mappings changed since the thread last sent them, its executable file
 * mappings.
 */
#define RN_ARG_STACK	   6
#define RN_STACK_DEFAULT   8192 /* stack bytes copied per call unless told */
#define RN_STACK_BYTES_MAX 12288

struct rn_stack_regs {
	__u64 ip, sp, bp, bx, r12, r13, r14, r15;
};

/* A mapping: then pathlen bytes of its path's components, leaf first, each NUL-ended. */
struct rn_map_ent {
	__u64 start, end;
	__u64 pgoff; /* file offset in bytes */
	__u32 size;  /* this entry with its path, a multiple of 8 */
	__u32 pathlen;
};

enum rn_fdobj_type {
	RN_FDOBJ_PIPE = 1,
	RN_FDOBJ_UNIX = 2,
};

/* A kernel object, keyed so that writer and reader see the same key (not an address). */
struct rn_fdobj {
	__u64 key;
	__u32 type; /* enum rn_fdobj_type */
	__u32 pad;
};

/* rn_capspec.len_src: where the element count comes from */
enum rn_len_src {
	RN_LEN_ARG0 = 0,   /* 0..5: the value of args[n] */
	RN_LEN_RET = 6,	   /* the return value (only when > 0) */
	RN_LEN_FIXED = 7,  /* count is 1: a fixed-size struct of .size bytes */
	RN_LEN_DEREF0 = 8, /* 8..13: the __u32 that args[n - 8] points to, read at exit */
};

/* rn_capspec.flags */
enum rn_capf {
	RN_CAPF_ENTER = 1 << 0,	   /* capture at syscall enter (execve: the caller's memory is
				    * gone once the exec passes its point of no return), else
				    * at exit */
	RN_CAPF_SUCCESS = 1 << 1,  /* only when the call succeeded (ret >= 0) */
	RN_CAPF_SNAP = 1 << 2,	   /* cap at the snap length (user data, -s) */
	RN_CAPF_RETLIMIT = 1 << 3, /* IOV/MSGHDR: data in total limited by ret */
	RN_CAPF_SEND = 1 << 5,	   /* FDOBJ: data flows to the peer */
	RN_CAPF_FAILED = 1 << 4,   /* only when the call failed */
	RN_CAPF_EXIT_TOO = 1 << 6, /* with RN_CAPF_ENTER: captured again at exit, a value-result
				    * argument (socklen: [128 => 16]) */
	RN_CAPF_ROOM = 1 << 7,	   /* BUF: capped at the record's room, not RN_BUF_MAX
				    * (getdents64's records under -v, which strace prints all) */
};

struct rn_capspec {
	__u8 kind;    /* enum rn_cap_kind */
	__u8 len_src; /* enum rn_len_src */
	__u8 flags;   /* enum rn_capf */
	__u8 pad;
	__u16 size; /* element size; total size for RN_LEN_FIXED */
	__u16 pad2;
};

enum rn_sysf {
	RN_SYSF_SOCK = 1 << 0, /* args[0] is a socket: see RN_ARG_SOCK */
};

struct rn_sysspec {
	struct rn_capspec arg[RN_NR_ARGS];
	__u8 enter_mask; /* bit n: arg n is captured at enter; derived by the engine */
	__u8 exit_mask;	 /* bit n: arg n is captured at exit; derived by the engine */
	__u8 flags;	 /* enum rn_sysf */
	__u8 pad[5];
};

#define RN_MAX_RINGS 256   /* ring buffers, one per CPU; more CPUs share them */
#define RN_REC_MAX   16384 /* a record, header and payload, never exceeds this */

/* Value of the targets map, keyed by tgid. Children inherit it at fork. */
enum rn_target_flags {
	RN_TF_FOLLOW = 1 << 0, /* children join the traced set at fork */
	RN_TF_ARMED = 1 << 1,  /* not traced until its first execve (spawned, held child) */
	RN_TF_LEADER = 1 << 2, /* only the thread-group leader (strace without -f) */
	RN_TF_UNPRIV = 1 << 3, /* traced for a non-root user (uid, gid): the process leaves the
				* set (RN_REC_LEAVE) as soon as its credentials break ptrace's
				* rule for that user, at exec or at a call that changes them */
};

/* rn_target.session of a process the kernel added (RN_REC_WATCH): this bit | its tgid */
#define RN_SESSION_KERNEL 0x80000000u

/*
 * A [[watch]] glob's last component under one parent cgroup (watch_parents), compiled by
 * lib/engine/watchglob.c: element i is a '*' (star[i]) or one byte of the set set[i] (a
 * literal, '?', '[...]'). A cgroup made there whose name matches is watched at its mkdir.
 * Keep in sync with the matcher in bpf/watch.bpf.h and rn_watchglob__match.
 */
#define RN_WATCH_GLOB  64  /* elements of a last component */
#define RN_WATCH_SLOTS 4   /* globs under one parent */
#define RN_WATCH_NAME  128 /* the longest cgroup name matched in the kernel, with its NUL */
struct rn_watch_key {
	__u64 parent; /* the parent cgroup's id */
	__u32 slot;   /* 0 .. RN_WATCH_SLOTS - 1 */
	__u32 pad;
};
struct rn_watch_pattern {
	__u8 set[RN_WATCH_GLOB][32]; /* bit c: byte c matches */
	__u8 star[RN_WATCH_GLOB];
	__u8 n;	      /* elements */
	__u8 dotwild; /* a leading '.' is matched only by a literal '.' (glob(3)) */
	__u8 pad[6];
};

struct rn_target {
	__u32 flags;   /* enum rn_target_flags */
	__u32 session; /* owner, for the daemon; 0 in embedded mode */
	__u32 uid;     /* with RN_TF_UNPRIV: the user it is traced for */
	__u32 gid;
};

struct rn_proc_rec {
	struct rn_rec h;
	__u32 other_tgid; /* FORK: child tgid; EXEC: unused */
	__u32 other_tid;  /* FORK: child tid; EXEC: the old tid */
	__s32 code;	  /* EXIT: task->exit_code (wait status layout) */
	__u32 pad;
	__u64 ns;
	__u64 cpu_ns;	 /* EXIT: user + system time (the whole process when group dead) */
	__u64 rss_bytes; /* EXIT with RN_RF_GROUP_DEAD: peak resident set size */
};

struct rn_sig_rec {
	struct rn_rec h;
	__s32 signo;
	__s32 code; /* si_code */
	__s32 errno_;
	__s32 pid; /* si_pid / si_uid / si_status for the codes that carry them */
	__u32 uid;
	__s32 status;
	/* si_addr for faults; si_ptr (si_value) when code < 0; SIGCHLD: si_utime in the low
	   32 bits, si_stime in the high 32 (clock ticks) */
	__u64 addr;
	__u64 ns;
};

/* Per-CPU counters, indexed by enum rn_counter. */
enum rn_counter {
	RN_CNT_SEEN = 0,  /* syscalls of traced threads seen at exit */
	RN_CNT_EMITTED,	  /* records written to the ring */
	RN_CNT_DROPPED,	  /* records lost because the ring was full */
	RN_CNT_TRUNCATED, /* captured items cut at their limit */
	RN_CNT_FAULTED,	  /* user-memory reads that failed */
	RN_CNT__MAX,
};

#endif
