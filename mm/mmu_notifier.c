// SPDX-License-Identifier: GPL-2.0-only
/*
 * The notifier core: registration and dispatch.  Which calls exist, and
 * whether invalidate_range_end also calls ->invalidate_range, is the
 * era's business (struct era); calling one the era lacks is a bug in the
 * era's code and ends the run.
 */
#include "check/check.h"
#include "eras/era.h"
#include "mm/events.h"
#include "mm/machine.h"
#include "mm/mmu_notifier.h"

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

int mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm)
{
	const struct mmu_notifier_ops *o = mn->ops;

	if (mm->nr_notifiers >= MAX_MMU_NOTIFIERS)
		return -1;
	/* From 6.6 a TLB-sharing notifier may not also have start/end. */
	if (o->invalidate_range && mach.era->secondary_tlb_flush_in_arch &&
	    (o->invalidate_range_start || o->invalidate_range_end))
		return -1;
	mn->mm = mm;
	mm->notifiers[mm->nr_notifiers++] = mn;
	return 0;
}

void mmu_notifier_unregister(struct mmu_notifier *mn, struct mm_struct *mm)
{
	for (int i = 0; i < mm->nr_notifiers; i++) {
		if (mm->notifiers[i] != mn)
			continue;
		if (mn->ops->release)
			mn->ops->release(mn, mm);
		mm->notifiers[i] = mm->notifiers[--mm->nr_notifiers];
		return;
	}
}

void mmu_notifier_invalidate_page(struct mm_struct *mm, uint64_t addr)
{
	need(mach.era->has_invalidate_page, NC_INVALIDATE_PAGE);
	mm_event(EV_NOTIFY, NC_INVALIDATE_PAGE, addr, addr + PAGE_SIZE);
	for (int i = 0; i < mm->nr_notifiers; i++) {
		struct mmu_notifier *mn = mm->notifiers[i];

		if (mn->ops->invalidate_page)
			mn->ops->invalidate_page(mn, mm, addr);
	}
}

int __mmu_notifier_invalidate_range_start(struct mmu_notifier_range *r)
{
	struct mm_struct *mm = r->mm;
	int ret = 0;

	if (r->flags & MMU_NOTIFIER_RANGE_BLOCKABLE)
		might_sleep();
	mm_event(EV_NOTIFY, NC_RANGE_START, r->start, r->end);
	mm->notifier_range_depth++;
	check_bracket_open(mm->id, r->start, r->end);
	for (int i = 0; i < mm->nr_notifiers; i++) {
		struct mmu_notifier *mn = mm->notifiers[i];

		if (mn->ops->invalidate_range_start &&
		    mn->ops->invalidate_range_start(mn, r))
			ret = -11;	/* -EAGAIN */
	}
	if (ret) {
		mm->notifier_range_depth--;
		check_bracket_close(mm->id, r->start, r->end);
	}
	return ret;
}

void mmu_notifier_invalidate_range_start(struct mm_struct *mm,
					 uint64_t start, uint64_t end)
{
	struct mmu_notifier_range r = { mm, start, end,
					MMU_NOTIFIER_RANGE_BLOCKABLE,
					MMU_NOTIFY_CLEAR };

	__mmu_notifier_invalidate_range_start(&r);
}

static void range_end(struct mm_struct *mm, uint64_t start, uint64_t end,
		      bool only_end)
{
	struct mmu_notifier_range r = { mm, start, end,
					MMU_NOTIFIER_RANGE_BLOCKABLE,
					MMU_NOTIFY_CLEAR };

	mm_event(EV_NOTIFY, only_end ? NC_RANGE_ONLY_END : NC_RANGE_END, start,
		 end);
	mm->notifier_range_depth--;
	check_bracket_close(mm->id, start, end);
	for (int i = 0; i < mm->nr_notifiers; i++) {
		struct mmu_notifier *mn = mm->notifiers[i];

		/* <= 6.5: end also flushes TLB-sharing secondaries. */
		if (!only_end && mach.era->end_calls_invalidate_range &&
		    mn->ops->invalidate_range)
			mn->ops->invalidate_range(mn, mm, start, end);
		if (mn->ops->invalidate_range_end)
			mn->ops->invalidate_range_end(mn, &r);
	}
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
	for (int i = 0; i < mm->nr_notifiers; i++) {
		struct mmu_notifier *mn = mm->notifiers[i];

		if (mn->ops->invalidate_range)
			mn->ops->invalidate_range(mn, mm, start, end);
	}
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

int mmu_notifier_clear_flush_young(struct mm_struct *mm, uint64_t start,
				   uint64_t end)
{
	int young = 0;

	if (!mm_has_notifiers(mm))
		return 0;
	mm_event(EV_NOTIFY, NC_CLEAR_FLUSH_YOUNG, start, end);
	for (int i = 0; i < mm->nr_notifiers; i++) {
		struct mmu_notifier *mn = mm->notifiers[i];

		if (mn->ops->clear_flush_young)
			young |= mn->ops->clear_flush_young(mn, mm, start, end);
	}
	return young;
}

void mmu_notifier_release(struct mm_struct *mm)
{
	mm_event(EV_NOTIFY, NC_RELEASE, 0, ~0ull);
	for (int i = 0; i < mm->nr_notifiers; i++) {
		struct mmu_notifier *mn = mm->notifiers[i];

		if (mn->ops->release)
			mn->ops->release(mn, mm);
	}
}
