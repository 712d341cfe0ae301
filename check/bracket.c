// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bracketing oracle (kernel-semantics §8 I1 and I3; bugs-public I3
 * RANGE-COVER): from 4.19 on, every change that removes, downgrades or
 * repoints a user translation of an mm with notifiers happens inside an
 * open invalidate_range_start/end bracket whose range covers it; for an
 * unshared PMD table that is the whole PUD.
 *
 * check/ learns the brackets from the notifier core and the entry
 * changes from set_entry; which mm and address an entry maps is found by
 * scanning the page tables (only when the clause applies and some mm has
 * notifiers, so ordinary runs pay one test).
 */
#include <inttypes.h>
#include <string.h>

#include "check/check.h"
#include "mm/machine.h"
#include "mm/pgtable.h"

#define MAX_OPEN 16

struct open_range {
	uint64_t start, end;
};

static struct open_range open_ranges[MAX_MMS][MAX_OPEN];
static int nopen[MAX_MMS];
static unsigned int clauses;

/* Every bracket opened this run, with when: for I6/I7 at installs. */
#define MAX_HISTORY 512

struct opened {
	uint64_t start, end, when;
	int mm;
};

static struct opened history[MAX_HISTORY];
static int nhistory;

void check_set_contract(unsigned int c)
{
	clauses = c;
	memset(nopen, 0, sizeof(nopen));
	nhistory = 0;
}

void check_bracket_open(int mm_id, uint64_t start, uint64_t end)
{
	if (nhistory < MAX_HISTORY)
		history[nhistory++] = (struct opened){ start, end,
						       check_clock(), mm_id };
	if (nopen[mm_id] < MAX_OPEN)
		open_ranges[mm_id][nopen[mm_id]++] =
			(struct open_range){ start, end };
}

void check_bracket_close(int mm_id, uint64_t start, uint64_t end)
{
	for (int i = nopen[mm_id] - 1; i >= 0; i--) {
		if (open_ranges[mm_id][i].start != start ||
		    open_ranges[mm_id][i].end != end)
			continue;
		open_ranges[mm_id][i] = open_ranges[mm_id][--nopen[mm_id]];
		return;
	}
}

int check_open_brackets(int mm_id)
{
	return nopen[mm_id];
}

static bool covered(int mm_id, uint64_t start, uint64_t end)
{
	for (int i = 0; i < nopen[mm_id]; i++)
		if (open_ranges[mm_id][i].start <= start &&
		    end <= open_ranges[mm_id][i].end)
			return true;
	return false;
}

/*
 * I6/I7 (secondary-install-stale): a start/end-style secondary installs a
 * translation of @va built from a page-table read at @when.  No bracket
 * covering @va may be open now, and none may have opened since the read:
 * the client's collision-retry (seq, count, read_retry) must have caught
 * it.
 */
void check_secondary_install(int mm_id, uint64_t va, uint64_t when)
{
	bool open_now = covered(mm_id, va, va + PAGE_SIZE);

	for (int i = 0; i < nhistory; i++) {
		const struct opened *o = &history[i];

		if (o->mm != mm_id || va < o->start || va >= o->end)
			continue;
		if (!open_now && o->when <= when)
			continue;
		sim_violation("secondary-install-stale",
			      (uint64_t)mm_id << 48 | va >> 12,
			      "mm%d: a secondary MMU installs a translation of "
			      "%#" PRIx64 " read at %" PRIu64 " although an "
			      "invalidation of [%#" PRIx64 ", %#" PRIx64
			      ") %s (contract clauses I6/I7: no translation is "
			      "created inside an invalidation, nor from a read "
			      "an invalidation overlapped)",
			      mm_id, va, when, o->start, o->end,
			      open_now ? "is in progress" : "started since");
	}
}

/* Does the change take away something a TLB could have cached? */
static bool revokes(pteval_t old, pteval_t new)
{
	if (!pte_hw_present(old))
		return false;
	if (!pte_hw_present(new) || pte_pfn(new) != pte_pfn(old))
		return true;
	return pte_write(old) && !pte_write(new);
}

static const uint64_t level_size[] = { PAGE_SIZE, PMD_SIZE, PUD_SIZE,
				       1ull << PGDIR_SHIFT };

static pteval_t changed_old;	/* the entry being changed */

static void check_owner(struct mm_struct *mm, uint64_t va, int level)
{
	uint64_t end = va + level_size[level];

	/* I4: a removed leaf may sit in a device TLB until it flushes */
	if (check_secondary_watched(mm->id) &&
	    (level == 0 || pte_huge(changed_old)))
		check_secondary_removed(mm->id, va, level_size[level],
					pte_pfn(changed_old));
	if (!(clauses & CLAUSE_BRACKET_ALL) || covered(mm->id, va, end))
		return;
	sim_violation("notifier-unbracketed", (uint64_t)mm->id << 48 | va >> 12,
		      "mm%d: the entry for [%#" PRIx64 ", %#" PRIx64
		      ") was removed or downgraded outside any "
		      "invalidate_range_start/end bracket covering it "
		      "(contract clause I1/I3: every such change lies inside "
		      "an active bracket; an unshared PMD table covers its "
		      "whole PUD)",
		      mm->id, va, end);
}

/* Find where @table is used in @mm's tables and check those ranges. */
static void scan(struct mm_struct *mm, uint64_t table, unsigned int index)
{
	pteval_t *pgd = pfn_table(mm->pgd_pfn);

	for (unsigned int g = 0; g < PTRS_PER_TABLE; g++) {
		uint64_t va_g = (uint64_t)g << PGDIR_SHIFT;
		pteval_t *pud;

		if (!pte_hw_present(pgd[g]))
			continue;
		if (pte_pfn(pgd[g]) == table)
			check_owner(mm, va_g + ((uint64_t)index << PUD_SHIFT),
				    2);
		pud = pfn_table(pte_pfn(pgd[g]));
		for (unsigned int u = 0; u < PTRS_PER_TABLE; u++) {
			uint64_t va_u = va_g + ((uint64_t)u << PUD_SHIFT);
			pteval_t *pmd;

			if (!pte_hw_present(pud[u]) || pte_huge(pud[u]))
				continue;
			if (pte_pfn(pud[u]) == table)
				check_owner(mm, va_u +
					    ((uint64_t)index << PMD_SHIFT), 1);
			pmd = pfn_table(pte_pfn(pud[u]));
			for (unsigned int m = 0; m < PTRS_PER_TABLE; m++) {
				if (!pte_hw_present(pmd[m]) ||
				    pte_huge(pmd[m]) ||
				    pte_pfn(pmd[m]) != table)
					continue;
				check_owner(mm, va_u +
					    ((uint64_t)m << PMD_SHIFT) +
					    ((uint64_t)index << PAGE_SHIFT), 0);
			}
		}
	}
}

void check_entry_change(uint64_t table, unsigned int index, pteval_t old,
			pteval_t new)
{
	check_dirty_change(table, index, old, new);
	if (!revokes(old, new))
		return;
	/* a leaf that goes (not a downgrade in place): I14 tracks it */
	if (!pte_hw_present(new) || pte_pfn(new) != pte_pfn(old))
		check_deferred_cleared(old);
	changed_old = old;
	for (int i = 0; i < mach.nr_mms; i++) {
		struct mm_struct *mm = mach.mms[i];

		if (mm->dead || !mm->nr_notifiers)
			continue;
		if ((clauses & CLAUSE_BRACKET_ALL) ||
		    check_secondary_watched(mm->id)) {
			/* the root table: a PGD entry maps 512 GiB */
			if (mm->pgd_pfn == table)
				check_owner(mm, (uint64_t)index << PGDIR_SHIFT,
					    3);
			scan(mm, table, index);
		}
	}
}
