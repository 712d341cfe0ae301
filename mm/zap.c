// SPDX-License-Identifier: GPL-2.0-only
/*
 * Teardown of user mappings: zap_pte_range and the levels above it,
 * unmap_single_vma, zap_page_range, unmap_mapping_range, and the freeing
 * of page tables (free_pgd_range).  Everything unmapped goes through an
 * mmu_gather, so no page or table is freed before the TLB flush that
 * makes it unreachable.
 *
 * Locks: mmap_sem (read for zap_page_range, write for munmap and exit),
 * or i_mmap_rwsem for read (unmap_mapping_range); then each table's PTL.
 */
#include "arch/x86/tlbflush.h"
#include "check/check.h"
#include "mm/hugetlb.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/thp.h"
#include "mm/tlb_batch.h"

static uint64_t span_end(uint64_t addr, uint64_t end, uint64_t size)
{
	uint64_t next = (addr & ~(size - 1)) + size;

	return next < end ? next : end;
}

/* A non-present, non-none PTE: swap, migration or hwpoison entry. */
static void zap_swap_pte(struct mm_struct *mm, pteval_t ptent)
{
	swp_entry_t e = pte_to_swp_entry(ptent);

	if (is_migration_entry(e)) {
		/* The mapcount went with the PTE; the counter did not. */
		dec_mm_counter_page(mm, pfn_to_page(swp_offset(e)));
	} else if (!is_hwpoison_entry(e)) {
		mm->rss_swap--;
		free_swap_and_cache(e);
	}
}

static void zap_present_pte(struct mmu_gather *tlb, pteval_t *pte,
			    uint64_t addr, bool *force_flush)
{
	struct mm_struct *mm = tlb->mm;
	pteval_t ptent = ptep_get_and_clear(mm, addr, pte);
	struct page *page = pfn_to_page(pte_pfn(ptent));

	tlb_remove_tlb_entry(tlb, addr, PAGE_SIZE);
	/*
	 * A dirty shared page: flush before the PTL goes, so that no write
	 * through a stale TLB entry follows a page_mkclean (4.19).
	 */
	if (!PageAnon(compound_head(page)) && pte_dirty(ptent)) {
		*force_flush = true;
		set_page_dirty(page);
	}
	dec_mm_counter_page(mm, page);
	page_remove_rmap(page, false);
	if (tlb_remove_page(tlb, page))
		*force_flush = true;
}

/* Zap [addr, end) of one PTE table; returns where it stopped. */
static uint64_t zap_pte_range(struct mmu_gather *tlb,
			      struct vm_area_struct *vma, pteval_t *pmd,
			      uint64_t addr, uint64_t end,
			      const struct zap_details *details)
{
	pteval_t *pte = pte_offset(pmd, addr);
	spinlock_t *ptl = pt_lockptr(pte);
	bool force_flush = false;

	spin_lock(ptl);
	/* Reclaim may have cleared PTEs here without flushing yet. */
	flush_tlb_batched_pending(tlb->mm);
	for (; addr < end; pte++, addr += PAGE_SIZE) {
		pteval_t ptent = entry_read(pte);

		if (pte_none(ptent))
			continue;
		if (pte_present(ptent)) {
			struct page *page = pfn_to_page(pte_pfn(ptent));

			if (details && details->skip_anon &&
			    PageAnon(compound_head(page)))
				continue;
			zap_present_pte(tlb, pte, addr, &force_flush);
			if (force_flush) {
				addr += PAGE_SIZE;
				break;
			}
			continue;
		}
		/* A truncation leaves private swap copies alone. */
		if (details && details->skip_anon)
			continue;
		entry_get_and_clear(pte);
		zap_swap_pte(tlb->mm, ptent);
	}
	if (force_flush)
		tlb_flush_mmu_tlbonly(tlb);
	spin_unlock(ptl);
	/* Free the batch outside the PTL. */
	if (force_flush)
		tlb_flush_mmu(tlb);
	return addr;
}

static void zap_pmd_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
			  pteval_t *pud, uint64_t addr, uint64_t end,
			  const struct zap_details *details)
{
	while (addr < end) {
		uint64_t next = span_end(addr, end, PMD_SIZE);
		pteval_t *pmd = pmd_offset(pud, addr);
		pteval_t v = entry_read(pmd);

		if (pte_huge(v) && pte_present(v)) {
			if (next - addr == PMD_SIZE &&
			    zap_huge_pmd(tlb, vma, pmd, addr, details)) {
				addr = next;
				continue;
			}
			if (next - addr != PMD_SIZE)
				split_huge_pmd(vma, pmd, addr);
			v = entry_read(pmd);
		}
		if (pte_hw_present(v) && !pte_huge(v))
			while (addr < next)
				addr = zap_pte_range(tlb, vma, pmd, addr, next,
						     details);
		addr = next;
	}
}

static void unmap_page_range(struct mmu_gather *tlb,
			     struct vm_area_struct *vma, uint64_t addr,
			     uint64_t end, const struct zap_details *details)
{
	struct mm_struct *mm = tlb->mm;

	while (addr < end) {
		uint64_t next = span_end(addr, end, PUD_SIZE);
		pteval_t *pud = pud_offset(pgd_offset(mm, addr), addr);

		if (pud && pte_hw_present(entry_read(pud)) &&
		    !pte_huge(entry_read(pud)))
			zap_pmd_range(tlb, vma, pud, addr, next, details);
		addr = next;
	}
}

void unmap_single_vma(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      uint64_t start, uint64_t end,
		      const struct zap_details *details)
{
	struct address_space *mapping = vma->vm_file;

	if (start < vma->vm_start)
		start = vma->vm_start;
	if (end > vma->vm_end)
		end = vma->vm_end;
	if (start >= end)
		return;
	if (!is_vm_hugetlb_page(vma)) {
		unmap_page_range(tlb, vma, start, end, details);
		return;
	}
	/*
	 * hugetlb: i_mmap_rwsem for write keeps a PMD table we unshare
	 * from being freed and reused by its last sharer until our TLBs
	 * no longer reach it.
	 */
	down_write(&mapping->i_mmap_rwsem);
	__unmap_hugepage_range(tlb, vma, start, end);
	up_write(&mapping->i_mmap_rwsem);
}

void unmap_vmas(struct mmu_gather *tlb, uint64_t start, uint64_t end)
{
	struct mm_struct *mm = tlb->mm;

	mmu_notifier_invalidate_range_start(mm, start, end);
	for (int i = 0; i < mm->nr_vmas; i++)
		unmap_single_vma(tlb, mm->vmas[i], start, end, NULL);
	mmu_notifier_invalidate_range_end(mm, start, end);
}

void zap_page_range(struct vm_area_struct *vma, uint64_t start,
		    uint64_t len)
{
	struct mm_struct *mm = vma->vm_mm;
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm, start, start + len);
	mmu_notifier_invalidate_range_start(mm, start, start + len);
	unmap_single_vma(&tlb, vma, start, start + len, NULL);
	mmu_notifier_invalidate_range_end(mm, start, start + len);
	tlb_finish_mmu(&tlb);
}

/*
 * Zap the pages of file indexes [first, first + nr) in every VMA that
 * maps them (truncate).  !even_cows keeps private COW copies.
 */
void unmap_mapping_range(struct address_space *mapping, uint64_t first,
			 uint64_t nr, bool even_cows)
{
	struct zap_details details = { .skip_anon = !even_cows };
	uint64_t last = first + nr;

	down_read(&mapping->i_mmap_rwsem);
	for (int i = 0; i < mapping->nr_i_mmap; i++) {
		struct vm_area_struct *vma = mapping->i_mmap[i];
		struct mmu_gather tlb;
		uint64_t start, end;

		/* hugetlbfs has its own (hugetlbfs_punch_hole) */
		if (is_vm_hugetlb_page(vma) ||
		    !vma_pgoff_range(vma, first, last, &start, &end))
			continue;
		tlb_gather_mmu(&tlb, vma->vm_mm, start, end);
		mmu_notifier_invalidate_range_start(vma->vm_mm, start, end);
		unmap_single_vma(&tlb, vma, start, end, &details);
		mmu_notifier_invalidate_range_end(vma->vm_mm, start, end);
		tlb_finish_mmu(&tlb);
	}
	up_read(&mapping->i_mmap_rwsem);
}

/* ---- freeing page tables ---- */

/* Does the table spanning [base, base + size) serve only [floor, ceil)? */
static bool span_free(uint64_t base, uint64_t size, uint64_t floor,
		      uint64_t ceiling)
{
	return base >= floor && base + size <= ceiling;
}

static bool table_empty(uint64_t pfn)
{
	pteval_t *t = pfn_table(pfn);

	for (int i = 0; i < PTRS_PER_TABLE; i++)
		if (!pte_none(t[i]))
			return false;
	return true;
}

/* Take the table under *entry out of the tree and hand it to @tlb. */
static void free_table_entry(struct mmu_gather *tlb, pteval_t *entry,
			     long *counter)
{
	uint64_t pfn = pte_pfn(entry_read(entry));

	if (!table_empty(pfn)) {
		sim_record_violation("invariant", pfn,
				     "free_pgtables: table %#llx still maps "
				     "something",
				     (unsigned long long)pfn);
		return;
	}
	set_entry(entry, 0);
	if (counter)
		(*counter)--;
	tlb_remove_table(tlb, pfn);
}

static bool is_table(pteval_t v)
{
	return pte_hw_present(v) && !pte_huge(v);
}

static void free_pmd_range(struct mmu_gather *tlb, pteval_t *pud,
			   uint64_t addr, uint64_t end, uint64_t floor,
			   uint64_t ceiling)
{
	for (; addr < end; addr = span_end(addr, end, PMD_SIZE)) {
		pteval_t *pmd = pmd_offset(pud, addr);

		if (is_table(entry_read(pmd)) &&
		    span_free(addr & PMD_MASK, PMD_SIZE, floor, ceiling))
			free_table_entry(tlb, pmd, &tlb->mm->nr_ptes);
	}
}

static void free_pud_range(struct mmu_gather *tlb, pteval_t *pgd,
			   uint64_t addr, uint64_t end, uint64_t floor,
			   uint64_t ceiling)
{
	for (; addr < end; addr = span_end(addr, end, PUD_SIZE)) {
		pteval_t *pud = pud_offset(pgd, addr);
		uint64_t table;

		if (!is_table(entry_read(pud)))
			continue;
		free_pmd_range(tlb, pud, addr, span_end(addr, end, PUD_SIZE),
			       floor, ceiling);
		if (!span_free(addr & PUD_MASK, PUD_SIZE, floor, ceiling))
			continue;
		table = pte_pfn(entry_read(pud));
		/* Every other sharer unshared; we would free theirs. */
		if (pmd_share_count(table) != 1) {
			sim_record_violation("pmd-share-count", table,
					     "free_pgtables: PMD table %#llx "
					     "still shared (count %d)",
					     (unsigned long long)table,
					     pmd_share_count(table));
			continue;
		}
		free_table_entry(tlb, pud, &tlb->mm->nr_pmds);
	}
}

#define PGDIR_SIZE (1ull << PGDIR_SHIFT)

void free_pgd_range(struct mmu_gather *tlb, uint64_t start, uint64_t end,
		    uint64_t floor, uint64_t ceiling)
{
	struct mm_struct *mm = tlb->mm;

	for (uint64_t addr = start; addr < end;
	     addr = span_end(addr, end, PGDIR_SIZE)) {
		pteval_t *pgd = pgd_offset(mm, addr);

		if (!is_table(entry_read(pgd)))
			continue;
		free_pud_range(tlb, pgd, addr, span_end(addr, end, PGDIR_SIZE),
			       floor, ceiling);
		if (span_free(addr & ~(PGDIR_SIZE - 1), PGDIR_SIZE, floor,
			      ceiling))
			free_table_entry(tlb, pgd, NULL);
	}
}
