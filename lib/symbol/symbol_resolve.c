// SPDX-License-Identifier: MIT
/*
 * An address -> its ELF symbol and source locations (the line table's file:line, then each
 * function inlined there up to the real one, named at its call site), cached by module
 * build-id and address: a long trace resolves each address once.
 */
#include "symbol_int.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <libiberty/demangle.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LOCS 16

uint64_t sym__hash(const char *str, uint64_t seed)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;

	for (; *str; str++)
		h = (h ^ (unsigned char)*str) * 0x100000001b3ULL;
	return h;
}

const char *sym__intern(struct rn_symbolizer *s, const char *str)
{
	uint64_t key;
	int64_t i;
	char **slot, *copy;
	uint32_t idx;

	if (!str)
		return NULL;
	key = sym__hash(str, 0);
	i = rn_hmap__get(&s->strs, key);
	if (i >= 0 && !strcmp(*(char **)rn_pool__at(&s->strpool, (uint32_t)i), str))
		return *(char **)rn_pool__at(&s->strpool, (uint32_t)i);
	copy = strdup(str);
	slot = copy ? rn_pool__add(&s->strpool, &idx) : NULL;
	if (!slot) {
		free(copy);
		return NULL;
	}
	*slot = copy;
	if (i < 0)
		rn_hmap__put(&s->strs, key, idx);
	return copy;
}

void sym__cache_free(struct rn_symbolizer *s)
{
	for (uint32_t i = 0; i < s->entries.n; i++)
		free(((struct sym_entry *)rn_pool__at(&s->entries, i))->locs);
	for (uint32_t i = 0; i < s->strpool.n; i++)
		free(*(char **)rn_pool__at(&s->strpool, i));
	rn_pool__free(&s->entries);
	rn_pool__free(&s->strpool);
	rn_hmap__free(&s->cache);
	rn_hmap__free(&s->strs);
	rn_hmap__free(&s->warned);
}

/*
 * C++ and Rust names, legacy and v0, without parameters (_ZN3std2io5_printE17h...E ->
 * std::io::_print; _RNvNtCs..._3std2rt19lang_start_internal -> std::rt::lang_start_internal),
 * by libiberty's demangler (binutils'); name itself when it is not mangled.
 */
static const char *demangle(const char *name, char *out, size_t outlen)
{
	char *d;

	if (!name || (strncmp(name, "_Z", 2) && strncmp(name, "_R", 2)))
		return name;
	d = cplus_demangle(name, DMGL_AUTO);
	if (!d)
		return name;
	snprintf(out, outlen, "%s", d);
	free(d);
	return out;
}

static const char *die_name(Dwarf_Die *die)
{
	Dwarf_Attribute a;

	return dwarf_formstring(dwarf_attr_integrate(die, DW_AT_name, &a));
}

/* file relative to the compilation's directory when it is under it */
static const char *rel_file(const char *file, const char *comp_dir)
{
	size_t n = comp_dir ? strlen(comp_dir) : 0;

	if (file && n && !strncmp(file, comp_dir, n) && file[n] == '/')
		return file + n + 1;
	return file;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* libc, the loader and language runtimes, installed as the system's */
static bool system_module(const char *path)
{
	static const char *const dirs[] = {"/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/",
					   "/usr/libexec/"};
	static const char *const names[] = {"ld-linux",	 "libc.so",  "libc-",	  "libpthread",
					    "libstdc++", "libgcc_s", "libpython", "python"};
	const char *b = base_name(path);

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (!strncmp(path, dirs[i], strlen(dirs[i])))
			return true;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strncmp(b, names[i], strlen(names[i])))
			return true;
	return false;
}

/* the standard library of a language, compiled into the program (Rust's std) */
static bool runtime_file(const char *file)
{
	static const char *const dirs[] = {"library/std/",   "library/core/", "library/alloc/",
					   "library/panic_", "rust/deps/",    "rustlib/"};

	if (!strncmp(file, "/rustc/", 7))
		return true;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		const char *at = strstr(file, dirs[i]);

		if (at && (at == file || at[-1] == '/'))
			return true;
	}
	return false;
}

static void warn_nodebug(struct rn_symbolizer *s, const struct sym_mod *m)
{
	if (!s->warn || system_module(m->path) || rn_hmap__get(&s->warned, m->key) >= 0)
		return;
	rn_hmap__put(&s->warned, m->key, 1);
	if (m->build_id[0])
		fprintf(
		    s->warn,
		    "renacerctl: %s has no debug info, so its calls show no source lines (rebuild "
		    "it with -g, or install its symbols as /usr/lib/debug/.build-id/%.2s/%s.debug, "
		    "e.g. its -dbgsym package)\n",
		    m->path, m->build_id, m->build_id + 2);
	else
		fprintf(
		    s->warn,
		    "renacerctl: %s has no debug info, so its calls show no source lines (rebuild "
		    "it with -g)\n",
		    m->path);
}

/* The subprogram of cu's tree (through namespaces and types) whose code holds pc. */
static bool find_subprogram(Dwarf_Die *parent, Dwarf_Addr pc, Dwarf_Die *out, int depth)
{
	Dwarf_Die c;

	if (depth > 16 || dwarf_child(parent, &c) != 0)
		return false;
	do {
		int tag = dwarf_tag(&c);

		if (tag == DW_TAG_subprogram && dwarf_haspc(&c, pc) > 0) {
			*out = c;
			return true;
		}
		if ((tag == DW_TAG_namespace || tag == DW_TAG_structure_type ||
		     tag == DW_TAG_class_type || tag == DW_TAG_union_type ||
		     tag == DW_TAG_enumeration_type) &&
		    find_subprogram(&c, pc, out, depth + 1))
			return true;
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

/*
 * dwarf_getscopes for a CU that nests its functions in namespaces (Rust's): libdw prunes
 * a DIE without an address range, a namespace too, before its children. The subprogram
 * holding pc and the inlined subroutines (through lexical blocks) down to pc, innermost
 * first, as dwarf_getscopes gives them; 0 when none holds pc.
 */
static int nested_scopes(Dwarf_Die *cu, Dwarf_Addr pc, Dwarf_Die **out)
{
	Dwarf_Die chain[MAX_LOCS], c;
	int n;

	*out = NULL;
	if (!find_subprogram(cu, pc, &chain[0], 0))
		return 0;
	for (n = 1; n < MAX_LOCS; n++) {
		bool found = false;

		if (dwarf_child(&chain[n - 1], &c) != 0)
			break;
		do {
			int tag = dwarf_tag(&c);

			found = (tag == DW_TAG_inlined_subroutine || tag == DW_TAG_lexical_block) &&
				dwarf_haspc(&c, pc) > 0;
		} while (!found && dwarf_siblingof(&c, &c) == 0);
		if (!found)
			break;
		chain[n] = c;
	}
	*out = malloc((size_t)n * sizeof(**out));
	if (!*out)
		return 0;
	for (int i = 0; i < n; i++)
		(*out)[i] = chain[n - 1 - i];
	return n;
}

/* The DWARF locations of addr (module address lookup, bias applied by libdw). */
static uint32_t dwarf_locs(struct rn_symbolizer *s, Dwfl_Module *mod, Dwarf_Addr lookup,
			   struct rn_sym_loc *locs)
{
	Dwarf_Addr bias;
	Dwarf_Die *cu = dwfl_module_addrdie(mod, lookup, &bias), *scopes = NULL;
	Dwfl_Line *l = dwfl_module_getsrc(mod, lookup);
	const char *file = NULL, *comp_dir;
	Dwarf_Files *files = NULL;
	Dwarf_Attribute a;
	size_t nfiles = 0;
	int line = 0, n;
	uint32_t nl = 0;

	if (!cu)
		return 0;
	comp_dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a));
	if (l)
		file = dwfl_lineinfo(l, NULL, &line, NULL, NULL, NULL);
	dwarf_getsrcfiles(cu, &files, &nfiles);
	n = dwarf_getscopes(cu, lookup - bias, &scopes);
	if (n <= 0) {
		free(scopes);
		n = nested_scopes(cu, lookup - bias, &scopes);
	}
	for (int i = 0; i < n && nl < MAX_LOCS; i++) {
		int tag = dwarf_tag(&scopes[i]);
		Dwarf_Word cf = 0, cl = 0;

		if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram)
			continue;
		locs[nl].func = sym__intern(s, die_name(&scopes[i]));
		locs[nl].file = sym__intern(s, rel_file(file, comp_dir));
		locs[nl].line = line > 0 ? (uint32_t)line : 0;
		locs[nl].inlined = tag == DW_TAG_inlined_subroutine;
		nl++;
		if (tag == DW_TAG_subprogram)
			break;
		/* the caller's location is where this one was inlined */
		dwarf_formudata(dwarf_attr(&scopes[i], DW_AT_call_file, &a), &cf);
		dwarf_formudata(dwarf_attr(&scopes[i], DW_AT_call_line, &a), &cl);
		file = files && cf < nfiles ? dwarf_filesrc(files, cf, NULL, NULL) : NULL;
		line = (int)cl;
	}
	free(scopes);
	if (!nl && file) {
		/* no scope holds it: the line table's line, the ELF name */
		memset(&locs[0], 0, sizeof(locs[0]));
		locs[0].file = sym__intern(s, rel_file(file, comp_dir));
		locs[0].line = line > 0 ? (uint32_t)line : 0;
		nl = 1;
	}
	return nl;
}

static struct sym_entry *entry_new(struct rn_symbolizer *s, struct sym_mod *m, Dwfl_Module *mod,
				   uint64_t lookup, uint64_t rel)
{
	struct rn_sym_loc locs[MAX_LOCS];
	struct sym_entry *e;
	GElf_Off off = 0;
	GElf_Sym sym;
	char dm[512];
	const char *name = dwfl_module_addrinfo(mod, lookup, &off, &sym, NULL, NULL, NULL);
	uint32_t idx;

	s->stats.lookups++;
	e = rn_pool__add(&s->entries, &idx);
	if (!e)
		return NULL;
	e->modkey = m->key;
	e->rel = rel;
	e->sym = sym__intern(s, demangle(name, dm, sizeof(dm)));
	e->sym_rel = rel - off;
	e->nlocs = dwarf_locs(s, mod, lookup, locs);
	if (!e->nlocs && !m->nodebug) {
		Dwarf_Addr bias;

		m->nodebug = !dwfl_module_getdwarf(mod, &bias);
		if (m->nodebug)
			warn_nodebug(s, m);
	}
	for (uint32_t i = 0; i < e->nlocs; i++) {
		if (!locs[i].func)
			locs[i].func = e->sym;
		locs[i].own =
		    locs[i].file && !runtime_file(locs[i].file) && !system_module(m->path);
	}
	e->locs = e->nlocs ? malloc(e->nlocs * sizeof(*locs)) : NULL;
	if (e->locs)
		memcpy(e->locs, locs, e->nlocs * sizeof(*locs));
	else
		e->nlocs = 0;
	rn_hmap__put(&s->cache, m->key * 0x9e3779b97f4a7c15ULL ^ rel, idx);
	return e;
}

void sym__resolve(struct rn_symbolizer *s, struct sym_proc *p, uint64_t pc, bool act,
		  struct rn_sym_frame *f)
{
	uint64_t lookup = act ? pc : pc - 1, rel;
	Dwfl_Module *mod = dwfl_addrmodule(p->dwfl, lookup);
	struct sym_entry *e = NULL;
	struct sym_mod *m;
	void **ud = NULL;
	int64_t i;

	f->pc = pc;
	if (!mod || !dwfl_module_info(mod, &ud, NULL, NULL, NULL, NULL, NULL, NULL) || !ud || !*ud)
		return;
	m = *ud;
	f->module = m->path;
	f->build_id = m->build_id;
	f->offset = pc - m->start + m->pgoff;
	rel = lookup - m->bias;
	i = rn_hmap__get(&s->cache, m->key * 0x9e3779b97f4a7c15ULL ^ rel);
	if (i >= 0) {
		e = rn_pool__at(&s->entries, (uint32_t)i);
		if (e->modkey != m->key || e->rel != rel)
			e = NULL;
	}
	if (!e)
		e = entry_new(s, m, mod, lookup, rel);
	if (!e)
		return;
	f->sym = e->sym;
	f->sym_off = pc - m->bias - e->sym_rel;
	f->locs = e->locs;
	f->nlocs = e->nlocs;
	for (uint32_t j = 0; j < e->nlocs && !f->own; j++)
		f->own = e->locs[j].own;
}
