/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mmu_gather: how teardown frees what it unmapped only after the TLBs
 * of every CPU that ran the mm can no longer reach it.
 *
 *   tlb_gather_mmu(&tlb, mm, start, end);
 *   ... clear entries under the PTL, tlb_remove_tlb_entry() for each,
 *       tlb_remove_page() for each page whose mapping reference goes,
 *       tlb_remove_table() for each page-table page taken out ...
 *   tlb_finish_mmu(&tlb);	(flush, then free)
 *
 * A page or table handed to the gather stays allocated until the flush
 * of the gathered range: until then a CPU's TLB (or its paging-structure
 * cache, for a table) may still point at it.
 */
#ifndef MMSIM_MM_MMU_GATHER_H
#define MMSIM_MM_MMU_GATHER_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/mm_types.h"

#define MMU_GATHER_BATCH 256

struct mmu_gather {
	struct mm_struct *mm;
	uint64_t start, end;	/* what the caller will tear down */
	bool fullmm;		/* exit_mmap: the whole address space */
	/* the range whose entries were cleared since the last flush */
	uint64_t fl_start, fl_end;
	bool freed_tables;	/* tables gathered: structure caches too */
	int nr_pages;
	struct page *pages[MMU_GATHER_BATCH];
	int nr_tables;
	uint64_t tables[MMU_GATHER_BATCH];
};

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm,
		    uint64_t start, uint64_t end);
/* An entry mapping [addr, addr + size) was cleared: flush it later. */
void tlb_remove_tlb_entry(struct mmu_gather *tlb, uint64_t addr,
			  uint64_t size);
/*
 * Drop a mapping's reference on @page after the flush.  Returns true
 * when the batch is full: the caller must tlb_flush_mmu() (after
 * dropping its PTL) before gathering more.
 */
bool tlb_remove_page(struct mmu_gather *tlb, struct page *page);
/* Free the table frame @pfn after the flush. */
void tlb_remove_table(struct mmu_gather *tlb, uint64_t pfn);
/* Flush the gathered range of the TLBs, keep pages and tables. */
void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb);
/* Flush, then free the gathered pages and tables. */
void tlb_flush_mmu(struct mmu_gather *tlb);
void tlb_finish_mmu(struct mmu_gather *tlb);

/* Tables held by gathers in flight (for the invariants). */
bool mmu_gather_holds_table(uint64_t pfn);

#endif /* MMSIM_MM_MMU_GATHER_H */
