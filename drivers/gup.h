/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The devices' view of get_user_pages and hmm_range_fault: find the page
 * mapped at a va, faulting it in (for write if asked), under mmap_sem for
 * read.  The pfn, its generation and owner are read under the PTL, so
 * they describe one moment of the CPU page table.
 */
#ifndef MMSIM_DRIVERS_GUP_H
#define MMSIM_DRIVERS_GUP_H

#include "drivers/mirror_table.h"
#include "mm/mm_types.h"

/*
 * @pin: take a page reference (get_user_pages) or not (hmm_range_fault).
 * Returns 0, or a VM_FAULT_* error.
 */
int dev_get_user_page(struct mm_struct *mm, uint64_t va, bool write,
		      bool pin, struct dev_pfn *out);

#endif /* MMSIM_DRIVERS_GUP_H */
