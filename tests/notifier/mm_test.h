/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for tests that need the modelled machine: build one for an era,
 * and test eras made from a real one with a few table flags changed (the
 * v6.18 era is not written yet; these stand in for its notifier API).
 */
#ifndef MMSIM_TESTS_NOTIFIER_MM_TEST_H
#define MMSIM_TESTS_NOTIFIER_MM_TEST_H

#include "eras/era.h"
#include "mm/events.h"
#include "mm/internal.h"
#include "mm/machine.h"
#include "mm/mm.h"
#include "mm/tlb_batch.h"
#include "tests/sim/sim_test.h"

/*
 * "interval": v4.19's unmap code with the >= 5.5 notifier core
 * (interval notifiers; range_end still calls invalidate_range).
 * "arch":     the same with the >= 6.6 rules (secondary TLBs flushed by
 * the arch flush; no invalidate_range from end).
 */
static struct era test_era_interval, test_era_arch;

static inline const struct era *era_interval(void)
{
	test_era_interval = *era_find("v4.19");
	test_era_interval.name = "test-interval";
	test_era_interval.has_interval_notifiers = true;
	return &test_era_interval;
}

static inline const struct era *era_arch(void)
{
	test_era_arch = *era_interval();
	test_era_arch.name = "test-arch";
	test_era_arch.end_calls_invalidate_range = false;
	test_era_arch.secondary_tlb_flush_in_arch = true;
	test_era_arch.has_change_pte = false;
	test_era_arch.has_range_only_end = false;
	return &test_era_arch;
}

static inline int mm_test_machine(const struct era *e)
{
	struct machine_config mc = {
		.nr_cpus = 2,
		.mem_bytes = 32ull << 20,
		.hugetlb_2m = 4,
		.era = e,
	};

	struct sim_config quiet = { 0 };

	/* Building logs events: not into the last test's (maybe freed) log. */
	sim_reset(&quiet);
	if (machine_init(&mc))
		return -1;
	swap_init(0);
	tlb_batch_reset();
	return 0;
}

/* Run @fn alone in one thread (no choices), on CPU 0. */
static inline int run1(void (*fn)(void *), bool keep_events)
{
	struct sim_config cfg = {
		.max_steps = TEST_MAX_STEPS,
		.keep_events = keep_events,
	};

	sim_reset(&cfg);
	sim_thread_create("t", fn, NULL, 0);
	return sim_run();
}

/* The number of events of kind EV_NOTIFY with call @call in the log. */
static inline int count_notify(int call)
{
	int n = 0;

	for (uint64_t i = 0; i < sim.evlog.n && i < SIM_EVLOG_CAP; i++) {
		const struct sim_event *e = &sim.evlog.ev[i];

		if (e->kind == mm_ev_id[EV_NOTIFY] && (int)e->a == call)
			n++;
	}
	return n;
}

#endif /* MMSIM_TESTS_NOTIFIER_MM_TEST_H */
