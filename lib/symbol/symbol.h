/* SPDX-License-Identifier: MIT */
/*
 * Stacks of traced calls (trace --source, -k; docs/stacks.md): the user stack BPF copied
 * with a call (bpf/stack.bpf.h) is unwound by DWARF CFI with libdw (dwfl_attach_state over
 * the copy, as perf's unwind-libdw does; libdw falls back to frame pointers where a
 * module has no CFI), against the process's executable mappings that BPF sent while it
 * ran; each address is symbolized from the module's DWARF (separate debug files through
 * .gnu_debuglink and /usr/lib/debug/.build-id) into file:line:function, callers inlined
 * at it included, and kept in a cache keyed by build-id and address.
 */
#ifndef RENACER_SYMBOL_H
#define RENACER_SYMBOL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "event.h"
#include "strbuf.h"

#define RN_SYM_MAX_FRAMES 64

/* A source location: a function and where in it; inlined callers come as more of them. */
struct rn_sym_loc {
	const char *func; /* "main", "helper"; NULL when the module has no DWARF for it */
	const char *file; /* as the compiler named it, relative to its directory when under it */
	uint32_t line;
	bool inlined; /* this function was inlined into the next location's */
	bool own;     /* in the program's own code: not a system library, not a language's std */
};

/* One machine frame. Strings live as long as the symbolizer. */
struct rn_sym_frame {
	uint64_t pc;	      /* the address (a return address for frames past the first) */
	uint64_t offset;      /* its offset in the module's file (strace -k's [0x...]) */
	const char *module;   /* the mapped file's path, or NULL outside any */
	const char *build_id; /* hex, or "" */
	const char *sym;      /* ELF symbol, or NULL */
	uint64_t sym_off;
	const struct rn_sym_loc *locs; /* innermost first: inlined functions, then the real one */
	uint32_t nlocs;
	bool own; /* the program's own code, not libc, the loader or a language runtime */
};

struct rn_sym_stats {
	uint64_t stacks;   /* stacks unwound */
	uint64_t frames;   /* frames symbolized */
	uint64_t lookups;  /* of them, resolved from the DWARF (the rest came from the cache) */
	uint64_t no_stack; /* calls that came without a stack */
};

struct rn_symbolizer;

/* warn: where the one line per module without debug info goes (NULL: nowhere). */
int rn_symbolizer__new(struct rn_symbolizer **out, FILE *warn);
void rn_symbolizer__free(struct rn_symbolizer *s);

/*
 * The frames of the call ev, outermost last; 0 when it has no stack. The mappings it
 * carries (when they changed) are taken first. Frames are valid until the next call.
 */
int rn_symbolizer__event(struct rn_symbolizer *s, const struct rn_event *ev,
			 const struct rn_sym_frame **frames);
/* The same for a stack item and the process's mappings item (NULL: the last ones seen). */
int rn_symbolizer__unwind(struct rn_symbolizer *s, uint32_t tgid, uint32_t tid,
			  const struct rn_item *stack, const struct rn_item *maps,
			  const struct rn_sym_frame **frames);
/* The index of the first frame in the program's own code, or -1. */
int rn_sym__first_own(const struct rn_sym_frame *f, int n);
void rn_symbolizer__stats(const struct rn_symbolizer *s, struct rn_sym_stats *out);

/* What trace prints after a call: --source's ` [file:line function]`, -k's stack. */
enum rn_sym_show {
	RN_SYM_SOURCE = 1 << 0,
	RN_SYM_STACK = 1 << 1,
};

/*
 * A textout hook (rn_textout_opts.annotate): appends to the line of ev, before its newline,
 * ` [file:line function]` (RN_SYM_SOURCE) and the stack as strace -k prints it, a line
 * ` > /path/lib.so(func+0x1f) [0x...]` per frame (RN_SYM_STACK).
 */
struct rn_sym_text {
	struct rn_symbolizer *sym;
	unsigned show; /* enum rn_sym_show */
};
void rn_sym_text__annotate(void *ctx, struct rn_strbuf *sb, const struct rn_event *ev);

/* The parts of it, for frames kept in a trace file (lib/model/views.c). */
void rn_sym__put_source(struct rn_strbuf *sb, const char *file, uint32_t line, const char *func);
void rn_sym__put_frame(struct rn_strbuf *sb, const char *module, const char *sym, uint64_t sym_off,
		       uint64_t offset, const char *file, uint32_t line);

#endif
