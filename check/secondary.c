// SPDX-License-Identifier: GPL-2.0-only
/*
 * The secondary-late oracle (I4, TLB-sharing secondaries): a device that
 * walks the CPU page tables may have cached any translation the CPU
 * could.  When such a translation is removed, the device must invalidate
 * it before the page can be freed.  check/ records each removed leaf of
 * an mm with such a device as pending until the device flushes a range
 * overlapping it (a flush drops a whole cached entry, as INVLPG does);
 * freeing a frame that is still pending is a violation even if the device
 * never touched the page again.
 */
#include <inttypes.h>

#include "check/check.h"
#include "sim/footprint.h"
#include "mm/machine.h"
#include "sim/idset.h"

#define MAX_PENDING 256

struct pending {
	uint64_t start, end;	/* the translation's VA range */
	uint64_t pfn, nr;	/* the frames it reached */
	uint64_t step;
	int mm;
};

static struct pending pend[MAX_PENDING];
static int npend;
static struct idset sharing;	/* mms with a TLB-sharing secondary */

void check_secondary_reset(void)
{
	npend = 0;
	idset_clear(&sharing);
}

void check_secondary_attach(int mm_id)
{
	sim_touch(pend, true);
	idset_add(&sharing, mm_id);
}

bool check_secondary_watched(int mm_id)
{
	sim_touch(pend, false);
	return idset_test(&sharing, mm_id);
}

void check_secondary_removed(int mm_id, uint64_t va, uint64_t size,
			     uint64_t pfn)
{
	sim_touch(pend, true);
	if (npend == MAX_PENDING)
		return;
	pend[npend++] = (struct pending){ va, va + size, pfn,
					  size >> PAGE_SHIFT, sim.steps,
					  mm_id };
}

void check_secondary_flushed(int mm_id, uint64_t start, uint64_t end)
{
	sim_touch(pend, true);
	for (int i = npend - 1; i >= 0; i--)
		if (pend[i].mm == mm_id && pend[i].start < end &&
		    start < pend[i].end)
			pend[i] = pend[--npend];
}

void check_secondary_frames_freed(uint64_t pfn, uint64_t nr)
{
	sim_touch(pend, false);
	for (int i = 0; i < npend; i++) {
		const struct pending *p = &pend[i];

		if (p->pfn >= pfn + nr || pfn >= p->pfn + p->nr)
			continue;
		sim_violation("secondary-late", (uint64_t)p->mm << 48 |
							p->start >> 12,
			      "pfn %#" PRIx64 " is freed while the secondary "
			      "TLB of mm%d may still translate [%#" PRIx64
			      ", %#" PRIx64 ") to it: the entry was removed at "
			      "step %" PRIu64 " and the device has not been "
			      "invalidated since (contract clause I4: the "
			      "secondary invalidation comes before the page "
			      "can be freed)",
			      pfn, p->mm, p->start, p->end, p->step);
	}
}
