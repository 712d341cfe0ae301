/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMU notifiers: how secondary MMUs learn that CPU page tables changed.
 *
 * One ops structure holds the callbacks of every era; an era provides the
 * calls it had (see struct era).  Ranges are [start, end).  Each call is
 * an event in the log.
 */
#ifndef MMSIM_MM_MMU_NOTIFIER_H
#define MMSIM_MM_MMU_NOTIFIER_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/mm_types.h"

#define MMU_NOTIFIER_RANGE_BLOCKABLE (1u << 0)

enum mmu_notifier_event {
	MMU_NOTIFY_UNMAP,
	MMU_NOTIFY_CLEAR,
	MMU_NOTIFY_PROTECTION_VMA,
	MMU_NOTIFY_PROTECTION_PAGE,
	MMU_NOTIFY_SOFT_DIRTY,
	MMU_NOTIFY_RELEASE,
	MMU_NOTIFY_MIGRATE,
	MMU_NOTIFY_EXCLUSIVE,
};

struct mmu_notifier_range {
	struct mm_struct *mm;
	uint64_t start, end;
	unsigned int flags;
	enum mmu_notifier_event event;
};

struct mmu_notifier;

struct mmu_notifier_ops {
	const char *name;
	void (*release)(struct mmu_notifier *mn, struct mm_struct *mm);
	int (*clear_flush_young)(struct mmu_notifier *mn, struct mm_struct *mm,
				 uint64_t start, uint64_t end);
	int (*clear_young)(struct mmu_notifier *mn, struct mm_struct *mm,
			   uint64_t start, uint64_t end);
	int (*test_young)(struct mmu_notifier *mn, struct mm_struct *mm,
			  uint64_t addr);
	void (*change_pte)(struct mmu_notifier *mn, struct mm_struct *mm,
			   uint64_t addr, pte_t pte);
	/* v4.4 only; called after the PTL is dropped */
	void (*invalidate_page)(struct mmu_notifier *mn, struct mm_struct *mm,
				uint64_t addr);
	/* void in 4.4; may fail with -EAGAIN when not blockable from 4.19 */
	int (*invalidate_range_start)(struct mmu_notifier *mn,
				      const struct mmu_notifier_range *r);
	void (*invalidate_range_end)(struct mmu_notifier *mn,
				     const struct mmu_notifier_range *r);
	/*
	 * invalidate_range (<= 6.5) or arch_invalidate_secondary_tlbs
	 * (>= 6.6): for TLBs that share the CPU page tables; never sleeps.
	 */
	void (*invalidate_range)(struct mmu_notifier *mn, struct mm_struct *mm,
				 uint64_t start, uint64_t end);
};

struct mmu_notifier {
	const struct mmu_notifier_ops *ops;
	struct mm_struct *mm;
	void *priv;
};

enum notifier_call {
	NC_INVALIDATE_PAGE,
	NC_RANGE_START,
	NC_RANGE_END,
	NC_RANGE_ONLY_END,
	NC_INVALIDATE_RANGE,
	NC_ARCH_INVALIDATE_SECONDARY_TLBS,
	NC_CLEAR_FLUSH_YOUNG,
	NC_CHANGE_PTE,
	NC_RELEASE,
	NR_NOTIFIER_CALLS
};

const char *notifier_call_name(int call);

int mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm);
void mmu_notifier_unregister(struct mmu_notifier *mn, struct mm_struct *mm);

void mmu_notifier_invalidate_page(struct mm_struct *mm, uint64_t addr);
int __mmu_notifier_invalidate_range_start(struct mmu_notifier_range *r);
void mmu_notifier_invalidate_range_start(struct mm_struct *mm,
					 uint64_t start, uint64_t end);
void mmu_notifier_invalidate_range_end(struct mm_struct *mm, uint64_t start,
				       uint64_t end);
void mmu_notifier_invalidate_range_only_end(struct mm_struct *mm,
					    uint64_t start, uint64_t end);
void mmu_notifier_invalidate_range(struct mm_struct *mm, uint64_t start,
				   uint64_t end);
void mmu_notifier_arch_invalidate_secondary_tlbs(struct mm_struct *mm,
						 uint64_t start, uint64_t end);
int mmu_notifier_clear_flush_young(struct mm_struct *mm, uint64_t start,
				   uint64_t end);
void mmu_notifier_release(struct mm_struct *mm);

static inline bool mm_has_notifiers(const struct mm_struct *mm)
{
	return mm->nr_notifiers > 0;
}

#endif /* MMSIM_MM_MMU_NOTIFIER_H */
