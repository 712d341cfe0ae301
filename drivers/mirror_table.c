// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device translation tables on the TLB store (see mirror_table.h).
 */
#include <stddef.h>

#include "arch/x86/pgtable_types.h"
#include "check/check.h"
#include "drivers/mirror_table.h"
#include "sim/footprint.h"

int mirror_init(struct mirror_table *m, int mm_id)
{
	m->mm_id = mm_id;
	return tlb_init(&m->t);
}

void mirror_destroy(struct mirror_table *m)
{
	tlb_destroy(&m->t);
}

struct tlb_entry *mirror_lookup(struct mirror_table *m, uint64_t va)
{
	/* the empty test reads the table too (devices look up unlocked) */
	sim_touch(&m->t, false);
	if (!m->t.used)
		return NULL;
	return tlb_lookup(&m->t, tlb_key(m->mm_id, TLB_4K, va));
}

void mirror_set(struct mirror_table *m, uint64_t va, const struct dev_pfn *p,
		uint32_t flags)
{
	if (p->writable)
		flags |= TLB_RW;
	check_secondary_install(m->mm_id, va & PAGE_MASK, p->when);
	tlb_insert(&m->t, tlb_key(m->mm_id, TLB_4K, va), p->pfn, p->gen,
		   flags, p->owner);
}

struct zap_arg {
	uint64_t start, end;
	void (*fn)(const struct tlb_entry *e, void *arg);
	void *arg;
};

static void zap_one(const struct tlb_entry *e, void *p)
{
	struct zap_arg *z = p;
	uint64_t va = tlb_key_va(e->key);

	if (va >= z->start && va < z->end)
		z->fn(e, z->arg);
}

int mirror_zap(struct mirror_table *m, uint64_t start, uint64_t end,
	       void (*fn)(const struct tlb_entry *e, void *arg), void *arg)
{
	struct zap_arg z = { start, end, fn, arg };

	sim_touch(&m->t, true);
	if (!m->t.used)
		return 0;
	if (fn)
		tlb_for_each(&m->t, zap_one, &z);
	return tlb_flush_range_local(&m->t, m->mm_id, start, end);
}
