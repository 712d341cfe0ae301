// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page-table path of one address, level by level, read from the
 * machine as it is now (after setup for "show", at the violation for a
 * report).  A PMD or PTE table that another mm also reaches for the same
 * address is marked shared: that is how hugetlb PMD sharing looks.
 */
#include <inttypes.h>

#include "mm/pgtable.h"
#include "scenario/world.h"
#include "tools/lib/cli.h"

static const char *const level_names[] = { "PGD", "PUD", "PMD", "PTE" };

/* The table @mm uses at @level (0 PGD .. 3 PTE) for @va, or NULL. */
static pteval_t *table_at(struct mm_struct *mm, uint64_t va, int level)
{
	pteval_t *p = pgd_offset(mm, va);

	for (int l = 1; l <= level && p; l++) {
		static const unsigned int shift[] = { 39, 30, 21, 12 };

		p = next_level(entry_read(p), (va >> shift[l]) & 511);
	}
	return p;
}

/* Other processes whose walk of @va goes through table @pfn. */
static void print_sharers(FILE *f, int proc, uint64_t va, int level,
			  uint64_t pfn)
{
	bool any = false;

	for (int i = 0; i < WORLD_MAX_PROCS; i++) {
		struct mm_struct *mm = world_mm(i);
		pteval_t *p;

		if (i == proc || !mm || mm->dead || !mm->pgd_pfn)
			continue;
		p = table_at(mm, va, level);
		if (!p || pt_pfn_of(p) != pfn)
			continue;
		fprintf(f, "%s mm%d", any ? "," : "  SHARED with", i);
		any = true;
	}
}

static void print_flags(FILE *f, pteval_t e)
{
	fprintf(f, " [%s%s%s%s%s%s]", e & _PAGE_PRESENT ? "P" : "-",
		e & _PAGE_RW ? " RW" : "", e & _PAGE_USER ? " U" : "",
		e & _PAGE_ACCESSED ? " A" : "", e & _PAGE_DIRTY ? " D" : "",
		e & _PAGE_PSE ? " PSE" : "");
}

void pt_path_text(FILE *f, int proc, uint64_t va, const char *indent)
{
	static const unsigned int shift[] = { 39, 30, 21, 12 };
	struct mm_struct *mm = world_mm(proc);

	fprintf(f, "%smm%d (%s) va %#" PRIx64 ":\n", indent, proc,
		mm ? mm->name : "?", va);
	if (!mm || mm->dead || !mm->pgd_pfn) {
		fprintf(f, "%s  (the mm is gone)\n", indent);
		return;
	}
	for (int l = 0; l < 4; l++) {
		pteval_t *p = table_at(mm, va, l);
		pteval_t e;

		if (!p)
			return;
		e = entry_read(p);
		fprintf(f, "%s  %s table pfn %#" PRIx64 " [%3u] = %#018" PRIx64,
			indent, level_names[l], pt_pfn_of(p),
			(unsigned int)((va >> shift[l]) & 511), e);
		print_flags(f, e);
		if (l >= 2)
			print_sharers(f, proc, va, l, pt_pfn_of(p));
		if (e & _PAGE_PRESENT && (l == 3 || (l && e & _PAGE_PSE)))
			fprintf(f, "  -> %s page pfn %#" PRIx64,
				l == 3 ? "4K" : l == 2 ? "2M" : "1G",
				pte_pfn(e));
		fputc('\n', f);
		if (!(e & _PAGE_PRESENT) || (l && e & _PAGE_PSE))
			return;
	}
}
