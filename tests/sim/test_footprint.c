// SPDX-License-Identifier: GPL-2.0-only
/*
 * Step footprints: when two footprints conflict, how touches merge and
 * overflow, how objects are keyed (statics by address, heap objects by
 * first touch), and how a kept footprint forgets the numbers given out
 * after its prefix.  Recording is checked from inside a simulated
 * thread, where touches count.
 */
#include <stdlib.h>

#include "sim/footprint.h"
#include "tests/sim/sim_test.h"
#include "tests/tap.h"

static int static_a, static_b;

static void set(struct sim_footprint *f, int i, uint64_t lo, uint64_t hi,
		bool write)
{
	f->lo[i] = lo;
	f->hi[i] = hi;
	if (write)
		f->wmask |= 1u << i;
	if (f->n <= i)
		f->n = (uint8_t)(i + 1);
}

static uint64_t frame(uint64_t pfn)
{
	return sim_fp_key(SIM_FP_FRAME, pfn);
}

static void conflict_rules(void)
{
	struct sim_footprint a = { 0 }, b = { 0 };

	set(&a, 0, frame(5), frame(5), false);
	set(&b, 0, frame(5), frame(5), false);
	CHECK(!sim_fp_conflict(&a, &b));	/* two reads */
	b.wmask = 1;
	CHECK(sim_fp_conflict(&a, &b));		/* read, write */
	CHECK(sim_fp_conflict(&b, &a));
	a.wmask = 1;
	CHECK(sim_fp_conflict(&a, &b));		/* two writes */
	set(&b, 0, frame(6), frame(9), true);
	CHECK(!sim_fp_conflict(&a, &b));	/* disjoint */
	set(&a, 1, frame(9), frame(12), false);
	CHECK(sim_fp_conflict(&a, &b));		/* overlapping ranges */
	set(&b, 0, sim_fp_key(SIM_FP_LPAGE, 5), sim_fp_key(SIM_FP_LPAGE, 5),
	    true);
	CHECK(!sim_fp_conflict(&a, &b));	/* another space */
	b.all = true;
	CHECK(sim_fp_conflict(&a, &b));
}

static void forget_new_makes_new_objects_alike(void)
{
	struct sim_footprint kept = { 0 }, step = { 0 };
	uint64_t o1 = sim_fp_key(SIM_FP_OBJ, 1), o2 = sim_fp_key(SIM_FP_OBJ, 2);
	uint64_t o3 = sim_fp_key(SIM_FP_OBJ, 3), o9 = sim_fp_key(SIM_FP_OBJ, 9);

	/* recorded after one object was numbered: 2 and 3 were new */
	set(&kept, 0, o1, o2, true);
	set(&kept, 1, o3, o3, false);
	sim_fp_forget_new(&kept, 1);
	CHECK_INT(kept.n, ==, 3);
	CHECK(sim_fp_has(&kept, o1, true));
	CHECK(sim_fp_has(&kept, o9, true));	/* any new object */
	/* another run's first new object is 2 too, but maybe not ours */
	set(&step, 0, o9, o9, false);
	CHECK(sim_fp_conflict(&kept, &step));
	step.n = 0;
	step.wmask = 0;
	set(&step, 0, sim_fp_key(SIM_FP_OBJ, 0), sim_fp_key(SIM_FP_OBJ, 0),
	    true);
	CHECK(!sim_fp_conflict(&kept, &step));	/* an old, untouched one */
}

static int *heap_a, *heap_b;
static uint64_t key_heap_a, key_heap_b, key_static_a;

static void record_body(void *arg)
{
	sim_fp_clear(&sim_fp_cur);
	sim_touch_range(SIM_FP_FRAME, 10, 1, true);
	sim_touch_range(SIM_FP_FRAME, 11, 2, true);
	CHECK_INT(sim_fp_cur.n, ==, 1);		/* [10, 12] merged */
	CHECK(sim_fp_has(&sim_fp_cur, frame(12), true));
	sim_touch_range(SIM_FP_FRAME, 11, 1, false);
	CHECK_INT(sim_fp_cur.n, ==, 1);		/* the write covers a read */
	sim_touch_range(SIM_FP_FRAME, 20, 1, false);
	sim_touch_range(SIM_FP_FRAME, 20, 1, true);
	CHECK_INT(sim_fp_cur.n, ==, 3);		/* a read does not cover */
	sim_touch(&static_a, false);
	sim_touch(&static_a, false);
	CHECK_INT(sim_fp_cur.n, ==, 4);
	key_static_a = sim_fp_obj_key(&static_a);
	CHECK(sim_fp_has(&sim_fp_cur, key_static_a, false));
	CHECK(!sim_fp_has(&sim_fp_cur, key_static_a, true));
	CHECK(!sim_fp_has(&sim_fp_cur, sim_fp_obj_key(&static_b), false));
	/* heap objects: numbered in the order this run first touched them */
	sim_touch(heap_b, true);
	sim_touch(heap_a, true);
	key_heap_a = sim_fp_obj_key(heap_a);
	key_heap_b = sim_fp_obj_key(heap_b);
	CHECK(sim_fp_has(&sim_fp_cur, key_heap_a, true));
	for (uint64_t i = 0; i < SIM_FP_MAX; i++)
		sim_touch_range(SIM_FP_FRAME, 1000 + 2 * i, 1, true);
	CHECK(sim_fp_cur.all);			/* overflow: conflicts always */
}

static void spawn_record(void)
{
	sim_thread_create("record", record_body, NULL, -1);
}

static void recording_in_a_thread(void)
{
	struct sim_replay rp;

	heap_a = malloc(sizeof(*heap_a));
	heap_b = malloc(sizeof(*heap_b));
	sim_replay_init(&rp, NULL, 0);
	rp.s.wants_footprints = true;
	CHECK_INT(run_with(&rp.s, spawn_record, false), ==, SIM_OK);
	CHECK_U64(key_static_a, ==,
		  sim_fp_key(SIM_FP_STATIC, (uint64_t)(uintptr_t)&static_a));
	CHECK_U64(key_heap_b, ==, sim_fp_key(SIM_FP_OBJ, 1));
	CHECK_U64(key_heap_a, ==, sim_fp_key(SIM_FP_OBJ, 2));
	free(heap_a);
	free(heap_b);
}

/* Outside a run nothing is recorded: building a world is not a step. */
static void nothing_outside_a_run(void)
{
	sim_fp_clear(&sim_fp_cur);
	sim.fp_on = true;
	sim_touch(&static_a, true);
	sim_touch_range(SIM_FP_FRAME, 1, 1, true);
	sim.fp_on = false;
	CHECK_INT(sim_fp_cur.n, ==, 0);
	CHECK(!sim_fp_cur.all);
}

static void cleanup(void)
{
	sim_shutdown();
}

TAP_MAIN(TEST(conflict_rules), TEST(forget_new_makes_new_objects_alike),
	 TEST(recording_in_a_thread), TEST(nothing_outside_a_run),
	 TEST(cleanup))
