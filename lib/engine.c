// SPDX-License-Identifier: MIT
#include "engine.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "log.h"
#include "renacer.skel.h"
#include "systable.h"

/* execve's argv arrives in an enter record; it waits here for the exit record. */
#define PENDING_SLOTS 64

struct pending_enter {
	uint32_t tid;
	struct rn_sys_rec *rec;
};

struct rn_engine {
	struct renacer *skel;
	struct ring_buffer *ring;
	struct rn_sink sink;
	struct pending_enter pending[PENDING_SLOTS];
	int ncpus;
};

_Static_assert(sizeof(struct rn_rec) == 16, "rn_rec layout: keep in sync with bpf/renacer_abi.h");
_Static_assert(sizeof(struct rn_sys_rec) == 96, "rn_sys_rec layout changed");
_Static_assert(sizeof(struct rn_item) == 8, "rn_item layout changed");
_Static_assert(sizeof(struct rn_capspec) == 8, "rn_capspec layout changed");
_Static_assert(sizeof(struct rn_sysspec) == 56, "rn_sysspec layout changed");
_Static_assert(sizeof(struct rn_proc_rec) == 56, "rn_proc_rec layout changed");
_Static_assert(sizeof(struct rn_fdobj) == 16, "rn_fdobj layout changed");
_Static_assert(sizeof(struct rn_sig_rec) == 56, "rn_sig_rec layout changed");
_Static_assert(sizeof(struct rn_target) == 8, "rn_target layout changed");

static struct pending_enter *pending_slot(struct rn_engine *e, uint32_t tid)
{
	return &e->pending[tid % PENDING_SLOTS];
}

static void keep_enter(struct rn_engine *e, const struct rn_sys_rec *r)
{
	struct pending_enter *p = pending_slot(e, r->h.tid);
	struct rn_sys_rec *copy = malloc(r->h.size);

	if (!copy)
		return;
	memcpy(copy, r, r->h.size);
	free(p->rec);
	p->tid = r->h.tid;
	p->rec = copy;
}

/* The enter record of tid's call nr; after a successful exec the tid may have changed. */
static struct rn_sys_rec *take_enter(struct rn_engine *e, const struct rn_sys_rec *r)
{
	struct pending_enter *p = pending_slot(e, r->h.tid);
	int i;

	if (p->rec && p->tid == r->h.tid && p->rec->nr == r->nr)
		return p->rec;
	for (i = 0; i < PENDING_SLOTS; i++) {
		p = &e->pending[i];
		if (p->rec && p->rec->h.tgid == r->h.tgid && p->rec->nr == r->nr)
			return p->rec;
	}
	return NULL;
}

static void drop_enter(struct rn_engine *e, struct rn_sys_rec *rec)
{
	int i;

	for (i = 0; i < PENDING_SLOTS; i++)
		if (e->pending[i].rec == rec) {
			free(rec);
			e->pending[i].rec = NULL;
		}
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct rn_engine *e = ctx;
	const struct rn_rec *h = data;
	struct rn_event ev;

	if (size < sizeof(*h) || h->size > size)
		return 0;
	switch (h->kind) {
	case RN_REC_SYSCALL:
		if (size < sizeof(struct rn_sys_rec))
			return 0;
		ev.rec = data;
		ev.enter = (h->flags & RN_RF_HAS_ENTER) ? take_enter(e, ev.rec) : NULL;
		if (e->sink.syscall)
			e->sink.syscall(e->sink.ctx, &ev);
		if (ev.enter)
			drop_enter(e, (struct rn_sys_rec *)ev.enter);
		break;
	case RN_REC_ENTER:
		if (size >= sizeof(struct rn_sys_rec))
			keep_enter(e, data);
		break;
	case RN_REC_FORK:
	case RN_REC_EXEC:
	case RN_REC_EXIT:
		if (size >= sizeof(struct rn_proc_rec) && e->sink.proc)
			e->sink.proc(e->sink.ctx, data);
		break;
	case RN_REC_SIGNAL:
		if (size >= sizeof(struct rn_sig_rec) && e->sink.signal)
			e->sink.signal(e->sink.ctx, data);
		break;
	}
	return 0;
}

static int load_capspecs(struct rn_engine *e)
{
	static struct rn_sysspec specs[RN_MAX_SYSCALLS];
	int fd = bpf_map__fd(e->skel->maps.capspec);
	uint32_t nr;
	int i;

	memset(specs, 0, sizeof(specs));
	rn_systable__capspecs(specs);
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
		if (!s->enter_mask && !s->exit_mask)
			continue;
		if (bpf_map_update_elem(fd, &nr, s, BPF_ANY))
			return -errno;
	}
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
		return "rerun with -v to see the BPF loader's messages";
	}
}

int rn_engine__new(struct rn_engine **out, const struct rn_engine_opts *o,
		   const struct rn_sink *sink, char *err, size_t errlen)
{
	size_t ring = o && o->ring_bytes ? o->ring_bytes : RN_RING_DEFAULT;
	struct rn_engine *e;
	const char *stage;
	int ret;

	*out = NULL;
	if (ring < 4096 || (ring & (ring - 1))) {
		snprintf(err, errlen, "buffer size %zu is not a power of two of at least 4096",
			 ring);
		return -EINVAL;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->sink = *sink;
	rn_log__route_libbpf();

	stage = "open";
	e->skel = renacer__open();
	if (!e->skel) {
		ret = -errno;
		goto fail;
	}
	e->skel->rodata->snaplen = o && o->snaplen ? o->snaplen : 32;
	e->skel->rodata->capture_objs = o && o->capture_objs;
	if (getrandom(&e->skel->rodata->obj_secret, sizeof(e->skel->rodata->obj_secret), 0) < 0)
		e->skel->rodata->obj_secret = (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL;
	/* Wake the consumer at 1/16 fill: few wakeups, and room left while it runs. */
	e->skel->rodata->wakeup_bytes = ring / 16;
	if (o && o->filter)
		memcpy(e->skel->bss->syscall_filter, o->filter,
		       sizeof(e->skel->bss->syscall_filter));
	else
		memset(e->skel->bss->syscall_filter, 0xff, sizeof(e->skel->bss->syscall_filter));
	ret = bpf_map__set_max_entries(e->skel->maps.rb, (uint32_t)ring);
	if (ret)
		goto fail;

	stage = "load";
	ret = renacer__load(e->skel);
	if (ret)
		goto fail;
	stage = "configure";
	ret = load_capspecs(e);
	if (ret)
		goto fail;
	stage = "attach";
	ret = renacer__attach(e->skel);
	if (ret)
		goto fail;
	stage = "open the ring buffer of";
	e->ring = ring_buffer__new(bpf_map__fd(e->skel->maps.rb), on_record, e, NULL);
	if (!e->ring) {
		ret = -errno;
		goto fail;
	}
	e->ncpus = libbpf_num_possible_cpus();
	if (e->ncpus <= 0) {
		ret = e->ncpus ? e->ncpus : -EINVAL;
		goto fail;
	}
	*out = e;
	return 0;
fail:
	if (ret >= 0)
		ret = -EINVAL;
	snprintf(err, errlen, "cannot %s the BPF programs: %s (%s)", stage, strerror(-ret),
		 load_hint(ret));
	rn_engine__free(e);
	return ret;
}

void rn_engine__free(struct rn_engine *e)
{
	int i;

	if (!e)
		return;
	ring_buffer__free(e->ring);
	renacer__destroy(e->skel);
	for (i = 0; i < PENDING_SLOTS; i++)
		free(e->pending[i].rec);
	free(e);
}

int rn_engine__add_target(struct rn_engine *e, pid_t tgid, uint32_t flags, uint32_t session)
{
	struct rn_target t = {.flags = flags, .session = session};
	uint32_t key = (uint32_t)tgid;

	if (bpf_map_update_elem(bpf_map__fd(e->skel->maps.targets), &key, &t, BPF_ANY))
		return -errno;
	return 0;
}

int rn_engine__remove_target(struct rn_engine *e, pid_t tgid)
{
	uint32_t key = (uint32_t)tgid;

	if (bpf_map_delete_elem(bpf_map__fd(e->skel->maps.targets), &key))
		return -errno;
	return 0;
}

/* Calls fn for every target of session; deleting the current key is allowed. */
static int walk_session(struct rn_engine *e, uint32_t session, bool remove)
{
	int fd = bpf_map__fd(e->skel->maps.targets);
	uint32_t key, next, *prev = NULL;
	struct rn_target t;
	int n = 0;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		if (!bpf_map_lookup_elem(fd, &key, &t) && t.session == session) {
			n++;
			if (remove) {
				bpf_map_delete_elem(fd, &key);
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
	return walk_session(e, session, true);
}

int rn_engine__count_targets(struct rn_engine *e, uint32_t session)
{
	return walk_session(e, session, false);
}

int rn_engine__set_filter(struct rn_engine *e, const uint64_t *filter)
{
	memcpy(e->skel->bss->syscall_filter, filter, sizeof(e->skel->bss->syscall_filter));
	return 0;
}

int rn_engine__poll(struct rn_engine *e, int timeout_ms)
{
	int n = ring_buffer__poll(e->ring, timeout_ms);

	if (n == -EINTR)
		return 0;
	/* Records are submitted without wakeups below the fill mark: read them anyway. */
	if (n >= 0)
		n = ring_buffer__consume(e->ring);
	return n;
}

int rn_engine__drain(struct rn_engine *e)
{
	return ring_buffer__consume(e->ring);
}

int rn_engine__ring_fd(struct rn_engine *e)
{
	return ring_buffer__epoll_fd(e->ring);
}

int rn_engine__counters(struct rn_engine *e, uint64_t *out)
{
	int fd = bpf_map__fd(e->skel->maps.counters);
	uint64_t *vals = calloc((size_t)e->ncpus, sizeof(uint64_t));
	uint32_t k;
	int c;

	if (!vals)
		return -ENOMEM;
	for (k = 0; k < RN_CNT__MAX; k++) {
		out[k] = 0;
		if (bpf_map_lookup_elem(fd, &k, vals))
			continue;
		for (c = 0; c < e->ncpus; c++)
			out[k] += vals[c];
	}
	free(vals);
	return 0;
}
