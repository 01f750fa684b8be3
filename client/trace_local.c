// SPDX-License-Identifier: MIT
/* renacerctl trace on the embedded engine: BPF loaded in this process. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdpaths.h"
#include "systable.h"
#include "report.h"
#include "trace_int.h"
#include "trace_split.h"

static int add_local(struct tracer *t, pid_t pid)
{
	uint32_t flags = t->o.follow ? RN_TF_FOLLOW : RN_TF_LEADER;
	int ret = rn_engine__add_target(t->eng, pid, flags | RN_TF_ARMED, 0);

	if (ret)
		rn_cli__error(NULL, NULL, "cannot trace the new process: %s", strerror(-ret));
	return ret;
}

/*
 * -v (abbrev= off for some call): execve's environment strings too, not only their count, and
 * getdents64's records (a buffer of ret bytes, as getcwd's, up to what a record holds), not
 * only their count.
 */
static void capspecs_with_env(struct rn_sysspec *specs)
{
	rn_systable__capspecs(specs);
	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		const struct rn_sysrow *row = rn_systable__row(nr);

		for (unsigned i = 0; row && i < row->nargs; i++)
			if (row->arg[i] == RN_A_ENVP)
				specs[nr].arg[i] = rn_systable__capspec(RN_A_ARGV, i);
			else if (row->arg[i] == RN_A_DIRENTS) {
				specs[nr].arg[i] = rn_systable__capspec(RN_A_CWD, i);
				specs[nr].arg[i].flags |= RN_CAPF_ROOM;
			}
	}
}

int tracer__run_local(struct tracer *t, const char *path, const char *traceparent,
		      const uint64_t *bitmap)
{
	struct rn_engine_opts eo = {0};
	char err[512];
	int ret, i;
	bool done = false;

	eo.ring_bytes = t->o.ring_bytes;
	eo.snaplen = tracer__snaplen(t);
	eo.capture_objs = t->rec != NULL;
	/* -i alone: the registers the stack item starts with, and a word of stack */
	eo.stack_bytes = t->o.stacks ? RN_STACK_DEFAULT : t->o.ip ? 8 : 0;
	/* a call with its stack takes ~8 KiB of ring: a storm would fill the default in 2000 */
	if (t->o.stacks && !t->o.ring_bytes)
		eo.ring_bytes = 4 * RN_RING_DEFAULT;
	eo.filter = bitmap;
	eo.fill_compat = rn_syscall__compat_table;
	eo.fill_capspecs =
	    rn_filter__abbrev_set(t->filter) ? capspecs_with_env : rn_systable__capspecs;
	/* programs verified by an earlier run are reused (docs/performance.md, start-up) */
	eo.pin_root = getenv("RENACER_BPF_PIN_DIR") ? getenv("RENACER_BPF_PIN_DIR") : RN_PIN_ROOT;
	eo.no_cgroup_watch = true;
	ret = rn_engine__new(&t->eng, &eo, &t->sink, err, sizeof(err));
	if (ret) {
		rn_cli__error(NULL, NULL, "%s", err);
		return 1;
	}
	tracer__install_handlers();
	if (t->o.cmd && tracer__spawn(t, path, traceparent, add_local))
		return 1;
	for (i = 0; i < t->o.nattach; i++) {
		if (kill(t->o.attach[i], 0) && errno == ESRCH) {
			rn_cli__error(NULL, NULL, "cannot attach to pid %d: no such process",
				      t->o.attach[i]);
			return 1;
		}
	}
	for (i = 0; i < t->o.nattach; i++) {
		ret = rn_engine__add_target(t->eng, t->o.attach[i], t->o.follow ? RN_TF_FOLLOW : 0,
					    0);
		if (ret) {
			rn_cli__error(NULL, NULL, "cannot attach to pid %d: %s", t->o.attach[i],
				      strerror(-ret));
			return 1;
		}
		tracer__begin_output(t);
		rn_fdpaths__snapshot(t->fds, (uint32_t)t->o.attach[i]);
		t->nprocs += tracer__count_threads(t->o.attach[i]);
		if (t->rec)
			rn_recorder__add_root(t->rec, t->o.attach[i]);
		if (!(t->o.quiet & RN_QUIET_ATTACH))
			rn_cli__info(NULL, "Process %d attached", t->o.attach[i]);
	}
	if (t->child_pidfd >= 0)
		rn_engine__watch(t->eng, t->child_pidfd);
	while (!done) {
		rn_engine__wait(t->eng, POLL_MS);
		/* records below the wakeup mark come without a wakeup: always read */
		ret = rn_engine__drain(t->eng);
		if (ret < 0) {
			rn_cli__error(NULL, NULL,
				      "reading the ring buffer failed: %s; the trace is incomplete",
				      strerror(-ret));
			t->incomplete = true;
			break;
		}
		/* Nothing traced is left: the programs go before the rest is written (a .json,
		 * an OTLP export), so that the grace period the next run's attach waits for
		 * passes meanwhile (docs/performance.md, start-up). */
		if (tracer__child_done(t) && rn_engine__count_targets(t->eng, 0) == 0) {
			rn_engine__detach(t->eng);
			done = true;
		}
		if (tracer_interrupted)
			break;
		if (t->text)
			rn_textout__flush(t->text);
		trace_split__flush(t->split);
	}
	if (!done) {
		/* -p ends by detaching; a spawned command stopped mid-run is not all there */
		if (t->o.cmd)
			t->incomplete = true;
		rn_engine__remove_session(t->eng, 0);
		for (i = 0; i < t->o.nattach && !(t->o.quiet & RN_QUIET_ATTACH); i++)
			rn_cli__info(NULL, "Process %d detached", t->o.attach[i]);
	}
	rn_engine__detach(t->eng);
	/* Records reserved on other CPUs just before the last exit: read them all. */
	rn_engine__settle(t->eng, 2000);
	rn_engine__counters(t->eng, t->counters);
	return 0;
}
