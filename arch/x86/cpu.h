/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPU loads and stores at virtual addresses: TLB lookup, the hardware
 * page walker, page faults into mm/, and the access oracles.
 */
#ifndef MMSIM_ARCH_X86_CPU_H
#define MMSIM_ARCH_X86_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "check/check.h"
#include "mm/mm_types.h"

struct cpu;

enum walk_result {
	WALK_OK,
	WALK_NOT_PRESENT,
	WALK_PROTECTION,
};

/*
 * The hardware walker: reads the tables of @mm without locks (one
 * scheduling point per level), sets Accessed/Dirty atomically, and fills
 * the TLB and the paging-structure caches of @cpu.
 */
enum walk_result x86_walk(struct cpu *cpu, const struct agent *who,
			  struct mm_struct *mm, uint64_t va, bool write);

#define ACCESS_OK 0
#define ACCESS_SEGV (-14)	/* -EFAULT */
#define ACCESS_SIGBUS (-7)

/*
 * A user access by @cpu in @mm.  Faults are handled in the calling
 * thread (it enters the kernel).  *@word gets the content word.
 */
int cpu_access(int cpu, struct mm_struct *mm, uint64_t va, bool write,
	       uint64_t *word);

#endif /* MMSIM_ARCH_X86_CPU_H */
