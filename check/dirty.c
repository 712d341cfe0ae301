// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dirty-lost oracle (kernel-semantics §8 I15): a PTE that was dirty
 * when it was cleared hands its Dirty bit to the page (set_page_dirty,
 * folio_mark_dirty) before the PTL is released.  Otherwise reclaim sees
 * a clean page, skips the writeback and frees it: the CPU's last stores
 * are gone, and nothing in the kernel's state says so any more.
 *
 * When it is judged: when the clearing thread releases a spinlock and
 * holds no spinlock afterwards.  The PTL is a spinlock, so this is the
 * PTL release itself or later, never earlier (no verdict before the
 * kernel had its chance), and no other thread can have run in between,
 * since the release hook runs before the release's scheduling point: no
 * writeback or free can have observed the page yet.  Checking only at
 * writeback or free would miss the bug whenever reclaim does not get
 * there, and would have to guess which thread owed the bit.
 *
 * Which clears owe the bit: those where the data lives on in the page
 * and will be reached again without the PTE, i.e. the entry becomes a
 * swap, migration or other non-present entry (reclaim, migration,
 * split), or the page is a file page (the page cache keeps it).  An
 * anonymous page whose entry simply goes (zap, COW replacing it) owes
 * nothing: the mm drops its copy of the data on purpose, and
 * zap_pte_range marks only file pages dirty.  Limitation: the MADV_FREE
 * discard in try_to_unmap_one also clears an anon entry to none, so a
 * missing set_page_dirty there is not caught by this oracle.
 *
 * A dirty entry that comes back for the same frame (mprotect's
 * modify_prot_start/commit, PROT_NONE included, mremap's move, an
 * unmap's failure path restoring the PTE, THP split's invalidated PMD)
 * carries the bit itself and discharges the debt.
 */
#include <inttypes.h>

#include "check/check.h"
#include "sim/footprint.h"
#include "mm/machine.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "sim/lock.h"

#define MAX_OWED 64

struct owed {
	uint64_t pfn;
	uint64_t step;
	uint64_t table;		/* where the entry was: what it became */
	unsigned int index;
	int thread;
};

static struct owed owed[MAX_OWED];
static int nowed;

static void dirty_judge(void);

void check_dirty_reset(void)
{
	nowed = 0;
	lock_atomic_exit_hook = NULL;
}

static void drop(int i)
{
	owed[i] = owed[--nowed];
	if (!nowed)
		lock_atomic_exit_hook = NULL;
}

static bool page_dirty(uint64_t pfn)
{
	return PageDirty(compound_head(pfn_to_page(pfn)));
}

/*
 * What the entry became decides whether the bit was owed: the clear and
 * the store of the swap or migration entry are two changes, so this is
 * read at judgement time, not at the clear.
 */
static bool owed_now(const struct owed *o)
{
	sim_touch_frame(o->pfn, false);
	sim_touch_frame(o->table, false);
	pteval_t now = 0;

	/*
	 * Freed under the lock (4.4 drops the mapping's reference there):
	 * the flags went with it; a free of live data is the access
	 * oracles' business, not this one's.
	 */
	if (ghost.frame[o->pfn].use != FRAME_DATA)
		return false;
	if (ghost.frame[o->table].use == FRAME_TABLE)
		now = pfn_table(o->table)[o->index];
	/* still maps the frame, Dirty bit and all (PROT_NONE too) */
	if (!is_swap_pte(now) && pte_pfn(now) == o->pfn && pte_dirty(now))
		return false;
	if (!now || pte_hw_present(now))
		return !PageAnon(compound_head(pfn_to_page(o->pfn)));
	return true;		/* a swap, migration or other entry */
}

static void judge(const struct owed *o)
{
	if (page_dirty(o->pfn) || !owed_now(o))
		return;
	sim_violation("dirty-lost", o->pfn,
		      "t%d cleared a dirty PTE of pfn %#" PRIx64 " at step %"
		      PRIu64 " and released the page-table lock without "
		      "marking the page dirty: reclaim may free it unwritten "
		      "and the CPU's stores are lost (contract clause I15: "
		      "set_page_dirty before the PTL is released)",
		      o->thread, o->pfn, o->step);
}

/* The current thread left its last spinlock: its debts are due. */
static void dirty_judge(void)
{
	sim_touch(owed, true);
	int me = sim_current()->id;

	for (int i = nowed - 1; i >= 0; i--) {
		if (owed[i].thread != me)
			continue;
		judge(&owed[i]);
		drop(i);
	}
}

void check_dirty_change(uint64_t table, unsigned int index, uint64_t old,
			uint64_t new)
{
	sim_touch(owed, true);
	struct sim_thread *t = sim_current();
	uint64_t pfn = pte_pfn(old);

	/* a dirty entry for the frame again: the bit is carried on */
	if (nowed && new && !is_swap_pte(new) && pte_dirty(new))
		for (int i = nowed - 1; i >= 0; i--)
			if (owed[i].pfn == pte_pfn(new))
				drop(i);
	if (!t || !pte_hw_present(old) || !pte_dirty(old) ||
	    (pte_hw_present(new) && pte_pfn(new) == pfn) ||
	    pfn >= ghost.nr_frames || ghost.frame[pfn].use != FRAME_DATA)
		return;
	if (nowed == MAX_OWED)
		return;
	owed[nowed++] = (struct owed){ pfn, check_clock(), table, index,
				       t->id };
	lock_atomic_exit_hook = dirty_judge;
}

/* Debts of threads that never held a spinlock after their clear. */
void check_dirty_end_of_run(void)
{
	for (int i = nowed - 1; i >= 0; i--) {
		const struct owed *o = &owed[i];

		if (!page_dirty(o->pfn) && owed_now(o))
			sim_record_violation(
				"dirty-lost", o->pfn,
				"t%d cleared a dirty PTE of pfn %#" PRIx64
				" at step %" PRIu64 " and the page was never "
				"marked dirty (contract clause I15)",
				o->thread, o->pfn, o->step);
		drop(i);
	}
}
