/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64 page-table entries, 4 levels (PGD, PUD, PMD, PTE), 512 entries
 * per table, with the hardware bit layout.  Non-present entries carry the
 * kernel's swap-entry encoding: the type in the top five bits and the
 * offset, inverted (the L1TF mitigation), from bit 9 up.  Migration and
 * hwpoison entries are swap entries of reserved types.
 */
#ifndef MMSIM_ARCH_X86_PGTABLE_TYPES_H
#define MMSIM_ARCH_X86_PGTABLE_TYPES_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t pteval_t;
typedef pteval_t pte_t;
typedef pteval_t pmd_t;
typedef pteval_t pud_t;
typedef pteval_t pgd_t;

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ull << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PMD_SHIFT 21
#define PMD_SIZE (1ull << PMD_SHIFT)
#define PMD_MASK (~(PMD_SIZE - 1))
#define PUD_SHIFT 30
#define PUD_SIZE (1ull << PUD_SHIFT)
#define PUD_MASK (~(PUD_SIZE - 1))
#define PGDIR_SHIFT 39
#define PTRS_PER_TABLE 512
#define HPAGE_PMD_ORDER (PMD_SHIFT - PAGE_SHIFT)
#define HPAGE_PUD_ORDER (PUD_SHIFT - PAGE_SHIFT)
#define TASK_SIZE (1ull << 47)

#define _PAGE_BIT_PRESENT 0
#define _PAGE_BIT_RW 1
#define _PAGE_BIT_USER 2
#define _PAGE_BIT_ACCESSED 5
#define _PAGE_BIT_DIRTY 6
#define _PAGE_BIT_PSE 7
#define _PAGE_BIT_GLOBAL 8
#define _PAGE_BIT_PROTNONE _PAGE_BIT_GLOBAL	/* only when !present */
#define _PAGE_BIT_SOFT_DIRTY 11
#define _PAGE_BIT_NX 63

#define _PAGE_PRESENT (1ull << _PAGE_BIT_PRESENT)
#define _PAGE_RW (1ull << _PAGE_BIT_RW)
#define _PAGE_USER (1ull << _PAGE_BIT_USER)
#define _PAGE_ACCESSED (1ull << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY (1ull << _PAGE_BIT_DIRTY)
#define _PAGE_PSE (1ull << _PAGE_BIT_PSE)
#define _PAGE_PROTNONE (1ull << _PAGE_BIT_PROTNONE)
#define _PAGE_SOFT_DIRTY (1ull << _PAGE_BIT_SOFT_DIRTY)
#define _PAGE_NX (1ull << _PAGE_BIT_NX)
#define PTE_PFN_MASK 0x000ffffffffff000ull
/* Table entries pointing to a lower table: present, rw, user, accessed. */
#define _PAGE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)

static inline uint64_t pte_pfn(pte_t pte)
{
	return (pte & PTE_PFN_MASK) >> PAGE_SHIFT;
}

static inline pte_t pfn_pte(uint64_t pfn, pteval_t prot)
{
	return (pfn << PAGE_SHIFT) | prot;
}

static inline bool pte_none(pte_t pte)
{
	return pte == 0;
}

static inline bool pte_present(pte_t pte)
{
	/* PROT_NONE entries are present to the kernel, not to the MMU. */
	return pte & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

static inline bool pte_hw_present(pte_t pte)
{
	return pte & _PAGE_PRESENT;
}

static inline bool pte_write(pte_t pte)
{
	return pte & _PAGE_RW;
}

static inline bool pte_dirty(pte_t pte)
{
	return pte & _PAGE_DIRTY;
}

static inline bool pte_young(pte_t pte)
{
	return pte & _PAGE_ACCESSED;
}

static inline bool pte_huge(pte_t pte)
{
	return pte & _PAGE_PSE;
}

/* ---- swap entries ---- */

#define SWP_TYPE_BITS 5
#define SWP_OFFSET_FIRST_BIT (_PAGE_BIT_PROTNONE + 1)
#define SWP_OFFSET_SHIFT (SWP_OFFSET_FIRST_BIT + SWP_TYPE_BITS)

/* The reserved types sit at the top of the type space, as in the kernel. */
#define SWP_MIGRATION_NUM 2
#define SWP_HWPOISON_NUM 1
#define MAX_SWAPFILES                                                        \
	((1 << SWP_TYPE_BITS) - SWP_MIGRATION_NUM - SWP_HWPOISON_NUM)
#define SWP_HWPOISON MAX_SWAPFILES
#define SWP_MIGRATION_READ (MAX_SWAPFILES + SWP_HWPOISON_NUM)
#define SWP_MIGRATION_WRITE (MAX_SWAPFILES + SWP_HWPOISON_NUM + 1)

/* The arch-independent form: type in the top bits, offset below. */
typedef struct {
	uint64_t val;
} swp_entry_t;

#define SWP_ENTRY_TYPE_SHIFT 58

static inline swp_entry_t swp_entry(unsigned int type, uint64_t offset)
{
	swp_entry_t e = { ((uint64_t)type << SWP_ENTRY_TYPE_SHIFT) | offset };

	return e;
}

static inline unsigned int swp_type(swp_entry_t e)
{
	return (unsigned int)(e.val >> SWP_ENTRY_TYPE_SHIFT);
}

static inline uint64_t swp_offset(swp_entry_t e)
{
	return e.val & ((1ull << SWP_ENTRY_TYPE_SHIFT) - 1);
}

/*
 * The x86-64 PTE form: type in bits 59..63, offset inverted in bits
 * 9..58, so that a swap PTE is never mistaken for a present or none one.
 */
static inline pte_t swp_entry_to_pte(swp_entry_t e)
{
	uint64_t off = swp_offset(e);

	return (~off << SWP_OFFSET_SHIFT >> SWP_TYPE_BITS) |
	       ((uint64_t)swp_type(e) << (64 - SWP_TYPE_BITS));
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	unsigned int type = (unsigned int)(pte >> (64 - SWP_TYPE_BITS));
	uint64_t off = ~pte << SWP_TYPE_BITS >> SWP_OFFSET_SHIFT;

	return swp_entry(type, off);
}

static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static inline bool is_migration_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_MIGRATION_READ ||
	       swp_type(e) == SWP_MIGRATION_WRITE;
}

static inline bool is_write_migration_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_MIGRATION_WRITE;
}

static inline bool is_hwpoison_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_HWPOISON;
}

static inline swp_entry_t make_migration_entry(uint64_t pfn, bool write)
{
	return swp_entry(write ? SWP_MIGRATION_WRITE : SWP_MIGRATION_READ,
			 pfn);
}

static inline swp_entry_t make_hwpoison_entry(uint64_t pfn)
{
	return swp_entry(SWP_HWPOISON, pfn);
}

#endif /* MMSIM_ARCH_X86_PGTABLE_TYPES_H */
