/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's mm entry points that simulated threads call: faults and
 * the address-space system calls.
 */
#ifndef MMSIM_MM_MM_H
#define MMSIM_MM_MM_H

#include "mm/machine.h"

#define VM_FAULT_OOM 0x0001
#define VM_FAULT_SIGBUS 0x0002
#define VM_FAULT_HWPOISON 0x0010
#define VM_FAULT_SIGSEGV 0x0040
#define VM_FAULT_RETRY 0x0400
#define VM_FAULT_ERROR                                                       \
	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_HWPOISON | VM_FAULT_SIGSEGV)

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define MAP_HUGETLB 0x40000
#define MAP_LOCKED 0x2000
/* mmsim: the VMA gets VM_HUGEPAGE at once (as if madvised) */
#define MAP_HUGEPAGE 0x1000000

#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_HUGEPAGE 14
#define MADV_NOHUGEPAGE 15

/* mm_struct life cycle; mmput is exit_mmap (there is one user). */
struct mm_struct *mm_alloc(const char *name);
void mmput(struct mm_struct *mm);

struct address_space *file_create(const char *name, int kind, uint64_t size,
				  unsigned int order);

/*
 * mmap at a fixed address (MAP_FIXED_NOREPLACE semantics).  Returns 0 or
 * a negative errno.
 */
int do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, int prot,
	    int flags, struct address_space *file, uint64_t pgoff);

int handle_mm_fault(struct mm_struct *mm, uint64_t addr, bool write);

struct mmu_gather;
/*
 * Tear down the user mappings of [start, end) in every VMA of tlb->mm,
 * inside one notifier range (the pages go through the gather).
 */
void unmap_vmas(struct mmu_gather *tlb, uint64_t start, uint64_t end);

/* The address-space system calls; 0 or a negative errno. */
int do_munmap(struct mm_struct *mm, uint64_t start, uint64_t len);
int do_mprotect(struct mm_struct *mm, uint64_t start, uint64_t len,
		int prot);
int do_madvise(struct mm_struct *mm, uint64_t start, uint64_t len,
	       int advice);
/* Move [addr, addr + len) to new_addr (MREMAP_FIXED | MREMAP_MAYMOVE). */
int do_mremap(struct mm_struct *mm, uint64_t addr, uint64_t len,
	      uint64_t new_addr);
int do_mlock(struct mm_struct *mm, uint64_t start, uint64_t len);
int do_munlock(struct mm_struct *mm, uint64_t start, uint64_t len);
/* fork: a new mm, a copy of @oldmm (dup_mmap).  NULL when out of room. */
struct mm_struct *dup_mm(struct mm_struct *oldmm, const char *name);
/* exit: notifier release, zap, free every table and the PGD. */
void exit_mmap(struct mm_struct *mm);

/* shmem files: truncate to @size bytes (pages past it are dropped). */
int shmem_truncate(struct address_space *mapping, uint64_t size);

#endif /* MMSIM_MM_MM_H */
