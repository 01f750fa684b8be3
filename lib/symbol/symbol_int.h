/* SPDX-License-Identifier: MIT */
/* The symbolizer's parts, private to lib/symbol/: processes and unwinding (symbol.c), the
 * address -> source resolution and its cache (symbol_resolve.c). */
#ifndef RENACER_SYMBOL_INT_H
#define RENACER_SYMBOL_INT_H

#include <elfutils/libdwfl.h>

#include "hmap.h"
#include "pool.h"
#include "symbol.h"

#define SYM_PROCS 32 /* processes whose modules are kept reported at once */

/* A module as reported to one process's Dwfl (its userdata). */
struct sym_mod {
	const char *path;     /* interned */
	const char *build_id; /* interned hex, or "" */
	uint64_t key;	      /* of the build-id (the path without one): the cache's half key */
	uint64_t bias;	      /* load bias: address - ELF vaddr */
	uint64_t start, pgoff;
	bool nodebug; /* no DWARF: named by its ELF symbols only */
};

struct sym_proc {
	uint32_t tgid;
	Dwfl *dwfl;
	void *maps; /* the mappings item it was built from */
	uint32_t maps_len;
	uint64_t used; /* the symbolizer's tick at the last use: the oldest is replaced */
	struct sym_mod *mods;
	uint32_t nmods;
	struct rn_symbolizer *owner;
};

/* A resolved address: where it is in the source, shared by every stack through it. */
struct sym_entry {
	uint64_t modkey, rel;
	const char *sym;
	uint64_t sym_rel; /* the symbol's start, module-relative */
	struct rn_sym_loc *locs;
	uint32_t nlocs;
};

struct rn_symbolizer {
	FILE *warn;
	struct sym_proc procs[SYM_PROCS];
	uint64_t tick;
	/* the sample being unwound, for the thread callbacks */
	const struct rn_stack_regs *regs;
	const uint8_t *stack;
	uint64_t stack_len;
	uint32_t tid;
	uint64_t pcs[RN_SYM_MAX_FRAMES];
	bool act[RN_SYM_MAX_FRAMES];
	int npcs;
	struct rn_sym_frame frames[RN_SYM_MAX_FRAMES];
	/* the call they are of: the text and the recorder ask for the same call in turn */
	const struct rn_sys_rec *last_rec;
	uint64_t last_ns;
	int last_n;
	/* the cache: (module key, address) -> entry; strings interned by hash */
	struct rn_hmap cache;
	struct rn_pool entries; /* struct sym_entry */
	struct rn_hmap strs;
	struct rn_pool strpool; /* char * */
	struct rn_hmap warned;	/* modules without debug info already named */
	struct rn_sym_stats stats;
};

uint64_t sym__hash(const char *s, uint64_t seed);
/* s interned for the symbolizer's life (NULL for NULL or no memory). */
const char *sym__intern(struct rn_symbolizer *s, const char *str);
/* Fills f (pc, act as dwfl_frame_pc gave them) from the cache or the module's DWARF. */
void sym__resolve(struct rn_symbolizer *s, struct sym_proc *p, uint64_t pc, bool act,
		  struct rn_sym_frame *f);
void sym__cache_free(struct rn_symbolizer *s);

#endif
