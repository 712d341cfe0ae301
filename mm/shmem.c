// SPDX-License-Identifier: GPL-2.0-only
/*
 * shmem files: page cache lookup and fill, and truncate.
 *
 * A page in the cache has the cache's reference, page->mapping (file id
 * + 1) and page->index.  Truncate unmaps first (unmap_mapping_range,
 * even the private COW copies), then takes each page out of the cache
 * under its page lock, so that a fault holding the page lock either maps
 * the page before truncate unmaps it again, or sees it gone and retries.
 */
#include "check/check.h"
#include "mm/memory.h"
#include "mm/shmem.h"

#define EINVAL 22

static struct lock_class i_pages_class = { .name = "i_pages" };
static spinlock_t i_pages_lock[MAX_FILES];

void shmem_file_init(struct address_space *mapping)
{
	spin_lock_init(&i_pages_lock[mapping->id], &i_pages_class, "i_pages");
}

static spinlock_t *i_pages(struct address_space *mapping)
{
	return &i_pages_lock[mapping->id];
}

static struct page *find_get_page(struct address_space *mapping,
				  uint64_t idx)
{
	spinlock_t *lock = i_pages(mapping);
	struct page *page = NULL;

	spin_lock(lock);
	if (mapping->pages[idx]) {
		page = pfn_to_page(mapping->pages[idx] - 1);
		get_page(page);
	}
	spin_unlock(lock);
	return page;
}

/* A new page for @idx, unless someone added one meanwhile. */
static struct page *shmem_add_page(struct address_space *mapping,
				   uint64_t idx)
{
	spinlock_t *lock = i_pages(mapping);
	struct page *page = alloc_pages(0);

	if (!page)
		return NULL;
	spin_lock(lock);
	if (mapping->pages[idx]) {
		spin_unlock(lock);
		put_page(page);
		return find_get_page(mapping, idx);
	}
	check_fill_new(page_to_pfn(page), 1, OWNER_FILE(mapping->id));
	SetPageSwapBacked(page);
	SetPageUptodate(page);
	page->mapping = (uint32_t)mapping->id + 1;
	page->index = idx;
	get_page(page);		/* the cache's reference */
	mapping->pages[idx] = (uint32_t)(page_to_pfn(page) + 1);
	spin_unlock(lock);
	return page;
}

/* truncate_inode_page: out of the cache, its reference dropped. */
static void shmem_delete_page(struct address_space *mapping, uint64_t idx)
{
	spinlock_t *lock = i_pages(mapping);
	struct page *page = find_get_page(mapping, idx);

	if (!page)
		return;
	lock_page(page);
	/* mapped again by a racing fault: unmap that too */
	if (page_mapped(page))
		unmap_mapping_range(mapping, idx, 1, false);
	spin_lock(lock);
	mapping->pages[idx] = 0;
	page->mapping = 0;
	spin_unlock(lock);
	unlock_page(page);
	put_page(page);		/* the cache's */
	put_page(page);		/* ours */
}

int shmem_getpage(struct address_space *mapping, uint64_t idx,
		  struct page **pagep)
{
	struct page *page;

	for (;;) {
		if (idx >= mapping->size >> PAGE_SHIFT)
			return VM_FAULT_SIGBUS;
		page = find_get_page(mapping, idx);
		if (!page)
			page = shmem_add_page(mapping, idx);
		if (!page)
			return VM_FAULT_OOM;
		lock_page(page);
		/* Added past a truncate that was racing with us. */
		if (idx >= mapping->size >> PAGE_SHIFT) {
			unlock_page(page);
			put_page(page);
			shmem_delete_page(mapping, idx);
			return VM_FAULT_SIGBUS;
		}
		/* Truncated while we waited for the lock: look again. */
		if (page->mapping == (uint32_t)mapping->id + 1) {
			*pagep = page;
			return 0;
		}
		unlock_page(page);
		put_page(page);
	}
}

int shmem_truncate(struct address_space *mapping, uint64_t size)
{
	uint64_t first = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	uint64_t nr = mapping->nr_pages;

	if (mapping->kind != FILE_SHMEM || size > mapping->size)
		return -EINVAL;
	/* New faults past the end get SIGBUS from here on. */
	mapping->size = size;
	if (first >= nr)
		return 0;
	unmap_mapping_range(mapping, first, nr - first, true);
	for (uint64_t idx = first; idx < nr; idx++)
		shmem_delete_page(mapping, idx);
	return 0;
}

uint64_t shmem_cached_pages(void)
{
	uint64_t n = 0;

	for (int f = 0; f < mach.nr_files; f++) {
		struct address_space *m = mach.files[f];

		if (m->kind != FILE_SHMEM)
			continue;
		for (uint64_t i = 0; i < m->nr_pages; i++)
			n += m->pages[i] != 0;
	}
	return n;
}
