// SPDX-License-Identifier: GPL-2.0-only
/*
 * hugetlb PMD sharing across three processes, and its teardown.
 *
 *   0x40000000                                        0x80000000
 *   |<------------- "db", 1 GiB hugetlbfs, MAP_SHARED -------->|
 *   p0, p1, p2: one PMD table, share count 3
 */
#include "mm/hugetlb.h"
#include "tests/mm/mm_test.h"

#define VA 0x40000000ull

static struct mm_struct *p[3];
static struct address_space *db;
static long free_at_start;
static uint64_t table;

static void setup(const char *era)
{
	mm_test_init(era);
	free_at_start = mach.nr_free_frames;
	db = file_create("db", FILE_HUGETLBFS, GB, HPAGE_PMD_ORDER);
	for (int i = 0; i < 3; i++)
		p[i] = mm_alloc("p");
}

static void share_body(void *arg)
{
	uint64_t w[3];

	for (int i = 0; i < 3; i++) {
		CHECK_INT(do_mmap(p[i], VA, GB, PROT_READ | PROT_WRITE,
				  MAP_SHARED, db, 0), ==, 0);
		CHECK_INT(touch(i, p[i], VA + 7 * PAGE_SIZE, i == 0, &w[i]),
			  ==, ACCESS_OK);
	}
	table = pte_pfn(*pud_offset(pgd_offset(p[0], VA), VA));
	for (int i = 1; i < 3; i++) {
		CHECK_U64(pte_pfn(*pud_offset(pgd_offset(p[i], VA), VA)), ==,
			  table);
		CHECK_U64(w[i], ==, w[0]);
	}
	CHECK_INT(pmd_share_count(table), ==, 3);
	if (!mach.era->pmd_share_count_separate)
		CHECK_INT(page_count(pfn_to_page(table)), ==, 3);
	/* one PTE in the shared table: mapcount 1 whatever the sharers */
	CHECK_INT(page_mapcount(pfn_to_page(pte_pfn(*pfn_table(table)))), ==,
		  1);
	CHECK_INT(mm_check_invariants(), ==, 0);
	/* p1 leaves: it unshares, and its TLBs forget the whole PUD */
	CHECK_INT(do_munmap(p[1], VA, GB), ==, 0);
	CHECK_INT(pmd_share_count(table), ==, 2);
	CHECK(!any_tlb_entry(p[1], VA + 7 * PAGE_SIZE));
	CHECK_INT(p[1]->nr_pmds, ==, 0);
	CHECK_INT(touch(1, p[1], VA, false, NULL), ==, ACCESS_SEGV);
	/* the others still see the data */
	CHECK_INT(touch(2, p[2], VA + 7 * PAGE_SIZE, false, &w[2]), ==,
		  ACCESS_OK);
	CHECK_U64(w[2], ==, w[0]);
	CHECK_INT(mm_check_invariants(), ==, 0);
	exit_mmap(p[0]);
	CHECK_INT(pmd_share_count(table), ==, 1);
	/* the last sharer frees the table through its gather */
	exit_mmap(p[2]);
	CHECK(!PageTable(pfn_to_page(table)));
	exit_mmap(p[1]);
}

static void share_three(const char *era)
{
	setup(era);
	CHECK_INT(mm_test_run(share_body, NULL), ==, SIM_OK);
	/* the huge page stays in the page cache (the file), not leaked */
	CHECK_INT(mach.nr_free_frames, ==, free_at_start);
	mm_test_done();
}

static void share_three_v4_19(void)
{
	share_three("v4.19");
}

static void share_three_v4_4_y(void)
{
	share_three("v4.4.y");
}

TAP_MAIN(TEST(share_three_v4_19), TEST(share_three_v4_4_y))
