// SPDX-License-Identifier: MIT
/*
 * /etc/renacer/renacerd.toml: a flat table of known keys, the otlp_headers array and
 * [[watch]] tables; anything else is an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "toml.h"

void config__defaults(struct rnd_config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->socket, sizeof(c->socket), "%s", RENACER_DEFAULT_SOCKET);
	snprintf(c->group, sizeof(c->group), "renacer");
	c->ring_bytes = RN_RING_DEFAULT;
	c->snaplen = RN_CAPTURE_DEFAULT;
	c->max_sessions = 256;
	c->max_connections = 1024;
	c->max_connections_per_uid = 64;
	c->max_sessions_per_uid = 64;
	c->max_queued_bytes = 16u << 20;
	c->max_queued_bytes_per_uid = 64u << 20;
	c->frame_timeout = 10;
	c->log_level = RN_LOG_INFO;
	system__config_defaults(&c->sys);
	snprintf(c->spool_dir, sizeof(c->spool_dir), "%s", RND_SPOOL_DEFAULT);
	c->spool_max_bytes = 1ULL << 30;
	c->spool_max_age = 7 * 86400;
}

static const char *const levels[] = {"error", "warn", "info", "debug"};

enum key_kind { K_STRING, K_U64, K_U32, K_LEVEL, K_AGE };

static const struct key {
	const char *name;
	enum key_kind kind;
	size_t off, size;
	uint64_t min, max;
} keys[] = {
    {"socket", K_STRING, offsetof(struct rnd_config, socket),
     sizeof(((struct rnd_config *)0)->socket), 0, 0},
    {"group", K_STRING, offsetof(struct rnd_config, group), sizeof(((struct rnd_config *)0)->group),
     0, 0},
    {"ring_size", K_U64, offsetof(struct rnd_config, ring_bytes), 0, 4096, 1ULL << 32},
    {"snaplen", K_U32, offsetof(struct rnd_config, snaplen), 0, 1, RN_CAPTURE_MAX},
    {"max_sessions", K_U32, offsetof(struct rnd_config, max_sessions), 0, 1, 65536},
    {"max_connections", K_U32, offsetof(struct rnd_config, max_connections), 0, 1, 1u << 20},
    {"max_connections_per_uid", K_U32, offsetof(struct rnd_config, max_connections_per_uid), 0, 1,
     1u << 20},
    {"max_sessions_per_uid", K_U32, offsetof(struct rnd_config, max_sessions_per_uid), 0, 1, 65536},
    {"max_queued_bytes", K_U64, offsetof(struct rnd_config, max_queued_bytes), 0, 65536,
     1ULL << 32},
    {"max_queued_bytes_per_uid", K_U64, offsetof(struct rnd_config, max_queued_bytes_per_uid), 0,
     65536, 1ULL << 36},
    {"frame_timeout", K_U32, offsetof(struct rnd_config, frame_timeout), 0, 1, 3600},
    {"log_level", K_LEVEL, offsetof(struct rnd_config, log_level), 0, 0, 0},
    /* not flat: system.c reads them (renacerd --system-wide) */
    {"system_wide", K_STRING, 0, 0, 0, 0},
    {"system", K_STRING, 0, 0, 0, 0},
    {"otlp_endpoint", K_STRING, offsetof(struct rnd_config, otlp_endpoint),
     sizeof(((struct rnd_config *)0)->otlp_endpoint), 0, 0},
    {"otlp_spans", K_STRING, offsetof(struct rnd_config, otlp_spans),
     sizeof(((struct rnd_config *)0)->otlp_spans), 0, 0},
    {"assertions", K_STRING, offsetof(struct rnd_config, assertions),
     sizeof(((struct rnd_config *)0)->assertions), 0, 0},
    {"spool_dir", K_STRING, offsetof(struct rnd_config, spool_dir),
     sizeof(((struct rnd_config *)0)->spool_dir), 0, 0},
    {"spool_max_bytes", K_U64, offsetof(struct rnd_config, spool_max_bytes), 0, 0, 1ULL << 50},
    {"spool_max_age", K_AGE, offsetof(struct rnd_config, spool_max_age), 0, 0, 0},
    /* not flat: set_headers and set_watches */
    {"otlp_headers", K_STRING, 0, 0, 0, 0},
    {"watch", K_STRING, 0, 0, 0, 0},
};

/* "30", "30s", "15m", "12h", "7d": seconds; 0 or -EINVAL. */
static int parse_age(const struct rn_toml *v, uint64_t *out)
{
	const char *s = rn_toml__string(v);
	int64_t n;
	char *end;
	unsigned long long x;

	if (!rn_toml__int(v, &n)) {
		if (n < 0)
			return -EINVAL;
		*out = (uint64_t)n;
		return 0;
	}
	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	x = strtoull(s, &end, 10);
	if (errno || x > (1ULL << 40))
		return -EINVAL;
	if (!*end || !strcmp(end, "s"))
		*out = x;
	else if (!strcmp(end, "m"))
		*out = x * 60;
	else if (!strcmp(end, "h"))
		*out = x * 3600;
	else if (!strcmp(end, "d"))
		*out = x * 86400;
	else
		return -EINVAL;
	return 0;
}

/* otlp_headers = ["key=value", ...], as renacerctl's --otlp-header. */
static int set_headers(struct rnd_config *c, const struct rn_toml *v, const char *path, char *err,
		       size_t errlen)
{
	size_t i, n = rn_toml__len(v);

	if (rn_toml__type(v) != RN_TOML_ARRAY || n > RND_MAX_OTLP_HEADERS) {
		snprintf(err, errlen,
			 "%s:%u:%u: bad value for 'otlp_headers' (an array of at most %d "
			 "\"key=value\" strings)",
			 path, rn_toml__line(v), rn_toml__col(v), RND_MAX_OTLP_HEADERS);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		const struct rn_toml *h = rn_toml__at(v, i);
		const char *s = rn_toml__string(h);

		if (!s || !strchr(s, '=') || s[0] == '=' ||
		    strlen(s) >= sizeof(c->otlp_headers[0])) {
			snprintf(err, errlen,
				 "%s:%u:%u: bad header in 'otlp_headers' (\"key=value\", e.g. "
				 "\"authorization=Bearer TOKEN\")",
				 path, rn_toml__line(h), rn_toml__col(h));
			return -EINVAL;
		}
		snprintf(c->otlp_headers[i], sizeof(c->otlp_headers[i]), "%s", s);
	}
	c->notlp_headers = (uint32_t)n;
	return 0;
}

/* [[watch]] tables: exactly one of cgroup = "GLOB" and unit = "NAME". */
static int set_watches(struct rnd_config *c, const struct rn_toml *v, const char *path, char *err,
		       size_t errlen)
{
	size_t i, k, n = rn_toml__len(v);

	if (rn_toml__type(v) != RN_TOML_ARRAY || n > RND_MAX_WATCHES) {
		snprintf(err, errlen, "%s:%u:%u: 'watch' must be [[watch]] tables (at most %d)",
			 path, rn_toml__line(v), rn_toml__col(v), RND_MAX_WATCHES);
		return -EINVAL;
	}
	c->nwatches = 0;
	for (i = 0; i < n; i++) {
		const struct rn_toml *t = rn_toml__at(v, i);
		struct rnd_watch *w = &c->watches[i];

		memset(w, 0, sizeof(*w));
		w->line = rn_toml__line(t);
		if (rn_toml__type(t) != RN_TOML_TABLE) {
			snprintf(err, errlen, "%s:%u:%u: 'watch' must be [[watch]] tables", path,
				 rn_toml__line(t), rn_toml__col(t));
			return -EINVAL;
		}
		for (k = 0; k < rn_toml__len(t); k++) {
			const char *key = rn_toml__key_at(t, k);
			const struct rn_toml *kv = rn_toml__value_at(t, k);
			const char *s = rn_toml__string(kv);
			bool cg = !strcmp(key, "cgroup");
			char *dst = cg ? w->cgroup : w->unit;
			size_t size = cg ? sizeof(w->cgroup) : sizeof(w->unit);

			if (!cg && strcmp(key, "unit")) {
				snprintf(err, errlen,
					 "%s:%u:%u: unknown key '%s' in [[watch]] (known: cgroup, "
					 "unit)",
					 path, rn_toml__line(kv), rn_toml__col(kv), key);
				return -EINVAL;
			}
			if (!s || !*s || strlen(s) >= size || strstr(s, "..") ||
			    (!cg && strchr(s, '/'))) {
				snprintf(
				    err, errlen, "%s:%u:%u: bad value for '%s' (%s)", path,
				    rn_toml__line(kv), rn_toml__col(kv), key,
				    cg ? "a glob of a cgroup path under /sys/fs/cgroup, e.g. "
					 "\"system.slice/actions.runner.*\""
				       : "a systemd unit name, e.g. \"gitlab-runner.service\"");
				return -EINVAL;
			}
			snprintf(dst, size, "%s", s[0] == '/' && cg ? s + 1 : s);
		}
		if (!w->cgroup[0] == !w->unit[0]) {
			snprintf(err, errlen,
				 "%s:%u:%u: a [[watch]] needs one of cgroup = \"GLOB\" or unit = "
				 "\"NAME.service\", not %s",
				 path, rn_toml__line(t), rn_toml__col(t),
				 w->cgroup[0] ? "both" : "neither");
			return -EINVAL;
		}
	}
	c->nwatches = (uint32_t)n;
	return 0;
}

static int set_key(struct rnd_config *c, const struct key *k, const struct rn_toml *v,
		   const char *path, char *err, size_t errlen)
{
	const char *s = rn_toml__string(v);
	int64_t n;
	size_t i;

	switch (k->kind) {
	case K_STRING:
		if (!s || strlen(s) >= k->size)
			break;
		snprintf((char *)c + k->off, k->size, "%s", s);
		return 0;
	case K_U64:
	case K_U32:
		if (rn_toml__int(v, &n) || n < (int64_t)k->min || (uint64_t)n > k->max)
			break;
		if (k->kind == K_U64)
			*(uint64_t *)((char *)c + k->off) = (uint64_t)n;
		else
			*(uint32_t *)((char *)c + k->off) = (uint32_t)n;
		if (!strcmp(k->name, "ring_size") && (n & (n - 1)))
			break;
		return 0;
	case K_LEVEL:
		for (i = 0; s && i < sizeof(levels) / sizeof(levels[0]); i++)
			if (!strcmp(s, levels[i])) {
				*(int *)((char *)c + k->off) = (int)i;
				return 0;
			}
		break;
	case K_AGE:
		if (parse_age(v, (uint64_t *)((char *)c + k->off)))
			break;
		return 0;
	}
	snprintf(err, errlen, "%s:%u:%u: bad value for '%s' (%s)", path, rn_toml__line(v),
		 rn_toml__col(v), k->name,
		 k->kind == K_STRING		 ? "a string of reasonable length"
		 : k->kind == K_LEVEL		 ? "one of error, warn, info, debug"
		 : k->kind == K_AGE		 ? "seconds, or a string such as \"12h\" or \"7d\""
		 : !strcmp(k->name, "ring_size") ? "a power of two of at least 4096"
						 : "an integer in range");
	return -EINVAL;
}

int config__load(struct rnd_config *c, const char *path, bool required, char *err, size_t errlen)
{
	struct rn_toml *root;
	struct rn_error terr;
	struct rnd_config next = *c;
	size_t i, k;
	int ret = 0;
	FILE *probe = fopen(path, "re");

	if (!probe) {
		if (errno == ENOENT && !required)
			return 0;
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -errno;
	}
	fclose(probe);
	root = rn_toml__parse_file(path, &terr);
	snprintf(err, errlen, "%s", terr.msg); /* "" on success, as the parser leaves it */
	if (!root)
		return -EINVAL;
	for (i = 0; i < rn_toml__len(root) && !ret; i++) {
		const char *name = rn_toml__key_at(root, i);
		const struct rn_toml *v = rn_toml__value_at(root, i);

		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (!strcmp(keys[k].name, name))
				break;
		if (k == sizeof(keys) / sizeof(keys[0])) {
			char known[512] = "";
			size_t off = 0;

			for (k = 0; k < sizeof(keys) / sizeof(keys[0]) && off < sizeof(known); k++)
				off += (size_t)snprintf(known + off, sizeof(known) - off, "%s%s",
							k ? ", " : "", keys[k].name);
			snprintf(err, errlen, "%s:%u:%u: unknown key '%s' (known: %s)", path,
				 rn_toml__line(v), rn_toml__col(v), name, known);
			ret = -EINVAL;
			break;
		}
		if (!strcmp(name, "otlp_headers"))
			ret = set_headers(&next, v, path, err, errlen);
		else if (!strcmp(name, "watch"))
			ret = set_watches(&next, v, path, err, errlen);
		else
			ret = !strcmp(name, "system_wide") || !strcmp(name, "system")
				  ? system__config(&next.sys, name, v, path, err, errlen)
				  : set_key(&next, &keys[k], v, path, err, errlen);
	}
	rn_toml__free(root);
	if (!ret)
		*c = next;
	return ret;
}
