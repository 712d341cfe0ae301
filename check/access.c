// SPDX-License-Identifier: GPL-2.0-only
/*
 * The access oracles.  Every load and store of a CPU or a device comes
 * here with the frame its translation points to and the generation that
 * frame had when the translation was made.  Nothing here knows the era.
 *
 *   uaf         the frame was freed (or freed and reused) since
 *   leak        ... and now holds another owner's data
 *   lost-write  a store lands in a frame the data has moved out of
 *   stale-read  a load sees an older version than the latest store
 */
#include <inttypes.h>

#include "check/check.h"
#include "mm/machine.h"
#include "sim/footprint.h"
#include "sim/sim.h"

static const char *agent_kind_name(int kind)
{
	return kind == AGENT_CPU ? "cpu" : kind == AGENT_DEVICE ? "device" :
								  "kernel";
}

static uint64_t site(const struct agent *who, uint64_t va)
{
	return (uint64_t)who->kind << 56 | (va >> PAGE_SHIFT);
}

uint64_t check_access(const struct agent *who, int mm_id, uint64_t va,
		      uint64_t pfn, uint32_t gen, bool write, uint32_t owner)
{
	struct ghost_frame *f = &ghost.frame[pfn];
	uint64_t word = mach.mem[pfn];
	uint32_t l = (uint32_t)(word >> 32), v = (uint32_t)word;
	struct ghost_lpage *lp = &ghost.lp[l];

	/* ghost.accesses is a statistic, not state: no touch */
	sim_touch_frame(pfn, write);
	sim_touch_range(SIM_FP_LPAGE, l, 1, write);
	ghost.accesses++;
	if (f->gen != gen || f->use == FRAME_FREE) {
		bool other = f->use != FRAME_FREE && l && lp->owner != owner;

		sim_violation(other ? "leak" : "uaf", site(who, va),
			      "%s %s%d (mm%d) %s va %#" PRIx64
			      " reaches pfn %#" PRIx64
			      " through a translation made before the frame "
			      "was %s",
			      agent_kind_name(who->kind), who->name, who->id,
			      mm_id, write ? "writes" : "reads", va, pfn,
			      f->use == FRAME_FREE ? "freed" :
			      other		   ? "reused for other data" :
						     "freed and reused");
	}
	if (f->use == FRAME_POISON)
		sim_violation("uaf", site(who, va),
			      "%s %s%d (mm%d) %s va %#" PRIx64
			      " on poisoned pfn %#" PRIx64
			      " through a translation that outlived its unmap",
			      agent_kind_name(who->kind), who->name, who->id,
			      mm_id, write ? "writes" : "reads", va, pfn);
	if (f->use == FRAME_TABLE)
		sim_violation("uaf", site(who, va),
			      "%s %s%d reaches page-table frame %#" PRIx64
			      " as data at va %#" PRIx64,
			      agent_kind_name(who->kind), who->name, who->id,
			      pfn, va);
	if (write) {
		if (l && lp->home != (uint32_t)(pfn + 1))
			sim_violation("lost-write", site(who, va),
				      "%s %s%d (mm%d) writes va %#" PRIx64
				      " into pfn %#" PRIx64
				      " after its data moved out (to %s %#x): "
				      "the write is lost",
				      agent_kind_name(who->kind), who->name,
				      who->id, mm_id, va, pfn,
				      lp->home & HOME_SWAP_BIT ? "swap slot" :
								 "pfn",
				      lp->home & HOME_SWAP_BIT ?
					      lp->home & ~HOME_SWAP_BIT :
					      lp->home - 1);
		if (!l)
			sim_violation("internal", pfn,
				      "write to pfn %#" PRIx64
				      " with no logical page",
				      pfn);
		word = (uint64_t)l << 32 | ++lp->version;
		mach.mem[pfn] = word;
		return word;
	}
	if (l && v < lp->version)
		sim_violation("stale-read", site(who, va),
			      "%s %s%d (mm%d) reads version %u of va %#" PRIx64
			      " from pfn %#" PRIx64
			      " but version %u was written (it lives in pfn %#x)",
			      agent_kind_name(who->kind), who->name, who->id,
			      mm_id, v, va, pfn, lp->version,
			      lp->home ? lp->home - 1 : 0);
	return word;
}

void check_table_walk(const struct agent *who, uint64_t table_pfn,
		      uint32_t gen)
{
	struct ghost_frame *f = &ghost.frame[table_pfn];

	sim_touch_frame(table_pfn, false);
	if (f->gen != gen || f->use != FRAME_TABLE)
		sim_violation("pt-uaf", (uint64_t)who->kind << 56 | table_pfn,
			      "%s %s%d walks page-table frame %#" PRIx64
			      " through a cached pointer, but the table was "
			      "freed%s since",
			      agent_kind_name(who->kind), who->name, who->id,
			      table_pfn,
			      f->use == FRAME_FREE ? "" : " and reused");
}
