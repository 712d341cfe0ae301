// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page-table pages and entry updates.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "check/check.h"
#include "mm/events.h"
#include "mm/pgtable.h"

/* Room for a million tables; the mapping is lazy, so this costs nothing. */
#define PT_ARENA_SLOTS (1u << 20)

static struct lock_class ptl_class = { .name = "ptl" };

int pt_arena_init(void)
{
	if (!mach.pt_arena) {
		void *a = mmap(NULL, (size_t)PT_ARENA_SLOTS * PAGE_SIZE,
			       PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
			       0);

		if (a == MAP_FAILED)
			return -1;
		mach.pt_arena = a;
		mach.pt_meta = calloc(PT_ARENA_SLOTS, sizeof(*mach.pt_meta));
		if (!mach.pt_meta)
			return -1;
	}
	mach.nr_pt = 0;
	mach.free_pt = 0;
	return 0;
}

void pt_arena_destroy(void)
{
	if (mach.pt_arena)
		munmap(mach.pt_arena, (size_t)PT_ARENA_SLOTS * PAGE_SIZE);
	free(mach.pt_meta);
	mach.pt_arena = NULL;
	mach.pt_meta = NULL;
}

static int64_t slot_alloc(void)
{
	sim_touch(&mach.free_pt, true);
	uint32_t slot;

	if (mach.free_pt) {
		slot = mach.free_pt - 1;
		mach.free_pt = mach.pt_meta[slot].next_free;
	} else {
		if (mach.nr_pt >= PT_ARENA_SLOTS)
			return -1;
		slot = mach.nr_pt++;
	}
	return slot;
}

uint64_t pt_alloc(void)
{
	struct page *p = alloc_pages(0);
	int64_t slot;
	uint64_t pfn;

	if (!p)
		return 0;
	slot = slot_alloc();
	if (slot < 0) {
		__free_pages(p, 0);
		return 0;
	}
	pfn = page_to_pfn(p);
	SetPageTable(p);
	p->private = (uint64_t)slot;
	p->_entire_mapcount = 0;	/* pt_share_count */
	sim_touch_frame(pfn, true);
	memset(pt_table((uint32_t)slot), 0, PAGE_SIZE);
	spin_lock_init(&mach.pt_meta[slot].ptl, &ptl_class, "ptl");
	mach.pt_meta[slot].pfn = pfn;
	check_frames_alloc(pfn, 1, FRAME_TABLE);
	mm_event(EV_PT_ALLOC, pfn, 0, 0);
	return pfn;
}

void pt_free(uint64_t pfn)
{
	struct page *p = pfn_to_page(pfn);
	uint32_t slot = (uint32_t)p->private;

	mm_event(EV_PT_FREE, pfn, 0, 0);
	sim_touch_frame(pfn, true);
	sim_touch(&mach.free_pt, true);
	mach.pt_meta[slot].next_free = mach.free_pt;
	mach.pt_meta[slot].pfn = 0;
	mach.free_pt = slot + 1;
	ClearPageTable(p);
	p->_refcount = 0;
	__free_pages(p, 0);
}

static void entry_changes(pteval_t *p, pteval_t old, pteval_t v)
{
	unsigned int index = (unsigned int)(p - pt_table(pt_slot_of(p)));

	mm_event(EV_SET_ENTRY, pt_pfn_of(p), index, v);
	check_entry_change(pt_pfn_of(p), index, old, v);
}

void set_entry(pteval_t *p, pteval_t v)
{
	sim_point();
	pt_touch(p, true);
	entry_changes(p, *p, v);
	*p = v;
}

pteval_t entry_get_and_clear(pteval_t *p)
{
	pteval_t old;

	sim_point();
	pt_touch(p, true);
	old = *p;
	entry_changes(p, old, 0);
	*p = 0;
	return old;
}

pteval_t *pgd_offset(struct mm_struct *mm, uint64_t addr)
{
	sim_touch_frame(mm->pgd_pfn, false);
	return &pfn_table(mm->pgd_pfn)[pgd_index(addr)];
}

pteval_t *next_level(pteval_t entry, unsigned int index)
{
	/* The caller reads the entry it returns: touch that table. */
	if (pte_hw_present(entry) && !pte_huge(entry))
		sim_touch_frame(pte_pfn(entry), false);
	if (!pte_hw_present(entry) || pte_huge(entry))
		return NULL;
	return &pfn_table(pte_pfn(entry))[index];
}

pteval_t *pud_offset(pteval_t *pgd, uint64_t addr)
{
	return next_level(entry_read(pgd), pud_index(addr));
}

pteval_t *pmd_offset(pteval_t *pud, uint64_t addr)
{
	return next_level(entry_read(pud), pmd_index(addr));
}

pteval_t *pte_offset(pteval_t *pmd, uint64_t addr)
{
	return next_level(entry_read(pmd), pte_index(addr));
}

/*
 * Populate *@entry with a new table unless someone else did meanwhile;
 * as the kernel does, allocate first, then recheck under the lock.
 */
static bool populate(struct mm_struct *mm, pteval_t *entry, long *counter,
		     spinlock_t *lock)
{
	uint64_t pfn = pt_alloc();

	if (!pfn)
		return false;
	spin_lock(lock);
	if (pte_none(entry_read(entry))) {
		set_entry(entry, pfn_pte(pfn, _PAGE_TABLE));
		if (counter)
			(*counter)++;
		pfn = 0;
	}
	spin_unlock(lock);
	if (pfn)
		pt_free(pfn);
	return true;
}

pteval_t *pud_alloc(struct mm_struct *mm, pteval_t *pgd, uint64_t addr)
{
	if (pte_none(entry_read(pgd)) &&
	    !populate(mm, pgd, NULL, &mm->page_table_lock))
		return NULL;
	return pud_offset(pgd, addr);
}

pteval_t *pmd_alloc(struct mm_struct *mm, pteval_t *pud, uint64_t addr)
{
	if (pte_none(entry_read(pud)) &&
	    !populate(mm, pud, &mm->nr_pmds, &mm->page_table_lock))
		return NULL;
	return pmd_offset(pud, addr);
}

pteval_t *pte_alloc(struct mm_struct *mm, pteval_t *pmd, uint64_t addr)
{
	/*
	 * The PMD entry's own lock (pmd_lock), as __pte_alloc takes: a THP
	 * fault installs a huge PMD under it, so the two cannot both win.
	 */
	if (pte_none(entry_read(pmd)) &&
	    !populate(mm, pmd, &mm->nr_ptes, pt_lockptr(pmd)))
		return NULL;
	return pte_offset(pmd, addr);
}

pteval_t *mm_find_pmd(struct mm_struct *mm, uint64_t addr)
{
	pteval_t *pud = pud_offset(pgd_offset(mm, addr), addr);

	return pud ? pmd_offset(pud, addr) : NULL;
}
