/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PCT: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi,
 * Nagarakatte, ASPLOS 2010).  Threads get random distinct priorities; the
 * highest-priority runnable thread always runs; at d-1 random steps the
 * running thread drops to a priority below all initial ones.  A bug of
 * depth d is found by one run with probability at least 1/(n k^(d-1)),
 * for n threads and k steps.
 */
#ifndef MMSIM_EXPLORE_PCT_H
#define MMSIM_EXPLORE_PCT_H

#include "sim/rand.h"
#include "sim/sim.h"

#define PCT_MAX_DEPTH 16

struct pct {
	struct sim_strategy s;
	struct sim_rand rng;
	int depth;
	int nthreads;
	uint64_t k;			/* step estimate (the longest run) */
	int prio[SIM_MAX_THREADS];
	uint64_t change[PCT_MAX_DEPTH];	/* steps where priority drops */
	int next_change;
};

/* Prepare run @seed: priorities and change points are drawn from it. */
void pct_init(struct pct *p, uint64_t seed, int depth, int nthreads,
	      uint64_t k);
/* The probability bound a run achieves: 1 / (n k^(d-1)). */
double pct_bound(int nthreads, uint64_t k, int depth);

#endif /* MMSIM_EXPLORE_PCT_H */
