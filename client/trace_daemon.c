// SPDX-License-Identifier: MIT
/* renacerctl trace through renacerd: the daemon captures, this process decodes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "daemon_client.h"
#include "fdpaths.h"
#include "report.h"
#include "trace_int.h"
#include "trace_split.h"

static void daemon_options(struct tracer *t, Renacer__V1__TraceOptions *o, uint64_t *filter,
			   const uint64_t *bitmap)
{
	memcpy(filter, bitmap, RN_MAX_SYSCALLS / 8);
	o->follow = t->o.follow;
	o->snaplen = tracer__snaplen(t);
	o->n_filter = RN_MAX_SYSCALLS / 64;
	o->filter = filter;
}

static struct rn_dclient *daemon_conn;
static Renacer__V1__TraceOptions *daemon_opts;

/* Asks renacerd to trace pid (held: armed until its exec). */
static int add_remote(struct tracer *t, pid_t pid)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__StartTrace st = RENACER__V1__START_TRACE__INIT;
	Renacer__V1__Reply *reply = NULL;
	int ret;

	st.pid = (uint32_t)pid;
	daemon_opts->leader_only = !t->o.follow;
	st.options = daemon_opts;
	rq.body_case = RENACER__V1__REQUEST__BODY_START;
	rq.start = &st;
	ret = rn_dclient__call(daemon_conn, &rq, &reply, RN_DCLIENT_REPLY_MS, NULL);
	if (ret) {
		rn_cli__error(NULL, NULL, "renacerd did not answer: %s", strerror(-ret));
		return ret;
	}
	if (reply->body_case == RENACER__V1__REPLY__BODY_ERROR) {
		rn_cli__error(NULL, NULL, "%s", reply->error->message);
		ret = -reply->error->code ? -reply->error->code : -EPERM;
	} else {
		t->session = reply->started->session;
	}
	renacer__v1__reply__free_unpacked(reply, NULL);
	return ret;
}

static int attach_remote(struct tracer *t)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__Attach at = RENACER__V1__ATTACH__INIT;
	Renacer__V1__Reply *reply = NULL;
	uint32_t pids[MAX_ATTACH];
	int ret, i;

	for (i = 0; i < t->o.nattach; i++)
		pids[i] = (uint32_t)t->o.attach[i];
	at.n_pids = (size_t)t->o.nattach;
	at.pids = pids;
	at.options = daemon_opts;
	rq.body_case = RENACER__V1__REQUEST__BODY_ATTACH;
	rq.attach = &at;
	ret = rn_dclient__call(daemon_conn, &rq, &reply, RN_DCLIENT_REPLY_MS, NULL);
	if (ret) {
		rn_cli__error(NULL, NULL, "renacerd did not answer: %s", strerror(-ret));
		return 1;
	}
	ret = 0;
	if (reply->body_case == RENACER__V1__REPLY__BODY_ERROR) {
		rn_cli__error(NULL, NULL, "%s", reply->error->message);
		ret = 1;
	} else {
		t->session = reply->started->session;
		tracer__begin_output(t);
		for (i = 0; i < t->o.nattach; i++) {
			rn_fdpaths__snapshot(t->fds, (uint32_t)t->o.attach[i]);
			t->nprocs += tracer__count_threads(t->o.attach[i]);
			if (t->rec)
				rn_recorder__add_root(t->rec, t->o.attach[i]);
			if (!(t->o.quiet & RN_QUIET_ATTACH))
				rn_cli__info(NULL, "Process %d attached", t->o.attach[i]);
		}
	}
	renacer__v1__reply__free_unpacked(reply, NULL);
	return ret;
}

int tracer__run_daemon(struct tracer *t, struct rn_dclient *dc, const char *path,
		       const char *traceparent, const uint64_t *bitmap)
{
	Renacer__V1__TraceOptions opts = RENACER__V1__TRACE_OPTIONS__INIT;
	uint64_t filter[RN_MAX_SYSCALLS / 64], lost = 0;
	struct rn_demux *dm = rn_demux__new(&t->sink);
	char reason[256] = "";
	bool ended = false, detach_sent = false;
	int ret = 0;

	if (!dm)
		return 1;
	daemon_options(t, &opts, filter, bitmap);
	if (t->o.ring_bytes)
		rn_cli__note(
		    NULL,
		    "--buffer-size does not apply through renacerd: its ring buffer is "
		    "shared by all its clients and sized by ring_size in " RENACERD_DEFAULT_CONFIG
		    " (add --embedded to trace with a "
		    "buffer of your own)");
	daemon_conn = dc;
	daemon_opts = &opts;
	tracer__install_handlers();
	if (t->o.cmd ? tracer__spawn(t, path, traceparent, add_remote) : attach_remote(t)) {
		rn_demux__free(dm);
		return 1;
	}
	while (!ended || !tracer__child_done(t)) {
		if (!ended) {
			ret = rn_dclient__pump(dc, POLL_MS, dm, &ended, reason, sizeof(reason),
					       &lost);
		} else if (!tracer__child_done(t)) {
			tracer__wait_child(t);
		}
		if (ret == -EPIPE || ret == -ECONNRESET || ret == -EPROTO) {
			/* a daemon that said why it ended the trace is reported once, below */
			if (!ended)
				rn_cli__error(NULL, NULL,
					      "renacerd went away; the trace is incomplete");
			t->daemon_lost = true;
			break;
		}
		tracer__child_done(t);
		if (tracer_interrupted && !detach_sent) {
			Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
			Renacer__V1__Detach dt = RENACER__V1__DETACH__INIT;

			dt.session = t->session;
			rq.body_case = RENACER__V1__REQUEST__BODY_DETACH;
			rq.detach = &dt;
			rn_dclient__send(dc, &rq);
			detach_sent = true;
		}
		if (detach_sent && ended)
			break;
		if (t->text)
			rn_textout__flush(t->text);
		trace_split__flush(t->split);
	}
	if (detach_sent)
		for (int i = 0; i < t->o.nattach && !(t->o.quiet & RN_QUIET_ATTACH); i++)
			rn_cli__info(NULL, "Process %d detached", t->o.attach[i]);
	if (ended && strcmp(reason, "finished") && strcmp(reason, "detached"))
		rn_cli__error(NULL, NULL, "renacerd ended the trace: %s; the trace is incomplete",
			      reason);
	/* only a finished session, or a -p session detached, is the whole story */
	if (t->daemon_lost ||
	    (ended && strcmp(reason, "finished") && (t->o.cmd || strcmp(reason, "detached"))))
		t->incomplete = true;
	t->counters[RN_CNT_DROPPED] = lost + t->rec_lost;
	rn_demux__free(dm);
	return t->daemon_lost || (ended && strstr(reason, "stopping")) ? 1 : 0;
}
