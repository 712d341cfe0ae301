/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Secondary MMUs: devices that translate an mm's virtual addresses
 * themselves and learn about CPU page-table changes through MMU
 * notifiers.  Each kind follows its era's contract (kernel-semantics §7),
 * chosen from the era table's flags, never from the era's name:
 *
 *   iommu-sva   a device TLB filled by its own walker from the CPU page
 *               tables; flushed by invalidate_page / invalidate_range /
 *               arch_invalidate_secondary_tlbs; no start/end
 *   odp         RDMA on-demand paging: an MTT filled by a fault path;
 *               hlist start/end with notifiers_count/seq and page
 *               references (4.x), or an interval notifier (>= 5.5)
 *   kvm         a shadow/EPT table (gfn == va page), mmu_lock, seq and
 *               in-progress count, retry before install
 *   hmm-mirror  lib/test_hmm.c's dmirror: interval notifier, read_begin,
 *               hmm_range_fault, mutex, read_retry, install
 *
 * A device engine thread runs dma-read / dma-write page by page through
 * ops->access, faulting in through ops->fault on a miss.  Every access
 * goes to check_access() like a CPU access, with the frame generation and
 * owner recorded when the translation was made, so a stale translation is
 * a uaf, lost-write or stale-read like any other.
 */
#ifndef MMSIM_DRIVERS_DEV_MMU_H
#define MMSIM_DRIVERS_DEV_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check/check.h"
#include "mm/mm_types.h"
#include "sim/footprint.h"

enum dev_mmu_kind {
	DEV_MMU_IOMMU_SVA,
	DEV_MMU_ODP,
	DEV_MMU_KVM,
	DEV_MMU_HMM_MIRROR,
	NR_DEV_MMU_KINDS
};

#define DEV_MAX_MMUS 8
#define ENODEV 19
#define EFAULT 14

struct dev_mmu;

struct dev_mmu_ops {
	const char *kind;
	/* Allocate; no scheduling point (runs while the world is built). */
	struct dev_mmu *(*create)(void);
	/*
	 * Register with @d->mm (in a simulated thread).  Returns 0, or a
	 * negative errno with a message in @err.
	 */
	int (*attach)(struct dev_mmu *d, char *err, size_t len);
	/*
	 * One device access at @va through an existing translation.
	 * Returns 0 (done, *word set), -EAGAIN (look again: the walker
	 * filled something), -EFAULT (no usable translation: fault),
	 * -ENODEV (the mm was released: the device must stop).
	 */
	int (*access)(struct dev_mmu *d, uint64_t va, bool write,
		      uint64_t *word);
	/* Make a translation for @va: 0 or a VM_FAULT_* error. */
	int (*fault)(struct dev_mmu *d, uint64_t va, bool write);
	void (*destroy)(struct dev_mmu *d);
	/* The device's translations (IOTLB, MTT, sPTEs), for mmsim show. */
	struct tlb *(*table)(struct dev_mmu *d);
};

struct dev_mmu {
	int id;
	int kind;
	char name[16];
	struct mm_struct *mm;
	const struct dev_mmu_ops *ops;
	struct agent who;
	bool released;		/* ->release ran: no access to the mm */
	/* statistics (benchmarks and tests) */
	uint64_t nr_access, nr_fault, nr_retry, nr_invalidate;
};

int dev_mmu_kind_find(const char *name);
const char *dev_mmu_kind_name(int kind);

/* The devices of the world being run, by index. */
struct dev_mmu *dev_mmu_create(int kind, const char *name);
struct dev_mmu *dev_mmu_get(int index);
int dev_mmu_count(void);
/* Free every device (the next world is built from scratch). */
void dev_mmu_reset_all(void);
int dev_mmu_attach(struct dev_mmu *d, struct mm_struct *mm, char *err,
		   size_t len);

/* The engine: 0, a VM_FAULT_* error, or -ENODEV. */
int dev_dma(struct dev_mmu *d, uint64_t addr, uint64_t len, bool write);
int dev_prefault(struct dev_mmu *d, uint64_t addr, uint64_t len,
		 bool write);

/* The oracle call and access event of every device access. */
uint64_t dev_check_access(struct dev_mmu *d, uint64_t va, uint64_t pfn,
			  uint32_t gen, bool write, uint32_t owner);

extern const struct dev_mmu_ops iommu_sva_ops, odp_ops, kvm_ops,
	hmm_mirror_ops;

/* ->release may run on another thread: a lock-free read (footprint.h). */
static inline bool dev_released(struct dev_mmu *d)
{
	sim_touch(&d->released, false);
	return d->released;
}

#endif /* MMSIM_DRIVERS_DEV_MMU_H */
