// SPDX-License-Identifier: GPL-2.0-only
/*
 * Migration: lock the page, unmap it everywhere (the era's try_to_unmap
 * with TTU_MIGRATION, or try_to_migrate), copy it, point the migration
 * entries at the copy, free the original.
 *
 * The copy is where a logical page moves (check_move_frames): a store
 * that reaches the old frame after it is a lost write.
 */
#include "check/check.h"
#include "eras/era.h"
#include "mm/events.h"
#include "mm/hugetlb.h"
#include "mm/migrate.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/thp.h"

#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16

struct page *follow_page(struct mm_struct *mm, uint64_t addr)
{
	struct vm_area_struct *vma;
	struct page *page = NULL;
	pteval_t *pte, v;
	spinlock_t *ptl;

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, addr);
	if (!vma || addr < vma->vm_start)
		goto out;
	if (is_vm_hugetlb_page(vma)) {
		struct hstate *h = hstate_vma(vma);

		pte = huge_pte_offset(mm, addr, huge_page_size(h));
		if (!pte)
			goto out;
		ptl = huge_pte_lockptr(h, mm, pte);
	} else {
		pteval_t *pmd = mm_find_pmd(mm, addr);

		/* a PMD-mapped THP: the PMD is the entry (PMD lock) */
		pte = pmd && pte_huge(entry_read(pmd)) ? pmd :
		      pmd ? pte_offset(pmd, addr) : NULL;
		if (!pte)
			goto out;
		ptl = pt_lockptr(pte);
	}
	spin_lock(ptl);
	v = entry_read(pte);
	if (pte_present(v)) {
		page = pfn_to_page(pte_pfn(v));
		if (pte_huge(v))
			page += (addr & ((PAGE_SIZE << compound_order(page)) - 1)) >>
				PAGE_SHIFT;
		get_page(page);
	}
	spin_unlock(ptl);
out:
	up_read(&mm->mmap_sem);
	return page;
}

static bool era_unmap_for_migration(struct page *page, unsigned int flags)
{
	if (mach.era->try_to_migrate)
		return mach.era->try_to_migrate(page, flags);
	return mach.era->try_to_unmap(page, flags | TTU_MIGRATION);
}

/* unmap_and_move_huge_page: the caller holds a reference on @hpage. */
static int unmap_and_move_huge_page(struct page *hpage)
{
	struct hstate *h = compound_order(hpage) == HPAGE_PUD_ORDER ?
				   &mach.hstate_1g :
				   &mach.hstate_2m;
	struct address_space *mapping = page_mapping(hpage);
	struct page *new = alloc_huge_page(h);
	bool was_mapped = false, rmap_locked = false;
	unsigned int flags = TTU_IGNORE_MLOCK | TTU_IGNORE_ACCESS;
	int rc = -EAGAIN;

	if (!new)
		return -ENOMEM;
	lock_page(hpage);
	if (page_mapped(hpage)) {
		/*
		 * >= 5.7: unsharing needs i_mmap_rwsem held for write.  The
		 * page lock is already held, which orders after i_mmap_rwsem,
		 * hence a trylock (hugetlb_folio_mapping_lock_write).
		 */
		if (mapping && mach.era->hugetlb_migrate_takes_i_mmap) {
			if (!down_write_trylock(&mapping->i_mmap_rwsem))
				goto out_unlock;
			rmap_locked = true;
			flags |= TTU_RMAP_LOCKED;
		}
		era_unmap_for_migration(hpage, flags);
		if (rmap_locked)
			up_write(&mapping->i_mmap_rwsem);
		was_mapped = true;
	}
	/*
	 * migrate_huge_page_move_mapping: only the page cache's reference
	 * and ours may remain; a pin (get_user_pages) makes it -EAGAIN.
	 */
	if (!page_mapped(hpage) && page_count(hpage) == 1 + !!mapping &&
	    (!mapping || !page_cache_replace(hpage, new))) {
		lock_page(new);
		mm_event(EV_MIGRATE_COPY, page_to_pfn(hpage), page_to_pfn(new),
			 compound_nr(hpage));
		check_move_frames(page_to_pfn(new), page_to_pfn(hpage),
				  compound_nr(hpage));
		rc = MIGRATEPAGE_SUCCESS;
	}
	if (was_mapped)
		remove_migration_ptes(hpage, rc ? hpage : new);
	if (!rc)
		unlock_page(new);
out_unlock:
	unlock_page(hpage);
	put_page(new);	/* the allocation reference */
	return rc;
}

/*
 * The new page takes the old one's identity: anon rmap anchor and index,
 * or its page-cache slot.  Returns 0, or -EAGAIN if the page cache moved.
 */
static int move_mapping(struct page *new, struct page *page)
{
	if (PageAnon(page)) {
		new->flags |= page->flags &
			      ((1u << PG_anon) | (1u << PG_swapbacked) |
			       (1u << PG_dirty));
		new->mapping = page->mapping;
		new->index = page->index;
		return 0;
	}
	/* a page-cache page: its slot now names the new page */
	new->flags |= page->flags & ((1u << PG_dirty) | (1u << PG_swapbacked));
	return page_mapping(page) && !page_cache_replace(page, new) ?
		       0 :
		       -EAGAIN;
}

/*
 * __unmap_and_move for an order-0 page or a whole THP (its PMD mapping
 * is split first: TTU_SPLIT_HUGE_PMD); the caller holds a reference.
 */
static int unmap_and_move(struct page *page)
{
	unsigned int order = compound_order(page);
	struct page *new = alloc_pages(order);
	bool was_mapped = false;
	int rc = -EAGAIN;

	if (!new)
		return -ENOMEM;
	lock_page(page);
	if (page_mapped(page)) {
		era_unmap_for_migration(page,
					TTU_IGNORE_MLOCK | TTU_IGNORE_ACCESS |
					(order ? TTU_SPLIT_HUGE_PMD : 0));
		was_mapped = true;
	}
	/*
	 * migrate_page_move_mapping: ours is the only reference left, but
	 * for the page cache's (or the swap cache's)
	 */
	if (!page_mapped(page) &&
	    page_count(page) ==
		    1 + (page_mapping(page) ? 1 : PageSwapCache(page)) &&
	    !move_mapping(new, page)) {
		lock_page(new);
		mm_event(EV_MIGRATE_COPY, page_to_pfn(page), page_to_pfn(new),
			 compound_nr(page));
		check_move_frames(page_to_pfn(new), page_to_pfn(page),
				  compound_nr(page));
		rc = MIGRATEPAGE_SUCCESS;
	}
	if (was_mapped)
		remove_migration_ptes(page, rc ? page : new);
	if (!rc) {
		unlock_page(new);
		/* the old page is no longer anyone's */
		page->mapping = 0;
		page->flags &= ~((1u << PG_anon) | (1u << PG_swapbacked));
	}
	unlock_page(page);
	put_page(new);	/* the allocation reference */
	return rc;
}

int migrate_page_at(struct mm_struct *mm, uint64_t addr)
{
	struct page *page = follow_page(mm, addr);
	bool huge;
	int rc;

	if (!page)
		return -EFAULT;
	page = compound_head(page);
	huge = PageHugeFlag(page);
	/* Before 4.14 a THP is split, then its pages migrate one by one. */
	if (!huge && PageHead(page) && !mach.era->thp_migration) {
		rc = split_huge_page(page);
		put_page(page);
		return rc ? rc : migrate_page_at(mm, addr);
	}
	/* migrate_pages retries a page that stayed mapped */
	for (int pass = 0; pass < 10; pass++) {
		rc = huge ? unmap_and_move_huge_page(page) :
			    unmap_and_move(page);
		if (rc != -EAGAIN)
			break;
	}
	put_page(page);	/* the isolation reference */
	return rc;
}
