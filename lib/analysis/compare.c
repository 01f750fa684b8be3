// SPDX-License-Identifier: MIT
/*
 * The comparison of two effect models. Streams compare as bytes, whatever the write sizes;
 * when several processes wrote to one stream and the bytes differ, each process's bytes
 * are compared instead, with what happens-before orders between them (effects_order.c:
 * fork, wait, pipe and signal edges, at any depth of the process tree), so processes
 * that nothing orders may interleave differently.
 * Files compare by their final state (exists, size, content, mode), the other categories
 * as sorted lists.
 */
#include "compare.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const verdict_names[] = {"PASS", "FAIL", "INCONCLUSIVE"};

const char *rn_cmp_verdict__name(enum rn_cmp_verdict v)
{
	return (unsigned)v <= RN_CMP_INCONCLUSIVE ? verdict_names[v] : "?";
}

__attribute__((format(printf, 3, 4))) static void put(char *dst, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dst, len, fmt, ap);
	va_end(ap);
}

/* Bytes as C escapes, for one line of the report. */
static void escape(char *dst, size_t len, const uint8_t *p, uint64_t n)
{
	size_t w = 0;

	for (uint64_t i = 0; i < n && w + 5 < len; i++) {
		uint8_t c = p[i];

		if (c == '\n')
			w += (size_t)snprintf(dst + w, len - w, "\\n");
		else if (c == '\t')
			w += (size_t)snprintf(dst + w, len - w, "\\t");
		else if (c == '"' || c == '\\')
			w += (size_t)snprintf(dst + w, len - w, "\\%c", c);
		else if (c < 32 || c >= 127)
			w += (size_t)snprintf(dst + w, len - w, "\\x%02x", c);
		else
			dst[w++] = (char)c;
	}
	dst[w < len ? w : len - 1] = '\0';
}

static void context(char *dst, size_t len, const uint8_t *p, uint64_t n, uint64_t off)
{
	uint64_t from = off > 16 ? off - 16 : 0;
	uint64_t to = off + 24 < n ? off + 24 : n;

	if (!p || from >= to) {
		dst[0] = '\0';
		return;
	}
	escape(dst, len, p + from, to - from);
}

static const struct rn_fx_chunk *chunk_at(const struct rn_fx_stream *s, uint64_t off)
{
	uint32_t lo = 0, hi = s->nchunks;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (s->chunks[mid].off + s->chunks[mid].len <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nchunks)
		return &s->chunks[lo];
	return s->nchunks ? &s->chunks[s->nchunks - 1] : NULL;
}

static uint32_t writers(const struct rn_fx_stream *s)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < s->nchunks; i++) {
		bool seen = false;

		for (uint32_t j = 0; j < i && !seen; j++)
			seen = s->chunks[j].at.pid == s->chunks[i].at.pid;
		n += !seen;
	}
	return n;
}

struct pid_bytes {
	uint32_t pid;
	uint8_t *p;
	uint64_t n;
};

static int pb_cmp(const void *x, const void *y)
{
	const struct pid_bytes *a = x, *b = y;
	uint64_t n = a->n < b->n ? a->n : b->n;
	int c = n ? memcmp(a->p, b->p, n) : 0;

	return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* Each writer's bytes, sorted; *n writers. NULL on no memory. */
static struct pid_bytes *per_process(const struct rn_fx_stream *s, uint32_t *n)
{
	struct pid_bytes *v = calloc(s->nchunks ? s->nchunks : 1, sizeof(*v));

	*n = 0;
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < s->nchunks; i++) {
		const struct rn_fx_chunk *c = &s->chunks[i];
		uint32_t k;
		uint8_t *p;

		for (k = 0; k < *n && v[k].pid != c->at.pid; k++)
			;
		if (k == *n)
			v[(*n)++].pid = c->at.pid;
		if (!c->len)
			continue;
		if (!(p = realloc(v[k].p, v[k].n + c->len)))
			continue;
		memcpy(p + v[k].n, s->data + c->off, c->len);
		v[k].p = p;
		v[k].n += c->len;
	}
	qsort(v, *n, sizeof(*v), pb_cmp);
	return v;
}

/* A child of the root that wrote to the stream: its bytes and its place in the root's. */
struct sig {
	const struct pid_bytes *pb;
	uint64_t fork_pos, reap_pos;
};

static int sig_cmp(const void *x, const void *y)
{
	const struct sig *a = x, *b = y;
	int c = pb_cmp(a->pb, b->pb);

	if (c)
		return c;
	if (a->fork_pos != b->fork_pos)
		return a->fork_pos < b->fork_pos ? -1 : 1;
	return (a->reap_pos > b->reap_pos) - (a->reap_pos < b->reap_pos);
}

static struct sig *sigs(const struct rn_fx_model *m, int which, const struct pid_bytes *v,
			uint32_t n, uint32_t *ns)
{
	struct sig *s = calloc(n ? n : 1, sizeof(*s));

	*ns = 0;
	for (uint32_t i = 0; s && i < n; i++)
		for (size_t f = 0; f < m->nfences; f++)
			if (m->fences[f].pid == v[i].pid)
				s[(*ns)++] = (struct sig){&v[i], m->fences[f].fork_pos[which],
							  m->fences[f].reap_pos[which]};
	if (s)
		qsort(s, *ns, sizeof(*s), sig_cmp);
	return s;
}

/* One order entry with its writers as classes: the rank of their bytes among the sorted
 * writers (writers with the same bytes share one, so pids need not match). */
struct ord {
	uint32_t cw, cp;
	uint64_t off, known;
	const struct rn_fx_order *o;
};

static int ord_cmp(const void *x, const void *y)
{
	const struct ord *a = x, *b = y;

	if (a->cw != b->cw)
		return a->cw < b->cw ? -1 : 1;
	if (a->cp != b->cp)
		return a->cp < b->cp ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return (a->known > b->known) - (a->known < b->known);
}

static uint32_t class_of(const struct pid_bytes *v, uint32_t n, uint32_t pid)
{
	for (uint32_t i = 0; i < n; i++)
		if (v[i].pid == pid) {
			while (i && !pb_cmp(&v[i - 1], &v[i]))
				i--;
			return i;
		}
	return UINT32_MAX;
}

static struct ord *orders(const struct rn_fx_stream *s, const struct pid_bytes *v, uint32_t n)
{
	struct ord *o = calloc(s->norder ? s->norder : 1, sizeof(*o));

	for (uint32_t i = 0; o && i < s->norder; i++)
		o[i] =
		    (struct ord){class_of(v, n, s->order[i].pid), class_of(v, n, s->order[i].other),
				 s->order[i].off, s->order[i].known, &s->order[i]};
	if (o && s->norder)
		qsort(o, s->norder, sizeof(*o), ord_cmp);
	return o;
}

/* One side of an order divergence: the writer's bytes there and what came before them. */
static void describe(char *dst, size_t len, const struct ord *d, const struct pid_bytes *v,
		     uint32_t n)
{
	char bytes[96] = "";

	if (d->cw < n)
		context(bytes, sizeof(bytes), v[d->cw].p, v[d->cw].n, d->off);
	put(dst, len, "pid %u from its byte %llu (\"%s\") after %llu bytes of pid %u", d->o->pid,
	    (unsigned long long)d->off, bytes, (unsigned long long)d->known, d->o->other);
}

/* In the other run: the entry of the same two writers, either way round, or NULL. */
static const struct ord *counterpart(const struct ord *d, const struct ord *o, uint32_t n)
{
	const struct ord *rev = NULL;

	for (uint32_t i = 0; i < n; i++) {
		if (o[i].cw == d->cw && o[i].cp == d->cp)
			return &o[i];
		if (!rev && o[i].cw == d->cp && o[i].cp == d->cw)
			rev = &o[i];
	}
	return rev;
}

/* The order entries the same on both sides; when not, c holds the FAIL. */
static bool same_order(const struct rn_fx_stream *a, const struct rn_fx_stream *b,
		       const struct pid_bytes *va, uint32_t na, const struct pid_bytes *vb,
		       uint32_t nb, struct rn_cmp_cat *c)
{
	struct ord *oa = orders(a, va, na), *ob = orders(b, vb, nb);
	uint32_t i = 0, j = 0;
	bool same = oa && ob;

	while (same && (i < a->norder || j < b->norder)) {
		int k = i == a->norder ? 1 : j == b->norder ? -1 : ord_cmp(&oa[i], &ob[j]);
		const struct ord *d = k <= 0 ? &oa[i] : &ob[j];
		const struct ord *o =
		    k < 0 ? counterpart(d, ob, b->norder) : counterpart(d, oa, a->norder);
		char *mine = k < 0 ? c->expected : c->actual,
		     *theirs = k < 0 ? c->actual : c->expected;

		if (!k) {
			i++;
			j++;
			continue;
		}
		same = false;
		c->v = RN_CMP_FAIL;
		put(c->what, sizeof(c->what),
		    "the same bytes per process, but happens-before (fork, wait, pipe, signal) "
		    "orders them otherwise: in the %s run pid %u's bytes from its byte %llu on "
		    "come "
		    "after the first %llu bytes of pid %u, in the %s run not",
		    k < 0 ? "first" : "second", d->o->pid, (unsigned long long)d->off,
		    (unsigned long long)d->known, d->o->other, k < 0 ? "second" : "first");
		describe(mine, sizeof(c->expected), d, k < 0 ? va : vb, k < 0 ? na : nb);
		if (o)
			describe(theirs, sizeof(c->expected), o, k < 0 ? vb : va, k < 0 ? nb : na);
		else
			put(theirs, sizeof(c->expected), "nothing orders these two writers");
		if (k < 0) {
			c->a = d->o->at;
			if (o)
				c->b = o->o->at;
		} else {
			c->b = d->o->at;
			if (o)
				c->a = o->o->at;
		}
	}
	free(oa);
	free(ob);
	return same;
}

/*
 * Each writer's bytes the same, and each child of the root at the same place in the root's
 * output (the bytes it wrote before the fork and before the wait: happens-before puts them
 * around all of the child's). When only that place differs, c holds the FAIL.
 */
static bool same_per_process(const struct rn_fx_model *ma, const struct rn_fx_model *mb, int which,
			     struct rn_cmp_cat *c)
{
	const struct rn_fx_stream *a = &ma->streams[which], *b = &mb->streams[which];
	uint32_t na, nb, sa = 0, sb = 0;
	struct pid_bytes *va = per_process(a, &na), *vb = per_process(b, &nb);
	struct sig *ga = NULL, *gb = NULL;
	bool same = va && vb && na == nb;

	for (uint32_t i = 0; same && i < na; i++)
		same = !pb_cmp(&va[i], &vb[i]);
	if (same) {
		ga = sigs(ma, which, va, na, &sa);
		gb = sigs(mb, which, vb, nb, &sb);
		same = ga && gb && sa == sb;
		for (uint32_t i = 0; same && i < sa; i++) {
			if (!sig_cmp(&ga[i], &gb[i]))
				continue;
			same = false;
			c->v = RN_CMP_FAIL;
			put(c->what, sizeof(c->what),
			    "the same bytes per process, but happens-before orders them otherwise: "
			    "the root process had written %llu bytes before starting pid %u and "
			    "%lld "
			    "before reaping it in the first run; %llu and %lld before pid %u in "
			    "the "
			    "second",
			    (unsigned long long)ga[i].fork_pos, ga[i].pb->pid,
			    ga[i].reap_pos == UINT64_MAX ? -1LL : (long long)ga[i].reap_pos,
			    (unsigned long long)gb[i].fork_pos,
			    gb[i].reap_pos == UINT64_MAX ? -1LL : (long long)gb[i].reap_pos,
			    gb[i].pb->pid);
			c->a.pid = ga[i].pb->pid;
			c->b.pid = gb[i].pb->pid;
		}
	}
	if (same && (a->order_unknown || b->order_unknown)) {
		/* only the interleaving differs, and what orders it is not known */
		same = false;
		c->v = RN_CMP_INCONCLUSIVE;
		put(c->why, sizeof(c->why),
		    "%s run: too many processes or messages to tell which interleavings "
		    "happens-before allows (the same bytes per process, in another order)",
		    a->order_unknown ? "first" : "second");
	} else if (same) {
		same = same_order(a, b, va, na, vb, nb, c);
	}
	for (uint32_t i = 0; va && i < na; i++)
		free(va[i].p);
	for (uint32_t i = 0; vb && i < nb; i++)
		free(vb[i].p);
	free(va);
	free(vb);
	free(ga);
	free(gb);
	return same;
}

static void cmp_stream(const struct rn_fx_model *ma, const struct rn_fx_model *mb, int which,
		       struct rn_cmp_cat *c)
{
	const struct rn_fx_stream *a = &ma->streams[which], *b = &mb->streams[which];
	uint64_t n = a->len < b->len ? a->len : b->len, off = 0;
	const struct rn_fx_chunk *ca, *cb;

	put(c->counts, sizeof(c->counts), "%llu bytes in %u write%s / %llu bytes in %u write%s",
	    (unsigned long long)a->len, a->nchunks, a->nchunks == 1 ? "" : "s",
	    (unsigned long long)b->len, b->nchunks, b->nchunks == 1 ? "" : "s");
	if (a->len == b->len && (!n || !memcmp(a->data, b->data, n)))
		return;
	if ((writers(a) > 1 || writers(b) > 1) && same_per_process(ma, mb, which, c)) {
		strncat(c->counts, " (processes interleaved differently)",
			sizeof(c->counts) - strlen(c->counts) - 1);
		return;
	}
	if (c->v != RN_CMP_PASS)
		return; /* the order differs, or what orders it is unknown */
	while (off < n && a->data[off] == b->data[off])
		off++;
	c->v = RN_CMP_FAIL;
	c->offset = (int64_t)off;
	if (off == n)
		put(c->what, sizeof(c->what), "the %s run's output ends at byte %llu",
		    a->len < b->len ? "first" : "second", (unsigned long long)n);
	else
		put(c->what, sizeof(c->what), "byte %llu differs", (unsigned long long)off);
	context(c->expected, sizeof(c->expected), a->data, a->len, off);
	context(c->actual, sizeof(c->actual), b->data, b->len, off);
	if ((ca = chunk_at(a, off)))
		c->a = ca->at;
	if ((cb = chunk_at(b, off)))
		c->b = cb->at;
}

static void status_text(char *dst, size_t len, int32_t st)
{
	if ((st & 0x7f) == 0)
		put(dst, len, "exited with %d", (st >> 8) & 0xff);
	else
		put(dst, len, "killed by signal %d%s", st & 0x7f,
		    (st & 0x80) ? " (core dumped)" : "");
}

static void cmp_exit(const struct rn_fx_model *a, const struct rn_fx_model *b, struct rn_cmp_cat *c)
{
	char sa[64] = "unknown", sb[64] = "unknown";

	if (a->have_exit)
		status_text(sa, sizeof(sa), a->exit_status);
	if (b->have_exit)
		status_text(sb, sizeof(sb), b->exit_status);
	put(c->counts, sizeof(c->counts), "%s / %s", sa, sb);
	if (a->have_exit && b->have_exit && a->exit_status != b->exit_status) {
		c->v = RN_CMP_FAIL;
		put(c->what, sizeof(c->what),
		    "the root process %s in the first run, %s in the second", sa, sb);
		c->a.pid = a->root_pid;
		c->b.pid = b->root_pid;
	}
}

static void file_text(char *dst, size_t len, const struct rn_fx_file *f)
{
	char mode[24] = "";

	if (!f) {
		put(dst, len, "not changed");
		return;
	}
	if (f->mode >= 0)
		snprintf(mode, sizeof(mode), ", mode %04o", (unsigned)f->mode);
	if (!f->exists)
		put(dst, len, "removed");
	else if (f->symlink)
		put(dst, len, "a symbolic link to \"%.*s\"", (int)(f->size < 200 ? f->size : 200),
		    f->data ? (const char *)f->data : "");
	else if (!f->base_known)
		put(dst, len, "exists, %s%llu bytes written over content from before the run%s",
		    f->size ? ">= " : "", (unsigned long long)f->size, mode);
	else
		put(dst, len, "exists, %llu bytes (fnv1a64 %016llx)%s", (unsigned long long)f->size,
		    (unsigned long long)f->fnv, mode);
}

/* The first difference between two states of one path; false when they match. */
static bool file_differs(const struct rn_fx_file *a, const struct rn_fx_file *b,
			 struct rn_cmp_cat *c, bool *unknown)
{
	uint64_t n, off;

	if (a->exists && b->exists && a->symlink != b->symlink) {
		put(c->what, sizeof(c->what), "%s: a symbolic link in the %s run only", a->path,
		    a->symlink ? "first" : "second");
		return true;
	}
	if (a->exists != b->exists || (a->mode >= 0 && b->mode >= 0 && a->mode != b->mode) ||
	    (a->mode >= 0) != (b->mode >= 0)) {
		put(c->what, sizeof(c->what), "%s: %s", a->path,
		    a->exists != b->exists ? (a->exists ? "removed only in the second run"
							: "removed only in the first run")
					   : "different mode");
		return true;
	}
	if (!a->exists)
		return false;
	if (!a->content_known || !b->content_known)
		*unknown = true;
	n = a->size < b->size ? a->size : b->size;
	for (off = 0; off < n; off++)
		if ((!a->known || a->known[off]) && (!b->known || b->known[off]) &&
		    a->data[off] != b->data[off])
			break;
	if (off < n) {
		put(c->what, sizeof(c->what), "%s: byte %llu differs", a->path,
		    (unsigned long long)off);
		c->offset = (int64_t)off;
		context(c->expected, sizeof(c->expected), a->data, a->size, off);
		context(c->actual, sizeof(c->actual), b->data, b->size, off);
		return true;
	}
	if (a->size != b->size && a->base_known && b->base_known) {
		put(c->what, sizeof(c->what), "%s: %llu bytes in the first run, %llu in the second",
		    a->path, (unsigned long long)a->size, (unsigned long long)b->size);
		c->offset = (int64_t)n;
		context(c->expected, sizeof(c->expected), a->data, a->size, n);
		context(c->actual, sizeof(c->actual), b->data, b->size, n);
		return true;
	}
	return false;
}

static void cmp_files(const struct rn_fx_model *a, const struct rn_fx_model *b,
		      struct rn_cmp_cat *c)
{
	size_t i = 0, j = 0;
	bool unknown = false;

	put(c->counts, sizeof(c->counts), "%zu changed / %zu changed", a->nfiles, b->nfiles);
	while (i < a->nfiles || j < b->nfiles) {
		int k = i == a->nfiles	 ? 1
			: j == b->nfiles ? -1
					 : strcmp(a->files[i].path, b->files[j].path);
		const struct rn_fx_file *fa = k <= 0 ? &a->files[i] : NULL;
		const struct rn_fx_file *fb = k >= 0 ? &b->files[j] : NULL;

		if (!fa || !fb) {
			c->v = RN_CMP_FAIL;
			put(c->what, sizeof(c->what), "%s: changed only in the %s run",
			    fa ? fa->path : fb->path, fa ? "first" : "second");
		} else if (file_differs(fa, fb, c, &unknown)) {
			c->v = RN_CMP_FAIL;
		}
		if (c->v == RN_CMP_FAIL) {
			/* byte context when the content differs, else the two states */
			if (!c->expected[0])
				file_text(c->expected, sizeof(c->expected), fa);
			if (!c->actual[0])
				file_text(c->actual, sizeof(c->actual), fb);
			if (fa)
				c->a = fa->at;
			if (fb)
				c->b = fb->at;
			return;
		}
		i += k <= 0;
		j += k >= 0;
	}
	if (unknown)
		c->v = RN_CMP_INCONCLUSIVE;
}

static void cmp_items(const struct rn_fx_items *a, const struct rn_fx_items *b,
		      struct rn_cmp_cat *c, const char *noun, bool counted)
{
	size_t i = 0, j = 0;

	put(c->counts, sizeof(c->counts), "%zu %s / %zu %s", a->n, noun, b->n, noun);
	while (i < a->n || j < b->n) {
		int k = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->v[i].key, b->v[j].key);

		if (k == 0 && (!counted || a->v[i].count == b->v[j].count)) {
			i++;
			j++;
			continue;
		}
		c->v = RN_CMP_FAIL;
		if (k == 0) {
			put(c->what, sizeof(c->what),
			    "%s: %llu times in the first run, %llu in the second", a->v[i].key,
			    (unsigned long long)a->v[i].count, (unsigned long long)b->v[j].count);
			c->a = a->v[i].at;
			c->b = b->v[j].at;
		} else if (k < 0) {
			put(c->what, sizeof(c->what), "only in the first run: %s", a->v[i].key);
			c->a = a->v[i].at;
		} else {
			put(c->what, sizeof(c->what), "only in the second run: %s", b->v[j].key);
			c->b = b->v[j].at;
		}
		return;
	}
}

void rn_compare(const struct rn_fx_model *a, const struct rn_fx_model *b,
		const struct rn_cmp_opts *o, struct rn_cmp_result *r)
{
	const struct rn_fx_model *m[2] = {a, b};

	memset(r, 0, sizeof(*r));
	for (int i = 0; i < RN_FX__N; i++)
		r->cat[i].offset = -1;
	cmp_stream(a, b, 0, &r->cat[RN_FX_STDOUT]);
	cmp_stream(a, b, 1, &r->cat[RN_FX_STDERR]);
	cmp_exit(a, b, &r->cat[RN_FX_EXIT]);
	cmp_files(a, b, &r->cat[RN_FX_FILES]);
	cmp_items(&a->dirs, &b->dirs, &r->cat[RN_FX_DIRS], "changes", false);
	cmp_items(&a->reads, &b->reads, &r->cat[RN_FX_READS], "files", false);
	cmp_items(&a->procs, &b->procs, &r->cat[RN_FX_PROCS], "started", false);
	cmp_items(&a->signals, &b->signals, &r->cat[RN_FX_SIGNALS], "sent", false);
	cmp_items(&a->net, &b->net, &r->cat[RN_FX_NET], "endpoints", false);
	/* a side without the evidence decides nothing, whatever was seen */
	for (int i = 0; i < RN_FX__N; i++) {
		struct rn_cmp_cat *c = &r->cat[i];

		for (int s = 0; s < 2; s++)
			if (m[s]->inconclusive[i][0]) {
				if (c->v != RN_CMP_INCONCLUSIVE)
					c->v = RN_CMP_INCONCLUSIVE;
				if (!c->why[0])
					put(c->why, sizeof(c->why), "%s run: %s",
					    s ? "second" : "first", m[s]->inconclusive[i]);
			}
		if (c->v == RN_CMP_INCONCLUSIVE && !c->why[0])
			put(c->why, sizeof(c->why),
			    "a write's bytes are not in the trace (record with --capture-data)");
	}
	for (int s = 0; s < 2; s++) {
		r->perf[s].wall_ns = m[s]->wall_ns;
		r->perf[s].cpu_ns = m[s]->cpu_ns;
		r->perf[s].syscalls = m[s]->syscalls;
		r->perf[s].peak_rss = m[s]->peak_rss;
	}
	if (b->wall_ns)
		r->speedup = (double)a->wall_ns / (double)b->wall_ns;
	r->max_slowdown = o ? o->max_slowdown : 0;
	if (r->max_slowdown > 0 && a->wall_ns &&
	    (double)b->wall_ns > (double)a->wall_ns * r->max_slowdown)
		r->too_slow = true;
	r->overall = RN_CMP_PASS;
	for (int i = 0; i < RN_FX__N; i++)
		if (r->cat[i].v == RN_CMP_FAIL)
			r->overall = RN_CMP_FAIL;
		else if (r->cat[i].v == RN_CMP_INCONCLUSIVE && r->overall == RN_CMP_PASS)
			r->overall = RN_CMP_INCONCLUSIVE;
	if (r->too_slow)
		r->overall = RN_CMP_FAIL;
}

int rn_cmp__status(const struct rn_cmp_result *r)
{
	return r->overall == RN_CMP_PASS ? 0 : r->overall == RN_CMP_FAIL ? 1 : 2;
}
