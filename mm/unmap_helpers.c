// SPDX-License-Identifier: GPL-2.0-only
/*
 * Entry-clearing helpers shared by the eras' unmap paths.
 */
#include "arch/x86/tlbflush.h"
#include "mm/internal.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"

pteval_t ptep_get_and_clear(struct mm_struct *mm, uint64_t address,
			    pteval_t *ptep)
{
	return entry_get_and_clear(ptep);
}

pteval_t ptep_clear_flush(struct vm_area_struct *vma, uint64_t address,
			  pteval_t *ptep)
{
	pteval_t pte = entry_get_and_clear(ptep);

	if (pte_hw_present(pte))
		flush_tlb_page(vma, address);
	return pte;
}

int ptep_clear_flush_young_notify(struct vm_area_struct *vma,
				  uint64_t address, pteval_t *ptep)
{
	pteval_t pte = entry_read(ptep);
	int young = 0;

	if (pte_young(pte)) {
		set_entry(ptep, pte & ~_PAGE_ACCESSED);
		flush_tlb_page(vma, address);
		young = 1;
	}
	young |= mmu_notifier_clear_flush_young(vma->vm_mm, address,
						address + PAGE_SIZE);
	return young;
}

void set_page_dirty(struct page *page)
{
	SetPageDirty(compound_head(page));
}

void mlock_vma_page(struct page *page)
{
	SetPageMlocked(compound_head(page));
}

void dec_mm_counter_page(struct mm_struct *mm, struct page *page)
{
	struct page *head = compound_head(page);
	long nr = PageHugeFlag(head) ? (long)compound_nr(head) : 1;

	if (PageAnon(head))
		mm->rss_anon -= nr;
	else
		mm->rss_file -= nr;
}

void update_hiwater_rss(struct mm_struct *mm)
{
}
