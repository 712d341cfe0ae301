/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU TLBs and paging-structure caches.
 *
 * A TLB here never evicts: an entry stays until a flush removes it, the
 * worst case real hardware may show.  Entries are tagged with the mm (as
 * PCIDs do), so switching mm does not flush.  Besides leaf entries (4K,
 * 2M, 1G) a CPU caches upper-level entries: a PMD-cache entry points at a
 * PTE table, a PUD-cache entry at a PMD table.  Like INVLPG, every flush
 * of an mm's range drops all of that mm's structure-cache entries.
 *
 * Every entry records the generation of the frame it points to when it
 * was made, so check/ can tell whether that frame was freed since.
 */
#ifndef MMSIM_ARCH_X86_TLB_H
#define MMSIM_ARCH_X86_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_CPUS 64

enum tlb_level {
	TLB_4K,
	TLB_2M,
	TLB_1G,
	TLB_PDE,	/* cached PMD entry: va>>21 -> PTE table */
	TLB_PDPTE,	/* cached PUD entry: va>>30 -> PMD table */
};

#define TLB_RW 0x1
#define TLB_DIRTY 0x2

struct tlb_entry {
	uint64_t key;		/* 0: empty */
	uint64_t pfn;		/* leaf: first frame; cache: table frame */
	uint32_t gen;		/* that frame's generation when cached */
	uint32_t flags;		/* TLB_RW, TLB_DIRTY */
	uint32_t owner;		/* ghost: whose data it held when cached */
	uint32_t pad;
	uint64_t made;		/* ghost: the step it was filled at */
};

struct tlb {
	struct tlb_entry *slot;
	uint32_t cap;		/* power of two */
	uint32_t used;
	/*
	 * The keys of the structure-cache entries (TLB_PDE, TLB_PDPTE) in
	 * the table, in no order.  Every range flush drops all of an mm's
	 * structure-cache entries; with this list a flush of a few pages
	 * finds them without scanning the whole table.
	 */
	uint64_t *pwc;
	uint32_t nr_pwc, cap_pwc;
};

struct cpu {
	int id;
	struct tlb tlb;
	/*
	 * Bumped by every flush that reaches this CPU.  A hardware walk
	 * that saw it change restarts: a shootdown IPI waits for the
	 * instruction in flight, so a walk never survives a flush.
	 */
	uint64_t flush_epoch;
	uint64_t nr_flush_all, nr_flush_range, nr_flush_page;
};

int tlb_init(struct tlb *t);
void tlb_destroy(struct tlb *t);
/* Drop every entry (a new machine). */
void tlb_clear(struct tlb *t);
uint64_t tlb_key(int mm_id, enum tlb_level level, uint64_t va);
struct tlb_entry *tlb_lookup(struct tlb *t, uint64_t key);
/* The leaf entry covering va, of any size, or NULL. */
struct tlb_entry *tlb_lookup_leaf(struct tlb *t, int mm_id, uint64_t va);
struct tlb_entry *tlb_insert(struct tlb *t, uint64_t key, uint64_t pfn,
			     uint32_t gen, uint32_t flags, uint32_t owner);
/* Drop entries of mm_id: leaves overlapping [start, end), all caches. */
int tlb_flush_range_local(struct tlb *t, int mm_id, uint64_t start,
			  uint64_t end);
int tlb_flush_mm_local(struct tlb *t, int mm_id);
/* #PF: drop what would translate @va (leaves and its structure path). */
void tlb_flush_addr_local(struct tlb *t, int mm_id, uint64_t va);
/* Calls fn for every valid entry (for reports and tests). */
void tlb_for_each(struct tlb *t,
		  void (*fn)(const struct tlb_entry *e, void *arg), void *arg);
int tlb_key_mm(uint64_t key);
enum tlb_level tlb_key_level(uint64_t key);
uint64_t tlb_key_va(uint64_t key);

#endif /* MMSIM_ARCH_X86_TLB_H */
