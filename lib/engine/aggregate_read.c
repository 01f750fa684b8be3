// SPDX-License-Identifier: MIT
/*
 * A read of the system-wide aggregates: per (process, syscall) and (process, syscall, errno),
 * the threads' slots (live ones, and ended ones read a last time, zeroed and freed) and the
 * LRU maps' entries summed; what ended threads counted is kept here until their process is
 * read for the last time.
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate_int.h"

#define BATCH	256
#define ERR_KEY (1ULL << 31)

enum { M_VALS, M_ERRS }; /* the LRU maps, as indices of deleted/live/evicted */

/* A sum's key: tgid << 32, then the errno (with ERR_KEY) above bit 16, then the syscall. */
static uint64_t agg_key(uint32_t tgid, uint32_t nr, uint16_t err)
{
	return (uint64_t)tgid << 32 | (err ? ERR_KEY | (uint64_t)(err & 0x7fff) << 16 : 0) |
	       (nr & 0xffff);
}

static uint32_t key_tgid(uint64_t key)
{
	return (uint32_t)(key >> 32);
}

void rn_agg_val__add(struct rn_agg_val *s, const struct rn_agg_val *v)
{
	int b;

	s->calls += v->calls;
	s->errors += v->errors;
	s->bytes += v->bytes;
	s->sum_ns += v->sum_ns;
	if (v->max_ns > s->max_ns)
		s->max_ns = v->max_ns;
	for (b = 0; b < RN_AGG_HIST; b++)
		s->hist[b] += v->hist[b];
}

/* The read's sum for key, made if new; NULL when out of memory. */
static struct agg_sum *sum_of(struct rn_agg *a, uint64_t key)
{
	int64_t at = rn_hmap__get(&a->at, key);
	struct agg_sum *s;

	if (at >= 0)
		return &a->sums[at];
	if (a->nsums == a->capsums) {
		size_t cap = a->capsums ? 2 * a->capsums : 1024;

		s = realloc(a->sums, cap * sizeof(*s));
		if (!s)
			return NULL;
		a->sums = s;
		a->capsums = cap;
	}
	if (rn_hmap__put(&a->at, key, (uint32_t)a->nsums))
		return NULL;
	s = &a->sums[a->nsums++];
	memset(s, 0, sizeof(*s));
	s->key = key;
	return s;
}

/* Adds a slot's v to key's sum; ended: a part of an ended thread, kept until the last read. */
static int add(struct rn_agg *a, uint64_t key, const struct rn_agg_val *v, bool ended)
{
	struct agg_sum *s = sum_of(a, key);

	if (!s)
		return -ENOMEM;
	rn_agg_val__add(&s->v, v);
	s->in_slot = true;
	if (ended) {
		rn_agg_val__add(&s->ended, v);
		s->has_ended = true;
	}
	return 0;
}

static int add_count(struct rn_agg *a, uint64_t key, uint64_t n, bool ended)
{
	struct rn_agg_val v = {.calls = n};

	return add(a, key, &v, ended);
}

/* One slot's cells and their errnos. */
static int read_slot(struct rn_agg *a, const struct rn_agg_slot *sl, uint32_t ncells, bool ended)
{
	uint32_t c, j;
	int ret;

	for (c = 0; c < ncells; c++) {
		uint32_t nr = sl->nr[c] % RN_AGG_SYSCALLS;

		ret = add(a, agg_key(sl->tgid, nr, 0), &sl->val[c], ended);
		for (j = 0; j < RN_AGG_CELL_ERRS && !ret; j++) {
			uint16_t err = __atomic_load_n(&sl->err[c][j], __ATOMIC_ACQUIRE);

			if (err && sl->nerr[c][j])
				ret =
				    add_count(a, agg_key(sl->tgid, nr, err), sl->nerr[c][j], ended);
		}
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The slots: a live thread's cells are added; an ended thread's are added to what is kept,
 * then its slot is zeroed and freed (every write of the thread precedes its ENDED).
 */
static int read_slots(struct rn_agg *a)
{
	uint32_t i, n;
	int ret;

	for (i = 0; i < a->nslots; i++) {
		struct rn_agg_slot *sl = &a->slots[i];
		uint32_t state = __atomic_load_n(&sl->state, __ATOMIC_ACQUIRE);
		bool ended = state == RN_AGG_SLOT_ENDED;

		if (state == RN_AGG_SLOT_FREE)
			continue;
		n = __atomic_load_n(&sl->ncells, __ATOMIC_ACQUIRE);
		n = n < RN_AGG_CELLS ? n : RN_AGG_CELLS;
		ret = read_slot(a, sl, n, ended);
		if (!ret && !ended)
			ret = rn_hmap__put(&a->live_tgids, sl->tgid, 1);
		if (ret)
			return ret;
		if (!ended)
			continue;
		memset(sl->val, 0, n * sizeof(sl->val[0]));
		memset(sl, 0, offsetof(struct rn_agg_slot, val));
		if (bpf_map_update_elem(a->free_fd, NULL, &i, BPF_ANY))
			return -errno;
	}
	return 0;
}

/* Sums a per-CPU value. */
static void sum_cpus(struct rn_agg_val *s, const struct rn_agg_val *percpu, int ncpus)
{
	int c;

	memset(s, 0, sizeof(*s));
	for (c = 0; c < ncpus; c++)
		rn_agg_val__add(s, &percpu[c]);
}

/* Adds an LRU entry's v to s; one of a sum with other parts is noted, to be kept. */
static int add_lru(struct rn_agg *a, struct agg_sum *s, const struct rn_agg_val *v)
{
	rn_agg_val__add(&s->v, v);
	s->in_lru = true;
	if (!s->in_slot && !s->has_ended && !s->kept_at)
		return 0; /* the LRU entry alone: the model sees its eviction as a smaller sum */
	if (a->nlrus == a->caplrus) {
		size_t cap = a->caplrus ? 2 * a->caplrus : 64;
		struct rn_agg_val *l = realloc(a->lrus, cap * sizeof(*l));

		if (!l)
			return -ENOMEM;
		a->lrus = l;
		a->caplrus = cap;
	}
	a->lrus[a->nlrus++] = *v;
	s->lru_at = (uint32_t)a->nlrus;
	return 0;
}

static int each_val(struct rn_agg *a, uint32_t i)
{
	struct agg_sum *s = sum_of(a, agg_key(a->keys[i].tgid, a->keys[i].nr, 0));
	struct rn_agg_val v;

	if (!s)
		return -ENOMEM;
	sum_cpus(&v, &a->vals[(size_t)i * a->ncpus], a->ncpus);
	return add_lru(a, s, &v);
}

static int each_err(struct rn_agg *a, uint32_t i)
{
	const struct rn_agg_errkey *k = &a->ekeys[i];
	struct agg_sum *s = k->err ? sum_of(a, agg_key(k->tgid, k->nr, k->err)) : NULL;
	struct rn_agg_val v = {0};
	int c;

	if (!k->err)
		return 0;
	if (!s)
		return -ENOMEM;
	for (c = 0; c < a->ncpus; c++)
		v.calls += a->evals[(size_t)i * a->ncpus + c];
	return add_lru(a, s, &v);
}

/*
 * Calls each for every entry of LRU map m, copied in batches (the kernel copies up to BATCH
 * entries a call, so deleting an entry already copied skips nothing); 0, what each returned
 * to stop, or -errno. The number seen in *seen.
 */
static int batches(struct rn_agg *a, int m,
		   int (*each)(struct rn_agg *a, int m, uint32_t i, void *ctx), void *ctx,
		   uint64_t *seen)
{
	int fd = m == M_VALS ? a->agg_fd : a->errs_fd;
	void *keys = m == M_VALS ? (void *)a->keys : (void *)a->ekeys;
	void *vals = m == M_VALS ? (void *)a->vals : (void *)a->evals;
	uint32_t token = 0, n, i;
	bool first = true, done = false;
	int ret;

	*seen = 0;
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
			ret = each(a, m, i, ctx);
			if (ret)
				return ret;
		}
		*seen += n;
	}
	return 0;
}

static int each_sum(struct rn_agg *a, int m, uint32_t i, void *ctx)
{
	(void)ctx;
	return m == M_VALS ? each_val(a, i) : each_err(a, i);
}

/* Adds LRU map m's entries to the sums and counts its evictions; 0 or -errno. */
static int walk(struct rn_agg *a, int m)
{
	uint64_t seen, c[RN_AGG_CNT__MAX], made;
	int ret;

	/* made is read first: entries made during the walk are live, never taken as evicted */
	ret = rn_agg__counters(a, c);
	if (ret)
		return ret;
	made = c[m == M_VALS ? RN_AGG_CNT_KEYS : RN_AGG_CNT_ERRKEYS];
	ret = batches(a, m, each_sum, NULL, &seen);
	if (ret)
		return ret;
	a->live[m] = seen;
	if (made > a->deleted[m] + a->live[m] && made - a->deleted[m] - a->live[m] > a->evicted[m])
		a->evicted[m] = made - a->deleted[m] - a->live[m];
	return 0;
}

/*
 * A sum's LRU entry, kept at the last read, now gone or smaller: the kernel evicted it (and made
 * it anew). Its other parts did not start again, so the sum may not shrink enough for the model
 * to see the eviction (it would count those parts twice): what the entry had counted is kept.
 */
static void keep_evicted(struct rn_agg *a)
{
	size_t i;

	for (i = 0; i < a->nsums; i++) {
		struct agg_sum *s = &a->sums[i];
		const struct agg_kept *k = s->kept_at ? &a->kept[s->kept_at - 1] : NULL;

		if (!k || !k->has_lru ||
		    (s->lru_at && a->lrus[s->lru_at - 1].calls >= k->lru.calls))
			continue;
		rn_agg_val__add(&s->v, &k->lru);
		rn_agg_val__add(&s->ended, &k->lru);
		s->has_ended = true;
	}
}

/* Deletes a sum's LRU entry (its process was read for the last time). */
static void delete_lru(struct rn_agg *a, const struct agg_sum *s)
{
	uint32_t tgid = key_tgid(s->key), nr = (uint32_t)(s->key & 0xffff);
	int m = s->key & ERR_KEY ? M_ERRS : M_VALS, ret;

	if (m == M_VALS) {
		struct rn_agg_key k = {.tgid = tgid, .nr = nr};

		ret = bpf_map_delete_elem(a->agg_fd, &k);
	} else {
		struct rn_agg_errkey k = {
		    .tgid = tgid, .nr = (uint16_t)nr, .err = (uint16_t)(s->key >> 16 & 0x7fff)};

		ret = bpf_map_delete_elem(a->errs_fd, &k);
	}
	if (!ret) {
		a->deleted[m]++;
		a->live[m] -= a->live[m] ? 1 : 0;
	}
}

/*
 * Hands the sums on: the (process, syscall) ones to fn, then the errnos to efn (the model
 * makes a syscall's row before its errnos). A process read for the last time (its exit went
 * by, or the callback returns 1) loses its LRU entries and its kept part, unless one of its
 * threads still holds a live slot (it is read again). What an error leaves unread is kept:
 * a sum is forgotten only once handed on.
 */
static int hand_on(struct rn_agg *a, rn_agg_entry_fn fn, rn_agg_err_fn efn, void *ctx, int ret)
{
	size_t i;
	int pass;

	a->nkept = 0;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < a->nsums; i++) {
			struct agg_sum *s = &a->sums[i];
			bool is_err = s->key & ERR_KEY;
			uint32_t tgid = key_tgid(s->key), nr = (uint32_t)(s->key & 0xffff);
			bool handed = !ret; /* without a callback, as good as handed */
			int r = 0;

			if (is_err != (pass == 1))
				continue;
			if (!ret && !is_err && fn) {
				struct rn_agg_key k = {.tgid = tgid, .nr = nr};

				r = fn(ctx, &k, &s->v);
			} else if (!ret && is_err && efn) {
				struct rn_agg_errkey k = {.tgid = tgid,
							  .nr = (uint16_t)nr,
							  .err = (uint16_t)(s->key >> 16 & 0x7fff)};

				r = efn(ctx, &k, s->v.calls);
			}
			if (r < 0)
				ret = r;
			if (handed && r >= 0 && (r > 0 || rn_hmap__get(&a->gone, tgid) >= 0) &&
			    rn_hmap__get(&a->live_tgids, tgid) < 0) {
				if (s->in_lru)
					delete_lru(a, s);
				continue;
			}
			if (s->has_ended || s->lru_at) {
				struct agg_kept *k = &a->kept[a->nkept++];

				memset(k, 0, sizeof(*k));
				k->key = s->key;
				k->ended = s->ended;
				k->has_ended = s->has_ended;
				k->has_lru = s->lru_at != 0;
				if (k->has_lru)
					k->lru = a->lrus[s->lru_at - 1];
			}
		}
	return ret;
}

/* The exited processes become this read's gone ones; those with a live slot wait. */
static int take_exited(struct rn_agg *a)
{
	size_t i;

	rn_hmap__clear(&a->gone);
	for (i = 0; i < a->nexited; i++)
		if (rn_hmap__put(&a->gone, a->exited[i], 1))
			return -ENOMEM;
	return 0;
}

/* ret: the read failed, perhaps before a sum of theirs was handed on: all wait. */
static void keep_waiting_exited(struct rn_agg *a, int ret)
{
	size_t i, j = 0;

	for (i = 0; i < a->nexited; i++)
		if (ret || rn_hmap__get(&a->live_tgids, a->exited[i]) >= 0)
			a->exited[j++] = a->exited[i];
	a->nexited = j;
}

/* The last read's kept parts: the ended threads' counts, where the LRU entries were. */
static int add_kept(struct rn_agg *a)
{
	size_t i;

	for (i = 0; i < a->nkept; i++) {
		const struct agg_kept *k = &a->kept[i];
		struct agg_sum *s = sum_of(a, k->key);

		if (!s)
			return -ENOMEM;
		if (k->has_ended) {
			rn_agg_val__add(&s->v, &k->ended);
			rn_agg_val__add(&s->ended, &k->ended);
			s->has_ended = true;
		}
		s->kept_at = (uint32_t)i + 1;
	}
	return 0;
}

int rn_agg__read(struct rn_agg *a, rn_agg_entry_fn fn, rn_agg_err_fn efn, void *ctx)
{
	struct agg_kept *kept;
	int ret;

	rn_hmap__clear(&a->at);
	rn_hmap__clear(&a->live_tgids);
	a->nsums = 0;
	a->nlrus = 0;
	a->made_at_read = rn_agg__keys_made(a);
	a->taken_at_read = *a->slots_taken;
	ret = take_exited(a);
	if (!ret)
		ret = add_kept(a);
	if (!ret)
		ret = read_slots(a);
	if (!ret)
		ret = walk(a, M_VALS);
	if (!ret)
		ret = walk(a, M_ERRS);
	if (!ret) /* a walk cut short would take the entries it did not reach as evicted */
		keep_evicted(a);
	/* what is kept is a part of the sums: room for all of them */
	kept = realloc(a->kept, (a->nsums ? a->nsums : 1) * sizeof(*kept));
	if (!kept)
		return -ENOMEM;
	a->kept = kept;
	ret = hand_on(a, fn, efn, ctx, ret);
	keep_waiting_exited(a, ret);
	return ret;
}

struct forget {
	uint32_t tgid;
	int gone;
};

static int each_forget(struct rn_agg *a, int m, uint32_t i, void *ctx)
{
	struct forget *f = ctx;
	int fd = m == M_VALS ? a->agg_fd : a->errs_fd;
	const void *k = m == M_VALS ? (const void *)&a->keys[i] : (const void *)&a->ekeys[i];
	uint32_t tgid;

	memcpy(&tgid, k, sizeof(tgid)); /* both key kinds start with the tgid */
	if (tgid == f->tgid && !bpf_map_delete_elem(fd, k)) {
		a->deleted[m]++;
		f->gone++;
	}
	return 0;
}

int rn_agg__forget(struct rn_agg *a, uint32_t tgid)
{
	struct forget f = {.tgid = tgid};
	uint64_t seen;
	size_t i, j = 0;
	int ret = batches(a, M_VALS, each_forget, &f, &seen);

	if (!ret)
		ret = batches(a, M_ERRS, each_forget, &f, &seen);
	for (i = 0; i < a->nkept; i++)
		if (key_tgid(a->kept[i].key) == tgid)
			f.gone++;
		else
			a->kept[j++] = a->kept[i];
	a->nkept = j;
	return ret < 0 ? ret : f.gone;
}

uint32_t rn_agg__nslots(const struct rn_agg *a)
{
	return a->nslots;
}

uint64_t rn_agg__slots_taken(const struct rn_agg *a)
{
	return *a->slots_taken;
}

uint32_t rn_agg__threads_in_slots(const struct rn_agg *a, uint32_t tgid)
{
	uint32_t i, n = 0;

	for (i = 0; i < a->nslots; i++)
		if (__atomic_load_n(&a->slots[i].state, __ATOMIC_ACQUIRE) != RN_AGG_SLOT_FREE &&
		    a->slots[i].tgid == tgid)
			n++;
	return n;
}

bool rn_agg__pressed(struct rn_agg *a)
{
	return rn_agg__keys_made(a) - a->made_at_read >= a->max_keys / 4 ||
	       *a->slots_taken - a->taken_at_read >= a->nslots / 4;
}
