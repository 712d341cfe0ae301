// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault types: anonymous zero-fill, shmem read/write (shared and
 * private), hugetlb, THP; the mappings, counters and data they leave.
 *
 *   0x10000000   anon, 4 pages
 *   0x20000000   shmem "f" shared, 4 pages;  0x30000000  "f" private
 *   0x40000000   hugetlbfs "h", 1 GiB, 2M pages
 *   0x50000000   anon + MAP_HUGEPAGE, 4M: two PMD-mapped THPs
 */
#include "mm/thp.h"
#include "tests/mm/mm_test.h"

#define VA_ANON 0x10000000ull
#define VA_SHM 0x20000000ull
#define VA_PRIV 0x30000000ull
#define VA_HUGE 0x40000000ull
#define VA_THP 0x50000000ull

static struct mm_struct *mm;
static struct address_space *shm, *hfile;

static void setup(void)
{
	mm_test_init(NULL);
	mm = mm_alloc("p");
	shm = file_create("f", FILE_SHMEM, 16 * PAGE_SIZE, 0);
	hfile = file_create("h", FILE_HUGETLBFS, GB, HPAGE_PMD_ORDER);
}

static void anon_body(void *arg)
{
	uint64_t w1, w2;

	CHECK_INT(do_mmap(mm, VA_ANON, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	CHECK_INT(touch(0, mm, VA_ANON, false, &w1), ==, ACCESS_OK);
	CHECK_INT(word_version(w1), ==, 0);
	CHECK_INT(touch(0, mm, VA_ANON, true, &w2), ==, ACCESS_OK);
	CHECK_INT(word_lpage(w2), ==, word_lpage(w1));
	CHECK_INT(word_version(w2), ==, 1);
	CHECK_INT(touch(0, mm, VA_ANON + PAGE_SIZE, true, NULL), ==,
		  ACCESS_OK);
	CHECK_INT(mm->rss_anon, ==, 2);
	CHECK_INT(mm->nr_ptes, ==, 1);
	CHECK_INT(touch(0, mm, VA_ANON + 4 * PAGE_SIZE, false, NULL), ==,
		  ACCESS_SEGV);
}

static void anon_zero_fill(void)
{
	setup();
	CHECK_INT(mm_test_run(anon_body, NULL), ==, SIM_OK);
	mm_test_done();
}

static void file_body(void *arg)
{
	uint64_t w_sh, w_pr, w;

	CHECK_INT(do_mmap(mm, VA_SHM, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_SHARED, shm, 0), ==, 0);
	CHECK_INT(do_mmap(mm, VA_PRIV, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE, shm, 0), ==, 0);
	/* a shared write lands in the page cache ... */
	CHECK_INT(touch(0, mm, VA_SHM, true, &w_sh), ==, ACCESS_OK);
	/* ... which the private mapping reads until it writes */
	CHECK_INT(touch(0, mm, VA_PRIV, false, &w_pr), ==, ACCESS_OK);
	CHECK_U64(w_pr, ==, w_sh);
	CHECK_INT(mm->rss_file, ==, 2);
	CHECK_INT(touch(0, mm, VA_PRIV, true, &w), ==, ACCESS_OK);
	CHECK(word_lpage(w) != word_lpage(w_sh));
	CHECK_INT(mm->rss_file, ==, 1);
	CHECK_INT(mm->rss_anon, ==, 1);
	/* the shared side still sees its own version */
	CHECK_INT(touch(0, mm, VA_SHM, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, w_sh);
	/* a private write fault on a none PTE copies at once */
	CHECK_INT(touch(0, mm, VA_PRIV + PAGE_SIZE, true, &w), ==, ACCESS_OK);
	CHECK_INT(shm->pages[1] != 0, ==, 1);
}

static void shmem_read_write(void)
{
	setup();
	CHECK_INT(mm_test_run(file_body, NULL), ==, SIM_OK);
	mm_test_done();
}

static void huge_body(void *arg)
{
	uint64_t w1, w2;

	CHECK_INT(do_mmap(mm, VA_HUGE, GB, PROT_READ | PROT_WRITE, MAP_SHARED,
			  hfile, 0), ==, 0);
	CHECK_INT(touch(0, mm, VA_HUGE + 5 * PAGE_SIZE, true, &w1), ==,
		  ACCESS_OK);
	CHECK_INT(touch(1, mm, VA_HUGE + 5 * PAGE_SIZE, false, &w2), ==,
		  ACCESS_OK);
	CHECK_U64(w1, ==, w2);
	CHECK_INT(mm->rss_file, ==, 512);
	CHECK(tlb_lookup(&mach.cpus[1].tlb,
			 tlb_key(mm->id, TLB_2M, VA_HUGE)) != NULL);
	CHECK_INT(do_munmap(mm, VA_HUGE, GB), ==, 0);
	CHECK(!any_tlb_entry(mm, VA_HUGE));
	CHECK_INT(mm->rss_file, ==, 0);
	CHECK_INT(mm->nr_pmds, ==, 0);
}

static void hugetlb_fault_and_unmap(void)
{
	setup();
	CHECK_INT(mm_test_run(huge_body, NULL), ==, SIM_OK);
	mm_test_done();
}

static void thp_body(void *arg)
{
	pteval_t *pmd;
	struct page *head;

	CHECK_INT(do_mmap(mm, VA_THP, 4 * MB, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGEPAGE, NULL, 0),
		  ==, 0);
	CHECK_INT(touch(0, mm, VA_THP + 3 * PAGE_SIZE, true, NULL), ==,
		  ACCESS_OK);
	pmd = mm_find_pmd(mm, VA_THP);
	CHECK(pmd && pte_huge(*pmd));
	head = pfn_to_page(pte_pfn(*pmd));
	CHECK(PageTransHuge(head));
	CHECK_INT(head->_entire_mapcount + 1, ==, 1);
	CHECK_INT(mm->rss_anon, ==, HPAGE_PMD_NR);
	CHECK_INT(mm->nr_ptes, ==, 0);
	CHECK(tlb_lookup(&mach.cpus[0].tlb,
			 tlb_key(mm->id, TLB_2M, VA_THP)) != NULL);
}

static void thp_fault(void)
{
	setup();
	CHECK_INT(mm_test_run(thp_body, NULL), ==, SIM_OK);
	mm_test_done();
}

TAP_MAIN(TEST(anon_zero_fill), TEST(shmem_read_write),
	 TEST(hugetlb_fault_and_unmap), TEST(thp_fault))
