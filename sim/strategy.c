// SPDX-License-Identifier: GPL-2.0-only
/*
 * The random and replay strategies.
 */
#include "sim/strategy.h"

static int random_pick(struct sim_strategy *s, sim_mask_t runnable, int cur)
{
	struct sim_random *r = (struct sim_random *)s;
	uint32_t n = (uint32_t)__builtin_popcountll(runnable);

	(void)cur;
	return sim_mask_nth(runnable, sim_rand_below(&r->rng, n));
}

static void random_begin(struct sim_strategy *s)
{
	struct sim_random *r = (struct sim_random *)s;

	sim_rand_seed(&r->rng, r->seed);
}

void sim_random_init(struct sim_random *r, uint64_t seed)
{
	r->s = (struct sim_strategy){ .name = "random", .pick = random_pick,
				       .begin = random_begin };
	r->seed = seed;
	sim_rand_seed(&r->rng, seed);
}

static int replay_default(sim_mask_t runnable, int cur)
{
	/* Keep the current thread going if it can run: no preemption. */
	if (cur >= 0 && (runnable & sim_bit(cur)))
		return cur;
	return __builtin_ctzll(runnable);
}

static int replay_pick(struct sim_strategy *s, sim_mask_t runnable, int cur)
{
	struct sim_replay *r = (struct sim_replay *)s;
	int id = -1;

	if (r->pos < r->len) {
		int v = r->v[r->pos++];

		if (v < SIM_MAX_THREADS && (runnable & sim_bit(v)))
			id = v;
		else if (v != SIM_REPLAY_STAY)
			r->diverged++;
	}
	if (id < 0)
		id = replay_default(runnable, cur);
	if (cur >= 0 && id != cur && (runnable & sim_bit(cur)))
		r->preemptions++;
	return id;
}

static void replay_begin(struct sim_strategy *s)
{
	struct sim_replay *r = (struct sim_replay *)s;

	r->pos = 0;
	r->diverged = 0;
	r->preemptions = 0;
}

void sim_replay_init(struct sim_replay *r, const uint8_t *v, size_t len)
{
	r->s = (struct sim_strategy){ .name = "replay", .pick = replay_pick,
				       .begin = replay_begin };
	r->v = v;
	r->len = len;
	r->pos = 0;
	r->diverged = 0;
	r->preemptions = 0;
}
