// SPDX-License-Identifier: MIT
/* renacerctl show / summary / convert: commands on trace files, each a reader feeding a sink. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "filter.h"
#include "hmap.h"
#include "outfile.h"
#include "renacer_abi.h"
#include "summary.h"
#include "systable.h"
#include "tracefile.h"
#include "views.h"

enum { OPT_CRITICAL = 256, OPT_FORMAT };

#define NOTE_THREADS 8 /* threads named in a loss note */
#define NOTE_AFTER   3 /* gap positions named per thread */

static int bad_usage(const char *cmd, const char *what)
{
	fprintf(stderr, "renacerctl %s: %s (see renacerctl %s --help)\n", cmd, what, cmd);
	return 2;
}

struct gap_thread {
	uint32_t tid;
	uint64_t lost, gaps;
	uint64_t after[NOTE_AFTER]; /* the first gaps' after_id */
};

/*
 * Sits between a reader and the sink it feeds: notes how the trace ended, where events
 * were lost, and counts what passed, so a trace cut short still gets statistics.
 */
struct watch {
	const struct rn_tr_sink *inner;
	bool header, finished, no_stats, incomplete;
	uint64_t events, last_id;
	int sink_err; /* the first error of the inner sink (an output that failed) */
	uint64_t stats_lost, gap_lost, ngaps;
	struct gap_thread *thr;
	size_t nthr, cap;
	struct rn_hmap by_tid;
	uint64_t calls[RN_MAX_SYSCALLS], errors[RN_MAX_SYSCALLS], dur[RN_MAX_SYSCALLS];
	uint64_t total_calls, total_dur, end_ns;
};

static int w_ret(struct watch *w, int ret)
{
	if (ret && !w->sink_err)
		w->sink_err = ret < 0 ? ret : -EIO;
	return ret;
}

static int w_header(void *ctx, const struct rn_tr_header *h)
{
	struct watch *w = ctx;

	w->header = true;
	return w->inner->header ? w_ret(w, w->inner->header(w->inner->ctx, h)) : 0;
}

static int w_event(void *ctx, const struct rn_tr_event *e)
{
	struct watch *w = ctx;

	w->events++;
	w->last_id = e->id;
	if (e->enter_ns + e->duration_ns > w->end_ns)
		w->end_ns = e->enter_ns + e->duration_ns;
	if (e->kind == RN_TR_SYSCALL && !e->noreturn && e->nr >= 0 && e->nr < RN_MAX_SYSCALLS) {
		w->calls[e->nr]++;
		w->dur[e->nr] += e->duration_ns;
		w->errors[e->nr] += e->errname != NULL;
		w->total_calls++;
		w->total_dur += e->duration_ns;
	}
	return w->inner->event ? w_ret(w, w->inner->event(w->inner->ctx, e)) : 0;
}

static int w_process(void *ctx, const struct rn_tr_process *p)
{
	struct watch *w = ctx;

	return w->inner->process ? w_ret(w, w->inner->process(w->inner->ctx, p)) : 0;
}

static int w_edge(void *ctx, const struct rn_tr_edge *e)
{
	struct watch *w = ctx;

	return w->inner->edge ? w_ret(w, w->inner->edge(w->inner->ctx, e)) : 0;
}

static int note_gap(struct watch *w, const struct rn_tr_gap *g)
{
	int64_t i = rn_hmap__get(&w->by_tid, (uint64_t)g->tid + 1);
	struct gap_thread *t;

	if (i < 0) {
		if (w->nthr == w->cap) {
			size_t nc = w->cap ? w->cap * 2 : 16;
			struct gap_thread *p = realloc(w->thr, nc * sizeof(*p));

			if (!p)
				return -ENOMEM;
			w->thr = p;
			w->cap = nc;
		}
		if (rn_hmap__put(&w->by_tid, (uint64_t)g->tid + 1, (uint32_t)w->nthr))
			return -ENOMEM;
		i = (int64_t)w->nthr++;
		memset(&w->thr[i], 0, sizeof(w->thr[i]));
		w->thr[i].tid = g->tid;
	}
	/* taken after every call that can grow w->thr */
	t = &w->thr[i];
	if (t->gaps < NOTE_AFTER)
		t->after[t->gaps] = g->after_id;
	t->gaps++;
	t->lost += g->lost;
	w->ngaps++;
	w->gap_lost += g->lost;
	return 0;
}

static int w_gap(void *ctx, const struct rn_tr_gap *g)
{
	struct watch *w = ctx;
	int ret = note_gap(w, g);

	if (ret)
		return ret;
	return w->inner->gap ? w_ret(w, w->inner->gap(w->inner->ctx, g)) : 0;
}

static int w_finish(void *ctx, const struct rn_tr_stats *s)
{
	struct watch *w = ctx;

	w->finished = true;
	w->no_stats = !s;
	w->incomplete = !s || s->incomplete;
	w->stats_lost = s ? s->lost_events : 0;
	return w->inner->finish ? w_ret(w, w->inner->finish(w->inner->ctx, s)) : 0;
}

static void watch_init(struct watch *w, const struct rn_tr_sink *inner, struct rn_tr_sink *ws)
{
	memset(w, 0, sizeof(*w));
	w->inner = inner;
	*ws = (struct rn_tr_sink){
	    .ctx = w,
	    .header = w_header,
	    .event = w_event,
	    .process = w_process,
	    .edge = w_edge,
	    .gap = w_gap,
	    .finish = w_finish,
	};
}

static void watch_release(struct watch *w)
{
	free(w->thr);
	rn_hmap__free(&w->by_tid);
}

static uint64_t watch_lost(const struct watch *w)
{
	return w->stats_lost > w->gap_lost ? w->stats_lost : w->gap_lost;
}

/* Statistics of what was read, for an output closed before the input's end. */
static int finish_cut(struct watch *w)
{
	const char *names[RN_MAX_SYSCALLS];
	uint64_t calls[RN_MAX_SYSCALLS], errors[RN_MAX_SYSCALLS], dur[RN_MAX_SYSCALLS];
	struct rn_tr_stats st = {0};
	uint32_t n = 0;

	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		if (!w->calls[nr] || !rn_syscall__name(nr))
			continue;
		names[n] = rn_syscall__name(nr);
		calls[n] = w->calls[nr];
		errors[n] = w->errors[nr];
		dur[n] = w->dur[nr];
		n++;
	}
	st.total_syscalls = w->total_calls;
	st.total_duration_ns = w->total_dur;
	st.lost_events = w->gap_lost;
	st.wall_ns = w->end_ns;
	st.incomplete = true;
	st.nsyscalls = n;
	st.names = names;
	st.calls = calls;
	st.errors = errors;
	st.duration_ns = dur;
	return w->inner->finish ? w_ret(w, w->inner->finish(w->inner->ctx, &st)) : 0;
}

enum ending { CUT_BY_ERROR, NO_END, NO_STATS, MARKED_INCOMPLETE };

static void say_incomplete(const char *cmd, const char *path, const struct watch *w,
			   enum ending how)
{
	static const char *const why[] = {
	    [CUT_BY_ERROR] = "reading stopped at the error above",
	    [NO_END] = "it ends without its closing statistics",
	    [NO_STATS] = "it has no statistics (the program that wrote it stopped early)",
	    [MARKED_INCOMPLETE] = "the tracer stopped before the traced programs ended "
				  "(killed, renacerd gone, or its own input cut short)",
	};
	char last[48] = "";

	if (w->events)
		snprintf(last, sizeof(last), " (the last with id %llu)",
			 (unsigned long long)w->last_id);
	fprintf(stderr,
		"renacerctl %s: warning: %s is incomplete: %s; it has %llu events%s, and what "
		"happened after them%s is missing\n",
		cmd, path, why[how], (unsigned long long)w->events, last,
		how == MARKED_INCOMPLETE ? "" : " (later events, the processes' ends)");
}

/* Where the losses are: per thread, after which event ids. */
static void say_losses(const char *cmd, const char *path, const struct watch *w)
{
	uint64_t lost = watch_lost(w);
	size_t i, k;

	if (!lost)
		return;
	fprintf(stderr,
		"renacerctl %s: note: %llu events were lost while %s was recorded (ring buffer "
		"full), so the trace has holes:\n",
		cmd, (unsigned long long)lost, path);
	for (i = 0; i < w->nthr && i < NOTE_THREADS; i++) {
		const struct gap_thread *t = &w->thr[i];

		fprintf(stderr, "  thread %u: %llu lost in %llu gap%s, after event%s", t->tid,
			(unsigned long long)t->lost, (unsigned long long)t->gaps,
			t->gaps == 1 ? "" : "s", t->gaps == 1 ? "" : "s");
		for (k = 0; k < t->gaps && k < NOTE_AFTER; k++)
			fprintf(stderr, "%s %llu", k ? "," : "", (unsigned long long)t->after[k]);
		fprintf(stderr, "%s\n", t->gaps > NOTE_AFTER ? ", ..." : "");
	}
	if (w->nthr > NOTE_THREADS)
		fprintf(stderr, "  and %zu more threads\n", w->nthr - NOTE_THREADS);
	if (lost > w->gap_lost)
		fprintf(stderr,
			"  %llu not placed on a thread (counted by the kernel only: their thread "
			"recorded nothing after them)\n",
			(unsigned long long)(lost - w->gap_lost));
}

/*
 * Reads path into sink through w, finishing the sink even when the reader stops early
 * (the output then says it is incomplete). out names the output for write errors.
 * Returns 0, or 1 after printing why; the caller closes the sink.
 */
static int read_into(const char *cmd, const char *path, const struct rn_tr_sink *sink,
		     const char *out, const int *werr, struct watch *w)
{
	struct rn_tr_error err = {{0}};
	struct rn_tr_sink ws;
	int ret;

	watch_init(w, sink, &ws);
	ret = rn_tracefile__read(path, &ws, &err);
	if (ret && !w->sink_err)
		fprintf(stderr, "renacerctl %s: %s\n", cmd, err.msg[0] ? err.msg : strerror(-ret));
	/* what came before the damage was delivered: close the output, marked cut */
	if (!w->sink_err && w->header && !w->finished)
		finish_cut(w);
	if (!w->sink_err && w->header && (ret || !w->finished || w->incomplete))
		say_incomplete(cmd, path, w,
			       ret	      ? CUT_BY_ERROR
			       : !w->finished ? NO_END
			       : w->no_stats  ? NO_STATS
					      : MARKED_INCOMPLETE);
	if (w->sink_err) {
		fprintf(stderr, "renacerctl %s: cannot write %s: %s\n", cmd, out,
			strerror(-rn_write_cause(w->sink_err, werr ? *werr : 0)));
		return 1;
	}
	return ret ? 1 : 0;
}

static int add_filter(struct rn_filter *f, const char *cmd, const char *expr)
{
	char err[256] = "";

	if (rn_filter__parse(f, expr, err, sizeof(err))) {
		fprintf(stderr, "renacerctl %s: %s\n", cmd, err[0] ? err : "invalid -e expression");
		return -EINVAL;
	}
	return 0;
}

int do_show(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"follow-forks", no_argument, NULL, 'f'},
	    {"syscall-times", no_argument, NULL, 'T'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct rn_textview_opts o = {0};
	struct rn_filter *filter = rn_filter__new();
	struct rn_tr_sink sink;
	struct watch w;
	int c, ret = 2;

	if (!filter)
		return 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "fTte:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o.follow = true;
			break;
		case 'T':
			o.out.syscall_times = true;
			break;
		case 't':
			o.out.tstamp++;
			break;
		case 'e':
			if (add_filter(filter, "show", optarg))
				goto out;
			break;
		case 'h':
			printf(
			    "Usage: renacerctl show [-f] [-T] [-t|-tt|-ttt] [-e EXPR] FILE\n\n"
			    "Print a trace file (JSON, JSON Lines or binary) as strace prints a "
			    "live\n"
			    "trace. -f shows every process, each line prefixed with its pid (as\n"
			    "`trace -f -o`); without it, the first process only. -e "
			    "trace=/status=\n"
			    "filter as in `renacerctl trace`.\n");
			ret = 0;
			goto out;
		default:
			ret = bad_usage("show", "unknown option");
			goto out;
		}
	}
	if (optind != argc - 1) {
		ret = bad_usage("show", "give exactly one trace file");
		goto out;
	}
	o.out.pid_always = o.follow;
	o.out.fmt.strsize = 32;
	o.filter = filter;
	if (rn_textview__new(&sink, stdout, &o)) {
		fprintf(stderr, "renacerctl show: out of memory\n");
		ret = 1;
		goto out;
	}
	ret = read_into("show", argv[optind], &sink, "standard output", NULL, &w);
	sink.close(sink.ctx);
	say_losses("show", argv[optind], &w);
	watch_release(&w);
out:
	rn_filter__free(filter);
	return ret;
}

int do_summary(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"critical-path", no_argument, NULL, OPT_CRITICAL},
	    {"summary-sort-by", required_argument, NULL, 'S'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct rn_summary *sum = rn_summary__new();
	struct rn_filter *filter = rn_filter__new();
	struct rn_tr_sink sink;
	struct watch w;
	bool critical = false;
	int c, ret = 2;

	if (!sum || !filter)
		goto out;
	optind = 1;
	while ((c = getopt_long(argc, argv, "S:e:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CRITICAL:
			critical = true;
			break;
		case 'S':
			if (rn_summary__set_sort(sum, optarg)) {
				ret = bad_usage("summary",
						"-S takes time, calls, errors, name or nothing");
				goto out;
			}
			break;
		case 'e':
			if (add_filter(filter, "summary", optarg))
				goto out;
			break;
		case 'h':
			printf(
			    "Usage: renacerctl summary [-S SORTBY] [-e EXPR] [--critical-path] "
			    "FILE\n\n"
			    "The `trace -c` table of a trace file; --critical-path prints instead "
			    "the\n"
			    "heaviest chain of causally ordered events (durations and waits).\n");
			ret = 0;
			goto out;
		default:
			ret = bad_usage("summary", "unknown option");
			goto out;
		}
	}
	if (optind != argc - 1) {
		ret = bad_usage("summary", "give exactly one trace file");
		goto out;
	}
	if (critical ? rn_critpath__new(&sink, stdout) : rn_summaryview__new(&sink, sum, filter)) {
		fprintf(stderr, "renacerctl summary: out of memory\n");
		ret = 1;
		goto out;
	}
	ret = read_into("summary", argv[optind], &sink, "standard output", NULL, &w);
	sink.close(sink.ctx);
	if (critical) {
		say_losses("summary", argv[optind], &w);
	} else {
		rn_summary__set_lost(sum, watch_lost(&w), w.ngaps, w.nthr);
		rn_summary__print(sum, stdout);
	}
	watch_release(&w);
out:
	rn_summary__free(sum);
	rn_filter__free(filter);
	return ret;
}

int do_convert(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *outpath = NULL, *outname;
	struct rn_outfile out;
	struct rn_tr_sink sink;
	struct watch w;
	char err[640];
	int c, fmt = -1, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			outpath = optarg;
			break;
		case OPT_FORMAT:
			fmt = rn_tracefile__parse_format(optarg);
			if (fmt < 0)
				return bad_usage("convert",
						 "--format takes text, json, jsonl or binary");
			break;
		case 'h':
			printf("Usage: renacerctl convert IN -o OUT [--format "
			       "text|json|jsonl|binary]\n\n"
			       "Any trace file to any format; the format follows OUT's extension\n"
			       "(.json, .jsonl, .rnt) unless --format says. OUT is replaced only "
			       "once the\n"
			       "conversion is written whole (- is stdout); IN itself is refused as "
			       "OUT.\n");
			return 0;
		default:
			return bad_usage("convert", "unknown option");
		}
	}
	if (optind != argc - 1 || !outpath)
		return bad_usage("convert", "give one input file and -o OUTPUT");
	if (fmt < 0)
		fmt = rn_tracefile__format_of_path(outpath);
	if (fmt < 0)
		return bad_usage("convert",
				 "cannot tell the output format from its name: add --format");
	outname = strcmp(outpath, "-") ? outpath : "standard output";
	if (rn_outfile__open(&out, outpath, argv[optind], err, sizeof(err))) {
		fprintf(stderr, "renacerctl convert: %s\n", err);
		return 1;
	}
	if (fmt == RN_TF_TEXT) {
		struct rn_textview_opts o = {.follow = true};

		o.out.pid_always = true;
		o.out.fmt.strsize = 32;
		ret = rn_textview__new(&sink, out.f, &o);
	} else {
		ret = rn_tracefile__writer(&sink, out.f, fmt);
	}
	if (ret) {
		fprintf(stderr, "renacerctl convert: cannot start the %s writer: %s\n",
			rn_tracefile__format_name(fmt), strerror(-ret));
		rn_outfile__discard(&out);
		return 1;
	}
	ret = read_into("convert", argv[optind], &sink, outname, &out.werr, &w);
	sink.close(sink.ctx);
	/* an output that failed, or an input that was no trace at all, replaces nothing */
	if (w.sink_err || !w.header) {
		rn_outfile__discard(&out);
	} else if (rn_outfile__commit(&out, err, sizeof(err))) {
		fprintf(stderr, "renacerctl convert: %s\n", err);
		ret = 1;
	} else if (ret) {
		fprintf(
		    stderr,
		    "renacerctl convert: %s holds the %llu events read before the error, marked "
		    "incomplete\n",
		    outname, (unsigned long long)w.events);
	}
	watch_release(&w);
	return ret;
}
