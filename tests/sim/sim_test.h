/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the engine's tests: run a scenario under one seed of the
 * random strategy, or with no preemption at all (each thread runs until
 * it ends or blocks: the "sequential" schedule).
 */
#ifndef MMSIM_TESTS_SIM_SIM_TEST_H
#define MMSIM_TESTS_SIM_SIM_TEST_H

#include "sim/lock.h"
#include "sim/sim.h"
#include "sim/strategy.h"

/* Generous: every scenario here ends in a few hundred steps. */
#define TEST_MAX_STEPS 100000

/* Creates the threads of one run (the engine is already reset). */
typedef void (*spawn_fn)(void);

static inline int run_with(struct sim_strategy *s, spawn_fn spawn,
			   bool keep_events)
{
	struct sim_config cfg = {
		.max_steps = TEST_MAX_STEPS,
		.strategy = s,
		.keep_events = keep_events,
	};

	sim_reset(&cfg);
	lock_reset();
	spawn();
	return sim_run();
}

static inline int run_seed(uint64_t seed, spawn_fn spawn)
{
	struct sim_random r;

	sim_random_init(&r, seed);
	return run_with(&r.s, spawn, false);
}

/* An empty replay log never preempts: threads run one after another. */
static inline int run_sequential(spawn_fn spawn)
{
	struct sim_replay rp;

	sim_replay_init(&rp, NULL, 0);
	return run_with(&rp.s, spawn, false);
}

#endif /* MMSIM_TESTS_SIM_SIM_TEST_H */
