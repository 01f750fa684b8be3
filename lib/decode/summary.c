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
enum column { C_PCT, C_SECONDS, C_MIN, C_MAX, C_USECS, C_CALLS, C_ERRORS, C_NAME, NCOLUMNS };

struct row {
	uint64_t calls;
	uint64_t errors;
	uint64_t time_ns;
	uint64_t min_ns;
	uint64_t max_ns;
};

struct rn_summary {
	enum sort_key sort;
	uint8_t cols[NCOLUMNS]; /* enum column, in -U's order */
	unsigned ncols;
	uint64_t lost, lost_gaps, lost_threads;
	struct row rows[RN_MAX_SYSCALLS];
};

/* strace's column_aliases, that -S and -U accept (the wall-clock ones came after 6.1). */
static const struct {
	const char *name;
	enum sort_key key;
	int column; /* -1: none (-S only) */
} sort_names[] = {
    {"time", BY_TIME, C_PCT},		{"time_percent", BY_TIME, C_PCT},
    {"time-percent", BY_TIME, C_PCT},	{"time_total", BY_TIME, C_SECONDS},
    {"time-total", BY_TIME, C_SECONDS}, {"total_time", BY_TIME, C_SECONDS},
    {"total-time", BY_TIME, C_SECONDS}, {"min_time", BY_MIN, C_MIN},
    {"min-time", BY_MIN, C_MIN},	{"shortest", BY_MIN, C_MIN},
    {"time_min", BY_MIN, C_MIN},	{"time-min", BY_MIN, C_MIN},
    {"longest", BY_MAX, C_MAX},		{"max_time", BY_MAX, C_MAX},
    {"max-time", BY_MAX, C_MAX},	{"time_max", BY_MAX, C_MAX},
    {"time-max", BY_MAX, C_MAX},	{"avg_time", BY_AVG, C_USECS},
    {"avg-time", BY_AVG, C_USECS},	{"time_avg", BY_AVG, C_USECS},
    {"time-avg", BY_AVG, C_USECS},	{"calls", BY_CALLS, C_CALLS},
    {"count", BY_CALLS, C_CALLS},	{"error", BY_ERRORS, C_ERRORS},
    {"errors", BY_ERRORS, C_ERRORS},	{"name", BY_NAME, C_NAME},
    {"syscall", BY_NAME, C_NAME},	{"syscall_name", BY_NAME, C_NAME},
    {"syscall-name", BY_NAME, C_NAME},	{"none", BY_NOTHING, -1},
    {"nothing", BY_NOTHING, -1},
};

/* Each column's header and least width (count.c's historical sizes). */
static const struct {
	const char *header;
	unsigned width;
} columns[NCOLUMNS] = {
    [C_PCT] = {"% time", 6},	[C_SECONDS] = {"seconds", 11},	[C_MIN] = {"shortest", 8},
    [C_MAX] = {"longest", 7},	[C_USECS] = {"usecs/call", 11}, [C_CALLS] = {"calls", 9},
    [C_ERRORS] = {"errors", 9}, [C_NAME] = {"syscall", 16},
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const uint8_t default_cols[] = {C_PCT, C_SECONDS, C_USECS, C_CALLS, C_ERRORS, C_NAME};

struct rn_summary *rn_summary__new(void)
{
	struct rn_summary *s = calloc(1, sizeof(struct rn_summary));

	if (!s)
		return NULL;
	memcpy(s->cols, default_cols, sizeof(default_cols));
	s->ncols = ARRAY_LEN(default_cols);
	return s;
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

int rn_summary__set_columns(struct rn_summary *s, const char *spec, char *err, size_t errlen)
{
	uint8_t cols[NCOLUMNS];
	bool seen[NCOLUMNS] = {false};
	unsigned n = 0;
	const char *tok = spec;

	for (;;) {
		size_t len = strcspn(tok, ",");
		int col = -1;

		for (size_t i = 0; i < ARRAY_LEN(sort_names); i++)
			if (strlen(sort_names[i].name) == len &&
			    !strncmp(tok, sort_names[i].name, len))
				col = sort_names[i].column;
		if (col < 0) {
			snprintf(err, errlen, "unknown column name: '%.*s'", (int)len, tok);
			return -EINVAL;
		}
		if (seen[col]) {
			snprintf(err, errlen,
				 "call summary column has been provided more than once: '%.*s' "
				 "(-U option residual: '%s')",
				 (int)len, tok, tok);
			return -EINVAL;
		}
		seen[col] = true;
		cols[n++] = (uint8_t)col;
		if (!tok[len])
			break;
		tok += len + 1;
	}
	if (!seen[C_NAME])
		cols[n++] = C_NAME; /* strace's: a row without its name says nothing */
	memcpy(s->cols, cols, n);
	s->ncols = n;
	return 0;
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

/* One row's cells; name NULL for the lost row (lost instead). */
struct cells {
	double pct, secs;
	uint64_t min_ns, max_ns, usecs, calls, errors;
	const char *name;
};

static void print_dashes(const struct rn_summary *s, const unsigned *w, FILE *out)
{
	for (unsigned i = 0; i < s->ncols; i++) {
		if (i)
			fputc(' ', out);
		for (unsigned j = 0; j < w[s->cols[i]]; j++)
			fputc('-', out);
	}
	fputc('\n', out);
}

static void print_header(const struct rn_summary *s, const unsigned *w, FILE *out)
{
	for (unsigned i = 0; i < s->ncols; i++) {
		enum column c = s->cols[i];
		bool last = i + 1 == s->ncols;

		if (c == C_NAME && last)
			fputs(columns[c].header, out);
		else
			fprintf(out, c == C_NAME ? "%-*s" : "%*s", (int)w[c], columns[c].header);
		fputc(last ? '\n' : ' ', out);
	}
}

static void print_cells(const struct rn_summary *s, const unsigned *w, const struct cells *v,
			const char *lost, FILE *out)
{
	for (unsigned i = 0; i < s->ncols; i++) {
		enum column c = s->cols[i];
		int wc = (int)w[c];

		if (i)
			fputc(' ', out);
		if (lost && c != C_CALLS && c != C_NAME) {
			fprintf(out, "%*s", wc, "");
			continue;
		}
		switch (c) {
		case C_PCT:
			fprintf(out, "%*.2f", wc, v->pct);
			break;
		case C_SECONDS:
			fprintf(out, "%*.6f", wc, v->secs);
			break;
		case C_MIN:
			fprintf(out, "%*.6f", wc, ns_float(v->min_ns));
			break;
		case C_MAX:
			fprintf(out, "%*.6f", wc, ns_float(v->max_ns));
			break;
		case C_USECS:
			fprintf(out, "%*" PRIu64, wc, v->usecs);
			break;
		case C_CALLS:
			fprintf(out, "%*" PRIu64, wc, v->calls);
			break;
		case C_ERRORS: /* %.0 prints nothing for 0: strace leaves a zero cell blank */
			fprintf(out, "%*.0" PRIu64, wc, v->errors);
			break;
		default:
			if (i + 1 == s->ncols)
				fputs(lost ? lost : v->name, out);
			else
				fprintf(out, "%-*s", wc, lost ? lost : v->name);
			break;
		}
	}
	fputc('\n', out);
}

/* The lost events under the total: not in any row above, so the table is not the whole run. */
static void print_lost(const struct rn_summary *s, const unsigned *w, FILE *out)
{
	struct cells v = {.calls = s->lost};
	char text[160], where[96] = "";

	if (s->lost_gaps)
		snprintf(where, sizeof(where), ", %" PRIu64 " gap%s on %" PRIu64 " thread%s",
			 s->lost_gaps, s->lost_gaps == 1 ? "" : "s", s->lost_threads,
			 s->lost_threads == 1 ? "" : "s");
	snprintf(text, sizeof(text), "lost (not in the rows above%s)", where);
	print_cells(s, w, &v, text, out);
}

static unsigned max_u(unsigned a, int b)
{
	return b > (int)a ? (unsigned)b : a;
}

void rn_summary__print(const struct rn_summary *s, FILE *out)
{
	int order[RN_MAX_SYSCALLS], n = 0, j, nr;
	uint64_t tot_ns = 0, calls = 0, errors = 0, avg_max = 0, min_ns = UINT64_MAX, max_ns = 0;
	size_t name_max = 0;
	unsigned w[NCOLUMNS];
	struct cells v;
	double tot;
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
		if (r->min_ns < min_ns)
			min_ns = r->min_ns;
		if (r->max_ns > max_ns)
			max_ns = r->max_ns;
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

	for (int c = 0; c < NCOLUMNS; c++)
		w[c] = max_u(columns[c].width, (int)strlen(columns[c].header));
	w[C_SECONDS] = max_u(w[C_SECONDS], snprintf(NULL, 0, "%.6f", tot));
	w[C_MIN] = max_u(w[C_MIN], snprintf(NULL, 0, "%.6f", ns_float(max_ns)));
	w[C_MAX] = max_u(w[C_MAX], snprintf(NULL, 0, "%.6f", ns_float(max_ns)));
	w[C_USECS] =
	    max_u(w[C_USECS], snprintf(NULL, 0, "%" PRIu64, (uint64_t)(ns_float(avg_max) * 1e6)));
	w[C_CALLS] = max_u(w[C_CALLS], snprintf(NULL, 0, "%" PRIu64, calls));
	w[C_ERRORS] = max_u(w[C_ERRORS], snprintf(NULL, 0, "%" PRIu64, errors));
	w[C_NAME] = max_u(w[C_NAME], (int)name_max + 1);

	print_header(s, w, out);
	print_dashes(s, w, out);
	for (int i = 0; i < n; i++) {
		const struct row *r = &s->rows[order[i]];

		v.secs = ns_float(r->time_ns);
		/* As strace: a zero time stays 0 even when the total is 0 too (no 0/0). */
		v.pct = 100.0 * v.secs;
		if (v.pct != 0.0)
			v.pct /= tot;
		v.min_ns = r->min_ns;
		v.max_ns = r->max_ns;
		v.usecs = (uint64_t)(ns_float(r->time_ns / r->calls) * 1e6);
		v.calls = r->calls;
		v.errors = r->errors;
		v.name = row_name(order[i], buf, sizeof(buf));
		print_cells(s, w, &v, NULL, out);
	}
	print_dashes(s, w, out);
	v = (struct cells){.pct = 100.0,
			   .secs = tot,
			   .min_ns = min_ns,
			   .max_ns = max_ns,
			   .usecs = (uint64_t)(tot / (double)calls * 1e6),
			   .calls = calls,
			   .errors = errors,
			   .name = "total"};
	print_cells(s, w, &v, NULL, out);
	if (s->lost)
		print_lost(s, w, out);
}
