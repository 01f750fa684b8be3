// SPDX-License-Identifier: MIT
/* What `make bench` prints: the markdown table on stdout and DIR/results.json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench.h"

/* Calls of a workload: fixed for the storms, else the median of renacerctl -c's total. */
static double workload_calls(size_t wi)
{
	const struct workload *w = &workloads[wi];

	if (w->calls)
		return (double)w->calls;
	for (int ti = 0; ti < ntracers(w); ti++)
		if (cells[wi][ti].med.calls > 0)
			return cells[wi][ti].med.calls;
	return 0;
}

/* Events in a reader's input: the total of the summary of the same file. */
static double reader_calls(size_t wi, const char *input)
{
	for (int ti = 0; ti < ntracers(&workloads[wi]); ti++) {
		const struct cell *c = &cells[wi][ti];
		const struct tracer *t = &tracers[c->tracer];

		if (t->input && !strcmp(t->input, input) && c->med.calls > 0)
			return c->med.calls;
	}
	return 0;
}

static const struct cell *untraced(size_t wi)
{
	const struct cell *c = &cells[wi][0];

	return c->tracer == T_UNTRACED && c->n ? c : NULL;
}

/* "received (not delivered)" of an F_OTLP row, else empty. */
static char *otlp_cell(char *buf, size_t size, const struct cell *c)
{
	buf[0] = '\0';
	if (tracers[c->tracer].flags & F_OTLP)
		snprintf(buf, size, "%.0f (%.0f)", c->med.spans, c->med.dropped);
	return buf;
}

static char *fmt(char *buf, size_t size, const char *f, double v, bool show)
{
	buf[0] = '\0';
	if (show)
		snprintf(buf, size, f, v);
	return buf;
}

static void machine(FILE *out, bool json)
{
	struct utsname u;
	char cpu[256] = "?", *buf = slurp("/proc/cpuinfo", 1 << 16), *p;
	long mem = (long)((double)sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE) / (1 << 20));
	char commit[64] = "?";
	FILE *git = popen("git rev-parse --short HEAD 2>/dev/null", "r");

	if (git) {
		if (fgets(commit, sizeof(commit), git))
			commit[strcspn(commit, "\n")] = '\0';
		pclose(git);
	}

	uname(&u);
	if (buf && (p = strstr(buf, "model name")) && (p = strchr(p, ':'))) {
		snprintf(cpu, sizeof(cpu), "%s", p + 2);
		if ((p = strchr(cpu, '\n')))
			*p = '\0';
	}
	free(buf);
	if (json)
		fprintf(out,
			"  \"machine\": {\"nproc\": %ld, \"kernel\": \"%s\", \"cpu\": \"%s\", "
			"\"mem_mib\": %ld},\n  \"commit\": \"%s\",\n  \"runs\": %d,\n"
			"  \"slow_runs\": %d,\n",
			sysconf(_SC_NPROCESSORS_ONLN), u.release, cpu, mem, commit, runs,
			slow_runs);
	else
		fprintf(out,
			"machine: %ld cores (%s), %ld MiB, Linux %s; renacer %s; medians of %d "
			"runs\n\n",
			sysconf(_SC_NPROCESSORS_ONLN), cpu, mem, u.release, commit, runs);
}

void table(FILE *out)
{
	machine(out, false);
	fprintf(out,
		"| workload | tracer | runs | wall s | x untraced | overhead ns/call | "
		"events/s | trace bytes/event | total CPU s | tracer CPU s | tracer peak RSS MiB | "
		"renacerd CPU s | renacerd peak RSS MiB | lost | OTLP spans received (not "
		"delivered) |\n");
	fprintf(out, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (size_t wi = 0; wi < NWORK; wi++) {
		const struct workload *w = &workloads[wi];
		const struct cell *u = untraced(wi);
		double calls = workload_calls(wi);

		if (!wanted(w->name, only))
			continue;
		for (int ti = 0; ti < ntracers(w); ti++) {
			const struct cell *c = &cells[wi][ti];
			const struct tracer *t = &tracers[c->tracer];
			const struct sample *m = &c->med;
			bool base = c->tracer == T_UNTRACED, reader = t->flags & F_READER;
			bool traced = !base && !reader && !(t->flags & F_ASIDE);
			bool tracer = traced || reader;
			char a[12][48];

			if (!tracer_wanted(c->tracer))
				continue;
			if (t->flags & F_NOTYET) {
				fprintf(
				    out,
				    "| %s | %s | | not implemented yet | | | | | | | | | | | |\n",
				    w->name, t->name);
				continue;
			}
			if (c->failed) {
				fprintf(out, "| %s | %s | | %s%s | | | | | | | | | | | |\n",
					w->name, t->name,
					t->flags & F_OPTIONAL || c->unavailable ? "" : "FAILED: ",
					c->why);
				continue;
			}
			if (!c->n) {
				fprintf(out, "| %s | %s | 0 | not run | | | | | | | | | | | |\n",
					w->name, t->name);
				continue;
			}
			/* an export's events are the spans it sent */
			if (reader)
				calls = t->flags & F_OTLP ? m->spans : reader_calls(wi, t->input);
			fprintf(out,
				"| %s | %s | %d | %.3f | %s | %s | %s | %s | %.2f | %s | %s | %s | "
				"%s | %s | %s |\n",
				w->name, t->name, c->n, m->wall,
				fmt(a[0], 48, "%.2fx", m->wall / (u ? u->med.wall : 1),
				    u && !base && !reader),
				fmt(a[1], 48, "%.0f",
				    (m->wall - (u ? u->med.wall : 0)) / calls * 1e9,
				    u && calls > 0 && !base && !reader),
				fmt(a[2], 48, "%.3g", calls / m->wall,
				    calls > 0 && ((traced && w->calls) || reader)),
				fmt(a[3], 48, "%.1f", m->bytes / calls, m->bytes > 0 && calls > 0),
				m->cpu_all, fmt(a[4], 48, "%.2f", m->cpu_self, tracer),
				fmt(a[5], 48, "%.1f", m->hwm_mib, tracer),
				fmt(a[6], 48, "%.2f", m->daemon_cpu, t->flags & F_DAEMON),
				fmt(a[7], 48, "%.1f", m->daemon_mib, t->flags & F_DAEMON),
				fmt(a[8], 48, "%.0f", m->lost, t->flags & F_RENACER),
				otlp_cell(a[9], 48, c));
		}
	}
	fprintf(out,
		"\nstrace, strace -c, perf trace, the .json/.jsonl writers and the .json "
		"readers ran %d time(s) on the 1M storms (their 10M runs would take minutes "
		"each); the overhead per call compares across sizes. total CPU: user+sys of the "
		"whole process tree (tracer and workload, not renacerd). tracer CPU and RSS: the "
		"tracer process alone. Calls of the other workloads: renacerctl -c's count; of "
		"the readers: summary's count; of an export: the spans the receiver got (their "
		"rate in events/s). --otlp rows: against -o .txt without it, a fresh "
		"tests/otlp/receiver.js (Node, counting only) on each run.\n",
		slow_runs < runs ? slow_runs : runs);
}

static void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(out, "\\u%04x", *s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

void percall_table(FILE *out)
{
	fprintf(out,
		"\nPer-call cost by kind of call (tests/fixtures/callmix: its own clock, no "
		"start-up; medians; strace on 1/%d of the rounds):\n\n",
		STRACE_DIV);
	fprintf(out,
		"| call | untraced ns | renacerctl .rnt +ns | renacerd .rnt +ns | strace +ns | "
		"strace / renacerctl |\n|---|--:|--:|--:|--:|--:|\n");
	for (size_t k = 0; k < NKINDS; k++) {
		const double *v = percall[k];
		char a[4][32];

		for (int tr = PC_RNT; tr < PC_N; tr++)
			fmt(a[tr - PC_RNT], 32, "%.0f", v[tr] - v[PC_UNTRACED],
			    v[tr] > 0 && v[PC_UNTRACED] > 0);
		fmt(a[3], 32, "%.0fx",
		    (v[PC_STRACE] - v[PC_UNTRACED]) / (v[PC_RNT] - v[PC_UNTRACED]),
		    v[PC_STRACE] > 0 && v[PC_RNT] > v[PC_UNTRACED] && v[PC_UNTRACED] > 0);
		fprintf(out, "| %s | %.0f | %s | %s | %s | %s |\n", percall_kinds[k].kind,
			v[PC_UNTRACED], a[0], a[1], a[2], a[3]);
	}
}

static void percall_json(FILE *out)
{
	fprintf(out, "  \"per_call\": [");
	for (size_t k = 0; k < NKINDS; k++) {
		fprintf(out, "%s\n    {\"call\": \"%s\"", k ? "," : "", percall_kinds[k].kind);
		for (int tr = 0; tr < PC_N; tr++) {
			fprintf(out, ", ");
			json_str(out, percall_tracers[tr]);
			fprintf(out, ": %.1f", percall[k][tr]);
		}
		fprintf(out, "}");
	}
	fprintf(out, "\n  ],\n");
}

void results_json(FILE *out, double total)
{
	static const char *const names[NFIELDS] = {"wall_s",
						   "cpu_all_s",
						   "tracer_cpu_s",
						   "renacerd_cpu_s",
						   "tracer_peak_rss_mib",
						   "renacerd_peak_rss_mib",
						   "trace_bytes",
						   "lost",
						   "calls",
						   "otlp_spans",
						   "otlp_not_delivered"};
	bool first = true;

	fprintf(out, "{\n");
	machine(out, true);
	if (wanted("per call", only) && !only_tracers)
		percall_json(out);
	fprintf(out, "  \"total_runtime_s\": %.1f,\n  \"rows\": [", total);
	for (size_t wi = 0; wi < NWORK; wi++) {
		const struct workload *w = &workloads[wi];
		const struct cell *u = untraced(wi);
		double calls = workload_calls(wi);

		if (!wanted(w->name, only))
			continue;
		for (int ti = 0; ti < ntracers(w); ti++) {
			const struct cell *c = &cells[wi][ti];
			const struct tracer *t = &tracers[c->tracer];
			double cl = t->flags & F_READER ? reader_calls(wi, t->input) : calls;

			if (!tracer_wanted(c->tracer))
				continue;
			if ((t->flags & F_READER) && (t->flags & F_OTLP))
				cl = c->med.spans;

			fprintf(out, "%s\n    {\"workload\": ", first ? "" : ",");
			first = false;
			json_str(out, w->name);
			fprintf(out, ", \"tracer\": ");
			json_str(out, t->name);
			if (t->flags & F_NOTYET) {
				fprintf(out, ", \"status\": \"not implemented yet\"}");
				continue;
			}
			if (c->failed || !c->n) {
				fprintf(out, ", \"status\": ");
				json_str(out, c->failed ? c->why : "not run");
				fprintf(out, "}");
				continue;
			}
			fprintf(out, ", \"status\": \"ok\", \"runs\": %d, \"calls\": %.0f", c->n,
				cl);
			for (size_t f = 0; f < NFIELDS; f++)
				fprintf(out, ", \"%s\": %.6g", names[f],
					((const double *)&c->med)[f]);
			if (u && c != u && !(t->flags & F_READER)) {
				fprintf(out, ", \"ratio\": %.4f", c->med.wall / u->med.wall);
				if (cl > 0)
					fprintf(out, ", \"overhead_ns_per_call\": %.1f",
						(c->med.wall - u->med.wall) / cl * 1e9);
			}
			if (cl > 0)
				fprintf(out, ", \"events_per_s\": %.0f", cl / c->med.wall);
			if (c->med.bytes > 0 && cl > 0)
				fprintf(out, ", \"bytes_per_event\": %.2f", c->med.bytes / cl);
			fprintf(out, ", \"wall_samples_s\": [");
			for (int i = 0; i < c->n; i++)
				fprintf(out, "%s%.4f", i ? ", " : "", c->s[i].wall);
			fprintf(out, "]}");
		}
	}
	fprintf(out, "\n  ]\n}\n");
}
