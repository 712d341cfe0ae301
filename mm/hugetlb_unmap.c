// SPDX-License-Identifier: GPL-2.0-only
/*
 * __unmap_hugepage_range: the hugetlb part of munmap and exit, in 4.19's
 * order with a4a118f2eead ("flush TLBs correctly after huge_pmd_unshare").
 *
 * The caller holds i_mmap_rwsem for write.  An unshared PMD table stays
 * alive only because the other sharers hold it; once i_mmap_rwsem is
 * dropped the last of them may free it, so this mm's TLBs and paging-
 * structure caches must have forgotten the whole PUD before we return.
 */
#include "arch/x86/tlbflush.h"
#include "check/check.h"
#include "eras/bugs.h"
#include "eras/era.h"
#include "mm/hugetlb.h"
#include "mm/internal.h"
#include "mm/mmu_gather.h"
#include "mm/memory.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "sim/footprint.h"

/* Clear one huge PTE under its lock and gather the page. */
static void zap_huge_pte(struct mmu_gather *tlb, struct vm_area_struct *vma,
			 pteval_t *ptep, uint64_t address, uint64_t sz)
{
	struct mm_struct *mm = vma->vm_mm;
	pteval_t pte = entry_read(ptep);
	struct page *page;

	if (pte_none(pte))
		return;
	if (!pte_present(pte)) {
		/* migration or hwpoison entry */
		entry_get_and_clear(ptep);
		return;
	}
	page = pfn_to_page(pte_pfn(pte));
	pte = ptep_get_and_clear(mm, address, ptep);
	tlb_remove_tlb_entry(tlb, address, sz);
	if (pte_dirty(pte))
		set_page_dirty(page);
	dec_mm_counter_page(mm, page);
	page_remove_rmap(page, true);
	tlb_remove_page(tlb, page);
}

/*
 * The notifier range of a hugetlb unmap or protection change, started.
 * Sharing is only known under the PTL: cover whole PUDs (from
 * dff11abe280b; 4.4.y kept the unwidened range).
 */
static void hugetlb_range_start(struct vm_area_struct *vma, uint64_t *start,
				uint64_t *end)
{
	if (mach.era->widen_hugetlb_unmap)
		adjust_range_if_pmd_sharing_possible(vma, start, end);
	mmu_notifier_invalidate_range_start(vma->vm_mm, *start, *end);
}

/*
 * Unshare the PMD table behind @ptep (its PTL held) if other mms share
 * it.  Then *@address is the last huge page of the PUD, so the caller's
 * loop goes on at the next PUD: huge_pmd_unshare moved it itself until
 * 6.0, the callers since.
 */
static bool unshare_pud(struct mm_struct *mm, uint64_t *address,
			pteval_t *ptep, uint64_t sz)
{
	uint64_t pud_base = *address & PUD_MASK;

	if (sz != PMD_SIZE || !huge_pmd_unshare(mm, address, ptep))
		return false;
	if (!mach.era->unshare_rewrites_addr)
		*address = pud_base + PUD_SIZE - sz;
	return true;
}

/*
 * The huge PTE of @address with its lock taken (*@ptl), or NULL when no
 * table maps it: the head of both walks below.
 */
static pteval_t *huge_pte_lock_at(struct mm_struct *mm, struct hstate *h,
				  uint64_t address, uint64_t sz,
				  spinlock_t **ptl)
{
	pteval_t *ptep = huge_pte_offset(mm, address, sz);

	if (!ptep)
		return NULL;
	*ptl = huge_pte_lockptr(h, mm, ptep);
	spin_lock(*ptl);
	return ptep;
}

void __unmap_hugepage_range(struct mmu_gather *tlb,
			    struct vm_area_struct *vma, uint64_t start,
			    uint64_t end)
{
	struct mm_struct *mm = vma->vm_mm;
	struct hstate *h = hstate_vma(vma);
	uint64_t sz = huge_page_size(h);
	uint64_t mstart = start, mend = end, address;
	bool force_flush = false;

	hugetlb_range_start(vma, &mstart, &mend);
	for (address = start; address < end; address += sz) {
		spinlock_t *ptl;
		pteval_t *ptep = huge_pte_lock_at(mm, h, address, sz, &ptl);

		if (!ptep)
			continue;
		if (unshare_pud(mm, &address, ptep, sz)) {
			spin_unlock(ptl);
			/*
			 * The whole PUD went from this mm.  Before
			 * a4a118f2eead nothing was recorded here, so the
			 * table could be freed while a CPU still cached it.
			 */
			if (!bug_on(BUG_CVE_2021_4002)) {
				tlb_remove_tlb_entry(tlb, address & PUD_MASK,
						     PUD_SIZE);
				force_flush = true;
			}
			continue;
		}
		zap_huge_pte(tlb, vma, ptep, address, sz);
		spin_unlock(ptl);
		/* The batch is flushed here, outside the PTL, when full. */
		if (tlb->nr_pages == MMU_GATHER_BATCH)
			tlb_flush_mmu(tlb);
	}
	mmu_notifier_invalidate_range_end(mm, mstart, mend);
	/* Before i_mmap_rwsem is dropped: see the comment at the top. */
	if (force_flush)
		tlb_flush_mmu_tlbonly(tlb);
}

/* Unmap file pages [first, last) (PAGE_SIZE units) from every VMA. */
static void hugetlb_vmdelete_list(struct address_space *mapping,
				  uint64_t first, uint64_t last)
{
	down_write(&mapping->i_mmap_rwsem);
	for (int i = 0; i < mapping->nr_i_mmap; i++) {
		struct vm_area_struct *vma = mapping->i_mmap[i];
		uint64_t start, end;
		struct mmu_gather tlb;

		vma_touch(vma, false);
		if (!vma_pgoff_range(vma, first, last, &start, &end))
			continue;
		tlb_gather_mmu(&tlb, vma->vm_mm, start, end);
		__unmap_hugepage_range(&tlb, vma, start, end);
		tlb_finish_mmu(&tlb);
	}
	up_write(&mapping->i_mmap_rwsem);
}

/*
 * hugetlbfs truncate and hole punch (hugetlb_vmdelete_list, then
 * remove_inode_hugepages): unmap [offset, offset + len) of the file from
 * every VMA under i_mmap_rwsem for write, then drop the page-cache pages.
 * The range may start or end in the middle of a VMA, so the notifier
 * range of __unmap_hugepage_range is widened from an unaligned range.
 */
int hugetlbfs_punch_hole(struct address_space *mapping, uint64_t offset,
			 uint64_t len)
{
	uint64_t hsz = PAGE_SIZE << mapping->order;
	uint64_t first = offset >> PAGE_SHIFT, last = (offset + len) >> PAGE_SHIFT;

	if (mapping->kind != FILE_HUGETLBFS || (offset | len) & (hsz - 1) ||
	    offset + len > mapping->size || offset + len < offset)
		return -22;	/* -EINVAL */
	hugetlb_vmdelete_list(mapping, first, last);
	for (uint64_t idx = offset / hsz; idx < (offset + len) / hsz; idx++) {
		struct page *page;
		struct mutex *fm;

		if (idx >= mapping->nr_pages)
			continue;
		/* remove_inode_hugepages: no fault of this index meanwhile */
		fm = hugetlb_fault_mutex(mapping, idx);
		mutex_lock(fm);
		sim_touch(&mapping->pages[idx], true);
		if (!mapping->pages[idx]) {
			mutex_unlock(fm);
			continue;
		}
		page = pfn_to_page(mapping->pages[idx] - 1);
		/* a fault may have mapped it again before we got the mutex */
		if (page_mapped(page))
			hugetlb_vmdelete_list(mapping, idx * (hsz >> PAGE_SHIFT),
					      (idx + 1) * (hsz >> PAGE_SHIFT));
		lock_page(page);
		sim_touch(&mapping->pages[idx], true);
		mapping->pages[idx] = 0;
		page->mapping = 0;
		unlock_page(page);
		put_page(page);	/* the page cache's reference */
		mutex_unlock(fm);
	}
	return 0;
}

/*
 * hugetlb_change_protection (mprotect of a hugetlb VMA), in 4.19's order:
 * the range widened for PMD sharing (dff11abe280b; the 4.4 family did not
 * widen it), i_mmap_rwsem for write, unshare or change each huge PTE under
 * its lock, and the flush (of the whole widened range if anything was
 * unshared) before i_mmap_rwsem is dropped.  No invalidate_range: the
 * protection is downgraded, no page is replaced.
 */
long hugetlb_change_protection(struct vm_area_struct *vma, uint64_t start,
			       uint64_t end, pteval_t (*modify)(pteval_t old,
						const struct vm_area_struct *v))
{
	struct mm_struct *mm = vma->vm_mm;
	struct address_space *mapping = vma->vm_file;
	struct hstate *h = hstate_vma(vma);
	uint64_t sz = huge_page_size(h), f_start = start, f_end = end;
	bool shared_pmd = false;
	long pages = 0;

	hugetlb_range_start(vma, &f_start, &f_end);
	down_write(&mapping->i_mmap_rwsem);
	for (uint64_t address = start; address < end; address += sz) {
		spinlock_t *ptl;
		pteval_t *ptep = huge_pte_lock_at(mm, h, address, sz, &ptl);
		pteval_t pte;

		if (!ptep)
			continue;
		if (unshare_pud(mm, &address, ptep, sz)) {
			spin_unlock(ptl);
			pages++;
			shared_pmd = true;
			continue;
		}
		pte = entry_read(ptep);
		if (pte_present(pte)) {
			pte = entry_get_and_clear(ptep);
			set_entry(ptep, modify(pte, vma) | _PAGE_PSE);
			pages++;
		}
		spin_unlock(ptl);
	}
	/* Must flush before i_mmap_rwsem goes: see the top of this file. */
	if (shared_pmd)
		flush_tlb_range(vma, f_start, f_end);
	else if (pages)
		flush_tlb_range(vma, start, end);
	up_write(&mapping->i_mmap_rwsem);
	mmu_notifier_invalidate_range_end(mm, f_start, f_end);
	return pages;
}
