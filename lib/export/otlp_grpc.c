// SPDX-License-Identifier: MIT
/* OTLP's TraceService/Export over gRPC C core, on a delivery thread with a bounded queue. */
#include <errno.h>
#include <grpc/byte_buffer.h>
#include <grpc/byte_buffer_reader.h>
#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <grpc/slice.h>
#include <grpc/support/time.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"
#include "otlp_grpc.h"

#define EXPORT_METHOD	 "/opentelemetry.proto.collector.trace.v1.TraceService/Export"
#define METRICS_METHOD	 "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export"
#define BACKOFF_FIRST_NS (100ull * 1000000)
#define BACKOFF_MAX_NS	 (5ull * 1000000000)

struct item {
	struct item *next;
	uint8_t *buf;
	size_t len;
	uint32_t nspans;
	bool metrics; /* MetricsService/Export, not TraceService/Export */
};

struct rn_otlp_client {
	struct rn_otlp_conf conf;
	grpc_channel *ch;
	grpc_completion_queue *cq;
	pthread_t thread;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_cond_t room; /* the queue shrank: a waiting push may go on */
	struct item *head, *tail;
	uint32_t queued;
	bool closing;
	uint64_t flush_deadline; /* CLOCK_MONOTONIC ns, once closing */
	unsigned seed;
	struct rn_otlp_stats st;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static gpr_timespec mono_ts(uint64_t ns)
{
	gpr_timespec t = {.tv_sec = (int64_t)(ns / 1000000000ull),
			  .tv_nsec = (int32_t)(ns % 1000000000ull),
			  .clock_type = GPR_CLOCK_MONOTONIC};

	return t;
}

/* The codes OTLP names retryable, and RESOURCE_EXHAUSTED (a receiver's back-pressure). */
static bool retryable(grpc_status_code s)
{
	return s == GRPC_STATUS_UNAVAILABLE || s == GRPC_STATUS_RESOURCE_EXHAUSTED ||
	       s == GRPC_STATUS_CANCELLED || s == GRPC_STATUS_DEADLINE_EXCEEDED ||
	       s == GRPC_STATUS_ABORTED || s == GRPC_STATUS_OUT_OF_RANGE ||
	       s == GRPC_STATUS_DATA_LOSS;
}

static void note_response(struct rn_otlp_client *c, grpc_byte_buffer *bb)
{
	Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceResponse *r;
	grpc_byte_buffer_reader rd;
	grpc_slice s;

	if (!bb || !grpc_byte_buffer_reader_init(&rd, bb))
		return;
	s = grpc_byte_buffer_reader_readall(&rd);
	grpc_byte_buffer_reader_destroy(&rd);
	r = opentelemetry__proto__collector__trace__v1__export_trace_service_response__unpack(
	    NULL, GRPC_SLICE_LENGTH(s), GRPC_SLICE_START_PTR(s));
	grpc_slice_unref(s);
	if (!r)
		return;
	if (r->partial_success &&
	    (r->partial_success->rejected_spans || *r->partial_success->error_message)) {
		pthread_mutex_lock(&c->mu);
		c->st.rejected_spans += (uint64_t)r->partial_success->rejected_spans;
		pthread_mutex_unlock(&c->mu);
		rn_log(RN_LOG_WARN, "OTLP receiver %s rejected %lld spans: %s", c->conf.url,
		       (long long)r->partial_success->rejected_spans,
		       r->partial_success->error_message);
	}
	opentelemetry__proto__collector__trace__v1__export_trace_service_response__free_unpacked(
	    r, NULL);
}

/* One unary Export call, bounded by deadline_ns; its gRPC status. */
static grpc_status_code call_once(struct rn_otlp_client *c, const struct item *it,
				  uint64_t deadline_ns, char *details, size_t dlen)
{
	grpc_metadata md[RN_OTLP_MAX_KV];
	grpc_metadata_array initial, trailing;
	grpc_byte_buffer *req, *resp = NULL;
	grpc_status_code status = GRPC_STATUS_UNKNOWN;
	grpc_slice det = grpc_empty_slice(), body;
	grpc_slice method =
	    grpc_slice_from_static_string(it->metrics ? METRICS_METHOD : EXPORT_METHOD);
	grpc_op ops[6];
	grpc_call *call;
	grpc_event ev;
	size_t i;

	details[0] = '\0';
	call = grpc_channel_create_call(c->ch, NULL, GRPC_PROPAGATE_DEFAULTS, c->cq, method, NULL,
					mono_ts(deadline_ns), NULL);
	if (!call) {
		snprintf(details, dlen, "cannot create a call");
		return GRPC_STATUS_INTERNAL;
	}
	body = grpc_slice_from_copied_buffer((const char *)it->buf, it->len);
	req = grpc_raw_byte_buffer_create(&body, 1);
	grpc_slice_unref(body);
	grpc_metadata_array_init(&initial);
	grpc_metadata_array_init(&trailing);
	for (i = 0; i < c->conf.nheaders; i++) {
		memset(&md[i], 0, sizeof(md[i]));
		md[i].key = grpc_slice_from_static_string(c->conf.headers[i].key);
		md[i].value = grpc_slice_from_static_string(c->conf.headers[i].value);
	}
	memset(ops, 0, sizeof(ops));
	ops[0].op = GRPC_OP_SEND_INITIAL_METADATA;
	ops[0].data.send_initial_metadata.count = c->conf.nheaders;
	ops[0].data.send_initial_metadata.metadata = md;
	ops[1].op = GRPC_OP_SEND_MESSAGE;
	ops[1].data.send_message.send_message = req;
	ops[2].op = GRPC_OP_SEND_CLOSE_FROM_CLIENT;
	ops[3].op = GRPC_OP_RECV_INITIAL_METADATA;
	ops[3].data.recv_initial_metadata.recv_initial_metadata = &initial;
	ops[4].op = GRPC_OP_RECV_MESSAGE;
	ops[4].data.recv_message.recv_message = &resp;
	ops[5].op = GRPC_OP_RECV_STATUS_ON_CLIENT;
	ops[5].data.recv_status_on_client.trailing_metadata = &trailing;
	ops[5].data.recv_status_on_client.status = &status;
	ops[5].data.recv_status_on_client.status_details = &det;
	if (grpc_call_start_batch(call, ops, 6, (void *)call, NULL) != GRPC_CALL_OK) {
		snprintf(details, dlen, "cannot start the call");
		status = GRPC_STATUS_INTERNAL;
		goto out;
	}
	/* the call's deadline ends it; the queue's own wait is only a safety net */
	ev = grpc_completion_queue_pluck(c->cq, (void *)call, mono_ts(deadline_ns + 1000000000ull),
					 NULL);
	if (ev.type != GRPC_OP_COMPLETE) {
		grpc_call_cancel(call, NULL);
		grpc_completion_queue_pluck(c->cq, (void *)call,
					    gpr_inf_future(GPR_CLOCK_MONOTONIC), NULL);
		status = GRPC_STATUS_DEADLINE_EXCEEDED;
	}
	if (status == GRPC_STATUS_OK && !it->metrics)
		note_response(c, resp);
	else if (GRPC_SLICE_LENGTH(det))
		snprintf(details, dlen, "%.*s", (int)GRPC_SLICE_LENGTH(det),
			 (const char *)GRPC_SLICE_START_PTR(det));
out:
	grpc_slice_unref(det);
	grpc_metadata_array_destroy(&initial);
	grpc_metadata_array_destroy(&trailing);
	grpc_byte_buffer_destroy(req);
	if (resp)
		grpc_byte_buffer_destroy(resp);
	grpc_call_unref(call);
	return status;
}

static const char *status_name(grpc_status_code s)
{
	static const char *const names[] = {"OK",
					    "CANCELLED",
					    "UNKNOWN",
					    "INVALID_ARGUMENT",
					    "DEADLINE_EXCEEDED",
					    "NOT_FOUND",
					    "ALREADY_EXISTS",
					    "PERMISSION_DENIED",
					    "RESOURCE_EXHAUSTED",
					    "FAILED_PRECONDITION",
					    "ABORTED",
					    "OUT_OF_RANGE",
					    "UNIMPLEMENTED",
					    "INTERNAL",
					    "UNAVAILABLE",
					    "DATA_LOSS",
					    "UNAUTHENTICATED"};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

/* The wait before retry n (0, 1, ...): doubling from 100 ms to 5 s, each within +-50%. */
static uint64_t backoff_ns(struct rn_otlp_client *c, unsigned n)
{
	uint64_t b = BACKOFF_FIRST_NS << (n < 6 ? n : 6);

	if (b > BACKOFF_MAX_NS)
		b = BACKOFF_MAX_NS;
	return b / 2 + (uint64_t)((double)b * ((double)rand_r(&c->seed) / RAND_MAX));
}

static void drop_head(struct rn_otlp_client *c)
{
	struct item *it = c->head;

	c->head = it->next;
	if (!c->head)
		c->tail = NULL;
	c->queued--;
	pthread_cond_signal(&c->room);
	free(it->buf);
	free(it);
}

/* Sleeps until t or until close is asked (which starts the flush); mu held. */
static void wait_until(struct rn_otlp_client *c, uint64_t t)
{
	struct timespec ts = {.tv_sec = (time_t)(t / 1000000000ull),
			      .tv_nsec = (long)(t % 1000000000ull)};
	bool was = c->closing;

	while (now_ns() < t && c->closing == was)
		if (pthread_cond_timedwait(&c->cv, &c->mu, &ts) == ETIMEDOUT)
			break;
}

static void *deliver(void *arg)
{
	struct rn_otlp_client *c = arg;
	unsigned attempt = 0;
	uint64_t failing_since = 0;
	/* a request ran out of retries: the next ones get one try each until one gets through,
	 * so a receiver that stays away costs one retry budget, not one per request */
	bool down = false;
	char details[200];

	pthread_mutex_lock(&c->mu);
	for (;;) {
		struct item *it;
		grpc_status_code s;
		uint64_t deadline, t = now_ns();

		while (!c->head && !c->closing)
			pthread_cond_wait(&c->cv, &c->mu);
		if (!c->head)
			break;
		if (c->closing && t >= c->flush_deadline) {
			c->st.dropped_requests++;
			c->st.dropped_spans += c->head->nspans;
			drop_head(c);
			continue;
		}
		it = c->head;
		deadline = t + c->conf.timeout_ns;
		if (c->closing && deadline > c->flush_deadline)
			deadline = c->flush_deadline;
		pthread_mutex_unlock(&c->mu);
		s = call_once(c, it, deadline, details, sizeof(details));
		pthread_mutex_lock(&c->mu);
		if (s == GRPC_STATUS_OK) {
			c->st.sent_requests++;
			c->st.sent_spans += it->nspans;
			drop_head(c);
			attempt = 0;
			down = false;
			continue;
		}
		snprintf(c->st.last_error, sizeof(c->st.last_error), "%s%s%s", status_name(s),
			 *details ? ": " : "", details);
		if (!attempt)
			failing_since = now_ns();
		if (retryable(s) && !down) {
			t = now_ns() + backoff_ns(c, attempt++);
			down = t - failing_since >= c->conf.retry_max_ns;
			if (!down && (!c->closing || t < c->flush_deadline)) {
				c->st.retries++;
				rn_log(RN_LOG_DEBUG, "OTLP export to %s: %s; retry %u", c->conf.url,
				       c->st.last_error, attempt);
				wait_until(c, t);
				continue;
			}
		}
		rn_log(RN_LOG_DEBUG, "OTLP export to %s: %s; %u spans dropped", c->conf.url,
		       c->st.last_error, it->nspans);
		c->st.dropped_requests++;
		c->st.dropped_spans += it->nspans;
		drop_head(c);
		attempt = 0;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static char *read_roots(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (!f) {
		snprintf(err, errlen,
			 "cannot read the system CA certificates %s for the TLS endpoint: %s "
			 "(install ca-certificates, or use http:// for a plaintext endpoint)",
			 path, strerror(errno));
		return NULL;
	}
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET) &&
	    (buf = malloc((size_t)n + 1))) {
		if (fread(buf, 1, (size_t)n, f) == (size_t)n)
			buf[n] = '\0';
		else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	if (!buf)
		snprintf(err, errlen, "cannot read the system CA certificates %s", path);
	return buf;
}

int rn_otlp_client__new(struct rn_otlp_client **out, const struct rn_otlp_conf *conf, char *err,
			size_t errlen)
{
	grpc_arg args[4] = {
	    {.type = GRPC_ARG_INTEGER,
	     .key = GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS,
	     .value.integer = 100},
	    {.type = GRPC_ARG_INTEGER,
	     .key = GRPC_ARG_MIN_RECONNECT_BACKOFF_MS,
	     .value.integer = 100},
	    {.type = GRPC_ARG_INTEGER,
	     .key = GRPC_ARG_MAX_RECONNECT_BACKOFF_MS,
	     .value.integer = 1000},
	    {.type = GRPC_ARG_STRING,
	     .key = GRPC_ARG_PRIMARY_USER_AGENT_STRING,
	     .value.string = "renacer"},
	};
	grpc_channel_args cargs = {.num_args = 4, .args = args};
	grpc_channel_credentials *creds;
	struct rn_otlp_client *c;
	pthread_condattr_t ca;
	char *roots = NULL;
	size_t i;
	int ret;

	*out = NULL;
	if (conf->tls && !(roots = read_roots(RN_OTLP_CA_BUNDLE, err, errlen)))
		return -ENOENT;
	c = calloc(1, sizeof(*c));
	if (!c) {
		free(roots);
		return -ENOMEM;
	}
	c->conf = *conf;
	/* the copies' strings point into the copy's own buffer */
	for (i = 0; i < c->conf.nheaders; i++) {
		c->conf.headers[i].key = c->conf.strings + (conf->headers[i].key - conf->strings);
		c->conf.headers[i].value =
		    c->conf.strings + (conf->headers[i].value - conf->strings);
	}
	c->seed = (unsigned)now_ns();
	pthread_mutex_init(&c->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->cv, &ca);
	pthread_cond_init(&c->room, NULL);
	pthread_condattr_destroy(&ca);
	grpc_init();
	creds = conf->tls ? grpc_ssl_credentials_create(roots, NULL, NULL, NULL)
			  : grpc_insecure_credentials_create();
	free(roots);
	c->ch = creds ? grpc_channel_create(c->conf.target, creds, &cargs) : NULL;
	grpc_channel_credentials_release(creds);
	c->cq = grpc_completion_queue_create_for_pluck(NULL);
	if (!c->ch || !c->cq) {
		snprintf(err, errlen, "cannot make a gRPC channel to %s", conf->url);
		ret = -EINVAL;
		goto fail;
	}
	ret = -pthread_create(&c->thread, NULL, deliver, c);
	if (ret) {
		snprintf(err, errlen, "cannot start the OTLP delivery thread: %s", strerror(-ret));
		goto fail;
	}
	c->started = true;
	*out = c;
	return 0;
fail:
	rn_otlp_client__close(c, NULL);
	return ret;
}

static int push(struct rn_otlp_client *c, uint8_t *buf, size_t len, uint32_t nspans, bool metrics)
{
	struct item *it = malloc(sizeof(*it));

	pthread_mutex_lock(&c->mu);
	while (it && c->conf.wait_for_room && c->queued >= c->conf.queue_max && !c->closing)
		pthread_cond_wait(&c->room, &c->mu);
	if (!it || c->queued >= c->conf.queue_max || c->closing) {
		c->st.dropped_requests++;
		c->st.dropped_spans += nspans;
		pthread_mutex_unlock(&c->mu);
		free(it);
		free(buf);
		return -ENOSPC;
	}
	*it = (struct item){NULL, buf, len, nspans, metrics};
	if (c->tail)
		c->tail->next = it;
	else
		c->head = it;
	c->tail = it;
	c->queued++;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return 0;
}

int rn_otlp_client__push(struct rn_otlp_client *c, uint8_t *buf, size_t len, uint32_t nspans)
{
	return push(c, buf, len, nspans, false);
}

int rn_otlp_client__push_metrics(struct rn_otlp_client *c, uint8_t *buf, size_t len)
{
	return push(c, buf, len, 0, true);
}

int rn_otlp_client__emit(void *ctx, uint8_t *buf, size_t len, uint32_t nspans)
{
	rn_otlp_client__push(ctx, buf, len, nspans);
	return 0;
}

void rn_otlp_client__stats(struct rn_otlp_client *c, struct rn_otlp_stats *st)
{
	pthread_mutex_lock(&c->mu);
	*st = c->st;
	pthread_mutex_unlock(&c->mu);
}

void rn_otlp_client__close(struct rn_otlp_client *c, struct rn_otlp_stats *st)
{
	if (!c)
		return;
	if (c->started) {
		pthread_mutex_lock(&c->mu);
		c->closing = true;
		c->flush_deadline = now_ns() + c->conf.flush_ns;
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
		pthread_join(c->thread, NULL);
	}
	while (c->head)
		drop_head(c);
	if (st)
		*st = c->st;
	if (c->ch)
		grpc_channel_destroy(c->ch);
	if (c->cq) {
		grpc_completion_queue_shutdown(c->cq);
		grpc_completion_queue_pluck(c->cq, NULL, gpr_inf_future(GPR_CLOCK_MONOTONIC), NULL);
		grpc_completion_queue_destroy(c->cq);
	}
	grpc_shutdown();
	pthread_cond_destroy(&c->cv);
	pthread_cond_destroy(&c->room);
	pthread_mutex_destroy(&c->mu);
	free(c);
}
