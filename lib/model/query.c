// SPDX-License-Identifier: MIT
#include "query.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "errnames.h"
#include "systable.h"

struct qtime {
	bool set, wall;
	uint64_t ns; /* since the trace start, or since the epoch when wall */
};

struct rn_query {
	struct rn_filter *filter;
	bool filtered; /* an -e was given */
	uint32_t *pids;
	size_t npids;
	struct qtime since, until;
	uint64_t since_ns, until_ns; /* resolved by rn_query__begin */
	char **globs;
	size_t nglobs;
	bool has_min;
	uint64_t min_ns;
	uint64_t nrs[RN_MAX_SYSCALLS / 64]; /* the trace= set, for blocks */
};

struct rn_query *rn_query__new(void)
{
	struct rn_query *q = calloc(1, sizeof(*q));

	if (q && !(q->filter = rn_filter__new())) {
		free(q);
		return NULL;
	}
	if (q) {
		q->until_ns = UINT64_MAX;
		rn_filter__bitmap(q->filter, q->nrs);
	}
	return q;
}

void rn_query__free(struct rn_query *q)
{
	if (!q)
		return;
	rn_filter__free(q->filter);
	free(q->pids);
	for (size_t i = 0; i < q->nglobs; i++)
		free(q->globs[i]);
	free(q->globs);
	free(q);
}

__attribute__((format(printf, 3, 4))) static int qfail(char *err, size_t errlen, const char *fmt,
						       ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

int rn_query__add_expr(struct rn_query *q, const char *expr, char *err, size_t errlen)
{
	int r = rn_filter__parse(q->filter, expr, err, errlen);

	if (r)
		return r;
	q->filtered = true;
	rn_filter__bitmap(q->filter, q->nrs);
	return 0;
}

int rn_query__add_pids(struct rn_query *q, const char *list, char *err, size_t errlen)
{
	size_t n = q->npids;
	const char *p = list;

	/* all or nothing: a bad list leaves the query as it was */
	for (;;) {
		char *end;
		unsigned long v;
		uint32_t *np;

		errno = 0;
		v = strtoul(p, &end, 10);
		if (end == p || errno || !v || v > INT_MAX || (*end && *end != ',') ||
		    !isdigit((unsigned char)*p)) {
			q->npids = n;
			return qfail(err, errlen,
				     "--pid: '%s' is not a pid list (give PID[,PID...], each a "
				     "positive number)",
				     list);
		}
		np = realloc(q->pids, (q->npids + 1) * sizeof(*np));
		if (!np) {
			q->npids = n;
			return -ENOMEM;
		}
		q->pids = np;
		q->pids[q->npids++] = (uint32_t)v;
		if (!*end)
			return 0;
		p = end + 1;
	}
}

/* "1.25" -> 1250000000 * unit scale; false when not a plain decimal number. */
static bool parse_decimal(const char *s, const char **end, uint64_t unit_ns, uint64_t *out)
{
	uint64_t whole = 0, frac = 0, scale = unit_ns;
	const char *p = s;

	if (!isdigit((unsigned char)*p) && *p != '.')
		return false;
	for (; isdigit((unsigned char)*p); p++)
		if (__builtin_mul_overflow(whole, 10, &whole) ||
		    __builtin_add_overflow(whole, (uint64_t)(*p - '0'), &whole))
			return false;
	if (*p == '.') {
		p++;
		for (; isdigit((unsigned char)*p); p++)
			if (scale >= 10) {
				scale /= 10;
				frac += (uint64_t)(*p - '0') * scale;
			}
	}
	if (p == s || (p == s + 1 && *s == '.'))
		return false;
	if (__builtin_mul_overflow(whole, unit_ns, &whole) ||
	    __builtin_add_overflow(whole, frac, out))
		return false;
	*end = p;
	return true;
}

/* A duration: NUMBER[ns|us|ms|s], seconds without a unit. */
static bool parse_duration(const char *s, uint64_t *ns)
{
	static const struct {
		const char *sfx;
		uint64_t ns;
	} units[] = {{"ns", 1}, {"us", 1000}, {"ms", 1000000}, {"s", 1000000000}, {"", 1000000000}};
	const char *numend;
	size_t n = strspn(s, "0123456789.");

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(s + n, units[i].sfx))
			return parse_decimal(s, &numend, units[i].ns, ns) && numend == s + n;
	return false;
}

/* YYYY-MM-DDTHH:MM:SS[.frac][Z] (UTC) or @EPOCH[.frac], as ns since the epoch. */
static bool parse_wall(const char *s, uint64_t *ns)
{
	struct tm tm = {0};
	const char *end;
	uint64_t frac = 0;
	time_t t;

	if (*s == '@')
		return parse_decimal(s + 1, &end, 1000000000, ns) && !*end;
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end)
		return false;
	if (*end == '.' && !parse_decimal(end, &end, 1000000000, &frac))
		return false;
	if (*end == 'Z')
		end++;
	if (*end)
		return false;
	t = timegm(&tm);
	if (t < 0)
		return false;
	*ns = (uint64_t)t * 1000000000ull + frac;
	return true;
}

static int set_time(struct qtime *qt, const char *opt, const char *s, char *err, size_t errlen)
{
	qt->set = true;
	qt->wall = *s == '@' || strchr(s, 'T');
	if (qt->wall ? parse_wall(s, &qt->ns) : parse_duration(s, &qt->ns))
		return 0;
	qt->set = false;
	return qfail(err, errlen,
		     "%s: '%s' is not a time (give seconds since the trace start, as 1.2 or 300ms, "
		     "or wall-clock time as @EPOCH or 2026-01-31T12:00:00.5Z)",
		     opt, s);
}

int rn_query__set_since(struct rn_query *q, const char *t, char *err, size_t errlen)
{
	return set_time(&q->since, "--since", t, err, errlen);
}

int rn_query__set_until(struct rn_query *q, const char *t, char *err, size_t errlen)
{
	return set_time(&q->until, "--until", t, err, errlen);
}

int rn_query__add_path(struct rn_query *q, const char *glob, char *err, size_t errlen)
{
	char **g;

	if (!*glob)
		return qfail(err, errlen, "--path: an empty pattern matches no path (give a glob)");
	g = realloc(q->globs, (q->nglobs + 1) * sizeof(*g));
	if (!g)
		return -ENOMEM;
	q->globs = g;
	if (!(q->globs[q->nglobs] = strdup(glob)))
		return -ENOMEM;
	q->nglobs++;
	return 0;
}

int rn_query__set_min_duration(struct rn_query *q, const char *d, char *err, size_t errlen)
{
	if (!parse_duration(d, &q->min_ns))
		return qfail(err, errlen,
			     "--min-duration: '%s' is not a duration (give 1ms, 250us, 2s or "
			     "seconds)",
			     d);
	q->has_min = true;
	return 0;
}

bool rn_query__is_all(const struct rn_query *q)
{
	return !q->filtered && !q->npids && !q->since.set && !q->until.set && !q->nglobs &&
	       !q->has_min;
}

const struct rn_filter *rn_query__filter(const struct rn_query *q)
{
	return q->filter;
}

static uint64_t resolve(const struct qtime *t, uint64_t start, uint64_t dflt)
{
	if (!t->set)
		return dflt;
	if (!t->wall)
		return t->ns;
	return t->ns > start ? t->ns - start : 0;
}

void rn_query__begin(struct rn_query *q, const struct rn_tr_header *h)
{
	uint64_t start = h ? h->start_realtime_ns : 0;

	q->since_ns = resolve(&q->since, start, 0);
	q->until_ns = resolve(&q->until, start, UINT64_MAX);
}

static bool pid_ok(const struct rn_query *q, uint32_t pid, uint32_t tid)
{
	if (!q->npids)
		return true;
	for (size_t i = 0; i < q->npids; i++)
		if (q->pids[i] == pid || q->pids[i] == tid)
			return true;
	return false;
}

static bool path_ok(const struct rn_query *q, const struct rn_tr_event *e)
{
	const struct rn_sysrow *row = e->nr >= 0 ? rn_systable__row(e->nr) : NULL;
	char buf[PATH_MAX];

	if (!row)
		return false;
	for (uint32_t i = 0; i < e->ncaps; i++) {
		const struct rn_tr_capture *c = &e->caps[i];
		size_t n;

		if (c->arg >= RN_NR_ARGS ||
		    (row->arg[c->arg] != RN_A_PATH && row->arg[c->arg] != RN_A_EXEC_PATH))
			continue;
		n = c->len < sizeof(buf) - 1 ? c->len : sizeof(buf) - 1;
		if (n) /* an empty capture may have no data at all */
			memcpy(buf, c->data, n);
		buf[n] = '\0';
		for (size_t g = 0; g < q->nglobs; g++)
			if (!fnmatch(q->globs[g], buf, 0))
				return true;
	}
	return false;
}

bool rn_query__match(const struct rn_query *q, const struct rn_tr_event *e)
{
	uint64_t end = e->enter_ns + e->duration_ns;

	if (!pid_ok(q, e->pid, e->tid) || end < q->since_ns || e->enter_ns > q->until_ns)
		return false;
	switch (e->kind) {
	case RN_TR_SYSCALL:
		if (q->filtered && (!rn_filter__traced(q->filter, e->nr) ||
				    !rn_filter__status_ok(q->filter, (long)e->result, e->noreturn)))
			return false;
		if (q->has_min && e->duration_ns < q->min_ns)
			return false;
		return !q->nglobs || path_ok(q, e);
	case RN_TR_SIGNAL: {
		int sig = e->name ? rn_signal__from_name(e->name) : -1;

		if (q->filtered && sig > 0 && sig < 256 &&
		    !rn_filter__signal_traced(q->filter, sig))
			return false;
		return !q->nglobs;
	}
	default:
		return !q->nglobs;
	}
}

bool rn_query__may_match_block(const struct rn_query *q, const struct rn_query_block *b)
{
	bool calls = false;

	if (b->t_max < q->since_ns || b->t_min > q->until_ns)
		return false;
	if (q->npids) {
		bool any = false;

		for (size_t i = 0; i < q->npids && !any; i++)
			any = q->pids[i] >= b->pid_min && q->pids[i] <= b->pid_max &&
			      (b->pid_bloom & rn_query__pid_bit(q->pids[i]));
		if (!any)
			return false;
	}
	for (size_t i = 0; i < RN_MAX_SYSCALLS / 64 && !calls; i++)
		calls = b->nrs[i] & (q->filtered ? q->nrs[i] : ~0ull);
	calls = calls || b->odd_nr;
	/* status=failed alone is the common case worth a bit: a block without errors */
	if (calls && q->filtered && !rn_filter__status_ok(q->filter, 0, false) &&
	    !rn_filter__status_ok(q->filter, -1, true) && !b->failed)
		calls = false;
	if (calls && q->has_min && b->max_duration < q->min_ns)
		calls = false;
	if (calls)
		return true;
	/* signals and exits pass trace=, status= and --min-duration, never --path */
	return !q->nglobs && (b->signals || b->exits);
}

struct qsink {
	struct rn_query *q;
	const struct rn_tr_sink *inner;
	uint64_t *ids; /* ids passed, increasing */
	size_t nids, cap;
	bool all;
};

static bool id_passed(const struct qsink *s, uint64_t id)
{
	size_t lo = 0, hi = s->nids;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->nids && s->ids[lo] == id;
}

static int qs_header(void *ctx, const struct rn_tr_header *h)
{
	struct qsink *s = ctx;

	rn_query__begin(s->q, h);
	return s->inner->header ? s->inner->header(s->inner->ctx, h) : 0;
}

static int qs_event(void *ctx, const struct rn_tr_event *e)
{
	struct qsink *s = ctx;

	if (!s->all) {
		if (!rn_query__match(s->q, e))
			return 0;
		if (s->nids == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 1024;
			uint64_t *n = realloc(s->ids, cap * sizeof(*n));

			if (!n)
				return -ENOMEM;
			s->ids = n;
			s->cap = cap;
		}
		s->ids[s->nids++] = e->id;
	}
	return s->inner->event ? s->inner->event(s->inner->ctx, e) : 0;
}

static int qs_process(void *ctx, const struct rn_tr_process *p)
{
	struct qsink *s = ctx;

	return s->inner->process ? s->inner->process(s->inner->ctx, p) : 0;
}

static int qs_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct qsink *s = ctx;

	if (!s->all && (!id_passed(s, e->from) || !id_passed(s, e->to)))
		return 0;
	return s->inner->edge ? s->inner->edge(s->inner->ctx, e) : 0;
}

static int qs_gap(void *ctx, const struct rn_tr_gap *g)
{
	struct qsink *s = ctx;

	return s->inner->gap ? s->inner->gap(s->inner->ctx, g) : 0;
}

static int qs_finish(void *ctx, const struct rn_tr_stats *st)
{
	struct qsink *s = ctx;

	return s->inner->finish ? s->inner->finish(s->inner->ctx, st) : 0;
}

static void qs_close(void *ctx)
{
	struct qsink *s = ctx;

	if (!s)
		return;
	free(s->ids);
	free(s);
}

int rn_query__sink(struct rn_tr_sink *out, struct rn_query *q, const struct rn_tr_sink *inner)
{
	struct qsink *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->q = q;
	s->inner = inner;
	s->all = rn_query__is_all(q);
	*out = (struct rn_tr_sink){
	    .ctx = s,
	    .header = qs_header,
	    .event = qs_event,
	    .process = qs_process,
	    .edge = qs_edge,
	    .gap = qs_gap,
	    .finish = qs_finish,
	    .close = qs_close,
	};
	return 0;
}
