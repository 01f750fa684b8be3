// SPDX-License-Identifier: MIT
/*
 * Linux removes a tracepoint's probe in tracepoint_remove_func (kernel/tracepoint.c). When
 * the probe removed is the first and exactly one other stays (2 -> 1), it notes a grace
 * period and waits for it there (tp_rcu_get_state then tp_rcu_cond_sync of
 * TP_TRANSITION_SYNC_N_2_1: 8-16 ms here): a run that attached before another tracer and
 * leaves first waited once per shared tracepoint, ~100 ms for seven. A removal that leaves
 * two or more only notes the grace period, and a 2 -> 1 that keeps the first probe waits
 * only for a grace period still pending. So where this run's link is the first of exactly
 * two, a second link of the same program is attached behind the other tracer's; the first
 * links are closed (3 -> 2: noted, no wait), then the second ones (2 -> 1, the first probe
 * kept: the first of them waits for the noted grace period, the others for nothing). Link
 * ids give the order (an id is taken just before its probe is added). The program runs twice
 * per event meanwhile: callers detach when nothing is traced any more, so it looks up and
 * returns. Probes that are not BPF links (perf, ftrace) are not seen: then it waits as before.
 */
#include "detach.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

struct tp_link {
	uint32_t id;
	char tp[64];
};

/* The id and tracepoint of a raw tracepoint link; -errno when fd is not one. */
static int tp_link(int fd, struct tp_link *out)
{
	struct bpf_link_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	memset(out, 0, sizeof(*out));
	info.raw_tracepoint.tp_name = (__u64)(uintptr_t)out->tp;
	info.raw_tracepoint.tp_name_len = sizeof(out->tp);
	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return -errno;
	if (info.type != BPF_LINK_TYPE_RAW_TRACEPOINT)
		return -EINVAL;
	out->id = info.id;
	return 0;
}

static bool ours(const struct tp_link *mine, int n, uint32_t id)
{
	for (int i = 0; i < n; i++)
		if (mine[i].id == id)
			return true;
	return false;
}

/* Counts, per link of ours, the other BPF links on its tracepoint made before and after it. */
static int count_others(const struct tp_link *mine, int n, int *before, int *after)
{
	struct tp_link other;
	uint32_t id = 0;
	int fd;

	while (!bpf_link_get_next_id(id, &id)) {
		if (ours(mine, n, id))
			continue;
		fd = bpf_link_get_fd_by_id(id);
		if (fd < 0) {
			if (errno == ENOENT)
				continue; /* gone meanwhile */
			return -errno;
		}
		if (!tp_link(fd, &other)) {
			for (int i = 0; i < n; i++) {
				if (!mine[i].id || strcmp(mine[i].tp, other.tp))
					continue;
				if (other.id < mine[i].id)
					before[i]++;
				else
					after[i]++;
			}
		}
		close(fd);
	}
	return errno == ENOENT ? 0 : -errno;
}

void rn_detach__links(int *links, const int *progs, int n)
{
	struct tp_link mine[RN_DETACH_MAX] = {0};
	int before[RN_DETACH_MAX] = {0}, after[RN_DETACH_MAX] = {0}, behind[RN_DETACH_MAX];
	int i, ret;

	if (n > RN_DETACH_MAX)
		n = RN_DETACH_MAX;
	for (i = 0; i < n; i++) {
		behind[i] = -1;
		if (links[i] > 0)
			tp_link(links[i], &mine[i]);
	}
	ret = count_others(mine, n, before, after);
	if (ret)
		rn_debug("detach: cannot list the BPF links (%s): one grace period per shared "
			 "tracepoint may be waited for",
			 strerror(-ret));
	for (i = 0; i < n && !ret; i++) {
		if (!mine[i].id || before[i] || after[i] != 1)
			continue;
		/* tp_btf programs name their tracepoint at load, raw_tp ones at attach */
		behind[i] = bpf_raw_tracepoint_open(NULL, progs[i]);
		if (behind[i] < 0)
			behind[i] = bpf_raw_tracepoint_open(mine[i].tp, progs[i]);
	}
	for (i = 0; i < n; i++) {
		if (links[i] > 0)
			close(links[i]);
		links[i] = 0;
	}
	for (i = 0; i < n; i++) {
		if (behind[i] >= 0)
			close(behind[i]);
	}
}
