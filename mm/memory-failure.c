// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory failure: a frame is poisoned; every mapping of its page is
 * replaced by a hwpoison entry (hwpoison_user_mappings), so a later
 * access gets SIGBUS instead of data.  The page is retired: it is never
 * freed, and any translation that still reaches it is reported.
 */
#include "check/check.h"
#include "eras/era.h"
#include "mm/memory-failure.h"
#include "mm/migrate.h"
#include "mm/rmap.h"

#define EBUSY 16
#define EFAULT 14

int memory_failure_at(struct mm_struct *mm, uint64_t addr)
{
	struct page *page = follow_page(mm, addr), *head;
	struct address_space *mapping;
	unsigned int flags = TTU_IGNORE_MLOCK | TTU_IGNORE_ACCESS |
			     TTU_HWPOISON;
	bool locked = false, unmapped = true;

	if (!page)
		return -EFAULT;
	head = compound_head(page);
	SetPageHWPoison(head);
	lock_page(head);
	mapping = page_mapping(head);
	/* >= 5.7: file hugetlb is unmapped with i_mmap_rwsem held */
	if (PageHugeFlag(head) && mapping &&
	    mach.era->hugetlb_migrate_takes_i_mmap) {
		down_write(&mapping->i_mmap_rwsem);
		locked = true;
		flags |= TTU_RMAP_LOCKED;
	}
	if (page_mapped(head))
		unmapped = mach.era->try_to_unmap(head, flags);
	if (locked)
		up_write(&mapping->i_mmap_rwsem);
	unlock_page(head);
	/*
	 * The isolation reference is kept: the page is retired.  From here
	 * on no translation may reach it (accesses while the unmap was in
	 * progress were the machine check's business, not a stale use).
	 */
	if (!unmapped)
		return -EBUSY;
	check_frames_poison(page_to_pfn(head), compound_nr(head));
	return 0;
}
