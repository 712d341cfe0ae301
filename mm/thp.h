/* SPDX-License-Identifier: GPL-2.0-only */
/* Transparent huge pages: PMD-mapped anonymous folios and their split. */
#ifndef MMSIM_MM_THP_H
#define MMSIM_MM_THP_H

#include "mm/mm_types.h"

/*
 * Split the PMD mapping of @page at @address into PTEs (freeze: into
 * migration entries), with the era's notifier range.
 */
void split_huge_pmd_address(struct vm_area_struct *vma, uint64_t address,
			    bool freeze, struct page *page);

#endif /* MMSIM_MM_THP_H */
