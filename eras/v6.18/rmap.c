// SPDX-License-Identifier: GPL-2.0-only
/*
 * v6.18 (6.18.2): folio-based try_to_unmap_one and the separate
 * try_to_migrate_one (a98a2f0c8ce1), kernel-semantics §1.4.
 *
 *  - One MMU_NOTIFY_CLEAR range over the folio, PUD-widened for hugetlb
 *    by the aligned adjust_range_if_pmd_sharing_possible (75802ca66354),
 *    started before the walk and ended after it.
 *  - No explicit secondary-TLB call: since 6.6 the arch TLB flush (and
 *    the batched-flush add) invalidates secondary TLBs itself.
 *  - File hugetlb: the caller holds i_mmap_rwsem for write
 *    (TTU_RMAP_LOCKED); unsharing also needs the vma_lock, which rmap
 *    can only trylock.  huge_pmd_unshare no longer rewrites the address,
 *    and the share count is separate from the page refcount.
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

static uint64_t vma_address_end(struct page *folio, struct vm_area_struct *vma,
				uint64_t address)
{
	uint64_t end = address + (compound_nr(folio) << PAGE_SHIFT);

	return end > vma->vm_end ? vma->vm_end : end;
}

/*
 * The hugetlb part shared by unmap and migrate: unshare a shared PMD
 * table (returns 1: done with this vma), else clear the huge PTE.
 * Returns -1 when the vma_lock could not be taken (walk_abort).
 */
static int hugetlb_unshare_or_clear(struct page *folio,
				    struct vm_area_struct *vma,
				    uint64_t address, pteval_t *ptep,
				    uint64_t start, uint64_t end,
				    unsigned int flags, pteval_t *pteval)
{
	struct mm_struct *mm = vma->vm_mm;
	uint64_t addr = address;

	flush_cache_range(vma, start, end);
	if (!PageAnon(folio)) {
		if (!(flags & TTU_RMAP_LOCKED))
			sim_violation("bug", page_to_pfn(folio),
				      "VM_BUG_ON: hugetlb unmap without "
				      "i_mmap_rwsem (TTU_RMAP_LOCKED)");
		/* vma_lock orders before i_mmap_rwsem: trylock only */
		if (!hugetlb_vma_trylock_write(vma))
			return -1;
		if (!bug_on(BUG_PMD_SHARE_NO_UNSHARE) &&
		    huge_pmd_unshare(mm, &addr, ptep)) {
			hugetlb_vma_unlock_write(vma);
			flush_tlb_range(vma, start, end);
			return 1;
		}
		hugetlb_vma_unlock_write(vma);
	}
	/* huge_ptep_clear_flush */
	*pteval = ptep_clear_flush(vma, address, ptep);
	if (pte_dirty(*pteval))
		set_page_dirty(folio);
	return 0;
}

/*
 * A PMD-mapped THP in the walk.  With TTU_SPLIT_HUGE_PMD K618 splits it
 * under the PMD lock inside the open range (split_huge_pmd_locked) and
 * restarts the walk; the model drops the PMD lock, splits with the same
 * range still open, and restarts.  Other PMD cases (lazyfree PMD unmap,
 * PMD migration entries) are not modelled: the walk aborts.
 * Returns true to restart, false to abort.
 */
static bool pmd_mapped(struct page_vma_mapped_walk *pvmw,
		       unsigned int *flags, bool freeze, uint64_t address)
{
	struct page *folio = pvmw->page;

	page_vma_mapped_walk_done(pvmw);
	if (!(*flags & TTU_SPLIT_HUGE_PMD))
		return false;
	split_huge_pmd_address(pvmw->vma, address, freeze, folio);
	*flags &= ~TTU_SPLIT_HUGE_PMD;
	pvmw->pte = NULL;
	pvmw->pmd = NULL;
	pvmw->address = address;
	return true;
}

enum walk_step {
	WALK_CLEARED,	/* *pteval and *subpage describe the cleared entry */
	WALK_AGAIN,	/* the PMD was split: restart the walk */
	WALK_ABORT,	/* stop; the folio stays (partly) mapped */
	WALK_DONE,	/* stop; this vma is done (an unshared PMD table) */
};

static pteval_t clear_pte(struct vm_area_struct *vma, uint64_t address,
			  pteval_t *ptep, unsigned int flags);

/*
 * The first half of each step of both walks: split a PMD-mapped THP, or
 * unshare or clear a hugetlb entry, or clear a PTE (K618's two functions
 * share this code, each its own copy).  @freeze: split into migration
 * entries.  The walk's lock is dropped on every result but WALK_CLEARED.
 */
static enum walk_step clear_next(struct page_vma_mapped_walk *pvmw,
				 unsigned int *flags, bool freeze,
				 uint64_t start, uint64_t end,
				 uint64_t *address, pteval_t *pteval,
				 struct page **subpage)
{
	struct page *folio = pvmw->page;
	struct vm_area_struct *vma = pvmw->vma;
	int r;

	if (!pvmw->pte)
		return pmd_mapped(pvmw, flags, freeze, *address) ? WALK_AGAIN :
								   WALK_ABORT;
	*subpage = pfn_to_page(pte_pfn(entry_read(pvmw->pte)));
	*address = pvmw->address;
	if (PageHugeFlag(folio)) {
		r = hugetlb_unshare_or_clear(folio, vma, *address, pvmw->pte,
					     start, end, *flags, pteval);
		if (r) {
			page_vma_mapped_walk_done(pvmw);
			return r > 0 ? WALK_DONE : WALK_ABORT;
		}
	} else {
		*pteval = clear_pte(vma, *address, pvmw->pte, *flags);
		if (pte_dirty(*pteval))
			set_page_dirty(folio);
	}
	update_hiwater_rss(vma->vm_mm);
	return WALK_CLEARED;
}

static pteval_t clear_pte(struct vm_area_struct *vma, uint64_t address,
			  pteval_t *ptep, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pteval_t pteval;

	flush_cache_page(vma, address, pte_pfn(entry_read(ptep)));
	if (should_defer_flush(mm, flags)) {
		/* x86 flushes the secondary TLBs here, eagerly */
		pteval = ptep_get_and_clear(mm, address, ptep);
		set_tlb_ubc_flush_pending(mm, pte_dirty(pteval));
	} else {
		pteval = ptep_clear_flush(vma, address, ptep);
	}
	return pteval;
}

/*
 * The MMU_NOTIFY_CLEAR range of both walks: the folio from @address,
 * clamped to the vma (vma_address_end), PUD-widened for hugetlb since
 * sharing is only known under the PTL; started before the walk.
 */
static void range_start(struct page *folio, struct vm_area_struct *vma,
			uint64_t address, uint64_t *start, uint64_t *end)
{
	*start = address;
	*end = vma_address_end(folio, vma, address);
	if (PageHugeFlag(folio) && !bug_on(BUG_PMD_SHARE_NARROW_RANGE))
		adjust_range_if_pmd_sharing_possible(vma, start, end);
	mmu_notifier_invalidate_range_start(vma->vm_mm, *start, *end);
}

static bool try_to_migrate_one(struct page *folio, struct vm_area_struct *vma,
			       uint64_t address, void *arg)
{
	unsigned int flags = *(unsigned int *)arg;
	struct mm_struct *mm = vma->vm_mm;
	struct page_vma_mapped_walk pvmw = {
		.page = folio, .vma = vma, .address = address,
	};
	uint64_t start, end;
	struct page *subpage;
	pteval_t pteval;
	bool ret = true;

	if (flags & TTU_SYNC)
		pvmw.flags = PVMW_SYNC;
	range_start(folio, vma, address, &start, &end);

	while (page_vma_mapped_walk(&pvmw)) {
		switch (clear_next(&pvmw, &flags, true, start, end, &address,
				   &pteval, &subpage)) {
		case WALK_AGAIN:
			continue;
		case WALK_ABORT:
			ret = false;
			goto walk_done;
		case WALK_DONE:
			goto walk_done;
		case WALK_CLEARED:
			break;
		}

		if (PageHWPoison(subpage)) {
			dec_mm_counter_page(mm, folio);
			set_entry(pvmw.pte,
				  swp_entry_to_pte(make_hwpoison_entry(
					  page_to_pfn(subpage))));
		} else {
			/*
			 * No secondary invalidation beyond the flush: racing
			 * users wait on the migration entry.
			 */
			set_entry(pvmw.pte,
				  swp_entry_to_pte(make_migration_entry(
					  page_to_pfn(subpage),
					  pte_write(pteval))));
		}
		page_remove_rmap(subpage, PageHugeFlag(folio));
		put_page(folio);
	}
walk_done:
	mmu_notifier_invalidate_range_end(mm, start, end);
	return ret;
}

static bool try_to_unmap_one(struct page *folio, struct vm_area_struct *vma,
			     uint64_t address, void *arg)
{
	unsigned int flags = *(unsigned int *)arg;
	struct mm_struct *mm = vma->vm_mm;
	struct page_vma_mapped_walk pvmw = {
		.page = folio, .vma = vma, .address = address,
	};
	uint64_t start, end;
	struct page *subpage;
	pteval_t pteval;
	bool ret = true;

	if (flags & TTU_SYNC)
		pvmw.flags = PVMW_SYNC;
	range_start(folio, vma, address, &start, &end);

	while (page_vma_mapped_walk(&pvmw)) {
		if ((vma->vm_flags & VM_LOCKED) &&
		    !(flags & TTU_IGNORE_MLOCK)) {
			/* the folio is mlocked once the walk saw it all */
			mlock_vma_page(folio);
			ret = false;
			page_vma_mapped_walk_done(&pvmw);
			break;
		}
		/* only hwpoisoned hugetlb folios reach the hugetlb part */
		switch (clear_next(&pvmw, &flags, false, start, end, &address,
				   &pteval, &subpage)) {
		case WALK_AGAIN:
			continue;
		case WALK_ABORT:
			ret = false;
			goto walk_done;
		case WALK_DONE:
			goto walk_done;
		case WALK_CLEARED:
			break;
		}

		if (PageHWPoison(subpage) && (flags & TTU_HWPOISON)) {
			dec_mm_counter_page(mm, folio);
			set_entry(pvmw.pte,
				  swp_entry_to_pte(make_hwpoison_entry(
					  page_to_pfn(subpage))));
		} else if (PageAnon(folio)) {
			swp_entry_t entry = { subpage->private };

			if (PageSwapBacked(folio) != PageSwapCache(folio)) {
				set_entry(pvmw.pte, pteval);
				ret = false;
				page_vma_mapped_walk_done(&pvmw);
				break;
			}
			if (!PageSwapBacked(folio)) {
				/* lazyfree: discard if clean, else keep */
				if (PageDirty(folio) ||
				    page_count(folio) != 1 + page_mapcount(folio)) {
					set_entry(pvmw.pte, pteval);
					SetPageSwapBacked(folio);
					ret = false;
					page_vma_mapped_walk_done(&pvmw);
					break;
				}
				mm->rss_anon--;
				goto discard;
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
		} else {
			dec_mm_counter_page(mm, folio);
		}
discard:
		page_remove_rmap(subpage, PageHugeFlag(folio));
		put_page(folio);
	}
walk_done:
	mmu_notifier_invalidate_range_end(mm, start, end);
	return ret;
}

static bool folio_not_mapped(struct page *folio)
{
	return !page_mapped(folio);
}

static bool walk(struct page *page, unsigned int flags,
		 bool (*one)(struct page *, struct vm_area_struct *, uint64_t,
			     void *))
{
	struct rmap_walk_control rwc = {
		.arg = &flags,
		.rmap_one = one,
		.done = folio_not_mapped,
		.locked = flags & TTU_RMAP_LOCKED,
	};

	rmap_walk(compound_head(page), &rwc);
	return !page_mapped(page);
}

static bool try_to_unmap(struct page *folio, unsigned int flags)
{
	return walk(folio, flags, try_to_unmap_one);
}

static bool try_to_migrate(struct page *folio, unsigned int flags)
{
	/* TTU_MIGRATION does not exist any more; callers may still pass it */
	return walk(folio, flags & ~(TTU_MIGRATION | TTU_IGNORE_ACCESS),
		    try_to_migrate_one);
}

const struct era era_v6_18 = {
	.name = "v6.18",
	.kernel = "6.18.2",
	.summary = "folio rmap; try_to_migrate; secondary TLBs flushed by "
		   "the arch flush; vma_lock + i_mmap_rwsem for unsharing",
	.contract = CLAUSE_BRACKET_ALL,
	.secondary_tlb_flush_in_arch = true,
	.start_can_fail = true,
	.has_interval_notifiers = true,
	.pmd_share_count_separate = true,
	.adjust_range = ADJUST_RANGE_ALIGN,
	.hugetlb_migrate_takes_i_mmap = true,
	.huge_pmd_share_i_mmap_read = true,
	.hugetlb_vma_lock = true,
	.thp_migration = true,
	.has_madv_free = true,
	.widen_hugetlb_unmap = true,
	.try_to_unmap = try_to_unmap,
	.try_to_migrate = try_to_migrate,
};
