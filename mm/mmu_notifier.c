// SPDX-License-Identifier: GPL-2.0-only
/*
 * The notifier core: registration and dispatch.  Which calls exist, and
 * whether invalidate_range_end also calls ->invalidate_range, is the
 * era's business (struct era); calling one the era lacks is a bug in the
 * era's code and ends the run.
 *
 * Readers (every dispatch) run inside a read section of one global SRCU,
 * as the kernel's static DEFINE_SRCU(srcu) in mm/mmu_notifier.c; they
 * take a snapshot of mm->notifiers when they enter, which is what an RCU
 * hlist walk sees: a notifier removed meanwhile may still be called until
 * the remover's synchronize_srcu() returns.
 *
 * Interval notifiers (mm/interval_notifier.c) hang off the same array
 * through their per-mm subscriptions; their invalidation runs first at
 * start and end, as in the kernel.
 */
#include <string.h>

#include "check/check.h"
#include "eras/era.h"
#include "mm/events.h"
#include "mm/interval_notifier.h"
#include "mm/machine.h"
#include "mm/mmu_notifier.h"
#include "sim/srcu.h"

static const char *const call_names[NR_NOTIFIER_CALLS] = {
	[NC_INVALIDATE_PAGE] = "invalidate_page",
	[NC_RANGE_START] = "invalidate_range_start",
	[NC_RANGE_END] = "invalidate_range_end",
	[NC_RANGE_ONLY_END] = "invalidate_range_only_end",
	[NC_INVALIDATE_RANGE] = "invalidate_range",
	[NC_ARCH_INVALIDATE_SECONDARY_TLBS] = "arch_invalidate_secondary_tlbs",
	[NC_CLEAR_FLUSH_YOUNG] = "clear_flush_young",
	[NC_CHANGE_PTE] = "change_pte",
	[NC_RELEASE] = "release",
	[NC_RANGE_START_FAILED] = "invalidate_range_start -EAGAIN",
	[NC_CLEAR_YOUNG] = "clear_young",
	[NC_TEST_YOUNG] = "test_young",
	[NC_REGISTER] = "register",
	[NC_UNREGISTER] = "unregister",
};

const char *notifier_call_name(int call)
{
	return call >= 0 && call < NR_NOTIFIER_CALLS ? call_names[call] : "?";
}

static void need(bool has, int call)
{
	if (!has)
		sim_violation("internal", 0, "era %s has no %s", mach.era->name,
			      call_names[call]);
}

/* ---- the SRCU that protects every traversal ---- */

static struct lock_class srcu_class = { .name = "mmu_notifier_srcu" };
static struct srcu_struct srcu;

/*
 * Every run starts with no reader and no grace period: a run that ended
 * inside a read section must not leave its count behind.
 */
static void srcu_reset(void)
{
	init_srcu_struct(&srcu, &srcu_class, "mmu_notifier_srcu");
}

__attribute__((constructor)) static void srcu_register_reset(void)
{
	srcu_reset();
	sim_reset_hook_register(srcu_reset);
}

struct mn_snap {
	struct mmu_notifier *v[MAX_MMU_NOTIFIERS];
	int n;
	int idx;
};

static void mn_read_lock(struct mm_struct *mm, struct mn_snap *s)
{
	s->idx = srcu_read_lock(&srcu);
	/* the list is read under SRCU, written under other locks */
	sim_touch(&mm->nr_notifiers, false);
	s->n = mm->nr_notifiers;
	memcpy(s->v, mm->notifiers, sizeof(s->v[0]) * (size_t)s->n);
}

static void mn_read_unlock(struct mn_snap *s)
{
	srcu_read_unlock(&srcu, s->idx);
}

/* ---- registration ---- */

struct all_locks {
	struct rw_semaphore *sem[MAX_VMAS];
	int n;
};

static void add_lock(struct all_locks *l, struct rw_semaphore *s)
{
	for (int i = 0; i < l->n; i++)
		if (l->sem[i] == s)
			return;
	l->sem[l->n++] = s;
}

/*
 * mm_take_all_locks: every i_mmap_rwsem, then the anon_vma lock, for
 * write, so that no rmap walk of the mm is in flight while the notifier
 * list changes (a walk's start and end would see different lists).
 */
static void mm_take_all_locks(struct mm_struct *mm, struct all_locks *l)
{
	bool anon = false;

	l->n = 0;
	for (int i = 0; i < mm->nr_vmas; i++) {
		if (mm->vmas[i]->vm_file)
			add_lock(l, &mm->vmas[i]->vm_file->i_mmap_rwsem);
		else
			anon = true;
	}
	if (anon)
		add_lock(l, &mm->anon_vma.rwsem);
	for (int i = 0; i < l->n; i++)
		down_write(l->sem[i]);
}

static void mm_drop_all_locks(struct all_locks *l)
{
	for (int i = l->n - 1; i >= 0; i--)
		up_write(l->sem[i]);
}

int __mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm)
{
	const struct mmu_notifier_ops *o = mn->ops;
	struct all_locks l;

	/* I17: from 6.6 a TLB-sharing notifier may not also have start/end */
	if (o->invalidate_range && mach.era->secondary_tlb_flush_in_arch &&
	    (o->invalidate_range_start || o->invalidate_range_end))
		return -EINVAL;
	if (mm->nr_notifiers >= MAX_MMU_NOTIFIERS)
		return -ENOSPC;
	mm_take_all_locks(mm, &l);
	mn->mm = mm;
	sim_touch(&mm->nr_notifiers, true);
	mm->notifiers[mm->nr_notifiers++] = mn;
	if (!mm->had_notifiers) {
		mm->had_notifiers = true;
		/* the oracles read it at every entry change */
		sim_touch(&mach.nr_notified_mms, true);
		mach.nr_notified_mms++;
	}
	mm_event(EV_NOTIFY, NC_REGISTER, 0, 0);
	mm_drop_all_locks(&l);
	return 0;
}

int mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm)
{
	int ret;

	down_write(&mm->mmap_sem);
	ret = __mmu_notifier_register(mn, mm);
	up_write(&mm->mmap_sem);
	return ret;
}

/* Unhook @mn; false if it was not on the list (release took it). */
static bool mn_unhook(struct mmu_notifier *mn, struct mm_struct *mm)
{
	sim_touch(&mm->nr_notifiers, true);
	for (int i = 0; i < mm->nr_notifiers; i++) {
		if (mm->notifiers[i] != mn)
			continue;
		memmove(&mm->notifiers[i], &mm->notifiers[i + 1],
			sizeof(mm->notifiers[0]) *
				(size_t)(mm->nr_notifiers - i - 1));
		mm->nr_notifiers--;
		return true;
	}
	return false;
}

static bool mn_listed(struct mmu_notifier *mn, struct mm_struct *mm)
{
	sim_touch(&mm->nr_notifiers, false);
	for (int i = 0; i < mm->nr_notifiers; i++)
		if (mm->notifiers[i] == mn)
			return true;
	return false;
}

void mmu_notifier_unregister(struct mmu_notifier *mn, struct mm_struct *mm)
{
	mm_event(EV_NOTIFY, NC_UNREGISTER, 0, 0);
	if (mn_listed(mn, mm) && mn->ops->release) {
		/*
		 * exit_mmap has not run ->release for us: do it, inside a
		 * read section so that a concurrent release waits for it.
		 */
		int idx = srcu_read_lock(&srcu);

		mn->ops->release(mn, mm);
		srcu_read_unlock(&srcu, idx);
	}
	mn_unhook(mn, mm);
	/* No callback of @mn may run once we return: the caller frees it. */
	synchronize_srcu(&srcu);
}

/* ---- dispatch ---- */

void mmu_notifier_invalidate_page(struct mm_struct *mm, uint64_t addr)
{
	struct mn_snap s;

	need(mach.era->has_invalidate_page, NC_INVALIDATE_PAGE);
	mm_event(EV_NOTIFY, NC_INVALIDATE_PAGE, addr, addr + PAGE_SIZE);
	if (!mm_has_notifiers(mm))
		return;
	mn_read_lock(mm, &s);
	for (int i = 0; i < s.n; i++)
		if (s.v[i]->ops->invalidate_page)
			s.v[i]->ops->invalidate_page(s.v[i], mm, addr);
	mn_read_unlock(&s);
}

/*
 * Undo the starts of s.v[0..failed) (>= 5.x: "notifiers that can fail
 * invalidate_range_start are not allowed to implement
 * invalidate_range_end", and the ones before the failure get their end).
 */
static void mn_hlist_back_out(struct mn_snap *s, int failed,
			      const struct mmu_notifier_range *r)
{
	for (int j = 0; j < failed; j++)
		if (s->v[j]->ops->invalidate_range_end)
			s->v[j]->ops->invalidate_range_end(s->v[j], r);
}

static int mn_hlist_invalidate_range_start(struct mm_struct *mm,
					   struct mmu_notifier_range *r)
{
	struct mn_snap s;
	int ret = 0;

	mn_read_lock(mm, &s);
	for (int i = 0; i < s.n; i++) {
		const struct mmu_notifier_ops *o = s.v[i]->ops;
		int err;

		if (!o->invalidate_range_start)
			continue;
		err = o->invalidate_range_start(s.v[i], r);
		if (!err)
			continue;
		if (!mach.era->start_can_fail ||
		    mmu_notifier_range_blockable(r))
			sim_violation("notifier-protocol", 0,
				      "%s: invalidate_range_start failed "
				      "(%d) in a blockable range", o->name,
				      err);
		ret = err;
		/*
		 * 4.19 calls every notifier and leaves the ones that
		 * succeeded without an end; later kernels stop and back
		 * out.
		 */
		if (mach.era->has_interval_notifiers) {
			mn_hlist_back_out(&s, i, r);
			break;
		}
	}
	mn_read_unlock(&s);
	return ret;
}

int __mmu_notifier_invalidate_range_start(struct mmu_notifier_range *r)
{
	struct mm_struct *mm = r->mm;
	int ret = 0;

	if (mmu_notifier_range_blockable(r))
		might_sleep();
	mm_event(EV_NOTIFY, NC_RANGE_START, r->start, r->end);
	mm->notifier_range_depth++;
	if (mm_has_notifiers(mm)) {
		struct mmu_notifier_subscriptions *subs = mm_subscriptions(mm);

		if (subs)
			ret = mn_itree_invalidate(subs, r);
		if (!ret)
			ret = mn_hlist_invalidate_range_start(mm, r);
	}
	if (ret) {
		mm->notifier_range_depth--;
		mm_event(EV_NOTIFY, NC_RANGE_START_FAILED, r->start, r->end);
		return ret;
	}
	/*
	 * For check/, the bracket opens when start returns: a secondary
	 * may still install translations while its callback has not run,
	 * since the callback then removes them (kernel-semantics §8 I6).
	 */
	check_bracket_open(mm->id, r->start, r->end);
	return ret;
}

int mmu_notifier_invalidate_range_start_nonblock(struct mmu_notifier_range *r)
{
	need(mach.era->start_can_fail, NC_RANGE_START_FAILED);
	r->flags &= ~MMU_NOTIFIER_RANGE_BLOCKABLE;
	return __mmu_notifier_invalidate_range_start(r);
}

void mmu_notifier_invalidate_range_start(struct mm_struct *mm,
					 uint64_t start, uint64_t end)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, MMU_NOTIFY_CLEAR,
				MMU_NOTIFIER_RANGE_BLOCKABLE, mm, start, end);
	__mmu_notifier_invalidate_range_start(&r);
}

static void mn_hlist_invalidate_end(struct mm_struct *mm,
				    const struct mmu_notifier_range *r,
				    bool only_end)
{
	struct mn_snap s;

	mn_read_lock(mm, &s);
	for (int i = 0; i < s.n; i++) {
		struct mmu_notifier *mn = s.v[i];

		/* <= 6.5: end also flushes TLB-sharing secondaries. */
		if (!only_end && mach.era->end_calls_invalidate_range &&
		    mn->ops->invalidate_range)
			mn->ops->invalidate_range(mn, mm, r->start, r->end);
		if (mn->ops->invalidate_range_end)
			mn->ops->invalidate_range_end(mn, r);
	}
	mn_read_unlock(&s);
}

void __mmu_notifier_invalidate_range_end(const struct mmu_notifier_range *r,
					 bool only_end)
{
	struct mm_struct *mm = r->mm;

	mm_event(EV_NOTIFY, only_end ? NC_RANGE_ONLY_END : NC_RANGE_END,
		 r->start, r->end);
	mm->notifier_range_depth--;
	check_bracket_close(mm->id, r->start, r->end);
	if (!mm_has_notifiers(mm))
		return;
	if (mm_subscriptions(mm))
		mn_itree_inv_end(mm_subscriptions(mm));
	mn_hlist_invalidate_end(mm, r, only_end);
}

static void range_end(struct mm_struct *mm, uint64_t start, uint64_t end,
		      bool only_end)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, MMU_NOTIFY_CLEAR,
				MMU_NOTIFIER_RANGE_BLOCKABLE, mm, start, end);
	__mmu_notifier_invalidate_range_end(&r, only_end);
}

void mmu_notifier_invalidate_range_end(struct mm_struct *mm, uint64_t start,
				       uint64_t end)
{
	range_end(mm, start, end, false);
}

void mmu_notifier_invalidate_range_only_end(struct mm_struct *mm,
					    uint64_t start, uint64_t end)
{
	need(mach.era->has_range_only_end, NC_RANGE_ONLY_END);
	range_end(mm, start, end, true);
}

static void secondary_tlbs(struct mm_struct *mm, uint64_t start,
			   uint64_t end)
{
	struct mn_snap s;

	if (!mm_has_notifiers(mm))
		return;
	mn_read_lock(mm, &s);
	for (int i = 0; i < s.n; i++)
		if (s.v[i]->ops->invalidate_range)
			s.v[i]->ops->invalidate_range(s.v[i], mm, start, end);
	mn_read_unlock(&s);
}

void mmu_notifier_invalidate_range(struct mm_struct *mm, uint64_t start,
				   uint64_t end)
{
	need(!mach.era->secondary_tlb_flush_in_arch, NC_INVALIDATE_RANGE);
	mm_event(EV_NOTIFY, NC_INVALIDATE_RANGE, start, end);
	secondary_tlbs(mm, start, end);
}

void mmu_notifier_arch_invalidate_secondary_tlbs(struct mm_struct *mm,
						 uint64_t start, uint64_t end)
{
	if (!mach.era->secondary_tlb_flush_in_arch || !mm_has_notifiers(mm))
		return;
	mm_event(EV_NOTIFY, NC_ARCH_INVALIDATE_SECONDARY_TLBS, start, end);
	secondary_tlbs(mm, start, end);
}

/* The young calls OR the answers of every notifier that has the call. */
enum young_call { YOUNG_CLEAR_FLUSH, YOUNG_CLEAR, YOUNG_TEST };

static int young(struct mm_struct *mm, enum young_call c, uint64_t start,
		 uint64_t end)
{
	struct mn_snap s;
	int young = 0;

	mn_read_lock(mm, &s);
	for (int i = 0; i < s.n; i++) {
		const struct mmu_notifier_ops *o = s.v[i]->ops;

		if (c == YOUNG_CLEAR_FLUSH && o->clear_flush_young)
			young |= o->clear_flush_young(s.v[i], mm, start, end);
		else if (c == YOUNG_CLEAR && o->clear_young)
			young |= o->clear_young(s.v[i], mm, start, end);
		else if (c == YOUNG_TEST && o->test_young)
			young |= o->test_young(s.v[i], mm, start);
	}
	mn_read_unlock(&s);
	return young;
}

int mmu_notifier_clear_flush_young(struct mm_struct *mm, uint64_t start,
				   uint64_t end)
{
	if (!mm_has_notifiers(mm))
		return 0;
	mm_event(EV_NOTIFY, NC_CLEAR_FLUSH_YOUNG, start, end);
	return young(mm, YOUNG_CLEAR_FLUSH, start, end);
}

int mmu_notifier_clear_young(struct mm_struct *mm, uint64_t start,
			     uint64_t end)
{
	if (!mm_has_notifiers(mm))
		return 0;
	mm_event(EV_NOTIFY, NC_CLEAR_YOUNG, start, end);
	return young(mm, YOUNG_CLEAR, start, end);
}

int mmu_notifier_test_young(struct mm_struct *mm, uint64_t addr)
{
	if (!mm_has_notifiers(mm))
		return 0;
	mm_event(EV_NOTIFY, NC_TEST_YOUNG, addr, addr + PAGE_SIZE);
	return young(mm, YOUNG_TEST, addr, addr + PAGE_SIZE);
}

/*
 * set_pte_at_notify: the old PTE was cleared and flushed; the secondary
 * learns the new one before the CPU can use it (I21).
 */
void mmu_notifier_change_pte(struct mm_struct *mm, uint64_t addr, pte_t pte)
{
	struct mn_snap s;

	need(mach.era->has_change_pte, NC_CHANGE_PTE);
	if (!mm_has_notifiers(mm))
		return;
	mm_event(EV_NOTIFY, NC_CHANGE_PTE, addr, addr + PAGE_SIZE);
	mn_read_lock(mm, &s);
	for (int i = 0; i < s.n; i++)
		if (s.v[i]->ops->change_pte)
			s.v[i]->ops->change_pte(s.v[i], mm, addr, pte);
	mn_read_unlock(&s);
}

void mmu_notifier_release(struct mm_struct *mm)
{
	struct mmu_notifier_subscriptions *subs;
	struct mn_snap s;

	mm_event(EV_NOTIFY, NC_RELEASE, 0, ~0ull);
	if (!mm_has_notifiers(mm))
		return;
	subs = mm_subscriptions(mm);
	if (subs)
		mn_itree_release(subs, mm);
	mn_read_lock(mm, &s);
	for (int i = 0; i < s.n; i++)
		if (s.v[i]->ops->release)
			s.v[i]->ops->release(s.v[i], mm);
	mn_read_unlock(&s);
	/*
	 * Unhook the hlist notifiers so that a later unregister does not
	 * release twice; the subscriptions stay (their intervals are
	 * removed by their owners).
	 */
	for (int i = 0; i < s.n; i++)
		if (!subs || s.v[i] != &subs->hook)
			mn_unhook(s.v[i], mm);
	/*
	 * exit_mmap frees the pages when we return: every ->release that
	 * unregister may be running on another thread must be done.
	 */
	synchronize_srcu(&srcu);
}
