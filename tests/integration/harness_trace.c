// SPDX-License-Identifier: MIT
/* Strace-syntax traces parsed into lines, and the questions the tests ask of them. */
#include "integ.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* Index just past the argument list's closing paren, or 0 when it is not closed. */
static size_t args_end(const char *s)
{
	const char *p = strchr(s, '(');
	bool quoted = false;
	int depth = 0;

	if (!p)
		return 0;
	for (; *p; p++) {
		if (quoted) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = false;
		} else if (*p == '"') {
			quoted = true;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return (size_t)(p + 1 - s);
		}
	}
	return 0;
}

/* "name(args)     = ret" -> "name(args) = ret": strace pads the result to column 40. */
static char *collapse_padding(const char *s)
{
	size_t end = args_end(s);
	const char *rest;
	char *out;

	if (!end)
		return strdup(s);
	rest = s + end;
	while (*rest == ' ')
		rest++;
	if (*rest != '=')
		return strdup(s);
	if (asprintf(&out, "%.*s %s", (int)end, s, rest) < 0)
		return NULL;
	return out;
}

static int push_line(struct integ_trace *t, int pid, const char *text)
{
	struct integ_line *l;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct integ_line *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	l = &t->v[t->n];
	memset(l, 0, sizeof(*l));
	l->pid = pid;
	l->text = strdup(text);
	if (!l->text)
		return -ENOMEM;
	t->n++;
	return 0;
}

static void classify(struct integ_line *l)
{
	const char *s = l->text;
	size_t n = strlen(s);
	size_t i = 0;

	if (n >= 8 && !strncmp(s, "--- ", 4) && !strcmp(s + n - 4, " ---")) {
		l->kind = INTEG_SIGNAL;
		return;
	}
	if (n >= 8 && !strncmp(s, "+++ ", 4) && !strcmp(s + n - 4, " +++")) {
		l->kind = INTEG_EXIT;
		return;
	}
	while (isalnum((unsigned char)s[i]) || s[i] == '_')
		i++;
	if (i == 0 || i >= sizeof(l->name) || s[i] != '(') {
		l->kind = INTEG_OTHER;
		return;
	}
	l->kind = INTEG_SYSCALL;
	memcpy(l->name, s, i);
	l->name[i] = '\0';
}

static const char UNFINISHED[] = " <unfinished ...>";

struct pending {
	int pid;
	size_t idx;
};

static int merge_resumed(struct integ_trace *t, struct pending *pend, size_t *npend, int pid,
			 const char *body)
{
	const char *close = strchr(body, '>');

	for (size_t i = 0; i < *npend; i++) {
		struct integ_line *l;
		char *joined;

		if (pend[i].pid != pid)
			continue;
		l = &t->v[pend[i].idx];
		if (!close || asprintf(&joined, "%s%s", l->text, close + 1) < 0)
			return -ENOMEM;
		free(l->text);
		l->text = collapse_padding(joined);
		free(joined);
		pend[i] = pend[--*npend];
		return l->text ? 0 : -ENOMEM;
	}
	/* A resumed half without its start (e.g. attached mid-call): keep it as is. */
	return push_line(t, pid, body);
}

int integ_trace__parse(struct integ_trace *t, const char *text, bool pid_prefix)
{
	struct pending *pend = NULL;
	size_t npend = 0, cap = 0;
	const char *p = text;
	int err = 0;

	memset(t, 0, sizeof(*t));
	while (*p && !err) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);
		char *body = line;
		int pid = 0;

		p += len + (nl ? 1 : 0);
		if (!line)
			return -ENOMEM;
		if (!strncmp(body, "[pid ", 5)) {
			pid = (int)strtol(body + 5, &body, 10);
			body += *body == ']' ? 1 : 0;
		} else if (pid_prefix && isdigit((unsigned char)*body)) {
			pid = (int)strtol(body, &body, 10);
		}
		while (*body == ' ')
			body++;
		if (!*body) {
			free(line);
			continue;
		}
		if (!strncmp(body, "<... ", 5)) {
			err = merge_resumed(t, pend, &npend, pid, body);
		} else {
			size_t blen = strlen(body);
			bool unfinished =
			    blen > sizeof(UNFINISHED) - 1 &&
			    !strcmp(body + blen - (sizeof(UNFINISHED) - 1), UNFINISHED);

			if (unfinished) {
				body[blen - (sizeof(UNFINISHED) - 1)] = '\0';
				if (npend == cap) {
					cap = cap ? cap * 2 : 16;
					pend = realloc(pend, cap * sizeof(*pend));
					if (!pend)
						err = -ENOMEM;
				}
				if (!err) {
					pend[npend++] = (struct pending){pid, t->n};
					err = push_line(t, pid, body);
				}
			} else {
				char *c = collapse_padding(body);

				err = c ? push_line(t, pid, c) : -ENOMEM;
				free(c);
			}
		}
		free(line);
	}
	free(pend);
	for (size_t i = 0; i < t->n; i++)
		classify(&t->v[i]);
	return err;
}

void integ_trace__free(struct integ_trace *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

const struct integ_line *integ_trace__find(const struct integ_trace *t, int pid, const char *text)
{
	for (size_t i = 0; i < t->n; i++)
		if ((pid < 0 || t->v[i].pid == pid) && !strcmp(t->v[i].text, text))
			return &t->v[i];
	return NULL;
}

size_t integ_trace__count(const struct integ_trace *t, int pid, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct integ_line *l = &t->v[i];

		if (l->kind == INTEG_SYSCALL && (pid < 0 || l->pid == pid) &&
		    (!name || !strcmp(l->name, name)))
			n++;
	}
	return n;
}

char *integ_trace__dump(const struct integ_trace *t, int pid)
{
	struct rn_strbuf sb = {0};

	if (rn_strbuf__reserve(&sb, 0))
		return NULL;
	sb.buf[0] = '\0';
	for (size_t i = 0; i < t->n; i++)
		if (pid < 0 || t->v[i].pid == pid)
			rn_strbuf__printf(&sb, "%d %s\n", t->v[i].pid, t->v[i].text);
	return sb.buf;
}

long long integ_line__ret(const struct integ_line *l)
{
	size_t end = args_end(l->text);
	const char *r;
	char *e;
	long long v;

	if (!end || strncmp(l->text + end, " = ", 3))
		return LLONG_MIN;
	r = l->text + end + 3;
	v = strtoll(r, &e, 0);
	return e == r ? LLONG_MIN : v;
}

bool integ_text__wellformed(const char *text)
{
	static regex_t re;
	static bool ready;

	if (!ready) {
		/* name(args) = value [ERRNO (text)] [(decoration)] [<duration>] | = ? */
		if (regcomp(&re,
			    "^([a-z_][a-z0-9_]*\\(.*\\) = (\\?|-?[0-9]+|0x[0-9a-f]+)( .*)?"
			    "|--- .* ---|\\+\\+\\+ (exited with [0-9]+|killed by SIG[A-Z0-9]+"
			    "( \\(core dumped\\))?) \\+\\+\\+)$",
			    REG_EXTENDED | REG_NOSUB))
			return false;
		ready = true;
	}
	return !regexec(&re, text, 0, NULL, 0);
}
