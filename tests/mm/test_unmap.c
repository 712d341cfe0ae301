// SPDX-License-Identifier: GPL-2.0-only
/*
 * munmap, mprotect, mremap, madvise and exit as the TLBs see them: once
 * the call returns, no CPU reaches the old translations (no leaf entry
 * remains; an access faults), and the frames come back.
 *
 *   0x10000000          0x10008000          0x10010000
 *   |<----- anon, 16 pages, touched by cpus 0..3 ---->|
 *             [ munmap 4..8 ]     (splits the VMA in two)
 */
#include "tests/mm/mm_test.h"

#define VA 0x10000000ull
#define NPAGES 16
#define VA_NEW 0x70000000ull

static struct mm_struct *mm;
static long free_at_start;

static void setup(void)
{
	mm_test_init(NULL);
	free_at_start = mach.nr_free_frames;
	mm = mm_alloc("p");
}

/* Map and write NPAGES pages, each CPU touching all of them. */
static void populate(void)
{
	CHECK_INT(do_mmap(mm, VA, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	for (int c = 0; c < 4; c++)
		for (int i = 0; i < NPAGES; i++)
			CHECK_INT(touch(c, mm, VA + i * PAGE_SIZE, true, NULL),
				  ==, ACCESS_OK);
}

static void munmap_body(void *arg)
{
	populate();
	CHECK_INT(do_munmap(mm, VA + 4 * PAGE_SIZE, 4 * PAGE_SIZE), ==, 0);
	CHECK_INT(mm->nr_vmas, ==, 2);
	for (int i = 4; i < 8; i++) {
		CHECK(!any_tlb_entry(mm, VA + i * PAGE_SIZE));
		CHECK_INT(touch(2, mm, VA + i * PAGE_SIZE, false, NULL), ==,
			  ACCESS_SEGV);
	}
	CHECK_INT(touch(2, mm, VA + 8 * PAGE_SIZE, false, NULL), ==,
		  ACCESS_OK);
	CHECK_INT(mm->rss_anon, ==, NPAGES - 4);
	/* the PTE table stays: the remaining VMAs use it */
	CHECK_INT(mm->nr_ptes, ==, 1);
	CHECK_INT(do_munmap(mm, VA, NPAGES * PAGE_SIZE), ==, 0);
	CHECK_INT(mm->nr_ptes, ==, 0);
	CHECK_INT(mm->nr_pmds, ==, 0);
	CHECK_INT(mm->rss_anon, ==, 0);
	exit_mmap(mm);
}

static void munmap_flushes_and_frees(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(munmap_body, free_at_start);
	mm_test_done();
}

static void mprotect_body(void *arg)
{
	uint64_t w0, w;

	populate();
	CHECK_INT(touch(3, mm, VA, false, &w0), ==, ACCESS_OK);
	CHECK_INT(do_mprotect(mm, VA, 8 * PAGE_SIZE, PROT_READ), ==, 0);
	for (int c = 0; c < 4; c++) {
		struct tlb_entry *e = tlb_lookup_leaf(&mach.cpus[c].tlb,
						      mm->id, VA);

		CHECK(!e || !(e->flags & TLB_RW));
	}
	CHECK_INT(touch(1, mm, VA, true, NULL), ==, ACCESS_SEGV);
	CHECK_INT(touch(1, mm, VA, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, w0);
	CHECK_INT(do_mprotect(mm, VA, 8 * PAGE_SIZE, PROT_NONE), ==, 0);
	CHECK(!any_tlb_entry(mm, VA));
	CHECK_INT(touch(1, mm, VA, false, NULL), ==, ACCESS_SEGV);
	/* PROT_NONE keeps the page: it comes back with its data */
	CHECK_INT(do_mprotect(mm, VA, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE),
		  ==, 0);
	CHECK_INT(touch(1, mm, VA, true, &w), ==, ACCESS_OK);
	CHECK_INT(word_lpage(w), ==, word_lpage(w0));
	CHECK_INT(mm->rss_anon, ==, NPAGES);
	exit_mmap(mm);
}

static void mprotect_downgrades_every_tlb(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(mprotect_body, free_at_start);
	mm_test_done();
}

static void mremap_body(void *arg)
{
	uint64_t old[NPAGES], w;

	populate();
	for (int i = 0; i < NPAGES; i++)
		touch(0, mm, VA + i * PAGE_SIZE, false, &old[i]);
	CHECK_INT(do_mremap(mm, VA, NPAGES * PAGE_SIZE, VA_NEW), ==, 0);
	for (int i = 0; i < NPAGES; i++) {
		CHECK(!any_tlb_entry(mm, VA + i * PAGE_SIZE));
		CHECK_INT(touch(3, mm, VA + i * PAGE_SIZE, false, NULL), ==,
			  ACCESS_SEGV);
		CHECK_INT(touch(3, mm, VA_NEW + i * PAGE_SIZE, false, &w), ==,
			  ACCESS_OK);
		CHECK_U64(w, ==, old[i]);
	}
	CHECK_INT(mm->nr_vmas, ==, 1);
	CHECK_INT(mm->nr_ptes, ==, 1);
	CHECK_INT(mm->rss_anon, ==, NPAGES);
	exit_mmap(mm);
}

static void mremap_moves_and_flushes(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(mremap_body, free_at_start);
	mm_test_done();
}

static void madvise_body(void *arg)
{
	uint64_t w0, w;
	struct page *page;

	populate();
	touch(0, mm, VA + 8 * PAGE_SIZE, false, &w0);
	CHECK_INT(do_madvise(mm, VA, 4 * PAGE_SIZE, MADV_DONTNEED), ==, 0);
	CHECK(!any_tlb_entry(mm, VA));
	CHECK_INT(mm->rss_anon, ==, NPAGES - 4);
	/* DONTNEED: the next touch sees fresh zeroes */
	CHECK_INT(touch(0, mm, VA, false, &w), ==, ACCESS_OK);
	CHECK_INT(word_version(w), ==, 0);
	CHECK_INT(do_madvise(mm, VA + 8 * PAGE_SIZE, 4 * PAGE_SIZE, MADV_FREE),
		  ==, 0);
	page = pfn_to_page(pte_pfn(*pte_offset(mm_find_pmd(mm, VA),
					       VA + 8 * PAGE_SIZE)));
	CHECK(!PageSwapBacked(page));
	CHECK(!PageDirty(page));
	/* lazily freed pages keep their data until reclaim drops them */
	CHECK_INT(touch(2, mm, VA + 8 * PAGE_SIZE, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, w0);
	exit_mmap(mm);
}

static void madvise_dontneed_and_free(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(madvise_body, free_at_start);
	mm_test_done();
}

static void mlock_body(void *arg)
{
	struct page *page;

	CHECK_INT(do_mmap(mm, VA, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	CHECK_INT(do_mlock(mm, VA + PAGE_SIZE, 2 * PAGE_SIZE), ==, 0);
	CHECK_INT(mm->nr_vmas, ==, 3);
	CHECK_INT(mm->rss_anon, ==, 2);
	page = pfn_to_page(pte_pfn(*pte_offset(mm_find_pmd(mm, VA),
					       VA + PAGE_SIZE)));
	CHECK(PageMlocked(page));
	CHECK(find_vma(mm, VA + PAGE_SIZE)->vm_flags & VM_LOCKED);
	CHECK_INT(do_munlock(mm, VA, NPAGES * PAGE_SIZE), ==, 0);
	CHECK(!PageMlocked(page));
	CHECK(!(find_vma(mm, VA + PAGE_SIZE)->vm_flags & VM_LOCKED));
	exit_mmap(mm);
}

static void mlock_populates_and_munlock_clears(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(mlock_body, free_at_start);
	mm_test_done();
}

static void exit_body(void *arg)
{
	populate();
	CHECK_INT(do_mmap(mm, 0x7f0000000000ull, 4 * PAGE_SIZE,
			  PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  NULL, 0), ==, 0);
	CHECK_INT(touch(0, mm, 0x7f0000000000ull, true, NULL), ==, ACCESS_OK);
	exit_mmap(mm);
	CHECK(mm->dead);
	CHECK_INT(mm->nr_vmas, ==, 0);
	for (int c = 0; c < 4; c++)
		CHECK(!any_tlb_entry(mm, VA));
}

static void exit_frees_everything(void)
{
	setup();
	/* the PGD went too */
	MM_TEST_RUN_NO_LEAK(exit_body, free_at_start);
	mm_test_done();
}

TAP_MAIN(TEST(munmap_flushes_and_frees), TEST(mprotect_downgrades_every_tlb),
	 TEST(mremap_moves_and_flushes), TEST(madvise_dontneed_and_free),
	 TEST(mlock_populates_and_munlock_clears),
	 TEST(exit_frees_everything))
