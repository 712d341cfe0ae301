/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The swap cache and swap-in: a page being written to or read from a
 * slot is found by slot in the swap cache (one reference held by it).
 */
#ifndef MMSIM_MM_SWAP_H
#define MMSIM_MM_SWAP_H

#include "mm/mm_types.h"

/* Give an anon page a slot and put it in the swap cache (dirty). */
int add_to_swap(struct page *page);
struct page *lookup_swap_cache(swp_entry_t entry);
void delete_from_swap_cache(struct page *page);
/* The fault on a swap PTE: bring the page back and map it. */
int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma,
		 uint64_t addr, pteval_t *pte, bool write);
void swap_cache_reset(uint64_t nr_slots);

/* Reclaim the pages mapped in [addr, addr+len) of @mm (MADV_PAGEOUT). */
int reclaim_range(struct mm_struct *mm, uint64_t addr, uint64_t len);

#endif /* MMSIM_MM_SWAP_H */
