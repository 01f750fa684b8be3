// SPDX-License-Identifier: MIT
/* renacerctl trace's option names (trace_optnames.h); trace_opts.c parses with them. */
#include "trace_optnames.h"

#include <errno.h>
#include <string.h>

#include "defaults.h"
#include "engine.h"
#include "filter.h"
#include "format.h"
#include "report.h"

const struct option trace_longopts[] = {
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

void trace_usage(FILE *f)
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

int trace_refuse(int code)
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
const char *trace_suggest_option(const char *arg)
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
	for (const struct option *o = trace_longopts; o->name; o++) {
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
bool trace_ambiguous(const char *arg)
{
	char list[512] = "";
	size_t len, used = 0;
	const struct option *first = NULL;
	bool differ = false;

	if (strncmp(arg, "--", 2))
		return false;
	len = strcspn(arg + 2, "=");
	for (const struct option *o = trace_longopts; o->name; o++) {
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
