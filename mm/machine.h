/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The modelled machine: physical memory, CPUs, address spaces, files, the
 * hugetlb pool and the era the kernel code runs as.  One machine exists
 * at a time (the global "mach"); a run builds it, runs, and tears it down.
 */
#ifndef MMSIM_MM_MACHINE_H
#define MMSIM_MM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/tlb.h"
#include "mm/mm_types.h"
#include "mm/page.h"

#define MAX_ORDER 18	/* 1G pages */

/*
 * The largest machine the model builds: 1 TiB, 2^28 frames.  The narrow
 * pfn stores hold far more (page-cache and swap-cache slots keep pfn + 1
 * in 32 bits, 2^32 frames; ghost homes keep it in 31, 2^31 frames = 8
 * TiB), so the bound is the host's: each frame costs it about 52 bytes
 * (struct page, content word, ghost frame) once touched.
 */
#define MACHINE_MAX_MEM (1ull << 40)
_Static_assert((MACHINE_MAX_MEM >> PAGE_SHIFT) < (1ull << 31),
	       "a pfn + 1 must fit the ghost's 31-bit home");

struct era;
struct vm_area_struct;

/* vma_dup() copies a thread holds before linking: one per thread */
#define MAX_UNLINKED_VMAS 64

struct machine_config {
	int nr_cpus;
	uint64_t mem_bytes;
	int hugetlb_2m;		/* pool size, in 2M pages */
	int hugetlb_1g;		/* pool size, in 1G pages */
	uint64_t swap_pages;
	const struct era *era;
	uint64_t bugs;		/* BUG_* switches, one bit each */
};

/*
 * A page-table page's entries live in a 4 KiB slot of one arena, so that
 * an entry pointer finds its table (and the table's split lock) the way
 * the kernel's pte_lockptr() finds it through struct page.
 */
struct pt_meta {
	spinlock_t ptl;
	uint64_t pfn;
	uint32_t next_free;	/* slot + 1, while free */
};

struct hstate {
	unsigned int order;
	spinlock_t lock;	/* hugetlb_lock */
	uint64_t free_head;	/* pfn + 1 of the first free page, LIFO */
	long nr_free, nr_total;
};

struct machine {
	struct machine_config cfg;
	const struct era *era;
	uint64_t nr_frames;
	struct page *pages;
	uint64_t *mem;		/* one content word per frame */
	uint64_t free_area[MAX_ORDER + 1];	/* pfn + 1 of the list head */
	long nr_free_frames;
	pteval_t *pt_arena;	/* table slots; page->private indexes it */
	struct pt_meta *pt_meta;
	uint32_t nr_pt;		/* slots ever used */
	uint32_t free_pt;	/* slot + 1 of a free slot chain */
	struct cpu cpus[MAX_CPUS];
	/* every mm of the run, by id (creation order); grows */
	struct mm_struct **mms;
	int nr_mms, cap_mms;
	/*
	 * mms that ever had an mmu notifier this run: while 0, no entry
	 * change needs the bracket or secondary oracles' per-mm scan.
	 */
	int nr_notified_mms;
	/*
	 * VMAs made by vma_dup() and not linked yet: a run cut short (a
	 * step limit, a sleep-set cut) may end between the two, and the
	 * next machine frees them.
	 */
	struct vm_area_struct *unlinked[MAX_UNLINKED_VMAS];
	int nr_unlinked;
	struct address_space *files[MAX_FILES];
	int nr_files;
	struct hstate hstate_2m, hstate_1g;
};

extern struct machine mach;

int machine_init(const struct machine_config *cfg);
void machine_destroy(void);

/*
 * A historical bug re-introduced by a --bug switch (see eras/bugs.h).  The
 * only place the model looks at switches; check/ never does.
 */
static inline bool bug_on(int bug)
{
	return mach.cfg.bugs & (1ull << bug);
}

#endif /* MMSIM_MM_MACHINE_H */
