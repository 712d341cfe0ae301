// SPDX-License-Identifier: GPL-2.0-only
/*
 * SRCU: a grace period waits for every reader that began before it (and a
 * synchronize_srcu() that does not wait is caught by the same check), it
 * does not wait for readers that began after it, grace periods repeat and
 * may be requested concurrently, and lockdep sees through read sections.
 */
#include "sim/srcu.h"
#include "tests/sim/sim_test.h"
#include "tests/tap.h"

#define NSEEDS 2000
#define NREADERS 3
#define NSYNCERS 2
#define NSECTIONS 3
#define NGPS 3

static struct lock_class srcu_class = { .name = "test_srcu" };
static struct lock_class m_class = { .name = "test_m" };
static struct srcu_struct ss;
static struct mutex m;

/*
 * The flag protocol: gp_seq counts grace periods begun.  A reader notes
 * gp_seq after srcu_read_lock(), so a reader that saw gp_seq < s entered
 * before grace period s began and must be gone when it ends.
 */
struct reader {
	bool inside;
	uint64_t entered_at;
};

static struct reader readers[NREADERS];
static uint64_t gp_seq;
static void (*sync_fn)(struct srcu_struct *ss);

static void reader_fn(void *arg)
{
	struct reader *r = arg;

	for (int i = 0; i < NSECTIONS; i++) {
		int idx = srcu_read_lock(&ss);

		r->entered_at = gp_seq;
		r->inside = true;
		sim_point();
		sim_point();
		r->inside = false;
		srcu_read_unlock(&ss, idx);
	}
}

static void syncer_fn(void *arg)
{
	for (int i = 0; i < NGPS; i++) {
		uint64_t s = ++gp_seq;

		sync_fn(&ss);
		for (int k = 0; k < NREADERS; k++) {
			if (readers[k].inside && readers[k].entered_at < s)
				sim_violation("srcu-early", 0,
					      "gp %llu ended, reader %d inside",
					      (unsigned long long)s, k);
		}
	}
}

static void spawn_gp(void)
{
	init_srcu_struct(&ss, &srcu_class, "ss");
	gp_seq = 0;
	memset(readers, 0, sizeof(readers));
	for (int i = 0; i < NREADERS; i++)
		sim_thread_create("reader", reader_fn, &readers[i], -1);
	for (int i = 0; i < NSYNCERS; i++)
		sim_thread_create("syncer", syncer_fn, NULL, -1);
}

/* Returns the seeds that ended in "srcu-early"; fails on anything else. */
static int count_early(void (*fn)(struct srcu_struct *ss))
{
	int early = 0;

	sync_fn = fn;
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		if (run_seed(seed, spawn_gp) == SIM_OK) {
			CHECK_U64(ss.completed, ==, NSYNCERS * NGPS);
			continue;
		}
		if (!strcmp(sim.violation.kind, "srcu-early"))
			early++;
		else
			TAP_FAIL("seed %" PRIu64 ": %s: %s", seed,
				 sim.violation.kind, sim.violation.msg);
	}
	return early;
}

static void waits_for_earlier_readers(void)
{
	CHECK_INT(count_early(synchronize_srcu), ==, 0);
	sim_shutdown();
}

/* The control: a grace period that waits for nobody. */
static void broken_synchronize(struct srcu_struct *s)
{
	sim_point();
	s->completed++;
}

static void no_wait_is_caught(void)
{
	CHECK_INT(count_early(broken_synchronize), >, 0);
	sim_shutdown();
}

/*
 * A reader that enters once the grace period has begun and then stays
 * until that grace period has ended: if synchronize_srcu() waited for it,
 * the run would deadlock.
 */
static bool gp_done, entered_during_gp;
static struct sim_waitq done_wq = { .what = "gp_done" };

static void late_reader(void *arg)
{
	int idx;

	while (!ss.gp_busy && !ss.completed)
		sim_point();
	idx = srcu_read_lock(&ss);
	entered_during_gp = ss.gp_busy;
	while (!gp_done)
		sim_wait(&done_wq);
	srcu_read_unlock(&ss, idx);
}

static void one_gp(void *arg)
{
	synchronize_srcu(&ss);
	gp_done = true;
	sim_wake_all(&done_wq);
}

static void spawn_late(void)
{
	init_srcu_struct(&ss, &srcu_class, "ss");
	gp_done = entered_during_gp = false;
	done_wq.waiters = 0;
	sim_thread_create("late", late_reader, NULL, -1);
	sim_thread_create("sync", one_gp, NULL, -1);
}

static void ignores_later_readers(void)
{
	int during = 0;

	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		CHECK_INT(run_seed(seed, spawn_late), ==, SIM_OK);
		during += entered_during_gp;
	}
	/* The interesting case, a reader inside the grace period, happened. */
	CHECK_INT(during, >, 0);
	sim_shutdown();
}

/* Sequential grace periods with no readers at all do not block. */
static void many_gps(void *arg)
{
	for (int i = 0; i < 100; i++)
		synchronize_srcu(&ss);
	/* And the epochs still work after 100 flips. */
	reader_fn(&readers[0]);
}

static void spawn_many(void)
{
	init_srcu_struct(&ss, &srcu_class, "ss");
	sim_thread_create("sync", many_gps, NULL, -1);
}

static void grace_periods_repeat(void)
{
	CHECK_INT(run_sequential(spawn_many), ==, SIM_OK);
	CHECK_U64(ss.completed, ==, 100);
	CHECK_INT(ss.readers[0] + ss.readers[1], ==, 0);
	sim_shutdown();
}

/* ---- lockdep ---- */

static void reader_takes_m(void *arg)
{
	int idx = srcu_read_lock(&ss);

	mutex_lock(&m);
	mutex_unlock(&m);
	srcu_read_unlock(&ss, idx);
}

static void sync_under_m(void *arg)
{
	mutex_lock(&m);
	synchronize_srcu(&ss);
	mutex_unlock(&m);
}

static void spawn_srcu_inversion(void)
{
	init_srcu_struct(&ss, &srcu_class, "ss");
	mutex_init(&m, &m_class, "m");
	sim_thread_create("reader", reader_takes_m, NULL, -1);
	sim_thread_create("syncer", sync_under_m, NULL, -1);
}

static void sync_under_lock_taken_in_reader(void)
{
	/* One after the other no deadlock is possible; lockdep still sees. */
	CHECK_INT(run_sequential(spawn_srcu_inversion), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "lock-order");
	CHECK_CONTAINS(sim.violation.msg, "syncer takes ss");
	sim_shutdown();
}

/* Two readers nesting the mutex both ways is fine: readers never block. */
static void m_then_reader(void *arg)
{
	int idx;

	mutex_lock(&m);
	idx = srcu_read_lock(&ss);
	srcu_read_unlock(&ss, idx);
	mutex_unlock(&m);
}

static void spawn_reader_nesting(void)
{
	init_srcu_struct(&ss, &srcu_class, "ss");
	mutex_init(&m, &m_class, "m");
	sim_thread_create("r1", reader_takes_m, NULL, -1);
	sim_thread_create("r2", m_then_reader, NULL, -1);
}

static void readers_nest_freely(void)
{
	for (uint64_t seed = 0; seed < 200; seed++)
		CHECK_INT(run_seed(seed, spawn_reader_nesting), ==, SIM_OK);
	sim_shutdown();
}

static void sync_in_own_section(void *arg)
{
	int idx = srcu_read_lock(&ss);

	synchronize_srcu(&ss);
	srcu_read_unlock(&ss, idx);
}

static void spawn_self_sync(void)
{
	init_srcu_struct(&ss, &srcu_class, "ss");
	sim_thread_create("t", sync_in_own_section, NULL, -1);
}

static void sync_in_read_section_deadlocks(void)
{
	CHECK_INT(run_sequential(spawn_self_sync), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "deadlock");
	CHECK_CONTAINS(sim.violation.msg, "synchronize_srcu(ss) while reading");
	sim_shutdown();
}

static void unlock_without_reader(void *arg)
{
	srcu_read_unlock(&ss, 0);
}

static void spawn_bad_unlock(void)
{
	init_srcu_struct(&ss, &srcu_class, "ss");
	sim_thread_create("t", unlock_without_reader, NULL, -1);
}

static void unbalanced_unlock_reported(void)
{
	CHECK_INT(run_sequential(spawn_bad_unlock), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "lock-unheld");
	sim_shutdown();
}

TAP_MAIN(TEST(waits_for_earlier_readers), TEST(no_wait_is_caught),
	 TEST(ignores_later_readers), TEST(grace_periods_repeat),
	 TEST(sync_under_lock_taken_in_reader), TEST(readers_nest_freely),
	 TEST(sync_in_read_section_deadlocks),
	 TEST(unbalanced_unlock_reported))
