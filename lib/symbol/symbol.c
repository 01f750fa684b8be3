// SPDX-License-Identifier: MIT
/*
 * Processes and unwinding. Each traced process gets a Dwfl with its executable mappings
 * reported as modules (at the load bias the mapping and the ELF's program headers give)
 * and a thread state attached whose registers and memory are the sample's: libdw unwinds
 * by the CFI (.eh_frame, .debug_frame) of each module, reading the stack from the copy
 * BPF took, and falls back to frame pointers where a module has none.
 */
#include "symbol_int.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static char *debuginfo_path;

/* .gnu_debuglink and /usr/lib/debug/.build-id are followed by the standard finder */
static const Dwfl_Callbacks dwfl_cbs = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
    .debuginfo_path = &debuginfo_path,
};

int rn_symbolizer__new(struct rn_symbolizer **out, FILE *warn)
{
	struct rn_symbolizer *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->warn = warn;
	rn_pool__init(&s->entries, sizeof(struct sym_entry));
	rn_pool__init(&s->strpool, sizeof(char *));
	elf_version(EV_CURRENT);
	*out = s;
	return 0;
}

static void proc_clear(struct sym_proc *p)
{
	if (p->dwfl)
		dwfl_end(p->dwfl);
	free(p->maps);
	free(p->mods);
	memset(p, 0, sizeof(*p));
}

void rn_symbolizer__free(struct rn_symbolizer *s)
{
	if (!s)
		return;
	rn_debug("stacks: %llu unwound, %llu frames, %llu addresses resolved from DWARF (the "
		 "cache served the other %llu), %llu calls without a stack",
		 (unsigned long long)s->stats.stacks, (unsigned long long)s->stats.frames,
		 (unsigned long long)s->stats.lookups,
		 (unsigned long long)(s->stats.frames - s->stats.lookups),
		 (unsigned long long)s->stats.no_stack);
	for (int i = 0; i < SYM_PROCS; i++)
		proc_clear(&s->procs[i]);
	sym__cache_free(s);
	free(s);
}

void rn_symbolizer__stats(const struct rn_symbolizer *s, struct rn_sym_stats *out)
{
	*out = s->stats;
}

/* A path from BPF: components leaf first, each NUL-ended. */
static void join_path(const char *comp, uint32_t len, char *out, size_t outlen)
{
	const char *parts[64];
	size_t n = 0, o = 0;
	uint32_t i = 0;

	while (i < len && n < 64) {
		parts[n++] = comp + i;
		i += (uint32_t)strnlen(comp + i, len - i) + 1;
	}
	out[0] = 0;
	while (n-- > 0 && o + 2 < outlen) {
		int w =
		    snprintf(out + o, outlen - o, "/%.*s", (int)strnlen(parts[n], len), parts[n]);

		if (w < 0)
			break;
		o += (size_t)w;
	}
	if (!out[0])
		snprintf(out, outlen, "/");
}

/*
 * The load bias of the file mapped executable at start from file offset pgoff: the PT_LOAD
 * that holds pgoff is at start - pgoff + p_offset, its ELF address is p_vaddr.
 */
static int load_bias(const char *path, uint64_t start, uint64_t pgoff, uint64_t *bias)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = -ENOENT;
	Elf *elf;
	size_t n;

	if (fd < 0)
		return -errno;
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (elf && !elf_getphdrnum(elf, &n)) {
		for (size_t i = 0; i < n; i++) {
			GElf_Phdr ph;

			/* the executable one: a read-only segment may share its first page */
			if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD ||
			    !(ph.p_flags & PF_X))
				continue;
			if (pgoff >= (ph.p_offset & ~(uint64_t)4095) &&
			    pgoff < ph.p_offset + ph.p_filesz) {
				*bias = start - pgoff + ph.p_offset - ph.p_vaddr;
				err = 0;
				break;
			}
		}
	}
	elf_end(elf);
	close(fd);
	return err;
}

static pid_t next_thread(Dwfl *dwfl, void *arg, void **thread_argp)
{
	struct sym_proc *p = arg;

	(void)dwfl;
	if (*thread_argp)
		return 0;
	*thread_argp = p;
	return (pid_t)p->owner->tid;
}

static bool get_thread(Dwfl *dwfl, pid_t tid, void *arg, void **thread_argp)
{
	(void)dwfl;
	(void)tid;
	*thread_argp = arg;
	return true;
}

static bool memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result, void *arg)
{
	struct rn_symbolizer *s = ((struct sym_proc *)arg)->owner;
	uint64_t sp = s->regs->sp;

	(void)dwfl;
	if (addr < sp || addr - sp + 8 > s->stack_len)
		return false;
	memcpy(result, s->stack + (addr - sp), 8);
	return true;
}

/* x86_64 DWARF register numbers: 3 rbx, 6 rbp, 7 rsp, 12-15 r12-r15 */
static bool set_initial_registers(Dwfl_Thread *th, void *arg)
{
	const struct rn_stack_regs *r = ((struct sym_proc *)arg)->owner->regs;
	Dwarf_Word bx = r->bx, bpsp[2] = {r->bp, r->sp}, hi[4] = {r->r12, r->r13, r->r14, r->r15};

	if (!dwfl_thread_state_registers(th, 3, 1, &bx) ||
	    !dwfl_thread_state_registers(th, 6, 2, bpsp) ||
	    !dwfl_thread_state_registers(th, 12, 4, hi))
		return false;
	dwfl_thread_state_register_pc(th, r->ip);
	return true;
}

static const Dwfl_Thread_Callbacks thread_cbs = {
    .next_thread = next_thread,
    .get_thread = get_thread,
    .memory_read = memory_read,
    .set_initial_registers = set_initial_registers,
};

/* Reports the mappings of the item to a new Dwfl for p; 0 or -errno. */
static int proc_build(struct rn_symbolizer *s, struct sym_proc *p, const struct rn_item *maps)
{
	const uint8_t *d = rn_item__data(maps), *end = d + maps->len;
	char path[4096];
	uint32_t cap = 0;

	p->dwfl = dwfl_begin(&dwfl_cbs);
	if (!p->dwfl)
		return -ENOMEM;
	p->maps = malloc(maps->len ? maps->len : 1);
	if (!p->maps)
		return -ENOMEM;
	memcpy(p->maps, d, maps->len);
	p->maps_len = maps->len;
	dwfl_report_begin(p->dwfl);
	while (d + sizeof(struct rn_map_ent) <= end) {
		struct rn_map_ent m;
		struct sym_mod *sm;
		Dwfl_Module *mod;
		const unsigned char *bits;
		GElf_Addr vaddr;
		int nbits;

		memcpy(&m, d, sizeof(m));
		if (m.size < sizeof(m) || m.size > (size_t)(end - d) ||
		    m.pathlen > m.size - sizeof(m))
			break;
		join_path((const char *)d + sizeof(m), m.pathlen, path, sizeof(path));
		d += m.size;
		if (p->nmods == cap) {
			struct sym_mod *n =
			    realloc(p->mods, (cap = cap ? cap * 2 : 16) * sizeof(*n));

			if (!n)
				return -ENOMEM;
			p->mods = n;
		}
		sm = &p->mods[p->nmods];
		memset(sm, 0, sizeof(*sm));
		sm->start = m.start;
		sm->pgoff = m.pgoff;
		if (load_bias(path, m.start, m.pgoff, &sm->bias))
			continue;
		mod = dwfl_report_elf(p->dwfl, path, path, -1, sm->bias, true);
		if (!mod)
			continue;
		sm->path = sym__intern(s, path);
		nbits = dwfl_module_build_id(mod, &bits, &vaddr);
		if (nbits > 0) {
			char hex[129];
			int i;

			for (i = 0; i < nbits && i < 64; i++)
				snprintf(hex + 2 * i, 3, "%02x", bits[i]);
			sm->build_id = sym__intern(s, hex);
		} else {
			sm->build_id = sym__intern(s, "");
		}
		sm->key = sym__hash(nbits > 0 ? sm->build_id : sm->path, 0x5157);
		p->nmods++;
	}
	dwfl_report_end(p->dwfl, NULL, NULL);
	/* userdata after the report: the array no longer moves */
	for (uint32_t i = 0; i < p->nmods; i++) {
		Dwfl_Module *mod = dwfl_addrmodule(p->dwfl, p->mods[i].start);
		void **ud;

		if (mod && dwfl_module_info(mod, &ud, NULL, NULL, NULL, NULL, NULL, NULL))
			*ud = &p->mods[i];
	}
	if (!dwfl_attach_state(p->dwfl, NULL, (pid_t)p->tgid, &thread_cbs, p))
		return -EINVAL;
	return 0;
}

/* The process's state: the one built from these mappings, or a new one. */
static struct sym_proc *proc_get(struct rn_symbolizer *s, uint32_t tgid, const struct rn_item *maps)
{
	struct sym_proc *p = NULL, *old = &s->procs[0];

	for (int i = 0; i < SYM_PROCS; i++) {
		if (s->procs[i].dwfl && s->procs[i].tgid == tgid)
			p = &s->procs[i];
		if (s->procs[i].used < old->used)
			old = &s->procs[i];
	}
	if (p && maps &&
	    (maps->len != p->maps_len || memcmp(rn_item__data(maps), p->maps, maps->len))) {
		proc_clear(p);
		old = p;
		p = NULL;
	}
	if (!p) {
		if (!maps)
			return NULL;
		proc_clear(old);
		p = old;
		p->tgid = tgid;
		p->owner = s;
		if (proc_build(s, p, maps)) {
			proc_clear(p);
			return NULL;
		}
	}
	p->used = ++s->tick;
	return p;
}

static int frame_cb(Dwfl_Frame *f, void *arg)
{
	struct rn_symbolizer *s = arg;
	Dwarf_Addr pc;
	bool act;

	if (!dwfl_frame_pc(f, &pc, &act) || s->npcs >= RN_SYM_MAX_FRAMES)
		return DWARF_CB_ABORT;
	/* a frame pointer walk that ends in garbage repeats or drops to 0 */
	if (!pc || (s->npcs && s->pcs[s->npcs - 1] == pc && !act))
		return DWARF_CB_ABORT;
	s->pcs[s->npcs] = pc;
	s->act[s->npcs] = act || s->npcs == 0;
	s->npcs++;
	return DWARF_CB_OK;
}

int rn_symbolizer__unwind(struct rn_symbolizer *s, uint32_t tgid, uint32_t tid,
			  const struct rn_item *stack, const struct rn_item *maps,
			  const struct rn_sym_frame **frames)
{
	struct sym_proc *p;

	*frames = s->frames;
	if (!stack || stack->len < sizeof(struct rn_stack_regs)) {
		s->stats.no_stack++;
		return 0;
	}
	p = proc_get(s, tgid, maps);
	s->regs = rn_item__data(stack);
	s->stack = (const uint8_t *)rn_item__data(stack) + sizeof(struct rn_stack_regs);
	s->stack_len = stack->len - sizeof(struct rn_stack_regs);
	s->tid = tid;
	s->npcs = 0;
	if (p)
		dwfl_getthread_frames(p->dwfl, (pid_t)tid, frame_cb, s);
	if (!s->npcs) {
		s->pcs[0] = s->regs->ip;
		s->act[0] = true;
		s->npcs = 1;
	}
	s->stats.stacks++;
	for (int i = 0; i < s->npcs; i++) {
		memset(&s->frames[i], 0, sizeof(s->frames[i]));
		if (p)
			sym__resolve(s, p, s->pcs[i], s->act[i], &s->frames[i]);
		else
			s->frames[i].pc = s->pcs[i];
	}
	s->stats.frames += (uint64_t)s->npcs;
	return s->npcs;
}

int rn_symbolizer__event(struct rn_symbolizer *s, const struct rn_event *ev,
			 const struct rn_sym_frame **frames)
{
	const struct rn_item *stack, *maps;

	if (ev->rec == s->last_rec && ev->rec->exit_ns == s->last_ns) {
		*frames = s->frames;
		return s->last_n;
	}
	stack = rn_event__item(ev, RN_ARG_STACK, 0);
	maps = rn_event__item(ev, RN_ARG_STACK, 1);
	s->last_rec = ev->rec;
	s->last_ns = ev->rec->exit_ns;
	s->last_n = rn_symbolizer__unwind(s, ev->rec->h.tgid, ev->rec->h.tid, stack, maps, frames);
	return s->last_n;
}

int rn_sym__first_own(const struct rn_sym_frame *f, int n)
{
	for (int i = 0; i < n; i++)
		if (f[i].own)
			return i;
	return -1;
}
