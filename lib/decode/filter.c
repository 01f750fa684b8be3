/* SPDX-License-Identifier: MIT */
/* strace's -e trace=/status=/signal= qualifiers, parsed once into bitmaps. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classes.h"
#include "errnames.h"
#include "filter.h"
#include "filter_int.h"
#include "systable.h"

#define TRACE_WORDS (RN_MAX_SYSCALLS / 64)
#define SIG_MAX	    255 /* strace accepts signal numbers up to 255 */
#define SET_WORDS   ((SIG_MAX + 1) / 64)
#define MAX_ERRNO   4095
#define FD_MAX	    1023 /* -e read=/write= descriptors */
#define FD_WORDS    ((FD_MAX + 1) / 64)

enum status_bit { ST_SUCCESSFUL, ST_FAILED, ST_UNFINISHED, ST_UNAVAILABLE, ST_DETACHED };

struct rn_filter {
	uint64_t trace[TRACE_WORDS];
	bool trace_not; /* membership of numbers past the bitmap, as strace's set->not */
	uint64_t status[SET_WORDS];
	uint64_t signals[SET_WORDS];
	uint64_t reads[FD_WORDS], writes[FD_WORDS]; /* -e read=, -e write=: fds to dump */
	uint64_t raw[TRACE_WORDS];		    /* -e raw=: syscalls printed undecoded */
	uint64_t abbrev[TRACE_WORDS];		    /* -e abbrev=: structs abbreviated */
	uint64_t verbose[TRACE_WORDS];		    /* -e verbose=: structs dereferenced */
	uint64_t quiet[1];			    /* -e quiet=: enum rn_quiet bits */
	bool quiet_set;				    /* -e quiet= was given */
};

enum qual_kind {
	Q_TRACE,
	Q_SIGNAL,
	Q_STATUS,
	Q_READ,
	Q_WRITE,
	Q_RAW,
	Q_ABBREV,
	Q_VERBOSE,
	Q_QUIET,
	Q_UNSUPPORTED
};

/* strace's qual_options: the first name followed by '=' wins; anything else is trace=. */
static const struct {
	const char *name;
	enum qual_kind kind;
} qualifiers[] = {
    {"trace", Q_TRACE},
    {"t", Q_TRACE},
    {"abbrev", Q_ABBREV},
    {"a", Q_ABBREV},
    {"verbose", Q_VERBOSE},
    {"v", Q_VERBOSE},
    {"raw", Q_RAW},
    {"x", Q_RAW},
    {"signal", Q_SIGNAL},
    {"signals", Q_SIGNAL},
    {"status", Q_STATUS},
    {"s", Q_SIGNAL},
    {"quiet", Q_QUIET},
    {"silent", Q_QUIET},
    {"silence", Q_QUIET},
    {"q", Q_QUIET},
    {"read", Q_READ},
    {"reads", Q_READ},
    {"r", Q_READ},
    {"write", Q_WRITE},
    {"writes", Q_WRITE},
    {"w", Q_WRITE},
    {"fault", Q_UNSUPPORTED},
    {"inject", Q_UNSUPPORTED},
    {"kvm", Q_UNSUPPORTED},
    {"decode-fd", Q_UNSUPPORTED},
    {"decode-fds", Q_UNSUPPORTED},
    {"decode-pid", Q_UNSUPPORTED},
    {"decode-pids", Q_UNSUPPORTED},
    {"secontext", Q_UNSUPPORTED},
};

/* strace 6.1's quiet= names; several name one message. */
static const struct {
	const char *name;
	enum rn_quiet bit;
} quiet_names[] = {
    {"attach", RN_QUIET_ATTACH},
    {"exit", RN_QUIET_EXIT},
    {"exits", RN_QUIET_EXIT},
    {"path-resolution", RN_QUIET_PATH_RESOLUTION},
    {"personality", RN_QUIET_PERSONALITY},
    {"thread-execve", RN_QUIET_THREAD_EXECVE},
    {"superseded", RN_QUIET_THREAD_EXECVE},
};

static const char *const status_names[] = {
    [ST_SUCCESSFUL] = "successful",   [ST_FAILED] = "failed",	  [ST_UNFINISHED] = "unfinished",
    [ST_UNAVAILABLE] = "unavailable", [ST_DETACHED] = "detached",
};

static void invert(uint64_t *set, size_t words)
{
	for (size_t i = 0; i < words; i++)
		set[i] = ~set[i];
}

struct rn_filter *rn_filter__new(void)
{
	struct rn_filter *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	memset(f->trace, 0xff, sizeof(f->trace));
	f->trace_not = true;
	memset(f->status, 0xff, sizeof(f->status));
	memset(f->signals, 0xff, sizeof(f->signals));
	memset(f->abbrev, 0xff, sizeof(f->abbrev));
	memset(f->verbose, 0xff, sizeof(f->verbose));
	return f;
}

void rn_filter__free(struct rn_filter *f)
{
	free(f);
}

/*
 * Calls fn(token) for each comma-separated token of s, skipping empty ones as strtok
 * does. Returns the number of tokens, or fn's first error.
 */
static int for_each_token(const char *s, int (*fn)(const char *tok, void *ctx), void *ctx)
{
	char *copy = strdup(s), *save = NULL;
	int n = 0, rc = 0;

	if (!copy)
		return -ENOMEM;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		rc = fn(tok, ctx);
		if (rc)
			break;
		n++;
	}
	free(copy);
	return rc ? rc : n;
}

struct parse_ctx {
	uint64_t *set;
	const char *what; /* "status", "signal" */
	int (*to_num)(const char *tok);
	char *err;
	size_t errlen;
};

static int syscall_token(const char *tok, void *ctx)
{
	struct parse_ctx *c = ctx;

	return rn_filter__qualify_syscall(tok, c->set, c->err, c->errlen);
}

static int number_token(const char *tok, void *ctx)
{
	struct parse_ctx *c = ctx;
	int nr = c->to_num(tok);

	if (nr < 0) {
		if (!strcmp(c->what, "status"))
			return rn_filter__fail(
			    c->err, c->errlen, -EINVAL,
			    "invalid status '%s' (expected successful, failed, unfinished, "
			    "unavailable or detached)",
			    tok);
		if (!strcmp(c->what, "quiet"))
			return rn_filter__fail(
			    c->err, c->errlen, -EINVAL,
			    "invalid quiet '%s' (expected attach, exit, path-resolution, "
			    "personality or thread-execve)",
			    tok);
		if (!strcmp(c->what, "descriptor"))
			return rn_filter__fail(
			    c->err, c->errlen, -EINVAL,
			    "invalid descriptor '%s' (expected a number from 0 to %d)", tok,
			    FD_MAX);
		return rn_filter__fail(
		    c->err, c->errlen, -EINVAL,
		    "invalid signal '%s' (expected a name such as SIGTERM or TERM, or a "
		    "number from 0 to %d)",
		    tok, SIG_MAX);
	}
	filter_bit_set(c->set, (unsigned)nr);
	return 0;
}

static int fd_to_num(const char *s)
{
	return (int)rn_filter__uint(s, FD_MAX);
}

static int quiet_to_num(const char *s)
{
	for (size_t i = 0; i < FILTER_LEN(quiet_names); i++)
		if (!strcasecmp(s, quiet_names[i].name))
			return __builtin_ctz(quiet_names[i].bit);
	return -1;
}

static int status_to_num(const char *s)
{
	for (size_t i = 0; i < FILTER_LEN(status_names); i++)
		if (!strcasecmp(s, status_names[i]))
			return (int)i;
	return -1;
}

/* strace's sigstr_to_uint(): a number up to 255 or a name with or without SIG, any case. */
static int signal_to_num(const char *s)
{
	char name[16] = "SIG";
	size_t i;
	int sig;

	if (*s >= '0' && *s <= '9')
		return (int)rn_filter__uint(s, SIG_MAX);
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 0; s[i] && 3 + i < sizeof(name) - 1; i++)
		name[3 + i] = (char)toupper((unsigned char)s[i]);
	if (s[i])
		return -1;
	name[3 + i] = '\0';
	sig = rn_signal__from_name(name);
	return sig < 0 ? -1 : sig;
}

/*
 * strace's qualify_tokens()/qualify_syscall_tokens(): each leading '!' inverts, "none"
 * and "all" stand alone, otherwise a comma-separated list that must not be empty.
 */
static int qualify_set(const char *str, uint64_t *set, size_t words, bool *inverted,
		       struct parse_ctx *c, int (*fn)(const char *, void *))
{
	const char *s = str;
	bool inv = false;
	int n;

	memset(set, 0, words * sizeof(*set));
	for (; *s == '!'; s++)
		inv = !inv;
	if (strcmp(s, "all") == 0) {
		inv = !inv;
	} else if (strcmp(s, "none") != 0) {
		n = for_each_token(s, fn, c);
		if (n < 0)
			return n;
		if (n == 0) {
			if (fn == syscall_token)
				return rn_filter__fail(
				    c->err, c->errlen, -EINVAL,
				    "invalid system call '%s' (give names, %%classes, "
				    "/regexes or numbers separated by commas, or all, none)",
				    str);
			return number_token(str, c);
		}
	}
	if (inv)
		invert(set, words);
	if (inverted)
		*inverted = inv;
	return 0;
}

int rn_filter__parse(struct rn_filter *f, const char *expr, char *err, size_t errlen)
{
	enum qual_kind kind = Q_TRACE;
	const char *val = expr;
	struct rn_filter tmp;
	struct parse_ctx c = {.err = err, .errlen = errlen};
	size_t len;
	int rc;

	if (!f || !expr)
		return rn_filter__fail(err, errlen, -EINVAL, "missing -e expression");
	for (size_t i = 0; i < FILTER_LEN(qualifiers); i++) {
		len = strlen(qualifiers[i].name);
		if (!strncmp(expr, qualifiers[i].name, len) && expr[len] == '=') {
			kind = qualifiers[i].kind;
			val = expr + len + 1;
			break;
		}
	}
	tmp = *f;
	switch (kind) {
	case Q_TRACE:
		c.set = tmp.trace;
		rc = qualify_set(val, tmp.trace, TRACE_WORDS, &tmp.trace_not, &c, syscall_token);
		break;
	case Q_STATUS:
		c.set = tmp.status;
		c.what = "status";
		c.to_num = status_to_num;
		rc = qualify_set(val, tmp.status, SET_WORDS, NULL, &c, number_token);
		break;
	case Q_SIGNAL:
		c.set = tmp.signals;
		c.what = "signal";
		c.to_num = signal_to_num;
		rc = qualify_set(val, tmp.signals, SET_WORDS, NULL, &c, number_token);
		break;
	case Q_READ:
	case Q_WRITE:
		c.set = kind == Q_READ ? tmp.reads : tmp.writes;
		c.what = "descriptor";
		c.to_num = fd_to_num;
		rc = qualify_set(val, c.set, FD_WORDS, NULL, &c, number_token);
		break;
	case Q_RAW:
	case Q_ABBREV:
	case Q_VERBOSE:
		c.set = kind == Q_RAW ? tmp.raw : kind == Q_ABBREV ? tmp.abbrev : tmp.verbose;
		rc = qualify_set(val, c.set, TRACE_WORDS, NULL, &c, syscall_token);
		break;
	case Q_QUIET:
		c.set = tmp.quiet;
		c.what = "quiet";
		c.to_num = quiet_to_num;
		rc = qualify_set(val, tmp.quiet, 1, NULL, &c, number_token);
		tmp.quiet[0] &= RN_QUIET__ALL;
		tmp.quiet_set = true;
		break;
	default:
		len = strcspn(expr, "=");
		return rn_filter__fail(
		    err, errlen, -EOPNOTSUPP,
		    "-e %.*s= is not supported by renacer (supported: trace=, status=, "
		    "signal=, read=, write=, raw=, abbrev=, verbose=, quiet=)",
		    (int)len, expr);
	}
	if (rc)
		return rc;
	*f = tmp;
	return 0;
}

bool rn_filter__traced(const struct rn_filter *f, int nr)
{
	if (nr < 0 || nr >= RN_MAX_SYSCALLS)
		return f->trace_not;
	return filter_bit_test(f->trace, (unsigned)nr);
}

bool rn_filter__status_ok(const struct rn_filter *f, long ret, bool noreturn)
{
	enum status_bit st = ST_SUCCESSFUL;

	if (noreturn)
		st = ST_UNFINISHED;
	else if (ret < 0 && ret >= -MAX_ERRNO)
		st = ST_FAILED;
	return filter_bit_test(f->status, st);
}

bool rn_filter__status_all(const struct rn_filter *f)
{
	for (unsigned st = ST_SUCCESSFUL; st <= ST_DETACHED; st++)
		if (!filter_bit_test(f->status, st))
			return false;
	return true;
}

bool rn_filter__dump_read(const struct rn_filter *f, int64_t fd)
{
	return fd >= 0 && fd <= FD_MAX && filter_bit_test(f->reads, (unsigned)fd);
}

bool rn_filter__dump_write(const struct rn_filter *f, int64_t fd)
{
	return fd >= 0 && fd <= FD_MAX && filter_bit_test(f->writes, (unsigned)fd);
}

bool rn_filter__dumps(const struct rn_filter *f)
{
	for (unsigned i = 0; i < FD_WORDS; i++)
		if (f->reads[i] | f->writes[i])
			return true;
	return false;
}

const uint64_t *rn_filter__raw(const struct rn_filter *f)
{
	for (unsigned i = 0; i < TRACE_WORDS; i++)
		if (f->raw[i])
			return f->raw;
	return NULL;
}

bool rn_filter__abbrev(const struct rn_filter *f, int nr)
{
	return nr < 0 || nr >= RN_MAX_SYSCALLS || filter_bit_test(f->abbrev, (unsigned)nr);
}

bool rn_filter__verbose(const struct rn_filter *f, int nr)
{
	return nr < 0 || nr >= RN_MAX_SYSCALLS || filter_bit_test(f->verbose, (unsigned)nr);
}

const uint64_t *rn_filter__abbrev_set(const struct rn_filter *f)
{
	for (unsigned i = 0; i < TRACE_WORDS; i++)
		if (~f->abbrev[i])
			return f->abbrev;
	return NULL;
}

const uint64_t *rn_filter__verbose_set(const struct rn_filter *f)
{
	for (unsigned i = 0; i < TRACE_WORDS; i++)
		if (~f->verbose[i])
			return f->verbose;
	return NULL;
}

unsigned rn_filter__quiet(const struct rn_filter *f, bool *given)
{
	if (given)
		*given = f->quiet_set;
	return (unsigned)f->quiet[0];
}

bool rn_filter__signal_traced(const struct rn_filter *f, int sig)
{
	if (sig < 0 || sig > SIG_MAX)
		return false;
	return filter_bit_test(f->signals, (unsigned)sig);
}

void rn_filter__bitmap(const struct rn_filter *f, uint64_t bits[RN_MAX_SYSCALLS / 64])
{
	memcpy(bits, f->trace, sizeof(f->trace));
}
