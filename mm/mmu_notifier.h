/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMU notifiers: how secondary MMUs learn that CPU page tables changed.
 *
 * One ops structure holds the callbacks of every era; an era provides the
 * calls it had (see struct era).  Ranges are [start, end).  Each call is
 * an event in the log.
 *
 * Locking, as in the kernel's mm/mmu_notifier.c:
 *   - the notifiers of an mm (mm->notifiers[]) are traversed inside a
 *     read section of one global SRCU, mmu_notifier_srcu;
 *   - registration holds mmap_sem for write and every rmap lock of the mm
 *     (mm_take_all_locks), so it never lands inside an rmap walk;
 *   - unregister and release wait for a grace period before returning, so
 *     no callback of the notifier is running or will run once they return.
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
	void *owner;		/* MMU_NOTIFY_MIGRATE: the device migrating */
};

static inline void mmu_notifier_range_init(struct mmu_notifier_range *r,
					   enum mmu_notifier_event event,
					   unsigned int flags,
					   struct mm_struct *mm,
					   uint64_t start, uint64_t end)
{
	r->mm = mm;
	r->start = start;
	r->end = end;
	r->flags = flags;
	r->event = event;
	r->owner = 0;
}

static inline bool
mmu_notifier_range_blockable(const struct mmu_notifier_range *r)
{
	return r->flags & MMU_NOTIFIER_RANGE_BLOCKABLE;
}

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
	/* <= 6.9 */
	void (*change_pte)(struct mmu_notifier *mn, struct mm_struct *mm,
			   uint64_t addr, pte_t pte);
	/* v4.4 only; called after the PTL is dropped */
	void (*invalidate_page)(struct mmu_notifier *mn, struct mm_struct *mm,
				uint64_t addr);
	/*
	 * void in 4.4 (must return 0); from 4.19 may return -EAGAIN when
	 * the range is not blockable.
	 */
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
	struct mm_struct *mm;	/* set by register, mmap_sem */
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
	NC_RANGE_START_FAILED,	/* -EAGAIN: no end follows */
	NC_CLEAR_YOUNG,
	NC_TEST_YOUNG,
	NC_REGISTER,
	NC_UNREGISTER,
	NR_NOTIFIER_CALLS
};

const char *notifier_call_name(int call);

#define EINVAL 22
#define EAGAIN 11
#define ENOSPC 28

/*
 * Returns 0, -ENOSPC when the mm has no room, or -EINVAL when @mn mixes
 * arch_invalidate_secondary_tlbs with start/end in an era that forbids
 * it (I17).  Takes mmap_sem for write; __mmu_notifier_register expects
 * it held.
 */
int mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm);
int __mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm);
/*
 * Calls ->release unless mmu_notifier_release already did, unhooks @mn,
 * and waits until no callback of @mn runs (synchronize_srcu).
 */
void mmu_notifier_unregister(struct mmu_notifier *mn, struct mm_struct *mm);

void mmu_notifier_invalidate_page(struct mm_struct *mm, uint64_t addr);
/*
 * The range form (>= 4.19 flags, >= 5.x struct): returns 0 or -EAGAIN;
 * after -EAGAIN the caller must not change PTEs and must not call end.
 */
int __mmu_notifier_invalidate_range_start(struct mmu_notifier_range *r);
void __mmu_notifier_invalidate_range_end(const struct mmu_notifier_range *r,
					 bool only_end);
int mmu_notifier_invalidate_range_start_nonblock(struct mmu_notifier_range *r);
/* The 4.x forms: blockable, MMU_NOTIFY_CLEAR. */
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
int mmu_notifier_clear_young(struct mm_struct *mm, uint64_t start,
			     uint64_t end);
int mmu_notifier_test_young(struct mm_struct *mm, uint64_t addr);
void mmu_notifier_change_pte(struct mm_struct *mm, uint64_t addr, pte_t pte);
/*
 * From exit_mmap: every ->release (and the interval notifiers'
 * MMU_NOTIFY_RELEASE invalidation) has returned, and no callback is
 * running, when this returns; only then may the pages be freed (I18).
 */
void mmu_notifier_release(struct mm_struct *mm);

static inline bool mm_has_notifiers(const struct mm_struct *mm)
{
	return mm->nr_notifiers > 0;
}

#endif /* MMSIM_MM_MMU_NOTIFIER_H */
