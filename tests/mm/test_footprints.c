// SPDX-License-Identifier: GPL-2.0-only
/*
 * The model's footprints at the places the sleep-set DFS relies on: a
 * CPU store records the frame and its logical page; a store through a
 * clean TLB entry sets Dirty without the PTL, so it records the table and
 * that lock; clearing an entry records its table; migration's copy reads
 * the old frame and writes the new.  Each test clears the footprint,
 * does one operation and looks for the key (sim/footprint.h).
 */
#include "arch/x86/tlbflush.h"
#include "mm/migrate.h"
#include "sim/footprint.h"
#include "tests/mm/mm_test.h"

#define VA 0x10000000ull

static struct mm_struct *mm;

static uint64_t frame_key(uint64_t pfn)
{
	return sim_fp_key(SIM_FP_FRAME, pfn);
}

static uint64_t pfn_of(uint64_t va)
{
	pteval_t *pmd = mm_find_pmd(mm, va);
	pteval_t *pte = pmd ? pte_offset(pmd, va) : NULL;

	return pte ? pte_pfn(entry_read(pte)) : 0;
}

static void body(void *arg)
{
	uint64_t pfn, table, old;
	pteval_t *pte;
	uint64_t word;

	CHECK_INT(do_mmap(mm, VA, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	CHECK_INT(touch(0, mm, VA, true, NULL), ==, ACCESS_OK);
	pfn = pfn_of(VA);
	pte = pte_offset(mm_find_pmd(mm, VA), VA);
	table = pt_pfn_of(pte);

	/* a store: the frame and its logical page, written */
	sim_fp_clear(&sim_fp_cur);
	CHECK_INT(touch(0, mm, VA, true, &word), ==, ACCESS_OK);
	CHECK(sim_fp_has(&sim_fp_cur, frame_key(pfn), true));
	CHECK(sim_fp_has(&sim_fp_cur,
			 sim_fp_key(SIM_FP_LPAGE, word_lpage(word)), true));
	CHECK(sim_fp_has(&sim_fp_cur, sim_fp_obj_key(&mach.cpus[0].tlb),
			 false));

	/* a load fills a clean entry; the next store sets Dirty, unlocked */
	CHECK_INT(touch(1, mm, VA + PAGE_SIZE, false, NULL), ==, ACCESS_OK);
	set_entry(pte + 1, entry_read(pte + 1) & ~_PAGE_DIRTY);
	flush_tlb_mm(mm);
	CHECK_INT(touch(1, mm, VA + PAGE_SIZE, false, NULL), ==, ACCESS_OK);
	sim_fp_clear(&sim_fp_cur);
	CHECK_INT(touch(1, mm, VA + PAGE_SIZE, true, NULL), ==, ACCESS_OK);
	CHECK(sim_fp_has(&sim_fp_cur, frame_key(table), true));
	CHECK(sim_fp_has(&sim_fp_cur, sim_fp_obj_key(&pt_lockptr(pte)->h),
			 true));

	/* migration: the old frame read, the new one written */
	old = pfn;
	sim_fp_clear(&sim_fp_cur);
	CHECK_INT(migrate_page_at(mm, VA), ==, 0);
	pfn = pfn_of(VA);
	CHECK(pfn != old);
	CHECK(sim_fp_has(&sim_fp_cur, frame_key(old), false));
	CHECK(sim_fp_has(&sim_fp_cur, frame_key(pfn), true));

	/* munmap clears the entries: their table, written */
	sim_fp_clear(&sim_fp_cur);
	CHECK_INT(do_munmap(mm, VA, 2 * PAGE_SIZE), ==, 0);
	CHECK(sim_fp_has(&sim_fp_cur, frame_key(table), true));
}

static void touches_where_the_dfs_needs_them(void)
{
	struct sim_replay rp;
	struct sim_config cfg = { .max_steps = 1000000, .strategy = &rp.s };

	mm_test_init(NULL);
	mm = mm_alloc("p");
	sim_replay_init(&rp, NULL, 0);
	rp.s.wants_footprints = true;
	sim_reset(&cfg);
	lock_reset();
	sim_thread_create("test", body, NULL, 0);
	CHECK_INT(sim_run(), ==, SIM_OK);
	mm_test_done();
}

static void cleanup(void)
{
	sim_shutdown();
}

TAP_MAIN(TEST(touches_where_the_dfs_needs_them), TEST(cleanup))
