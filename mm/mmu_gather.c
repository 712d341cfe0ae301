// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmu_gather: batch the TLB flush of a teardown and free what was
 * unmapped only after it (the kernel's mm/mmu_gather.c).
 *
 * Gathers in flight are listed so that the invariants can tell a table
 * that is being freed from a leaked one.
 */
#include "arch/x86/tlbflush.h"
#include "mm/mmu_gather.h"
#include "mm/pgtable.h"
#include "sim/sim.h"

#define MAX_GATHERS SIM_MAX_THREADS

static struct mmu_gather *active[MAX_GATHERS];

static void gather_track(struct mmu_gather *tlb, bool on)
{
	for (int i = 0; i < MAX_GATHERS; i++) {
		if (on && !active[i]) {
			active[i] = tlb;
			return;
		}
		if (!on && active[i] == tlb) {
			active[i] = NULL;
			return;
		}
	}
}

bool mmu_gather_holds_table(uint64_t pfn)
{
	for (int i = 0; i < MAX_GATHERS; i++) {
		struct mmu_gather *tlb = active[i];

		for (int t = 0; tlb && t < tlb->nr_tables; t++)
			if (tlb->tables[t] == pfn)
				return true;
	}
	return false;
}

static void reset_range(struct mmu_gather *tlb)
{
	tlb->fl_start = ~0ull;
	tlb->fl_end = 0;
}

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm,
		    uint64_t start, uint64_t end)
{
	tlb->mm = mm;
	tlb->start = start;
	tlb->end = end;
	tlb->fullmm = !start && end == ~0ull;
	tlb->freed_tables = false;
	tlb->nr_pages = 0;
	tlb->nr_tables = 0;
	reset_range(tlb);
	gather_track(tlb, true);
}

void tlb_remove_tlb_entry(struct mmu_gather *tlb, uint64_t addr,
			  uint64_t size)
{
	if (addr < tlb->fl_start)
		tlb->fl_start = addr;
	if (addr + size > tlb->fl_end)
		tlb->fl_end = addr + size;
}

bool tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	tlb->pages[tlb->nr_pages++] = page;
	return tlb->nr_pages == MMU_GATHER_BATCH;
}

void tlb_remove_table(struct mmu_gather *tlb, uint64_t pfn)
{
	/* A full batch is flushed at once: no PTL is held here. */
	if (tlb->nr_tables == MMU_GATHER_BATCH)
		tlb_flush_mmu(tlb);
	tlb->tables[tlb->nr_tables++] = pfn;
	tlb->freed_tables = true;
}

void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb)
{
	/*
	 * A freed table needs a flush even if no leaf was cleared: the
	 * paging-structure caches may still point at it.
	 */
	if (tlb->fl_end <= tlb->fl_start && !tlb->freed_tables)
		return;
	if (tlb->fullmm || tlb->fl_end <= tlb->fl_start)
		flush_tlb_mm(tlb->mm);
	else
		flush_tlb_mm_range(tlb->mm, tlb->fl_start, tlb->fl_end);
	reset_range(tlb);
	tlb->freed_tables = false;
}

static void free_batches(struct mmu_gather *tlb)
{
	int nr_pages = tlb->nr_pages, nr_tables = tlb->nr_tables;

	/* Empty the batches first: put_page may free into the buddy. */
	tlb->nr_pages = 0;
	tlb->nr_tables = 0;
	for (int i = 0; i < nr_pages; i++)
		put_page(tlb->pages[i]);
	for (int i = 0; i < nr_tables; i++)
		pt_free(tlb->tables[i]);
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (tlb->nr_tables)
		tlb->freed_tables = true;
	tlb_flush_mmu_tlbonly(tlb);
	free_batches(tlb);
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
	gather_track(tlb, false);
}
