// SPDX-License-Identifier: MIT
/*
 * renacerctl stats / top: renacerd --system-wide's aggregates. `stats --json` prints the
 * daemon's JSON document as it came; `stats` a table; `top` the calls per second between two
 * snapshots, sorted, live (keys to sort and filter) or once.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "daemon_client.h"
#include "report.h"

enum { OPT_SOCKET = 256, OPT_ONCE, OPT_INTERVAL, OPT_SORT, OPT_FILTER, OPT_JSON, OPT_LINES };

struct row {
	uint32_t pid;
	char comm[20];
	char name[32];
	char ctr[16]; /* the container id's first 12 digits, or the unit */
	uint64_t calls, errors, bytes, p50, p99, max;
	double rate, erate; /* per second, between two snapshots */
};

struct snap {
	struct row *rows;
	size_t n;
	uint64_t mono_ns;
	uint64_t evicted, dropped;
	size_t nslow;
};

static void snap__free(struct snap *s)
{
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

/* One Stats request on dc: the reply (NULL after printing why). */
static Renacer__V1__Reply *ask_stats(const char *cmd, struct rn_dclient *dc)
{
	Renacer__V1__Request rq = RENACER__V1__REQUEST__INIT;
	Renacer__V1__StatsRequest sr = RENACER__V1__STATS_REQUEST__INIT;
	Renacer__V1__Reply *reply = NULL;
	int ret;

	rq.body_case = RENACER__V1__REQUEST__BODY_STATS;
	rq.stats = &sr;
	ret = rn_dclient__call(dc, &rq, &reply, RN_DCLIENT_REPLY_MS, NULL);
	if (ret) {
		rn_cli__error(cmd, NULL, "renacerd did not answer: %s", strerror(-ret));
		return NULL;
	}
	if (reply->body_case == RENACER__V1__REPLY__BODY_ERROR) {
		rn_cli__error(cmd, NULL, "%s", reply->error->message);
		renacer__v1__reply__free_unpacked(reply, NULL);
		return NULL;
	}
	if (reply->body_case != RENACER__V1__REPLY__BODY_SYSTEM_STATS) {
		rn_cli__error(cmd, "renacerctl and renacerd versions differ?",
			      "renacerd answered a Stats request with something else");
		renacer__v1__reply__free_unpacked(reply, NULL);
		return NULL;
	}
	return reply;
}

static struct rn_dclient *connect_daemon(const char *cmd, const char *sock)
{
	struct rn_dclient *dc;
	int ret;

	sock = rn_dclient__socket_path(sock);
	ret = rn_dclient__connect(&dc, sock);
	if (ret) {
		char hint[256];

		rn_cli__error(
		    cmd,
		    rn_dclient__hint(ret, sock,
				     "is it running? start it with `renacerd --system-wide`", hint,
				     sizeof(hint)),
		    "cannot reach renacerd at %s: %s", sock, strerror(-ret));
		return NULL;
	}
	return dc;
}

static uint64_t u64_of(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (uint64_t)json_integer_value(v) : 0;
}

static const char *str_of(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* The JSON document as rows, one per (process, syscall). */
static int parse(const char *cmd, const char *text, uint64_t mono_ns, struct snap *s)
{
	json_error_t jerr;
	json_t *root = json_loads(text, 0, &jerr), *procs, *p, *c;
	size_t i, k, n = 0;

	memset(s, 0, sizeof(*s));
	if (!root) {
		rn_cli__error(cmd, NULL, "renacerd sent stats that are not JSON: %s", jerr.text);
		return -EINVAL;
	}
	procs = json_object_get(root, "processes");
	json_array_foreach(procs, i, p) n += json_array_size(json_object_get(p, "syscalls"));
	s->rows = calloc(n + 1, sizeof(*s->rows));
	if (!s->rows) {
		json_decref(root);
		return -ENOMEM;
	}
	json_array_foreach(procs, i, p)
	{
		const char *ctr = str_of(p, "container_id");

		if (!*ctr)
			ctr = str_of(p, "unit");
		json_array_foreach(json_object_get(p, "syscalls"), k, c)
		{
			struct row *r = &s->rows[s->n++];
			json_t *lat = json_object_get(c, "latency_ns");

			r->pid = (uint32_t)u64_of(p, "pid");
			snprintf(r->comm, sizeof(r->comm), "%s", str_of(p, "comm"));
			snprintf(r->ctr, sizeof(r->ctr), "%.12s", ctr);
			snprintf(r->name, sizeof(r->name), "%s", str_of(c, "name"));
			r->calls = u64_of(c, "calls");
			r->errors = u64_of(c, "errors");
			r->bytes = u64_of(c, "bytes");
			r->p50 = u64_of(lat, "p50");
			r->p99 = u64_of(lat, "p99");
			r->max = u64_of(lat, "max");
		}
	}
	s->mono_ns = mono_ns;
	s->evicted = u64_of(root, "evicted");
	s->dropped = u64_of(root, "dropped");
	s->nslow = json_array_size(json_object_get(root, "slow_calls"));
	json_decref(root);
	return 0;
}

static int by_key(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Rates from prev (sorted by_key) to cur; a row new since prev counts from zero. */
static void rates(struct snap *cur, const struct snap *prev)
{
	double dt = prev && cur->mono_ns > prev->mono_ns ? (cur->mono_ns - prev->mono_ns) / 1e9 : 0;
	size_t i;

	for (i = 0; i < cur->n; i++) {
		struct row *r = &cur->rows[i];
		const struct row *o =
		    prev ? bsearch(r, prev->rows, prev->n, sizeof(*r), by_key) : NULL;
		uint64_t c0 = o && o->calls <= r->calls ? o->calls : 0;
		uint64_t e0 = o && o->errors <= r->errors ? o->errors : 0;

		r->rate = dt > 0 ? (r->calls - c0) / dt : 0;
		r->erate = dt > 0 ? (r->errors - e0) / dt : 0;
	}
}

static int sort_by; /* 'c' calls/s, 'e' errors/s, '5' p50, '9' p99, 'b' bytes, 'n' calls */

static int by_sort(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	double u, v;

	switch (sort_by) {
	case 'e':
		u = x->erate, v = y->erate;
		break;
	case '5':
		u = (double)x->p50, v = (double)y->p50;
		break;
	case '9':
		u = (double)x->p99, v = (double)y->p99;
		break;
	case 'b':
		u = (double)x->bytes, v = (double)y->bytes;
		break;
	case 'n':
		u = (double)x->calls, v = (double)y->calls;
		break;
	default:
		u = x->rate, v = y->rate;
		if (u == v)
			u = (double)x->calls, v = (double)y->calls;
	}
	return u > v ? -1 : u < v ? 1 : by_key(a, b);
}

static void fmt_ns(char *buf, size_t len, uint64_t ns)
{
	if (ns < 10000)
		snprintf(buf, len, "%" PRIu64 "ns", ns);
	else if (ns < 10000000)
		snprintf(buf, len, "%" PRIu64 "us", ns / 1000);
	else if (ns < 10000000000ULL)
		snprintf(buf, len, "%" PRIu64 "ms", ns / 1000000);
	else
		snprintf(buf, len, "%" PRIu64 "s", ns / 1000000000);
}

static bool matches(const struct row *r, const char *filter)
{
	return !filter || !*filter || strstr(r->comm, filter) || strstr(r->name, filter) ||
	       strstr(r->ctr, filter);
}

/* The table, sorted, at most `lines` rows (0: all). */
static void print_rows(struct snap *s, bool with_rates, const char *filter, size_t lines)
{
	char p50[16], p99[16], mx[16];
	size_t i, shown = 0;

	qsort(s->rows, s->n, sizeof(*s->rows), by_sort);
	if (with_rates)
		printf("%7s %-16s %-12s %-18s %10s %8s %8s %8s %8s\n", "PID", "COMM", "CONTAINER",
		       "SYSCALL", "CALLS/s", "ERR/s", "P50", "P99", "MAX");
	else
		printf("%7s %-16s %-12s %-18s %10s %8s %12s %8s %8s %8s\n", "PID", "COMM",
		       "CONTAINER", "SYSCALL", "CALLS", "ERRORS", "BYTES", "P50", "P99", "MAX");
	for (i = 0; i < s->n && (!lines || shown < lines); i++) {
		const struct row *r = &s->rows[i];

		if (!matches(r, filter))
			continue;
		shown++;
		fmt_ns(p50, sizeof(p50), r->p50);
		fmt_ns(p99, sizeof(p99), r->p99);
		fmt_ns(mx, sizeof(mx), r->max);
		if (with_rates)
			printf("%7u %-16s %-12s %-18s %10.1f %8.1f %8s %8s %8s\n", r->pid, r->comm,
			       r->ctr, r->name, r->rate, r->erate, p50, p99, mx);
		else
			printf("%7u %-16s %-12s %-18s %10" PRIu64 " %8" PRIu64 " %12" PRIu64
			       " %8s %8s %8s\n",
			       r->pid, r->comm, r->ctr, r->name, r->calls, r->errors, r->bytes, p50,
			       p99, mx);
	}
}

static int parse_opts(const char *cmd, int argc, char **argv, const char **sock, bool *json,
		      bool *once, double *interval, const char **filter, size_t *lines)
{
	static const struct option longopts[] = {
	    {"socket", required_argument, NULL, OPT_SOCKET},
	    {"json", no_argument, NULL, OPT_JSON},
	    {"once", no_argument, NULL, OPT_ONCE},
	    {"interval", required_argument, NULL, OPT_INTERVAL},
	    {"sort", required_argument, NULL, OPT_SORT},
	    {"filter", required_argument, NULL, OPT_FILTER},
	    {"lines", required_argument, NULL, OPT_LINES},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const sorts[] = {"calls", "errors", "p50", "p99", "bytes", "total"};
	static const char keys[] = "ce59bn";
	bool top = !strcmp(cmd, "top");
	char *end;
	size_t i;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SOCKET:
			*sock = optarg;
			break;
		case OPT_JSON:
			if (top)
				return rn_cli__usage_error(cmd,
							   "--json is `renacerctl stats --json`");
			*json = true;
			break;
		case OPT_ONCE:
			*once = true;
			break;
		case OPT_INTERVAL:
			*interval = strtod(optarg, &end);
			if (*end || *interval < 0.1 || *interval > 3600)
				return rn_cli__usage_error(
				    cmd, "--interval wants seconds between 0.1 and 3600, not '%s'",
				    optarg);
			break;
		case OPT_SORT:
			for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
				if (!strcmp(optarg, sorts[i]))
					sort_by = keys[i];
			if (!sort_by)
				return rn_cli__usage_error(cmd,
							   "--sort wants calls, errors, p50, p99, "
							   "bytes or total, not '%s'",
							   optarg);
			break;
		case OPT_FILTER:
			*filter = optarg;
			break;
		case OPT_LINES:
			*lines = strtoul(optarg, &end, 10);
			if (*end)
				return rn_cli__usage_error(cmd, "--lines wants a number");
			break;
		case 'h':
			if (top)
				printf(
				    "Usage: renacerctl top [--once] [--interval S] [--sort "
				    "calls|errors|p50|p99|bytes|total]\n"
				    "                      [--filter TEXT] [--lines N] [--socket "
				    "PATH]\n\n"
				    "renacerd --system-wide's busiest (process, syscall) pairs: "
				    "calls and errors per second\nover the interval (default 1 s), "
				    "p50/p99/max latency. --once prints one table and exits.\n"
				    "Keys: c calls/s, e errors/s, 5 p50, 9 p99, b bytes, n total "
				    "calls; / filter (process,\nsyscall or container; Enter), q "
				    "quit.\n");
			else
				printf(
				    "Usage: renacerctl stats [--json] [--sort KEY] [--filter TEXT] "
				    "[--socket PATH]\n\n"
				    "renacerd --system-wide's aggregates: per process and syscall, "
				    "calls, errors,\nbytes, p50/p99/max latency; slow calls; what "
				    "was "
				    "evicted or dropped. --json prints\nthe one JSON object of "
				    "docs/system-wide.md.\n");
			return -1;
		default:
			return rn_cli__usage_error(cmd, "unknown option or missing value '%s'",
						   argv[optind - 1]);
		}
	}
	if (optind < argc)
		return rn_cli__usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	return 0;
}

int do_stats(int argc, char **argv)
{
	const char *sock = NULL, *filter = NULL;
	bool json = false, once = false;
	double interval = 1;
	size_t lines = 0;
	struct rn_dclient *dc;
	Renacer__V1__Reply *reply;
	struct snap s;
	int ret;

	ret = parse_opts("stats", argc, argv, &sock, &json, &once, &interval, &filter, &lines);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (!sort_by)
		sort_by = 'n';
	if (json)
		rn_cli__set_json("stats"); /* its errors as JSON too (docs/cli.md) */
	dc = connect_daemon("stats", sock);
	if (!dc)
		return 1;
	reply = ask_stats("stats", dc);
	rn_dclient__free(dc);
	if (!reply)
		return 1;
	if (json) {
		fputs(reply->system_stats->json, stdout);
	} else if (!parse("stats", reply->system_stats->json, reply->system_stats->mono_ns, &s)) {
		print_rows(&s, false, filter, lines);
		printf("\n%zu slow call(s) kept; %" PRIu64 " entries evicted, %" PRIu64
		       " records dropped (see --json)\n",
		       s.nslow, s.evicted, s.dropped);
		snap__free(&s);
	} else
		ret = 1;
	renacer__v1__reply__free_unpacked(reply, NULL);
	return ret;
}

static int snapshot(struct rn_dclient *dc, struct snap *s)
{
	Renacer__V1__Reply *reply = ask_stats("top", dc);
	int ret;

	if (!reply)
		return -EIO;
	ret = parse("top", reply->system_stats->json, reply->system_stats->mono_ns, s);
	renacer__v1__reply__free_unpacked(reply, NULL);
	if (!ret)
		qsort(s->rows, s->n, sizeof(*s->rows), by_key);
	return ret;
}

static size_t term_rows(void)
{
	struct winsize ws;

	return !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_row > 6 ? ws.ws_row - 4 : 20;
}

/* Reads keys for up to ms; false on q. The filter is edited after '/'. */
static bool keys(int ms, char *filter, size_t flen, bool *editing)
{
	struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
	char ch;

	if (poll(&pfd, 1, ms) <= 0 || read(STDIN_FILENO, &ch, 1) != 1)
		return true;
	if (*editing) {
		size_t n = strlen(filter);

		if (ch == '\n' || ch == '\r' || ch == 27)
			*editing = false;
		else if ((ch == 127 || ch == 8) && n)
			filter[n - 1] = 0;
		else if (ch >= 32 && ch < 127 && n + 1 < flen) {
			filter[n] = ch;
			filter[n + 1] = 0;
		}
		return true;
	}
	if (ch == 'q')
		return false;
	if (ch == '/') {
		*editing = true;
		filter[0] = 0;
	} else if (strchr("ce59bn", ch))
		sort_by = ch;
	return true;
}

int do_top(int argc, char **argv)
{
	const char *sock = NULL, *filter0 = NULL;
	bool json = false, once = false, editing = false, tty;
	double interval = 1;
	size_t lines = 0;
	struct snap prev = {0}, cur = {0};
	struct termios saved, raw;
	struct rn_dclient *dc;
	char filter[64] = "";
	int ret;

	ret = parse_opts("top", argc, argv, &sock, &json, &once, &interval, &filter0, &lines);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (!sort_by)
		sort_by = 'c';
	if (filter0)
		snprintf(filter, sizeof(filter), "%s", filter0);
	dc = connect_daemon("top", sock);
	if (!dc)
		return 1;
	if (snapshot(dc, &prev)) {
		rn_dclient__free(dc);
		return 1;
	}
	tty = !once && isatty(STDIN_FILENO) && !tcgetattr(STDIN_FILENO, &saved);
	if (tty) {
		raw = saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	for (;;) {
		if (tty) {
			if (!keys((int)(interval * 1000), filter, sizeof(filter), &editing))
				break;
		} else
			usleep((useconds_t)(interval * 1e6));
		ret = snapshot(dc, &cur);
		if (ret)
			break;
		rates(&cur, &prev);
		if (!once)
			printf("\033[H\033[2J");
		printf(
		    "renacer top: %zu (process, syscall) pairs; sort %c; filter '%s'%s; %zu slow "
		    "call(s), %" PRIu64 " evicted, %" PRIu64 " dropped\n",
		    cur.n, sort_by, filter, editing ? " (typing)" : "", cur.nslow, cur.evicted,
		    cur.dropped);
		print_rows(&cur, true, filter, lines ? lines : once ? 0 : term_rows());
		fflush(stdout);
		qsort(cur.rows, cur.n, sizeof(*cur.rows), by_key);
		snap__free(&prev);
		prev = cur;
		memset(&cur, 0, sizeof(cur));
		if (once)
			break;
	}
	if (tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	snap__free(&prev);
	snap__free(&cur);
	rn_dclient__free(dc);
	return ret ? 1 : 0;
}
