// SPDX-License-Identifier: MIT
/* trace -ff -o FILE: a text sink per traced thread, writing FILE.TID. */
#include "trace_split.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

struct split_out {
	uint32_t tid;
	FILE *f;
	struct rn_textout *text;
};

struct trace_split {
	char *prefix;
	struct rn_textout_opts o;
	struct split_out *v; /* the threads alive now: few, so a plain array */
	size_t n, cap;
	int err;
	bool append; /* -A: FILE.PID appended to */
};

struct trace_split *trace_split__new(const char *prefix, const struct rn_textout_opts *o,
				     bool append)
{
	struct trace_split *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->prefix = strdup(prefix);
	if (!s->prefix) {
		free(s);
		return NULL;
	}
	s->o = *o;
	s->o.pid_always = false;
	s->append = append;
	return s;
}

static void note_err(struct trace_split *s, int err)
{
	if (err && !s->err)
		s->err = err < 0 ? err : -EIO;
}

static void close_out(struct trace_split *s, struct split_out *o)
{
	note_err(s, rn_textout__flush(o->text));
	rn_textout__free(o->text);
	if (fclose(o->f))
		note_err(s, -errno);
}

struct rn_textout *trace_split__text(struct trace_split *s, uint32_t tid)
{
	struct split_out *o;
	char path[4096];
	int fd;

	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].tid == tid)
			return s->v[i].text;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct split_out *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		s->v = v;
		s->cap = cap;
	}
	o = &s->v[s->n];
	snprintf(path, sizeof(path), "%s.%u", s->prefix, tid);
	fd = open(path, O_WRONLY | O_CREAT | (s->append ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (!s->err)
			rn_cli__error(NULL, "check the directory exists and is writable",
				      "cannot write '%s': %s", path, strerror(errno));
		note_err(s, -errno);
		return NULL;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		note_err(s, -errno);
		close(fd);
		return NULL;
	}
	o->text = rn_textout__new(o->f, &s->o);
	if (!o->text) {
		fclose(o->f);
		note_err(s, -ENOMEM);
		return NULL;
	}
	o->tid = tid;
	s->n++;
	return o->text;
}

void trace_split__done(struct trace_split *s, uint32_t tid)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].tid != tid)
			continue;
		close_out(s, &s->v[i]);
		s->v[i] = s->v[--s->n];
		return;
	}
}

void trace_split__flush(struct trace_split *s)
{
	for (size_t i = 0; s && i < s->n; i++)
		note_err(s, rn_textout__flush(s->v[i].text));
}

int trace_split__free(struct trace_split *s)
{
	int err;

	if (!s)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		close_out(s, &s->v[i]);
	err = s->err;
	free(s->v);
	free(s->prefix);
	free(s);
	return err;
}
