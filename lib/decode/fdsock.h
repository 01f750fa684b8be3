/* SPDX-License-Identifier: MIT */
/* -yy: what strace prints for a socket descriptor, by its inode. */
#ifndef RENACER_FDSOCK_H
#define RENACER_FDSOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * `TCP:[1.2.3.4:5->6.7.8.9:10]`, `TCPv6:[[::1]:5->[::1]:10]`, `UDP:[...]`,
 * `UNIX-STREAM:[ino->peer,"path"]` for socket inode ino of process tgid (its network
 * namespace, or the tracer's once the process is gone). False when the socket is not found.
 */
bool rn_fdsock__detail(uint32_t tgid, unsigned long ino, char *out, size_t len);

#endif
