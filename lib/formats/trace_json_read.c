// SPDX-License-Identifier: MIT
/*
 * renacer-json-v1 reader (document and JSON Lines). The document is never parsed as a
 * whole: a light scanner finds the top-level keys and array elements, and jansson
 * parses one element at a time. So a big trace costs one record of memory, and a file
 * cut short still yields every complete record before the cut.
 */
#include "trace_json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace_json_rd.h"

/* ---- JSON Lines ---- */

static int read_lines(struct jr *r, struct cur *c, uint64_t pos)
{
	bool header = false;
	int err = 0;

	for (;;) {
		uint64_t end, p;
		size_t avail;
		const char *nl = NULL, *type;
		json_error_t je;
		json_t *o;
		int kind;

		/* the line, whole in the window */
		c->keep = pos;
		for (size_t from = 0;;) {
			if ((err = rn_jr__cur_need(r, c, pos + from, 1, &avail)))
				return err;
			if (!avail)
				break;
			nl = memchr(rn_jr__cur_ptr(c, pos + from), '\n', avail);
			if (nl)
				break;
			from += avail;
		}
		c->keep = NO_KEEP;
		end = nl ? c->start + (uint64_t)(nl - c->buf) : c->start + c->len;
		if (end == pos && !nl)
			break;
		if (end - pos > RN_JSON_RECORD_MAX) {
			c->keep = pos;
			return rn_jr__cur_need(r, c, pos, (size_t)RN_JSON_RECORD_MAX + 2, &avail)
				   ?: -EINVAL;
		}
		p = pos;
		while (p < end && strchr(" \t\r", *rn_jr__cur_ptr(c, p)))
			p++;
		if (p == end) {
			pos = end + 1;
			continue;
		}
		o = json_loadb(rn_jr__cur_ptr(c, p), (size_t)(end - p), JSON_ALLOW_NUL, &je);
		if (!o) {
			if (!nl)
				return rn_jr__fail_truncated(r, end, "the last line is incomplete");
			return rn_jr__fail(r, -EINVAL, p + (size_t)je.position, "%s", je.text);
		}
		type = json_string_value(json_object_get(o, "type"));
		if (!type) {
			json_decref(o);
			return rn_jr__fail(r, -EINVAL, p, "no \"type\"");
		}
		if (!header && strcmp(type, "header")) {
			json_decref(o);
			return rn_jr__fail(r, -EINVAL, p, "the first record must be the header");
		}
		if (!strcmp(type, "header")) {
			if (header)
				err = rn_jr__fail(r, -EINVAL, p, "a second header");
			else
				err = rn_jr__deliver_header(r, o, p);
			header = true;
		} else if ((kind = rn_tr_kind__parse(type)) >= 0) {
			err = rn_jr__deliver_event(r, o, p, (enum rn_tr_kind)kind);
		} else if (!strcmp(type, "process")) {
			err = rn_jr__deliver_record(r, o, p, REC_PROCESS);
		} else if (!strcmp(type, "edge")) {
			err = rn_jr__deliver_record(r, o, p, REC_EDGE);
		} else if (!strcmp(type, "gap")) {
			err = rn_jr__deliver_record(r, o, p, REC_GAP);
		} else if (!strcmp(type, "statistics")) {
			uint64_t q = end;

			if (!err && (err = rn_jr__skip_ws(r, c, &q)) == 0 &&
			    rn_jr__cur_byte(r, c, q) != -1)
				err =
				    rn_jr__fail(r, -EINVAL, q,
						"data after the statistics line (the last record)");
			if (!err)
				err = rn_jr__deliver_finish(r, o, p);
			json_decref(o);
			return err;
		}
		/* other types: newer writers of version 1 may add records; skip them */
		json_decref(o);
		if (err)
			return err;
		if (!nl) {
			pos = end;
			break;
		}
		pos = end + 1;
	}
	return rn_jr__fail_truncated(r, pos, "no statistics line (the trace did not finish)");
}

/* ---- the document ---- */

struct span {
	uint64_t start, end; /* the value, [start, end); end is the input's end when it was cut */
	bool found;	     /* the key was seen */
};

enum top {
	TOP_SYSCALLS,
	TOP_SIGNALS,
	TOP_EXITS,
	TOP_PROCESSES,
	TOP_EDGES,
	TOP_GAPS,
	TOP_STATS,
	TOP_N
};

static const char *const top_keys[TOP_N] = {
    [TOP_SYSCALLS] = "syscalls",   [TOP_SIGNALS] = "signals", [TOP_EXITS] = "exits",
    [TOP_PROCESSES] = "processes", [TOP_EDGES] = "edges",     [TOP_GAPS] = "gaps",
    [TOP_STATS] = "statistics",
};

/* Top-level keys the header is made of: only these are kept (the rest is skipped). */
static const char *const header_keys[] = {
    "version",		"format",   "format_version", "trace_id", "parent_span_id",
    "start_time_nanos", "hostname", "snaplen",	      "command",  "cwd",
};

struct doc {
	struct span top[TOP_N];
	json_t *header; /* the header keys, parsed */
	enum scan state;
	uint64_t stop; /* where the scan stopped when state != SCAN_OK */
	char why[160];
};

/* Parses [start, end) of the sequential window (kept from start on). */
static int load_span(struct jr *r, struct cur *c, uint64_t start, uint64_t end, json_t **out,
		     json_error_t *je)
{
	size_t avail;
	int err = rn_jr__cur_need(r, c, start, (size_t)(end - start), &avail);

	if (err)
		return err;
	*out = json_loadb(rn_jr__cur_ptr(c, start), (size_t)(end - start),
			  JSON_DECODE_ANY | JSON_ALLOW_NUL, je);
	return *out ? 0 : 1;
}

/* One pass over the top level: where each array is, the header keys parsed. */
static int scan_doc(struct jr *r, struct cur *c, struct doc *d, uint64_t p)
{
	enum scan st = SCAN_OK;
	bool first = true;
	int err = 0, b;

	for (p++;; first = false) {
		uint64_t kend, vend, vstart;
		json_t *key, *val;
		json_error_t je;
		const char *k;
		size_t t, h;

		if ((err = rn_jr__skip_ws(r, c, &p)))
			break;
		if ((b = rn_jr__cur_byte(r, c, p)) == '}') {
			p++;
			if ((err = rn_jr__skip_ws(r, c, &p)))
				break;
			if (rn_jr__cur_byte(r, c, p) != -1) {
				snprintf(d->why, sizeof(d->why),
					 "data after the end of the document");
				st = SCAN_BAD;
			}
			break;
		}
		if (!first) {
			if (b >= 0 && b != ',') {
				snprintf(d->why, sizeof(d->why), "expected ',' or '}'");
				st = SCAN_BAD;
				break;
			}
			p++;
			if ((err = rn_jr__skip_ws(r, c, &p)))
				break;
			b = rn_jr__cur_byte(r, c, p);
		}
		if (b < 0) {
			err = b < -1 ? b : 0;
			st = SCAN_TRUNC;
			break;
		}
		if (b != '"') {
			snprintf(d->why, sizeof(d->why), "expected a key");
			st = SCAN_BAD;
			break;
		}
		kend = p;
		c->keep = p;
		if ((err = rn_jr__skip_string(r, c, &kend, &st)) || st)
			break;
		if ((err = load_span(r, c, p, kend, &key, &je)) != 0) {
			if (err > 0) {
				snprintf(d->why, sizeof(d->why), "bad key: %.140s", je.text);
				st = SCAN_BAD;
				err = 0;
			}
			break;
		}
		c->keep = NO_KEEP;
		vstart = kend;
		if ((err = rn_jr__skip_ws(r, c, &vstart)) ||
		    (b = rn_jr__cur_byte(r, c, vstart)) != ':') {
			json_decref(key);
			if (!err && b < -1)
				err = b;
			if (!err) {
				snprintf(d->why, sizeof(d->why), "expected ':'");
				st = b == -1 ? SCAN_TRUNC : SCAN_BAD;
			}
			p = vstart;
			break;
		}
		vstart++;
		if ((err = rn_jr__skip_ws(r, c, &vstart))) {
			json_decref(key);
			break;
		}
		k = json_string_value(key);
		for (t = 0; t < TOP_N && strcmp(top_keys[t], k); t++)
			;
		for (h = 0;
		     h < sizeof(header_keys) / sizeof(header_keys[0]) && strcmp(header_keys[h], k);
		     h++)
			;
		if ((t < TOP_N && d->top[t].found) ||
		    (h < sizeof(header_keys) / sizeof(header_keys[0]) &&
		     json_object_get(d->header, k))) {
			snprintf(d->why, sizeof(d->why), "\"%s\" appears twice", k);
			json_decref(key);
			st = SCAN_BAD;
			break;
		}
		vend = vstart;
		if (t == TOP_N && h < sizeof(header_keys) / sizeof(header_keys[0]))
			c->keep = vstart;
		if ((err = rn_jr__skip_value(r, c, &vend, &st))) {
			json_decref(key);
			break;
		}
		if (t < TOP_N) {
			/* a cut array still yields its complete elements */
			d->top[t] = (struct span){vstart, st == SCAN_OK ? vend : NO_KEEP, true};
		} else if (!st && c->keep != NO_KEEP) {
			err = load_span(r, c, vstart, vend, &val, &je);
			if (!err) {
				json_object_set_new(d->header, k, val);
			} else if (err > 0) {
				vend = vstart + (size_t)je.position;
				snprintf(d->why, sizeof(d->why), "%s", je.text);
				st = SCAN_BAD;
				err = 0;
			}
		}
		c->keep = NO_KEEP;
		json_decref(key);
		if (err)
			break;
		if (st) {
			if (!d->why[0])
				snprintf(d->why, sizeof(d->why), "malformed value");
			p = st == SCAN_BAD ? vend : p;
			break;
		}
		p = vend;
	}
	c->keep = NO_KEEP;
	d->state = st;
	/* cut: the input's length, which the sequential cursor has reached */
	d->stop = st == SCAN_TRUNC ? c->start + c->len : p;
	return err;
}

/* Iterates the elements of an array span; *o is NULL at the end (or at a cut). */
struct elems {
	struct cur c;
	struct span sp;
	uint64_t pos;
	bool started, done;
};

static void elems_init(struct elems *it, const struct span *sp)
{
	memset(it, 0, sizeof(*it));
	it->sp = *sp;
	it->c.keep = NO_KEEP;
	it->c.limit = sp->end;
	it->c.start = sp->start;
}

static int next_elem(struct jr *r, struct elems *it, json_t **o, uint64_t *off)
{
	uint64_t p = it->started ? it->pos : it->sp.start, end;
	bool cut;
	int err, b;

	*o = NULL;
	if (it->done || !it->sp.found)
		return 0;
	if ((err = rn_jr__skip_ws(r, &it->c, &p)))
		return err;
	b = rn_jr__cur_byte(r, &it->c, p);
	if (b < -1)
		return b;
	if (!it->started) {
		if (b == -1) {
			it->done = true;
			return 0;
		}
		if (b != '[')
			return rn_jr__fail(r, -EINVAL, p, "expected an array");
		p++;
		if ((err = rn_jr__skip_ws(r, &it->c, &p)))
			return err;
		b = rn_jr__cur_byte(r, &it->c, p);
	} else if (b == ',') {
		p++;
		if ((err = rn_jr__skip_ws(r, &it->c, &p)))
			return err;
		b = rn_jr__cur_byte(r, &it->c, p);
		if (b == ']')
			return rn_jr__fail(r, -EINVAL, p, "expected a value after ','");
	} else if (b >= 0 && b != ']') {
		return rn_jr__fail(r, -EINVAL, p, "expected ',' or ']'");
	}
	if (b < -1)
		return b;
	if (b == -1 || b == ']') {
		it->done = true;
		return 0;
	}
	it->started = true;
	if ((err = rn_jr__parse_at(r, &it->c, p, o, &end, &cut)))
		return err;
	if (cut) {
		it->done = true;
		return 0;
	}
	*off = p;
	it->pos = end;
	return 0;
}

static void elems_free(struct elems *it)
{
	free(it->c.buf);
	it->c.buf = NULL;
}

/* The "id" of a parsed event, for the merge (a bad one fails later, in parse_event). */
static uint64_t id_of(json_t *o)
{
	json_t *id = json_object_get(o, "id");

	return json_is_integer(id) ? (uint64_t)json_integer_value(id) : 0;
}

/* Syscalls, signals and exits, merged by id: one record of each array in memory. */
static int read_events(struct jr *r, struct doc *d)
{
	static const enum top tops[3] = {TOP_SYSCALLS, TOP_SIGNALS, TOP_EXITS};
	static const enum rn_tr_kind kinds[3] = {RN_TR_SYSCALL, RN_TR_SIGNAL, RN_TR_EXIT};
	struct elems it[3];
	json_t *o[3] = {NULL, NULL, NULL};
	uint64_t off[3] = {0, 0, 0};
	int err = 0;

	for (int i = 0; i < 3; i++)
		elems_init(&it[i], &d->top[tops[i]]);
	for (int i = 0; i < 3 && !err; i++)
		err = next_elem(r, &it[i], &o[i], &off[i]);
	while (!err) {
		int k = -1;

		for (int i = 0; i < 3; i++)
			if (o[i] && (k < 0 || id_of(o[i]) < id_of(o[k])))
				k = i;
		if (k < 0)
			break;
		err = rn_jr__deliver_event(r, o[k], off[k], kinds[k]);
		json_decref(o[k]);
		o[k] = NULL;
		if (!err)
			err = next_elem(r, &it[k], &o[k], &off[k]);
	}
	for (int i = 0; i < 3; i++) {
		json_decref(o[i]);
		elems_free(&it[i]);
	}
	return err;
}

static int read_doc_records(struct jr *r, struct doc *d)
{
	static const struct {
		enum top top;
		enum rec rec;
	} rest[] = {{TOP_PROCESSES, REC_PROCESS}, {TOP_EDGES, REC_EDGE}, {TOP_GAPS, REC_GAP}};
	int err = read_events(r, d);

	for (size_t k = 0; !err && k < sizeof(rest) / sizeof(rest[0]); k++) {
		struct elems e;
		uint64_t off = 0;
		json_t *o;

		elems_init(&e, &d->top[rest[k].top]);
		while (!(err = next_elem(r, &e, &o, &off)) && o) {
			err = rn_jr__deliver_record(r, o, off, rest[k].rec);
			json_decref(o);
			if (err)
				break;
		}
		elems_free(&e);
	}
	return err;
}

static int read_stats(struct jr *r, const struct span *st)
{
	struct cur c = {.keep = NO_KEEP, .limit = st->end, .start = st->start};
	json_error_t je;
	size_t avail;
	json_t *o;
	int err;

	err = rn_jr__cur_need(r, &c, st->start, (size_t)(st->end - st->start), &avail);
	if (!err) {
		o = json_loadb(rn_jr__cur_ptr(&c, st->start), avail,
			       JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
		if (!o)
			err = rn_jr__fail(r, -EINVAL, st->start + (size_t)je.position,
					  "statistics: %s", je.text);
		else
			err = rn_jr__deliver_finish(r, o, st->start);
		json_decref(o);
	}
	free(c.buf);
	return err;
}

/* The sequential cursor cannot come back: a document from a pipe is copied as it is read. */
static int start_spool(struct jr *r, struct cur *c)
{
	r->spool = tmpfile();
	if (!r->spool)
		return rn_jr__fail(
		    r, -errno, c->start,
		    "cannot create a temporary file to read the document from a pipe: %s "
		    "(set TMPDIR to a writable directory, or give the trace as a file)",
		    strerror(errno));
	r->spool_base = c->start;
	r->rpos = 0;
	if (c->len && fwrite(c->buf, 1, c->len, r->spool) != c->len)
		return rn_jr__fail(r, -EIO, c->start,
				   "cannot copy the input to a temporary file: %s",
				   strerror(errno ? errno : EIO));
	return 0;
}

static int read_doc(struct jr *r, struct cur *c, uint64_t start)
{
	struct doc d = {.header = json_object()};
	struct span *st = &d.top[TOP_STATS];
	bool reached = false;
	int err = 0;

	if (!d.header)
		return rn_jr__fail(r, -ENOMEM, 0, "out of memory");
	if (!r->seekable && (err = start_spool(r, c)))
		goto out;
	if ((err = scan_doc(r, c, &d, start)))
		goto out;
	if (r->spool && fflush(r->spool)) {
		err = rn_jr__fail(r, -EIO, d.stop, "cannot copy the input to a temporary file: %s",
				  strerror(errno ? errno : EIO));
		goto out;
	}
	for (int t = 0; t < TOP_N; t++) {
		reached |= d.top[t].found;
		if (d.top[t].end == NO_KEEP)
			d.top[t].end = d.stop;
	}
	/* a cut inside the header lines: nothing complete to deliver */
	if (d.state == SCAN_TRUNC && !reached) {
		err = rn_jr__fail_truncated(r, d.stop, "the file ends inside the header");
		goto out;
	}
	if (d.state == SCAN_BAD && !reached) {
		err = rn_jr__fail(r, -EINVAL, d.stop, "%s", d.why);
		goto out;
	}
	r->nrec = 0;
	err = rn_jr__deliver_header(r, d.header, start);
	if (!err)
		err = read_doc_records(r, &d);
	if (err)
		goto out;
	if (d.state == SCAN_TRUNC) {
		err = rn_jr__fail_truncated(
		    r, d.stop, "the document does not end; records before the cut were read");
	} else if (d.state == SCAN_BAD) {
		err = rn_jr__fail(r, -EINVAL, d.stop, "%s", d.why);
	} else if (!d.top[TOP_SYSCALLS].found) {
		err = rn_jr__fail(r, -EINVAL, start,
				  "no \"syscalls\" array: not a renacer-json-v1 trace");
	} else if (!st->found) {
		err = rn_jr__fail_truncated(r, d.stop,
					    "no \"statistics\" (the trace did not finish)");
	} else {
		err = read_stats(r, st);
	}
out:
	json_decref(d.header);
	return err;
}

/*
 * JSON Lines when the first line is a whole object with a "type" (the header record);
 * the line stays in the window. A header line is small: one past SNIFF_MAX is a document.
 */
#define SNIFF_MAX ((size_t)4 << 20)

static int looks_like_lines(struct jr *r, struct cur *c, uint64_t start, bool *lines)
{
	const char *nl = NULL;
	size_t avail = 0;
	json_error_t je;
	json_t *o;
	int err;

	*lines = false;
	c->keep = start;
	for (size_t from = 0;;) {
		/* a first line that long is a document written on one line: not parsed whole */
		if (from > SNIFF_MAX) {
			c->keep = NO_KEEP;
			return 0;
		}
		err = rn_jr__cur_need(r, c, start + from, 1, &avail);
		if (err || !avail)
			break;
		nl = memchr(rn_jr__cur_ptr(c, start + from), '\n', avail);
		if (nl)
			break;
		from += avail;
	}
	if (!err) {
		size_t n =
		    (size_t)((nl ? c->start + (uint64_t)(nl - c->buf) : c->start + c->len) - start);

		if (memmem(rn_jr__cur_ptr(c, start), n, "\"type\"", 6)) {
			o = json_loadb(rn_jr__cur_ptr(c, start), n, JSON_ALLOW_NUL, &je);
			*lines = json_is_string(json_object_get(o, "type"));
			json_decref(o);
		}
	}
	c->keep = NO_KEEP;
	return err;
}

int rn_json__read(const char *path, const struct rn_tr_sink *sink, struct rn_error *err)
{
	FILE *f;
	int ret;

	if (!path || !sink)
		return -EINVAL;
	f = fopen(path, "re");
	if (!f) {
		ret = -errno;
		return rn_error__set(err, ret, "%s: cannot open: %s", path, strerror(-ret));
	}
	ret = rn_json__read_file(f, path, sink, err);
	fclose(f);
	return ret;
}

int rn_json__read_file(FILE *f, const char *name, const struct rn_tr_sink *sink,
		       struct rn_error *err)
{
	struct rn_error dummy;
	struct jr r = {.path = name, .sink = sink, .err = err ? err : &dummy, .in = f};
	struct cur c = {.keep = NO_KEEP, .limit = NO_KEEP, .seq = true};
	uint64_t start = 0;
	off_t here;
	bool lines = false;
	int ret, b;

	r.err->msg[0] = '\0';
	if (!f || !name || !sink)
		return -EINVAL;
	/* seekable: the document's arrays are read where they lie, else through a spool */
	here = ftello(f);
	r.seekable = here >= 0 && !fseeko(f, here, SEEK_SET);
	r.base = r.seekable ? (uint64_t)here : 0;
	r.rpos = r.base;
	ret = rn_jr__skip_ws(&r, &c, &start);
	if (!ret) {
		b = rn_jr__cur_byte(&r, &c, start);
		if (b < -1)
			ret = b;
		else if (b == -1)
			ret = start ? rn_jr__fail(&r, -EINVAL, start,
						  "not a renacer trace: only white space")
				    : rn_jr__fail(&r, -EINVAL, 0,
						  "not a renacer trace: the file is empty");
		else if (b != '{')
			ret = rn_jr__fail(&r, -EINVAL, start, "not a renacer trace: expected '{'");
	}
	if (!ret)
		ret = looks_like_lines(&r, &c, start, &lines);
	if (!ret)
		ret = lines ? read_lines(&r, &c, start) : read_doc(&r, &c, start);
	rn_jr__release(&r);
	free(r.owned);
	free(r.args);
	free(r.caps);
	free(r.bytes);
	free(r.frames);
	free(r.ids);
	free(r.ahead);
	free(c.buf);
	if (r.spool)
		fclose(r.spool);
	return ret;
}
