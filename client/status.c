// SPDX-License-Identifier: MIT
/* renacerctl status / sessions / detach: questions to renacerd. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "daemon_client.h"
#include "report.h"

enum { OPT_SOCKET = 256 };

/*
 * Options common to the daemon commands, anywhere on the line (`detach 7 --socket P`):
 * 0 with *sock set and the operands from argv[*argi], or the exit status to return
 * (0 after --help).
 */
static int parse_opts(const char *cmd, const char *usage, int argc, char **argv, const char **sock,
		      int *argi)
{
	static const struct option longopts[] = {
	    {"socket", required_argument, NULL, OPT_SOCKET},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	*sock = NULL;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SOCKET:
			*sock = optarg;
			break;
		case 'h':
			printf("Usage: renacerctl %s %s\n", cmd, usage);
			return -1;
		default:
			return rn_cli__usage_error(cmd, "unknown option or missing value '%s'",
						   argv[optind - 1]);
		}
	}
	*argi = optind;
	return 0;
}

/* Connects, sends rq, returns the reply (NULL after printing why). */
static Renacer__V1__Reply *ask(const char *cmd, const char *sock, Renacer__V1__Request *rq)
{
	struct rn_dclient *dc;
	Renacer__V1__Reply *reply = NULL;
	int ret, stopped;

	sock = rn_dclient__socket_path(sock);
	ret = rn_dclient__connect(&dc, sock);
	if (ret) {
		char hint[256];

		rn_cli__error(cmd,
			      rn_dclient__hint(ret, sock,
					       "is it running? see `systemctl status renacerd`",
					       hint, sizeof(hint)),
			      "cannot reach renacerd at %s: %s", sock, strerror(-ret));
		return NULL;
	}
	stopped = rn_dclient__peer_stopped(dc);
	if (stopped) {
		char hint[64];

		snprintf(hint, sizeof(hint), "resume it with `kill -CONT %d`", stopped);
		rn_cli__error(cmd, hint, "renacerd at %s (pid %d) is stopped and cannot answer",
			      sock, stopped);
		rn_dclient__free(dc);
		return NULL;
	}
	ret = rn_dclient__call(dc, rq, &reply, RN_DCLIENT_REPLY_MS, NULL);
	rn_dclient__free(dc);
	if (ret) {
		rn_cli__error(cmd, NULL, "renacerd did not answer: %s", strerror(-ret));
		return NULL;
	}
	if (reply->body_case == RENACER__V1__REPLY__BODY_ERROR) {
		rn_cli__error(cmd, NULL, "%s", reply->error->message);
		renacer__v1__reply__free_unpacked(reply, NULL);
		return NULL;
	}
	return reply;
}

/* The daemon commands take no operand but detach's session id. */
static int no_operands(const char *cmd, int argc, char **argv, int argi)
{
	if (argi >= argc)
		return 0;
	return rn_cli__usage_error(cmd, "unexpected argument '%s'", argv[argi]);
}

static void print_sessions(Renacer__V1__SessionInfo **s, size_t n)
{
	size_t i, k;

	printf("%8s %6s %8s %12s %10s  %s\n", "session", "uid", "client", "records", "queued",
	       "pids");
	for (i = 0; i < n; i++) {
		printf("%8" PRIu64 " %6u %8u %12" PRIu64 " %10" PRIu64 " ", s[i]->session,
		       s[i]->uid, s[i]->client_pid, s[i]->records, s[i]->queued_bytes);
		for (k = 0; k < s[i]->n_pids; k++)
			printf(" %u", s[i]->pids[k]);
		printf("\n");
	}
}

int do_status(int argc, char **argv)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__StatusRequest sr = RENACER__V1__STATUS_REQUEST__INIT;
	Renacer__V1__Reply *reply;
	const Renacer__V1__Status *st;
	const char *sock;
	int argi, ret;
	size_t c;

	ret = parse_opts("status",
			 "[--socket PATH]\n\nrenacerd's version, uptime, ring "
			 "buffer fill, OTLP export counters, per-CPU counters and "
			 "sessions.\n",
			 argc, argv, &sock, &argi);
	if (ret || (ret = no_operands("status", argc, argv, argi)))
		return ret < 0 ? 0 : ret;
	rq.body_case = RENACER__V1__REQUEST__BODY_STATUS;
	rq.status = &sr;
	reply = ask("status", sock, &rq);
	if (!reply)
		return 1;
	st = reply->status;
	printf("renacerd %s, up %.1f s, %u session(s)\n", st->version, st->uptime_ns / 1e9,
	       st->session_count);
	printf("ring buffer: %" PRIu64 " of %" PRIu64 " bytes in use\n", st->ring_used,
	       st->ring_bytes);
	if (st->otlp)
		printf("OTLP export to %s: %" PRIu64 " spans sent, %" PRIu64 " dropped%s%s\n",
		       st->otlp->endpoint, st->otlp->sent_spans, st->otlp->dropped_spans,
		       st->otlp->last_error[0] ? "; last error: " : "", st->otlp->last_error);
	else
		printf("OTLP export: off (renacerd --otlp URL or otlp_endpoint)\n");
	printf("%6s %12s %12s %10s %10s %10s\n", "cpu", "seen", "emitted", "dropped", "truncated",
	       "faulted");
	for (c = 0; c < st->n_per_cpu; c++)
		printf("%6zu %12" PRIu64 " %12" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64
		       "\n",
		       c, st->per_cpu[c]->seen, st->per_cpu[c]->emitted, st->per_cpu[c]->dropped,
		       st->per_cpu[c]->truncated, st->per_cpu[c]->faulted);
	if (st->total)
		printf("%6s %12" PRIu64 " %12" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64
		       "\n",
		       "total", st->total->seen, st->total->emitted, st->total->dropped,
		       st->total->truncated, st->total->faulted);
	if (st->n_sessions)
		print_sessions(st->sessions, st->n_sessions);
	renacer__v1__reply__free_unpacked(reply, NULL);
	return 0;
}

int do_sessions(int argc, char **argv)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__ListSessions ls = RENACER__V1__LIST_SESSIONS__INIT;
	Renacer__V1__Reply *reply;
	const char *sock;
	int argi, ret;

	ret = parse_opts("sessions",
			 "[--socket PATH]\n\nrenacerd's tracing sessions (root "
			 "sees all, other users their own).\n",
			 argc, argv, &sock, &argi);
	if (ret || (ret = no_operands("sessions", argc, argv, argi)))
		return ret < 0 ? 0 : ret;
	rq.body_case = RENACER__V1__REQUEST__BODY_SESSIONS;
	rq.sessions = &ls;
	reply = ask("sessions", sock, &rq);
	if (!reply)
		return 1;
	print_sessions(reply->sessions->sessions, reply->sessions->n_sessions);
	renacer__v1__reply__free_unpacked(reply, NULL);
	return 0;
}

int do_detach(int argc, char **argv)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__Detach dt = RENACER__V1__DETACH__INIT;
	Renacer__V1__Reply *reply;
	const char *sock;
	char *end;
	int argi, ret;

	ret = parse_opts("detach",
			 "ID [--socket PATH]\n\nEnds renacerd's session ID (see "
			 "`renacerctl sessions`); its processes run on untraced.\n",
			 argc, argv, &sock, &argi);
	if (ret)
		return ret < 0 ? 0 : ret;
	rq.body_case = RENACER__V1__REQUEST__BODY_DETACH;
	rq.detach = &dt;
	/* check the id before connecting */
	if (argi != argc - 1 || argv[argi][0] < '0' || argv[argi][0] > '9' ||
	    (dt.session = strtoull(argv[argi], &end, 10)) == 0 || *end) {
		rn_cli__error("detach", "see `renacerctl sessions`",
			      "give one session id, a positive number");
		return 2;
	}
	reply = ask("detach", sock, &rq);
	if (!reply)
		return 1;
	printf("session %" PRIu64 " detached\n", dt.session);
	renacer__v1__reply__free_unpacked(reply, NULL);
	return 0;
}
