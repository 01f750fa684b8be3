// SPDX-License-Identifier: MIT
/*
 * renacerd against one hostile client: a full descriptor table (no busy loop, root gets
 * back in), a client that floods requests and never reads (bounded memory), a real
 * non-root user at its per-uid limits (refused with the limit named, root still served),
 * a half-sent frame (closed after frame_timeout) next to an idle client (kept), and a
 * traced command whose client reads nothing (bounded memory, the loss reported).
 * Each test runs its own daemon on a socket in its temp dir (test_daemon.h).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "renacer/v1/control.pb-c.h"
#include "test_daemon.h"

TestSuite(integ_daemon_dos, .init = td_setup, .fini = td_teardown, .timeout = 120);

static int connect_sock(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	memcpy(sa.sun_path, td_sock, sizeof(td_sock));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* renacerd with <integ_dir>/renacerd.toml holding config [--group group]. */
static void start_daemon(const char *config, const char *group)
{
	const char *extra[] = {group ? "--group" : NULL, group, NULL};

	td_start_config(config, extra);
}

/* A frame holding Request{id, status{}} (or sessions{}): its length. */
static size_t request_frame(uint8_t *buf, size_t cap, uint64_t id, bool status)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__StatusRequest st = RENACER__V1__STATUS_REQUEST__INIT;
	Renacer__V1__ListSessions ls = RENACER__V1__LIST_SESSIONS__INIT;
	size_t n;

	rq.id = id;
	if (status) {
		rq.body_case = RENACER__V1__REQUEST__BODY_STATUS;
		rq.status = &st;
	} else {
		rq.body_case = RENACER__V1__REQUEST__BODY_SESSIONS;
		rq.sessions = &ls;
	}
	n = protobuf_c_message_get_packed_size(&rq.base);
	cr_assert_leq(n + 4, cap);
	buf[0] = (uint8_t)(n >> 24);
	buf[1] = (uint8_t)(n >> 16);
	buf[2] = (uint8_t)(n >> 8);
	buf[3] = (uint8_t)n;
	protobuf_c_message_pack(&rq.base, buf + 4);
	return n + 4;
}

static int send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		/* a daemon that refused us may have closed already: an error, not SIGPIPE */
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads exactly len bytes within the deadline: 0, -EPIPE at end of stream, -ETIMEDOUT. */
static int read_full(int fd, void *buf, size_t len, double until)
{
	char *p = buf;

	while (len) {
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		int left = (int)((until - integ_now_s()) * 1000);
		ssize_t n;

		if (left <= 0 || poll(&pf, 1, left) == 0)
			return -ETIMEDOUT;
		n = read(fd, p, len);
		if (n == 0)
			return -EPIPE;
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return errno == ECONNRESET ? -EPIPE : -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The next reply on fd within timeout_s: NULL at end of stream or timeout (*why says). */
static Renacer__V1__Reply *read_reply(int fd, double timeout_s, int *why)
{
	double until = integ_now_s() + timeout_s;
	uint8_t hdr[4], *payload;
	Renacer__V1__Reply *r;
	uint32_t n;
	int ret = read_full(fd, hdr, 4, until);

	*why = ret;
	if (ret)
		return NULL;
	n = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
	cr_assert_leq(n, 16u << 20, "reply frame of %u bytes", n);
	payload = malloc(n + 1);
	cr_assert(payload);
	*why = read_full(fd, payload, n, until);
	r = *why ? NULL : renacer__v1__reply__unpack(NULL, n, payload);
	free(payload);
	if (!*why && !r)
		*why = -EPROTO;
	return r;
}

/* True when the daemon closes fd within timeout_s (any frames before that are skipped). */
static bool closed_by_daemon(int fd, double timeout_s)
{
	double until = integ_now_s() + timeout_s;
	char buf[4096];
	int ret;

	while ((ret = read_full(fd, buf, 1, until)) == 0)
		;
	return ret == -EPIPE;
}

static long proc_stat_field(pid_t pid, int field)
{
	char path[64], buf[1024], *p;
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "re");
	cr_assert(f, "cannot open %s", path);
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	/* "pid (comm) state ...": fields counted after the comm's closing paren */
	p = strrchr(buf, ')');
	cr_assert(p, "bad %s: %s", path, buf);
	p += 2;
	for (int i = 3; i < field && p; i++)
		p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL;
	if (p)
		v = strtol(p, NULL, 10);
	return v;
}

/* CPU time the daemon spent, user and system, in clock ticks. */
static long cpu_ticks(pid_t pid)
{
	return proc_stat_field(pid, 14) + proc_stat_field(pid, 15);
}

/* Nanoseconds the daemon ran plus waited to run (/proc/PID/schedstat). */
static long runnable_ns(pid_t pid)
{
	char path[64], *text;
	long long run = 0, wait = 0;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", pid);
	text = integ_read_file(path);
	cr_assert(text && sscanf(text, "%lld %lld", &run, &wait) == 2, "cannot read %s", path);
	free(text);
	return (long)(run + wait);
}

static long rss_kib(pid_t pid)
{
	char path[64], *text, *p;
	long kib = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	text = integ_read_file(path);
	cr_assert(text, "cannot read %s", path);
	p = strstr(text, "VmRSS:");
	if (p)
		kib = strtol(p + 6, NULL, 10);
	free(text);
	return kib;
}

static int open_fds(pid_t pid)
{
	char path[64];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	cr_assert(d, "cannot list %s", path);
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

Test(integ_daemon_dos, full_descriptor_table_neither_spins_nor_locks_root_out_for_good)
{
	long hz = sysconf(_SC_CLK_TCK), t0, t1, r0, r1;
	int fds[48], n = 0, nfd, why, i, refused = 0;
	char first_other[256] = "";
	uint8_t frame[64];
	size_t flen;
	struct rlimit rl;
	Renacer__V1__Reply *r;
	char *log;

	start_daemon("", NULL);
	/* room for 14 more descriptors (a client and a link per BPF program, 10 of them, for
	 * root's trace at the end), then 40 clients that connect and say nothing */
	nfd = open_fds(td_pid);
	rl.rlim_cur = rl.rlim_max = (rlim_t)nfd + 14;
	cr_assert_eq(prlimit(td_pid, RLIMIT_NOFILE, &rl, NULL), 0, "prlimit: %s", strerror(errno));
	for (n = 0; n < 40; n++) {
		fds[n] = connect_sock();
		cr_assert_geq(fds[n], 0, "connection %d: %s", n, strerror(-fds[n]));
	}
	integ_sleep_ms(500);

	/* a busy loop runs or waits to run all the time, even when others take the CPU */
	t0 = cpu_ticks(td_pid);
	r0 = runnable_ns(td_pid);
	integ_sleep_ms(1000);
	t1 = cpu_ticks(td_pid);
	r1 = runnable_ns(td_pid);
	cr_expect_lt((double)(t1 - t0) / (double)hz, 0.2,
		     "renacerd used %.2f s of CPU in 1 s with its descriptors exhausted (a busy "
		     "accept loop)",
		     (double)(t1 - t0) / (double)hz);
	cr_expect_lt((double)(r1 - r0) / 1e9, 0.5,
		     "renacerd was running or runnable %.2f s of 1 s with its descriptors "
		     "exhausted (a busy accept loop)",
		     (double)(r1 - r0) / 1e9);

	/* those that found no descriptor were told why at once, and closed */
	for (i = 0; i < n; i++) {
		struct pollfd pf = {.fd = fds[i], .events = POLLIN};

		if (poll(&pf, 1, 0) != 1)
			continue; /* admitted: an idle client hears nothing */
		r = read_reply(fds[i], 5, &why);
		if (r && r->body_case == RENACER__V1__REPLY__BODY_ERROR &&
		    strstr(r->error->message, "no file descriptor left") &&
		    strstr(r->error->message, "LimitNOFILE") && closed_by_daemon(fds[i], 5))
			refused++;
		else if (!first_other[0])
			snprintf(first_other, sizeof(first_other), "%s",
				 r && r->body_case == RENACER__V1__REPLY__BODY_ERROR
				     ? r->error->message
				     : "a reply that is not an error");
		if (r)
			renacer__v1__reply__free_unpacked(r, NULL);
	}
	/* every client not admitted was told why; a descriptor the daemon frees for a moment
	 * may admit one or two more than 14, so "most" is the bound, not an exact count */
	cr_expect(!first_other[0], "a client of a daemon out of descriptors saw: %s", first_other);
	cr_expect_geq(refused, 40 - 18,
		      "%d of 40 clients of a daemon with room for 14 descriptors were refused with "
		      "the fd limit named",
		      refused);

	/* a client that comes now is answered at once: served, or told why */
	fds[n] = connect_sock();
	cr_assert_geq(fds[n], 0);
	flen = request_frame(frame, sizeof(frame), 1, true);
	send_all(fds[n], frame, flen);
	r = read_reply(fds[n++], 5, &why);
	cr_expect(r && (r->body_case == RENACER__V1__REPLY__BODY_STATUS ||
			(r->body_case == RENACER__V1__REPLY__BODY_ERROR &&
			 strstr(r->error->message, "LimitNOFILE"))),
		  "a client of a daemon out of descriptors got %s",
		  r ? "neither its status nor the error naming LimitNOFILE" : strerror(-why));
	if (r)
		renacer__v1__reply__free_unpacked(r, NULL);

	/* the idle clients leave: root gets in and traces */
	while (n > 0)
		close(fds[--n]);
	integ_sleep_ms(300);
	td_expect_traces("after the descriptors freed");
	cr_expect(td_alive(), "renacerd died");
	log = td_log();
	cr_expect(strstr(log, "LimitNOFILE"), "the daemon's log does not say what ran out:\n%s",
		  log);
	free(log);
}

Test(integ_daemon_dos, client_that_never_reads_its_replies_does_not_grow_the_daemon)
{
	enum { CHUNK = 64 << 10, TOTAL = 6 << 20 };
	uint8_t frame[64], *chunk = malloc(CHUNK);
	size_t flen, used = 0, sent = 0;
	const char *status[] = {"status", "--socket", td_sock, NULL};
	struct integ_run run;
	long rss0, rss1;
	uint64_t id = 1;
	double until;
	int fd, why, got, unread = -1;
	Renacer__V1__Reply *r;

	cr_assert(chunk);
	start_daemon("max_queued_bytes = 65536\n", NULL);
	rss0 = rss_kib(td_pid);
	fd = connect_sock();
	cr_assert_geq(fd, 0);
	/* status requests, reading nothing */
	while (used + 64 <= CHUNK) {
		flen = request_frame(frame, sizeof(frame), id++, true);
		memcpy(chunk + used, frame, flen);
		used += flen;
	}

	/*
	 * More than the daemon takes in one read, asking for far more than 64 KiB of
	 * replies: it must leave some unread (our unsent count stays above 0, and the write
	 * may not even finish); a daemon that reads on drains it within moments.
	 */
	fcntl(fd, F_SETFL, 0);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &(struct timeval){.tv_sec = 3},
		   sizeof(struct timeval));
	for (sent = 0; sent < 4 * used;) {
		ssize_t w = write(fd, chunk + sent % used, used - sent % used);

		if (w <= 0)
			break;
		sent += (size_t)w;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	for (until = integ_now_s() + 5; integ_now_s() < until; integ_sleep_ms(100)) {
		cr_assert_eq(ioctl(fd, SIOCOUTQ, &unread), 0);
		if (unread == 0)
			break;
	}
	cr_expect_gt(unread, 0,
		     "renacerd read all %zu bytes of requests from a client that read none of "
		     "its replies (max_queued_bytes = 64 KiB)",
		     sent);

	/* then a flood: the writes block for good, and the daemon stays small */
	for (until = integ_now_s() + 60; sent < TOTAL && integ_now_s() < until;) {
		struct pollfd pf = {.fd = fd, .events = POLLOUT};
		ssize_t w = write(fd, chunk + sent % used, used - sent % used);

		if (w > 0) {
			sent += (size_t)w;
			continue;
		}
		cr_assert(w < 0 && errno == EAGAIN, "write: %s", strerror(errno));
		if (poll(&pf, 1, 2000) == 0)
			break; /* the daemon stopped reading us */
	}
	rss1 = rss_kib(td_pid);
	if (getenv("DOS_KEEP"))
		fprintf(stderr, "sent %zu rss %ld -> %ld KiB\n", sent, rss0, rss1);
	cr_expect_lt(rss1 - rss0, 16 << 10,
		     "renacerd grew by %ld KiB while a client sent %zu bytes of requests without "
		     "reading a reply (max_queued_bytes = 64 KiB)",
		     rss1 - rss0, sent);

	/* other clients are served meanwhile */
	cr_expect_eq(integ_ctl(status, integ_dir, 10, &run), 0, "status while a client floods: %s",
		     run.err);
	integ_run__free(&run);

	/* stopped, not dropped: once it reads, its replies come, in order */
	fcntl(fd, F_SETFL, 0);
	for (got = 0; got < 1000; got++) {
		r = read_reply(fd, 10, &why);
		cr_assert(r, "reply %d of the flooding client: %s", got + 1, strerror(-why));
		cr_assert_eq(r->id, (uint64_t)got + 1, "reply %d has id %llu", got + 1,
			     (unsigned long long)r->id);
		renacer__v1__reply__free_unpacked(r, NULL);
	}
	close(fd);
	cr_expect(td_alive(), "renacerd died");
	free(chunk);
}

/* What the user's client saw, one line per step, into out; for the forked child. */
static void user_side(int out, int release)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__Attach at = RENACER__V1__ATTACH__INIT;
	Renacer__V1__Reply *r;
	uint8_t buf[256];
	uint32_t pid;
	pid_t sleepers[3];
	int conns[4], why, i;
	char c;

	for (i = 0; i < 4; i++) {
		conns[i] = connect_sock();
		if (conns[i] < 0) {
			dprintf(out, "connection %d: connect failed: %s\n", i + 1,
				strerror(-conns[i]));
			_exit(1);
		}
	}
	/* the 4th is refused; the first 3 stay open, so nothing arrives on them */
	r = read_reply(conns[3], 5, &why);
	if (r && r->body_case == RENACER__V1__REPLY__BODY_ERROR)
		dprintf(out, "connection 4: error %d: %s\n", r->error->code, r->error->message);
	else
		dprintf(out, "connection 4: %s\n", r ? "a reply that is not an error" : "no reply");
	if (r)
		renacer__v1__reply__free_unpacked(r, NULL);
	for (i = 0; i < 3; i++) {
		sleepers[i] = fork();
		if (sleepers[i] == 0) {
			execl("/bin/sleep", "sleep", "60", (char *)NULL);
			_exit(127);
		}
	}
	usleep(200000);
	for (i = 0; i < 3; i++) {
		pid = (uint32_t)sleepers[i];
		rq.id = (uint64_t)i + 1;
		rq.body_case = RENACER__V1__REQUEST__BODY_ATTACH;
		at.n_pids = 1;
		at.pids = &pid;
		rq.attach = &at;
		buf[0] = buf[1] = 0;
		buf[2] = (uint8_t)(protobuf_c_message_get_packed_size(&rq.base) >> 8);
		buf[3] = (uint8_t)protobuf_c_message_get_packed_size(&rq.base);
		protobuf_c_message_pack(&rq.base, buf + 4);
		send_all(conns[0], buf, 4 + protobuf_c_message_get_packed_size(&rq.base));
		/* Events of the sessions already started may come first */
		while ((r = read_reply(conns[0], 10, &why)) && r->id != rq.id)
			renacer__v1__reply__free_unpacked(r, NULL);
		if (r && r->body_case == RENACER__V1__REPLY__BODY_STARTED)
			dprintf(out, "session %d: started\n", i + 1);
		else if (r && r->body_case == RENACER__V1__REPLY__BODY_ERROR)
			dprintf(out, "session %d: error %d: %s\n", i + 1, r->error->code,
				r->error->message);
		else
			dprintf(out, "session %d: no answer (%s)\n", i + 1, strerror(-why));
		if (r)
			renacer__v1__reply__free_unpacked(r, NULL);
	}
	dprintf(out, "ready\n");
	if (read(release, &c, 1) < 0)
		_exit(1);
	for (i = 0; i < 3; i++)
		kill(sleepers[i], SIGKILL);
	_exit(0);
}

Test(integ_daemon_dos, a_user_at_its_limits_is_refused_with_the_limit_named_and_root_still_served)
{
	const char *status[] = {"status", "--socket", td_sock, NULL};
	int out[2], release[2];
	char text[8192] = "", conf[PATH_MAX];
	struct integ_run run;
	struct group *gr;
	size_t len = 0;
	double until;
	uid_t uid;
	gid_t gid;
	pid_t child;

	signal(SIGPIPE, SIG_IGN); /* the user's side may be gone early */
	td_add_user(0, "-dos", &uid, &gid);
	gr = getgrgid(gid);
	cr_assert(gr, "no group %u for %s", gid, td_users[0]);
	start_daemon("max_connections = 8\nmax_connections_per_uid = 3\nmax_sessions = 8\n"
		     "max_sessions_per_uid = 2\n",
		     gr->gr_name);
	integ_path(conf, sizeof(conf), "renacerd.toml");
	cr_assert(!pipe2(out, O_CLOEXEC) && !pipe2(release, O_CLOEXEC));
	child = fork();
	cr_assert_geq(child, 0);
	if (child == 0) {
		close(out[0]);
		close(release[1]);
		if (setgroups(0, NULL) || setgid(gid) || setuid(uid))
			_exit(125);
		user_side(out[1], release[0]);
	}
	close(out[1]);
	close(release[0]);
	for (until = integ_now_s() + 40; !strstr(text, "ready\n") && integ_now_s() < until;) {
		struct pollfd pf = {.fd = out[0], .events = POLLIN};
		ssize_t n;

		if (poll(&pf, 1, 500) <= 0)
			continue;
		n = read(out[0], text + len, sizeof(text) - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		text[len] = '\0';
	}
	cr_expect(strstr(text, "ready\n"), "the user's client did not finish:\n%s", text);
	cr_expect(strstr(text, "connection 4: error ") &&
		      strstr(text, "max_connections_per_uid allows") && strstr(text, conf),
		  "a 4th connection of a user with max_connections_per_uid = 3 was not refused "
		  "with the limit and the file named:\n%s",
		  text);
	cr_expect(strstr(text, "session 1: started\n") && strstr(text, "session 2: started\n"),
		  "the user's sessions within the limit did not start:\n%s", text);
	cr_expect(strstr(text, "session 3: error 16: ") &&
		      strstr(text, "max_sessions_per_uid allows") && strstr(text, conf),
		  "a 3rd session of a user with max_sessions_per_uid = 2 was not refused with "
		  "the limit and the file named:\n%s",
		  text);

	/* the user holds all it may: root is exempt, connects and traces */
	cr_expect_eq(integ_ctl(status, integ_dir, 10, &run), 0,
		     "root's status while a user is at its limits: %s", run.err);
	integ_run__free(&run);
	td_expect_traces("while a user holds its maximum");

	cr_assert_eq(write(release[1], "x", 1), 1);
	integ_wait(child, 10);
	close(out[0]);
	close(release[1]);
	cr_expect(td_alive(), "renacerd died");
}

Test(integ_daemon_dos, half_sent_frame_is_closed_after_frame_timeout_while_idle_clients_stay)
{
	uint8_t frame[64];
	size_t flen;
	int stalled, idle, why;
	Renacer__V1__Reply *r;
	struct pollfd pf;

	start_daemon("frame_timeout = 1\n", NULL);
	stalled = connect_sock();
	idle = connect_sock();
	cr_assert(stalled >= 0 && idle >= 0);
	/* 2 bytes of a length prefix, and nothing more */
	cr_assert_eq(send_all(stalled, "\0\0", 2), 0);

	r = read_reply(stalled, 10, &why);
	cr_expect(r && r->body_case == RENACER__V1__REPLY__BODY_ERROR &&
		      strstr(r->error->message, "frame_timeout"),
		  "a client that sent half a frame got %s",
		  r ? "a reply that is not an error naming frame_timeout" : strerror(-why));
	if (r)
		renacer__v1__reply__free_unpacked(r, NULL);
	cr_expect(closed_by_daemon(stalled, 5),
		  "renacerd kept a connection open that sent 2 bytes of a frame 10 s ago");
	close(stalled);

	/* the idle client, which never began a frame, is still served */
	pf.fd = idle;
	pf.events = POLLIN;
	cr_expect_eq(poll(&pf, 1, 0), 0, "renacerd closed or wrote to an idle client");
	flen = request_frame(frame, sizeof(frame), 7, false);
	cr_assert_eq(send_all(idle, frame, flen), 0);
	r = read_reply(idle, 10, &why);
	cr_expect(r && r->id == 7 && r->body_case == RENACER__V1__REPLY__BODY_SESSIONS,
		  "the idle client's request got no answer: %s",
		  r ? "wrong reply" : strerror(-why));
	if (r)
		renacer__v1__reply__free_unpacked(r, NULL);
	close(idle);
	cr_expect(td_alive(), "renacerd died");
}

Test(integ_daemon_dos, events_for_a_client_that_does_not_read_are_dropped_counted_and_reported)
{
	char *fx = integ_fixture("storm");
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__StartTrace st = RENACER__V1__START_TRACE__INIT;
	Renacer__V1__Reply *r;
	uint8_t buf[64];
	uint64_t lost = 0, bytes = 0;
	long rss0, rss, peak = 0;
	int fd, why, hold[2], status = -1;
	bool ended = false;
	size_t n;
	pid_t child;

	start_daemon("max_queued_bytes = 1048576\n", NULL);
	rss0 = rss_kib(td_pid);
	cr_assert(!pipe2(hold, O_CLOEXEC));
	child = fork();
	cr_assert_geq(child, 0);
	if (child == 0) {
		char c;

		close(hold[1]);
		if (read(hold[0], &c, 1) != 1)
			_exit(126);
		execl(fx, "storm", "400000", (char *)NULL);
		_exit(127);
	}
	close(hold[0]);
	fd = connect_sock();
	cr_assert_geq(fd, 0);
	st.pid = (uint32_t)child;
	rq.id = 1;
	rq.body_case = RENACER__V1__REQUEST__BODY_START;
	rq.start = &st;
	n = protobuf_c_message_get_packed_size(&rq.base);
	buf[0] = buf[1] = buf[2] = 0;
	buf[3] = (uint8_t)n;
	protobuf_c_message_pack(&rq.base, buf + 4);
	cr_assert_eq(send_all(fd, buf, n + 4), 0);
	r = read_reply(fd, 10, &why);
	cr_assert(r && r->body_case == RENACER__V1__REPLY__BODY_STARTED, "no Started: %s",
		  r && r->body_case == RENACER__V1__REPLY__BODY_ERROR ? r->error->message
								      : strerror(-why));
	renacer__v1__reply__free_unpacked(r, NULL);

	/* 800000 syscalls traced, and the client reads nothing until they are done */
	cr_assert_eq(write(hold[1], "x", 1), 1);
	close(hold[1]);
	for (double until = integ_now_s() + 90; integ_now_s() < until; integ_sleep_ms(50)) {
		rss = rss_kib(td_pid);
		peak = rss > peak ? rss : peak;
		if (waitpid(child, &status, WNOHANG) == child)
			break;
	}
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "storm did not finish (%d)",
		  status);
	cr_expect_lt(peak - rss0, 24 << 10,
		     "renacerd grew by %ld KiB holding records for a client that reads nothing "
		     "(max_queued_bytes = 1 MiB)",
		     peak - rss0);

	/* what was kept comes, then the count of what was not, then the end */
	while (!ended && (r = read_reply(fd, 20, &why))) {
		if (r->body_case == RENACER__V1__REPLY__BODY_EVENTS) {
			bytes += r->events->records.len;
			lost = r->events->lost > lost ? r->events->lost : lost;
		}
		ended = r->body_case == RENACER__V1__REPLY__BODY_ENDED;
		renacer__v1__reply__free_unpacked(r, NULL);
	}
	cr_expect(ended, "no Ended after the traced command exited: %s", strerror(-why));
	cr_expect_gt(bytes, 0, "no records reached the client");
	/* all it got was queued at once: the limit, the socket's buffers and one batch */
	cr_expect_lt(bytes, 8u << 20,
		     "%llu bytes of records were kept for a client that read nothing "
		     "(max_queued_bytes = 1 MiB)",
		     (unsigned long long)bytes);
	cr_expect_gt(lost, 0,
		     "no record reported lost to a client that read nothing while 800000 "
		     "syscalls were traced (%llu bytes of records kept)",
		     (unsigned long long)bytes);
	if (getenv("DOS_KEEP"))
		fprintf(stderr, "kept %llu bytes, lost %llu records\n", (unsigned long long)bytes,
			(unsigned long long)lost);
	close(fd);
	cr_expect(td_alive(), "renacerd died");
	free(fx);
}

/* The tgid map is rebuilt from the live processes once ended ones crowd it (past 1024). */
Test(integ_daemon_dos, thousands_of_short_processes_leave_a_followed_trace_complete)
{
	char out[PATH_MAX];
	const char *args[] = {"trace",
			      "--daemon",
			      "--socket",
			      td_sock,
			      "-f",
			      "-o",
			      out,
			      "--",
			      "/bin/sh",
			      "-c",
			      "i=0; while [ $i -lt 1200 ]; do /bin/true; i=$((i+1)); done",
			      NULL};
	struct integ_run r;
	char *raw;
	size_t execs = 0;

	start_daemon("", NULL);
	integ_path(out, sizeof(out), "many.out");
	integ_ctl(args, integ_dir, 110, &r);
	raw = integ_read_file(out);
	cr_expect_eq(r.status, 0, "trace -f of 1200 processes: status %d: %s", r.status, r.err);
	for (const char *p = raw; p && (p = strstr(p, "execve(\"/bin/true\"")); p++)
		execs++;
	cr_expect_eq(execs, 1200, "%zu of 1200 execve of /bin/true traced", execs);
	integ_run__free(&r);
	free(raw);
	cr_expect(td_alive(), "renacerd died");
}
