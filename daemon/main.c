// SPDX-License-Identifier: MIT
/*
 * renacerd: loads the BPF programs once and serves tracing sessions on a Unix socket.
 * One event loop owns every descriptor; signals arrive through a signalfd.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "renacer/v1/control.pb-c.h"
#include "daemon.h"
#include "log.h"
#include "systable.h"

#define POLL_MS 20
/* nothing traced and no client: only the system-wide ring (1 MiB, lifecycle records) waits */
#define IDLE_POLL_MS 100
#define REAP_EVERY   50 /* loop turns between checks of the kernel's traced set */

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "Usage: renacerd [OPTIONS]\n\n"
	    "The renacer tracing daemon: loads the BPF programs once and traces processes\n"
	    "for clients (renacerctl) on a Unix socket. Root may trace anything; other users\n"
	    "their own processes.\n\n"
	    "  -c, --config=FILE   configuration (default %s; missing is fine)\n"
	    "  -s, --socket=PATH   control socket (default %s, or $RENACER_SOCKET)\n"
	    "  -g, --group=NAME    group that may use the socket (default renacer)\n"
	    "      --system-wide   aggregate every process of the host (docs/system-wide.md)\n"
	    "      --otlp=URL      export every session as OpenTelemetry spans, and with\n"
	    "                      --system-wide the metrics and slow calls (http:// or\n"
	    "                      https://HOST:4317; wins over otlp_endpoint; docs/daemon.md)\n"
	    "  -v, --verbose       log more (twice: debug, with the BPF loader's messages)\n"
	    "  -h, --help          this help\n\n"
	    "Signals: SIGTERM/SIGINT stop (sessions are flushed and told why), SIGHUP reloads\n"
	    "the configuration (log_level, the limits, [system] and [[watch]]).\n",
	    RENACERD_DEFAULT_CONFIG, RENACER_DEFAULT_SOCKET);
}

/* Blocked before any thread starts (the OTLP delivery thread): threads inherit the mask,
 * and a thread that did not block SIGTERM would take it and die of it. */
static int block_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGPIPE);
	return sigprocmask(SIG_BLOCK, set, NULL) ? -errno : 0;
}

static int setup_signals(struct rnd_daemon *d)
{
	sigset_t set;

	if (block_signals(&set))
		return -errno;
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return d->sigfd < 0 ? -errno : 0;
}

/* A file named by -c must be there, at start and at every reload; the default may be absent. */
static bool config_required(const char *path)
{
	return strcmp(path, RENACERD_DEFAULT_CONFIG) != 0;
}

static void reload(struct rnd_daemon *d)
{
	static struct rnd_config c; /* large ([[watch]] tables): not on the loop's stack */
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &d->watch};
	bool watching = watch__fd(d) >= 0;
	char err[512];

	/* systemd wants RELOADING=1 (with MONOTONIC_USEC since 253) first, READY=1 when done */
	sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu\nSTATUS=reloading %s",
		   (unsigned long long)(daemon__now(CLOCK_MONOTONIC) / 1000), d->config_path);
	/* from the defaults: a key taken out of the file goes back to its default */
	config__defaults(&c);
	if (config__load(&c, d->config_path, config_required(d->config_path), err, sizeof(err))) {
		rn_err("reload failed, keeping the running configuration: %s", err);
		sd_notifyf(0, "READY=1\nSTATUS=serving %s (reload failed: %s)", d->cfg.socket, err);
		return;
	}
	d->cfg.log_level = c.log_level;
	rn_log_level = c.log_level;
	/* the limits are only compared against: they apply from the next check on */
	d->cfg.max_sessions = c.max_sessions;
	d->cfg.max_connections = c.max_connections;
	d->cfg.max_connections_per_uid = c.max_connections_per_uid;
	d->cfg.max_sessions_per_uid = c.max_sessions_per_uid;
	d->cfg.max_queued_bytes = c.max_queued_bytes;
	d->cfg.max_queued_bytes_per_uid = c.max_queued_bytes_per_uid;
	d->cfg.frame_timeout = c.frame_timeout;
	system__reload(d, &c.sys);
	if (watch__reload(d, c.watches, c.nwatches, err, sizeof(err)))
		rn_err("reload: %s", err);
	else if (!watching && watch__fd(d) >= 0)
		epoll_ctl(d->epfd, EPOLL_CTL_ADD, watch__fd(d), &ev);
	rn_info("configuration reloaded from %s", d->config_path);
	sd_notifyf(0, "READY=1\nSTATUS=serving %s (configuration reloaded)", d->cfg.socket);
}

static void on_signal(struct rnd_daemon *d)
{
	struct signalfd_siginfo si;

	while (read(d->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP)
			reload(d);
		else if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
			d->stopping = true;
	}
}

/* Stops accepting, flushes every session, tells its client why, writes what it can. */
static void shutdown_all(struct rnd_daemon *d)
{
	uint64_t until = daemon__now(CLOCK_MONOTONIC) + 2000000000ULL;

	sd_notify(0, "STOPPING=1\nSTATUS=stopping: flushing sessions");
	if (d->listen_fd >= 0) {
		epoll_ctl(d->epfd, EPOLL_CTL_DEL, d->listen_fd, NULL);
		close(d->listen_fd);
		d->listen_fd = -1;
		unlink(d->cfg.socket);
	}
	rn_engine__drain(d->eng);
	session__end_all(d, "renacerd is stopping (SIGTERM)");
	/* give slow clients a moment to take their last frames */
	while (daemon__now(CLOCK_MONOTONIC) < until && client__flush_all(d))
		usleep(10000);
	while (d->clients)
		server__drop_client(d, d->clients);
}

static int loop(struct rnd_daemon *d)
{
	struct epoll_event evs[64];
	unsigned turn = 0;
	int n, i;

	while (!d->stopping) {
		int ms = rn_engine__attached(d->eng) || d->clients ? POLL_MS : IDLE_POLL_MS;

		n = epoll_wait(d->epfd, evs, 64, rn_engine__backlog(d->eng) ? 0 : ms);
		if (n < 0 && errno != EINTR)
			return -errno;
		for (i = 0; i < n; i++) {
			void *p = evs[i].data.ptr;

			if (p == &d->listen_fd)
				server__accept(d);
			else if (p == &d->sigfd)
				on_signal(d);
			else if (p == &d->watch)
				watch__on_event(d);
			else if (p != d->eng)
				server__client_event(d, p, evs[i].events);
		}
		/* records are submitted without wakeups below the fill mark: always read */
		rn_engine__drain(d->eng);
		session__flush_all(d);
		server__tick(d);
		system__tick(d);
		if (++turn % REAP_EVERY == 0) {
			session__reap(d);
			watch__scan(d);
		}
	}
	shutdown_all(d);
	return 0;
}

/* Descriptors open now. */
static unsigned open_fds(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *de;
	unsigned n = 0;

	if (!dir)
		return 0;
	while ((de = readdir(dir)))
		n += de->d_name[0] != '.';
	closedir(dir);
	return n - 1; /* the directory's own */
}

/*
 * Every connection is a descriptor: the soft RLIMIT_NOFILE is raised to what
 * max_connections needs (the hard limit allowing), and a shortfall is said at start.
 */
static void check_nofile(const struct rnd_daemon *d)
{
	rlim_t need = (rlim_t)open_fds() + d->cfg.max_connections + ROOT_FD_HEADROOM;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return;
	if (rl.rlim_cur < need) {
		rl.rlim_cur =
		    rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur < need)
		rn_warn("RLIMIT_NOFILE is %llu, below the %llu that max_connections = %u needs "
			"(with %u kept for root): root may find no descriptor left; raise "
			"LimitNOFILE in renacerd.service or lower max_connections in %s",
			(unsigned long long)rl.rlim_cur, (unsigned long long)need,
			d->cfg.max_connections, ROOT_FD_HEADROOM, d->config_path);
}

static int add_fd(struct rnd_daemon *d, int fd, void *tag)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = tag};

	return epoll_ctl(d->epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"system-wide", no_argument, NULL, 'W'},  {"config", required_argument, NULL, 'c'},
	    {"socket", required_argument, NULL, 's'}, {"group", required_argument, NULL, 'g'},
	    {"verbose", no_argument, NULL, 'v'},      {"help", no_argument, NULL, 'h'},
	    {"otlp", required_argument, NULL, 'O'},   {NULL, 0, NULL, 0},
	};
	struct rn_engine_opts eo = {0};
	struct rn_sink none = {0};
	struct rnd_daemon d = {.listen_fd = -1, .epfd = -1, .sigfd = -1, .reserve_fd = -1};
	const char *sock = getenv("RENACER_SOCKET"), *group = NULL, *otlp = NULL;
	char err[512] = "";
	sigset_t blocked;
	int c, verbose = 0, ret;
	bool system_wide = false;

	rn_log_prog = "renacerd";
	d.config_path = RENACERD_DEFAULT_CONFIG;
	while ((c = getopt_long(argc, argv, "c:s:g:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			d.config_path = optarg;
			break;
		case 's':
			sock = optarg;
			break;
		case 'g':
			group = optarg;
			break;
		case 'v':
			verbose++;
			break;
		case 'W':
			system_wide = true;
			break;
		case 'O':
			otlp = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	config__defaults(&d.cfg);
	if (config__load(&d.cfg, d.config_path, config_required(d.config_path), err, sizeof(err))) {
		fprintf(stderr, "renacerd: %s\n", err);
		return 2;
	}
	/* flags override the file */
	if (sock)
		snprintf(d.cfg.socket, sizeof(d.cfg.socket), "%s", sock);
	if (group)
		snprintf(d.cfg.group, sizeof(d.cfg.group), "%s", group);
	/* one endpoint for the sessions' spans and the system-wide export (sysmetrics.c) */
	if (otlp && strlen(otlp) >= sizeof(d.cfg.otlp_endpoint)) {
		fprintf(stderr,
			"renacerd: --otlp URL is %zu bytes, the most is %zu (give the "
			"collector a shorter address)\n",
			strlen(otlp), sizeof(d.cfg.otlp_endpoint) - 1);
		return 2;
	}
	if (otlp && *otlp)
		snprintf(d.cfg.otlp_endpoint, sizeof(d.cfg.otlp_endpoint), "%s", otlp);
	rn_log_level =
	    d.cfg.log_level + verbose > RN_LOG_DEBUG ? RN_LOG_DEBUG : d.cfg.log_level + verbose;
	/* what the sessions are recorded for is checked before anything is loaded */
	if (block_signals(&blocked) || record__setup(&d, otlp, err, sizeof(err)) ||
	    watch__setup(&d, err, sizeof(err))) {
		fprintf(stderr, "renacerd: %s\n", err);
		record__teardown(&d);
		return 2;
	}

	eo.ring_bytes = d.cfg.ring_bytes;
	eo.snaplen = d.cfg.snaplen;
	eo.capture_objs = true;
	eo.detached = true; /* attached only while a session runs (session.c) */
	eo.fill_capspecs = rn_systable__capspecs;
	eo.fill_compat = rn_syscall__compat_table;
	ret = rn_engine__new(&d.eng, &eo, &none, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "renacerd: %s\n", err);
		watch__teardown(&d);
		record__teardown(&d);
		return 1;
	}
	rn_engine__set_raw(d.eng, session__on_record, &d);
	if (system_wide)
		d.cfg.sys.enabled = true;
	if (d.cfg.sys.enabled && system__start(&d, err, sizeof(err))) {
		fprintf(stderr, "renacerd: %s\n", err);
		rn_engine__free(d.eng);
		return 1;
	}
	d.start_mono_ns = daemon__now(CLOCK_MONOTONIC);
	d.epfd = epoll_create1(EPOLL_CLOEXEC);
	ret = d.epfd < 0 ? -errno : setup_signals(&d);
	if (!ret) {
		/* before the socket exists: no client can race for these descriptors */
		check_nofile(&d);
		d.reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		ret = server__listen(&d, err, sizeof(err));
	} else
		snprintf(err, sizeof(err), "cannot set up the event loop: %s", strerror(-ret));
	if (!ret)
		ret = add_fd(&d, d.listen_fd, &d.listen_fd);
	if (!ret)
		ret = add_fd(&d, d.sigfd, &d.sigfd);
	if (!ret)
		ret = add_fd(&d, rn_engine__wait_fd(d.eng), d.eng);
	if (!ret && watch__fd(&d) >= 0)
		ret = add_fd(&d, watch__fd(&d), &d.watch);
	if (ret) {
		fprintf(stderr, "renacerd: %s\n", err[0] ? err : strerror(-ret));
		watch__teardown(&d);
		rn_engine__free(d.eng);
		record__teardown(&d);
		return 1;
	}
	rn_info("serving %s (version %s)", d.cfg.socket, RENACER_VERSION);
	sd_notifyf(0, "READY=1\nSTATUS=serving %s\nMAINPID=%d", d.cfg.socket, getpid());
	watch__scan(&d); /* what the watched cgroups hold already */
	ret = loop(&d);
	watch__teardown(&d);
	rn_engine__free(d.eng);
	record__teardown(&d); /* after the sessions: flushes their last spans */
	if (d.reserve_fd >= 0)
		close(d.reserve_fd);
	system__stop(&d);
	session__free_all(&d);
	rn_info("stopped");
	return ret ? 1 : 0;
}
