// SPDX-License-Identifier: GPL-2.0-only
/*
 * Deferred (batched) TLB flush safety, kernel-semantics §8 I14.
 *
 * With TTU_BATCH_FLUSH a PTE is cleared under its PTL but the other CPUs'
 * TLBs are flushed only when the batch is (try_to_unmap_flush), or when
 * another path flushes the whole mm first (flush_tlb_batched_pending).
 * Until then a CPU may still reach the page through its cached entry, so:
 *
 *   deferred-flush-free       (I14a) the page is not freed meanwhile;
 *   deferred-flush-writeback  (I14b) no writeback starts on a page whose
 *                             PTE was dirty when cleared, since a CPU
 *                             holding the dirty entry can still store
 *                             into it behind the IO's back.
 *
 * I14b is not reported as "dirty-lost": the dirty state was not lost
 * (the page is dirty, that is why it is written); what breaks is the
 * order of flush and IO, so the kind names the deferred flush.  A store
 * that actually lands after the copy shows up as lost-write as well.
 *
 * check/ learns the cleared entry from the entry-change hook (the old
 * PTE: its pfn and Dirty bit, not what the caller claims), and that its
 * flush was deferred from set_tlb_ubc_flush_pending, which the unmap
 * calls right after the clear in the same thread.  A pending record ends
 * when that mm's TLBs are flushed as a whole: the batch flush of the mm
 * or flush_tlb_batched_pending (flush_tlb_mm).  Nothing here reads the
 * era or a bug switch.
 */
#include <inttypes.h>
#include <string.h>

#include "check/check.h"
#include "sim/footprint.h"
#include "mm/machine.h"
#include "mm/pgtable.h"

#define MAX_DEFERRED 256

struct deferred {
	uint64_t pfn, nr;	/* the frames the cleared entry reached */
	uint64_t step;		/* when the flush was deferred */
	int mm;
	int thread;
	bool dirty;		/* the PTE's Dirty bit at clear time */
};

static struct deferred def[MAX_DEFERRED];
static int ndef;

/* The last leaf each thread cleared, until its flush is deferred. */
struct cleared {
	uint64_t pfn, nr;
	bool valid, dirty;
};

static struct cleared last[SIM_MAX_THREADS];

void check_deferred_reset(void)
{
	ndef = 0;
	memset(last, 0, sizeof(last));
}

/* From check_entry_change: @old (a present leaf) is going away. */
void check_deferred_cleared(pteval_t old)
{
	sim_touch(def, true);
	struct sim_thread *t = sim_current();

	if (!t)
		return;
	last[t->id] = (struct cleared){
		.pfn = pte_pfn(old),
		.nr = pte_huge(old) ? PMD_SIZE >> PAGE_SHIFT : 1,
		.valid = true,
		.dirty = pte_dirty(old),
	};
}

void check_tlb_batch_add(int mm_id)
{
	sim_touch(def, true);
	struct sim_thread *t = sim_current();
	struct cleared *c;

	if (!t)
		return;
	c = &last[t->id];
	if (!c->valid || ndef == MAX_DEFERRED)
		return;
	def[ndef++] = (struct deferred){ c->pfn, c->nr, check_clock(),
					 mm_id, t->id, c->dirty };
	c->valid = false;
}

void check_tlb_batch_flushed(int mm_id)
{
	sim_touch(def, true);
	for (int i = ndef - 1; i >= 0; i--)
		if (def[i].mm == mm_id)
			def[i] = def[--ndef];
}

static bool overlaps(const struct deferred *d, uint64_t pfn, uint64_t nr)
{
	return d->pfn < pfn + nr && pfn < d->pfn + d->nr;
}

void check_deferred_frames_freed(uint64_t pfn, uint64_t nr)
{
	sim_touch(def, false);
	for (int i = 0; i < ndef; i++) {
		const struct deferred *d = &def[i];

		if (!overlaps(d, pfn, nr))
			continue;
		sim_violation("deferred-flush-free", pfn,
			      "pfn %#" PRIx64 " is freed while the flush of "
			      "its PTE in mm%d, cleared at step %" PRIu64
			      " by t%d with TTU_BATCH_FLUSH, is still deferred: "
			      "another CPU may still reach the page through "
			      "its TLB (contract clause I14a: the batch is "
			      "flushed, try_to_unmap_flush, before the page "
			      "is freed)",
			      pfn, d->mm, d->step, d->thread);
	}
}

void check_deferred_writeback(uint64_t pfn)
{
	sim_touch(def, false);
	for (int i = 0; i < ndef; i++) {
		const struct deferred *d = &def[i];

		if (!d->dirty || !overlaps(d, pfn, 1))
			continue;
		sim_violation("deferred-flush-writeback", pfn,
			      "writeback of pfn %#" PRIx64 " starts while the "
			      "flush of its dirty PTE in mm%d, cleared at step "
			      "%" PRIu64 " by t%d with TTU_BATCH_FLUSH, is "
			      "still deferred: a CPU holding the dirty entry "
			      "can store into the page behind the IO "
			      "(contract clause I14b: try_to_unmap_flush_dirty "
			      "before pageout)",
			      pfn, d->mm, d->step, d->thread);
	}
}
