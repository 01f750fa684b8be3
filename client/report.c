// SPDX-License-Identifier: MIT
#include "report.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Bytes of the valid UTF-8 sequence at s (as JSON parsers check it), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	uint32_t cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* s as a JSON string; bytes that are not UTF-8 (a file name's) become U+FFFD. */
static void put_json_str(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	while (*s) {
		if (*s == '"' || *s == '\\') {
			fprintf(f, "\\%c", *s++);
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s++);
		} else if (!(n = utf8_len(s))) {
			fputs("\\ufffd", f);
			s++;
		} else {
			fwrite(s, 1, n, f);
			s += n;
		}
	}
	fputc('"', f);
}

/* kind is the JSON key; text shows it as a label but for an error or plain information. */
static void report(const char *kind, const char *cmd, const char *hint, const char *fmt, va_list ap)
{
	char msg[4096], *buf = NULL;
	FILE *line, *f;
	size_t len = 0;
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
	line = open_memstream(&buf, &len);
	f = line ? line : stderr;
	fprintf(f, "{\"%s\": {\"command\": ", kind);
	put_json_str(f, cmd ? cmd : json_cmd);
	fputs(", \"message\": ", f);
	put_json_str(f, msg);
	fputs(", \"hint\": ", f);
	put_json_str(f, hint);
	fputs("}}\n", f);
	if (line && !fclose(line))
		fwrite(buf, 1, len, stderr);
	free(buf);
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
