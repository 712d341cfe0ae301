// SPDX-License-Identifier: GPL-2.0-only
/*
 * The explorer's throughput and reach.
 *
 *   executions/s per core: each built-in scenario, random and PCT (depth
 *       3), one worker, for a fixed time, collecting every violation
 *       (so a scenario that fails does not stop the count).
 *   time to first violation: each bug switch whose scenario is built in,
 *       run as the first era its bug_table[] entry names, random
 *       strategy, seeds 1..10; median, min and max over the seeds that
 *       found it, and how many did within the limit.
 *   --jobs 2 over --jobs 1: executions/s of the first built-in with two
 *       worker processes against one.
 *
 * Usage: bench_explore [quick|full].  Table on stderr, JSON fragment
 * ("explore": {...}) on stdout.
 */
#include "bench/bench.h"
#include "eras/bugs.h"
#include "eras/era.h"
#include "explore/explore.h"
#include "scenario/builtin.h"

#define NSEEDS 10
#define MAX_STEPS 100000
#define PCT_DEPTH 3

static double budget_s;		/* per throughput measurement */
static double limit_s;		/* per time-to-first-violation search */

static double explore_rate(const struct builtin *b, int strategy, int jobs)
{
	struct explore_options o = {
		.run.max_steps = MAX_STEPS,
		.strategy = strategy,
		.depth = PCT_DEPTH,
		.seed = 1,
		.seconds = budget_s,
		.all = true,
		.jobs = jobs,
	};
	struct explore_result res;
	struct world_spec w;
	double rate;

	if (b->build(&w)) {
		fprintf(stderr, "bench_explore: %s does not build\n", b->name);
		exit(1);
	}
	explore(&w, &o, &res);
	rate = (double)res.runs / res.seconds;
	explore_result_free(&res);
	world_spec_free(&w);
	return rate;
}

static struct figure rate_figure(const struct builtin *b, int strategy,
				 int jobs)
{
	double v[BENCH_MIN_RUNS];

	for (int r = 0; r < BENCH_MIN_RUNS; r++)
		v[r] = explore_rate(b, strategy, jobs);
	return figure_of(v, BENCH_MIN_RUNS);
}

struct ttfv {
	const char *bug, *era, *scenario;
	char kind[32];		/* of the last seed's find */
	int found;
	struct figure s;	/* seconds, over the seeds that found it */
	bool has_scenario;
};

static struct ttfv time_to_first(int bug)
{
	const struct bug_info *bi = &bug_table[bug];
	const struct builtin *b = builtin_find(bi->scenario);
	const struct era *era = bug_first_era(bi);
	struct ttfv t = { bi->name, era ? era->name : "?", bi->scenario,
			  "", 0, { 0, 0, 0 }, b && era };

	double v[NSEEDS];
	struct world_spec w;

	if (!t.has_scenario)
		return t;
	for (int s = 1; s <= NSEEDS; s++) {
		struct explore_options o = {
			.run.era = era,
			.run.bugs = 1ull << bug,
			.run.max_steps = MAX_STEPS,
			/* mmsim explore's defaults: PCT, depth 3 */
			.strategy = STRATEGY_PCT,
			.depth = 3,
			/* seeds far apart: run i uses seed + i */
			.seed = (uint64_t)s * 1000000,
			.seconds = limit_s,
			.jobs = 1,
		};
		struct explore_result res;

		if (b->build(&w))
			exit(1);
		explore(&w, &o, &res);
		if (res.nviol) {
			v[t.found++] = res.viol[0].seconds;
			snprintf(t.kind, sizeof(t.kind), "%s",
				 res.viol[0].r.violation.kind);
		}
		explore_result_free(&res);
		world_spec_free(&w);
	}
	if (t.found)
		t.s = figure_of(v, t.found);
	return t;
}

int main(int argc, char **argv)
{
	bool quick = bench_is_quick(argc, argv, "bench_explore");
	struct figure rnd[64], pct[64], j1, j2;
	struct ttfv tt[NR_BUG_SWITCHES];
	int nb = nr_builtins < 64 ? nr_builtins : 64;

	budget_s = quick ? 0.1 : 0.5;
	limit_s = quick ? 0.2 : 5;
	for (int i = 0; i < nb; i++) {
		rnd[i] = rate_figure(&builtins[i], STRATEGY_RANDOM, 1);
		pct[i] = rate_figure(&builtins[i], STRATEGY_PCT, 1);
	}
	for (int bug = 0; bug < NR_BUG_SWITCHES; bug++)
		tt[bug] = time_to_first(bug);
	j1 = rate_figure(&builtins[0], STRATEGY_RANDOM, 1);
	j2 = rate_figure(&builtins[0], STRATEGY_RANDOM, 2);
	machine_destroy();
	sim_shutdown();

	fprintf(stderr, "explore (%s, %.2f s per measurement, median "
		"[min-max] of %d)\n", quick ? "quick" : "full", budget_s,
		BENCH_MIN_RUNS);
	fprintf(stderr, "  %-28s %22s %22s\n", "executions/s, 1 worker",
		"random", "pct");
	for (int i = 0; i < nb; i++) {
		char a[40], b[40];

		snprintf(a, sizeof(a), "%.0f [%.0f-%.0f]", rnd[i].median,
			 rnd[i].min, rnd[i].max);
		snprintf(b, sizeof(b), "%.0f [%.0f-%.0f]", pct[i].median,
			 pct[i].min, pct[i].max);
		fprintf(stderr, "  %-28s %22s %22s\n", builtins[i].name, a, b);
	}
	fprintf(stderr, "  time to first violation (pct, seeds 1e6..%de6, "
		"limit %.1f s)\n", NSEEDS, limit_s);
	for (int bug = 0; bug < NR_BUG_SWITCHES; bug++) {
		if (!tt[bug].has_scenario) {
			fprintf(stderr, "  %-30s no built-in scenario \"%s\" on "
				"this branch\n", tt[bug].bug, tt[bug].scenario);
			continue;
		}
		fprintf(stderr, "  %-30s %-9s %2d/%d found, %.2f ms [%.2f-"
			"%.2f] %s\n", tt[bug].bug, tt[bug].era, tt[bug].found,
			NSEEDS, tt[bug].s.median * 1e3, tt[bug].s.min * 1e3,
			tt[bug].s.max * 1e3, tt[bug].kind);
	}
	fprintf(stderr, "  --jobs 2 over --jobs 1 on %s: %.2fx (%.0f vs "
		"%.0f executions/s)\n", builtins[0].name, j2.median / j1.median,
		j2.median, j1.median);

	printf("\"explore\": {\"mode\": \"%s\", \"runs\": %d, "
	       "\"seconds_per_measurement\": %.2f,\n \"executions_per_s\": {",
	       quick ? "quick" : "full", BENCH_MIN_RUNS, budget_s);
	for (int i = 0; i < nb; i++) {
		printf("%s\n  \"%s\": {", i ? "," : "", builtins[i].name);
		bench_json_figure("random", rnd[i], ", ");
		bench_json_figure("pct", pct[i], "}");
	}
	printf("},\n \"time_to_first_violation\": {");
	for (int bug = 0, first = 1; bug < NR_BUG_SWITCHES; bug++) {
		if (!tt[bug].has_scenario)
			continue;
		printf("%s\n  \"%s\": {\"era\": \"%s\", \"scenario\": \"%s\", "
		       "\"violation\": \"%s\", \"found\": %d, \"seeds\": %d, ",
		       first ? "" : ",", tt[bug].bug, tt[bug].era,
		       tt[bug].scenario, tt[bug].kind, tt[bug].found, NSEEDS);
		printf("\"ms\": {\"median\": %.3f, \"min\": %.3f, "
		       "\"max\": %.3f}}", tt[bug].s.median * 1e3,
		       tt[bug].s.min * 1e3, tt[bug].s.max * 1e3);
		first = 0;
	}
	printf("},\n \"jobs2_speedup\": %.3f, ", j2.median / j1.median);
	bench_json_figure("jobs1_executions_per_s", j1, ", ");
	bench_json_figure("jobs2_executions_per_s", j2, "}");
	return 0;
}
