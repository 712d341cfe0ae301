// SPDX-License-Identifier: GPL-2.0-only
/*
 * RDMA on-demand paging (drivers/infiniband/core/umem_odp.c, mlx5): the
 * HCA translates through its MTT, filled by a page-fault path.  One umem
 * covers the whole address space (implicit ODP).
 *
 * 4.x (no interval notifiers), an hlist notifier:
 *   fault:  current_seq = notifiers_seq; smp_rmb();
 *           get_user_pages (holds a page reference);
 *           mutex_lock(umem_mutex);
 *           if (ib_umem_mmu_notifier_retry) { unlock; put_page; wait for
 *               notifier_completion; retry }
 *           store the page in the MTT (the reference stays); unlock
 *   start:  ib_umem_notifier_start_account (count++), then
 *           mlx5_ib_invalidate_range: zap the MTT, dma-unmap,
 *           set_page_dirty if writable, put_page
 *   end:    ib_umem_notifier_end_account: seq++, count--, complete_all
 *   invalidate_page (4.4): start_account, invalidate one page, end
 * >= 5.5, an interval notifier with umem_mutex as the user lock:
 *   fault:  read_begin; hmm_range_fault (no reference); lock; read_retry;
 *           program the MTT; unlock
 *   invalidate: not blockable -> false; lock; set_seq; zap, dma-unmap,
 *           set_page_dirty; unlock
 *
 * An HCA access is hardware: MTT lookup and access are one step; a zap
 * under umem_mutex stands for the UMR that waits for DMA in flight.
 */
#include <stdlib.h>

#include "drivers/dev_mmu.h"
#include "drivers/gup.h"
#include "eras/era.h"
#include "mm/interval_notifier.h"
#include "mm/mm.h"
#include "mm/mmu_notifier.h"
#include "mm/internal.h"
#include "sim/completion.h"
#include "sim/footprint.h"

static struct lock_class umem_mutex_class = { .name = "umem_mutex" };

struct odp {
	struct dev_mmu d;
	bool interval;
	struct mmu_notifier mn;			/* 4.x */
	struct mmu_notifier_ops ops;
	struct mmu_interval_notifier notifier;	/* >= 5.5 */
	struct mutex umem_mutex;
	struct mirror_table mtt;		/* umem_mutex; read by the HCA */
	int notifiers_count;			/* umem_mutex */
	unsigned long notifiers_seq;		/* umem_mutex */
	struct completion notifier_completion;
};

/* ib_umem_odp_unmap_dma_pages, for one MTT entry. */
static void unmap_dma_page(const struct tlb_entry *e, void *arg)
{
	struct page *page = pfn_to_page(e->pfn);

	/*
	 * "We rely on the umem_mutex instead to prevent other mmu
	 * notifiers from continuing and allowing the page mapping to be
	 * removed": the page is still mapped, so marking it is safe.
	 */
	if (e->flags & TLB_RW)
		set_page_dirty(page);
	if (e->flags & MIRROR_REF)
		put_page(page);
}

static void odp_zap(struct odp *o, uint64_t start, uint64_t end)
{
	if (mirror_zap(&o->mtt, start, end, unmap_dma_page, NULL))
		o->d.nr_invalidate++;
}

/* ---- 4.x ---- */

static void ib_umem_notifier_start_account(struct odp *o)
{
	mutex_lock(&o->umem_mutex);
	sim_touch(&o->notifiers_seq, true);	/* read by faults unlocked */
	if (++o->notifiers_count == 1)
		reinit_completion(&o->notifier_completion);
	mutex_unlock(&o->umem_mutex);
}

static void ib_umem_notifier_end_account(struct odp *o)
{
	mutex_lock(&o->umem_mutex);
	sim_touch(&o->notifiers_seq, true);
	o->notifiers_seq++;
	if (--o->notifiers_count == 0)
		complete_all(&o->notifier_completion);
	mutex_unlock(&o->umem_mutex);
}

static void mlx5_ib_invalidate_range(struct odp *o, uint64_t start,
				     uint64_t end)
{
	mutex_lock(&o->umem_mutex);
	odp_zap(o, start, end);
	mutex_unlock(&o->umem_mutex);
}

static struct odp *to_odp(struct mmu_notifier *mn)
{
	return mn->priv;
}

static void ib_umem_notifier_invalidate_page(struct mmu_notifier *mn,
					     struct mm_struct *mm,
					     uint64_t addr)
{
	struct odp *o = to_odp(mn);

	addr &= PAGE_MASK;
	ib_umem_notifier_start_account(o);
	mlx5_ib_invalidate_range(o, addr, addr + PAGE_SIZE);
	ib_umem_notifier_end_account(o);
}

static int
ib_umem_notifier_invalidate_range_start(struct mmu_notifier *mn,
					const struct mmu_notifier_range *r)
{
	struct odp *o = to_odp(mn);

	/* 4.19: umem_mutex is a sleeping lock */
	if (!mmu_notifier_range_blockable(r))
		return -EAGAIN;
	ib_umem_notifier_start_account(o);
	mlx5_ib_invalidate_range(o, r->start, r->end);
	return 0;
}

static void
ib_umem_notifier_invalidate_range_end(struct mmu_notifier *mn,
				      const struct mmu_notifier_range *r)
{
	ib_umem_notifier_end_account(to_odp(mn));
}

static void ib_umem_notifier_release(struct mmu_notifier *mn,
				     struct mm_struct *mm)
{
	struct odp *o = to_odp(mn);

	mutex_lock(&o->umem_mutex);
	sim_touch(&o->d.released, true);
	o->d.released = true;	/* odp_data->dying */
	odp_zap(o, 0, ~0ull);
	mutex_unlock(&o->umem_mutex);
	complete_all(&o->notifier_completion);
}

static bool ib_umem_mmu_notifier_retry(struct odp *o, unsigned long seq)
{
	sim_touch(&o->notifiers_seq, false);
	return o->notifiers_count || o->notifiers_seq != seq;
}

static int odp_fault_hlist(struct odp *o, uint64_t va, bool write)
{
	for (;;) {
		unsigned long current_seq;
		struct dev_pfn p;
		int ret;

		sim_touch(&o->notifiers_seq, false);
		current_seq = o->notifiers_seq;
		if (dev_released(&o->d))
			return -ENODEV;
		sim_point();	/* smp_rmb() */
		ret = dev_get_user_page(o->d.mm, va, write, true, &p);
		if (ret)
			return ret;
		mutex_lock(&o->umem_mutex);
		if (ib_umem_mmu_notifier_retry(o, current_seq)) {
			mutex_unlock(&o->umem_mutex);
			put_page(pfn_to_page(p.pfn));
			o->d.nr_retry++;
			wait_for_completion(&o->notifier_completion);
			continue;
		}
		if (mirror_lookup(&o->mtt, va))
			put_page(pfn_to_page(p.pfn));	/* already mapped */
		else
			mirror_set(&o->mtt, va, &p, MIRROR_REF);
		mutex_unlock(&o->umem_mutex);
		return 0;
	}
}

/* ---- >= 5.5 ---- */

static bool mlx5_ib_invalidate_interval(struct mmu_interval_notifier *mni,
					const struct mmu_notifier_range *r,
					unsigned long cur_seq)
{
	struct odp *o = mni->priv;

	if (!mmu_notifier_range_blockable(r))
		return false;
	mutex_lock(&o->umem_mutex);
	mmu_interval_set_seq(mni, cur_seq);
	if (r->event == MMU_NOTIFY_RELEASE) {
		sim_touch(&o->d.released, true);
		o->d.released = true;
	}
	odp_zap(o, r->start, r->end);
	mutex_unlock(&o->umem_mutex);
	return true;
}

static const struct mmu_interval_notifier_ops odp_interval_ops = {
	.invalidate = mlx5_ib_invalidate_interval,
};

/* ib_umem_odp_map_dma_and_lock and the MTT update after it. */
static int odp_fault_interval(struct odp *o, uint64_t va, bool write)
{
	for (;;) {
		unsigned long seq;
		struct dev_pfn p;
		int ret;

		if (dev_released(&o->d))
			return -ENODEV;
		seq = mmu_interval_read_begin(&o->notifier);
		ret = dev_get_user_page(o->d.mm, va, write, false, &p);
		if (ret)
			return ret;
		mutex_lock(&o->umem_mutex);
		if (mmu_interval_read_retry(&o->notifier, seq)) {
			mutex_unlock(&o->umem_mutex);
			o->d.nr_retry++;
			continue;
		}
		mirror_set(&o->mtt, va, &p, 0);
		mutex_unlock(&o->umem_mutex);
		return 0;
	}
}

/* ---- the device ---- */

static int odp_fault(struct dev_mmu *d, uint64_t va, bool write)
{
	struct odp *o = (struct odp *)d;

	va &= PAGE_MASK;
	return o->interval ? odp_fault_interval(o, va, write) :
			     odp_fault_hlist(o, va, write);
}

static int odp_access(struct dev_mmu *d, uint64_t va, bool write,
		      uint64_t *word)
{
	struct odp *o = (struct odp *)d;
	struct tlb_entry *e;

	if (dev_released(d))
		return -ENODEV;
	e = mirror_lookup(&o->mtt, va);
	if (!e || (write && !(e->flags & TLB_RW)))
		return -EFAULT;
	*word = dev_check_access(d, va, e->pfn, e->gen, write, e->owner);
	return 0;
}

static struct dev_mmu *odp_create(void)
{
	struct odp *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	mutex_init(&o->umem_mutex, &umem_mutex_class, "umem_mutex");
	init_completion(&o->notifier_completion);
	/*
	 * Starts completed, as ib_umem_odp_get does: a retry with no
	 * invalidation in flight need not wait.  (Set directly: no
	 * scheduling point while the world is built.)
	 */
	o->notifier_completion.done = COMPLETION_ALL;
	return &o->d;
}

static int odp_attach(struct dev_mmu *d, char *err, size_t len)
{
	struct odp *o = (struct odp *)d;
	const struct era *e = mach.era;

	if (mirror_init(&o->mtt, d->mm->id))
		return -ENOSPC;
	o->interval = e->has_interval_notifiers;
	if (o->interval) {
		o->notifier.priv = o;
		return mmu_interval_notifier_insert(&o->notifier, d->mm, 0,
						    TASK_SIZE,
						    &odp_interval_ops);
	}
	o->ops = (struct mmu_notifier_ops){
		.name = "ib_umem_odp",
		.release = ib_umem_notifier_release,
		.invalidate_range_start =
			ib_umem_notifier_invalidate_range_start,
		.invalidate_range_end = ib_umem_notifier_invalidate_range_end,
	};
	if (e->has_invalidate_page)
		o->ops.invalidate_page = ib_umem_notifier_invalidate_page;
	o->mn.ops = &o->ops;
	o->mn.priv = o;
	return mmu_notifier_register(&o->mn, d->mm);
}

static void odp_destroy(struct dev_mmu *d)
{
	struct odp *o = (struct odp *)d;

	mirror_destroy(&o->mtt);
	free(o);
}

static struct tlb *odp_table(struct dev_mmu *d)
{
	return &((struct odp *)d)->mtt.t;
}

const struct dev_mmu_ops odp_ops = {
	.kind = "odp",
	.create = odp_create,
	.attach = odp_attach,
	.access = odp_access,
	.fault = odp_fault,
	.destroy = odp_destroy,
	.table = odp_table,
};
