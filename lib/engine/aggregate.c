// SPDX-License-Identifier: MIT
#include "aggregate.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

#define BATCH 256

struct rn_agg {
	struct aggregate *skel;
	struct ring_buffer *ring;
	rn_agg_rec_fn rec_fn;
	void *rec_ctx;
	int ncpus;
	uint32_t max_keys, max_errs; /* the kernel maps' bounds */
	bool attached;
	/* per map (`agg`, `agg_errs`): entries deleted by user space, live at the last walk,
	 * and the evictions that implies (the highest made - deleted - live seen) */
	uint64_t deleted[2], live[2], evicted[2];
	/* batch buffers: keys and per-CPU values */
	struct rn_agg_key *keys;
	struct rn_agg_val *vals, sum;
	struct rn_agg_errkey *ekeys;
	uint64_t *evals;
	uint64_t *cnt; /* one counter's per-CPU values */
};

static void detach_links(struct rn_agg *a)
{
	aggregate__detach(a->skel);
	/* the skeleton keeps the closed numbers: forget them (a descriptor may be reused) */
	memset(&a->skel->links, 0, sizeof(a->skel->links));
	a->attached = false;
}

static int on_ring(void *ctx, void *data, size_t size)
{
	struct rn_agg *a = ctx;

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
	a->skel->maps.agg.max_entries = a->max_keys;
	a->skel->maps.agg_errs.max_entries = a->max_errs;
	ret = aggregate__load(a->skel);
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

static void sum_val(struct rn_agg_val *s, const struct rn_agg_val *percpu, int ncpus)
{
	int c, b;

	memset(s, 0, sizeof(*s));
	for (c = 0; c < ncpus; c++) {
		const struct rn_agg_val *v = &percpu[c];

		s->calls += v->calls;
		s->errors += v->errors;
		s->bytes += v->bytes;
		s->sum_ns += v->sum_ns;
		if (v->max_ns > s->max_ns)
			s->max_ns = v->max_ns;
		for (b = 0; b < RN_AGG_HIST; b++)
			s->hist[b] += v->hist[b];
	}
}

/*
 * Walks a map in batches (the kernel copies up to BATCH entries a call). Returns the
 * entries seen, or what fn returned to stop, or -errno.
 */
static int walk(int m, int fd, void *keys, void *vals,
		int (*each)(struct rn_agg *a, uint32_t i, void *ctx), struct rn_agg *a, void *ctx)
{
	uint32_t token = 0, n, i;
	bool first = true, done = false;
	uint64_t seen = 0, deleted = a->deleted[m], c[RN_AGG_CNT__MAX], made;
	int ret;

	/* made is read first: entries made during the walk are live, never taken as evicted */
	ret = rn_agg__counters(a, c);
	if (ret)
		return ret;
	made = c[m ? RN_AGG_CNT_ERRKEYS : RN_AGG_CNT_KEYS];

	while (!done) {
		LIBBPF_OPTS(bpf_map_batch_opts, opts);

		n = BATCH;
		ret =
		    bpf_map_lookup_batch(fd, first ? NULL : &token, &token, keys, vals, &n, &opts);
		if (ret < 0) {
			ret = -errno;
			if (ret != -ENOENT)
				return ret;
			done = true; /* the last batch, possibly not empty */
		}
		first = false;
		for (i = 0; i < n; i++) {
			ret = each(a, i, ctx);
			if (ret)
				return ret;
		}
		seen += n;
	}
	a->live[m] = seen - (a->deleted[m] - deleted); /* those deleted now are not live */
	if (made > a->deleted[m] + a->live[m] && made - a->deleted[m] - a->live[m] > a->evicted[m])
		a->evicted[m] = made - a->deleted[m] - a->live[m];
	return 0;
}

struct walk_ctx {
	rn_agg_entry_fn fn;
	rn_agg_err_fn efn;
	void *ctx;
};

static int each_val(struct rn_agg *a, uint32_t i, void *ctx)
{
	struct walk_ctx *w = ctx;

	int ret;

	sum_val(&a->sum, &a->vals[(size_t)i * a->ncpus], a->ncpus);
	ret = w->fn(w->ctx, &a->keys[i], &a->sum);
	if (ret > 0 && !bpf_map_delete_elem(a->skel->maps.agg.map_fd, &a->keys[i]))
		a->deleted[0]++;
	return ret < 0 ? ret : 0;
}

static int each_err(struct rn_agg *a, uint32_t i, void *ctx)
{
	struct walk_ctx *w = ctx;
	uint64_t n = 0;
	int c;

	int ret;

	for (c = 0; c < a->ncpus; c++)
		n += a->evals[(size_t)i * a->ncpus + c];
	ret = w->efn(w->ctx, &a->ekeys[i], n);
	if (ret > 0 && !bpf_map_delete_elem(a->skel->maps.agg_errs.map_fd, &a->ekeys[i]))
		a->deleted[1]++;
	return ret < 0 ? ret : 0;
}

int rn_agg__read(struct rn_agg *a, rn_agg_entry_fn fn, void *ctx)
{
	struct walk_ctx w = {.fn = fn, .ctx = ctx};

	return walk(0, a->skel->maps.agg.map_fd, a->keys, a->vals, each_val, a, &w);
}

int rn_agg__read_errors(struct rn_agg *a, rn_agg_err_fn fn, void *ctx)
{
	struct walk_ctx w = {.efn = fn, .ctx = ctx};

	return walk(1, a->skel->maps.agg_errs.map_fd, a->ekeys, a->evals, each_err, a, &w);
}

/* Deletes the keys of tgid found by a walk of fd. */
static int forget_in(int fd, void *keys, void *vals, size_t ksize, uint32_t tgid)
{
	uint32_t token = 0, n, i;
	bool first = true, done = false;
	int gone = 0, ret;

	/* keys are collected first: deleting while walking a hash map's buckets skips some */
	while (!done) {
		LIBBPF_OPTS(bpf_map_batch_opts, opts);

		n = BATCH;
		ret =
		    bpf_map_lookup_batch(fd, first ? NULL : &token, &token, keys, vals, &n, &opts);
		if (ret < 0) {
			if (errno != ENOENT)
				return -errno;
			done = true;
		}
		first = false;
		for (i = 0; i < n; i++) {
			const char *k = (const char *)keys + i * ksize;
			uint32_t kt;

			memcpy(&kt, k, sizeof(kt)); /* both key kinds start with the tgid */
			if (kt == tgid && !bpf_map_delete_elem(fd, k))
				gone++;
		}
	}
	return gone;
}

int rn_agg__forget(struct rn_agg *a, uint32_t tgid)
{
	int n = forget_in(a->skel->maps.agg.map_fd, a->keys, a->vals, sizeof(*a->keys), tgid);
	int m =
	    forget_in(a->skel->maps.agg_errs.map_fd, a->ekeys, a->evals, sizeof(*a->ekeys), tgid);

	if (n > 0)
		a->deleted[0] += (uint64_t)n;
	if (m > 0)
		a->deleted[1] += (uint64_t)m;
	return n < 0 ? n : m < 0 ? m : n + m;
}

int rn_agg__consume(struct rn_agg *a, rn_agg_rec_fn fn, void *ctx)
{
	a->rec_fn = fn;
	a->rec_ctx = ctx;
	return ring_buffer__consume(a->ring);
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

uint32_t rn_agg__max_keys(const struct rn_agg *a)
{
	return a->max_keys;
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
	       (uint64_t)a->max_errs * (sizeof(struct rn_agg_errkey) + per * sizeof(uint64_t)) +
	       (1u << 20);
}
