// SPDX-License-Identifier: MIT
/*
 * The flame graph: calls summed per (process, syscall) as they come, stacks made at the end
 * (a process record may follow its calls), merged, sorted, then written as folded text or
 * laid out as an SVG whose script zooms and searches in the viewer.
 */
#include "flame.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flame_svg.h"
#include "hmap.h"
#include "strbuf.h"
#include "systable.h"

struct leaf {
	uint32_t pid;
	int nr;
	char name[32];
	char *frames; /* "outer;...;inner" from the call's recorded stack, or NULL */
	uint64_t value;
};

struct stack {
	char *text; /* "frame;frame;leaf" */
	uint64_t value;
};

struct rn_flame {
	enum rn_flame_metric metric;
	struct rn_hmap leafmap;	 /* pid << 32 | nr -> index in leaves (calls without a stack) */
	struct rn_hmap stackmap; /* hash of (pid, nr, frames), probed -> index in leaves */
	struct leaf *leaves;
	size_t nleaves, leafcap;
	struct rn_hmap commmap; /* pid -> index in comms */
	char **comms;
	size_t ncomms, commcap;
	struct stack *stacks; /* made by make_stacks */
	size_t nstacks;
};

int rn_flame_metric__parse(const char *s)
{
	if (!strcmp(s, "time"))
		return RN_FLAME_TIME;
	if (!strcmp(s, "calls"))
		return RN_FLAME_CALLS;
	if (!strcmp(s, "bytes"))
		return RN_FLAME_BYTES;
	return -1;
}

struct rn_flame *rn_flame__new(enum rn_flame_metric m)
{
	struct rn_flame *fl = calloc(1, sizeof(*fl));

	if (fl)
		fl->metric = m;
	return fl;
}

static void free_stacks(struct rn_flame *fl)
{
	for (size_t i = 0; i < fl->nstacks; i++)
		free(fl->stacks[i].text);
	free(fl->stacks);
	fl->stacks = NULL;
	fl->nstacks = 0;
}

void rn_flame__free(struct rn_flame *fl)
{
	if (!fl)
		return;
	free_stacks(fl);
	rn_hmap__free(&fl->leafmap);
	rn_hmap__free(&fl->stackmap);
	for (size_t i = 0; i < fl->nleaves; i++)
		free(fl->leaves[i].frames);
	free(fl->leaves);
	rn_hmap__free(&fl->commmap);
	for (size_t i = 0; i < fl->ncomms; i++)
		free(fl->comms[i]);
	free(fl->comms);
	free(fl);
}

static int grow(void *arr, size_t *cap, size_t n, size_t sz)
{
	size_t c = *cap ? *cap : 32;
	void *p;

	if (n <= *cap)
		return 0;
	while (c < n)
		c *= 2;
	p = realloc(*(void **)arr, c * sz);
	if (!p)
		return -ENOMEM;
	*(void **)arr = p;
	*cap = c;
	return 0;
}

/* Bytes a call moved: its positive result when one of its arguments is a data buffer. */
static uint64_t bytes_of(const struct rn_tr_event *e)
{
	const struct rn_sysrow *row = rn_systable__row(e->nr);

	if (!row || e->result <= 0)
		return 0;
	for (unsigned i = 0; i < row->nargs && i < RN_NR_ARGS; i++)
		switch (row->arg[i]) {
		case RN_A_WBUF:
		case RN_A_RBUF:
		case RN_A_RBUF_HEX:
		case RN_A_IOV:
		case RN_A_IOV_OUT:
		case RN_A_MSGHDR:
		case RN_A_MSGHDR_OUT:
			return (uint64_t)e->result;
		default:
			break;
		}
	return 0;
}

/* ';' separates frames and the last blank the value: neither may be in a name */
static void put_name(struct rn_strbuf *sb, const char *s)
{
	for (; *s; s++)
		rn_strbuf__putc(sb, *s == ';' || *s == ' ' || *s == '\n' || *s == '\t' ? '_' : *s);
}

/*
 * The recorded stack as folded frames, outermost first (frames[0] is the innermost): each
 * frame by its function, else its ELF symbol, else module+offset, else its address.
 */
static void put_frames(struct rn_strbuf *sb, const struct rn_tr_event *e)
{
	for (uint32_t i = e->nframes; i-- > 0;) {
		const struct rn_tr_frame *f = &e->frames[i];
		const char *mod = f->module ? strrchr(f->module, '/') : NULL;

		if (sb->len)
			rn_strbuf__putc(sb, ';');
		if (f->function && *f->function)
			put_name(sb, f->function);
		else if (f->symbol && *f->symbol)
			put_name(sb, f->symbol);
		else if (f->module) {
			put_name(sb, mod ? mod + 1 : f->module);
			rn_strbuf__printf(sb, "+0x%llx", (unsigned long long)f->offset);
		} else
			rn_strbuf__printf(sb, "0x%llx", (unsigned long long)f->pc);
	}
}

static uint64_t hash_text(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* The leaf of (pid, nr, frames): found by probing from the hash, or -1 with *slot free. */
static int64_t find_framed(const struct rn_flame *fl, uint32_t pid, int nr, const char *frames,
			   uint64_t *slot)
{
	uint64_t key =
	    hash_text(0xcbf29ce484222325ULL ^ ((uint64_t)pid << 32 | (uint32_t)nr), frames);
	int64_t k;

	while ((k = rn_hmap__get(&fl->stackmap, key)) >= 0) {
		const struct leaf *l = &fl->leaves[k];

		if (l->pid == pid && l->nr == nr && l->frames && !strcmp(l->frames, frames))
			return k;
		key++;
	}
	*slot = key;
	return -1;
}

static int fl_event(void *ctx, const struct rn_tr_event *e)
{
	struct rn_flame *fl = ctx;
	struct rn_strbuf sb = {0};
	uint64_t key, v;
	int64_t k;

	if (e->kind != RN_TR_SYSCALL || e->nr < 0)
		return 0;
	v = fl->metric == RN_FLAME_TIME	   ? e->duration_ns
	    : fl->metric == RN_FLAME_CALLS ? 1
					   : bytes_of(e);
	if (e->nframes) {
		put_frames(&sb, e);
		if (!sb.buf)
			return -ENOMEM;
		k = find_framed(fl, e->pid, e->nr, sb.buf, &key);
	} else {
		key = (uint64_t)e->pid << 32 | (uint32_t)e->nr;
		k = rn_hmap__get(&fl->leafmap, key);
	}
	if (k < 0) {
		struct leaf *l;

		if (grow(&fl->leaves, &fl->leafcap, fl->nleaves + 1, sizeof(*fl->leaves)) ||
		    rn_hmap__put(sb.buf ? &fl->stackmap : &fl->leafmap, key,
				 (uint32_t)fl->nleaves)) {
			free(sb.buf);
			return -ENOMEM;
		}
		l = &fl->leaves[fl->nleaves];
		*l = (struct leaf){.pid = e->pid, .nr = e->nr, .frames = sb.buf};
		sb.buf = NULL;
		snprintf(l->name, sizeof(l->name), "%s", e->name ? e->name : "?");
		k = (int64_t)fl->nleaves++;
	}
	free(sb.buf);
	fl->leaves[k].value += v;
	return 0;
}

static const char *basename_of(const char *s)
{
	const char *b = s ? strrchr(s, '/') : NULL;

	return b ? b + 1 : s;
}

static int fl_process(void *ctx, const struct rn_tr_process *p)
{
	struct rn_flame *fl = ctx;
	const char *comm = p->argv && p->argv[0] ? basename_of(p->argv[0]) : basename_of(p->exe);
	int64_t k = rn_hmap__get(&fl->commmap, p->pid);
	char *c = strdup(comm && *comm ? comm : "?");

	if (!c)
		return -ENOMEM;
	for (char *s = c; *s; s++) /* as put_name */
		if (*s == ';' || *s == ' ' || *s == '\n' || *s == '\t')
			*s = '_';
	if (k >= 0) {
		free(fl->comms[k]);
		fl->comms[k] = c;
		return 0;
	}
	if (grow(&fl->comms, &fl->commcap, fl->ncomms + 1, sizeof(*fl->comms)) ||
	    rn_hmap__put(&fl->commmap, p->pid, (uint32_t)fl->ncomms)) {
		free(c);
		return -ENOMEM;
	}
	fl->comms[fl->ncomms++] = c;
	return 0;
}

static void fl_close(void *ctx)
{
	(void)ctx;
}

int rn_flame__sink(struct rn_flame *fl, struct rn_tr_sink *out)
{
	*out = (struct rn_tr_sink){
	    .ctx = fl,
	    .event = fl_event,
	    .process = fl_process,
	    .close = fl_close,
	};
	return 0;
}

static int cmp_stack(const void *a, const void *b)
{
	return strcmp(((const struct stack *)a)->text, ((const struct stack *)b)->text);
}

/* The leaves as stacks, equal ones merged, sorted by text. */
static int make_stacks(struct rn_flame *fl)
{
	size_t n = 0;

	free_stacks(fl);
	if (fl->nleaves && !(fl->stacks = calloc(fl->nleaves, sizeof(*fl->stacks))))
		return -ENOMEM;
	for (size_t i = 0; i < fl->nleaves; i++) {
		const struct leaf *l = &fl->leaves[i];
		int64_t k = rn_hmap__get(&fl->commmap, l->pid);
		char pidname[24];
		const char *comm = k >= 0 ? fl->comms[k] : pidname;
		size_t len;

		if (!l->value)
			continue;
		snprintf(pidname, sizeof(pidname), "pid_%u", l->pid);
		len = strlen(comm) + 1 + (l->frames ? strlen(l->frames) + 1 : 0) + strlen(l->name) +
		      1;
		if (!(fl->stacks[n].text = malloc(len)))
			return -ENOMEM;
		snprintf(fl->stacks[n].text, len, "%s;%s%s%s", comm, l->frames ? l->frames : "",
			 l->frames ? ";" : "", l->name);
		fl->stacks[n++].value = l->value;
		fl->nstacks = n;
	}
	qsort(fl->stacks, n, sizeof(*fl->stacks), cmp_stack);
	fl->nstacks = 0;
	for (size_t i = 0; i < n; i++) {
		struct stack *last = fl->nstacks ? &fl->stacks[fl->nstacks - 1] : NULL;

		if (last && !strcmp(last->text, fl->stacks[i].text)) {
			last->value += fl->stacks[i].value;
			free(fl->stacks[i].text);
		} else {
			fl->stacks[fl->nstacks++] = fl->stacks[i];
		}
	}
	return 0;
}

int rn_flame__write_folded(struct rn_flame *fl, FILE *f)
{
	int r = make_stacks(fl);

	for (size_t i = 0; !r && i < fl->nstacks; i++)
		if (fprintf(f, "%s %llu\n", fl->stacks[i].text,
			    (unsigned long long)fl->stacks[i].value) < 0)
			r = -EIO;
	return r;
}

int rn_flame__write_svg(struct rn_flame *fl, FILE *f, const char *title)
{
	static const char *const units[] = {"ns", "calls", "bytes"};
	const char **texts = NULL;
	uint64_t *values = NULL;
	int r = make_stacks(fl);

	if (!r && fl->nstacks &&
	    (!(texts = calloc(fl->nstacks, sizeof(*texts))) ||
	     !(values = calloc(fl->nstacks, sizeof(*values)))))
		r = -ENOMEM;
	for (size_t i = 0; !r && i < fl->nstacks; i++) {
		texts[i] = fl->stacks[i].text;
		values[i] = fl->stacks[i].value;
	}
	if (!r)
		r = rn_flame_svg__write(f, texts, values, fl->nstacks, title, units[fl->metric]);
	free(texts);
	free(values);
	return r;
}
