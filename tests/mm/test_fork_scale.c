// SPDX-License-Identifier: GPL-2.0-only
/*
 * One anonymous page shared by 200 processes (a parent and 199 forks),
 * then reclaimed.  Past 64 mms this covers what used to be bounded by a
 * 64-bit mask or a MAX_MMS array: the parent's anon_vma grows to 200
 * VMAs, rmap_walk_anon reaches every one, and the reclaim's deferred
 * flush (the unmap batch's mm set, TTU_BATCH_FLUSH) must flush every
 * child's TLBs, ids 64 and up included, before the page is freed.  The
 * data comes back from swap for the last child and the parent.
 *
 *   0x10000000    anon, 1 page, MAP_PRIVATE, written before the forks
 */
#include "mm/swap_state.h"
#include "mm/vmscan.h"
#include "tests/mm/mm_test.h"

#define VA 0x10000000ull
#define NPROC 200

static struct mm_struct *p[NPROC];

static void body(void *arg)
{
	uint64_t before, w;
	int cached = 0;

	CHECK_INT(do_mmap(p[0], VA, PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	CHECK_INT(touch(0, p[0], VA, true, &before), ==, ACCESS_OK);
	for (int i = 1; i < NPROC; i++) {
		p[i] = dup_mm(p[0], "child");
		if (!p[i])
			break;
	}
	CHECK(p[NPROC - 1] != NULL);
	CHECK_INT(p[0]->anon_vma.nr_vmas, ==, NPROC);
	/* every child reads it from another CPU: all of them cache it */
	for (int i = 1; i < NPROC; i++) {
		CHECK_INT(touch(1 + i % 3, p[i], VA, false, &w), ==,
			  ACCESS_OK);
		CHECK_U64(w, ==, before);
	}
	CHECK_INT(reclaim_range(p[0], VA, PAGE_SIZE), ==, 1);
	for (int i = 0; i < NPROC; i++) {
		cached += any_tlb_entry(p[i], VA);
		CHECK_INT(p[i]->rss_swap, ==, 1);
	}
	CHECK_INT(cached, ==, 0);
	CHECK_INT(mm_check_invariants(), ==, 0);
	CHECK_INT(touch(2, p[NPROC - 1], VA, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, before);
	CHECK_INT(touch(3, p[0], VA, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, before);
	for (int i = NPROC - 1; i >= 0; i--)
		exit_mmap(p[i]);
	CHECK_INT(swap_cache_pages(), ==, 0);
}

static void reclaim_shared_by_200(void)
{
	mm_test_init("v4.19");
	p[0] = mm_alloc("p");
	CHECK_INT(mm_test_run(body, NULL), ==, SIM_OK);
	mm_test_done();
}

TAP_MAIN(TEST(reclaim_shared_by_200))
