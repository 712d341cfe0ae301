// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm_struct and VMAs: creation, mmap at fixed addresses, find_vma, files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "mm/hugetlb.h"
#include "mm/mm.h"
#include "mm/pgtable.h"

static struct lock_class mmap_sem_class = { .name = "mmap_sem" };
static struct lock_class page_table_lock_class = { .name = "page_table_lock" };
static struct lock_class anon_vma_class = { .name = "anon_vma->rwsem" };
static struct lock_class i_mmap_class = { .name = "i_mmap_rwsem" };

struct mm_struct *mm_alloc(const char *name)
{
	struct mm_struct *mm;

	if (mach.nr_mms >= MAX_MMS)
		return NULL;
	mm = calloc(1, sizeof(*mm));
	if (!mm)
		return NULL;
	mm->id = mach.nr_mms;
	snprintf(mm->name, sizeof(mm->name), "%s", name);
	init_rwsem(&mm->mmap_sem, &mmap_sem_class, "mmap_sem");
	spin_lock_init(&mm->page_table_lock, &page_table_lock_class,
		       "page_table_lock");
	init_rwsem(&mm->anon_vma.rwsem, &anon_vma_class, "anon_vma");
	mm->anon_vma.id = mm->id;
	mm->pgd_pfn = pt_alloc();
	if (!mm->pgd_pfn) {
		free(mm);
		return NULL;
	}
	mach.mms[mach.nr_mms++] = mm;
	return mm;
}

struct address_space *file_create(const char *name, int kind, uint64_t size,
				  unsigned int order)
{
	struct address_space *f;

	if (mach.nr_files >= MAX_FILES)
		return NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->id = mach.nr_files;
	f->kind = kind;
	f->order = order;
	f->size = size;
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->nr_pages = size >> (PAGE_SHIFT + order);
	f->pages = calloc(f->nr_pages ? f->nr_pages : 1, sizeof(*f->pages));
	if (!f->pages) {
		free(f);
		return NULL;
	}
	init_rwsem(&f->i_mmap_rwsem, &i_mmap_class, "i_mmap_rwsem");
	mach.files[mach.nr_files++] = f;
	return f;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, uint64_t addr)
{
	for (int i = 0; i < mm->nr_vmas; i++)
		if (addr < mm->vmas[i]->vm_end)
			return mm->vmas[i];
	return NULL;
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int i = mm->nr_vmas;

	while (i > 0 && mm->vmas[i - 1]->vm_start > vma->vm_start) {
		mm->vmas[i] = mm->vmas[i - 1];
		i--;
	}
	mm->vmas[i] = vma;
	mm->nr_vmas++;
}

static unsigned long calc_vm_flags(int prot, int flags,
				   struct address_space *file)
{
	unsigned long vm_flags = VM_MAYREAD | VM_MAYWRITE;

	if (prot & PROT_READ)
		vm_flags |= VM_READ;
	if (prot & PROT_WRITE)
		vm_flags |= VM_WRITE;
	if (flags & MAP_SHARED)
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	if (file && file->kind == FILE_HUGETLBFS)
		vm_flags |= VM_HUGETLB;
	return vm_flags;
}

int do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, int prot,
	    int flags, struct address_space *file, uint64_t pgoff)
{
	struct vm_area_struct *vma, *next;
	int ret = 0;

	if (!len || (addr | len) & ~PAGE_MASK || addr + len > TASK_SIZE ||
	    addr + len < addr)
		return -22;	/* -EINVAL */
	down_write(&mm->mmap_sem);
	next = find_vma(mm, addr);
	if (mm->nr_vmas >= MAX_VMAS || (next && next->vm_start < addr + len)) {
		ret = -17;	/* -EEXIST */
		goto out;
	}
	vma = calloc(1, sizeof(*vma));
	if (!vma) {
		ret = -12;
		goto out;
	}
	vma->vm_mm = mm;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = calc_vm_flags(prot, flags, file);
	vma->vm_pgoff = pgoff;
	vma->vm_file = file;
	vma_link(mm, vma);
	hugetlb_vma_lock_alloc(vma);
	if (file) {
		down_write(&file->i_mmap_rwsem);
		file->i_mmap[file->nr_i_mmap++] = vma;
		up_write(&file->i_mmap_rwsem);
	} else {
		/* anonymous memory: linear index from the address */
		vma->vm_pgoff = addr >> PAGE_SHIFT;
		vma->anon_vma = &mm->anon_vma;
		down_write(&mm->anon_vma.rwsem);
		mm->anon_vma.vmas[mm->anon_vma.nr_vmas++] = vma;
		up_write(&mm->anon_vma.rwsem);
	}
out:
	up_write(&mm->mmap_sem);
	return ret;
}
