// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mmsim command.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eras/bugs.h"
#include "eras/era.h"
#include "explore/explore.h"
#include "scenario/builtin.h"
#include "sim/strategy.h"

static int cmd_explore(int argc, char **argv)
{
	struct explore_options o = { .runs = 1000, .run.max_steps = 100000 };
	struct explore_result res;
	struct world_spec w;
	const struct builtin *b = NULL;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--era") && i + 1 < argc)
			o.run.era = era_find(argv[++i]);
		else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			o.runs = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			o.seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--strategy") && i + 1 < argc)
			o.strategy = strategy_parse(argv[++i]);
		else if (!strcmp(argv[i], "--depth") && i + 1 < argc)
			o.depth = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--preemptions") && i + 1 < argc)
			o.preemptions = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--jobs") && i + 1 < argc)
			o.jobs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--bug") && i + 1 < argc)
			o.run.bugs |= 1ull << bug_find(argv[++i]);
		else
			b = builtin_find(argv[i]);
	}
	if (!b || !o.run.era)
		return 2;
	b->build(&w);
	explore(&w, &o, &res);
	if (res.nviol)
		printf("%s: violation %s after %" PRIu64 " runs: %s\n", w.name,
		       res.viol[0].r.violation.kind, res.viol[0].run + 1,
		       res.viol[0].r.violation.msg);
	else
		printf("%s: none in %" PRIu64 " runs\n", w.name, res.runs);
	explore_result_free(&res);
	world_spec_free(&w);
	return res.nviol ? 1 : 0;
}

static void print_events(void)
{
	uint64_t n = sim.evlog.n, first = n > SIM_EVLOG_CAP ? n - SIM_EVLOG_CAP : 0;
	char line[256];

	for (uint64_t i = first; i < n; i++) {
		sim_evlog_format(&sim.evlog.ev[i & (SIM_EVLOG_CAP - 1)], line,
				 sizeof(line));
		printf("%s\n", line);
	}
}

static int cmd_run(int argc, char **argv)
{
	struct run_options o = { .max_steps = 100000, .keep_events = true };
	struct sim_random rnd;
	struct run_result r;
	struct world_spec w;
	const struct builtin *b = NULL;
	uint64_t seed = 0;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--era") && i + 1 < argc)
			o.era = era_find(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else
			b = builtin_find(argv[i]);
	}
	if (!b || !o.era)
		return 2;
	b->build(&w);
	sim_random_init(&rnd, seed);
	world_run(&w, &o, &rnd.s, &r);
	print_events();
	printf("outcome %d %s %s\n", r.outcome, r.violation.kind, r.violation.msg);
	world_spec_free(&w);
	return r.outcome ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (argc > 1 && !strcmp(argv[1], "explore"))
		return cmd_explore(argc - 2, argv + 2);
	return 2;
}
