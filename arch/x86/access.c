// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPU loads and stores.
 *
 * A hit in the TLB with enough permission is used as is: this is how a
 * stale entry keeps reaching an old page.  A store through an entry whose
 * Dirty bit is clear re-walks to set it (the x86 guarantee the deferred
 * flush relies on), so such a store faults once the PTE is gone.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/tlb.h"
#include "mm/events.h"
#include "mm/machine.h"
#include "mm/mm.h"
#include "sim/footprint.h"

static const char *const cpu_names = "cpu";

#define MAX_FAULT_RETRIES 1000

int cpu_access(int cpu_id, struct mm_struct *mm, uint64_t va, bool write,
	       uint64_t *word)
{
	struct cpu *cpu = &mach.cpus[cpu_id];
	struct agent who = { AGENT_CPU, cpu_id, cpu_names };
	struct tlb_entry *e;

	/* switch_mm: the CPU may cache the mm's entries from now on */
	sim_touch(&mm->cpumask, true);
	mm->cpumask |= 1ull << cpu_id;
	sim_point();
	for (int tries = 0; tries < MAX_FAULT_RETRIES; tries++) {
		enum walk_result r;
		int ret;

		e = tlb_lookup_leaf(&cpu->tlb, mm->id, va);
		if (e && (!write || (e->flags & TLB_RW)) &&
		    (!write || (e->flags & TLB_DIRTY))) {
			uint64_t base = tlb_key_va(e->key);
			uint64_t pfn = e->pfn + ((va - base) >> PAGE_SHIFT);

			check_tlb_use(&who, mm->id, va, write, e->made);
			*word = check_access(&who, mm->id, va, pfn, e->gen,
					     write, e->owner);
			mm_event(EV_ACCESS, va, pfn,
				 (uint64_t)write << 63 | *word);
			return ACCESS_OK;
		}
		r = x86_walk(cpu, &who, mm, va, write);
		if (r == WALK_OK)
			continue;
		/* #PF drops this CPU's entries for the address. */
		tlb_flush_addr_local(&cpu->tlb, mm->id, va);
		ret = handle_mm_fault(mm, va, write);
		mm_event(EV_FAULT, va, write, (uint64_t)ret);
		if (ret & (VM_FAULT_SIGBUS | VM_FAULT_HWPOISON))
			return ACCESS_SIGBUS;
		if (ret & VM_FAULT_ERROR)
			return ACCESS_SEGV;
	}
	sim_violation("livelock", va, "cpu%d: access to %#llx faulted %d times",
		      cpu_id, (unsigned long long)va, MAX_FAULT_RETRIES);
	return ACCESS_SEGV;
}
