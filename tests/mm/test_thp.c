// SPDX-License-Identifier: GPL-2.0-only
/*
 * THP: zap of a whole PMD-mapped THP, a partial munmap that splits the
 * PMD, split_huge_page of a mapped THP, and rmap's PMD-mapped walk.
 *
 *   0x40000000          0x40200000          0x40400000
 *   |<------ THP 0 ------>|<------ THP 1 ------>|  anon, MAP_HUGEPAGE
 */
#include "mm/rmap.h"
#include "mm/thp.h"
#include "tests/mm/mm_test.h"

#define VA 0x40000000ull

static struct mm_struct *mm;
static long free_at_start;

static void setup(void)
{
	mm_test_init(NULL);
	free_at_start = mach.nr_free_frames;
	mm = mm_alloc("p");
}

static struct page *thp_at(uint64_t va)
{
	pteval_t *pmd = mm_find_pmd(mm, va);

	return pmd && pte_huge(*pmd) ? pfn_to_page(pte_pfn(*pmd)) : NULL;
}

static void map_two(void)
{
	CHECK_INT(do_mmap(mm, VA, 4 * MB, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGEPAGE, NULL, 0),
		  ==, 0);
	for (int c = 0; c < 3; c++) {
		CHECK_INT(touch(c, mm, VA, true, NULL), ==, ACCESS_OK);
		CHECK_INT(touch(c, mm, VA + 2 * MB + 5 * PAGE_SIZE, true, NULL),
			  ==, ACCESS_OK);
	}
}

static void zap_body(void *arg)
{
	struct page_vma_mapped_walk pvmw = { .vma = NULL };
	struct page *head;

	map_two();
	head = thp_at(VA);
	CHECK(head != NULL);
	pvmw.page = head;
	pvmw.vma = find_vma(mm, VA);
	pvmw.address = VA;
	CHECK(page_vma_mapped_walk(&pvmw));
	CHECK(pvmw.pte == NULL && pvmw.pmd != NULL);
	CHECK(!page_vma_mapped_walk(&pvmw));
	/* the whole first THP goes: PMD zap, no split */
	CHECK_INT(do_munmap(mm, VA, 2 * MB), ==, 0);
	CHECK(!any_tlb_entry(mm, VA));
	CHECK_INT(mm->rss_anon, ==, HPAGE_PMD_NR);
	/* half of the second: split, then PTE zap */
	CHECK_INT(do_munmap(mm, VA + 2 * MB, MB), ==, 0);
	CHECK(thp_at(VA + 3 * MB) == NULL);
	CHECK_INT(mm->nr_ptes, ==, 1);
	CHECK_INT(mm->rss_anon, ==, HPAGE_PMD_NR / 2);
	CHECK(!any_tlb_entry(mm, VA + 2 * MB + 5 * PAGE_SIZE));
	CHECK_INT(touch(0, mm, VA + 3 * MB, false, NULL), ==, ACCESS_OK);
	CHECK_INT(mm_check_invariants(), ==, 0);
	exit_mmap(mm);
}

static void thp_zap_and_partial_unmap(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(zap_body, free_at_start);
	mm_test_done();
}

static void split_body(void *arg)
{
	struct page *head;
	uint64_t before, w;

	map_two();
	touch(0, mm, VA + 2 * MB + 5 * PAGE_SIZE, false, &before);
	head = thp_at(VA + 2 * MB);
	get_page(head);
	CHECK_INT(split_huge_page(head), ==, 0);
	CHECK(!PageHead(head));
	CHECK(thp_at(VA + 2 * MB) == NULL);
	CHECK_INT(page_count(head + 5), ==, 1);
	CHECK_INT(page_mapcount(head + 5), ==, 1);
	CHECK_INT(touch(1, mm, VA + 2 * MB + 5 * PAGE_SIZE, false, &w), ==,
		  ACCESS_OK);
	CHECK_U64(w, ==, before);
	put_page(head);
	CHECK_INT(mm_check_invariants(), ==, 0);
	/* each former subpage is now its own page: zap one alone */
	CHECK_INT(do_munmap(mm, VA + 2 * MB + 5 * PAGE_SIZE, PAGE_SIZE), ==, 0);
	exit_mmap(mm);
}

static void split_huge_page_of_mapped_thp(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(split_body, free_at_start);
	mm_test_done();
}

TAP_MAIN(TEST(thp_zap_and_partial_unmap), TEST(split_huge_page_of_mapped_thp))
