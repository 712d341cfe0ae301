// SPDX-License-Identifier: GPL-2.0-only
/*
 * An HMM mirror like lib/test_hmm.c's dmirror: one interval notifier
 * over the whole address space, a page table of its own holding no page
 * references ("relies on the mmu notifier to clear page pointers when
 * they become stale"), and one mutex that serializes device accesses,
 * installs and invalidations:
 *
 *   fault:      seq = mmu_interval_read_begin();
 *               mmap_read_lock; hmm_range_fault; mmap_read_unlock;
 *               mutex_lock; if (mmu_interval_read_retry) { unlock; again }
 *               dmirror_do_fault: install; mutex_unlock
 *   invalidate: skip our own MMU_NOTIFY_MIGRATE; mutex_lock (trylock,
 *               false when not blockable); set_seq; erase the range
 *   access:     under the mutex; a missing entry faults and retries
 *
 * The pages stay valid during an access because the CPU PTE cannot be
 * cleared before invalidate() returned, and it needs the mutex.  It needs
 * interval notifiers (>= 5.5): attaching to an era without them fails.
 */
#include <stdio.h>
#include <stdlib.h>

#include "drivers/dev_mmu.h"
#include "drivers/gup.h"
#include "eras/era.h"
#include "mm/interval_notifier.h"
#include "mm/mm.h"

static struct lock_class dmirror_mutex_class = { .name = "dmirror->mutex" };

struct dmirror {
	struct dev_mmu d;
	struct mmu_interval_notifier notifier;
	struct mutex mutex;
	struct mirror_table pt;		/* mutex */
};

static bool dmirror_interval_invalidate(struct mmu_interval_notifier *mni,
					const struct mmu_notifier_range *r,
					unsigned long cur_seq)
{
	struct dmirror *dm = mni->priv;

	/* our own device-private migration: nothing to tear down */
	if (r->event == MMU_NOTIFY_MIGRATE && r->owner == dm)
		return true;
	if (mmu_notifier_range_blockable(r))
		mutex_lock(&dm->mutex);
	else if (!mutex_trylock(&dm->mutex))
		return false;
	mmu_interval_set_seq(mni, cur_seq);
	if (mirror_zap(&dm->pt, r->start, r->end, NULL, NULL))
		dm->d.nr_invalidate++;
	mutex_unlock(&dm->mutex);
	return true;
}

static const struct mmu_interval_notifier_ops dmirror_ops = {
	.invalidate = dmirror_interval_invalidate,
};

/* dmirror_range_fault for one page */
static int dmirror_fault(struct dev_mmu *d, uint64_t va, bool write)
{
	struct dmirror *dm = (struct dmirror *)d;

	va &= PAGE_MASK;
	for (;;) {
		unsigned long seq = mmu_interval_read_begin(&dm->notifier);
		struct dev_pfn p;
		int ret;

		ret = dev_get_user_page(d->mm, va, write, false, &p);
		if (ret)
			return ret;
		mutex_lock(&dm->mutex);
		if (mmu_interval_read_retry(&dm->notifier, seq)) {
			mutex_unlock(&dm->mutex);
			d->nr_retry++;
			continue;
		}
		mirror_set(&dm->pt, va, &p, 0);
		mutex_unlock(&dm->mutex);
		return 0;
	}
}

/* dmirror_do_read / dmirror_do_write for one page */
static int dmirror_access(struct dev_mmu *d, uint64_t va, bool write,
			  uint64_t *word)
{
	struct dmirror *dm = (struct dmirror *)d;
	struct tlb_entry *e;

	mutex_lock(&dm->mutex);
	e = mirror_lookup(&dm->pt, va);
	if (!e || (write && !(e->flags & TLB_RW))) {
		mutex_unlock(&dm->mutex);
		return -EFAULT;		/* -ENOENT: fault and retry */
	}
	*word = dev_check_access(d, va, e->pfn, e->gen, write, e->owner);
	mutex_unlock(&dm->mutex);
	return 0;
}

static struct dev_mmu *dmirror_create(void)
{
	struct dmirror *dm = calloc(1, sizeof(*dm));

	if (!dm)
		return NULL;
	mutex_init(&dm->mutex, &dmirror_mutex_class, "dmirror->mutex");
	return &dm->d;
}

static int dmirror_attach(struct dev_mmu *d, char *err, size_t len)
{
	struct dmirror *dm = (struct dmirror *)d;

	if (!mach.era->has_interval_notifiers) {
		snprintf(err, len,
			 "hmm-mirror %s needs interval notifiers "
			 "(mmu_interval_notifier_insert, >= 5.5); era %s has "
			 "none",
			 d->name, mach.era->name);
		return -EINVAL;
	}
	if (mirror_init(&dm->pt, d->mm->id))
		return -ENOSPC;
	dm->notifier.priv = dm;
	/* dmirror_fops_open: [0, ULONG_MAX & PAGE_MASK) */
	return mmu_interval_notifier_insert(&dm->notifier, d->mm, 0,
					    TASK_SIZE, &dmirror_ops);
}

static void dmirror_destroy(struct dev_mmu *d)
{
	struct dmirror *dm = (struct dmirror *)d;

	mirror_destroy(&dm->pt);
	free(dm);
}

static struct tlb *hmm_mirror_table(struct dev_mmu *d)
{
	return &((struct dmirror *)d)->pt.t;
}

const struct dev_mmu_ops hmm_mirror_ops = {
	.kind = "hmm-mirror",
	.create = dmirror_create,
	.attach = dmirror_attach,
	.access = dmirror_access,
	.fault = dmirror_fault,
	.destroy = dmirror_destroy,
	.table = hmm_mirror_table,
};
