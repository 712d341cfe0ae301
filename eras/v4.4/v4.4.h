/* SPDX-License-Identifier: GPL-2.0-only */
/* 4.4-family return codes of try_to_unmap (include/linux/rmap.h). */
#ifndef MMSIM_ERAS_V4_4_H
#define MMSIM_ERAS_V4_4_H

#define SWAP_SUCCESS 0
#define SWAP_AGAIN 1
#define SWAP_FAIL 2
#define SWAP_MLOCK 3

#include <stdint.h>

#include "mm/mm_types.h"

typedef int (*v44_unmap_one_t)(struct page *page, struct vm_area_struct *vma,
			       uint64_t address, unsigned int flags);

int v44_unmap_pte(struct page *page, struct vm_area_struct *vma,
		  uint64_t address, pteval_t *pte, unsigned int flags);
int v44_try_to_unmap(struct page *page, unsigned int flags,
		     v44_unmap_one_t one);

#endif /* MMSIM_ERAS_V4_4_H */
