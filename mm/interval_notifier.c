// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interval notifiers and their collision-retry sequence, after K618
 * mm/mmu_notifier.c:48-230 and 1038-1080 (kernel-semantics §3.4).
 *
 * "A collision-retry read-side/write-side 'lock', a lot like a seqcount,
 * however this allows multiple write-sides to hold it at once."  The
 * global invalidate_seq is odd while some invalidation overlapping an
 * interval is in flight; each interval's seq is set (odd) by its driver
 * under the driver's lock.  Readers sample the interval's seq, wait while
 * it equals the odd global one, and validate under the driver's lock.
 *
 * The interval "tree" is an array sorted by start: there are few.
 *
 * The subscriptions live in a table indexed by mm id (an mm is never
 * freed while a run uses it), found through a callback-less hook on
 * mm->notifiers: an mm whose hook is absent has none yet, whatever an
 * earlier run left in its slot.  Slots are allocated on first use and
 * kept for later runs (their hooks must not move while registered), so
 * the table costs a pointer per mm id ever used, not a MAX_MMS array.
 */
#include <stdlib.h>
#include <string.h>

#include "eras/era.h"
#include "mm/interval_notifier.h"
#include "mm/machine.h"

static struct lock_class subs_lock_class = {
	.name = "mmu_notifier_subscriptions->lock"
};
static const struct mmu_notifier_ops subs_hook_ops = {
	.name = "interval-subscriptions",
};
static struct mmu_notifier_subscriptions **subs_table;
static int subs_cap;

static struct mmu_notifier_subscriptions *subs_slot(int id)
{
	if (id >= subs_cap) {
		int cap = subs_cap ? subs_cap : 64;
		struct mmu_notifier_subscriptions **t;

		while (cap <= id)
			cap *= 2;
		t = realloc(subs_table, (size_t)cap * sizeof(*t));
		if (!t)
			return NULL;
		memset(t + subs_cap, 0, (size_t)(cap - subs_cap) * sizeof(*t));
		subs_table = t;
		subs_cap = cap;
	}
	if (!subs_table[id])
		subs_table[id] = malloc(sizeof(*subs_table[id]));
	return subs_table[id];
}

struct mmu_notifier_subscriptions *mm_subscriptions(struct mm_struct *mm)
{
	sim_touch(&mm->nr_notifiers, false);
	for (int i = 0; i < mm->nr_notifiers; i++)
		if (mm->notifiers[i]->ops == &subs_hook_ops)
			return (struct mmu_notifier_subscriptions *)
				mm->notifiers[i];
	return NULL;
}

/* I8: checked at every change, under subs->lock. */
static void check_parity(struct mmu_notifier_subscriptions *subs)
{
	if ((subs->invalidate_seq & 1) && !subs->active_invalidate_ranges)
		sim_violation("notifier-seq", subs->invalidate_seq,
			      "interval invalidate_seq %lu is odd with no "
			      "invalidation in flight",
			      subs->invalidate_seq);
}

/*
 * The global seq is read without subs->lock (read_begin and remove wait
 * on it), so reads and writes record touches (sim/footprint.h).
 */
static unsigned long subs_seq(struct mmu_notifier_subscriptions *s)
{
	sim_touch(&s->invalidate_seq, false);
	return s->invalidate_seq;
}

static void subs_seq_write(struct mmu_notifier_subscriptions *s)
{
	sim_touch(&s->invalidate_seq, true);
}

static bool mn_itree_is_invalidating(struct mmu_notifier_subscriptions *s)
{
	return subs_seq(s) & 1;
}

/* Allocate (here: claim) the subscriptions; mmap_sem held for write. */
static struct mmu_notifier_subscriptions *subs_create(struct mm_struct *mm)
{
	struct mmu_notifier_subscriptions *subs = subs_slot(mm->id);
	int ret;

	if (!subs)
		return NULL;
	memset(subs, 0, sizeof(*subs));
	subs->hook.ops = &subs_hook_ops;
	spin_lock_init(&subs->lock, &subs_lock_class,
		       "mmu_notifier_subscriptions->lock");
	/* Odd, never equal to any interval's seq at insert: starts at 2. */
	subs->invalidate_seq = 2;
	subs->wq.what = "mmu_interval_read_begin";
	ret = __mmu_notifier_register(&subs->hook, mm);
	return ret ? NULL : subs;
}

static void itree_insert(struct mmu_notifier_subscriptions *subs,
			 struct mmu_interval_notifier *sub)
{
	int i = subs->nr_itree;

	while (i > 0 && subs->itree[i - 1]->start > sub->start) {
		subs->itree[i] = subs->itree[i - 1];
		i--;
	}
	subs->itree[i] = sub;
	subs->nr_itree++;
	sub->in_tree = true;
}

static void itree_remove(struct mmu_notifier_subscriptions *subs,
			 struct mmu_interval_notifier *sub)
{
	for (int i = 0; i < subs->nr_itree; i++) {
		if (subs->itree[i] != sub)
			continue;
		memmove(&subs->itree[i], &subs->itree[i + 1],
			sizeof(subs->itree[0]) *
				(size_t)(subs->nr_itree - i - 1));
		subs->nr_itree--;
		break;
	}
	sub->in_tree = false;
}

static void deferred_add(struct mmu_notifier_subscriptions *subs,
			 struct mmu_interval_notifier *sub)
{
	subs->deferred[subs->nr_deferred++] = sub;
	sub->deferred = true;
}

static void deferred_del(struct mmu_notifier_subscriptions *subs,
			 struct mmu_interval_notifier *sub)
{
	for (int i = 0; i < subs->nr_deferred; i++) {
		if (subs->deferred[i] != sub)
			continue;
		subs->deferred[i] = subs->deferred[--subs->nr_deferred];
		break;
	}
	sub->deferred = false;
}

int mmu_interval_notifier_insert(struct mmu_interval_notifier *sub,
				 struct mm_struct *mm, uint64_t start,
				 uint64_t length,
				 const struct mmu_interval_notifier_ops *ops)
{
	struct mmu_notifier_subscriptions *subs;

	if (!mach.era->has_interval_notifiers || !length ||
	    start + length - 1 < start)
		return -EINVAL;
	subs = mm_subscriptions(mm);
	if (!subs) {
		down_write(&mm->mmap_sem);
		subs = mm_subscriptions(mm);
		if (!subs)
			subs = subs_create(mm);
		up_write(&mm->mmap_sem);
		if (!subs)
			return -ENOSPC;
	}
	sub->start = start;
	sub->last = start + length - 1;
	sub->ops = ops;
	sub->mm = mm;
	sub->in_tree = sub->deferred = false;

	spin_lock(&subs->lock);
	if (subs->nr_itree + subs->nr_deferred >= MAX_INTERVAL_SUBS) {
		spin_unlock(&subs->lock);
		return -ENOSPC;
	}
	if (subs->active_invalidate_ranges) {
		/*
		 * An invalidation that started before us may already be
		 * past the point where it would have seen us: make read_begin
		 * wait until every active one has ended.
		 */
		if (mn_itree_is_invalidating(subs)) {
			deferred_add(subs, sub);
		} else {
			subs_seq_write(subs);
			subs->invalidate_seq |= 1;
			itree_insert(subs, sub);
		}
		sim_touch(&sub->invalidate_seq, true);
		sub->invalidate_seq = subs_seq(subs);
	} else {
		sim_touch(&sub->invalidate_seq, true);
		sub->invalidate_seq = subs_seq(subs) - 1;
		itree_insert(subs, sub);
	}
	check_parity(subs);
	spin_unlock(&subs->lock);
	return 0;
}

void mmu_interval_notifier_remove(struct mmu_interval_notifier *sub)
{
	struct mmu_notifier_subscriptions *subs = mm_subscriptions(sub->mm);
	unsigned long seq = 0;

	might_sleep();
	spin_lock(&subs->lock);
	if (mn_itree_is_invalidating(subs)) {
		if (!sub->in_tree) {
			/* a deferred insert that never happened */
			deferred_del(subs, sub);
		} else {
			deferred_add(subs, sub);
			seq = subs_seq(subs);
		}
	} else {
		itree_remove(subs, sub);
	}
	spin_unlock(&subs->lock);
	/* The invalidation in flight may still call us: wait it out. */
	while (seq && subs_seq(subs) == seq)
		sim_wait(&subs->wq);
}

unsigned long mmu_interval_read_begin(struct mmu_interval_notifier *sub)
{
	struct mmu_notifier_subscriptions *subs = mm_subscriptions(sub->mm);
	unsigned long seq;
	bool is_invalidating;

	spin_lock(&subs->lock);
	sim_touch(&sub->invalidate_seq, false);
	seq = sub->invalidate_seq;
	is_invalidating = seq == subs_seq(subs);
	spin_unlock(&subs->lock);
	/*
	 * seq is odd: our interval may be being invalidated.  Reading the
	 * page tables now could return what is being torn down, so wait
	 * for the global seq to move on (all overlapping ranges ended).
	 */
	if (is_invalidating) {
		might_sleep();
		while (subs_seq(subs) == seq)
			sim_wait(&subs->wq);
	}
	return seq;
}

/* The first interval that overlaps [start, last], from index @from. */
static int itree_next(struct mmu_notifier_subscriptions *subs, int from,
		      uint64_t start, uint64_t last)
{
	for (int i = from; i < subs->nr_itree; i++) {
		struct mmu_interval_notifier *sub = subs->itree[i];

		if (sub->start > last)
			break;
		if (sub->last >= start)
			return i;
	}
	return -1;
}

/*
 * Count the range in, and make the seq odd if it hits an interval.  The
 * tree cannot change while the seq is odd, so the caller walks it
 * without the lock.
 */
static int mn_itree_inv_start_range(struct mmu_notifier_subscriptions *subs,
				    const struct mmu_notifier_range *range,
				    unsigned long *seq)
{
	int first;

	spin_lock(&subs->lock);
	subs->active_invalidate_ranges++;
	first = itree_next(subs, 0, range->start, range->end - 1);
	subs_seq_write(subs);
	if (first >= 0)
		subs->invalidate_seq |= 1;
	*seq = subs->invalidate_seq;
	spin_unlock(&subs->lock);
	return first;
}

void mn_itree_inv_end(struct mmu_notifier_subscriptions *subs)
{
	spin_lock(&subs->lock);
	if (!subs->active_invalidate_ranges)
		sim_violation("notifier-protocol", 0,
			      "interval invalidation ended more often than "
			      "it started");
	if (--subs->active_invalidate_ranges ||
	    !mn_itree_is_invalidating(subs)) {
		spin_unlock(&subs->lock);
		return;
	}
	/* Even again: apply what waited for the tree to settle. */
	subs_seq_write(subs);
	subs->invalidate_seq++;
	for (int i = 0; i < subs->nr_deferred; i++) {
		struct mmu_interval_notifier *sub = subs->deferred[i];

		if (sub->in_tree)
			itree_remove(subs, sub);
		else
			itree_insert(subs, sub);
		sub->deferred = false;
	}
	subs->nr_deferred = 0;
	check_parity(subs);
	spin_unlock(&subs->lock);
	sim_wake_all(&subs->wq);
}

int mn_itree_invalidate(struct mmu_notifier_subscriptions *subs,
			const struct mmu_notifier_range *range)
{
	unsigned long cur_seq;
	uint64_t last = range->end - 1;
	int i;

	for (i = mn_itree_inv_start_range(subs, range, &cur_seq); i >= 0;
	     i = itree_next(subs, i + 1, range->start, last)) {
		struct mmu_interval_notifier *sub = subs->itree[i];

		if (!(cur_seq & 1))
			sim_violation("notifier-seq", cur_seq,
				      "invalidate() called with an even "
				      "cur_seq %lu", cur_seq);
		if (sub->ops->invalidate(sub, range, cur_seq))
			continue;
		if (mmu_notifier_range_blockable(range)) {
			sim_violation("notifier-protocol", 0,
				      "interval invalidate() failed in a "
				      "blockable range");
			continue;
		}
		mn_itree_inv_end(subs);
		return -EAGAIN;
	}
	return 0;
}

/* exit_mmap: every interval learns that the whole mm goes away. */
void mn_itree_release(struct mmu_notifier_subscriptions *subs,
		      struct mm_struct *mm)
{
	struct mmu_notifier_range range;
	unsigned long cur_seq;
	int i;

	mmu_notifier_range_init(&range, MMU_NOTIFY_RELEASE,
				MMU_NOTIFIER_RANGE_BLOCKABLE, mm, 0, ~0ull);
	for (i = mn_itree_inv_start_range(subs, &range, &cur_seq); i >= 0;
	     i = itree_next(subs, i + 1, 0, ~0ull - 1)) {
		struct mmu_interval_notifier *sub = subs->itree[i];

		if (!sub->ops->invalidate(sub, &range, cur_seq))
			sim_violation("notifier-protocol", 0,
				      "interval invalidate() failed at "
				      "release");
	}
	mn_itree_inv_end(subs);
}
