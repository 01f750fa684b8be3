// SPDX-License-Identifier: MIT
/* renacerctl export FILE --otlp URL: a recorded trace sent as OTLP spans over gRPC. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "otlp_export.h"
#include "otlp_map.h"
#include "report.h"
#include "tracefile.h"
#include "watch.h"

enum { OPT_OTLP = 256, OPT_SPANS, OPT_HEADER, OPT_FLUSH, OPT_BATCH, OPT_QUEUE };

static const struct option export_longopts[] = {
    {"otlp", required_argument, NULL, OPT_OTLP},
    {"otlp-spans", required_argument, NULL, OPT_SPANS},
    {"otlp-header", required_argument, NULL, OPT_HEADER},
    {"otlp-flush-timeout", required_argument, NULL, OPT_FLUSH},
    {"otlp-batch", required_argument, NULL, OPT_BATCH},
    {"otlp-queue", required_argument, NULL, OPT_QUEUE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void usage(void)
{
	printf(
	    "Usage: renacerctl export FILE [--otlp URL] [OPTIONS]\n\n"
	    "Sends a trace file (JSON, JSON Lines, .rnt) as OpenTelemetry spans over OTLP/gRPC:\n"
	    "one span per process under its parent's, the root under the TRACEPARENT the\n"
	    "trace joined, and syscall spans as --otlp-spans says.\n\n"
	    "      --otlp=URL              http://HOST:PORT (plaintext) or https://HOST:PORT\n"
	    "                              (TLS, system roots); default "
	    "$OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,\n"
	    "                              then $OTEL_EXPORTER_OTLP_ENDPOINT\n"
	    "      --otlp-spans=POLICY     syscall spans: all, none, slow or slow=DURATION\n"
	    "                              (default slow: calls of 10ms or more)\n"
	    "      --otlp-header=KEY=VALUE gRPC metadata for every call (repeatable; also\n"
	    "                              $OTEL_EXPORTER_OTLP_HEADERS)\n"
	    "      --otlp-flush-timeout=DUR how long to keep trying at the end (default 5s)\n"
	    "      --otlp-batch=N          spans per request (default %d)\n"
	    "      --otlp-queue=N          requests waiting for the network (default %d)\n\n"
	    "Also read: OTEL_EXPORTER_OTLP_TIMEOUT (ms per call), OTEL_SERVICE_NAME,\n"
	    "OTEL_RESOURCE_ATTRIBUTES. Exit status 1 when any span was not delivered.\n",
	    RN_OTLP_BATCH_DEFAULT, RN_OTLP_QUEUE_DEFAULT);
}

static int parse_count(const char *opt, const char *s, uint32_t max, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s || !v || v > max)
		return rn_cli__usage_error("export", "%s takes a number from 1 to %u", opt, max);
	*out = (uint32_t)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct rn_otlp_export_opts *o, const char **path,
		      const char **headers)
{
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", export_longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OTLP:
			o->url = optarg;
			break;
		case OPT_SPANS:
			o->spans = optarg;
			break;
		case OPT_HEADER:
			if (o->nheaders == RN_OTLP_MAX_KV)
				return rn_cli__usage_error("export", "at most %d --otlp-header",
							   RN_OTLP_MAX_KV);
			headers[o->nheaders++] = optarg;
			break;
		case OPT_FLUSH:
			o->flush = optarg;
			break;
		case OPT_BATCH:
			if (parse_count("--otlp-batch", optarg, 100000, &o->batch))
				return 2;
			break;
		case OPT_QUEUE:
			if (parse_count("--otlp-queue", optarg, 100000, &o->queue))
				return 2;
			break;
		case 'h':
			usage();
			return -1;
		default:
			return rn_cli__usage_error("export", "unknown option");
		}
	}
	if (optind != argc - 1)
		return rn_cli__usage_error("export", "give one trace file");
	*path = argv[optind];
	return 0;
}

int do_export(int argc, char **argv)
{
	const char *headers[RN_OTLP_MAX_KV], *path = NULL;
	/* nothing here is on a tracing path: a slow receiver slows the export, drops nothing */
	struct rn_otlp_export_opts eo = {.headers = headers, .wait_for_room = true};
	struct rn_otlp_export *x;
	struct rn_otlp_stats st;
	struct rn_error rerr = {{0}};
	struct rn_tr_sink sink, ws;
	struct rn_watch w;
	char err[640];
	int ret;

	ret = parse_args(argc, argv, &eo, &path, headers);
	if (ret)
		return ret < 0 ? 0 : ret;
	ret = rn_otlp_export__new(&x, &eo, err, sizeof(err));
	if (ret) {
		rn_cli__error("export", NULL, "%s", err);
		return ret == -EINVAL || ret == -ENOENT ? 2 : 1;
	}
	rn_otlp_export__sink(x, NULL, &sink);
	rn_watch__init(&w, &sink, &ws);
	ret = rn_tracefile__read(path, &ws, &rerr);
	if (ret && !w.sink_err)
		rn_cli__error("export", NULL, "%s", rerr.msg[0] ? rerr.msg : strerror(-ret));
	if (!w.sink_err && w.header && !w.finished) /* send what was read before the damage */
		rn_watch__finish_cut(&w);
	if (w.sink_err)
		rn_cli__error("export", NULL, "cannot build the spans of %s: %s", path,
			      strerror(-w.sink_err));
	rn_watch__release(&w);
	ret = ret || w.sink_err ? 1 : 0;
	snprintf(err, sizeof(err), "%s", rn_otlp_export__url(x));
	rn_otlp_export__close(x, &st);
	if (st.dropped_spans) {
		rn_cli__error("export",
			      "is an OTLP receiver listening there? see --otlp-flush-timeout",
			      "%llu of %llu spans not delivered to %s: %s",
			      (unsigned long long)st.dropped_spans,
			      (unsigned long long)(st.dropped_spans + st.sent_spans), err,
			      st.last_error[0] ? st.last_error : "queue full");
		ret = 1;
	}
	if (st.rejected_spans)
		rn_cli__warning("export", NULL, "the receiver rejected %llu spans",
				(unsigned long long)st.rejected_spans);
	rn_cli__info("export", "%llu spans in %llu requests sent to %s (%llu retries)",
		     (unsigned long long)st.sent_spans, (unsigned long long)st.sent_requests, err,
		     (unsigned long long)st.retries);
	return ret;
}
