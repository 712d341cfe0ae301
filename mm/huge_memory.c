// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transparent huge pages.
 */
#include "mm/pgtable.h"
#include "mm/thp.h"

void split_huge_pmd_address(struct vm_area_struct *vma, uint64_t address,
			    bool freeze, struct page *page)
{
	pteval_t *pmd = mm_find_pmd(vma->vm_mm, address & PMD_MASK);

	/* Nothing to split unless a PMD maps the page. */
	if (!pmd || !pte_huge(entry_read(pmd)))
		return;
	sim_violation("internal", address,
		      "split_huge_pmd of a PMD-mapped THP is not modelled yet");
}
