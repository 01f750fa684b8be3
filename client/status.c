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

enum { OPT_SOCKET = 256 };

/* Connects, sends rq, returns the reply (NULL after printing why). */
static Renacer__V1__Reply *ask(const char *cmd, int argc, char **argv, Renacer__V1__Request *rq,
			       int *argi)
{
	static const struct option longopts[] = {
	    {"socket", required_argument, NULL, OPT_SOCKET},
	    {NULL, 0, NULL, 0},
	};
	const char *sock = NULL;
	struct rn_dclient *dc;
	Renacer__V1__Reply *reply = NULL;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != OPT_SOCKET) {
			fprintf(stderr, "renacerctl %s: unknown option (only --socket=PATH)\n",
				cmd);
			return NULL;
		}
		sock = optarg;
	}
	*argi = optind;
	sock = rn_dclient__socket_path(sock);
	ret = rn_dclient__connect(&dc, sock);
	if (ret) {
		fprintf(stderr,
			"renacerctl %s: cannot reach renacerd at %s: %s (is it running? see "
			"`systemctl status renacerd`)\n",
			cmd, sock, strerror(-ret));
		return NULL;
	}
	ret = rn_dclient__call(dc, rq, &reply, 5000, NULL);
	rn_dclient__free(dc);
	if (ret) {
		fprintf(stderr, "renacerctl %s: renacerd did not answer: %s\n", cmd,
			strerror(-ret));
		return NULL;
	}
	if (reply->body_case == RENACER__V1__REPLY__BODY_ERROR) {
		fprintf(stderr, "renacerctl %s: %s\n", cmd, reply->error->message);
		renacer__v1__reply__free_unpacked(reply, NULL);
		return NULL;
	}
	return reply;
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
	int argi;
	size_t c;

	rq.body_case = RENACER__V1__REQUEST__BODY_STATUS;
	rq.status = &sr;
	reply = ask("status", argc, argv, &rq, &argi);
	if (!reply)
		return 1;
	st = reply->status;
	printf("renacerd %s, up %.1f s, %u session(s)\n", st->version, st->uptime_ns / 1e9,
	       st->session_count);
	printf("ring buffer: %" PRIu64 " of %" PRIu64 " bytes in use; export queue: %" PRIu64 "\n",
	       st->ring_used, st->ring_bytes, st->export_queue);
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
	int argi;

	rq.body_case = RENACER__V1__REQUEST__BODY_SESSIONS;
	rq.sessions = &ls;
	reply = ask("sessions", argc, argv, &rq, &argi);
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
	char *end;
	int argi;

	rq.body_case = RENACER__V1__REQUEST__BODY_DETACH;
	rq.detach = &dt;
	/* the session id is the last argument; check it before connecting */
	if (argc < 2 || (dt.session = strtoull(argv[argc - 1], &end, 10)) == 0 || *end) {
		fprintf(stderr,
			"renacerctl detach: give a session id (see `renacerctl sessions`)\n");
		return 2;
	}
	argc--;
	reply = ask("detach", argc, argv, &rq, &argi);
	if (!reply)
		return 1;
	printf("session %" PRIu64 " detached\n", dt.session);
	renacer__v1__reply__free_unpacked(reply, NULL);
	return 0;
}
