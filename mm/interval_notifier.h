/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interval notifiers (>= 5.5, 99cb252f5e68): a subscription covers one
 * [start, last] interval of an mm and learns about invalidations that
 * overlap it through one callback, with a collision-retry sequence the
 * driver uses to validate what it read from the CPU page tables
 * (kernel-semantics §3.4).
 *
 * Per mm (struct mmu_notifier_subscriptions, subs->lock):
 *   invalidate_seq           starts at 2; odd while an invalidation that
 *                            overlaps some interval is in flight
 *   active_invalidate_ranges open start/end brackets, overlapping or not
 *   itree                    the intervals, sorted by start; it changes
 *                            only while invalidate_seq is even, otherwise
 *                            inserts and removes wait on the deferred list
 *
 * Driver pattern:
 *	seq = mmu_interval_read_begin(sub);
 *	read the CPU page tables (hmm_range_fault);
 *	lock(driver->update);
 *	if (mmu_interval_read_retry(sub, seq)) { unlock; goto again; }
 *	program the device; unlock;
 * and ops->invalidate() takes driver->update, calls
 * mmu_interval_set_seq(sub, cur_seq) and tears the device mappings down.
 */
#ifndef MMSIM_MM_INTERVAL_NOTIFIER_H
#define MMSIM_MM_INTERVAL_NOTIFIER_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/footprint.h"

#include "mm/mmu_notifier.h"

struct mmu_interval_notifier;

struct mmu_interval_notifier_ops {
	/*
	 * Upon return the caller must stop using any translation in the
	 * range.  May sleep; returns false only if it had to sleep and the
	 * range is not blockable.
	 */
	bool (*invalidate)(struct mmu_interval_notifier *sub,
			   const struct mmu_notifier_range *range,
			   unsigned long cur_seq);
};

struct mmu_interval_notifier {
	uint64_t start, last;		/* [start, last]; fixed at insert */
	const struct mmu_interval_notifier_ops *ops;
	struct mm_struct *mm;
	void *priv;
	/* written under the user lock by set_seq, or subs->lock at insert */
	unsigned long invalidate_seq;
	bool in_tree;			/* subs->lock (!RB_EMPTY_NODE) */
	bool deferred;			/* subs->lock: on the deferred list */
};

#define MAX_INTERVAL_SUBS 16

struct mmu_notifier_subscriptions {
	/* keeps the subscriptions on mm->notifiers; has no callbacks */
	struct mmu_notifier hook;
	spinlock_t lock;
	unsigned long invalidate_seq;			/* lock */
	unsigned long active_invalidate_ranges;		/* lock */
	struct mmu_interval_notifier *itree[MAX_INTERVAL_SUBS];	/* lock */
	int nr_itree;
	struct mmu_interval_notifier *deferred[MAX_INTERVAL_SUBS];	/* lock */
	int nr_deferred;
	struct sim_waitq wq;	/* read_begin and remove wait here */
};

/* Returns 0, -EINVAL (bad range, or an era without interval notifiers),
 * -ENOSPC.  Sleeps (mmap_sem) when the mm has no subscriptions yet. */
int mmu_interval_notifier_insert(struct mmu_interval_notifier *sub,
				 struct mm_struct *mm, uint64_t start,
				 uint64_t length,
				 const struct mmu_interval_notifier_ops *ops);
/* May sleep until an invalidation in flight has ended. */
void mmu_interval_notifier_remove(struct mmu_interval_notifier *sub);
/* Waits while an invalidation overlapping @sub is in flight. */
unsigned long mmu_interval_read_begin(struct mmu_interval_notifier *sub);

/* Under the user lock that ->invalidate() holds for set_seq. */
static inline bool mmu_interval_read_retry(struct mmu_interval_notifier *sub,
					   unsigned long seq)
{
	sim_touch(&sub->invalidate_seq, false);
	return sub->invalidate_seq != seq;
}

/* A lockless hint (READ_ONCE): true means read_retry will be true. */
static inline bool mmu_interval_check_retry(struct mmu_interval_notifier *sub,
					    unsigned long seq)
{
	sim_touch(&sub->invalidate_seq, false);
	return *(volatile unsigned long *)&sub->invalidate_seq != seq;
}

/* From ->invalidate(), unconditionally, under the user lock. */
static inline void mmu_interval_set_seq(struct mmu_interval_notifier *sub,
					unsigned long cur_seq)
{
	sim_touch(&sub->invalidate_seq, true);
	sub->invalidate_seq = cur_seq;
}

/* The per-mm state, NULL if the mm has none (tests look at it). */
struct mmu_notifier_subscriptions *mm_subscriptions(struct mm_struct *mm);

/* Hooks for the notifier core (mm/mmu_notifier.c). */
int mn_itree_invalidate(struct mmu_notifier_subscriptions *subs,
			const struct mmu_notifier_range *range);
void mn_itree_inv_end(struct mmu_notifier_subscriptions *subs);
void mn_itree_release(struct mmu_notifier_subscriptions *subs,
		      struct mm_struct *mm);

#endif /* MMSIM_MM_INTERVAL_NOTIFIER_H */
