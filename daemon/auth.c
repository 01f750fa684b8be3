// SPDX-License-Identifier: MIT
/*
 * Who may trace whom: root anything; anyone else only what they could ptrace
 * themselves: same real, effective and saved ids, and dumpable (the kernel gives a
 * non-dumpable process's /proc files to root, so their owner tells).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"

/* The four ids of a "Uid:" or "Gid:" line of /proc/PID/status. */
static int read_ids(pid_t pid, const char *tag, unsigned ids[4])
{
	char path[64], line[256];
	size_t taglen = strlen(tag);
	int found = -ESRCH;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, tag, taglen) &&
		    sscanf(line + taglen, "%u %u %u %u", &ids[0], &ids[1], &ids[2], &ids[3]) == 4) {
			found = 0;
			break;
		}
	fclose(f);
	return found;
}

int auth__may_trace(uid_t uid, gid_t gid, pid_t pid, char *err, size_t errlen)
{
	unsigned uids[4], gids[4];
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
	if (read_ids(pid, "Uid:", uids) || read_ids(pid, "Gid:", gids)) {
		snprintf(err, errlen, "cannot trace pid %d: no such process", pid);
		return -ESRCH;
	}
	for (i = 0; i < 3; i++)
		if (uids[i] != uid || gids[i] != gid) {
			snprintf(
			    err, errlen,
			    "cannot trace pid %d: permission denied (it runs as uid %u gid %u; "
			    "you may trace only your own processes, not setuid/setgid ones; "
			    "run as root to trace others)",
			    pid, uids[1], gids[1]);
			return -EPERM;
		}
	if (st.st_uid != uid) {
		snprintf(
		    err, errlen,
		    "cannot trace pid %d: permission denied (it is not dumpable; you may trace "
		    "only processes you could ptrace; run as root to trace it)",
		    pid);
		return -EPERM;
	}
	return 0;
}
