// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim show SCENARIO: the machine after setup, before any racing thread
 * runs: each process's mappings and present translations (PMD tables
 * shared between processes marked), each CPU's TLB, the secondary MMUs.
 * --dot draws mm -> table -> frame as a Graphviz digraph.
 */
#include <inttypes.h>
#include <string.h>

#include "arch/x86/tlb.h"
#include "drivers/dev_mmu.h"
#include "eras/era.h"
#include "mm/pgtable.h"
#include "sim/strategy.h"
#include "tools/lib/cli.h"

typedef void (*leaf_fn)(int proc, uint64_t va, uint64_t pmd_table,
			pteval_t e, int level, void *arg);

/* The PMD-level entry of @va in @mm, or NULL. */
static pteval_t *pmd_entry(struct mm_struct *mm, uint64_t va)
{
	pteval_t *p = pgd_offset(mm, va);

	p = p ? next_level(entry_read(p), (va >> 30) & 511) : NULL;
	return p ? next_level(entry_read(p), (va >> 21) & 511) : NULL;
}

/* Calls @fn for every present leaf of @proc's mapping @m. */
static void walk_map(int proc, const struct world_map *m, leaf_fn fn,
		     void *arg)
{
	struct mm_struct *mm = world_mm(proc);

	for (uint64_t va = m->addr; mm && !mm->dead && va < m->addr + m->len;
	     va = (va & PMD_MASK) + PMD_SIZE) {
		pteval_t *pmd = pmd_entry(mm, va), e;

		if (!pmd || !((e = entry_read(pmd)) & _PAGE_PRESENT))
			continue;
		if (e & _PAGE_PSE) {
			fn(proc, va & PMD_MASK, pt_pfn_of(pmd), e, 2, arg);
			continue;
		}
		for (unsigned int i = 0; i < 512; i++) {
			pteval_t pe = entry_read(&pfn_table(pte_pfn(e))[i]);

			if (pe & _PAGE_PRESENT)
				fn(proc, (va & PMD_MASK) + i * PAGE_SIZE,
				   pt_pfn_of(pmd), pe, 3, arg);
		}
	}
}

static bool pmd_shared(int proc, uint64_t va, uint64_t table)
{
	for (int i = 0; i < WORLD_MAX_PROCS; i++) {
		struct mm_struct *mm = world_mm(i);
		pteval_t *p;

		if (i == proc || !mm || mm->dead || !mm->pgd_pfn)
			continue;
		p = pmd_entry(mm, va);
		if (p && pt_pfn_of(p) == table)
			return true;
	}
	return false;
}

static void text_leaf(int proc, uint64_t va, uint64_t table, pteval_t e,
		      int level, void *arg)
{
	printf("      %#014" PRIx64 " -> pfn %#" PRIx64 " %s %s  PMD table "
	       "%#" PRIx64 "%s\n", va, pte_pfn(e), level == 2 ? "2M" : "4K",
	       e & _PAGE_RW ? "rw" : "ro", table,
	       pmd_shared(proc, va, table) ? " (SHARED)" : "");
}

static void tlb_entry(const struct tlb_entry *e, void *arg)
{
	static const char *const lv[] = { "4K", "2M", "1G", "PDE", "PDPTE" };

	printf("    mm%d %-5s va %#014" PRIx64 " -> pfn %#" PRIx64 "%s\n",
	       tlb_key_mm(e->key), lv[tlb_key_level(e->key)],
	       tlb_key_va(e->key), e->pfn, e->flags & TLB_RW ? " rw" : "");
}

static void show_text(const struct world_spec *w)
{
	printf("%s after setup (era %s)\n", w->name, mach.era->name);
	for (int p = 0; p < w->nprocs; p++) {
		printf("\nprocess %s (mm%d)\n", w->procs[p].name, p);
		for (int i = 0; i < w->nmaps; i++) {
			const struct world_map *m = &w->maps[i];

			if (m->proc != p)
				continue;
			printf("  map %#" PRIx64 " +%#" PRIx64 " %s\n", m->addr,
			       m->len, m->file >= 0 ? w->files[m->file].name :
						      "anon");
			walk_map(p, m, text_leaf, NULL);
		}
	}
	for (int c = 0; c < w->mc.nr_cpus; c++) {
		printf("\ncpu%d TLB (%u entries)\n", c, mach.cpus[c].tlb.used);
		tlb_for_each(&mach.cpus[c].tlb, tlb_entry, NULL);
	}
	for (int i = 0; i < dev_mmu_count(); i++) {
		struct dev_mmu *d = dev_mmu_get(i);

		printf("\nmmu %s (%s) on mm%d: %" PRIu64 " accesses, %" PRIu64
		       " faults, %" PRIu64 " invalidations\n", d->name,
		       d->ops->kind, d->mm ? d->mm->id : -1, d->nr_access,
		       d->nr_fault, d->nr_invalidate);
		if (d->ops->table) {
			struct tlb *t = d->ops->table(d);

			printf("  translations (%u entries)\n", t->used);
			tlb_for_each(t, tlb_entry, NULL);
		}
	}
}

static void dot_leaf(int proc, uint64_t va, uint64_t table, pteval_t e,
		     int level, void *arg)
{
	printf("  mm%d -> t%" PRIx64 " [label=\"%#" PRIx64 "\"];\n", proc,
	       table, (uint64_t)(va & PUD_MASK));
	printf("  t%" PRIx64 " [shape=box label=\"PMD table %#" PRIx64
	       "\"%s];\n", table, table,
	       pmd_shared(proc, va, table) ? " color=red" : "");
	printf("  t%" PRIx64 " -> f%" PRIx64 " [label=\"%#" PRIx64 "\"];\n",
	       table, pte_pfn(e), va);
	printf("  f%" PRIx64 " [shape=ellipse label=\"pfn %#" PRIx64 " %s\"];\n",
	       pte_pfn(e), pte_pfn(e), level == 2 ? "2M" : "4K");
}

static void show_dot(const struct world_spec *w)
{
	printf("digraph \"%s\" {\n", w->name);
	for (int p = 0; p < w->nprocs; p++) {
		printf("  mm%d [shape=house label=\"%s (mm%d)\"];\n", p,
		       w->procs[p].name, p);
		for (int i = 0; i < w->nmaps; i++)
			if (w->maps[i].proc == p)
				walk_map(p, &w->maps[i], dot_leaf, NULL);
	}
	puts("}");
}

int cmd_show(struct cli_opts *o)
{
	struct run_options ro = { .era = o->era, .bugs = o->bugs,
				  .max_steps = o->max_steps };
	struct world_spec w, setup_only;
	struct sim_random rnd;
	struct run_result r;
	struct scn_ref ref;
	int ret = scn_ref_resolve(o->arg, &ref);

	if (ret || (ret = scn_ref_load(&ref, o->era, &w)))
		return ret;
	/*
	 * Threads with nothing to do: setup runs each step on its process's
	 * CPU as in a real run, and the machine stays as setup left it.
	 */
	setup_only = w;
	for (int i = 0; i < w.nthreads; i++)
		setup_only.threads[i].nops = 0;
	sim_random_init(&rnd, 0);
	ret = world_run(&setup_only, &ro, &rnd.s, &r) ? EXIT_INTERNAL : 0;
	if (!ret && r.outcome == SIM_VIOLATION && r.in_setup) {
		printf("setup failed: %s: %s\n", r.violation.kind,
		       r.violation.msg);
		ret = EXIT_VIOLATION;
	} else if (!ret) {
		if (o->dot)
			show_dot(&w);
		else
			show_text(&w);
	}
	world_spec_free(&w);
	return ret;
}
