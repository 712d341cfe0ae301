// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frame allocator: a binary buddy allocator whose free lists are LIFO,
 * so that a frame freed by a buggy path is handed out again at once and a
 * stale translation meets someone else's data early.
 *
 * A free block's head has PG_buddy, its order in ->compound, and its list
 * links in ->private (next) and ->index (prev), both pfn + 1.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "mm/machine.h"
#include "mm/hugetlb.h"

struct page *mem_map;

/* Hashed wait queues for the page lock, as the kernel's page_waitqueue. */
#define PAGE_WAIT_TABLE 64
static struct sim_waitq page_wait_table[PAGE_WAIT_TABLE];

static void list_del_free(struct page *p, unsigned int order)
{
	uint64_t next = p->private, prev = p->index;

	if (prev)
		pfn_to_page(prev - 1)->private = next;
	else
		mach.free_area[order] = next;
	if (next)
		pfn_to_page(next - 1)->index = prev;
}

static void list_add_free(struct page *p, unsigned int order)
{
	uint64_t pfn = page_to_pfn(p);
	uint64_t head = mach.free_area[order];

	memset(p, 0, sizeof(*p));
	p->_mapcount = -1;
	p->_entire_mapcount = -1;
	SetPageBuddy(p);
	p->compound = order;
	p->private = head;
	p->index = 0;
	if (head)
		pfn_to_page(head - 1)->index = pfn + 1;
	mach.free_area[order] = pfn + 1;
}

static void prep_new_page(struct page *p, unsigned int order)
{
	unsigned long nr = 1ul << order;

	for (unsigned long i = 0; i < nr; i++) {
		memset(&p[i], 0, sizeof(p[i]));
		p[i]._mapcount = -1;
		p[i]._entire_mapcount = -1;
		if (i) {
			SetPageTail(&p[i]);
			p[i].compound = (uint32_t)i;
		}
	}
	if (order) {
		SetPageHead(p);
		p->compound = order;
	}
	p->_refcount = 1;
}

/* Take a block of @order, LIFO, splitting a larger one if needed. */
static struct page *take_block(unsigned int order)
{
	unsigned int o = order;
	struct page *p;

	while (o <= MAX_ORDER && !mach.free_area[o])
		o++;
	if (o > MAX_ORDER)
		return NULL;
	p = pfn_to_page(mach.free_area[o] - 1);
	list_del_free(p, o);
	/* Keep the low half, give the high halves back. */
	while (o > order) {
		o--;
		list_add_free(p + (1ul << o), o);
	}
	mach.nr_free_frames -= 1l << order;
	return p;
}

struct page *alloc_pages(unsigned int order)
{
	struct page *p;

	/* The free lists are shared by every allocation and free. */
	sim_touch(mach.free_area, true);
	p = take_block(order);
	if (!p)
		return NULL;
	prep_new_page(p, order);
	check_frames_alloc(page_to_pfn(p), 1ull << order, FRAME_DATA);
	return p;
}

static void free_block(uint64_t pfn, unsigned int order)
{
	mach.nr_free_frames += 1l << order;
	while (order < MAX_ORDER) {
		uint64_t buddy = pfn ^ (1ull << order);
		struct page *b;

		if (buddy + (1ull << order) > mach.nr_frames || !buddy)
			break;
		b = pfn_to_page(buddy);
		if (!PageBuddy(b) || b->compound != order)
			break;
		list_del_free(b, order);
		pfn &= ~(1ull << order);
		order++;
	}
	list_add_free(pfn_to_page(pfn), order);
}

void __free_pages(struct page *p, unsigned int order)
{
	uint64_t pfn = page_to_pfn(p);

	check_frames_free(pfn, 1ull << order);
	sim_touch(mach.free_area, true);
	free_block(pfn, order);
}

void get_page(struct page *p)
{
	page_touch(compound_head(p), true);
	compound_head(p)->_refcount++;
}

void put_page(struct page *p)
{
	struct page *head = compound_head(p);

	page_touch(head, true);
	if (head->_refcount <= 0)
		sim_violation("bad-page", page_to_pfn(head),
			      "put_page on pfn %#llx with refcount %d",
			      (unsigned long long)page_to_pfn(head),
			      head->_refcount);
	if (--head->_refcount)
		return;
	if (PageHugeFlag(head))
		free_huge_page(head);
	else
		__free_pages(head, compound_order(head));
}


/* Free every frame except pfn 0, which stays reserved (pfn 0 is "none"). */
void page_alloc_init(void)
{
	uint64_t pfn = 1;

	memset(page_wait_table, 0, sizeof(page_wait_table));
	memset(mach.free_area, 0, sizeof(mach.free_area));
	mach.nr_free_frames = 0;
	mem_map = mach.pages;
	memset(&mach.pages[0], 0, sizeof(mach.pages[0]));
	mach.pages[0]._refcount = 1;
	while (pfn < mach.nr_frames) {
		unsigned int order = 0;

		while (order < MAX_ORDER && !(pfn & (1ull << order)) &&
		       pfn + (2ull << order) <= mach.nr_frames)
			order++;
		free_block(pfn, order);
		pfn += 1ull << order;
	}
}

/* ---- the page lock ---- */


static struct sim_waitq *page_waitqueue(struct page *p)
{
	struct sim_waitq *wq =
		&page_wait_table[page_to_pfn(p) % PAGE_WAIT_TABLE];

	wq->what = "page lock";
	return wq;
}

bool trylock_page(struct page *p)
{
	p = compound_head(p);
	sim_point();
	if (PageLocked(p))
		return false;
	SetPageLocked(p);
	return true;
}

void lock_page(struct page *p)
{
	p = compound_head(p);
	might_sleep();
	sim_point();
	while (PageLocked(p))
		sim_wait(page_waitqueue(p));
	SetPageLocked(p);
}

void unlock_page(struct page *p)
{
	p = compound_head(p);
	ClearPageLocked(p);
	sim_wake_all(page_waitqueue(p));
	sim_point();
}

void wait_on_page_locked(struct page *p)
{
	p = compound_head(p);
	might_sleep();
	while (PageLocked(p))
		sim_wait(page_waitqueue(p));
}
