/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shrinking a failing schedule: fewer choices and fewer preemptions that
 * still give the same violation (same kind), replayed each time.
 */
#ifndef MMSIM_EXPLORE_SHRINK_H
#define MMSIM_EXPLORE_SHRINK_H

#include <stddef.h>
#include <stdint.h>

#include "scenario/world.h"

struct shrink_result {
	uint8_t *decisions;	/* the shrunk log, as recorded on replay */
	size_t n;
	size_t preemptions;
	size_t tries;
	struct run_result run;
};

/* Returns 0 and fills @out (caller frees out->decisions). */
int shrink(const struct world_spec *w, const struct run_options *o,
	   const uint8_t *decisions, size_t n, const char *kind,
	   struct shrink_result *out);
/* Replay @decisions once; fills @r; returns the preemptions it took. */
size_t replay_run(const struct world_spec *w, const struct run_options *o,
		  const uint8_t *decisions, size_t n, struct run_result *r);

#endif /* MMSIM_EXPLORE_SHRINK_H */
