/* SPDX-License-Identifier: MIT */
/*
 * A [[watch]] glob's last component compiled for the kernel's matcher at cgroup_mkdir
 * (bpf/watch.bpf.h): '*', '?', '[...]' ('!' or '^' negates, ranges, ']' first is literal)
 * and '\' escapes, as glob(3) matches one path component.
 */
#ifndef RENACER_WATCHGLOB_H
#define RENACER_WATCHGLOB_H

#include <linux/types.h>
#include <stdbool.h>

#include "renacer_abi.h"

/* 0, or -EINVAL for an empty component, one with '/' or more than RN_WATCH_GLOB elements. */
int rn_watchglob__compile(const char *glob, struct rn_watch_pattern *out);
/* name against a compiled pattern, step for step as the kernel matches it. */
bool rn_watchglob__match(const struct rn_watch_pattern *w, const char *name);

#endif
