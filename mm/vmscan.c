// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reclaim of anonymous pages to swap (shrink_page_list), for a range of
 * one mm, as MADV_PAGEOUT and a targeted kswapd pass would do.
 *
 * The unmap defers the CPU flush (TTU_BATCH_FLUSH); the batch is flushed
 * before any dirty page is written (try_to_unmap_flush_dirty) and before
 * any page is freed (try_to_unmap_flush).
 *
 * Model choice: the pages are reclaimed as if just found cold (the
 * referenced check is skipped, TTU_IGNORE_ACCESS), so that a scenario's
 * reclaim reaches the unmap deterministically.
 */
#include "check/check.h"
#include "eras/era.h"
#include "mm/events.h"
#include "mm/internal.h"
#include "mm/migrate.h"
#include "mm/mm.h"
#include "mm/swap_state.h"
#include "mm/vmscan.h"
#include "mm/tlb_batch.h"

#define RECLAIM_BATCH 32

/* Returns true when the page was reclaimed (and may be freed). */
static bool shrink_page(struct page *page)
{
	if (!trylock_page(page))
		return false;
	if (!PageAnon(page) || PageHead(page) || PageHugeFlag(page))
		goto keep;
	/* a lazily freed page (MADV_FREE) is discarded, not swapped */
	if (PageSwapBacked(page) && !PageSwapCache(page) && add_to_swap(page))
		goto keep;
	if (page_mapped(page) &&
	    !mach.era->try_to_unmap(page, TTU_BATCH_FLUSH | TTU_IGNORE_ACCESS))
		goto keep;
	if (PageDirty(page) && PageSwapCache(page)) {
		/* no CPU may write the page once its IO has started */
		try_to_unmap_flush_dirty();
		check_swap_out(swp_offset((swp_entry_t){ page->private }),
			       page_to_pfn(page));
		ClearPageDirty(page);
	}
	/* __remove_mapping: only our isolation reference and the cache's */
	if (page_count(page) != 1 + PageSwapCache(page))
		goto keep;
	if (PageSwapCache(page))
		delete_from_swap_cache(page);
	unlock_page(page);
	return true;
keep:
	unlock_page(page);
	return false;
}

int reclaim_range(struct mm_struct *mm, uint64_t addr, uint64_t len)
{
	struct page *batch[RECLAIM_BATCH];
	int n = 0, reclaimed = 0;

	for (uint64_t a = addr & PAGE_MASK; a < addr + len && n < RECLAIM_BATCH;
	     a += PAGE_SIZE) {
		struct page *page = follow_page(mm, a);	/* isolates */

		if (page)
			batch[n++] = page;
	}
	for (int i = 0; i < n; i++)
		if (shrink_page(batch[i]))
			reclaimed++;
	/* before anything is freed, every deferred flush is done */
	try_to_unmap_flush();
	for (int i = 0; i < n; i++)
		put_page(batch[i]);
	return reclaimed;
}
