// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building and tearing down the modelled machine.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "eras/era.h"
#include "mm/events.h"
#include "mm/hugetlb.h"
#include "mm/machine.h"
#include "mm/pgtable.h"

struct machine mach;

/* The largest machine whose frame arrays are cleared up front. */
#define MACHINE_PREFAULT_MEM (4ull << 30)

void page_alloc_init(void);

static void free_address_spaces(void)
{
	for (int i = 0; i < mach.nr_mms; i++) {
		struct mm_struct *mm = mach.mms[i];

		for (int v = 0; v < mm->nr_vmas; v++)
			free(mm->vmas[v]);
		free(mm->anon_vma.vmas);
		free(mm);
		mach.mms[i] = NULL;
	}
	mach.nr_mms = 0;
	mach.nr_notified_mms = 0;
	for (int i = 0; i < mach.nr_unlinked; i++)
		free(mach.unlinked[i]);
	mach.nr_unlinked = 0;
	for (int i = 0; i < mach.nr_files; i++) {
		free(mach.files[i]->i_mmap);
		free(mach.files[i]->pages);
		free(mach.files[i]);
		mach.files[i] = NULL;
	}
	mach.nr_files = 0;
}

int machine_init(const struct machine_config *cfg)
{
	uint64_t nr = cfg->mem_bytes >> PAGE_SHIFT;

	if (nr < 16 || cfg->mem_bytes > MACHINE_MAX_MEM || cfg->nr_cpus < 1 ||
	    cfg->nr_cpus > MAX_CPUS)
		return -1;
	free_address_spaces();
	mach.cfg = *cfg;
	mach.era = cfg->era ? cfg->era : era_default();
	mm_events_register();
	/*
	 * Up to 4 GiB the frame arrays are kept and cleared, which also
	 * faults their host pages in before the run, so a run's (and a
	 * benchmark's) timing does not include the host's first touches.
	 * Larger machines get fresh calloc'd arrays: those come straight
	 * from mmap, so a 64 GiB machine costs the host only the frames the
	 * run touches, not 800 MiB of clearing.  (The allocator hands out
	 * low pfns first; the free lists touch one struct page a block.)
	 */
	if (mach.nr_frames != nr || cfg->mem_bytes > MACHINE_PREFAULT_MEM) {
		free(mach.pages);
		free(mach.mem);
		mach.pages = calloc(nr, sizeof(*mach.pages));
		mach.mem = calloc(nr, sizeof(*mach.mem));
		mach.nr_frames = mach.pages && mach.mem ? nr : 0;
		if (!mach.nr_frames)
			return -1;
	}
	if (cfg->mem_bytes <= MACHINE_PREFAULT_MEM) {
		memset(mach.mem, 0, nr * sizeof(*mach.mem));
		memset(mach.pages, 0, nr * sizeof(*mach.pages));
	}
	if (check_init(nr) || pt_arena_init())
		return -1;
	page_alloc_init();
	check_set_contract(mach.era->contract);
	for (int i = 0; i < MAX_CPUS; i++) {
		struct cpu *cpu = &mach.cpus[i];

		if (!cpu->tlb.slot && tlb_init(&cpu->tlb))
			return -1;
		cpu->id = i;
		cpu->flush_epoch = 0;
		cpu->nr_flush_all = cpu->nr_flush_range = 0;
		cpu->nr_flush_page = 0;
		tlb_clear(&cpu->tlb);
	}
	return hugetlb_pool_init();
}

void machine_destroy(void)
{
	free_address_spaces();
	free(mach.mms);
	mach.mms = NULL;
	mach.cap_mms = 0;
	for (int i = 0; i < MAX_CPUS; i++)
		tlb_destroy(&mach.cpus[i].tlb);
	free(mach.pages);
	free(mach.mem);
	mach.pages = NULL;
	mach.mem = NULL;
	mach.nr_frames = 0;
	pt_arena_destroy();
	check_destroy();
}
