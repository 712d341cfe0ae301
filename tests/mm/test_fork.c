// SPDX-License-Identifier: GPL-2.0-only
/*
 * fork: COW after fork (each side sees its own data), rmap reaches the
 * child, and fork + exit leaves no frame behind.
 *
 *   0x10000000            0x10010000
 *   |<-- anon, 16 pages -->|   parent, written before the fork
 *   |<-- same, COW ------->|   child
 */
#include "mm/rmap.h"
#include "mm/thp.h"
#include "tests/mm/mm_test.h"

#define VA 0x10000000ull
#define NPAGES 16
#define VA_THP 0x40000000ull

static struct mm_struct *parent, *child;
static long free_at_start;

static void setup(void)
{
	mm_test_init(NULL);
	free_at_start = mach.nr_free_frames;
	parent = mm_alloc("parent");
}

static void populate(void)
{
	CHECK_INT(do_mmap(parent, VA, NPAGES * PAGE_SIZE,
			  PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  NULL, 0), ==, 0);
	for (int i = 0; i < NPAGES; i++)
		CHECK_INT(touch(0, parent, VA + i * PAGE_SIZE, true, NULL), ==,
			  ACCESS_OK);
}

static struct page *page_at(struct mm_struct *mm, uint64_t va)
{
	return pfn_to_page(pte_pfn(*pte_offset(mm_find_pmd(mm, va), va)));
}

static bool count_vma(struct page *page, struct vm_area_struct *vma,
		      uint64_t addr, void *arg)
{
	(*(int *)arg)++;
	return true;
}

static void cow_body(void *arg)
{
	uint64_t before, p_after, c_after;
	struct page *page;
	int vmas = 0;
	struct rmap_walk_control rwc = { .arg = &vmas, .rmap_one = count_vma };

	populate();
	touch(0, parent, VA, false, &before);
	child = dup_mm(parent, "child");
	page = page_at(parent, VA);
	CHECK(page == page_at(child, VA));
	CHECK_INT(page_mapcount(page), ==, 2);
	CHECK_INT(page_count(page), ==, 2);
	CHECK_INT(child->rss_anon, ==, NPAGES);
	CHECK_INT(child->nr_ptes, ==, 1);
	/* no CPU may keep writing the shared page */
	CHECK(!(tlb_lookup_leaf(&mach.cpus[0].tlb, parent->id, VA)));
	rmap_walk(page, &rwc);
	CHECK_INT(vmas, ==, 2);
	/* the parent writes: it gets a copy; the child keeps the old data */
	CHECK_INT(touch(0, parent, VA, true, &p_after), ==, ACCESS_OK);
	CHECK_INT(touch(1, child, VA, false, &c_after), ==, ACCESS_OK);
	CHECK_U64(c_after, ==, before);
	CHECK(word_lpage(p_after) != word_lpage(before));
	CHECK_INT(word_version(p_after), ==, word_version(before) + 1);
	CHECK_INT(page_mapcount(page), ==, 1);
	/* the child is now alone on the old page: it reuses it */
	CHECK_INT(touch(1, child, VA, true, &c_after), ==, ACCESS_OK);
	CHECK(page_at(child, VA) == page);
	CHECK_INT(word_lpage(c_after), ==, word_lpage(before));
	/* the parent's copy went to the parent's own anon_vma */
	CHECK_INT(page_at(parent, VA)->mapping, ==, parent->id + 1);
}

static void cow_after_fork(void)
{
	setup();
	CHECK_INT(mm_test_run(cow_body, NULL), ==, SIM_OK);
	mm_test_done();
}

static void exit_body(void *arg)
{
	populate();
	CHECK_INT(do_mmap(parent, VA_THP, 2 * MB, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGEPAGE, NULL, 0),
		  ==, 0);
	CHECK_INT(touch(0, parent, VA_THP, true, NULL), ==, ACCESS_OK);
	child = dup_mm(parent, "child");
	/* a write in the child to the THP splits its PMD and copies */
	CHECK_INT(touch(1, child, VA_THP + PAGE_SIZE, true, NULL), ==,
		  ACCESS_OK);
	CHECK_INT(touch(1, child, VA + PAGE_SIZE, true, NULL), ==, ACCESS_OK);
	CHECK_INT(mm_check_invariants(), ==, 0);
	exit_mmap(parent);
	CHECK_INT(touch(1, child, VA + 2 * PAGE_SIZE, false, NULL), ==,
		  ACCESS_OK);
	exit_mmap(child);
}

static void fork_exit_leaks_nothing(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(exit_body, free_at_start);
	mm_test_done();
}

static void grandchild_body(void *arg)
{
	struct mm_struct *grand;
	uint64_t before, w;
	int vmas = 0;
	struct rmap_walk_control rwc = { .arg = &vmas, .rmap_one = count_vma };

	populate();
	touch(0, parent, VA, false, &before);
	child = dup_mm(parent, "child");
	grand = dup_mm(child, "grand");
	rmap_walk(page_at(parent, VA), &rwc);
	CHECK_INT(vmas, ==, 3);
	CHECK_INT(touch(2, grand, VA, true, &w), ==, ACCESS_OK);
	CHECK_INT(touch(0, parent, VA, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, before);
	exit_mmap(child);
	exit_mmap(parent);
	exit_mmap(grand);
}

static void grandchild_rmap_and_exit(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(grandchild_body, free_at_start);
	mm_test_done();
}

TAP_MAIN(TEST(cow_after_fork), TEST(fork_exit_leaks_nothing),
	 TEST(grandchild_rmap_and_exit))
