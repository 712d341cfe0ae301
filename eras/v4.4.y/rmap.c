// SPDX-License-Identifier: GPL-2.0-only
/*
 * v4.4.y: what 4.4-stable merged (verified in 4.4.167 and 4.4.178,
 * kernel-semantics §2), which is not the seed's patch:
 *  - start/end only when hugetlb PMD sharing is possible (the widened
 *    range is larger than one huge page);
 *  - huge_pmd_unshare gets a copy of the address (sh_address), so that
 *    invalidate_page still sees the real one;
 *  - no explicit invalidate_range; invalidate_page stays after the unlock
 *    (end calls ->invalidate_range for the whole range in 4.4).
 */
#include "arch/x86/tlbflush.h"
#include "eras/era.h"
#include "eras/v4.4/v4.4.h"
#include "mm/hugetlb.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"

static uint64_t vma_mmu_pagesize(struct vm_area_struct *vma)
{
	return is_vm_hugetlb_page(vma) ? huge_page_size(hstate_vma(vma)) :
					 PAGE_SIZE;
}

static int try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			    uint64_t address, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pteval_t *pte;
	int ret = SWAP_AGAIN;
	uint64_t sh_address = address;
	bool pmd_sharing_possible = false;
	uint64_t spmd_start = 0, spmd_end = 0;

	/* munlock has nothing to gain from examining un-locked vmas */
	if ((flags & TTU_MUNLOCK) && !(vma->vm_flags & VM_LOCKED))
		goto out;

	/*
	 * Sharing can only be known under the PTL, so bracket the worst
	 * case (the whole PUD) before taking it.
	 */
	if (PageHuge(page)) {
		spmd_start = address;
		spmd_end = spmd_start + vma_mmu_pagesize(vma);
		adjust_range_if_pmd_sharing_possible(vma, &spmd_start,
						     &spmd_end);
		if (spmd_end - spmd_start != vma_mmu_pagesize(vma)) {
			sh_address = address;
			pmd_sharing_possible = true;
			mmu_notifier_invalidate_range_start(vma->vm_mm,
							    spmd_start,
							    spmd_end);
		}
	}

	pte = page_check_address(page, mm, address, &ptl);
	if (!pte)
		goto out;

	if (PageHuge(page) && huge_pmd_unshare(mm, &sh_address, pte)) {
		/*
		 * The PMD table stays with the other sharers; this mm no
		 * longer reaches it, so flush all it could have cached.
		 */
		flush_cache_range(vma, spmd_start, spmd_end);
		flush_tlb_range(vma, spmd_start, spmd_end);
		goto out_unmap;
	}

	ret = v44_unmap_pte(page, vma, address, pte, flags);

out_unmap:
	spin_unlock(ptl);
	if (ret != SWAP_FAIL && ret != SWAP_MLOCK && !(flags & TTU_MUNLOCK))
		mmu_notifier_invalidate_page(mm, address);
out:
	if (pmd_sharing_possible)
		mmu_notifier_invalidate_range_end(vma->vm_mm, spmd_start,
						  spmd_end);
	return ret;
}

static bool try_to_unmap(struct page *page, unsigned int flags)
{
	return v44_try_to_unmap(page, flags, try_to_unmap_one) ==
	       SWAP_SUCCESS;
}

const struct era era_v4_4_y = {
	.name = "v4.4.y",
	.kernel = "4.4.178 (the backport as merged)",
	.summary = "start/end only when PMD sharing is possible; sh_address "
		   "copy; invalidate_page kept after the PTL",
	.has_invalidate_page = true,
	.end_calls_invalidate_range = true,
	.has_change_pte = true,
	.adjust_range = ADJUST_RANGE_LOOP,
	.unshare_rewrites_addr = true,
	.has_ttu_munlock = true,
	.try_to_unmap = try_to_unmap,
};
