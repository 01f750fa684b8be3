// SPDX-License-Identifier: MIT
/*
 * The system-wide mode's OTLP export: every interval, the aggregates as metrics and, as spans,
 * the slow calls kept since the last export (bounded) and the processes that ended since.
 * Packing happens on the loop (a few ms for thousands of processes); sending on the delivery
 * thread of lib/export/otlp_grpc.c, whose bounded queue drops rather than block.
 */
#include "sysmetrics.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "otlp_conf.h"
#include "otlp_grpc.h"
#include "otlp_metrics.h"
#include "sysstats.h"
#include "systable.h"

#define MAX_PENDING_SLOW 1024

struct rnd_sysmetrics {
	struct rn_otlp_client *cl;
	struct rn_otlp_slow *slow; /* kept since the last export */
	size_t nslow;
	uint64_t slow_dropped, last_export_ns, secret;
	char host[256];
};

int sysmetrics__new(struct rnd_sysmetrics **out, struct rnd_daemon *d, char *err, size_t errlen)
{
	static struct rn_otlp_conf conf;
	struct rnd_sysmetrics *m;
	uint32_t i;
	int ret;

	*out = NULL;
	ret = rn_otlp_conf__init(&conf, d->cfg.otlp_endpoint[0] ? d->cfg.otlp_endpoint : NULL, err,
				 errlen);
	if (ret == -ENOENT)
		return 0; /* no endpoint: nothing is exported */
	for (i = 0; !ret && i < d->cfg.notlp_headers; i++)
		ret = rn_otlp_conf__add_header(&conf, d->cfg.otlp_headers[i], err, errlen);
	if (ret)
		return ret;
	m = calloc(1, sizeof(*m));
	if (m)
		m->slow = calloc(MAX_PENDING_SLOW, sizeof(*m->slow));
	if (!m || !m->slow) {
		free(m);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = rn_otlp_client__new(&m->cl, &conf, err, errlen);
	if (ret) {
		free(m->slow);
		free(m);
		return ret;
	}
	if (getrandom(&m->secret, sizeof(m->secret), 0) < 0)
		m->secret = (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL;
	gethostname(m->host, sizeof(m->host) - 1);
	m->last_export_ns = daemon__now(CLOCK_MONOTONIC);
	rn_info("system-wide: OTLP metrics and slow-call spans to %s every %u s", conf.url,
		d->cfg.sys.interval_s);
	*out = m;
	return 0;
}

static void free_slow(struct rn_otlp_slow *s)
{
	unsigned i;

	for (i = 0; i < RN_AGG_NR_ARGS; i++)
		free(s->call.args[i]);
	free(s->call.result);
	memset(s, 0, sizeof(*s));
}

void sysmetrics__slow(struct rnd_sysmetrics *m, struct rn_sysstats *s, const struct rn_ss_slow *sl)
{
	struct rn_ss_proc *p;
	struct rn_otlp_slow *k;
	unsigned i;

	if (!m || !sl)
		return;
	if (m->nslow == MAX_PENDING_SLOW) {
		m->slow_dropped++;
		return;
	}
	p = rn_sysstats__proc(s, sl->pid, false, 0);
	k = &m->slow[m->nslow++];
	k->call = *sl;
	for (i = 0; i < sl->nargs; i++)
		k->call.args[i] = strdup(sl->args[i] ? sl->args[i] : "");
	k->call.result = strdup(sl->result ? sl->result : "?");
	k->proc_start_ns = p ? p->start_ns : 0;
}

void sysmetrics__export(struct rnd_sysmetrics *m, struct rn_sysstats *s, uint64_t evicted)
{
	struct rn_otlp_sys_opts o = {0};
	uint8_t *buf;
	size_t len, i;
	uint32_t nspans;

	if (!m)
		return;
	o.now_mono_ns = daemon__now(CLOCK_MONOTONIC);
	o.mono_to_real_ns = (int64_t)(daemon__now(CLOCK_REALTIME) - o.now_mono_ns);
	o.name_of = rn_syscall__name;
	o.host = m->host;
	o.evicted = evicted;
	o.dropped = m->slow_dropped;
	o.trace_secret = m->secret;
	if (!rn_otlp_metrics__pack(s, &o, &buf, &len))
		rn_otlp_client__push_metrics(m->cl, buf, len);
	if (!rn_otlp_sysspans__pack(s, m->slow, m->nslow, m->last_export_ns, &o, &buf, &len,
				    &nspans) &&
	    nspans)
		rn_otlp_client__push(m->cl, buf, len, nspans);
	for (i = 0; i < m->nslow; i++)
		free_slow(&m->slow[i]);
	m->nslow = 0;
	m->last_export_ns = o.now_mono_ns;
}

void sysmetrics__free(struct rnd_sysmetrics *m)
{
	size_t i;

	if (!m)
		return;
	rn_otlp_client__close(m->cl, NULL);
	for (i = 0; i < m->nslow; i++)
		free_slow(&m->slow[i]);
	free(m->slow);
	free(m);
}
