/* SPDX-License-Identifier: MIT */
#ifndef RENACER_CLIENT_CMD_H
#define RENACER_CLIENT_CMD_H

#include "defaults.h"

/* A number as a string literal, for usage texts. */
#define RN_STR(x)  RN_STR_(x)
#define RN_STR_(x) #x

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

/* Each takes argv with argv[0] = the subcommand name and returns the exit status. */
int do_trace(int argc, char **argv);
int do_version(int argc, char **argv);
int do_show(int argc, char **argv);
int do_summary(int argc, char **argv);
int do_convert(int argc, char **argv);
int do_flamegraph(int argc, char **argv);
int do_export(int argc, char **argv);
int do_check(int argc, char **argv);
int do_compare(int argc, char **argv);
int do_verify(int argc, char **argv);
int do_status(int argc, char **argv);
int do_sessions(int argc, char **argv);
int do_detach(int argc, char **argv);
int do_stats(int argc, char **argv);
int do_top(int argc, char **argv);

#endif
