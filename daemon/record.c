// SPDX-License-Identifier: MIT
/*
 * Sessions renacerd records itself, with the client's own road: the session's raw records
 * go through a demux into the recorder (lib/model/recorder.h), whose sink is a tee of the
 * golden-trace writer (a .rnt in the spool), the assertions' checker and the OTLP mapping.
 * Only a session that needs one of them gets a recorder: the others cost nothing here.
 *
 * The event loop never waits on the network: the mapping hands packed requests to one
 * delivery thread shared by all sessions (lib/export/otlp_grpc.h), whose full queue drops
 * and counts instead of blocking. Spool files are written under a temporary name and
 * renamed whole, so a reader of the spool never sees half a trace.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "assert_report.h"
#include "assertions.h"
#include "daemon.h"
#include "log.h"
#include "otlp_conf.h"
#include "otlp_grpc.h"
#include "otlp_map.h"
#include "recorder.h"
#include "tracefile.h"

#define OTLP_QUEUE 256 /* requests: every session shares the one delivery thread */

struct rnd_recording {
	struct rn_rules *rules; /* NULL: no assertions */
	struct rn_otlp_conf conf;
	struct rn_otlp_client *otlp; /* NULL: no export */
	enum rn_otlp_spans spans;
	uint64_t slow_ns;
	bool spool; /* sessions write to the spool: assertions or [[watch]] */
};

struct rnd_record {
	uint64_t id;
	uint64_t start_mono_ns, start_real_ns;
	uint64_t rec_lost; /* records lost on their threads, as the records say */
	struct rn_demux *dm;
	struct rn_recorder *rec;
	FILE *f; /* the temporary .rnt in the spool, or NULL */
	char tmp[600];
	struct rn_tr_sink file, chk, map;
	struct rn_checker *checker;
	bool whole;
	uint32_t root;
	char cmd[48]; /* the root's program, for the spool's names */
};

static int spool_mkdir(const char *dir, char *err, size_t errlen)
{
	char path[512];
	char *p;

	snprintf(path, sizeof(path), "%s", dir);
	for (p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(path, 0755) && errno != EEXIST)
				goto fail;
			*p = '/';
		}
	if (mkdir(path, 0750) && errno != EEXIST)
		goto fail;
	if (access(path, W_OK) == 0)
		return 0;
fail:
	snprintf(err, errlen,
		 "cannot create the spool directory %s: %s (create it writable by root, or set "
		 "spool_dir)",
		 dir, strerror(errno));
	return -errno;
}

static int setup_otlp(struct rnd_recording *g, const struct rnd_config *c, const char *url,
		      char *err, size_t errlen)
{
	char msg[640];
	uint32_t i;
	int ret;

	g->spans = RN_OTLP_SPANS_SLOW;
	g->slow_ns = RN_OTLP_SLOW_DEFAULT_NS;
	ret = rn_otlp_conf__init(&g->conf, url, msg, sizeof(msg));
	for (i = 0; !ret && i < c->notlp_headers; i++)
		ret = rn_otlp_conf__add_header(&g->conf, c->otlp_headers[i], msg, sizeof(msg));
	if (!ret && c->otlp_spans[0])
		ret = rn_otlp_spans__parse(c->otlp_spans, &g->spans, &g->slow_ns, msg, sizeof(msg));
	if (!ret) {
		g->conf.queue_max = OTLP_QUEUE;
		ret = rn_otlp_client__new(&g->otlp, &g->conf, msg, sizeof(msg));
	}
	if (ret)
		snprintf(err, errlen, "OTLP export (otlp_* keys or --otlp): %s", msg);
	return ret;
}

int record__spool_on(struct rnd_daemon *d, char *err, size_t errlen)
{
	int ret;

	if (!d->rec && !(d->rec = calloc(1, sizeof(*d->rec))))
		return -ENOMEM;
	if (d->rec->spool)
		return 0;
	ret = spool_mkdir(d->cfg.spool_dir, err, errlen);
	d->rec->spool = !ret;
	return ret;
}

int record__setup(struct rnd_daemon *d, const char *otlp_url, char *err, size_t errlen)
{
	const struct rnd_config *c = &d->cfg;
	const char *url = otlp_url && *otlp_url ? otlp_url : c->otlp_endpoint;
	struct rnd_recording *g;
	struct rn_error rerr = {{0}};
	int ret = 0;

	if (!*url && !c->assertions[0] && !c->nwatches)
		return 0; /* nothing to record: sessions only forward their records */
	g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	d->rec = g;
	if (c->assertions[0]) {
		ret = rn_rules__load(&g->rules, c->assertions, &rerr);
		if (!ret && !rn_rules__count(g->rules)) {
			snprintf(err, errlen,
				 "assertions = \"%s\" in %s: it has no [[assertion]] table (add "
				 "one; see docs/assertions.md)",
				 c->assertions, d->config_path);
			ret = -EINVAL;
			goto fail;
		}
		if (ret) {
			snprintf(err, errlen,
				 "assertions = \"%s\" in %s: %s (see docs/assertions.md)",
				 c->assertions, d->config_path, rerr.msg);
			goto fail;
		}
	}
	g->spool = c->assertions[0] || c->nwatches;
	if (g->spool && (ret = spool_mkdir(c->spool_dir, err, errlen)))
		goto fail;
	if (*url && (ret = setup_otlp(g, c, url, err, errlen)))
		goto fail;
	if (g->otlp)
		rn_info("exporting every session over OTLP to %s", g->conf.url);
	return 0;
fail:
	record__teardown(d);
	return ret;
}

void record__teardown(struct rnd_daemon *d)
{
	struct rn_otlp_stats st;
	struct rnd_recording *g = d->rec;

	if (!g)
		return;
	if (g->otlp) {
		rn_otlp_client__close(g->otlp, &st);
		if (st.dropped_spans)
			rn_warn("OTLP: %llu of %llu spans not delivered to %s: %s",
				(unsigned long long)st.dropped_spans,
				(unsigned long long)(st.dropped_spans + st.sent_spans), g->conf.url,
				st.last_error[0] ? st.last_error : "queue full");
	}
	rn_rules__free(g->rules);
	free(g);
	d->rec = NULL;
}

bool record__otlp_stats(const struct rnd_daemon *d, uint64_t *sent, uint64_t *dropped, char *url,
			size_t ulen, char *last_err, size_t elen)
{
	struct rn_otlp_stats st;

	if (!d->rec || !d->rec->otlp)
		return false;
	rn_otlp_client__stats(d->rec->otlp, &st);
	*sent = st.sent_spans;
	*dropped = st.dropped_spans;
	snprintf(url, ulen, "%s", d->rec->conf.url);
	snprintf(last_err, elen, "%s", st.last_error);
	return true;
}

static void on_syscall(void *ctx, const struct rn_event *ev)
{
	struct rnd_record *r = ctx;

	r->rec_lost += ev->rec->lost;
	rn_recorder__syscall(r->rec, ev);
}

static void on_proc(void *ctx, const struct rn_proc_rec *p)
{
	rn_recorder__proc(((struct rnd_record *)ctx)->rec, p);
}

static void on_signal(void *ctx, const struct rn_sig_rec *s)
{
	rn_recorder__signal(((struct rnd_record *)ctx)->rec, s);
}

/* The recorder's sink: the writer, the checker, the mapping, each that exists. */
#define TEE(name, type)                                                                            \
	static int tee_##name(void *ctx, type arg)                                                 \
	{                                                                                          \
		struct rnd_record *r = ctx;                                                        \
		int e1 = r->file.name ? r->file.name(r->file.ctx, arg) : 0;                        \
		int e2 = r->chk.name ? r->chk.name(r->chk.ctx, arg) : 0;                           \
		int e3 = r->map.name ? r->map.name(r->map.ctx, arg) : 0;                           \
                                                                                                   \
		return e1 ? e1 : e2 ? e2 : e3;                                                     \
	}

TEE(header, const struct rn_tr_header *)
TEE(event, const struct rn_tr_event *)
TEE(edge, const struct rn_tr_edge *)
TEE(gap, const struct rn_tr_gap *)

/* The root's program names the spool files: the first process, or the one declared root. */
static void note_cmd(struct rnd_record *r, const struct rn_tr_process *p)
{
	const char *name = p->argv && p->argv[0] ? p->argv[0] : p->exe;
	const char *base;
	size_t i, n = 0;

	if (!name || (r->cmd[0] && p->pid != r->root))
		return;
	base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	for (i = 0; base[i] && n + 1 < sizeof(r->cmd); i++) {
		char ch = base[i];

		r->cmd[n++] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
				      (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
				      ch == '-'
				  ? ch
				  : '_';
	}
	r->cmd[n] = '\0';
}

static int tee_process(void *ctx, const struct rn_tr_process *p)
{
	struct rnd_record *r = ctx;
	int e1 = r->file.process ? r->file.process(r->file.ctx, p) : 0;
	int e2 = r->chk.process ? r->chk.process(r->chk.ctx, p) : 0;
	int e3 = r->map.process ? r->map.process(r->map.ctx, p) : 0;

	note_cmd(r, p);
	return e1 ? e1 : e2 ? e2 : e3;
}

/* A session that did not run to its end (detached, its client gone) says so in its trace. */
static int tee_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct rnd_record *r = ctx;
	struct rn_tr_stats st = *s;
	int e1, e2, e3;

	st.incomplete = s->incomplete || !r->whole;
	e1 = r->file.finish ? r->file.finish(r->file.ctx, &st) : 0;
	e2 = r->chk.finish ? r->chk.finish(r->chk.ctx, &st) : 0;
	e3 = r->map.finish ? r->map.finish(r->map.ctx, &st) : 0;
	return e1 ? e1 : e2 ? e2 : e3;
}

static void record_free(struct rnd_record *r)
{
	if (!r)
		return;
	rn_demux__free(r->dm);
	rn_recorder__free(r->rec);
	if (r->file.close)
		r->file.close(r->file.ctx);
	if (r->f)
		fclose(r->f);
	if (r->tmp[0])
		unlink(r->tmp);
	if (r->map.close)
		r->map.close(r->map.ctx);
	rn_checker__free(r->checker);
	free(r);
}

static int open_spool_file(struct rnd_daemon *d, struct rnd_record *r)
{
	int ret, fd;

	snprintf(r->tmp, sizeof(r->tmp), "%s/.s%llu.rnt.tmp", d->cfg.spool_dir,
		 (unsigned long long)r->id);
	fd = open(r->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0 || !(r->f = fdopen(fd, "w"))) {
		ret = -errno;
		if (fd >= 0)
			close(fd);
		rn_warn("session %llu: cannot write %s: %s; its trace is not kept",
			(unsigned long long)r->id, r->tmp, strerror(-ret));
		r->tmp[0] = '\0';
		return ret;
	}
	ret = rn_tracefile__writer(&r->file, r->f, RN_TF_BINARY);
	if (ret)
		rn_warn("session %llu: cannot start the trace writer: %s",
			(unsigned long long)r->id, strerror(-ret));
	return ret;
}

struct rnd_record *record__new(struct rnd_daemon *d, uint64_t id, bool watched)
{
	struct rnd_recording *g = d->rec;
	struct rn_recorder_opts ro = {0};
	struct rn_otlp_map_opts mo = {0};
	struct rn_tr_sink tee = {0};
	struct rnd_record *r;
	struct rn_otlp_map *m;
	char err[256];

	if (!g || (!watched && !g->rules && !g->otlp))
		return NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		goto nomem;
	r->id = id;
	r->start_mono_ns = daemon__now(CLOCK_MONOTONIC);
	r->start_real_ns = daemon__now(CLOCK_REALTIME);
	if (g->spool && (watched || g->rules) && open_spool_file(d, r))
		goto fail;
	if (g->rules) {
		if (rn_checker__new(&r->checker, g->rules))
			goto nomem;
		rn_checker__sink(r->checker, &r->chk);
	}
	if (g->otlp) {
		mo.spans = g->spans;
		mo.slow_ns = g->slow_ns;
		mo.service_name = g->conf.service_name;
		mo.resource = g->conf.resource;
		mo.nresource = g->conf.nresource;
		mo.emit = rn_otlp_client__emit;
		mo.emit_ctx = g->otlp;
		if (rn_otlp_map__new(&m, &mo))
			goto nomem;
		rn_otlp_map__sink(m, &r->map);
	}
	tee = (struct rn_tr_sink){.ctx = r,
				  .header = tee_header,
				  .event = tee_event,
				  .process = tee_process,
				  .edge = tee_edge,
				  .gap = tee_gap,
				  .finish = tee_finish};
	ro.fmt.strsize = RN_FMT_STRSIZE_DEFAULT;
	ro.mono_start_ns = r->start_mono_ns;
	ro.real_start_ns = r->start_real_ns;
	ro.snaplen = d->cfg.snaplen;
	ro.tool = "renacer " RENACER_VERSION;
	if (rn_recorder__new(&r->rec, &ro, &tee, err, sizeof(err)))
		goto nomem;
	r->dm = rn_demux__new(&(struct rn_sink){r, on_syscall, on_proc, on_signal});
	if (!r->dm)
		goto nomem;
	r->whole = true;
	return r;
nomem:
	rn_warn("session %llu: out of memory: not recorded by renacerd", (unsigned long long)id);
fail:
	record_free(r);
	return NULL;
}

void record__add_root(struct rnd_record *r, uint32_t pid)
{
	if (!r)
		return;
	if (!r->root)
		r->root = pid;
	rn_recorder__add_root(r->rec, (pid_t)pid);
}

void record__raw(struct rnd_record *r, const void *data, size_t size)
{
	if (r && rn_demux__record(r->dm, data, size))
		rn_debug("session %llu: a malformed record was not recorded",
			 (unsigned long long)r->id);
}

void record__discard(struct rnd_record *r)
{
	record_free(r);
}

struct spool_file {
	char name[256];
	time_t mtime;
	uint64_t size;
};

static int newest_first(const void *a, const void *b)
{
	const struct spool_file *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? 1 : -1;
	return -strcmp(x->name, y->name); /* names start with the time: later sorts first */
}

/*
 * Keeps the spool within spool_max_age and spool_max_bytes: files past the age go, then
 * the oldest until the rest fit. The files of the session just written (keep) always stay.
 */
static void spool_rotate(const struct rnd_daemon *d, const char *keep)
{
	const struct rnd_config *c = &d->cfg;
	struct spool_file *v = NULL, *nv;
	size_t n = 0, cap = 0, i;
	uint64_t total = 0;
	time_t now = time(NULL);
	struct dirent *de;
	struct stat st;
	char path[800];
	DIR *dir = opendir(c->spool_dir);

	if (!dir)
		return;
	while ((de = readdir(dir))) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len >= sizeof(v->name) ||
		    (!(len > 4 && !strcmp(de->d_name + len - 4, ".rnt")) &&
		     !(len > 10 && !strcmp(de->d_name + len - 10, ".junit.xml"))))
			continue;
		snprintf(path, sizeof(path), "%s/%s", c->spool_dir, de->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				break;
			v = nv;
		}
		snprintf(v[n].name, sizeof(v[n].name), "%s", de->d_name);
		v[n].mtime = st.st_mtime;
		v[n].size = (uint64_t)st.st_size;
		n++;
	}
	closedir(dir);
	qsort(v, n, sizeof(*v), newest_first);
	for (i = 0; i < n; i++) {
		bool mine = !strncmp(v[i].name, keep, strlen(keep));
		bool old = c->spool_max_age && now - v[i].mtime > (time_t)c->spool_max_age;
		bool big = c->spool_max_bytes && total + v[i].size > c->spool_max_bytes;

		if (mine || (!old && !big)) {
			total += v[i].size;
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", c->spool_dir, v[i].name);
		if (!unlink(path))
			rn_info("spool: removed %s (%s)", v[i].name,
				old ? "older than spool_max_age" : "spool_max_bytes reached");
	}
	free(v);
}

/* The text report into v->report, as renacerctl check prints it. */
static void fill_report(struct rnd_record *r, struct rnd_verdict *v)
{
	FILE *m = fmemopen(v->report, sizeof(v->report) - 1, "w");

	if (m) {
		rn_assert_report__text(r->checker, m);
		fclose(m);
	}
	v->report[sizeof(v->report) - 1] = '\0';
	v->checked = true;
	v->status = rn_checker__status(r->checker);
	rn_assert_report__counts(r->checker, v->counts);
}

static void write_junit(struct rnd_daemon *d, struct rnd_record *r, const char *base,
			struct rnd_verdict *v)
{
	char path[704], tmp[720];
	FILE *f;
	int fd, ret;

	snprintf(path, sizeof(path), "%s/%s.junit.xml", d->cfg.spool_dir, base);
	snprintf(tmp, sizeof(tmp), "%s/.%s.junit.tmp", d->cfg.spool_dir, base);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640); /* as the trace's */
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		rn_warn("session %llu: cannot write %s: %s", (unsigned long long)r->id, tmp,
			strerror(errno));
		return;
	}
	ret = rn_checker__done(r->checker)
		  ? rn_assert_report__junit(r->checker, f, d->cfg.assertions)
		  : rn_assert_report__junit_error(f, d->cfg.assertions,
						  "the recording did not finish");
	if (fclose(f) || ret || rename(tmp, path)) {
		rn_warn("session %llu: cannot write %s: %s", (unsigned long long)r->id, path,
			strerror(errno ? errno : EIO));
		unlink(tmp);
		return;
	}
	snprintf(v->junit, sizeof(v->junit), "%s", path);
}

void record__finish(struct rnd_daemon *d, struct rnd_record *r, uint64_t lost, bool whole,
		    struct rnd_verdict *out)
{
	uint64_t counters[RN_CNT__MAX] = {0};
	struct rnd_verdict none;
	struct tm tm;
	time_t secs;
	char base[128], path[704];
	int ret;

	if (!out)
		out = &none;
	memset(out, 0, sizeof(*out));
	if (!r)
		return;
	r->whole = whole;
	counters[RN_CNT_DROPPED] = lost + r->rec_lost;
	ret =
	    rn_recorder__finish(r->rec, counters, daemon__now(CLOCK_MONOTONIC) - r->start_mono_ns);
	secs = (time_t)(r->start_real_ns / 1000000000);
	gmtime_r(&secs, &tm);
	strftime(base, 32, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(base + strlen(base), sizeof(base) - strlen(base), "-s%llu-%s",
		 (unsigned long long)r->id, r->cmd[0] ? r->cmd : "unknown");
	if (r->f) {
		if (r->file.close)
			r->file.close(r->file.ctx);
		r->file.close = NULL;
		snprintf(path, sizeof(path), "%s/%s.rnt", d->cfg.spool_dir, base);
		if (fclose(r->f) || ret || rename(r->tmp, path))
			rn_warn("session %llu: cannot write %s: %s", (unsigned long long)r->id,
				path,
				strerror(ret	 ? -ret
					 : errno ? errno
						 : EIO));
		else
			snprintf(out->trace, sizeof(out->trace), "%s", path);
		r->f = NULL;
		if (out->trace[0])
			r->tmp[0] = '\0';
	}
	if (r->checker) {
		if (rn_checker__done(r->checker))
			fill_report(r, out);
		write_junit(d, r, base, out);
	}
	if (out->trace[0] || out->junit[0]) {
		rn_info("session %llu: %s%s%s%s", (unsigned long long)r->id, out->trace,
			out->junit[0] ? ", " : "", out->junit,
			!out->checked ? ""
			: out->status ? " (assertions FAILED)"
				      : " (assertions pass)");
		spool_rotate(d, base);
	}
	record_free(r);
}
