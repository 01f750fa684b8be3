// SPDX-License-Identifier: MIT
/* The comparison report: text for people, JSON with the same fields for tools. */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"

static void origin_text(char *dst, size_t len, const struct rn_fx_origin *o)
{
	if (!o->pid && !o->event_id)
		snprintf(dst, len, "-");
	else if (!o->event_id)
		snprintf(dst, len, "pid %u", o->pid);
	else
		snprintf(dst, len, "pid %u, event %llu, lamport %llu", o->pid,
			 (unsigned long long)o->event_id, (unsigned long long)o->lamport);
}

static void perf_line(FILE *f, const char *name, double a, double b, const char *unit, int prec)
{
	fprintf(f, "  %-9s %.*f%s / %.*f%s\n", name, prec, a, unit, prec, b, unit);
}

int rn_cmp_report__text(const struct rn_cmp_result *r, const char *name_a, const char *name_b,
			FILE *f)
{
	const struct rn_cmp_perf *pa = &r->perf[0], *pb = &r->perf[1];
	unsigned nfail = 0, ninc = 0;

	fprintf(f, "compare: %s (first) vs %s (second)\n", name_a, name_b);
	for (int i = 0; i < RN_FX__N; i++) {
		const struct rn_cmp_cat *c = &r->cat[i];

		fprintf(f, "  %-10s %-13s %s\n", rn_fx_cat__name((enum rn_fx_cat)i),
			rn_cmp_verdict__name(c->v), c->counts);
		nfail += c->v == RN_CMP_FAIL;
		ninc += c->v == RN_CMP_INCONCLUSIVE;
	}
	for (int i = 0; i < RN_FX__N; i++) {
		const struct rn_cmp_cat *c = &r->cat[i];
		char oa[96], ob[96];

		if (c->v == RN_CMP_INCONCLUSIVE) {
			bool told = false;

			/* one line for the categories that share a reason (lost events: all) */
			for (int j = 0; j < i && !told; j++)
				told = r->cat[j].v == RN_CMP_INCONCLUSIVE &&
				       !strcmp(r->cat[j].why, c->why);
			if (told)
				continue;
			fprintf(f, "\n%s", rn_fx_cat__name((enum rn_fx_cat)i));
			for (int j = i + 1; j < RN_FX__N; j++)
				if (r->cat[j].v == RN_CMP_INCONCLUSIVE &&
				    !strcmp(r->cat[j].why, c->why))
					fprintf(f, ", %s", rn_fx_cat__name((enum rn_fx_cat)j));
			fprintf(f, ": INCONCLUSIVE: %s\n", c->why);
			continue;
		}
		if (c->v != RN_CMP_FAIL)
			continue;
		origin_text(oa, sizeof(oa), &c->a);
		origin_text(ob, sizeof(ob), &c->b);
		fprintf(f, "\n%s: FAIL: %s\n", rn_fx_cat__name((enum rn_fx_cat)i), c->what);
		if (c->offset >= 0 || c->expected[0] || c->actual[0]) {
			fprintf(f, "  first:  \"%s\"  (%s)\n", c->expected, oa);
			fprintf(f, "  second: \"%s\"  (%s)\n", c->actual, ob);
		} else {
			fprintf(f, "  first:  %s\n  second: %s\n", oa, ob);
		}
	}
	fprintf(f, "\nperformance%s:\n",
		r->max_slowdown > 0 ? "" : " (not part of the verdict; --max-slowdown X makes it)");
	perf_line(f, "wall", (double)pa->wall_ns / 1e9, (double)pb->wall_ns / 1e9, " s", 3);
	perf_line(f, "cpu", (double)pa->cpu_ns / 1e9, (double)pb->cpu_ns / 1e9, " s", 3);
	perf_line(f, "syscalls", (double)pa->syscalls, (double)pb->syscalls, "", 0);
	perf_line(f, "peak RSS", (double)pa->peak_rss / 1048576.0, (double)pb->peak_rss / 1048576.0,
		  " MiB", 1);
	if (r->speedup > 0)
		fprintf(f, "  speedup   %.2fx (second over first)%s\n", r->speedup,
			r->too_slow ? "; FAIL: slower than --max-slowdown allows" : "");
	fprintf(f, "\nverdict: %s", rn_cmp_verdict__name(r->overall));
	if (r->overall == RN_CMP_PASS)
		fprintf(f, " (equivalent)\n");
	else if (r->overall == RN_CMP_FAIL)
		fprintf(f, " (%u categor%s differ%s%s)\n", nfail, nfail == 1 ? "y" : "ies",
			nfail == 1 ? "s" : "", r->too_slow ? ", too slow" : "");
	else
		fprintf(f, " (%u categor%s could not be decided)\n", ninc, ninc == 1 ? "y" : "ies");
	return ferror(f) ? -EIO : 0;
}

static json_t *origin_json(const struct rn_fx_origin *o)
{
	if (!o->pid && !o->event_id)
		return json_null();
	return json_pack("{s:i, s:I, s:I}", "pid", (json_int_t)o->pid, "event_id",
			 (json_int_t)o->event_id, "lamport", (json_int_t)o->lamport);
}

static json_t *perf_json(const struct rn_cmp_perf *p)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "wall_ns", (json_int_t)p->wall_ns, "cpu_ns",
			 (json_int_t)p->cpu_ns, "syscalls", (json_int_t)p->syscalls,
			 "peak_rss_bytes", (json_int_t)p->peak_rss);
}

int rn_cmp_report__json(const struct rn_cmp_result *r, const char *name_a, const char *name_b,
			FILE *f)
{
	json_t *root = json_object(), *cats = json_array();
	int ret = -ENOMEM;

	if (!root || !cats)
		goto out;
	for (int i = 0; i < RN_FX__N; i++) {
		const struct rn_cmp_cat *c = &r->cat[i];
		json_t *o =
		    json_pack("{s:s, s:s, s:s}", "category", rn_fx_cat__name((enum rn_fx_cat)i),
			      "verdict", rn_cmp_verdict__name(c->v), "counts", c->counts);

		if (!o)
			goto out;
		if (c->v == RN_CMP_INCONCLUSIVE)
			json_object_set_new(o, "reason", json_string(c->why));
		if (c->v == RN_CMP_FAIL) {
			json_t *d =
			    json_pack("{s:s, s:s, s:s, s:o, s:o}", "what", c->what, "first",
				      c->expected, "second", c->actual, "first_origin",
				      origin_json(&c->a), "second_origin", origin_json(&c->b));

			if (d && c->offset >= 0)
				json_object_set_new(d, "offset", json_integer(c->offset));
			json_object_set_new(o, "divergence", d ? d : json_null());
		}
		json_array_append_new(cats, o);
	}
	json_object_set_new(root, "first", json_string(name_a));
	json_object_set_new(root, "second", json_string(name_b));
	json_object_set_new(root, "verdict", json_string(rn_cmp_verdict__name(r->overall)));
	json_object_set_new(root, "categories", cats);
	cats = NULL;
	json_object_set_new(root, "performance",
			    json_pack("{s:o, s:o, s:f, s:f, s:b}", "first", perf_json(&r->perf[0]),
				      "second", perf_json(&r->perf[1]), "speedup", r->speedup,
				      "max_slowdown", r->max_slowdown, "too_slow", r->too_slow));
	ret = json_dumpf(root, f, JSON_INDENT(2)) ? -EIO : 0;
	if (!ret && fputc('\n', f) == EOF)
		ret = -EIO;
out:
	json_decref(cats);
	json_decref(root);
	return ret;
}
