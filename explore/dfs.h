/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bounded exhaustive search: every schedule with at most P preemptions
 * (switching away from a thread that could go on running), explored
 * depth-first by replaying a prefix of choices and extending it with
 * non-preemptive defaults.  When the stack empties, the bounded space is
 * covered: "no violation within P preemptions: N schedules, complete".
 *
 * Sleep sets (Godefroid) cut schedules that only reorder independent
 * steps.  Where a choice point's current thread c could go on and its
 * step has been explored, c sleeps in the sibling branches until a step
 * that conflicts with c's (by the footprints of sim/footprint.h) runs;
 * a sleeping thread is not scheduled, and a run whose runnable threads
 * all sleep is cut (SIM_PICK_PRUNE).  Only such a c is put to sleep, not
 * every explored sibling: moving c's step to the front of a schedule
 * never adds a preemption, so every schedule within the bound still has
 * an equivalent explored one within the bound (dfs.c has the argument).
 */
#ifndef MMSIM_EXPLORE_DFS_H
#define MMSIM_EXPLORE_DFS_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/footprint.h"
#include "sim/sim.h"

struct dfs_point {
	sim_mask_t runnable;
	sim_mask_t tried;	/* explored, or asleep here */
	sim_mask_t sleep;	/* asleep on arrival here */
	int16_t cur;		/* the thread at the point; -1 none */
	int16_t dflt;		/* c, when it may sleep in siblings; else -1 */
	uint8_t chosen;
	uint8_t preemptions;	/* before this point */
	bool sib_kept;		/* all_siblings: the branch's step is kept */
	uint32_t nobj;		/* objects numbered when it was reached */
	/*
	 * A sleeping thread's footprint: the dflt_fp of point src[t], or
	 * with all_siblings the footprint of entry src[t] of dfs.sib.
	 */
	uint32_t src[SIM_MAX_THREADS];
	/* what ran after choosing dflt, up to the next choice point */
	struct sim_footprint dflt_fp;
};

/* all_siblings: the first step of an explored branch of a point */
struct dfs_sib {
	uint32_t point;
	uint8_t thread;
	struct sim_footprint fp;
};

struct dfs {
	struct sim_strategy s;
	struct dfs_point *stack;
	size_t len, cap;
	size_t pos;		/* choice points reached in this run */
	size_t fixed;		/* points replayed from the last backtrack */
	int bound;
	bool sleep_sets;	/* false: plain bounded DFS */
	bool diverged;		/* a replayed point saw other runnables */
	/*
	 * Tests only: put every explored sibling to sleep, as plain sleep
	 * sets do.  Under a preemption bound this loses schedules (dfs.c);
	 * tests/explore/test_dfs_sleep.c shows it does.
	 */
	bool all_siblings;
	struct dfs_sib *sib;	/* by point, deepest last */
	size_t nsib, cap_sib;
};

int dfs_init(struct dfs *d, int preemption_bound, bool sleep_sets);
/* Tests only: see all_siblings. */
void dfs_sleep_all_siblings(struct dfs *d);
void dfs_free(struct dfs *d);
/* After a run: pick the next schedule.  False when the space is done. */
bool dfs_next(struct dfs *d);

#endif /* MMSIM_EXPLORE_DFS_H */
