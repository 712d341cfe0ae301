// SPDX-License-Identifier: GPL-2.0-only
/*
 * Greedy schedule shrinking.  A decision log is replayed with the replay
 * strategy, which stays on the current thread past the log's end or where
 * an entry says SIM_REPLAY_STAY.  First the shortest failing prefix is
 * found, then each remaining preemption is dropped if the violation
 * survives.  The result keeps SIM_REPLAY_STAY entries: replaying it gives
 * the shrunk run exactly.
 */
#include <stdlib.h>
#include <string.h>

#include "explore/shrink.h"
#include "sim/strategy.h"

#define SHRINK_MAX_TRIES 2000

size_t replay_run(const struct world_spec *w, const struct run_options *o,
		  const uint8_t *decisions, size_t n, struct run_result *r)
{
	struct sim_replay rp;

	sim_replay_init(&rp, decisions, n);
	if (world_run(w, o, &rp.s, r))
		r->outcome = -1;
	return rp.preemptions;
}

static bool still_fails(const struct world_spec *w, const struct run_options *o,
			const uint8_t *d, size_t n, const char *kind,
			size_t *tries)
{
	struct run_result r;

	(*tries)++;
	replay_run(w, o, d, n, &r);
	return r.outcome == SIM_VIOLATION && !r.in_setup &&
	       !strcmp(r.violation.kind, kind);
}

int shrink(const struct world_spec *w, const struct run_options *o,
	   const uint8_t *decisions, size_t n, const char *kind,
	   struct shrink_result *out)
{
	uint8_t *d = malloc(n ? n : 1);
	size_t lo = 0, hi = n;

	memset(out, 0, sizeof(*out));
	if (!d)
		return -1;
	memcpy(d, decisions, n);
	/* The shortest prefix that still fails (failure is monotone enough
	 * in practice; a non-monotone case only costs shrink quality). */
	while (lo < hi && out->tries < SHRINK_MAX_TRIES) {
		size_t mid = lo + (hi - lo) / 2;

		if (still_fails(w, o, d, mid, kind, &out->tries))
			hi = mid;
		else
			lo = mid + 1;
	}
	n = hi;
	/* Drop preemptions one at a time, from the end. */
	for (size_t i = n; i-- > 0 && out->tries < SHRINK_MAX_TRIES;) {
		uint8_t keep = d[i];

		if (keep == SIM_REPLAY_STAY)
			continue;
		d[i] = SIM_REPLAY_STAY;
		if (!still_fails(w, o, d, n, kind, &out->tries))
			d[i] = keep;
	}
	/* The shrunk log replays to the shrunk run exactly. */
	out->preemptions = replay_run(w, o, d, n, &out->run);
	out->decisions = d;
	out->n = n;
	return 0;
}
