/* SPDX-License-Identifier: MIT */
/*
 * The stack of a call in the golden-trace model (struct rn_tr_frame, trace.h): made from
 * the symbolizer's frames while tracing (trace --source, -k, -o FILE), and printed again
 * from a trace file by `show --source` / `show -k` without the binaries (docs/stacks.md).
 */
#ifndef RENACER_FRAMES_H
#define RENACER_FRAMES_H

#include <stdint.h>

#include "event.h"
#include "strbuf.h"
#include "symbol.h"
#include "trace.h"

struct rn_frames {
	struct rn_tr_frame *v;
	uint32_t n, cap;
};

/*
 * ev's stack as model frames: per machine frame, each function inlined at its address
 * (inlined = true) and then the real one, outermost last. 0 when ev has no stack.
 */
uint32_t rn_frames__collect(struct rn_frames *f, struct rn_symbolizer *sym,
			    const struct rn_event *ev);
void rn_frames__free(struct rn_frames *f);
/* ` [file:line function]` (RN_SYM_SOURCE) and strace -k's lines (RN_SYM_STACK) of frames. */
void rn_frames__put_text(struct rn_strbuf *sb, const struct rn_tr_frame *f, uint32_t n,
			 unsigned show);

#endif
