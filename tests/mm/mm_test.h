/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the mm core's tests: a small machine, a body run as one
 * simulated thread on CPU 0 (no other thread, so no choices), accesses,
 * TLB probes, and the invariants after each test.
 */
#ifndef MMSIM_TESTS_MM_MM_TEST_H
#define MMSIM_TESTS_MM_MM_TEST_H

#include "arch/x86/cpu.h"
#include "eras/era.h"
#include "mm/internal.h"
#include "mm/invariants.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/tlb_batch.h"
#include "sim/lock.h"
#include "sim/sim.h"
#include "sim/strategy.h"
#include "tests/tap.h"

#define MB (1ull << 20)
#define GB (1ull << 30)

static inline void mm_test_init(const char *era)
{
	struct machine_config mc = {
		.nr_cpus = 4,
		.mem_bytes = 64 * MB,
		.hugetlb_2m = 8,
		.swap_pages = 256,
		.era = era ? era_find(era) : NULL,
	};

	CHECK_INT(machine_init(&mc), ==, 0);
	swap_init(mc.swap_pages);
	tlb_batch_reset();
}

/* Run @fn as one simulated thread on CPU 0; 0 when no violation. */
static inline int mm_test_run(void (*fn)(void *), void *arg)
{
	struct sim_replay rp;
	struct sim_config cfg = { .max_steps = 50000000, .strategy = &rp.s };

	sim_replay_init(&rp, NULL, 0);
	sim_reset(&cfg);
	lock_reset();
	sim_thread_create("test", fn, arg, 0);
	sim_run();
	if (sim.outcome != SIM_OK)
		printf("# violation %s: %s\n", sim.violation.kind,
		       sim.violation.msg);
	return sim.outcome;
}

/*
 * Run @fn cleanly and check every frame came back: the body tears down all it
 * built, so a frame still allocated is a leak. A macro so that a failure
 * names the test's line.
 */
#define MM_TEST_RUN_NO_LEAK(fn, free_at_start)                          \
	do {                                                            \
		CHECK_INT(mm_test_run(fn, NULL), ==, SIM_OK);           \
		CHECK_INT(mach.nr_free_frames, ==, (free_at_start));    \
	} while (0)

/* The invariants hold, then the machine goes. */
static inline void mm_test_done(void)
{
	int n = mm_check_invariants();

	if (n)
		printf("# invariant: %s: %s\n", sim.violation.kind,
		       sim.violation.msg);
	CHECK_INT(n, ==, 0);
	swap_destroy();
	machine_destroy();
}

static inline int touch(int cpu, struct mm_struct *mm, uint64_t va,
			bool write, uint64_t *word)
{
	uint64_t w;

	return cpu_access(cpu, mm, va, write, word ? word : &w);
}

/* Does any CPU still hold a leaf TLB entry for @va of @mm? */
static inline bool any_tlb_entry(struct mm_struct *mm, uint64_t va)
{
	for (int c = 0; c < mach.cfg.nr_cpus; c++)
		if (tlb_lookup_leaf(&mach.cpus[c].tlb, mm->id, va))
			return true;
	return false;
}

/* The logical page a content word names. */
static inline uint32_t word_lpage(uint64_t word)
{
	return (uint32_t)(word >> 32);
}

static inline uint32_t word_version(uint64_t word)
{
	return (uint32_t)word;
}

#endif /* MMSIM_TESTS_MM_MM_TEST_H */
