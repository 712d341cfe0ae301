/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef MMSIM_MM_VMSCAN_H
#define MMSIM_MM_VMSCAN_H

#include "mm/mm_types.h"

/*
 * Reclaim the anon pages mapped in [addr, addr+len) of @mm to swap, with
 * the deferred TLB flush (MADV_PAGEOUT, or a targeted kswapd pass).
 * Returns the number of pages reclaimed.
 */
int reclaim_range(struct mm_struct *mm, uint64_t addr, uint64_t len);

#endif /* MMSIM_MM_VMSCAN_H */
