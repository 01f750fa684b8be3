// SPDX-License-Identifier: MIT
/* renacerctl trace's options and usage, as strace's plus renacer's own. */
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
	OPT_ASSERT,
	OPT_OTLP,
	OPT_OTLP_SPANS,
	OPT_OTLP_HEADER,
	OPT_OTLP_FLUSH,
	OPT_DECODE_FDS,
	OPT_SOURCE,
	OPT_ABBREV,
	OPT_VERBOSE,
	OPT_QUIET,
	OPT_QUALIFIER, /* --signal=SET and the others: -e NAME=SET */
	OPT_ABS_TIMESTAMPS,
	OPT_OUTPUT_SEPARATELY,
	OPT_STRINGS_IN_HEX,
	OPT_SECCOMP_BPF,
	OPT_DECODE_PIDS,
	OPT_SECONTEXT,
	OPT_TIPS,
	OPT_KVM, /* -e kvm=, --kvm= */
	OPT_SYSCALL_TIMES,
	OPT_RELATIVE,
};

#define STRSIZE_MAX 1048576 /* -s: 1 MiB */
#define RING_MIN    4096
#define SEE_HELP    "see renacerctl trace --help"
/* ':' first (after '+'): a missing value is told apart from an unknown option */
#define SHORTOPTS "+:fo:cCwS:Ttrns:p:e:qdhvyzZa:E:u:xP:kAVX:b:DI:iYU:O:"

static const struct option longopts[] = {
    {"follow-forks", no_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"summary-only", no_argument, NULL, 'c'},
    {"summary", no_argument, NULL, 'C'},
    {"summary-sort-by", required_argument, NULL, 'S'},
    {"summary-wall-clock", no_argument, NULL, 'w'},
    {"syscall-times", optional_argument, NULL, OPT_SYSCALL_TIMES},
    {"absolute-timestamps", optional_argument, NULL, OPT_ABS_TIMESTAMPS},
    {"relative-timestamps", optional_argument, NULL, OPT_RELATIVE},
    {"syscall-number", no_argument, NULL, 'n'},
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
    {"assert", required_argument, NULL, OPT_ASSERT},
    {"otlp", required_argument, NULL, OPT_OTLP},
    {"otlp-spans", required_argument, NULL, OPT_OTLP_SPANS},
    {"otlp-header", required_argument, NULL, OPT_OTLP_HEADER},
    {"otlp-flush-timeout", required_argument, NULL, OPT_OTLP_FLUSH},
    {"successful-only", no_argument, NULL, 'z'},
    {"failed-only", no_argument, NULL, 'Z'},
    {"columns", required_argument, NULL, 'a'},
    {"env", required_argument, NULL, 'E'},
    {"user", required_argument, NULL, 'u'},
    {"decode-fds", optional_argument, NULL, OPT_DECODE_FDS},
    {"trace-path", required_argument, NULL, 'P'},
    {"source", no_argument, NULL, OPT_SOURCE},
    {"stack-trace", no_argument, NULL, 'k'},
    {"stack-traces", no_argument, NULL, 'k'},
    {"output-append-mode", no_argument, NULL, 'A'},
    {"output-separately", no_argument, NULL, OPT_OUTPUT_SEPARATELY},
    {"strings-in-hex", optional_argument, NULL, OPT_STRINGS_IN_HEX},
    {"const-print-style", required_argument, NULL, 'X'},
    {"seccomp-bpf", no_argument, NULL, OPT_SECCOMP_BPF},
    {"version", no_argument, NULL, 'V'},
    {"signal", required_argument, NULL, OPT_QUALIFIER},
    {"raw", required_argument, NULL, OPT_QUALIFIER},
    {"read", required_argument, NULL, OPT_QUALIFIER},
    {"write", required_argument, NULL, OPT_QUALIFIER},
    {"inject", required_argument, NULL, OPT_QUALIFIER},
    {"fault", required_argument, NULL, OPT_QUALIFIER},
    {"kvm", required_argument, NULL, OPT_QUALIFIER},
    {"detach-on", required_argument, NULL, 'b'},
    {"daemonize", optional_argument, NULL, 'D'},
    {"interruptible", required_argument, NULL, 'I'},
    {"instruction-pointer", no_argument, NULL, 'i'},
    {"decode-pids", required_argument, NULL, OPT_DECODE_PIDS},
    {"summary-columns", required_argument, NULL, 'U'},
    {"summary-syscall-overhead", required_argument, NULL, 'O'},
    {"secontext", optional_argument, NULL, OPT_SECONTEXT},
    {"tips", optional_argument, NULL, OPT_TIPS},
    /* strace 6.1's other spellings (not in its --help) */
    {"timestamps", optional_argument, NULL, OPT_ABS_TIMESTAMPS},
    {"failing-only", no_argument, NULL, 'Z'},
    {"signals", required_argument, NULL, OPT_QUALIFIER},
    {"silent", optional_argument, NULL, OPT_QUIET},
    {"silence", optional_argument, NULL, OPT_QUIET},
    {"decode-fd", optional_argument, NULL, OPT_DECODE_FDS},
    {"decode-pid", required_argument, NULL, OPT_DECODE_PIDS},
    {"pidns-translation", no_argument, NULL, OPT_DECODE_PIDS},
    {"quiet", optional_argument, NULL, OPT_QUIET},
    {"abbrev", required_argument, NULL, OPT_ABBREV},
    {"verbose", required_argument, NULL, OPT_VERBOSE},
    {"no-abbrev", no_argument, NULL, 'v'},
    {"debug", no_argument, NULL, 'd'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

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
	    "                            an existing FILE is emptied once tracing starts;\n"
	    "                            -o '|CMD' (or '!CMD') pipes the text to sh -c CMD\n"
	    "  -c, --summary-only        count time, calls and errors per syscall; print a table\n"
	    "  -C, --summary             like -c, and print the calls too\n"
	    "  -S, --summary-sort-by=K   sort the table by time (default), min-time, max-time,\n"
	    "                            avg-time, calls, errors, name or nothing\n"
	    "  -U, --summary-columns=C,...  the table's columns: time-percent, total-time,\n"
	    "                            min-time, max-time, avg-time, calls, errors, name\n"
	    "  -w, --summary-wall-clock  accepted: the table's times are always wall-clock, each\n"
	    "                            call's enter to exit (strace -c counts system time)\n"
	    "  -T, --syscall-times[=P]   show the time spent in each call: <0.000012>; P, the\n"
	    "                            precision, is s, ms, us (default) or ns\n"
	    "  -t, -tt, -ttt             prefix lines with wall-clock time (s, us, epoch)\n"
	    "      --absolute-timestamps[=[format:]time|unix|none][,[precision:]s|ms|us|ns]\n"
	    "                            the same with any precision (alone: -t)\n"
	    "  -r, --relative-timestamps[=P]  prefix lines with the time since the previous\n"
	    "                            line (P as -T's)\n"
	    "  -n, --syscall-number      prefix calls with their number: [  59]\n"
	    "  -e trace=SET              only these syscalls: names, %%file %%process %%network\n"
	    "                            %%memory %%signal %%desc %%ipc ..., /regex, !negation\n"
	    "  -e status=SET             only calls that: successful, failed, unfinished ...\n"
	    "      --trace=SET, --status=SET   the same\n"
	    "  -s, --string-limit=N      print at most N bytes of each string (default %u)\n"
	    "  -p, --attach=PID          trace a running process and all its threads; Ctrl-C\n"
	    "                            detaches and the process carries on unharmed\n"
	    "  -z, --successful-only     only calls that succeeded (status=successful)\n"
	    "  -Z, --failed-only         only calls that failed (status=failed)\n"
	    "  -e signal=SET             only these --- SIGxxx --- lines: names, numbers, "
	    "!negation\n"
	    "  -e read=FD, -e write=FD   hex and ASCII dump of all data read from / written to FD\n"
	    "  -e raw=SET                print these calls' arguments undecoded, in hex\n"
	    "  -b, --detach-on=execve    a process that execs leaves the trace (not COMMAND's\n"
	    "                            own start)\n"
	    "  -ff                       with -o FILE: each process's trace in FILE.PID\n"
	    "      --output-separately   FILE.PID without -f too\n"
	    "  -A, --output-append-mode  append to -o FILE (and FILE.PID) instead of emptying "
	    "it\n"
	    "  -q, --quiet               no `Process N attached/detached` messages;\n"
	    "                            -qq: no `+++ exited with N +++` lines either\n"
	    "  -e quiet=SET, --quiet=SET leave out these messages: attach, exit,\n"
	    "                            path-resolution, personality, thread-execve\n"
	    "  -a, --columns=N           align the results at column N (default 40)\n"
	    "  -x                        print non-ASCII strings in hex; -xx: all strings\n"
	    "      --strings-in-hex[=non-ascii|all|none]  the same (alone: all)\n"
	    "  -X abbrev                 constants by name, strace's default (raw and verbose\n"
	    "                            are refused)\n"
	    "  -y, --decode-fds          print the paths of descriptors: read(3</etc/passwd>, "
	    "...);\n"
	    "                            -yy: socket endpoints too: <TCP:[1.2.3.4:5->6.7.8.9:10]>\n"
	    "  -P, --trace-path=PATH     only calls that touch PATH (by name or descriptor)\n"
	    "  -i, --instruction-pointer print the user instruction pointer of each call:\n"
	    "                            [00007f24a6f80409] (after an execve: the new image's)\n"
	    "  -k, --stack-traces        print the stack under each call (needs debug info for\n"
	    "                            names and lines; docs/stacks.md)\n"
	    "      --source              print the program's own line that made each call:\n"
	    "                            write(1, \"hi\\n\", 3) = 3 [hello.c:12 main]\n"
	    "  -E, --env=VAR=VAL         run COMMAND with VAR=VAL in its environment; -E VAR\n"
	    "                            removes VAR (repeatable)\n"
	    "  -u, --user=USER           run COMMAND as USER (its uid, gid and groups; needs "
	    "root)\n"
	    "  -v, --no-abbrev           structures in full: stat's every field, execve's\n"
	    "                            environment, uname's every string (-e abbrev=none)\n"
	    "  -e abbrev=SET             the calls whose structures are abbreviated (default all)\n"
	    "  -e verbose=SET            the calls whose structures are decoded; the others\n"
	    "                            print pointers (default all)\n"
	    "      --signal=SET, --raw=SET, --read=SET, --write=SET, --inject=SET, --fault=SET\n"
	    "                            the same as -e NAME=SET\n"
	    "      --seccomp-bpf         accepted: renacer filters in the kernel already (with\n"
	    "                            -f, as strace's; without it, disabled as strace says)\n"
	    "  -V, --version             print renacerctl's version\n"
	    "Refused with the reason (renacer's design, or not done yet; docs/strace-options.md):\n"
	    "  -D -I -Y, -O but 0, -X raw|verbose, --decode-pids, --secontext, --tips,\n"
	    "  --strings-in-hex=non-ascii-chars\n\n"
	    "Golden trace files:\n"
	    "      --format=FMT          text (default), json, jsonl or binary; -o FILE.json,\n"
	    "                            .jsonl or .rnt picks it too. --compress = binary\n"
	    "      --capture-data[=N]    bytes of each buffer kept in trace files (default %u,\n"
	    "                            without N: %u); text output keeps -s bytes\n"
	    "      --trace-parent=TP     W3C traceparent the trace joins (default: $TRACEPARENT)\n"
	    "      --no-propagate        do not give the command TRACEPARENT of its own span\n"
	    "      --record-env=NAME     record NAME's value from the environment (repeatable)\n"
	    "      --assert=CONFIG       evaluate CONFIG's [[assertion]] tables (renacer.toml,\n"
	    "                            docs/assertions.md) on this run; the report goes to\n"
	    "                            stderr, and an enforced failure makes the status 1\n"
	    "      --otlp=URL            also send the trace as OpenTelemetry spans over "
	    "OTLP/gRPC\n"
	    "                            (http:// or https://HOST:4317; docs/otlp.md)\n"
	    "      --otlp-spans=POLICY   syscall spans: all, none, slow (default, >= 10ms) or\n"
	    "                            slow=DURATION\n"
	    "      --otlp-header=K=V     gRPC metadata for the export (repeatable)\n"
	    "      --otlp-flush-timeout=DUR  the most the end waits for the receiver (5s)\n"
	    "With a JSON format, renacerctl's own errors are JSON too: one object a line on\n"
	    "stderr, {\"error\": {\"command\": ..., \"message\": ..., \"hint\": ...}}.\n\n"
	    "renacer's own:\n"
	    "      --buffer-size=BYTES   ring buffer size, a power of two (K/M/G suffixes;\n"
	    "                            default %uM), shared out among one ring per CPU.\n"
	    "                            Lost events are reported at the end. Through\n"
	    "                            renacerd it does not apply (ring_size in its config).\n"
	    "      --embedded            trace in this process even when renacerd runs\n"
	    "      --daemon              trace through renacerd only (fail if it is not there)\n"
	    "      --socket=PATH         renacerd's socket (default $RENACER_SOCKET, else\n"
	    "                            %s)\n"
	    "  -d, --debug               show renacer's debug messages and the BPF loader's\n"
	    "  -h, --help                show this help\n\n"
	    "Requirements: Linux with BTF (/sys/kernel/btf/vmlinux); root, or CAP_BPF and\n"
	    "CAP_PERFMON.\n",
	    RN_FMT_STRSIZE_DEFAULT, RN_CAPTURE_DEFAULT, RN_CAPTURE_MAX, RN_RING_DEFAULT >> 20,
	    RENACER_DEFAULT_SOCKET);
}

/*
 * strace 6.1's options that renacer does not take: each is refused with why (renacer's
 * design, or what is not done yet) and what to use instead, never ignored nor "unknown".
 */
static const struct refusal {
	int code; /* what getopt_long returns for it */
	const char *name;
	const char *why;
	const char *instead;
} refusals[] = {
    {'D', "-D/--daemonize",
     "not implemented: renacerctl starts COMMAND as its own child, as strace without -D "
     "does; running renacerctl as a detached grandchild (COMMAND the caller's child), or in "
     "a process group or session of its own, is not",
     "start COMMAND yourself and attach to it with -p PID"},
    {'I', "-I/--interruptible",
     "renacer never stops the traced process (eBPF, no ptrace): there is no ptrace stop for "
     "-I to shield from signals",
     "drop -I"},
    {'Y', "-Y/--decode-pids",
     "not implemented: renacer prints pids without command names or pid namespaces",
     "a JSON trace (--format=json) records each process's argv and exe"},
    {OPT_DECODE_PIDS, "--decode-pids",
     "not implemented: renacer prints pids without command names or pid namespaces",
     "a JSON trace (--format=json) records each process's argv and exe"},
    {'X', "-X/--const-print-style",
     "only abbrev is implemented: renacer prints constants and flags by name, as strace's "
     "default does",
     "drop -X, or give -X abbrev; -e raw=SET prints a call's arguments as numbers"},
    {'O', "-O/--summary-syscall-overhead",
     "renacer times each call in the kernel at its enter and exit: there is no tracer "
     "overhead per call to subtract (-O 0 is accepted)",
     "drop -O"},
    {OPT_STRINGS_IN_HEX, "--strings-in-hex=non-ascii-chars",
     "not implemented: renacer escapes non-printable bytes in octal, as strace's default does",
     "drop it, or use -x (non-ascii) or -xx (all)"},
    {OPT_SECONTEXT, "--secontext",
     "renacer does not read SELinux contexts (strace 6.1 on Debian is built without them "
     "too)",
     "drop --secontext"},
    {OPT_KVM, "-e kvm=",
     "not implemented: strace reads each KVM_RUN's exit reason from the vcpu's kvm_run "
     "structure mapped in the traced process, which renacer does not capture",
     "-e trace=ioctl shows the KVM_RUN calls"},
    {OPT_TIPS, "--tips", "renacer has no tips to show at exit",
     "see renacerctl trace --help and docs/cli.md"},
};

static int refuse(int code)
{
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (refusals[i].code == code) {
			rn_cli__error(NULL, refusals[i].instead, "%s is not supported: %s",
				      refusals[i].name, refusals[i].why);
			return -EOPNOTSUPP;
		}
	return -EINVAL;
}

/* The long option closest to a mistyped one (--stack-trces, --summary-only=x), or NULL. */
static const char *suggest_option(const char *arg)
{
	char name[64];
	const char *best = NULL;
	unsigned best_d = 3, d;
	size_t len;

	if (strncmp(arg, "--", 2))
		return NULL;
	arg += 2;
	len = strcspn(arg, "=");
	if (!len || len >= sizeof(name))
		return NULL;
	memcpy(name, arg, len);
	name[len] = '\0';
	for (const struct option *o = longopts; o->name; o++) {
		d = rn_filter__edit_distance(name, o->name);
		if (!strncmp(o->name, name, len))
			d = 1; /* an ambiguous prefix: the first one it starts */
		if (d < best_d && d < len) {
			best_d = d;
			best = o->name;
		}
	}
	return best;
}

/*
 * getopt_long's refusal of a prefix of several long options, in glibc's (and strace's)
 * words: "option '--summ' is ambiguous; possibilities: '--summary-only' '--summary' ...".
 */
static bool ambiguous(const char *arg)
{
	char list[512] = "";
	size_t len, used = 0;
	const struct option *first = NULL;
	bool differ = false;

	if (strncmp(arg, "--", 2))
		return false;
	len = strcspn(arg + 2, "=");
	for (const struct option *o = longopts; o->name; o++) {
		if (strncmp(o->name, arg + 2, len))
			continue;
		if (strlen(o->name) == len)
			return false; /* an exact match is never ambiguous */
		if (first && (o->has_arg != first->has_arg || o->val != first->val))
			differ = true;
		if (!first)
			first = o;
		if (used < sizeof(list))
			used +=
			    (size_t)snprintf(list + used, sizeof(list) - used, " '--%s'", o->name);
	}
	if (!differ)
		return false;
	rn_cli__error(NULL, SEE_HELP, "option '%s' is ambiguous; possibilities:%s", arg, list);
	return true;
}

static const struct {
	const char *name;
	unsigned prec; /* 1 + digits after the second */
} precisions[] = {{"s", 1}, {"ms", 4}, {"us", 7}, {"ns", 10}};

static unsigned parse_precision(const char *s)
{
	for (size_t i = 0; i < sizeof(precisions) / sizeof(precisions[0]); i++)
		if (!strcmp(s, precisions[i].name))
			return precisions[i].prec;
	return 0;
}

/* -O OVERHEAD[UNIT]: strace subtracts it from each call; renacer has none, so only 0 is taken. */
static int overhead(const char *arg)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || v < 0 ||
	    (*end && strcmp(end, "s") && strcmp(end, "ms") && strcmp(end, "us") &&
	     strcmp(end, "ns"))) {
		rn_cli__error(NULL, "give a number with s, ms, us or ns",
			      "invalid -O argument: '%s'", arg);
		return -EINVAL;
	}
	return v == 0 ? 0 : refuse('O');
}

/* --relative-timestamps=PREC, --syscall-times=PREC: strace's message when PREC is not one. */
static int precision_opt(const char *opt, const char *arg, unsigned *prec)
{
	if (!arg)
		return 0;
	*prec = parse_precision(arg);
	if (*prec)
		return 0;
	rn_cli__error(NULL, "give s, ms, us or ns", "invalid --%s argument: '%s'", opt, arg);
	return -EINVAL;
}

/* --absolute-timestamps=[[format:]none|time|unix][,[precision:]s|ms|us|ns], as strace's. */
static int abs_timestamps(struct trace_opts *o, const char *arg)
{
	char *copy, *tok, *save = NULL;
	unsigned tstamp = 1, prec = 1;
	int err = 0;

	o->tstamp_long = true;
	if (!arg) {
		o->tstamp = 1;
		return 0;
	}
	copy = strdup(arg);
	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		bool fmt = !strncmp(tok, "format:", 7), pre = !strncmp(tok, "precision:", 10);
		const char *v = fmt ? tok + 7 : pre ? tok + 10 : tok;

		if (!pre && !strcmp(v, "none"))
			tstamp = 0;
		else if (!pre && !strcmp(v, "time"))
			tstamp = 1;
		else if (!pre && !strcmp(v, "unix"))
			tstamp = 3;
		else if (!fmt && parse_precision(v))
			prec = parse_precision(v);
		else
			err = -EINVAL;
	}
	if (err)
		rn_cli__error(NULL,
			      "give [format:]none|time|unix and/or [precision:]s|ms|us|ns, "
			      "e.g. unix,ms",
			      "invalid --absolute-timestamps argument: '%s'", arg);
	o->tstamp = tstamp;
	o->tstamp_prec = prec;
	free(copy);
	return err;
}

/* --strings-in-hex[=none|non-ascii|all]: -x's levels. */
static int strings_in_hex(struct trace_opts *o, const char *arg)
{
	static const char *const levels[] = {"none", "non-ascii", "all"};

	if (!arg) {
		o->hex = 2;
		return 0;
	}
	for (unsigned i = 0; i < 3; i++)
		if (!strcmp(arg, levels[i])) {
			o->hex = i;
			return 0;
		}
	if (!strcmp(arg, "non-ascii-chars"))
		return refuse(OPT_STRINGS_IN_HEX);
	rn_cli__error(NULL, "give none, non-ascii or all",
		      "invalid --strings-in-hex argument: '%s'", arg);
	return -EINVAL;
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
			rn_cli__error(NULL, "give a positive number", "invalid process id '%s'",
				      tok);
			err = -EINVAL;
			break;
		}
		if (o->nattach == MAX_ATTACH) {
			rn_cli__error(NULL, NULL, "too many -p (at most %d processes)", MAX_ATTACH);
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
		rn_cli__error(NULL, NULL, "%s", err[0] ? err : "invalid -e expression");
		return -EINVAL;
	}
	return 0;
}

/* --decode-fds[=SET], -e decode-fds=SET: path, socket, dev, pidfd, all, none; !SET. */
static int decode_fds(struct trace_opts *o, const char *arg)
{
	static const struct {
		const char *name;
		unsigned show;
	} names[] = {{"path", RN_FDS_PATH},   {"socket", RN_FDS_SOCKET}, {"dev", RN_FDS_DEV},
		     {"pidfd", RN_FDS_PIDFD}, {"all", RN_FDS_ALL},	 {"none", 0}};
	const char *tok = arg && arg[0] == '!' ? arg + 1 : arg;
	unsigned show = 0;

	o->fds_long = true;
	if (!arg) {
		o->decode_fds = RN_FDS_PATH;
		return 0;
	}
	for (;;) {
		size_t len = strcspn(tok, ","), i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == len && !strncmp(tok, names[i].name, len))
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			rn_cli__error(NULL, "use path, socket, dev, pidfd, all or none",
				      "invalid decode-fds '%s'", arg);
			return -EINVAL;
		}
		show |= names[i].show;
		if (!tok[len])
			break;
		tok += len + 1;
	}
	o->decode_fds = arg[0] == '!' ? RN_FDS_ALL & ~show : show;
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
		return decode_fds(&t->o, strchr(arg, '=') + 1);
	if (!strncmp(arg, "decode-pids=", 12) || !strncmp(arg, "decode-pid=", 11))
		return refuse(OPT_DECODE_PIDS);
	if (!strncmp(arg, "secontext=", 10))
		return refuse(OPT_SECONTEXT);
	if (!strncmp(arg, "kvm=", 4))
		return refuse(OPT_KVM);
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
	while ((c = getopt_long(argc, argv, SHORTOPTS, longopts, NULL)) != -1) {
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
	while ((c = getopt_long(argc, argv, SHORTOPTS, longopts, &longindex)) != -1) {
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
			if (overhead(optarg))
				return -EINVAL;
			break;
		case 'T':
			o->times = true;
			break;
		case OPT_SYSCALL_TIMES:
			o->times = true;
			if (precision_opt("syscall-times", optarg, &o->times_prec))
				return -EINVAL;
			break;
		case 't':
			o->tstamp++;
			tflag = true;
			break;
		case OPT_ABS_TIMESTAMPS:
			if (abs_timestamps(o, optarg))
				return -EINVAL;
			break;
		case 'r':
			o->relative = true;
			break;
		case OPT_RELATIVE:
			o->relative = true;
			if (precision_opt("relative-timestamps", optarg, &o->relative_prec))
				return -EINVAL;
			break;
		case 'A':
			o->append = true;
			break;
		case OPT_OUTPUT_SEPARATELY:
			o->output_separately = true;
			break;
		case OPT_STRINGS_IN_HEX:
			if (strings_in_hex(o, optarg))
				return -EINVAL;
			break;
		case OPT_SECCOMP_BPF:
			o->seccomp_bpf = true;
			break;
		case 'V':
			exit(do_version(0, NULL));
		case 'X':
			if (strcmp(optarg, "abbrev"))
				return refuse(c);
			break;
		case 'D':
		case 'I':
		case 'Y':
		case OPT_DECODE_PIDS:
		case OPT_SECONTEXT:
		case OPT_TIPS:
			return refuse(c);
		case OPT_QUALIFIER:
			if (qualifier(t, longopts[longindex].name, optarg))
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
			if (decode_fds(o, optarg))
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
			if (parse_pids(o, optarg))
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

				if (parse_size(optarg, &bytes) || bytes < 1 ||
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
			if (parse_size(optarg, &o->ring_bytes) || o->ring_bytes < RING_MIN ||
			    (o->ring_bytes & (o->ring_bytes - 1))) {
				rn_cli__error(
				    NULL,
				    "give a power of two of at least " RN_STR(RING_MIN) ", e.g. 4M",
				    "invalid --buffer-size '%s'", optarg);
				return -EINVAL;
			}
			break;
		case 'h':
			usage(stdout);
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
			} else if (!ambiguous(argv[optind - 1])) {
				const char *guess = suggest_option(argv[optind - 1]);
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
