// SPDX-License-Identifier: GPL-2.0-only
/*
 * rmap walks, mapcounts, page_check_address, page_vma_mapped_walk and
 * remove_migration_ptes.  The era-specific try_to_unmap_one lives in
 * eras/<era>/rmap.c.
 */
#include "eras/era.h"
#include "mm/hugetlb.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "sim/footprint.h"

struct address_space *page_mapping(struct page *page)
{
	page = compound_head(page);
	if (PageAnon(page) || !page->mapping)
		return NULL;
	return mach.files[page->mapping - 1];
}

uint64_t page_to_pgoff(struct page *page)
{
	struct page *head = compound_head(page);

	/* hugetlb page-cache indexes count huge pages */
	if (PageHugeFlag(head))
		return head->index << compound_order(head);
	return head->index + (uint64_t)(page - head);
}

uint64_t vma_address(struct page *page, struct vm_area_struct *vma)
{
	return vma->vm_start +
	       ((page_to_pgoff(page) - vma->vm_pgoff) << PAGE_SHIFT);
}

static bool vma_maps_pgoff(struct vm_area_struct *vma, uint64_t pgoff)
{
	return pgoff >= vma->vm_pgoff && pgoff < vma->vm_pgoff + vma_pages(vma);
}

/* Call rwc->rmap_one for each of @vmas that maps @pgoff, until told. */
static void walk_vmas(struct vm_area_struct **vmas, int n, struct page *page,
		      uint64_t pgoff, struct rmap_walk_control *rwc)
{
	for (int i = 0; i < n; i++) {
		struct vm_area_struct *vma = vmas[i];

		vma_touch(vma, false);
		if (!vma_maps_pgoff(vma, pgoff))
			continue;
		if (!rwc->rmap_one(page, vma, vma_address(page, vma), rwc->arg))
			break;
		if (rwc->done && rwc->done(page))
			break;
	}
}

bool vma_pgoff_range(const struct vm_area_struct *vma, uint64_t first,
		     uint64_t last, uint64_t *start, uint64_t *end)
{
	uint64_t vfirst = vma->vm_pgoff, vlast = vfirst + vma_pages(vma);
	uint64_t a = first > vfirst ? first : vfirst;
	uint64_t b = last < vlast ? last : vlast;

	if (a >= b)
		return false;
	*start = vma->vm_start + ((a - vfirst) << PAGE_SHIFT);
	*end = vma->vm_start + ((b - vfirst) << PAGE_SHIFT);
	return true;
}

static void rmap_walk_file(struct page *page, struct rmap_walk_control *rwc)
{
	struct address_space *mapping = page_mapping(page);
	uint64_t pgoff = page_to_pgoff(page);

	if (!mapping)
		return;
	if (!rwc->locked)
		down_read(&mapping->i_mmap_rwsem);
	walk_vmas(mapping->i_mmap, mapping->nr_i_mmap, page, pgoff, rwc);
	if (!rwc->locked)
		up_read(&mapping->i_mmap_rwsem);
}

static void rmap_walk_anon(struct page *page, struct rmap_walk_control *rwc)
{
	struct page *head = compound_head(page);
	struct anon_vma *av;
	uint64_t pgoff = page_to_pgoff(page);

	if (!head->mapping)
		return;
	av = &mach.mms[head->mapping - 1]->anon_vma;
	if (!rwc->locked)
		down_read(&av->root->rwsem);
	walk_vmas(av->vmas, av->nr_vmas, page, pgoff, rwc);
	if (!rwc->locked)
		up_read(&av->root->rwsem);
}

void rmap_walk(struct page *page, struct rmap_walk_control *rwc)
{
	if (PageAnon(compound_head(page)))
		rmap_walk_anon(page, rwc);
	else
		rmap_walk_file(page, rwc);
}

void page_remove_rmap(struct page *page, bool compound)
{
	struct page *head = compound_head(page);

	page_touch(page, true);
	page_touch(head, true);
	if (compound)
		head->_entire_mapcount--;
	else
		page->_mapcount--;
}

void page_add_file_rmap(struct page *page, bool compound)
{
	page_touch(page, true);
	page_touch(compound_head(page), true);
	if (compound)
		compound_head(page)->_entire_mapcount++;
	else
		page->_mapcount++;
}

void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			uint64_t address, bool compound)
{
	struct page *head = compound_head(page);

	page_touch(page, true);
	page_touch(head, true);
	if (!head->mapping) {
		head->flags |= 1u << PG_anon;
		head->mapping = (uint32_t)vma->vm_mm->id + 1;
		head->index = (address - vma->vm_start) / PAGE_SIZE +
			      vma->vm_pgoff - (uint64_t)(page - head);
	}
	page_add_file_rmap(page, compound);
}

/* The PTE (or huge PTE) that maps address in mm, without locking. */
static pteval_t *find_pte(struct mm_struct *mm, struct page *page,
			  uint64_t address)
{
	struct page *head = compound_head(page);
	pteval_t *pmd;

	if (PageHugeFlag(head))
		return huge_pte_offset(mm, address,
				       PAGE_SIZE << compound_order(head));
	pmd = mm_find_pmd(mm, address);
	if (!pmd || pte_huge(entry_read(pmd)))
		return NULL;
	return pte_offset(pmd, address);
}

static spinlock_t *pte_lockptr_for(struct mm_struct *mm, struct page *page,
				   pteval_t *pte)
{
	struct page *head = compound_head(page);

	if (PageHugeFlag(head))
		return huge_pte_lockptr(compound_order(head) ==
							HPAGE_PUD_ORDER ?
						&mach.hstate_1g :
						&mach.hstate_2m,
					mm, pte);
	return pt_lockptr(pte);
}

static bool pte_maps_page(pteval_t pte, struct page *page)
{
	uint64_t pfn = page_to_pfn(page);
	struct page *head = compound_head(page);

	if (!pte_present(pte))
		return false;
	if (PageHugeFlag(head))
		return pte_pfn(pte) == page_to_pfn(head);
	return pte_pfn(pte) == pfn;
}

pteval_t *page_check_address(struct page *page, struct mm_struct *mm,
			     uint64_t address, spinlock_t **ptlp)
{
	pteval_t *pte = find_pte(mm, page, address);
	spinlock_t *ptl;

	if (!pte)
		return NULL;
	/* A lockless peek first, as the kernel does for the common miss. */
	if (!pte_maps_page(entry_read(pte), page))
		return NULL;
	ptl = pte_lockptr_for(mm, page, pte);
	spin_lock(ptl);
	if (pte_maps_page(entry_read(pte), page)) {
		*ptlp = ptl;
		return pte;
	}
	spin_unlock(ptl);
	return NULL;
}

static bool pvmw_matches(struct page_vma_mapped_walk *pvmw, pteval_t pte)
{
	struct page *head = compound_head(pvmw->page);
	uint64_t pfn;

	if (pvmw->flags & PVMW_MIGRATION) {
		swp_entry_t e;

		if (!is_swap_pte(pte))
			return false;
		e = pte_to_swp_entry(pte);
		if (!is_migration_entry(e))
			return false;
		pfn = swp_offset(e);
	} else {
		if (!pte_present(pte))
			return false;
		pfn = pte_pfn(pte);
	}
	if (PageHugeFlag(head))
		return pfn == page_to_pfn(head);
	return pfn >= page_to_pfn(head) &&
	       pfn < page_to_pfn(head) + compound_nr(head);
}

/*
 * A PMD-mapped THP: true with the PMD lock held, pvmw->pte NULL and
 * pvmw->pmd set.  False (no lock held) when no huge PMD maps it, e.g. it
 * was split meanwhile and the PTE walk takes over.
 */
static bool pvmw_pmd(struct page_vma_mapped_walk *pvmw)
{
	struct page *head = compound_head(pvmw->page);
	pteval_t *pmd = mm_find_pmd(pvmw->vma->vm_mm, pvmw->address);
	pteval_t v;

	if (!pmd || !pte_huge(entry_read(pmd)) ||
	    (pvmw->flags & PVMW_MIGRATION))
		return false;
	pvmw->ptl = pt_lockptr(pmd);
	spin_lock(pvmw->ptl);
	v = entry_read(pmd);
	if (pte_huge(v) && pte_present(v) &&
	    pte_pfn(v) == page_to_pfn(head)) {
		pvmw->pmd = pmd;
		return true;
	}
	spin_unlock(pvmw->ptl);
	pvmw->ptl = NULL;
	return false;
}

/*
 * Step to the next PTE of the page in pvmw->vma.  The first call starts
 * at pvmw->address; each hit returns with pvmw->ptl held.
 */
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = pvmw->vma->vm_mm;
	struct page *head = compound_head(pvmw->page);
	uint64_t end;

	if (PageHugeFlag(head)) {
		if (pvmw->pte)
			goto done;	/* one entry maps a hugetlb page */
		pvmw->pte = find_pte(mm, head, pvmw->address);
		if (!pvmw->pte)
			return false;
		pvmw->ptl = pte_lockptr_for(mm, head, pvmw->pte);
		spin_lock(pvmw->ptl);
		if (pvmw_matches(pvmw, entry_read(pvmw->pte)))
			return true;
		goto done;
	}
	/* After a PMD-mapped THP hit there is nothing more in this vma. */
	if (!pvmw->pte && pvmw->ptl)
		goto done;
	end = vma_address(head, pvmw->vma) + (compound_nr(head) << PAGE_SHIFT);
	if (end > pvmw->vma->vm_end)
		end = pvmw->vma->vm_end;
	if (!pvmw->pte && PageTransHuge(head) && pvmw_pmd(pvmw))
		return true;
	if (pvmw->pte) {
		/* continue after the last hit, same PTL if same table */
		pvmw->address += PAGE_SIZE;
		if (pvmw->address >= end || !(pvmw->address & ~PMD_MASK))
			goto done;
		pvmw->pte++;
	} else {
		pvmw->pmd = mm_find_pmd(mm, pvmw->address);
		if (!pvmw->pmd || !pte_hw_present(entry_read(pvmw->pmd)) ||
		    pte_huge(entry_read(pvmw->pmd)))
			return false;
		pvmw->pte = pte_offset(pvmw->pmd, pvmw->address);
		pvmw->ptl = pt_lockptr(pvmw->pte);
		spin_lock(pvmw->ptl);
	}
	for (;;) {
		if (pvmw_matches(pvmw, entry_read(pvmw->pte)))
			return true;
		pvmw->address += PAGE_SIZE;
		if (pvmw->address >= end || !(pvmw->address & ~PMD_MASK))
			break;
		pvmw->pte++;
	}
done:
	page_vma_mapped_walk_done(pvmw);
	return false;
}

void page_vma_mapped_walk_done(struct page_vma_mapped_walk *pvmw)
{
	if (pvmw->ptl)
		spin_unlock(pvmw->ptl);
	pvmw->ptl = NULL;
}

struct rmp_arg {
	struct page *old, *new;
};

static bool remove_migration_pte(struct page *page,
				 struct vm_area_struct *vma, uint64_t addr,
				 void *arg)
{
	struct rmp_arg *a = arg;
	struct page *old = a->old;
	struct page_vma_mapped_walk pvmw = {
		.page = old, .vma = vma, .address = addr,
		.flags = PVMW_MIGRATION,
	};

	while (page_vma_mapped_walk(&pvmw)) {
		swp_entry_t e = pte_to_swp_entry(entry_read(pvmw.pte));
		struct page *head = compound_head(a->new);
		uint64_t off = swp_offset(e) - page_to_pfn(compound_head(old));
		struct page *np = head + off;
		pteval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

		if (is_write_migration_entry(e))
			prot |= _PAGE_RW;
		get_page(np);
		if (PageHugeFlag(head)) {
			prot |= _PAGE_PSE;
			page_add_file_rmap(head, true);
		} else if (PageAnon(head)) {
			page_add_anon_rmap(np, vma, pvmw.address, false);
		} else {
			page_add_file_rmap(np, false);
		}
		set_entry(pvmw.pte, pfn_pte(page_to_pfn(np), prot));
	}
	return true;
}

void remove_migration_ptes(struct page *old, struct page *new)
{
	struct rmp_arg a = { old, new };
	struct rmap_walk_control rwc = {
		.arg = &a,
		.rmap_one = remove_migration_pte,
	};

	rmap_walk(new, &rwc);
}
