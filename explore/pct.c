// SPDX-License-Identifier: GPL-2.0-only
#include <math.h>

#include "explore/pct.h"

static int pct_pick(struct sim_strategy *s, sim_mask_t runnable, int cur)
{
	struct pct *p = (struct pct *)s;
	int best = -1;

	/* Priority change points fire at the running thread. */
	while (p->next_change < p->depth - 1 &&
	       sim.steps >= p->change[p->next_change]) {
		if (cur >= 0)
			p->prio[cur] = p->depth - 1 - p->next_change;
		p->next_change++;
	}
	for (sim_mask_t m = runnable; m; m &= m - 1) {
		int id = __builtin_ctzll(m);

		if (best < 0 || p->prio[id] > p->prio[best])
			best = id;
	}
	return best;
}

static void pct_begin(struct sim_strategy *s)
{
	(void)s;
}

void pct_init(struct pct *p, uint64_t seed, int depth, int nthreads,
	      uint64_t k)
{
	int order[SIM_MAX_THREADS];

	if (depth < 1)
		depth = 1;
	if (depth > PCT_MAX_DEPTH)
		depth = PCT_MAX_DEPTH;
	if (nthreads > SIM_MAX_THREADS)
		nthreads = SIM_MAX_THREADS;
	if (k < 1)
		k = 1;
	p->s = (struct sim_strategy){ .name = "pct", .pick = pct_pick,
				       .begin = pct_begin };
	p->depth = depth;
	p->nthreads = nthreads;
	p->k = k;
	p->next_change = 0;
	sim_rand_seed(&p->rng, seed);
	/* A random permutation: initial priorities depth .. depth+n-1. */
	for (int i = 0; i < nthreads; i++)
		order[i] = i;
	for (int i = nthreads - 1; i > 0; i--) {
		int j = (int)sim_rand_below(&p->rng, (uint32_t)i + 1);
		int t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < SIM_MAX_THREADS; i++)
		p->prio[i] = 0;
	for (int i = 0; i < nthreads; i++)
		p->prio[order[i]] = depth + i;
	/* d-1 change points in [1, k], sorted. */
	for (int i = 0; i < depth - 1; i++)
		p->change[i] = 1 + sim_rand_next(&p->rng) % k;
	for (int i = 1; i < depth - 1; i++)
		for (int j = i; j > 0 && p->change[j] < p->change[j - 1]; j--) {
			uint64_t t = p->change[j];

			p->change[j] = p->change[j - 1];
			p->change[j - 1] = t;
		}
}

double pct_bound(int nthreads, uint64_t k, int depth)
{
	return 1.0 / ((double)nthreads * pow((double)k, depth - 1));
}
