/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Atomic operations, kernel names.  Each is a scheduling point followed by
 * the operation: the operation itself cannot be torn because every
 * simulated thread runs on the one host thread, so the point is what
 * models the interleaving another CPU could see.
 *
 * Arithmetic wraps like the kernel's (which builds with
 * -fno-strict-overflow): it is done in unsigned and converted back.
 */
#ifndef MMSIM_SIM_ATOMIC_H
#define MMSIM_SIM_ATOMIC_H

#include <stdbool.h>

#include "sim/footprint.h"
#include "sim/sim.h"
#include "sim/types.h"

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i) { (i) }

static inline int __atomic_wrap_add(int a, int b)
{
	return (int)((unsigned int)a + (unsigned int)b);
}

static inline int atomic_read(const atomic_t *v)
{
	sim_point();
	sim_touch(v, false);
	return v->counter;
}

static inline void atomic_set(atomic_t *v, int i)
{
	sim_point();
	sim_touch(v, true);
	v->counter = i;
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	sim_point();
	sim_touch(v, true);
	v->counter = __atomic_wrap_add(v->counter, i);
	return v->counter;
}

static inline int atomic_sub_return(int i, atomic_t *v)
{
	return atomic_add_return((int)(0u - (unsigned int)i), v);
}

static inline void atomic_add(int i, atomic_t *v)
{
	atomic_add_return(i, v);
}

static inline void atomic_sub(int i, atomic_t *v)
{
	atomic_sub_return(i, v);
}

static inline int atomic_inc_return(atomic_t *v)
{
	return atomic_add_return(1, v);
}

static inline int atomic_dec_return(atomic_t *v)
{
	return atomic_add_return(-1, v);
}

static inline void atomic_inc(atomic_t *v)
{
	atomic_add_return(1, v);
}

static inline void atomic_dec(atomic_t *v)
{
	atomic_add_return(-1, v);
}

static inline bool atomic_dec_and_test(atomic_t *v)
{
	return atomic_add_return(-1, v) == 0;
}

/* Returns the value found; the store happened iff it equals @old. */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	int cur;

	sim_point();
	sim_touch(v, true);
	cur = v->counter;
	if (cur == old)
		v->counter = new;
	return cur;
}

/* Increment unless zero (a get on an object that may be dying). */
static inline bool atomic_inc_not_zero(atomic_t *v)
{
	sim_point();
	sim_touch(v, true);
	if (!v->counter)
		return false;
	v->counter = __atomic_wrap_add(v->counter, 1);
	return true;
}

/* cmpxchg64(): returns the value found; stored iff it equals @old. */
static inline u64 sim_cmpxchg_u64(u64 *p, u64 old, u64 new)
{
	u64 cur;

	sim_point();
	sim_touch(p, true);
	cur = *p;
	if (cur == old)
		*p = new;
	return cur;
}

/* READ_ONCE()/WRITE_ONCE() of a 64-bit word (a PTE, a sequence). */
static inline u64 sim_read_once_u64(const u64 *p)
{
	sim_point();
	sim_touch(p, false);
	return *p;
}

static inline void sim_write_once_u64(u64 *p, u64 v)
{
	sim_point();
	sim_touch(p, true);
	*p = v;
}

#endif /* MMSIM_SIM_ATOMIC_H */
