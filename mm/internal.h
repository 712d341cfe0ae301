/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers the unmap paths of every era share: entry clearing with
 * flushes, the young test, dirty and mlock marking, counters.
 */
#ifndef MMSIM_MM_INTERNAL_H
#define MMSIM_MM_INTERNAL_H

#include "mm/mm_types.h"

/* Clear the entry and flush this page from every CPU of the mm. */
pteval_t ptep_clear_flush(struct vm_area_struct *vma, uint64_t address,
			  pteval_t *ptep);
/* Clear without flushing (the caller flushes, maybe deferred). */
pteval_t ptep_get_and_clear(struct mm_struct *mm, uint64_t address,
			    pteval_t *ptep);
/*
 * Test and clear Accessed; flush if it was set; OR in the secondary
 * MMUs' young bits (ptep_clear_flush_young_notify).
 */
int ptep_clear_flush_young_notify(struct vm_area_struct *vma,
				  uint64_t address, pteval_t *ptep);
void set_page_dirty(struct page *page);
void mlock_vma_page(struct page *page);
void dec_mm_counter_page(struct mm_struct *mm, struct page *page);
void update_hiwater_rss(struct mm_struct *mm);

/* Swap slots (mm/swapfile.c). */
swp_entry_t get_swap_page(void);
int swap_duplicate(swp_entry_t entry);
void swap_free(swp_entry_t entry);
int swap_count(swp_entry_t entry);
void swap_init(uint64_t nr_slots);
void swap_destroy(void);

#endif /* MMSIM_MM_INTERNAL_H */
