/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A device's own translation table (ODP's MTT, KVM's sPTEs, dmirror's
 * xarray): va page -> pfn, with the frame's generation and owner when the
 * translation was made.  Built on the TLB store (arch/x86/tlb.h), 4 KiB
 * entries only; never a scheduling point: the driver's lock, or the
 * atomicity of one device access, decides who sees what.
 */
#ifndef MMSIM_DRIVERS_MIRROR_TABLE_H
#define MMSIM_DRIVERS_MIRROR_TABLE_H

#include "arch/x86/tlb.h"

/* flags beside TLB_RW and TLB_DIRTY */
#define MIRROR_REF 0x4		/* the entry holds a page reference */
#define MIRROR_YOUNG 0x8	/* accessed since the last young test */

struct mirror_table {
	struct tlb t;
	int mm_id;
};

struct dev_pfn {
	uint64_t pfn;
	uint64_t when;		/* ghost: check_clock() at the lookup */
	uint32_t gen, owner;
	bool writable;
};

int mirror_init(struct mirror_table *m, int mm_id);
void mirror_destroy(struct mirror_table *m);
struct tlb_entry *mirror_lookup(struct mirror_table *m, uint64_t va);
void mirror_set(struct mirror_table *m, uint64_t va, const struct dev_pfn *p,
		uint32_t flags);
/*
 * Drop the entries in [start, end), calling @fn on each first (dma
 * unmap, set_page_dirty, put_page).  Returns how many went.
 */
int mirror_zap(struct mirror_table *m, uint64_t start, uint64_t end,
	       void (*fn)(const struct tlb_entry *e, void *arg), void *arg);

#endif /* MMSIM_DRIVERS_MIRROR_TABLE_H */
