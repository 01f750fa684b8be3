// SPDX-License-Identifier: MIT
/*
 * Container ids from cgroup v2 paths, as the runtimes name their cgroups:
 *   docker      /docker/<id> (cgroupfs), /system.slice/docker-<id>.scope (systemd)
 *   containerd  /kubepods/burstable/pod<uid>/<id>,
 *               /kubepods.slice/.../kubepods-besteffort-pod<uid_>.slice/cri-containerd-<id>.scope,
 *               /<namespace>/<id> (containerd alone, nerdctl)
 *   cri-o       /kubepods.slice/.../crio-<id>.scope, /kubepods/.../pod<uid>/crio-<id>
 *   podman      /machine.slice/libpod-<id>.scope,
 * .../user@1000.service/user.slice/libpod-<id>.scope, /libpod_parent/libpod-<id> and otherwise the
 * innermost systemd unit (a .service or .scope).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "sysstats.h"

static bool all_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && !memcmp(s + n - k, suf, k);
}

static bool starts_with(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);

	return n >= k && !memcmp(s, pre, k);
}

static const struct {
	const char *prefix, *runtime;
} prefixes[] = {
    {"docker-", "docker"}, {"cri-containerd-", "containerd"}, {"crio-", "cri-o"},
    {"libpod-", "podman"}, {"nerdctl-", "containerd"},	      {"containerd-", "containerd"},
};

/* A component naming a container: "<prefix><64 hex>[.scope]" or 64 hex digits alone. */
static bool container_of(const char *c, size_t n, const char *parent, size_t pn,
			 struct rn_container *out)
{
	size_t i;

	if (ends_with(c, n, ".scope"))
		n -= 6;
	if (n == 64 && all_hex(c, n)) {
		/* bare ids: docker's and libpod's cgroupfs parents, kubelet's pods, containerd's
		 * namespaces */
		if (pn == 6 && !memcmp(parent, "docker", 6))
			snprintf(out->runtime, sizeof(out->runtime), "docker");
		else
			snprintf(out->runtime, sizeof(out->runtime), "containerd");
		snprintf(out->id, sizeof(out->id), "%.*s", (int)n, c);
		return true;
	}
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t k = strlen(prefixes[i].prefix);

		if (!starts_with(c, n, prefixes[i].prefix) || n - k != 64 || !all_hex(c + k, 64))
			continue;
		snprintf(out->runtime, sizeof(out->runtime), "%s", prefixes[i].runtime);
		snprintf(out->id, sizeof(out->id), "%.*s", 64, c + k);
		return true;
	}
	return false;
}

/* "pod<uid>" (cgroupfs) or "kubepods-<qos>-pod<uid with _>.slice" (systemd). */
static void pod_of(const char *c, size_t n, struct rn_container *out)
{
	const char *p = NULL;
	size_t k, i;

	if (ends_with(c, n, ".slice")) {
		n -= 6;
		for (i = n; i >= 4; i--)
			if (!memcmp(c + i - 4, "-pod", 4)) {
				p = c + i;
				break;
			}
	} else if (starts_with(c, n, "pod"))
		p = c + 3;
	if (!p)
		return;
	k = n - (size_t)(p - c);
	if (k != 36)
		return;
	for (i = 0; i < k; i++) {
		char ch = p[i] == '_' ? '-' : p[i];

		if (ch != '-' && !isxdigit((unsigned char)ch))
			return;
		out->pod_uid[i] = ch;
	}
	out->pod_uid[k] = 0;
}

void rn_container__parse(const char *path, struct rn_container *out)
{
	const char *comp[64];
	size_t len[64], n = 0, i;
	const char *s = path;
	bool kube = false;

	memset(out, 0, sizeof(*out));
	if (!path)
		return;
	while (*s && n < 64) {
		const char *e;

		while (*s == '/')
			s++;
		if (!*s)
			break;
		e = strchr(s, '/');
		if (!e)
			e = s + strlen(s);
		comp[n] = s;
		len[n++] = (size_t)(e - s);
		s = e;
	}
	for (i = 0; i < n; i++)
		if (starts_with(comp[i], len[i], "kubepods"))
			kube = true;
	/* the innermost container wins (a pod's containers sit under the pod) */
	for (i = n; i-- > 0;) {
		if (container_of(comp[i], len[i], i ? comp[i - 1] : "", i ? len[i - 1] : 0, out))
			break;
		if (!out->unit[0] && (ends_with(comp[i], len[i], ".service") ||
				      ends_with(comp[i], len[i], ".scope")))
			snprintf(out->unit, sizeof(out->unit), "%.*s", (int)len[i], comp[i]);
	}
	if (kube)
		for (i = 0; i < n && !out->pod_uid[0]; i++)
			pod_of(comp[i], len[i], out);
	if (out->id[0] && out->unit[0] && !ends_with(out->unit, strlen(out->unit), ".service"))
		out->unit[0] = 0; /* the runtime's own scope: the container says more */
}
