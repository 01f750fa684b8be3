// SPDX-License-Identifier: MIT
#include "tracefile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace_bin.h"
#include "trace_json.h"
#include "zstream.h"

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

/*
 * Sniffing reads the first bytes of the stream into a buffer; the reader then gets a stream
 * that replays them before the rest (pipes, FIFOs and /dev/stdin cannot be rewound).
 * Reads go to the file descriptor when there is one, so a pipe gives what it has.
 */
enum {
	SNIFF_MAX = 64 << 10, /* bytes looked at before deciding (a gzip name can be long) */
	PEEK_OUT = 256,	      /* decompressed bytes looked at */
};

struct replay {
	FILE *f;
	int fd; /* -1: read f through stdio */
	uint8_t *head;
	size_t n, pos, cap;
};

static ssize_t read_under(struct replay *r, void *buf, size_t size)
{
	size_t n;

	if (r->fd >= 0) {
		ssize_t got;

		do
			got = read(r->fd, buf, size);
		while (got < 0 && errno == EINTR);
		return got;
	}
	n = fread(buf, 1, size, r->f);
	if (!n && ferror(r->f)) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)n;
}

static ssize_t replay_read(void *cookie, char *buf, size_t size)
{
	struct replay *r = cookie;
	size_t n = r->n - r->pos;

	if (!n)
		return read_under(r, buf, size);
	if (n > size)
		n = size;
	memcpy(buf, r->head + r->pos, n);
	r->pos += n;
	return (ssize_t)n;
}

/* Reads until head holds want bytes or the input ends (more when more is there); 0 or -errno. */
static int sniff_more(struct replay *r, size_t want, bool *eof)
{
	if (want > SNIFF_MAX)
		want = SNIFF_MAX;
	while (r->n < want && !*eof) {
		ssize_t got;

		/* most files decide in a few bytes: the buffer grows as needed */
		if (r->n == r->cap) {
			size_t cap = r->cap * 4 > SNIFF_MAX ? SNIFF_MAX : r->cap * 4;
			uint8_t *p = realloc(r->head, cap);

			if (!p)
				return -ENOMEM;
			r->head = p;
			r->cap = cap;
		}
		got = read_under(r, r->head + r->n, r->cap - r->n);
		if (got < 0)
			return -errno;
		*eof = got == 0;
		r->n += (size_t)got;
	}
	return 0;
}

/* A stream of the decompressed bytes of z (compressed JSON); the error stays in z. */
static ssize_t unzip_read(void *cookie, char *buf, size_t size)
{
	size_t got;
	int r = rn_zin__read(cookie, buf, size, &got);

	if (got || r == RN_ZIN_MORE || r == RN_ZIN_END)
		return (ssize_t)got;
	if (r == -EPIPE)
		return 0; /* cut short: the reader says where */
	errno = r == -EBADMSG || r == -ENOTEMPTY ? EIO : -r;
	return -1;
}

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool compressed(const uint8_t *p, size_t n)
{
	return (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) ||
	       (n >= 4 && (p[0] == 0x28 || (p[0] & 0xf0) == 0x50) &&
		!memcmp(p + 1, p[0] == 0x28 ? "\xb5\x2f\xfd" : "\x2a\x4d\x18", 3));
}

enum kind { K_NONE, K_BIN, K_JSON, K_ZJSON };

/* What head starts with: .rnt (any codec), JSON, compressed JSON, or neither. */
static enum kind classify(struct replay *r, bool *eof, size_t *bad_at, int *err)
{
	uint8_t out[PEEK_OUT];
	size_t i;
	int k;

	*err = sniff_more(r, RN_BIN_MAGIC_LEN, eof);
	if (*err || !r->n)
		return K_NONE;
	if (compressed(r->head, r->n)) {
		/* more compressed bytes until something decodes: a frame's first block */
		for (size_t want = 64;; want = want * 2 > SNIFF_MAX ? SNIFF_MAX : want * 2) {
			if ((*err = sniff_more(r, want, eof)) != 0)
				return K_NONE;
			k = rn_zin__peek(r->head, r->n, out, sizeof(out));
			if (k >= RN_BIN_MAGIC_LEN || *eof || r->n >= SNIFF_MAX)
				break;
		}
		for (i = 0; k > 0 && i < (size_t)k && is_space(out[i]); i++)
			;
		/* the .rnt reader names what is wrong with anything else compressed */
		return k > 0 && (i == (size_t)k || out[i] == '{') ? K_ZJSON : K_BIN;
	}
	if (r->n >= 3 && !memcmp(r->head, RN_BIN_MAGIC, 3))
		return K_BIN;
	for (i = 0;; i++) {
		while (i == r->n) {
			if (*eof || r->n >= SNIFF_MAX)
				return K_JSON; /* only white space: the JSON reader says so */
			if ((*err = sniff_more(r, r->n + 1, eof)) != 0)
				return K_NONE;
		}
		if (!is_space(r->head[i]))
			break;
	}
	if (r->head[i] == '{')
		return K_JSON;
	*bad_at = i;
	return K_NONE;
}

int rn_tracefile__read_file(FILE *f, const char *name, const struct rn_tr_sink *sink,
			    struct rn_error *err)
{
	static const cookie_io_functions_t replay_io = {.read = replay_read};
	static const cookie_io_functions_t unzip_io = {.read = unzip_read};
	struct replay r = {.f = f, .fd = fileno(f)};
	FILE *in = NULL, *json = NULL;
	struct rn_zin *z = NULL;
	size_t bad_at = 0;
	bool eof = false;
	enum kind k;
	int ret;

	r.cap = 1024;
	r.head = malloc(r.cap);
	if (!r.head)
		return rn_error__set(err, -ENOMEM, "%s: out of memory", name);
	k = classify(&r, &eof, &bad_at, &ret);
	if (ret) {
		rn_error__set(err, ret, "%s: byte %zu: cannot read: %s", name, r.n, strerror(-ret));
		goto out;
	}
	if (!r.n) {
		ret = rn_error__set(err, -EINVAL, "%s: byte 0: empty file (not a renacer trace)",
				    name);
		goto out;
	}
	if (k == K_NONE) {
		ret = rn_error__set(err, -EINVAL,
				    "%s: byte %zu: not a renacer trace: neither JSON ('{'), JSON "
				    "Lines nor .rnt (zstd, gzip or a raw RNT1 stream)",
				    name, bad_at);
		goto out;
	}
	in = fopencookie(&r, "r", replay_io);
	if (!in) {
		ret = rn_error__set(err, -ENOMEM, "%s: out of memory", name);
		goto out;
	}
	if (k == K_BIN) {
		ret = rn_bin__read_file(in, name, sink, err);
	} else if (k == K_JSON) {
		ret = rn_json__read_file(in, name, sink, err);
	} else {
		ret = rn_zin__new(&z, in);
		json = ret ? NULL : fopencookie(z, "r", unzip_io);
		if (!json) {
			ret = ret ? ret : -ENOMEM;
			rn_error__set(err, ret, "%s: cannot read: %s", name, strerror(-ret));
			goto out;
		}
		ret = rn_json__read_file(json, name, sink, err);
		/* the decompressor's own failure is the cause of what the reader saw */
		if (ret && ferror(json)) {
			size_t got;
			int zr = rn_zin__read(z, r.head, 1, &got);

			rn_error__set(err, ret, "%s: byte %llu: %s", name,
				      (unsigned long long)rn_zin__offset(z),
				      zr == -ENOTEMPTY
					  ? "data after the end of the compressed stream"
				      : zr == -EBADMSG ? rn_zin__why(z)
						       : "read error");
		}
	}
out:
	if (json)
		fclose(json);
	rn_zin__free(z);
	if (in)
		fclose(in);
	free(r.head);
	return ret;
}

int rn_tracefile__read(const char *path, const struct rn_tr_sink *sink, struct rn_error *err)
{
	bool std = !strcmp(path, "-");
	FILE *f = std ? stdin : fopen(path, "re");
	int ret;

	if (!f) {
		int e = errno;

		return rn_error__set(err, -e, "%s: cannot open: %s", path, strerror(e));
	}
	ret = rn_tracefile__read_file(f, std ? "stdin" : path, sink, err);
	if (!std)
		fclose(f);
	return ret;
}

int rn_tracefile__read_where(const char *path, const struct rn_tr_sink *sink,
			     rn_bin_block_pred want, void *want_ctx, struct rn_error *err)
{
	uint8_t head[RN_BIN_SNIFF_LEN];
	struct stat st;
	FILE *f;
	int ret;

	if (!want || !strcmp(path, "-"))
		return rn_tracefile__read(path, sink, err);
	f = fopen(path, "re");
	if (!f) {
		int e = errno;

		return rn_error__set(err, -e, "%s: cannot open: %s", path, strerror(e));
	}
	/* only a regular file written by the .rnt writer (one zstd frame a block) has an index */
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) ||
	    fread(head, 1, sizeof(head), f) != sizeof(head) || head[0] != 0x28 ||
	    !rn_bin__sniff(head, sizeof(head))) {
		rewind(f);
		ret = rn_tracefile__read_file(f, path, sink, err);
	} else {
		rewind(f);
		ret = rn_bin__read_where(f, path, sink, want, want_ctx, err);
	}
	fclose(f);
	return ret;
}
