// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page faults for ordinary (non-hugetlb) memory: anonymous zero-fill,
 * THP, file (shmem) read/write/COW faults, the write-protect fault
 * (do_wp_page: reuse or COW) and swap-in (do_swap_page).
 *
 * Locks: mmap_sem for read (handle_mm_fault), then the PTL of the table
 * that holds the entry; the page lock around page-cache and swap-cache
 * pages while they are mapped.
 */
#include "arch/x86/tlbflush.h"
#include "check/check.h"
#include "eras/era.h"
#include "mm/hugetlb.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/swap_state.h"
#include "mm/thp.h"

pteval_t vma_pte_prot(const struct vm_area_struct *vma, bool write)
{
	pteval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (vma->vm_flags & VM_WRITE)
		prot |= _PAGE_RW;
	if (write)
		prot |= _PAGE_DIRTY;
	return prot;
}

/*
 * Map @page at @pte if the PTE is still none, rmap and counter first,
 * under the PTL; the mapping takes over the caller's reference.
 */
static bool install_page(struct mm_struct *mm, struct vm_area_struct *vma,
			 uint64_t addr, pteval_t *pte, struct page *page,
			 bool anon, pteval_t prot)
{
	spinlock_t *ptl = pt_lockptr(pte);

	spin_lock(ptl);
	if (!pte_none(entry_read(pte))) {
		spin_unlock(ptl);
		return false;
	}
	if (anon) {
		page_add_anon_rmap(page, vma, addr, false);
		mm->rss_anon++;
	} else {
		page_add_file_rmap(page, false);
		mm->rss_file++;
	}
	set_entry(pte, pfn_pte(page_to_pfn(page), prot));
	spin_unlock(ptl);
	return true;
}

static int do_anonymous_page(struct mm_struct *mm,
			     struct vm_area_struct *vma, uint64_t addr,
			     pteval_t *pte, bool write)
{
	struct page *page = alloc_pages(0);

	if (!page)
		return VM_FAULT_OOM;
	check_fill_new(page_to_pfn(page), 1, OWNER_ANON(mm->id));
	SetPageSwapBacked(page);
	if (!install_page(mm, vma, addr, pte, page, true,
			  vma_pte_prot(vma, write)))
		put_page(page);
	return 0;
}

static uint64_t linear_page_index(const struct vm_area_struct *vma,
				  uint64_t addr)
{
	return ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/* A new private copy of @src, owned by @mm (COW data identity). */
static struct page *cow_copy(struct mm_struct *mm, struct page *src)
{
	struct page *new = alloc_pages(0);

	if (!new)
		return NULL;
	check_cow_frames(page_to_pfn(new), page_to_pfn(src), 1,
			 OWNER_ANON(mm->id));
	SetPageSwapBacked(new);
	return new;
}

/*
 * A none PTE in a file VMA (do_read_fault, do_cow_fault,
 * do_shared_fault): the page-cache page, or a private copy of it.
 */
static int do_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    uint64_t addr, pteval_t *pte, bool write)
{
	uint64_t idx = linear_page_index(vma, addr);
	bool shared = vma->vm_flags & VM_SHARED;
	struct page *page, *new;
	bool mapped;
	int ret = shmem_getpage(vma->vm_file, idx, &page);
	pteval_t prot = vma_pte_prot(vma, write);

	if (ret)
		return ret;	/* locked, with a reference, on success */
	if (write && !shared) {
		new = cow_copy(mm, page);
		unlock_page(page);
		put_page(page);
		if (!new)
			return VM_FAULT_OOM;
		if (!install_page(mm, vma, addr, pte, new, true, prot))
			put_page(new);
		return 0;
	}
	if (!shared)
		prot &= ~_PAGE_RW;	/* COW on the first write */
	mapped = install_page(mm, vma, addr, pte, page, false, prot);
	unlock_page(page);
	if (!mapped)
		put_page(page);
	return 0;
}

/* Clear, flush, and tell TLB-sharing secondaries (DOC case B). */
static pteval_t ptep_clear_flush_notify(struct vm_area_struct *vma,
					uint64_t addr, pteval_t *pte)
{
	pteval_t old = ptep_clear_flush(vma, addr, pte);

	if (!mach.era->secondary_tlb_flush_in_arch)
		mmu_notifier_invalidate_range(vma->vm_mm, addr,
					      addr + PAGE_SIZE);
	return old;
}

static void range_end_after_notify(struct mm_struct *mm, uint64_t start,
				   uint64_t end)
{
	if (mach.era->has_range_only_end)
		mmu_notifier_invalidate_range_only_end(mm, start, end);
	else
		mmu_notifier_invalidate_range_end(mm, start, end);
}

/*
 * wp_page_copy: the new page replaces the old under the PTL, with the
 * old entry cleared and flushed first (ptep_clear_flush_notify, then
 * the set), inside a notifier range.
 */
static int wp_page_copy(struct mm_struct *mm, struct vm_area_struct *vma,
			uint64_t addr, pteval_t *pte, pteval_t orig,
			struct page *old)
{
	spinlock_t *ptl = pt_lockptr(pte);
	struct page *new = cow_copy(mm, old);
	bool copied = false;

	if (!new) {
		put_page(old);
		return VM_FAULT_OOM;
	}
	mmu_notifier_invalidate_range_start(mm, addr, addr + PAGE_SIZE);
	spin_lock(ptl);
	if (entry_read(pte) == orig) {
		ptep_clear_flush_notify(vma, addr, pte);
		page_add_anon_rmap(new, vma, addr, false);
		if (!PageAnon(compound_head(old))) {
			mm->rss_file--;
			mm->rss_anon++;
		}
		set_entry(pte, pfn_pte(page_to_pfn(new),
				       vma_pte_prot(vma, true)));
		page_remove_rmap(old, false);
		copied = true;
	}
	spin_unlock(ptl);
	if (!copied)
		put_page(new);
	range_end_after_notify(mm, addr, addr + PAGE_SIZE);
	if (copied)
		put_page(old);	/* the old mapping's reference */
	put_page(old);		/* ours */
	return 0;
}

static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      uint64_t addr, pteval_t *pte, pteval_t orig)
{
	spinlock_t *ptl = pt_lockptr(pte);
	struct page *page;

	spin_lock(ptl);
	if (entry_read(pte) != orig) {
		spin_unlock(ptl);
		return 0;
	}
	page = pfn_to_page(pte_pfn(orig));
	/*
	 * A shared mapping, or an anon page only we map: make the PTE
	 * writable in place.  Raising permissions needs no flush: a stale
	 * read-only entry faults and re-walks.
	 */
	if ((vma->vm_flags & VM_SHARED) ||
	    (PageAnon(compound_head(page)) && page_mapcount(page) == 1 &&
	     !PageSwapCache(compound_head(page)))) {
		set_entry(pte, orig | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED);
		spin_unlock(ptl);
		return 0;
	}
	get_page(page);
	spin_unlock(ptl);
	return wp_page_copy(mm, vma, addr, pte, orig, page);
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

static int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma,
			uint64_t addr, pteval_t *pte, pteval_t orig)
{
	swp_entry_t entry = pte_to_swp_entry(orig);
	spinlock_t *ptl = pt_lockptr(pte);
	struct page *page = swapin_page(entry, vma, addr);
	bool mapped = false;

	if (!page)
		return VM_FAULT_OOM;
	lock_page(page);
	spin_lock(ptl);
	if (entry_read(pte) == orig && PageSwapCache(page) &&
	    page->private == entry.val) {
		mm->rss_swap--;
		mm->rss_anon++;
		swap_free(entry);
		page_add_anon_rmap(page, vma, addr, false);
		/* Read-only: a write fault then reuses or copies. */
		set_entry(pte, pfn_pte(page_to_pfn(page),
				       vma_pte_prot(vma, false) & ~_PAGE_RW));
		mapped = true;
	}
	spin_unlock(ptl);
	try_to_free_swap(page);
	unlock_page(page);
	if (!mapped)
		put_page(page);	/* else the mapping keeps the reference */
	return 0;
}

static int handle_swap_pte(struct mm_struct *mm, struct vm_area_struct *vma,
			   uint64_t addr, pteval_t *pte, pteval_t v)
{
	swp_entry_t e = pte_to_swp_entry(v);

	if (is_migration_entry(e)) {
		migration_entry_wait(pte);
		return 0;
	}
	if (is_hwpoison_entry(e))
		return VM_FAULT_HWPOISON;
	return do_swap_page(mm, vma, addr, pte, v);
}

static int handle_pte_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			    uint64_t addr, pteval_t *pmd, bool write)
{
	pteval_t *pte = pte_alloc(mm, pmd, addr), v;

	if (!pte)
		return VM_FAULT_OOM;
	v = entry_read(pte);
	if (pte_none(v)) {
		if (vma->vm_file)
			return do_fault(mm, vma, addr, pte, write);
		return do_anonymous_page(mm, vma, addr, pte, write);
	}
	if (is_swap_pte(v))
		return handle_swap_pte(mm, vma, addr, pte, v);
	if (write && !pte_write(v))
		return do_wp_page(mm, vma, addr, pte, v);
	return 0;
}

int __handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		      uint64_t addr, bool write)
{
	pteval_t *pud, *pmd, v;

	if (is_vm_hugetlb_page(vma))
		return hugetlb_fault(mm, vma, addr, write);
	pud = pud_alloc(mm, pgd_offset(mm, addr), addr);
	pmd = pud ? pmd_alloc(mm, pud, addr) : NULL;
	if (!pmd)
		return VM_FAULT_OOM;
	v = entry_read(pmd);
	if (pte_none(v) && (vma->vm_flags & VM_HUGEPAGE) && !vma->vm_file) {
		int ret = do_huge_pmd_anonymous_page(mm, vma, addr, pmd, write);

		if (ret >= 0)
			return ret;
	}
	if (pte_huge(v))
		return huge_pmd_fault(mm, vma, addr, pmd, write);
	return handle_pte_fault(mm, vma, addr, pmd, write);
}

int handle_mm_fault(struct mm_struct *mm, uint64_t addr, bool write)
{
	struct vm_area_struct *vma;
	int ret;

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, addr);
	if (!vma || addr < vma->vm_start ||
	    !(vma->vm_flags & (write ? VM_WRITE : VM_READ)))
		ret = VM_FAULT_SIGSEGV;
	else
		ret = __handle_mm_fault(mm, vma, addr, write);
	up_read(&mm->mmap_sem);
	return ret;
}
