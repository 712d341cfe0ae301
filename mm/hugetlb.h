/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hugetlbfs: the huge page pool, faults, and PMD-table sharing between
 * mms that map the same file at the same PUD-aligned place.
 */
#ifndef MMSIM_MM_HUGETLB_H
#define MMSIM_MM_HUGETLB_H

#include "mm/machine.h"

struct hstate *hstate_vma(const struct vm_area_struct *vma);
/* Faults and truncation of one file index serialize on this mutex. */
struct mutex *hugetlb_fault_mutex(struct address_space *mapping, uint64_t idx);
uint64_t huge_page_size(const struct hstate *h);

int hugetlb_pool_init(void);
struct page *alloc_huge_page(struct hstate *h);
void free_huge_page(struct page *page);

/* Returns 0, or a VM_FAULT_* code. */
int hugetlb_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		  uint64_t addr, bool write);

pteval_t *huge_pte_offset(struct mm_struct *mm, uint64_t addr, uint64_t sz);
pteval_t *huge_pte_alloc(struct mm_struct *mm, struct vm_area_struct *vma,
			 uint64_t addr, uint64_t sz);
spinlock_t *huge_pte_lockptr(struct hstate *h, struct mm_struct *mm,
			     pteval_t *pte);

bool vma_shareable(const struct vm_area_struct *vma, uint64_t addr);
pteval_t *huge_pmd_share(struct mm_struct *mm, struct vm_area_struct *vma,
			 uint64_t addr, pteval_t *pud);
/*
 * The 4.x form: called with the PTL held; returns 1 if this mm's PUD was
 * cleared because the PMD table is shared.  When the era says so, *addr
 * is moved to the last huge page of the PUD (the loop-skipping rewrite).
 */
int huge_pmd_unshare(struct mm_struct *mm, uint64_t *addr, pteval_t *ptep);
/* The PMD table's share count, as the era keeps it. */
int pmd_share_count(uint64_t pmd_table_pfn);
void adjust_range_if_pmd_sharing_possible(struct vm_area_struct *vma,
					  uint64_t *start, uint64_t *end);

/* The vma_lock, for eras that have it (no-ops otherwise). */
void hugetlb_vma_lock_alloc(struct vm_area_struct *vma);
void hugetlb_vma_lock_read(struct vm_area_struct *vma);
void hugetlb_vma_unlock_read(struct vm_area_struct *vma);
bool hugetlb_vma_trylock_write(struct vm_area_struct *vma);
void hugetlb_vma_unlock_write(struct vm_area_struct *vma);

/* Replace @old by @new in its file's page cache (migration; any file). */
int page_cache_replace(struct page *old, struct page *new);

#endif /* MMSIM_MM_HUGETLB_H */
