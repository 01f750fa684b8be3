// SPDX-License-Identifier: MIT
/* The JSON document of `renacerctl stats --json` (docs/system-wide.md), written by renacerd. */
#include <stdio.h>

#include "errnames.h"
#include "sysstats.h"

void rn_json__string(struct rn_strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;

	rn_strbuf__putc(sb, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\') {
			rn_strbuf__putc(sb, '\\');
			rn_strbuf__putc(sb, (char)*p);
		} else if (*p >= 0x20 && *p < 0x7f) {
			rn_strbuf__putc(sb, (char)*p);
		} else {
			/* control bytes, and bytes a comm or path may hold that are not UTF-8 */
			char u[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};

			rn_strbuf__append(sb, u, sizeof(u));
		}
	}
	rn_strbuf__putc(sb, '"');
}

static void key_u64(struct rn_strbuf *sb, const char *key, uint64_t v)
{
	rn_strbuf__printf(sb, "\"%s\":", key);
	rn_strbuf__append_u64(sb, v);
}

static void key_str(struct rn_strbuf *sb, const char *key, const char *v)
{
	rn_strbuf__printf(sb, "\"%s\":", key);
	if (v && *v)
		rn_json__string(sb, v);
	else
		rn_strbuf__puts(sb, "null");
}

static void call_json(struct rn_strbuf *sb, const struct rn_ss_call *c,
		      const char *(*name_of)(int nr))
{
	const char *name = name_of ? name_of(c->nr) : NULL;
	struct rn_agg_val all;
	char buf[32];
	uint32_t i;

	if (!name) {
		snprintf(buf, sizeof(buf), "syscall_%d", c->nr);
		name = buf;
	}
	rn_strbuf__puts(sb, "{");
	key_str(sb, "name", name);
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "calls", c->v.calls);
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "errors", c->v.errors);
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "bytes", c->v.bytes);
	rn_strbuf__puts(sb, ",\"latency_ns\":{");
	rn_ss_call__full(c, &all);
	key_u64(sb, "p50", rn_ss__percentile(all.hist, c->v.max_ns, 0.50));
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "p99", rn_ss__percentile(all.hist, c->v.max_ns, 0.99));
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "max", c->v.max_ns);
	rn_strbuf__puts(sb, "}");
	if (c->nerrnos) {
		rn_strbuf__puts(sb, ",\"errnos\":{");
		for (i = 0; i < c->nerrnos; i++) {
			const char *en = rn_errno__name(c->errnos[i].err);

			if (i)
				rn_strbuf__putc(sb, ',');
			if (en)
				rn_json__string(sb, en);
			else
				rn_strbuf__printf(sb, "\"%u\"", c->errnos[i].err);
			rn_strbuf__printf(sb, ":%llu", (unsigned long long)c->errnos[i].count);
		}
		rn_strbuf__puts(sb, "}");
	}
	rn_strbuf__puts(sb, "}");
}

static void proc_json(struct rn_strbuf *sb, const struct rn_ss_proc *p,
		      const char *(*name_of)(int nr))
{
	uint32_t i;
	bool first = true;

	rn_strbuf__puts(sb, "{");
	key_u64(sb, "pid", p->pid);
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "ppid", p->ppid);
	rn_strbuf__puts(sb, ",");
	key_str(sb, "comm", p->comm);
	rn_strbuf__puts(sb, ",");
	key_str(sb, "exe", p->exe);
	rn_strbuf__puts(sb, ",");
	key_str(sb, "cgroup", p->cgroup);
	rn_strbuf__puts(sb, ",");
	key_str(sb, "container_id", p->ctr.id);
	if (p->ctr.runtime[0]) {
		rn_strbuf__puts(sb, ",");
		key_str(sb, "container_runtime", p->ctr.runtime);
	}
	if (p->ctr.pod_uid[0]) {
		rn_strbuf__puts(sb, ",");
		key_str(sb, "pod_uid", p->ctr.pod_uid);
	}
	if (p->ctr.unit[0]) {
		rn_strbuf__puts(sb, ",");
		key_str(sb, "unit", p->ctr.unit);
	}
	if (p->ended) {
		rn_strbuf__puts(sb, ",");
		key_u64(sb, "wall_ns", p->end_ns > p->start_ns ? p->end_ns - p->start_ns : 0);
		rn_strbuf__puts(sb, ",");
		key_u64(sb, "cpu_ns", p->cpu_ns);
		rn_strbuf__puts(sb, ",");
		key_u64(sb, "peak_rss_bytes", p->rss_bytes);
		rn_strbuf__puts(sb, ",\"exit\":");
		if ((p->exit_status & 0x7f) == 0)
			rn_strbuf__printf(sb, "{\"code\":%d}", (p->exit_status >> 8) & 0xff);
		else
			rn_strbuf__printf(sb, "{\"signal\":\"%s\"}",
					  rn_signal__name(p->exit_status & 0x7f)
					      ? rn_signal__name(p->exit_status & 0x7f)
					      : "?");
	}
	rn_strbuf__puts(sb, ",\"syscalls\":[");
	for (i = 0; i < p->ncalls; i++) {
		if (!p->calls[i].v.calls)
			continue;
		if (!first)
			rn_strbuf__putc(sb, ',');
		first = false;
		call_json(sb, &p->calls[i], name_of);
	}
	rn_strbuf__puts(sb, "]}");
}

static void slow_json(struct rn_strbuf *sb, const struct rn_ss_slow *sl,
		      const char *(*name_of)(int nr))
{
	const char *name = name_of ? name_of(sl->nr) : NULL;
	char buf[32];
	unsigned i;

	if (!name) {
		snprintf(buf, sizeof(buf), "syscall_%d", sl->nr);
		name = buf;
	}
	rn_strbuf__puts(sb, "{");
	key_u64(sb, "pid", sl->pid);
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "tid", sl->tid);
	rn_strbuf__puts(sb, ",");
	key_str(sb, "name", name);
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "duration_ns", sl->duration_ns);
	rn_strbuf__puts(sb, ",\"args\":[");
	for (i = 0; i < sl->nargs; i++) {
		if (i)
			rn_strbuf__putc(sb, ',');
		rn_json__string(sb, sl->args[i] ? sl->args[i] : "");
	}
	rn_strbuf__puts(sb, "],");
	key_str(sb, "result", sl->result ? sl->result : "?");
	rn_strbuf__puts(sb, "}");
}

int rn_sysstats__json(struct rn_sysstats *s, struct rn_strbuf *sb, uint64_t evicted,
		      uint64_t dropped, const char *(*name_of)(int nr))
{
	size_t i, n = rn_sysstats__nprocs(s);

	rn_strbuf__puts(sb, "{\"processes\":[");
	for (i = 0; i < n; i++) {
		if (i)
			rn_strbuf__putc(sb, ',');
		proc_json(sb, rn_sysstats__at(s, i), name_of);
	}
	rn_strbuf__puts(sb, "],\"slow_calls\":[");
	for (i = 0; i < rn_sysstats__nslow(s); i++) {
		if (i)
			rn_strbuf__putc(sb, ',');
		slow_json(sb, rn_sysstats__slow_at(s, i), name_of);
	}
	rn_strbuf__puts(sb, "],");
	key_u64(sb, "evicted", evicted);
	rn_strbuf__puts(sb, ",");
	key_u64(sb, "dropped", dropped);
	rn_strbuf__puts(sb, "}\n");
	return rn_strbuf__reserve(sb, 1);
}
