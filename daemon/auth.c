// SPDX-License-Identifier: MIT
/*
 * Who may trace whom: root anything; anyone else only what they could ptrace
 * themselves (PTRACE_MODE_ATTACH_REALCREDS, kernel/ptrace.c __ptrace_may_access and
 * security/commoncap.c cap_ptrace_access_check): real, effective and saved uid and gid
 * all the caller's, no permitted capability (a normal user has none, so a subset of
 * theirs is none), and dumpable (the kernel gives a non-dumpable process's /proc files
 * to root, so their owner tells). BPF applies the same rule to the traced process's
 * later credentials (bpf/creds.bpf.h leave_why).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"

/* The ids of a "Uid:" or "Gid:" line of /proc/PID/status, and its "CapPrm:" mask. */
struct proc_creds {
	unsigned uids[4], gids[4];
	uint64_t cap_prm;
};

static int read_creds(pid_t pid, struct proc_creds *c)
{
	char path[64], line[256];
	unsigned found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Uid: %u %u %u %u", &c->uids[0], &c->uids[1], &c->uids[2],
			   &c->uids[3]) == 4)
			found |= 1;
		else if (sscanf(line, "Gid: %u %u %u %u", &c->gids[0], &c->gids[1], &c->gids[2],
				&c->gids[3]) == 4)
			found |= 2;
		else if (sscanf(line, "CapPrm: %" SCNx64, &c->cap_prm) == 1)
			found |= 4;
	}
	fclose(f);
	return found == 7 ? 0 : -ESRCH;
}

int auth__may_trace(uid_t uid, gid_t gid, pid_t pid, char *err, size_t errlen)
{
	struct proc_creds c;
	char path[64];
	struct stat st;
	int i;

	snprintf(path, sizeof(path), "/proc/%d", pid);
	if (pid <= 0 || stat(path, &st)) {
		snprintf(err, errlen, "cannot trace pid %d: no such process", pid);
		return -ESRCH;
	}
	if (uid == 0)
		return 0;
	if (read_creds(pid, &c)) {
		snprintf(err, errlen, "cannot trace pid %d: no such process", pid);
		return -ESRCH;
	}
	for (i = 0; i < 3; i++)
		if (c.uids[i] != uid || c.gids[i] != gid) {
			snprintf(
			    err, errlen,
			    "cannot trace pid %d: permission denied (it runs as uid %u gid %u, "
			    "saved uid %u gid %u; " RN_TRACE_RULE ")",
			    pid, c.uids[1], c.gids[1], c.uids[2], c.gids[2]);
			return -EPERM;
		}
	if (c.cap_prm) {
		snprintf(err, errlen,
			 "cannot trace pid %d: permission denied (it has capabilities, permitted "
			 "set 0x%" PRIx64 "; " RN_TRACE_RULE ")",
			 pid, c.cap_prm);
		return -EPERM;
	}
	if (st.st_uid != uid) {
		snprintf(
		    err, errlen,
		    "cannot trace pid %d: permission denied (it is not dumpable; " RN_TRACE_RULE
		    ")",
		    pid);
		return -EPERM;
	}
	return 0;
}
