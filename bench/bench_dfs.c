// SPDX-License-Identifier: GPL-2.0-only
/*
 * What sleep sets buy the bounded DFS: for scenarios whose bounded space
 * both searches cover, the schedules each runs to the end, the runs the
 * reduced one cuts, and the wall time of each (median of BENCH_MIN_RUNS,
 * the two alternating).  Full: 2 preemptions; quick: 1.
 *
 * Usage: bench_dfs [quick|full].  Table on stderr, JSON fragment
 * ("dfs": {...}) on stdout.
 */
#include "bench/bench.h"
#include "eras/era.h"
#include "explore/explore.h"
#include "tools/lib/cli.h"

static const char *const cases[][2] = {
	{ "pmd-share-migrate", "v4.19" },
	{ "pmd-share-poison", "v4.19" },
	{ "reclaim-mprotect", "v4.4" },
	{ "hugetlb-mprotect", "v6.18" },
	{ "bug-cve-2021-4002", "v4.19" },
};

#define NCASES (int)(sizeof(cases) / sizeof(cases[0]))

struct side {
	uint64_t schedules, cut;
	bool complete;
	struct figure s;
};

static void load(const char *name, const struct era *era,
		 struct world_spec *w)
{
	struct scn_ref ref;

	if (scn_ref_resolve(name, &ref) || scn_ref_load(&ref, era, w)) {
		fprintf(stderr, "bench_dfs: %s does not load\n", name);
		exit(1);
	}
}

static double search(const struct world_spec *w, const struct era *era,
		     int bound, bool sleep_sets, struct side *out)
{
	struct explore_options o = {
		.run = { .era = era, .max_steps = 100000 },
		.strategy = STRATEGY_DFS,
		.preemptions = bound,
		.no_sleep_sets = !sleep_sets,
		.runs = 10000000,
	};
	struct explore_result res;
	double t0 = now_ns();

	explore(w, &o, &res);
	out->schedules = res.runs;
	out->cut = res.pruned;
	out->complete = res.complete;
	explore_result_free(&res);
	return (now_ns() - t0) / 1e9;
}

int main(int argc, char **argv)
{
	bool quick = bench_is_quick(argc, argv, "bench_dfs");
	int bound = quick ? 1 : 2;
	struct side plain[NCASES], reduced[NCASES];

	for (int c = 0; c < NCASES; c++) {
		const struct era *era = era_find(cases[c][1]);
		double tp[BENCH_MIN_RUNS], tr[BENCH_MIN_RUNS];
		struct world_spec w;

		load(cases[c][0], era, &w);
		for (int r = 0; r < BENCH_MIN_RUNS; r++) {
			tp[r] = search(&w, era, bound, false, &plain[c]);
			tr[r] = search(&w, era, bound, true, &reduced[c]);
		}
		plain[c].s = figure_of(tp, BENCH_MIN_RUNS);
		reduced[c].s = figure_of(tr, BENCH_MIN_RUNS);
		world_spec_free(&w);
	}
	machine_destroy();
	sim_shutdown();

	fprintf(stderr, "dfs, %d preemption%s (%s): plain vs sleep sets, "
		"seconds median [min-max] of %d\n", bound,
		bound == 1 ? "" : "s", quick ? "quick" : "full",
		BENCH_MIN_RUNS);
	fprintf(stderr, "  %-20s %-6s %9s %9s %7s %22s %22s\n", "scenario",
		"era", "plain", "sleep", "cut", "plain s", "sleep s");
	for (int c = 0; c < NCASES; c++) {
		char a[40], b[40];

		snprintf(a, sizeof(a), "%.3f [%.3f-%.3f]", plain[c].s.median,
			 plain[c].s.min, plain[c].s.max);
		snprintf(b, sizeof(b), "%.3f [%.3f-%.3f]", reduced[c].s.median,
			 reduced[c].s.min, reduced[c].s.max);
		fprintf(stderr, "  %-20.20s %-6s %9llu %9llu %7llu %22s %22s%s\n",
			cases[c][0], cases[c][1],
			(unsigned long long)plain[c].schedules,
			(unsigned long long)reduced[c].schedules,
			(unsigned long long)reduced[c].cut, a, b,
			plain[c].complete && reduced[c].complete ?
				"" :
				"  (not complete)");
	}

	printf("\"dfs\": {\"mode\": \"%s\", \"preemptions\": %d, "
	       "\"runs\": %d, \"cases\": [", quick ? "quick" : "full", bound,
	       BENCH_MIN_RUNS);
	for (int c = 0; c < NCASES; c++) {
		printf("%s\n  {\"scenario\": \"%s\", \"era\": \"%s\", "
		       "\"complete\": %s, \"plain_schedules\": %llu, "
		       "\"sleep_schedules\": %llu, \"sleep_cut\": %llu, ",
		       c ? "," : "", cases[c][0], cases[c][1],
		       plain[c].complete && reduced[c].complete ? "true" :
								   "false",
		       (unsigned long long)plain[c].schedules,
		       (unsigned long long)reduced[c].schedules,
		       (unsigned long long)reduced[c].cut);
		bench_json_figure("plain_s", plain[c].s, ", ");
		bench_json_figure("sleep_s", reduced[c].s, "}");
	}
	printf("]}");
	return 0;
}
