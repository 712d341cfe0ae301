// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler: coroutines switch, runs are deterministic per seed,
 * decision logs replay, the step limit and deadlocks end a run cleanly.
 */
#include "sim/sim.h"
#include "sim/strategy.h"
#include "tests/tap.h"

/* Each thread appends its id at every point: the trace is the schedule. */
static char trace[4096];
static size_t trace_len;

static void tracer(void *arg)
{
	int n = (int)(intptr_t)arg;

	for (int i = 0; i < n; i++) {
		if (trace_len < sizeof(trace) - 1)
			trace[trace_len++] = (char)('a' + sim_current()->id);
		sim_point();
	}
}

static int run_tracers(struct sim_strategy *s, int nthreads, int steps)
{
	struct sim_config cfg = { .strategy = s, .keep_events = true };

	trace_len = 0;
	sim_reset(&cfg);
	for (int i = 0; i < nthreads; i++)
		sim_thread_create("tracer", tracer, (void *)(intptr_t)steps,
				  -1);
	return sim_run();
}

static void context_switch_runs_every_thread(void)
{
	struct sim_random r;

	sim_random_init(&r, 1);
	CHECK_INT(run_tracers(&r.s, 3, 50), ==, SIM_OK);
	CHECK_INT(trace_len, ==, 150);
	for (char c = 'a'; c <= 'c'; c++) {
		int n = 0;

		for (size_t i = 0; i < trace_len; i++)
			n += trace[i] == c;
		CHECK_INT(n, ==, 50);
	}
	CHECK_INT(sim.switches, >, 10);
}

static void same_seed_same_schedule(void)
{
	struct sim_random r;
	char first[4096];
	size_t len;

	sim_random_init(&r, 42);
	run_tracers(&r.s, 4, 100);
	memcpy(first, trace, trace_len);
	len = trace_len;
	sim_random_init(&r, 42);
	run_tracers(&r.s, 4, 100);
	CHECK_INT(trace_len, ==, len);
	CHECK(!memcmp(first, trace, len));
	sim_random_init(&r, 43);
	run_tracers(&r.s, 4, 100);
	CHECK(memcmp(first, trace, len) != 0);
}

static void decision_log_replays(void)
{
	struct sim_random r;
	struct sim_replay rp;
	char first[4096];
	uint8_t *log;
	size_t len, nlog;

	sim_random_init(&r, 7);
	run_tracers(&r.s, 3, 80);
	memcpy(first, trace, trace_len);
	len = trace_len;
	nlog = sim.decisions.len;
	log = malloc(nlog);
	memcpy(log, sim.decisions.v, nlog);
	sim_replay_init(&rp, log, nlog);
	run_tracers(&rp.s, 3, 80);
	CHECK_INT(trace_len, ==, len);
	CHECK(!memcmp(first, trace, len));
	CHECK_INT(rp.diverged, ==, 0);
	free(log);
}

static void step_limit_ends_run(void)
{
	struct sim_random r;
	struct sim_config cfg = { .max_steps = 100 };

	sim_random_init(&r, 3);
	cfg.strategy = &r.s;
	sim_reset(&cfg);
	sim_thread_create("spin", tracer, (void *)(intptr_t)1000000, -1);
	sim_thread_create("spin", tracer, (void *)(intptr_t)1000000, -1);
	CHECK_INT(sim_run(), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "step-limit");
	CHECK_U64(sim.violation.step, ==, 100);
}

static struct sim_waitq never = { .what = "never" };

static void waits_forever(void *arg)
{
	sim_point();
	sim_wait(&never);
}

static void deadlock_is_reported(void)
{
	struct sim_random r;
	struct sim_config cfg = { 0 };

	sim_random_init(&r, 3);
	cfg.strategy = &r.s;
	never.waiters = 0;
	sim_reset(&cfg);
	sim_thread_create("w1", waits_forever, NULL, -1);
	sim_thread_create("w2", waits_forever, NULL, -1);
	CHECK_INT(sim_run(), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "deadlock");
	CHECK_CONTAINS(sim.violation.msg, "w1 waits on never");
	CHECK_CONTAINS(sim.violation.msg, "w2 waits on never");
}

static void finishes(void *arg)
{
	sim_point();
}

/* A thread that already ended must not cut the report short. */
static void deadlock_report_names_all_waiters(void)
{
	struct sim_replay rp;
	struct sim_config cfg = { 0 };

	sim_replay_init(&rp, NULL, 0);
	cfg.strategy = &rp.s;
	never.waiters = 0;
	sim_reset(&cfg);
	sim_thread_create("done", finishes, NULL, -1);
	sim_thread_create("w1", waits_forever, NULL, -1);
	sim_thread_create("w2", waits_forever, NULL, -1);
	CHECK_INT(sim_run(), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "deadlock");
	CHECK_STR(sim.violation.msg,
		  "no thread can run; w1 waits on never; w2 waits on never;");
}

static struct sim_waitq gate = { .what = "gate" };
static int opened;

static void opener(void *arg)
{
	sim_point();
	opened = 1;
	sim_wake_all(&gate);
	sim_point();
}

static void waiter(void *arg)
{
	while (!opened)
		sim_wait(&gate);
	CHECK_INT(opened, ==, 1);
}

static void wait_and_wake(void)
{
	for (uint64_t seed = 0; seed < 200; seed++) {
		struct sim_random r;
		struct sim_config cfg = { 0 };

		sim_random_init(&r, seed);
		cfg.strategy = &r.s;
		opened = 0;
		gate.waiters = 0;
		sim_reset(&cfg);
		sim_thread_create("waiter", waiter, NULL, -1);
		sim_thread_create("waiter", waiter, NULL, -1);
		sim_thread_create("opener", opener, NULL, -1);
		CHECK_INT(sim_run(), ==, SIM_OK);
	}
}

static void violation_ends_run(void *arg)
{
	sim_point();
	sim_violation("uaf", 1, "test violation %d", 5);
	CHECK(0);	/* never reached */
}

static void violation_stops_threads(void)
{
	struct sim_random r;
	struct sim_config cfg = { 0 };

	sim_random_init(&r, 9);
	cfg.strategy = &r.s;
	sim_reset(&cfg);
	sim_thread_create("bad", violation_ends_run, NULL, -1);
	sim_thread_create("spin", tracer, (void *)(intptr_t)100, -1);
	CHECK_INT(sim_run(), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "uaf");
	CHECK_STR(sim.violation.msg, "test violation 5");
	CHECK_INT(sim.violation.thread, ==, 0);
}

static void sixty_four_threads(void)
{
	struct sim_random r;

	sim_random_init(&r, 5);
	CHECK_INT(run_tracers(&r.s, SIM_MAX_THREADS, 10), ==, SIM_OK);
	CHECK_INT(trace_len, ==, SIM_MAX_THREADS * 10);
	CHECK(sim_thread_create("one-too-many", tracer, NULL, -1) == NULL);
}

static void cleanup(void)
{
	sim_shutdown();
}

TAP_MAIN(TEST(context_switch_runs_every_thread), TEST(same_seed_same_schedule),
	 TEST(decision_log_replays), TEST(step_limit_ends_run),
	 TEST(deadlock_is_reported), TEST(deadlock_report_names_all_waiters),
	 TEST(wait_and_wake),
	 TEST(violation_stops_threads), TEST(sixty_four_threads),
	 TEST(cleanup))
