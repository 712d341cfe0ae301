// SPDX-License-Identifier: GPL-2.0-only
/*
 * fork: dup_mmap and copy_page_range.
 *
 * The child gets a copy of every VMA.  Private VMAs join the anon_vmas
 * of the parent's VMA (so rmap finds the child for pages created before
 * the fork).  PTEs are copied: pages of private mappings become COW,
 * write-protected in both mms; the parent's TLBs are flushed before
 * mmap_sem is released, so no CPU keeps writing a now-shared page.
 *
 * Locks: the parent's mmap_sem for write, the child's for write; for
 * each table, the child's PTL then the parent's (nested, one class).
 */
#include "arch/x86/tlbflush.h"
#include "mm/hugetlb.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/swap_state.h"
#include "mm/thp.h"

#define ENOMEM 12

static bool is_cow_mapping(const struct vm_area_struct *vma)
{
	return (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* copy_one_pte for a swap or migration entry. */
static pteval_t copy_swap_pte(struct mm_struct *dst_mm, pteval_t *src_pte,
			      pteval_t v, struct vm_area_struct *vma)
{
	swp_entry_t e = pte_to_swp_entry(v);

	if (is_migration_entry(e)) {
		struct page *page = pfn_to_page(swp_offset(e));

		/* both sides must COW after the migration */
		if (is_write_migration_entry(e) && is_cow_mapping(vma)) {
			v = swp_entry_to_pte(make_migration_entry(
				swp_offset(e), false));
			set_entry(src_pte, v);
		}
		if (PageAnon(compound_head(page)))
			dst_mm->rss_anon++;
		else
			dst_mm->rss_file++;
		return v;
	}
	if (!is_hwpoison_entry(e)) {
		swap_duplicate(e);
		dst_mm->rss_swap++;
	}
	return v;
}

static pteval_t copy_present_pte(struct mm_struct *dst_mm,
				 pteval_t *src_pte, pteval_t v,
				 struct vm_area_struct *vma)
{
	struct page *page = pfn_to_page(pte_pfn(v));

	if (is_cow_mapping(vma) && pte_write(v)) {
		v &= ~_PAGE_RW;
		set_entry(src_pte, v);
	}
	if (vma->vm_flags & VM_SHARED)
		v &= ~_PAGE_DIRTY;
	get_page(page);
	page_add_file_rmap(page, false);	/* page_dup_rmap */
	if (PageAnon(compound_head(page)))
		dst_mm->rss_anon++;
	else
		dst_mm->rss_file++;
	return v & ~_PAGE_ACCESSED;
}

static int copy_pte_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			  pteval_t *dst_pmd, pteval_t *src_pmd,
			  struct vm_area_struct *vma, uint64_t addr,
			  uint64_t end)
{
	pteval_t *dst = pte_alloc(dst_mm, dst_pmd, addr);
	pteval_t *src = pte_offset(src_pmd, addr);
	spinlock_t *dst_ptl, *src_ptl;

	if (!dst)
		return -ENOMEM;
	dst_ptl = pt_lockptr(dst);
	src_ptl = pt_lockptr(src);
	spin_lock(dst_ptl);
	spin_lock(src_ptl);
	for (; addr < end; addr += PAGE_SIZE, src++, dst++) {
		pteval_t v = entry_read(src);

		if (pte_none(v))
			continue;
		if (is_swap_pte(v))
			v = copy_swap_pte(dst_mm, src, v, vma);
		else
			v = copy_present_pte(dst_mm, src, v, vma);
		set_entry(dst, v);
	}
	spin_unlock(src_ptl);
	spin_unlock(dst_ptl);
	return 0;
}

static uint64_t span_end(uint64_t addr, uint64_t end, uint64_t size)
{
	uint64_t next = (addr & ~(size - 1)) + size;

	return next < end ? next : end;
}

static int copy_pmd_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			  struct vm_area_struct *vma, uint64_t addr,
			  uint64_t end)
{
	for (uint64_t next; addr < end; addr = next) {
		pteval_t *src_pmd = mm_find_pmd(src_mm, addr), *dst_pud;
		pteval_t *dst_pmd;
		pteval_t v;

		next = span_end(addr, end, PMD_SIZE);
		if (!src_pmd || pte_none(v = entry_read(src_pmd)))
			continue;
		dst_pud = pud_alloc(dst_mm, pgd_offset(dst_mm, addr), addr);
		dst_pmd = dst_pud ? pmd_alloc(dst_mm, dst_pud, addr) : NULL;
		if (!dst_pmd)
			return -ENOMEM;
		if (pte_huge(v)) {
			copy_huge_pmd(dst_mm, src_mm, dst_pmd, src_pmd, addr,
				      vma);
			continue;
		}
		if (copy_pte_range(dst_mm, src_mm, dst_pmd, src_pmd, vma, addr,
				   next))
			return -ENOMEM;
	}
	return 0;
}

/* copy_hugetlb_page_range: shared tables are shared, not copied. */
static int copy_hugetlb_range(struct mm_struct *dst_mm,
			      struct mm_struct *src_mm,
			      struct vm_area_struct *dst_vma,
			      struct vm_area_struct *vma)
{
	struct hstate *h = hstate_vma(vma);
	uint64_t sz = huge_page_size(h);

	for (uint64_t addr = vma->vm_start; addr < vma->vm_end; addr += sz) {
		pteval_t *src = huge_pte_offset(src_mm, addr, sz), *dst, v;
		spinlock_t *src_ptl, *dst_ptl;

		if (!src)
			continue;
		dst = huge_pte_alloc(dst_mm, dst_vma, addr, sz);
		if (!dst)
			return -ENOMEM;
		if (pt_slot_of(dst) == pt_slot_of(src))
			continue;	/* huge_pmd_share found the table */
		dst_ptl = huge_pte_lockptr(h, dst_mm, dst);
		src_ptl = huge_pte_lockptr(h, src_mm, src);
		spin_lock(dst_ptl);
		if (src_ptl != dst_ptl)
			spin_lock(src_ptl);
		v = entry_read(src);
		if (pte_present(v) && pte_none(entry_read(dst))) {
			struct page *page = pfn_to_page(pte_pfn(v));

			if (is_cow_mapping(vma) && pte_write(v)) {
				v &= ~_PAGE_RW;
				set_entry(src, v);
			}
			get_page(page);
			page_add_file_rmap(page, true);
			dst_mm->rss_file += 1l << h->order;
			set_entry(dst, v);
		}
		if (src_ptl != dst_ptl)
			spin_unlock(src_ptl);
		spin_unlock(dst_ptl);
	}
	return 0;
}

static int copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			   struct vm_area_struct *dst_vma,
			   struct vm_area_struct *vma)
{
	bool cow = is_cow_mapping(vma);
	int ret;

	if (is_vm_hugetlb_page(vma))
		return copy_hugetlb_range(dst_mm, src_mm, dst_vma, vma);
	/* Write-protecting the parent's PTEs: secondaries must know. */
	if (cow)
		mmu_notifier_invalidate_range_start(src_mm, vma->vm_start,
						    vma->vm_end);
	ret = copy_pmd_range(dst_mm, src_mm, vma, vma->vm_start, vma->vm_end);
	if (cow)
		mmu_notifier_invalidate_range_end(src_mm, vma->vm_start,
						  vma->vm_end);
	return ret;
}

static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	int ret = 0;

	for (int i = 0; i < oldmm->nr_vmas && !ret; i++) {
		struct vm_area_struct *vma = oldmm->vmas[i];
		struct vm_area_struct *n = vma_dup(vma);

		if (!n)
			return -ENOMEM;
		n->vm_mm = mm;
		n->vm_flags &= ~VM_LOCKED;	/* not inherited */
		vma_link(mm, n);
		vma_rmap_link_like(n, vma);
		ret = copy_page_range(mm, oldmm, n, vma);
	}
	/* No CPU may keep writing what is now COW-shared. */
	flush_tlb_mm(oldmm);
	return ret;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm, const char *name)
{
	struct mm_struct *mm = mm_alloc(name);

	if (!mm)
		return NULL;
	mm->anon_vma.root = oldmm->anon_vma.root;
	down_write(&oldmm->mmap_sem);
	down_write(&mm->mmap_sem);
	if (dup_mmap(mm, oldmm))
		sim_record_violation("internal", (uint64_t)mm->id,
				     "fork of %s ran out of memory",
				     oldmm->name);
	up_write(&mm->mmap_sem);
	up_write(&oldmm->mmap_sem);
	return mm;
}
