/* SPDX-License-Identifier: MIT */
/* The -c table, laid out and sorted exactly as strace 6.1's src/count.c does it. */
#include <errno.h>
#include <inttypes.h>
#include <linux/types.h>
#include <stdlib.h>
#include <string.h>

#include "renacer_abi.h"
#include "summary.h"
#include "systable.h"

#define NSEC_PER_SEC 1000000000ull

enum sort_key { BY_TIME, BY_MIN, BY_MAX, BY_AVG, BY_CALLS, BY_ERRORS, BY_NAME, BY_NOTHING };

struct row {
	uint64_t calls;
	uint64_t errors;
	uint64_t time_ns;
	uint64_t min_ns;
	uint64_t max_ns;
};

struct rn_summary {
	enum sort_key sort;
	uint64_t lost, lost_gaps, lost_threads;
	struct row rows[RN_MAX_SYSCALLS];
};

/* strace's column_aliases that -S accepts (the wall-clock ones came after 6.1). */
static const struct {
	const char *name;
	enum sort_key key;
} sort_names[] = {
    {"time", BY_TIME},	       {"time_percent", BY_TIME}, {"time-percent", BY_TIME},
    {"time_total", BY_TIME},   {"time-total", BY_TIME},	  {"total_time", BY_TIME},
    {"total-time", BY_TIME},   {"min_time", BY_MIN},	  {"min-time", BY_MIN},
    {"shortest", BY_MIN},      {"time_min", BY_MIN},	  {"time-min", BY_MIN},
    {"longest", BY_MAX},       {"max_time", BY_MAX},	  {"max-time", BY_MAX},
    {"time_max", BY_MAX},      {"time-max", BY_MAX},	  {"avg_time", BY_AVG},
    {"avg-time", BY_AVG},      {"time_avg", BY_AVG},	  {"time-avg", BY_AVG},
    {"calls", BY_CALLS},       {"count", BY_CALLS},	  {"error", BY_ERRORS},
    {"errors", BY_ERRORS},     {"name", BY_NAME},	  {"syscall", BY_NAME},
    {"syscall_name", BY_NAME}, {"syscall-name", BY_NAME}, {"none", BY_NOTHING},
    {"nothing", BY_NOTHING},
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct rn_summary *rn_summary__new(void)
{
	return calloc(1, sizeof(struct rn_summary));
}

void rn_summary__free(struct rn_summary *s)
{
	free(s);
}

void rn_summary__add(struct rn_summary *s, int nr, uint64_t duration_ns, bool failed)
{
	struct row *r;

	if (nr < 0 || nr >= RN_MAX_SYSCALLS)
		return;
	r = &s->rows[nr];
	if (!r->calls || duration_ns < r->min_ns)
		r->min_ns = duration_ns;
	if (duration_ns > r->max_ns)
		r->max_ns = duration_ns;
	r->calls++;
	r->errors += failed;
	r->time_ns += duration_ns;
}

void rn_summary__set_lost(struct rn_summary *s, uint64_t lost, uint64_t gaps, uint64_t threads)
{
	s->lost = lost;
	s->lost_gaps = gaps;
	s->lost_threads = threads;
}

int rn_summary__set_sort(struct rn_summary *s, const char *sortby)
{
	for (size_t i = 0; sortby && i < ARRAY_LEN(sort_names); i++) {
		if (!strcmp(sortby, sort_names[i].name)) {
			s->sort = sort_names[i].key;
			return 0;
		}
	}
	return -EINVAL;
}

/* strace keeps times as timespecs and prints sec + nsec / 1e9; rounding follows that. */
static double ns_float(uint64_t ns)
{
	return (double)(ns / NSEC_PER_SEC) + (double)(ns % NSEC_PER_SEC) / 1e9;
}

static const char *row_name(int nr, char *buf, size_t len)
{
	const char *name = rn_syscall__name(nr);

	if (name)
		return name;
	snprintf(buf, len, "syscall_%#x", (unsigned)nr);
	return buf;
}

/* Descending by value, then (the sort is stable) by syscall number, as glibc's qsort does. */
static uint64_t sort_value(const struct row *r, enum sort_key key)
{
	switch (key) {
	case BY_TIME:
		return r->time_ns;
	case BY_MIN:
		return r->min_ns;
	case BY_MAX:
		return r->max_ns;
	case BY_AVG:
		return r->time_ns / r->calls;
	case BY_CALLS:
		return r->calls;
	case BY_ERRORS:
		return r->errors;
	default:
		return 0;
	}
}

static bool goes_before(const struct rn_summary *s, int a, int b)
{
	char ba[32], bb[32];

	if (s->sort == BY_NAME)
		return strcmp(row_name(a, ba, sizeof(ba)), row_name(b, bb, sizeof(bb))) < 0;
	return sort_value(&s->rows[a], s->sort) > sort_value(&s->rows[b], s->sort);
}

static void print_dashes(FILE *out, const unsigned *widths, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(' ', out);
		for (unsigned j = 0; j < widths[i]; j++)
			fputc('-', out);
	}
	fputc('\n', out);
}

static unsigned max_u(unsigned a, int b)
{
	return b > (int)a ? (unsigned)b : a;
}

enum column { C_PCT, C_SECONDS, C_USECS, C_CALLS, C_ERRORS, C_NAME, NCOLUMNS };

/* The lost events under the total: not in any row above, so the table is not the whole run. */
static void print_lost(const struct rn_summary *s, const unsigned *w, FILE *out)
{
	char where[96] = "";

	if (s->lost_gaps)
		snprintf(where, sizeof(where), ", %" PRIu64 " gap%s on %" PRIu64 " thread%s",
			 s->lost_gaps, s->lost_gaps == 1 ? "" : "s", s->lost_threads,
			 s->lost_threads == 1 ? "" : "s");
	fprintf(out, "%*s %*s %*s %*" PRIu64 " %*s lost (not in the rows above%s)\n", w[C_PCT], "",
		w[C_SECONDS], "", w[C_USECS], "", w[C_CALLS], s->lost, w[C_ERRORS], "", where);
}

void rn_summary__print(const struct rn_summary *s, FILE *out)
{
	int order[RN_MAX_SYSCALLS], n = 0, j, nr;
	uint64_t tot_ns = 0, calls = 0, errors = 0, avg_max = 0;
	size_t name_max = 0;
	unsigned w[NCOLUMNS];
	double tot, pct;
	char buf[32];

	for (nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		const struct row *r = &s->rows[nr];

		if (!r->calls)
			continue;
		tot_ns += r->time_ns;
		calls += r->calls;
		errors += r->errors;
		if (r->time_ns / r->calls > avg_max)
			avg_max = r->time_ns / r->calls;
		if (strlen(row_name(nr, buf, sizeof(buf))) > name_max)
			name_max = strlen(row_name(nr, buf, sizeof(buf)));
		/* Insertion keeps equal keys in number order: a stable sort. */
		for (j = n; j > 0 && s->sort != BY_NOTHING && goes_before(s, nr, order[j - 1]); j--)
			order[j] = order[j - 1];
		order[j] = nr;
		n++;
	}
	if (!calls) {
		if (s->lost)
			fprintf(out, "no calls recorded; %" PRIu64 " events lost\n", s->lost);
		return;
	}
	tot = ns_float(tot_ns);

	w[C_PCT] = 6;
	w[C_SECONDS] = max_u(11, snprintf(NULL, 0, "%.6f", tot));
	w[C_USECS] = max_u(11, snprintf(NULL, 0, "%" PRIu64, (uint64_t)(ns_float(avg_max) * 1e6)));
	w[C_CALLS] = max_u(9, snprintf(NULL, 0, "%" PRIu64, calls));
	w[C_ERRORS] = max_u(9, snprintf(NULL, 0, "%" PRIu64, errors));
	w[C_NAME] = max_u(16, (int)name_max + 1);

	fprintf(out, "%*s %*s %*s %*s %*s %s\n", w[C_PCT], "% time", w[C_SECONDS], "seconds",
		w[C_USECS], "usecs/call", w[C_CALLS], "calls", w[C_ERRORS], "errors", "syscall");
	print_dashes(out, w, NCOLUMNS);
	for (int i = 0; i < n; i++) {
		const struct row *r = &s->rows[order[i]];
		double t = ns_float(r->time_ns);

		/* As strace: a zero time stays 0 even when the total is 0 too (no 0/0). */
		pct = 100.0 * t;
		if (pct != 0.0)
			pct /= tot;
		/* %.0 prints nothing for 0: strace leaves a zero errors cell blank. */
		fprintf(out, "%*.2f %*.6f %*" PRIu64 " %*" PRIu64 " %*.0" PRIu64 " %s\n", w[C_PCT],
			pct, w[C_SECONDS], t, w[C_USECS],
			(uint64_t)(ns_float(r->time_ns / r->calls) * 1e6), w[C_CALLS], r->calls,
			w[C_ERRORS], r->errors, row_name(order[i], buf, sizeof(buf)));
	}
	print_dashes(out, w, NCOLUMNS);
	fprintf(out, "%*.2f %*.6f %*" PRIu64 " %*" PRIu64 " %*.0" PRIu64 " %s\n", w[C_PCT], 100.0,
		w[C_SECONDS], tot, w[C_USECS], (uint64_t)(tot / (double)calls * 1e6), w[C_CALLS],
		calls, w[C_ERRORS], errors, "total");
	if (s->lost)
		print_lost(s, w, out);
}
