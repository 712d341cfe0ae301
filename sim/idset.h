/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A growable bitmap of small non-negative ids (mm ids): a set that costs
 * one bit a member and, unlike a uint64_t mask, has no upper bound.  The
 * words grow on the first set of a high id and are kept across clears,
 * so a set that is filled and emptied again and again allocates once.
 * Iteration (idset_next) is in ascending id order, which for mm ids is
 * creation order: the order users of the 64-bit masks relied on.
 *
 * Host memory exhaustion aborts: the model cannot go on without the set,
 * and the callers are void paths of modelled kernel code.
 */
#ifndef MMSIM_SIM_IDSET_H
#define MMSIM_SIM_IDSET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct idset {
	uint64_t *w;
	uint32_t nw;	/* words allocated */
	uint32_t hi;	/* words that may hold a set bit: 0..hi-1 */
};

static inline bool idset_test(const struct idset *s, int id)
{
	uint32_t i = (uint32_t)id / 64;

	return i < s->hi && (s->w[i] >> ((uint32_t)id % 64) & 1);
}

static inline void idset_add(struct idset *s, int id)
{
	uint32_t i = (uint32_t)id / 64;

	if (i >= s->nw) {
		uint32_t nw = s->nw ? s->nw : 1;
		uint64_t *w;

		while (nw <= i)
			nw *= 2;
		w = realloc(s->w, nw * sizeof(*w));
		if (!w)
			abort();	/* host out of memory */
		memset(w + s->nw, 0, (nw - s->nw) * sizeof(*w));
		s->w = w;
		s->nw = nw;
	}
	if (i >= s->hi)
		s->hi = i + 1;
	s->w[i] |= 1ull << ((uint32_t)id % 64);
}

static inline bool idset_empty(const struct idset *s)
{
	for (uint32_t i = 0; i < s->hi; i++)
		if (s->w[i])
			return false;
	return true;
}

/* The smallest member >= @from, or -1. */
static inline int idset_next(const struct idset *s, int from)
{
	uint32_t i = (uint32_t)from / 64;
	uint64_t m;

	if (i >= s->hi)
		return -1;
	m = s->w[i] & (~0ull << ((uint32_t)from % 64));
	while (!m) {
		if (++i >= s->hi)
			return -1;
		m = s->w[i];
	}
	return (int)(i * 64 + (uint32_t)__builtin_ctzll(m));
}

/* Empty the set; only the words that may hold a bit are touched. */
static inline void idset_clear(struct idset *s)
{
	if (s->hi)
		memset(s->w, 0, s->hi * sizeof(*s->w));
	s->hi = 0;
}

static inline void idset_free(struct idset *s)
{
	free(s->w);
	s->w = NULL;
	s->nw = s->hi = 0;
}

#define idset_for_each(id, s) \
	for ((id) = idset_next((s), 0); (id) >= 0; \
	     (id) = idset_next((s), (id) + 1))

#endif /* MMSIM_SIM_IDSET_H */
