// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binding the declarations of a scenario: machine, pools, files,
 * processes, mappings, secondary MMUs, threads and expectations.  The
 * validator has checked names and ranges; what is checked here is what
 * the model can build, and every refusal points at the statement.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/dev_mmu.h"
#include "eras/era.h"
#include "mm/mm.h"
#include "scenario/bind.h"
#include "scenario/bind_internal.h"
#include "scenario/ops.h"
#include "scenario/parser.h"

#define SZ(v, b) scn_fmt_size((v), (b), sizeof(b))

/* Copy a name into a fixed field, refusing one that does not fit. */
static void bind_name(struct binder *b, char *dst, size_t len,
		      const struct scn_name *n, const char *what)
{
	if (!n->s) {
		dst[0] = 0;
		return;
	}
	if (strlen(n->s) >= len)
		scn_error(&b->d, n->pos, "%s name '%s' is too long for the "
			  "model (at most %zu characters)", what, n->s,
			  len - 1);
	snprintf(dst, len, "%s", n->s);
}

/* Refuse more declarations of one kind than the world holds. */
static bool too_many(struct binder *b, int n, int max, struct scn_pos pos,
		     const char *what)
{
	if (n <= max)
		return false;
	scn_error(&b->d, pos, "more than %d %s: the model holds at most %d",
		  max, what, max);
	return true;
}

int bind_proc_index(struct binder *b, const struct scn_name *n)
{
	if (!n->s)
		return -1;
	for (int i = 0; i < b->s->nprocs; i++)
		if (!strcmp(b->s->procs[i].name.s, n->s))
			return i;
	for (int i = 0; i < b->nforks; i++)
		if (!strcmp(b->forks[i]->s, n->s))
			return b->s->nprocs + i;
	return -1;
}

int bind_file_index(struct binder *b, const char *name)
{
	for (int i = 0; i < b->s->nfiles; i++)
		if (!strcmp(b->s->files[i].name.s, name))
			return i;
	return -1;
}

int bind_huge_map(struct binder *b, int proc, uint64_t addr, uint64_t len)
{
	const struct world_spec *w = b->w;

	/* a fork child has its ancestors' mappings: walk up the chain */
	for (int p = proc, hops = 0; p >= 0 && p < w->nprocs &&
	     hops <= WORLD_MAX_PROCS; p = w->procs[p].fork_of, hops++) {
		for (int i = 0; i < w->nmaps; i++) {
			const struct world_map *m = &w->maps[i];

			if (m->proc == p && m->file >= 0 &&
			    w->files[m->file].kind == FILE_HUGETLBFS &&
			    addr < m->addr + m->len && m->addr < addr + len)
				return i;
		}
	}
	return -1;
}

static void bind_machine(struct binder *b)
{
	const struct scn_scenario *s = b->s;
	struct machine_config *mc = &b->w->mc;
	char sz[32];

	mc->nr_cpus = (int)s->cpus.v;
	mc->mem_bytes = s->memory.v;
	mc->era = b->era;
	if (s->memory.v > BIND_MAX_MEMORY)
		scn_error(&b->d, s->memory.set ? s->memory.pos : s->machine_pos,
			  "memory %s is more than the model builds (at most "
			  "%s: every simulated frame is host memory)",
			  SZ(s->memory.v, sz),
			  scn_fmt_size(BIND_MAX_MEMORY, (char[32]){ 0 }, 32));
	for (int i = 0; i < s->npools; i++) {
		const struct scn_pool *p = &s->pools[i];

		if (p->count.v > 1u << 20) {
			scn_error(&b->d, p->count.pos, "hugetlb pool of %"
				  PRIu64 " pages is more than the model "
				  "builds", p->count.v);
			continue;
		}
		if (p->pagesize.v == 2ull << 20)
			mc->hugetlb_2m = (int)p->count.v;
		else
			mc->hugetlb_1g = (int)p->count.v;
	}
}

static void bind_files(struct binder *b)
{
	const struct scn_scenario *s = b->s;

	if (too_many(b, s->nfiles, WORLD_MAX_FILES,
		     s->nfiles ? s->files[s->nfiles - 1].pos : s->pos, "files"))
		return;
	for (int i = 0; i < s->nfiles; i++) {
		const struct scn_file *f = &s->files[i];
		struct world_file *wf = &b->w->files[b->w->nfiles++];

		bind_name(b, wf->name, sizeof(wf->name), &f->name, "file");
		wf->size = f->size.v;
		if (f->kind == SCN_FILE_REGULAR)
			scn_error(&b->d, f->pos, "regular files are not "
				  "modelled yet (use shmem)");
		wf->kind = f->kind == SCN_FILE_HUGETLBFS ? FILE_HUGETLBFS :
							   FILE_SHMEM;
		wf->order = f->kind == SCN_FILE_HUGETLBFS ?
			(unsigned int)__builtin_ctzll(f->pagesize.v) - 12 : 0;
	}
}

static void collect_forks(struct binder *b, const struct scn_op_list *l)
{
	for (int i = 0; i < l->n; i++) {
		if (l->v[i].kind == SCN_OP_FORK &&
		    b->nforks < WORLD_MAX_PROCS)
			b->forks[b->nforks++] = &l->v[i].name;
		collect_forks(b, &l->v[i].body);
	}
}

/*
 * Declared processes take slots 0..nprocs-1, children of fork operations
 * the next ones, in the order the operations are written (setup first).
 * A child's parent (fork_of) is set when its fork operation is bound.
 */
static void bind_procs(struct binder *b)
{
	const struct scn_scenario *s = b->s;

	collect_forks(b, &s->setup);
	for (int i = 0; i < s->nthreads; i++)
		collect_forks(b, &s->threads[i].ops);
	if (too_many(b, s->nprocs + b->nforks, WORLD_MAX_PROCS,
		     s->nprocs ? s->procs[s->nprocs - 1].pos : s->pos,
		     "processes (forks included)")) {
		b->nforks = 0;
		return;
	}
	for (int i = 0; i < s->nprocs; i++) {
		const struct scn_process *p = &s->procs[i];
		struct world_proc *wp = &b->w->procs[b->w->nprocs++];

		bind_name(b, wp->name, sizeof(wp->name), &p->name, "process");
		/* the validator has put the parent first */
		wp->fork_of = p->parent.s ? bind_proc_index(b, &p->parent) : -1;
	}
	for (int i = 0; i < b->nforks; i++) {
		struct world_proc *wp = &b->w->procs[b->w->nprocs++];

		bind_name(b, wp->name, sizeof(wp->name), b->forks[i],
			  "process");
		wp->fork_of = -1;	/* until its fork op is bound */
	}
}

/*
 * "process X fork Y": X is forked from Y at the start of setup, in
 * declaration order, after the fresh processes got their mappings and
 * before the setup blocks run; X then gets its own mappings and mmus.
 */
static void bind_setup_forks(struct binder *b)
{
	struct world_spec *w = b->w;
	struct world_op *v;
	int n = 0;

	for (int i = 0; i < b->s->nprocs; i++)
		n += w->procs[i].fork_of >= 0;
	if (!n)
		return;
	v = calloc((size_t)(n + w->nsetup), sizeof(*v));
	if (!v)
		abort();	/* host out of memory */
	n = 0;
	for (int i = 0; i < b->s->nprocs; i++)
		if (w->procs[i].fork_of >= 0)
			v[n++] = (struct world_op){
				.kind = OP_FORK, .file = -1,
				.proc = (int8_t)w->procs[i].fork_of,
				.target = (int8_t)i,
			};
	if (w->nsetup)
		memcpy(v + n, w->setup, (size_t)w->nsetup * sizeof(*v));
	free(w->setup);
	w->setup = v;
	w->nsetup += n;
}

int bind_map_flags(struct binder *b, const struct scn_mapspec *m,
		   struct scn_pos pos)
{
	int flags = m->shared ? MAP_SHARED : MAP_PRIVATE;

	if (!m->file.s)
		flags |= MAP_ANONYMOUS;
	if (m->locked)
		flags |= MAP_LOCKED;
	if (m->thp && m->file.s)
		scn_error(&b->d, pos, "thp on a file mapping is not modelled "
			  "(the model's THP faults are anonymous only)");
	else if (m->thp)
		flags |= MAP_HUGEPAGE;
	return flags;
}

void bind_check_file_range(struct binder *b, const struct scn_mapspec *m,
			   const struct scn_num *len)
{
	int i = m->file.s ? bind_file_index(b, m->file.s) : -1;
	const struct scn_file *f = i >= 0 ? &b->s->files[i] : NULL;
	char s1[32], s2[32];

	if (f && (m->offset.v > f->size.v ||
		  len->v > f->size.v - m->offset.v))
		scn_error(&b->d, len->pos, "mapping of %s at offset %s goes "
			  "beyond the end of file '%s' (%s)", SZ(len->v, s1),
			  SZ(m->offset.v, s2), f->name.s,
			  SZ(f->size.v, (char[32]){ 0 }));
}

/* A forked process has its parent's mappings: its own may not overlap. */
static void check_inherited(struct binder *b, const struct scn_map *m,
			    int proc)
{
	const struct world_spec *w = b->w;

	for (int p = w->procs[proc].fork_of, hops = 0; p >= 0 &&
	     hops <= WORLD_MAX_PROCS; p = w->procs[p].fork_of, hops++) {
		for (int i = 0; i < b->s->nmaps; i++) {
			const struct scn_map *o = &b->s->maps[i];

			if (bind_proc_index(b, &o->proc) != p ||
			    o->addr.v >= m->addr.v + m->len.v ||
			    m->addr.v >= o->addr.v + o->len.v)
				continue;
			scn_error(&b->d, m->addr.pos, "mapping %#" PRIx64
				  " +%s of '%s' overlaps the one it inherits "
				  "from '%s' at %s:%d:%d (a forked process has "
				  "its parent's mappings)", m->addr.v,
				  SZ(m->len.v, (char[32]){ 0 }), m->proc.s,
				  o->proc.s, o->pos.file, o->pos.line,
				  o->pos.col);
			return;
		}
	}
}

static void bind_map(struct binder *b, const struct scn_map *m)
{
	static const int prot[] = {
		[SCN_PROT_RW] = PROT_READ | PROT_WRITE,
		[SCN_PROT_RO] = PROT_READ,
		[SCN_PROT_NONE] = PROT_NONE,
	};
	struct world_map *wm = &b->w->maps[b->w->nmaps++];

	wm->proc = bind_proc_index(b, &m->proc);
	wm->file = m->spec.file.s ? bind_file_index(b, m->spec.file.s) : -1;
	wm->addr = m->addr.v;
	wm->len = m->len.v;
	wm->pgoff = m->spec.offset.v >> 12;
	wm->prot = prot[m->spec.prot];
	wm->flags = bind_map_flags(b, &m->spec, m->pos);
	bind_check_file_range(b, &m->spec, &m->len);
	if (wm->proc >= 0)
		check_inherited(b, m, wm->proc);
}

static void bind_maps(struct binder *b)
{
	const struct scn_scenario *s = b->s;

	if (too_many(b, s->nmaps, WORLD_MAX_MAPS,
		     s->nmaps ? s->maps[s->nmaps - 1].pos : s->pos,
		     "mappings"))
		return;
	for (int i = 0; i < s->nmaps; i++)
		bind_map(b, &s->maps[i]);
}

static void bind_mmus(struct binder *b)
{
	const struct scn_scenario *s = b->s;

	if (too_many(b, s->nmmus, WORLD_MAX_MMUS,
		     s->nmmus ? s->mmus[s->nmmus - 1].pos : s->pos, "mmus"))
		return;
	for (int i = 0; i < s->nmmus; i++) {
		const struct scn_mmu *m = &s->mmus[i];
		struct world_mmu *wm = &b->w->mmus[b->w->nmmus++];
		const char *kind = scn_mmu_kind_names[m->kind];

		bind_name(b, wm->name, sizeof(wm->name), &m->name, "mmu");
		wm->kind = dev_mmu_kind_find(kind);
		wm->proc = bind_proc_index(b, &m->proc);
		if (wm->kind < 0)
			scn_error(&b->d, m->pos, "mmu kind %s has no driver",
				  kind);
		else if (wm->kind == DEV_MMU_HMM_MIRROR &&
			 !b->era->has_interval_notifiers)
			scn_error(&b->d, m->pos, "mmu '%s': hmm-mirror needs "
				  "interval notifiers (5.5 and later), which "
				  "era %s does not have", m->name.s,
				  b->era->name);
	}
}

static int mmu_index(const struct scn_scenario *s, const char *name)
{
	for (int i = 0; i < s->nmmus; i++)
		if (!strcmp(s->mmus[i].name.s, name))
			return i;
	return -1;
}

/* CPUs for threads that named none: the lowest not named by another. */
static int free_cpu(struct binder *b, uint64_t *taken)
{
	int n = b->w->mc.nr_cpus;

	for (int c = 0; c < n && c < 64; c++)
		if (!(*taken & (1ull << c))) {
			*taken |= 1ull << c;
			return c;
		}
	return 0;
}

static struct world_op *take_ops(struct binder *b, int *n)
{
	struct world_op *ops = b->ops;

	*n = b->nops;
	b->ops = NULL;
	b->nops = b->cap = 0;
	return ops;
}

static void bind_thread(struct binder *b, const struct scn_thread *t,
			uint64_t *taken)
{
	struct world_thread *wt = &b->w->threads[b->w->nthreads++];
	int proc = 0;

	bind_name(b, wt->name, sizeof(wt->name), &t->name, "thread");
	wt->mmu = -1;
	wt->cpu = t->cpu.set ? (int)t->cpu.v : -1;
	switch (t->kind) {
	case SCN_THREAD_PROCESS:
		wt->kind = THREAD_CPU;
		proc = bind_proc_index(b, &t->target);
		break;
	case SCN_THREAD_KERNEL:
		wt->kind = THREAD_KERNEL;
		proc = b->s->nprocs == 1 ? 0 : -1;
		break;
	case SCN_THREAD_DEVICE:
		wt->kind = THREAD_DEVICE;
		wt->mmu = mmu_index(b->s, t->target.s);
		proc = wt->mmu >= 0 ? b->w->mmus[wt->mmu].proc : -1;
		break;
	}
	wt->proc = proc < 0 ? 0 : proc;
	if (wt->cpu < 0 && t->kind != SCN_THREAD_DEVICE)
		wt->cpu = free_cpu(b, taken);
	bind_op_list(b, &t->ops, proc);
	wt->ops = take_ops(b, &wt->nops);
}

static void bind_threads(struct binder *b)
{
	const struct scn_scenario *s = b->s;
	uint64_t taken = 0;

	if (too_many(b, s->nthreads, WORLD_MAX_THREADS,
		     s->nthreads ? s->threads[s->nthreads - 1].pos : s->pos,
		     "threads"))
		return;
	for (int i = 0; i < s->nthreads; i++)
		if (s->threads[i].cpu.set && s->threads[i].cpu.v < 64)
			taken |= 1ull << s->threads[i].cpu.v;
	for (int i = 0; i < s->nthreads; i++)
		bind_thread(b, &s->threads[i], &taken);
}

static void bind_expects(struct binder *b)
{
	const struct scn_scenario *s = b->s;

	if (too_many(b, s->nexpects, WORLD_MAX_EXPECT,
		     s->nexpects ? s->expects[s->nexpects - 1].pos : s->pos,
		     "expectations"))
		return;
	for (int i = 0; i < s->nexpects; i++) {
		const struct scn_expect *e = &s->expects[i];
		struct world_expect *we = &b->w->expect[b->w->nexpect++];
		struct scn_name any = { e->pos, WORLD_EXPECT_ANY };

		bind_name(b, we->era, sizeof(we->era), &e->era, "era");
		if (e->violation)
			bind_name(b, we->violation, sizeof(we->violation),
				  e->kind.s ? &e->kind : &any, "violation");
	}
}

int scn_bind(const struct scn_scenario *s, const struct era *era,
	     struct world_spec *w, FILE *err)
{
	struct binder b = { .s = s, .w = w };

	b.d = (struct scn_diag){ .out = err, .s = s, .max = SCN_MAX_ERRORS };
	if (!era)
		era = s->era.s ? era_find(s->era.s) : NULL;
	b.era = era ? era : era_default();
	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "%s", s->name.s ? s->name.s : "");
	bind_machine(&b);
	bind_files(&b);
	bind_procs(&b);
	bind_maps(&b);
	bind_mmus(&b);
	bind_op_list(&b, &s->setup, s->nprocs == 1 ? 0 : -1);
	w->setup = take_ops(&b, &w->nsetup);
	bind_setup_forks(&b);
	bind_threads(&b);
	bind_expects(&b);
	if (b.d.errors)
		world_spec_free(w);
	return b.d.errors + (b.d.stopped ? 1 : 0);
}
