// SPDX-License-Identifier: GPL-2.0-only
/*
 * get_user_pages / hmm_range_fault for the device models: one page.
 */
#include "check/check.h"
#include "drivers/gup.h"
#include "mm/hugetlb.h"
#include "mm/mm.h"
#include "mm/pgtable.h"

#define GUP_MAX_FAULTS 100

/* The entry mapping @va and its lock, or NULL; mmap_sem held. */
static pteval_t *lookup_entry(struct mm_struct *mm,
			      struct vm_area_struct *vma, uint64_t va,
			      spinlock_t **ptl, uint64_t *size)
{
	pteval_t *pte;

	if (is_vm_hugetlb_page(vma)) {
		struct hstate *h = hstate_vma(vma);

		*size = huge_page_size(h);
		pte = huge_pte_offset(mm, va, *size);
		if (pte)
			*ptl = huge_pte_lockptr(h, mm, pte);
		return pte;
	} else {
		pteval_t *pmd = mm_find_pmd(mm, va);

		*size = PAGE_SIZE;
		if (!pmd)
			return NULL;
		/* a PMD-mapped THP: follow_trans_huge_pmd, PMD lock */
		if (pte_huge(entry_read(pmd))) {
			*size = PMD_SIZE;
			*ptl = pt_lockptr(pmd);
			return pmd;
		}
		pte = pte_offset(pmd, va);
		if (pte)
			*ptl = pt_lockptr(pte);
		return pte;
	}
}

/* Read the translation under the PTL; false if it is not usable. */
static bool follow(struct mm_struct *mm, struct vm_area_struct *vma,
		   uint64_t va, bool write, bool pin, struct dev_pfn *out)
{
	spinlock_t *ptl;
	uint64_t size;
	pteval_t *pte = lookup_entry(mm, vma, va, &ptl, &size);
	pteval_t v;
	bool ok;

	if (!pte)
		return false;
	spin_lock(ptl);
	v = entry_read(pte);
	ok = pte_present(v) && (!write || pte_write(v));
	if (ok) {
		out->pfn = pte_pfn(v) + ((va & (size - 1)) >> PAGE_SHIFT);
		out->gen = check_frame_gen(out->pfn);
		out->when = check_secondary_read_clock();
		out->owner = check_frame_owner(out->pfn);
		out->writable = pte_write(v);
		if (pin)
			get_page(pfn_to_page(out->pfn));
	}
	spin_unlock(ptl);
	return ok;
}

int dev_get_user_page(struct mm_struct *mm, uint64_t va, bool write,
		      bool pin, struct dev_pfn *out)
{
	for (int i = 0; i < GUP_MAX_FAULTS; i++) {
		struct vm_area_struct *vma;
		bool ok = false;
		int ret;

		down_read(&mm->mmap_sem);
		vma = find_vma(mm, va);
		if (vma && va >= vma->vm_start)
			ok = follow(mm, vma, va, write, pin, out);
		up_read(&mm->mmap_sem);
		if (ok)
			return 0;
		/* handle_mm_fault takes mmap_sem itself in this model */
		ret = handle_mm_fault(mm, va, write);
		if (ret & VM_FAULT_ERROR)
			return ret;
	}
	sim_violation("livelock", va, "gup of %#llx faulted %d times",
		      (unsigned long long)va, GUP_MAX_FAULTS);
	return VM_FAULT_SIGBUS;
}
