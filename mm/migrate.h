/* SPDX-License-Identifier: GPL-2.0-only */
/* Page migration (move_pages-like and a migration kernel thread). */
#ifndef MMSIM_MM_MIGRATE_H
#define MMSIM_MM_MIGRATE_H

#include "mm/mm_types.h"

#define MIGRATEPAGE_SUCCESS 0

/*
 * Migrate the page mapped at @addr in @mm to a new frame.  Returns 0, or
 * a negative errno (-EAGAIN when it stayed mapped, -ENOMEM, -EFAULT).
 */
int migrate_page_at(struct mm_struct *mm, uint64_t addr);
/* Look up and take a reference on the page mapped at @addr (GUP-like). */
struct page *follow_page(struct mm_struct *mm, uint64_t addr);

#endif /* MMSIM_MM_MIGRATE_H */
