/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scheduling strategies.  Each is a struct sim_strategy plus its state;
 * the explorer owns them and hands one to sim_reset() per run.
 */
#ifndef MMSIM_SIM_STRATEGY_H
#define MMSIM_SIM_STRATEGY_H

#include "sim/rand.h"
#include "sim/sim.h"

/* Uniform random choice among the runnable threads at every point. */
struct sim_random {
	struct sim_strategy s;
	struct sim_rand rng;
	uint64_t seed;
};

void sim_random_init(struct sim_random *r, uint64_t seed);

/*
 * Replays a recorded decision log.  Past its end, or where the recorded
 * thread cannot run, it keeps the current thread going (no preemption) or,
 * if that blocked, takes the lowest runnable one: that is what a shrunk
 * log means.
 */
struct sim_replay {
	struct sim_strategy s;
	const uint8_t *v;
	size_t len, pos;
	size_t diverged;	/* choices that could not be followed */
	size_t preemptions;	/* switches away from a runnable thread */
};

/* In a decision log: "no preemption here" (stay on the current thread). */
#define SIM_REPLAY_STAY 0xff

void sim_replay_init(struct sim_replay *r, const uint8_t *v, size_t len);

/* Index of the k-th set bit of m (k counts from 0). */
static inline int sim_mask_nth(sim_mask_t m, unsigned int k)
{
	while (k--)
		m &= m - 1;
	return __builtin_ctzll(m);
}

#endif /* MMSIM_SIM_STRATEGY_H */
