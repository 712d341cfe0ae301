// SPDX-License-Identifier: GPL-2.0-only
/*
 * madvise: MADV_DONTNEED (zap), MADV_FREE (lazy free: clean, old, and
 * !PageSwapBacked, so reclaim may drop the page unless it is written
 * again), MADV_HUGEPAGE / MADV_NOHUGEPAGE (VM_HUGEPAGE).
 */
#include "eras/era.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/swap_state.h"
#include "mm/thp.h"
#include "mm/tlb_batch.h"

#define EINVAL 22
#define ENOMEM 12

/* One PTE of madvise_free_pte_range; the PTL is held. */
static void free_one_pte(struct mmu_gather *tlb, pteval_t *pte,
			 uint64_t addr)
{
	pteval_t v = entry_read(pte);
	struct page *page;

	if (is_swap_pte(v)) {
		swp_entry_t e = pte_to_swp_entry(v);

		if (is_migration_entry(e) || is_hwpoison_entry(e))
			return;
		entry_get_and_clear(pte);
		tlb->mm->rss_swap--;
		free_swap_and_cache(e);
		return;
	}
	if (!pte_present(v))
		return;
	page = pfn_to_page(pte_pfn(v));
	/* shared (after fork) or part of a THP: left alone */
	if (PageHead(compound_head(page)) || page_mapcount(page) != 1)
		return;
	if (PageSwapCache(page)) {
		if (!trylock_page(page))
			return;
		if (!try_to_free_swap(page)) {
			unlock_page(page);
			return;
		}
		unlock_page(page);
	}
	ClearPageDirty(page);
	if (pte_young(v) || pte_dirty(v)) {
		v = entry_get_and_clear(pte);
		set_entry(pte, v & ~(_PAGE_ACCESSED | _PAGE_DIRTY));
		tlb_remove_tlb_entry(tlb, addr, PAGE_SIZE);
	}
	ClearPageSwapBacked(page);	/* mark_page_lazyfree */
}

static void madvise_free_pte_range(struct mmu_gather *tlb, pteval_t *pmd,
				   uint64_t addr, uint64_t end)
{
	pteval_t *pte = pte_offset(pmd, addr);
	spinlock_t *ptl = pt_lockptr(pte);

	spin_lock(ptl);
	flush_tlb_batched_pending(tlb->mm);
	for (; addr < end; addr += PAGE_SIZE, pte++)
		free_one_pte(tlb, pte, addr);
	spin_unlock(ptl);
}

static void madvise_free_single_vma(struct vm_area_struct *vma,
				    uint64_t start, uint64_t end)
{
	struct mm_struct *mm = vma->vm_mm;
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm, start, end);
	mmu_notifier_invalidate_range_start(mm, start, end);
	for (uint64_t addr = start, next; addr < end; addr = next) {
		pteval_t *pmd = mm_find_pmd(mm, addr);

		next = (addr & PMD_MASK) + PMD_SIZE;
		if (next > end)
			next = end;
		if (pmd && pte_huge(entry_read(pmd)))
			split_huge_pmd(vma, pmd, addr);
		if (pmd && pte_hw_present(entry_read(pmd)) &&
		    !pte_huge(entry_read(pmd)))
			madvise_free_pte_range(&tlb, pmd, addr, next);
	}
	mmu_notifier_invalidate_range_end(mm, start, end);
	tlb_finish_mmu(&tlb);
}

/* Apply @fn to each VMA piece of [start, end); -ENOMEM on a hole. */
static int for_each_piece(struct mm_struct *mm, uint64_t start,
			  uint64_t end, int advice)
{
	for (uint64_t a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);
		uint64_t e;

		if (!vma || vma->vm_start > a)
			return -ENOMEM;
		e = vma->vm_end < end ? vma->vm_end : end;
		if (is_vm_hugetlb_page(vma) || (vma->vm_flags & VM_LOCKED))
			return -EINVAL;
		if (advice == MADV_DONTNEED) {
			zap_page_range(vma, a, e - a);
		} else {
			if (vma->vm_file)
				return -EINVAL;	/* anon private only */
			madvise_free_single_vma(vma, a, e);
		}
		a = e;
	}
	return 0;
}

static int set_hugepage(struct mm_struct *mm, uint64_t start, uint64_t end,
			bool on)
{
	int ret;

	down_write(&mm->mmap_sem);
	ret = vma_split_at(mm, start);
	if (!ret)
		ret = vma_split_at(mm, end);
	for (uint64_t a = start; !ret && a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);

		if (!vma || vma->vm_start > a) {
			ret = -ENOMEM;
			break;
		}
		vma_touch(vma, true);
		if (on)
			vma->vm_flags |= VM_HUGEPAGE;
		else
			vma->vm_flags &= ~VM_HUGEPAGE;
		a = vma->vm_end;
	}
	up_write(&mm->mmap_sem);
	return ret;
}

int do_madvise(struct mm_struct *mm, uint64_t start, uint64_t len,
	       int advice)
{
	uint64_t end = start + len;
	int ret;

	if ((start | len) & ~PAGE_MASK || end < start || end > TASK_SIZE)
		return -EINVAL;
	switch (advice) {
	case MADV_DONTNEED:
	case MADV_FREE:
		/* 4.5 brought MADV_FREE; 4.4's reclaim knows no lazy pages */
		if (!mach.era->has_madv_free)
			return -EINVAL;
		down_read(&mm->mmap_sem);
		ret = for_each_piece(mm, start, end, advice);
		up_read(&mm->mmap_sem);
		return ret;
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
		return set_hugepage(mm, start, end, advice == MADV_HUGEPAGE);
	default:
		return -EINVAL;
	}
}
