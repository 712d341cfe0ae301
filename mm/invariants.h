/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whole-machine invariants of the mm core, checked between runs (at the
 * end of a world run, and by tests): nothing else may run meanwhile.
 *
 *   refcount >= mapcount for every allocated page
 *   mapcounts equal the PTEs and PMDs (PUDs) that map each page
 *   nr_ptes / nr_pmds equal the tables each mm has
 *   a PMD table's share count equals the mms whose PUD points to it
 *   every table frame is reachable from a live mm, or held by a gather
 *   once every mm is gone: free + pools + caches == all frames
 *
 * Each broken one is recorded with sim_record_violation ("invariant",
 * or "pmd-share-count").  Returns the number found.
 */
#ifndef MMSIM_MM_INVARIANTS_H
#define MMSIM_MM_INVARIANTS_H

int mm_check_invariants(void);

#endif /* MMSIM_MM_INVARIANTS_H */
