// SPDX-License-Identifier: MIT
/*
 * renacerd's session table (daemon/session.c) on its own: the file is included here with
 * its calloc and realloc redirected, so that an allocation can fail on demand and a grown
 * array holds garbage (not the zeros a fresh heap happens to give); the client functions
 * it calls are stubbed, and no test reaches the engine.
 */
#include <criterion/criterion.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

static int fail_calloc_in; /* the nth calloc from now fails (0: none does) */

static void *test_calloc(size_t n, size_t size)
{
	if (fail_calloc_in && --fail_calloc_in == 0)
		return NULL;
	return calloc(n, size);
}

static void *test_realloc(void *p, size_t size)
{
	size_t old = p ? malloc_usable_size(p) : 0;
	void *q = malloc(size);

	if (!q)
		return NULL;
	memset(q, 0xa5, size);
	if (p)
		memcpy(q, p, old < size ? old : size);
	free(p);
	return q;
}

#define calloc(n, size)	 test_calloc(n, size)
#define realloc(p, size) test_realloc(p, size)
#include "../../daemon/session.c"
#undef calloc
#undef realloc

bool client__congested(const struct rnd_daemon *d, const struct rnd_client *cl, size_t extra)
{
	(void)d, (void)cl, (void)extra;
	return false;
}

int client__send(struct rnd_daemon *d, struct rnd_client *cl, const void *reply_msg)
{
	(void)d, (void)cl, (void)reply_msg;
	return 0;
}

const struct ucred *client__peer(const struct rnd_client *cl)
{
	static const struct ucred root;

	(void)cl;
	return &root;
}

size_t client__pending(const struct rnd_client *cl)
{
	(void)cl;
	return 0;
}

/* renacerd's own recording (daemon/record.c) is not linked here: no session is recorded. */
struct rnd_record *record__new(struct rnd_daemon *d, uint64_t id, bool watched)
{
	(void)d, (void)id, (void)watched;
	return NULL;
}

void record__add_root(struct rnd_record *r, uint32_t pid)
{
	(void)r, (void)pid;
}

void record__raw(struct rnd_record *r, const void *data, size_t size)
{
	(void)r, (void)data, (void)size;
}

void record__discard(struct rnd_record *r)
{
	(void)r;
}

void record__finish(struct rnd_daemon *d, struct rnd_record *r, uint64_t lost, bool whole,
		    struct rnd_verdict *v)
{
	(void)d, (void)r, (void)lost, (void)whole, (void)v;
}

Test(unit_daemon_session, a_session_that_cannot_be_allocated_takes_no_slot)
{
	struct rnd_daemon d = {0};
	struct rnd_session *s;

	fail_calloc_in = 1;
	cr_assert_null(session__new(&d, NULL, NULL));
	cr_expect_eq(d.nsessions, 0, "a failed session__new left %u slot(s) counted", d.nsessions);
	cr_expect_eq(session__count(&d), 0);

	s = session__new(&d, NULL, NULL);
	cr_assert_not_null(s);
	cr_expect_eq(session__count(&d), 1);
	cr_expect_eq(session__id(s), 1);
	cr_expect_eq(d.sessions[0], s);
	free(s);
	session__free_all(&d);
}

Test(unit_daemon_session, a_new_session_takes_the_filter_it_is_given_or_traces_every_call)
{
	struct rnd_daemon d = {0};
	uint64_t only_read[8] = {1};
	struct rnd_session *all, *some;

	all = session__new(&d, NULL, NULL);
	some = session__new(&d, NULL, only_read);
	cr_assert(all && some);
	for (int i = 0; i < 8; i++) {
		cr_expect_eq(all->filter[i], ~0ULL);
		cr_expect_eq(some->filter[i], only_read[i]);
	}
	free(all);
	free(some);
	session__free_all(&d);
}
