// SPDX-License-Identifier: MIT
/*
 * The RCU grace periods Linux waits for at a tracepoint's attach and detach
 * (docs/performance.md, session 8), measured with a do-nothing raw_tp program:
 *   tp_grace cycle TP GAP_US N  attach, detach, sleep GAP_US, N times: ms of each attach
 *                               (the 0 -> 1 after a 1 -> 0 waits unless a grace period passed)
 *   tp_grace first N TP...      a link first of two on each TP leaves, N rounds: plain closes
 *                               against rn_detach__links (lib/engine/detach.c), alternated
 * Root; pick tracepoints nothing else uses (task_rename, sched_process_free, ...).
 */
#include <bpf/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "detach.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int empty_prog(void)
{
	struct bpf_insn insns[] = {
	    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0},
	    {.code = BPF_JMP | BPF_EXIT},
	};

	return bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "tp_grace", "GPL", insns, 2, NULL);
}

static int cycle(int prog, const char *tp, int gap_us, int n)
{
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		int link = bpf_raw_tracepoint_open(tp, prog);
		double t1 = now_ms();

		if (link < 0) {
			perror(tp);
			return 1;
		}
		close(link);
		printf("attach %.3f ms, detach %.3f ms\n", t1 - t0, now_ms() - t1);
		if (gap_us)
			usleep((useconds_t)gap_us);
	}
	return 0;
}

static int first(int prog, int rounds, char **tps, int n)
{
	int a[RN_DETACH_MAX], b[RN_DETACH_MAX], progs[RN_DETACH_MAX];

	if (n > RN_DETACH_MAX)
		n = RN_DETACH_MAX;
	for (int r = 0; r < rounds; r++) {
		double t0;

		for (int i = 0; i < n; i++) {
			a[i] = bpf_raw_tracepoint_open(tps[i], prog);
			progs[i] = prog;
		}
		for (int i = 0; i < n; i++)
			b[i] = bpf_raw_tracepoint_open(tps[i], prog);
		t0 = now_ms();
		if (r % 2) {
			rn_detach__links(a, progs, n);
		} else {
			for (int i = 0; i < n; i++)
				close(a[i]);
		}
		printf("%s: the first of two leaves %d tracepoints in %.2f ms\n",
		       r % 2 ? "rn_detach__links" : "plain closes", n, now_ms() - t0);
		for (int i = 0; i < n; i++)
			close(b[i]);
		usleep(40000);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int prog = empty_prog();

	if (prog < 0) {
		perror("cannot load a raw_tp program (root?)");
		return 1;
	}
	if (argc == 5 && !strcmp(argv[1], "cycle"))
		return cycle(prog, argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc >= 4 && !strcmp(argv[1], "first"))
		return first(prog, atoi(argv[2]), argv + 3, argc - 3);
	fprintf(stderr, "usage: tp_grace cycle TP GAP_US N | tp_grace first N TP...\n");
	return 2;
}
