/* SPDX-License-Identifier: MIT */
/*
 * What bpf/aggregate.bpf.c (renacerd --system-wide) shares with user space: the per
 * (process, syscall) aggregates, the per-syscall knobs and the few records it sends through
 * its ring (lifecycle and slow calls). Fixed-width types only, no includes; the user side
 * (lib/engine/aggregate.c) asserts the sizes: keep both in sync.
 */
#ifndef RENACER_AGGREGATE_ABI_H
#define RENACER_AGGREGATE_ABI_H

#define RN_AGG_HIST	     32	   /* log2 latency buckets: bucket b holds [2^b, 2^(b+1)) ns */
#define RN_AGG_MAX_KEYS	     16384 /* (process, syscall) entries, LRU */
#define RN_AGG_MAX_ERRS	     4096  /* (process, syscall, errno) entries, LRU */
#define RN_AGG_KEYS_PER_SLOT 16	   /* a thread slot per 16 LRU entries: 1024 by default */
#define RN_AGG_MAX_SLOTS     8192  /* at most (104 MiB) */
#define RN_AGG_SYSCALLS	     512   /* syscall numbers 0..511, as RN_MAX_SYSCALLS */
#define RN_AGG_COMM	     16
#define RN_AGG_EXE	     256
#define RN_AGG_NR_ARGS	     6
#define RN_AGG_CELLS	     40 /* distinct syscalls a thread's slot holds; more go to the shared map */
#define RN_AGG_CELL_ERRS     2	  /* distinct errnos a cell counts; more go to the shared map */
#define RN_AGG_LOST_EXITS    4096 /* exits whose record found the ring full, queued for a read */

struct rn_agg_key {
	__u32 tgid;
	__u32 nr;
};

/* Summed over the CPUs by user space; counts since the entry was made. */
struct rn_agg_val {
	__u64 calls;
	__u64 errors;
	__u64 bytes; /* the read/write families' positive results */
	__u64 sum_ns;
	__u64 max_ns;
	__u64 hist[RN_AGG_HIST];
};

struct rn_agg_errkey {
	__u32 tgid;
	__u16 nr;
	__u16 err; /* errno, positive */
};

/*
 * One thread's aggregates, in an array user space maps (no per-CPU copies, no hashing: the
 * thread is its only writer). A thread takes a free slot at its first counted call and marks it
 * ENDED at its exit; user space reads ENDED slots once more, zeroes them and frees them.
 */
enum rn_agg_slot_state {
	RN_AGG_SLOT_FREE = 0,
	RN_AGG_SLOT_LIVE = 1,  /* written by its thread */
	RN_AGG_SLOT_ENDED = 2, /* its thread exited: user space's to read, zero and free */
};

struct rn_agg_slot {
	__u32 tgid;
	__u32 tid;
	__u32 state;		    /* enum rn_agg_slot_state, written last */
	__u32 ncells;		    /* cells in use: each written before this counts it */
	__u16 nr[RN_AGG_CELLS];	    /* the syscall of each cell */
	__u8 cell[RN_AGG_SYSCALLS]; /* syscall -> its cell + 1; 0: none yet */
	/* per cell, its first errnos (0: none yet; others go to the LRU errno map) */
	__u16 err[RN_AGG_CELLS][RN_AGG_CELL_ERRS];
	__u64 nerr[RN_AGG_CELLS][RN_AGG_CELL_ERRS];
	struct rn_agg_val val[RN_AGG_CELLS];
};

/* Per syscall, written by user space (an array indexed by nr). */
enum rn_agg_sysflags {
	RN_AGG_BYTES = 1 << 0, /* a positive result counts bytes moved (read, write, send...) */
};

struct rn_agg_sysinfo {
	__u64 slow_ns; /* a call lasting this long is sent whole (0: never) */
	__u32 flags;   /* enum rn_agg_sysflags */
	__u32 pad;
};

enum rn_agg_rec_kind {
	RN_AGG_REC_EXEC = 1, /* struct rn_agg_proc */
	RN_AGG_REC_FORK = 2, /* struct rn_agg_proc: tgid = child, ppid = parent */
	RN_AGG_REC_EXIT = 3, /* struct rn_agg_proc: the last thread of tgid exited; ppid, comm */
	RN_AGG_REC_SLOW = 4, /* struct rn_agg_slow */
};

struct rn_agg_proc {
	__u32 kind; /* enum rn_agg_rec_kind */
	__u32 tgid;
	__u32 ppid;
	__s32 code; /* EXIT: wait status layout */
	__u64 ns;   /* CLOCK_MONOTONIC */
	__u64 cgroup_id;
	__u64 cpu_ns;	 /* EXIT: user + system time of the whole process */
	__u64 rss_bytes; /* EXIT: peak resident set size */
	char comm[RN_AGG_COMM];
	char exe[RN_AGG_EXE]; /* EXEC: the path the kernel opened */
};

struct rn_agg_slow {
	__u32 kind; /* RN_AGG_REC_SLOW */
	__u32 tgid;
	__u32 tid;
	__s32 nr;
	__u64 args[RN_AGG_NR_ARGS]; /* the argument registers, read at exit */
	__s64 ret;
	__u64 enter_ns;
	__u64 exit_ns;
};

/* Per-CPU counters, indexed by enum rn_agg_counter. */
enum rn_agg_counter {
	RN_AGG_CNT_KEYS = 0, /* (process, syscall) entries made: made - live - deleted = evicted */
	RN_AGG_CNT_ERRKEYS,  /* (process, syscall, errno) entries made */
	RN_AGG_CNT_LOST,     /* lifecycle or slow-call records lost: the ring was full */
	RN_AGG_CNT_NOSTATE,  /* calls not counted: no room for the thread's state */
	RN_AGG_CNT_NOSLOT,   /* threads that found no free slot (counted in the shared map) */
	RN_AGG_CNT__MAX,
};

#endif
