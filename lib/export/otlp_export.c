// SPDX-License-Identifier: MIT
/* One front's OTLP export: configuration, mapping and delivery together. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "otlp_export.h"
#include "otlp_map.h"

struct rn_otlp_export {
	struct rn_otlp_conf conf;
	struct rn_otlp_client *client;
	struct rn_otlp_map *map;
	struct rn_tr_sink msink;
	struct rn_tr_sink inner;
};

int rn_otlp_export__new(struct rn_otlp_export **out, const struct rn_otlp_export_opts *o, char *err,
			size_t errlen)
{
	struct rn_otlp_map_opts mo = {.spans = RN_OTLP_SPANS_SLOW,
				      .slow_ns = RN_OTLP_SLOW_DEFAULT_NS};
	struct rn_otlp_export *x = calloc(1, sizeof(*x));
	size_t i;
	int ret;

	*out = NULL;
	if (!x)
		return -ENOMEM;
	ret = rn_otlp_conf__init(&x->conf, o->url, err, errlen);
	for (i = 0; !ret && i < o->nheaders; i++)
		ret = rn_otlp_conf__add_header(&x->conf, o->headers[i], err, errlen);
	if (!ret && o->flush && rn_otlp_duration__parse(o->flush, 1000000000, &x->conf.flush_ns)) {
		snprintf(err, errlen,
			 "bad --otlp-flush-timeout '%s' (a duration such as 5s or 500ms)",
			 o->flush);
		ret = -EINVAL;
	}
	if (!ret && o->spans)
		ret = rn_otlp_spans__parse(o->spans, &mo.spans, &mo.slow_ns, err, errlen);
	if (ret)
		goto fail;
	if (o->queue)
		x->conf.queue_max = o->queue;
	x->conf.wait_for_room = o->wait_for_room;
	ret = rn_otlp_client__new(&x->client, &x->conf, err, errlen);
	if (ret)
		goto fail;
	mo.service_name = x->conf.service_name;
	mo.resource = x->conf.resource;
	mo.nresource = x->conf.nresource;
	mo.batch_spans = o->batch;
	mo.emit = rn_otlp_client__emit;
	mo.emit_ctx = x->client;
	ret = rn_otlp_map__new(&x->map, &mo);
	if (ret) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	rn_otlp_map__sink(x->map, &x->msink);
	*out = x;
	return 0;
fail:
	rn_otlp_export__close(x, NULL);
	return ret;
}

/* Each call goes to inner first (the file is what the user asked for), then to the map. */
#define TEE(name, type)                                                                            \
	static int tee_##name(void *ctx, type arg)                                                 \
	{                                                                                          \
		struct rn_otlp_export *x = ctx;                                                    \
		int ret = x->inner.name ? x->inner.name(x->inner.ctx, arg) : 0;                    \
		int ret2 = x->msink.name(x->msink.ctx, arg);                                       \
                                                                                                   \
		return ret ? ret : ret2;                                                           \
	}

TEE(header, const struct rn_tr_header *)
TEE(event, const struct rn_tr_event *)
TEE(process, const struct rn_tr_process *)
TEE(edge, const struct rn_tr_edge *)
TEE(gap, const struct rn_tr_gap *)

static int tee_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct rn_otlp_export *x = ctx;
	int ret = x->inner.finish ? x->inner.finish(x->inner.ctx, s) : 0;
	int ret2 = x->msink.finish(x->msink.ctx, s);

	return ret ? ret : ret2;
}

void rn_otlp_export__sink(struct rn_otlp_export *x, const struct rn_tr_sink *inner,
			  struct rn_tr_sink *out)
{
	x->inner = inner ? *inner : (struct rn_tr_sink){0};
	*out = (struct rn_tr_sink){.ctx = x,
				   .header = tee_header,
				   .event = tee_event,
				   .process = tee_process,
				   .edge = tee_edge,
				   .gap = tee_gap,
				   .finish = tee_finish};
}

const char *rn_otlp_export__url(const struct rn_otlp_export *x)
{
	return x->conf.url;
}

void rn_otlp_export__close(struct rn_otlp_export *x, struct rn_otlp_stats *st)
{
	if (!x) {
		if (st)
			memset(st, 0, sizeof(*st));
		return;
	}
	rn_otlp_map__free(x->map);
	if (x->client)
		rn_otlp_client__close(x->client, st);
	else if (st)
		memset(st, 0, sizeof(*st));
	free(x);
}
