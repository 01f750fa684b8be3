// SPDX-License-Identifier: MIT
/*
 * memory_usage with tracking_mode = "allocations": the bytes each process obtained through
 * brk and anonymous mmap, net of what it gave back (munmap, a shrinking brk or mremap), from
 * the calls' arguments and results. A mapping made PROT_NONE only reserves address space
 * (glibc's thread arenas, guard pages): it counts once mprotect makes it accessible. An
 * execve or the end of the process returns everything; a child starts at zero (what it
 * inherited is its parent's). The tree's figure is the sum over the processes alive, and
 * its peak is kept with the event that reached it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "assert_int.h"
#include "hmap.h"

#define PAGE 4096ULL

struct region {
	uint64_t start, end;
	bool counted; /* readable or writable: obtained, not only reserved */
};

struct aproc {
	uint32_t pid;
	uint64_t brk_base, brk_cur;
	struct region *reg;
	size_t nreg, capreg;
	uint64_t mapped; /* counted bytes in reg */
	uint64_t peak, peak_id;
};

struct rn_allocs {
	struct aproc *p;
	size_t n, cap;
	struct rn_hmap by_pid;
	uint64_t now;
	struct rn_alloc_peak tree;
};

struct rn_allocs *rn_allocs__new(void)
{
	return calloc(1, sizeof(struct rn_allocs));
}

void rn_allocs__free(struct rn_allocs *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++)
		free(a->p[i].reg);
	free(a->p);
	rn_hmap__free(&a->by_pid);
	free(a);
}

static struct aproc *aproc_of(struct rn_allocs *a, uint32_t pid)
{
	int64_t i = rn_hmap__get(&a->by_pid, pid);

	if (i >= 0)
		return &a->p[i];
	if (a->n == a->cap) {
		size_t nc = a->cap ? a->cap * 2 : 16;
		struct aproc *q = realloc(a->p, nc * sizeof(*q));

		if (!q)
			return NULL;
		a->p = q;
		a->cap = nc;
	}
	if (rn_hmap__put(&a->by_pid, pid, (uint32_t)a->n))
		return NULL;
	a->p[a->n] = (struct aproc){.pid = pid};
	return &a->p[a->n++];
}

static int reg_grow(struct aproc *p)
{
	size_t nc;
	struct region *q;

	if (p->nreg < p->capreg)
		return 0;
	nc = p->capreg ? p->capreg * 2 : 16;
	q = realloc(p->reg, nc * sizeof(*q));
	if (!q)
		return -ENOMEM;
	p->reg = q;
	p->capreg = nc;
	return 0;
}

/* Takes [s, e) out of p's regions: notes whether any was there and whether it counted. */
static int reg_remove(struct aproc *p, uint64_t s, uint64_t e, bool *any, bool *counted)
{
	for (size_t i = 0; i < p->nreg;) {
		struct region *r = &p->reg[i];
		uint64_t lo = r->start > s ? r->start : s, hi = r->end < e ? r->end : e;

		if (lo >= hi) {
			i++;
			continue;
		}
		*any = true;
		*counted |= r->counted;
		if (r->counted)
			p->mapped -= hi - lo;
		if (r->start < lo && r->end > hi) {
			/* a hole in the middle: the tail becomes a region of its own */
			struct region tail = {hi, r->end, r->counted};

			r->end = lo;
			if (reg_grow(p))
				return -ENOMEM;
			p->reg[p->nreg++] = tail;
			return 0;
		}
		if (r->start < lo) {
			r->end = lo;
		} else if (r->end > hi) {
			r->start = hi;
		} else {
			p->reg[i] = p->reg[--p->nreg];
			continue;
		}
		i++;
	}
	return 0;
}

static int reg_add(struct aproc *p, uint64_t s, uint64_t e, bool counted)
{
	if (reg_grow(p))
		return -ENOMEM;
	p->reg[p->nreg++] = (struct region){s, e, counted};
	if (counted)
		p->mapped += e - s;
	return 0;
}

static uint64_t bytes(const struct aproc *p)
{
	return p->mapped + (p->brk_cur > p->brk_base ? p->brk_cur - p->brk_base : 0);
}

static void forget(struct aproc *p)
{
	p->nreg = 0;
	p->mapped = 0;
	p->brk_base = p->brk_cur = 0;
}

static uint64_t pages(uint64_t len)
{
	return (len + PAGE - 1) & ~(PAGE - 1);
}

/* Applies one successful call (or the process's end) to p. */
static int apply(struct aproc *p, const struct rn_tr_event *e)
{
	const uint64_t *a = e->raw_args;
	uint64_t at = (uint64_t)e->result;
	bool any = false, counted = false;
	int err = 0;

	if (e->kind == RN_TR_EXIT) {
		forget(p);
		return 0;
	}
	switch (e->nr) {
	case __NR_brk:
		if (!p->brk_base)
			p->brk_base = at; /* the first brk, brk(NULL) at start, says where it is */
		p->brk_cur = at;
		break;
	case __NR_mmap:
		/* MAP_FIXED replaces what was there */
		err = reg_remove(p, at, at + pages(a[1]), &any, &counted);
		if (!err && (a[3] & MAP_ANONYMOUS))
			err = reg_add(p, at, at + pages(a[1]), a[2] != PROT_NONE);
		break;
	case __NR_munmap:
		err = reg_remove(p, a[0], a[0] + pages(a[1]), &any, &counted);
		break;
	case __NR_mremap:
		err = reg_remove(p, a[0], a[0] + pages(a[1]), &any, &counted);
		if (!err && any)
			err = reg_add(p, at, at + pages(a[2]), counted);
		break;
	case __NR_mprotect:
		err = reg_remove(p, a[0], a[0] + pages(a[1]), &any, &counted);
		if (!err && any)
			err = reg_add(p, a[0], a[0] + pages(a[1]), a[2] != PROT_NONE);
		break;
	case __NR_execve:
	case __NR_execveat:
		forget(p);
		break;
	}
	return err;
}

static bool moves_memory(const struct rn_tr_event *e)
{
	if (e->kind == RN_TR_EXIT)
		return e->tid == e->pid; /* the leader's end: the process's memory goes */
	if (e->kind != RN_TR_SYSCALL || e->errname || e->noreturn)
		return false;
	switch (e->nr) {
	case __NR_brk:
	case __NR_mmap:
	case __NR_munmap:
	case __NR_mremap:
	case __NR_mprotect:
	case __NR_execve:
	case __NR_execveat:
		return true;
	}
	return false;
}

int rn_allocs__event(struct rn_allocs *a, const struct rn_tr_event *e)
{
	struct aproc *p;
	uint64_t before;
	int err;

	if (!moves_memory(e))
		return 0;
	p = aproc_of(a, e->pid);
	if (!p)
		return -ENOMEM;
	before = bytes(p);
	err = apply(p, e);
	a->now = a->now - before + bytes(p);
	if (bytes(p) > p->peak) {
		p->peak = bytes(p);
		p->peak_id = e->id;
	}
	if (a->now > a->tree.bytes)
		a->tree = (struct rn_alloc_peak){a->now, e->id, e->pid};
	return err;
}

void rn_allocs__tree_peak(const struct rn_allocs *a, struct rn_alloc_peak *out)
{
	*out = a->tree;
}

void rn_allocs__top_process(const struct rn_allocs *a, struct rn_alloc_peak *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < a->n; i++)
		if (a->p[i].peak > out->bytes)
			*out = (struct rn_alloc_peak){a->p[i].peak, a->p[i].peak_id, a->p[i].pid};
}
