// SPDX-License-Identifier: GPL-2.0-only
/*
 * The checker has teeth: each bug switch, on its own scenario in the
 * first era its catalogue entry names (where the bug is absent), is found
 * by the default exploration (PCT, depth 3) within the budget, with a
 * violation of a kind the catalogue expects; the same budget without the
 * switch finds nothing.
 */
#include "eras/bugs.h"
#include "eras/era.h"
#include "explore/explore.h"
#include "scenario/builtin.h"
#include "tests/tap.h"

#define BUDGET 4000

static bool kind_expected(const struct bug_info *b, const char *kind)
{
	const char *p = b->expect;
	size_t n = strlen(kind);

	while ((p = strstr(p, kind))) {
		if ((p == b->expect || p[-1] == ' ') &&
		    (p[n] == ' ' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

static int explore_bug(int bug, bool on, char *kind, size_t len)
{
	const struct bug_info *b = &bug_table[bug];
	struct explore_options o = {
		.run = { .era = bug_first_era(b), .max_steps = 100000,
			 .bugs = on ? 1ull << bug : 0 },
		.strategy = STRATEGY_PCT,
		.depth = 3,
		.runs = BUDGET,
	};
	const struct builtin *sc = builtin_find(b->scenario);
	struct explore_result r;
	struct world_spec w;
	int n;

	CHECK(o.run.era != NULL);
	CHECK(sc != NULL);
	if (!sc || !o.run.era)
		return -1;
	sc->build(&w);
	CHECK_INT(explore(&w, &o, &r), ==, 0);
	n = r.nviol;
	snprintf(kind, len, "%s", n ? r.viol[0].r.violation.kind : "none");
	if (n)
		printf("# %s: %s after %llu runs\n", b->name, kind,
		       (unsigned long long)r.viol[0].run + 1);
	explore_result_free(&r);
	world_spec_free(&w);
	return n;
}

static void check_switch(int bug)
{
	char kind[32];

	CHECK_INT(explore_bug(bug, false, kind, sizeof(kind)), ==, 0);
	CHECK_STR(kind, "none");
	CHECK_INT(explore_bug(bug, true, kind, sizeof(kind)), ==, 1);
	if (!kind_expected(&bug_table[bug], kind))
		CHECK_STR(kind, bug_table[bug].expect);
}

#define SWITCH_TEST(fn, bug)                                                 \
	static void fn(void)                                                 \
	{                                                                    \
		check_switch(bug);                                           \
	}

SWITCH_TEST(pmd_share_no_unshare, BUG_PMD_SHARE_NO_UNSHARE)
SWITCH_TEST(pmd_share_narrow_range, BUG_PMD_SHARE_NARROW_RANGE)
SWITCH_TEST(adjust_range_pre_75802ca66354, BUG_ADJUST_RANGE_PRE_75802CA66354)
SWITCH_TEST(cve_2021_4002, BUG_CVE_2021_4002)
SWITCH_TEST(notify_single_page, BUG_NOTIFY_SINGLE_PAGE)
SWITCH_TEST(batched_flush_not_pending, BUG_BATCHED_FLUSH_NOT_PENDING)
SWITCH_TEST(cve_2018_18281, BUG_CVE_2018_18281)
SWITCH_TEST(notifier_early_exit, BUG_NOTIFIER_EARLY_EXIT)

/* Every switch has a catalogue entry that resolves. */
static void catalogue_is_complete(void)
{
	for (int i = 0; i < NR_BUG_SWITCHES; i++) {
		const struct bug_info *b = &bug_table[i];

		CHECK(b->name && b->fix && b->summary && b->expect);
		CHECK_INT(bug_find(b->name), ==, i);
		CHECK(bug_first_era(b) != NULL);
		CHECK(builtin_find(b->scenario) != NULL);
	}
}

static void cleanup(void)
{
	sim_shutdown();
	machine_destroy();
}

TAP_MAIN(TEST(catalogue_is_complete), TEST(pmd_share_no_unshare),
	 TEST(pmd_share_narrow_range), TEST(adjust_range_pre_75802ca66354),
	 TEST(cve_2021_4002), TEST(notify_single_page),
	 TEST(batched_flush_not_pending), TEST(cve_2018_18281),
	 TEST(notifier_early_exit), TEST(cleanup))
