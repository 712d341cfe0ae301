/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The explorer: run a world under many schedules and collect what breaks.
 *
 * Run i of a random or PCT exploration uses seed (seed + i), so any run
 * can be re-run alone and --jobs N splits runs by i mod N without
 * changing which run finds what.  DFS enumerates schedules with at most
 * P preemptions and says when it covered them all.
 */
#ifndef MMSIM_EXPLORE_EXPLORE_H
#define MMSIM_EXPLORE_EXPLORE_H

#include <stdbool.h>
#include <stdint.h>

#include "scenario/world.h"

enum strategy_kind {
	STRATEGY_RANDOM,
	STRATEGY_PCT,
	STRATEGY_DFS,
};

struct explore_options {
	struct run_options run;
	int strategy;		/* enum strategy_kind */
	int depth;		/* pct: bug depth d */
	int preemptions;	/* dfs: bound */
	bool no_sleep_sets;	/* dfs: plain bounded search, no reduction */
	uint64_t seed;
	uint64_t runs;		/* 0: no run budget */
	double seconds;		/* 0: no time budget */
	bool all;		/* collect every distinct violation */
	bool shrink;		/* shrink each violation's schedule */
	int jobs;		/* worker processes (random, pct) */
	uint64_t pct_steps;	/* pct's k; 0: measured on one run */
	/* called about every 0.2 s with the progress so far (may be NULL) */
	void (*progress)(uint64_t runs, uint64_t nviol, double seconds);
};

#define EXPLORE_MAX_VIOL 32

struct found_violation {
	struct run_result r;
	uint64_t run;		/* index of the run that found it */
	uint64_t seed;		/* that run's seed (random, pct) */
	double seconds;		/* time to find it */
	uint8_t *decisions;	/* its decision log (shrunk if asked) */
	size_t ndecisions;
	size_t preemptions;	/* of the (shrunk) schedule */
	bool shrunk;
};

struct explore_result {
	uint64_t runs;
	uint64_t steps;
	uint64_t max_steps_seen;
	double seconds;
	bool complete;		/* dfs covered the bounded space */
	uint64_t pruned;	/* dfs: runs cut by sleep sets (not in runs) */
	double pct_bound;	/* pct: per-run probability bound */
	uint64_t pct_steps;	/* pct: the k it used */
	int nviol;
	struct found_violation viol[EXPLORE_MAX_VIOL];
	int crashed_workers;
	char crash_msg[128];
};

int explore(const struct world_spec *w, const struct explore_options *o,
	    struct explore_result *res);
void explore_result_free(struct explore_result *res);
const char *strategy_name(int kind);
int strategy_parse(const char *name);

#endif /* MMSIM_EXPLORE_EXPLORE_H */
