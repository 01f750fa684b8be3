// SPDX-License-Identifier: MIT
/*
 * renacerctl trace: strace's interface, on the embedded engine (trace_local.c) or through
 * renacerd (trace_daemon.c). Here the command itself: the sink that prints, counts and
 * records each event, the recorder, the report of losses and the exit status.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "cmd.h"
#include "daemon_client.h"
#include "errnames.h"
#include "fdpaths.h"
#include "systable.h"
#include "log.h"
#include "outfile.h"
#include "report.h"
#include "trace_int.h"
#include "trace_split.h"

static void print_signal(struct tracer *t, const struct rn_sig_rec *r)
{
	if (t->split) {
		struct rn_textout *text = trace_split__text(t->split, r->h.tid);

		if (text)
			rn_textout__signal(text, r, 1);
	} else if (t->text) {
		rn_textout__signal(t->text, r, t->nprocs);
	}
}

/*
 * A signal seen when it was sent is shown where ptrace would have stopped the thread for
 * it: after the call it was in then (a wait4 that the child's SIGCHLD ends, a sleep cut
 * by SIGTERM), before the calls it makes after. tid 0: all of them (the end).
 */
static void release_held(struct tracer *t, uint32_t tid, uint64_t before_ns)
{
	int i = 0;

	while (i < t->nheld) {
		if ((tid && t->held[i].h.tid != tid) || t->held[i].ns >= before_ns) {
			i++;
			continue;
		}
		print_signal(t, &t->held[i]);
		memmove(&t->held[i], &t->held[i + 1],
			(size_t)(t->nheld - i - 1) * sizeof(t->held[0]));
		t->nheld--;
	}
}

/*
 * readv's and writev's entries (sendmsg's and recvmsg's: the msghdr's iovec array is item 2),
 * each under ` * N bytes in buffer K`, up to the bytes the call moved; as strace, the dump
 * stops at an empty entry.
 */
static void dump_iov(struct rn_textout *text, const struct rn_event *ev, unsigned i, unsigned at)
{
	const struct rn_item *arr = rn_event__item(ev, i, at), *it;
	uint64_t left = (uint64_t)ev->rec->ret, len;
	char head[64];

	if (!arr || (arr->flags & RN_IF_FAULT))
		return;
	for (unsigned k = 0; (k + 1) * 16 <= arr->len && left; k++) {
		memcpy(&len, (const char *)rn_item__data(arr) + 16 * k + 8, sizeof(len));
		if (len > left)
			len = left;
		if (!len)
			break;
		left -= len;
		snprintf(head, sizeof(head), " * %llu bytes in buffer %u", (unsigned long long)len,
			 k);
		rn_textout__line(text, head);
		it = rn_event__item(ev, i, at + 1 + k);
		if (it && !(it->flags & RN_IF_FAULT))
			rn_textout__hexdump(text, rn_item__data(it), it->len < len ? it->len : len,
					    0);
	}
}

/* -e read=FD / -e write=FD: the bytes a read or write moved, under its line as strace. */
static void dump_io(struct tracer *t, struct rn_textout *text, const struct rn_event *ev)
{
	const struct rn_sys_rec *r = ev->rec;
	const struct rn_sysrow *row = rn_systable__row(r->nr);
	int64_t fd = (int32_t)r->args[0];

	if (!text || !row || !row->nargs || r->ret <= 0 || rn_event__failed(ev) ||
	    !((row->arg[0] == RN_A_FD_RD && rn_filter__dump_read(t->filter, fd)) ||
	      (row->arg[0] == RN_A_FD_WR && rn_filter__dump_write(t->filter, fd))))
		return;
	for (unsigned i = 1; i < row->nargs; i++) {
		const struct rn_item *it;

		if (row->arg[i] == RN_A_IOV || row->arg[i] == RN_A_IOV_OUT) {
			dump_iov(text, ev, i, 0);
			return;
		}
		if (row->arg[i] == RN_A_MSGHDR || row->arg[i] == RN_A_MSGHDR_OUT) {
			dump_iov(text, ev, i, 2);
			return;
		}
		if (row->arg[i] != RN_A_RBUF && row->arg[i] != RN_A_WBUF)
			continue;
		it = rn_event__item(ev, i, 0);
		if (it && !(it->flags & RN_IF_FAULT))
			rn_textout__hexdump(text, rn_item__data(it),
					    it->len < (uint64_t)r->ret ? it->len : (size_t)r->ret,
					    0);
		return;
	}
}

enum { DETACH_AT_EXEC = 1, DETACHED };

static int64_t detach_state(const struct tracer *t, uint32_t tgid)
{
	return t->o.detach_execve ? rn_hmap__get(&t->detached, tgid) : -1;
}

/* strace -b execve: `Process N detached` (an attach-class message, as strace's). */
static void say_detached(struct tracer *t, uint32_t tgid)
{
	if (!(t->o.quiet & RN_QUIET_ATTACH))
		rn_cli__info(NULL, "Process %u detached", tgid);
	rn_hmap__put(&t->detached, tgid, DETACHED);
	if (t->nprocs > 0)
		t->nprocs--;
}

/*
 * -b execve: a process that execs (not the command's first exec) leaves the trace at its
 * exec, its execve line cut as strace cuts it: `execve("/bin/true", [...], ... <detached ...>`.
 * Its later calls, signals, children and exit are not shown. True when ev is not shown.
 */
static bool detach_on_exec(struct tracer *t, const struct rn_event *ev)
{
	const struct rn_sys_rec *r = ev->rec;
	int64_t state = detach_state(t, r->h.tgid);
	const char *name = rn_syscall__name((int)r->nr);
	struct rn_textout *text;

	if (state != DETACH_AT_EXEC)
		return state == DETACHED;
	if (r->ret != 0 || !name || (strcmp(name, "execve") && strcmp(name, "execveat")))
		return true;
	text = t->split ? trace_split__text(t->split, r->h.tid) : t->text;
	if (text) {
		rn_textout__call_begin(text, ev, t->split ? 1 : t->nprocs);
		rn_textout__flush(text); /* on stderr, strace's message cuts the line */
	}
	say_detached(t, r->h.tgid);
	if (text)
		rn_textout__line(text, " <detached ...>");
	if (t->split)
		trace_split__done(t->split, r->h.tid);
	return true;
}

static void on_syscall(void *ctx, const struct rn_event *ev)
{
	struct tracer *t = ctx;
	const struct rn_sys_rec *r = ev->rec;
	bool noreturn = rn_event__noreturn(ev);

	t->rec_lost += r->lost;
	if (t->o.detach_execve && detach_on_exec(t, ev))
		return;
	if (t->text)
		rn_textout__call_seen(t->text, r->h.tid, r->nr);
	/* -y sees the calls that open and close descriptors even when -e trace= does not */
	if (!rn_filter__traced(t->filter, r->nr) ||
	    (t->o.npaths && !rn_fdpaths__touches(t->fds, ev, t->o.paths, t->o.npaths))) {
		rn_fdpaths__update(t->fds, ev);
		return;
	}
	/* strace -c counts the calls -z, -Z and status= leave out of the lines */
	if (t->sum && !noreturn)
		rn_summary__add(t->sum, r->nr, r->exit_ns - r->enter_ns, rn_event__failed(ev));
	if (!rn_filter__status_ok(t->filter, (long)r->ret, noreturn)) {
		rn_fdpaths__update(t->fds, ev);
		return;
	}
	if (t->rec)
		rn_recorder__syscall(t->rec, ev);
	if (t->nheld)
		release_held(t, r->h.tid, r->enter_ns); /* sent before the call began */
	if (t->split) {
		struct rn_textout *text = trace_split__text(t->split, r->h.tid);

		if (text)
			rn_textout__syscall(text, ev, 1);
		if (t->dumps)
			dump_io(t, text, ev);
	} else if (t->text) {
		rn_textout__syscall(t->text, ev, t->nprocs);
		if (t->dumps)
			dump_io(t, t->text, ev);
	}
	if (t->nheld)
		release_held(t, r->h.tid, UINT64_MAX); /* sent while it ran */
	if (t->fds && !t->text && !t->split)
		rn_fdpaths__update(t->fds, ev);
}

static void fds_after_args(void *ctx, const struct rn_event *ev)
{
	rn_fdpaths__update(ctx, ev);
}

/* strace -qq leaves out `+++ exited with N +++`, never `+++ killed by SIG +++`. */
static void print_exit(struct tracer *t, const struct rn_proc_rec *r)
{
	uint32_t pid = (r->h.flags & RN_RF_GROUP_DEAD) && !t->o.follow ? r->h.tgid : r->h.tid;
	struct rn_textout *text = t->text;

	if (t->nheld)
		release_held(t, r->h.tid, UINT64_MAX);
	if ((t->o.quiet & RN_QUIET_EXIT) && WIFEXITED(r->code))
		text = NULL;
	else if (t->split)
		text = trace_split__text(t->split, r->h.tid);
	if (text)
		rn_textout__exit(text, pid, r->code, r->ns, t->split ? 1 : t->nprocs);
	if (t->split)
		trace_split__done(t->split, r->h.tid);
}

static void on_proc(void *ctx, const struct rn_proc_rec *r)
{
	struct tracer *t = ctx;

	if (t->o.detach_execve) {
		int64_t state = detach_state(t, r->h.tgid);

		if (state >= 0) { /* gone from the trace, with its children */
			if (r->h.kind == RN_REC_FORK && !(r->h.flags & RN_RF_THREAD))
				rn_hmap__put(&t->detached, r->other_tgid, DETACHED);
			return;
		}
		if (r->h.kind == RN_REC_EXEC && t->exec_skip) {
			t->exec_skip = false;
		} else if (r->h.kind == RN_REC_EXEC) {
			/* the execve line says it, if -e trace= shows execve */
			if (rn_filter__traced(t->filter, rn_syscall__by_name("execve")))
				rn_hmap__put(&t->detached, r->h.tgid, DETACH_AT_EXEC);
			else
				say_detached(t, r->h.tgid);
			return;
		}
	}

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
		/* strace -f: each new tracee (-o with a command is -q, so only -p or quiet=none) */
		if (t->o.follow && !(t->o.quiet & RN_QUIET_ATTACH)) {
			if (t->text)
				rn_textout__flush(
				    t->text); /* stderr keeps the order of the lines */
			rn_cli__info(NULL, "Process %u attached", r->other_tid);
		}
		if (!(r->h.flags & RN_RF_THREAD))
			rn_fdpaths__fork(t->fds, r->h.tgid, r->other_tgid);
		break;
	case RN_REC_EXIT:
		print_exit(t, r);
		if (r->h.flags & RN_RF_GROUP_DEAD)
			rn_fdpaths__exit(t->fds, r->h.tgid);
		if (t->nprocs > 0)
			t->nprocs--;
		break;
	}
}

static void on_signal_rec(void *ctx, const struct rn_sig_rec *r)
{
	struct tracer *t = ctx;

	if (detach_state(t, r->h.tgid) >= 0)
		return;
	if (!rn_filter__signal_traced(t->filter, r->signo))
		return; /* -e signal=, as -e status= leaves calls out of the trace file too */
	/* trace files keep delivered signals only: their causal edges are kill -> delivery */
	if (t->rec && !(r->h.flags & (RN_RF_SIG_IGNORED | RN_RF_SIG_FATAL)))
		rn_recorder__signal(t->rec, r);
	/* strace never sees SIGKILL delivered, so it never prints it. */
	if (r->signo == SIGKILL || (!t->text && !t->split))
		return;
	if (r->h.flags & (RN_RF_SIG_IGNORED | RN_RF_SIG_FATAL)) {
		if (t->nheld == MAX_HELD_SIGS)
			release_held(t, t->held[0].h.tid, UINT64_MAX);
		t->held[t->nheld++] = *r;
		return;
	}
	print_signal(t, r);
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

/* The recorder finishes through here, so the statistics say when tracing stopped early. */
static const struct tracer *recording;
static struct rn_tr_sink recording_to; /* the file writer, or the OTLP export teeing into it */

static int finish_marked(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_tr_stats st;

	if (!s)
		return recording_to.finish(ctx, s);
	st = *s;
	st.incomplete = s->incomplete || recording->incomplete;
	return recording_to.finish(ctx, &st);
}

/* --otlp: checked before anything is traced; the spans go out on their own thread. */
static int start_otlp(struct tracer *t, struct rn_tr_sink *rs)
{
	char err[640];
	int ret;

	ret = rn_otlp_export__new(&t->otlp, &t->o.otlp_opts, err, sizeof(err));
	if (ret) {
		rn_cli__error(NULL, NULL, "%s", err);
		return ret == -EINVAL || ret == -ENOENT ? 2 : 1;
	}
	rn_otlp_export__sink(t->otlp, t->o.format != RN_TF_TEXT ? &t->file : NULL, rs);
	return 0;
}

/* The receiver's trouble is told, never the traced command's exit status. */
static void finish_otlp(struct tracer *t)
{
	struct rn_otlp_stats st;
	char url[512];

	if (!t->otlp)
		return;
	snprintf(url, sizeof(url), "%s", rn_otlp_export__url(t->otlp));
	rn_otlp_export__close(t->otlp, &st);
	t->otlp = NULL;
	if (st.dropped_spans)
		rn_cli__warning(NULL, "is an OTLP receiver listening there?",
				"%llu of %llu spans not delivered to %s: %s",
				(unsigned long long)st.dropped_spans,
				(unsigned long long)(st.dropped_spans + st.sent_spans), url,
				st.last_error[0] ? st.last_error : "queue full");
	rn_debug("OTLP: %llu spans in %llu requests sent to %s (%llu retries)",
		 (unsigned long long)st.sent_spans, (unsigned long long)st.sent_requests, url,
		 (unsigned long long)st.retries);
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
	ret = t->o.format != RN_TF_TEXT ? rn_tracefile__writer(&t->file, t->out, t->o.format) : 0;
	if (ret) {
		rn_cli__error(NULL, NULL, "cannot start the %s writer: %s",
			      rn_tracefile__format_name(t->o.format), strerror(-ret));
		return 1;
	}
	ro.fmt.strsize = t->o.strsize ? t->o.strsize : RN_FMT_STRSIZE_ZERO;
	ro.traceparent = t->o.traceparent;
	ro.argv = t->o.cmd;
	ro.record_env = t->o.nrecord_env ? env : NULL;
	ro.mono_start_ns = t->start_mono;
	ro.real_start_ns = now_ns(CLOCK_REALTIME);
	ro.snaplen = t->o.capture;
	ro.tool = "renacer " RENACER_VERSION;
	ro.sym = t->sym;
	rs = t->file;
	if (t->o.otlp && (ret = start_otlp(t, &rs)))
		return ret;
	recording_to = rs;
	if (rs.finish) {
		recording = t;
		rs.finish = finish_marked;
	}
	if (t->checker)
		tracer__assert_tee(t, &rs);
	ret = rn_recorder__new(&t->rec, &ro, &rs, err, sizeof(err));
	if (ret) {
		rn_cli__error(NULL, "fix or unset TRACEPARENT / --trace-parent", "%s",
			      ret == -EINVAL ? err : strerror(-ret));
		return 2;
	}
	return 0;
}

static int run(struct tracer *t)
{
	uint64_t bitmap[RN_MAX_SYSCALLS / 64];
	char path[PATH_MAX], traceparent[56] = "";
	struct rn_dclient *dc = NULL;
	const char *sock = rn_dclient__socket_path(t->o.socket);
	int ret, stopped;

	if (t->o.cmd) {
		ret = tracer__resolve(t->o.cmd[0], path, sizeof(path));
		if (ret) {
			rn_cli__error(NULL, "check the name and PATH", "cannot find '%s': %s",
				      t->o.cmd[0], strerror(-ret));
			return 1;
		}
	}
	rn_filter__bitmap(t->filter, bitmap);
	if (t->fds)
		rn_fdpaths__need(bitmap, RN_MAX_SYSCALLS);
	t->start_mono = now_ns(CLOCK_MONOTONIC);
	if (t->o.format != RN_TF_TEXT || t->o.otlp || t->checker) {
		ret = start_recording(t);
		if (ret)
			return ret;
		if (!t->o.no_propagate && t->o.cmd)
			rn_recorder__child_traceparent(t->rec, traceparent);
	}
	if (!t->o.embedded) {
		ret = rn_dclient__connect(&dc, sock);
		if (ret && t->o.use_daemon) {
			char hint[256];

			rn_cli__error(
			    NULL,
			    rn_dclient__hint(
				ret, sock,
				"start it, or drop --daemon to trace with the embedded engine",
				hint, sizeof(hint)),
			    "cannot reach renacerd at %s: %s", sock, strerror(-ret));
			return 1;
		}
		if (ret && (ret == -EACCES || ret == -EPERM) && geteuid()) {
			char hint[256];

			/* the embedded engine needs what this user lacks: say how to join */
			rn_cli__note(NULL, "renacerd at %s refused you (%s): %s", sock,
				     strerror(-ret),
				     rn_dclient__hint(ret, sock, "", hint, sizeof(hint)));
		} else if (ret)
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
	tracer__drop_output(t);
	if (t->sum)
		rn_summary__print(t->sum, t->out);
	release_held(t, 0, UINT64_MAX);
	if (t->text)
		tracer__note_write_err(t, rn_textout__flush(t->text));
	trace_split__flush(t->split);
	if (t->rec)
		tracer__note_write_err(
		    t, rn_recorder__finish(t->rec, t->counters,
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
	t.exec_skip = t.o.cmd != NULL; /* strace -b: its own start of the command is no detach */
	if (t.o.embedded && t.o.use_daemon) {
		rn_cli__error(NULL, NULL, "--embedded and --daemon contradict each other");
		ret = 2;
		goto out;
	}
	if ((t.o.stacks || t.o.ip) && t.o.use_daemon) {
		rn_cli__error(NULL, "drop --daemon to trace with the embedded engine",
			      "--source, -k and -i need the embedded engine (renacerd does not "
			      "capture stacks)");
		ret = 2;
		goto out;
	}
	if (t.o.ip)
		t.o.embedded = true;
	if (t.o.stacks) {
		t.o.embedded = true;
		if (rn_symbolizer__new(&t.sym, stderr)) {
			rn_cli__error(NULL, NULL, "out of memory");
			goto out;
		}
		t.symtext = (struct rn_sym_text){t.sym, t.o.stacks};
	}
	if (!t.o.summary_only && !t.o.summary) {
		rn_summary__free(t.sum);
		t.sum = NULL;
	}
	if (t.o.assert_config && tracer__assert_load(&t)) {
		ret = 2;
		goto out;
	}
	t.out = stderr;
	if (t.o.outfile && !t.o.output_separately && tracer__open_output(&t))
		goto out;
	if (t.o.decode_fds || t.o.npaths) {
		t.fds = rn_fdpaths__new(t.o.decode_fds);
		if (!t.fds) {
			rn_cli__error(NULL, NULL, "out of memory");
			goto out;
		}
	}
	if (!t.o.summary_only && t.o.format == RN_TF_TEXT) {
		to.tstamp = t.o.tstamp;
		to.relative = t.o.relative;
		to.ip = t.o.ip;
		to.tstamp_prec = t.o.tstamp_prec;
		to.relative_prec = t.o.relative_prec;
		to.times_prec = t.o.times_prec;
		to.syscall_number = t.o.nr_prefix;
		to.syscall_times = t.o.times;
		to.pid_always = t.o.outfile && (t.o.follow || t.o.nattach > 1);
		to.mono_to_real_ns = mono_to_real();
		to.column = t.o.column;
		to.column_set = t.o.column_set;
		to.fmt.strsize = t.o.strsize ? t.o.strsize : RN_FMT_STRSIZE_ZERO;
		to.fmt.hex = t.o.hex;
		to.fmt.raw = rn_filter__raw(t.filter);
		to.fmt.abbrev = rn_filter__abbrev_set(t.filter);
		to.fmt.verbose = rn_filter__verbose_set(t.filter);
		t.dumps = rn_filter__dumps(t.filter);
		if (t.fds) {
			to.fmt.fds = t.fds; /* prints nothing without -y */
			to.after_args = fds_after_args;
			to.after_args_ctx = t.fds;
		}
		if (t.sym) {
			to.annotate = rn_sym_text__annotate;
			to.annotate_ctx = &t.symtext;
		}
		if (t.o.output_separately)
			t.split = trace_split__new(t.o.outfile, &to, t.o.append);
		else
			t.text = rn_textout__new(t.out, &to);
		if (!t.text && !t.split) {
			rn_cli__error(NULL, NULL, "out of memory");
			goto out;
		}
	}
	t.sink = (struct rn_sink){&t, on_syscall, on_proc, on_signal_rec};
	ret = run(&t);
	ran = true;
	if (t.checker && !ret && tracer__assert_report(&t))
		ret = -1; /* an enforced assertion failed: 1, once the output is closed */
out:
	tracer__drop_output(&t);
	rn_recorder__free(t.rec);
	finish_otlp(&t);
	if (t.file.close)
		t.file.close(t.file.ctx);
	rn_textout__free(t.text);
	tracer__note_write_err(&t, trace_split__free(t.split));
	rn_fdpaths__free(t.fds);
	rn_engine__free(t.eng);
	rn_symbolizer__free(t.sym);
	rn_summary__free(t.sum);
	rn_hmap__free(&t.detached);
	rn_filter__free(t.filter);
	tracer__assert_free(&t);
	tracer__close_output(&t);
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
	if (ret == -1)
		return 1;
	/* the traced command's fate is ours, once everything is written */
	if (!ret && t.child_reaped)
		return exit_like(t.child_status);
	return ret;
}
