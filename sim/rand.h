/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A seeded PRNG (xoshiro256**, seeded through splitmix64).  Every random
 * choice in a run comes from one of these, so a seed fixes the run.
 */
#ifndef MMSIM_SIM_RAND_H
#define MMSIM_SIM_RAND_H

#include <stdint.h>

struct sim_rand {
	uint64_t s[4];
};

static inline uint64_t sim_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline void sim_rand_seed(struct sim_rand *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = sim_splitmix64(&seed);
}

static inline uint64_t sim_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t sim_rand_next(struct sim_rand *r)
{
	uint64_t *s = r->s;
	uint64_t result = sim_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = sim_rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift; bias < 2^-32). */
static inline uint32_t sim_rand_below(struct sim_rand *r, uint32_t n)
{
	return (uint32_t)(((sim_rand_next(r) >> 32) * (uint64_t)n) >> 32);
}

#endif /* MMSIM_SIM_RAND_H */
