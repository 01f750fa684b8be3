/* SPDX-License-Identifier: MIT */
/*
 * trace -ff -o FILE: the text of each traced thread in FILE.TID, as strace writes it (no pid
 * prefixes; a file is opened at the thread's first line and closed after its exit line).
 */
#ifndef RENACER_CLIENT_TRACE_SPLIT_H
#define RENACER_CLIENT_TRACE_SPLIT_H

#include <stdint.h>

#include "textout.h"

struct trace_split;

/* NULL if out of memory; the files are FILE.TID with FILE = prefix. */
struct trace_split *trace_split__new(const char *prefix, const struct rn_textout_opts *o,
				     bool append);
/* The text sink of tid, its file opened (emptied) at the first call; NULL if it cannot be. */
struct rn_textout *trace_split__text(struct trace_split *s, uint32_t tid);
/* tid has ended: its file is flushed and closed. */
void trace_split__done(struct trace_split *s, uint32_t tid);
/* Flushes every open file. */
void trace_split__flush(struct trace_split *s);
/* Closes what is open; the first write or open error (-errno), or 0. */
int trace_split__free(struct trace_split *s);

#endif
