// SPDX-License-Identifier: MIT
/* lib/model/sysstats*.c: container ids from real cgroup path shapes, the aggregates' model. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "sysstats.h"

#define ID   "3f1c2a9e0b8d47c6a5e4f3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2"
#define UID  "2b8e5c4a-1d3f-4e6a-9b7c-0a1e2d3c4b5a"
#define UIDU "2b8e5c4a_1d3f_4e6a_9b7c_0a1e2d3c4b5a"

static void expect(const char *path, const char *runtime, const char *id, const char *pod,
		   const char *unit)
{
	struct rn_container c;

	rn_container__parse(path, &c);
	cr_expect_str_eq(c.runtime, runtime, "%s: runtime '%s'", path, c.runtime);
	cr_expect_str_eq(c.id, id, "%s: id '%s'", path, c.id);
	cr_expect_str_eq(c.pod_uid, pod, "%s: pod '%s'", path, c.pod_uid);
	cr_expect_str_eq(c.unit, unit, "%s: unit '%s'", path, c.unit);
}

Test(unit_sysstats, container_ids_from_the_cgroup_paths_of_each_runtime)
{
	/* docker: the systemd cgroup driver, then cgroupfs */
	expect("/system.slice/docker-" ID ".scope", "docker", ID, "", "");
	expect("/docker/" ID, "docker", ID, "", "");
	/* containerd under kubelet, systemd driver and cgroupfs */
	expect("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" UIDU
	       ".slice/cri-containerd-" ID ".scope",
	       "containerd", ID, UID, "");
	expect("/kubepods/besteffort/pod" UID "/" ID, "containerd", ID, UID, "");
	expect("/kubepods.slice/kubepods-pod" UIDU ".slice/cri-containerd-" ID ".scope",
	       "containerd", ID, UID, "");
	/* containerd alone: its namespace, then the id (nerdctl, ctr) */
	expect("/default/" ID, "containerd", ID, "", "");
	/* cri-o, systemd driver and cgroupfs; conmon is not the container */
	expect("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" UIDU
	       ".slice/crio-" ID ".scope",
	       "cri-o", ID, UID, "");
	expect("/kubepods/burstable/pod" UID "/crio-" ID, "cri-o", ID, UID, "");
	expect("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" UIDU
	       ".slice/crio-conmon-" ID ".scope",
	       "", "", UID, "crio-conmon-" ID ".scope");
	/* podman: root (machine.slice), rootless (a user's manager), cgroupfs */
	expect("/machine.slice/libpod-" ID ".scope", "podman", ID, "", "");
	expect("/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID ".scope",
	       "podman", ID, "", "");
	expect("/libpod_parent/libpod-" ID, "podman", ID, "", "");
	expect("/machine.slice/libpod-" ID ".scope/container", "podman", ID, "", "");
	/* systemd units: the innermost one */
	expect("/system.slice/nginx.service", "", "", "", "nginx.service");
	expect("/system.slice/actions.runner.org-repo.runner1.service", "", "", "",
	       "actions.runner.org-repo.runner1.service");
	expect("/user.slice/user-1000.slice/session-3.scope", "", "", "", "session-3.scope");
	expect("/user.slice/user-1000.slice/user@1000.service/app.slice/foot.service", "", "", "",
	       "foot.service");
	/* nothing to name */
	expect("/", "", "", "", "");
	expect("", "", "", "", "");
	expect("/init.scope", "", "", "", "init.scope");
	/* almost ids: not 64 hex digits */
	expect("/docker/" ID "0", "", "", "", "");
	expect("/system.slice/docker-xyz.scope", "", "", "", "docker-xyz.scope");
}

static void fill(struct rn_agg_val *v, uint64_t calls, uint64_t ns_each)
{
	int b = 0;

	memset(v, 0, sizeof(*v));
	v->calls = calls;
	v->sum_ns = calls * ns_each;
	v->max_ns = ns_each;
	while ((2ULL << b) <= ns_each)
		b++;
	v->hist[b] = calls;
}

Test(unit_sysstats, percentiles_fall_in_the_bucket_and_never_pass_the_max)
{
	__u64 hist[RN_AGG_HIST] = {0};

	cr_assert_eq(rn_ss__percentile(hist, 0, 0.5), 0, "no calls: 0");
	hist[10] = 99; /* [1024, 2048) */
	hist[20] = 1;  /* [1 Mi, 2 Mi) */
	cr_assert_geq(rn_ss__percentile(hist, 1500000, 0.5), 1024);
	cr_assert_lt(rn_ss__percentile(hist, 1500000, 0.5), 2048);
	cr_assert_leq(rn_ss__percentile(hist, 1500000, 0.99), 2048, "99 of 100 are fast");
	cr_assert_eq(rn_ss__percentile(hist, 1500000, 1.0), 1500000, "the slowest is the max");
}

Test(unit_sysstats, an_evicted_kernel_entry_adds_to_what_was_counted)
{
	struct rn_sysstats *s = rn_sysstats__new(NULL);
	struct rn_agg_val v;
	struct rn_ss_proc *p;

	cr_assert(s);
	fill(&v, 100, 500);
	rn_sysstats__update(s, 42, 39, &v, 1);
	fill(&v, 150, 500);
	rn_sysstats__update(s, 42, 39, &v, 2);
	/* evicted, made anew: it restarts from 0 */
	fill(&v, 7, 500);
	rn_sysstats__update(s, 42, 39, &v, 3);
	p = rn_sysstats__proc(s, 42, false, 0);
	cr_assert(p);
	cr_assert_eq(p->ncalls, 1);
	cr_assert_eq(p->calls[0].v.calls, 157, "150 then 7 more: %llu",
		     (unsigned long long)p->calls[0].v.calls);
	rn_sysstats__free(s);
}

Test(unit_sysstats, an_evicted_errno_entry_adds_to_what_was_counted)
{
	struct rn_sysstats *s = rn_sysstats__new(NULL);
	struct rn_agg_val v;
	struct rn_ss_proc *p;

	cr_assert(s);
	fill(&v, 150, 500);
	rn_sysstats__update(s, 42, 39, &v, 1);
	cr_assert_eq(rn_sysstats__update_errno(s, 42, 39, 2, 100), 0);
	cr_assert_eq(rn_sysstats__update_errno(s, 42, 39, 2, 150), 0);
	/* evicted, made anew: it restarts from 0 */
	cr_assert_eq(rn_sysstats__update_errno(s, 42, 39, 2, 7), 0);
	p = rn_sysstats__proc(s, 42, false, 0);
	cr_assert(p);
	cr_assert_eq(p->calls[0].nerrnos, 1);
	cr_assert_eq(p->calls[0].errnos[0].count, 157, "150 then 7 more: %llu",
		     (unsigned long long)p->calls[0].errnos[0].count);
	rn_sysstats__free(s);
}

/* The model keeps a call's buckets from its first to its last in use: nothing is lost. */
Test(unit_sysstats, the_histogram_kept_in_part_gives_back_every_bucket)
{
	struct rn_sysstats *s = rn_sysstats__new(NULL);
	struct rn_agg_val v = {0}, full;
	struct rn_ss_proc *p;
	int b;

	cr_assert(s);
	v.calls = 3;
	v.hist[7] = 2;
	v.hist[9] = 1;
	cr_assert_eq(rn_sysstats__update(s, 42, 0, &v, 1), 0);
	p = rn_sysstats__proc(s, 42, false, 0);
	cr_assert_eq(p->calls[0].hlo, 7);
	cr_assert_eq(p->calls[0].hn, 3, "buckets 7..9: %u", p->calls[0].hn);
	/* wider on both sides */
	v.calls = 6;
	v.hist[0] = 1;
	v.hist[31] = 1;
	v.hist[12] = 1;
	cr_assert_eq(rn_sysstats__update(s, 42, 0, &v, 2), 0);
	/* the kernel's entry was evicted and made anew: 2 calls more, in bucket 20 */
	memset(&v, 0, sizeof(v));
	v.calls = 2;
	v.hist[20] = 2;
	cr_assert_eq(rn_sysstats__update(s, 42, 0, &v, 3), 0);
	rn_ss_call__full(&p->calls[0], &full);
	cr_assert_eq(full.calls, 8);
	for (b = 0; b < RN_AGG_HIST; b++)
		cr_assert_eq(full.hist[b],
			     b == 7    ? 2
			     : b == 20 ? 2
				       : (b == 0 || b == 9 || b == 12 || b == 31),
			     "bucket %d: %llu", b, (unsigned long long)full.hist[b]);
	rn_sysstats__free(s);
}

/* A read can find a call made but not yet counted (the kernel makes the entry, then counts). */
Test(unit_sysstats, a_call_not_yet_counted_keeps_an_empty_histogram)
{
	struct rn_sysstats *s = rn_sysstats__new(NULL);
	struct rn_agg_val v = {0}, full;
	struct rn_ss_proc *p;

	cr_assert(s);
	cr_assert_eq(rn_sysstats__update(s, 42, 0, &v, 1), 0);
	p = rn_sysstats__proc(s, 42, false, 0);
	cr_assert(p);
	cr_assert_eq(p->calls[0].hn, 0);
	v.calls = 1;
	v.hist[5] = 1;
	cr_assert_eq(rn_sysstats__update(s, 42, 0, &v, 2), 0);
	rn_ss_call__full(&p->calls[0], &full);
	cr_assert_eq(full.calls, 1);
	cr_assert_eq(full.hist[5], 1);
	rn_sysstats__free(s);
}

Test(unit_sysstats, processes_are_bounded_and_the_ended_go_first)
{
	struct rn_sysstats_opts o = {.max_procs = 4, .keep_ended_ns = 1000};
	struct rn_sysstats *s = rn_sysstats__new(&o);
	uint32_t pid;

	cr_assert(s);
	for (pid = 1; pid <= 4; pid++)
		cr_assert(rn_sysstats__proc(s, pid, true, pid));
	rn_sysstats__exit(s, 2, 0, 0, 0, 10);
	cr_assert(rn_sysstats__proc(s, 5, true, 11));
	cr_assert_eq(rn_sysstats__nprocs(s), 4);
	cr_assert_null(rn_sysstats__proc(s, 2, false, 0), "the ended one made room");
	cr_assert_eq(rn_sysstats__dropped(s), 0, "an ended process is not a loss");
	cr_assert(rn_sysstats__proc(s, 6, true, 12));
	cr_assert_null(rn_sysstats__proc(s, 1, false, 0), "then the longest idle");
	cr_assert_eq(rn_sysstats__dropped(s), 1);
	for (pid = 1000; pid < 3000; pid++) {
		rn_sysstats__fork(s, pid, 5, 100 + pid);
		rn_sysstats__exit(s, pid, 0, 0, 0, 101 + pid);
	}
	cr_assert_eq(rn_sysstats__nprocs(s), 4, "churn stays within max_procs");
	rn_sysstats__prune(s, 10000);
	cr_assert_leq(rn_sysstats__nprocs(s), 3, "the ended are pruned after keep_ended_ns");
	rn_sysstats__free(s);
}

/* Churn far past max_procs: the live stay, the newest ended are kept, every index holds. */
Test(unit_sysstats, churn_past_the_bound_drops_the_oldest_ended_and_keeps_the_index_whole)
{
	struct rn_sysstats_opts o = {.max_procs = 64, .keep_ended_ns = 1000000};
	struct rn_sysstats *s = rn_sysstats__new(&o);
	uint32_t pid;
	size_t i;

	cr_assert(s);
	for (pid = 1; pid <= 10; pid++)
		cr_assert(rn_sysstats__proc(s, pid, true, pid));
	for (pid = 1000; pid < 51000; pid++) {
		cr_assert(rn_sysstats__fork(s, pid, 1, 2 * pid));
		cr_assert(rn_sysstats__exit(s, pid, 0, 0, 0, 2 * pid + 1));
		/* now and then the live ones are busy: never the longest idle */
		for (i = 1; pid % 1000 == 0 && i <= 10; i++)
			rn_sysstats__proc(s, (uint32_t)i, false, 0)->seen_ns = 2 * pid;
	}
	cr_assert_eq(rn_sysstats__nprocs(s), 64);
	cr_assert_eq(rn_sysstats__dropped(s), 0, "only ended processes made room");
	for (pid = 1; pid <= 10; pid++)
		cr_assert(rn_sysstats__proc(s, pid, false, 0), "live pid %u was dropped", pid);
	for (pid = 51000 - 54; pid < 51000; pid++)
		cr_assert(rn_sysstats__proc(s, pid, false, 0), "pid %u, among the newest ended",
			  pid);
	cr_assert_null(rn_sysstats__proc(s, 51000 - 55, false, 0), "an older ended one stayed");
	for (i = 0; i < rn_sysstats__nprocs(s); i++) {
		struct rn_ss_proc *p = rn_sysstats__at(s, i);

		cr_assert_eq(rn_sysstats__proc(s, p->pid, false, 0), p, "pid %u indexed wrong",
			     p->pid);
	}
	/* a pid used again after its process ended is a new process */
	cr_assert(rn_sysstats__fork(s, 50999, 1, 200000));
	cr_assert_not(rn_sysstats__proc(s, 50999, false, 0)->ended);
	cr_assert_eq(rn_sysstats__nprocs(s), 64);
	rn_sysstats__free(s);
}

Test(unit_sysstats, the_stats_json_has_the_issues_shape)
{
	struct rn_sysstats *s = rn_sysstats__new(NULL);
	struct rn_strbuf sb = {0};
	struct rn_ss_slow sl = {.pid = 7, .tid = 8, .nr = 35, .duration_ns = 300000000};
	struct rn_agg_val v;
	json_error_t jerr;
	json_t *root, *p, *c;

	cr_assert(s);
	rn_sysstats__exec(s, 7, 1, "sle\"ep", "/usr/bin/sleep", 1, 5);
	rn_sysstats__set_cgroup(rn_sysstats__proc(s, 7, false, 0), "/docker/" ID);
	fill(&v, 3, 1000);
	v.errors = 1;
	rn_sysstats__update(s, 7, 110, &v, 6);
	rn_sysstats__update_errno(s, 7, 110, 9, 1);
	sl.args[0] = strdup("{tv_sec=0, tv_nsec=300000000}");
	sl.args[1] = strdup("NULL");
	sl.nargs = 2;
	sl.result = strdup("0");
	rn_sysstats__add_slow(s, &sl);
	cr_assert_eq(rn_sysstats__json(s, &sb, 2, 3, NULL), 0);
	root = json_loads(sb.buf, 0, &jerr);
	cr_assert(root, "not JSON: %s\n%s", jerr.text, sb.buf);
	p = json_array_get(json_object_get(root, "processes"), 0);
	cr_assert_eq(json_integer_value(json_object_get(p, "pid")), 7);
	cr_assert_str_eq(json_string_value(json_object_get(p, "comm")), "sle\"ep");
	cr_assert_str_eq(json_string_value(json_object_get(p, "exe")), "/usr/bin/sleep");
	cr_assert_str_eq(json_string_value(json_object_get(p, "container_id")), ID);
	c = json_array_get(json_object_get(p, "syscalls"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(c, "name")), "syscall_110");
	cr_assert_eq(json_integer_value(json_object_get(c, "calls")), 3);
	cr_assert_eq(json_integer_value(json_object_get(c, "errors")), 1);
	cr_assert_eq(json_integer_value(json_object_get(c, "bytes")), 0);
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(c, "latency_ns"), "max")),
		     1000);
	c = json_array_get(json_object_get(root, "slow_calls"), 0);
	cr_assert_eq(json_integer_value(json_object_get(c, "tid")), 8);
	cr_assert_eq(json_integer_value(json_object_get(c, "duration_ns")), 300000000);
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(c, "args"), 1)), "NULL");
	cr_assert_str_eq(json_string_value(json_object_get(c, "result")), "0");
	cr_assert_eq(json_integer_value(json_object_get(root, "evicted")), 2);
	cr_assert_eq(json_integer_value(json_object_get(root, "dropped")), 3);
	cr_assert(json_is_null(json_object_get(
		      json_array_get(json_object_get(root, "processes"), 0), "unit")) ||
		  !json_object_get(json_array_get(json_object_get(root, "processes"), 0), "unit"));
	json_decref(root);
	rn_strbuf__free(&sb);
	rn_sysstats__free(s);
}
