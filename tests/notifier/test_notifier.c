// SPDX-License-Identifier: GPL-2.0-only
/*
 * The notifier core alone: balanced start/end in the event log with
 * nested and parallel ranges, the 4.19 blockable flag and -EAGAIN (and
 * the later back-out), the young and change_pte calls, registration rule
 * I17, unregister's release and grace period, and release before the
 * pages are freed (I18).
 */
#include "mm/mmu_notifier.h"
#include "tests/notifier/mm_test.h"
#include "tests/tap.h"

#define NSEEDS 500

/* A notifier that counts what reaches it. */
struct rec {
	struct mmu_notifier mn;
	int starts, ends, ranges, pages, releases, young, change;
	int open;		/* starts minus ends seen */
	bool fail_nonblock;	/* -EAGAIN when not blockable */
	bool sleepy;		/* callbacks take several steps */
	int inside;		/* callbacks of this notifier running now */
};

static struct rec *rec_of(struct mmu_notifier *mn)
{
	return (struct rec *)mn;
}

static void nap(struct rec *r)
{
	for (int i = 0; r->sleepy && i < 4; i++)
		sim_point();
}

static int rec_start(struct mmu_notifier *mn,
		     const struct mmu_notifier_range *range)
{
	struct rec *r = rec_of(mn);

	if (r->fail_nonblock && !mmu_notifier_range_blockable(range))
		return -EAGAIN;
	r->starts++;
	r->open++;
	r->inside++;
	nap(r);
	r->inside--;
	return 0;
}

static void rec_end(struct mmu_notifier *mn,
		    const struct mmu_notifier_range *range)
{
	struct rec *r = rec_of(mn);

	r->ends++;
	r->open--;
	r->inside++;
	nap(r);
	r->inside--;
}

static void rec_range(struct mmu_notifier *mn, struct mm_struct *mm,
		      uint64_t start, uint64_t end)
{
	rec_of(mn)->ranges++;
}

static void rec_page(struct mmu_notifier *mn, struct mm_struct *mm,
		     uint64_t addr)
{
	rec_of(mn)->pages++;
}

static void rec_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct rec *r = rec_of(mn);

	r->inside++;
	r->releases++;
	nap(r);
	r->inside--;
}

static int rec_young(struct mmu_notifier *mn, struct mm_struct *mm,
		     uint64_t start, uint64_t end)
{
	rec_of(mn)->young++;
	return 1;
}

static int rec_test_young(struct mmu_notifier *mn, struct mm_struct *mm,
			  uint64_t addr)
{
	rec_of(mn)->young++;
	return 0;
}

static void rec_change(struct mmu_notifier *mn, struct mm_struct *mm,
		       uint64_t addr, pte_t pte)
{
	rec_of(mn)->change++;
}

static const struct mmu_notifier_ops start_end_ops = {
	.name = "rec-start-end",
	.invalidate_range_start = rec_start,
	.invalidate_range_end = rec_end,
	.release = rec_release,
	.clear_flush_young = rec_young,
	.clear_young = rec_young,
	.test_young = rec_test_young,
	.change_pte = rec_change,
};

static const struct mmu_notifier_ops tlb_ops = {
	.name = "rec-tlb",
	.invalidate_range = rec_range,
	.invalidate_page = rec_page,
	.release = rec_release,
};

static const struct mmu_notifier_ops mixed_ops = {
	.name = "rec-mixed",
	.invalidate_range = rec_range,
	.invalidate_range_start = rec_start,
};

static struct mm_struct *mm;
static struct rec r1, r2;

static void reg(struct rec *r, const struct mmu_notifier_ops *ops)
{
	memset(r, 0, sizeof(*r));
	r->mn.ops = ops;
	if (mmu_notifier_register(&r->mn, mm))
		sim_violation("test", 0, "register failed");
}

static int setup(const char *era)
{
	if (mm_test_machine(era_find(era)))
		return -1;
	mm = mm_alloc("t");
	return mm ? 0 : -1;
}

/* ---- balance: nested in one thread, parallel in two ---- */

static void nested_fn(void *arg)
{
	reg(&r1, &start_end_ops);
	reg(&r2, &tlb_ops);
	/*   [-------- A --------)
	 *        [--- B ---)          B nests inside A
	 */
	mmu_notifier_invalidate_range_start(mm, 0x1000, 0x9000);
	mmu_notifier_invalidate_range_start(mm, 0x3000, 0x5000);
	mmu_notifier_invalidate_range_end(mm, 0x3000, 0x5000);
	mmu_notifier_invalidate_range_only_end(mm, 0x1000, 0x9000);
}

static void balanced_nested(void)
{
	CHECK_INT(setup("v4.19"), ==, 0);
	CHECK_INT(run1(nested_fn, true), ==, SIM_OK);
	CHECK_INT(r1.starts, ==, 2);
	CHECK_INT(r1.ends, ==, 2);
	/* only the non-only_end one calls invalidate_range */
	CHECK_INT(r2.ranges, ==, 1);
	CHECK_INT(mm->notifier_range_depth, ==, 0);
	CHECK_INT(count_notify(NC_RANGE_START), ==, 2);
	CHECK_INT(count_notify(NC_RANGE_END) + count_notify(NC_RANGE_ONLY_END),
		  ==, 2);
	machine_destroy();
	sim_shutdown();
}

static void par_fn(void *arg)
{
	uint64_t base = (uint64_t)(uintptr_t)arg;

	for (int i = 0; i < 3; i++) {
		mmu_notifier_invalidate_range_start(mm, base, base + 0x4000);
		sim_point();
		mmu_notifier_invalidate_range_end(mm, base, base + 0x4000);
	}
}

static void reg_fn(void *arg)
{
	reg(&r1, &start_end_ops);
	r1.sleepy = true;
}

static void balanced_parallel(void)
{
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		struct sim_random rnd;

		CHECK_INT(setup("v4.19"), ==, 0);
		sim_random_init(&rnd, seed);
		sim_reset(&(struct sim_config){ .max_steps = TEST_MAX_STEPS });
		sim_thread_create("reg", reg_fn, NULL, 0);
		sim_run();
		{
			struct sim_config cfg = { .max_steps = TEST_MAX_STEPS,
						  .strategy = &rnd.s,
						  .keep_events = true };

			sim_reset(&cfg);
			sim_thread_create("a", par_fn,
					  (void *)(uintptr_t)0x1000, 0);
			sim_thread_create("b", par_fn,
					  (void *)(uintptr_t)0x3000, 1);
			CHECK_INT(sim_run(), ==, SIM_OK);
		}
		CHECK_INT(r1.starts, ==, 6);
		CHECK_INT(r1.open, ==, 0);
		CHECK_INT(mm->notifier_range_depth, ==, 0);
		CHECK_INT(count_notify(NC_RANGE_START), ==, 6);
		CHECK_INT(count_notify(NC_RANGE_END), ==, 6);
		if (tap_failed_asserts)
			break;
	}
	machine_destroy();
	sim_shutdown();
}

/* ---- blockable and -EAGAIN ---- */

static int nonblock_ret;

static void nonblock_fn(void *arg)
{
	struct mmu_notifier_range r;

	reg(&r1, &start_end_ops);	/* succeeds */
	reg(&r2, &start_end_ops);	/* fails when not blockable */
	r2.fail_nonblock = true;
	mmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, 0, mm, 0x1000, 0x2000);
	nonblock_ret = mmu_notifier_invalidate_range_start_nonblock(&r);
}

static void eagain(const char *era, int want_r1_open)
{
	CHECK_INT(setup(era), ==, 0);
	CHECK_INT(run1(nonblock_fn, true), ==, SIM_OK);
	CHECK_INT(nonblock_ret, ==, -EAGAIN);
	CHECK_INT(r2.starts, ==, 0);
	CHECK_INT(r1.open, ==, want_r1_open);
	CHECK_INT(mm->notifier_range_depth, ==, 0);
	CHECK_INT(count_notify(NC_RANGE_START_FAILED), ==, 1);
	machine_destroy();
	sim_shutdown();
}

/* 4.19: the notifier that succeeded is left without an end. */
static void eagain_v419_leaves_start_open(void)
{
	eagain("v4.19", 1);
}

static void eagain_interval_backs_out(void)
{
	CHECK_INT(mm_test_machine(era_interval()), ==, 0);
	mm = mm_alloc("t");
	CHECK_INT(run1(nonblock_fn, true), ==, SIM_OK);
	CHECK_INT(nonblock_ret, ==, -EAGAIN);
	CHECK_INT(r1.open, ==, 0);
	CHECK_INT(r1.ends, ==, 1);
	machine_destroy();
	sim_shutdown();
}

/* 4.4 has no failing start: asking for one ends the run. */
static void nonblock_needs_era(void)
{
	CHECK_INT(setup("v4.4"), ==, 0);
	CHECK_INT(run1(nonblock_fn, false), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "internal");
	machine_destroy();
	sim_shutdown();
}

/* ---- young, change_pte, invalidate_page dispatch ---- */

static int young_ret;

static void young_fn(void *arg)
{
	reg(&r1, &start_end_ops);
	reg(&r2, &tlb_ops);
	young_ret = mmu_notifier_clear_flush_young(mm, 0, 0x1000);
	young_ret += mmu_notifier_clear_young(mm, 0, 0x1000);
	young_ret += mmu_notifier_test_young(mm, 0);
	mmu_notifier_change_pte(mm, 0, 0);
	mmu_notifier_invalidate_page(mm, 0x5000);
}

static void young_change_pte_page(void)
{
	CHECK_INT(setup("v4.4"), ==, 0);
	CHECK_INT(run1(young_fn, true), ==, SIM_OK);
	CHECK_INT(young_ret, ==, 2);
	CHECK_INT(r1.young, ==, 3);
	CHECK_INT(r1.change, ==, 1);
	CHECK_INT(r2.pages, ==, 1);
	CHECK_INT(count_notify(NC_TEST_YOUNG), ==, 1);
	machine_destroy();
	sim_shutdown();
}

/* ---- I17 ---- */

static int reg_mixed, reg_tlb, reg_se;

static void i17_fn(void *arg)
{
	memset(&r1, 0, sizeof(r1));
	r1.mn.ops = &mixed_ops;
	reg_mixed = mmu_notifier_register(&r1.mn, mm);
	r2.mn.ops = &tlb_ops;
	reg_tlb = mmu_notifier_register(&r2.mn, mm);
	memset(&r1, 0, sizeof(r1));
	r1.mn.ops = &start_end_ops;
	reg_se = mmu_notifier_register(&r1.mn, mm);
}

static void registration_rule_i17(void)
{
	CHECK_INT(mm_test_machine(era_arch()), ==, 0);
	mm = mm_alloc("t");
	CHECK_INT(run1(i17_fn, false), ==, SIM_OK);
	CHECK_INT(reg_mixed, ==, -EINVAL);
	CHECK_INT(reg_tlb, ==, 0);
	CHECK_INT(reg_se, ==, 0);
	CHECK_INT(mm->nr_notifiers, ==, 2);
	machine_destroy();
	/* before 6.6 mixing was allowed (end called invalidate_range) */
	CHECK_INT(setup("v4.19"), ==, 0);
	CHECK_INT(run1(i17_fn, false), ==, SIM_OK);
	CHECK_INT(reg_mixed, ==, 0);
	machine_destroy();
	sim_shutdown();
}

/* ---- unregister: release, then no callback runs after return ---- */

static bool unregistered;

static void caller_fn(void *arg)
{
	for (int i = 0; i < 3; i++) {
		mmu_notifier_invalidate_range_start(mm, 0x1000, 0x2000);
		mmu_notifier_invalidate_range_end(mm, 0x1000, 0x2000);
	}
}

/* The driver frees its notifier right after unregister returns. */
static void unreg_fn(void *arg)
{
	sim_point();
	mmu_notifier_unregister(&r1.mn, mm);
	unregistered = true;
	/*
	 * A bracket may stay open (its end no longer reaches us), but no
	 * callback may still be running.
	 */
	if (r1.inside)
		sim_violation("test-callback-after-unregister", 0,
			      "a callback still runs");
}

static void late_start(struct rec *r)
{
	if (unregistered)
		sim_violation("test-callback-after-unregister", 0,
			      "a callback began after unregister returned");
}

static int watch_start(struct mmu_notifier *mn,
		       const struct mmu_notifier_range *range)
{
	late_start(rec_of(mn));
	return rec_start(mn, range);
}

static void watch_end(struct mmu_notifier *mn,
		      const struct mmu_notifier_range *range)
{
	late_start(rec_of(mn));
	rec_end(mn, range);
}

static const struct mmu_notifier_ops watch_ops = {
	.name = "rec-watch",
	.invalidate_range_start = watch_start,
	.invalidate_range_end = watch_end,
	.release = rec_release,
};

static void unregister_waits(void)
{
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		struct sim_random rnd;
		struct sim_config cfg = { .max_steps = TEST_MAX_STEPS };

		CHECK_INT(setup("v4.19"), ==, 0);
		sim_reset(&cfg);
		sim_thread_create("reg", reg_fn, NULL, 0);
		sim_run();
		r1.mn.ops = &watch_ops;
		unregistered = false;
		sim_random_init(&rnd, seed);
		cfg.strategy = &rnd.s;
		sim_reset(&cfg);
		sim_thread_create("caller", caller_fn, NULL, 0);
		sim_thread_create("driver", unreg_fn, NULL, 1);
		if (sim_run() != SIM_OK) {
			TAP_FAIL("seed %" PRIu64 ": %s: %s", seed,
				 sim.violation.kind, sim.violation.msg);
			break;
		}
		CHECK_INT(r1.releases, ==, 1);
		CHECK_INT(mm->nr_notifiers, ==, 0);
	}
	machine_destroy();
	sim_shutdown();
}

/* ---- I18: exit's release waits for a concurrent unregister ---- */

static bool pages_freed;

static void exit_fn(void *arg)
{
	mmu_notifier_release(mm);
	/* exit_mmap frees the pages now */
	if (r1.inside || r2.inside)
		sim_violation("test-release-late", 0,
			      "a ->release still runs when pages are freed");
	pages_freed = true;
}

static void driver_close_fn(void *arg)
{
	mmu_notifier_unregister(&r2.mn, mm);
}

static void reg2_fn(void *arg)
{
	reg(&r1, &start_end_ops);
	reg(&r2, &tlb_ops);
	r1.sleepy = r2.sleepy = true;
}

static void release_before_free(void)
{
	int twice = 0;

	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		struct sim_random rnd;
		struct sim_config cfg = { .max_steps = TEST_MAX_STEPS };

		CHECK_INT(setup("v4.19"), ==, 0);
		sim_reset(&cfg);
		sim_thread_create("reg", reg2_fn, NULL, 0);
		sim_run();
		pages_freed = false;
		sim_random_init(&rnd, seed);
		cfg.strategy = &rnd.s;
		sim_reset(&cfg);
		sim_thread_create("exit", exit_fn, NULL, 0);
		sim_thread_create("close", driver_close_fn, NULL, 1);
		if (sim_run() != SIM_OK) {
			TAP_FAIL("seed %" PRIu64 ": %s: %s", seed,
				 sim.violation.kind, sim.violation.msg);
			break;
		}
		/*
		 * r1 is released by exit only.  r2 may be released by both:
		 * unregister calls ->release while r2 is still listed, and
		 * exit calls it for everything listed, as the kernel does
		 * (a driver's ->release must be idempotent).
		 */
		CHECK_INT(r1.releases, ==, 1);
		CHECK_INT(r2.releases, >=, 1);
		CHECK_INT(r2.releases, <=, 2);
		twice += r2.releases == 2;
		CHECK_INT(mm->nr_notifiers, ==, 0);
	}
	/* the double release is reachable */
	CHECK_INT(twice, >, 0);
	machine_destroy();
	sim_shutdown();
}

TAP_MAIN(TEST(balanced_nested), TEST(balanced_parallel),
	 TEST(eagain_v419_leaves_start_open), TEST(eagain_interval_backs_out),
	 TEST(nonblock_needs_era), TEST(young_change_pte_page),
	 TEST(registration_rule_i17), TEST(unregister_waits),
	 TEST(release_before_free))
