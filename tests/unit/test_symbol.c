// SPDX-License-Identifier: MIT
/*
 * lib/symbol without BPF: this process's own registers and a copy of its stack, with its
 * executable mappings in the layout BPF sends, are unwound and symbolized as a traced
 * call's would be (DWARF CFI over the copy, the PIE load bias, file:line).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbol.h"

struct sample {
	uint64_t item_stack[(sizeof(struct rn_item) + sizeof(struct rn_stack_regs) + 4096) / 8];
	uint64_t item_maps[4096];
};

/* The r-xp file mappings of /proc/self/maps as one RN_CAP_MAPS item. */
static const struct rn_item *self_maps(struct sample *s)
{
	struct rn_item *it = (void *)s->item_maps;
	char *d = (char *)(it + 1), line[1024];
	FILE *f = fopen("/proc/self/maps", "r");
	uint32_t len = 0;

	cr_assert_not_null(f);
	while (fgets(line, sizeof(line), f)) {
		unsigned long start, end, off;
		char perms[8], path[512] = "", *parts[64], *tok, *save = NULL;
		struct rn_map_ent m = {0};
		int n = 0;
		uint32_t plen = 0;

		if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %511s", &start, &end, perms, &off, path) <
			4 ||
		    perms[2] != 'x' || path[0] != '/')
			continue;
		for (tok = strtok_r(path, "/", &save); tok && n < 64;
		     tok = strtok_r(NULL, "/", &save))
			parts[n++] = tok;
		m.start = start;
		m.end = end;
		m.pgoff = off;
		/* the components leaf first, each NUL-ended, as bpf/stack.bpf.h writes them */
		while (n-- > 0) {
			memcpy(d + len + sizeof(m) + plen, parts[n], strlen(parts[n]) + 1);
			plen += (uint32_t)strlen(parts[n]) + 1;
		}
		m.pathlen = plen;
		m.size = (uint32_t)(sizeof(m) + plen + 7) & ~7u;
		memcpy(d + len, &m, sizeof(m));
		len += m.size;
		cr_assert_lt(len, sizeof(s->item_maps) - 1024);
	}
	fclose(f);
	it->arg = RN_ARG_STACK;
	it->idx = 1;
	it->kind = RN_CAP_MAPS;
	it->len = len;
	return it;
}

/* The end of the mapping that holds addr (the top of this thread's stack). */
static uint64_t mapping_end(uint64_t addr)
{
	char line[1024];
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long start, end;
	uint64_t top = 0;

	cr_assert_not_null(f);
	while (!top && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &start, &end) == 2 && addr >= start && addr < end)
			top = end;
	fclose(f);
	return top;
}

/* A raw copy of stack memory, as BPF reads it: under ASan the redzones are part of it. */
static __attribute__((no_sanitize("address"))) void copy_raw(uint64_t *dst, uint64_t src,
							     uint64_t len)
{
	const volatile uint64_t *p = (const volatile uint64_t *)src;

	for (uint64_t i = 0; i < len / 8; i++)
		dst[i] = p[i];
}

/* Registers and up to 4 KiB of stack, as BPF takes them at a syscall's exit (the copy stops
 * at the stack's end, which ASLR puts anywhere in its page). */
static __attribute__((noinline)) const struct rn_item *capture_here(struct sample *s)
{
	struct rn_item *it = (void *)s->item_stack;
	struct rn_stack_regs *r = (void *)(it + 1);
	uint64_t ip, sp, bp, bx, r12, r13, r14, r15;

	__asm__ volatile("lea 0(%%rip), %0\n\t"
			 "mov %%rsp, %1\n\t"
			 "mov %%rbp, %2\n\t"
			 "mov %%rbx, %3\n\t"
			 "mov %%r12, %4\n\t"
			 "mov %%r13, %5\n\t"
			 "mov %%r14, %6\n\t"
			 "mov %%r15, %7\n\t"
			 : "=r"(ip), "=m"(sp), "=m"(bp), "=m"(bx), "=m"(r12), "=m"(r13), "=m"(r14),
			   "=m"(r15));
	uint64_t len = mapping_end(sp) - sp;

	if (len > 4096)
		len = 4096;
	*r = (struct rn_stack_regs){ip, sp, bp, bx, r12, r13, r14, r15};
	copy_raw((uint64_t *)(r + 1), sp, len);
	it->arg = RN_ARG_STACK;
	it->idx = 0;
	it->kind = RN_CAP_STACK;
	it->len = sizeof(*r) + (uint32_t)len;
	return it;
}

static __attribute__((noinline)) int
unwind_from_a_caller(struct rn_symbolizer *sym, struct sample *s, const struct rn_sym_frame **f)
{
	const struct rn_item *maps = self_maps(s);
	const struct rn_item *stack = capture_here(s);

	return rn_symbolizer__unwind(sym, 1, 1, stack, maps, f);
}

static bool has_sym(const struct rn_sym_frame *f, int n, const char *name, int *at)
{
	for (int i = 0; i < n; i++)
		if (f[i].sym && !strcmp(f[i].sym, name)) {
			*at = i;
			return true;
		}
	return false;
}

Test(unit_symbol, a_copy_of_this_stack_unwinds_through_its_callers_by_dwarf_cfi)
{
	static struct sample s;
	struct rn_symbolizer *sym;
	const struct rn_sym_frame *f;
	struct rn_sym_stats st;
	int n, a = -1, b = -1;

	cr_assert_eq(rn_symbolizer__new(&sym, NULL), 0);
	n = unwind_from_a_caller(sym, &s, &f);
	cr_assert_geq(n, 3, "%d frames", n);
	cr_assert(has_sym(f, n, "capture_here", &a), "no capture_here frame");
	cr_assert(has_sym(f, n, "unwind_from_a_caller", &b), "no unwind_from_a_caller frame");
	cr_assert_eq(a, 0, "the first frame is where the registers were taken");
	cr_assert_gt(b, a);
	/* a return address resolves to the line of its call (pc - 1), in this file */
	cr_assert(f[b].nlocs && f[b].locs[0].file && strstr(f[b].locs[0].file, "test_symbol.c"),
		  "no source line for the caller");
	cr_assert(f[b].own, "the test's own code is the program's own");
	rn_symbolizer__stats(sym, &st);
	cr_assert_eq(st.stacks, 1);
	rn_symbolizer__free(sym);
}

Test(unit_symbol, a_repeated_stack_is_served_from_the_cache)
{
	static struct sample s;
	struct rn_symbolizer *sym;
	const struct rn_sym_frame *f;
	struct rn_sym_stats st;
	uint64_t first = 0;
	int n = 0;

	cr_assert_eq(rn_symbolizer__new(&sym, NULL), 0);
	/* one call site: the same return addresses both times */
	for (int i = 0; i < 2; i++) {
		n = unwind_from_a_caller(sym, &s, &f);
		cr_assert_gt(n, 0);
		rn_symbolizer__stats(sym, &st);
		if (!i)
			first = st.lookups;
	}
	cr_assert_eq(st.lookups, first, "the same addresses were resolved again (%llu > %llu)",
		     (unsigned long long)st.lookups, (unsigned long long)first);
	cr_assert_eq(st.frames, 2 * (uint64_t)n);
	rn_symbolizer__free(sym);
}

Test(unit_symbol, a_call_without_a_stack_has_no_frames)
{
	struct rn_symbolizer *sym;
	const struct rn_sym_frame *f;

	cr_assert_eq(rn_symbolizer__new(&sym, NULL), 0);
	cr_assert_eq(rn_symbolizer__unwind(sym, 1, 1, NULL, NULL, &f), 0);
	rn_symbolizer__free(sym);
	rn_symbolizer__free(NULL);
}
