// SPDX-License-Identifier: MIT
/*
 * renacerd as a systemd service. PID 1 here is not systemd, so the unit is checked
 * statically (systemd-analyze), its sandbox is emulated (capability bounding set, no new
 * privileges, read-only / and /sys, the syscall filter), the notify protocol is read on a
 * NOTIFY_SOCKET of our own, and `make install` goes to a temp DESTDIR.
 */
#include <criterion/criterion.h>
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "integ.h"

#define UNIT "systemd/renacerd.service"
#define CONF "deploy/renacerd.toml"

static char root[PATH_MAX];  /* the source tree: where UNIT is */
static char build[PATH_MAX]; /* the build, absolute */
static char daemon_path[PATH_MAX + 16], ctl_path[PATH_MAX + 16];

/* The source tree is the cwd under `make test`, else the build's parent. */
static void find_root(void)
{
	char probe[PATH_MAX + 32], *slash;

	if (!realpath(integ_build(), build))
		integ_unavailable("build dir %s missing: run `make`", integ_build());
	if (!access(UNIT, R_OK) && getcwd(root, sizeof(root)))
		return;
	snprintf(root, sizeof(root), "%s", build);
	slash = strrchr(root, '/');
	if (slash)
		*slash = '\0';
	snprintf(probe, sizeof(probe), "%s/" UNIT, root);
	if (access(probe, R_OK))
		integ_unavailable("cannot find %s (run the tests from the source tree)", UNIT);
}

static bool have(const char *prog)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", prog);
	return system(cmd) == 0;
}

static void setup(void)
{
	find_root();
	snprintf(daemon_path, sizeof(daemon_path), "%s/renacerd", build);
	snprintf(ctl_path, sizeof(ctl_path), "%s/renacerctl", build);
	if (access(daemon_path, X_OK) || access(ctl_path, X_OK))
		integ_unavailable("%s or %s missing: run `make`", daemon_path, ctl_path);
	integ_setup_dir();
}

TestSuite(integ_systemd, .init = setup, .fini = integ_teardown, .timeout = 120);

static char *read_source(const char *rel)
{
	char path[PATH_MAX + 64];
	char *text;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	text = integ_read_file(path);
	cr_assert(text, "cannot read %s", path);
	return text;
}

/* The value of the last `key=` line of a unit (systemd: the last assignment wins). */
static char *unit_value(const char *unit, const char *key)
{
	size_t klen = strlen(key);
	const char *p, *hit = NULL;

	for (p = unit; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, key, klen) && p[klen] == '=')
			hit = p + klen + 1;
	return hit ? strndup(hit, strcspn(hit, "\n")) : NULL;
}

/* The unit with its ExecStart= line replaced: verify wants an executable that exists. */
static void render_unit(const char *unit, const char *exec_start, const char *out)
{
	const char *line = strstr(unit, "\nExecStart=");
	char *text;

	cr_assert(line, "the unit has no ExecStart= line");
	line++;
	cr_assert(asprintf(&text, "%.*sExecStart=%s%s", (int)(line - unit), unit, exec_start,
			   line + strcspn(line, "\n")) > 0);
	cr_assert_eq(integ_write_file(out, text), 0, "cannot write %s", out);
	free(text);
}

static int run_argv(const char *const *argv, double timeout_s, struct integ_run *r)
{
	return integ_run((char *const *)argv, NULL, timeout_s, r);
}

/* Settings the issue requires of the unit, each checked for its exact value. */
static const struct {
	const char *key, *value;
} required[] = {
    {"Type", "notify"},
    {"Restart", "on-failure"},
    {"ExecReload", "/bin/kill -HUP $MAINPID"},
    {"RuntimeDirectory", "renacer"},
    {"RuntimeDirectoryMode", "0755"},
    {"NoNewPrivileges", "yes"},
    {"ProtectSystem", "strict"},
    {"ProtectHome", "yes"},
    {"PrivateTmp", "yes"},
    {"ProtectKernelModules", "yes"},
    {"ProtectControlGroups", "yes"},
    {"RestrictAddressFamilies", "AF_UNIX"},
    {"CapabilityBoundingSet", "CAP_BPF CAP_PERFMON CAP_CHOWN"},
    {"LockPersonality", "yes"},
    {"RestrictRealtime", "yes"},
    {"SystemCallArchitectures", "native"},
    {"MemoryDenyWriteExecute", "yes"},
};

Test(integ_systemd, unit_passes_systemd_analyze_verify_with_the_hardening_required)
{
	char *unit = read_source(UNIT), *v;
	char path[PATH_MAX], broken_dir[PATH_MAX], broken[PATH_MAX + 32];
	const char *argv[] = {"systemd-analyze", "verify", "--man=no", path, NULL};
	struct integ_run r;
	size_t i;

	if (!have("systemd-analyze"))
		integ_unavailable(
		    "systemd-analyze missing: run scripts/install-deps.sh (package systemd)");
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		v = unit_value(unit, required[i].key);
		cr_expect(v && !strcmp(v, required[i].value), "%s=%s expected, the unit has %s",
			  required[i].key, required[i].value, v ? v : "nothing");
		free(v);
	}
	v = unit_value(unit, "ExecStart");
	cr_expect(v && !strcmp(v, "/usr/local/sbin/renacerd"),
		  "ExecStart= must name the default install path (make install rewrites it)");
	free(v);

	integ_path(path, sizeof(path), "renacerd.service");
	render_unit(unit, daemon_path, path);
	run_argv(argv, 60, &r);
	cr_expect_eq(r.status, 0, "systemd-analyze verify failed (%d): %s", r.status, r.err);
	cr_expect_str_empty(r.err, "systemd-analyze verify complained: %s", r.err);
	integ_run__free(&r);

	/* verify must really look at the unit: a missing binary is an error */
	integ_path(broken_dir, sizeof(broken_dir), "broken");
	cr_assert_eq(mkdir(broken_dir, 0755), 0);
	snprintf(broken, sizeof(broken), "%s/renacerd.service", broken_dir);
	render_unit(unit, "/nonexistent/renacerd", broken);
	argv[3] = broken;
	run_argv(argv, 60, &r);
	cr_expect_neq(r.status, 0, "verify accepted a unit whose ExecStart does not exist");
	cr_expect(strstr(r.err, "/nonexistent/renacerd"), "verify did not name the binary: %s",
		  r.err);
	integ_run__free(&r);
	free(unit);
}

/* Polls until the daemon's socket answers; false when the daemon died or time ran out. */
static bool wait_socket(const char *path, pid_t pid, double timeout_s)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int i, fd, st;

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	for (i = 0; i < timeout_s * 20; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return false;
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && !connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			close(fd);
			return true;
		}
		if (fd >= 0)
			close(fd);
		integ_sleep_ms(50);
	}
	return false;
}

static int stop(pid_t pid)
{
	int status;

	kill(pid, SIGTERM);
	status = integ_wait(pid, 10);
	if (status == -1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return status;
}

/* The one child of pid (renacerd under strace), or -1. */
static pid_t child_of(pid_t pid)
{
	char path[64], *text;
	long child = -1;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", pid, pid);
	text = integ_read_file(path);
	if (text && *text)
		child = strtol(text, NULL, 10);
	free(text);
	return child > 0 ? (pid_t)child : -1;
}

/* "CAP_BPF CAP_PERFMON" -> "-all,+bpf,+perfmon" for setpriv --bounding-set. */
static void setpriv_caps(const char *set, char *out, size_t len)
{
	size_t n = (size_t)snprintf(out, len, "-all");
	const char *p = set;

	while (*p && n < len) {
		size_t w = strcspn(p, " \t");

		if (!strncmp(p, "CAP_", 4)) {
			n += (size_t)snprintf(out + n, len - n, ",+");
			for (size_t k = 4; k < w && n + 1 < len; k++)
				out[n++] = (char)tolower((unsigned char)p[k]);
			out[n] = '\0';
		}
		p += w;
		p += strspn(p, " \t");
	}
}

Test(integ_systemd, daemon_traces_inside_the_units_sandbox)
{
	char *unit = read_source(UNIT), *caps = unit_value(unit, "CapabilityBoundingSet");
	char sock[PATH_MAX], errp[PATH_MAX], spec[256], *script = NULL;
	char *true_fx = integ_fixture("exitcode");
	const char *sh[] = {"unshare", "--mount", "--propagation", "private", "--",
			    "sh",      "-ec",	  script,	   NULL};
	const char *trace[] = {ctl_path, "trace", "--daemon", "--socket", sock,
			       "--",	 true_fx, "0",	      NULL};
	struct group *gr = getgrnam("nogroup");
	struct integ_run r;
	struct stat st;
	pid_t d;
	char *log;

	integ_require_tracer();
	if (!have("unshare") || !have("setpriv"))
		integ_unavailable("unshare or setpriv missing (package util-linux)");
	cr_assert(gr, "group nogroup missing: the test needs a group root is not a member of");
	cr_assert(caps, "the unit has no CapabilityBoundingSet=");
	setpriv_caps(caps, spec, sizeof(spec));
	integ_path(sock, sizeof(sock), "s.sock");
	integ_path(errp, sizeof(errp), "renacerd.err");
	/*
	 * ProtectSystem=strict, ProtectKernelTunables= and ProtectControlGroups= as mounts:
	 * / and every mount under /sys read-only; only our dir (RuntimeDirectory) writable.
	 */
	cr_assert(asprintf(&script,
			   "mount --bind %s %s; mount -o remount,bind,ro /; "
			   "for m in $(findmnt -Rnlo TARGET /sys); do mount -o remount,bind,ro $m; "
			   "done; if touch /sys/fs/cgroup/.renacer 2>/dev/null; then exit 99; fi; "
			   "exec setpriv --bounding-set=%s --no-new-privs -- %s --socket %s "
			   "--config /dev/null --group nogroup",
			   integ_dir, integ_dir, spec, daemon_path, sock) > 0);
	sh[7] = script;
	d = integ_spawn((char *const *)sh, errp);
	cr_assert_gt(d, 0, "cannot start renacerd");
	if (!wait_socket(sock, d, 10)) {
		log = integ_read_file(errp);
		stop(d);
		cr_assert_fail("renacerd (bounding set %s) did not come up: %s", spec,
			       log ? log : "");
	}
	/* CAP_CHOWN is in the set for this: the socket belongs to a group root is not in */
	cr_expect_eq(stat(sock, &st), 0);
	cr_expect_eq(st.st_mode & 07777, 0660, "socket mode %o", st.st_mode & 07777);
	cr_expect_eq(st.st_gid, gr->gr_gid, "socket group %u, expected nogroup", st.st_gid);

	run_argv(trace, 30, &r);
	cr_expect_eq(r.status, 0, "trace through the sandboxed daemon failed: %s", r.err);
	cr_expect(strstr(r.err, "execve(") && strstr(r.err, "+++ exited with 0 +++"),
		  "incomplete trace: %s", r.err);
	integ_run__free(&r);
	cr_expect_eq(stop(d), 0, "renacerd did not exit 0 on SIGTERM");
	free(script);
	free(true_fx);
	free(caps);
	free(unit);
}

struct names {
	char **v;
	size_t n, cap;
};

static bool names_has(const struct names *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], name))
			return true;
	return false;
}

static void names_add(struct names *s, const char *name)
{
	if (names_has(s, name))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		cr_assert(s->v);
	}
	s->v[s->n++] = strdup(name);
}

static void names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/* Adds the syscalls a SystemCallFilter= entry names, groups (@x) expanded by systemd. */
static void expand_filter(const char *entry, struct names *calls, struct names *groups)
{
	const char *argv[] = {"systemd-analyze", "syscall-filter", entry, NULL};
	struct integ_run r;
	char *line, *save = NULL, *tok;
	bool first = true;

	if (entry[0] != '@') {
		names_add(calls, entry);
		return;
	}
	if (names_has(groups, entry))
		return;
	names_add(groups, entry);
	run_argv(argv, 30, &r);
	cr_assert_eq(r.status, 0, "systemd-analyze syscall-filter %s: %s", entry, r.err);
	for (line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		tok = line + strspn(line, " \t");
		if (first || !*tok || *tok == '#') {
			first = false;
			continue;
		}
		tok[strcspn(tok, " \t")] = '\0';
		expand_filter(tok, calls, groups);
	}
	integ_run__free(&r);
}

Test(integ_systemd, syscall_filter_allows_every_syscall_renacerd_makes)
{
	char *unit = read_source(UNIT), *filter = unit_value(unit, "SystemCallFilter");
	char *filter_text = filter ? strdup(filter) : NULL;
	char sock[PATH_MAX], out[PATH_MAX], errp[PATH_MAX];
	char *fx = integ_fixture("fileops");
	const char *st[] = {"strace",	   "-f",       "-qq",	    "-s", "0",	       "-e",
			    "signal=none", "-o",       out,	    "--", daemon_path, "--socket",
			    sock,	   "--config", "/dev/null", NULL};
	const char *status[] = {ctl_path, "status", "--socket", sock, NULL};
	const char *trace[] = {ctl_path, "trace",     "--daemon", "-f", "--socket", sock,
			       "-o",	 "/dev/null", "--",	  fx,	integ_dir,  NULL};
	struct names calls = {0}, groups = {0}, missing = {0};
	struct integ_trace t;
	struct integ_run r;
	char *save = NULL, *tok, *raw, *list;
	size_t i, len = 0;
	pid_t d, daemon;

	integ_require_tracer();
	if (!have("systemd-analyze") || !have("strace"))
		integ_unavailable("systemd-analyze or strace missing: run scripts/install-deps.sh");
	cr_assert(filter && filter[0] != '~', "expected an allow-list SystemCallFilter=");
	for (tok = strtok_r(filter, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		expand_filter(tok, &calls, &groups);
	cr_assert_gt(calls.n, 100, "the filter expanded to only %zu syscalls", calls.n);

	integ_path(sock, sizeof(sock), "s.sock");
	integ_path(out, sizeof(out), "strace.out");
	integ_path(errp, sizeof(errp), "renacerd.err");
	/* LeakSanitizer stops the world with ptrace, which it cannot do under strace (make
	 * sanitize) */
	setenv("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", 1);
	d = integ_spawn((char *const *)st, errp);
	cr_assert_gt(d, 0);
	if (!wait_socket(sock, d, 20) || (daemon = child_of(d)) <= 0) {
		stop(d);
		cr_assert_fail("renacerd under strace did not come up: %s", integ_read_file(errp));
	}
	/* everything the daemon does in service: status, a traced command, reload, stop */
	run_argv(status, 30, &r);
	cr_expect_eq(r.status, 0, "status: %s", r.err);
	integ_run__free(&r);
	run_argv(trace, 60, &r);
	cr_expect_eq(r.status, 0, "trace: %s", r.err);
	integ_run__free(&r);
	kill(daemon, SIGHUP);
	integ_sleep_ms(200);
	kill(daemon, SIGTERM);
	/* strace exits with its tracee's status */
	if (integ_wait(d, 15) != 0) {
		kill(daemon, SIGKILL);
		stop(d);
		cr_assert_fail("renacerd under strace did not exit 0 on SIGTERM");
	}

	raw = integ_read_file(out);
	cr_assert(raw, "no strace output");
	cr_assert_eq(integ_trace__parse(&t, raw, true), 0);
	cr_assert(integ_trace__count(&t, -1, "bpf") > 0, "strace saw no bpf(): %s", raw);
	for (i = 0; i < t.n; i++)
		if (t.v[i].kind == INTEG_SYSCALL && !names_has(&calls, t.v[i].name))
			names_add(&missing, t.v[i].name);
	list = calloc(1, missing.n * 32 + 1);
	for (i = 0; i < missing.n; i++)
		len += (size_t)sprintf(list + len, " %s", missing.v[i]);
	cr_expect_eq(missing.n, 0, "SystemCallFilter=%s would deny:%s", filter_text, list);
	free(list);
	integ_trace__free(&t);
	free(raw);
	names_free(&calls);
	names_free(&groups);
	names_free(&missing);
	free(fx);
	free(filter_text);
	free(filter);
	free(unit);
}

/* Reads one notify datagram; NULL after timeout_ms. */
static char *next_notify(int fd, int timeout_ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	char buf[4096];
	ssize_t n;

	if (poll(&p, 1, timeout_ms) <= 0)
		return NULL;
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return strdup(buf);
}

/* A field of a notify message as a whole line ("READY=1"). */
static bool has_field(const char *msg, const char *field)
{
	size_t n = strlen(field);
	const char *p;

	for (p = msg; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, field, n) && (p[n] == '\n' || p[n] == '\0' || field[n - 1] == '='))
			return true;
	return false;
}

/* The next message that has field, skipping others; NULL on timeout. */
static char *wait_field(int fd, const char *field, int timeout_ms)
{
	char *m;

	while ((m = next_notify(fd, timeout_ms))) {
		if (has_field(m, field))
			return m;
		free(m);
	}
	return NULL;
}

Test(integ_systemd, notify_protocol_ready_reload_stopping)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char sock[PATH_MAX], conf[PATH_MAX], errp[PATH_MAX], pidf[32];
	const char *dargv[] = {daemon_path, "--socket", sock, "--config", conf, NULL};
	const char *status[] = {ctl_path, "status", "--socket", sock, NULL};
	struct integ_run r;
	char *m;
	int fd;
	pid_t d;

	integ_require_tracer();
	integ_path(sock, sizeof(sock), "s.sock");
	integ_path(conf, sizeof(conf), "renacerd.toml");
	integ_path(errp, sizeof(errp), "renacerd.err");
	integ_path(sa.sun_path, sizeof(sa.sun_path), "notify");
	cr_assert_eq(integ_write_file(conf, "log_level = \"info\"\n"), 0);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	cr_assert(fd >= 0 && !bind(fd, (struct sockaddr *)&sa, sizeof(sa)),
		  "cannot bind the notify socket: %s", strerror(errno));
	setenv("NOTIFY_SOCKET", sa.sun_path, 1);
	d = integ_spawn((char *const *)dargv, errp);
	unsetenv("NOTIFY_SOCKET");
	cr_assert_gt(d, 0);

	m = wait_field(fd, "READY=1", 10000);
	if (!m) {
		stop(d);
		cr_assert_fail("no READY=1 within 10 s: %s", integ_read_file(errp));
	}
	snprintf(pidf, sizeof(pidf), "MAINPID=%d", d);
	cr_expect(has_field(m, "STATUS="), "READY=1 without STATUS=: %s", m);
	cr_expect(has_field(m, pidf), "READY=1 without %s: %s", pidf, m);
	free(m);
	/* READY=1 means serving: no retry needed */
	run_argv(status, 10, &r);
	cr_expect_eq(r.status, 0, "status right after READY=1 failed: %s", r.err);
	cr_expect(!strncmp(r.out, "renacerd ", 9), "status output: %s", r.out);
	integ_run__free(&r);

	/* a reload: RELOADING=1 (with MONOTONIC_USEC) first, READY=1 after it */
	kill(d, SIGHUP);
	m = next_notify(fd, 5000);
	cr_assert(m, "no notify message after SIGHUP");
	cr_expect(has_field(m, "RELOADING=1") && has_field(m, "MONOTONIC_USEC=") &&
		      !has_field(m, "READY=1"),
		  "first message after SIGHUP: %s", m);
	free(m);
	m = next_notify(fd, 5000);
	cr_assert(m, "no READY=1 after the reload");
	cr_expect(has_field(m, "READY=1") && strstr(m, "reloaded"), "after reload: %s", m);
	free(m);

	/* a reload of a broken file keeps the old configuration and still says READY=1 */
	cr_assert_eq(integ_write_file(conf, "no_such_key = 1\n"), 0);
	kill(d, SIGHUP);
	m = wait_field(fd, "RELOADING=1", 5000);
	cr_expect(m, "no RELOADING=1 for the failed reload");
	free(m);
	m = wait_field(fd, "READY=1", 5000);
	cr_expect(m && strstr(m, "reload failed"), "failed reload: %s", m ? m : "(nothing)");
	free(m);
	run_argv(status, 10, &r);
	cr_expect_eq(r.status, 0, "status after a failed reload: %s", r.err);
	integ_run__free(&r);

	/* the file given with --config removed: refused as at start, not taken for the defaults */
	cr_assert_eq(unlink(conf), 0);
	kill(d, SIGHUP);
	m = wait_field(fd, "READY=1", 5000);
	cr_expect(m && strstr(m, "reload failed") && strstr(m, "cannot read"),
		  "reload of a removed --config file: %s", m ? m : "(nothing)");
	free(m);

	kill(d, SIGTERM);
	m = wait_field(fd, "STOPPING=1", 5000);
	cr_expect(m, "no STOPPING=1 after SIGTERM");
	free(m);
	cr_expect_eq(integ_wait(d, 10), 0, "renacerd did not exit 0 on SIGTERM");
	close(fd);
}

static void expect_file(const char *path, mode_t mode)
{
	struct stat st;

	cr_expect_eq(stat(path, &st), 0, "%s not installed", path);
	cr_expect(S_ISREG(st.st_mode), "%s is not a file", path);
	cr_expect_eq(st.st_mode & 07777, mode, "%s has mode %o, expected %o", path,
		     st.st_mode & 07777, mode);
	cr_expect_eq(st.st_uid, geteuid(), "%s owner", path);
}

/* make -o all: install what is built, never rebuild (others may be editing the tree). */
static void make(const char *target, const char *destdir, const char *prefix, struct integ_run *r)
{
	char b[PATH_MAX + 8], d[PATH_MAX + 16], p[PATH_MAX + 16];
	const char *argv[] = {"make", "-C",   root, "--no-print-directory", "-o", "all", b, d,
			      p,      target, NULL};

	snprintf(b, sizeof(b), "BUILD=%s", build);
	snprintf(d, sizeof(d), "DESTDIR=%s", destdir);
	snprintf(p, sizeof(p), "PREFIX=%s", prefix);
	run_argv(argv, 60, r);
	cr_assert_eq(r->status, 0, "make %s failed: %s%s", target, r->out, r->err);
}

/* Every connection is a descriptor: the unit must leave room for max_connections and root. */
Test(integ_systemd, limit_nofile_covers_max_connections_and_room_for_root)
{
	char *unit = read_source(UNIT), *conf = read_source(CONF);
	char *v = unit_value(unit, "LimitNOFILE");
	const char *p = strstr(conf, "\nmax_connections = ");
	long nofile = v ? strtol(v, NULL, 10) : 0;
	long conns = p ? strtol(p + strlen("\nmax_connections = "), NULL, 10) : 0;

	cr_expect(v, "the unit sets no LimitNOFILE=");
	cr_expect_gt(conns, 0, CONF " has no max_connections = N line");
	/* renacerd's own descriptors (a few per CPU, for up to 256 CPUs), and 64 kept for root */
	cr_expect_geq(nofile, conns + 1024 + 64,
		      "LimitNOFILE=%ld leaves too little room beyond max_connections = %ld", nofile,
		      conns);
	free(v);
	free(unit);
	free(conf);
}

Test(integ_systemd, make_install_puts_binaries_unit_and_config_in_place)
{
	char dest[PATH_MAX], p[PATH_MAX * 2];
	char *conf = read_source(CONF), *unit_src = read_source(UNIT), *got, *v;
	struct integ_run r;

	integ_path(dest, sizeof(dest), "root");
	make("install", dest, "/usr/local", &r);
	cr_expect(!strstr(r.out, "groupadd"), "groupadd ran with DESTDIR set: %s", r.out);
	integ_run__free(&r);
	snprintf(p, sizeof(p), "%s/usr/local/bin/renacerctl", dest);
	expect_file(p, 0755);
	snprintf(p, sizeof(p), "%s/usr/local/sbin/renacerd", dest);
	expect_file(p, 0755);
	snprintf(p, sizeof(p), "%s/usr/local/lib/systemd/system/renacerd.service", dest);
	expect_file(p, 0644);
	got = integ_read_file(p);
	cr_expect(got && !strcmp(got, unit_src), "with PREFIX=/usr/local the unit is the source's");
	free(got);
	snprintf(p, sizeof(p), "%s/etc/renacer/renacerd.toml", dest);
	expect_file(p, 0644);
	got = integ_read_file(p);
	cr_expect(got && !strcmp(got, conf), "the installed config differs from " CONF);
	free(got);

	/* the admin's config survives a reinstall and an uninstall */
	cr_assert_eq(integ_write_file(p, "log_level = \"debug\"\n"), 0);
	make("install", dest, "/usr/local", &r);
	integ_run__free(&r);
	got = integ_read_file(p);
	cr_expect(got && !strcmp(got, "log_level = \"debug\"\n"), "install overwrote the config");
	free(got);
	make("uninstall", dest, "/usr/local", &r);
	integ_run__free(&r);
	cr_expect_eq(access(p, F_OK), 0, "uninstall removed an edited config");
	snprintf(p, sizeof(p), "%s/usr/local/sbin/renacerd", dest);
	cr_expect_neq(access(p, F_OK), 0, "uninstall left %s", p);
	snprintf(p, sizeof(p), "%s/usr/local/lib/systemd/system/renacerd.service", dest);
	cr_expect_neq(access(p, F_OK), 0, "uninstall left %s", p);

	/* another prefix: the unit follows the binary */
	integ_path(dest, sizeof(dest), "usr");
	make("install", dest, "/usr", &r);
	integ_run__free(&r);
	snprintf(p, sizeof(p), "%s/usr/lib/systemd/system/renacerd.service", dest);
	got = integ_read_file(p);
	cr_assert(got, "no unit under PREFIX=/usr");
	v = unit_value(got, "ExecStart");
	cr_expect(v && !strcmp(v, "/usr/sbin/renacerd"), "ExecStart=%s with PREFIX=/usr", v);
	free(v);
	free(got);
	snprintf(p, sizeof(p), "%s/usr/sbin/renacerd", dest);
	expect_file(p, 0755);
	make("uninstall", dest, "/usr", &r);
	integ_run__free(&r);
	snprintf(p, sizeof(p), "%s/etc/renacer/renacerd.toml", dest);
	cr_expect_neq(access(p, F_OK), 0, "uninstall left the unedited config");
	free(conf);
	free(unit_src);
}
