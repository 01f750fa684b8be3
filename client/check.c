// SPDX-License-Identifier: MIT
/*
 * renacerctl check CONFIG TRACE: the [[assertion]] tables of CONFIG evaluated on a recorded
 * trace (docs/assertions.md). Exit 0 when every assertion passed (warnings allowed), 1 when an
 * enforced one failed, 2 when the file or the trace could not be read.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert_report.h"
#include "assertions.h"
#include "cmd.h"
#include "error.h"
#include "outfile.h"
#include "report.h"
#include "tracefile.h"
#include "watch.h"

enum { OPT_FORMAT = 256, OPT_JUNIT };

static int usage(void)
{
	printf("Usage: renacerctl check [--format text|json] [--junit FILE] CONFIG TRACE\n\n"
	       "Evaluate the [[assertion]] tables of CONFIG (a renacer.toml) on TRACE, a file\n"
	       "written by `renacerctl trace -f -o FILE`: performance budgets (critical_path,\n"
	       "span_count, memory_usage, syscall_budget, duration) and anti-patterns\n"
	       "(TightLoop, GodProcess, ExcessiveSmallIO). One line per assertion: PASS, FAIL,\n"
	       "WARN (violated, fail_on_violation = false) or SKIPPED (enabled = false).\n\n"
	       "  --format json   the report as JSON on standard output\n"
	       "  --junit FILE    also write JUnit XML for CI (one testcase per assertion)\n\n"
	       "Exit status: 0 all passed, 1 an enforced assertion failed, 2 CONFIG or TRACE\n"
	       "could not be read. See docs/assertions.md.\n");
	return 0;
}

/*
 * Reads TRACE into the checker; a trace cut short is finished and evaluated, said so. An
 * error is printed and left in why (for the JUnit file).
 */
static int read_trace(const char *path, struct rn_checker *ck, struct rn_error *why)
{
	struct rn_error err = {{0}};
	struct rn_tr_sink inner, ws;
	struct rn_watch w;
	int ret;

	rn_checker__sink(ck, &inner);
	rn_watch__init(&w, &inner, &ws);
	ret = rn_tracefile__read(path, &ws, &err);
	if (ret) {
		rn_error__set(why, ret, "%s", err.msg[0] ? err.msg : strerror(-ret));
		rn_cli__error("check", "record it again with `renacerctl trace -f -o FILE -- CMD`",
			      "%s", why->msg);
	} else if (w.sink_err) {
		ret = rn_error__set(why, w.sink_err, "cannot evaluate %s: %s", path,
				    strerror(-w.sink_err));
		rn_cli__error("check", NULL, "%s", why->msg);
	} else {
		if (!w.finished)
			rn_watch__finish_cut(&w);
		if (!w.finished || w.incomplete)
			rn_watch__say_incomplete("check", path, &w,
						 !w.finished  ? RN_WATCH_NO_END
						 : w.no_stats ? RN_WATCH_NO_STATS
							      : RN_WATCH_MARKED);
		rn_watch__say_losses("check", path, &w);
		if (!rn_checker__done(ck)) {
			ret = rn_error__set(why, -EINVAL, "%s: the trace has no end to evaluate",
					    path);
			rn_cli__error("check", NULL, "%s", why->msg);
		}
	}
	rn_watch__release(&w);
	return ret;
}

/* The verdicts, or (ck NULL) the error that stopped the check, as JUnit XML in path. */
static int write_junit(const struct rn_checker *ck, const char *path, const char *suite,
		       const char *error)
{
	struct rn_outfile o;
	char err[512] = "";
	int ret;

	ret = rn_outfile__open(&o, path, NULL, err, sizeof(err));
	if (ret) {
		rn_cli__error("check", NULL, "cannot write %s: %s", path, err);
		return ret;
	}
	ret = ck ? rn_assert_report__junit(ck, o.f, suite)
		 : rn_assert_report__junit_error(o.f, suite, error);
	if (ret) {
		rn_outfile__discard(&o);
		rn_cli__error("check", NULL, "cannot write %s: %s", path,
			      strerror(-rn_write_cause(ret, o.werr)));
		return ret;
	}
	ret = rn_outfile__commit(&o, err, sizeof(err));
	if (ret)
		rn_cli__error("check", NULL, "cannot write %s: %s", path, err);
	return ret;
}

int do_check(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"junit", required_argument, NULL, OPT_JUNIT},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *junit = NULL;
	struct rn_rules *rules = NULL;
	struct rn_checker *ck = NULL;
	bool json = false;
	struct rn_error err = {{0}};
	int c, ret = 2;

	/* JSON errors from the first one on, even for an option before --format json */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--format=json") ||
		    (!strcmp(argv[i], "--format") && i + 1 < argc &&
		     !strcmp(argv[i + 1], "json"))) {
			rn_cli__set_json("check");
			opterr = 0; /* getopt's own message would not be JSON */
		}
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (!strcmp(optarg, "json")) {
				json = true;
				rn_cli__set_json("check");
			} else if (strcmp(optarg, "text")) {
				return rn_cli__usage_error(
				    "check", "unknown --format '%s' (text or json)", optarg);
			}
			break;
		case OPT_JUNIT:
			junit = optarg;
			break;
		case 'h':
			return usage();
		default:
			return rn_cli__usage_error("check", "unknown option");
		}
	}
	if (optind != argc - 2)
		return rn_cli__usage_error("check",
					   "give a CONFIG (renacer.toml) and a TRACE file");
	/* err holds what stops the check, for the JUnit file too */
	if (rn_rules__load(&rules, argv[optind], &err)) {
		rn_cli__error("check",
			      strstr(err.msg, ": cannot read: ")
				  ? "check the path"
				  : "see docs/assertions.md for the keys of each type",
			      "%s", err.msg);
		goto out;
	}
	if (!rn_rules__count(rules)) {
		rn_error__set(&err, -EINVAL, "%s has no [[assertion]] table: nothing to check",
			      argv[optind]);
		rn_cli__error("check", "add one; see docs/assertions.md", "%s", err.msg);
		goto out;
	}
	if (rn_checker__new(&ck, rules)) {
		rn_error__set(&err, -ENOMEM, "out of memory");
		rn_cli__error("check", NULL, "%s", err.msg);
		goto out;
	}
	if (read_trace(argv[optind + 1], ck, &err)) {
		rn_checker__free(ck);
		ck = NULL;
		goto out;
	}
	if ((json ? rn_assert_report__json(ck, stdout) : rn_assert_report__text(ck, stdout)))
		goto out; /* stdout's error is reported by main */
	if (junit && write_junit(ck, junit, argv[optind], NULL))
		goto out;
	ret = rn_checker__status(ck);
out:
	/* CI shows why there are no verdicts rather than a missing report */
	if (ret == 2 && junit && err.msg[0])
		write_junit(NULL, junit, argv[optind], err.msg);
	rn_checker__free(ck);
	rn_rules__free(rules);
	return ret;
}
