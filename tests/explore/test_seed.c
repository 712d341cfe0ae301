// SPDX-License-Identifier: GPL-2.0-only
/*
 * The seed race, end to end: pmd-share-migrate is found under v4.4 and
 * not under any era with the fix; found runs replay and shrink; the
 * explorer is deterministic per seed and per job count.
 */
#include "eras/era.h"
#include "explore/explore.h"
#include "explore/shrink.h"
#include "scenario/builtin.h"
#include "tests/tap.h"

static struct world_spec w;

static void build(const char *name)
{
	world_spec_free(&w);
	CHECK_INT(builtin_find(name)->build(&w), ==, 0);
}

static struct explore_options opts(const char *era, int strategy,
				   uint64_t runs)
{
	struct explore_options o = {
		.run = { .era = era_find(era), .max_steps = 100000 },
		.strategy = strategy,
		.depth = 3,
		.preemptions = 2,
		.runs = runs,
	};

	return o;
}

static bool is_data_loss(const char *kind)
{
	return !strcmp(kind, "lost-write") || !strcmp(kind, "uaf") ||
	       !strcmp(kind, "stale-read");
}

static void found_under_v44(void)
{
	static const int strategies[] = { STRATEGY_RANDOM, STRATEGY_PCT,
					  STRATEGY_DFS };

	build("pmd-share-migrate");
	for (int i = 0; i < 3; i++) {
		struct explore_options o = opts("v4.4", strategies[i], 5000);
		struct explore_result r;

		CHECK_INT(explore(&w, &o, &r), ==, 0);
		CHECK_INT(r.nviol, ==, 1);
		if (r.nviol)
			CHECK(is_data_loss(r.viol[0].r.violation.kind));
		explore_result_free(&r);
	}
}

static void absent_with_the_fix(void)
{
	static const char *const eras[] = { "v4.4-seed", "v4.4.y", "v4.19",
					    "v6.18" };

	build("pmd-share-migrate");
	for (int e = 0; e < 4; e++) {
		for (int s = STRATEGY_RANDOM; s <= STRATEGY_PCT; s++) {
			struct explore_options o = opts(eras[e], s, 3000);
			struct explore_result r;

			CHECK_INT(explore(&w, &o, &r), ==, 0);
			CHECK_INT(r.nviol, ==, 0);
			CHECK_U64(r.runs, ==, 3000);
			if (r.nviol)
				printf("# %s: %s\n", eras[e],
				       r.viol[0].r.violation.msg);
			explore_result_free(&r);
		}
	}
}

/* Memory failure takes the same rmap path as migration in 4.4. */
static void poison_of_a_shared_page(void)
{
	for (int e = 0; e < nr_eras; e++) {
		struct explore_options o = opts(all_eras[e]->name,
						STRATEGY_PCT, 3000);
		struct explore_result r;
		bool fixed = strcmp(all_eras[e]->name, "v4.4") != 0;

		build("pmd-share-poison");
		CHECK_INT(explore(&w, &o, &r), ==, 0);
		CHECK_INT(r.nviol, ==, fixed ? 0 : 1);
		if (r.nviol)
			CHECK_STR(r.viol[0].r.violation.kind, "uaf");
		explore_result_free(&r);
	}
}

static void dfs_covers_the_bounded_space(void)
{
	struct explore_options o = opts("v4.19", STRATEGY_DFS, 0);
	struct explore_result r;

	build("pmd-share-migrate");
	o.preemptions = 1;
	CHECK_INT(explore(&w, &o, &r), ==, 0);
	CHECK(r.complete);
	CHECK_INT(r.nviol, ==, 0);
	CHECK_U64(r.runs, >, 10);
	explore_result_free(&r);
}

static void replay_gives_the_same_violation(void)
{
	struct explore_options o = opts("v4.4", STRATEGY_RANDOM, 5000);
	struct explore_result r;
	struct run_result again;

	build("pmd-share-migrate");
	CHECK_INT(explore(&w, &o, &r), ==, 0);
	CHECK_INT(r.nviol, ==, 1);
	if (!r.nviol)
		return;
	replay_run(&w, &o.run, r.viol[0].decisions, r.viol[0].ndecisions,
		   &again);
	CHECK_INT(again.outcome, ==, SIM_VIOLATION);
	CHECK_STR(again.violation.kind, r.viol[0].r.violation.kind);
	CHECK_STR(again.violation.msg, r.viol[0].r.violation.msg);
	CHECK_U64(again.violation.step, ==, r.viol[0].r.violation.step);
	explore_result_free(&r);
}

static void shrink_keeps_the_violation(void)
{
	struct explore_options o = opts("v4.4", STRATEGY_RANDOM, 5000);
	struct explore_result r;
	struct run_result again;
	size_t before;

	build("pmd-share-migrate");
	CHECK_INT(explore(&w, &o, &r), ==, 0);
	if (!r.nviol) {
		CHECK_INT(r.nviol, ==, 1);
		return;
	}
	before = replay_run(&w, &o.run, r.viol[0].decisions,
			    r.viol[0].ndecisions, &again);
	explore_result_free(&r);
	o.shrink = true;
	CHECK_INT(explore(&w, &o, &r), ==, 0);
	CHECK(r.viol[0].shrunk);
	CHECK_U64(r.viol[0].preemptions, <=, before);
	replay_run(&w, &o.run, r.viol[0].decisions, r.viol[0].ndecisions,
		   &again);
	CHECK_STR(again.violation.kind, r.viol[0].r.violation.kind);
	explore_result_free(&r);
}

static void jobs_find_the_same_run(void)
{
	struct explore_options o = opts("v4.4", STRATEGY_RANDOM, 5000);
	struct explore_result one, two;

	build("pmd-share-migrate");
	CHECK_INT(explore(&w, &o, &one), ==, 0);
	o.jobs = 2;
	CHECK_INT(explore(&w, &o, &two), ==, 0);
	CHECK_INT(two.crashed_workers, ==, 0);
	CHECK_INT(one.nviol, ==, 1);
	CHECK_INT(two.nviol, ==, 1);
	if (one.nviol && two.nviol) {
		CHECK_U64(two.viol[0].run, ==, one.viol[0].run);
		CHECK_U64(two.viol[0].seed, ==, one.viol[0].seed);
		CHECK_STR(two.viol[0].r.violation.msg,
			  one.viol[0].r.violation.msg);
	}
	explore_result_free(&one);
	explore_result_free(&two);
}

static void cleanup(void)
{
	world_spec_free(&w);
	sim_shutdown();
	machine_destroy();
}

TAP_MAIN(TEST(found_under_v44), TEST(absent_with_the_fix),
	 TEST(poison_of_a_shared_page),
	 TEST(dfs_covers_the_bounded_space),
	 TEST(replay_gives_the_same_violation),
	 TEST(shrink_keeps_the_violation), TEST(jobs_find_the_same_run),
	 TEST(cleanup))
