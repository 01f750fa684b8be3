// SPDX-License-Identifier: MIT
/* lib/engine/demux.c and the leave records' text (lib/engine/event.c). */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/syscall.h>

#include "demux.h"

struct seen {
	int procs;
	struct rn_proc_rec last;
};

static void on_proc(void *ctx, const struct rn_proc_rec *r)
{
	struct seen *s = ctx;

	s->procs++;
	s->last = *r;
}

static struct rn_proc_rec leave_rec(uint32_t why, uint32_t at, uint32_t nr)
{
	struct rn_proc_rec r = {
	    .h = {.kind = RN_REC_LEAVE, .size = sizeof(r), .tgid = 4242, .tid = 4243},
	    .other_tgid = at,
	    .other_tid = nr,
	    .code = (int32_t)why,
	};

	return r;
}

Test(unit_demux, a_leave_record_goes_to_the_proc_sink_and_a_short_one_is_refused)
{
	struct seen s = {0};
	struct rn_sink sink = {.ctx = &s, .proc = on_proc};
	struct rn_demux *d = rn_demux__new(&sink);
	struct rn_proc_rec r = leave_rec(RN_LEAVE_CAPS, RN_LEAVE_AT_SYSCALL, 126);

	cr_assert(d);
	cr_expect_eq(rn_demux__record(d, &r, sizeof(r)), 0);
	cr_expect_eq(s.procs, 1);
	cr_expect_eq(s.last.h.kind, RN_REC_LEAVE);
	r.h.size = sizeof(struct rn_rec) + 8;
	cr_expect_eq(rn_demux__record(d, &r, r.h.size), -EINVAL);
	cr_expect_eq(s.procs, 1);
	rn_demux__free(d);
}

Test(unit_demux, a_leave_record_says_where_why_and_the_rule)
{
	static const struct {
		uint32_t why, at, nr;
		const char *want;
	} cases[] = {
	    {RN_LEAVE_CAPS, RN_LEAVE_AT_SYSCALL, 126,
	     "pid 4242 left the trace at capset: it gained capabilities; you may trace only"},
	    {RN_LEAVE_IDS, RN_LEAVE_AT_SYSCALL, 117,
	     "pid 4242 left the trace at setresuid: its user or group ids changed; "},
	    {RN_LEAVE_IDS, RN_LEAVE_AT_EXEC, 0,
	     "pid 4242 left the trace at execve: its user or group ids changed (a setuid/setgid "
	     "program); "},
	    {RN_LEAVE_CAPS, RN_LEAVE_AT_EXEC, 0,
	     "pid 4242 left the trace at execve: it gained capabilities (a program with file "
	     "capabilities); "},
	    {RN_LEAVE_NODUMP, RN_LEAVE_AT_EXEC, 0,
	     "pid 4242 left the trace at execve: it is not dumpable; "},
	    {RN_LEAVE_CAPS, RN_LEAVE_AT_JOIN, 0,
	     "pid 4242 left the trace at its first traced call: it gained capabilities; "},
	};
	char text[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rn_proc_rec r = leave_rec(cases[i].why, cases[i].at, cases[i].nr);

		rn_proc__leave_text(&r, text, sizeof(text));
		cr_expect(!strncmp(text, cases[i].want, strlen(cases[i].want)), "case %zu: %s", i,
			  text);
		cr_expect(strstr(text, "run as root to trace others"), "case %zu: %s", i, text);
	}
}

struct calls {
	int n, with_enter, paired; /* with their own enter record; with any */
};

static void on_call(void *ctx, const struct rn_event *ev)
{
	struct calls *c = ctx;

	c->n++;
	c->paired += ev->enter != NULL;
	c->with_enter +=
	    ev->enter && ev->enter->nr == ev->rec->nr && ev->enter->enter_ns == ev->rec->enter_ns;
}

static void feed(struct rn_demux *d, uint16_t kind, uint32_t tgid, uint32_t tid, int nr,
		 uint64_t enter_ns, uint64_t exit_ns)
{
	struct rn_sys_rec r = {.h = {.kind = kind, .size = sizeof(r), .tgid = tgid, .tid = tid},
			       .nr = nr,
			       .enter_ns = enter_ns,
			       .exit_ns = exit_ns};

	if (kind == RN_REC_SYSCALL)
		r.h.flags = RN_RF_HAS_ENTER;
	cr_assert_eq(rn_demux__record(d, &r, sizeof(r)), 0);
}

Test(unit_demux, an_execs_enter_record_waits_through_the_exec_beside_its_parents)
{
	struct calls c = {0};
	struct rn_sink sink = {.ctx = &c, .syscall = on_call};
	struct rn_demux *d = rn_demux__new(&sink);

	cr_assert(d);
	/* the child (tid 35) enters its exec; its parent (99: the same slot of 64) makes
	 * calls with enter records meanwhile */
	feed(d, RN_REC_ENTER, 35, 35, __NR_execve, 1000, 0);
	for (int i = 0; i < 3; i++) {
		feed(d, RN_REC_ENTER, 99, 99, __NR_rt_sigprocmask, 2000 + i, 0);
		feed(d, RN_REC_SYSCALL, 99, 99, __NR_rt_sigprocmask, 2000 + i, 2100 + i);
	}
	feed(d, RN_REC_ENTER, 99, 99, __NR_wait4, 3000, 0);
	feed(d, RN_REC_SYSCALL, 35, 35, __NR_execve, 1000, 4000);
	feed(d, RN_REC_SYSCALL, 99, 99, __NR_wait4, 3000, 4100);
	cr_expect_eq(c.n, 5);
	cr_expect_eq(c.with_enter, 5, "%d of 5 calls met their enter record", c.with_enter);
	rn_demux__free(d);
}

Test(unit_demux, an_execs_second_capture_replaces_the_first_under_the_new_tid)
{
	struct calls c = {0};
	struct rn_sink sink = {.ctx = &c, .syscall = on_call};
	struct rn_demux *d = rn_demux__new(&sink);

	cr_assert(d);
	/* thread 36 of process 35 execs (its enter capture faulted); the exec's own capture
	 * comes under the leader's tid, which the call's end then has too */
	feed(d, RN_REC_ENTER, 35, 36, __NR_execve, 1000, 0);
	feed(d, RN_REC_ENTER, 35, 35, __NR_execve, 1000, 2000);
	feed(d, RN_REC_SYSCALL, 35, 35, __NR_execve, 1000, 3000);
	cr_expect_eq(c.with_enter, 1);
	/* the first is gone: a later exec that lost its enter record does not take it */
	feed(d, RN_REC_SYSCALL, 35, 35, __NR_execve, 5000, 6000);
	cr_expect_eq(c.n, 2);
	cr_expect_eq(c.paired, 1, "a stale enter record was paired with a later exec");
	rn_demux__free(d);
}
