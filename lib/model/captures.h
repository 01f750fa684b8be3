/* SPDX-License-Identifier: MIT */
/*
 * The captures of one call as the model holds them (struct rn_tr_capture): each item BPF
 * copied from user memory, once, with the length the call really had when the copy was
 * cut; and, apart from them, the pipe or socket BPF named behind the call's fd.
 */
#ifndef RENACER_CAPTURES_H
#define RENACER_CAPTURES_H

#include <stdint.h>

#include "event.h"
#include "trace.h"

#define RN_MAX_CAPS 96 /* captures kept per call */

struct rn_captures {
	struct rn_sysspec specs[RN_MAX_SYSCALLS]; /* what was captured, for the full lengths */
	struct rn_tr_capture caps[RN_MAX_CAPS];	  /* the last call's, reused */
};

void rn_captures__init(struct rn_captures *c);
/*
 * Fills c->caps from ev's items (exit record first, then enter) and returns their count;
 * *fo is the pipe or socket behind the call's fd argument when BPF recorded one, else
 * NULL. The captures point into ev's records.
 */
uint32_t rn_captures__collect(struct rn_captures *c, const struct rn_event *ev,
			      const struct rn_fdobj **fo);

#endif
