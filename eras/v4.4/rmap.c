// SPDX-License-Identifier: GPL-2.0-only
/*
 * v4.4 (4.4.155, before the backport): try_to_unmap_one and try_to_unmap
 * in 4.4's order of operations (kernel-semantics §1.1).
 *
 * No invalidate_range_start/end; one mmu_notifier_invalidate_page() for
 * the address, after the PTL is dropped.  No huge_pmd_unshare: a hugetlb
 * page mapped through a shared PMD table has one mapcount however many
 * mms share the table, so the walk stops after the first VMA.
 */
#include "arch/x86/tlbflush.h"
#include "eras/era.h"
#include "eras/v4.4/v4.4.h"
#include "mm/internal.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/tlb_batch.h"

/*
 * Steps 3-8 of 4.4's try_to_unmap_one, with the PTL held: the mlock and
 * young checks, clearing the entry, the new entry, and dropping the
 * mapping.  v4.4-seed and v4.4.y change only what is around this, so
 * they call it.  Returns SWAP_AGAIN, SWAP_FAIL or SWAP_MLOCK.
 */
int v44_unmap_pte(struct page *page, struct vm_area_struct *vma,
		  uint64_t address, pteval_t *pte, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pteval_t pteval;

	if (!(flags & TTU_IGNORE_MLOCK)) {
		if (vma->vm_flags & VM_LOCKED) {
			mlock_vma_page(page);
			return SWAP_MLOCK;
		}
		if (flags & TTU_MUNLOCK)
			return SWAP_AGAIN;
	}
	if (!(flags & TTU_IGNORE_ACCESS)) {
		if (ptep_clear_flush_young_notify(vma, address, pte))
			return SWAP_FAIL;
	}

	/* Nuke the page table entry. */
	flush_cache_page(vma, address, page_to_pfn(page));
	if (should_defer_flush(mm, flags)) {
		/*
		 * Other CPUs may cache the old entry until the batch is
		 * flushed; the caller holds the page until then.
		 */
		pteval = ptep_get_and_clear(mm, address, pte);
		set_tlb_ubc_flush_pending(mm, pte_dirty(pteval));
	} else {
		pteval = ptep_clear_flush(vma, address, pte);
	}

	if (pte_dirty(pteval))
		set_page_dirty(page);
	update_hiwater_rss(mm);

	if (PageHWPoison(page) && !(flags & TTU_IGNORE_HWPOISON)) {
		dec_mm_counter_page(mm, page);
		set_entry(pte, swp_entry_to_pte(make_hwpoison_entry(
				       page_to_pfn(compound_head(page)))));
	} else if (flags & TTU_MIGRATION) {
		/*
		 * A fault on the entry waits for the page lock, so a racing
		 * CPU synchronises on it; that is why 4.4 could notify after
		 * the unlock.  x86's pte_unused() is always false, so that
		 * branch of 4.4 is not modelled.
		 */
		swp_entry_t entry = make_migration_entry(
			page_to_pfn(compound_head(page)), pte_write(pteval));

		set_entry(pte, swp_entry_to_pte(entry));
	} else if (PageAnon(compound_head(page))) {
		swp_entry_t entry = { compound_head(page)->private };

		if (!PageSwapCache(compound_head(page)))
			sim_violation("bug", page_to_pfn(page),
				      "VM_BUG_ON_PAGE(!PageSwapCache) in 4.4 "
				      "try_to_unmap_one");
		if (swap_duplicate(entry) < 0) {
			set_entry(pte, pteval);
			return SWAP_FAIL;
		}
		mm->rss_anon--;
		mm->rss_swap++;
		set_entry(pte, swp_entry_to_pte(entry));
	} else {
		dec_mm_counter_page(mm, page);
	}

	page_remove_rmap(page, PageHuge(page));
	put_page(page);
	return SWAP_AGAIN;
}

static int try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			    uint64_t address, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pteval_t *pte;
	int ret = SWAP_AGAIN;

	/* munlock has nothing to gain from examining un-locked vmas */
	if ((flags & TTU_MUNLOCK) && !(vma->vm_flags & VM_LOCKED))
		goto out;

	pte = page_check_address(page, mm, address, &ptl);
	if (!pte)
		goto out;

	ret = v44_unmap_pte(page, vma, address, pte, flags);

	spin_unlock(ptl);
	/* After the unlock: the PTE may already point elsewhere. */
	if (ret != SWAP_FAIL && ret != SWAP_MLOCK && !(flags & TTU_MUNLOCK))
		mmu_notifier_invalidate_page(mm, address);
out:
	return ret;
}

struct ttu_arg {
	unsigned int flags;
	int ret;
	v44_unmap_one_t one;
};

static bool rmap_one(struct page *page, struct vm_area_struct *vma,
		     uint64_t address, void *arg)
{
	struct ttu_arg *a = arg;

	a->ret = a->one(page, vma, address, a->flags);
	return a->ret == SWAP_AGAIN;
}

static bool page_not_mapped(struct page *page)
{
	return !page_mapped(page);
}

/* 4.4's try_to_unmap: walk until a VMA fails or the page is unmapped. */
int v44_try_to_unmap(struct page *page, unsigned int flags,
		     v44_unmap_one_t one)
{
	struct ttu_arg a = { flags, SWAP_AGAIN, one };
	struct rmap_walk_control rwc = {
		.arg = &a,
		.rmap_one = rmap_one,
		.done = page_not_mapped,
	};

	rmap_walk(page, &rwc);
	if (a.ret != SWAP_MLOCK && !page_mapped(page))
		a.ret = SWAP_SUCCESS;
	return a.ret;
}

static bool try_to_unmap(struct page *page, unsigned int flags)
{
	return v44_try_to_unmap(page, flags, try_to_unmap_one) ==
	       SWAP_SUCCESS;
}

const struct era era_v4_4 = {
	.name = "v4.4",
	.kernel = "4.4.155 (before the 2018 backport)",
	.summary = "invalidate_page after the PTL; no start/end and no "
		   "huge_pmd_unshare in try_to_unmap_one",
	.has_invalidate_page = true,
	.end_calls_invalidate_range = true,
	.has_change_pte = true,
	.adjust_range = ADJUST_RANGE_NONE,
	.unshare_rewrites_addr = true,
	.has_ttu_munlock = true,
	.try_to_unmap = try_to_unmap,
};
