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
#include "outfile.h"
#include "symbol.h"
#include "perfetto.h"
#include "query_opts.h"
#include "report.h"
#include "summary.h"
#include "tracefile.h"
#include "views.h"
#include "watch.h"

enum { OPT_CRITICAL = 256, OPT_FORMAT };
enum { SHOW_SOURCE = 300 };

/* convert --format perfetto: no reader of the model, so not one of tracefile.h's formats */
#define FMT_PERFETTO 100

/*
 * Reads path into sink through w, finishing the sink even when the reader stops early
 * (the output then says it is incomplete). out names the output for write errors.
 * Returns 0, or 1 after printing why; the caller closes the sink.
 */
static int read_into(const char *cmd, const char *path, const struct rn_tr_sink *sink,
		     const char *out, const int *werr, struct rn_watch *w, struct rn_query *q)
{
	struct rn_error err = {{0}};
	struct rn_tr_sink ws, qs;
	int ret;

	if (q && rn_query__sink(&qs, q, sink)) {
		rn_cli__error(cmd, NULL, "out of memory");
		return 1;
	}
	rn_watch__init(w, q ? &qs : sink, &ws);
	ret = rn_cli__read_query(path, &ws, q, &err);
	if (ret && !w->sink_err)
		rn_cli__error(cmd, NULL, "%s", err.msg[0] ? err.msg : strerror(-ret));
	/* what came before the damage was delivered: close the output, marked cut */
	if (!w->sink_err && w->header && !w->finished)
		rn_watch__finish_cut(w);
	if (!w->sink_err && w->header && (ret || !w->finished || w->incomplete))
		rn_watch__say_incomplete(cmd, path, w,
					 ret		? RN_WATCH_CUT
					 : !w->finished ? RN_WATCH_NO_END
					 : w->no_stats	? RN_WATCH_NO_STATS
							: RN_WATCH_MARKED);
	if (q)
		qs.close(qs.ctx);
	if (w->sink_err) {
		rn_cli__error(cmd, NULL, "cannot write %s: %s", out,
			      strerror(-rn_write_cause(w->sink_err, werr ? *werr : 0)));
		return 1;
	}
	return ret ? 1 : 0;
}

int do_show(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"follow-forks", no_argument, NULL, 'f'},
	    {"syscall-times", no_argument, NULL, 'T'},
	    {"help", no_argument, NULL, 'h'},
	    {"stack-trace", no_argument, NULL, 'k'},
	    {"source", no_argument, NULL, SHOW_SOURCE},
	    RN_QUERY_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct rn_textview_opts o = {0};
	struct rn_query *q = rn_query__new();
	struct rn_tr_sink sink;
	struct rn_watch w;
	int c, ret = 2;

	if (!q)
		return 1;
	optind = 1;
	while ((c = rn_cli__getopt(q, "show", argc, argv, "fTte:hk", longopts)) != -1) {
		switch (c) {
		case RN_QOPT_FAILED:
			goto out;
		case 'f':
			o.follow = true;
			break;
		case 'T':
			o.out.syscall_times = true;
			break;
		case 't':
			o.out.tstamp++;
			break;
		case 'k':
			o.stacks |= RN_SYM_STACK;
			break;
		case SHOW_SOURCE:
			o.stacks |= RN_SYM_SOURCE;
			break;
		case 'h':
			printf(
			    "Usage: renacerctl show [-f] [-T] [-t|-tt|-ttt] [-k] [--source] [-e "
			    "EXPR] "
			    "FILE\n\n"
			    "Print a trace file (JSON, JSON Lines or binary) as strace prints a "
			    "live\n"
			    "trace. -f shows every process, each line prefixed with its pid (as\n"
			    "`trace -f -o`); without it, the first process only. -e "
			    "trace=/status=\n"
			    "filter as in `renacerctl trace`. --source and -k show the stacks the\n"
			    "trace kept (traced with --source or -k), as trace prints "
			    "them.\n" RN_QUERY_USAGE);
			ret = 0;
			goto out;
		default:
			ret = rn_cli__usage_error("show", "unknown option");
			goto out;
		}
	}
	if (optind != argc - 1) {
		ret = rn_cli__usage_error("show", "give exactly one trace file");
		goto out;
	}
	o.out.pid_always = o.follow;
	o.out.fmt.strsize = RN_FMT_STRSIZE_DEFAULT;
	o.filter = rn_query__filter(q);
	if (rn_textview__new(&sink, stdout, &o)) {
		rn_cli__error("show", NULL, "out of memory");
		ret = 1;
		goto out;
	}
	ret = read_into("show", argv[optind], &sink, "standard output", NULL, &w, q);
	sink.close(sink.ctx);
	rn_watch__say_losses("show", argv[optind], &w);
	rn_watch__release(&w);
out:
	rn_query__free(q);
	return ret;
}

int do_summary(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"critical-path", no_argument, NULL, OPT_CRITICAL},
	    {"summary-sort-by", required_argument, NULL, 'S'},
	    {"summary-columns", required_argument, NULL, 'U'},
	    {"help", no_argument, NULL, 'h'},
	    RN_QUERY_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct rn_summary *sum = rn_summary__new();
	struct rn_query *q = rn_query__new();
	struct rn_tr_sink sink;
	struct rn_watch w;
	bool critical = false;
	char err[256];
	int c, ret = 2;

	if (!sum || !q)
		goto out;
	optind = 1;
	while ((c = rn_cli__getopt(q, "summary", argc, argv, "S:U:e:h", longopts)) != -1) {
		switch (c) {
		case RN_QOPT_FAILED:
			goto out;
		case OPT_CRITICAL:
			critical = true;
			break;
		case 'S':
			if (rn_summary__set_sort(sum, optarg)) {
				ret = rn_cli__usage_error(
				    "summary", "-S takes time, calls, errors, name or nothing");
				goto out;
			}
			break;
		case 'U':
			if (rn_summary__set_columns(sum, optarg, err, sizeof(err))) {
				ret = rn_cli__usage_error("summary", "%s", err);
				goto out;
			}
			break;
		case 'h':
			printf("Usage: renacerctl summary [-S SORTBY] [-U COLUMNS] [-e EXPR] "
			       "[--critical-path] FILE\n\n"
			       "The `trace -c` table of a trace file (-S and -U as trace's); "
			       "--critical-path prints instead "
			       "the\n"
			       "heaviest chain of causally ordered events (durations and "
			       "waits).\n" RN_QUERY_USAGE);
			ret = 0;
			goto out;
		default:
			ret = rn_cli__usage_error("summary", "unknown option");
			goto out;
		}
	}
	if (optind != argc - 1) {
		ret = rn_cli__usage_error("summary", "give exactly one trace file");
		goto out;
	}
	if (critical ? rn_critpath__new(&sink, stdout)
		     : rn_summaryview__new(&sink, sum, rn_query__filter(q))) {
		rn_cli__error("summary", NULL, "out of memory");
		ret = 1;
		goto out;
	}
	ret = read_into("summary", argv[optind], &sink, "standard output", NULL, &w, q);
	sink.close(sink.ctx);
	if (critical) {
		rn_watch__say_losses("summary", argv[optind], &w);
	} else {
		rn_summary__set_lost(sum, rn_watch__lost(&w), w.ngaps, w.nthr);
		rn_summary__print(sum, stdout);
	}
	rn_watch__release(&w);
out:
	rn_summary__free(sum);
	rn_query__free(q);
	return ret;
}

static const struct option convert_longopts[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"help", no_argument, NULL, 'h'},
    RN_QUERY_LONGOPTS,
    {NULL, 0, NULL, 0},
};

/* A look at the options before they are read: errors are JSON when the output will be. */
static bool convert_json(int argc, char **argv)
{
	const char *outpath = NULL;
	int c, fmt = -1;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:e:h", convert_longopts, NULL)) != -1) {
		if (c == 'o')
			outpath = optarg;
		else if (c == OPT_FORMAT)
			fmt = rn_tracefile__parse_format(optarg);
	}
	opterr = 1;
	return rn_cli__json_output(fmt, outpath);
}

static int convert_run(int argc, char **argv, struct rn_query *q)
{
	const char *outpath = NULL, *outname;
	struct rn_outfile out;
	struct rn_tr_sink sink;
	struct rn_watch w;
	char err[640];
	int c, fmt = -1, ret;

	if (convert_json(argc, argv)) {
		rn_cli__set_json("convert");
		opterr = 0; /* getopt's own message would not be JSON */
	}
	optind = 1;
	while ((c = rn_cli__getopt(q, "convert", argc, argv, "o:e:h", convert_longopts)) != -1) {
		switch (c) {
		case RN_QOPT_FAILED:
			return 2;
		case 'o':
			outpath = optarg;
			break;
		case OPT_FORMAT:
			fmt = strcmp(optarg, "perfetto") ? rn_tracefile__parse_format(optarg)
							 : FMT_PERFETTO;
			if (fmt < 0)
				return rn_cli__usage_error(
				    "convert",
				    "--format takes text, json, jsonl, binary or perfetto");
			break;
		case 'h':
			printf(
			    "Usage: renacerctl convert IN -o OUT [--format "
			    "text|json|jsonl|binary|perfetto] [FILTERS]\n\n"
			    "Any trace file to any format; the format follows OUT's extension\n"
			    "(.json, .jsonl, .rnt) unless --format says. OUT is replaced only "
			    "once the\n"
			    "conversion is written whole (- is stdout); IN itself is refused as "
			    "OUT.\n"
			    "With a JSON output, errors are JSON too: one object a line on "
			    "stderr,\n"
			    "{\"error\": {\"command\": ..., \"message\": ..., \"hint\": "
			    "...}}.\n"
			    "perfetto writes the Chrome Trace Event Format that ui.perfetto.dev\n"
			    "opens (docs/views.md); filters thin its slices out.\n" RN_QUERY_USAGE);
			return 0;
		default:
			return rn_cli__usage_error("convert", "unknown option");
		}
	}
	if (optind != argc - 1 || !outpath)
		return rn_cli__usage_error("convert", "give one input file and -o OUTPUT");
	if (fmt < 0)
		fmt = rn_tracefile__format_of_path(outpath);
	if (fmt < 0)
		return rn_cli__usage_error(
		    "convert", "cannot tell the output format from its name: add --format");
	outname = strcmp(outpath, "-") ? outpath : "standard output";
	if (rn_outfile__open(&out, outpath, argv[optind], err, sizeof(err))) {
		rn_cli__error("convert", NULL, "%s", err);
		return 1;
	}
	if (fmt == FMT_PERFETTO) {
		ret = rn_perfetto__new(&sink, out.f, q);
	} else if (fmt == RN_TF_TEXT) {
		struct rn_textview_opts o = {.follow = true};

		o.out.pid_always = true;
		o.out.fmt.strsize = RN_FMT_STRSIZE_DEFAULT;
		ret = rn_textview__new(&sink, out.f, &o);
	} else {
		ret = rn_tracefile__writer(&sink, out.f, fmt);
	}
	if (ret) {
		rn_cli__error("convert", NULL, "cannot start the %s writer: %s",
			      fmt == FMT_PERFETTO ? "perfetto" : rn_tracefile__format_name(fmt),
			      strerror(-ret));
		rn_outfile__discard(&out);
		return 1;
	}
	/* the timeline thins its slices itself: its critical path and gaps need every event */
	ret = read_into("convert", argv[optind], &sink, outname, &out.werr, &w,
			fmt == FMT_PERFETTO ? NULL : q);
	sink.close(sink.ctx);
	/* an output that failed, or an input that was no trace at all, replaces nothing */
	if (w.sink_err || !w.header) {
		rn_outfile__discard(&out);
	} else if (rn_outfile__commit(&out, err, sizeof(err))) {
		rn_cli__error("convert", NULL, "%s", err);
		ret = 1;
	} else if (ret) {
		rn_cli__info("convert",
			     "%s holds the %llu events read before the error, marked incomplete",
			     outname, (unsigned long long)w.events);
	}
	rn_watch__release(&w);
	return ret;
}

int do_convert(int argc, char **argv)
{
	struct rn_query *q = rn_query__new();
	int ret;

	if (!q)
		return 1;
	ret = convert_run(argc, argv, q);
	rn_query__free(q);
	return ret;
}
