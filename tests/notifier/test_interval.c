// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interval notifiers (kernel-semantics §3.4): the seq starts at 2 and is
 * odd exactly while an overlapping invalidation is in flight; inserts
 * during one are deferred or force the seq odd; read_begin blocks while
 * its interval is being invalidated and wakes at the end; read_retry
 * catches every overlapping invalidate(); I8 at every step of a
 * multi-thread run over many seeds.
 *
 *   0x0      0x10000    0x20000    0x30000    0x40000
 *   |--------|  A       |          |  B       |
 *            [0x10000, 0x1ffff]    [0x30000, 0x3ffff]
 */
#include "mm/interval_notifier.h"
#include "tests/notifier/mm_test.h"
#include "tests/tap.h"

#define NSEEDS 1000
#define A_START 0x10000ull
#define B_START 0x30000ull
#define LEN 0x10000ull

static struct lock_class user_class = { .name = "driver->update" };

/* A driver: its user lock, and a ghost count of invalidate() calls. */
struct drv {
	struct mmu_interval_notifier sub;
	struct mutex update;
	int invalidates;
	unsigned long last_cur_seq;
	bool sleepy;
};

static struct mm_struct *mm;
static struct drv a, b, c;

static bool drv_invalidate(struct mmu_interval_notifier *sub,
			   const struct mmu_notifier_range *range,
			   unsigned long cur_seq)
{
	struct drv *d = sub->priv;

	if (mmu_notifier_range_blockable(range))
		mutex_lock(&d->update);
	else if (!mutex_trylock(&d->update))
		return false;
	mmu_interval_set_seq(sub, cur_seq);
	d->invalidates++;
	d->last_cur_seq = cur_seq;
	if (d->sleepy)
		sim_point();
	mutex_unlock(&d->update);
	return true;
}

static const struct mmu_interval_notifier_ops drv_ops = {
	.invalidate = drv_invalidate,
};

static void drv_init(struct drv *d)
{
	memset(d, 0, sizeof(*d));
	mutex_init(&d->update, &user_class, "driver->update");
	d->sub.priv = d;
}

static void drv_insert(struct drv *d, uint64_t start)
{
	d->sub.priv = d;
	if (mmu_interval_notifier_insert(&d->sub, mm, start, LEN, &drv_ops))
		sim_violation("test", 0, "insert failed");
}

static int setup(void)
{
	if (mm_test_machine(era_interval()))
		return -1;
	mm = mm_alloc("t");
	drv_init(&a);
	drv_init(&b);
	drv_init(&c);
	return mm ? 0 : -1;
}

static struct mmu_notifier_subscriptions *subs(void)
{
	return mm_subscriptions(mm);
}

static void range(struct mmu_notifier_range *r, uint64_t s, uint64_t e)
{
	mmu_notifier_range_init(r, MMU_NOTIFY_CLEAR,
				MMU_NOTIFIER_RANGE_BLOCKABLE, mm, s, e);
}

/* ---- single thread: the seq values step by step ---- */

static unsigned long seen[8];

static void steps_fn(void *arg)
{
	struct mmu_notifier_range r;

	drv_insert(&a, A_START);
	drv_insert(&b, B_START);
	seen[0] = subs()->invalidate_seq;		/* 2 */
	seen[1] = a.sub.invalidate_seq;			/* 1 */
	/* a range between the intervals: counted, seq stays even */
	range(&r, 0x20000, 0x30000);
	__mmu_notifier_invalidate_range_start(&r);
	seen[2] = subs()->invalidate_seq;		/* 2 */
	__mmu_notifier_invalidate_range_end(&r, false);
	/* a range over A */
	range(&r, 0x18000, 0x19000);
	__mmu_notifier_invalidate_range_start(&r);
	seen[3] = subs()->invalidate_seq;		/* 3 */
	seen[4] = a.sub.invalidate_seq;			/* 3 */
	__mmu_notifier_invalidate_range_end(&r, false);
	seen[5] = subs()->invalidate_seq;		/* 4 */
	seen[6] = mmu_interval_read_begin(&a.sub);	/* 3, no wait */
}

static void seq_steps(void)
{
	CHECK_INT(setup(), ==, 0);
	CHECK_INT(run1(steps_fn, false), ==, SIM_OK);
	CHECK_U64(seen[0], ==, 2);
	CHECK_U64(seen[1], ==, 1);
	CHECK_U64(seen[2], ==, 2);
	CHECK_U64(seen[3], ==, 3);
	CHECK_U64(seen[4], ==, 3);
	CHECK_U64(seen[5], ==, 4);
	CHECK_U64(seen[6], ==, 3);
	CHECK_INT(a.invalidates, ==, 1);
	CHECK_INT(b.invalidates, ==, 0);
	CHECK_U64(subs()->active_invalidate_ranges, ==, 0);
	machine_destroy();
	sim_shutdown();
}

/* ---- deferred insert during an active invalidation ---- */

static bool deferred_seen, c_in_tree_during, b_in_tree_early;
static unsigned long b_seq_early, global_early;

static void deferred_fn(void *arg)
{
	struct mmu_notifier_range r;

	drv_insert(&a, A_START);
	/* an invalidation of A is in flight: the seq is odd */
	range(&r, A_START, A_START + 0x1000);
	__mmu_notifier_invalidate_range_start(&r);
	drv_insert(&c, A_START + 0x8000);
	deferred_seen = c.sub.deferred;
	c_in_tree_during = c.sub.in_tree;
	__mmu_notifier_invalidate_range_end(&r, false);

	/* active but even (a range over no interval): insert at once */
	range(&r, 0x50000, 0x51000);
	__mmu_notifier_invalidate_range_start(&r);
	drv_insert(&b, B_START);
	b_in_tree_early = b.sub.in_tree;
	b_seq_early = b.sub.invalidate_seq;
	global_early = subs()->invalidate_seq;
	__mmu_notifier_invalidate_range_end(&r, false);
}

static void deferred_insert(void)
{
	CHECK_INT(setup(), ==, 0);
	CHECK_INT(run1(deferred_fn, false), ==, SIM_OK);
	CHECK(deferred_seen);
	CHECK(!c_in_tree_during);
	/* applied by the end */
	CHECK(c.sub.in_tree);
	CHECK(!c.sub.deferred);
	/* c was not in the tree when A was invalidated: not called */
	CHECK_INT(c.invalidates, ==, 0);
	CHECK(b_in_tree_early);
	CHECK(global_early & 1);
	CHECK_U64(b_seq_early, ==, global_early);
	CHECK(!(subs()->invalidate_seq & 1));
	CHECK_INT(subs()->nr_itree, ==, 3);
	machine_destroy();
	sim_shutdown();
}

/* ---- read_begin blocks while its interval is invalidated ---- */

static bool inv_active;
static int read_begin_waited;

static void invalidator_fn(void *arg)
{
	struct mmu_notifier_range r;

	range(&r, A_START, A_START + 0x2000);
	__mmu_notifier_invalidate_range_start(&r);
	inv_active = true;
	for (int i = 0; i < 5; i++)
		sim_point();
	inv_active = false;
	__mmu_notifier_invalidate_range_end(&r, false);
}

static void reader_fn(void *arg)
{
	unsigned long seq;
	bool during = inv_active;

	seq = mmu_interval_read_begin(&a.sub);
	/*
	 * I6: called inside the (only) overlapping invalidation, it
	 * returns after its end.  (A new one may start right after it
	 * returns: read_retry is there for that.)
	 */
	if (during && inv_active)
		sim_violation("test-read-begin", seq,
			      "read_begin returned during an invalidation");
	if (during)
		read_begin_waited++;
}

static void ins_fn(void *arg)
{
	drv_insert(&a, A_START);
}

static void read_begin_blocks(void)
{
	read_begin_waited = 0;
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		struct sim_random rnd;
		struct sim_config cfg = { .max_steps = TEST_MAX_STEPS };

		CHECK_INT(setup(), ==, 0);
		CHECK_INT(run1(ins_fn, false), ==, SIM_OK);
		inv_active = false;
		sim_random_init(&rnd, seed);
		cfg.strategy = &rnd.s;
		sim_reset(&cfg);
		sim_thread_create("inv", invalidator_fn, NULL, 0);
		sim_thread_create("reader", reader_fn, NULL, 1);
		if (sim_run() != SIM_OK) {
			TAP_FAIL("seed %" PRIu64 ": %s: %s", seed,
				 sim.violation.kind, sim.violation.msg);
			break;
		}
	}
	/* some schedules really had the reader wait */
	CHECK_INT(read_begin_waited, >, 0);
	machine_destroy();
	sim_shutdown();
}

/* ---- I7 and I8 over many seeds ---- */

#define NROUNDS 3

/* The ghost: a validated read saw no invalidate() since its begin. */
static void mirror_fn(void *arg)
{
	struct drv *d = arg;

	for (int i = 0; i < NROUNDS; i++) {
		unsigned long seq;
		int before;

again:
		seq = mmu_interval_read_begin(&d->sub);
		before = d->invalidates;
		sim_point();	/* "hmm_range_fault" */
		mutex_lock(&d->update);
		if (mmu_interval_read_retry(&d->sub, seq)) {
			mutex_unlock(&d->update);
			goto again;
		}
		if (d->invalidates != before)
			sim_violation("test-retry", seq,
				      "validated a read that an invalidate() "
				      "overlapped");
		mutex_unlock(&d->update);
	}
}

static void inv_loop_fn(void *arg)
{
	uint64_t base = (uint64_t)(uintptr_t)arg;
	struct mmu_notifier_range r;

	for (int i = 0; i < NROUNDS; i++) {
		range(&r, base, base + 0x24000);
		__mmu_notifier_invalidate_range_start(&r);
		sim_point();
		__mmu_notifier_invalidate_range_end(&r, false);
	}
}

static bool monitor_stop;

/* I8, looked at whenever the monitor runs (every few steps). */
static void monitor_fn(void *arg)
{
	while (!monitor_stop) {
		struct mmu_notifier_subscriptions *s = subs();

		if ((s->invalidate_seq & 1) && !s->active_invalidate_ranges)
			sim_violation("test-i8", 0, "odd seq, nothing active");
		if (!(a.sub.invalidate_seq & 1) || !(b.sub.invalidate_seq & 1))
			sim_violation("test-i8", 0, "even interval seq");
		if ((s->invalidate_seq & 1) && s->nr_deferred &&
		    !s->active_invalidate_ranges)
			sim_violation("test-i8", 0, "deferred left behind");
		sim_point();
	}
}

static void late_insert_fn(void *arg)
{
	sim_point();
	drv_insert(&c, 0x60000);
	mmu_interval_notifier_remove(&c.sub);
}

static void waiter_fn(void *arg)
{
	for (int i = 0; i < 4 * NROUNDS + 40; i++)
		sim_point();
	monitor_stop = true;
}

static void two_ins_fn(void *arg)
{
	drv_insert(&a, A_START);
	drv_insert(&b, B_START);
}

static void seq_parity_many_seeds(void)
{
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		struct sim_random rnd;
		struct sim_config cfg = { .max_steps = TEST_MAX_STEPS };

		CHECK_INT(setup(), ==, 0);
		CHECK_INT(run1(two_ins_fn, false), ==, SIM_OK);
		a.sleepy = b.sleepy = true;
		monitor_stop = false;
		sim_random_init(&rnd, seed);
		cfg.strategy = &rnd.s;
		sim_reset(&cfg);
		sim_thread_create("inv1", inv_loop_fn,
				  (void *)(uintptr_t)0x8000, 0);
		sim_thread_create("inv2", inv_loop_fn,
				  (void *)(uintptr_t)0x20000, 1);
		sim_thread_create("mirror-a", mirror_fn, &a, -1);
		sim_thread_create("mirror-b", mirror_fn, &b, -1);
		sim_thread_create("insert", late_insert_fn, NULL, -1);
		sim_thread_create("monitor", monitor_fn, NULL, -1);
		sim_thread_create("timer", waiter_fn, NULL, -1);
		if (sim_run() != SIM_OK) {
			TAP_FAIL("seed %" PRIu64 ": %s: %s", seed,
				 sim.violation.kind, sim.violation.msg);
			break;
		}
		CHECK_U64(subs()->active_invalidate_ranges, ==, 0);
		CHECK(!(subs()->invalidate_seq & 1));
		CHECK_INT(subs()->nr_itree, ==, 2);
		CHECK_INT(subs()->nr_deferred, ==, 0);
		if (tap_failed_asserts)
			break;
	}
	machine_destroy();
	sim_shutdown();
}

/* The control: a driver that skips set_seq is caught by the ghost. */
static bool no_set_seq(struct mmu_interval_notifier *sub,
		       const struct mmu_notifier_range *range,
		       unsigned long cur_seq)
{
	struct drv *d = sub->priv;

	mutex_lock(&d->update);
	d->invalidates++;
	mutex_unlock(&d->update);
	return true;
}

static const struct mmu_interval_notifier_ops broken_ops = {
	.invalidate = no_set_seq,
};

static void broken_ins_fn(void *arg)
{
	a.sub.priv = &a;
	mmu_interval_notifier_insert(&a.sub, mm, A_START, LEN, &broken_ops);
}

static void missing_set_seq_is_caught(void)
{
	int caught = 0;

	for (uint64_t seed = 0; seed < NSEEDS && !caught; seed++) {
		struct sim_random rnd;
		struct sim_config cfg = { .max_steps = TEST_MAX_STEPS };

		CHECK_INT(setup(), ==, 0);
		CHECK_INT(run1(broken_ins_fn, false), ==, SIM_OK);
		sim_random_init(&rnd, seed);
		cfg.strategy = &rnd.s;
		sim_reset(&cfg);
		sim_thread_create("inv1", inv_loop_fn,
				  (void *)(uintptr_t)0x8000, 0);
		sim_thread_create("mirror-a", mirror_fn, &a, -1);
		if (sim_run() != SIM_OK)
			caught += !strcmp(sim.violation.kind, "test-retry");
	}
	CHECK_INT(caught, >, 0);
	machine_destroy();
	sim_shutdown();
}

static int insert_ret;

static void old_era_fn(void *arg)
{
	insert_ret = mmu_interval_notifier_insert(&a.sub, mm, A_START, LEN,
						  &drv_ops);
}

static void needs_era_flag(void)
{
	CHECK_INT(mm_test_machine(era_find("v4.19")), ==, 0);
	mm = mm_alloc("t");
	CHECK_INT(run1(old_era_fn, false), ==, SIM_OK);
	CHECK_INT(insert_ret, ==, -EINVAL);
	machine_destroy();
	sim_shutdown();
}

TAP_MAIN(TEST(seq_steps), TEST(deferred_insert), TEST(read_begin_blocks),
	 TEST(seq_parity_many_seeds), TEST(missing_set_seq_is_caught),
	 TEST(needs_era_flag))
