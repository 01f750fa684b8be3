// SPDX-License-Identifier: MIT
#include "report.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "strbuf.h"
#include "tracefile.h"

static const char *json_cmd; /* the command that asked for JSON errors, or NULL */

void rn_cli__set_json(const char *cmd)
{
	json_cmd = cmd;
}

bool rn_cli__json(void)
{
	return json_cmd != NULL;
}

bool rn_cli__json_output(int fmt, const char *outpath)
{
	if (fmt < 0 && outpath)
		fmt = rn_tracefile__format_of_path(outpath);
	return fmt == RN_TF_JSON || fmt == RN_TF_JSONL;
}

/* s as a JSON string (null for NULL); bytes that are not UTF-8 (a file name's) become U+FFFD. */
static void put_json_str(struct rn_strbuf *sb, const char *s)
{
	if (s)
		rn_json__text(sb, s, strlen(s));
	else
		rn_strbuf__puts(sb, "null");
}

/* kind is the JSON key; text shows it as a label but for an error or plain information. */
static void report(const char *kind, const char *cmd, const char *hint, const char *fmt, va_list ap)
{
	struct rn_strbuf sb = {0};
	char msg[4096];
	const char *label = "";

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!strcmp(kind, "warning"))
		label = "warning: ";
	else if (!strcmp(kind, "note"))
		label = "note: ";
	if (!json_cmd) {
		/* one write, so a line never mixes with the traced command's output */
		fprintf(stderr, "renacerctl%s%s: %s%s%s%s%s\n", cmd ? " " : "", cmd ? cmd : "",
			label, msg, hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
		return;
	}
	rn_strbuf__printf(&sb, "{\"%s\": {\"command\": ", kind);
	put_json_str(&sb, cmd ? cmd : json_cmd);
	rn_strbuf__puts(&sb, ", \"message\": ");
	put_json_str(&sb, msg);
	rn_strbuf__puts(&sb, ", \"hint\": ");
	put_json_str(&sb, hint);
	rn_strbuf__puts(&sb, "}}\n");
	if (sb.buf)
		fwrite(sb.buf, 1, sb.len, stderr);
	rn_strbuf__free(&sb);
}

void rn_cli__error(const char *cmd, const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("error", cmd, hint, fmt, ap);
	va_end(ap);
}

void rn_cli__warning(const char *cmd, const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("warning", cmd, hint, fmt, ap);
	va_end(ap);
}

void rn_cli__note(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("note", cmd, NULL, fmt, ap);
	va_end(ap);
}

void rn_cli__info(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("info", cmd, NULL, fmt, ap);
	va_end(ap);
}

int rn_cli__usage_error(const char *cmd, const char *fmt, ...)
{
	char hint[64];
	va_list ap;

	snprintf(hint, sizeof(hint), "see renacerctl %s --help", cmd);
	va_start(ap, fmt);
	report("error", cmd, hint, fmt, ap);
	va_end(ap);
	return 2;
}
