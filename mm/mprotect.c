// SPDX-License-Identifier: GPL-2.0-only
/*
 * mprotect: change_protection and the VMA flags (4.19's mm/mprotect.c).
 *
 * Every PTE is changed under its PTL after flush_tlb_batched_pending, so
 * no stale writable entry from a deferred reclaim flush survives a
 * downgrade; the range is flushed before mprotect returns.  PROT_NONE
 * keeps the page mapped for the kernel (_PAGE_PROTNONE) but not for the
 * MMU (no _PAGE_PRESENT), as x86 does.  Private mappings never get
 * _PAGE_RW here: a write then goes through do_wp_page (reuse or COW).
 */
#include "arch/x86/tlbflush.h"
#include "eras/bugs.h"
#include "mm/memory.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/thp.h"
#include "mm/tlb_batch.h"

#define EINVAL 22
#define ENOMEM 12

static pteval_t pte_modify(pteval_t old, const struct vm_area_struct *vma)
{
	pteval_t v = old & (PTE_PFN_MASK | _PAGE_DIRTY | _PAGE_ACCESSED |
			    _PAGE_SOFT_DIRTY | _PAGE_NX);

	if (!(vma->vm_flags & (VM_READ | VM_WRITE)))
		return v | _PAGE_PROTNONE;
	v |= _PAGE_PRESENT | _PAGE_USER;
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == (VM_WRITE | VM_SHARED))
		v |= _PAGE_RW;
	return v;
}

static long change_pte_range(struct vm_area_struct *vma, pteval_t *pmd,
			     uint64_t addr, uint64_t end)
{
	pteval_t *pte = pte_offset(pmd, addr);
	spinlock_t *ptl = pt_lockptr(pte);
	long pages = 0;

	spin_lock(ptl);
	/* A deferred reclaim flush must not outlive the change. */
	if (!bug_on(BUG_BATCHED_FLUSH_NOT_PENDING))
		flush_tlb_batched_pending(vma->vm_mm);
	for (; addr < end; addr += PAGE_SIZE, pte++) {
		pteval_t old = entry_read(pte);

		if (!pte_present(old))
			continue;
		old = entry_get_and_clear(pte);	/* ptep_modify_prot_start */
		set_entry(pte, pte_modify(old, vma));
		pages++;
	}
	spin_unlock(ptl);
	return pages;
}

static long change_pmd_range(struct vm_area_struct *vma, uint64_t start,
			     uint64_t end)
{
	struct mm_struct *mm = vma->vm_mm;
	uint64_t addr = start;
	long pages = 0;

	mmu_notifier_invalidate_range_start(mm, start, end);
	while (addr < end) {
		uint64_t next = (addr & PMD_MASK) + PMD_SIZE;
		pteval_t *pmd = mm_find_pmd(mm, addr);

		if (next > end)
			next = end;
		/* A THP is split and its PTEs changed (no change_huge_pmd). */
		if (pmd && pte_huge(entry_read(pmd)))
			split_huge_pmd(vma, pmd, addr);
		if (pmd && pte_hw_present(entry_read(pmd)) &&
		    !pte_huge(entry_read(pmd)))
			pages += change_pte_range(vma, pmd, addr, next);
		addr = next;
	}
	mmu_notifier_invalidate_range_end(mm, start, end);
	return pages;
}

static long change_protection(struct vm_area_struct *vma, uint64_t start,
		       uint64_t end)
{
	long pages = change_pmd_range(vma, start, end);

	if (pages)
		flush_tlb_range(vma, start, end);
	return pages;
}

/* Is [start, end) covered by VMAs without holes? */
static bool range_mapped(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);

		if (!vma || vma->vm_start > start)
			return false;
		start = vma->vm_end;
	}
	return true;
}

static int mprotect_fixup(struct vm_area_struct *vma, unsigned long newflags)
{
	if (newflags == vma->vm_flags)
		return 0;
	vma_touch(vma, true);
	vma->vm_flags = newflags;
	if (is_vm_hugetlb_page(vma))
		hugetlb_change_protection(vma, vma->vm_start, vma->vm_end,
					  pte_modify);
	else
		change_protection(vma, vma->vm_start, vma->vm_end);
	return 0;
}

int do_mprotect(struct mm_struct *mm, uint64_t start, uint64_t len, int prot)
{
	uint64_t end = start + len;
	int ret;

	if ((start | len) & ~PAGE_MASK || end < start || end > TASK_SIZE)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	ret = range_mapped(mm, start, end) ? 0 : -ENOMEM;
	if (!ret)
		ret = vma_split_at(mm, start);
	if (!ret)
		ret = vma_split_at(mm, end);
	for (uint64_t a = start; !ret && a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);
		unsigned long f = vma->vm_flags & ~(VM_READ | VM_WRITE);

		if (prot & PROT_READ)
			f |= VM_READ;
		if (prot & PROT_WRITE)
			f |= VM_WRITE;
		ret = mprotect_fixup(vma, f);
		a = vma->vm_end;
	}
	up_write(&mm->mmap_sem);
	return ret;
}
