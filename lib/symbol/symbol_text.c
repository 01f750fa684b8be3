// SPDX-License-Identifier: MIT
/* What trace prints of a stack: --source's ` [file:line function]` and strace -k's lines. */
#include <string.h>

#include "symbol.h"

void rn_sym__put_source(struct rn_strbuf *sb, const char *file, uint32_t line, const char *func)
{
	rn_strbuf__puts(sb, " [");
	rn_strbuf__puts(sb, file);
	rn_strbuf__putc(sb, ':');
	rn_strbuf__append_u64(sb, line);
	if (func) {
		rn_strbuf__putc(sb, ' ');
		rn_strbuf__puts(sb, func);
	}
	rn_strbuf__putc(sb, ']');
}

void rn_sym__put_frame(struct rn_strbuf *sb, const char *module, const char *sym, uint64_t sym_off,
		       uint64_t offset, const char *file, uint32_t line)
{
	(void)file;
	(void)line;
	rn_strbuf__puts(sb, "\n > ");
	rn_strbuf__puts(sb, module ? module : "?");
	rn_strbuf__putc(sb, '(');
	if (sym)
		rn_strbuf__puts(sb, sym);
	rn_strbuf__putc(sb, '+');
	rn_strbuf__append_hex(sb, sym ? sym_off : offset);
	rn_strbuf__puts(sb, ") [");
	rn_strbuf__append_hex(sb, offset);
	rn_strbuf__putc(sb, ']');
}

static bool libc_or_loader(const char *module)
{
	const char *b = module ? strrchr(module, '/') : NULL;

	b = b ? b + 1 : module;
	return !b || !strncmp(b, "libc.so", 7) || !strncmp(b, "libc-", 5) ||
	       !strncmp(b, "ld-linux", 8) || !strncmp(b, "libpthread", 10);
}

/* The first location of the program's own code, or, without one (an interpreter), the
 * first frame past libc and the loader as it is. */
static void put_source(struct rn_strbuf *sb, const struct rn_sym_frame *f, int n)
{
	int i = rn_sym__first_own(f, n);

	if (i >= 0) {
		for (uint32_t j = 0; j < f[i].nlocs; j++) {
			const struct rn_sym_loc *l = &f[i].locs[j];

			if (l->own) {
				rn_sym__put_source(sb, l->file, l->line, l->func);
				return;
			}
		}
	}
	for (i = 0; i < n; i++) {
		if (libc_or_loader(f[i].module))
			continue;
		if (f[i].nlocs && f[i].locs[0].file) {
			rn_sym__put_source(sb, f[i].locs[0].file, f[i].locs[0].line,
					   f[i].locs[0].func);
		} else if (f[i].module) {
			const char *b = strrchr(f[i].module, '/');

			rn_strbuf__puts(sb, " [");
			rn_strbuf__puts(sb, b ? b + 1 : f[i].module);
			if (f[i].sym) {
				rn_strbuf__putc(sb, ' ');
				rn_strbuf__puts(sb, f[i].sym);
				rn_strbuf__putc(sb, '+');
				rn_strbuf__append_hex(sb, f[i].sym_off);
			}
			rn_strbuf__putc(sb, ']');
		}
		return;
	}
}

void rn_sym_text__annotate(void *ctx, struct rn_strbuf *sb, const struct rn_event *ev)
{
	struct rn_sym_text *t = ctx;
	const struct rn_sym_frame *f;
	int n = rn_symbolizer__event(t->sym, ev, &f);

	if (n <= 0)
		return;
	if (t->show & RN_SYM_SOURCE)
		put_source(sb, f, n);
	if (t->show & RN_SYM_STACK)
		for (int i = 0; i < n; i++)
			rn_sym__put_frame(sb, f[i].module, f[i].sym, f[i].sym_off, f[i].offset,
					  NULL, 0);
}
