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
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "sim/footprint.h"
#include "mm/machine.h"
#include "mm/pgtable.h"

#define MAX_OPEN 16

struct open_range {
	uint64_t start, end;
};

struct owner_cache;
static void owner_cache_reset(void);

/*
 * The open brackets of each mm, indexed by mm id and grown on the first
 * bracket of a new id: most runs have a few mms, some thousands, and
 * none should pay for the largest.  Ids below opens_hi may have open
 * brackets; a reset touches only those.
 */
struct mm_open {
	struct open_range r[MAX_OPEN];
	int n;
};

static struct mm_open *opens;
static int opens_cap, opens_hi;
static unsigned int clauses;

static int nopen(int mm_id)
{
	return mm_id < opens_hi ? opens[mm_id].n : 0;
}

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
	for (int i = 0; i < opens_hi; i++)
		opens[i].n = 0;
	opens_hi = 0;
	nhistory = 0;
	owner_cache_reset();
}

static struct mm_open *mm_open_of(int mm_id)
{
	if (mm_id >= opens_cap) {
		int cap = opens_cap ? opens_cap : 64;
		struct mm_open *o;

		while (cap <= mm_id)
			cap *= 2;
		o = realloc(opens, (size_t)cap * sizeof(*o));
		if (!o)
			abort();	/* host out of memory */
		memset(o + opens_cap, 0,
		       (size_t)(cap - opens_cap) * sizeof(*o));
		opens = o;
		opens_cap = cap;
	}
	if (mm_id >= opens_hi)
		opens_hi = mm_id + 1;
	return &opens[mm_id];
}

void check_bracket_open(int mm_id, uint64_t start, uint64_t end)
{
	sim_touch(history, true);
	struct mm_open *o = mm_open_of(mm_id);

	if (nhistory < MAX_HISTORY)
		history[nhistory++] = (struct opened){ start, end,
						       check_clock(), mm_id };
	if (o->n < MAX_OPEN)
		o->r[o->n++] = (struct open_range){ start, end };
}

void check_bracket_close(int mm_id, uint64_t start, uint64_t end)
{
	sim_touch(history, true);
	struct mm_open *o;

	if (!nopen(mm_id))
		return;
	o = &opens[mm_id];
	for (int i = o->n - 1; i >= 0; i--) {
		if (o->r[i].start != start || o->r[i].end != end)
			continue;
		o->r[i] = o->r[--o->n];
		return;
	}
}

int check_open_brackets(int mm_id)
{
	sim_touch(history, false);
	return nopen(mm_id);
}

static bool covered(int mm_id, uint64_t start, uint64_t end)
{
	sim_touch(history, false);
	for (int i = 0; i < nopen(mm_id); i++)
		if (opens[mm_id].r[i].start <= start &&
		    end <= opens[mm_id].r[i].end)
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
	sim_touch(history, false);
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

/*
 * Which mms reach a table, and at what address, is found by scanning the
 * page tables; the answer is cached per table until a table is linked
 * or unlinked anywhere (the topology version), which is rare beside the
 * leaf changes that ask.
 */
struct owner {
	int mm;
	int level;		/* of the table: 0 PTE, 1 PMD, 2 PUD */
	uint64_t base;		/* the address its entry 0 maps */
};

#define OWNER_CACHE 64

struct owner_cache {
	uint64_t table;
	uint64_t version;	/* topology + 1 when filled, 0 empty */
	int n, cap;
	struct owner *o;	/* grows; kept across runs */
};

static struct owner_cache ocache[OWNER_CACHE];
static uint64_t topology;

/* Table frames are reused by the next machine: forget them. */
static void owner_cache_reset(void)
{
	for (int i = 0; i < OWNER_CACHE; i++)
		ocache[i].version = 0;
	topology = 0;
}

static bool is_table_link(pteval_t e)
{
	return pte_hw_present(e) && !pte_huge(e) &&
	       pte_pfn(e) < ghost.nr_frames &&
	       ghost.frame[pte_pfn(e)].use == FRAME_TABLE;
}

static void add_owner(struct owner_cache *c, int mm, int level, uint64_t base)
{
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 8;
		struct owner *o = realloc(c->o, (size_t)cap * sizeof(*o));

		if (!o)
			abort();
		c->o = o;
		c->cap = cap;
	}
	c->o[c->n++] = (struct owner){ mm, level, base };
}

/* Every place @table is linked in @mm's tables. */
static void scan(struct owner_cache *c, struct mm_struct *mm, uint64_t table)
{
	pteval_t *pgd = pfn_table(mm->pgd_pfn);

	for (unsigned int g = 0; g < PTRS_PER_TABLE; g++) {
		uint64_t va_g = (uint64_t)g << PGDIR_SHIFT;
		pteval_t *pud;

		if (!pte_hw_present(pgd[g]))
			continue;
		if (pte_pfn(pgd[g]) == table)
			add_owner(c, mm->id, 2, va_g);
		pud = pfn_table(pte_pfn(pgd[g]));
		for (unsigned int u = 0; u < PTRS_PER_TABLE; u++) {
			uint64_t va_u = va_g + ((uint64_t)u << PUD_SHIFT);
			pteval_t *pmd;

			if (!pte_hw_present(pud[u]) || pte_huge(pud[u]))
				continue;
			if (pte_pfn(pud[u]) == table)
				add_owner(c, mm->id, 1, va_u);
			pmd = pfn_table(pte_pfn(pud[u]));
			for (unsigned int m = 0; m < PTRS_PER_TABLE; m++) {
				if (!pte_hw_present(pmd[m]) ||
				    pte_huge(pmd[m]) ||
				    pte_pfn(pmd[m]) != table)
					continue;
				add_owner(c, mm->id, 0,
					  va_u + ((uint64_t)m << PMD_SHIFT));
			}
		}
	}
}

static const struct owner_cache *owners_of(uint64_t table)
{
	sim_touch(&topology, false);
	struct owner_cache *c = &ocache[table % OWNER_CACHE];

	if (c->table == table && c->version == topology + 1)
		return c;
	c->table = table;
	c->version = topology + 1;
	c->n = 0;
	sim_touch(&mach.nr_mms, false);
	for (int i = 0; i < mach.nr_mms; i++)
		if (!mm_dead(mach.mms[i]))
			scan(c, mach.mms[i], table);
	return c;
}

void check_entry_change(uint64_t table, unsigned int index, pteval_t old,
			pteval_t new)
{
	static const int shift[] = { PAGE_SHIFT, PMD_SHIFT, PUD_SHIFT };
	const struct owner_cache *c;

	check_dirty_change(table, index, old, new);
	if (is_table_link(old) || is_table_link(new)) {
		/* who reaches which table: read by every owners_of() */
		sim_touch(&topology, true);
		sim_touch(&mach.nr_notified_mms, false);
		if (mach.nr_notified_mms)
			topology++;
	}
	if (!revokes(old, new))
		return;
	/* a leaf that goes (not a downgrade in place): I14 tracks it */
	if (!pte_hw_present(new) || pte_pfn(new) != pte_pfn(old))
		check_deferred_cleared(old);
	/* the rest needs a notifier: one test for runs that never had one */
	sim_touch(&mach.nr_notified_mms, false);
	if (!mach.nr_notified_mms)
		return;
	changed_old = old;
	c = owners_of(table);
	for (int i = 0; i < c->n; i++) {
		struct mm_struct *mm = mach.mms[c->o[i].mm];

		sim_touch(&mm->dead, false);
		sim_touch(&mm->nr_notifiers, false);
		if (mm->dead || !mm->nr_notifiers ||
		    (!(clauses & CLAUSE_BRACKET_ALL) &&
		     !check_secondary_watched(mm->id)))
			continue;
		check_owner(mm, c->o[i].base +
				    ((uint64_t)index << shift[c->o[i].level]),
			    c->o[i].level);
	}
	/* the root table: a PGD entry maps 512 GiB */
	sim_touch(&mach.nr_mms, false);
	for (int i = 0; i < mach.nr_mms; i++) {
		struct mm_struct *mm = mach.mms[i];

		if (mm->pgd_pfn != table)
			continue;
		sim_touch(&mm->dead, false);
		sim_touch(&mm->nr_notifiers, false);
		if (!mm->dead && mm->nr_notifiers)
			check_owner(mm, (uint64_t)index << PGDIR_SHIFT, 3);
	}
}

/*
 * The clock a secondary MMU stamps its page-table read with, compared by
 * check_secondary_install() with the brackets opened since.
 */
uint64_t check_secondary_read_clock(void)
{
	sim_touch(history, false);
	return check_clock();
}
