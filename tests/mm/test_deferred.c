// SPDX-License-Identifier: GPL-2.0-only
/*
 * I14 (deferred flush safety), I15 (dirty propagation) and the arch
 * guarantee behind both: the reclaim steps run by hand with the real
 * kernel functions, once in the kernel's order and once in a broken one,
 * in every era that defers.
 *
 *   0x10000000    anon, 1 page, mapped by CPU 1 (so the flush is deferred)
 */
#include <string.h>

#include "check/check.h"
#include "mm/migrate.h"
#include "mm/swap_state.h"
#include "tests/mm/mm_test.h"

#define VA 0x10000000ull

static const char *const eras[] = { "v4.4", "v4.19", "v6.18" };
#define NR_ERAS (sizeof(eras) / sizeof(eras[0]))

enum order {
	KERNEL_ORDER,		/* flush_dirty, IO, ..., flush, free */
	IO_BEFORE_FLUSH_DIRTY,	/* I14b broken */
	FREE_BEFORE_FLUSH,	/* I14a broken */
	OTHER_PATH_FLUSHES,	/* flush_tlb_batched_pending, then free */
};

struct plan {
	enum order order;
	bool dirty;		/* CPU 1 writes (dirty PTE) or only reads */
};

static void reclaim_by_hand(void *arg)
{
	const struct plan *p = arg;
	struct mm_struct *mm = mm_alloc("p");
	struct page *page;

	CHECK_INT(do_mmap(mm, VA, PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	/* a read fault maps the page with a clean PTE, a write dirty */
	CHECK_INT(touch(1, mm, VA, p->dirty, NULL), ==, ACCESS_OK);

	page = follow_page(mm, VA);
	lock_page(page);
	CHECK_INT(add_to_swap(page), ==, 0);
	CHECK(mach.era->try_to_unmap(page, TTU_BATCH_FLUSH |
					   TTU_IGNORE_ACCESS));
	/* the flush is deferred: CPU 1 still has the old translation */
	CHECK(any_tlb_entry(mm, VA));
	if (p->order != IO_BEFORE_FLUSH_DIRTY)
		try_to_unmap_flush_dirty();
	check_swap_out(swp_offset((swp_entry_t){ page->private }),
		       page_to_pfn(page));
	ClearPageDirty(page);
	delete_from_swap_cache(page);
	unlock_page(page);
	if (p->order == OTHER_PATH_FLUSHES)
		flush_tlb_batched_pending(mm);
	else if (p->order != FREE_BEFORE_FLUSH)
		try_to_unmap_flush();
	put_page(page);
	try_to_unmap_flush();
	exit_mmap(mm);
}

static const char *verdict(const char *era, enum order order, bool dirty)
{
	struct plan p = { order, dirty };
	const char *kind;

	mm_test_init(era);
	kind = mm_test_run(reclaim_by_hand, &p) ? sim.violation.kind : "none";
	if (!strcmp(kind, "none"))
		mm_test_done();
	else
		machine_destroy();
	return kind;
}

/* I14a: the page outlives every deferred flush of its PTEs. */
static void free_before_flush(void)
{
	for (unsigned int i = 0; i < NR_ERAS; i++) {
		printf("# era %s\n", eras[i]);
		CHECK_STR(verdict(eras[i], KERNEL_ORDER, false), "none");
		CHECK_STR(verdict(eras[i], FREE_BEFORE_FLUSH, false),
			  "deferred-flush-free");
		CHECK_STR(verdict(eras[i], OTHER_PATH_FLUSHES, false), "none");
	}
}

/*
 * I14b: IO may start only once no CPU holds a dirty entry; a PTE that
 * was clean needs no flush first (a store would have to re-walk).
 */
static void io_before_flush_dirty(void)
{
	for (unsigned int i = 0; i < NR_ERAS; i++) {
		printf("# era %s\n", eras[i]);
		CHECK_STR(verdict(eras[i], KERNEL_ORDER, true), "none");
		CHECK_STR(verdict(eras[i], IO_BEFORE_FLUSH_DIRTY, true),
			  "deferred-flush-writeback");
		CHECK_STR(verdict(eras[i], IO_BEFORE_FLUSH_DIRTY, false),
			  "none");
		/* a dirty batch was flushed whole before the IO */
		CHECK_STR(verdict(eras[i], FREE_BEFORE_FLUSH, true), "none");
	}
}

/*
 * I15: the unmap of a dirty PTE whose page is clean (already written to
 * its slot once) must mark the page dirty before the PTL goes.  The era's
 * try_to_unmap does; a hand-made clear that forgets it does not.
 */
static void clear_dirty_pte(void *arg)
{
	bool forget = *(bool *)arg;
	struct mm_struct *mm = mm_alloc("p");
	struct page *page;
	pteval_t *pte;
	spinlock_t *ptl;
	pteval_t old;

	CHECK_INT(do_mmap(mm, VA, PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	CHECK_INT(touch(1, mm, VA, true, NULL), ==, ACCESS_OK);
	page = follow_page(mm, VA);
	lock_page(page);
	CHECK_INT(add_to_swap(page), ==, 0);
	ClearPageDirty(page);	/* as if written back since */
	if (!forget) {
		CHECK(mach.era->try_to_unmap(page, TTU_IGNORE_ACCESS));
		CHECK(PageDirty(page));
		unlock_page(page);
		put_page(page);
		exit_mmap(mm);
		return;
	}
	pte = pte_offset(mm_find_pmd(mm, VA), VA);
	ptl = pt_lockptr(pte);
	spin_lock(ptl);
	old = entry_get_and_clear(pte);
	CHECK(pte_dirty(old));
	set_entry(pte, swp_entry_to_pte((swp_entry_t){ page->private }));
	spin_unlock(ptl);	/* dirty-lost here */
	TAP_FAIL("%s", "the PTL was released without a verdict");
}

static void dirty_bit_reaches_the_page(void)
{
	for (unsigned int i = 0; i < NR_ERAS; i++) {
		bool forget = false;

		printf("# era %s\n", eras[i]);
		mm_test_init(eras[i]);
		CHECK_INT(mm_test_run(clear_dirty_pte, &forget), ==, SIM_OK);
		mm_test_done();
		forget = true;
		mm_test_init(eras[i]);
		CHECK_INT(mm_test_run(clear_dirty_pte, &forget), ==,
			  SIM_VIOLATION);
		CHECK_STR(sim.violation.kind, "dirty-lost");
		machine_destroy();
	}
}

/*
 * The other half of I15, the arch guarantee: a store through a cached
 * entry whose Dirty bit is clear re-walks, so once the PTE is gone it
 * faults instead of landing in the page behind the kernel's back, even
 * though the flush of that entry is still deferred.  A store through a
 * dirty entry needs no walk: that is why I14b exists.
 */
static void store_after_deferred_unmap(void *arg)
{
	bool dirty = *(bool *)arg;
	struct mm_struct *mm = mm_alloc("p");
	struct page *page;
	pteval_t *pte;

	CHECK_INT(do_mmap(mm, VA, PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0), ==, 0);
	CHECK_INT(touch(1, mm, VA, dirty, NULL), ==, ACCESS_OK);
	page = follow_page(mm, VA);
	lock_page(page);
	CHECK_INT(add_to_swap(page), ==, 0);
	CHECK(mach.era->try_to_unmap(page, TTU_BATCH_FLUSH |
					   TTU_IGNORE_ACCESS));
	unlock_page(page);
	pte = pte_offset(mm_find_pmd(mm, VA), VA);
	CHECK(!pte_hw_present(entry_read(pte)));
	CHECK(any_tlb_entry(mm, VA));	/* the flush is still deferred */
	CHECK_INT(touch(1, mm, VA, true, NULL), ==, ACCESS_OK);
	if (dirty) {
		/* the store used the stale entry: no fault, still unmapped */
		CHECK(!pte_hw_present(entry_read(pte)));
	} else {
		/* the store re-walked, faulted, and swapped the page in */
		CHECK(pte_hw_present(entry_read(pte)));
		CHECK(pte_dirty(entry_read(pte)));
		CHECK_U64(pte_pfn(entry_read(pte)), ==, page_to_pfn(page));
	}
	try_to_unmap_flush();
	put_page(page);
	exit_mmap(mm);
}

static void clean_entry_store_faults(void)
{
	for (unsigned int i = 0; i < NR_ERAS; i++) {
		for (int d = 0; d < 2; d++) {
			bool dirty = d;

			printf("# era %s, %s entry\n", eras[i],
			       dirty ? "dirty" : "clean");
			mm_test_init(eras[i]);
			CHECK_INT(mm_test_run(store_after_deferred_unmap,
					      &dirty), ==, SIM_OK);
			mm_test_done();
		}
	}
}

static void cleanup(void)
{
	sim_shutdown();
}

TAP_MAIN(TEST(free_before_flush), TEST(io_before_flush_dirty),
	 TEST(dirty_bit_reaches_the_page), TEST(clean_entry_store_faults),
	 TEST(cleanup))
