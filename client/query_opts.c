// SPDX-License-Identifier: MIT
#include "query_opts.h"

#include <errno.h>

#include "report.h"
#include "tracefile.h"

/* Applies option c to q: 0, 1 when c is not a filter option, or 2 after printing the error. */
static int query_opt(struct rn_query *q, const char *cmd, int c, const char *arg)
{
	char err[256] = "";
	int r;

	switch (c) {
	case 'e':
		r = rn_query__add_expr(q, arg, err, sizeof(err));
		break;
	case RN_QOPT_PID:
		r = rn_query__add_pids(q, arg, err, sizeof(err));
		break;
	case RN_QOPT_SINCE:
		r = rn_query__set_since(q, arg, err, sizeof(err));
		break;
	case RN_QOPT_UNTIL:
		r = rn_query__set_until(q, arg, err, sizeof(err));
		break;
	case RN_QOPT_PATH:
		r = rn_query__add_path(q, arg, err, sizeof(err));
		break;
	case RN_QOPT_MIN_DURATION:
		r = rn_query__set_min_duration(q, arg, err, sizeof(err));
		break;
	default:
		return 1;
	}
	if (!r)
		return 0;
	if (r == -ENOMEM)
		rn_cli__error(cmd, NULL, "out of memory");
	else
		rn_cli__error(cmd, NULL, "%s", err[0] ? err : "invalid filter");
	return 2;
}

int rn_cli__getopt(struct rn_query *q, const char *cmd, int argc, char **argv,
		   const char *shortopts, const struct option *longopts)
{
	int c, r;

	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		r = query_opt(q, cmd, c, optarg);
		if (r == 1)
			return c;
		if (r)
			return RN_QOPT_FAILED;
	}
	return -1;
}

static bool want_block(void *ctx, const struct rn_query_block *b)
{
	return rn_query__may_match_block(ctx, b);
}

int rn_cli__read_query(const char *path, const struct rn_tr_sink *sink, struct rn_query *q,
		       struct rn_error *err)
{
	return rn_tracefile__read_where(path, sink, q && !rn_query__is_all(q) ? want_block : NULL,
					q, err);
}
