/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Completions, as in the kernel: complete() lets one waiter through (or
 * the next one to come), complete_all() lets every present and future
 * waiter through until reinit_completion().  Every call is a scheduling
 * point; wait_for_completion() may sleep.
 */
#ifndef MMSIM_SIM_COMPLETION_H
#define MMSIM_SIM_COMPLETION_H

#include <limits.h>

#include "sim/footprint.h"
#include "sim/sim.h"

/* done == COMPLETION_ALL after complete_all(): it never counts down. */
#define COMPLETION_ALL UINT_MAX

struct completion {
	unsigned int done;
	struct sim_waitq wq;
};

/* The name (the argument's text) is what a deadlock report shows. */
#define init_completion(x) __init_completion((x), #x)
void __init_completion(struct completion *x, const char *name);
void reinit_completion(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
/* True if a wait would not block; consumes one completion if so. */
bool try_wait_for_completion(struct completion *x);
/* True if complete() was called and nobody consumed it (no point). */
static inline bool completion_done(const struct completion *x)
{
	sim_touch(x, false);
	return x->done != 0;
}

#endif /* MMSIM_SIM_COMPLETION_H */
