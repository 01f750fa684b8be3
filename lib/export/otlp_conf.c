// SPDX-License-Identifier: MIT
/* OTLP endpoint, headers, timeout and resource from the command line and OTEL_* variables. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "otlp_conf.h"

int rn_otlp_endpoint__parse(const char *url, char *target, size_t tlen, bool *tls, char *err,
			    size_t errlen)
{
	const char *host, *end, *port = NULL, *path;
	size_t hlen;
	long pn = RN_OTLP_DEFAULT_PORT;

	if (!strncmp(url, "http://", 7)) {
		*tls = false;
		host = url + 7;
	} else if (!strncmp(url, "https://", 8)) {
		*tls = true;
		host = url + 8;
	} else {
		snprintf(err, errlen,
			 "bad OTLP endpoint '%s': it needs a scheme (http://HOST:4317 for "
			 "plaintext, https://HOST:4317 for TLS)",
			 url);
		return -EINVAL;
	}
	path = strchr(host, '/');
	end = path ? path : host + strlen(host);
	if (path && strcmp(path, "/")) {
		snprintf(err, errlen,
			 "bad OTLP endpoint '%s': OTLP over gRPC takes no path (drop '%s'; "
			 "renacer sends to TraceService/Export)",
			 url, path);
		return -EINVAL;
	}
	if (*host == '[') { /* [v6 address] */
		const char *close = memchr(host, ']', (size_t)(end - host));

		if (!close || close == host + 1) {
			snprintf(err, errlen, "bad OTLP endpoint '%s': unclosed '[' in the address",
				 url);
			return -EINVAL;
		}
		hlen = (size_t)(close + 1 - host);
		if (close + 1 < end) {
			if (close[1] != ':')
				goto bad_host;
			port = close + 2;
		}
	} else {
		const char *colon = memchr(host, ':', (size_t)(end - host));

		hlen = (size_t)((colon ? colon : end) - host);
		if (colon)
			port = colon + 1;
		for (size_t i = 0; i < hlen; i++)
			if (!isalnum((unsigned char)host[i]) && host[i] != '.' && host[i] != '-' &&
			    host[i] != '_')
				goto bad_host;
	}
	if (!hlen)
		goto bad_host;
	if (port) {
		char *pend;

		errno = 0;
		pn = strtol(port, &pend, 10);
		if (port == end || pend != end || errno || pn < 1 || pn > 65535) {
			snprintf(err, errlen,
				 "bad OTLP endpoint '%s': the port must be a number from 1 to "
				 "65535",
				 url);
			return -EINVAL;
		}
	}
	if (hlen + 8 > tlen) {
		snprintf(err, errlen, "bad OTLP endpoint '%s': the host name is too long", url);
		return -EINVAL;
	}
	snprintf(target, tlen, "%.*s:%ld", (int)hlen, host, pn);
	return 0;
bad_host:
	snprintf(err, errlen,
		 "bad OTLP endpoint '%s': no valid host (write http://HOST[:PORT], the host a "
		 "name, an IPv4 address or an [IPv6] address)",
		 url);
	return -EINVAL;
}

static char *keep(struct rn_otlp_conf *c, const char *s, size_t n)
{
	char *p;

	if (c->used + n + 1 > sizeof(c->strings))
		return NULL;
	p = c->strings + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

static int hexdig(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (char)tolower((unsigned char)ch);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Percent-decodes s[0..n) in place in c's strings (W3C baggage octets); NULL when malformed. */
static char *decode(struct rn_otlp_conf *c, const char *s, size_t n)
{
	char *p = keep(c, s, n), *w;
	size_t i;

	if (!p)
		return NULL;
	for (w = p, i = 0; i < n; i++) {
		if (p[i] != '%') {
			*w++ = p[i];
			continue;
		}
		if (i + 2 >= n || hexdig(p[i + 1]) < 0 || hexdig(p[i + 2]) < 0)
			return NULL;
		*w++ = (char)(hexdig(p[i + 1]) << 4 | hexdig(p[i + 2]));
		i += 2;
	}
	*w = '\0';
	return p;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* gRPC metadata: lowercase keys of [0-9a-z_.-], values of printable ASCII. */
static bool header_ok(char *key, const char *val)
{
	char *k;

	if (!*key)
		return false;
	for (k = key; *k; k++) {
		*k = (char)tolower((unsigned char)*k);
		if (!isalnum((unsigned char)*k) && *k != '_' && *k != '.' && *k != '-')
			return false;
	}
	if (!strncmp(key, "grpc-", 5) || !strcmp(key, "content-type") || !strcmp(key, "te"))
		return false;
	for (; *val; val++)
		if (*val < 0x20 || *val > 0x7e)
			return false;
	return true;
}

/* "k1=v1,k2=v2" (values percent-encoded) into kv; what names the list in messages. */
static int parse_list(struct rn_otlp_conf *c, const char *s, struct rn_otlp_kv *kv, size_t *n,
		      bool headers, const char *what, char *err, size_t errlen)
{
	const char *p = s;

	while (*p) {
		const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		const char *k = p, *v;
		size_t kn, vn;
		char *key, *val;

		if (end == p || (!comma && !*p))
			goto next;
		if (!eq)
			goto bad;
		kn = (size_t)(eq - k);
		v = eq + 1;
		vn = (size_t)(end - v);
		trim(&k, &kn);
		trim(&v, &vn);
		key = kn ? decode(c, k, kn) : NULL;
		val = decode(c, v, vn);
		if (!key || !val || (headers && !header_ok(key, val)))
			goto bad;
		if (*n == RN_OTLP_MAX_KV) {
			snprintf(err, errlen, "too many entries in %s (at most %d)", what,
				 RN_OTLP_MAX_KV);
			return -EINVAL;
		}
		kv[*n].key = key;
		kv[(*n)++].value = val;
	next:
		p = comma ? comma + 1 : end;
		continue;
	bad:
		snprintf(err, errlen,
			 "bad %s entry '%.*s' in '%s' (write key=value pairs separated by commas, "
			 "values percent-encoded%s)",
			 what, (int)(end - p), p, s,
			 headers ? "; keys of a-z 0-9 _ . - and not grpc-*" : "");
		return -EINVAL;
	}
	return 0;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static int parse_timeout(const char *name, uint64_t *ns, char *err, size_t errlen)
{
	const char *v = env(name);
	char *end;
	unsigned long long ms;

	if (!v)
		return 0;
	errno = 0;
	ms = strtoull(v, &end, 10);
	if (errno || *end || end == v || !ms || ms > 3600000) {
		snprintf(err, errlen,
			 "bad %s='%s' (milliseconds for one export call, from 1 to 3600000)", name,
			 v);
		return -EINVAL;
	}
	*ns = ms * 1000000;
	return 0;
}

int rn_otlp_conf__init(struct rn_otlp_conf *c, const char *url, char *err, size_t errlen)
{
	const char *from = "--otlp", *v;
	size_t i;
	int ret;

	memset(c, 0, sizeof(*c));
	c->timeout_ns = RN_OTLP_TIMEOUT_DEFAULT;
	c->flush_ns = RN_OTLP_FLUSH_DEFAULT;
	c->retry_max_ns = RN_OTLP_RETRY_MAX_DEFAULT;
	c->queue_max = RN_OTLP_QUEUE_DEFAULT;
	if (!url && (url = env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")))
		from = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
	if (!url && (url = env("OTEL_EXPORTER_OTLP_ENDPOINT")))
		from = "OTEL_EXPORTER_OTLP_ENDPOINT";
	if (!url) {
		snprintf(err, errlen,
			 "no OTLP endpoint (give --otlp http://HOST:4317 or set "
			 "OTEL_EXPORTER_OTLP_ENDPOINT)");
		return -ENOENT;
	}
	snprintf(c->url, sizeof(c->url), "%s", url);
	ret = rn_otlp_endpoint__parse(url, c->target, sizeof(c->target), &c->tls, err, errlen);
	if (ret) {
		size_t n = strlen(err);

		snprintf(err + n, errlen - n, " (from %s)", from);
		return ret;
	}
	if ((ret = parse_timeout("OTEL_EXPORTER_OTLP_TIMEOUT", &c->timeout_ns, err, errlen)) ||
	    (ret = parse_timeout("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", &c->timeout_ns, err, errlen)))
		return ret;
	if ((v = env("OTEL_EXPORTER_OTLP_HEADERS")) &&
	    (ret = parse_list(c, v, c->headers, &c->nheaders, true, "OTEL_EXPORTER_OTLP_HEADERS",
			      err, errlen)))
		return ret;
	if ((v = env("OTEL_EXPORTER_OTLP_TRACES_HEADERS")) &&
	    (ret = parse_list(c, v, c->headers, &c->nheaders, true,
			      "OTEL_EXPORTER_OTLP_TRACES_HEADERS", err, errlen)))
		return ret;
	if ((v = env("OTEL_RESOURCE_ATTRIBUTES")) &&
	    (ret = parse_list(c, v, c->resource, &c->nresource, false, "OTEL_RESOURCE_ATTRIBUTES",
			      err, errlen)))
		return ret;
	for (i = 0; i < c->nresource; i++)
		if (!strcmp(c->resource[i].key, "service.name"))
			c->service_name = c->resource[i].value;
	if ((v = env("OTEL_SERVICE_NAME")))
		c->service_name = keep(c, v, strlen(v));
	return 0;
}

int rn_otlp_conf__add_header(struct rn_otlp_conf *c, const char *kv, char *err, size_t errlen)
{
	return parse_list(c, kv, c->headers, &c->nheaders, true, "--otlp-header", err, errlen);
}
