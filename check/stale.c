// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stale-access oracle (I6, NO-STALE-AFTER-RETURN): once a system
 * call that removes or downgrades a range has returned, no translation
 * made before it may still grant the old access.  The deferred-flush
 * races (3ea277194daa) show only this way: the data is not lost, but a
 * write succeeds after mprotect(PROT_READ) returned.
 */
#include <inttypes.h>

#include "check/check.h"
#include "sim/footprint.h"
#include "sim/sim.h"

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define MAX_RETURNED 256

struct returned {
	uint64_t start, end, step;
	int mm;
	unsigned int prot;
};

static struct returned ret[MAX_RETURNED];
static int nret;

void check_range_returned(int mm_id, uint64_t start, uint64_t end,
			  unsigned int prot)
{
	sim_touch(ret, true);
	if (nret == MAX_RETURNED)
		return;
	ret[nret++] = (struct returned){ start, end, check_clock(), mm_id,
					 prot };
}

void check_stale_reset(void)
{
	nret = 0;
}

void check_tlb_use(const struct agent *who, int mm_id, uint64_t va,
		   bool write, uint64_t made)
{
	sim_touch(ret, false);
	for (int i = 0; i < nret; i++) {
		const struct returned *r = &ret[i];
		bool denied;

		if (r->mm != mm_id || va < r->start || va >= r->end ||
		    made >= r->step)
			continue;
		denied = write ? !(r->prot & PROT_WRITE) :
				 !(r->prot & PROT_READ);
		if (!denied)
			continue;
		sim_violation("stale-access", (uint64_t)mm_id << 48 | va >> 12,
			      "cpu%d %s va %#" PRIx64
			      " of mm%d through a TLB entry made at step %" PRIu64
			      ", after the call that %s it returned at step "
			      "%" PRIu64 " (I6)",
			      who->id, write ? "writes" : "reads", va, mm_id,
			      made,
			      r->prot ? "write-protected" : "revoked",
			      r->step);
	}
}

/*
 * The clock a CPU translation is stamped with.  check_tlb_use() compares
 * it with the return of a call, so the stamp reads what a return writes.
 */
uint64_t check_translation_made(void)
{
	sim_touch(ret, false);
	return check_clock();
}
