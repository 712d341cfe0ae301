// SPDX-License-Identifier: GPL-2.0-only
/*
 * A 64 GiB machine (2^24 frames).  pfns are stored narrower than 64 bits
 * in a few places (page-cache slots: pfn + 1 in 32 bits; ghost homes: 31
 * bits; TLB entries and table metadata: 64), so this builds the machine,
 * puts a 1 GiB hugetlb page at the very top of memory (the buddy lists
 * are LIFO: the first 1G block handed out is the last one freed, the
 * highest) and checks data written by one process is read back by
 * another through the page cache and the page tables, and that an
 * order-0 page can be had above 32 GiB too.
 *
 * Host cost: the frame arrays are calloc'd, so only what is touched is
 * paid for (the 1G page's 262144 struct pages, mostly).
 */
#include "mm/hugetlb.h"
#include "mm/migrate.h"
#include "tests/mm/mm_test.h"

#define VA (64 * GB)
#define MEM (64 * GB)

static struct mm_struct *p[2];
static struct address_space *big;

static uint64_t pfn_at(struct mm_struct *mm, uint64_t va)
{
	struct page *page = follow_page(mm, va);
	uint64_t pfn;

	if (!page)
		return 0;
	pfn = page_to_pfn(page);
	put_page(page);
	return pfn;
}

static void body(void *arg)
{
	uint64_t w0, w1, pfn;

	for (int i = 0; i < 2; i++)
		CHECK_INT(do_mmap(p[i], VA, GB, PROT_READ | PROT_WRITE,
				  MAP_SHARED, big, 0), ==, 0);
	CHECK_INT(touch(0, p[0], VA + 12345 * PAGE_SIZE, true, &w0), ==,
		  ACCESS_OK);
	CHECK_INT(touch(1, p[1], VA + 12345 * PAGE_SIZE, false, &w1), ==,
		  ACCESS_OK);
	CHECK_U64(w1, ==, w0);
	pfn = pfn_at(p[1], VA + 12345 * PAGE_SIZE);
	/* the top GiB: above 2^24 - 2^18, beyond any 24-bit pfn field */
	CHECK_U64(pfn, ==, mach.nr_frames - (1ull << HPAGE_PUD_ORDER) + 12345);
	CHECK_U64(big->pages[0], ==, pfn - 12345 + 1);
	CHECK_INT(mm_check_invariants(), ==, 0);
	exit_mmap(p[0]);
	exit_mmap(p[1]);
}

static void machine_64g(void)
{
	struct machine_config mc = {
		.nr_cpus = 2,
		.mem_bytes = MEM,
		.hugetlb_1g = 1,
		.era = era_find("v4.19"),
	};
	struct page *pages[4];
	uint64_t top = 0;
	int n;

	CHECK_INT(machine_init(&mc), ==, 0);
	swap_init(16);
	tlb_batch_reset();
	CHECK_U64(mach.nr_frames, ==, 1ull << 24);
	big = file_create("big", FILE_HUGETLBFS, GB, HPAGE_PUD_ORDER);
	CHECK(big != NULL);
	p[0] = mm_alloc("p0");
	p[1] = mm_alloc("p1");
	CHECK_INT(mm_test_run(body, NULL), ==, SIM_OK);
	/*
	 * Order-17 blocks: the one low block the free lists start with,
	 * then halves of the highest free 1G block (take_block keeps the
	 * low half, so the high half is the next one handed out).
	 */
	for (n = 0; n < 4 && top < (32 * GB >> PAGE_SHIFT); n++) {
		pages[n] = alloc_pages(17);
		if (!pages[n])
			break;
		top = page_to_pfn(pages[n]);
		mach.mem[top + 77] = 0x5a5a;	/* the frame's content word */
	}
	CHECK(top >= (32 * GB >> PAGE_SHIFT));
	CHECK_U64(mach.mem[top + 77], ==, 0x5a5a);
	while (n--)
		__free_pages(pages[n], 17);
	mm_test_done();
}

TAP_MAIN(TEST(machine_64g))
