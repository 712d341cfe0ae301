/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reverse mapping: from a page to the VMAs (and addresses) that map it.
 *
 * Lock ordering: see mm/mm_types.h.  rmap_walk takes the file's
 * i_mmap_rwsem or the anon_vma's rwsem for read unless the caller holds
 * it (rwc->locked, TTU_RMAP_LOCKED).
 */
#ifndef MMSIM_MM_RMAP_H
#define MMSIM_MM_RMAP_H

#include <stdbool.h>

#include "mm/machine.h"

struct rmap_walk_control {
	void *arg;
	/* false stops the walk */
	bool (*rmap_one)(struct page *page, struct vm_area_struct *vma,
			 uint64_t address, void *arg);
	bool (*done)(struct page *page);
	bool locked;
};

void rmap_walk(struct page *page, struct rmap_walk_control *rwc);

/* The first file offset of @page, in PAGE_SIZE units. */
uint64_t page_to_pgoff(struct page *page);
uint64_t vma_address(struct page *page, struct vm_area_struct *vma);
/*
 * The addresses [*start, *end) where @vma maps file pages [first, last)
 * (PAGE_SIZE units); false when it maps none of them.
 */
bool vma_pgoff_range(const struct vm_area_struct *vma, uint64_t first,
		     uint64_t last, uint64_t *start, uint64_t *end);
struct address_space *page_mapping(struct page *page);

/* v4.4: the PTE mapping @page at @address, with its PTL held. */
pteval_t *page_check_address(struct page *page, struct mm_struct *mm,
			     uint64_t address, spinlock_t **ptlp);

#define PVMW_SYNC (1 << 0)
#define PVMW_MIGRATION (1 << 1)

/* >= 4.14: each PTE (or PMD) of @page inside one vma, PTL held. */
struct page_vma_mapped_walk {
	struct page *page;
	struct vm_area_struct *vma;
	uint64_t address;
	pteval_t *pmd;
	pteval_t *pte;		/* NULL when a PMD maps the page */
	spinlock_t *ptl;
	unsigned int flags;
};

bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw);
void page_vma_mapped_walk_done(struct page_vma_mapped_walk *pvmw);

/* Drop one PTE mapping (or the entire mapping if @compound). */
void page_remove_rmap(struct page *page, bool compound);
void page_add_file_rmap(struct page *page, bool compound);
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			uint64_t address, bool compound);

/* Re-point migration entries of @old to @new (or back to old). */
void remove_migration_ptes(struct page *old, struct page *new);

#endif /* MMSIM_MM_RMAP_H */
