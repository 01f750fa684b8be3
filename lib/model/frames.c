// SPDX-License-Identifier: MIT
#include "frames.h"

#include <stdlib.h>
#include <string.h>

static struct rn_tr_frame *frame_add(struct rn_frames *f)
{
	if (f->n == f->cap) {
		uint32_t cap = f->cap ? f->cap * 2 : 64;
		struct rn_tr_frame *v = realloc(f->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		f->v = v;
		f->cap = cap;
	}
	memset(&f->v[f->n], 0, sizeof(f->v[0]));
	return &f->v[f->n++];
}

uint32_t rn_frames__collect(struct rn_frames *f, struct rn_symbolizer *sym,
			    const struct rn_event *ev)
{
	const struct rn_sym_frame *sf;
	int n = rn_symbolizer__event(sym, ev, &sf);

	f->n = 0;
	for (int i = 0; i < n; i++) {
		uint32_t j = 0;

		do {
			struct rn_tr_frame *t = frame_add(f);
			const struct rn_sym_loc *l = j < sf[i].nlocs ? &sf[i].locs[j] : NULL;

			if (!t)
				return f->n;
			t->pc = sf[i].pc;
			t->offset = sf[i].offset;
			t->module = sf[i].module;
			t->build_id = sf[i].build_id && sf[i].build_id[0] ? sf[i].build_id : NULL;
			t->symbol = sf[i].sym;
			t->symbol_offset = sf[i].sym_off;
			if (l) {
				t->function = l->func;
				t->file = l->file;
				t->line = l->line;
				t->inlined = l->inlined;
				t->own = l->own;
			}
		} while (++j < sf[i].nlocs);
	}
	return f->n;
}

void rn_frames__free(struct rn_frames *f)
{
	if (!f)
		return;
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static bool libc_or_loader(const char *module)
{
	const char *b = module ? strrchr(module, '/') : NULL;

	b = b ? b + 1 : module;
	return !b || !strncmp(b, "libc.so", 7) || !strncmp(b, "libc-", 5) ||
	       !strncmp(b, "ld-linux", 8) || !strncmp(b, "libpthread", 10);
}

/* As trace prints it live (lib/symbol/symbol_text.c): the first location of the program's
 * own code, else the first frame past libc and the loader. */
static void put_source(struct rn_strbuf *sb, const struct rn_tr_frame *f, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (f[i].own && f[i].file) {
			rn_sym__put_source(sb, f[i].file, f[i].line, f[i].function);
			return;
		}
	}
	for (i = 0; i < n; i++) {
		const char *b;

		if (libc_or_loader(f[i].module))
			continue;
		if (f[i].file) {
			rn_sym__put_source(sb, f[i].file, f[i].line, f[i].function);
			return;
		}
		b = strrchr(f[i].module, '/');
		rn_strbuf__puts(sb, " [");
		rn_strbuf__puts(sb, b ? b + 1 : f[i].module);
		if (f[i].symbol) {
			rn_strbuf__putc(sb, ' ');
			rn_strbuf__puts(sb, f[i].symbol);
			rn_strbuf__putc(sb, '+');
			rn_strbuf__append_hex(sb, f[i].symbol_offset);
		}
		rn_strbuf__putc(sb, ']');
		return;
	}
}

void rn_frames__put_text(struct rn_strbuf *sb, const struct rn_tr_frame *f, uint32_t n,
			 unsigned show)
{
	if (!n)
		return;
	if (show & RN_SYM_SOURCE)
		put_source(sb, f, n);
	if (show & RN_SYM_STACK)
		for (uint32_t i = 0; i < n; i++)
			if (!f[i].inlined)
				rn_sym__put_frame(sb, f[i].module, f[i].symbol, f[i].symbol_offset,
						  f[i].offset, f[i].file, f[i].line);
}
