// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bug-switch catalogue (facts: ../shared/bugs-public.md).
 */
#include <string.h>

#include "eras/bugs.h"
#include "eras/era.h"

const struct bug_info bug_table[NR_BUG_SWITCHES] = {
	[BUG_PMD_SHARE_NO_UNSHARE] = {
		"pmd-share-no-unshare", "017b1660df89", 2018,
		"v4.19 v6.18", "bug-pmd-share-no-unshare", "lost-write uaf stale-read",
		"try_to_unmap_one ignores huge_pmd_unshare: a hugetlb page "
		"mapped through a shared PMD table has one mapcount for all "
		"sharers, so the rmap walk clears the shared entry, flushes "
		"only the first mm and stops; the other sharers' CPUs keep "
		"writing the old page after migration copied it.",
	},
	[BUG_PMD_SHARE_NARROW_RANGE] = {
		"pmd-share-narrow-range", "017b1660df89", 2018,
		"v4.19 v6.18", "bug-pmd-share-narrow-range", "lost-write uaf stale-read",
		"huge_pmd_unshare is handled but the notifier and flush "
		"ranges are not widened to the PUD: unsharing drops a whole "
		"PUD of translations while only one huge page is flushed, so "
		"the CPU keeps stale entries for the other huge pages of that "
		"PUD, which a later migration then copies.",
	},
	[BUG_ADJUST_RANGE_PRE_75802CA66354] = {
		"adjust-range-pre-75802ca66354", "75802ca66354", 2020,
		"v6.18", "bug-adjust-range", "notifier-unbracketed",
		"The original loop form of "
		"adjust_range_if_pmd_sharing_possible steps from the "
		"unaligned start by PUD_SIZE, so a range straddling a PUD "
		"boundary inside a 2 GiB mapping is widened to cover only the "
		"first PUD; the unshare of the second happens outside the "
		"notified range.",
	},
	[BUG_CVE_2021_4002] = {
		"cve-2021-4002", "a4a118f2eead", 2021, "v4.19 v6.18",
		"bug-cve-2021-4002", "pt-uaf stale-access uaf",
		"__unmap_hugepage_range does not flush the PUD range after a "
		"successful huge_pmd_unshare before dropping i_mmap_rwsem; the "
		"last sharer then frees the PMD table while a CPU still "
		"caches a path through it.",
	},
	[BUG_NOTIFY_SINGLE_PAGE] = {
		"notify-single-page", "369ea8242c0f", 2017, "v4.19",
		"bug-notify-single-page",
		"notifier-unbracketed uaf lost-write",
		"The secondary invalidation of try_to_unmap_one covers one "
		"page where a PTE-mapped THP's many PTEs were cleared; a "
		"client that relies on the range keeps the others.",
	},
	[BUG_BATCHED_FLUSH_NOT_PENDING] = {
		"batched-flush-not-pending", "3ea277194daa", 2017,
		"v4.4 v4.19 v6.18", "bug-batched-flush-not-pending",
		"stale-access",
		"change_pte_range (mprotect) does not call "
		"flush_tlb_batched_pending while reclaim has a deferred flush "
		"outstanding: mprotect finds the PTE already gone, flushes "
		"nothing, returns, and a CPU keeps writing through its cached "
		"writable entry.",
	},
	[BUG_CVE_2018_18281] = {
		"cve-2018-18281", "eb66ae030829", 2018, "v4.4 v4.19 v6.18",
		"bug-cve-2018-18281", "uaf stale-access",
		"mremap's move_ptes flushes the old range after dropping the "
		"page-table locks; a concurrent truncate finds the page at "
		"the new address, flushes that and frees the page while a CPU "
		"still maps the old address.",
	},
	[BUG_NOTIFIER_EARLY_EXIT] = {
		"notifier-early-exit", "(review, Aug 2018)", 2018,
		"v4.4-seed v4.19 v6.18", "bug-notifier-early-exit",
		"notifier-unbalanced",
		"An early exit after invalidate_range_start skips the "
		"matching end (Jerome's review of Michal's 4.4 draft: the "
		"page_check_address failure path jumped past range_end).",
	},
};

const struct era *bug_first_era(const struct bug_info *b)
{
	char name[16];
	size_t n = strcspn(b->eras, " ");

	if (n >= sizeof(name))
		return NULL;
	memcpy(name, b->eras, n);
	name[n] = 0;
	return era_find(name);
}

int bug_find(const char *name)
{
	for (int i = 0; i < NR_BUG_SWITCHES; i++)
		if (!strcmp(bug_table[i].name, name))
			return i;
	return -1;
}
