// SPDX-License-Identifier: MIT
/* renacerctl flamegraph: a trace file's syscall time (or calls, or bytes) as a flame graph. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "flame.h"
#include "outfile.h"
#include "query_opts.h"
#include "report.h"

enum { OPT_METRIC = 256, OPT_FOLDED, OPT_TITLE };

static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'},
    {"metric", required_argument, NULL, OPT_METRIC},
    {"folded", no_argument, NULL, OPT_FOLDED},
    {"title", required_argument, NULL, OPT_TITLE},
    {"help", no_argument, NULL, 'h'},
    RN_QUERY_LONGOPTS,
    {NULL, 0, NULL, 0},
};

static int usage(void)
{
	printf("Usage: renacerctl flamegraph TRACE [-o OUT] [--metric time|calls|bytes] "
	       "[--folded] [--title T] [FILTERS]\n\n"
	       "Where the syscalls of a trace spent their time, as a self-contained\n"
	       "interactive SVG (hover, click to zoom, Search; no network needed): one\n"
	       "frame per process (its argv[0]) with its syscalls above it. --metric calls\n"
	       "counts calls, bytes sums what calls with a data buffer moved. --folded\n"
	       "prints the folded stacks (frame;frame;syscall value) that flamegraph.pl,\n"
	       "inferno and speedscope read instead. OUT defaults to standard "
	       "output.\n" RN_QUERY_USAGE);
	return 0;
}

static int run(struct rn_query *q, struct rn_flame **flp, int argc, char **argv)
{
	const char *outpath = "-", *title = NULL;
	enum rn_flame_metric metric = RN_FLAME_TIME;
	bool folded = false;
	struct rn_error err = {{0}};
	struct rn_tr_sink fs, qs;
	struct rn_outfile out;
	char msg[640];
	int c, r, m;

	optind = 1;
	while ((c = rn_cli__getopt(q, "flamegraph", argc, argv, "o:e:h", longopts)) != -1) {
		switch (c) {
		case RN_QOPT_FAILED:
			return 2;
		case 'o':
			outpath = optarg;
			break;
		case OPT_METRIC:
			m = rn_flame_metric__parse(optarg);
			if (m < 0)
				return rn_cli__usage_error("flamegraph",
							   "--metric takes time, calls or bytes");
			metric = (enum rn_flame_metric)m;
			break;
		case OPT_FOLDED:
			folded = true;
			break;
		case OPT_TITLE:
			title = optarg;
			break;
		case 'h':
			return usage();
		default:
			return rn_cli__usage_error("flamegraph", "unknown option");
		}
	}
	if (optind != argc - 1)
		return rn_cli__usage_error("flamegraph", "give exactly one trace file");
	if (!(*flp = rn_flame__new(metric)) || rn_flame__sink(*flp, &fs) ||
	    rn_query__sink(&qs, q, &fs)) {
		rn_cli__error("flamegraph", NULL, "out of memory");
		return 1;
	}
	r = rn_cli__read_query(argv[optind], &qs, q, &err);
	qs.close(qs.ctx);
	if (r) {
		rn_cli__error("flamegraph", NULL, "%s", err.msg[0] ? err.msg : strerror(-r));
		return 1;
	}
	if (rn_outfile__open(&out, outpath, argv[optind], msg, sizeof(msg))) {
		rn_cli__error("flamegraph", NULL, "%s", msg);
		return 1;
	}
	r = folded ? rn_flame__write_folded(*flp, out.f)
		   : rn_flame__write_svg(*flp, out.f, title ? title : argv[optind]);
	if (r) {
		rn_cli__error("flamegraph", NULL, "cannot write %s: %s",
			      strcmp(outpath, "-") ? outpath : "standard output",
			      strerror(-rn_write_cause(r, out.werr)));
		rn_outfile__discard(&out);
		return 1;
	}
	if (rn_outfile__commit(&out, msg, sizeof(msg))) {
		rn_cli__error("flamegraph", NULL, "%s", msg);
		return 1;
	}
	return 0;
}

int do_flamegraph(int argc, char **argv)
{
	struct rn_query *q = rn_query__new();
	struct rn_flame *fl = NULL;
	int ret;

	if (!q)
		return 1;
	ret = run(q, &fl, argc, argv);
	rn_flame__free(fl);
	rn_query__free(q);
	return ret;
}
