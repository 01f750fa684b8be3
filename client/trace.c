// SPDX-License-Identifier: MIT
/*
 * renacerctl trace: strace's interface, on the embedded engine or through renacerd. Here
 * the command itself and what both runs share: the output, the recorder, the spawned
 * command and the sink that prints, counts and records each event.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "daemon_client.h"
#include "errnames.h"
#include "log.h"
#include "outfile.h"
#include "report.h"
#include "trace_int.h"

volatile sig_atomic_t tracer_interrupted;

static void on_signal(int sig)
{
	tracer_interrupted = sig;
}

/* Finds cmd in PATH as execvp would, so the child can execve it directly. */
static int resolve(const char *cmd, char *out, size_t outlen)
{
	const char *path = getenv("PATH");
	const char *p, *end;
	struct stat st;

	if (strchr(cmd, '/')) {
		if (stat(cmd, &st))
			return -errno;
		snprintf(out, outlen, "%s", cmd);
		return 0;
	}
	for (p = path ? path : "/usr/local/bin:/usr/bin:/bin"; p; p = *end ? end + 1 : NULL) {
		end = strchrnul(p, ':');
		snprintf(out, outlen, "%.*s%s%s", (int)(end - p), p, end == p ? "" : "/", cmd);
		if (!stat(out, &st) && S_ISREG(st.st_mode) && !access(out, X_OK))
			return 0;
	}
	return -ENOENT;
}

/* Starts cmd held on a pipe: it runs nothing of cmd until the parent releases it. */
static int spawn_held(char **cmd, const char *path, const char *traceparent, pid_t *pid,
		      int *release)
{
	int fds[2];
	char go;

	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	*pid = fork();
	if (*pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	if (*pid == 0) {
		close(fds[1]);
		if (read(fds[0], &go, 1) != 1)
			_exit(127);
		if (traceparent)
			setenv("TRACEPARENT", traceparent, 1);
		execv(path, cmd);
		rn_cli__error(NULL, NULL, "cannot run '%s': %s", path, strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	*release = fds[1];
	return 0;
}

static void on_syscall(void *ctx, const struct rn_event *ev)
{
	struct tracer *t = ctx;
	const struct rn_sys_rec *r = ev->rec;
	bool noreturn = rn_event__noreturn(ev);

	t->rec_lost += r->lost;
	if (!rn_filter__status_ok(t->filter, (long)r->ret, noreturn))
		return;
	if (t->rec)
		rn_recorder__syscall(t->rec, ev);
	if (t->sum && !noreturn)
		rn_summary__add(t->sum, r->nr, r->exit_ns - r->enter_ns, rn_event__failed(ev));
	if (t->text)
		rn_textout__syscall(t->text, ev, t->nprocs);
}

static void on_proc(void *ctx, const struct rn_proc_rec *r)
{
	struct tracer *t = ctx;

	if (t->rec)
		rn_recorder__proc(t->rec, r);
	if (r->h.kind == RN_REC_LEAVE) {
		char why[512];

		rn_proc__leave_text(r, why, sizeof(why));
		if (t->text)
			rn_textout__flush(t->text); /* after the calls it made while traced */
		rn_cli__info(NULL, "%s", why);
	}
	switch (r->h.kind) {
	case RN_REC_FORK:
		t->nprocs++;
		break;
	case RN_REC_EXIT:
		if (t->text)
			rn_textout__exit(t->text,
					 (r->h.flags & RN_RF_GROUP_DEAD) && !t->o.follow ? r->h.tgid
											 : r->h.tid,
					 r->code, r->ns, t->nprocs);
		if (t->nprocs > 0)
			t->nprocs--;
		break;
	}
}

static void on_signal_rec(void *ctx, const struct rn_sig_rec *r)
{
	struct tracer *t = ctx;

	if (t->rec)
		rn_recorder__signal(t->rec, r);
	/* strace never sees SIGKILL delivered, so it never prints it. */
	if (t->text && r->signo != SIGKILL)
		rn_textout__signal(t->text, r, t->nprocs);
}

int tracer__count_threads(pid_t pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return 1;
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			n++;
	closedir(dir);
	return n ? n : 1;
}

static int64_t mono_to_real(void)
{
	struct timespec m, r;

	clock_gettime(CLOCK_MONOTONIC, &m);
	clock_gettime(CLOCK_REALTIME, &r);
	return ((int64_t)r.tv_sec - m.tv_sec) * 1000000000 + (r.tv_nsec - m.tv_nsec);
}

static void report_losses(struct tracer *t)
{
	const uint64_t *c = t->counters;

	if (c[RN_CNT_DROPPED] && !t->eng)
		rn_cli__info(
		    NULL,
		    "lost %llu events (renacerd's ring buffer was full or this client fell "
		    "behind)",
		    (unsigned long long)c[RN_CNT_DROPPED]);
	else if (c[RN_CNT_DROPPED])
		rn_cli__info(
		    NULL,
		    "lost %llu events (ring buffer full; a larger --buffer-size helps); kernel "
		    "counters: seen=%llu emitted=%llu dropped=%llu truncated=%llu faulted=%llu",
		    (unsigned long long)c[RN_CNT_DROPPED], (unsigned long long)c[RN_CNT_SEEN],
		    (unsigned long long)c[RN_CNT_EMITTED], (unsigned long long)c[RN_CNT_DROPPED],
		    (unsigned long long)c[RN_CNT_TRUNCATED], (unsigned long long)c[RN_CNT_FAULTED]);
	else if (c[RN_CNT_TRUNCATED])
		rn_cli__info(NULL,
			     "%llu captured strings or buffers were cut at renacer's capture limit",
			     (unsigned long long)c[RN_CNT_TRUNCATED]);
}

void tracer__install_handlers(void)
{
	struct sigaction sa = {.sa_handler = on_signal};
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
	size_t i;

	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Propagates the traced command's fate as strace does: same code, or same signal. */
static int exit_like(int status)
{
	struct rlimit no_core = {0, 0};

	if (WIFSIGNALED(status)) {
		setrlimit(RLIMIT_CORE, &no_core);
		signal(WTERMSIG(status), SIG_DFL);
		raise(WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static uint64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

/*
 * trace -o FILE streams while the command runs, as strace's does (`tail -f` works, and a
 * tracer that is killed leaves what it had), but FILE is emptied only once the trace has
 * started: a command that is not found, BPF that does not load or an attach that is
 * refused leave an existing FILE as it was, and a FILE this run created is removed.
 */
static int open_output(struct tracer *t)
{
	const char *path = t->o.outfile;
	int e, fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

	if (fd >= 0)
		t->out_created = true;
	else if (errno == EEXIST)
		fd = open(path, O_WRONLY | O_CLOEXEC);
	/* a symlink to a missing file: create its target, as a plain open would */
	if (fd < 0 && errno == ENOENT && !t->out_created)
		fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	t->out_fd = fd;
	if (fd >= 0 && (t->out = rn_fdopen_keep_errno(fd, &t->out_werr, true)))
		return 0;
	e = errno;
	if (fd >= 0)
		close(fd);
	if (t->out_created)
		unlink(path);
	t->out_created = false;
	rn_cli__error(NULL, "check the directory exists and is writable", "cannot write '%s': %s",
		      path, strerror(e));
	return -e;
}

static void note_write_err(struct tracer *t, int err)
{
	if (err && !t->write_err)
		t->write_err = err < 0 ? err : -EIO;
}

void tracer__begin_output(struct tracer *t)
{
	struct stat st;
	int fd;

	if (!t->o.outfile || t->out_begun)
		return;
	t->out_begun = true;
	fd = t->out_fd;
	if (fflush(t->out) || fstat(fd, &st) ||
	    (S_ISREG(st.st_mode) && ftruncate(fd, ftello(t->out))))
		note_write_err(t, -errno);
}

/* The trace never started: nothing may reach FILE, not even the writers' last flush. */
static void drop_output(struct tracer *t)
{
	int nul;

	if (!t->o.outfile || !t->out || t->out_begun)
		return;
	t->out_begun = true;
	nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (nul >= 0) {
		dup2(nul, t->out_fd);
		close(nul);
	}
	if (t->out_created)
		unlink(t->o.outfile);
}

/* The recorder finishes through here, so the statistics say when tracing stopped early. */
static const struct tracer *recording;

static int finish_marked(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_tr_stats st;

	if (!s)
		return recording->file.finish(ctx, s);
	st = *s;
	st.incomplete = s->incomplete || recording->incomplete;
	return recording->file.finish(ctx, &st);
}

/* The golden-trace path: recorder -> file writer. */
static int start_recording(struct tracer *t)
{
	static char env_pairs[MAX_RECORD_ENV][512];
	static const char *env[MAX_RECORD_ENV + 1];
	struct rn_recorder_opts ro = {0};
	struct rn_tr_sink rs;
	char err[512];
	int i, n = 0, ret;

	for (i = 0; i < t->o.nrecord_env; i++) {
		const char *v = getenv(t->o.record_env[i]);

		if (v) {
			snprintf(env_pairs[n], sizeof(env_pairs[n]), "%s=%s", t->o.record_env[i],
				 v);
			env[n] = env_pairs[n];
			n++;
		}
	}
	env[n] = NULL;
	ret = rn_tracefile__writer(&t->file, t->out, t->o.format);
	if (ret) {
		rn_cli__error(NULL, NULL, "cannot start the %s writer: %s",
			      rn_tracefile__format_name(t->o.format), strerror(-ret));
		return 1;
	}
	ro.fmt.strsize = t->o.strsize;
	ro.traceparent = t->o.traceparent;
	ro.argv = t->o.cmd;
	ro.record_env = t->o.nrecord_env ? env : NULL;
	ro.mono_start_ns = t->start_mono;
	ro.real_start_ns = now_ns(CLOCK_REALTIME);
	ro.snaplen = t->o.capture;
	ro.tool = "renacer " RENACER_VERSION;
	rs = t->file;
	if (rs.finish) {
		recording = t;
		rs.finish = finish_marked;
	}
	ret = rn_recorder__new(&t->rec, &ro, &rs, err, sizeof(err));
	if (ret) {
		rn_cli__error(NULL, "fix or unset TRACEPARENT / --trace-parent", "%s",
			      ret == -EINVAL ? err : strerror(-ret));
		return 2;
	}
	return 0;
}

int tracer__spawn(struct tracer *t, const char *path, const char *traceparent,
		  int (*add)(struct tracer *t, pid_t pid))
{
	int release = -1, ret;

	ret = spawn_held(t->o.cmd, path, traceparent, &t->child, &release);
	if (ret) {
		rn_cli__error(NULL, NULL, "cannot start '%s': %s", t->o.cmd[0], strerror(-ret));
		return 1;
	}
	ret = add(t, t->child);
	if (!ret)
		tracer__begin_output(t);
	if (ret || write(release, "g", 1) != 1) {
		if (!ret)
			rn_cli__error(NULL, NULL, "cannot release the new process: %s",
				      strerror(errno));
		kill(t->child, SIGKILL);
		waitpid(t->child, NULL, 0);
		t->child = 0;
		close(release);
		return 1;
	}
	close(release);
	/* its end wakes the loops at once (no pidfd on kernels before 5.3: the poll timeout) */
	t->child_pidfd = (int)syscall(SYS_pidfd_open, t->child, 0);
	t->nprocs = 1;
	if (t->rec)
		rn_recorder__add_root(t->rec, t->child);
	return 0;
}

bool tracer__child_done(struct tracer *t)
{
	if (t->child && !t->child_reaped &&
	    waitpid(t->child, &t->child_status, WNOHANG) == t->child) {
		t->child_reaped = true;
		if (t->child_pidfd >= 0)
			close(t->child_pidfd);
		t->child_pidfd = -1;
	}
	return !t->child || t->child_reaped;
}

void tracer__wait_child(struct tracer *t)
{
	struct pollfd p = {.fd = t->child_pidfd, .events = POLLIN};

	poll(&p, 1, POLL_MS);
}

static int run(struct tracer *t)
{
	uint64_t bitmap[RN_MAX_SYSCALLS / 64];
	char path[PATH_MAX], traceparent[56] = "";
	struct rn_dclient *dc = NULL;
	const char *sock = rn_dclient__socket_path(t->o.socket);
	int ret, stopped;

	if (t->o.cmd) {
		ret = resolve(t->o.cmd[0], path, sizeof(path));
		if (ret) {
			rn_cli__error(NULL, "check the name and PATH", "cannot find '%s': %s",
				      t->o.cmd[0], strerror(-ret));
			return 1;
		}
	}
	rn_filter__bitmap(t->filter, bitmap);
	t->start_mono = now_ns(CLOCK_MONOTONIC);
	if (t->o.format != RN_TF_TEXT) {
		ret = start_recording(t);
		if (ret)
			return ret;
		if (!t->o.no_propagate && t->o.cmd)
			rn_recorder__child_traceparent(t->rec, traceparent);
	}
	if (!t->o.embedded) {
		ret = rn_dclient__connect(&dc, sock);
		if (ret && t->o.use_daemon) {
			rn_cli__error(
			    NULL, "start it, or drop --daemon to trace with the embedded engine",
			    "cannot reach renacerd at %s: %s", sock, strerror(-ret));
			return 1;
		}
		if (ret)
			rn_debug("no renacerd at %s (%s): tracing with the embedded engine", sock,
				 strerror(-ret));
		stopped = dc ? rn_dclient__peer_stopped(dc) : 0;
		if (stopped && t->o.use_daemon) {
			char hint[128];

			snprintf(hint, sizeof(hint),
				 "resume it with `kill -CONT %d`, or drop --daemon to trace with "
				 "the embedded engine",
				 stopped);
			rn_cli__error(NULL, hint,
				      "renacerd at %s (pid %d) is stopped and cannot answer", sock,
				      stopped);
			rn_dclient__free(dc);
			return 1;
		}
		if (stopped) {
			rn_debug("renacerd at %s (pid %d) is stopped: tracing with the embedded "
				 "engine",
				 sock, stopped);
			rn_dclient__free(dc);
			dc = NULL;
		}
	}
	ret = dc ? tracer__run_daemon(t, dc, path, traceparent[0] ? traceparent : NULL, bitmap)
		 : tracer__run_local(t, path, traceparent[0] ? traceparent : NULL, bitmap);
	rn_dclient__free(dc);
	drop_output(t);
	if (t->sum)
		rn_summary__print(t->sum, t->out);
	if (t->text)
		note_write_err(t, rn_textout__flush(t->text));
	if (t->rec)
		note_write_err(t, rn_recorder__finish(t->rec, t->counters,
						      now_ns(CLOCK_MONOTONIC) - t->start_mono));
	report_losses(t);
	if (ret)
		return ret;
	if (tracer_interrupted && t->child && !t->child_reaped)
		return 128 + tracer_interrupted;
	return 0;
}

/* What became of the traced command, for a message about the trace's output. */
static void describe_fate(const struct tracer *t, char *buf, size_t len)
{
	if (t->child_reaped && WIFEXITED(t->child_status))
		snprintf(buf, len, "the command exited with %d", WEXITSTATUS(t->child_status));
	else if (t->child_reaped && WIFSIGNALED(t->child_status))
		snprintf(buf, len, "the command was killed by %s",
			 rn_signal__name(WTERMSIG(t->child_status))
			     ? rn_signal__name(WTERMSIG(t->child_status))
			     : "a signal");
	else if (t->child)
		snprintf(buf, len, "the command had not ended");
	else
		snprintf(buf, len, "the traced processes run on");
}

/* Flushes and closes the output; every failed write so far becomes t->write_err. */
static void close_output(struct tracer *t)
{
	if (!t->out)
		return;
	if (fflush(t->out))
		note_write_err(t, -errno);
	if (ferror(t->out))
		note_write_err(t, -EIO);
	if (t->out != stderr && fclose(t->out))
		note_write_err(t, -errno);
	t->out = NULL;
}

int do_trace(int argc, char **argv)
{
	struct tracer t = {.child_pidfd = -1};
	struct rn_textout_opts to = {0};
	bool ran = false;
	int ret = 1;

	t.filter = rn_filter__new();
	t.sum = rn_summary__new();
	if (!t.filter || !t.sum) {
		rn_cli__error(NULL, NULL, "out of memory");
		goto out;
	}
	if (tracer__parse_opts(&t, argc, argv)) {
		ret = 2;
		goto out;
	}
	if (t.o.embedded && t.o.use_daemon) {
		rn_cli__error(NULL, NULL, "--embedded and --daemon contradict each other");
		ret = 2;
		goto out;
	}
	if (!t.o.summary_only && !t.o.summary) {
		rn_summary__free(t.sum);
		t.sum = NULL;
	}
	t.out = stderr;
	if (t.o.outfile && open_output(&t))
		goto out;
	if (!t.o.summary_only && t.o.format == RN_TF_TEXT) {
		to.tstamp = t.o.tstamp;
		to.syscall_times = t.o.times;
		to.pid_always = t.o.outfile && (t.o.follow || t.o.nattach > 1);
		to.mono_to_real_ns = mono_to_real();
		to.fmt.strsize = t.o.strsize;
		t.text = rn_textout__new(t.out, &to);
		if (!t.text) {
			rn_cli__error(NULL, NULL, "out of memory");
			goto out;
		}
	}
	t.sink = (struct rn_sink){&t, on_syscall, on_proc, on_signal_rec};
	ret = run(&t);
	ran = true;
out:
	drop_output(&t);
	rn_recorder__free(t.rec);
	if (t.file.close)
		t.file.close(t.file.ctx);
	rn_textout__free(t.text);
	rn_engine__free(t.eng);
	rn_summary__free(t.sum);
	rn_filter__free(t.filter);
	close_output(&t);
	if (ran && t.write_err) {
		char fate[64];

		describe_fate(&t, fate, sizeof(fate));
		if (t.o.outfile)
			rn_cli__error(
			    NULL, NULL, "cannot write '%s': %s; the trace in it is incomplete (%s)",
			    t.o.outfile, strerror(-rn_write_cause(t.write_err, t.out_werr)), fate);
		else
			rn_cli__error(NULL, NULL, "cannot write the trace to stderr: %s (%s)",
				      strerror(-t.write_err), fate);
		/* non-zero: the command's own failure if it failed, else 1 */
		if (!ret)
			ret = t.child_reaped && t.child_status ? exit_like(t.child_status) : 1;
		return ret;
	}
	/* the traced command's fate is ours, once everything is written */
	if (!ret && t.child_reaped)
		return exit_like(t.child_status);
	return ret;
}
