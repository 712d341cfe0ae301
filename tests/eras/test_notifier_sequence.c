// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each era's notifier calls for one unmap, in order and with ranges, as
 * kernel-semantics §1-§2 give them.  The unmap: migration of huge page
 * HP0 of a hugetlbfs file mapped by p1 and p2 at 1 GiB, sharing one PMD
 * table; the rmap walk visits p1 first.
 *
 *   0x40000000        0x40200000                          0x80000000
 *   [HP0 migrated    ][HP1 ...                                    ]
 *   |<------------------ PUD range [1G, 2G) ----------------------->|
 */
#include <stdio.h>
#include <stdlib.h>

#include "eras/era.h"
#include "mm/events.h"
#include "mm/mmu_notifier.h"
#include "scenario/builtin.h"
#include "sim/strategy.h"
#include "tests/helpers.h"
#include "tests/tap.h"

#define PUD "[0x40000000,0x80000000)"
#define PG "[0x40000000,0x40001000)"

static char seq[2048];

/* Run the migration alone and list the notifier calls it made. */
static const char *notifier_calls(const char *era)
{
	struct run_options o = { .era = era_find(era), .max_steps = 100000,
				 .keep_events = true };
	struct world_spec w;
	struct sim_random rnd;
	struct run_result r;

	builtin_find("pmd-share-migrate")->build(&w);
	/* keep only the migration thread */
	for (int i = 0; i < w.nthreads - 1; i++)
		free(w.threads[i].ops);
	w.threads[0] = w.threads[w.nthreads - 1];
	w.nthreads = 1;
	sim_random_init(&rnd, 1);
	CHECK_INT(world_run(&w, &o, &rnd.s, &r), ==, 0);
	CHECK_INT(r.outcome, ==, SIM_OK);
	test_notifier_calls(seq, sizeof(seq));
	world_spec_free(&w);
	return seq;
}

/* 4.4: one invalidate_page, after the PTL; the walk stops at p1. */
static void v4_4(void)
{
	CHECK_STR(notifier_calls("v4.4"), "invalidate_page" PG);
}

/* The seed: start/end over the PUD for both mms; invalidate_range
 * under the PTL, after the unshare in p1 and after the unmap in p2. */
static void v4_4_seed(void)
{
	CHECK_STR(notifier_calls("v4.4-seed"),
		  "invalidate_range_start" PUD " invalidate_range" PUD
		  " invalidate_range_end" PUD " invalidate_range_start" PUD
		  " invalidate_range" PUD " invalidate_range_end" PUD);
}

/* 4.4.y: start/end because sharing is possible; invalidate_page kept. */
static void v4_4_y(void)
{
	CHECK_STR(notifier_calls("v4.4.y"),
		  "invalidate_range_start" PUD " invalidate_page" PG
		  " invalidate_range_end" PUD " invalidate_range_start" PUD
		  " invalidate_page" PG " invalidate_range_end" PUD);
}

/* 4.19: invalidate_range after the unshare; none for the migration
 * entry (racers wait on it); end is the full form. */
static void v4_19(void)
{
	CHECK_STR(notifier_calls("v4.19"),
		  "invalidate_range_start" PUD " invalidate_range" PUD
		  " invalidate_range_end" PUD " invalidate_range_start" PUD
		  " invalidate_range_end" PUD);
}

/* 6.18: start/end only; secondary TLBs go with the arch flush (no mm
 * here has notifiers, so the arch call is not made). */
static void v6_18(void)
{
	CHECK_STR(notifier_calls("v6.18"),
		  "invalidate_range_start" PUD " invalidate_range_end" PUD
		  " invalidate_range_start" PUD " invalidate_range_end" PUD);
}

static void cleanup(void)
{
	sim_shutdown();
	machine_destroy();
}

TAP_MAIN(TEST(v4_4), TEST(v4_4_seed), TEST(v4_4_y), TEST(v4_19),
	 TEST(v6_18), TEST(cleanup))
