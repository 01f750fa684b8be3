// SPDX-License-Identifier: MIT
/* The checker's verdicts for people (one line per assertion) and as JSON data. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "assert_report.h"

static void value(FILE *out, const struct rn_measure *m, double v)
{
	if (!strcmp(m->unit, "ms"))
		fprintf(out, "%.3f ms", v);
	else if (!strcmp(m->unit, "bytes"))
		fprintf(out, "%.0f bytes (%.1f MiB)", v, v / 1048576.0);
	else if (!strcmp(m->what, "confidence"))
		fprintf(out, "%.2f", v);
	else
		fprintf(out, "%.0f", v);
}

void rn_assert_report__measures(FILE *out, const struct rn_assert_result *r)
{
	for (unsigned i = 0; i < r->nm; i++) {
		const struct rn_measure *m = &r->m[i];

		fprintf(out, "%s%s ", i ? ", " : "", m->what);
		value(out, m, m->value);
		fprintf(out, " %s ", m->violated ? ">" : "<=");
		value(out, m, m->budget);
	}
	if (r->unmeasured)
		fprintf(out, "%snot measured", r->nm ? ", " : "");
}

void rn_assert_report__counts(const struct rn_checker *c, unsigned counts[4])
{
	memset(counts, 0, 4 * sizeof(*counts));
	for (size_t i = 0; i < rn_checker__count(c); i++)
		counts[rn_checker__result(c, i)->verdict]++;
}

int rn_assert_report__text(const struct rn_checker *c, FILE *out)
{
	unsigned counts[4];

	for (size_t i = 0; i < rn_checker__count(c); i++) {
		const struct rn_assert_result *r = rn_checker__result(c, i);

		fprintf(out, "%-7s %s (%s)", rn_verdict__name(r->verdict), r->a->name,
			rn_assert_type__name(r->a->type));
		if (r->verdict == RN_SKIPPED) {
			fprintf(out, ": disabled\n");
			continue;
		}
		fprintf(out, ": ");
		rn_assert_report__measures(out, r);
		if (r->verdict != RN_PASS && r->evidence[0]) {
			fprintf(out, "; evidence: %s", r->evidence);
			for (unsigned k = 0; k < r->nids; k++)
				fprintf(out, "%s%llu", k ? ", " : " (event ids ",
					(unsigned long long)r->ids[k]);
			fprintf(out, "%s", r->nids ? ")" : "");
		}
		fprintf(out, "\n");
	}
	rn_assert_report__counts(c, counts);
	fprintf(out, "%zu assertion%s: %u passed, %u failed, %u warned, %u skipped\n",
		rn_checker__count(c), rn_checker__count(c) == 1 ? "" : "s", counts[RN_PASS],
		counts[RN_FAIL], counts[RN_WARN], counts[RN_SKIPPED]);
	if (rn_checker__note(c)[0])
		fprintf(out, "note: %s\n", rn_checker__note(c));
	return ferror(out) ? -EIO : 0;
}

static json_t *result_json(const struct rn_assert_result *r)
{
	json_t *o = json_object(), *ms = json_array(), *ids = json_array();

	json_object_set_new(o, "name", json_string(r->a->name));
	json_object_set_new(o, "type", json_string(rn_assert_type__name(r->a->type)));
	if (r->a->type == RN_AT_ANTI_PATTERN)
		json_object_set_new(o, "pattern",
				    json_string(rn_antipattern__name(r->a->antipattern)));
	json_object_set_new(o, "verdict", json_string(rn_verdict__name(r->verdict)));
	json_object_set_new(o, "enforced", json_boolean(r->a->fail_on_violation));
	json_object_set_new(o, "line", json_integer(r->a->line));
	for (unsigned i = 0; i < r->nm; i++) {
		const struct rn_measure *m = &r->m[i];

		json_array_append_new(ms, json_pack("{s:s, s:s, s:f, s:f, s:b}", "what", m->what,
						    "unit", m->unit, "value", m->value, "budget",
						    m->budget, "violated", m->violated));
	}
	json_object_set_new(o, "measures", ms);
	json_object_set_new(o, "measured", json_boolean(!r->unmeasured));
	json_object_set_new(o, "evidence", json_string(r->evidence));
	for (unsigned k = 0; k < r->nids; k++)
		json_array_append_new(ids, json_integer((json_int_t)r->ids[k]));
	json_object_set_new(o, "event_ids", ids);
	return o;
}

int rn_assert_report__json(const struct rn_checker *c, FILE *out)
{
	json_t *root = json_object(), *arr = json_array();
	unsigned counts[4];
	int err;

	if (!root || !arr) {
		json_decref(root);
		json_decref(arr);
		return -ENOMEM;
	}
	for (size_t i = 0; i < rn_checker__count(c); i++)
		json_array_append_new(arr, result_json(rn_checker__result(c, i)));
	rn_assert_report__counts(c, counts);
	json_object_set_new(root, "assertions", arr);
	json_object_set_new(root, "summary",
			    json_pack("{s:i, s:i, s:i, s:i}", "passed", counts[RN_PASS], "failed",
				      counts[RN_FAIL], "warned", counts[RN_WARN], "skipped",
				      counts[RN_SKIPPED]));
	json_object_set_new(root, "note", json_string(rn_checker__note(c)));
	json_object_set_new(root, "status", json_integer(rn_checker__status(c)));
	err = json_dumpf(root, out,
			 JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII |
			     JSON_REAL_PRECISION(15));
	json_decref(root);
	if (err)
		return -EIO;
	fputc('\n', out);
	return ferror(out) ? -EIO : 0;
}
