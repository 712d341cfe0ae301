/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TLB shootdowns.  A flush reaches every CPU in mm->cpumask at once (the
 * initiator waits for the IPIs) and is one scheduling point.  From 6.6 on
 * the arch flush also invalidates the mm's secondary TLBs.
 */
#ifndef MMSIM_ARCH_X86_TLBFLUSH_H
#define MMSIM_ARCH_X86_TLBFLUSH_H

#include "mm/mm_types.h"

void flush_tlb_mm_range(struct mm_struct *mm, uint64_t start, uint64_t end);
void flush_tlb_range(struct vm_area_struct *vma, uint64_t start, uint64_t end);
void flush_tlb_page(struct vm_area_struct *vma, uint64_t addr);
void flush_tlb_mm(struct mm_struct *mm);
/* Reclaim's batched flush: flush all CPUs that may cache the mm. */
void arch_tlbbatch_flush_mm(struct mm_struct *mm);
/* Caches are physically tagged on x86: nothing to do. */
static inline void flush_cache_range(struct vm_area_struct *vma,
				     uint64_t start, uint64_t end)
{
}

static inline void flush_cache_page(struct vm_area_struct *vma,
				    uint64_t addr, uint64_t pfn)
{
}

#endif /* MMSIM_ARCH_X86_TLBFLUSH_H */
