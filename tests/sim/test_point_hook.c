// SPDX-License-Identifier: GPL-2.0-only
/*
 * The point hook behind --paranoid: called at every sim_point(),
 * it sees the global held-lock count, and the step limit still holds.
 */
#include "tests/sim/sim_test.h"
#include "tests/tap.h"

static spinlock_t l;
static struct lock_class cls = { .name = "test" };
static uint64_t calls, lock_free_calls;
static int held_max;

static void count(void)
{
	calls++;
	if (!lock_held_total)
		lock_free_calls++;
	if (lock_held_total > held_max)
		held_max = lock_held_total;
}

static void worker(void *arg)
{
	for (int i = 0; i < (int)(intptr_t)arg; i++) {
		spin_lock(&l);
		sim_point();
		spin_unlock(&l);
	}
}

static int run(uint64_t max_steps, bool hook, int loops)
{
	struct sim_random r;
	struct sim_config cfg = { .max_steps = max_steps,
				  .point_hook = hook ? count : NULL };

	calls = lock_free_calls = 0;
	held_max = 0;
	sim_random_init(&r, 7);
	cfg.strategy = &r.s;
	sim_reset(&cfg);
	lock_reset();
	spin_lock_init(&l, &cls, "l");
	sim_thread_create("a", worker, (void *)(intptr_t)loops, -1);
	sim_thread_create("b", worker, (void *)(intptr_t)loops, -1);
	return sim_run();
}

static void hook_sees_every_point(void)
{
	CHECK_INT(run(TEST_MAX_STEPS, true, 20), ==, SIM_OK);
	/* every sim_point; a blocking wait is a step without one */
	CHECK(calls > 0 && calls <= sim.steps);
	CHECK(lock_free_calls > 0 && lock_free_calls < calls);
	CHECK_INT(held_max, ==, 1);
	CHECK_INT(lock_held_total, ==, 0);
	/* without the hook the same schedule takes the same steps */
	{
		uint64_t steps = sim.steps;

		CHECK_INT(run(TEST_MAX_STEPS, false, 20), ==, SIM_OK);
		CHECK_U64(sim.steps, ==, steps);
		CHECK_U64(calls, ==, 0);
	}
}

static void step_limit_still_holds(void)
{
	CHECK_INT(run(50, true, 1000), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "step-limit");
	CHECK_U64(sim.violation.step, ==, 50);
	CHECK(calls > 0 && calls <= 50);
}

static void cleanup(void)
{
	sim_shutdown();
}

TAP_MAIN(TEST(hook_sees_every_point), TEST(step_limit_still_holds),
	 TEST(cleanup))
