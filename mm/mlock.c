// SPDX-License-Identifier: GPL-2.0-only
/*
 * mlock and munlock: VM_LOCKED on the VMAs, the range populated (a
 * write fault for writable private VMAs, so COW is broken up front) and
 * PG_mlocked on its pages; munlock clears both.  In eras that have
 * TTU_MUNLOCK (<= 5.15) munlock_vma_page then walks the rmap with it
 * (try_to_munlock): a page another VM_LOCKED VMA maps is mlocked again.
 * Later kernels count mlocks per folio instead; the model just clears.
 */
#include "eras/era.h"
#include "mm/memory.h"
#include "mm/migrate.h"

#define EINVAL 22
#define ENOMEM 12

static int set_locked(struct mm_struct *mm, uint64_t start, uint64_t end,
		      bool on)
{
	int ret = 0;

	down_write(&mm->mmap_sem);
	for (uint64_t a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);

		if (!vma || vma->vm_start > a) {
			ret = -ENOMEM;
			break;
		}
		a = vma->vm_end;
	}
	if (!ret)
		ret = vma_split_at(mm, start);
	if (!ret)
		ret = vma_split_at(mm, end);
	for (uint64_t a = start; !ret && a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);

		vma_touch(vma, true);
		if (on)
			vma->vm_flags |= VM_LOCKED;
		else
			vma->vm_flags &= ~VM_LOCKED;
		a = vma->vm_end;
	}
	up_write(&mm->mmap_sem);
	return ret;
}

/* PG_mlocked on (or off) every page mapped in [start, end). */
static void mark_pages(struct mm_struct *mm, uint64_t start, uint64_t end,
		       bool on)
{
	for (uint64_t a = start; a < end; a += PAGE_SIZE) {
		struct page *page = follow_page(mm, a);

		if (!page)
			continue;
		page = compound_head(page);
		if (on) {
			SetPageMlocked(page);
		} else if (PageMlocked(page)) {
			ClearPageMlocked(page);
			/* try_to_munlock: TTU_MUNLOCK with the page locked */
			if (mach.era->has_ttu_munlock) {
				lock_page(page);
				mach.era->try_to_unmap(page, TTU_MUNLOCK);
				unlock_page(page);
			}
		}
		put_page(page);
	}
}

/* __mm_populate: fault every page in, mmap_sem for read per fault. */
static void populate(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	for (uint64_t a = start; a < end; a += PAGE_SIZE) {
		struct vm_area_struct *vma;
		bool write;

		down_read(&mm->mmap_sem);
		vma = find_vma(mm, a);
		write = vma && (vma->vm_flags & (VM_WRITE | VM_SHARED)) ==
				       VM_WRITE;
		up_read(&mm->mmap_sem);
		if (vma && vma->vm_start <= a)
			handle_mm_fault(mm, a, write);
	}
}

int do_mlock(struct mm_struct *mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	int ret;

	if ((start | len) & ~PAGE_MASK || end < start || end > TASK_SIZE)
		return -EINVAL;
	ret = set_locked(mm, start, end, true);
	if (ret)
		return ret;
	populate(mm, start, end);
	mark_pages(mm, start, end, true);
	return 0;
}

int do_munlock(struct mm_struct *mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	int ret;

	if ((start | len) & ~PAGE_MASK || end < start || end > TASK_SIZE)
		return -EINVAL;
	ret = set_locked(mm, start, end, false);
	if (!ret)
		mark_pages(mm, start, end, false);
	return ret;
}
