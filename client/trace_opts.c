// SPDX-License-Identifier: MIT
/* renacerctl trace's options parsed, as strace's plus renacer's own (names: trace_optnames.c;
 * values: trace_optvals.c). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "daemon_client.h"
#include "fdpaths.h"
#include "format.h"
#include "injectspec.h"
#include "log.h"
#include "report.h"
#include "trace_inject.h"
#include "trace_int.h"

#include "trace_optnames.h"
#include "trace_optvals.h"

static int add_expr(struct rn_filter *f, const char *prefix, const char *arg)
{
	char err[256] = "", expr[1024];

	snprintf(expr, sizeof(expr), "%s%s", prefix, arg);
	if (rn_filter__parse(f, expr, err, sizeof(err))) {
		rn_cli__error(NULL, NULL, "%s", err[0] ? err : "invalid -e expression");
		return -EINVAL;
	}
	return 0;
}

/* -e EXPR, or --NAME=SET (--signal=SET: -e signal=SET). */
static int qualifier(struct tracer *t, const char *name, const char *arg)
{
	char expr[1024];

	if (name) {
		snprintf(expr, sizeof(expr), "%s=%s", name, arg);
		arg = expr;
	}
	if (!strncmp(arg, "decode-fds=", 11) || !strncmp(arg, "decode-fd=", 10))
		return trace_decode_fds(&t->o, strchr(arg, '=') + 1);
	if (!strncmp(arg, "decode-pids=", 12) || !strncmp(arg, "decode-pid=", 11))
		return trace_refuse(OPT_DECODE_PIDS);
	if (!strncmp(arg, "secontext=", 10))
		return trace_refuse(OPT_SECONTEXT);
	if (!strncmp(arg, "kvm=", 4))
		return trace_refuse(OPT_KVM);
	if (rn_injectspec__is_inject(arg))
		return tracer__inject_opt(arg) ? -EINVAL : 0;
	return add_expr(t->filter, "", arg);
}

/* -P PATH as the descriptor table names files: absolute, links resolved (strace's too). */
static const char *resolve_path(const char *path, int i)
{
	static char resolved[MAX_PATH_OPTS][PATH_MAX];
	char cwd[PATH_MAX];

	if (realpath(path, resolved[i]))
		return resolved[i];
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) &&
	    (size_t)snprintf(resolved[i], PATH_MAX, "%s/%s", cwd, path) < PATH_MAX)
		return resolved[i];
	return path;
}

/*
 * strace's -q/-qq/-qqq and -e quiet=: one or the other. With -o and a command and neither,
 * strace is -q (no `Process N attached` for the children; -p's attach lines stay).
 */
static int set_quiet(struct tracer *t, int qflag)
{
	struct trace_opts *o = &t->o;
	bool given;
	unsigned q = rn_filter__quiet(t->filter, &given);

	if (qflag && given) {
		rn_cli__error(NULL, "give one of them",
			      "-q and -e quiet/--quiet exclude each other");
		return -EINVAL;
	}
	if (!qflag && !given && o->outfile && o->cmd)
		qflag = 1;
	if (qflag == 1)
		q = RN_QUIET_ATTACH | RN_QUIET_PERSONALITY;
	else if (qflag == 2)
		q = RN_QUIET_ATTACH | RN_QUIET_PERSONALITY | RN_QUIET_EXIT;
	else if (qflag > 2)
		q = RN_QUIET__ALL;
	o->quiet = q;
	return 0;
}

/* strace's own refusals, and what renacer cannot do with a combination. */
static int check_combinations(const struct trace_opts *o)
{
	if (o->output_separately && (o->summary_only || o->summary)) {
		rn_cli__error(NULL, "drop -c/-C, or give -f once",
			      "-ff (a file per process) and -c/-C (one table) exclude each other");
		return -EINVAL;
	}
	if (o->output_separately && o->format != RN_TF_TEXT) {
		rn_cli__error(NULL, "give -f once for a trace file of all processes",
			      "-ff writes text files, one per process; the %s format holds all "
			      "processes in one file",
			      rn_tracefile__format_name(o->format));
		return -EINVAL;
	}
	if (o->outfile && (o->outfile[0] == '|' || o->outfile[0] == '!') &&
	    (o->output_separately || o->format != RN_TF_TEXT)) {
		if (o->output_separately)
			rn_cli__error(NULL, "give -f once, or -o FILE",
				      "piping the output and -ff/--output-separately are mutually "
				      "exclusive");
		else
			rn_cli__error(NULL, "pipe the text trace, or give -o FILE",
				      "-o '%s' pipes text; a %s trace goes to a file", o->outfile,
				      rn_tracefile__format_name(o->format));
		return -EINVAL;
	}
	if (o->append && o->format != RN_TF_TEXT) {
		rn_cli__error(NULL, "drop -A, or write text",
			      "-A appends to a text trace; a %s trace file is one whole document",
			      rn_tracefile__format_name(o->format));
		return -EINVAL;
	}
	if ((o->nenv || o->user) && !o->cmd) {
		rn_cli__error(NULL, "they apply to a COMMAND that trace starts",
			      "-E and -u cannot change a running process (-p)");
		return -EINVAL;
	}
	if (o->user && geteuid() != 0) {
		rn_cli__error(NULL, "run renacerctl as root, or drop -u",
			      "-u %s needs root (changing to another user's ids)", o->user);
		return -EPERM;
	}
	return 0;
}

/* strace's warnings for what prints nothing with -c (no lines to put it on), in its order. */
static void warn_no_effect_with_c(const struct trace_opts *o)
{
	const struct {
		bool on;
		char opt;
		const char *name;
	} ignored[] = {
	    {o->ip, 'i', "--instruction-pointer"},
	    {o->stacks & RN_SYM_STACK, 'k', "--stack-traces"},
	    {o->nr_prefix, 'n', "--syscall-number"},
	    {o->relative, 'r', "--relative-timestamps"},
	    {o->tstamp > 0, 't', "--absolute-timestamps"},
	    {o->times, 'T', "--syscall-times"},
	    {o->decode_fds, 'y', "--decode-fds"},
	};

	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		if (ignored[i].on)
			rn_cli__info(NULL, "-%c/%s has no effect with -c/--summary-only",
				     ignored[i].opt, ignored[i].name);
}

/* A look at the options before they are read: errors are JSON when the trace will be. */
static bool wants_json(int argc, char **argv)
{
	const char *outpath = NULL;
	int c, fmt = -1;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, SHORTOPTS, trace_longopts, NULL)) != -1) {
		if (c == 'o')
			outpath = optarg;
		else if (c == OPT_FORMAT)
			fmt = rn_tracefile__parse_format(optarg);
		else if (c == OPT_COMPRESS)
			fmt = RN_TF_BINARY;
	}
	return rn_cli__json_output(fmt, outpath);
}

int tracer__parse_opts(struct tracer *t, int argc, char **argv)
{
	struct trace_opts *o = &t->o;
	char *end;
	long v;
	int c, qflag = 0, yflag = 0, zflags = 0, longindex = 0;
	bool tflag = false;

	if (wants_json(argc, argv))
		rn_cli__set_json("trace");
	o->strsize = RN_FMT_STRSIZE_DEFAULT;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, SHORTOPTS, trace_longopts, &longindex)) != -1) {
		switch (c) {
		case 'f':
			o->output_separately = o->follow; /* -ff */
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
		case 'w': /* what -c always does: enter to exit */
			o->wall_clock = true;
			break;
		case 'S':
			o->sortby = optarg;
			break;
		case 'U':
			o->columns = optarg;
			break;
		case 'i':
			o->ip = true;
			break;
		case 'b':
			if (strcmp(optarg, "execve")) {
				rn_cli__error(NULL, "only execve is",
					      "Syscall '%s' for -b isn't supported", optarg);
				return -EINVAL;
			}
			o->detach_execve = true;
			break;
		case 'O':
			if (trace_overhead(optarg))
				return -EINVAL;
			break;
		case 'T':
			o->times = true;
			break;
		case OPT_SYSCALL_TIMES:
			o->times = true;
			if (trace_precision_opt("syscall-times", optarg, &o->times_prec))
				return -EINVAL;
			break;
		case 't':
			o->tstamp++;
			tflag = true;
			break;
		case OPT_ABS_TIMESTAMPS:
			if (trace_abs_timestamps(o, optarg))
				return -EINVAL;
			break;
		case 'r':
			o->relative = true;
			break;
		case OPT_RELATIVE:
			o->relative = true;
			if (trace_precision_opt("relative-timestamps", optarg, &o->relative_prec))
				return -EINVAL;
			break;
		case 'A':
			o->append = true;
			break;
		case OPT_OUTPUT_SEPARATELY:
			o->output_separately = true;
			break;
		case OPT_STRINGS_IN_HEX:
			if (trace_strings_in_hex(o, optarg))
				return -EINVAL;
			break;
		case OPT_SECCOMP_BPF:
			o->seccomp_bpf = true;
			break;
		case 'V':
			exit(do_version(0, NULL));
		case 'X':
			if (strcmp(optarg, "abbrev"))
				return trace_refuse(c);
			break;
		case 'D':
		case 'I':
		case 'Y':
		case OPT_DECODE_PIDS:
		case OPT_SECONTEXT:
		case OPT_TIPS:
			return trace_refuse(c);
		case OPT_QUALIFIER:
			if (qualifier(t, trace_longopts[longindex].name, optarg))
				return -EINVAL;
			break;
		case 'n':
			o->nr_prefix = true;
			break;
		case 'q':
			qflag++;
			break;
		case 'z':
		case 'Z':
			zflags++;
			if (add_expr(t->filter, "status=", c == 'z' ? "successful" : "failed"))
				return -EINVAL;
			break;
		case 'a':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 0 || v > 1000) {
				rn_cli__error(NULL, "give a column from 0 to 1000",
					      "invalid -a '%s'", optarg);
				return -EINVAL;
			}
			o->column = (unsigned)v;
			o->column_set = true;
			break;
		case 'x':
			o->hex++;
			break;
		case 'y':
			yflag++;
			break;
		case OPT_DECODE_FDS:
			if (trace_decode_fds(o, optarg))
				return -EINVAL;
			break;
		case 'E':
			if (o->nenv == MAX_ENV_OPTS) {
				rn_cli__error(NULL, NULL, "too many -E (at most %d)", MAX_ENV_OPTS);
				return -E2BIG;
			}
			if (!optarg[0] || optarg[0] == '=') {
				rn_cli__error(NULL,
					      "give VAR=VALUE to set VAR, or VAR to remove it",
					      "invalid -E '%s'", optarg);
				return -EINVAL;
			}
			o->env[o->nenv++] = optarg;
			break;
		case 'u':
			o->user = optarg;
			break;
		case OPT_SOURCE:
			o->stacks |= RN_SYM_SOURCE;
			break;
		case 'k':
			o->stacks |= RN_SYM_STACK;
			break;
		case 'P':
			if (o->npaths == MAX_PATH_OPTS) {
				rn_cli__error(NULL, NULL, "too many -P (at most %d)",
					      MAX_PATH_OPTS);
				return -E2BIG;
			}
			o->paths_given[o->npaths] = optarg;
			o->paths[o->npaths] = resolve_path(optarg, o->npaths);
			o->npaths++;
			break;
		case 'd':
			rn_log_level = RN_LOG_DEBUG;
			break;
		case 's':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 0 || v > STRSIZE_MAX) {
				rn_cli__error(NULL,
					      "give a byte count from 0 to " RN_STR(STRSIZE_MAX),
					      "invalid -s '%s'", optarg);
				return -EINVAL;
			}
			o->strsize = (unsigned)v;
			break;
		case 'p':
			if (trace_parse_pids(o, optarg))
				return -EINVAL;
			break;
		case 'e':
			if (qualifier(t, NULL, optarg))
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
				rn_cli__error(NULL, "use text, json, jsonl or binary",
					      "unknown --format '%s'", optarg);
				return -EINVAL;
			}
			o->format_set = true;
			break;
		case OPT_COMPRESS:
			o->format = RN_TF_BINARY;
			o->format_set = true;
			break;
		case OPT_CAPTURE:
			o->capture = RN_CAPTURE_MAX;
			if (optarg) {
				size_t bytes;

				if (trace_parse_size(optarg, &bytes) || bytes < 1 ||
				    bytes > RN_CAPTURE_MAX) {
					char hint[32];

					snprintf(hint, sizeof(hint), "give 1 to %u bytes",
						 RN_CAPTURE_MAX);
					rn_cli__error(NULL, hint, "invalid --capture-data '%s'",
						      optarg);
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
				rn_cli__error(NULL, NULL, "too many --record-env (at most %d)",
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
		case OPT_ASSERT:
			o->assert_config = optarg;
			break;
		case OPT_SOCKET:
			o->socket = optarg;
			break;
		case OPT_OTLP:
			o->otlp = true;
			o->otlp_opts.url = optarg;
			break;
		case OPT_OTLP_SPANS:
			o->otlp = true;
			o->otlp_opts.spans = optarg;
			break;
		case OPT_OTLP_HEADER:
			if (o->otlp_opts.nheaders == RN_OTLP_MAX_KV) {
				rn_cli__error(NULL, NULL, "too many --otlp-header (at most %d)",
					      RN_OTLP_MAX_KV);
				return -E2BIG;
			}
			o->otlp_headers[o->otlp_opts.nheaders++] = optarg;
			o->otlp_opts.headers = o->otlp_headers;
			break;
		case OPT_OTLP_FLUSH:
			o->otlp_opts.flush = optarg;
			break;
		case OPT_BUFFER_SIZE:
			if (trace_parse_size(optarg, &o->ring_bytes) || o->ring_bytes < RING_MIN ||
			    (o->ring_bytes & (o->ring_bytes - 1))) {
				rn_cli__error(
				    NULL,
				    "give a power of two of at least " RN_STR(RING_MIN) ", e.g. 4M",
				    "invalid --buffer-size '%s'", optarg);
				return -EINVAL;
			}
			break;
		case 'h':
			trace_usage(stdout);
			exit(0);
		case 'v':
			if (add_expr(t->filter, "abbrev=", "none"))
				return -EINVAL;
			break;
		case OPT_QUIET:
			if (!optarg) { /* --quiet: -q */
				qflag++;
				break;
			}
			/* fall through */
		case OPT_ABBREV:
		case OPT_VERBOSE:
			if (add_expr(t->filter,
				     c == OPT_ABBREV	? "abbrev="
				     : c == OPT_VERBOSE ? "verbose="
							: "quiet=",
				     optarg))
				return -EINVAL;
			break;
		case ':':
			rn_cli__error(NULL, SEE_HELP, "option '%s' needs a value",
				      argv[optind - 1]);
			return -EINVAL;
		default:
			if (optopt) {
				rn_cli__error(NULL, SEE_HELP, "unknown option -%c", optopt);
			} else if (!trace_ambiguous(argv[optind - 1])) {
				const char *guess = trace_suggest_option(argv[optind - 1]);
				char hint[128];

				snprintf(hint, sizeof(hint), "did you mean --%s? " SEE_HELP,
					 guess ? guess : "");
				rn_cli__error(NULL, guess ? hint : SEE_HELP, "unknown option '%s'",
					      argv[optind - 1]);
			}
			return -EINVAL;
		}
	}
	if (optind < argc)
		o->cmd = argv + optind;
	if (zflags > 1)
		rn_cli__info(NULL,
			     "Only the last of -z/--successful-only/-Z/--failed-only options "
			     "will take effect. See status qualifier for more complex filters.");
	if (o->wall_clock && !o->summary_only && !o->summary) {
		rn_cli__error(NULL, "add -c or -C",
			      "-w/--summary-wall-clock must be given with (-c/--summary-only or "
			      "-C/--summary)");
		return -EINVAL;
	}
	if (o->sortby && !o->summary_only && !o->summary)
		rn_cli__info(NULL, "-S/--summary-sort-by has no effect without (-c/--summary-only "
				   "or -C/--summary)");
	if (yflag && o->fds_long) {
		rn_cli__error(NULL, "give one of them",
			      "-y and --decode-fds cannot be provided simultaneously");
		return -EINVAL;
	}
	if (yflag)
		o->decode_fds = yflag == 1 ? RN_FDS_PATH : RN_FDS_ALL;
	if (o->summary_only && !o->summary)
		warn_no_effect_with_c(o);
	if (tflag && o->tstamp_long) {
		rn_cli__error(NULL, "give one of them",
			      "-t and --absolute-timestamps cannot be provided simultaneously");
		return -EINVAL;
	}
	if (set_quiet(t, qflag))
		return -EINVAL;
	for (int i = 0; i < o->npaths; i++)
		if (strcmp(o->paths[i], o->paths_given[i]) && o->paths[i][0] &&
		    !(o->quiet & RN_QUIET_PATH_RESOLUTION))
			rn_cli__info(NULL, "Requested path \"%s\" resolved into \"%s\"",
				     o->paths_given[i], o->paths[i]);
	if (!o->outfile)
		o->output_separately = false; /* strace: -ff without -o is -f */
	if (o->append && !o->outfile)
		rn_cli__info(NULL, "-A/--output-append-mode has no effect without -o/--output");
	if (o->seccomp_bpf && !o->follow)
		rn_cli__info(NULL, "--seccomp-bpf cannot be used without -f/--follow-forks, "
				   "disabling");
	if (!o->cmd && !o->nattach) {
		rn_cli__error(NULL, "give -- COMMAND [ARGS] or -p PID; " SEE_HELP,
			      "nothing to trace");
		return -EINVAL;
	}
	if (o->cmd && o->nattach) {
		rn_cli__error(NULL, NULL, "give either a command or -p PID, not both");
		return -EINVAL;
	}
	if (!o->format_set && o->outfile && o->outfile[0] != '|' && o->outfile[0] != '!' &&
	    rn_tracefile__format_of_path(o->outfile) >= 0)
		o->format = rn_tracefile__format_of_path(o->outfile);
	if (o->format == RN_TF_BINARY && !o->outfile && isatty(STDERR_FILENO)) {
		rn_cli__error(NULL, "it is not for a terminal", "the binary format needs -o FILE");
		return -EINVAL;
	}
	if (!o->capture)
		o->capture = RN_CAPTURE_DEFAULT;
	if (check_combinations(o))
		return -EINVAL;
	if (o->traceparent) {
		char tid[33], sid[17], err[256];

		/* checked in every mode: a value that is ignored would be a silent typo */
		if (rn_traceparent__parse(o->traceparent, tid, sid, err, sizeof(err))) {
			rn_cli__error(NULL,
				      "the format is 00-<32 hex>-<16 hex>-<2 hex>, e.g. "
				      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
				      "--trace-parent: %s", err);
			return -EINVAL;
		}
	} else {
		o->traceparent = getenv("TRACEPARENT");
	}
	if (o->columns) {
		char err[256];

		if (!o->summary_only && !o->summary) {
			rn_cli__error(NULL, "add -c or -C",
				      "-U/--summary-columns must be given with (-c/--summary-only "
				      "or -C/--summary)");
			return -EINVAL;
		}
		if (rn_summary__set_columns(t->sum, o->columns, err, sizeof(err))) {
			rn_cli__error(NULL,
				      "columns: time-percent, total-time, min-time, max-time, "
				      "avg-time, calls, errors, name",
				      "%s", err);
			return -EINVAL;
		}
	}
	if (o->sortby && rn_summary__set_sort(t->sum, o->sortby)) {
		rn_cli__error(NULL, "use time, calls, errors, name or nothing", "invalid -S '%s'",
			      o->sortby);
		return -EINVAL;
	}
	return 0;
}
