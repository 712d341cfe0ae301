// SPDX-License-Identifier: GPL-2.0-only
/*
 * Protocol oracles: bracketing (I1/I3) and balance (I2), with a notifier
 * that does nothing, so only the kernel's own calls are judged.
 */
#include "check/check.h"
#include "eras/bugs.h"
#include "eras/era.h"
#include "explore/explore.h"
#include "mm/mmu_notifier.h"
#include "scenario/builtin.h"
#include "tests/tap.h"

static const struct mmu_notifier_ops quiet_ops = { .name = "quiet" };
static struct mmu_notifier quiet[2];

static void register_quiet(void *arg)
{
	for (int p = 0; p < 2; p++) {
		quiet[p].ops = &quiet_ops;
		CHECK_INT(mmu_notifier_register(&quiet[p], world_mm(p)), ==, 0);
	}
}

/* Registration takes locks: it runs in a simulated thread. */
static void attach_quiet(void)
{
	struct sim_config cfg = { .max_steps = 10000 };

	sim_reset(&cfg);
	sim_thread_create("register", register_quiet, NULL, 0);
	CHECK_INT(sim_run(), ==, SIM_OK);
}

/* The first violation kind PCT finds in 2000 runs, or "none". */
static const char *explore_kind(const char *scenario, const char *era,
				int bug, void (*after_setup)(void))
{
	static char kind[32];
	struct world_spec w;
	struct explore_options o = {
		.run = { .era = era_find(era), .max_steps = 100000,
			 .after_setup = after_setup,
			 .bugs = bug >= 0 ? 1ull << bug : 0 },
		.strategy = STRATEGY_PCT,
		.depth = 3,
		.runs = 2000,
	};
	struct explore_result r;

	builtin_find(scenario)->build(&w);
	CHECK_INT(explore(&w, &o, &r), ==, 0);
	snprintf(kind, sizeof(kind), "%s",
		 r.nviol ? r.viol[0].r.violation.kind : "none");
	explore_result_free(&r);
	world_spec_free(&w);
	return kind;
}

/* With a quiet notifier on both mms. */
static const char *first_violation(const char *scenario, const char *era,
				   int bug)
{
	return explore_kind(scenario, era, bug, attach_quiet);
}

/* The unshare of a narrowed range happens outside the bracket. */
static void narrow_range_is_unbracketed(void)
{
	static const char *const eras[] = { "v4.19", "v6.18" };

	for (int e = 0; e < 2; e++) {
		CHECK_STR(first_violation("bug-pmd-share-narrow-range",
					  eras[e], -1),
			  "none");
		CHECK_STR(first_violation("bug-pmd-share-narrow-range",
					  eras[e],
					  BUG_PMD_SHARE_NARROW_RANGE),
			  "notifier-unbracketed");
	}
}

/* 4.4 makes no bracketing promise: the same race is not judged so. */
static void clause_off_in_4_4(void)
{
	const char *k = first_violation("pmd-share-migrate", "v4.4", -1);

	CHECK(!strcmp(k, "lost-write") || !strcmp(k, "uaf"));
}

static void early_exit_is_unbalanced(void)
{
	CHECK_STR(first_violation("bug-notifier-early-exit", "v4.4-seed", -1),
		  "none");
	CHECK_STR(first_violation("bug-notifier-early-exit", "v4.4-seed",
				  BUG_NOTIFIER_EARLY_EXIT),
		  "notifier-unbalanced");
}

static const char *plain_first(const char *scenario, const char *era)
{
	return explore_kind(scenario, era, -1, NULL);
}

/*
 * I4: under 4.4 the IOMMU of p2 is never told about the shared entry's
 * removal, and the page is freed after migration: caught when the page
 * is freed, whatever the device does next.
 */
static void iommu_told_too_late_in_4_4(void)
{
	for (int e = 0; e < nr_eras; e++) {
		const char *want = strcmp(all_eras[e]->name, "v4.4") ?
					   "none" :
					   "secondary-late";

		CHECK_STR(plain_first("pmd-share-migrate-iommu",
				      all_eras[e]->name),
			  want);
	}
}

static int install_case;

/* Brackets and installs of one mm, in the order @install_case picks. */
static void installs(void *arg)
{
	uint64_t read;

	check_set_contract(0);
	switch (install_case) {
	case 0:	/* read, bracket opens and closes, install: stale */
		read = check_clock();
		sim_point();
		check_bracket_open(0, 0x1000, 0x3000);
		check_bracket_close(0, 0x1000, 0x3000);
		check_secondary_install(0, 0x2000, read);
		break;
	case 1:	/* install inside an open bracket: stale */
		check_bracket_open(0, 0x1000, 0x3000);
		read = check_clock();
		check_secondary_install(0, 0x2000, read);
		break;
	case 2:	/* bracket, then a fresh read and install: fine */
		check_bracket_open(0, 0x1000, 0x3000);
		check_bracket_close(0, 0x1000, 0x3000);
		sim_point();
		read = check_clock();
		check_secondary_install(0, 0x2000, read);
		/* another address, another mm: fine too */
		check_bracket_open(1, 0x1000, 0x3000);
		check_secondary_install(0, 0x4000, 0);
		check_secondary_install(2, 0x2000, 0);
		break;
	}
}

static const char *install_verdict(int c)
{
	struct sim_config cfg = { .max_steps = 1000 };

	install_case = c;
	sim_reset(&cfg);
	sim_thread_create("device", installs, NULL, 0);
	sim_run();
	return sim.outcome ? sim.violation.kind : "none";
}

/* I6/I7: installs are judged against when their read was made. */
static void install_after_invalidation_is_stale(void)
{
	CHECK_STR(install_verdict(0), "secondary-install-stale");
	CHECK_STR(install_verdict(1), "secondary-install-stale");
	CHECK_STR(install_verdict(2), "none");
}

static void cleanup(void)
{
	sim_shutdown();
	machine_destroy();
}

TAP_MAIN(TEST(narrow_range_is_unbracketed), TEST(clause_off_in_4_4),
	 TEST(early_exit_is_unbalanced), TEST(iommu_told_too_late_in_4_4),
	 TEST(install_after_invalidation_is_stale),
	 TEST(cleanup))
