// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM's shadow/EPT MMU as a secondary MMU (virt/kvm/kvm_main.c), with
 * gfn == va page.  The guest reaches memory through sPTEs that hold no
 * page reference; they are made by the fault path and torn down by the
 * notifier before the CPU page table changes (I6):
 *
 *   fault:  mmu_seq = seq; smp_rmb(); pfn = gfn_to_pfn (gup, a ref);
 *           spin_lock(mmu_lock);
 *           if (mmu_notifier_retry(kvm, mmu_seq, gfn)) retry;
 *           install the sPTE; spin_unlock; put the ref
 *   start:  under mmu_lock: in_progress++ (and the range, >= 5.x),
 *           zap the sPTEs of the range, flush the guest TLBs
 *   end:    under mmu_lock: seq++; smp_wmb(); in_progress-- (I20)
 *
 * 4.4 also has invalidate_page (seq++, zap one page) and change_pte.
 * The retry test is 4.x's "count != 0 || seq changed", or mainline's
 * "in progress over this gfn || seq changed" (mmu_invalidate_retry_gfn);
 * the era table has no flag of its own for the latter, so it follows the
 * interval-notifier era (both are >= 5.x).
 *
 * A guest access is hardware: lookup and access are one step, without
 * mmu_lock, and a zap under mmu_lock stands for the remote TLB flush
 * that waits for accesses in flight.
 */
#include <stdlib.h>

#include "drivers/dev_mmu.h"
#include "drivers/gup.h"
#include "eras/era.h"
#include "mm/mm.h"
#include "mm/mmu_notifier.h"
#include "sim/footprint.h"

static struct lock_class mmu_lock_class = { .name = "kvm->mmu_lock" };

struct kvm {
	struct dev_mmu d;
	struct mmu_notifier mn;
	struct mmu_notifier_ops ops;
	bool ranged;			/* mainline retry test */
	/*
	 * vCPUs whose fault raced an invalidation in progress.  A real vCPU
	 * re-enters the guest and faults again until the invalidation ends;
	 * waiting for the end is the same outcome without letting an unfair
	 * schedule spin the vCPU forever.
	 */
	struct sim_waitq inv_wq;
	spinlock_t mmu_lock;
	struct mirror_table spt;	/* mmu_lock; read by the guest */
	/* mmu_notifier_seq / mmu_invalidate_seq; mmu_lock */
	unsigned long seq;
	/* mmu_notifier_count / mmu_invalidate_in_progress; mmu_lock */
	long in_progress;
	uint64_t range_start, range_end;	/* mmu_lock; ranged only */
};

static struct kvm *to_kvm(struct mmu_notifier *mn)
{
	return mn->priv;
}

static void kvm_unmap_range(struct kvm *kvm, uint64_t start, uint64_t end)
{
	if (mirror_zap(&kvm->spt, start, end, NULL, NULL))
		kvm->d.nr_invalidate++;
}

static void kvm_mmu_notifier_invalidate_page(struct mmu_notifier *mn,
					     struct mm_struct *mm,
					     uint64_t addr)
{
	struct kvm *kvm = to_kvm(mn);

	spin_lock(&kvm->mmu_lock);
	sim_touch(&kvm->seq, true);	/* read by the fault without the lock */
	kvm->seq++;
	addr &= PAGE_MASK;
	kvm_unmap_range(kvm, addr, addr + PAGE_SIZE);
	spin_unlock(&kvm->mmu_lock);
}

static int
kvm_mmu_notifier_invalidate_range_start(struct mmu_notifier *mn,
					const struct mmu_notifier_range *r)
{
	struct kvm *kvm = to_kvm(mn);

	spin_lock(&kvm->mmu_lock);
	/* kvm_mmu_invalidate_begin / range_add */
	sim_touch(&kvm->seq, true);
	if (++kvm->in_progress == 1) {
		kvm->range_start = r->start;
		kvm->range_end = r->end;
	} else {
		if (r->start < kvm->range_start)
			kvm->range_start = r->start;
		if (r->end > kvm->range_end)
			kvm->range_end = r->end;
	}
	kvm_unmap_range(kvm, r->start, r->end);
	spin_unlock(&kvm->mmu_lock);
	return 0;
}

static void
kvm_mmu_notifier_invalidate_range_end(struct mmu_notifier *mn,
				      const struct mmu_notifier_range *r)
{
	struct kvm *kvm = to_kvm(mn);

	spin_lock(&kvm->mmu_lock);
	/* I20: the seq moves before the count drops (smp_wmb) */
	sim_touch(&kvm->seq, true);
	kvm->seq++;
	kvm->in_progress--;
	spin_unlock(&kvm->mmu_lock);
	sim_wake_all(&kvm->inv_wq);
}

static void kvm_mmu_notifier_change_pte(struct mmu_notifier *mn,
					struct mm_struct *mm, uint64_t addr,
					pte_t pte)
{
	/* kvm_set_spte_hva: the old sPTE must not survive; zap it */
	kvm_mmu_notifier_invalidate_page(mn, mm, addr);
}

static int kvm_age(struct kvm *kvm, uint64_t start, uint64_t end,
		   bool clear)
{
	int young = 0;

	spin_lock(&kvm->mmu_lock);
	for (uint64_t a = start & PAGE_MASK; a < end; a += PAGE_SIZE) {
		struct tlb_entry *e = mirror_lookup(&kvm->spt, a);

		if (e && (e->flags & MIRROR_YOUNG)) {
			young = 1;
			if (clear)
				e->flags &= ~MIRROR_YOUNG;
		}
	}
	spin_unlock(&kvm->mmu_lock);
	return young;
}

static int kvm_mmu_notifier_clear_young(struct mmu_notifier *mn,
					struct mm_struct *mm, uint64_t start,
					uint64_t end)
{
	return kvm_age(to_kvm(mn), start, end, true);
}

static int kvm_mmu_notifier_test_young(struct mmu_notifier *mn,
				       struct mm_struct *mm, uint64_t addr)
{
	return kvm_age(to_kvm(mn), addr, addr + PAGE_SIZE, false);
}

static void kvm_mmu_notifier_release(struct mmu_notifier *mn,
				     struct mm_struct *mm)
{
	struct kvm *kvm = to_kvm(mn);

	/* kvm_arch_flush_shadow_all: the guest cannot run any more */
	spin_lock(&kvm->mmu_lock);
	sim_touch(&kvm->d.released, true);
	kvm->d.released = true;
	kvm_unmap_range(kvm, 0, ~0ull);
	spin_unlock(&kvm->mmu_lock);
}

/* Read without mmu_lock while the fault waits for the range to end. */
static bool kvm_still_invalidating(struct kvm *kvm, struct dev_mmu *d)
{
	sim_touch(&kvm->seq, false);
	return kvm->in_progress && !dev_released(d);
}

/* mmu_notifier_retry (4.x) / mmu_invalidate_retry_gfn (mainline). */
static bool mmu_invalidate_retry(struct kvm *kvm, unsigned long mmu_seq,
				 uint64_t va)
{
	sim_touch(&kvm->seq, false);
	if (kvm->in_progress &&
	    (!kvm->ranged ||
	     (va >= kvm->range_start && va < kvm->range_end)))
		return true;
	return kvm->seq != mmu_seq;
}

static int kvm_fault(struct dev_mmu *d, uint64_t va, bool write)
{
	struct kvm *kvm = (struct kvm *)d;

	va &= PAGE_MASK;
	for (;;) {
		unsigned long mmu_seq;
		struct dev_pfn p;
		int ret;

		sim_touch(&kvm->seq, false);
		mmu_seq = kvm->seq;	/* then smp_rmb() */
		if (dev_released(d))
			return -ENODEV;
		sim_point();
		ret = dev_get_user_page(d->mm, va, write, true, &p);
		if (ret)
			return ret;
		spin_lock(&kvm->mmu_lock);
		if (mmu_invalidate_retry(kvm, mmu_seq, va)) {
			spin_unlock(&kvm->mmu_lock);
			put_page(pfn_to_page(p.pfn));	/* kvm_release_pfn */
			d->nr_retry++;
			while (kvm_still_invalidating(kvm, d))
				sim_wait(&kvm->inv_wq);
			continue;
		}
		mirror_set(&kvm->spt, va, &p, write ? TLB_DIRTY : 0);
		spin_unlock(&kvm->mmu_lock);
		put_page(pfn_to_page(p.pfn));
		return 0;
	}
}

static int kvm_access(struct dev_mmu *d, uint64_t va, bool write,
		      uint64_t *word)
{
	struct kvm *kvm = (struct kvm *)d;
	struct tlb_entry *e;

	if (dev_released(d))
		return -ENODEV;
	e = mirror_lookup(&kvm->spt, va);
	if (!e || (write && !(e->flags & TLB_RW)))
		return -EFAULT;
	e->flags |= MIRROR_YOUNG;
	*word = dev_check_access(d, va, e->pfn, e->gen, write, e->owner);
	return 0;
}

static struct dev_mmu *kvm_create(void)
{
	struct kvm *kvm = calloc(1, sizeof(*kvm));

	if (!kvm)
		return NULL;
	spin_lock_init(&kvm->mmu_lock, &mmu_lock_class, "kvm->mmu_lock");
	kvm->inv_wq.what = "kvm invalidation end";
	return &kvm->d;
}

static int kvm_attach(struct dev_mmu *d, char *err, size_t len)
{
	struct kvm *kvm = (struct kvm *)d;
	const struct era *e = mach.era;

	if (mirror_init(&kvm->spt, d->mm->id))
		return -ENOSPC;
	kvm->ranged = e->has_interval_notifiers;
	kvm->ops = (struct mmu_notifier_ops){
		.name = "kvm",
		.release = kvm_mmu_notifier_release,
		.invalidate_range_start =
			kvm_mmu_notifier_invalidate_range_start,
		.invalidate_range_end = kvm_mmu_notifier_invalidate_range_end,
		.clear_flush_young = kvm_mmu_notifier_clear_young,
		.clear_young = kvm_mmu_notifier_clear_young,
		.test_young = kvm_mmu_notifier_test_young,
	};
	if (e->has_invalidate_page)
		kvm->ops.invalidate_page = kvm_mmu_notifier_invalidate_page;
	if (e->has_change_pte)
		kvm->ops.change_pte = kvm_mmu_notifier_change_pte;
	kvm->mn.ops = &kvm->ops;
	kvm->mn.priv = kvm;
	return mmu_notifier_register(&kvm->mn, d->mm);
}

static void kvm_destroy(struct dev_mmu *d)
{
	struct kvm *kvm = (struct kvm *)d;

	mirror_destroy(&kvm->spt);
	free(kvm);
}

static struct tlb *kvm_table(struct dev_mmu *d)
{
	return &((struct kvm *)d)->spt.t;
}

const struct dev_mmu_ops kvm_ops = {
	.kind = "kvm",
	.create = kvm_create,
	.attach = kvm_attach,
	.access = kvm_access,
	.fault = kvm_fault,
	.destroy = kvm_destroy,
	.table = kvm_table,
};
