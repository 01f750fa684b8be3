// SPDX-License-Identifier: MIT
/* The OTLP receiver of the tests (tests/otlp/receiver.js, a real gRPC server in Node). */
#include <criterion/criterion.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integ.h"

bool integ_source_path(const char *rel, char *buf, size_t len)
{
	static const char *const up[] = {"./", "/../", "/../../"};
	struct stat st;

	for (size_t i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
		snprintf(buf, len, "%s%s%s", i ? integ_build() : "", up[i], rel);
		if (!stat(buf, &st))
			return true;
	}
	buf[0] = '\0';
	return false;
}

int integ_otlp_start(const struct integ_otlp_opts *o, pid_t *pid)
{
	char script[PATH_MAX], out[PATH_MAX], pf[PATH_MAX], errp[PATH_MAX], nfail[16], nport[16];
	char *got;
	int port;

	if (!integ_source_path("tests/otlp/node_modules/@grpc/grpc-js", script, sizeof(script)) ||
	    !integ_source_path("tests/otlp/receiver.js", script, sizeof(script)))
		integ_unavailable(
		    "the OTLP receiver's packages are not installed in tests/otlp "
		    "(run scripts/install-deps.sh, which installs node, npm and them)");
	integ_path(out, sizeof(out), o->out ? o->out : "got.jsonl");
	integ_path(pf, sizeof(pf), "port");
	unlink(pf);
	integ_path(errp, sizeof(errp), "receiver.err");
	snprintf(nport, sizeof(nport), "%d", o->port);
	snprintf(nfail, sizeof(nfail), "%d", o->fail_unavailable);
	{
		char *const argv[] = {
		    "node", script,   "--out", out, "--port-file", pf, "--fail-unavailable",
		    nfail,  "--port", nport,   NULL};

		*pid = integ_spawn(argv, errp);
	}
	cr_assert_gt(*pid, 0, "cannot start node");
	if (!integ_wait_for_text(pf, "\n", 60)) {
		char *e = integ_read_file(errp);

		cr_assert_fail("the OTLP receiver did not start: %s", e ? e : "(no stderr)");
	}
	got = integ_read_file(pf);
	port = got ? atoi(got) : 0;
	free(got);
	cr_assert_gt(port, 0, "the OTLP receiver wrote no port");
	return port;
}

void integ_otlp_stop(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGKILL);
		integ_wait(*pid, 10);
		*pid = 0;
	}
}
