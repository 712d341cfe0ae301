// SPDX-License-Identifier: GPL-2.0-only
/*
 * Completions: a waiter passes only after complete(); each complete()
 * lets exactly one waiter through, whenever it comes; complete_all() lets
 * everyone through until reinit_completion(); waiting is sleeping.
 */
#include "sim/completion.h"
#include "tests/sim/sim_test.h"
#include "tests/tap.h"

#define NSEEDS 1000

static struct lock_class spin_class = { .name = "test_spin" };
static struct completion done;
static bool published;
static int passed;

static void waiter(void *arg)
{
	wait_for_completion(&done);
	if (!published)
		sim_violation("early", 0, "waiter passed before complete()");
	passed++;
}

static void completer(void *arg)
{
	int n = (int)(intptr_t)arg;

	sim_point();
	published = true;
	for (int i = 0; i < n; i++)
		complete(&done);
}

static void all_completer(void *arg)
{
	sim_point();
	published = true;
	complete_all(&done);
}

static void reset_state(void)
{
	init_completion(&done);
	published = false;
	passed = 0;
}

static void spawn_two_for_two(void)
{
	reset_state();
	sim_thread_create("waiter", waiter, NULL, -1);
	sim_thread_create("waiter", waiter, NULL, -1);
	sim_thread_create("completer", completer, (void *)2, -1);
}

static void wait_blocks_until_complete(void)
{
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		CHECK_INT(run_seed(seed, spawn_two_for_two), ==, SIM_OK);
		CHECK_INT(passed, ==, 2);
		CHECK_INT(done.done, ==, 0);
	}
	sim_shutdown();
}

static void spawn_two_for_one(void)
{
	reset_state();
	sim_thread_create("w1", waiter, NULL, -1);
	sim_thread_create("w2", waiter, NULL, -1);
	sim_thread_create("completer", completer, (void *)1, -1);
}

/* One complete(), two waiters: one passes, the other waits forever. */
static void complete_releases_one(void)
{
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		CHECK_INT(run_seed(seed, spawn_two_for_one), ==, SIM_VIOLATION);
		CHECK_STR(sim.violation.kind, "deadlock");
		CHECK_CONTAINS(sim.violation.msg, "waits on &done");
		CHECK_INT(passed, ==, 1);
	}
	sim_shutdown();
}

/* Completed before anyone waits: the count is kept for later waiters. */
static void spawn_complete_first(void)
{
	reset_state();
	sim_thread_create("completer", completer, (void *)3, -1);
	for (int i = 0; i < 3; i++)
		sim_thread_create("waiter", waiter, NULL, -1);
}

static void complete_before_wait(void)
{
	CHECK_INT(run_sequential(spawn_complete_first), ==, SIM_OK);
	CHECK_INT(passed, ==, 3);
	CHECK(!completion_done(&done));
	CHECK_INT(sim.switches, ==, 3);	/* nobody ever blocked */
	sim_shutdown();
}

static void spawn_all(void)
{
	reset_state();
	for (int i = 0; i < 4; i++)
		sim_thread_create("waiter", waiter, NULL, -1);
	sim_thread_create("completer", all_completer, NULL, -1);
}

static void complete_all_releases_everyone(void)
{
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		CHECK_INT(run_seed(seed, spawn_all), ==, SIM_OK);
		CHECK_INT(passed, ==, 4);
		/* It stays done for waiters yet to come. */
		CHECK(completion_done(&done));
	}
	sim_shutdown();
}

static bool try_results[4];

static void reinit_user(void *arg)
{
	complete_all(&done);
	try_results[0] = try_wait_for_completion(&done);
	try_results[1] = try_wait_for_completion(&done);
	reinit_completion(&done);
	try_results[2] = try_wait_for_completion(&done);
	complete(&done);
	try_results[3] = try_wait_for_completion(&done);
	/* The one complete() was consumed: this waits forever. */
	wait_for_completion(&done);
}

static void spawn_reinit(void)
{
	reset_state();
	sim_thread_create("t", reinit_user, NULL, -1);
}

static void reinit_and_try_wait(void)
{
	CHECK_INT(run_sequential(spawn_reinit), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "deadlock");
	CHECK_INT(try_results[0], ==, 1);
	CHECK_INT(try_results[1], ==, 1);
	CHECK_INT(try_results[2], ==, 0);
	CHECK_INT(try_results[3], ==, 1);
	sim_shutdown();
}

static spinlock_t spin;

static void wait_under_spinlock(void *arg)
{
	spin_lock(&spin);
	wait_for_completion(&done);
}

static void spawn_atomic_wait(void)
{
	reset_state();
	spin_lock_init(&spin, &spin_class, "spin");
	sim_thread_create("t", wait_under_spinlock, NULL, -1);
}

static void wait_is_sleeping(void)
{
	CHECK_INT(run_sequential(spawn_atomic_wait), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "sleep-in-atomic");
	sim_shutdown();
}

TAP_MAIN(TEST(wait_blocks_until_complete), TEST(complete_releases_one),
	 TEST(complete_before_wait), TEST(complete_all_releases_everyone),
	 TEST(reinit_and_try_wait), TEST(wait_is_sleeping))
