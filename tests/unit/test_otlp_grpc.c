/* SPDX-License-Identifier: MIT */
/*
 * lib/export/otlp_grpc.c against an address where nothing listens (a port bound and closed
 * on 127.0.0.1): every request is dropped and counted, a full queue refuses without
 * blocking, and a receiver that stays away costs one retry budget, not one per request.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "otlp_grpc.h"

TestSuite(unit_otlp_grpc, .timeout = 120);

static int dead_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	cr_assert_geq(fd, 0);
	cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &al), 0);
	close(fd);
	return ntohs(a.sin_port);
}

static void conf_dead(struct rn_otlp_conf *c, uint32_t queue)
{
	char url[64], err[256];

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", dead_port());
	cr_assert_eq(rn_otlp_conf__init(c, url, err, sizeof(err)), 0, "%s", err);
	c->queue_max = queue;
	c->retry_max_ns = 300ull * 1000000;
	c->flush_ns = 20ull * 1000000000;
}

static uint8_t *request(void)
{
	uint8_t *b = malloc(1);

	cr_assert_not_null(b);
	b[0] = 0; /* any bytes: nothing will read them */
	return b;
}

Test(unit_otlp_grpc, a_receiver_that_stays_away_costs_one_retry_budget)
{
	struct rn_otlp_client *cl;
	struct rn_otlp_conf c;
	struct rn_otlp_stats st;
	char err[256];
	int i;

	conf_dead(&c, 16);
	cr_assert_eq(rn_otlp_client__new(&cl, &c, err, sizeof(err)), 0, "%s", err);
	for (i = 0; i < 8; i++)
		cr_assert_eq(rn_otlp_client__push(cl, request(), 1, 10), 0);
	rn_otlp_client__close(cl, &st);
	cr_assert_eq(st.sent_requests, 0);
	cr_assert_eq(st.dropped_requests, 8, "every request counted");
	cr_assert_eq(st.dropped_spans, 80);
	cr_assert(strstr(st.last_error, "UNAVAILABLE"), "%s", st.last_error);
	/* the first request's 300 ms budget holds a few retries; the other 7 get none */
	cr_assert_lt(st.retries, 8, "%llu retries: the down rule did not hold",
		     (unsigned long long)st.retries);
}

Test(unit_otlp_grpc, a_full_queue_drops_without_blocking_and_counts)
{
	struct rn_otlp_client *cl;
	struct rn_otlp_conf c;
	struct rn_otlp_stats st;
	char err[256];
	int i, refused = 0;

	conf_dead(&c, 2);
	c.retry_max_ns = 60ull * 1000000000; /* the first request keeps the thread busy */
	c.flush_ns = 1000000;
	cr_assert_eq(rn_otlp_client__new(&cl, &c, err, sizeof(err)), 0, "%s", err);
	for (i = 0; i < 50; i++)
		if (rn_otlp_client__push(cl, request(), 1, 1) == -ENOSPC)
			refused++;
	cr_assert_geq(refused, 47, "a queue of 2 (and one in flight) took %d of 50", 50 - refused);
	rn_otlp_client__close(cl, &st);
	cr_assert_eq(st.dropped_requests, 50, "refused and flushed away alike are counted");
	cr_assert_eq(st.sent_requests, 0);
}
