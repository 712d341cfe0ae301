/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reclaim's deferred TLB flush (TTU_BATCH_FLUSH): PTEs are cleared under
 * the PTL, but the flush of the other CPUs waits until the batch is
 * flushed.  Any other path that changes those PTEs must flush first
 * (flush_tlb_batched_pending), and no page may be freed or written back
 * before the batch is flushed.
 */
#ifndef MMSIM_MM_TLB_BATCH_H
#define MMSIM_MM_TLB_BATCH_H

#include <stdbool.h>

#include "mm/mm_types.h"

bool should_defer_flush(struct mm_struct *mm, unsigned int flags);
void set_tlb_ubc_flush_pending(struct mm_struct *mm, bool writable);
void try_to_unmap_flush(void);
void try_to_unmap_flush_dirty(void);
void flush_tlb_batched_pending(struct mm_struct *mm);
void tlb_batch_reset(void);

#endif /* MMSIM_MM_TLB_BATCH_H */
