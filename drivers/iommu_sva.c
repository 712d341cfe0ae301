// SPDX-License-Identifier: GPL-2.0-only
/*
 * IOMMU shared virtual addressing (AMD iommu_v2 / intel-svm): the device
 * walks the CPU page tables itself and caches what it finds in its
 * IOTLB at any moment; the kernel never tells it to stop walking, only to
 * drop entries.  So it holds no page references and has no start/end:
 * start is too early (it refills) and end too late (the page may be
 * gone).  It relies on the secondary flush coming after the PTE clear and
 * before the page is freed or the PTE repointed (I4).
 *
 * Callbacks by era (kernel-semantics §7):
 *   invalidate_page   4.4: one page (AMD __mn_flush_page, intel)
 *   invalidate_range  4.x-6.5: the range, under the PTL or from end
 *   arch_invalidate_secondary_tlbs  >= 6.6: from the arch TLB flush
 *   change_pte        intel, until 6.9: the page
 *   clear_flush_young AMD: flush the page, report 0
 *   release           flush all; the device stops walking the mm
 *
 * The IOTLB is a struct tlb filled by x86_walk with a device-owned struct
 * cpu that is not in mach.cpus, so CPU shootdowns never reach it: only
 * the notifier does.  Invalidation bumps its flush epoch, so a walk in
 * flight restarts, as an invalidation-wait descriptor waits for walks.
 */
#include <stdlib.h>

#include "arch/x86/cpu.h"
#include "drivers/dev_mmu.h"
#include "eras/era.h"
#include "mm/mm.h"
#include "mm/mmu_notifier.h"
#include "sim/footprint.h"

#define EAGAIN 11

struct iommu_sva {
	struct dev_mmu d;
	struct mmu_notifier mn;
	struct mmu_notifier_ops ops;	/* this era's callbacks */
	struct cpu iommu;		/* the device's walker and IOTLB */
};

static struct iommu_sva *to_sva(struct mmu_notifier *mn)
{
	return mn->priv;
}

static void iotlb_flush(struct iommu_sva *s, uint64_t start, uint64_t end)
{
	s->iommu.flush_epoch++;
	s->d.nr_invalidate++;
	check_secondary_flushed(s->d.mm->id, start, end);
	if (end == ~0ull)
		tlb_flush_mm_local(&s->iommu.tlb, s->d.mm->id);
	else
		tlb_flush_range_local(&s->iommu.tlb, s->d.mm->id, start, end);
}

static void sva_invalidate_page(struct mmu_notifier *mn, struct mm_struct *mm,
				uint64_t addr)
{
	addr &= PAGE_MASK;
	iotlb_flush(to_sva(mn), addr, addr + PAGE_SIZE);
}

static void sva_invalidate_range(struct mmu_notifier *mn,
				 struct mm_struct *mm, uint64_t start,
				 uint64_t end)
{
	iotlb_flush(to_sva(mn), start, end);
}

static void sva_change_pte(struct mmu_notifier *mn, struct mm_struct *mm,
			   uint64_t addr, pte_t pte)
{
	sva_invalidate_page(mn, mm, addr);
}

static int sva_clear_flush_young(struct mmu_notifier *mn,
				 struct mm_struct *mm, uint64_t start,
				 uint64_t end)
{
	iotlb_flush(to_sva(mn), start, end);
	return 0;
}

static void sva_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct iommu_sva *s = to_sva(mn);

	/* the PASID entry goes: no walk of this mm from now on */
	sim_touch(&s->d.released, true);
	s->d.released = true;
	iotlb_flush(s, 0, ~0ull);
}

static struct dev_mmu *sva_create(void)
{
	struct iommu_sva *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	if (tlb_init(&s->iommu.tlb)) {
		free(s);
		return NULL;
	}
	s->iommu.id = -1;
	return &s->d;
}

static int sva_attach(struct dev_mmu *d, char *err, size_t len)
{
	struct iommu_sva *s = (struct iommu_sva *)d;
	const struct era *e = mach.era;

	s->ops = (struct mmu_notifier_ops){
		.name = "iommu-sva",
		.release = sva_release,
		.clear_flush_young = sva_clear_flush_young,
		/* the same slot is arch_invalidate_secondary_tlbs >= 6.6 */
		.invalidate_range = sva_invalidate_range,
	};
	if (e->has_invalidate_page)
		s->ops.invalidate_page = sva_invalidate_page;
	if (e->has_change_pte)
		s->ops.change_pte = sva_change_pte;
	s->mn.ops = &s->ops;
	s->mn.priv = s;
	check_secondary_attach(d->mm->id);
	return mmu_notifier_register(&s->mn, d->mm);
}

static int sva_access(struct dev_mmu *d, uint64_t va, bool write,
		      uint64_t *word)
{
	struct iommu_sva *s = (struct iommu_sva *)d;
	struct tlb_entry *e;

	if (dev_released(d))
		return -ENODEV;
	e = tlb_lookup_leaf(&s->iommu.tlb, d->mm->id, va);
	if (e && (!write || ((e->flags & TLB_RW) && (e->flags & TLB_DIRTY)))) {
		uint64_t pfn = e->pfn +
			       ((va - tlb_key_va(e->key)) >> PAGE_SHIFT);

		*word = dev_check_access(d, va, pfn, e->gen, write, e->owner);
		return 0;
	}
	if (x86_walk(&s->iommu, &d->who, d->mm, va, write) == WALK_OK)
		return -EAGAIN;
	return -EFAULT;
}

/* A page request (PRI): the IOMMU driver faults the page in. */
static int sva_fault(struct dev_mmu *d, uint64_t va, bool write)
{
	int ret = handle_mm_fault(d->mm, va, write);

	return ret & VM_FAULT_ERROR ? ret : 0;
}

static void sva_destroy(struct dev_mmu *d)
{
	struct iommu_sva *s = (struct iommu_sva *)d;

	tlb_destroy(&s->iommu.tlb);
	free(s);
}

static struct tlb *iommu_sva_table(struct dev_mmu *d)
{
	return &((struct iommu_sva *)d)->iommu.tlb;
}

const struct dev_mmu_ops iommu_sva_ops = {
	.kind = "iommu-sva",
	.create = sva_create,
	.attach = sva_attach,
	.access = sva_access,
	.fault = sva_fault,
	.destroy = sva_destroy,
	.table = iommu_sva_table,
};
