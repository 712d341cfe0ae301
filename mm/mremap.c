// SPDX-License-Identifier: GPL-2.0-only
/*
 * mremap (move only: MREMAP_MAYMOVE | MREMAP_FIXED to a free range).
 *
 * move_ptes follows the order after CVE-2018-18281 (eb66ae030829,
 * "mremap: properly flush TLB before releasing the page"): the old range
 * is flushed while both PTLs are still held.  Flushing after the unlock
 * lets another thread free the page (say, munmap of the new range)
 * while a CPU still has the old translation in its TLB.
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
#define EFAULT 14
#define EEXIST 17

/* i_mmap and anon_vma for write: no rmap walk sees a half-moved range. */
static void take_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		down_write(&vma->vm_file->i_mmap_rwsem);
	if (vma->anon_vma)
		anon_vma_lock_write(vma->anon_vma);
}

static void drop_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		anon_vma_unlock_write(vma->anon_vma);
	if (vma->vm_file)
		up_write(&vma->vm_file->i_mmap_rwsem);
}

static void move_ptes(struct vm_area_struct *vma, pteval_t *old_pmd,
		      uint64_t old_addr, uint64_t old_end, pteval_t *new_pmd,
		      uint64_t new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	uint64_t len = old_end - old_addr;
	pteval_t *old_pte = pte_offset(old_pmd, old_addr);
	pteval_t *new_pte = pte_offset(new_pmd, new_addr);
	spinlock_t *old_ptl = pt_lockptr(old_pte);
	spinlock_t *new_ptl = pt_lockptr(new_pte);
	/*
	 * Before eb66ae030829 the flush came after every lock was dropped:
	 * a truncate could then free the page through the new address while
	 * a CPU still cached the old one.
	 */
	bool flush_after_unlock = bug_on(BUG_CVE_2018_18281);
	bool moved = false;

	take_rmap_locks(vma);
	spin_lock(old_ptl);
	if (new_ptl != old_ptl)
		spin_lock(new_ptl);
	flush_tlb_batched_pending(mm);
	for (; old_addr < old_end;
	     old_pte++, new_pte++, old_addr += PAGE_SIZE,
	     new_addr += PAGE_SIZE) {
		pteval_t v = entry_read(old_pte);

		if (pte_none(v))
			continue;
		v = entry_get_and_clear(old_pte);
		set_entry(new_pte, v);
		moved = true;
	}
	if (moved && !flush_after_unlock)
		flush_tlb_range(vma, old_end - len, old_end);
	if (new_ptl != old_ptl)
		spin_unlock(new_ptl);
	spin_unlock(old_ptl);
	drop_rmap_locks(vma);
	if (moved && flush_after_unlock)
		flush_tlb_range(vma, old_end - len, old_end);
}

static uint64_t extent_end(uint64_t old_addr, uint64_t old_end,
			   uint64_t new_addr)
{
	uint64_t e = (old_addr & PMD_MASK) + PMD_SIZE;
	uint64_t n = (new_addr & PMD_MASK) + PMD_SIZE - new_addr;

	if (e > old_end)
		e = old_end;
	if (e - old_addr > n)
		e = old_addr + n;
	return e;
}

static int move_page_tables(struct vm_area_struct *vma, uint64_t old_addr,
			    uint64_t new_addr, uint64_t len)
{
	struct mm_struct *mm = vma->vm_mm;
	uint64_t old_end = old_addr + len, start = old_addr;
	int ret = 0;

	mmu_notifier_invalidate_range_start(mm, start, old_end);
	while (old_addr < old_end) {
		uint64_t next = extent_end(old_addr, old_end, new_addr);
		pteval_t *old_pmd = mm_find_pmd(mm, old_addr), *pud, *pmd;

		if (old_pmd && pte_huge(entry_read(old_pmd)))
			split_huge_pmd(vma, old_pmd, old_addr);
		if (old_pmd && pte_hw_present(entry_read(old_pmd)) &&
		    !pte_huge(entry_read(old_pmd))) {
			pud = pud_alloc(mm, pgd_offset(mm, new_addr), new_addr);
			pmd = pud ? pmd_alloc(mm, pud, new_addr) : NULL;
			if (!pmd || !pte_alloc(mm, pmd, new_addr)) {
				ret = -ENOMEM;
				break;
			}
			move_ptes(vma, old_pmd, old_addr, next, pmd, new_addr);
		}
		new_addr += next - old_addr;
		old_addr = next;
	}
	mmu_notifier_invalidate_range_end(mm, start, old_end);
	return ret;
}

static bool range_free(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return !vma || vma->vm_start >= end;
}

int do_mremap(struct mm_struct *mm, uint64_t addr, uint64_t len,
	      uint64_t new_addr)
{
	struct vm_area_struct *vma, *n;
	int ret;

	if ((addr | len | new_addr) & ~PAGE_MASK || !len ||
	    new_addr + len > TASK_SIZE || addr + len > TASK_SIZE ||
	    (new_addr < addr + len && addr < new_addr + len))
		return -EINVAL;
	down_write(&mm->mmap_sem);
	vma = find_vma(mm, addr);
	ret = -EFAULT;
	if (!vma || vma->vm_start > addr || vma->vm_end < addr + len)
		goto out;
	ret = -EINVAL;
	if (is_vm_hugetlb_page(vma))
		goto out;	/* hugetlb mremap: not modelled */
	ret = -EEXIST;
	if (!range_free(mm, new_addr, new_addr + len))
		goto out;
	ret = vma_split_at(mm, addr);
	if (!ret)
		ret = vma_split_at(mm, addr + len);
	if (ret)
		goto out;
	vma = find_vma(mm, addr);
	/* copy_vma: the same file or anon position, at new_addr */
	n = vma_dup(vma);
	ret = -ENOMEM;
	if (!n || mm->nr_vmas >= MAX_VMAS)
		goto out;
	n->vm_start = new_addr;
	n->vm_end = new_addr + len;
	vma_link(mm, n);
	vma_rmap_link_like(n, vma);
	ret = move_page_tables(vma, addr, new_addr, len);
	if (!ret)
		ret = __do_munmap(mm, addr, len);
out:
	up_write(&mm->mmap_sem);
	return ret;
}
