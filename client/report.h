/* SPDX-License-Identifier: MIT */
/*
 * renacerctl's one error printer. Text, as always: `renacerctl CMD: MESSAGE (HINT)`. JSON,
 * once a command whose user asked for JSON output (`--format json`, `-o FILE.json`) has
 * said so: one object per line on stderr,
 *   {"error": {"command": "CMD", "message": "MESSAGE", "hint": "HINT" or null}}
 * ("warning", "note" or "info" in place of "error" for the other messages). Which commands have the
 * JSON mode is in the README.
 */
#ifndef RENACER_CLIENT_REPORT_H
#define RENACER_CLIENT_REPORT_H

#include <stdbool.h>

/* Errors from now on are JSON objects naming cmd; NULL: text again. */
void rn_cli__set_json(const char *cmd);
bool rn_cli__json(void);
/* Whether an output in format fmt (an enum rn_tf_format; -1: from outpath's name) is JSON. */
bool rn_cli__json_output(int fmt, const char *outpath);

/*
 * An error on stderr. cmd shows as `renacerctl CMD:`; NULL is the program itself
 * (`renacerctl: ...`, as trace speaks, like strace) and in JSON the command that set the
 * mode. hint (NULL for none) is what to do about it.
 */
void rn_cli__error(const char *cmd, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same as a warning: `renacerctl CMD: warning: MESSAGE (HINT)` in text. */
void rn_cli__warning(const char *cmd, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A note beside the output (`renacerctl CMD: note: MESSAGE`), e.g. events lost. */
void rn_cli__note(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* What happened, without a label (`renacerctl CMD: MESSAGE`); "info" in JSON. */
void rn_cli__info(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A command line cmd cannot run: the error with the hint `see renacerctl CMD --help`; 2. */
int rn_cli__usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
