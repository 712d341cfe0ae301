// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mm core's invariants (see mm/invariants.h).  A walk over every
 * live mm's tables counts, per frame, the leaf entries that map it and
 * the mms that reach each table; then struct page and the mm counters
 * are compared with the counts.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "mm/hugetlb.h"
#include "mm/machine.h"
#include "mm/mmu_gather.h"
#include "mm/pgtable.h"
#include "mm/shmem.h"
#include "mm/swap_state.h"

struct inv {
	int32_t *pte_maps;	/* per frame: PTEs mapping it */
	int32_t *huge_maps;	/* per head frame: PMD/PUD leaves */
	int32_t *sharers;	/* per PMD table: mms whose PUD points here */
	uint8_t *reached;	/* per frame: a table reached by a walk */
	long ptes, pmds;	/* tables of the mm being walked */
	int found;
};

#define report(inv, kind, site, ...)                                         \
	do {                                                                 \
		(inv)->found++;                                              \
		sim_record_violation(kind, site, __VA_ARGS__);               \
	} while (0)

static void count_leaf(struct inv *inv, pteval_t v, bool huge)
{
	uint64_t pfn = pte_pfn(v);

	if (pfn >= mach.nr_frames)
		return;
	if (huge)
		inv->huge_maps[pfn]++;
	else
		inv->pte_maps[pfn]++;
}

static void walk_ptes(struct inv *inv, uint64_t table)
{
	pteval_t *t = pfn_table(table);

	inv->reached[table] = 1;
	inv->ptes++;
	for (int i = 0; i < PTRS_PER_TABLE; i++)
		if (pte_present(t[i]))
			count_leaf(inv, t[i], false);
}

static void walk_pmds(struct inv *inv, uint64_t table)
{
	pteval_t *t = pfn_table(table);
	bool seen = inv->reached[table];

	inv->sharers[table]++;
	inv->pmds++;
	/* A shared table's leaves count once: mapcounts live in it. */
	if (seen)
		return;
	inv->reached[table] = 1;
	for (int i = 0; i < PTRS_PER_TABLE; i++) {
		pteval_t v = t[i];

		if (pte_huge(v) && pte_present(v))
			count_leaf(inv, v, true);
		else if (pte_hw_present(v))
			walk_ptes(inv, pte_pfn(v));
	}
}

static void walk_mm(struct inv *inv, struct mm_struct *mm)
{
	pteval_t *pgd = pfn_table(mm->pgd_pfn);

	inv->ptes = inv->pmds = 0;
	inv->reached[mm->pgd_pfn] = 1;
	for (int i = 0; i < PTRS_PER_TABLE; i++) {
		pteval_t *pud;

		if (!pte_hw_present(pgd[i]))
			continue;
		inv->reached[pte_pfn(pgd[i])] = 1;
		pud = pfn_table(pte_pfn(pgd[i]));
		for (int j = 0; j < PTRS_PER_TABLE; j++) {
			if (pte_huge(pud[j]) && pte_present(pud[j]))
				count_leaf(inv, pud[j], true);
			else if (pte_hw_present(pud[j]))
				walk_pmds(inv, pte_pfn(pud[j]));
		}
	}
	if (inv->ptes != mm->nr_ptes || inv->pmds != mm->nr_pmds)
		report(inv, "invariant", (uint64_t)mm->id,
		       "mm%d %s: nr_ptes %ld nr_pmds %ld, but its tables "
		       "hold %ld PTE and %ld PMD tables",
		       mm->id, mm->name, mm->nr_ptes, mm->nr_pmds, inv->ptes,
		       inv->pmds);
}

static bool allocated_data(struct page *p)
{
	return !PageBuddy(p) && !PageTable(p) && p->_refcount > 0;
}

/* Folio-wide: refcount >= mapcount; each mapcount matches the walk. */
static void check_page(struct inv *inv, uint64_t pfn)
{
	struct page *head = pfn_to_page(pfn);
	unsigned long nr = compound_nr(head);
	long maps = head->_entire_mapcount + 1;

	if (PageHead(head) && head->_entire_mapcount + 1 != inv->huge_maps[pfn])
		report(inv, "invariant", pfn,
		       "pfn %#" PRIx64 ": entire mapcount %d, but %d huge "
		       "entries map it",
		       pfn, head->_entire_mapcount + 1, inv->huge_maps[pfn]);
	for (unsigned long i = 0; i < nr; i++) {
		int want = inv->pte_maps[pfn + i];

		maps += head[i]._mapcount + 1;
		if (head[i]._mapcount + 1 != want)
			report(inv, "invariant", pfn + i,
			       "pfn %#" PRIx64 ": mapcount %d, but %d PTEs map "
			       "it",
			       pfn + i, head[i]._mapcount + 1, want);
	}
	if (!PageHead(head))
		maps = head->_mapcount + 1;
	if (head->_refcount < maps)
		report(inv, "invariant", pfn,
		       "pfn %#" PRIx64 ": refcount %d below mapcount %ld", pfn,
		       head->_refcount, maps);
}

static void check_frames(struct inv *inv)
{
	for (uint64_t pfn = 1; pfn < mach.nr_frames;) {
		struct page *p = pfn_to_page(pfn);

		if (PageBuddy(p)) {
			pfn += 1ull << p->compound;
			continue;
		}
		if (PageTable(p)) {
			if (!inv->reached[pfn] && !mmu_gather_holds_table(pfn))
				report(inv, "invariant", pfn,
				       "table %#" PRIx64 " is reachable from no "
				       "mm and no gather frees it",
				       pfn);
			if (inv->sharers[pfn] &&
			    pmd_share_count(pfn) != inv->sharers[pfn])
				report(inv, "pmd-share-count", pfn,
				       "PMD table %#" PRIx64 ": share count %d, "
				       "but %d mms point to it",
				       pfn, pmd_share_count(pfn),
				       inv->sharers[pfn]);
			pfn++;
			continue;
		}
		if (allocated_data(p) || PageHead(p))
			check_page(inv, pfn);
		else if (inv->pte_maps[pfn] || inv->huge_maps[pfn])
			report(inv, "invariant", pfn,
			       "pfn %#" PRIx64 " is mapped but not allocated",
			       pfn);
		pfn += compound_nr(p);
	}
}

/* Every frame is free, in a hugetlb pool, or in a page or swap cache. */
static void check_leak(struct inv *inv)
{
	uint64_t held = (uint64_t)mach.nr_free_frames + 1;	/* + pfn 0 */

	for (int i = 0; i < mach.nr_mms; i++)
		if (!mach.mms[i]->dead)
			return;
	held += (uint64_t)mach.hstate_2m.nr_total << mach.hstate_2m.order;
	held += (uint64_t)mach.hstate_1g.nr_total << mach.hstate_1g.order;
	held += shmem_cached_pages() + swap_cache_pages();
	if (held != mach.nr_frames)
		report(inv, "invariant", held,
		       "after every mm exited %" PRIu64 " of %" PRIu64
		       " frames are accounted for: %" PRId64 " leaked",
		       held, mach.nr_frames,
		       (int64_t)(mach.nr_frames - held));
}

int mm_check_invariants(void)
{
	uint64_t n = mach.nr_frames;
	struct inv inv = {
		.pte_maps = calloc(n, sizeof(int32_t)),
		.huge_maps = calloc(n, sizeof(int32_t)),
		.sharers = calloc(n, sizeof(int32_t)),
		.reached = calloc(n, 1),
	};

	if (inv.pte_maps && inv.huge_maps && inv.sharers && inv.reached) {
		for (int i = 0; i < mach.nr_mms; i++)
			if (!mach.mms[i]->dead)
				walk_mm(&inv, mach.mms[i]);
		check_frames(&inv);
		check_leak(&inv);
	}
	free(inv.pte_maps);
	free(inv.huge_maps);
	free(inv.sharers);
	free(inv.reached);
	return inv.found;
}
