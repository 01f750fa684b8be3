/* SPDX-License-Identifier: MIT */
/*
 * renacerd --system-wide over OTLP (sysmetrics.c): the aggregates as metrics every interval
 * (lib/export/otlp_metrics.c), slow calls as spans under their process's span, sent by the
 * OTLP delivery thread (never on the event loop).
 */
#ifndef RENACER_DAEMON_SYSMETRICS_H
#define RENACER_DAEMON_SYSMETRICS_H

#include <stddef.h>
#include <stdint.h>

struct rnd_daemon;
struct rn_sysstats;
struct rn_ss_slow;
struct rnd_sysmetrics;

/* *out is NULL (and 0 returned) when no OTLP endpoint is configured. */
int sysmetrics__new(struct rnd_sysmetrics **out, struct rnd_daemon *d, char *err, size_t errlen);
void sysmetrics__export(struct rnd_sysmetrics *m, struct rn_sysstats *s, uint64_t evicted);
void sysmetrics__slow(struct rnd_sysmetrics *m, struct rn_sysstats *s, const struct rn_ss_slow *sl);
void sysmetrics__free(struct rnd_sysmetrics *m);

#endif
