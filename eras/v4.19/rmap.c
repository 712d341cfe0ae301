// SPDX-License-Identifier: GPL-2.0-only
/*
 * v4.19 (4.19.108): try_to_unmap_one after 369ea8242c0f ("update to new
 * mmu_notifier semantic") and 017b1660df89 ("fix migration of huge PMD
 * shared pages"), in 4.19's order (kernel-semantics §1.3):
 * range_start before the walk; huge_pmd_unshare with a PUD-wide flush and
 * invalidate_range; explicit invalidate_range only where the page could
 * otherwise be freed or replaced under a device (the table in §1.3);
 * range_end (not only_end) after the walk.
 */
#include "arch/x86/tlbflush.h"
#include "check/check.h"
#include "eras/bugs.h"
#include "eras/era.h"
#include "mm/hugetlb.h"
#include "mm/internal.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/thp.h"
#include "mm/tlb_batch.h"

static void invalidate_one(struct mm_struct *mm, uint64_t address)
{
	mmu_notifier_invalidate_range(mm, address, address + PAGE_SIZE);
}

static bool try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			     uint64_t address, void *arg)
{
	unsigned int flags = *(unsigned int *)arg;
	struct mm_struct *mm = vma->vm_mm;
	struct page_vma_mapped_walk pvmw = {
		.page = page, .vma = vma, .address = address,
	};
	struct page *head = compound_head(page), *subpage;
	pteval_t pteval;
	bool ret = true;
	uint64_t start, end;

	/* munlock has nothing to gain from examining un-locked vmas */
	if ((flags & TTU_MUNLOCK) && !(vma->vm_flags & VM_LOCKED))
		return true;

	if (flags & TTU_SPLIT_HUGE_PMD)
		split_huge_pmd_address(vma, address,
				       flags & TTU_SPLIT_FREEZE, page);

	/*
	 * THP: the worst case is a PMD.  hugetlb with PMD sharing: the
	 * whole PUD, since sharing is only known under the PTL.
	 */
	start = address;
	/* before 369ea8242c0f the notification named a single page */
	end = address + (bug_on(BUG_NOTIFY_SINGLE_PAGE) ?
				 PAGE_SIZE :
				 PAGE_SIZE << compound_order(head));
	if (end > vma->vm_end)
		end = vma->vm_end;
	if (PageHuge(page) && !bug_on(BUG_PMD_SHARE_NARROW_RANGE))
		adjust_range_if_pmd_sharing_possible(vma, &start, &end);
	mmu_notifier_invalidate_range_start(vma->vm_mm, start, end);

	while (page_vma_mapped_walk(&pvmw)) {
		if (!(flags & TTU_IGNORE_MLOCK)) {
			if (vma->vm_flags & VM_LOCKED) {
				if (!PageTransHuge(head))
					mlock_vma_page(page);
				ret = false;
				page_vma_mapped_walk_done(&pvmw);
				break;
			}
			if (flags & TTU_MUNLOCK)
				continue;
		}

		/*
		 * A PMD-mapped THP here wants a PMD migration entry
		 * (set_pmd_migration_entry), which is not modelled: callers
		 * split with TTU_SPLIT_HUGE_PMD first, so this aborts.
		 */
		if (!pvmw.pte) {
			ret = false;
			page_vma_mapped_walk_done(&pvmw);
			break;
		}
		subpage = pfn_to_page(pte_pfn(entry_read(pvmw.pte)));
		address = pvmw.address;

		if (PageHuge(page) && !bug_on(BUG_PMD_SHARE_NO_UNSHARE)) {
			if (huge_pmd_unshare(mm, &address, pvmw.pte)) {
				/*
				 * The other sharers keep the table; this mm
				 * lost a whole PUD of translations.
				 */
				flush_cache_range(vma, start, end);
				flush_tlb_range(vma, start, end);
				mmu_notifier_invalidate_range(mm, start, end);
				/*
				 * The mapcount belongs to the shared table:
				 * leave it; the walk goes on to the other
				 * sharers and the last one unmaps.
				 */
				page_vma_mapped_walk_done(&pvmw);
				break;
			}
		}

		if (!(flags & TTU_IGNORE_ACCESS)) {
			if (ptep_clear_flush_young_notify(vma, address,
							  pvmw.pte)) {
				ret = false;
				page_vma_mapped_walk_done(&pvmw);
				break;
			}
		}

		/* Nuke the page table entry. */
		flush_cache_page(vma, address, pte_pfn(entry_read(pvmw.pte)));
		if (should_defer_flush(mm, flags)) {
			pteval = ptep_get_and_clear(mm, address, pvmw.pte);
			set_tlb_ubc_flush_pending(mm, pte_dirty(pteval));
		} else {
			pteval = ptep_clear_flush(vma, address, pvmw.pte);
		}

		if (pte_dirty(pteval))
			set_page_dirty(page);
		update_hiwater_rss(mm);

		if (PageHWPoison(page) && !(flags & TTU_IGNORE_HWPOISON)) {
			dec_mm_counter_page(mm, page);
			set_entry(pvmw.pte,
				  swp_entry_to_pte(make_hwpoison_entry(
					  page_to_pfn(subpage))));
		} else if (flags & (TTU_MIGRATION | TTU_SPLIT_FREEZE)) {
			/*
			 * No invalidate_range here: racing users wait on
			 * the migration entry.
			 */
			set_entry(pvmw.pte,
				  swp_entry_to_pte(make_migration_entry(
					  page_to_pfn(subpage),
					  pte_write(pteval))));
		} else if (PageAnon(head)) {
			swp_entry_t entry = { subpage->private };

			if (PageSwapBacked(head) != PageSwapCache(head)) {
				ret = false;
				invalidate_one(mm, address);
				page_vma_mapped_walk_done(&pvmw);
				break;
			}
			if (!PageSwapBacked(head)) {
				/* MADV_FREE */
				if (!PageDirty(head)) {
					invalidate_one(mm, address);
					mm->rss_anon--;
					goto discard;
				}
				/* redirtied: keep it */
				set_entry(pvmw.pte, pteval);
				SetPageSwapBacked(head);
				ret = false;
				page_vma_mapped_walk_done(&pvmw);
				break;
			}
			if (swap_duplicate(entry) < 0) {
				set_entry(pvmw.pte, pteval);
				ret = false;
				page_vma_mapped_walk_done(&pvmw);
				break;
			}
			mm->rss_anon--;
			mm->rss_swap++;
			set_entry(pvmw.pte, swp_entry_to_pte(entry));
			invalidate_one(mm, address);
		} else {
			/*
			 * A locked file page cannot be replaced in the page
			 * cache before range_end: no invalidate_range here.
			 */
			dec_mm_counter_page(mm, page);
		}
discard:
		page_remove_rmap(subpage, PageHuge(page));
		put_page(page);
	}

	mmu_notifier_invalidate_range_end(vma->vm_mm, start, end);
	return ret;
}

static bool page_mapcount_is_zero(struct page *page)
{
	return !page_mapped(page);
}

static bool try_to_unmap(struct page *page, unsigned int flags)
{
	struct rmap_walk_control rwc = {
		.arg = &flags,
		.rmap_one = try_to_unmap_one,
		.done = page_mapcount_is_zero,
		.locked = flags & TTU_RMAP_LOCKED,
	};

	rmap_walk(page, &rwc);
	return !page_mapped(page);
}

const struct era era_v4_19 = {
	.name = "v4.19",
	.kernel = "4.19.108",
	.summary = "start/end around the walk; huge_pmd_unshare with a "
		   "PUD flush; invalidate_range under the PTL where needed",
	.contract = CLAUSE_BRACKET_ALL,
	.has_range_only_end = true,
	.end_calls_invalidate_range = true,
	.start_can_fail = true,
	.has_change_pte = true,
	.adjust_range = ADJUST_RANGE_LOOP,
	.unshare_rewrites_addr = true,
	.thp_migration = true,
	.has_madv_free = true,
	.widen_hugetlb_unmap = true,
	.has_ttu_munlock = true,
	.try_to_unmap = try_to_unmap,
};
