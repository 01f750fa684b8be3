/* SPDX-License-Identifier: MIT */
/* -yy: what strace prints for a socket descriptor, by its inode. */
#ifndef RENACER_FDSOCK_H
#define RENACER_FDSOCK_H

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "renacer_abi.h"

/*
 * `TCP:[1.2.3.4:5->6.7.8.9:10]`, `TCPv6:[[::1]:5->[::1]:10]`, `UDP:[...]`,
 * `UNIX-STREAM:[ino->peer,"path"]` for socket inode ino of process tgid (its network
 * namespace, or the tracer's once the process is gone). False when the socket is not found.
 */
bool rn_fdsock__detail(uint32_t tgid, unsigned long ino, char *out, size_t len);
/*
 * The same for a socket as BPF saw it at a call (struct rn_fdid): TCP/UDP over IPv4/IPv6 with
 * their endpoints; with bare, any socket as `PROTO:[ino]` (`UNIX-STREAM:[ino]`), what strace
 * prints when sock_diag no longer finds it. False when it has no such name.
 */
bool rn_fdsock__from_id(const struct rn_fdid *id, bool bare, char *out, size_t len);

#endif
