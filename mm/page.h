/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frames, struct page and folios.
 *
 * Every 4 KiB frame of the modelled machine has a struct page.  Compound
 * pages (order 9: THP and 2M hugetlb; order 18: 1G hugetlb) keep their
 * state in the head; tails point back to it.  Page-table pages are frames
 * too: their entries live in a struct pt_page found through page->private.
 *
 * Locking: the fields below are changed only by the simulated thread that
 * runs (the engine is single-host-threaded), but a modelled kernel change
 * that others may observe is made between scheduling points and under the
 * lock the kernel would hold: the page lock (PG_locked) for mapping/index
 * changes, the PTL for mapcounts, the hugetlb lock for pool state.
 */
#ifndef MMSIM_MM_PAGE_H
#define MMSIM_MM_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/pgtable_types.h"
#include "sim/lock.h"

enum pageflags {
	PG_locked,
	PG_dirty,
	PG_uptodate,
	PG_lru,
	PG_swapbacked,
	PG_swapcache,
	PG_mlocked,
	PG_hwpoison,
	PG_young,
	PG_head,
	PG_tail,
	PG_hugetlb,	/* a hugetlbfs folio (PageHuge) */
	PG_table,	/* a page-table page */
	PG_buddy,	/* free, in the allocator */
	PG_reserved,
	PG_writeback,
	PG_anon,	/* mapping is an anon_vma */
};

struct page {
	uint32_t flags;
	int32_t _refcount;
	int32_t _mapcount;	/* PTE mappings, -1 based (PTL) */
	/*
	 * Head of a compound page: PMD/PUD mappings, -1 based.
	 * Page-table page: number of extra mms sharing it (pt_share_count).
	 */
	int32_t _entire_mapcount;
	uint32_t mapping;	/* file id + 1, or mm id + 1 with PG_anon */
	uint32_t compound;	/* head: order; tail: distance to the head */
	uint64_t index;		/* page offset in the file / anon index */
	uint64_t private;	/* swap entry; table slot for PG_table */
};

_Static_assert(sizeof(struct page) <= 48, "struct page grew");

struct machine;
extern struct page *mem_map;

static inline struct page *pfn_to_page(uint64_t pfn)
{
	return &mem_map[pfn];
}

static inline uint64_t page_to_pfn(const struct page *p)
{
	return (uint64_t)(p - mem_map);
}

/*
 * Page state is read without locks in places (page_mapped() ending an
 * rmap walk, page_count() in migration), so its accessors record touches
 * of the frame (sim/footprint.h).  The page lock's waiters see the flag.
 */
static inline void page_touch(const struct page *p, bool write)
{
	if (__builtin_expect(sim.fp_on, 0))
		sim_touch_frame(page_to_pfn(p), write);
}

static inline bool test_bit_flag(const struct page *p, int f)
{
	page_touch(p, false);
	return p->flags & (1u << f);
}

static inline void set_page_flag(struct page *p, int f)
{
	page_touch(p, true);
	p->flags |= 1u << f;
}

static inline void clear_page_flag(struct page *p, int f)
{
	page_touch(p, true);
	p->flags &= ~(1u << f);
}

#define PAGE_FLAG_FNS(name, bit)                                             \
	static inline bool Page##name(const struct page *p)                  \
	{                                                                    \
		return test_bit_flag(p, bit);                                \
	}                                                                    \
	static inline void SetPage##name(struct page *p)                     \
	{                                                                    \
		set_page_flag(p, bit);                                       \
	}                                                                    \
	static inline void ClearPage##name(struct page *p)                   \
	{                                                                    \
		clear_page_flag(p, bit);                                     \
	}

PAGE_FLAG_FNS(Locked, PG_locked)
PAGE_FLAG_FNS(Dirty, PG_dirty)
PAGE_FLAG_FNS(Uptodate, PG_uptodate)
PAGE_FLAG_FNS(SwapBacked, PG_swapbacked)
PAGE_FLAG_FNS(SwapCache, PG_swapcache)
PAGE_FLAG_FNS(Mlocked, PG_mlocked)
PAGE_FLAG_FNS(HWPoison, PG_hwpoison)
PAGE_FLAG_FNS(Young, PG_young)
PAGE_FLAG_FNS(Head, PG_head)
PAGE_FLAG_FNS(Tail, PG_tail)
PAGE_FLAG_FNS(HugeFlag, PG_hugetlb)
PAGE_FLAG_FNS(Table, PG_table)
PAGE_FLAG_FNS(Buddy, PG_buddy)
PAGE_FLAG_FNS(Anon, PG_anon)
PAGE_FLAG_FNS(Writeback, PG_writeback)

static inline struct page *compound_head(struct page *p)
{
	return PageTail(p) ? p - p->compound : p;
}

static inline unsigned int compound_order(const struct page *p)
{
	return PageHead(p) ? p->compound : 0;
}

static inline unsigned long compound_nr(const struct page *p)
{
	return 1ul << compound_order(p);
}

/* PageHuge: a hugetlbfs page (not a THP). */
static inline bool PageHuge(struct page *p)
{
	return PageHugeFlag(compound_head(p));
}

static inline bool PageTransHuge(const struct page *p)
{
	return PageHead(p) && !PageHugeFlag(p);
}

static inline int page_count(struct page *p)
{
	page_touch(compound_head(p), false);
	return compound_head(p)->_refcount;
}

static inline int page_mapcount(struct page *p)
{
	struct page *head = compound_head(p);
	int n = p->_mapcount + 1;

	page_touch(p, false);
	page_touch(head, false);
	if (PageHead(head))
		n += head->_entire_mapcount + 1;
	return n;
}

static inline bool page_mapped(struct page *p)
{
	struct page *head = compound_head(p);

	if (__builtin_expect(sim.fp_on, 0))
		sim_touch_range(SIM_FP_FRAME, page_to_pfn(head),
				compound_nr(head), false);
	if (!PageHead(head))
		return head->_mapcount >= 0;
	if (head->_entire_mapcount >= 0)
		return true;
	for (unsigned long i = 0, nr = compound_nr(head); i < nr; i++)
		if (head[i]._mapcount >= 0)
			return true;
	return false;
}

void get_page(struct page *p);
void put_page(struct page *p);
/* Allocation, LIFO so that a freed frame is reused at once. */
struct page *alloc_pages(unsigned int order);
void __free_pages(struct page *p, unsigned int order);

/* The page lock; lock_page may sleep. */
void lock_page(struct page *p);
bool trylock_page(struct page *p);
void unlock_page(struct page *p);
void wait_on_page_locked(struct page *p);

#endif /* MMSIM_MM_PAGE_H */
