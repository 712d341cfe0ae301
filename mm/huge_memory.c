// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transparent huge pages (anonymous, PMD-mapped), after 4.19's
 * mm/huge_memory.c.
 *
 * The kernel deposits a PTE table with each huge PMD so that a split
 * never needs memory; the model allocates the table at split time
 * instead, before taking the PMD lock.
 */
#include "arch/x86/tlbflush.h"
#include "check/check.h"
#include "eras/era.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/thp.h"
#include "sim/footprint.h"

#define ENOMEM 12
#define EBUSY 16

static pteval_t thp_pmd_prot(const struct vm_area_struct *vma, bool write)
{
	return vma_pte_prot(vma, write) | _PAGE_PSE;
}

int do_huge_pmd_anonymous_page(struct mm_struct *mm,
			       struct vm_area_struct *vma, uint64_t addr,
			       pteval_t *pmd, bool write)
{
	uint64_t haddr = addr & PMD_MASK;
	struct page *page;
	spinlock_t *ptl;

	if (haddr < vma->vm_start || haddr + HPAGE_PMD_SIZE > vma->vm_end)
		return -1;
	page = alloc_pages(HPAGE_PMD_ORDER);
	if (!page)
		return -1;	/* no huge frame: PTEs will do */
	check_fill_new(page_to_pfn(page), HPAGE_PMD_NR, OWNER_ANON(mm->id));
	SetPageSwapBacked(page);
	ptl = pt_lockptr(pmd);
	spin_lock(ptl);
	if (!pte_none(entry_read(pmd))) {
		spin_unlock(ptl);
		put_page(page);
		return 0;
	}
	page_add_anon_rmap(page, vma, haddr, true);
	mm->rss_anon += HPAGE_PMD_NR;
	set_entry(pmd, pfn_pte(page_to_pfn(page), thp_pmd_prot(vma, write)));
	spin_unlock(ptl);
	return 0;
}

int huge_pmd_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		   uint64_t addr, pteval_t *pmd, bool write)
{
	spinlock_t *ptl = pt_lockptr(pmd);
	pteval_t v;
	struct page *head;

	spin_lock(ptl);
	v = entry_read(pmd);
	/* Split or zapped meanwhile: the access retries. */
	if (!pte_huge(v) || !pte_hw_present(v) || !write || pte_write(v)) {
		spin_unlock(ptl);
		return 0;
	}
	head = pfn_to_page(pte_pfn(v));
	/* do_huge_pmd_wp_page: reuse an exclusive THP ... */
	if (page_mapcount(head) == 1 && !PageSwapCache(head)) {
		set_entry(pmd, v | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED);
		spin_unlock(ptl);
		return 0;
	}
	/* ... else fall back to PTEs: the COW then copies one page. */
	spin_unlock(ptl);
	split_huge_pmd(vma, pmd, addr);
	return 0;
}

bool zap_huge_pmd(struct mmu_gather *tlb, struct vm_area_struct *vma,
		  pteval_t *pmd, uint64_t addr,
		  const struct zap_details *details)
{
	spinlock_t *ptl = pt_lockptr(pmd);
	pteval_t v;
	struct page *head;

	spin_lock(ptl);
	v = entry_read(pmd);
	if (!pte_huge(v)) {
		spin_unlock(ptl);
		return false;
	}
	head = pfn_to_page(pte_pfn(v));
	if (details && details->skip_anon) {
		spin_unlock(ptl);
		return true;
	}
	entry_get_and_clear(pmd);
	tlb_remove_tlb_entry(tlb, addr & PMD_MASK, HPAGE_PMD_SIZE);
	if (pte_dirty(v))
		SetPageDirty(head);
	page_remove_rmap(head, true);
	tlb->mm->rss_anon -= HPAGE_PMD_NR;
	spin_unlock(ptl);
	if (tlb_remove_page(tlb, head))
		tlb_flush_mmu(tlb);
	return true;
}

int copy_huge_pmd(struct mm_struct *dst_mm, struct mm_struct *src_mm,
		  pteval_t *dst_pmd, pteval_t *src_pmd, uint64_t addr,
		  struct vm_area_struct *vma)
{
	spinlock_t *src_ptl = pt_lockptr(src_pmd);
	spinlock_t *dst_ptl = pt_lockptr(dst_pmd);
	struct page *head;
	pteval_t v;

	spin_lock(dst_ptl);
	spin_lock(src_ptl);
	v = entry_read(src_pmd);
	if (pte_huge(v) && pte_present(v)) {
		head = pfn_to_page(pte_pfn(v));
		get_page(head);
		page_add_file_rmap(head, true);	/* page_dup_rmap */
		dst_mm->rss_anon += HPAGE_PMD_NR;
		if (pte_write(v)) {
			v &= ~_PAGE_RW;
			set_entry(src_pmd, v);
		}
		set_entry(dst_pmd, v & ~_PAGE_ACCESSED);
	}
	spin_unlock(src_ptl);
	spin_unlock(dst_ptl);
	return 0;
}

/*
 * Fill the new PTE table, then publish it (4.19's
 * __split_huge_pmd_locked).  The PMD lock is held.
 */
static void __split_huge_pmd_locked(struct vm_area_struct *vma,
				    pteval_t *pmd, uint64_t haddr,
				    bool freeze, uint64_t table)
{
	pteval_t old = entry_read(pmd), *t = pfn_table(table), prot;
	uint64_t pfn = pte_pfn(old);
	struct page *head = pfn_to_page(pfn);

	/*
	 * pmdp_invalidate: the huge entry leaves every TLB before the PTEs
	 * appear; it stays "huge" to the kernel meanwhile.
	 */
	set_entry(pmd, old & ~_PAGE_PRESENT);
	flush_tlb_range(vma, haddr, haddr + HPAGE_PMD_SIZE);
	/* the pages' counts and the new table, in this step */
	sim_touch_range(SIM_FP_FRAME, pfn, HPAGE_PMD_NR, true);
	sim_touch_frame(table, true);
	if (pte_dirty(old))
		SetPageDirty(head);
	head->_refcount += HPAGE_PMD_NR - 1;
	prot = old & (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED |
		      _PAGE_DIRTY);
	/* The table is not visible yet: plain stores. */
	for (unsigned int i = 0; i < HPAGE_PMD_NR; i++) {
		if (freeze)
			t[i] = swp_entry_to_pte(
				make_migration_entry(pfn + i, pte_write(old)));
		else
			t[i] = pfn_pte(pfn + i, prot);
		head[i]._mapcount++;
	}
	head->_entire_mapcount--;
	set_entry(pmd, pfn_pte(table, _PAGE_TABLE));
	vma->vm_mm->nr_ptes++;
	if (!freeze)
		return;
	for (unsigned int i = 0; i < HPAGE_PMD_NR; i++) {
		page_remove_rmap(head + i, false);
		put_page(head + i);
	}
}

static void __split_huge_pmd(struct vm_area_struct *vma, pteval_t *pmd,
			     uint64_t address, bool freeze, struct page *page)
{
	struct mm_struct *mm = vma->vm_mm;
	uint64_t haddr = address & PMD_MASK;
	uint64_t table = pt_alloc();
	spinlock_t *ptl = pt_lockptr(pmd);
	pteval_t v;

	if (!table) {
		sim_violation("internal", haddr,
			      "no frame for a THP split table (deposit)");
		return;
	}
	mmu_notifier_invalidate_range_start(mm, haddr, haddr + HPAGE_PMD_SIZE);
	spin_lock(ptl);
	v = entry_read(pmd);
	if (pte_huge(v) && pte_hw_present(v) &&
	    (!page || pte_pfn(v) == page_to_pfn(compound_head(page)))) {
		__split_huge_pmd_locked(vma, pmd, haddr, freeze, table);
		table = 0;
	}
	spin_unlock(ptl);
	/*
	 * No invalidate_range for the split itself: the PTEs map the same
	 * pfns, and pmdp_invalidate flushed (K419 huge_memory.c:2298).
	 */
	if (mach.era->has_range_only_end)
		mmu_notifier_invalidate_range_only_end(mm, haddr,
						       haddr + HPAGE_PMD_SIZE);
	else
		mmu_notifier_invalidate_range_end(mm, haddr,
						  haddr + HPAGE_PMD_SIZE);
	if (table)
		pt_free(table);
}

void split_huge_pmd(struct vm_area_struct *vma, pteval_t *pmd,
		    uint64_t address)
{
	__split_huge_pmd(vma, pmd, address, false, NULL);
}

void split_huge_pmd_address(struct vm_area_struct *vma, uint64_t address,
			    bool freeze, struct page *page)
{
	pteval_t *pmd = mm_find_pmd(vma->vm_mm, address & PMD_MASK);

	/* Nothing to split unless a PMD maps the page. */
	if (!pmd || !pte_huge(entry_read(pmd)))
		return;
	__split_huge_pmd(vma, pmd, address, freeze, page);
}

/* ---- split_huge_page ---- */

/* unmap_page: freeze every mapping of the THP into migration entries. */
static bool freeze_one(struct page *page, struct vm_area_struct *vma,
		       uint64_t address, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page_vma_mapped_walk pvmw = {
		.page = page, .vma = vma, .address = address,
	};
	uint64_t end = address + HPAGE_PMD_SIZE;

	if (end > vma->vm_end)
		end = vma->vm_end;
	split_huge_pmd_address(vma, address, true, page);
	mmu_notifier_invalidate_range_start(mm, address, end);
	while (page_vma_mapped_walk(&pvmw)) {
		pteval_t v;

		if (!pvmw.pte) {	/* re-mapped by a PMD: give up */
			page_vma_mapped_walk_done(&pvmw);
			break;
		}
		v = ptep_clear_flush(vma, pvmw.address, pvmw.pte);
		if (pte_dirty(v))
			SetPageDirty(page);
		/* Racing users wait on the migration entry. */
		set_entry(pvmw.pte, swp_entry_to_pte(make_migration_entry(
					    pte_pfn(v), pte_write(v))));
		page_remove_rmap(pfn_to_page(pte_pfn(v)), false);
		put_page(page);
	}
	mmu_notifier_invalidate_range_end(mm, address, end);
	return true;
}

static void freeze_page(struct page *head)
{
	struct rmap_walk_control rwc = { .rmap_one = freeze_one };

	rmap_walk(head, &rwc);
}

/* __split_huge_page: 512 order-0 pages, each tail locked and pinned. */
static void split_folio(struct page *head)
{
	uint32_t keep = head->flags & ((1u << PG_anon) | (1u << PG_swapbacked) |
				       (1u << PG_dirty) | (1u << PG_locked));

	sim_touch_range(SIM_FP_FRAME, page_to_pfn(head), HPAGE_PMD_NR, true);

	for (unsigned int i = 1; i < HPAGE_PMD_NR; i++) {
		struct page *tail = head + i;

		tail->flags = keep;
		tail->compound = 0;
		tail->mapping = head->mapping;
		tail->index = head->index + i;
		tail->_refcount = 1;
		tail->_entire_mapcount = -1;
	}
	ClearPageHead(head);
	head->compound = 0;
	head->_entire_mapcount = -1;
}

int split_huge_page(struct page *page)
{
	struct page *head = compound_head(page);

	if (!PageTransHuge(head))
		return 0;
	lock_page(head);
	if (!PageTransHuge(head)) {	/* split by someone else */
		unlock_page(head);
		return 0;
	}
	freeze_page(head);
	/* Only the caller's reference may remain (can_split_huge_page). */
	if (page_mapped(head) || page_count(head) != 1) {
		remove_migration_ptes(head, head);
		unlock_page(head);
		return -EBUSY;
	}
	split_folio(head);
	for (unsigned int i = 0; i < HPAGE_PMD_NR; i++)
		remove_migration_ptes(head + i, head + i);
	for (unsigned int i = 1; i < HPAGE_PMD_NR; i++) {
		unlock_page(head + i);
		put_page(head + i);
	}
	unlock_page(head);
	return 0;
}
