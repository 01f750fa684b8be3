/* SPDX-License-Identifier: MIT */
/*
 * Closing a run's tracepoint links with at most one RCU grace period of waiting, however
 * many tracepoints it shares with a tracer that attached after it (detach.c).
 */
#ifndef RENACER_DETACH_H
#define RENACER_DETACH_H

#define RN_DETACH_MAX 16 /* links of one skeleton */

/* Closes the links (fds > 0) and zeroes them; progs[i] is the program of links[i]. */
void rn_detach__links(int *links, const int *progs, int n);

#endif
