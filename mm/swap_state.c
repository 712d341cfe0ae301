// SPDX-License-Identifier: GPL-2.0-only
/*
 * The swap cache and do_swap_page.
 *
 * Slot references (swap_map): one for the swap cache while the page is
 * in it, one per swap PTE.  Page references: one for the swap cache.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/swap.h"

static uint32_t *swap_cache;	/* slot -> pfn + 1 */
static uint64_t nr_cache;

void swap_cache_reset(uint64_t nr_slots)
{
	free(swap_cache);
	nr_cache = nr_slots;
	swap_cache = calloc(nr_slots ? nr_slots : 1, sizeof(*swap_cache));
	if (!swap_cache)
		abort();
}

int add_to_swap(struct page *page)
{
	swp_entry_t entry = get_swap_page();
	uint64_t slot = swp_offset(entry);

	if (!slot || slot >= nr_cache)
		return -1;
	SetPageSwapCache(page);
	page->private = entry.val;
	swap_cache[slot] = (uint32_t)(page_to_pfn(page) + 1);
	get_page(page);
	/* the data is not on the slot yet: it must be written */
	SetPageDirty(page);
	return 0;
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	uint64_t slot = swp_offset(entry);

	if (!slot || slot >= nr_cache || !swap_cache[slot])
		return NULL;
	return pfn_to_page(swap_cache[slot] - 1);
}

void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = { page->private };

	swap_cache[swp_offset(entry)] = 0;
	ClearPageSwapCache(page);
	page->private = 0;
	swap_free(entry);
	put_page(page);
}

/* Read a slot back into a new page, which enters the swap cache. */
static struct page *swapin(struct mm_struct *mm, swp_entry_t entry)
{
	struct page *page = alloc_pages(0);
	uint64_t slot = swp_offset(entry);

	if (!page)
		return NULL;
	if (swap_duplicate(entry) < 0) {	/* the cache's slot reference */
		put_page(page);
		return NULL;
	}
	check_swap_in(page_to_pfn(page), slot);
	SetPageSwapBacked(page);
	SetPageSwapCache(page);
	SetPageUptodate(page);
	page->private = entry.val;
	swap_cache[slot] = (uint32_t)(page_to_pfn(page) + 1);
	get_page(page);		/* the swap cache's */
	return page;		/* with our reference */
}

int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma,
		 uint64_t addr, pteval_t *pte, bool write)
{
	swp_entry_t entry = pte_to_swp_entry(entry_read(pte));
	pteval_t orig = entry_read(pte), prot;
	spinlock_t *ptl = pt_lockptr(pte);
	struct page *page;

	page = lookup_swap_cache(entry);
	if (page)
		get_page(page);
	else
		page = swapin(mm, entry);
	if (!page)
		return VM_FAULT_OOM;
	lock_page(page);
	spin_lock(ptl);
	if (entry_read(pte) != orig || !PageSwapCache(page)) {
		/* someone else mapped it meanwhile */
		spin_unlock(ptl);
		unlock_page(page);
		put_page(page);
		return 0;
	}
	page_add_anon_rmap(page, vma, addr, false);
	mm->rss_anon++;
	mm->rss_swap--;
	swap_free(entry);	/* the PTE's slot reference */
	prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;
	/* a write fault takes the page out of swap: it is ours alone */
	if (write && (vma->vm_flags & VM_WRITE) && page_mapcount(page) == 1) {
		prot |= _PAGE_RW | _PAGE_DIRTY;
		SetPageDirty(page);
	}
	set_entry(pte, pfn_pte(page_to_pfn(page), prot));
	spin_unlock(ptl);
	if (write && (prot & _PAGE_RW))
		delete_from_swap_cache(page);
	unlock_page(page);
	/* our reference became the mapping's */
	return 0;
}
