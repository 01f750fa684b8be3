// SPDX-License-Identifier: MIT
/*
 * renacerctl trace --assert CONFIG: the checker of docs/assertions.md as one more sink of the
 * recorder, beside the trace file writer (a tee), so the live run is evaluated as `check`
 * evaluates a file, embedded and through renacerd alike. The report goes to stderr with the
 * trace's own messages; an enforced failure makes the exit status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "assert_report.h"
#include "report.h"
#include "trace_int.h"

/* The recorder's sink: every call goes to the writer (when there is one), then the checker. */
static struct tee {
	struct rn_tr_sink a, b;
} tee;

static int tee_header(void *ctx, const struct rn_tr_header *h)
{
	struct tee *t = ctx;
	int ea = t->a.header ? t->a.header(t->a.ctx, h) : 0;
	int eb = t->b.header ? t->b.header(t->b.ctx, h) : 0;

	return ea ? ea : eb;
}

static int tee_event(void *ctx, const struct rn_tr_event *e)
{
	struct tee *t = ctx;
	int ea = t->a.event ? t->a.event(t->a.ctx, e) : 0;
	int eb = t->b.event ? t->b.event(t->b.ctx, e) : 0;

	return ea ? ea : eb;
}

static int tee_process(void *ctx, const struct rn_tr_process *p)
{
	struct tee *t = ctx;
	int ea = t->a.process ? t->a.process(t->a.ctx, p) : 0;
	int eb = t->b.process ? t->b.process(t->b.ctx, p) : 0;

	return ea ? ea : eb;
}

static int tee_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct tee *t = ctx;
	int ea = t->a.edge ? t->a.edge(t->a.ctx, e) : 0;
	int eb = t->b.edge ? t->b.edge(t->b.ctx, e) : 0;

	return ea ? ea : eb;
}

static int tee_gap(void *ctx, const struct rn_tr_gap *g)
{
	struct tee *t = ctx;
	int ea = t->a.gap ? t->a.gap(t->a.ctx, g) : 0;
	int eb = t->b.gap ? t->b.gap(t->b.ctx, g) : 0;

	return ea ? ea : eb;
}

static int tee_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct tee *t = ctx;
	int ea = t->a.finish ? t->a.finish(t->a.ctx, s) : 0;
	int eb = t->b.finish ? t->b.finish(t->b.ctx, s) : 0;

	return ea ? ea : eb;
}

int tracer__assert_load(struct tracer *t)
{
	struct rn_error err = {{0}};
	int ret = rn_rules__load(&t->rules, t->o.assert_config, &err);

	if (ret) {
		rn_cli__error(NULL,
			      strstr(err.msg, ": cannot read: ")
				  ? "check the path"
				  : "see docs/assertions.md for the keys of each type",
			      "%s", err.msg);
		return ret;
	}
	if (!rn_rules__count(t->rules)) {
		rn_cli__error(NULL, "add one; see docs/assertions.md",
			      "%s has no [[assertion]] table: nothing to check",
			      t->o.assert_config);
		return -EINVAL;
	}
	ret = rn_checker__new(&t->checker, t->rules);
	if (ret)
		rn_cli__error(NULL, NULL, "out of memory");
	return ret;
}

void tracer__assert_tee(struct tracer *t, struct rn_tr_sink *rs)
{
	tee.a = *rs;
	rn_checker__sink(t->checker, &tee.b);
	*rs = (struct rn_tr_sink){
	    .ctx = &tee,
	    .header = tee_header,
	    .event = tee_event,
	    .process = tee_process,
	    .edge = tee_edge,
	    .gap = tee_gap,
	    .finish = tee_finish,
	};
}

int tracer__assert_report(struct tracer *t)
{
	if (!rn_checker__done(t->checker)) {
		rn_cli__error(NULL, NULL,
			      "the assertions of %s were not evaluated: the recording "
			      "did not finish",
			      t->o.assert_config);
		return 1;
	}
	fflush(t->out);
	rn_assert_report__text(t->checker, stderr);
	return rn_checker__status(t->checker);
}

void tracer__assert_free(struct tracer *t)
{
	rn_checker__free(t->checker);
	rn_rules__free(t->rules);
	t->checker = NULL;
	t->rules = NULL;
}
