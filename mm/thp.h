/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Transparent huge pages: PMD-mapped anonymous folios (a PMD leaf with
 * _PAGE_PSE, counted in the head's entire mapcount), their zap, their
 * split into a PTE table (split_huge_pmd) and the split of the folio
 * itself into 512 order-0 pages (split_huge_page).
 *
 * A PMD entry with _PAGE_PSE is "huge" to the kernel even while it is
 * not present to the MMU (pmdp_invalidate during a split): whoever sees
 * it takes the PMD lock and looks again.  Locks: the PMD entry changes
 * under the split lock of the PMD table (pmd_lock).
 */
#ifndef MMSIM_MM_THP_H
#define MMSIM_MM_THP_H

#include "mm/mm_types.h"

#define HPAGE_PMD_NR (1u << HPAGE_PMD_ORDER)
#define HPAGE_PMD_SIZE PMD_SIZE

struct mmu_gather;
struct zap_details;

/*
 * The fault on a none PMD of a VM_HUGEPAGE VMA.  Returns a VM_FAULT_*
 * code, or -1 to fall back to a PTE table (the range does not fit).
 */
int do_huge_pmd_anonymous_page(struct mm_struct *mm,
			       struct vm_area_struct *vma, uint64_t addr,
			       pteval_t *pmd, bool write);
/* A fault that met a huge PMD (write-protected, or being split). */
int huge_pmd_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		   uint64_t addr, pteval_t *pmd, bool write);
/* Zap a whole PMD-mapped THP; false if it was split meanwhile. */
bool zap_huge_pmd(struct mmu_gather *tlb, struct vm_area_struct *vma,
		  pteval_t *pmd, uint64_t addr,
		  const struct zap_details *details);
/* fork: share the THP write-protected; 0 or -ENOMEM. */
int copy_huge_pmd(struct mm_struct *dst_mm, struct mm_struct *src_mm,
		  pteval_t *dst_pmd, pteval_t *src_pmd, uint64_t addr,
		  struct vm_area_struct *vma);

/* Replace the huge PMD at @pmd by a PTE table mapping the same pfns. */
void split_huge_pmd(struct vm_area_struct *vma, pteval_t *pmd,
		    uint64_t address);
/*
 * Split the PMD mapping of @page (any page if NULL) at @address into
 * PTEs (freeze: into migration entries), inside a notifier range over
 * [haddr, haddr + HPAGE_PMD_SIZE).
 */
void split_huge_pmd_address(struct vm_area_struct *vma, uint64_t address,
			    bool freeze, struct page *page);
/*
 * Split the THP containing @page into order-0 pages.  The caller holds
 * a reference.  Mappings are frozen into migration entries, the folio
 * is split, and the entries are restored.  0, or -EBUSY (-16) when
 * someone else holds a reference.
 */
int split_huge_page(struct page *page);

#endif /* MMSIM_MM_THP_H */
