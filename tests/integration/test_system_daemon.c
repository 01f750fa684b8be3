// SPDX-License-Identifier: MIT
/*
 * renacerd --system-wide end to end: a fixture run in a real cgroup (made by the test, named as
 * docker names its scopes) is counted exactly, named with its container, its end recorded; a
 * call past its class's threshold is listed whole; `top --once` prints the table; a daemon not
 * in system-wide mode says how to start one.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_daemon.h"

#define CTR "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static char cg_parent[320], cg_child[512];

static void fini(void)
{
	if (cg_child[0])
		rmdir(cg_child);
	if (cg_parent[0])
		rmdir(cg_parent);
	cg_child[0] = cg_parent[0] = 0;
	td_teardown();
}

TestSuite(integ_system_daemon, .init = td_setup, .fini = fini, .timeout = 120);

/* Where cgroup2 is mounted (/sys/fs/cgroup, or /sys/fs/cgroup/unified on a hybrid host). */
static void cgroup2_root(char *buf, size_t len)
{
	char line[1024], dev[256], dir[256], type[64];
	FILE *f = fopen("/proc/self/mounts", "re");

	buf[0] = 0;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%255s %255s %63s", dev, dir, type) == 3 &&
		    !strcmp(type, "cgroup2")) {
			snprintf(buf, len, "%s", dir);
			break;
		}
	if (f)
		fclose(f);
}

/* Runs `sys_ncalls argv...` to its end, first moved into cgroup dir when given; its pid. */
static pid_t run_in(const char *dir, const char *n, const char *sleep_ms)
{
	char *fx = integ_fixture("sys_ncalls");
	pid_t pid = fork();
	int status;

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		char procs[600], me[16];
		int fd;

		if (dir) {
			snprintf(procs, sizeof(procs), "%s/cgroup.procs", dir);
			snprintf(me, sizeof(me), "%d", getpid());
			fd = open(procs, O_WRONLY);
			if (fd < 0 || write(fd, me, strlen(me)) < 0)
				_exit(125);
			close(fd);
		}
		execl(fx, fx, n, sleep_ms, (char *)NULL);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 3, "the fixture exits 3 (status %#x)",
		  status);
	free(fx);
	return pid;
}

/* `renacerctl stats --json` parsed. */
static json_t *stats(void)
{
	const char *args[] = {"stats", "--json", "--socket", td_sock, NULL};
	struct integ_run r;
	json_error_t jerr;
	json_t *root;

	cr_assert_eq(integ_ctl(args, NULL, 30, &r), 0, "stats --json: %s", r.err);
	root = json_loads(r.out, 0, &jerr);
	cr_assert(root, "stats --json printed no JSON (%s): %.300s", jerr.text, r.out);
	cr_assert(json_is_array(json_object_get(root, "processes")));
	cr_assert(json_is_array(json_object_get(root, "slow_calls")));
	cr_assert(json_is_integer(json_object_get(root, "evicted")));
	cr_assert(json_is_integer(json_object_get(root, "dropped")));
	integ_run__free(&r);
	return root;
}

static json_t *proc_of(json_t *root, pid_t pid)
{
	size_t i;
	json_t *p;

	json_array_foreach(json_object_get(root, "processes"), i,
			   p) if (json_integer_value(json_object_get(p, "pid")) == pid) return p;
	return NULL;
}

static json_t *call_of(json_t *p, const char *name)
{
	size_t i;
	json_t *c;

	json_array_foreach(
	    json_object_get(p, "syscalls"), i,
	    c) if (!strcmp(json_string_value(json_object_get(c, "name")), name)) return c;
	return NULL;
}

static long long num(json_t *o, const char *k)
{
	cr_assert(json_is_integer(json_object_get(o, k)), "'%s' is not a number", k);
	return json_integer_value(json_object_get(o, k));
}

Test(integ_system_daemon, stats_count_a_process_exactly_and_name_its_container)
{
	const char *extra[] = {"--system-wide", NULL};
	json_t *root, *p, *c;
	char *dump, cg2[256];
	pid_t pid;

	cgroup2_root(cg2, sizeof(cg2));
	if (!cg2[0])
		integ_unavailable("no cgroup2 hierarchy is mounted (see /proc/self/mounts)");
	snprintf(cg_parent, sizeof(cg_parent), "%s/renacer-test-%d", cg2, getpid());
	if (mkdir(cg_parent, 0755))
		integ_unavailable("cannot make cgroup %s: %s", cg_parent, strerror(errno));
	snprintf(cg_child, sizeof(cg_child), "%s/docker-" CTR ".scope", cg_parent);
	cr_assert_eq(mkdir(cg_child, 0755), 0, "mkdir %s: %s", cg_child, strerror(errno));
	td_start(extra);
	pid = run_in(cg_child, "1000", NULL);
	root = stats();
	p = proc_of(root, pid);
	dump = json_dumps(root, JSON_COMPACT);
	cr_assert(p, "pid %d is not in the stats: %.2000s", pid, dump);
	/* its own loop would be the busiest process on an idle host */
	cr_assert_null(proc_of(root, td_pid), "renacerd counts its own calls: %.2000s", dump);
	free(dump);
	cr_assert_str_eq(json_string_value(json_object_get(p, "comm")), "sys_ncalls");
	cr_assert(strstr(json_string_value(json_object_get(p, "exe")), "sys_ncalls"));
	cr_assert_str_eq(json_string_value(json_object_get(p, "cgroup")), cg_child + strlen(cg2));
	cr_assert_str_eq(json_string_value(json_object_get(p, "container_id")), CTR);
	c = call_of(p, "getppid");
	cr_assert(c, "no getppid row");
	cr_assert_eq(num(c, "calls"), 1000);
	cr_assert_eq(num(c, "errors"), 0);
	cr_assert_leq(num(json_object_get(c, "latency_ns"), "p50"),
		      num(json_object_get(c, "latency_ns"), "p99"));
	cr_assert_leq(num(json_object_get(c, "latency_ns"), "p99"),
		      num(json_object_get(c, "latency_ns"), "max"));
	c = call_of(p, "dup");
	cr_assert(c, "no dup row");
	cr_assert_eq(num(c, "calls"), 1000);
	cr_assert_eq(num(c, "errors"), 1000);
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(c, "errnos"), "EBADF")),
		     1000);
	c = call_of(p, "write");
	cr_assert(c, "no write row");
	/* the fixture's 1000 writes of 100 bytes, and its pid into cgroup.procs before exec */
	cr_assert_geq(num(c, "bytes"), 100000);
	cr_assert_lt(num(c, "bytes"), 100100);
	/* three errnos of one call: two counted in the thread's slot, the third in the LRU map */
	c = call_of(p, "lseek");
	cr_assert(c, "no lseek row");
	cr_assert_eq(num(c, "calls"), 3000);
	cr_assert_eq(num(c, "errors"), 3000);
	{
		json_t *e = json_object_get(c, "errnos");

		cr_assert(json_integer_value(json_object_get(e, "EBADF")) == 1000 &&
			      json_integer_value(json_object_get(e, "ESPIPE")) == 1000 &&
			      json_integer_value(json_object_get(e, "EINVAL")) == 1000,
			  "lseek's errnos: %s", json_dumps(e, JSON_COMPACT));
	}
	/* its lifecycle: how it ended, its CPU and memory */
	cr_assert_eq(num(json_object_get(p, "exit"), "code"), 3);
	cr_assert_gt(num(p, "wall_ns"), 0);
	cr_assert_gt(num(p, "peak_rss_bytes"), 0);
	cr_assert(json_is_integer(json_object_get(p, "cpu_ns")));
	json_decref(root);
}

Test(integ_system_daemon, a_call_past_its_threshold_is_listed_whole)
{
	const char *extra[] = {"--system-wide", NULL};
	json_t *root, *sl = NULL, *s;
	size_t i;
	pid_t pid;

	/* nanosleep waits by design: its class is off unless set */
	td_start_config("[system]\nslow_ms_wait = 100\n", extra);
	pid = run_in(NULL, "1", "300");
	root = stats();
	json_array_foreach(json_object_get(root, "slow_calls"), i, s) if (num(s, "pid") == pid) sl =
	    s;
	cr_assert(sl, "no slow call of pid %d", pid);
	cr_assert_eq(num(sl, "tid"), pid);
	cr_assert_str_eq(json_string_value(json_object_get(sl, "name")), "nanosleep");
	cr_assert_geq(num(sl, "duration_ns"), 300000000);
	cr_assert_eq(json_array_size(json_object_get(sl, "args")), 2);
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(sl, "args"), 1)), "NULL");
	cr_assert_str_eq(json_string_value(json_object_get(sl, "result")), "0");
	json_decref(root);
}

Test(integ_system_daemon, top_once_prints_one_sorted_table)
{
	const char *extra[] = {"--system-wide", NULL};
	const char *args[] = {"top", "--once", "--interval", "0.3", "--socket", td_sock, NULL};
	struct integ_run r;

	td_start(extra);
	cr_assert_eq(integ_ctl(args, NULL, 30, &r), 0, "top --once: %s", r.err);
	cr_assert(strstr(r.out, "SYSCALL") && strstr(r.out, "CALLS/s") && strstr(r.out, "P99"),
		  "no table: %s", r.out);
	integ_run__free(&r);
}

Test(integ_system_daemon, stats_of_a_daemon_not_system_wide_say_how_to_start_one)
{
	const char *args[] = {"stats", "--json", "--socket", td_sock, NULL};
	struct integ_run r;

	td_start(NULL);
	cr_assert_eq(integ_ctl(args, NULL, 30, &r), 1);
	cr_assert(strstr(r.err, "not in system-wide mode") && strstr(r.err, "--system-wide"),
		  "stderr: %s", r.err);
	integ_run__free(&r);
}

/* ASan's shadow memory and quarantine (make sanitize) multiply a process's RSS. */
#ifdef __SANITIZE_ADDRESS__
#define HWM_LIMIT_KIB (512 * 1024)
#else
#define HWM_LIMIT_KIB (64 * 1024)
#endif

/* VmHWM of pid in KiB (0 when unknown). */
static long hwm_kib(pid_t pid)
{
	char path[64], *s, *at;
	long kib = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	s = integ_read_file(path);
	at = s ? strstr(s, "VmHWM:") : NULL;
	if (at)
		kib = atol(at + 6);
	free(s);
	return kib;
}

Test(integ_system_daemon, process_churn_keeps_memory_bounded_and_counts_evictions)
{
	const char *extra[] = {"--system-wide", NULL};
	json_t *root;
	char *log;
	const char *at;
	long hwm;

	/* reads far apart: the processes' entries meet the kernel map's bound, a small one, so
	 * that the churn stays within the bound of other tests' daemons (whose processes'
	 * entries it would otherwise evict) */
	td_start_config("[system]\nmax_processes = 64\nread_ms = 60000\n"
			"max_kernel_entries = 1024\n",
			extra);
	{
		char *fx = integ_fixture("churn");
		char *const argv[] = {fx, "150", NULL};
		pid_t pid = integ_spawn(argv, "/dev/null");

		cr_assert_gt(pid, 0);
		cr_assert_eq(integ_wait(pid, 90), 0, "churn 150");
		free(fx);
	}
	log = td_log();
	at = log ? strstr(log, "maps up to ") : NULL;
	cr_assert(at && strtol(at + strlen("maps up to "), NULL, 10) < 4096,
		  "max_kernel_entries = 1024 did not make the kernel maps smaller (16384 entries "
		  "and 1024 thread slots: over 20000 KiB):\n%s",
		  log);
	free(log);
	root = stats();
	cr_assert_leq(json_array_size(json_object_get(root, "processes")), 64,
		      "the model keeps at most max_processes: %zu",
		      json_array_size(json_object_get(root, "processes")));
	cr_assert_gt(num(root, "evicted"), 0,
		     "150 processes of 42+ distinct syscalls pass the kernel map's 1024 "
		     "entries (max_kernel_entries): evictions are counted");
	json_decref(root);
	hwm = hwm_kib(td_pid);
	cr_assert_gt(hwm, 0);
	cr_assert_lt(hwm, HWM_LIMIT_KIB, "renacerd's peak RSS %ld KiB", hwm);
}

/* More threads than slots: those in slots and those in the LRU map add up in the stats. */
Test(integ_system_daemon, a_process_of_more_threads_than_slots_is_counted_exactly)
{
	const char *extra[] = {"--system-wide", NULL};
	char *fx = integ_fixture("threads");
	char *const argv[] = {fx, "100", "200", NULL};
	json_t *root, *p;
	pid_t pid;

	/* 1024 entries: 64 slots for the whole host */
	td_start_config("[system]\nmax_kernel_entries = 1024\n", extra);
	pid = integ_spawn(argv, "/dev/null");
	cr_assert_gt(pid, 0);
	cr_assert_eq(integ_wait(pid, 60), 0, "threads 100 200");
	root = stats();
	p = proc_of(root, pid);
	cr_assert(p, "pid %d is not in the stats", pid);
	cr_assert_eq(num(call_of(p, "getppid"), "calls"), 20000, "getppid of 200 threads x 100");
	cr_assert_eq(num(call_of(p, "write"), "calls"), 20000);
	cr_assert_eq(num(call_of(p, "write"), "bytes"), 20000);
	json_decref(root);
	free(fx);
}

Test(integ_system_daemon, a_targeted_session_works_alongside)
{
	const char *extra[] = {"--system-wide", NULL};

	td_start(extra);
	td_expect_traces("renacerd --system-wide still serves renacerctl trace");
}

/* Rewrites renacerd.toml, sends SIGHUP and waits for the log line of its outcome; the log. */
static char *reload_with(const char *config, const char *outcome, int nth)
{
	char path[PATH_MAX], *log = NULL;
	const char *at;
	double until;
	int n;

	integ_path(path, sizeof(path), "renacerd.toml");
	cr_assert_eq(integ_write_file(path, config), 0);
	cr_assert_eq(kill(td_pid, SIGHUP), 0);
	for (until = integ_now_s() + 30;; integ_sleep_ms(20)) {
		free(log);
		log = td_log();
		for (n = 0, at = log; (at = strstr(at, outcome)); at++)
			n++;
		if (n >= nth)
			return log;
		cr_assert(integ_now_s() < until, "no '%s' in renacerd's log:\n%s", outcome, log);
	}
}

static bool slow_of(json_t *root, pid_t pid)
{
	json_t *s;
	size_t i;

	json_array_foreach(
	    json_object_get(root, "slow_calls"), i,
	    s) if (num(s, "pid") == pid &&
		   !strcmp(json_string_value(json_object_get(s, "name")), "nanosleep")) return true;
	return false;
}

Test(integ_system_daemon, sighup_reloads_the_thresholds_and_keeps_the_counts)
{
	const char *extra[] = {"--system-wide", NULL};
	json_t *root;
	pid_t before, after, kept;
	char *log;

	td_start_config("[system]\ninterval_s = 600\nslow_ms_wait = 0\n", extra);
	before = run_in(NULL, "50", "300");
	root = stats();
	cr_assert(proc_of(root, before), "pid %d is not in the stats", before);
	cr_assert_eq(num(call_of(proc_of(root, before), "getppid"), "calls"), 50);
	cr_assert(!slow_of(root, before), "slow_ms_wait = 0 listed a nanosleep");
	json_decref(root);

	free(reload_with("[system]\ninterval_s = 600\nslow_ms_wait = 100\n",
			 "configuration reloaded", 1));
	after = run_in(NULL, "1", "300");
	root = stats();
	cr_assert(slow_of(root, after), "slow_ms_wait = 100 after SIGHUP: no slow call of pid %d",
		  after);
	cr_assert(proc_of(root, before), "pid %d was forgotten at the reload", before);
	cr_assert_eq(num(call_of(proc_of(root, before), "getppid"), "calls"), 50,
		     "the counts from before the reload");
	json_decref(root);

	/* a bad file: the error names the key and its range, the running [system] stays */
	log = reload_with("[system]\ninterval_s = 0\nslow_ms_wait = 0\n", "reload failed", 1);
	cr_assert(strstr(log, "renacerd.toml:2:") && strstr(log, "'interval_s'") &&
		      strstr(log, "interval_s 1..3600"),
		  "the reload error does not name the key and its range:\n%s", log);
	free(log);
	kept = run_in(NULL, "1", "300");
	root = stats();
	cr_assert(slow_of(root, kept), "after a failed reload the threshold was not kept");
	json_decref(root);
}

/*
 * A process that renacerd never saw alive (its parent predates renacerd and made no call it
 * read, and it exits before the next read) is named by its fork and exit records, not left
 * with no command and no cgroup.
 */
Test(integ_system_daemon, a_child_of_a_process_older_than_renacerd_is_named_by_its_records)
{
	const char *extra[] = {"--system-wide", NULL};
	char fifo[PATH_MAX], script[PATH_MAX + 64];
	char *const argv[] = {"/bin/sh", "-c", script, NULL};
	json_t *root, *p, *child = NULL;
	char *dump;
	pid_t sh;
	size_t i;
	int fd;

	integ_path(fifo, sizeof(fifo), "go");
	cr_assert_eq(mkfifo(fifo, 0600), 0, "mkfifo %s: %s", fifo, strerror(errno));
	/* a subshell is a fork with no exec; `exit 0` keeps dash from running it in place */
	snprintf(script, sizeof(script), "read x < %s; (exit 7); exit 0", fifo);
	sh = integ_spawn(argv, "/dev/null");
	cr_assert_gt(sh, 0);
	td_start_config("[system]\nread_ms = 60000\n", extra);
	/* a read of the kernel maps now, while sh is blocked: none comes again before the second */
	json_decref(stats());
	fd = open(fifo, O_WRONLY | O_CLOEXEC);
	cr_assert(fd >= 0 && write(fd, "\n", 1) == 1, "cannot write %s: %s", fifo, strerror(errno));
	close(fd);
	cr_assert_eq(integ_wait(sh, 10), 0, "sh -c '%s'", script);
	root = stats();
	json_array_foreach(json_object_get(root, "processes"), i, p)
	{
		if (json_integer_value(json_object_get(p, "ppid")) == sh &&
		    json_integer_value(json_object_get(json_object_get(p, "exit"), "code")) == 7)
			child = p;
	}
	dump = json_dumps(child ? child : root, JSON_COMPACT);
	cr_assert(child, "no process of ppid %d that exited with 7: %.2000s", sh, dump);
	cr_expect_str_eq(json_string_value(json_object_get(child, "comm")) ?: "(null)", "sh",
			 "the subshell's comm: %s", dump);
	cr_expect(json_string_value(json_object_get(child, "cgroup")), "the subshell's cgroup: %s",
		  dump);
	free(dump);
	json_decref(root);
}

/* Steady churn (900 short processes one after another, ~22,000 entries) into the default map
 * of 16384 with no timed read for a minute (a map that large, so that another test's burst
 * run at the same time does not fill it within a loop turn): the entries made since the last read
 * press on the map and renacerd reads at once, deleting the ended processes' entries, so an idle
 * live process's counts are read before the LRU could evict them. */
Test(integ_system_daemon, a_live_idle_process_keeps_its_counts_through_churn)
{
	const char *extra[] = {"--system-wide", NULL};
	char *idle_fx = integ_fixture("sys_ncalls");
	char *const idle[] = {idle_fx, "50", "10000", NULL};
	char *const churn[] = {"/bin/sh", "-c",
			       "i=0; while [ $i -lt 900 ]; do /bin/true; i=$((i + 1)); done", NULL};
	json_t *root, *p;
	pid_t pid, c;

	td_start_config("[system]\ninterval_s = 600\nread_ms = 60000\n", extra);
	pid = integ_spawn(idle, "/dev/null");
	cr_assert_gt(pid, 0);
	integ_sleep_ms(300); /* its 150 calls made: it sleeps now */
	c = integ_spawn(churn, "/dev/null");
	cr_assert_gt(c, 0);
	cr_assert_eq(integ_wait(c, 90), 0, "the churn loop");
	root = stats();
	p = proc_of(root, pid);
	cr_assert(p, "pid %d (alive, idle) is not in the stats", pid);
	cr_assert(call_of(p, "getppid"),
		  "pid %d's getppid entry was lost to the churn (evicted %lld)", pid,
		  num(root, "evicted"));
	cr_assert_eq(num(call_of(p, "getppid"), "calls"), 50);
	json_decref(root);
	kill(pid, SIGKILL);
	integ_wait(pid, 10);
	free(idle_fx);
}
