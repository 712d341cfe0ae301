/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A hash of how a run ended, equal for any two schedules that only
 * reorder independent steps: the violation (kind and site; its message
 * has step numbers), or else the machine's final state (memory, struct
 * pages, page tables, CPU and device TLBs, the ghost).  Timestamps and
 * statistics are left out.
 *
 * It checks the sleep-set reduction: the set of fingerprints a bounded
 * DFS reaches must be the same with and without sleep sets.  A missing
 * footprint touch shows up as an outcome only the full search reaches.
 */
#ifndef MMSIM_EXPLORE_FINGERPRINT_H
#define MMSIM_EXPLORE_FINGERPRINT_H

#include <stdint.h>

#include "scenario/world.h"

/* Call right after world_run(), before the next run is built. */
uint64_t run_fingerprint(const struct run_result *r);

#endif /* MMSIM_EXPLORE_FINGERPRINT_H */
