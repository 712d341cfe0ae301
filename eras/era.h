/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel eras.  Each era is a folder under eras/ with the functions whose
 * code differs between kernels, written in that era's order of operations,
 * and one struct era (its table) saying what the era is.  The era table
 * is the only place that names eras; everything else asks the table.
 *
 * To judge a patch: copy an era folder, edit it, add its table to
 * eras/eras.c.
 */
#ifndef MMSIM_ERAS_ERA_H
#define MMSIM_ERAS_ERA_H

#include <stdbool.h>

#include "mm/page.h"

/*
 * try_to_unmap flags.  The model keeps one set of names; each era's code
 * uses the ones its kernel had (kernel-semantics §1).
 */
enum ttu_flags {
	TTU_MIGRATION = 1 << 0,		/* <= 5.13 */
	TTU_MUNLOCK = 1 << 1,		/* <= 5.15 */
	TTU_SPLIT_HUGE_PMD = 1 << 2,	/* >= 4.14 */
	TTU_IGNORE_MLOCK = 1 << 3,
	TTU_IGNORE_ACCESS = 1 << 4,	/* <= 5.10 */
	TTU_IGNORE_HWPOISON = 1 << 5,	/* <= 5.x; later TTU_HWPOISON */
	TTU_BATCH_FLUSH = 1 << 6,
	TTU_RMAP_LOCKED = 1 << 7,
	TTU_SPLIT_FREEZE = 1 << 8,
	TTU_SYNC = 1 << 9,
	TTU_HWPOISON = 1 << 10,		/* >= 5.18 */
};

/* adjust_range_if_pmd_sharing_possible, by form. */
enum adjust_range_form {
	ADJUST_RANGE_NONE,	/* v4.4: the helper does not exist */
	ADJUST_RANGE_LOOP,	/* 017b1660df89 */
	ADJUST_RANGE_ALIGN,	/* 75802ca66354 */
};

struct era {
	const char *name;
	const char *kernel;	/* the tree the era follows */
	const char *summary;
	/* contract clauses check/ enforces (CLAUSE_* in check/check.h) */
	unsigned int contract;
	/* notifier API */
	bool has_invalidate_page;
	bool has_range_only_end;
	bool end_calls_invalidate_range;
	bool secondary_tlb_flush_in_arch;	/* >= 6.6 */
	bool start_can_fail;			/* >= 4.19 */
	bool has_interval_notifiers;		/* >= 5.5 */
	bool has_change_pte;			/* <= 6.9 */
	/* hugetlb */
	bool pmd_share_count_separate;		/* >= 6.13 */
	enum adjust_range_form adjust_range;
	bool unshare_rewrites_addr;		/* <= 5.19 */
	bool hugetlb_migrate_takes_i_mmap;	/* >= 5.7 */
	bool huge_pmd_share_i_mmap_read;	/* 4.x took it for write */
	bool hugetlb_vma_lock;			/* >= 6.1 */
	/* THPs migrate whole (>= 4.14); before, they are split first */
	bool thp_migration;
	bool has_madv_free;			/* >= 4.5 */
	bool has_ttu_munlock;			/* <= 5.15: try_to_munlock */
	/* hugetlb unmap/mprotect ranges widened for sharing (dff11abe280b) */
	bool widen_hugetlb_unmap;
	/*
	 * The unmap path.  Returns true when the page is no longer mapped
	 * (v4.4's SWAP_SUCCESS, later !page_mapped()).
	 */
	bool (*try_to_unmap)(struct page *page, unsigned int flags);
	/* >= 5.14; NULL: migration uses try_to_unmap(TTU_MIGRATION) */
	bool (*try_to_migrate)(struct page *page, unsigned int flags);
};

extern const struct era *const all_eras[];
extern const int nr_eras;

const struct era *era_find(const char *name);
const struct era *era_default(void);

#endif /* MMSIM_ERAS_ERA_H */
