// SPDX-License-Identifier: MIT
/* /etc/renacer/renacerd.toml: a flat table of known keys; anything else is an error. */
#include <errno.h>
#include <stdio.h>
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
}

static const char *const levels[] = {"error", "warn", "info", "debug"};

enum key_kind { K_STRING, K_U64, K_U32, K_LEVEL };

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
};

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
	}
	snprintf(err, errlen, "%s:%u:%u: bad value for '%s' (%s)", path, rn_toml__line(v),
		 rn_toml__col(v), k->name,
		 k->kind == K_STRING		 ? "a string of reasonable length"
		 : k->kind == K_LEVEL		 ? "one of error, warn, info, debug"
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
		ret = set_key(&next, &keys[k], v, path, err, errlen);
	}
	rn_toml__free(root);
	if (!ret)
		*c = next;
	return ret;
}
