// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86-64 hardware page walker.
 *
 * It starts from the deepest paging-structure cache entry it has (a PDE
 * pointing at a PTE table, or a PDPTE pointing at a PMD table), else from
 * CR3.  Each level read is a scheduling point.  A walk restarts if a
 * flush reached this CPU meanwhile: an IPI is taken between instructions,
 * so a walk in flight completes before the flush and the flush then
 * removes what it filled; restarting is the same outcome.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/tlb.h"
#include "mm/events.h"
#include "mm/machine.h"
#include "mm/pgtable.h"

enum { LVL_PTE, LVL_PMD, LVL_PUD, LVL_PGD };

static const unsigned int lvl_shift[] = { PAGE_SHIFT, PMD_SHIFT, PUD_SHIFT,
					  PGDIR_SHIFT };

static unsigned int lvl_index(int lvl, uint64_t va)
{
	return (va >> lvl_shift[lvl]) & 511;
}

static void fill_leaf(struct cpu *cpu, struct mm_struct *mm, uint64_t va,
		      int lvl, pteval_t ent)
{
	static const enum tlb_level tl[] = { TLB_4K, TLB_2M, TLB_1G };
	uint64_t pfn = pte_pfn(ent);
	uint32_t flags = 0;

	if (ent & _PAGE_RW)
		flags |= TLB_RW;
	if (ent & _PAGE_DIRTY)
		flags |= TLB_DIRTY;
	struct tlb_entry *e;

	e = tlb_insert(&cpu->tlb, tlb_key(mm->id, tl[lvl], va), pfn,
		       check_frame_gen(pfn), flags, check_frame_owner(pfn));
	e->made = check_translation_made();
	mm_event(EV_TLB_FILL, va, pfn, tl[lvl]);
}

static void fill_cache(struct cpu *cpu, struct mm_struct *mm, uint64_t va,
		       int lvl, uint64_t table)
{
	enum tlb_level tl = lvl == LVL_PMD ? TLB_PDE : TLB_PDPTE;

	tlb_insert(&cpu->tlb, tlb_key(mm->id, tl, va), table,
		   check_frame_gen(table), 0, 0);
	mm_event(EV_TLB_FILL, va, table, tl);
}

/* Where to start: the deepest cached table, else the PGD. */
static int walk_start(struct cpu *cpu, struct mm_struct *mm, uint64_t va,
		      uint64_t *table, uint32_t *gen)
{
	struct tlb_entry *e;

	e = tlb_lookup(&cpu->tlb, tlb_key(mm->id, TLB_PDE, va));
	if (e) {
		*table = e->pfn;
		*gen = e->gen;
		return LVL_PTE;
	}
	e = tlb_lookup(&cpu->tlb, tlb_key(mm->id, TLB_PDPTE, va));
	if (e) {
		*table = e->pfn;
		*gen = e->gen;
		return LVL_PMD;
	}
	*table = mm->pgd_pfn;
	*gen = check_frame_gen(mm->pgd_pfn);
	return LVL_PGD;
}

enum walk_result x86_walk(struct cpu *cpu, const struct agent *who,
			  struct mm_struct *mm, uint64_t va, bool write)
{
	uint64_t epoch, table;
	uint32_t gen;
	pteval_t *slot, ent, need;
	int lvl;

restart:
	sim_touch(&cpu->tlb, false);
	epoch = cpu->flush_epoch;
	lvl = walk_start(cpu, mm, va, &table, &gen);
	for (;;) {
		sim_point();
		sim_touch(&cpu->tlb, false);
		if (cpu->flush_epoch != epoch)
			goto restart;
		check_table_walk(who, table, gen);
		slot = &pfn_table(table)[lvl_index(lvl, va)];
		ent = entry_read(slot);
		if (!pte_hw_present(ent))
			return WALK_NOT_PRESENT;
		if (lvl == LVL_PTE || (lvl <= LVL_PUD && pte_huge(ent)))
			break;
		table = pte_pfn(ent);
		gen = check_frame_gen(table);
		if (lvl == LVL_PMD || lvl == LVL_PUD)
			fill_cache(cpu, mm, va, lvl, table);
		lvl--;
	}
	if (write && !(ent & _PAGE_RW))
		return WALK_PROTECTION;
	need = _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
	if ((ent & need) != need) {
		/* A locked read-modify-write of the entry. */
		sim_point();
		sim_touch(&cpu->tlb, false);
		if (cpu->flush_epoch != epoch || entry_read(slot) != ent)
			goto restart;
		ent |= need;
		/*
		 * No lock: whoever reads this entry under its PTL, in any
		 * step, depends on this store (sim/footprint.h).
		 */
		pt_touch(slot, true);
		sim_touch(&pt_lockptr(slot)->h, true);
		*slot = ent;
	}
	fill_leaf(cpu, mm, va, lvl, ent);
	return WALK_OK;
}
