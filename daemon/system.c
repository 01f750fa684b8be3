// SPDX-License-Identifier: MIT
/*
 * renacerd --system-wide: loads bpf/aggregate.bpf.c beside the tracing engine and keeps the
 * model of lib/model/sysstats.h. The ring's few records (lifecycle, slow calls) are taken
 * every loop turn, without wakeups; the aggregate maps are read every read_ms, and a process
 * that ended is read one last time and its kernel entries deleted, so the kernel's maps hold
 * live processes (and what LRU eviction, counted, makes room from). Memory: the maps are
 * fixed-size, the model keeps at most max_processes and max_slow_calls.
 */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "renacer/v1/control.pb-c.h"
#include "aggregate.h"
#include "daemon.h"
#include "format.h"
#include "hmap.h"
#include "log.h"
#include "sysmetrics.h"
#include "sysstats.h"
#include "systable.h"
#include "toml.h"

#define CGROUP_CACHE 1024
/* ended processes whose entries (some 40 each) wait in the 16384 of the map: read them out */
#define ENDS_READ 64

struct rnd_system {
	struct rn_agg *agg;
	struct rn_sysstats *stats;
	struct rnd_sysmetrics *metrics; /* NULL: no OTLP endpoint */
	uint64_t next_read_ns, next_export_ns, read_ns;
	uint32_t ends; /* processes that ended since the last read: their entries wait in the map */
	struct rn_strbuf sb;
	/* cgroup id -> path, for processes gone before their cgroup was read */
	struct rn_hmap cg_by_id;
	char (*cg_paths)[RN_SS_CGROUP];
	uint32_t ncg;
	uint64_t last_scan_ns;
	char cg_root[256]; /* where cgroup2 is mounted: /sys/fs/cgroup, or .../unified (hybrid) */
	size_t cg_rootlen;
};

void system__config_defaults(struct rnd_system_cfg *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	c->interval_s = 10;
	c->read_ms = 1000;
	for (i = 0; i < RND_SLOW__MAX; i++)
		c->slow_ms[i] = -1;
	c->slow_ms[RND_SLOW_DEFAULT] = 100;
	c->slow_ms[RND_SLOW_WAIT] = 0;
	c->max_processes = 8192;
	c->max_slow_calls = 256;
	c->max_kernel_entries = RN_AGG_MAX_KEYS;
}

static const char *const slow_keys[RND_SLOW__MAX] = {
    "slow_ms",	       "slow_ms_file",	 "slow_ms_network",
    "slow_ms_process", "slow_ms_memory", "slow_ms_wait",
};

static int bad(const struct rn_toml *v, const char *path, const char *key, const char *want,
	       char *err, size_t errlen)
{
	snprintf(err, errlen, "%s:%u:%u: bad value for '%s' (%s)", path, rn_toml__line(v),
		 rn_toml__col(v), key, want);
	return -EINVAL;
}

int system__config(struct rnd_system_cfg *c, const char *name, const struct rn_toml *v,
		   const char *path, char *err, size_t errlen)
{
	size_t i, k;
	int64_t n;

	if (!strcmp(name, "system_wide")) {
		if (rn_toml__bool(v, &c->enabled))
			return bad(v, path, name, "true or false", err, errlen);
		return 0;
	}
	if (rn_toml__type(v) != RN_TOML_TABLE)
		return bad(v, path, name, "a [system] table", err, errlen);
	for (i = 0; i < rn_toml__len(v); i++) {
		const char *key = rn_toml__key_at(v, i);
		const struct rn_toml *kv = rn_toml__value_at(v, i);

		if (rn_toml__int(kv, &n) || n < 0 || n > 86400000)
			return bad(kv, path, key, "a non-negative integer", err, errlen);
		for (k = 0; k < RND_SLOW__MAX; k++)
			if (!strcmp(key, slow_keys[k]))
				break;
		if (k < RND_SLOW__MAX)
			c->slow_ms[k] = n;
		else if (!strcmp(key, "interval_s") && n >= 1 && n <= 3600)
			c->interval_s = (uint32_t)n;
		else if (!strcmp(key, "read_ms") && n >= 10 && n <= 60000)
			c->read_ms = (uint32_t)n;
		else if (!strcmp(key, "max_processes") && n >= 16 && n <= 1 << 20)
			c->max_processes = (uint32_t)n;
		else if (!strcmp(key, "max_slow_calls") && n >= 1 && n <= 1 << 16)
			c->max_slow_calls = (uint32_t)n;
		else if (!strcmp(key, "max_kernel_entries") && n >= 1024 && n <= 1 << 20)
			c->max_kernel_entries = (uint32_t)n;
		else {
			snprintf(
			    err, errlen,
			    "%s:%u:%u: unknown or out-of-range key '%s' in [system] (known: "
			    "interval_s 1..3600, read_ms 10..60000, max_processes 16.., "
			    "max_slow_calls 1..65536, max_kernel_entries 1024..1048576, slow_ms, "
			    "slow_ms_file, slow_ms_network, "
			    "slow_ms_process, slow_ms_memory, slow_ms_wait)",
			    path, rn_toml__line(kv), rn_toml__col(kv), key);
			return -EINVAL;
		}
	}
	return 0;
}

/* Calls that wait by design: slow means idle, not a problem (slow_ms_wait). */
static bool waits(const char *name)
{
	static const char *const w[] = {
	    "poll",
	    "ppoll",
	    "select",
	    "pselect6",
	    "epoll_wait",
	    "epoll_pwait",
	    "epoll_pwait2",
	    "futex",
	    "futex_waitv",
	    "wait4",
	    "waitid",
	    "nanosleep",
	    "clock_nanosleep",
	    "pause",
	    "rt_sigsuspend",
	    "rt_sigtimedwait",
	    "accept",
	    "accept4",
	    "io_getevents",
	    "io_pgetevents",
	    "io_uring_enter",
	    "msgrcv",
	    "semop",
	    "semtimedop",
	    "mq_timedreceive",
	    "recvmmsg",
	    "sigsuspend",
	};
	size_t i;

	for (i = 0; name && i < sizeof(w) / sizeof(w[0]); i++)
		if (!strcmp(name, w[i]))
			return true;
	return false;
}

static const char *const byte_calls[] = {
    "read",	"write",   "pread64",  "pwrite64",	  "readv",    "writev",	  "preadv",
    "pwritev",	"preadv2", "pwritev2", "sendto",	  "recvfrom", "sendmsg",  "recvmsg",
    "sendfile", "splice",  "tee",      "copy_file_range", "vmsplice", "sendmmsg", "recvmmsg",
};

static enum rnd_slow_class class_of(int nr)
{
	uint32_t cl = rn_syscall__classes(nr);

	if (waits(rn_syscall__name(nr)))
		return RND_SLOW_WAIT;
	if (cl & RN_CLASS_NETWORK)
		return RND_SLOW_NETWORK;
	if (cl & RN_CLASS_PROCESS)
		return RND_SLOW_PROCESS;
	if (cl & RN_CLASS_MEMORY)
		return RND_SLOW_MEMORY;
	if (cl & (RN_CLASS_FILE | RN_CLASS_DESC | RN_CLASS_STAT_LIKE | RN_CLASS_STATFS_LIKE))
		return RND_SLOW_FILE;
	return RND_SLOW_DEFAULT;
}

static void fill_sysinfo(struct rn_agg_sysinfo *tab, void *ctx)
{
	const struct rnd_system_cfg *c = ctx;
	size_t i;
	int nr;

	for (nr = 0; nr < RN_AGG_SYSCALLS; nr++) {
		int64_t ms = c->slow_ms[class_of(nr)];

		if (ms < 0)
			ms = c->slow_ms[RND_SLOW_DEFAULT];
		tab[nr].slow_ns = ms > 0 ? (uint64_t)ms * 1000000 : 0;
	}
	for (i = 0; i < sizeof(byte_calls) / sizeof(byte_calls[0]); i++) {
		nr = rn_syscall__by_name(byte_calls[i]);
		if (nr >= 0 && nr < RN_AGG_SYSCALLS)
			tab[nr].flags |= RN_AGG_BYTES;
	}
}

/* The first line of /proc/PID/FILE without its newline; 0 or -errno. */
static int proc_line(uint32_t pid, const char *file, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%u/%s", pid, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

/* The cgroup v2 path of pid ("0::/system.slice/x.service" in /proc/PID/cgroup). */
static int proc_cgroup(uint32_t pid, char *buf, size_t len)
{
	char text[4096], path[64], *line, *save = NULL;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%u/cgroup", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	text[n] = 0;
	/* a hybrid host lists its v1 hierarchies first */
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, "0::", 3)) {
			snprintf(buf, len, "%s", line + 3);
			return 0;
		}
	return -ENOENT;
}

static void cache_cgroup(struct rnd_system *s, uint64_t id, const char *path)
{
	if (!id || !s->cg_paths || rn_hmap__get(&s->cg_by_id, id) >= 0)
		return;
	if (s->ncg == CGROUP_CACHE) {
		/* bounded: start over (a busy host rereads what it still uses) */
		rn_hmap__free(&s->cg_by_id);
		memset(&s->cg_by_id, 0, sizeof(s->cg_by_id));
		s->ncg = 0;
	}
	snprintf(s->cg_paths[s->ncg], RN_SS_CGROUP, "%s", path);
	if (!rn_hmap__put(&s->cg_by_id, id, s->ncg))
		s->ncg++;
}

/* The cgroup2 mount (bpf_get_current_cgroup_id names a cgroup of that hierarchy). */
static void find_cgroup2(struct rnd_system *s)
{
	char line[1024], dev[256], dir[256], type[64];
	FILE *f = fopen("/proc/self/mounts", "re");

	snprintf(s->cg_root, sizeof(s->cg_root), "/sys/fs/cgroup");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%255s %255s %63s", dev, dir, type) == 3 &&
		    !strcmp(type, "cgroup2")) {
			snprintf(s->cg_root, sizeof(s->cg_root), "%s", dir);
			break;
		}
	if (f)
		fclose(f);
	s->cg_rootlen = strlen(s->cg_root);
}

static struct rnd_system *scanning; /* nftw passes no context */

static int scan_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	if (type == FTW_D && scanning->ncg < CGROUP_CACHE - 1)
		cache_cgroup(scanning, st->st_ino,
			     path[scanning->cg_rootlen] ? path + scanning->cg_rootlen : "/");
	return 0;
}

/*
 * The path of cgroup id (a cgroup v2 directory's inode number): from the cache, else from a
 * walk of the hierarchy, at most once a second (a process gone before /proc was read).
 */
static const char *cgroup_path(struct rnd_system *s, uint64_t id)
{
	uint64_t now = daemon__now(CLOCK_MONOTONIC);
	int64_t at = rn_hmap__get(&s->cg_by_id, id);

	if (at < 0 && id && now - s->last_scan_ns > 1000000000ULL) {
		s->last_scan_ns = now;
		scanning = s;
		nftw(s->cg_root, scan_one, 16, FTW_PHYS | FTW_MOUNT);
		at = rn_hmap__get(&s->cg_by_id, id);
	}
	return at >= 0 ? s->cg_paths[at] : NULL;
}

/* Names the process by /proc while it runs, else by the cgroup id its records carried. */
static void probe(struct rnd_system *s, struct rn_ss_proc *p)
{
	char path[RN_SS_CGROUP];
	const char *known;

	p->probed = true;
	if (!p->comm[0])
		proc_line(p->pid, "comm", p->comm, sizeof(p->comm));
	if (!p->exe[0]) {
		char link[64];
		ssize_t n;

		snprintf(link, sizeof(link), "/proc/%u/exe", p->pid);
		n = readlink(link, p->exe, sizeof(p->exe) - 1);
		p->exe[n > 0 ? n : 0] = 0;
	}
	if (!proc_cgroup(p->pid, path, sizeof(path))) {
		rn_sysstats__set_cgroup(p, path);
		cache_cgroup(s, p->cgroup_id, path);
	} else if (p->cgroup_id && (known = cgroup_path(s, p->cgroup_id)))
		rn_sysstats__set_cgroup(p, known);
}

/* A slow call with its arguments decoded as strace prints them (no user memory: pointers). */
static void take_slow(struct rnd_system *s, const struct rn_agg_slow *r)
{
	struct rn_sys_rec rec = {0};
	struct rn_event ev = {.rec = &rec};
	struct rn_fmt_opts fo = {.strsize = RN_FMT_STRSIZE_DEFAULT};
	struct rn_fmt_spans spans = {0};
	struct rn_ss_slow sl = {0};
	const char *res;
	unsigned i;

	rec.h.kind = RN_REC_SYSCALL;
	rec.h.size = sizeof(rec);
	rec.h.tgid = r->tgid;
	rec.h.tid = r->tid;
	rec.nr = r->nr;
	memcpy(rec.args, r->args, sizeof(rec.args));
	rec.ret = r->ret;
	rec.enter_ns = r->enter_ns;
	rec.exit_ns = r->exit_ns;
	rn_strbuf__reset(&s->sb);
	rn_format__call_spans(&s->sb, &ev, &fo, &spans);
	for (i = 0; i < spans.n && i < RN_AGG_NR_ARGS; i++)
		sl.args[i] = strndup(s->sb.buf + spans.start[i], spans.end[i] - spans.start[i]);
	sl.nargs = i;
	rn_strbuf__reset(&s->sb);
	rn_format__result(&s->sb, &ev, &fo);
	res = s->sb.buf ? s->sb.buf : "";
	if (!strncmp(res, "= ", 2))
		res += 2;
	sl.result = strdup(res);
	sl.pid = r->tgid;
	sl.tid = r->tid;
	sl.nr = r->nr;
	sl.enter_ns = r->enter_ns;
	sl.duration_ns = r->exit_ns - r->enter_ns;
	rn_sysstats__add_slow(s->stats, &sl);
	if (s->metrics)
		sysmetrics__slow(s->metrics, s->stats,
				 rn_sysstats__slow_at(s->stats, rn_sysstats__nslow(s->stats) - 1));
}

static int on_rec(void *ctx, const void *data, size_t size)
{
	struct rnd_system *s = ctx;
	const struct rn_agg_proc *p = data;
	char comm[RN_AGG_COMM + 1];
	struct rn_ss_proc *sp;
	const char *known;
	uint32_t kind;

	if (size < sizeof(kind))
		return 0;
	memcpy(&kind, data, sizeof(kind));
	if (kind == RN_AGG_REC_SLOW && size >= sizeof(struct rn_agg_slow)) {
		take_slow(s, data);
		return 0;
	}
	if (size < sizeof(*p))
		return 0;
	snprintf(comm, sizeof(comm), "%.*s", RN_AGG_COMM, p->comm);
	switch (kind) {
	case RN_AGG_REC_FORK:
		/* the parent's comm and cgroup, which the child has at its fork */
		sp = rn_sysstats__fork(s->stats, p->tgid, p->ppid, p->ns);
		rn_sysstats__fill(sp, 0, comm, p->cgroup_id);
		break;
	case RN_AGG_REC_EXEC: {
		char exe[RN_AGG_EXE + 1];

		snprintf(exe, sizeof(exe), "%.*s", RN_AGG_EXE, p->exe);
		rn_sysstats__exec(s->stats, p->tgid, p->ppid, comm, exe, p->cgroup_id, p->ns);
		sp = rn_sysstats__proc(s->stats, p->tgid, false, 0);
		if (sp) {
			sp->probed = false; /* a new image: read its cgroup again */
			probe(s, sp);
		}
		break;
	}
	case RN_AGG_REC_EXIT:
		sp = rn_sysstats__exit(s->stats, p->tgid, p->code, p->cpu_ns, p->rss_bytes, p->ns);
		rn_sysstats__fill(sp, p->ppid, comm, p->cgroup_id);
		/* never seen alive: no /proc to read, its cgroup by the id its records carried */
		if (sp && !sp->cgroup[0] && sp->cgroup_id &&
		    (known = cgroup_path(s, sp->cgroup_id)))
			rn_sysstats__set_cgroup(sp, known);
		s->ends++;
		break;
	}
	return 0;
}

static int on_val(void *ctx, const struct rn_agg_key *k, const struct rn_agg_val *v)
{
	struct rnd_system *s = ctx;
	struct rn_ss_proc *p;

	rn_sysstats__update(s->stats, k->tgid, (int)k->nr, v, s->read_ns);
	p = rn_sysstats__proc(s->stats, k->tgid, false, 0);
	if (p && !p->probed && !p->ended)
		probe(s, p);
	/* an ended process's counts are final: read once more, then the kernel forgets them */
	return p && p->ended;
}

static int on_err(void *ctx, const struct rn_agg_errkey *k, uint64_t n)
{
	struct rnd_system *s = ctx;
	struct rn_ss_proc *p = rn_sysstats__proc(s->stats, k->tgid, false, 0);

	rn_sysstats__update_errno(s->stats, k->tgid, k->nr, k->err, n);
	return p && p->ended;
}

/* Everything the kernel has now: the ring first, so an exit seen is read as final. */
static void refresh(struct rnd_system *s)
{
	s->read_ns = daemon__now(CLOCK_MONOTONIC);
	rn_agg__consume(s->agg, on_rec, s);
	s->ends = 0;
	rn_agg__read(s->agg, on_val, on_err, s);
}

int system__start(struct rnd_daemon *d, char *err, size_t errlen)
{
	struct rnd_system *s = calloc(1, sizeof(*s));
	struct rn_sysstats_opts so = {0};
	struct rn_agg_opts ao = {0};
	int ret;

	if (!s)
		return -ENOMEM;
	so.max_procs = d->cfg.sys.max_processes;
	so.max_slow = d->cfg.sys.max_slow_calls;
	so.keep_ended_ns = (uint64_t)d->cfg.sys.interval_s * 1000000000ULL;
	s->stats = rn_sysstats__new(&so);
	s->cg_paths = calloc(CGROUP_CACHE, sizeof(*s->cg_paths));
	if (!s->stats || !s->cg_paths) {
		snprintf(err, errlen, "cannot start the system-wide mode: out of memory");
		ret = -ENOMEM;
		goto fail;
	}
	find_cgroup2(s);
	ao.self_tgid = (uint32_t)getpid();
	ao.max_keys = d->cfg.sys.max_kernel_entries;
	ao.fill_sysinfo = fill_sysinfo;
	ao.fill_ctx = &d->cfg.sys;
	ret = rn_agg__new(&s->agg, &ao, err, errlen);
	if (ret)
		goto fail;
	ret = rn_agg__attach(s->agg);
	if (ret) {
		snprintf(err, errlen,
			 "cannot attach the system-wide BPF programs: %s (the kernel needs BTF "
			 "tracepoints; run renacerd as root)",
			 strerror(-ret));
		goto fail;
	}
	ret = sysmetrics__new(&s->metrics, d, err, errlen);
	if (ret)
		goto fail;
	d->sys = s;
	rn_info("system-wide: aggregating every process (maps up to %llu KiB in the kernel; "
		"slow calls past %lld ms)",
		(unsigned long long)(rn_agg__map_bytes(s->agg) >> 10),
		(long long)d->cfg.sys.slow_ms[RND_SLOW_DEFAULT]);
	return 0;
fail:
	rn_agg__free(s->agg);
	rn_sysstats__free(s->stats);
	free(s->cg_paths);
	free(s);
	return ret;
}

void system__reload(struct rnd_daemon *d, const struct rnd_system_cfg *next)
{
	static struct rn_agg_sysinfo tab[RN_AGG_SYSCALLS]; /* 8 KiB: not on the loop's stack */
	struct rnd_system_cfg *c = &d->cfg.sys;
	struct rnd_system *s = d->sys;
	int ret;

	uint64_t next_export;

	if (!s && next->enabled)
		rn_warn("system_wide = true in %s applies at the next start of renacerd",
			d->config_path);
	if (s &&
	    (next->max_processes != c->max_processes || next->max_slow_calls != c->max_slow_calls ||
	     next->max_kernel_entries != c->max_kernel_entries))
		rn_warn("[system] max_processes, max_slow_calls and max_kernel_entries in %s apply "
			"at the next start of renacerd (now %u, %u and %u)",
			d->config_path, c->max_processes, c->max_slow_calls, c->max_kernel_entries);
	c->interval_s = next->interval_s;
	c->read_ms = next->read_ms;
	memcpy(c->slow_ms, next->slow_ms, sizeof(c->slow_ms));
	if (!s)
		return;
	memset(tab, 0, sizeof(tab));
	fill_sysinfo(tab, c);
	ret = rn_agg__set_sysinfo(s->agg, tab);
	if (ret)
		rn_err("[system] reload: cannot write the slow-call thresholds to the kernel: %s "
		       "(the old ones may stay in part; restart renacerd)",
		       strerror(-ret));
	rn_sysstats__set_keep_ended(s->stats, (uint64_t)c->interval_s * 1000000000ULL);
	/* a shorter interval applies from now, a longer one from the export due */
	s->next_read_ns = 0;
	next_export = daemon__now(CLOCK_MONOTONIC) + (uint64_t)c->interval_s * 1000000000ULL;
	if (next_export < s->next_export_ns)
		s->next_export_ns = next_export;
	rn_info("[system] reloaded: interval_s %u, read_ms %u, slow_ms %lld", c->interval_s,
		c->read_ms, (long long)c->slow_ms[RND_SLOW_DEFAULT]);
}

void system__tick(struct rnd_daemon *d)
{
	struct rnd_system *s = d->sys;
	uint64_t now;

	if (!s)
		return;
	now = daemon__now(CLOCK_MONOTONIC);
	/* a read copies every live entry: it is due for an export, at most every read_ms when
	 * enough ended processes' entries wait to be deleted, or at once when the entries made
	 * since the last read press on the LRU map; a quiet host is read once an interval */
	if (now < s->next_export_ns && (now < s->next_read_ns || s->ends < ENDS_READ) &&
	    !rn_agg__pressed(s->agg)) {
		rn_agg__consume(s->agg, on_rec, s);
		return;
	}
	s->next_read_ns = now + (uint64_t)d->cfg.sys.read_ms * 1000000ULL;
	refresh(s);
	if (now >= s->next_export_ns) {
		s->next_export_ns = now + (uint64_t)d->cfg.sys.interval_s * 1000000000ULL;
		if (s->metrics)
			sysmetrics__export(s->metrics, s->stats, rn_agg__evicted(s->agg));
		rn_sysstats__prune(s->stats, now);
	}
}

void system__stop(struct rnd_daemon *d)
{
	struct rnd_system *s = d ? d->sys : NULL;

	if (!s)
		return;
	if (s->metrics) {
		refresh(s);
		sysmetrics__export(s->metrics, s->stats, rn_agg__evicted(s->agg));
		sysmetrics__free(s->metrics);
	}
	rn_agg__free(s->agg);
	rn_sysstats__free(s->stats);
	rn_strbuf__free(&s->sb);
	rn_hmap__free(&s->cg_by_id);
	free(s->cg_paths);
	free(s);
	d->sys = NULL;
}

void system__reply_stats(struct rnd_daemon *d, struct rnd_client *cl, uint64_t id)
{
	Renacer__V1__Reply reply = RENACER__V1__REPLY__INIT;
	Renacer__V1__SystemStats st = RENACER__V1__SYSTEM_STATS__INIT;
	struct rnd_system *s = d->sys;
	uint64_t c[RN_AGG_CNT__MAX] = {0};
	struct rn_strbuf sb = {0};

	if (!s) {
		client__send_error(
		    d, cl, id, ENOTSUP,
		    "renacerd is not in system-wide mode (start it with "
		    "--system-wide, or set system_wide = true in its configuration)");
		return;
	}
	refresh(s);
	rn_agg__counters(s->agg, c);
	if (rn_sysstats__json(s->stats, &sb, rn_agg__evicted(s->agg),
			      c[RN_AGG_CNT_LOST] + rn_sysstats__dropped(s->stats),
			      rn_syscall__name)) {
		client__send_error(d, cl, id, ENOMEM, "renacerd is out of memory");
		rn_strbuf__free(&sb);
		return;
	}
	st.json = sb.buf;
	st.mono_ns = s->read_ns;
	st.interval_s = d->cfg.sys.interval_s;
	reply.id = id;
	reply.body_case = RENACER__V1__REPLY__BODY_SYSTEM_STATS;
	reply.system_stats = &st;
	client__send(d, cl, &reply);
	rn_strbuf__free(&sb);
}
