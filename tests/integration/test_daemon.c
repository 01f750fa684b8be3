// SPDX-License-Identifier: MIT
/*
 * renacerd end to end: lifecycle and status, attach/detach, malformed frames, clients
 * and daemons that die mid-trace, SIGTERM with live sessions, 50 concurrent sessions.
 * Each test runs its own daemon on a socket in its temp dir (harness_daemon.c).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "renacer/v1/control.pb-c.h"
#include "test_daemon.h"

TestSuite(integ_daemon, .init = td_setup, .fini = td_teardown, .timeout = 120);

static int must_match(const char *re_src, const char *text)
{
	regex_t re;
	int r;

	cr_assert(!regcomp(&re, re_src, REG_EXTENDED | REG_NEWLINE | REG_NOSUB), "bad regex %s",
		  re_src);
	r = regexec(&re, text, 0, NULL, 0);
	regfree(&re);
	return r == 0;
}

/* Stops the daemon with SIGTERM: its exit status (-1 if it hangs past 5 s). */
static int stop_daemon(void)
{
	int st;

	kill(td_pid, SIGTERM);
	st = integ_wait(td_pid, 5);
	if (st != -1)
		td_pid = 0;
	return st;
}

/* Lines of `renacerctl sessions` after the header: the live sessions. */
static int session_rows(void)
{
	const char *args[] = {"sessions", "--socket", td_sock, NULL};
	struct integ_run r;
	int rows = 0;

	if (integ_ctl(args, integ_dir, 10, &r) != 0) {
		integ_run__free(&r);
		return -1;
	}
	for (const char *p = strchr(r.out, '\n'); p && p[1]; p = strchr(p + 1, '\n'))
		rows++;
	integ_run__free(&r);
	return rows;
}

/* Sessions drain asynchronously (reaping runs every second): wait for none. */
static int wait_no_sessions(double timeout_s)
{
	double until = integ_now_s() + timeout_s;
	int rows;

	while ((rows = session_rows()) > 0 && integ_now_s() < until)
		integ_sleep_ms(100);
	return rows;
}

Test(integ_daemon, status_reports_version_uptime_and_counters_and_sigterm_exits_cleanly)
{
	const char *args[] = {"status", "--socket", td_sock, NULL};
	struct integ_run r;
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);
	char re[128];
	int st;

	td_start(NULL);
	td_expect_traces("before status");
	integ_ctl(args, integ_dir, 10, &r);
	cr_assert_eq(r.status, 0, "renacerctl status failed (%d): %s", r.status, r.err);
	cr_expect(must_match("^renacerd [0-9]+\\.[0-9]+\\.[0-9]+, up [0-9]+\\.[0-9] s, [0-9]+ "
			     "session\\(s\\)$",
			     r.out),
		  "no version/uptime line:\n%s", r.out);
	cr_expect(must_match("^ *cpu +seen +emitted +dropped +truncated +faulted$", r.out),
		  "no counter header:\n%s", r.out);
	for (long c = 0; c < ncpu; c++) {
		snprintf(re, sizeof(re), "^ +%ld( +[0-9]+){5}$", c);
		cr_expect(must_match(re, r.out), "no counters for cpu %ld:\n%s", c, r.out);
	}
	/* the trace above went through the BPF programs: something was seen and emitted */
	cr_expect(must_match("^ +total +[1-9][0-9]* +[1-9][0-9]*( +[0-9]+){3}$", r.out),
		  "total counters missing or zero after a trace:\n%s", r.out);
	integ_run__free(&r);

	st = stop_daemon();
	cr_expect_eq(st, 0, "renacerd exit status %d after SIGTERM (-1: still running)", st);
	cr_expect(access(td_sock, F_OK) && errno == ENOENT, "%s still exists after SIGTERM",
		  td_sock);
}

Test(integ_daemon, attach_and_detach_through_the_daemon_leaves_the_process_running)
{
	char *fx = integ_fixture("sleeper");
	char sink[PATH_MAX], out[PATH_MAX], err[PATH_MAX], pidstr[16];
	char *sleeper_argv[] = {fx, sink, NULL};
	const char *args[] = {"trace", "--daemon", "--socket", td_sock, "-p",
			      pidstr,  "-o",	   out,	       NULL};
	char **argv = integ_ctl_argv(args);
	struct integ_trace t;
	pid_t sleeper, tracer;
	char *raw, *errtext;
	int status, rows;
	bool alive;

	td_start(NULL);
	integ_path(sink, sizeof(sink), "sleeper.sink");
	integ_path(out, sizeof(out), "trace.out");
	integ_path(err, sizeof(err), "tracer.err");
	sleeper = integ_spawn(sleeper_argv, NULL);
	cr_assert_gt(sleeper, 0, "cannot start sleeper");
	integ_sleep_ms(100);
	snprintf(pidstr, sizeof(pidstr), "%d", sleeper);
	tracer = integ_spawn(argv, err);
	cr_assert_gt(tracer, 0, "cannot start the tracer");
	integ_wait_for_text(err, " attached", 20);
	integ_sleep_ms(400);
	kill(tracer, SIGINT);
	status = integ_wait(tracer, 10);
	alive = waitpid(sleeper, NULL, WNOHANG) == 0 && kill(sleeper, 0) == 0;
	rows = wait_no_sessions(3);
	kill(sleeper, SIGTERM);
	waitpid(sleeper, NULL, 0);

	errtext = integ_read_file(err);
	raw = integ_read_file(out);
	cr_expect_eq(status, 0, "tracer status %d after SIGINT (-1: still running); stderr:\n%s",
		     status, errtext ? errtext : "");
	cr_expect(alive, "sleeper died when the tracer detached");
	cr_expect_eq(rows, 0, "renacerctl sessions still lists %d session(s) after detach", rows);
	cr_expect(errtext && strstr(errtext, "Process ") && strstr(errtext, " attached") &&
		      strstr(errtext, " detached"),
		  "no attached/detached notes: %s", errtext ? errtext : "");
	cr_assert(raw, "no trace file; stderr:\n%s", errtext ? errtext : "");
	cr_assert_eq(integ_trace__parse(&t, raw, false), 0);
	cr_expect(integ_trace__find(&t, 0, "nanosleep({tv_sec=0, tv_nsec=50000000}, NULL) = 0"),
		  "no nanosleep line:\n%s", raw);
	cr_expect_geq(integ_trace__count(&t, 0, "write"), 2, "fewer than 2 writes:\n%s", raw);
	for (size_t i = 0; i < t.n; i++)
		cr_expect(t.v[i].kind != INTEG_EXIT, "exit reported for a live process: %s",
			  t.v[i].text);
	integ_trace__free(&t);
	free(raw);
	free(errtext);
	free(argv);
	free(fx);
}

static int connect_raw(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	cr_assert_geq(fd, 0);
	memcpy(sa.sun_path, td_sock, sizeof(td_sock));
	cr_assert(!connect(fd, (struct sockaddr *)&sa, sizeof(sa)), "connect %s: %s", td_sock,
		  strerror(errno));
	return fd;
}

/* Reads until EOF (or 5 s): the bytes the daemon sent, and whether it closed. */
static size_t read_to_eof(int fd, uint8_t *buf, size_t cap, bool *closed)
{
	double until = integ_now_s() + 5;
	size_t n = 0;

	*closed = false;
	while (integ_now_s() < until) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		ssize_t got;

		if (poll(&p, 1, 100) <= 0)
			continue;
		got = read(fd, buf + n, cap - n);
		if (got == 0 || (got < 0 && errno == ECONNRESET)) {
			*closed = true;
			break;
		}
		if (got < 0 || (n += (size_t)got) == cap)
			break;
	}
	return n;
}

/*
 * Sends bytes raw (then shuts down writing when half_close); expects one reply of kind
 * body (an Error: with errno code) and then a closed socket.
 */
static void expect_reply_and_close(const char *what, const void *bytes, size_t len,
				   Renacer__V1__Reply__BodyCase body, int code, bool half_close)
{
	uint8_t buf[65536];
	Renacer__V1__Reply *reply;
	bool closed;
	size_t n, flen;
	int fd = connect_raw();

	cr_assert_eq(write(fd, bytes, len), (ssize_t)len, "%s: write: %s", what, strerror(errno));
	if (half_close)
		shutdown(fd, SHUT_WR);
	n = read_to_eof(fd, buf, sizeof(buf), &closed);
	close(fd);
	cr_assert_geq(n, 4, "%s: no reply (%zu bytes), closed=%d", what, n, closed);
	flen = (size_t)buf[0] << 24 | (size_t)buf[1] << 16 | (size_t)buf[2] << 8 | buf[3];
	cr_assert_eq(n, 4 + flen, "%s: expected exactly one frame, got %zu bytes (frame %zu)", what,
		     n, flen);
	reply = renacer__v1__reply__unpack(NULL, flen, buf + 4);
	cr_assert(reply, "%s: the reply is not a renacer.v1.Reply", what);
	cr_expect_eq(reply->body_case, body, "%s: reply body %d, expected %d", what,
		     reply->body_case, body);
	if (reply->body_case == RENACER__V1__REPLY__BODY_ERROR) {
		cr_expect_eq(reply->error->code, code, "%s: error code %d, expected %d (%s)", what,
			     reply->error->code, code, reply->error->message);
		cr_expect(reply->error->message && *reply->error->message,
			  "%s: error without a message", what);
	}
	renacer__v1__reply__free_unpacked(reply, NULL);
	cr_expect(closed, "%s: the daemon kept the connection open", what);
	cr_assert(td_alive(), "%s: renacerd died", what);
}

#define expect_error_and_close(what, bytes, code)                                                  \
	expect_reply_and_close(what, bytes, sizeof(bytes), RENACER__V1__REPLY__BODY_ERROR, code,   \
			       false)

/* An Attach naming one pid twice is refused before anything is traced. */
static void expect_dup_pids_refused(void)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__Attach at = RENACER__V1__ATTACH__INIT;
	uint32_t pids[2] = {(uint32_t)getpid(), (uint32_t)getpid()};
	uint8_t frame[64];
	size_t n;

	at.n_pids = 2;
	at.pids = pids;
	rq.id = 9;
	rq.body_case = RENACER__V1__REQUEST__BODY_ATTACH;
	rq.attach = &at;
	n = protobuf_c_message_pack(&rq.base, frame + 4);
	frame[0] = frame[1] = frame[2] = 0;
	frame[3] = (uint8_t)n;
	expect_reply_and_close("attach with a pid given twice", frame, n + 4,
			       RENACER__V1__REPLY__BODY_ERROR, EINVAL, true);
}

Test(integ_daemon, malformed_oversized_and_truncated_frames_get_errors_and_the_daemon_carries_on)
{
	/* 'g' = field 12 with wire type 7, which does not exist: never a valid message */
	static const uint8_t garbage[] = {0, 0, 0, 8, 'g', 'a', 'r', 'b', 'a', 'g', 'e', '!'};
	static const uint8_t oversized[] = {0, 1, 0, 1}; /* 64 KiB + 1 */
	static const uint8_t huge[] = {0xff, 0xff, 0xff, 0xff};
	/* a valid Request (id 7) that asks nothing */
	static const uint8_t empty_rq[] = {0, 0, 0, 2, 0x08, 0x07};
	static const uint8_t truncated[] = {0, 0, 0, 100, 0x08, 0x01, 0x2a};
	static const uint8_t status_rq[] = {0, 0, 0, 4, 0x08, 0x01, 0x2a, 0x00};
	char *log;
	int fd;

	td_start(NULL);
	expect_error_and_close("garbage frame", garbage, EPROTO);
	expect_error_and_close("64 KiB + 1 length", oversized, EMSGSIZE);
	expect_error_and_close("4 GiB length", huge, EMSGSIZE);
	expect_error_and_close("request without a body", empty_rq, EINVAL);
	/* a client that asks and stops writing still gets its answer */
	expect_reply_and_close("status, then half-close", status_rq, sizeof(status_rq),
			       RENACER__V1__REPLY__BODY_STATUS, 0, true);

	expect_dup_pids_refused();

	fd = connect_raw();
	cr_assert_eq(write(fd, truncated, sizeof(truncated)), (ssize_t)sizeof(truncated));
	integ_sleep_ms(50);
	close(fd);
	integ_sleep_ms(100);
	cr_assert(td_alive(), "renacerd died after a truncated frame");

	td_expect_traces("after bad frames");
	cr_expect_eq(wait_no_sessions(3), 0, "sessions left behind by the bad clients");
	log = td_log();
	cr_expect(td_alive(), "renacerd died; its log:\n%s", log);
	free(log);
}

Test(integ_daemon, client_killed_mid_stream_leaves_the_traced_process_to_finish)
{
	char *fx = integ_fixture("storm");
	char out[PATH_MAX], err[PATH_MAX];
	const char *args[] = {"trace", "--daemon", "--socket", td_sock, "-o", out,
			      "--",    fx,	   "2000000",  "7",	NULL};
	char **argv = integ_ctl_argv(args);
	pid_t tracer, storm;
	int st, rows;

	td_start(NULL);
	integ_path(out, sizeof(out), "trace.out");
	integ_path(err, sizeof(err), "tracer.err");
	tracer = integ_spawn(argv, err);
	cr_assert_gt(tracer, 0);
	/* the session starts once the tracer has connected and the daemon attached: under a
	 * sanitizer on a loaded machine that is not a fixed time, so wait for it */
	for (double until = integ_now_s() + 15;
	     (rows = session_rows()) < 1 && integ_now_s() < until;)
		integ_sleep_ms(50);
	cr_assert_eq(rows, 1, "the trace did not start a session within 15 s");
	kill(tracer, SIGKILL);
	cr_assert_eq(integ_wait(tracer, 5), 128 + SIGKILL);
	/* storm is ours now (subreaper) */
	for (int i = 0; i < 50 && !(storm = td_find_orphan("storm")); i++)
		integ_sleep_ms(20);
	cr_assert_gt(storm, 0, "storm is gone right after its tracer was killed");
	st = integ_wait(storm, 90);
	cr_expect_eq(st, 7, "storm ended with %d, not its own exit code 7 (-1: still running)", st);
	rows = wait_no_sessions(3);
	cr_expect_eq(rows, 0, "the dead client's session is still listed");
	cr_expect(td_alive(), "renacerd died");
	free(argv);
	free(fx);
}

/* Starts a long trace of sleeper through the daemon; returns the client's pid. */
static pid_t start_sleeper_trace(char ***argv_out, char *err, size_t errlen)
{
	/* static: the argv built from them outlives this call */
	static char fx[PATH_MAX], sink[PATH_MAX], out[PATH_MAX];
	static const char *args[] = {"trace", "--daemon", "--socket", td_sock, "-o",
				     out,     "--",	  fx,	      sink,    NULL};
	char *path = integ_fixture("sleeper"), *raw = NULL;
	pid_t tracer;

	snprintf(fx, sizeof(fx), "%s", path);
	free(path);
	integ_path(sink, sizeof(sink), "sleeper.sink");
	integ_path(out, sizeof(out), "trace.out");
	integ_path(err, errlen, "tracer.err");
	*argv_out = integ_ctl_argv(args);
	tracer = integ_spawn(*argv_out, err);
	cr_assert_gt(tracer, 0);
	/* wait for the trace to flow */
	for (int i = 0; i < 100 && !(raw && strstr(raw, "nanosleep(")); i++) {
		integ_sleep_ms(20);
		free(raw);
		raw = integ_read_file(out);
	}
	cr_assert(raw && strstr(raw, "nanosleep("), "no trace lines after 2 s");
	free(raw);
	return tracer;
}

Test(integ_daemon, sigterm_with_live_sessions_tells_clients_why_and_exits_0)
{
	char err[PATH_MAX], **argv;
	pid_t tracer;
	double t0;
	int st, dst;
	char *errtext;

	td_start(NULL);
	tracer = start_sleeper_trace(&argv, err, sizeof(err));
	t0 = integ_now_s();
	kill(td_pid, SIGTERM);
	st = integ_wait(tracer, 5);
	dst = integ_wait(td_pid, 5);
	if (dst != -1)
		td_pid = 0;
	errtext = integ_read_file(err);
	cr_expect_neq(st, -1, "the client still runs 5 s after renacerd got SIGTERM; stderr:\n%s",
		      errtext ? errtext : "");
	cr_expect(st > 0 && st < 128, "client status %d: expected a non-zero exit; stderr:\n%s", st,
		  errtext ? errtext : "");
	cr_expect_lt(integ_now_s() - t0, 5.0);
	cr_expect(errtext && must_match("renacerd.*stopping", errtext),
		  "the client does not say renacerd is stopping:\n%s", errtext ? errtext : "");
	cr_expect_eq(dst, 0, "renacerd exit status %d after SIGTERM (-1: still running)", dst);
	cr_expect(access(td_sock, F_OK) && errno == ENOENT, "%s still exists", td_sock);
	free(errtext);
	free(argv);
}

Test(integ_daemon, sigkill_of_the_daemon_mid_trace_ends_the_client_with_an_error)
{
	char err[PATH_MAX], **argv;
	pid_t tracer;
	char *errtext;
	int st;

	td_start(NULL);
	tracer = start_sleeper_trace(&argv, err, sizeof(err));
	kill(td_pid, SIGKILL);
	cr_assert_eq(integ_wait(td_pid, 5), 128 + SIGKILL);
	td_pid = 0;
	st = integ_wait(tracer, 5);
	errtext = integ_read_file(err);
	cr_expect_neq(st, -1, "the client hangs after renacerd died; stderr:\n%s",
		      errtext ? errtext : "");
	cr_expect(st > 0 && st < 128, "client status %d: expected a non-zero exit; stderr:\n%s", st,
		  errtext ? errtext : "");
	cr_expect(errtext && strstr(errtext, "renacerd went away; the trace is incomplete"),
		  "no 'went away' message:\n%s", errtext ? errtext : "");
	free(errtext);
	free(argv);
}

#define NCONC 50
/* A hang guard, not a speed check (make bench measures speed): 50 sanitized clients on a
 * loaded 2-core machine took 81 s. */
#define HANG_S 240

Test(integ_daemon, fifty_concurrent_sessions_each_give_a_complete_trace)
{
	char *fx = integ_fixture("fileops");
	static char dirs[NCONC][PATH_MAX], outs[NCONC][PATH_MAX], errs[NCONC][PATH_MAX];
	char **argvs[NCONC], line[PATH_MAX + 64];
	pid_t pids[NCONC];
	int status[NCONC];
	double t0 = integ_now_s();

	td_start(NULL);
	for (int i = 0; i < NCONC; i++) {
		char name[32];
		const char *args[] = {"trace", "--daemon", "--socket", td_sock, "-o",
				      outs[i], "--",	   fx,	       dirs[i], NULL};

		snprintf(name, sizeof(name), "c%02d", i);
		integ_path(dirs[i], sizeof(dirs[i]), name);
		cr_assert(!mkdir(dirs[i], 0755));
		snprintf(outs[i], sizeof(outs[i]), "%s/trace.out", dirs[i]);
		snprintf(errs[i], sizeof(errs[i]), "%s/tracer.err", dirs[i]);
		argvs[i] = integ_ctl_argv(args);
	}
	/* all at once: started back to back, waited for afterwards */
	for (int i = 0; i < NCONC; i++) {
		pids[i] = integ_spawn(argvs[i], errs[i]);
		cr_assert_gt(pids[i], 0);
	}
	for (int i = 0; i < NCONC; i++)
		status[i] = integ_wait(
		    pids[i], HANG_S - (integ_now_s() - t0) > 1 ? HANG_S - (integ_now_s() - t0) : 1);
	for (int i = 0; i < NCONC; i++) {
		char *raw = integ_read_file(outs[i]), *errtext = integ_read_file(errs[i]);
		struct integ_trace t = {0};

		if (status[i] == -1)
			kill(pids[i], SIGKILL);
		cr_expect_eq(status[i], 0, "client %d: status %d; stderr:\n%s", i, status[i],
			     errtext ? errtext : "");
		cr_assert(raw, "client %d: no trace file", i);
		cr_assert_eq(integ_trace__parse(&t, raw, false), 0);
		cr_expect(t.n > 2 && !strncmp(t.v[0].text, "execve(", 7),
			  "client %d: the trace does not start with execve:\n%s", i, raw);
		cr_expect(t.n > 2 && !strcmp(t.v[t.n - 1].text, "+++ exited with 0 +++"),
			  "client %d: the trace does not end with the exit:\n%s", i, raw);
		cr_expect(
		    integ_trace__find(&t, 0,
				      "openat(AT_FDCWD, \"/nonexistent/renacer\", O_RDONLY) = "
				      "-1 ENOENT (No such file or directory)"),
		    "client %d: no ENOENT openat:\n%s", i, raw);
		snprintf(line, sizeof(line),
			 "openat(AT_FDCWD, \"%s/renacer-fileops.txt\", O_RDWR|O_CREAT|O_TRUNC, "
			 "0644) = 3",
			 dirs[i]);
		cr_expect(integ_trace__find(&t, 0, line), "client %d: no %s:\n%s", i, line, raw);
		cr_expect(integ_trace__find(&t, 0, "write(3, \"renacer fileops\\n\", 16) = 16"),
			  "client %d: no write:\n%s", i, raw);
		cr_expect(integ_trace__find(&t, 0, "read(3, \"renacer fileops\\n\", 64) = 16"),
			  "client %d: no read:\n%s", i, raw);
		snprintf(line, sizeof(line), "unlink(\"%s/renacer-fileops.txt\") = 0", dirs[i]);
		cr_expect(integ_trace__find(&t, 0, line), "client %d: no %s:\n%s", i, line, raw);
		cr_expect(integ_trace__find(&t, 0, "exit_group(0) = ?"), "client %d: no exit_group",
			  i);
		for (size_t k = 0; k < t.n; k++)
			cr_expect(integ_text__wellformed(t.v[k].text),
				  "client %d: malformed line: %s", i, t.v[k].text);
		integ_trace__free(&t);
		free(raw);
		free(errtext);
		free(argvs[i]);
	}
	cr_expect(td_alive(), "renacerd died");
	free(fx);
}

/* BPF links the daemon holds: the fds whose fdinfo has a link_id line. */
static int daemon_links(void)
{
	char dir[64], path[PATH_MAX], line[256];
	struct dirent *de;
	int n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fdinfo", td_pid);
	d = opendir(dir);
	cr_assert(d, "cannot list %s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, "link_id:", 8)) {
				n++;
				break;
			}
		fclose(f);
	}
	closedir(d);
	return n;
}

/* Attached programs slow every syscall on the host, traced or not (issue 14). */
Test(integ_daemon, programs_are_attached_only_while_a_session_runs)
{
	char *fx = integ_fixture("sleeper");
	char sink[PATH_MAX], out[PATH_MAX], pidstr[16];
	char *sleeper_argv[] = {fx, sink, NULL};
	const char *args[] = {"trace", "--daemon", "--socket", td_sock, "-p",
			      pidstr,  "-o",	   out,	       NULL};
	char **argv = integ_ctl_argv(args);
	int idle, during = 0, after = -1, again;
	pid_t sleeper, tracer;

	td_start(NULL);
	idle = daemon_links();
	integ_path(sink, sizeof(sink), "sleeper.sink");
	integ_path(out, sizeof(out), "trace.out");
	sleeper = integ_spawn(sleeper_argv, NULL);
	cr_assert_gt(sleeper, 0, "cannot start sleeper");
	snprintf(pidstr, sizeof(pidstr), "%d", sleeper);
	tracer = integ_spawn(argv, NULL);
	cr_assert_gt(tracer, 0, "cannot start the tracer");
	/* the session starts when the tracer gets its reply: poll rather than guess a delay */
	for (int i = 0; i < 100 && during == 0; i++) {
		integ_sleep_ms(50);
		if (session_rows() > 0)
			during = daemon_links();
	}
	kill(tracer, SIGINT);
	integ_wait(tracer, 10);
	wait_no_sessions(3);
	for (int i = 0; i < 40 && after != 0; i++) {
		after = daemon_links();
		if (after)
			integ_sleep_ms(50);
	}
	kill(sleeper, SIGTERM);
	waitpid(sleeper, NULL, 0);
	again = daemon_links();
	cr_expect_eq(idle, 0, "an idle renacerd holds %d BPF link(s)", idle);
	cr_expect_geq(during, 2, "a session ran with %d BPF link(s) attached", during);
	cr_expect_eq(after, 0, "%d BPF link(s) still attached after the last session ended", after);
	cr_expect_eq(again, 0, "%d BPF link(s) attached with no session", again);
	free(argv);
	free(fx);
}
