/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The explorer: run a world under many schedules and collect what breaks.
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
	int depth;		/* pct */
	uint64_t seed;
	uint64_t runs;		/* 0: until the time budget */
	double seconds;		/* 0: no time budget */
	bool all;		/* keep going after the first violation */
};

struct explore_result {
	uint64_t runs;
	uint64_t steps;
	double seconds;
	bool found;
	uint64_t first_run;		/* index of the run that found it */
	double first_seconds;
	uint64_t first_seed;
	struct run_result first;
	uint8_t *decisions;		/* the failing run's decision log */
	size_t ndecisions;
};

int explore(const struct world_spec *w, const struct explore_options *o,
	    struct explore_result *res);
void explore_result_free(struct explore_result *res);

#endif /* MMSIM_EXPLORE_EXPLORE_H */
