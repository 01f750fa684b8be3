// SPDX-License-Identifier: MIT
/*
 * `make bench` helper: attaches bpf/empty.bpf.c's do-nothing programs to sys_enter and
 * sys_exit, prints "attached", and holds them until SIGTERM or SIGINT.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "empty.skel.h"

int main(void)
{
	struct empty *skel = empty__open_and_load();
	sigset_t set;
	int sig, ret;

	if (!skel) {
		fprintf(stderr, "empty_probe: cannot load the empty programs\n");
		return 1;
	}
	ret = empty__attach(skel);
	if (ret) {
		fprintf(stderr, "empty_probe: cannot attach: %s\n", strerror(-ret));
		empty__destroy(skel);
		return 1;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fprintf(stderr, "empty_probe: attached\n");
	sigwait(&set, &sig);
	empty__destroy(skel);
	return 0;
}
