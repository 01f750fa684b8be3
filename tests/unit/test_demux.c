// SPDX-License-Identifier: MIT
/* lib/engine/demux.c and the leave records' text (lib/engine/event.c). */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

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
