// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exploration loop.  Run i uses the seed (o->seed + i), so runs are
 * independent and any one can be re-run alone.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "explore/explore.h"
#include "sim/strategy.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void keep_decisions(struct explore_result *res)
{
	free(res->decisions);
	res->ndecisions = sim.decisions.len;
	res->decisions = malloc(res->ndecisions ? res->ndecisions : 1);
	if (res->decisions)
		memcpy(res->decisions, sim.decisions.v, res->ndecisions);
}

int explore(const struct world_spec *w, const struct explore_options *o,
	    struct explore_result *res)
{
	double t0 = now();

	memset(res, 0, sizeof(*res));
	for (uint64_t i = 0; !o->runs || i < o->runs; i++) {
		struct sim_random rnd;
		struct run_result r;

		if (o->seconds > 0 && now() - t0 > o->seconds)
			break;
		sim_random_init(&rnd, o->seed + i);
		if (world_run(w, &o->run, &rnd.s, &r))
			return -1;
		res->runs++;
		res->steps += r.steps;
		if (r.outcome == SIM_OK || res->found)
			continue;
		res->found = true;
		res->first = r;
		res->first_run = i;
		res->first_seed = o->seed + i;
		res->first_seconds = now() - t0;
		keep_decisions(res);
		if (!o->all)
			break;
	}
	res->seconds = now() - t0;
	return 0;
}

void explore_result_free(struct explore_result *res)
{
	free(res->decisions);
	res->decisions = NULL;
}
