// SPDX-License-Identifier: GPL-2.0-only
/*
 * Atomics: each call is one indivisible step, so concurrent increments
 * never lose an update, while a READ_ONCE/WRITE_ONCE read-modify-write
 * (two steps) does under some schedule; the return-value conventions
 * follow the kernel's.
 */
#include <limits.h>

#include "sim/atomic.h"
#include "tests/sim/sim_test.h"
#include "tests/tap.h"

#define NSEEDS 500
#define NTHREADS 3
#define NITERS 10

static atomic_t counter;
static u64 word;
static int zero_hits;

static void atomic_worker(void *arg)
{
	for (int i = 0; i < NITERS; i++)
		atomic_inc(&counter);
}

static void racy_worker(void *arg)
{
	for (int i = 0; i < NITERS; i++)
		sim_write_once_u64(&word, sim_read_once_u64(&word) + 1);
}

static void cmpxchg_worker(void *arg)
{
	for (int i = 0; i < NITERS; i++) {
		u64 old = sim_read_once_u64(&word);

		while (sim_cmpxchg_u64(&word, old, old + 1) != old)
			old = sim_read_once_u64(&word);
	}
}

static void (*worker_fn)(void *arg);

static void spawn(void)
{
	atomic_set(&counter, 0);
	word = 0;
	for (int i = 0; i < NTHREADS; i++)
		sim_thread_create("w", worker_fn, NULL, -1);
}

static int seeds_losing_updates(void (*fn)(void *arg))
{
	int lost = 0;

	worker_fn = fn;
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		CHECK_INT(run_seed(seed, spawn), ==, SIM_OK);
		lost += counter.counter + (int)word != NTHREADS * NITERS;
	}
	return lost;
}

static void increments_are_atomic(void)
{
	CHECK_INT(seeds_losing_updates(atomic_worker), ==, 0);
	CHECK_INT(seeds_losing_updates(cmpxchg_worker), ==, 0);
	sim_shutdown();
}

/* The control: the same count with two steps per update loses some. */
static void read_modify_write_races(void)
{
	CHECK_INT(seeds_losing_updates(racy_worker), >, 0);
	sim_shutdown();
}

/* Two holders drop a reference: exactly one sees it reach zero. */
static void put_ref(void *arg)
{
	if (atomic_dec_and_test(&counter))
		zero_hits++;
}

static void spawn_put(void)
{
	counter.counter = 2;
	zero_hits = 0;
	sim_thread_create("a", put_ref, NULL, -1);
	sim_thread_create("b", put_ref, NULL, -1);
}

static void dec_and_test_once(void)
{
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		CHECK_INT(run_seed(seed, spawn_put), ==, SIM_OK);
		CHECK_INT(zero_hits, ==, 1);
	}
	sim_shutdown();
}

static int results[16];

static void conventions(void *arg)
{
	atomic_t v = ATOMIC_INIT(5);
	u64 w = 7;
	int n = 0;

	results[n++] = atomic_inc_return(&v);		/* 6 */
	results[n++] = atomic_dec_return(&v);		/* 5 */
	results[n++] = atomic_add_return(10, &v);	/* 15 */
	results[n++] = atomic_sub_return(15, &v);	/* 0 */
	results[n++] = atomic_inc_not_zero(&v);		/* 0: stays 0 */
	results[n++] = atomic_cmpxchg(&v, 1, 9);	/* 0: no store */
	results[n++] = atomic_cmpxchg(&v, 0, 9);	/* 0: stored */
	results[n++] = atomic_read(&v);			/* 9 */
	results[n++] = (int)sim_cmpxchg_u64(&w, 8, 1);	/* 7: no store */
	results[n++] = (int)sim_cmpxchg_u64(&w, 7, 1);	/* 7: stored */
	results[n++] = (int)sim_read_once_u64(&w);	/* 1 */
	atomic_set(&v, INT_MAX);
	results[n++] = atomic_inc_return(&v) == INT_MIN; /* wraps */
}

static void spawn_conv(void)
{
	sim_thread_create("t", conventions, NULL, -1);
}

static void return_conventions(void)
{
	static const int want[] = { 6, 5, 15, 0, 0, 0, 0, 9, 7, 7, 1, 1 };

	CHECK_INT(run_sequential(spawn_conv), ==, SIM_OK);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK_INT(results[i], ==, want[i]);
	/* Thirteen calls, one scheduling point each. */
	CHECK_U64(sim.steps, ==, 13);
	sim_shutdown();
}

TAP_MAIN(TEST(increments_are_atomic), TEST(read_modify_write_races),
	 TEST(dec_and_test_once), TEST(return_conventions))
