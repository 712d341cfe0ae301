// SPDX-License-Identifier: GPL-2.0-only
/*
 * flush_tlb_*: shoot down the entries of an mm on the CPUs in its mask.
 */
#include "arch/x86/tlbflush.h"
#include "mm/events.h"
#include "mm/machine.h"
#include "mm/mmu_notifier.h"
#include "sim/footprint.h"

static void shootdown(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	uint64_t mask;

	/* Read before the point, as the modelled CPU loads it. */
	sim_touch(&mm->cpumask, false);
	mask = mm->cpumask;
	sim_point();
	mm_event(EV_TLB_FLUSH, (uint64_t)mm->id, start, end);
	while (mask) {
		struct cpu *cpu = &mach.cpus[__builtin_ctzll(mask)];

		mask &= mask - 1;
		cpu->flush_epoch++;
		if (end == ~0ull) {
			cpu->nr_flush_all++;
			tlb_flush_mm_local(&cpu->tlb, mm->id);
		} else {
			if (end - start == PAGE_SIZE)
				cpu->nr_flush_page++;
			else
				cpu->nr_flush_range++;
			tlb_flush_range_local(&cpu->tlb, mm->id, start, end);
		}
	}
}

void flush_tlb_mm_range(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	shootdown(mm, start, end);
	/* >= 6.6: the secondary TLBs are flushed by the arch flush */
	mmu_notifier_arch_invalidate_secondary_tlbs(mm, start, end);
}

void flush_tlb_range(struct vm_area_struct *vma, uint64_t start, uint64_t end)
{
	flush_tlb_mm_range(vma->vm_mm, start, end);
}

void flush_tlb_page(struct vm_area_struct *vma, uint64_t addr)
{
	addr &= PAGE_MASK;
	flush_tlb_mm_range(vma->vm_mm, addr, addr + PAGE_SIZE);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_mm_range(mm, 0, ~0ull);
}

void arch_tlbbatch_flush_mm(struct mm_struct *mm)
{
	shootdown(mm, 0, ~0ull);
}
