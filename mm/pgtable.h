/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel-side page-table access: finding, allocating and freeing tables,
 * and changing entries.  Entry stores are scheduling points, since the
 * hardware walkers of other CPUs and devices read tables without locks.
 */
#ifndef MMSIM_MM_PGTABLE_H
#define MMSIM_MM_PGTABLE_H

#include "mm/machine.h"
#include "sim/footprint.h"

static inline unsigned int pgd_index(uint64_t a)
{
	return (a >> PGDIR_SHIFT) & 511;
}

static inline unsigned int pud_index(uint64_t a)
{
	return (a >> PUD_SHIFT) & 511;
}

static inline unsigned int pmd_index(uint64_t a)
{
	return (a >> PMD_SHIFT) & 511;
}

static inline unsigned int pte_index(uint64_t a)
{
	return (a >> PAGE_SHIFT) & 511;
}

static inline pteval_t *pt_table(uint32_t slot)
{
	return mach.pt_arena + (uint64_t)slot * PTRS_PER_TABLE;
}

/* The table frame an entry pointer lives in. */
static inline uint32_t pt_slot_of(const pteval_t *p)
{
	return (uint32_t)((uint64_t)(p - mach.pt_arena) / PTRS_PER_TABLE);
}

static inline uint64_t pt_pfn_of(const pteval_t *p)
{
	return mach.pt_meta[pt_slot_of(p)].pfn;
}

static inline pteval_t *pfn_table(uint64_t pfn)
{
	return pt_table((uint32_t)pfn_to_page(pfn)->private);
}

/* The split lock of the table holding entry @p (pte_lockptr and co). */
static inline spinlock_t *pt_lockptr(const pteval_t *p)
{
	return &mach.pt_meta[pt_slot_of(p)].ptl;
}

/*
 * Record a touch of the table holding entry @p.  Entries are read without
 * their lock (the walker, READ_ONCE) and written with it, so every read
 * and write records one (sim/footprint.h).
 */
static inline void pt_touch(const pteval_t *p, bool write)
{
	if (__builtin_expect(sim.fp_on, 0))
		sim_touch_frame(pt_pfn_of(p), write);
}

/* Read an entry without a lock (READ_ONCE): no scheduling point. */
static inline pteval_t entry_read(const pteval_t *p)
{
	pt_touch(p, false);
	return *(volatile const pteval_t *)p;
}

/* Store an entry: a scheduling point, then the store. */
void set_entry(pteval_t *p, pteval_t v);
/* Atomically clear an entry and return the old value (xchg). */
pteval_t entry_get_and_clear(pteval_t *p);

/* Allocate a zeroed table frame; 0 when out of memory. */
uint64_t pt_alloc(void);
void pt_free(uint64_t pfn);
int pt_arena_init(void);
void pt_arena_destroy(void);

/* Walkers for the kernel: NULL when a level is missing. */
pteval_t *pgd_offset(struct mm_struct *mm, uint64_t addr);
pteval_t *next_level(pteval_t entry, unsigned int index);
pteval_t *pud_offset(pteval_t *pgd, uint64_t addr);
pteval_t *pmd_offset(pteval_t *pud, uint64_t addr);
pteval_t *pte_offset(pteval_t *pmd, uint64_t addr);
/* Allocate missing levels (under mm->page_table_lock). */
pteval_t *pud_alloc(struct mm_struct *mm, pteval_t *pgd, uint64_t addr);
pteval_t *pmd_alloc(struct mm_struct *mm, pteval_t *pud, uint64_t addr);
pteval_t *pte_alloc(struct mm_struct *mm, pteval_t *pmd, uint64_t addr);
/* The PMD entry for addr, or NULL. */
pteval_t *mm_find_pmd(struct mm_struct *mm, uint64_t addr);

#endif /* MMSIM_MM_PGTABLE_H */
