/* SPDX-License-Identifier: MIT */
/* errno and signal names, spelled as strace spells them. */
#ifndef RENACER_ERRNAMES_H
#define RENACER_ERRNAMES_H

/* "ENOENT"; NULL if unknown. Covers the kernel-internal 512..531 too. */
const char *rn_errno__name(int err);
/* strace's text for an error: strerror's, or its own for the ERESTART* codes; NULL if none. */
const char *rn_errno__text(int err);
/* "SIGCHLD", "SIGRTMIN", "SIGRT_2"; NULL if out of range. */
const char *rn_signal__name(int sig);
/* The inverse of rn_signal__name: the exact name it prints ("SIGHUP", "SIGRTMIN", "SIGRT_2")
 * to its number; -EINVAL for NULL or any other spelling (callers that accept "hup" normalise
 * first). */
int rn_signal__from_name(const char *name);

#endif
