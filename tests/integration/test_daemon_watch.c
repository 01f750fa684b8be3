// SPDX-License-Identifier: MIT
/*
 * [[watch]] (daemon/watch.c): a process tree that appears in a watched cgroup is traced as a
 * session of renacerd's own, and at its end the spool holds its golden trace and the JUnit
 * report of the configured assertions. The test makes a real cgroup v2 group (under the
 * cgroup2 mount, /sys/fs/cgroup/unified on this hybrid host), starts a
 * held child, moves it into the group (as a CI runner's service manager would start a
 * job there), and lets it exec the fixture once renacerd traces it.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_daemon.h"

static char cgroup[PATH_MAX];
static char cgroup_b[PATH_MAX]; /* a test's second cgroup */

static void teardown(void)
{
	td_teardown();
	if (cgroup[0])
		rmdir(cgroup);
	cgroup[0] = '\0';
	if (cgroup_b[0])
		rmdir(cgroup_b);
	cgroup_b[0] = '\0';
}

TestSuite(integ_daemon_watch, .init = td_setup, .fini = teardown, .timeout = 180);

/* A job that moves itself into the cgroup and execs /bin/true, done within a millisecond. */
static void run_moved_in_job(void)
{
	char script[PATH_MAX + 64];
	int status;
	pid_t pid;

	snprintf(script, sizeof(script), "echo $$ > %s/cgroup.procs && exec /bin/true", cgroup);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", script, (char *)NULL);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the job failed: %#x", status);
}

/* Waits up to 30 s for needle in renacerd's log; what says what was awaited. */
static void wait_log(const char *needle, const char *what)
{
	char *log = NULL;
	double until;

	for (until = integ_now_s() + 30;; integ_sleep_ms(20)) {
		free(log);
		log = td_log();
		if (strstr(log, needle))
			break;
		cr_assert(integ_now_s() < until, "%s:\n%s", what, log);
	}
	free(log);
}

/* True when renacerctl sessions lists pid among the traced processes. */
static bool daemon_traces(pid_t pid)
{
	const char *args[] = {"sessions", "--socket", td_sock, NULL};
	char word[32];
	struct integ_run r;
	bool yes;

	snprintf(word, sizeof(word), " %d\n", pid);
	integ_ctl(args, integ_dir, 30, &r);
	yes = strstr(r.out, word) != NULL;
	if (!yes) {
		snprintf(word, sizeof(word), " %d ", pid);
		yes = strstr(r.out, word) != NULL;
	}
	integ_run__free(&r);
	return yes;
}

/* The spool's files with suffix, "\n"-joined and sorted; their count in *n. */
static char *spool_files(const char *suffix, size_t *n)
{
	char dir[PATH_MAX], *out = NULL;
	struct dirent **names;
	size_t len = 0, sl = strlen(suffix);
	FILE *f = open_memstream(&out, &len);
	int k, i;

	*n = 0;
	integ_path(dir, sizeof(dir), "spool");
	k = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < k; i++) {
		size_t nl = strlen(names[i]->d_name);

		if (names[i]->d_name[0] != '.' && nl > sl &&
		    !strcmp(names[i]->d_name + nl - sl, suffix)) {
			fprintf(f, "%s\n", names[i]->d_name);
			(*n)++;
		}
		free(names[i]);
	}
	if (k > 0)
		free(names);
	fclose(f);
	return out;
}

/* A job: a held child moved into the cgroup, released once renacerd traces it. */
static void run_job(const char *fixture)
{
	char procs[PATH_MAX + 16], pidtext[32];
	int go[2], status;
	double until;
	pid_t pid;
	FILE *f;

	cr_assert_eq(pipe(go), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		char c;

		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(126);
		execl(fixture, "exitcode", "0", (char *)NULL);
		_exit(127);
	}
	close(go[0]);
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgroup);
	snprintf(pidtext, sizeof(pidtext), "%d\n", pid);
	f = fopen(procs, "w");
	cr_assert_not_null(f, "%s: %s", procs, strerror(errno));
	cr_assert_gt(fputs(pidtext, f), 0);
	cr_assert_eq(fclose(f), 0, "cannot move pid %d into %s: %s", pid, cgroup, strerror(errno));
	for (until = integ_now_s() + 30; !daemon_traces(pid); integ_sleep_ms(20))
		if (integ_now_s() > until) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			cr_assert_fail("renacerd did not start tracing pid %d of %s:\n%s", pid,
				       cgroup, td_log());
		}
	cr_assert_eq(write(go[1], "g", 1), 1);
	close(go[1]);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the job failed: %#x", status);
}

/* Waits until the spool holds n traces and n JUnit files. */
static void wait_spool(size_t n)
{
	size_t nr = 0, nj = 0;
	double until = integ_now_s() + 30;

	for (;; integ_sleep_ms(50)) {
		free(spool_files(".rnt", &nr));
		free(spool_files(".junit.xml", &nj));
		if ((nr >= n && nj >= n) || integ_now_s() > until)
			break;
	}
	cr_assert(nr == n && nj == n, "%zu traces and %zu JUnit files in the spool, not %zu:\n%s",
		  nr, nj, n, td_log());
}

/* Where cgroup v2 is mounted (/sys/fs/cgroup, or /sys/fs/cgroup/unified on a hybrid host). */
static void cgroup2_root(char *out, size_t len)
{
	char line[1024], mnt[512], fstype[64];
	FILE *f = fopen("/proc/self/mountinfo", "re");

	cr_assert_not_null(f);
	out[0] = '\0';
	while (!out[0] && fgets(line, sizeof(line), f)) {
		const char *dash = strstr(line, " - ");

		if (dash && sscanf(line, "%*s %*s %*s %*s %511s", mnt) == 1 &&
		    sscanf(dash + 3, "%63s", fstype) == 1 && !strcmp(fstype, "cgroup2"))
			snprintf(out, len, "%s", mnt);
	}
	fclose(f);
	cr_assert(out[0], "cgroup v2 is not mounted: [[watch]] cannot be tested");
}

Test(integ_daemon_watch, each_process_tree_in_a_watched_cgroup_leaves_a_trace_and_a_junit_report)
{
	char *fx = integ_fixture("exitcode"), conf[3 * PATH_MAX], rules[PATH_MAX], rnt[PATH_MAX];
	const char *show[] = {"show", rnt, NULL};
	struct integ_run r;
	size_t n;
	char *list, *nl;

	char root[512];

	cgroup2_root(root, sizeof(root));
	snprintf(cgroup, sizeof(cgroup), "%s/renacer-test-%d-jobs", root, getpid());
	if (mkdir(cgroup, 0755) && errno != EEXIST)
		cr_assert_fail("cannot create the cgroup %s: %s (root is needed)", cgroup,
			       strerror(errno));
	integ_path(rules, sizeof(rules), "rules.toml");
	cr_assert_eq(integ_write_file(rules, "[[assertion]]\nname = \"a minute\"\ntype = "
					     "\"duration\"\nmax_wall_ms = 60000\n"),
		     0);
	/* top-level keys first: after [[watch]] they would be the table's; a glob of this
	 * test's cgroups only (the suite's tests run at once) */
	snprintf(conf, sizeof(conf),
		 "assertions = \"%s\"\nspool_dir = \"%s/spool\"\n\n[[watch]]\ncgroup = "
		 "\"renacer-test-%d-*\"\n",
		 rules, integ_dir, getpid());
	td_start_config(conf, NULL);

	run_job(fx);
	wait_spool(1);
	run_job(fx);
	wait_spool(2);

	list = spool_files(".rnt", &n);
	cr_expect(strstr(list, "-s1-exitcode.rnt\n") && strstr(list, "-s2-exitcode.rnt\n"),
		  "one trace per job, named by the command:\n%s", list);
	nl = strchr(list, '\n');
	snprintf(rnt, sizeof(rnt), "%s/spool/%.*s", integ_dir, (int)(nl - list), list);
	cr_assert_eq(integ_ctl(show, integ_dir, 60, &r), 0, "%s", r.err);
	cr_expect(strstr(r.out, "execve(\"") && strstr(r.out, "exitcode\", [\"exitcode\", \"0\"]"),
		  "the job's exec is not in its trace:\n%s", r.out);
	cr_expect(strstr(r.out, "+++ exited with 0 +++"), "the trace is not whole:\n%s", r.out);
	integ_run__free(&r);
	free(list);
	list = spool_files(".junit.xml", &n);
	nl = strchr(list, '\n');
	snprintf(rnt, sizeof(rnt), "%s/spool/%.*s", integ_dir, (int)(nl - list), list);
	free(list);
	list = integ_read_file(rnt);
	cr_expect(list && strstr(list, "<testcase name=\"a minute\""), "%s", list ? list : "");
	free(list);
	free(fx);
}

/*
 * A test cgroup under the cgroup v2 mount, renacerd watching it from the kernel, and a
 * process held in it, traced: the cgroup stays populated, so its cgroup.events does not
 * change when a job enters, and renacerd's own look at cgroup.procs comes only once a second.
 * The holder ends when *release is closed. Its pid.
 */
static pid_t start_watching(int *release)
{
	char root[512], conf[2 * PATH_MAX], procs[PATH_MAX + 16], what[PATH_MAX + 32];
	int go[2];
	double until;
	pid_t holder;
	FILE *f;

	cgroup2_root(root, sizeof(root));
	snprintf(cgroup, sizeof(cgroup), "%s/renacer-test-%d", root, getpid());
	if (mkdir(cgroup, 0755) && errno != EEXIST)
		cr_assert_fail("cannot create the cgroup %s: %s (root is needed)", cgroup,
			       strerror(errno));
	snprintf(conf, sizeof(conf),
		 "spool_dir = \"%s/spool\"\n\n[[watch]]\ncgroup = \"renacer-test-%d\"\n", integ_dir,
		 getpid());
	td_start_config(conf, NULL);
	snprintf(what, sizeof(what), "renacerd does not watch %s", cgroup);
	wait_log("are traced from their first call", what);
	cr_assert_eq(pipe(go), 0);
	holder = fork();
	cr_assert_geq(holder, 0);
	if (holder == 0) {
		char c;

		close(go[1]);
		_exit(read(go[0], &c, 1) == 0 ? 0 : 1);
	}
	close(go[0]);
	*release = go[1];
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgroup);
	f = fopen(procs, "w");
	cr_assert_not_null(f, "%s: %s", procs, strerror(errno));
	fprintf(f, "%d\n", holder);
	cr_assert_eq(fclose(f), 0, "cannot move pid %d into %s: %s", holder, cgroup,
		     strerror(errno));
	for (until = integ_now_s() + 30; !daemon_traces(holder); integ_sleep_ms(20))
		cr_assert(integ_now_s() < until, "renacerd does not trace pid %d of %s:\n%s",
			  holder, cgroup, td_log());
	return holder;
}

/* `renacerctl show` of the spool's trace whose name has part ("-true.rnt"), one of want. */
static char *spool_show(const char *part, size_t want)
{
	char rnt[PATH_MAX], *list, *at, *nl, *out;
	const char *show[] = {"show", "-f", rnt, NULL}; /* every thread */
	struct integ_run r;
	double until = integ_now_s() + 30;
	size_t n;

	for (;; integ_sleep_ms(50)) {
		free(spool_files(".rnt", &n));
		if (n >= want || integ_now_s() > until)
			break;
	}
	list = spool_files(".rnt", &n);
	at = strstr(list, part);
	cr_assert(n == want && at, "not %zu traces, a *%s* among them, in the spool:\n%s\n%s", want,
		  part, list, td_log());
	while (at > list && at[-1] != '\n')
		at--;
	nl = strchr(at, '\n');
	snprintf(rnt, sizeof(rnt), "%s/spool/%.*s", integ_dir, (int)(nl - at), at);
	free(list);
	cr_assert_eq(integ_ctl(show, integ_dir, 60, &r), 0, "%s", r.err);
	out = strdup(r.out);
	integ_run__free(&r);
	return out;
}

/* Expects /bin/true's whole run in its own trace in the spool, beside want - 1 others. */
static void expect_true_in_spool(size_t want)
{
	char *out = spool_show("-true.rnt", want);

	cr_expect(strstr(out, "execve(\"/bin/true\", ") && strstr(out, ") = 0\n"),
		  "the exec of /bin/true is not in its trace:\n%s\n%s", out, td_log());
	cr_expect(strstr(out, "exit_group(0)") && strstr(out, "+++ exited with 0 +++"),
		  "the trace of /bin/true is not whole:\n%s", out);
	free(out);
}

/* Ends the holder, then expects /bin/true's whole run in its own trace in the spool. */
static void expect_true_traced_whole(pid_t holder, int release)
{
	close(release);
	cr_assert_eq(waitpid(holder, NULL, 0), holder);
	expect_true_in_spool(2);
}

/*
 * A job that moves itself into the cgroup and is done within a millisecond (as a runner's
 * service manager starts a short step): gone long before renacerd's next look at
 * cgroup.procs, it is traced from the kernel at its move, so its exec is in the trace.
 */
Test(integ_daemon_watch, a_process_moved_in_is_traced_from_its_first_call_however_short)
{
	int release;
	pid_t holder = start_watching(&release);

	run_moved_in_job();
	expect_true_traced_whole(holder, release);
}

/* A process cloned straight into the cgroup (clone3 CLONE_INTO_CGROUP, as systemd does). */
Test(integ_daemon_watch, a_process_cloned_into_the_cgroup_is_traced_from_its_exec)
{
	struct clone_args args = {.flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD};
	int status, fd, release;
	pid_t pid, holder = start_watching(&release);

	fd = open(cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cr_assert_geq(fd, 0, "%s: %s", cgroup, strerror(errno));
	args.cgroup = (uint64_t)fd;
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
	cr_assert_geq(pid, 0, "clone3: %s", strerror(errno));
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	close(fd);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the job failed: %#x", status);
	expect_true_traced_whole(holder, release);
}

/*
 * A process moved in while its threads wait in a call: the kernel makes them all its own
 * at the move (bpf rn_cgroup_attach), so each thread's next call is traced, however soon
 * after the move, long before renacerd's own look at cgroup.procs.
 */
Test(integ_daemon_watch, every_thread_of_a_process_moved_in_is_traced_from_its_next_call)
{
	char *fx = integ_fixture("waiters"), fifo[PATH_MAX], err[PATH_MAX], procs[PATH_MAX + 16];
	char *fx_argv[] = {fx, "3", fifo, NULL}, *out, *at;
	int release, n = 0, fd;
	pid_t waiters, holder = start_watching(&release);
	FILE *f;

	integ_path(fifo, sizeof(fifo), "waiters.fifo");
	integ_path(err, sizeof(err), "waiters.err");
	cr_assert_eq(mkfifo(fifo, 0600), 0, "mkfifo: %s", strerror(errno));
	waiters = integ_spawn(fx_argv, err);
	cr_assert_gt(waiters, 0);
	cr_assert(integ_wait_for_text(err, "ready", 10), "waiters never got ready");
	integ_sleep_ms(50);
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgroup);
	f = fopen(procs, "w");
	cr_assert_not_null(f, "%s: %s", procs, strerror(errno));
	fprintf(f, "%d\n", waiters);
	cr_assert_eq(fclose(f), 0, "cannot move pid %d into %s: %s", waiters, cgroup,
		     strerror(errno));
	fd = open(fifo, O_WRONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "xyz", 3), 3); /* a byte for each thread */
	close(fd);
	cr_assert_eq(integ_wait(waiters, 10), 0, "waiters did not end well");
	close(release);
	cr_assert_eq(waitpid(holder, NULL, 0), holder);
	/* session 2 (the holder's is 1): not named after a program, none was exec'd in it */
	out = spool_show("-s2-", 2);
	for (at = out; (at = strstr(at, "write(2, \"w\", 1) ")); at++)
		n++;
	cr_expect_eq(n, 3, "%d of 3 threads' writes traced:\n%s", n, out);
	free(out);
	free(fx);
}

/* SIGHUP with a [[watch]] added: its cgroup is watched from then on, from the kernel too. */
Test(integ_daemon_watch, sighup_starts_watching_the_cgroups_of_a_new_watch_table)
{
	char root[512], conf[2 * PATH_MAX], path[PATH_MAX], what[PATH_MAX + 48];
	double until;

	cgroup2_root(root, sizeof(root));
	snprintf(cgroup, sizeof(cgroup), "%s/renacer-test-%d-hup", root, getpid());
	if (mkdir(cgroup, 0755) && errno != EEXIST)
		cr_assert_fail("cannot create the cgroup %s: %s (root is needed)", cgroup,
			       strerror(errno));
	snprintf(conf, sizeof(conf), "spool_dir = \"%s/spool\"\n", integ_dir);
	td_start_config(conf, NULL);
	snprintf(conf, sizeof(conf),
		 "spool_dir = \"%s/spool\"\n\n[[watch]]\ncgroup = \"renacer-test-%d-h*\"\n",
		 integ_dir, getpid());
	integ_path(path, sizeof(path), "renacerd.toml");
	cr_assert_eq(integ_write_file(path, conf), 0);
	cr_assert_eq(kill(td_pid, SIGHUP), 0);
	snprintf(what, sizeof(what), "after SIGHUP renacerd does not watch %s", cgroup);
	wait_log("are traced from their first call", what);
	run_moved_in_job();
	for (until = integ_now_s() + 30;; integ_sleep_ms(50)) {
		size_t n;
		char *list = spool_files("-true.rnt", &n);

		free(list);
		if (n == 1)
			break;
		cr_assert(integ_now_s() < until, "no trace of the job in the spool:\n%s", td_log());
	}
}

/* renacerd watching glob (under the cgroup2 root), then cgroup name made: its job is traced. */
static void a_new_cgroup_is_watched(const char *glob, const char *name)
{
	char root[512], conf[2 * PATH_MAX], what[600];

	cgroup2_root(root, sizeof(root));
	snprintf(conf, sizeof(conf), "spool_dir = \"%s/spool\"\n\n[[watch]]\ncgroup = \"%s\"\n",
		 integ_dir, glob);
	td_start_config(conf, NULL);
	snprintf(what, sizeof(what), "renacerd does not watch new cgroups under %s", root);
	wait_log("made under", what);
	snprintf(cgroup, sizeof(cgroup), "%s/%s", root, name);
	cr_assert_eq(mkdir(cgroup, 0755), 0, "cannot create the cgroup %s: %s", cgroup,
		     strerror(errno));
	run_moved_in_job();
	expect_true_in_spool(1);
}

/*
 * A job in a cgroup made after renacerd's last look (a runner's new unit per job): the
 * glob's parent is known to the kernel with the glob's last component, so the new cgroup is
 * watched from its mkdir, and a job that moves in and is done within a millisecond is traced
 * whole, long before the next look could find the cgroup.
 */
Test(integ_daemon_watch, a_cgroup_made_after_the_last_look_is_watched_from_its_mkdir)
{
	char glob[64], name[64];

	snprintf(glob, sizeof(glob), "renacer-test-%d-job*", getpid());
	snprintf(name, sizeof(name), "renacer-test-%d-job1", getpid());
	a_new_cgroup_is_watched(glob, name);
}

/*
 * The same with a glob the kernel once left to the look (two '*', '?' and a '[...]' in its
 * last component): compiled for the kernel's matcher, the new cgroup is watched from its
 * mkdir too.
 */
Test(integ_daemon_watch, a_cgroup_made_after_the_last_look_is_watched_whatever_its_glob)
{
	char glob[64], name[64];

	snprintf(glob, sizeof(glob), "renacer-test-%d-*-job-?[0-9]*", getpid());
	snprintf(name, sizeof(name), "renacer-test-%d-ci-job-a1.x", getpid());
	a_new_cgroup_is_watched(glob, name);
}

/*
 * The README's two CI setups, in their shape: a GitHub Actions runner's unit
 * (system.slice/actions.runner.<org>-<repo>.<runner>.service, as ./svc.sh install names it)
 * and a GitLab docker executor's container (system.slice/docker-<64 hex>.scope, docker's
 * systemd cgroup driver), both globs under one parent, each cgroup made after the last look,
 * each job traced from its exec. The globs carry this run's pid, so that another run of the
 * suite on the host does not trace these jobs too (unit_watchglob matches the README's globs
 * as written); system.slice stays, as another run may be using it.
 */
Test(integ_daemon_watch, the_readme_ci_patterns_trace_jobs_in_runner_units_and_docker_scopes)
{
	char root[512], conf[2 * PATH_MAX], what[700], slice[600];
	char *log;

	cgroup2_root(root, sizeof(root));
	snprintf(slice, sizeof(slice), "%s/system.slice", root);
	cr_assert(!mkdir(slice, 0755) || errno == EEXIST, "cannot create %s: %s", slice,
		  strerror(errno));
	snprintf(conf, sizeof(conf),
		 "spool_dir = \"%s/spool\"\n\n[[watch]]\n"
		 "cgroup = \"system.slice/actions.runner.renacer-test-%d.*\"\n\n[[watch]]\n"
		 "cgroup = \"system.slice/docker-%08x*.scope\"\n",
		 integ_dir, getpid(), (unsigned)getpid());
	td_start_config(conf, NULL);
	snprintf(what, sizeof(what), "renacerd does not watch new cgroups under %s", slice);
	wait_log("named docker-", what);
	log = td_log();
	cr_assert(strstr(log, "named actions.runner."), "%s:\n%s", what, log);
	free(log);
	snprintf(cgroup, sizeof(cgroup), "%s/actions.runner.renacer-test-%d.runner1.service", slice,
		 getpid());
	cr_assert_eq(mkdir(cgroup, 0755), 0, "cannot create the cgroup %s: %s", cgroup,
		     strerror(errno));
	run_moved_in_job();
	snprintf(cgroup_b, sizeof(cgroup_b), "%s", cgroup);
	snprintf(cgroup, sizeof(cgroup), "%s/docker-%08x%056x.scope", slice, (unsigned)getpid(),
		 0xabcdefu);
	cr_assert_eq(mkdir(cgroup, 0755), 0, "cannot create the cgroup %s: %s", cgroup,
		     strerror(errno));
	run_moved_in_job();
	expect_true_in_spool(2);
}

/*
 * A job that forks: its children are the kernel's targets from their fork, and renacerd's look
 * at cgroup.procs, which may come before it has read their fork records, must leave them to the
 * job's session, not start a session of their own (one that never ends when they are gone
 * before it begins).
 */
Test(integ_daemon_watch, the_children_of_a_watched_job_stay_in_its_one_session)
{
	char *fx = integ_fixture("churn"), conf[2 * PATH_MAX], root[512], script[2 * PATH_MAX + 64],
	     what[PATH_MAX + 64], *list = NULL;
	const char *sessions[] = {"sessions", "--socket", td_sock, NULL};
	struct integ_run r = {0};
	double until;
	int status;
	size_t n = 0;
	pid_t pid;

	cgroup2_root(root, sizeof(root));
	snprintf(cgroup, sizeof(cgroup), "%s/renacer-test-%d-forks", root, getpid());
	if (mkdir(cgroup, 0755) && errno != EEXIST)
		cr_assert_fail("cannot create the cgroup %s: %s", cgroup, strerror(errno));
	snprintf(conf, sizeof(conf),
		 "spool_dir = \"%s/spool\"\n\n[[watch]]\ncgroup = \"renacer-test-%d-forks\"\n",
		 integ_dir, getpid());
	td_start_config(conf, NULL);
	snprintf(what, sizeof(what), "renacerd does not watch %s", cgroup);
	wait_log("are traced from their first call", what);
	snprintf(script, sizeof(script), "echo $$ > %s/cgroup.procs && exec %s 300", cgroup, fx);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", script, (char *)NULL);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the job failed: %#x", status);
	/* every session ends once its processes are gone: the list empties, the traces are kept */
	for (until = integ_now_s() + 10;; integ_sleep_ms(100)) {
		integ_run__free(&r);
		cr_assert_eq(integ_ctl(sessions, integ_dir, 30, &r), 0, "%s", r.err);
		if (!strchr(strchr(r.out, '\n') ? strchr(r.out, '\n') + 1 : "", '\n') ||
		    integ_now_s() > until)
			break;
	}
	cr_expect(!strchr(strchr(r.out, '\n') ? strchr(r.out, '\n') + 1 : "", '\n'),
		  "sessions still open 10 s after the job:\n%s", r.out);
	integ_run__free(&r);
	for (until = integ_now_s() + 10; !n && integ_now_s() < until; integ_sleep_ms(50))
		free(spool_files(".rnt", &n));
	list = spool_files(".rnt", &n);
	cr_expect_eq(n, 1, "not one trace for the job and its 300 children:\n%s\n%s", list,
		     td_log());
	free(list);
	free(fx);
}
