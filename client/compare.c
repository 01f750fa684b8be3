// SPDX-License-Identifier: MIT
/*
 * renacerctl compare A B: do two recorded runs behave the same to the outside world
 * (docs/compare.md)? renacerctl verify --golden FILE -- CMD: trace CMD now and compare it
 * with the stored golden trace (--update writes it). Exit 0 equivalent, 1 divergent, 2
 * could not decide (inconclusive, or an input error).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "compare.h"
#include "effects.h"
#include "report.h"
#include "toml.h"
#include "tracefile.h"
#include "watch.h"

#define MAX_LIST 64

enum {
	OPT_FORMAT = 256,
	OPT_IGNORE,
	OPT_NO_DEFAULT,
	OPT_MAP,
	OPT_SLOWDOWN,
	OPT_GOLDEN,
	OPT_UPDATE,
	OPT_CONFIG,
};

struct cmp_args {
	bool json;
	const char *ignore[MAX_LIST];
	size_t nignore;
	bool no_default_ignores;
	const char *map_old[MAX_LIST], *map_new[MAX_LIST];
	size_t nmap;
	double max_slowdown;
	const char *golden;
	bool update;
	const char *config; /* --config, else ./renacer.toml when there is one */
	struct rn_toml *toml;
};

static const struct option longopts[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"ignore", required_argument, NULL, OPT_IGNORE},
    {"no-default-ignores", no_argument, NULL, OPT_NO_DEFAULT},
    {"map", required_argument, NULL, OPT_MAP},
    {"max-slowdown", required_argument, NULL, OPT_SLOWDOWN},
    {"golden", required_argument, NULL, OPT_GOLDEN},
    {"update", no_argument, NULL, OPT_UPDATE},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const char options_help[] =
    "  --format json         the report as JSON on standard output\n"
    "  --ignore GLOB         leave paths matching GLOB out of files, dirs and reads\n"
    "                        (fnmatch, `*` crosses `/`; repeatable)\n"
    "  --no-default-ignores  compare the runtime's own files too (loader, libraries,\n"
    "                        locale, the interpreter's library and caches, /proc, ...)\n"
    "  --map OLD=NEW         the second run's paths under NEW are the first's under OLD\n"
    "  --max-slowdown X      FAIL when the second run's wall time exceeds X times the\n"
    "                        first's (else performance is never part of the verdict)\n"
    "  --config FILE         the [compare] table of FILE (default ./renacer.toml when\n"
    "                        there is one): ignore, default_ignores, map, max_slowdown\n";

static int usage(const char *cmd)
{
	if (!strcmp(cmd, "verify"))
		printf(
		    "Usage: renacerctl verify --golden FILE [--update] [OPTIONS] -- CMD [ARGS]\n\n"
		    "Trace CMD now (renacerctl trace -f --capture-data) and compare what it did\n"
		    "with the golden trace FILE; --update (re)writes FILE from this run instead.\n"
		    "The traced command's output comes first, then the report.\n\n");
	else
		printf(
		    "Usage: renacerctl compare [OPTIONS] FIRST SECOND\n\n"
		    "Compare the observable behaviour of two runs recorded with `renacerctl\n"
		    "trace -f --capture-data -o FILE`: stdout and stderr bytes, exit status, "
		    "files\n"
		    "and directories changed, user files read, programs started, signals sent and\n"
		    "network endpoints. One line per category (PASS, FAIL, INCONCLUSIVE), the\n"
		    "first divergence of each failure, and a performance comparison.\n\n");
	printf("%s\nExit status: 0 equivalent, 1 divergent, 2 could not decide (inconclusive,\n"
	       "or an input error). See docs/compare.md.\n",
	       options_help);
	return 0;
}

static int parse(const char *cmd, int argc, char **argv, struct cmp_args *a)
{
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (!strcmp(optarg, "json")) {
				a->json = true;
				rn_cli__set_json(cmd);
			} else if (strcmp(optarg, "text")) {
				return rn_cli__usage_error(
				    cmd, "unknown --format '%s' (text or json)", optarg);
			}
			break;
		case OPT_IGNORE:
			if (a->nignore == MAX_LIST)
				return rn_cli__usage_error(cmd, "more than %d --ignore", MAX_LIST);
			a->ignore[a->nignore++] = optarg;
			break;
		case OPT_NO_DEFAULT:
			a->no_default_ignores = true;
			break;
		case OPT_MAP: {
			char *eq = strchr(optarg, '=');

			if (!eq || eq == optarg || !eq[1])
				return rn_cli__usage_error(cmd, "--map '%s': give OLD=NEW", optarg);
			if (a->nmap == MAX_LIST)
				return rn_cli__usage_error(cmd, "more than %d --map", MAX_LIST);
			*eq = '\0';
			a->map_old[a->nmap] = optarg;
			a->map_new[a->nmap++] = eq + 1;
			break;
		}
		case OPT_SLOWDOWN: {
			char *end;

			a->max_slowdown = strtod(optarg, &end);
			if (*end || !(a->max_slowdown > 0))
				return rn_cli__usage_error(
				    cmd, "--max-slowdown '%s': give a positive factor (1.5)",
				    optarg);
			break;
		}
		case OPT_GOLDEN:
			if (strcmp(cmd, "verify"))
				return rn_cli__usage_error(cmd, "--golden belongs to verify");
			a->golden = optarg;
			break;
		case OPT_UPDATE:
			if (strcmp(cmd, "verify"))
				return rn_cli__usage_error(cmd, "--update belongs to verify");
			a->update = true;
			break;
		case OPT_CONFIG:
			a->config = optarg;
			break;
		case 'h':
			usage(cmd);
			return 1;
		default:
			return rn_cli__usage_error(cmd, "unknown option");
		}
	}
	return 0;
}

__attribute__((format(printf, 4, 5))) static int
config_error(const char *cmd, const char *file, const struct rn_toml *at, const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rn_cli__error(cmd, "see docs/compare.md for the [compare] keys", "%s:%u:%u: %s", file,
		      rn_toml__line(at), rn_toml__col(at), msg);
	return -EINVAL;
}

static int add_glob(const char *cmd, const char *file, const struct rn_toml *v, struct cmp_args *a)
{
	if (rn_toml__type(v) != RN_TOML_STRING)
		return config_error(cmd, file, v, "an ignore pattern must be a string");
	if (a->nignore == MAX_LIST)
		return config_error(cmd, file, v, "more than %d ignore patterns", MAX_LIST);
	a->ignore[a->nignore++] = rn_toml__string(v);
	return 0;
}

/*
 * The [compare] table: ignore = ["GLOB", ...], default_ignores = false, map = { "OLD" = "NEW" },
 * max_slowdown = 1.5. The command line adds to it (and its --max-slowdown wins).
 */
static int read_config(const char *cmd, struct cmp_args *a)
{
	const char *file = a->config ? a->config : "renacer.toml";
	const struct rn_toml *t;
	struct rn_error err = {{0}};

	if (!a->config && access(file, R_OK))
		return 0;
	if (!(a->toml = rn_toml__parse_file(file, &err))) {
		rn_cli__error(cmd, a->config ? "check the path" : "fix it, or pass --config FILE",
			      "%s", err.msg);
		return -EINVAL;
	}
	t = rn_toml__get(a->toml, "compare");
	if (!t)
		return 0;
	if (rn_toml__type(t) != RN_TOML_TABLE)
		return config_error(cmd, file, t, "'compare' must be a table ([compare])");
	for (size_t i = 0; i < rn_toml__len(t); i++) {
		const char *key = rn_toml__key_at(t, i);
		const struct rn_toml *v = rn_toml__value_at(t, i);
		bool b;

		if (!strcmp(key, "ignore")) {
			if (rn_toml__type(v) != RN_TOML_ARRAY)
				return config_error(cmd, file, v,
						    "'ignore' must be an array of globs");
			for (size_t j = 0; j < rn_toml__len(v); j++)
				if (add_glob(cmd, file, rn_toml__at(v, j), a))
					return -EINVAL;
		} else if (!strcmp(key, "default_ignores")) {
			if (rn_toml__bool(v, &b))
				return config_error(cmd, file, v,
						    "'default_ignores' must be true or false");
			if (!b)
				a->no_default_ignores = true;
		} else if (!strcmp(key, "map")) {
			if (rn_toml__type(v) != RN_TOML_TABLE)
				return config_error(
				    cmd, file, v,
				    "'map' must be a table: map = { \"OLD\" = \"NEW\" }");
			for (size_t j = 0; j < rn_toml__len(v); j++) {
				const struct rn_toml *n = rn_toml__value_at(v, j);

				if (rn_toml__type(n) != RN_TOML_STRING)
					return config_error(cmd, file, n,
							    "a map's NEW must be a string");
				if (a->nmap == MAX_LIST)
					return config_error(cmd, file, n, "more than %d maps",
							    MAX_LIST);
				a->map_old[a->nmap] = rn_toml__key_at(v, j);
				a->map_new[a->nmap++] = rn_toml__string(n);
			}
		} else if (!strcmp(key, "max_slowdown")) {
			double d = 0;
			int64_t k;

			if (rn_toml__type(v) == RN_TOML_INT && !rn_toml__int(v, &k))
				d = (double)k;
			else if (rn_toml__float(v, &d))
				d = 0;
			if (!(d > 0))
				return config_error(cmd, file, v,
						    "'max_slowdown' must be a positive factor");
			if (!a->max_slowdown)
				a->max_slowdown = d;
		} else {
			return config_error(
			    cmd, file, v,
			    "unknown key '%s' (known: ignore, default_ignores, map, "
			    "max_slowdown)",
			    key);
		}
	}
	return 0;
}

/* Reads path into a new effects model; the second run gets the --map rewriting. */
static int load(const char *cmd, const char *path, const struct cmp_args *a, bool second,
		struct rn_effects **out)
{
	struct rn_fx_opts o = {
	    .ignore = a->ignore,
	    .nignore = a->nignore,
	    .no_default_ignores = a->no_default_ignores,
	    .map_from = second ? a->map_new : NULL,
	    .map_to = second ? a->map_old : NULL,
	    .nmap = second ? a->nmap : 0,
	};
	struct rn_error err = {{0}};
	struct rn_tr_sink inner, ws;
	struct rn_watch w;
	int ret;

	if (rn_effects__new(out, &o)) {
		rn_cli__error(cmd, NULL, "out of memory");
		return -ENOMEM;
	}
	rn_effects__sink(*out, &inner);
	rn_watch__init(&w, &inner, &ws);
	ret = rn_tracefile__read(path, &ws, &err);
	if (ret && !w.header) {
		rn_cli__error(cmd,
			      "record it with `renacerctl trace -f --capture-data -o FILE -- CMD`",
			      "%s", err.msg[0] ? err.msg : strerror(-ret));
	} else if (w.sink_err) {
		rn_cli__error(cmd, NULL, "cannot compare %s: %s", path, strerror(-w.sink_err));
		ret = w.sink_err;
	} else {
		if (ret)
			rn_cli__warning(cmd, NULL, "%s", err.msg[0] ? err.msg : strerror(-ret));
		ret = 0;
		if (!w.finished)
			rn_watch__finish_cut(&w);
		if (!rn_effects__done(*out))
			ret = rn_effects__end(*out);
		rn_watch__say_losses(cmd, path, &w);
	}
	rn_watch__release(&w);
	return ret;
}

static int compare_files(const char *cmd, const char *first, const char *second,
			 const struct cmp_args *a)
{
	struct rn_effects *fa = NULL, *fb = NULL;
	struct rn_cmp_opts co = {.max_slowdown = a->max_slowdown};
	struct rn_cmp_result *r = calloc(1, sizeof(*r));
	int ret = 2;

	if (!r) {
		rn_cli__error(cmd, NULL, "out of memory");
		return 2;
	}
	if (load(cmd, first, a, false, &fa) || load(cmd, second, a, true, &fb))
		goto out;
	rn_compare(rn_effects__model(fa), rn_effects__model(fb), &co, r);
	fflush(stdout);
	if (a->json ? rn_cmp_report__json(r, first, second, stdout)
		    : rn_cmp_report__text(r, first, second, stdout))
		goto out; /* stdout's error is reported by main */
	ret = rn_cmp__status(r);
out:
	rn_effects__free(fa);
	rn_effects__free(fb);
	free(r);
	return ret;
}

int do_compare(int argc, char **argv)
{
	struct cmp_args a = {0};
	int ret = parse("compare", argc, argv, &a);

	if (ret)
		return ret == 1 ? 0 : 2;
	if (optind != argc - 2)
		return rn_cli__usage_error("compare", "give two trace files, FIRST and SECOND");
	if (read_config("compare", &a)) {
		rn_toml__free(a.toml);
		return 2;
	}
	ret = compare_files("compare", argv[optind], argv[optind + 1], &a);
	rn_toml__free(a.toml);
	return ret;
}

/* FILE.ext -> FILE.new-PID.ext: the same format, beside it, so --update is a rename. */
static char *temp_beside(const char *golden)
{
	const char *slash = strrchr(golden, '/');
	const char *dot = strrchr(slash ? slash : golden, '.');
	size_t base = dot ? (size_t)(dot - golden) : strlen(golden);
	char *p = NULL;

	if (asprintf(&p, "%.*s.new-%d%s", (int)base, golden, (int)getpid(), dot ? dot : ".rnt") < 0)
		return NULL;
	return p;
}

int do_verify(int argc, char **argv)
{
	struct cmp_args a = {0};
	char **targv = NULL;
	char *tmp = NULL;
	const char *cmd;
	struct stat st;
	int ret = parse("verify", argc, argv, &a), n = 0, status;

	if (ret)
		return ret == 1 ? 0 : 2;
	if (!a.golden)
		return rn_cli__usage_error("verify", "give --golden FILE");
	if (optind >= argc)
		return rn_cli__usage_error("verify", "give the command to run after --");
	if (read_config("verify", &a)) {
		rn_toml__free(a.toml);
		return 2;
	}
	if (!a.update && stat(a.golden, &st)) {
		rn_cli__error("verify", "run once with --update to record it",
			      "cannot read the golden trace %s: %s", a.golden, strerror(errno));
		ret = 2;
		goto out;
	}
	if (!(tmp = temp_beside(a.golden)) ||
	    !(targv = calloc((size_t)(argc - optind) + 8, sizeof(*targv)))) {
		rn_cli__error("verify", NULL, "out of memory");
		ret = 2;
		goto out;
	}
	targv[n++] = "trace";
	targv[n++] = "-f";
	targv[n++] = "--capture-data";
	targv[n++] = "-o";
	targv[n++] = tmp;
	targv[n++] = "--";
	for (int i = optind; i < argc; i++)
		targv[n++] = argv[i];
	cmd = argv[optind]; /* do_trace's getopt moves optind */
	status = do_trace(n, targv);
	fflush(stdout);
	if (stat(tmp, &st) || !st.st_size) {
		rn_cli__error("verify", NULL, "the run of %s left no trace (tracer status %d)", cmd,
			      status);
		ret = 2;
		goto out;
	}
	if (a.update) {
		if (rename(tmp, a.golden)) {
			rn_cli__error("verify", "check the directory's permissions",
				      "cannot write %s: %s", a.golden, strerror(errno));
			ret = 2;
			goto out;
		}
		rn_cli__info("verify", "wrote the golden trace %s (the command exited with %d)",
			     a.golden, status);
		ret = 0;
		goto out;
	}
	ret = compare_files("verify", a.golden, tmp, &a);
	if (ret == 0) {
		unlink(tmp);
	} else {
		rn_cli__note("verify", "this run's trace is kept in %s (compare it, or --update)",
			     tmp);
	}
out:
	if (ret == 2 && tmp)
		unlink(tmp);
	rn_toml__free(a.toml);
	free(targv);
	free(tmp);
	return ret;
}
