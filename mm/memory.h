/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal interfaces of the mm core: teardown (mm/zap.c), VMA
 * surgery (mm/mmap.c), fault helpers (mm/memory.c) and the hugetlb
 * unmap (mm/hugetlb_unmap.c).  Not for drivers or scenarios: they use
 * mm/mm.h.
 */
#ifndef MMSIM_MM_MEMORY_H
#define MMSIM_MM_MEMORY_H

#include "mm/mm.h"
#include "mm/mmu_gather.h"

/* What a zap may skip: unmap_mapping_range without even_cows. */
struct zap_details {
	bool skip_anon;
};

/* ---- mm/zap.c ---- */
void unmap_single_vma(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      uint64_t start, uint64_t end,
		      const struct zap_details *details);
/*
 * Free the page tables that map only [start, end), within the span
 * [floor, ceiling) that no remaining VMA uses, through the gather.
 */
void free_pgd_range(struct mmu_gather *tlb, uint64_t start, uint64_t end,
		    uint64_t floor, uint64_t ceiling);
/* MADV_DONTNEED and friends: zap [start, start + len) of one vma. */
void zap_page_range(struct vm_area_struct *vma, uint64_t start,
		    uint64_t len);

/*
 * Zap file indexes [first, first + nr) in every VMA that maps them
 * (truncate); !even_cows keeps the private COW copies.
 */
void unmap_mapping_range(struct address_space *mapping, uint64_t first,
			 uint64_t nr, bool even_cows);

/* ---- mm/hugetlb_unmap.c ---- */
/* The caller holds the file's i_mmap_rwsem for write. */
/* mprotect of a hugetlb VMA; @modify computes the new entry */
long hugetlb_change_protection(struct vm_area_struct *vma, uint64_t start,
			       uint64_t end, pteval_t (*modify)(pteval_t old,
						const struct vm_area_struct *v));
/* hugetlbfs truncate/hole punch of [offset, offset + len) of the file */
int hugetlbfs_punch_hole(struct address_space *mapping, uint64_t offset,
			 uint64_t len);
void __unmap_hugepage_range(struct mmu_gather *tlb,
			    struct vm_area_struct *vma, uint64_t start,
			    uint64_t end);

/* ---- mm/mmap.c ---- */
/*
 * Make start and end VMA boundaries (split_vma at each), mmap_sem held
 * for write.  Returns 0 or a negative errno.
 */
int vma_split_at(struct mm_struct *mm, uint64_t addr);
/* A copy of @vma for [start, end) at the same file/anon position. */
struct vm_area_struct *vma_dup(struct vm_area_struct *vma);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
/* Add to / remove from the file's i_mmap or the anon_vmas. */
void vma_rmap_link(struct vm_area_struct *vma);
void vma_rmap_link_like(struct vm_area_struct *vma,
			struct vm_area_struct *like);
void vma_rmap_unlink(struct vm_area_struct *vma);
void anon_vma_lock_write(struct anon_vma *av);
void anon_vma_unlock_write(struct anon_vma *av);
/* munmap with mmap_sem held for write (mremap's tail). */
int __do_munmap(struct mm_struct *mm, uint64_t start, uint64_t len);
/* The VMAs just below and above [start, end), for free_pgtables. */
void vma_neighbours(struct mm_struct *mm, uint64_t start, uint64_t end,
		    uint64_t *floor, uint64_t *ceiling);

/* ---- mm/memory.c ---- */
/* The PTE protection bits of a fresh mapping in @vma. */
pteval_t vma_pte_prot(const struct vm_area_struct *vma, bool write);
/* Fault without taking mmap_sem (the caller holds it). */
int __handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		      uint64_t addr, bool write);

/* ---- mm/swap_state.c ---- */
/* A zapped swap PTE: drop the slot reference (and the cache copy). */
void free_swap_and_cache(swp_entry_t entry);

#endif /* MMSIM_MM_MEMORY_H */
