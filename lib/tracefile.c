// SPDX-License-Identifier: MIT
#include "tracefile.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "trace_bin.h"
#include "trace_json.h"

static const struct {
	const char *name;
	enum rn_tf_format fmt;
} names[] = {
    {"text", RN_TF_TEXT},     {"json", RN_TF_JSON},  {"jsonl", RN_TF_JSONL},
    {"binary", RN_TF_BINARY}, {"rnt", RN_TF_BINARY}, {"compress", RN_TF_BINARY},
    {"ndjson", RN_TF_JSONL},
};

int rn_tracefile__parse_format(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(name, names[i].name))
			return names[i].fmt;
	return -1;
}

const char *rn_tracefile__format_name(enum rn_tf_format f)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].fmt == f)
			return names[i].name;
	return "?";
}

int rn_tracefile__format_of_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;

	if (!dot || strchr(dot, '/'))
		return -1;
	if (!strcasecmp(dot, ".json"))
		return RN_TF_JSON;
	if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".ndjson"))
		return RN_TF_JSONL;
	if (!strcasecmp(dot, ".rnt"))
		return RN_TF_BINARY;
	return -1;
}

int rn_tracefile__writer(struct rn_tr_sink *out, FILE *f, enum rn_tf_format fmt)
{
	switch (fmt) {
	case RN_TF_JSON:
		return rn_json_writer__new(out, f, false);
	case RN_TF_JSONL:
		return rn_json_writer__new(out, f, true);
	case RN_TF_BINARY:
		return rn_bin_writer__new(out, f);
	default:
		return -EINVAL;
	}
}

int rn_tracefile__read(const char *path, const struct rn_tr_sink *sink, struct rn_tr_error *err)
{
	unsigned char head[64];
	size_t n;
	int ret;
	FILE *f = fopen(path, "re");

	if (!f) {
		int e = errno;

		snprintf(err->msg, sizeof(err->msg), "%s: cannot open: %s", path, strerror(e));
		return -e;
	}
	n = fread(head, 1, sizeof(head), f);
	if (n == 0) {
		fclose(f);
		snprintf(err->msg, sizeof(err->msg),
			 "%s: empty file at byte 0 (not a renacer trace)", path);
		return -EINVAL;
	}
	rewind(f);
	if (rn_bin__sniff(head, n))
		ret = rn_bin__read_file(f, path, sink, err);
	else
		ret = rn_json__read_file(f, path, sink, err);
	fclose(f);
	return ret;
}
