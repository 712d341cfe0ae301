/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The swap cache: an index from swap slot to the page that holds (or is
 * being written to, or read from) that slot's data.  A page in it has
 * PG_swapcache, its entry in page->private and the cache's reference.
 *
 * Locks: the page lock for add/delete; slot state under the swap lock.
 */
#ifndef MMSIM_MM_SWAP_STATE_H
#define MMSIM_MM_SWAP_STATE_H

#include "mm/mm_types.h"

int swap_cache_init(uint64_t nr_slots);
void swap_cache_destroy(void);
/* Give a locked anon page a slot and put it in the swap cache. */
int add_to_swap(struct page *page);
/* Take a locked page out of the swap cache (its slot and reference). */
void delete_from_swap_cache(struct page *page);
/* The cached page of @entry with a reference, or NULL. */
struct page *lookup_swap_cache(swp_entry_t entry);
/*
 * do_swap_page's page: the cached one, or a new page read back from the
 * slot (the data's home moves from the slot to the frame).  Returns it
 * with a reference, NULL when out of memory.
 */
struct page *swapin_page(swp_entry_t entry, struct vm_area_struct *vma,
			 uint64_t addr);
/* Drop a locked page from the swap cache once no PTE uses its slot. */
bool try_to_free_swap(struct page *page);
/* Pages in the swap cache (for the leak invariant). */
uint64_t swap_cache_pages(void);
/*
 * Reclaim the anon page at @addr of @mm to swap: add_to_swap, the era's
 * try_to_unmap, writeback, free.  0, or a negative errno.
 */
int swap_out_page_at(struct mm_struct *mm, uint64_t addr);

#endif /* MMSIM_MM_SWAP_STATE_H */
