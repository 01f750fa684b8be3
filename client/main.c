// SPDX-License-Identifier: MIT
/* renacerctl: a table of subcommands, each a do_<verb> in its own file. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "log.h"
#include "report.h"

static int do_help(int argc, char **argv);

static const struct cmd cmds[] = {
    {"trace", do_trace, "trace a command or a running process, like strace"},
    {"show", do_show, "print a trace file (JSON, JSON Lines, binary) as strace text"},
    {"summary", do_summary, "the -c table, or --critical-path, of a trace file"},
    {"convert", do_convert, "convert a trace file to another format"},
    {"flamegraph", do_flamegraph, "a trace file's syscall time as a flame graph (SVG, folded)"},
    {"export", do_export, "send a trace file as OpenTelemetry spans (OTLP/gRPC)"},
    {"compare", do_compare, "do two recorded runs behave the same? (stdout, files, exit, ...)"},
    {"verify", do_verify, "trace a command and compare it with a golden trace (CI)"},
    {"check", do_check, "evaluate renacer.toml assertions on a trace file (CI budgets)"},
    {"status", do_status, "renacerd's version, uptime, counters, ring fill and sessions"},
    {"sessions", do_sessions, "list renacerd's tracing sessions"},
    {"detach", do_detach, "end a renacerd session by id"},
    {"stats", do_stats, "renacerd --system-wide: every process's syscalls (--json)"},
    {"top", do_top, "renacerd --system-wide: the busiest processes and syscalls, live"},
    {"help", do_help, "show this help"},
    {"version", do_version, "print the version"},
};

static int do_help(int argc, char **argv)
{
	size_t i;

	(void)argc;
	(void)argv;
	printf("Usage: renacerctl COMMAND [OPTIONS]\n\n"
	       "renacer records what programs do at the syscall level, with eBPF.\n\n"
	       "Commands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		printf("  %-10s %s\n", cmds[i].name, cmds[i].help);
	printf("\nShorthand: `renacerctl -- CMD` and `renacerctl -p PID` mean `renacerctl trace "
	       "...`.\n"
	       "Run `renacerctl trace --help` for the tracing options.\n");
	return 0;
}

/*
 * What a command printed on stdout must have reached it: a full disk or a closed pipe is
 * an error, not a silent success (a command that failed has said why already).
 */
static int close_stdout(int ret)
{
	int err = 0;

	if (fflush(stdout))
		err = errno;
	else if (ferror(stdout))
		err = EIO;
	if (fclose(stdout) && !err)
		err = errno;
	if (!err || ret)
		return ret;
	rn_cli__error(NULL, NULL, "cannot write standard output: %s", strerror(err));
	return 1;
}

static int run(int argc, char **argv)
{
	size_t i;

	rn_log_prog = "renacerctl";
	if (argc < 2)
		return do_help(argc, argv), 2;
	/* strace habits: options straight after the program name mean `trace`. */
	if (argv[1][0] == '-' && strcmp(argv[1], "-h") && strcmp(argv[1], "--help") &&
	    strcmp(argv[1], "--version"))
		return do_trace(argc, argv);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return do_help(argc, argv);
	if (!strcmp(argv[1], "--version"))
		return do_version(argc, argv);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	rn_cli__error(NULL, "run `renacerctl help` for the list of commands",
		      "unknown command '%s'", argv[1]);
	return 2;
}

int main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}
