// SPDX-License-Identifier: GPL-2.0-only
/*
 * Swap-out and do_swap_page (the data comes back, shared slots after
 * fork), and shmem truncate (mappings go, later faults get SIGBUS).
 *
 *   0x10000000    anon, 4 pages          (swap)
 *   0x20000000    shmem "f", 8 pages     (truncate to 2 pages)
 */
#include "mm/shmem.h"
#include "mm/swap_state.h"
#include "tests/mm/mm_test.h"

#define VA 0x10000000ull
#define VA_F 0x20000000ull

static struct mm_struct *mm;
static struct address_space *f;
static long free_at_start;

static void setup(void)
{
	mm_test_init(NULL);
	free_at_start = mach.nr_free_frames;
	mm = mm_alloc("p");
	f = file_create("f", FILE_SHMEM, 8 * PAGE_SIZE, 0);
}

static void swap_body(void *arg)
{
	struct mm_struct *child;
	uint64_t before, w;

	CHECK_INT(do_mmap(mm, VA, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	CHECK_INT(touch(0, mm, VA, true, NULL), ==, ACCESS_OK);
	CHECK_INT(touch(1, mm, VA, true, &before), ==, ACCESS_OK);
	CHECK_INT(swap_out_page_at(mm, VA), ==, 0);
	CHECK(!any_tlb_entry(mm, VA));
	CHECK_INT(mm->rss_swap, ==, 1);
	CHECK_INT(mm->rss_anon, ==, 0);
	/* the read faults it back in: same data, same version */
	CHECK_INT(touch(2, mm, VA, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, before);
	CHECK_INT(mm->rss_swap, ==, 0);
	CHECK_INT(swap_cache_pages(), ==, 0);
	CHECK_INT(touch(2, mm, VA, true, &w), ==, ACCESS_OK);
	CHECK_INT(word_version(w), ==, word_version(before) + 1);
	/* swapped out while shared with a child: both get it back */
	child = dup_mm(mm, "child");
	CHECK_INT(swap_out_page_at(mm, VA), ==, 0);
	CHECK_INT(child->rss_swap, ==, 1);
	CHECK_INT(touch(3, child, VA, false, &before), ==, ACCESS_OK);
	CHECK_INT(swap_cache_pages(), ==, 1);
	CHECK_INT(touch(0, mm, VA, false, &w), ==, ACCESS_OK);
	CHECK_U64(w, ==, before);
	CHECK_INT(swap_cache_pages(), ==, 0);
	CHECK_INT(mm_check_invariants(), ==, 0);
	/* a swapped-out page zapped at exit frees its slot */
	CHECK_INT(swap_out_page_at(mm, VA), ==, 0);
	exit_mmap(child);
	exit_mmap(mm);
}

static void swap_out_and_in(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(swap_body, free_at_start);
	mm_test_done();
}

static void truncate_body(void *arg)
{
	uint64_t w;

	CHECK_INT(do_mmap(mm, VA_F, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_SHARED, f, 0), ==, 0);
	CHECK_INT(do_mmap(mm, VA, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE, f, 0), ==, 0);
	for (int i = 0; i < 8; i++) {
		CHECK_INT(touch(0, mm, VA_F + i * PAGE_SIZE, true, NULL), ==,
			  ACCESS_OK);
		CHECK_INT(touch(1, mm, VA + i * PAGE_SIZE, i & 1, NULL), ==,
			  ACCESS_OK);
	}
	CHECK_INT(shmem_truncate(f, 2 * PAGE_SIZE), ==, 0);
	for (int i = 2; i < 8; i++) {
		CHECK(!any_tlb_entry(mm, VA_F + i * PAGE_SIZE));
		CHECK(!any_tlb_entry(mm, VA + i * PAGE_SIZE));
		CHECK_INT(touch(0, mm, VA_F + i * PAGE_SIZE, false, NULL), ==,
			  ACCESS_SIGBUS);
	}
	CHECK_INT(touch(0, mm, VA_F + PAGE_SIZE, false, &w), ==, ACCESS_OK);
	CHECK_INT(word_version(w), ==, 1);
	CHECK_INT(shmem_cached_pages(), ==, 2);
	CHECK_INT(mm_check_invariants(), ==, 0);
	exit_mmap(mm);
	CHECK_INT(shmem_truncate(f, 0), ==, 0);
}

static void shmem_truncate_unmaps(void)
{
	setup();
	MM_TEST_RUN_NO_LEAK(truncate_body, free_at_start);
	mm_test_done();
}

TAP_MAIN(TEST(swap_out_and_in), TEST(shmem_truncate_unmaps))
