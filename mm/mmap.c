// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm_struct and VMAs: creation, mmap at fixed addresses, find_vma, VMA
 * splitting and rmap linking, munmap and exit.
 *
 * VMAs of an mm sit in mm->vmas sorted by address (mmap_sem).  A VMA is
 * also reachable from the rmap: a file's i_mmap (i_mmap_rwsem) or, for
 * private mappings, the anon_vmas (the fork tree's root rwsem).  Teardown
 * takes a VMA out of the rmap before freeing its page tables, so that no
 * rmap walker can reach a freed table (as free_pgtables does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "mm/hugetlb.h"
#include "mm/mm.h"
#include "mm/memory.h"
#include "mm/mmu_notifier.h"
#include "mm/pgtable.h"
#include "mm/shmem.h"
#include "mm/thp.h"

#define EINVAL 22
#define ENOMEM 12
#define EEXIST 17

static struct lock_class mmap_sem_class = { .name = "mmap_sem" };
static struct lock_class page_table_lock_class = { .name = "page_table_lock" };
static struct lock_class anon_vma_class = { .name = "anon_vma->rwsem" };
static struct lock_class i_mmap_class = { .name = "i_mmap_rwsem" };

/*
 * Append @p to a growable pointer array (*@arr, *@nr used, *@cap room),
 * doubling it when full: appends stay in order, so the arrays keep
 * creation order.  -ENOMEM when the host has no memory.
 */
static int ptr_array_add(void ***arr, int *nr, int *cap, void *p)
{
	if (*nr == *cap) {
		int ncap = *cap ? *cap * 2 : 8;
		void **a = realloc(*arr, (size_t)ncap * sizeof(*a));

		if (!a)
			return -ENOMEM;
		*arr = a;
		*cap = ncap;
	}
	(*arr)[(*nr)++] = p;
	return 0;
}

#define vma_array_add(arr, nr, cap, vma) \
	ptr_array_add((void ***)(arr), (nr), (cap), (vma))

struct mm_struct *mm_alloc(const char *name)
{
	struct mm_struct *mm;

	/* fork adds to the list the oracles walk without a lock */
	sim_touch(&mach.nr_mms, true);
	if (mach.nr_mms >= MAX_MMS)
		return NULL;
	if (mach.nr_mms == mach.cap_mms) {
		int cap = mach.cap_mms ? mach.cap_mms * 2 : 64;
		struct mm_struct **a = realloc(mach.mms,
					       (size_t)cap * sizeof(*a));

		if (!a)
			return NULL;
		mach.mms = a;
		mach.cap_mms = cap;
	}
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
	mm->anon_vma.root = &mm->anon_vma;
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
	shmem_file_init(f);
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

/* @vma is no longer held only by a thread's local variable. */
static void vma_adopted(struct vm_area_struct *vma)
{
	for (int i = 0; i < mach.nr_unlinked; i++) {
		if (mach.unlinked[i] == vma) {
			mach.unlinked[i] = mach.unlinked[--mach.nr_unlinked];
			return;
		}
	}
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int i = mm->nr_vmas;

	while (i > 0 && mm->vmas[i - 1]->vm_start > vma->vm_start) {
		mm->vmas[i] = mm->vmas[i - 1];
		i--;
	}
	mm->vmas[i] = vma;
	mm->nr_vmas++;
	vma_adopted(vma);
}

static void vma_unlink_mm(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int i = 0;

	while (i < mm->nr_vmas && mm->vmas[i] != vma)
		i++;
	if (i == mm->nr_vmas)
		return;
	memmove(&mm->vmas[i], &mm->vmas[i + 1],
		(size_t)(mm->nr_vmas - i - 1) * sizeof(mm->vmas[0]));
	mm->nr_vmas--;
}

/* ---- rmap linking ---- */

void anon_vma_lock_write(struct anon_vma *av)
{
	down_write(&av->root->rwsem);
}

void anon_vma_unlock_write(struct anon_vma *av)
{
	up_write(&av->root->rwsem);
}

static bool vma_has_anon(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & VM_SHARED) && !is_vm_hugetlb_page(vma);
}

static void anon_vma_add(struct anon_vma *av, struct vm_area_struct *vma)
{
	if (vma_array_add(&av->vmas, &av->nr_vmas, &av->cap_vmas, vma))
		sim_violation("internal", (uint64_t)av->id,
			      "anon_vma %d: no host memory to grow", av->id);
}

static bool anon_vma_del(struct anon_vma *av, struct vm_area_struct *vma)
{
	for (int i = 0; i < av->nr_vmas; i++) {
		if (av->vmas[i] != vma)
			continue;
		av->vmas[i] = av->vmas[--av->nr_vmas];
		return true;
	}
	return false;
}

static bool anon_vma_has(const struct anon_vma *av,
			 const struct vm_area_struct *vma)
{
	for (int i = 0; i < av->nr_vmas; i++)
		if (av->vmas[i] == vma)
			return true;
	return false;
}

static void file_rmap_add(struct vm_area_struct *vma)
{
	struct address_space *f = vma->vm_file;

	down_write(&f->i_mmap_rwsem);
	if (vma_array_add(&f->i_mmap, &f->nr_i_mmap, &f->cap_i_mmap, vma))
		sim_violation("internal", (uint64_t)f->id,
			      "i_mmap of %s: no host memory to grow", f->name);
	up_write(&f->i_mmap_rwsem);
}

void vma_rmap_link(struct vm_area_struct *vma)
{
	vma_rmap_link_like(vma, NULL);
}

/*
 * Link @vma where @like is linked (a split or fork copy), plus its own
 * mm's anon_vma.  All anon_vmas of one fork tree share the root lock.
 */
void vma_rmap_link_like(struct vm_area_struct *vma,
			struct vm_area_struct *like)
{
	struct anon_vma *own = &vma->vm_mm->anon_vma;

	if (vma->vm_file)
		file_rmap_add(vma);
	if (!vma_has_anon(vma))
		return;
	vma->anon_vma = own;
	anon_vma_lock_write(own);
	anon_vma_add(own, vma);
	for (int i = 0; like && i < mach.nr_mms; i++) {
		struct anon_vma *av = &mach.mms[i]->anon_vma;

		if (av != own && anon_vma_has(av, like))
			anon_vma_add(av, vma);
	}
	anon_vma_unlock_write(own);
}

void vma_rmap_unlink(struct vm_area_struct *vma)
{
	struct address_space *f = vma->vm_file;

	if (f) {
		down_write(&f->i_mmap_rwsem);
		for (int i = 0; i < f->nr_i_mmap; i++) {
			if (f->i_mmap[i] != vma)
				continue;
			memmove(&f->i_mmap[i], &f->i_mmap[i + 1],
				(size_t)(f->nr_i_mmap - i - 1) *
					sizeof(f->i_mmap[0]));
			f->nr_i_mmap--;
			break;
		}
		up_write(&f->i_mmap_rwsem);
	}
	if (!vma->anon_vma)
		return;
	anon_vma_lock_write(vma->anon_vma);
	for (int i = 0; i < mach.nr_mms; i++)
		anon_vma_del(&mach.mms[i]->anon_vma, vma);
	anon_vma_unlock_write(vma->anon_vma);
	vma->anon_vma = NULL;
}

/* ---- VMA surgery ---- */

struct vm_area_struct *vma_dup(struct vm_area_struct *vma)
{
	struct vm_area_struct *n;

	if (mach.nr_unlinked == MAX_UNLINKED_VMAS)
		return NULL;
	n = malloc(sizeof(*n));
	if (n) {
		*n = *vma;
		n->anon_vma = NULL;
		mach.unlinked[mach.nr_unlinked++] = n;
	}
	return n;
}


/* Split the VMA containing @addr so that @addr starts a VMA. */
int vma_split_at(struct mm_struct *mm, uint64_t addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr), *n;

	if (!vma || addr <= vma->vm_start)
		return 0;
	if (is_vm_hugetlb_page(vma) &&
	    addr & (huge_page_size(hstate_vma(vma)) - 1))
		return -EINVAL;
	if (mm->nr_vmas >= MAX_VMAS)
		return -ENOMEM;
	n = vma_dup(vma);
	if (!n)
		return -ENOMEM;
	/* A THP straddling the new boundary is split first. */
	if (!is_vm_hugetlb_page(vma) && (addr & ~PMD_MASK))
		split_huge_pmd_address(vma, addr, false, NULL);
	n->vm_start = addr;
	n->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma_rmap_link_like(n, vma);
	vma_touch(vma, true);
	vma->vm_end = addr;
	vma_link(mm, n);
	return 0;
}

void vma_neighbours(struct mm_struct *mm, uint64_t start, uint64_t end,
		    uint64_t *floor, uint64_t *ceiling)
{
	*floor = 0;
	*ceiling = TASK_SIZE;
	for (int i = 0; i < mm->nr_vmas; i++) {
		struct vm_area_struct *v = mm->vmas[i];

		if (v->vm_end <= start && v->vm_end > *floor)
			*floor = v->vm_end;
		if (v->vm_start >= end && v->vm_start < *ceiling)
			*ceiling = v->vm_start;
	}
}

/* ---- mmap ---- */

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
	else if (flags & MAP_HUGEPAGE)
		vm_flags |= VM_HUGEPAGE;
	return vm_flags;
}

int do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, int prot,
	    int flags, struct address_space *file, uint64_t pgoff)
{
	struct vm_area_struct *vma, *next;
	int ret = 0;

	if (!len || (addr | len) & ~PAGE_MASK || addr + len > TASK_SIZE ||
	    addr + len < addr || mm_dead(mm))
		return -EINVAL;
	down_write(&mm->mmap_sem);
	next = find_vma(mm, addr);
	if (mm->nr_vmas >= MAX_VMAS || (next && next->vm_start < addr + len)) {
		ret = -EEXIST;
		goto out;
	}
	vma = calloc(1, sizeof(*vma));
	if (!vma) {
		ret = -ENOMEM;
		goto out;
	}
	vma->vm_mm = mm;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = calc_vm_flags(prot, flags, file);
	vma->vm_pgoff = pgoff;
	vma->vm_file = file;
	/* anonymous memory: linear index from the address */
	if (!file)
		vma->vm_pgoff = addr >> PAGE_SHIFT;
	vma_link(mm, vma);
	hugetlb_vma_lock_alloc(vma);
	vma_rmap_link(vma);
out:
	up_write(&mm->mmap_sem);
	return ret;
}

/* ---- munmap ---- */

/*
 * Take the VMAs of [start, end) out of the mm and the rmap, then free
 * the page tables only they used (free_pgtables).
 */
static void remove_vmas(struct mmu_gather *tlb, uint64_t start,
			uint64_t end)
{
	struct mm_struct *mm = tlb->mm;
	uint64_t floor, ceiling;

	for (int i = 0; i < mm->nr_vmas;) {
		struct vm_area_struct *v = mm->vmas[i];

		if (v->vm_start >= end || v->vm_end <= start) {
			i++;
			continue;
		}
		vma_rmap_unlink(v);
		vma_unlink_mm(mm, v);
		free(v);
	}
	vma_neighbours(mm, start, end, &floor, &ceiling);
	free_pgd_range(tlb, start, end, floor, ceiling);
}

int __do_munmap(struct mm_struct *mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	struct mmu_gather tlb;
	int ret;

	ret = vma_split_at(mm, start);
	if (!ret)
		ret = vma_split_at(mm, end);
	if (ret)
		return ret;
	tlb_gather_mmu(&tlb, mm, start, end);
	unmap_vmas(&tlb, start, end);
	remove_vmas(&tlb, start, end);
	tlb_finish_mmu(&tlb);
	return 0;
}

int do_munmap(struct mm_struct *mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	int ret;

	if ((start | len) & ~PAGE_MASK || !len || end > TASK_SIZE ||
	    end < start)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	ret = __do_munmap(mm, start, len);
	up_write(&mm->mmap_sem);
	return ret;
}

/* ---- exit ---- */

void exit_mmap(struct mm_struct *mm)
{
	struct mmu_gather tlb;

	if (mm_dead(mm))
		return;
	/* Secondary MMUs let go first; no page is freed before this. */
	mmu_notifier_release(mm);
	/* ... and leave the list, as 4.19's __mmu_notifier_release does. */
	sim_touch(&mm->nr_notifiers, true);
	mm->nr_notifiers = 0;
	down_write(&mm->mmap_sem);
	tlb_gather_mmu(&tlb, mm, 0, ~0ull);
	unmap_vmas(&tlb, 0, TASK_SIZE);
	remove_vmas(&tlb, 0, TASK_SIZE);
	tlb_remove_table(&tlb, mm->pgd_pfn);
	sim_touch(&mm->dead, true);	/* read without mmap_sem */
	mm->dead = true;
	tlb_finish_mmu(&tlb);
	up_write(&mm->mmap_sem);
}

void mmput(struct mm_struct *mm)
{
	exit_mmap(mm);
}
