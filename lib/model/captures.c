// SPDX-License-Identifier: MIT
#include "captures.h"

#include <stdbool.h>

#include "systable.h"

void rn_captures__init(struct rn_captures *c)
{
	rn_systable__capspecs(c->specs);
}

/* The capture of item it (not an fd object) of the call ev. */
static void fill_cap(const struct rn_captures *cs, const struct rn_event *ev,
		     const struct rn_item *it, struct rn_tr_capture *c)
{
	const struct rn_sys_rec *rec = ev->rec;

	c->arg = it->arg;
	c->idx = it->idx;
	c->data = rn_item__data(it);
	c->len = it->len;
	c->full_len = it->len;
	/* memory BPF could not read (a page never touched) is a capture cut to nothing */
	c->truncated = it->flags & (RN_IF_TRUNC | RN_IF_FAULT);
	if (c->truncated && it->kind == RN_CAP_BUF && it->arg < RN_NR_ARGS) {
		const struct rn_capspec *spec = &cs->specs[rec->nr & 511].arg[it->arg];

		if (spec->len_src < RN_NR_ARGS)
			c->full_len = rec->args[spec->len_src] * (spec->size ? spec->size : 1);
		else if (spec->len_src == RN_LEN_RET && rec->ret > 0)
			c->full_len = (uint64_t)rec->ret * (spec->size ? spec->size : 1);
	}
}

static bool cap_seen(const struct rn_tr_capture *caps, uint32_t n, const struct rn_item *it)
{
	for (uint32_t j = 0; j < n; j++)
		if (caps[j].arg == it->arg && caps[j].idx == it->idx)
			return true;
	return false;
}

uint32_t rn_captures__collect(struct rn_captures *c, const struct rn_event *ev,
			      const struct rn_fdobj **fo)
{
	const struct rn_sys_rec *recs[2] = {ev->rec, ev->enter};
	uint32_t n = 0;

	*fo = NULL;
	for (int k = 0; k < 2; k++) {
		const struct rn_item *it = NULL;

		while (recs[k] && (it = rn_rec__next_item(recs[k], it))) {
			if (it->arg == RN_ARG_STACK || it->kind == RN_CAP_FDID) {
				continue; /* the stack: frames (frames.c); -y's names: not captures
					   */
			} else if (it->kind == RN_CAP_FDOBJ) {
				if (k == 0 && !*fo && it->len >= sizeof(struct rn_fdobj))
					*fo = rn_item__data(it);
			} else if (n < RN_MAX_CAPS && !cap_seen(c->caps, n, it)) {
				fill_cap(c, ev, it, &c->caps[n++]);
			}
		}
	}
	return n;
}
