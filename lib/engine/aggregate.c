// SPDX-License-Identifier: MIT
#include "aggregate_int.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "aggregate.skel.h" /* light skeleton, as the tracing engine's */
#include "log.h"

_Static_assert(sizeof(struct rn_agg_key) == 8, "rn_agg_key: keep in sync with bpf/aggregate_abi.h");
_Static_assert(sizeof(struct rn_agg_val) == 8 * (5 + RN_AGG_HIST), "rn_agg_val layout changed");
_Static_assert(sizeof(struct rn_agg_errkey) == 8, "rn_agg_errkey layout changed");
_Static_assert(sizeof(struct rn_agg_sysinfo) == 16, "rn_agg_sysinfo layout changed");
_Static_assert(sizeof(struct rn_agg_proc) == 48 + RN_AGG_COMM + RN_AGG_EXE,
	       "rn_agg_proc layout changed");
_Static_assert(sizeof(struct rn_agg_slow) == 16 + 8 * RN_AGG_NR_ARGS + 24,
	       "rn_agg_slow layout changed");
_Static_assert(sizeof(struct rn_agg_slot) == 16 + 2 * RN_AGG_CELLS + RN_AGG_SYSCALLS +
						 RN_AGG_CELLS * RN_AGG_CELL_ERRS * 10 +
						 RN_AGG_CELLS * sizeof(struct rn_agg_val),
	       "rn_agg_slot layout changed");
_Static_assert(RN_AGG_CELLS < 256, "a slot's cell numbers are bytes");

#define BATCH 256

static void detach_links(struct rn_agg *a)
{
	aggregate__detach(a->skel);
	/* the skeleton keeps the closed numbers: forget them (a descriptor may be reused) */
	memset(&a->skel->links, 0, sizeof(a->skel->links));
	a->attached = false;
}

/* The ring saw process tgid exit: its aggregates go after the next read. 0 or -ENOMEM. */
static int exited(struct rn_agg *a, uint32_t tgid)
{
	if (a->nexited == a->capexited) {
		size_t cap = a->capexited ? 2 * a->capexited : 64;
		uint32_t *e = realloc(a->exited, cap * sizeof(*e));

		if (!e)
			return -ENOMEM;
		a->exited = e;
		a->capexited = cap;
	}
	a->exited[a->nexited++] = tgid;
	return 0;
}

static int on_ring(void *ctx, void *data, size_t size)
{
	const struct rn_agg_proc *p = data;
	struct rn_agg *a = ctx;

	if (size >= sizeof(*p) && p->kind == RN_AGG_REC_EXIT && exited(a, p->tgid))
		return -ENOMEM;
	return a->rec_fn ? a->rec_fn(a->rec_ctx, data, size) : 0;
}

int rn_agg__set_sysinfo(struct rn_agg *a, const struct rn_agg_sysinfo *tab)
{
	uint32_t nr;

	for (nr = 0; nr < RN_AGG_SYSCALLS; nr++)
		if (bpf_map_update_elem(a->skel->maps.sysinfo.map_fd, &nr, &tab[nr], BPF_ANY))
			return -errno;
	return 0;
}

static const char *load_hint(int err)
{
	switch (err) {
	case -EPERM:
	case -EACCES:
		return "run renacerd as root, or with CAP_BPF and CAP_PERFMON";
	case -ENOENT:
	case -ESRCH:
		return "the kernel lacks BTF or a tracepoint (needs CONFIG_DEBUG_INFO_BTF)";
	default:
		return "rerun renacerd with -vv to see the BPF loader's messages";
	}
}

/* Maps the slots and pushes every slot's number on the free stack, the first on top. */
static int map_slots(struct rn_agg *a)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	uint32_t i;
	void *m;

	a->slots_len = ((size_t)a->nslots * sizeof(struct rn_agg_slot) + page - 1) / page * page;
	m = mmap(NULL, a->slots_len, PROT_READ | PROT_WRITE, MAP_SHARED, a->skel->maps.slots.map_fd,
		 0);
	if (m == MAP_FAILED)
		return -errno;
	a->slots = m;
	a->slots_taken = (const volatile uint64_t *)&a->skel->bss->slots_taken;
	a->agg_fd = a->skel->maps.agg.map_fd;
	a->errs_fd = a->skel->maps.agg_errs.map_fd;
	a->free_fd = a->skel->maps.free_slots.map_fd;
	a->cnt_fd = a->skel->maps.agg_counters.map_fd;
	a->lost_fd = a->skel->maps.lost_exits.map_fd;
	for (i = a->nslots; i-- > 0;)
		if (bpf_map_update_elem(a->free_fd, NULL, &i, BPF_ANY))
			return -errno;
	return 0;
}

int rn_agg__new(struct rn_agg **out, const struct rn_agg_opts *o, char *err, size_t errlen)
{
	static struct rn_agg_sysinfo tab[RN_AGG_SYSCALLS];
	const char *stage = "allocate";
	struct rn_agg *a;
	int ret = -ENOMEM;

	*out = NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		goto fail;
	rn_log__route_libbpf();
	a->ncpus = libbpf_num_possible_cpus();
	if (a->ncpus <= 0) {
		ret = a->ncpus ? a->ncpus : -EINVAL;
		goto fail;
	}
	a->keys = calloc(BATCH, sizeof(*a->keys));
	a->vals = calloc((size_t)BATCH * a->ncpus, sizeof(*a->vals));
	a->ekeys = calloc(BATCH, sizeof(*a->ekeys));
	a->evals = calloc((size_t)BATCH * a->ncpus, sizeof(*a->evals));
	a->cnt = calloc(a->ncpus, sizeof(*a->cnt));
	if (!a->keys || !a->vals || !a->ekeys || !a->evals || !a->cnt)
		goto fail;
	stage = "load";
	a->skel = aggregate__open();
	if (!a->skel) {
		ret = errno ? -errno : -ENOMEM;
		goto fail;
	}
	a->skel->rodata->self_tgid = o ? o->self_tgid : 0;
	a->max_keys = o && o->max_keys ? o->max_keys : RN_AGG_MAX_KEYS;
	a->max_errs = a->max_keys / 4 > 256 ? a->max_keys / 4 : 256;
	/* the light skeleton's loader takes a map's size from here */
	a->nslots = a->max_keys / RN_AGG_KEYS_PER_SLOT;
	if (a->nslots > RN_AGG_MAX_SLOTS)
		a->nslots = RN_AGG_MAX_SLOTS;
	a->skel->maps.agg.max_entries = a->max_keys;
	a->skel->maps.agg_errs.max_entries = a->max_errs;
	a->skel->maps.slots.max_entries = a->nslots;
	a->skel->maps.free_slots.max_entries = a->nslots;
	ret = aggregate__load(a->skel);
	if (ret)
		goto fail;
	stage = "map the thread slots of";
	ret = map_slots(a);
	if (ret)
		goto fail;
	stage = "configure";
	memset(tab, 0, sizeof(tab));
	if (o && o->fill_sysinfo)
		o->fill_sysinfo(tab, o->fill_ctx);
	ret = rn_agg__set_sysinfo(a, tab);
	if (ret)
		goto fail;
	stage = "read the ring of";
	a->ring = ring_buffer__new(a->skel->maps.agg_ring.map_fd, on_ring, a, NULL);
	if (!a->ring) {
		ret = errno ? -errno : -ENOMEM;
		goto fail;
	}
	*out = a;
	return 0;
fail:
	if (ret >= 0)
		ret = -EINVAL;
	snprintf(err, errlen, "cannot %s the system-wide BPF programs: %s (%s)", stage,
		 strerror(-ret), load_hint(ret));
	rn_agg__free(a);
	return ret;
}

void rn_agg__free(struct rn_agg *a)
{
	if (!a)
		return;
	if (a->slots)
		munmap(a->slots, a->slots_len);
	free(a->sums);
	free(a->kept);
	free(a->lrus);
	free(a->exited);
	rn_hmap__free(&a->at);
	rn_hmap__free(&a->live_tgids);
	rn_hmap__free(&a->gone);
	ring_buffer__free(a->ring);
	if (a->skel)
		aggregate__destroy(a->skel); /* detaches too */
	free(a->keys);
	free(a->vals);
	free(a->ekeys);
	free(a->evals);
	free(a->cnt);
	free(a);
}

int rn_agg__attach(struct rn_agg *a)
{
	int ret;

	if (a->attached)
		return 0;
	ret = aggregate__attach(a->skel);
	if (ret) {
		detach_links(a);
		return ret;
	}
	a->attached = true;
	return 0;
}

void rn_agg__detach(struct rn_agg *a)
{
	if (a && a->attached)
		detach_links(a);
}

bool rn_agg__attached(const struct rn_agg *a)
{
	return a && a->attached;
}

int rn_agg__consume(struct rn_agg *a, rn_agg_rec_fn fn, void *ctx)
{
	uint32_t tgid;
	int ret;

	a->rec_fn = fn;
	a->rec_ctx = ctx;
	ret = ring_buffer__consume(a->ring);
	/* the exits whose record was lost: the processes are read once more and forgotten */
	while (ret >= 0 && !bpf_map_lookup_and_delete_elem(a->lost_fd, NULL, &tgid))
		if (exited(a, tgid))
			ret = -ENOMEM;
	return ret;
}

int rn_agg__counters(struct rn_agg *a, uint64_t *out)
{
	uint64_t *v = calloc(a->ncpus, sizeof(*v));
	uint32_t k;
	int c;

	if (!v)
		return -ENOMEM;
	for (k = 0; k < RN_AGG_CNT__MAX; k++) {
		out[k] = 0;
		if (bpf_map_lookup_elem(a->skel->maps.agg_counters.map_fd, &k, v))
			continue;
		for (c = 0; c < a->ncpus; c++)
			out[k] += v[c];
	}
	free(v);
	return 0;
}

uint64_t rn_agg__keys_made(struct rn_agg *a)
{
	uint32_t k = RN_AGG_CNT_KEYS;
	uint64_t n = 0;

	if (!bpf_map_lookup_elem(a->skel->maps.agg_counters.map_fd, &k, a->cnt))
		for (int c = 0; c < a->ncpus; c++)
			n += a->cnt[c];
	return n;
}

uint64_t rn_agg__evicted(const struct rn_agg *a)
{
	return a->evicted[0] + a->evicted[1];
}

uint64_t rn_agg__map_bytes(const struct rn_agg *a)
{
	uint64_t per = (uint64_t)a->ncpus;

	return (uint64_t)a->max_keys *
		   (sizeof(struct rn_agg_key) + per * sizeof(struct rn_agg_val)) +
	       (uint64_t)a->nslots * (sizeof(struct rn_agg_slot) + sizeof(uint32_t)) +
	       (uint64_t)a->max_errs * (sizeof(struct rn_agg_errkey) + per * sizeof(uint64_t)) +
	       RN_AGG_LOST_EXITS * sizeof(uint32_t) + (1u << 20);
}
