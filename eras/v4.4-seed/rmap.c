// SPDX-License-Identifier: GPL-2.0-only
/*
 * v4.4 with the seed's patch exactly as posted (Mike Kravetz, 29 Aug
 * 2018, kernel-semantics §2):
 *  - start/end bracket every call, widened for hugetlb PMD sharing
 *    (the loop form of adjust_range_if_pmd_sharing_possible);
 *  - range_start before page_check_address; the early TTU_MUNLOCK exit
 *    returns before it;
 *  - a successful huge_pmd_unshare flushes [start, end) and skips to
 *    out_unmap;
 *  - out_unmap calls invalidate_range(start, end) *before* the unlock
 *    instead of invalidate_page after it; out calls range_end.
 */
#include "arch/x86/tlbflush.h"
#include "eras/bugs.h"
#include "eras/era.h"
#include "eras/v4.4/v4.4.h"
#include "mm/hugetlb.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"

static int try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			    uint64_t address, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pteval_t *pte;
	int ret = SWAP_AGAIN;
	uint64_t start = address, end;

	/* munlock has nothing to gain from examining un-locked vmas */
	if ((flags & TTU_MUNLOCK) && !(vma->vm_flags & VM_LOCKED))
		return ret;

	/*
	 * THP: assume the worst case, a PMD.  hugetlb with PMD sharing:
	 * the whole PUD.  The caller holds a reference, so the page cannot
	 * be freed in here.
	 */
	end = address + (PAGE_SIZE << compound_order(compound_head(page)));
	if (end > vma->vm_end)
		end = vma->vm_end;
	if (PageHuge(page))
		adjust_range_if_pmd_sharing_possible(vma, &start, &end);
	mmu_notifier_invalidate_range_start(vma->vm_mm, start, end);

	pte = page_check_address(page, mm, address, &ptl);
	if (!pte) {
		/* Michal's draft returned here, past range_end. */
		if (bug_on(BUG_NOTIFIER_EARLY_EXIT))
			return ret;
		goto out;
	}

	if (PageHuge(page) && huge_pmd_unshare(mm, &address, pte)) {
		/*
		 * A whole PMD table was unmapped from this mm: flush every
		 * translation it could have given; the range was widened
		 * above.  Note: huge_pmd_unshare rewrote address.
		 */
		flush_cache_range(vma, start, end);
		flush_tlb_range(vma, start, end);
		goto out_unmap;
	}

	ret = v44_unmap_pte(page, vma, address, pte, flags);

out_unmap:
	if (ret != SWAP_FAIL && ret != SWAP_MLOCK && !(flags & TTU_MUNLOCK))
		mmu_notifier_invalidate_range(mm, start, end);
	spin_unlock(ptl);
out:
	mmu_notifier_invalidate_range_end(vma->vm_mm, start, end);
	return ret;
}

static bool try_to_unmap(struct page *page, unsigned int flags)
{
	return v44_try_to_unmap(page, flags, try_to_unmap_one) ==
	       SWAP_SUCCESS;
}

const struct era era_v4_4_seed = {
	.name = "v4.4-seed",
	.kernel = "4.4.155 + the seed's patch as posted (29 Aug 2018)",
	.summary = "start/end around every call, PUD-widened for hugetlb; "
		   "unshare + flush; invalidate_range under the PTL",
	.has_invalidate_page = true,
	.end_calls_invalidate_range = true,
	.has_change_pte = true,
	.adjust_range = ADJUST_RANGE_LOOP,
	.unshare_rewrites_addr = true,
	.has_ttu_munlock = true,
	.try_to_unmap = try_to_unmap,
};
