// SPDX-License-Identifier: MIT
/* renacerctl trace: strace's interface on the embedded engine. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "cmd.h"
#include "engine.h"
#include "errnames.h"
#include "filter.h"
#include "format.h"
#include "log.h"
#include "outfile.h"
#include "summary.h"
#include "systable.h"
#include "daemon_client.h"
#include "recorder.h"
#include "textout.h"
#include "tracefile.h"

#define MAX_ATTACH 64
#define POLL_MS	   20

enum {
	OPT_BUFFER_SIZE = 256,
	OPT_TRACE,
	OPT_STATUS,
	OPT_FORMAT,
	OPT_COMPRESS,
	OPT_CAPTURE,
	OPT_TRACE_PARENT,
	OPT_NO_PROPAGATE,
	OPT_RECORD_ENV,
	OPT_EMBEDDED,
	OPT_DAEMON,
	OPT_SOCKET,
};

#define CAPTURE_DEFAULT 4096 /* golden traces: whole writes of typical CLI output */
#define CAPTURE_MAX	(RN_REC_MAX - 512)
#define MAX_RECORD_ENV	32

struct trace_opts {
	bool follow;
	bool summary_only; /* -c */
	bool summary;	   /* -C */
	bool times;	   /* -T */
	unsigned tstamp;   /* -t count */
	unsigned strsize;  /* -s */
	const char *outfile;
	const char *sortby;
	size_t ring_bytes;
	pid_t attach[MAX_ATTACH];
	int nattach;
	char **cmd;
	int format; /* enum rn_tf_format */
	bool format_set;
	unsigned capture; /* snap length for trace files */
	const char *traceparent;
	bool no_propagate;
	bool embedded;	 /* --embedded: never the daemon */
	bool use_daemon; /* --daemon: only the daemon */
	const char *socket;
	const char *record_env[MAX_RECORD_ENV + 1];
	int nrecord_env;
};

struct tracer {
	struct trace_opts o;
	struct rn_engine *eng;
	struct rn_textout *text;
	struct rn_filter *filter;
	struct rn_summary *sum;
	FILE *out;
	int out_fd;	  /* under out, with -o */
	int out_werr;	  /* why the last write to out failed (errno) */
	bool out_created; /* -o FILE did not exist: removed again if the trace never starts */
	bool out_begun;	  /* -o FILE emptied: the trace has started */
	int write_err;	  /* the first failed write of the trace or the table (-errno) */
	bool incomplete;  /* tracing stopped before the traced programs' end */
	struct rn_recorder *rec;
	struct rn_tr_sink file; /* the trace file writer, when a file format is chosen */
	uint64_t start_mono;
	pid_t child;
	int child_pidfd; /* readable once the child has ended; -1 when none */
	int child_status;
	bool child_reaped;
	int nprocs; /* live traced threads shown, for strace's `[pid N]` rule */
	struct rn_sink sink;
	uint64_t counters[RN_CNT__MAX];
	uint64_t session;
	uint64_t rec_lost; /* records lost on traced threads, as the records say */
	bool daemon_lost;
};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "Usage: renacerctl trace [OPTIONS] -- COMMAND [ARGS...]\n"
	    "       renacerctl trace [OPTIONS] -p PID[,PID...]\n\n"
	    "Trace the system calls of COMMAND (or of running processes) with eBPF and print\n"
	    "them in strace's syntax. Output goes to stderr unless -o is given. The exit status\n"
	    "is COMMAND's (non-zero too when the trace could not be written).\n\n"
	    "Options (as strace's):\n"
	    "  -f, --follow-forks        trace child processes and threads as they are created\n"
	    "  -o, --output=FILE         write the trace to FILE (with -f, lines start with the "
	    "pid);\n"
	    "                            an existing FILE is emptied once tracing starts\n"
	    "  -c, --summary-only        count time, calls and errors per syscall; print a table\n"
	    "  -C, --summary             like -c, and print the calls too\n"
	    "  -S, --summary-sort-by=K   sort the table by time (default), calls, errors, name\n"
	    "  -T, --syscall-times       show the time spent in each call: <0.000012>\n"
	    "  -t, -tt, -ttt             prefix lines with wall-clock time (s, us, epoch)\n"
	    "  -e trace=SET              only these syscalls: names, %%file %%process %%network\n"
	    "                            %%memory %%signal %%desc %%ipc ..., /regex, !negation\n"
	    "  -e status=SET             only calls that: successful, failed, unfinished ...\n"
	    "      --trace=SET, --status=SET   the same\n"
	    "  -s, --string-limit=N      print at most N bytes of each string (default " RN_STR(
		RN_FMT_STRSIZE_DEFAULT) ")\n"
					"  -p, --attach=PID          trace a running process and "
					"all its threads; Ctrl-C\n"
					"                            detaches and the process "
					"carries on unharmed\n"
					"  -q                        accepted for strace "
					"compatibility\n\n"
					"Golden trace files:\n"
					"      --format=FMT          text (default), json, jsonl "
					"or binary; -o FILE.json,\n"
					"                            .jsonl or .rnt picks it too. "
					"--compress = binary\n"
					"      --capture-data[=N]    bytes of each buffer kept in "
					"trace files (default %u,\n"
					"                            without N: %u); text output "
					"keeps -s bytes\n"
					"      --trace-parent=TP     W3C traceparent the trace "
					"joins (default: $TRACEPARENT)\n"
					"      --no-propagate        do not give the command "
					"TRACEPARENT of its own span\n"
					"      --record-env=NAME     record NAME's value from the "
					"environment (repeatable)\n\n"
					"renacer's own:\n"
					"      --buffer-size=BYTES   ring buffer size, a power of "
					"two (K/M/G suffixes;\n"
					"                            default %uM), shared out "
					"among one ring per CPU.\n"
					"                            Lost events are reported at "
					"the end. Through\n"
					"                            renacerd it does not apply "
					"(ring_size in its config).\n"
					"      --embedded            trace in this process even "
					"when renacerd runs\n"
					"      --daemon              trace through renacerd only "
					"(fail if it is not there)\n"
					"      --socket=PATH         renacerd's socket (default "
					"$RENACER_SOCKET, else\n"
					"                            /run/renacer/renacerd.sock)\n"
					"  -d, --debug               show the BPF loader's "
					"messages\n"
					"  -h, --help                show this help\n\n"
					"Requirements: Linux with BTF (/sys/kernel/btf/vmlinux); "
					"root, or CAP_BPF and\n"
					"CAP_PERFMON.\n",
	    CAPTURE_DEFAULT, CAPTURE_MAX, RN_RING_DEFAULT >> 20);
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'k':
	case 'K':
		v <<= 10;
		end++;
		break;
	case 'm':
	case 'M':
		v <<= 20;
		end++;
		break;
	case 'g':
	case 'G':
		v <<= 30;
		end++;
		break;
	}
	if (*end)
		return -EINVAL;
	*out = (size_t)v;
	return 0;
}

static int parse_pids(struct trace_opts *o, const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL, *end;
	long v;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		errno = 0;
		v = strtol(tok, &end, 10);
		if (errno || *end || v <= 0 || v > INT_MAX) {
			fprintf(stderr,
				"renacerctl: invalid process id '%s' (give a positive number)\n",
				tok);
			err = -EINVAL;
			break;
		}
		if (o->nattach == MAX_ATTACH) {
			fprintf(stderr, "renacerctl: too many -p (at most %d processes)\n",
				MAX_ATTACH);
			err = -E2BIG;
			break;
		}
		o->attach[o->nattach++] = (pid_t)v;
	}
	free(copy);
	return err;
}

static int add_expr(struct rn_filter *f, const char *prefix, const char *arg)
{
	char err[256] = "", expr[1024];

	snprintf(expr, sizeof(expr), "%s%s", prefix, arg);
	if (rn_filter__parse(f, expr, err, sizeof(err))) {
		fprintf(stderr, "renacerctl: %s\n", err[0] ? err : "invalid -e expression");
		return -EINVAL;
	}
	return 0;
}

static int parse_opts(struct tracer *t, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"follow-forks", no_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"summary-only", no_argument, NULL, 'c'},
	    {"summary", no_argument, NULL, 'C'},
	    {"summary-sort-by", required_argument, NULL, 'S'},
	    {"syscall-times", no_argument, NULL, 'T'},
	    {"absolute-timestamps", no_argument, NULL, 't'},
	    {"string-limit", required_argument, NULL, 's'},
	    {"attach", required_argument, NULL, 'p'},
	    {"trace", required_argument, NULL, OPT_TRACE},
	    {"status", required_argument, NULL, OPT_STATUS},
	    {"buffer-size", required_argument, NULL, OPT_BUFFER_SIZE},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"compress", no_argument, NULL, OPT_COMPRESS},
	    {"capture-data", optional_argument, NULL, OPT_CAPTURE},
	    {"trace-parent", required_argument, NULL, OPT_TRACE_PARENT},
	    {"no-propagate", no_argument, NULL, OPT_NO_PROPAGATE},
	    {"record-env", required_argument, NULL, OPT_RECORD_ENV},
	    {"embedded", no_argument, NULL, OPT_EMBEDDED},
	    {"daemon", no_argument, NULL, OPT_DAEMON},
	    {"socket", required_argument, NULL, OPT_SOCKET},
	    {"debug", no_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct trace_opts *o = &t->o;
	char *end;
	long v;
	int c;

	o->strsize = RN_FMT_STRSIZE_DEFAULT;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+fo:cCS:Tts:p:e:qdhvy", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o->follow = true;
			break;
		case 'o':
			o->outfile = optarg;
			break;
		case 'c':
			o->summary_only = true;
			break;
		case 'C':
			o->summary = true;
			break;
		case 'S':
			o->sortby = optarg;
			break;
		case 'T':
			o->times = true;
			break;
		case 't':
			o->tstamp++;
			break;
		case 'q':
			break;
		case 'd':
			rn_log_level = RN_LOG_DEBUG;
			break;
		case 's':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 0 || v > 1 << 20) {
				fprintf(stderr,
					"renacerctl: invalid -s '%s' (give a byte count from 0 to "
					"1048576)\n",
					optarg);
				return -EINVAL;
			}
			o->strsize = (unsigned)v;
			break;
		case 'p':
			if (parse_pids(o, optarg))
				return -EINVAL;
			break;
		case 'e':
			if (add_expr(t->filter, "", optarg))
				return -EINVAL;
			break;
		case OPT_TRACE:
			if (add_expr(t->filter, "trace=", optarg))
				return -EINVAL;
			break;
		case OPT_STATUS:
			if (add_expr(t->filter, "status=", optarg))
				return -EINVAL;
			break;
		case OPT_FORMAT:
			o->format = rn_tracefile__parse_format(optarg);
			if (o->format < 0) {
				fprintf(stderr,
					"renacerctl: unknown --format '%s' (use text, json, jsonl "
					"or binary)\n",
					optarg);
				return -EINVAL;
			}
			o->format_set = true;
			break;
		case OPT_COMPRESS:
			o->format = RN_TF_BINARY;
			o->format_set = true;
			break;
		case OPT_CAPTURE:
			o->capture = CAPTURE_MAX;
			if (optarg) {
				size_t bytes;

				if (parse_size(optarg, &bytes) || bytes < 1 ||
				    bytes > CAPTURE_MAX) {
					fprintf(stderr,
						"renacerctl: invalid --capture-data '%s' (give 1 "
						"to %u bytes)\n",
						optarg, CAPTURE_MAX);
					return -EINVAL;
				}
				o->capture = (unsigned)bytes;
			}
			break;
		case OPT_TRACE_PARENT:
			o->traceparent = optarg;
			break;
		case OPT_NO_PROPAGATE:
			o->no_propagate = true;
			break;
		case OPT_RECORD_ENV:
			if (o->nrecord_env == MAX_RECORD_ENV) {
				fprintf(stderr, "renacerctl: too many --record-env (at most %d)\n",
					MAX_RECORD_ENV);
				return -E2BIG;
			}
			o->record_env[o->nrecord_env++] = optarg;
			break;
		case OPT_EMBEDDED:
			o->embedded = true;
			break;
		case OPT_DAEMON:
			o->use_daemon = true;
			break;
		case OPT_SOCKET:
			o->socket = optarg;
			break;
		case OPT_BUFFER_SIZE:
			if (parse_size(optarg, &o->ring_bytes) || o->ring_bytes < 4096 ||
			    (o->ring_bytes & (o->ring_bytes - 1))) {
				fprintf(stderr,
					"renacerctl: invalid --buffer-size '%s' (give a power of "
					"two of at least 4096, e.g. 4M)\n",
					optarg);
				return -EINVAL;
			}
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'v':
		case 'y':
			fprintf(stderr, "renacerctl: option -%c is not supported yet\n", c);
			return -ENOTSUP;
		case ':':
			fprintf(
			    stderr,
			    "renacerctl: option '%s' needs a value (see renacerctl trace --help)\n",
			    argv[optind - 1]);
			return -EINVAL;
		default:
			if (optopt)
				fprintf(stderr,
					"renacerctl: unknown option -%c (see renacerctl trace "
					"--help)\n",
					optopt);
			else
				fprintf(stderr,
					"renacerctl: unknown option '%s' (see renacerctl trace "
					"--help)\n",
					argv[optind - 1]);
			return -EINVAL;
		}
	}
	if (optind < argc)
		o->cmd = argv + optind;
	if (!o->cmd && !o->nattach) {
		fprintf(stderr, "renacerctl: nothing to trace (give -- COMMAND [ARGS] or -p PID; "
				"see renacerctl trace --help)\n");
		return -EINVAL;
	}
	if (o->cmd && o->nattach) {
		fprintf(stderr, "renacerctl: give either a command or -p PID, not both\n");
		return -EINVAL;
	}
	if (!o->format_set && o->outfile && rn_tracefile__format_of_path(o->outfile) >= 0)
		o->format = rn_tracefile__format_of_path(o->outfile);
	if (o->format == RN_TF_BINARY && !o->outfile && isatty(STDERR_FILENO)) {
		fprintf(stderr,
			"renacerctl: the binary format needs -o FILE (it is not for a terminal)\n");
		return -EINVAL;
	}
	if (!o->capture)
		o->capture = CAPTURE_DEFAULT;
	if (o->traceparent) {
		char tid[33], sid[17], err[256];

		/* checked in every mode: a value that is ignored would be a silent typo */
		if (rn_traceparent__parse(o->traceparent, tid, sid, err, sizeof(err))) {
			fprintf(stderr,
				"renacerctl: --trace-parent: %s (the format is "
				"00-<32 hex>-<16 hex>-<2 hex>, e.g. "
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01)\n",
				err);
			return -EINVAL;
		}
	} else {
		o->traceparent = getenv("TRACEPARENT");
	}
	if (o->sortby && rn_summary__set_sort(t->sum, o->sortby)) {
		fprintf(stderr,
			"renacerctl: invalid -S '%s' (use time, calls, errors, name or nothing)\n",
			o->sortby);
		return -EINVAL;
	}
	return 0;
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
		fprintf(stderr, "renacerctl: cannot run '%s': %s\n", path, strerror(errno));
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
		fprintf(stderr, "renacerctl: %s\n", why);
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

static int count_threads(pid_t pid)
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
		fprintf(stderr,
			"renacerctl: lost %llu events (renacerd's ring buffer was full or this "
			"client fell behind)\n",
			(unsigned long long)c[RN_CNT_DROPPED]);
	else if (c[RN_CNT_DROPPED])
		fprintf(
		    stderr,
		    "renacerctl: lost %llu events (ring buffer full; a larger --buffer-size "
		    "helps); kernel counters: seen=%llu emitted=%llu dropped=%llu "
		    "truncated=%llu faulted=%llu\n",
		    (unsigned long long)c[RN_CNT_DROPPED], (unsigned long long)c[RN_CNT_SEEN],
		    (unsigned long long)c[RN_CNT_EMITTED], (unsigned long long)c[RN_CNT_DROPPED],
		    (unsigned long long)c[RN_CNT_TRUNCATED], (unsigned long long)c[RN_CNT_FAULTED]);
	else if (c[RN_CNT_TRUNCATED])
		fprintf(stderr,
			"renacerctl: %llu captured strings or buffers were cut at renacer's "
			"capture limit\n",
			(unsigned long long)c[RN_CNT_TRUNCATED]);
}

static void install_handlers(void)
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
	fprintf(stderr,
		"renacerctl: cannot write '%s': %s (check the directory exists and is writable)\n",
		path, strerror(e));
	return -e;
}

static void note_write_err(struct tracer *t, int err)
{
	if (err && !t->write_err)
		t->write_err = err < 0 ? err : -EIO;
}

/* The trace has started: what FILE held goes now (bytes already written stay). */
static void begin_output(struct tracer *t)
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
		fprintf(stderr, "renacerctl: cannot start the %s writer: %s\n",
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
		fprintf(stderr, "renacerctl: %s (fix or unset TRACEPARENT / --trace-parent)\n",
			ret == -EINVAL ? err : strerror(-ret));
		return 2;
	}
	return 0;
}

/* Spawns the command held; add() puts it in the traced set; then it is released. */
static int spawn_traced(struct tracer *t, const char *path, const char *traceparent,
			int (*add)(struct tracer *t, pid_t pid))
{
	int release = -1, ret;

	ret = spawn_held(t->o.cmd, path, traceparent, &t->child, &release);
	if (ret) {
		fprintf(stderr, "renacerctl: cannot start '%s': %s\n", t->o.cmd[0], strerror(-ret));
		return 1;
	}
	ret = add(t, t->child);
	if (!ret)
		begin_output(t);
	if (ret || write(release, "g", 1) != 1) {
		if (!ret)
			fprintf(stderr, "renacerctl: cannot release the new process: %s\n",
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

static bool child_done(struct tracer *t)
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

/* Waits up to POLL_MS for the child to end. */
static void wait_child(struct tracer *t)
{
	struct pollfd p = {.fd = t->child_pidfd, .events = POLLIN};

	poll(&p, 1, POLL_MS);
}

static int add_local(struct tracer *t, pid_t pid)
{
	uint32_t flags = t->o.follow ? RN_TF_FOLLOW : RN_TF_LEADER;
	int ret = rn_engine__add_target(t->eng, pid, flags | RN_TF_ARMED, 0);

	if (ret)
		fprintf(stderr, "renacerctl: cannot trace the new process: %s\n", strerror(-ret));
	return ret;
}

/* The embedded engine: BPF loaded in this process. */
static int run_local(struct tracer *t, const char *path, const char *traceparent,
		     const uint64_t *bitmap)
{
	struct rn_engine_opts eo = {0};
	char err[512];
	int ret, i;
	bool done = false;

	eo.ring_bytes = t->o.ring_bytes;
	eo.snaplen = t->rec ? t->o.capture : t->o.strsize;
	eo.capture_objs = t->rec != NULL;
	eo.filter = bitmap;
	eo.fill_capspecs = rn_systable__capspecs;
	ret = rn_engine__new(&t->eng, &eo, &t->sink, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "renacerctl: %s\n", err);
		return 1;
	}
	install_handlers();
	if (t->o.cmd && spawn_traced(t, path, traceparent, add_local))
		return 1;
	for (i = 0; i < t->o.nattach; i++) {
		if (kill(t->o.attach[i], 0) && errno == ESRCH) {
			fprintf(stderr, "renacerctl: cannot attach to pid %d: no such process\n",
				t->o.attach[i]);
			return 1;
		}
	}
	for (i = 0; i < t->o.nattach; i++) {
		ret = rn_engine__add_target(t->eng, t->o.attach[i], t->o.follow ? RN_TF_FOLLOW : 0,
					    0);
		if (ret) {
			fprintf(stderr, "renacerctl: cannot attach to pid %d: %s\n", t->o.attach[i],
				strerror(-ret));
			return 1;
		}
		begin_output(t);
		t->nprocs += count_threads(t->o.attach[i]);
		if (t->rec)
			rn_recorder__add_root(t->rec, t->o.attach[i]);
		fprintf(stderr, "renacerctl: Process %d attached\n", t->o.attach[i]);
	}
	if (t->child_pidfd >= 0)
		rn_engine__watch(t->eng, t->child_pidfd);
	while (!done) {
		rn_engine__wait(t->eng, POLL_MS);
		/* records below the wakeup mark come without a wakeup: always read */
		ret = rn_engine__drain(t->eng);
		if (ret < 0) {
			fprintf(stderr,
				"renacerctl: reading the ring buffer failed: %s; the trace is "
				"incomplete\n",
				strerror(-ret));
			t->incomplete = true;
			break;
		}
		if (child_done(t) && rn_engine__count_targets(t->eng, 0) == 0)
			done = true;
		if (interrupted)
			break;
		if (t->text)
			rn_textout__flush(t->text);
	}
	if (!done) {
		/* -p ends by detaching; a spawned command stopped mid-run is not all there */
		if (t->o.cmd)
			t->incomplete = true;
		rn_engine__remove_session(t->eng, 0);
		for (i = 0; i < t->o.nattach; i++)
			fprintf(stderr, "renacerctl: Process %d detached\n", t->o.attach[i]);
	}
	/* Records reserved on other CPUs just before the last exit: read them all. */
	rn_engine__settle(t->eng, 2000);
	rn_engine__counters(t->eng, t->counters);
	return 0;
}

static void daemon_options(struct tracer *t, Renacer__V1__TraceOptions *o, uint64_t *filter,
			   const uint64_t *bitmap)
{
	memcpy(filter, bitmap, RN_MAX_SYSCALLS / 8);
	o->follow = t->o.follow;
	o->snaplen = t->rec ? t->o.capture : t->o.strsize;
	o->n_filter = RN_MAX_SYSCALLS / 64;
	o->filter = filter;
}

static struct rn_dclient *daemon_conn;
static Renacer__V1__TraceOptions *daemon_opts;

/* Asks renacerd to trace pid (held: armed until its exec). */
static int add_remote(struct tracer *t, pid_t pid)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__StartTrace st = RENACER__V1__START_TRACE__INIT;
	Renacer__V1__Reply *reply = NULL;
	int ret;

	st.pid = (uint32_t)pid;
	daemon_opts->leader_only = !t->o.follow;
	st.options = daemon_opts;
	rq.body_case = RENACER__V1__REQUEST__BODY_START;
	rq.start = &st;
	ret = rn_dclient__call(daemon_conn, &rq, &reply, 5000, NULL);
	if (ret) {
		fprintf(stderr, "renacerctl: renacerd did not answer: %s\n", strerror(-ret));
		return ret;
	}
	if (reply->body_case == RENACER__V1__REPLY__BODY_ERROR) {
		fprintf(stderr, "renacerctl: %s\n", reply->error->message);
		ret = -reply->error->code ? -reply->error->code : -EPERM;
	} else {
		t->session = reply->started->session;
	}
	renacer__v1__reply__free_unpacked(reply, NULL);
	return ret;
}

static int attach_remote(struct tracer *t)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__Attach at = RENACER__V1__ATTACH__INIT;
	Renacer__V1__Reply *reply = NULL;
	uint32_t pids[MAX_ATTACH];
	int ret, i;

	for (i = 0; i < t->o.nattach; i++)
		pids[i] = (uint32_t)t->o.attach[i];
	at.n_pids = (size_t)t->o.nattach;
	at.pids = pids;
	at.options = daemon_opts;
	rq.body_case = RENACER__V1__REQUEST__BODY_ATTACH;
	rq.attach = &at;
	ret = rn_dclient__call(daemon_conn, &rq, &reply, 5000, NULL);
	if (ret) {
		fprintf(stderr, "renacerctl: renacerd did not answer: %s\n", strerror(-ret));
		return 1;
	}
	ret = 0;
	if (reply->body_case == RENACER__V1__REPLY__BODY_ERROR) {
		fprintf(stderr, "renacerctl: %s\n", reply->error->message);
		ret = 1;
	} else {
		t->session = reply->started->session;
		begin_output(t);
		for (i = 0; i < t->o.nattach; i++) {
			t->nprocs += count_threads(t->o.attach[i]);
			if (t->rec)
				rn_recorder__add_root(t->rec, t->o.attach[i]);
			fprintf(stderr, "renacerctl: Process %d attached\n", t->o.attach[i]);
		}
	}
	renacer__v1__reply__free_unpacked(reply, NULL);
	return ret;
}

/* Through renacerd: the same records, decoded here by the same code. */
static int run_daemon(struct tracer *t, struct rn_dclient *dc, const char *path,
		      const char *traceparent, const uint64_t *bitmap)
{
	Renacer__V1__TraceOptions opts = RENACER__V1__TRACE_OPTIONS__INIT;
	uint64_t filter[RN_MAX_SYSCALLS / 64], lost = 0;
	struct rn_demux *dm = rn_demux__new(&t->sink);
	char reason[256] = "";
	bool ended = false, detach_sent = false;
	int ret = 0;

	if (!dm)
		return 1;
	daemon_options(t, &opts, filter, bitmap);
	if (t->o.ring_bytes)
		fprintf(stderr,
			"renacerctl: note: --buffer-size does not apply through renacerd: its ring "
			"buffer is shared by all its clients and sized by ring_size in "
			"/etc/renacer/renacerd.toml (add --embedded to trace with a buffer of your "
			"own)\n");
	daemon_conn = dc;
	daemon_opts = &opts;
	install_handlers();
	if (t->o.cmd ? spawn_traced(t, path, traceparent, add_remote) : attach_remote(t)) {
		rn_demux__free(dm);
		return 1;
	}
	while (!ended || !child_done(t)) {
		if (!ended) {
			ret = rn_dclient__pump(dc, POLL_MS, dm, &ended, reason, sizeof(reason),
					       &lost);
		} else if (!child_done(t)) {
			wait_child(t);
		}
		if (ret == -EPIPE || ret == -ECONNRESET || ret == -EPROTO) {
			/* a daemon that said why it ended the trace is reported once, below */
			if (!ended)
				fprintf(
				    stderr,
				    "renacerctl: renacerd went away; the trace is incomplete\n");
			t->daemon_lost = true;
			break;
		}
		child_done(t);
		if (interrupted && !detach_sent) {
			Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
			Renacer__V1__Detach dt = RENACER__V1__DETACH__INIT;

			dt.session = t->session;
			rq.body_case = RENACER__V1__REQUEST__BODY_DETACH;
			rq.detach = &dt;
			rn_dclient__send(dc, &rq);
			detach_sent = true;
		}
		if (detach_sent && ended)
			break;
		if (t->text)
			rn_textout__flush(t->text);
	}
	if (detach_sent)
		for (int i = 0; i < t->o.nattach; i++)
			fprintf(stderr, "renacerctl: Process %d detached\n", t->o.attach[i]);
	if (ended && strcmp(reason, "finished") && strcmp(reason, "detached"))
		fprintf(stderr,
			"renacerctl: renacerd ended the trace: %s; the trace is incomplete\n",
			reason);
	/* only a finished session, or a -p session detached, is the whole story */
	if (t->daemon_lost ||
	    (ended && strcmp(reason, "finished") && (t->o.cmd || strcmp(reason, "detached"))))
		t->incomplete = true;
	t->counters[RN_CNT_DROPPED] = lost + t->rec_lost;
	rn_demux__free(dm);
	return t->daemon_lost || (ended && strstr(reason, "stopping")) ? 1 : 0;
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
			fprintf(stderr,
				"renacerctl: cannot find '%s': %s (check the name and PATH)\n",
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
			fprintf(stderr,
				"renacerctl: cannot reach renacerd at %s: %s (start it, or drop "
				"--daemon to trace with the embedded engine)\n",
				sock, strerror(-ret));
			return 1;
		}
		if (ret)
			rn_debug("no renacerd at %s (%s): tracing with the embedded engine", sock,
				 strerror(-ret));
		stopped = dc ? rn_dclient__peer_stopped(dc) : 0;
		if (stopped && t->o.use_daemon) {
			fprintf(
			    stderr,
			    "renacerctl: renacerd at %s (pid %d) is stopped and cannot answer "
			    "(resume it with `kill -CONT %d`, or drop --daemon to trace with the "
			    "embedded engine)\n",
			    sock, stopped, stopped);
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
	ret = dc ? run_daemon(t, dc, path, traceparent[0] ? traceparent : NULL, bitmap)
		 : run_local(t, path, traceparent[0] ? traceparent : NULL, bitmap);
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
	if (interrupted && t->child && !t->child_reaped)
		return 128 + interrupted;
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
		fprintf(stderr, "renacerctl: out of memory\n");
		goto out;
	}
	if (parse_opts(&t, argc, argv)) {
		ret = 2;
		goto out;
	}
	if (t.o.embedded && t.o.use_daemon) {
		fprintf(stderr, "renacerctl: --embedded and --daemon contradict each other\n");
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
			fprintf(stderr, "renacerctl: out of memory\n");
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
			fprintf(stderr,
				"renacerctl: cannot write '%s': %s; the trace in it is incomplete "
				"(%s)\n",
				t.o.outfile, strerror(-rn_write_cause(t.write_err, t.out_werr)),
				fate);
		else
			fprintf(stderr, "renacerctl: cannot write the trace to stderr: %s (%s)\n",
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
