// SPDX-License-Identifier: GPL-2.0-only
/*
 * The swap cache and the swap-in/swap-out of one anon page.
 *
 * Slot counts (mm/swapfile.c): one per swap PTE, plus one while the
 * slot's page is in the swap cache (the kernel's SWAP_HAS_CACHE).  A
 * lookup and the insert that follows it have no scheduling point in
 * between, so two faults on one entry share the page they read back.
 */
#include <stdlib.h>

#include "check/check.h"
#include "eras/era.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/migrate.h"
#include "mm/swap_state.h"
#include "mm/tlb_batch.h"
#include "sim/footprint.h"

#define ENOMEM 12
#define EFAULT 14
#define EAGAIN 11
#define EINVAL 22

static uint32_t *swap_cache;	/* slot -> pfn + 1; fits: MACHINE_MAX_MEM */
static uint64_t nr_cache_slots;

int swap_cache_init(uint64_t nr_slots)
{
	free(swap_cache);
	nr_cache_slots = nr_slots;
	swap_cache = calloc(nr_slots ? nr_slots : 1, sizeof(*swap_cache));
	return swap_cache ? 0 : -1;
}

void swap_cache_destroy(void)
{
	free(swap_cache);
	swap_cache = NULL;
	nr_cache_slots = 0;
}

static void cache_insert(struct page *page, swp_entry_t entry)
{
	SetPageSwapCache(page);
	page->private = entry.val;
	get_page(page);
	sim_touch_range(SIM_FP_SWAP, swp_offset(entry), 1, true);
	swap_cache[swp_offset(entry)] = (uint32_t)(page_to_pfn(page) + 1);
}

void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = { page->private };

	sim_touch_range(SIM_FP_SWAP, swp_offset(entry), 1, true);
	swap_cache[swp_offset(entry)] = 0;
	ClearPageSwapCache(page);
	page->private = 0;
	swap_free(entry);	/* the cache's count */
	put_page(page);		/* the cache's reference */
}

int add_to_swap(struct page *page)
{
	swp_entry_t entry = get_swap_page();

	if (!swp_offset(entry) || swp_offset(entry) >= nr_cache_slots)
		return -ENOMEM;
	cache_insert(page, entry);
	SetPageDirty(page);
	return 0;
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	uint64_t off = swp_offset(entry);
	struct page *page;

	sim_touch_range(SIM_FP_SWAP, off, 1, false);
	if (off >= nr_cache_slots || !swap_cache[off])
		return NULL;
	page = pfn_to_page(swap_cache[off] - 1);
	get_page(page);
	return page;
}

struct page *swapin_page(swp_entry_t entry, struct vm_area_struct *vma,
			 uint64_t addr)
{
	struct page *page = lookup_swap_cache(entry);
	struct anon_vma *root = vma->vm_mm->anon_vma.root;

	if (page)
		return page;
	if (swp_offset(entry) >= nr_cache_slots || swap_duplicate(entry))
		return NULL;
	page = alloc_pages(0);
	if (!page) {
		swap_free(entry);
		return NULL;
	}
	check_swap_in(page_to_pfn(page), swp_offset(entry));
	SetPageSwapBacked(page);
	SetPageUptodate(page);
	/*
	 * Other mms of the fork tree may share the slot: the root
	 * anon_vma finds them all (__page_set_anon_rmap, !exclusive).
	 */
	SetPageAnon(page);
	page->mapping = (uint32_t)root->id + 1;
	page->index = ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	cache_insert(page, entry);
	return page;
}

bool try_to_free_swap(struct page *page)
{
	swp_entry_t entry = { page->private };

	/* Only the cache's own count left: no PTE names the slot. */
	if (!PageSwapCache(page) || swap_count(entry) != 1)
		return false;
	delete_from_swap_cache(page);
	return true;
}

void free_swap_and_cache(swp_entry_t entry)
{
	struct page *page;

	swap_free(entry);
	if (swap_count(entry) != 1)
		return;
	page = lookup_swap_cache(entry);
	if (!page)
		return;
	/* A page locked by do_swap_page is freed there. */
	if (trylock_page(page)) {
		if (PageSwapCache(page) && page->private == entry.val)
			delete_from_swap_cache(page);
		unlock_page(page);
	}
	put_page(page);
}

uint64_t swap_cache_pages(void)
{
	uint64_t n = 0;

	for (uint64_t i = 0; i < nr_cache_slots; i++)
		n += swap_cache[i] != 0;
	return n;
}

/* pageout + __remove_mapping for a page only the swap cache holds. */
static int swap_writeback_and_free(struct page *page)
{
	swp_entry_t entry = { page->private };

	try_to_unmap_flush_dirty();
	check_swap_out(swp_offset(entry), page_to_pfn(page));
	ClearPageDirty(page);
	try_to_unmap_flush();
	if (page_count(page) != 2)
		return -EAGAIN;
	delete_from_swap_cache(page);
	return 0;
}

int swap_out_page_at(struct mm_struct *mm, uint64_t addr)
{
	struct page *page = follow_page(mm, addr);
	int ret = -EAGAIN;

	if (!page)
		return -EFAULT;
	if (!PageAnon(compound_head(page)) || PageHead(compound_head(page)) ||
	    PageTail(page)) {
		put_page(page);
		return -EINVAL;
	}
	lock_page(page);
	if (!PageSwapCache(page) && add_to_swap(page)) {
		ret = -ENOMEM;
		goto out;
	}
	if (page_mapped(page))
		mach.era->try_to_unmap(page, TTU_IGNORE_ACCESS);
	if (!page_mapped(page))
		ret = swap_writeback_and_free(page);
out:
	unlock_page(page);
	put_page(page);
	return ret;
}
