/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bounded exhaustive search: every schedule with at most P preemptions
 * (switching away from a thread that could go on running), explored
 * depth-first by replaying a prefix of choices and extending it with
 * non-preemptive defaults.  When the stack empties, the bounded space is
 * covered: "no violation within P preemptions: N schedules, complete".
 */
#ifndef MMSIM_EXPLORE_DFS_H
#define MMSIM_EXPLORE_DFS_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/sim.h"

struct dfs_point {
	sim_mask_t runnable;
	sim_mask_t tried;
	int16_t cur;		/* the thread at the point; -1 none */
	uint8_t chosen;
	uint8_t preemptions;	/* before this point */
};

struct dfs {
	struct sim_strategy s;
	struct dfs_point *stack;
	size_t len, cap;
	size_t pos;		/* choice points reached in this run */
	size_t fixed;		/* points replayed from the last backtrack */
	int bound;
	bool diverged;		/* a replayed point saw other runnables */
};

int dfs_init(struct dfs *d, int preemption_bound);
void dfs_free(struct dfs *d);
/* After a run: pick the next schedule.  False when the space is done. */
bool dfs_next(struct dfs *d);

#endif /* MMSIM_EXPLORE_DFS_H */
