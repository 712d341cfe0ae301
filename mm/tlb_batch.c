// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-thread unmap batch (the kernel's current->tlb_ubc).
 */
#include <string.h>

#include "arch/x86/tlbflush.h"
#include "check/check.h"
#include "eras/era.h"
#include "mm/machine.h"
#include "mm/mmu_notifier.h"
#include "mm/tlb_batch.h"
#include "sim/footprint.h"
#include "sim/idset.h"

struct tlbflush_unmap_batch {
	struct idset mms;	/* mm ids with cleared, unflushed PTEs */
	bool flush_required;
	bool writable;
};

static struct tlbflush_unmap_batch ubc[SIM_MAX_THREADS];

/* Empty every batch; each keeps its bitmap's words for the next run. */
void tlb_batch_reset(void)
{
	for (int i = 0; i < SIM_MAX_THREADS; i++) {
		idset_clear(&ubc[i].mms);
		ubc[i].flush_required = false;
		ubc[i].writable = false;
	}
}

bool should_defer_flush(struct mm_struct *mm, unsigned int flags)
{
	int cpu = sim_current()->cpu;

	if (!(flags & TTU_BATCH_FLUSH))
		return false;
	/* Defer only if some other CPU may cache the mm. */
	sim_touch(&mm->cpumask, false);
	return (mm->cpumask & ~(cpu >= 0 ? 1ull << cpu : 0)) != 0;
}

void set_tlb_ubc_flush_pending(struct mm_struct *mm, bool writable)
{
	struct tlbflush_unmap_batch *b = &ubc[sim_current()->id];

	/* the PTE this thread just cleared now has a deferred flush */
	check_tlb_batch_add(mm->id);
	idset_add(&b->mms, mm->id);
	b->flush_required = true;
	/* Paired with flush_tlb_batched_pending (3ea277194daa). */
	sim_touch(&mm->tlb_flush_batched, true);
	mm->tlb_flush_batched = true;
	if (writable)
		b->writable = true;
	/* >= 6.6, x86: secondary TLBs are flushed eagerly, whole mm */
	mmu_notifier_arch_invalidate_secondary_tlbs(mm, 0, ~0ull);
}

void try_to_unmap_flush(void)
{
	struct tlbflush_unmap_batch *b = &ubc[sim_current()->id];
	int id;

	if (!b->flush_required)
		return;
	/* ascending id: creation order, as the 64-bit mask flushed */
	idset_for_each(id, &b->mms) {
		arch_tlbbatch_flush_mm(mach.mms[id]);
		check_tlb_batch_flushed(id);
	}
	idset_clear(&b->mms);
	b->flush_required = false;
	b->writable = false;
}

void try_to_unmap_flush_dirty(void)
{
	if (ubc[sim_current()->id].writable)
		try_to_unmap_flush();
}

void flush_tlb_batched_pending(struct mm_struct *mm)
{
	sim_touch(&mm->tlb_flush_batched, true);
	if (mm->tlb_flush_batched) {
		flush_tlb_mm(mm);
		/* every CPU's entries of @mm are gone, batched or not */
		check_tlb_batch_flushed(mm->id);
		mm->tlb_flush_batched = false;
	}
}
