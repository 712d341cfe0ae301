/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Address spaces: mm_struct, vm_area_struct, address_space, anon_vma.
 *
 * Lock ordering (outermost first), as in the kernel's mm/rmap.c:
 *
 *   mm->mmap_sem
 *     page lock (PG_locked)
 *       mapping->i_mmap_rwsem
 *         anon_vma->rwsem
 *           mm->page_table_lock or a split PTL
 *
 * hugetlb: the PMD-table lock of a shared PMD page is one lock for all
 * the mms that share it.
 */
#ifndef MMSIM_MM_MM_TYPES_H
#define MMSIM_MM_MM_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/page.h"
#include "sim/lock.h"

#define VM_READ 0x00000001ul
#define VM_WRITE 0x00000002ul
#define VM_EXEC 0x00000004ul
#define VM_SHARED 0x00000008ul
#define VM_MAYREAD 0x00000010ul
#define VM_MAYWRITE 0x00000020ul
#define VM_MAYSHARE 0x00000080ul
#define VM_LOCKED 0x00002000ul
#define VM_HUGETLB 0x00400000ul
#define VM_HUGEPAGE 0x20000000ul

/*
 * The mms, a file's i_mmap and an anon_vma's VMA list grow as needed;
 * MAX_MMS only bounds mm ids to what the ghost's 16-bit owner tags
 * (OWNER_ANON in check/check.h) can name.
 */
#define MAX_MMS 65536
#define MAX_VMAS 32
#define MAX_FILES 16
#define MAX_MMU_NOTIFIERS 8

struct mm_struct;
struct mmu_notifier;

enum file_kind {
	FILE_SHMEM,
	FILE_HUGETLBFS,
};

/* A file's page cache and the VMAs that map it. */
struct address_space {
	int id;
	int kind;		/* enum file_kind */
	unsigned int order;	/* page order of its folios (hugetlbfs) */
	uint64_t size;		/* bytes */
	char name[24];
	uint64_t nr_pages;	/* page-cache slots, in folios */
	/*
	 * index -> pfn + 1, 0 if absent (i_pages).  32 bits hold 2^32 - 1
	 * frames, 16 TiB: past MACHINE_MAX_MEM (mm/machine.h).
	 */
	uint32_t *pages;
	/*
	 * i_mmap_rwsem: the VMAs mapping this file, in creation order.  A
	 * growable array: thousands of processes may map one file.
	 */
	struct rw_semaphore i_mmap_rwsem;
	struct vm_area_struct **i_mmap;
	int nr_i_mmap, cap_i_mmap;
};

/*
 * anon_vma: the rmap anchor of anonymous pages, one per mm.  An anon
 * page's mapping names the anon_vma of the mm that created it.  fork
 * adds the child's VMAs to every anon_vma the parent's VMA is in (the
 * kernel's anon_vma chains, flattened), so rmap_walk_anon finds every mm
 * that may map a page created before the fork.  One fork tree shares
 * the root's rwsem, as in the kernel.
 */
struct anon_vma {
	int id;
	struct anon_vma *root;		/* whose rwsem locks this one */
	struct rw_semaphore rwsem;	/* used in the root only */
	struct vm_area_struct **vmas;	/* root->rwsem; grows */
	int nr_vmas, cap_vmas;
};

struct vm_area_struct {
	struct mm_struct *vm_mm;
	uint64_t vm_start, vm_end;	/* mmap_sem */
	unsigned long vm_flags;		/* mmap_sem */
	uint64_t vm_pgoff;		/* in PAGE_SIZE units */
	struct address_space *vm_file;
	struct anon_vma *anon_vma;
	/*
	 * hugetlb vma_lock (>= 6.1, shareable hugetlb VMAs): held for read
	 * by faults around huge_pmd_share, for write (trylock in rmap) by
	 * unsharing.  Lock order: hugetlb_fault_mutex -> vma_lock ->
	 * i_mmap_rwsem -> page lock.
	 */
	struct rw_semaphore vma_lock;
	bool has_vma_lock;
};

struct mm_struct {
	int id;
	char name[16];
	pgd_t pgd_pfn;			/* the PGD table frame (CR3) */
	struct rw_semaphore mmap_sem;
	spinlock_t page_table_lock;	/* PUD/PGD level, table allocation */
	struct vm_area_struct *vmas[MAX_VMAS];	/* mmap_sem, by vm_start */
	int nr_vmas;
	uint64_t cpumask;		/* CPUs that ran it (lazy: never cleared) */
	long nr_ptes, nr_pmds;		/* page-table pages, page_table_lock */
	long rss_file, rss_anon, rss_swap;
	bool tlb_flush_batched;		/* PTL: reclaim deferred a flush */
	bool dead;
	struct anon_vma anon_vma;
	/* mmu notifiers, traversed under the global notifier SRCU */
	struct mmu_notifier *notifiers[MAX_MMU_NOTIFIERS];
	int nr_notifiers;
	bool had_notifiers;		/* counted in mach.nr_notified_mms */
	int notifier_range_depth;	/* open start/end brackets (ghost) */
};

/*
 * A VMA's bounds and flags change under mmap_sem, which rmap walks (under
 * i_mmap_rwsem or the anon_vma lock) do not take: both sides record it.
 */
static inline void vma_touch(const struct vm_area_struct *vma, bool write)
{
	sim_touch(vma, write);
}

/* exit_mmap sets dead under mmap_sem; some readers do not hold it. */
static inline bool mm_dead(struct mm_struct *mm)
{
	sim_touch(&mm->dead, false);
	return mm->dead;
}

static inline bool is_vm_hugetlb_page(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_HUGETLB;
}

static inline uint64_t vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, uint64_t addr);

#endif /* MMSIM_MM_MM_TYPES_H */
