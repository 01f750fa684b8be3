/* SPDX-License-Identifier: MIT */
/*
 * Where and how OTLP goes, from the command line and OpenTelemetry's environment
 * conventions: OTEL_EXPORTER_OTLP_{TRACES_,}ENDPOINT, _HEADERS, _TIMEOUT, OTEL_SERVICE_NAME,
 * OTEL_RESOURCE_ATTRIBUTES. Everything is checked here, at start: a malformed endpoint,
 * header or attribute list is refused with a message naming it, never found at the first
 * export.
 */
#ifndef RENACER_OTLP_CONF_H
#define RENACER_OTLP_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "otlp_map.h"

#define RN_OTLP_MAX_KV		  32
#define RN_OTLP_DEFAULT_PORT	  4317
#define RN_OTLP_TIMEOUT_DEFAULT	  (10ull * 1000000000) /* per call, as the spec's default */
#define RN_OTLP_FLUSH_DEFAULT	  (5ull * 1000000000)  /* the final flush at exit */
#define RN_OTLP_RETRY_MAX_DEFAULT (60ull * 1000000000) /* retries of one request, at most */
#define RN_OTLP_QUEUE_DEFAULT	  64		       /* requests waiting for the network */
#define RN_OTLP_CA_BUNDLE	  "/etc/ssl/certs/ca-certificates.crt"

struct rn_otlp_conf {
	char url[512];	  /* as given, for messages */
	char target[512]; /* host:port for the gRPC channel */
	bool tls;	  /* https://: TLS with the system roots */
	uint64_t timeout_ns;
	uint64_t flush_ns;
	uint64_t retry_max_ns; /* how long one request is retried before it is dropped */
	uint32_t queue_max;
	bool wait_for_room;	  /* a full queue makes push wait (export of a file), not drop */
	const char *service_name; /* OTEL_SERVICE_NAME, else service.name of the attributes */
	struct rn_otlp_kv headers[RN_OTLP_MAX_KV];
	size_t nheaders;
	struct rn_otlp_kv resource[RN_OTLP_MAX_KV];
	size_t nresource;
	char strings[8192]; /* the keys and values above point here */
	size_t used;
};

/*
 * Fills c from url (the command line's, which wins) or the environment. -ENOENT when
 * neither names an endpoint; -EINVAL with err naming what is malformed and how to fix it.
 */
int rn_otlp_conf__init(struct rn_otlp_conf *c, const char *url, char *err, size_t errlen);
/* One more header from a command line, "key=value"; 0 or -EINVAL with err. */
int rn_otlp_conf__add_header(struct rn_otlp_conf *c, const char *kv, char *err, size_t errlen);

/* The parsers behind them, for the tests. */
int rn_otlp_endpoint__parse(const char *url, char *target, size_t tlen, bool *tls, char *err,
			    size_t errlen);

#endif
