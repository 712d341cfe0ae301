// SPDX-License-Identifier: GPL-2.0-only
/*
 * hugetlb PMD sharing at scale: 1024 processes map one 1 GiB hugetlbfs
 * file at a PUD-aligned address and share one PMD table.  Before the
 * mms, a file's i_mmap and an anon_vma grew on demand, the model stopped
 * at 64 mms; this keeps the thousands-of-mms paths (huge_pmd_share's
 * i_mmap walk, rmap over every mapper, the unmap batch's mm set) honest.
 *
 *   0x40000000                                        0x80000000
 *   |<------------- "db", 1 GiB hugetlbfs, MAP_SHARED -------->|
 *   p0 .. p1023: one PMD table, share count 1024
 *
 * Then one shared page migrates (v4.19): try_to_unmap reaches every
 * mapper through the one table, all but the last unshare it, and the
 * data survives the move for p0, which keeps the table, and for the
 * others, which fault the new page back in through a table of their own.
 */
#include "mm/hugetlb.h"
#include "mm/migrate.h"
#include "tests/mm/mm_test.h"

#define VA 0x40000000ull
#define NPROC 1024
#define PAGE_VA (VA + 5 * PMD_SIZE + 3 * PAGE_SIZE)

static struct mm_struct *p[NPROC];
static struct address_space *db;
static uint64_t table;

static void setup(const char *era)
{
	mm_test_init(era);
	db = file_create("db", FILE_HUGETLBFS, GB, HPAGE_PMD_ORDER);
	CHECK(db != NULL);
	for (int i = 0; i < NPROC; i++) {
		p[i] = mm_alloc("p");
		if (!p[i])
			break;
	}
	CHECK(p[NPROC - 1] != NULL);
}

static void map_all(void)
{
	uint64_t w;

	for (int i = 0; i < NPROC; i++) {
		CHECK_INT(do_mmap(p[i], VA, GB, PROT_READ | PROT_WRITE,
				  MAP_SHARED, db, 0), ==, 0);
		/* every mm faults: each either allocates or shares */
		CHECK_INT(touch(i % 4, p[i], PAGE_VA, i == 0, &w), ==,
			  ACCESS_OK);
	}
	table = pte_pfn(*pud_offset(pgd_offset(p[0], VA), VA));
}

/* The frame @mm maps at @va (follow_page's reference dropped). */
static uint64_t pfn_at(struct mm_struct *mm, uint64_t va)
{
	struct page *page = follow_page(mm, va);
	uint64_t pfn;

	if (!page)
		return 0;
	pfn = page_to_pfn(compound_head(page));
	put_page(page);
	return pfn;
}

static void share_body(void *arg)
{
	int same = 0;

	map_all();
	for (int i = 0; i < NPROC; i++)
		same += pte_pfn(*pud_offset(pgd_offset(p[i], VA), VA)) ==
			table;
	CHECK_INT(same, ==, NPROC);
	CHECK_INT(pmd_share_count(table), ==, NPROC);
	/* the eras whose share count is the table page's refcount */
	if (!mach.era->pmd_share_count_separate)
		CHECK_INT(page_count(pfn_to_page(table)), ==, NPROC);
	/* one file, one VMA per mapper, in creation order */
	CHECK_INT(db->nr_i_mmap, ==, NPROC);
	CHECK(db->i_mmap[0]->vm_mm == p[0]);
	CHECK(db->i_mmap[NPROC - 1]->vm_mm == p[NPROC - 1]);
	CHECK_INT(mm_check_invariants(), ==, 0);
	for (int i = 0; i < NPROC; i++)
		exit_mmap(p[i]);
	CHECK(!PageTable(pfn_to_page(table)));
}

static void migrate_body(void *arg)
{
	uint64_t before, after, old_pfn, w;
	int unshared = 0;

	map_all();
	CHECK_INT(touch(0, p[0], PAGE_VA, true, NULL), ==, ACCESS_OK);
	CHECK_INT(touch(1, p[NPROC / 2], PAGE_VA, false, &before), ==,
		  ACCESS_OK);
	old_pfn = pfn_at(p[0], PAGE_VA);
	CHECK_INT(migrate_page_at(p[0], PAGE_VA), ==, MIGRATEPAGE_SUCCESS);
	for (int i = 0; i < NPROC; i++)
		unshared += pte_none(*pud_offset(pgd_offset(p[i], VA), VA));
	/* everyone but the table's last user let go of it */
	CHECK_INT(unshared, ==, NPROC - 1);
	CHECK_INT(pmd_share_count(table), ==, 1);
	CHECK_INT(mm_check_invariants(), ==, 0);
	/* the data moved: same word from the new frame, for every mapper */
	for (int i = 0; i < NPROC; i += NPROC / 8 - 1) {
		CHECK_INT(touch(i % 4, p[i], PAGE_VA, false, &after), ==,
			  ACCESS_OK);
		CHECK_U64(after, ==, before);
	}
	CHECK_INT(touch(2, p[NPROC - 1], PAGE_VA, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, before);
	CHECK_U64(pfn_at(p[NPROC - 1], PAGE_VA), !=, old_pfn);
	CHECK_U64(pfn_at(p[0], PAGE_VA), ==, pfn_at(p[NPROC - 1], PAGE_VA));
	for (int i = 0; i < NPROC; i++)
		exit_mmap(p[i]);
}

static void share_1024(const char *era)
{
	setup(era);
	CHECK_INT(mm_test_run(share_body, NULL), ==, SIM_OK);
	mm_test_done();
}

static void share_1024_v4_19(void)
{
	share_1024("v4.19");
}

static void share_1024_v4_4_y(void)
{
	share_1024("v4.4.y");
}

static void share_1024_v6_18(void)
{
	share_1024("v6.18");
}

static void migrate_1024_v4_19(void)
{
	setup("v4.19");
	CHECK_INT(mm_test_run(migrate_body, NULL), ==, SIM_OK);
	mm_test_done();
}

TAP_MAIN(TEST(share_1024_v4_19), TEST(share_1024_v4_4_y),
	 TEST(share_1024_v6_18), TEST(migrate_1024_v4_19))
