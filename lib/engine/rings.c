// SPDX-License-Identifier: MIT
/*
 * The consumer of the per-CPU rings (libbpf's ring_buffer reads one ring at a time,
 * with a callback and a consumer-position store per record; this reads in place and
 * publishes positions in batches).
 *
 * Order. A thread that moves between CPUs writes its records to several rings, and
 * each consumer (the demux joining enter and exit records, the recorder's Lamport
 * stamps, strace's line order) needs every thread's records in the order it made them.
 * Each record carries a time stamp (CLOCK_MONOTONIC) taken after the thread's previous
 * record was committed. A pass first reads the clock (t0), then snapshots every ring's
 * producer position, then repeatedly hands on the ready ring head with the smallest
 * stamp, as long as that stamp is <= t0. Why no thread's records can come out of order:
 * say a thread committed A, then B to another ring, and the pass hands on B while A is
 * still unread. A was not in its ring's snapshot, so A was committed after that
 * snapshot, which is after t0; B's stamp was taken after A was committed, so B's stamp
 * is > t0 and B waits. A record whose stamp is newer than t0 waits for the next pass.
 * Records of different threads come in stamp order, up to what the snapshots saw.
 */
#include "rings.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "renacer_abi.h"

/* The kernel's ring record header: length with two flag bits, then the page offset. */
#define BUSY_BIT    (1u << 31)
#define DISCARD_BIT (1u << 30)
#define HDR_SZ	    8
#define MAX_PASSES  4

struct ring {
	int fd;
	uint64_t *cons;	      /* the consumer position page: ours to write */
	const uint64_t *prod; /* producer position page */
	const uint8_t *data;  /* the data twice, mapped by chunks as they are read */
	uint64_t mapped;      /* the chunks mapped, a bit each */
	size_t chunk;
	off_t data_off; /* where the data starts in the map's file */
	uint64_t mask;
	uint64_t pos;	    /* our position; published to *cons in batches */
	uint64_t end;	    /* the producer position this pass took */
	uint64_t published; /* the last position stored to *cons */
	/* the head this pass looks at: valid when ready */
	const uint8_t *rec;
	uint32_t len;
	int ready;
	uint64_t key;
};

struct rn_rings {
	int n;
	size_t each, page;
	int mapped; /* the rings are BPF maps we created and mapped (not rn_rings__new_mem's) */
	struct ring r[];
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* The record's stamp (see the top of this file): taken after its thread's last record. */
static uint64_t rec_key(const void *data, uint32_t len)
{
	const struct rn_rec *h = data;

	if (len < sizeof(*h))
		return 0;
	switch (h->kind) {
	case RN_REC_SYSCALL:
		return len >= sizeof(struct rn_sys_rec) ? ((const struct rn_sys_rec *)data)->exit_ns
							: 0;
	case RN_REC_ENTER: /* an exec's second enter record is stamped when it was made */
		if (len < sizeof(struct rn_sys_rec))
			return 0;
		return ((const struct rn_sys_rec *)data)->exit_ns
			   ? ((const struct rn_sys_rec *)data)->exit_ns
			   : ((const struct rn_sys_rec *)data)->enter_ns;
	case RN_REC_FORK:
	case RN_REC_EXEC:
	case RN_REC_EXIT:
	case RN_REC_LEAVE:
	case RN_REC_WATCH:
		return len >= sizeof(struct rn_proc_rec) ? ((const struct rn_proc_rec *)data)->ns
							 : 0;
	case RN_REC_SIGNAL:
		return len >= sizeof(struct rn_sig_rec) ? ((const struct rn_sig_rec *)data)->ns : 0;
	}
	return 0;
}

static uint64_t rec_span(uint32_t len)
{
	return ((uint64_t)len + HDR_SZ + 7) & ~7ULL;
}

/*
 * Maps the chunks of g's data that hold [off, off + len) (off < the ring's size; the data
 * is mapped twice, so a record that wraps reads as one piece). The kernel maps every page
 * of a mapping at once: 2 x 16 MiB of pages mapped, then unmapped, were a sixth of a short
 * run's CPU; a short run reads a chunk or two.
 */
static int map_chunks(struct ring *g, uint64_t off, uint64_t len)
{
	for (uint64_t c = off / g->chunk; c <= (off + len - 1) / g->chunk; c++) {
		void *at = (void *)(g->data + c * g->chunk), *p;

		if (g->mapped & (1ULL << c))
			continue;
		p = mmap(at, g->chunk, PROT_READ, MAP_SHARED | MAP_FIXED, g->fd,
			 g->data_off + (off_t)(c * g->chunk));
		if (p == MAP_FAILED)
			return -errno;
		g->mapped |= 1ULL << c;
	}
	return 0;
}

/* Finds g's next committed record before its snapshot end; skips discarded ones. */
static int load_head(struct ring *g)
{
	g->ready = 0;
	while (g->pos < g->end) {
		uint64_t off = g->pos & g->mask;
		const uint32_t *hdr = (const void *)(g->data + off);
		uint32_t len;
		int ret = map_chunks(g, off, HDR_SZ);

		if (ret)
			return ret;
		len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);
		if (len & BUSY_BIT)
			return 0; /* reserved, not committed yet: this ring waits for the next pass
				   */
		if (len & DISCARD_BIT) {
			g->pos += rec_span(len & ~DISCARD_BIT);
			continue;
		}
		ret = map_chunks(g, off, HDR_SZ + (uint64_t)len);
		if (ret)
			return ret;
		g->rec = (const uint8_t *)hdr + HDR_SZ;
		g->len = len;
		g->key = rec_key(g->rec, len);
		g->ready = 1;
		return 0;
	}
	return 0;
}

static void publish(struct ring *g)
{
	if (g->pos != g->published) {
		__atomic_store_n(g->cons, g->pos, __ATOMIC_RELEASE);
		g->published = g->pos;
	}
}

/* One pass (see the top of this file); sets *held when a record had to wait. */
static int pass(struct rn_rings *rs, rn_rings_fn fn, void *ctx, int *held)
{
	uint64_t t0 = now_ns();
	int i, n = 0, ret = 0;

	for (i = 0; i < rs->n && !ret; i++) {
		rs->r[i].end = __atomic_load_n(rs->r[i].prod, __ATOMIC_ACQUIRE);
		ret = load_head(&rs->r[i]);
	}
	if (ret)
		return ret;
	for (;;) {
		struct ring *best = NULL;

		for (i = 0; i < rs->n; i++)
			if (rs->r[i].ready && (!best || rs->r[i].key < best->key))
				best = &rs->r[i];
		if (!best)
			break;
		if (best->key > t0) {
			*held = 1;
			break;
		}
		fn(ctx, best->rec, best->len);
		best->pos += rec_span(best->len);
		n++;
		/* give producers their room back now and then, not per record */
		if (best->pos - best->published >= rs->each / 4)
			publish(best);
		ret = load_head(best);
		if (ret)
			break;
	}
	for (i = 0; i < rs->n; i++)
		publish(&rs->r[i]);
	return ret ? ret : n;
}

int rn_rings__drain(struct rn_rings *rs, rn_rings_fn fn, void *ctx)
{
	int total = 0, k;

	for (k = 0; k < MAX_PASSES; k++) {
		int held = 0, n = pass(rs, fn, ctx, &held);

		if (n < 0)
			return n;
		total += n;
		if (!held)
			break;
	}
	return total;
}

int rn_rings__empty(struct rn_rings *rs)
{
	for (int i = 0; i < rs->n; i++)
		if (__atomic_load_n(rs->r[i].prod, __ATOMIC_ACQUIRE) != rs->r[i].pos)
			return 0;
	return 1;
}

int rn_rings__backlog(struct rn_rings *rs, uint64_t mark)
{
	for (int i = 0; i < rs->n; i++)
		if (__atomic_load_n(rs->r[i].prod, __ATOMIC_ACQUIRE) - rs->r[i].pos >= mark)
			return 1;
	return 0;
}

void rn_rings__fill(struct rn_rings *rs, uint64_t *used, uint64_t *size)
{
	*used = 0;
	*size = (uint64_t)rs->each * (uint64_t)rs->n;
	for (int i = 0; i < rs->n; i++)
		*used += __atomic_load_n(rs->r[i].prod, __ATOMIC_ACQUIRE) -
			 __atomic_load_n(rs->r[i].cons, __ATOMIC_ACQUIRE);
}

int rn_rings__watch(struct rn_rings *rs, int epfd)
{
	for (int i = 0; i < rs->n; i++) {
		struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.fd = -1};

		if (epoll_ctl(epfd, EPOLL_CTL_ADD, rs->r[i].fd, &ev))
			return -errno;
	}
	return 0;
}

/* The positions and data are where the kernel's mapping (or a test) put them. */
static void ring_attach(struct ring *g, uint64_t *cons, const uint64_t *prod, const uint8_t *data,
			size_t each)
{
	g->cons = cons;
	g->prod = prod;
	g->data = data;
	g->mask = each - 1;
	g->mapped = ~0ULL;
	g->chunk = 2 * each;
	g->pos = g->published = __atomic_load_n(g->cons, __ATOMIC_ACQUIRE);
}

/* Maps the ring g->fd: its positions now, its data by chunks as they are read (map_chunks). */
static int ring_map(struct ring *g, size_t each, size_t page)
{
	void *p, *prod, *data;

	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, g->fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	g->cons = p;
	prod = mmap(NULL, page, PROT_READ, MAP_SHARED, g->fd, (off_t)page);
	if (prod == MAP_FAILED)
		return -errno;
	g->prod = prod;
	/* room for the data twice, nothing mapped in it yet */
	data = mmap(NULL, 2 * each, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (data == MAP_FAILED)
		return -errno;
	ring_attach(g, p, prod, data, each);
	g->mapped = 0;
	g->chunk = 2 * each / 64 > page ? 2 * each / 64 : page;
	g->data_off = (off_t)(2 * page);
	return 0;
}

static int ring_open(struct ring *g, int outer_fd, uint32_t key, size_t each, size_t page)
{
	g->fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "renacer_ring", 0, 0, (uint32_t)each, NULL);
	if (g->fd < 0)
		return -errno;
	if (outer_fd >= 0 && bpf_map_update_elem(outer_fd, &key, &g->fd, BPF_ANY))
		return -errno;
	return ring_map(g, each, page);
}

int rn_rings__new(struct rn_rings **out, int outer_fd, int n, size_t each)
{
	struct rn_rings *rs = calloc(1, sizeof(*rs) + (size_t)n * sizeof(struct ring));
	int i, ret;

	*out = NULL;
	if (!rs)
		return -ENOMEM;
	rs->each = each;
	rs->page = (size_t)sysconf(_SC_PAGESIZE);
	rs->mapped = 1;
	for (i = 0; i < n; i++)
		rs->r[i].fd = -1;
	rs->n = n;
	for (i = 0; i < n; i++) {
		ret = ring_open(&rs->r[i], outer_fd, (uint32_t)i, each, rs->page);
		if (ret) {
			rn_rings__free(rs);
			return ret;
		}
	}
	*out = rs;
	return 0;
}

int rn_rings__adopt(struct rn_rings **out, const int *fds, int n, size_t each)
{
	struct rn_rings *rs = calloc(1, sizeof(*rs) + (size_t)n * sizeof(struct ring));
	int i, ret = 0;

	*out = NULL;
	if (!rs) {
		for (i = 0; i < n; i++)
			close(fds[i]);
		return -ENOMEM;
	}
	rs->each = each;
	rs->page = (size_t)sysconf(_SC_PAGESIZE);
	rs->mapped = 1;
	rs->n = n;
	for (i = 0; i < n; i++)
		rs->r[i].fd = fds[i];
	for (i = 0; i < n && !ret; i++) {
		struct ring *g = &rs->r[i];

		ret = ring_map(g, each, rs->page);
		if (ret)
			break;
		/* what a run that died left unread is not this run's: skip it (no program
		 * writes meanwhile: links die with their run) */
		g->pos = __atomic_load_n(g->prod, __ATOMIC_ACQUIRE);
		__atomic_store_n(g->cons, g->pos, __ATOMIC_RELEASE);
		g->published = g->pos;
	}
	if (ret) {
		rn_rings__free(rs);
		return ret;
	}
	*out = rs;
	return 0;
}

int rn_rings__fd(const struct rn_rings *r, int i)
{
	return r && i >= 0 && i < r->n ? r->r[i].fd : -1;
}

int rn_rings__insert(struct rn_rings *rs, int outer_fd)
{
	for (uint32_t i = 0; i < (uint32_t)rs->n; i++) {
		if (bpf_map_update_elem(outer_fd, &i, &rs->r[i].fd, BPF_ANY))
			return -errno;
	}
	return 0;
}

int rn_rings__new_mem(struct rn_rings **out, const struct rn_ring_mem *mem, int n, size_t each)
{
	struct rn_rings *rs;

	*out = NULL;
	if (n <= 0 || !each || (each & (each - 1)))
		return -EINVAL;
	rs = calloc(1, sizeof(*rs) + (size_t)n * sizeof(struct ring));
	if (!rs)
		return -ENOMEM;
	rs->each = each;
	rs->n = n;
	for (int i = 0; i < n; i++) {
		rs->r[i].fd = -1;
		ring_attach(&rs->r[i], mem[i].cons, mem[i].prod, mem[i].data, each);
	}
	*out = rs;
	return 0;
}

void rn_rings__free(struct rn_rings *rs)
{
	if (!rs)
		return;
	for (int i = 0; rs->mapped && i < rs->n; i++) {
		struct ring *g = &rs->r[i];

		if (g->cons)
			munmap(g->cons, rs->page);
		if (g->prod)
			munmap((void *)g->prod, rs->page);
		if (g->data)
			munmap((void *)g->data, 2 * rs->each);
		if (g->fd >= 0)
			close(g->fd);
	}
	free(rs);
}
