// SPDX-License-Identifier: MIT
#include "sysmetrics.h"

#include "daemon.h"

int sysmetrics__new(struct rnd_sysmetrics **out, struct rnd_daemon *d, char *err, size_t errlen)
{
	(void)d;
	(void)err;
	(void)errlen;
	*out = NULL;
	return 0;
}

void sysmetrics__export(struct rnd_sysmetrics *m, struct rn_sysstats *s, uint64_t evicted)
{
	(void)m;
	(void)s;
	(void)evicted;
}

void sysmetrics__slow(struct rnd_sysmetrics *m, struct rn_sysstats *s, const struct rn_ss_slow *sl)
{
	(void)m;
	(void)s;
	(void)sl;
}

void sysmetrics__free(struct rnd_sysmetrics *m)
{
	(void)m;
}
