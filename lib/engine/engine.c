// SPDX-License-Identifier: MIT
#include "engine.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "detach.h"
#include "log.h"
#include "pin.h"
#include "renacer.skel.h" /* light skeleton: libbpf parses no BTF, the kernel relocates */
#include "rings.h"
#include "engine_int.h"
#include "skel.h"

/* As the skeleton's detach (a link per program, in the order of the programs), with at
 * most one grace period waited for (detach.c); the numbers are forgotten, so a later attach
 * or the final destroy never closes a descriptor reused since. */
static void detach_links(struct rn_engine *e)
{
	struct bpf_prog_desc *progs = (struct bpf_prog_desc *)&e->skel->progs;
	int n = (int)(sizeof(e->skel->progs) / sizeof(*progs)), fds[RN_DETACH_MAX];

	_Static_assert(sizeof(e->skel->progs) / sizeof(*progs) <= RN_DETACH_MAX,
		       "more programs than detach.c takes");
	for (int i = 0; i < n; i++)
		fds[i] = progs[i].prog_fd;
	rn_detach__links((int *)&e->skel->links, fds, n);
	e->attached = false;
}

_Static_assert(sizeof(struct rn_rec) == 16, "rn_rec layout: keep in sync with bpf/renacer_abi.h");
_Static_assert(sizeof(struct rn_sys_rec) == 96, "rn_sys_rec layout changed");
_Static_assert(sizeof(struct rn_item) == 8, "rn_item layout changed");
_Static_assert(sizeof(struct rn_capspec) == 8, "rn_capspec layout changed");
_Static_assert(sizeof(struct rn_sysspec) == 56, "rn_sysspec layout changed");
_Static_assert(sizeof(struct rn_proc_rec) == 56, "rn_proc_rec layout changed");
_Static_assert(sizeof(struct rn_fdobj) == 16, "rn_fdobj layout changed");
_Static_assert(sizeof(struct rn_fdid) == 64, "rn_fdid layout changed");
_Static_assert(sizeof(struct rn_sig_rec) == 56, "rn_sig_rec layout changed");
_Static_assert(sizeof(struct rn_target) == 16, "rn_target layout changed");
_Static_assert(sizeof(struct rn_stack_regs) == 64, "rn_stack_regs layout changed");
_Static_assert(sizeof(struct rn_map_ent) == 32, "rn_map_ent layout changed");

static int on_record(void *ctx, const void *data, size_t size)
{
	struct rn_engine *e = ctx;

	if (e->raw)
		return e->raw(e->raw_ctx, data, size);
	rn_demux__record(e->demux, data, size);
	return 0;
}

/* The capture table goes to the kernel in one batch: a syscall per row was ~120 of them,
 * 2-20 ms of a start (docs/performance.md, start-up). */
static int load_capspecs(struct rn_engine *e, const struct rn_engine_opts *o)
{
	static struct rn_sysspec specs[RN_MAX_SYSCALLS], rows[RN_MAX_SYSCALLS];
	static uint32_t keys[RN_MAX_SYSCALLS];
	int fd = e->skel->maps.capspec.map_fd;
	uint32_t nr, n = 0;
	int i;

	memset(specs, 0, sizeof(specs));
	if (o && o->fill_capspecs)
		o->fill_capspecs(specs);
	for (nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		struct rn_sysspec *s = &specs[nr];

		s->enter_mask = s->exit_mask = 0;
		for (i = 0; i < RN_NR_ARGS; i++) {
			if (s->arg[i].kind == RN_CAP_NONE)
				continue;
			if (s->arg[i].flags & RN_CAPF_ENTER)
				s->enter_mask |= 1u << i;
			else
				s->exit_mask |= 1u << i;
		}
		/* reused programs keep the last run's table: every row is written */
		if (!s->enter_mask && !s->exit_mask && !e->reused)
			continue;
		keys[n] = nr;
		rows[n++] = *s;
	}
	if (n && bpf_map_update_batch(fd, keys, rows, &n, NULL))
		return -errno;
	return 0;
}

static const char *load_hint(int err)
{
	switch (err) {
	case -EPERM:
	case -EACCES:
		return "run as root, or give renacerctl CAP_BPF and CAP_PERFMON";
	case -ENOENT:
	case -ESRCH:
		return "the kernel lacks BTF or a tracepoint (needs CONFIG_DEBUG_INFO_BTF and "
		       "/sys/kernel/btf/vmlinux)";
	case -ENOMEM:
		return "not enough locked memory for the ring buffer; try a smaller --buffer-size";
	default:
		return "rerun with -d to see the BPF verifier's log";
	}
}

/* A stacks object that fails to load most likely met a kernel without its kfuncs. */
static const char *fail_hint(const struct rn_engine *e, const char *stage, int err)
{
	if (e->ops == &rn_skel_stacks && !strcmp(stage, "load") && err != -EPERM && err != -EACCES)
		return "--source and -k need Linux 6.7 or later (the BPF task VMA iterator): trace "
		       "without them, or rerun with -d to see the verifier's log";
	return load_hint(err);
}

/* The traced-tgid bitmap, shared with BPF (its map is BPF_F_MMAPABLE). */
static int map_traced(struct rn_engine *e)
{
	void *p;

	e->traced_len = RN_TRACED_WORDS * sizeof(uint64_t);
	p = mmap(NULL, e->traced_len, PROT_READ | PROT_WRITE, MAP_SHARED,
		 e->skel->maps.traced_bits.map_fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	e->traced_bits = p;
	return 0;
}

/*
 * What a run sets in loaded programs: the syscall filter and the capture table, and, in
 * programs an earlier run used, no trace of that run (its targets, bitmap and counters;
 * a new generation voids what its threads cached). A run killed mid-trace leaves them so.
 */
static int configure(struct rn_engine *e, const struct rn_engine_opts *o)
{
	int fd = e->skel->maps.targets.map_fd, ret;
	uint64_t *zero;
	uint32_t key;

	if (o && o->filter)
		memcpy(e->skel->bss->syscall_filter, o->filter,
		       sizeof(e->skel->bss->syscall_filter));
	else
		memset(e->skel->bss->syscall_filter, 0xff, sizeof(e->skel->bss->syscall_filter));
	if (o && o->fill_compat) {
		o->fill_compat(e->skel->bss->compat_nr);
	} else {
		for (uint32_t nr = 0; nr < RN_MAX_SYSCALLS; nr++)
			e->skel->bss->compat_nr[nr] = RN_NR_COMPAT | nr;
	}
	ret = load_capspecs(e, o);
	if (!ret)
		ret = map_traced(e);
	if (ret || !e->reused)
		return ret;
	/* a tgid's bit is set while it is in targets: clear those, not all 512 KiB of bits (a
	 * bit left set by a run killed between the two only costs that tgid a hash lookup) */
	while (!bpf_map_get_next_key(fd, NULL, &key)) {
		if (bpf_map_delete_elem(fd, &key))
			return -errno;
		if (key / 64 < RN_TRACED_WORDS)
			__atomic_fetch_and(&e->traced_bits[key / 64], ~(1ULL << (key % 64)),
					   __ATOMIC_SEQ_CST);
	}
	zero = calloc((size_t)e->ncpus, sizeof(uint64_t));
	if (!zero)
		return -ENOMEM;
	for (key = 0; key < RN_CNT__MAX && !ret; key++) {
		if (bpf_map_update_elem(e->skel->maps.counters.map_fd, &key, zero, BPF_ANY))
			ret = -errno;
	}
	free(zero);
	__atomic_fetch_add(&e->skel->data->targets_gen, 1, __ATOMIC_SEQ_CST);
	return ret;
}

/* Opens the skeleton and sets what the programs read as constants. */
static int open_skel(struct rn_engine *e, const struct rn_engine_opts *o)
{
	struct renacer *sk;

	e->ops = o && o->stack_bytes ? &rn_skel_stacks : &rn_skel_default;
	sk = e->ops->open();
	if (!sk)
		return errno ? -errno : -ENOMEM;
	e->skel = sk;
	sk->rodata->snaplen = o && o->snaplen ? o->snaplen : RN_STRSIZE_DEFAULT;
	sk->rodata->capture_objs = o && o->capture_objs;
	if (e->ops->set_stack_bytes)
		e->ops->set_stack_bytes(sk, o->stack_bytes > RN_STACK_BYTES_MAX ? RN_STACK_BYTES_MAX
										: o->stack_bytes);
	if (getrandom(&sk->rodata->obj_secret, sizeof(sk->rodata->obj_secret), 0) < 0)
		sk->rodata->obj_secret = (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL;
	/* Wake the consumer at 1/16 fill: few wakeups, and room left while it runs. */
	sk->rodata->wakeup_bytes = e->ring_each / 16;
	sk->rodata->nrings = (uint32_t)e->nrings;
	return 0;
}

/* The programs' constants without the secret: what pinned programs must match. */
static uint64_t knobs_hash(const struct rn_skel_ops *ops, struct renacer *sk)
{
	uint64_t secret = sk->rodata->obj_secret, h = 0xcbf29ce484222325ULL ^ RN_PIN_LAYOUT;
	const unsigned char *b = (const unsigned char *)sk->rodata;

	sk->rodata->obj_secret = 0;
	for (size_t i = 0; i < ops->rodata_size; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	sk->rodata->obj_secret = secret;
	return h;
}

/* The skeleton's maps and programs as pin.c sees them (the structs hold nothing else), and
 * the rings (fds). */
static struct rn_pin_objs skel_objs(const struct rn_engine *e, int *rings)
{
	return (struct rn_pin_objs){
	    .maps = (struct bpf_map_desc *)&e->skel->maps,
	    .nmaps = (int)(sizeof(e->skel->maps) / sizeof(struct bpf_map_desc)),
	    .progs = (struct bpf_prog_desc *)&e->skel->progs,
	    .nprogs = (int)(sizeof(e->skel->progs) / sizeof(struct bpf_prog_desc)),
	    .rings = rings,
	    .nrings = e->keep_rings ? e->nrings : 0,
	    .ring_bytes = e->ring_each,
	};
}

/*
 * Claims pinned programs and rings made by an earlier run with the same constants (1), or
 * readies this run to pin what it loads (0); without pins (not root, no bpffs) it says
 * why with -d and the programs are loaded as before.
 */
static int claim_pinned(struct rn_engine *e, const struct rn_engine_opts *o)
{
	int rings[RN_MAX_RINGS], ret;
	struct rn_pin_objs objs = skel_objs(e, rings);
	char why[320];

	if (!o || !o->pin_root || !*o->pin_root)
		return 0;
	for (int i = 0; i < RN_MAX_RINGS; i++)
		rings[i] = -1;
	ret = rn_pin__claim(&e->pin, o->pin_root, e->ops->name, e->ops->id,
			    knobs_hash(e->ops, e->skel), &objs, why, sizeof(why));
	if (ret < 0)
		rn_debug("BPF programs not pinned: %s", why);
	if (ret != 1)
		return 0;
	ret = e->keep_rings
		  ? rn_rings__adopt(&e->rings, rings, e->nrings, e->ring_each)
		  : rn_rings__new(&e->rings, e->skel->maps.rings.map_fd, e->nrings, e->ring_each);
	return ret ? ret : 1;
}

static void publish_pinned(struct rn_engine *e)
{
	int rings[RN_MAX_RINGS];
	struct rn_pin_objs objs = skel_objs(e, rings);
	int ret;

	if (!e->pin)
		return;
	for (int i = 0; i < e->nrings; i++)
		rings[i] = rn_rings__fd(e->rings, i);
	ret = rn_pin__publish(e->pin, &objs);
	if (ret)
		rn_debug("BPF programs not pinned: %s", strerror(-ret));
}

/*
 * Loads through the light skeleton: one loader program creates the maps and loads the
 * programs, and the kernel does the CO-RE relocations against its own BTF, so no
 * process parses /sys/kernel/btf/vmlinux (that was most of a 0.11 s start-up). When
 * the load fails and debug messages were asked for (renacerctl -d, renacerd -v), it is
 * redone with the verifier's log.
 */
static int load(struct rn_engine *e, const struct rn_engine_opts *o)
{
	enum { LOG_SIZE = 1 << 20 };
	char *log;
	int ret = e->ops->load(e->skel);

	if (!ret || rn_log_level < RN_LOG_DEBUG)
		return ret;
	e->ops->destroy(e->skel);
	e->skel = NULL;
	log = calloc(1, LOG_SIZE);
	if (!log || open_skel(e, o)) {
		free(log);
		return ret;
	}
	e->skel->ctx.log_level = 1;
	e->skel->ctx.log_size = LOG_SIZE;
	e->skel->ctx.log_buf = (uint64_t)(uintptr_t)log;
	ret = e->ops->load(e->skel);
	if (ret) {
		size_t len = strlen(log);

		/* the verifier's verdict is at the end */
		rn_debug("BPF verifier log (last 4 KiB):\n%s", log + (len > 4096 ? len - 4096 : 0));
	}
	free(log);
	return ret;
}

/* The rings are made on a thread while the loader runs: neither needs the other, and the
 * kernel zeroes and maps every page of a ring (2 x 8 MiB: a tenth of a start). */
struct ring_job {
	struct rn_rings *rings;
	int n, ret;
	size_t each;
};

static void *make_rings(void *arg)
{
	struct ring_job *j = arg;

	j->ret = rn_rings__new(&j->rings, -1, j->n, j->each);
	return NULL;
}

/* Milliseconds since *t, and *t set to now: the start-up breakdown -d prints. */
static double lap_ms(struct timespec *t)
{
	struct timespec now;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
	*t = now;
	return ms;
}

int rn_engine__new(struct rn_engine **out, const struct rn_engine_opts *o,
		   const struct rn_sink *sink, char *err, size_t errlen)
{
	size_t ring = o && o->ring_bytes ? o->ring_bytes : RN_RING_DEFAULT;
	struct ring_job job = {0};
	bool threaded;
	pthread_t tid;
	double ms[4];
	char how[96];
	struct timespec t;
	struct rn_engine *e;
	const char *stage;
	int ret;

	*out = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t);
	if (ring < 4096 || (ring & (ring - 1))) {
		snprintf(err, errlen, "buffer size %zu is not a power of two of at least 4096",
			 ring);
		return -EINVAL;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->epfd = -1;
	e->no_cgroup_watch = o && o->no_cgroup_watch;
	e->demux = rn_demux__new(sink);
	if (!e->demux) {
		free(e);
		return -ENOMEM;
	}
	rn_log__route_libbpf();
	stage = "size the ring buffers of";
	e->ncpus = libbpf_num_possible_cpus();
	if (e->ncpus <= 0) {
		ret = e->ncpus ? e->ncpus : -EINVAL;
		goto fail;
	}
	/* the buffer size is the total: split over the CPUs' rings, each a power of two */
	e->nrings = e->ncpus < RN_MAX_RINGS ? e->ncpus : RN_MAX_RINGS;
	e->ring_each = ring;
	while (e->ring_each > 4096 && e->ring_each * (size_t)e->nrings > ring)
		e->ring_each /= 2;
	e->keep_rings = e->ring_each * (size_t)e->nrings <= RN_RING_DEFAULT;

	stage = "load";
	ret = open_skel(e, o);
	if (ret)
		goto fail;
	ret = claim_pinned(e, o);
	if (ret < 0) {
		stage = "create the ring buffers of";
		goto fail;
	}
	e->reused = ret == 1;
	if (!e->reused) {
		job.n = e->nrings;
		job.each = e->ring_each;
		threaded = !pthread_create(&tid, NULL, make_rings, &job);
		ret = load(e, o);
		if (threaded)
			pthread_join(tid, NULL);
		else
			make_rings(&job);
		e->rings = job.rings;
		if (ret)
			goto fail;
		stage = "create the ring buffers of";
		ret = job.ret ? job.ret : rn_rings__insert(e->rings, e->skel->maps.rings.map_fd);
		if (ret)
			goto fail;
		publish_pinned(e);
	}
	ms[0] = lap_ms(&t);
	stage = "configure";
	ret = configure(e, o);
	if (ret)
		goto fail;
	ms[1] = lap_ms(&t);
	stage = "watch the ring buffers of";
	e->epfd = epoll_create1(EPOLL_CLOEXEC);
	ret = e->epfd < 0 ? -errno : rn_rings__watch(e->rings, e->epfd);
	if (ret)
		goto fail;
	ms[2] = lap_ms(&t);
	stage = "attach";
	ret = o && o->detached ? 0 : rn_engine__attach(e);
	if (ret)
		goto fail;
	ms[3] = lap_ms(&t);
	if (e->reused)
		snprintf(how, sizeof(how), "pinned programs reused, slot %d: no verifier, %s",
			 rn_pin__slot(e->pin), e->keep_rings ? "its rings kept" : "new rings");
	else if (rn_pin__slot(e->pin) >= 0)
		snprintf(how, sizeof(how),
			 "maps, programs, verifier, the rings meanwhile; pinned as slot %d",
			 rn_pin__slot(e->pin));
	else
		snprintf(how, sizeof(how),
			 "maps, programs, verifier, the rings meanwhile; not pinned");
	rn_debug("engine start: load %.1f ms (%s), configure %.1f ms, %d "
		 "rings of %zu KiB %.1f ms, attach %.1f ms",
		 ms[0], how, ms[1], e->nrings, e->ring_each >> 10, ms[2], ms[3]);
	*out = e;
	return 0;
fail:
	if (ret >= 0)
		ret = -EINVAL;
	snprintf(err, errlen, "cannot %s the BPF programs: %s (%s)", stage, strerror(-ret),
		 fail_hint(e, stage, ret));
	rn_engine__free(e);
	return ret;
}

#define PROG_INDEX(name)                                                                           \
	((int)((offsetof(struct renacer, progs.name) - offsetof(struct renacer, progs)) /          \
	       sizeof(struct bpf_prog_desc)))
_Static_assert(sizeof(((struct renacer *)0)->links) == sizeof(((struct renacer *)0)->progs) /
							   sizeof(struct bpf_prog_desc) *
							   sizeof(int),
	       "a link per program, in the order of the programs");

static bool cgroup_watch_prog(int i)
{
	return i == PROG_INDEX(rn_cgroup_attach) || i == PROG_INDEX(rn_cgroup_mkdir) ||
	       i == PROG_INDEX(rn_cgroup_rmdir);
}

/* As the skeleton's attach (every program is tp_btf: a raw tracepoint link each), but
 * without [[watch]]'s programs when the engine was asked so. */
int rn_engine__attach(struct rn_engine *e)
{
	struct bpf_prog_desc *progs = (struct bpf_prog_desc *)&e->skel->progs;
	int *links = (int *)&e->skel->links;
	int n = (int)(sizeof(e->skel->progs) / sizeof(*progs));

	if (e->attached)
		return 0;
	for (int i = 0; i < n; i++) {
		int fd;

		if (e->no_cgroup_watch && cgroup_watch_prog(i))
			continue;
		fd = skel_raw_tracepoint_open(NULL, progs[i].prog_fd);
		if (fd < 0) {
			/* the light skeleton returns the syscall's -1, the cause is in errno */
			int ret = errno ? -errno : -EINVAL;

			detach_links(e);
			return ret;
		}
		links[i] = fd;
	}
	e->attached = true;
	return 0;
}

void rn_engine__detach(struct rn_engine *e)
{
	if (e && e->attached)
		detach_links(e);
}

bool rn_engine__attached(const struct rn_engine *e)
{
	return e && e->attached;
}

void rn_engine__free(struct rn_engine *e)
{
	if (!e)
		return;
	if (e->epfd >= 0)
		close(e->epfd);
	if (e->traced_bits)
		munmap(e->traced_bits, e->traced_len);
	/* pinned, the array of rings would keep rings not kept until the slot's next run */
	if (e->pin && e->skel && !e->keep_rings) {
		rn_engine__detach(e);
		for (uint32_t i = 0; i < (uint32_t)e->nrings; i++)
			bpf_map_delete_elem(e->skel->maps.rings.map_fd, &i);
	}
	/* the programs go first (destroy detaches them), then the rings they wrote to (kept,
	 * the slot's array of rings holds them for its next run) */
	if (e->skel)
		e->ops->destroy(e->skel);
	rn_pin__free(e->pin);
	rn_rings__free(e->rings);
	rn_demux__free(e->demux);
	free(e);
}

int rn_engine__drain(struct rn_engine *e)
{
	struct epoll_event evs[8];

	/* take the edge-triggered wakeups, so that the epoll fd is quiet until the next */
	while (epoll_wait(e->epfd, evs, 8, 0) == 8)
		;
	return rn_rings__drain(e->rings, on_record, e);
}

int rn_engine__wait_fd(struct rn_engine *e)
{
	return e->epfd;
}

int rn_engine__watch(struct rn_engine *e, int fd)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};

	return epoll_ctl(e->epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

int rn_engine__backlog(struct rn_engine *e)
{
	return rn_rings__backlog(e->rings, e->ring_each / 16);
}

int rn_engine__wait(struct rn_engine *e, int timeout_ms)
{
	struct epoll_event evs[4];
	int n;

	if (rn_engine__backlog(e))
		return 1;
	n = epoll_wait(e->epfd, evs, 4, timeout_ms);

	return n < 0 && errno != EINTR ? -errno : (n > 0 ? n : 0);
}

void rn_engine__set_raw(struct rn_engine *e, rn_raw_fn fn, void *ctx)
{
	e->raw = fn;
	e->raw_ctx = ctx;
}

int rn_engine__ring_fill(struct rn_engine *e, uint64_t *used, uint64_t *size)
{
	rn_rings__fill(e->rings, used, size);
	return 0;
}

int rn_engine__settle(struct rn_engine *e, int max_us)
{
	int n = 0, waited = 0;

	for (;;) {
		n += rn_engine__drain(e);
		/* empty: every reserved record was committed and read */
		if (rn_rings__empty(e->rings) || waited >= max_us)
			return n;
		usleep(50);
		waited += 50;
	}
}

int rn_engine__counters_percpu(struct rn_engine *e, uint64_t *out, int max_cpus)
{
	int fd = e->skel->maps.counters.map_fd;
	uint64_t *vals = calloc((size_t)e->ncpus, sizeof(uint64_t));
	int n = e->ncpus < max_cpus ? e->ncpus : max_cpus, c;
	uint32_t k;

	if (!vals)
		return -ENOMEM;
	for (k = 0; k < RN_CNT__MAX; k++) {
		if (bpf_map_lookup_elem(fd, &k, vals))
			continue;
		for (c = 0; c < n; c++)
			out[c * RN_CNT__MAX + k] = vals[c];
	}
	free(vals);
	return n;
}

int rn_engine__counters(struct rn_engine *e, uint64_t *out)
{
	uint64_t *per = calloc((size_t)e->ncpus * RN_CNT__MAX, sizeof(uint64_t));
	int n, c, k;

	if (!per)
		return -ENOMEM;
	n = rn_engine__counters_percpu(e, per, e->ncpus);
	for (k = 0; k < RN_CNT__MAX; k++) {
		out[k] = 0;
		for (c = 0; c < n; c++)
			out[k] += per[c * RN_CNT__MAX + k];
	}
	free(per);
	return n < 0 ? n : 0;
}
