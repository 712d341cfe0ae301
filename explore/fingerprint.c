// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "arch/x86/tlb.h"
#include "check/check.h"
#include "drivers/dev_mmu.h"
#include "explore/fingerprint.h"
#include "mm/machine.h"
#include "mm/pgtable.h"

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdull;
}

/* TLB slots depend on insertion order: sum the entries instead. */
static void sum_entry(const struct tlb_entry *e, void *arg)
{
	uint64_t h = mix(mix(mix(e->key, e->pfn), e->gen),
			 (uint64_t)e->flags << 32 | e->owner);

	*(uint64_t *)arg += h;
}

static uint64_t tlb_hash(struct tlb *t)
{
	uint64_t sum = 0;

	tlb_for_each(t, sum_entry, &sum);
	return sum;
}

static uint64_t frames_hash(uint64_t h)
{
	for (uint64_t pfn = 0; pfn < mach.nr_frames; pfn++) {
		const struct page *p = &mach.pages[pfn];

		h = mix(h, mach.mem[pfn]);
		h = mix(h, (uint64_t)p->flags << 32 | (uint32_t)p->_refcount);
		h = mix(h, (uint64_t)(uint32_t)p->_mapcount << 32 |
				   (uint32_t)p->_entire_mapcount);
		h = mix(h, (uint64_t)p->mapping << 32 | p->compound);
		h = mix(h, p->index);
		h = mix(h, p->private);
		h = mix(h, (uint64_t)ghost.frame[pfn].gen << 3 |
				   ghost.frame[pfn].use);
	}
	return h;
}

static uint64_t tables_hash(uint64_t h)
{
	for (uint32_t s = 0; s < mach.nr_pt; s++) {
		const pteval_t *t = pt_table(s);

		if (!mach.pt_meta[s].pfn)
			continue;
		h = mix(h, mach.pt_meta[s].pfn);
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			if (t[i])
				h = mix(mix(h, (uint64_t)i), t[i]);
	}
	return h;
}

static uint64_t ghost_hash(uint64_t h)
{
	for (uint32_t l = 0; l < ghost.nr_lp; l++)
		h = mix(mix(mix(h, ghost.lp[l].home), ghost.lp[l].version),
			ghost.lp[l].owner);
	for (uint64_t s = 0; s < ghost.nr_swap_words; s++)
		if (ghost.swap_word[s])
			h = mix(mix(h, s), ghost.swap_word[s]);
	return h;
}

uint64_t run_fingerprint(const struct run_result *r)
{
	uint64_t h = mix(0, (uint64_t)r->outcome);

	if (r->outcome == SIM_VIOLATION) {
		const char *k = r->violation.kind;

		for (size_t i = 0; k[i]; i++)
			h = mix(h, (unsigned char)k[i]);
		return mix(h, r->violation.site);
	}
	h = frames_hash(h);
	h = tables_hash(h);
	h = ghost_hash(h);
	for (int c = 0; c < mach.cfg.nr_cpus; c++)
		h = mix(h, tlb_hash(&mach.cpus[c].tlb));
	for (int i = 0; i < dev_mmu_count(); i++) {
		struct dev_mmu *d = dev_mmu_get(i);

		if (d->ops->table && d->ops->table(d))
			h = mix(h, tlb_hash(d->ops->table(d)));
	}
	return h;
}
