/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef MMSIM_MM_MEMORY_FAILURE_H
#define MMSIM_MM_MEMORY_FAILURE_H

#include "mm/mm_types.h"

/* Poison the frame mapped at @addr and unmap its page everywhere. */
int memory_failure_at(struct mm_struct *mm, uint64_t addr);

#endif /* MMSIM_MM_MEMORY_FAILURE_H */
