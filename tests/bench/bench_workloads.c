// SPDX-License-Identifier: MIT
/* What `make bench` runs: the tracers, the workloads each is run on, the per-call kinds. */
#include <limits.h>
#include <stddef.h>

#include "bench.h"

/*
 * {B} build dir, {O} this run's trace file, {S} renacerd's socket, {I} a reader's input,
 * {U} the URL of this run's OTLP receiver (F_OTLP).
 */
const struct tracer tracers[] = {
    [T_UNTRACED] = {"untraced", NULL, {NULL}, 0, NULL},
    [T_OTHER_PID] = {"BPF attached, other pid traced", NULL, {NULL}, F_OTHER | F_ASIDE, NULL},
    /* an idle daemon must leave the host alone (its programs detached) */
    [T_IDLE_DAEMON] = {"renacerd running, no session", NULL, {NULL}, F_DAEMON | F_ASIDE, NULL},
    /* the floor for the row "BPF attached, other pid traced" */
    [T_EMPTY_PROGS] =
	{"empty programs on sys_enter/sys_exit", NULL, {NULL}, F_EMPTY | F_ASIDE, NULL},
    [T_RN_FILTERED] = {"renacerctl -f -e trace=close (calls filtered in BPF)",
		       ".txt",
		       {"{B}/renacerctl", "trace", "--embedded", "-f", "-e", "trace=close", "-o",
			"{O}", "--"},
		       F_RENACER,
		       NULL},
    [T_RN_C] = {"renacerctl -f -c",
		".sum",
		{"{B}/renacerctl", "trace", "--embedded", "-f", "-c", "-o", "{O}", "--"},
		F_RENACER,
		NULL},
    [T_RN_RNT] = {"renacerctl -f -o .rnt",
		  ".rnt",
		  {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--"},
		  F_RENACER,
		  NULL},
    [T_RN_TEXT] = {"renacerctl -f -o .txt",
		   ".txt",
		   {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--"},
		   F_RENACER,
		   NULL},
    [T_RN_JSON] = {"renacerctl -f -o .json",
		   ".json",
		   {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--"},
		   F_RENACER | F_SLOW,
		   NULL},
    [T_RN_JSONL] = {"renacerctl -f -o .jsonl",
		    ".jsonl",
		    {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--"},
		    F_RENACER | F_SLOW,
		    NULL},
    [T_RN_SOURCE] = {"renacerctl -f --source -o .txt",
		     ".txt",
		     {"{B}/renacerctl", "trace", "--embedded", "-f", "--source", "-o", "{O}", "--"},
		     F_RENACER,
		     NULL},
    [T_RN_STACK] = {"renacerctl -f -k -o .txt",
		    ".txt",
		    {"{B}/renacerctl", "trace", "--embedded", "-f", "-k", "-o", "{O}", "--"},
		    F_RENACER,
		    NULL},
    [T_RN_DAEMON] = {"renacerd + renacerctl -f -o .txt",
		     ".txt",
		     {"{B}/renacerctl", "trace", "--daemon", "--socket", "{S}", "-f", "-o", "{O}",
		      "--"},
		     F_RENACER | F_DAEMON,
		     NULL},
    [T_STRACE] = {"strace -f -o .txt", ".txt", {"strace", "-f", "-o", "{O}", "--"}, F_SLOW, NULL},
    [T_STRACE_C] =
	{"strace -f -c", ".sum", {"strace", "-f", "-c", "-o", "{O}", "--"}, F_SLOW, NULL},
    [T_PERF] = {"perf trace -o .txt",
		".txt",
		{"perf", "trace", "-o", "{O}", "--"},
		F_SLOW | F_OPTIONAL,
		NULL},
    [T_SHOW_RNT] =
	{"renacerctl show .rnt", NULL, {"{B}/renacerctl", "show", "{I}"}, F_READER, ".rnt"},
    [T_SUMMARY_RNT] =
	{"renacerctl summary .rnt", NULL, {"{B}/renacerctl", "summary", "{I}"}, F_READER, ".rnt"},
    [T_SHOW_JSON] = {"renacerctl show .json",
		     NULL,
		     {"{B}/renacerctl", "show", "{I}"},
		     F_READER | F_SLOW,
		     ".json"},
    [T_SUMMARY_JSON] = {"renacerctl summary .json",
			NULL,
			{"{B}/renacerctl", "summary", "{I}"},
			F_READER | F_SLOW,
			".json"},
    [T_COMPARE] =
	{"renacerctl compare", NULL, {"{B}/renacerctl", "compare", "{I}", "{I}"}, F_READER, ".rnt"},
    [T_CHECK] = {"renacerctl check", NULL, {NULL}, F_NOTYET, NULL},
    /* against "renacerctl -f -o .txt" of the same workload: the cost of the export */
    [T_RN_OTLP] = {"renacerctl -f -o .txt --otlp (default policy)",
		   ".txt",
		   {"{B}/renacerctl", "trace", "--embedded", "-f", "-o", "{O}", "--otlp", "{U}",
		    "--"},
		   F_RENACER | F_OTLP,
		   NULL},
    /* waits for room in its queue: the rate is the receiver's (Node) or renacerctl's */
    [T_OTLP_EXPORT] = {"renacerctl export .rnt --otlp-spans all",
		       NULL,
		       {"{B}/renacerctl", "export", "{I}", "--otlp", "{U}", "--otlp-spans", "all"},
		       F_READER | F_OTLP | F_SLOW,
		       ".rnt"},
    /* issue 14: every process aggregated in the kernel (against untraced, empty programs) */
    [T_RN_COLD] = {"renacerctl -f -o .txt, programs not pinned (verified at each start)",
		   ".txt",
		   {"env", "RENACER_BPF_PIN_DIR=", "{B}/renacerctl", "trace", "--embedded", "-f",
		    "-o", "{O}", "--"},
		   F_RENACER,
		   NULL},
    [T_SYSWIDE] =
	{"renacerd --system-wide, no session", NULL, {NULL}, F_DAEMON | F_SYSWIDE | F_ASIDE, NULL},
    /* issue 16: a selective query skips the index's blocks that cannot match */
    [T_QUERY_WHOLE] = {"renacerctl summary .rnt (whole)",
		       NULL,
		       {"{B}/renacerctl", "summary", "{I}"},
		       F_READER,
		       ".10m.rnt"},
    [T_QUERY_OPENAT] = {"renacerctl summary -e trace=openat .rnt (selective)",
			NULL,
			{"{B}/renacerctl", "summary", "-e", "trace=openat", "{I}"},
			F_READER,
			".10m.rnt"},
    [T_QUERY_WINDOW] = {"renacerctl summary --since 1s --until 1.05s .rnt (selective)",
			NULL,
			{"{B}/renacerctl", "summary", "--since", "1s", "--until", "1.05s", "{I}"},
			F_READER,
			".10m.rnt"},
};

#define STORM_PAIRS	"5000000" /* 10M calls */
#define STORM_PAIRS_1M	"500000"  /* 1M calls */
#define STORM4_PAIRS	"1250000" /* per thread: 4 x 2 x 1.25M = 10M calls */
#define STORM4_PAIRS_1M "125000"

#define ALL_TRACERS                                                                                \
	T_UNTRACED, T_SYSWIDE, T_RN_C, T_RN_RNT, T_RN_TEXT, T_RN_OTLP, T_RN_DAEMON, T_STRACE,      \
	    T_STRACE_C, T_PERF, T_RN_SOURCE, T_RN_STACK, T_END

const struct workload workloads[] = {
    {"storm 10M (1 thread)",
     {"{B}/fixtures/storm", STORM_PAIRS},
     10000000,
     false,
     true, /* its .rnt for the selective queries */
     {T_UNTRACED, T_IDLE_DAEMON, T_RN_C, T_RN_RNT, T_RN_TEXT, T_RN_DAEMON, T_END}},
    {"storm 1M (1 thread)",
     {"{B}/fixtures/storm", STORM_PAIRS_1M},
     1000000,
     true,
     true,
     {T_UNTRACED, T_OTHER_PID, T_EMPTY_PROGS, T_IDLE_DAEMON, T_SYSWIDE, T_RN_FILTERED, T_RN_C,
      T_RN_RNT, T_RN_TEXT, T_RN_OTLP, T_RN_JSON, T_RN_JSONL, T_RN_SOURCE, T_RN_STACK, T_STRACE,
      T_STRACE_C, T_PERF, T_END}},
    {"storm 10M (4 threads)",
     {"{B}/fixtures/threads", STORM4_PAIRS},
     10000000,
     false,
     false,
     {T_UNTRACED, T_RN_C, T_RN_RNT, T_RN_TEXT, T_RN_DAEMON, T_END}},
    {"storm 1M (4 threads)",
     {"{B}/fixtures/threads", STORM4_PAIRS_1M},
     1000000,
     true,
     false,
     {T_UNTRACED, T_RN_RNT, T_STRACE, T_STRACE_C, T_PERF, T_END}},
    /* the renacerctl rows reuse pinned programs after their first run; T_RN_COLD does not */
    {"/bin/true (startup and teardown only)",
     {"/bin/true"},
     0,
     false,
     false,
     {T_UNTRACED, T_SYSWIDE, T_RN_C, T_RN_RNT, T_RN_TEXT, T_RN_COLD, T_RN_OTLP, T_RN_DAEMON,
      T_STRACE, T_STRACE_C, T_PERF, T_RN_SOURCE, T_RN_STACK, T_END}},
    {"python3 -c pass x20",
     {"/bin/sh", "-c", "i=0; while [ $i -lt 20 ]; do /usr/bin/python3 -c pass; i=$((i + 1)); done"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"find /usr/share -name '*.h' -newer /etc/hostname",
     {"find", "/usr/share", "-name", "*.h", "-newer", "/etc/hostname"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"tar cf /dev/null /usr/include",
     {"tar", "-C", "/", "-cf", "/dev/null", "usr/include"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"gcc -O2 -c tests/bench/compile_fixture.c",
     {"gcc", "-O2", "-c", "tests/bench/compile_fixture.c", "-o", "{T}/compile_fixture.o"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    {"sh -c 'seq 1 200000 | sort -n | uniq -c | wc -l'",
     {"/bin/sh", "-c", "seq 1 200000 | sort -n | uniq -c | wc -l"},
     0,
     false,
     false,
     {ALL_TRACERS}},
    /* issue 14: renacerd --system-wide's own CPU on an idle host (its daemon-cpu column) */
    {"idle host (sleep 10)", {"sleep", "10"}, 0, false, false, {T_UNTRACED, T_SYSWIDE, T_END}},
    /* issue 14: process churn (~2000 short processes): the daemon's memory stays bounded */
    {"2000 x /bin/true (process churn)",
     {"/bin/sh", "-c", "i=0; while [ $i -lt 2000 ]; do /bin/true; i=$((i + 1)); done"},
     0,
     false,
     false,
     {T_UNTRACED, T_SYSWIDE, T_END}},
    /* more processes end within one export interval (10 s) than the model keeps (8192):
     * renacerd makes room for each new one; its CPU stays as in the row above */
    {"12000 x /bin/true (churn past max_processes)",
     {"/bin/sh", "-c", "i=0; while [ $i -lt 12000 ]; do /bin/true; i=$((i + 1)); done"},
     0,
     false,
     false,
     {T_UNTRACED, T_SYSWIDE, T_END}},
    {"storm 1M trace files (readers)",
     {NULL},
     0,
     true,
     false,
     {T_SHOW_RNT, T_SUMMARY_RNT, T_SHOW_JSON, T_SUMMARY_JSON, T_COMPARE, T_CHECK, T_OTLP_EXPORT,
      T_END}},
    {"storm 10M trace file (selective queries)",
     {NULL},
     0,
     false,
     false,
     {T_QUERY_WHOLE, T_QUERY_OPENAT, T_QUERY_WINDOW, T_END}},
};

_Static_assert(sizeof(workloads) / sizeof(workloads[0]) == NWORK, "NWORK: workloads[]");

/*
 * Per-call cost by kind of call (tests/fixtures/callmix): the fixture times its own loop,
 * so the tracer's start-up is left out and the figure is the tracer's cost on that call.
 */
const struct percall_kind percall_kinds[] = {
    {"getppid", 300000},    {"write1", 300000},	 {"read4k", 200000},
    {"open_close", 150000}, {"enoent", 200000},	 {"stat", 200000},
    {"fcntl", 300000},	    {"getdents", 20000}, {"mmap", 150000},
};

_Static_assert(sizeof(percall_kinds) / sizeof(percall_kinds[0]) == NKINDS,
	       "NKINDS: percall_kinds[]");

const char *const percall_tracers[PC_N] = {"untraced", "renacerctl -f -o .rnt",
					   "renacerd + renacerctl -f -o .rnt", "strace -f -o .txt"};
