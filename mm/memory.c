// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page faults for ordinary (non-hugetlb) memory.
 */
#include "check/check.h"
#include "mm/hugetlb.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/swap.h"

static pteval_t vma_pte_prot(struct vm_area_struct *vma, bool write)
{
	pteval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (vma->vm_flags & VM_WRITE)
		prot |= _PAGE_RW;
	if (write)
		prot |= _PAGE_DIRTY;
	return prot;
}

static int do_anonymous_page(struct mm_struct *mm,
			     struct vm_area_struct *vma, uint64_t addr,
			     pteval_t *pte, bool write)
{
	struct page *page = alloc_pages(0);
	spinlock_t *ptl;

	if (!page)
		return VM_FAULT_OOM;
	check_fill_new(page_to_pfn(page), 1, OWNER_ANON(mm->id));
	SetPageSwapBacked(page);
	ptl = pt_lockptr(pte);
	spin_lock(ptl);
	if (!pte_none(entry_read(pte))) {
		spin_unlock(ptl);
		put_page(page);
		return 0;
	}
	page_add_anon_rmap(page, vma, addr, false);
	mm->rss_anon++;
	set_entry(pte, pfn_pte(page_to_pfn(page), vma_pte_prot(vma, write)));
	spin_unlock(ptl);
	return 0;
}

/* Wait until the migration entry at @pte is gone (the page unlocked). */
static void migration_entry_wait(pteval_t *pte)
{
	spinlock_t *ptl = pt_lockptr(pte);
	pteval_t v;
	struct page *page;

	spin_lock(ptl);
	v = entry_read(pte);
	if (!is_swap_pte(v) || !is_migration_entry(pte_to_swp_entry(v))) {
		spin_unlock(ptl);
		return;
	}
	page = pfn_to_page(swp_offset(pte_to_swp_entry(v)));
	get_page(page);
	spin_unlock(ptl);
	wait_on_page_locked(page);
	put_page(page);
}

static int handle_pte_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			    uint64_t addr, bool write)
{
	pteval_t *pud, *pmd, *pte, v;

	pud = pud_alloc(mm, pgd_offset(mm, addr), addr);
	pmd = pud ? pmd_alloc(mm, pud, addr) : NULL;
	pte = pmd ? pte_alloc(mm, pmd, addr) : NULL;
	if (!pte)
		return VM_FAULT_OOM;
	v = entry_read(pte);
	if (pte_none(v)) {
		if (vma->vm_file)
			return VM_FAULT_SIGBUS;	/* shmem faults: not yet */
		return do_anonymous_page(mm, vma, addr, pte, write);
	}
	if (is_swap_pte(v)) {
		swp_entry_t e = pte_to_swp_entry(v);

		if (is_migration_entry(e)) {
			migration_entry_wait(pte);
			return 0;
		}
		if (is_hwpoison_entry(e))
			return VM_FAULT_HWPOISON;
		return do_swap_page(mm, vma, addr, pte, write);
	}
	if (write && !pte_write(v))
		return VM_FAULT_SIGSEGV;	/* COW: not yet */
	return 0;
}

int handle_mm_fault(struct mm_struct *mm, uint64_t addr, bool write)
{
	struct vm_area_struct *vma;
	int ret;

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, addr);
	if (!vma || addr < vma->vm_start ||
	    !(vma->vm_flags & (write ? VM_WRITE : VM_READ))) {
		ret = VM_FAULT_SIGSEGV;
	} else if (is_vm_hugetlb_page(vma)) {
		ret = hugetlb_fault(mm, vma, addr, write);
	} else {
		ret = handle_pte_fault(mm, vma, addr, write);
	}
	up_read(&mm->mmap_sem);
	return ret;
}
