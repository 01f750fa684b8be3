// SPDX-License-Identifier: MIT
/*
 * Programs verified once and reused (lib/engine/pin.c): runs at once get a slot each and
 * only their own events, a run SIGKILLed mid-trace leaves its slot to the next run with
 * nothing of its trace in it, another build's pins are replaced, and without bpffs the
 * programs are loaded for the run alone. Each test pins under a root of its own.
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "integ.h"

static char pin_root[128];

/* The pins go with the test, passed or failed: they are kernel memory, not files. */
static void kill_leftovers(void);

static void pin_teardown(void)
{
	kill_leftovers();
	if (*pin_root)
		integ_rmtree(pin_root);
	integ_teardown();
}

TestSuite(integ_pin, .init = integ_setup, .fini = pin_teardown, .timeout = 300);

/* A pin root of this test's own, in RENACER_BPF_PIN_DIR for the runs it starts. */
static void own_pin_root(void)
{
	if (integ_use_strace())
		cr_skip_test("renacerctl's pinned programs");
	snprintf(pin_root, sizeof(pin_root), "/sys/fs/bpf/renacer-test-%d", (int)getpid());
	integ_rmtree(pin_root);
	setenv("RENACER_BPF_PIN_DIR", pin_root, 1);
}

/* Calls on the path /marker: its quoted argument (the shell's script names it unquoted). */
static size_t count_text(const char *text, const char *marker)
{
	char needle[160];
	size_t n = 0;

	snprintf(needle, sizeof(needle), "\"/%s\"", marker);
	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* A shell that looks N times for a file named by marker ("-1": forever), which is not there. */
static void looker(char *buf, size_t len, const char *marker, int n)
{
	if (n < 0)
		snprintf(buf, len, "echo $$ > %s/%s.pid; while :; do [ -e /%s ]; sleep 0.01; done",
			 integ_dir, marker, marker);
	else
		snprintf(buf, len, "i=0; while [ $i -lt %d ]; do [ -e /%s ]; i=$((i+1)); done", n,
			 marker);
}

/* The looking run a test started, killed at teardown whatever assertion ended the test. */
static pid_t looking_ctl, looking_shell;
static char looking_marker[64];

/* Kills a looking run's renacerctl (and with shell_too its shell); its shell's pid, or 0. */
static pid_t kill_looking_run(pid_t ctl, const char *marker, bool shell_too)
{
	char pidfile[512], *pidtext;
	pid_t shell;

	kill(ctl, SIGKILL);
	integ_wait(ctl, 30);
	snprintf(pidfile, sizeof(pidfile), "%s/%s.pid", integ_dir, marker);
	pidtext = integ_read_file(pidfile);
	shell = pidtext ? atoi(pidtext) : 0;
	free(pidtext);
	if (shell_too && shell > 1)
		kill(shell, SIGKILL);
	looking_ctl = 0;
	looking_shell = shell_too || shell <= 1 ? 0 : shell;
	return shell > 1 ? shell : 0;
}

static void kill_leftovers(void)
{
	if (looking_ctl)
		kill_looking_run(looking_ctl, looking_marker, true);
	if (looking_shell)
		kill(looking_shell, SIGKILL);
	looking_shell = 0;
}

/*
 * A run of renacerctl -d tracing a shell that looks for /MARKER until killed; returns once its
 * trace shows a look (if it never does, the run and its shell are killed first).
 */
static pid_t start_looking_run(const char *marker, char *err, size_t errlen)
{
	char script[256], out[512], name[80], look[80];
	pid_t ctl;

	looker(script, sizeof(script), marker, -1);
	snprintf(name, sizeof(name), "%s.out", marker);
	integ_path(out, sizeof(out), name);
	snprintf(name, sizeof(name), "%s.err", marker);
	integ_path(err, errlen, name);
	char *argv[] = {(char *)integ_ctl_path(),
			"trace",
			"--embedded",
			"-d",
			"-o",
			out,
			"--",
			"/bin/sh",
			"-c",
			script,
			NULL};
	ctl = integ_spawn(argv, err);
	cr_assert_gt(ctl, 0, "cannot start renacerctl");
	looking_ctl = ctl;
	snprintf(looking_marker, sizeof(looking_marker), "%s", marker);
	snprintf(look, sizeof(look), "\"/%s\"", marker);
	cr_assert(integ_wait_for_text(out, look, 120), "the first run traced nothing");
	return ctl;
}

Test(integ_pin, two_traces_at_once_on_pinned_programs_each_get_only_their_own_events)
{
	enum { PAIRS = 10, CALLS = 200 };
	int reused = 0;

	own_pin_root();
	for (int pair = 0; pair < PAIRS; pair++) {
		char script[2][256], out[2][512], err[2][512], marker[2][64];
		pid_t pid[2];

		for (int k = 0; k < 2; k++) {
			snprintf(marker[k], sizeof(marker[k]), "rn-pin-%c-%d", 'A' + k, pair);
			looker(script[k], sizeof(script[k]), marker[k], CALLS);
			snprintf(out[k], sizeof(out[k]), "%s/%s.out", integ_dir, marker[k]);
			snprintf(err[k], sizeof(err[k]), "%s/%s.err", integ_dir, marker[k]);
			char *argv[] = {(char *)integ_ctl_path(),
					"trace",
					"--embedded",
					"-d",
					"-o",
					out[k],
					"--",
					"/bin/sh",
					"-c",
					script[k],
					NULL};
			pid[k] = integ_spawn(argv, err[k]);
			cr_assert_gt(pid[k], 0, "cannot start renacerctl");
		}
		for (int k = 0; k < 2; k++) {
			char *text, *log;

			cr_assert_eq(integ_wait(pid[k], 120), 0, "trace %s failed", marker[k]);
			text = integ_read_file(out[k]);
			log = integ_read_file(err[k]);
			cr_assert_not_null(text);
			cr_assert_not_null(log);
			cr_assert_eq(count_text(text, marker[k]), CALLS,
				     "the trace of %s holds %zu of its %d calls:\n%s", marker[k],
				     count_text(text, marker[k]), CALLS, text);
			cr_assert_eq(
			    count_text(text, marker[1 - k]), 0,
			    "the trace of %s holds calls of %s, traced by the other run:\n%s",
			    marker[k], marker[1 - k], text);
			if (strstr(log, "pinned programs reused"))
				reused++;
			free(text);
			free(log);
		}
	}
	/* after the first pair at least one slot is pinned, and the first run of each pair
	 * finds it free or the other run holds it and a second slot exists or is made */
	cr_assert_geq(reused, PAIRS - 1, "only %d of %d runs reused pinned programs", reused,
		      2 * PAIRS);
}

Test(integ_pin, a_run_killed_mid_trace_leaves_its_slot_to_the_next_run_with_none_of_its_trace)
{
	char script[256], err[512], *text;
	const char *opts[] = {"--embedded", "-d", NULL};
	const char *cmd[] = {"/bin/sh", "-c", script, NULL};
	struct integ_traced tr;
	pid_t ctl, old;

	own_pin_root();
	ctl = start_looking_run("rn-pin-OLD", err, sizeof(err));
	old = kill_looking_run(ctl, "rn-pin-OLD", false);
	cr_assert_gt(old, 1, "the first run's shell wrote no pid");
	text = integ_read_file(err);
	cr_assert(text && strstr(text, "pinned as slot 0"), "the first run pinned nothing:\n%s",
		  text ? text : "");
	free(text);

	/* its shell lives on, untraced, looking for rn-pin-OLD */
	looker(script, sizeof(script), "rn-pin-NEW", 100);
	integ_traced__run(&tr, integ_dir, opts, cmd, false);
	kill(old, SIGKILL);
	looking_shell = 0;
	/* with the shell still among the slot's targets, the trace would wait for its end */
	cr_assert_eq(tr.run.status, 0, "trace failed (status %d): %s", tr.run.status, tr.run.err);
	cr_assert_not_null(strstr(tr.run.err, "pinned programs reused, slot 0"),
			   "the slot of the killed run was not reused:\n%s", tr.run.err);
	cr_assert_eq(count_text(tr.raw, "rn-pin-NEW"), 100, "the trace holds %zu of 100 calls:\n%s",
		     count_text(tr.raw, "rn-pin-NEW"), tr.raw);
	cr_assert_eq(count_text(tr.raw, "rn-pin-OLD"), 0,
		     "the trace holds calls of the killed run's process:\n%s", tr.raw);
	integ_traced__free(&tr);
}

/* The slot's pinned rings that hold records no run has read (prod != cons), or 0; -1: none
 * pinned. */
static int unread_rings(const char *slot)
{
	long page = sysconf(_SC_PAGESIZE);
	int n = 0, i;

	for (i = 0; i < 64; i++) {
		char path[760];
		void *cons, *prod;
		int fd;

		snprintf(path, sizeof(path), "%s/r%d", slot, i);
		fd = bpf_obj_get(path);
		if (fd < 0)
			break;
		cons = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, 0);
		prod = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, page);
		cr_assert(cons != MAP_FAILED && prod != MAP_FAILED, "cannot map %s", path);
		if (__atomic_load_n((uint64_t *)prod, __ATOMIC_ACQUIRE) !=
		    __atomic_load_n((uint64_t *)cons, __ATOMIC_ACQUIRE))
			n++;
		munmap(cons, (size_t)page);
		munmap(prod, (size_t)page);
		close(fd);
	}
	return i ? n : -1;
}

static void this_build(char *build, size_t len);

/* ROOT/renacer-BUILD/KNOBS/0 of the one copy this test's runs made. */
static void first_slot(char *slot, size_t len)
{
	char build[64], dir[320];
	struct dirent *d;
	DIR *dd;

	this_build(build, sizeof(build));
	snprintf(dir, sizeof(dir), "%s/renacer-%s", pin_root, build);
	dd = opendir(dir);
	cr_assert_not_null(dd, "no %s", dir);
	slot[0] = '\0';
	while ((d = readdir(dd)))
		if (d->d_name[0] != '.')
			snprintf(slot, len, "%s/%s/0", dir, d->d_name);
	closedir(dd);
	cr_assert(slot[0], "no copy under %s", dir);
}

/*
 * A start makes no rings (the kernel zeroed 2 x 8 MiB per start): they stay pinned with the
 * slot. A run stopped, then killed, leaves records unread in them; the next run skips those.
 */
Test(integ_pin, the_rings_stay_with_the_slot_and_a_killed_runs_unread_records_are_skipped)
{
	char err[512], slot[700];
	const char *opts[] = {"--embedded", "-d", NULL};
	const char *cmd[] = {"/bin/sh", "-c", "[ -e /rn-pin-NEXT ] || true", NULL};
	struct integ_traced tr;
	int unread = 0;
	pid_t ctl;

	own_pin_root();
	ctl = start_looking_run("rn-pin-LEFT", err, sizeof(err));
	first_slot(slot, sizeof(slot));
	/* its shell goes on looking while renacerctl reads nothing */
	kill(ctl, SIGSTOP);
	for (int i = 0; i < 1000 && unread == 0; i++) {
		unread = unread_rings(slot);
		usleep(10000);
	}
	kill_looking_run(ctl, "rn-pin-LEFT", true);
	cr_assert_geq(unread, 0, "the slot %s holds no rings (r0, r1, ...)", slot);
	cr_assert_gt(unread, 0, "the stopped run's rings hold nothing unread");

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed: %s",
		     tr.run.err);
	cr_assert_not_null(strstr(tr.run.err, "pinned programs reused, slot 0"),
			   "the slot of the killed run was not reused:\n%s", tr.run.err);
	cr_assert_eq(count_text(tr.raw, "rn-pin-NEXT"), 1, "%s", tr.raw);
	cr_assert_eq(count_text(tr.raw, "rn-pin-LEFT"), 0,
		     "the trace holds what the killed run left unread in the rings:\n%s", tr.raw);
	integ_traced__free(&tr);
}

/* ROOT/renacer-BUILD/0123456789abcdef/0/m0, a pinned map, last claimed age_s ago. */
static void other_build(char *dir, size_t len, const char *build, time_t age_s)
{
	char path[320];
	int fd;

	snprintf(dir, len, "%s/renacer-%s", pin_root, build);
	cr_assert(!mkdir(dir, 0700) || errno == EEXIST);
	snprintf(path, sizeof(path), "%s/0123456789abcdef", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/0123456789abcdef/0", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "rn_stale", 4, 8, 1, NULL);
	cr_assert_geq(fd, 0, "cannot create a map");
	snprintf(path, sizeof(path), "%s/0123456789abcdef/0/m0", dir);
	cr_assert_eq(bpf_obj_pin(fd, path), 0, "cannot pin %s", path);
	close(fd);
	struct timespec t[2] = {{time(NULL) - age_s, 0}, {time(NULL) - age_s, 0}};
	snprintf(path, sizeof(path), "%s/0123456789abcdef", dir);
	cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0);
}

Test(integ_pin, the_pins_of_another_build_are_replaced_once_unclaimed_for_ten_minutes)
{
	char stale[256], recent[256];
	const char *opts[] = {"--embedded", "-d", NULL};
	const char *cmd[] = {"/bin/true", NULL};
	struct integ_traced tr;
	struct stat st;

	own_pin_root();
	cr_assert_eq(mkdir(pin_root, 0700), 0);
	other_build(stale, sizeof(stale), "0000000000000000", 3600);
	/* another checkout's, claimed a minute ago: both builds run by turns, neither reloads */
	other_build(recent, sizeof(recent), "1111111111111111", 60);

	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed: %s",
		     tr.run.err);
	cr_assert_not_null(strstr(tr.run.err, "pinned as slot 0"), "nothing was pinned:\n%s",
			   tr.run.err);
	cr_assert_neq(stat(stale, &st), 0,
		      "%s (another build's pins, unclaimed for an hour) is "
		      "still there",
		      stale);
	cr_assert_eq(stat(recent, &st), 0,
		     "%s (another build's pins, claimed a minute ago) was "
		     "removed",
		     recent);
	integ_traced__free(&tr);
}

/* The one renacer-BUILD directory under the pin root a run made: this build's. */
static void this_build(char *build, size_t len)
{
	char path[256];
	DIR *dir;
	struct dirent *d;

	snprintf(path, sizeof(path), "%s", pin_root);
	dir = opendir(path);
	cr_assert_not_null(dir, "no pin root %s", path);
	build[0] = '\0';
	while ((d = readdir(dir)))
		if (!strncmp(d->d_name, "renacer-", 8))
			snprintf(build, len, "%s", d->d_name + 8);
	closedir(dir);
	cr_assert(build[0], "the run pinned nothing under %s", pin_root);
}

Test(integ_pin, copies_of_other_constants_go_once_unclaimed_for_ten_minutes)
{
	char build[64], stale[600], recent[256], mine[320];
	const char *opts[] = {"--embedded", "-d", NULL};
	const char *opts_s[] = {"--embedded", "-d", "-s", "77", NULL};
	const char *cmd[] = {"/bin/true", NULL};
	struct integ_traced tr;
	struct stat st;

	own_pin_root();
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed: %s",
		     tr.run.err);
	integ_traced__free(&tr);
	this_build(build, sizeof(build));
	/* this build's copy for the default constants, made by the run above, unclaimed an hour */
	snprintf(mine, sizeof(mine), "%s/renacer-%s", pin_root, build);
	{
		DIR *dir = opendir(mine);
		struct dirent *d;
		struct timespec t[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
		char k[600];

		cr_assert_not_null(dir);
		while ((d = readdir(dir))) {
			if (d->d_name[0] == '.')
				continue;
			snprintf(k, sizeof(k), "%s/%s", mine, d->d_name);
			cr_assert_eq(utimensat(AT_FDCWD, k, t, 0), 0);
			snprintf(stale, sizeof(stale), "%s", k);
		}
		closedir(dir);
	}
	/* a copy of this build with other constants, claimed a minute ago */
	other_build(recent, sizeof(recent), build, 60);
	snprintf(recent + strlen(recent), sizeof(recent) - strlen(recent), "/0123456789abcdef");

	/* other constants: this run loads and publishes, and sweeps what is idle */
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts_s, cmd, false), 0, "trace failed: %s",
		     tr.run.err);
	cr_assert_not_null(strstr(tr.run.err, "pinned as slot 0"), "nothing was pinned:\n%s",
			   tr.run.err);
	cr_assert_neq(stat(stale, &st), 0,
		      "%s (this build's copy for other constants, unclaimed for an hour) is still "
		      "there",
		      stale);
	cr_assert_eq(stat(recent, &st), 0,
		     "%s (this build's copy for other constants, claimed a minute ago) was removed",
		     recent);
	integ_traced__free(&tr);
}

Test(integ_pin, without_bpffs_the_programs_are_loaded_for_the_run_alone)
{
	char dir[512];
	const char *opts[] = {"--embedded", "-d", NULL};
	const char *cmd[] = {"/bin/sh", "-c", "[ -e /rn-pin-NOFS ] || true", NULL};
	struct integ_traced tr;
	struct stat st;

	if (integ_use_strace())
		cr_skip_test("renacerctl's pinned programs");
	integ_path(dir, sizeof(dir), "pins");
	setenv("RENACER_BPF_PIN_DIR", dir, 1);
	cr_assert_eq(integ_traced__run(&tr, integ_dir, opts, cmd, false), 0, "trace failed: %s",
		     tr.run.err);
	cr_assert_not_null(strstr(tr.run.err, "is not on a BPF file system"),
			   "no reason was given for loading without pins:\n%s", tr.run.err);
	cr_assert_not_null(strstr(tr.run.err, "not pinned"), "%s", tr.run.err);
	cr_assert_eq(count_text(tr.raw, "rn-pin-NOFS"), 1, "%s", tr.raw);
	cr_assert_neq(stat(dir, &st), 0, "%s was made outside bpffs", dir);
	integ_traced__free(&tr);
}

/* A host without systemd as init has nothing on /sys/fs/bpf: the first run mounts bpffs there
 * and pins, the next reuses. Done in a mount namespace of the test's own, whose bpffs (and
 * pins) go with it: the host's mount is not touched. */
Test(integ_pin, with_nothing_on_sys_fs_bpf_a_run_mounts_bpffs_there_and_pins)
{
	char script[1600], out[2][512];
	const char *ctl = integ_ctl_path();
	struct integ_run r;
	char *argv[] = {"unshare", "-m", "--propagation", "private", "/bin/sh", "-c", script, NULL};
	char *second, *text;

	if (integ_use_strace())
		cr_skip_test("renacerctl's pinned programs");
	unsetenv("RENACER_BPF_PIN_DIR");
	integ_path(out[0], sizeof(out[0]), "first.txt");
	integ_path(out[1], sizeof(out[1]), "second.txt");
	snprintf(script, sizeof(script),
		 "while umount /sys/fs/bpf 2>/dev/null; do :; done; "
		 "stat -f -c 'before: %%T' /sys/fs/bpf; "
		 "%s trace --embedded -d -o %s -- /bin/true 2>&1; echo '--- second run'; "
		 "%s trace --embedded -d -o %s -- /bin/sh -c '[ -e /rn-pin-MOUNTED ] || true' 2>&1",
		 ctl, out[0], ctl, out[1]);
	cr_assert_eq(integ_run(argv, NULL, 60, &r), 0, "the runs failed:\n%s%s", r.out, r.err);
	cr_assert_not_null(strstr(r.out, "before: sysfs"),
			   "/sys/fs/bpf could not be emptied in the test's mount namespace:\n%s",
			   r.out);
	second = strstr(r.out, "--- second run");
	cr_assert_not_null(second, "%s", r.out);
	*second++ = '\0';
	cr_assert_not_null(strstr(r.out, "mounted a BPF file system on /sys/fs/bpf"),
			   "the first run did not mount bpffs:\n%s", r.out);
	cr_assert_not_null(strstr(r.out, "pinned as slot 0"), "the first run pinned nothing:\n%s",
			   r.out);
	cr_assert_null(strstr(second, "mounted a BPF file system"),
		       "the second run mounted bpffs over the first's pins:\n%s", second);
	cr_assert_not_null(strstr(second, "pinned programs reused, slot 0"),
			   "the second run did not reuse the first's pins:\n%s", second);
	text = integ_read_file(out[1]);
	cr_assert_not_null(text, "the second run wrote no trace");
	cr_assert_eq(count_text(text, "rn-pin-MOUNTED"), 1, "%s", text);
	free(text);
	integ_run__free(&r);
}
