// SPDX-License-Identifier: MIT
/*
 * make bench: every tracer on every workload, one table (issue 5).
 * Each cell is run RUNS times (interleaved with the other tracers of its workload, so drift
 * hits all of them alike) and reported as medians: wall time, ratio and per-call overhead
 * against the untraced run of the same workload, events per second, trace bytes per event,
 * CPU and peak RSS of the tracer process (and of renacerd), events lost. Every run checks
 * the exit status and that the trace file is not empty; a failed cell says why and the bench
 * goes on. The table goes to stdout (markdown), the details to DIR/results.json.
 * Usage: bench [-r RUNS] [-s SLOW_RUNS] [-o DIR] [-w WORKLOADS] [-t TRACERS] BUILD
 * (-w, -t: comma-separated parts of names; the untraced row always runs with -t)
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

struct cell cells[NWORK][MAX_TRACERS];
const char *build, *outdir;
char tmpdir[PATH_MAX / 4], sockpath[64];
int runs = 3, slow_runs = 1;
const char *only, *only_tracers;
char otlp_url[64];
double percall[NKINDS][PC_N];
static bool short_row[NWORK]; /* the workload's warm-up run took less than SHORT_S */

static const char *keep_path(const char *ext, char *buf, size_t size)
{
	snprintf(buf, size, "%s/storm1m%s", tmpdir, ext);
	return buf;
}

/* One run of one cell. Returns 0, or -1 with c->why set. */
static int run_one(const struct workload *w, struct cell *c)
{
	const struct tracer *t = &tracers[c->tracer];
	char store[MAX_ARGS * 2][PATH_MAX], trace[PATH_MAX], in[PATH_MAX], errpath[PATH_MAX];
	char outpath[PATH_MAX];
	char *argv[MAX_ARGS * 2 + 1];
	struct sample *s = &c->s[c->n];
	struct env e;
	int argc = 0, rc;
	double dcpu0 = 0;
	bool warm;

	memset(s, 0, sizeof(*s));
	snprintf(trace, sizeof(trace), "%s/trace%s", tmpdir, t->ext ? t->ext : "");
	snprintf(errpath, sizeof(errpath), "%s/stderr", tmpdir);
	snprintf(outpath, sizeof(outpath), "/dev/null");
	if (t->input)
		keep_path(t->input, in, sizeof(in));
	if (t->input && file_size(in) <= 0) {
		snprintf(c->why, sizeof(c->why), "no %s trace of the 1M storm to read", t->input);
		return -1;
	}
	if (t->input && strstr(t->name, "summary"))
		snprintf(outpath, sizeof(outpath), "%s/summary.out", tmpdir);
	unlink(trace);
	rc = env_up(t->flags, &e, c->why, sizeof(c->why));
	if (rc) {
		c->unavailable = rc == -ENOENT;
		env_down(&e);
		return -1;
	}
	/* what runs beside the workload is measured in its steady state, as it is left running
	 * on a host: not the start-up work of a daemon that answers as soon as it has loaded, nor
	 * the first calls after an attach (every thread's first state, cold programs and maps),
	 * which one run of a short workload would carry whole: such a one runs once unmeasured */
	if (t->flags & F_ASIDE)
		sleep_ms(300);
	warm = (t->flags & F_ASIDE) && short_row[w - workloads];
	/* after env_up: {U} is the URL of the receiver it started */
	for (int i = 0; t->argv[i]; i++, argc++)
		expand(t->argv[i], trace, in, store[argc], PATH_MAX);
	for (int i = 0; w->argv[i]; i++, argc++)
		expand(w->argv[i], trace, in, store[argc], PATH_MAX);
	for (int i = 0; i < argc; i++)
		argv[i] = store[i];
	argv[argc] = NULL;
	if (warm)
		measure(argv, outpath, errpath, s);
	if (e.daemon)
		dcpu0 = proc_cpu(e.daemon);
	rc = measure(argv, outpath, errpath, s);
	if (e.receiver) {
		s->spans = otlp_received();
		s->dropped = parse_dropped(errpath);
	}
	if (e.daemon) {
		s->daemon_cpu = proc_cpu(e.daemon) - dcpu0;
		s->daemon_mib = proc_hwm(e.daemon);
	}
	env_down(&e);
	if (rc) {
		char line[200];

		first_line(errpath, line, sizeof(line));
		snprintf(c->why, sizeof(c->why), "%s%s (exit status %d)",
			 t->flags & F_OPTIONAL ? "not available: " : "", line, rc);
		return -1;
	}
	if (t->ext) {
		s->bytes = (double)file_size(trace);
		if (s->bytes <= 0) {
			snprintf(c->why, sizeof(c->why), "empty or missing trace file");
			return -1;
		}
	}
	if (t->flags & F_RENACER)
		s->lost = parse_lost(errpath);
	if (t->ext && !strcmp(t->ext, ".sum") && (t->flags & F_RENACER))
		s->calls = parse_total_calls(trace);
	if (t->input && strstr(t->name, "summary"))
		s->calls = parse_total_calls(outpath);
	if (w->keep && t->ext && (!strcmp(t->ext, ".rnt") || !strcmp(t->ext, ".json"))) {
		char kp[PATH_MAX];
		/* the 10M storm's .rnt is the selective queries' input (issue 16) */
		bool big = w->calls >= 10000000 && !strcmp(t->ext, ".rnt");

		rename(trace, keep_path(big ? ".10m.rnt" : t->ext, kp, sizeof(kp)));
	}
	unlink(trace);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void medians(struct cell *c)
{
	for (size_t f = 0; f < NFIELDS; f++) {
		double v[MAX_RUNS];

		for (int i = 0; i < c->n; i++)
			v[i] = ((const double *)&c->s[i])[f];
		qsort(v, c->n, sizeof(double), cmp_double);
		((double *)&c->med)[f] =
		    c->n % 2 ? v[c->n / 2] : (v[c->n / 2 - 1] + v[c->n / 2]) / 2;
	}
}

int ntracers(const struct workload *w)
{
	int n = 0;

	while (w->tracers[n] != T_END)
		n++;
	return n;
}

bool wanted(const char *name, const char *filter)
{
	const char *p = filter, *end;

	if (!filter)
		return true;
	for (; *p; p = *end ? end + 1 : end) {
		char part[256];

		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		snprintf(part, sizeof(part), "%.*s", (int)(end - p), p);
		if (*part && strstr(name, part))
			return true;
	}
	return false;
}

bool tracer_wanted(int tracer)
{
	return tracer == T_UNTRACED || wanted(tracers[tracer].name, only_tracers);
}

/*
 * A workload shorter than SHORT_S (its warm-up run) moves by several percent from run to run
 * on a small VM: its untraced row and the rows that run it beside something (the 1% targets
 * of issue 14) take MAX_RUNS runs whatever -r says, which costs seconds.
 */
#define SHORT_S 0.5

static int planned_runs(const struct workload *w, const struct tracer *t)
{
	int tr = (int)(t - tracers);

	if ((t->flags & F_NOTYET) || !tracer_wanted(tr))
		return 0;
	if (short_row[w - workloads] && (tr == T_UNTRACED || (t->flags & F_ASIDE)))
		return MAX_RUNS;
	return w->slow && (t->flags & F_SLOW) && slow_runs < runs ? slow_runs : runs;
}

static void run_workload(size_t wi)
{
	const struct workload *w = &workloads[wi];
	int nt = ntracers(w);

	/* One untraced run first, unmeasured, so the page cache is warm for all. */
	if (w->argv[0]) {
		char store[MAX_ARGS][PATH_MAX], *argv[MAX_ARGS + 1];
		struct sample s = {0};
		int n = 0;

		for (; w->argv[n]; n++) {
			expand(w->argv[n], "", "", store[n], PATH_MAX);
			argv[n] = store[n];
		}
		argv[n] = NULL;
		if (!measure(argv, "/dev/null", "/dev/null", &s))
			short_row[wi] = s.wall < SHORT_S;
	}
	for (int r = 0; r < MAX_RUNS; r++) {
		for (int ti = 0; ti < nt; ti++) {
			struct cell *c = &cells[wi][ti];
			const struct tracer *t = &tracers[c->tracer];

			if (c->failed || r >= planned_runs(w, t))
				continue;
			fprintf(stderr, "bench: %s | %s | run %d/%d ... ", w->name, t->name, r + 1,
				planned_runs(w, t));
			if (run_one(w, c)) {
				c->failed = true;
				fprintf(stderr, "%s%s\n", c->unavailable ? "" : "FAILED: ", c->why);
				continue;
			}
			fprintf(stderr, "%.3f s\n", c->s[c->n].wall);
			c->n++;
		}
	}
	for (int ti = 0; ti < nt; ti++)
		if (cells[wi][ti].n)
			medians(&cells[wi][ti]);
}

/* One run of callmix under tracer tr; returns its ns per call, or -1. */
static double percall_one(size_t k, int tr)
{
	char fx[PATH_MAX], rounds[32], trace[PATH_MAX], out[PATH_MAX], *buf;
	char *argv[16];
	int argc = 0, rc;
	struct env e;
	struct sample s = {0};
	double ns = -1;

	snprintf(fx, sizeof(fx), "%s/fixtures/callmix", build);
	snprintf(rounds, sizeof(rounds), "%ld",
		 percall_kinds[k].rounds / (tr == PC_STRACE ? STRACE_DIV : 1));
	snprintf(trace, sizeof(trace), "%s/percall.trace%s", tmpdir,
		 tr == PC_STRACE ? ".txt" : ".rnt");
	snprintf(out, sizeof(out), "%s/percall.out", tmpdir);
	if (env_up(tr == PC_DAEMON ? F_DAEMON : 0, &e, out, sizeof(out))) {
		env_down(&e);
		return -1;
	}
	snprintf(out, sizeof(out), "%s/percall.out", tmpdir);
	char ctl[PATH_MAX];

	snprintf(ctl, sizeof(ctl), "%s/renacerctl", build);
	if (tr == PC_RNT || tr == PC_DAEMON) {
		argv[argc++] = ctl;
		argv[argc++] = "trace";
		argv[argc++] = tr == PC_DAEMON ? "--daemon" : "--embedded";
		if (tr == PC_DAEMON) {
			argv[argc++] = "--socket";
			argv[argc++] = sockpath;
		}
	} else if (tr == PC_STRACE) {
		argv[argc++] = "strace";
	}
	if (tr != PC_UNTRACED) {
		argv[argc++] = "-f";
		argv[argc++] = "-o";
		argv[argc++] = trace;
		argv[argc++] = "--";
	}
	argv[argc++] = fx;
	argv[argc++] = (char *)percall_kinds[k].kind;
	argv[argc++] = rounds;
	argv[argc] = NULL;
	rc = measure(argv, out, "/dev/null", &s);
	env_down(&e);
	buf = slurp(out, 4096);
	if (!rc && buf && sscanf(buf, "%*s %lf", &ns) != 1)
		ns = -1;
	free(buf);
	unlink(trace);
	return rc ? -1 : ns;
}

static void percall_run(void)
{
	for (size_t k = 0; k < NKINDS; k++)
		for (int tr = 0; tr < PC_N; tr++) {
			double v[MAX_RUNS];
			int n = tr == PC_STRACE ? (slow_runs < runs ? slow_runs : runs) : runs,
			    got = 0;

			fprintf(stderr, "bench: per call | %s | %s ... ", percall_kinds[k].kind,
				percall_tracers[tr]);
			for (int r = 0; r < n; r++) {
				double ns = percall_one(k, tr);

				if (ns > 0)
					v[got++] = ns;
			}
			qsort(v, got, sizeof(double), cmp_double);
			percall[k][tr] = got ? v[got / 2] : -1;
			fprintf(stderr, "%.1f ns/call\n", percall[k][tr]);
		}
}

static void usage(void)
{
	fprintf(stderr,
		"usage: bench [-r RUNS] [-s SLOW_RUNS] [-o DIR] [-w WORKLOADS] [-t TRACERS] "
		"BUILD\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char path[PATH_MAX];
	double t0 = now();
	FILE *f;
	int opt;

	outdir = NULL;
	while ((opt = getopt(argc, argv, "r:s:o:w:t:")) != -1) {
		switch (opt) {
		case 'r':
			runs = atoi(optarg);
			break;
		case 's':
			slow_runs = atoi(optarg);
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'w':
			only = optarg;
			break;
		case 't':
			only_tracers = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || runs < 1 || runs > MAX_RUNS || slow_runs < 1)
		usage();
	build = argv[optind];
	if (!outdir) {
		snprintf(path, sizeof(path), "%s/bench", build);
		outdir = strdup(path);
	}
	mkdir(outdir, 0755);
	snprintf(tmpdir, sizeof(tmpdir), "%s/tmp.XXXXXX", outdir);
	if (!mkdtemp(tmpdir)) {
		perror("bench: mkdtemp");
		return 1;
	}
	/* A socket path must fit sun_path: keep it short, outside the build tree. */
	snprintf(sockpath, sizeof(sockpath), "/tmp/renacer-bench-%d.sock", (int)getpid());
	signal(SIGPIPE, SIG_IGN);

	for (size_t wi = 0; wi < NWORK; wi++) {
		for (int ti = 0; ti < ntracers(&workloads[wi]); ti++)
			cells[wi][ti].tracer = workloads[wi].tracers[ti];
		if (wanted(workloads[wi].name, only))
			run_workload(wi);
	}

	if (wanted("per call", only) && !only_tracers)
		percall_run();

	table(stdout);
	if (wanted("per call", only) && !only_tracers)
		percall_table(stdout);
	printf("\ntotal bench time: %.0f s\n", now() - t0);
	snprintf(path, sizeof(path), "%s/results.json", outdir);
	f = fopen(path, "w");
	if (f) {
		results_json(f, now() - t0);
		fclose(f);
	}
	unlink(sockpath);
	snprintf(path, sizeof(path), "rm -rf '%s'", tmpdir);
	if (system(path))
		fprintf(stderr, "bench: could not remove %s\n", tmpdir);
	return 0;
}
